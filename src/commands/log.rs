//! `auralog log MESSAGE`: send one entry.

use std::io::Read;

use anyhow::{Context, Result};

use crate::commands::template::{EntryArgs, ErrorArgs, Template};
use crate::exit::{Code, Failure};
use crate::sender::fanout::Senders;
use crate::settings::Settings;
use crate::wire::Level;

const EXAMPLES: &str = "\
Examples:
  auralog log \"backup finished\"
  auralog log backup finished       # the same message: words are joined with spaces
  auralog log --level warn \"disk low\" -m host=web1 -m free_gb:=3
  auralog log -l error --error-name DbTimeout --stack-trace trace.txt \"query failed\"
  echo \"multi-word message\" | auralog log -
  auralog log --dry-run --tag nightly \"preview the wire JSON\"
  auralog log --json \"deployed\" | jq .delivered   # what happened, as JSON on stdout";

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

    #[command(flatten)]
    pub error: ErrorArgs,

    /// At the end, print the result as one JSON object on stdout: delivered,
    /// spooled, rejected and lost counts, the spool dir, the problem, the exit code.
    #[arg(long, conflicts_with = "dry_run")]
    pub json: bool,
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
    let message_from_stdin = args.message == ["-"];
    if message_from_stdin && args.error.stack_from_stdin() {
        return Err(
            Failure::usage("the message and --stack-trace cannot both be read from stdin").into(),
        );
    }
    let mut template = Template::build(&args.entry, settings, args.error.extra())?;
    let message = if message_from_stdin {
        strip_newline(read_stdin()?)
    } else {
        args.message.join(" ")
    };
    let stack_trace = args.error.read(message_from_stdin)?;
    let default_level = if args.error.any() {
        Level::Error
    } else {
        Level::Info
    };

    super::preflight(settings, args.entry.dry_run)?;
    let level = template.level.unwrap_or(default_level);
    if args.entry.dry_run {
        if level >= settings.min_level {
            let mut entry = template.entry(message, default_level);
            entry.stack_trace = stack_trace;
            derive_error_name(&mut entry);
            super::print_line(&entry.to_json());
        }
        return Ok(Code::Ok);
    }
    // Inside a flow: the next stepIndex, taken just before sending. An entry
    // below min_level is dropped by the sender and takes none.
    if level >= settings.min_level {
        template.take_step(&message, level)?;
    }
    let mut entry = template.entry(message, default_level);
    entry.stack_trace = stack_trace;
    derive_error_name(&mut entry);
    let mut sender = Senders::new(settings);
    sender.push(&entry);
    let stats = sender.finish();
    let code = stats.report(settings.strict);
    if args.json {
        super::print_line(&super::result_json(&stats, code).to_string());
    }
    Ok(code)
}

/// The exception's type from the stack trace, as the SDKs send it, unless
/// given (`--error-name`, `-m errorName=`): issue 14's one rule.
fn derive_error_name(entry: &mut crate::wire::Entry) {
    if entry.metadata.contains_key("errorName") {
        return;
    }
    if let Some(n) = entry
        .stack_trace
        .as_deref()
        .and_then(crate::reading::errors::error_name)
    {
        entry
            .metadata
            .insert("errorName".into(), serde_json::Value::String(n.to_string()));
    }
}
