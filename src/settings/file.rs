//! The config file: where it is, reading and parsing it, where a key is
//! set in it (for messages that name the line), and the check for keys
//! it should not hold.

use std::path::{Path, PathBuf};

use super::keys::key;

/// The config file path: `--config`, `AURALOG_CONFIG`, else
/// `$XDG_CONFIG_HOME/auralog/config.toml`.
pub fn config_path(flag: Option<&Path>) -> PathBuf {
    choose_path(flag).0
}

/// The config file path and what named it (`None`: the default path, which
/// may be missing; a named file must exist).
pub fn choose_path(flag: Option<&Path>) -> (PathBuf, Option<&'static str>) {
    if let Some(p) = flag {
        return (p.to_path_buf(), Some("--config"));
    }
    if let Some(p) = std::env::var_os("AURALOG_CONFIG").filter(|v| !v.is_empty()) {
        return (PathBuf::from(p), Some("AURALOG_CONFIG"));
    }
    let default = dirs::config_dir()
        .or_else(|| dirs::home_dir().map(|h| h.join(".config")))
        .unwrap_or_else(|| PathBuf::from("."))
        .join("auralog")
        .join("config.toml");
    (default, None)
}

/// The parsed config file.
#[derive(Debug, Default)]
pub struct FileConfig {
    pub top: toml::Table,
    pub text: String,
}

impl FileConfig {
    /// Read and parse the file. `Ok(None)` when it does not exist.
    pub fn read(path: &Path) -> Result<Option<FileConfig>, String> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
        };
        let top: toml::Table = toml::from_str(&text).map_err(|e| {
            let (line, col) = e.span().map(|s| line_col(&text, s.start)).unwrap_or((1, 1));
            format!(
                "{}:{line}:{col}: malformed config: {}",
                path.display(),
                e.message().trim()
            )
        })?;
        Ok(Some(FileConfig { top, text }))
    }

    /// Read the file for `Settings::load`: a file that cannot be read or
    /// parsed, or a named one (`named_by` --config) that is missing, is a problem.
    pub fn load(
        path: &Path,
        named_by: Option<&str>,
        problems: &mut Vec<String>,
    ) -> Option<FileConfig> {
        match (FileConfig::read(path), named_by) {
            (Ok(None), Some(by)) => {
                problems.push(format!("{}: no such file (named by {by})", path.display()));
                None
            }
            (Ok(f), _) => f,
            (Err(e), _) => {
                problems.push(e);
                None
            }
        }
    }

    /// The 1-based line where `key` is set in `[section]` (None: top level).
    pub fn line_of(&self, section: Option<&str>, key: &str) -> usize {
        let mut current: Option<String> = None;
        for (i, line) in self.text.lines().enumerate() {
            let t = line.trim();
            if let Some(h) = t.strip_prefix('[') {
                let name = h.trim_start_matches('[').trim_end_matches(']').trim();
                current = Some(name.replace([' ', '"'], ""));
                continue;
            }
            let Some(eq) = t.find('=') else { continue };
            let k = t[..eq].trim().trim_matches('"');
            if k == key && current.as_deref() == section {
                return i + 1;
            }
        }
        1
    }

    /// The `[profiles.NAME]` table, if the file has it.
    pub fn profile(&self, name: &str) -> Option<&toml::Table> {
        self.top
            .get("profiles")
            .and_then(|p| p.as_table())
            .and_then(|p| p.get(name))
            .and_then(|t| t.as_table())
    }

    /// Whether any layer of the file sets `api_key`.
    pub fn has_api_key(&self) -> bool {
        self.top.contains_key("api_key")
            || self
                .top
                .get("profiles")
                .and_then(|p| p.as_table())
                .is_some_and(|p| p.values().any(|t| t.get("api_key").is_some()))
    }

    /// Unknown keys are problems: a typo must not go unnoticed. `profile`
    /// is the selected profile's name and table, checked too.
    pub fn check_keys(
        &self,
        path: &Path,
        profile: Option<(&str, &toml::Table)>,
        problems: &mut Vec<String>,
    ) {
        for (k, v) in &self.top {
            match k.as_str() {
                "metadata" | "profiles" => {
                    if !v.is_table() {
                        problems.push(format!(
                            "{}:{}: key '{k}' must be a table",
                            path.display(),
                            self.line_of(None, k)
                        ));
                    }
                }
                _ if key(k).is_some() => {}
                _ => problems.push(format!(
                    "{}:{}: unknown key '{k}'",
                    path.display(),
                    self.line_of(None, k)
                )),
            }
        }
        if let Some((name, t)) = profile {
            let section = format!("profiles.{name}");
            for k in t.keys() {
                if k != "metadata" && (key(k).is_none() || k == "profile") {
                    problems.push(format!(
                        "{}:{}: unknown key '{k}' in [{section}]",
                        path.display(),
                        self.line_of(Some(&section), k)
                    ));
                }
            }
        }
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rfind('\n')
        .map_or(before.len(), |i| before.len() - i - 1)
        + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_key_lines() {
        let f = FileConfig {
            top: toml::Table::new(),
            text: "endpoint = 'x'\n\n[profiles.ci]\nendpoint = 'y'\n".into(),
        };
        assert_eq!(f.line_of(None, "endpoint"), 1);
        assert_eq!(f.line_of(Some("profiles.ci"), "endpoint"), 4);
    }
}
