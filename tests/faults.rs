//! Fault injection (issue 6): a receiver that refuses connections, answers
//! 503 N times, 429 with Retry-After in seconds and as an HTTP date, hangs
//! past the client timeout, drops the connection mid-response, answers 413
//! and 400, and is killed and restarted in the middle of a stream. For each,
//! every entry ends up delivered, spooled or rejected with a reason, and the
//! counts auralog prints add up to exactly that.

use std::collections::{BTreeSet, HashSet};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use serde_json::Value;

use crate::spool::{counts, craft_batch, replayed, spool_dir, KEY};
use crate::support::{run_cmd, Env, Out, Receiver, Reply, Request};

/// What auralog said it did, run after run, checked against what the
/// receivers accepted and what the spool holds.
#[derive(Default)]
struct Ledger {
    sent: Vec<String>,
    delivered: u64,
    spooled: u64,
    rejected: u64,
    replayed: u64,
    flushed: u64,
}

impl Ledger {
    /// `auralog -v log MESSAGE` to `url`; checks the printed counts add up
    /// to this one entry and records them.
    fn log(&mut self, env: &Env, url: &str, vars: &[(&str, &str)], msg: &str) -> Out {
        let mut cmd = env.cmd();
        cmd.env("AURALOG_ENDPOINT", url).env("AURALOG_API_KEY", KEY);
        for (k, v) in vars {
            cmd.env(k, v);
        }
        cmd.args(["-v", "log", msg]);
        let out = run_cmd(&mut cmd, None);
        out.expect_code(0);
        let (d, s, r) = counts(&out.stderr)
            .unwrap_or_else(|| panic!("no counts printed for {msg}:\n{}", out.stderr));
        assert_eq!(d + s + r, 1, "{msg}: counts do not add up:\n{}", out.stderr);
        self.sent.push(msg.to_string());
        self.delivered += d;
        self.spooled += s;
        self.rejected += r;
        self.replayed += replayed(&out.stderr);
        out
    }

    /// Entries put in the spool by hand (as an earlier run would have).
    fn crafted(&mut self, env: &Env, url: &str, msgs: &[&str], key: &str) {
        craft_batch(env, url, msgs, key, self.sent.len() as u64);
        self.sent.extend(msgs.iter().map(|m| m.to_string()));
        self.spooled += msgs.len() as u64;
    }

    /// `auralog -v spool flush`, recording what it delivered and rejected.
    fn flush(&mut self, env: &Env, url: &str) -> Out {
        let mut cmd = env.cmd();
        cmd.env("AURALOG_ENDPOINT", url)
            .env("AURALOG_API_KEY", KEY)
            .args(["-v", "spool", "flush"]);
        let out = run_cmd(&mut cmd, None);
        out.expect_code(0);
        let (d, s, r) = counts(&out.stderr).unwrap_or((0, 0, 0));
        let _ = s;
        self.flushed += d;
        self.rejected += r;
        self.spooled -= d + r;
        out
    }

    /// Every entry sent is exactly one of: accepted by a receiver, pending
    /// in the spool, rejected (kept with a reason); and the counts printed
    /// match each of those sets.
    fn check(&self, env: &Env, accepted: &[String]) {
        let accepted_set: BTreeSet<&String> = accepted.iter().collect();
        assert_eq!(
            accepted_set.len(),
            accepted.len(),
            "an entry was accepted twice under different keys: {accepted:?}"
        );
        let (pending, rejected) = spool_contents(env);
        for r in &rejected {
            assert!(!r.1.is_empty(), "rejected without a reason: {r:?}");
        }
        let rejected: Vec<String> = rejected.into_iter().map(|r| r.0).collect();
        let mut all: Vec<&String> = accepted
            .iter()
            .chain(pending.iter())
            .chain(rejected.iter())
            .collect();
        all.sort();
        let mut sent: Vec<&String> = self.sent.iter().collect();
        sent.sort();
        assert_eq!(
            all, sent,
            "accepted {accepted:?}, pending {pending:?}, rejected {rejected:?}"
        );
        assert_eq!(
            self.delivered + self.replayed + self.flushed,
            accepted.len() as u64,
            "delivered as printed vs accepted {accepted:?}"
        );
        assert_eq!(
            self.spooled - self.replayed,
            pending.len() as u64,
            "spooled as printed vs pending {pending:?}"
        );
        assert_eq!(
            self.rejected,
            rejected.len() as u64,
            "rejected {rejected:?}"
        );
    }
}

/// Messages in the spool's pending batches, and (message, reason) of the
/// rejected ones, read from the files (README: a header line, then the body).
fn spool_contents(env: &Env) -> (Vec<String>, Vec<(String, String)>) {
    let read = |dir: &Path| -> Vec<(Vec<String>, String)> {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().is_none_or(|x| x != "batch") {
                continue;
            }
            let data = std::fs::read(&p).unwrap();
            let nl = data.iter().position(|&b| b == b'\n').unwrap();
            let header: Value = serde_json::from_slice(&data[..nl]).unwrap();
            let body: Vec<Value> =
                serde_json::from_slice(&[b"[".as_slice(), &data[nl + 1..], b"]"].concat()).unwrap();
            assert_eq!(header["count"], body.len());
            let msgs = body
                .iter()
                .map(|e| e["message"].as_str().unwrap().to_string())
                .collect();
            let reason = header["answer"].as_str().unwrap_or("").to_string();
            out.push((msgs, reason));
        }
        out
    };
    let dir = spool_dir(env);
    let pending = read(&dir).into_iter().flat_map(|(m, _)| m).collect();
    let rejected = read(&dir.join("rejected"))
        .into_iter()
        .flat_map(|(m, r)| m.into_iter().map(move |x| (x, r.clone())))
        .collect();
    (pending, rejected)
}

/// Messages of the requests that were answered 2xx, once per
/// idempotency key (a retry whose first answer was lost sends it again).
fn accepted_by_key(reqs: &[Request], answered: impl Fn(usize) -> bool) -> Vec<String> {
    let mut keys = HashSet::new();
    let mut out = Vec::new();
    for (i, q) in reqs.iter().enumerate() {
        if !answered(i) {
            continue;
        }
        if keys.insert(q.header("idempotency-key").unwrap_or("").to_string()) {
            out.extend(
                q.entries()
                    .iter()
                    .map(|e| e["message"].as_str().unwrap().to_string()),
            );
        }
    }
    out
}

fn same_key(reqs: &[Request]) -> bool {
    reqs.windows(2)
        .all(|w| w[0].header("idempotency-key") == w[1].header("idempotency-key"))
}

#[test]
fn refused_connections_then_the_receiver_appears() {
    let env = Env::new();
    let port = free_port();
    let url = format!("http://127.0.0.1:{port}");
    let fast = [("AURALOG_RETRY_BUDGET", "0.3")];
    let mut l = Ledger::default();
    for i in 0..3 {
        let out = l.log(&env, &url, &fast, &format!("while down {i}"));
        assert!(out.stderr.contains("kept in the spool"), "{}", out.stderr);
    }
    let serve = FixedServe::start(&env, port);
    let out = l.log(&env, &url, &fast, "once up");
    assert_eq!(replayed(&out.stderr), 3, "{}", out.stderr);
    let got = serve.kill();
    assert_eq!(
        got,
        ["while down 0", "while down 1", "while down 2", "once up"],
        "oldest first"
    );
    l.check(&env, &got);
}

#[test]
fn answers_503_n_times() {
    let env = Env::new();
    let mut l = Ledger::default();
    // Within the budget: delivered by a retry, under one key.
    let r = Receiver::start(vec![
        Reply::status(503),
        Reply::status(503),
        Reply::status(503),
        Reply::ok(),
    ]);
    let out = l.log(
        &env,
        &r.url(),
        &[("AURALOG_RETRY_BUDGET", "8")],
        "third time lucky",
    );
    assert_eq!(counts(&out.stderr), Some((1, 0, 0)));
    let reqs = r.requests();
    assert_eq!(reqs.len(), 4);
    assert!(same_key(&reqs));
    // Past the budget: spooled.
    let down = Receiver::start(vec![Reply::status(503)]);
    let out = l.log(
        &env,
        &down.url(),
        &[("AURALOG_RETRY_BUDGET", "0.3")],
        "never lucky",
    );
    assert!(out.stderr.contains("503"), "{}", out.stderr);
    assert!(same_key(&down.requests()));
    l.check(&env, &accepted_by_key(&reqs, |i| i == 3));
}

#[test]
fn answers_429_with_retry_after_in_seconds() {
    let env = Env::new();
    let mut l = Ledger::default();
    let r = Receiver::start(vec![
        Reply::status(429).header("Retry-After", "1"),
        Reply::ok(),
        Reply::status(429).header("Retry-After", "3600"),
    ]);
    l.log(&env, &r.url(), &[], "after a second");
    let reqs = r.requests();
    assert!(reqs[1].at - reqs[0].at >= Duration::from_millis(950));
    let out = l.log(&env, &r.url(), &[], "after an hour");
    assert!(out.stderr.contains("3600"), "{}", out.stderr);
    assert_eq!(r.requests().len(), 3, "no retry before the time asked");
    l.check(&env, &accepted_by_key(&r.requests(), |i| i == 1));
}

#[test]
fn answers_429_with_retry_after_as_an_http_date() {
    let env = Env::new();
    let mut l = Ledger::default();
    let soon = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(2));
    let late = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(3600));
    let r = Receiver::start(vec![
        Reply::status(429).header("Retry-After", &soon),
        Reply::ok(),
        Reply::status(429).header("Retry-After", &late),
    ]);
    l.log(
        &env,
        &r.url(),
        &[("AURALOG_RETRY_BUDGET", "5")],
        "at the date",
    );
    let reqs = r.requests();
    assert!(reqs[1].at - reqs[0].at >= Duration::from_millis(900));
    let out = l.log(&env, &r.url(), &[("AURALOG_RETRY_BUDGET", "5")], "too late");
    assert!(out.stderr.contains("retry budget"), "{}", out.stderr);
    l.check(&env, &accepted_by_key(&r.requests(), |i| i == 1));
}

#[test]
fn hangs_past_the_client_timeout() {
    let env = Env::new();
    let mut l = Ledger::default();
    let quick = [("AURALOG_TIMEOUT", "0.3"), ("AURALOG_RETRY_BUDGET", "0.6")];
    // Always too slow: spooled, and the script is not held up.
    let hung = Receiver::start(vec![Reply::ok().delay(Duration::from_secs(3))]);
    let out = l.log(&env, &hung.url(), &quick, "stuck");
    assert!(out.stderr.contains("timed out"), "{}", out.stderr);
    assert!(out.elapsed < Duration::from_secs(10), "{:?}", out.elapsed);
    // Slow once: the retry gets through, under the same key.
    let once = Receiver::start(vec![Reply::ok().delay(Duration::from_secs(3)), Reply::ok()]);
    let vars = [("AURALOG_TIMEOUT", "0.5"), ("AURALOG_RETRY_BUDGET", "5")];
    l.log(&env, &once.url(), &vars, "slow once");
    let reqs = once.requests();
    assert_eq!(reqs.len(), 2);
    assert!(same_key(&reqs));
    l.check(&env, &accepted_by_key(&reqs, |i| i == 1));
}

#[test]
fn drops_the_connection_mid_response() {
    let env = Env::new();
    let mut l = Ledger::default();
    let r = Receiver::start(vec![Reply::drop_connection(), Reply::ok()]);
    l.log(&env, &r.url(), &[], "dropped once");
    let reqs = r.requests();
    assert_eq!(reqs.len(), 2);
    assert!(same_key(&reqs));
    let always = Receiver::start(vec![Reply::drop_connection()]);
    let out = l.log(
        &env,
        &always.url(),
        &[("AURALOG_RETRY_BUDGET", "0.3")],
        "always dropped",
    );
    assert!(out.stderr.contains("kept in the spool"), "{}", out.stderr);
    l.check(&env, &accepted_by_key(&reqs, |i| i == 1));
}

#[test]
fn answers_413() {
    let env = Env::new();
    let mut l = Ledger::default();
    let too_large = || Reply::status(413).body(r#"{"error":"request entity too large"}"#);
    let r = Receiver::start(vec![too_large(), too_large(), Reply::ok(), Reply::ok()]);
    // One entry the service will never take: rejected with the reason.
    let out = l.log(&env, &r.url(), &[], "huge");
    assert!(out.stderr.contains("entry too large"), "{}", out.stderr);
    assert!(
        out.stderr.contains("request entity too large"),
        "{}",
        out.stderr
    );
    // A batch of four: split in halves that go through.
    l.crafted(&env, &r.url(), &["s0", "s1", "s2", "s3"], "split-me");
    l.flush(&env, &r.url());
    let reqs = r.requests();
    let sizes: Vec<usize> = reqs.iter().map(|q| q.entries().len()).collect();
    assert_eq!(sizes, [1, 4, 2, 2]);
    l.check(&env, &accepted_by_key(&reqs, |i| i >= 2));
}

#[test]
fn answers_400() {
    let env = Env::new();
    let mut l = Ledger::default();
    let r = Receiver::start(vec![
        Reply::status(400).body(r#"{"success":false,"error":"logs[0].message: too long"}"#),
        Reply::ok(),
    ]);
    let out = l.log(&env, &r.url(), &[], "refused");
    assert!(
        out.stderr.contains("logs[0].message: too long"),
        "{}",
        out.stderr
    );
    l.log(&env, &r.url(), &[], "accepted");
    assert_eq!(
        r.requests().len(),
        2,
        "a rejected batch is not retried or replayed"
    );
    l.check(&env, &accepted_by_key(&r.requests(), |i| i == 1));
}

#[test]
fn the_receiver_is_killed_and_restarted_mid_stream() {
    let env = Env::new();
    let port = free_port();
    let url = format!("http://127.0.0.1:{port}");
    let fast = [("AURALOG_RETRY_BUDGET", "0.3")];
    let mut l = Ledger::default();
    let first = FixedServe::start(&env, port);
    for i in 0..3 {
        l.log(&env, &url, &fast, &format!("line {i}"));
    }
    let mut got = first.kill();
    for i in 3..6 {
        let out = l.log(&env, &url, &fast, &format!("line {i}"));
        assert!(out.stderr.contains("kept in the spool"), "{}", out.stderr);
    }
    let second = FixedServe::start(&env, port);
    for i in 6..9 {
        l.log(&env, &url, &fast, &format!("line {i}"));
    }
    got.extend(second.kill());
    assert_eq!(l.replayed, 3);
    let want: Vec<String> = (0..9).map(|i| format!("line {i}")).collect();
    assert_eq!(got, want, "every line once, in order");
    l.check(&env, &got);
}

/// A free port on 127.0.0.1 (nothing listens there once this returns).
fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// `auralog serve --json` on a fixed port, so it can be killed and started
/// again at the same address.
struct FixedServe {
    child: Child,
    lines: Arc<Mutex<Vec<String>>>,
    reader: std::thread::JoinHandle<()>,
}

impl FixedServe {
    fn start(env: &Env, port: u16) -> FixedServe {
        let until = Instant::now() + Duration::from_secs(10);
        loop {
            let mut cmd = env.cmd();
            cmd.args(["serve", "--json", "--listen", &format!("127.0.0.1:{port}")])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped());
            let mut child = cmd.spawn().expect("spawn auralog serve");
            let mut err = BufReader::new(child.stderr.take().unwrap());
            let mut first = String::new();
            let _ = err.read_line(&mut first);
            if first.contains("listening") {
                std::thread::spawn(move || for _ in err.lines() {});
                let lines = Arc::new(Mutex::new(Vec::new()));
                let l2 = lines.clone();
                let out = child.stdout.take().unwrap();
                let reader = std::thread::spawn(move || {
                    for l in BufReader::new(out).lines().map_while(Result::ok) {
                        l2.lock().unwrap().push(l);
                    }
                });
                return FixedServe {
                    child,
                    lines,
                    reader,
                };
            }
            let _ = child.wait();
            // The old listener may linger for a moment after a kill.
            assert!(
                Instant::now() < until,
                "serve could not listen again: {first}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// SIGKILL it; the messages it printed (it prints before answering).
    fn kill(mut self) -> Vec<String> {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = self.reader.join();
        let lines = self.lines.lock().unwrap().clone();
        lines
            .iter()
            .map(|l| {
                let v: Value = serde_json::from_str(l).unwrap();
                v["entry"]["message"].as_str().unwrap().to_string()
            })
            .collect()
    }
}

/// A long `tail-stdin` stream survives the receiver going away and coming
/// back: lines sent while it was down are spooled and replayed, none twice.
#[test]
fn a_tail_stdin_stream_survives_the_receiver_restarting() {
    use std::io::Write;
    let env = Env::new();
    let port = free_port();
    let first = FixedServe::start(&env, port);
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", format!("http://127.0.0.1:{port}"))
        .env("AURALOG_RETRY_BUDGET", "0.3")
        .env("AURALOG_TIMEOUT", "1")
        .env("AURALOG_FLUSH_INTERVAL", "0.2")
        .args(["tail-stdin", "--no-echo"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let send = |stdin: &mut std::process::ChildStdin, from: usize, to: usize| {
        for i in from..to {
            writeln!(stdin, "stream line {i}").unwrap();
        }
        stdin.flush().unwrap();
    };
    send(&mut stdin, 0, 20);
    let until = Instant::now() + Duration::from_secs(10);
    while first.lines.lock().unwrap().len() < 20 && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut got = first.kill();
    assert_eq!(got.len(), 20, "the first part arrived before the kill");
    send(&mut stdin, 20, 40);
    std::thread::sleep(Duration::from_millis(1500));
    let second = FixedServe::start(&env, port);
    send(&mut stdin, 40, 60);
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    std::thread::sleep(Duration::from_millis(200));
    got.extend(second.kill());
    let mut sorted = got.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), got.len(), "no line twice: {got:?}");
    assert_eq!(got.len(), 60, "every line arrived: {got:?}\n{stderr}");
}
