//! An entry by its parts, before anything is serialised: what
//! `formats::EntryWriter` holds for a record (level, message, time,
//! metadata in the entry's order) handed to an output that encodes from
//! parts ([`EncodeParts`]: OTLP), so ingest writes such an output's records
//! straight into its batches instead of writing wire JSON that the output
//! reads back. Which metadata an entry has, in what order and under what
//! keys, is still decided in one place (`EntryWriter::each_meta`); this is
//! only the view of it.

use super::level::Level;

/// One metadata value as the reading holds it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MetaVal<'a> {
    /// Valid JSON text (a number, literal, string, object or array).
    Json(&'a str),
    /// A string.
    Str(&'a str),
    /// A count (a line number).
    UInt(u64),
}

/// The metadata of one entry: calls its argument with each key and value,
/// in the entry's order.
pub type Metadata<'a> = &'a dyn Fn(&mut dyn FnMut(&str, MetaVal<'_>));

/// One entry by its parts (the wire entry's fields, PROTOCOL.md).
pub struct EntryParts<'a> {
    pub level: Level,
    pub message: &'a str,
    pub environment: &'a str,
    /// Microseconds since the Unix epoch.
    pub time_micros: i64,
    pub metadata: Metadata<'a>,
    pub stack_trace: Option<&'a str>,
    pub trace_id: &'a str,
}

/// An output's encoding of an entry given by its parts, appended to a batch
/// buffer exactly as the output's own encoding of the same entry's wire
/// JSON would be. `observed_micros`: when it is encoded (read once per
/// batch by the caller).
pub trait EncodeParts: Send + Sync {
    fn encode_parts(&self, e: &EntryParts<'_>, observed_micros: i64, out: &mut Vec<u8>);
}
