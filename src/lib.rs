//! auralog: ship logs from shell pipelines, scripts and CI jobs to Auralogs.
//!
//! `main` parses the command line, resolves settings once and hands them to
//! the subcommand; every subcommand returns the exit code to use.
//!
//! # Architecture
//!
//! Where to look, in one step each:
//!
//! - a command's code: `commands/<name>.rs`, or `commands/<name>/` for the
//!   commands with subcommands (`flow/`, `trace/`: one file per subcommand)
//!   and for `ingest/` (`mod.rs` the command, `shipper.rs` its one pipeline
//!   for all files, `resume.rs` `--resume` on the `checkpoint` store,
//!   `lines.rs` where lines start); its clap `Args` sit beside its `run`.
//!   `cli.rs` only lists them.
//! - its settings: every key, flag, env var and default in `settings`
//!   (`Settings`, resolved once in [`run`] and passed down by reference).
//! - its tests: `tests/<name>.rs` (one integration binary, `tests/integration.rs`,
//!   against real receivers on 127.0.0.1); pure logic is unit-tested beside it.
//!
//! Each module, what it owns, and what it may import (`crate::` modules;
//! everything may import `exit` and `output`). Arrows point down only: the
//! one circle is `cli` <-> `commands`, which clap's derive needs (`cli` names
//! each command's `Args`; `completions`/`assets`/`config` render the `cli`).
//! Every format's records go through THE reading (`formats::apply_mapping`
//! calls `reading::plan`); the field values it reads (`Val`) are its own
//! and the calendar is `wire::time`'s, so `reading` never calls up.
//!
//! | module | owns | may import |
//! |---|---|---|
//! | `main.rs`, `lib.rs` | parse, run, print the error, choose the exit code (a broken pipe is success; 130/143 end by the signal) | everything |
//! | `cli` | the clap command tree, global options (`cli::command()`: hidden in a subcommand's help; `help settings`) | `commands` (their `Args`), `settings` (the keys table) |
//! | `commands` | one file or folder per command: its `Args` and `run`; `preflight`, `print_line`, `result_json` (`--json`) | everything below |
//! | `commands::template` | `EntryArgs` (options every sending command flattens in) and `Template` (settings -> fixed entry parts, joining the current flow, `metadata.ci`) | `settings`, `trace_id`, `wire`, `ci`, `commands::flow` (its state) |
//! | `settings` | flags > env > profile > config file > defaults, validated once (`Settings::load` takes `--config` and the setting flags given, not the clap types) | `wire`, `sys` (state dir) |
//! | `sender` | batching, HTTP attempts and retry, the spool (`spool.rs`: storage only), replay (`replay.rs`), the OTLP encoding, its answers and `serve`'s decoding (`otlp.rs`), the outputs' wire formats (`encoder.rs`: Auralogs, OTLP), one sender per output (`fanout.rs`), the settle feed (what became of each batch, by idempotency key) | `settings`, `formats`, `wire`, `sys`, `trace_id` |
//! | `formats` | one streaming parser per input format; `EntryWriter`: a record's entry (`each_meta`: its metadata, decided once) written as wire JSON or handed by its parts to an output that encodes from parts (OTLP) | `reading`, `wire`, `fastjson` |
//! | `reading` | THE record -> entry reading (tail-stdin, ingest, serve): the shapes table, the field view (`Fields`, `Val`), the reading resolved once per key set (`plan`: ingest's fast path), time, errorName, `--timestamps` prefixes/ANSI, crash folding (`--multiline auto`) | `detect`, `multiline` (`Record`), `wire` |
//! | `detect`, `multiline` | the level guessed from a line of text; folding stack traces (`indent`, `start=`; `auto` is `reading::fold`) | `wire` |
//! | `trace_id` | trace id resolution and the saved id's path | `sys` (state dir) |
//! | `checkpoint` | per-file identity (dev, inode, head fingerprint) and delivered offset for `ingest --resume`/`--follow`: the store, its lock (`Locked`: exit 75), the start plan, the rotated predecessor, a `copytruncate` copy | `sys` (state dir, atomic write), `wire` (time) |
//! | `follow` | a growing file as one `Read` stream (`tail -F`: inotify or polling, rotation with late writes to the old file, truncation after its `copytruncate` copy, late files, whole lines or csv records, stop), with its file switches | `checkpoint` (identity), `sys` (stop) |
//! | `ci` | CI provider detection from allow-listed variables (`metadata.ci`), export across CI steps, the step summary, GitHub annotations | `output` |
//! | `fastjson` | hand-written wire JSON for hot paths: escaping, the clock | `wire` |
//! | `wire` | the wire format: `Level` and its vocabularies, `Entry` and its JSON, an entry by its parts (`parts`: `EntryParts`, `EncodeParts`), the timestamp (`time`: the calendar, RFC 3339/3164 written and read) | nothing |
//! | `sys` | process concerns: `signals` (one `Stop`, re-raise), `fsutil` (one atomic write), `child` (spawn, forward signals, exit status), `state_dir` | `exit`, `output` |
//! | `exit`, `output` | exit codes and the typed `Failure`; stdout/stderr discipline, TTY, sanitising | nothing |
//!
//! Keep this table true when a module moves or gains an import.

pub mod checkpoint;
pub mod ci;
pub mod cli;
pub mod commands;
pub mod detect;
pub mod exit;
pub mod fastjson;
pub mod follow;
pub mod formats;
pub mod multiline;
pub mod output;
pub mod reading;
pub mod sender;
pub mod settings;
pub mod sys;
pub mod trace_id;
pub mod usage;
pub mod wire;

use std::process::ExitCode;

use anyhow::Result;
use clap::FromArgMatches;

use crate::cli::{Cli, Command};
use crate::exit::Code;
use crate::settings::Settings;

/// Parse, run, print any error, and turn the outcome into an exit code.
pub fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.len() == 3 && args[1] == "help" && args[2] == "settings" {
        let _ = std::io::Write::write_all(&mut std::io::stdout(), cli::settings_help().as_bytes());
        return ExitCode::SUCCESS;
    }
    let parsed = cli::command()
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        // --help and --version print to stdout and exit 0; usage errors exit 2.
        Err(e) => return ExitCode::from(usage::report(e)),
    };
    output::init(cli.global.quiet, cli.global.verbose, cli.global.color);
    match run(cli) {
        Ok(code) => {
            // 130/143 after a signal: end by that signal (everything is
            // flushed by now), so the calling shell sees it and stops too.
            sys::signals::reraise(code);
            ExitCode::from(code.as_u8())
        }
        // A closed stdout (`| head`) is success: nothing to print.
        Err(e) if exit::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            output::error(&format!("{e:#}"));
            ExitCode::from(exit::code_of(&e).as_u8())
        }
    }
}

/// Run one parsed command line.
pub fn run(cli: Cli) -> Result<Code> {
    let settings = Settings::load(cli.global.config.as_deref(), &cli.global.settings.0)?;
    ci::install_annotations(settings::state_dir(), settings.api_key.clone());
    match cli.command {
        Command::Log(args) => commands::log::run(args, &settings),
        Command::Flow(args) => commands::flow::run(args, &settings),
        Command::Trace(args) => commands::trace::run(args, &settings),
        Command::TailStdin(args) => commands::tail_stdin::run(args, &settings),
        Command::Ingest(args) => commands::ingest::run(args, &settings),
        Command::Serve(args) => commands::serve::run(args, &settings),
        Command::Spool(args) => commands::spool::run(args, &settings),
        Command::Checkpoints(args) => commands::checkpoints::run(args, &settings),
        Command::Config(args) => commands::config::run(args, &settings),
        Command::Completions(args) => commands::completions::run(args, &settings),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        crate::cli::Cli::command().debug_assert();
        crate::cli::command().debug_assert();
    }
}
