//! `auralog trace new|get|env|header`: print an id, and only it, on stdout
//! so it can be captured with `$(...)`.

use crate::commands::print_line;
use crate::output;
use crate::settings::Settings;
use crate::trace_id;

use super::current;

pub(super) fn new() {
    print_line(&trace_id::fresh());
}

pub(super) fn get(settings: &Settings) {
    let (id, origin) = current(settings, None);
    output::verbose(&format!("trace id from {}", origin.describe()));
    print_line(&id);
}

pub(super) fn env(settings: &Settings) {
    let (id, _) = current(settings, None);
    print_line(&format!(
        "export AURALOG_TRACE_ID={}",
        trace_id::shell_quote(&id)
    ));
}

pub(super) fn header(settings: &Settings) {
    let (id, _) = current(settings, None);
    print_line(&format!("X-Trace-Id: {id}"));
}
