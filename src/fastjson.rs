//! Hand-written pieces of the wire JSON for hot paths that stamp out
//! millions of entries: string escaping (byte-for-byte what serde_json
//! writes), and a clock that formats timestamps cheaply. (Timestamps found in
//! input are read by THE normaliser, `reading::time`.)

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// 0: copy as is; otherwise the character after the backslash (`u` for
/// `\u00XX`). The same choices as serde_json. Its non-zero bytes (`"`, `\`
/// and controls) end a run of plain string content, for a writer and a
/// reader alike ([`plain_run`]).
static ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = b'u';
        i += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0a] = b'n';
    t[0x0c] = b'f';
    t[0x0d] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

/// The index of the first stop byte in the little-endian word `w`.
#[inline]
fn first_stop(w: u64) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let q = w ^ (ONES * u64::from(b'"'));
    let s = w ^ (ONES * u64::from(b'\\'));
    // The lowest flagged byte of each term is exactly its first match (a
    // borrow only flags bytes above a true one): so is their union's.
    let hit = ((q.wrapping_sub(ONES) & !q)
        | (s.wrapping_sub(ONES) & !s)
        | (w.wrapping_sub(ONES * 0x20) & !w))
        & HIGH;
    (hit != 0).then(|| (hit.trailing_zeros() / 8) as usize)
}

/// The end of the run of plain string content that starts at `i`: eight
/// bytes at a time (a word with no `"`, `\` or control byte is skipped
/// whole), then the last word (overlapping); a whole string shorter than a
/// word is checked as one word of overlapping loads (most keys and many
/// values are that short), and only one that holds a stop byte goes byte
/// by byte.
#[allow(clippy::needless_bitwise_bool)] // no early exit in a block: that is what vectorises
pub fn plain_run(b: &[u8], mut i: usize) -> usize {
    // Two words first: most keys and short values end in them (a reader's
    // run ends at the closing quote).
    for _ in 0..2 {
        let Some(chunk) = b.get(i..i + 8) else { break };
        if let Some(at) = first_stop(u64::from_le_bytes(chunk.try_into().expect("8 bytes"))) {
            return i + at;
        }
        i += 8;
    }
    // Then blocks of 16: a fold without early exit over a fixed block is
    // what the compiler turns into vector compares (SSE2, no `unsafe`),
    // about a third of the word loop's instructions on a long message.
    // The block that holds a stop is left to the word loop, which finds it.
    while let Some(block) = b.get(i..i + 16) {
        let stop = block.iter().fold(false, |any, &c| {
            any | (c < 0x20) | (c == b'"') | (c == b'\\')
        });
        if stop {
            break;
        }
        i += 16;
    }
    while let Some(chunk) = b.get(i..i + 8) {
        if let Some(at) = first_stop(u64::from_le_bytes(chunk.try_into().expect("8 bytes"))) {
            return i + at;
        }
        i += 8;
    }
    let n = b.len();
    if i == n {
        return i;
    }
    if n >= 8 {
        // The last few bytes: the word that ends `b`, its bytes before `i`
        // (already seen plain) masked as plain.
        let start = n - 8;
        let w = u64::from_le_bytes(b[start..].try_into().expect("8 bytes"));
        let seen = (1u64 << ((i - start) * 8)) - 1;
        let w = (w & !seen) | (0x6161_6161_6161_6161 & seen);
        return start + first_stop(w).unwrap_or(8);
    }
    if i == 0 {
        // 4 to 7 bytes: the first four and the last four; 1 to 3: the
        // first, middle and last byte (all of them), padded with plain ones.
        let w = if n >= 4 {
            let word = |at: usize| {
                u64::from(u32::from_le_bytes(
                    b[at..at + 4].try_into().expect("4 bytes"),
                ))
            };
            word(0) | word(n - 4) << 32
        } else {
            u64::from_le_bytes([b[0], b[n / 2], b[n - 1], b'a', b'a', b'a', b'a', b'a'])
        };
        if first_stop(w).is_none() {
            return n;
        }
    }
    while i < n && ESCAPE[b[i] as usize] == 0 {
        i += 1;
    }
    i
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Append `s` as a JSON string, quotes included. Most keys and many
/// values are short and need no escaping: such a string is loaded in at
/// most two words, checked in them, and appended as a fixed 18 bytes cut
/// back to its length (no call to copy it, no byte loop).
#[inline]
pub fn write_str(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    let n = b.len();
    if n <= 16 {
        let mut buf = [b'"'; 18];
        let word = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().expect("8 bytes"));
        let half = |at: usize| {
            u64::from(u32::from_le_bytes(
                b[at..at + 4].try_into().expect("4 bytes"),
            ))
        };
        let plain = if n >= 8 {
            buf[1..9].copy_from_slice(&b[..8]);
            buf[n - 7..=n].copy_from_slice(&b[n - 8..]);
            first_stop(word(0)).is_none() && first_stop(word(n - 8)).is_none()
        } else if n >= 4 {
            buf[1..5].copy_from_slice(&b[..4]);
            buf[n - 3..=n].copy_from_slice(&b[n - 4..]);
            first_stop(half(0) | half(n - 4) << 32).is_none()
        } else if n > 0 {
            let (x, y, z) = (b[0], b[n / 2], b[n - 1]);
            (buf[1], buf[1 + n / 2], buf[n]) = (x, y, z);
            first_stop(u64::from_le_bytes([x, y, z, b'a', b'a', b'a', b'a', b'a'])).is_none()
        } else {
            true
        };
        if plain {
            buf[n + 1] = b'"';
            let len = out.len();
            out.extend_from_slice(&buf);
            out.truncate(len + n + 2);
            return;
        }
    }
    out.reserve(n + 2);
    out.push(b'"');
    escape_from(out, b, plain_run(b, 0));
    out.push(b'"');
}

/// [`write_str`] into a `String` (no UTF-8 check of the result: the plain
/// runs are cut at ASCII bytes, so they are whole `str` pieces).
pub fn push_str(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let b = s.as_bytes();
    if b.len() <= 16 && short_plain(b) {
        out.push_str(s);
        out.push('"');
        return;
    }
    let (mut start, mut i) = (0, plain_run(b, 0));
    while i < b.len() {
        out.push_str(&s[start..i]);
        let c = b[i];
        match ESCAPE[c as usize] {
            b'u' => {
                out.push_str("\\u00");
                out.push(HEX[(c >> 4) as usize] as char);
                out.push(HEX[(c & 0xf) as usize] as char);
            }
            e => {
                out.push('\\');
                out.push(e as char);
            }
        }
        start = i + 1;
        i = plain_run(b, start);
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// A string of at most 16 bytes as two little-endian words of overlapping
/// loads that together cover every byte; what a string under 8 bytes does
/// not fill is `pad`. With the length, the words name the string exactly.
#[inline]
pub(crate) fn short_words(b: &[u8], pad: u8) -> (u64, u64) {
    let n = b.len();
    let word = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().expect("8 bytes"));
    let half = |at: usize| {
        u64::from(u32::from_le_bytes(
            b[at..at + 4].try_into().expect("4 bytes"),
        ))
    };
    let pads = u64::from_le_bytes([pad; 8]);
    if n >= 8 {
        (word(0), word(n - 8))
    } else if n >= 4 {
        (half(0) | half(n - 4) << 32, pads)
    } else if n > 0 {
        (
            u64::from_le_bytes([b[0], b[n / 2], b[n - 1], pad, pad, pad, pad, pad]),
            pads,
        )
    } else {
        (pads, pads)
    }
}

/// Whether `b`, at most 16 bytes, needs no escaping: checked as
/// [`write_str`] checks it, in at most two words.
#[inline]
fn short_plain(b: &[u8]) -> bool {
    let (x, y) = short_words(b, b'a');
    // Under 8 bytes the second word is all padding: nothing to check.
    first_stop(x).is_none() && (b.len() < 8 || first_stop(y).is_none())
}

/// Append the escaped contents of a JSON string (no quotes). `s` must be
/// UTF-8 (it comes from a `&str`, or was checked).
pub fn write_str_body(out: &mut Vec<u8>, s: &[u8]) {
    // Most log lines need no escaping: find the first byte that does eight
    // at a time, and copy the runs between in one go.
    escape_from(out, s, plain_run(s, 0));
}

/// [`write_str_body`] once the first `i` bytes are known plain.
fn escape_from(out: &mut Vec<u8>, s: &[u8], mut i: usize) {
    let mut start = 0;
    while i < s.len() {
        out.extend_from_slice(&s[start..i]);
        let b = s[i];
        let e = ESCAPE[b as usize];
        if e == b'u' {
            out.extend_from_slice(b"\\u00");
            out.push(HEX[(b >> 4) as usize]);
            out.push(HEX[(b & 0xf) as usize]);
        } else {
            out.push(b'\\');
            out.push(e);
        }
        start = i + 1;
        i = plain_run(s, start);
    }
    out.extend_from_slice(&s[start..]);
}

/// How far ahead of the real clock [`Clock`] may run to keep stamps
/// strictly increasing: one second.
pub const MAX_AHEAD_US: u64 = 1_000_000;

/// Timestamps for entries stamped "now": RFC 3339 UTC with microseconds and
/// a `Z`, strictly increasing (at least 1 µs apart) so that entries read in
/// one burst keep their input order when sorted by time. The date part is
/// formatted once per second.
#[derive(Debug, Default)]
pub struct Clock {
    last_us: u64,
    sec: u64,
    /// `YYYY-MM-DDTHH:MM:SS.` for `sec`.
    prefix: Vec<u8>,
}

impl Clock {
    pub fn new() -> Clock {
        Clock::default()
    }

    /// Microseconds since the epoch, now.
    pub fn now_us() -> u64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_micros() as u64)
    }

    /// The next timestamp, as microseconds since the epoch.
    pub fn tick(&mut self) -> u64 {
        self.tick_at(Clock::now_us())
    }

    /// The next timestamp for something that happened at `now_us` (for
    /// example the read of the chunk a line came in): `now_us`, or 1 µs after
    /// the previous timestamp if that is later.
    ///
    /// Above a million entries a second, stamps would drift ahead of the
    /// clock; they never run more than [`MAX_AHEAD_US`] ahead: past that an
    /// entry repeats the previous stamp (still never going backwards).
    pub fn tick_at(&mut self, now_us: u64) -> u64 {
        let next = self.last_us + 1;
        let us = if next > now_us.saturating_add(MAX_AHEAD_US) {
            self.last_us
        } else {
            now_us.max(next)
        };
        self.last_us = us;
        us
    }

    /// Append the timestamp `us` (from [`Clock::tick`]) without quotes.
    pub fn write(&mut self, out: &mut Vec<u8>, us: u64) {
        let sec = us / 1_000_000;
        if self.prefix.is_empty() || sec != self.sec {
            self.sec = sec;
            let t = UNIX_EPOCH + Duration::from_secs(sec);
            // `2026-11-22T10:00:00Z` -> keep the first 19 bytes.
            let whole = humantime::format_rfc3339_seconds(t).to_string();
            self.prefix.clear();
            self.prefix.extend_from_slice(&whole.as_bytes()[..19]);
            self.prefix.push(b'.');
        }
        out.extend_from_slice(&self.prefix);
        let mut frac = (us % 1_000_000) as u32;
        let mut digits = [b'0'; 6];
        for d in digits.iter_mut().rev() {
            *d = b'0' + (frac % 10) as u8;
            frac /= 10;
        }
        out.extend_from_slice(&digits);
        out.push(b'Z');
    }

    /// The next timestamp for `now_us` as a string.
    pub fn string_at(&mut self, now_us: u64) -> String {
        let us = self.tick_at(now_us);
        let mut v = Vec::with_capacity(27);
        self.write(&mut v, us);
        String::from_utf8(v).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_runs_end_at_the_first_stop_byte() {
        let stops: Vec<u8> = (0..0x20).chain([b'"', b'\\']).collect();
        // Up to past two words and two blocks (`plain_run` skips blocks of 16).
        for len in 0..72 {
            for at in 0..=len {
                for &stop in &stops {
                    let mut b = vec![b'a'; len];
                    b.extend_from_slice("é~\x7f".as_bytes());
                    if at < b.len() {
                        b[at] = stop;
                        // A second stop after the first must not matter.
                        if at + 1 < b.len() {
                            b[at + 1] = b'"';
                        }
                    }
                    let want = b
                        .iter()
                        .position(|&c| ESCAPE[c as usize] != 0)
                        .unwrap_or(b.len());
                    assert_eq!(plain_run(&b, 0), want, "{b:?}");
                }
            }
        }
    }

    /// Strings shorter than a word take the one-word check: every string of
    /// up to three bytes from a set with stops, and every position of one
    /// stop in four to seven bytes.
    #[test]
    fn short_strings_agree_with_byte_by_byte() {
        let want = |b: &[u8]| {
            b.iter()
                .position(|&c| ESCAPE[c as usize] != 0)
                .unwrap_or(b.len())
        };
        let set = [b'a', b'"', b'\\', 0, 0x1f, 0x20, 0x7f, 0x80, 0xff, b'\n'];
        let mut all: Vec<Vec<u8>> = vec![vec![]];
        for len in 1..=3 {
            let mut next = Vec::new();
            for s in all.iter().filter(|s| s.len() == len - 1) {
                for &c in &set {
                    let mut t = s.clone();
                    t.push(c);
                    next.push(t);
                }
            }
            all.extend(next);
        }
        for len in 4..18 {
            for at in 0..len {
                for &c in &set {
                    let mut b = vec![b'x'; len];
                    b[at] = c;
                    all.push(b);
                }
            }
        }
        for b in &all {
            assert_eq!(plain_run(b, 0), want(b), "{b:?}");
            if let Ok(s) = std::str::from_utf8(b) {
                let mut ours = Vec::new();
                write_str(&mut ours, s);
                assert_eq!(ours, serde_json::to_vec(s).unwrap(), "{s:?}");
                let mut text = String::new();
                push_str(&mut text, s);
                assert_eq!(text.as_bytes(), ours, "{s:?}");
            }
        }
    }

    #[test]
    fn escaping_matches_serde_json() {
        for s in [
            "plain",
            "quote \" backslash \\ slash /",
            "tab\tnewline\ncr\rbell\x07esc\x1b nul\0 del\x7f",
            "unicode é ü 日本 🎉 \u{2028}",
            "\x08\x0c",
            "",
        ] {
            let mut ours = Vec::new();
            write_str(&mut ours, s);
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                serde_json::to_string(s).unwrap()
            );
            let mut text = String::new();
            push_str(&mut text, s);
            assert_eq!(text, serde_json::to_string(s).unwrap());
        }
    }

    #[test]
    fn clock_is_strictly_increasing_and_well_formed() {
        let mut c = Clock::new();
        let mut last = String::new();
        for _ in 0..1000 {
            let s = c.string_at(Clock::now_us());
            assert_eq!(s.len(), 27, "{s}");
            assert!(s.ends_with('Z'));
            assert!(humantime::parse_rfc3339(&s).is_ok(), "{s}");
            assert!(s > last, "{s} <= {last}");
            last = s;
        }
    }

    #[test]
    fn clock_never_runs_more_than_a_second_ahead() {
        let mut c = Clock::new();
        let now = 1_795_000_000_000_000;
        let stamps: Vec<u64> = (0..1_500_000).map(|_| c.tick_at(now)).collect();
        assert_eq!(stamps[0], now);
        assert_eq!(stamps[1], now + 1);
        assert_eq!(stamps[1_000_000], now + MAX_AHEAD_US);
        assert_eq!(
            stamps[1_499_999],
            now + MAX_AHEAD_US,
            "repeats, never further"
        );
        assert!(stamps.windows(2).all(|w| w[0] <= w[1]));
        // Time moving on lets it increase again; time going back does not.
        assert_eq!(c.tick_at(now + 2 * MAX_AHEAD_US), now + 2 * MAX_AHEAD_US);
        assert_eq!(
            c.tick_at(now + 2 * MAX_AHEAD_US - 10),
            now + 2 * MAX_AHEAD_US + 1
        );
        assert_eq!(
            c.tick_at(now),
            now + 2 * MAX_AHEAD_US + 1,
            "a clock jump back repeats"
        );
    }

    #[test]
    fn clock_formats_like_format_timestamp() {
        let mut c = Clock::new();
        let mut out = Vec::new();
        let us = 1_795_000_000_123_456;
        c.write(&mut out, us);
        let want = crate::wire::time::format_timestamp(UNIX_EPOCH + Duration::from_micros(us));
        assert_eq!(String::from_utf8(out).unwrap(), want);
    }
}
