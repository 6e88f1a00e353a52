//! Hand-written pieces of the wire JSON for hot paths that stamp out
//! millions of entries: string escaping (byte-for-byte what serde_json
//! writes), a clock that formats timestamps cheaply, and the normalisation
//! of timestamps found in structured input.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// 0: copy as is; otherwise the character after the backslash (`u` for
/// `\u00XX`). The same choices as serde_json.
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

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Append `s` as a JSON string, quotes included.
pub fn write_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    write_str_body(out, s.as_bytes());
    out.push(b'"');
}

/// Append the escaped contents of a JSON string (no quotes). `s` must be
/// UTF-8 (it comes from a `&str`, or was checked).
pub fn write_str_body(out: &mut Vec<u8>, s: &[u8]) {
    // Most log lines need no escaping: check that first with a loop the
    // compiler turns into SIMD, then copy in one go.
    #[allow(
        clippy::needless_bitwise_bool,
        reason = "`|` without short-circuit is what lets the loop vectorise"
    )]
    let needs = s.iter().fold(false, |acc, &b| {
        acc | (b < 0x20) | (b == b'"') | (b == b'\\')
    });
    if !needs {
        out.extend_from_slice(s);
        return;
    }
    let mut start = 0;
    for (i, &b) in s.iter().enumerate() {
        let e = ESCAPE[b as usize];
        if e == 0 {
            continue;
        }
        out.extend_from_slice(&s[start..i]);
        if e == b'u' {
            out.extend_from_slice(b"\\u00");
            out.push(HEX[(b >> 4) as usize]);
            out.push(HEX[(b & 0xf) as usize]);
        } else {
            out.push(b'\\');
            out.push(e);
        }
        start = i + 1;
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

/// A timestamp found in structured input, as the wire wants it (RFC 3339
/// UTC with microseconds and `Z`), or `None` when it cannot be read without
/// guessing. Accepted: RFC 3339 with `Z` or a numeric offset (`T` or a
/// space between date and time), and epoch numbers (or strings of digits):
/// seconds, milliseconds, microseconds or nanoseconds, told apart by size.
/// A date-time without a zone is refused: its zone would be a guess.
pub fn normalize_timestamp(v: &serde_json::Value) -> Option<String> {
    let t = match v {
        serde_json::Value::Number(n) => match n.as_u64() {
            Some(i) => from_epoch_int(i)?,
            None => from_epoch(n.as_f64()?)?,
        },
        serde_json::Value::String(s) => {
            let s = s.trim();
            if !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit()) {
                from_epoch_int(s.parse::<u64>().ok()?)?
            } else if !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit() || c == b'.') {
                from_epoch(s.parse::<f64>().ok()?)?
            } else {
                parse_rfc3339(s)?
            }
        }
        _ => return None,
    };
    Some(crate::wire::time::format_timestamp(t))
}

/// Epoch seconds, ms, µs or ns (by magnitude) to a time. Between 1973 and
/// 5138 for seconds; anything non-positive or absurd is refused.
fn from_epoch(x: f64) -> Option<SystemTime> {
    if !x.is_finite() || x <= 0.0 {
        return None;
    }
    let secs = if x < 1e11 {
        x
    } else if x < 1e14 {
        x / 1e3
    } else if x < 1e17 {
        x / 1e6
    } else if x < 1e20 {
        x / 1e9
    } else {
        return None;
    };
    if secs < 1e8 {
        return None;
    }
    Some(UNIX_EPOCH + Duration::from_micros((secs * 1e6).round() as u64))
}

/// The same for whole numbers, exactly (an f64 cannot hold every
/// nanosecond count).
fn from_epoch_int(n: u64) -> Option<SystemTime> {
    let micros = if n < 100_000_000 {
        return None;
    } else if n < 100_000_000_000 {
        n.checked_mul(1_000_000)?
    } else if n < 100_000_000_000_000 {
        n * 1_000
    } else if n < 100_000_000_000_000_000 {
        n
    } else {
        n / 1_000
    };
    Some(UNIX_EPOCH + Duration::from_micros(micros))
}

/// RFC 3339 with a zone: `Z`, `+HH:MM`, `+HHMM` or `+HH`.
fn parse_rfc3339(s: &str) -> Option<SystemTime> {
    let b = s.as_bytes();
    if b.len() < 20 || !b[..4].iter().all(u8::is_ascii_digit) || b[4] != b'-' {
        return None;
    }
    if b.last().is_some_and(|c| *c == b'Z' || *c == b'z') {
        let mut fixed = s[..s.len() - 1].to_string();
        fixed.push('Z');
        return humantime::parse_rfc3339_weak(&fixed).ok();
    }
    // A numeric offset: the last '+' or '-' after the time of day.
    let sign_at = s.rfind(['+', '-']).filter(|&i| i >= 19)?;
    let (local, off) = s.split_at(sign_at);
    let sign: i64 = if off.starts_with('-') { -1 } else { 1 };
    let digits: String = off[1..].chars().filter(|c| *c != ':').collect();
    if !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match digits.len() {
        2 => (digits.parse::<i64>().ok()?, 0),
        4 => (
            digits[..2].parse::<i64>().ok()?,
            digits[2..].parse::<i64>().ok()?,
        ),
        _ => return None,
    };
    if h > 23 || m > 59 {
        return None;
    }
    let t = humantime::parse_rfc3339_weak(&format!("{local}Z")).ok()?;
    let shift = Duration::from_secs((h * 3600 + m * 60) as u64);
    // Local time = UTC + offset, so UTC = local - offset.
    if sign > 0 {
        t.checked_sub(shift)
    } else {
        t.checked_add(shift)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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

    #[test]
    fn timestamps_are_normalised() {
        let cases = [
            (
                json!("2026-11-22T10:00:00Z"),
                Some("2026-11-22T10:00:00.000000Z"),
            ),
            (
                json!("2026-11-22T10:00:00.123456789Z"),
                Some("2026-11-22T10:00:00.123456Z"),
            ),
            (
                json!("2026-11-22T12:30:00+02:30"),
                Some("2026-11-22T10:00:00.000000Z"),
            ),
            (
                json!("2026-11-22T05:00:00.5-05:00"),
                Some("2026-11-22T10:00:00.500000Z"),
            ),
            (
                json!("2026-11-22 10:00:00+0000"),
                Some("2026-11-22T10:00:00.000000Z"),
            ),
            (
                json!("2026-11-22T11:00:00+01"),
                Some("2026-11-22T10:00:00.000000Z"),
            ),
            (json!(1_795_000_000), Some("2026-11-18T11:06:40.000000Z")),
            (json!(1_795_000_000.25), Some("2026-11-18T11:06:40.250000Z")),
            (
                json!(1_795_000_000_123_u64),
                Some("2026-11-18T11:06:40.123000Z"),
            ),
            (
                json!(1_795_000_000_123_456_u64),
                Some("2026-11-18T11:06:40.123456Z"),
            ),
            (
                json!(1_795_000_000_123_456_789_u64),
                Some("2026-11-18T11:06:40.123456Z"),
            ),
            (json!("1795000000"), Some("2026-11-18T11:06:40.000000Z")),
            (json!("2026-11-22T10:00:00"), None),
            (json!("yesterday"), None),
            (json!("2026-11-22T10:00:00+25:00"), None),
            (json!(-5), None),
            (json!(42), None),
            (json!(true), None),
            (json!(null), None),
        ];
        for (v, want) in cases {
            assert_eq!(normalize_timestamp(&v).as_deref(), want, "{v}");
        }
    }
}
