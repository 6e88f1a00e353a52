//! `auralog flow end`: the last entry (status, duration) and the state removed.

use std::time::Duration;

use anyhow::Result;
use serde_json::Value;

use crate::ci;
use crate::commands::template::{EntryArgs, ErrorArgs, Template};
use crate::exit::Code;
use crate::output;
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
    /// How the flow ended.
    #[arg(long, value_enum, default_value_t = Status::Ok)]
    pub status: Status,

    /// The message [default: "NAME finished" or "NAME failed"].
    #[arg(value_name = "MESSAGE")]
    pub message: Option<String>,

    /// On GitHub Actions, append a Markdown summary of the flow (steps,
    /// durations, outcome, flow and trace ids) to $GITHUB_STEP_SUMMARY.
    ///
    /// Also: github_step_summary = true in the config file, or
    /// AURALOG_GITHUB_STEP_SUMMARY=true.
    #[arg(long)]
    pub step_summary: bool,

    #[command(flatten)]
    pub entry: EntryArgs,

    #[command(flatten)]
    pub error: ErrorArgs,
}

/// Append the flow's summary to `$GITHUB_STEP_SUMMARY` when asked (`flag`
/// or the `github_step_summary` setting). Anything wrong is a warning.
pub(super) fn step_summary(
    st: &FlowState,
    last: &Entry,
    status: Status,
    end_ms: u64,
    flag: bool,
    settings: &Settings,
) {
    if !(flag || settings.github_step_summary) {
        return;
    }
    let provider = ci::detect_provider(&ci::std_env);
    let Some(path) = ci::step_summary_path(provider, &ci::std_env) else {
        if flag {
            output::warn("--step-summary: not on GitHub Actions ($GITHUB_STEP_SUMMARY is not set); no summary written");
        }
        return;
    };
    let mut steps = Vec::new();
    let mut prev = st.started_ms;
    let records = st
        .history
        .iter()
        .cloned()
        .chain(std::iter::once(StepRecord {
            index: st.steps,
            message: last.message.clone(),
            level: last.level.as_str().to_string(),
            ms: end_ms,
        }));
    for r in records {
        steps.push(ci::SummaryStep {
            index: r.index,
            message: r.message,
            level: r.level,
            since_previous: Some(Duration::from_millis(r.ms.saturating_sub(prev))),
        });
        prev = r.ms;
    }
    let summary = ci::FlowSummary {
        name: st.name.clone(),
        flow_id: st.id.clone(),
        trace_id: last.trace_id.clone(),
        outcome: match status {
            Status::Ok => "success".into(),
            Status::Failed => "failure".into(),
        },
        total: Some(Duration::from_millis(end_ms.saturating_sub(st.started_ms))),
        steps,
    };
    if let Err(e) = ci::append_step_summary(&path, &ci::render_flow_summary(&summary)) {
        output::warn(&format!("cannot write the step summary: {e:#}"));
    }
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
    let id = flow_id(args.entry.flow.clone(), &store)?;
    let Some(known) = store.read(&id)? else {
        return Err(store.unknown(&id));
    };
    let template = Template::build_in(&args.entry, settings, args.error.extra(), Some(&known))?;
    let own_trace = explicit_trace_id(&args.entry);
    let stack_trace = args.error.read(false)?;
    crate::commands::preflight(settings, args.entry.dry_run)?;
    let entry = {
        let _lock = store.lock()?;
        let Some(st) = store.read(&id)? else {
            return Err(store.unknown(&id));
        };
        let (word, mut level) = match args.status {
            Status::Ok => ("finished", Level::Info),
            Status::Failed => ("failed", Level::Error),
        };
        if args.error.any() {
            level = Level::Error;
        }
        let message = args
            .message
            .clone()
            .unwrap_or_else(|| format!("{} {word}", st.name));
        let mut entry = template.entry(message, level);
        entry.stack_trace = stack_trace;
        stamp(&mut entry, &st, st.steps, own_trace);
        let end_ms = now_ms();
        finish_fields(&mut entry, &st, args.status, end_ms);
        if !args.entry.dry_run {
            store.remove(&st.id)?;
            step_summary(
                &st,
                &entry,
                args.status,
                end_ms,
                args.step_summary,
                settings,
            );
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
