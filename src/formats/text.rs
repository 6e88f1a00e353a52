//! text: one record per line, read as tail-stdin reads a plain line (THE
//! plain-line reading, `reading::read_text`): a leading `--timestamps`
//! RFC 3339 prefix is the time and leaves the message, ANSI colours leave
//! it, and the level is detected from it (`ERROR`, `[warn]`,
//! `level=error`...); a line with no level gets `--level` (default info).
//! Blank lines are skipped.

use super::{Invalid, Record, Val};

pub fn parse_record(text: &str, line: u64) -> Result<Record<'_>, Invalid> {
    let r = crate::reading::read_text(text);
    Ok(Record {
        line,
        text,
        message: Some(Val::Str(r.message)),
        level: r.level,
        timestamp: r.timestamp,
        ..Record::default()
    })
}

#[cfg(test)]
mod tests {
    use crate::wire::Level;

    #[test]
    fn a_line_is_a_message() {
        let r = super::parse_record("disk \"full\"", 3).unwrap();
        assert_eq!(r.line, 3);
        assert_eq!(r.message.unwrap().as_text().unwrap(), "disk \"full\"");
        assert_eq!(r.level, None);
        assert_eq!(r.timestamp, None);
        assert!(r.fields.is_empty());
    }

    #[test]
    fn a_line_is_read_as_tail_stdin_reads_it() {
        let r = super::parse_record("2026-12-01T10:00:00.5Z \x1b[31mERROR\x1b[0m boom", 1).unwrap();
        assert_eq!(r.message.unwrap().as_text().unwrap(), "ERROR boom");
        assert_eq!(r.level, Some(Level::Error));
        assert_eq!(
            r.timestamp,
            crate::wire::time::parse_rfc3339(b"2026-12-01T10:00:00.5Z", false).ok()
        );
        // The record's own text (rejects, --raw) is the line as read.
        assert!(r.text.starts_with("2026-12-01T10:00:00.5Z \x1b[31m"));
    }
}
