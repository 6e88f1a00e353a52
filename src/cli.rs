//! The command line: global options and the subcommand list. Each
//! subcommand's own arguments live beside its code in `commands/`, so one
//! file holds a command whole (the atuin layout).

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::{Arg, ArgAction, ArgMatches, Parser, Subcommand};

use crate::commands;
use crate::output::ColorChoice;
use crate::settings::{Key, Kind, KEYS};

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
`auralog help COMMAND` or `man auralog-COMMAND` tells more about one command;
`auralog help settings` lists the global options alone.";

/// What a subcommand's help says instead of repeating every global option.
pub const GLOBALS_POINTER: &str = "Global options (--endpoint, --api-key, --strict, -v, -q, --config, --profile ...) are accepted \
before or after the command: `auralog help settings` or `man auralog` lists them.";

/// The command line as auralog parses it. clap would repeat the ~60 global
/// options in every subcommand's help, pushing the command's own options and
/// examples out of sight; here each subcommand holds hidden copies of them
/// (clap then propagates nothing: the copies parse, and their values reach
/// the top-level matches, the same way) and its help ends with
/// [`GLOBALS_POINTER`] before its examples, as curl's and git's do.
/// `auralog --help`, the man page auralog(1) and the completions
/// (`Cli::command()`) still carry them all.
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    let root = Cli::command();
    let globals: Vec<Arg> = root
        .get_arguments()
        .filter(|a| a.is_global_set())
        .cloned()
        .collect();
    root.mut_subcommands(|sc| hide_globals(sc, &globals))
}

fn hide_globals(mut cmd: clap::Command, globals: &[Arg]) -> clap::Command {
    for a in globals {
        if cmd.get_arguments().all(|b| b.get_id() != a.get_id()) {
            cmd = cmd.arg(a.clone().hide(true));
        }
    }
    let after = match cmd.get_after_help() {
        Some(examples) => format!("{GLOBALS_POINTER}\n\n{examples}"),
        None => GLOBALS_POINTER.to_string(),
    };
    cmd.after_help(after)
        .mut_subcommands(|sc| hide_globals(sc, globals))
}

/// `auralog help settings`: the global options alone, as `auralog --help`
/// lists them, with where else each setting can come from.
pub fn settings_help() -> String {
    use clap::CommandFactory;
    let root = Cli::command();
    let page = root
        .get_arguments()
        .filter(|a| a.is_global_set())
        .cloned()
        .fold(
            clap::Command::new("auralog")
                .about("The global options, accepted by every command, before or after its name.")
                .long_about(
                    "The global options, accepted by every command, before or after its name \
                     (`auralog -v log hi` and `auralog log hi -v` are the same).\n\n\
                     Each setting among them can also be an AURALOG_<NAME> environment variable \
                     (AURALOG_ENDPOINT) or a key of the config file (endpoint); a flag wins over \
                     the environment, which wins over the file. `auralog config show` shows every \
                     setting's value and where it came from.",
                )
                .override_usage("auralog [GLOBAL OPTIONS] COMMAND [ARGS]")
                .disable_help_flag(true)
                .disable_version_flag(true)
                .max_term_width(100)
                .after_help("Examples:\n  auralog --endpoint http://127.0.0.1:7346 -v log hi\n  AURALOG_STRICT=1 auralog log hi\n  auralog config show"),
            |page, a| page.arg(a),
        );
    page.clone().render_long_help().to_string()
}

/// Ship logs from shell pipelines, scripts and CI jobs to Auralogs.
///
/// auralog never breaks your script: by default a delivery or configuration
/// problem prints a one-line warning and exits 0, keeping what was not
/// delivered. Use --strict to make such problems fail.
#[derive(Debug, Parser)]
#[command(name = "auralog", version = env!("AURALOG_VERSION"), after_help = AFTER_HELP, max_term_width = 100)]
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

    /// One flag per row of the settings table (`settings::KEYS`).
    #[command(flatten)]
    pub settings: SettingFlags,

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
    Checkpoints(commands::checkpoints::Args),
    Config(commands::config::Args),
    Completions(commands::completions::Args),
}

/// The global flags made from the settings table: `--NAME` for each key,
/// its help and shown default from the row. Holds the values given, by key,
/// as text (`true` for a boolean flag given).
#[derive(Debug, Clone, Default)]
pub struct SettingFlags(pub BTreeMap<&'static str, String>);

impl SettingFlags {
    /// The table's keys in `--help` order: `--profile` first, beside
    /// `--config`, as it picks which table of that file applies.
    fn keys() -> impl Iterator<Item = &'static Key> {
        let profile = KEYS.iter().filter(|k| k.name == "profile");
        profile.chain(KEYS.iter().filter(|k| k.name != "profile"))
    }

    fn arg(k: &'static Key) -> Arg {
        let help = match k.shown_default() {
            Some(d) => format!("{} [default: {d}]", k.flag_help),
            None => k.flag_help.to_string(),
        };
        // clap keeps names as `&'static str` (without its `string` feature):
        // a few bytes per flag, once per command-line definition.
        let long: &'static str = Box::leak(k.long().into_boxed_str());
        let arg = Arg::new(k.name).long(long).global(true).help(help);
        let arg = match k.short {
            Some(c) => arg.short(c),
            None => arg,
        };
        match (k.kind, k.value_name) {
            (Kind::Bool, _) => arg.action(ArgAction::SetTrue),
            (Kind::Path, v) => arg
                .value_name(v.unwrap_or("PATH"))
                .value_parser(clap::value_parser!(PathBuf)),
            // Completes the five levels; any level word is still taken.
            (Kind::Level, v) => arg
                .value_name(v.unwrap_or("LEVEL"))
                .value_parser(crate::commands::completions::level_text_parser())
                .hide_possible_values(true),
            (_, v) => arg.value_name(v.unwrap_or("VALUE")),
        }
    }
}

impl clap::FromArgMatches for SettingFlags {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        let mut flags = SettingFlags::default();
        flags.update_from_arg_matches(m)?;
        Ok(flags)
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        for k in KEYS {
            let value = match k.kind {
                Kind::Bool => m.get_flag(k.name).then(|| "true".to_string()),
                Kind::Path => m
                    .get_one::<PathBuf>(k.name)
                    .map(|p| p.display().to_string()),
                _ => m.get_one::<String>(k.name).cloned(),
            };
            if let Some(v) = value {
                self.0.insert(k.name, v);
            }
        }
        Ok(())
    }
}

impl clap::Args for SettingFlags {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        Self::keys().fold(cmd, |cmd, k| cmd.arg(Self::arg(k)))
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}
