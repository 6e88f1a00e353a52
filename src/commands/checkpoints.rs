//! `auralog checkpoints [list|forget]`: the checkpoints `ingest --resume`
//! and `ingest --follow` keep (see `checkpoint` for the store), what is
//! left to ship in each file, and a way to forget one or all.
//!
//! A command of its own rather than `ingest --status/--forget`: it reads
//! and deletes state, ships nothing, needs no API key, takes none of
//! ingest's reading options, and sits beside `spool status|flush|clear`,
//! the other state a user may want to see and reset.

use std::fs::File;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use anyhow::Result;
use serde_json::{json, Value};

use crate::checkpoint::{self, Checkpoint, Locked, Start, Store, Unit};
use crate::exit::Code;
use crate::output;
use crate::sender::spool::human_bytes;
use crate::settings::Settings;

const EXAMPLES: &str = "\
Examples:
  auralog checkpoints                     # every checkpoint and what is left to ship
  auralog checkpoints list --json
  auralog checkpoints forget /var/log/app.log   # the next --resume ships it whole
  auralog checkpoints forget --all";

const ABOUT: &str = "\
Show or forget the checkpoints of `ingest --resume` and `ingest --follow`.

For each file shipped with --resume or --follow, auralog keeps a checkpoint in
$XDG_STATE_HOME/auralog/checkpoints/ (one JSON file per absolute path, written
atomically): what identifies the file (device, inode and a fingerprint of its
first 1024 bytes) and the offset up to which every record was delivered or
spooled (bytes; records for gzip files), with the line number there and when
it was written. `list` also compares each checkpoint with the file as it is
now: up to date, how many bytes are left, replaced (rotated, truncated or
another file: the next run starts it from the beginning), or missing.

Forgetting a checkpoint makes the next --resume ship the file from its
beginning. A file an auralog process is shipping right now cannot be
forgotten (its lock is held; that process would write the checkpoint back).";

/// Show or forget the checkpoints of `ingest --resume` and `ingest --follow`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES, long_about = ABOUT)]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<Action>,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// List each checkpoint: file, offset, line, last delivery, identity, what is left (the default).
    ///
    /// Each checkpoint is compared with its file as it is now: up to date,
    /// the bytes left after the offset, replaced (truncated in place, or
    /// another file at the path: the next run starts it from the beginning),
    /// missing, or for gzip files (checkpointed by record count) the same file.
    #[command(
        after_help = "Examples:\n  auralog checkpoints list\n  auralog checkpoints list --json | jq '.[] | select(.state != \"up to date\")'"
    )]
    List {
        /// Print one JSON array instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Forget these files' checkpoints (or all): their next --resume starts from the beginning.
    ///
    /// A file an auralog process is shipping now is refused (exit 75, as
    /// `ingest --resume` is refused it): its
    /// lock is held, and that process would write the checkpoint back. A
    /// file without a checkpoint is a warning, not an error.
    #[command(
        after_help = "Examples:\n  auralog checkpoints forget /var/log/app.log\n  auralog checkpoints forget --all"
    )]
    Forget {
        /// The files, as given to ingest (relative paths are taken from the current directory).
        #[arg(
            value_name = "FILE",
            required_unless_present = "all",
            conflicts_with = "all"
        )]
        files: Vec<PathBuf>,
        /// Forget every checkpoint.
        #[arg(long)]
        all: bool,
    },
}

pub fn run(args: Args, _settings: &Settings) -> Result<Code> {
    let store = Store::new();
    match args.action.unwrap_or(Action::List { json: false }) {
        Action::List { json } => list(&store, json),
        Action::Forget { files, all } => forget(&store, &files, all),
    }
}

/// A checkpoint compared with its file now.
fn state(cp: &Checkpoint) -> (String, Option<u64>) {
    let file = match File::open(&cp.path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return ("missing".into(), None),
        Err(e) => return (format!("unreadable: {e}"), None),
    };
    match checkpoint::plan_file(Some(cp), &file) {
        Ok((_, _, Start::UpToDate)) => ("up to date".into(), Some(0)),
        Ok((_, size, Start::From { offset, .. })) if cp.unit == Unit::Bytes => {
            let left = size.saturating_sub(offset);
            (format!("{} left", human_bytes(left)), Some(left))
        }
        Ok((_, _, Start::From { .. })) => ("same file (gzip: resumes by record)".into(), None),
        Ok((_, _, Start::Replaced { why })) => (format!("replaced ({})", why.as_str()), None),
        Ok((_, _, Start::Fresh)) => ("fresh".into(), None),
        Err(e) => (format!("unreadable: {e}"), None),
    }
}

fn age(updated: &str) -> String {
    let Ok(t) = humantime::parse_rfc3339_weak(updated.trim_end_matches('Z')) else {
        return updated.to_string();
    };
    match SystemTime::now().duration_since(t) {
        Ok(d) => format!(
            "{} ago",
            humantime::format_duration(Duration::from_secs(d.as_secs()))
        ),
        Err(_) => updated.to_string(),
    }
}

fn list(store: &Store, as_json: bool) -> Result<Code> {
    let cps = store.list()?;
    if as_json {
        let v: Vec<Value> = cps
            .iter()
            .map(|cp| {
                let (state, left) = state(cp);
                json!({
                    "path": cp.path.to_string_lossy(),
                    "dev": cp.id.dev,
                    "ino": cp.id.ino,
                    "head_len": cp.id.head_len,
                    "head_hash": format!("{:016x}", cp.id.head_hash),
                    "unit": match cp.unit { Unit::Bytes => "bytes", Unit::Records => "records" },
                    "offset": cp.offset,
                    "line": cp.line,
                    "records": cp.records,
                    "updated": cp.updated,
                    "state": state,
                    "bytes_left": left,
                })
            })
            .collect();
        super::print_line(&Value::Array(v).to_string());
        return Ok(Code::Ok);
    }
    if cps.is_empty() {
        output::info(&format!(
            "no checkpoints in {} (ingest --resume or --follow writes them)",
            store.dir().display()
        ));
        return Ok(Code::Ok);
    }
    for cp in &cps {
        let (state, _) = state(cp);
        let at = match cp.unit {
            Unit::Bytes => format!("byte {}", cp.offset),
            Unit::Records => format!("record {}", cp.offset),
        };
        let line = format!(
            "{}\n  {at}, line {}, {} records, delivered {}; {state}\n  identity {}",
            output::sanitize(&cp.path.to_string_lossy()),
            cp.line,
            cp.records,
            age(&cp.updated),
            cp.id.short(),
        );
        if !super::print_line(&line) {
            break;
        }
    }
    Ok(Code::Ok)
}

fn forget(store: &Store, files: &[PathBuf], all: bool) -> Result<Code> {
    if all {
        let n = store.forget_all().map_err(Locked::exit_75)?;
        output::info(&format!(
            "forgot {n} checkpoint{}",
            if n == 1 { "" } else { "s" }
        ));
        return Ok(Code::Ok);
    }
    for f in files {
        let abs = checkpoint::absolute(f);
        let shown = output::sanitize(&abs.to_string_lossy()).into_owned();
        if store.forget(&abs).map_err(Locked::exit_75)? {
            output::info(&format!("forgot the checkpoint of {shown}"));
        } else {
            output::warn(&format!("no checkpoint for {shown}"));
        }
    }
    Ok(Code::Ok)
}
