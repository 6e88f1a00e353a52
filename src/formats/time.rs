//! The wire timestamp's reading and writing, under the name the formats
//! and commands have always used: it lives in `wire::time` (a leaf), so
//! that THE reading (`reading::time`) uses it without importing `formats`.

pub use crate::wire::time::*;
