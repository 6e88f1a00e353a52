//! The five wire levels (PROTOCOL.md) and the vocabularies read into them:
//! level words, Python logging numbers, syslog severities, OTel severity numbers.

use std::fmt;

use serde::Serialize;
use serde_json::Value;

/// The five wire levels, ordered by severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Debug,
    #[default]
    Info,
    Warn,
    Error,
    Fatal,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::Debug,
        Level::Info,
        Level::Warn,
        Level::Error,
        Level::Fatal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Debug => "debug",
            Level::Info => "info",
            Level::Warn => "warn",
            Level::Error => "error",
            Level::Fatal => "fatal",
        }
    }

    /// A level word from any vocabulary of PROTOCOL.md's table, in any case:
    /// `warning`, `CRITICAL`, `err`, `notice`, ... Numbers are not words: use
    /// [`Level::from_python`], [`Level::from_syslog`] or [`Level::from_otel`].
    pub fn from_word(s: &str) -> Option<Level> {
        // The spellings logs write most, as they are: no trim, no copy
        // (read once per record).
        match s.as_bytes() {
            b"info" | b"INFO" => return Some(Level::Info),
            b"warn" | b"WARN" | b"warning" | b"WARNING" => return Some(Level::Warn),
            b"error" | b"ERROR" => return Some(Level::Error),
            b"debug" | b"DEBUG" => return Some(Level::Debug),
            _ => {}
        }
        let s = s.trim();
        if s.len() > 13 {
            return None;
        }
        // Lowercased on the stack: read once per record, no allocation.
        let mut buf = [0u8; 13];
        let lower = &mut buf[..s.len()];
        lower.copy_from_slice(s.as_bytes());
        lower.make_ascii_lowercase();
        Some(match &*lower {
            b"trace" | b"debug" | b"dbg" | b"verbose" => Level::Debug,
            b"info" | b"notice" | b"information" | b"informational" => Level::Info,
            b"warn" | b"warning" => Level::Warn,
            b"error" | b"err" => Level::Error,
            b"fatal" | b"critical" | b"crit" | b"alert" | b"emerg" | b"emergency" | b"panic" => {
                Level::Fatal
            }
            _ => return None,
        })
    }

    /// Python `logging` numbers: 10 debug, 20 info, 30 warning, 40 error, 50 critical.
    pub fn from_python(n: i64) -> Option<Level> {
        Some(match n {
            0..=14 => Level::Debug,
            15..=24 => Level::Info,
            25..=34 => Level::Warn,
            35..=44 => Level::Error,
            45..=59 => Level::Fatal,
            _ => return None,
        })
    }

    /// Syslog severities 0 (emerg) to 7 (debug).
    pub fn from_syslog(severity: u8) -> Option<Level> {
        Some(match severity {
            0..=2 => Level::Fatal,
            3 => Level::Error,
            4 => Level::Warn,
            5 | 6 => Level::Info,
            7 => Level::Debug,
            _ => return None,
        })
    }

    /// OpenTelemetry severityNumber 1 to 24.
    pub fn from_otel(n: i64) -> Option<Level> {
        Some(match n {
            1..=8 => Level::Debug,
            9..=12 => Level::Info,
            13..=16 => Level::Warn,
            17..=20 => Level::Error,
            21..=24 => Level::Fatal,
            _ => return None,
        })
    }

    /// A level found in a structured record's field: a word, or a number
    /// read as a Python logging level (the most common numeric convention).
    pub fn from_json(v: &Value) -> Option<Level> {
        match v {
            Value::String(s) => Level::from_word(s),
            Value::Number(n) => n.as_i64().and_then(Level::from_python),
            _ => None,
        }
    }

    /// Parse a level given on the command line or in the config file.
    pub fn parse_arg(s: &str) -> Result<Level, String> {
        Level::from_word(s).ok_or_else(|| {
            format!("unknown level '{s}' (expected debug, info, warn, error or fatal)")
        })
    }

    /// error and fatal entries go out at once through `/v1/logs/single`.
    pub fn is_urgent(self) -> bool {
        self >= Level::Error
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_vocabulary() {
        for (w, l) in [
            ("trace", Level::Debug),
            ("DEBUG", Level::Debug),
            ("notice", Level::Info),
            ("INFO", Level::Info),
            ("Warning", Level::Warn),
            ("err", Level::Error),
            ("ERROR", Level::Error),
            ("critical", Level::Fatal),
            ("emerg", Level::Fatal),
            ("panic", Level::Fatal),
            ("alert", Level::Fatal),
            ("informational", Level::Info),
            ("Information", Level::Info),
            ("EMERGENCY", Level::Fatal),
        ] {
            assert_eq!(Level::from_word(w), Some(l), "{w}");
        }
        assert_eq!(Level::from_word("loud"), None);
        assert_eq!(Level::from_python(30), Some(Level::Warn));
        assert_eq!(Level::from_python(50), Some(Level::Fatal));
        assert_eq!(Level::from_syslog(4), Some(Level::Warn));
        assert_eq!(Level::from_syslog(6), Some(Level::Info));
        assert_eq!(Level::from_syslog(1), Some(Level::Fatal));
        assert_eq!(Level::from_syslog(8), None);
        assert_eq!(Level::from_otel(9), Some(Level::Info));
        assert_eq!(Level::from_otel(17), Some(Level::Error));
        assert_eq!(Level::from_otel(24), Some(Level::Fatal));
        assert_eq!(Level::from_otel(25), None);
        assert!(Level::Debug < Level::Fatal);
    }
}
