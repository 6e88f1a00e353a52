//! One log entry exactly as it travels on the wire (PROTOCOL.md), and its
//! serde JSON writer. The hot paths write the same JSON by hand in
//! `crate::fastjson`.

use serde::Serialize;
use serde_json::{Map, Value};

use super::level::Level;

/// One log entry exactly as it travels on the wire.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Entry {
    pub level: Level,
    pub message: String,
    pub environment: String,
    pub timestamp: String,
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub metadata: Map<String, Value>,
    #[serde(rename = "stackTrace", skip_serializing_if = "Option::is_none")]
    pub stack_trace: Option<String>,
    #[serde(rename = "traceId")]
    pub trace_id: String,
}

impl Entry {
    /// Append this entry's wire JSON to `out`.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        // Serialising plain strings, maps and numbers into a Vec cannot fail.
        serde_json::to_writer(&mut *out, self).expect("entry serialises");
    }

    pub fn to_json(&self) -> String {
        let mut v = Vec::with_capacity(256);
        self.write_json(&mut v);
        String::from_utf8(v).expect("serde_json writes UTF-8")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_shape_omits_empty() {
        let e = Entry {
            level: Level::Warn,
            message: "m".into(),
            environment: "production".into(),
            timestamp: "2026-11-22T10:00:00.000000Z".into(),
            metadata: Map::new(),
            stack_trace: None,
            trace_id: "t".into(),
        };
        assert_eq!(
            e.to_json(),
            r#"{"level":"warn","message":"m","environment":"production","timestamp":"2026-11-22T10:00:00.000000Z","traceId":"t"}"#
        );
    }
}
