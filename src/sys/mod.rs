//! Process-level concerns every command shares: signals (one stop flag,
//! re-raise on exit), atomic file writes, child processes. Imports nothing
//! above `output`/`exit`, so any command may use it.

pub mod child;
pub mod fsutil;
pub mod signals;

use std::path::PathBuf;

/// The state directory: `$XDG_STATE_HOME/auralog` (or the platform's):
/// the saved trace id, the cross-run breaker, checkpoints, CI claims.
pub fn state_dir() -> PathBuf {
    dirs::state_dir()
        .or_else(dirs::data_local_dir)
        .or_else(|| dirs::home_dir().map(|h| h.join(".local/state")))
        .unwrap_or_else(std::env::temp_dir)
        .join("auralog")
}
