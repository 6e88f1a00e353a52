//! `auralog completions SHELL`: print a tab-completion script.
//!
//! The scripts are generated from the clap definition by `clap_complete`, so
//! they always match the binary. The same output is checked in under
//! `completions/` (see `scripts/generate-assets`).

use std::io::Write;

use anyhow::{Context, Result};
use clap::builder::{PossibleValue, TypedValueParser};
use clap_complete::Shell;

use crate::exit::Code;
use crate::settings::{Settings, KEYS};
use crate::wire::Level;

/// A value parser that accepts what `parser` accepts and tells the
/// completion scripts which values to offer. Used where the accepted set is
/// wider than what a user should be offered (level synonyms, metadata.NAME):
/// the offered values must never reject anything `parser` takes.
#[derive(Clone)]
pub struct Offer<P> {
    parser: P,
    values: fn() -> Vec<PossibleValue>,
}

impl<P: TypedValueParser> TypedValueParser for Offer<P> {
    type Value = P::Value;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Self::Value, clap::Error> {
        self.parser.parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new((self.values)().into_iter()))
    }
}

fn level_values() -> Vec<PossibleValue> {
    Level::ALL
        .iter()
        .map(|l| PossibleValue::new(l.as_str()))
        .collect()
}

fn key_values() -> Vec<PossibleValue> {
    KEYS.iter()
        .map(|k| PossibleValue::new(k.name).help(k.help))
        .collect()
}

/// How [`Level::parse_arg`] is named as a value parser.
type LevelFn = fn(&str) -> Result<Level, String>;

/// `-l/--level`: any level word, offering the five wire levels.
pub fn level_parser() -> Offer<LevelFn> {
    Offer {
        parser: Level::parse_arg,
        values: level_values,
    }
}

/// A level kept as text (checked later with the other settings), offering
/// the five wire levels.
pub fn level_text_parser() -> Offer<clap::builder::StringValueParser> {
    Offer {
        parser: clap::builder::StringValueParser::new(),
        values: level_values,
    }
}

/// A config KEY (checked by the command itself, metadata.NAME included),
/// offering the known keys.
pub fn key_parser() -> Offer<clap::builder::StringValueParser> {
    Offer {
        parser: clap::builder::StringValueParser::new(),
        values: key_values,
    }
}

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
    if shell == Shell::Fish {
        cmd.build();
        fish_positionals(&cmd, &mut Vec::new(), &mut out);
    }
    out
}

/// clap_complete's fish generator completes options only: add the possible
/// values of positionals (`config get KEY`), one line a value, offered when
/// the word being completed is that positional.
fn fish_positionals(cmd: &clap::Command, path: &mut Vec<String>, out: &mut Vec<u8>) {
    let quote = |s: &str| format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"));
    for (i, arg) in cmd.get_positionals().enumerate() {
        if path.is_empty() {
            break;
        }
        let mut cond = format!("__fish_auralog_using_subcommand {}", path[0]);
        if let Some(last) = path.get(1..).and_then(|p| p.last()) {
            cond.push_str(&format!("; and __fish_seen_subcommand_from {last}"));
        }
        // Tokens before the cursor, options left out, "auralog" included.
        cond.push_str(&format!("; and __fish_is_nth_token {}", path.len() + 1 + i));
        for v in arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
        {
            let mut line = format!(
                "complete -c auralog -n {} -f -a {}",
                quote(&cond),
                quote(v.get_name())
            );
            if let Some(help) = v.get_help() {
                line.push_str(&format!(
                    " -d {}",
                    quote(&help.to_string().replace('\n', " "))
                ));
            }
            line.push('\n');
            out.extend_from_slice(line.as_bytes());
        }
    }
    for sub in cmd.get_subcommands() {
        if sub.is_hide_set() || sub.get_name() == "help" {
            continue;
        }
        path.push(sub.get_name().to_string());
        fish_positionals(sub, path, out);
        path.pop();
    }
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
