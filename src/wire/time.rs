//! The wire timestamp: RFC 3339 UTC with microseconds and a `Z`. A leaf:
//! the entry, the hand-written writer and the spool all format through it.

use std::time::SystemTime;

/// Now, as RFC 3339 UTC with microseconds and a `Z`.
pub fn now_timestamp() -> String {
    format_timestamp(SystemTime::now())
}

pub fn format_timestamp(t: SystemTime) -> String {
    humantime::format_rfc3339_micros(t).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamp_shape() {
        let t = SystemTime::UNIX_EPOCH + std::time::Duration::from_micros(1_795_000_000_123_456);
        assert_eq!(format_timestamp(t), "2026-11-18T11:06:40.123456Z");
    }
}
