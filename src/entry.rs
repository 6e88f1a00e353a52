//! The wire entry (PROTOCOL.md), its levels and the level vocabulary, and the
//! shared entry options every sending command accepts.

use std::fmt;
use std::time::SystemTime;

use anyhow::Result;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::exit::Failure;
use crate::settings::Settings;

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
        let s = s.trim();
        if s.len() > 13 {
            return None;
        }
        let lower = s.to_ascii_lowercase();
        Some(match lower.as_str() {
            "trace" | "debug" | "dbg" | "verbose" => Level::Debug,
            "info" | "notice" | "information" | "informational" => Level::Info,
            "warn" | "warning" => Level::Warn,
            "error" | "err" => Level::Error,
            "fatal" | "critical" | "crit" | "alert" | "emerg" | "emergency" | "panic" => {
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

/// One log entry exactly as it travels on the wire.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Entry {
    pub level: Level,
    pub message: String,
    pub environment: String,
    pub timestamp: String,
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub metadata: Map<String, Value>,
    #[serde(rename = "stackTrace", skip_serializing_if = "Option::is_none")]
    pub stack_trace: Option<String>,
    #[serde(rename = "traceId")]
    pub trace_id: String,
}

impl Entry {
    /// Append this entry's wire JSON to `out`.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        // Serialising plain strings, maps and numbers into a Vec cannot fail.
        serde_json::to_writer(&mut *out, self).expect("entry serialises");
    }

    pub fn to_json(&self) -> String {
        let mut v = Vec::with_capacity(256);
        self.write_json(&mut v);
        String::from_utf8(v).expect("serde_json writes UTF-8")
    }
}

/// Now, as RFC 3339 UTC with microseconds and a `Z`.
pub fn now_timestamp() -> String {
    format_timestamp(SystemTime::now())
}

pub fn format_timestamp(t: SystemTime) -> String {
    humantime::format_rfc3339_micros(t).to_string()
}

/// Metadata keys auralog itself sets. `-m` cannot set them: they would
/// silently corrupt flows, positions or results (PROTOCOL.md).
pub const MANAGED_KEYS: &[&str] = &[
    "flowId",
    "flowName",
    "stepIndex",
    "durationMs",
    "exitCode",
    "file",
    "line",
    "truncated",
    "originalBytes",
    "invalidUtf8",
    "parseError",
    "stderrTail",
];

/// Metadata keys that have their own option (`--tag`, `--user-id`, ...).
/// Setting one both ways on the command line with different values is an
/// error; a `[metadata]` value from the config file yields to the option.
pub const OPTION_KEYS: &[(&str, &str)] = &[
    ("tags", "--tag"),
    ("userId", "--user-id"),
    ("sessionId", "--session-id"),
    ("errorName", "--error-name"),
    ("source", "--source"),
    ("dataset", "--dataset"),
];

/// Parse one `-m` argument: `KEY=VALUE` (a string) or `KEY:=JSON` (typed).
pub fn parse_meta_arg(arg: &str) -> Result<(String, Value), String> {
    let eq = arg
        .find('=')
        .ok_or_else(|| format!("invalid -m '{arg}': expected KEY=VALUE or KEY:=JSON"))?;
    let (key, value) = if eq > 0 && arg.as_bytes()[eq - 1] == b':' {
        let key = &arg[..eq - 1];
        let raw = &arg[eq + 1..];
        let v: Value = serde_json::from_str(raw)
            .map_err(|e| format!("invalid -m '{arg}': the value after ':=' is not JSON ({e})"))?;
        (key, v)
    } else {
        (&arg[..eq], Value::String(arg[eq + 1..].to_string()))
    };
    if key.is_empty() {
        return Err(format!("invalid -m '{arg}': the key is empty"));
    }
    Ok((key.to_string(), value))
}

/// The entry options shared by every sending command.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct EntryArgs {
    /// Level of the entry: debug, info, warn, error or fatal.
    ///
    /// Also accepts the common synonyms (warning, err, critical, notice, trace...).
    #[arg(
        short = 'l',
        long,
        value_name = "LEVEL",
        value_parser = crate::commands::completions::level_parser(),
        hide_possible_values = true
    )]
    pub level: Option<Level>,

    /// Add metadata: KEY=VALUE for a string, KEY:=JSON for a typed value.
    ///
    /// Repeatable. Example: -m host=web1 -m free_gb:=3 -m 'tags:=["a","b"]'.
    #[arg(short = 'm', long = "meta", value_name = "KEY=VALUE")]
    pub meta: Vec<String>,

    /// Add metadata from a JSON object; -m values win on collision.
    #[arg(long, value_name = "JSON")]
    pub metadata_json: Option<String>,

    /// Add a tag (repeatable); sent as metadata.tags.
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// Use this trace id instead of the resolved one.
    ///
    /// Resolution order: --trace-id, metadata.traceId, AURALOG_TRACE_ID,
    /// TRACEPARENT, the id saved by `auralog trace set`, else a fresh UUID v4.
    #[arg(long, value_name = "ID")]
    pub trace_id: Option<String>,

    /// Set metadata.userId.
    #[arg(long, value_name = "ID")]
    pub user_id: Option<String>,

    /// Set metadata.sessionId.
    #[arg(long, value_name = "ID")]
    pub session_id: Option<String>,

    /// Print the exact wire JSON, one entry a line, and send nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// Everything about an entry that is fixed for one invocation: level
/// override, environment, merged static metadata, trace id. Commands stamp
/// entries out of it with [`Template::entry`].
#[derive(Debug, Clone)]
pub struct Template {
    pub level: Option<Level>,
    pub environment: String,
    pub metadata: Map<String, Value>,
    pub trace_id: String,
}

impl Template {
    /// Merge config `[metadata]`, `--metadata-json`, `-m`, and the dedicated
    /// options, then resolve the trace id. Bad arguments are usage errors.
    pub fn new(args: &EntryArgs, settings: &Settings) -> Result<Template> {
        Template::build(args, settings, Vec::new())
    }

    /// Like [`Template::new`], with metadata from a command's own options
    /// (for example `--error-name`), checked against `-m` like `--tag`.
    pub fn build(
        args: &EntryArgs,
        settings: &Settings,
        extra: Vec<(&'static str, Value)>,
    ) -> Result<Template> {
        let mut cli: Map<String, Value> = Map::new();
        if let Some(js) = &args.metadata_json {
            match serde_json::from_str::<Value>(js) {
                Ok(Value::Object(m)) => cli.extend(m),
                Ok(_) => {
                    return Err(Failure::usage(format!(
                        "invalid --metadata-json '{js}': expected a JSON object"
                    ))
                    .into())
                }
                Err(e) => {
                    return Err(
                        Failure::usage(format!("invalid --metadata-json '{js}': {e}")).into(),
                    )
                }
            }
        }
        for m in &args.meta {
            let (k, v) = parse_meta_arg(m).map_err(Failure::usage)?;
            cli.insert(k, v);
        }
        for key in cli.keys() {
            if MANAGED_KEYS.contains(&key.as_str()) {
                return Err(Failure::usage(format!(
                    "metadata key '{key}' is set by auralog itself and cannot be given with -m"
                ))
                .into());
            }
        }
        let mut options: Vec<(&str, Value)> = Vec::new();
        if !args.tags.is_empty() {
            options.push((
                "tags",
                Value::Array(args.tags.iter().cloned().map(Value::String).collect()),
            ));
        }
        if let Some(u) = &args.user_id {
            options.push(("userId", Value::String(u.clone())));
        }
        if let Some(s) = &args.session_id {
            options.push(("sessionId", Value::String(s.clone())));
        }
        options.extend(extra);
        for (key, value) in options {
            if let Some(prev) = cli.get(key) {
                if prev != &value {
                    let flag = OPTION_KEYS
                        .iter()
                        .find(|(k, _)| *k == key)
                        .map_or("its option", |(_, f)| *f);
                    return Err(Failure::usage(format!(
                        "metadata key '{key}' given both with -m/--metadata-json and {flag}, with different values"
                    ))
                    .into());
                }
            }
            cli.insert(key.to_string(), value);
        }
        // Shallow merge: the invocation's own metadata wins over [metadata].
        let mut metadata = settings.metadata.clone();
        metadata.extend(cli);

        // As the SDKs do, metadata.traceId becomes the entry's trace id.
        let meta_trace = metadata.remove("traceId").map(|v| match v {
            Value::String(s) => s,
            other => other.to_string(),
        });
        let trace_id = crate::trace_id::resolve(args.trace_id.as_deref(), meta_trace.as_deref());

        Ok(Template {
            level: args.level,
            environment: settings.environment.clone(),
            metadata,
            trace_id,
        })
    }

    /// An entry stamped now, at the fixed level or else `level`.
    pub fn entry(&self, message: String, level: Level) -> Entry {
        Entry {
            level: self.level.unwrap_or(level),
            message,
            environment: self.environment.clone(),
            timestamp: now_timestamp(),
            metadata: self.metadata.clone(),
            stack_trace: None,
            trace_id: self.trace_id.clone(),
        }
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

    #[test]
    fn meta_args() {
        assert_eq!(
            parse_meta_arg("host=web1").unwrap(),
            ("host".into(), Value::String("web1".into()))
        );
        assert_eq!(
            parse_meta_arg("n:=3").unwrap(),
            ("n".into(), serde_json::json!(3))
        );
        assert_eq!(
            parse_meta_arg("url=a=b").unwrap(),
            ("url".into(), Value::String("a=b".into()))
        );
        assert!(parse_meta_arg("novalue").is_err());
        assert!(parse_meta_arg("=x").is_err());
        assert!(parse_meta_arg("n:={bad").is_err());
    }

    #[test]
    fn timestamp_shape() {
        let t = SystemTime::UNIX_EPOCH + std::time::Duration::from_micros(1_795_000_000_123_456);
        assert_eq!(format_timestamp(t), "2026-11-18T11:06:40.123456Z");
    }

    #[test]
    fn wire_shape_omits_empty() {
        let e = Entry {
            level: Level::Warn,
            message: "m".into(),
            environment: "production".into(),
            timestamp: "2026-11-22T10:00:00.000000Z".into(),
            metadata: Map::new(),
            stack_trace: None,
            trace_id: "t".into(),
        };
        assert_eq!(
            e.to_json(),
            r#"{"level":"warn","message":"m","environment":"production","timestamp":"2026-11-22T10:00:00.000000Z","traceId":"t"}"#
        );
    }
}
