//! `auralog ingest [FILE|-]...`: ship whole files (backfills, exports, log
//! archives) in json, jsonl, syslog, text, csv or obl.
//!
//! One pass per file, streaming: a large `BufReader` (behind a gzip decoder
//! when the file is gzip), a format parser from `formats/` that hands out
//! records borrowed from its buffers, and the entry writer serialising each
//! record straight into the open batch. Batches go to a worker thread that
//! owns the [`Sender`] (bounded channel of two), so parsing the next batch
//! overlaps sending the last one. Memory stays flat whatever the file size.

use std::cell::Cell;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::mpsc::{sync_channel, SyncSender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use serde_json::Value;

use crate::commands::template::{EntryArgs, Template};
use crate::exit::{Code, Failure};
use crate::formats::{self, ChunkError, EntryWriter, Flow, Format, Item, Mapping, Options};
use crate::output;
use crate::sender::batch::Batcher;
use crate::sender::{new_idempotency_key, Batch, Payload, Sender, Stats};
use crate::settings::Settings;
use crate::sys::signals::Stop;
use crate::wire::Level;

const EXAMPLES: &str = "\
Examples:
  auralog ingest --format csv export.csv
  auralog ingest app.jsonl.gz old/*.log --source backfill --dataset web
  auralog ingest --skip-invalid --rejects bad.jsonl events.jsonl
  auralog ingest --message-field text --timestamp-field created_at export.json
  zcat syslog.1.gz | auralog ingest --format syslog -
  auralog ingest --dry-run --format obl app.log | head
  auralog ingest --raw --format csv export.csv   # the service parses the file itself

Formats (--format, else from the extension: .json .jsonl/.ndjson .csv .syslog .obl/.logfmt
.txt, after removing .gz; else from the content: '[' json; a first line that is a whole JSON
object jsonl, otherwise json; '<PRI>' or 'Mmm dd hh:mm:ss' syslog; lines wholly key=value obl;
lines with the same number of commas csv; else text. --verbose says which and why):
  json    an array of records or {\"logs\": [...]}, streamed element by element; any other
          single value is one record
  jsonl   one JSON value per line (ndjson)
  syslog  RFC 5424 (strict; in SD values a backslash before anything but \" \\ ] is literal)
          or RFC 3164 (lenient: PRI optional, meaning 13 user.notice; timestamp, host and
          tag[pid]: taken when present, the rest is the message). A year-less RFC 3164 time
          gets the current year, or the previous one if that would put it more than a day in
          the future, read as UTC. The severity gives the level; facility, host, appName,
          procId, msgId and structuredData go to metadata. A MSG that is not UTF-8 (and has
          no BOM) is read as Latin-1.
  text    a record per line, the line is the message
  csv     RFC 4180 with a header row naming the fields (quotes, newlines, CRLF, BOM)
  obl     logfmt key=value lines (level, msg/message, ts/time/timestamp lifted); a line that
          is not wholly pairs is a plain message

Records:
  Structured records (json, jsonl, csv, obl) take the message, level and time from the first
  field present among --message-field (message, msg), --level-field (level, severity) and
  --timestamp-field (timestamp, time, ts, @timestamp). Other fields become metadata with
  their JSON types kept (csv and obl values are strings). A record without a message field
  has its own text as message. Times in RFC 3339 (offsets converted to UTC, no offset read
  as UTC), epoch seconds, ms, us or ns (told by magnitude) are normalised; a time that cannot
  be read makes the record invalid. String fields environment, traceId and stackTrace fill
  the entry's own fields. --level, --source, --dataset, -m and [metadata] are defaults: a
  record's own value wins. Every entry carries its position in metadata.file and .line; a
  record's own 'file' or 'line' field is kept as '_file' / '_line'. Blank lines are skipped.
  JSON nested deeper than 100 levels and records over 8 MiB are invalid. Entries go out in
  batches in file order, error and fatal too (a backfill is not live).

Errors:
  A bad record is reported as FILE:LINE[:COL]: what is wrong. By default ingest stops there
  and exits 65 (records before it are shipped and counted); an empty file is an error too.
  --skip-invalid reports and skips them (the first 10 per file are shown), --rejects FILE
  keeps each verbatim (a csv file's header row is written before its first rejected row).
  Each file gets a summary line on stderr: records shipped, rejected, spooled, not
  delivered, bytes and time. A progress bar is shown only when stderr is a terminal.

Raw (--raw): each file is sent untouched in chunks of about --batch-bytes (default 1 MB), cut
  on record boundaries, to POST /v1/logs?format=FMT&environment=..[&source=..&dataset=..
  &level=..] with X-API-Key and the format's content type; a csv chunk repeats the header
  row, a json chunk is a JSON array of whole elements. The service parses and validates.";

/// Ship whole files: json, jsonl, syslog, text, csv or obl.
///
/// Reads each FILE (`-` for stdin; `.gz` and gzip content are decompressed) as
/// a stream, turns every record into an entry and ships it in batches. With
/// several files, each is reported separately.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Files to ship; `-` reads stdin (the default when stdin is not a terminal).
    #[arg(value_name = "FILE|-")]
    pub files: Vec<PathBuf>,

    /// Input format (default: from the extension, then from the content).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Field holding the message [default: message, then msg].
    #[arg(long, value_name = "NAME")]
    pub message_field: Option<String>,

    /// Field holding the level [default: level, then severity].
    #[arg(long, value_name = "NAME")]
    pub level_field: Option<String>,

    /// Field holding the time [default: timestamp, time, ts, @timestamp]; `none`: stamp now.
    #[arg(long, value_name = "NAME")]
    pub timestamp_field: Option<String>,

    /// Set metadata.source on every entry (a record's own source wins).
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,

    /// Set metadata.dataset on every entry (a record's own dataset wins).
    #[arg(long, value_name = "NAME")]
    pub dataset: Option<String>,

    /// Report and skip invalid records instead of stopping at the first one.
    #[arg(long)]
    pub skip_invalid: bool,

    /// Write every rejected record, verbatim, to FILE.
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,

    /// Send the files' own bytes in chunks (the service parses them).
    #[arg(long)]
    pub raw: bool,

    #[command(flatten)]
    pub entry: EntryArgs,
}

/// Invalid records shown per file with --skip-invalid (all are counted).
const SHOWN_INVALID: u64 = 10;
/// Read buffer: large, so the parsers see long runs of bytes.
const READ_BUF: usize = 1 << 20;

pub fn run(args: Args, settings: &Settings) -> Result<Code> {
    if args.raw
        && (args.message_field.is_some()
            || args.level_field.is_some()
            || args.timestamp_field.is_some())
    {
        return Err(Failure::usage(
            "--raw sends files untouched: --message-field, --level-field and --timestamp-field do not apply",
        )
        .into());
    }
    if args.raw && settings.outputs.iter().any(|o| o == "otlp") {
        return Err(Failure::usage(
            "--raw sends files untouched for the Auralogs service to parse; an OTLP receiver takes only LogRecords, so with the otlp output ingest must parse the file (drop --raw)",
        )
        .into());
    }
    let mut extra = Vec::new();
    if let Some(s) = &args.source {
        extra.push(("source", Value::String(s.clone())));
    }
    if let Some(d) = &args.dataset {
        extra.push(("dataset", Value::String(d.clone())));
    }
    // Inside a flow, the whole run is one step: one stepIndex (issue 17).
    let template = Template::stream(&args.entry, settings, extra, "ingest run")?;
    let mut writer = EntryWriter::new(
        args.entry.level.unwrap_or(Level::Info),
        &template.environment,
        &template.trace_id,
        &template.metadata,
    );
    let mut mapping = Mapping::default();
    if let Some(m) = &args.message_field {
        mapping.message = vec![m.clone()];
    }
    if let Some(l) = &args.level_field {
        mapping.level = vec![l.clone()];
    }
    match args.timestamp_field.as_deref() {
        Some("none") => mapping.timestamp.clear(),
        Some(t) => mapping.timestamp = vec![t.to_string()],
        None => {}
    }
    let opts = Options {
        mapping,
        now: formats::time::now(),
    };
    let files = if args.files.is_empty() {
        if io::stdin().is_terminal() {
            return Err(Failure::usage(
                "no input: name files to ingest, or pipe data in and use `-`",
            )
            .into());
        }
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    if files.iter().filter(|f| f.as_os_str() == "-").count() > 1 {
        return Err(Failure::usage("stdin (`-`) can be read only once").into());
    }
    super::preflight(settings, args.entry.dry_run)?;
    let mut rejects = match &args.rejects {
        Some(p) => Some(BufWriter::new(File::create(p).with_context(|| {
            format!("{}: cannot create the rejects file", p.display())
        })?)),
        None => None,
    };
    // Ctrl-C or SIGTERM: stop reading, ship what was read, exit 130/143.
    let stop = Stop::install()?;
    let mut stdout = BufWriter::with_capacity(READ_BUF, io::stdout().lock());
    let mut total = Stats::default();
    let mut data_error = false;
    let mut file_error = false;
    let mut ctx = Ctx {
        args: &args,
        settings,
        opts: &opts,
        stdout: &mut stdout,
        stdout_open: true,
        rejects: rejects.as_mut(),
        stop: stop.clone(),
    };
    for (i, path) in files.iter().enumerate() {
        let name = if path.as_os_str() == "-" {
            "<stdin>".to_string()
        } else {
            path.display().to_string()
        };
        writer.set_file(Some(&name));
        match ctx.file(path, &name, &writer) {
            Ok(outcome) => {
                total.absorb(&outcome.stats);
                if outcome.data_error {
                    data_error = true;
                    if !args.skip_invalid {
                        let left = files.len() - i - 1;
                        if left > 0 {
                            output::info(&format!(
                                "stopped: {left} more file{} not read (--skip-invalid goes on)",
                                if left == 1 { "" } else { "s" }
                            ));
                        }
                        break;
                    }
                }
            }
            Err(e) => {
                output::error(&format!("{e:#}"));
                file_error = true;
            }
        }
        if ctx.signalled() {
            break;
        }
    }
    if let Err(e) = ctx.stdout.flush() {
        if e.kind() != io::ErrorKind::BrokenPipe {
            output::warn(&format!("cannot write to stdout: {e}"));
        }
    }
    if let Some(r) = rejects.as_mut() {
        r.flush().context("writing the rejects file")?;
    }
    let code = total.report(settings.strict);
    Ok(if let Some(signalled) = stop.code() {
        signalled
    } else if data_error && !args.skip_invalid {
        Code::DataErr
    } else if file_error {
        Code::Error
    } else {
        code
    })
}

struct Ctx<'a, 'w> {
    args: &'a Args,
    settings: &'a Settings,
    opts: &'a Options,
    stdout: &'a mut BufWriter<io::StdoutLock<'w>>,
    stdout_open: bool,
    rejects: Option<&'a mut BufWriter<File>>,
    stop: Stop,
}

/// What one input's records came to, for its summary and exit code.
#[derive(Default)]
struct Tally {
    records: u64,
    invalid: u64,
    filtered: u64,
    data_error: bool,
    /// Writing the rejects file failed: the input stops there.
    read_error: Option<anyhow::Error>,
}

/// The input being read, as the record callback reports on it.
struct Input<'a> {
    /// The file's name, sanitised for the terminal.
    shown: &'a str,
    pb: &'a Option<indicatif::ProgressBar>,
    /// Bytes read so far.
    count: &'a Rc<Cell<u64>>,
}

impl Input<'_> {
    /// Move the progress bar now and then (every 8192 records).
    fn tick(&self, records: u64) {
        if records.is_multiple_of(8192) {
            if let Some(pb) = self.pb {
                pb.set_position(self.count.get());
                pb.set_message(plural(records, "record", "records"));
            }
        }
    }

    /// An invalid record: an error that stops the input, or with
    /// --skip-invalid a warning for the first few (all under --verbose).
    fn show_invalid(&self, msg: &str, invalid: u64, skip: bool) {
        if !skip {
            if let Some(pb) = self.pb {
                pb.finish_and_clear();
            }
            output::error(msg);
        } else if invalid <= SHOWN_INVALID || output::is_verbose() {
            if let Some(pb) = self.pb {
                pb.suspend(|| output::warn(msg));
            } else {
                output::warn(msg);
            }
            if invalid == SHOWN_INVALID && !output::is_verbose() {
                output::warn(&format!(
                    "{}: further invalid records are counted, not shown (--verbose shows all)",
                    self.shown
                ));
            }
        }
    }
}

/// The rejects file's part for one input: its header line (csv) once,
/// before the first rejected record, then each record as read.
#[derive(Default)]
struct RejectsFile {
    header: Option<Vec<u8>>,
    header_written: bool,
}

impl RejectsFile {
    fn write(&mut self, r: &mut BufWriter<File>, raw: &[u8]) -> io::Result<()> {
        if let (Some(h), false) = (&self.header, self.header_written) {
            r.write_all(h)?;
            r.write_all(b"\n")?;
            self.header_written = true;
        }
        r.write_all(raw)?;
        if !raw.ends_with(b"\n") {
            r.write_all(b"\n")?;
        }
        Ok(())
    }
}

struct Outcome {
    stats: Stats,
    data_error: bool,
}

/// Counts the bytes read from the file itself (before decompression).
struct Counting<R> {
    inner: R,
    n: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.n.set(self.n.get() + n as u64);
        Ok(n)
    }
}

/// Stdin read by a thread, so that a signal ends the input even while no
/// data comes (`tail -f log | auralog ingest -`): a blocked `read(2)` is
/// restarted after the signal handler and would wait for the next byte.
/// After SIGINT/SIGTERM it reports end of input, and ingest ships what it
/// read.
struct StdinUntilSignal {
    rx: std::sync::mpsc::Receiver<io::Result<Vec<u8>>>,
    chunk: Vec<u8>,
    at: usize,
    stop: Stop,
}

impl StdinUntilSignal {
    fn start(stop: Stop) -> StdinUntilSignal {
        let (tx, rx) = sync_channel(4);
        std::thread::spawn(move || {
            let mut stdin = io::stdin().lock();
            loop {
                let mut buf = vec![0; READ_BUF];
                let got = match stdin.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => {
                        buf.truncate(n);
                        Ok(buf)
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => Err(e),
                };
                let failed = got.is_err();
                if tx.send(got).is_err() || failed {
                    break;
                }
            }
        });
        StdinUntilSignal {
            rx,
            chunk: Vec::new(),
            at: 0,
            stop,
        }
    }
}

impl Read for StdinUntilSignal {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at == self.chunk.len() {
            if self.stop.requested() {
                return Ok(0);
            }
            match self.rx.recv_timeout(Duration::from_millis(100)) {
                Ok(got) => {
                    self.chunk = got?;
                    self.at = 0;
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return Ok(0),
            }
        }
        let n = buf.len().min(self.chunk.len() - self.at);
        buf[..n].copy_from_slice(&self.chunk[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Open a file (or stdin), undo gzip, pick the format.
fn open(
    path: &Path,
    name: &str,
    forced: Option<Format>,
    count: Rc<Cell<u64>>,
    stop: Stop,
) -> Result<(Box<dyn BufRead>, Format, Option<u64>)> {
    let (inner, size): (Box<dyn Read>, Option<u64>) = if path.as_os_str() == "-" {
        (Box::new(StdinUntilSignal::start(stop)), None)
    } else {
        let f = File::open(path).with_context(|| format!("{name}: cannot open"))?;
        let size = f.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
        if f.metadata().is_ok_and(|m| m.is_dir()) {
            anyhow::bail!("{name}: is a directory");
        }
        (Box::new(f), size)
    };
    let mut buffered = BufReader::with_capacity(READ_BUF, Counting { inner, n: count });
    let head = buffered
        .fill_buf()
        .with_context(|| format!("{name}: cannot read"))?;
    let mut reader: Box<dyn BufRead> = if head.starts_with(&[0x1f, 0x8b]) {
        output::verbose(&format!("{name}: gzip, decompressing"));
        Box::new(BufReader::with_capacity(
            READ_BUF,
            flate2::read::MultiGzDecoder::new(buffered),
        ))
    } else {
        Box::new(buffered)
    };
    let format = match forced {
        Some(f) => f,
        None => match Format::from_extension(name) {
            Some(f) => {
                output::verbose(&format!("{name}: format {f} (from the extension)"));
                f
            }
            None => {
                let head = reader
                    .fill_buf()
                    .with_context(|| format!("{name}: cannot read"))?;
                let (f, why) = Format::sniff(&head[..head.len().min(64 * 1024)]);
                output::verbose(&format!("{name}: format {f} (from the content: {why})"));
                f
            }
        },
    };
    Ok((reader, format, size))
}

/// Where entries go when shipping: batched here, in the parser's thread,
/// and handed to a thread that owns the [`Sender`], so parsing and sending
/// overlap.
struct Shipper {
    tx: Option<SyncSender<Batch>>,
    worker: Option<JoinHandle<Stats>>,
    batch: Batcher,
    /// Input bytes read when the batch's age was last polled.
    read_at_poll: u64,
}

impl Shipper {
    fn new(settings: &Settings) -> Shipper {
        let (tx, rx) = sync_channel::<Batch>(2);
        let mut sender = Sender::bulk(settings);
        let batch = Batcher::new(sender.policy());
        let worker = std::thread::spawn(move || {
            for batch in rx {
                sender.send_batch(batch);
            }
            sender.finish()
        });
        Shipper {
            tx: Some(tx),
            worker: Some(worker),
            batch,
            read_at_poll: u64::MAX,
        }
    }

    fn send(&mut self, batch: Batch) {
        if let Some(tx) = &self.tx {
            // The worker only stops when the channel closes.
            let _ = tx.send(batch);
        }
    }

    /// Append one entry written by `write` to the open batch. `read` is the
    /// count of input bytes read so far: the batch's age is checked only when
    /// it moved, that is once per read of the input, not once per entry (a
    /// clock read per entry costs 4% of a syslog ingest). A slow stdin gives
    /// a read per line, so its batch still goes out after `flush_interval`.
    fn push(&mut self, read: u64, write: impl FnOnce(&mut Vec<u8>)) {
        if let Some(closed) = self.batch.push(write) {
            self.send(closed);
        }
        let polled = read != self.read_at_poll;
        self.read_at_poll = read;
        if self.batch.is_full() || (polled && self.batch.is_due()) {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if let Some(batch) = self.batch.take() {
            self.send(batch);
        }
    }

    fn finish(mut self) -> Stats {
        self.flush();
        drop(self.tx.take());
        match self.worker.take().map(|w| w.join()) {
            Some(Ok(stats)) => stats,
            _ => Stats {
                last_problem: Some("the sending thread failed".into()),
                ..Stats::default()
            },
        }
    }
}

fn human_bytes(n: u64) -> String {
    let n = n as f64;
    if n >= 1e9 {
        format!("{:.2} GB", n / 1e9)
    } else if n >= 1e6 {
        format!("{:.1} MB", n / 1e6)
    } else if n >= 1e3 {
        format!("{:.1} kB", n / 1e3)
    } else {
        format!("{n} bytes")
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn progress_bar(name: &str, size: Option<u64>) -> Option<indicatif::ProgressBar> {
    if !io::stderr().is_terminal() || output::is_quiet() {
        return None;
    }
    let (pb, template) = match size {
        Some(s) => (
            indicatif::ProgressBar::new(s),
            "{prefix} [{bar:30}] {bytes}/{total_bytes} {msg} {bytes_per_sec} ETA {eta}",
        ),
        None => (
            indicatif::ProgressBar::new_spinner(),
            "{prefix} {spinner} {bytes} {msg} {bytes_per_sec}",
        ),
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        pb.set_style(style.progress_chars("=> "));
    }
    pb.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    pb.set_prefix(output::sanitize(name).into_owned());
    Some(pb)
}

impl Ctx<'_, '_> {
    fn signalled(&self) -> bool {
        self.stop.requested()
    }

    fn file(&mut self, path: &Path, name: &str, writer: &EntryWriter) -> Result<Outcome> {
        let started = Instant::now();
        let count = Rc::new(Cell::new(0u64));
        let stop = self.stop.clone();
        let (mut reader, format, size) = open(path, name, self.args.format, count.clone(), stop)?;
        let shown = output::sanitize(name).into_owned();
        let pb = progress_bar(name, size);
        let mut shipper = if self.args.entry.dry_run {
            None
        } else {
            Some(Shipper::new(self.settings))
        };
        let mut tally = Tally::default();

        let result = if self.args.raw {
            self.raw(
                &mut reader,
                format,
                &mut shipper,
                &mut tally.records,
                &pb,
                &count,
            )
        } else {
            let input = Input {
                shown: &shown,
                pb: &pb,
                count: &count,
            };
            self.records(
                &mut reader,
                format,
                writer,
                &mut shipper,
                &mut tally,
                &input,
            )
        };
        if let Some(pb) = &pb {
            pb.finish_and_clear();
        }
        let mut stats = match shipper {
            Some(s) => s.finish(),
            None => Stats::default(),
        };
        stats.filtered += tally.filtered;
        let what_failed = self.end_of_input(result, &shown, &mut tally);
        let line = self.summary(&shown, &tally, &stats, count.get(), started.elapsed());
        output::info(&line);
        if let Some(e) = tally.read_error.take().or(what_failed) {
            return Err(e);
        }
        Ok(Outcome {
            stats,
            data_error: tally.data_error,
        })
    }

    /// Parse the records of one input and ship (or, with --dry-run, print)
    /// each one at or above min_level; invalid ones are reported and copied
    /// to the rejects file. Returns whether the input held anything.
    fn records(
        &mut self,
        reader: &mut Box<dyn BufRead>,
        format: Format,
        writer: &EntryWriter,
        shipper: &mut Option<Shipper>,
        tally: &mut Tally,
        input: &Input<'_>,
    ) -> Result<bool, ChunkError> {
        let min_level = self.settings.min_level;
        let skip = self.args.skip_invalid;
        let mut rejected = RejectsFile::default();
        let mut line = Vec::with_capacity(1024);
        let stdout = &mut *self.stdout;
        let stdout_open = &mut self.stdout_open;
        let rejects = &mut self.rejects;
        let stop = self.stop.clone();
        let mut f = |item: Item<'_>| -> Flow {
            if stop.requested() {
                return Flow::Stop;
            }
            match item {
                Item::Header(h) => rejected.header = Some(h.to_vec()),
                Item::Record(rec, _) => {
                    tally.records += 1;
                    input.tick(tally.records);
                    if writer.level_of(&rec) < min_level {
                        tally.filtered += 1;
                        return Flow::Continue;
                    }
                    match shipper {
                        Some(s) => s.push(input.count.get(), |buf| writer.write(&rec, buf)),
                        None => {
                            if !*stdout_open {
                                return Flow::Stop;
                            }
                            line.clear();
                            writer.write(&rec, &mut line);
                            line.push(b'\n');
                            if stdout.write_all(&line).is_err() {
                                *stdout_open = false;
                                return Flow::Stop;
                            }
                        }
                    }
                }
                Item::Invalid(inv, raw) => {
                    tally.invalid += 1;
                    tally.data_error = true;
                    input.show_invalid(&format!("{}:{inv}", input.shown), tally.invalid, skip);
                    if let Some(r) = rejects.as_mut() {
                        if let Err(e) = rejected.write(r, raw) {
                            tally.read_error =
                                Some(anyhow::anyhow!("writing the rejects file: {e}"));
                            return Flow::Stop;
                        }
                    }
                    if !skip {
                        return Flow::Stop;
                    }
                }
            }
            Flow::Continue
        };
        formats::parse(format, reader, self.opts, &mut f).map_err(ChunkError::Io)
    }

    /// How the input ended: an empty file and an invalid chunk are data
    /// errors (reported here); a read error is returned.
    fn end_of_input(
        &self,
        result: Result<bool, ChunkError>,
        shown: &str,
        tally: &mut Tally,
    ) -> Option<anyhow::Error> {
        match result {
            Ok(false) => {
                tally.data_error = true;
                let msg = format!("{shown}: empty file, nothing to ingest");
                if self.args.skip_invalid {
                    output::warn(&msg);
                } else {
                    output::error(&msg);
                }
                None
            }
            Ok(true) => None,
            Err(ChunkError::Invalid(inv)) => {
                tally.data_error = true;
                tally.invalid += 1;
                output::error(&format!("{shown}:{inv}"));
                None
            }
            Err(ChunkError::Io(e)) => Some(anyhow::anyhow!("{shown}: read error: {e}")),
        }
    }

    /// The one-line summary of a file: records shipped, rejected, spooled,
    /// lost, refused, filtered; bytes and time; why it stopped.
    fn summary(
        &self,
        shown: &str,
        tally: &Tally,
        stats: &Stats,
        bytes: u64,
        elapsed: Duration,
    ) -> String {
        let invalid = tally.invalid;
        let mut line = if self.args.entry.dry_run {
            format!(
                "{shown}: {} (dry run), {invalid} rejected",
                plural(tally.records - tally.filtered, "record", "records")
            )
        } else {
            format!(
                "{shown}: {} shipped, {invalid} rejected, {} spooled{}",
                plural(stats.delivered, "record", "records"),
                stats.spooled,
                if stats.lost > 0 {
                    format!(", {} LOST (spool full)", stats.lost)
                } else {
                    String::new()
                }
            )
        };
        if stats.rejected > 0 {
            line.push_str(&format!(", {} refused by the service", stats.rejected));
        }
        if tally.filtered > 0 {
            line.push_str(&format!(", {} below min-level", tally.filtered));
        }
        line.push_str(&format!(
            "; {} in {:.2} s",
            human_bytes(bytes),
            elapsed.as_secs_f64()
        ));
        if tally.data_error && !self.args.skip_invalid && invalid > 0 {
            line.push_str("; stopped at the first invalid record");
        }
        if self.signalled() {
            line.push_str("; interrupted");
        }
        line
    }

    /// `--raw`: chunks of the file's own bytes.
    fn raw(
        &mut self,
        reader: &mut Box<dyn BufRead>,
        format: Format,
        shipper: &mut Option<Shipper>,
        records: &mut u64,
        pb: &Option<indicatif::ProgressBar>,
        count: &Rc<Cell<u64>>,
    ) -> Result<bool, ChunkError> {
        let mut query = vec![("environment".to_string(), self.settings.environment.clone())];
        if let Some(s) = &self.args.source {
            query.push(("source".into(), s.clone()));
        }
        if let Some(d) = &self.args.dataset {
            query.push(("dataset".into(), d.clone()));
        }
        if let Some(l) = self.args.entry.level {
            query.push(("level".into(), l.as_str().into()));
        }
        let max = self.settings.batch_bytes.max(1024);
        let stdout = &mut *self.stdout;
        let stdout_open = &mut self.stdout_open;
        let stop = self.stop.clone();
        formats::chunks(format, reader, max, &mut |chunk, n| {
            if stop.requested() {
                return Flow::Stop;
            }
            *records += n as u64;
            if let Some(pb) = pb {
                pb.set_position(count.get());
                pb.set_message(plural(*records, "record", "records"));
            }
            match shipper {
                Some(s) => s.send(Batch {
                    payload: Payload::Raw {
                        format: format.name().into(),
                        content_type: format.content_type().into(),
                        query: query.clone(),
                        body: chunk.to_vec(),
                    },
                    count: n,
                    idempotency_key: new_idempotency_key(),
                }),
                None => {
                    let q: String = query
                        .iter()
                        .map(|(k, v)| format!("&{k}={}", crate::sender::http::encode(v)))
                        .collect();
                    let line = format!(
                        "POST /v1/logs?format={}{q} Content-Type: {} ({n} records, {} bytes)\n",
                        format.name(),
                        format.content_type(),
                        chunk.len()
                    );
                    if !*stdout_open || stdout.write_all(line.as_bytes()).is_err() {
                        *stdout_open = false;
                        return Flow::Stop;
                    }
                }
            }
            Flow::Continue
        })
    }
}
