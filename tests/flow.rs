//! `auralog flow`: ids, step indices across processes, `flow run` and its
//! child's status and signals, `flow list`, bad names and unknown ids.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::{bin, dead_url, run_cmd, signal, Env, Out, Receiver};

const KEY: &str = "aura_test_0123456789abcdef";

fn cmd(env: &Env, r: &Receiver) -> Command {
    let mut c = env.cmd();
    c.env("AURALOG_ENDPOINT", r.url())
        .env("AURALOG_API_KEY", KEY);
    c
}

fn run(env: &Env, r: &Receiver, args: &[&str]) -> Out {
    run_cmd(cmd(env, r).args(args), None)
}

fn is_flow_id(id: &str, name: &str) -> bool {
    id.strip_prefix(name)
        .and_then(|s| s.strip_prefix('-'))
        .is_some_and(|s| {
            s.len() == 8
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn start(env: &Env, r: &Receiver, name: &str) -> String {
    let out = run(env, r, &["flow", "start", name]);
    out.expect_code(0);
    let id = out.stdout.trim().to_string();
    assert!(is_flow_id(&id, name), "bad id {id:?}");
    id
}

fn meta<'a>(e: &'a Value, key: &str) -> &'a Value {
    &e["metadata"][key]
}

/// Poll until a file exists (a child signalling it is ready).
fn wait_for_file(path: &std::path::Path) {
    let until = Instant::now() + Duration::from_secs(20);
    while !path.exists() {
        assert!(Instant::now() < until, "{} never appeared", path.display());
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn start_step_end_share_the_flow_id_trace_and_indices() {
    let env = Env::new();
    let r = Receiver::ok();
    let out = run(&env, &r, &["flow", "start", "deploy", "--export"]);
    out.expect_code(0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", out.stdout);
    let id = lines[0].strip_prefix("export AURALOG_FLOW_ID=").unwrap();
    assert!(is_flow_id(id, "deploy"), "{id}");
    let trace = lines[1].strip_prefix("export AURALOG_TRACE_ID=").unwrap();
    assert_eq!(trace.len(), 36, "{trace}");

    // The flow from AURALOG_FLOW_ID, as after `eval`.
    for msg in ["migrated db", "warmed cache"] {
        run_cmd(
            cmd(&env, &r)
                .env("AURALOG_FLOW_ID", id)
                .args(["flow", "step", msg]),
            None,
        )
        .expect_code(0);
    }
    run_cmd(
        cmd(&env, &r)
            .env("AURALOG_FLOW_ID", id)
            .args(["flow", "end", "-m", "version=1.2"]),
        None,
    )
    .expect_code(0);

    let entries = r.entries();
    assert_eq!(entries.len(), 4);
    let messages: Vec<&str> = entries
        .iter()
        .map(|e| e["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        [
            "deploy started",
            "migrated db",
            "warmed cache",
            "deploy finished"
        ]
    );
    for (i, e) in entries.iter().enumerate() {
        assert_eq!(meta(e, "flowId"), id);
        assert_eq!(meta(e, "flowName"), "deploy");
        assert_eq!(meta(e, "stepIndex"), i as u64);
        assert_eq!(e["traceId"], trace, "one trace id for the whole flow");
    }
    let last = &entries[3];
    assert_eq!(last["level"], "info");
    assert_eq!(meta(last, "status"), "ok");
    assert_eq!(meta(last, "version"), "1.2");
    assert!(meta(last, "durationMs").is_u64(), "{last}");

    // The state is gone: ending again is an unknown flow.
    let again = run_cmd(
        cmd(&env, &r)
            .env("AURALOG_FLOW_ID", id)
            .args(["flow", "end"]),
        None,
    );
    again.expect_code(2);
    assert!(again.stderr.contains(&format!("unknown flow '{id}'")));
    assert!(again.stderr.contains("no active flows"), "{}", again.stderr);
    assert_eq!(r.entries().len(), 4);
}

#[test]
fn failed_end_is_an_error_entry_and_flag_beats_env() {
    let env = Env::new();
    let r = Receiver::ok();
    let a = start(&env, &r, "a");
    let b = start(&env, &r, "b");
    // --flow wins over AURALOG_FLOW_ID.
    run_cmd(
        cmd(&env, &r).env("AURALOG_FLOW_ID", &a).args([
            "flow",
            "end",
            "--flow",
            &b,
            "--status",
            "failed",
            "rolled back",
        ]),
        None,
    )
    .expect_code(0);
    let e = r.entries().last().unwrap().clone();
    assert_eq!(e["message"], "rolled back");
    assert_eq!(e["level"], "error");
    assert_eq!(meta(&e, "flowId"), b.as_str());
    assert_eq!(meta(&e, "status"), "failed");
    assert_eq!(meta(&e, "stepIndex"), 1);
    assert_eq!(r.requests().last().unwrap().path, "/v1/logs/single");
    // a is still active.
    let list = run(&env, &r, &["flow", "list", "--json"]);
    let flows = list.expect_code(0).json_lines();
    assert_eq!(flows.len(), 1);
    assert_eq!(flows[0]["id"], a.as_str());
}

#[test]
fn concurrent_steps_from_separate_processes_get_contiguous_indices() {
    let env = Env::new();
    let r = Receiver::ok();
    let id = start(&env, &r, "fanout");
    // Each step reads its message from stdin, so all 20 processes are up
    // and waiting before any of them reaches the flow state; releasing them
    // together makes them race for it.
    let mut children: Vec<_> = (0..20)
        .map(|_| {
            cmd(&env, &r)
                .args(["flow", "step", "--flow", &id, "-"])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn auralog")
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let inputs: Vec<_> = children
        .iter_mut()
        .map(|c| c.stdin.take().unwrap())
        .collect();
    for (i, mut input) in inputs.into_iter().enumerate() {
        use std::io::Write;
        input.write_all(format!("step {i}\n").as_bytes()).unwrap();
    }
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let entries = r.wait_entries(21, Duration::from_secs(20));
    assert_eq!(entries.len(), 21);
    let mut indices: Vec<u64> = entries
        .iter()
        .filter(|e| e["message"] != "fanout started")
        .map(|e| meta(e, "stepIndex").as_u64().unwrap())
        .collect();
    indices.sort();
    assert_eq!(indices, (1..=20).collect::<Vec<u64>>());
    let mut messages: Vec<&str> = entries
        .iter()
        .map(|e| e["message"].as_str().unwrap())
        .collect();
    messages.sort();
    messages.dedup();
    assert_eq!(messages.len(), 21, "every step sent once");
    let list = run(&env, &r, &["flow", "list", "--json"]).json_lines();
    assert_eq!(list[0]["steps"], 21);
}

#[test]
fn entries_filtered_by_min_level_use_no_step() {
    let env = Env::new();
    let r = Receiver::ok();
    // Step 0 (info) is filtered out: the flow starts, nothing is sent.
    let out = run(&env, &r, &["--min-level", "warn", "flow", "start", "quiet"]);
    let id = out.expect_code(0).stdout.trim().to_string();
    assert!(is_flow_id(&id, "quiet"));
    run(
        &env,
        &r,
        &[
            "--min-level",
            "warn",
            "flow",
            "step",
            "--flow",
            &id,
            "chatter",
        ],
    )
    .expect_code(0);
    assert!(r.entries().is_empty());
    run(
        &env,
        &r,
        &[
            "--min-level",
            "warn",
            "flow",
            "step",
            "--flow",
            &id,
            "-l",
            "warn",
            "hot",
        ],
    )
    .expect_code(0);
    run(&env, &r, &["flow", "step", "--flow", &id, "normal"]).expect_code(0);
    let entries = r.entries();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["message"], "hot");
    assert_eq!(meta(&entries[0], "stepIndex"), 0);
    assert_eq!(meta(&entries[1], "stepIndex"), 1);
}

#[test]
fn dry_run_prints_the_step_and_changes_nothing() {
    let env = Env::new();
    let r = Receiver::ok();
    let id = start(&env, &r, "rehearse");
    let out = run(
        &env,
        &r,
        &["flow", "step", "--flow", &id, "--dry-run", "preview"],
    );
    let printed = out.expect_code(0).json_lines();
    assert_eq!(printed.len(), 1);
    assert_eq!(meta(&printed[0], "stepIndex"), 1);
    assert_eq!(meta(&printed[0], "flowId"), id.as_str());
    let out = run(&env, &r, &["flow", "end", "--flow", &id, "--dry-run"]);
    assert_eq!(meta(&out.expect_code(0).json_lines()[0], "status"), "ok");
    run(&env, &r, &["flow", "step", "--flow", &id, "real"]).expect_code(0);
    let entries = r.entries();
    assert_eq!(entries.len(), 2, "dry runs send nothing");
    assert_eq!(meta(&entries[1], "stepIndex"), 1, "dry run used no step");
}

#[test]
fn the_flow_keeps_its_trace_id_unless_the_step_names_one() {
    let env = Env::new();
    let r = Receiver::ok();
    let out = run_cmd(
        cmd(&env, &r)
            .env("AURALOG_TRACE_ID", "trace-at-start")
            .args(["flow", "start", "t"]),
        None,
    );
    let id = out.expect_code(0).stdout.trim().to_string();
    run_cmd(
        cmd(&env, &r)
            .env("AURALOG_TRACE_ID", "another-trace")
            .env(
                "TRACEPARENT",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            )
            .args(["flow", "step", "--flow", &id, "s1"]),
        None,
    )
    .expect_code(0);
    run(
        &env,
        &r,
        &["flow", "step", "--flow", &id, "--trace-id", "own", "s2"],
    )
    .expect_code(0);
    run(
        &env,
        &r,
        &["flow", "step", "--flow", &id, "-m", "traceId=meta", "s3"],
    )
    .expect_code(0);
    run(&env, &r, &["flow", "end", "--flow", &id]).expect_code(0);
    let traces: Vec<String> = r
        .entries()
        .iter()
        .map(|e| e["traceId"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        traces,
        [
            "trace-at-start",
            "trace-at-start",
            "own",
            "meta",
            "trace-at-start"
        ]
    );
}

#[test]
fn bad_names_are_usage_errors() {
    let env = Env::new();
    let r = Receiver::ok();
    let long = "n".repeat(92);
    for (name, why) in [
        ("", "empty"),
        ("a b", "a space"),
        ("x/y", "'/'"),
        ("na$me", "'$'"),
        (".hidden", "start with a letter or a digit"),
        (long.as_str(), "at most 91"),
    ] {
        for sub in [
            vec!["flow", "start", name],
            vec!["flow", "run", name, "--", "true"],
        ] {
            let out = run(&env, &r, &sub);
            out.expect_code(2);
            assert!(
                out.stderr.contains("invalid flow name") && out.stderr.contains(why),
                "{name:?}: {}",
                out.stderr
            );
            assert!(out.stdout.is_empty());
        }
    }
    // The longest name makes a 100-character id.
    let ok = "n".repeat(91);
    let id = start(&env, &r, &ok);
    assert_eq!(id.len(), 100);
}

#[test]
fn unknown_or_missing_flow_ids_name_the_active_flows() {
    let env = Env::new();
    let r = Receiver::ok();
    let a = start(&env, &r, "alpha");
    let b = start(&env, &r, "beta");
    for bad in ["nope-12345678", "../../config/auralog/config", "x y"] {
        for sub in ["step", "end"] {
            let mut args = vec!["flow", sub, "--flow", bad];
            if sub == "step" {
                args.push("msg");
            }
            let out = run(&env, &r, &args);
            out.expect_code(2);
            assert!(out.stderr.contains("unknown flow"), "{}", out.stderr);
            assert!(
                out.stderr.contains(&a) && out.stderr.contains(&b),
                "{}",
                out.stderr
            );
        }
    }
    let out = run(&env, &r, &["flow", "step", "no flow"]);
    out.expect_code(2);
    assert!(out.stderr.contains("no flow given"), "{}", out.stderr);
    assert!(out.stderr.contains(&a), "{}", out.stderr);
    assert_eq!(r.entries().len(), 2, "only the two starts were sent");
}

#[test]
fn start_works_offline() {
    let env = Env::new();
    let mut c = env.cmd();
    c.env("AURALOG_ENDPOINT", dead_url())
        .env("AURALOG_RETRY_BUDGET", "0.3")
        .args(["flow", "start", "offline"]);
    let out = run_cmd(&mut c, None);
    out.expect_code(0);
    assert!(is_flow_id(out.stdout.trim(), "offline"));
    assert!(out.stderr.contains("not delivered"), "{}", out.stderr);
    let list = run_cmd(env.cmd().args(["flow", "list", "--json"]), None).json_lines();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["id"], out.stdout.trim());
}

#[test]
fn list_shows_age_steps_and_marks_stale_flows() {
    let env = Env::new();
    let r = Receiver::ok();
    let id = start(&env, &r, "listed");
    run(&env, &r, &["flow", "step", "--flow", &id, "one"]).expect_code(0);
    let out = run(&env, &r, &["flow", "list"]);
    out.expect_code(0);
    let row = out.stdout.lines().find(|l| l.starts_with(&id)).unwrap();
    let cols: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(cols[2], "2", "{row}");
    assert_eq!(cols.last(), Some(&"active"), "{row}");
    assert!(out.stdout.lines().next().unwrap().contains("STEPS"));

    let out = run(&env, &r, &["flow", "list", "--stale-after", "0s"]);
    assert!(out.stdout.contains("stale (no step for"), "{}", out.stdout);
    let json = run(&env, &r, &["flow", "list", "--json", "--stale-after", "0s"]).json_lines();
    assert_eq!(json[0]["stale"], true);
    assert_eq!(json[0]["steps"], 2);
    assert!(json[0]["ageMs"].is_u64());

    // A flow left by a `flow run` that is gone is stale at once.
    let state = env.state_dir().join("auralog/flows/gone-12345678.json");
    std::fs::write(
        &state,
        r#"{"id":"gone-12345678","name":"gone","traceId":"t","startedMs":1,"lastMs":1,"steps":1,"pid":4294967294}"#,
    )
    .unwrap();
    let json = run(&env, &r, &["flow", "list", "--json"]).json_lines();
    let gone = json.iter().find(|f| f["id"] == "gone-12345678").unwrap();
    assert!(gone["staleReason"].as_str().unwrap().contains("is gone"));
    let live = json.iter().find(|f| f["id"] == id.as_str()).unwrap();
    assert_eq!(live["stale"], false);
}

#[test]
fn run_exits_with_the_child_status_and_records_it() {
    let env = Env::new();
    let r = Receiver::ok();
    let script = "echo to-stdout; i=1; while [ $i -le 25 ]; do echo \"err line $i\" >&2; i=$((i+1)); done; exit 3";
    let out = run(
        &env,
        &r,
        &["flow", "run", "build", "--", "sh", "-c", script],
    );
    out.expect_code(3);
    assert_eq!(out.stdout, "to-stdout\n");
    // The child's stderr reaches the user unchanged.
    for i in 1..=25 {
        assert!(
            out.stderr.contains(&format!("err line {i}\n")),
            "{}",
            out.stderr
        );
    }
    let entries = r.wait_entries(2, Duration::from_secs(10));
    assert_eq!(entries.len(), 2);
    let (first, last) = (&entries[0], &entries[1]);
    assert_eq!(first["message"], "build started");
    assert_eq!(meta(first, "stepIndex"), 0);
    assert_eq!(last["level"], "error");
    assert_eq!(last["message"], "build failed (exit 3)");
    assert_eq!(meta(last, "exitCode"), 3);
    assert_eq!(meta(last, "status"), "failed");
    assert_eq!(meta(last, "stepIndex"), 1);
    assert_eq!(meta(last, "flowId"), meta(first, "flowId"));
    assert!(meta(last, "durationMs").is_u64());
    assert_eq!(last["traceId"], first["traceId"]);
    let tail: Vec<String> = (6..=25).map(|i| format!("err line {i}")).collect();
    assert_eq!(meta(last, "stderrTail"), tail.join("\n").as_str());

    // Success: info, exit code 0, no stderr tail; the flow is gone.
    let out = run(
        &env,
        &r,
        &["flow", "run", "ok", "--", "sh", "-c", "echo fine >&2"],
    );
    out.expect_code(0);
    let entries = r.wait_entries(4, Duration::from_secs(10));
    let last = &entries[3];
    assert_eq!(last["level"], "info");
    assert_eq!(last["message"], "ok finished");
    assert_eq!(meta(last, "exitCode"), 0);
    assert!(last["metadata"].get("stderrTail").is_none());
    let list = run(&env, &r, &["flow", "list", "--json"]);
    assert!(list.stdout.is_empty(), "{}", list.stdout);
}

#[test]
fn run_passes_arguments_as_given_and_the_child_joins_the_flow() {
    let env = Env::new();
    let r = Receiver::ok();
    let out = run(
        &env,
        &r,
        &[
            "flow", "run", "args", "--", "printf", "[%s]\\n", "a b", "$HOME", "*", "--flag", "",
        ],
    );
    out.expect_code(0);
    assert_eq!(out.stdout, "[a b]\n[$HOME]\n[*]\n[--flag]\n[]\n");

    // Inside the command, `flow step` and `log` join the flow and its trace.
    let a = bin();
    let script = format!(
        "echo \"$TRACEPARENT\"; '{a}' flow step inner && '{a}' log plain",
        a = a.display()
    );
    let out = run(
        &env,
        &r,
        &["flow", "run", "nested", "--", "sh", "-c", &script],
    );
    out.expect_code(0);
    let entries: Vec<Value> = r
        .wait_entries(6, Duration::from_secs(10))
        .into_iter()
        .skip(2)
        .collect();
    assert_eq!(entries.len(), 4);
    let trace = entries[0]["traceId"].as_str().unwrap();
    assert!(entries.iter().all(|e| e["traceId"] == trace));
    assert_eq!(entries[1]["message"], "inner");
    assert_eq!(meta(&entries[1], "stepIndex"), 1);
    assert_eq!(meta(&entries[1], "flowId"), meta(&entries[0], "flowId"));
    assert_eq!(entries[2]["message"], "plain");
    // `log` inside the flow takes the next step too (issue 17).
    assert_eq!(meta(&entries[2], "flowId"), meta(&entries[0], "flowId"));
    assert_eq!(meta(&entries[2], "stepIndex"), 2);
    assert_eq!(meta(&entries[3], "stepIndex"), 3);
    let tp = out.stdout.trim();
    assert_eq!(
        tp.split('-').nth(1).unwrap(),
        trace.replace('-', ""),
        "TRACEPARENT carries the flow's trace id: {tp}"
    );
}

#[test]
fn run_keeps_the_child_status_when_delivery_fails_even_strict() {
    let env = Env::new();
    for (script, code) in [("exit 0", 0), ("exit 4", 4)] {
        let mut c = env.cmd();
        c.env("AURALOG_ENDPOINT", dead_url())
            .env("AURALOG_RETRY_BUDGET", "0.3")
            .args(["--strict", "flow", "run", "x", "--", "sh", "-c", script]);
        let out = run_cmd(&mut c, None);
        out.expect_code(code);
        assert!(out.stderr.contains("warning"), "{}", out.stderr);
        assert!(out.stderr.contains("not delivered"), "{}", out.stderr);
    }
}

#[test]
fn run_of_a_missing_command_exits_127_and_logs_the_failure() {
    let env = Env::new();
    let r = Receiver::ok();
    let out = run(
        &env,
        &r,
        &["flow", "run", "ghost", "--", "/no/such/command"],
    );
    out.expect_code(127);
    assert!(
        out.stderr.contains("cannot run '/no/such/command'"),
        "{}",
        out.stderr
    );
    let entries = r.wait_entries(2, Duration::from_secs(10));
    let last = &entries[1];
    assert_eq!(last["level"], "error");
    assert_eq!(meta(last, "exitCode"), 127);
    assert!(last["message"]
        .as_str()
        .unwrap()
        .starts_with("ghost failed: cannot run"));
}

#[test]
fn run_forwards_sigterm_and_sigint_to_the_child() {
    let env = Env::new();
    let r = Receiver::ok();

    // SIGTERM reaches a child that traps it; its own exit status wins.
    let ready = env.path("ready-term");
    let script = format!(
        "trap 'echo got TERM; exit 7' TERM; touch '{}'; while :; do sleep 0.05; done",
        ready.display()
    );
    let child = cmd(&env, &r)
        .args(["flow", "run", "sig", "--", "sh", "-c", &script])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_file(&ready);
    signal(child.id(), "TERM");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(7));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "got TERM\n");

    // SIGINT kills a child that does not handle it: 128 + 2.
    let ready = env.path("ready-int");
    let script = format!("touch '{}'; exec sleep 30", ready.display());
    let child = cmd(&env, &r)
        .args(["flow", "run", "sig", "--", "sh", "-c", &script])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_file(&ready);
    // Whether it reaches the shell or the exec'd sleep, the child dies of it.
    signal(child.id(), "INT");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130));

    let entries = r.wait_entries(4, Duration::from_secs(10));
    assert_eq!(meta(&entries[1], "exitCode"), 7);
    assert_eq!(meta(&entries[3], "exitCode"), 130);
    assert_eq!(entries[3]["level"], "error");
}

// ---------------------------------------------------------------------------
// Everything joins the current flow (issue 17)

#[test]
fn log_and_tail_stdin_inside_flow_run_take_steps_under_20_concurrent_processes() {
    let env = Env::new();
    let r = Receiver::ok();
    let a = bin();
    // 10 `log` and 10 `tail-stdin` (3 lines each) at once, inside the flow.
    let script = format!(
        "for i in 1 2 3 4 5 6 7 8 9 10; do \
           '{a}' log \"log $i\" & \
           printf 'line a\\nline b\\nline c\\n' | '{a}' tail-stdin -m stream=$i & \
         done; wait",
        a = a.display()
    );
    let out = run(&env, &r, &["flow", "run", "fan", "--", "sh", "-c", &script]);
    out.expect_code(0);
    let entries = r.wait_entries(42, Duration::from_secs(30));
    assert_eq!(entries.len(), 42, "start, 10 logs, 30 lines, end");
    let id = meta(&entries[0], "flowId").as_str().unwrap().to_string();
    assert!(is_flow_id(&id, "fan"));
    let trace = entries[0]["traceId"].clone();
    for e in &entries {
        assert_eq!(meta(e, "flowId"), id.as_str(), "{e}");
        assert_eq!(meta(e, "flowName"), "fan", "{e}");
        assert_eq!(e["traceId"], trace, "{e}");
    }
    let mut steps: std::collections::BTreeMap<u64, Vec<&Value>> = Default::default();
    for e in &entries {
        steps
            .entry(meta(e, "stepIndex").as_u64().unwrap())
            .or_default()
            .push(e);
    }
    // Unique and gap-free: 0 (start), 1..=20 (each log, each stream), 21 (end).
    assert_eq!(
        steps.keys().copied().collect::<Vec<_>>(),
        (0..=21).collect::<Vec<u64>>()
    );
    for i in 1..=20 {
        let group = &steps[&i];
        if group[0]["message"].as_str().unwrap().starts_with("log ") {
            assert_eq!(group.len(), 1, "a log is one step");
        } else {
            // A stream is one step: its three lines share the index.
            assert_eq!(group.len(), 3, "{group:?}");
            let s = meta(group[0], "stream");
            assert!(group.iter().all(|e| meta(e, "stream") == s));
        }
    }
    assert_eq!(steps[&21][0]["message"], "fan finished");
}

#[test]
fn an_ingest_run_is_one_step_and_a_filtered_log_takes_none() {
    let env = Env::new();
    let r = Receiver::ok();
    let id = start(&env, &r, "load");
    let file = env.path("rows.ndjson");
    std::fs::write(
        &file,
        "{\"message\":\"r1\"}\n{\"message\":\"r2\",\"level\":\"warn\"}\n",
    )
    .unwrap();
    let with_flow =
        |args: &[&str]| run_cmd(cmd(&env, &r).env("AURALOG_FLOW_ID", &id).args(args), None);
    with_flow(&["ingest", file.to_str().unwrap()]).expect_code(0);
    with_flow(&["--min-level", "warn", "log", "dropped"]).expect_code(0);
    with_flow(&["log", "--flow", &id, "after"]).expect_code(0);
    let entries = r.wait_entries(4, Duration::from_secs(10));
    assert_eq!(entries.len(), 4);
    assert_eq!(meta(&entries[1], "stepIndex"), 1);
    assert_eq!(meta(&entries[2], "stepIndex"), 1, "the same step");
    assert_eq!(entries[3]["message"], "after");
    assert_eq!(
        meta(&entries[3], "stepIndex"),
        2,
        "the filtered log took none"
    );
    let list = run(&env, &r, &["flow", "list", "--json"]).json_lines();
    assert_eq!(list[0]["steps"], 3);
}

#[test]
fn an_ended_or_unknown_flow_is_a_warning_unless_strict() {
    let env = Env::new();
    let r = Receiver::ok();
    let id = start(&env, &r, "short");
    run(&env, &r, &["flow", "end", "--flow", &id]).expect_code(0);
    for (flow, msg) in [(id.as_str(), "after end"), ("never-started1", "unknown")] {
        let out = run_cmd(
            cmd(&env, &r)
                .env("AURALOG_FLOW_ID", flow)
                .args(["log", msg]),
            None,
        );
        out.expect_code(0);
        assert!(
            out.stderr.contains("is not active") && out.stderr.contains("without flow fields"),
            "{}",
            out.stderr
        );
        let out = run_cmd(
            cmd(&env, &r)
                .env("AURALOG_FLOW_ID", flow)
                .args(["--strict", "log", "strict"]),
            None,
        );
        out.expect_code(2);
        let out = run_cmd(
            cmd(&env, &r)
                .env("AURALOG_FLOW_ID", flow)
                .args(["tail-stdin"]),
            Some(b"streamed\n"),
        );
        out.expect_code(0);
    }
    let entries = r.wait_entries(6, Duration::from_secs(10));
    assert_eq!(
        entries.len(),
        6,
        "start, end, and two each without the flow"
    );
    for e in &entries[2..] {
        assert!(e["metadata"].get("flowId").is_none(), "{e}");
        assert!(e["metadata"].get("stepIndex").is_none(), "{e}");
        assert_ne!(e["message"], "strict");
    }
}

#[test]
fn flow_defaults_reach_later_entries_and_own_options_win() {
    let env = Env::new();
    let r = Receiver::ok();
    let out = run(
        &env,
        &r,
        &[
            "-e",
            "staging",
            "flow",
            "start",
            "rel",
            "-m",
            "region=eu",
            "--tag",
            "ci",
            "--user-id",
            "u1",
            "--session-id",
            "s1",
        ],
    );
    out.expect_code(0);
    let id = out.stdout.trim().to_string();
    let with_flow = |args: &[&str]| {
        run_cmd(cmd(&env, &r).env("AURALOG_FLOW_ID", &id).args(args), None).expect_code(0);
    };
    with_flow(&["log", "inherits"]);
    with_flow(&[
        "-e",
        "prod",
        "log",
        "--user-id",
        "u2",
        "-m",
        "region=us",
        "own",
    ]);
    with_flow(&["flow", "step", "step"]);
    run_cmd(
        cmd(&env, &r)
            .env("AURALOG_FLOW_ID", &id)
            .args(["tail-stdin"]),
        Some(b"streamed\n"),
    )
    .expect_code(0);
    with_flow(&["flow", "end"]);
    let entries = r.wait_entries(6, Duration::from_secs(10));
    assert_eq!(entries.len(), 6);
    for e in &entries {
        let own = e["message"] == "own";
        assert_eq!(
            e["environment"],
            if own { "prod" } else { "staging" },
            "{e}"
        );
        assert_eq!(meta(e, "region"), if own { "us" } else { "eu" }, "{e}");
        assert_eq!(meta(e, "userId"), if own { "u2" } else { "u1" }, "{e}");
        assert_eq!(meta(e, "sessionId"), "s1", "{e}");
        assert_eq!(meta(e, "tags"), &serde_json::json!(["ci"]), "{e}");
    }

    // `flow run` keeps them too, for what runs inside it.
    let a = bin();
    let script = format!("'{}' log inner", a.display());
    run(
        &env,
        &r,
        &[
            "flow",
            "run",
            "job",
            "-m",
            "team=core",
            "--",
            "sh",
            "-c",
            &script,
        ],
    )
    .expect_code(0);
    let entries = r.wait_entries(9, Duration::from_secs(10));
    assert!(entries[6..].iter().all(|e| meta(e, "team") == "core"));
}

#[test]
fn flow_step_and_end_carry_an_error_name_and_a_stack_trace() {
    let env = Env::new();
    let r = Receiver::ok();
    let id = start(&env, &r, "err");
    let trace = env.path("trace.txt");
    std::fs::write(&trace, "Traceback (most recent call last):\n  boom\n").unwrap();
    run(
        &env,
        &r,
        &[
            "flow",
            "step",
            "--flow",
            &id,
            "--error-name",
            "DbTimeout",
            "--stack-trace",
            trace.to_str().unwrap(),
            "query failed",
        ],
    )
    .expect_code(0);
    run_cmd(
        cmd(&env, &r).args([
            "flow",
            "end",
            "--flow",
            &id,
            "--status",
            "failed",
            "--error-name",
            "Boom",
            "--stack-trace",
            "-",
        ]),
        Some(b"at main()\n"),
    )
    .expect_code(0);
    let entries = r.wait_entries(3, Duration::from_secs(10));
    assert_eq!(entries[1]["level"], "error");
    assert_eq!(meta(&entries[1], "errorName"), "DbTimeout");
    assert!(entries[1]["stackTrace"].as_str().unwrap().contains("boom"));
    assert_eq!(entries[2]["level"], "error");
    assert_eq!(meta(&entries[2], "errorName"), "Boom");
    assert_eq!(entries[2]["stackTrace"], "at main()\n");
    assert_eq!(meta(&entries[2], "status"), "failed");
}
