//! `auralog ingest [FILE|-]...`: ship whole files (backfills, exports, log
//! archives) in json, jsonl, syslog, text, csv or obl.
//!
//! One pass per file, streaming: a large `BufReader` (behind a gzip decoder
//! when the file is gzip), a format parser from `formats/` that hands out
//! records borrowed from its buffers, and the entry writer serialising each
//! record straight into the open batch. Batches go to a worker thread that
//! owns the [`Sender`](crate::sender::Sender) (bounded channel of two), so parsing the next batch
//! overlaps sending the last one. Memory stays flat whatever the file size.

mod follow;
mod lines;
mod resume;
mod shipper;

use std::cell::Cell;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::mpsc::sync_channel;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use serde_json::Value;

use crate::commands::template::{EntryArgs, Template};
use crate::exit::{Code, Failure};
use crate::formats::{self, ChunkError, EntryWriter, Flow, Format, Item, Mapping, Options, Sink};
use crate::output;
// Binary units, as the progress bar (indicatif's `{bytes}`) and `spool
// status` print them: `12.3 MiB`.
use crate::sender::spool::human_bytes;
use crate::sender::{new_idempotency_key, Batch, Payload, Stats};
use crate::settings::Settings;
use crate::sys::signals::Stop;
use crate::wire::Level;
use shipper::{FileCounts, Mark, Shipper, Span, StopAt};

const EXAMPLES: &str = "\
Examples:
  auralog ingest --format csv export.csv
  auralog ingest app.jsonl.gz old/*.log --source backfill --dataset web
  auralog ingest --skip-invalid --rejects bad.jsonl events.jsonl
  auralog ingest --message-field text --timestamp-field created_at export.json
  zcat syslog.1.gz | auralog ingest --format syslog -
  auralog ingest --dry-run --format obl app.log | head
  auralog ingest --raw --format csv export.csv   # the service parses the file itself
  auralog ingest --json app.jsonl | jq .spooled  # what happened, as JSON on stdout
  auralog ingest --follow /var/log/app.log   # like tail -F, until SIGINT/SIGTERM
  auralog ingest --resume /var/log/app.log   # cron: only what the last run did not ship

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
  text    a record per line, read as tail-stdin reads a line: a leading RFC 3339 time
          (docker --timestamps) is its time, ANSI colours leave the message, the level is
          detected from it (ERROR, [warn], level=error...); --level for lines without one
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
  keeps each verbatim and whole (a csv file's header row is written before its first rejected
  row). A record over 8 MiB is rejected and reading goes on after it. What cannot be read past
  (a broken JSON array, a csv row that never ends) stops the file with exit 65 even under
  --skip-invalid, naming the position.
  A full spool (or an unwritable one) stops delivery and reading of a FILE: nothing is lost, the
  error names FILE:LINE and the command that resumes (--from-line N); exit 75 under --strict,
  else 1.
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

    #[command(flatten)]
    pub fields: FieldArgs,

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

    /// Keep shipping the files as they grow, like `tail -F` (rotation,
    /// truncation, files that appear later), with checkpoints, until
    /// SIGINT or SIGTERM (then exit 0 with everything read delivered or
    /// spooled). jsonl, text, syslog, obl and csv are followed; gzip and
    /// json documents are shipped once from their checkpoints (as with
    /// --resume), not followed.
    #[arg(long)]
    pub follow: bool,

    /// Skip the records that start before line N of the first FILE: resume
    /// where an earlier run said delivery stopped.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub from_line: Option<u64>,

    /// Ship only what earlier `--resume` runs did not deliver or spool: a
    /// checkpoint per file (its identity and how far it was shipped) under
    /// $XDG_STATE_HOME/auralog/checkpoints; rotated files are finished first.
    #[arg(long, conflicts_with_all = ["raw", "from_line"])]
    pub resume: bool,

    #[command(flatten)]
    pub entry: EntryArgs,

    /// At the end, print the result as one JSON object on stdout: records
    /// read and rejected, delivered, spooled, refused and lost counts, the spool dir.
    #[arg(long, conflicts_with = "dry_run")]
    pub json: bool,
}

/// `--message-field`, `--level-field`, `--timestamp-field`: the same options,
/// meaning the same, in ingest and tail-stdin (THE reading's overrides).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FieldArgs {
    /// Field holding the message [default: the record's shape decides: message, msg, event, @m, ...].
    #[arg(long, value_name = "NAME")]
    pub message_field: Option<String>,

    /// Field holding the level [default: the record's shape decides: level, severity, levelname, ...].
    #[arg(long, value_name = "NAME")]
    pub level_field: Option<String>,

    /// Field holding the time [default: the record's shape decides: timestamp, time, ts, @timestamp, ...]; `none`: stamp the read time.
    #[arg(long, value_name = "NAME")]
    pub timestamp_field: Option<String>,
}

impl FieldArgs {
    pub fn any(&self) -> bool {
        self.message_field.is_some() || self.level_field.is_some() || self.timestamp_field.is_some()
    }

    pub fn mapping(&self) -> Mapping {
        let mut mapping = Mapping::default();
        if let Some(m) = &self.message_field {
            mapping.message = vec![m.clone()];
        }
        if let Some(l) = &self.level_field {
            mapping.level = vec![l.clone()];
        }
        match self.timestamp_field.as_deref() {
            Some("none") => mapping.no_timestamp = true,
            Some(t) => mapping.timestamp = vec![t.to_string()],
            None => {}
        }
        mapping
    }
}

/// Invalid records shown per file with --skip-invalid (all are counted).
const SHOWN_INVALID: u64 = 10;
/// Read buffer: large, so the parsers see long runs of bytes.
const READ_BUF: usize = 1 << 20;

/// The fixed parts of every entry of a run (`--source`, `--dataset`, the
/// entry options, the flow) and the writer that puts them on each record:
/// the same for a one-pass run and `--follow`. Inside a flow, the whole run
/// is one step: one stepIndex (issue 17).
pub(super) fn template_and_writer(
    args: &Args,
    settings: &Settings,
) -> Result<(Template, EntryWriter)> {
    let mut extra = Vec::new();
    if let Some(s) = &args.source {
        extra.push(("source", Value::String(s.clone())));
    }
    if let Some(d) = &args.dataset {
        extra.push(("dataset", Value::String(d.clone())));
    }
    let template = Template::stream(&args.entry, settings, extra, "ingest run")?;
    let writer = EntryWriter::new(
        args.entry.level.unwrap_or(Level::Info),
        &template.environment,
        &template.trace_id,
        &template.metadata,
    );
    Ok((template, writer))
}

pub fn run(args: Args, settings: &Settings) -> Result<Code> {
    if args.follow {
        return follow::run(&args, settings);
    }
    if args.raw && args.fields.any() {
        return Err(Failure::usage(
            "--raw sends files untouched: --message-field, --level-field and --timestamp-field do not apply",
        )
        .into());
    }
    if args.raw && args.from_line.is_some() {
        return Err(
            Failure::usage("--raw sends files untouched: --from-line does not apply").into(),
        );
    }
    if args.raw && settings.outputs.iter().any(|o| o == "otlp") {
        return Err(Failure::usage(
            "--raw sends files untouched for the Auralogs service to parse; an OTLP receiver takes only LogRecords, so with the otlp output ingest must parse the file (drop --raw)",
        )
        .into());
    }
    let (_template, mut writer) = template_and_writer(&args, settings)?;
    let mapping = args.fields.mapping();
    let opts = Options {
        overrides: mapping,
        now: crate::wire::time::now(),
        mid_file: false,
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
    if args.resume && (args.files.is_empty() || files.iter().any(|f| f.as_os_str() == "-")) {
        return Err(Failure::usage(
            "--resume needs files: stdin (`-`) cannot be read again, so it has no checkpoint",
        )
        .into());
    }
    super::preflight(settings, args.entry.dry_run)?;
    // --resume: every file locked and planned before anything is read.
    let (inputs, _locks, store) = if args.resume {
        let store = crate::checkpoint::Store::new();
        // A file locked by another process: exit 75 (checkpoint::Locked).
        let (inputs, locks) = resume::plan_inputs(&store, &files)?;
        (inputs, locks, Some(store))
    } else {
        let inputs = files
            .iter()
            .map(|p| resume::Input {
                path: p.clone(),
                plan: None,
            })
            .collect();
        (inputs, Vec::new(), None)
    };
    let files: Vec<PathBuf> = inputs.iter().map(|i| i.path.clone()).collect();
    let mut rejects = match &args.rejects {
        Some(p) => Some(BufWriter::new(File::create(p).with_context(|| {
            format!("{}: cannot create the rejects file", p.display())
        })?)),
        None => None,
    };
    // Ctrl-C or SIGTERM: stop reading, ship what was read, then end by the
    // signal (lib::main re-raises it for 130/143).
    let stop = Stop::install()?;
    let mut stdout = BufWriter::with_capacity(READ_BUF, io::stdout().lock());
    let mut file_error = false;
    // One pipeline for every file (see shipper.rs).
    let mut shipper = (!args.entry.dry_run).then(|| {
        let s = Shipper::new(
            settings,
            files.iter().map(|f| f.as_os_str() != "-").collect(),
        );
        match store {
            Some(store) => s.with_checkpoints(resume::Checkpoints::new(store, files.len())),
            None => s,
        }
    });
    let mut ctx = Ctx {
        args: &args,
        settings,
        opts: &opts,
        stdout: &mut stdout,
        stdout_open: true,
        rejects: rejects.as_mut(),
        stop: stop.clone(),
        from_line: args.from_line.unwrap_or(0),
    };
    let mut reads: Vec<FileRead> = Vec::new();
    // Summaries printed so far (in file order, each once its batches settled).
    let mut printed = 0;
    let mut stop_note: Option<String> = None;
    let mut attempted = 0;
    for (i, path) in files.iter().enumerate() {
        attempted = i + 1;
        let name = if path.as_os_str() == "-" {
            "<stdin>".to_string()
        } else {
            path.display().to_string()
        };
        writer.set_file(Some(&name));
        if let Some(s) = shipper.as_mut() {
            s.start_file(i);
        }
        match ctx.file(
            i,
            path,
            inputs[i].plan.as_ref(),
            &name,
            &writer,
            shipper.as_mut(),
        ) {
            Ok(mut read) => {
                if let Some(s) = shipper.as_mut() {
                    s.end_file(read.end.take());
                }
                let file_data_error = read.tally.data_error;
                reads.push(read);
                file_error |= ctx.print_settled(&mut reads, &mut printed, shipper.as_ref());
                if shipper.as_ref().is_some_and(Shipper::stopped) {
                    break;
                }
                if file_data_error && !args.skip_invalid {
                    let left = files.len() - i - 1;
                    if left > 0 {
                        stop_note = Some(format!(
                            "stopped: {left} more file{} not read (--skip-invalid goes on)",
                            if left == 1 { "" } else { "s" }
                        ));
                    }
                    break;
                }
            }
            Err(e) => {
                output::error(&format!("{e:#}"));
                file_error = true;
            }
        }
        ctx.from_line = 0;
        if ctx.signalled() {
            break;
        }
    }
    let (mut total, counts, stopped_at) = match shipper {
        Some(s) => {
            let (total, counts, at, checkpoint_failed) = s.finish();
            file_error |= checkpoint_failed;
            (total, Some(counts), at)
        }
        None => (Stats::default(), None, None),
    };
    // The run's totals: what its inputs' tallies add up to.
    let tallies = || reads.iter().map(|r| &r.tally);
    let records: u64 = tallies().map(|t| t.records).sum();
    let invalid: u64 = tallies().map(|t| t.invalid).sum();
    let fatal = tallies().any(|t| t.fatal.is_some());
    let data_error = tallies().any(|t| t.data_error);
    total.filtered += tallies().map(|t| t.filtered).sum::<u64>();
    file_error |= ctx.print_rest(
        &mut reads[printed..],
        counts.as_deref(),
        stopped_at.as_ref(),
    );
    let resumable = stopped_at.is_some();
    if let Some(at) = &stopped_at {
        let line = at.line;
        let rest: Vec<String> = files[at.file..]
            .iter()
            .map(|f| shell_word(&f.display().to_string()))
            .collect();
        let name = files[at.file].display().to_string();
        if args.resume {
            // The checkpoint stopped there too.
            output::error(&format!(
                "delivery stopped for good: {}:{line} is where to resume; its checkpoint is there: run again, with the same options: auralog ingest --resume {}",
                output::sanitize(&name),
                output::sanitize(&rest.join(" "))
            ));
        } else {
            output::error(&format!(
                "delivery stopped for good: {}:{line} is where to resume; run, with the same options: auralog ingest --from-line {line} {}",
                output::sanitize(&name),
                output::sanitize(&rest.join(" "))
            ));
        }
        if attempted < files.len() {
            output::info(&format!(
                "stopped: {} more not read",
                plural((files.len() - attempted) as u64, "file", "files")
            ));
        }
    }
    if let Some(note) = stop_note {
        output::info(&note);
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
    let code = if let Some(signalled) = stop.code() {
        signalled
    } else if resumable {
        // Nothing is lost (the rest is in the file), but it is not delivered.
        if settings.strict {
            Code::TempFail
        } else {
            Code::Error
        }
    } else if fatal || (data_error && !args.skip_invalid) {
        // A file that could not be read to its end is a data error even
        // under --skip-invalid: its later records were not read.
        Code::DataErr
    } else if file_error {
        Code::Error
    } else {
        code
    };
    if args.json {
        let mut v = super::result_json(&total, code);
        v["records"] = records.into();
        v["invalid"] = invalid.into();
        super::print_line(&v.to_string());
    }
    Ok(code)
}

struct Ctx<'a, 'w> {
    args: &'a Args,
    settings: &'a Settings,
    opts: &'a Options,
    stdout: &'a mut BufWriter<io::StdoutLock<'w>>,
    stdout_open: bool,
    rejects: Option<&'a mut BufWriter<File>>,
    stop: Stop,
    /// Records starting before this line are skipped (the first file only).
    from_line: u64,
}

/// What one input's records came to, for its summary and exit code.
#[derive(Default)]
struct Tally {
    records: u64,
    invalid: u64,
    filtered: u64,
    data_error: bool,
    /// Records before --from-line, not shipped.
    skipped: u64,
    /// Reading could not go on (a broken JSON array, a csv row that never
    /// ends): the 1-based line last read; the rest was not read.
    fatal: Option<u64>,
    /// Writing the rejects file failed: the input stops there.
    read_error: Option<anyhow::Error>,
    /// `--resume`: records read again and not shipped (before the
    /// checkpoint of a gzip or json file), and where reading ended.
    resumed_over: u64,
    end: Option<End>,
}

/// Where reading an input ended (`--resume`).
#[derive(Debug, Clone, Copy)]
enum End {
    /// At this record, not done (a signal, a stop, an invalid record that
    /// stops the file): the next run starts there.
    Stopped(Mark),
    /// At the input's end, after `index` records.
    Eof(Mark),
}

/// The position of the record being read, for `--resume` (nothing to do
/// without it).
struct At<'p> {
    pos: Option<&'p resume::Position>,
    /// Records (valid or not) handled so far in this run.
    items: u64,
    /// The mark of the record being handled (the last one found, when its
    /// line start was not: earlier, so never past it).
    current: Mark,
    last_line: u64,
}

impl<'p> At<'p> {
    fn new(pos: Option<&'p resume::Position>) -> At<'p> {
        let current = pos.map_or(Mark::default(), |p| Mark {
            offset: p.offset_base,
            line: p.line_add + 1,
            index: p.index_base,
        });
        At {
            pos,
            items: 0,
            current,
            last_line: 0,
        }
    }

    /// A record arrives at the parser's line `line`: its line in the file.
    fn arrive(&mut self, line: u64) -> u64 {
        let Some(p) = self.pos else {
            return line;
        };
        let line = p.line(line);
        let index = p.index_base + self.items;
        self.last_line = self.last_line.max(line);
        self.current = match &p.lines {
            Some(l) => match l.borrow_mut().start_of(line) {
                Some(offset) => Mark {
                    offset,
                    line,
                    index,
                },
                None => self.current,
            },
            None => Mark {
                offset: 0,
                line,
                index,
            },
        };
        line
    }

    fn current(&self) -> Mark {
        self.current
    }

    /// Before the checkpoint's record count (gzip, json).
    fn skipping(&self) -> bool {
        self.pos.is_some_and(|p| self.items < p.skip)
    }

    fn counted(&mut self) {
        self.items += 1;
    }

    fn stopped(&self) -> Option<End> {
        self.pos.map(|_| End::Stopped(self.current))
    }

    fn eof(&self) -> Option<End> {
        let p = self.pos?;
        Some(End::Eof(Mark {
            offset: 0,
            line: self.last_line.max(p.line_add) + 1,
            index: p.index_base + self.items,
        }))
    }
}

/// The input being read, as the record callback reports on it.
struct Input<'a> {
    /// The file's name, sanitised for the terminal.
    shown: &'a str,
    pb: &'a Option<indicatif::ProgressBar>,
    /// Bytes read so far (from the file: compressed for gzip).
    count: &'a Rc<Cell<u64>>,
    /// What the bytes read so far decompress to, for gzip input.
    data: &'a Data,
}

impl Input<'_> {
    /// Move the progress bar now and then (every 8192 records).
    fn tick(&self, records: u64) {
        if records.is_multiple_of(8192) {
            if let Some(pb) = self.pb {
                pb.set_position(self.count.get());
                pb.set_message(self.data.progress(records));
            }
        }
    }

    /// [`say_invalid`] for this input.
    fn show_invalid(&self, msg: &str, invalid: u64, skip: bool) {
        say_invalid(self.pb.as_ref(), self.shown, msg, invalid, skip);
    }
}

/// How every ingest path says an invalid record (`msg`, the `invalid`th
/// of input `shown`): an error that stops the input, or with
/// --skip-invalid a warning for the first few (all under --verbose).
pub(super) fn say_invalid(
    pb: Option<&indicatif::ProgressBar>,
    shown: &str,
    msg: &str,
    invalid: u64,
    skip: bool,
) {
    if !skip {
        if let Some(pb) = pb {
            pb.finish_and_clear();
        }
        output::error(msg);
    } else if invalid <= SHOWN_INVALID || output::is_verbose() {
        if let Some(pb) = pb {
            pb.suspend(|| output::warn(msg));
        } else {
            output::warn(msg);
        }
        if invalid == SHOWN_INVALID && !output::is_verbose() {
            output::warn(&format!(
                "{shown}: further invalid records are counted, not shown (--verbose shows all)"
            ));
        }
    }
}

/// The rejects file's part for one input: its header line (csv) once,
/// before the first rejected record, then each record as read.
/// A record over 8 MiB comes in pieces ([`Sink::rest`]): its line end is
/// written once it is whole, before the next record or at the end.
#[derive(Default)]
struct RejectsFile {
    header: Option<Vec<u8>>,
    header_written: bool,
    /// The last record written has no line end yet.
    open: bool,
}

impl RejectsFile {
    fn write(&mut self, r: &mut BufWriter<File>, raw: &[u8]) -> io::Result<()> {
        self.close(r)?;
        if let (Some(h), false) = (&self.header, self.header_written) {
            r.write_all(h)?;
            r.write_all(b"\n")?;
            self.header_written = true;
        }
        self.rest(r, raw)
    }

    /// More bytes of the record written last.
    fn rest(&mut self, r: &mut BufWriter<File>, bytes: &[u8]) -> io::Result<()> {
        r.write_all(bytes)?;
        if !bytes.is_empty() {
            self.open = !bytes.ends_with(b"\n");
        }
        Ok(())
    }

    fn close(&mut self, r: &mut BufWriter<File>) -> io::Result<()> {
        if std::mem::take(&mut self.open) {
            r.write_all(b"\n")?;
        }
        Ok(())
    }
}

/// What the record callback of [`Ctx::records`] is handed.
enum Got<'a, 'i> {
    /// By reference: a record is some 200 bytes, and each move a copy.
    Item(&'i mut Item<'a>),
    /// More bytes of the record rejected last.
    Rest(&'a [u8]),
}

/// A parser [`Sink`] over one callback for both.
struct OneCallback<F>(F);

impl<F: FnMut(Got<'_, '_>) -> Flow> Sink for OneCallback<F> {
    fn item(&mut self, mut item: Item<'_>) -> Flow {
        (self.0)(Got::Item(&mut item))
    }

    fn rest(&mut self, bytes: &[u8]) {
        (self.0)(Got::Rest(bytes));
    }
}

/// One input as read: what its records came to, for its summary (printed
/// once its batches are settled) and the exit code.
struct FileRead {
    /// Its place among the run's inputs.
    index: usize,
    /// Its name, sanitised for the terminal.
    shown: String,
    tally: Tally,
    bytes: Bytes,
    started: Instant,
    /// `--from-line` for this input (0: none).
    from_line: u64,
    interrupted: bool,
    /// Writing the rejects file or reading the input failed.
    error: Option<anyhow::Error>,
    /// `--resume`: where reading ended (and whether at the input's end),
    /// for the checkpoint; what the summary says of the checkpoint.
    end: Option<(Mark, bool)>,
    resumed: Option<String>,
}

/// The data bytes of an input, for its rate and summary: what a gzip file
/// decompresses to (the rate of the compressed bytes looks ten times slower
/// than the same file uncompressed), the file's own bytes otherwise. The
/// progress bar still moves by the file's bytes, against its size.
struct Data {
    /// Counted after the gzip decoder; `None` for an uncompressed input.
    decompressed: Option<Rc<Cell<u64>>>,
    started: Instant,
}

impl Data {
    /// The bar's message for gzip input: records, data bytes, data rate.
    fn progress(&self, records: u64) -> String {
        let records = plural(records, "record", "records");
        match &self.decompressed {
            Some(d) => {
                let secs = self.started.elapsed().as_secs_f64().max(1e-3);
                format!(
                    "{records}, {} decompressed ({}/s)",
                    human_bytes(d.get()),
                    human_bytes((d.get() as f64 / secs) as u64)
                )
            }
            None => records,
        }
    }
}

/// Counts the bytes read through it (the file's own, or, after the gzip
/// decoder, the decompressed ones).
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
) -> Result<Opened> {
    let mut data = Data {
        decompressed: None,
        started: Instant::now(),
    };
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
        let out = Rc::new(Cell::new(0u64));
        data.decompressed = Some(out.clone());
        Box::new(BufReader::with_capacity(
            READ_BUF,
            Counting {
                inner: flate2::read::MultiGzDecoder::new(buffered),
                n: out,
            },
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
    Ok(Opened {
        reader,
        format,
        size,
        data,
    })
}

/// An input opened by [`open`].
struct Opened {
    reader: Box<dyn BufRead>,
    format: Format,
    /// The file's size, when it is a regular file.
    size: Option<u64>,
    data: Data,
}

/// The bytes of one input, for its summary.
#[derive(Debug, Clone, Copy)]
struct Bytes {
    /// Read from the file (or stdin).
    file: u64,
    /// What they decompressed to, for gzip input.
    decompressed: Option<u64>,
}

impl Bytes {
    /// `24.1 MiB in 0.61 s (39.5 MiB/s)`; for gzip, the decompressed bytes
    /// and their rate, then the file's: `240.0 MiB decompressed (from 24.1
    /// MiB of gzip) in 0.61 s (393.4 MiB/s)`.
    fn summary(self, elapsed: Duration) -> String {
        let secs = elapsed.as_secs_f64();
        let data = self.decompressed.unwrap_or(self.file);
        let rate = human_bytes((data as f64 / secs.max(1e-3)) as u64);
        match self.decompressed {
            Some(d) => format!(
                "{} decompressed (from {} of gzip) in {secs:.2} s ({rate}/s)",
                human_bytes(d),
                human_bytes(self.file)
            ),
            None => format!("{} in {secs:.2} s ({rate}/s)", human_bytes(self.file)),
        }
    }
}

/// A file name as a shell word, for a command to copy.
fn shell_word(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+,:@%".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The bar moves by the file's bytes against its size; for gzip input its
/// message carries the decompressed bytes and their rate ([`Data`]) in place
/// of the compressed rate.
fn progress_bar(name: &str, size: Option<u64>, gzip: bool) -> Option<indicatif::ProgressBar> {
    if !io::stderr().is_terminal() || output::is_quiet() {
        return None;
    }
    let (pb, template) = match (size, gzip) {
        (Some(s), false) => (
            indicatif::ProgressBar::new(s),
            "{prefix} [{bar:30}] {bytes}/{total_bytes} {msg} {bytes_per_sec} ETA {eta}",
        ),
        (Some(s), true) => (
            indicatif::ProgressBar::new(s),
            "{prefix} [{bar:30}] {bytes}/{total_bytes} of gzip, {msg} ETA {eta}",
        ),
        (None, false) => (
            indicatif::ProgressBar::new_spinner(),
            "{prefix} {spinner} {bytes} {msg} {bytes_per_sec}",
        ),
        (None, true) => (
            indicatif::ProgressBar::new_spinner(),
            "{prefix} {spinner} {bytes} of gzip, {msg}",
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

    /// Read one input, shipping its records through `shipper` (none with
    /// --dry-run). Its summary comes later ([`Ctx::print_settled`]).
    fn file(
        &mut self,
        index: usize,
        path: &Path,
        plan: Option<&resume::Plan>,
        name: &str,
        writer: &EntryWriter,
        mut shipper: Option<&mut Shipper>,
    ) -> Result<FileRead> {
        let started = Instant::now();
        let count = Rc::new(Cell::new(0u64));
        let stop = self.stop.clone();
        if let Some(resume::From::UpToDate { line, .. }) = plan.map(|p| p.from) {
            return Ok(FileRead {
                index,
                shown: output::sanitize(name).into_owned(),
                tally: Tally::default(),
                bytes: Bytes {
                    file: 0,
                    decompressed: None,
                },
                started,
                from_line: 0,
                interrupted: false,
                error: None,
                end: None,
                resumed: Some(format!("up to date: nothing new after line {line}")),
            });
        }
        if let Some(note) = plan.and_then(|p| p.note.as_deref()) {
            output::info(note);
        }
        let opened = open(path, name, self.args.format, count.clone(), stop)?;
        let (opened, pos) = match plan {
            Some(plan) => {
                let (opened, pos) = resume::position(path, name, plan, opened, &count)?;
                if let Some(cps) = shipper.as_mut().and_then(|s| s.checkpoints()) {
                    let after = plan.after_predecessor.then(|| index.saturating_sub(1));
                    cps.register(index, path, plan.id, pos.by_records, after);
                }
                (opened, Some(pos))
            }
            None => (opened, None),
        };
        let Opened {
            mut reader,
            format,
            size,
            data,
        } = opened;
        let shown = output::sanitize(name).into_owned();
        let pb = progress_bar(name, size, data.decompressed.is_some());
        let mut tally = Tally::default();

        let input = Input {
            shown: &shown,
            pb: &pb,
            count: &count,
            data: &data,
        };
        let result = if self.args.raw {
            self.raw(
                &mut reader,
                format,
                &mut shipper,
                &mut tally.records,
                &input,
            )
        } else {
            self.records(
                &mut reader,
                format,
                writer,
                &mut shipper,
                &mut tally,
                &input,
                &mut At::new(pos.as_ref()),
            )
        };
        if let Some(pb) = &pb {
            pb.finish_and_clear();
        }
        let end = pos.as_ref().and_then(|p| tally.end.take().map(|e| (e, p)));
        let end = end.map(|(e, p)| match e {
            End::Stopped(m) => (m, false),
            End::Eof(m) => match &p.lines {
                Some(l) => {
                    let (lines, offset) = l.borrow().end();
                    (
                        Mark {
                            offset,
                            line: lines + 1,
                            index: m.index,
                        },
                        true,
                    )
                }
                None => (
                    Mark {
                        offset: p.offset_base + count.get(),
                        ..m
                    },
                    true,
                ),
            },
        });
        // --resume: a file with nothing (new) is not an error.
        let result = match result {
            Ok(false) if pos.is_some() => Ok(true),
            r => r,
        };
        let what_failed = self.end_of_input(result, &shown, count.get(), &mut tally);
        let bytes = Bytes {
            file: count.get(),
            decompressed: data.decompressed.as_ref().map(|d| d.get()),
        };
        let error = tally.read_error.take().or(what_failed);
        Ok(FileRead {
            index,
            shown,
            tally,
            bytes,
            started,
            from_line: self.from_line,
            interrupted: self.signalled(),
            error,
            end,
            resumed: pos.and_then(|p| p.resumed),
        })
    }

    /// Print the summaries of the inputs read whose batches are all
    /// settled, in order, from `*printed` on. None once delivery stopped
    /// for good (the summaries then say where, after the run's end).
    /// Returns whether one of them had an error.
    fn print_settled(
        &self,
        reads: &mut [FileRead],
        printed: &mut usize,
        shipper: Option<&Shipper>,
    ) -> bool {
        let mut failed = false;
        while let Some(read) = reads.get_mut(*printed) {
            let counts = match shipper {
                Some(s) if s.stopped() => return failed,
                Some(s) => {
                    let c = &s.files[read.index];
                    if !c.is_settled() {
                        return failed;
                    }
                    Some(c)
                }
                None => None,
            };
            failed |= self.print_summary(read, counts, None);
            *printed += 1;
        }
        failed
    }

    /// Print the summaries left at the end of the run.
    fn print_rest(
        &self,
        reads: &mut [FileRead],
        counts: Option<&[FileCounts]>,
        stopped_at: Option<&StopAt>,
    ) -> bool {
        let mut failed = false;
        for read in reads {
            let c = counts.map(|c| &c[read.index]);
            failed |= self.print_summary(read, c, stopped_at);
        }
        failed
    }

    /// One input's summary line, then its error if it had one (returns
    /// whether it had).
    fn print_summary(
        &self,
        read: &mut FileRead,
        counts: Option<&FileCounts>,
        stopped_at: Option<&StopAt>,
    ) -> bool {
        let empty = Stats::default();
        let stats = counts.map_or(&empty, |c| &c.stats);
        let elapsed = counts
            .and_then(|c| c.settled_at)
            .unwrap_or_else(Instant::now)
            .saturating_duration_since(read.started);
        let mut line = self.summary(read, stats, elapsed);
        let not_shipped = counts.map_or(0, |c| c.not_shipped);
        match (counts.and_then(|c| c.lost_lines), stopped_at) {
            (Some(Span(a, b)), _) => {
                line.push_str(&format!("; the entries LOST are from lines {a}-{b}"));
            }
            (None, Some(at)) if at.file == read.index => line.push_str(&format!(
                "; delivery stopped for good at line {} ({}): {not_shipped} read from there on not shipped, reading stopped",
                at.line, at.why
            )),
            (None, Some(at)) if at.file < read.index && not_shipped > 0 => line.push_str(&format!(
                "; {not_shipped} read not shipped (delivery had stopped for good)"
            )),
            _ => {}
        }
        output::info(&line);
        match read.error.take() {
            Some(e) => {
                output::error(&format!("{e:#}"));
                true
            }
            None => false,
        }
    }

    /// Parse the records of one input and ship (or, with --dry-run, print)
    /// each one at or above min_level; invalid ones are reported and copied
    /// to the rejects file. Returns whether the input held anything.
    #[allow(clippy::too_many_arguments)] // what the parser's callback uses, each once
    fn records(
        &mut self,
        reader: &mut Box<dyn BufRead>,
        format: Format,
        writer: &EntryWriter,
        shipper: &mut Option<&mut Shipper>,
        tally: &mut Tally,
        input: &Input<'_>,
        at: &mut At<'_>,
    ) -> Result<bool, ChunkError> {
        let min_level = self.settings.min_level;
        let skip = self.args.skip_invalid;
        let from_line = self.from_line;
        let mut rejected = RejectsFile::default();
        let mut line = Vec::with_capacity(1024);
        let mut keys = formats::KeyCache::default();
        // --resume from inside the file: a BOM there is text.
        let opts = self
            .opts
            .starting_inside(at.pos.is_some_and(|p| p.offset_base > 0));
        let stdout = &mut *self.stdout;
        let stdout_open = &mut self.stdout_open;
        let rejects = &mut self.rejects;
        let stop = self.stop.clone();
        let mut f = |got: Got<'_, '_>| -> Flow {
            let item = match got {
                Got::Item(item) => item,
                Got::Rest(bytes) => {
                    if let (Some(r), None) = (rejects.as_mut(), &tally.read_error) {
                        if let Err(e) = rejected.rest(r, bytes) {
                            tally.read_error =
                                Some(anyhow::anyhow!("writing the rejects file: {e}"));
                        }
                    }
                    return Flow::Continue;
                }
            };
            // --resume: the file's own line numbers, and where it starts.
            match &mut *item {
                Item::Record(rec, _) => rec.line = at.arrive(rec.line),
                Item::Invalid(inv, _) => inv.line = at.arrive(inv.line),
                Item::Header(_) => {}
            }
            let is_record = match &*item {
                Item::Record(..) => true,
                Item::Invalid(inv, raw) => !(inv.fatal && raw.is_empty()),
                Item::Header(_) => false,
            };
            if stop.requested() {
                tally.end = at.stopped();
                return Flow::Stop;
            }
            if is_record && at.skipping() {
                // Before the checkpoint (gzip, json: read again, not shipped).
                at.counted();
                tally.resumed_over += 1;
                return Flow::Continue;
            }
            let here = at.current();
            let flow = (|| -> Flow {
                match &*item {
                    Item::Header(h) => rejected.header = Some(h.to_vec()),
                    Item::Record(rec, _) if rec.line < from_line => tally.skipped += 1,
                    Item::Invalid(inv, _) if inv.line < from_line && !inv.fatal => {
                        tally.skipped += 1;
                    }
                    Item::Record(rec, _) => {
                        tally.records += 1;
                        input.tick(tally.records);
                        if writer.level_of(rec) < min_level {
                            tally.filtered += 1;
                            return Flow::Continue;
                        }
                        match shipper {
                            Some(s) if s.stopped() => return Flow::Stop,
                            Some(s) => {
                                s.push(input.count.get(), rec.line, || here, writer, rec);
                            }
                            None => {
                                if !*stdout_open {
                                    return Flow::Stop;
                                }
                                line.clear();
                                writer.write_keyed(rec, &mut line, &mut keys);
                                line.push(b'\n');
                                if stdout.write_all(&line).is_err() {
                                    *stdout_open = false;
                                    return Flow::Stop;
                                }
                            }
                        }
                    }
                    Item::Invalid(inv, raw) if inv.fatal && raw.is_empty() => {
                        // Not a record: where reading had to end.
                        tally.data_error = true;
                        tally.fatal = Some(inv.line);
                        input.show_invalid(&format!("{}:{inv}", input.shown), 0, false);
                        return Flow::Stop;
                    }
                    Item::Invalid(inv, raw) => {
                        tally.invalid += 1;
                        tally.data_error = true;
                        if inv.fatal {
                            tally.fatal = Some(inv.line);
                        }
                        let shown_skip = skip && !inv.fatal;
                        input.show_invalid(
                            &format!("{}:{inv}", input.shown),
                            tally.invalid,
                            shown_skip,
                        );
                        if let Some(r) = rejects.as_mut() {
                            if let Err(e) = rejected.write(r, raw) {
                                tally.read_error =
                                    Some(anyhow::anyhow!("writing the rejects file: {e}"));
                                return Flow::Stop;
                            }
                        }
                        if !skip || inv.fatal {
                            return Flow::Stop;
                        }
                    }
                }
                Flow::Continue
            })();
            if flow == Flow::Stop {
                tally.end = at.stopped();
            } else if is_record {
                at.counted();
            }
            flow
        };
        let mut sink = OneCallback(&mut f);
        let res = formats::parse_into(format, reader, &opts, &mut sink);
        if res.is_ok() && tally.end.is_none() {
            tally.end = at.eof();
        }
        if let Some(r) = self.rejects.as_mut() {
            if let Err(e) = rejected.close(r) {
                tally.read_error = Some(anyhow::anyhow!("writing the rejects file: {e}"));
            }
        }
        res.map_err(ChunkError::Io)
    }

    /// How the input ended: an empty file and an invalid chunk are data
    /// errors (reported here); a read error is returned.
    fn end_of_input(
        &self,
        result: Result<bool, ChunkError>,
        shown: &str,
        bytes: u64,
        tally: &mut Tally,
    ) -> Option<anyhow::Error> {
        match result {
            Ok(false) => {
                tally.data_error = true;
                let msg = if bytes == 0 {
                    format!("{shown}: empty file, nothing to ingest")
                } else {
                    format!("{shown}: no records (only blank lines), nothing to ingest")
                };
                if self.args.skip_invalid {
                    output::warn(&msg);
                } else {
                    output::error(&msg);
                }
                None
            }
            Ok(true) => None,
            Err(ChunkError::Invalid(inv)) => {
                // --raw cannot cut the input past this: the rest is not read.
                tally.data_error = true;
                tally.fatal = Some(inv.line);
                tally.invalid += 1;
                output::error(&format!("{shown}:{inv}"));
                None
            }
            Err(ChunkError::Io(e)) => Some(anyhow::anyhow!("{shown}: read error: {e}")),
        }
    }

    /// The one-line summary of a file: records shipped, rejected, spooled,
    /// lost, refused, filtered; bytes and time; why it stopped.
    fn summary(&self, read: &FileRead, stats: &Stats, elapsed: Duration) -> String {
        let (shown, tally) = (&read.shown, &read.tally);
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
                    let cause = match &stats.lost_reason {
                        Some(r) if r.starts_with("the spool is full") => "spool full",
                        _ => "the spool could not be written",
                    };
                    format!(", {} LOST ({cause})", stats.lost)
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
        if tally.skipped > 0 {
            line.push_str(&format!(
                ", {} before line {} skipped (--from-line)",
                tally.skipped, read.from_line
            ));
        }
        if tally.resumed_over > 0 {
            line.push_str(&format!(
                ", {} before the checkpoint read again and skipped",
                tally.resumed_over
            ));
        }
        if let Some(r) = &read.resumed {
            line.push_str(&format!("; {r}"));
        }
        line.push_str(&format!("; {}", read.bytes.summary(elapsed)));
        if let Some(at) = tally.fatal {
            line.push_str(&format!(
                "; NOT READ after line {at}: reading cannot go on there (exit 65)"
            ));
        } else if tally.data_error && !self.args.skip_invalid && invalid > 0 {
            line.push_str("; stopped at the first invalid record");
        }
        if read.interrupted {
            line.push_str("; interrupted");
        }
        line
    }

    /// `--raw`: chunks of the file's own bytes.
    fn raw(
        &mut self,
        reader: &mut Box<dyn BufRead>,
        format: Format,
        shipper: &mut Option<&mut Shipper>,
        records: &mut u64,
        input: &Input<'_>,
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
            if let Some(pb) = input.pb {
                pb.set_position(input.count.get());
                pb.set_message(input.data.progress(*records));
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
