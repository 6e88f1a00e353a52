//! `auralog log MESSAGE`: send one entry.

use std::io::Read;
use std::path::PathBuf;

use anyhow::{Context, Result};
use serde_json::Value;

use crate::commands::template::{EntryArgs, Template};
use crate::exit::{Code, Failure};
use crate::sender::Sender;
use crate::settings::Settings;
use crate::wire::Level;

const EXAMPLES: &str = "\
Examples:
  auralog log \"backup finished\"
  auralog log backup finished       # the same message: words are joined with spaces
  auralog log --level warn \"disk low\" -m host=web1 -m free_gb:=3
  auralog log -l error --error-name DbTimeout --stack-trace trace.txt \"query failed\"
  echo \"multi-word message\" | auralog log -
  auralog log --dry-run --tag nightly \"preview the wire JSON\"";

/// Send one log entry.
///
/// The level is info unless --level says otherwise (error when a stack trace
/// or an error name is given). error and fatal entries go out at once through
/// /v1/logs/single, as the official SDKs do. Use --dry-run to see the exact
/// JSON that would be sent. A delivery problem prints one warning and exits 0
/// unless --strict is given.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The message; several words are joined with spaces, as logger(1) does;
    /// a lone `-` reads it from stdin (one trailing newline removed).
    #[arg(value_name = "MESSAGE", required = true, num_args = 1..)]
    pub message: Vec<String>,

    #[command(flatten)]
    pub entry: EntryArgs,

    /// Attach a stack trace read from FILE (`-` for stdin).
    #[arg(long, value_name = "FILE|-")]
    pub stack_trace: Option<PathBuf>,

    /// Set metadata.errorName (for example the exception class).
    #[arg(long, value_name = "NAME")]
    pub error_name: Option<String>,
}

fn read_stdin() -> Result<String> {
    let mut s = String::new();
    std::io::stdin()
        .read_to_string(&mut s)
        .context("reading stdin")?;
    Ok(s)
}

fn strip_newline(mut s: String) -> String {
    if s.ends_with('\n') {
        s.pop();
        if s.ends_with('\r') {
            s.pop();
        }
    }
    s
}

pub fn run(args: Args, settings: &Settings) -> Result<Code> {
    let stack_from_stdin = args.stack_trace.as_deref() == Some(std::path::Path::new("-"));
    let message_from_stdin = args.message == ["-"];
    if message_from_stdin && stack_from_stdin {
        return Err(
            Failure::usage("the message and --stack-trace cannot both be read from stdin").into(),
        );
    }
    let extra = match &args.error_name {
        Some(n) => vec![("errorName", Value::String(n.clone()))],
        None => Vec::new(),
    };
    let template = Template::build(&args.entry, settings, extra)?;
    let message = if message_from_stdin {
        strip_newline(read_stdin()?)
    } else {
        args.message.join(" ")
    };
    let stack_trace = match &args.stack_trace {
        None => None,
        Some(_) if stack_from_stdin => Some(read_stdin()?),
        Some(p) => Some(
            std::fs::read_to_string(p)
                .with_context(|| format!("{}: cannot read the stack trace", p.display()))
                .map_err(|e| Failure::usage(format!("{e:#}")))?,
        ),
    };
    let default_level = if stack_trace.is_some() || args.error_name.is_some() {
        Level::Error
    } else {
        Level::Info
    };
    let mut entry = template.entry(message, default_level);
    // The exception's type, as the SDKs send it, unless given (issue 14).
    if !entry.metadata.contains_key("errorName") {
        if let Some(n) = stack_trace
            .as_deref()
            .and_then(crate::reading::errors::error_name)
        {
            entry
                .metadata
                .insert("errorName".into(), Value::String(n.to_string()));
        }
    }
    entry.stack_trace = stack_trace;

    super::preflight(settings, args.entry.dry_run)?;
    if args.entry.dry_run {
        if entry.level >= settings.min_level {
            super::print_line(&entry.to_json());
        }
        return Ok(Code::Ok);
    }
    let mut sender = Sender::new(settings);
    sender.push(&entry);
    let stats = sender.finish();
    Ok(stats.report(settings.strict))
}
