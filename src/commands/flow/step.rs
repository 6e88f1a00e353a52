//! `auralog flow step`: one numbered step of the current flow.

use anyhow::Result;

use crate::commands::template::{EntryArgs, ErrorArgs, Template};
use crate::exit::Code;
use crate::settings::Settings;
use crate::wire::Level;

use super::state::*;

/// Log the next step of a flow.
///
/// Each step gets the next stepIndex of the flow, unique and without gaps
/// even when steps run at once from separate processes. An entry below
/// min_level is not sent and uses no index.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  auralog flow step \"migrated the database\"\n  auralog flow step --flow deploy-k3x9q2ab -l warn \"cache cold\" -m shard:=3\n  ./migrate.sh 2>&1 | tail -1 | auralog flow step -"
)]
pub struct StepArgs {
    /// The message; `-` reads it from stdin (one trailing newline removed).
    #[arg(value_name = "MESSAGE")]
    pub message: String,

    #[command(flatten)]
    pub entry: EntryArgs,

    #[command(flatten)]
    pub error: ErrorArgs,
}

pub(super) fn step(args: StepArgs, settings: &Settings) -> Result<Code> {
    let store = Store::new();
    let id = flow_id(args.entry.flow.clone(), &store)?;
    let Some(known) = store.read(&id)? else {
        return Err(store.unknown(&id));
    };
    let template = Template::build_in(&args.entry, settings, args.error.extra(), Some(&known))?;
    let own_trace = explicit_trace_id(&args.entry);
    let from_stdin = args.message == "-";
    let message = read_message(args.message.clone())?;
    let stack_trace = args.error.read(from_stdin)?;
    let default_level = if args.error.any() {
        Level::Error
    } else {
        Level::Info
    };
    crate::commands::preflight(settings, args.entry.dry_run)?;
    let entry = {
        let _lock = store.lock()?;
        let Some(mut st) = store.read(&id)? else {
            return Err(store.unknown(&id));
        };
        // Stamped under the lock, so timestamps follow step order.
        let mut entry = template.entry(message, default_level);
        entry.stack_trace = stack_trace;
        if entry.level < settings.min_level {
            // Filtered out: it uses no step and nothing is sent.
            return Ok(Code::Ok);
        }
        stamp(&mut entry, &st, st.steps, own_trace);
        if !args.entry.dry_run {
            let (index, now) = (st.steps, now_ms());
            st.record(index, &entry.message, entry.level, now);
            st.steps += 1;
            st.last_ms = now;
            store.write(&st)?;
        }
        entry
    };
    if args.entry.dry_run {
        crate::commands::print_line(&entry.to_json());
        return Ok(Code::Ok);
    }
    Ok(send(settings, &[entry], settings.strict))
}
