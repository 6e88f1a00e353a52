//! `auralog trace exec`: run a command with the trace id in its environment
//! (`AURALOG_TRACE_ID`, `TRACEPARENT`), signals forwarded, and exit with its
//! status.

use crate::output;
use crate::settings::Settings;
use crate::sys::child::{exit_now, run_child, status_code, ChildCommand};
use crate::trace_id;

use super::current;

#[derive(Debug, clap::Args)]
pub struct ExecArgs {
    /// Use this trace id instead of the resolved one.
    #[arg(long, value_name = "ID")]
    pub trace_id: Option<String>,

    #[command(flatten)]
    pub child: ChildCommand,
}

pub(super) fn exec(a: ExecArgs, settings: &Settings) -> ! {
    let (id, _) = current(settings, a.trace_id.as_deref());
    let mut cmd = a.child.to_command();
    cmd.env("AURALOG_TRACE_ID", &id)
        .env("TRACEPARENT", trace_id::traceparent(&id));
    let code = match run_child(&mut cmd, a.child.program()) {
        Ok((status, fwd)) => {
            let code = status_code(status);
            fwd.finished(code);
            code
        }
        Err(e) => {
            output::error(&e.message);
            e.code
        }
    };
    exit_now(code)
}
