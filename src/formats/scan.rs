//! The fast reading of the common jsonl record: one JSON object whose
//! fields are kept as raw JSON text borrowed from the line.
//!
//! [`object`] gives exactly what the serde_json path of
//! [`super::jsonl::parse_planned`] gives (the same keys, in order, and the
//! same raw value slices), but only for text it can vouch for: a valid
//! object, nested no deeper than [`MAX_DEPTH`], without `\uD...` escapes
//! (where a lone surrogate would need decoding). For anything else it says
//! `None` and the serde_json path reads the record and words the error.
//! serde_json was a quarter of ingest's reading thread on jsonl
//! (`perf record` of `bench/ingest-cpu`, BENCHMARKS.md), most of it in
//! visiting and skipping values that are only borrowed here.
//!
//! The usual record has the keys, order and spacing of the one before it,
//! so each thread keeps the last record's [`Shape`]: the bytes from one
//! value to the next one's start (`, "level": `). A field whose bytes are
//! those costs a compare, not a key scan and white space and `:` steps; at
//! the first field that differs the general reading takes over, and the
//! shape is learnt anew (a third fewer instructions in [`object`] on the
//! benchmark's jsonl).

use std::borrow::Cow;
use std::cell::RefCell;

use super::{Val, MAX_DEPTH};
use crate::fastjson::plain_run;

struct Scan<'a> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
}

/// The fields of `text` when it is one JSON object (with whitespace around
/// it) that the fast reading can vouch for, and the object's own text (the
/// whitespace trimmed); `None` otherwise.
pub fn object(text: &str) -> Option<(Fields<'_>, &str)> {
    SHAPE
        .with(|shape| object_shaped(text, &mut shape.borrow_mut()))
        .map(|(f, t, _)| (f, t))
}

thread_local! {
    /// The shape of the last record read on this thread: a hint only (the
    /// fast path compares bytes), so any shape is safe for any input.
    static SHAPE: RefCell<Shape> = const { RefCell::new(Shape::new()) };
}

/// The usual record's shape: for each field, the bytes from the end of
/// the previous value (the `{` for the first) to the start of its own,
/// e.g. `, "level": `, and where its key sits in them. A record whose next
/// bytes are these has that key there, unescaped, and only the value is
/// left to scan: no string scan of the key, no white space or `:` steps.
/// Learnt from a record read the general way (or partly the fast way);
/// only fields up to the first escaped key are kept.
pub(crate) struct Shape {
    bytes: Vec<u8>,
    /// Per field: the end of its gap in `bytes` (each starts where the
    /// previous ends), and its key's offset and length within the gap.
    gaps: Vec<(u32, u32, u32)>,
}

impl Shape {
    pub(crate) const fn new() -> Shape {
        Shape {
            bytes: Vec::new(),
            gaps: Vec::new(),
        }
    }

    /// Relearn from a record's fields (`open` is where its `{` is).
    fn learn(&mut self, text: &str, open: usize, fields: &Fields<'_>) {
        self.bytes.clear();
        self.gaps.clear();
        let base = text.as_ptr() as usize;
        let mut from = open;
        for (k, v) in fields {
            let (Cow::Borrowed(k), Val::Raw(v)) = (k, v) else {
                break;
            };
            let (kat, vat) = (k.as_ptr() as usize - base, v.as_ptr() as usize - base);
            let gap = &text.as_bytes()[from..vat];
            let (Ok(koff), Ok(klen)) = (u32::try_from(kat - from), u32::try_from(k.len())) else {
                break;
            };
            self.bytes.extend_from_slice(gap);
            let Ok(end) = u32::try_from(self.bytes.len()) else {
                break;
            };
            self.gaps.push((end, koff, klen));
            from = vat + v.len();
        }
    }
}

/// `a == b` for slices of one length, by words when there are at least 8
/// bytes (the last word overlapping): a shape's gap is 10-20 bytes, where
/// a `memcmp` call costs more than the compare.
fn same(a: &[u8], b: &[u8]) -> bool {
    let n = b.len();
    if a.len() != n {
        return false;
    }
    if n < 8 {
        // Under a word: halves (overlapping), or bytes; no `memcmp` call.
        if n < 4 {
            return a.iter().zip(b).all(|(x, y)| x == y);
        }
        let half =
            |s: &[u8], at: usize| u32::from_le_bytes(s[at..at + 4].try_into().expect("4 bytes"));
        return half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4);
    }
    let word = |s: &[u8], at: usize| u64::from_le_bytes(s[at..at + 8].try_into().expect("8 bytes"));
    if n <= 16 {
        return word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8);
    }
    let mut at = 0;
    while at + 8 < n {
        if word(a, at) != word(b, at) {
            return false;
        }
        at += 8;
    }
    word(a, n - 8) == word(b, n - 8)
}

/// [`object`] with a shape to try first (and to learn from); also says how
/// many fields were read by the shape.
fn object_shaped<'t>(text: &'t str, shape: &mut Shape) -> Option<(Fields<'t>, &'t str, usize)> {
    let mut s = Scan {
        text,
        b: text.as_bytes(),
        i: 0,
    };
    s.ws();
    let open = s.i;
    if s.peek() != Some(b'{') {
        return None;
    }
    let mut fields = Vec::with_capacity(shape.gaps.len().max(8));
    // The fields that match the shape, then the general reading of the rest.
    let mut from = 0usize;
    let mut usual = true;
    for &(end, koff, klen) in &shape.gaps {
        let gap = &shape.bytes[from..end as usize];
        from = end as usize;
        let Some(here) = s.b.get(s.i..s.i + gap.len()) else {
            usual = false;
            break;
        };
        if !same(here, gap) {
            usual = false;
            break;
        }
        let k = s.i + koff as usize;
        let key = &text[k..k + klen as usize];
        s.i += gap.len();
        // More white space after the `:` than the shape's.
        s.ws();
        let start = s.i;
        s.value(1)?;
        fields.push((Cow::Borrowed(key), Val::Raw(&text[start..s.i])));
    }
    let shaped = fields.len();
    if fields.is_empty() {
        // `{`, white space, then `}` or the first key.
        s.i += 1;
        s.ws();
        if s.peek() == Some(b'}') {
            s.i += 1;
        } else {
            s.field(&mut fields)?;
            s.rest(&mut fields)?;
        }
    } else {
        s.rest(&mut fields)?;
    }
    let close = s.i;
    s.ws();
    if s.i != s.b.len() {
        return None;
    }
    if !usual || fields.len() != shape.gaps.len() {
        shape.learn(text, open, &fields);
    }
    Some((fields, &text[open..close], shaped))
}

/// What `serve --count` needs of an Auralogs request body: the
/// `projectApiKey` string, how many items `logs` holds, whether `log` is
/// there, and whether a top-level `resourceLogs` key is (an OTLP body).
#[derive(Debug, Default)]
pub struct Envelope<'a> {
    pub key: Option<Cow<'a, str>>,
    pub logs: Option<usize>,
    pub log: bool,
    pub resource_logs: bool,
}

/// The body of a request read as [`object`] reads a record: every value
/// checked, none built. `None` where the fast reading cannot vouch for it,
/// and also for what serde_json would read otherwise than "absent" or
/// "there" (a key given twice, `null` or a non-string key, a `logs` that is
/// not an array, a `null` log): serde_json then decides. The benchmark
/// sink's own cost is shared with the sender on a two-core machine;
/// serde_json's skipping of strings was half of it (`perf record` of
/// `serve --count`, BENCHMARKS.md).
pub fn envelope(text: &str) -> Option<Envelope<'_>> {
    let mut s = Scan {
        text,
        b: text.as_bytes(),
        i: 0,
    };
    s.ws();
    if s.peek() != Some(b'{') {
        return None;
    }
    let mut out = Envelope::default();
    let mut seen = [false; 3];
    let mut once = |which: usize| (!std::mem::replace(&mut seen[which], true)).then_some(());
    s.items(b'}', |s| {
        let key = s.key()?;
        s.colon()?;
        match &*key {
            "projectApiKey" => {
                once(0)?;
                if s.peek()? != b'"' {
                    return None;
                }
                out.key = Some(s.key()?);
            }
            "logs" => {
                once(1)?;
                if s.peek()? != b'[' {
                    return None;
                }
                let mut n = 0;
                let mut usual = Template::default();
                // Entries in a row that did not fit: learning costs about a
                // reading, so the template changes at the fourth (a batch
                // that mixes a few shapes keeps the one it learnt first:
                // relearning at every miss made bodies of two alternating
                // shapes cost twice serde's reading, callgrind).
                let mut misses = 0;
                s.items(b']', |s| {
                    n += 1;
                    let start = s.i;
                    if usual.fits(s) {
                        misses = 0;
                        return Some(());
                    }
                    s.i = start;
                    s.value(2)?;
                    misses += 1;
                    if misses >= 4 || usual.is_empty() {
                        usual.learn(&s.text[start..s.i]);
                        misses = 0;
                    }
                    Some(())
                })?;
                out.logs = Some(n);
            }
            "log" => {
                once(2)?;
                if s.peek()? == b'n' {
                    return None;
                }
                s.value(1)?;
                out.log = true;
            }
            other => {
                out.resource_logs |= other == "resourceLogs";
                s.value(1)?;
            }
        }
        Some(())
    })?;
    s.ws();
    (s.i == s.b.len()).then_some(out)
}

type Fields<'a> = Vec<(Cow<'a, str>, Val<'a>)>;

/// The usual log entry of a request body, learnt from one read the general
/// way: its bytes with the contents of its value strings and its numbers
/// left as holes. The entries of one batch are written alike (keys, order,
/// spacing), so the next one is checked against it: each literal piece
/// compared as bytes, each hole read as plain string content (no `"`, `\`
/// or control byte) or as a number. An entry that fits is valid JSON, as
/// the one it was learnt from was: only the contents of strings and the
/// digits of numbers differ, each checked. At the first piece that does not
/// fit, the general reading reads the entry again from its start; the
/// fourth such entry in a row is learnt from. Keys cost a compare instead of a string
/// scan, and the `:` and `,` steps go: `serve --count` spends most of its
/// time on the small strings of entries.
#[derive(Default)]
struct Template {
    /// The literal pieces, one after another.
    bytes: Vec<u8>,
    /// Each step: the length of its literal piece (maybe 0), then a hole.
    steps: Vec<(usize, Hole)>,
}

#[derive(Clone, Copy)]
enum Hole {
    /// The content of a string (its quotes belong to the pieces around it).
    Str,
    Num,
    /// The entry ends with the piece.
    End,
}

impl Template {
    fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// Whether the value at `s.i` fits; `s.i` is after it when it does, and
    /// anywhere when it does not.
    fn fits(&self, s: &mut Scan<'_>) -> bool {
        if self.is_empty() {
            return false;
        }
        let mut at = 0;
        for &(n, hole) in &self.steps {
            let lit = &self.bytes[at..at + n];
            at += n;
            match s.b.get(s.i..s.i + n) {
                Some(here) if same(here, lit) => s.i += n,
                _ => return false,
            }
            match hole {
                // Its end is checked by the piece after it, which opens
                // with the closing `"` (a `\` or control byte stops it too).
                Hole::Str => s.i = plain_run(s.b, s.i),
                Hole::Num => {
                    if s.number().is_none() {
                        return false;
                    }
                }
                Hole::End => {}
            }
        }
        true
    }

    /// Learn from `entry`, a value the general reading has just read.
    fn learn(&mut self, entry: &str) {
        self.bytes.clear();
        self.steps.clear();
        let mut s = Scan {
            text: entry,
            b: entry.as_bytes(),
            i: 0,
        };
        let entry = entry.as_bytes();
        // The start of the literal piece being gathered.
        let mut from = 0;
        while let Some(c) = s.peek() {
            match c {
                b'"' => {
                    let open = s.i;
                    if s.string().is_none() {
                        break;
                    }
                    let close = s.i - 1;
                    s.ws();
                    if s.peek() != Some(b':') {
                        // A value: its content is a hole.
                        self.step(&entry[from..=open], Hole::Str);
                        from = close;
                    }
                }
                b'-' | b'0'..=b'9' => {
                    self.step(&entry[from..s.i], Hole::Num);
                    if s.number().is_none() {
                        break;
                    }
                    from = s.i;
                }
                _ => s.i += 1,
            }
        }
        if s.i != entry.len() {
            // Not expected of a value that was read: learn nothing.
            self.steps.clear();
            return;
        }
        self.step(&entry[from..], Hole::End);
    }

    fn step(&mut self, piece: &[u8], hole: Hole) {
        self.bytes.extend_from_slice(piece);
        self.steps.push((piece.len(), hole));
    }
}

impl<'a> Scan<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        Some(c)
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        (self.next()? == c).then_some(())
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    /// A string; true when it holds escapes. Inlined where it is called:
    /// a call's saved registers were a tenth of `serve --count`'s
    /// instructions (most of its strings are keys of a few bytes).
    #[allow(clippy::inline_always)] // measured: -8% to -9% in serve --count, jsonl ingest -0.3%
    #[inline(always)]
    fn string(&mut self) -> Option<bool> {
        self.eat(b'"')?;
        let mut escaped = false;
        loop {
            self.i = plain_run(self.b, self.i);
            match self.next()? {
                b'"' => return Some(escaped),
                b'\\' => {
                    escaped = true;
                    match self.next()? {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
                        b'u' => {
                            let hex = self.b.get(self.i..self.i + 4)?;
                            // A surrogate half: the serde path decides.
                            if matches!(hex[0], b'd' | b'D')
                                || !hex.iter().all(u8::is_ascii_hexdigit)
                            {
                                return None;
                            }
                            self.i += 4;
                        }
                        _ => return None,
                    }
                }
                _ => return None,
            }
        }
    }

    fn key(&mut self) -> Option<Cow<'a, str>> {
        let start = self.i;
        let escaped = self.string()?;
        let raw = &self.text[start..self.i];
        if escaped {
            serde_json::from_str::<String>(raw).ok().map(Cow::Owned)
        } else {
            Some(Cow::Borrowed(&raw[1..raw.len() - 1]))
        }
    }

    fn digits(&mut self) -> Option<()> {
        let start = self.i;
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
        (self.i > start).then_some(())
    }

    fn number(&mut self) -> Option<()> {
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.next()? {
            b'0' => {
                if let Some(b'0'..=b'9') = self.peek() {
                    return None;
                }
            }
            b'1'..=b'9' => {
                while let Some(b'0'..=b'9') = self.peek() {
                    self.i += 1;
                }
            }
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            self.digits()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            self.digits()?;
        }
        Some(())
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        if self.b.get(self.i..self.i + word.len())? == word {
            self.i += word.len();
            Some(())
        } else {
            None
        }
    }

    /// The items of the object or array that opens at `i`, each read by
    /// `item`, up to and including its `close`.
    fn items(&mut self, close: u8, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.i += 1;
        self.ws();
        if self.peek() == Some(close) {
            self.i += 1;
            return Some(());
        }
        loop {
            item(self)?;
            self.ws();
            match self.next()? {
                b',' => self.ws(),
                c if c == close => return Some(()),
                _ => return None,
            }
        }
    }

    /// One field of an object: key, `:`, value.
    fn field(&mut self, fields: &mut Fields<'a>) -> Option<()> {
        let key = self.key()?;
        self.colon()?;
        let start = self.i;
        self.value(1)?;
        fields.push((key, Val::Raw(&self.text[start..self.i])));
        Some(())
    }

    /// The fields after one, up to and including the object's `}`.
    fn rest(&mut self, fields: &mut Fields<'a>) -> Option<()> {
        loop {
            self.ws();
            match self.next()? {
                b',' => {
                    self.ws();
                    self.field(fields)?;
                }
                b'}' => return Some(()),
                _ => return None,
            }
        }
    }

    /// The `:` between a key and its value, with the white space around it.
    fn colon(&mut self) -> Option<()> {
        self.ws();
        self.eat(b':')?;
        self.ws();
        Some(())
    }

    /// One value at nesting `depth` (the record's own fields are at 1).
    fn value(&mut self, depth: usize) -> Option<()> {
        match self.peek()? {
            b'"' => self.string().map(|_| ()),
            b'{' | b'[' if depth >= MAX_DEPTH => None,
            b'{' => self.items(b'}', |s| {
                s.string()?;
                s.colon()?;
                s.value(depth + 1)
            }),
            b'[' => self.items(b']', |s| s.value(depth + 1)),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            _ => self.number(),
        }
    }
}

/// The lines of the library-written corpus (tests/corpus/libraries) that
/// open a JSON object, valid or not: test material for the fast readings.
#[cfg(test)]
pub(crate) fn corpus_json_lines() -> Vec<String> {
    let mut lines = Vec::new();
    for e in std::fs::read_dir("tests/corpus/libraries")
        .unwrap()
        .flatten()
    {
        let s = std::fs::read_to_string(e.path()).unwrap();
        lines.extend(
            s.lines()
                .filter(|l| l.trim_start().starts_with('{'))
                .map(str::to_string),
        );
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::super::jsonl::serde_fields;
    use super::*;

    /// Whatever the fast reading vouches for, the serde path reads the same.
    fn agree(text: &str) -> bool {
        let fast = object(text);
        let slow = serde_fields(text);
        if let Some((f, trimmed)) = &fast {
            assert_eq!(Some(f), slow.as_ref(), "differs on {text:?}");
            assert_eq!(*trimmed, text.trim());
        }
        fast.is_some()
    }

    #[test]
    fn flat_and_nested_objects_agree_with_serde() {
        for t in [
            r#"{"a":1}"#,
            r#"  { "a" : "x" , "b":[1, 2.5e-3, {"c":null}], "d":{} ,"e":[]}  "#,
            "{}",
            "{ }",
            r#"{"k\u0065y":"v\n\t\"\\\/\u00e9","n":-0.5,"m":0,"t":true,"f":false}"#,
            r#"{"dup":1,"dup":2}"#,
            "{\"ws\":\r\n1}",
            r#"{"big":123456789012345678901234567890,"e":1E+9}"#,
        ] {
            assert!(agree(t), "not vouched for: {t:?}");
        }
    }

    #[test]
    fn what_serde_refuses_or_must_decide_is_left_to_it() {
        for t in [
            r#"{"a":1,}"#,
            r#"{"a":01}"#,
            r#"{"a":1.}"#,
            r#"{"a":-}"#,
            r#"{"a":.5}"#,
            r#"{"a":1e}"#,
            r#"{"a":tru}"#,
            r#"{"a":"x\q"}"#,
            "{\"a\":\"tab\there\"}",
            r#"{"a":"\ud83d\ude00"}"#,
            r#"{"a":"\u12"}"#,
            r#"{"a":1} x"#,
            r#"{"a":1}}"#,
            r#"{"a" 1}"#,
            "{a:1}",
            r#"{"a":[1 2]}"#,
            r#"{"a":{"b"}}"#,
            "[1,2]",
            r#""text""#,
            "",
            "{",
            r#"{"a":"unterminated}"#,
        ] {
            assert!(!agree(t), "vouched for: {t:?}");
        }
        let deep = format!(
            "{{\"a\":{}{}}}",
            "[".repeat(MAX_DEPTH),
            "]".repeat(MAX_DEPTH)
        );
        assert!(!agree(&deep));
        let ok = format!(
            "{{\"a\":{}{}}}",
            "[".repeat(MAX_DEPTH - 1),
            "]".repeat(MAX_DEPTH - 1)
        );
        assert!(agree(&ok));
    }

    /// Every library corpus line and every JSONTestSuite document (as a
    /// field's value), each also with one byte cut out or doubled: where
    /// the fast reading answers, it answers as serde_json does.
    #[test]
    fn corpus_lines_and_their_mutations_agree_with_serde() {
        let mut lines = corpus_json_lines();
        let suite = "../shared/corpora/jsontestsuite/test_parsing";
        let mut docs = 0;
        for e in std::fs::read_dir(suite).unwrap().flatten() {
            if let Ok(s) = std::fs::read_to_string(e.path()) {
                lines.push(format!("{{\"doc\":{s}}}"));
                lines.push(s);
                docs += 1;
            }
        }
        assert!(
            lines.len() > 400 && docs > 250,
            "{} lines, {docs} docs",
            lines.len()
        );
        let (mut vouched, mut tried) = (0, 0);
        for l in &lines {
            vouched += usize::from(agree(l));
            if l.len() > 2000 {
                continue;
            }
            for (i, ch) in l.char_indices().step_by(3) {
                let cut = format!("{}{}", &l[..i], &l[i + ch.len_utf8()..]);
                let twice = format!("{}{ch}{}", &l[..i], &l[i..]);
                agree(&cut);
                agree(&twice);
                tried += 2;
            }
        }
        assert!(vouched > 300, "{vouched} of {}", lines.len());
        assert!(tried > 10_000, "{tried}");
    }

    /// The usual-shape path against the general one: a shape learnt from a
    /// usual line, then that line and others like it, each cut at every
    /// byte, with one byte cut out, doubled or changed to a JSON-relevant
    /// byte. Both answer alike (and as serde_json does), whatever the
    /// shape, and the shape is used (most of the usual lines are vouched
    /// for with every field taken from it).
    /// The template that `serve --count` reads a batch's later entries by:
    /// an entry written as the first one was, with other string contents
    /// and numbers, fits it, and is read to its end; other keys, an escape
    /// or a control byte in a string, or a number serde refuses do not fit.
    #[test]
    fn alike_entries_fit_the_template_of_the_first() {
        let first = r#"{"level":"info","message":"entry 1","n":-1.5e3,"ok":true,"m":{"line":7}}"#;
        let mut usual = Template::default();
        usual.learn(first);
        assert!(!usual.is_empty());
        let fits = |entry: &str| {
            let text = format!("{entry},");
            let mut s = Scan {
                text: &text,
                b: text.as_bytes(),
                i: 0,
            };
            usual.fits(&mut s).then_some(s.i)
        };
        for alike in [
            first,
            r#"{"level":"warn","message":"","n":0,"ok":true,"m":{"line":123456}}"#,
            r#"{"level":"error","message":"é and ü","n":2E+9,"ok":true,"m":{"line":-0.25}}"#,
        ] {
            assert_eq!(fits(alike), Some(alike.len()), "{alike}");
        }
        for other in [
            r#"{"level":"info","msg":"entry 1","n":1,"ok":true,"m":{"line":7}}"#,
            r#"{"level":"info","message":"a \"q\"","n":1,"ok":true,"m":{"line":7}}"#,
            "{\"level\":\"info\",\"message\":\"a\u{1}b\",\"n\":1,\"ok\":true,\"m\":{\"line\":7}}",
            r#"{"level":"info","message":"m","n":01,"ok":true,"m":{"line":7}}"#,
            r#"{"level":"info","message":"m","n":1.,"ok":true,"m":{"line":7}}"#,
            r#"{"level":"info","message":"m","n":1,"ok":false,"m":{"line":7}}"#,
            r#"{"level":"info","message":"m","n":1,"ok":true,"m":{"line":7},"x":1}"#,
        ] {
            assert_eq!(fits(other), None, "{other}");
        }
    }

    #[test]
    fn the_usual_shape_reads_as_the_general_path() {
        let usual = [
            r#"{"timestamp": "2026-11-22T10:00:00.000Z", "level": "warn", "message": "request 0 served", "host": "web0", "status": 200, "duration_ms": 0}"#,
            r#"{"timestamp": "2026-11-22T10:00:01.001Z", "level": "info", "message": "a \"q\" \u00e9", "host": "web1", "status": 500, "duration_ms": 12.5}"#,
            r#"{"timestamp":"t","level":"error","message":"m","o":{"a":[1,{"b":null}]},"t":true}"#,
            r#" { "a" : 1 , "b" :  "x" } "#,
            r#"{"k\u0065y":1,"a":2}"#,
        ];
        fn general(t: &str) -> Option<(Fields<'_>, &str, usize)> {
            object_shaped(t, &mut Shape::new())
        }
        let mut shaped_fields = 0;
        let mut tried = 0;
        for learn in usual {
            for line in usual {
                let mut variants = vec![line.to_string()];
                for (i, ch) in line.char_indices() {
                    let (a, b) = (&line[..i], &line[i + ch.len_utf8()..]);
                    variants.push(a.to_string());
                    variants.push(format!("{a}{b}"));
                    variants.push(format!("{a}{ch}{ch}{b}"));
                    for c in [
                        "\"", "\\", " ", ",", ":", "}", "{", "]", "x", "\t", "\u{0}", "\u{1f}",
                        "\u{7f}",
                    ] {
                        variants.push(format!("{a}{c}{b}"));
                    }
                }
                for (vi, v) in variants.iter().enumerate() {
                    let mut shape = Shape::new();
                    assert!(general(learn).is_some());
                    object_shaped(learn, &mut shape);
                    let gaps = shape.gaps.len();
                    let fast = object_shaped(v, &mut shape);
                    let slow = general(v);
                    assert_eq!(
                        fast.as_ref().map(|(f, t, _)| (f, t)),
                        slow.as_ref().map(|(f, t, _)| (f, t)),
                        "learnt {learn:?}, read {v:?}"
                    );
                    assert_eq!(slow.map(|(_, _, n)| n).unwrap_or(0), 0);
                    if let Some((f, _, n)) = &fast {
                        assert_eq!(Some(f), serde_fields(v).as_ref(), "{v:?}");
                        if vi == 0 && learn == line {
                            // Its own shape reads all of a line's fields
                            // up to its first escaped key.
                            assert_eq!(*n, gaps, "{v:?}");
                            shaped_fields += n;
                        }
                    }
                    tried += 1;
                }
            }
        }
        assert_eq!(shaped_fields, 19);
        assert!(tried > 10_000, "{tried}");
    }
}
