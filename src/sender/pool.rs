//! Requests in flight: closed batches go through a bounded queue to a pool
//! of sending threads (blocking std threads, no async runtime), each with
//! its own keep-alive connection (its own sink), up to the limit of an
//! adaptive concurrency limiter shared by the workers.
//!
//! The limiter is AIMD, after Vector's adaptive request concurrency: it
//! starts at [`START_LIMIT`] and, while answers are 2xx and their round trip
//! stays near its moving baseline, doubles per round trip (slow start) until
//! the first sign of trouble, then grows by one per round trip; a 429/503,
//! another retryable failure or a timeout halves it (at most once per round
//! trip). A Retry-After sets a "not before" instant for the whole destination
//! (see `Sender::attempts`), so one 429 slows every worker, not one.
//!
//! Memory: at most `limit` batches in flight plus [`QUEUED`] queued
//! ([`QUEUED_STREAM`] for stdin), each at
//! most `batch_bytes` (plus its request body while it is sent); a batch is
//! queued only while the bytes held stay under [`MEMORY_BUDGET`] (see
//! [`fits`]), whatever the limit.
//!
//! Ownership of a batch is decided under one lock: a worker that takes a
//! batch registers it as in flight (shared, not copied); when the sender is
//! abandoned (a second signal, or the end of `finish_within`), the main
//! thread takes every queued and in-flight batch and spools it, and a worker
//! whose batch was taken drops its counts for it. A request whose answer
//! was unknown may thus be delivered and spooled: the replay sends it again
//! with the same idempotency key, which the service drops as a duplicate.

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::{Batch, Breaker, Counts, Sender, Sink, Stats};

/// The limiter's first limit.
pub const START_LIMIT: usize = 8;
/// The most requests in flight `auto` allows.
pub const MAX_AUTO: usize = 32;
/// Closed batches waiting for a free worker, when the input can wait
/// (back-pressure: ingest from files).
pub const QUEUED: usize = 4;
/// The same when the input cannot wait (stdin): memory is used before the
/// spool is.
pub const QUEUED_STREAM: usize = 64;
/// What the batches in flight and queued may hold, at most. This is also
/// what bounds the bytes in flight: at 50 ms a round trip, 24 MiB in flight
/// is 480 MB/s (the bandwidth-delay product).
pub const MEMORY_BUDGET: usize = 24 << 20;

/// Makes one sink per worker (each its own connection).
pub type SinkFactory = Arc<dyn Fn() -> Box<dyn Sink> + Send + Sync>;

/// The AIMD concurrency limiter.
#[derive(Debug)]
pub struct Limiter {
    limit: f64,
    max: usize,
    fixed: bool,
    slow_start: bool,
    /// Moving average of the round trip of 2xx answers, seconds.
    baseline: Option<f64>,
    last_decrease: Option<Instant>,
}

impl Limiter {
    /// `fixed`: `concurrency = N`; otherwise adaptive up to `max`.
    pub fn new(max: usize, fixed: bool) -> Limiter {
        let max = max.max(1);
        Limiter {
            limit: if fixed { max } else { START_LIMIT.min(max) } as f64,
            max,
            fixed,
            slow_start: true,
            baseline: None,
            last_decrease: None,
        }
    }

    pub fn limit(&self) -> usize {
        (self.limit as usize).clamp(1, self.max)
    }

    /// One answer: `ok` for delivered (or refused for good: the endpoint
    /// answered), not ok for 429/5xx/network errors/timeouts. `busy` is how
    /// many requests were in flight with this one.
    pub fn answer(&mut self, ok: bool, rtt: Duration, busy: usize) {
        if self.fixed {
            return;
        }
        let rtt = rtt.as_secs_f64();
        if !ok {
            let window = self.baseline.unwrap_or(0.05).max(0.05);
            if self
                .last_decrease
                .is_none_or(|t| t.elapsed().as_secs_f64() >= window)
            {
                self.limit = (self.limit / 2.0).max(1.0);
                self.last_decrease = Some(Instant::now());
            }
            self.slow_start = false;
            return;
        }
        let base = *self.baseline.get_or_insert(rtt);
        self.baseline = Some(base * 0.9 + rtt * 0.1);
        if rtt > base * 2.0 + 0.005 {
            // Queueing at the far end: stop growing.
            self.slow_start = false;
            return;
        }
        if busy + 1 < self.limit() {
            // Not using what we have: no reason to grow.
            return;
        }
        self.limit += if self.slow_start {
            1.0
        } else {
            1.0 / self.limit.floor()
        };
        self.limit = self.limit.min(self.max as f64);
    }
}

/// What the workers and the sending thread share.
pub(crate) struct Shared {
    pub breaker: Mutex<Option<Breaker>>,
    /// No request before this instant (Retry-After, for the whole destination).
    pub not_before: Mutex<Option<Instant>>,
    pub state: Mutex<PoolState>,
    /// Work or a permit became available, or the pool is closing.
    pub wake: Condvar,
    /// Room in the queue, or a batch settled.
    pub room: Condvar,
    /// Abandon now (a second signal): no more network, spool everything.
    pub abandon: AtomicBool,
    /// Stop delivering at this instant (a first signal while finishing).
    pub deadline: Mutex<Option<Instant>>,
    /// The cross-run breaker asks this run's first batch to be a short probe.
    pub cross_probe: AtomicBool,
    /// "entries are being LOST" was printed (once per destination, not
    /// once per worker).
    pub told_lost: AtomicBool,
}

#[derive(Default)]
pub(crate) struct PoolState {
    pub queue: VecDeque<Batch>,
    pub closed: bool,
    pub abandoned: bool,
    pub in_flight: HashMap<u64, Arc<Batch>>,
    pub next_id: u64,
    pub busy: usize,
    /// Bytes of the batches queued and in flight, each counted
    /// [`PoolState::weight`] times.
    pub held: usize,
    /// How many times a batch's bytes count in `held`: 2 for an output
    /// whose request body is a copy of the batch (OTLP protobuf,
    /// [`super::encoder::Output::copies_batch`]), so the copies of the
    /// requests in flight stay within [`MEMORY_BUDGET`] too; else 1
    /// (0 before a pool is set up).
    pub weight: usize,
    pub idle: usize,
    pub workers: usize,
    pub limiter: Option<Limiter>,
    /// Counts of settled batches, summed over the workers.
    pub stats: Stats,
    /// Files spooled this run (by workers, or overflowed by the reader),
    /// to deliver when a worker is free and the endpoint answers.
    pub overflow: VecDeque<(PathBuf, u64)>,
    /// Files spooled this run that were given up on for this run.
    pub ours: HashMap<PathBuf, u64>,
    /// Entries of this run's spooled files delivered later in the run.
    pub reclaimed: u64,
}

impl Shared {
    pub fn new() -> Arc<Shared> {
        Arc::new(Shared {
            breaker: Mutex::new(None),
            not_before: Mutex::new(None),
            state: Mutex::new(PoolState::default()),
            wake: Condvar::new(),
            room: Condvar::new(),
            abandon: AtomicBool::new(false),
            cross_probe: AtomicBool::new(false),
            told_lost: AtomicBool::new(false),
            deadline: Mutex::new(None),
        })
    }

    pub fn lock(&self) -> MutexGuard<'_, PoolState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn breaker_open(&self) -> bool {
        self.breaker
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
    }

    /// Feed one answer to the limiter.
    ///
    /// A limit that grew lets one more idle worker take a batch: one is
    /// woken, not all (each wake-up of a sleeping thread is an interrupt to
    /// the other core; waking every idle worker after every answer doubled
    /// the context switches of a loopback ingest).
    pub fn answer(&self, ok: bool, rtt: Duration) {
        let mut st = self.lock();
        let busy = st.busy.saturating_sub(1);
        let mut grew = false;
        if let Some(l) = st.limiter.as_mut() {
            let before = l.limit();
            l.answer(ok, rtt, busy);
            grew = l.limit() > before;
        }
        drop(st);
        if grew {
            self.wake.notify_one();
        }
    }

    pub fn abandoning(&self) -> bool {
        self.abandon.load(Ordering::SeqCst)
    }
}

/// A handle that abandons a sender from another thread (a second signal).
#[derive(Clone)]
pub struct AbortHandle(pub(crate) Arc<Shared>);

impl AbortHandle {
    /// Stop every network activity and let the sending thread spool what is
    /// in memory.
    /// Let delivery go on for at most `limit` more, then spool the rest
    /// (a first signal arriving while the sender is finishing).
    pub fn stop_within(&self, limit: Duration) {
        if let Ok(mut d) = self.0.deadline.lock() {
            let t = Instant::now() + limit;
            *d = Some(d.map_or(t, |d| d.min(t)));
        }
        self.0.room.notify_all();
    }

    pub fn abandon(&self) {
        self.0.abandon.store(true, Ordering::SeqCst);
        self.0.wake.notify_all();
        self.0.room.notify_all();
    }
}

/// The pool's configuration, held by the sending thread.
pub(crate) struct Pool {
    pub factory: SinkFactory,
    pub max: usize,
    pub threads: Vec<std::thread::JoinHandle<()>>,
}

/// Whether one more batch of `len` bytes fits: at most `queued` waiting,
/// and the batches queued and in flight within [`MEMORY_BUDGET`]. A request
/// body is the batch itself (the Auralogs envelope is sent around it, not
/// copied), or a copy the output builds while it is sent (OTLP protobuf:
/// counted twice, [`PoolState::weight`]); gzip's smaller body is not
/// counted. One batch always fits.
pub(crate) fn fits(st: &PoolState, len: usize, queued: usize) -> bool {
    st.queue.len() < queued && (st.held == 0 || st.held + st.held_of(len) <= MEMORY_BUDGET)
}

impl PoolState {
    /// What a batch of `len` bytes counts in `held`.
    pub fn held_of(&self, len: usize) -> usize {
        len * self.weight.max(1)
    }
}

enum Job {
    Batch(u64, Arc<Batch>),
    File(PathBuf, u64),
}

/// One worker: takes batches while the limiter allows, delivers them with
/// its own sink (retries, 413 splits, spool as the one-request sender does),
/// and adds its counts to the shared ones.
pub(crate) fn work(shared: Arc<Shared>, mut core: Sender) {
    loop {
        let (job, more) = {
            let mut st = shared.lock();
            let (job, limit) = loop {
                if st.abandoned || shared.abandoning() {
                    st.workers -= 1;
                    drop(st);
                    shared.room.notify_all();
                    return;
                }
                let limit = st.limiter.as_ref().map_or(1, Limiter::limit);
                let permit = st.busy < limit;
                if permit {
                    if let Some(b) = st.queue.pop_front() {
                        st.busy += 1;
                        st.next_id += 1;
                        let id = st.next_id;
                        let b = Arc::new(b);
                        st.in_flight.insert(id, b.clone());
                        shared.room.notify_all();
                        break (Job::Batch(id, b), limit);
                    }
                    if !st.overflow.is_empty() && !shared.breaker_open() {
                        let (p, n) = st.overflow.pop_front().expect("not empty");
                        st.busy += 1;
                        break (Job::File(p, n), limit);
                    }
                }
                // Closing: done once the queue is empty and the spooled
                // files are delivered (or the endpoint is down).
                if st.queue.is_empty()
                    && st.closed
                    && (st.overflow.is_empty() || shared.breaker_open())
                {
                    st.workers -= 1;
                    drop(st);
                    shared.room.notify_all();
                    return;
                }
                st.idle += 1;
                st = shared
                    .wake
                    .wait_timeout(st, Duration::from_millis(200))
                    .unwrap_or_else(|e| e.into_inner())
                    .0;
                st.idle -= 1;
            };
            // More than this worker takes, and room in flight for it: one
            // idle worker more is woken (who wakes the next, if need be).
            let more = st.idle > 0
                && st.busy < limit
                && (!st.queue.is_empty() || (!st.overflow.is_empty() && !shared.breaker_open()));
            (job, more)
        };
        if more {
            shared.wake.notify_one();
        }
        let closed = match job {
            Job::Batch(id, b) => {
                let len = b.len();
                let key = b.idempotency_key.clone();
                core.deliver_shared(b);
                let stats = std::mem::take(&mut core.stats);
                let ours: Vec<_> = core.ours.drain().collect();
                let mut st = shared.lock();
                st.busy -= 1;
                st.held = st.held.saturating_sub(st.held_of(len));
                // Settled here unless the sending thread took it back.
                if st.in_flight.remove(&id).is_some() {
                    core.settled(&key, Counts::default(), &stats);
                    st.stats.absorb(&stats);
                    st.overflow.extend(ours);
                }
                st.closed
            }
            Job::File(path, n) => {
                let delivered = core.reclaim(&path);
                // What the file's answer counted (a partial success's
                // refused entries) is the pool's, as a batch's is.
                let stats = std::mem::take(&mut core.stats);
                let ours: Vec<_> = core.ours.drain().collect();
                let mut st = shared.lock();
                st.busy -= 1;
                st.stats.absorb(&stats);
                st.overflow.extend(ours);
                if delivered {
                    st.reclaimed += n;
                } else {
                    st.ours.insert(path, n);
                }
                st.closed
            }
        };
        shared.room.notify_all();
        // This worker looks again itself: what it could not take, no idle
        // one can (they wait on the same state), and what is more than it
        // takes wakes another (above). Closing, the idle ones are told, so
        // they see the end.
        if closed {
            shared.wake.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slow_start_doubles_per_round_trip_then_trouble_halves_and_growth_is_linear() {
        let mut l = Limiter::new(64, false);
        assert_eq!(l.limit(), START_LIMIT);
        let rtt = Duration::from_millis(50);
        // One round trip's worth of answers at full use doubles the limit.
        for _ in 0..START_LIMIT {
            let busy = l.limit() - 1;
            l.answer(true, rtt, busy);
        }
        assert_eq!(l.limit(), 2 * START_LIMIT);
        while l.limit() < 16 {
            let busy = l.limit() - 1;
            l.answer(true, rtt, busy);
        }
        assert_eq!(l.limit(), 16);
        l.answer(false, rtt, 15);
        assert_eq!(l.limit(), 8);
        // A second failure in the same round trip does not halve again.
        l.answer(false, rtt, 7);
        assert_eq!(l.limit(), 8);
        // Now +1 per round trip (8 answers at a limit of 8).
        for _ in 0..8 {
            l.answer(true, rtt, 7);
        }
        assert_eq!(l.limit(), 9);
        // Idle capacity does not grow the limit.
        for _ in 0..100 {
            l.answer(true, rtt, 1);
        }
        assert_eq!(l.limit(), 9);
    }

    #[test]
    fn a_fixed_limit_stays_and_auto_respects_memory() {
        let mut l = Limiter::new(3, true);
        l.answer(false, Duration::from_millis(1), 2);
        assert_eq!(l.limit(), 3);
        let mut st = PoolState::default();
        assert!(fits(&st, 1 << 30, QUEUED), "one batch always fits");
        st.held = MEMORY_BUDGET - 10;
        st.queue
            .push_back(Batch::entries(vec![b'1'], vec![1], false));
        assert!(fits(&st, 10, QUEUED));
        assert!(!fits(&st, 11, QUEUED));
        assert!(!fits(&st, 1, 1));
        // A batch whose request is a copy of it counts twice.
        st.weight = 2;
        assert!(fits(&st, 5, QUEUED));
        assert!(!fits(&st, 6, QUEUED));
    }

    #[test]
    fn an_otlp_protobuf_pool_counts_its_batches_twice() {
        let mut settings = crate::settings::Settings::load(
            Some(std::path::Path::new("/nonexistent/auralog-unit-test.toml")),
            &std::collections::BTreeMap::new(),
        )
        .unwrap();
        settings.spool_dir = std::env::temp_dir().join("auralog-pool-weight-test");
        for (protocol, output, weight) in [
            ("http/protobuf", super::super::OTLP, 2),
            ("http/json", super::super::OTLP, 1),
            ("http/protobuf", super::super::AURALOGS, 1),
        ] {
            settings.otlp_protocol = protocol.into();
            let s = Sender::bulk_for(&settings, output);
            assert_eq!(s.shared.lock().weight, weight, "{output} {protocol}");
            drop(s.abandon());
        }
    }
}
