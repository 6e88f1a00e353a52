//! Fan-out: one [`Sender`] per entry of `outputs` (each with its own wire
//! format, spool namespace, breaker and counts), every entry pushed to each.
//! The commands use it with the `Sender` API; the counts are merged.

use std::time::Duration;

use super::{Sender, Stats};
use crate::settings::Settings;
use crate::wire::{Entry, Level};

pub struct Senders(pub Vec<Sender>);

impl Senders {
    /// The one-shot senders ([`Sender::new_for`]) of `settings.outputs`.
    pub fn new(settings: &Settings) -> Senders {
        Senders::of(settings, Sender::new_for)
    }

    /// The bulk senders ([`Sender::bulk_for`]) of `settings.outputs`.
    pub fn bulk(settings: &Settings) -> Senders {
        Senders::of(settings, Sender::bulk_for)
    }

    fn of(settings: &Settings, make: fn(&Settings, &str) -> Sender) -> Senders {
        let mut names: Vec<&str> = Vec::new();
        for o in &settings.outputs {
            if !names.contains(&o.as_str()) {
                names.push(o);
            }
        }
        if names.is_empty() {
            names.push(super::AURALOGS);
        }
        Senders(names.into_iter().map(|n| make(settings, n)).collect())
    }

    /// One abort handle per output.
    pub fn abort_handles(&self) -> Vec<super::pool::AbortHandle> {
        self.0.iter().map(Sender::abort_handle).collect()
    }

    pub fn map(self, f: impl Fn(Sender) -> Sender) -> Senders {
        Senders(self.0.into_iter().map(f).collect())
    }

    /// Whether any output took it (false: `min_level` filtered it out).
    pub fn push(&mut self, entry: &Entry) -> bool {
        self.0
            .iter_mut()
            .fold(false, |took, s| s.push(entry) | took)
    }

    pub fn push_json(&mut self, level: Level, json: &[u8]) -> bool {
        self.0
            .iter_mut()
            .fold(false, |took, s| s.push_json(level, json) | took)
    }

    /// A batch made elsewhere to every output (each re-encodes it if its
    /// format is not the wire JSON).
    pub fn send_batch(&mut self, batch: super::Batch) {
        if let Some((last, rest)) = self.0.split_last_mut() {
            for s in rest {
                s.send_batch(batch.clone());
            }
            last.send_batch(batch);
        }
    }

    pub fn quiet_loss(&mut self) {
        self.0.iter_mut().for_each(Sender::quiet_loss);
    }

    /// The batching limits (the same settings make every output's).
    pub fn policy(&self) -> &super::Policy {
        self.0[0].policy()
    }

    pub fn lost_so_far(&self) -> u64 {
        self.0.iter().map(Sender::lost_so_far).sum()
    }

    pub fn lost_batches(&self) -> Vec<(String, u64)> {
        self.0.iter().flat_map(Sender::lost_batches).collect()
    }

    pub fn due_in(&self) -> Option<Duration> {
        self.0.iter().filter_map(Sender::due_in).min()
    }

    pub fn flush_if_due(&mut self) {
        self.0.iter_mut().for_each(Sender::flush_if_due);
    }

    pub fn flush(&mut self) {
        self.0.iter_mut().for_each(Sender::flush);
    }

    pub fn finish(self) -> Stats {
        merged(self.0.into_iter().map(Sender::finish))
    }

    pub fn finish_within(self, limit: Duration) -> Stats {
        merged(self.0.into_iter().map(|s| s.finish_within(limit)))
    }

    pub fn abandon(self) -> Stats {
        merged(self.0.into_iter().map(Sender::abandon))
    }
}

fn merged(all: impl Iterator<Item = Stats>) -> Stats {
    let mut stats = Stats::default();
    for s in all {
        stats.absorb(&s);
    }
    stats
}
