//! Running a child command, as `trace exec` and `flow run` do: the clap
//! arguments naming it, spawning it with SIGINT/SIGTERM forwarded, and the
//! status a shell would report (127 not found, 126 not runnable, 128+N
//! killed by signal N).
//!
//! Imports only `output`: commands call down into it, never the reverse.

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitStatus;
use std::sync::{Arc, Mutex};

use crate::output;

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

/// A child that could not be started: the message and the shell's code
/// (127 not found, 126 found but not runnable).
#[derive(Debug)]
pub struct SpawnError {
    pub message: String,
    pub code: i32,
}

/// Describe and classify a spawn failure like a shell does.
pub fn spawn_error(program: &OsString, e: &std::io::Error) -> SpawnError {
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
pub fn run_child(
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
pub struct ForwardedChild {
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
pub fn spawn_forwarding(
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
pub fn status_code(status: ExitStatus) -> i32 {
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
pub fn exit_now(code: i32) -> ! {
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
pub struct Forwarder {
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
                                send_signal(*pid, origin.signal);
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
