//! Build script: the git commit for `auralog --version`.
//!
//! Sets `AURALOG_VERSION` to `0.1.0 (commit abc1234)` when built from a git
//! checkout with git available, and to the bare package version otherwise (a
//! source tarball, a crate download): the build never fails for want of git.

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!text.is_empty()).then_some(text)
}

fn main() {
    let pkg = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let version = match git(&["rev-parse", "--short", "HEAD"]) {
        Some(commit) => {
            // Rebuild when HEAD moves: a commit, a checkout (worktrees too).
            for path in ["HEAD", "logs/HEAD"] {
                if let Some(p) = git(&["rev-parse", "--git-path", path]) {
                    println!("cargo:rerun-if-changed={p}");
                }
            }
            format!("{pkg} (commit {commit})")
        }
        None => pkg,
    };
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rustc-env=AURALOG_VERSION={version}");
}
