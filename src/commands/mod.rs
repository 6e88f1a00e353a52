//! One file per subcommand, each with its own `Args` and `run`.

pub mod assets;
pub mod checkpoints;
pub mod completions;
pub mod config;
pub mod flow;
pub mod ingest;
pub mod log;
pub mod serve;
pub mod spool;
pub mod tail_stdin;
pub mod template;
pub mod trace;

use anyhow::Result;

use crate::exit::Failure;
use crate::output;
use crate::settings::Settings;

/// Before a sending command, and before its `--dry-run` too: print the
/// settings' warnings, and report configuration problems (a warning by
/// default, exit 78 under `--strict`), so that a dry run shows a typo in the
/// config file as the real run would. What only stops sending (no API key
/// for a remote endpoint) is checked for real runs only.
pub fn preflight(settings: &Settings, dry_run: bool) -> Result<()> {
    for w in &settings.warnings {
        output::warn(w);
    }
    for p in &settings.problems {
        if settings.strict {
            return Err(Failure::config(format!("configuration error: {p}")).into());
        }
        output::warn(&format!("configuration problem (ignored): {p}"));
    }
    if settings.strict && !dry_run {
        for o in &settings.outputs {
            if let Some(p) = crate::sender::output_problem(settings, o) {
                return Err(Failure::config(format!("configuration error: {p}")).into());
            }
        }
    }
    Ok(())
}

/// Write one line to stdout. A closed stdout (`| head`) is not an error:
/// returns false so the caller can stop printing.
pub fn print_line(line: &str) -> bool {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{line}") {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => false,
        Err(_) => false,
    }
}

/// The `--json` result of a sending command (`log`, `ingest`): one JSON
/// object on stdout at the end, so a script reads what happened without
/// parsing the warning line. README ("The --json result") documents it.
pub fn result_json(stats: &crate::sender::Stats, code: crate::exit::Code) -> serde_json::Value {
    serde_json::json!({
        "delivered": stats.delivered,
        "spooled": stats.spooled,
        "rejected": stats.rejected,
        "lost": stats.lost,
        "filtered": stats.filtered,
        "replayed": stats.replayed,
        "spool_dir": stats.spool_dir.as_ref().map(|d| d.display().to_string()),
        "problem": stats
            .lost_reason
            .as_ref()
            .or(stats.undelivered_reason.as_ref())
            .or(stats.rejected_reason.as_ref()),
        "api_key_rejected": stats.auth_rejected,
        "exit_code": code.as_u8(),
    })
}
