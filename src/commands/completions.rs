//! `auralog completions SHELL`: print a tab-completion script.
//!
//! The scripts are generated from the clap definition by `clap_complete`, so
//! they always match the binary. The same output is checked in under
//! `completions/` (see `scripts/generate-assets`).

use std::io::Write;

use anyhow::{Context, Result};
use clap_complete::Shell;

use crate::exit::Code;
use crate::settings::Settings;

const EXAMPLES: &str = "\
Examples:
  auralog completions bash > ~/.local/share/bash-completion/completions/auralog
  echo 'source <(auralog completions bash)' >> ~/.bashrc
  auralog completions zsh > \"${fpath[1]}/_auralog\"
  auralog completions fish > ~/.config/fish/completions/auralog.fish
  auralog completions powershell >> $PROFILE
  auralog completions elvish > ~/.config/elvish/lib/auralog.elv";

/// Print the tab-completion script for a shell.
///
/// Write the script where your shell looks for completions (see the
/// examples), or load it from your shell's start-up file. Completes
/// subcommands, options and fixed values such as levels and shells.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The shell: bash, zsh, fish, powershell or elvish.
    #[arg(value_name = "SHELL")]
    pub shell: Shell,
}

/// The completion script for `shell`, as `auralog completions SHELL` prints it.
pub fn script(shell: Shell) -> Vec<u8> {
    let mut cmd = <crate::cli::Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "auralog", &mut out);
    out
}

pub fn run(args: Args, _settings: &Settings) -> Result<Code> {
    // Generated into memory first: clap_complete panics on a failed write.
    let script = script(args.shell);
    let mut out = std::io::stdout().lock();
    match out.write_all(&script).and_then(|()| out.flush()) {
        Ok(()) => Ok(Code::Ok),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(Code::Ok),
        Err(e) => Err(e).context("writing the completion script to stdout"),
    }
}
