//! Exit codes (PRODUCT.md §3) and the typed error that carries one.
//!
//! Most failures are plain `anyhow` errors and exit 1. Where the exit code
//! matters to the user's script, code returns a [`Failure`] with its [`Code`].

use std::fmt;

/// Every exit code auralog uses, documented in README.md and the man page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Code {
    /// Delivered, or kept in the spool with a warning.
    Ok = 0,
    /// Any other error.
    Error = 1,
    /// Bad command-line usage.
    Usage = 2,
    /// Bad input data (EX_DATAERR).
    DataErr = 65,
    /// Not delivered, kept in the spool, under `--strict` (EX_TEMPFAIL).
    TempFail = 75,
    /// API key rejected, under `--strict` (EX_NOPERM).
    NoPerm = 77,
    /// Configuration error, under `--strict` (EX_CONFIG).
    Config = 78,
    /// Interrupted by SIGINT, after flushing.
    Interrupted = 130,
    /// Terminated by SIGTERM, after flushing.
    Terminated = 143,
}

impl Code {
    pub fn as_u8(self) -> u8 {
        self as u8
    }
}

/// An error that decides the exit code.
#[derive(Debug)]
pub struct Failure {
    pub code: Code,
    pub message: String,
}

impl Failure {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Failure {
            code,
            message: message.into(),
        }
    }

    /// A usage error (exit 2): a bad argument the user typed.
    pub fn usage(message: impl Into<String>) -> Self {
        Failure::new(Code::Usage, message)
    }

    /// Bad input data (exit 65).
    pub fn data(message: impl Into<String>) -> Self {
        Failure::new(Code::DataErr, message)
    }

    /// A configuration problem (exit 78 under `--strict`).
    pub fn config(message: impl Into<String>) -> Self {
        Failure::new(Code::Config, message)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// The exit code for an error: 0 for a broken pipe (see
/// [`is_broken_pipe`]), else the [`Failure`]'s own, else 1.
pub fn code_of(err: &anyhow::Error) -> Code {
    if is_broken_pipe(err) {
        return Code::Ok;
    }
    err.chain()
        .find_map(|e| e.downcast_ref::<Failure>())
        .map(|f| f.code)
        .unwrap_or(Code::Error)
}

/// A broken pipe anywhere in the error's chain: whoever read our output
/// (`| head`) has seen enough, which is success, not an error to print
/// (ripgrep's `main.rs`). Decided once, here, where the exit code is chosen.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Shorthand for returning a usage error.
#[macro_export]
macro_rules! usage {
    ($($arg:tt)*) => {
        return Err($crate::exit::Failure::usage(format!($($arg)*)).into())
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_pipe_anywhere_in_the_chain_is_success() {
        let pipe = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        let err = anyhow::Error::from(pipe).context("writing to stdout");
        assert!(is_broken_pipe(&err));
        assert_eq!(code_of(&err), Code::Ok);
        let other = anyhow::Error::from(std::io::Error::from(std::io::ErrorKind::NotFound));
        assert!(!is_broken_pipe(&other));
        assert_eq!(code_of(&other), Code::Error);
        let failure = anyhow::Error::from(Failure::usage("bad"));
        assert_eq!(code_of(&failure), Code::Usage);
    }
}
