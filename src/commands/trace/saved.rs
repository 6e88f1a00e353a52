//! `auralog trace set|clear`: the id saved in the state directory, used by
//! every later run (see `trace_id.rs` for where it ranks).

use anyhow::{Context, Result};

use crate::exit::Failure;
use crate::output;
use crate::sys::fsutil::{self, Durability};
use crate::trace_id;

pub(super) fn set(id: &str) -> Result<()> {
    trace_id::validate(id).map_err(|why| Failure::usage(format!("invalid trace id: {why}")))?;
    let path = trace_id::saved_path();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create", dir.display()))?;
    }
    // No fsync: the id is set once and cheap to set again.
    fsutil::write_atomic(
        &path,
        &[format!("{id}\n").as_bytes()],
        None,
        Durability::NoFsync,
    )
    .with_context(|| format!("{}: cannot write", path.display()))?;
    output::verbose(&format!("saved the trace id in {}", path.display()));
    Ok(())
}

pub(super) fn clear() -> Result<()> {
    let path = trace_id::saved_path();
    match std::fs::remove_file(&path) {
        Ok(()) => output::verbose(&format!("removed {}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e).with_context(|| format!("{}: cannot remove", path.display())),
    }
    Ok(())
}
