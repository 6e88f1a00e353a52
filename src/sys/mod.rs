//! Process-level concerns every command shares: signals (one stop flag,
//! re-raise on exit), atomic file writes, child processes. Imports nothing
//! above `output`/`exit`, so any command may use it.

pub mod child;
pub mod fsutil;
pub mod signals;
