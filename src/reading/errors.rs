//! The error name and the exception line of a crash's text (a traceback or
//! stack trace), the way the Auralogs SDKs send `errorName`: the exception's
//! type, its text staying in the message.
//!
//! - Python: the last line at column 0 of a `Traceback (most recent call
//!   last):` (`ValueError: bad value`, `requests.exceptions.HTTPError: ...`);
//! - Java/Kotlin: the first line (`java.io.IOException: msg`, also after
//!   `Exception in thread "main" `); `Caused by:` lines are causes, not the name;
//! - Node.js: the first `TypeError: ...` line (after the `file.js:N` source
//!   excerpt an uncaught exception prints first);
//! - .NET: `System.InvalidOperationException: ...` (also after `Unhandled
//!   exception. `);
//! - Go: `panic: ...` and `fatal error: ...` are `panic` / `fatal error`;
//! - Rust: `thread 'main' panicked at ...` is `panic`.

/// Whether `tok` reads as an exception type: an identifier, dotted or not
/// (`$` for JVM inner classes), that either ends like one (`Error`,
/// `Exception`, `Throwable`, `Failure`, `Fault`, `Interrupt`, `Exit`) or is
/// qualified with an upper-case last part (`java.lang.NullPointerException`,
/// `com.acme.OrderNotFound`).
pub fn is_exception_name(tok: &str) -> bool {
    let b = tok.as_bytes();
    if b.is_empty() || b.len() > 200 || !(b[0].is_ascii_alphabetic() || b[0] == b'_') {
        return false;
    }
    if !b
        .iter()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'$'))
    {
        return false;
    }
    let last = tok.rsplit('.').next().unwrap_or(tok);
    const ENDINGS: [&str; 7] = [
        "Error",
        "Exception",
        "Throwable",
        "Failure",
        "Fault",
        "Interrupt",
        "Exit",
    ];
    if ENDINGS.iter().any(|e| last.ends_with(e)) {
        return true;
    }
    tok.contains('.') && last.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
}

/// `Name: text` or a bare `Name` whose name is an exception type: the name.
fn name_of_line(line: &str) -> Option<&str> {
    let line = line.trim_end();
    let line = line
        .strip_prefix("Unhandled exception. ")
        .or_else(|| {
            line.strip_prefix("Exception in thread \"")
                .and_then(|r| r.split_once("\" ").map(|(_, rest)| rest))
        })
        .unwrap_or(line);
    let tok = match line.split_once(':') {
        Some((t, _)) => t,
        None => line,
    };
    is_exception_name(tok).then_some(tok)
}

const TRACEBACK: &str = "Traceback (most recent call last):";

/// The error name a crash's text announces, if any.
pub fn error_name(trace: &str) -> Option<&str> {
    let first = trace.lines().find(|l| !l.trim().is_empty())?;
    if first.trim_end() == TRACEBACK || trace.contains("\nTraceback (most recent call last):") {
        return python_exception_line(trace).and_then(name_of_line);
    }
    if first.starts_with("panic: ") || first.starts_with("goroutine ") {
        return Some("panic");
    }
    if first.starts_with("fatal error: ") {
        return Some("fatal error");
    }
    if first.starts_with("thread '") && first.contains("' panicked at ") {
        return Some("panic");
    }
    if let Some(n) = name_of_line(first) {
        return Some(n);
    }
    // Node's uncaught exception: `file.js:3`, the source line, a caret,
    // then the error line.
    if is_node_source_header(first) {
        return trace.lines().skip(1).take(6).find_map(name_of_line);
    }
    None
}

/// `/app/index.js:3` (an uncaught Node.js exception's first line).
pub fn is_node_source_header(line: &str) -> bool {
    let Some((path, n)) = line.trim_end().rsplit_once(':') else {
        return false;
    };
    !n.is_empty()
        && n.bytes().all(|c| c.is_ascii_digit())
        && [".js", ".mjs", ".cjs", ".ts", ".jsx", ".tsx"]
            .iter()
            .any(|e| path.ends_with(e))
        && !path.contains(' ')
}

/// The last column-0 line of a Python traceback: its exception line.
fn python_exception_line(trace: &str) -> Option<&str> {
    trace
        .lines()
        .rev()
        .find(|l| !l.is_empty() && !l.starts_with([' ', '\t']) && l.trim_end() != TRACEBACK)
}

/// The line a crash's entry should carry as its message: the exception line
/// (Python's last line, Rust's panic message, everyone else's first error
/// line). `None` when the text is not a crash this module knows.
pub fn crash_message(trace: &str) -> Option<&str> {
    let mut lines = trace.lines();
    let first = lines.find(|l| !l.trim().is_empty())?;
    if first.trim_end() == TRACEBACK {
        return python_exception_line(trace);
    }
    if first.starts_with("thread '") && first.contains("' panicked at ") {
        // Rust 1.73+: the message is on the next line; before, it is quoted
        // in the first.
        if first.trim_end().ends_with(':') {
            if let Some(m) = lines.next().filter(|l| !l.trim().is_empty()) {
                return Some(m);
            }
        }
        return Some(first);
    }
    if is_node_source_header(first) {
        return trace
            .lines()
            .skip(1)
            .take(6)
            .find(|l| name_of_line(l).is_some());
    }
    Some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let py = "Traceback (most recent call last):\n  File \"a.py\", line 1, in <module>\n    boom()\nValueError: bad value 42";
        assert_eq!(error_name(py), Some("ValueError"));
        assert_eq!(crash_message(py), Some("ValueError: bad value 42"));
        let chained = "Traceback (most recent call last):\n  File \"a\", line 1\nKeyError: 'x'\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File \"a\", line 3\nrequests.exceptions.HTTPError: 500";
        assert_eq!(error_name(chained), Some("requests.exceptions.HTTPError"));
        let java = "java.io.IOException: disk full\n\tat a.B.c(B.java:1)\nCaused by: java.lang.IllegalStateException: x\n\t... 1 more";
        assert_eq!(error_name(java), Some("java.io.IOException"));
        assert_eq!(crash_message(java), Some("java.io.IOException: disk full"));
        assert_eq!(
            error_name("Exception in thread \"main\" java.lang.NullPointerException\n\tat A.main(A.java:3)"),
            Some("java.lang.NullPointerException")
        );
        assert_eq!(
            error_name(
                "TypeError: Cannot read properties of null (reading 'f')\n    at err (/x.js:8:10)"
            ),
            Some("TypeError")
        );
        let node = "/app/index.js:3\n  null.f();\n       ^\n\nTypeError: Cannot read properties of null (reading 'f')\n    at Object.<anonymous> (/app/index.js:3:8)\n\nNode.js v20.10.0";
        assert_eq!(error_name(node), Some("TypeError"));
        assert_eq!(
            crash_message(node),
            Some("TypeError: Cannot read properties of null (reading 'f')")
        );
        assert_eq!(
            error_name("Unhandled exception. System.InvalidOperationException: Sequence contains no elements\n   at X.Y()"),
            Some("System.InvalidOperationException")
        );
        assert_eq!(
            error_name(
                "System.DivideByZeroException: Attempted to divide by zero.\n   at Program.Main()"
            ),
            Some("System.DivideByZeroException")
        );
        assert_eq!(error_name("panic: runtime error: index out of range [5] with length 3\n\ngoroutine 1 [running]:"), Some("panic"));
        assert_eq!(
            error_name("fatal error: all goroutines are asleep - deadlock!"),
            Some("fatal error")
        );
        let rust = "thread 'main' panicked at src/main.rs:4:5:\nindex out of bounds: the len is 3 but the index is 99\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace";
        assert_eq!(error_name(rust), Some("panic"));
        assert_eq!(
            crash_message(rust),
            Some("index out of bounds: the len is 3 but the index is 99")
        );
        // Frames alone (zap's stacktrace) name nothing; neither does prose.
        assert_eq!(
            error_name("main.main\n\t/src/main.go:13\nruntime.main\n\t/go/proc.go:204"),
            None
        );
        assert_eq!(error_name("connection refused: retrying"), None);
        assert_eq!(error_name("Note: this is fine"), None);
    }
}
