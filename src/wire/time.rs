//! The wire timestamp: RFC 3339 UTC with microseconds and a `Z`, written
//! and read. A leaf: the entry, the hand-written writers, the spool, every
//! format's parser and THE reading (`reading::time`) all go through it.
//!
//! Small hand-written code rather than a date crate: it runs once per record
//! on the hot path (no allocation, no time-zone database), it must be
//! lenient where log files are (a space instead of `T`, no offset, any number
//! of fraction digits, epoch numbers, RFC 3164's year-less dates) and strict
//! where RFC 5424 is, and all it needs is the proleptic Gregorian calendar.
//! The wire accepts years 1970 to 9999 (what the service and `humantime`
//! accept); anything outside is an error.

use std::cell::Cell;
use std::time::SystemTime;

/// Now, as RFC 3339 UTC with microseconds and a `Z`.
pub fn now_timestamp() -> String {
    format_timestamp(SystemTime::now())
}

pub fn format_timestamp(t: SystemTime) -> String {
    humantime::format_rfc3339_micros(t).to_string()
}

/// Microseconds since the Unix epoch, UTC.
pub type Micros = i64;

const MICROS_PER_SEC: i64 = 1_000_000;
/// 9999-12-31T23:59:59.999999Z
const MAX_MICROS: i64 = 253_402_300_799_999_999;

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number (inverse of [`days_from_civil`]).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// `00` to `99`: two digits written at once.
static PAIRS: [[u8; 2]; 100] = {
    let mut t = [[0u8; 2]; 100];
    let mut i = 0;
    while i < 100 {
        t[i] = [b'0' + (i / 10) as u8, b'0' + (i % 10) as u8];
        i += 1;
    }
    t
};

thread_local! {
    /// The day [`write_rfc3339`] wrote last and its `YYYY-MM-DD`: records
    /// come in time order, so most share their day with the one before
    /// (the calendar arithmetic was a third of writing a timestamp).
    static LAST_DAY: Cell<(i64, [u8; 10])> = const { Cell::new((i64::MIN, [0; 10])) };
    /// The date [`parse_usual`] read last (year, month, day packed) and its
    /// day number.
    static LAST_DATE: Cell<(u32, i64)> = const { Cell::new((u32::MAX, 0)) };
    /// The minute [`parse_usual`] read last (its first 16 bytes, which
    /// [`minute_base`] found valid) and its start in seconds since the epoch.
    static LAST_MINUTE: Cell<Option<(u128, i64)>> = const { Cell::new(None) };
}

/// `YYYY-MM-DD` of a day number (the year clamped to 0 to 9999).
fn date_text(days: i64) -> [u8; 10] {
    let (y, m, d) = civil_from_days(days);
    let y = y.clamp(0, 9999) as usize;
    let mut b = *b"0000-00-00";
    b[0..2].copy_from_slice(&PAIRS[y / 100]);
    b[2..4].copy_from_slice(&PAIRS[y % 100]);
    b[5..7].copy_from_slice(&PAIRS[m as usize]);
    b[8..10].copy_from_slice(&PAIRS[d as usize]);
    b
}

/// Write `t` as `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
pub fn write_rfc3339(t: Micros, out: &mut Vec<u8>) {
    let secs = t.div_euclid(MICROS_PER_SEC);
    let micros = t.rem_euclid(MICROS_PER_SEC) as usize;
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400) as usize;
    let date = LAST_DAY.with(|c| {
        let (day, text) = c.get();
        if day == days {
            text
        } else {
            let text = date_text(days);
            c.set((days, text));
            text
        }
    });
    let mut buf = *b"0000-00-00T00:00:00.000000Z";
    buf[..10].copy_from_slice(&date);
    buf[11..13].copy_from_slice(&PAIRS[sod / 3600]);
    buf[14..16].copy_from_slice(&PAIRS[sod / 60 % 60]);
    buf[17..19].copy_from_slice(&PAIRS[sod % 60]);
    buf[20..22].copy_from_slice(&PAIRS[micros / 10_000]);
    buf[22..24].copy_from_slice(&PAIRS[micros / 100 % 100]);
    buf[24..26].copy_from_slice(&PAIRS[micros % 100]);
    out.extend_from_slice(&buf);
}

pub fn to_rfc3339(t: Micros) -> String {
    let mut v = Vec::with_capacity(27);
    write_rfc3339(t, &mut v);
    String::from_utf8(v).unwrap_or_default()
}

/// Now, in microseconds.
pub fn now() -> Micros {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_micros() as i64,
        Err(_) => 0,
    }
}

/// `t` if it lies in the years 1970 to 9999.
pub(crate) fn in_range(t: Micros) -> Result<Micros, String> {
    if (0..=MAX_MICROS).contains(&t) {
        Ok(t)
    } else {
        Err("outside the years 1970 to 9999".into())
    }
}

/// Epoch seconds, milliseconds, microseconds or nanoseconds, told apart by
/// magnitude: below 1e11 seconds (up to year 5138), below 1e14 milliseconds,
/// below 1e17 microseconds, else nanoseconds.
pub fn from_epoch(n: f64) -> Result<Micros, String> {
    if !n.is_finite() {
        return Err("not a finite number".into());
    }
    let a = n.abs();
    let micros = if a < 1e11 {
        n * 1e6
    } else if a < 1e14 {
        n * 1e3
    } else if a < 1e17 {
        n
    } else {
        n / 1e3
    };
    in_range(micros.round() as i64)
}

/// Integer epoch values, exact (no float rounding), same magnitude rule.
pub fn from_epoch_int(n: i64) -> Result<Micros, String> {
    let a = n.unsigned_abs();
    let micros = if a < 100_000_000_000 {
        n.checked_mul(1_000_000)
    } else if a < 100_000_000_000_000 {
        n.checked_mul(1_000)
    } else if a < 100_000_000_000_000_000 {
        Some(n)
    } else {
        Some(n / 1_000)
    };
    in_range(micros.ok_or("out of range")?)
}

struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn digits(&mut self, n: usize) -> Option<u32> {
        let s = self.b.get(self.i..self.i + n)?;
        let mut v = 0u32;
        for &c in s {
            if !c.is_ascii_digit() {
                return None;
            }
            v = v * 10 + (c - b'0') as u32;
        }
        self.i += n;
        Some(v)
    }
    fn eat(&mut self, c: u8) -> bool {
        if self.b.get(self.i) == Some(&c) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }
}

/// [`parse_rfc3339`]'s answer for the layout nearly every log writes,
/// `YYYY-MM-DDTHH:MM:SS[.f to .ffffff](Z|+HH:MM|-HH:MM)`, in one pass with
/// the day number of the last date read reused; `None` for anything else,
/// including every fault (the general parser then decides, and locates
/// it). Valid in strict mode too: it takes nothing strict mode refuses.
/// `tests::usual_layout_agrees_with_the_general_parser` holds it to that.
pub fn parse_usual(s: &[u8]) -> Option<Micros> {
    let h: &[u8; 19] = s.get(..19)?.try_into().ok()?;
    if s.len() < 20 {
        return None;
    }
    // The minute (`YYYY-MM-DDTHH:MM`) of the last time read, most often
    // this one's too: then only the seconds on are read.
    let minute = u128::from_le_bytes(h[..16].try_into().expect("16 bytes"));
    let base = match LAST_MINUTE.get() {
        Some((last, base)) if last == minute => {
            if h[16] != b':' || !(h[17].is_ascii_digit() & h[18].is_ascii_digit()) {
                return None;
            }
            base
        }
        _ => {
            let base = minute_base(h)?;
            LAST_MINUTE.set(Some((minute, base)));
            base
        }
    };
    let sec = u32::from(h[17] - b'0') * 10 + u32::from(h[18] - b'0');
    if sec > 60 {
        return None;
    }
    let mut i = 19;
    let mut micros = 0u32;
    if s[i] == b'.' {
        i += 1;
        let start = i;
        while i < s.len() && i - start < 7 && s[i].is_ascii_digit() {
            micros = micros * 10 + u32::from(s[i] - b'0');
            i += 1;
        }
        let n = i - start;
        if n == 0 || n > 6 {
            return None;
        }
        micros *= [1, 100_000, 10_000, 1_000, 100, 10, 1][n];
    }
    let offset_secs = match s.len() - i {
        1 if s[i] == b'Z' => 0,
        6 if matches!(s[i], b'+' | b'-') && s[i + 3] == b':' => {
            let o = &s[i + 1..];
            if ![o[0], o[1], o[3], o[4]].iter().all(u8::is_ascii_digit) {
                return None;
            }
            let (oh, om) = (
                u32::from(o[0] - b'0') * 10 + u32::from(o[1] - b'0'),
                u32::from(o[3] - b'0') * 10 + u32::from(o[4] - b'0'),
            );
            if oh > 23 || om > 59 {
                return None;
            }
            let v = i64::from(oh * 3600 + om * 60);
            if s[i] == b'+' {
                v
            } else {
                -v
            }
        }
        _ => return None,
    };
    let secs = base + i64::from(sec) - offset_secs;
    in_range(secs * MICROS_PER_SEC + i64::from(micros)).ok()
}

/// The seconds since the epoch at the start of the minute `h` names
/// (`YYYY-MM-DDTHH:MM:` and two digits, as UTC), with the day number of
/// the last date read reused; `None` if it is not one.
fn minute_base(h: &[u8; 19]) -> Option<i64> {
    if h[4] != b'-' || h[7] != b'-' || h[10] != b'T' || h[13] != b':' || h[16] != b':' {
        return None;
    }
    const DIGITS: [usize; 14] = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
    // Not short-circuiting: fourteen compares, no loop.
    if !DIGITS
        .iter()
        .fold(true, |ok, &i| ok & h[i].is_ascii_digit())
    {
        return None;
    }
    let d2 = |i: usize| u32::from(h[i] - b'0') * 10 + u32::from(h[i + 1] - b'0');
    let y = d2(0) * 100 + d2(2);
    let (mo, d, hour, mi) = (d2(5), d2(8), d2(11), d2(14));
    if !(1..=12).contains(&mo) || d == 0 || hour > 23 || mi > 59 {
        return None;
    }
    let key = y << 9 | mo << 5 | d;
    let days = LAST_DATE.with(|c| {
        let (last, days) = c.get();
        if last == key {
            return Some(days);
        }
        if d > days_in_month(i64::from(y), mo) {
            return None;
        }
        let days = days_from_civil(i64::from(y), mo, d);
        c.set((key, days));
        Some(days)
    })?;
    Some(days * 86_400 + i64::from(hour * 3600 + mi * 60))
}

/// Parse an RFC 3339 date-time.
///
/// `strict` (RFC 5424's TIMESTAMP): `T` and `Z` upper case, 1 to 6 fraction
/// digits, an offset required. Otherwise (log files): `T`, `t` or a space,
/// any number of fraction digits (kept to microseconds), an offset `Z`,
/// `±HH:MM`, `±HHMM` or `±HH`, or none (read as UTC).
///
/// On error, returns the byte offset of the fault and what is wrong.
pub fn parse_rfc3339(s: &[u8], strict: bool) -> Result<Micros, (usize, String)> {
    match parse_usual(s) {
        Some(t) => Ok(t),
        None => parse_general(s, strict),
    }
}

/// [`parse_rfc3339`] for every layout, byte by byte.
fn parse_general(s: &[u8], strict: bool) -> Result<Micros, (usize, String)> {
    let mut c = Cursor { b: s, i: 0 };
    let bad = |c: &Cursor, what: &str| Err((c.i, what.to_string()));
    let Some(y) = c.digits(4) else {
        return bad(&c, "expected a 4-digit year");
    };
    if !c.eat(b'-') {
        return bad(&c, "expected '-' after the year");
    }
    let Some(mo) = c.digits(2).filter(|m| (1..=12).contains(m)) else {
        return bad(&c, "expected a month 01 to 12");
    };
    if !c.eat(b'-') {
        return bad(&c, "expected '-' after the month");
    }
    let Some(d) = c
        .digits(2)
        .filter(|d| *d >= 1 && *d <= days_in_month(y as i64, mo))
    else {
        return bad(&c, "expected a day that exists in that month");
    };
    let sep_ok = match c.peek() {
        Some(b'T') => true,
        Some(b't' | b' ') => !strict,
        _ => false,
    };
    if !sep_ok {
        return bad(&c, "expected 'T' between date and time");
    }
    c.i += 1;
    let Some(h) = c.digits(2).filter(|h| *h <= 23) else {
        return bad(&c, "expected an hour 00 to 23");
    };
    if !c.eat(b':') {
        return bad(&c, "expected ':' after the hour");
    }
    let Some(mi) = c.digits(2).filter(|m| *m <= 59) else {
        return bad(&c, "expected minutes 00 to 59");
    };
    if !c.eat(b':') {
        return bad(&c, "expected ':' after the minutes");
    }
    // 60 is a leap second; it is folded into the next second's start.
    let Some(sec) = c.digits(2).filter(|s| *s <= 60) else {
        return bad(&c, "expected seconds 00 to 60");
    };
    let mut micros = 0u32;
    if c.eat(b'.') || (!strict && c.eat(b',')) {
        let start = c.i;
        while c.peek().is_some_and(|b| b.is_ascii_digit()) {
            let n = c.i - start;
            if n < 6 {
                micros = micros * 10 + (s[c.i] - b'0') as u32;
            }
            c.i += 1;
        }
        let n = c.i - start;
        if n == 0 || (strict && n > 6) {
            return bad(&c, "expected 1 to 6 fraction digits");
        }
        for _ in n..6 {
            micros *= 10;
        }
    }
    let offset_secs: i64 = match c.peek() {
        Some(b'Z') => {
            c.i += 1;
            0
        }
        Some(b'z') if !strict => {
            c.i += 1;
            0
        }
        Some(sign @ (b'+' | b'-')) => {
            c.i += 1;
            let Some(oh) = c.digits(2).filter(|h| *h <= 23) else {
                return bad(&c, "expected an offset hour 00 to 23");
            };
            let om = if c.eat(b':') {
                c.digits(2)
            } else if strict {
                None
            } else if c.peek().is_some_and(|b| b.is_ascii_digit()) {
                c.digits(2)
            } else {
                Some(0)
            };
            let Some(om) = om.filter(|m| *m <= 59) else {
                return bad(&c, "expected offset minutes 00 to 59");
            };
            let v = (oh * 3600 + om * 60) as i64;
            if sign == b'+' {
                v
            } else {
                -v
            }
        }
        None if !strict => 0,
        _ => return bad(&c, "expected 'Z' or an offset like +02:00"),
    };
    if c.i != s.len() {
        return bad(&c, "unexpected text after the time");
    }
    let days = days_from_civil(y as i64, mo, d);
    let secs = days * 86_400 + (h * 3600 + mi * 60 + sec) as i64 - offset_secs;
    in_range(secs * MICROS_PER_SEC + micros as i64).map_err(|e| (0, e))
}

const MONTHS: [&[u8; 3]; 12] = [
    b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov", b"dec",
];

/// An RFC 3164 (BSD syslog) timestamp at the start of `s`: `Mmm dd hh:mm:ss`
/// (day space- or zero-padded, month in any case), optionally with a year
/// after the day (`Mmm dd yyyy hh:mm:ss`, as some devices write). Returns the
/// time and the bytes it took.
///
/// Without a year, the year is `now`'s year, or the year before when that
/// would put the record more than a day in the future (a December record
/// read in January). The time is read as UTC: RFC 3164 carries no zone.
pub fn parse_rfc3164_prefix(s: &[u8], now: Micros) -> Option<(Micros, usize)> {
    let mon = s.get(..3)?;
    let m = MONTHS
        .iter()
        .position(|name| name.eq_ignore_ascii_case(mon))? as u32
        + 1;
    let mut c = Cursor { b: s, i: 3 };
    if !c.eat(b' ') {
        return None;
    }
    c.eat(b' ');
    let d = match (c.peek(), s.get(c.i + 1)) {
        (Some(a), Some(b)) if a.is_ascii_digit() && b.is_ascii_digit() => c.digits(2)?,
        (Some(a), _) if a.is_ascii_digit() => c.digits(1)?,
        _ => return None,
    };
    if !c.eat(b' ') {
        return None;
    }
    let mut year = None;
    if s.get(c.i + 4) == Some(&b' ') {
        let save = c.i;
        match c.digits(4) {
            Some(y) if c.eat(b' ') => year = Some(y as i64),
            _ => c.i = save,
        }
    }
    let h = c.digits(2).filter(|h| *h <= 23)?;
    if !c.eat(b':') {
        return None;
    }
    let mi = c.digits(2).filter(|m| *m <= 59)?;
    if !c.eat(b':') {
        return None;
    }
    let sec = c.digits(2).filter(|s| *s <= 60)?;
    let at = |y: i64| -> Option<Micros> {
        if d == 0 || d > days_in_month(y, m) {
            return None;
        }
        let secs = days_from_civil(y, m, d) * 86_400 + (h * 3600 + mi * 60 + sec) as i64;
        Some(secs * MICROS_PER_SEC)
    };
    let t = match year {
        Some(y) => at(y)?,
        None => {
            let (this_year, _, _) = civil_from_days(now.div_euclid(MICROS_PER_SEC * 86_400));
            match at(this_year) {
                Some(t) if t <= now + 86_400 * MICROS_PER_SEC => t,
                // More than a day ahead (or Feb 29 in a common year): last year.
                _ => at(this_year - 1)?,
            }
        }
    };
    in_range(t).ok().map(|t| (t, c.i))
}

/// A timestamp from a text field: RFC 3339 (lenient), epoch digits, or an
/// RFC 3164 date.
pub fn parse_text(s: &str, now: Micros) -> Result<Micros, String> {
    let t = trim(s);
    let b = t.as_bytes();
    if b.is_empty() {
        return Err("empty".into());
    }
    if b.len() >= 4 && b[..4].iter().all(u8::is_ascii_digit) && b.get(4) == Some(&b'-') {
        return parse_rfc3339(b, false).map_err(|(_, e)| e);
    }
    let numeric = b
        .iter()
        .enumerate()
        .all(|(i, c)| c.is_ascii_digit() || *c == b'.' || (i == 0 && *c == b'-'));
    if numeric {
        if let Ok(n) = t.parse::<i64>() {
            return from_epoch_int(n);
        }
        if let Ok(f) = t.parse::<f64>() {
            return from_epoch(f);
        }
    }
    if let Some((t, n)) = parse_rfc3164_prefix(b, now) {
        if n == b.len() {
            return Ok(t);
        }
    }
    Err("not an RFC 3339 time, epoch number or syslog date".into())
}

/// `s.trim()`, without its Unicode scan when `s` starts and ends with a
/// printable ASCII byte (the common case: nothing to trim).
pub fn trim(s: &str) -> &str {
    match s.as_bytes() {
        [f, .., l] if f.is_ascii_graphic() && l.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> String {
        to_rfc3339(parse_text(s, 0).unwrap())
    }

    #[test]
    fn calendar_round_trips() {
        for days in [-1, 0, 59, 365, 10_957, 19_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    #[test]
    fn rfc3339_forms() {
        assert_eq!(p("2026-11-22T10:00:00Z"), "2026-11-22T10:00:00.000000Z");
        assert_eq!(p("2026-11-22T10:00:00.123Z"), "2026-11-22T10:00:00.123000Z");
        assert_eq!(
            p("2026-11-22T10:00:00.123456789Z"),
            "2026-11-22T10:00:00.123456Z"
        );
        assert_eq!(p("2026-11-22 10:00:00"), "2026-11-22T10:00:00.000000Z");
        assert_eq!(
            p("2026-11-22T12:30:00+02:30"),
            "2026-11-22T10:00:00.000000Z"
        );
        assert_eq!(p("2026-11-22T00:00:00-0700"), "2026-11-22T07:00:00.000000Z");
        assert_eq!(p("2026-01-01T00:30:00+01"), "2025-12-31T23:30:00.000000Z");
        assert!(parse_text("2026-02-29T00:00:00Z", 0).is_err());
        assert!(parse_text("2024-02-29T00:00:00Z", 0).is_ok());
        assert!(parse_text("1969-12-31T23:59:59Z", 0).is_err());
        assert!(parse_text("2026-11-22T10:00:00Zjunk", 0).is_err());
    }

    #[test]
    fn strict_rfc5424() {
        assert!(parse_rfc3339(b"2003-10-11T22:14:15.003Z", true).is_ok());
        assert!(parse_rfc3339(b"2003-08-24T05:14:15.000003-07:00", true).is_ok());
        assert!(parse_rfc3339(b"2006-01-02t15:04:05Z", true).is_err());
        assert!(parse_rfc3339(b"2006-01-02T15:04:05z", true).is_err());
        assert!(parse_rfc3339(b"2003-09-29T22:09:01.000000000009Z", true).is_err());
        assert!(parse_rfc3339(b"2003-08-24T05:14:15.000003-24:00", true).is_err());
        assert!(parse_rfc3339(b"2003-09-29T22:09:01", true).is_err());
    }

    #[test]
    fn epochs() {
        assert_eq!(p("1700000000"), "2023-11-14T22:13:20.000000Z");
        assert_eq!(p("1700000000.5"), "2023-11-14T22:13:20.500000Z");
        assert_eq!(p("1700000000123"), "2023-11-14T22:13:20.123000Z");
        assert_eq!(p("1700000000123456"), "2023-11-14T22:13:20.123456Z");
        assert_eq!(p("1700000000123456789"), "2023-11-14T22:13:20.123456Z");
        assert!(parse_text("-5", 0).is_err());
    }

    #[test]
    fn rfc3164_year_inference() {
        // "now" is 2026-01-05: a December record is from 2025.
        let now = days_from_civil(2026, 1, 5) * 86_400 * MICROS_PER_SEC;
        let (t, n) = parse_rfc3164_prefix(b"Dec 31 23:59:59 host", now).unwrap();
        assert_eq!(n, 15);
        assert_eq!(to_rfc3339(t), "2025-12-31T23:59:59.000000Z");
        let (t, _) = parse_rfc3164_prefix(b"Jan  5 10:00:00", now).unwrap();
        assert_eq!(to_rfc3339(t), "2026-01-05T10:00:00.000000Z");
        // Up to a day ahead stays in this year (clock skew, time zones).
        let (t, _) = parse_rfc3164_prefix(b"Jan  5 23:30:00", now).unwrap();
        assert_eq!(to_rfc3339(t), "2026-01-05T23:30:00.000000Z");
        let (t, _) = parse_rfc3164_prefix(b"Jan  7 10:00:00", now).unwrap();
        assert_eq!(to_rfc3339(t), "2025-01-07T10:00:00.000000Z");
        let (t, n) = parse_rfc3164_prefix(b"AUG 10 2009 22:18:24 x", now).unwrap();
        assert_eq!(
            (to_rfc3339(t).as_str(), n),
            ("2009-08-10T22:18:24.000000Z", 20)
        );
        assert!(parse_rfc3164_prefix(b"Foo 10 22:18:24", now).is_none());
    }

    /// Every one-byte change of usual timestamps (and their cuts): where
    /// the fast path answers, the general parser gives the same time in
    /// both modes; where it does not, the general parser decides alone.
    #[test]
    fn usual_layout_agrees_with_the_general_parser() {
        let seeds = [
            "2026-11-22T10:00:00.000Z",
            "2024-02-29T23:59:60.123456+02:30",
            "1970-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999Z",
            "2026-12-31T00:00:00.5-23:59",
            "2023-02-28T12:00:00.1234567Z",
            "1969-12-31T23:59:59+00:00",
        ];
        let swaps: Vec<u8> = b"0123456789-+:.TtZz ,x\xff".to_vec();
        let (mut fast, mut total) = (0, 0);
        let mut check = |b: &[u8]| {
            total += 1;
            let got = parse_usual(b);
            for strict in [false, true] {
                let want = parse_general(b, strict).ok();
                if got.is_some() {
                    assert_eq!(
                        got,
                        want,
                        "{:?} strict {strict}",
                        String::from_utf8_lossy(b)
                    );
                }
                assert_eq!(parse_rfc3339(b, strict).ok(), want);
            }
            fast += usize::from(got.is_some());
        };
        for seed in seeds {
            let s = seed.as_bytes();
            for cut in 0..=s.len() {
                check(&s[..cut]);
            }
            for i in 0..s.len() {
                for &c in &swaps {
                    let mut b = s.to_vec();
                    b[i] = c;
                    check(&b);
                    // Twice: the second read may come from the date cache.
                    check(&b);
                    b.insert(i, c);
                    check(&b);
                }
            }
        }
        // Every day of some years, after other dates filled the cache.
        for y in [1970, 2000, 2024, 2026, 2100] {
            for m in 1..=12 {
                for d in 1..=32 {
                    check(format!("{y:04}-{m:02}-{d:02}T01:02:03Z").as_bytes());
                }
            }
        }
        assert!(
            fast > total / 10,
            "the fast path is taken: {fast} of {total}"
        );
    }

    /// The cached date and the digit pairs write what the calendar says.
    #[test]
    fn writing_agrees_with_humantime() {
        let mut t: Micros = 0;
        let mut out = Vec::new();
        while t < MAX_MICROS {
            for step in [0, 1, 999_999, 86_399_999_999] {
                let u = (t + step).min(MAX_MICROS);
                out.clear();
                write_rfc3339(u, &mut out);
                let want = format_timestamp(
                    SystemTime::UNIX_EPOCH + std::time::Duration::from_micros(u as u64),
                );
                assert_eq!(String::from_utf8_lossy(&out), want);
                assert_eq!(parse_rfc3339(&out, true), Ok(u));
            }
            t += 7_777_777_777_777;
        }
    }

    #[test]
    fn timestamp_shape() {
        let t = SystemTime::UNIX_EPOCH + std::time::Duration::from_micros(1_795_000_000_123_456);
        assert_eq!(format_timestamp(t), "2026-11-18T11:06:40.123456Z");
    }
}
