//! Folding continuation lines (a Java or Python stack trace) into one
//! record, for `tail-stdin --multiline`.
//!
//! Rules (`--multiline`):
//!
//! - `auto` (the default): the known crash shapes (Python tracebacks,
//!   Java/Kotlin/.NET/Node.js stacks, Go panics, Rust panics) become one
//!   record each and every other line stays its own
//!   ([`crate::reading::fold::CrashFolder`]); `none` folds nothing.
//! - `indent`: a line that starts with a space or a tab continues the record
//!   before it; so do Java's `Caused by: ...` and `Suppressed: ...`, and the
//!   closing `ValueError: ...` line of a Python traceback (the first line at
//!   column 0 after the indented frames of a `Traceback (most recent call
//!   last):`). An empty line is never a continuation.
//! - `start=REGEX`: a line that matches REGEX starts a record; every other
//!   line continues the record before it.
//!
//! In both modes the very first line starts a record even if it looks like a
//! continuation (nothing before it to join), so lines before the first match
//! of `start=REGEX` form one record of their own. A record never grows past
//! `max_bytes`: the line that would make it bigger starts the next record
//! instead, so memory stays bounded and nothing is dropped.

use regex::bytes::Regex;

/// How records are recognised.
#[derive(Debug, Clone)]
pub enum Rule {
    /// Known crash shapes only (`reading::fold::CrashFolder`).
    Auto,
    /// Every line is its own entry.
    None,
    Indent,
    Start(Regex),
}

impl Rule {
    /// Parse `indent` or `start=REGEX`.
    pub fn parse(s: &str) -> Result<Rule, String> {
        match s {
            "indent" => return Ok(Rule::Indent),
            "auto" => return Ok(Rule::Auto),
            "none" | "off" => return Ok(Rule::None),
            _ => {}
        }
        if let Some(re) = s.strip_prefix("start=") {
            if re.is_empty() {
                return Err("--multiline start=REGEX needs a regular expression".into());
            }
            return Regex::new(re)
                .map(Rule::Start)
                .map_err(|e| format!("invalid regular expression in --multiline '{s}': {e}"));
        }
        Err(format!(
            "invalid --multiline '{s}': expected 'auto', 'none', 'indent' or 'start=REGEX'"
        ))
    }
}

/// A record: one or more lines joined by `\n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The lines, joined by `\n`.
    pub text: Vec<u8>,
    /// Length of the first line in `text`.
    pub first_len: usize,
    /// Number of lines.
    pub lines: usize,
    /// Bytes of input the record came from (lines and the `\n` between
    /// them), counting what was cut from over-long lines.
    pub original_bytes: usize,
    /// Some line was cut at the length limit.
    pub truncated: bool,
    /// 1-based input line number of the first line.
    pub line_no: u64,
}

impl Record {
    /// The first line.
    pub fn first(&self) -> &[u8] {
        &self.text[..self.first_len]
    }

    /// The continuation lines, joined by `\n`; `None` for a single line.
    pub fn rest(&self) -> Option<&[u8]> {
        if self.lines > 1 {
            Some(&self.text[self.first_len + 1..])
        } else {
            None
        }
    }

    /// The last line.
    pub fn last(&self) -> &[u8] {
        match memchr::memrchr(b'\n', &self.text) {
            Some(i) => &self.text[i + 1..],
            None => &self.text,
        }
    }

    /// Whether this is a bare Python traceback: its first line is
    /// `Traceback (most recent call last):` and there is more than one line.
    pub fn is_python_traceback(&self) -> bool {
        self.lines > 1 && self.first().trim_ascii_end() == TRACEBACK
    }
}

pub(crate) const TRACEBACK: &[u8] = b"Traceback (most recent call last):";

/// Starts with a space or a tab.
pub(crate) fn indented(line: &[u8]) -> bool {
    matches!(line.first(), Some(b' ' | b'\t'))
}

/// The folding state machine: feed lines, get finished records.
#[derive(Debug)]
pub struct Folder {
    rule: Rule,
    max_bytes: usize,
    pending: Option<Record>,
    /// The pending record is a Python traceback whose last line was an
    /// indented frame: the next column-0 line is its exception line.
    in_traceback: bool,
    /// The pending record's traceback is complete: nothing more joins it.
    closed: bool,
}

impl Folder {
    pub fn new(rule: Rule, max_bytes: usize) -> Folder {
        Folder {
            rule,
            max_bytes: max_bytes.max(1),
            pending: None,
            in_traceback: false,
            closed: false,
        }
    }

    pub fn has_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// Whether `line` continues the pending record.
    fn continues(&self, line: &[u8]) -> bool {
        if self.closed {
            return false;
        }
        match &self.rule {
            Rule::Start(re) => !re.is_match(line),
            // Folded by `reading::fold::CrashFolder`, or not at all.
            Rule::Auto | Rule::None => false,
            Rule::Indent => {
                indented(line)
                    || line.starts_with(b"Caused by: ")
                    || line.starts_with(b"Suppressed: ")
                    || (self.in_traceback && !line.is_empty())
            }
        }
    }

    /// Feed one line (`original_len` bytes long before any cut). Returns the
    /// record this line finished, if it starts a new one.
    pub fn push(
        &mut self,
        line: &[u8],
        original_len: usize,
        truncated: bool,
        line_no: u64,
    ) -> Option<Record> {
        let mut done = None;
        let joins = match &self.pending {
            Some(p) => self.continues(line) && p.text.len() + 1 + line.len() <= self.max_bytes,
            None => false,
        };
        if joins {
            if let Some(p) = self.pending.as_mut() {
                p.text.push(b'\n');
                p.text.extend_from_slice(line);
                p.lines += 1;
                p.original_bytes += 1 + original_len;
                p.truncated |= truncated;
            }
        } else {
            done = self.pending.take();
            self.closed = false;
            self.pending = Some(Record {
                text: line.to_vec(),
                first_len: line.len(),
                lines: 1,
                original_bytes: original_len,
                truncated,
                line_no,
            });
        }
        if let Rule::Indent = self.rule {
            let record_is_tb = self
                .pending
                .as_ref()
                .is_some_and(|p| p.first().trim_ascii_end() == TRACEBACK);
            if record_is_tb && (indented(line) || line.trim_ascii_end() == TRACEBACK) {
                self.in_traceback = true;
            } else if self.in_traceback && joins {
                // The exception line closes the traceback.
                self.in_traceback = false;
                self.closed = true;
            } else {
                self.in_traceback = false;
            }
        }
        done
    }

    /// The pending record, if any (idle time passed, or end of input).
    pub fn take(&mut self) -> Option<Record> {
        self.in_traceback = false;
        self.closed = false;
        self.pending.take()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(rule: Rule, input: &str) -> Vec<String> {
        let mut f = Folder::new(rule, 1 << 20);
        let mut out = Vec::new();
        for (i, line) in input.lines().enumerate() {
            if let Some(r) = f.push(line.as_bytes(), line.len(), false, i as u64 + 1) {
                out.push(String::from_utf8(r.text).unwrap());
            }
        }
        if let Some(r) = f.take() {
            out.push(String::from_utf8(r.text).unwrap());
        }
        out
    }

    const JAVA: &str = "\
2026-11-22 10:00:00 ERROR request failed
java.lang.IllegalStateException: boom
\tat com.acme.App.run(App.java:10)
\tat com.acme.App.main(App.java:3)
Caused by: java.io.IOException: disk
\tat com.acme.Disk.read(Disk.java:7)
\t... 1 more
2026-11-22 10:00:01 INFO next";

    #[test]
    fn indent_folds_a_java_trace() {
        let got = fold(Rule::Indent, JAVA);
        assert_eq!(got.len(), 3, "{got:#?}");
        assert_eq!(got[0], "2026-11-22 10:00:00 ERROR request failed");
        assert!(got[1].starts_with("java.lang.IllegalStateException: boom\n\tat com.acme.App.run"));
        assert!(got[1].ends_with("Caused by: java.io.IOException: disk\n\tat com.acme.Disk.read(Disk.java:7)\n\t... 1 more"));
        // The unindented exception line after a log line is a record of its own
        // in indent mode; start=REGEX folds it (below).
        assert_eq!(got[2], "2026-11-22 10:00:01 INFO next");
    }

    #[test]
    fn start_regex_folds_everything_until_the_next_match() {
        let got = fold(Rule::parse(r"start=^\d{4}-\d\d-\d\d ").unwrap(), JAVA);
        assert_eq!(got.len(), 2, "{got:#?}");
        assert!(got[0].starts_with("2026-11-22 10:00:00 ERROR request failed\njava.lang"));
        assert!(got[0].ends_with("\t... 1 more"));
        assert_eq!(got[1], "2026-11-22 10:00:01 INFO next");
    }

    #[test]
    fn lines_before_the_first_match_form_one_record() {
        let got = fold(
            Rule::parse("start=^BEGIN").unwrap(),
            "orphan 1\norphan 2\nBEGIN a\nmore\nBEGIN b",
        );
        assert_eq!(got, ["orphan 1\norphan 2", "BEGIN a\nmore", "BEGIN b"]);
    }

    #[test]
    fn indent_first_line_indented_starts_a_record() {
        let got = fold(Rule::Indent, "  indented first\n  second\nnext");
        assert_eq!(got, ["  indented first\n  second", "next"]);
    }

    #[test]
    fn python_traceback_includes_the_exception_line() {
        let input = "\
Traceback (most recent call last):
  File \"app.py\", line 3, in <module>
    main()
  File \"app.py\", line 2, in main
    int('x')
ValueError: invalid literal for int() with base 10: 'x'
after the crash";
        let got = fold(Rule::Indent, input);
        assert_eq!(got.len(), 2, "{got:#?}");
        assert!(got[0].ends_with("ValueError: invalid literal for int() with base 10: 'x'"));
        assert_eq!(got[1], "after the crash");
    }

    #[test]
    fn empty_lines_are_their_own_records_in_indent_mode() {
        assert_eq!(fold(Rule::Indent, "a\n  b\n\nc"), ["a\n  b", "", "c"]);
    }

    #[test]
    fn records_are_bounded() {
        let mut f = Folder::new(Rule::Indent, 10);
        assert!(f.push(b"head", 4, false, 1).is_none());
        assert!(f.push(b"  abc", 5, false, 2).is_none());
        // 4 + 1 + 5 = 10 bytes so far; the next line would pass the limit.
        let r = f.push(b"  def", 5, false, 3).unwrap();
        assert_eq!(r.text, b"head\n  abc");
        assert_eq!(r.original_bytes, 10);
        let r = f.take().unwrap();
        assert_eq!(r.text, b"  def");
        assert_eq!(r.line_no, 3);
    }

    #[test]
    fn record_parts() {
        let mut f = Folder::new(Rule::Indent, 1000);
        f.push(b"first", 5, false, 7);
        f.push(b"  second", 8, false, 8);
        f.push(b"  third", 7, true, 9);
        let r = f.take().unwrap();
        assert_eq!(r.first(), b"first");
        assert_eq!(r.rest(), Some(&b"  second\n  third"[..]));
        assert_eq!(r.last(), b"  third");
        assert!(r.truncated);
        assert_eq!(r.lines, 3);
        assert_eq!(r.line_no, 7);
        assert_eq!(r.original_bytes, 5 + 1 + 8 + 1 + 7);
    }

    #[test]
    fn rule_parsing() {
        assert!(matches!(Rule::parse("indent"), Ok(Rule::Indent)));
        assert!(matches!(Rule::parse("start=^x"), Ok(Rule::Start(_))));
        assert!(Rule::parse("start=(")
            .unwrap_err()
            .contains("invalid regular expression"));
        assert!(Rule::parse("start=").is_err());
        assert!(Rule::parse("java").is_err());
    }
}
