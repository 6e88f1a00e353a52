//! `auralog tail-stdin`: one entry per line of stdin, every line echoed to
//! stdout as it came (a tee).
//!
//! Three threads, joined by bounded channels so memory stays flat whatever
//! the input rate (back-pressure: when delivery falls behind, the shaper
//! waits, then the reader, then the writer upstream):
//!
//! - the reader reads stdin in chunks and echoes each chunk to stdout at
//!   once, byte for byte (so the echo never waits for a line to end and
//!   never depends on parsing);
//! - the shaper splits lines, folds multi-line records, detects levels and
//!   writes the wire JSON of each entry into blocks (a hand-written writer
//!   for plain lines; serde for the rare lines that carry more);
//! - the calling thread owns the [`Sender`]: it batches the entries and
//!   delivers them, and waits for blocks with `recv_timeout(due_in)` so that
//!   `flush_interval` fires while stdin is idle.
//!
//! SIGINT/SIGTERM: reading stops; what was read is shaped and delivered for
//! at most 2 s, the rest spooled, then the process ends by that
//! signal (a shell shows 130/143). A second
//! signal spools everything in memory at once (no network); a third exits.
//! Delivery never holds reading back: batches beyond the memory bound go to
//! the spool (`Overflow::Spool`) until it is full.

use std::borrow::Cow;
use std::io::{Read, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender, TryRecvError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use serde_json::{Map, Value};

use crate::commands::ingest::FieldArgs;
use crate::commands::template::{EntryArgs, Template};
use crate::detect;
use crate::exit::Code;
use crate::fastjson::{self, Clock};
use crate::formats;
use crate::multiline::{Folder, Record, Rule};
use crate::output;
use crate::reading::fold::{CrashFolder, Pushed};
use crate::reading::time::Micros;
use crate::reading::{self, errors, text};
use crate::sender::encoder::Output;
use crate::sender::fanout::Senders;
use crate::settings::Settings;
use crate::sys::signals::Stop;
use crate::wire::{Entry, Level};
use crate::wire::{EntryParts, MetaVal};

const EXAMPLES: &str = "\
Examples:
  make test 2>&1 | auralog tail-stdin
  ./deploy.sh 2>&1 | auralog tail-stdin --tag deploy -m commit=$GIT_SHA
  kubectl logs -f pod/api | auralog tail-stdin --no-echo --parse json
  java -jar app.jar 2>&1 | auralog tail-stdin --multiline 'start=^\\d{4}-\\d\\d-\\d\\d '
  python job.py 2>&1 | auralog tail-stdin --multiline indent
  some-command | auralog tail-stdin --dry-run      # the wire JSON, one entry a line

Details:
  Lines: one entry per line, its trailing \\n removed and nothing else (a \\r
  before it is kept: pipe through `tr -d '\\r'` to drop it). A last line
  without \\n is sent at end of input. A line longer than --max-line-bytes is
  cut there (on a character boundary) and gets metadata truncated=true and
  originalBytes; invalid UTF-8 is replaced by U+FFFD and gets
  metadata.invalidUtf8=true. The echo is always the original bytes.

  Levels (unless --level): a JSON line's level field as its shape names it,
  a syslog <N> prefix, level=/lvl=/severity= keys, then the leading words of
  the line: ERROR, WARN, [warn], error:, npm ERR!, Traceback..., panic: ...
  Words in the body of a line (\"0 errors\", \"GET /api/errors\") do not count.
  Otherwise info.

  JSON lines (--parse auto: a line that is a JSON object; --parse json:
  every line, and a line that is not JSON is sent as text with
  metadata.parseError and one warning): read as `auralog ingest` reads a
  record, by its shape (pino, bunyan, winston, zap, logrus, zerolog, slog,
  structlog, python-json-logger, loguru, log4j2, logback, Serilog CLEF, ECS,
  Google Cloud, journald, docker json-file, OpenTelemetry; README has the
  table), or by --message-field/--level-field/--timestamp-field. A time that
  cannot be read stays in metadata and the read time is used; the rest ->
  metadata (a line's own field wins over -m and [metadata]). A JSON line
  without a message field keeps the whole line as its message.

  Prefixes and colours: a leading RFC 3339 time as `docker logs
  --timestamps` writes it is the entry's time and leaves the message; ANSI
  escape sequences leave the message. The echo stays byte-exact.

  --multiline auto (the default): Python tracebacks, Java/Kotlin/.NET/Node.js
  stacks, Go panics and goroutine dumps, Rust panics become one entry each:
  message = the exception line, stackTrace = the whole text,
  metadata.errorName = the exception's type. Other lines go out at once.
  --multiline none: one entry per line.
  --multiline indent: a line starting with a space or tab, `Caused by:`, or
  the exception line closing a Python traceback joins the record before it.
  --multiline start=REGEX: a line matching REGEX starts a record, any other
  line joins the one before. With these two the first line starts a record, a
  record's first line is the message and the rest its stackTrace (for a bare
  Python traceback, the exception line is the message). A pending record is
  sent after --multiline-timeout without new input.

  Delivery: batches by count and bytes, a flush every flush_interval even
  while stdin is idle, and one at end of input, with several requests in
  flight. When delivery falls behind, batches beyond the memory bound go to
  the spool and reading goes on (it waits only when the spool is full).
  On SIGINT/SIGTERM reading stops, what was read is delivered for at most
  2 s and the rest spooled, then auralog ends by that signal (a
  shell shows 130/143); a second signal spools
  everything in memory at once.
  If stdout closes (`| head`), the echo stops with one warning and every
  line is still sent.";

/// How input lines are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ParseMode {
    /// Lines that are JSON objects are parsed; the rest is text.
    Auto,
    /// Every line is expected to be a JSON object.
    Json,
    /// Every line is text, JSON or not.
    Text,
}

/// Stream stdin to Auralogs, one entry per line, echoing it to stdout.
///
/// `some-command 2>&1 | auralog tail-stdin` ships every line of the command's
/// output while still showing it. Levels are detected from each line unless
/// --level fixes one.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    #[command(flatten)]
    pub entry: EntryArgs,

    /// Do not echo input to stdout.
    #[arg(long)]
    pub no_echo: bool,

    /// How to read lines: auto (JSON objects are parsed, the rest is text), json or text.
    #[arg(long, value_enum, default_value_t = ParseMode::Auto, value_name = "MODE")]
    pub parse: ParseMode,

    #[command(flatten)]
    pub fields: FieldArgs,

    /// Fold multi-line records into one entry: `auto`, `none`, `indent` or `start=REGEX`.
    ///
    /// auto: known crash shapes (Python tracebacks, Java/Kotlin/.NET/Node.js
    /// stacks, Go and Rust panics) become one entry each; every other line
    /// stays its own. none: one entry per line.
    /// indent: lines starting with whitespace (and Java's `Caused by:`, and the
    /// exception line of a Python traceback) join the record before them.
    /// start=REGEX: a line matching REGEX starts a record; other lines join it.
    #[arg(long, value_name = "RULE", default_value = "auto", value_parser = Rule::parse)]
    pub multiline: Rule,

    /// Seconds without input after which a pending multi-line record is sent.
    #[arg(long, value_name = "SECS", default_value = "1", value_parser = parse_secs)]
    pub multiline_timeout: Duration,

    /// Cut longer lines (and multi-line records) at this many bytes.
    ///
    /// Accepts a number of bytes or a size such as 64KiB or 1MiB (16 bytes to
    /// 8MiB). Cut entries carry metadata truncated=true and originalBytes.
    #[arg(long, value_name = "BYTES", default_value = "256KiB", value_parser = parse_size)]
    pub max_line_bytes: usize,
}

fn parse_secs(s: &str) -> Result<Duration, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && (0.0..=86_400.0).contains(&x) => Ok(Duration::from_secs_f64(x)),
        _ => Err(format!(
            "invalid duration '{s}': expected seconds, for example 1 or 0.5"
        )),
    }
}

/// `262144`, `256K`, `256KiB`, `1M`, `1MiB` (K and M are powers of 1024).
pub fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: usize = num
        .parse()
        .map_err(|_| format!("invalid size '{s}': expected bytes, for example 262144 or 256KiB"))?;
    let mult = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1024,
        "m" | "mb" | "mib" => 1024 * 1024,
        _ => {
            return Err(format!(
                "invalid size '{s}': unknown unit '{unit}' (use KiB or MiB)"
            ))
        }
    };
    let v = n
        .checked_mul(mult)
        .ok_or_else(|| format!("invalid size '{s}': too large"))?;
    if v < 16 {
        return Err(format!("invalid size '{s}': at least 16 bytes"));
    }
    // Memory stays bounded: a line is held whole until it ends.
    if v > 8 << 20 {
        return Err(format!("invalid size '{s}': at most 8MiB"));
    }
    Ok(v)
}

/// Bytes read from stdin at a time.
const CHUNK: usize = 128 * 1024;
/// Chunks that may wait between reader and shaper.
const CHUNKS_IN_FLIGHT: usize = 8;
/// A block is handed to the sender when its JSON reaches this size (or when
/// input goes idle).
const BLOCK_BYTES: usize = 256 * 1024;
/// Blocks that may wait between shaper and sender.
const BLOCKS_IN_FLIGHT: usize = 4;

/// Reader -> shaper.
enum Chunk {
    /// A buffer and how many of its bytes were read.
    Data(Vec<u8>, usize),
    Eof,
    /// A signal arrived: look at the stop flag.
    Wake,
}

/// Entries serialised as wire JSON, back to back; `items[i]` is the end of
/// entry `i` in `json` and its level.
#[derive(Default)]
struct Block {
    json: Vec<u8>,
    items: Vec<(usize, Level)>,
}

impl Block {
    fn entries(&self) -> impl Iterator<Item = (Level, &[u8])> {
        let mut start = 0;
        self.items.iter().map(move |&(end, level)| {
            let e = &self.json[start..end];
            start = end;
            (level, e)
        })
    }

    fn clear(&mut self) {
        self.json.clear();
        self.items.clear();
    }
}

/// Shaper -> sender.
enum ToSender {
    Block(Block),
    Done,
}

pub fn run(args: Args, settings: &Settings) -> Result<Code> {
    // Inside a flow, the whole stream is one step: one stepIndex (issue 17).
    let template = Template::stream(&args.entry, settings, Vec::new(), "tail-stdin stream")?;
    let dry_run = args.entry.dry_run;
    super::preflight(settings, dry_run)?;

    let (chunk_tx, chunk_rx) = mpsc::sync_channel::<Chunk>(CHUNKS_IN_FLIGHT);
    let (spare_tx, spare_rx) = mpsc::sync_channel::<Vec<u8>>(CHUNKS_IN_FLIGHT + 2);
    let (block_tx, block_rx) = mpsc::sync_channel::<ToSender>(BLOCKS_IN_FLIGHT);
    let (empty_tx, empty_rx) = mpsc::sync_channel::<Block>(BLOCKS_IN_FLIGHT + 2);

    // SIGINT/SIGTERM: the first stops reading (what was read is delivered
    // within STOP_GRACE, the rest spooled); a second spools everything in
    // memory at once; a third exits at once.
    let abort =
        std::sync::Arc::new(std::sync::OnceLock::<Vec<crate::sender::pool::AbortHandle>>::new());
    let stop = {
        let (wake, abort) = (chunk_tx.clone(), abort.clone());
        Stop::install_each(move |n, code| {
            match (n, abort.get()) {
                (1, Some(a)) => a.iter().for_each(|a| a.stop_within(STOP_GRACE)),
                (1, None) => {}
                (2, Some(a)) => {
                    output::warn("second signal: spooling what is in memory and exiting");
                    a.iter().for_each(crate::sender::pool::AbortHandle::abandon);
                }
                _ => std::process::exit(i32::from(code.as_u8())),
            }
            // If the channel is full the shaper is busy and sees the flag soon.
            let _ = wake.try_send(Chunk::Wake);
        })?
    };

    // With --dry-run stdout carries the wire JSON: no echo.
    let echo = !args.no_echo && !dry_run;
    std::thread::Builder::new()
        .name("stdin".into())
        .spawn(move || read_stdin(chunk_tx, spare_rx, echo))
        .context("starting the stdin reader")?;

    // A closed stderr is fine: diagnostics never panic (output::diag).
    let sender =
        (!dry_run).then(|| Senders::bulk(settings).map(crate::sender::Sender::overflow_to_spool));
    // One output that encodes from parts (OTLP): entries are written in its
    // encoding here, not as wire JSON re-encoded on the sending thread.
    let parts = sender.as_ref().and_then(Senders::parts_encoder);
    let encoded = parts.is_some();
    let shaper = Shaper::new(&args, template, block_tx, empty_rx).with_parts(parts);
    let timeout = args.multiline_timeout;
    let stop2 = stop.clone();
    let shaper_thread = std::thread::Builder::new()
        .name("shaper".into())
        .spawn(move || shape(shaper, chunk_rx, spare_tx, &stop2, timeout))
        .context("starting the line shaper")?;

    let code = match sender {
        None => {
            print_entries(block_rx, empty_tx, settings.min_level);
            Code::Ok
        }
        Some(sender) => {
            let _ = abort.set(sender.abort_handles());
            send_entries(sender, encoded, block_rx, empty_tx, &stop).report(settings.strict)
        }
    };
    let _ = shaper_thread.join();
    Ok(stop.code().unwrap_or(code))
}

/// Tells the shaper the input ended when the reader stops, however it stops.
struct EofOnDrop(SyncSender<Chunk>);

impl Drop for EofOnDrop {
    fn drop(&mut self) {
        let _ = self.0.send(Chunk::Eof);
    }
}

/// The reader thread: stdin in chunks, each echoed at once.
fn read_stdin(tx: SyncSender<Chunk>, spare: Receiver<Vec<u8>>, echo: bool) {
    let tx = EofOnDrop(tx);
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let stdout = std::io::stdout();
    let mut out = if echo { Some(stdout.lock()) } else { None };
    loop {
        let mut buf = spare.try_recv().unwrap_or_else(|_| vec![0; CHUNK]);
        let n = match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                output::warn(&format!(
                    "cannot read stdin: {e}; treating it as the end of input"
                ));
                break;
            }
        };
        if let Some(o) = out.as_mut() {
            if let Err(e) = o.write_all(&buf[..n]).and_then(|()| o.flush()) {
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    output::warn(
                        "stdout is closed: no longer echoing input; every line is still sent",
                    );
                } else {
                    output::warn(&format!(
                        "cannot write to stdout ({e}): no longer echoing input; every line is still sent"
                    ));
                }
                out = None;
            }
        }
        if tx.0.send(Chunk::Data(buf, n)).is_err() {
            return;
        }
    }
}

/// The shaper thread's loop.
fn shape(
    mut sh: Shaper,
    rx: Receiver<Chunk>,
    spare: SyncSender<Vec<u8>>,
    stop: &Stop,
    multiline_timeout: Duration,
) {
    let mut deadline: Option<Instant> = None;
    loop {
        if stop.requested() {
            // Shape what was already read (the channel holds a few chunks at most).
            while let Ok(msg) = rx.try_recv() {
                match msg {
                    Chunk::Data(buf, n) => {
                        if sh.feed(&buf[..n]).is_err() {
                            return;
                        }
                    }
                    Chunk::Eof => break,
                    Chunk::Wake => {}
                }
            }
            break;
        }
        let msg = match rx.try_recv() {
            Ok(m) => m,
            Err(TryRecvError::Disconnected) => Chunk::Eof,
            Err(TryRecvError::Empty) => {
                // Input is idle: hand over what is ready, then wait.
                if sh.send_block().is_err() {
                    return;
                }
                let got = match deadline {
                    Some(d) => rx.recv_timeout(d.saturating_duration_since(Instant::now())),
                    None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
                };
                match got {
                    Ok(m) => m,
                    Err(RecvTimeoutError::Timeout) => {
                        deadline = None;
                        if sh.flush_pending_record().is_err() {
                            return;
                        }
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => Chunk::Eof,
                }
            }
        };
        match msg {
            Chunk::Data(buf, n) => {
                let fed = sh.feed(&buf[..n]);
                let _ = spare.try_send(buf);
                if fed.is_err() {
                    return;
                }
                deadline = sh
                    .has_pending_record()
                    .then(|| Instant::now() + multiline_timeout);
            }
            Chunk::Eof => break,
            Chunk::Wake => {}
        }
    }
    let _ = sh.finish();
}

/// The sender gave up (only when the receiving side is gone).
struct Closed;

/// How lines are folded into records.
enum Fold {
    None,
    Auto(CrashFolder),
    Rule(Folder),
}

/// Turns bytes into entries: lines, records, levels, JSON.
struct Shaper {
    template: Template,
    fixed: Option<Level>,
    parse: ParseMode,
    fold: Fold,
    /// The auto folder's pending crash began behind a `--timestamps`
    /// prefix: its time.
    crash_time: Option<Micros>,
    reading: reading::Options,
    max_line: usize,
    clock: Clock,
    /// When the chunk being shaped was read (µs since the epoch): entries
    /// are stamped with the time their input was read.
    read_us: u64,
    /// `","environment":"..","timestamp":"` (after the message).
    mid: Vec<u8>,
    /// `"` + optional `,"metadata":{..}` + `,"traceId":".."}` (after the timestamp).
    tail: Vec<u8>,
    /// The one output's encoder when entries are written in its encoding
    /// (`Senders::parts_encoder`), with the template's metadata as JSON
    /// texts for it; else entries are wire JSON.
    parts: Option<Arc<dyn Output>>,
    meta_json: Vec<(String, String)>,
    line_no: u64,
    /// The start of a line not yet ended by `\n`, kept up to `max_line + 1`
    /// bytes; `carry_len` counts all of its bytes.
    carry: Vec<u8>,
    carry_len: usize,
    carrying: bool,
    warned_json: bool,
    block: Block,
    tx: SyncSender<ToSender>,
    empty: Receiver<Block>,
}

impl Shaper {
    fn new(
        args: &Args,
        template: Template,
        tx: SyncSender<ToSender>,
        empty: Receiver<Block>,
    ) -> Shaper {
        let json = |s: &str| {
            let mut v = Vec::new();
            fastjson::write_str(&mut v, s);
            v
        };
        let mut mid = b"\",\"environment\":".to_vec();
        mid.extend_from_slice(&json(&template.environment));
        mid.extend_from_slice(b",\"timestamp\":\"");
        let mut tail = b"\"".to_vec();
        if !template.metadata.is_empty() {
            tail.extend_from_slice(b",\"metadata\":");
            // Serialising a map of JSON values into a Vec cannot fail.
            tail.extend_from_slice(
                &serde_json::to_vec(&template.metadata).unwrap_or_else(|_| b"{}".to_vec()),
            );
        }
        tail.extend_from_slice(b",\"traceId\":");
        tail.extend_from_slice(&json(&template.trace_id));
        tail.push(b'}');
        let fixed = template.level;
        Shaper {
            fixed,
            template,
            parse: args.parse,
            fold: match &args.multiline {
                Rule::None => Fold::None,
                Rule::Auto => Fold::Auto(CrashFolder::new(args.max_line_bytes)),
                rule => Fold::Rule(Folder::new(rule.clone(), args.max_line_bytes)),
            },
            crash_time: None,
            reading: reading::Options {
                overrides: reading::Overrides {
                    no_level: fixed.is_some(),
                    ..args.fields.mapping()
                },
                ..reading::Options::default()
            },
            max_line: args.max_line_bytes,
            clock: Clock::new(),
            read_us: Clock::now_us(),
            mid,
            tail,
            parts: None,
            meta_json: Vec::new(),
            line_no: 0,
            carry: Vec::new(),
            carry_len: 0,
            carrying: false,
            warned_json: false,
            block: Block {
                json: Vec::with_capacity(BLOCK_BYTES + 4096),
                items: Vec::with_capacity(4096),
            },
            tx,
            empty,
        }
    }

    /// Write entries in this output's encoding (see [`Shaper::parts`]).
    fn with_parts(mut self, parts: Option<Arc<dyn Output>>) -> Shaper {
        self.meta_json = self
            .template
            .metadata
            .iter()
            .map(|(k, v)| (k.clone(), v.to_string()))
            .collect();
        self.parts = parts;
        self
    }

    /// Split a chunk into lines.
    fn feed(&mut self, data: &[u8]) -> Result<(), Closed> {
        self.read_us = Clock::now_us();
        let mut start = 0;
        for nl in memchr::memchr_iter(b'\n', data) {
            let piece = &data[start..nl];
            start = nl + 1;
            if self.carrying {
                self.extend_carry(piece);
                let line = std::mem::take(&mut self.carry);
                let len = self.carry_len;
                self.carrying = false;
                self.carry_len = 0;
                let r = self.line(&line, len);
                self.carry = line;
                self.carry.clear();
                r?;
            } else {
                self.line(piece, piece.len())?;
            }
        }
        if start < data.len() {
            self.carrying = true;
            self.extend_carry(&data[start..]);
        }
        Ok(())
    }

    fn extend_carry(&mut self, piece: &[u8]) {
        self.carry_len += piece.len();
        let room = (self.max_line + 1).saturating_sub(self.carry.len());
        self.carry
            .extend_from_slice(&piece[..piece.len().min(room)]);
    }

    /// One input line (without its `\n`), `len` bytes long originally.
    fn line(&mut self, bytes: &[u8], len: usize) -> Result<(), Closed> {
        self.line_no += 1;
        // A BOM that opens the input is dropped, as ingest's readers do
        // (the echo keeps it: it is the input's bytes).
        let (bytes, len) = match self.line_no {
            1 => {
                let rest = formats::without_bom(bytes);
                (rest, len - (bytes.len() - rest.len()))
            }
            _ => (bytes, len),
        };
        let truncated = len > self.max_line;
        let bytes = if truncated {
            &bytes[..cut_point(bytes, self.max_line)]
        } else {
            bytes
        };
        let line_no = self.line_no;
        let done = match &mut self.fold {
            Fold::None => return self.emit_line(bytes, len, truncated, line_no),
            Fold::Rule(f) => f.push(bytes, len, truncated, line_no),
            Fold::Auto(f) => {
                // Folding looks behind a `--timestamps` prefix.
                let (time, body) = match bytes.first() {
                    Some(b'0'..=b'9') => match std::str::from_utf8(bytes)
                        .ok()
                        .and_then(text::split_time_prefix)
                    {
                        Some((t, rest)) => (Some(t), rest.as_bytes()),
                        None => (None, bytes),
                    },
                    _ => (None, bytes),
                };
                let prefix = time.map(|t| (t, bytes.len() - body.len()));
                let had = f.has_pending();
                let pushed = f.push(body, len, truncated, line_no);
                let (done, alone) = match pushed {
                    Pushed::Alone(done) => (done, true),
                    Pushed::Taken(done) => (done, false),
                };
                let started = !alone && (done.is_some() || !had);
                let done_time = if done.is_some() || alone {
                    self.crash_time.take()
                } else {
                    None
                };
                if started {
                    self.crash_time = time;
                }
                if let Some(rec) = done {
                    self.emit_crash(rec, done_time)?;
                }
                return if alone {
                    self.emit_line_pre(bytes, len, truncated, line_no, prefix)
                } else {
                    Ok(())
                };
            }
        };
        match done {
            Some(rec) => self.emit_record(rec),
            None => Ok(()),
        }
    }

    fn has_pending_record(&self) -> bool {
        match &self.fold {
            Fold::None => false,
            Fold::Auto(f) => f.has_pending(),
            Fold::Rule(f) => f.has_pending(),
        }
    }

    fn flush_pending_record(&mut self) -> Result<(), Closed> {
        match &mut self.fold {
            Fold::None => {}
            Fold::Auto(f) => {
                if let Some(rec) = f.take() {
                    let t = self.crash_time.take();
                    self.emit_crash(rec, t)?;
                }
            }
            Fold::Rule(f) => {
                if let Some(rec) = f.take() {
                    self.emit_record(rec)?;
                }
            }
        }
        self.send_block()
    }

    /// End of input (or a signal): the unfinished line, the pending record,
    /// the last block.
    fn finish(&mut self) -> Result<(), Closed> {
        if self.carrying {
            self.carrying = false;
            let line = std::mem::take(&mut self.carry);
            let len = self.carry_len;
            self.line(&line, len)?;
        }
        self.flush_pending_record()?;
        self.tx.send(ToSender::Done).map_err(|_| Closed)
    }

    /// Hand the current block to the sender (waiting while it is busy).
    fn send_block(&mut self) -> Result<(), Closed> {
        if self.block.items.is_empty() {
            return Ok(());
        }
        let next = match self.empty.try_recv() {
            Ok(mut b) => {
                b.clear();
                b
            }
            Err(_) => Block {
                json: Vec::with_capacity(BLOCK_BYTES + 4096),
                items: Vec::with_capacity(4096),
            },
        };
        let full = std::mem::replace(&mut self.block, next);
        self.tx.send(ToSender::Block(full)).map_err(|_| Closed)
    }

    fn pushed(&mut self, level: Level) -> Result<(), Closed> {
        self.block.items.push((self.block.json.len(), level));
        if self.block.json.len() >= BLOCK_BYTES {
            self.send_block()?;
        }
        Ok(())
    }

    /// One single line as an entry.
    fn emit_line(
        &mut self,
        bytes: &[u8],
        len: usize,
        truncated: bool,
        line_no: u64,
    ) -> Result<(), Closed> {
        self.emit_line_pre(bytes, len, truncated, line_no, None)
    }

    /// [`Self::emit_line`] when the `--timestamps` prefix was already read:
    /// its time and where the rest of the line starts.
    fn emit_line_pre(
        &mut self,
        bytes: &[u8],
        len: usize,
        truncated: bool,
        line_no: u64,
        prefix: Option<(Micros, usize)>,
    ) -> Result<(), Closed> {
        let (text, invalid) = match crate::formats::str_of(bytes) {
            Ok(s) => (Cow::Borrowed(s), false),
            Err(_) => (String::from_utf8_lossy(bytes), true),
        };
        let mut parse_error = None;
        // A cut line is never JSON: it is sent as text.
        if !truncated && self.parse != ParseMode::Text {
            let candidate = self.parse == ParseMode::Json || looks_like_object(&text);
            if candidate {
                match serde_json::from_str::<Value>(&text) {
                    Ok(Value::Object(map)) => return self.emit_json(map, &text, invalid),
                    Ok(_) => parse_error = Some("not a JSON object".to_string()),
                    Err(e) => parse_error = Some(format!("not JSON: {e}")),
                }
                if self.parse == ParseMode::Auto {
                    parse_error = None;
                } else if let Some(why) = &parse_error {
                    if !self.warned_json {
                        self.warned_json = true;
                        output::warn(&format!(
                            "stdin:{line_no}: {why}; sent as text with metadata.parseError (further such lines are not reported)"
                        ));
                    }
                }
            }
        }
        // A leading digit (a `--timestamps` prefix?) or an ESC (colours)
        // takes the path through THE plain-line reading; every other line
        // costs one detect and one memchr. Either way a line that stays
        // borrowed is written by hand, not through serde.
        let plain = !truncated && !invalid && parse_error.is_none();
        let slow = prefix.is_some()
            || bytes.first().is_some_and(u8::is_ascii_digit)
            || memchr::memchr(0x1b, bytes).is_some();
        if !slow {
            let level = self
                .fixed
                .or_else(|| detect::detect(&text))
                .unwrap_or(Level::Info);
            if plain {
                self.write_fast(level, &text, None);
                return self.pushed(level);
            }
            let message = text.into_owned();
            return self.write_text(level, message, None, len, truncated, invalid, parse_error);
        }
        let r = match prefix {
            Some((t, at)) if at <= text.len() && text.is_char_boundary(at) => {
                reading::read_text_after(Some(t), &text[at..])
            }
            _ => reading::read_text(&text),
        };
        let level = self.fixed.or(r.level).unwrap_or(Level::Info);
        if plain {
            // Borrowed, or the copy without its colours: by hand either way
            // (through serde a coloured line cost four allocations, not one).
            self.write_fast(level, &r.message, r.timestamp);
            return self.pushed(level);
        }
        let message = r.message.into_owned();
        let timestamp = r.timestamp;
        self.write_text(
            level,
            message,
            timestamp,
            len,
            truncated,
            invalid,
            parse_error,
        )
    }

    /// A text line's entry through serde, with its marks.
    #[allow(clippy::too_many_arguments)]
    fn write_text(
        &mut self,
        level: Level,
        message: String,
        timestamp: Option<Micros>,
        len: usize,
        truncated: bool,
        invalid: bool,
        parse_error: Option<String>,
    ) -> Result<(), Closed> {
        let mut meta = self.template.metadata.clone();
        if truncated {
            meta.insert("truncated".into(), Value::Bool(true));
            meta.insert("originalBytes".into(), Value::from(len as u64));
        }
        if invalid {
            meta.insert("invalidUtf8".into(), Value::Bool(true));
        }
        if let Some(why) = parse_error {
            meta.insert("parseError".into(), Value::String(why));
        }
        self.write_entry(level, message, None, timestamp, None, meta)
    }

    /// A folded record; a single-line one is a line.
    fn emit_record(&mut self, rec: Record) -> Result<(), Closed> {
        let Some(rest) = rec.rest() else {
            return self.emit_line(rec.first(), rec.original_bytes, rec.truncated, rec.line_no);
        };
        let (msg, stack) = if rec.is_python_traceback() {
            (rec.last(), &rec.text[..])
        } else {
            (rec.first(), rest)
        };
        let first = String::from_utf8_lossy(rec.first());
        let last = String::from_utf8_lossy(rec.last());
        let level = self
            .fixed
            .or_else(|| detect::detect(&first))
            .or_else(|| detect::detect(&last))
            .unwrap_or(Level::Info);
        let message = String::from_utf8_lossy(msg).into_owned();
        let stack = String::from_utf8_lossy(stack).into_owned();
        let mut meta = self.record_meta(&rec);
        let whole = String::from_utf8_lossy(&rec.text);
        if let Some(name) = errors::error_name(&whole) {
            meta.insert("errorName".into(), Value::String(name.to_string()));
        }
        self.write_entry(level, message, Some(stack), None, None, meta)
    }

    /// A record of `--multiline auto`: a known crash shape. Its message is
    /// the exception line, its stackTrace the whole text, its errorName the
    /// exception's type, its level that of its first line (error when the
    /// first line names none: it is a crash).
    fn emit_crash(&mut self, rec: Record, time: Option<Micros>) -> Result<(), Closed> {
        if rec.rest().is_none() {
            // One line only: the line it was (its own prefix is still on it
            // in the echo, not in `rec`, so read the time back in).
            return match time {
                None => self.emit_line(rec.first(), rec.original_bytes, rec.truncated, rec.line_no),
                Some(t) => {
                    let text = String::from_utf8_lossy(rec.first());
                    let r = reading::read_text(&text);
                    let level = self.fixed.or(r.level).unwrap_or(Level::Info);
                    let msg = r.message.into_owned();
                    let meta = self.record_meta(&rec);
                    self.write_entry(level, msg, None, Some(t), None, meta)
                }
            };
        }
        let whole = String::from_utf8_lossy(&rec.text);
        let whole = text::strip_ansi(&whole).into_owned();
        let first = whole.lines().next().unwrap_or("");
        let message = errors::crash_message(&whole).unwrap_or(first).to_string();
        let level = self
            .fixed
            .or_else(|| detect::detect(first))
            .unwrap_or(Level::Error);
        let mut meta = self.record_meta(&rec);
        if let Some(name) = errors::error_name(&whole) {
            meta.insert("errorName".into(), Value::String(name.to_string()));
        }
        self.write_entry(level, message, Some(whole), time, None, meta)
    }

    /// The invocation's metadata and a record's own marks.
    fn record_meta(&self, rec: &Record) -> Map<String, Value> {
        let mut meta = self.template.metadata.clone();
        if rec.truncated {
            meta.insert("truncated".into(), Value::Bool(true));
            meta.insert(
                "originalBytes".into(),
                Value::from(rec.original_bytes as u64),
            );
        }
        if std::str::from_utf8(&rec.text).is_err() {
            meta.insert("invalidUtf8".into(), Value::Bool(true));
        }
        meta
    }

    /// A JSON object line: known fields onto the entry, the rest metadata.
    fn emit_json(
        &mut self,
        mut map: Map<String, Value>,
        text: &str,
        invalid: bool,
    ) -> Result<(), Closed> {
        // THE reading, shared with ingest (reading::read_record). A time
        // that cannot be read stays metadata and the read time is used:
        // a line on a pipe cannot be rejected.
        let r = reading::read_record(&mut map, text, &self.reading);
        let message = r.message.unwrap_or_else(|| text.to_string());
        let level = self.fixed.or(r.level).unwrap_or(Level::Info);
        let mut meta = self.template.metadata.clone();
        meta.extend(map);
        if let Some(name) = r.error_name {
            meta.insert("errorName".into(), Value::String(name));
        }
        if invalid {
            meta.insert("invalidUtf8".into(), Value::Bool(true));
        }
        let env = r.environment;
        self.write_entry_env(
            level,
            message,
            r.stack_trace,
            r.timestamp,
            r.trace_id,
            meta,
            env,
        )
    }

    /// The hot path: a plain valid line with the invocation's fixed parts;
    /// `at`: its own time (a `--timestamps` prefix), else the read time.
    fn write_fast(&mut self, level: Level, message: &str, at: Option<Micros>) {
        let us = match at {
            None => Some(self.clock.tick_at(self.read_us)),
            Some(_) => None,
        };
        if let Some(to) = self.parts.as_deref().and_then(|o| o.parts()) {
            let meta = &self.meta_json;
            let metadata = |f: &mut dyn FnMut(&str, MetaVal<'_>)| {
                for (k, v) in meta {
                    f(k, MetaVal::Json(v));
                }
            };
            // Observed when read; a line stamped with the read clock is not
            // observed before its own time.
            let read = i64::try_from(self.read_us).unwrap_or(i64::MAX);
            let (time_micros, observed) = match (us, at) {
                (Some(us), _) => {
                    let t = i64::try_from(us).unwrap_or(i64::MAX);
                    (t, read.max(t))
                }
                (None, t) => (t.unwrap_or_default(), read),
            };
            let parts = EntryParts {
                level,
                message,
                environment: &self.template.environment,
                time_micros,
                metadata: &metadata,
                stack_trace: None,
                trace_id: &self.template.trace_id,
            };
            to.encode_parts(&parts, observed, &mut self.block.json);
            return;
        }
        let message = message.as_bytes();
        let out = &mut self.block.json;
        out.extend_from_slice(b"{\"level\":\"");
        out.extend_from_slice(level.as_str().as_bytes());
        out.extend_from_slice(b"\",\"message\":\"");
        fastjson::write_str_body(out, message);
        out.extend_from_slice(&self.mid);
        match (us, at) {
            (Some(us), _) => self.clock.write(out, us),
            (None, Some(t)) => reading::time::write_rfc3339(t, out),
            (None, None) => {}
        }
        out.extend_from_slice(&self.tail);
    }

    /// Any other entry, through serde.
    fn write_entry(
        &mut self,
        level: Level,
        message: String,
        stack: Option<String>,
        timestamp: Option<Micros>,
        trace: Option<String>,
        metadata: Map<String, Value>,
    ) -> Result<(), Closed> {
        self.write_entry_env(level, message, stack, timestamp, trace, metadata, None)
    }

    /// [`Self::write_entry`] with the record's own environment, if it has one.
    #[allow(clippy::too_many_arguments)]
    fn write_entry_env(
        &mut self,
        level: Level,
        message: String,
        stack: Option<String>,
        timestamp: Option<Micros>,
        trace: Option<String>,
        metadata: Map<String, Value>,
        environment: Option<String>,
    ) -> Result<(), Closed> {
        let entry = Entry {
            level,
            message,
            environment: environment.unwrap_or_else(|| self.template.environment.clone()),
            timestamp: match timestamp {
                Some(t) => reading::time::to_rfc3339(t),
                None => self.clock.string_at(self.read_us),
            },
            metadata,
            stack_trace: stack,
            trace_id: trace.unwrap_or_else(|| self.template.trace_id.clone()),
        };
        match &self.parts {
            Some(o) => o.encode(&entry, &mut self.block.json),
            None => entry.write_json(&mut self.block.json),
        }
        self.pushed(level)
    }
}

/// Where to cut a line that is longer than `max` bytes: at `max`, moved back
/// to the start of a UTF-8 character that would otherwise be split.
fn cut_point(bytes: &[u8], max: usize) -> usize {
    let mut cut = max.min(bytes.len());
    let floor = cut.saturating_sub(3);
    while cut > floor && cut < bytes.len() && (bytes[cut] & 0xC0) == 0x80 {
        cut -= 1;
    }
    if cut < bytes.len() && (bytes[cut] & 0xC0) == 0x80 {
        // Not UTF-8 anyway: cut where asked.
        return max.min(bytes.len());
    }
    cut
}

/// `{ ... }`, spaces around allowed.
fn looks_like_object(s: &str) -> bool {
    let t = s.trim_ascii();
    t.len() >= 2 && t.starts_with('{') && t.ends_with('}')
}

/// After the first signal, how long delivery may go on before the rest is
/// spooled.
const STOP_GRACE: std::time::Duration = std::time::Duration::from_secs(2);

/// The sending side: blocks into the sender, `flush_interval` while idle.
/// After a signal: [`Sender::finish_within`] ([`STOP_GRACE`]).
fn send_entries(
    mut sender: Senders,
    encoded: bool,
    rx: Receiver<ToSender>,
    empty: SyncSender<Block>,
    stop: &Stop,
) -> crate::sender::Stats {
    loop {
        let got = match sender.due_in() {
            Some(d) => rx.recv_timeout(d),
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        match got {
            Ok(ToSender::Block(block)) => {
                for (level, entry) in block.entries() {
                    if encoded {
                        sender.push_encoded(level, entry);
                    } else {
                        sender.push_json(level, entry);
                    }
                }
                sender.flush_if_due();
                let _ = empty.try_send(block);
            }
            Err(RecvTimeoutError::Timeout) => sender.flush_if_due(),
            Ok(ToSender::Done) | Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    if stop.requested() {
        sender.finish_within(STOP_GRACE)
    } else {
        sender.finish()
    }
}

/// `--dry-run`: the wire JSON of every entry that passes `min_level`, one a
/// line. A closed stdout ends the run quietly.
fn print_entries(rx: Receiver<ToSender>, empty: SyncSender<Block>, min_level: Level) {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, stdout.lock());
    while let Ok(ToSender::Block(block)) = rx.recv() {
        let mut ok = Ok(());
        for (level, json) in block.entries() {
            if level >= min_level {
                ok = out.write_all(json).and_then(|()| out.write_all(b"\n"));
                if ok.is_err() {
                    break;
                }
            }
        }
        if ok.and_then(|()| out.flush()).is_err() {
            return;
        }
        let _ = empty.try_send(block);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shaper(args: &[&str]) -> (Shaper, Receiver<ToSender>) {
        use clap::Parser;
        #[derive(clap::Parser)]
        struct T {
            #[command(flatten)]
            a: Args,
        }
        let t = T::try_parse_from(std::iter::once("t").chain(args.iter().copied())).unwrap();
        // Hermetic: no config file, no [metadata], a fixed environment.
        let mut settings = Settings::load(
            Some(std::path::Path::new("/nonexistent/auralog-unit-test.toml")),
            &std::collections::BTreeMap::new(),
        )
        .unwrap();
        settings.metadata.clear();
        settings.environment = "test".into();
        let template = Template::new(&t.a.entry, &settings).unwrap();
        let (tx, rx) = mpsc::sync_channel(100);
        let (_etx, erx) = mpsc::sync_channel(1);
        (Shaper::new(&t.a, template, tx, erx), rx)
    }

    fn entries(sh: &mut Shaper, rx: &Receiver<ToSender>, input: &[u8]) -> Vec<Value> {
        assert!(!(sh.feed(input).is_err() || sh.finish().is_err()), "closed");
        let mut out = Vec::new();
        while let Ok(ToSender::Block(b)) = rx.try_recv() {
            for (level, json) in b.entries() {
                let v: Value = serde_json::from_slice(json).unwrap();
                assert_eq!(v["level"], level.as_str());
                out.push(v);
            }
        }
        out
    }

    #[test]
    fn fast_path_matches_serde() {
        let (mut sh, rx) = shaper(&["-m", "host=web1", "--tag", "a", "--trace-id", "t-1"]);
        let line = "ERROR quote \" tab\t bell\x07 é 🎉";
        sh.write_fast(Level::Error, line, None);
        let fast = String::from_utf8(sh.block.json.clone()).unwrap();
        let v: Value = serde_json::from_str(&fast).unwrap();
        let entry = Entry {
            level: Level::Error,
            message: line.into(),
            environment: sh.template.environment.clone(),
            timestamp: v["timestamp"].as_str().unwrap().into(),
            metadata: sh.template.metadata.clone(),
            stack_trace: None,
            trace_id: "t-1".into(),
        };
        assert_eq!(fast, entry.to_json());
        drop(rx);
    }

    #[test]
    fn fast_path_with_a_prefix_time_matches_serde() {
        let (mut sh, rx) = shaper(&["-m", "host=web1"]);
        sh.write_fast(Level::Warn, "WARN slow", Some(1_795_341_600_123_456));
        let fast = String::from_utf8(sh.block.json.clone()).unwrap();
        let entry = Entry {
            level: Level::Warn,
            message: "WARN slow".into(),
            environment: sh.template.environment.clone(),
            timestamp: "2026-11-22T10:00:00.123456Z".into(),
            metadata: sh.template.metadata.clone(),
            stack_trace: None,
            trace_id: sh.template.trace_id.clone(),
        };
        assert_eq!(fast, entry.to_json());
        drop(rx);
    }

    #[test]
    fn lines_split_across_chunks_and_last_line_without_newline() {
        let (mut sh, rx) = shaper(&[]);
        sh.feed(b"one\ntw").ok();
        sh.feed(b"o\n\nthr").ok();
        let got = entries(&mut sh, &rx, b"ee");
        let msgs: Vec<&str> = got.iter().map(|e| e["message"].as_str().unwrap()).collect();
        assert_eq!(msgs, ["one", "two", "", "three"]);
    }

    #[test]
    fn long_lines_are_cut_and_marked() {
        let (mut sh, rx) = shaper(&["--max-line-bytes", "16"]);
        let mut input = "é".repeat(20).into_bytes(); // 40 bytes
        input.push(b'\n');
        sh.feed(&input[..7]).ok();
        let got = entries(&mut sh, &rx, &input[7..]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0]["message"], "é".repeat(8));
        assert_eq!(got[0]["metadata"]["truncated"], true);
        assert_eq!(got[0]["metadata"]["originalBytes"], 40);
        assert!(got[0]["metadata"].get("invalidUtf8").is_none());
    }

    #[test]
    fn cut_backs_off_to_a_character_start() {
        let s = "aé".as_bytes(); // a, 0xC3, 0xA9
        assert_eq!(cut_point(s, 2), 1);
        assert_eq!(cut_point(s, 1), 1);
        assert_eq!(cut_point(b"abcdef", 3), 3);
        assert_eq!(cut_point(&[0x80, 0x80, 0x80, 0x80, 0x80], 4), 4);
    }

    #[test]
    fn invalid_utf8_is_replaced_and_marked() {
        let (mut sh, rx) = shaper(&[]);
        let got = entries(&mut sh, &rx, b"bad \xff byte\n");
        assert_eq!(got[0]["message"], "bad \u{fffd} byte");
        assert_eq!(got[0]["metadata"]["invalidUtf8"], true);
    }

    #[test]
    fn json_lines_are_mapped() {
        let (mut sh, rx) = shaper(&["-m", "host=web1", "-m", "team=a"]);
        let got = entries(
            &mut sh,
            &rx,
            br#"{"msg":"db down","level":"error","time":"2026-11-22T12:00:00+02:00","team":"b","n":3}
{"message":"m","severity":"WARNING","ts":"yesterday","traceId":"tr-9","stack":"at x"}
{"level":50,"msg":"pino","pid":1}
{"no_message":true}
"#,
        );
        assert_eq!(got[0]["message"], "db down");
        assert_eq!(got[0]["level"], "error");
        assert_eq!(got[0]["timestamp"], "2026-11-22T10:00:00.000000Z");
        assert_eq!(got[0]["metadata"]["team"], "b", "the line's field wins");
        assert_eq!(got[0]["metadata"]["host"], "web1");
        assert_eq!(got[0]["metadata"]["n"], 3);
        assert!(got[0]["metadata"].get("level").is_none());
        assert!(got[0]["metadata"].get("msg").is_none());
        assert_eq!(got[1]["level"], "warn");
        assert_eq!(got[1]["metadata"]["ts"], "yesterday");
        assert_eq!(got[1]["traceId"], "tr-9");
        assert_eq!(got[1]["stackTrace"], "at x");
        assert_eq!(got[2]["level"], "error", "pino 50 is error");
        assert_eq!(got[3]["message"], r#"{"no_message":true}"#);
        assert_eq!(got[3]["metadata"]["no_message"], true);
    }

    #[test]
    fn parse_text_keeps_json_as_text_and_parse_json_flags_non_json() {
        let (mut sh, rx) = shaper(&["--parse", "text"]);
        let got = entries(&mut sh, &rx, b"{\"msg\":\"x\",\"level\":\"warn\"}\n");
        assert_eq!(got[0]["message"], "{\"msg\":\"x\",\"level\":\"warn\"}");
        assert_eq!(got[0]["level"], "warn", "detected from the text");
        let (mut sh, rx) = shaper(&["--parse", "json"]);
        let got = entries(&mut sh, &rx, b"plain words\n[1,2]\n");
        assert_eq!(got[0]["message"], "plain words");
        assert!(got[0]["metadata"]["parseError"]
            .as_str()
            .unwrap()
            .starts_with("not JSON"));
        assert_eq!(got[1]["metadata"]["parseError"], "not a JSON object");
    }

    #[test]
    fn multiline_records_carry_the_trace() {
        let (mut sh, rx) = shaper(&["--multiline", "indent"]);
        let got = entries(
            &mut sh,
            &rx,
            b"Exception in thread \"main\" java.lang.RuntimeException: x\n\tat A.b(A.java:1)\nnext\nTraceback (most recent call last):\n  File \"x.py\", line 1\nKeyError: 'k'\n",
        );
        assert_eq!(got.len(), 3, "{got:#?}");
        assert_eq!(
            got[0]["message"],
            "Exception in thread \"main\" java.lang.RuntimeException: x"
        );
        assert_eq!(got[0]["stackTrace"], "\tat A.b(A.java:1)");
        assert_eq!(got[0]["level"], "error");
        assert_eq!(got[1]["message"], "next");
        assert_eq!(got[2]["message"], "KeyError: 'k'");
        assert_eq!(
            got[2]["stackTrace"],
            "Traceback (most recent call last):\n  File \"x.py\", line 1\nKeyError: 'k'"
        );
        assert_eq!(got[2]["level"], "error");
    }

    #[test]
    fn fixed_level_wins() {
        let (mut sh, rx) = shaper(&["--level", "warn"]);
        let got = entries(
            &mut sh,
            &rx,
            b"ERROR x\n{\"level\":\"debug\",\"msg\":\"y\"}\n",
        );
        assert_eq!(got[0]["level"], "warn");
        assert_eq!(got[1]["level"], "warn");
        assert_eq!(got[1]["metadata"]["level"], "debug");
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("256KiB"), Ok(262_144));
        assert_eq!(parse_size("1M"), Ok(1 << 20));
        assert_eq!(parse_size("4096"), Ok(4096));
        assert!(parse_size("12").is_err());
        assert!(parse_size("lots").is_err());
        assert!(parse_size("5GB").is_err());
        assert_eq!(parse_size("8MiB"), Ok(8 << 20));
        assert!(parse_size("9MiB").is_err());
    }
}
