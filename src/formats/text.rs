//! text: one record per line, the line is the message. Blank lines are
//! skipped; the level is `--level` (default info).

use std::borrow::Cow;

use super::{Invalid, Record, Val};

pub fn parse_record(text: &str, line: u64) -> Result<Record<'_>, Invalid> {
    Ok(Record {
        line,
        text,
        message: Some(Val::Str(Cow::Borrowed(text))),
        ..Record::default()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_line_is_a_message() {
        let r = super::parse_record("disk \"full\"", 3).unwrap();
        assert_eq!(r.line, 3);
        assert_eq!(r.message.unwrap().as_text().unwrap(), "disk \"full\"");
        assert!(r.fields.is_empty());
    }
}
