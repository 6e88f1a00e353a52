//! `auralog config init|show|path|get|set`: see and edit the settings.
//!
//! `show` and `get` report the settings exactly as the other commands
//! resolve them (`Settings::load`), with the source of each value. The API key
//! is never printed in full, anywhere. `init` and `set` write the file
//! atomically (a temporary file renamed over it): `init` with mode 0600,
//! `set` keeping the file's mode and comments (`toml_edit`).

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};
use serde_json::{json, Map, Value};
use toml_edit::{DocumentMut, Item, Table, TableLike};

use crate::exit::{Code, Failure};
use crate::output;
use crate::settings::{self, FileConfig, Kind, Raw, Settings, Source, Typed, KEYS};

const EXAMPLES: &str = "\
Examples:
  auralog config init                        # asks for the key, endpoint and environment
  auralog config show                        # every setting, its value and its source
  auralog config get endpoint
  auralog config set flush_interval 2
  auralog --profile staging config set endpoint https://staging-ingest.example.com
  $EDITOR \"$(auralog config path)\"";

/// Show and edit the settings and the config file.
///
/// Settings come from, highest first: command-line flags, AURALOG_*
/// environment variables, the selected profile ([profiles.NAME]), the config
/// file's top level, and built-in defaults. `config show` tells where each
/// value came from. The API key is never printed in full.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    Init(InitArgs),
    Show(ShowArgs),
    Path(PathArgs),
    Get(GetArgs),
    Set(SetArgs),
}

const INIT_EXAMPLES: &str = "\
Examples:
  auralog config init                                  # interactive on a terminal
  auralog config init --api-key-file ~/.secrets/auralog --environment staging
  auralog --config ./ci.toml config init --endpoint https://ingest.example.com
  auralog config init --force                          # replace an existing file";

/// Write a new config file, with mode 0600.
///
/// On a terminal, asks for the API key (not echoed), the endpoint and the
/// environment; an empty answer keeps the default. Values given with the
/// global flags (--api-key, --api-key-file, --endpoint, --environment,
/// --flush-interval, ...) are written without asking. The other settings are
/// written as comments showing their defaults. An existing file is left alone
/// unless --force is given.
#[derive(Debug, clap::Args)]
#[command(after_help = INIT_EXAMPLES)]
pub struct InitArgs {
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
}

const SHOW_EXAMPLES: &str = "\
Examples:
  auralog config show
  auralog --profile staging config show
  AURALOG_ENVIRONMENT=ci auralog config show     # the source becomes: env AURALOG_ENVIRONMENT
  auralog config show --json | jq -r .settings.endpoint.value";

/// List every setting with its value and where it came from.
///
/// Sources are: flag, env VAR, profile NAME, file PATH, or default. The API
/// key is shown as its prefix and last four characters (aura_****cdef).
/// Problems with the config file or the environment are reported on stderr,
/// as is a config file holding a key that others can read.
#[derive(Debug, clap::Args)]
#[command(after_help = SHOW_EXAMPLES)]
pub struct ShowArgs {
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}

const PATH_EXAMPLES: &str = "\
Examples:
  auralog config path
  $EDITOR \"$(auralog config path)\"
  AURALOG_CONFIG=./ci.toml auralog config path   # ./ci.toml";

/// Print the path of the config file.
///
/// The file named by --config or AURALOG_CONFIG, else
/// $XDG_CONFIG_HOME/auralog/config.toml (~/.config/auralog/config.toml).
/// The file need not exist.
#[derive(Debug, clap::Args)]
#[command(after_help = PATH_EXAMPLES)]
pub struct PathArgs {}

const GET_EXAMPLES: &str = "\
Examples:
  auralog config get endpoint
  auralog --profile staging config get environment
  auralog config get metadata.team
  auralog config get api_key          # redacted: aura_****cdef";

/// Print the value one setting resolves to.
///
/// The value the other commands would use, after flags, environment, profile,
/// file and defaults. api_key is printed redacted (aura_****cdef): auralog
/// never prints a key in full. metadata.NAME prints one [metadata] field.
/// Exits 1 when the setting has no value.
#[derive(Debug, clap::Args)]
#[command(after_help = GET_EXAMPLES)]
pub struct GetArgs {
    /// The setting: a config key such as endpoint or flush_interval, or metadata.NAME.
    #[arg(value_name = "KEY", value_parser = super::completions::key_parser(), hide_possible_values = true)]
    pub key: String,
}

const SET_EXAMPLES: &str = "\
Examples:
  auralog config set environment staging
  auralog config set flush_interval 2.5
  auralog config set compress true
  auralog config set metadata.team payments
  auralog config set api_key -                  # reads the key from stdin (no echo on a terminal)
  auralog --profile ci config set min_level warn  # in [profiles.ci]";

/// Set one key in the config file, keeping its comments and mode.
///
/// The key name and the value's type are checked first (flush_interval must
/// be a number, compress true or false, ...). With the global --profile NAME
/// the key goes into [profiles.NAME]. metadata.NAME sets a string in the
/// [metadata] table. A VALUE of `-` reads it from stdin, which keeps an API
/// key out of `ps` and your shell history. A missing file is created with
/// mode 0600.
#[derive(Debug, clap::Args)]
#[command(after_help = SET_EXAMPLES)]
pub struct SetArgs {
    /// The config key, such as endpoint or flush_interval, or metadata.NAME.
    #[arg(value_name = "KEY", value_parser = super::completions::key_parser(), hide_possible_values = true)]
    pub key: String,

    /// The new value; `-` reads it from stdin.
    #[arg(value_name = "VALUE", allow_hyphen_values = true)]
    pub value: String,
}

pub fn run(args: Args, settings: &Settings) -> Result<Code> {
    match args.action {
        Action::Init(a) => init(a, settings),
        Action::Show(a) => show(a, settings),
        Action::Path(_) => {
            report(settings);
            super::print_line(&settings.config_path.display().to_string());
            Ok(Code::Ok)
        }
        Action::Get(a) => get(a, settings),
        Action::Set(a) => set(a, settings),
    }
}

/// Print the settings' warnings and problems on stderr (the same lines a
/// sending command prints, without failing).
fn report(settings: &Settings) {
    for w in &settings.warnings {
        output::warn(w);
    }
    for p in &settings.problems {
        output::warn(&format!("configuration problem: {p}"));
    }
}

// ---------------------------------------------------------------- show, get

/// One row of `config show`.
struct Row {
    key: String,
    value: Option<String>,
    source: Option<String>,
}

fn rows(settings: &Settings) -> Vec<Row> {
    KEYS.iter()
        .map(|k| {
            let shown = settings.shown(k.name);
            let mut value = shown.and_then(|s| s.value.clone());
            let mut source = shown
                .filter(|s| s.value.is_some())
                .map(|s| s.source.to_string());
            match k.name {
                "api_key" => {
                    // The key in use may come from api_key_file.
                    let used = settings.api_key.as_deref().map(output::redact);
                    if used != value {
                        source = used.as_ref().map(|_| {
                            let via = settings
                                .shown("api_key_file")
                                .map(|s| s.source.to_string())
                                .unwrap_or_default();
                            format!("api_key_file ({via})")
                        });
                        value = used;
                    }
                }
                "spool_dir" if value.is_none() => {
                    value = Some(settings.spool_dir.display().to_string());
                    source = Some(Source::Default.to_string());
                }
                _ => {}
            }
            Row {
                key: k.name.to_string(),
                value,
                source,
            }
        })
        .collect()
}

/// Where each [metadata] field came from: the profile's table or the file's.
fn metadata_sources(settings: &Settings) -> Map<String, Value> {
    let file = FileConfig::read(&settings.config_path).ok().flatten();
    let in_profile = |field: &str| {
        let (Some(f), Some(p)) = (&file, &settings.profile) else {
            return false;
        };
        f.top
            .get("profiles")
            .and_then(|t| t.get(p))
            .and_then(|t| t.get("metadata"))
            .and_then(|t| t.get(field))
            .is_some()
    };
    settings
        .metadata
        .keys()
        .map(|k| {
            let src = match &settings.profile {
                Some(p) if in_profile(k) => Source::Profile(p.clone()),
                _ => Source::File(settings.config_path.clone()),
            };
            (k.clone(), Value::String(src.to_string()))
        })
        .collect()
}

fn show(args: ShowArgs, settings: &Settings) -> Result<Code> {
    report(settings);
    if let Some(p) = crate::sender::blocking_problem(settings) {
        output::warn(&p);
    }
    let rows = rows(settings);
    let sources = metadata_sources(settings);
    if args.json {
        let mut s = Map::new();
        for r in &rows {
            s.insert(r.key.clone(), json!({"value": r.value, "source": r.source}));
        }
        let metadata: Map<String, Value> = settings
            .metadata
            .iter()
            .map(|(k, v)| (k.clone(), json!({"value": v, "source": sources.get(k)})))
            .collect();
        let out = json!({
            "config_file": settings.config_path.display().to_string(),
            "config_exists": settings.config_exists,
            "settings": s,
            "metadata": metadata,
            "ci": super::template::ci_metadata(),
        });
        super::print_line(&out.to_string());
    } else {
        let exists = if settings.config_exists {
            ""
        } else {
            " (not found)"
        };
        let mut lines = vec![format!(
            "# config file: {}{exists}",
            output::sanitize(&settings.config_path.display().to_string())
        )];
        let kw = rows.iter().map(|r| r.key.len()).max().unwrap_or(0);
        let vw = rows
            .iter()
            .map(|r| r.value.as_deref().map_or(9, |v| v.chars().count()))
            .max()
            .unwrap_or(0)
            .min(40);
        for r in &rows {
            let value = r.value.as_deref().unwrap_or("(not set)");
            let line = format!(
                "{:kw$}  {:vw$}  {}",
                r.key,
                output::sanitize(value),
                r.source.as_deref().unwrap_or("")
            );
            lines.push(line.trim_end().to_string());
        }
        if !settings.metadata.is_empty() {
            lines.push(String::new());
            lines.push("[metadata]".into());
            let mw = settings.metadata.keys().map(|k| k.len()).max().unwrap_or(0);
            for (k, v) in &settings.metadata {
                let src = sources.get(k).and_then(|s| s.as_str()).unwrap_or("");
                lines.push(format!(
                    "{:mw$} = {}  # {}",
                    output::sanitize(k),
                    output::sanitize(&v.to_string()),
                    output::sanitize(src)
                ));
            }
        }
        // The CI run that metadata.ci describes (issue 17).
        lines.push(String::new());
        lines.push(match super::template::ci_metadata() {
            Some(ci) => format!(
                "# ci (metadata.ci{}): {}",
                if settings.ci_metadata {
                    ""
                } else {
                    ", not sent: ci_metadata = false"
                },
                output::sanitize(&ci.to_string())
            ),
            None => "# ci: no CI provider detected".into(),
        });
        for l in lines {
            if !super::print_line(&l) {
                break;
            }
        }
    }
    if settings.strict && !settings.problems.is_empty() {
        return Err(Failure::config("configuration error (see above)").into());
    }
    Ok(Code::Ok)
}

/// `flush-interval` and `flush_interval` both name the key.
fn normalize(key: &str) -> String {
    match key.strip_prefix("metadata.") {
        Some(field) => format!("metadata.{field}"),
        None => key.trim().replace('-', "_").to_ascii_lowercase(),
    }
}

fn unknown_key(key: &str) -> anyhow::Error {
    let names: Vec<&str> = KEYS.iter().map(|k| k.name).collect();
    Failure::usage(format!(
        "unknown key '{}' (known keys: {}, metadata.NAME)",
        output::sanitize(key),
        names.join(", ")
    ))
    .into()
}

fn get(args: GetArgs, settings: &Settings) -> Result<Code> {
    report(settings);
    let key = normalize(&args.key);
    let value = if let Some(field) = key.strip_prefix("metadata.") {
        settings.metadata.get(field).map(|v| match v {
            Value::String(s) => s.clone(),
            v => v.to_string(),
        })
    } else {
        if settings::key(&key).is_none() {
            return Err(unknown_key(&args.key));
        }
        rows(settings)
            .into_iter()
            .find(|r| r.key == key)
            .and_then(|r| r.value)
    };
    match value {
        Some(v) => {
            super::print_line(&v);
            Ok(Code::Ok)
        }
        None => Err(anyhow!("{key} is not set")),
    }
}

// ---------------------------------------------------------------- set

/// A value to write: a known key, typed, or a metadata string.
fn typed_value(key: &str, text: &str) -> Result<toml_edit::Value> {
    if key.starts_with("metadata.") {
        return Ok(text.into());
    }
    let k = settings::key(key).ok_or_else(|| unknown_key(key))?;
    let typed = settings::convert(k.kind, &Raw::Text(text.to_string()))
        .map_err(|why| Failure::usage(format!("invalid value for {key}: {why}")))?;
    to_toml(&typed).map_err(|why| Failure::usage(format!("invalid value for {key}: {why}")).into())
}

fn to_toml(t: &Typed) -> Result<toml_edit::Value, String> {
    Ok(match t {
        Typed::Str(s) => s.as_str().into(),
        Typed::Float(f) => (*f).into(),
        Typed::Int(i) => i64::try_from(*i)
            .map_err(|_| format!("{i} is too large"))?
            .into(),
        Typed::Bool(b) => (*b).into(),
        Typed::Level(l) => l.as_str().into(),
    })
}

/// Read a value from stdin: hidden on a terminal (for keys), else one line.
fn value_from_stdin(key: &str) -> Result<String> {
    let v = if std::io::stdin().is_terminal() {
        let prompt = format!("{key}: ");
        if key == "api_key" {
            rpassword::prompt_password(prompt).context("reading the value")?
        } else {
            prompt_line(&prompt)?.unwrap_or_default()
        }
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("reading the value from stdin")?;
        line
    };
    let v = v.trim().to_string();
    if v.is_empty() {
        return Err(Failure::usage(format!("no value for {key} on stdin")).into());
    }
    Ok(v)
}

fn set(args: SetArgs, settings: &Settings) -> Result<Code> {
    let key = normalize(&args.key);
    // Only the flag: a profile chosen by env or file is not a place to write.
    let profile = settings.flags.get("profile").cloned();
    if key == "profile" && profile.is_some() {
        return Err(Failure::usage(
            "the profile key belongs to the top level of the file, not to a [profiles.NAME] table",
        )
        .into());
    }
    if key == "metadata." {
        return Err(unknown_key(&args.key));
    }
    // Check the key before reading a value from stdin.
    if !key.starts_with("metadata.") && settings::key(&key).is_none() {
        return Err(unknown_key(&args.key));
    }
    let text = if args.value == "-" {
        value_from_stdin(&key)?
    } else {
        if key == "api_key" {
            output::warn(
                "a key given on the command line is visible to other users in `ps` and may stay in your shell history; `auralog config set api_key -` reads it from stdin",
            );
        }
        args.value.clone()
    };
    let value = typed_value(&key, &text)?;
    if key == "endpoint" {
        if let Err(e) = crate::sender::http::check_endpoint(&text, settings.allow_insecure) {
            output::warn(&e);
        }
    }
    if key == "api_key_file" && !settings::expand_tilde(&text).is_file() {
        output::warn(&format!("{}: no such file (yet)", output::sanitize(&text)));
    }

    let path = settings.config_path.clone();
    let existing = match std::fs::read_to_string(&path) {
        Ok(t) => Some(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("{}: cannot read", path.display())),
    };
    let mut doc: DocumentMut = match &existing {
        Some(t) => t.parse().map_err(|e: toml_edit::TomlError| {
            anyhow!(
                "{}: cannot edit a malformed file: {}",
                path.display(),
                e.to_string().trim()
            )
        })?,
        None => DocumentMut::new(),
    };

    let mut table_path: Vec<String> = Vec::new();
    if let Some(p) = &profile {
        table_path.extend(["profiles".to_string(), p.clone()]);
    }
    let leaf = match key.strip_prefix("metadata.") {
        Some(field) => {
            table_path.push("metadata".into());
            field.to_string()
        }
        None => key.clone(),
    };
    let table = table_at(doc.as_table_mut(), &table_path)
        .map_err(|what| anyhow!("{}: {what}", path.display()))?;
    match table.get_mut(&leaf) {
        Some(Item::Value(old)) => {
            // Keep the spacing and any comment at the end of the line.
            let decor = old.decor().clone();
            *old = value;
            *old.decor_mut() = decor;
        }
        Some(_) => {
            return Err(anyhow!(
                "{}: '{}' is a table, not a value",
                path.display(),
                output::sanitize(&leaf)
            ))
        }
        None => {
            table.insert(&leaf, Item::Value(value));
        }
    }
    write_file(&path, &doc.to_string(), WriteMode::KeepMode)?;

    let section = if table_path.is_empty() {
        String::new()
    } else {
        format!(" in [{}]", table_path.join("."))
    };
    output::verbose(&format!("set {key}{section} in {}", path.display()));
    if key == "api_key" {
        let mut w = Vec::new();
        settings::warn_loose_mode(&path, &mut w);
        for m in w {
            output::warn(&m);
        }
    }
    // Say so when the value just written is not the one in use.
    if let Some(s) = settings.shown(&key) {
        // (A flag was given to this very command: not worth a warning.)
        let overridden = match &s.source {
            Source::Env(_) => true,
            Source::Profile(p) => profile.as_deref() != Some(p),
            _ => false,
        };
        if overridden {
            output::warn(&format!(
                "{key} is still taken from {} (it overrides the value just written{section})",
                s.source
            ));
        }
    }
    Ok(Code::Ok)
}

/// The table at `path` below `root`, created (implicit, so no empty headers
/// are written) where missing. Inline tables are used as they are.
fn table_at<'a>(root: &'a mut Table, path: &[String]) -> Result<&'a mut dyn TableLike, String> {
    let mut cur: &mut dyn TableLike = root;
    let mut so_far: Vec<&str> = Vec::new();
    for seg in path {
        so_far.push(seg);
        if cur.get(seg).is_none() {
            let mut t = Table::new();
            t.set_implicit(true);
            cur.insert(seg, Item::Table(t));
        }
        cur = cur
            .get_mut(seg)
            .and_then(|i| i.as_table_like_mut())
            .ok_or_else(|| format!("'{}' is not a table", so_far.join(".")))?;
    }
    Ok(cur)
}

// ---------------------------------------------------------------- init

/// One line of the interactive prompt. `None` at end of input.
fn prompt_line(prompt: &str) -> Result<Option<String>> {
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "{prompt}");
    let _ = err.flush();
    let mut line = String::new();
    let n = std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("reading the answer")?;
    Ok((n > 0).then(|| line.trim().to_string()))
}

fn init(args: InitArgs, settings: &Settings) -> Result<Code> {
    if settings.flags.contains_key("profile") {
        return Err(Failure::usage(
            "config init writes the top level of the file; fill a profile with `auralog --profile NAME config set KEY VALUE`",
        )
        .into());
    }
    for w in &settings.warnings {
        // Only the --api-key warning can apply to a file that is about to be replaced.
        if w.contains("--api-key") {
            output::warn(w);
        }
    }
    let path = settings.config_path.clone();
    if !args.force && std::fs::symlink_metadata(&path).is_ok() {
        return Err(anyhow!(
            "{} already exists; change one setting with `auralog config set KEY VALUE`, or replace the file with `auralog config init --force`",
            path.display()
        ));
    }

    // Values given as flags, typed and checked.
    let flags = &settings.flags;
    let mut values: Vec<(&'static str, toml_edit::Value)> = Vec::new();
    for k in KEYS {
        if k.name == "profile" {
            continue;
        }
        if let Some(text) = flags.get(k.name) {
            let v = typed_value(k.name, text)?;
            values.push((k.name, v));
        }
    }

    if std::io::stdin().is_terminal() {
        let has = |name: &str, values: &[(&str, toml_edit::Value)]| {
            values.iter().any(|(k, _)| *k == name)
        };
        eprintln!(
            "Writing {} (press Enter to keep a default).",
            path.display()
        );
        if !has("api_key", &values) && !has("api_key_file", &values) {
            let key = rpassword::prompt_password("API key (not echoed; empty to skip): ")
                .context("reading the API key")?;
            let key = key.trim();
            if !key.is_empty() {
                values.push(("api_key", key.into()));
            }
        }
        for (name, label) in [("endpoint", "Endpoint"), ("environment", "Environment")] {
            if has(name, &values) {
                continue;
            }
            let default = settings::key(name).and_then(|k| k.default).unwrap_or("");
            let answer = prompt_line(&format!("{label} [{default}]: "))?
                .ok_or_else(|| anyhow!("no answer (end of input); nothing written"))?;
            if !answer.is_empty() {
                values.push((name, typed_value(name, &answer)?));
            }
        }
    }
    if let Some((_, v)) = values.iter().find(|(k, _)| *k == "endpoint") {
        if let Some(url) = v.as_str() {
            if let Err(e) = crate::sender::http::check_endpoint(url, settings.allow_insecure) {
                output::warn(&e);
            }
        }
    }

    let text = init_text(&values);
    let mode = if args.force {
        WriteMode::Replace
    } else {
        WriteMode::CreateNew
    };
    write_file(&path, &text, mode)?;
    output::info(&format!(
        "wrote {} (mode 0600); check it with `auralog config show`",
        path.display()
    ));
    Ok(Code::Ok)
}

/// The text of a new config file: every setting not given, commented out
/// with its default; the given values (environment always, so there is a
/// first key); then examples of the tables. The commented keys come first:
/// uncommenting one must never put it inside a table.
pub fn init_text(values: &[(&str, toml_edit::Value)]) -> String {
    let mut values: Vec<(&str, String)> = values
        .iter()
        .map(|(k, v)| (*k, v.to_string().trim().to_string()))
        .collect();
    if !values.iter().any(|(k, _)| *k == "environment") {
        let default = settings::key("environment").and_then(|k| k.default);
        let v = toml_edit::Value::from(default.unwrap_or_default());
        values.push(("environment", v.to_string().trim().to_string()));
    }
    let commented: Vec<(&str, String)> = KEYS
        .iter()
        .filter(|k| !values.iter().any(|(n, _)| *n == k.name))
        .map(|k| {
            // A key without a default shows its example, written as TOML.
            let example = match (k.kind, k.default.or(k.example)) {
                (Kind::Str | Kind::Level | Kind::Path | Kind::Secret, Some(d)) => {
                    toml_edit::Value::from(d).to_string().trim().to_string()
                }
                (_, Some(d)) => d.to_string(),
                (_, None) => "\"\"".to_string(),
            };
            (k.name, example)
        })
        .collect();
    let width = commented
        .iter()
        .map(|(k, v)| k.len() + v.len() + 5)
        .chain(values.iter().map(|(k, v)| k.len() + v.len() + 3))
        .max()
        .unwrap_or(0)
        .min(48);
    let help = |k: &str| settings::key(k).map(|k| k.help).unwrap_or("");

    let mut s = String::from(
        "# auralog configuration (TOML). Precedence, highest first: command-line flags,\n\
         # AURALOG_* environment variables, the selected [profiles.NAME] table, this\n\
         # file's top level, built-in defaults. `auralog config show` shows the result.\n\
         # Keep this file private (mode 0600): it can hold your API key.\n\n",
    );
    if !commented.is_empty() {
        s.push_str("# Uncomment a line to change a default:\n");
        for (k, v) in &commented {
            let line = format!("# {k} = {v}");
            s.push_str(&format!("{line:width$}  # {}\n", help(k)));
        }
        s.push('\n');
    }
    for (k, v) in &values {
        let line = format!("{k} = {v}");
        s.push_str(&format!("{line:width$}  # {}\n", help(k)));
    }
    s.push_str(
        "\n# Metadata merged into every entry (an entry's own metadata wins):\n\
         # [metadata]\n\
         # team = \"payments\"\n\
         \n\
         # A profile, selected with --profile staging or AURALOG_PROFILE=staging,\n\
         # overrides any key above (`auralog --profile staging config set KEY VALUE`):\n\
         # [profiles.staging]\n\
         # environment = \"staging\"\n\
         # endpoint = \"https://staging-ingest.example.com\"\n",
    );
    s
}

// ---------------------------------------------------------------- writing

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WriteMode {
    /// Fail if the file exists; create it with mode 0600.
    CreateNew,
    /// Replace the file; the new one has mode 0600.
    Replace,
    /// Replace the file, keeping its mode (0600 when it is new).
    KeepMode,
}

/// Write `text` to `path` atomically: a temporary file in the same directory,
/// created with the final mode (never looser), then renamed over the file.
/// A symlinked config file (dotfile managers) is written through the link.
fn write_file(path: &Path, text: &str, mode: WriteMode) -> Result<()> {
    let target: PathBuf = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path)
            .with_context(|| format!("{}: cannot follow the symlink", path.display()))?,
        _ => path.to_path_buf(),
    };
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let keep: Option<u32> = match mode {
        WriteMode::KeepMode => file_mode(&target),
        _ => None,
    };
    let final_mode = keep.unwrap_or(0o600);

    if mode == WriteMode::CreateNew {
        let mut f = open_new(&target, final_mode).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                anyhow!("{} already exists", target.display())
            } else {
                anyhow!("{}: cannot create: {e}", target.display())
            }
        })?;
        if let Err(e) = f.write_all(text.as_bytes()).and_then(|()| f.sync_all()) {
            let _ = std::fs::remove_file(&target);
            return Err(e).with_context(|| format!("{}: cannot write", target.display()));
        }
        return Ok(());
    }

    crate::sys::fsutil::write_atomic(
        &target,
        &[text.as_bytes()],
        Some(final_mode),
        crate::sys::fsutil::Durability::Fsync,
    )
    .with_context(|| format!("{}: cannot write", target.display()))
}

#[cfg(unix)]
fn open_new(path: &Path, mode: u32) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(path)
}

#[cfg(not(unix))]
fn open_new(path: &Path, _mode: u32) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

#[cfg(unix)]
fn file_mode(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .ok()
        .map(|m| m.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
fn file_mode(_path: &Path) -> Option<u32> {
    None
}

/// Create the config directory (and parents) readable by the owner only.
fn create_private_dir(dir: &Path) -> Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
        .with_context(|| format!("{}: cannot create directory", dir.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn init_text_is_valid_toml_with_the_given_values() {
        let text = init_text(&[
            ("api_key", "aura_x\"y".into()),
            ("flush_interval", 2.5.into()),
        ]);
        let t: toml::Table = toml::from_str(&text).expect("valid TOML");
        assert_eq!(t["api_key"].as_str(), Some("aura_x\"y"));
        assert_eq!(t["flush_interval"].as_float(), Some(2.5));
        assert_eq!(t["environment"].as_str(), Some("production"));
        assert_eq!(t.len(), 3, "everything else is commented out: {text}");
        // Every key is mentioned, so the file documents itself.
        for k in KEYS {
            assert!(text.contains(&format!("{} = ", k.name)), "{}", k.name);
        }
        // Uncommenting the default lines in place gives valid top-level values.
        let mut in_block = false;
        let uncommented: String = text
            .lines()
            .map(|l| {
                if l.starts_with("# Uncomment") {
                    in_block = true;
                    return String::new();
                }
                if l.is_empty() {
                    in_block = false;
                }
                match l.strip_prefix("# ") {
                    Some(rest) if in_block => format!("{rest}\n"),
                    _ => format!("{l}\n"),
                }
            })
            .collect();
        let t: toml::Table = toml::from_str(&uncommented).expect("valid TOML");
        for k in KEYS {
            let v = t
                .get(k.name)
                .unwrap_or_else(|| panic!("{} at top level", k.name));
            settings::convert(k.kind, &Raw::Toml(v.clone()))
                .unwrap_or_else(|e| panic!("{}: {e}", k.name));
        }
    }

    #[test]
    fn values_are_typed_by_key() {
        assert_eq!(
            typed_value("flush_interval", "2").unwrap().as_float(),
            Some(2.0)
        );
        assert_eq!(
            typed_value("batch_size", "10").unwrap().as_integer(),
            Some(10)
        );
        assert_eq!(
            typed_value("compress", "yes").unwrap().as_bool(),
            Some(true)
        );
        assert_eq!(
            typed_value("min_level", "WARNING").unwrap().as_str(),
            Some("warn")
        );
        assert_eq!(typed_value("metadata.n", "3").unwrap().as_str(), Some("3"));
        assert!(typed_value("batch_size", "many").is_err());
        assert!(typed_value("no_such_key", "1").is_err());
    }

    #[test]
    fn normalizes_key_names() {
        assert_eq!(normalize("flush-interval"), "flush_interval");
        assert_eq!(normalize("metadata.my-field"), "metadata.my-field");
    }
}
