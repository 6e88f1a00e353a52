//! `auralog trace new|get|set|clear|env|header|exec`: one trace id across
//! processes and services (PRODUCT.md §2, trace).
//!
//! Commands that print an id print only that line on stdout, so they can be
//! used in `$(...)`. The resolution order lives in `trace_id.rs`.
//!
//! One file per job: `show.rs` prints ids (new, get, env, header), `saved.rs`
//! keeps the saved id (set, clear), `exec.rs` runs a command inside the trace
//! (its child handling lives in `sys::child`, shared with `flow run`).

mod exec;
mod saved;
mod show;

use anyhow::Result;
use serde_json::Value;

use crate::exit::Code;
use crate::settings::Settings;
use crate::trace_id;

pub use exec::ExecArgs;

const EXAMPLES: &str = "\
Examples:
  auralog trace new                          # a fresh UUID v4
  auralog trace set \"$(auralog trace new)\"   # use it in every later run
  auralog trace get                          # the id auralog would use now
  eval \"$(auralog trace env)\"                # one id for the rest of this script
  curl -H \"$(auralog trace header)\" https://api.example.com/orders
  auralog trace exec -- ./call-other-service.sh
  auralog trace clear                        # forget the saved id";

/// Carry one trace id across processes and services.
///
/// The trace id of an entry is, in order: --trace-id, metadata.traceId,
/// $AURALOG_TRACE_ID, the trace-id part of a W3C $TRACEPARENT (a malformed
/// one is ignored with a warning), the id saved by `auralog trace set`, else
/// a fresh UUID v4 for each invocation.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    #[command(subcommand)]
    pub command: TraceCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum TraceCommand {
    /// Print a fresh UUID v4 (does not save it).
    ///
    /// Only the id is printed, so it can be captured: id=$(auralog trace new).
    #[command(
        after_help = "Examples:\n  auralog trace new\n  auralog trace set \"$(auralog trace new)\""
    )]
    New,
    /// Print the trace id auralog would use now (-v says where it came from).
    ///
    /// The resolution order is that of every sending command; without any
    /// source the id is a fresh UUID v4, different on each call.
    #[command(
        after_help = "Examples:\n  auralog trace get\n  AURALOG_TRACE_ID=abc auralog -v trace get"
    )]
    Get,
    /// Save a trace id for every later run (until `trace clear`).
    ///
    /// The id must be 1 to 128 visible ASCII characters (no spaces). It is
    /// kept in $XDG_STATE_HOME/auralog/trace_id. $AURALOG_TRACE_ID and
    /// $TRACEPARENT still take precedence over it.
    #[command(
        after_help = "Examples:\n  auralog trace set 4bf92f35-77b3-4da6-a3ce-929d0e0e4736\n  auralog trace set \"$(auralog trace new)\"\n  auralog trace set --ci-export \"$(auralog trace new)\"   # later CI steps too"
    )]
    Set {
        /// The id to save, for example the output of `auralog trace new`.
        #[arg(value_name = "ID")]
        id: String,

        /// Also hand AURALOG_TRACE_ID to the later steps of this CI job
        /// ($GITHUB_ENV, $BASH_ENV, Azure's setvariable; a warning elsewhere).
        #[arg(long)]
        ci_export: bool,
    },
    /// Forget the id saved by `trace set` (no error when none is saved).
    ///
    /// Later runs fall back to the environment or a fresh id again.
    #[command(after_help = "Examples:\n  auralog trace clear")]
    Clear,
    /// Print `export AURALOG_TRACE_ID=...` for `eval`.
    ///
    /// The id is shell-quoted, so the line is safe to eval.
    #[command(
        after_help = "Examples:\n  eval \"$(auralog trace env)\"\n  AURALOG_TRACE_ID=$(auralog trace new) ./deploy.sh"
    )]
    Env,
    /// Print `X-Trace-Id: ...` for `curl -H`.
    ///
    /// Lets a service called from a script log under the same trace id.
    #[command(
        after_help = "Examples:\n  curl -H \"$(auralog trace header)\" https://api.example.com/orders"
    )]
    Header,
    /// Run a command with AURALOG_TRACE_ID and a W3C TRACEPARENT set.
    ///
    /// TRACEPARENT is `00-<trace id without dashes>-<fresh 16 hex>-01`.
    /// SIGINT and SIGTERM sent to auralog are passed on to the command, and
    /// auralog exits with the command's own status (128+N when a signal N
    /// killed it; 127 when the command is not found, 126 when it cannot be
    /// run).
    #[command(
        after_help = "Examples:\n  auralog trace exec -- ./call-other-service.sh\n  auralog trace exec --trace-id \"$REQUEST_ID\" -- python job.py"
    )]
    Exec(ExecArgs),
}

/// The id auralog would use now, with the config file's
/// `[metadata] traceId` taken into account as `log` does.
pub(super) fn current(settings: &Settings, flag: Option<&str>) -> (String, trace_id::Origin) {
    let meta = settings.metadata.get("traceId").map(|v| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    trace_id::resolve_with_origin(flag, meta.as_deref())
}

pub fn run(args: Args, settings: &Settings) -> Result<Code> {
    match args.command {
        TraceCommand::New => show::new(),
        TraceCommand::Get => show::get(settings),
        TraceCommand::Set { id, ci_export } => {
            saved::set(&id)?;
            if ci_export {
                crate::ci::export_std(&[("AURALOG_TRACE_ID", id.as_str())]);
            }
        }
        TraceCommand::Clear => saved::clear()?,
        TraceCommand::Env => show::env(settings),
        TraceCommand::Header => show::header(settings),
        TraceCommand::Exec(a) => exec::exec(a, settings),
    }
    Ok(Code::Ok)
}
