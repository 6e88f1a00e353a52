//! The disk spool as a user meets it: what `auralog log` keeps when it
//! cannot deliver, replay by the next run, `auralog spool status|flush|clear`,
//! rejected batches, the size bound, destinations, and concurrent processes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{json, Value};

use crate::support::{dead_url, run_cmd, Env, Out, Receiver, Reply, Serve};

pub const KEY: &str = "aura_test_0123456789abcdef";

/// The spool directory of an env (the default: `$XDG_STATE_HOME/auralog/spool`).
pub fn spool_dir(env: &Env) -> PathBuf {
    env.state_dir().join("auralog").join("spool")
}

/// `auralog ARGS` sending to `url` with the test key and these env vars.
pub fn run_to(env: &Env, url: &str, vars: &[(&str, &str)], args: &[&str]) -> Out {
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", url).env("AURALOG_API_KEY", KEY);
    for (k, v) in vars {
        cmd.env(k, v);
    }
    cmd.args(args);
    run_cmd(&mut cmd, None)
}

/// `auralog spool status --json`.
pub fn status(env: &Env, url: &str) -> Value {
    let out = run_to(env, url, &[], &["spool", "status", "--json"]);
    out.expect_code(0);
    serde_json::from_str(out.stdout.trim())
        .unwrap_or_else(|e| panic!("status --json is not JSON ({e}): {}", out.stdout))
}

/// The `delivered D, spooled S, rejected R` counts printed on stderr (the
/// warning's parenthesis, or the `-v` summary line).
pub fn counts(stderr: &str) -> Option<(u64, u64, u64)> {
    let line = stderr.lines().rev().find(|l| {
        l.contains("delivered ") && l.contains(", spooled ") && l.contains(", rejected ")
    })?;
    let tail = &line[line.rfind("delivered ")?..];
    let num = |word: &str| -> Option<u64> {
        let at = tail.find(&format!("{word} "))? + word.len() + 1;
        tail[at..]
            .split(|c: char| !c.is_ascii_digit())
            .next()?
            .parse()
            .ok()
    };
    Some((num("delivered")?, num("spooled")?, num("rejected")?))
}

/// Entries delivered from the spool by an earlier run's leftovers, as printed.
pub fn replayed(stderr: &str) -> u64 {
    stderr
        .lines()
        .find_map(|l| {
            let rest = l.strip_prefix("auralog: delivered ")?;
            if !l.contains("kept in the spool by earlier runs") {
                return None;
            }
            rest.split(' ').next()?.parse().ok()
        })
        .unwrap_or(0)
}

/// An entry as auralog would send it, with a fixed old timestamp.
pub fn wire_entry(message: &str) -> String {
    json!({
        "level": "info",
        "message": message,
        "environment": "test",
        "timestamp": "2020-01-02T03:04:05.678901Z",
        "traceId": "t-1",
    })
    .to_string()
}

/// Write a batch file the way auralog documents it (README, Delivery): a
/// JSON header line, then the entries joined by commas. `order` sorts it
/// among others (oldest first). Meant for any API key at `endpoint`.
pub fn craft_batch(env: &Env, endpoint: &str, messages: &[&str], key: &str, order: u64) -> PathBuf {
    let dir = spool_dir(env);
    std::fs::create_dir_all(&dir).unwrap();
    let mut body = Vec::new();
    let mut ends = Vec::new();
    for (i, m) in messages.iter().enumerate() {
        if i > 0 {
            body.push(b',');
        }
        body.extend_from_slice(wire_entry(m).as_bytes());
        ends.push(body.len());
    }
    let header = json!({
        "auralog_spool": 1,
        "idempotency_key": key,
        "kind": "entries",
        "count": messages.len(),
        "endpoint": endpoint,
        "key_id": "",
        "spooled_at": "2020-01-02T03:04:06.000000Z",
        "reason": "crafted by the test",
        "ends": ends,
    });
    let path = dir.join(format!(
        "{:023}-1-{:08x}.batch",
        1_577_934_246_000_000_000u64 + order,
        order
    ));
    let mut data = header.to_string().into_bytes();
    data.push(b'\n');
    data.extend_from_slice(&body);
    std::fs::write(&path, data).unwrap();
    path
}

fn messages(entries: &[Value]) -> Vec<String> {
    entries
        .iter()
        .map(|e| e["message"].as_str().unwrap_or("?").to_string())
        .collect()
}

/// A 503 that asks for more time than any budget: one attempt, then the spool.
fn unavailable() -> Reply {
    Reply::status(503).header("Retry-After", "3600")
}

#[test]
fn undelivered_entries_are_spooled_then_replayed_first_by_the_next_run() {
    let env = Env::new();
    let r = Receiver::start(vec![unavailable(), Reply::ok()]);
    let out = run_to(&env, &r.url(), &[], &["log", "first"]);
    out.expect_code(0);
    let dir = spool_dir(&env);
    assert!(
        out.stderr.contains(&format!(
            "1 entry not delivered, kept in the spool at {}",
            dir.display()
        )),
        "{}",
        out.stderr
    );
    assert_eq!(counts(&out.stderr), Some((0, 1, 0)), "{}", out.stderr);
    assert_eq!(
        out.stderr.trim().lines().count(),
        1,
        "one line: {}",
        out.stderr
    );
    let first = r.requests()[0].clone();
    let st = status(&env, &r.url());
    assert_eq!(st["pending"]["batches"], 1);
    assert_eq!(st["pending"]["entries"], 1);
    assert!(st["pending_batches"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("503"));

    let out = run_to(&env, &r.url(), &[], &["log", "second"]);
    out.expect_code(0);
    assert_eq!(replayed(&out.stderr), 1, "{}", out.stderr);
    let reqs = r.requests();
    assert_eq!(reqs.len(), 3);
    // The replay goes first, byte for byte, with the key of the first try.
    assert_eq!(reqs[1].body, first.body);
    assert_eq!(
        reqs[1].header("idempotency-key"),
        first.header("idempotency-key")
    );
    assert_eq!(messages(&r.entries()), ["first", "first", "second"]);
    assert_eq!(status(&env, &r.url())["pending"]["batches"], 0);
}

#[test]
fn strict_exits_75_and_still_keeps_the_entry() {
    let env = Env::new();
    let r = Receiver::start(vec![unavailable()]);
    let out = run_to(&env, &r.url(), &[], &["--strict", "log", "x"]);
    out.expect_code(75);
    assert!(out
        .stderr
        .contains("auralog: error: 1 entry not delivered, kept in the spool"));
    assert_eq!(status(&env, &r.url())["pending"]["entries"], 1);
}

#[test]
fn a_400_is_kept_under_rejected_with_the_answer_and_never_replayed() {
    let env = Env::new();
    let r = Receiver::start(vec![
        Reply::status(400).body(r#"{"success":false,"error":"logs[0].level: unknown"}"#),
        Reply::ok(),
    ]);
    let out = run_to(&env, &r.url(), &[], &["log", "refused"]);
    out.expect_code(0);
    let rejected = spool_dir(&env).join("rejected");
    assert!(
        out.stderr.contains(&format!(
            "1 entry rejected, kept in {}: the service refused the batch (400): logs[0].level: unknown",
            rejected.display()
        )),
        "{}",
        out.stderr
    );
    assert_eq!(counts(&out.stderr), Some((0, 0, 1)));
    let st = status(&env, &r.url());
    assert_eq!(st["pending"]["batches"], 0);
    assert_eq!(st["rejected"]["batches"], 1);
    assert_eq!(st["rejected_batches"][0]["status"], 400);
    assert!(st["rejected_batches"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("logs[0].level: unknown"));
    let text = run_to(&env, &r.url(), &[], &["spool", "status"]);
    assert!(
        text.stdout.contains("rejected: 1 batch, 1 entry"),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout.contains("logs[0].level: unknown"),
        "{}",
        text.stdout
    );

    run_to(&env, &r.url(), &[], &["log", "next"]).expect_code(0);
    run_to(&env, &r.url(), &[], &["spool", "flush"]).expect_code(0);
    assert_eq!(messages(&r.entries()), ["refused", "next"], "not replayed");
}

#[test]
fn flush_sends_everything_oldest_first_and_strict_fails_while_some_remain() {
    let env = Env::new();
    let r = Receiver::start(vec![unavailable(), Reply::ok()]);
    let url = r.url();
    craft_batch(&env, &url, &["b1", "b2"], "k-second", 2);
    craft_batch(&env, &url, &["a1"], "k-first", 1);
    craft_batch(&env, &url, &["c1", "c2", "c3"], "k-third", 3);
    let st = status(&env, &url);
    assert_eq!(st["pending"]["batches"], 3);
    assert_eq!(st["pending"]["entries"], 6);
    assert!(st["pending"]["oldest_age_secs"].as_f64().unwrap() > 3600.0 * 24.0);
    let human = run_to(&env, &url, &[], &["spool", "status"]);
    assert!(
        human.stdout.contains("pending: 3 batches, 6 entries"),
        "{}",
        human.stdout
    );

    // First flush: the service is down; nothing is lost.
    let out = run_to(&env, &url, &[], &["--strict", "spool", "flush"]);
    out.expect_code(75);
    assert!(
        out.stderr.contains("6 entries not delivered"),
        "{}",
        out.stderr
    );
    assert_eq!(status(&env, &url)["pending"]["entries"], 6);

    let out = run_to(&env, &url, &[], &["--strict", "spool", "flush"]);
    out.expect_code(0);
    assert!(out.stderr.contains("flushed 6 entries"), "{}", out.stderr);
    assert_eq!(
        messages(&r.entries()),
        ["a1", "a1", "b1", "b2", "c1", "c2", "c3"]
    );
    let reqs = r.requests();
    let keys: Vec<&str> = reqs[1..]
        .iter()
        .map(|q| q.header("idempotency-key").unwrap())
        .collect();
    assert_eq!(keys, ["k-first", "k-second", "k-third"]);
    // Original entries, byte for byte (old timestamps kept).
    assert_eq!(r.entries()[1]["timestamp"], "2020-01-02T03:04:05.678901Z");
    assert_eq!(status(&env, &url)["pending"]["batches"], 0);
    let out = run_to(&env, &url, &[], &["spool", "flush"]);
    out.expect_code(0);
    assert!(out.stderr.contains("is empty"), "{}", out.stderr);
}

#[test]
fn a_413_splits_a_batch_and_an_entry_still_too_large_is_rejected() {
    let env = Env::new();
    let r = Receiver::start(vec![
        Reply::status(413).body(r#"{"error":"payload too large"}"#),
        Reply::ok(),
        Reply::status(413).body(r#"{"error":"payload too large"}"#),
        Reply::ok(),
        Reply::status(413).body(r#"{"error":"payload too large"}"#),
    ]);
    let url = r.url();
    craft_batch(&env, &url, &["m0", "m1", "m2", "m3"], "K", 1);
    let out = run_to(&env, &url, &[], &["spool", "flush"]);
    out.expect_code(0);
    assert_eq!(counts(&out.stderr), Some((3, 0, 1)), "{}", out.stderr);
    assert!(out.stderr.contains("entry too large"), "{}", out.stderr);
    let reqs = r.requests();
    let sizes: Vec<usize> = reqs.iter().map(|q| q.entries().len()).collect();
    assert_eq!(sizes, [4, 2, 2, 1, 1]);
    let keys: Vec<&str> = reqs
        .iter()
        .map(|q| q.header("idempotency-key").unwrap())
        .collect();
    assert_eq!(keys, ["K", "K-1", "K-2", "K-2-1", "K-2-2"]);
    let st = status(&env, &url);
    assert_eq!(st["pending"]["batches"], 0);
    assert_eq!(st["rejected"]["entries"], 1);
    assert_eq!(st["rejected_batches"][0]["status"], 413);
    let kept = std::fs::read_to_string(
        spool_dir(&env)
            .join("rejected")
            .join(st["rejected_batches"][0]["file"].as_str().unwrap()),
    )
    .unwrap();
    assert!(kept.ends_with(&wire_entry("m3")), "{kept}");
}

#[test]
fn a_full_spool_is_an_error_even_without_strict() {
    let env = Env::new();
    let url = dead_url();
    let vars = [
        ("AURALOG_SPOOL_MAX_BYTES", "200"),
        ("AURALOG_RETRY_BUDGET", "0.2"),
    ];
    let out = run_to(&env, &url, &vars, &["log", &"x".repeat(300)]);
    out.expect_code(1);
    assert!(out.stderr.contains("LOST"), "{}", out.stderr);
    assert!(out.stderr.contains("the spool is full"), "{}", out.stderr);
    assert!(out.stderr.contains("spool_max_bytes"), "{}", out.stderr);
    assert!(out.stderr.contains("lost 1"), "{}", out.stderr);
    assert_eq!(status(&env, &url)["pending"]["batches"], 0);
    // What fits is still kept.
    let out = run_to(
        &env,
        &url,
        &[("AURALOG_RETRY_BUDGET", "0.2")],
        &["log", "small"],
    );
    out.expect_code(0);
    assert_eq!(counts(&out.stderr), Some((0, 1, 0)));
}

#[test]
fn without_an_api_key_entries_are_kept_with_the_reason() {
    let env = Env::new();
    let r = Receiver::ok();
    let remote = "https://logs.example.invalid";
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", remote)
        .args(["log", "no key yet"]);
    let out = run_cmd(&mut cmd, None);
    out.expect_code(0);
    assert!(
        out.stderr.contains("no API key configured"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("kept in the spool"), "{}", out.stderr);
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", "http://logs.example.invalid")
        .env("AURALOG_API_KEY", KEY)
        .args(["log", "plain http"]);
    let out = run_cmd(&mut cmd, None);
    out.expect_code(0);
    assert!(out.stderr.contains("refusing to send"), "{}", out.stderr);
    assert_eq!(counts(&out.stderr), Some((0, 1, 0)));

    // Runs sending elsewhere leave them alone...
    run_to(&env, &r.url(), &[], &["log", "here"]).expect_code(0);
    let st = status(&env, &r.url());
    assert_eq!(st["pending"]["batches"], 2);
    assert_eq!(st["pending"]["other_destinations"], 2);
    // ...until asked to send them here.
    let out = run_to(
        &env,
        &r.url(),
        &[],
        &["spool", "flush", "--any-destination"],
    );
    out.expect_code(0);
    let mut got = messages(&r.entries());
    got.sort();
    assert_eq!(got, ["here", "no key yet", "plain http"]);
    assert_eq!(r.requests()[1].json()["projectApiKey"], KEY);
}

#[test]
fn entries_spooled_under_a_refused_key_go_out_once_the_key_is_fixed() {
    let env = Env::new();
    let serve = Serve::start(&env, &["--api-key", KEY]);
    let wrong = [("AURALOG_API_KEY", "aura_wrong_key_9999")];
    for m in ["one", "two", "three"] {
        let out = run_to(&env, &serve.url, &wrong, &["log", m]);
        out.expect_code(0);
        assert!(out.stderr.contains("API key rejected"), "{}", out.stderr);
    }
    // Under the fixed key they are this destination's batches, not another's.
    let st = status(&env, &serve.url);
    assert_eq!(st["pending"]["batches"], 3, "{st}");
    assert_eq!(st["pending"]["other_destinations"], 0, "{st}");
    let out = run_to(&env, &serve.url, &[], &["spool", "status"]);
    assert!(!out.stdout.contains("another"), "{}", out.stdout);
    // A run with the fixed key sends them first, then its own.
    let out = run_to(&env, &serve.url, &[], &["-v", "log", "fixed"]);
    out.expect_code(0);
    assert_eq!(replayed(&out.stderr), 3, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("replayed the spool: 3 entries delivered, 0 rejected, 0 left"),
        "{}",
        out.stderr
    );
    let got: Vec<String> = serve
        .wait_entries(4, Duration::from_secs(5))
        .iter()
        .map(|e| e["message"].as_str().unwrap_or("?").to_string())
        .collect();
    assert_eq!(got, ["one", "two", "three", "fixed"]);
    assert_eq!(status(&env, &serve.url)["pending"]["batches"], 0);
}

#[test]
fn the_replay_summary_counts_what_still_waits() {
    let env = Env::new();
    let r = Receiver::start(vec![unavailable()]);
    for i in 0..3 {
        craft_batch(&env, &r.url(), &["waiting"], &format!("k{i}"), i);
    }
    craft_batch(&env, "https://other.example", &["elsewhere"], "o", 9);
    let out = run_to(&env, &r.url(), &[], &["-v", "spool", "flush"]);
    out.expect_code(0);
    assert!(
        out.stderr.contains("0 rejected, 3 left (3 batches); 1 entry (1 batch) meant for another endpoint or API key"),
        "{}",
        out.stderr
    );
}

#[test]
fn batches_meant_for_another_endpoint_are_not_replayed_there() {
    let env = Env::new();
    let r = Receiver::ok();
    craft_batch(&env, "https://other.example", &["elsewhere"], "k", 1);
    let out = run_to(&env, &r.url(), &[], &["log", "here"]);
    out.expect_code(0);
    assert_eq!(messages(&r.entries()), ["here"]);
    let out = run_to(&env, &r.url(), &[], &["spool", "flush"]);
    out.expect_code(0);
    assert!(
        out.stderr.contains("meant for another endpoint"),
        "{}",
        out.stderr
    );
    assert_eq!(messages(&r.entries()), ["here"]);
}

#[test]
fn clear_asks_refuses_without_yes_and_can_keep_pending_batches() {
    let env = Env::new();
    let r = Receiver::start(vec![Reply::status(422).body("nope")]);
    let url = r.url();
    craft_batch(&env, &url, &["p1"], "k1", 1);
    // A 422: refused for good.
    craft_batch(&env, &url, &["r1", "r2"], "k2", 2);
    let out = run_to(&env, &url, &[], &["spool", "flush"]);
    out.expect_code(0);
    let st = status(&env, &url);
    assert_eq!(st["rejected"]["entries"], 3, "{st}");

    craft_batch(&env, "https://other.example", &["p2"], "k3", 3);
    let out = run_to(&env, &url, &[], &["spool", "clear"]);
    out.expect_code(2);
    assert!(out.stderr.contains("without --yes"), "{}", out.stderr);
    assert_eq!(status(&env, &url)["pending"]["batches"], 1);

    let out = run_to(&env, &url, &[], &["spool", "clear", "--rejected", "--yes"]);
    out.expect_code(0);
    let st = status(&env, &url);
    assert_eq!(st["rejected"]["batches"], 0);
    assert_eq!(st["pending"]["batches"], 1, "pending batches stay");
    run_to(&env, &url, &[], &["spool", "clear", "--yes"]).expect_code(0);
    let st = status(&env, &url);
    assert_eq!(st["pending"]["batches"], 0);
    let out = run_to(&env, &url, &[], &["spool", "clear"]);
    out.expect_code(0);
    assert!(out.stderr.contains("nothing to delete"), "{}", out.stderr);
}

#[test]
fn concurrent_processes_never_send_a_spooled_batch_twice() {
    let env = Env::new();
    let r = Receiver::start(vec![Reply::ok().delay(Duration::from_millis(5))]);
    let url = r.url();
    let names: Vec<String> = (0..30).map(|i| format!("spooled {i}")).collect();
    for (i, n) in names.iter().enumerate() {
        craft_batch(&env, &url, &[n], &format!("key-{i}"), i as u64);
    }
    let children: Vec<_> = (0..6)
        .map(|i| {
            let mut cmd = env.cmd();
            cmd.env("AURALOG_ENDPOINT", &url)
                .env("AURALOG_API_KEY", KEY);
            if i % 2 == 0 {
                cmd.args(["spool", "flush"]);
            } else {
                cmd.args(["log", &format!("live {i}")]);
            }
            std::thread::spawn(move || run_cmd(&mut cmd, None))
        })
        .collect();
    for c in children {
        c.join().unwrap().expect_code(0);
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for m in messages(&r.entries()) {
        *seen.entry(m).or_default() += 1;
    }
    for n in &names {
        assert_eq!(
            seen.get(n),
            Some(&1),
            "{n} delivered {:?} times",
            seen.get(n)
        );
    }
    assert_eq!(seen.len(), 33, "{seen:?}");
    assert_eq!(status(&env, &url)["pending"]["batches"], 0);
}

#[test]
fn a_crash_leftover_temp_file_is_never_sent() {
    let env = Env::new();
    let r = Receiver::ok();
    let dir = spool_dir(&env);
    std::fs::create_dir_all(&dir).unwrap();
    // A half-written batch, as a crash between write and rename leaves it.
    std::fs::write(
        dir.join(".tmp-00000000000000000000001-1-0.batch"),
        b"{\"auralog_spool\":1,",
    )
    .unwrap();
    run_to(&env, &r.url(), &[], &["log", "x"]).expect_code(0);
    assert_eq!(messages(&r.entries()), ["x"]);
    assert_eq!(status(&env, &r.url())["pending"]["batches"], 0);
}

#[test]
fn an_unreadable_batch_file_is_set_aside_not_sent_nor_deleted() {
    let env = Env::new();
    let r = Receiver::ok();
    let dir = spool_dir(&env);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("00000000000000000000001-1-0.batch"), b"garbage").unwrap();
    let out = run_to(&env, &r.url(), &[], &["log", "x"]);
    out.expect_code(0);
    assert!(
        out.stderr.contains("not a readable spool batch"),
        "{}",
        out.stderr
    );
    assert_eq!(messages(&r.entries()), ["x"]);
    assert_eq!(status(&env, &r.url())["unreadable"], 1);
    assert!(dir
        .join("rejected/00000000000000000000001-1-0.batch.unreadable")
        .is_file());
}

#[test]
fn spool_files_are_private() {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let env = Env::new();
        let r = Receiver::start(vec![unavailable()]);
        run_to(&env, &r.url(), &[], &["log", "secret-ish"]).expect_code(0);
        let dir = spool_dir(&env);
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        let files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "batch"))
            .collect();
        assert_eq!(files.len(), 1);
        assert_eq!(mode(&files[0]), 0o600);
        let text = std::fs::read_to_string(&files[0]).unwrap();
        assert!(
            !text.contains(KEY),
            "the API key is never written to the spool"
        );
    }
}
