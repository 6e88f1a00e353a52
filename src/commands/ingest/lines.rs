//! Where lines start, for checkpoints: a `BufRead` wrapper that notes the
//! byte offset of every line start the parser could see, so a record's
//! line number (which every parser gives) turns into the byte offset to
//! resume at, whatever the parser's own buffering (it may consume a record
//! before or after handing it out: the offsets come from the bytes filled,
//! not from the parser).
//!
//! Memory stays small: the caller forgets the lines before each record it
//! is handed ([`LineStarts::start_of`] pops them), empty lines are not
//! noted (no record starts there), and lines more than a record's maximum
//! size behind what was consumed are dropped (no record can start there).

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{self, BufRead, Read};
use std::rc::Rc;

/// Lines that start this far behind the consumed position cannot be where
/// a record handed out later starts (records are at most 8 MiB).
const BEHIND: u64 = crate::formats::MAX_RECORD as u64 + (1 << 20);

#[derive(Debug)]
pub struct LineStarts {
    /// (line number, byte offset) of the line starts noted and not forgotten.
    starts: VecDeque<(u64, u64)>,
    /// The line that starts after the last newline scanned, and the offset
    /// scanned up to.
    next_line: u64,
    scanned: u64,
    consumed: u64,
}

impl LineStarts {
    /// Line `line` starts at byte `offset` (where reading begins).
    pub fn new(line: u64, offset: u64) -> Rc<RefCell<LineStarts>> {
        Rc::new(RefCell::new(LineStarts {
            starts: VecDeque::from([(line, offset)]),
            next_line: line,
            scanned: offset,
            consumed: offset,
        }))
    }

    /// Where line `line` starts, forgetting the lines before it. `None`
    /// when it was not seen (or forgotten already).
    pub fn start_of(&mut self, line: u64) -> Option<u64> {
        while self.starts.front().is_some_and(|(l, _)| *l < line) {
            self.starts.pop_front();
        }
        match self.starts.front() {
            Some((l, o)) if *l == line => Some(*o),
            _ => None,
        }
    }

    /// Lines before the byte offset scanned up to (the next line's number
    /// minus one), and that offset: at the end of the input, what the
    /// checkpoint says.
    pub fn end(&self) -> (u64, u64) {
        (self.next_line - 1, self.scanned)
    }

    fn scan(&mut self, bytes: &[u8]) {
        let base = self.scanned;
        for i in memchr::memchr_iter(b'\n', bytes) {
            self.next_line += 1;
            // An empty line (or one of only `\r`) starts no record.
            let after = bytes.get(i + 1).copied();
            if !matches!(after, Some(b'\n' | b'\r')) {
                self.starts.push_back((self.next_line, base + i as u64 + 1));
            }
        }
        self.scanned = base + bytes.len() as u64;
        let floor = self.consumed.saturating_sub(BEHIND);
        while self.starts.len() > 1 && self.starts.front().is_some_and(|(_, o)| *o < floor) {
            self.starts.pop_front();
        }
    }
}

/// A `BufRead` that feeds [`LineStarts`] with the bytes it hands out.
pub struct Tracked<R> {
    inner: R,
    lines: Rc<RefCell<LineStarts>>,
}

impl<R: BufRead> Tracked<R> {
    pub fn new(inner: R, lines: Rc<RefCell<LineStarts>>) -> Tracked<R> {
        Tracked { inner, lines }
    }
}

impl<R: BufRead> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = {
            let avail = self.fill_buf()?;
            let n = avail.len().min(buf.len());
            buf[..n].copy_from_slice(&avail[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Tracked<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        let buf = self.inner.fill_buf()?;
        let mut l = self.lines.borrow_mut();
        let end = l.consumed + buf.len() as u64;
        if end > l.scanned {
            let from = usize::try_from(l.scanned - l.consumed).unwrap_or(usize::MAX);
            l.scan(&buf[from.min(buf.len())..]);
        }
        Ok(buf)
    }

    fn consume(&mut self, n: usize) {
        self.inner.consume(n);
        self.lines.borrow_mut().consumed += n as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_starts_are_found_whatever_the_reads() {
        let text = b"a\nbb\n\nccc\r\n\r\nd";
        for cap in [1, 2, 3, 64] {
            let lines = LineStarts::new(10, 100);
            let mut r = Tracked::new(io::BufReader::with_capacity(cap, &text[..]), lines.clone());
            let mut all = Vec::new();
            r.read_to_end(&mut all).unwrap();
            assert_eq!(all, text);
            let mut l = lines.borrow_mut();
            assert_eq!(l.start_of(10), Some(100));
            assert_eq!(l.start_of(11), Some(102));
            // Line 12 is empty: not noted (unless a read ended just
            // before it, which costs nothing but an entry).
            assert!(matches!(l.start_of(12), None | Some(105)));
            assert_eq!(l.start_of(13), Some(106));
            assert_eq!(l.start_of(15), Some(113));
            assert_eq!(l.end(), (14, 114), "cap {cap}");
        }
    }
}
