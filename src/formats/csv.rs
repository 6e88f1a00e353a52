//! csv: RFC 4180 (quoted commas, quotes and newlines, CRLF, a UTF-8 BOM)
//! through `csv-core`, the state machine under the `csv` crate. The header
//! row names the fields; every field is a string. A row with another number
//! of fields than the header is invalid, located by the line where the row
//! starts.
//!
//! [`rows`] drives `csv-core` straight over the input's own buffer: a
//! record's bytes (for `--rejects`, for the message of a row without a
//! message column, and for raw chunks) are borrowed from that buffer, and
//! copied aside only when a record straddles two reads. The `csv` crate's
//! reader would copy every byte into its own buffer first.
//!
//! Between records, a record that lies whole in the buffer and has the
//! usual shape (plain and quoted fields, doubled quotes, line ends inside
//! quotes) is read by [`fast_record`] as csv-core would read it, each
//! field's end found by memchr's SSE2 search (16 bytes at a time), and its
//! fields left where they lie in the buffer (only a field with doubled
//! quotes is unescaped aside): csv-core's byte-by-byte state machine, and
//! then copying every field out, were a fifth of ingest's csv reading
//! (callgrind, BENCH-read5.md). The buffer's whole rows are checked as
//! UTF-8 in one call per read, not row by row (each call has a setup cost
//! near a short row's own). Anything else, and every record that straddles
//! reads, is csv-core's.
//!
//! A row over [`MAX_RECORD`] is rejected and reading goes on after it: its
//! first bytes come as the invalid record, the rest as [`Sink::rest`]
//! pieces up to the row's end. Only a row that never ends (an unclosed
//! quote running to the end of the file) stops the file as a fatal error.

use std::borrow::Cow;
use std::io::{self, BufRead};

use csv_core::ReadRecordResult;

use super::{
    apply_mapping, ChunkError, Flow, Invalid, Item, Options, Plans, Record, Sink, Val, MAX_RECORD,
};

/// What a [`Row`] holds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// A whole record.
    Whole,
    /// The first [`MAX_RECORD`] bytes of a record too long to hold.
    Head,
    /// More bytes of that record (`untrimmed` only).
    Part,
    /// That record ended: `closed` at a row end, or else at the end of the file.
    End { closed: bool },
}

/// Where one field's bytes lie: `start..end` of the row's own bytes
/// (`Row::untrimmed`) when `own`, else of the unescaped `Row::fields`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Span {
    start: usize,
    end: usize,
    own: bool,
}

/// One record as read.
struct Row<'a> {
    /// Its bytes as consumed from the input: possibly the end of the line
    /// before it, and its own line end (a leading BOM is dropped before).
    untrimmed: &'a [u8],
    /// `untrimmed` as text, when the reader already found it UTF-8 (`None`:
    /// not checked, or not UTF-8).
    text: Option<&'a str>,
    /// Unescaped fields, for the spans that are not the row's own.
    fields: &'a [u8],
    spans: &'a [Span],
    /// The line where reading the record started.
    line: u64,
    kind: Kind,
}

impl<'a> Row<'a> {
    fn len(&self) -> usize {
        self.spans.len()
    }

    fn field(&self, i: usize) -> &'a [u8] {
        let s = self.spans[i];
        if s.own {
            &self.untrimmed[s.start..s.end]
        } else {
            &self.fields[s.start..s.end]
        }
    }

    fn iter(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        (0..self.len()).map(|i| self.field(i))
    }

    /// Where the record's bytes without the line ends around them lie in
    /// `untrimmed`, and its line (counting the line ends read before it).
    fn raw_range_and_line(&self) -> (std::ops::Range<usize>, u64) {
        let b = self.untrimmed;
        let lead = b
            .iter()
            .take_while(|c| **c == b'\n' || **c == b'\r')
            .count();
        let line = self.line + b[..lead].iter().filter(|c| **c == b'\n').count() as u64;
        let end = b[lead..]
            .iter()
            .rposition(|c| *c != b'\n' && *c != b'\r')
            .map_or(lead, |i| lead + i + 1);
        (lead..end, line)
    }

    /// The record's bytes without the line ends around it, and its line.
    fn raw_and_line(&self) -> (&[u8], u64) {
        let (range, line) = self.raw_range_and_line();
        (&self.untrimmed[range], line)
    }
}

/// Call `f` for every record of `input` until it says stop. Returns whether
/// there was any record.
fn rows(input: &mut dyn BufRead, f: &mut dyn FnMut(Row<'_>) -> Flow) -> io::Result<bool> {
    rows_with(input, true, f)
}

/// [`rows`], with or without [`fast_record`].
fn rows_with(
    input: &mut dyn BufRead,
    fast: bool,
    f: &mut dyn FnMut(Row<'_>) -> Flow,
) -> io::Result<bool> {
    let mut r = RowReader::new();
    r.fast = fast;
    // A UTF-8 BOM is dropped here, whichever way the reads cut it (csv-core
    // drops one only when its first input holds all three bytes, and then
    // takes the empty rest for the end of the file).
    let mut head = Vec::with_capacity(3);
    let mut eof = false;
    while head.len() < 3 {
        let data = input.fill_buf()?;
        if data.is_empty() {
            eof = true;
            break;
        }
        let n = data.len().min(3 - head.len());
        head.extend_from_slice(&data[..n]);
        input.consume(n);
    }
    if head == super::BOM {
        head.clear();
    }
    if let Some(done) = r.feed(&head, eof, f) {
        return Ok(done);
    }
    loop {
        let data = input.fill_buf()?;
        let eof = data.is_empty();
        let done = r.feed(data, eof, f);
        let n = data.len();
        input.consume(n);
        if let Some(done) = done {
            return Ok(done);
        }
    }
}

/// The state of [`rows`] between two reads of the input.
struct RowReader {
    rdr: csv_core::Reader,
    out: Vec<u8>,
    ends: Vec<usize>,
    nout: usize,
    nend: usize,
    /// The spans of the record handed out ([`fast_record`]'s, or made from
    /// csv-core's `ends`), and [`fast_record`]'s unescaped fields.
    spans: Vec<Span>,
    esc: Vec<u8>,
    find: Finders,
    /// The current record's bytes from earlier reads, when it straddles them.
    carry: Vec<u8>,
    /// The line where the current record started.
    line: u64,
    any: bool,
    /// The current record went over [`MAX_RECORD`]: its bytes go on as
    /// parts; `Some(flow)` with what the callback said to its head.
    big: Option<Flow>,
    /// Records may be read by [`fast_record`] (off in tests that compare).
    fast: bool,
    /// `csv-core` has been given input (so a BOM is no longer its to drop).
    core_read: bool,
    /// Line ends [`fast_record`] consumed, which `csv-core`'s count lacks.
    shift: u64,
}

impl RowReader {
    fn new() -> RowReader {
        RowReader {
            rdr: csv_core::Reader::new(),
            out: vec![0u8; 16 * 1024],
            ends: vec![0usize; 64],
            nout: 0,
            nend: 0,
            spans: Vec::with_capacity(64),
            esc: Vec::new(),
            find: Finders::new(),
            carry: Vec::new(),
            line: 1,
            any: false,
            big: None,
            fast: true,
            core_read: false,
            shift: 0,
        }
    }

    /// The line `csv-core` is at, counting the line ends read around it.
    fn core_line(&self) -> u64 {
        self.rdr.line() + self.shift
    }

    /// Read the records that `data` completes. `Some(any record?)` when
    /// reading is over: the end of the input, or `f` said stop.
    fn feed(&mut self, data: &[u8], eof: bool, f: &mut dyn FnMut(Row<'_>) -> Flow) -> Option<bool> {
        let (mut start, mut pos) = (0, 0);
        // `data[at..]` as text as far as it is UTF-8 and ends rows; found
        // when the first record here is read by `fast_record`.
        let mut checked: Option<(usize, &str)> = None;
        loop {
            // Between records, the usual ones are read without csv-core.
            if self.fast
                && self.core_read
                && self.big.is_none()
                && self.carry.is_empty()
                && self.nout == 0
                && self.nend == 0
            {
                // One after another (nothing here changes what the test
                // above found).
                while let Some((n, lines)) =
                    fast_record(&data[pos..], &self.find, &mut self.esc, &mut self.spans)
                {
                    let (at, valid) = *checked.get_or_insert_with(|| (pos, text_of(&data[pos..])));
                    self.any = true;
                    let text = valid.get(pos - at..pos + n - at);
                    pos += n;
                    let flow = f(Row {
                        untrimmed: &data[start..pos],
                        text,
                        fields: &self.esc,
                        spans: &self.spans,
                        line: self.line,
                        kind: Kind::Whole,
                    });
                    if flow == Flow::Stop {
                        return Some(true);
                    }
                    self.line += lines;
                    self.shift += lines;
                    start = pos;
                }
            }
            if pos == data.len() && !eof {
                // csv-core takes empty input for the end of the file.
                self.carry.extend_from_slice(&data[start..pos]);
                return None;
            }
            self.core_read = true;
            let (res, nin, o, e) = self.rdr.read_record(
                &data[pos..],
                &mut self.out[self.nout..],
                &mut self.ends[self.nend..],
            );
            pos += nin;
            self.nout += o;
            self.nend += e;
            match res {
                ReadRecordResult::InputEmpty => {
                    if self.big.is_some() {
                        f(self.part(&data[start..pos]));
                    } else {
                        self.carry.extend_from_slice(&data[start..pos]);
                    }
                    if self.big.is_none() && self.carry.len() > MAX_RECORD {
                        self.any = true;
                        let head = Row {
                            untrimmed: &self.carry[..MAX_RECORD],
                            text: None,
                            fields: &[],
                            spans: &[],
                            line: self.line,
                            kind: Kind::Head,
                        };
                        self.big = Some(f(head));
                        f(self.part(&self.carry[MAX_RECORD..]));
                        self.carry = Vec::new();
                    }
                    if eof && nin == 0 {
                        // Not expected (csv-core answers Record or End to empty
                        // input), but never loop on it.
                        return Some(self.any);
                    }
                    start = pos;
                }
                // The fields of a too-long record are not kept.
                ReadRecordResult::OutputFull if self.big.is_some() => self.nout = 0,
                ReadRecordResult::OutputEndsFull if self.big.is_some() => self.nend = 0,
                ReadRecordResult::OutputFull => self.out.resize(self.out.len() * 2, 0),
                ReadRecordResult::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                ReadRecordResult::Record if self.big.is_some() => {
                    f(self.part(&data[start..pos]));
                    // csv-core ends an unclosed record at the end of the input.
                    let closed = !(eof && pos == data.len());
                    f(Row {
                        kind: Kind::End { closed },
                        line: self.core_line(),
                        ..self.part(&[])
                    });
                    let flow = self.big.take();
                    self.out = vec![0u8; 16 * 1024];
                    (self.nout, self.nend, start) = (0, 0, pos);
                    self.line = self.core_line();
                    if flow == Some(Flow::Stop) {
                        return Some(true);
                    }
                }
                ReadRecordResult::Record => {
                    self.any = true;
                    let untrimmed: &[u8] = if self.carry.is_empty() {
                        &data[start..pos]
                    } else {
                        self.carry.extend_from_slice(&data[start..pos]);
                        &self.carry
                    };
                    self.spans.clear();
                    let mut from = 0;
                    for &end in &self.ends[..self.nend] {
                        self.spans.push(Span {
                            start: from,
                            end,
                            own: false,
                        });
                        from = end;
                    }
                    let flow = f(Row {
                        untrimmed,
                        text: None,
                        fields: &self.out[..self.nout],
                        spans: &self.spans,
                        line: self.line,
                        kind: Kind::Whole,
                    });
                    if flow == Flow::Stop {
                        return Some(true);
                    }
                    self.carry.clear();
                    if self.out.len() > 1 << 20 {
                        // One huge record does not pin its buffer for the rest of the file.
                        self.out = vec![0u8; 16 * 1024];
                    }
                    (self.nout, self.nend, start) = (0, 0, pos);
                    self.line = self.core_line();
                }
                ReadRecordResult::End => return Some(self.any),
            }
        }
    }
}

/// The longest start of `d` that is UTF-8 and ends at a line end (so it
/// holds whole rows, and no character cut by the end of a read), as text.
fn text_of(d: &[u8]) -> &str {
    let d = &d[..memchr::memrchr2(b'\n', b'\r', d).map_or(0, |i| i + 1)];
    match simdutf8::basic::from_utf8(d) {
        Ok(s) => s,
        Err(_) => {
            let valid = simdutf8::compat::from_utf8(d).map_or_else(|e| e.valid_up_to(), str::len);
            simdutf8::basic::from_utf8(&d[..valid]).unwrap_or("")
        }
    }
}

/// The searches [`fast_record`] makes, built once: memchr's SSE2 code on
/// x86-64 (every x86-64 has SSE2, so it is inlined into the loop; the
/// runtime-chosen `memchr::memchr3` is a call per field), its portable
/// code elsewhere.
struct Finders {
    /// What ends a field without quotes.
    plain: Three,
    /// What a quoted field's bytes stop at: its quotes, and line ends to count.
    quoted: Two,
}

#[cfg(target_arch = "x86_64")]
use memchr::arch::x86_64::sse2::memchr::{Three, Two};

#[cfg(not(target_arch = "x86_64"))]
use memchr::arch::all::memchr::{Three, Two};

impl Finders {
    fn new() -> Finders {
        #[cfg(target_arch = "x86_64")]
        let (plain, quoted) = (
            Three::new(b',', b'\n', b'\r').expect("x86-64 has SSE2"),
            Two::new(b'"', b'\n').expect("x86-64 has SSE2"),
        );
        #[cfg(not(target_arch = "x86_64"))]
        let (plain, quoted) = (Three::new(b',', b'\n', b'\r'), Two::new(b'"', b'\n'));
        Finders { plain, quoted }
    }
}

/// One whole record at the start of `d`, read as `csv-core` reads it (the
/// default dialect: `,` `"` doubled quotes, any of `\r` `\n` `\r\n` ends a
/// record, line ends before it skipped): its fields into `spans` (as lying
/// in `d`, or unescaped into `esc` when they have doubled quotes), and
/// `(bytes consumed, line ends among them)`. `None` leaves the record to
/// `csv-core`: one not ended within `d`, or text after a closing quote.
/// `tests::fast_records_are_csv_core_records` compares.
fn fast_record(
    d: &[u8],
    find: &Finders,
    esc: &mut Vec<u8>,
    spans: &mut Vec<Span>,
) -> Option<(usize, u64)> {
    esc.clear();
    spans.clear();
    let mut i = 0;
    let mut lines = 0;
    while let Some(&c @ (b'\n' | b'\r')) = d.get(i) {
        lines += u64::from(c == b'\n');
        i += 1;
    }
    loop {
        // A field starts at `i`; it ends at the byte `i` is left on.
        if d.get(i) == Some(&b'"') {
            i += 1;
            let start = i;
            let mut escaped = false;
            loop {
                let q = i + find.quoted.find(&d[i..])?;
                i = q + 1;
                if d[q] == b'\n' {
                    lines += 1;
                } else if d.get(i) == Some(&b'"') {
                    // A doubled quote is one quote.
                    escaped = true;
                    i += 1;
                } else {
                    spans.push(quoted_span(d, start, q, escaped, esc));
                    break;
                }
            }
        } else {
            let end = i + find.plain.find(&d[i..])?;
            spans.push(Span {
                start: i,
                end,
                own: true,
            });
            i = end;
        }
        match d.get(i)? {
            b',' => i += 1,
            &c @ (b'\n' | b'\r') => {
                lines += u64::from(c == b'\n');
                return Some((i + 1, lines));
            }
            _ => return None,
        }
    }
}

/// The field quoted in `d[start..end]`: where it lies, or with doubled
/// quotes, unescaped into `esc`.
fn quoted_span(d: &[u8], start: usize, end: usize, escaped: bool, esc: &mut Vec<u8>) -> Span {
    if !escaped {
        return Span {
            start,
            end,
            own: true,
        };
    }
    let from = esc.len();
    // In quotes, quotes come in pairs: keep the first of each.
    let mut second = false;
    for &b in &d[start..end] {
        if b == b'"' {
            second = !second;
            if !second {
                continue;
            }
        }
        esc.push(b);
    }
    Span {
        start: from,
        end: esc.len(),
        own: false,
    }
}

/// The index of the first of the bytes `a`, `b`, `c` in `d` from `i`:
/// eight bytes at a time (the lowest flagged byte of each term is exactly
/// its first match, as in `fastjson::first_stop`).
pub(super) fn find3(d: &[u8], mut i: usize, a: u8, b: u8, c: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    while let Some(chunk) = d.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        let hit = zero(w ^ (ONES * u64::from(a)))
            | zero(w ^ (ONES * u64::from(b)))
            | zero(w ^ (ONES * u64::from(c)));
        if hit != 0 {
            return Some(i + (hit.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    d[i..]
        .iter()
        .position(|&x| x == a || x == b || x == c)
        .map(|p| i + p)
}

impl RowReader {
    fn part<'a>(&self, bytes: &'a [u8]) -> Row<'a> {
        Row {
            untrimmed: bytes,
            text: None,
            fields: &[],
            spans: &[],
            line: self.line,
            kind: Kind::Part,
        }
    }
}

fn too_long(line: u64) -> Invalid {
    Invalid::new(
        line,
        None,
        format!("row longer than {} MiB", MAX_RECORD >> 20),
    )
}

pub fn parse(input: &mut dyn BufRead, opts: &Options, f: &mut dyn Sink) -> io::Result<bool> {
    parse_with(input, true, opts, f)
}

/// [`parse`], with or without [`fast_record`] (the tests compare).
fn parse_with(
    input: &mut dyn BufRead,
    fast: bool,
    opts: &Options,
    f: &mut dyn Sink,
) -> io::Result<bool> {
    let mut names: Option<Vec<String>> = None;
    let mut plans = Plans::fixed_keys();
    let mut big_line = 0;
    rows_with(input, fast, &mut |row| {
        match row.kind {
            Kind::Whole => {}
            Kind::Head => {
                let (_, line) = row.raw_and_line();
                big_line = line;
                // Only the line ends before it are cut: the head ends mid-record.
                let lead = row
                    .untrimmed
                    .iter()
                    .take_while(|c| **c == b'\n' || **c == b'\r')
                    .count();
                return f.item(Item::Invalid(too_long(line), &row.untrimmed[lead..]));
            }
            Kind::Part => {
                f.rest(row.untrimmed);
                return Flow::Continue;
            }
            Kind::End { closed: true } => return Flow::Continue,
            Kind::End { closed: false } => {
                let what = format!(
                    "the row that starts at line {big_line} never ends (an unclosed quote?): \
                     the rest of the file was read into it"
                );
                return f.item(Item::Invalid(
                    Invalid::new(row.line, None, what).fatal(),
                    b"",
                ));
            }
        }
        let (range, line) = row.raw_range_and_line();
        let raw = &row.untrimmed[range.clone()];
        let Some(names) = &names else {
            let mut header = Vec::with_capacity(row.len());
            for (i, field) in row.iter().enumerate() {
                match std::str::from_utf8(field) {
                    Ok("") => header.push(format!("column{}", i + 1)),
                    Ok(s) => header.push(s.to_string()),
                    Err(_) => {
                        let what = format!("header field {}: invalid UTF-8", i + 1);
                        f.item(Item::Invalid(Invalid::new(line, None, what).fatal(), raw));
                        return Flow::Stop;
                    }
                }
            }
            names = Some(header);
            return f.item(Item::Header(raw));
        };
        f.item(build(&row, names, range, line, opts, &mut plans))
    })
}

/// The item for a row after the header: its record, or why it is invalid.
fn build<'a>(
    row: &Row<'a>,
    names: &'a [String],
    range: std::ops::Range<usize>,
    line: u64,
    opts: &Options,
    plans: &mut Plans,
) -> Item<'a> {
    let untrimmed = row.untrimmed;
    let raw = &untrimmed[range.clone()];
    if raw.len() > MAX_RECORD {
        return Item::Invalid(too_long(line), raw);
    }
    if row.len() != names.len() {
        let what = format!(
            "row has {} field{}, the header has {}",
            row.len(),
            if row.len() == 1 { "" } else { "s" },
            names.len()
        );
        return Item::Invalid(Invalid::new(line, None, what), raw);
    }
    // One UTF-8 check for the row's own bytes (unless the reader made it)
    // and one for the unescaped fields; a field is then cut out of them
    // (`str::get` refuses a cut inside a character, which sends that field
    // to the per-field check below for its error). The row's own bytes are
    // UTF-8 exactly when all its fields are: the bytes between and around
    // them, and the quotes unescaping drops, are ASCII.
    let own = row.text.or_else(|| {
        row.spans
            .iter()
            .any(|s| s.own)
            .then(|| super::str_of(untrimmed).ok())?
    });
    let unescaped = if row.fields.is_empty() {
        Some("")
    } else {
        super::str_of(row.fields).ok()
    };
    let mut fields = Vec::with_capacity(names.len());
    for (i, (name, span)) in names.iter().zip(row.spans).enumerate() {
        let all = if span.own { own } else { unescaped };
        let v = match all.and_then(|a| a.get(span.start..span.end)) {
            Some(v) => v,
            None => match std::str::from_utf8(row.field(i)) {
                Ok(v) => v,
                Err(e) => {
                    let what = format!(
                        "field '{}': invalid UTF-8 at byte {} of the field",
                        crate::output::sanitize(name),
                        e.valid_up_to() + 1
                    );
                    return Item::Invalid(Invalid::new(line, None, what), raw);
                }
            },
        };
        fields.push((Cow::Borrowed(name.as_str()), Val::Str(Cow::Borrowed(v))));
    }
    // The row's text is its message only when it has no message column.
    let text = if plans.reads_text() {
        own.and_then(|t| t.get(range))
            .or_else(|| super::str_of(raw).ok())
            .unwrap_or("")
    } else {
        ""
    };
    // Made in place (a record is some 200 bytes: moving it out of a
    // `Result` into the item was a copy per row).
    let mut item = Item::Record(
        Record {
            line,
            text,
            fields,
            ..Record::default()
        },
        raw,
    );
    if let Item::Record(rec, _) = &mut item {
        if let Err(inv) = apply_mapping(rec, opts, plans) {
            item = Item::Invalid(inv, raw);
        }
    }
    item
}

/// Raw chunks: the header row, then whole rows up to about `max` bytes.
pub fn chunks(
    input: &mut dyn BufRead,
    max: usize,
    f: &mut dyn FnMut(&[u8], usize) -> Flow,
) -> Result<bool, ChunkError> {
    let mut head: Option<Vec<u8>> = None;
    let mut nl: &[u8] = b"\n";
    let mut chunk = Vec::new();
    let mut n = 0;
    let mut failed = None;
    let any = rows(input, &mut |row| {
        if matches!(row.kind, Kind::Part | Kind::End { .. }) {
            return Flow::Continue;
        }
        let (raw, line) = row.raw_and_line();
        if row.kind == Kind::Head || raw.len() > MAX_RECORD {
            failed = Some(too_long(line));
            return Flow::Stop;
        }
        let Some(head) = &head else {
            let all = row.untrimmed;
            if all.ends_with(b"\r\n") || all.ends_with(b"\r") {
                nl = b"\r\n";
            }
            let mut h = raw.to_vec();
            h.extend_from_slice(nl);
            chunk.extend_from_slice(&h);
            head = Some(h);
            return Flow::Continue;
        };
        if n > 0 && chunk.len() + raw.len() > max {
            if f(&chunk, n) == Flow::Stop {
                n = 0;
                return Flow::Stop;
            }
            chunk.clear();
            chunk.extend_from_slice(head);
            n = 0;
        }
        chunk.extend_from_slice(raw);
        chunk.extend_from_slice(nl);
        n += 1;
        Flow::Continue
    })?;
    if let Some(inv) = failed {
        return Err(ChunkError::Invalid(inv));
    }
    if n > 0 {
        f(&chunk, n);
    }
    Ok(any)
}

#[cfg(test)]
mod tests {
    use super::*;

    type Row = (u64, Vec<(String, String)>, String);

    fn rows(data: &[u8]) -> Vec<Result<Row, Invalid>> {
        rows_in(data, data.len().max(1))
    }

    /// Parse `data` read `cap` bytes at a time, so that records straddle reads.
    fn rows_in(data: &[u8], cap: usize) -> Vec<Result<Row, Invalid>> {
        let mut out = Vec::new();
        let mut input = io::BufReader::with_capacity(cap, data);
        parse(&mut input, &Options::default(), &mut |item: Item<'_>| {
            match item {
                Item::Record(r, raw) => {
                    out.push(Ok((
                        r.line,
                        r.fields
                            .iter()
                            .map(|(k, v)| (k.to_string(), v.as_text().unwrap().into_owned()))
                            .chain(r.message.iter().map(|m| {
                                ("=message".to_string(), m.as_text().unwrap().into_owned())
                            }))
                            .collect(),
                        String::from_utf8_lossy(raw).into_owned(),
                    )));
                }
                Item::Invalid(i, _) => out.push(Err(i)),
                Item::Header(_) => {}
            }
            Flow::Continue
        })
        .unwrap();
        out
    }

    #[test]
    fn quoting_positions_and_raw() {
        let got = rows(b"\xef\xbb\xbfa,b\r\n1,\"x, \"\"y\"\"\r\nz\"\r\n3,4\r\n");
        assert_eq!(got.len(), 2);
        let (line, fields, raw) = got[0].clone().unwrap();
        assert_eq!(line, 2);
        assert_eq!(fields[0], ("a".into(), "1".into()));
        assert_eq!(fields[1], ("b".into(), "x, \"y\"\r\nz".into()));
        assert_eq!(raw, "1,\"x, \"\"y\"\"\r\nz\"");
        let (line, _, raw) = got[1].clone().unwrap();
        assert_eq!((line, raw.as_str()), (4, "3,4"));
    }

    /// Without a message column the row is the message, on every row (the
    /// text is not skipped once the plan is known); with one, the column.
    #[test]
    fn the_row_is_the_message_only_without_a_message_column() {
        let messages = |data: &[u8]| -> Vec<String> {
            let mut out = Vec::new();
            let mut input = data;
            parse(&mut input, &Options::default(), &mut |item: Item<'_>| {
                if let Item::Record(r, _) = item {
                    let m = r
                        .message
                        .as_ref()
                        .and_then(|m| m.as_text())
                        .map(|m| m.into_owned());
                    out.push(m.unwrap_or_else(|| r.text.to_string()));
                }
                Flow::Continue
            })
            .unwrap();
            out
        };
        assert_eq!(
            messages(b"a,level\n1,warn\n2,info\n3,x\n"),
            ["1,warn", "2,info", "3,x"]
        );
        assert_eq!(
            messages(b"a,msg\n1,one\n2,two\n3,three\n"),
            ["one", "two", "three"]
        );
    }

    #[test]
    fn ragged_rows_are_located_and_reading_goes_on() {
        let got = rows(b"a,b,message\n1,2,hi\n1,2\n5,6,ok\n");
        assert_eq!(got[0].clone().unwrap().1.last().unwrap().1, "hi");
        let e = got[1].clone().unwrap_err();
        assert_eq!(e.line, 3);
        assert_eq!(e.what, "row has 2 fields, the header has 3");
        assert_eq!(got[2].clone().unwrap().0, 4);
    }

    /// A file with every feature, the same whichever way reads cut it.
    const TRICKY: &[u8] = b"\xef\xbb\xbfwhen,msg,note\r\n\r\n2026-01-01T00:00:00Z,\"a, \"\"b\"\"\r\nc\",\xc3\xa9t\xc3\xa9\r\n\n2026-01-01T00:00:01Z,plain,\r\n2026-01-01T00:00:02Z,\"\",\"last\nrow\"";

    #[test]
    fn records_straddling_reads_are_whole() {
        let whole = rows(TRICKY);
        assert_eq!(whole.len(), 3, "{whole:?}");
        let (line, fields, raw) = whole[0].clone().unwrap();
        assert_eq!(line, 3);
        assert_eq!(
            raw,
            "2026-01-01T00:00:00Z,\"a, \"\"b\"\"\r\nc\",\u{e9}t\u{e9}"
        );
        assert!(fields.contains(&("note".into(), "\u{e9}t\u{e9}".into())));
        assert_eq!(whole[1].clone().unwrap().0, 6);
        let (line, fields, _) = whole[2].clone().unwrap();
        assert_eq!(line, 7);
        assert!(fields.contains(&("note".into(), "last\nrow".into())));
        for cap in [1, 2, 3, 5, 7, 16, 64] {
            assert_eq!(rows_in(TRICKY, cap), whole, "read {cap} bytes at a time");
        }
    }

    #[test]
    fn tiny_files_without_a_final_line_end() {
        for data in [&b"a\n1"[..], b"a,b\n1,2", b"\xef\xbb\xbfa\n1"] {
            for cap in [1, 2, 64] {
                let got = rows_in(data, cap);
                assert_eq!(got.len(), 1, "{data:?} read {cap} at a time: {got:?}");
                assert_eq!(got[0].clone().unwrap().0, 2);
            }
        }
        let mut only_header = &b"ab"[..];
        assert!(
            parse(&mut only_header, &Options::default(), &mut |_: Item<'_>| {
                Flow::Continue
            })
            .unwrap()
        );
        let mut nothing = &b"\n\r\n"[..];
        assert!(
            !parse(&mut nothing, &Options::default(), &mut |_: Item<'_>| {
                Flow::Continue
            })
            .unwrap()
        );
    }

    #[test]
    fn invalid_utf8_is_located_even_across_a_field_boundary() {
        // \xc3 ends one field and \xa9 starts the next: the row as a whole
        // would be valid UTF-8, each field is not.
        for data in [&b"a,b\n1,2\n\xc3,\xa9\n"[..], b"a,b\n1,2\nok,\xff\n"] {
            let got = rows(data);
            assert!(got[0].is_ok());
            let e = got[1].clone().unwrap_err();
            assert_eq!(e.line, 3);
            assert!(e.what.contains("invalid UTF-8"), "{}", e.what);
        }
    }

    #[test]
    fn an_unclosed_quote_is_rejected_then_fatal_at_the_end() {
        let mut data = b"a,b\n1,\"never closed ".to_vec();
        data.resize(MAX_RECORD + (1 << 20), b'x');
        let got = rows_in(&data, 64 * 1024);
        assert_eq!(got.len(), 2, "{got:?}");
        let e = got[0].clone().unwrap_err();
        assert_eq!(e.line, 2);
        assert!(!e.fatal);
        assert!(e.what.starts_with("row longer than 8 MiB"), "{}", e.what);
        let e = got[1].clone().unwrap_err();
        assert!(e.fatal, "{e:?}");
        assert!(e.what.contains("never ends"), "{}", e.what);
        let mut input = &data[..];
        match chunks(&mut input, 1 << 20, &mut |_, _| Flow::Continue) {
            Err(ChunkError::Invalid(inv)) => assert_eq!(inv.line, 2),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_closed_row_over_the_limit_is_rejected_whole_and_reading_goes_on() {
        let mut data = b"a,b\n1,2\n3,\"".to_vec();
        data.resize(data.len() + MAX_RECORD + 10, b'x');
        data.extend_from_slice(b"\"\r\n");
        for i in 0..100 {
            data.extend_from_slice(format!("{i},z\n").as_bytes());
        }
        let mut input = io::BufReader::with_capacity(64 * 1024, &data[..]);
        let (mut records, mut invalid, mut rejected) = (0, 0, Vec::new());
        struct S<'a>(&'a mut u32, &'a mut u32, &'a mut Vec<u8>);
        impl Sink for S<'_> {
            fn item(&mut self, item: Item<'_>) -> Flow {
                match item {
                    Item::Record(..) => *self.0 += 1,
                    Item::Invalid(inv, raw) => {
                        assert!(!inv.fatal);
                        assert_eq!(inv.line, 3);
                        *self.1 += 1;
                        self.2.extend_from_slice(raw);
                    }
                    Item::Header(_) => {}
                }
                Flow::Continue
            }
            fn rest(&mut self, b: &[u8]) {
                self.2.extend_from_slice(b);
            }
        }
        parse(
            &mut input,
            &Options::default(),
            &mut S(&mut records, &mut invalid, &mut rejected),
        )
        .unwrap();
        assert_eq!((records, invalid), (101, 1));
        let start = b"a,b\n1,2\n".len();
        let end = data.len() - (0..100).map(|i| format!("{i},z\n").len()).sum::<usize>();
        assert!(
            // csv-core leaves the row's line end to the next row.
            rejected == data[start..end - 2],
            "the row is kept whole: {} {:?} {:?}",
            rejected.len(),
            &rejected[..10],
            &rejected[rejected.len() - 10..]
        );
    }

    #[test]
    fn chunks_are_the_same_whichever_way_reads_cut_the_file() {
        let collect = |cap: usize| {
            let mut input = io::BufReader::with_capacity(cap, TRICKY);
            let mut got = Vec::new();
            chunks(&mut input, 40, &mut |c, n| {
                got.push((c.to_vec(), n));
                Flow::Continue
            })
            .unwrap();
            got
        };
        let whole = collect(TRICKY.len());
        assert_eq!(whole.iter().map(|g| g.1).sum::<usize>(), 3);
        assert!(whole
            .iter()
            .all(|(c, _)| c.starts_with(b"when,msg,note\r\n")));
        for cap in [1, 3, 7, 64] {
            assert_eq!(collect(cap), whole, "read {cap} bytes at a time");
        }
    }

    /// Every row [`rows_with`] gives, as owned parts: its bytes, its
    /// fields, its line and kind.
    type Got = (Vec<u8>, Vec<Vec<u8>>, u64, Kind);

    /// [`rows_with`]'s rows, and how many came with their text checked
    /// (each such text is checked to be the row's bytes).
    fn all_rows(data: &[u8], cap: usize, fast: bool) -> ((Vec<Got>, bool), usize) {
        let mut input = io::BufReader::with_capacity(cap, data);
        let mut got = Vec::new();
        let mut texts = 0;
        let any = rows_with(&mut input, fast, &mut |r| {
            if let Some(t) = r.text {
                assert_eq!(t.as_bytes(), r.untrimmed);
                texts += 1;
            }
            got.push((
                r.untrimmed.to_vec(),
                r.iter().map(<[u8]>::to_vec).collect(),
                r.line,
                r.kind,
            ));
            Flow::Continue
        })
        .unwrap();
        ((got, any), texts)
    }

    /// What [`parse_with`] hands on, written out.
    fn all_items(data: &[u8], cap: usize, fast: bool) -> Vec<String> {
        let mut input = io::BufReader::with_capacity(cap, data);
        let mut out = Vec::new();
        parse_with(&mut input, fast, &Options::default(), &mut |item: Item<
            '_,
        >| {
            out.push(match item {
                Item::Header(raw) => format!("header {raw:?}"),
                Item::Record(r, raw) => format!(
                    "record {} {:?} {:?} {:?} {raw:?}",
                    r.line,
                    r.text,
                    r.fields
                        .iter()
                        .map(|(k, v)| (k.to_string(), v.as_text().map(Cow::into_owned)))
                        .collect::<Vec<_>>(),
                    r.message.as_ref().and_then(Val::as_text),
                ),
                Item::Invalid(inv, raw) => format!("invalid {inv:?} {raw:?}"),
            });
            Flow::Continue
        })
        .unwrap();
        out
    }

    /// A small xorshift generator: the same files every run.
    fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
        move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        }
    }

    /// Rows read by [`fast_record`] are exactly csv-core's, and so are the
    /// rows csv-core reads after it (line numbers, a BOM-like field start),
    /// and so is what [`parse`] makes of them (the text checked per read,
    /// the UTF-8 errors): over random files of quotes, commas, line ends,
    /// BOM bytes, UTF-8 and broken UTF-8, tabs, and bytes that are a
    /// comma, quote or line end but for their high bit, read in pieces of
    /// every size.
    #[test]
    fn fast_records_are_csv_core_records() {
        let alphabet = [
            b'a', b'b', b',', b'"', b'\r', b'\n', 0xef, 0xbb, 0xbf, b' ', b'\t', 0xc3, 0xa9, 0xac,
            0xa2, 0x8a, 0x8d,
        ];
        let mut next = xorshift(0x2545_f491_4f6c_dd1d);
        let mut files: Vec<Vec<u8>> = vec![TRICKY.to_vec()];
        for k in 0..4000 {
            // Some files long enough for fields across several words.
            let len = (next() % if k % 8 == 0 { 400 } else { 48 }) as usize;
            let letters = if k % 2 == 0 { 1 } else { 12 };
            let mut f = b"h1,h2\n".to_vec();
            f.extend((0..len).map(|_| {
                let pick = (next() % (alphabet.len() as u64 + letters)) as usize;
                alphabet.get(pick).copied().unwrap_or(b'x')
            }));
            files.push(f);
        }
        let mut usual = b"timestamp,level,message\r\n".to_vec();
        for i in 0..50 {
            usual.extend_from_slice(
                format!("2026-11-22T10:00:{i:02}Z,info,\"a \"\"q\"\", b\nc\",\u{e9}t\u{e9}\r\n")
                    .as_bytes(),
            );
        }
        files.push(usual);
        let (mut fast_rows, mut texts) = (0, 0);
        for f in &files {
            for cap in [1, 2, 3, 5, 8, 13, 64, f.len().max(1)] {
                let (want, _) = all_rows(f, cap, false);
                let (got, n) = all_rows(f, cap, true);
                texts += n;
                let show = String::from_utf8_lossy(f);
                assert_eq!(got, want, "{show:?} read {cap} at a time");
                assert_eq!(
                    all_items(f, cap, true),
                    all_items(f, cap, false),
                    "{show:?} read {cap} at a time"
                );
            }
            let (mut esc, mut spans) = (Vec::new(), Vec::new());
            let find = Finders::new();
            fast_rows += usize::from(fast_record(&f[6..], &find, &mut esc, &mut spans).is_some());
        }
        assert!(
            fast_rows > files.len() / 4,
            "the fast path is taken: {fast_rows}"
        );
        assert!(texts > files.len(), "rows come checked: {texts}");
    }

    #[test]
    fn find3_finds_the_first() {
        for len in 0..24 {
            for at in 0..=len {
                for (k, &stop) in [b',', b'\n', b'\r'].iter().enumerate() {
                    let mut d = vec![b'x'; len];
                    if at < len {
                        d[at] = stop;
                        if at + 1 < len {
                            d[at + 1] = [b'\r', b',', b'\n'][k];
                        }
                    }
                    for from in 0..=len {
                        let want = d[from..]
                            .iter()
                            .position(|c| b",\n\r".contains(c))
                            .map(|p| p + from);
                        assert_eq!(
                            find3(&d, from, b',', b'\n', b'\r'),
                            want,
                            "{d:?} from {from}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn chunks_repeat_the_header() {
        let mut data = b"h1,h2\n".to_vec();
        for i in 0..100 {
            data.extend_from_slice(format!("{i},\"multi\nline\"\n").as_bytes());
        }
        let mut input = &data[..];
        let mut got = Vec::new();
        chunks(&mut input, 200, &mut |c, n| {
            got.push((c.to_vec(), n));
            Flow::Continue
        })
        .unwrap();
        assert!(got.len() > 5);
        assert_eq!(got.iter().map(|g| g.1).sum::<usize>(), 100);
        for (c, n) in &got {
            assert!(c.starts_with(b"h1,h2\n"));
            let mut r = csv::Reader::from_reader(&c[..]);
            assert_eq!(r.records().count(), *n);
        }
    }
}
