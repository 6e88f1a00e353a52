//! `auralog trace`: new/get/set/clear/env/header print one scriptable line;
//! the saved id in resolution; TRACEPARENT in and out of `trace exec`.
//! (The full resolution order for `log` is pinned in tests/log.rs.)

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::{run_cmd, signal, Env, Out, Receiver};

const TP: &str = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
const TP_ID: &str = "4bf92f35-77b3-4da6-a3ce-929d0e0e4736";

fn is_uuid_v4(s: &str) -> bool {
    let b = s.as_bytes();
    s.len() == 36
        && [8, 13, 18, 23].iter().all(|&i| b[i] == b'-')
        && b[14] == b'4'
        && matches!(b[19], b'8' | b'9' | b'a' | b'b')
        && s.bytes()
            .all(|c| c == b'-' || c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
}

fn is_traceparent(s: &str) -> bool {
    let p: Vec<&str> = s.split('-').collect();
    let hex = |x: &str, n: usize| {
        x.len() == n
            && x.bytes()
                .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
    };
    p.len() == 4 && p[0] == "00" && hex(p[1], 32) && hex(p[2], 16) && p[3] == "01"
}

fn trace(env: &Env, vars: &[(&str, &str)], args: &[&str]) -> Out {
    let mut c = env.cmd();
    for (k, v) in vars {
        c.env(k, v);
    }
    c.arg("trace").args(args);
    run_cmd(&mut c, None)
}

/// The single line a command printed.
fn line(out: &Out) -> String {
    out.expect_code(0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "one line expected: {:?}", out.stdout);
    lines[0].to_string()
}

#[test]
fn new_prints_a_fresh_uuid_v4() {
    let env = Env::new();
    let a = line(&trace(&env, &[], &["new"]));
    let b = line(&trace(&env, &[], &["new"]));
    assert!(is_uuid_v4(&a), "{a}");
    assert_ne!(a, b);
    // `new` saves nothing: `get` still makes a fresh id each time.
    let g1 = line(&trace(&env, &[], &["get"]));
    let g2 = line(&trace(&env, &[], &["get"]));
    assert!(is_uuid_v4(&g1));
    assert_ne!(g1, g2);
    assert_ne!(g1, a);
}

#[test]
fn set_get_clear_and_the_saved_id_in_resolution() {
    let env = Env::new();
    let r = Receiver::ok();
    trace(&env, &[], &["set", "saved-trace-1"]).expect_code(0);
    assert_eq!(
        std::fs::read_to_string(env.state_dir().join("auralog/trace_id")).unwrap(),
        "saved-trace-1\n"
    );
    assert_eq!(line(&trace(&env, &[], &["get"])), "saved-trace-1");

    // Entries of later runs use it.
    let mut c = env.cmd();
    c.env("AURALOG_ENDPOINT", r.url()).args(["log", "hello"]);
    run_cmd(&mut c, None).expect_code(0);
    assert_eq!(r.entries()[0]["traceId"], "saved-trace-1");

    // Everything above the saved id in the order still wins over it.
    assert_eq!(
        line(&trace(&env, &[("AURALOG_TRACE_ID", "from-env")], &["get"])),
        "from-env"
    );
    assert_eq!(line(&trace(&env, &[("TRACEPARENT", TP)], &["get"])), TP_ID);
    env.write_config("[metadata]\ntraceId = \"from-config\"\n");
    assert_eq!(line(&trace(&env, &[], &["get"])), "from-config");
    assert_eq!(
        line(&trace(&env, &[("AURALOG_TRACE_ID", "from-env")], &["get"])),
        "from-config",
        "metadata.traceId comes before AURALOG_TRACE_ID"
    );
    std::fs::remove_file(env.config_path()).unwrap();

    // A malformed TRACEPARENT is ignored with a warning: the saved id is next.
    let out = trace(&env, &[("TRACEPARENT", "00-zz-00-01")], &["get"]);
    assert_eq!(line(&out), "saved-trace-1");
    assert!(
        out.stderr.contains("ignoring malformed TRACEPARENT"),
        "{}",
        out.stderr
    );

    // -v says where the id came from, on stderr only.
    let out = trace(&env, &[], &["-v", "get"]);
    assert_eq!(line(&out), "saved-trace-1");
    assert!(out.stderr.contains("auralog trace set"), "{}", out.stderr);

    // A replaced id; then clear, twice (the second is not an error).
    trace(&env, &[], &["set", "saved-trace-2"]).expect_code(0);
    assert_eq!(line(&trace(&env, &[], &["get"])), "saved-trace-2");
    trace(&env, &[], &["clear"]).expect_code(0);
    trace(&env, &[], &["clear"]).expect_code(0);
    let fresh = line(&trace(&env, &[], &["get"]));
    assert!(is_uuid_v4(&fresh), "{fresh}");
}

#[test]
fn set_rejects_bad_ids_and_keeps_the_old_one() {
    let env = Env::new();
    trace(&env, &[], &["set", "good-id"]).expect_code(0);
    let long = "x".repeat(129);
    for (bad, why) in [
        ("", "empty"),
        ("a b", "space"),
        ("bell\u{7}", "control character"),
        ("caf\u{e9}", "visible ASCII"),
        (long.as_str(), "at most 128"),
    ] {
        let out = trace(&env, &[], &["set", bad]);
        out.expect_code(2);
        assert!(
            out.stderr.contains("invalid trace id") && out.stderr.contains(why),
            "{bad:?}: {}",
            out.stderr
        );
    }
    assert_eq!(line(&trace(&env, &[], &["get"])), "good-id");
    trace(&env, &[], &["set", &"x".repeat(128)]).expect_code(0);
}

#[test]
fn a_corrupt_saved_id_is_ignored_with_a_warning() {
    let env = Env::new();
    let path = env.state_dir().join("auralog/trace_id");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "two words\n").unwrap();
    let out = trace(&env, &[], &["get"]);
    assert!(is_uuid_v4(&line(&out)));
    assert!(
        out.stderr.contains("ignoring the saved trace id"),
        "{}",
        out.stderr
    );
}

#[test]
fn env_and_header_print_one_scriptable_line() {
    let env = Env::new();
    let vars = [("AURALOG_TRACE_ID", "abc-123")];
    assert_eq!(
        trace(&env, &vars, &["env"]).expect_code(0).stdout,
        "export AURALOG_TRACE_ID=abc-123\n"
    );
    assert_eq!(
        trace(&env, &vars, &["header"]).expect_code(0).stdout,
        "X-Trace-Id: abc-123\n"
    );
    // Fresh when nothing is set, and safe to eval whatever the id holds.
    let fresh = line(&trace(&env, &[], &["env"]));
    assert!(is_uuid_v4(
        fresh.strip_prefix("export AURALOG_TRACE_ID=").unwrap()
    ));
    let odd = "it's $(oops) `x`";
    let out = trace(&env, &[("AURALOG_TRACE_ID", odd)], &["env"]);
    let script = format!("{}\nprintf '%s' \"$AURALOG_TRACE_ID\"", line(&out));
    let sh = std::process::Command::new("sh")
        .args(["-c", &script])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&sh.stdout), odd);
}

#[test]
fn exec_sets_the_trace_id_and_a_traceparent() {
    let env = Env::new();
    let show = [
        "exec",
        "--",
        "sh",
        "-c",
        "echo \"$AURALOG_TRACE_ID\"; echo \"$TRACEPARENT\"",
    ];
    let out = trace(&env, &[], &show);
    out.expect_code(0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(is_uuid_v4(lines[0]), "{}", out.stdout);
    assert!(is_traceparent(lines[1]), "{}", out.stdout);
    assert_eq!(
        lines[1].split('-').nth(1).unwrap(),
        lines[0].replace('-', "")
    );

    // TRACEPARENT in: the same trace, a new parent id.
    let out = trace(&env, &[("TRACEPARENT", TP)], &show);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0], TP_ID);
    assert!(is_traceparent(lines[1]));
    assert!(lines[1].starts_with("00-4bf92f3577b34da6a3ce929d0e0e4736-"));
    assert_ne!(lines[1], TP);

    // --trace-id and the saved id; a non-UUID id still gives a valid header.
    let out = trace(
        &env,
        &[],
        &[
            "exec",
            "--trace-id",
            "deploy-42",
            "--",
            "sh",
            "-c",
            "echo \"$AURALOG_TRACE_ID $TRACEPARENT\"",
        ],
    );
    let words: Vec<&str> = out.stdout.split_whitespace().collect();
    assert_eq!(words[0], "deploy-42");
    assert!(is_traceparent(words[1]), "{}", out.stdout);
    trace(&env, &[], &["set", "kept-id"]).expect_code(0);
    let out = trace(&env, &[], &["exec", "printenv", "AURALOG_TRACE_ID"]);
    assert_eq!(out.expect_code(0).stdout, "kept-id\n");
}

#[test]
fn exec_exits_with_the_child_status() {
    let env = Env::new();
    trace(&env, &[], &["exec", "--", "sh", "-c", "exit 5"]).expect_code(5);
    trace(&env, &[], &["exec", "--", "sh", "-c", "kill -TERM $$"]).expect_code(143);
    let out = trace(&env, &[], &["exec", "--", "/no/such/command"]);
    out.expect_code(127);
    assert!(
        out.stderr.contains("cannot run '/no/such/command'"),
        "{}",
        out.stderr
    );
    // Arguments that look like options belong to the command.
    let out = trace(
        &env,
        &[],
        &["exec", "--", "printf", "%s|", "--trace-id", "-v"],
    );
    assert_eq!(out.expect_code(0).stdout, "--trace-id|-v|");
}

#[test]
fn exec_forwards_sigterm_to_the_child() {
    let env = Env::new();
    let ready = env.path("ready");
    let script = format!(
        "trap 'echo got TERM; exit 9' TERM; touch '{}'; while :; do sleep 0.05; done",
        ready.display()
    );
    let child = env
        .cmd()
        .args(["trace", "exec", "--", "sh", "-c", &script])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let until = Instant::now() + Duration::from_secs(20);
    while !ready.exists() {
        assert!(Instant::now() < until, "the child never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    signal(child.id(), "TERM");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(9));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "got TERM\n");
}
