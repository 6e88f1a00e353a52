//! Regenerate the checked-in shell completions (completions/) and man pages
//! (man/) from the clap definition. Run through `scripts/generate-assets`.
//!
//! Usage: cargo run --example generate-assets [-- DIR]   (DIR: the repository root)

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let root = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    match auralog::commands::assets::write(&root) {
        Ok(n) => {
            eprintln!(
                "generate-assets: wrote {n} files under {} and {}",
                root.join("completions").display(),
                root.join("man").display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("generate-assets: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
