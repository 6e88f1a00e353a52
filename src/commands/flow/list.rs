//! `auralog flow list`: the open flows, their age and whether they are stale.

use std::path::Path;
use std::time::Duration;

use anyhow::Result;

use crate::exit::Code;
use crate::output;

use super::state::*;

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

pub(super) fn format_age(ms: u64) -> String {
    let s = ms / 1000;
    match s {
        0..=59 => format!("{s}s"),
        60..=3599 => format!("{}m{:02}s", s / 60, s % 60),
        3600..=86399 => format!("{}h{:02}m", s / 3600, s % 3600 / 60),
        _ => format!("{}d{:02}h", s / 86400, s % 86400 / 3600),
    }
}

/// Whether a process is still running (for flows owned by `flow run`).
pub(super) fn process_alive(pid: u32) -> bool {
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
pub(super) fn stale_reason(st: &FlowState, now: u64, stale_after: Duration) -> Option<String> {
    if let Some(pid) = st.pid {
        if !process_alive(pid) {
            return Some(format!("its flow run (pid {pid}) is gone"));
        }
    }
    let idle = now.saturating_sub(st.last_ms);
    (idle >= stale_after.as_millis() as u64).then(|| format!("no step for {}", format_age(idle)))
}

pub(super) fn list(args: ListArgs) -> Result<Code> {
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
            if !crate::commands::print_line(&v.to_string()) {
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
    crate::commands::print_line(&format!(
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
        if !crate::commands::print_line(&line) {
            break;
        }
    }
    Ok(Code::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;

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
            defaults: Default::default(),
            history: Vec::new(),
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
