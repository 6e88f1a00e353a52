//! obl ("Open Board Logging"), as PROTOCOL.md interprets it: one record per
//! non-empty line; a line of `key=value` pairs (logfmt quoting: a value is a
//! bare word, or a double-quoted string with `\"`, `\\`, `\n`, `\t`, `\r`
//! escapes) is lifted into the entry (`level`, `msg`/`message`,
//! `ts`/`time`/`timestamp`, everything else metadata, as strings). A line
//! that is not wholly pairs (free text, an unterminated quote) is a plain
//! message: nothing is lost or guessed.

use std::borrow::Cow;

use super::{apply_mapping, Invalid, Options, Plans, Record, Val};

/// Split a line into pairs; `None` unless it is wholly `key=value` pairs.
pub fn pairs(line: &str) -> Option<Vec<(Cow<'_, str>, Cow<'_, str>)>> {
    let b = line.as_bytes();
    let mut i = 0;
    let mut out = Vec::new();
    loop {
        while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
            i += 1;
        }
        if i == b.len() {
            break;
        }
        let ks = i;
        while i < b.len() && b[i] > b' ' && b[i] != b'=' && b[i] != b'"' {
            i += 1;
        }
        if i == ks || i == b.len() || b[i] != b'=' {
            return None;
        }
        let key = &line[ks..i];
        i += 1;
        if b.get(i) == Some(&b'"') {
            i += 1;
            let vs = i;
            let mut escaped = false;
            loop {
                match b.get(i) {
                    None => return None,
                    Some(b'\\') => {
                        escaped = true;
                        i += 2;
                    }
                    Some(b'"') => break,
                    Some(_) => i += 1,
                }
            }
            let raw = line.get(vs..i)?;
            i += 1;
            if i < b.len() && b[i] != b' ' && b[i] != b'\t' {
                return None;
            }
            let v = if escaped {
                Cow::Owned(unescape(raw))
            } else {
                Cow::Borrowed(raw)
            };
            out.push((Cow::Borrowed(key), v));
        } else {
            let vs = i;
            while i < b.len() && b[i] != b' ' && b[i] != b'\t' {
                if b[i] == b'"' {
                    return None;
                }
                i += 1;
            }
            out.push((Cow::Borrowed(key), Cow::Borrowed(&line[vs..i])));
        }
    }
    if out.is_empty() {
        None
    } else {
        Some(out)
    }
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some(o) => out.push(o),
            None => out.push('\\'),
        }
    }
    out
}

/// For content sniffing.
pub fn looks_like_pairs(line: &[u8]) -> bool {
    std::str::from_utf8(line).ok().and_then(pairs).is_some()
}

/// One record with plans of its own (tests: the parser keeps one `Plans`
/// per input).
#[cfg(test)]
pub fn parse_record<'a>(text: &'a str, line: u64, opts: &Options) -> Result<Record<'a>, Invalid> {
    parse_planned(text, line, opts, &mut Plans::new())
}

/// [`parse_record`] with the plans of its input.
pub fn parse_planned<'a>(
    text: &'a str,
    line: u64,
    opts: &Options,
    plans: &mut Plans,
) -> Result<Record<'a>, Invalid> {
    let mut rec = Record {
        line,
        text,
        ..Record::default()
    };
    match pairs(text) {
        Some(p) => {
            rec.fields = p.into_iter().map(|(k, v)| (k, Val::Str(v))).collect();
            apply_mapping(&mut rec, opts, plans)?;
        }
        None => rec.message = Some(Val::Str(Cow::Borrowed(text))),
    }
    Ok(rec)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::Level;

    #[test]
    fn logfmt_pairs() {
        let p = pairs(r#"level=warn msg="disk \"low\"" free=3 empty= path=/a=b"#).unwrap();
        let got: Vec<(String, String)> = p
            .into_iter()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("level".into(), "warn".into()),
                ("msg".into(), "disk \"low\"".into()),
                ("free".into(), "3".into()),
                ("empty".into(), String::new()),
                ("path".into(), "/a=b".into()),
            ]
        );
        assert!(pairs("just words here").is_none());
        assert!(pairs("a=1 word").is_none());
        assert!(pairs(r#"a="unterminated"#).is_none());
        assert!(pairs("").is_none());
    }

    #[test]
    fn records() {
        let o = Options::default();
        let r = parse_record(
            r#"ts=2026-11-22T10:00:00Z level=error msg="boom" host=web1"#,
            2,
            &o,
        )
        .unwrap();
        assert_eq!(r.level, Some(Level::Error));
        assert_eq!(r.message.unwrap().as_text().unwrap(), "boom");
        assert!(r.timestamp.is_some());
        assert_eq!(r.fields.len(), 1);
        let r = parse_record("plain words, no pairs", 3, &o).unwrap();
        assert_eq!(
            r.message.unwrap().as_text().unwrap(),
            "plain words, no pairs"
        );
    }
}
