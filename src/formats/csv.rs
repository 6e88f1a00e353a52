//! csv: RFC 4180 (quoted commas, quotes and newlines, CRLF, a UTF-8 BOM)
//! through the `csv` crate. The header row names the fields; every field is
//! a string. A row with another number of fields than the header is
//! invalid, located by the line where the row starts.
//!
//! The `csv` reader does not hand out a record's bytes, so the input passes
//! through a [`Recorder`] that keeps what was read since the last record:
//! with the reader's byte positions, that gives each record verbatim (for
//! `--rejects`, for the message of a row without a message column, and for
//! raw chunks).

use std::borrow::Cow;
use std::io::{self, BufRead, Read};

use csv::{ByteRecord, ReaderBuilder};

use super::{apply_mapping, ChunkError, Flow, Invalid, Item, Options, Record, Val, MAX_RECORD};

struct Recorder<'r> {
    inner: &'r mut dyn BufRead,
    /// Byte offset of `buf[0]` in the input.
    base: u64,
    buf: Vec<u8>,
}

impl Read for Recorder<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(out)?;
        self.buf.extend_from_slice(&out[..n]);
        Ok(n)
    }
}

impl Recorder<'_> {
    fn slice(&self, from: u64, to: u64) -> &[u8] {
        let a = (from.saturating_sub(self.base) as usize).min(self.buf.len());
        let b = (to.saturating_sub(self.base) as usize).clamp(a, self.buf.len());
        &self.buf[a..b]
    }

    /// Forget what lies before `upto` once enough has piled up.
    fn release(&mut self, upto: u64) {
        let n = upto.saturating_sub(self.base) as usize;
        if n >= 1 << 20 {
            self.buf.drain(..n.min(self.buf.len()));
            self.base = upto;
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

fn reader(input: &mut dyn BufRead) -> csv::Reader<Recorder<'_>> {
    ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(256 * 1024)
        .from_reader(Recorder {
            inner: input,
            base: 0,
            buf: Vec::with_capacity(2 << 20),
        })
}

fn io_err(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

pub fn parse(
    input: &mut dyn BufRead,
    opts: &Options,
    f: &mut dyn FnMut(Item<'_>) -> Flow,
) -> io::Result<bool> {
    let mut rdr = reader(input);
    let mut row = ByteRecord::new();
    if !rdr.read_byte_record(&mut row).map_err(io_err)? {
        return Ok(false);
    }
    let header_end = rdr.position().byte();
    let mut names: Vec<String> = Vec::with_capacity(row.len());
    for (i, field) in row.iter().enumerate() {
        match std::str::from_utf8(field) {
            Ok("") => names.push(format!("column{}", i + 1)),
            Ok(s) => names.push(s.to_string()),
            Err(_) => {
                let raw = rdr.get_ref().slice(0, header_end);
                let inv = Invalid::new(1, None, format!("header field {}: invalid UTF-8", i + 1));
                f(Item::Invalid(inv, raw));
                return Ok(true);
            }
        }
    }
    if names.len() == 1 && names[0] == "column1" && row.as_slice().is_empty() {
        // A blank first line: csv skips those, so this cannot happen; kept safe.
        return Ok(false);
    }
    if f(Item::Header(trim_ends(rdr.get_ref().slice(0, header_end)))) == Flow::Stop {
        return Ok(true);
    }
    loop {
        let start = rdr.position().byte();
        if !rdr.read_byte_record(&mut row).map_err(io_err)? {
            break;
        }
        let end = rdr.position().byte();
        let untrimmed = rdr.get_ref().slice(start, end);
        let raw = trim_ends(untrimmed);
        // The reader's line is where it started reading, which may be the
        // end of the previous line: count the line ends before the row.
        let lead = untrimmed
            .iter()
            .take_while(|c| **c == b'\n' || **c == b'\r')
            .count();
        let line = row.position().map_or(0, |p| p.line())
            + untrimmed[..lead].iter().filter(|c| **c == b'\n').count() as u64;
        let item = match build(&row, &names, raw, line, opts) {
            Ok(rec) => Item::Record(rec, raw),
            Err(inv) => Item::Invalid(inv, raw),
        };
        if f(item) == Flow::Stop {
            break;
        }
        rdr.get_mut().release(end);
    }
    Ok(true)
}

fn build<'a>(
    row: &'a ByteRecord,
    names: &'a [String],
    raw: &'a [u8],
    line: u64,
    opts: &Options,
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
    let mut fields = Vec::with_capacity(names.len());
    for (name, value) in names.iter().zip(row.iter()) {
        let v = std::str::from_utf8(value).map_err(|e| {
            Invalid::new(
                line,
                None,
                format!(
                    "field '{}': invalid UTF-8 at byte {} of the field",
                    crate::output::sanitize(name),
                    e.valid_up_to() + 1
                ),
            )
        })?;
        fields.push((Cow::Borrowed(name.as_str()), Val::Str(Cow::Borrowed(v))));
    }
    let text = std::str::from_utf8(raw).unwrap_or("");
    let mut rec = Record {
        line,
        text,
        fields,
        ..Record::default()
    };
    apply_mapping(&mut rec, opts)?;
    Ok(rec)
}

/// Raw chunks: the header row, then whole rows up to about `max` bytes.
pub fn chunks(
    input: &mut dyn BufRead,
    max: usize,
    f: &mut dyn FnMut(&[u8], usize) -> Flow,
) -> Result<bool, ChunkError> {
    let mut rdr = reader(input);
    let mut row = ByteRecord::new();
    if !rdr.read_byte_record(&mut row).map_err(io_err)? {
        return Ok(false);
    }
    let header_end = rdr.position().byte();
    let all = rdr.get_ref().slice(0, header_end);
    let crlf = all.ends_with(b"\r\n") || all.ends_with(b"\r");
    let nl: &[u8] = if crlf { b"\r\n" } else { b"\n" };
    let mut head = trim_ends(all).to_vec();
    head.extend_from_slice(nl);
    let mut chunk = head.clone();
    let mut n = 0;
    loop {
        let start = rdr.position().byte();
        if !rdr.read_byte_record(&mut row).map_err(io_err)? {
            break;
        }
        let end = rdr.position().byte();
        let raw = trim_ends(rdr.get_ref().slice(start, end));
        if raw.len() > MAX_RECORD {
            let line = row.position().map_or(0, |p| p.line());
            return Err(ChunkError::Invalid(Invalid::new(
                line,
                None,
                format!("row longer than {} MiB", MAX_RECORD >> 20),
            )));
        }
        if n > 0 && chunk.len() + raw.len() > max {
            if f(&chunk, n) == Flow::Stop {
                return Ok(true);
            }
            chunk.clear();
            chunk.extend_from_slice(&head);
            n = 0;
        }
        chunk.extend_from_slice(raw);
        chunk.extend_from_slice(nl);
        n += 1;
        rdr.get_mut().release(end);
    }
    if n > 0 {
        f(&chunk, n);
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    type Row = (u64, Vec<(String, String)>, String);

    fn rows(data: &[u8]) -> Vec<Result<Row, Invalid>> {
        let mut out = Vec::new();
        let mut input = data;
        parse(&mut input, &Options::default(), &mut |item| {
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
                    )))
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

    #[test]
    fn ragged_rows_are_located_and_reading_goes_on() {
        let got = rows(b"a,b,message\n1,2,hi\n1,2\n5,6,ok\n");
        assert_eq!(got[0].clone().unwrap().1.last().unwrap().1, "hi");
        let e = got[1].clone().unwrap_err();
        assert_eq!(e.line, 3);
        assert_eq!(e.what, "row has 2 fields, the header has 3");
        assert_eq!(got[2].clone().unwrap().0, 4);
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
