//! ingest's one pipeline: every file of a run goes through ONE set of
//! senders ([`Senders::bulk`]: one breaker, one connection pool, one
//! concurrency limiter per output, one replay of the spool at the start),
//! so a run of a thousand small files keeps its requests in flight and its
//! keep-alive connections across file boundaries, and a dead endpoint
//! costs the retry budget once, not once per file.
//!
//! Batches are built here, in the parser's thread, and cut at file
//! boundaries: each carries a [`Tag`] (its file, first and last line,
//! where its first record starts) kept under its idempotency key. A
//! sending thread owns the senders and hands batches over (bounded channel
//! of two, so parsing the next batch overlaps the last hand-over). The
//! senders' settle feed says what became of each batch once nothing more
//! will happen to it; the tags turn that into per-file counts (the file
//! summaries add up to the run's total by construction), into the line to
//! resume from when delivery stops for good, and into the settled prefix
//! of each file that checkpoints advance to (`resume.rs`). No barrier at a
//! file's end: a file's summary is ready once its last batch is settled.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, SyncSender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Instant;

use crate::formats::{EntryWriter, Record};
use crate::sender::batch::Batcher;
use crate::sender::encoder::Output;
use crate::sender::fanout::{Senders, SettleFeed};
use crate::sender::{Batch, Feed, Settled, Stats};
use crate::settings::Settings;

use super::resume::Checkpoints;

/// The first and last input line of a batch's records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Span(pub u64, pub u64);

/// Where a record starts, for checkpoints: the byte offset of its line's
/// start and that line's number, and how many records (valid or not) of
/// the input came before it. For input checkpointed by record count (gzip,
/// json) `offset` is what was read of the file when known (its end).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Mark {
    pub offset: u64,
    pub line: u64,
    pub index: u64,
}

/// What a batch is, in its input.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tag {
    /// The file's place among the run's inputs.
    pub file: usize,
    pub span: Span,
    /// Where its first record starts.
    pub start: Mark,
    /// Its sequence number in the file (0, 1, ...).
    pub seq: u64,
    pub count: u64,
}

/// One input's part of the run, as the settle feed tells it.
#[derive(Debug, Default)]
pub struct FileCounts {
    /// What its settled batches came to (summed over the outputs).
    pub stats: Stats,
    /// Batches handed over, and of those settled.
    pub handed: u64,
    pub settled: u64,
    /// Reading it is over: no more batches will come.
    pub read_done: bool,
    /// When its last batch settled (or its reading ended, whichever last).
    pub settled_at: Option<Instant>,
    /// Records read and not shipped: batches not handed to the senders
    /// once delivery stopped for good, and what was lost after that point
    /// (still in the file, from the line to resume at).
    pub not_shipped: u64,
    /// The lines of its lost batches (stdin: a real loss).
    pub lost_lines: Option<Span>,
    /// Batches settled, by sequence number, not yet contiguous with the
    /// settled prefix; and that prefix's length (checkpoints).
    pub settled_seqs: std::collections::BTreeSet<u64>,
    pub prefix: u64,
    /// Where the lost batches start (the settled prefix stops at them).
    pub lost_starts: std::collections::BTreeMap<u64, Mark>,
    /// Where reading it ended, and whether that is its end (checkpoints).
    pub end: Option<(Mark, bool)>,
}

impl FileCounts {
    pub fn is_settled(&self) -> bool {
        self.read_done && self.settled == self.handed
    }
}

/// What delivery stopping for good left to resume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StopAt {
    pub file: usize,
    pub line: u64,
    /// Why (the spool full or unwritable), once the run is finished.
    pub why: String,
}

pub struct Shipper {
    tx: Option<SyncSender<(Batch, usize)>>,
    worker: Option<JoinHandle<(Stats, Vec<u64>)>>,
    batch: Batcher,
    /// The one output's encoder when records are written in its encoding
    /// ([`Senders::parts_encoder`]); else they are wire JSON.
    parts: Option<Arc<dyn Output>>,
    /// When the open batch's first entry was encoded (microseconds): the
    /// observed time of its entries (OTLP), one clock read per batch.
    observed: i64,
    /// Input bytes read when the batch's age was last polled.
    read_at_poll: u64,
    /// The metadata keys of the last entry, as written.
    keys: crate::formats::KeyCache,
    /// The open batch's tag.
    open: Tag,
    file: usize,
    next_seq: u64,
    feed: SettleFeed,
    /// Batches handed over and not settled yet, by idempotency key.
    tags: HashMap<String, Tag>,
    /// The input of each batch spooled this run, by key (a later delivery
    /// in the run moves its counts).
    spooled_keys: HashMap<String, usize>,
    /// Reclaims seen before every output settled their batch.
    early_reclaims: Vec<(String, u64, u64)>,
    pub files: Vec<FileCounts>,
    /// Which inputs can be read again (files, not stdin).
    resumable: Vec<bool>,
    /// Set once delivery stopped for good: nothing more is handed over.
    stop: Arc<AtomicBool>,
    pub stopped_at: Option<StopAt>,
    /// `--resume`: where each file's settled prefix goes.
    checkpoints: Option<Checkpoints>,
}

impl Shipper {
    /// `resumable[i]`: input `i` can be read again (a file, not stdin).
    pub fn new(settings: &Settings, resumable: Vec<bool>) -> Shipper {
        let (tx, rx) = sync_channel::<(Batch, usize)>(2);
        let mut sender = Senders::bulk(settings);
        if resumable.iter().any(|r| *r) {
            // A loss in a file stops delivery and names where to resume:
            // said once, by ingest, not as "entries are being LOST".
            sender.quiet_loss();
        }
        let feed = sender.settle_feed();
        let batch = Batcher::new(sender.policy());
        // One output that encodes from parts (OTLP): its records are
        // written here in its encoding, not as wire JSON re-encoded on the
        // sending thread (that was a third of an OTLP ingest's CPU).
        let parts = sender.parts_encoder();
        let encoded = parts.is_some();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let n = resumable.len();
        let worker = std::thread::spawn(move || {
            let mut not_shipped = vec![0u64; n];
            for (batch, file) in rx {
                if flag.load(Ordering::SeqCst) {
                    not_shipped[file] += batch.count as u64;
                    continue;
                }
                if encoded {
                    sender.send_encoded(batch);
                } else {
                    sender.send_batch(batch);
                }
            }
            (sender.finish(), not_shipped)
        });
        Shipper {
            tx: Some(tx),
            worker: Some(worker),
            batch,
            parts,
            observed: 0,
            read_at_poll: u64::MAX,
            keys: crate::formats::KeyCache::default(),
            open: Tag::default(),
            file: 0,
            next_seq: 0,
            feed,
            tags: HashMap::new(),
            spooled_keys: HashMap::new(),
            early_reclaims: Vec::new(),
            files: (0..n).map(|_| FileCounts::default()).collect(),
            resumable,
            stop,
            stopped_at: None,
            checkpoints: None,
        }
    }

    /// `--resume`: advance `cps` as each file's settled prefix moves.
    pub fn with_checkpoints(mut self, cps: Checkpoints) -> Shipper {
        self.checkpoints = Some(cps);
        self
    }

    pub fn checkpoints(&mut self) -> Option<&mut Checkpoints> {
        self.checkpoints.as_mut()
    }

    /// Batches from here on belong to input `file`.
    pub fn start_file(&mut self, file: usize) {
        self.flush();
        self.file = file;
        self.next_seq = 0;
        self.open = Tag::default();
    }

    /// Input `file` is read: its last batch goes out now (batches never
    /// span two files). `end`: where reading ended, and whether that is
    /// the input's end (for checkpoints).
    pub fn end_file(&mut self, end: Option<(Mark, bool)>) {
        self.flush();
        let f = &mut self.files[self.file];
        f.read_done = true;
        f.end = end;
        if f.is_settled() {
            f.settled_at = Some(Instant::now());
        }
        self.poll();
        self.advance(self.file);
    }

    /// Where everything before is delivered, spooled or rejected in input
    /// `f`, and whether that is its end: the start of its first batch not
    /// settled (or lost), else the open batch's start, else where reading
    /// ended once it is over.
    fn settled_mark(&self, f: usize) -> Option<(Mark, bool)> {
        let c = &self.files[f];
        if c.prefix < c.handed {
            if let Some(m) = c.lost_starts.get(&c.prefix) {
                return Some((*m, false));
            }
            return self
                .tags
                .values()
                .find(|t| t.file == f && t.seq == c.prefix)
                .map(|t| (t.start, false));
        }
        if c.read_done {
            return c.end;
        }
        (f == self.file && !self.batch.is_empty()).then_some((self.open.start, false))
    }

    /// Move input `f`'s checkpoint to its settled mark.
    fn advance(&mut self, f: usize) {
        if self.checkpoints.is_none() {
            return;
        }
        if let Some((mark, complete)) = self.settled_mark(f) {
            if let Some(cps) = self.checkpoints.as_mut() {
                cps.advance(f, mark, complete);
            }
        }
    }

    /// Delivery stopped for good: reading should stop too.
    pub fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// Append one entry written by `write` to the open batch. `read` is the
    /// count of input bytes read so far: the batch's age is checked only when
    /// it moved, that is once per read of the input, not once per entry (a
    /// clock read per entry costs 4% of a syslog ingest). A slow stdin gives
    /// a read per line, so its batch still goes out after `flush_interval`.
    /// `start` is where the record starts (asked only when it opens a batch).
    /// The record is written by `writer`: as wire JSON, or in the one
    /// output's encoding from its parts.
    pub fn push(
        &mut self,
        read: u64,
        line: u64,
        start: impl FnOnce() -> Mark,
        writer: &EntryWriter,
        rec: &Record<'_>,
    ) {
        let opens = self.batch.is_empty();
        if opens && self.parts.is_some() {
            self.observed = crate::wire::time::now();
        }
        let (parts, observed, keys) = (&self.parts, self.observed, &mut self.keys);
        let write = |buf: &mut Vec<u8>| match parts.as_deref().and_then(|o| o.parts()) {
            Some(to) => writer.encode(rec, to, observed, buf),
            None => writer.write_keyed(rec, buf, keys),
        };
        if let Some(closed) = self.batch.push(write) {
            // The entry did not fit: it opens the next batch.
            self.send(closed);
            self.open_at(line, start());
        } else if opens {
            self.open_at(line, start());
        }
        self.open.span.1 = line;
        let polled = read != self.read_at_poll;
        self.read_at_poll = read;
        if self.batch.is_full() || (polled && self.batch.is_due()) {
            self.flush();
        }
    }

    fn open_at(&mut self, line: u64, start: Mark) {
        // Its file and sequence number are set when it is handed over.
        self.open = Tag {
            span: Span(line, line),
            start,
            ..Tag::default()
        };
    }

    /// Hand a closed batch (of the current input) over.
    pub fn send(&mut self, batch: Batch) {
        let mut tag = self.open;
        tag.file = self.file;
        tag.seq = self.next_seq;
        tag.count = batch.count as u64;
        self.next_seq += 1;
        self.files[self.file].handed += 1;
        self.tags.insert(batch.idempotency_key.clone(), tag);
        if let Some(tx) = &self.tx {
            // The sending thread only stops when the channel closes.
            let _ = tx.send((batch, self.file));
        }
        self.poll();
    }

    pub fn flush(&mut self) {
        if let Some(batch) = self.batch.take() {
            self.send(batch);
        }
    }

    /// Take in what the settle feed says now.
    pub fn poll(&mut self) {
        while let Some(ev) = self.feed.try_next() {
            self.take(ev);
        }
    }

    fn take(&mut self, ev: Feed) {
        match ev {
            Feed::Settled(s) => self.settled(&s),
            Feed::Reclaimed {
                key,
                delivered,
                rejected,
            } => {
                // A batch of this run spooled earlier went out after all.
                if self.tags.contains_key(&key) {
                    // Another output has not settled it yet (fan-out).
                    self.early_reclaims.push((key, delivered, rejected));
                    return;
                }
                // Which input it came from (its tag stays known).
                if let Some(&f) = self.spooled_keys.get(&key) {
                    let st = &mut self.files[f].stats;
                    let n = delivered + rejected;
                    st.delivered += delivered;
                    st.rejected += rejected;
                    st.spooled = st.spooled.saturating_sub(n);
                    st.undelivered = st.undelivered.saturating_sub(n);
                }
            }
        }
    }

    fn settled(&mut self, s: &Settled) {
        let Some(tag) = self.tags.remove(&s.key) else {
            return;
        };
        // Reclaims of this batch that came before it settled: taken now,
        // after its counts.
        let mut mine = Vec::new();
        if !self.early_reclaims.is_empty() {
            let rest;
            (mine, rest) = std::mem::take(&mut self.early_reclaims)
                .into_iter()
                .partition(|(k, _, _)| *k == s.key);
            self.early_reclaims = rest;
            self.spooled_keys.insert(s.key.clone(), tag.file);
        }
        self.settled_counts(tag, s);
        for (key, delivered, rejected) in mine {
            self.take(Feed::Reclaimed {
                key,
                delivered,
                rejected,
            });
        }
    }

    fn settled_counts(&mut self, tag: Tag, s: &Settled) {
        if s.spooled > 0 {
            self.spooled_keys.insert(s.key.clone(), tag.file);
        }
        let resumable = self.resumable[tag.file];
        let f = &mut self.files[tag.file];
        f.settled += 1;
        f.stats.delivered += s.delivered;
        f.stats.undelivered += s.undelivered;
        f.stats.spooled += s.spooled;
        f.stats.rejected += s.rejected;
        f.stats.lost += s.lost;
        if s.lost > 0 {
            if s.lost_reason.is_some() {
                f.stats.lost_reason.clone_from(&s.lost_reason);
            }
            f.lost_starts.insert(tag.seq, tag.start);
            if resumable {
                let at = StopAt {
                    file: tag.file,
                    line: tag.span.0.max(1),
                    why: String::new(),
                };
                // The earliest lost batch: with requests in flight a loss
                // may be seen after later batches settled.
                if self
                    .stopped_at
                    .as_ref()
                    .is_none_or(|s| (at.file, at.line) < (s.file, s.line))
                {
                    self.stopped_at = Some(at);
                }
                self.stop.store(true, Ordering::SeqCst);
            } else {
                f.lost_lines = Some(match f.lost_lines {
                    None => tag.span,
                    Some(a) => Span(a.0.min(tag.span.0), a.1.max(tag.span.1)),
                });
            }
        } else {
            // The settled prefix (checkpoints): only batches that need
            // the file no more; a lost one holds the prefix where it is.
            f.settled_seqs.insert(tag.seq);
            while f.settled_seqs.remove(&f.prefix) {
                f.prefix += 1;
            }
        }
        if f.is_settled() {
            f.settled_at = Some(Instant::now());
        }
        self.advance(tag.file);
    }

    /// Flush, wait for every batch to settle (the senders' `finish`: the
    /// end-of-run replay of what this run spooled included), and return the
    /// run's total with the per-file counts final.
    /// (The last flag: a checkpoint could not be written.)
    pub fn finish(mut self) -> (Stats, Vec<FileCounts>, Option<StopAt>, bool) {
        self.flush();
        drop(self.tx.take());
        let (mut total, not_shipped) = match self.worker.take().map(JoinHandle::join) {
            Some(Ok(done)) => done,
            _ => (
                Stats {
                    last_problem: Some("the sending thread failed".into()),
                    ..Stats::default()
                },
                vec![0; self.files.len()],
            ),
        };
        self.poll();
        for f in 0..self.files.len() {
            self.advance(f);
        }
        if let Some(cps) = self.checkpoints.as_mut() {
            cps.flush();
        }
        let now = Instant::now();
        for (f, n) in self.files.iter_mut().zip(not_shipped) {
            f.not_shipped += n;
            f.settled_at.get_or_insert(now);
        }
        if let Some(at) = self.stopped_at.as_mut() {
            at.why = self.files[at.file]
                .stats
                .lost_reason
                .take()
                .or_else(|| total.lost_reason.take())
                .unwrap_or_else(|| "the spool could not keep them".into());
            // Not lost: still in the files, from the line to resume at (the
            // command names this file and the ones after it).
            for f in &mut self.files[at.file..] {
                let lost = std::mem::take(&mut f.stats.lost);
                f.not_shipped += lost;
                f.stats.undelivered = f.stats.undelivered.saturating_sub(lost);
                total.lost = total.lost.saturating_sub(lost);
                total.undelivered = total.undelivered.saturating_sub(lost);
            }
        }
        let failed = self.checkpoints.as_ref().is_some_and(Checkpoints::failed);
        (total, self.files, self.stopped_at, failed)
    }
}
