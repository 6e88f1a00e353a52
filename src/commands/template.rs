//! The glue between the command line and the wire: the entry options every
//! sending command accepts (`EntryArgs`, flattened into each command's
//! clap args) and the `Template` that turns them plus the resolved settings
//! into the fixed parts of every entry (level override, environment, merged
//! metadata, trace id). Kept out of `wire` so the wire type imports neither
//! the config loader nor trace-id resolution.

use anyhow::Result;
use serde_json::{Map, Value};

use crate::exit::Failure;
use crate::settings::Settings;
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
    /// Repeatable. Example: -m host=web1 -m free_gb:=3 -m `tags:=["a","b"]`.
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
