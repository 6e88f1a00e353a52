//! Trace id resolution (PRODUCT.md §2, trace): `--trace-id`,
//! `metadata.traceId`, `AURALOG_TRACE_ID`, `TRACEPARENT` (its trace-id part),
//! the id saved by `auralog trace set`, else a fresh UUID v4 per invocation.

use std::path::PathBuf;

use crate::output;

/// Where `auralog trace set` keeps the saved id.
pub fn saved_path() -> PathBuf {
    crate::sys::state_dir().join("trace_id")
}

/// The saved trace id, if any. A saved file that does not hold a valid id
/// (edited by hand, truncated) is ignored with a warning.
pub fn saved() -> Option<String> {
    let path = saved_path();
    let s = std::fs::read_to_string(&path).ok()?;
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    match validate(s) {
        Ok(()) => Some(s.to_string()),
        Err(why) => {
            output::warn(&format!(
                "{}: ignoring the saved trace id: {why}",
                path.display()
            ));
            None
        }
    }
}

/// Longest trace id `auralog trace set` accepts.
pub const MAX_LEN: usize = 128;

/// Check an id given to `auralog trace set`: non-empty, at most
/// [`MAX_LEN`] characters, visible ASCII only (no spaces or control
/// characters), because it travels in HTTP headers (`X-Trace-Id`) and shell
/// `export` lines.
pub fn validate(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("the trace id is empty".into());
    }
    if id.len() > MAX_LEN {
        return Err(format!(
            "the trace id is {} characters long (at most {MAX_LEN})",
            id.len()
        ));
    }
    if let Some(c) = id.chars().find(|c| !c.is_ascii_graphic()) {
        return Err(format!(
            "the trace id contains {} (only visible ASCII characters, no spaces)",
            match c {
                ' ' => "a space".to_string(),
                c if c.is_control() => format!("a control character (U+{:04X})", c as u32),
                c => format!("'{c}'"),
            }
        ));
    }
    Ok(())
}

/// Quote a value for a POSIX shell, only when it needs it.
pub fn shell_quote(s: &str) -> String {
    let plain = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.:/@%+=,".contains(&b));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// A fresh UUID v4.
pub fn fresh() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Where the resolved id came from (shown by `trace get --verbose`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Flag,
    Metadata,
    Env,
    TraceParent,
    Saved,
    Fresh,
}

impl Origin {
    /// Where the id came from, in words.
    pub fn describe(self) -> &'static str {
        match self {
            Origin::Flag => "--trace-id",
            Origin::Metadata => "metadata.traceId",
            Origin::Env => "AURALOG_TRACE_ID",
            Origin::TraceParent => "TRACEPARENT",
            Origin::Saved => "the id saved by `auralog trace set`",
            Origin::Fresh => "a fresh id (nothing set)",
        }
    }
}

/// Resolve the trace id for this invocation.
pub fn resolve(flag: Option<&str>, meta: Option<&str>) -> String {
    resolve_with_origin(flag, meta).0
}

pub fn resolve_with_origin(flag: Option<&str>, meta: Option<&str>) -> (String, Origin) {
    let nonempty = |s: &str| !s.trim().is_empty();
    if let Some(f) = flag.filter(|s| nonempty(s)) {
        return (f.to_string(), Origin::Flag);
    }
    if let Some(m) = meta.filter(|s| nonempty(s)) {
        return (m.to_string(), Origin::Metadata);
    }
    if let Ok(e) = std::env::var("AURALOG_TRACE_ID") {
        if nonempty(&e) {
            return (e.trim().to_string(), Origin::Env);
        }
    }
    if let Ok(tp) = std::env::var("TRACEPARENT") {
        if nonempty(&tp) {
            match parse_traceparent(&tp) {
                Ok(id) => return (id, Origin::TraceParent),
                Err(why) => output::warn(&format!(
                    "ignoring malformed TRACEPARENT '{}': {why}",
                    output::sanitize(&tp)
                )),
            }
        }
    }
    if let Some(s) = saved() {
        return (s, Origin::Saved);
    }
    (fresh(), Origin::Fresh)
}

/// Parse a W3C `traceparent` (`00-<32 hex>-<16 hex>-<2 hex>`) and return its
/// trace-id as a dashed UUID, so ids round-trip with `trace exec`.
pub fn parse_traceparent(tp: &str) -> Result<String, String> {
    let parts: Vec<&str> = tp.trim().split('-').collect();
    if parts.len() < 4 {
        return Err("expected version-traceid-parentid-flags".into());
    }
    let (version, trace, parent, flags) = (parts[0], parts[1], parts[2], parts[3]);
    let is_hex = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    };
    if version.len() != 2 || !is_hex(version) || version == "ff" {
        return Err("bad version".into());
    }
    if version == "00" && parts.len() != 4 {
        return Err("version 00 has exactly four fields".into());
    }
    if trace.len() != 32 || !is_hex(trace) {
        return Err("trace-id must be 32 lowercase hex digits".into());
    }
    if trace.bytes().all(|b| b == b'0') {
        return Err("trace-id is all zeros".into());
    }
    if parent.len() != 16 || !is_hex(parent) {
        return Err("parent-id must be 16 lowercase hex digits".into());
    }
    if parent.bytes().all(|b| b == b'0') {
        return Err("parent-id is all zeros".into());
    }
    if flags.len() != 2 || !is_hex(flags) {
        return Err("flags must be 2 hex digits".into());
    }
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &trace[..8],
        &trace[8..12],
        &trace[12..16],
        &trace[16..20],
        &trace[20..]
    ))
}

/// The 32-hex W3C form of a trace id: a UUID without dashes; any other id is
/// hashed into 32 hex digits so a TRACEPARENT can always be formed.
pub fn to_w3c(id: &str) -> String {
    let hex: String = id
        .chars()
        .filter(|c| *c != '-')
        .collect::<String>()
        .to_ascii_lowercase();
    if hex.len() == 32
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
        && !hex.bytes().all(|b| b == b'0')
    {
        return hex;
    }
    // FNV-1a, twice with different seeds: stable, not cryptographic.
    let fnv = |seed: u64| {
        let mut h = seed;
        for b in id.bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h
    };
    format!(
        "{:016x}{:016x}",
        fnv(0xcbf2_9ce4_8422_2325),
        fnv(0x8422_2325_cbf2_9ce4)
    )
}

/// A W3C `traceparent` for a trace id, with a fresh random parent id.
pub fn traceparent(id: &str) -> String {
    let parent = loop {
        let p = fastrand::u64(..);
        if p != 0 {
            break p;
        }
    };
    format!("00-{}-{:016x}-01", to_w3c(id), parent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traceparent_roundtrip() {
        let id = "4bf92f35-77b3-4da6-a3ce-929d0e0e4736";
        let tp = traceparent(id);
        assert!(tp.starts_with("00-4bf92f3577b34da6a3ce929d0e0e4736-"));
        assert!(tp.ends_with("-01"));
        assert_eq!(parse_traceparent(&tp).unwrap(), id);
    }

    #[test]
    fn traceparent_rejects_malformed() {
        for bad in [
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
            "garbage",
        ] {
            assert!(parse_traceparent(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn validates_saved_ids() {
        assert!(validate("4bf92f35-77b3-4da6-a3ce-929d0e0e4736").is_ok());
        assert!(validate("deploy-42").is_ok());
        assert!(validate(&"x".repeat(MAX_LEN)).is_ok());
        assert!(validate("").is_err());
        assert!(validate(&"x".repeat(MAX_LEN + 1)).is_err());
        assert!(validate("a b").unwrap_err().contains("space"));
        assert!(validate("a\x1bb").unwrap_err().contains("U+001B"));
        assert!(validate("caf\u{e9}").is_err());
    }

    #[test]
    fn shell_quoting() {
        assert_eq!(shell_quote("deploy-ab12cd34"), "deploy-ab12cd34");
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote("$(rm)"), "'$(rm)'");
        assert_eq!(shell_quote(""), "''");
    }

    #[test]
    fn w3c_of_non_uuid_is_stable_hex() {
        let a = to_w3c("deploy-42");
        assert_eq!(a.len(), 32);
        assert_eq!(a, to_w3c("deploy-42"));
    }
}
