//! The disk spool: batches that could not be delivered, kept one file each
//! and replayed, oldest first, by later runs and `auralog spool flush`.
//! This file is storage only (layout, headers, the lock, limits); sending
//! the batches again lives beside delivery, in `sender/replay.rs`.
//!
//! Layout of the spool directory (`spool_dir`, by default
//! `$XDG_STATE_HOME/auralog/spool`):
//!
//! ```text
//! 00001763805600123456789-4242-9f1c2b3a.batch   one pending batch
//! rejected/00001763805601000000000-4242-0c0ffee0.batch   refused for good, with the answer
//! .lock                                          held while a process replays
//! .tmp-...                                       being written (never read)
//! ```
//!
//! A batch file is one JSON header line ([`Header`]: idempotency key, what
//! kind of request, record count, where it was meant to go, why it was
//! spooled) followed by the batch body exactly as it would be sent, so
//! entries keep their original timestamps byte for byte. Names start with
//! the zero-padded spooling time in nanoseconds, so sorting names sorts
//! oldest first.
//!
//! Crash safety: a file is written under a `.tmp-` name, fsynced, then
//! renamed into place (and the directory fsynced), so a reader only ever
//! sees whole batches. Concurrency: writers never touch existing files
//! (unique names); replaying, clearing and moving batches to `rejected/`
//! happen under an exclusive lock on `.lock` (`File::try_lock`), so two
//! processes never replay the same batch at once. The OS drops the lock if
//! a process dies; a batch sent but not yet deleted when that happens is
//! sent again later with the same `Idempotency-Key`, which the service (and
//! `auralog serve`) uses to drop the duplicate.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::{Batch, Payload};
use crate::output;
use crate::settings::Settings;
use crate::sys::fsutil::{self, Durability};

const SUFFIX: &str = ".batch";
const LOCK_FILE: &str = ".lock";
/// The folder, inside the spool, of batches the service refused for good.
pub const REJECTED: &str = "rejected";
/// Temp files older than this are leftovers of a crash and are removed.
const STALE_TMP: Duration = Duration::from_secs(3600);

/// Where a batch was meant to go: the endpoint and a fingerprint of the API
/// key (never the key). Replay sends a batch only to the destination it was
/// meant for, so a profile switch never ships one project's logs to another.
/// Two exceptions, both for the same endpoint: a batch spooled without a key
/// goes with any key, and a batch spooled because the service refused its
/// key (401/403) goes with the current key - the key was at fault, and
/// "fixing the key" means configuring another one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    pub endpoint: String,
    /// Empty: any key (the batch was spooled because no key was configured).
    pub key_id: String,
}

impl Destination {
    pub fn new(endpoint: &str, api_key: Option<&str>) -> Destination {
        Destination {
            endpoint: endpoint.trim_end_matches('/').to_string(),
            key_id: api_key.map(key_id).unwrap_or_default(),
        }
    }

    /// Whether a batch spooled for `h`'s destination may go to this one.
    pub fn accepts(&self, h: &Header) -> bool {
        self.same_endpoint(h) && (h.key_id.is_empty() || h.key_id == self.key_id || h.key_refused())
    }

    /// Whether `h` was spooled for this endpoint (whatever the key).
    pub fn same_endpoint(&self, h: &Header) -> bool {
        h.endpoint.trim_end_matches('/') == self.endpoint
    }
}

/// How the reason of a batch spooled because the service refused the API key
/// begins (`sender::http` words the refusal so).
const KEY_REFUSED: &str = "API key rejected";

/// A short fingerprint of an API key (32 bits of FNV-1a): enough to tell
/// keys apart, far too little to recover one.
pub fn key_id(key: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{:08x}", (h >> 32) as u32 ^ (h as u32))
}

/// The first line of a batch file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Header {
    /// Format version of the file.
    pub auralog_spool: u32,
    /// Sent as `Idempotency-Key` on every replay.
    pub idempotency_key: String,
    /// `entries` (POST /v1/logs), `single` (/v1/logs/single) or `raw`.
    pub kind: String,
    /// Records in the batch.
    pub count: usize,
    pub endpoint: String,
    /// See [`Destination::key_id`].
    pub key_id: String,
    /// When it was spooled (RFC 3339 UTC).
    pub spooled_at: String,
    /// Why it was not delivered the first time.
    pub reason: String,
    /// Byte offset past each entry in the body (`entries`/`single`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ends: Vec<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query: Vec<(String, String)>,
    /// Rejected batches: the HTTP status (0 when there was none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// Rejected batches: the service's answer, as auralog reported it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejected_at: Option<String>,
}

impl Header {
    /// Whether the batch was spooled because the service refused its API key.
    pub fn key_refused(&self) -> bool {
        self.status.is_none() && self.reason.starts_with(KEY_REFUSED)
    }

    pub fn for_batch(batch: &Batch, dest: &Destination, reason: &str) -> Header {
        let mut h = Header {
            auralog_spool: 1,
            idempotency_key: batch.idempotency_key.clone(),
            kind: String::new(),
            count: batch.count,
            endpoint: dest.endpoint.clone(),
            key_id: dest.key_id.clone(),
            spooled_at: crate::wire::now_timestamp(),
            reason: reason.to_string(),
            ends: Vec::new(),
            format: None,
            content_type: None,
            query: Vec::new(),
            status: None,
            answer: None,
            rejected_at: None,
        };
        match &batch.payload {
            Payload::Entries { ends, single, .. } => {
                h.kind = if *single { "single" } else { "entries" }.into();
                h.ends.clone_from(ends);
            }
            Payload::Raw {
                format,
                content_type,
                query,
                ..
            } => {
                h.kind = "raw".into();
                h.format = Some(format.clone());
                h.content_type = Some(content_type.clone());
                h.query.clone_from(query);
            }
        }
        h
    }

    /// The batch this header describes, around `body`.
    pub fn batch(&self, body: Vec<u8>) -> Result<Batch, String> {
        let payload = match self.kind.as_str() {
            "entries" | "single" => {
                let ok = self.ends.len() == self.count
                    && self.ends.windows(2).all(|w| w[0] < w[1])
                    && self.ends.last().copied() == Some(body.len());
                if !ok {
                    return Err(format!(
                        "the body ({} bytes) does not match its header ({} entries)",
                        body.len(),
                        self.count
                    ));
                }
                Payload::Entries {
                    body,
                    ends: self.ends.clone(),
                    single: self.kind == "single",
                }
            }
            "raw" => Payload::Raw {
                format: self.format.clone().unwrap_or_default(),
                content_type: self.content_type.clone().unwrap_or_default(),
                query: self.query.clone(),
                body,
            },
            other => return Err(format!("unknown batch kind '{}'", output::sanitize(other))),
        };
        Ok(Batch {
            payload,
            count: self.count,
            idempotency_key: self.idempotency_key.clone(),
        })
    }
}

/// Why a batch could not be kept.
#[derive(Debug, Clone, PartialEq)]
pub enum KeepError {
    /// Keeping it would take the spool past `spool_max_bytes`.
    Full {
        used: u64,
        need: u64,
        max: u64,
    },
    Io(String),
}

impl std::fmt::Display for KeepError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeepError::Full { used, need, max } => write!(
                f,
                "the spool is full ({} used, this batch needs {}, spool_max_bytes is {})",
                human_bytes(*used),
                human_bytes(*need),
                human_bytes(*max)
            ),
            KeepError::Io(e) => f.write_str(e),
        }
    }
}

/// Bytes used per spool directory, shared by every [`Spool`] of this
/// process (a pool's workers each hold one), refreshed from the disk at
/// most once a second.
static USED: std::sync::Mutex<std::collections::BTreeMap<PathBuf, (u64, Instant)>> =
    std::sync::Mutex::new(std::collections::BTreeMap::new());

/// Held while a batch is checked against `spool_max_bytes` and written.
static KEEP: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The spool directory of one run.
#[derive(Debug)]
pub struct Spool {
    pub dir: PathBuf,
    pub max_bytes: u64,
    pub dest: Destination,
}

impl Spool {
    pub fn new(dir: PathBuf, max_bytes: u64, dest: Destination) -> Spool {
        Spool {
            dir,
            max_bytes,
            dest,
        }
    }

    /// The spool of these settings. Without a configured key the batches are
    /// kept for whatever key the endpoint is later used with.
    pub fn from_settings(s: &Settings) -> Spool {
        Spool::new(
            s.spool_dir.clone(),
            s.spool_max_bytes,
            Destination::new(&s.endpoint, s.api_key.as_deref()),
        )
    }

    pub fn rejected_dir(&self) -> PathBuf {
        self.dir.join(REJECTED)
    }

    /// Pending batch files, oldest first. One `readdir`; a missing
    /// directory is an empty spool.
    pub fn pending(&self) -> Vec<PathBuf> {
        list_batches(&self.dir)
    }

    /// Rejected batch files, oldest first.
    pub fn rejected(&self) -> Vec<PathBuf> {
        list_batches(&self.rejected_dir())
    }

    /// Bytes held by the spool (pending, rejected and temp files). Measured
    /// again when the last measure is older than a second, so other
    /// processes' writes are seen without a scan per batch.
    pub fn used_bytes(&mut self) -> u64 {
        let mut used = USED.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((n, at)) = used.get(&self.dir) {
            if at.elapsed() < Duration::from_secs(1) {
                return *n;
            }
        }
        let n = dir_bytes(&self.dir) + dir_bytes(&self.rejected_dir());
        used.insert(self.dir.clone(), (n, Instant::now()));
        n
    }

    fn account(&mut self, delta: i64) {
        let mut used = USED.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((n, _)) = used.get_mut(&self.dir) {
            *n = n.saturating_add_signed(delta);
        }
    }

    /// Keep an undelivered batch. Refuses (without writing anything) when
    /// it would take the spool past `spool_max_bytes`.
    pub fn keep(&mut self, batch: &Batch, reason: &str) -> Result<PathBuf, KeepError> {
        let header = Header::for_batch(batch, &self.dest, reason);
        self.write_new(&self.dir.clone(), &header, body_of(batch), true)
    }

    /// Keep a batch the service refused for good under `rejected/`.
    pub fn keep_rejected(
        &mut self,
        batch: &Batch,
        status: u16,
        answer: &str,
    ) -> Result<PathBuf, KeepError> {
        let mut header = Header::for_batch(batch, &self.dest, answer);
        mark_rejected(&mut header, status, answer);
        self.write_new(&self.rejected_dir(), &header, body_of(batch), true)
    }

    /// Move a pending file to `rejected/` with the service's answer.
    pub fn reject_file(
        &mut self,
        path: &Path,
        mut header: Header,
        body: &[u8],
        status: u16,
        answer: &str,
    ) -> Result<(), KeepError> {
        mark_rejected(&mut header, status, answer);
        // A move, not growth: not held to the limit.
        self.write_new(&self.rejected_dir(), &header, body, false)?;
        self.remove(path);
        Ok(())
    }

    /// Delete a batch file (delivered, or moved).
    pub fn remove(&mut self, path: &Path) {
        let len = fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        match fs::remove_file(path) {
            Ok(()) => self.account(-(len as i64)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => output::warn(&format!("{}: cannot remove: {e}", path.display())),
        }
    }

    fn write_new(
        &mut self,
        dir: &Path,
        header: &Header,
        body: &[u8],
        limited: bool,
    ) -> Result<PathBuf, KeepError> {
        let mut head = serde_json::to_vec(header).map_err(|e| KeepError::Io(e.to_string()))?;
        head.push(b'\n');
        let need = (head.len() + body.len()) as u64;
        // The check and the write as one step within this process: the
        // workers of a pool spool at once, and each would otherwise see room
        // the others are taking.
        let _one_at_a_time = limited.then(|| KEEP.lock().unwrap_or_else(|e| e.into_inner()));
        if limited {
            let used = self.used_bytes();
            if used.saturating_add(need) > self.max_bytes {
                return Err(KeepError::Full {
                    used,
                    need,
                    max: self.max_bytes,
                });
            }
        }
        let path = write_batch_file(dir, &head, body).map_err(|e| {
            KeepError::Io(format!(
                "cannot write to the spool at {}: {e}",
                dir.display()
            ))
        })?;
        self.account(need as i64);
        Ok(path)
    }

    /// The replay lock: `None` when another process holds it (and `wait`
    /// ran out). Creates the spool directory when needed.
    pub fn lock(&self, wait: Duration) -> io::Result<Option<File>> {
        create_dir(&self.dir)?;
        let mut opts = OpenOptions::new();
        opts.create(true).truncate(false).write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let f = opts.open(self.dir.join(LOCK_FILE))?;
        let until = Instant::now() + wait;
        let mut said = false;
        loop {
            match f.try_lock() {
                Ok(()) => return Ok(Some(f)),
                Err(fs::TryLockError::WouldBlock) => {
                    if Instant::now() >= until {
                        return Ok(None);
                    }
                    if !said && wait > Duration::from_secs(1) {
                        output::info("waiting for another auralog process using the spool...");
                        said = true;
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(fs::TryLockError::Error(e)) => return Err(e),
            }
        }
    }

    /// Remove temp files left by a crash (call under the lock).
    pub fn sweep_stale(&self) {
        for dir in [self.dir.clone(), self.rejected_dir()] {
            let Ok(rd) = fs::read_dir(&dir) else { continue };
            for e in rd.flatten() {
                let stale = e
                    .file_name()
                    .to_string_lossy()
                    .starts_with(fsutil::TMP_PREFIX)
                    && e.metadata()
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| t.elapsed().ok())
                        .is_some_and(|age| age > STALE_TMP);
                if stale {
                    let _ = fs::remove_file(e.path());
                }
            }
        }
    }
}

fn mark_rejected(header: &mut Header, status: u16, answer: &str) {
    header.status = Some(status);
    header.answer = Some(answer.to_string());
    header.rejected_at = Some(crate::wire::now_timestamp());
}

pub(super) fn body_of(batch: &Batch) -> &[u8] {
    match &batch.payload {
        Payload::Entries { body, .. } | Payload::Raw { body, .. } => body,
    }
}

/// `*.batch` files of `dir`, sorted by name (oldest first).
pub fn list_batches(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = rd
        .flatten()
        .filter(|e| {
            let n = e.file_name();
            let n = n.to_string_lossy();
            n.ends_with(SUFFIX) && !n.starts_with('.')
        })
        .map(|e| e.path())
        .collect();
    v.sort();
    v
}

fn dir_bytes(dir: &Path) -> u64 {
    let Ok(rd) = fs::read_dir(dir) else { return 0 };
    rd.flatten()
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

pub(super) fn create_dir(dir: &Path) -> io::Result<()> {
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
}

/// A new unique batch file name: spooling time, pid, randomness.
fn new_name() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "{nanos:023}-{}-{:08x}{SUFFIX}",
        std::process::id(),
        fastrand::u32(..)
    )
}

/// Write `head` + `body` as a new batch file in `dir`, durably (fsync of
/// the file and the directory): a batch is data auralog must not lose.
/// Returns the final path.
fn write_batch_file(dir: &Path, head: &[u8], body: &[u8]) -> io::Result<PathBuf> {
    create_dir(dir)?;
    let path = dir.join(new_name());
    fsutil::write_atomic(&path, &[head, body], Some(0o600), Durability::Fsync)?;
    Ok(path)
}

/// Read only the header line of a batch file.
pub fn read_header(path: &Path) -> Result<Header, String> {
    let f = File::open(path).map_err(|e| e.to_string())?;
    let mut line = Vec::new();
    BufReader::new(f)
        .take(16 << 20)
        .read_until(b'\n', &mut line)
        .map_err(|e| e.to_string())?;
    if line.last() != Some(&b'\n') {
        return Err("no header line".into());
    }
    serde_json::from_slice(&line).map_err(|e| format!("bad header: {e}"))
}

/// Read a whole batch file: its header and body.
pub fn read_file(path: &Path) -> Result<(Header, Vec<u8>), String> {
    let data = fs::read(path).map_err(|e| e.to_string())?;
    let nl = data
        .iter()
        .position(|&b| b == b'\n')
        .ok_or("no header line")?;
    let header: Header =
        serde_json::from_slice(&data[..nl]).map_err(|e| format!("bad header: {e}"))?;
    Ok((header, data[nl + 1..].to_vec()))
}

/// When a batch file was spooled, from its name.
pub fn spooled_time(path: &Path) -> Option<SystemTime> {
    let name = path.file_name()?.to_str()?;
    let nanos: u128 = name.split('-').next()?.parse().ok()?;
    let secs = u64::try_from(nanos / 1_000_000_000).ok()?;
    Some(UNIX_EPOCH + Duration::new(secs, (nanos % 1_000_000_000) as u32))
}

/// `12.3 KiB`.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if n < 1024 {
        return format!("{n} B");
    }
    let mut v = n as f64 / 1024.0;
    let mut i = 0;
    while v >= 1024.0 && i + 1 < UNITS.len() {
        v /= 1024.0;
        i += 1;
    }
    format!("{v:.1} {}", UNITS[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_ids_differ_and_hide_the_key() {
        let a = key_id("aura_0123456789abcdef");
        let b = key_id("aura_0123456789abcdeg");
        assert_ne!(a, b);
        assert_eq!(a.len(), 8);
        assert!(!a.contains("cdef"));
    }

    #[test]
    fn destination_matching() {
        let d = Destination::new("https://x.example/", Some("k1"));
        let mut h = Header::for_batch(
            &Batch::entries(b"{}".to_vec(), vec![2], false),
            &Destination::new("https://x.example", Some("k1")),
            "r",
        );
        assert!(d.accepts(&h));
        h.key_id = key_id("k2");
        assert!(!d.accepts(&h));
        h.key_id = String::new();
        assert!(d.accepts(&h), "spooled without a key: any key");
        h.endpoint = "https://y.example".into();
        assert!(!d.accepts(&h));
    }

    #[test]
    fn a_batch_whose_key_was_refused_goes_with_the_current_key() {
        let old = Destination::new("https://x.example", Some("wrong"));
        let batch = Batch::entries(b"{}".to_vec(), vec![2], false);
        let h = Header::for_batch(&batch, &old, "API key rejected (401): invalid key");
        assert!(h.key_refused());
        assert!(Destination::new("https://x.example", Some("fixed")).accepts(&h));
        assert!(
            !Destination::new("https://y.example", Some("fixed")).accepts(&h),
            "only to the same endpoint"
        );
        let down = Header::for_batch(&batch, &old, "connection refused");
        assert!(!down.key_refused());
        assert!(
            !Destination::new("https://x.example", Some("fixed")).accepts(&down),
            "a batch spooled for another reason stays with its key"
        );
    }

    #[test]
    fn names_sort_oldest_first_and_carry_the_time() {
        let a = new_name();
        std::thread::sleep(Duration::from_millis(2));
        let b = new_name();
        assert!(a < b);
        let t = spooled_time(Path::new(&a)).unwrap();
        assert!(t.elapsed().unwrap() < Duration::from_secs(5));
    }

    #[test]
    fn human_sizes() {
        assert_eq!(human_bytes(10), "10 B");
        assert_eq!(human_bytes(2048), "2.0 KiB");
        assert_eq!(human_bytes(100 * 1024 * 1024), "100.0 MiB");
    }
}
