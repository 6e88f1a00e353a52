//! `ingest --follow FILE...`: keep shipping files as they grow, like
//! `tail -F`, with checkpoints, until SIGINT or SIGTERM.
//!
//! Each file is read by a [`Follower`] (inotify or polling; rotation,
//! truncation, files that appear later; whole lines only) on its own thread,
//! into its own [`Shipper`] (the spool and the cross-run breaker are shared
//! through their files; each file has its own requests in flight). Only the
//! line formats can be followed (jsonl, text, syslog, obl): a record never
//! spans a pause, so the parser can end and start again at any line.
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

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use anyhow::{Context, Result};

use super::shipper::{Mark, Shipper};
use super::Args;
use crate::checkpoint::{self, Checkpoint, Start, Store, Unit};
use crate::exit::{Code, Failure};
use crate::follow::{Follower, Positions};
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
    rejects: Option<Mutex<BufWriter<File>>>,
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
    };
    super::super::preflight(settings, false)?;
    let store = Store::new();
    // One process per file: a second follower (or --resume) is refused
    // before anything is read.
    let mut locks = Vec::new();
    let mut begins = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for path in &args.files {
        let abs = checkpoint::absolute(path);
        if !seen.insert(abs.clone()) {
            continue;
        }
        locks.push(
            store
                .lock(&abs)
                .map_err(checkpoint::Locked::exit_75)?,
        );
        let begin = plan(&store, path, args.format)?;
        if let Some((q, _, _)) = &begin.predecessor {
            if let Ok(l) = store.lock(q) {
                locks.push(l);
            }
        }
        begins.push(begin);
    }
    let rejects = match &args.rejects {
        Some(p) => Some(Mutex::new(BufWriter::new(File::create(p).with_context(
            || format!("{}: cannot create the rejects file", p.display()),
        )?))),
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
    let outcomes: Vec<(String, Outcome)> = std::thread::scope(|s| {
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
                (shown, out)
            })
            .collect()
    });
    drop(locks);
    if let Some(r) = shared.rejects.as_ref() {
        let mut r = r.lock().unwrap_or_else(|e| e.into_inner());
        r.flush().context("writing the rejects file")?;
    }
    let mut total = Stats::default();
    let (mut error, mut data_error, mut stopped) = (false, false, false);
    for (shown, o) in &outcomes {
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

/// Where to start `path`, from its checkpoint.
fn plan(store: &Store, path: &Path, format: Option<Format>) -> Result<Begin> {
    let shown = output::sanitize(&path.display().to_string()).into_owned();
    let mut begin = Begin {
        path: path.to_path_buf(),
        shown: shown.clone(),
        format: Format::Text,
        offset: 0,
        line: 0,
        records: 0,
        predecessor: None,
    };
    let cp = store.get(path)?;
    let file = match File::open(path) {
        Ok(f) => Some(f),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("{shown}: cannot open")),
    };
    begin.format = choose_format(path, file.as_ref(), format)?;
    let Some(file) = file else {
        output::info(&format!("{shown}: not there yet: waiting for it"));
        return Ok(begin);
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

/// The format of a followed file: --format, else its extension, else its
/// first bytes; line formats only.
fn choose_format(path: &Path, file: Option<&File>, given: Option<Format>) -> Result<Format> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    // The first bytes, read through a fresh handle (the file is opened
    // again to be followed).
    let mut head = Vec::with_capacity(4096);
    if let Some(f) = file {
        f.take(4096).read_to_end(&mut head)?;
    }
    if head.starts_with(&[0x1f, 0x8b])
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
    {
        return Err(Failure::usage(format!(
            "{}: a gzip file is not followed (it is written whole, not appended to): ship it with --resume",
            output::sanitize(&path.display().to_string())
        ))
        .into());
    }
    let format = match given.or_else(|| name.as_deref().and_then(Format::from_extension)) {
        Some(f) => f,
        None if head.iter().all(u8::is_ascii_whitespace) => Format::Text,
        None => Format::sniff(&head).0,
    };
    if matches!(format, Format::Json | Format::Csv) {
        return Err(Failure::usage(format!(
            "{}: --follow reads line formats (jsonl, text, syslog, obl), not {}: a {} record may span the lines written so far",
            output::sanitize(&path.display().to_string()),
            format.name(),
            format.name()
        ))
        .into());
    }
    Ok(format)
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
}

fn follow_one(sh: &Shared<'_>, b: Begin) -> Outcome {
    let mut out = Outcome::default();
    let mut shipper = Shipper::new(sh.settings, vec![true]);
    shipper.start_file(0);
    let mut writer = sh.writer.clone();
    writer.set_file(Some(&b.path.display().to_string()));
    let flush_ms = sh.settings.flush_interval.as_millis() as u64;
    let origin = Instant::now();

    if let Some((q, gz, cp)) = &b.predecessor {
        match finish_predecessor(
            sh,
            &mut shipper,
            &mut out,
            q,
            *gz,
            cp,
            b.format,
            &b.path.display().to_string(),
        ) {
            Ok(true) => {}
            Ok(false) => {
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
        Ok(f) => f.start_line(b.line).pause_on(pause.clone()),
        Err(e) => {
            out.error = Some(anyhow::Error::new(e).context("cannot open"));
            sh.stop.request();
            out.stats = shipper.finish().0;
            return out;
        }
    };
    let positions = follower.positions();
    let mut follower = follower;
    let mut ends: VecDeque<SegmentEnd> = VecDeque::new();
    let mut records_total = b.records;
    let mut data_error = false;
    if b.predecessor.is_some() {
        // The path's checkpoint moves to the new file's start once the
        // predecessor's batches settled.
        ends.push_back(SegmentEnd {
            handed: shipper.files[0].handed,
            pos: 0,
            lines: 0,
            records: 0,
        });
        unsettled.store(true, Ordering::SeqCst);
    }

    loop {
        let seg_lines = follower.stream_lines();
        let seg_started = now_ms(origin);
        let mut reader = BufReader::with_capacity(READ_BUF, &mut follower);
        let res = parse_segment(
            sh,
            &mut reader,
            b.format,
            &writer,
            &positions,
            &mut shipper,
            &mut out,
            &Segment {
                shown: &b.shown,
                lines: seg_lines,
                started: seg_started,
                origin,
                flush_ms,
                pending: &pending,
                pause: &pause,
            },
            &mut records_total,
        );
        drop(reader);
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
    if let Err(e) = store.put(&cp) {
        output::warn(&format!("{e:#}"));
    }
}

/// The pause rules a segment's parser applies.
struct Segment<'a> {
    shown: &'a str,
    /// Stream lines before the segment.
    lines: u64,
    started: u64,
    origin: Instant,
    flush_ms: u64,
    pending: &'a AtomicU64,
    pause: &'a AtomicBool,
}

/// Parse one segment; false for an invalid record that stops following
/// (no --skip-invalid).
#[allow(clippy::too_many_arguments)]
fn parse_segment(
    sh: &Shared<'_>,
    reader: &mut dyn BufRead,
    format: Format,
    writer: &EntryWriter,
    positions: &Positions,
    shipper: &mut Shipper,
    out: &mut Outcome,
    seg: &Segment<'_>,
    records_total: &mut u64,
) -> io::Result<bool> {
    let min_level = sh.settings.min_level;
    let mut ok = true;
    let mut seen = 0u64;
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
            Item::Header(_) => {}
            Item::Record(mut rec, _) => {
                out.records += 1;
                *records_total += 1;
                if let Some((_, line)) = positions.file_line(seg.lines + rec.line) {
                    rec.line = line;
                }
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
                shipper.push(*records_total >> 6, rec.line, Mark::default, |buf| {
                    writer.write(&rec, buf);
                });
                if shipper.files[0].handed != handed {
                    // A batch went out: the open one (if any) is this
                    // record's, so its flush_interval counts from now.
                    seg.pending.store(now_ms(seg.origin), Ordering::SeqCst);
                }
            }
            Item::Invalid(inv, raw) => {
                out.invalid += 1;
                let line = positions
                    .file_line(seg.lines + inv.line)
                    .map_or(inv.line, |(_, l)| l);
                if !invalid(sh, out.invalid, seg.shown, line, &inv, raw) {
                    ok = false;
                    return Flow::Stop;
                }
            }
        }
        Flow::Continue
    };
    formats::parse(format, reader, sh.opts, &mut f)?;
    Ok(ok)
}

#[allow(clippy::too_many_arguments)]
/// Ship the rest of a rotated predecessor, from the checkpoint of the path
/// it had, to its end (a `.gz` one through the decoder). It gets no
/// checkpoint of its own: the path's stays on it until its batches settled
/// (a restart before that finishes it again: repeats, never a loss).
fn finish_predecessor(
    sh: &Shared<'_>,
    shipper: &mut Shipper,
    out: &mut Outcome,
    q: &Path,
    gz: bool,
    cp: &Checkpoint,
    format: Format,
    name: &str,
) -> Result<bool> {
    let shown = output::sanitize(&q.display().to_string()).into_owned();
    let file = File::open(q).with_context(|| format!("{shown}: cannot open"))?;
    let mut input: Box<dyn Read> = if gz {
        let mut d = flate2::read::MultiGzDecoder::new(file);
        io::copy(&mut (&mut d).take(cp.offset), &mut io::sink())?;
        Box::new(d)
    } else {
        let mut f = file;
        io::Seek::seek(&mut f, io::SeekFrom::Start(cp.offset))?;
        Box::new(f)
    };
    let mut writer = sh.writer.clone();
    // Its lines were written under the path's name, as it was given.
    writer.set_file(Some(name));
    let mut reader = BufReader::with_capacity(READ_BUF, &mut input);
    let mut records = cp.records;
    let first_line = cp.line;
    let min_level = sh.settings.min_level;
    let mut ok = true;
    let mut f = |item: Item<'_>| -> Flow {
        match item {
            Item::Record(mut rec, _) => {
                out.records += 1;
                records += 1;
                rec.line += first_line;
                if writer.level_of(&rec) < min_level {
                    out.filtered += 1;
                    return Flow::Continue;
                }
                shipper.push(records >> 6, rec.line, Mark::default, |buf| {
                    writer.write(&rec, buf);
                });
            }
            // As in the file itself: rejected, skipped or the end of the run.
            Item::Invalid(inv, raw) => {
                out.invalid += 1;
                if !invalid(sh, out.invalid, &shown, inv.line + first_line, &inv, raw) {
                    ok = false;
                    return Flow::Stop;
                }
            }
            Item::Header(_) => {}
        }
        Flow::Continue
    };
    formats::parse(format, &mut reader, sh.opts, &mut f)
        .with_context(|| format!("{shown}: read error"))?;
    shipper.flush();
    Ok(ok)
}

/// An invalid record (the `seen`th of the run) at `shown:line`: copied to
/// `--rejects`; skipped (said for the first 10) under `--skip-invalid`,
/// else said as an error. False: the run stops here.
fn invalid(
    sh: &Shared<'_>,
    seen: u64,
    shown: &str,
    line: u64,
    inv: &formats::Invalid,
    raw: &[u8],
) -> bool {
    if let Some(r) = sh.rejects.as_ref() {
        let mut r = r.lock().unwrap_or_else(|e| e.into_inner());
        let _ = r.write_all(raw);
        if !raw.ends_with(b"\n") {
            let _ = r.write_all(b"\n");
        }
    }
    let what = &inv.what;
    if sh.args.skip_invalid && !inv.fatal {
        if seen <= 10 {
            output::warn(&format!("{shown}:{line}: {what} (skipped)"));
        }
        true
    } else {
        output::error(&format!(
            "{shown}:{line}: {what} (--skip-invalid skips invalid records)"
        ));
        false
    }
}
