//! A growing file read like `tail -F`, as one endless [`Read`] stream, for
//! `ingest --follow` (issue 16).
//!
//! [`Follower::open`] takes the path, the byte offset to start at (from a
//! checkpoint), the command's [`Stop`] and an `idle` callback. Reads return
//! what the file holds; at its end the follower waits for more:
//!
//! - **Waiting** is inotify on the file's directory on Linux (any event on a
//!   name starting with the file's name wakes it), with a [`TICK`] timeout,
//!   so the CPU stays near zero while idle; elsewhere, or when the watch
//!   cannot be set, a `stat` every [`TICK`]. The tick also catches what
//!   inotify misses (network file systems).
//! - **idle** runs while waiting, at most every [`TICK`]: the caller flushes
//!   a due batch and writes its checkpoint there.
//! - **Whole lines only**: a read ends at the last newline it got; a line
//!   still being written stays in the file until its newline comes. So a
//!   stop or a checkpoint always falls on a line boundary, and the partial
//!   line is read, complete, by the next run. The size at which only a
//!   partial line was there is kept: nothing is read again until the file
//!   grows past it. A line longer than the caller's buffer goes out in
//!   pieces once its end is in the file (looked for with positioned reads),
//!   and a stop asked between its pieces waits for its end. Only a line
//!   longer than the reader keeps ([`LONG_LINE`], cut there anyway) goes
//!   out before its end comes.
//! - **csv** ([`Follower::csv`]): a read ends at the end of the last whole
//!   record instead (found by `csv-core`, the parser's own state machine: a
//!   quoted field may hold newlines), and the stream pauses at every switch,
//!   so the caller parses each file with its own header row. A record
//!   longer than the buffer waits for its end like a long line.
//! - **Rotation**: when the path names another file (renamed away, deleted
//!   and created again), the old file is read to its end first and kept
//!   until it has been quiet for [`ROTATE_GRACE`] (a writer that reopens
//!   on SIGHUP writes a little more to the old file after the new one
//!   exists); then the new file is read from 0. The old file is still
//!   looked at after that, on every wake-up, until it has been quiet for
//!   [`LATE_QUIET`] (5 s) since its last bytes: lines written to it late
//!   come into the stream between two of the new file's lines (a
//!   [`Reason::Late`] switch, then [`Reason::Back`]). One `fstat` per
//!   wake-up per such file, [`LATE_MAX`] of them at most.
//! - **Truncation**: a file shorter than the position, or whose first bytes
//!   are no longer those it had (truncated, then written past the position
//!   before we looked: checked before every read, a pread of at most 1 KiB),
//!   is read again from 0. Before that, its `copytruncate` copy is looked
//!   for among the rotation names ([`checkpoint::copied_from`]: the same
//!   head, at least the position's bytes): when found, the copy is read
//!   from the position to its end first ([`Reason::Copied`]), so the lines
//!   written between our last read and the copy are not lost. Without a
//!   copy (or a compressed one only) they are gone, as with `tail -F`.
//! - **Rotations in a row**: each file the path names is opened as soon as
//!   the follower sees it there (at the end of what it has read) and held
//!   open in order, so a second rotation within the grace does not take
//!   the middle file away: every file seen is read to its end, in turn.
//!   A file that was at the path only while the follower was still reading
//!   an older one's backlog is never seen (then `--resume`'s rotation
//!   lookup, not the follower, finds it on the next start).
//! - **Late files**: a path with no file waits for one (from 0).
//! - **Stop**: once [`Stop::requested`], the next read returns `Ok(0)`
//!   (after the rest of a long line being handed out): the stream has no
//!   other end (but a pause, [`Follower::pause_on`], which the caller asks
//!   for). What was returned before ends with a whole line.
//!
//! Each change of file is a [`Switch`] ([`Follower::take_switch`]): the
//! stream position where the file's bytes start, its identity and offset,
//! and why, so the caller maps a record's stream position to a file
//! offset and checkpoints per file identity; [`Positions`] is the same as a
//! thread-safe map (stream position or line -> file, offset, line), which
//! the `idle` callback and another thread can hold. When a file's last bytes had
//! no newline (a writer that died mid-line), a `\n` is added to the stream
//! before the switch so no record spans two files; it is counted in the
//! stream position, not in any file's offset.

use std::collections::VecDeque;
use std::fs::{self, File};
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::checkpoint::{self, FileId};
use crate::formats;
use crate::sys::signals::Stop;

/// The longest wait without a look at the file, the stop flag and `idle`.
pub const TICK: Duration = Duration::from_millis(200);
/// How long a rotated file must stay quiet before the new one is read.
pub const ROTATE_GRACE: Duration = Duration::from_secs(1);
/// How long a rotated file is still read after the switch to the new one,
/// counted from its last bytes (a writer that reopens its log late).
pub const LATE_QUIET: Duration = Duration::from_secs(5);
/// Rotated files still read after their switch, at most (the oldest goes).
const LATE_MAX: usize = 4;

/// The longest line the caller's line reader keeps whole, line end
/// included ([`formats::MAX_RECORD`]): a longer one is cut there anyway,
/// so its pieces go out without waiting for its end.
const LONG_LINE: u64 = formats::MAX_RECORD as u64 + 2;

/// Why the stream moved to another file (or the same one from 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The file there at [`Follower::open`], from the start offset.
    Opened,
    /// The path had no file, now it has.
    Appeared,
    /// The path names another file now; the old one was read to its end.
    Rotated,
    /// The file became shorter than the position: read again from 0.
    Truncated,
    /// The file was truncated and its copy (`copytruncate`) is read from
    /// the position first.
    Copied,
    /// A rotated file got more lines after the switch (read from where it
    /// was left).
    Late,
    /// Back to the current file after a [`Reason::Late`] read.
    Back,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Opened => "opened",
            Reason::Appeared => "appeared",
            Reason::Rotated => "rotated",
            Reason::Truncated => "truncated",
            Reason::Copied => "copied",
            Reason::Late => "late",
            Reason::Back => "back",
        }
    }
}

/// The stream's bytes from `at` on come from the file `id`, starting at
/// its byte `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Switch {
    /// Stream bytes before this file's first byte.
    pub at: u64,
    pub id: FileId,
    /// Newlines in the stream before `at` (so stream line `at_line + 1` is
    /// the file's line `line + 1`).
    pub at_line: u64,
    /// The file offset of the byte at stream position `at`.
    pub offset: u64,
    /// Lines of the file before `offset`.
    pub line: u64,
    pub reason: Reason,
}

impl Switch {
    /// The file offset of stream position `pos` (at or after `at`).
    pub fn offset_of(&self, pos: u64) -> u64 {
        self.offset + pos.saturating_sub(self.at)
    }

    /// Lines of the file before stream line `line` + 1.
    pub fn line_of(&self, line: u64) -> u64 {
        self.line + line.saturating_sub(self.at_line)
    }
}

/// Where the stream's bytes came from: a cloneable, thread-safe view of a
/// follower's switches, for the code that writes checkpoints (its `idle`
/// callback runs inside [`Follower::read`], so it cannot borrow the
/// follower). The last [`Positions::KEEP`] switches are kept.
#[derive(Debug, Clone, Default)]
pub struct Positions {
    inner: Arc<Mutex<VecDeque<Switch>>>,
    /// Bumped by every change of the switches ([`LineMap`] caches on it).
    changes: Arc<AtomicU64>,
}

/// A stream position located in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    pub id: FileId,
    /// The byte offset in that file.
    pub offset: u64,
    /// Lines of that file before `offset`.
    pub line: u64,
}

impl Positions {
    pub const KEEP: usize = 256;

    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<Switch>> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn push(&self, s: Switch) {
        let mut t = self.lock();
        if t.len() == Positions::KEEP {
            t.pop_front();
        }
        t.push_back(s);
        self.changes.fetch_add(1, Ordering::Release);
    }

    /// A file's identity `old` grew its head to `new` (the switches into
    /// it since it was opened or truncated, not an earlier content's).
    fn refresh(&self, old: FileId, new: FileId) {
        for s in self.lock().iter_mut() {
            if s.id == old {
                s.id = new;
            }
        }
        self.changes.fetch_add(1, Ordering::Release);
    }

    /// The first switch's file had `line` lines before its offset.
    fn set_first_line(&self, line: u64) {
        if let Some(s) = self.lock().front_mut() {
            s.line = line;
        }
        self.changes.fetch_add(1, Ordering::Release);
    }

    /// The file line number of stream line `line` (1-based; synthetic
    /// newlines count as lines of the stream), and its file.
    pub fn file_line(&self, line: u64) -> Option<(FileId, u64)> {
        let t = self.lock();
        let s = t.iter().rev().find(|s| s.at_line < line)?;
        Some((s.id, s.line + line - s.at_line))
    }

    /// Stream position `pos`, at the start of stream line `line + 1` (so
    /// `line` newlines came before it), in its file: `None` before the
    /// first file or past what is kept. A position exactly at a switch
    /// belongs to the file after it.
    pub fn locate(&self, pos: u64, line: u64) -> Option<Located> {
        let t = self.lock();
        let s = t.iter().rev().find(|s| s.at <= pos)?;
        Some(Located {
            id: s.id,
            offset: s.offset_of(pos),
            line: s.line_of(line),
        })
    }

    /// A [`LineMap`] over these positions.
    pub fn line_map(&self) -> LineMap {
        LineMap {
            positions: self.clone(),
            cached: None,
        }
    }
}

/// [`Positions::file_line`] for a parser's records, which come in stream
/// order: the switch found last is kept, and the lock is taken again only
/// when a line lies past it or the switches changed (an atomic load per
/// record otherwise).
#[derive(Debug)]
pub struct LineMap {
    positions: Positions,
    /// The changes count, the switch, and the next switch's `at_line`
    /// when there was one.
    cached: Option<(u64, Switch, Option<u64>)>,
}

impl LineMap {
    /// See [`Positions::file_line`].
    pub fn file_line(&mut self, line: u64) -> Option<(FileId, u64)> {
        let changes = self.positions.changes.load(Ordering::Acquire);
        if let Some((c, s, next)) = &self.cached {
            let fits = s.at_line < line && next.map_or(*c == changes, |n| line <= n);
            if fits {
                return Some((s.id, s.line + line - s.at_line));
            }
        }
        let t = self.positions.lock();
        let i = t.iter().rposition(|s| s.at_line < line)?;
        let s = t[i];
        let next = t.get(i + 1).map(|n| n.at_line);
        drop(t);
        self.cached = Some((changes, s, next));
        Some((s.id, s.line + line - s.at_line))
    }
}

/// A file being read.
struct Current {
    file: File,
    id: FileId,
    /// The file offset of the next byte to read.
    pos: u64,
    /// Lines of the file before `pos`.
    lines: u64,
    /// The file's size when a read found only part of a line (or csv
    /// record) after `pos`: nothing to read until it grows past this.
    partial_end: u64,
    /// When it last gave bytes.
    last_data: Instant,
    /// It will not grow (a `copytruncate` copy, a rotated file past its
    /// grace): a last line without a line end is taken as it is.
    complete: bool,
    /// csv: a record longer than the buffer is being handed out in pieces;
    /// the scratch reader is where the last piece ended.
    csv_mid: bool,
    /// A line (csv record) longer than the buffer is being handed out in
    /// pieces, and ends at this offset, found on disk before the first
    /// piece went; [`u64::MAX`]: its end is not known (longer than the
    /// reader keeps of a line, or the file will not grow).
    long_end: Option<u64>,
}

impl Current {
    fn new(file: File, id: FileId, pos: u64, lines: u64) -> Current {
        Current {
            file,
            id,
            pos,
            lines,
            partial_end: 0,
            last_data: Instant::now(),
            complete: false,
            csv_mid: false,
            long_end: None,
        }
    }

    /// The file's size now, and whether bytes past `pos` may be read now
    /// (more than a partial line already seen).
    fn grown(&self) -> io::Result<(u64, bool)> {
        let size = self.file.metadata()?.len();
        Ok((size, size > self.pos.max(self.partial_end)))
    }
}

/// Scratch space for finding csv record ends.
struct CsvScratch {
    rdr: csv_core::Reader,
    out: Vec<u8>,
    ends: Vec<usize>,
}

/// See the module docs.
pub struct Follower {
    path: PathBuf,
    cur: Option<Current>,
    stop: Stop,
    idle: Box<dyn FnMut() + Send>,
    last_idle: Instant,
    /// Bytes returned so far, synthetic newlines included.
    stream: u64,
    /// Newlines among them.
    lines: u64,
    /// The last byte returned, to know whether a switch needs a newline.
    last_byte: Option<u8>,
    /// A newline to return before anything else.
    pending_newline: bool,
    switches: VecDeque<Switch>,
    positions: Positions,
    /// Set: the next read returns `Ok(0)` once (a pause).
    pause: Option<Arc<AtomicBool>>,
    /// The path names another file since then; the current one is drained.
    rotated: bool,
    /// The files the path named after the current one, opened when seen
    /// and held (oldest first) until their turn.
    next: VecDeque<(File, FileId)>,
    /// Rotated files still read after the switch (oldest first), until
    /// quiet for [`LATE_QUIET`].
    late: VecDeque<Current>,
    /// The stream is in a late file (its inode), not the current one.
    in_late: Option<FileId>,
    /// The truncated file, read from 0 once its copy (current) is read.
    after_copy: Option<File>,
    /// csv: reads end at record ends (not line ends), and the stream
    /// pauses at every switch (each file has its own header row).
    csv: Option<CsvScratch>,
    /// A pause at a switch is due.
    switch_pause: bool,
    watch: Option<Watch>,
}

impl Follower {
    /// Follow `path` from byte `start` (a line boundary, from a
    /// checkpoint; a file shorter than that is read from 0, as truncated).
    /// A missing file is waited for; another error opening it is returned.
    pub fn open(
        path: &Path,
        start: u64,
        stop: Stop,
        idle: Box<dyn FnMut() + Send>,
    ) -> io::Result<Follower> {
        let path = checkpoint::absolute(path);
        let watch = Watch::new(&path);
        let mut f = Follower {
            path,
            cur: None,
            stop,
            idle,
            last_idle: Instant::now(),
            stream: 0,
            lines: 0,
            last_byte: None,
            pending_newline: false,
            switches: VecDeque::new(),
            positions: Positions::default(),
            pause: None,
            rotated: false,
            next: VecDeque::new(),
            late: VecDeque::new(),
            in_late: None,
            after_copy: None,
            csv: None,
            switch_pause: false,
            watch,
        };
        match File::open(&f.path) {
            Ok(file) => {
                let (id, size) = checkpoint::identify(&file)?;
                let (pos, reason) = if start <= size {
                    (start, Reason::Opened)
                } else {
                    (0, Reason::Truncated)
                };
                f.switch_to(Current::new(file, id, pos, 0), reason)?;
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        Ok(f)
    }

    /// The file opened first had `line` lines before the start offset (the
    /// checkpoint's `line`): [`Positions::locate`] counts from there.
    pub fn start_line(mut self, line: u64) -> Follower {
        let opened = self
            .switches
            .front()
            .is_some_and(|s| s.reason == Reason::Opened);
        if opened {
            if let Some(s) = self.switches.front_mut() {
                s.line = line;
            }
            self.positions.set_first_line(line);
            if let Some(c) = self.cur.as_mut() {
                c.lines = line;
            }
        }
        self
    }

    /// Read csv: a read ends at the end of a whole record (a quoted field
    /// may hold newlines) rather than of a line, and the stream pauses
    /// (returns `Ok(0)` once) at every switch to another file or to the
    /// same one from 0, so the caller starts a parser that reads the new
    /// file's header row.
    pub fn csv(mut self) -> Follower {
        self.csv = Some(CsvScratch {
            rdr: csv_core::Reader::new(),
            out: vec![0; 64 << 10],
            ends: vec![0; 1024],
        });
        self
    }

    /// Once `flag` is set (by `idle`, or by the code reading), the next read
    /// returns `Ok(0)` and clears it: a pause, for a caller whose parser
    /// must come to an end before it can flush or checkpoint. Reading again
    /// goes on where the pause was (at a line boundary). Tell a pause from
    /// the stop by [`Stop::requested`].
    pub fn pause_on(mut self, flag: Arc<AtomicBool>) -> Follower {
        self.pause = Some(flag);
        self
    }

    /// A handle that maps stream positions to files, for another thread or
    /// the `idle` callback.
    pub fn positions(&self) -> Positions {
        self.positions.clone()
    }

    /// The next file change not yet taken, oldest first.
    pub fn take_switch(&mut self) -> Option<Switch> {
        self.switches.pop_front()
    }

    /// The current file's identity and the offset of the next byte to read
    /// from it; `None` while the path has no file yet. The identity's head
    /// grows with a file shorter than [`checkpoint::HEAD`] when opened (the
    /// switch has the short one): checkpoint with this one.
    pub fn current(&self) -> Option<(FileId, u64)> {
        self.cur.as_ref().map(|c| (c.id, c.pos))
    }

    /// The open file whose identity is `id` (same inode): the current one,
    /// a late one, or one waiting its turn; for reading its first bytes
    /// (csv: its header row) with positioned reads.
    pub fn file_of(&self, id: &FileId) -> Option<&File> {
        self.cur
            .iter()
            .chain(self.late.iter())
            .find(|c| c.id.same_inode(id))
            .map(|c| &c.file)
            .or_else(|| {
                self.next
                    .iter()
                    .find(|(_, i)| i.same_inode(id))
                    .map(|(f, _)| f)
            })
    }

    /// Bytes returned so far (synthetic newlines included).
    pub fn stream_pos(&self) -> u64 {
        self.stream
    }

    /// Newlines returned so far (synthetic ones included).
    pub fn stream_lines(&self) -> u64 {
        self.lines
    }

    /// The absolute path followed.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Wait by polling (a `stat` every [`TICK`]) even where inotify works:
    /// for file systems whose changes inotify does not see, and tests.
    pub fn polling(mut self) -> Follower {
        self.watch = None;
        self
    }

    /// Waiting by inotify (else by polling).
    pub fn watching(&self) -> bool {
        self.watch.is_some()
    }

    /// The stream goes on in `id` at its byte `offset` (`line` lines before
    /// it): a switch, after a newline when the last byte returned was not
    /// one (no record spans two files).
    fn mark(&mut self, id: FileId, offset: u64, line: u64, reason: Reason) {
        if self.last_byte.is_some_and(|b| b != b'\n') {
            self.pending_newline = true;
            self.last_byte = Some(b'\n');
        }
        let switch = Switch {
            at: self.stream + u64::from(self.pending_newline),
            at_line: self.lines + u64::from(self.pending_newline),
            id,
            offset,
            line,
            reason,
        };
        if self.csv.is_some() {
            // (The file opened first is before `csv()`: no pause for it.)
            self.switch_pause = true;
        }
        self.switches.push_back(switch);
        self.positions.push(switch);
    }

    /// Make `cur` the current file, read from its `pos`.
    fn switch_to(&mut self, mut cur: Current, reason: Reason) -> io::Result<()> {
        cur.file.seek(SeekFrom::Start(cur.pos))?;
        self.mark(cur.id, cur.pos, cur.lines, reason);
        cur.last_data = Instant::now();
        self.cur = Some(cur);
        self.in_late = None;
        self.rotated = false;
        Ok(())
    }

    /// Read whole lines (csv: records) of `cur` into `buf`; 0 at its end
    /// (or when only part of one is there). `take_partial`: the file will
    /// not grow, a last line without a line end is taken as it is.
    fn read_whole(
        cur: &mut Current,
        csv: Option<&mut CsvScratch>,
        buf: &mut [u8],
        take_partial: bool,
    ) -> io::Result<usize> {
        let n = loop {
            match cur.file.read(buf) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                r => break r?,
            }
        };
        if n == 0 {
            // Not where its end was seen (the file shrank): a stop need not
            // wait for it.
            cur.long_end = None;
            return Ok(0);
        }
        let mut csv = csv;
        let whole = match csv.as_mut() {
            Some(scratch) => {
                if !cur.csv_mid {
                    scratch.rdr.reset();
                }
                csv_end(
                    &mut scratch.rdr,
                    &buf[..n],
                    &mut scratch.out,
                    &mut scratch.ends,
                )
            }
            None => memchr::memrchr(b'\n', &buf[..n]).map(|i| i + 1),
        };
        // The size of the file where only part of a line was found.
        let mut partial_to = cur.pos + n as u64;
        let keep = match whole {
            Some(k) => {
                cur.long_end = None;
                k
            }
            // A line (csv record) longer than the buffer goes out in pieces
            // once its end is in the file (so a stop or a pause still falls
            // on a boundary); one longer than the reader keeps goes out at
            // once.
            None if n == buf.len() && cur.long_end.is_none() => {
                let limit = cur.pos + LONG_LINE;
                let end = match csv.as_mut() {
                    // From the record's start, by a reader of its own: a
                    // clone of the scratch one would not do (csv-core 0.1's
                    // `Dfa::clone` copies only its transition table).
                    Some(scratch) => {
                        let mut rdr = csv_core::Reader::new();
                        end_in_file(&cur.file, cur.pos, limit, |b| {
                            csv_end(&mut rdr, b, &mut scratch.out, &mut scratch.ends)
                        })?
                    }
                    None => end_in_file(&cur.file, cur.pos + n as u64, limit, |b| {
                        memchr::memchr(b'\n', b).map(|i| i + 1)
                    })?,
                };
                match end {
                    LineEnd::At(e) => {
                        cur.long_end = Some(e);
                        n
                    }
                    LineEnd::Past => {
                        cur.long_end = Some(u64::MAX);
                        n
                    }
                    LineEnd::NotYet(_) if take_partial => {
                        cur.long_end = Some(u64::MAX);
                        n
                    }
                    LineEnd::NotYet(size) => {
                        partial_to = size;
                        0
                    }
                }
            }
            // The next piece of one whose end was found.
            None if n == buf.len() => n,
            None if take_partial => n,
            None => 0,
        };
        // csv: the reader goes on from where a piece ends, else from the
        // record boundary where the next read starts.
        cur.csv_mid = whole.is_none() && keep == n && n == buf.len();
        if keep < n {
            cur.file.seek(SeekFrom::Current(-((n - keep) as i64)))?;
            if keep == 0 {
                cur.partial_end = partial_to;
            }
        }
        if keep > 0 {
            cur.pos += keep as u64;
            cur.lines += memchr::memchr_iter(b'\n', &buf[..keep]).count() as u64;
            cur.partial_end = 0;
            cur.last_data = Instant::now();
        }
        Ok(keep)
    }

    /// Account for `n` bytes of `buf` returned.
    fn returned(&mut self, buf: &[u8], n: usize) {
        self.stream += n as u64;
        self.lines += memchr::memchr_iter(b'\n', &buf[..n]).count() as u64;
        self.last_byte = Some(buf[n - 1]);
    }

    /// The bytes returned last end inside a line or csv record (one longer
    /// than the buffer, handed out in pieces).
    fn mid_record(&self) -> bool {
        self.last_byte.is_some_and(|b| b != b'\n') || self.cur.as_ref().is_some_and(|c| c.csv_mid)
    }

    /// A long line whose end is in the file is being handed out: a stop
    /// waits for its end (a few MiB to read at most), so the stream still
    /// ends with a whole line rather than a cut one.
    fn finishing_line(&self) -> bool {
        let from = match self.in_late {
            Some(id) => self.late.iter().find(|c| c.id.same_inode(&id)),
            None => self.cur.as_ref(),
        };
        let mid = |c: &Current| self.last_byte.is_some_and(|b| b != b'\n') || c.csv_mid;
        from.is_some_and(|c| mid(c) && c.long_end.is_some_and(|e| e != u64::MAX))
    }

    /// Read from the current file.
    fn read_current(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let draining = self.rotated;
        let Some(cur) = self.cur.as_mut() else {
            return Ok(0);
        };
        let take_partial = cur.complete || (draining && cur.last_data.elapsed() >= ROTATE_GRACE);
        let n = Follower::read_whole(cur, self.csv.as_mut(), buf, take_partial)?;
        if n > 0 {
            self.returned(buf, n);
        }
        Ok(n)
    }

    /// The stream goes on in the current file after a late one's lines: at
    /// once, so a checkpoint taken while idle names the current file.
    fn back(&mut self) {
        self.in_late = None;
        if let Some(cur) = self.cur.as_ref() {
            let (id, pos, lines) = (cur.id, cur.pos, cur.lines);
            self.mark(id, pos, lines, Reason::Back);
        }
    }

    /// Read what the late files got since the switch; drop the ones quiet
    /// for [`LATE_QUIET`] (a last line without a line end taken as it is).
    /// `Some(0)`: the stream switched to one (a newline or a pause may come
    /// first); `None`: nothing to read in them.
    fn read_late(&mut self, buf: &mut [u8]) -> io::Result<Option<usize>> {
        // Not in the middle of a long line of another file.
        if self.late.is_empty() || self.last_byte.is_some_and(|b| b != b'\n') {
            return Ok(None);
        }
        let mut i = 0;
        while i < self.late.len() {
            let l = &mut self.late[i];
            let expired = l.last_data.elapsed() >= LATE_QUIET;
            let grown = l.grown().is_ok_and(|(_, g)| g);
            let partial = !grown && l.partial_end > l.pos;
            // Something to read: new bytes, or a last partial line to take.
            let readable = grown || (expired && partial);
            if !readable {
                if expired {
                    self.late.remove(i);
                } else {
                    i += 1;
                }
                continue;
            }
            if expired {
                // Its last line without a line end, read as it is.
                l.partial_end = 0;
            }
            if self.in_late.is_none_or(|id| !id.same_inode(&l.id)) {
                let (id, pos, lines) = (l.id, l.pos, l.lines);
                self.in_late = Some(id);
                self.mark(id, pos, lines, Reason::Late);
                return Ok(Some(0));
            }
            let n = Follower::read_whole(l, self.csv.as_mut(), buf, expired)?;
            if n > 0 {
                self.returned(buf, n);
                return Ok(Some(n));
            }
            i += 1;
        }
        Ok(None)
    }

    /// At the end of the current file (or with none): look for growth, a
    /// truncation, a rotation or a late file. True when reading may give
    /// bytes now.
    fn look(&mut self) -> io::Result<bool> {
        let Some(cur) = self.cur.as_mut() else {
            return match File::open(&self.path) {
                Ok(file) => {
                    let (id, _) = checkpoint::identify(&file)?;
                    self.switch_to(Current::new(file, id, 0, 0), Reason::Appeared)?;
                    Ok(true)
                }
                // Not there yet, or not readable yet: look again later.
                Err(_) => Ok(false),
            };
        };
        if cur.complete {
            // A copy read to its end: the truncated file from its start.
            if let Some(file) = self.after_copy.take() {
                let (id, _) = checkpoint::identify(&file)?;
                self.switch_to(Current::new(file, id, 0, 0), Reason::Truncated)?;
                return Ok(true);
            }
        }
        // The head was checked just before the read that came to the end.
        let (size, grown) = cur.grown()?;
        if size < cur.pos {
            self.truncated()?;
            return Ok(true);
        }
        if (cur.id.head_len as usize) < checkpoint::HEAD && size > u64::from(cur.id.head_len) {
            // The file grew past the head it had when opened: fingerprint
            // the longer head, for the checkpoints written from `current`.
            let old = cur.id;
            cur.id = checkpoint::identify(&cur.file)?.0;
            self.positions.refresh(old, cur.id);
        }
        if grown {
            return Ok(true);
        }
        let partial_only = size > cur.pos;
        // At the end, or only a line still being written after the position.
        // The file the path named last: the newest held, or the current one.
        let newest = self.next.back().map_or(cur.id, |(_, id)| *id);
        let moved = match fs::metadata(&self.path) {
            Ok(meta) => !same_file(&meta, &newest),
            // Renamed or deleted, nothing new yet: keep the old one.
            Err(_) => false,
        };
        if moved {
            // Held from now on: a second rotation cannot take it away.
            if let Ok(file) = File::open(&self.path) {
                let (id, _) = checkpoint::identify(&file)?;
                if !id.same_inode(&newest) {
                    self.next.push_back((file, id));
                }
            }
        }
        if self.next.is_empty() {
            return Ok(false);
        }
        let last_data = cur.last_data;
        if !self.rotated {
            // Read the old file again before switching: the writer may have
            // written between our last read and the rename.
            self.rotated = true;
            cur.last_data = Instant::now();
            return Ok(true);
        }
        if last_data.elapsed() < ROTATE_GRACE {
            return Ok(false);
        }
        if partial_only {
            // Quiet for the grace: its last line will not be finished;
            // `read_current` takes it as it is now.
            cur.partial_end = 0;
            return Ok(true);
        }
        // Fingerprinted again now: it may have been empty when it was seen.
        let (file, _) = self.next.pop_front().expect("not empty");
        let (id, _) = checkpoint::identify(&file)?;
        let mut old = self.cur.take().expect("current");
        // Still read after the switch: a writer may reopen its log late.
        old.last_data = Instant::now();
        old.csv_mid = false;
        if self.late.len() == LATE_MAX {
            self.late.pop_front();
        }
        self.late.push_back(old);
        self.switch_to(Current::new(file, id, 0, 0), Reason::Rotated)?;
        Ok(true)
    }

    /// Shorter than the position, or another start (truncated, then
    /// written past the position before we looked): read again from 0,
    /// after the rest of its `copytruncate` copy when one is next to it.
    fn truncated(&mut self) -> io::Result<()> {
        let Some(cur) = self.cur.as_ref() else {
            return Ok(());
        };
        let file = cur.file.try_clone()?;
        if cur.pos > 0 {
            if let Some((_, copy, cid)) = checkpoint::copied_from(&self.path, &cur.id, cur.pos) {
                let mut next = Current::new(copy, cid, cur.pos, cur.lines);
                next.complete = true;
                self.after_copy = Some(file);
                return self.switch_to(next, Reason::Copied);
            }
        }
        let (id, _) = checkpoint::identify(&file)?;
        self.switch_to(Current::new(file, id, 0, 0), Reason::Truncated)
    }

    /// Before each read: the file still starts as it did (a truncation
    /// followed at once by writes past the position leaves the size as it
    /// was, so the size alone cannot tell).
    fn check_head(&mut self) -> io::Result<()> {
        let rewritten = match self.cur.as_ref() {
            Some(cur) if self.in_late.is_none() => !checkpoint::head_matches(&cur.file, &cur.id)?,
            _ => false,
        };
        if rewritten {
            self.truncated()?;
        }
        Ok(())
    }

    /// Wait for a change or [`TICK`], running `idle` when due.
    fn wait(&mut self) {
        if self.last_idle.elapsed() >= TICK {
            (self.idle)();
            self.last_idle = Instant::now();
        }
        let wait = TICK
            .saturating_sub(self.last_idle.elapsed())
            .max(Duration::from_millis(10));
        match self.watch.as_mut() {
            Some(w) => w.wait(wait),
            None => std::thread::sleep(wait),
        }
    }
}

impl Read for Follower {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            if self.stop.requested() && !self.finishing_line() {
                return Ok(0);
            }
            // The newline that ends the last file's last line is its own.
            if self.pending_newline {
                self.pending_newline = false;
                buf[0] = b'\n';
                self.stream += 1;
                self.lines += 1;
                return Ok(1);
            }
            if std::mem::take(&mut self.switch_pause) {
                return Ok(0);
            }
            // A pause waits for the end of a line (record) handed out in
            // pieces: the parser must not see its end before it is whole.
            if !self.mid_record()
                && self
                    .pause
                    .as_ref()
                    .is_some_and(|p| p.swap(false, Ordering::SeqCst))
            {
                return Ok(0);
            }
            // A pread of at most 1 KiB per read: cheap next to the read.
            self.check_head()?;
            if self.pending_newline || self.switch_pause {
                // Truncated: the switch's newline or pause comes first.
                continue;
            }
            if self.in_late.is_none() {
                let n = self.read_current(buf)?;
                if n > 0 {
                    return Ok(n);
                }
            }
            match self.read_late(buf)? {
                Some(0) => continue,
                Some(n) => return Ok(n),
                None => {}
            }
            if self.in_late.is_some() {
                self.back();
                continue;
            }
            if self.look()? {
                continue;
            }
            self.wait();
        }
    }
}

/// Where a line (csv record) going on at `from` ends, looked for in the
/// file up to `limit`.
enum LineEnd {
    /// Its end (for csv, a record's end at or after it).
    At(u64),
    /// Not before `limit`.
    Past,
    /// Not in the file yet, which ends at this size.
    NotYet(u64),
}

/// [`LineEnd`] by `find`, which is given the file's bytes from `from` on, a
/// chunk at a time, and answers the end within the chunk, if any.
fn end_in_file(
    file: &File,
    from: u64,
    limit: u64,
    mut find: impl FnMut(&[u8]) -> Option<usize>,
) -> io::Result<LineEnd> {
    let mut chunk = vec![0u8; 64 << 10];
    let mut at = from;
    while at < limit {
        let want = chunk
            .len()
            .min(usize::try_from(limit - at).unwrap_or(usize::MAX));
        let got = checkpoint::read_at(file, &mut chunk[..want], at)?;
        if got == 0 {
            return Ok(LineEnd::NotYet(at));
        }
        if let Some(i) = find(&chunk[..got]) {
            return Ok(LineEnd::At(at + i as u64));
        }
        at += got as u64;
    }
    Ok(LineEnd::Past)
}

/// The end of the last whole csv record in `bytes` (after its line end),
/// read by `rdr` from where it is (a record's start, or where the last
/// piece of a long record ended). `None` when no record ends in them.
fn csv_end(
    rdr: &mut csv_core::Reader,
    bytes: &[u8],
    out: &mut [u8],
    ends: &mut [usize],
) -> Option<usize> {
    use csv_core::ReadRecordResult;
    let mut at = 0;
    let mut last = None;
    while at < bytes.len() {
        let (res, nin, _, _) = rdr.read_record(&bytes[at..], out, ends);
        at += nin;
        match res {
            ReadRecordResult::Record => {
                // Ends at its terminator: `\n`, `\r\n`, or a lone `\r`
                // (whose line end is the next byte, if it is a `\n`).
                if bytes[at - 1] == b'\n' {
                    last = Some(at);
                } else if bytes.get(at) == Some(&b'\n') {
                    last = Some(at + 1);
                }
            }
            ReadRecordResult::InputEmpty | ReadRecordResult::End => break,
            ReadRecordResult::OutputFull | ReadRecordResult::OutputEndsFull => {}
        }
    }
    last
}

#[cfg(unix)]
fn same_file(meta: &fs::Metadata, id: &FileId) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.dev() == id.dev && meta.ino() == id.ino
}

#[cfg(not(unix))]
fn same_file(_meta: &fs::Metadata, _id: &FileId) -> bool {
    true
}

/// inotify on the file's directory (Linux).
#[cfg(target_os = "linux")]
struct Watch {
    fd: std::os::fd::OwnedFd,
    /// The followed file's name: events on other names are ignored.
    name: Vec<u8>,
    buf: Vec<std::mem::MaybeUninit<u8>>,
}

#[cfg(target_os = "linux")]
impl Watch {
    fn new(path: &Path) -> Option<Watch> {
        use rustix::fs::inotify::{self, CreateFlags, WatchFlags};
        let dir = path.parent()?;
        let name = path.file_name()?.as_encoded_bytes().to_vec();
        let fd = inotify::init(CreateFlags::NONBLOCK | CreateFlags::CLOEXEC).ok()?;
        let flags = WatchFlags::MODIFY
            | WatchFlags::CREATE
            | WatchFlags::MOVED_TO
            | WatchFlags::MOVED_FROM
            | WatchFlags::DELETE
            | WatchFlags::CLOSE_WRITE
            | WatchFlags::ATTRIB;
        inotify::add_watch(&fd, dir, flags).ok()?;
        Some(Watch {
            fd,
            name,
            buf: vec![std::mem::MaybeUninit::uninit(); 8192],
        })
    }

    /// Until an event about the file (or a name starting with its name:
    /// its rotated self) or `timeout`.
    fn wait(&mut self, timeout: Duration) {
        use rustix::event::{poll, PollFd, PollFlags, Timespec};
        use rustix::fs::inotify::Reader;
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return;
            }
            let ts = Timespec {
                tv_sec: left.as_secs() as _,
                tv_nsec: left.subsec_nanos() as _,
            };
            let mut fds = [PollFd::new(&self.fd, PollFlags::IN)];
            match poll(&mut fds, Some(&ts)) {
                Ok(0) => return,
                Ok(_) => {}
                Err(rustix::io::Errno::INTR) => continue,
                Err(_) => {
                    std::thread::sleep(left);
                    return;
                }
            }
            let mut relevant = false;
            let mut reader = Reader::new(&self.fd, &mut self.buf);
            loop {
                match reader.next() {
                    Ok(ev) => {
                        relevant |= ev
                            .file_name()
                            .is_none_or(|n| n.to_bytes().starts_with(&self.name));
                    }
                    Err(rustix::io::Errno::INTR) => {}
                    // WOULDBLOCK: drained; anything else: let the tick look.
                    Err(_) => break,
                }
            }
            if relevant {
                return;
            }
        }
    }
}

#[cfg(not(target_os = "linux"))]
struct Watch;

#[cfg(not(target_os = "linux"))]
impl Watch {
    fn new(_path: &Path) -> Option<Watch> {
        None
    }

    fn wait(&mut self, timeout: Duration) {
        std::thread::sleep(timeout);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::mpsc;
    use std::sync::Arc;

    /// A temporary directory and the path `name` in it (no file yet).
    fn log(name: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(name);
        (dir, p)
    }

    /// `app.log` holding `bytes`, in a temporary directory.
    fn log_with(bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
        let (dir, p) = log("app.log");
        fs::write(&p, bytes).unwrap();
        (dir, p)
    }

    fn truncate(path: &Path) {
        fs::OpenOptions::new()
            .write(true)
            .open(path)
            .unwrap()
            .set_len(0)
            .unwrap();
    }

    /// A follower whose `idle` does nothing.
    fn quiet(path: &Path, start: u64, stop: Stop) -> Follower {
        Follower::open(path, start, stop, Box::new(|| {})).unwrap()
    }

    fn append(path: &Path, bytes: &[u8]) {
        fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .unwrap()
            .write_all(bytes)
            .unwrap();
    }

    /// A follower on its own thread, sending what it reads; stopped on drop
    /// of the returned handle's stop.
    struct Reading {
        stop: Stop,
        rx: mpsc::Receiver<Vec<u8>>,
        got: Vec<u8>,
        idles: Arc<AtomicUsize>,
        done: Option<std::thread::JoinHandle<Vec<Switch>>>,
    }

    impl Reading {
        fn start(path: &Path, offset: u64) -> Reading {
            let stop = Stop::manual();
            let idles = Arc::new(AtomicUsize::new(0));
            let counted = idles.clone();
            let f = Follower::open(
                path,
                offset,
                stop.clone(),
                Box::new(move || {
                    counted.fetch_add(1, Ordering::SeqCst);
                }),
            )
            .unwrap();
            Reading::of(f, stop, idles)
        }

        fn of(mut f: Follower, stop: Stop, idles: Arc<AtomicUsize>) -> Reading {
            let (tx, rx) = mpsc::channel();
            let done = std::thread::spawn(move || {
                let mut switches = Vec::new();
                let mut buf = vec![0u8; 4096];
                loop {
                    let n = f.read(&mut buf).unwrap();
                    while let Some(s) = f.take_switch() {
                        switches.push(s);
                    }
                    // A 0 is the stop, or a pause at a switch (csv).
                    if n == 0 && f.stop.requested() {
                        return switches;
                    }
                    tx.send(buf[..n].to_vec()).unwrap();
                }
            });
            Reading {
                stop,
                rx,
                got: Vec::new(),
                idles,
                done: Some(done),
            }
        }

        /// What was read, 300 ms on (what is held back stays so).
        fn after_a_while(&mut self) -> &[u8] {
            std::thread::sleep(Duration::from_millis(300));
            while let Ok(b) = self.rx.try_recv() {
                self.got.extend_from_slice(&b);
            }
            &self.got
        }

        /// Wait until what was read ends with `want` (5 s at most).
        fn until(&mut self, want: &[u8]) -> &[u8] {
            let deadline = Instant::now() + Duration::from_secs(5);
            while !self.got.ends_with(want) {
                let left = deadline.saturating_duration_since(Instant::now());
                let b = self.rx.recv_timeout(left).unwrap_or_else(|e| {
                    panic!(
                        "waited for {:?} ({e}), got {:?}",
                        String::from_utf8_lossy(want),
                        String::from_utf8_lossy(&self.got)
                    )
                });
                self.got.extend_from_slice(&b);
            }
            &self.got
        }

        fn finish(mut self) -> (Vec<u8>, Vec<Switch>) {
            self.stop.request();
            let switches = self.done.take().unwrap().join().unwrap();
            while let Ok(b) = self.rx.try_recv() {
                self.got.extend_from_slice(&b);
            }
            (self.got, switches)
        }
    }

    fn reasons(switches: &[Switch]) -> Vec<Reason> {
        switches.iter().map(|s| s.reason).collect()
    }

    /// 4 KiB reads from `f`: a 2-byte line, then the first piece of a long
    /// one (or csv record); then `stop` asked, and reads to the stream's
    /// end. All that was read.
    fn stopped_in_the_second_read(mut f: Follower, stop: &Stop) -> Vec<u8> {
        let mut buf = vec![0u8; 4096];
        let mut got = Vec::new();
        for _ in 0..2 {
            let n = f.read(&mut buf).unwrap();
            got.extend_from_slice(&buf[..n]);
        }
        assert_eq!(got.len(), 2 + 4096, "the long one's first piece");
        stop.request();
        loop {
            let n = f.read(&mut buf).unwrap();
            if n == 0 {
                return got;
            }
            got.extend_from_slice(&buf[..n]);
        }
    }

    /// A line longer than the buffer: its pieces go out once its end is in
    /// the file, and a stop asked between two pieces waits for its end.
    #[test]
    fn a_long_line_goes_out_once_whole_on_disk_and_a_stop_waits_for_its_end() {
        let long = vec![b'x'; 10_000];
        let whole = [b"a\n".as_slice(), &long, b"\nb\n"].concat();
        let (_dir, p) = log_with(&whole);
        let stop = Stop::manual();
        let got = stopped_in_the_second_read(quiet(&p, 0, stop.clone()), &stop);
        assert_eq!(got, whole);

        // Half written: nothing of it goes out until its end comes.
        let (_dir, p) = log_with(&[b"a\n".as_slice(), &long].concat());
        let mut r = Reading::start(&p, 0);
        r.until(b"a\n");
        assert_eq!(r.after_a_while(), b"a\n");
        append(&p, b"y\n");
        r.until(b"y\n");
        let (got, _) = r.finish();
        assert_eq!(got, [b"a\n".as_slice(), &long, b"y\n"].concat());
    }

    /// Lines (long ones among them, longer than the 4 KiB reads) written in
    /// pieces while a follower reads, stopped at some moment, then read on
    /// by a second follower from where the first got to: together they
    /// read the file exactly, and the first stopped on a line boundary.
    #[test]
    fn a_stop_at_any_moment_falls_between_lines_and_a_restart_reads_the_rest() {
        use proptest::prelude::*;
        use proptest::test_runner::{Config, RngSeed, TestRunner};
        // The same 24 cases every run unless PROPTEST_CASES and
        // PROPTEST_RNG_SEED (read by Config::default()) ask for others, as
        // in tests/loss.rs.
        let mut config = Config {
            failure_persistence: None,
            ..Config::default()
        };
        if std::env::var_os("PROPTEST_CASES").is_none() {
            config.cases = 24;
        }
        if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
            config.rng_seed = RngSeed::Fixed(0x6175_7261_6c6f_6700);
        }
        let mut runner = TestRunner::new(config);
        let line = prop_oneof![0usize..200, 3000usize..14_000];
        let strategy = (
            prop::collection::vec(line, 1..12),
            prop::collection::vec(1usize..9000, 1..12),
            0u64..40,
        );
        runner
            .run(&strategy, |(lens, cuts, stop_ms)| {
                let content: Vec<u8> = lens
                    .iter()
                    .enumerate()
                    .flat_map(|(i, n)| {
                        let mut l = vec![b'a' + (i % 26) as u8; *n];
                        l.push(b'\n');
                        l
                    })
                    .collect();
                let (_dir, p) = log_with(b"");
                let r = Reading::start(&p, 0);
                let writer = {
                    let (p, content) = (p.clone(), content.clone());
                    std::thread::spawn(move || {
                        let mut at = 0;
                        for cut in cuts.iter().cycle() {
                            if at == content.len() {
                                break;
                            }
                            let end = (at + cut).min(content.len());
                            append(&p, &content[at..end]);
                            at = end;
                            std::thread::sleep(Duration::from_millis(2));
                        }
                    })
                };
                std::thread::sleep(Duration::from_millis(stop_ms));
                let (first, _) = r.finish();
                writer.join().unwrap();
                prop_assert!(first.is_empty() || first.ends_with(b"\n"));
                prop_assert!(content.starts_with(&first));
                let mut r = Reading::start(&p, first.len() as u64);
                if first.len() < content.len() {
                    r.until(&content[first.len()..]);
                }
                let (rest, _) = r.finish();
                prop_assert_eq!([first, rest].concat(), content);
                Ok(())
            })
            .unwrap();
    }

    /// A line longer than the reader keeps goes out in pieces before its
    /// end comes (it is cut there anyway), and a stop does not wait for it.
    #[test]
    fn a_line_longer_than_a_record_goes_out_in_pieces_before_its_end() {
        let long = vec![b'x'; usize::try_from(LONG_LINE).unwrap() + 10];
        let (_dir, p) = log_with(&long);
        let mut r = Reading::start(&p, 0);
        r.until(b"xxxx");
        let (got, _) = r.finish();
        assert!(!got.is_empty() && got.len() <= long.len(), "{}", got.len());
    }

    #[test]
    fn follows_appends_from_the_start_offset_in_whole_lines() {
        let (_dir, p) = log_with(b"old\nnew1\n");
        let mut r = Reading::start(&p, 4);
        r.until(b"new1\n");
        append(&p, b"new2\npart");
        r.until(b"new2\n");
        // The partial line is held until its newline comes.
        assert_eq!(r.after_a_while(), b"new1\nnew2\n");
        append(&p, b"ial\n");
        r.until(b"partial\n");
        let (got, switches) = r.finish();
        assert_eq!(got, b"new1\nnew2\npartial\n");
        assert_eq!(reasons(&switches), vec![Reason::Opened]);
        assert_eq!(switches[0].offset, 4);
        assert_eq!(switches[0].at, 0);
    }

    #[test]
    fn survives_rotation_by_rename_reading_the_old_file_to_its_end() {
        let (dir, p) = log_with(b"a1\n");
        let mut r = Reading::start(&p, 0);
        r.until(b"a1\n");
        let rotated = dir.path().join("app.log.1");
        fs::rename(&p, &rotated).unwrap();
        // Written to the old file after the rename (a writer that has not
        // reopened yet), and a new file with lines of its own.
        append(&rotated, b"a2\n");
        append(&p, b"b1\n");
        append(&rotated, b"a3 no newline");
        r.until(b"b1\n");
        append(&p, b"b2\n");
        let (got, switches) = (r.until(b"b2\n").to_vec(), r.finish().1);
        assert_eq!(got, b"a1\na2\na3 no newline\nb1\nb2\n");
        assert_eq!(reasons(&switches), vec![Reason::Opened, Reason::Rotated]);
        // The new file's bytes start after the added newline.
        assert_eq!(switches[1].at, b"a1\na2\na3 no newline\n".len() as u64);
        assert_eq!(switches[1].offset, 0);
        assert_eq!(switches[1].at_line, 3);
        assert_eq!(switches[1].offset_of(switches[1].at + 3), 3);
        assert_eq!(switches[1].line_of(4), 1, "b1 is the new file's line 1");
        assert_ne!(switches[1].id, switches[0].id);
    }

    #[test]
    fn two_rotations_within_the_grace_read_the_middle_file_too() {
        let (dir, p) = log_with(b"a1\n");
        let mut r = Reading::start(&p, 0);
        r.until(b"a1\n");
        // app.log -> app.log.1 with a new app.log (b) ...
        fs::rename(&p, dir.path().join("app.log.1")).unwrap();
        append(&p, b"b1\n");
        // ... seen by the follower at the end of a ...
        std::thread::sleep(Duration::from_millis(400));
        // ... then rotated again well within the grace: b -> app.log.2
        // (via .1, as logrotate does), c at the path.
        fs::rename(dir.path().join("app.log.1"), dir.path().join("app.log.2")).unwrap();
        fs::rename(&p, dir.path().join("app.log.1")).unwrap();
        append(&dir.path().join("app.log.1"), b"b2\n");
        append(&p, b"c1\n");
        let (got, switches) = (r.until(b"c1\n").to_vec(), r.finish().1);
        assert_eq!(got, b"a1\nb1\nb2\nc1\n");
        assert_eq!(
            reasons(&switches),
            vec![Reason::Opened, Reason::Rotated, Reason::Rotated]
        );
    }

    #[test]
    fn positions_locate_stream_bytes_in_their_files() {
        let (dir, p) = log_with(b"skip\nx1\n");
        let stop = Stop::manual();
        let f = quiet(&p, 5, stop.clone()).start_line(1);
        let positions = f.positions();
        let first = checkpoint::identify_path(&p).unwrap().0;
        let mut r = Reading::of(f, stop, Arc::default());
        r.until(b"x1\n");
        fs::rename(&p, dir.path().join("app.log.1")).unwrap();
        fs::write(&p, b"y1\ny2\n").unwrap();
        r.until(b"y2\n");
        let second = checkpoint::identify_path(&p).unwrap().0;
        // Stream: "x1\n" (file 1 from byte 5, line 1) then "y1\ny2\n".
        let at = |pos, line| positions.locate(pos, line).unwrap();
        assert_eq!(
            at(0, 0),
            Located {
                id: first,
                offset: 5,
                line: 1
            }
        );
        assert_eq!(
            at(3, 1),
            Located {
                id: second,
                offset: 0,
                line: 0
            }
        );
        assert_eq!(
            at(6, 2),
            Located {
                id: second,
                offset: 3,
                line: 1
            }
        );
        assert_eq!(
            at(9, 3),
            Located {
                id: second,
                offset: 6,
                line: 2
            }
        );
        r.finish();
    }

    #[test]
    fn a_pause_returns_0_once_and_reading_goes_on() {
        let (_dir, p) = log_with(b"a\nb\n");
        let pause = Arc::new(AtomicBool::new(false));
        let mut f = quiet(&p, 0, Stop::manual()).pause_on(pause.clone());
        let mut buf = [0u8; 2];
        assert_eq!(f.read(&mut buf).unwrap(), 2);
        pause.store(true, Ordering::SeqCst);
        assert_eq!(f.read(&mut buf).unwrap(), 0);
        assert_eq!(f.read(&mut buf).unwrap(), 2);
        assert_eq!(&buf, b"b\n");
    }

    #[test]
    fn a_file_rewritten_past_the_position_is_read_from_the_start() {
        use std::os::unix::fs::FileExt;
        let (_dir, p) = log_with(b"aaaa\n");
        let mut r = Reading::start(&p, 0);
        r.until(b"aaaa\n");
        // Never shorter than the position: only the head tells.
        let f = fs::OpenOptions::new().write(true).open(&p).unwrap();
        f.write_all_at(b"bbbbbbbbbb\n", 0).unwrap();
        r.until(b"bbbbbbbbbb\n");
        let (got, switches) = r.finish();
        assert_eq!(got, b"aaaa\nbbbbbbbbbb\n");
        assert_eq!(reasons(&switches), vec![Reason::Opened, Reason::Truncated]);
    }

    #[test]
    fn the_current_identity_takes_the_full_head_once_the_file_has_it() {
        let (_dir, p) = log_with(b"ab\n");
        let stop = Stop::manual();
        let mut f = quiet(&p, 0, stop.clone());
        let mut buf = vec![0u8; 8192];
        assert_eq!(f.read(&mut buf).unwrap(), 3);
        assert_eq!(f.current().unwrap().0.head_len, 3);
        append(&p, &[b'c'; 2000]);
        append(&p, b"\n");
        assert_eq!(f.read(&mut buf).unwrap(), 2001);
        let stopper = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            stop.request();
        });
        // Waits (and looks at the file) until the stop.
        assert_eq!(f.read(&mut buf).unwrap(), 0);
        stopper.join().unwrap();
        let (id, pos) = f.current().unwrap();
        assert_eq!((id.head_len, pos), (1024, 2004));
        assert_eq!(id, checkpoint::identify_path(&p).unwrap().0);
        assert_eq!((f.stream_pos(), f.stream_lines()), (2004, 2));
        assert_eq!(f.take_switch().map(|s| s.id.head_len), Some(3));
    }

    #[test]
    fn a_truncated_file_is_read_again_from_the_start() {
        let (_dir, p) = log_with(b"first line\nsecond line\n");
        let mut r = Reading::start(&p, 0);
        r.until(b"second line\n");
        truncate(&p);
        append(&p, b"after\n");
        r.until(b"after\n");
        let (got, switches) = r.finish();
        assert_eq!(got, b"first line\nsecond line\nafter\n");
        assert_eq!(reasons(&switches), vec![Reason::Opened, Reason::Truncated]);
        assert_eq!(switches[1].at, 23);
        assert_eq!(switches[1].at_line, 2);
        assert_eq!(switches[0].id.ino, switches[1].id.ino);
    }

    #[test]
    fn a_file_that_appears_later_is_read_from_0() {
        let (_dir, p) = log("late.log");
        let mut r = Reading::start(&p, 0);
        std::thread::sleep(Duration::from_millis(300));
        append(&p, b"hello\n");
        r.until(b"hello\n");
        let (got, switches) = r.finish();
        assert_eq!(got, b"hello\n");
        assert_eq!(reasons(&switches), vec![Reason::Appeared]);
    }

    #[test]
    fn a_start_past_the_end_is_a_truncation() {
        let (_dir, p) = log_with(b"x\n");
        let mut r = Reading::start(&p, 100);
        r.until(b"x\n");
        let (_, switches) = r.finish();
        assert_eq!(reasons(&switches), vec![Reason::Truncated]);
    }

    #[test]
    fn stop_ends_the_stream_and_idle_runs_while_waiting() {
        let (_dir, p) = log_with(b"x\n");
        let mut r = Reading::start(&p, 0);
        r.until(b"x\n");
        std::thread::sleep(Duration::from_millis(1100));
        let idles = r.idles.load(Ordering::SeqCst);
        // Every ~200 ms while waiting, never more often.
        assert!((2..=6).contains(&idles), "{idles} idle calls in 1.1 s");
        let started = Instant::now();
        let (got, _) = r.finish();
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "stop is seen within a tick"
        );
        assert_eq!(got, b"x\n");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn inotify_wakes_well_before_the_tick() {
        let (_dir, p) = log_with(b"");
        let mut r = Reading::start(&p, 0);
        assert!(quiet(&p, 0, Stop::manual()).watching());
        // Polling would take TICK/2 = 100 ms per line on average.
        let mut total = Duration::ZERO;
        for i in 0..5 {
            std::thread::sleep(Duration::from_millis(30));
            let line = format!("line {i}\n");
            let t = Instant::now();
            append(&p, line.as_bytes());
            r.until(line.as_bytes());
            total += t.elapsed();
        }
        assert!(total < Duration::from_millis(250), "{total:?} for 5 lines");
        r.finish();
    }

    #[test]
    fn polling_sees_appends_rotation_and_truncation_too() {
        let (dir, p) = log_with(b"a\n");
        let stop = Stop::manual();
        let f = quiet(&p, 0, stop.clone()).polling();
        assert!(!f.watching());
        let mut r = Reading::of(f, stop, Arc::default());
        r.until(b"a\n");
        append(&p, b"b\n");
        r.until(b"b\n");
        fs::rename(&p, dir.path().join("app.log.1")).unwrap();
        fs::write(&p, b"c\n").unwrap();
        r.until(b"c\n");
        truncate(&p);
        append(&p, b"d\n");
        r.until(b"d\n");
        let (got, switches) = r.finish();
        assert_eq!(got, b"a\nb\nc\nd\n");
        assert_eq!(
            reasons(&switches),
            vec![Reason::Opened, Reason::Rotated, Reason::Truncated]
        );
    }

    #[test]
    fn lines_written_to_a_rotated_file_after_the_switch_are_read_too() {
        let (dir, p) = log_with(b"a1\n");
        let mut r = Reading::start(&p, 0);
        r.until(b"a1\n");
        let rotated = dir.path().join("app.log.1");
        fs::rename(&p, &rotated).unwrap();
        append(&p, b"b1\n");
        r.until(b"b1\n");
        // Well past the grace: the follower reads the new file by now.
        std::thread::sleep(ROTATE_GRACE + Duration::from_millis(500));
        append(&rotated, b"a2\n");
        r.until(b"a2\n");
        append(&p, b"b2\n");
        r.until(b"b2\n");
        // A last line without its end, once the old file is quiet.
        append(&rotated, b"a3 cut");
        append(&p, b"b3\n");
        let got = r.until(b"b3\n").to_vec();
        let (_, switches) = r.finish();
        assert_eq!(got, b"a1\nb1\na2\nb2\nb3\n");
        let reasons = reasons(&switches);
        assert_eq!(
            &reasons[..4],
            &[Reason::Opened, Reason::Rotated, Reason::Late, Reason::Back]
        );
        // The late lines are located in the old file, after what it had.
        let late = switches.iter().find(|s| s.reason == Reason::Late).unwrap();
        assert_eq!((late.offset, late.line), (3, 1));
        assert_eq!(late.id, switches[0].id);
    }

    #[test]
    fn a_late_partial_line_is_taken_once_the_old_file_is_quiet() {
        let (dir, p) = log_with(b"a1\n");
        let mut r = Reading::start(&p, 0);
        r.until(b"a1\n");
        let rotated = dir.path().join("app.log.1");
        fs::rename(&p, &rotated).unwrap();
        append(&p, b"b1\n");
        r.until(b"b1\n");
        std::thread::sleep(ROTATE_GRACE + Duration::from_millis(300));
        append(&rotated, b"a2 cut");
        std::thread::sleep(LATE_QUIET + Duration::from_millis(500));
        append(&p, b"b2\n");
        let (got, _) = (r.until(b"b2\n").to_vec(), r.finish());
        assert_eq!(got, b"a1\nb1\na2 cut\nb2\n");
    }

    #[test]
    fn copytruncate_finishes_the_copy_from_the_position_first() {
        let (dir, p) = log_with(b"a1\n");
        let stop = Stop::manual();
        // Polling: the lines below are written between two looks.
        let f = quiet(&p, 0, stop.clone()).polling();
        let mut r = Reading::of(f, stop, Arc::default());
        r.until(b"a1\n");
        append(&p, b"a2\na3\n");
        let copy = dir.path().join("app.log.1");
        fs::copy(&p, &copy).unwrap();
        truncate(&p);
        append(&p, b"b1\n");
        r.until(b"b1\n");
        append(&p, b"b2\n");
        let (got, switches) = (r.until(b"b2\n").to_vec(), r.finish().1);
        assert_eq!(got, b"a1\na2\na3\nb1\nb2\n");
        let reasons = reasons(&switches);
        if reasons.contains(&Reason::Copied) {
            assert_eq!(
                reasons,
                vec![Reason::Opened, Reason::Copied, Reason::Truncated]
            );
            assert_eq!(switches[1].offset, 3);
            assert_eq!(switches[1].line, 1);
        } else {
            // The follower read a2 and a3 before the truncation.
            assert_eq!(reasons, vec![Reason::Opened, Reason::Truncated]);
        }
    }

    #[test]
    fn csv_reads_end_at_whole_records_and_pause_at_every_switch() {
        let (dir, p) = log_with(b"a,b\n1,\"x\n");
        let stop = Stop::manual();
        let f = quiet(&p, 0, stop.clone()).csv();
        let mut r = Reading::of(f, stop, Arc::default());
        r.until(b"a,b\n");
        // The quoted newline: the record is not whole yet.
        assert_eq!(r.after_a_while(), b"a,b\n");
        append(&p, b"y\"\n2,\"\"\"q\"\"\"\n3,z");
        r.until(b"2,\"\"\"q\"\"\"\n");
        fs::rename(&p, dir.path().join("app.log.1")).unwrap();
        append(&p, b"c,d\n4,w\n");
        let (got, switches) = (r.until(b"4,w\n").to_vec(), r.finish().1);
        assert_eq!(
            got,
            b"a,b\n1,\"x\ny\"\n2,\"\"\"q\"\"\"\n3,z\nc,d\n4,w\n".to_vec()
        );
        assert_eq!(reasons(&switches), vec![Reason::Opened, Reason::Rotated]);
    }

    /// csv as lines: a record longer than the buffer (newlines in its
    /// quotes) is held back until its end is in the file, and a stop asked
    /// between its pieces waits for its end.
    #[test]
    fn a_long_csv_record_goes_out_once_whole_on_disk_and_a_stop_waits_for_its_end() {
        let mut record = b"\"".to_vec();
        for _ in 0..1000 {
            record.extend_from_slice(b"xxxxxxxxx\n");
        }
        let (head, tail) = record.split_at(7000);
        let (_dir, p) = log_with(&[b"h\n".as_slice(), head].concat());
        let stop = Stop::manual();
        let mut f = quiet(&p, 0, stop.clone()).csv();
        let mut buf = vec![0u8; 4096];
        let n = f.read(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"h\n");
        // Its end is not there yet: nothing of it goes out.
        let mut r = Reading::of(f, stop.clone(), Arc::new(AtomicUsize::new(0)));
        let held = r.after_a_while().len();
        assert_eq!(held, 0, "bytes of a partial record");
        let (got, _) = r.finish();
        assert!(got.is_empty());

        let whole = [b"h\n".as_slice(), head, tail, b"\"\nnext\n"].concat();
        let (_dir, p) = log_with(&whole);
        let stop = Stop::manual();
        let got = stopped_in_the_second_read(quiet(&p, 0, stop.clone()).csv(), &stop);
        assert_eq!(got, whole);
    }

    #[test]
    fn a_record_longer_than_the_buffer_comes_in_pieces_no_pause_between() {
        let mut long = b"h\n\"".to_vec();
        for _ in 0..600 {
            long.extend_from_slice(b"xxxxxxxxx\n");
        }
        long.extend_from_slice(b"\"\nnext\n");
        let (_dir, p) = log_with(&long);
        let pause = Arc::new(AtomicBool::new(false));
        let mut f = quiet(&p, 0, Stop::manual()).csv().pause_on(pause.clone());
        let mut buf = vec![0u8; 4096];
        let mut got = Vec::new();
        // The first piece: "h\n" is whole, the quoted record is not.
        let n = f.read(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"h\n");
        // The record's first piece (a full buffer), then the rest: a pause
        // asked for in between waits for the record's end.
        let n = f.read(&mut buf).unwrap();
        assert_eq!(n, buf.len());
        got.extend_from_slice(&buf[..n]);
        while got.len() < long.len() - 2 - 5 {
            pause.store(true, Ordering::SeqCst);
            let n = f.read(&mut buf).unwrap();
            assert!(
                n > 0,
                "a pause inside the record, after {} bytes",
                got.len()
            );
            got.extend_from_slice(&buf[..n]);
        }
        assert!(
            got.starts_with(&long[2..long.len() - 5]),
            "the record, whole"
        );
        if got.len() == long.len() - 2 - 5 {
            // At the record's end the pause is taken, then the next record.
            pause.store(true, Ordering::SeqCst);
            assert_eq!(f.read(&mut buf).unwrap(), 0);
            let n = f.read(&mut buf).unwrap();
            got.extend_from_slice(&buf[..n]);
        }
        assert!(got == long[2..], "then the next record");
    }

    #[test]
    fn csv_record_ends_are_found_across_quotes_and_line_ends() {
        let (mut out, mut ends) = (vec![0; 16], vec![0; 4]);
        let mut end = |b: &[u8]| csv_end(&mut csv_core::Reader::new(), b, &mut out, &mut ends);
        assert_eq!(end(b"a,b\n1,2\n"), Some(8));
        assert_eq!(end(b"a,b\n1,\"2\n3"), Some(4));
        assert_eq!(end(b"1,\"2\n3\"\r\n4"), Some(9));
        assert_eq!(end(b"1,\"2\n"), None);
        // A quote inside an unquoted field is a plain byte.
        assert_eq!(end(b"a\"b,c\n"), Some(6));
        // Fields longer than the scratch space, more fields than its ends.
        assert_eq!(end(b"aaaaaaaaaaaaaaaaaaaaaaaa,b,c,d,e,f\nx"), Some(35));
    }

    #[test]
    fn a_long_line_comes_in_pieces() {
        let (_dir, p) = log("app.log");
        let long = vec![b'y'; 10_000];
        fs::write(&p, [&long[..], b"\n"].concat()).unwrap();
        let mut r = Reading::start(&p, 0);
        let got = r.until(b"y\n").to_vec();
        assert_eq!(got.len(), 10_001);
        r.finish();
    }
}
