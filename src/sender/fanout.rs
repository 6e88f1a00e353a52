//! Fan-out: one [`Sender`] per entry of `outputs` (each with its own wire
//! format, spool namespace, breaker and counts), every entry pushed to each.
//! The commands use it with the `Sender` API; the counts are merged.
//!
//! The settle feed ([`Senders::settle_feed`]) merges the outputs' too: a
//! batch is settled once every output settled it.

use std::collections::HashMap;
use std::sync::mpsc;
use std::time::Duration;

use super::{Feed, Sender, Settled, Stats};
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

    /// An entry already in the encoding of [`Senders::parts_encoder`] (so
    /// there is one output): queued as it is.
    pub fn push_encoded(&mut self, level: Level, entry: &[u8]) -> bool {
        debug_assert_eq!(self.0.len(), 1, "parts_encoder is for one output");
        self.0
            .first_mut()
            .is_some_and(|s| s.push_encoded(level, entry))
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

    /// The output's encoder when there is one output and it encodes from
    /// parts ([`super::encoder::Output::parts`]): batches written in its
    /// encoding go to it by [`Senders::send_encoded`]. None with several
    /// outputs: they share batches of wire JSON, each re-encoding them.
    pub fn parts_encoder(&self) -> Option<std::sync::Arc<dyn super::encoder::Output>> {
        match self.0.as_slice() {
            [one] => one.encoder().filter(|e| e.parts().is_some()).cloned(),
            _ => None,
        }
    }

    /// A batch written in the encoding of [`Senders::parts_encoder`] (so
    /// there is one output).
    pub fn send_encoded(&mut self, batch: super::Batch) {
        debug_assert_eq!(self.0.len(), 1, "parts_encoder is for one output");
        if let Some(one) = self.0.first_mut() {
            one.send_encoded(batch);
        }
    }

    /// Report every batch handed over once every output settled it.
    pub fn settle_feed(&mut self) -> SettleFeed {
        let (tx, rx) = mpsc::channel();
        for s in &mut self.0 {
            s.settle_feed(tx.clone());
        }
        SettleFeed {
            rx,
            outputs: self.0.len().max(1),
            partial: HashMap::new(),
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

/// The receiving side of the outputs' settle feeds: a batch comes out once
/// all of them settled it, with their counts added (as [`Senders::finish`]
/// adds theirs); a [`Feed::Reclaimed`] comes out as it is.
pub struct SettleFeed {
    rx: mpsc::Receiver<Feed>,
    outputs: usize,
    /// Batches some outputs settled: how many, and their counts so far.
    partial: HashMap<String, (usize, Settled)>,
}

impl SettleFeed {
    /// The next event available now, if any.
    pub fn try_next(&mut self) -> Option<Feed> {
        loop {
            let ev = self.rx.try_recv().ok()?;
            if let Some(ev) = self.merge(ev) {
                return Some(ev);
            }
        }
    }

    /// The next event, waiting at most `timeout`.
    pub fn next_within(&mut self, timeout: Duration) -> Option<Feed> {
        let until = std::time::Instant::now() + timeout;
        loop {
            let left = until.saturating_duration_since(std::time::Instant::now());
            let ev = self.rx.recv_timeout(left).ok()?;
            if let Some(ev) = self.merge(ev) {
                return Some(ev);
            }
        }
    }

    fn merge(&mut self, ev: Feed) -> Option<Feed> {
        let Feed::Settled(s) = ev else {
            return Some(ev);
        };
        if self.outputs == 1 {
            return Some(Feed::Settled(s));
        }
        let done = {
            let e = self
                .partial
                .entry(s.key.clone())
                .or_insert_with(|| (0, Settled::default()));
            e.0 += 1;
            e.1.absorb(&s);
            e.0 >= self.outputs
        };
        if !done {
            return None;
        }
        let (_, mut merged) = self.partial.remove(&s.key)?;
        merged.key = s.key;
        Some(Feed::Settled(merged))
    }
}

fn merged(all: impl Iterator<Item = Stats>) -> Stats {
    let mut stats = Stats::default();
    for s in all {
        stats.absorb(&s);
    }
    stats
}
