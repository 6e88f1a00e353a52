//! SIGINT and SIGTERM for every command: one [`Stop`] flag, set by
//! signal-hook, that a command polls to stop reading, ship what it has and
//! exit 130/143; and [`reraise`], the way to end the process by the signal
//! itself after flushing, so a calling shell sees "killed by SIGINT" (fd's
//! `exit_codes.rs`).
//!
//! `flow run` and `trace exec` pass signals on to their child instead: that
//! is `sys::child`'s forwarder.

use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::Arc;

use anyhow::{Context, Result};
use signal_hook::consts::{SIGINT, SIGTERM};

use crate::exit::Code;
use crate::output;

/// What a second signal does once the first one set the flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Second {
    /// Nothing more: the command is already stopping.
    Ignore,
    /// End at once by the signal (130/143 where it cannot be raised),
    /// without waiting for delivery (for commands whose shutdown may wait
    /// on the network).
    ExitNow,
}

/// Set by the first SIGINT or SIGTERM; cheap to clone and poll. The
/// command returns [`Stop::code`] (130/143) and `lib::main` ends the process
/// by the signal itself ([`reraise`]); a second signal under
/// [`Second::ExitNow`] does the same at once.
#[derive(Debug, Clone)]
pub struct Stop {
    /// The first signal received, 0 for none.
    signal: Arc<AtomicI32>,
}

impl Stop {
    /// Catch SIGINT and SIGTERM from now on; a second signal does nothing
    /// more. Call once per command, before its work starts.
    pub fn install() -> Result<Stop> {
        Stop::install_with(Second::Ignore, || {})
    }

    /// Like [`Stop::install`], and `wake` runs after the first signal set
    /// the flag (to wake a thread blocked on a channel); `second` says what
    /// a later signal does.
    pub fn install_with(second: Second, wake: impl Fn() + Send + 'static) -> Result<Stop> {
        let stop = Stop {
            signal: Arc::new(AtomicI32::new(0)),
        };
        let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM])
            .context("installing signal handlers")?;
        let flag = stop.signal.clone();
        std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                for sig in signals.forever() {
                    if flag
                        .compare_exchange(0, sig, Ordering::SeqCst, Ordering::SeqCst)
                        .is_ok()
                    {
                        wake();
                    } else if second == Second::ExitNow {
                        output::warn("second signal: exiting without waiting for delivery");
                        reraise(code_of_signal(sig));
                        std::process::exit(i32::from(code_of_signal(sig).as_u8()));
                    }
                }
            })
            .context("starting the signal thread")?;
        Ok(stop)
    }

    /// Like [`Stop::install`], with `each(n, code)` run for every signal
    /// after the flag is set: `n` counts signals from 1, `code` is 130/143
    /// for that signal. For commands whose second and third signals mean
    /// more (tail-stdin: spool what is in memory, then exit at once).
    pub fn install_each(each: impl Fn(u32, Code) + Send + 'static) -> Result<Stop> {
        let stop = Stop {
            signal: Arc::new(AtomicI32::new(0)),
        };
        let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM])
            .context("installing signal handlers")?;
        let flag = stop.signal.clone();
        std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                let mut seen = 0;
                for sig in signals.forever() {
                    seen += 1;
                    let _ = flag.compare_exchange(0, sig, Ordering::SeqCst, Ordering::SeqCst);
                    each(seen, code_of_signal(sig));
                }
            })
            .context("starting the signal thread")?;
        Ok(stop)
    }

    /// A flag no signal sets, only [`Stop::request`]: for code that takes
    /// a `Stop` and is driven by tests or by another thread.
    pub fn manual() -> Stop {
        Stop {
            signal: Arc::new(AtomicI32::new(0)),
        }
    }

    /// Ask to stop as SIGTERM would (the first request wins).
    pub fn request(&self) {
        let _ = self
            .signal
            .compare_exchange(0, SIGTERM, Ordering::SeqCst, Ordering::SeqCst);
    }

    /// A signal asked the command to stop.
    pub fn requested(&self) -> bool {
        self.signal.load(Ordering::SeqCst) != 0
    }

    /// The exit code the first signal calls for: 130 for SIGINT, 143 for
    /// SIGTERM; `None` when no signal came.
    pub fn code(&self) -> Option<Code> {
        match self.signal.load(Ordering::SeqCst) {
            0 => None,
            sig => Some(code_of_signal(sig)),
        }
    }
}

fn code_of_signal(sig: i32) -> Code {
    if sig == SIGINT {
        Code::Interrupted
    } else {
        Code::Terminated
    }
}

/// The signal an exit code stands for: SIGINT for 130, SIGTERM for 143.
pub fn signal_of(code: Code) -> Option<i32> {
    match code {
        Code::Interrupted => Some(SIGINT),
        Code::Terminated => Some(SIGTERM),
        _ => None,
    }
}

/// For 130/143: flush stdout and stderr, then end the process by the signal
/// itself (default action), so a calling shell or `make` sees the signal
/// and stops too, as after a Ctrl-C of any other program. Returns for any
/// other code, or where the signal cannot be raised; the caller then exits
/// with the code as usual.
pub fn reraise(code: Code) {
    use std::io::Write;
    let Some(sig) = signal_of(code) else {
        return;
    };
    // A thread may hold stdout's lock for good (tail-stdin's echo, blocked
    // reading an open stdin): flush it from another thread, waiting a
    // moment at most, rather than hang here.
    let (tx, rx) = std::sync::mpsc::channel();
    let _ = std::thread::Builder::new().spawn(move || {
        let _ = std::io::stdout().flush();
        let _ = tx.send(());
    });
    let _ = rx.recv_timeout(std::time::Duration::from_millis(200));
    let _ = std::io::stderr().flush();
    let _ = signal_hook::low_level::emulate_default_handler(sig);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_map_to_their_signals() {
        assert_eq!(signal_of(Code::Interrupted), Some(SIGINT));
        assert_eq!(signal_of(Code::Terminated), Some(SIGTERM));
        assert_eq!(signal_of(Code::Ok), None);
        assert_eq!(signal_of(Code::TempFail), None);
        assert_eq!(code_of_signal(SIGINT), Code::Interrupted);
        assert_eq!(code_of_signal(SIGTERM), Code::Terminated);
    }

    #[test]
    fn no_signal_no_stop() {
        let stop = Stop {
            signal: Arc::new(AtomicI32::new(0)),
        };
        assert!(!stop.requested());
        assert_eq!(stop.code(), None);
        stop.signal.store(SIGTERM, Ordering::SeqCst);
        assert!(stop.requested());
        assert_eq!(stop.code(), Some(Code::Terminated));
    }
}
