//! `auralog flow end`: the last entry (status, duration) and the state removed.

use anyhow::Result;
use serde_json::Value;

use crate::commands::template::{EntryArgs, Template};
use crate::exit::Code;
use crate::settings::Settings;
use crate::wire::{Entry, Level};

use super::state::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Status {
    Ok,
    Failed,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Failed => "failed",
        }
    }
}

/// End a flow: log its last step with durationMs and status, and forget it.
///
/// The entry is info for ok, error for failed (--level overrides).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  auralog flow end\n  auralog flow end --status failed \"rollback finished\"\n  auralog flow end --flow deploy-k3x9q2ab"
)]
pub struct EndArgs {
    /// The flow's id [default: $AURALOG_FLOW_ID].
    #[arg(long, value_name = "ID")]
    pub flow: Option<String>,

    /// How the flow ended.
    #[arg(long, value_enum, default_value_t = Status::Ok)]
    pub status: Status,

    /// The message [default: "NAME finished" or "NAME failed"].
    #[arg(value_name = "MESSAGE")]
    pub message: Option<String>,

    #[command(flatten)]
    pub entry: EntryArgs,
}

/// The final entry's fields.
pub(super) fn finish_fields(entry: &mut Entry, st: &FlowState, status: Status, end_ms: u64) {
    entry.metadata.insert(
        "durationMs".into(),
        Value::from(end_ms.saturating_sub(st.started_ms)),
    );
    entry
        .metadata
        .insert("status".into(), Value::String(status.as_str().into()));
}

pub(super) fn end(args: EndArgs, settings: &Settings) -> Result<Code> {
    let store = Store::new();
    let id = flow_id(args.flow.clone(), &store)?;
    let template = Template::new(&args.entry, settings)?;
    let own_trace = explicit_trace_id(&args.entry);
    crate::commands::preflight(settings, args.entry.dry_run)?;
    let entry = {
        let _lock = store.lock()?;
        let Some(st) = store.read(&id)? else {
            return Err(store.unknown(&id));
        };
        let (word, level) = match args.status {
            Status::Ok => ("finished", Level::Info),
            Status::Failed => ("failed", Level::Error),
        };
        let message = args
            .message
            .clone()
            .unwrap_or_else(|| format!("{} {word}", st.name));
        let mut entry = template.entry(message, level);
        stamp(&mut entry, &st, st.steps, own_trace);
        finish_fields(&mut entry, &st, args.status, now_ms());
        if !args.entry.dry_run {
            store.remove(&st.id)?;
        }
        (entry.level >= settings.min_level).then_some(entry)
    };
    let Some(entry) = entry else {
        return Ok(Code::Ok);
    };
    if args.entry.dry_run {
        crate::commands::print_line(&entry.to_json());
        return Ok(Code::Ok);
    }
    Ok(send(settings, &[entry], settings.strict))
}
