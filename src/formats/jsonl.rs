//! jsonl (ndjson): one JSON value per line. Also the record parser of the
//! json format, which hands it one array element at a time.
//!
//! An object's fields are kept as raw JSON text borrowed from the line and
//! written to the wire verbatim, so a record costs one parse and no
//! per-field allocation. A value that is not an object is a record whose
//! message is the value (a string) or its JSON text.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::{apply_mapping, Invalid, Options, Plans, Record, Val, MAX_DEPTH};

/// A key, borrowed from the input when it has no escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// The top of a record: an object's fields, or not an object.
enum Top<'a> {
    Object(Vec<(Cow<'a, str>, Val<'a>)>),
    Other,
}

struct TopSeed;

impl<'de> DeserializeSeed<'de> for TopSeed {
    type Value = Top<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Top<'de>, D::Error> {
        d.deserialize_any(TopVisitor)
    }
}

struct TopVisitor;

impl<'de> Visitor<'de> for TopVisitor {
    type Value = Top<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Top<'de>, A::Error> {
        // The record's own field list, built once: no second vector.
        let mut fields = Vec::with_capacity(map.size_hint().unwrap_or(8));
        while let Some(Key(k)) = map.next_key::<Key<'de>>()? {
            let v: &'de RawValue = map.next_value()?;
            fields.push((k, Val::Raw(v.get())));
        }
        Ok(Top::Object(fields))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Top<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Top::Other)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Top<'de>, E> {
        Ok(Top::Other)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Top<'de>, E> {
        Ok(Top::Other)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Top<'de>, E> {
        Ok(Top::Other)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Top<'de>, E> {
        Ok(Top::Other)
    }
    fn visit_str<E>(self, _: &str) -> Result<Top<'de>, E> {
        Ok(Top::Other)
    }
    fn visit_unit<E>(self) -> Result<Top<'de>, E> {
        Ok(Top::Other)
    }
}

/// Nesting depth of JSON text (brackets outside strings).
fn depth(b: &[u8]) -> usize {
    let (mut d, mut max, mut in_str, mut esc) = (0usize, 0usize, false, false);
    for &c in b {
        if in_str {
            if esc {
                esc = false;
            } else if c == b'\\' {
                esc = true;
            } else if c == b'"' {
                in_str = false;
            }
            continue;
        }
        match c {
            b'"' => in_str = true,
            b'[' | b'{' => {
                d += 1;
                max = max.max(d);
            }
            b']' | b'}' => d = d.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// Check what serde_json's own skipping lets through but a receiver that
/// decodes the JSON (the service, `auralog serve`) would refuse: nesting
/// deeper than [`MAX_DEPTH`] and lone UTF-16 surrogate escapes.
fn check_receivable(text: &str, line: u64) -> Result<(), Invalid> {
    let b = text.as_bytes();
    if memchr::memchr2_iter(b'[', b'{', b).nth(MAX_DEPTH).is_some() && depth(b) > MAX_DEPTH {
        return Err(Invalid::new(
            line,
            None,
            format!("JSON nested deeper than {MAX_DEPTH} levels"),
        ));
    }
    // A backslash, `u`, then `d` or `D`: maybe a surrogate escape (memchr,
    // not memmem: a memmem searcher would be built per record).
    if memchr::memchr_iter(b'\\', b)
        .any(|i| b.get(i + 1) == Some(&b'u') && matches!(b.get(i + 2), Some(b'd' | b'D')))
    {
        // Decoding the strings is what finds a lone surrogate.
        if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
            return Err(located(e, line, 1));
        }
    }
    Ok(())
}

/// A serde_json error inside a record that starts at `line`, column `col`.
pub fn located(e: serde_json::Error, line: u64, col: u64) -> Invalid {
    let msg = e.to_string();
    // serde_json appends " at line L column C"; the position is given apart.
    let what = match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    };
    let (l, c) = (e.line() as u64, e.column() as u64);
    let (abs_line, abs_col) = if l <= 1 {
        (line, col + c.saturating_sub(1))
    } else {
        (line + l - 1, c)
    };
    Invalid::new(
        abs_line,
        Some(abs_col.max(1)),
        format!("invalid JSON: {what}"),
    )
}

/// The fields of an object record as the serde_json path reads them
/// (`None` when it is not a receivable object): what [`super::scan`] is
/// checked against.
#[cfg(test)]
pub fn serde_fields(text: &str) -> Option<Vec<(Cow<'_, str>, Val<'_>)>> {
    let mut de = serde_json::Deserializer::from_str(text);
    let top = TopSeed.deserialize(&mut de).ok()?;
    de.end().ok()?;
    check_receivable(text, 1).ok()?;
    match top {
        Top::Object(fields) => Some(fields),
        Top::Other => None,
    }
}

/// Parse one JSON record that starts at `line`, with plans of its own
/// (tests: the parsers keep one `Plans` per input, [`parse_planned`]).
#[cfg(test)]
pub fn parse_record<'a>(text: &'a str, line: u64, opts: &Options) -> Result<Record<'a>, Invalid> {
    parse_planned(text, line, 1, opts, &mut Plans::new())
}

/// [`parse_record`] at column `col` of `line`, with the plans of its input.
pub fn parse_planned<'a>(
    text: &'a str,
    line: u64,
    col: u64,
    opts: &Options,
    plans: &mut Plans,
) -> Result<Record<'a>, Invalid> {
    if let Some((fields, trimmed)) = super::scan::object(text) {
        let mut rec = Record {
            line,
            text: trimmed,
            fields,
            ..Record::default()
        };
        apply_mapping(&mut rec, opts, plans)?;
        return Ok(rec);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let top = TopSeed
        .deserialize(&mut de)
        .and_then(|t| de.end().map(|()| t))
        .map_err(|e| located(e, line, col))?;
    check_receivable(text, line)?;
    let trimmed = text.trim();
    let mut rec = Record {
        line,
        text: trimmed,
        ..Record::default()
    };
    match top {
        Top::Object(fields) => {
            rec.fields = fields;
            apply_mapping(&mut rec, opts, plans)?;
        }
        Top::Other => {
            rec.message = Some(Val::Raw(trimmed));
        }
    }
    Ok(rec)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> Options {
        Options::default()
    }

    #[test]
    fn objects_keep_raw_fields() {
        let r = parse_record(
            r#"{"message":"a \"q\"","n":1,"o":{"x":[1,2]},"k\u0065y":true}"#,
            4,
            &opts(),
        )
        .unwrap();
        // The message is read by THE reading (decoded); the rest stays raw.
        assert_eq!(r.message, Some(Val::Str(Cow::Borrowed(r#"a "q""#))));
        assert_eq!(r.fields.len(), 3);
        assert_eq!(
            r.fields[1],
            (Cow::Borrowed("o"), Val::Raw(r#"{"x":[1,2]}"#))
        );
        assert_eq!(r.fields[2].0, "key");
    }

    #[test]
    fn scalars_are_messages() {
        let r = parse_record(r#" "just text" "#, 1, &opts()).unwrap();
        assert_eq!(r.message.unwrap().as_text().unwrap(), "just text");
        let r = parse_record("[1, 2]", 1, &opts()).unwrap();
        assert_eq!(r.message, Some(Val::Raw("[1, 2]")));
    }

    #[test]
    fn errors_are_located() {
        let e = parse_record(r#"{"a":1,}"#, 7, &opts()).unwrap_err();
        assert_eq!(e.line, 7);
        assert!(e.col.is_some());
        assert!(e.what.starts_with("invalid JSON"), "{}", e.what);
        let e = parse_record(r#"{"a":1} x"#, 2, &opts()).unwrap_err();
        assert!(e.what.contains("trailing"), "{}", e.what);
        let deep = format!("{}{}", "[".repeat(150), "]".repeat(150));
        let e = parse_record(&deep, 1, &opts()).unwrap_err();
        assert!(
            e.what.contains("nested") || e.what.contains("recursion"),
            "{}",
            e.what
        );
        let ok = format!("{}{}", "[".repeat(90), "]".repeat(90));
        assert!(parse_record(&ok, 1, &opts()).is_ok());
        // A lone surrogate: serde_json skips it, the receiver would not.
        assert!(parse_record(r#"{"a":"\ud800"}"#, 1, &opts()).is_err());
        assert!(parse_record(r#"{"a":"\udc00x"}"#, 1, &opts()).is_err());
        assert!(parse_record(r#"{"a":"\ud83d\ude00"}"#, 1, &opts()).is_ok());
    }
}
