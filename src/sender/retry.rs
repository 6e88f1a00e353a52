//! Backoff: exponential with full jitter, and `Retry-After` parsing.

use std::time::{Duration, SystemTime};

const BASE_MS: u64 = 100;
const CAP_MS: u64 = 5_000;

/// "Full jitter" (AWS architecture blog): a uniform wait between zero and
/// `min(cap, base * 2^failures)`, so many clients retrying do not collide.
pub fn full_jitter(failures: u32) -> Duration {
    let ceiling = BASE_MS.saturating_mul(1u64 << failures.min(16)).min(CAP_MS);
    Duration::from_millis(fastrand::u64(0..=ceiling))
}

/// `Retry-After` as delay-seconds or an HTTP date (RFC 9110 §10.2.3).
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(v).ok()?;
    Some(
        when.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jitter_is_bounded() {
        for f in 0..20 {
            assert!(full_jitter(f) <= Duration::from_millis(CAP_MS));
        }
        assert!(full_jitter(1) <= Duration::from_millis(200));
    }

    #[test]
    fn retry_after_forms() {
        assert_eq!(parse_retry_after("3"), Some(Duration::from_secs(3)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        let future = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(30));
        let d = parse_retry_after(&future).unwrap();
        assert!(d > Duration::from_secs(27) && d <= Duration::from_secs(30));
        assert_eq!(parse_retry_after("soon"), None);
    }
}
