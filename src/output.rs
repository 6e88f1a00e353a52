//! stdout/stderr discipline: data to stdout, diagnostics to stderr in one
//! style (`auralog: warning: ...`), colour decisions, and escaping of
//! untrusted text before it reaches a terminal.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU8, Ordering};

/// How chatty diagnostics are: 0 quiet, 1 normal, 2 verbose.
static VERBOSITY: AtomicU8 = AtomicU8::new(1);
/// Whether stderr gets colour.
static COLOR_STDERR: AtomicU8 = AtomicU8::new(0);
/// Whether stdout gets colour.
static COLOR_STDOUT: AtomicU8 = AtomicU8::new(0);

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// Set once at start-up from `--quiet`, `--verbose`, `--color` and `NO_COLOR`.
pub fn init(quiet: bool, verbose: u8, color: ColorChoice) {
    let level = if quiet { 0 } else { 1 + verbose.min(1) };
    VERBOSITY.store(level, Ordering::Relaxed);
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let decide = |tty: bool| match color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            tty && !no_color && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    };
    COLOR_STDERR.store(
        decide(std::io::stderr().is_terminal()) as u8,
        Ordering::Relaxed,
    );
    COLOR_STDOUT.store(
        decide(std::io::stdout().is_terminal()) as u8,
        Ordering::Relaxed,
    );
}

pub fn is_verbose() -> bool {
    VERBOSITY.load(Ordering::Relaxed) >= 2
}

pub fn is_quiet() -> bool {
    VERBOSITY.load(Ordering::Relaxed) == 0
}

pub fn color_stdout() -> bool {
    COLOR_STDOUT.load(Ordering::Relaxed) == 1
}

pub fn color_stderr() -> bool {
    COLOR_STDERR.load(Ordering::Relaxed) == 1
}

fn paint(code: &str, text: &str, on: bool) -> String {
    if on {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// One diagnostic line on stderr. A closed stderr (`2>&1 | head`) must not
/// kill auralog (`eprintln!` panics then): the line is dropped instead.
fn diag(line: std::fmt::Arguments) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// `auralog: error: ...` on stderr, always shown (even with `--quiet`).
pub fn error(msg: &str) {
    diag(format_args!(
        "auralog: {}: {}",
        paint("1;31", "error", color_stderr()),
        msg
    ));
}

/// `auralog: warning: ...` on stderr, hidden by `--quiet`.
pub fn warn(msg: &str) {
    if !is_quiet() {
        diag(format_args!(
            "auralog: {}: {}",
            paint("1;33", "warning", color_stderr()),
            msg
        ));
    }
}

/// A plain informational line on stderr, hidden by `--quiet`.
pub fn info(msg: &str) {
    if !is_quiet() {
        diag(format_args!("auralog: {msg}"));
    }
}

/// A `--verbose` trace line on stderr.
pub fn verbose(msg: &str) {
    if is_verbose() {
        diag(format_args!("auralog: {}", paint("2", msg, color_stderr())));
    }
}

/// Escape control characters (ESC, BEL, CR, ...) so untrusted text cannot
/// drive the terminal. Newlines and tabs are shown as `\n` and `\t` too,
/// because callers print one record per line.
pub fn sanitize(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| c.is_control()) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Show a secret as `aura_****cdef`: a short prefix up to the first `_`,
/// and the last four characters. Short secrets are hidden entirely.
pub fn redact(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    if chars.len() < 12 {
        return "****".to_string();
    }
    let prefix: String = match secret.find('_') {
        Some(i) if i <= 8 => secret[..=i].to_string(),
        _ => String::new(),
    };
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{prefix}****{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_escapes_controls() {
        assert_eq!(sanitize("a\x1b[31mb\n"), "a\\u{1b}[31mb\\n");
        assert_eq!(sanitize("plain"), "plain");
    }

    #[test]
    fn redact_keeps_last_four() {
        assert_eq!(redact("aura_0123456789abcdef"), "aura_****cdef");
        assert_eq!(redact("0123456789abcdef"), "****cdef");
        assert_eq!(redact("short"), "****");
    }
}
