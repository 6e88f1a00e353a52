//! Input formats for `auralog ingest` (and raw ingestion in `auralog serve`):
//! one parser per format, all streaming, all yielding [`Record`]s that carry
//! their position, and one [`EntryWriter`] that turns a record into wire JSON
//! without building an intermediate `Entry`.
//!
//! Each parser calls a callback with an [`Item`] per record (valid or not) so
//! records can borrow from the parser's buffers: no per-record copies beyond
//! what the format needs.

pub mod csv;
pub mod json;
pub mod jsonl;
pub mod obl;
pub(crate) mod scan;
pub mod syslog;
pub mod text;

use std::borrow::Cow;
use std::fmt;
use std::io::{self, BufRead};

use serde_json::Value;

use crate::wire::{time, EncodeParts, EntryParts, Level, MetaVal};

/// Records larger than this are rejected (they would not fit a request, and
/// a file without newlines must not be loaded whole).
pub const MAX_RECORD: usize = 8 * 1024 * 1024;

/// The UTF-8 byte order mark. One that opens a file (or tail-stdin's input)
/// is an encoding mark, not text: every reader drops it (ingest's, the
/// sniffer, tail-stdin's first line). One further on is text like any
/// other, also where `--resume` or a follower starts reading
/// ([`Options::mid_file`]).
pub const BOM: &[u8] = b"\xef\xbb\xbf";

/// `bytes` without a [`BOM`] at their start.
pub fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(BOM).unwrap_or(bytes)
}

/// Deepest JSON nesting accepted in a record. The wire entry puts a record's
/// fields three levels down (body, `logs`, entry, `metadata`) and the service,
/// like serde_json, refuses documents nested deeper than 128.
pub const MAX_DEPTH: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    // No double quotes in these help texts: clap_complete puts them into
    // zsh and fish scripts unescaped (tests/shell.rs loads them in the shells).
    /// A JSON array of records, or an object with a logs array; streamed element by element.
    Json,
    /// One JSON value per line (also called ndjson).
    Jsonl,
    /// RFC 5424 or RFC 3164 messages, one per line.
    Syslog,
    /// One record per line, read as tail-stdin reads a line (its time prefix, colours, level).
    Text,
    /// RFC 4180 CSV with a header row naming the fields.
    Csv,
    /// Open Board Logging: logfmt key=value lines (PROTOCOL.md).
    Obl,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Syslog => "syslog",
            Format::Text => "text",
            Format::Csv => "csv",
            Format::Obl => "obl",
        }
    }

    pub fn parse_name(s: &str) -> Option<Format> {
        Some(match s.to_ascii_lowercase().as_str() {
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::Jsonl,
            "syslog" => Format::Syslog,
            "text" | "txt" => Format::Text,
            "csv" => Format::Csv,
            "obl" => Format::Obl,
            _ => return None,
        })
    }

    /// The Content-Type of a raw chunk (PROTOCOL.md).
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Jsonl => "application/x-ndjson",
            Format::Syslog => "application/x-syslog",
            Format::Text => "text/plain",
            Format::Csv => "text/csv",
            Format::Obl => "application/x-obl",
        }
    }

    /// From a file name's extension (after removing `.gz`). `.log` says
    /// nothing about the content, so it gives `None` (sniff instead).
    pub fn from_extension(name: &str) -> Option<Format> {
        let lower = name.to_ascii_lowercase();
        let base = lower.strip_suffix(".gz").unwrap_or(&lower);
        let ext = base.rsplit_once('.')?.1;
        Some(match ext {
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::Jsonl,
            "csv" => Format::Csv,
            "syslog" => Format::Syslog,
            "obl" | "logfmt" => Format::Obl,
            "txt" | "text" => Format::Text,
            _ => return None,
        })
    }

    /// Guess the format from the first bytes of the content (after any BOM).
    /// Returns the format and why, for `--verbose`.
    pub fn sniff(head: &[u8]) -> (Format, &'static str) {
        let head = without_bom(head);
        let start = head
            .iter()
            .position(|b| !b" \t\r\n".contains(b))
            .unwrap_or(head.len());
        let body = &head[start..];
        let first_line = body.split(|&b| b == b'\n').next().unwrap_or(&[]);
        let first_line = first_line.strip_suffix(b"\r").unwrap_or(first_line);
        match body.first() {
            Some(b'[') => return (Format::Json, "starts with '['"),
            Some(b'{') => {
                return if serde_json::from_slice::<serde::de::IgnoredAny>(first_line).is_ok() {
                    (Format::Jsonl, "the first line is a JSON object")
                } else {
                    (Format::Json, "starts with '{' spanning lines")
                }
            }
            _ => {}
        }
        if syslog::looks_like_syslog(first_line) {
            return (Format::Syslog, "the first line looks like syslog");
        }
        let lines: Vec<&[u8]> = body
            .split(|&b| b == b'\n')
            .take(20)
            .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
            .filter(|l| !l.is_empty())
            .collect();
        let complete = if body.len() == head.len() || lines.len() < 2 {
            lines.len()
        } else {
            lines.len() - 1 // the last line may be cut by the sniff window
        };
        let lines = &lines[..complete];
        if !lines.is_empty() && lines.iter().all(|l| obl::looks_like_pairs(l)) {
            return (Format::Obl, "every line is key=value pairs");
        }
        if lines.len() >= 2 {
            let commas = |l: &[u8]| l.iter().filter(|&&b| b == b',').count();
            let n = commas(lines[0]);
            if n >= 1 && !lines[0].contains(&b'"') && lines.iter().all(|l| commas(l) == n) {
                return (Format::Csv, "the lines have the same number of commas");
            }
        }
        (Format::Text, "no structure recognised")
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A record that could not be read: where and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Invalid {
    /// 1-based line; 0 when the problem is the file as a whole.
    pub line: u64,
    /// 1-based column (bytes), when known.
    pub col: Option<u64>,
    pub what: String,
    /// Reading cannot go on past this point (a broken JSON array, a csv row
    /// that never ends): the input ends here, whatever `--skip-invalid` says.
    /// A fatal error with no bytes is a position, not a record.
    pub fatal: bool,
}

impl Invalid {
    pub fn new(line: u64, col: Option<u64>, what: impl Into<String>) -> Invalid {
        Invalid {
            line,
            col,
            what: what.into(),
            fatal: false,
        }
    }

    /// The same error, marked as the end of what can be read.
    pub fn fatal(mut self) -> Invalid {
        self.fatal = true;
        self
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.col) {
            (0, _) => write!(f, "{}", self.what),
            (l, Some(c)) => write!(f, "{l}:{c}: {}", self.what),
            (l, None) => write!(f, "{l}: {}", self.what),
        }
    }
}

/// A field value, kept in the cheapest form the format gives (it lives
/// with THE reading's view of the fields, which reads it).
pub use crate::reading::fields::Val;

/// One record read from a file, before it becomes a wire entry.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record<'a> {
    /// 1-based line where the record starts.
    pub line: u64,
    /// The record's own text: its message when it has no message field.
    pub text: &'a str,
    pub message: Option<Val<'a>>,
    pub level: Option<Level>,
    pub timestamp: Option<time::Micros>,
    pub environment: Option<Cow<'a, str>>,
    pub trace_id: Option<Cow<'a, str>>,
    pub stack_trace: Option<Cow<'a, str>>,
    /// The exception's type, written as `metadata.errorName`.
    pub error_name: Option<Cow<'a, str>>,
    /// Everything else: metadata, in the record's order.
    pub fields: Vec<(Cow<'a, str>, Val<'a>)>,
}

/// Which fields of a structured record carry the message, level and time:
/// empty lists leave it to the record's shape (`reading::shapes`).
pub use crate::reading::Overrides as Mapping;

/// What every parser needs besides its input: the field choices and "now"
/// (for RFC 3164's year-less timestamps). THE reading's options.
pub use crate::reading::Options;

/// The reading resolved per key set, kept for one input.
pub use crate::reading::plan::Plans;

/// What a parser hands its callback.
pub enum Item<'a> {
    /// A CSV header row, verbatim (so rejects files can repeat it).
    Header(&'a [u8]),
    /// A record, and its bytes verbatim.
    Record(Record<'a>, &'a [u8]),
    /// A record that could not be read, and its bytes verbatim.
    Invalid(Invalid, &'a [u8]),
}

/// Where a parser's items go. Any `FnMut(Item) -> Flow` is one (and drops
/// [`Sink::rest`]).
pub trait Sink {
    fn item(&mut self, item: Item<'_>) -> Flow;

    /// More bytes of the record the last [`Item::Invalid`] rejected: a record
    /// over [`MAX_RECORD`] comes with its first bytes only, and the rest
    /// follows here piece by piece up to its end (so that `--rejects` keeps
    /// it whole without holding it in memory). Reading then goes on after it.
    fn rest(&mut self, _bytes: &[u8]) {}
}

impl<F: ?Sized + for<'a> FnMut(Item<'a>) -> Flow> Sink for F {
    fn item(&mut self, item: Item<'_>) -> Flow {
        self(item)
    }
}

/// Whether a parser goes on after a callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Stop,
}

/// Parse `input` in `format`, calling `f` for every record. Returns whether
/// the input held anything but white space (an empty file is an error the
/// caller reports).
pub fn parse(
    format: Format,
    input: &mut dyn BufRead,
    opts: &Options,
    f: &mut dyn FnMut(Item<'_>) -> Flow,
) -> io::Result<bool> {
    parse_into(format, input, opts, &mut { f })
}

/// [`parse`] into a [`Sink`] that also takes the rest of oversized records.
pub fn parse_into(
    format: Format,
    input: &mut dyn BufRead,
    opts: &Options,
    f: &mut dyn Sink,
) -> io::Result<bool> {
    let mut plans = Plans::new();
    let plans = &mut plans;
    match format {
        Format::Json => json::parse(input, opts, f),
        Format::Jsonl => lines(input, opts, f, |t, l| {
            jsonl::parse_planned(t, l, 1, opts, plans)
        }),
        Format::Syslog => syslog::parse(input, opts, f),
        Format::Text => lines(input, opts, f, text::parse_record),
        Format::Csv => csv::parse(input, opts, f),
        Format::Obl => lines(input, opts, f, |t, l| obl::parse_planned(t, l, opts, plans)),
    }
}

/// Cut `input` into raw chunks of about `max` bytes on record boundaries:
/// `f(chunk, records)`. A csv chunk repeats the header row; a json chunk is
/// a JSON array.
pub fn chunks(
    format: Format,
    input: &mut dyn BufRead,
    max: usize,
    f: &mut dyn FnMut(&[u8], usize) -> Flow,
) -> Result<bool, ChunkError> {
    match format {
        Format::Csv => csv::chunks(input, max, f),
        Format::Json => json::chunks(input, max, f),
        _ => line_chunks(input, max, f),
    }
}

/// Why cutting chunks stopped.
#[derive(Debug)]
pub enum ChunkError {
    Io(io::Error),
    Invalid(Invalid),
}

impl From<io::Error> for ChunkError {
    fn from(e: io::Error) -> Self {
        ChunkError::Io(e)
    }
}

/// Reads lines into one reused buffer, without the line end (`\n` or
/// `\r\n`), counting them, refusing lines longer than [`MAX_RECORD`], and
/// dropping a UTF-8 BOM at the start.
pub struct LineReader<'r> {
    input: &'r mut dyn BufRead,
    buf: Vec<u8>,
    /// The line number of the line last returned.
    pub line: u64,
    started: bool,
    /// The line last returned was too long and its rest is not read yet.
    in_long: bool,
    /// The lines last returned were lent from the input's buffer: their
    /// length, consumed when the buffer holds no whole line more.
    lent: usize,
}

impl Drop for LineReader<'_> {
    /// The input is left just after the last line returned, as when the
    /// line was copied.
    fn drop(&mut self) {
        if self.lent > 0 {
            self.input.consume(self.lent);
        }
    }
}

/// One line from a [`LineReader`].
pub struct Line<'b> {
    pub no: u64,
    /// Without the line end.
    pub bytes: &'b [u8],
    /// With the line end, as in the file.
    pub raw: &'b [u8],
    /// The line was longer than [`MAX_RECORD`]: `bytes` and `raw` hold its
    /// start, [`LineReader::next_rest`] the rest.
    pub too_long: bool,
}

impl<'r> LineReader<'r> {
    pub fn new(input: &'r mut dyn BufRead) -> Self {
        LineReader {
            input,
            buf: Vec::with_capacity(4096),
            line: 0,
            started: false,
            in_long: false,
            lent: 0,
        }
    }

    /// Reading from inside a file: a BOM at the start is text.
    pub fn mid_file(mut self) -> Self {
        self.started = true;
        self
    }

    /// The rest of a too-long line, piece by piece (its line end in the
    /// last piece); `None` once it is all read.
    pub fn next_rest(&mut self) -> io::Result<Option<&[u8]>> {
        if !self.in_long {
            return Ok(None);
        }
        let avail = loop {
            match self.input.fill_buf() {
                Ok(b) => break b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        };
        if avail.is_empty() {
            self.in_long = false;
            return Ok(None);
        }
        let take = match memchr::memchr(b'\n', avail) {
            Some(i) => {
                self.in_long = false;
                i + 1
            }
            None => avail.len(),
        };
        self.buf.clear();
        self.buf.extend_from_slice(&avail[..take]);
        self.input.consume(take);
        Ok(Some(&self.buf))
    }

    pub fn next_line(&mut self) -> io::Result<Option<Line<'_>>> {
        // A whole line in the input's buffer is lent out from there, not
        // copied (the first line goes the long way, for its BOM). The lines
        // lent are consumed together, once the buffer holds no whole line
        // more: unconsumed, the buffer stays as it is (BufRead refills
        // only an empty one), and a line costs one fill_buf call.
        if self.started && !self.in_long {
            let start = self.lent;
            let found = match self.input.fill_buf() {
                Ok(avail) => avail.get(start..).and_then(|rest| {
                    memchr::memchr(b'\n', rest)
                        .map(|i| i + 1)
                        .filter(|&n| n <= MAX_RECORD + 2)
                }),
                Err(_) => None,
            };
            if let Some(n) = found {
                self.lent = start + n;
                self.line += 1;
                // Asked again (the borrow checker cannot return the first
                // answer on one branch only): the same buffer.
                let raw = &self.input.fill_buf()?[start..start + n];
                let mut bytes = &raw[..n - 1];
                bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
                return Ok(Some(Line {
                    no: self.line,
                    bytes,
                    raw,
                    too_long: false,
                }));
            }
        }
        if self.lent > 0 {
            self.input.consume(self.lent);
            self.lent = 0;
        }
        while self.next_rest()?.is_some() {}
        self.buf.clear();
        let mut too_long = false;
        loop {
            let avail = match self.input.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if avail.is_empty() {
                break;
            }
            let (take, done) = match memchr::memchr(b'\n', avail) {
                Some(i) => (i + 1, true),
                None => (avail.len(), false),
            };
            if self.buf.len() + take > MAX_RECORD + 2 {
                // Hand out the start; the rest follows from next_rest().
                let room = MAX_RECORD + 2 - self.buf.len();
                self.buf.extend_from_slice(&avail[..room]);
                self.input.consume(room);
                too_long = true;
                self.in_long = true;
                break;
            }
            self.buf.extend_from_slice(&avail[..take]);
            self.input.consume(take);
            if done {
                break;
            }
        }
        if self.buf.is_empty() && !too_long {
            return Ok(None);
        }
        if !self.started {
            self.started = true;
            if self.buf.starts_with(BOM) {
                self.buf.drain(..3);
            }
        }
        self.line += 1;
        let raw = &self.buf[..];
        let mut bytes = raw.strip_suffix(b"\n").unwrap_or(raw);
        bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        Ok(Some(Line {
            no: self.line,
            bytes,
            raw,
            too_long,
        }))
    }
}

/// True for a line of only white space.
pub fn is_blank(b: &[u8]) -> bool {
    b.iter().all(|c| c.is_ascii_whitespace())
}

/// `std::str::from_utf8`, with a SIMD check first (simdutf8): the check of
/// every line was 3-8% of ingest's reading thread (callgrind, dry runs of
/// `bench/ingest-cpu`'s inputs). Only invalid input pays for std's second
/// pass, which locates the bad byte.
pub fn str_of(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(_) => std::str::from_utf8(bytes),
    }
}

/// Validate UTF-8, locating the first bad byte.
pub fn utf8(bytes: &[u8], line: u64) -> Result<&str, Invalid> {
    str_of(bytes).map_err(|e| {
        Invalid::new(
            line,
            Some(e.valid_up_to() as u64 + 1),
            "invalid UTF-8 (auralog reads UTF-8 text)",
        )
    })
}

/// The driver of the line formats (jsonl, text, obl): blank lines are
/// skipped, every other line is one record.
fn lines(
    input: &mut dyn BufRead,
    opts: &Options,
    f: &mut dyn Sink,
    mut parse: impl for<'a> FnMut(&'a str, u64) -> Result<Record<'a>, Invalid>,
) -> io::Result<bool> {
    byte_lines(input, opts, f, |b, no| {
        utf8(b, no).and_then(|t| parse(t, no))
    })
}

/// The line loop every line-oriented format shares: too-long lines and
/// blank lines handled once, each other line handed to `parse` as bytes.
pub(crate) fn byte_lines<S: Sink + ?Sized>(
    input: &mut dyn BufRead,
    opts: &Options,
    f: &mut S,
    mut parse: impl for<'a> FnMut(&'a [u8], u64) -> Result<Record<'a>, Invalid>,
) -> io::Result<bool> {
    let mut r = LineReader::new(input);
    if opts.mid_file {
        r = r.mid_file();
    }
    let mut any = false;
    while let Some(line) = r.next_line()? {
        if line.too_long {
            any = true;
            let inv = Invalid::new(
                line.no,
                None,
                format!("line longer than {} MiB", MAX_RECORD >> 20),
            );
            let flow = f.item(Item::Invalid(inv, line.raw));
            // The rest goes to the rejects file even when reading stops here.
            while let Some(rest) = r.next_rest()? {
                f.rest(rest);
            }
            if flow == Flow::Stop {
                break;
            }
            continue;
        }
        if is_blank(line.bytes) {
            continue;
        }
        any = true;
        let item = match parse(line.bytes, line.no) {
            Ok(rec) => Item::Record(rec, line.raw),
            Err(inv) => Item::Invalid(inv, line.raw),
        };
        if f.item(item) == Flow::Stop {
            break;
        }
    }
    Ok(any)
}

/// Raw chunks of whole lines (jsonl, syslog, text, obl). Blank lines are
/// kept: the bytes go untouched.
fn line_chunks(
    input: &mut dyn BufRead,
    max: usize,
    f: &mut dyn FnMut(&[u8], usize) -> Flow,
) -> Result<bool, ChunkError> {
    let mut r = LineReader::new(input);
    let mut chunk: Vec<u8> = Vec::with_capacity(max + 4096);
    let mut n = 0;
    let mut any = false;
    while let Some(line) = r.next_line()? {
        if line.too_long {
            return Err(ChunkError::Invalid(Invalid::new(
                line.no,
                None,
                format!("line longer than {} MiB", MAX_RECORD >> 20),
            )));
        }
        if is_blank(line.bytes) {
            continue;
        }
        any = true;
        if !chunk.is_empty() && chunk.len() + line.raw.len() > max {
            if f(&chunk, n) == Flow::Stop {
                return Ok(any);
            }
            chunk.clear();
            n = 0;
        }
        chunk.extend_from_slice(line.raw);
        if !line.raw.ends_with(b"\n") {
            chunk.push(b'\n');
        }
        n += 1;
    }
    if n > 0 {
        f(&chunk, n);
    }
    Ok(any)
}

/// Read a structured record's entry parts (message, level, timestamp,
/// environment, traceId, stackTrace, errorName) out of `rec.fields` by THE
/// reading (`reading::read_record`: the record's shape, or the
/// `--message-field`/`--level-field`/`--timestamp-field` choices); the rest
/// stays metadata. A time field that cannot be read makes the record
/// invalid here (ingest: guessing would misplace it in time; tail-stdin
/// keeps the read time instead, since it cannot reject a line).
///
/// `plans` holds what was resolved for the key sets seen so far
/// (`reading::plan`): one per input, so a record costs the reading of its
/// values only.
pub fn apply_mapping(
    rec: &mut Record<'_>,
    opts: &Options,
    plans: &mut Plans,
) -> Result<(), Invalid> {
    let r = crate::reading::plan::read_fields(plans, &mut rec.fields, rec.text, opts);
    if let Some(fault) = r.time_fault {
        let shown: String = match rec.fields.iter().find(|(k, _)| *k == fault.key) {
            Some((_, Val::Raw(r))) => r.to_string(),
            Some((_, other)) => other.as_text().unwrap_or_default().into_owned(),
            None => String::new(),
        };
        return Err(Invalid::new(
            rec.line,
            None,
            format!(
                "field '{}': cannot read {} as a time: {}",
                crate::output::sanitize(&fault.key),
                crate::output::sanitize(&shown.chars().take(60).collect::<String>()),
                fault.why
            ),
        ));
    }
    if let Some(m) = r.message {
        rec.message = Some(Val::Str(m));
    }
    rec.level = r.level;
    rec.timestamp = r.timestamp;
    rec.environment = r.environment;
    rec.trace_id = r.trace_id;
    rec.stack_trace = r.stack_trace.map(Cow::Owned);
    rec.error_name = r.error_name.map(Cow::Owned);
    Ok(())
}

/// JSON string escaping is shared with tail-stdin's hot path.
pub use crate::fastjson::write_str;

fn write_val(out: &mut Vec<u8>, v: &Val<'_>) {
    match v {
        Val::Raw(r) => out.extend_from_slice(r.as_bytes()),
        Val::Str(s) => write_str(out, s),
        Val::Object(o) => out.extend_from_slice(o.as_bytes()),
    }
}

/// Write a value where the wire wants a string.
fn write_val_as_str(out: &mut Vec<u8>, v: &Val<'_>) {
    match v {
        Val::Raw(r) if r.starts_with('"') => out.extend_from_slice(r.as_bytes()),
        Val::Raw(r) => write_str(out, r),
        Val::Str(s) => write_str(out, s),
        Val::Object(o) => write_str(out, o),
    }
}

/// Turns records into wire entries (PROTOCOL.md), straight into a byte
/// buffer. Everything fixed for a run is serialised once here.
#[derive(Debug, Clone)]
pub struct EntryWriter {
    /// The level of records that carry none.
    pub default_level: Level,
    /// As text (for [`EntryWriter::encode`]) and as a JSON string.
    environment: (String, Vec<u8>),
    trace_id: (String, Vec<u8>),
    /// `(key, JSON value)` from `[metadata]`, `-m`, `--source`, ...: defaults
    /// that a record's own field of the same name overrides.
    defaults: Vec<(String, String)>,
    /// The file name for the position keys, as text and as the JSON of
    /// the position up to its line number (`"file":"name","line":`); none
    /// in serve.
    file: Option<(String, Vec<u8>)>,
}

/// Where [`EntryWriter::each_meta`] hands an entry's metadata, item by
/// item (a trait, not a closure: each writer's four small methods inline
/// into the walk; a closure with one match was a call per item, 9% more
/// for the JSON writer).
trait MetaSink<'r> {
    /// A default (`-m`, `[metadata]`...) as JSON text.
    fn default(&mut self, key: &str, json: &'r str);
    /// A record's own field.
    fn field(&mut self, key: &str, v: &'r Val<'r>);
    /// The exception's type (`errorName`).
    fn error_name(&mut self, name: &'r str);
    /// The position: the writer's file name, the record's line.
    fn position(&mut self, line: u64);
}

/// The metadata keys of the last entry written, by their place in it,
/// each as written (`"key":`): a file's records mostly carry the same
/// keys in the same order, so a key costs a compare and a copy, not an
/// escape check. Matched by the key's text (its length and the words
/// that cover it), never by where it lies. One per writing thread
/// ([`EntryWriter::write_keyed`]).
#[derive(Debug, Default)]
pub struct KeyCache {
    slots: [KeySlot; 12],
}

#[derive(Debug, Default, Clone, Copy)]
struct KeySlot {
    /// The key's length + 1 (0: empty slot) and its words.
    len: usize,
    words: (u64, u64),
    json: [u8; 24],
    json_len: usize,
}

impl KeyCache {
    /// Append `"key":` for the entry's `at`th metadata item.
    #[inline]
    fn write(&mut self, out: &mut Vec<u8>, at: usize, key: &str) {
        let b = key.as_bytes();
        let Some(slot) = self.slots.get_mut(at).filter(|_| b.len() <= 16) else {
            write_key(out, key);
            return;
        };
        let words = crate::fastjson::short_words(b, 0);
        if slot.len == b.len() + 1 && slot.words == words {
            let len = out.len();
            out.extend_from_slice(&slot.json);
            out.truncate(len + slot.json_len);
            return;
        }
        let start = out.len();
        write_key(out, key);
        let json = &out[start..];
        match slot.json.get_mut(..json.len()) {
            Some(room) => {
                room.copy_from_slice(json);
                (slot.len, slot.words, slot.json_len) = (b.len() + 1, words, json.len());
            }
            // An escaped key too long for the slot: written each time.
            None => slot.len = 0,
        }
    }
}

/// `"key":`, the key escaped.
#[inline]
fn write_key(out: &mut Vec<u8>, key: &str) {
    write_str(out, key);
    out.push(b':');
}

/// [`EntryWriter::write`]'s metadata object, opened at its first item.
struct JsonMeta<'o> {
    out: &'o mut Vec<u8>,
    first: bool,
    /// Keys as written for the last entry, when the caller keeps them.
    keys: Option<&'o mut KeyCache>,
    /// The place of the next item.
    at: usize,
    /// `"file":"name","line":` ([`EntryWriter::set_file`]).
    position: &'o [u8],
}

impl JsonMeta<'_> {
    #[inline]
    fn sep(&mut self) {
        if self.first {
            self.out.extend_from_slice(b",\"metadata\":{");
            self.first = false;
        } else {
            self.out.push(b',');
        }
    }

    /// `"key":`, the next item's.
    #[inline]
    fn key(&mut self, key: &str) {
        match self.keys.as_deref_mut() {
            Some(keys) => keys.write(self.out, self.at, key),
            None => write_key(self.out, key),
        }
        self.at += 1;
    }
}

impl<'r> MetaSink<'r> for JsonMeta<'_> {
    fn default(&mut self, key: &str, json: &'r str) {
        self.sep();
        self.key(key);
        self.out.extend_from_slice(json.as_bytes());
    }

    fn field(&mut self, key: &str, v: &'r Val<'r>) {
        self.sep();
        self.key(key);
        write_val(self.out, v);
    }

    fn error_name(&mut self, name: &'r str) {
        self.sep();
        self.out.extend_from_slice(b"\"errorName\":");
        write_str(self.out, name);
    }

    fn position(&mut self, line: u64) {
        self.sep();
        self.out.extend_from_slice(self.position);
        self.out
            .extend_from_slice(itoa::Buffer::new().format(line).as_bytes());
    }
}

/// [`EntryWriter::encode`]'s metadata, as [`MetaVal`]s.
struct PartsMeta<'f, 'g> {
    f: &'f mut dyn FnMut(&str, MetaVal<'_>),
    file: &'g str,
}

impl<'r> MetaSink<'r> for PartsMeta<'_, '_> {
    fn default(&mut self, key: &str, json: &'r str) {
        (self.f)(key, MetaVal::Json(json));
    }

    fn field(&mut self, key: &str, v: &'r Val<'r>) {
        let v = match v {
            Val::Raw(r) => MetaVal::Json(r),
            Val::Str(s) => MetaVal::Str(s),
            Val::Object(o) => MetaVal::Json(o),
        };
        (self.f)(key, v);
    }

    fn error_name(&mut self, name: &'r str) {
        (self.f)("errorName", MetaVal::Str(name));
    }

    fn position(&mut self, line: u64) {
        (self.f)("file", MetaVal::Str(self.file));
        (self.f)("line", MetaVal::UInt(line));
    }
}

/// Text and its JSON string.
fn text_and_json(s: &str) -> (String, Vec<u8>) {
    let mut v = Vec::new();
    write_str(&mut v, s);
    (s.to_string(), v)
}

impl EntryWriter {
    pub fn new(
        default_level: Level,
        environment: &str,
        trace_id: &str,
        defaults: &serde_json::Map<String, Value>,
    ) -> EntryWriter {
        EntryWriter {
            default_level,
            environment: text_and_json(environment),
            trace_id: text_and_json(trace_id),
            defaults: defaults
                .iter()
                .map(|(k, v)| (k.clone(), serde_json::to_string(v).unwrap_or_default()))
                .collect(),
            file: None,
        }
    }

    /// Name the file whose records follow (`file` and `line` metadata).
    pub fn set_file(&mut self, name: Option<&str>) {
        self.file = name.map(|name| {
            let mut position = b"\"file\":".to_vec();
            write_str(&mut position, name);
            position.extend_from_slice(b",\"line\":");
            (name.to_string(), position)
        });
    }

    /// The level this record's entry gets.
    pub fn level_of(&self, rec: &Record<'_>) -> Level {
        rec.level.unwrap_or(self.default_level)
    }

    /// THE metadata of a record's entry, in its order: the defaults the
    /// record does not override, the record's fields, its `errorName`, the
    /// position.
    ///
    /// Collision rule (PROTOCOL.md): auralog's position keys `file` and
    /// `line` always hold the position; a record's own `file` or `line`
    /// field is kept under `_file` / `_line` (more underscores if those are
    /// taken too). Defaults from the command line and config yield to the
    /// record's own fields.
    fn each_meta<'r>(&'r self, rec: &'r Record<'r>, to: &mut impl MetaSink<'r>) {
        for (k, v) in &self.defaults {
            if rec.fields.iter().any(|(rk, _)| rk == k)
                || (k == "errorName" && rec.error_name.is_some())
            {
                continue;
            }
            to.default(k, v);
        }
        for (k, v) in &rec.fields {
            if self.file.is_some() && (k == "file" || k == "line") {
                let mut key = format!("_{k}");
                while rec.fields.iter().any(|(o, _)| *o == key) {
                    key.insert(0, '_');
                }
                to.field(&key, v);
            } else {
                to.field(k, v);
            }
        }
        if let Some(name) = &rec.error_name {
            if !rec.fields.iter().any(|(k, _)| k == "errorName") {
                to.error_name(name);
            }
        }
        if self.file.is_some() {
            to.position(rec.line);
        }
    }

    /// Append the record's wire entry to `out`.
    pub fn write(&self, rec: &Record<'_>, out: &mut Vec<u8>) {
        self.write_with(rec, out, None);
    }

    /// [`EntryWriter::write`], for a caller that writes entry after entry
    /// and keeps their metadata keys as written (the same bytes).
    pub fn write_keyed(&self, rec: &Record<'_>, out: &mut Vec<u8>, keys: &mut KeyCache) {
        self.write_with(rec, out, Some(keys));
    }

    fn write_with(&self, rec: &Record<'_>, out: &mut Vec<u8>, keys: Option<&mut KeyCache>) {
        out.extend_from_slice(b"{\"level\":\"");
        out.extend_from_slice(self.level_of(rec).as_str().as_bytes());
        out.extend_from_slice(b"\",\"message\":");
        match &rec.message {
            Some(v) => write_val_as_str(out, v),
            None => write_str(out, rec.text),
        }
        out.extend_from_slice(b",\"environment\":");
        match &rec.environment {
            Some(e) => write_str(out, e),
            None => out.extend_from_slice(&self.environment.1),
        }
        out.extend_from_slice(b",\"timestamp\":\"");
        time::write_rfc3339(rec.timestamp.unwrap_or_else(time::now), out);
        out.push(b'"');

        let mut meta = JsonMeta {
            out: &mut *out,
            keys,
            at: 0,
            first: true,
            position: self.file.as_ref().map_or(&[][..], |(_, json)| json),
        };
        self.each_meta(rec, &mut meta);
        if !meta.first {
            out.push(b'}');
        }
        if let Some(st) = &rec.stack_trace {
            out.extend_from_slice(b",\"stackTrace\":");
            write_str(out, st);
        }
        out.extend_from_slice(b",\"traceId\":");
        match &rec.trace_id {
            Some(t) => write_str(out, t),
            None => out.extend_from_slice(&self.trace_id.1),
        }
        out.push(b'}');
    }

    /// The record's entry in another output's encoding, from its parts
    /// (the same entry [`EntryWriter::write`] writes: the same message,
    /// time and [`EntryWriter::each_meta`]), appended to `out`.
    pub fn encode(
        &self,
        rec: &Record<'_>,
        to: &dyn EncodeParts,
        observed_micros: i64,
        out: &mut Vec<u8>,
    ) {
        let message = match &rec.message {
            // As `write_val_as_str` writes it: a string's text, any other
            // JSON value's text as it is.
            Some(Val::Raw(r)) => crate::reading::fields::raw_str(r).unwrap_or(Cow::Borrowed(r)),
            Some(Val::Str(s)) => Cow::Borrowed(&**s),
            Some(Val::Object(o)) => Cow::Borrowed(o.as_str()),
            None => Cow::Borrowed(rec.text),
        };
        let file = self.file.as_ref().map_or("", |(t, _)| t.as_str());
        let metadata = |f: &mut dyn FnMut(&str, MetaVal<'_>)| {
            self.each_meta(rec, &mut PartsMeta { f, file });
        };
        // A record without a time of its own is stamped now, and is not
        // observed before that (the caller reads the clock once a batch).
        let (time_micros, observed_micros) = match rec.timestamp {
            Some(t) => (t, observed_micros),
            None => {
                let now = time::now();
                (now, observed_micros.max(now))
            }
        };
        let parts = EntryParts {
            level: self.level_of(rec),
            message: &message,
            environment: rec.environment.as_deref().unwrap_or(&self.environment.0),
            time_micros,
            metadata: &metadata,
            stack_trace: rec.stack_trace.as_deref(),
            trace_id: rec.trace_id.as_deref().unwrap_or(&self.trace_id.0),
        };
        to.encode_parts(&parts, observed_micros, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn str_of_agrees_with_std() {
        let cases: [&[u8]; 8] = [
            b"",
            b"plain ascii, long enough to take the SIMD path: 0123456789abcdef0123456789",
            "caf\u{e9} \u{1f600} \u{2028}".as_bytes(),
            b"\xff",
            b"ok until here \xc3",
            b"0123456789abcdef0123456789abcdef\xed\xa0\x80 surrogate",
            b"\xc0\xaf overlong",
            b"\xf4\x90\x80\x80 too big",
        ];
        for c in cases {
            match (str_of(c), std::str::from_utf8(c)) {
                (Ok(a), Ok(b)) => assert_eq!(a, b),
                (Err(a), Err(b)) => assert_eq!(a.valid_up_to(), b.valid_up_to()),
                (a, b) => panic!("{c:?}: {a:?} vs {b:?}"),
            }
        }
    }

    fn writer() -> EntryWriter {
        let mut d = serde_json::Map::new();
        d.insert("source".into(), Value::String("cli".into()));
        d.insert("team".into(), Value::String("ops".into()));
        let mut w = EntryWriter::new(Level::Info, "production", "t-1", &d);
        w.set_file(Some("a.jsonl"));
        w
    }

    fn entry(w: &EntryWriter, rec: &Record) -> Value {
        let mut out = Vec::new();
        w.write(rec, &mut out);
        serde_json::from_slice(&out).unwrap()
    }

    /// Entries written one after another with their keys kept are the
    /// bytes written without: keys that change text but not length or
    /// place, keys that need escaping, longer than a slot, more than the
    /// slots, and the defaults' keys before them.
    #[test]
    fn keyed_writes_are_the_plain_ones() {
        let lines = [
            r#"{"msg":"a","host":"web0","status":200}"#,
            r#"{"msg":"b","host":"web1","status":201}"#,
            r#"{"msg":"c","hoST":"web1","stAtus":201}"#,
            r#"{"msg":"d","h\"t":"q","s\nt":1,"k\u0001":2}"#,
            r#"{"msg":"e","a_key_longer_than_16":1,"host":"x","status":3}"#,
            r#"{"msg":"f","k0":0,"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":10,"k11":11,"k12":12,"k13":13}"#,
            r#"{"msg":"g","k0":0,"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":10,"k11":11,"k12":12,"k14":13}"#,
            r#"{"msg":"h","x":1,"y":2,"z":3}"#,
            r#"{"msg":"i","xy":1,"y":2,"abcdefgh":3,"abcdefgi":4,"abcdefghijklmnop":5,"abcdefghijklmnoq":6}"#,
            r#"{"msg":"j","xz":1,"y":2,"abcdefgi":3,"abcdefgh":4,"abcdefghijklmnoq":5,"abcdefghijklmnop":6}"#,
            r#"{"msg":"k","source":"mine","é":1,"ü":2,"éx":3}"#,
            r#"{"msg":"l"}"#,
            r#"{"msg":"m","host":"web0","status":200}"#,
        ];
        for w in [
            writer(),
            EntryWriter::new(Level::Info, "p", "t", &serde_json::Map::new()),
        ] {
            let mut keys = KeyCache::default();
            for round in 0..3 {
                for (i, line) in lines.iter().enumerate() {
                    let mut rec =
                        jsonl::parse_record(line, i as u64 + 1, &Options::default()).unwrap();
                    rec.timestamp.get_or_insert(1_700_000_000_000_000);
                    let (mut plain, mut keyed) = (Vec::new(), Vec::new());
                    w.write(&rec, &mut plain);
                    w.write_keyed(&rec, &mut keyed, &mut keys);
                    assert_eq!(
                        String::from_utf8_lossy(&keyed),
                        String::from_utf8_lossy(&plain),
                        "round {round}, line {line}"
                    );
                }
            }
        }
    }

    #[test]
    fn entry_shape_and_collisions() {
        let mut rec = jsonl::parse_record(
            r#"{"msg":"hi","level":"warning","file":"x.go","line":7,"_file":"taken","source":"app","n":1.5,"ts":1700000000}"#,
            3,
            &Options::default(),
        )
        .unwrap();
        rec.line = 3;
        let e = entry(&writer(), &rec);
        assert_eq!(e["level"], "warn");
        assert_eq!(e["message"], "hi");
        assert_eq!(e["timestamp"], "2023-11-14T22:13:20.000000Z");
        assert_eq!(e["environment"], "production");
        assert_eq!(e["traceId"], "t-1");
        let m = &e["metadata"];
        assert_eq!(m["file"], "a.jsonl");
        assert_eq!(m["line"], 3);
        assert_eq!(m["__file"], "x.go");
        assert_eq!(m["_file"], "taken");
        assert_eq!(m["_line"], 7);
        assert_eq!(
            m["source"], "app",
            "the record's own field wins over --source"
        );
        assert_eq!(m["team"], "ops");
        assert_eq!(m["n"], 1.5);
    }

    #[test]
    fn record_without_message_field_uses_its_text() {
        let line = r#"{"a":1}"#;
        let rec = jsonl::parse_record(line, 1, &Options::default()).unwrap();
        let e = entry(&writer(), &rec);
        assert_eq!(e["message"], line);
        assert_eq!(e["metadata"]["a"], 1);
    }

    #[test]
    fn lifted_entry_fields() {
        let rec = jsonl::parse_record(
            r#"{"message":"m","environment":"staging","traceId":"abc","stackTrace":"at x","level":"nonsense"}"#,
            1,
            &Options::default(),
        )
        .unwrap();
        let e = entry(&writer(), &rec);
        assert_eq!(e["environment"], "staging");
        assert_eq!(e["traceId"], "abc");
        assert_eq!(e["stackTrace"], "at x");
        assert_eq!(e["level"], "info");
        assert_eq!(e["metadata"]["level"], "nonsense", "unknown level kept");
    }

    #[test]
    fn bad_timestamp_is_located() {
        let err = jsonl::parse_record(
            r#"{"message":"m","ts":"yesterday"}"#,
            9,
            &Options::default(),
        )
        .unwrap_err();
        assert_eq!(err.line, 9);
        assert!(err.what.contains("field 'ts'"), "{}", err.what);
    }

    #[test]
    fn sniffing() {
        let s = |b: &[u8]| Format::sniff(b).0;
        assert_eq!(s(b"{\"a\":1}\n{\"a\":2}\n"), Format::Jsonl);
        assert_eq!(s(b"{\n  \"logs\": []\n}"), Format::Json);
        assert_eq!(s(b"\xef\xbb\xbf [1,2]"), Format::Json);
        assert_eq!(
            s(b"<34>1 2003-10-11T22:14:15.003Z host su - - - hi\n"),
            Format::Syslog
        );
        assert_eq!(s(b"Oct 11 22:14:15 host su[1]: hi\n"), Format::Syslog);
        assert_eq!(
            s(b"2026-12-01T10:00:00.123456+00:00 web-1 sshd[42]: accepted\n"),
            Format::Syslog,
            "rsyslog's default file format"
        );
        assert_eq!(
            s(b"level=info msg=\"a b\"\nlevel=warn msg=c\n"),
            Format::Obl
        );
        assert_eq!(s(b"a,b,c\n1,2,3\n4,5,6\n"), Format::Csv);
        assert_eq!(s(b"just some text\nmore, text\n"), Format::Text);
        assert_eq!(Format::from_extension("x.CSV.gz"), Some(Format::Csv));
        assert_eq!(Format::from_extension("app.log"), None);
        assert_eq!(Format::from_extension("a.ndjson"), Some(Format::Jsonl));
    }

    /// Lines lent from the input's buffer are consumed together: whatever
    /// the buffer's size, every line comes whole and in order, and a reader
    /// dropped after line k leaves the input just after it.
    #[test]
    fn line_reader_lends_lines_whatever_the_buffer() {
        use std::io::Read as _;
        let mut text = Vec::new();
        for i in 0..40 {
            let line = format!("line {i} {}", "x".repeat(i * 3 % 23));
            text.extend_from_slice(line.as_bytes());
            text.extend_from_slice(if i % 5 == 0 { b"\r\n" } else { b"\n" });
            if i % 7 == 0 {
                text.push(b'\n');
            }
        }
        text.extend_from_slice(b"last, no line end");
        let want: Vec<&[u8]> = text.split_inclusive(|&c| c == b'\n').collect();
        for cap in [1, 2, 3, 7, 16, 33, 64, 4096] {
            for stop_after in [1, 5, want.len()] {
                let mut input = io::BufReader::with_capacity(cap, &text[..]);
                let mut r = LineReader::new(&mut input);
                for (k, raw) in want.iter().take(stop_after).enumerate() {
                    let l = r.next_line().unwrap().unwrap();
                    assert_eq!((l.no, l.raw), (k as u64 + 1, *raw), "cap {cap}");
                    let bytes = raw.strip_suffix(b"\n").unwrap_or(raw);
                    assert_eq!(l.bytes, bytes.strip_suffix(b"\r").unwrap_or(bytes));
                }
                drop(r);
                let mut rest = Vec::new();
                input.read_to_end(&mut rest).unwrap();
                assert_eq!(
                    rest,
                    want[stop_after..].concat(),
                    "cap {cap} after {stop_after}"
                );
            }
        }
    }

    #[test]
    fn line_reader_positions_and_bom() {
        let data = b"\xef\xbb\xbffirst\r\n\nthird";
        let mut input: &[u8] = data;
        let mut r = LineReader::new(&mut input);
        let l = r.next_line().unwrap().unwrap();
        assert_eq!((l.no, l.bytes), (1, &b"first"[..]));
        assert_eq!(l.raw, b"first\r\n");
        let l = r.next_line().unwrap().unwrap();
        assert_eq!((l.no, l.bytes), (2, &b""[..]));
        let l = r.next_line().unwrap().unwrap();
        assert_eq!((l.no, l.bytes), (3, &b"third"[..]));
        assert!(r.next_line().unwrap().is_none());
        // From inside a file, the same bytes' BOM is text.
        let mut input: &[u8] = data;
        let mut r = LineReader::new(&mut input).mid_file();
        let l = r.next_line().unwrap().unwrap();
        assert_eq!(l.bytes, b"\xef\xbb\xbffirst");
    }
}
