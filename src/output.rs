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

/// Called with a warning's kind and text by [`warn_kind`]; set once per
/// process (`ci::install_annotations`: GitHub `::warning::` annotations).
pub type WarningHook = Box<dyn Fn(&str, &str) + Send + Sync>;

static WARNING_HOOK: std::sync::OnceLock<WarningHook> = std::sync::OnceLock::new();

/// Install the hook [`warn_kind`] calls (the first call wins).
pub fn set_warning_hook(hook: WarningHook) {
    let _ = WARNING_HOOK.set(hook);
}

/// [`warn`] for one of auralog's own delivery warnings, of a `kind` that a
/// CI run may also surface ("spooled", "key-rejected", "undelivered").
pub fn warn_kind(kind: &str, msg: &str) {
    warn(msg);
    if let Some(hook) = WARNING_HOOK.get() {
        hook(kind, msg);
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

/// Unicode general category Cf (format characters: bidi overrides and
/// isolates, zero-width joiners and spaces, the BOM, tag characters, ...),
/// as of Unicode 15. They are invisible, and the bidi ones reorder what a
/// terminal shows (U+202E makes `exe.txt` look like `txt.exe`).
const FORMAT_CHARS: &[(u32, u32)] = &[
    (0x00AD, 0x00AD),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
];

/// Characters that must not reach a terminal as they are: controls (Cc),
/// format characters (Cf) and the line and paragraph separators
/// U+2028/U+2029, which some terminals and viewers treat as line breaks.
fn needs_escape(c: char) -> bool {
    if c.is_control() {
        return true;
    }
    let u = c as u32;
    if u < 0xAD {
        return false;
    }
    u == 0x2028
        || u == 0x2029
        || FORMAT_CHARS
            .binary_search_by(|&(lo, hi)| {
                if hi < u {
                    std::cmp::Ordering::Less
                } else if lo > u {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
}

/// Escape control characters (ESC, BEL, CR, ...), invisible format
/// characters (bidi overrides, zero-width ones: category Cf) and U+2028/29,
/// so untrusted text cannot drive the terminal or disguise itself. Newlines
/// and tabs are shown as `\n` and `\t` too, because callers print one
/// record per line; the rest as `\u{..}`.
pub fn sanitize(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
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
    fn sanitize_escapes_format_characters_and_separators() {
        assert_eq!(sanitize("a\u{202e}txt.exe"), "a\\u{202e}txt.exe");
        assert_eq!(sanitize("x\u{2028}y\u{2029}z"), "x\\u{2028}y\\u{2029}z");
        for c in [
            '\u{ad}',
            '\u{61c}',
            '\u{200b}',
            '\u{200d}',
            '\u{200e}',
            '\u{2066}',
            '\u{2069}',
            '\u{feff}',
            '\u{e0001}',
            '\u{e007f}',
        ] {
            let s = format!("<{c}>");
            assert_eq!(sanitize(&s), format!("<\\u{{{:x}}}>", c as u32));
        }
        // Visible text next to them stays as it is.
        for s in [
            "é",
            "日本語",
            "\u{2027}",
            "\u{202f}",
            "\u{2070}",
            "\u{e0080}",
            "🙂",
        ] {
            assert_eq!(sanitize(s), s);
        }
        let sorted = FORMAT_CHARS.windows(2).all(|w| w[0].1 < w[1].0);
        assert!(sorted, "binary search needs sorted, disjoint ranges");
    }

    #[test]
    fn redact_keeps_last_four() {
        assert_eq!(redact("aura_0123456789abcdef"), "aura_****cdef");
        assert_eq!(redact("0123456789abcdef"), "****cdef");
        assert_eq!(redact("short"), "****");
    }
}
