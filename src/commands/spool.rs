//! `auralog spool status|flush|clear`: look at, send, or delete what the
//! disk spool holds (see `sender::spool` for the layout).

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use anyhow::Result;
use serde_json::{json, Value};

use crate::exit::{Code, Failure};
use crate::output;
use crate::sender::replay::ReplayMode;
use crate::sender::spool::{self, human_bytes, Spool};
use crate::sender::{Sender, Stats};
use crate::settings::Settings;

const EXAMPLES: &str = "\
Examples:
  auralog spool status                 # what is waiting, and what was refused
  auralog spool status --json
  auralog spool flush                  # send everything now (oldest first)
  auralog --strict spool flush         # exit 75 if something is still left
  auralog spool clear --rejected --yes # forget the batches the service refused
  auralog spool clear                  # asks first";

const ABOUT: &str = "\
Look at, send or delete what the disk spool holds.

What auralog could not deliver (the endpoint down, slow, or answering 5xx/429
past the retry budget; no API key configured; the key refused) is kept in the
spool, $XDG_STATE_HOME/auralog/spool by default (setting spool_dir), one file
per batch, written atomically, with the entries byte for byte as they would
have been sent (original timestamps included) and the batch's Idempotency-Key,
so a replay never shows duplicates on a service that honours the key.

Every sending command first replays spooled batches, oldest first, for at
most 2 seconds (one attempt each, stopping at the first failure); `spool flush`
replays everything with the full retry budget. A batch is replayed only to the
endpoint and API key it was meant for, except that a batch spooled because
no key was configured, or because the service refused the key (401/403),
goes with the current key to the same endpoint; `flush --any-destination`
sends every batch to the current endpoint. Several auralog processes can share the spool: replays
take a lock, so a batch is never replayed twice at once.

Within one run, once a batch had to be spooled after its retry budget, later
batches go straight to the spool, except for one single-attempt probe every 5
seconds (a circuit breaker: a dead endpoint never makes a long stream crawl);
when a probe gets through, what the run spooled is replayed, and at the end of
the run it is tried once more within 2 seconds.

Batches the service refused for good (a 4xx other than 401, 403, 408, 413,
425, 429; a single entry still too large after 413 splits) are kept under
rejected/ with the service's answer and never replayed; `spool status` lists
them.

Layout: one file per batch, NANOS-PID-RANDOM.batch (names sort oldest first):
a JSON header line (idempotency_key, kind, count, endpoint, key_id, spooled_at,
reason, ends) then the body; rejected/ holds refused batches, their header also
carrying status and answer; .lock is the replay lock. Files are mode 0600 and
never hold the API key.

The spool holds at most spool_max_bytes (100 MiB by default). A batch that
would not fit is not written: auralog prints an error saying how many entries
were lost and exits 1, with or without --strict.";

/// Look at, send or delete what the disk spool holds.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES, long_about = ABOUT)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Show pending batches (count, entries, bytes, age of the oldest) and rejected ones.
    ///
    /// Rejected batches are listed with the service's answer. Batches meant
    /// for another endpoint or API key are counted apart.
    #[command(after_help = "Examples:\n  auralog spool status\n  auralog spool status --json")]
    Status {
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Send every pending batch now, oldest first, each with the full retry budget.
    ///
    /// Stops at the first batch that still cannot be delivered. Exit 0 with a
    /// warning when something is left; 75 under --strict (77 if the API key is
    /// refused).
    #[command(
        after_help = "Examples:\n  auralog spool flush\n  auralog --strict spool flush || echo 'still not delivered'\n  auralog spool flush --any-destination"
    )]
    Flush {
        /// Also send batches spooled for another endpoint or API key to the current one.
        #[arg(long)]
        any_destination: bool,
    },
    /// Delete spooled batches: pending and rejected, or only rejected ones.
    ///
    /// Asks for confirmation when stdin is a terminal; otherwise refuses
    /// unless --yes is given.
    #[command(
        after_help = "Examples:\n  auralog spool clear\n  auralog spool clear --rejected --yes"
    )]
    Clear {
        /// Delete without asking.
        #[arg(short = 'y', long)]
        yes: bool,
        /// Delete only the batches the service refused (rejected/).
        #[arg(long)]
        rejected: bool,
    },
}

pub fn run(args: Args, settings: &Settings) -> Result<Code> {
    match args.action {
        Action::Status { json } => status(settings, json),
        Action::Flush { any_destination } => flush(settings, any_destination),
        Action::Clear { yes, rejected } => clear(settings, yes, rejected),
    }
}

/// One batch file as `status` shows it.
struct Item {
    file: String,
    entries: u64,
    bytes: u64,
    age: Option<Duration>,
    reason: String,
    endpoint: String,
    here: bool,
    status: Option<u16>,
    readable: bool,
    /// The header does not match the file (a corrupt or forged file): its
    /// claimed entries are not counted as pending.
    corrupt: Option<String>,
}

/// Whether a batch file's header describes the file: the body's length is
/// what its entry offsets say, and a raw body is not shorter than its
/// count. Checked from the file's size, without reading the body.
fn check(path: &Path, h: &spool::Header, size: u64) -> Result<(), String> {
    let head = {
        use std::io::{BufRead, Read};
        let f = std::fs::File::open(path).map_err(|e| e.to_string())?;
        let mut line = Vec::new();
        std::io::BufReader::new(f)
            .take(16 << 20)
            .read_until(b'\n', &mut line)
            .map_err(|e| e.to_string())?;
        line.len() as u64
    };
    let body = size.saturating_sub(head);
    let ok = match h.kind.as_str() {
        "entries" | "single" => {
            h.ends.len() == h.count
                && h.ends.windows(2).all(|w| w[0] < w[1])
                && h.ends.last().map(|e| *e as u64) == Some(body)
        }
        "raw" => h.count >= 1 && h.count as u64 <= body,
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "its header claims {} entries that its {body}-byte body does not hold",
            h.count
        ))
    }
}

fn item(path: &Path, spool: &Spool) -> Item {
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let age = spool::spooled_time(path).and_then(|t| SystemTime::now().duration_since(t).ok());
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match spool::read_header(path) {
        Ok(h) => Item {
            file,
            corrupt: check(path, &h, bytes).err(),
            entries: h.count as u64,
            bytes,
            age,
            here: spool.dest.accepts(&h),
            // Files of older versions may hold the key in the service's answer.
            reason: output::redact_secrets(h.answer.as_ref().unwrap_or(&h.reason)).into_owned(),
            endpoint: output::redact_secrets(&h.endpoint).into_owned(),
            status: h.status,
            readable: true,
        },
        Err(e) => Item {
            file,
            entries: 0,
            bytes,
            age,
            reason: format!("unreadable: {e}"),
            endpoint: String::new(),
            here: false,
            status: None,
            readable: false,
            corrupt: Some("unreadable".into()),
        },
    }
}

/// Files set aside as unreadable (`rejected/*.unreadable`).
fn unreadable(spool: &Spool) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(spool.rejected_dir()) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = rd
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "unreadable"))
        .collect();
    v.sort();
    v
}

fn age_text(age: Option<Duration>) -> String {
    match age {
        Some(a) => format!(
            "{} ago",
            humantime::format_duration(Duration::from_secs(a.as_secs()))
        ),
        None => "age unknown".into(),
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn status(settings: &Settings, as_json: bool) -> Result<Code> {
    let mut spool = Spool::from_settings(settings);
    let (pending, corrupt): (Vec<Item>, Vec<Item>) = spool
        .pending()
        .iter()
        .map(|p| item(p, &spool))
        .partition(|i| i.corrupt.is_none());
    let rejected: Vec<Item> = spool.rejected().iter().map(|p| item(p, &spool)).collect();
    let unreadable = unreadable(&spool);
    let used = spool.used_bytes();
    let sum = |v: &[Item], f: fn(&Item) -> u64| v.iter().map(f).sum::<u64>();
    let oldest = pending.iter().filter_map(|i| i.age).max();
    if as_json {
        let list = |v: &[Item]| -> Vec<Value> {
            v.iter()
                .map(|i| {
                    let mut o = json!({
                        "file": i.file,
                        "entries": i.entries,
                        "bytes": i.bytes,
                        "age_secs": i.age.map(|a| a.as_secs_f64()),
                        "reason": i.reason,
                        "endpoint": i.endpoint,
                        "for_this_destination": i.here,
                    });
                    if let Some(s) = i.status {
                        o["status"] = json!(s);
                    }
                    if let Some(c) = &i.corrupt {
                        o["problem"] = json!(c);
                    }
                    o
                })
                .collect()
        };
        let v = json!({
            "dir": spool.dir.display().to_string(),
            "max_bytes": spool.max_bytes,
            "bytes": used,
            "pending": {
                "batches": pending.len(),
                "entries": sum(&pending, |i| i.entries),
                "bytes": sum(&pending, |i| i.bytes),
                "oldest_age_secs": oldest.map(|a| a.as_secs_f64()),
                "other_destinations": pending.iter().filter(|i| i.readable && !i.here).count(),
            },
            "rejected": {
                "batches": rejected.len(),
                "entries": sum(&rejected, |i| i.entries),
                "bytes": sum(&rejected, |i| i.bytes),
            },
            "unreadable": unreadable.len(),
            "corrupt": {
                "batches": corrupt.len(),
                "claimed_entries": sum(&corrupt, |i| i.entries),
                "bytes": sum(&corrupt, |i| i.bytes),
            },
            "pending_batches": list(&pending),
            "corrupt_batches": list(&corrupt),
            "rejected_batches": list(&rejected),
        });
        super::print_line(&v.to_string());
        return Ok(Code::Ok);
    }
    let mut lines = vec![format!(
        "spool {} ({} of {} used)",
        spool.dir.display(),
        human_bytes(used),
        human_bytes(spool.max_bytes)
    )];
    if pending.is_empty() {
        lines.push("pending: none".into());
    } else {
        lines.push(format!(
            "pending: {}, {}, {}, oldest {}",
            plural(pending.len() as u64, "batch", "batches"),
            plural(sum(&pending, |i| i.entries), "entry", "entries"),
            human_bytes(sum(&pending, |i| i.bytes)),
            age_text(oldest)
        ));
        if let Some(last) = pending.last() {
            lines.push(format!(
                "  latest reason: {}",
                output::sanitize(&last.reason)
            ));
        }
        let others: Vec<&Item> = pending.iter().filter(|i| i.readable && !i.here).collect();
        let (keys, endpoints): (Vec<&Item>, Vec<&Item>) = others
            .iter()
            .partition(|i| i.endpoint.trim_end_matches('/') == spool.dest.endpoint);
        if !keys.is_empty() {
            lines.push(format!(
                "  {} spooled for this endpoint under another API key (not refused by the service): sent by runs using that key, or by `auralog spool flush --any-destination`",
                plural(keys.len() as u64, "batch", "batches"),
            ));
        }
        if !endpoints.is_empty() {
            let mut names: Vec<&str> = endpoints.iter().map(|i| i.endpoint.as_str()).collect();
            names.sort();
            names.dedup();
            lines.push(format!(
                "  {} meant for another endpoint ({}): sent by runs using it, or by `auralog spool flush --any-destination`",
                plural(endpoints.len() as u64, "batch", "batches"),
                output::sanitize(&names.join(", "))
            ));
        }
    }
    if rejected.is_empty() {
        lines.push("rejected: none".into());
    } else {
        lines.push(format!(
            "rejected: {}, {} (kept, never replayed; `auralog spool clear --rejected` deletes them)",
            plural(rejected.len() as u64, "batch", "batches"),
            plural(sum(&rejected, |i| i.entries), "entry", "entries"),
        ));
        for i in &rejected {
            lines.push(format!(
                "  {}: {}, {}, {}",
                i.file,
                plural(i.entries, "entry", "entries"),
                age_text(i.age),
                output::sanitize(&i.reason)
            ));
        }
    }
    if !corrupt.is_empty() {
        lines.push(format!(
            "corrupt: {} whose header does not match the file (claiming {}; not counted as pending; `auralog spool flush` sets them aside)",
            plural(corrupt.len() as u64, "file", "files"),
            plural(sum(&corrupt, |i| i.entries), "entry", "entries"),
        ));
        for i in corrupt.iter().take(5) {
            lines.push(format!(
                "  {}: {}",
                output::sanitize(&i.file),
                i.corrupt.as_deref().unwrap_or("")
            ));
        }
    }
    if !unreadable.is_empty() {
        lines.push(format!(
            "unreadable: {} set aside in {}",
            plural(unreadable.len() as u64, "file", "files"),
            spool.rejected_dir().display()
        ));
    }
    for l in lines {
        if !super::print_line(&l) {
            break;
        }
    }
    Ok(Code::Ok)
}

fn flush(settings: &Settings, any_destination: bool) -> Result<Code> {
    super::preflight(settings, false)?;
    let spool = Spool::from_settings(settings);
    let dir = spool.dir.clone();
    let pending = spool.pending();
    if pending.is_empty() {
        output::info(&format!("the spool at {} is empty", dir.display()));
        return Ok(Code::Ok);
    }
    if let Some(problem) = crate::sender::blocking_problem(settings) {
        let entries: u64 = pending
            .iter()
            .filter_map(|p| spool::read_header(p).ok())
            .map(|h| h.count as u64)
            .sum();
        let stats = Stats {
            undelivered: entries,
            spooled: entries,
            config_problem: true,
            undelivered_reason: Some(format!("not flushed: {problem}")),
            spool_dir: Some(dir),
            ..Stats::default()
        };
        return Ok(stats.report(settings.strict));
    }
    let mut sender = Sender::without_replay(settings);
    let r = sender.replay(ReplayMode::Flush { any_destination });
    if r.busy {
        let stats = Stats {
            undelivered: 1,
            spooled: 1,
            undelivered_reason: Some(
                "another auralog process kept the spool locked for a minute; try again".into(),
            ),
            spool_dir: Some(dir),
            ..Stats::default()
        };
        return Ok(stats.report(settings.strict));
    }
    if r.delivered > 0 || r.delivered_batches > 0 {
        output::info(&format!(
            "flushed {} from the spool at {}",
            plural(r.delivered, "entry", "entries"),
            dir.display()
        ));
    }
    if r.other_batches > 0 {
        output::info(&format!(
            "left {} ({}) meant for another endpoint or API key; `auralog spool flush --any-destination` sends them to {}",
            plural(r.other_batches, "batch", "batches"),
            plural(r.other, "entry", "entries"),
            output::sanitize(&settings.endpoint)
        ));
    }
    let stats = Stats {
        delivered: r.delivered,
        undelivered: r.remaining,
        spooled: r.remaining,
        rejected: r.rejected,
        auth_rejected: r.auth_rejected,
        undelivered_reason: r.stopped.clone(),
        rejected_reason: r.rejected_reason.clone(),
        spool_dir: Some(dir),
        ..Stats::default()
    };
    Ok(stats.report(settings.strict))
}

fn clear(settings: &Settings, yes: bool, only_rejected: bool) -> Result<Code> {
    let spool = Spool::from_settings(settings);
    let mut files = if only_rejected {
        Vec::new()
    } else {
        spool.pending()
    };
    files.extend(spool.rejected());
    files.extend(unreadable(&spool));
    if files.is_empty() {
        output::info(&format!(
            "nothing to delete in {}{}",
            spool.dir.display(),
            if only_rejected { " (rejected/)" } else { "" }
        ));
        return Ok(Code::Ok);
    }
    let entries: u64 = files
        .iter()
        .filter_map(|p| spool::read_header(p).ok())
        .map(|h| h.count as u64)
        .sum();
    let bytes: u64 = files
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let what = format!(
        "{} ({}, {}){} from {}",
        plural(files.len() as u64, "batch", "batches"),
        plural(entries, "entry", "entries"),
        human_bytes(bytes),
        if only_rejected { " rejected" } else { "" },
        spool.dir.display()
    );
    if !yes {
        if !std::io::stdin().is_terminal() {
            return Err(Failure::usage(format!(
                "refusing to delete {what} without --yes (stdin is not a terminal to ask on)"
            ))
            .into());
        }
        eprint!("auralog: delete {what}? These entries were never delivered. [y/N] ");
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
            output::info("nothing deleted");
            return Ok(Code::Ok);
        }
    }
    let Some(_lock) = spool.lock(Duration::from_secs(30))? else {
        return Err(anyhow::anyhow!(
            "another auralog process kept the spool at {} locked for 30 seconds; nothing deleted",
            spool.dir.display()
        ));
    };
    let mut deleted = 0u64;
    for f in &files {
        match std::fs::remove_file(f) {
            Ok(()) => deleted += 1,
            // Delivered by a replay meanwhile: gone is what we wanted.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => output::warn(&format!("{}: cannot delete: {e}", f.display())),
        }
    }
    output::info(&format!(
        "deleted {} from {}",
        plural(deleted, "batch", "batches"),
        spool.dir.display()
    ));
    Ok(Code::Ok)
}
