//! The wire format (PROTOCOL.md): levels, the entry, the timestamp shape.
//!
//! A leaf of the crate: nothing here imports settings, commands or the
//! sender, so every layer above can use it. Command-line glue that turns
//! options and settings into entries lives in `commands::template`.

pub mod entry;
pub mod level;
pub mod parts;
pub mod time;

pub use entry::Entry;
pub use level::Level;
pub use parts::{EncodeParts, EntryParts, MetaVal};
pub use time::{format_timestamp, now_timestamp};
