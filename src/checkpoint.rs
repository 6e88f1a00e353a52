//! Checkpoints for resumable and followed ingest (issue 16): per file, what
//! identifies it and how far every record was delivered or spooled, so the
//! next run (`ingest --resume`) or the running follower (`ingest --follow`)
//! ships only the rest, and a rotated, truncated or replaced file is
//! recognised.
//!
//! # The API, in the order a run uses it
//!
//! ```text
//! let store = Store::new();                     // $XDG_STATE_HOME/auralog/checkpoints/
//! let _lock = store.lock(path)?;                // one process per file, held for the run
//! let file = File::open(path)?;
//! let (id, size, start) = plan_file(store.get(path)?.as_ref(), &file)?;
//! match start {
//!     Start::Fresh => read from 0,
//!     Start::From { offset, line, records } => seek to offset (gzip: skip `records`
//!         records), number lines from line + 1,
//!     Start::UpToDate => nothing to ship (plain files only),
//!     Start::Replaced { why } => first `rotated_from(path, &cp)`: if it names a
//!         predecessor, finish it from cp.offset; then read `path` from 0,
//! }
//! // after each delivered-or-spooled batch (cheap; every ~200 ms is fine):
//! store.put(&Checkpoint::at(path, id, unit, offset, line, records))?;
//! ```
//!
//! - [`FileId`]: device and inode, plus an FNV-1a 64 fingerprint of the first
//!   [`HEAD`] (1024) bytes, or of all of them when the file is shorter
//!   (`head_len` says how many). gzip files are fingerprinted on their
//!   compressed bytes: [`identify`] never decompresses.
//! - [`Checkpoint`]: the file's absolute path, its `FileId`, the [`Unit`] of
//!   `offset` (bytes for plain files; records for gzip, whose byte offsets
//!   cannot be seeked to), `offset` (always at a record boundary), `line`
//!   (lines before `offset`, so `metadata.file:line` stays true after a
//!   resume), `records` (records delivered or spooled so far, in this file)
//!   and `updated` (RFC 3339 UTC).
//! - [`Store`]: one JSON file per absolute path under
//!   `<state dir>/checkpoints/`, named by an FNV-1a hash of the path and
//!   holding the path; replaced atomically and durably
//!   ([`fsutil::write_atomic`] with [`Durability::Fsync`]: a power cut
//!   leaves the old checkpoint or the new one, never an empty file that
//!   would make the next run ship the whole file again). `put` skips the
//!   write when nothing changed since the last `put` of this `Store`; a
//!   write costs about 7 ms of waiting on this machine's disk (two fsyncs),
//!   no CPU to speak of, so every ~200 ms per file is fine.
//! - [`Store::lock`]: an exclusive advisory lock (`<hash>.lock`, holding the
//!   pid) per file, so two processes never interleave one file's checkpoint.
//! - [`plan`] / [`plan_file`]: what to do with a file given its checkpoint.
//!   Paths are made absolute lexically ([`std::path::absolute`]), not
//!   canonicalised: a symlinked name (`current.log -> app-2026-12-01.log`)
//!   is followed by name, as `tail -F` does, and a file that does not exist
//!   yet still has a key.
//!
//! # Identity rules
//!
//! Same device and inode and the same head: the same file (grown, or not).
//! Same inode but another head, or a size under the offset: rewritten or
//! truncated in place (`Replaced { why: Truncated }`; `copytruncate`
//! rotation looks like this, so ask [`rotated_from`] too). Another inode at
//! the path: `Replaced { why: AnotherFile }`, even when the head is equal:
//! two days' logs may start with the same banner, and reading a new file
//! from an old offset would lose its first lines, while reading a copied
//! file again only repeats them (at least once, never lost).
//!
//! A checkpoint taken while the file was shorter than [`HEAD`] has a shorter
//! head than the file has now: [`plan_file`] then hashes that many bytes of
//! the file again to compare; [`plan`] alone (no file at hand) trusts the
//! inode in that case.
//!
//! # Rotation
//!
//! [`rotated_from`] looks among the path's siblings named `<name>.*` or
//! `<name>-*` (`app.log.1`, `app.log.0`, `app.log.2`, `app.log-20261201`,
//! `app.log.1.gz`, ...; newest first) for the checkpointed file: by device
//! and inode with the head unchanged (rename rotation), else by its head
//! (`copytruncate`, or a copy on another file system). A `.gz` sibling has a
//! new inode and compressed bytes: its first `head_len` decompressed bytes
//! are fingerprinted instead, and then `offset` counts bytes of the
//! decompressed stream (skip that many through the decoder). Only a
//! predecessor that still holds bytes after the offset is returned (for a
//! `.gz`, told by its trailer's size, which is exact under 4 GiB).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::sys::fsutil::{self, Durability};

/// How many leading bytes the fingerprint covers.
pub const HEAD: usize = 1024;

/// What identifies a file across runs and renames.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FileId {
    pub dev: u64,
    pub ino: u64,
    /// How many bytes `head_hash` covers: `min(size, HEAD)`.
    pub head_len: u32,
    /// FNV-1a 64 of the first `head_len` bytes.
    pub head_hash: u64,
}

impl FileId {
    /// Same device and inode.
    pub fn same_inode(&self, other: &FileId) -> bool {
        self.dev == other.dev && self.ino == other.ino
    }

    /// `dev:ino head_len:hash`, for `checkpoints` listings and messages.
    pub fn short(&self) -> String {
        format!(
            "{}:{} {}:{:016x}",
            self.dev, self.ino, self.head_len, self.head_hash
        )
    }
}

/// What a checkpoint's `offset` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Bytes of the file (plain files): the next run seeks there.
    Bytes,
    /// Records (gzip files): the next run reads and skips that many.
    Records,
}

/// How far one file was delivered or spooled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// Absolute (lexically, see the module docs).
    #[serde(with = "lossy_path")]
    pub path: PathBuf,
    pub id: FileId,
    pub unit: Unit,
    /// Bytes (or records, for [`Unit::Records`]) up to which every record was
    /// delivered or spooled; always at a record boundary.
    pub offset: u64,
    /// Lines before `offset` (the next record's line is `line + 1`).
    pub line: u64,
    /// Records delivered or spooled from this file so far.
    pub records: u64,
    /// When this checkpoint was written, RFC 3339 UTC.
    pub updated: String,
}

impl Checkpoint {
    /// A checkpoint for `path` (made absolute), stamped now.
    pub fn at(
        path: &Path,
        id: FileId,
        unit: Unit,
        offset: u64,
        line: u64,
        records: u64,
    ) -> Checkpoint {
        Checkpoint {
            path: absolute(path),
            id,
            unit,
            offset,
            line,
            records,
            updated: crate::wire::time::now_timestamp(),
        }
    }
}

/// Why a checkpoint no longer applies to the file at its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// The same inode, now shorter than the offset or with another head:
    /// truncated or rewritten in place (also `copytruncate` rotation).
    Truncated,
    /// Another inode at the path (rotation by rename, delete and recreate).
    AnotherFile,
}

impl Why {
    pub fn as_str(self) -> &'static str {
        match self {
            Why::Truncated => "truncated",
            Why::AnotherFile => "another file",
        }
    }
}

/// Where a run starts reading a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// No checkpoint: from the beginning.
    Fresh,
    /// The same file: from `offset` (bytes, or records for gzip), with
    /// `line` lines and `records` records before it.
    From {
        offset: u64,
        line: u64,
        records: u64,
    },
    /// The same file, and nothing after the offset (plain files only: a
    /// gzip file's record count cannot be compared with its size).
    UpToDate,
    /// The checkpoint is for another file or content: from the beginning,
    /// after finishing the predecessor [`rotated_from`] finds.
    Replaced { why: Why },
}

/// FNV-1a 64, continued from `state` (start from [`FNV_START`]): stable
/// across runs and builds, unlike std's hasher.
fn fnv1a(mut state: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        state ^= u64::from(b);
        state = state.wrapping_mul(0x0100_0000_01b3);
    }
    state
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// The file's identity and its size in bytes. Reads at most [`HEAD`] bytes
/// with positioned reads: the file's read position does not move (on Unix).
pub fn identify(file: &File) -> io::Result<(FileId, u64)> {
    let meta = file.metadata()?;
    let size = meta.len();
    let head_len = size.min(HEAD as u64) as usize;
    let head = read_head(file, head_len)?;
    let (dev, ino) = dev_ino(&meta);
    Ok((
        FileId {
            dev,
            ino,
            head_len: head.len() as u32,
            head_hash: fnv1a(FNV_START, &head),
        },
        size,
    ))
}

/// [`identify`] for a path.
pub fn identify_path(path: &Path) -> io::Result<(FileId, u64)> {
    identify(&File::open(path)?)
}

#[cfg(unix)]
fn dev_ino(meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn dev_ino(_meta: &fs::Metadata) -> (u64, u64) {
    (0, 0)
}

/// Up to `len` bytes from the start of `file` (fewer if it is shorter now).
fn read_head(file: &File, len: usize) -> io::Result<Vec<u8>> {
    let mut head = vec![0u8; len];
    let mut got = 0;
    while got < len {
        let n = read_at(file, &mut head[got..], got as u64)?;
        if n == 0 {
            break;
        }
        got += n;
    }
    head.truncate(got);
    Ok(head)
}

/// A positioned read (the file position stays), retried on `EINTR`.
#[cfg(unix)]
pub(crate) fn read_at(file: &File, buf: &mut [u8], at: u64) -> io::Result<usize> {
    use std::os::unix::fs::FileExt;
    loop {
        match file.read_at(buf, at) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            r => return r,
        }
    }
}

#[cfg(not(unix))]
pub(crate) fn read_at(file: &File, buf: &mut [u8], at: u64) -> io::Result<usize> {
    let mut f = file.try_clone()?;
    let pos = f.stream_position()?;
    f.seek(SeekFrom::Start(at))?;
    let n = f.read(buf);
    f.seek(SeekFrom::Start(pos))?;
    n
}

/// What to do with a file of identity `id` and `size` bytes, given its
/// checkpoint (see the module docs for the rules). Pure; when the
/// checkpoint's head is shorter than `id`'s, the inode decides (use
/// [`plan_file`] to compare the bytes too).
pub fn plan(checkpoint: Option<&Checkpoint>, id: &FileId, size: u64) -> Start {
    let Some(cp) = checkpoint else {
        return Start::Fresh;
    };
    if !cp.id.same_inode(id) {
        return Start::Replaced {
            why: Why::AnotherFile,
        };
    }
    let head_same = match cp.id.head_len.cmp(&id.head_len) {
        std::cmp::Ordering::Equal => cp.id.head_hash == id.head_hash,
        // The file grew past the old head since: cannot tell from hashes.
        std::cmp::Ordering::Less => true,
        // Shorter than it was: truncated.
        std::cmp::Ordering::Greater => false,
    };
    if !head_same {
        return Start::Replaced {
            why: Why::Truncated,
        };
    }
    match cp.unit {
        Unit::Bytes if size < cp.offset => Start::Replaced {
            why: Why::Truncated,
        },
        Unit::Bytes if size == cp.offset => Start::UpToDate,
        _ => Start::From {
            offset: cp.offset,
            line: cp.line,
            records: cp.records,
        },
    }
}

/// [`identify`] then [`plan`], comparing the head byte for byte when the
/// checkpoint's head is shorter than the file's now. Returns the file's
/// identity (its full head: store this one) and size with the plan.
pub fn plan_file(checkpoint: Option<&Checkpoint>, file: &File) -> io::Result<(FileId, u64, Start)> {
    let (id, size) = identify(file)?;
    let start = match checkpoint {
        Some(cp) if cp.id.same_inode(&id) && cp.id.head_len < id.head_len => {
            let prefix = prefix_id(file, &id, cp.id.head_len)?;
            plan(checkpoint, &prefix, size)
        }
        _ => plan(checkpoint, &id, size),
    };
    Ok((id, size, start))
}

/// The file still starts with the `head_len` bytes `id` fingerprinted
/// (false when it is shorter now). Positioned reads: the read position
/// does not move.
pub fn head_matches(file: &File, id: &FileId) -> io::Result<bool> {
    let head = read_head(file, id.head_len as usize)?;
    Ok(head.len() == id.head_len as usize && fnv1a(FNV_START, &head) == id.head_hash)
}

/// `id` with its fingerprint taken over the first `len` bytes only.
fn prefix_id(file: &File, id: &FileId, len: u32) -> io::Result<FileId> {
    let head = read_head(file, len as usize)?;
    Ok(FileId {
        head_len: head.len() as u32,
        head_hash: fnv1a(FNV_START, &head),
        ..*id
    })
}

/// The rotated predecessor of `path` that still holds bytes after
/// `checkpoint.offset` (see "Rotation" in the module docs), or `None`.
/// Only for byte checkpoints: a gzip file is not rotated while written.
pub fn rotated_from(path: &Path, checkpoint: &Checkpoint) -> Option<PathBuf> {
    if checkpoint.unit != Unit::Bytes {
        return None;
    }
    let cp = checkpoint;
    let mut by_head = None;
    for cand in siblings(path)? {
        let Ok(file) = File::open(&cand) else {
            continue;
        };
        if cand.extension().is_some_and(|e| e == "gz") {
            if by_head.is_none() && gz_holds_more(&file, cp).unwrap_or(false) {
                by_head = Some(cand);
            }
            continue;
        }
        let Ok((id, size)) = identify(&file) else {
            continue;
        };
        if size <= cp.offset {
            continue;
        }
        if !head_matches(&file, &cp.id).unwrap_or(false) {
            continue;
        }
        if id.same_inode(&cp.id) {
            return Some(cand);
        }
        if by_head.is_none() {
            by_head = Some(cand);
        }
    }
    by_head
}

/// The copy `copytruncate` made of the file `id` before truncating it,
/// open: the newest plain sibling of `path` (see [`rotated_from`]) with
/// another inode, `id`'s head and more than `offset` bytes. For the
/// follower, which read `offset` bytes of the file before it was truncated
/// and finishes the copy from there. A compressed copy is not taken (it
/// cannot be read from a byte offset by the follower; `--resume` and a
/// restarted follower finish it).
pub fn copied_from(path: &Path, id: &FileId, offset: u64) -> Option<(PathBuf, File, FileId)> {
    for cand in siblings(path)? {
        if cand.extension().is_some_and(|e| e == "gz") {
            continue;
        }
        let Ok(file) = File::open(&cand) else {
            continue;
        };
        let Ok((cid, size)) = identify(&file) else {
            continue;
        };
        if size > offset && !cid.same_inode(id) && head_matches(&file, id).unwrap_or(false) {
            return Some((cand, file, cid));
        }
    }
    None
}

/// The siblings of `path` named `<name>.*` or `<name>-*` that are files,
/// newest first, 32 at most (a directory of a thousand old logs is not
/// searched through on every look).
/// Whether the file name `n` is a rotated name of `name` (`app.log.1`,
/// `app.log-20261201.gz` of `app.log`): the rotation pattern.
fn rotated_name(n: &str, name: &str) -> bool {
    n.len() > name.len() && n.starts_with(name) && matches!(n.as_bytes()[name.len()], b'.' | b'-')
}

/// Whether `path` is, by the rotation pattern, a rotated name of `of` (in
/// the same directory).
pub fn is_rotation_of(path: &Path, of: &Path) -> bool {
    let (path, of) = (absolute(path), absolute(of));
    path.parent() == of.parent()
        && match (
            path.file_name().and_then(|n| n.to_str()),
            of.file_name().and_then(|n| n.to_str()),
        ) {
            (Some(n), Some(name)) => rotated_name(n, name),
            _ => false,
        }
}

/// Keep `cp` (a file that was read at `base`, renamed since by a rotation)
/// under the name it has now among `base`'s rotated names, so that a later
/// run given that name (`app.log*`) knows what was shipped of it. A
/// checkpoint of another file found under that name moves on to that
/// file's own new name first, as the rotation moved the files. Nothing is
/// kept for a file no longer there.
pub fn keep_renamed(store: &Store, base: &Path, cp: &Checkpoint) {
    keep_renamed_at(store, base, cp, 0);
}

fn keep_renamed_at(store: &Store, base: &Path, cp: &Checkpoint, depth: usize) {
    let Some(names) = siblings(base) else {
        return;
    };
    let Some(at) = names.into_iter().find(|cand| {
        File::open(cand)
            .and_then(|f| identify(&f))
            .is_ok_and(|(id, _)| id.same_inode(&cp.id))
    }) else {
        return;
    };
    if let Ok(Some(there)) = store.get(&at) {
        if there.id.same_inode(&cp.id) && there.offset >= cp.offset {
            return;
        }
        if !there.id.same_inode(&cp.id) && depth < 32 {
            keep_renamed_at(store, base, &there, depth + 1);
        }
    }
    let mut kept = cp.clone();
    kept.path = at;
    if let Err(e) = store.put(&kept) {
        crate::output::warn(&format!("{e:#}"));
    }
}

fn siblings(path: &Path) -> Option<Vec<PathBuf>> {
    let path = absolute(path);
    let dir = path.parent()?;
    let name = path.file_name()?.to_str()?;
    let mut candidates: Vec<(std::time::SystemTime, PathBuf)> = fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| rotated_name(n, name))
        })
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            meta.is_file()
                .then(|| (meta.modified().unwrap_or(std::time::UNIX_EPOCH), e.path()))
        })
        .collect();
    candidates.sort_by_key(|c| std::cmp::Reverse(c.0));
    candidates.truncate(32);
    Some(candidates.into_iter().map(|(_, p)| p).collect())
}

/// A `.gz` sibling whose decompressed head is the checkpoint's and whose
/// decompressed size (the trailer's ISIZE, mod 2^32) is not the offset.
fn gz_holds_more(file: &File, cp: &Checkpoint) -> io::Result<bool> {
    let mut head = Vec::with_capacity(cp.id.head_len as usize);
    flate2::read::MultiGzDecoder::new(file)
        .take(u64::from(cp.id.head_len))
        .read_to_end(&mut head)?;
    if head.len() != cp.id.head_len as usize || fnv1a(FNV_START, &head) != cp.id.head_hash {
        return Ok(false);
    }
    let mut f = file.try_clone()?;
    f.seek(SeekFrom::End(-4))?;
    let mut isize = [0u8; 4];
    f.read_exact(&mut isize)?;
    Ok(u32::from_le_bytes(isize) != cp.offset as u32)
}

/// `path` made absolute against the current directory, without resolving
/// symlinks (the key a checkpoint is stored under).
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The checkpoint files, one per absolute path.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    /// The last checkpoint written per file name, so an unchanged `put`
    /// costs nothing.
    last: Mutex<std::collections::HashMap<PathBuf, Checkpoint>>,
}

/// Held for the run: no other process reads `path` with checkpoints.
/// Released on drop (the lock file stays, empty of meaning).
#[derive(Debug)]
pub struct Lock {
    _file: File,
    pub path: PathBuf,
}

/// [`Store::lock`]'s error when another process holds the file: a type,
/// so `ingest --resume` and `--follow` tell it from other errors (exit 75:
/// try again later) by [`Locked::exit_75`], not by its text.
#[derive(Debug)]
pub struct Locked {
    pub path: PathBuf,
    pub lock_path: PathBuf,
    /// The holder's pid, as it wrote it into the lock file.
    pub pid: Option<String>,
}

impl std::fmt::Display for Locked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let by = match &self.pid {
            Some(pid) => format!("another auralog process (pid {pid})"),
            None => "another auralog process".to_string(),
        };
        write!(
            f,
            "{} is being shipped by {by}; one process per file (its checkpoint lock: {})",
            self.path.display(),
            self.lock_path.display()
        )
    }
}

impl std::error::Error for Locked {}

impl Locked {
    /// `err` as exit 75 (EX_TEMPFAIL) when a [`Locked`] is in its chain,
    /// else as it is.
    pub fn exit_75(err: anyhow::Error) -> anyhow::Error {
        if err.chain().any(|e| e.downcast_ref::<Locked>().is_some()) {
            let msg = format!("{err:#}");
            anyhow::Error::new(crate::exit::Failure::new(crate::exit::Code::TempFail, msg))
        } else {
            err
        }
    }
}

impl Store {
    /// `$XDG_STATE_HOME/auralog/checkpoints/`.
    pub fn new() -> Store {
        Store::at(crate::sys::state_dir().join("checkpoints"))
    }

    /// A store in `dir` (tests).
    pub fn at(dir: PathBuf) -> Store {
        Store {
            dir,
            last: Mutex::default(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file stem for `path` (already absolute): FNV-1a of its bytes.
    fn stem(path: &Path) -> String {
        format!(
            "{:016x}",
            fnv1a(FNV_START, path.as_os_str().as_encoded_bytes())
        )
    }

    fn file_for(&self, path: &Path) -> PathBuf {
        self.dir.join(format!("{}.json", Store::stem(path)))
    }

    fn lock_file_for(&self, path: &Path) -> PathBuf {
        self.dir.join(format!("{}.lock", Store::stem(path)))
    }

    /// The checkpoint of `path`, if any. A checkpoint file that cannot be
    /// read as one is an error (naming it), not a silent fresh start.
    pub fn get(&self, path: &Path) -> Result<Option<Checkpoint>> {
        let path = absolute(path);
        let file = self.file_for(&path);
        let bytes = match fs::read(&file) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e).with_context(|| format!("{}: cannot read", file.display())),
        };
        let cp: Checkpoint = serde_json::from_slice(&bytes).with_context(|| {
            format!(
                "{}: not a checkpoint (`auralog checkpoints --forget {}` removes it)",
                file.display(),
                path.display()
            )
        })?;
        // A hash collision, or a path that is not UTF-8 (stored lossily).
        if path.to_str().is_some() && cp.path != path {
            return Ok(None);
        }
        Ok(Some(cp))
    }

    /// The checkpoint of `path` as this store last wrote it, else as stored.
    pub fn current(&self, path: &Path) -> Result<Option<Checkpoint>> {
        let known = {
            let last = self.last.lock().unwrap_or_else(|e| e.into_inner());
            last.get(&absolute(path)).cloned()
        };
        match known {
            Some(cp) => Ok(Some(cp)),
            None => self.get(path),
        }
    }

    /// Write `checkpoint` (atomically and durably), unless it equals the
    /// last one this store wrote for its path but for `updated`.
    pub fn put(&self, checkpoint: &Checkpoint) -> Result<()> {
        let path = absolute(&checkpoint.path);
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(prev) = last.get(&path) {
            let same_but_time = prev.id == checkpoint.id
                && prev.unit == checkpoint.unit
                && prev.offset == checkpoint.offset
                && prev.line == checkpoint.line
                && prev.records == checkpoint.records;
            if same_but_time {
                return Ok(());
            }
        } else {
            fs::create_dir_all(&self.dir)
                .with_context(|| format!("{}: cannot create", self.dir.display()))?;
        }
        let file = self.file_for(&path);
        let mut json = serde_json::to_vec_pretty(checkpoint).context("encoding a checkpoint")?;
        json.push(b'\n');
        fsutil::write_atomic(&file, &[&json], Some(0o600), Durability::Fsync)
            .with_context(|| format!("{}: cannot write", file.display()))?;
        last.insert(path, checkpoint.clone());
        Ok(())
    }

    /// Every checkpoint, sorted by path. Files that are not checkpoints (a
    /// crash's temporary, a foreign file) are skipped.
    pub fn list(&self) -> Result<Vec<Checkpoint>> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => {
                return Err(e).with_context(|| format!("{}: cannot list", self.dir.display()))
            }
        };
        let mut out: Vec<Checkpoint> = entries
            .filter_map(|e| e.ok())
            .filter(|e| {
                let n = e.file_name();
                let n = n.to_string_lossy();
                n.ends_with(".json") && !n.starts_with(fsutil::TMP_PREFIX)
            })
            .filter_map(|e| serde_json::from_slice(&fs::read(e.path()).ok()?).ok())
            .collect();
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    /// Remove the checkpoint of `path`; false when there was none. Refused
    /// while another process holds the file's lock (it would write it back).
    pub fn forget(&self, path: &Path) -> Result<bool> {
        let path = absolute(path);
        let _lock = self.lock(&path)?;
        let file = self.file_for(&path);
        self.last
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&path);
        match fs::remove_file(&file) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e).with_context(|| format!("{}: cannot remove", file.display())),
        }
    }

    /// Remove every checkpoint; how many there were. Stops at the first
    /// file another process holds (see [`Store::forget`]).
    pub fn forget_all(&self) -> Result<usize> {
        let mut n = 0;
        for cp in self.list()? {
            if self.forget(&cp.path)? {
                n += 1;
            }
        }
        Ok(n)
    }

    /// Lock `path` for this process until the [`Lock`] drops. Another
    /// process holding it is an error naming the file and its pid.
    pub fn lock(&self, path: &Path) -> Result<Lock> {
        let path = absolute(path);
        fs::create_dir_all(&self.dir)
            .with_context(|| format!("{}: cannot create", self.dir.display()))?;
        let lock_path = self.lock_file_for(&path);
        let mut file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&lock_path)
            .with_context(|| format!("{}: cannot open", lock_path.display()))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = holder.trim();
                return Err(Locked {
                    path,
                    lock_path,
                    pid: (!holder.is_empty()).then(|| holder.to_string()),
                }
                .into());
            }
            Err(fs::TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("{}: cannot lock", lock_path.display()))
            }
        }
        // Who holds it, for the message above. Best effort.
        let _ = file.set_len(0);
        let _ = file.seek(SeekFrom::Start(0));
        let _ = write!(file, "{}", std::process::id());
        Ok(Lock { _file: file, path })
    }
}

impl Default for Store {
    fn default() -> Store {
        Store::new()
    }
}

/// A path as a JSON string; not UTF-8 is written lossily (the file name is
/// the hash of the real bytes, so the key stays exact).
mod lossy_path {
    use std::path::{Path, PathBuf};

    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(p: &Path, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&p.to_string_lossy())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<PathBuf, D::Error> {
        String::deserialize(d).map(PathBuf::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn rotated_names_are_the_rotation_pattern_in_the_same_directory() {
        let is = |a: &str, b: &str| is_rotation_of(Path::new(a), Path::new(b));
        assert!(is("/v/app.log.1", "/v/app.log"));
        assert!(is("/v/app.log-20261201.gz", "/v/app.log"));
        assert!(!is("/v/app.log", "/v/app.log"));
        assert!(!is("/v/app.logx", "/v/app.log"));
        assert!(!is("/v/app.log", "/v/app.log.1"));
        assert!(!is("/w/app.log.1", "/v/app.log"));
    }

    fn write(path: &Path, bytes: &[u8]) {
        fs::write(path, bytes).unwrap();
    }

    fn append(path: &Path, bytes: &[u8]) {
        OpenOptions::new()
            .append(true)
            .open(path)
            .unwrap()
            .write_all(bytes)
            .unwrap();
    }

    fn cp_of(path: &Path, offset: u64, line: u64) -> Checkpoint {
        let (id, _) = identify_path(path).unwrap();
        Checkpoint::at(path, id, Unit::Bytes, offset, line, line)
    }

    #[test]
    fn fnv1a_matches_the_reference_vectors() {
        assert_eq!(fnv1a(FNV_START, b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(FNV_START, b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(FNV_START, b"foobar"), 0x8594_4171_f739_67e8);
        // Streaming: continuing from a prefix equals hashing the whole.
        assert_eq!(
            fnv1a(fnv1a(FNV_START, b"foo"), b"bar"),
            fnv1a(FNV_START, b"foobar")
        );
    }

    #[test]
    fn identify_covers_the_first_kib_and_keeps_the_read_position() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("app.log");
        write(&p, b"short\n");
        let (a, size) = identify_path(&p).unwrap();
        assert_eq!((a.head_len, size), (6, 6));
        let big: Vec<u8> = (0..3000u32).map(|i| b'a' + (i % 26) as u8).collect();
        write(&p, &big);
        let mut f = File::open(&p).unwrap();
        f.seek(SeekFrom::Start(100)).unwrap();
        let (b, size) = identify(&f).unwrap();
        assert_eq!((b.head_len, size), (1024, 3000));
        assert_eq!(b.head_hash, fnv1a(FNV_START, &big[..1024]));
        assert_eq!(f.stream_position().unwrap(), 100);
        assert!(a.same_inode(&b), "rewritten in place keeps the inode");
        // Bytes after the head do not change the identity.
        append(&p, b"more");
        assert_eq!(identify_path(&p).unwrap().0, b);
    }

    #[test]
    fn head_matches_sees_a_rewritten_start_and_ignores_growth() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("app.log");
        write(&p, b"one\n");
        let (id, _) = identify_path(&p).unwrap();
        append(&p, b"two\n");
        assert!(head_matches(&File::open(&p).unwrap(), &id).unwrap());
        write(&p, b"ONE\ntwo\n");
        assert!(!head_matches(&File::open(&p).unwrap(), &id).unwrap());
        write(&p, b"on");
        assert!(!head_matches(&File::open(&p).unwrap(), &id).unwrap());
    }

    #[test]
    fn plan_covers_fresh_grown_up_to_date_truncated_and_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("app.log");
        write(&p, b"one\ntwo\n");
        let (id, size) = identify_path(&p).unwrap();
        assert_eq!(plan(None, &id, size), Start::Fresh);
        let cp = cp_of(&p, 8, 2);
        assert_eq!(plan(Some(&cp), &id, size), Start::UpToDate);

        append(&p, b"three\n");
        let f = File::open(&p).unwrap();
        let (_, _, start) = plan_file(Some(&cp), &f).unwrap();
        assert_eq!(
            start,
            Start::From {
                offset: 8,
                line: 2,
                records: 2
            }
        );

        // Truncated in place: shorter than the offset, or another head.
        let f = OpenOptions::new().write(true).open(&p).unwrap();
        f.set_len(3).unwrap();
        let (_, _, start) = plan_file(Some(&cp), &File::open(&p).unwrap()).unwrap();
        assert_eq!(
            start,
            Start::Replaced {
                why: Why::Truncated
            }
        );
        let f = OpenOptions::new().write(true).open(&p).unwrap();
        f.set_len(0).unwrap();
        (&f).write_all(b"ONE\nTWO\nTHREE\n").unwrap();
        let (_, _, start) = plan_file(Some(&cp), &File::open(&p).unwrap()).unwrap();
        assert_eq!(
            start,
            Start::Replaced {
                why: Why::Truncated
            }
        );

        // Another inode, even with the same content.
        fs::rename(&p, dir.path().join("app.log.1")).unwrap();
        write(&p, b"one\ntwo\n");
        let (_, _, start) = plan_file(Some(&cp), &File::open(&p).unwrap()).unwrap();
        assert_eq!(
            start,
            Start::Replaced {
                why: Why::AnotherFile
            }
        );
    }

    #[test]
    fn a_head_that_grew_past_the_checkpoint_is_compared_byte_for_byte() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("app.log");
        write(&p, b"first line\n");
        let cp = cp_of(&p, 11, 1);
        assert_eq!(cp.id.head_len, 11);
        append(&p, &vec![b'x'; 2000]);
        let (id, _, start) = plan_file(Some(&cp), &File::open(&p).unwrap()).unwrap();
        assert_eq!(id.head_len, 1024, "the identity to store has the full head");
        assert!(matches!(start, Start::From { offset: 11, .. }));
        // Same inode, rewritten with other bytes and grown: plan_file sees
        // it, plan alone trusts the inode.
        let f = OpenOptions::new().write(true).open(&p).unwrap();
        (&f).write_all(b"FIRST").unwrap();
        let file = File::open(&p).unwrap();
        let (id, size, start) = plan_file(Some(&cp), &file).unwrap();
        assert_eq!(
            start,
            Start::Replaced {
                why: Why::Truncated
            }
        );
        assert!(matches!(plan(Some(&cp), &id, size), Start::From { .. }));
    }

    #[test]
    fn gzip_checkpoints_count_records_and_never_claim_up_to_date() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("old.log.gz");
        write(&p, b"\x1f\x8bcompressed bytes");
        let (id, size) = identify_path(&p).unwrap();
        let cp = Checkpoint::at(&p, id, Unit::Records, 5, 5, 5);
        assert_eq!(
            plan(Some(&cp), &id, size),
            Start::From {
                offset: 5,
                line: 5,
                records: 5
            }
        );
    }

    #[test]
    fn store_puts_gets_lists_and_forgets() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("checkpoints"));
        assert!(store.list().unwrap().is_empty());
        let a = dir.path().join("a.log");
        let b = dir.path().join("b.log");
        write(&a, b"a\n");
        write(&b, b"b\n");
        assert_eq!(store.get(&a).unwrap(), None);
        let cpa = cp_of(&a, 2, 1);
        store.put(&cpa).unwrap();
        store.put(&cp_of(&b, 0, 0)).unwrap();
        assert_eq!(store.get(&a).unwrap(), Some(cpa.clone()));
        let listed: Vec<_> = store.list().unwrap().into_iter().map(|c| c.path).collect();
        assert_eq!(listed, vec![absolute(&a), absolute(&b)]);
        // The file holds the path, as JSON.
        let text = fs::read_to_string(store.file_for(&absolute(&a))).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["path"], absolute(&a).to_str().unwrap());
        assert_eq!(v["unit"], "bytes");
        // A second store (another run) reads what the first wrote.
        assert_eq!(
            Store::at(store.dir().to_path_buf()).get(&a).unwrap(),
            Some(cpa)
        );
        assert!(store.forget(&a).unwrap());
        assert!(!store.forget(&a).unwrap());
        assert_eq!(store.get(&a).unwrap(), None);
        assert_eq!(store.forget_all().unwrap(), 1);
        assert!(store.list().unwrap().is_empty());
    }

    #[test]
    fn an_unchanged_put_does_not_write() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("checkpoints"));
        let a = dir.path().join("a.log");
        write(&a, b"a\n");
        let cp = cp_of(&a, 2, 1);
        store.put(&cp).unwrap();
        let file = store.file_for(&absolute(&a));
        fs::remove_file(&file).unwrap();
        store
            .put(&Checkpoint {
                updated: "later".into(),
                ..cp.clone()
            })
            .unwrap();
        assert!(!file.exists(), "same offset: no write");
        store.put(&Checkpoint { offset: 3, ..cp }).unwrap();
        assert!(file.exists());
    }

    #[test]
    fn a_corrupt_checkpoint_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("checkpoints"));
        let a = dir.path().join("a.log");
        fs::create_dir_all(store.dir()).unwrap();
        write(&store.file_for(&absolute(&a)), b"{not json");
        let err = format!("{:#}", store.get(&a).unwrap_err());
        assert!(err.contains("not a checkpoint"), "{err}");
        assert!(err.contains("--forget"), "{err}");
        // list skips it rather than failing every listing.
        assert!(store.list().unwrap().is_empty());
    }

    #[test]
    fn relative_paths_are_stored_absolute() {
        let cp = Checkpoint::at(
            Path::new("rel/app.log"),
            FileId {
                dev: 1,
                ino: 2,
                head_len: 0,
                head_hash: FNV_START,
            },
            Unit::Bytes,
            0,
            0,
            0,
        );
        assert!(cp.path.is_absolute());
        assert!(cp.path.ends_with("rel/app.log"));
        assert!(cp.updated.ends_with('Z'), "{}", cp.updated);
    }

    #[test]
    fn a_second_lock_is_refused_naming_the_file_and_pid() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("checkpoints"));
        let a = dir.path().join("a.log");
        let held = store.lock(&a).unwrap();
        // flock-style locks conflict between open file descriptions, so a
        // second open in this process stands in for a second process.
        let err = format!("{:#}", store.lock(&a).unwrap_err());
        assert!(err.contains(&*absolute(&a).to_string_lossy()), "{err}");
        assert!(
            err.contains(&format!("pid {}", std::process::id())),
            "{err}"
        );
        assert!(store.forget(&a).is_err(), "forget waits for the holder");
        // Another file is not affected; dropping releases.
        let _b = store.lock(&dir.path().join("b.log")).unwrap();
        drop(held);
        let _again = store.lock(&a).unwrap();
    }

    #[test]
    fn rotated_by_rename_is_found_by_inode() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("app.log");
        write(&p, b"one\ntwo\n");
        let cp = cp_of(&p, 4, 1);
        fs::rename(&p, dir.path().join("app.log.1")).unwrap();
        write(&p, b"new\n");
        // An unrelated sibling with another head is not taken.
        write(&dir.path().join("app.log-old"), b"zzz\nzzz\nzzz\n");
        assert_eq!(rotated_from(&p, &cp), Some(dir.path().join("app.log.1")));
        // Nothing left after the offset: nothing to finish.
        let done = Checkpoint { offset: 8, ..cp };
        assert_eq!(rotated_from(&p, &done), None);
    }

    #[test]
    fn copytruncate_is_found_by_head() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("app.log");
        write(&p, b"one\ntwo\nthree\n");
        let cp = cp_of(&p, 8, 2);
        let copy = dir.path().join("app.log-20261201");
        fs::copy(&p, &copy).unwrap();
        OpenOptions::new()
            .write(true)
            .open(&p)
            .unwrap()
            .set_len(0)
            .unwrap();
        let (id, size) = identify_path(&p).unwrap();
        assert_eq!(
            plan(Some(&cp), &id, size),
            Start::Replaced {
                why: Why::Truncated
            }
        );
        assert_eq!(rotated_from(&p, &cp), Some(copy));
    }

    #[test]
    fn a_lock_conflict_is_a_locked_error_that_maps_to_exit_75() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("checkpoints"));
        let a = dir.path().join("a.log");
        let _held = store.lock(&a).unwrap();
        let err = store.lock(&a).unwrap_err().context("planning");
        assert!(err.chain().any(|e| e.downcast_ref::<Locked>().is_some()));
        let mapped = Locked::exit_75(err);
        assert_eq!(crate::exit::code_of(&mapped), crate::exit::Code::TempFail);
        assert!(format!("{mapped:#}").contains("is being shipped by"));
        // Another error stays as it is.
        let other = Locked::exit_75(anyhow::anyhow!("disk full"));
        assert_eq!(crate::exit::code_of(&other), crate::exit::Code::Error);
    }

    #[test]
    fn the_copy_of_a_copytruncated_file_is_found_by_head_and_size() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("app.log");
        write(&p, b"one\ntwo\nthree\n");
        let (id, _) = identify_path(&p).unwrap();
        let copy = dir.path().join("app.log.1");
        fs::copy(&p, &copy).unwrap();
        // Another sibling with another head is not it.
        write(&dir.path().join("app.log.2"), b"zzz\n");
        OpenOptions::new()
            .write(true)
            .open(&p)
            .unwrap()
            .set_len(0)
            .unwrap();
        let (found, _, cid) = copied_from(&p, &id, 8).unwrap();
        assert_eq!(found, copy);
        assert!(!cid.same_inode(&id));
        // Shorter than what was read: not the copy of what we read.
        assert!(copied_from(&p, &id, 100).is_none());
    }

    #[test]
    fn a_compressed_predecessor_is_found_by_its_decompressed_head() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("app.log");
        let content = b"one\ntwo\nthree\n";
        write(&p, content);
        let cp = cp_of(&p, 8, 2);
        let gz = dir.path().join("app.log.1.gz");
        let mut enc =
            flate2::write::GzEncoder::new(File::create(&gz).unwrap(), flate2::Compression::fast());
        enc.write_all(content).unwrap();
        enc.finish().unwrap();
        fs::remove_file(&p).unwrap();
        write(&p, b"fresh\n");
        assert_eq!(rotated_from(&p, &cp), Some(gz.clone()));
        let done = Checkpoint {
            offset: content.len() as u64,
            ..cp.clone()
        };
        assert_eq!(rotated_from(&p, &done), None);
        // A gzip checkpoint has no rotation.
        let records = Checkpoint {
            unit: Unit::Records,
            ..cp
        };
        assert_eq!(rotated_from(&p, &records), None);
    }
}
