//! The table of record shapes auralog recognises without flags: which keys
//! carry each library's message, level, time, stack trace and error type,
//! and how its level numbers read. README's table is this table.
//!
//! Recognition looks at key names only (no values but a type check), in
//! table order: the most specific signatures first, the generic shape last.

use super::fields::{Field, Fields};
use super::time::Unit;
use crate::wire::Level;

/// How a shape's level values read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vocab {
    /// Words; numbers as Python `logging` levels (10 debug .. 50 critical).
    Words,
    /// pino/bunyan: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal.
    Pino,
    /// syslog severities 0 emerg .. 7 debug (journald `PRIORITY`).
    Syslog,
    /// OpenTelemetry severityNumber 1..24.
    Otel,
    /// Serilog: Verbose, Debug, Information, Warning, Error, Fatal.
    Clef,
}

/// One recognised shape.
#[derive(Debug)]
pub struct Shape {
    pub name: &'static str,
    /// Which keys tell it apart (documentation; `recognise` is the code).
    pub signature: &'static str,
    pub message: &'static [&'static str],
    pub level: &'static [&'static str],
    pub vocab: Vocab,
    /// Time keys, first present wins, each with the unit of its numbers.
    pub time: &'static [(&'static str, Unit)],
    /// Stack trace keys (dotted: flat key or nested object).
    pub stack: &'static [&'static str],
    /// Error type keys (dotted).
    pub error_name: &'static [&'static str],
    /// Error message keys consumed with the error (dotted).
    pub error_message: &'static [&'static str],
    /// The logger name's key, kept as `logger`.
    pub logger: Option<&'static str>,
    /// Keys that go with the ones read (duplicates of them, format noise).
    pub drop: &'static [&'static str],
    /// Python's reserved LogRecord attributes are not metadata.
    pub python_reserved: bool,
}

const G: Unit = Unit::Guess;

const GENERIC_TIME: &[(&str, Unit)] = &[
    ("timestamp", G),
    ("time", G),
    ("ts", G),
    ("@timestamp", G),
    ("@t", G),
    ("datetime", G),
];
const GENERIC_STACK: &[&str] = &[
    "stackTrace",
    "stack_trace",
    "stacktrace",
    "stack",
    "exc_info",
    "exception",
    "err.stack",
    "error.stack",
    "error.stack_trace",
];
const GENERIC_ERROR: &[&str] = &[
    "err.type",
    "err.name",
    "error.type",
    "error.name",
    "error.kind",
];
const GENERIC_ERROR_MESSAGE: &[&str] = &["err.message", "error.message"];

pub const JOURNALD: Shape = Shape {
    name: "journald",
    signature: "__REALTIME_TIMESTAMP, or MESSAGE with PRIORITY/_TRANSPORT/SYSLOG_IDENTIFIER",
    message: &["MESSAGE"],
    level: &["PRIORITY"],
    vocab: Vocab::Syslog,
    time: &[("__REALTIME_TIMESTAMP", Unit::Micros)],
    stack: &[],
    error_name: &[],
    error_message: &[],
    logger: None,
    drop: &[],
    python_reserved: false,
};

/// One OpenTelemetry LogRecord: the OTLP/JSON shape (camelCase,
/// `attributes` as a KeyValue list, times in ns) and the flattened one the
/// SDKs' console/file exporters write (Python's `LogRecord.to_json`:
/// snake_case, `attributes` as an object, ISO times, `0x` ids).
pub const OTEL: Shape = Shape {
    name: "otel",
    signature: "severityNumber, timeUnixNano, observedTimeUnixNano, severity_number, or body with severityText/severity_text",
    message: &["body"],
    level: &[
        "severityNumber",
        "severityText",
        "severity_number",
        "severity_text",
    ],
    vocab: Vocab::Otel,
    time: &[
        ("timeUnixNano", Unit::Nanos),
        ("observedTimeUnixNano", Unit::Nanos),
        ("timestamp", G),
        ("observed_timestamp", G),
    ],
    stack: &["exception.stacktrace"],
    error_name: &["exception.type"],
    error_message: &["exception.message"],
    logger: None,
    drop: &[],
    python_reserved: false,
};

pub const CLEF: Shape = Shape {
    name: "serilog-clef",
    signature: "@t with @m or @mt",
    message: &["@m", "@mt"],
    level: &["@l"],
    vocab: Vocab::Clef,
    time: &[("@t", G)],
    stack: &["@x"],
    error_name: &[],
    error_message: &[],
    logger: None,
    drop: &["@mt", "@r"],
    python_reserved: false,
};

pub const DOCKER: Shape = Shape {
    name: "docker-json-file",
    signature: "log, stream and time",
    message: &["log"],
    level: &[],
    vocab: Vocab::Words,
    time: &[("time", G)],
    stack: &[],
    error_name: &[],
    error_message: &[],
    logger: None,
    drop: &[],
    python_reserved: false,
};

pub const LOGURU: Shape = Shape {
    name: "loguru",
    signature: "text and a record object (serialize=True)",
    message: &["message"],
    level: &["level"],
    vocab: Vocab::Words,
    time: &[("time", Unit::Seconds)],
    stack: &["stack"],
    error_name: &["exception.type"],
    error_message: &[],
    logger: Some("name"),
    drop: &["exception"],
    python_reserved: true,
};

pub const LOG4J2: Shape = Shape {
    name: "log4j2-json",
    signature: "instant object, or loggerFqcn, or timeMillis with loggerName",
    message: &["message"],
    level: &["level"],
    vocab: Vocab::Words,
    time: &[("instant", G), ("timeMillis", Unit::Millis)],
    stack: &["thrown"],
    error_name: &["thrown.name"],
    error_message: &[],
    logger: Some("loggerName"),
    drop: &[],
    python_reserved: false,
};

pub const LOGBACK: Shape = Shape {
    name: "logstash-logback",
    signature: "@timestamp with @version, or logger_name with level_value",
    message: &["message"],
    level: &["level"],
    vocab: Vocab::Words,
    time: &[("@timestamp", G)],
    stack: &["stack_trace"],
    error_name: &[],
    error_message: &[],
    logger: Some("logger_name"),
    drop: &["level_value", "@version"],
    python_reserved: false,
};

pub const ECS: Shape = Shape {
    name: "ecs",
    signature: "log.level (flat or nested) or ecs.version",
    message: &["message"],
    level: &["log.level"],
    vocab: Vocab::Words,
    time: &[("@timestamp", G)],
    stack: &["error.stack_trace"],
    error_name: &["error.type"],
    error_message: &["error.message"],
    logger: Some("log.logger"),
    drop: &[],
    python_reserved: false,
};

pub const PYTHON: Shape = Shape {
    name: "python-logging",
    signature: "levelname or asctime (python-json-logger, stdlib JSON formatters)",
    message: &["message", "msg"],
    level: &["levelname", "levelno", "level"],
    vocab: Vocab::Words,
    time: &[
        ("asctime", G),
        ("timestamp", G),
        ("time", G),
        ("created", Unit::Seconds),
    ],
    stack: &["exc_info", "exc_text", "stack_info"],
    error_name: &[],
    error_message: &[],
    logger: Some("name"),
    drop: &[],
    python_reserved: true,
};

pub const STRUCTLOG: Shape = Shape {
    name: "structlog",
    signature: "event (with level, timestamp or logger)",
    message: &["event"],
    level: &["level"],
    vocab: Vocab::Words,
    time: &[("timestamp", G)],
    stack: &["exception"],
    error_name: &[],
    error_message: &[],
    logger: None,
    drop: &[],
    python_reserved: false,
};

pub const PINO: Shape = Shape {
    name: "pino-bunyan",
    signature: "a numeric level with msg",
    message: &["msg"],
    level: &["level"],
    vocab: Vocab::Pino,
    time: &[("time", Unit::Millis)],
    stack: &["err.stack"],
    error_name: &["err.type", "err.name"],
    error_message: &["err.message"],
    logger: None,
    drop: &[],
    python_reserved: false,
};

pub const ZAP: Shape = Shape {
    name: "zap",
    signature: "ts with msg, or caller with msg",
    message: &["msg"],
    level: &["level"],
    vocab: Vocab::Words,
    // Seconds as zap writes them by default, but EpochMillisTimeEncoder
    // and friends exist: by magnitude.
    time: &[("ts", G)],
    stack: &["stacktrace"],
    error_name: &[],
    error_message: &[],
    logger: None,
    drop: &[],
    python_reserved: false,
};

pub const GCP: Shape = Shape {
    name: "gcp-structured",
    signature: "severity with message, or a logging.googleapis.com/ key",
    message: &["message", "textPayload"],
    level: &["severity"],
    vocab: Vocab::Words,
    time: &[
        ("timestamp", G),
        ("time", G),
        ("timestampSeconds", Unit::Seconds),
    ],
    stack: &["stack_trace"],
    error_name: &[],
    error_message: &[],
    logger: None,
    drop: &[],
    python_reserved: false,
};

/// slog, logrus, zerolog, winston and anything else with the usual names.
pub const GENERIC: Shape = Shape {
    name: "generic",
    signature: "anything else",
    message: &["message", "msg", "@m"],
    level: &[
        "level",
        "severity",
        "lvl",
        "levelname",
        "loglevel",
        "log.level",
        "@l",
    ],
    vocab: Vocab::Words,
    time: GENERIC_TIME,
    stack: GENERIC_STACK,
    error_name: GENERIC_ERROR,
    error_message: GENERIC_ERROR_MESSAGE,
    logger: None,
    drop: &[],
    python_reserved: false,
};

/// Every shape, in recognition order.
pub const TABLE: &[&Shape] = &[
    &JOURNALD, &OTEL, &CLEF, &DOCKER, &LOGURU, &LOG4J2, &LOGBACK, &ECS, &PYTHON, &STRUCTLOG, &PINO,
    &ZAP, &GCP, &GENERIC,
];

/// The shape of a record, by its keys.
pub fn recognise<F: Fields + ?Sized>(f: &F) -> &'static Shape {
    let has = |k: &str| f.contains(k);
    if has("__REALTIME_TIMESTAMP")
        || (has("MESSAGE") && (has("PRIORITY") || has("_TRANSPORT") || has("SYSLOG_IDENTIFIER")))
    {
        return &JOURNALD;
    }
    if has("severityNumber")
        || has("timeUnixNano")
        || has("observedTimeUnixNano")
        || has("severity_number")
        || (has("body") && (has("severityText") || has("severity_text")))
    {
        return &OTEL;
    }
    if has("@t") && (has("@m") || has("@mt")) {
        return &CLEF;
    }
    if has("log") && has("stream") && has("time") {
        return &DOCKER;
    }
    if has("text") && matches!(f.get("record"), Some(Field::Object)) {
        return &LOGURU;
    }
    if matches!(f.get("instant"), Some(Field::Object))
        || has("loggerFqcn")
        || (has("timeMillis") && has("loggerName"))
    {
        return &LOG4J2;
    }
    if (has("@timestamp") && has("@version")) || (has("logger_name") && has("level_value")) {
        return &LOGBACK;
    }
    if has("log.level") || has("ecs.version") || matches!(f.get("ecs"), Some(Field::Object)) {
        return &ECS;
    }
    if has("levelname") || has("asctime") {
        return &PYTHON;
    }
    if has("event") && (has("level") || has("timestamp") || has("logger")) {
        return &STRUCTLOG;
    }
    if has("msg") && matches!(f.get("level"), Some(Field::Int(_))) {
        return &PINO;
    }
    if has("msg") && (has("ts") || has("caller")) {
        return &ZAP;
    }
    if (has("severity") && (has("message") || has("textPayload")))
        || f.any_key(&|k| k.starts_with("logging.googleapis.com/"))
    {
        return &GCP;
    }
    &GENERIC
}

/// Python `logging.LogRecord` attributes (and python-json-logger's
/// `taskName`): never metadata, as the Auralogs Python SDK's bridge does.
pub const PYTHON_RESERVED: &[&str] = &[
    "args",
    "asctime",
    "created",
    "exc_info",
    "exc_text",
    "filename",
    "funcName",
    "levelname",
    "levelno",
    "lineno",
    "message",
    "module",
    "msecs",
    "msg",
    "name",
    "pathname",
    "process",
    "processName",
    "relativeCreated",
    "stack_info",
    "taskName",
    "thread",
    "threadName",
];

/// A level word of any library: PROTOCOL.md's vocabulary plus winston's
/// `silly`/`http`, loguru's `success`, zap's `dpanic`, and slog's offsets
/// (`ERROR+4`, `DEBUG-4` read as their base level). Google's `DEFAULT` is
/// no level.
pub fn level_word(s: &str) -> Option<Level> {
    if let Some(l) = Level::from_word(s) {
        return Some(l);
    }
    let t = s.trim();
    let base = match t.find(['+', '-']) {
        Some(i) if i > 0 && t[i + 1..].bytes().all(|c| c.is_ascii_digit()) && i + 1 < t.len() => {
            &t[..i]
        }
        _ => t,
    };
    if base.len() != t.len() {
        return Level::from_word(base);
    }
    // The longest word here has 7 bytes: lowercased on the stack.
    if t.len() > 7 {
        return None;
    }
    let mut buf = [0u8; 7];
    let lower = &mut buf[..t.len()];
    lower.copy_from_slice(t.as_bytes());
    lower.make_ascii_lowercase();
    Some(match &*lower {
        b"silly" | b"http" | b"finest" | b"finer" | b"fine" | b"config" => Level::Debug,
        b"success" => Level::Info,
        b"dpanic" | b"severe" => Level::Error,
        _ => return None,
    })
}

/// A level number in a vocabulary.
pub fn level_number(n: i64, vocab: Vocab) -> Option<Level> {
    match vocab {
        Vocab::Pino => Some(match n {
            1..=29 => Level::Debug,
            30..=39 => Level::Info,
            40..=49 => Level::Warn,
            50..=59 => Level::Error,
            60..=69 => Level::Fatal,
            _ => return None,
        }),
        Vocab::Syslog => u8::try_from(n).ok().and_then(Level::from_syslog),
        Vocab::Otel => Level::from_otel(n),
        Vocab::Words | Vocab::Clef => Level::from_python(n),
    }
}

/// A level field's value in a vocabulary: words always; numbers, and
/// strings of digits (journald's `"4"`), by the vocabulary's numbers.
pub fn level_of(f: &Field<'_>, vocab: Vocab) -> Option<Level> {
    match f {
        Field::Str(s) if vocab == Vocab::Otel && s.starts_with("SEVERITY_NUMBER_") => {
            otel_enum_name(s)
        }
        Field::Str(s) => level_word(s).or_else(|| {
            let t = s.trim();
            if !t.is_empty() && t.bytes().all(|c| c.is_ascii_digit()) {
                t.parse().ok().and_then(|n| level_number(n, vocab))
            } else {
                None
            }
        }),
        Field::Int(n) => level_number(*n, vocab),
        _ => None,
    }
}

/// A severityNumber written as its protobuf enum name, as protobuf JSON
/// encoders do (`SEVERITY_NUMBER_WARN`, `SEVERITY_NUMBER_INFO2`).
fn otel_enum_name(s: &str) -> Option<Level> {
    let word = s.strip_prefix("SEVERITY_NUMBER_")?;
    level_word(word.trim_end_matches(|c: char| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_numbers() {
        assert_eq!(level_word("ERROR+4"), Some(Level::Error));
        assert_eq!(level_word("DEBUG-4"), Some(Level::Debug));
        assert_eq!(level_word("Information"), Some(Level::Info));
        assert_eq!(level_word("Verbose"), Some(Level::Debug));
        assert_eq!(level_word("dpanic"), Some(Level::Error));
        assert_eq!(level_word("silly"), Some(Level::Debug));
        assert_eq!(level_word("SUCCESS"), Some(Level::Info));
        assert_eq!(level_word("DEFAULT"), None);
        assert_eq!(level_word("e-mail"), None);
        assert_eq!(level_of(&Field::Int(30), Vocab::Pino), Some(Level::Info));
        assert_eq!(level_of(&Field::Int(60), Vocab::Pino), Some(Level::Fatal));
        assert_eq!(level_of(&Field::Int(30), Vocab::Words), Some(Level::Warn));
        assert_eq!(
            level_of(&Field::Str("4".into()), Vocab::Syslog),
            Some(Level::Warn)
        );
        assert_eq!(
            level_of(&Field::Str("7".into()), Vocab::Syslog),
            Some(Level::Debug)
        );
        assert_eq!(level_of(&Field::Int(17), Vocab::Otel), Some(Level::Error));
        assert_eq!(level_of(&Field::Int(10), Vocab::Otel), Some(Level::Info));
        let otel = |s: &str| level_of(&Field::Str(s.into()), Vocab::Otel);
        assert_eq!(otel("SEVERITY_NUMBER_WARN"), Some(Level::Warn));
        assert_eq!(otel("SEVERITY_NUMBER_INFO2"), Some(Level::Info));
        assert_eq!(otel("SEVERITY_NUMBER_FATAL4"), Some(Level::Fatal));
        assert_eq!(otel("SEVERITY_NUMBER_UNSPECIFIED"), None);
        assert_eq!(otel("17"), Some(Level::Error));
    }
}
