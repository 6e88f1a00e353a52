//! syslog: one message per line, RFC 5424 or RFC 3164.
//!
//! Hand-written rather than `syslog_loose`: that crate does not unescape
//! SD-PARAM values (`\"`, `\\`, `\]`), never rejects anything (so a broken
//! RFC 5424 line cannot be told from a valid one) and reads a 3164 word
//! before a space as the tag, against go-syslog's corpus.
//!
//! The rules (README, `auralog ingest --help`):
//! - A line that starts `<PRI>` followed by digits and a space is RFC 5424
//!   and is parsed strictly: header fields, structured data, MSG. A fault is
//!   an invalid record, located by column. One leniency, from RFC 5424 §6.3.3
//!   itself: in a PARAM-VALUE a backslash before anything but `"`, `\` or
//!   `]` is a literal backslash.
//! - Any other line is RFC 3164 (BSD), read leniently as relays and rsyslog
//!   do: the PRI is optional (absent means 13, user.notice); a `Mmm dd
//!   hh:mm:ss` (or RFC 3339) timestamp, a host and a `tag[pid]:` are taken
//!   when present, and whatever does not fit stays in the message. Only a
//!   malformed `<PRI>` is invalid. Without a timestamp the whole rest of the
//!   line is the message (RFC 3164 §4.3.3).
//! - A year-less 3164 timestamp gets the current year, or the previous one
//!   when that would put it more than a day in the future; it is read as UTC.
//! - The PRI severity gives the level; facility, host, app name, proc id,
//!   msg id and structured data go to metadata (`facility`, `host`,
//!   `appName`, `procId`, `msgId`, `structuredData`).
//! - MSG is UTF-8 (a leading BOM is kept, and then MSG must be UTF-8). A MSG
//!   that is not UTF-8 and has no BOM is read as Latin-1, which RFC 5424
//!   allows ("any encoding") and which maps every byte: nothing is lost.
//!
//! Ingest reads a line through [`parse_record_with`]: the same parser, with
//! the structured data written as the record's JSON while it is read (no
//! element lists), the same record as [`parse_line`] then [`to_record`].
//! Before it, the usual RFC 5424 line (`usual_rfc5424`) is read in one pass
//! straight into its record, and structured data like the line before's is
//! copied from [`SdCache`]; any line that path does not take goes the
//! general way, which also locates every fault.

use std::borrow::Cow;
use std::io::{self, BufRead};

use super::{Invalid, Options, Record, Val};
use crate::wire::time::{self, Micros};
use crate::wire::Level;

pub const FACILITIES: [&str; 24] = [
    "kern",
    "user",
    "mail",
    "daemon",
    "auth",
    "syslog",
    "lpr",
    "news",
    "uucp",
    "cron",
    "authpriv",
    "ftp",
    "ntp",
    "security",
    "console",
    "solaris-cron",
    "local0",
    "local1",
    "local2",
    "local3",
    "local4",
    "local5",
    "local6",
    "local7",
];

/// One SD-ELEMENT: its SD-ID and its params (name, unescaped value).
pub type SdElement<'a> = (&'a str, Vec<(&'a str, Cow<'a, str>)>);

/// A parsed syslog line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Message<'a> {
    /// The PRI value; `None` when the line had none (read as 13).
    pub pri: Option<u8>,
    /// RFC 5424's VERSION; `None` for RFC 3164.
    pub version: Option<u16>,
    pub timestamp: Option<Micros>,
    pub hostname: Option<Cow<'a, str>>,
    pub appname: Option<Cow<'a, str>>,
    pub procid: Option<Cow<'a, str>>,
    pub msgid: Option<Cow<'a, str>>,
    /// SD-ID to params, in order.
    pub structured_data: Vec<SdElement<'a>>,
    pub message: Option<Cow<'a, str>>,
}

impl Message<'_> {
    pub fn priority(&self) -> u8 {
        self.pri.unwrap_or(13)
    }
    pub fn severity(&self) -> u8 {
        self.priority() & 7
    }
    pub fn facility(&self) -> u8 {
        self.priority() >> 3
    }
}

/// UTF-8, else Latin-1 (every byte one character).
fn text(b: &[u8]) -> Cow<'_, str> {
    match super::str_of(b) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => Cow::Owned(b.iter().map(|&c| c as char).collect()),
    }
}

type Fault = (usize, String);

fn fault<T>(at: usize, what: &str) -> Result<T, Fault> {
    Err((at, what.to_string()))
}

/// Parse one line (without its line end). Errors carry the 0-based byte
/// offset of the fault.
pub fn parse_line(b: &[u8], now: Micros) -> Result<Message<'_>, Fault> {
    let mut sd = Vec::new();
    let mut m = parse_with(b, now, &mut sd)?;
    m.structured_data = sd;
    Ok(m)
}

/// [`parse_line`], its structured data handed to `sd` as it is read.
fn parse_with<'a>(b: &'a [u8], now: Micros, sd: &mut dyn SdSink<'a>) -> Result<Message<'a>, Fault> {
    if b.first().is_some_and(u8::is_ascii_digit) {
        if let Some(m) = rsyslog_file(b) {
            return Ok(m);
        }
    }
    let mut i = 0;
    let mut pri = None;
    if b.first() == Some(&b'<') {
        let Some(end) = b.iter().take(6).position(|&c| c == b'>') else {
            return fault(1, "invalid PRI: expected <0> to <191>");
        };
        let digits = &b[1..end];
        let ok = !digits.is_empty()
            && digits.len() <= 3
            && digits.iter().all(u8::is_ascii_digit)
            && (digits.len() == 1 || digits[0] != b'0');
        let value = if ok {
            digits.iter().fold(0u32, |v, d| v * 10 + (d - b'0') as u32)
        } else {
            999
        };
        if value > 191 {
            return fault(1, "invalid PRI: expected <0> to <191>");
        }
        pri = Some(value as u8);
        i = end + 1;
        let d = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if d > 0 && (b.get(i + d) == Some(&b' ') || i + d == b.len()) {
            return rfc5424(b, i, pri, sd);
        }
    }
    Ok(rfc3164(b, i, pri, now))
}

/// Where an RFC 5424 line's structured data goes as it is read: the
/// elements of a [`Message`], or straight into the record's JSON.
trait SdSink<'a> {
    /// An SD-ELEMENT starts; `false` when its SD-ID came before in the line.
    fn element(&mut self, id: &'a str) -> bool;
    fn param(&mut self, name: &'a str, value: Cow<'a, str>);
}

impl<'a> SdSink<'a> for Vec<SdElement<'a>> {
    fn element(&mut self, id: &'a str) -> bool {
        if self.iter().any(|(k, _)| *k == id) {
            return false;
        }
        self.push((id, Vec::new()));
        true
    }
    fn param(&mut self, name: &'a str, value: Cow<'a, str>) {
        if let Some((_, params)) = self.last_mut() {
            params.push((name, value));
        }
    }
}

/// Structured data written as [`structured_data_json`] writes it, while it
/// is read: no element list, no params list, no second pass. A line this
/// cannot write the same way (a PARAM-NAME repeated in its element, which
/// keeps its last value; more elements or params than it tracks) sets
/// `general`, and the line is read again the general way.
struct SdJson<'a> {
    out: String,
    ids: [&'a str; 8],
    nids: usize,
    names: [&'a str; 16],
    nnames: usize,
    general: bool,
}

impl SdJson<'_> {
    fn new(line_len: usize) -> Self {
        SdJson {
            out: String::with_capacity(line_len.min(256)),
            ids: [""; 8],
            nids: 0,
            names: [""; 16],
            nnames: 0,
            general: false,
        }
    }

    /// The JSON object, `None` when there was no structured data.
    fn finish(mut self) -> Option<String> {
        if self.nids == 0 {
            return None;
        }
        self.out.push_str("}}");
        Some(self.out)
    }
}

impl<'a> SdSink<'a> for SdJson<'a> {
    fn element(&mut self, id: &'a str) -> bool {
        if self.ids[..self.nids].contains(&id) {
            return false;
        }
        if self.nids == self.ids.len() {
            self.general = true;
            return true;
        }
        self.out.push_str(if self.nids == 0 { "{" } else { "}," });
        self.ids[self.nids] = id;
        self.nids += 1;
        self.nnames = 0;
        crate::fastjson::push_str(&mut self.out, id);
        self.out.push_str(":{");
        true
    }
    fn param(&mut self, name: &'a str, value: Cow<'a, str>) {
        if self.general
            || self.nnames == self.names.len()
            || self.names[..self.nnames].contains(&name)
        {
            self.general = true;
            return;
        }
        if self.nnames > 0 {
            self.out.push(',');
        }
        self.names[self.nnames] = name;
        self.nnames += 1;
        crate::fastjson::push_str(&mut self.out, name);
        self.out.push(':');
        crate::fastjson::push_str(&mut self.out, &value);
    }
}

/// The token at `i`, up to the next space or the end.
fn token(b: &[u8], i: usize) -> &[u8] {
    let end = b[i..]
        .iter()
        .position(|&c| c == b' ')
        .map_or(b.len(), |p| i + p);
    &b[i..end]
}

fn rfc5424<'a>(
    b: &'a [u8],
    mut i: usize,
    pri: Option<u8>,
    sd: &mut dyn SdSink<'a>,
) -> Result<Message<'a>, Fault> {
    let mut m = Message {
        pri,
        ..Message::default()
    };
    // One UTF-8 check for the whole line (most are): its pieces are then
    // cut out of it, not checked one by one.
    let line = super::str_of(b).ok();
    let text = |from: usize, to: usize| -> Cow<'a, str> {
        match line.and_then(|l| l.get(from..to)) {
            Some(s) => Cow::Borrowed(s),
            None => text(&b[from..to]),
        }
    };
    let v = token(b, i);
    if v.len() > 3 || v[0] == b'0' {
        return fault(i, "invalid VERSION: expected 1 to 999");
    }
    m.version = Some(v.iter().fold(0u16, |a, d| a * 10 + (d - b'0') as u16));
    i += v.len();
    let sp = |i: usize, what: &str| -> Result<usize, Fault> {
        if b.get(i) == Some(&b' ') {
            Ok(i + 1)
        } else {
            fault(i, &format!("expected a space before {what}"))
        }
    };
    i = sp(i, "TIMESTAMP")?;
    let ts = token(b, i);
    if ts != b"-" {
        if ts.is_empty() {
            return fault(i, "expected TIMESTAMP or '-'");
        }
        let t = time::parse_rfc3339(ts, true)
            .map_err(|(at, why)| (i + at, format!("invalid TIMESTAMP: {why}")))?;
        m.timestamp = Some(t);
    }
    i += ts.len();
    let header = |i: &mut usize, name: &str, max: usize| -> Result<Option<Cow<'a, str>>, Fault> {
        *i = sp(*i, name)?;
        // The usual case in one scan: printable bytes up to a space or the end.
        let n = b[*i..]
            .iter()
            .take_while(|c| (33..=126).contains(*c))
            .count();
        if n > 0 && n <= max && matches!(b.get(*i + n), None | Some(b' ')) {
            let start = *i;
            *i += n;
            return Ok(if n == 1 && b[start] == b'-' {
                None
            } else {
                Some(text(start, start + n))
            });
        }
        let t = token(b, *i);
        if t.is_empty() || t.len() > max || !t.iter().all(|c| (33..=126).contains(c)) {
            return fault(
                *i + t
                    .iter()
                    .position(|c| !(33..=126).contains(c))
                    .unwrap_or(t.len().min(max)),
                &format!(
                    "invalid {name}: expected 1 to {max} printable US-ASCII characters or '-'"
                ),
            );
        }
        *i += t.len();
        Ok(if t == b"-" {
            None
        } else {
            Some(text(*i - t.len(), *i))
        })
    };
    m.hostname = header(&mut i, "HOSTNAME", 255)?;
    m.appname = header(&mut i, "APP-NAME", 48)?;
    m.procid = header(&mut i, "PROCID", 128)?;
    m.msgid = header(&mut i, "MSGID", 32)?;
    i = sp(i, "STRUCTURED-DATA")?;
    match b.get(i) {
        Some(b'-') => i += 1,
        Some(b'[') => i = structured_data(b, i, line, sd)?,
        _ => return fault(i, "expected STRUCTURED-DATA ('[' or '-')"),
    }
    match b.get(i) {
        None => {}
        Some(b' ') => {
            let msg = &b[i + 1..];
            if let Some(rest) = msg.strip_prefix(b"\xef\xbb\xbf") {
                if let Err(e) = std::str::from_utf8(rest) {
                    return fault(
                        i + 4 + e.valid_up_to(),
                        "invalid UTF-8 in a MSG that starts with a BOM",
                    );
                }
            }
            if !msg.is_empty() {
                m.message = Some(text(i + 1, b.len()));
            }
        }
        Some(_) => return fault(i, "expected a space or the end after STRUCTURED-DATA"),
    }
    Ok(m)
}

fn sd_name(b: &[u8], i: usize) -> &[u8] {
    let n = b[i..]
        .iter()
        .take_while(|&&c| (33..=126).contains(&c) && c != b'=' && c != b']' && c != b'"')
        .count();
    &b[i..i + n]
}

fn structured_data<'a>(
    b: &'a [u8],
    mut i: usize,
    line: Option<&'a str>,
    out: &mut dyn SdSink<'a>,
) -> Result<usize, Fault> {
    // SD-NAMEs are printable US-ASCII: cut from the checked line, or
    // checked alone (which cannot fail).
    let name_at = |at: usize, n: usize| -> &'a str {
        match line.and_then(|l| l.get(at..at + n)) {
            Some(s) => s,
            None => std::str::from_utf8(&b[at..at + n]).unwrap_or_default(),
        }
    };
    while b.get(i) == Some(&b'[') {
        i += 1;
        let id = sd_name(b, i);
        if id.is_empty() || id.len() > 32 {
            return fault(
                i + id.len().min(32),
                "invalid SD-ID: expected 1 to 32 characters",
            );
        }
        let id_s = name_at(i, id.len());
        if !out.element(id_s) {
            return fault(i, "duplicate SD-ID");
        }
        i += id.len();
        loop {
            match b.get(i) {
                Some(b']') => {
                    i += 1;
                    break;
                }
                Some(b' ') => i += 1,
                _ => return fault(i, "expected ' ' or ']' in STRUCTURED-DATA"),
            }
            let name = sd_name(b, i);
            if name.is_empty() || name.len() > 32 {
                return fault(
                    i + name.len().min(32),
                    "invalid PARAM-NAME: expected 1 to 32 characters",
                );
            }
            let name_s = name_at(i, name.len());
            i += name.len();
            if b.get(i) != Some(&b'=') {
                return fault(i, "expected '=' after PARAM-NAME");
            }
            i += 1;
            if b.get(i) != Some(&b'"') {
                return fault(i, "expected '\"' to open PARAM-VALUE");
            }
            i += 1;
            let (value, end) = param_value(b, i, line)?;
            i = end;
            out.param(name_s, value);
        }
    }
    Ok(i)
}

/// The PARAM-VALUE starting at `i` (just after its opening quote),
/// unescaped, and the index after its closing quote. Borrowed from the line
/// unless it holds an escape.
fn param_value<'a>(
    b: &'a [u8],
    start: usize,
    line: Option<&'a str>,
) -> Result<(Cow<'a, str>, usize), Fault> {
    let mut i = start;
    let mut owned: Option<Vec<u8>> = None;
    loop {
        let Some(n) = super::csv::find3(b, i, b'"', b'\\', b']').map(|at| at - i) else {
            return fault(b.len(), "unterminated PARAM-VALUE");
        };
        let plain = &b[i..i + n];
        i += n;
        match b[i] {
            b'"' => {
                // A fault is located just after the closing quote.
                let bad = || (i + 1, "invalid UTF-8 in PARAM-VALUE".to_string());
                let value = match owned {
                    None => Cow::Borrowed(match line.and_then(|l| l.get(start..i)) {
                        Some(s) => s,
                        None => super::str_of(&b[start..i]).map_err(|_| bad())?,
                    }),
                    Some(mut v) => {
                        v.extend_from_slice(plain);
                        Cow::Owned(String::from_utf8(v).map_err(|_| bad())?)
                    }
                };
                return Ok((value, i + 1));
            }
            b']' => return fault(i, "']' must be escaped as '\\]' in PARAM-VALUE"),
            _ => {
                let v = owned.get_or_insert_with(|| b[start..i - n].to_vec());
                v.extend_from_slice(plain);
                match b.get(i + 1) {
                    Some(&c @ (b'"' | b'\\' | b']')) => {
                        v.push(c);
                        i += 2;
                    }
                    _ => {
                        // RFC 5424 §6.3.3: any other backslash is literal.
                        v.push(b'\\');
                        i += 1;
                    }
                }
            }
        }
    }
}

fn rfc3164(b: &[u8], mut i: usize, pri: Option<u8>, now: Micros) -> Message<'_> {
    let mut m = Message {
        pri,
        ..Message::default()
    };
    let skip = |i: &mut usize| {
        while b.get(*i) == Some(&b' ') {
            *i += 1;
        }
    };
    skip(&mut i);
    let rest = &b[i..];
    if let Some((t, n)) = time::parse_rfc3164_prefix(rest, now) {
        m.timestamp = Some(t);
        i += n;
        if b.get(i) == Some(&b':') {
            i += 1;
        }
    } else {
        let tok = token(b, i);
        let iso = tok.len() >= 19 && tok[..4].iter().all(u8::is_ascii_digit) && tok[4] == b'-';
        match time::parse_rfc3339(tok, false) {
            Ok(t) if iso => {
                m.timestamp = Some(t);
                i += tok.len();
            }
            _ => {
                // No timestamp: the whole rest is the message.
                if i < b.len() {
                    m.message = Some(text(&b[i..]));
                }
                return m;
            }
        }
    }
    skip(&mut i);
    let tok = token(b, i);
    let is_tag = tok.ends_with(b":") || tok.contains(&b'[');
    if !tok.is_empty() && !is_tag {
        m.hostname = Some(text(tok));
        i += tok.len();
        if b.get(i) == Some(&b' ') {
            i += 1;
        }
    }
    // TAG: up to 48 characters ended by ':' or '[pid]'.
    let start = i;
    let mut j = i;
    while j < b.len() && j - start <= 48 && !matches!(b[j], b':' | b'[' | b' ') {
        j += 1;
    }
    if j > start && j < b.len() && j - start <= 48 {
        match b[j] {
            b':' => {
                m.appname = Some(text(&b[start..j]));
                i = j + 1;
            }
            b'[' => {
                if let Some(close) = b[j..].iter().position(|&c| c == b']') {
                    let pid = &b[j + 1..j + close];
                    if !pid.is_empty() && !pid.contains(&b' ') {
                        m.appname = Some(text(&b[start..j]));
                        m.procid = Some(text(pid));
                        i = j + close + 1;
                        if b.get(i) == Some(&b':') {
                            i += 1;
                        }
                    }
                }
            }
            _ => {}
        }
        if m.appname.is_some() && b.get(i) == Some(&b' ') {
            i += 1;
        }
    }
    if i < b.len() {
        m.message = Some(text(&b[i..]));
    }
    m
}

/// rsyslog's default file format (`RSYSLOG_FileFormat`: RFC 3339 time, no
/// PRI): `2026-12-01T10:00:00.123456+00:00 host prog[123]: msg`.
fn rsyslog_file(b: &[u8]) -> Option<Message<'_>> {
    let l = crate::reading::text::rsyslog_file_line(std::str::from_utf8(b).ok()?)?;
    Some(Message {
        timestamp: Some(l.time),
        hostname: Some(Cow::Borrowed(l.host)),
        appname: Some(Cow::Borrowed(l.app)),
        procid: l.pid.map(Cow::Borrowed),
        message: Some(Cow::Borrowed(l.message)),
        ..Message::default()
    })
}

/// For content sniffing: a `<PRI>`, a BSD timestamp or an rsyslog file
/// line at the start.
pub fn looks_like_syslog(line: &[u8]) -> bool {
    if line.first().is_some_and(u8::is_ascii_digit) && rsyslog_file(line).is_some() {
        return true;
    }
    if line.first() == Some(&b'<') {
        if let Some(e) = line.iter().take(5).position(|&c| c == b'>') {
            return e > 1 && line[1..e].iter().all(u8::is_ascii_digit);
        }
        return false;
    }
    time::parse_rfc3164_prefix(line, time::now()).is_some()
}

/// Structured data as a JSON object `{"id": {"param": "value"}}`, written
/// directly. A repeated SD-ID or PARAM-NAME keeps the last value, as a
/// JSON map would.
fn structured_data_json(sd: &[SdElement<'_>]) -> String {
    let mut out = Vec::with_capacity(64);
    out.push(b'{');
    let mut first_id = true;
    for (i, (id, params)) in sd.iter().enumerate() {
        if sd[i + 1..].iter().any(|(later, _)| later == id) {
            continue;
        }
        if !first_id {
            out.push(b',');
        }
        first_id = false;
        super::write_str(&mut out, id);
        out.extend_from_slice(b":{");
        let mut first = true;
        for (j, (k, v)) in params.iter().enumerate() {
            if params[j + 1..].iter().any(|(later, _)| later == k) {
                continue;
            }
            if !first {
                out.push(b',');
            }
            first = false;
            super::write_str(&mut out, k);
            out.push(b':');
            super::write_str(&mut out, v);
        }
        out.push(b'}');
    }
    out.push(b'}');
    // Only UTF-8 went in: ids, names and values are `str`.
    String::from_utf8(out).unwrap_or_default()
}

/// The record of a parsed line.
pub fn to_record(m: Message<'_>, line: u64) -> Record<'_> {
    let sd = (!m.structured_data.is_empty()).then(|| structured_data_json(&m.structured_data));
    record_of(m, sd, line)
}

/// The last structured data the usual path read, as text and as JSON.
/// Consecutive lines often carry the same (one app's constant `[meta ...]`,
/// rsyslog's `[timeQuality ...]`): that then costs a compare and a copy, not
/// a parse. Kept for one input.
#[derive(Debug, Default)]
pub struct SdCache {
    text: Vec<u8>,
    json: String,
    /// Misses since the last hit: data that changes line by line is not
    /// copied in every time (that copy cost more than the parse it saves).
    misses: u32,
}

impl SdCache {
    /// Keep the structured data just read (`text`, written as `json`): after
    /// a hit or a few misses, then once in a while only.
    fn missed(&mut self, text: &[u8], json: &str) {
        self.misses = self.misses.saturating_add(1);
        if self.misses <= 4 || self.misses.is_multiple_of(64) {
            self.text.clear();
            self.text.extend_from_slice(text);
            self.json.clear();
            self.json.push_str(json);
        }
    }
}

/// The record of a line: [`parse_line`] then [`to_record`], with the
/// structured data written as JSON while it is read (`tests::
/// the_direct_record_is_the_general_one` holds the two ways to the same
/// record), and the usual RFC 5424 line read in one pass ([`usual_rfc5424`]).
pub fn parse_record(b: &[u8], now: Micros, line: u64) -> Result<Record<'_>, Fault> {
    parse_record_with(b, now, line, &mut SdCache::default())
}

/// [`parse_record`], the structured data of the line before in `cache`.
pub fn parse_record_with<'a>(
    b: &'a [u8],
    now: Micros,
    line: u64,
    cache: &mut SdCache,
) -> Result<Record<'a>, Fault> {
    if let Some(rec) = usual_rfc5424(b, line, cache) {
        return Ok(rec);
    }
    let mut sd = SdJson::new(b.len());
    match parse_with(b, now, &mut sd) {
        _ if sd.general => parse_line(b, now).map(|m| to_record(m, line)),
        Ok(m) => Ok(record_of(m, sd.finish(), line)),
        Err(e) => Err(e),
    }
}

/// The bytes of the little-endian word `w` that are not printable US-ASCII
/// (33 to 126), flagged by their high bit: exact per byte (no carry or
/// borrow crosses a byte), so every flag can be used, not just the lowest.
#[inline]
fn not_printable(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low = w & !HIGH;
    // Below 33: the low seven bits plus 95 stay under 128, high bit clear.
    let below = !((low + ONES * 95) | w);
    // 127 and up: the low seven bits plus one reach 128, or the high bit.
    let above = (low + ONES) | w;
    (below | above) & HIGH
}

/// The index of each of the next `N` spaces from `i`, the bytes between
/// them printable US-ASCII: found eight bytes at a time (the last few one by
/// one). `None` when a byte that is neither comes first, or the line ends.
fn spaces<const N: usize>(b: &[u8], mut i: usize) -> Option<[usize; N]> {
    let mut at = [0usize; N];
    let mut n = 0;
    while let Some(chunk) = b.get(i..i + 8) {
        let mut stops = not_printable(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        while stops != 0 {
            let j = i + (stops.trailing_zeros() / 8) as usize;
            if b[j] != b' ' {
                return None;
            }
            at[n] = j;
            n += 1;
            if n == N {
                return Some(at);
            }
            stops &= stops - 1;
        }
        i += 8;
    }
    for (j, &c) in b.iter().enumerate().skip(i) {
        if !(33..=126).contains(&c) {
            if c != b' ' {
                return None;
            }
            at[n] = j;
            n += 1;
            if n == N {
                return Some(at);
            }
        }
    }
    None
}

/// Bytes of an SD-NAME the usual path takes: printable US-ASCII but `=`,
/// `]`, `"` (which end it) and `\` (which JSON would escape).
static SD_NAME: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 33;
    while c <= 126 {
        t[c] = !matches!(c as u8, b'=' | b']' | b'"' | b'\\');
        c += 1;
    }
    t
};

/// Bytes of a PARAM-VALUE the usual path copies as they are: all but `"`
/// (which ends it), `\` and `]` (an escape, a fault) and controls (which
/// JSON escapes).
static SD_VALUE: [bool; 256] = {
    let mut t = [true; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = false;
        c += 1;
    }
    t[b'"' as usize] = false;
    t[b'\\' as usize] = false;
    t[b']' as usize] = false;
    t
};

/// The usual RFC 5424 line, read in one pass straight into its record (no
/// [`Message`], no sink): a UTF-8 line whose header fields fit, whose
/// structured data has no escape, control, repeated name or more than 4
/// elements or 8 params in one, and whose message follows a space. `None`
/// for anything else, which [`parse_record`] then reads the general way
/// (that way also locates every fault). `tests::the_usual_path_is_the_
/// general_one` holds the two to the same record.
fn usual_rfc5424<'a>(b: &'a [u8], line: u64, cache: &mut SdCache) -> Option<Record<'a>> {
    // <PRI>: 1 to 3 digits, no leading zero, at most 191.
    if b.first() != Some(&b'<') {
        return None;
    }
    let (mut pri, mut i) = (0u32, 1);
    while i < 5 && i < b.len() && b[i].is_ascii_digit() {
        pri = pri * 10 + u32::from(b[i] - b'0');
        i += 1;
    }
    if !(2..=4).contains(&i) || b.get(i) != Some(&b'>') || (i > 2 && b[1] == b'0') || pri > 191 {
        return None;
    }
    // VERSION: 1 to 999 (read, not kept), then a space.
    i += 1;
    let v = i;
    while i < v + 4 && i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    if !(1..=3).contains(&(i - v)) || b[v] == b'0' || b.get(i) != Some(&b' ') {
        return None;
    }
    i += 1;
    // TIMESTAMP: the usual one is 24 bytes (milliseconds and `Z`), tried
    // first (a strict RFC 3339 time holds no space, so it is the token).
    let usual = match b.get(i + 24) {
        Some(b' ') => time::parse_rfc3339(&b[i..i + 24], true).ok(),
        _ => None,
    };
    let (timestamp, ts_end) = match usual {
        Some(t) => (Some(t), i + 24),
        None => {
            let end = spaces::<1>(b, i)?[0];
            match &b[i..end] {
                b"-" => (None, end),
                t => (Some(time::parse_rfc3339(t, true).ok()?), end),
            }
        }
    };
    let at = spaces::<4>(b, ts_end + 1)?;
    let s = super::str_of(b).ok()?;
    // HOSTNAME, APP-NAME, PROCID, MSGID: 1 to `max` bytes, `-` for none.
    let mut from = ts_end + 1;
    let mut fields: [Option<&str>; 4] = [None; 4];
    for (k, max) in [255, 48, 128, 32].into_iter().enumerate() {
        let end = at[k];
        match end - from {
            0 => return None,
            1 if b[from] == b'-' => {}
            n if n > max => return None,
            _ => fields[k] = Some(s.get(from..end)?),
        }
        from = end + 1;
    }
    let [host, app, procid, msgid] = fields;
    i = from;
    let mut sd = None;
    match b.get(i) {
        Some(b'-') => i += 1,
        Some(b'[') => {
            let n = cache.text.len();
            // The same text, and nothing more (a `[` would be another element).
            if n > 0 && b[i..].starts_with(&cache.text) && matches!(b.get(i + n), None | Some(b' '))
            {
                i += n;
                cache.misses = 0;
                sd = Some(cache.json.clone());
            } else {
                let mut out = String::with_capacity((b.len() - i + 16).min(256));
                let end = usual_sd(b, s, i, &mut out)?;
                cache.missed(&b[i..end], &out);
                i = end;
                sd = Some(out);
            }
        }
        _ => return None,
    }
    let message = match b.get(i) {
        None => "",
        Some(b' ') => s.get(i + 1..)?,
        Some(_) => return None,
    };
    let fac = Val::Str(Cow::Borrowed(FACILITIES[(pri >> 3) as usize % 24]));
    let fields = match (host, app, procid, msgid, sd) {
        // The usual line has them all: one move, no push per field.
        (Some(h), Some(a), Some(p), Some(m), Some(sd)) => vec![
            (Cow::Borrowed("facility"), fac),
            (Cow::Borrowed("host"), str_val(h)),
            (Cow::Borrowed("appName"), str_val(a)),
            (Cow::Borrowed("procId"), str_val(p)),
            (Cow::Borrowed("msgId"), str_val(m)),
            (Cow::Borrowed("structuredData"), Val::Object(sd)),
        ],
        (host, app, procid, msgid, sd) => {
            let mut fields: Vec<(Cow<'_, str>, Val<'_>)> = Vec::with_capacity(6);
            fields.push((Cow::Borrowed("facility"), fac));
            for (k, v) in [
                ("host", host),
                ("appName", app),
                ("procId", procid),
                ("msgId", msgid),
            ] {
                if let Some(v) = v {
                    fields.push((Cow::Borrowed(k), str_val(v)));
                }
            }
            if let Some(sd) = sd {
                fields.push((Cow::Borrowed("structuredData"), Val::Object(sd)));
            }
            fields
        }
    };
    Some(Record {
        line,
        text: "",
        level: Level::from_syslog((pri & 7) as u8),
        timestamp,
        message: Some(Val::Str(Cow::Borrowed(message))),
        fields,
        environment: None,
        trace_id: None,
        stack_trace: None,
        error_name: None,
    })
}

/// A borrowed header field as a metadata value.
fn str_val(v: &str) -> Val<'_> {
    Val::Str(Cow::Borrowed(v))
}

/// [`usual_rfc5424`]'s structured data from the `[` at `i`, written to
/// `out` as [`structured_data_json`] writes it; the index after it, or
/// `None` for a line the usual path does not take.
fn usual_sd(b: &[u8], s: &str, mut i: usize, out: &mut String) -> Option<usize> {
    let name = |i: usize| -> Option<&str> {
        let mut j = i;
        while j < b.len() && SD_NAME[b[j] as usize] {
            j += 1;
        }
        if j == i || j - i > 32 {
            return None;
        }
        s.get(i..j)
    };
    let mut ids: [&str; 4] = [""; 4];
    let mut nids = 0;
    while b.get(i) == Some(&b'[') {
        let id = name(i + 1)?;
        if nids == ids.len() || ids[..nids].contains(&id) {
            return None;
        }
        ids[nids] = id;
        out.push_str(if nids == 0 { "{\"" } else { ",\"" });
        nids += 1;
        out.push_str(id);
        out.push_str("\":{");
        i += 1 + id.len();
        let mut names: [&str; 8] = [""; 8];
        let mut nnames = 0;
        loop {
            match b.get(i) {
                Some(b']') => {
                    i += 1;
                    break;
                }
                Some(b' ') => i += 1,
                _ => return None,
            }
            let k = name(i)?;
            if nnames == names.len() || names[..nnames].contains(&k) {
                return None;
            }
            names[nnames] = k;
            i += k.len();
            if b.get(i..i + 2) != Some(b"=\"") {
                return None;
            }
            i += 2;
            let start = i;
            while i < b.len() && SD_VALUE[b[i] as usize] {
                i += 1;
            }
            if b.get(i) != Some(&b'"') {
                return None;
            }
            out.push_str(if nnames == 0 { "\"" } else { ",\"" });
            nnames += 1;
            out.push_str(k);
            out.push_str("\":");
            // The value with its quotes: it needs no escape.
            i += 1;
            out.push_str(s.get(start - 1..i)?);
        }
        out.push('}');
    }
    out.push('}');
    Some(i)
}

fn record_of<'a>(m: Message<'a>, sd: Option<String>, line: u64) -> Record<'a> {
    let mut fields: Vec<(Cow<'a, str>, Val<'a>)> = Vec::with_capacity(6);
    let fac = FACILITIES[m.facility() as usize % 24];
    fields.push((Cow::Borrowed("facility"), Val::Str(Cow::Borrowed(fac))));
    for (k, v) in [
        ("host", m.hostname),
        ("appName", m.appname),
        ("procId", m.procid),
        ("msgId", m.msgid),
    ] {
        if let Some(v) = v {
            fields.push((Cow::Borrowed(k), Val::Str(v)));
        }
    }
    if let Some(sd) = sd {
        fields.push((Cow::Borrowed("structuredData"), Val::Object(sd)));
    }
    Record {
        line,
        text: "",
        level: Level::from_syslog(m.pri.unwrap_or(13) & 7),
        timestamp: m.timestamp,
        message: Some(Val::Str(m.message.unwrap_or(Cow::Borrowed("")))),
        fields,
        ..Record::default()
    }
}

pub fn parse(
    input: &mut dyn BufRead,
    opts: &Options,
    f: &mut (impl super::Sink + ?Sized),
) -> io::Result<bool> {
    let mut cache = SdCache::default();
    super::byte_lines(input, opts, f, |bytes, no| {
        parse_record_with(bytes, opts.now, no, &mut cache)
            .map_err(|(at, what)| Invalid::new(no, Some(at as u64 + 1), what))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Message<'_> {
        parse_line(s.as_bytes(), time::now()).unwrap()
    }

    #[test]
    fn rfc5424_fields() {
        let m = p(
            r#"<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application"][x a="q\"\]\\"] An application event"#,
        );
        assert_eq!(m.priority(), 165);
        assert_eq!((m.facility(), m.severity()), (20, 5));
        assert_eq!(m.version, Some(1));
        assert_eq!(
            time::to_rfc3339(m.timestamp.unwrap()),
            "2003-10-11T22:14:15.003000Z"
        );
        assert_eq!(m.hostname.as_deref(), Some("mymachine.example.com"));
        assert_eq!(m.appname.as_deref(), Some("evntslog"));
        assert_eq!(m.procid, None);
        assert_eq!(m.msgid.as_deref(), Some("ID47"));
        assert_eq!(
            m.structured_data[0].1[1],
            ("eventSource", Cow::from("Application"))
        );
        assert_eq!(m.structured_data[1].1[0], ("a", Cow::from("q\"]\\")));
        assert_eq!(m.message.as_deref(), Some("An application event"));
    }

    #[test]
    fn rfc5424_faults_are_located() {
        let e = parse_line(b"<1>1 - - - - - X", 0).unwrap_err();
        assert_eq!(e.0, 15);
        assert!(parse_line(b"<192>1 - - - - - -", 0).is_err());
        assert!(parse_line(b"<1>1 - - - - - [a][a]", 0).is_err());
        assert!(parse_line(b"<1>1 2003-09-31T22:14:15Z - - - - -", 0).is_err());
        // RFC 5424 6.3.3: other backslashes are literal.
        let m = p(r#"<1>1 - - - - - [a b="x\ny"]"#);
        assert_eq!(m.structured_data[0].1[0].1, "x\\ny");
    }

    #[test]
    fn rfc3164_lenient() {
        let m = p("<34>Oct 11 22:14:15 mymachine su[12]: 'su root' failed");
        assert_eq!(m.hostname.as_deref(), Some("mymachine"));
        assert_eq!(m.appname.as_deref(), Some("su"));
        assert_eq!(m.procid.as_deref(), Some("12"));
        assert_eq!(m.message.as_deref(), Some("'su root' failed"));
        let m = p("<13>Feb  5 17:32:18 10.0.0.99 Use the BFG!");
        assert_eq!(m.hostname.as_deref(), Some("10.0.0.99"));
        assert_eq!(m.appname, None);
        assert_eq!(m.message.as_deref(), Some("Use the BFG!"));
        let m = p("Oct 11 22:14:15 host.example app[123]: no PRI");
        assert_eq!((m.pri, m.priority()), (None, 13));
        assert_eq!(m.message.as_deref(), Some("no PRI"));
        let m = p("122 - - - - - -");
        assert_eq!(m.message.as_deref(), Some("122 - - - - - -"));
        let m = p("<14>2010-08-30T23:00:05Z X4711 AAAA");
        assert_eq!(m.hostname.as_deref(), Some("X4711"));
        assert_eq!(m.message.as_deref(), Some("AAAA"));
        assert!(parse_line(b"<87]123 -", 0).is_err());
    }

    /// The general way to a record: the [`Message`], then its record.
    fn general(b: &[u8], now: Micros) -> Result<Record<'_>, Fault> {
        parse_line(b, now).map(|m| to_record(m, 7))
    }

    /// Lines with every structured-data case, and the shared corpora's
    /// inputs when present (`tests/ingest_corpora.rs` checks those against
    /// their expected values).
    fn sample_lines() -> Vec<Vec<u8>> {
        let mut lines: Vec<Vec<u8>> = [
            &br#"<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application"][x a="q\"\]\\"] An application event"#[..],
            br#"<12>1 2026-11-22T10:00:00.000Z web0 app 1000 ID0 [meta status="200"] request 0"#,
            br#"<1>1 - - - - - [a b="1" b="2" c="3"] repeated name keeps the last"#,
            br#"<1>1 - - - - - [a][b x=""][c y="\n\q"]"#,
            br"<1>1 - - - - - [a][a] duplicate id",
            br#"<1>1 - - - - - [e1][e2][e3][e4][e5][e6][e7][e8][e9 k="v"] nine elements"#,
            br#"<1>1 - - - - - [a p1="1" p2="2" p3="3" p4="4" p5="5" p6="6" p7="7" p8="8" p9="9" p10="10" p11="11" p12="12" p13="13" p14="14" p15="15" p16="16" p17="17"]"#,
            b"<1>1 - - - - - [a k=\"tab\there \xc3\xa9 \x01\"] ctl",
            b"<1>1 - h\xffst - - - - latin",
            b"<1>1 - - - - - - fond\xfc",
            b"<1>1 - - - - - - \xef\xbb\xbfok",
            b"<1>1 - - - - - [a k=\"\xff\"]",
            br"<34>Oct 11 22:14:15 mymachine su[12]: 'su root' failed",
            b"2026-12-01T10:00:00.123456+00:00 web-1 sshd[42]: accepted",
            b"<1>1 2003-10-11T22:14:15.003Z 0123456789012345678901234567890123456789012345678901234567890123456789 a b c -",
        ]
        .iter()
        .map(|l| l.to_vec())
        .collect();
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/go-syslog");
        for f in [
            "rfc5424_cases.jsonl",
            "rfc5424_generated_cases.jsonl",
            "rfc5424_noncompliant_cases.jsonl",
            "rfc3164_cases.jsonl",
        ] {
            let Ok(text) = std::fs::read_to_string(dir.join(f)) else {
                continue;
            };
            for l in text.lines() {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                if let Some(s) = v["input"].as_str() {
                    lines.push(s.as_bytes().to_vec());
                }
            }
        }
        lines
    }

    /// `parse_record` (structured data written while read, the line checked
    /// once) gives exactly the record, or the fault, of the general way:
    /// over the sample lines, every one-byte change of them, and cuts.
    #[test]
    fn the_direct_record_is_the_general_one() {
        let now = time::now();
        let swaps = [
            b' ', b'"', b'\\', b']', b'[', b'=', b'-', b'a', 0xff, 0xc3, b'\n',
        ];
        let mut n = 0;
        for line in sample_lines() {
            let mut check = |b: &[u8]| {
                n += 1;
                assert_eq!(
                    parse_record(b, now, 7),
                    general(b, now),
                    "{:?}",
                    String::from_utf8_lossy(b)
                );
            };
            check(&line);
            for cut in 0..line.len() {
                check(&line[..cut]);
            }
            if line.len() > 200 {
                continue;
            }
            for i in 0..line.len() {
                for &c in &swaps {
                    let mut b = line.clone();
                    b[i] = c;
                    check(&b);
                }
            }
        }
        assert!(n > 10_000, "{n} lines checked");
    }

    /// Lines of every shape the usual path may take or must leave: each
    /// header field at its limits, `-`, structured data of one to five
    /// elements and up to nine params, values with UTF-8, an empty message,
    /// a BOM.
    fn usual_shapes() -> Vec<Vec<u8>> {
        let long = |n: usize| "x".repeat(n);
        let pris = ["<0>", "<13>", "<191>", "<07>", "<192>"];
        let versions = ["1", "999", "0", "1000"];
        let times = [
            "-",
            "2026-11-22T10:00:00.000Z",
            "2003-10-11T22:14:15.003+02:00",
            "2003-09-31T22:14:15Z",
        ];
        let hosts = ["-".to_string(), "web0".into(), long(255), long(256)];
        let apps = ["app".to_string(), long(48), long(49)];
        let procids = ["1000".to_string(), "-".into(), long(129)];
        let msgids = ["ID0".to_string(), long(32), long(33), "-".into()];
        let sds = [
            "-".to_string(),
            r#"[meta status="200"]"#.into(),
            "[a][b x=\"\"][c y=\"caf\u{e9} ok\"]".into(),
            "[e1][e2][e3][e4]".into(),
            "[e1][e2][e3][e4][e5]".into(),
            (1..=8).fold("[p".to_string(), |a, n| format!("{a} k{n}=\"{n}\"")) + "]",
            (1..=9).fold("[p".to_string(), |a, n| format!("{a} k{n}=\"{n}\"")) + "]",
            r#"[a k="1" k="2"]"#.into(),
            r#"[a k="1"][a j="2"]"#.into(),
            format!("[{} k=\"v\"]", long(32)),
            format!("[{} k=\"v\"]", long(33)),
        ];
        let msgs = ["", " ", " request 0 served", " \u{feff}bom", "x"];
        let mut out = Vec::new();
        let base = [pris[1], versions[0], times[1], "web0", "app", "1000", "ID0"];
        // Every field's every choice, the others as in the usual line.
        for (k, choices) in [
            pris.iter().map(|s| (*s).to_string()).collect::<Vec<_>>(),
            versions.iter().map(|s| (*s).to_string()).collect(),
            times.iter().map(|s| (*s).to_string()).collect(),
            hosts.to_vec(),
            apps.to_vec(),
            procids.to_vec(),
            msgids.to_vec(),
        ]
        .iter()
        .enumerate()
        {
            for c in choices {
                let mut f: Vec<String> = base.iter().map(|s| (*s).to_string()).collect();
                f[k].clone_from(c);
                for sd in &sds {
                    for m in msgs {
                        let head = format!(
                            "{}{} {} {} {} {} {}",
                            f[0], f[1], f[2], f[3], f[4], f[5], f[6]
                        );
                        out.push(format!("{head} {sd}{m}").into_bytes());
                    }
                }
            }
        }
        out
    }

    /// The usual path gives the general way's record whenever it takes a
    /// line: over the shapes above, the sample lines, and every one-byte
    /// change and cut of the usual line; and it does take the usual ones.
    #[test]
    fn the_usual_path_is_the_general_one() {
        let now = time::now();
        let (mut n, mut taken) = (0, 0);
        // One cache over all the lines (as an input's), one per line.
        let mut cache = SdCache::default();
        let mut check = |b: &[u8]| {
            n += 1;
            let alone = usual_rfc5424(b, 7, &mut SdCache::default());
            if let Some(rec) = usual_rfc5424(b, 7, &mut cache) {
                taken += 1;
                assert_eq!(Ok(rec), general(b, now), "{:?}", String::from_utf8_lossy(b));
            }
            if let Some(rec) = alone {
                assert_eq!(Ok(rec), general(b, now), "{:?}", String::from_utf8_lossy(b));
            }
        };
        let usual = br#"<12>1 2026-11-22T10:00:00.000Z web0 app 1000 ID0 [meta status="200"] request 0 served from cache"#;
        let swaps = [
            b' ', b'"', b'\\', b']', b'[', b'=', b'-', b'a', b'0', 0xff, 0xc3, b'\t', 0x7f, b'!',
        ];
        for i in 0..usual.len() {
            check(&usual[..i]);
            for &c in &swaps {
                let mut b = usual.to_vec();
                b[i] = c;
                check(&b);
            }
        }
        for line in usual_shapes().iter().chain(&sample_lines()) {
            check(line);
        }
        assert!(n > 3_000 && taken > 1_000, "{taken} of {n} lines taken");
        for line in [
            &usual[..],
            br#"<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application"] An application event"#,
            b"<1>1 - - - - - - -",
            // A space 24 bytes on, after a shorter time.
            b"<1>1 2026-11-22T10:00:00Z abc d - - - msg",
            b"<191>999 - h a p m [x]",
        ] {
            let rec = usual_rfc5424(line, 7, &mut SdCache::default());
            assert!(rec.is_some(), "{:?}", String::from_utf8_lossy(line));
        }
    }

    /// A line with the structured data of the line before takes its JSON
    /// from the cache (which the test marks to tell); one with more after
    /// it, or other data, does not.
    #[test]
    fn the_same_structured_data_is_taken_from_the_cache() {
        let sd_of = |b: &'static [u8], cache: &mut SdCache| {
            let rec = usual_rfc5424(b, 1, cache).unwrap();
            rec.fields
                .iter()
                .find(|(k, _)| k == "structuredData")
                .map(|(_, v)| v.to_value())
        };
        let mut cache = SdCache::default();
        let first = sd_of(
            br#"<12>1 - web0 app 1 ID0 [meta status="200"] one"#,
            &mut cache,
        );
        assert_eq!(first, Some(serde_json::json!({"meta": {"status": "200"}})));
        cache.json = r#"{"marked":{}}"#.to_string();
        let marked = Some(serde_json::json!({"marked": {}}));
        let lines: [(&[u8], bool); 5] = [
            (br#"<14>1 - web1 app 2 ID1 [meta status="200"] two"#, true),
            (br#"<14>1 - web1 app 2 ID1 [meta status="200"]"#, true),
            (
                br#"<14>1 - web1 app 2 ID1 [meta status="200"][x] more"#,
                false,
            ),
            (
                br#"<14>1 - web1 app 2 ID1 [meta status="500"] other"#,
                false,
            ),
            (
                br#"<14>1 - web1 app 2 ID1 [meta status="500"] again"#,
                false,
            ),
        ];
        for (line, hit) in lines {
            let was_marked = cache.json.contains("marked");
            let sd = sd_of(line, &mut cache);
            assert_eq!(
                hit,
                was_marked && sd == marked,
                "{:?}",
                String::from_utf8_lossy(line)
            );
        }
        // The last one came from the cache filled by the one before.
        assert_eq!(cache.json, r#"{"meta":{"status":"500"}}"#);
        assert_eq!(cache.misses, 0);
        // Data that changes line by line stops being copied in, and data
        // that then stays the same is taken in again.
        let lines: Vec<String> = (0..300)
            .map(|n| format!("<14>1 - h a 1 m [meta n=\"{}\"] x", n.min(200)))
            .collect();
        let mut kept = 0;
        for (n, line) in lines.iter().enumerate() {
            let before = cache.text.clone();
            usual_rfc5424(line.as_bytes(), 1, &mut cache).unwrap();
            if n < 200 && cache.text != before {
                kept += 1;
            }
        }
        assert!((5..=10).contains(&kept), "{kept} of 200 changes kept");
        assert_eq!(cache.misses, 0, "the steady data is hit");
        assert_eq!(cache.text, br#"[meta n="200"]"#);
    }

    #[test]
    fn latin1_fallback() {
        let m = parse_line(b"<1>1 - - - - - - fond\xfc", 0).unwrap();
        assert_eq!(m.message.as_deref(), Some("fond\u{fc}"));
        assert!(parse_line(b"<1>1 - - - - - - \xef\xbb\xbf\xc1", 0).is_err());
    }
}
