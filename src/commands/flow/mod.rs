//! `auralog flow start|step|end|run|list`: bracket multi-step work that
//! spans separate processes (PRODUCT.md §2, flow).
//!
//! A flow's state is one JSON file per flow in
//! `$XDG_STATE_HOME/auralog/flows/`, replaced atomically (temp file +
//! rename). Every read-modify-write holds an exclusive lock on
//! `flows/.lock`, so step indices stay unique and gap-free when steps run at
//! once from many processes. The lock is held only for the few file
//! operations, never while sending.
//!
//! Decisions where the contract is silent (also in README.md):
//! - `flow start` logs step 0 ("NAME started"), so a flow that never ends is
//!   still visible; the first `flow step` is then step 1. An entry filtered
//!   out by `min_level` uses no step.
//! - The flow's trace id is resolved once at `flow start` (normal order) and
//!   kept in its state; every entry of the flow uses it unless the entry's
//!   own `--trace-id` or `-m traceId=...` says otherwise.
//! - For `flow step`/`flow end`, an unknown flow id, or no flow at all (no
//!   `--flow`, no `AURALOG_FLOW_ID`), is a usage error (exit 2) that names
//!   the active flows; nothing is sent. That includes `flow end` of a flow
//!   already ended. For the other sending commands, which join a flow through
//!   `commands::template` (`log` takes a step; a `tail-stdin` stream or an
//!   `ingest` run takes one step for all its entries), it is a warning and
//!   the entry goes out without flow fields (a usage error under `--strict`).
//! - `flow start`/`flow run` keep their `-m`, `--tag`, `--user-id`,
//!   `--session-id` and `-e` in the state (`Defaults`); later entries of the
//!   flow get them, their own options win. The state also keeps the steps'
//!   messages (at most 500) for the GitHub step summary of `flow end`.
//! - `--dry-run` prints the entries and changes no state (`flow start` then
//!   prints only the JSON of step 0, not an id).
//! - `flow run` and `trace exec` exit with the command's status whatever
//!   happens to auralog's own delivery, even under `--strict` (a problem is
//!   a warning).
//! - The end entry carries `status` (`ok`/`failed`), which replaces any
//!   `status` given with `-m`.
//! - `flow list` marks a flow stale after 24 h without a step (changeable
//!   with `--stale-after`), or when the `flow run` that owns it is gone.

mod end;
mod list;
mod run;
mod start;
mod state;
mod step;

use anyhow::Result;

use crate::exit::Code;
use crate::settings::Settings;

pub use end::{EndArgs, Status};
pub use list::ListArgs;
pub use run::{RunArgs, Tail};
pub use start::StartArgs;
pub(crate) use state::{explicit_trace_id, joined_id, lookup, take_step};
pub use state::{new_id, validate_name, Defaults, FlowState, StepRecord};
pub use step::StepArgs;

const EXAMPLES: &str = "\
Examples:
  eval \"$(auralog flow start deploy --export)\"
  auralog flow step \"migrated db\"
  auralog flow step -l warn \"cache cold\" -m region=eu
  auralog flow end                       # or: auralog flow end --status failed \"rollback\"
  auralog flow run nightly-backup -- ./backup.sh --full
  auralog flow list";

/// Longest flow id: NAME, a dash and 8 random characters.
pub const MAX_ID_LEN: usize = 100;
/// Random characters after the name.
pub(super) const SUFFIX_LEN: usize = 8;
/// Longest NAME that keeps the id within [`MAX_ID_LEN`].
pub const MAX_NAME_LEN: usize = MAX_ID_LEN - SUFFIX_LEN - 1;

/// Bracket multi-step work across processes: one id, numbered steps, one trace id.
///
/// A flow records its duration and its outcome too.
///
/// Flow state lives in $XDG_STATE_HOME/auralog/flows/, shared by every
/// process of the user. Each entry carries metadata.flowId, flowName and
/// stepIndex (0, 1, 2... in the order the steps were logged).
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    #[command(subcommand)]
    pub command: FlowCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum FlowCommand {
    Start(StartArgs),
    Step(StepArgs),
    End(EndArgs),
    Run(RunArgs),
    List(ListArgs),
}

pub fn run(args: Args, settings: &Settings) -> Result<Code> {
    match args.command {
        FlowCommand::Start(a) => start::start(a, settings),
        FlowCommand::Step(a) => step::step(a, settings),
        FlowCommand::End(a) => end::end(a, settings),
        FlowCommand::Run(a) => run::run_command(a, settings),
        FlowCommand::List(a) => list::list(a),
    }
}
