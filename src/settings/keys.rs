//! The table of settings: one row per setting gives its config key (the
//! row's name), its environment variable (`AURALOG_<NAME>`), its global flag
//! (`--<name-with-dashes>`), type, default, summary and flag help, and the
//! type of its field in [`Values`] (read through `Settings`).
//!
//! Adding a setting is one row here plus the code that reads
//! `settings.<name>`: the flag (cli.rs), `config show`/`get`/`set`, the
//! config template, the man pages and README's drift test all follow.

use std::path::PathBuf;
use std::time::Duration;

use crate::output::shown_value;
use crate::wire::Level;

/// The type of a setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Str,
    Secret,
    Path,
    Float,
    Int,
    Bool,
    Level,
    /// `auto` or a whole number from 1 to 64 (requests in flight).
    Concurrency,
}

/// A known setting. Built by the [`keys!`] rows below.
#[derive(Debug)]
pub struct Key {
    pub name: &'static str,
    pub kind: Kind,
    /// The default as text, typed by the same rules as a flag value.
    pub default: Option<&'static str>,
    /// A summary, lower case, no full stop: `config show`, the template, man pages.
    pub help: &'static str,
    /// The flag's `--help` text, without the default (appended from `default`).
    pub flag_help: &'static str,
    /// The flag's placeholder (`--timeout SECS`); booleans take none.
    pub value_name: Option<&'static str>,
    /// A one-letter flag, if any.
    pub short: Option<char>,
    /// The default as documented, when it is computed rather than `default`.
    pub default_doc: Option<&'static str>,
    /// A value for the config template to show, for a key without `default`.
    pub example: Option<&'static str>,
    /// Environment variables read after `AURALOG_<NAME>`, in this order
    /// (the OpenTelemetry conventions: `OTEL_*`). `AURALOG_<NAME>` wins.
    pub env_also: &'static [&'static str],
    /// The only values allowed (each item of a comma list), if restricted.
    pub choices: Option<&'static [&'static str]>,
}

impl Key {
    /// What a row does not say.
    const BASE: Key = Key {
        name: "",
        kind: Kind::Str,
        default: None,
        help: "",
        flag_help: "",
        value_name: None,
        short: None,
        default_doc: None,
        example: None,
        env_also: &[],
        choices: None,
    };

    /// `AURALOG_<NAME>`.
    pub fn env(&self) -> String {
        env_name(self.name)
    }

    /// `--name-with-dashes`, without the dashes in front.
    pub fn long(&self) -> String {
        self.name.replace('_', "-")
    }

    /// The default as `--help` and the man pages show it.
    pub fn shown_default(&self) -> Option<String> {
        if self.kind == Kind::Bool {
            return None;
        }
        if let Some(d) = self.default_doc {
            return Some(d.to_string());
        }
        let d = self.default?;
        // Typed and shown as `config show` would (5.0 -> 5).
        Some(match convert(self.kind, &Raw::Text(d.to_string())) {
            Ok(Typed::Float(f)) => format!("{f}"),
            _ => d.to_string(),
        })
    }
}

/// One row per setting: `name: FieldType { Key fields },`. Only `kind`,
/// `help` and `flag_help` are required; see [`Key`] for the others.
macro_rules! keys {
    ($( $name:ident : $ty:ty { $($field:ident : $value:expr),* $(,)? } ),* $(,)?) => {
        /// Every setting, in the order `config show` lists them.
        pub const KEYS: &[Key] = &[
            $( Key { name: stringify!($name), $($field: $value,)* ..Key::BASE }, )*
        ];

        /// Every setting's typed value, as resolved (see `Settings`).
        #[derive(Debug, Clone)]
        pub struct Values {
            $( pub $name: $ty, )*
        }

        impl Values {
            /// The typed fields from the resolved values (a missing one
            /// has no default: its field's empty value).
            pub(super) fn from_resolved(r: &super::Resolved) -> Values {
                Values {
                    $( $name: FromTyped::from_typed(r.get(stringify!($name)).map(|(t, _)| t)), )*
                }
            }
        }
    };
}

pub const DEFAULT_ENDPOINT: &str = "https://ingest.auralogs.ai";

keys! {
    api_key: Option<String> {
        kind: Kind::Secret,
        example: Some("aura_..."),
        help: "API key of the Auralogs project",
        value_name: Some("KEY"),
        flag_help: "API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)",
    },
    api_key_file: Option<PathBuf> {
        kind: Kind::Path,
        example: Some("~/.secrets/auralog"),
        help: "file holding the API key",
        value_name: Some("PATH"),
        flag_help: "Read the API key from this file (keep it mode 0600)",
    },
    endpoint: String {
        kind: Kind::Str,
        default: Some(DEFAULT_ENDPOINT),
        help: "ingest service URL",
        value_name: Some("URL"),
        flag_help: "Ingest service URL",
    },
    environment: String {
        kind: Kind::Str,
        default: Some("production"),
        help: "environment sent with every entry",
        value_name: Some("NAME"),
        short: Some('e'),
        flag_help: "Environment name sent with every entry",
    },
    flush_interval: Duration {
        kind: Kind::Float,
        default: Some("5.0"),
        help: "seconds before a partial batch is sent",
        value_name: Some("SECS"),
        flag_help: "Seconds to wait before sending a partial batch",
    },
    batch_size: usize {
        kind: Kind::Int,
        default: Some("10000"),
        help: "most entries in one request",
        value_name: Some("N"),
        flag_help: "Most entries in one request",
    },
    batch_bytes: usize {
        kind: Kind::Int,
        default: Some("1000000"),
        help: "most bytes of entries in one request",
        value_name: Some("BYTES"),
        flag_help: "Most bytes of entries in one request",
    },
    timeout: Duration {
        kind: Kind::Float,
        default: Some("10.0"),
        help: "seconds one HTTP request may take",
        value_name: Some("SECS"),
        flag_help: "Seconds one HTTP request may take",
    },
    retry_budget: Duration {
        kind: Kind::Float,
        default: Some("10.0"),
        help: "seconds spent retrying one batch",
        value_name: Some("SECS"),
        flag_help: "Seconds spent retrying a batch before giving up on it",
    },
    concurrency: Option<usize> {
        kind: Kind::Concurrency,
        default: Some("auto"),
        help: "requests in flight per destination: auto (adaptive, up to 32) or 1..64",
        value_name: Some("N"),
        flag_help: "Requests in flight per destination: auto (adaptive, up to 32) or 1..64",
    },
    min_level: Level {
        kind: Kind::Level,
        default: Some("debug"),
        help: "entries below this level are dropped",
        value_name: Some("LEVEL"),
        flag_help: "Drop entries below this level",
    },
    spool_dir: PathBuf {
        kind: Kind::Path,
        example: Some("~/.local/state/auralog/spool"),
        help: "where undelivered batches are kept",
        value_name: Some("DIR"),
        flag_help: "Where undelivered batches are kept",
        default_doc: Some("$XDG_STATE_HOME/auralog/spool"),
    },
    spool_max_bytes: u64 {
        kind: Kind::Int,
        default: Some("104857600"),
        help: "most bytes the spool may hold",
        value_name: Some("BYTES"),
        flag_help: "Most bytes the spool may hold",
    },
    compress: bool {
        kind: Kind::Bool,
        default: Some("false"),
        help: "gzip request bodies",
        flag_help: "gzip request bodies",
    },
    strict: bool {
        kind: Kind::Bool,
        default: Some("false"),
        help: "fail on delivery or configuration problems",
        flag_help: "Fail (exit 75/77/78) on delivery or configuration problems instead of warning",
    },
    allow_insecure: bool {
        kind: Kind::Bool,
        default: Some("false"),
        help: "allow plain http:// to non-loopback hosts",
        flag_help: "Allow plain http:// to hosts other than loopback",
    },
    ci_metadata: bool {
        kind: Kind::Bool,
        default: Some("true"),
        help: "add metadata.ci (the CI run detected from the environment) to every entry",
        flag_help: "Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)",
    },
    github_step_summary: bool {
        kind: Kind::Bool,
        default: Some("false"),
        help: "on GitHub Actions, flow end appends the flow's summary to $GITHUB_STEP_SUMMARY",
        flag_help: "On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY",
    },
    outputs: Vec<String> {
        kind: Kind::Str,
        default: Some("auralogs"),
        help: "where entries go: auralogs, otlp, or both (a list)",
        value_name: Some("LIST"),
        flag_help: "Where entries go: auralogs, otlp, or both (auralogs,otlp)",
        choices: Some(&["auralogs", "otlp"]),
    },
    otlp_endpoint: String {
        kind: Kind::Str,
        default: Some("http://localhost:4318"),
        help: "OTLP/HTTP receiver; /v1/logs is appended",
        value_name: Some("URL"),
        flag_help: "OTLP/HTTP receiver (a Collector); /v1/logs is appended",
        env_also: &["OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT"],
    },
    otlp_headers: Option<String> {
        kind: Kind::Secret,
        example: Some("authorization=Bearer ..."),
        help: "headers sent to the OTLP receiver (k=v,k2=v2)",
        value_name: Some("K=V,.."),
        flag_help: "Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)",
        env_also: &["OTEL_EXPORTER_OTLP_LOGS_HEADERS", "OTEL_EXPORTER_OTLP_HEADERS"],
    },
    otlp_protocol: String {
        kind: Kind::Str,
        default: Some("http/protobuf"),
        help: "OTLP encoding: http/protobuf or http/json",
        value_name: Some("PROTOCOL"),
        flag_help: "OTLP encoding: http/protobuf or http/json",
        env_also: &["OTEL_EXPORTER_OTLP_LOGS_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL"],
        choices: Some(&["http/protobuf", "http/json"]),
    },
    service_name: String {
        kind: Kind::Str,
        default: Some("auralog"),
        help: "service.name of the OTLP resource",
        value_name: Some("NAME"),
        flag_help: "service.name of the OTLP resource",
        env_also: &["OTEL_SERVICE_NAME"],
    },
    resource_attributes: Option<String> {
        kind: Kind::Str,
        example: Some("service.version=1.4.2,team=infra"),
        help: "more OTLP resource attributes (k=v,k2=v2)",
        value_name: Some("K=V,.."),
        flag_help: "More OTLP resource attributes, k=v,k2=v2",
        env_also: &["OTEL_RESOURCE_ATTRIBUTES"],
    },
    profile: Option<String> {
        kind: Kind::Str,
        example: Some("staging"),
        help: "profile selected from [profiles.NAME]",
        value_name: Some("NAME"),
        flag_help: "Use the [profiles.NAME] table of the config file",
    },
}

pub fn key(name: &str) -> Option<&'static Key> {
    KEYS.iter().find(|k| k.name == name)
}

pub fn env_name(key: &str) -> String {
    format!("AURALOG_{}", key.to_ascii_uppercase())
}

/// A raw value before typing: text from a flag or env var, or a TOML value.
#[derive(Debug, Clone)]
pub enum Raw {
    Text(String),
    Toml(toml::Value),
}

/// A typed setting value.
#[derive(Debug, Clone, PartialEq)]
pub enum Typed {
    Str(String),
    Float(f64),
    Int(u64),
    Bool(bool),
    Level(Level),
}

/// Check a value against its key's type. The error says what was expected.
pub fn convert(kind: Kind, raw: &Raw) -> Result<Typed, String> {
    match (kind, raw) {
        (Kind::Str | Kind::Secret | Kind::Path, Raw::Text(s)) => Ok(Typed::Str(s.clone())),
        (Kind::Str | Kind::Secret | Kind::Path, Raw::Toml(toml::Value::String(s))) => {
            Ok(Typed::Str(s.clone()))
        }
        // A list (`outputs = ["auralogs", "otlp"]`) is kept as its comma form.
        (Kind::Str, Raw::Toml(toml::Value::Array(items))) => items
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()
            .map(|v| Typed::Str(v.join(",")))
            .ok_or_else(|| "expected a list of strings".to_string()),
        (Kind::Float, Raw::Text(s)) => parse_float(s),
        (Kind::Float, Raw::Toml(toml::Value::Float(f))) => check_float(*f),
        (Kind::Float, Raw::Toml(toml::Value::Integer(i))) => check_float(*i as f64),
        (Kind::Int, Raw::Text(s)) => s
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|n| *n > 0)
            .map(Typed::Int)
            .ok_or_else(|| format!("expected a positive whole number, got '{}'", shown_value(s))),
        (Kind::Int, Raw::Toml(toml::Value::Integer(i))) if *i > 0 => Ok(Typed::Int(*i as u64)),
        (Kind::Bool, Raw::Text(s)) => parse_bool(s)
            .map(Typed::Bool)
            .ok_or_else(|| format!("expected true or false, got '{}'", shown_value(s))),
        (Kind::Bool, Raw::Toml(toml::Value::Boolean(b))) => Ok(Typed::Bool(*b)),
        (Kind::Level, Raw::Text(s) | Raw::Toml(toml::Value::String(s))) => {
            // Its error names the value: not in full when it looks like a key.
            Level::parse_arg(s)
                .map(Typed::Level)
                .map_err(|e| e.replace(s.as_str(), &shown_value(s)))
        }
        (Kind::Concurrency, Raw::Text(s) | Raw::Toml(toml::Value::String(s))) => {
            parse_concurrency(s.trim())
        }
        (Kind::Concurrency, Raw::Toml(toml::Value::Integer(i))) => {
            parse_concurrency(&i.to_string())
        }
        (kind, Raw::Toml(v)) => Err(format!(
            "expected {}, got {} {}",
            match kind {
                Kind::Str | Kind::Secret | Kind::Path | Kind::Level => "a string",
                Kind::Float => "a number of seconds",
                Kind::Int => "a positive whole number",
                Kind::Bool => "true or false",
                Kind::Concurrency => "auto or a number from 1 to 64",
            },
            v.type_str(),
            shown_value(&v.to_string())
        )),
    }
}

/// `auto` (adaptive) or 1..=64 requests in flight.
fn parse_concurrency(s: &str) -> Result<Typed, String> {
    if s.eq_ignore_ascii_case("auto") {
        return Ok(Typed::Str("auto".into()));
    }
    match s.parse::<u64>() {
        Ok(n) if (1..=64).contains(&n) => Ok(Typed::Int(n)),
        _ => Err(format!("expected auto or a number from 1 to 64, got '{s}'")),
    }
}

fn parse_float(s: &str) -> Result<Typed, String> {
    match s.trim().parse::<f64>() {
        Ok(f) => check_float(f),
        Err(_) => Err(format!(
            "expected a number of seconds, got '{}'",
            shown_value(s)
        )),
    }
}

fn check_float(f: f64) -> Result<Typed, String> {
    if f.is_finite() && (0.0..1e9).contains(&f) {
        Ok(Typed::Float(f))
    } else {
        Err(format!("expected a number of seconds ≥ 0, got {f}"))
    }
}

pub fn parse_bool(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" | "" => Some(false),
        _ => None,
    }
}

/// A typed value against its key's `choices` (each item of a comma list).
pub fn check_choices(k: &Key, t: &Typed) -> Result<(), String> {
    let (Some(choices), Typed::Str(s)) = (k.choices, t) else {
        return Ok(());
    };
    for item in s.split(',').map(str::trim) {
        if !choices.contains(&item) {
            return Err(format!("expected {}, got '{item}'", choices.join(" or ")));
        }
    }
    Ok(())
}

/// A resolved value as its field's type.
pub trait FromTyped {
    fn from_typed(t: Option<&Typed>) -> Self;
}

impl FromTyped for String {
    fn from_typed(t: Option<&Typed>) -> Self {
        Option::<String>::from_typed(t).unwrap_or_default()
    }
}

impl FromTyped for Option<String> {
    fn from_typed(t: Option<&Typed>) -> Self {
        match t {
            Some(Typed::Str(s)) => Some(s.clone()),
            _ => None,
        }
    }
}

/// A comma list (`auralogs,otlp`), items trimmed, empty ones dropped.
impl FromTyped for Vec<String> {
    fn from_typed(t: Option<&Typed>) -> Self {
        String::from_typed(t)
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }
}

impl FromTyped for PathBuf {
    fn from_typed(t: Option<&Typed>) -> Self {
        Option::<PathBuf>::from_typed(t).unwrap_or_default()
    }
}

impl FromTyped for Option<PathBuf> {
    fn from_typed(t: Option<&Typed>) -> Self {
        Option::<String>::from_typed(t).map(|p| super::expand_tilde(&p))
    }
}

impl FromTyped for Duration {
    fn from_typed(t: Option<&Typed>) -> Self {
        match t {
            Some(Typed::Float(f)) => Duration::from_secs_f64(*f),
            _ => Duration::ZERO,
        }
    }
}

/// `concurrency`: `None` is `auto`.
impl FromTyped for Option<usize> {
    fn from_typed(t: Option<&Typed>) -> Self {
        match t {
            Some(Typed::Int(i)) => usize::try_from(*i).ok(),
            _ => None,
        }
    }
}

impl FromTyped for u64 {
    fn from_typed(t: Option<&Typed>) -> Self {
        match t {
            Some(Typed::Int(i)) => *i,
            _ => 1,
        }
    }
}

impl FromTyped for usize {
    fn from_typed(t: Option<&Typed>) -> Self {
        u64::from_typed(t) as usize
    }
}

impl FromTyped for bool {
    fn from_typed(t: Option<&Typed>) -> Self {
        matches!(t, Some(Typed::Bool(true)))
    }
}

impl FromTyped for Level {
    fn from_typed(t: Option<&Typed>) -> Self {
        match t {
            Some(Typed::Level(l)) => *l,
            _ => Level::Debug,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_by_kind() {
        assert_eq!(
            convert(Kind::Float, &Raw::Text("2.5".into())),
            Ok(Typed::Float(2.5))
        );
        assert!(convert(Kind::Float, &Raw::Text("soon".into())).is_err());
        assert!(convert(Kind::Int, &Raw::Text("0".into())).is_err());
        assert_eq!(
            convert(Kind::Int, &Raw::Toml(toml::Value::Integer(7))),
            Ok(Typed::Int(7))
        );
        assert!(convert(Kind::Int, &Raw::Toml(toml::Value::String("7".into()))).is_err());
        assert_eq!(
            convert(Kind::Bool, &Raw::Text("1".into())),
            Ok(Typed::Bool(true))
        );
        assert_eq!(
            convert(Kind::Level, &Raw::Text("WARNING".into())),
            Ok(Typed::Level(Level::Warn))
        );
    }

    #[test]
    fn every_default_is_valid() {
        for k in KEYS {
            if let Some(d) = k.default {
                let t = convert(k.kind, &Raw::Text(d.into()));
                assert!(t.is_ok(), "{}", k.name);
                assert!(check_choices(k, &t.unwrap()).is_ok(), "{}", k.name);
            }
        }
    }
}
