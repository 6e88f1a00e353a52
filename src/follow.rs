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
//!   still being written stays in the file until its newline comes (a
//!   line longer than the caller's buffer is the exception). So a stop or a
//!   checkpoint always falls on a line boundary, and the partial line is
//!   read, complete, by the next run.
//! - **Rotation**: when the path names another file (renamed away, deleted
//!   and created again), the old file is read to its end first and kept
//!   until it has been quiet for [`ROTATE_GRACE`] (a writer that reopens
//!   on SIGHUP writes a little more to the old file after the new one
//!   exists); then the new file is read from 0.
//! - **Truncation**: a file shorter than the position, or whose first bytes
//!   are no longer those it had (truncated, then written past the position
//!   before we looked: checked before every read, a pread of at most 1 KiB),
//!   is read again from 0. What was written between the last read and the
//!   truncation is gone, as with `tail -F` (`copytruncate` loses those
//!   lines by design).
//! - **Rotations in a row**: each file the path names is opened as soon as
//!   the follower sees it there (at the end of what it has read) and held
//!   open in order, so a second rotation within the grace does not take
//!   the middle file away: every file seen is read to its end, in turn.
//!   A file that was at the path only while the follower was still reading
//!   an older one's backlog is never seen (then `--resume`'s rotation
//!   lookup, not the follower, finds it on the next start).
//! - **Late files**: a path with no file waits for one (from 0).
//! - **Stop**: once [`Stop::requested`], the next read returns `Ok(0)`: the
//!   stream has no other end (but a pause, [`Follower::pause_on`], which
//!   the caller asks for). What was returned before ends with a whole line.
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
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::checkpoint::{self, FileId};
use crate::sys::signals::Stop;

/// The longest wait without a look at the file, the stop flag and `idle`.
pub const TICK: Duration = Duration::from_millis(200);
/// How long a rotated file must stay quiet before the new one is read.
pub const ROTATE_GRACE: Duration = Duration::from_secs(1);

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
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Opened => "opened",
            Reason::Appeared => "appeared",
            Reason::Rotated => "rotated",
            Reason::Truncated => "truncated",
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
    /// the file's first line read).
    pub at_line: u64,
    /// The file offset of the byte at stream position `at`.
    pub offset: u64,
    pub reason: Reason,
}

impl Switch {
    /// The file offset of stream position `pos` (at or after `at`).
    pub fn offset_of(&self, pos: u64) -> u64 {
        self.offset + pos.saturating_sub(self.at)
    }

    /// Lines of the file before stream line `line` + 1, given `before`:
    /// the file's lines before `offset` (0 but for [`Reason::Opened`] at a
    /// checkpoint, whose `line` it is).
    pub fn line_of(&self, line: u64, before: u64) -> u64 {
        before + line.saturating_sub(self.at_line)
    }
}

/// Where the stream's bytes came from: a cloneable, thread-safe view of a
/// follower's switches, for the code that writes checkpoints (its `idle`
/// callback runs inside [`Follower::read`], so it cannot borrow the
/// follower). The last [`Positions::KEEP`] switches are kept.
#[derive(Debug, Clone, Default)]
pub struct Positions {
    inner: Arc<Mutex<Trail>>,
}

#[derive(Debug, Default)]
struct Trail {
    switches: VecDeque<Switch>,
    /// Lines before the start offset of the file opened first.
    start_line: u64,
}

impl Trail {
    /// The file lines before switch `s`'s offset: the checkpoint's line for
    /// the file opened first, 0 for any file read from its start.
    fn before(&self, s: &Switch) -> u64 {
        if s.reason == Reason::Opened {
            self.start_line
        } else {
            0
        }
    }
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

    fn lock(&self) -> std::sync::MutexGuard<'_, Trail> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn push(&self, s: Switch) {
        let mut t = self.lock();
        if t.switches.len() == Positions::KEEP {
            t.switches.pop_front();
        }
        t.switches.push_back(s);
    }

    /// The current file's identity grew its head (same inode).
    fn refresh(&self, id: FileId) {
        if let Some(last) = self.lock().switches.back_mut() {
            if last.id.same_inode(&id) {
                last.id = id;
            }
        }
    }

    /// The file line number of stream line `line` (1-based; synthetic
    /// newlines count as lines of the stream), and its file.
    pub fn file_line(&self, line: u64) -> Option<(FileId, u64)> {
        let t = self.lock();
        let s = t.switches.iter().rev().find(|s| s.at_line < line)?;
        Some((s.id, t.before(s) + line - s.at_line))
    }

    /// Stream position `pos`, at the start of stream line `line + 1` (so
    /// `line` newlines came before it), in its file: `None` before the
    /// first file or past what is kept. A position exactly at a switch
    /// belongs to the file after it.
    pub fn locate(&self, pos: u64, line: u64) -> Option<Located> {
        let t = self.lock();
        let s = t.switches.iter().rev().find(|s| s.at <= pos)?;
        Some(Located {
            id: s.id,
            offset: s.offset_of(pos),
            line: s.line_of(line, t.before(s)),
        })
    }
}

/// The file being read.
struct Current {
    file: File,
    id: FileId,
    /// The file offset of the next byte to read.
    pos: u64,
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
    /// When the current file last gave bytes.
    last_data: Instant,
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
            last_data: Instant::now(),
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
                f.switch_to(file, id, pos, reason)?;
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        Ok(f)
    }

    /// The file opened first had `line` lines before the start offset (the
    /// checkpoint's `line`): [`Positions::locate`] counts from there.
    pub fn start_line(self, line: u64) -> Follower {
        self.positions.lock().start_line = line;
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

    fn switch_to(
        &mut self,
        mut file: File,
        id: FileId,
        pos: u64,
        reason: Reason,
    ) -> io::Result<()> {
        file.seek(SeekFrom::Start(pos))?;
        if self.last_byte.is_some_and(|b| b != b'\n') {
            self.pending_newline = true;
            self.last_byte = Some(b'\n');
        }
        let at = self.stream + u64::from(self.pending_newline);
        let at_line = self.lines + u64::from(self.pending_newline);
        let switch = Switch {
            at,
            at_line,
            id,
            offset: pos,
            reason,
        };
        self.switches.push_back(switch);
        self.positions.push(switch);
        self.cur = Some(Current { file, id, pos });
        self.rotated = false;
        self.last_data = Instant::now();
        Ok(())
    }

    /// Read whole lines from the current file into `buf`; 0 at its end (or
    /// when only a partial line is there).
    fn read_lines(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let draining = self.rotated;
        let Some(cur) = self.cur.as_mut() else {
            return Ok(0);
        };
        let n = loop {
            match cur.file.read(buf) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                r => break r?,
            }
        };
        if n == 0 {
            return Ok(0);
        }
        let keep = match memchr::memrchr(b'\n', &buf[..n]) {
            Some(i) => i + 1,
            // A line longer than the buffer: hand it out in pieces.
            None if n == buf.len() => n,
            // A rotated file will not finish its last line: take it as is.
            None if draining && self.last_data.elapsed() >= ROTATE_GRACE => n,
            None => 0,
        };
        if keep < n {
            cur.file.seek(SeekFrom::Current(-((n - keep) as i64)))?;
        }
        if keep > 0 {
            cur.pos += keep as u64;
            self.stream += keep as u64;
            self.lines += memchr::memchr_iter(b'\n', &buf[..keep]).count() as u64;
            self.last_byte = Some(buf[keep - 1]);
            self.last_data = Instant::now();
        }
        Ok(keep)
    }

    /// At the end of the current file (or with none): look for growth, a
    /// truncation, a rotation or a late file. True when reading may give
    /// bytes now.
    fn look(&mut self) -> io::Result<bool> {
        let Some(cur) = self.cur.as_mut() else {
            return match File::open(&self.path) {
                Ok(file) => {
                    let (id, _) = checkpoint::identify(&file)?;
                    self.switch_to(file, id, 0, Reason::Appeared)?;
                    Ok(true)
                }
                // Not there yet, or not readable yet: look again later.
                Err(_) => Ok(false),
            };
        };
        let size = cur.file.metadata()?.len();
        if size < cur.pos || !checkpoint::head_matches(&cur.file, &cur.id)? {
            self.truncated()?;
            return Ok(true);
        }
        if (cur.id.head_len as usize) < checkpoint::HEAD && size > u64::from(cur.id.head_len) {
            // The file grew past the head it had when opened: fingerprint
            // the longer head, for the checkpoints written from `current`.
            cur.id = checkpoint::identify(&cur.file)?.0;
            self.positions.refresh(cur.id);
        }
        let partial_only = size > cur.pos && only_partial_line(&cur.file, cur.pos, size);
        if size > cur.pos && !partial_only {
            return Ok(true);
        }
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
        if !self.rotated {
            // Read the old file again before switching: the writer may have
            // written between our last read and the rename.
            self.rotated = true;
            self.last_data = Instant::now();
            return Ok(true);
        }
        if self.last_data.elapsed() < ROTATE_GRACE {
            return Ok(false);
        }
        if partial_only {
            // Quiet for the grace: its last line will not be finished;
            // `read_lines` takes it as it is now.
            return Ok(true);
        }
        // Fingerprinted again now: it may have been empty when it was seen.
        let (file, _) = self.next.pop_front().expect("not empty");
        let (id, _) = checkpoint::identify(&file)?;
        self.switch_to(file, id, 0, Reason::Rotated)?;
        Ok(true)
    }

    /// Shorter than the position, or another start (truncated, then
    /// written past the position before we looked): read again from 0.
    fn truncated(&mut self) -> io::Result<()> {
        let Some(cur) = self.cur.as_ref() else {
            return Ok(());
        };
        let file = cur.file.try_clone()?;
        let (id, _) = checkpoint::identify(&file)?;
        self.switch_to(file, id, 0, Reason::Truncated)
    }

    /// Before each read: the file still starts as it did (a truncation
    /// followed at once by writes past the position leaves the size as it
    /// was, so the size alone cannot tell).
    fn check_head(&mut self) -> io::Result<()> {
        let rewritten = match self.cur.as_ref() {
            Some(cur) => !checkpoint::head_matches(&cur.file, &cur.id)?,
            None => false,
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
            if self.stop.requested() {
                return Ok(0);
            }
            if self
                .pause
                .as_ref()
                .is_some_and(|p| p.swap(false, Ordering::SeqCst))
            {
                return Ok(0);
            }
            if self.pending_newline {
                self.pending_newline = false;
                buf[0] = b'\n';
                self.stream += 1;
                self.lines += 1;
                return Ok(1);
            }
            // A pread of at most 1 KiB per read: cheap next to the read.
            self.check_head()?;
            let n = self.read_lines(buf)?;
            if n > 0 {
                return Ok(n);
            }
            if self.look()? {
                continue;
            }
            self.wait();
        }
    }
}

/// The bytes of `file` from `pos` to `size` hold no newline (checked with
/// a positioned read of at most 64 KiB, so the file position stays).
fn only_partial_line(file: &File, pos: u64, size: u64) -> bool {
    const MAX: usize = 64 * 1024;
    let mut tail = vec![0u8; (size - pos).min(MAX as u64) as usize];
    match checkpoint::read_at(file, &mut tail, pos) {
        Ok(n) => n < MAX && !tail[..n].contains(&b'\n'),
        Err(_) => false,
    }
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
                    if n == 0 {
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

    #[test]
    fn follows_appends_from_the_start_offset_in_whole_lines() {
        let (_dir, p) = log_with(b"old\nnew1\n");
        let mut r = Reading::start(&p, 4);
        r.until(b"new1\n");
        append(&p, b"new2\npart");
        r.until(b"new2\n");
        // The partial line is held until its newline comes.
        std::thread::sleep(Duration::from_millis(300));
        while let Ok(b) = r.rx.try_recv() {
            r.got.extend_from_slice(&b);
        }
        assert_eq!(r.got, b"new1\nnew2\n");
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
        assert_eq!(switches[1].line_of(4, 0), 1, "b1 is the new file's line 1");
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
