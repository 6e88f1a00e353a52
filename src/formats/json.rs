//! json: a JSON array of records, or an object whose `logs` key holds that
//! array (other keys, such as `projectApiKey`, are checked and ignored), or
//! any other single JSON value (one record).
//!
//! An element over [`MAX_RECORD`] is rejected, not the file: the scanner
//! still knows where it ends, hands its first bytes on as an invalid record
//! and the rest as [`Sink::rest`] pieces, and goes on with the next element.
//!
//! Never loaded whole: a small scanner walks the array structure, cuts out
//! one element at a time (tracking strings and nesting, and the line and
//! column where the element starts), and hands it to the jsonl record parser.
//! An error inside an element rejects that element only; an error in the
//! array structure (a missing comma, a trailing comma, text after the end)
//! stops the file, since no later element can be found for sure.

use std::io::{self, BufRead};

use super::{jsonl, utf8, ChunkError, Flow, Invalid, Item, Options, Sink, MAX_RECORD};

/// What the scanner hands on: whole elements, or an element too long to
/// hold: its start, then the rest in pieces.
enum Piece<'a> {
    Elem(&'a [u8], u64, u64),
    TooLong(&'a [u8], u64, u64),
    Rest(&'a [u8]),
}

type On<'o> = dyn FnMut(Piece<'_>) -> Flow + 'o;

/// Bytes of a too-long scalar gathered before they go on as a piece.
const REST_PIECE: usize = 64 * 1024;

enum ScanErr {
    Io(io::Error),
    /// A structural error: the position, what, and the bytes of the broken part.
    Fatal(Invalid, Vec<u8>),
}

impl From<io::Error> for ScanErr {
    fn from(e: io::Error) -> Self {
        ScanErr::Io(e)
    }
}

struct Src<'r> {
    input: &'r mut dyn BufRead,
    line: u64,
    col: u64,
}

impl Src<'_> {
    fn peek(&mut self) -> io::Result<Option<u8>> {
        loop {
            match self.input.fill_buf() {
                Ok(b) => return Ok(b.first().copied()),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    fn bump(&mut self, b: u8) {
        self.input.consume(1);
        if b == b'\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
    }

    /// Skip JSON white space; the next byte, not consumed.
    fn skip_ws(&mut self) -> io::Result<Option<u8>> {
        while let Some(b) = self.peek()? {
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                self.bump(b);
            } else {
                return Ok(Some(b));
            }
        }
        Ok(None)
    }

    fn fatal(&self, what: impl Into<String>, partial: &[u8]) -> ScanErr {
        ScanErr::Fatal(
            Invalid::new(self.line, Some(self.col), what),
            partial.to_vec(),
        )
    }

    /// Cut out one JSON value (not validated beyond its extent) into `out`.
    /// `Ok(None)`: `out` holds it. A value over [`MAX_RECORD`] is an error
    /// without `big`; with it, its start goes to `big` as
    /// [`Piece::TooLong`], the rest as [`Piece::Rest`] up to its end, and
    /// `Ok(Some(flow))` gives what `big` answered.
    fn capture(
        &mut self,
        out: &mut Vec<u8>,
        mut big: Option<&mut On<'_>>,
    ) -> Result<Option<Flow>, ScanErr> {
        out.clear();
        let (line, col) = (self.line, self.col);
        let first = self
            .peek()?
            .ok_or_else(|| self.fatal("expected a value", b""))?;
        if !matches!(first, b'"' | b'[' | b'{') {
            // A scalar (or garbage): up to the next delimiter.
            let mut streamed: Option<Flow> = None;
            let mut seen = false;
            while let Some(b) = self.peek()? {
                if matches!(
                    b,
                    b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r' | b'"' | b'[' | b'{'
                ) && seen
                {
                    break;
                }
                seen = true;
                out.push(b);
                self.bump(b);
                if out.len() > MAX_RECORD || (streamed.is_some() && out.len() >= REST_PIECE) {
                    let Some(on) = big.as_mut() else {
                        return Err(self.fatal("value longer than 8 MiB", b""));
                    };
                    match streamed {
                        None => streamed = Some(on(Piece::TooLong(out, line, col))),
                        Some(_) => {
                            on(Piece::Rest(out));
                        }
                    }
                    out.clear();
                }
            }
            if let (Some(flow), Some(on)) = (streamed, big) {
                if !out.is_empty() {
                    on(Piece::Rest(out));
                }
                out.clear();
                return Ok(Some(flow));
            }
            return Ok(None);
        }
        let mut streamed: Option<Flow> = None;
        let (mut depth, mut in_str, mut esc) = (0usize, false, false);
        loop {
            let avail = match self.input.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e.into()),
            };
            if avail.is_empty() {
                return Err(ScanErr::Fatal(
                    Invalid::new(
                        line,
                        Some(col),
                        "unexpected end of file inside the value that starts here",
                    ),
                    std::mem::take(out),
                ));
            }
            let mut i = 0;
            let mut done = false;
            while i < avail.len() {
                let c = avail[i];
                i += 1;
                if c == b'\n' {
                    self.line += 1;
                    self.col = 1;
                } else {
                    self.col += 1;
                }
                if in_str {
                    if esc {
                        esc = false;
                    } else if c == b'\\' {
                        esc = true;
                    } else if c == b'"' {
                        in_str = false;
                        if depth == 0 {
                            done = true;
                            break;
                        }
                    }
                    continue;
                }
                match c {
                    b'"' => in_str = true,
                    b'[' | b'{' => depth += 1,
                    b']' | b'}' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            done = true;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            match (streamed, big.as_mut()) {
                (Some(_), Some(on)) => {
                    on(Piece::Rest(&avail[..i]));
                }
                _ => out.extend_from_slice(&avail[..i]),
            }
            self.input.consume(i);
            if streamed.is_none() && out.len() > MAX_RECORD {
                let Some(on) = big.as_mut() else {
                    return Err(ScanErr::Fatal(
                        Invalid::new(line, Some(col), "value longer than 8 MiB"),
                        Vec::new(),
                    ));
                };
                streamed = Some(on(Piece::TooLong(out, line, col)));
                out.clear();
            }
            if done {
                return Ok(streamed);
            }
        }
    }

    /// The elements of an array whose `[` is next.
    fn array(&mut self, elem: &mut Vec<u8>, on: &mut On<'_>) -> Result<Flow, ScanErr> {
        self.bump(b'[');
        if self.skip_ws()? == Some(b']') {
            self.bump(b']');
            return Ok(Flow::Continue);
        }
        loop {
            if self.skip_ws()?.is_none() {
                return Err(self.fatal("unexpected end of file inside the array", b""));
            }
            let (l, c) = (self.line, self.col);
            let flow = match self.capture(elem, Some(&mut *on))? {
                Some(flow) => flow,
                None => on(Piece::Elem(elem, l, c)),
            };
            if flow == Flow::Stop {
                return Ok(Flow::Stop);
            }
            match self.skip_ws()? {
                Some(b',') => {
                    self.bump(b',');
                    if self.skip_ws()? == Some(b']') {
                        return Err(self.fatal("trailing comma before ']'", b""));
                    }
                }
                Some(b']') => {
                    self.bump(b']');
                    return Ok(Flow::Continue);
                }
                Some(_) => return Err(self.fatal("expected ',' or ']' after an element", b"")),
                None => return Err(self.fatal("unexpected end of file inside the array", b"")),
            }
        }
    }
}

/// Walk the top-level value, calling `on(element, line, col)` per record.
/// Returns whether there was anything but white space.
fn scan(input: &mut dyn BufRead, on: &mut On<'_>) -> Result<bool, ScanErr> {
    if input.fill_buf()?.starts_with(super::BOM) {
        input.consume(3);
    }
    let mut s = Src {
        input,
        line: 1,
        col: 1,
    };
    let mut elem = Vec::with_capacity(4096);
    let Some(first) = s.skip_ws()? else {
        return Ok(false);
    };
    let flow = match first {
        b'[' => s.array(&mut elem, on)?,
        b'{' => object(&mut s, &mut elem, on)?,
        _ => {
            let (l, c) = (s.line, s.col);
            match s.capture(&mut elem, Some(&mut *on))? {
                Some(flow) => flow,
                None => on(Piece::Elem(&elem, l, c)),
            }
        }
    };
    if flow == Flow::Continue {
        if let Some(_b) = s.skip_ws()? {
            return Err(s.fatal("unexpected text after the JSON value", b""));
        }
    }
    Ok(true)
}

/// A top-level object: `{"logs": [...]}` streams the array; any other
/// object is one record.
fn object(s: &mut Src<'_>, elem: &mut Vec<u8>, on: &mut On<'_>) -> Result<Flow, ScanErr> {
    let (line, col) = (s.line, s.col);
    s.bump(b'{');
    let mut obj = b"{".to_vec();
    let mut streamed = false;
    let mut key_raw = Vec::new();
    if s.skip_ws()? == Some(b'}') {
        s.bump(b'}');
        return Ok(on(Piece::Elem(b"{}", line, col)));
    }
    loop {
        if s.skip_ws()? != Some(b'"') {
            return Err(s.fatal("expected a key in double quotes", &obj));
        }
        s.capture(&mut key_raw, None)?;
        let key: String = serde_json::from_slice(&key_raw)
            .map_err(|e| ScanErr::Fatal(jsonl::located(e, s.line, 1), obj.clone()))?;
        if s.skip_ws()? != Some(b':') {
            return Err(s.fatal("expected ':' after the key", &obj));
        }
        s.bump(b':');
        let next = s.skip_ws()?;
        if key == "logs" && next == Some(b'[') && !streamed {
            streamed = true;
            obj.clear();
            if s.array(elem, on)? == Flow::Stop {
                return Ok(Flow::Stop);
            }
        } else {
            if next.is_none() {
                return Err(s.fatal("unexpected end of file inside the object", &obj));
            }
            let (l, c) = (s.line, s.col);
            s.capture(elem, None)?;
            if let Err(e) = serde_json::from_slice::<serde::de::IgnoredAny>(elem) {
                return Err(ScanErr::Fatal(jsonl::located(e, l, c), elem.clone()));
            }
            if !streamed {
                obj.extend_from_slice(&key_raw);
                obj.push(b':');
                obj.extend_from_slice(elem);
                if obj.len() > MAX_RECORD {
                    return Err(s.fatal("object longer than 8 MiB", b""));
                }
            }
        }
        match s.skip_ws()? {
            Some(b',') => {
                s.bump(b',');
                if !streamed {
                    obj.push(b',');
                }
            }
            Some(b'}') => {
                s.bump(b'}');
                break;
            }
            Some(_) => return Err(s.fatal("expected ',' or '}' after a value", &obj)),
            None => return Err(s.fatal("unexpected end of file inside the object", &obj)),
        }
    }
    if streamed {
        return Ok(Flow::Continue);
    }
    obj.push(b'}');
    Ok(on(Piece::Elem(&obj, line, col)))
}

pub fn parse(input: &mut dyn BufRead, opts: &Options, f: &mut dyn Sink) -> io::Result<bool> {
    let mut plans = super::Plans::new();
    let mut on = |piece: Piece<'_>| {
        let (elem, line, col) = match piece {
            Piece::Elem(e, l, c) => (e, l, c),
            Piece::TooLong(head, l, c) => {
                let what = format!("value longer than {} MiB", MAX_RECORD >> 20);
                return f.item(Item::Invalid(Invalid::new(l, Some(c), what), head));
            }
            Piece::Rest(b) => {
                f.rest(b);
                return Flow::Continue;
            }
        };
        let item = match utf8(elem, line)
            .and_then(|t| jsonl::parse_planned(t, line, col, opts, &mut plans))
        {
            Ok(rec) => Item::Record(rec, elem),
            Err(mut inv) => {
                if inv.line == line {
                    // utf8() counts from the element's start.
                    if let (Some(c), true) = (inv.col, inv.what.starts_with("invalid UTF-8")) {
                        inv.col = Some(col + c - 1);
                    }
                }
                Item::Invalid(inv, elem)
            }
        };
        f.item(item)
    };
    match scan(input, &mut on) {
        Ok(any) => Ok(any),
        Err(ScanErr::Io(e)) => Err(e),
        Err(ScanErr::Fatal(inv, partial)) => {
            f.item(Item::Invalid(inv.fatal(), &partial));
            Ok(true)
        }
    }
}

/// Raw chunks: JSON arrays of whole elements, about `max` bytes each.
pub fn chunks(
    input: &mut dyn BufRead,
    max: usize,
    f: &mut dyn FnMut(&[u8], usize) -> Flow,
) -> Result<bool, ChunkError> {
    let mut chunk = Vec::with_capacity(max + 4096);
    let mut n = 0usize;
    let mut too_long = None;
    let mut on = |piece: Piece<'_>| {
        let elem = match piece {
            Piece::Elem(e, _, _) => e,
            Piece::TooLong(_, l, c) => {
                let what = format!("value longer than {} MiB", MAX_RECORD >> 20);
                too_long = Some(Invalid::new(l, Some(c), what));
                return Flow::Stop;
            }
            Piece::Rest(_) => return Flow::Continue,
        };
        if n > 0 && chunk.len() + elem.len() + 2 > max {
            chunk.push(b']');
            let flow = f(&chunk, n);
            chunk.clear();
            n = 0;
            if flow == Flow::Stop {
                return Flow::Stop;
            }
        }
        chunk.push(if n == 0 { b'[' } else { b',' });
        chunk.extend_from_slice(elem);
        n += 1;
        Flow::Continue
    };
    let res = scan(input, &mut on);
    if let Some(inv) = too_long {
        return Err(ChunkError::Invalid(inv));
    }
    match res {
        Ok(any) => {
            if n > 0 {
                chunk.push(b']');
                f(&chunk, n);
            }
            Ok(any)
        }
        Err(ScanErr::Io(e)) => Err(ChunkError::Io(e)),
        Err(ScanErr::Fatal(inv, _)) => Err(ChunkError::Invalid(inv)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::Val;

    fn run(data: &str) -> Vec<Result<(u64, String), String>> {
        let mut out = Vec::new();
        let mut input = data.as_bytes();
        parse(&mut input, &Options::default(), &mut |item: Item<'_>| {
            match item {
                Item::Record(r, _) => out.push(Ok((
                    r.line,
                    r.message
                        .map(|m| match m {
                            Val::Raw(t) if !t.starts_with('"') => t.to_string(),
                            m => m.as_text().unwrap_or_default().into_owned(),
                        })
                        .unwrap_or_else(|| r.text.to_string()),
                ))),
                Item::Invalid(i, _) => out.push(Err(i.to_string())),
                Item::Header(_) => {}
            }
            Flow::Continue
        })
        .unwrap();
        out
    }

    #[test]
    fn arrays_stream_with_positions() {
        let got = run("[\n {\"message\": \"a\"},\n {\"message\": \"b]\"}, \"c\"\n]\n");
        assert_eq!(
            got,
            vec![
                Ok((2, "a".into())),
                Ok((3, "b]".into())),
                Ok((3, "c".into()))
            ]
        );
    }

    #[test]
    fn logs_object_and_single_values() {
        let got = run(r#"{"projectApiKey": "k", "logs": [{"msg": "x"}, {"msg": "y"}]}"#);
        assert_eq!(got, vec![Ok((1, "x".into())), Ok((1, "y".into()))]);
        let got = run(r#"{"message": "alone", "n": 1}"#);
        assert_eq!(got, vec![Ok((1, "alone".into()))]);
        assert_eq!(run("  42 "), vec![Ok((1, "42".into()))]);
    }

    #[test]
    fn element_errors_go_on_structure_errors_stop() {
        let got = run("[{\"a\":1}, {\"a\":tru}, {\"a\":3}]");
        assert!(got[0].is_ok() && got[2].is_ok(), "{got:?}");
        assert!(got[1].as_ref().unwrap_err().starts_with("1:"), "{got:?}");
        let got = run("[1,\n2,\n]");
        assert_eq!(got.len(), 3);
        assert!(got[2].as_ref().unwrap_err().contains("trailing comma"));
        let got = run("[1 2]");
        assert!(got[0].is_err() || got.last().unwrap().is_err(), "{got:?}");
        let got = run("[1]x");
        assert!(got
            .last()
            .unwrap()
            .as_ref()
            .unwrap_err()
            .contains("after the JSON value"));
        let got = run("[1, [2");
        assert!(got
            .last()
            .unwrap()
            .as_ref()
            .unwrap_err()
            .contains("end of file"));
    }

    #[test]
    fn an_element_over_the_limit_is_rejected_whole_and_reading_goes_on() {
        for big in [
            format!("{{\"message\":\"{}\"}}", "x".repeat(MAX_RECORD + 5)),
            "7".repeat(MAX_RECORD + 70_000),
        ] {
            let data = format!("[1,{big},\n2, 3]");
            let mut input = io::BufReader::with_capacity(64 * 1024, data.as_bytes());
            let (mut records, mut rejected) = (0, Vec::new());
            struct S<'a>(&'a mut u32, &'a mut Vec<u8>);
            impl Sink for S<'_> {
                fn item(&mut self, item: Item<'_>) -> Flow {
                    match item {
                        Item::Record(..) => *self.0 += 1,
                        Item::Invalid(inv, raw) => {
                            assert!(!inv.fatal && inv.what.contains("longer than 8 MiB"));
                            assert_eq!((inv.line, inv.col), (1, Some(4)));
                            self.1.extend_from_slice(raw);
                        }
                        Item::Header(_) => {}
                    }
                    Flow::Continue
                }
                fn rest(&mut self, b: &[u8]) {
                    self.1.extend_from_slice(b);
                }
            }
            parse(
                &mut input,
                &Options::default(),
                &mut S(&mut records, &mut rejected),
            )
            .unwrap();
            assert_eq!(records, 3);
            assert!(rejected == big.as_bytes(), "kept whole");
        }
        let got = run("[1, {\"a\": 2");
        assert!(got.last().unwrap().is_err());
    }

    #[test]
    fn json_chunks_are_arrays() {
        let data = format!(
            "[{}]",
            (0..50)
                .map(|i| format!("{{\"message\":\"m{i}\"}}"))
                .collect::<Vec<_>>()
                .join(",\n")
        );
        let mut input = data.as_bytes();
        let mut total = 0;
        let mut count = 0;
        chunks(&mut input, 100, &mut |c, n| {
            let v: Vec<serde_json::Value> = serde_json::from_slice(c).unwrap();
            assert_eq!(v.len(), n);
            total += n;
            count += 1;
            Flow::Continue
        })
        .unwrap();
        assert_eq!(total, 50);
        assert!(count > 5);
    }
}
