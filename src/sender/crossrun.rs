//! The breaker shared across runs: a run that found the endpoint
//! unreachable (its retry budget spent on network errors, timeouts or
//! retryable answers) writes a small state file,
//! `$XDG_STATE_HOME/auralog/breaker/<hash of endpoint>.json` (next to the
//! spool: `<spool_dir>/../breaker/`). Runs within [`WINDOW`] of the last
//! failure do not spend their retry budget again: each makes one short
//! attempt ([`PROBE_TIMEOUT`]; the replay of the spool when it holds
//! something, else the run's first batch) and spools at once if it fails.
//! When the failure was slow (a timeout), at most one run probes every
//! [`PROBE_GAP`] (the probe is claimed in the file) and the others spool
//! without trying. A delivery clears the file. Writes are atomic (a temp
//! file renamed into place).

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::sys::fsutil::Durability;

/// How long after the last failure the next runs skip their retry budget.
pub const WINDOW: Duration = Duration::from_secs(60);
/// At most one probe per this interval, across processes.
pub const PROBE_GAP: Duration = Duration::from_secs(5);
/// A probe's timeout.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(1);

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct State {
    pub endpoint: String,
    /// Unix milliseconds of the last failure.
    pub failed_at: u64,
    /// Unix milliseconds of the last probe claimed (or failure).
    pub probe_at: u64,
    pub reason: String,
    /// The failure took its time (a timeout, a host that accepts and never
    /// answers): then runs within [`PROBE_GAP`] of a probe do not probe.
    /// A refused connection costs nothing to try again.
    #[serde(default)]
    pub slow: bool,
}

/// What a run should do with its first batch.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Nothing known against the endpoint: the full retry budget.
    Try,
    /// Down recently; this run probes once.
    Probe(String),
    /// Down recently, and another run probed just now: spool at once.
    Skip(String),
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// The state file for this endpoint.
pub fn path_for(spool_dir: &Path, endpoint: &str) -> PathBuf {
    // FNV-1a: stable across runs and builds (std's hasher is not).
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in endpoint.trim_end_matches('/').bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let base = spool_dir.parent().unwrap_or(spool_dir);
    base.join("breaker").join(format!("{h:016x}.json"))
}

fn read(path: &Path) -> Option<State> {
    serde_json::from_slice(&fs::read(path).ok()?).ok()
}

fn write(path: &Path, st: &State) {
    let Some(dir) = path.parent() else { return };
    if fs::create_dir_all(dir).is_err() {
        return;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o700));
    }
    let Ok(body) = serde_json::to_vec(st) else {
        return;
    };
    // Rewritten often, rebuilt by the next failure: no fsync.
    let _ = crate::sys::fsutil::write_atomic(path, &[&body], Some(0o600), Durability::NoFsync);
}

/// Held while a run reads the state and claims the probe, so two runs that
/// start together do not both probe a host that never answers: a lock on
/// the breaker directory (the state file itself is replaced by a rename, so
/// its inode cannot carry the lock; a lock file beside it would be one more
/// file per endpoint).
fn claim_lock(path: &Path) -> Option<fs::File> {
    let dir = fs::File::open(path.parent()?).ok()?;
    // A few milliseconds at most: the holder reads and writes one small file.
    dir.lock().ok()?;
    Some(dir)
}

/// Whether a run found the endpoint unreachable within [`WINDOW`].
pub fn recently_down(path: &Path) -> bool {
    read(path)
        .is_some_and(|st| Duration::from_millis(now_ms().saturating_sub(st.failed_at)) <= WINDOW)
}

/// Look at the file; claim the probe when it is this run's turn.
pub fn verdict(path: &Path) -> Verdict {
    if read(path).is_none() {
        return Verdict::Try;
    }
    let _claim = claim_lock(path);
    let Some(mut st) = read(path) else {
        return Verdict::Try;
    };
    let now = now_ms();
    let ago = Duration::from_millis(now.saturating_sub(st.failed_at));
    if ago > WINDOW {
        return Verdict::Try;
    }
    let why = format!(
        "the endpoint was unreachable {:.0}s ago ({})",
        ago.as_secs_f64(),
        st.reason
    );
    if st.slow && Duration::from_millis(now.saturating_sub(st.probe_at)) < PROBE_GAP {
        return Verdict::Skip(why);
    }
    st.probe_at = now;
    write(path, &st);
    Verdict::Probe(why)
}

/// The endpoint failed (a spent retry budget or a failed probe).
pub fn failed(path: &Path, endpoint: &str, reason: &str, slow: bool) {
    let now = now_ms();
    write(
        path,
        &State {
            endpoint: endpoint.to_string(),
            failed_at: now,
            probe_at: now,
            reason: reason.chars().take(200).collect(),
            slow,
        },
    );
}

/// The endpoint answered: forget the failure.
pub fn cleared(path: &Path) {
    let _ = fs::remove_file(path);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_makes_the_next_run_probe_once_and_the_others_skip() {
        let dir = tempfile::tempdir().unwrap();
        let p = path_for(&dir.path().join("spool"), "http://127.0.0.1:9/");
        assert_eq!(p, path_for(&dir.path().join("spool"), "http://127.0.0.1:9"));
        assert_eq!(verdict(&p), Verdict::Try);
        failed(&p, "http://127.0.0.1:9", "connection refused", false);
        // A refused connection is cheap to try again: every run probes.
        assert!(matches!(verdict(&p), Verdict::Probe(w) if w.contains("refused")));
        assert!(matches!(verdict(&p), Verdict::Probe(_)));
        failed(&p, "http://127.0.0.1:9", "timed out", true);
        assert!(matches!(verdict(&p), Verdict::Skip(w) if w.contains("timed out")));
        // The probe is due: the first run claims it, the next one skips.
        let mut st = read(&p).unwrap();
        st.probe_at -= PROBE_GAP.as_millis() as u64 + 1;
        write(&p, &st);
        assert!(matches!(verdict(&p), Verdict::Probe(_)));
        assert!(matches!(verdict(&p), Verdict::Skip(_)));
        // Out of the window: try again as usual.
        let mut st = read(&p).unwrap();
        st.failed_at -= WINDOW.as_millis() as u64 + 1;
        write(&p, &st);
        assert_eq!(verdict(&p), Verdict::Try);
        cleared(&p);
        assert!(!p.exists());
    }

    #[test]
    fn runs_that_start_together_claim_one_probe() {
        let dir = tempfile::tempdir().unwrap();
        let p = path_for(&dir.path().join("spool"), "http://127.0.0.1:9");
        failed(&p, "http://127.0.0.1:9", "timed out", true);
        let mut st = read(&p).unwrap();
        st.probe_at -= PROBE_GAP.as_millis() as u64 + 1;
        write(&p, &st);
        // Each thread opens the directory itself, as separate runs do.
        let start = std::sync::Arc::new(std::sync::Barrier::new(8));
        let verdicts: Vec<Verdict> = (0..8)
            .map(|_| {
                let (p, start) = (p.clone(), start.clone());
                std::thread::spawn(move || {
                    start.wait();
                    verdict(&p)
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|t| t.join().unwrap())
            .collect();
        let probes = verdicts
            .iter()
            .filter(|v| matches!(v, Verdict::Probe(_)))
            .count();
        assert_eq!(probes, 1, "{verdicts:?}");
    }
}
