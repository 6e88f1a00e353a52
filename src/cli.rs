//! The command line: global options and the subcommand list. Each
//! subcommand's own arguments live beside its code in `commands/`, so one
//! file holds a command whole (the atuin layout).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::commands;
use crate::output::ColorChoice;

const AFTER_HELP: &str = "\
Examples:
  auralog log --level warn \"disk low\" -m host=web1 -m free_gb:=3
  some-command 2>&1 | auralog tail-stdin
  auralog ingest --format csv export.csv
  eval \"$(auralog flow start deploy --export)\"; auralog flow step \"migrated db\"; auralog flow end
  auralog trace exec -- ./call-other-service.sh
  auralog serve            # a local receiver for trying things out
  auralog config init      # write ~/.config/auralog/config.toml (mode 0600)
  auralog config show      # every setting, its value and where it came from

Exit codes:
  0 delivered (or kept in the spool, with a warning)   1 error   2 usage
  65 bad input data   75 not delivered (--strict)   77 API key rejected (--strict)
  78 configuration error (--strict)   130/143 interrupted/terminated after flushing

Settings (--endpoint, --timeout, ...) can also be AURALOG_<NAME> environment variables
(AURALOG_ENDPOINT) or config file keys (endpoint); `auralog config show` lists them all.
`auralog help COMMAND` or `man auralog-COMMAND` tells more about one command.";

/// Ship logs from shell pipelines, scripts and CI jobs to Auralogs.
///
/// auralog never breaks your script: by default a delivery or configuration
/// problem prints a one-line warning and exits 0, keeping what was not
/// delivered. Use --strict to make such problems fail.
#[derive(Debug, Parser)]
#[command(name = "auralog", version, after_help = AFTER_HELP, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalOpts,

    #[command(subcommand)]
    pub command: Command,
}

/// Options accepted by every command. Each setting can also come from an
/// `AURALOG_<NAME>` environment variable or the config file (see `auralog config show`).
#[derive(Debug, Clone, Default, clap::Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalOpts {
    /// Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG).
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Use the [profiles.NAME] table of the config file.
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`).
    #[arg(long, global = true, value_name = "KEY")]
    pub api_key: Option<String>,

    /// Read the API key from this file (keep it mode 0600).
    #[arg(long, global = true, value_name = "PATH")]
    pub api_key_file: Option<PathBuf>,

    /// Ingest service URL [default: https://ingest.auralog.ai].
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint: Option<String>,

    /// Environment name sent with every entry [default: production].
    #[arg(short = 'e', long, global = true, value_name = "NAME")]
    pub environment: Option<String>,

    /// Seconds to wait before sending a partial batch [default: 5].
    #[arg(long, global = true, value_name = "SECS")]
    pub flush_interval: Option<String>,

    /// Most entries in one request [default: 1000].
    #[arg(long, global = true, value_name = "N")]
    pub batch_size: Option<String>,

    /// Most bytes of entries in one request [default: 1000000].
    #[arg(long, global = true, value_name = "BYTES")]
    pub batch_bytes: Option<String>,

    /// Seconds one HTTP request may take [default: 10].
    #[arg(long, global = true, value_name = "SECS")]
    pub timeout: Option<String>,

    /// Seconds spent retrying a batch before giving up on it [default: 10].
    #[arg(long, global = true, value_name = "SECS")]
    pub retry_budget: Option<String>,

    /// Requests in flight: auto (adaptive, up to 32) or 1..64 [default: auto].
    #[arg(long, global = true, value_name = "N")]
    pub concurrency: Option<String>,

    /// Drop entries below this level [default: debug].
    #[arg(long, global = true, value_name = "LEVEL")]
    pub min_level: Option<String>,

    /// Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool].
    #[arg(long, global = true, value_name = "DIR")]
    pub spool_dir: Option<PathBuf>,

    /// Most bytes the spool may hold [default: 104857600].
    #[arg(long, global = true, value_name = "BYTES")]
    pub spool_max_bytes: Option<String>,

    /// gzip request bodies.
    #[arg(long, global = true)]
    pub compress: bool,

    /// Fail (exit 75/77/78) on delivery or configuration problems instead of warning.
    #[arg(long, global = true)]
    pub strict: bool,

    /// Allow plain http:// to hosts other than loopback.
    #[arg(long, global = true)]
    pub allow_insecure: bool,

    /// Show each request's URL, status, size and time on stderr (never the key).
    #[arg(short = 'v', long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// Print nothing on stderr but errors.
    #[arg(short = 'q', long, global = true)]
    pub quiet: bool,

    /// Colour output: auto, always or never (NO_COLOR is honoured).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Log(commands::log::Args),
    TailStdin(commands::tail_stdin::Args),
    Ingest(commands::ingest::Args),
    Flow(commands::flow::Args),
    Trace(commands::trace::Args),
    Serve(commands::serve::Args),
    Spool(commands::spool::Args),
    Config(commands::config::Args),
    Completions(commands::completions::Args),
}
