//! Guess a log level from one line of text (`tail-stdin`, and anything else
//! that ships free-form lines).
//!
//! The aim is to agree with a person skimming the line, and above all not
//! to make them laugh: `0 errors, 0 warnings` and `GET /api/errors` are not
//! errors. So a level word counts only where loggers put it:
//!
//! 1. a syslog `<PRI>` prefix (`<11>...` is severity 3, error);
//! 2. a `level`/`lvl`/`severity`/`loglevel`/`levelname` key with a level
//!    word as its value: `level=error`, `"severity":"WARNING"`, `lvl: warn`
//!    (the most explicit signal, so it wins over words in the text);
//! 3. the leading words of the line (the first six, after ANSI colour codes
//!    are removed): an upper-case level word (`ERROR`, `WARN`, `npm ERR!`,
//!    `WARNING:root:...`, `production.ERROR:`), a bracketed one in any case
//!    (`[warn]`, `<error>`, `[core:error]`, `##[warning]`), a compiler-style
//!    `error:`/`warning:`/`error[E0425]:` at the start or after a
//!    `file:line:` prefix, CI annotations (`::error ...`), glog/klog
//!    prefixes (`E1122 10:00:00.123 ...`);
//! 4. well-known openings of crashes: `Traceback (most recent call last):`,
//!    `Exception in thread ...`, `ValueError: ...`/`java.io.IOException: ...`
//!    as the first word (error), Go's `panic:` and Rust's
//!    `thread 'main' panicked at` (fatal), GNU make's `make: *** ...` (error).
//!
//! An upper-case word right after a number or a negation (`0 ERROR`,
//! `no WARNING`) is not a level. Anything else is no level: the caller
//! decides the default.

use crate::wire::Level;

/// How many leading words are looked at for a level word.
const LEADING_WORDS: usize = 6;

/// The level a line announces, if any.
pub fn detect(line: &str) -> Option<Level> {
    let b = line.as_bytes();
    if b.first() == Some(&b'<') {
        if let Some(l) = syslog_pri(b) {
            return Some(l);
        }
    }
    if let Some(l) = key_value(b) {
        return Some(l);
    }
    // memchr's: the slice's own `contains` went byte by byte (4% of a
    // text ingest).
    if memchr::memchr(0x1b, b).is_some() {
        let plain = strip_ansi(line);
        leading_words(&plain)
    } else {
        leading_words(line)
    }
}

/// `<PRI>` at the start: severity is PRI mod 8 (PRI 0..=191).
fn syslog_pri(b: &[u8]) -> Option<Level> {
    let close = b.iter().take(5).position(|&c| c == b'>')?;
    let digits = &b[1..close];
    if digits.is_empty() || digits.len() > 3 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let pri: u32 = std::str::from_utf8(digits).ok()?.parse().ok()?;
    if pri > 191 {
        return None;
    }
    Level::from_syslog((pri % 8) as u8)
}

/// Keys whose value is a level, compared in lower case.
const LEVEL_KEYS: &[&str] = &[
    "level",
    "lvl",
    "severity",
    "loglevel",
    "log_level",
    "log.level",
    "levelname",
    "level_name",
];

fn is_key_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || c == b'@'
}

/// `level=error`, `level: warn`, `"level":"error"`, `level="WARN"` anywhere
/// in the line, the key starting at a word boundary.
fn key_value(b: &[u8]) -> Option<Level> {
    for sep in memchr::memchr2_iter(b'=', b':', b) {
        // The key ends just before the separator, or before a closing quote.
        let mut end = sep;
        if end > 0 && b[end - 1] == b'"' {
            end -= 1;
        }
        // Every level key ends in l, y or e: skip the rest cheaply.
        if end == 0 || !matches!(b[end - 1] | 0x20, b'l' | b'y' | b'e') {
            continue;
        }
        let mut start = end;
        while start > 0 && is_key_byte(b[start - 1]) && end - start < 12 {
            start -= 1;
        }
        let key_len = end - start;
        if !(3..=10).contains(&key_len) {
            continue;
        }
        // The key must start the word: not `sealevel=`.
        if start > 0 && is_key_byte(b[start - 1]) {
            continue;
        }
        let key = &b[start..end];
        if !LEVEL_KEYS
            .iter()
            .any(|k| k.as_bytes().eq_ignore_ascii_case(key))
        {
            continue;
        }
        // The value: optional spaces and quote, then a word ending at a boundary.
        let mut i = sep + 1;
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
        if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
            i += 1;
        }
        let v_start = i;
        while i < b.len() && b[i].is_ascii_alphabetic() {
            i += 1;
        }
        if i == v_start || (i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_')) {
            continue;
        }
        if let Some(l) = word_level(&b[v_start..i]) {
            return Some(l);
        }
    }
    None
}

/// The line with ANSI escape sequences (`ESC [ ... letter`, `ESC ] ... BEL`)
/// turned into spaces.
fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\x1b' {
            out.push(c);
            continue;
        }
        match chars.peek() {
            Some('[') => {
                chars.next();
                for d in chars.by_ref() {
                    if d.is_ascii_alphabetic() || d == '~' {
                        break;
                    }
                }
            }
            Some(']') => {
                chars.next();
                for d in chars.by_ref() {
                    if d == '\x07' {
                        break;
                    }
                }
            }
            _ => {}
        }
        out.push(' ');
    }
    out
}

/// A level word in any case, without allocating: the vocabulary of
/// [`Level::from_word`] plus java.util.logging's `SEVERE` (error).
fn word_level(w: &[u8]) -> Option<Level> {
    if !(3..=13).contains(&w.len()) {
        return None;
    }
    let mut buf = [0u8; 13];
    let lower = &mut buf[..w.len()];
    lower.copy_from_slice(w);
    lower.make_ascii_lowercase();
    Some(match &*lower {
        b"trace" | b"debug" | b"dbg" | b"verbose" => Level::Debug,
        b"info" | b"notice" | b"information" | b"informational" => Level::Info,
        b"warn" | b"warning" => Level::Warn,
        b"error" | b"err" | b"severe" => Level::Error,
        b"fatal" | b"critical" | b"crit" | b"alert" | b"emerg" | b"emergency" | b"panic" => {
            Level::Fatal
        }
        _ => return None,
    })
}

/// An upper-case level word (`ERROR`, `WARNING`), never a lower-case one.
fn upper_word(w: &[u8]) -> Option<Level> {
    if w.len() < 3 || !w.iter().all(u8::is_ascii_uppercase) {
        return None;
    }
    word_level(w)
}

/// `[warn]`, `(ERROR)`, `<error>`, `[core:error]`, `##[error]text`: the
/// bracketed word in any case, the brackets opening the word.
fn bracketed(tok: &[u8]) -> Option<Level> {
    let start = tok.iter().position(|&c| c != b'#')?;
    let tok = &tok[start..];
    let close = match tok[0] {
        b'[' => b']',
        b'(' => b')',
        b'<' => b'>',
        _ => return None,
    };
    let end = tok.iter().position(|&c| c == close)?;
    let inner = tok[1..end].trim_ascii();
    let word = match inner.iter().rposition(|&c| c == b':') {
        Some(i) => &inner[i + 1..],
        None => inner,
    };
    if !word.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    word_level(word)
}

/// `error:`, `warning:`, `fatal:`, `Error:`, `error[E0425]:`: the compiler
/// and CLI style, which needs its colon.
fn colon_word(tok: &[u8]) -> Option<Level> {
    let head = tok.strip_suffix(b":")?;
    let word = match head.iter().position(|&c| c == b'[') {
        Some(i) if head.ends_with(b"]") => &head[..i],
        Some(_) => return None,
        None => head,
    };
    if !(3..=7).contains(&word.len()) {
        return None;
    }
    let mut buf = [0u8; 7];
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word);
    lower.make_ascii_lowercase();
    match &*lower {
        b"error" | b"err" => Some(Level::Error),
        b"warning" | b"warn" => Some(Level::Warn),
        b"fatal" | b"panic" => Some(Level::Fatal),
        b"info" | b"note" | b"notice" => Some(Level::Info),
        b"debug" => Some(Level::Debug),
        _ => None,
    }
}

fn is_number(tok: &[u8]) -> bool {
    let t = tok.trim_ascii();
    let t = match t.iter().position(u8::is_ascii_alphanumeric) {
        Some(i) => &t[i..],
        None => return false,
    };
    let t = match t.iter().rposition(u8::is_ascii_alphanumeric) {
        Some(i) => &t[..=i],
        None => return false,
    };
    t.iter().all(u8::is_ascii_digit)
}

fn is_negation(tok: &[u8]) -> bool {
    [&b"no"[..], b"zero", b"without", b"non", b"not"]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(tok))
}

/// glog/klog: `E1122 10:00:00.123456 1 file.go:12] msg`.
fn glog(first: &[u8], second: Option<&[u8]>) -> Option<Level> {
    if first.len() != 5 || !first[1..].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let time = second?;
    if time.len() < 8 || time[2] != b':' || time[5] != b':' {
        return None;
    }
    match first[0] {
        b'I' => Some(Level::Info),
        b'W' => Some(Level::Warn),
        b'E' => Some(Level::Error),
        b'F' => Some(Level::Fatal),
        _ => None,
    }
}

/// A first word like `ValueError:`, `TypeError:`, `java.io.IOException:`.
fn exception_word(tok: &[u8]) -> bool {
    let Some(name) = tok.strip_suffix(b":") else {
        return false;
    };
    let last = match name.iter().rposition(|&c| c == b'.') {
        Some(i) => &name[i + 1..],
        None => name,
    };
    (last.ends_with(b"Error") || last.ends_with(b"Exception"))
        && last.len() > 5
        && last[0].is_ascii_uppercase()
        && last.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_')
}

/// `ERROR`, `ERROR:`, `ERR!`, `|WARN|`, `WARNING:root:msg`, `app.ERROR:`:
/// the upper-case word inside a token.
fn upper_in_token(tok: &[u8]) -> Option<Level> {
    let trim = |c: &u8| matches!(c, b':' | b'!' | b',' | b';' | b'|' | b'-');
    let start = tok.iter().position(|c| !trim(c))?;
    let end = tok.iter().rposition(|c| !trim(c))? + 1;
    let bare = &tok[start..end];
    let head = match bare.iter().position(|&c| c == b':') {
        Some(i) => &bare[..i],
        None => bare,
    };
    let word = match head.iter().rposition(|&c| c == b'.') {
        Some(i) => &head[i + 1..],
        None => head,
    };
    upper_word(word)
}

fn leading_words(line: &str) -> Option<Level> {
    let t = line.as_bytes().trim_ascii_start();
    match t.first() {
        Some(b'T') if t.starts_with(b"Traceback (most recent call last)") => {
            return Some(Level::Error)
        }
        Some(b'E') if t.starts_with(b"Exception in thread ") => return Some(Level::Error),
        Some(b'p') if t.starts_with(b"panic: ") => return Some(Level::Fatal),
        Some(b'm')
            if t.starts_with(b"make: *** ")
                || (t.starts_with(b"make[") && memchr::memmem::find(t, b"]: *** ").is_some()) =>
        {
            return Some(Level::Error)
        }
        // GitHub Actions workflow commands: ::error file=x,line=1::msg
        Some(b':') if t.starts_with(b"::") => {
            let rest = &t[2..];
            let n = rest
                .iter()
                .position(|c| !c.is_ascii_alphabetic())
                .unwrap_or(rest.len());
            match &rest[..n] {
                b"error" => return Some(Level::Error),
                b"warning" => return Some(Level::Warn),
                b"notice" => return Some(Level::Info),
                b"debug" => return Some(Level::Debug),
                _ => {}
            }
        }
        _ => {}
    }

    let mut words = t.split(u8::is_ascii_whitespace).filter(|w| !w.is_empty());
    let mut prev: Option<&[u8]> = None;
    for i in 0..LEADING_WORDS {
        let Some(tok) = words.next() else {
            break;
        };
        if i == 0 {
            if tok.len() == 5 {
                let second = t[tok.len()..]
                    .split(u8::is_ascii_whitespace)
                    .find(|w| !w.is_empty());
                if let Some(l) = glog(tok, second) {
                    return Some(l);
                }
            }
            if exception_word(tok) {
                return Some(Level::Error);
            }
        }
        if tok == b"panicked" && prev.is_some_and(|p| p.starts_with(b"'")) {
            return Some(Level::Fatal);
        }
        if matches!(tok[0], b'[' | b'(' | b'<' | b'#') {
            if let Some(l) = bracketed(tok) {
                return Some(l);
            }
        }
        if tok.iter().any(u8::is_ascii_uppercase) {
            if let Some(l) = upper_in_token(tok) {
                if !prev.is_some_and(|p| is_number(p) || is_negation(p)) {
                    return Some(l);
                }
            }
        }
        // `error: ...` first, or after `file.c:3:5:`.
        if tok.ends_with(b":")
            && (i == 0
                || prev.is_some_and(|p| p.ends_with(b":") && p.iter().any(u8::is_ascii_digit)))
        {
            if let Some(l) = colon_word(tok) {
                return Some(l);
            }
        }
        prev = Some(tok);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use Level::*;

    /// Real-world lines and the level a person would give them.
    const TABLE: &[(&str, Option<Level>)] = &[
        // Plain application logs.
        (
            "2026-11-22 10:00:00,123 ERROR [main] com.acme.App - boom",
            Some(Error),
        ),
        ("2026-11-22T10:00:00Z WARN worker-3 cache miss", Some(Warn)),
        ("2026-11-22T10:00:00Z INFO request served", Some(Info)),
        ("2026-11-22T10:00:00Z DEBUG cache lookup", Some(Debug)),
        (
            "2026-11-22 10:00:00.000  WARN 4242 --- [main] o.s.b.SpringApplication : slow",
            Some(Warn),
        ),
        (
            "[2026-11-22T10:00:00Z ERROR my_crate::db] connection refused",
            Some(Error),
        ),
        (
            "2026-11-22T10:00:00.000000Z  WARN my_crate: retrying",
            Some(Warn),
        ),
        (
            "\x1b[2m2026-11-22T10:00:00Z\x1b[0m \x1b[31mERROR\x1b[0m my_crate: failed",
            Some(Error),
        ),
        ("ERROR:root:could not connect", Some(Error)),
        ("WARNING:urllib3.connectionpool:Retrying", Some(Warn)),
        ("CRITICAL: disk full", Some(Fatal)),
        (
            "FATAL: password authentication failed for user \"app\"",
            Some(Fatal),
        ),
        ("ERROR:  relation \"users\" does not exist", Some(Error)),
        (
            "[2026-11-22 10:00:00] production.ERROR: Undefined index",
            Some(Error),
        ),
        ("web-1  | 2026-11-22 10:00:00,123 ERROR boom", Some(Error)),
        ("SEVERE: Servlet.service() threw exception", Some(Error)),
        // Bracketed levels.
        (
            "2026/11/22 10:00:00 [error] 1234#0: *1 open() failed",
            Some(Error),
        ),
        (
            "2026/11/22 10:00:00 [warn] 1234#0: conflicting server name",
            Some(Warn),
        ),
        (
            "[Sun Nov 22 10:00:00 2026] [core:error] [pid 42] AH00037",
            Some(Error),
        ),
        ("[warn] deprecated option", Some(Warn)),
        ("[INFO] Building jar", Some(Info)),
        ("[ERROR] Failed to execute goal", Some(Error)),
        ("##[error]Process completed with exit code 1.", Some(Error)),
        ("##[warning]Node.js 16 actions are deprecated", Some(Warn)),
        ("<error> something", Some(Error)),
        // Key/value and JSON text.
        (
            "time=2026-11-22T10:00:00Z level=error msg=\"db down\"",
            Some(Error),
        ),
        ("ts=1 lvl=warn msg=slow", Some(Warn)),
        ("level=\"debug\" msg=x", Some(Debug)),
        ("{\"level\":\"error\",\"msg\":\"boom\"}", Some(Error)),
        (
            "{\"severity\": \"WARNING\", \"message\": \"x\"}",
            Some(Warn),
        ),
        ("{\"log.level\":\"info\",\"message\":\"x\"}", Some(Info)),
        ("msg=\"ERROR upstream\" level=info", Some(Info)),
        // Syslog.
        ("<11>Nov 22 10:00:00 host app[1]: failed", Some(Error)),
        ("<12>1 2026-11-22T10:00:00Z host app - - - warn", Some(Warn)),
        ("<190>Nov 22 10:00:00 host app: hello", Some(Info)),
        ("<0>kernel panic", Some(Fatal)),
        // Compilers and CLIs.
        (
            "error[E0425]: cannot find value `x` in this scope",
            Some(Error),
        ),
        ("warning: unused variable: `y`", Some(Warn)),
        (
            "src/main.c:3:5: error: expected ';' before '}' token",
            Some(Error),
        ),
        ("src/main.c:9:1: warning: control reaches end", Some(Warn)),
        (
            "fatal: not a git repository (or any of the parent directories): .git",
            Some(Fatal),
        ),
        ("error: could not compile `auralog`", Some(Error)),
        ("Error: ENOENT: no such file or directory", Some(Error)),
        ("npm ERR! code E404", Some(Error)),
        ("npm WARN deprecated request@2.88.2", Some(Warn)),
        ("::error file=app.js,line=1::Missing semicolon", Some(Error)),
        ("::warning::Something odd", Some(Warn)),
        ("make: *** [Makefile:3: all] Error 1", Some(Error)),
        ("make[2]: *** [sub/Makefile:9: x.o] Error 2", Some(Error)),
        (
            "E1122 10:00:00.123456       1 reflector.go:138] failed to list",
            Some(Error),
        ),
        (
            "W1122 10:00:00.123456       1 client.go:12] slow",
            Some(Warn),
        ),
        (
            "I1122 10:00:00.123456       1 server.go:1] started",
            Some(Info),
        ),
        // Crashes.
        ("Traceback (most recent call last):", Some(Error)),
        (
            "ValueError: invalid literal for int() with base 10: 'x'",
            Some(Error),
        ),
        ("java.lang.IllegalStateException: not ready", Some(Error)),
        (
            "Exception in thread \"main\" java.lang.NullPointerException",
            Some(Error),
        ),
        (
            "panic: runtime error: index out of range [3] with length 3",
            Some(Fatal),
        ),
        ("thread 'main' panicked at src/main.rs:2:5:", Some(Fatal)),
        // Not levels: a person would laugh.
        ("Build finished: 0 errors, 0 warnings", None),
        ("GET /api/errors 200 12ms", None),
        ("POST /v1/warnings/ack 204", None),
        ("Error handling improved in v2", None),
        ("Found 0 ERROR and 0 WARNING", None),
        ("No ERROR found", None),
        ("errors: 0", None),
        ("error_count=0 warn_count=0", None),
        ("sealevel=fatal", None),
        ("Compiling error-chain v0.12.4", None),
        ("test result: ok. 12 passed; 0 failed", None),
        ("  the error was handled", None),
        ("Reading package lists... Done", None),
        ("https://example.com/docs/ERROR", None),
        ("E1234 is our product code", None),
        ("<html>", None),
        ("", None),
        ("DEBUG=1 npm start", None),
        ("Battery levels ok", None),
    ];

    #[test]
    fn level_table() {
        let mut wrong = Vec::new();
        for (line, want) in TABLE {
            let got = detect(line);
            if got != *want {
                wrong.push(format!("{line:?}: want {want:?}, got {got:?}"));
            }
        }
        assert!(wrong.is_empty(), "misdetected:\n{}", wrong.join("\n"));
    }

    /// Every valid syslog message of the go-syslog corpus (written by others)
    /// gets the level of its PRI severity.
    #[test]
    fn syslog_corpus_severities() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/go-syslog");
        if !dir.is_dir() {
            eprintln!("skipped: ../shared/corpora is absent");
            return;
        }
        let mut checked = 0;
        for name in [
            "rfc5424_cases.jsonl",
            "rfc5424_noncompliant_cases.jsonl",
            "rfc3164_cases.jsonl",
        ] {
            let text = std::fs::read_to_string(dir.join(name)).unwrap();
            for rec in text.lines() {
                let r: serde_json::Value = serde_json::from_str(rec).unwrap();
                let (Some(true), Some(sev), Some(input)) = (
                    r["valid"].as_bool(),
                    r["expected"]["severity"].as_u64(),
                    r["input"].as_str(),
                ) else {
                    continue;
                };
                let first = input.lines().next().unwrap_or("");
                assert_eq!(
                    detect(first),
                    Level::from_syslog(sev as u8),
                    "{name}: {first:?}"
                );
                checked += 1;
            }
        }
        assert!(checked > 50, "only {checked} cases");
    }

    #[test]
    fn ansi_is_stripped() {
        assert_eq!(strip_ansi("\x1b[1;31mERROR\x1b[0m x"), " ERROR  x");
    }
}
