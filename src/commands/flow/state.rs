//! What every flow subcommand shares: names and ids, the state files under
//! `$XDG_STATE_HOME/auralog/flows/` and their lock, stamping entries with
//! the flow's fields, sending.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::commands::template::{environment_given, parse_meta_arg, EntryArgs, Template};
use crate::exit::{Code, Failure};
use crate::output;
use crate::settings::Settings;
use crate::sys::fsutil::{self, Durability};
use crate::wire::{Entry, Level};

use super::{MAX_ID_LEN, MAX_NAME_LEN, SUFFIX_LEN};

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
pub(super) fn is_safe_id(id: &str) -> bool {
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
    /// What `flow start`/`flow run` were given for every later entry.
    #[serde(default, skip_serializing_if = "Defaults::is_empty")]
    pub defaults: Defaults,
    /// The steps so far, for the CI step summary (at most [`HISTORY_MAX`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<StepRecord>,
}

/// A flow's defaults: `-m`, `--tag`, `--user-id`, `--session-id` (as
/// metadata) and `-e`, given to `flow start` or `flow run`. Every later entry
/// of the flow gets them; its own options win.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Defaults {
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub metadata: Map<String, Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
}

impl Defaults {
    pub fn is_empty(&self) -> bool {
        self.metadata.is_empty() && self.environment.is_none()
    }
}

/// One logged step, as the step summary shows it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StepRecord {
    pub index: u64,
    pub message: String,
    pub level: String,
    /// Unix time in milliseconds.
    pub ms: u64,
}

/// Steps kept in a flow's state for its summary; later ones are counted only.
pub const HISTORY_MAX: usize = 500;
/// Characters of a step's message kept for the summary.
const HISTORY_MESSAGE_MAX: usize = 200;

impl FlowState {
    /// Remember step `index` for the summary (bounded in count and size).
    pub(crate) fn record(&mut self, index: u64, message: &str, level: Level, ms: u64) {
        if self.history.len() >= HISTORY_MAX {
            return;
        }
        self.history.push(StepRecord {
            index,
            message: message.chars().take(HISTORY_MESSAGE_MAX).collect(),
            level: level.as_str().to_string(),
            ms,
        });
    }
}

pub(super) fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// Replace a flow state file atomically, creating
/// its directory. No fsync: the state is rewritten at every step, and a
/// power cut losing the last step costs less than an fsync per step.
pub(super) fn write_state(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    fsutil::write_atomic(path, &[bytes], None, Durability::NoFsync)
        .with_context(|| format!("{}: cannot write", path.display()))
}

/// The flows directory.
pub(super) struct Store {
    dir: PathBuf,
}

/// Held while reading and replacing state files; unlocked on drop.
pub(super) struct Locked {
    _file: File,
}

impl Store {
    pub(super) fn new() -> Store {
        Store {
            dir: crate::settings::state_dir().join("flows"),
        }
    }

    pub(super) fn lock(&self) -> Result<Locked> {
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

    pub(super) fn path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.json"))
    }

    pub(super) fn read(&self, id: &str) -> Result<Option<FlowState>> {
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

    pub(super) fn write(&self, st: &FlowState) -> Result<()> {
        let json = serde_json::to_vec(st).context("serialising flow state")?;
        write_state(&self.path(&st.id), &json)
    }

    pub(super) fn remove(&self, id: &str) -> Result<()> {
        let path = self.path(id);
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e).with_context(|| format!("{}: cannot remove", path.display())),
        }
    }

    /// Every readable flow, oldest first; unreadable files are warned about.
    pub(super) fn all(&self) -> Vec<FlowState> {
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
    pub(super) fn unknown(&self, id: &str) -> anyhow::Error {
        Failure::usage(format!(
            "unknown flow '{}' ({})",
            output::sanitize(id),
            self.active_summary()
        ))
        .into()
    }

    pub(super) fn active_summary(&self) -> String {
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

/// The flow id a sending command joins: `--flow`, else `AURALOG_FLOW_ID`
/// (blank counts as unset).
pub(crate) fn joined_id(flag: Option<&str>) -> Option<String> {
    flag.map(str::to_string)
        .or_else(|| std::env::var("AURALOG_FLOW_ID").ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// The state of an active flow, or `None` when it ended or never was. No
/// lock: state files are replaced atomically, and the parts read here (name,
/// trace id, defaults) never change after the start.
pub(crate) fn lookup(id: &str) -> Result<Option<FlowState>> {
    Store::new().read(id)
}

/// Take the flow's next stepIndex for an entry of another command (`log`,
/// a `tail-stdin` stream, an `ingest` run), under the lock, as `flow step`
/// does. `None` when the flow is no longer active.
pub(crate) fn take_step(id: &str, message: &str, level: Level) -> Result<Option<u64>> {
    let store = Store::new();
    let _lock = store.lock()?;
    let Some(mut st) = store.read(id)? else {
        return Ok(None);
    };
    let index = st.steps;
    let now = now_ms();
    st.steps += 1;
    st.last_ms = now;
    st.record(index, message, level, now);
    store.write(&st)?;
    Ok(Some(index))
}

/// A new flow's state (nothing logged yet), its defaults taken from the
/// starting command's own options.
pub(super) fn fresh_state(
    name: &str,
    template: &Template,
    settings: &Settings,
    pid: Option<u32>,
) -> FlowState {
    let now = now_ms();
    FlowState {
        id: new_id(name),
        name: name.to_string(),
        trace_id: template.trace_id.clone(),
        started_ms: now,
        last_ms: now,
        steps: 0,
        pid,
        defaults: Defaults {
            metadata: template.own.clone(),
            environment: environment_given(settings).then(|| template.environment.clone()),
        },
        history: Vec::new(),
    }
}

/// `flow start`/`flow run` start a flow: they cannot join one.
pub(super) fn refuse_flow_flag(args: &EntryArgs) -> Result<()> {
    if args.flow.is_some() {
        return Err(
            Failure::usage("--flow names a flow to join; this command starts a new one").into(),
        );
    }
    Ok(())
}

/// The flow id from `--flow` or `AURALOG_FLOW_ID`.
pub(super) fn flow_id(flag: Option<String>, store: &Store) -> Result<String> {
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
pub(crate) fn explicit_trace_id(args: &EntryArgs) -> bool {
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
pub(super) fn stamp(entry: &mut Entry, st: &FlowState, index: u64, own_trace: bool) {
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
        entry.trace_id.clone_from(&st.trace_id);
    }
}

pub(super) fn read_message(message: String) -> Result<String> {
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
pub(super) fn send(settings: &Settings, entries: &[Entry], strict: bool) -> Code {
    let mut sender = crate::sender::fanout::Senders::new(settings);
    for e in entries {
        sender.push(e);
    }
    sender.finish().report(strict)
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
}
