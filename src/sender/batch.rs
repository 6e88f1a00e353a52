//! The open batch: entries serialised one after another into one buffer,
//! closed by count (`batch_size`), bytes (`batch_bytes`) or age
//! (`flush_interval`). The [`Sender`](super::Sender) fills one, and so does
//! ingest's parser thread, which hands closed batches to a sending thread.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::{Batch, Policy};

/// Bodies of settled batches, kept for the next batches: a few, so the
/// memory they hold stays small next to the budget in flight.
static SPARE: Mutex<Vec<Vec<u8>>> = Mutex::new(Vec::new());
const SPARES: usize = 4;
/// Smaller buffers are not worth keeping (the allocator reuses them).
const SPARE_MIN: usize = 64 << 10;

/// Keep `body` for a later batch (see [`spare`]).
pub fn recycle(mut body: Vec<u8>) {
    if body.capacity() < SPARE_MIN {
        return;
    }
    body.clear();
    let mut spare = SPARE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if spare.len() < SPARES {
        spare.push(body);
    }
}

/// An empty buffer of at least `cap` bytes: a recycled one when there is.
pub fn spare(cap: usize) -> Vec<u8> {
    let found = {
        let mut spare = SPARE
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let i = spare.iter().position(|b| b.capacity() >= cap);
        i.map(|i| spare.swap_remove(i))
    };
    found.unwrap_or_else(|| Vec::with_capacity(cap))
}

#[derive(Debug)]
pub struct Batcher {
    buf: Vec<u8>,
    ends: Vec<usize>,
    opened: Option<Instant>,
    batch_size: usize,
    batch_bytes: usize,
    flush_interval: Duration,
}

impl Batcher {
    pub fn new(policy: &Policy) -> Batcher {
        Batcher {
            buf: spare(policy.batch_bytes.min(8 << 20) + 1024),
            ends: Vec::new(),
            opened: None,
            batch_size: policy.batch_size.max(1),
            batch_bytes: policy.batch_bytes.max(1),
            flush_interval: policy.flush_interval,
        }
    }

    /// Append one entry, written by `write` as wire JSON. When it pushes the
    /// open batch over `batch_bytes`, the batch closes before it and is
    /// returned; the entry opens the next one.
    pub fn push(&mut self, write: impl FnOnce(&mut Vec<u8>)) -> Option<Batch> {
        let before = self.buf.len();
        if before > 0 {
            self.buf.push(b',');
        }
        write(&mut self.buf);
        let mut closed = None;
        if before > 0 && self.buf.len() > self.batch_bytes {
            let tail = self.buf.split_off(before + 1);
            self.buf.truncate(before);
            closed = self.take();
            self.buf.extend_from_slice(&tail);
        }
        self.ends.push(self.buf.len());
        if self.opened.is_none() {
            self.opened = Some(Instant::now());
        }
        closed
    }

    /// Whether the open batch is full by count or bytes. Cheap: no clock
    /// read, so it can be asked after every entry.
    pub fn is_full(&self) -> bool {
        self.ends.len() >= self.batch_size || self.buf.len() >= self.batch_bytes
    }

    /// Whether the open batch is older than `flush_interval`.
    pub fn is_due(&self) -> bool {
        self.due_in() == Some(Duration::ZERO)
    }

    /// Entries in the open batch.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Time left before the open batch is due, `None` when it is empty.
    pub fn due_in(&self) -> Option<Duration> {
        self.opened
            .map(|t| self.flush_interval.saturating_sub(t.elapsed()))
    }

    /// Close the open batch, if it holds anything.
    pub fn take(&mut self) -> Option<Batch> {
        self.opened = None;
        if self.ends.is_empty() {
            return None;
        }
        let cap = self.buf.capacity();
        let body = std::mem::replace(&mut self.buf, spare(cap));
        let ends = std::mem::take(&mut self.ends);
        Some(Batch::entries(body, ends, false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sender::Batch;
    use crate::wire::Level;

    fn policy(size: usize, bytes: usize) -> Policy {
        Policy {
            batch_size: size,
            batch_bytes: bytes,
            flush_interval: Duration::from_secs(60),
            timeout: Duration::from_secs(1),
            retry_budget: Duration::ZERO,
            min_level: Level::Debug,
        }
    }

    #[test]
    fn an_entry_over_the_byte_limit_opens_the_next_batch() {
        let mut b = Batcher::new(&policy(100, 10));
        assert!(b.push(|o| o.extend_from_slice(b"\"aaaa\"")).is_none());
        let closed = b.push(|o| o.extend_from_slice(b"\"bbbb\"")).unwrap();
        match &closed.payload {
            super::super::Payload::Entries { body, ends, .. } => {
                assert_eq!(&body[..], b"\"aaaa\"");
                assert_eq!(ends, &[6]);
            }
            _ => panic!("entries expected"),
        }
        let open = b.take().unwrap();
        match &open.payload {
            super::super::Payload::Entries { body, ends, .. } => {
                assert_eq!(&body[..], b"\"bbbb\"");
                assert_eq!(ends, &[6]);
            }
            _ => panic!("entries expected"),
        }
        assert!(b.take().is_none());
    }

    #[test]
    fn a_dropped_batch_body_is_written_into_again() {
        // The pool is shared with tests running alongside: an odd size, and
        // a few tries, tell our buffer apart from theirs.
        let cap = (3 << 20) + 17;
        let reused = (0..50).any(|_| {
            // Larger than asked: a fresh buffer would have just `cap`.
            let mut body = Vec::with_capacity(cap + 100);
            body.extend_from_slice(b"\"old\"");
            drop(Batch::entries(body, vec![5], false));
            let next = spare(cap);
            assert!(next.is_empty() && next.capacity() >= cap);
            next.capacity() == cap + 100
        });
        assert!(reused, "a dropped batch's body never came back");
    }

    #[test]
    fn full_by_count_and_due_by_age() {
        let mut b = Batcher::new(&policy(2, 1 << 20));
        b.push(|o| o.push(b'1'));
        assert!(!b.is_full());
        assert!(!b.is_due());
        b.push(|o| o.push(b'2'));
        assert!(b.is_full());
        let mut p = policy(100, 1 << 20);
        p.flush_interval = Duration::ZERO;
        let mut b = Batcher::new(&p);
        assert!(!b.is_due(), "an empty batch is never due");
        b.push(|o| o.push(b'1'));
        assert!(b.is_due());
        assert!(!b.is_full());
    }
}
