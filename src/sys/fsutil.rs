//! One atomic file write for every file auralog replaces: the spool's batch
//! files, flow state, the saved trace id, the config file.
//!
//! The bytes go to a temporary file beside the target (so the rename stays
//! on one file system), which is then renamed over it: a reader sees the old
//! file or the new one, never a half-written one. Whether the write must
//! also survive a power cut is the caller's explicit [`Durability`] choice,
//! because the cost differs by orders of magnitude on some disks.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

/// Every temporary file starts with this, so directory readers can skip
/// (and the spool can sweep) leftovers of a crash.
pub const TMP_PREFIX: &str = ".tmp-";

/// What a finished [`write_atomic`] promises after a crash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// fsync the file before the rename and the directory after it: once
    /// the call returns, the new content survives a power cut. For data
    /// auralog must not lose (spooled batches) or the user wrote (config).
    Fsync,
    /// Rename only: atomic against concurrent readers and a killed process,
    /// but the OS may lose the last write on a power cut. For state that is
    /// rewritten often and can be rebuilt (flow steps, the saved trace id).
    NoFsync,
}

/// Replace `path` with `parts` written one after another. The directory must
/// exist. `mode` (Unix permission bits) is set on the new file exactly,
/// whatever the umask; `None` leaves the default. On error the temporary
/// file is removed and `path` is untouched.
pub fn write_atomic(
    path: &Path,
    parts: &[&[u8]],
    mode: Option<u32>,
    durability: Durability,
) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy());
    let tmp = dir.join(format!(
        "{TMP_PREFIX}{name}.{}.{:08x}",
        std::process::id(),
        fastrand::u32(..)
    ));
    let result = (|| -> io::Result<()> {
        let mut f = open_new(&tmp, mode)?;
        for part in parts {
            f.write_all(part)?;
        }
        if let Some(m) = mode {
            // The umask may have narrowed the mode: set the one asked for.
            set_mode(&f, m)?;
        }
        if durability == Durability::Fsync {
            f.sync_all()?;
        }
        drop(f);
        fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    if durability == Durability::Fsync {
        // Make the rename itself durable (not possible on every platform).
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

fn open_new(path: &Path, mode: Option<u32>) -> io::Result<File> {
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    if let Some(m) = mode {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(m);
    }
    #[cfg(not(unix))]
    let _ = mode;
    opts.open(path)
}

#[cfg(unix)]
fn set_mode(f: &File, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    f.set_permissions(fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_f: &File, _mode: u32) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        fs::write(&path, "old").unwrap();
        for d in [Durability::Fsync, Durability::NoFsync] {
            write_atomic(&path, &[b"ne", b"w"], None, d).unwrap();
            assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        }
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("state.json")]);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        // The target is a directory: the rename fails.
        let path = dir.path().join("busy");
        fs::create_dir(&path).unwrap();
        fs::write(path.join("x"), "keep").unwrap();
        assert!(write_atomic(&path, &[b"new"], None, Durability::NoFsync).is_err());
        assert_eq!(fs::read_to_string(path.join("x")).unwrap(), "keep");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn mode_is_exact_whatever_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        write_atomic(&path, &[b"x"], Some(0o640), Durability::Fsync).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode, 0o640);
    }
}
