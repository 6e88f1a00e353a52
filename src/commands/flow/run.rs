//! `auralog flow run`: a whole flow around one command: start, the command
//! with its signals forwarded and its stderr tail kept, end with its status.

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use anyhow::Result;
use serde_json::Value;

use crate::commands::template::{EntryArgs, Template};
use crate::exit::{Code, Failure};
use crate::output;
use crate::sender::fanout::Senders;
use crate::sender::Stats;
use crate::settings::Settings;
use crate::sys::child::{exit_now, spawn_forwarding, status_code, ChildCommand, Forwarder};
use crate::trace_id;
use crate::wire::{Entry, Level};

use super::end::{finish_fields, step_summary, Status};
use super::state::*;

/// Lines of a failed command's stderr kept for the final entry.
const STDERR_TAIL_LINES: usize = 20;
/// Bytes kept of one such line.
const STDERR_LINE_BYTES: usize = 1000;

/// Run a command as a flow: start, run, end; exit with its status.
///
/// The command gets AURALOG_FLOW_ID, AURALOG_TRACE_ID and TRACEPARENT, so
/// `auralog flow step` and `auralog log` inside it join the flow. SIGINT and
/// SIGTERM are passed on to it. The last entry carries exitCode, durationMs
/// and status; when the command fails it is an error entry holding the last
/// 20 lines of the command's stderr in metadata.stderrTail (stderr is still
/// shown as it comes). auralog exits with the command's own status (128+N if
/// signal N killed it, 127 if it was not found), even under --strict:
/// delivery problems are only warnings here.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  auralog flow run deploy -- ./deploy.sh --env prod\n  auralog flow run nightly-backup -- pg_dump -f /backup/db.sql mydb\n  auralog flow run ci-tests -- sh -c 'cargo test && cargo clippy'"
)]
pub struct RunArgs {
    /// The flow's name (as for `flow start`).
    #[arg(value_name = "NAME")]
    pub name: String,

    /// On GitHub Actions, append the flow's Markdown summary to
    /// $GITHUB_STEP_SUMMARY (as `flow end --step-summary`).
    #[arg(long)]
    pub step_summary: bool,

    #[command(flatten)]
    pub entry: EntryArgs,

    #[command(flatten)]
    pub child: ChildCommand,
}

/// The last lines of a stream, each cut to a bounded length.
#[derive(Debug, Default)]
pub struct Tail {
    lines: VecDeque<Vec<u8>>,
    partial: Vec<u8>,
    partial_cut: bool,
}

impl Tail {
    pub fn feed(&mut self, mut data: &[u8]) {
        while !data.is_empty() {
            let (chunk, rest, eol) = match data.iter().position(|&b| b == b'\n') {
                Some(i) => (&data[..i], &data[i + 1..], true),
                None => (data, &data[data.len()..], false),
            };
            let room = STDERR_LINE_BYTES.saturating_sub(self.partial.len());
            if chunk.len() > room {
                self.partial_cut = true;
            }
            self.partial
                .extend_from_slice(&chunk[..chunk.len().min(room)]);
            if eol {
                self.end_line();
            }
            data = rest;
        }
    }

    fn end_line(&mut self) {
        let mut line = std::mem::take(&mut self.partial);
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        if std::mem::take(&mut self.partial_cut) {
            line.extend_from_slice(" [...]".as_bytes());
        }
        if self.lines.len() == STDERR_TAIL_LINES {
            self.lines.pop_front();
        }
        self.lines.push_back(line);
    }

    /// The kept lines, joined by newlines (invalid UTF-8 replaced).
    pub fn text(&self) -> String {
        let mut lines: Vec<&[u8]> = self.lines.iter().map(|l| l.as_slice()).collect();
        if !self.partial.is_empty() {
            lines.push(&self.partial);
        }
        let start = lines.len().saturating_sub(STDERR_TAIL_LINES);
        lines[start..]
            .iter()
            .map(|l| String::from_utf8_lossy(l))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Copy the child's stderr to ours as it comes, keeping its tail. Returns
/// a receiver that fires at EOF.
pub(super) fn pass_stderr(
    mut from: std::process::ChildStderr,
    tail: Arc<Mutex<Tail>>,
) -> std::sync::mpsc::Receiver<()> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 8192];
        let mut out = std::io::stderr();
        loop {
            match from.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    // A closed stderr must not block the child: keep draining.
                    let _ = out.write_all(&buf[..n]);
                    if let Ok(mut t) = tail.lock() {
                        t.feed(&buf[..n]);
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        let _ = tx.send(());
    });
    rx
}

pub(super) fn run_command(args: RunArgs, settings: &Settings) -> Result<Code> {
    validate_name(&args.name).map_err(|why| {
        Failure::usage(format!(
            "invalid flow name '{}': {why}",
            output::sanitize(&args.name)
        ))
    })?;
    refuse_flow_flag(&args.entry)?;
    let template = Template::build_in(&args.entry, settings, Vec::new(), None)?;
    let dry_run = args.entry.dry_run;
    let mut st = fresh_state(&args.name, &template, settings, Some(std::process::id()));
    let mut first = template.entry(format!("{} started", args.name), Level::Info);
    let admitted = first.level >= settings.min_level;

    // Nothing about auralog's own configuration or delivery may stop the
    // command or change its status: problems are warnings.
    let mut lenient = settings.clone();
    lenient.strict = false;
    crate::commands::preflight(&lenient, dry_run)?;
    let store = Store::new();
    let state_kept = record_start(&store, &mut st, &args.name, admitted);
    stamp(&mut first, &st, 0, true);
    let sending = send_first(first, admitted, dry_run, &lenient);

    let tail = Arc::new(Mutex::new(Tail::default()));
    let (code, spawn_problem, forwarder) = run_child(&args, &st, &tail);
    let end_ms = now_ms();

    let last = end_entry(
        &template,
        &store,
        state_kept.is_ok(),
        st,
        Outcome {
            code,
            spawn_problem,
            end_ms,
            tail: &tail,
        },
    );
    if !dry_run {
        step_summary(
            &last.1,
            &last.0,
            last.2,
            end_ms,
            args.step_summary,
            settings,
        );
    }
    let last = last.0;
    send_last(sending, last, settings.min_level);
    drop(forwarder);
    exit_now(code)
}

/// Save the state file (under the lock, with an id no other flow has), so
/// `auralog flow step` inside the command finds the flow. A failure is a
/// warning: the command runs anyway.
fn record_start(store: &Store, st: &mut FlowState, name: &str, admitted: bool) -> Result<()> {
    let kept = (|| -> Result<()> {
        let _lock = store.lock()?;
        while store.path(&st.id).exists() {
            st.id = new_id(name);
        }
        if admitted {
            st.steps = 1;
            let (name, ms) = (format!("{name} started"), st.started_ms);
            st.record(0, &name, Level::Info, ms);
        }
        store.write(st)
    })();
    if let Err(e) = &kept {
        output::warn(&format!(
            "cannot record the flow's state ({e:#}); running the command anyway, but `auralog flow step` inside it will not find the flow"
        ));
        st.steps = u64::from(admitted);
    }
    kept
}

/// Step 0 goes out while the command runs, so a slow or unreachable
/// service does not delay it. Returns the sending thread (none for a dry run).
fn send_first(
    first: Entry,
    admitted: bool,
    dry_run: bool,
    lenient: &Settings,
) -> Option<JoinHandle<Senders>> {
    if dry_run {
        if admitted {
            crate::commands::print_line(&first.to_json());
            let _ = std::io::stdout().flush();
        }
        return None;
    }
    let mut sender = Senders::new(lenient);
    Some(std::thread::spawn(move || {
        if admitted {
            sender.push(&first);
            sender.flush();
        }
        sender
    }))
}

/// Spawn the command inside the flow (its ids in the environment), signals
/// forwarded and stderr passed through into `tail`; wait for it. Returns its
/// status, why it could not start, and the forwarder to keep until exit.
fn run_child(
    args: &RunArgs,
    st: &FlowState,
    tail: &Arc<Mutex<Tail>>,
) -> (i32, Option<String>, Option<Forwarder>) {
    let mut cmd = args.child.to_command();
    cmd.env("AURALOG_FLOW_ID", &st.id)
        .env("AURALOG_TRACE_ID", &st.trace_id)
        .env("TRACEPARENT", trace_id::traceparent(&st.trace_id))
        .stderr(std::process::Stdio::piped());
    match spawn_forwarding(&mut cmd, args.child.program()) {
        Ok(mut child) => {
            let done = child
                .child
                .stderr
                .take()
                .map(|e| pass_stderr(e, tail.clone()));
            let code = match child.wait() {
                Ok(status) => status_code(status),
                Err(e) => {
                    output::warn(&format!("waiting for the command: {e}"));
                    1
                }
            };
            child.forwarder.finished(code);
            // A background process started by the command may keep its
            // stderr open: do not wait for it long.
            if let Some(done) = done {
                let _ = done.recv_timeout(Duration::from_millis(500));
            }
            (code, None, Some(child.forwarder))
        }
        Err(e) => {
            output::error(&e.message);
            (e.code, Some(e.message), None)
        }
    }
}

/// How the command ended, for the end entry.
struct Outcome<'a> {
    code: i32,
    spawn_problem: Option<String>,
    end_ms: u64,
    tail: &'a Mutex<Tail>,
}

/// The last step: read the state again (the command may have logged
/// steps), build the end entry with status, duration, exit code and the
/// stderr tail of a failure, and forget the flow.
fn end_entry(
    template: &Template,
    store: &Store,
    state_kept: bool,
    mut st: FlowState,
    out: Outcome<'_>,
) -> (Entry, FlowState, Status) {
    let code = out.code;
    let status = if code == 0 {
        Status::Ok
    } else {
        Status::Failed
    };
    let lock = if state_kept { store.lock().ok() } else { None };
    if lock.is_some() {
        if let Ok(Some(now_st)) = store.read(&st.id) {
            st = now_st;
        }
    }
    let message = match (&out.spawn_problem, status) {
        (Some(why), _) => format!("{} failed: {why}", st.name),
        (None, Status::Ok) => format!("{} finished", st.name),
        (None, Status::Failed) => format!("{} failed (exit {code})", st.name),
    };
    let level = if status == Status::Ok {
        Level::Info
    } else {
        Level::Error
    };
    let mut entry = template.entry(message, level);
    stamp(&mut entry, &st, st.steps, true);
    finish_fields(&mut entry, &st, status, out.end_ms);
    entry.metadata.insert("exitCode".into(), Value::from(code));
    if status == Status::Failed {
        let text = out.tail.lock().map(|t| t.text()).unwrap_or_default();
        if !text.is_empty() {
            entry
                .metadata
                .insert("stderrTail".into(), Value::String(text));
        }
    }
    if lock.is_some() {
        if let Err(e) = store.remove(&st.id) {
            output::warn(&format!("{e:#}"));
        }
    }
    (entry, st, status)
}

/// Print (dry run) or send the end entry with step 0's sender, and report.
fn send_last(sending: Option<JoinHandle<Senders>>, last: Entry, min_level: Level) {
    let admitted_last = last.level >= min_level;
    match sending {
        None => {
            if admitted_last {
                crate::commands::print_line(&last.to_json());
            }
        }
        Some(handle) => {
            let stats = match handle.join() {
                Ok(mut sender) => {
                    if admitted_last {
                        sender.push(&last);
                    }
                    sender.finish()
                }
                Err(_) => Stats::default(),
            };
            stats.report(false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_keeps_the_last_lines_bounded() {
        let mut t = Tail::default();
        for i in 0..30 {
            t.feed(format!("line {i}\r\n").as_bytes());
        }
        let text = t.text();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), STDERR_TAIL_LINES);
        assert_eq!(lines[0], "line 10");
        assert_eq!(lines[19], "line 29");

        let mut t = Tail::default();
        t.feed(b"par");
        t.feed(b"tial");
        assert_eq!(t.text(), "partial");
        t.feed(&vec![b'x'; 5000]);
        t.feed(b"\nend");
        let text = t.text();
        let first = text.lines().next().unwrap();
        assert_eq!(first.len(), STDERR_LINE_BYTES + " [...]".len());
        assert!(first.starts_with("partialxxx") && first.ends_with(" [...]"));
        assert!(text.ends_with("\nend"));
    }
}
