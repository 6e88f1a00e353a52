//! The API key: `api_key` and `api_key_file` compete by where they were
//! set (a flag beats the environment beats the profile beats the file), and
//! whatever holds a key is checked for loose permissions.

use std::path::Path;

use super::{expand_tilde, Resolved, Source};
use crate::settings::keys::Typed;

fn rank(s: &Source) -> u8 {
    match s {
        Source::Flag => 0,
        Source::Env(_) => 1,
        Source::Profile(_) => 2,
        Source::File(_) => 3,
        Source::Default => 4,
    }
}

/// The key to send: from `api_key`, or read from `api_key_file` when that
/// was set at a higher layer. An empty key is no key.
pub fn choose(
    resolved: &Resolved,
    problems: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Option<String> {
    let text = |name: &str| match resolved.get(name) {
        Some((Typed::Str(s), _)) => Some(s.clone()),
        _ => None,
    };
    let key_src = resolved.get("api_key").map(|(_, s)| rank(s));
    let file_src = resolved.get("api_key_file").map(|(_, s)| rank(s));
    let mut api_key = text("api_key");
    let use_file = match (key_src, file_src) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(a), Some(b)) => b < a,
    };
    if use_file {
        if let Some(p) = text("api_key_file") {
            let p = expand_tilde(&p);
            match std::fs::read_to_string(&p) {
                Ok(k) => {
                    api_key = Some(k.trim().to_string());
                    warn_loose_mode(&p, warnings);
                }
                Err(e) => {
                    problems.push(format!("{}: cannot read API key file: {e}", p.display()));
                    api_key = None;
                }
            }
        }
    }
    if matches!(resolved.get("api_key"), Some((_, Source::Flag))) && !use_file {
        warnings.push(
            "an API key given with --api-key is visible to other users in `ps`; prefer AURALOG_API_KEY or --api-key-file".into(),
        );
    }
    api_key
}

/// Warn when a file holding a key can be read by group or others.
pub fn warn_loose_mode(path: &Path, warnings: &mut Vec<String>) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(m) = std::fs::metadata(path) {
            let mode = m.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                warnings.push(format!(
                    "{} holds an API key and is readable by others (mode {mode:o}); run: chmod 600 {}",
                    path.display(),
                    path.display()
                ));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = (path, warnings);
}
