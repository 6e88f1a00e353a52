//! `ingest --resume FILE...`: ship only what earlier runs did not deliver or
//! spool, with the checkpoint store of [`crate::checkpoint`].
//!
//! Before anything is read, every file is locked (a second `--resume` on
//! the same file is refused, exit 75) and planned: fresh, from its
//! checkpoint, up to date (nothing to read: an already shipped 1 GB file
//! costs a 1 KiB read), or replaced (truncated, or another file at the
//! path). A replaced file's rotated predecessor (`app.log.1`, found by
//! [`checkpoint::rotated_from`], or given on the command line too) is
//! finished from the checkpoint first, then the new file is read from its
//! start; a predecessor given on the command line is not read again in its
//! own place.
//!
//! Where to resume is always a record boundary: a byte offset at the start
//! of a record's line for plain files of line formats and csv (the header
//! row is read again from the file's start and kept), a record count for
//! gzip and json (read again from the start, skipping that many records).
//! Line numbers stay true: the checkpoint keeps the lines before its offset.
//! A last line without a line end is left for the next run: it may be
//! half-written (a rotated predecessor, complete, is read to its end).
//!
//! The checkpoint only moves over the longest prefix of settled batches
//! (delivered, spooled or rejected: [`super::shipper`]), at most every
//! [`EVERY`] (or [`EVERY_BYTES`]) and at the end: a crash repeats at most
//! the batches in flight and those settled since the last write, never
//! skips a record.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use super::lines::{LineStarts, Tracked};
use super::shipper::Mark;
use crate::checkpoint::{self, Checkpoint, FileId, Lock, Locked, Start, Store, Unit};
use crate::formats::{self, Flow, Format, Item};
use crate::output;

/// How often a moving checkpoint is written at most (a write is two fsyncs).
pub const EVERY: Duration = Duration::from_millis(200);
/// ... unless it moved by this many bytes since the last write.
pub const EVERY_BYTES: u64 = 8 << 20;

/// Where reading one input starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum From {
    /// From its first byte.
    Start,
    /// From byte `offset`, with `line` lines before it (for a `.gz`
    /// predecessor: bytes of the decompressed stream).
    Bytes {
        offset: u64,
        line: u64,
        records: u64,
    },
    /// From the start, skipping the first `records` records (gzip, json).
    Records { records: u64 },
    /// Nothing after the checkpoint.
    UpToDate { offset: u64, line: u64 },
}

impl From {
    /// Where `start`, planned against checkpoint `cp`, goes on from; `None`
    /// when it does not go on (fresh, replaced).
    fn resumed(start: &Start, cp: &Checkpoint) -> Option<From> {
        match *start {
            Start::UpToDate => Some(From::UpToDate {
                offset: cp.offset,
                line: cp.line,
            }),
            Start::From {
                offset,
                line,
                records,
            } => Some(match cp.unit {
                Unit::Bytes => From::Bytes {
                    offset,
                    line,
                    records,
                },
                Unit::Records => From::Records { records: offset },
            }),
            Start::Fresh | Start::Replaced { .. } => None,
        }
    }
}

/// How one input of a `--resume` run is read and checkpointed.
#[derive(Debug, Clone)]
pub struct Plan {
    pub id: FileId,
    pub from: From,
    /// Leave a last line without a line end for the next run.
    pub hold_back: bool,
    /// Said on stderr before reading it (truncated, replaced, rotated).
    pub note: Option<String>,
    /// `From::Bytes` counts bytes of the decompressed stream (a `.gz`
    /// predecessor of a plain file).
    pub decompressed_offset: bool,
    /// The input before this one is its rotated predecessor: this one's
    /// checkpoint waits until that one is complete (else a crash between
    /// would forget the predecessor's rest).
    pub after_predecessor: bool,
}

/// One input of the run, in the order read.
#[derive(Debug, Clone)]
pub struct Input {
    pub path: PathBuf,
    /// `--resume` only.
    pub plan: Option<Plan>,
}

/// Lock and plan every file of a `--resume` run. Returns the inputs in the
/// order to read them (rotated predecessors first) and the locks to hold.
/// A file another process holds is an error of exit 75 ([`Locked`]).
pub fn plan_inputs(store: &Store, files: &[PathBuf]) -> Result<(Vec<Input>, Vec<Lock>)> {
    plan_locked(store, files).map_err(Locked::exit_75)
}

fn plan_locked(store: &Store, files: &[PathBuf]) -> Result<(Vec<Input>, Vec<Lock>)> {
    let mut locks = Vec::new();
    let mut locked: HashSet<PathBuf> = HashSet::new();
    let mut lock = |p: &Path, locks: &mut Vec<Lock>| -> Result<()> {
        let abs = checkpoint::absolute(p);
        if locked.insert(abs.clone()) {
            locks.push(store.lock(&abs)?);
        }
        Ok(())
    };
    // First every file's plan, so a predecessor named on the command line
    // too is read once, where its successor needs it.
    let mut planned: Vec<(PathBuf, Result<Planned>)> = Vec::new();
    let mut known: Option<Vec<Checkpoint>> = None;
    for f in files {
        lock(f, &mut locks)?;
        planned.push((f.clone(), plan_one(store, f, &mut known)));
    }
    let claimed: HashSet<PathBuf> = planned
        .iter()
        .filter_map(|(_, p)| p.as_ref().ok()?.1.as_ref())
        .map(|(q, _)| checkpoint::absolute(q))
        .collect();
    let mut inputs = Vec::new();
    let mut seen: HashSet<PathBuf> = HashSet::new();
    for (path, plan) in planned {
        let abs = checkpoint::absolute(&path);
        if claimed.contains(&abs) || !seen.insert(abs) {
            continue;
        }
        match plan {
            // Opening it fails again, with its message, when it is read.
            Err(_) => inputs.push(Input { path, plan: None }),
            Ok((plan, pred)) => {
                if let Some((q, cp)) = pred {
                    lock(&q, &mut locks)?;
                    inputs.push(predecessor(store, &q, &cp)?);
                }
                inputs.push(Input {
                    path,
                    plan: Some(plan),
                });
            }
        }
    }
    Ok((inputs, locks))
}

/// What [`plan_one`] returns.
type Planned = (Plan, Option<(PathBuf, Checkpoint)>);

/// One file's plan, and the rotated predecessor to finish first.
fn plan_one(store: &Store, path: &Path, known: &mut Option<Vec<Checkpoint>>) -> Result<Planned> {
    let name = path.display().to_string();
    let file = File::open(path).with_context(|| format!("{name}: cannot open"))?;
    let cp = store.get(path)?;
    let (id, _size, start) = checkpoint::plan_file(cp.as_ref(), &file)
        .with_context(|| format!("{name}: cannot read"))?;
    let mut plan = Plan {
        id,
        from: From::Start,
        hold_back: true,
        note: None,
        decompressed_offset: false,
        after_predecessor: false,
    };
    let mut pred = None;
    match (start, cp) {
        (_, None) => {}
        (Start::Replaced { why }, Some(cp)) => {
            let shown = output::sanitize(&name).into_owned();
            match checkpoint::rotated_from(path, &cp) {
                Some(q) => {
                    // Named as the file was (relative stays relative).
                    let q = match q.file_name() {
                        Some(n) => path.with_file_name(n),
                        None => q,
                    };
                    plan.note = Some(format!(
                        "{shown}: {} since the last run: finishing {} first (its rotated predecessor), then reading {shown} from the start",
                        why.as_str(),
                        output::sanitize(&q.display().to_string())
                    ));
                    pred = Some((q, cp));
                    plan.after_predecessor = true;
                }
                None => {
                    plan.note = Some(format!(
                        "{shown}: {} since the last run (no rotated predecessor found next to it): reading it from the start",
                        why.as_str()
                    ));
                }
            }
        }
        (start, Some(cp)) => {
            if let Some(from) = From::resumed(&start, &cp) {
                plan.from = from;
            }
        }
    }
    if plan.from == From::Start && pred.is_none() {
        // Not known under this name: maybe under another one (renamed by
        // a rotation since: `app.log.2` was `app.log.1`).
        let all = match known {
            Some(all) => all,
            None => known.insert(store.list().unwrap_or_default()),
        };
        let abs = checkpoint::absolute(path);
        for cp in all
            .iter()
            .filter(|c| c.path != abs && c.id.same_inode(&plan.id))
        {
            let Ok((_, _, start)) = checkpoint::plan_file(Some(cp), &file) else {
                continue;
            };
            let Some(from) = From::resumed(&start, cp) else {
                continue;
            };
            plan.from = from;
            // Known under this name from now on (the other name's
            // checkpoint will be another file's after the next rotation).
            let mut mine = cp.clone();
            mine.path.clone_from(&abs);
            if let Err(e) = store.put(&mine) {
                output::warn(&format!("{e:#}"));
            }
            plan.note = Some(format!(
                "{}: shipped by an earlier run as {}: going on from there",
                output::sanitize(&name),
                output::sanitize(&cp.path.display().to_string())
            ));
            break;
        }
    }
    Ok((plan, pred))
}

/// The input that finishes a rotated predecessor from its successor's
/// checkpoint (checkpointed under its own name, so it is not read again),
/// or from its own checkpoint when an earlier run got further in it.
fn predecessor(store: &Store, q: &Path, cp: &Checkpoint) -> Result<Input> {
    let name = q.display().to_string();
    let file = File::open(q).with_context(|| format!("{name}: cannot open"))?;
    let gz = q.extension().is_some_and(|e| e == "gz");
    let own = store.get(q)?;
    let (id, _, start) = checkpoint::plan_file(own.as_ref(), &file)
        .with_context(|| format!("{name}: cannot read"))?;
    let from = match own.as_ref().and_then(|own| From::resumed(&start, own)) {
        Some(f @ From::UpToDate { .. }) => f,
        Some(f @ From::Bytes { offset, .. }) if !gz && offset >= cp.offset => f,
        _ => From::Bytes {
            offset: cp.offset,
            line: cp.line,
            records: cp.records,
        },
    };
    Ok(Input {
        path: q.to_path_buf(),
        plan: Some(Plan {
            id,
            from,
            // Rotated: complete, read to its end.
            hold_back: false,
            note: None,
            decompressed_offset: gz,
            after_predecessor: false,
        }),
    })
}

/// What the reading of a resumed input needs to know about its position.
pub struct Position {
    /// Line starts, for inputs checkpointed by bytes.
    pub lines: Option<Rc<RefCell<LineStarts>>>,
    /// Records of the input before the first one read (skipped ones count).
    pub index_base: u64,
    /// Skip this many records first (records checkpoints).
    pub skip: u64,
    /// Add to every line number the parser gives, after taking
    /// `header_lines` off (the csv header read again from the file's start).
    pub line_add: u64,
    pub header_lines: u64,
    /// Bytes of the file before the first one read.
    pub offset_base: u64,
    /// Checkpoint by record count (gzip, json) rather than bytes.
    pub by_records: bool,
    /// Said in the summary: `resumed at line N`.
    pub resumed: Option<String>,
}

impl Position {
    /// The line number a parser's `line` is in the file.
    pub fn line(&self, line: u64) -> u64 {
        line.saturating_sub(self.header_lines) + self.line_add
    }
}

/// The bytes a plain file holds up to the end of its last complete line,
/// from `from` on (`from` when none is complete).
pub fn complete_end(file: &File, from: u64) -> io::Result<u64> {
    let size = file.metadata()?.len();
    let mut end = size;
    let mut f = file.try_clone()?;
    let mut buf = vec![0u8; 64 << 10];
    while end > from {
        let n = (end - from).min(buf.len() as u64) as usize;
        f.seek(SeekFrom::Start(end - n as u64))?;
        f.read_exact(&mut buf[..n])?;
        if let Some(i) = memchr::memrchr(b'\n', &buf[..n]) {
            return Ok(end - n as u64 + i as u64 + 1);
        }
        end -= n as u64;
    }
    Ok(from)
}

/// The csv header row of `path` (read from its start), with its line end,
/// and the lines it takes.
pub fn csv_header(path: &Path, gz: bool) -> io::Result<Option<(Vec<u8>, u64)>> {
    let file = File::open(path)?;
    if gz {
        csv_header_of(&mut BufReader::new(flate2::read::MultiGzDecoder::new(file)))
    } else {
        csv_header_of(&mut BufReader::new(file))
    }
}

/// The csv header row `input` starts with, with its line end, and the
/// lines it takes (`--follow` reads it from an open file, which may no
/// longer be at its path).
pub fn csv_header_of(input: &mut dyn BufRead) -> io::Result<Option<(Vec<u8>, u64)>> {
    let mut header = None;
    let opts = formats::Options::default();
    formats::parse(Format::Csv, input, &opts, &mut |item: Item<'_>| {
        if let Item::Header(h) = item {
            let mut h = h.to_vec();
            h.push(b'\n');
            let lines = memchr::memchr_iter(b'\n', &h).count() as u64;
            header = Some((h, lines));
        }
        Flow::Stop
    })?;
    Ok(header)
}

/// The checkpoints of one run: per input, its store key and identity,
/// written as each input's settled prefix moves.
pub struct Checkpoints {
    store: Store,
    inputs: Vec<Option<Entry>>,
    /// A checkpoint could not be written (said once, at the first).
    failed: bool,
}

struct Entry {
    path: PathBuf,
    id: FileId,
    by_records: bool,
    /// The input whose completion this one's checkpoint waits for.
    after: Option<usize>,
    /// The mark last written and the one waiting to be.
    written: Option<(Mark, bool)>,
    written_at: Option<Instant>,
    pending: Option<(Mark, bool)>,
}

impl Checkpoints {
    pub fn new(store: Store, inputs: usize) -> Checkpoints {
        Checkpoints {
            store,
            inputs: (0..inputs).map(|_| None).collect(),
            failed: false,
        }
    }

    /// Input `i` is read from `path` (identity `id`), checkpointed by bytes
    /// or by records.
    /// `after`: wait for that input's checkpoint to be complete first.
    pub fn register(
        &mut self,
        i: usize,
        path: &Path,
        id: FileId,
        by_records: bool,
        after: Option<usize>,
    ) {
        self.inputs[i] = Some(Entry {
            path: path.to_path_buf(),
            id,
            by_records,
            after,
            written: None,
            written_at: None,
            pending: None,
        });
    }

    /// Input `i` is settled up to `mark` (`complete`: to its end).
    pub fn advance(&mut self, i: usize, mark: Mark, complete: bool) {
        let Some(e) = self.inputs.get_mut(i).and_then(Option::as_mut) else {
            return;
        };
        let last = e.pending.or(e.written);
        if last
            .is_some_and(|(m, c)| m.index > mark.index || (m.index == mark.index && c >= complete))
        {
            return;
        }
        e.pending = Some((mark, complete));
        let due = complete
            || e.written_at.is_none_or(|t| t.elapsed() >= EVERY)
            || e.written
                .is_none_or(|(m, _)| mark.offset.saturating_sub(m.offset) >= EVERY_BYTES);
        if due {
            self.write(i);
        }
    }

    /// Write what waits.
    pub fn flush(&mut self) {
        for i in 0..self.inputs.len() {
            self.write(i);
        }
    }

    fn write(&mut self, i: usize) {
        let waits = self
            .inputs
            .get(i)
            .and_then(Option::as_ref)
            .and_then(|e| e.after)
            .is_some_and(|a| !self.complete(a));
        if waits {
            return;
        }
        let Some(e) = self.inputs.get_mut(i).and_then(Option::as_mut) else {
            return;
        };
        let Some((mark, complete)) = e.pending.take() else {
            return;
        };
        let line = mark.line.saturating_sub(1);
        let cp = if e.by_records && !complete {
            Checkpoint::at(&e.path, e.id, Unit::Records, mark.index, line, mark.index)
        } else {
            // Complete gzip or json input: its size, so the next run sees
            // it is up to date without reading it.
            Checkpoint::at(&e.path, e.id, Unit::Bytes, mark.offset, line, mark.index)
        };
        match self.store.put(&cp) {
            Ok(()) => {
                e.written = Some((mark, complete));
                e.written_at = Some(Instant::now());
            }
            Err(err) => {
                if !self.failed {
                    output::error(&format!(
                        "cannot write the checkpoint of {}: {err:#}; the next --resume ships again what this run shipped of it",
                        output::sanitize(&e.path.display().to_string())
                    ));
                }
                self.failed = true;
            }
        }
    }

    /// Input `i`'s checkpoint is written at its end.
    fn complete(&self, i: usize) -> bool {
        // Not registered: up to date, or not read (its error was said).
        self.inputs
            .get(i)
            .and_then(Option::as_ref)
            .is_none_or(|e| e.written.is_some_and(|(_, c)| c))
    }

    /// A checkpoint could not be written.
    pub fn failed(&self) -> bool {
        self.failed
    }
}

/// Turn an input opened from its start ([`super::open`]: format detected,
/// gzip undone) into one positioned where `plan` says, with what its
/// marks need. `count` counts the file's bytes read from there.
pub(super) fn position(
    path: &Path,
    name: &str,
    plan: &Plan,
    mut opened: super::Opened,
    count: &Rc<std::cell::Cell<u64>>,
) -> Result<(super::Opened, Position)> {
    let gz = opened.data.decompressed.is_some();
    let by_records = gz || opened.format == Format::Json;
    let mut pos = Position {
        lines: None,
        index_base: 0,
        skip: 0,
        line_add: 0,
        header_lines: 0,
        offset_base: 0,
        by_records,
        resumed: None,
    };
    let reopen =
        || -> Result<File> { File::open(path).with_context(|| format!("{name}: cannot open")) };
    if by_records {
        match plan.from {
            From::Start | From::UpToDate { .. } => {}
            From::Records { records } => {
                pos.skip = records;
                pos.resumed = Some(format!("resumed after record {records}"));
            }
            From::Bytes {
                offset,
                line,
                records,
            } => {
                pos.index_base = records;
                pos.line_add = line;
                pos.resumed = Some(format!("resumed at line {}", line + 1));
                if gz && plan.decompressed_offset {
                    // A `.gz` predecessor: the offset is in its data.
                    io::copy(&mut (&mut opened.reader).take(offset), &mut io::sink())
                        .with_context(|| format!("{name}: read error"))?;
                } else {
                    // Where the last run ended (a gzip member boundary, the
                    // end of a json document): what was appended since.
                    let mut file = reopen()?;
                    file.seek(SeekFrom::Start(offset))
                        .with_context(|| format!("{name}: cannot seek"))?;
                    count.set(0);
                    let raw = BufReader::with_capacity(
                        super::READ_BUF,
                        super::Counting {
                            inner: Box::new(file) as Box<dyn Read>,
                            n: count.clone(),
                        },
                    );
                    opened.reader = if gz {
                        let out = Rc::new(std::cell::Cell::new(0u64));
                        opened.data.decompressed = Some(out.clone());
                        Box::new(BufReader::with_capacity(
                            super::READ_BUF,
                            super::Counting {
                                inner: flate2::read::MultiGzDecoder::new(raw),
                                n: out,
                            },
                        ))
                    } else {
                        Box::new(raw)
                    };
                    pos.offset_base = offset;
                    opened.size = opened.size.map(|s| s.saturating_sub(offset));
                }
            }
        }
        return Ok((opened, pos));
    }
    let (offset, line, records) = match plan.from {
        From::Bytes {
            offset,
            line,
            records,
        } => (offset, line, records),
        From::Records { records } => {
            pos.skip = records;
            (0, 0, 0)
        }
        From::Start | From::UpToDate { .. } => (0, 0, 0),
    };
    let mut file = reopen()?;
    let size = file
        .metadata()
        .with_context(|| format!("{name}: cannot read"))?
        .len();
    let limit = if plan.hold_back {
        complete_end(&file, offset).with_context(|| format!("{name}: cannot read"))?
    } else {
        size
    };
    if limit < size {
        output::verbose(&format!(
            "{}: its last line has no line end yet: left for the next run",
            output::sanitize(name)
        ));
    }
    file.seek(SeekFrom::Start(offset))
        .with_context(|| format!("{name}: cannot seek"))?;
    count.set(0);
    let reader = BufReader::with_capacity(
        super::READ_BUF,
        super::Counting {
            inner: Box::new(file.take(limit.saturating_sub(offset))) as Box<dyn Read>,
            n: count.clone(),
        },
    );
    let lines = LineStarts::new(line + 1, offset);
    let tracked = Tracked::new(reader, lines.clone());
    opened.reader = match (opened.format == Format::Csv && offset > 0, offset > 0) {
        (true, _) => {
            let (header, header_lines) = csv_header(path, false)
                .with_context(|| format!("{name}: cannot read its header row"))?
                .unwrap_or_default();
            pos.header_lines = header_lines;
            Box::new(io::Cursor::new(header).chain(tracked))
        }
        _ => Box::new(tracked),
    };
    pos.lines = Some(lines);
    pos.index_base = records;
    pos.line_add = line;
    pos.offset_base = offset;
    if offset > 0 {
        pos.resumed = Some(format!("resumed at line {}", line + 1));
    }
    opened.size = Some(limit.saturating_sub(offset));
    Ok((opened, pos))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(ino: u64) -> FileId {
        FileId {
            dev: 1,
            ino,
            head_len: 0,
            head_hash: 0,
        }
    }

    fn mark(offset: u64, line: u64, index: u64) -> Mark {
        Mark {
            offset,
            line,
            index,
        }
    }

    #[test]
    fn checkpoints_only_move_forward_and_a_successor_waits_for_its_predecessor() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("cp"));
        let (old, new) = (dir.path().join("app.log.1"), dir.path().join("app.log"));
        let mut cps = Checkpoints::new(Store::at(dir.path().join("cp")), 2);
        cps.register(0, &old, id(1), false, None);
        cps.register(1, &new, id(2), false, Some(0));
        cps.advance(0, mark(100, 11, 10), false);
        let got = store.get(&old).unwrap().unwrap();
        assert_eq!((got.offset, got.line, got.records), (100, 10, 10));
        // Backwards (a batch that settles late, seen after a later one): ignored.
        cps.advance(0, mark(50, 6, 5), false);
        cps.flush();
        assert_eq!(store.get(&old).unwrap().unwrap().offset, 100);
        // The new file's checkpoint waits until its predecessor is finished:
        // a crash before would make the next run forget the rest of it.
        cps.advance(1, mark(30, 4, 3), true);
        cps.flush();
        assert!(store.get(&new).unwrap().is_none());
        cps.advance(0, mark(200, 21, 20), true);
        cps.flush();
        assert_eq!(store.get(&old).unwrap().unwrap().offset, 200);
        assert_eq!(store.get(&new).unwrap().unwrap().offset, 30);
        assert!(!cps.failed());
    }

    #[test]
    fn gzip_and_json_are_checkpointed_by_records_until_their_end() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("cp"));
        let p = dir.path().join("a.json.gz");
        let mut cps = Checkpoints::new(Store::at(dir.path().join("cp")), 1);
        cps.register(0, &p, id(1), true, None);
        cps.advance(0, mark(0, 7, 40), false);
        let got = store.get(&p).unwrap().unwrap();
        assert_eq!((got.unit, got.offset, got.records), (Unit::Records, 40, 40));
        // At its end: its size, so an unchanged file is up to date unread.
        cps.advance(0, mark(4096, 90, 80), true);
        let got = store.get(&p).unwrap().unwrap();
        assert_eq!((got.unit, got.offset, got.records), (Unit::Bytes, 4096, 80));
    }

    #[test]
    fn the_end_of_the_last_complete_line_is_found_backwards() {
        use std::io::Write as _;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        let mut f = File::create(&p).unwrap();
        f.write_all(b"one\ntwo\nthr").unwrap();
        let f = File::open(&p).unwrap();
        assert_eq!(complete_end(&f, 0).unwrap(), 8);
        assert_eq!(complete_end(&f, 8).unwrap(), 8, "nothing complete after 8");
        std::fs::write(&p, b"one\n").unwrap();
        let f = File::open(&p).unwrap();
        assert_eq!(complete_end(&f, 0).unwrap(), 4);
    }
}
