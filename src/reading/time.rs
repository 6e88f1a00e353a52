//! THE timestamp normaliser: every time a record carries, in any shape, to
//! microseconds since the epoch (UTC), written on the wire as RFC 3339 UTC
//! with six fraction digits and `Z`.
//!
//! The calendar and text parsing are `wire::time`'s (lenient RFC 3339 for
//! log files, strict for RFC 5424, RFC 3164 dates); this file adds the rules
//! for fields: a unit the shape knows (pino milliseconds, journald
//! microseconds, OTel nanoseconds) wins over the magnitude guess; a number
//! too small to be a time of this era is not a time at all.
//!
//! Rules, the same for tail-stdin and ingest:
//! - RFC 3339 with `T` or a space, any number of fraction digits, `Z` or an
//!   offset; **no offset means UTC** (what Python's `asctime` and many Java
//!   layouts write on UTC servers).
//! - Numbers and digit strings without a known unit: below 1e11 seconds,
//!   below 1e14 milliseconds, below 1e17 microseconds, else nanoseconds.
//! - Anything before 1973-03-03 (1e8 seconds) read by magnitude is refused
//!   as "not a time" (`{"ts": 5000000}` is a counter, not 1970).

use super::fields::Field;
use crate::wire::time::in_range;
pub use crate::wire::time::{
    from_epoch, from_epoch_int, now, parse_rfc3339, parse_text, to_rfc3339, write_rfc3339, Micros,
};

/// The unit a shape gives its epoch numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Told apart by magnitude.
    Guess,
    Seconds,
    Millis,
    Micros,
    Nanos,
}

/// 1973-03-03T09:46:40Z: the earliest time read by magnitude.
const EARLIEST_GUESS: Micros = 100_000_000 * 1_000_000;
/// An integer epoch in `unit`, exactly.
pub fn from_int(n: i64, unit: Unit) -> Result<Micros, String> {
    let t = match unit {
        Unit::Guess => {
            let t = from_epoch_int(n)?;
            if t < EARLIEST_GUESS {
                return Err("too small to be a time".into());
            }
            t
        }
        Unit::Seconds => n.checked_mul(1_000_000).ok_or("out of range")?,
        Unit::Millis => n.checked_mul(1_000).ok_or("out of range")?,
        Unit::Micros => n,
        Unit::Nanos => n.div_euclid(1_000),
    };
    in_range(t)
}

/// A fractional epoch in `unit` (zap's `ts`, loguru's `timestamp`).
pub fn from_float(x: f64, unit: Unit) -> Result<Micros, String> {
    if !x.is_finite() {
        return Err("not a finite number".into());
    }
    let t = match unit {
        Unit::Guess => {
            let t = from_epoch(x)?;
            if t < EARLIEST_GUESS {
                return Err("too small to be a time".into());
            }
            return Ok(t);
        }
        Unit::Seconds => x * 1e6,
        Unit::Millis => x * 1e3,
        Unit::Micros => x,
        Unit::Nanos => x / 1e3,
    };
    in_range(t.round() as i64)
}

/// A time from text: RFC 3339 (naive = UTC), epoch digits in `unit`, or an
/// RFC 3164 date.
pub fn from_text(s: &str, unit: Unit, now: Micros) -> Result<Micros, String> {
    let t = crate::wire::time::trim(s);
    // The usual RFC 3339 layout, which `parse_text` would come to.
    if let Some(t) = crate::wire::time::parse_usual(t.as_bytes()) {
        return Ok(t);
    }
    let digits = !t.is_empty() && t.bytes().all(|c| c.is_ascii_digit());
    if digits {
        let n: i64 = t.parse().map_err(|_| "out of range".to_string())?;
        return from_int(n, unit);
    }
    let fractional = !t.is_empty()
        && t.bytes().all(|c| c.is_ascii_digit() || c == b'.')
        && t.bytes().filter(|c| *c == b'.').count() == 1;
    if fractional {
        let x: f64 = t.parse().map_err(|_| "not a number".to_string())?;
        return from_float(x, unit);
    }
    parse_text(t, now)
}

/// `Ok(None)`: null or empty, not a time and not a fault (stays metadata).
pub fn from_field(f: &Field<'_>, unit: Unit, now: Micros) -> Result<Option<Micros>, String> {
    match f {
        Field::Null => Ok(None),
        Field::Str(s) => match crate::wire::time::trim(s) {
            "" => Ok(None),
            t => from_text(t, unit, now).map(Some),
        },
        Field::Int(n) => from_int(*n, unit).map(Some),
        Field::Float(x) => from_float(*x, unit).map(Some),
        _ => Err("not a string or a number".into()),
    }
}

/// A JSON value (for nested times).
pub fn from_json(v: &serde_json::Value, unit: Unit, now: Micros) -> Result<Option<Micros>, String> {
    use serde_json::Value;
    let f = match v {
        Value::String(s) => Field::Str(s.as_str().into()),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Field::Int(i),
            None => Field::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::Null => Field::Null,
        Value::Bool(b) => Field::Bool(*b),
        Value::Object(_) => Field::Object,
        Value::Array(_) => Field::Array,
    };
    from_field(&f, unit, now)
}

/// `{"seconds": S, "nanos": N}` (Google), `{"epochSecond": S, "nanoOfSecond": N}` (log4j2).
pub fn from_seconds_nanos(secs: i64, nanos: i64) -> Result<Micros, String> {
    let t = secs
        .checked_mul(1_000_000)
        .and_then(|s| s.checked_add(nanos.div_euclid(1_000)))
        .ok_or("out of range")?;
    in_range(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(f: Field, unit: Unit) -> Option<String> {
        from_field(&f, unit, 0).ok().flatten().map(to_rfc3339)
    }

    #[test]
    fn units_and_guesses() {
        let z = "2026-11-22T10:00:00.000000Z";
        assert_eq!(
            t(Field::Int(1_795_341_600), Unit::Guess).as_deref(),
            Some(z)
        );
        assert_eq!(
            t(Field::Int(1_795_341_600_000), Unit::Guess).as_deref(),
            Some(z)
        );
        assert_eq!(
            t(Field::Int(1_795_341_600_000), Unit::Millis).as_deref(),
            Some(z)
        );
        assert_eq!(
            t(Field::Str("1795341600000000".into()), Unit::Micros).as_deref(),
            Some(z)
        );
        assert_eq!(
            t(Field::Str("1795341600000000000".into()), Unit::Nanos).as_deref(),
            Some(z)
        );
        assert_eq!(
            t(Field::Float(1_795_341_600.5), Unit::Seconds).as_deref(),
            Some("2026-11-22T10:00:00.500000Z")
        );
        // A counter is not 1970.
        assert_eq!(t(Field::Int(5_000_000), Unit::Guess), None);
        assert!(from_field(&Field::Int(5_000_000), Unit::Guess, 0).is_err());
        // Naive is UTC; offsets are applied.
        assert_eq!(
            t(Field::Str("2026-11-22 10:00:00,123".into()), Unit::Guess).as_deref(),
            Some("2026-11-22T10:00:00.123000Z")
        );
        assert_eq!(
            t(
                Field::Str("2026-11-22T12:00:00.5+02:00".into()),
                Unit::Guess
            )
            .as_deref(),
            Some("2026-11-22T10:00:00.500000Z")
        );
        assert_eq!(from_field(&Field::Null, Unit::Guess, 0), Ok(None));
        assert_eq!(
            from_field(&Field::Str(" ".into()), Unit::Guess, 0),
            Ok(None)
        );
        assert!(from_field(&Field::Object, Unit::Guess, 0).is_err());
        assert_eq!(
            from_seconds_nanos(1_526_571_015, 703_123_456).map(to_rfc3339),
            Ok("2018-05-17T15:30:15.703123Z".to_string())
        );
    }

    /// The cases of the normaliser tail-stdin had (fastjson.rs, deleted in
    /// issue 14), through THE normaliser. Where they differ it is the
    /// issue's one rule: a naive time is UTC (as ingest read it), `"yesterday"`
    /// and an offset out of range are errors (the command decides), a small
    /// number is not a time.
    #[test]
    fn the_old_tail_stdin_cases() {
        use serde_json::json;
        let ok = [
            (json!("2026-11-22T10:00:00Z"), "2026-11-22T10:00:00.000000Z"),
            (
                json!("2026-11-22T10:00:00.123456789Z"),
                "2026-11-22T10:00:00.123456Z",
            ),
            (
                json!("2026-11-22T12:30:00+02:30"),
                "2026-11-22T10:00:00.000000Z",
            ),
            (
                json!("2026-11-22T05:00:00.5-05:00"),
                "2026-11-22T10:00:00.500000Z",
            ),
            (
                json!("2026-11-22 10:00:00+0000"),
                "2026-11-22T10:00:00.000000Z",
            ),
            (
                json!("2026-11-22T11:00:00+01"),
                "2026-11-22T10:00:00.000000Z",
            ),
            (json!(1_795_000_000), "2026-11-18T11:06:40.000000Z"),
            (json!(1_795_000_000.25), "2026-11-18T11:06:40.250000Z"),
            (json!(1_795_000_000_123_u64), "2026-11-18T11:06:40.123000Z"),
            (
                json!(1_795_000_000_123_456_u64),
                "2026-11-18T11:06:40.123456Z",
            ),
            (
                json!(1_795_000_000_123_456_789_u64),
                "2026-11-18T11:06:40.123456Z",
            ),
            (json!("1795000000"), "2026-11-18T11:06:40.000000Z"),
            (json!("2026-11-22T10:00:00"), "2026-11-22T10:00:00.000000Z"),
        ];
        for (v, want) in ok {
            let got = from_json(&v, Unit::Guess, 0);
            assert_eq!(
                got.map(|t| t.map(to_rfc3339)),
                Ok(Some(want.to_string())),
                "{v}"
            );
        }
        for v in [
            json!("yesterday"),
            json!("2026-11-22T10:00:00+25:00"),
            json!(-5),
            json!(42),
            json!(true),
        ] {
            assert!(from_json(&v, Unit::Guess, 0).is_err(), "{v}");
        }
        assert_eq!(from_json(&json!(null), Unit::Guess, 0), Ok(None));
    }
}
