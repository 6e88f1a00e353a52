//! The glue between the command line and the wire: the entry options every
//! sending command accepts (`EntryArgs`, flattened into each command's
//! clap args) and the `Template` that turns them plus the resolved settings
//! into the fixed parts of every entry (level override, environment, merged
//! metadata, trace id). Kept out of `wire` so the wire type imports neither
//! the config loader nor trace-id resolution.
//!
//! It is also the one place where entries join the current flow (`--flow`
//! or `AURALOG_FLOW_ID`: `flowId`, `flowName`, the flow's trace id and its
//! defaults) and get `metadata.ci`, so every sending command does both the
//! same way. A flow that ended or is unknown is a warning (the entries go
//! out without flow fields), an error under `--strict`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::{Context, Result};
use serde_json::{Map, Value};

use crate::commands::flow::{self, FlowState};
use crate::exit::Failure;
use crate::output;
use crate::settings::{Settings, Source};
use crate::wire::{now_timestamp, Entry, Level};

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

    /// Join this flow [default: $AURALOG_FLOW_ID]: entries carry its
    /// flowId, flowName, trace id and defaults, and take its next stepIndex.
    #[arg(long, value_name = "ID")]
    pub flow: Option<String>,

    /// Do not add metadata.ci (the CI run detected from the environment).
    ///
    /// Also: ci_metadata = false in the config file, or AURALOG_CI_METADATA=false.
    #[arg(long)]
    pub no_ci_metadata: bool,

    /// Print the exact wire JSON, one entry a line, and send nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// `--error-name` and `--stack-trace`, for the commands that send one
/// entry (`log`, `flow step`, `flow end`).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ErrorArgs {
    /// Attach a stack trace read from FILE (`-` for stdin).
    #[arg(long, value_name = "FILE|-")]
    pub stack_trace: Option<PathBuf>,

    /// Set metadata.errorName (for example the exception class).
    #[arg(long, value_name = "NAME")]
    pub error_name: Option<String>,
}

impl ErrorArgs {
    /// Whether the stack trace is read from stdin.
    pub fn stack_from_stdin(&self) -> bool {
        self.stack_trace.as_deref() == Some(Path::new("-"))
    }

    /// Whether either was given (the entry's default level is then error).
    pub fn any(&self) -> bool {
        self.stack_trace.is_some() || self.error_name.is_some()
    }

    /// The metadata for [`Template::build`]'s `extra`.
    pub fn extra(&self) -> Vec<(&'static str, Value)> {
        match &self.error_name {
            Some(n) => vec![("errorName", Value::String(n.clone()))],
            None => Vec::new(),
        }
    }

    /// Read the stack trace; `message_from_stdin` refuses `-` twice.
    pub fn read(&self, message_from_stdin: bool) -> Result<Option<String>> {
        let Some(p) = &self.stack_trace else {
            return Ok(None);
        };
        if self.stack_from_stdin() {
            if message_from_stdin {
                return Err(Failure::usage(
                    "the message and --stack-trace cannot both be read from stdin",
                )
                .into());
            }
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .context("reading stdin")?;
            return Ok(Some(s));
        }
        let text = std::fs::read_to_string(p)
            .with_context(|| format!("{}: cannot read the stack trace", p.display()))
            .map_err(|e| Failure::usage(format!("{e:#}")))?;
        Ok(Some(text))
    }
}

/// The flow an invocation joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowRef {
    pub id: String,
    pub name: String,
}

/// `metadata.ci`, detected once per process (`None` outside CI).
pub fn ci_metadata() -> Option<&'static Value> {
    static CI: OnceLock<Option<Value>> = OnceLock::new();
    CI.get_or_init(|| crate::ci::detect_std().map(|i| i.to_json()))
        .as_ref()
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
    /// The flow joined, if any (its fields are in `metadata` already).
    pub flow: Option<FlowRef>,
    /// This invocation's own metadata options (`-m`, `--tag`, ...), which
    /// `flow start`/`flow run` keep as the flow's defaults.
    pub own: Map<String, Value>,
    strict: bool,
}

impl Template {
    /// Merge config `[metadata]`, `--metadata-json`, `-m`, and the dedicated
    /// options, then resolve the trace id. Bad arguments are usage errors.
    pub fn new(args: &EntryArgs, settings: &Settings) -> Result<Template> {
        Template::build(args, settings, Vec::new())
    }

    /// Like [`Template::new`], with metadata from a command's own options
    /// (for example `--error-name`), checked against `-m` like `--tag`.
    /// Joins the current flow, if any (see the module docs).
    pub fn build(
        args: &EntryArgs,
        settings: &Settings,
        extra: Vec<(&'static str, Value)>,
    ) -> Result<Template> {
        let flow = joined_flow(args, settings)?;
        Template::build_in(args, settings, extra, flow.as_ref())
    }

    /// For a stream that is one step of the flow (`tail-stdin`, `ingest`):
    /// [`Template::build`], then the flow's next stepIndex taken once, so
    /// every entry of the stream carries it.
    pub fn stream(
        args: &EntryArgs,
        settings: &Settings,
        extra: Vec<(&'static str, Value)>,
        label: &str,
    ) -> Result<Template> {
        let mut t = Template::build(args, settings, extra)?;
        if !args.dry_run {
            t.take_step(label, t.level.unwrap_or(Level::Info))?;
        }
        Ok(t)
    }

    /// [`Template::build`] inside a known flow (`flow step`, `flow end`), or
    /// outside any (`flow start`, `flow run`: `None`).
    pub fn build_in(
        args: &EntryArgs,
        settings: &Settings,
        extra: Vec<(&'static str, Value)>,
        flow: Option<&FlowState>,
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
        // Shallow merge: the invocation's own metadata wins over the flow's
        // defaults, which win over [metadata].
        let own = cli.clone();
        let mut metadata = settings.metadata.clone();
        if let Some(st) = flow {
            metadata.extend(st.defaults.metadata.clone());
        }
        metadata.extend(cli);

        // As the SDKs do, metadata.traceId becomes the entry's trace id.
        let meta_trace = metadata.remove("traceId").map(|v| match v {
            Value::String(s) => s,
            other => other.to_string(),
        });
        let trace_id = match flow {
            // The flow's trace id, unless this invocation names its own.
            Some(st) if !flow::explicit_trace_id(args) => st.trace_id.clone(),
            _ => crate::trace_id::resolve(args.trace_id.as_deref(), meta_trace.as_deref()),
        };

        let mut environment = settings.environment.clone();
        if let Some(env) = flow.and_then(|st| st.defaults.environment.as_ref()) {
            if !environment_given(settings) {
                environment = env.clone();
            }
        }

        let ci_on = settings.ci_metadata && !args.no_ci_metadata;
        if ci_on && !metadata.contains_key("ci") {
            if let Some(ci) = ci_metadata() {
                metadata.insert("ci".into(), ci.clone());
            }
        }

        let flow_ref = flow.map(|st| FlowRef {
            id: st.id.clone(),
            name: st.name.clone(),
        });
        if let Some(f) = &flow_ref {
            metadata.insert("flowId".into(), Value::String(f.id.clone()));
            metadata.insert("flowName".into(), Value::String(f.name.clone()));
        }

        Ok(Template {
            level: args.level,
            environment,
            metadata,
            trace_id,
            flow: flow_ref,
            own,
            strict: settings.strict,
        })
    }

    /// Take the joined flow's next stepIndex for an entry about to be sent
    /// (call it only for entries that pass `min_level`). A flow that ended
    /// since is a warning: the flow fields are dropped (an error under
    /// `--strict`).
    pub fn take_step(&mut self, message: &str, level: Level) -> Result<()> {
        let Some(f) = self.flow.clone() else {
            return Ok(());
        };
        let problem = match flow::take_step(&f.id, message, level) {
            Ok(Some(index)) => {
                self.metadata.insert("stepIndex".into(), Value::from(index));
                return Ok(());
            }
            Ok(None) => not_active(&f.id),
            Err(e) => format!(
                "cannot take a step of flow '{}': {e:#}",
                output::sanitize(&f.id)
            ),
        };
        if self.strict {
            return Err(Failure::usage(problem).into());
        }
        output::warn(&format!("{problem}; sending without flow fields"));
        self.metadata.remove("flowId");
        self.metadata.remove("flowName");
        self.flow = None;
        Ok(())
    }
}

/// Whether this invocation chose its environment itself (`-e` or
/// `AURALOG_ENVIRONMENT`), which then wins over the flow's.
pub fn environment_given(settings: &Settings) -> bool {
    settings
        .shown("environment")
        .is_some_and(|s| matches!(s.source, Source::Flag | Source::Env(_)))
}

fn not_active(id: &str) -> String {
    format!(
        "flow '{}' is not active (it ended, or was never started here)",
        output::sanitize(id)
    )
}

/// The flow named by `--flow` or `AURALOG_FLOW_ID`, if it is active. An
/// unknown or ended one is a warning (an error under `--strict`).
fn joined_flow(args: &EntryArgs, settings: &Settings) -> Result<Option<FlowState>> {
    let Some(id) = flow::joined_id(args.flow.as_deref()) else {
        return Ok(None);
    };
    let problem = match flow::lookup(&id) {
        Ok(Some(st)) => return Ok(Some(st)),
        Ok(None) => not_active(&id),
        Err(e) => format!("{e:#}"),
    };
    if settings.strict {
        return Err(Failure::usage(problem).into());
    }
    output::warn(&format!("{problem}; sending without flow fields"));
    Ok(None)
}

impl Template {
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
}
