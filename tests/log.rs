//! `auralog log` against a scriptable receiver: wire shape, retries,
//! rejections, redirects, insecure endpoints, exit codes, key secrecy.

use std::time::Duration;

use serde_json::{json, Value};

use crate::support::{dead_url, Env, Receiver, Reply};

const KEY: &str = "aura_test_0123456789abcdef";

fn send(env: &Env, r: &Receiver, args: &[&str]) -> crate::support::Out {
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", r.url())
        .env("AURALOG_API_KEY", KEY);
    cmd.arg("log").args(args);
    crate::support::run_cmd(&mut cmd, None)
}

fn is_rfc3339_utc_micros(ts: &str) -> bool {
    // 2026-11-22T10:00:00.123456Z
    ts.len() == 27
        && ts.ends_with('Z')
        && ts.as_bytes()[10] == b'T'
        && ts.as_bytes()[19] == b'.'
        && ts[..4].parse::<u32>().is_ok()
}

#[test]
fn exact_wire_shape_of_a_batched_entry() {
    let env = Env::new();
    let r = Receiver::ok();
    send(
        &env,
        &r,
        &[
            "--level",
            "warn",
            "disk low",
            "-m",
            "host=web1",
            "-m",
            "free_gb:=3",
            "--tag",
            "a",
            "--tag",
            "b",
            "--user-id",
            "u1",
            "--session-id",
            "s1",
            "-e",
            "staging",
        ],
    )
    .expect_code(0);
    let reqs = r.requests();
    assert_eq!(reqs.len(), 1);
    let req = &reqs[0];
    assert_eq!(req.method, "POST");
    assert_eq!(req.path, "/v1/logs");
    assert_eq!(req.header("content-type"), Some("application/json"));
    assert!(req.header("idempotency-key").is_some_and(|k| k.len() == 32));
    let body = req.json();
    assert_eq!(body["projectApiKey"], KEY);
    let logs = body["logs"].as_array().unwrap();
    assert_eq!(logs.len(), 1);
    let e = &logs[0];
    let keys: Vec<&str> = e.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [
            "environment",
            "level",
            "message",
            "metadata",
            "timestamp",
            "traceId"
        ]
    );
    assert_eq!(e["level"], "warn");
    assert_eq!(e["message"], "disk low");
    assert_eq!(e["environment"], "staging");
    assert!(
        is_rfc3339_utc_micros(e["timestamp"].as_str().unwrap()),
        "{}",
        e["timestamp"]
    );
    assert_eq!(
        e["metadata"],
        json!({"host": "web1", "free_gb": 3, "tags": ["a", "b"], "userId": "u1", "sessionId": "s1"})
    );
    let trace = e["traceId"].as_str().unwrap();
    assert_eq!(trace.len(), 36);
    assert_eq!(&trace[14..15], "4", "a UUID v4: {trace}");
}

#[test]
fn error_goes_to_single_endpoint_with_stack_trace() {
    let env = Env::new();
    let r = Receiver::ok();
    let st = env.path("trace.txt");
    std::fs::write(
        &st,
        "Traceback:\n  File \"x.py\", line 1\nValueError: bad\n",
    )
    .unwrap();
    send(
        &env,
        &r,
        &[
            "-l",
            "error",
            "--error-name",
            "ValueError",
            "--stack-trace",
            st.to_str().unwrap(),
            "failed",
        ],
    )
    .expect_code(0);
    let reqs = r.requests();
    assert_eq!(reqs[0].path, "/v1/logs/single");
    let body = reqs[0].json();
    assert_eq!(body["projectApiKey"], KEY);
    assert!(body.get("logs").is_none());
    let e = &body["log"];
    assert_eq!(e["level"], "error");
    assert_eq!(
        e["stackTrace"],
        "Traceback:\n  File \"x.py\", line 1\nValueError: bad\n"
    );
    assert_eq!(e["metadata"]["errorName"], "ValueError");
}

#[test]
fn stack_trace_from_stdin() {
    let env = Env::new();
    let r = Receiver::ok();
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", r.url())
        .env("AURALOG_API_KEY", KEY)
        .args(["log", "--stack-trace", "-", "crashed"]);
    crate::support::run_cmd(&mut cmd, Some(b"at main.rs:1\nat lib.rs:2\n")).expect_code(0);
    let e = &r.entries()[0];
    assert_eq!(e["stackTrace"], "at main.rs:1\nat lib.rs:2\n");
    assert_eq!(
        e["level"], "error",
        "a stack trace makes error the default level"
    );
    assert_eq!(r.requests()[0].path, "/v1/logs/single");
    // Both from stdin cannot work.
    env.run(&["log", "--stack-trace", "-", "-"]).expect_code(2);
}

#[test]
fn message_from_stdin() {
    let env = Env::new();
    let r = Receiver::ok();
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", r.url())
        .env("AURALOG_API_KEY", KEY)
        .args(["log", "-"]);
    crate::support::run_cmd(&mut cmd, Some(b"from stdin\n")).expect_code(0);
    assert_eq!(r.entries()[0]["message"], "from stdin");
}

#[test]
fn several_words_are_joined_with_spaces() {
    // As logger(1): `auralog log disk is full` is one message; options may
    // sit between the words; a `-` among other words is a word.
    let env = Env::new();
    let r = Receiver::ok();
    send(&env, &r, &["disk", "is", "-l", "warn", "full"]).expect_code(0);
    send(&env, &r, &["a", "-", "b"]).expect_code(0);
    let entries = r.entries();
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert_eq!(entries[0]["message"], "disk is full");
    assert_eq!(entries[0]["level"], "warn");
    assert_eq!(entries[1]["message"], "a - b");
    // No word at all is still a usage error.
    let out = env.run(&["log"]);
    out.expect_code(2);
    assert!(out.stderr.contains("<MESSAGE>"), "{}", out.stderr);
}

#[test]
fn dry_run_prints_wire_json_and_sends_nothing() {
    let env = Env::new();
    let r = Receiver::ok().allow_uncalled();
    let out = send(&env, &r, &["--dry-run", "-m", "k:=[1,2]", "hello"]);
    out.expect_code(0);
    let lines = out.json_lines();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["message"], "hello");
    assert_eq!(lines[0]["metadata"]["k"], json!([1, 2]));
    assert!(!out.stdout.contains(KEY));
    assert!(r.requests().is_empty());
}

#[test]
fn retries_503_then_succeeds_with_the_same_idempotency_key() {
    let env = Env::new();
    let r = Receiver::start(vec![Reply::status(503), Reply::status(503), Reply::ok()]);
    let out = send(&env, &r, &["retry me"]);
    out.expect_code(0);
    assert!(
        out.stderr.is_empty(),
        "no warning once delivered: {}",
        out.stderr
    );
    let reqs = r.requests();
    assert_eq!(reqs.len(), 3);
    let k = reqs[0].header("idempotency-key").unwrap();
    assert!(reqs.iter().all(|q| q.header("idempotency-key") == Some(k)));
}

#[test]
fn honours_retry_after_in_seconds() {
    let env = Env::new();
    let r = Receiver::start(vec![
        Reply::status(429).header("Retry-After", "1"),
        Reply::ok(),
    ]);
    send(&env, &r, &["slow down"]).expect_code(0);
    let reqs = r.requests();
    assert_eq!(reqs.len(), 2);
    let gap = reqs[1].at - reqs[0].at;
    assert!(gap >= Duration::from_millis(950), "waited only {gap:?}");
}

#[test]
fn honours_retry_after_as_http_date() {
    let env = Env::new();
    let when = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(2));
    let r = Receiver::start(vec![
        Reply::status(503).header("Retry-After", &when),
        Reply::ok(),
    ]);
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", r.url())
        .env("AURALOG_API_KEY", KEY)
        .env("AURALOG_RETRY_BUDGET", "5")
        .args(["log", "later"]);
    crate::support::run_cmd(&mut cmd, None).expect_code(0);
    let reqs = r.requests();
    assert_eq!(reqs.len(), 2);
    // An HTTP date has one-second resolution.
    assert!(reqs[1].at - reqs[0].at >= Duration::from_millis(900));
}

#[test]
fn retry_after_beyond_the_budget_gives_up_at_once() {
    let env = Env::new();
    let r = Receiver::start(vec![Reply::status(503).header("Retry-After", "3600")]);
    let out = send(&env, &r, &["--strict", "x"]);
    out.expect_code(75);
    assert!(out.elapsed < Duration::from_secs(5));
    assert!(out.stderr.contains("3600"), "{}", out.stderr);
    assert_eq!(r.requests().len(), 1);
}

#[test]
fn a_401_is_reported_as_key_rejected_and_not_retried() {
    let env = Env::new();
    let r = Receiver::start(vec![
        Reply::status(401).body(r#"{"error":"unknown project key"}"#)
    ]);
    let out = send(&env, &r, &["x"]);
    out.expect_code(0);
    assert!(out.stderr.contains("API key rejected"), "{}", out.stderr);
    assert!(out.stderr.contains("unknown project key"), "{}", out.stderr);
    assert_eq!(r.requests().len(), 1);
    send(&env, &r, &["--strict", "x"]).expect_code(77);
}

#[test]
fn a_400_is_reported_with_the_server_message() {
    let env = Env::new();
    let r = Receiver::start(vec![
        Reply::status(400).body(r#"{"success":false,"error":"logs[0].message too long"}"#)
    ]);
    let out = send(&env, &r, &["x"]);
    out.expect_code(0);
    assert!(out.stderr.contains("400"), "{}", out.stderr);
    assert!(
        out.stderr.contains("logs[0].message too long"),
        "{}",
        out.stderr
    );
    assert_eq!(r.requests().len(), 1, "a 400 is not retried");
    send(&env, &r, &["--strict", "x"]).expect_code(75);
}

#[test]
fn redirects_are_not_followed() {
    let env = Env::new();
    let elsewhere = Receiver::ok().allow_uncalled();
    let r = Receiver::start(vec![
        Reply::status(307).header("Location", &format!("{}/v1/logs", elsewhere.url()))
    ]);
    let out = send(&env, &r, &["x"]);
    out.expect_code(0);
    assert!(out.stderr.contains("redirect"), "{}", out.stderr);
    assert!(elsewhere.requests().is_empty(), "the redirect was followed");
}

#[test]
fn plain_http_to_a_remote_host_is_refused() {
    let env = Env::new();
    let out = env.run(&[
        "--endpoint",
        "http://logs.example.com",
        "--api-key",
        KEY,
        "log",
        "x",
    ]);
    out.expect_code(0);
    assert!(out.stderr.contains("refusing"), "{}", out.stderr);
    let out = env.run(&[
        "--strict",
        "--endpoint",
        "http://logs.example.com",
        "--api-key",
        KEY,
        "log",
        "x",
    ]);
    out.expect_code(78);
}

#[test]
fn a_dead_endpoint_does_not_hang_the_script() {
    let env = Env::new();
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", dead_url())
        .env("AURALOG_API_KEY", KEY)
        .env("AURALOG_RETRY_BUDGET", "1")
        .args(["log", "nobody listens"]);
    let out = crate::support::run_cmd(&mut cmd, None);
    out.expect_code(0);
    assert!(
        out.elapsed < Duration::from_secs(5),
        "took {:?}",
        out.elapsed
    );
    assert!(out.stderr.contains("not delivered"), "{}", out.stderr);
    cmd.arg("--strict");
    crate::support::run_cmd(&mut cmd, None).expect_code(75);
}

#[test]
fn the_key_is_never_printed() {
    let env = Env::new();
    let r = Receiver::start(vec![Reply::status(403).body("forbidden")]);
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", r.url())
        .args(["-v", "--api-key", KEY, "log", "--dry-run", "x"]);
    let dry = crate::support::run_cmd(&mut cmd, None);
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", r.url())
        .args(["-v", "--strict", "--api-key", KEY, "log", "x"]);
    let out = crate::support::run_cmd(&mut cmd, None);
    out.expect_code(77);
    assert!(
        out.stderr.contains("POST"),
        "verbose shows requests: {}",
        out.stderr
    );
    assert!(
        out.stderr.contains("ps"),
        "warns about --api-key: {}",
        out.stderr
    );
    for o in [&dry, &out] {
        assert!(!o.stdout.contains(KEY) && !o.stderr.contains(KEY), "{o:?}");
        assert!(!o.stderr.contains("0123456789abcdef"), "{o:?}");
    }
}

#[test]
fn bad_arguments_exit_2_with_a_named_argument() {
    let env = Env::new();
    for (args, needle) in [
        (vec!["log", "--level", "loud", "x"], "loud"),
        (vec!["log", "-m", "novalue", "x"], "novalue"),
        (vec!["log", "-m", "n:={bad", "x"], "n:={bad"),
        (
            vec!["log", "--metadata-json", "[1]", "x"],
            "--metadata-json",
        ),
        (vec!["log", "--metadata-json", "{", "x"], "--metadata-json"),
        (vec!["log", "-m", "stepIndex:=3", "x"], "stepIndex"),
        (vec!["tail-stdin", "-m", "parseError=x"], "parseError"),
        (
            vec!["log", "-m", "userId=a", "--user-id", "b", "x"],
            "userId",
        ),
        (
            vec!["--flush-interval", "soon", "log", "x"],
            "--flush-interval",
        ),
    ] {
        let out = env.run(&args);
        out.expect_code(2);
        assert!(out.stderr.contains(needle), "{args:?}: {}", out.stderr);
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
        assert_eq!(
            out.stderr
                .trim()
                .lines()
                .filter(|l| l.contains("error"))
                .count(),
            1,
            "{}",
            out.stderr
        );
    }
}

#[test]
fn min_level_drops_entries_below_it() {
    let env = Env::new();
    let r = Receiver::ok();
    send(&env, &r, &["--min-level", "warn", "-l", "info", "dropped"]).expect_code(0);
    send(&env, &r, &["--min-level", "warn", "-l", "warn", "kept"]).expect_code(0);
    let e = r.entries();
    assert_eq!(e.len(), 1);
    assert_eq!(e[0]["message"], "kept");
}

#[test]
fn trace_id_resolution_order() {
    let env = Env::new();
    let r = Receiver::ok();
    let tp = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    let run = |extra_env: &[(&str, &str)], args: &[&str]| {
        let mut cmd = env.cmd();
        cmd.env("AURALOG_ENDPOINT", r.url())
            .env("AURALOG_API_KEY", KEY);
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        cmd.arg("log").args(args).arg("m");
        crate::support::run_cmd(&mut cmd, None).expect_code(0);
        r.entries().last().unwrap()["traceId"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let all = [("AURALOG_TRACE_ID", "from-env"), ("TRACEPARENT", tp)];
    assert_eq!(
        run(
            &all,
            &["--trace-id", "from-flag", "-m", "traceId=from-meta"]
        ),
        "from-flag"
    );
    assert_eq!(run(&all, &["-m", "traceId=from-meta"]), "from-meta");
    assert_eq!(run(&all, &[]), "from-env");
    assert_eq!(run(&all[1..], &[]), "4bf92f35-77b3-4da6-a3ce-929d0e0e4736");
    // metadata.traceId moves to the entry, as the SDKs do.
    assert!(r.entries()[1].get("metadata").is_none());
    let a = run(&[], &[]);
    let b = run(&[], &[]);
    assert_ne!(a, b, "a fresh id per invocation");
}

/// A closed stderr (`2>&1 | head`) must not turn a warning into a panic.
#[test]
fn a_closed_stderr_does_not_crash_auralog() {
    let env = Env::new();
    let status = env.path("status");
    let cmd = env.cmd();
    let script =
        r#"(sleep 0.3; "$BIN" log "warned into a closed pipe"; echo "$?" > "$STATUS") 2>&1 | true"#;
    let mut bash = std::process::Command::new("bash");
    bash.args(["-c", script])
        .envs(
            cmd.get_envs()
                .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))),
        )
        .env("BIN", crate::support::bin())
        .env("STATUS", &status)
        .env("AURALOG_ENDPOINT", dead_url())
        .env("AURALOG_API_KEY", KEY)
        .env("AURALOG_RETRY_BUDGET", "0");
    crate::support::run_cmd(&mut bash, None);
    let code = std::fs::read_to_string(&status).unwrap();
    assert_eq!(code.trim(), "0", "auralog died writing its warning");
}

#[test]
fn json_prints_what_happened_on_stdout() {
    let env = Env::new();
    let r = Receiver::ok();
    let out = send(&env, &r, &["--json", "hello"]);
    out.expect_code(0);
    let v: Value = serde_json::from_str(out.stdout.trim()).expect("one JSON object");
    assert_eq!(
        (&v["delivered"], &v["spooled"], &v["rejected"], &v["lost"]),
        (&json!(1), &json!(0), &json!(0), &json!(0)),
        "{v}"
    );
    assert_eq!(v["exit_code"], 0);
    assert_eq!(v["problem"], Value::Null);
    let spool = env.state_dir().join("auralog").join("spool");
    assert_eq!(v["spool_dir"], spool.display().to_string());

    // Not delivered: spooled, with the reason and the spool dir; --strict's code.
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", dead_url())
        .env("AURALOG_API_KEY", KEY)
        .args(["--strict", "--retry-budget", "0", "log", "--json", "lost?"]);
    let out = crate::support::run_cmd(&mut cmd, None);
    out.expect_code(75);
    let v: Value = serde_json::from_str(out.stdout.trim()).expect("one JSON object");
    assert_eq!(
        (&v["delivered"], &v["spooled"]),
        (&json!(0), &json!(1)),
        "{v}"
    );
    assert_eq!(v["exit_code"], 75);
    assert_eq!(v["spool_dir"], spool.display().to_string());
    assert!(v["problem"].as_str().is_some_and(|p| !p.is_empty()), "{v}");
    // It is no substitute for --dry-run's output.
    send(&env, &r, &["--json", "--dry-run", "x"]).expect_code(2);
}
