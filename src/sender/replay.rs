//! Replaying the spool: pending batches sent again, oldest first, through
//! the same attempts as a live batch, at the start and end of a sending
//! command and by `auralog spool flush`. Storage (layout, headers, the lock)
//! is `spool.rs`; this is delivery.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::spool::{body_of, create_dir, read_file, read_header, Header, Spool, REJECTED};
use super::{Batch, Fate, Sender, Tries};
use crate::output;

/// How long a sending command spends replaying the spool before its own
/// entries (and again at its end, for what it spooled itself).
pub const REPLAY_BUDGET: Duration = Duration::from_secs(2);

/// How a replay goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ReplayMode {
    /// At the start (and end) of a sending command: one attempt per batch,
    /// stop at the first that fails, stop when the time is up, skip the
    /// replay if another process is at it.
    Quick(Duration),
    /// `auralog spool flush`: every batch with the full retry budget,
    /// stop at the first that still fails; wait for the lock.
    Flush { any_destination: bool },
}

/// What a replay did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Replayed {
    pub delivered_batches: u64,
    pub delivered: u64,
    pub rejected_batches: u64,
    pub rejected: u64,
    /// Batches still pending for this destination afterwards.
    pub remaining_batches: u64,
    pub remaining: u64,
    /// Pending batches meant for another endpoint, or for another API key
    /// that was not refused (see `spool::Destination`), left alone.
    pub other_batches: u64,
    pub other: u64,
    /// Why the replay stopped before the end.
    pub stopped: Option<String>,
    /// The last rejection's answer.
    pub rejected_reason: Option<String>,
    /// The service refused the API key.
    pub auth_rejected: bool,
    /// Another process held the lock.
    pub busy: bool,
}

impl Replayed {
    /// One line: what went out, what was refused, what still waits here and
    /// what waits for another destination.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "replayed the spool: {} delivered, {} rejected, {} left ({})",
            entries(self.delivered),
            self.rejected,
            self.remaining,
            batches(self.remaining_batches)
        );
        if self.other_batches > 0 {
            s.push_str(&format!(
                "; {} ({}) meant for another endpoint or API key",
                entries(self.other),
                batches(self.other_batches)
            ));
        }
        if let Some(why) = &self.stopped {
            s.push_str(&format!("; stopped: {why}"));
        }
        s
    }
}

fn entries(n: u64) -> String {
    format!("{n} {}", if n == 1 { "entry" } else { "entries" })
}

fn batches(n: u64) -> String {
    format!("{n} {}", if n == 1 { "batch" } else { "batches" })
}

impl Sender {
    /// Replay pending batches, oldest first (see [`ReplayMode`]).
    pub fn replay(&mut self, mode: ReplayMode) -> Replayed {
        let mut r = Replayed::default();
        if self.blocked.is_some() {
            return r;
        }
        let Some(spool) = self.spool.as_ref() else {
            return r;
        };
        let files = spool.pending();
        if files.is_empty() {
            return r;
        }
        let (deadline, any, wait) = match mode {
            ReplayMode::Quick(d) => (Some(Instant::now() + d), false, Duration::ZERO),
            ReplayMode::Flush { any_destination } => {
                (None, any_destination, Duration::from_secs(60))
            }
        };
        let _lock = match spool.lock(wait) {
            Ok(Some(l)) => l,
            Ok(None) => {
                output::verbose("another auralog process is replaying the spool; not replaying");
                r.busy = true;
                return r;
            }
            Err(e) => {
                output::warn(&format!(
                    "cannot lock the spool at {}: {e}; not replaying it",
                    spool.dir.display()
                ));
                r.busy = true;
                return r;
            }
        };
        spool.sweep_stale();
        output::verbose(&format!(
            "replaying {} spooled batch file(s) from {}",
            files.len(),
            spool.dir.display()
        ));
        let dest = spool.dest.clone();
        for path in files {
            let time_left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            if r.stopped.is_none() && time_left == Some(Duration::ZERO) {
                r.stopped = Some("the replay time budget ran out".into());
            }
            if r.stopped.is_some() {
                // Count what is left (one header line each), so the summary
                // says how much still waits.
                if let Ok(h) = read_header(&path) {
                    if any || dest.accepts(&h) {
                        r.remaining_batches += 1;
                        r.remaining += h.count as u64;
                    } else {
                        r.other_batches += 1;
                        r.other += h.count as u64;
                    }
                }
                continue;
            }
            let (header, body) = match read_file(&path) {
                Ok(x) => x,
                // Gone: delivered by another process in the meantime.
                Err(_) if !path.exists() => continue,
                Err(e) => {
                    self.set_aside_unreadable(&path, &e);
                    continue;
                }
            };
            if !any && !dest.accepts(&header) {
                r.other_batches += 1;
                r.other += header.count as u64;
                continue;
            }
            let batch = match header.batch(body) {
                Ok(b) => b,
                Err(e) => {
                    self.set_aside_unreadable(&path, &e);
                    continue;
                }
            };
            let tries = match time_left {
                Some(t) => Tries::Once(self.policy.timeout.min(t).max(Duration::from_millis(100))),
                None => Tries::Budget(self.policy.retry_budget),
            };
            self.replay_one(&path, &header, batch, tries, &mut r);
        }
        if r.delivered > 0 || r.rejected > 0 || r.remaining > 0 {
            output::verbose(&r.summary());
        }
        r
    }

    /// Send one spooled batch and settle its file: deleted when everything
    /// in it was delivered or kept elsewhere, moved to `rejected/` when
    /// refused, left in place when it still cannot be delivered.
    fn replay_one(
        &mut self,
        path: &Path,
        header: &Header,
        batch: Batch,
        tries: Tries,
        r: &mut Replayed,
    ) {
        let ours = self.ours.remove(path).is_some();
        let body = body_of(&batch).to_vec();
        let pieces = self.transmit(batch, tries);
        let whole = pieces.len() == 1;
        // Files written for pieces of a split batch, and whether one failed.
        let mut written: Vec<PathBuf> = Vec::new();
        let mut pending_written: Vec<(PathBuf, u64)> = Vec::new();
        let mut write_failed = false;
        let mut keep_original = false;
        for (piece, fate) in pieces {
            let n = piece.count as u64;
            let refusal = match fate {
                Fate::Delivered | Fate::Partial { .. } => {
                    // A partial success: delivered but for the refused
                    // records, counted as rejected (they cannot be kept).
                    let refused = match fate {
                        Fate::Partial { rejected, message } if ours => {
                            let k = self.partially_refused(&piece, rejected, message.clone());
                            r.rejected_reason = Some(message);
                            k
                        }
                        Fate::Partial { rejected, message } => {
                            let k = rejected.min(n);
                            self.stats.replay_rejected += k;
                            r.rejected_reason = Some(message);
                            k
                        }
                        _ => 0,
                    };
                    r.rejected += refused;
                    r.delivered_batches += 1;
                    r.delivered += n - refused;
                    if ours {
                        self.reclaimed(&piece.idempotency_key, n - refused, refused);
                        self.stats.delivered += n - refused;
                        self.stats.undelivered = self.stats.undelivered.saturating_sub(n);
                        self.stats.spooled = self.stats.spooled.saturating_sub(n);
                    } else {
                        self.stats.replayed += n - refused;
                    }
                    continue;
                }
                Fate::Refused { status, message } if status == 401 || status == 403 => {
                    r.auth_rejected = true;
                    Err(message)
                }
                Fate::Failed(reason) => Err(reason),
                Fate::Refused { status, message } => Ok((status, message)),
            };
            match refusal {
                Err(reason) => {
                    // Still not deliverable: stays pending.
                    r.stopped = Some(reason);
                    r.remaining_batches += 1;
                    r.remaining += n;
                    if whole {
                        keep_original = true;
                    } else {
                        match self.spool_mut().keep(&piece, &header.reason) {
                            Ok(p) => {
                                written.push(p.clone());
                                pending_written.push((p, n));
                            }
                            Err(_) => write_failed = true,
                        }
                    }
                }
                Ok((status, message)) => {
                    r.rejected_batches += 1;
                    r.rejected += n;
                    r.rejected_reason = Some(message.clone());
                    self.stats.rejected_reason = Some(message.clone());
                    if ours {
                        self.reclaimed(&piece.idempotency_key, 0, n);
                        self.stats.rejected += n;
                        self.stats.undelivered = self.stats.undelivered.saturating_sub(n);
                        self.stats.spooled = self.stats.spooled.saturating_sub(n);
                    } else {
                        self.stats.replay_rejected += n;
                    }
                    if whole {
                        let h = header.clone();
                        if let Err(e) = self
                            .spool_mut()
                            .reject_file(path, h, &body, status, &message)
                        {
                            output::warn(&format!(
                                "{}: refused by the service ({message}), but it cannot be moved to {REJECTED}/ ({e}); it stays pending",
                                path.display()
                            ));
                            if ours {
                                self.ours.insert(path.to_path_buf(), header.count as u64);
                            }
                        }
                        return;
                    }
                    match self.spool_mut().keep_rejected(&piece, status, &message) {
                        Ok(p) => written.push(p),
                        Err(_) => write_failed = true,
                    }
                }
            }
        }
        if write_failed {
            // Keep the original whole rather than lose a piece; the pieces
            // already delivered go again later under the same derived
            // idempotency keys, which the service drops as duplicates.
            for p in &written {
                self.spool_mut().remove(p);
            }
            if ours {
                self.ours.insert(path.to_path_buf(), header.count as u64);
            }
            return;
        }
        if keep_original {
            if ours {
                self.ours.insert(path.to_path_buf(), header.count as u64);
            }
            return;
        }
        if ours {
            self.ours.extend(pending_written);
        }
        self.spool_mut().remove(path);
    }

    fn spool_mut(&mut self) -> &mut Spool {
        self.spool.as_mut().expect("replay runs with a spool")
    }

    /// A file that cannot be read as a batch goes to `rejected/` under a
    /// `.unreadable` name, so it neither blocks the replay nor disappears.
    fn set_aside_unreadable(&mut self, path: &Path, why: &str) {
        let spool = self.spool_mut();
        let dir = spool.rejected_dir();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let to = dir.join(format!("{name}.unreadable"));
        output::warn(&format!(
            "{}: not a readable spool batch ({why}); moved to {}",
            path.display(),
            to.display()
        ));
        if create_dir(&dir)
            .and_then(|()| fs::rename(path, &to))
            .is_err()
        {
            output::warn(&format!("{}: cannot move it aside", path.display()));
        }
    }
}
