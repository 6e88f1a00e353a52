//! `auralog flow start`: a new flow id, its state file, step 0.

use std::io::Write;

use anyhow::Result;

use crate::commands::template::{EntryArgs, Template};
use crate::exit::{Code, Failure};
use crate::output;
use crate::settings::Settings;
use crate::trace_id;
use crate::wire::Level;

use super::state::*;

/// Start a flow: print its id (NAME-xxxxxxxx) and log step 0.
///
/// Prints only the id on stdout, or with --export the lines
/// `export AURALOG_FLOW_ID=...` and `export AURALOG_TRACE_ID=...` for
/// `eval`, so later commands of the script join the flow and its trace.
/// A delivery problem is a warning: the flow is started anyway.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  auralog flow start deploy                      # prints deploy-k3x9q2ab\n  eval \"$(auralog flow start deploy --export)\"   # later commands join the flow\n  id=$(auralog flow start backup \"nightly backup started\")"
)]
pub struct StartArgs {
    /// The flow's name: ASCII letters, digits, `.`, `_`, `-`, starting with
    /// a letter or digit, at most 91 characters.
    #[arg(value_name = "NAME")]
    pub name: String,

    /// The message of step 0 [default: "NAME started"].
    #[arg(value_name = "MESSAGE")]
    pub message: Option<String>,

    /// Print `export AURALOG_FLOW_ID=...` (and AURALOG_TRACE_ID) for `eval`.
    #[arg(long)]
    pub export: bool,

    /// Also hand AURALOG_FLOW_ID and AURALOG_TRACE_ID to the later steps of
    /// this CI job: $GITHUB_ENV on GitHub Actions, $BASH_ENV on CircleCI,
    /// a `##vso[task.setvariable]` line on Azure Pipelines (a warning
    /// elsewhere: run the later steps in one shell, or pass --flow).
    #[arg(long)]
    pub ci_export: bool,

    #[command(flatten)]
    pub entry: EntryArgs,
}

pub(super) fn start(args: StartArgs, settings: &Settings) -> Result<Code> {
    validate_name(&args.name).map_err(|why| {
        Failure::usage(format!(
            "invalid flow name '{}': {why}",
            output::sanitize(&args.name)
        ))
    })?;
    refuse_flow_flag(&args.entry)?;
    let template = Template::build_in(&args.entry, settings, Vec::new(), None)?;
    let message = args
        .message
        .clone()
        .unwrap_or_else(|| format!("{} started", args.name));
    let mut st = fresh_state(&args.name, &template, settings, None);
    let mut entry = template.entry(message, Level::Info);
    let admitted = entry.level >= settings.min_level;
    stamp(&mut entry, &st, 0, true);

    crate::commands::preflight(settings, args.entry.dry_run)?;
    if args.entry.dry_run {
        if admitted {
            crate::commands::print_line(&entry.to_json());
        }
        return Ok(Code::Ok);
    }
    {
        let store = Store::new();
        let _lock = store.lock()?;
        // 36^8 ids per name: a clash is all but impossible, but cheap to rule out.
        while store.path(&st.id).exists() {
            st.id = new_id(&args.name);
            stamp(&mut entry, &st, 0, true);
        }
        if admitted {
            st.steps = 1;
            st.record(0, &entry.message, entry.level, st.started_ms);
        }
        store.write(&st)?;
    }
    if args.export {
        crate::commands::print_line(&format!("export AURALOG_FLOW_ID={}", st.id));
        crate::commands::print_line(&format!(
            "export AURALOG_TRACE_ID={}",
            trace_id::shell_quote(&st.trace_id)
        ));
    } else {
        crate::commands::print_line(&st.id);
    }
    let _ = std::io::stdout().flush();
    // After the id, so that the id stays the first line (on Azure the
    // logging commands follow it on stdout).
    if args.ci_export {
        crate::ci::export_std(&[
            ("AURALOG_FLOW_ID", st.id.as_str()),
            ("AURALOG_TRACE_ID", st.trace_id.as_str()),
        ]);
    }
    if !admitted {
        return Ok(Code::Ok);
    }
    Ok(send(settings, &[entry], settings.strict))
}
