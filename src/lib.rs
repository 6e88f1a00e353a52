//! auralog: ship logs from shell pipelines, scripts and CI jobs to Auralogs.
//!
//! `main` parses the command line, resolves settings once and hands them to
//! the subcommand; every subcommand returns the exit code to use.

pub mod cli;
pub mod commands;
pub mod detect;
pub mod entry;
pub mod exit;
pub mod fastjson;
pub mod formats;
pub mod multiline;
pub mod output;
pub mod reading;
pub mod sender;
pub mod settings;
pub mod trace_id;

use std::process::ExitCode;

use anyhow::Result;
use clap::Parser;

use crate::cli::{Cli, Command};
use crate::exit::Code;
use crate::settings::Settings;

/// Parse, run, print any error, and turn the outcome into an exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // --help and --version print to stdout and exit 0; usage errors exit 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                Code::Usage.as_u8()
            } else {
                0
            });
        }
    };
    output::init(cli.global.quiet, cli.global.verbose, cli.global.color);
    match run(cli) {
        Ok(code) => ExitCode::from(code.as_u8()),
        Err(e) => {
            output::error(&format!("{e:#}"));
            ExitCode::from(exit::code_of(&e).as_u8())
        }
    }
}

/// Run one parsed command line.
pub fn run(cli: Cli) -> Result<Code> {
    let settings = Settings::load(&cli.global)?;
    match cli.command {
        Command::Log(args) => commands::log::run(args, &settings),
        Command::Flow(args) => commands::flow::run(args, &settings),
        Command::Trace(args) => commands::trace::run(args, &settings),
        Command::TailStdin(args) => commands::tail_stdin::run(args, &settings),
        Command::Ingest(args) => commands::ingest::run(args, &settings),
        Command::Serve(args) => commands::serve::run(args, &settings, cli.global.api_key.clone()),
        Command::Spool(args) => commands::spool::run(args, &settings),
        Command::Config(args) => commands::config::run(args, &settings, &cli.global),
        Command::Completions(args) => commands::completions::run(args),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        crate::cli::Cli::command().debug_assert();
    }
}
