//! `auralog trace new|get|set|clear|env|header|exec`: one trace id across
//! processes and services (PRODUCT.md §2, trace).
//!
//! Commands that print an id print only that line on stdout, so they can be
//! used in `$(...)`. The resolution order lives in `trace_id.rs`.
//!
//! Running the child of `trace exec` (spawn, forwarding, exit status) lives
//! in `sys::child`, shared with `flow run`.

use anyhow::{Context, Result};
use serde_json::Value;

use crate::exit::{Code, Failure};
use crate::output;
use crate::settings::Settings;
use crate::sys::child::{exit_now, run_child, status_code, ChildCommand};
use crate::sys::fsutil::{self, Durability};
use crate::trace_id;

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
        after_help = "Examples:\n  auralog trace set 4bf92f35-77b3-4da6-a3ce-929d0e0e4736\n  auralog trace set \"$(auralog trace new)\""
    )]
    Set {
        /// The id to save, for example the output of `auralog trace new`.
        #[arg(value_name = "ID")]
        id: String,
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

#[derive(Debug, clap::Args)]
pub struct ExecArgs {
    /// Use this trace id instead of the resolved one.
    #[arg(long, value_name = "ID")]
    pub trace_id: Option<String>,

    #[command(flatten)]
    pub child: ChildCommand,
}

/// The id auralog would use now, with the config file's
/// `[metadata] traceId` taken into account as `log` does.
fn current(settings: &Settings, flag: Option<&str>) -> (String, trace_id::Origin) {
    let meta = settings.metadata.get("traceId").map(|v| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    trace_id::resolve_with_origin(flag, meta.as_deref())
}

pub fn run(args: Args, settings: &Settings) -> Result<Code> {
    match args.command {
        TraceCommand::New => {
            super::print_line(&trace_id::fresh());
        }
        TraceCommand::Get => {
            let (id, origin) = current(settings, None);
            output::verbose(&format!("trace id from {}", origin.describe()));
            super::print_line(&id);
        }
        TraceCommand::Set { id } => {
            trace_id::validate(&id)
                .map_err(|why| Failure::usage(format!("invalid trace id: {why}")))?;
            let path = trace_id::saved_path();
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("{}: cannot create", dir.display()))?;
            }
            // No fsync: the id is set once and cheap to set again.
            fsutil::write_atomic(
                &path,
                &[format!("{id}\n").as_bytes()],
                None,
                Durability::NoFsync,
            )
            .with_context(|| format!("{}: cannot write", path.display()))?;
            output::verbose(&format!("saved the trace id in {}", path.display()));
        }
        TraceCommand::Clear => {
            let path = trace_id::saved_path();
            match std::fs::remove_file(&path) {
                Ok(()) => output::verbose(&format!("removed {}", path.display())),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(e).with_context(|| format!("{}: cannot remove", path.display()))
                }
            }
        }
        TraceCommand::Env => {
            let (id, _) = current(settings, None);
            super::print_line(&format!(
                "export AURALOG_TRACE_ID={}",
                trace_id::shell_quote(&id)
            ));
        }
        TraceCommand::Header => {
            let (id, _) = current(settings, None);
            super::print_line(&format!("X-Trace-Id: {id}"));
        }
        TraceCommand::Exec(a) => {
            let (id, _) = current(settings, a.trace_id.as_deref());
            let mut cmd = a.child.to_command();
            cmd.env("AURALOG_TRACE_ID", &id)
                .env("TRACEPARENT", trace_id::traceparent(&id));
            let code = match run_child(&mut cmd, a.child.program()) {
                Ok((status, fwd)) => {
                    let code = status_code(status);
                    fwd.finished(code);
                    code
                }
                Err(e) => {
                    output::error(&e.message);
                    e.code
                }
            };
            exit_now(code);
        }
    }
    Ok(Code::Ok)
}
