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
//! quotes) is read by [`fast_record`], eight bytes at a time, as csv-core
//! would read it: csv-core's byte-by-byte state machine was a fifth of
//! ingest's csv reading (callgrind, BENCH-read5.md). Anything else, and
//! every record that straddles reads, is csv-core's.
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

/// One record as read.
struct Row<'a> {
    /// Its bytes as consumed from the input: possibly the end of the line
    /// before it, and its own line end (a leading BOM is dropped before).
    untrimmed: &'a [u8],
    /// The unescaped fields, one after another; `ends[i]` ends field `i`.
    fields: &'a [u8],
    ends: &'a [usize],
    /// The line where reading the record started.
    line: u64,
    kind: Kind,
}

impl Row<'_> {
    fn len(&self) -> usize {
        self.ends.len()
    }

    /// Where field `i` lies in `fields`.
    fn range(&self, i: usize) -> std::ops::Range<usize> {
        (if i == 0 { 0 } else { self.ends[i - 1] })..self.ends[i]
    }

    fn field(&self, i: usize) -> &[u8] {
        &self.fields[self.range(i)]
    }

    fn iter(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.len()).map(|i| self.field(i))
    }

    /// The record's bytes without the line ends around it, and its line
    /// (counting the line ends read before it).
    fn raw_and_line(&self) -> (&[u8], u64) {
        let lead = self
            .untrimmed
            .iter()
            .take_while(|c| **c == b'\n' || **c == b'\r')
            .count();
        let line = self.line
            + self.untrimmed[..lead]
                .iter()
                .filter(|c| **c == b'\n')
                .count() as u64;
        (trim_ends(self.untrimmed), line)
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
    if head == b"\xef\xbb\xbf" {
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
        loop {
            // Between records, the usual ones are read without csv-core.
            if self.fast
                && self.core_read
                && self.big.is_none()
                && self.carry.is_empty()
                && self.nout == 0
                && self.nend == 0
            {
                if let Some((n, lines, o, e)) =
                    fast_record(&data[pos..], &mut self.out, &mut self.ends)
                {
                    self.any = true;
                    pos += n;
                    let flow = f(Row {
                        untrimmed: &data[start..pos],
                        fields: &self.out[..o],
                        ends: &self.ends[..e],
                        line: self.line,
                        kind: Kind::Whole,
                    });
                    if flow == Flow::Stop {
                        return Some(true);
                    }
                    self.line += lines;
                    self.shift += lines;
                    start = pos;
                    continue;
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
                            fields: &[],
                            ends: &[],
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
                    let flow = f(Row {
                        untrimmed,
                        fields: &self.out[..self.nout],
                        ends: &self.ends[..self.nend],
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

/// One whole record at the start of `d`, read as `csv-core` reads it (the
/// default dialect: `,` `"` doubled quotes, any of `\r` `\n` `\r\n` ends a
/// record, line ends before it skipped), its fields into `out` and `ends`
/// as `csv-core` puts them: `(bytes consumed, line ends among them, bytes
/// of fields, fields)`. `None` leaves the record to `csv-core`: one not
/// ended within `d`, text after a closing quote, or more than `out` or
/// `ends` can hold. `tests::fast_records_are_csv_core_records` compares.
fn fast_record(d: &[u8], out: &mut [u8], ends: &mut [usize]) -> Option<(usize, u64, usize, usize)> {
    let mut i = 0;
    let mut lines = 0;
    while let Some(&c @ (b'\n' | b'\r')) = d.get(i) {
        lines += u64::from(c == b'\n');
        i += 1;
    }
    let (mut o, mut e) = (0, 0);
    let mut put = |o: &mut usize, run: &[u8]| -> Option<()> {
        out.get_mut(*o..*o + run.len())?.copy_from_slice(run);
        *o += run.len();
        Some(())
    };
    loop {
        // A field starts at `i`; it ends at the byte `i` is left on.
        if d.get(i) == Some(&b'"') {
            i += 1;
            loop {
                let q = find3(d, i, b'"', b'\n', b'\n')?;
                put(&mut o, &d[i..q])?;
                i = q + 1;
                if d[q] == b'\n' {
                    put(&mut o, b"\n")?;
                    lines += 1;
                    continue;
                }
                if d.get(i) != Some(&b'"') {
                    break;
                }
                // A doubled quote is one quote.
                put(&mut o, b"\"")?;
                i += 1;
            }
        } else {
            let n = find3(d, i, b',', b'\n', b'\r')?;
            put(&mut o, &d[i..n])?;
            i = n;
        }
        *ends.get_mut(e)? = o;
        e += 1;
        match d.get(i)? {
            b',' => i += 1,
            &c @ (b'\n' | b'\r') => {
                lines += u64::from(c == b'\n');
                return Some((i + 1, lines, o, e));
            }
            _ => return None,
        }
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
            fields: &[],
            ends: &[],
            line: self.line,
            kind: Kind::Part,
        }
    }
}

/// A record's bytes without the line ends around it.
fn trim_ends(b: &[u8]) -> &[u8] {
    let start = b
        .iter()
        .position(|c| *c != b'\n' && *c != b'\r')
        .unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|c| *c != b'\n' && *c != b'\r')
        .map_or(start, |i| i + 1);
    &b[start..end.max(start)]
}

fn too_long(line: u64) -> Invalid {
    Invalid::new(
        line,
        None,
        format!("row longer than {} MiB", MAX_RECORD >> 20),
    )
}

pub fn parse(input: &mut dyn BufRead, opts: &Options, f: &mut dyn Sink) -> io::Result<bool> {
    let mut names: Option<Vec<String>> = None;
    let mut plans = Plans::fixed_keys();
    let mut big_line = 0;
    rows(input, &mut |row| {
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
        let (raw, line) = row.raw_and_line();
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
        let item = match build(&row, names, raw, line, opts, &mut plans) {
            Ok(rec) => Item::Record(rec, raw),
            Err(inv) => Item::Invalid(inv, raw),
        };
        f.item(item)
    })
}

fn build<'a>(
    row: &'a Row<'a>,
    names: &'a [String],
    raw: &'a [u8],
    line: u64,
    opts: &Options,
    plans: &mut Plans,
) -> Result<Record<'a>, Invalid> {
    if raw.len() > MAX_RECORD {
        return Err(Invalid::new(
            line,
            None,
            format!("row longer than {} MiB", MAX_RECORD >> 20),
        ));
    }
    if row.len() != names.len() {
        return Err(Invalid::new(
            line,
            None,
            format!(
                "row has {} field{}, the header has {}",
                row.len(),
                if row.len() == 1 { "" } else { "s" },
                names.len()
            ),
        ));
    }
    // One UTF-8 check for the whole row; a field is then cut out of it
    // (`str::get` refuses a cut inside a character, which sends that field
    // to the per-field check below for its error).
    let all = super::str_of(row.fields).ok();
    let mut fields = Vec::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        let range = row.range(i);
        let v = match all.and_then(|a| a.get(range.clone())) {
            Some(v) => v,
            None => std::str::from_utf8(&row.fields[range]).map_err(|e| {
                Invalid::new(
                    line,
                    None,
                    format!(
                        "field '{}': invalid UTF-8 at byte {} of the field",
                        crate::output::sanitize(name),
                        e.valid_up_to() + 1
                    ),
                )
            })?,
        };
        fields.push((Cow::Borrowed(name.as_str()), Val::Str(Cow::Borrowed(v))));
    }
    // The row's text is its message only when it has no message column.
    let text = if plans.reads_text() {
        super::str_of(raw).unwrap_or("")
    } else {
        ""
    };
    let mut rec = Record {
        line,
        text,
        fields,
        ..Record::default()
    };
    apply_mapping(&mut rec, opts, plans)?;
    Ok(rec)
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

    /// Every row [`rows_with`] gives, as owned parts.
    type Got = (Vec<u8>, Vec<u8>, Vec<usize>, u64, Kind);

    fn all_rows(data: &[u8], cap: usize, fast: bool) -> (Vec<Got>, bool) {
        let mut input = io::BufReader::with_capacity(cap, data);
        let mut got = Vec::new();
        let any = rows_with(&mut input, fast, &mut |r| {
            got.push((
                r.untrimmed.to_vec(),
                r.fields.to_vec(),
                r.ends.to_vec(),
                r.line,
                r.kind,
            ));
            Flow::Continue
        })
        .unwrap();
        (got, any)
    }

    /// Rows read by [`fast_record`] are exactly csv-core's, and so are the
    /// rows csv-core reads after it (line numbers, a BOM-like field start):
    /// over random files of quotes, commas, line ends and BOM bytes, read
    /// in pieces of every size.
    #[test]
    fn fast_records_are_csv_core_records() {
        let alphabet = [b'a', b'b', b',', b'"', b'\r', b'\n', 0xef, 0xbb, 0xbf, b' '];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut files: Vec<Vec<u8>> = vec![TRICKY.to_vec()];
        for _ in 0..4000 {
            let len = (next() % 48) as usize;
            let mut f = b"h1,h2\n".to_vec();
            f.extend((0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]));
            files.push(f);
        }
        let mut usual = b"timestamp,level,message\r\n".to_vec();
        for i in 0..50 {
            usual.extend_from_slice(
                format!("2026-11-22T10:00:{i:02}Z,info,\"a \"\"q\"\", b\nc\"\r\n").as_bytes(),
            );
        }
        files.push(usual);
        let mut fast_rows = 0;
        for f in &files {
            for cap in [1, 2, 3, 5, 8, 13, 64, f.len().max(1)] {
                let want = all_rows(f, cap, false);
                let got = all_rows(f, cap, true);
                assert_eq!(
                    got,
                    want,
                    "{:?} read {cap} at a time",
                    String::from_utf8_lossy(f)
                );
            }
            let mut out = vec![0u8; 1024];
            let mut ends = vec![0usize; 64];
            fast_rows += usize::from(fast_record(&f[6..], &mut out, &mut ends).is_some());
        }
        assert!(
            fast_rows > files.len() / 4,
            "the fast path is taken: {fast_rows}"
        );
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
