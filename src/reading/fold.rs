//! Crash folding for `--multiline auto`: the known crash shapes become one
//! record each, every other line stays its own, and a line that starts no
//! crash costs a few byte comparisons and no allocation.
//!
//! Shapes (each from the runtime's real output, see the tests):
//! - Python: `Traceback (most recent call last):`, indented frames, the
//!   exception line at column 0; chained tracebacks (`During handling of
//!   the above exception...`, `The above exception was the direct cause...`)
//!   stay in the same record.
//! - Java/Kotlin/.NET/Node.js: an exception line (`java.io.IOException: x`,
//!   `Exception in thread "main" ...`, `Unhandled exception. System.X: ...`,
//!   `TypeError: x`) followed by indented frames (`\tat`, `    at`),
//!   `Caused by:`/`Suppressed:`, .NET's ` ---> ` and `--- End of ...`; a
//!   Node.js uncaught exception's `file.js:N` source excerpt before it, the
//!   `{ code: ... }` block after it and the closing `Node.js v20.1.0` line.
//! - Go: `panic: ...`/`fatal error: ...`/`goroutine N [...]:` (a SIGQUIT dump
//!   starts `SIGQUIT: quit`), with `[signal ...]`, `goroutine` headers,
//!   function lines, indented file lines, `created by ...` and the blank lines
//!   between goroutines.
//! - Rust: `thread 'main' panicked at ...`, its message line, then `note: ...`
//!   or `stack backtrace:` with its indented frames and closing `note:`.
//!
//! Blank lines inside a crash are held until the next line decides: they
//! join the crash when it goes on, and are dropped with it (counted in its
//! `original_bytes`) when it ends, so a Go panic is one entry, not five with
//! an empty one. The records are `multiline::Record`s, so the auto rule can
//! sit beside `indent` and `start=REGEX`.

use crate::multiline::{indented, Record, TRACEBACK};

use super::errors::{is_exception_name, is_node_source_header};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// In the frames; the exception line (column 0) closes it.
    PythonFrames,
    /// After the exception line: only a chain announcement goes on.
    PythonDone,
    /// Exception line seen; indented frames, `Caused by:` go on.
    Frames,
    /// A Node.js `file.js:N` excerpt, before its error line (lines left).
    NodeHeader(u8),
    Go,
    /// Rust: waiting for the message line (new format).
    RustMessage,
    /// Rust: waiting for `note:` or `stack backtrace:`.
    RustNote,
    RustBacktrace,
    /// Nothing more joins.
    Closed,
}

/// `Name: text` or `Name` alone, where Name is an exception type.
fn exception_line(l: &[u8]) -> bool {
    let l = l.strip_prefix(b"Unhandled exception. ").unwrap_or(l);
    if l.starts_with(b"Exception in thread \"") {
        return true;
    }
    // Only the first token: cheap for ordinary lines, which fail on their
    // first non-identifier byte.
    let end = l
        .iter()
        .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'$')))
        .unwrap_or(l.len());
    if end == 0 || !(end == l.len() || l[end] == b':') {
        return false;
    }
    std::str::from_utf8(&l[..end]).is_ok_and(is_exception_name)
}

fn go_start(l: &[u8]) -> bool {
    l.starts_with(b"panic: ")
        || l.starts_with(b"fatal error: ")
        || l.starts_with(b"SIGQUIT: ")
        || (l.starts_with(b"goroutine ") && l.ends_with(b"]:"))
}

fn rust_start(l: &[u8]) -> bool {
    l.starts_with(b"thread '") && memchr::memmem::find(l, b"' panicked at ").is_some()
}

/// Whether `line` starts a crash record.
pub fn starts_crash(line: &[u8]) -> bool {
    kind_of_start(line).is_some()
}

fn kind_of_start(l: &[u8]) -> Option<Kind> {
    // One byte rules out almost every ordinary line.
    let first = *l.first()?;
    if !(first.is_ascii_alphabetic() || first == b'/' || first == b'_' || first == b'.') {
        return None;
    }
    if l.trim_ascii_end() == TRACEBACK {
        return Some(Kind::PythonFrames);
    }
    if go_start(l) {
        return Some(Kind::Go);
    }
    if rust_start(l) {
        return Some(if l.trim_ascii_end().ends_with(b":") {
            Kind::RustMessage
        } else {
            Kind::RustNote
        });
    }
    if exception_line(l) {
        return Some(Kind::Frames);
    }
    // `file.js:3`: only a line ending in a digit is worth a UTF-8 check.
    if (first == b'/' || first == b'.' || first.is_ascii_alphabetic())
        && l.trim_ascii_end().last().is_some_and(u8::is_ascii_digit)
        && std::str::from_utf8(l).is_ok_and(is_node_source_header)
    {
        return Some(Kind::NodeHeader(4));
    }
    None
}

/// A Go stack's function line: `main.main()`, `main.(*T).M(0xc0, ...)`,
/// `panic({0x4a0f60?, 0xc0?})`, `created by main.main in goroutine 1`.
fn go_frame(l: &[u8]) -> bool {
    if l.starts_with(b"created by ") || l.starts_with(b"[signal ") || l.starts_with(b"goroutine ") {
        return true;
    }
    let Some(open) = memchr::memchr(b'(', l) else {
        return false;
    };
    let name = &l[..open];
    !name.is_empty()
        && !name.contains(&b' ')
        && (name.contains(&b'.') || name == b"panic")
        && l.trim_ascii_end().ends_with(b")")
}

/// A SIGQUIT dump's `PC=0x46a7a1 m=0 sigcode=0` and register lines
/// (`rax    0xca`).
fn go_dump_line(l: &[u8]) -> bool {
    if l.starts_with(b"PC=") {
        return true;
    }
    let name = l.iter().take_while(|c| c.is_ascii_alphanumeric()).count();
    (2..=6).contains(&name) && {
        let rest = l[name..].trim_ascii_start();
        rest.len() < l.len() - name && rest.starts_with(b"0x")
    }
}

/// What a line does to the pending crash.
enum Step {
    Join(Kind),
    /// Held: joins if the crash goes on.
    Blank,
    End,
}

fn step(kind: Kind, l: &[u8]) -> Step {
    let blank = l.trim_ascii().is_empty();
    match kind {
        Kind::Closed => Step::End,
        Kind::PythonFrames => {
            if blank {
                Step::Blank
            } else if indented(l) || l.trim_ascii_end() == TRACEBACK {
                Step::Join(kind)
            } else {
                Step::Join(Kind::PythonDone)
            }
        }
        Kind::PythonDone => {
            if blank {
                Step::Blank
            } else if l.starts_with(b"During handling of the above exception")
                || l.starts_with(b"The above exception was the direct cause")
                || l.trim_ascii_end() == TRACEBACK
            {
                Step::Join(Kind::PythonFrames)
            } else {
                Step::End
            }
        }
        Kind::Frames => {
            if blank {
                Step::Blank
            } else if indented(l)
                || l.starts_with(b"Caused by: ")
                || l.starts_with(b"Suppressed: ")
                || l.starts_with(b"--- End of ")
            {
                Step::Join(kind)
            } else if l.starts_with(b"Node.js v") || l == b"}" {
                Step::Join(Kind::Closed)
            } else {
                Step::End
            }
        }
        Kind::NodeHeader(left) => {
            if blank {
                Step::Blank
            } else if exception_line(l) {
                Step::Join(Kind::Frames)
            } else if left > 0 {
                Step::Join(Kind::NodeHeader(left - 1))
            } else {
                Step::End
            }
        }
        Kind::Go => {
            if blank {
                Step::Blank
            } else if indented(l) || go_frame(l) || l.starts_with(b"panic: ") || go_dump_line(l) {
                Step::Join(kind)
            } else {
                Step::End
            }
        }
        Kind::RustMessage => {
            if blank {
                Step::End
            } else {
                Step::Join(Kind::RustNote)
            }
        }
        Kind::RustNote => {
            if l.starts_with(b"stack backtrace:") {
                Step::Join(Kind::RustBacktrace)
            } else if l.starts_with(b"note: ") {
                Step::Join(Kind::Closed)
            } else {
                Step::End
            }
        }
        Kind::RustBacktrace => {
            if indented(l) {
                Step::Join(kind)
            } else if l.starts_with(b"note: ") {
                Step::Join(Kind::Closed)
            } else {
                Step::End
            }
        }
    }
}

/// What [`CrashFolder::push`] did with a line.
#[derive(Debug, PartialEq, Eq)]
pub enum Pushed {
    /// The line is an entry of its own: the caller reads it from its own
    /// buffer (nothing was copied). A crash it ended comes first.
    Alone(Option<Record>),
    /// The line was taken into the pending crash (a crash it ended, if it
    /// started a new one, comes back).
    Taken(Option<Record>),
}

/// The `--multiline auto` state machine.
#[derive(Debug)]
pub struct CrashFolder {
    max_bytes: usize,
    pending: Option<Record>,
    kind: Kind,
    /// Blank lines held after the pending text: (count, bytes).
    held: (usize, usize),
}

impl CrashFolder {
    pub fn new(max_bytes: usize) -> CrashFolder {
        CrashFolder {
            max_bytes: max_bytes.max(1),
            pending: None,
            kind: Kind::Closed,
            held: (0, 0),
        }
    }

    pub fn has_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// Feed one line (`original_len` bytes before any cut).
    pub fn push(
        &mut self,
        line: &[u8],
        original_len: usize,
        truncated: bool,
        line_no: u64,
    ) -> Pushed {
        if let Some(p) = &mut self.pending {
            match step(self.kind, line) {
                Step::Blank if p.text.len() + self.held.0 < self.max_bytes => {
                    self.held.0 += 1;
                    self.held.1 += 1 + original_len;
                    return Pushed::Taken(None);
                }
                Step::Join(kind)
                    if p.text.len() + self.held.0 + 1 + line.len() <= self.max_bytes =>
                {
                    for _ in 0..self.held.0 {
                        p.text.push(b'\n');
                    }
                    p.lines += self.held.0;
                    p.original_bytes += self.held.1;
                    self.held = (0, 0);
                    p.text.push(b'\n');
                    p.text.extend_from_slice(line);
                    p.lines += 1;
                    p.original_bytes += 1 + original_len;
                    p.truncated |= truncated;
                    self.kind = kind;
                    return Pushed::Taken(None);
                }
                _ => {}
            }
        }
        let done = self.take();
        match kind_of_start(line) {
            Some(kind) => {
                self.kind = kind;
                self.pending = Some(Record {
                    text: line.to_vec(),
                    first_len: line.len(),
                    lines: 1,
                    original_bytes: original_len,
                    truncated,
                    line_no,
                });
                Pushed::Taken(done)
            }
            None => Pushed::Alone(done),
        }
    }

    /// The pending crash, if any (idle time passed, or end of input). Held
    /// blank lines are counted in its bytes, not its text.
    pub fn take(&mut self) -> Option<Record> {
        let mut p = self.pending.take()?;
        p.original_bytes += self.held.1;
        self.held = (0, 0);
        self.kind = Kind::Closed;
        Some(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fold `input`; each entry is a crash's text or `|line` for a line
    /// left alone.
    fn fold(input: &str) -> Vec<String> {
        let mut f = CrashFolder::new(1 << 20);
        let mut out = Vec::new();
        let rec = |r: Record| String::from_utf8(r.text).unwrap();
        for (i, line) in input.split('\n').enumerate() {
            match f.push(line.as_bytes(), line.len(), false, i as u64 + 1) {
                Pushed::Alone(done) => {
                    out.extend(done.map(rec));
                    out.push(format!("|{line}"));
                }
                Pushed::Taken(done) => out.extend(done.map(rec)),
            }
        }
        out.extend(f.take().map(rec));
        out
    }

    #[test]
    fn plain_lines_stay_alone() {
        assert_eq!(
            fold("starting\n2026-12-01 INFO ok\n\n[warn] x"),
            ["|starting", "|2026-12-01 INFO ok", "|", "|[warn] x"]
        );
        // An error-looking line with no frames after it is one entry.
        assert_eq!(
            fold("Error: connection refused\nnext line"),
            ["Error: connection refused", "|next line"]
        );
    }

    #[test]
    fn python_traceback_with_chain() {
        let tb = "Traceback (most recent call last):\n  File \"/app/main.py\", line 3, in <module>\n    int(\"x\")\nValueError: invalid literal for int() with base 10: 'x'\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File \"/app/main.py\", line 5, in <module>\n    raise RuntimeError(\"wrapped\")\nRuntimeError: wrapped";
        assert_eq!(
            fold(&format!("before\n{tb}\nafter")),
            ["|before", tb, "|after"]
        );
        // The blank line after a traceback is not part of it.
        let simple = "Traceback (most recent call last):\n  File \"a.py\", line 1, in <module>\nKeyError: 'k'";
        let out = fold(&format!("{simple}\n\nINFO next"));
        assert_eq!(out, [simple, "|INFO next"]);
    }

    #[test]
    fn java_with_caused_by() {
        let t = "Exception in thread \"main\" java.lang.IllegalStateException: order 42 not found\n\tat com.example.OrderService.find(OrderService.java:31)\n\tat com.example.Main.main(Main.java:10)\nCaused by: java.io.FileNotFoundException: /data/orders/42.json\n\tat java.base/java.io.FileInputStream.open0(Native Method)\n\t... 1 more";
        assert_eq!(
            fold(&format!("{t}\n10:00:01 INFO next")),
            [t, "|10:00:01 INFO next"]
        );
        let kotlin = "kotlinx.coroutines.TimeoutCancellationException: Timed out waiting for 1000 ms\n    at kotlinx.coroutines.TimeoutKt.TimeoutCancellationException(Timeout.kt:184)\n    at MainKt$main$1.invokeSuspend(Main.kt:5)";
        assert_eq!(fold(kotlin), [kotlin]);
    }

    #[test]
    fn go_panic_is_one_entry() {
        let p = "panic: runtime error: index out of range [5] with length 3\n\ngoroutine 1 [running]:\nmain.main()\n\t/tmp/sandbox/prog.go:8 +0x1d";
        assert_eq!(fold(&format!("{p}\nexit status 2")), [p, "|exit status 2"]);
        let nil = "panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x48f5b6]\n\ngoroutine 1 [running]:\nmain.(*Server).Start(0x0)\n\t/app/server.go:12 +0x16\nmain.main()\n\t/app/main.go:7 +0x1d";
        assert_eq!(fold(nil), [nil]);
        let dump = "SIGQUIT: quit\nPC=0x46a7a1 m=0 sigcode=0\n\ngoroutine 0 [idle]:\nruntime.futex(0x5b6aa8, 0x80, 0x0, 0x0, 0x0, 0x0)\n\t/usr/local/go/src/runtime/sys_linux_amd64.s:567 +0x21\n\ngoroutine 1 [chan receive]:\nmain.main()\n\t/app/main.go:9 +0x5b\ncreated by main.main in goroutine 1\n\t/app/main.go:8 +0x25";
        let regs = "\nrax    0xca\nrbx    0x0";
        assert_eq!(
            fold(&format!("{dump}{regs}\nnext")),
            [format!("{dump}{regs}"), "|next".into()]
        );
    }

    #[test]
    fn node_uncaught_and_caught() {
        let u = "/app/index.js:3\n  null.f();\n       ^\n\nTypeError: Cannot read properties of null (reading 'f')\n    at Object.<anonymous> (/app/index.js:3:8)\n    at Module._compile (node:internal/modules/cjs/loader:1256:14)\n\nNode.js v20.10.0";
        assert_eq!(fold(&format!("{u}\nnext")), [u, "|next"]);
        let props = "Error: ENOENT: no such file or directory, open 'missing.txt'\n    at Object.openSync (node:fs:601:3)\n    at Object.readFileSync (node:fs:469:35) {\n  errno: -2,\n  code: 'ENOENT',\n  syscall: 'open',\n  path: 'missing.txt'\n}";
        assert_eq!(fold(&format!("{props}\nnext")), [props, "|next"]);
    }

    #[test]
    fn rust_panics() {
        let short = "thread 'main' panicked at src/main.rs:4:5:\nindex out of bounds: the len is 3 but the index is 99\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace";
        assert_eq!(fold(&format!("{short}\nnext")), [short, "|next"]);
        let bt = "thread 'main' panicked at src/main.rs:2:5:\nboom\nstack backtrace:\n   0: rust_begin_unwind\n             at /rustc/90b35a6239c3d8bdabc530a6a0816f7ff89a0aaf/library/std/src/panicking.rs:645:5\n   1: core::panicking::panic_fmt\n             at /rustc/90b35a6239c3d8bdabc530a6a0816f7ff89a0aaf/library/core/src/panicking.rs:72:14\n   2: demo::main\n             at ./src/main.rs:2:5\nnote: Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace.";
        assert_eq!(fold(&format!("{bt}\nnext")), [bt, "|next"]);
        let old = "thread 'main' panicked at 'boom', src/main.rs:2:5\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace";
        assert_eq!(fold(old), [old]);
    }

    #[test]
    fn dotnet_unhandled() {
        let t = "Unhandled exception. System.InvalidOperationException: Outer\n ---> System.ArgumentException: Inner (Parameter 'x')\n   at Program.Inner() in /src/Program.cs:line 20\n   --- End of inner exception stack trace ---\n   at Program.Main() in /src/Program.cs:line 12";
        assert_eq!(fold(&format!("{t}\nnext")), [t, "|next"]);
    }

    #[test]
    fn bounded_and_counted() {
        let mut f = CrashFolder::new(40);
        assert!(matches!(
            f.push(b"panic: x", 8, false, 1),
            Pushed::Taken(None)
        ));
        assert!(matches!(f.push(b"", 0, false, 2), Pushed::Taken(None)));
        assert!(matches!(
            f.push(b"goroutine 1 [running]:", 22, false, 3),
            Pushed::Taken(None)
        ));
        // Too big to join: the crash is done, the frame line is alone.
        let Pushed::Alone(Some(r)) = f.push(b"main.main_with_a_very_long_name()", 33, false, 4)
        else {
            panic!("expected the crash back");
        };
        assert_eq!(r.text, b"panic: x\n\ngoroutine 1 [running]:");
        assert_eq!((r.lines, r.original_bytes, r.line_no), (3, 32, 1));
        // Held blank lines count in the bytes of the crash they end.
        assert!(matches!(
            f.push(b"panic: y", 8, false, 5),
            Pushed::Taken(None)
        ));
        assert!(matches!(f.push(b"", 0, false, 6), Pushed::Taken(None)));
        let r = f.take().unwrap();
        assert_eq!(
            (r.text.as_slice(), r.lines, r.original_bytes),
            (&b"panic: y"[..], 1, 9)
        );
    }
}
