//! Rules for the text of a line before it is read: ANSI colour codes out,
//! a docker/kubectl `--timestamps` prefix split off as the time, and the
//! default rsyslog file format recognised.

use std::borrow::Cow;

use super::time::{parse_rfc3339, Micros};

/// Whether `b` holds `x`. A record's texts are mostly short, and asked
/// this once or twice each (an ESC? a line end?): up to 256 bytes a loop
/// without early exit, which the compiler turns into vector compares, costs
/// less than memchr's set-up; longer ones go to memchr.
#[allow(clippy::needless_bitwise_bool)] // no early exit: that is what vectorises
pub(crate) fn has_byte(b: &[u8], x: u8) -> bool {
    if b.len() > 256 {
        return memchr::memchr(x, b).is_some();
    }
    let block = |c: &[u8]| {
        let c: &[u8; 16] = c.try_into().expect("16 bytes");
        c.iter().fold(false, |any, &c| any | (c == x))
    };
    if b.len() < 16 {
        return b.iter().fold(false, |any, &c| any | (c == x));
    }
    // Whole blocks of 16, and the last 16 bytes (overlapping): vector
    // compares only, no byte-by-byte remainder (which was half the cost
    // of a 60-byte message).
    let mut blocks = b.chunks_exact(16);
    let any = (&mut blocks).fold(false, |any, c| any | block(c));
    any | (!blocks.remainder().is_empty() && block(&b[b.len() - 16..]))
}

/// The text without ANSI escape sequences: CSI (`ESC [ ... final`), OSC
/// (`ESC ] ... BEL` or `ESC ] ... ESC \`), and two-byte `ESC x`. Borrowed
/// (no allocation) when there is no ESC.
pub fn strip_ansi(s: &str) -> Cow<'_, str> {
    if !has_byte(s.as_bytes(), 0x1b) {
        return Cow::Borrowed(s);
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != 0x1b {
            out.push(b[i]);
            i += 1;
            continue;
        }
        match b.get(i + 1) {
            Some(b'[') => {
                i += 2;
                // Parameter and intermediate bytes, then one final byte.
                while i < b.len() && !(0x40..=0x7e).contains(&b[i]) {
                    i += 1;
                }
                i += 1;
            }
            Some(b']') => {
                i += 2;
                while i < b.len() {
                    if b[i] == 0x07 {
                        i += 1;
                        break;
                    }
                    if b[i] == 0x1b && b.get(i + 1) == Some(&b'\\') {
                        i += 2;
                        break;
                    }
                    i += 1;
                }
            }
            Some(c) if c.is_ascii() => i += 2,
            _ => i += 1,
        }
    }
    // Only whole ASCII sequences were removed: still UTF-8.
    Cow::Owned(
        String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    )
}

/// A leading RFC 3339 time as `docker logs --timestamps` and `kubectl logs
/// --timestamps` write it (`2026-12-01T10:00:00.123456789Z rest`): the time
/// and the rest of the line. `T` and a zone are required, so an
/// application's own `2026-12-01 10:00:00,123 INFO ...` is left alone.
pub fn split_time_prefix(line: &str) -> Option<(Micros, &str)> {
    let b = line.as_bytes();
    if b.len() < 21 || !b[..4].iter().all(u8::is_ascii_digit) || b[4] != b'-' || b[10] != b'T' {
        return None;
    }
    let end = memchr::memchr(b' ', b)?;
    let stamp = &b[..end];
    if !matches!(stamp.last(), Some(b'Z')) && !stamp[19..].iter().any(|c| *c == b'+' || *c == b'-')
    {
        return None;
    }
    let t = parse_rfc3339(stamp, false).ok()?;
    Some((t, &line[end + 1..]))
}

/// One line of the default rsyslog file format
/// (`RSYSLOG_FileFormat`: `TIMESTAMP HOSTNAME TAG MSG`, RFC 3339 time, no
/// priority), e.g. `2026-12-01T10:00:00.123456+00:00 host prog[123]: msg`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RsyslogLine<'a> {
    pub time: Micros,
    pub host: &'a str,
    /// The program (`prog` of `prog[123]:`).
    pub app: &'a str,
    pub pid: Option<&'a str>,
    pub message: &'a str,
}

/// Recognise a line of the default rsyslog file format.
pub fn rsyslog_file_line(line: &str) -> Option<RsyslogLine<'_>> {
    let (stamp, rest) = line.split_once(' ')?;
    let sb = stamp.as_bytes();
    if sb.len() < 20 || sb.get(10) != Some(&b'T') {
        return None;
    }
    // A zone is part of the format: without one it is some other log.
    if !(stamp.ends_with('Z') || sb[19..].iter().any(|c| *c == b'+' || *c == b'-')) {
        return None;
    }
    let time = parse_rfc3339(sb, false).ok()?;
    let (host, rest) = rest.split_once(' ')?;
    // `2026-... INFO app: started` is an application's line, not a host.
    if host.is_empty() || crate::wire::Level::from_word(host).is_some() {
        return None;
    }
    let (tag, message) = match rest.split_once(": ") {
        Some(p) => p,
        None => (rest.strip_suffix(':')?, ""),
    };
    if tag.is_empty() || tag.contains(' ') || tag.len() > 64 {
        return None;
    }
    let (app, pid) = match tag.strip_suffix(']').and_then(|t| t.split_once('[')) {
        Some((app, pid)) if !pid.is_empty() && pid.bytes().all(|c| c.is_ascii_digit()) => {
            (app, Some(pid))
        }
        _ => (tag, None),
    };
    if app.is_empty() {
        return None;
    }
    Some(RsyslogLine {
        time,
        host,
        app,
        pid,
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_byte_is_contains() {
        for len in [0, 1, 7, 15, 16, 17, 31, 32, 33, 60, 255, 256, 257, 1000] {
            for at in (0..len).step_by(len / 40 + 1).chain([len]) {
                let mut b = vec![b'a'; len];
                if at < len {
                    b[at] = 0x1b;
                }
                assert_eq!(has_byte(&b, 0x1b), b.contains(&0x1b), "{len} {at}");
                assert!(!has_byte(&b, b'\n'));
            }
        }
    }
    use crate::wire::time::to_rfc3339;

    #[test]
    fn ansi() {
        assert!(matches!(strip_ansi("plain"), Cow::Borrowed("plain")));
        assert_eq!(strip_ansi("\x1b[31mERROR\x1b[0m boom"), "ERROR boom");
        assert_eq!(strip_ansi("\x1b[1;38;5;196mred\x1b[m"), "red");
        assert_eq!(strip_ansi("\x1b]0;title\x07text"), "text");
        assert_eq!(
            strip_ansi("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\"),
            "link"
        );
        assert_eq!(strip_ansi("é\x1b[2Kà"), "éà");
        assert_eq!(strip_ansi("cut\x1b["), "cut");
    }

    #[test]
    fn docker_prefix() {
        let (t, rest) = split_time_prefix("2019-01-01T11:11:11.111111111Z panic: boom").unwrap();
        assert_eq!(to_rfc3339(t), "2019-01-01T11:11:11.111111Z");
        assert_eq!(rest, "panic: boom");
        let (t, rest) = split_time_prefix("2019-01-01T12:11:11+01:00 x").unwrap();
        assert_eq!(to_rfc3339(t), "2019-01-01T11:11:11.000000Z");
        assert_eq!(rest, "x");
        assert_eq!(split_time_prefix("2019-01-01 11:11:11,123 INFO x"), None);
        assert_eq!(split_time_prefix("2019-01-01T11:11:11 INFO naive"), None);
        assert_eq!(split_time_prefix("hello world"), None);
    }

    #[test]
    fn rsyslog() {
        let l =
            rsyslog_file_line("2026-12-01T10:00:00.123456+00:00 host prog[123]: msg here").unwrap();
        assert_eq!(to_rfc3339(l.time), "2026-12-01T10:00:00.123456Z");
        assert_eq!(
            (l.host, l.app, l.pid, l.message),
            ("host", "prog", Some("123"), "msg here")
        );
        let l = rsyslog_file_line("2026-12-01T10:00:00+01:00 web-1 kernel: [ 0.0] Linux").unwrap();
        assert_eq!((l.app, l.pid, l.message), ("kernel", None, "[ 0.0] Linux"));
        assert_eq!(to_rfc3339(l.time), "2026-12-01T09:00:00.000000Z");
        assert_eq!(rsyslog_file_line("2026-12-01 10:00:00 host prog: x"), None);
        assert_eq!(
            rsyslog_file_line("<13>1 2026-12-01T10:00:00Z host app - - - x"),
            None
        );
        assert_eq!(
            rsyslog_file_line("2026-12-01T10:00:00Z INFO request served in 3 ms"),
            None
        );
        assert_eq!(
            rsyslog_file_line("2026-12-01T10:00:00Z INFO app: started"),
            None
        );
        assert_eq!(rsyslog_file_line("plain text"), None);
    }
}
