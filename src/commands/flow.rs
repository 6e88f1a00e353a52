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
//! - An unknown flow id, or no flow at all (no `--flow`, no
//!   `AURALOG_FLOW_ID`), is a usage error (exit 2) that names the active
//!   flows; nothing is sent. That includes `flow end` of a flow already ended.
//! - `--dry-run` prints the entries and changes no state (`flow start` then
//!   prints only the JSON of step 0, not an id).
//! - `flow run` and `trace exec` exit with the command's status whatever
//!   happens to auralog's own delivery, even under `--strict` (a problem is
//!   a warning).
//! - The end entry carries `status` (`ok`/`failed`), which replaces any
//!   `status` given with `-m`.
//! - `flow list` marks a flow stale after 24 h without a step (changeable
//!   with `--stale-after`), or when the `flow run` that owns it is gone.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::commands::template::{parse_meta_arg, EntryArgs, Template};
use crate::exit::{Code, Failure};
use crate::output;
use crate::sender::{Sender, Stats};
use crate::settings::Settings;
use crate::sys::child::ChildCommand;
use crate::sys::fsutil::{self, Durability};
use crate::trace_id;
use crate::wire::{Entry, Level};

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
const SUFFIX_LEN: usize = 8;
/// Longest NAME that keeps the id within [`MAX_ID_LEN`].
pub const MAX_NAME_LEN: usize = MAX_ID_LEN - SUFFIX_LEN - 1;
/// Lines of a failed command's stderr kept for the final entry.
const STDERR_TAIL_LINES: usize = 20;
/// Bytes kept of one such line.
const STDERR_LINE_BYTES: usize = 1000;

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

    #[command(flatten)]
    pub entry: EntryArgs,
}

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
    /// The flow's id [default: $AURALOG_FLOW_ID].
    #[arg(long, value_name = "ID")]
    pub flow: Option<String>,

    /// The message; `-` reads it from stdin (one trailing newline removed).
    #[arg(value_name = "MESSAGE")]
    pub message: String,

    #[command(flatten)]
    pub entry: EntryArgs,
}

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

    #[command(flatten)]
    pub entry: EntryArgs,

    #[command(flatten)]
    pub child: ChildCommand,
}

/// Show active flows: id, age, steps so far, time since the last step.
///
/// A flow is marked stale when no step was logged for --stale-after, or
/// when the `flow run` that owns it is no longer running.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  auralog flow list\n  auralog flow list --json\n  auralog flow list --stale-after 2h"
)]
pub struct ListArgs {
    /// Mark flows stale after this long without a step (e.g. 30m, 2h, 1d).
    #[arg(long, value_name = "DURATION", default_value = "24h", value_parser = humantime::parse_duration)]
    pub stale_after: Duration,

    /// One JSON object per line instead of a table.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args, settings: &Settings) -> Result<Code> {
    match args.command {
        FlowCommand::Start(a) => start(a, settings),
        FlowCommand::Step(a) => step(a, settings),
        FlowCommand::End(a) => end(a, settings),
        FlowCommand::Run(a) => run_command(a, settings),
        FlowCommand::List(a) => list(a),
    }
}

// ---------------------------------------------------------------------------
// Names, ids and state.

/// Check a flow name; the error says what is wrong.
pub fn validate_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("the flow name is empty".into());
    }
    if name.len() > MAX_NAME_LEN {
        return Err(format!(
            "the flow name is {} characters long (at most {MAX_NAME_LEN}, so the id stays within {MAX_ID_LEN})",
            name.len()
        ));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        return Err(format!(
            "the flow name contains {} (allowed: ASCII letters, digits, '.', '_', '-')",
            match c {
                ' ' => "a space".to_string(),
                c if c.is_control() => format!("a control character (U+{:04X})", c as u32),
                c => format!("'{c}'"),
            }
        ));
    }
    if !name.as_bytes()[0].is_ascii_alphanumeric() {
        return Err("the flow name must start with a letter or a digit".into());
    }
    Ok(())
}

/// A new id: NAME, a dash, 8 random `[a-z0-9]`.
pub fn new_id(name: &str) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let suffix: String = (0..SUFFIX_LEN)
        .map(|_| ALPHABET[fastrand::usize(..ALPHABET.len())] as char)
        .collect();
    format!("{name}-{suffix}")
}

/// Whether `id` could name a state file safely (no path tricks).
fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id.as_bytes()[0].is_ascii_alphanumeric()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// One flow's state file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct FlowState {
    pub id: String,
    pub name: String,
    pub trace_id: String,
    /// Unix time in milliseconds.
    pub started_ms: u64,
    /// When the last step was logged (or the flow started).
    pub last_ms: u64,
    /// The next stepIndex (steps logged so far).
    pub steps: u64,
    /// The `flow run` process that owns the flow, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pid: Option<u32>,
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// Replace a flow state file atomically, creating
/// its directory. No fsync: the state is rewritten at every step, and a
/// power cut losing the last step costs less than an fsync per step.
fn write_state(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    fsutil::write_atomic(path, &[bytes], None, Durability::NoFsync)
        .with_context(|| format!("{}: cannot write", path.display()))
}

/// The flows directory.
struct Store {
    dir: PathBuf,
}

/// Held while reading and replacing state files; unlocked on drop.
struct Locked {
    _file: File,
}

impl Store {
    fn new() -> Store {
        Store {
            dir: crate::settings::state_dir().join("flows"),
        }
    }

    fn lock(&self) -> Result<Locked> {
        std::fs::create_dir_all(&self.dir)
            .with_context(|| format!("{}: cannot create", self.dir.display()))?;
        let path = self.dir.join(".lock");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("{}: cannot open", path.display()))?;
        file.lock()
            .with_context(|| format!("{}: cannot lock", path.display()))?;
        Ok(Locked { _file: file })
    }

    fn path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.json"))
    }

    fn read(&self, id: &str) -> Result<Option<FlowState>> {
        if !is_safe_id(id) {
            return Ok(None);
        }
        let path = self.path(id);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e).with_context(|| format!("{}: cannot read", path.display())),
        };
        serde_json::from_str(&text)
            .map(Some)
            .with_context(|| format!("{}: corrupt flow state", path.display()))
    }

    fn write(&self, st: &FlowState) -> Result<()> {
        let json = serde_json::to_vec(st).context("serialising flow state")?;
        write_state(&self.path(&st.id), &json)
    }

    fn remove(&self, id: &str) -> Result<()> {
        let path = self.path(id);
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e).with_context(|| format!("{}: cannot remove", path.display())),
        }
    }

    /// Every readable flow, oldest first; unreadable files are warned about.
    fn all(&self) -> Vec<FlowState> {
        let mut flows = Vec::new();
        let Ok(rd) = std::fs::read_dir(&self.dir) else {
            return flows;
        };
        for ent in rd.flatten() {
            let name = ent.file_name().to_string_lossy().into_owned();
            let Some(id) = name.strip_suffix(".json") else {
                continue;
            };
            if !is_safe_id(id) {
                continue;
            }
            match self.read(id) {
                Ok(Some(st)) => flows.push(st),
                Ok(None) => {}
                Err(e) => output::warn(&format!("{e:#}")),
            }
        }
        flows.sort_by(|a, b| (a.started_ms, &a.id).cmp(&(b.started_ms, &b.id)));
        flows
    }

    /// The usage error for an id that names no active flow.
    fn unknown(&self, id: &str) -> anyhow::Error {
        Failure::usage(format!(
            "unknown flow '{}' ({})",
            output::sanitize(id),
            self.active_summary()
        ))
        .into()
    }

    fn active_summary(&self) -> String {
        let flows = self.all();
        if flows.is_empty() {
            return "there are no active flows; start one with `auralog flow start NAME`".into();
        }
        const SHOWN: usize = 10;
        let mut ids: Vec<&str> = flows
            .iter()
            .rev()
            .take(SHOWN)
            .map(|f| f.id.as_str())
            .collect();
        ids.reverse();
        let more = flows.len().saturating_sub(SHOWN);
        format!(
            "active flows: {}{}",
            ids.join(", "),
            if more > 0 {
                format!(" and {more} older (see `auralog flow list`)")
            } else {
                String::new()
            }
        )
    }
}

/// The flow id from `--flow` or `AURALOG_FLOW_ID`.
fn flow_id(flag: Option<String>, store: &Store) -> Result<String> {
    let id = flag
        .or_else(|| std::env::var("AURALOG_FLOW_ID").ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    match id {
        Some(id) => Ok(id),
        None => Err(Failure::usage(format!(
            "no flow given: pass --flow ID or set AURALOG_FLOW_ID (eval \"$(auralog flow start NAME --export)\"); {}",
            store.active_summary()
        ))
        .into()),
    }
}

/// Whether this invocation names its own trace id (`--trace-id`, or
/// `traceId` in `-m`/`--metadata-json`), which then wins over the flow's.
fn explicit_trace_id(args: &EntryArgs) -> bool {
    if args
        .trace_id
        .as_deref()
        .is_some_and(|s| !s.trim().is_empty())
    {
        return true;
    }
    if args
        .meta
        .iter()
        .any(|m| parse_meta_arg(m).is_ok_and(|(k, _)| k == "traceId"))
    {
        return true;
    }
    args.metadata_json
        .as_deref()
        .and_then(|js| serde_json::from_str::<Value>(js).ok())
        .is_some_and(|v| v.get("traceId").is_some())
}

/// Put the flow's keys on an entry (after `template.entry`, so they win
/// over anything in the config file's `[metadata]`).
fn stamp(entry: &mut Entry, st: &FlowState, index: u64, own_trace: bool) {
    entry
        .metadata
        .insert("flowId".into(), Value::String(st.id.clone()));
    entry
        .metadata
        .insert("flowName".into(), Value::String(st.name.clone()));
    entry
        .metadata
        .insert("stepIndex".into(), Value::from(index));
    if !own_trace {
        entry.trace_id = st.trace_id.clone();
    }
}

fn read_message(message: String) -> Result<String> {
    if message != "-" {
        return Ok(message);
    }
    let mut s = String::new();
    std::io::stdin()
        .read_to_string(&mut s)
        .context("reading stdin")?;
    if s.ends_with('\n') {
        s.pop();
        if s.ends_with('\r') {
            s.pop();
        }
    }
    Ok(s)
}

/// Send entries and report the outcome (`strict` as for `auralog log`).
fn send(settings: &Settings, entries: &[Entry], strict: bool) -> Code {
    let mut sender = Sender::new(settings);
    for e in entries {
        sender.push(e);
    }
    sender.finish().report(strict)
}

// ---------------------------------------------------------------------------
// The subcommands.

fn start(args: StartArgs, settings: &Settings) -> Result<Code> {
    validate_name(&args.name).map_err(|why| {
        Failure::usage(format!(
            "invalid flow name '{}': {why}",
            output::sanitize(&args.name)
        ))
    })?;
    let template = Template::new(&args.entry, settings)?;
    let message = args
        .message
        .clone()
        .unwrap_or_else(|| format!("{} started", args.name));
    let now = now_ms();
    let mut st = FlowState {
        id: new_id(&args.name),
        name: args.name.clone(),
        trace_id: template.trace_id.clone(),
        started_ms: now,
        last_ms: now,
        steps: 0,
        pid: None,
    };
    let mut entry = template.entry(message, Level::Info);
    let admitted = entry.level >= settings.min_level;
    stamp(&mut entry, &st, 0, true);

    super::preflight(settings, args.entry.dry_run)?;
    if args.entry.dry_run {
        if admitted {
            super::print_line(&entry.to_json());
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
        }
        store.write(&st)?;
    }
    if args.export {
        super::print_line(&format!("export AURALOG_FLOW_ID={}", st.id));
        super::print_line(&format!(
            "export AURALOG_TRACE_ID={}",
            trace_id::shell_quote(&st.trace_id)
        ));
    } else {
        super::print_line(&st.id);
    }
    let _ = std::io::stdout().flush();
    if !admitted {
        return Ok(Code::Ok);
    }
    Ok(send(settings, &[entry], settings.strict))
}

fn step(args: StepArgs, settings: &Settings) -> Result<Code> {
    let store = Store::new();
    let id = flow_id(args.flow.clone(), &store)?;
    let template = Template::new(&args.entry, settings)?;
    let own_trace = explicit_trace_id(&args.entry);
    let message = read_message(args.message.clone())?;
    super::preflight(settings, args.entry.dry_run)?;
    let entry = {
        let _lock = store.lock()?;
        let Some(mut st) = store.read(&id)? else {
            return Err(store.unknown(&id));
        };
        // Stamped under the lock, so timestamps follow step order.
        let mut entry = template.entry(message, Level::Info);
        if entry.level < settings.min_level {
            // Filtered out: it uses no step and nothing is sent.
            return Ok(Code::Ok);
        }
        stamp(&mut entry, &st, st.steps, own_trace);
        if !args.entry.dry_run {
            st.steps += 1;
            st.last_ms = now_ms();
            store.write(&st)?;
        }
        entry
    };
    if args.entry.dry_run {
        super::print_line(&entry.to_json());
        return Ok(Code::Ok);
    }
    Ok(send(settings, &[entry], settings.strict))
}

/// The final entry's fields.
fn finish_fields(entry: &mut Entry, st: &FlowState, status: Status, end_ms: u64) {
    entry.metadata.insert(
        "durationMs".into(),
        Value::from(end_ms.saturating_sub(st.started_ms)),
    );
    entry
        .metadata
        .insert("status".into(), Value::String(status.as_str().into()));
}

fn end(args: EndArgs, settings: &Settings) -> Result<Code> {
    let store = Store::new();
    let id = flow_id(args.flow.clone(), &store)?;
    let template = Template::new(&args.entry, settings)?;
    let own_trace = explicit_trace_id(&args.entry);
    super::preflight(settings, args.entry.dry_run)?;
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
        super::print_line(&entry.to_json());
        return Ok(Code::Ok);
    }
    Ok(send(settings, &[entry], settings.strict))
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
fn pass_stderr(
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

fn run_command(args: RunArgs, settings: &Settings) -> Result<Code> {
    use crate::sys::child::{exit_now, spawn_forwarding, status_code};

    validate_name(&args.name).map_err(|why| {
        Failure::usage(format!(
            "invalid flow name '{}': {why}",
            output::sanitize(&args.name)
        ))
    })?;
    let template = Template::new(&args.entry, settings)?;
    let dry_run = args.entry.dry_run;
    let now = now_ms();
    let mut st = FlowState {
        id: new_id(&args.name),
        name: args.name.clone(),
        trace_id: template.trace_id.clone(),
        started_ms: now,
        last_ms: now,
        steps: 0,
        pid: Some(std::process::id()),
    };
    let mut first = template.entry(format!("{} started", args.name), Level::Info);
    let admitted = first.level >= settings.min_level;

    // Nothing about auralog's own configuration or delivery may stop the
    // command or change its status: problems are warnings.
    let mut lenient = settings.clone();
    lenient.strict = false;
    super::preflight(&lenient, dry_run)?;
    let store = Store::new();
    let state_kept = (|| -> Result<()> {
        let _lock = store.lock()?;
        while store.path(&st.id).exists() {
            st.id = new_id(&args.name);
        }
        if admitted {
            st.steps = 1;
        }
        store.write(&st)
    })();
    if let Err(e) = &state_kept {
        output::warn(&format!(
            "cannot record the flow's state ({e:#}); running the command anyway, but `auralog flow step` inside it will not find the flow"
        ));
        st.steps = u64::from(admitted);
    }
    stamp(&mut first, &st, 0, true);

    // Step 0 goes out while the command runs, so a slow or unreachable
    // service does not delay it.
    let sending = if dry_run {
        if admitted {
            super::print_line(&first.to_json());
            let _ = std::io::stdout().flush();
        }
        None
    } else {
        let mut sender = Sender::new(&lenient);
        Some(std::thread::spawn(move || {
            if admitted {
                sender.push(&first);
                sender.flush();
            }
            sender
        }))
    };

    let mut cmd = args.child.to_command();
    cmd.env("AURALOG_FLOW_ID", &st.id)
        .env("AURALOG_TRACE_ID", &st.trace_id)
        .env("TRACEPARENT", trace_id::traceparent(&st.trace_id))
        .stderr(std::process::Stdio::piped());
    let tail = Arc::new(Mutex::new(Tail::default()));
    let (code, spawn_problem, forwarder) = match spawn_forwarding(&mut cmd, args.child.program()) {
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
    };
    let end_ms = now_ms();

    // The last step: read the state again, the command may have logged steps.
    let status = if code == 0 {
        Status::Ok
    } else {
        Status::Failed
    };
    let last = {
        let lock = match &state_kept {
            Ok(()) => store.lock().ok(),
            Err(_) => None,
        };
        if lock.is_some() {
            if let Ok(Some(now_st)) = store.read(&st.id) {
                st = now_st;
            }
        }
        let message = match (&spawn_problem, status) {
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
        finish_fields(&mut entry, &st, status, end_ms);
        entry.metadata.insert("exitCode".into(), Value::from(code));
        if status == Status::Failed {
            let text = tail.lock().map(|t| t.text()).unwrap_or_default();
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
        entry
    };
    let admitted_last = last.level >= settings.min_level;
    match sending {
        None => {
            if admitted_last {
                super::print_line(&last.to_json());
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
    drop(forwarder);
    exit_now(code)
}

fn format_age(ms: u64) -> String {
    let s = ms / 1000;
    match s {
        0..=59 => format!("{s}s"),
        60..=3599 => format!("{}m{:02}s", s / 60, s % 60),
        3600..=86399 => format!("{}h{:02}m", s / 3600, s % 3600 / 60),
        _ => format!("{}d{:02}h", s / 86400, s % 86400 / 3600),
    }
}

/// Whether a process is still running (for flows owned by `flow run`).
fn process_alive(pid: u32) -> bool {
    if Path::new("/proc/self").exists() {
        return Path::new(&format!("/proc/{pid}")).exists();
    }
    std::process::Command::new("kill")
        .arg("-0")
        .arg(pid.to_string())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Why a flow is stale, if it is.
fn stale_reason(st: &FlowState, now: u64, stale_after: Duration) -> Option<String> {
    if let Some(pid) = st.pid {
        if !process_alive(pid) {
            return Some(format!("its flow run (pid {pid}) is gone"));
        }
    }
    let idle = now.saturating_sub(st.last_ms);
    (idle >= stale_after.as_millis() as u64).then(|| format!("no step for {}", format_age(idle)))
}

fn list(args: ListArgs) -> Result<Code> {
    let store = Store::new();
    let flows = store.all();
    let now = now_ms();
    if args.json {
        for st in &flows {
            let stale = stale_reason(st, now, args.stale_after);
            let v = serde_json::json!({
                "id": st.id,
                "name": st.name,
                "traceId": st.trace_id,
                "ageMs": now.saturating_sub(st.started_ms),
                "idleMs": now.saturating_sub(st.last_ms),
                "steps": st.steps,
                "stale": stale.is_some(),
                "staleReason": stale,
            });
            if !super::print_line(&v.to_string()) {
                break;
            }
        }
        return Ok(Code::Ok);
    }
    if flows.is_empty() {
        output::info("no active flows");
        return Ok(Code::Ok);
    }
    let width = flows.iter().map(|f| f.id.len()).max().unwrap_or(2).max(2);
    super::print_line(&format!(
        "{:<width$}  {:>7}  {:>5}  {:>9}  STATE",
        "ID", "AGE", "STEPS", "LAST STEP"
    ));
    for st in &flows {
        let state = match stale_reason(st, now, args.stale_after) {
            Some(why) => format!("stale ({why})"),
            None => "active".into(),
        };
        let line = format!(
            "{:<width$}  {:>7}  {:>5}  {:>9}  {state}",
            st.id,
            format_age(now.saturating_sub(st.started_ms)),
            st.steps,
            format!("{} ago", format_age(now.saturating_sub(st.last_ms))),
        );
        if !super::print_line(&line) {
            break;
        }
    }
    Ok(Code::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_the_documented_shape() {
        for _ in 0..200 {
            let id = new_id("deploy");
            let suffix = id.strip_prefix("deploy-").unwrap();
            assert_eq!(suffix.len(), 8);
            assert!(suffix
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
        }
        assert_ne!(new_id("a"), new_id("a"));
        let long = "n".repeat(MAX_NAME_LEN);
        assert!(validate_name(&long).is_ok());
        assert_eq!(new_id(&long).len(), MAX_ID_LEN);
        assert!(is_safe_id(&new_id(&long)));
    }

    #[test]
    fn names_are_validated() {
        for good in ["deploy", "ci.build_2", "A-b.c_d", "9"] {
            assert!(validate_name(good).is_ok(), "{good}");
        }
        for (bad, why) in [
            ("", "empty"),
            ("a b", "space"),
            ("a/b", "'/'"),
            ("café", "'é'"),
            ("-x", "start"),
            (".x", "start"),
            ("a\u{1b}", "U+001B"),
        ] {
            let err = validate_name(bad).unwrap_err();
            assert!(err.contains(why), "{bad}: {err}");
        }
        assert!(validate_name(&"n".repeat(MAX_NAME_LEN + 1))
            .unwrap_err()
            .contains("at most 91"));
    }

    #[test]
    fn unsafe_ids_are_refused() {
        for bad in ["", "../x", "a/b", ".hidden", "x\0y", &"a".repeat(101)] {
            assert!(!is_safe_id(bad), "{bad:?}");
        }
    }

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

    #[test]
    fn ages_are_compact() {
        assert_eq!(format_age(5_400), "5s");
        assert_eq!(format_age(303_000), "5m03s");
        assert_eq!(format_age(3 * 3_600_000 + 5 * 60_000), "3h05m");
        assert_eq!(format_age(2 * 86_400_000 + 3 * 3_600_000), "2d03h");
    }

    #[test]
    fn stale_by_idle_time() {
        let st = FlowState {
            id: "a-12345678".into(),
            name: "a".into(),
            trace_id: "t".into(),
            started_ms: 0,
            last_ms: 1_000,
            steps: 1,
            pid: None,
        };
        let day = Duration::from_secs(86_400);
        assert!(stale_reason(&st, 2_000, day).is_none());
        assert!(stale_reason(&st, 1_000 + 86_400_000, day).is_some());
        let gone = FlowState {
            pid: Some(u32::MAX - 1),
            ..st.clone()
        };
        assert!(stale_reason(&gone, 2_000, day).unwrap().contains("is gone"));
        let alive = FlowState {
            pid: Some(std::process::id()),
            ..st
        };
        assert!(stale_reason(&alive, 2_000, day).is_none());
    }
}
