//! `auralog trace new|get|set|clear|env|header|exec`: one trace id across
//! processes and services (PRODUCT.md §2, trace).
//!
//! Commands that print an id print only that line on stdout, so they can be
//! used in `$(...)`. The resolution order lives in `trace_id.rs`.
//!
//! This file also holds what `trace exec` and `flow run` share: running a
//! child command with signals forwarded, and exiting with its status.

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitStatus;
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};
use serde_json::Value;

use crate::exit::{Code, Failure};
use crate::output;
use crate::settings::Settings;
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

/// The command `trace exec` and `flow run` start.
#[derive(Debug, clap::Args)]
pub struct ChildCommand {
    /// The command and its arguments, passed as given (no shell).
    #[arg(
        value_name = "CMD",
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true,
        num_args = 1..
    )]
    pub command: Vec<OsString>,
}

impl ChildCommand {
    /// A `Command` for it: the program and its arguments as given.
    pub fn to_command(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(&self.command[0]);
        cmd.args(&self.command[1..]);
        cmd
    }

    /// The program, for error messages.
    pub fn program(&self) -> &OsString {
        &self.command[0]
    }
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
            super::flow::write_atomic(&path, format!("{id}\n").as_bytes())?;
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

// ---------------------------------------------------------------------------
// Running a child command (shared with `flow run`).

/// A child that could not be started: the message and the shell's code
/// (127 not found, 126 found but not runnable).
#[derive(Debug)]
pub(crate) struct SpawnError {
    pub message: String,
    pub code: i32,
}

/// Describe and classify a spawn failure like a shell does.
pub(crate) fn spawn_error(program: &OsString, e: &std::io::Error) -> SpawnError {
    let code = match e.kind() {
        std::io::ErrorKind::NotFound => 127,
        _ => 126,
    };
    SpawnError {
        message: format!(
            "cannot run '{}': {e}",
            output::sanitize(&program.to_string_lossy())
        ),
        code,
    }
}

/// Spawn `cmd` with SIGINT/SIGTERM forwarding in place, wait for it, and
/// return its status and the forwarder (call [`Forwarder::finished`] next).
pub(crate) fn run_child(
    cmd: &mut std::process::Command,
    program: &OsString,
) -> Result<(ExitStatus, Forwarder), SpawnError> {
    let mut child = spawn_forwarding(cmd, program)?;
    let status = child.wait();
    match status {
        Ok(st) => Ok((st, child.forwarder)),
        Err(e) => Err(SpawnError {
            message: format!("waiting for the command: {e}"),
            code: 1,
        }),
    }
}

/// A running child whose signals are forwarded.
pub(crate) struct ForwardedChild {
    pub child: std::process::Child,
    pub forwarder: Forwarder,
}

impl ForwardedChild {
    pub fn wait(&mut self) -> std::io::Result<ExitStatus> {
        self.child.wait()
    }
}

/// Register the signal forwarder first (so a signal that arrives while the
/// child starts is not lost), then spawn the child.
pub(crate) fn spawn_forwarding(
    cmd: &mut std::process::Command,
    program: &OsString,
) -> Result<ForwardedChild, SpawnError> {
    let forwarder = Forwarder::start();
    match cmd.spawn() {
        Ok(child) => {
            forwarder.running(child.id());
            Ok(ForwardedChild { child, forwarder })
        }
        Err(e) => {
            let err = spawn_error(program, &e);
            forwarder.finished(err.code);
            Err(err)
        }
    }
}

/// The status a shell would report: the exit code, or 128+N for a child
/// killed by signal N.
pub(crate) fn status_code(status: ExitStatus) -> i32 {
    if let Some(c) = status.code() {
        return c;
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            return 128 + sig;
        }
    }
    1
}

/// Flush stdout and stderr and exit with a child's status. `exit::Code`
/// only holds auralog's own codes, and `flow run`/`trace exec` must exit
/// with any status the child chose.
pub(crate) fn exit_now(code: i32) -> ! {
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    std::process::exit(code)
}

#[derive(Debug)]
enum Phase {
    /// Signals that arrived before the child existed.
    Starting(Vec<i32>),
    Running(u32),
    /// The child is gone; a signal now stops auralog with this status.
    Finished(i32),
}

/// Passes SIGINT and SIGTERM on to the child.
///
/// A signal the terminal sent (Ctrl-C) went to the whole foreground process
/// group, the child included, so it is not sent a second time (sudo does the
/// same); one sent with kill(2) to auralog alone is forwarded. Once the child
/// has finished, a signal stops auralog at once with the child's status
/// rather than waiting for the last entry's delivery.
pub(crate) struct Forwarder {
    phase: Arc<Mutex<Phase>>,
}

impl Forwarder {
    pub fn start() -> Forwarder {
        use signal_hook::consts::{SIGINT, SIGTERM};
        use signal_hook::iterator::exfiltrator::origin::WithOrigin;
        use signal_hook::iterator::SignalsInfo;
        use signal_hook::low_level::siginfo::Cause;

        let phase = Arc::new(Mutex::new(Phase::Starting(Vec::new())));
        match SignalsInfo::<WithOrigin>::new([SIGINT, SIGTERM]) {
            Ok(mut signals) => {
                let p = phase.clone();
                std::thread::spawn(move || {
                    for origin in signals.forever() {
                        let from_terminal = origin.cause == Cause::Kernel;
                        let mut phase = match p.lock() {
                            Ok(g) => g,
                            Err(poisoned) => poisoned.into_inner(),
                        };
                        match &mut *phase {
                            Phase::Starting(pending) => pending.push(origin.signal),
                            Phase::Running(pid) if !from_terminal => {
                                send_signal(*pid, origin.signal)
                            }
                            Phase::Running(_) => {}
                            Phase::Finished(code) => {
                                output::warn(
                                    "interrupted while sending the last entries; they were not delivered",
                                );
                                exit_now(*code);
                            }
                        }
                    }
                });
            }
            Err(e) => output::warn(&format!("cannot forward signals to the command: {e}")),
        }
        Forwarder { phase }
    }

    fn set(&self, new: Phase) -> Phase {
        let mut phase = match self.phase.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        std::mem::replace(&mut *phase, new)
    }

    /// The child started: forward what arrived meanwhile.
    pub fn running(&self, pid: u32) {
        if let Phase::Starting(pending) = self.set(Phase::Running(pid)) {
            for sig in pending {
                send_signal(pid, sig);
            }
        }
    }

    /// The child finished with `code`.
    pub fn finished(&self, code: i32) {
        self.set(Phase::Finished(code));
    }
}

/// Send `sig` to `pid` with kill(1): the crate forbids unsafe code.
fn send_signal(pid: u32, sig: i32) {
    let _ = std::process::Command::new("kill")
        .arg(format!("-{sig}"))
        .arg(pid.to_string())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spawn_errors_use_shell_codes() {
        let prog = OsString::from("nope");
        let nf = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert_eq!(spawn_error(&prog, &nf).code, 127);
        let pd = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert_eq!(spawn_error(&prog, &pd).code, 126);
        assert!(spawn_error(&prog, &nf).message.contains("'nope'"));
    }
}
