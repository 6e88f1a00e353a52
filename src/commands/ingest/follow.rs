//! `ingest --follow FILE...`: keep shipping files as they grow, like
//! `tail -F`, with checkpoints, until SIGINT or SIGTERM.
//!
//! Each file is read by a [`Follower`] (inotify or polling; rotation,
//! truncation, files that appear later; whole lines only) on its own thread,
//! into its own [`Shipper`] (the spool and the cross-run breaker are shared
//! through their files; each file has its own requests in flight). The line
//! formats (jsonl, text, syslog, obl) and csv are followed: a record never
//! spans a pause, so the parser can end and start again at any record (csv:
//! the follower ends its reads at whole records, found by `csv-core`, and
//! pauses at every switch of file; each segment that does not start at its
//! file's start gets the file's header row, read once per file from its
//! start through the open descriptor, in front).
//!
//! Files that are not appended to (gzip, a json document) are shipped once,
//! from their checkpoints, exactly as `--resume` does (the same code: the
//! ingest pipeline with [`resume::plan_inputs`]), before the others are
//! followed, and then not followed; one stderr line says so.
//!
//! The parser reads *segments* of the endless stream: the follower pauses
//! (its read returns 0 once, [`Follower::pause_on`]) when a partial batch
//! has waited `flush_interval` while the file is idle, every
//! `flush_interval` while it keeps growing, and every [`crate::follow::TICK`]
//! while batches are in flight whose settling would move the checkpoint.
//! At a segment's end the open batch goes out, and the segment's end (its
//! stream position and the number of batches handed over by then) is
//! queued; once every batch up to it settled (delivered, spooled or
//! rejected: the shipper's settled prefix), the checkpoint moves there,
//! located in its file through the follower's switches. At least once: a
//! crash repeats what was read after the last checkpoint, never skips.
//!
//! At the start, each file is planned against its checkpoint as `--resume`
//! does: from the checkpoint, or from the beginning when it was truncated
//! or replaced, after finishing the rotated predecessor that still holds
//! undelivered lines (`checkpoint::rotated_from`, also `.gz`). A stop waits
//! for every batch to settle, writes the last checkpoints and exits 0: the
//! signal is how a follower is meant to end.

use std::cell::Cell;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use anyhow::{Context, Result};

use super::resume;
use super::shipper::{Mark, Shipper};
use super::Args;
use crate::checkpoint::{self, Checkpoint, Locked, Start, Store, Unit};
use crate::exit::{Code, Failure};
use crate::follow::{Follower, LineMap, Positions, Reason};
use crate::formats::{self, EntryWriter, Flow, Format, Item, Options};
use crate::output;
use crate::sender::Stats;
use crate::settings::Settings;
use crate::sys::signals::{Second, Stop};

/// Read buffer of the parser (a segment ends at a pause whatever its size).
const READ_BUF: usize = 1 << 20;

/// Where one followed file starts.
struct Begin {
    path: PathBuf,
    /// `path` as given (`metadata.file`), and sanitised for the terminal.
    name: String,
    shown: String,
    format: Format,
    /// Byte offset and lines before it.
    offset: u64,
    line: u64,
    records: u64,
    /// The rotated predecessor to finish first: its path, whether it is
    /// gzip, and the checkpoint to finish it from.
    predecessor: Option<(PathBuf, bool, Checkpoint)>,
}

/// What following one file came to.
#[derive(Default)]
struct Outcome {
    records: u64,
    invalid: u64,
    filtered: u64,
    stats: Stats,
    data_error: bool,
    error: Option<anyhow::Error>,
    /// Delivery stopped for good (the spool full): the rest is in the file.
    stopped: bool,
}

/// What the threads share.
struct Shared<'a> {
    args: &'a Args,
    settings: &'a Settings,
    opts: &'a Options,
    writer: &'a EntryWriter,
    store: &'a Store,
    stop: Stop,
    rejects: Option<Mutex<Rejects>>,
}

/// The rejects file, and the csv header row written to it last (a csv
/// file's rejected rows come after its header, once per change of header).
struct Rejects {
    out: BufWriter<File>,
    header: Option<Vec<u8>>,
}

pub fn run(args: &Args, settings: &Settings) -> Result<Code> {
    if args.files.is_empty() || args.files.iter().any(|f| f.as_os_str() == "-") {
        return Err(Failure::usage(
            "--follow follows files by name: name them (stdin cannot be followed: use tail-stdin)",
        )
        .into());
    }
    for (bad, what) in [
        (args.raw, "--raw"),
        (args.from_line.is_some(), "--from-line"),
        (args.entry.dry_run, "--dry-run"),
    ] {
        if bad {
            return Err(Failure::usage(format!(
                "{what} does not apply to --follow (it resumes from its checkpoints)"
            ))
            .into());
        }
    }
    let (_template, writer) = super::template_and_writer(args, settings)?;
    let opts = Options {
        overrides: args.fields.mapping(),
        now: crate::wire::time::now(),
        mid_file: false,
    };
    super::super::preflight(settings, false)?;
    let store = Store::new();
    // One process per file: a second follower (or --resume) is refused
    // before anything is read.
    let mut locks = Vec::new();
    let mut begins = Vec::new();
    let mut once = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for path in &args.files {
        let abs = checkpoint::absolute(path);
        if !seen.insert(abs.clone()) {
            continue;
        }
        // `app.log*`: app.log.1 is where app.log's lines go at a rotation,
        // and app.log's follower finishes it then; followed by its own name
        // it would send them again. It is shipped once, as --resume does.
        if let Some(of) = args
            .files
            .iter()
            .find(|q| checkpoint::is_rotation_of(path, q))
        {
            once.push((
                path.clone(),
                format!(
                    "a rotated name of {} (whose follower finishes it at a rotation)",
                    output::sanitize(&of.display().to_string())
                ),
            ));
            continue;
        }
        let format = match choose_format(path, args.format)? {
            Kind::Follow(f) => f,
            Kind::Once(what) => {
                once.push((path.clone(), format!("{what}, not appended to")));
                continue;
            }
        };
        locks.push(store.lock(&abs).map_err(Locked::exit_75)?);
        let begin = plan(&store, path, format)?;
        if let Some((q, _, _)) = &begin.predecessor {
            // Held by another process (a `--resume` of it): refused, as
            // --resume refuses it.
            locks.push(store.lock(q).map_err(Locked::exit_75)?);
        }
        begins.push(begin);
    }
    // A file a follower finishes first (its path's rotated predecessor,
    // `app.log.1.gz`) is not shipped once more in its own place.
    let claimed: std::collections::HashSet<PathBuf> = begins
        .iter()
        .filter_map(|b| b.predecessor.as_ref())
        .map(|(q, _, _)| checkpoint::absolute(q))
        .collect();
    once.retain(|(p, _)| !claimed.contains(&checkpoint::absolute(p)));
    for (path, what) in &once {
        output::info(&format!(
            "{}: {what}: shipped once from its checkpoint (as --resume does), not followed",
            output::sanitize(&path.display().to_string())
        ));
    }
    let once: Vec<PathBuf> = once.into_iter().map(|(p, _)| p).collect();
    // The same plan as --resume (locks included: exit 75 when held).
    let once = if once.is_empty() {
        None
    } else {
        Some(resume::plan_inputs(&store, &once)?)
    };
    let rejects = match &args.rejects {
        Some(p) => Some(Mutex::new(Rejects {
            out: BufWriter::new(
                File::create(p)
                    .with_context(|| format!("{}: cannot create the rejects file", p.display()))?,
            ),
            header: None,
        })),
        None => None,
    };
    // A second signal ends at once, without waiting for delivery.
    let stop = Stop::install_with(Second::ExitNow, || {})?;
    let shared = Shared {
        args,
        settings,
        opts: &opts,
        writer: &writer,
        store: &store,
        stop: stop.clone(),
        rejects,
    };
    let mut outcomes: Vec<(Option<String>, Outcome)> = Vec::new();
    if let Some((inputs, once_locks)) = once {
        // Before the others are followed (their rejects go to the same
        // file, and a stop here stops the run).
        let o = ship_once(&shared, &inputs);
        if o.data_error || o.error.is_some() || o.stopped {
            // As for a followed file: the run ends with it.
            stop.request();
        }
        outcomes.push((None, o));
        drop(once_locks);
    }
    outcomes.extend(std::thread::scope(|s| {
        let handles: Vec<_> = begins
            .into_iter()
            .map(|b| {
                let shared = &shared;
                let shown = b.shown.clone();
                let h = std::thread::Builder::new()
                    .name("follow".into())
                    .spawn_scoped(s, move || follow_one(shared, b));
                (shown, h)
            })
            .collect();
        handles
            .into_iter()
            .map(|(shown, h)| {
                let out = match h {
                    Ok(h) => h.join().unwrap_or_else(|_| Outcome {
                        error: Some(anyhow::anyhow!("the follower thread failed")),
                        ..Outcome::default()
                    }),
                    Err(e) => Outcome {
                        error: Some(anyhow::anyhow!("cannot start a thread: {e}")),
                        ..Outcome::default()
                    },
                };
                (Some(shown), out)
            })
            .collect::<Vec<_>>()
    }));
    drop(locks);
    if let Some(r) = shared.rejects.as_ref() {
        let mut r = r.lock().unwrap_or_else(|e| e.into_inner());
        r.out.flush().context("writing the rejects file")?;
    }
    let mut total = Stats::default();
    let (mut error, mut data_error, mut stopped) = (false, false, false);
    for (shown, o) in &outcomes {
        // The files shipped once had their summaries, as ingest's.
        let Some(shown) = shown else {
            data_error |= o.data_error;
            error |= o.error.is_some();
            stopped |= o.stopped;
            total.absorb(&o.stats);
            continue;
        };
        output::info(&format!(
            "{shown}: followed {} record{}{}{}",
            o.records,
            if o.records == 1 { "" } else { "s" },
            if o.invalid > 0 {
                format!(", {} invalid", o.invalid)
            } else {
                String::new()
            },
            if o.filtered > 0 {
                format!(", {} below min_level", o.filtered)
            } else {
                String::new()
            },
        ));
        if let Some(e) = &o.error {
            output::error(&format!("{shown}: {e:#}"));
            error = true;
        }
        data_error |= o.data_error;
        stopped |= o.stopped;
        total.absorb(&o.stats);
    }
    let code = total.report(settings.strict);
    if stopped {
        output::error(
            "delivery stopped for good (the spool could not keep more): the rest is still in the files; the checkpoints say where the next run goes on",
        );
    }
    let code = if stopped && settings.strict {
        Code::TempFail
    } else if stopped {
        Code::Error
    } else if data_error {
        Code::DataErr
    } else if error {
        Code::Error
    } else {
        code
    };
    if args.json {
        let mut v = super::super::result_json(&total, code);
        v["records"] = outcomes.iter().map(|(_, o)| o.records).sum::<u64>().into();
        v["invalid"] = outcomes.iter().map(|(_, o)| o.invalid).sum::<u64>().into();
        super::super::print_line(&v.to_string());
    }
    Ok(code)
}

/// Where to start `path` (of `format`), from its checkpoint.
fn plan(store: &Store, path: &Path, format: Format) -> Result<Begin> {
    let name = path.display().to_string();
    let shown = output::sanitize(&name).into_owned();
    let mut begin = Begin {
        path: path.to_path_buf(),
        name,
        shown: shown.clone(),
        format,
        offset: 0,
        line: 0,
        records: 0,
        predecessor: None,
    };
    let cp = store.get(path)?;
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            output::info(&format!("{shown}: not there yet: waiting for it"));
            return Ok(begin);
        }
        Err(e) => return Err(e).with_context(|| format!("{shown}: cannot open")),
    };
    let (_, _, start) = checkpoint::plan_file(cp.as_ref(), &file)
        .with_context(|| format!("{shown}: cannot read"))?;
    match (start, cp) {
        (
            Start::From {
                offset,
                line,
                records,
            },
            Some(cp),
        ) if cp.unit == Unit::Bytes => {
            (begin.offset, begin.line, begin.records) = (offset, line, records);
        }
        (Start::UpToDate, Some(cp)) => {
            (begin.offset, begin.line, begin.records) = (cp.offset, cp.line, cp.records);
        }
        (Start::Replaced { why }, Some(cp)) => match checkpoint::rotated_from(path, &cp) {
            Some(q) => {
                output::info(&format!(
                    "{shown}: {} since the last run: finishing {} first, then following {shown} from the start",
                    why.as_str(),
                    output::sanitize(&q.display().to_string())
                ));
                let gz = q.extension().is_some_and(|e| e == "gz");
                begin.predecessor = Some((q, gz, cp));
            }
            None => output::info(&format!(
                "{shown}: {} since the last run: following it from the start",
                why.as_str()
            )),
        },
        // A checkpoint by record count (this file was shipped gzip): from
        // the start, as a file of another kind.
        _ => {}
    }
    Ok(begin)
}

/// How a file given to --follow is shipped.
#[derive(Debug, PartialEq, Eq)]
enum Kind {
    /// Followed, in this format (a line format or csv).
    Follow(Format),
    /// Written whole, not appended to (what it is): shipped once.
    Once(&'static str),
}

/// The format of a file given to --follow: --format, else its extension,
/// else its first bytes (a file not there yet: its extension, else text).
/// gzip and json documents are shipped once.
fn choose_format(path: &Path, given: Option<Format>) -> Result<Kind> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let mut head = Vec::with_capacity(4096);
    match File::open(path) {
        Ok(f) => {
            f.take(4096)
                .read_to_end(&mut head)
                .with_context(|| format!("{}: cannot read", path.display()))?;
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e).with_context(|| format!("{}: cannot open", path.display())),
    }
    if head.starts_with(&[0x1f, 0x8b])
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
    {
        return Ok(Kind::Once("a gzip file"));
    }
    let format = match given.or_else(|| name.as_deref().and_then(Format::from_extension)) {
        Some(f) => f,
        None if head.iter().all(u8::is_ascii_whitespace) => Format::Text,
        None => Format::sniff(&head).0,
    };
    Ok(match format {
        Format::Json => Kind::Once("a json document"),
        f => Kind::Follow(f),
    })
}

/// Now, in milliseconds since an arbitrary start (never 0).
fn now_ms(origin: Instant) -> u64 {
    origin.elapsed().as_millis() as u64 + 1
}

/// A segment's end, waiting for its batches to settle.
struct SegmentEnd {
    /// Batches handed over by then.
    handed: u64,
    pos: u64,
    lines: u64,
    records: u64,
    /// A rotated predecessor finished by then: its checkpoint at its end,
    /// written under its own name once its batches settled.
    done: Option<Checkpoint>,
}

fn follow_one(sh: &Shared<'_>, b: Begin) -> Outcome {
    let mut out = Outcome::default();
    let mut shipper = Shipper::new(sh.settings, vec![true]);
    shipper.start_file(0);
    let mut writer = sh.writer.clone();
    writer.set_file(Some(&b.name));
    let flush_ms = sh.settings.flush_interval.as_millis() as u64;
    let origin = Instant::now();
    let csv = b.format == Format::Csv;

    let mut finished = None;
    if let Some((q, gz, cp)) = &b.predecessor {
        match finish_predecessor(sh, &mut shipper, &mut out, q, *gz, cp, b.format, &b.name) {
            Ok(Some(done)) => finished = Some(done),
            Ok(None) => {
                out.data_error = true;
                sh.stop.request();
                out.stats = shipper.finish().0;
                return out;
            }
            Err(e) => {
                out.error = Some(e);
                sh.stop.request();
                out.stats = shipper.finish().0;
                return out;
            }
        }
    }

    // The oldest record not handed over yet (ms from origin, 0: none).
    let pending = Arc::new(AtomicU64::new(0));
    // Segment ends wait to settle: pause now and then to look.
    let unsettled = Arc::new(AtomicBool::new(false));
    let pause = Arc::new(AtomicBool::new(false));
    let idle = {
        let (pending, unsettled, pause) = (pending.clone(), unsettled.clone(), pause.clone());
        Box::new(move || {
            let p = pending.load(Ordering::SeqCst);
            let due = p != 0 && now_ms(origin).saturating_sub(p) >= flush_ms;
            if due || unsettled.load(Ordering::SeqCst) {
                pause.store(true, Ordering::SeqCst);
            }
        })
    };
    let follower = match Follower::open(&b.path, b.offset, sh.stop.clone(), idle) {
        Ok(f) => {
            let f = f.start_line(b.line).pause_on(pause.clone());
            if csv {
                f.csv()
            } else {
                f
            }
        }
        Err(e) => {
            out.error = Some(anyhow::Error::new(e).context("cannot open"));
            sh.stop.request();
            out.stats = shipper.finish().0;
            return out;
        }
    };
    let positions = follower.positions();
    let mut lines = positions.line_map();
    let mut follower = follower;
    let mut ends: VecDeque<SegmentEnd> = VecDeque::new();
    let mut records_total = b.records;
    let mut data_error = false;
    // csv: the header row of the file read last, read once per identity
    // (inode and head: a file truncated and written again has a new one).
    let mut header: Option<(checkpoint::FileId, Vec<u8>)> = None;
    if b.predecessor.is_some() {
        // The path's checkpoint moves to the new file's start once the
        // predecessor's batches settled.
        ends.push_back(SegmentEnd {
            handed: shipper.files[0].handed,
            pos: 0,
            lines: 0,
            records: 0,
            done: finished,
        });
        unsettled.store(true, Ordering::SeqCst);
    }

    loop {
        let seg_lines = follower.stream_lines();
        let seg_started = now_ms(origin);
        let start = positions.locate(follower.stream_pos(), seg_lines);
        // A segment that starts inside its file: a BOM there is text.
        let mid_file = start.as_ref().is_some_and(|at| at.offset > 0);
        // csv: a segment that starts inside its file gets the file's
        // header row in front (one that starts at 0 reads it itself).
        let head: &[u8] = match csv.then_some(start).flatten() {
            Some(at) if at.offset > 0 => {
                if header.as_ref().is_none_or(|(id, _)| *id != at.id) {
                    let got = follower
                        .file_of(&at.id)
                        .map(|f| {
                            let mut r = BufReader::new(ReadFrom { file: f, at: 0 });
                            resume::csv_header_of(&mut r)
                        })
                        .transpose()
                        .ok()
                        .flatten()
                        .flatten();
                    header = got.map(|(h, _)| (at.id, h));
                }
                header.as_ref().map_or(&[][..], |(_, h)| h)
            }
            _ => &[],
        };
        let head_lines = memchr::memchr_iter(b'\n', head).count() as u64;
        let mut reader =
            BufReader::with_capacity(READ_BUF, io::Cursor::new(head).chain(&mut follower));
        let res = parse_segment(
            sh,
            &mut reader,
            b.format,
            &writer,
            &mut lines,
            &mut shipper,
            &mut out,
            &Segment {
                shown: &b.shown,
                lines: seg_lines,
                head_lines,
                started: seg_started,
                origin,
                flush_ms,
                pending: &pending,
                pause: &pause,
                mid_file,
            },
            &mut records_total,
        );
        drop(reader);
        // The switches are in `positions`; the follower's own list is
        // emptied here (it would grow with every rotation).
        while let Some(sw) = follower.take_switch() {
            if sw.reason == Reason::Copied {
                output::info(&format!(
                    "{}: truncated (copytruncate): its copy next to it is read from line {} to its end first",
                    b.shown,
                    sw.line + 1
                ));
            }
        }
        // Parsed to the segment's end: only then may the checkpoint go
        // there (a parser stopped early left read bytes unparsed).
        let whole = match res {
            Ok(true) => !shipper.stopped(),
            Ok(false) => {
                data_error = true;
                false
            }
            Err(e) => {
                out.error = Some(anyhow::Error::new(e).context("read error"));
                false
            }
        };
        // The segment's records go out now, and its end waits to settle.
        shipper.flush();
        pending.store(0, Ordering::SeqCst);
        let end = SegmentEnd {
            handed: shipper.files[0].handed,
            pos: follower.stream_pos(),
            lines: follower.stream_lines(),
            records: records_total,
            done: None,
        };
        if whole
            && ends
                .back()
                .is_none_or(|e| e.pos != end.pos || e.handed != end.handed)
        {
            ends.push_back(end);
        }
        shipper.poll();
        let prefix = shipper.files[0].prefix;
        advance(sh.store, &b.path, &follower, &positions, &mut ends, prefix);
        unsettled.store(!ends.is_empty(), Ordering::SeqCst);
        out.stopped = shipper.stopped();
        if data_error || out.error.is_some() || out.stopped {
            // One file that cannot go on ends the whole follower: a
            // follower quietly down to fewer files is worse than an error.
            sh.stop.request();
        }
        if sh.stop.requested() {
            break;
        }
    }
    // Everything read is handed over: wait for it to settle, then the last
    // checkpoint.
    let (stats, counts, _, _) = shipper.finish();
    if let Some(c) = counts.first() {
        advance(
            sh.store, &b.path, &follower, &positions, &mut ends, c.prefix,
        );
    }
    out.stats = stats;
    out.data_error = data_error;
    out
}

/// A file read with positioned reads from `at` on (its own position, which
/// the follower reads from, stays).
struct ReadFrom<'a> {
    file: &'a File,
    at: u64,
}

impl Read for ReadFrom<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = checkpoint::read_at(self.file, buf, self.at)?;
        self.at += n as u64;
        Ok(n)
    }
}

/// Move the checkpoint to the last segment end whose batches all settled
/// (the store skips writing one unchanged since its last `put`).
fn advance(
    store: &Store,
    path: &Path,
    follower: &Follower,
    positions: &Positions,
    ends: &mut VecDeque<SegmentEnd>,
    prefix: u64,
) {
    let mut reached = None;
    while ends.front().is_some_and(|e| e.handed <= prefix) {
        reached = ends.pop_front();
        if let Some(done) = reached.as_mut().and_then(|e| e.done.take()) {
            if let Err(e) = store.put(&done) {
                output::warn(&format!("{e:#}"));
            }
        }
    }
    let Some(end) = reached else {
        return;
    };
    let Some(at) = positions.locate(end.pos, end.lines) else {
        return;
    };
    // The follower's identity has the longer head when it is the same file.
    let id = match follower.current() {
        Some((cur, _)) if cur.same_inode(&at.id) => cur,
        _ => at.id,
    };
    let cp = Checkpoint::at(path, id, Unit::Bytes, at.offset, at.line, end.records);
    // Moving on to another file at the path (a rotation): the one left is
    // known by its new name (`app.log.1`) to a later run given it.
    if let Ok(Some(before)) = store.current(path) {
        if !before.id.same_inode(&cp.id) {
            checkpoint::keep_renamed(store, path, &before);
        }
    }
    if let Err(e) = store.put(&cp) {
        output::warn(&format!("{e:#}"));
    }
}

/// The pause rules a segment's parser applies.
struct Segment<'a> {
    shown: &'a str,
    /// Stream lines before the segment.
    lines: u64,
    /// Lines of the csv header row put in front of the stream's bytes.
    head_lines: u64,
    started: u64,
    origin: Instant,
    flush_ms: u64,
    pending: &'a AtomicU64,
    pause: &'a AtomicBool,
    /// It starts inside its file (a BOM there is text).
    mid_file: bool,
}

impl Segment<'_> {
    /// The stream line of the parser's line `line` (0: in the header put
    /// in front).
    fn stream_line(&self, line: u64) -> Option<u64> {
        (line > self.head_lines).then(|| self.lines + line - self.head_lines)
    }
}

/// Parse one segment; false for an invalid record that stops following
/// (no --skip-invalid).
#[allow(clippy::too_many_arguments)]
fn parse_segment(
    sh: &Shared<'_>,
    reader: &mut dyn BufRead,
    format: Format,
    writer: &EntryWriter,
    lines: &mut LineMap,
    shipper: &mut Shipper,
    out: &mut Outcome,
    seg: &Segment<'_>,
    records_total: &mut u64,
) -> io::Result<bool> {
    let min_level = sh.settings.min_level;
    let mut ok = true;
    let mut seen = 0u64;
    let mut header: Option<Vec<u8>> = None;
    let mut file_line = |line: u64| -> u64 {
        seg.stream_line(line)
            .and_then(|l| lines.file_line(l))
            .map_or(line, |(_, l)| l)
    };
    // No stop here on a signal: the follower's read ends the segment, and
    // what the parser's buffer holds (1 MiB at most) is shipped first, so
    // the segment's end is where the checkpoint may go.
    let mut f = |item: Item<'_>| -> Flow {
        seen += 1;
        // Keep segments at most flush_interval long while the file grows:
        // the checkpoint and the settle feed are looked at between them.
        if seen.is_multiple_of(256)
            && now_ms(seg.origin).saturating_sub(seg.started) >= seg.flush_ms
        {
            seg.pause.store(true, Ordering::SeqCst);
        }
        match item {
            Item::Header(h) => header = Some(h.to_vec()),
            Item::Record(mut rec, _) => {
                out.records += 1;
                *records_total += 1;
                rec.line = file_line(rec.line);
                if writer.level_of(&rec) < min_level {
                    out.filtered += 1;
                    return Flow::Continue;
                }
                if shipper.stopped() {
                    return Flow::Stop;
                }
                if seg.pending.load(Ordering::Relaxed) == 0 {
                    seg.pending.store(now_ms(seg.origin), Ordering::SeqCst);
                }
                let handed = shipper.files[0].handed;
                // The batch's age is looked at every 64 records (a clock read
                // per record costs); an idle file's pause flushes it too.
                shipper.push(*records_total >> 6, rec.line, Mark::default, writer, &rec);
                if shipper.files[0].handed != handed {
                    // A batch went out: the open one (if any) is this
                    // record's, so its flush_interval counts from now.
                    seg.pending.store(now_ms(seg.origin), Ordering::SeqCst);
                }
            }
            Item::Invalid(inv, raw) => {
                out.invalid += 1;
                let line = file_line(inv.line);
                let at = Place {
                    shown: seg.shown,
                    line,
                    header: header.as_deref(),
                };
                if !invalid(sh, out.invalid, &at, &inv, raw) {
                    ok = false;
                    return Flow::Stop;
                }
            }
        }
        Flow::Continue
    };
    let opts = sh.opts.starting_inside(seg.mid_file);
    formats::parse(format, reader, &opts, &mut f)?;
    Ok(ok)
}

#[allow(clippy::too_many_arguments)]
/// Ship the rest of a rotated predecessor, from the checkpoint of the path
/// it had, to its end (a `.gz` one through the decoder; csv with its
/// header row in front). The path's checkpoint stays on it until its
/// batches settled (a restart before that finishes it again: repeats,
/// never a loss); then it gets its own, at its end, which this returns
/// (`None`: an invalid record ended the run).
fn finish_predecessor(
    sh: &Shared<'_>,
    shipper: &mut Shipper,
    out: &mut Outcome,
    q: &Path,
    gz: bool,
    cp: &Checkpoint,
    format: Format,
    name: &str,
) -> Result<Option<Checkpoint>> {
    let shown = output::sanitize(&q.display().to_string()).into_owned();
    let file = File::open(q).with_context(|| format!("{shown}: cannot open"))?;
    let (id, _) = checkpoint::identify(&file).with_context(|| format!("{shown}: cannot read"))?;
    // The file's own bytes read (to its end, where its checkpoint goes).
    let read = Rc::new(Cell::new(if gz { 0 } else { cp.offset }));
    let file = super::Counting {
        inner: file,
        n: read.clone(),
    };
    let (head, head_lines) = if format == Format::Csv && cp.offset > 0 {
        resume::csv_header(q, gz)
            .with_context(|| format!("{shown}: cannot read its header row"))?
            .unwrap_or_default()
    } else {
        (Vec::new(), 0)
    };
    let mut input: Box<dyn Read> = if gz {
        let mut d = flate2::read::MultiGzDecoder::new(file);
        io::copy(&mut (&mut d).take(cp.offset), &mut io::sink())?;
        Box::new(d)
    } else {
        let mut f = file;
        io::Seek::seek(&mut f.inner, io::SeekFrom::Start(cp.offset))?;
        Box::new(f)
    };
    let mut writer = sh.writer.clone();
    // Its lines were written under the path's name, as it was given.
    writer.set_file(Some(name));
    let mut reader = BufReader::with_capacity(READ_BUF, io::Cursor::new(&head).chain(&mut input));
    let mut records = cp.records;
    let mut last_line = cp.line;
    // The parser's line `l` is the file's line `l - head_lines + first`.
    let file_line = |l: u64| l.saturating_sub(head_lines) + cp.line;
    let min_level = sh.settings.min_level;
    let mut ok = true;
    let mut header: Option<Vec<u8>> = None;
    let mut f = |item: Item<'_>| -> Flow {
        match item {
            Item::Record(mut rec, _) => {
                out.records += 1;
                records += 1;
                rec.line = file_line(rec.line);
                last_line = last_line.max(rec.line);
                if writer.level_of(&rec) < min_level {
                    out.filtered += 1;
                    return Flow::Continue;
                }
                shipper.push(records >> 6, rec.line, Mark::default, &writer, &rec);
            }
            // As in the file itself: rejected, skipped or the end of the run.
            Item::Invalid(inv, raw) => {
                out.invalid += 1;
                last_line = last_line.max(file_line(inv.line));
                let at = Place {
                    shown: &shown,
                    line: file_line(inv.line),
                    header: header.as_deref(),
                };
                if !invalid(sh, out.invalid, &at, &inv, raw) {
                    ok = false;
                    return Flow::Stop;
                }
            }
            Item::Header(h) => header = Some(h.to_vec()),
        }
        Flow::Continue
    };
    // From inside the file: a BOM there is text.
    let opts = sh.opts.starting_inside(cp.offset > 0);
    formats::parse(format, &mut reader, &opts, &mut f)
        .with_context(|| format!("{shown}: read error"))?;
    shipper.flush();
    // A complete file, gzip or not, is checkpointed by its size (as
    // --resume writes a complete one): the next run sees it up to date.
    Ok(ok.then(|| Checkpoint::at(q, id, Unit::Bytes, read.get(), last_line, records)))
}

/// Where an invalid record is: its file as shown, its line, and the csv
/// header row it comes under (for the rejects file).
struct Place<'a> {
    shown: &'a str,
    line: u64,
    header: Option<&'a [u8]>,
}

/// An invalid record (the `seen`th of the run) at `at`: copied to
/// `--rejects` (after its csv header row, when that is not the one
/// written last); skipped under `--skip-invalid`, else an error, said as
/// every ingest path says it ([`super::say_invalid`]). False: the run
/// stops here (also when the rejects file cannot be written: the record
/// would be lost).
fn invalid(sh: &Shared<'_>, seen: u64, at: &Place<'_>, inv: &formats::Invalid, raw: &[u8]) -> bool {
    if let Some(r) = sh.rejects.as_ref() {
        let mut r = r.lock().unwrap_or_else(|e| e.into_inner());
        if let Err(e) = r.write(at.header, raw) {
            output::error(&format!(
                "{}:{}: {} (not kept: writing the rejects file: {e})",
                at.shown, at.line, inv.what
            ));
            return false;
        }
    }
    let inv = formats::Invalid {
        line: at.line,
        ..inv.clone()
    };
    let skip = sh.args.skip_invalid && !inv.fatal;
    super::say_invalid(None, at.shown, &format!("{}:{inv}", at.shown), seen, skip);
    skip
}

impl Rejects {
    /// One rejected record, after `header` unless it is the header row
    /// written last; flushed, so a failure shows now, not at exit.
    fn write(&mut self, header: Option<&[u8]>, raw: &[u8]) -> io::Result<()> {
        if let Some(h) = header {
            if self.header.as_deref() != Some(h) {
                self.out.write_all(h)?;
                self.out.write_all(b"\n")?;
                self.header = Some(h.to_vec());
            }
        }
        self.out.write_all(raw)?;
        if !raw.ends_with(b"\n") {
            self.out.write_all(b"\n")?;
        }
        self.out.flush()
    }
}

/// Ship the gzip and json files given to --follow once, from their
/// checkpoints, as `ingest --resume` does (its pipeline: one shipper with
/// the run's checkpoints, each file's summary once its batches settled).
fn ship_once(sh: &Shared<'_>, inputs: &[resume::Input]) -> Outcome {
    let mut out = Outcome::default();
    let mut rejects = sh
        .rejects
        .as_ref()
        .map(|r| r.lock().unwrap_or_else(|e| e.into_inner()));
    let mut stdout = BufWriter::new(io::stdout().lock());
    let mut shipper = Shipper::new(sh.settings, vec![true; inputs.len()])
        .with_checkpoints(resume::Checkpoints::new(Store::new(), inputs.len()));
    let mut ctx = super::Ctx {
        args: sh.args,
        settings: sh.settings,
        opts: sh.opts,
        stdout: &mut stdout,
        stdout_open: true,
        rejects: rejects.as_mut().map(|r| &mut r.out),
        stop: sh.stop.clone(),
        from_line: 0,
    };
    let mut writer = sh.writer.clone();
    let mut reads = Vec::new();
    let mut printed = 0;
    let mut failed = false;
    for (i, input) in inputs.iter().enumerate() {
        let name = input.path.display().to_string();
        writer.set_file(Some(&name));
        shipper.start_file(i);
        match ctx.file(
            i,
            &input.path,
            input.plan.as_ref(),
            &name,
            &writer,
            Some(&mut shipper),
        ) {
            Ok(mut read) => {
                shipper.end_file(read.end.take());
                out.records += read.tally.records;
                out.invalid += read.tally.invalid;
                out.filtered += read.tally.filtered;
                out.data_error |=
                    read.tally.fatal.is_some() || (read.tally.data_error && !sh.args.skip_invalid);
                reads.push(read);
                failed |= ctx.print_settled(&mut reads, &mut printed, Some(&shipper));
            }
            Err(e) => {
                output::error(&format!("{e:#}"));
                failed = true;
            }
        }
        if shipper.stopped() || ctx.signalled() {
            break;
        }
    }
    let (mut stats, counts, stopped_at, checkpoint_failed) = shipper.finish();
    failed |= checkpoint_failed;
    failed |= ctx.print_rest(&mut reads[printed..], Some(&counts), stopped_at.as_ref());
    stats.filtered += out.filtered;
    out.stats = stats;
    out.stopped = stopped_at.is_some();
    if failed {
        out.error = Some(anyhow::anyhow!("shipping a file once failed"));
    }
    out
}
