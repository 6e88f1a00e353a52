//! The one synchronous batching sender every command uses.
//!
//! Entries are serialised as they arrive into one growing buffer; a batch
//! goes out when it reaches `batch_size` entries or `batch_bytes` bytes, when
//! `flush_interval` has passed since its first entry (callers poll
//! [`Sender::flush_if_due`]), when an error/fatal entry arrives (it goes out at
//! once through `/v1/logs/single`, after what was queued before it, to keep
//! order), and at the end.
//!
//! Where batches go is behind the [`Sink`] seam: one attempt at delivering
//! one batch. Retrying with backoff lives here, above any sink, and so does
//! the fallback for what cannot be delivered.

pub mod http;
pub mod retry;

use std::time::{Duration, Instant};

use crate::entry::{Entry, Level};
use crate::exit::Code;
use crate::output;
use crate::settings::Settings;

/// What one batch carries.
#[derive(Debug, Clone)]
pub enum Payload {
    /// Wire entries, each serialised JSON, joined by commas. `ends[i]` is the
    /// byte offset just past entry `i`, so a batch can be split (413).
    Entries {
        body: Vec<u8>,
        ends: Vec<usize>,
        single: bool,
    },
    /// A chunk of a file sent untouched (`ingest --raw`, PROTOCOL.md).
    Raw {
        format: String,
        content_type: String,
        query: Vec<(String, String)>,
        body: Vec<u8>,
    },
}

/// One request's worth of entries, with the idempotency key that stays the
/// same across its retries.
#[derive(Debug, Clone)]
pub struct Batch {
    pub payload: Payload,
    /// Number of records in the batch.
    pub count: usize,
    pub idempotency_key: String,
}

impl Batch {
    pub fn entries(body: Vec<u8>, ends: Vec<usize>, single: bool) -> Batch {
        let count = ends.len();
        Batch {
            payload: Payload::Entries { body, ends, single },
            count,
            idempotency_key: new_idempotency_key(),
        }
    }

    /// Bytes of payload (for summaries and verbose output).
    pub fn len(&self) -> usize {
        match &self.payload {
            Payload::Entries { body, .. } | Payload::Raw { body, .. } => body.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

/// A random 128-bit key, hex.
pub fn new_idempotency_key() -> String {
    format!("{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..))
}

/// The result of one attempt at delivering a batch.
#[derive(Debug, Clone, PartialEq)]
pub enum Attempt {
    Delivered,
    /// Worth trying again (network error, timeout, 408/425/429/5xx); `after`
    /// is the server's Retry-After, if it gave one.
    Retry {
        reason: String,
        after: Option<Duration>,
    },
    /// Permanent: retrying will not help. `status` 0 means no HTTP status
    /// (for example a URL the client cannot use).
    Reject {
        status: u16,
        message: String,
    },
}

/// Where batches go: one attempt, no retries. HTTP today; the spool and
/// other outputs (OTLP) plug in here.
pub trait Sink: Send {
    fn attempt(&mut self, batch: &Batch, timeout: Duration) -> Attempt;
}

/// Counts of what happened to every record handed to the sender.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Accepted by the service.
    pub delivered: u64,
    /// Not delivered after retrying (or never attempted because of a
    /// configuration problem).
    pub undelivered: u64,
    /// Permanently refused by the service.
    pub rejected: u64,
    /// Below `min_level`, not sent.
    pub filtered: u64,
    /// Requests made (attempts, including retries).
    pub requests: u64,
    /// The service refused the API key (401/403).
    pub auth_rejected: bool,
    /// Nothing was attempted because of a configuration problem.
    pub config_problem: bool,
    /// The last reason something was not delivered.
    pub last_problem: Option<String>,
}

/// Batching limits and retry policy, from the settings.
#[derive(Debug, Clone)]
pub struct Policy {
    pub batch_size: usize,
    pub batch_bytes: usize,
    pub flush_interval: Duration,
    pub timeout: Duration,
    pub retry_budget: Duration,
    pub min_level: Level,
}

impl Policy {
    pub fn from_settings(s: &Settings) -> Policy {
        Policy {
            batch_size: s.batch_size.max(1),
            batch_bytes: s.batch_bytes.max(1),
            flush_interval: s.flush_interval,
            timeout: s.timeout,
            retry_budget: s.retry_budget,
            min_level: s.min_level,
        }
    }
}

/// Why a configuration forbids sending at all (no key, plain http to a
/// remote host, a malformed endpoint). `None` when sending may go ahead.
pub fn blocking_problem(s: &Settings) -> Option<String> {
    if let Err(e) = http::check_endpoint(&s.endpoint, s.allow_insecure) {
        return Some(e);
    }
    if s.api_key.is_none() && !http::is_loopback_url(&s.endpoint) {
        return Some(
            "no API key configured (set AURALOG_API_KEY, use --api-key-file, or run `auralog config init`)"
                .into(),
        );
    }
    None
}

pub struct Sender {
    sink: Box<dyn Sink>,
    policy: Policy,
    blocked: Option<String>,
    buf: Vec<u8>,
    ends: Vec<usize>,
    opened: Option<Instant>,
    pub stats: Stats,
}

impl Sender {
    /// The sender for these settings: HTTP to the configured endpoint.
    pub fn new(settings: &Settings) -> Sender {
        let blocked = blocking_problem(settings);
        let sink = http::HttpSink::new(settings);
        Sender::with_sink(Box::new(sink), Policy::from_settings(settings), blocked)
    }

    pub fn with_sink(sink: Box<dyn Sink>, policy: Policy, blocked: Option<String>) -> Sender {
        Sender {
            sink,
            buf: Vec::with_capacity(policy.batch_bytes.min(1 << 20) + 1024),
            ends: Vec::new(),
            policy,
            blocked,
            opened: None,
            stats: Stats::default(),
        }
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Whether an entry at `level` passes `min_level`.
    pub fn admits(&self, level: Level) -> bool {
        level >= self.policy.min_level
    }

    /// Queue one entry. Returns false when `min_level` filtered it out.
    pub fn push(&mut self, entry: &Entry) -> bool {
        if !self.admits(entry.level) {
            self.stats.filtered += 1;
            return false;
        }
        let before = self.buf.len();
        if !entry.level.is_urgent() {
            // Serialise straight into the batch buffer: no copy on the hot path.
            if before > 0 {
                self.buf.push(b',');
            }
            entry.write_json(&mut self.buf);
            self.queued(before);
            return true;
        }
        let mut json = Vec::with_capacity(256);
        entry.write_json(&mut json);
        self.push_json(entry.level, &json)
    }

    /// Queue an entry already serialised as wire JSON (for hot paths that
    /// build the JSON themselves). Returns false when `min_level` filtered it.
    pub fn push_json(&mut self, level: Level, json: &[u8]) -> bool {
        if !self.admits(level) {
            self.stats.filtered += 1;
            return false;
        }
        if level.is_urgent() {
            self.flush();
            self.deliver(Batch::entries(json.to_vec(), vec![json.len()], true));
            return true;
        }
        let before = self.buf.len();
        if before > 0 {
            self.buf.push(b',');
        }
        self.buf.extend_from_slice(json);
        self.queued(before);
        true
    }

    /// Book-keeping after an entry was appended at `before..`: an entry that
    /// pushes the batch over its byte limit starts the next one.
    fn queued(&mut self, before: usize) {
        if before > 0 && self.buf.len() > self.policy.batch_bytes {
            let tail = self.buf.split_off(before);
            self.flush();
            self.buf.extend_from_slice(&tail[1..]);
        }
        self.ends.push(self.buf.len());
        if self.opened.is_none() {
            self.opened = Some(Instant::now());
        }
        if self.ends.len() >= self.policy.batch_size || self.buf.len() >= self.policy.batch_bytes {
            self.flush();
        }
    }

    /// Entries waiting in the current batch.
    pub fn pending(&self) -> usize {
        self.ends.len()
    }

    /// Time left before the open batch is due, `None` when nothing waits.
    pub fn due_in(&self) -> Option<Duration> {
        self.opened
            .map(|t| self.policy.flush_interval.saturating_sub(t.elapsed()))
    }

    /// Send the open batch if `flush_interval` has passed since it opened.
    pub fn flush_if_due(&mut self) {
        if self.due_in() == Some(Duration::ZERO) {
            self.flush();
        }
    }

    /// Send the open batch now.
    pub fn flush(&mut self) {
        self.opened = None;
        if self.ends.is_empty() {
            return;
        }
        let cap = self.buf.capacity();
        let body = std::mem::replace(&mut self.buf, Vec::with_capacity(cap));
        let ends = std::mem::take(&mut self.ends);
        self.deliver(Batch::entries(body, ends, false));
    }

    /// Send a batch made elsewhere (raw chunks).
    pub fn send_batch(&mut self, batch: Batch) {
        self.deliver(batch);
    }

    /// Deliver one batch: attempts with backoff within the retry budget,
    /// then the fallback.
    fn deliver(&mut self, batch: Batch) {
        if let Some(reason) = self.blocked.clone() {
            self.stats.config_problem = true;
            self.undelivered(batch, reason);
            return;
        }
        let start = Instant::now();
        let mut failures: u32 = 0;
        loop {
            let timeout = if failures == 0 {
                self.policy.timeout
            } else {
                self.policy
                    .timeout
                    .min(self.policy.retry_budget.saturating_sub(start.elapsed()))
                    .max(Duration::from_millis(100))
            };
            self.stats.requests += 1;
            match self.sink.attempt(&batch, timeout) {
                Attempt::Delivered => {
                    self.stats.delivered += batch.count as u64;
                    return;
                }
                Attempt::Reject { status, message } => {
                    self.rejected(batch, status, message);
                    return;
                }
                Attempt::Retry { reason, after } => {
                    failures += 1;
                    let wait = after.unwrap_or_else(|| retry::full_jitter(failures));
                    if start.elapsed() + wait > self.policy.retry_budget {
                        let why = match after {
                            Some(a) if a > self.policy.retry_budget => format!(
                                "{reason} (the service asked to retry after {}s, beyond the {}s retry budget)",
                                a.as_secs(),
                                self.policy.retry_budget.as_secs_f64()
                            ),
                            _ => format!("{reason} (gave up after {failures} attempts)"),
                        };
                        self.undelivered(batch, why);
                        return;
                    }
                    output::verbose(&format!("retrying in {} ms: {reason}", wait.as_millis()));
                    std::thread::sleep(wait);
                }
            }
        }
    }

    /// The fallback for a batch that could not be delivered.
    fn undelivered(&mut self, batch: Batch, reason: String) {
        self.stats.undelivered += batch.count as u64;
        self.stats.last_problem = Some(reason);
    }

    /// The fallback for a batch the service refused for good.
    fn rejected(&mut self, batch: Batch, status: u16, message: String) {
        if status == 401 || status == 403 {
            self.stats.auth_rejected = true;
        }
        self.stats.rejected += batch.count as u64;
        self.stats.last_problem = Some(message);
    }

    /// Flush what is left and return the counts.
    pub fn finish(mut self) -> Stats {
        self.flush();
        self.stats
    }
}

impl Stats {
    /// Report problems on stderr and pick the exit code (PRODUCT.md §3):
    /// by default 0 with a one-line warning; under `--strict` 77 for a
    /// rejected key, 78 for a configuration problem, 75 for anything not
    /// delivered.
    pub fn report(&self, strict: bool) -> Code {
        let lost = self.undelivered + self.rejected;
        if lost == 0 {
            return Code::Ok;
        }
        let reason = self
            .last_problem
            .as_deref()
            .unwrap_or("unknown problem")
            .to_string();
        let what = if self.rejected > 0 && self.undelivered == 0 {
            format!("{} entries rejected: {reason}", self.rejected)
        } else if self.rejected > 0 {
            format!(
                "{} entries not delivered and {} rejected: {reason}",
                self.undelivered, self.rejected
            )
        } else {
            format!("{} entries not delivered: {reason}", self.undelivered)
        };
        let code = if self.auth_rejected {
            Code::NoPerm
        } else if self.config_problem {
            Code::Config
        } else {
            Code::TempFail
        };
        if strict {
            output::error(&what);
            code
        } else {
            output::warn(&what);
            Code::Ok
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    /// A sink that records batches and answers from a script.
    struct Scripted {
        answers: Vec<Attempt>,
        seen: Arc<Mutex<Vec<Batch>>>,
    }

    impl Sink for Scripted {
        fn attempt(&mut self, batch: &Batch, _t: Duration) -> Attempt {
            self.seen.lock().unwrap().push(batch.clone());
            if self.answers.len() > 1 {
                self.answers.remove(0)
            } else {
                self.answers[0].clone()
            }
        }
    }

    fn policy(size: usize, bytes: usize) -> Policy {
        Policy {
            batch_size: size,
            batch_bytes: bytes,
            flush_interval: Duration::from_secs(5),
            timeout: Duration::from_secs(1),
            retry_budget: Duration::from_millis(300),
            min_level: Level::Info,
        }
    }

    fn entry(msg: &str, level: Level) -> Entry {
        Entry {
            level,
            message: msg.into(),
            environment: "test".into(),
            timestamp: "2026-11-22T10:00:00.000000Z".into(),
            metadata: Default::default(),
            stack_trace: None,
            trace_id: "t".into(),
        }
    }

    fn sender(answers: Vec<Attempt>, p: Policy) -> (Sender, Arc<Mutex<Vec<Batch>>>) {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = Scripted {
            answers,
            seen: seen.clone(),
        };
        (Sender::with_sink(Box::new(sink), p, None), seen)
    }

    fn bodies(seen: &Arc<Mutex<Vec<Batch>>>) -> Vec<(usize, bool)> {
        seen.lock()
            .unwrap()
            .iter()
            .map(|b| match &b.payload {
                Payload::Entries { ends, single, .. } => (ends.len(), *single),
                Payload::Raw { .. } => (0, false),
            })
            .collect()
    }

    #[test]
    fn batches_by_count() {
        let (mut s, seen) = sender(vec![Attempt::Delivered], policy(3, 1 << 20));
        for i in 0..7 {
            s.push(&entry(&format!("m{i}"), Level::Info));
        }
        let stats = s.finish();
        assert_eq!(bodies(&seen), vec![(3, false), (3, false), (1, false)]);
        assert_eq!(stats.delivered, 7);
    }

    #[test]
    fn batches_by_bytes_and_bodies_are_valid_json() {
        let (mut s, seen) = sender(vec![Attempt::Delivered], policy(1000, 400));
        for i in 0..10 {
            s.push(&entry(&format!("message number {i}"), Level::Info));
        }
        s.finish();
        let batches = seen.lock().unwrap();
        assert!(batches.len() > 1);
        let mut total = 0;
        for b in batches.iter() {
            let Payload::Entries { body, ends, .. } = &b.payload else {
                panic!()
            };
            assert!(body.len() <= 400 || ends.len() == 1);
            let arr: Vec<serde_json::Value> =
                serde_json::from_slice(&[b"[".as_slice(), body, b"]"].concat()).unwrap();
            assert_eq!(arr.len(), ends.len());
            assert_eq!(*ends.last().unwrap(), body.len());
            total += arr.len();
        }
        assert_eq!(total, 10);
    }

    #[test]
    fn urgent_entries_go_single_after_queued_ones() {
        let (mut s, seen) = sender(vec![Attempt::Delivered], policy(100, 1 << 20));
        s.push(&entry("a", Level::Info));
        s.push(&entry("boom", Level::Error));
        s.push(&entry("b", Level::Info));
        s.finish();
        assert_eq!(bodies(&seen), vec![(1, false), (1, true), (1, false)]);
    }

    #[test]
    fn min_level_filters() {
        let (mut s, seen) = sender(vec![Attempt::Delivered], policy(100, 1 << 20));
        assert!(!s.push(&entry("quiet", Level::Debug)));
        let stats = s.finish();
        assert!(seen.lock().unwrap().is_empty());
        assert_eq!(stats.filtered, 1);
    }

    #[test]
    fn retries_then_delivers_with_same_key() {
        let retry = Attempt::Retry {
            reason: "503".into(),
            after: Some(Duration::from_millis(10)),
        };
        let (mut s, seen) = sender(
            vec![retry.clone(), retry, Attempt::Delivered],
            policy(1, 1 << 20),
        );
        s.push(&entry("x", Level::Info));
        let stats = s.finish();
        assert_eq!(stats.delivered, 1);
        assert_eq!(stats.requests, 3);
        let keys: Vec<String> = seen
            .lock()
            .unwrap()
            .iter()
            .map(|b| b.idempotency_key.clone())
            .collect();
        assert!(keys.windows(2).all(|w| w[0] == w[1]));
    }

    #[test]
    fn gives_up_within_budget() {
        let retry = Attempt::Retry {
            reason: "refused".into(),
            after: None,
        };
        let (mut s, _) = sender(vec![retry], policy(1, 1 << 20));
        let t = Instant::now();
        s.push(&entry("x", Level::Info));
        let stats = s.finish();
        assert!(t.elapsed() < Duration::from_secs(2));
        assert_eq!(stats.undelivered, 1);
        assert_eq!(stats.report(true), Code::TempFail);
    }

    #[test]
    fn auth_rejection_maps_to_77_under_strict() {
        let (mut s, _) = sender(
            vec![Attempt::Reject {
                status: 401,
                message: "API key rejected".into(),
            }],
            policy(1, 1 << 20),
        );
        s.push(&entry("x", Level::Info));
        let stats = s.finish();
        assert_eq!(stats.rejected, 1);
        assert_eq!(stats.report(true), Code::NoPerm);
        assert_eq!(stats.report(false), Code::Ok);
    }
}
