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
//! the fallback for what cannot be delivered: the disk spool ([`spool`]).
//!
//! What happens to a batch:
//! - delivered (2xx);
//! - retried with backoff within `retry_budget`, then kept in the spool
//!   when it still fails (network error, timeout, 408/425/429/5xx);
//! - 413: split in halves (a raw chunk: cut again by its format's chunker
//!   at half its size), each sent again; one entry or record still too
//!   large is refused for good;
//! - 401/403: kept in the spool (the key is at fault, not the batch: it goes
//!   out once the key is fixed);
//! - any other 4xx: kept under the spool's `rejected/` with the answer;
//! - a configuration that forbids sending (no key, plain http): kept in the
//!   spool with that reason.
//!
//! A circuit breaker keeps a dead endpoint from making a long stream crawl:
//! once a batch had to be spooled after its retry budget, later batches go
//! straight to the spool, except for one single-attempt probe every
//! [`PROBE_INTERVAL`]; when a probe gets through, the breaker closes and
//! what this run spooled is replayed.

pub mod batch;
pub mod crossrun;
pub mod encoder;
pub mod fanout;
pub mod http;
pub mod otlp;
pub mod pool;
pub mod replay;
pub mod retry;
pub mod spool;

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::exit::Code;
use crate::output;
use crate::settings::Settings;
use crate::wire::{Entry, Level};

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

/// A settled batch hands its body back for the next one to be written into
/// ([`batch::spare`]): a fresh megabyte buffer per batch cost ingest a
/// page fault per 4 KiB written (6% of its reading thread, `perf record`).
impl Drop for Batch {
    fn drop(&mut self) {
        if let Payload::Entries { body, .. } = &mut self.payload {
            batch::recycle(std::mem::take(body));
        }
    }
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

    /// Split a batch the service found too large (413) into smaller ones,
    /// each with an idempotency key derived from this one (`KEY-1`,
    /// `KEY-2`, ...), so splitting again on a replay gives the same keys.
    /// Entries are cut in two halves; a raw chunk is cut again by its own
    /// format's chunker at half its size (a csv piece repeats the header, a
    /// json piece is an array). `None` when there is nothing to cut: one
    /// entry, or a raw chunk of one record.
    pub fn split(&self) -> Option<Vec<Batch>> {
        let derived = |i: usize| format!("{}-{}", self.idempotency_key, i + 1);
        match &self.payload {
            Payload::Entries { body, ends, single } => {
                if ends.len() < 2 {
                    return None;
                }
                let mid = ends.len() / 2;
                let cut = ends[mid - 1];
                // Entries are joined by one comma.
                let second = cut + 1;
                let first_half = Batch {
                    payload: Payload::Entries {
                        body: body[..cut].to_vec(),
                        ends: ends[..mid].to_vec(),
                        single: *single,
                    },
                    count: mid,
                    idempotency_key: derived(0),
                };
                let second_half = Batch {
                    payload: Payload::Entries {
                        body: body.get(second..)?.to_vec(),
                        ends: ends[mid..].iter().map(|e| e - second).collect(),
                        single: *single,
                    },
                    count: ends.len() - mid,
                    idempotency_key: derived(1),
                };
                Some(vec![first_half, second_half])
            }
            Payload::Raw {
                format,
                content_type,
                query,
                body,
            } => {
                let fmt = crate::formats::Format::parse_name(format)?;
                let mut pieces = Vec::new();
                crate::formats::chunks(
                    fmt,
                    &mut &body[..],
                    (body.len() / 2).max(1),
                    &mut |c, n| {
                        pieces.push(Batch {
                            payload: Payload::Raw {
                                format: format.clone(),
                                content_type: content_type.clone(),
                                query: query.clone(),
                                body: c.to_vec(),
                            },
                            count: n,
                            idempotency_key: derived(pieces.len()),
                        });
                        crate::formats::Flow::Continue
                    },
                )
                .ok()?;
                (pieces.len() >= 2).then_some(pieces)
            }
        }
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
    /// Accepted, but the receiver refused `rejected` of the batch's records
    /// (an OTLP `partialSuccess`): those are counted as rejected and not
    /// kept anywhere, since the answer does not say which they were.
    Partial {
        rejected: u64,
        message: String,
    },
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
///
/// Every record passed to `push`/`send_batch` ends up in exactly one of
/// `delivered`, `undelivered` or `rejected` (or `filtered`). Of those not
/// delivered, `spooled` were kept in the spool and `lost` could not be kept
/// anywhere (spool full or unwritable).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Accepted by the service.
    pub delivered: u64,
    /// Not delivered after retrying (or never attempted because of a
    /// configuration problem, or because the API key was refused). With a
    /// spool these are kept there (`spooled`) unless it was full (`lost`).
    pub undelivered: u64,
    /// Permanently refused by the service (kept under the spool's
    /// `rejected/` folder unless it was full, or, for `partial_rejected`,
    /// not kept at all).
    pub rejected: u64,
    /// Of `rejected`, records an OTLP receiver refused in a 200 answer
    /// (`partialSuccess.rejectedLogRecords`): the rest of their batch was
    /// delivered, and which records were refused is not said, so they
    /// cannot be kept.
    pub partial_rejected: u64,
    /// Of `partial_rejected`, those in spool files this run reclaimed (the
    /// pool counts a reclaimed file as delivered whole; settling subtracts
    /// these).
    pub(crate) reclaimed_refused: u64,
    /// Of `undelivered`, entries kept in the spool for a later run.
    pub spooled: u64,
    /// Entries neither delivered nor kept: the spool was full or could not
    /// be written. Always an error (exit 1).
    pub lost: u64,
    /// Entries spooled by earlier runs and delivered by this one.
    pub replayed: u64,
    /// Entries spooled by earlier runs and refused by the service now.
    pub replay_rejected: u64,
    /// The spool this run used, if any.
    pub spool_dir: Option<PathBuf>,
    /// Why entries were not delivered (the last reason).
    pub undelivered_reason: Option<String>,
    /// Why entries were refused (the last answer).
    pub rejected_reason: Option<String>,
    /// Why entries were lost.
    pub lost_reason: Option<String>,
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
    /// Batches lost (idempotency key, entries), for a caller that can say
    /// where to resume ([`Sender::lost_batches`]).
    pub lost_batches: Vec<(String, u64)>,
}

/// What became of one batch handed to a sender, once nothing more will
/// happen to it in this run: the counts it added (delivered, spooled,
/// refused, lost). Sent on the settle feed ([`Sender::settle_feed`]) by
/// idempotency key (the key of the batch as handed over: the pieces of a
/// 413 split settle together under it), so a caller that must know when a
/// batch no longer needs its input (ingest's per-file counts, checkpoints)
/// can tell. `lost > 0`: some entries are neither delivered nor kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settled {
    pub key: String,
    pub delivered: u64,
    pub undelivered: u64,
    pub spooled: u64,
    pub rejected: u64,
    pub lost: u64,
    pub lost_reason: Option<String>,
}

/// A sender's counts at one moment, to see what settling a batch added
/// (a copy, not the whole [`Stats`] with its strings).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Counts {
    delivered: u64,
    undelivered: u64,
    spooled: u64,
    rejected: u64,
    lost: u64,
}

impl Stats {
    pub(crate) fn snapshot(&self) -> Counts {
        Counts {
            delivered: self.delivered,
            undelivered: self.undelivered,
            spooled: self.spooled,
            rejected: self.rejected,
            lost: self.lost,
        }
    }
}

impl Settled {
    /// The counts `now` has beyond `before` (a snapshot of the same sender).
    fn between(key: &str, before: Counts, now: &Stats) -> Settled {
        Settled {
            key: key.to_string(),
            delivered: now.delivered.saturating_sub(before.delivered),
            undelivered: now.undelivered.saturating_sub(before.undelivered),
            spooled: now.spooled.saturating_sub(before.spooled),
            rejected: now.rejected.saturating_sub(before.rejected),
            lost: now.lost.saturating_sub(before.lost),
            lost_reason: now.lost_reason.clone().filter(|_| now.lost > before.lost),
        }
    }

    /// Add another output's fate of the same batch (fan-out).
    pub fn absorb(&mut self, o: &Settled) {
        self.delivered += o.delivered;
        self.undelivered += o.undelivered;
        self.spooled += o.spooled;
        self.rejected += o.rejected;
        self.lost += o.lost;
        if o.lost_reason.is_some() {
            self.lost_reason.clone_from(&o.lost_reason);
        }
    }
}

/// What the settle feed carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Feed {
    /// A batch handed over is settled (every batch is, exactly once per output).
    Settled(Settled),
    /// Entries of a batch this run spooled were delivered (or refused) later
    /// in the run: they move from `spooled` to `delivered` (or `rejected`).
    /// `key` is the spooled batch's (a split piece's `KEY-N` is given as `KEY`).
    Reclaimed {
        key: String,
        delivered: u64,
        rejected: u64,
    },
}

/// The sending side of a settle feed.
pub type FeedTx = std::sync::mpsc::Sender<Feed>;

/// The key a spooled piece of a split batch (`KEY-1-2`) was handed over as.
pub fn base_key(key: &str) -> &str {
    key.split('-').next().unwrap_or(key)
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

/// An entry's wire JSON read back (for outputs with another encoding).
pub fn entry_of_json(json: &[u8]) -> Option<Entry> {
    let v: serde_json::Value = serde_json::from_slice(json).ok()?;
    let text = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
    Some(Entry {
        level: Level::parse_arg(v.get("level")?.as_str()?).ok()?,
        message: text("message"),
        environment: text("environment"),
        timestamp: text("timestamp"),
        metadata: v
            .get("metadata")
            .and_then(|m| m.as_object())
            .cloned()
            .unwrap_or_default(),
        stack_trace: v
            .get("stackTrace")
            .and_then(|x| x.as_str())
            .map(str::to_string),
        trace_id: text("traceId"),
    })
}

/// The values of `outputs`.
pub const AURALOGS: &str = "auralogs";
pub const OTLP: &str = "otlp";

/// [`blocking_problem`] for one output: the OTLP one needs no API key
/// (collectors take none), only an endpoint that passes the same rules.
pub fn output_problem(s: &Settings, output: &str) -> Option<String> {
    if output == OTLP {
        return http::check_endpoint(&s.otlp_endpoint, s.allow_insecure)
            .err()
            .map(|e| format!("OTLP output: {e}"));
    }
    blocking_problem(s)
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

/// The retry budget (and the request timeout) of one-shot commands when
/// `retry_budget` is not set.
pub const ONE_SHOT_BUDGET: Duration = Duration::from_secs(2);

/// Why batches were spooled when the sender was abandoned or ran out of time.
const ABANDONED: &str = "interrupted before it could be delivered";

/// How often, while the circuit breaker is open, one batch is tried once
/// instead of going straight to the spool.
pub const PROBE_INTERVAL: Duration = Duration::from_secs(5);

/// How hard to try one batch.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Tries {
    /// Retry with backoff within this budget.
    Budget(Duration),
    /// One attempt, with at most this timeout.
    Once(Duration),
}

/// What became of a batch (or of a piece of a split one).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Fate {
    Delivered,
    /// Delivered but for `rejected` records ([`Attempt::Partial`]).
    Partial {
        rejected: u64,
        message: String,
    },
    /// Not delivered, worth trying later.
    Failed(String),
    /// Refused by the service.
    Refused {
        status: u16,
        message: String,
    },
}

/// The open circuit breaker: the endpoint failed a whole retry budget.
#[derive(Debug)]
pub(crate) struct Breaker {
    reason: String,
    last_probe: Instant,
}

/// What the sending thread does with a closed batch when the batches
/// queued and in flight are at their bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overflow {
    /// Wait for room (back-pressure): for input that can be read again.
    Wait,
    /// Keep it in the spool and go on (stdin cannot be read again); the
    /// workers deliver it when they catch up. Waits only when the spool is
    /// full too.
    Spool,
}

pub struct Sender {
    sink: Box<dyn Sink>,
    policy: Policy,
    blocked: Option<String>,
    batch: batch::Batcher,
    pub stats: Stats,
    spool: Option<spool::Spool>,
    /// Files this run spooled, with their entry counts, so delivering them
    /// later in the run moves them back to `delivered`.
    ours: HashMap<PathBuf, u64>,
    /// The breaker, the limiter and the pool's queue, shared with the workers.
    shared: Arc<pool::Shared>,
    /// Requests in flight (streams and ingest); `None`: one at a time, on
    /// this thread (one-shot commands).
    pool: Option<pool::Pool>,
    overflow: Overflow,
    /// "reading waits" was said.
    told_wait: bool,
    /// The destination's wire format (the encoder seam); `None`: the
    /// Auralogs envelope's entry JSON (a sender over a test sink).
    encoder: Option<Arc<dyn encoder::Output>>,
    /// The cross-run breaker's file, and the endpoint.
    cross: Option<(PathBuf, String)>,
    /// How long the last attempt took.
    last_attempt: Duration,
    /// The breaker was opened by the cross-run state at the start.
    cross_down: bool,
    probe_interval: Duration,
    /// Probes made (single attempts while the breaker was open).
    probes: u64,
    /// In `finish`: the last batch is probed whatever the interval.
    finishing: bool,
    /// The breaker closed again: replay what this run spooled, at `replay_at`.
    replay_at: Option<Instant>,
    /// The loud "spool full" error was printed.
    told_lost: bool,
    /// Where settled batches are reported, when a caller asked.
    feed: Option<FeedTx>,
}

impl Sender {
    /// The sender for these settings: HTTP to the configured endpoint, the
    /// disk spool as fallback. Replays what earlier runs spooled first,
    /// within [`replay::REPLAY_BUDGET`] (one `readdir` when the spool is empty).
    ///
    /// For one-shot commands (log, flow): one request at a time on this
    /// thread, and when `retry_budget` and `timeout` are not set, a short
    /// budget ([`ONE_SHOT_BUDGET`], which also caps the request timeout): the
    /// spool keeps what does not go through, and a script calling auralog
    /// many times must not wait the whole budget each time.
    pub fn new(settings: &Settings) -> Sender {
        Sender::new_for(settings, AURALOGS)
    }

    /// [`Sender::new`] for one output (`auralogs` or `otlp`, the values of
    /// `outputs`): its own wire format, spool namespace, breaker and counts.
    pub fn new_for(settings: &Settings, output: &str) -> Sender {
        let mut s = Sender::over(settings, http::HttpSink::new(settings), output);
        let default = |k: &str| {
            settings
                .shown(k)
                .is_none_or(|v| v.source == crate::settings::Source::Default)
        };
        if default("retry_budget") {
            s.policy.retry_budget = s.policy.retry_budget.min(ONE_SHOT_BUDGET);
        }
        if default("timeout") && default("retry_budget") {
            s.policy.timeout = s.policy.timeout.min(ONE_SHOT_BUDGET);
        }
        Sender::replayed(s)
    }

    /// Like [`Sender::new`], for commands that send full batches back to
    /// back (ingest, tail-stdin): up to `concurrency` requests in flight,
    /// each worker with its own connection (see [`pool`]); closed batches
    /// wait for room ([`Overflow::Wait`]) unless [`Sender::overflow_to_spool`].
    pub fn bulk(settings: &Settings) -> Sender {
        Sender::bulk_for(settings, AURALOGS)
    }

    /// [`Sender::bulk`] for one output (see [`Sender::new_for`]).
    pub fn bulk_for(settings: &Settings, output: &str) -> Sender {
        let s = Sender::over(settings, http::HttpSink::bulk(settings), output);
        let (max, fixed) = match settings.concurrency {
            Some(n) => (n, true),
            None => (pool::MAX_AUTO, false),
        };
        let worker_settings = settings.clone();
        let enc = s.encoder.clone().expect("over sets the output");
        let factory: pool::SinkFactory = Arc::new(move || {
            Box::new(http::HttpSink::worker(&worker_settings).with_output(enc.clone()))
                as Box<dyn Sink>
        });
        Sender::replayed(s.with_pool(factory, max, fixed))
    }

    /// Send through a pool of up to `max` workers, each with a sink made by
    /// `factory`; `fixed`: exactly `max` in flight at most, else adaptive.
    pub fn with_pool(mut self, factory: pool::SinkFactory, max: usize, fixed: bool) -> Sender {
        let copies = self.encoder.as_ref().is_some_and(|e| e.copies_batch());
        {
            let mut st = self.shared.lock();
            st.limiter = Some(pool::Limiter::new(max, fixed));
            st.weight = if copies { 2 } else { 1 };
        }
        self.pool = Some(pool::Pool {
            factory,
            max: max.max(1),
            threads: Vec::new(),
        });
        self
    }

    /// What to do when the batches in memory are at their bound.
    pub fn overflow_to_spool(mut self) -> Sender {
        self.overflow = Overflow::Spool;
        self
    }

    /// A handle that abandons this sender from another thread (see
    /// [`Sender::abandon`]).
    pub fn abort_handle(&self) -> pool::AbortHandle {
        pool::AbortHandle(self.shared.clone())
    }

    /// Like [`Sender::new`], without replaying the spool first
    /// (`auralog spool flush` replays it its own way).
    pub fn without_replay(settings: &Settings) -> Sender {
        Sender::over(settings, http::HttpSink::new(settings), AURALOGS)
    }

    fn over(settings: &Settings, sink: http::HttpSink, output: &str) -> Sender {
        if output == OTLP {
            // A collector needs no API key: only the endpoint rules apply
            // (plain http to a remote host needs allow_insecure).
            let endpoint = settings.otlp_endpoint.clone();
            let blocked = output_problem(settings, OTLP);
            let enc: Arc<dyn encoder::Output> = Arc::new(otlp::Otlp::new(settings));
            let spool = spool::Spool::new(
                settings.spool_dir.clone(),
                settings.spool_max_bytes,
                spool::Destination::new(&endpoint, None),
            );
            let mut s = Sender::with_sink(
                Box::new(sink.with_output(enc.clone())),
                Policy::from_settings(settings),
                blocked,
            )
            .with_spool(spool);
            s.cross = Some((crossrun::path_for(&settings.spool_dir, &endpoint), endpoint));
            s.encoder = Some(enc);
            return s;
        }
        let blocked = blocking_problem(settings);
        let mut s = Sender::with_sink(Box::new(sink), Policy::from_settings(settings), blocked)
            .with_spool(spool::Spool::from_settings(settings));
        s.cross = Some((
            crossrun::path_for(&settings.spool_dir, &settings.endpoint),
            settings.endpoint.clone(),
        ));
        s.encoder = Some(Arc::new(encoder::Auralogs::new(settings)));
        s
    }

    /// Replay what earlier runs spooled. When a recent run found the
    /// endpoint unreachable (the cross-run breaker, [`crossrun`]), the
    /// replay is a short probe (or, with an empty spool, this run's first
    /// batch is); when it fails, or when another run probed a slow endpoint
    /// just now, the breaker opens and this run spools at once.
    fn replayed(mut s: Sender) -> Sender {
        let verdict = match &s.cross {
            Some((p, _)) => crossrun::verdict(p),
            None => crossrun::Verdict::Try,
        };
        let why = match verdict {
            crossrun::Verdict::Try => {
                s.replay(replay::ReplayMode::Quick(replay::REPLAY_BUDGET));
                return s;
            }
            crossrun::Verdict::Skip(why) => {
                output::verbose(&format!("{why}; spooling without trying"));
                why
            }
            crossrun::Verdict::Probe(why) => {
                output::verbose(&format!("{why}; one short attempt"));
                let pending = s.spool.as_ref().is_some_and(|sp| !sp.pending().is_empty());
                if !pending || s.blocked.is_some() {
                    s.shared
                        .cross_probe
                        .store(true, std::sync::atomic::Ordering::SeqCst);
                    return s;
                }
                let r = s.replay(replay::ReplayMode::Quick(
                    s.policy.timeout.min(crossrun::PROBE_TIMEOUT),
                ));
                if r.delivered > 0 || r.stopped.is_none() || r.busy {
                    if r.delivered > 0 {
                        if let Some((p, _)) = &s.cross {
                            crossrun::cleared(p);
                        }
                    }
                    return s;
                }
                if let Some((p, endpoint)) = &s.cross {
                    let reason = r.stopped.clone().unwrap_or_default();
                    let slow = s.last_attempt >= crossrun::PROBE_TIMEOUT / 2;
                    crossrun::failed(p, endpoint, &reason, slow);
                }
                why
            }
        };
        *s.breaker_guard() = Some(Breaker {
            reason: why,
            last_probe: Instant::now(),
        });
        s.cross_down = true;
        s
    }

    /// A sender over any sink, without a spool: what cannot be delivered is
    /// only counted (see [`Sender::with_spool`]).
    pub fn with_sink(sink: Box<dyn Sink>, policy: Policy, blocked: Option<String>) -> Sender {
        Sender {
            sink,
            batch: batch::Batcher::new(&policy),
            policy,
            blocked,
            stats: Stats::default(),
            spool: None,
            ours: HashMap::new(),
            shared: pool::Shared::new(),
            pool: None,
            overflow: Overflow::Wait,
            told_wait: false,
            cross: None,
            encoder: None,
            last_attempt: Duration::ZERO,
            cross_down: false,
            probe_interval: PROBE_INTERVAL,
            probes: 0,
            finishing: false,
            replay_at: None,
            told_lost: false,
            feed: None,
        }
    }

    /// Keep what cannot be delivered in this spool.
    pub fn with_spool(mut self, spool: spool::Spool) -> Sender {
        self.stats.spool_dir = Some(spool.dir.clone());
        self.spool = Some(spool);
        self
    }

    /// Change the breaker's probe interval (tests).
    pub fn set_probe_interval(&mut self, every: Duration) {
        self.probe_interval = every;
    }

    /// Whether the circuit breaker is open (the endpoint is considered down).
    pub fn breaker_open(&self) -> bool {
        self.shared.breaker_open()
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
        match self.encoder.clone() {
            Some(enc) => self.queue(entry.level, |out| enc.encode(entry, out)),
            None => self.queue(entry.level, |out| entry.write_json(out)),
        }
    }

    /// Queue an entry already serialised as wire JSON (for hot paths that
    /// build the JSON themselves). Returns false when `min_level` filtered it.
    pub fn push_json(&mut self, level: Level, json: &[u8]) -> bool {
        // (The Auralogs hot path clones nothing here.)
        let other = self.encoder.as_ref().filter(|e| !e.wire_json()).cloned();
        match other {
            Some(enc) => self.queue(level, |out| {
                if !enc.encode_json(json, out) {
                    out.extend_from_slice(json);
                }
            }),
            None => self.queue(level, |out| out.extend_from_slice(json)),
        }
    }

    /// Queue an entry already in this output's encoding (a command that
    /// encodes from parts, [`encoder::Output::parts`]). Returns false when
    /// `min_level` filtered it.
    pub fn push_encoded(&mut self, level: Level, entry: &[u8]) -> bool {
        self.queue(level, |out| out.extend_from_slice(entry))
    }

    /// Filter by level, then send an urgent entry at once (after what was
    /// queued before it, to keep order) or serialise it straight into the
    /// open batch.
    fn queue(&mut self, level: Level, write: impl FnOnce(&mut Vec<u8>)) -> bool {
        if !self.admits(level) {
            self.stats.filtered += 1;
            return false;
        }
        if level.is_urgent() {
            self.flush();
            let mut json = Vec::with_capacity(256);
            write(&mut json);
            let end = json.len();
            self.deliver(Batch::entries(json, vec![end], true));
            return true;
        }
        if let Some(closed) = self.batch.push(write) {
            self.deliver(closed);
        }
        // Age is the caller's to poll (`flush_if_due`): no clock read per entry.
        if self.batch.is_full() {
            self.flush();
        }
        true
    }

    /// Entries waiting in the current batch.
    pub fn pending(&self) -> usize {
        self.batch.len()
    }

    /// Time left before the open batch is due, `None` when nothing waits.
    pub fn due_in(&self) -> Option<Duration> {
        self.batch.due_in()
    }

    /// Send the open batch if `flush_interval` has passed since it opened.
    pub fn flush_if_due(&mut self) {
        if self.due_in() == Some(Duration::ZERO) {
            self.flush();
        }
    }

    /// Send the open batch now.
    pub fn flush(&mut self) {
        if let Some(batch) = self.batch.take() {
            self.deliver(batch);
        }
    }

    /// Report every batch handed over ([`Sender::send_batch`], or closed
    /// from pushed entries) on `tx` once it is settled ([`Feed`]).
    pub fn settle_feed(&mut self, tx: FeedTx) {
        self.feed = Some(tx);
    }

    /// Report a settled batch: the counts it added since `before`.
    pub(crate) fn settled(&self, key: &str, before: Counts, now: &Stats) {
        if let Some(f) = &self.feed {
            let _ = f.send(Feed::Settled(Settled::between(key, before, now)));
        }
    }

    /// Report entries of this run's spooled batch delivered (or refused) later.
    pub(crate) fn reclaimed(&self, key: &str, delivered: u64, rejected: u64) {
        if let (Some(f), true) = (&self.feed, delivered + rejected > 0) {
            let _ = f.send(Feed::Reclaimed {
                key: base_key(key).to_string(),
                delivered,
                rejected,
            });
        }
    }

    /// The caller reports losses itself: ingest from a file stops at the
    /// first one and names the line to resume from (nothing is lost there).
    pub fn quiet_loss(&mut self) {
        self.told_lost = true;
    }

    /// Entries lost so far (the spool full or unwritable): the hook ingest
    /// watches to stop reading a file it can resume instead of losing more.
    pub fn lost_so_far(&self) -> u64 {
        self.stats.lost + self.shared.lock().stats.lost
    }

    /// The batches lost so far, by idempotency key, with their entry counts:
    /// with requests in flight a loss shows up after later batches were
    /// handed over, so the caller finds which of its batches it was.
    pub fn lost_batches(&self) -> Vec<(String, u64)> {
        let mut v = self.stats.lost_batches.clone();
        v.extend(self.shared.lock().stats.lost_batches.iter().cloned());
        v
    }

    /// This output's encoder.
    pub fn encoder(&self) -> Option<&Arc<dyn encoder::Output>> {
        self.encoder.as_ref()
    }

    /// Send a batch made elsewhere in this output's own encoding (ingest's
    /// records encoded from their parts, [`encoder::Output::parts`]): not
    /// re-encoded.
    pub fn send_encoded(&mut self, batch: Batch) {
        self.deliver(batch);
    }

    /// Send a batch made elsewhere (raw chunks).
    /// A raw chunk goes only to an output that accepts raw chunks.
    pub fn send_batch(&mut self, mut batch: Batch) {
        if let (Payload::Raw { .. }, Some(enc)) = (&batch.payload, &self.encoder) {
            if !enc.accepts_raw() {
                let msg = format!("the {} output does not accept raw chunks", enc.name());
                let before = self.stats.snapshot();
                self.rejected(&batch, 0, msg);
                self.settled(&batch.idempotency_key, before, &self.stats);
                return;
            }
        }
        if let (Payload::Entries { body, ends, .. }, Some(enc)) =
            (&mut batch.payload, &self.encoder)
        {
            if !enc.wire_json() {
                // Entries serialised as wire JSON elsewhere (ingest's parser
                // thread), re-encoded for this output in place: the same
                // entries (one end each), the same idempotency key.
                (*body, *ends) = enc.encode_json_batch(body, ends);
            }
        }
        self.deliver(batch);
    }

    /// Deliver one batch: handed to the pool when there is one, else
    /// delivered here.
    fn deliver(&mut self, batch: Batch) {
        let key = self.feed.as_ref().map(|_| batch.idempotency_key.clone());
        let before = key.as_ref().map(|_| self.stats.snapshot());
        // Queued for a worker: the worker (or the take-back) reports it.
        let settled_here = if self.pool.is_some() {
            !self.enqueue(batch)
        } else {
            self.deliver_shared(Arc::new(batch));
            true
        };
        if let (true, Some(key), Some(before)) = (settled_here, key, before) {
            self.settled(&key, before, &self.stats);
        }
    }

    /// Deliver one batch on this thread: attempts with backoff within the
    /// retry budget (one probe while the breaker is open), splitting on 413,
    /// then the fallbacks.
    pub(crate) fn deliver_shared(&mut self, batch: Arc<Batch>) {
        let before = self.stats.lost;
        let key = batch.idempotency_key.clone();
        self.deliver_one(batch);
        let lost = self.stats.lost - before;
        if lost > 0 {
            self.stats.lost_batches.push((key, lost));
        }
    }

    fn deliver_one(&mut self, batch: Arc<Batch>) {
        if let Some(reason) = self.blocked.clone() {
            self.stats.config_problem = true;
            self.undelivered(&batch, reason);
            return;
        }
        if self.shared.abandoning() {
            self.undelivered(&batch, ABANDONED.into());
            return;
        }
        let cross_probe = self
            .shared
            .cross_probe
            .swap(false, std::sync::atomic::Ordering::SeqCst);
        let probing = self.shared.breaker_open() || cross_probe;
        {
            let shared = self.shared.clone();
            let mut b = shared.breaker.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(br) = b.as_mut() {
                // At the end the last batch is probed, unless another run
                // (or this run's replay) just found the endpoint down.
                if (!self.finishing || self.cross_down)
                    && br.last_probe.elapsed() < self.probe_interval
                {
                    let reason = br.reason.clone();
                    drop(b);
                    self.undelivered(&batch, reason);
                    return;
                }
                // Claimed: the other workers do not probe at the same time.
                br.last_probe = Instant::now();
                self.probes += 1;
            }
        }
        let tries = if cross_probe {
            Tries::Once(self.policy.timeout.min(crossrun::PROBE_TIMEOUT))
        } else if probing {
            Tries::Once(self.policy.timeout)
        } else {
            Tries::Budget(self.policy.retry_budget)
        };
        let mut failed: Option<String> = None;
        let mut unreachable = false;
        for (piece, fate) in self.transmit_shared(batch, tries) {
            match fate {
                Fate::Delivered => self.stats.delivered += piece.count as u64,
                Fate::Partial { rejected, message } => {
                    let refused = self.partially_refused(&piece, rejected, message);
                    self.stats.delivered += piece.count as u64 - refused;
                }
                Fate::Failed(reason) => {
                    failed = Some(reason.clone());
                    unreachable = true;
                    self.undelivered(&piece, reason);
                }
                Fate::Refused { status, message } if status == 401 || status == 403 => {
                    // The key is at fault, not the batch: keep it to send
                    // once the key is fixed.
                    self.stats.auth_rejected = true;
                    failed = Some(message.clone());
                    self.undelivered(&piece, message);
                }
                Fate::Refused { status, message } => self.rejected(&piece, status, message),
            }
        }
        if let Some((path, endpoint)) = &self.cross {
            if unreachable && !self.shared.abandoning() {
                let slow = self.last_attempt >= crossrun::PROBE_TIMEOUT / 2;
                crossrun::failed(path, endpoint, failed.as_deref().unwrap_or(""), slow);
            } else if failed.is_none() && (probing || cross_probe) {
                crossrun::cleared(path);
            }
        }
        match failed {
            Some(reason) => {
                if !probing {
                    output::verbose(&format!(
                        "the endpoint is failing; later batches go to the spool, with a probe every {}s",
                        self.probe_interval.as_secs_f64()
                    ));
                }
                *self.breaker_guard() = Some(Breaker {
                    reason,
                    last_probe: Instant::now(),
                });
            }
            None if probing => {
                let was_open = self.breaker_guard().take().is_some();
                if was_open {
                    output::verbose("the endpoint answers again");
                }
                if !self.ours.is_empty() {
                    self.replay_at = Some(Instant::now());
                }
            }
            None => {}
        }
        if !self.shared.breaker_open() && self.replay_at.is_some_and(|t| t <= Instant::now()) {
            self.replay_at = None;
            let r = self.replay(replay::ReplayMode::Quick(replay::REPLAY_BUDGET));
            if r.stopped.is_some() && !self.ours.is_empty() {
                self.replay_at = Some(Instant::now() + self.probe_interval);
            }
        }
    }

    fn breaker_guard(&self) -> std::sync::MutexGuard<'_, Option<Breaker>> {
        self.shared
            .breaker
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    /// Try one batch as `tries` says. A 413 splits an entries batch in
    /// halves, each tried the same way. Once a piece fails, the pieces left
    /// are not tried (the endpoint is down). Returns every piece with its fate.
    pub(crate) fn transmit(&mut self, batch: Batch, tries: Tries) -> Vec<(Batch, Fate)> {
        self.transmit_shared(Arc::new(batch), tries)
            .into_iter()
            .map(|(b, f)| (Arc::unwrap_or_clone(b), f))
            .collect()
    }

    /// [`Sender::transmit`] over a shared batch (a pool worker's batch is
    /// also registered as in flight; it is not copied).
    fn transmit_shared(&mut self, batch: Arc<Batch>, tries: Tries) -> Vec<(Arc<Batch>, Fate)> {
        let mut queue = VecDeque::from([batch]);
        let mut out = Vec::new();
        let mut gave_up: Option<String> = None;
        while let Some(b) = queue.pop_front() {
            if let Some(reason) = &gave_up {
                out.push((b, Fate::Failed(reason.clone())));
                continue;
            }
            match self.attempts(&b, tries) {
                Attempt::Delivered => out.push((b, Fate::Delivered)),
                Attempt::Partial { rejected, message } => {
                    out.push((b, Fate::Partial { rejected, message }));
                }
                Attempt::Retry { reason, .. } => {
                    gave_up = Some(reason.clone());
                    out.push((b, Fate::Failed(reason)));
                }
                Attempt::Reject {
                    status: 413,
                    message,
                } => match b.split() {
                    Some(parts) => {
                        output::verbose(&format!(
                            "413: splitting a batch of {} records in {}",
                            b.count,
                            parts.len()
                        ));
                        for part in parts.into_iter().rev() {
                            queue.push_front(Arc::new(part));
                        }
                    }
                    None => {
                        let message = if b.count == 1 {
                            format!("entry too large for the service: {message}")
                        } else {
                            message
                        };
                        out.push((
                            b,
                            Fate::Refused {
                                status: 413,
                                message,
                            },
                        ));
                    }
                },
                Attempt::Reject { status, message } => {
                    if status == 401 || status == 403 {
                        gave_up = Some(message.clone());
                    }
                    out.push((b, Fate::Refused { status, message }));
                }
            }
        }
        out
    }

    /// Attempts at one batch: with backoff and full jitter, honouring
    /// Retry-After, until delivered, refused, or the budget is spent. The
    /// returned `Retry` carries the reason for giving up.
    fn attempts(&mut self, batch: &Batch, tries: Tries) -> Attempt {
        let (budget, first_timeout) = match tries {
            Tries::Budget(b) => (b, self.policy.timeout),
            Tries::Once(t) => (Duration::ZERO, t),
        };
        let start = Instant::now();
        let mut failures: u32 = 0;
        loop {
            if self.shared.abandoning() {
                return Attempt::Retry {
                    reason: ABANDONED.into(),
                    after: None,
                };
            }
            // A Retry-After seen by any worker holds back the whole destination.
            let hold = self
                .shared
                .not_before
                .lock()
                .ok()
                .and_then(|t| *t)
                .map(|t| t.saturating_duration_since(Instant::now()))
                .unwrap_or_default();
            if !hold.is_zero() && !matches!(tries, Tries::Once(_)) {
                let left = budget.saturating_sub(start.elapsed());
                std::thread::sleep(hold.min(left));
            }
            let timeout = if failures == 0 {
                first_timeout
            } else {
                self.policy
                    .timeout
                    .min(budget.saturating_sub(start.elapsed()))
                    .max(Duration::from_millis(100))
            };
            self.stats.requests += 1;
            let sent = Instant::now();
            let answer = self.sink.attempt(batch, timeout);
            self.last_attempt = sent.elapsed();
            self.shared
                .answer(!matches!(answer, Attempt::Retry { .. }), sent.elapsed());
            match answer {
                Attempt::Retry { reason, after } => {
                    failures += 1;
                    if let Some(a) = after {
                        if let Ok(mut t) = self.shared.not_before.lock() {
                            let until = Instant::now() + a;
                            *t = Some(t.map_or(until, |t| t.max(until)));
                        }
                    }
                    let wait = after.unwrap_or_else(|| retry::full_jitter(failures));
                    if start.elapsed() + wait > budget {
                        let reason = match after {
                            Some(a) if a > budget && !budget.is_zero() => format!(
                                "{reason} (the service asked to retry after {}s, beyond the {}s retry budget)",
                                a.as_secs(),
                                budget.as_secs_f64()
                            ),
                            _ if budget.is_zero() => reason,
                            _ => format!("{reason} (gave up after {failures} attempts)"),
                        };
                        return Attempt::Retry {
                            reason,
                            after: None,
                        };
                    }
                    output::verbose(&format!("retrying in {} ms: {reason}", wait.as_millis()));
                    std::thread::sleep(wait);
                }
                other => return other,
            }
        }
    }

    /// The fallback for a batch that could not be delivered: the spool.
    fn undelivered(&mut self, batch: &Batch, reason: String) {
        let n = batch.count as u64;
        self.stats.undelivered += n;
        self.stats.last_problem = Some(reason.clone());
        self.stats.undelivered_reason = Some(reason.clone());
        let Some(spool) = self.spool.as_mut() else {
            return;
        };
        match spool.keep(batch, &reason) {
            Ok(path) => {
                self.stats.spooled += n;
                self.ours.insert(path, n);
            }
            Err(e) => self.lost(n, e),
        }
    }

    /// Count the records of a delivered batch its receiver refused in a
    /// partial success (at most the batch's count); returns that number.
    fn partially_refused(&mut self, batch: &Batch, rejected: u64, message: String) -> u64 {
        let n = rejected.min(batch.count as u64);
        self.stats.rejected += n;
        self.stats.partial_rejected += n;
        self.stats.last_problem = Some(message.clone());
        self.stats.rejected_reason = Some(message);
        n
    }

    /// The fallback for a batch the service refused for good: kept under
    /// the spool's `rejected/` with the answer.
    fn rejected(&mut self, batch: &Batch, status: u16, message: String) {
        if status == 401 || status == 403 {
            self.stats.auth_rejected = true;
        }
        let n = batch.count as u64;
        self.stats.rejected += n;
        self.stats.last_problem = Some(message.clone());
        self.stats.rejected_reason = Some(message.clone());
        let Some(spool) = self.spool.as_mut() else {
            return;
        };
        if let Err(e) = spool.keep_rejected(batch, status, &message) {
            self.lost(n, e);
        }
    }

    /// Entries that could not be kept: loud, once, at the moment it happens.
    fn lost(&mut self, n: u64, why: spool::KeepError) {
        self.stats.lost += n;
        let dir = self
            .spool
            .as_ref()
            .map(|s| s.dir.display().to_string())
            .unwrap_or_default();
        // The real cause: the limit (then spool_max_bytes is the remedy),
        // or the disk or its permissions (then it is not).
        let (reason, advice) = match &why {
            spool::KeepError::Full { .. } => (
                format!("{why} (spool at {dir})"),
                "run `auralog spool flush` or `auralog spool clear`, or raise spool_max_bytes",
            ),
            // Its text names the spool and the error (disk full, permission).
            spool::KeepError::Io(_) => (
                why.to_string(),
                "free disk space or fix the spool directory's permissions (spool_dir)",
            ),
        };
        // Once per destination: the workers share the flag.
        if !self.told_lost && !self.shared.told_lost.swap(true, Ordering::SeqCst) {
            self.told_lost = true;
            output::error(&format!("entries are being LOST: {reason}; {advice}"));
        }
        self.stats.lost_reason = Some(reason);
    }

    /// Hand a closed batch to the pool: queued when it fits, else (the
    /// bound is reached) kept in the spool ([`Overflow::Spool`]) or waited
    /// for ([`Overflow::Wait`], and when the spool is full too). True when
    /// it was queued (a worker settles it), false when it was settled here.
    fn enqueue(&mut self, batch: Batch) -> bool {
        let shared = self.shared.clone();
        let mut st = shared.lock();
        self.spawn_worker_if_needed(&mut st);
        if pool::fits(&st, batch.len(), self.queued()) && !shared.abandoning() {
            st.held += st.held_of(batch.len());
            st.queue.push_back(batch);
            drop(st);
            shared.wake.notify_one();
            return true;
        }
        if self.overflow == Overflow::Spool || shared.abandoning() {
            drop(st);
            let n = batch.count as u64;
            let reason = if shared.abandoning() {
                ABANDONED.to_string()
            } else {
                "delivery was behind the input; kept in the spool so reading goes on".to_string()
            };
            if let Some(sp) = self.spool.as_mut() {
                if let Ok(path) = sp.keep(&batch, &reason) {
                    self.stats.undelivered += n;
                    self.stats.spooled += n;
                    self.stats.undelivered_reason = Some(reason.clone());
                    self.stats.last_problem = Some(reason);
                    if shared.abandoning() {
                        self.ours.insert(path, n);
                    } else {
                        shared.lock().overflow.push_back((path, n));
                        shared.wake.notify_one();
                    }
                    return false;
                }
            }
            if shared.abandoning() {
                self.undelivered(&batch, ABANDONED.into());
                return false;
            }
            if !self.told_wait {
                self.told_wait = true;
                output::warn(
                    "delivery is behind and the spool is full: reading waits for the network",
                );
            }
            st = shared.lock();
        }
        while !pool::fits(&st, batch.len(), self.queued()) && !shared.abandoning() {
            self.spawn_worker_if_needed(&mut st);
            st = shared
                .room
                .wait_timeout(st, Duration::from_millis(100))
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        if shared.abandoning() {
            drop(st);
            self.undelivered(&batch, ABANDONED.into());
            return false;
        }
        st.held += st.held_of(batch.len());
        st.queue.push_back(batch);
        drop(st);
        shared.wake.notify_one();
        true
    }

    /// How many closed batches may wait for a worker.
    fn queued(&self) -> usize {
        match self.overflow {
            Overflow::Wait => pool::QUEUED,
            Overflow::Spool => pool::QUEUED_STREAM,
        }
    }

    /// Start one more worker when none is idle and the limit allows it.
    fn spawn_worker_if_needed(&mut self, st: &mut pool::PoolState) {
        let Some(p) = self.pool.as_ref() else { return };
        let limit = st.limiter.as_ref().map_or(1, pool::Limiter::limit);
        if st.idle > st.queue.len() || st.workers >= limit.min(p.max) {
            return;
        }
        let core = self.worker_core((p.factory)());
        let shared = self.shared.clone();
        let spawned = std::thread::Builder::new()
            .name("sender".into())
            .spawn(move || pool::work(shared, core));
        if let Ok(h) = spawned {
            st.workers += 1;
            if let Some(p) = self.pool.as_mut() {
                p.threads.push(h);
            }
        }
    }

    /// A worker's sender: its own sink, this one's policy, spool, breaker
    /// and limiter.
    fn worker_core(&self, sink: Box<dyn Sink>) -> Sender {
        let mut core = Sender::with_sink(sink, self.policy.clone(), self.blocked.clone());
        if let Some(sp) = &self.spool {
            core = core.with_spool(spool::Spool::new(
                sp.dir.clone(),
                sp.max_bytes,
                sp.dest.clone(),
            ));
        }
        core.shared = self.shared.clone();
        core.cross.clone_from(&self.cross);
        core.told_lost = self.told_lost;
        core.probe_interval = self.probe_interval;
        core.feed.clone_from(&self.feed);
        core
    }

    /// Deliver a file this run spooled (overflow, or a failed batch) now that
    /// a worker is free: true when every entry in it was delivered (the file
    /// is gone).
    pub(crate) fn reclaim(&mut self, path: &Path) -> bool {
        let Ok((header, body)) = spool::read_file(path) else {
            return false;
        };
        let Ok(batch) = header.batch(body) else {
            return false;
        };
        let key = batch.idempotency_key.clone();
        let pieces = self.transmit(batch, Tries::Budget(self.policy.retry_budget));
        if pieces
            .iter()
            .all(|(_, f)| matches!(f, Fate::Delivered | Fate::Partial { .. }))
        {
            if let Some(sp) = self.spool.as_mut() {
                sp.remove(path);
            }
            let total: u64 = pieces.iter().map(|(b, _)| b.count as u64).sum();
            let mut refused = 0;
            for (piece, fate) in pieces {
                if let Fate::Partial { rejected, message } = fate {
                    let n = self.partially_refused(&piece, rejected, message);
                    self.stats.reclaimed_refused += n;
                    refused += n;
                }
            }
            self.reclaimed(&key, total - refused, refused);
            return true;
        }
        false
    }

    /// Wait for the pool until it is idle (everything settled), `deadline`
    /// passes, or the sender is abandoned; then take back, and spool, what
    /// is still queued or in flight, and merge the workers' counts.
    fn settle_pool(&mut self, deadline: Option<Instant>) {
        if self.pool.is_none() {
            return;
        }
        let shared = self.shared.clone();
        let mut st = shared.lock();
        st.closed = true;
        shared.wake.notify_all();
        loop {
            let done = st.workers == 0
                || (st.queue.is_empty()
                    && st.busy == 0
                    && (st.overflow.is_empty() || shared.breaker_open()));
            let signalled = shared.deadline.lock().ok().and_then(|d| *d);
            let deadline = match (deadline, signalled) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            if done || shared.abandoning() || deadline.is_some_and(|d| Instant::now() >= d) {
                break;
            }
            if st.workers == 0 && !st.queue.is_empty() {
                break;
            }
            st = shared
                .room
                .wait_timeout(st, Duration::from_millis(20))
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        let graceful = st.queue.is_empty() && st.busy == 0;
        // Take back what is not settled: from here on it is this thread's.
        st.abandoned = true;
        let queued: Vec<Batch> = st.queue.drain(..).collect();
        let in_flight: Vec<Arc<Batch>> = st.in_flight.drain().map(|(_, b)| b).collect();
        let stats = std::mem::take(&mut st.stats);
        let mut ours: Vec<(PathBuf, u64)> = st.overflow.drain(..).collect();
        ours.extend(st.ours.drain());
        let reclaimed = std::mem::take(&mut st.reclaimed);
        st.held = 0;
        drop(st);
        shared.wake.notify_all();
        self.stats.absorb(&stats);
        self.ours.extend(ours);
        // Of the reclaimed files' entries, those refused in a partial
        // success are counted as rejected already.
        let refused = std::mem::take(&mut self.stats.reclaimed_refused);
        self.stats.delivered += reclaimed.saturating_sub(refused);
        self.stats.undelivered = self.stats.undelivered.saturating_sub(reclaimed);
        self.stats.spooled = self.stats.spooled.saturating_sub(reclaimed);
        for b in &queued {
            let before = self.stats.snapshot();
            self.undelivered(b, ABANDONED.into());
            self.settled(&b.idempotency_key, before, &self.stats);
        }
        for b in &in_flight {
            // The answer is unknown: spooled; a duplicate is dropped by the
            // service thanks to the idempotency key.
            let before = self.stats.snapshot();
            self.undelivered(b, ABANDONED.into());
            self.settled(&b.idempotency_key, before, &self.stats);
        }
        if let Some(p) = self.pool.as_mut() {
            let threads = std::mem::take(&mut p.threads);
            if graceful {
                for t in threads {
                    let _ = t.join();
                }
            }
            // Otherwise the workers still waiting on the network are left
            // behind: the process is about to exit.
        }
    }

    /// Flush what is left, replay what this run spooled if the endpoint
    /// answers again, and return the counts.
    pub fn finish(self) -> Stats {
        self.finish_until(None)
    }

    /// Like [`Sender::finish`], but spend at most `limit` (the first
    /// signal): what is not delivered by then, queued or in flight, is
    /// spooled.
    pub fn finish_within(self, limit: Duration) -> Stats {
        self.finish_until(Some(Instant::now() + limit))
    }

    /// Spool everything in memory now, with no network (a second signal):
    /// the open batch, the queued ones and those in flight.
    pub fn abandon(mut self) -> Stats {
        self.abort_handle().abandon();
        if let Some(b) = self.batch.take() {
            let before = self.stats.snapshot();
            self.undelivered(&b, ABANDONED.into());
            self.settled(&b.idempotency_key, before, &self.stats);
        }
        self.settle_pool(Some(Instant::now()));
        self.stats
    }

    fn finish_until(mut self, deadline: Option<Instant>) -> Stats {
        self.finishing = true;
        let probes = self.probes;
        self.flush();
        self.settle_pool(deadline);
        if self.shared.abandoning() {
            return self.stats;
        }
        let probed_now = self.probes != probes;
        // Replay this run's own spooled batches when the endpoint is (or
        // may be) back: always when the breaker is closed; when it is open,
        // as a last probe, unless the endpoint failed just now.
        let worth_it = match &*self.breaker_guard() {
            None => true,
            Some(b) => !probed_now && b.last_probe.elapsed() >= Duration::from_secs(1),
        };
        let budget = match deadline {
            Some(d) => d.saturating_duration_since(Instant::now()),
            None => replay::REPLAY_BUDGET,
        }
        .min(replay::REPLAY_BUDGET);
        if !self.ours.is_empty() && worth_it && !budget.is_zero() {
            self.replay(replay::ReplayMode::Quick(budget));
        }
        self.stats
    }
}

fn entries(n: u64) -> String {
    if n == 1 {
        "1 entry".into()
    } else {
        format!("{n} entries")
    }
}

impl Stats {
    /// Add another sender's counts to these (several files in one run).
    pub fn absorb(&mut self, o: &Stats) {
        self.delivered += o.delivered;
        self.undelivered += o.undelivered;
        self.rejected += o.rejected;
        self.partial_rejected += o.partial_rejected;
        self.reclaimed_refused += o.reclaimed_refused;
        self.spooled += o.spooled;
        self.lost += o.lost;
        self.replayed += o.replayed;
        self.replay_rejected += o.replay_rejected;
        self.filtered += o.filtered;
        self.requests += o.requests;
        self.auth_rejected |= o.auth_rejected;
        self.lost_batches.extend(o.lost_batches.iter().cloned());
        self.config_problem |= o.config_problem;
        fn later<T: Clone>(a: &mut Option<T>, b: &Option<T>) {
            if b.is_some() {
                a.clone_from(b);
            }
        }
        later(&mut self.spool_dir, &o.spool_dir);
        later(&mut self.undelivered_reason, &o.undelivered_reason);
        later(&mut self.rejected_reason, &o.rejected_reason);
        later(&mut self.lost_reason, &o.lost_reason);
        later(&mut self.last_problem, &o.last_problem);
    }

    /// `delivered D, spooled S, rejected R` (and `lost L` when some were):
    /// the counts every summary line ends with.
    pub fn counts(&self) -> String {
        let mut s = format!(
            "delivered {}, spooled {}, rejected {}",
            self.delivered, self.spooled, self.rejected
        );
        if self.lost > 0 {
            s.push_str(&format!(", lost {}", self.lost));
        }
        s
    }

    /// Report problems on stderr and pick the exit code (PRODUCT.md §3):
    /// by default 0 with a one-line warning; under `--strict` 77 for a
    /// rejected key, 78 for a configuration problem, 75 for anything not
    /// delivered. Entries lost (the spool was full or unwritable) are an
    /// error, exit 1, with or without `--strict`. The line ends with the
    /// counts (`delivered D, spooled S, rejected R`); `-v` prints them even
    /// when all went well.
    pub fn report(&self, strict: bool) -> Code {
        if self.replayed > 0 {
            output::info(&format!(
                "delivered {} kept in the spool by earlier runs",
                entries(self.replayed)
            ));
        }
        if self.replay_rejected > 0 {
            output::warn(&format!(
                "{} kept in the spool by earlier runs were refused by the service, kept in {}: {}",
                entries(self.replay_rejected),
                self.rejected_place(),
                self.rejected_reason.as_deref().unwrap_or("unknown reason")
            ));
        }
        let not_ok = self.undelivered + self.rejected;
        if not_ok == 0 {
            output::verbose(&format!("summary: {}", self.counts()));
            return Code::Ok;
        }
        let mut parts = Vec::new();
        if self.undelivered > 0 {
            let reason = self
                .undelivered_reason
                .as_deref()
                .or(self.last_problem.as_deref())
                .unwrap_or("unknown problem");
            // Counts that add up: only what was kept is said to be kept
            // (the rest is in the LOST part below).
            let place = match &self.spool_dir {
                Some(d) if self.spooled >= self.undelivered => {
                    format!(", kept in the spool at {}", d.display())
                }
                Some(d) if self.spooled > 0 => {
                    format!(
                        ", {} of them kept in the spool at {}",
                        self.spooled,
                        d.display()
                    )
                }
                _ => String::new(),
            };
            parts.push(format!(
                "{} not delivered{place}: {reason}",
                entries(self.undelivered)
            ));
        }
        if self.rejected > 0 {
            let reason = self
                .rejected_reason
                .as_deref()
                .or(self.last_problem.as_deref())
                .unwrap_or("unknown problem");
            // `lost` counts undelivered entries not spooled, then rejected ones.
            let rejected_lost = self
                .lost
                .saturating_sub(self.undelivered.saturating_sub(self.spooled));
            // Records refused in a partial success are not kept (which ones
            // were refused is not said): the place names only the others.
            let keepable = self.rejected - self.partial_rejected.min(self.rejected);
            let kept = keepable.saturating_sub(rejected_lost);
            let place = if self.spool_dir.is_some() && kept > 0 {
                format!(", kept in {}", self.rejected_place())
            } else {
                String::new()
            };
            let place = match self.partial_rejected {
                0 => place,
                p if p >= self.rejected => {
                    " by the receiver in a partial success (not kept: it does not say which)"
                        .to_string()
                }
                p => {
                    format!("{place}, {p} of them by the receiver in a partial success (not kept)")
                }
            };
            parts.push(format!(
                "{} rejected{place}: {reason}",
                entries(self.rejected)
            ));
        }
        if self.lost > 0 {
            parts.push(format!(
                "{} LOST: {}",
                entries(self.lost),
                self.lost_reason.as_deref().unwrap_or("could not keep them")
            ));
        }
        let line = format!("{} ({})", parts.join("; "), self.counts());
        if self.lost > 0 {
            // Data loss is never a warning.
            output::error(&line);
            return Code::Error;
        }
        let code = if self.auth_rejected {
            Code::NoPerm
        } else if self.config_problem {
            Code::Config
        } else {
            Code::TempFail
        };
        if strict {
            output::error(&line);
            code
        } else {
            output::warn_kind(self.warning_kind(), &line);
            Code::Ok
        }
    }

    /// The kind of the summary warning, for `output::warn_kind` (CI annotations).
    fn warning_kind(&self) -> &'static str {
        if self.auth_rejected {
            "key-rejected"
        } else if self.spooled > 0 {
            "spooled"
        } else {
            "undelivered"
        }
    }

    fn rejected_place(&self) -> String {
        match &self.spool_dir {
            Some(d) => d.join(spool::REJECTED).display().to_string(),
            None => "nowhere".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[test]
    fn wire_json_reads_back_into_the_same_entry() {
        let mut metadata = serde_json::Map::new();
        metadata.insert("n".into(), serde_json::json!(3));
        metadata.insert("o".into(), serde_json::json!({"a": [1, "b"]}));
        let e = Entry {
            level: Level::Warn,
            message: "disk \"low\"".into(),
            environment: "staging".into(),
            timestamp: "2026-11-22T10:00:00.123456Z".into(),
            metadata,
            stack_trace: Some("at x".into()),
            trace_id: "t-1".into(),
        };
        assert_eq!(entry_of_json(e.to_json().as_bytes()), Some(e.clone()));
        let bare = Entry {
            metadata: serde_json::Map::new(),
            stack_trace: None,
            ..e
        };
        assert_eq!(entry_of_json(bare.to_json().as_bytes()), Some(bare));
        assert_eq!(entry_of_json(b"{\"message\":\"no level\"}"), None);
        assert_eq!(entry_of_json(b"not json"), None);
    }

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
    fn a_partial_success_is_counted_as_rejected_and_the_counts_add_up() {
        let partial = |n| Attempt::Partial {
            rejected: n,
            message: format!("refused {n}"),
        };
        // The second answer claims more than its batch held: at most 5.
        let (mut s, _) = sender(
            vec![partial(2), partial(9), Attempt::Delivered],
            policy(5, 1 << 20),
        );
        for i in 0..15 {
            s.push(&entry(&format!("m{i}"), Level::Info));
        }
        let st = s.finish();
        assert_eq!((st.delivered, st.rejected, st.partial_rejected), (8, 7, 7));
        assert_eq!(st.delivered + st.rejected + st.undelivered, 15);
        assert_eq!(st.rejected_reason.as_deref(), Some("refused 9"));
        assert_eq!(st.counts(), "delivered 8, spooled 0, rejected 7");
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
        // The key is at fault, not the entry: kept for later, not rejected.
        assert_eq!(stats.undelivered, 1);
        assert_eq!(stats.rejected, 0);
        assert!(stats.auth_rejected);
        assert_eq!(stats.report(true), Code::NoPerm);
        assert_eq!(stats.report(false), Code::Ok);
    }

    fn spool_in(dir: &std::path::Path, max: u64) -> spool::Spool {
        spool::Spool::new(
            dir.to_path_buf(),
            max,
            spool::Destination::new("http://127.0.0.1:9", Some("key")),
        )
    }

    fn retry(reason: &str) -> Attempt {
        Attempt::Retry {
            reason: reason.into(),
            after: None,
        }
    }

    fn entries_of(b: &Batch) -> Vec<serde_json::Value> {
        let Payload::Entries { body, .. } = &b.payload else {
            panic!("raw")
        };
        serde_json::from_slice(&[b"[".as_slice(), body, b"]"].concat()).unwrap()
    }

    #[test]
    fn split_halves_are_byte_exact_and_keep_derived_keys() {
        let (mut s, seen) = sender(vec![Attempt::Delivered], policy(5, 1 << 20));
        for i in 0..5 {
            s.push(&entry(&format!("m{i}"), Level::Info));
        }
        s.finish();
        let b = seen.lock().unwrap()[0].clone();
        let Some([x, y]) = b.split().map(|p| <[Batch; 2]>::try_from(p).unwrap()) else {
            panic!("two halves expected")
        };
        assert_eq!((x.count, y.count), (2, 3));
        let (
            Payload::Entries { body, .. },
            Payload::Entries { body: bx, .. },
            Payload::Entries { body: by, .. },
        ) = (&b.payload, &x.payload, &y.payload)
        else {
            panic!()
        };
        assert_eq!([bx.as_slice(), b",", by].concat(), *body);
        assert_eq!(entries_of(&x).len(), 2);
        assert_eq!(entries_of(&y)[2]["message"], "m4");
        assert_eq!(x.idempotency_key, format!("{}-1", b.idempotency_key));
        assert_ne!(x.idempotency_key, y.idempotency_key);
        let one = Batch::entries(b"{}".to_vec(), vec![2], true);
        assert!(one.split().is_none());
    }

    #[test]
    fn a_413_splits_the_batch_and_delivers_the_halves() {
        let too_large = Attempt::Reject {
            status: 413,
            message: "the service refused the batch (413)".into(),
        };
        let (mut s, seen) = sender(
            vec![too_large, Attempt::Delivered, Attempt::Delivered],
            policy(4, 1 << 20),
        );
        for i in 0..4 {
            s.push(&entry(&format!("m{i}"), Level::Info));
        }
        let stats = s.finish();
        assert_eq!(stats.delivered, 4);
        assert_eq!(bodies(&seen), vec![(4, false), (2, false), (2, false)]);
        let got: Vec<String> = seen.lock().unwrap()[1..]
            .iter()
            .flat_map(entries_of)
            .map(|e| e["message"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(got, ["m0", "m1", "m2", "m3"]);
    }

    /// A service that refuses bodies over `max` bytes with 413.
    struct Limited {
        max: usize,
        seen: Arc<Mutex<Vec<Batch>>>,
    }

    impl Sink for Limited {
        fn attempt(&mut self, batch: &Batch, _t: Duration) -> Attempt {
            self.seen.lock().unwrap().push(batch.clone());
            if batch.len() > self.max {
                Attempt::Reject {
                    status: 413,
                    message: "the service refused the batch (413)".into(),
                }
            } else {
                Attempt::Delivered
            }
        }
    }

    #[test]
    fn a_413_cuts_a_raw_chunk_again_on_record_boundaries() {
        use crate::formats::{self, Flow, Format, Item};
        let raw = |format: &str, body: Vec<u8>, count| Batch {
            payload: Payload::Raw {
                format: format.into(),
                content_type: "x".into(),
                query: vec![("environment".into(), "test".into())],
                body,
            },
            count,
            idempotency_key: "k".into(),
        };
        let mut csv = b"when,msg\n".to_vec();
        for i in 0..12 {
            csv.extend_from_slice(
                format!("2026-01-0{},\"line {i}\nand more\"\n", i % 9 + 1).as_bytes(),
            );
        }
        let mut text = Vec::new();
        for i in 0..12 {
            text.extend_from_slice(format!("plain text line number {i}\n").as_bytes());
        }
        let json = format!(
            "[{}]",
            (0..12)
                .map(|i| format!("{{\"message\":\"m{i} padding\"}}"))
                .collect::<Vec<_>>()
                .join(",")
        )
        .into_bytes();
        for (format, body) in [("csv", csv), ("text", text), ("json", json)] {
            let seen = Arc::new(Mutex::new(Vec::new()));
            let sink = Limited {
                max: 100,
                seen: seen.clone(),
            };
            let mut s = Sender::with_sink(Box::new(sink), policy(1, 1 << 20), None);
            s.send_batch(raw(format, body, 12));
            let stats = s.finish();
            assert_eq!((stats.delivered, stats.rejected), (12, 0), "{format}");
            let seen = seen.lock().unwrap().clone();
            assert!(seen.len() > 3, "{format}: cut more than once");
            // What got through: valid chunks of the format, every record
            // once and in order, each piece with a key of its own.
            let delivered: Vec<&Batch> = seen.iter().filter(|b| b.len() <= 100).collect();
            let mut records = Vec::new();
            for b in &delivered {
                let Payload::Raw { body, query, .. } = &b.payload else {
                    panic!("raw expected")
                };
                assert_eq!(query[0].1, "test");
                assert!(b.idempotency_key.starts_with("k-"), "{}", b.idempotency_key);
                let fmt = Format::parse_name(format).unwrap();
                let mut n = 0;
                formats::parse(fmt, &mut &body[..], &Default::default(), &mut |item| {
                    match item {
                        Item::Record(_, raw) => {
                            n += 1;
                            records.push(String::from_utf8_lossy(raw).into_owned());
                        }
                        Item::Invalid(i, _) => panic!("{format}: {i}"),
                        Item::Header(h) => assert_eq!(h, b"when,msg"),
                    }
                    Flow::Continue
                })
                .unwrap();
                assert_eq!(n, b.count, "{format}");
            }
            assert_eq!(records.len(), 12, "{format}");
            for (i, r) in records.iter().enumerate() {
                let in_order = match format {
                    "csv" => r.contains(&format!("line {i}\nand")),
                    "text" => r.trim_end().ends_with(&format!("number {i}")),
                    _ => r.contains(&format!("\"m{i} padding\"")),
                };
                assert!(in_order, "{format}: record {i} is {r:?}");
            }
            let keys: std::collections::HashSet<_> =
                delivered.iter().map(|b| &b.idempotency_key).collect();
            assert_eq!(keys.len(), delivered.len(), "{format}: distinct keys");
        }
        // One record cannot be cut: refused as before.
        let one = raw("text", b"only one line\n".to_vec(), 1);
        assert!(one.split().is_none());
    }

    #[test]
    fn a_single_entry_still_too_large_is_rejected_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let too_large = Attempt::Reject {
            status: 413,
            message: "the service refused the batch (413): body too big".into(),
        };
        let (s, seen) = sender(vec![too_large], policy(2, 1 << 20));
        let mut s = s.with_spool(spool_in(dir.path(), 1 << 20));
        s.push(&entry("a", Level::Info));
        s.push(&entry("b", Level::Info));
        let stats = s.finish();
        assert_eq!(bodies(&seen), vec![(2, false), (1, false), (1, false)]);
        assert_eq!(stats.rejected, 2);
        assert_eq!(stats.delivered, 0);
        let rejected = spool::list_batches(&dir.path().join(spool::REJECTED));
        assert_eq!(rejected.len(), 2);
        let h = spool::read_header(&rejected[0]).unwrap();
        assert_eq!(h.status, Some(413));
        assert!(h.answer.unwrap().contains("entry too large"));
        assert_eq!(stats.report(false), Code::Ok);
    }

    #[test]
    fn undelivered_batches_are_spooled_byte_for_byte_and_the_breaker_opens() {
        let dir = tempfile::tempdir().unwrap();
        let (s, seen) = sender(vec![retry("connection refused")], policy(1, 1 << 20));
        let mut s = s.with_spool(spool_in(dir.path(), 1 << 20));
        for i in 0..5 {
            s.push(&entry(&format!("m{i}"), Level::Info));
        }
        assert!(s.breaker_open());
        let stats = s.finish();
        assert_eq!(stats.undelivered, 5);
        assert_eq!(stats.spooled, 5);
        assert_eq!(stats.lost, 0);
        // The first batch used its retry budget; the others went straight
        // to the spool (the probe interval has not passed).
        let attempts = seen.lock().unwrap().clone();
        assert!(attempts
            .iter()
            .all(|b| b.idempotency_key == attempts[0].idempotency_key));
        let files = spool::list_batches(dir.path());
        assert_eq!(files.len(), 5);
        let (h, body) = spool::read_file(&files[0]).unwrap();
        assert_eq!(h.idempotency_key, attempts[0].idempotency_key);
        assert_eq!(h.count, 1);
        assert!(h.reason.contains("connection refused"));
        let Payload::Entries { body: sent, .. } = &attempts[0].payload else {
            panic!()
        };
        assert_eq!(&body, sent);
        assert_eq!(stats.report(true), Code::TempFail);
    }

    /// A sink that is up or down as a switch says, and records what it
    /// accepted.
    struct Switch {
        up: Arc<std::sync::atomic::AtomicBool>,
        got: Arc<Mutex<Vec<String>>>,
        /// Entries of each batch refused in a partial success while up.
        refuse: u64,
    }

    impl Sink for Switch {
        fn attempt(&mut self, batch: &Batch, _t: Duration) -> Attempt {
            if !self.up.load(std::sync::atomic::Ordering::SeqCst) {
                return retry("connection refused");
            }
            let mut got = self.got.lock().unwrap();
            for e in entries_of(batch) {
                got.push(e["message"].as_str().unwrap().to_string());
            }
            if self.refuse > 0 {
                return Attempt::Partial {
                    rejected: self.refuse,
                    message: "refused".into(),
                };
            }
            Attempt::Delivered
        }
    }

    fn switch() -> (
        Box<Switch>,
        Arc<std::sync::atomic::AtomicBool>,
        Arc<Mutex<Vec<String>>>,
    ) {
        let up = Arc::new(std::sync::atomic::AtomicBool::new(true));
        let got = Arc::new(Mutex::new(Vec::new()));
        (
            Box::new(Switch {
                up: up.clone(),
                got: got.clone(),
                refuse: 0,
            }),
            up,
            got,
        )
    }

    #[test]
    fn a_long_stream_survives_the_receiver_going_away_and_coming_back() {
        use std::sync::atomic::Ordering::SeqCst;
        let dir = tempfile::tempdir().unwrap();
        let (sink, up, got) = switch();
        let mut p = policy(2, 1 << 20);
        p.retry_budget = Duration::from_millis(100);
        let mut s = Sender::with_sink(sink, p, None).with_spool(spool_in(dir.path(), 1 << 20));
        s.set_probe_interval(Duration::from_millis(30));
        let mut sent = Vec::new();
        let mut push = |s: &mut Sender, i: usize| {
            let m = format!("line {i}");
            s.push(&entry(&m, Level::Info));
            sent.push(m);
        };
        for i in 0..10 {
            push(&mut s, i);
        }
        up.store(false, SeqCst);
        for i in 10..40 {
            push(&mut s, i);
            std::thread::sleep(Duration::from_millis(2));
        }
        assert!(s.breaker_open());
        assert!(s.stats.spooled >= 28, "{:?}", s.stats);
        up.store(true, SeqCst);
        for i in 40..60 {
            push(&mut s, i);
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(!s.breaker_open());
        let stats = s.finish();
        assert_eq!(stats.delivered, 60, "{stats:?}");
        assert_eq!((stats.undelivered, stats.spooled, stats.lost), (0, 0, 0));
        let mut got = got.lock().unwrap().clone();
        assert_eq!(got.len(), 60, "each line exactly once");
        got.sort();
        sent.sort();
        assert_eq!(got, sent);
        assert!(spool::list_batches(dir.path()).is_empty());
        assert_eq!(stats.report(true), Code::Ok);
    }

    /// Spooled batches replayed later in the run, answered with a partial
    /// success: their refused entries are rejected, in the counts and in
    /// the settle feed (ingest's per-file counts).
    #[test]
    fn partial_successes_of_batches_replayed_later_in_the_run_are_counted() {
        use std::sync::atomic::Ordering::SeqCst;
        let dir = tempfile::tempdir().unwrap();
        let (mut sink, up, _) = switch();
        sink.refuse = 1;
        let mut p = policy(2, 1 << 20);
        p.retry_budget = Duration::from_millis(100);
        let mut s = Sender::with_sink(sink, p, None).with_spool(spool_in(dir.path(), 1 << 20));
        let (tx, rx) = std::sync::mpsc::channel();
        s.settle_feed(tx);
        s.set_probe_interval(Duration::from_millis(30));
        up.store(false, SeqCst);
        for i in 0..20 {
            s.push(&entry(&format!("line {i}"), Level::Info));
            std::thread::sleep(Duration::from_millis(2));
        }
        assert!(s.stats.spooled > 0, "{:?}", s.stats);
        up.store(true, SeqCst);
        for i in 20..40 {
            s.push(&entry(&format!("line {i}"), Level::Info));
            std::thread::sleep(Duration::from_millis(5));
        }
        let stats = s.finish();
        // One of each batch of 2 refused, spooled first or not.
        assert_eq!((stats.delivered, stats.rejected), (20, 20), "{stats:?}");
        assert_eq!((stats.undelivered, stats.spooled, stats.lost), (0, 0, 0));
        let reclaimed_rejected: u64 = rx
            .try_iter()
            .map(|f| match f {
                Feed::Reclaimed { rejected, .. } => rejected,
                Feed::Settled(_) => 0,
            })
            .sum();
        assert!(reclaimed_rejected > 0, "the feed says what was refused");
    }

    #[test]
    fn a_later_run_replays_oldest_first_with_the_same_keys() {
        use std::sync::atomic::Ordering::SeqCst;
        let dir = tempfile::tempdir().unwrap();
        let (sink, up, got) = switch();
        up.store(false, SeqCst);
        let mut s = Sender::with_sink(sink, policy(1, 1 << 20), None)
            .with_spool(spool_in(dir.path(), 1 << 20));
        for i in 0..3 {
            s.push(&entry(&format!("old {i}"), Level::Info));
        }
        assert_eq!(s.finish().spooled, 3);
        // Next run: the endpoint is back.
        let (sink, _up, got2) = switch();
        let (seen_sink, seen) = {
            let seen = Arc::new(Mutex::new(Vec::new()));
            (
                Scripted {
                    answers: vec![Attempt::Delivered],
                    seen: seen.clone(),
                },
                seen,
            )
        };
        drop(sink);
        let keys: Vec<String> = spool::list_batches(dir.path())
            .iter()
            .map(|p| spool::read_header(p).unwrap().idempotency_key)
            .collect();
        let mut s = Sender::with_sink(Box::new(seen_sink), policy(1, 1 << 20), None)
            .with_spool(spool_in(dir.path(), 1 << 20));
        let r = s.replay(replay::ReplayMode::Quick(Duration::from_secs(2)));
        assert_eq!(r.delivered, 3);
        s.push(&entry("new", Level::Info));
        let stats = s.finish();
        assert_eq!(stats.replayed, 3);
        assert_eq!(stats.delivered, 1, "replayed entries are not this run's");
        let sent: Vec<Batch> = seen.lock().unwrap().clone();
        let msgs: Vec<String> = sent
            .iter()
            .flat_map(entries_of)
            .map(|e| e["message"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(msgs, ["old 0", "old 1", "old 2", "new"]);
        let sent_keys: Vec<String> = sent[..3]
            .iter()
            .map(|b| b.idempotency_key.clone())
            .collect();
        assert_eq!(sent_keys, keys);
        assert!(spool::list_batches(dir.path()).is_empty());
        assert!(got.lock().unwrap().is_empty() && got2.lock().unwrap().is_empty());
    }

    #[test]
    fn replay_leaves_batches_meant_for_another_destination() {
        let dir = tempfile::tempdir().unwrap();
        let (s, _) = sender(vec![retry("down")], policy(1, 1 << 20));
        let other = spool::Spool::new(
            dir.path().to_path_buf(),
            1 << 20,
            spool::Destination::new("https://other.example", Some("key")),
        );
        let mut s = s.with_spool(other);
        s.push(&entry("for other", Level::Info));
        s.finish();
        let (s, seen) = sender(vec![Attempt::Delivered], policy(1, 1 << 20));
        let mut s = s.with_spool(spool_in(dir.path(), 1 << 20));
        let r = s.replay(replay::ReplayMode::Quick(Duration::from_secs(2)));
        assert_eq!((r.delivered, r.other_batches), (0, 1));
        assert!(seen.lock().unwrap().is_empty());
        let r = s.replay(replay::ReplayMode::Flush {
            any_destination: true,
        });
        assert_eq!(r.delivered, 1);
    }

    #[test]
    fn a_full_spool_loses_loudly_and_exits_1() {
        let dir = tempfile::tempdir().unwrap();
        let (s, _) = sender(vec![retry("down")], policy(1, 1 << 20));
        let mut s = s.with_spool(spool_in(dir.path(), 100));
        s.push(&entry("does not fit", Level::Info));
        let stats = s.finish();
        assert_eq!((stats.undelivered, stats.spooled, stats.lost), (1, 0, 1));
        assert!(stats.lost_reason.as_deref().unwrap().contains("full"));
        assert!(spool::list_batches(dir.path()).is_empty());
        assert_eq!(stats.report(false), Code::Error);
        assert_eq!(stats.report(true), Code::Error);
    }

    #[test]
    fn a_blocked_configuration_spools_without_attempting() {
        let dir = tempfile::tempdir().unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = Scripted {
            answers: vec![Attempt::Delivered],
            seen: seen.clone(),
        };
        let mut s = Sender::with_sink(
            Box::new(sink),
            policy(1, 1 << 20),
            Some("no API key configured".into()),
        )
        .with_spool(spool_in(dir.path(), 1 << 20));
        s.push(&entry("kept", Level::Info));
        let stats = s.finish();
        assert!(seen.lock().unwrap().is_empty());
        assert_eq!(stats.spooled, 1);
        assert_eq!(stats.report(true), Code::Config);
        let h = spool::read_header(&spool::list_batches(dir.path())[0]).unwrap();
        assert!(h.reason.contains("no API key"));
    }

    /// A slow sink: widens the window in which two replays could overlap.
    struct Slow(Scripted);

    impl Sink for Slow {
        fn attempt(&mut self, batch: &Batch, t: Duration) -> Attempt {
            std::thread::sleep(Duration::from_millis(3));
            self.0.attempt(batch, t)
        }
    }

    #[test]
    fn concurrent_replays_send_each_batch_once() {
        let dir = tempfile::tempdir().unwrap();
        let (s, _) = sender(vec![retry("down")], policy(1, 1 << 20));
        let mut s = s.with_spool(spool_in(dir.path(), 1 << 20));
        for i in 0..40 {
            s.push(&entry(&format!("m{i}"), Level::Info));
        }
        assert_eq!(s.finish().spooled, 40);
        let seen = Arc::new(Mutex::new(Vec::new()));
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let seen = seen.clone();
                let dir = dir.path().to_path_buf();
                std::thread::spawn(move || {
                    let sink = Slow(Scripted {
                        answers: vec![Attempt::Delivered],
                        seen,
                    });
                    let mut s = Sender::with_sink(Box::new(sink), policy(1, 1 << 20), None)
                        .with_spool(spool_in(&dir, 1 << 20));
                    s.replay(replay::ReplayMode::Flush {
                        any_destination: false,
                    })
                })
            })
            .collect();
        let total: u64 = threads
            .into_iter()
            .map(|t| t.join().unwrap().delivered)
            .sum();
        let mut keys: Vec<String> = seen
            .lock()
            .unwrap()
            .iter()
            .map(|b| b.idempotency_key.clone())
            .collect();
        assert_eq!(total, 40);
        assert_eq!(keys.len(), 40);
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), 40, "a batch was sent twice");
    }

    /// A sink that takes its time and records every message it accepted.
    struct Recording {
        got: Arc<Mutex<Vec<String>>>,
        wait: Duration,
        /// Entries of each batch the receiver refuses (a partial success).
        refuse: u64,
    }

    impl Sink for Recording {
        fn attempt(&mut self, batch: &Batch, _t: Duration) -> Attempt {
            std::thread::sleep(self.wait);
            let mut got = self.got.lock().unwrap();
            for e in entries_of(batch) {
                got.push(e["message"].as_str().unwrap().to_string());
            }
            if self.refuse > 0 {
                return Attempt::Partial {
                    rejected: self.refuse,
                    message: "refused".into(),
                };
            }
            Attempt::Delivered
        }
    }

    /// A sender with a spool in `dir` and a pool of `workers` [`Recording`]
    /// sinks that take `wait` per batch, and what they record.
    fn recording_pool(
        dir: &Path,
        wait: Duration,
        batch_size: usize,
        workers: usize,
    ) -> (Sender, Arc<Mutex<Vec<String>>>) {
        refusing_pool(dir, wait, batch_size, workers, 0)
    }

    /// [`recording_pool`] whose receiver refuses `refuse` entries of each
    /// batch in a partial success.
    fn refusing_pool(
        dir: &Path,
        wait: Duration,
        batch_size: usize,
        workers: usize,
        refuse: u64,
    ) -> (Sender, Arc<Mutex<Vec<String>>>) {
        let got = Arc::new(Mutex::new(Vec::new()));
        let g = got.clone();
        let factory: pool::SinkFactory = Arc::new(move || {
            Box::new(Recording {
                got: g.clone(),
                wait,
                refuse,
            }) as Box<dyn Sink>
        });
        let s = Sender::with_sink(
            Box::new(Scripted {
                answers: vec![Attempt::Delivered],
                seen: Arc::new(Mutex::new(Vec::new())),
            }),
            policy(batch_size, 1 << 20),
            None,
        )
        .with_spool(spool_in(dir, 1 << 30))
        .with_pool(factory, workers, true);
        (s, got)
    }

    #[test]
    fn a_stream_overflows_to_the_spool_and_the_workers_deliver_it_by_the_end() {
        let dir = tempfile::tempdir().unwrap();
        let (s, got) = recording_pool(dir.path(), Duration::from_millis(10), 1, 2);
        let mut s = s.overflow_to_spool();
        let n = 300;
        let start = Instant::now();
        for i in 0..n {
            s.push(&entry(&format!("m{i}"), Level::Info));
        }
        // 300 batches at 10 ms over 2 connections take 1.5 s: reading did
        // not wait for them.
        assert!(
            start.elapsed() < Duration::from_secs(1),
            "{:?}",
            start.elapsed()
        );
        let overflowed = s.stats.spooled;
        assert!(overflowed > 0, "some batches overflowed to the spool");
        let stats = s.finish();
        assert_eq!(stats.delivered, n as u64, "{stats:?}");
        assert_eq!((stats.undelivered, stats.spooled, stats.lost), (0, 0, 0));
        let mut got = got.lock().unwrap().clone();
        got.sort();
        got.dedup();
        assert_eq!(got.len(), n, "each entry delivered");
        assert!(spool::list_batches(dir.path()).is_empty());
    }

    #[test]
    fn partial_successes_of_spooled_files_the_workers_deliver_are_counted() {
        let dir = tempfile::tempdir().unwrap();
        let (s, _) = refusing_pool(dir.path(), Duration::from_millis(5), 2, 2, 1);
        let mut s = s.overflow_to_spool();
        let n = 200;
        for i in 0..n {
            s.push(&entry(&format!("m{i}"), Level::Info));
        }
        assert!(s.stats.spooled > 0, "some batches overflowed to the spool");
        let stats = s.finish();
        // One entry of each of the 100 batches refused, wherever it was sent
        // from: the pool's queue or a spool file a worker took back.
        assert_eq!(
            (stats.delivered, stats.rejected, stats.partial_rejected),
            (100, 100, 100),
            "{stats:?}"
        );
        assert_eq!((stats.undelivered, stats.spooled, stats.lost), (0, 0, 0));
    }

    #[test]
    fn abandon_spools_what_is_queued_and_in_flight_and_counts_it() {
        let dir = tempfile::tempdir().unwrap();
        let (mut s, got) = recording_pool(dir.path(), Duration::from_secs(30), 10, 4);
        // 4 batches in flight, 3 queued (of 4 allowed), 5 entries open.
        for i in 0..75 {
            s.push(&entry(&format!("m{i}"), Level::Info));
        }
        std::thread::sleep(Duration::from_millis(50));
        let start = Instant::now();
        let stats = s.abandon();
        assert!(start.elapsed() < Duration::from_secs(1));
        assert_eq!(
            (stats.delivered, stats.spooled, stats.lost),
            (0, 75, 0),
            "{stats:?}"
        );
        let files = spool::list_batches(dir.path());
        let kept: usize = files
            .iter()
            .map(|f| spool::read_header(f).unwrap().count)
            .sum();
        assert_eq!(kept, 75);
        assert!(got.lock().unwrap().is_empty());
    }
}
