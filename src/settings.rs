//! Settings, resolved once: flags > `AURALOG_*` environment > selected
//! profile > config file top level > built-in defaults (PRODUCT.md §1).
//!
//! Every value remembers where it came from, for `auralog config show`.
//! Problems with the environment or the file are collected, not fatal: the
//! caller decides (a warning by default, exit 78 under `--strict`). A bad
//! value typed on the command line is a usage error.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Result;
use serde_json::{Map, Value};

use crate::cli::GlobalOpts;
use crate::entry::Level;
use crate::exit::Failure;

pub const DEFAULT_ENDPOINT: &str = "https://ingest.auralog.ai";

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
}

/// A known setting: its name, type, default (as text) and summary.
pub struct Key {
    pub name: &'static str,
    pub kind: Kind,
    pub default: Option<&'static str>,
    pub help: &'static str,
}

/// Every setting, in the order `config show` lists them.
pub const KEYS: &[Key] = &[
    Key {
        name: "api_key",
        kind: Kind::Secret,
        default: None,
        help: "API key of the Auralogs project",
    },
    Key {
        name: "api_key_file",
        kind: Kind::Path,
        default: None,
        help: "file holding the API key",
    },
    Key {
        name: "endpoint",
        kind: Kind::Str,
        default: Some(DEFAULT_ENDPOINT),
        help: "ingest service URL",
    },
    Key {
        name: "environment",
        kind: Kind::Str,
        default: Some("production"),
        help: "environment sent with every entry",
    },
    Key {
        name: "flush_interval",
        kind: Kind::Float,
        default: Some("5.0"),
        help: "seconds before a partial batch is sent",
    },
    Key {
        name: "batch_size",
        kind: Kind::Int,
        default: Some("1000"),
        help: "most entries in one request",
    },
    Key {
        name: "batch_bytes",
        kind: Kind::Int,
        default: Some("1000000"),
        help: "most bytes of entries in one request",
    },
    Key {
        name: "timeout",
        kind: Kind::Float,
        default: Some("10.0"),
        help: "seconds one HTTP request may take",
    },
    Key {
        name: "retry_budget",
        kind: Kind::Float,
        default: Some("10.0"),
        help: "seconds spent retrying one batch",
    },
    Key {
        name: "concurrency",
        kind: Kind::Str,
        default: Some("auto"),
        help: "requests in flight per destination: auto (adaptive, up to 32) or 1..64",
    },
    Key {
        name: "min_level",
        kind: Kind::Level,
        default: Some("debug"),
        help: "entries below this level are dropped",
    },
    Key {
        name: "spool_dir",
        kind: Kind::Path,
        default: None,
        help: "where undelivered batches are kept",
    },
    Key {
        name: "spool_max_bytes",
        kind: Kind::Int,
        default: Some("104857600"),
        help: "most bytes the spool may hold",
    },
    Key {
        name: "compress",
        kind: Kind::Bool,
        default: Some("false"),
        help: "gzip request bodies",
    },
    Key {
        name: "strict",
        kind: Kind::Bool,
        default: Some("false"),
        help: "fail on delivery or configuration problems",
    },
    Key {
        name: "allow_insecure",
        kind: Kind::Bool,
        default: Some("false"),
        help: "allow plain http:// to non-loopback hosts",
    },
    Key {
        name: "profile",
        kind: Kind::Str,
        default: None,
        help: "profile selected from [profiles.NAME]",
    },
];

pub fn key(name: &str) -> Option<&'static Key> {
    KEYS.iter().find(|k| k.name == name)
}

/// Where a value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Flag,
    Env(String),
    Profile(String),
    File(PathBuf),
    Default,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag => f.write_str("flag"),
            Source::Env(v) => write!(f, "env {v}"),
            Source::Profile(p) => write!(f, "profile {p}"),
            Source::File(p) => write!(f, "file {}", p.display()),
            Source::Default => f.write_str("default"),
        }
    }
}

/// A resolved value as text, for display.
#[derive(Debug, Clone)]
pub struct Shown {
    pub key: &'static str,
    pub value: Option<String>,
    pub source: Source,
}

/// All settings, resolved and validated.
#[derive(Debug, Clone)]
pub struct Settings {
    pub config_path: PathBuf,
    pub config_exists: bool,
    pub api_key: Option<String>,
    pub endpoint: String,
    pub environment: String,
    pub flush_interval: Duration,
    pub batch_size: usize,
    pub batch_bytes: usize,
    pub timeout: Duration,
    pub retry_budget: Duration,
    /// Most requests in flight (`concurrency`): `None` is `auto` (adaptive).
    pub concurrency: Option<usize>,
    pub min_level: Level,
    pub spool_dir: PathBuf,
    pub spool_max_bytes: u64,
    pub compress: bool,
    pub strict: bool,
    pub allow_insecure: bool,
    pub profile: Option<String>,
    /// The config file's `[metadata]`, overlaid by the profile's.
    pub metadata: Map<String, Value>,
    /// Every key's value and source, secrets redacted.
    pub shown: Vec<Shown>,
    /// Configuration problems found (bad env value, malformed file, ...).
    pub problems: Vec<String>,
    /// Warnings to print once (key on the command line, loose file mode).
    pub warnings: Vec<String>,
}

/// The state directory: `$XDG_STATE_HOME/auralog` (or the platform's).
pub fn state_dir() -> PathBuf {
    dirs::state_dir()
        .or_else(dirs::data_local_dir)
        .or_else(|| dirs::home_dir().map(|h| h.join(".local/state")))
        .unwrap_or_else(std::env::temp_dir)
        .join("auralog")
}

/// The config file path: `--config`, `AURALOG_CONFIG`, else
/// `$XDG_CONFIG_HOME/auralog/config.toml`.
pub fn config_path(flag: Option<&Path>) -> PathBuf {
    if let Some(p) = flag {
        return p.to_path_buf();
    }
    if let Some(p) = std::env::var_os("AURALOG_CONFIG").filter(|v| !v.is_empty()) {
        return PathBuf::from(p);
    }
    dirs::config_dir()
        .or_else(|| dirs::home_dir().map(|h| h.join(".config")))
        .unwrap_or_else(|| PathBuf::from("."))
        .join("auralog")
        .join("config.toml")
}

/// A raw value before typing: text from a flag or env var, or a TOML value.
#[derive(Debug, Clone)]
pub enum Raw {
    Text(String),
    Toml(toml::Value),
}

/// The parsed config file.
#[derive(Debug, Default)]
pub struct FileConfig {
    pub top: toml::Table,
    pub text: String,
}

impl FileConfig {
    /// Read and parse the file. `Ok(None)` when it does not exist.
    pub fn read(path: &Path) -> Result<Option<FileConfig>, String> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
        };
        let top: toml::Table = toml::from_str(&text).map_err(|e| {
            let (line, col) = e.span().map(|s| line_col(&text, s.start)).unwrap_or((1, 1));
            format!(
                "{}:{line}:{col}: malformed config: {}",
                path.display(),
                e.message().trim()
            )
        })?;
        Ok(Some(FileConfig { top, text }))
    }

    /// The 1-based line where `key` is set in `[section]` (None: top level).
    pub fn line_of(&self, section: Option<&str>, key: &str) -> usize {
        let mut current: Option<String> = None;
        for (i, line) in self.text.lines().enumerate() {
            let t = line.trim();
            if let Some(h) = t.strip_prefix('[') {
                let name = h.trim_start_matches('[').trim_end_matches(']').trim();
                current = Some(name.replace([' ', '"'], ""));
                continue;
            }
            let Some(eq) = t.find('=') else { continue };
            let k = t[..eq].trim().trim_matches('"');
            if k == key && current.as_deref() == section {
                return i + 1;
            }
        }
        1
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rfind('\n')
        .map_or(before.len(), |i| before.len() - i - 1)
        + 1;
    (line, col)
}

/// A value for one key from one layer, with its place in the file (section, line).
type Candidate = (Raw, Source, Option<(Option<String>, usize)>);

pub fn flag_values(g: &GlobalOpts) -> BTreeMap<&'static str, String> {
    let mut m = BTreeMap::new();
    let mut put = |k: &'static str, v: Option<String>| {
        if let Some(v) = v {
            m.insert(k, v);
        }
    };
    put("api_key", g.api_key.clone());
    put(
        "api_key_file",
        g.api_key_file.as_ref().map(|p| p.display().to_string()),
    );
    put("endpoint", g.endpoint.clone());
    put("environment", g.environment.clone());
    put("flush_interval", g.flush_interval.clone());
    put("batch_size", g.batch_size.clone());
    put("batch_bytes", g.batch_bytes.clone());
    put("timeout", g.timeout.clone());
    put("retry_budget", g.retry_budget.clone());
    put("concurrency", g.concurrency.clone());
    put("min_level", g.min_level.clone());
    put(
        "spool_dir",
        g.spool_dir.as_ref().map(|p| p.display().to_string()),
    );
    put("spool_max_bytes", g.spool_max_bytes.clone());
    put("profile", g.profile.clone());
    if g.compress {
        put("compress", Some("true".into()));
    }
    if g.strict {
        put("strict", Some("true".into()));
    }
    if g.allow_insecure {
        put("allow_insecure", Some("true".into()));
    }
    m
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
        (Kind::Float, Raw::Text(s)) => parse_float(s),
        (Kind::Float, Raw::Toml(toml::Value::Float(f))) => check_float(*f),
        (Kind::Float, Raw::Toml(toml::Value::Integer(i))) => check_float(*i as f64),
        (Kind::Int, Raw::Text(s)) => s
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|n| *n > 0)
            .map(Typed::Int)
            .ok_or_else(|| format!("expected a positive whole number, got '{s}'")),
        (Kind::Int, Raw::Toml(toml::Value::Integer(i))) if *i > 0 => Ok(Typed::Int(*i as u64)),
        (Kind::Bool, Raw::Text(s)) => parse_bool(s)
            .map(Typed::Bool)
            .ok_or_else(|| format!("expected true or false, got '{s}'")),
        (Kind::Bool, Raw::Toml(toml::Value::Boolean(b))) => Ok(Typed::Bool(*b)),
        (Kind::Level, Raw::Text(s)) | (Kind::Level, Raw::Toml(toml::Value::String(s))) => {
            Level::parse_arg(s).map(Typed::Level)
        }
        (kind, Raw::Toml(v)) => Err(format!(
            "expected {}, got {} {}",
            match kind {
                Kind::Str | Kind::Secret | Kind::Path | Kind::Level => "a string",
                Kind::Float => "a number of seconds",
                Kind::Int => "a positive whole number",
                Kind::Bool => "true or false",
            },
            v.type_str(),
            v
        )),
    }
}

fn parse_float(s: &str) -> Result<Typed, String> {
    match s.trim().parse::<f64>() {
        Ok(f) => check_float(f),
        Err(_) => Err(format!("expected a number of seconds, got '{s}'")),
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

pub fn env_name(key: &str) -> String {
    format!("AURALOG_{}", key.to_ascii_uppercase())
}

impl Settings {
    /// Resolve every setting from the global options, the environment and the
    /// config file. Only a bad flag value is an error here (usage, exit 2).
    pub fn load(g: &GlobalOpts) -> Result<Settings> {
        let config_path = config_path(g.config.as_deref());
        let mut problems = Vec::new();
        let mut warnings = Vec::new();
        let file = match FileConfig::read(&config_path) {
            Ok(f) => f,
            Err(e) => {
                problems.push(e);
                None
            }
        };
        let config_exists = file.is_some();
        let flags = flag_values(g);

        // The profile is chosen by flag, env or the file's top level.
        let profile: Option<(String, Source)> = flags
            .get("profile")
            .map(|p| (p.clone(), Source::Flag))
            .or_else(|| {
                std::env::var("AURALOG_PROFILE")
                    .ok()
                    .filter(|p| !p.is_empty())
                    .map(|p| (p, Source::Env("AURALOG_PROFILE".into())))
            })
            .or_else(|| {
                file.as_ref().and_then(|f| {
                    f.top
                        .get("profile")
                        .and_then(|v| v.as_str())
                        .map(|p| (p.to_string(), Source::File(config_path.clone())))
                })
            });
        let mut profile_table: Option<&toml::Table> = None;
        if let Some((name, _)) = &profile {
            let found = file
                .as_ref()
                .and_then(|f| f.top.get("profiles"))
                .and_then(|p| p.as_table())
                .and_then(|p| p.get(name))
                .and_then(|t| t.as_table());
            match found {
                Some(t) => profile_table = Some(t),
                None => problems.push(format!(
                    "{}: no [profiles.{name}] table for the selected profile",
                    config_path.display()
                )),
            }
        }

        // Unknown keys in the file are problems: a typo must not go unnoticed.
        if let Some(f) = &file {
            for (k, v) in &f.top {
                match k.as_str() {
                    "metadata" | "profiles" => {
                        if !v.is_table() {
                            problems.push(format!(
                                "{}:{}: key '{k}' must be a table",
                                config_path.display(),
                                f.line_of(None, k)
                            ));
                        }
                    }
                    _ if key(k).is_some() => {}
                    _ => problems.push(format!(
                        "{}:{}: unknown key '{k}'",
                        config_path.display(),
                        f.line_of(None, k)
                    )),
                }
            }
            if let (Some(t), Some((name, _))) = (profile_table, &profile) {
                let section = format!("profiles.{name}");
                for k in t.keys() {
                    if k != "metadata" && (key(k).is_none() || k == "profile") {
                        problems.push(format!(
                            "{}:{}: unknown key '{k}' in [{section}]",
                            config_path.display(),
                            f.line_of(Some(&section), k)
                        ));
                    }
                }
            }
        }

        let mut resolved: BTreeMap<&'static str, (Typed, Source)> = BTreeMap::new();
        for k in KEYS {
            let mut candidates: Vec<Candidate> = Vec::new();
            if let Some(v) = flags.get(k.name) {
                candidates.push((Raw::Text(v.clone()), Source::Flag, None));
            }
            let env = env_name(k.name);
            if let Ok(v) = std::env::var(&env) {
                if !v.is_empty() {
                    candidates.push((Raw::Text(v), Source::Env(env.clone()), None));
                }
            }
            if k.name != "profile" {
                if let (Some(t), Some((name, _)), Some(f)) = (profile_table, &profile, &file) {
                    if let Some(v) = t.get(k.name) {
                        let section = format!("profiles.{name}");
                        let line = f.line_of(Some(&section), k.name);
                        candidates.push((
                            Raw::Toml(v.clone()),
                            Source::Profile(name.clone()),
                            Some((Some(section), line)),
                        ));
                    }
                }
            }
            if let Some(f) = &file {
                if let Some(v) = f.top.get(k.name) {
                    let line = f.line_of(None, k.name);
                    candidates.push((
                        Raw::Toml(v.clone()),
                        Source::File(config_path.clone()),
                        Some((None, line)),
                    ));
                }
            }
            for (raw, source, loc) in candidates {
                match convert(k.kind, &raw) {
                    Ok(t) => {
                        resolved.insert(k.name, (t, source));
                        break;
                    }
                    Err(why) => match (&source, loc) {
                        (Source::Flag, _) => {
                            return Err(Failure::usage(format!(
                                "invalid --{}: {why}",
                                k.name.replace('_', "-")
                            ))
                            .into())
                        }
                        (Source::Env(var), _) => problems.push(format!("invalid {var}: {why}")),
                        (_, Some((section, line))) => problems.push(format!(
                            "{}:{line}: key '{}{}': {why}",
                            config_path.display(),
                            section.map(|s| format!("{s}.")).unwrap_or_default(),
                            k.name
                        )),
                        _ => problems.push(format!("invalid {}: {why}", k.name)),
                    },
                }
            }
            if !resolved.contains_key(k.name) {
                if let Some(d) = k.default {
                    let t = convert(k.kind, &Raw::Text(d.to_string())).expect("defaults are valid");
                    resolved.insert(k.name, (t, Source::Default));
                }
            }
        }

        let text = |name: &str| match resolved.get(name) {
            Some((Typed::Str(s), _)) => Some(s.clone()),
            _ => None,
        };
        let float = |name: &str| match resolved.get(name) {
            Some((Typed::Float(f), _)) => *f,
            _ => 0.0,
        };
        let int = |name: &str| match resolved.get(name) {
            Some((Typed::Int(i), _)) => *i,
            _ => 1,
        };
        let boolean = |name: &str| matches!(resolved.get(name), Some((Typed::Bool(true), _)));

        // The key: api_key and api_key_file compete by source priority.
        let rank = |s: &Source| match s {
            Source::Flag => 0,
            Source::Env(_) => 1,
            Source::Profile(_) => 2,
            Source::File(_) => 3,
            Source::Default => 4,
        };
        let key_src = resolved.get("api_key").map(|(_, s)| rank(s));
        let file_src = resolved.get("api_key_file").map(|(_, s)| rank(s));
        let mut api_key = text("api_key");
        let use_file = match (key_src, file_src) {
            (_, None) => false,
            (None, Some(_)) => true,
            (Some(a), Some(b)) => b < a,
        };
        if use_file {
            if let Some(p) = text("api_key_file") {
                let p = expand_tilde(&p);
                match std::fs::read_to_string(&p) {
                    Ok(k) => {
                        api_key = Some(k.trim().to_string());
                        warn_loose_mode(&p, &mut warnings);
                    }
                    Err(e) => {
                        problems.push(format!("{}: cannot read API key file: {e}", p.display()));
                        api_key = None;
                    }
                }
            }
        }
        if matches!(resolved.get("api_key"), Some((_, Source::Flag))) && !use_file {
            warnings.push(
                "an API key given with --api-key is visible to other users in `ps`; prefer AURALOG_API_KEY or --api-key-file".into(),
            );
        }
        let file_has_key = file.as_ref().is_some_and(|f| {
            f.top.contains_key("api_key")
                || f.top
                    .get("profiles")
                    .and_then(|p| p.as_table())
                    .is_some_and(|p| p.values().any(|t| t.get("api_key").is_some()))
        });
        if file_has_key {
            warn_loose_mode(&config_path, &mut warnings);
        }
        let api_key = api_key.filter(|k| !k.is_empty());

        // Metadata: file [metadata], overlaid by the profile's [metadata].
        let mut metadata = Map::new();
        let mut add_meta = |v: Option<&toml::Value>, what: &str, problems: &mut Vec<String>| {
            if let Some(v) = v {
                match serde_json::to_value(v) {
                    Ok(Value::Object(m)) => metadata.extend(m),
                    _ => {
                        problems.push(format!("{}: {what} must be a table", config_path.display()))
                    }
                }
            }
        };
        if let Some(f) = &file {
            add_meta(f.top.get("metadata"), "[metadata]", &mut problems);
        }
        if let Some(t) = profile_table {
            add_meta(t.get("metadata"), "the profile's [metadata]", &mut problems);
        }

        let shown = KEYS
            .iter()
            .map(|k| {
                let (value, source) = match resolved.get(k.name) {
                    Some((t, s)) => (Some(display_typed(k.kind, t)), s.clone()),
                    None => (None, Source::Default),
                };
                Shown {
                    key: k.name,
                    value,
                    source,
                }
            })
            .collect();

        let concurrency = match text("concurrency").as_deref().map(str::trim) {
            None | Some("auto") => None,
            Some(n) => match n.parse::<usize>() {
                Ok(n) if (1..=64).contains(&n) => Some(n),
                _ => {
                    problems.push(format!(
                        "concurrency: expected auto or a number from 1 to 64, got '{n}'"
                    ));
                    None
                }
            },
        };
        let spool_dir = text("spool_dir")
            .map(|p| expand_tilde(&p))
            .unwrap_or_else(|| state_dir().join("spool"));

        Ok(Settings {
            config_path,
            config_exists,
            api_key,
            endpoint: text("endpoint").unwrap_or_else(|| DEFAULT_ENDPOINT.into()),
            environment: text("environment").unwrap_or_else(|| "production".into()),
            flush_interval: Duration::from_secs_f64(float("flush_interval")),
            batch_size: int("batch_size") as usize,
            batch_bytes: int("batch_bytes") as usize,
            timeout: Duration::from_secs_f64(float("timeout").max(0.001)),
            retry_budget: Duration::from_secs_f64(float("retry_budget")),
            concurrency,
            min_level: match resolved.get("min_level") {
                Some((Typed::Level(l), _)) => *l,
                _ => Level::Debug,
            },
            spool_dir,
            spool_max_bytes: int("spool_max_bytes"),
            compress: boolean("compress"),
            strict: boolean("strict"),
            allow_insecure: boolean("allow_insecure"),
            profile: profile.map(|(p, _)| p),
            metadata,
            shown,
            problems,
            warnings,
        })
    }

    /// The value and source of one key, for `config get` and `config show`.
    pub fn shown(&self, key: &str) -> Option<&Shown> {
        self.shown.iter().find(|s| s.key == key)
    }
}

fn display_typed(kind: Kind, t: &Typed) -> String {
    match t {
        Typed::Str(s) if kind == Kind::Secret => crate::output::redact(s),
        Typed::Str(s) => s.clone(),
        Typed::Float(f) => format!("{f}"),
        Typed::Int(i) => i.to_string(),
        Typed::Bool(b) => b.to_string(),
        Typed::Level(l) => l.to_string(),
    }
}

/// `~/x` -> `$HOME/x`.
pub fn expand_tilde(p: &str) -> PathBuf {
    if let Some(rest) = p.strip_prefix("~/") {
        if let Some(h) = dirs::home_dir() {
            return h.join(rest);
        }
    }
    PathBuf::from(p)
}

/// Warn when a file holding a key can be read by group or others.
pub fn warn_loose_mode(path: &Path, warnings: &mut Vec<String>) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(m) = std::fs::metadata(path) {
            let mode = m.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                warnings.push(format!(
                    "{} holds an API key and is readable by others (mode {mode:o}); run: chmod 600 {}",
                    path.display(),
                    path.display()
                ));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = (path, warnings);
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
    fn finds_key_lines() {
        let f = FileConfig {
            top: toml::Table::new(),
            text: "endpoint = 'x'\n\n[profiles.ci]\nendpoint = 'y'\n".into(),
        };
        assert_eq!(f.line_of(None, "endpoint"), 1);
        assert_eq!(f.line_of(Some("profiles.ci"), "endpoint"), 4);
    }
}
