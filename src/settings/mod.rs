//! Settings, resolved once: flags > `AURALOG_*` environment > the
//! OpenTelemetry `OTEL_*` names a key also reads (its `env_also`, signal-
//! specific before generic) > selected profile > config file top level >
//! built-in defaults (PRODUCT.md §1).
//!
//! Every value remembers where it came from, for `auralog config show`.
//! Problems with the environment or the file are collected, not fatal: the
//! caller decides (a warning by default, exit 78 under `--strict`). A bad
//! value typed on the command line is a usage error.
//!
//! `keys.rs` is the table of settings (flags, env vars, config keys,
//! defaults, help and the typed fields all come from it); `file.rs` reads
//! the config file; `api_key.rs` picks the key; this file runs the steps.

mod api_key;
mod endpoint;
mod file;
mod keys;

use std::collections::BTreeMap;
use std::fmt;
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};

use anyhow::Result;
use serde_json::{Map, Value};

use crate::exit::Failure;

pub use api_key::warn_loose_mode;
pub use endpoint::ENDPOINT_FORMS;
pub use file::{config_path, FileConfig};
pub use keys::{
    check_choices, convert, env_name, key, parse_bool, Key, Kind, Raw, Typed, Values,
    DEFAULT_ENDPOINT, KEYS,
};

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

/// Each key's typed value and where it came from.
pub(crate) type Resolved = BTreeMap<&'static str, (Typed, Source)>;

/// All settings, resolved and validated. The table's typed values
/// (`settings.endpoint`, `settings.timeout`, ...) are read through `Deref`.
#[derive(Debug, Clone)]
pub struct Settings {
    pub values: Values,
    pub config_path: PathBuf,
    pub config_exists: bool,
    /// Setting values given as flags, by key, as typed (for `config init`,
    /// `config set --profile` and `serve`'s demanded key).
    pub flags: BTreeMap<&'static str, String>,
    /// The config file's `[metadata]`, overlaid by the profile's.
    pub metadata: Map<String, Value>,
    /// Every key's value and source, secrets redacted.
    pub shown: Vec<Shown>,
    /// Configuration problems found (bad env value, malformed file, ...).
    pub problems: Vec<String>,
    /// Warnings to print once (key on the command line, loose file mode).
    pub warnings: Vec<String>,
}

impl Deref for Settings {
    type Target = Values;
    fn deref(&self) -> &Values {
        &self.values
    }
}

impl DerefMut for Settings {
    fn deref_mut(&mut self) -> &mut Values {
        &mut self.values
    }
}

/// The state directory (`sys::state_dir`), named here too for the commands
/// that read it beside their settings.
pub use crate::sys::state_dir;

/// A value for one key from one layer, with its place in the file (section, line).
type Candidate = (Raw, Source, Option<(Option<String>, usize)>);

/// What the steps of [`Settings::load`] share.
struct Loading<'a> {
    path: &'a Path,
    file: Option<&'a FileConfig>,
    flags: &'a BTreeMap<&'static str, String>,
    /// The selected profile's name and table.
    profile: Option<(&'a str, &'a toml::Table)>,
    problems: Vec<String>,
    warnings: Vec<String>,
}

impl Settings {
    /// Resolve every setting from the global options (`--config`, and the
    /// setting flags given, by key), the environment and the config file.
    /// Only a bad flag value is an error here (usage, exit 2).
    pub fn load(config: Option<&Path>, flags: &BTreeMap<&'static str, String>) -> Result<Settings> {
        let (path, named_by) = file::choose_path(config);
        let mut problems = Vec::new();
        let file = FileConfig::load(&path, named_by, &mut problems);
        let profile = choose_profile(flags, file.as_ref());
        let mut l = Loading {
            path: &path,
            file: file.as_ref(),
            flags,
            profile: None,
            problems,
            warnings: Vec::new(),
        };
        l.find_profile_table(profile.as_deref());
        if let Some(f) = l.file {
            f.check_keys(l.path, l.profile, &mut l.problems);
        }
        let resolved = l.resolve()?;
        check_endpoint_flag(&resolved)?;
        let api_key = l.api_key(&resolved);
        let metadata = l.metadata();

        Ok(Settings {
            values: typed_values(&resolved, api_key, profile.clone()),
            config_exists: file.is_some(),
            flags: flags.clone(),
            metadata,
            shown: shown(&resolved),
            problems: l.problems,
            warnings: l.warnings,
            config_path: path,
        })
    }

    /// The value and source of one key, for `config get` and `config show`.
    pub fn shown(&self, key: &str) -> Option<&Shown> {
        self.shown.iter().find(|s| s.key == key)
    }
}

/// The typed fields, with what the table alone does not decide: the chosen
/// key and profile, the endpoint's base URL, the computed spool default.
fn typed_values(resolved: &Resolved, api_key: Option<String>, profile: Option<String>) -> Values {
    let mut values = Values::from_resolved(resolved);
    values.api_key = api_key;
    values.profile = profile;
    values.endpoint = endpoint::base_url(&values.endpoint);
    if !resolved.contains_key("spool_dir") {
        values.spool_dir = state_dir().join("spool");
    }
    values.otlp_endpoint = otlp_logs_url(resolved);
    // A zero timeout would mean "no timeout".
    values.timeout = values.timeout.max(std::time::Duration::from_millis(1));
    values
}

/// The URL OTLP logs are posted to. `OTEL_EXPORTER_OTLP_LOGS_ENDPOINT` is
/// that URL as it is (the OTLP exporter spec); any other source names the
/// receiver, and `/v1/logs` is appended.
fn otlp_logs_url(resolved: &Resolved) -> String {
    match resolved.get("otlp_endpoint") {
        Some((Typed::Str(url), Source::Env(var))) if var == "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT" => {
            url.clone()
        }
        Some((Typed::Str(url), _)) => format!("{}/v1/logs", url.trim_end_matches('/')),
        _ => "http://localhost:4318/v1/logs".to_string(),
    }
}

/// A malformed `--endpoint` is a usage error. From the environment or the
/// file it stays the endpoint, so that sending reports it as a configuration
/// problem and keeps the entries, instead of sending them elsewhere.
fn check_endpoint_flag(resolved: &Resolved) -> Result<()> {
    if let Some((Typed::Str(url), Source::Flag)) = resolved.get("endpoint") {
        endpoint::check_form(url)
            .map_err(|why| Failure::usage(format!("invalid --endpoint: {why}")))?;
    }
    Ok(())
}

/// The profile is chosen by flag, env or the file's top level.
fn choose_profile(
    flags: &BTreeMap<&'static str, String>,
    file: Option<&FileConfig>,
) -> Option<String> {
    flags
        .get("profile")
        .cloned()
        .or_else(|| {
            std::env::var("AURALOG_PROFILE")
                .ok()
                .filter(|p| !p.is_empty())
        })
        .or_else(|| {
            file.and_then(|f| f.top.get("profile"))
                .and_then(|v| v.as_str())
                .map(str::to_string)
        })
}

impl<'a> Loading<'a> {
    /// The selected profile's table; a profile the file lacks is a problem.
    fn find_profile_table(&mut self, name: Option<&'a str>) {
        let Some(name) = name else { return };
        match self.file.and_then(|f| f.profile(name)) {
            Some(t) => self.profile = Some((name, t)),
            None => self.problems.push(format!(
                "{}: no [profiles.{name}] table for the selected profile",
                self.path.display()
            )),
        }
    }

    /// One key's values, highest layer first.
    fn candidates(&self, k: &Key) -> Vec<Candidate> {
        let mut candidates: Vec<Candidate> = Vec::new();
        if let Some(v) = self.flags.get(k.name) {
            candidates.push((Raw::Text(v.clone()), Source::Flag, None));
        }
        let env = k.env();
        for var in std::iter::once(env.as_str()).chain(k.env_also.iter().copied()) {
            if let Ok(v) = std::env::var(var) {
                if !v.is_empty() {
                    candidates.push((Raw::Text(v), Source::Env(var.to_string()), None));
                }
            }
        }
        if let (Some((name, t)), Some(f)) = (self.profile, self.file) {
            match t.get(k.name) {
                Some(v) if k.name != "profile" => {
                    let section = format!("profiles.{name}");
                    let line = f.line_of(Some(&section), k.name);
                    candidates.push((
                        Raw::Toml(v.clone()),
                        Source::Profile(name.to_string()),
                        Some((Some(section), line)),
                    ));
                }
                _ => {}
            }
        }
        if let Some(f) = self.file {
            if let Some(v) = f.top.get(k.name) {
                let line = f.line_of(None, k.name);
                candidates.push((
                    Raw::Toml(v.clone()),
                    Source::File(self.path.to_path_buf()),
                    Some((None, line)),
                ));
            }
        }
        candidates
    }

    /// Every key's value: the first candidate of the right type, else the
    /// default. A wrong-typed flag is a usage error; any other a problem.
    fn resolve(&mut self) -> Result<Resolved> {
        let mut resolved = Resolved::new();
        for k in KEYS {
            for (raw, source, loc) in self.candidates(k) {
                if k.kind == Kind::Secret {
                    // Every value given for a secret, chosen or not, is masked
                    // from here on (in this key's own errors too).
                    match &raw {
                        Raw::Text(t) | Raw::Toml(toml::Value::String(t)) => {
                            crate::output::register_secret(t);
                        }
                        _ => {}
                    }
                }
                match convert(k.kind, &raw).and_then(|t| check_choices(k, &t).map(|()| t)) {
                    Ok(t) => {
                        resolved.insert(k.name, (t, source));
                        break;
                    }
                    Err(why) => match (&source, loc) {
                        (Source::Flag, _) => {
                            return Err(
                                Failure::usage(format!("invalid --{}: {why}", k.long())).into()
                            )
                        }
                        (Source::Env(var), _) => {
                            self.problems.push(format!("invalid {var}: {why}"));
                        }
                        (_, Some((section, line))) => self.problems.push(format!(
                            "{}:{line}: key '{}{}': {why}",
                            self.path.display(),
                            section.map(|s| format!("{s}.")).unwrap_or_default(),
                            k.name
                        )),
                        _ => self.problems.push(format!("invalid {}: {why}", k.name)),
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
        Ok(resolved)
    }

    /// The API key (see `api_key.rs`), and a warning when the config file
    /// holding one is readable by others.
    fn api_key(&mut self, resolved: &Resolved) -> Option<String> {
        let key = api_key::choose(resolved, &mut self.problems, &mut self.warnings);
        if let Some(k) = &key {
            crate::output::register_secret(k);
        }
        if self.file.is_some_and(FileConfig::has_api_key) {
            warn_loose_mode(self.path, &mut self.warnings);
        }
        key.filter(|k| !k.is_empty())
    }

    /// The file's `[metadata]`, overlaid by the profile's `[metadata]`.
    fn metadata(&mut self) -> Map<String, Value> {
        let mut metadata = Map::new();
        let layers = [
            (self.file.and_then(|f| f.top.get("metadata")), "[metadata]"),
            (
                self.profile.and_then(|(_, t)| t.get("metadata")),
                "the profile's [metadata]",
            ),
        ];
        for (v, what) in layers {
            let Some(v) = v else { continue };
            match serde_json::to_value(v) {
                Ok(Value::Object(m)) => metadata.extend(m),
                _ => self
                    .problems
                    .push(format!("{}: {what} must be a table", self.path.display())),
            }
        }
        metadata
    }
}

/// Every key's value as `config show` prints it, secrets redacted.
fn shown(resolved: &Resolved) -> Vec<Shown> {
    KEYS.iter()
        .map(|k| {
            let (value, source) = match resolved.get(k.name) {
                // Header names are not secret; their values are never shown.
                Some((Typed::Str(h), s)) if k.name == "otlp_headers" => {
                    (Some(redact_headers(h)), s.clone())
                }
                Some((t, s)) => (Some(display_typed(k.kind, t)), s.clone()),
                None => (None, Source::Default),
            };
            Shown {
                key: k.name,
                value,
                source,
            }
        })
        .collect()
}

/// `k=v,k2=v2` -> `k=****,k2=****`.
fn redact_headers(h: &str) -> String {
    h.split(',')
        .map(|kv| format!("{}=****", kv.split('=').next().unwrap_or("").trim()))
        .collect::<Vec<_>>()
        .join(",")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn otlp_logs_url_appends_the_signal_path_except_to_the_logs_variable() {
        let url = |v: &str, source: Source| {
            let mut r = Resolved::new();
            r.insert("otlp_endpoint", (Typed::Str(v.into()), source));
            otlp_logs_url(&r)
        };
        let env = |n: &str| Source::Env(n.into());
        assert_eq!(
            url("http://c:4318/", env("OTEL_EXPORTER_OTLP_ENDPOINT")),
            "http://c:4318/v1/logs"
        );
        assert_eq!(
            url(
                "http://c:4318/custom",
                env("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT")
            ),
            "http://c:4318/custom"
        );
        assert_eq!(
            url("http://c:4318", env("AURALOG_OTLP_ENDPOINT")),
            "http://c:4318/v1/logs"
        );
        assert_eq!(url("http://c", Source::Default), "http://c/v1/logs");
    }
}
