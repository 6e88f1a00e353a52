//! Delivery with requests in flight, overflow to the spool, signals and the
//! breaker shared across runs, against real receivers on 127.0.0.1.

use std::collections::HashSet;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::spool::{counts, status};
use crate::support::*;

use crate::spool::KEY;

fn jsonl(n: usize) -> Vec<u8> {
    let mut s = Vec::new();
    for i in 0..n {
        s.extend_from_slice(format!("{{\"message\":\"m{i}\",\"level\":\"info\"}}\n").as_bytes());
    }
    s
}

/// The distinct messages the receiver got, and how many entries in all.
fn distinct(r: &Receiver) -> (HashSet<String>, usize) {
    let all = r.entries();
    let set = all
        .iter()
        .map(|e| e["message"].as_str().unwrap().to_string())
        .collect();
    (set, all.len())
}

fn ingest(env: &Env, url: &str, vars: &[(&str, &str)], args: &[&str]) -> Out {
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", url)
        .env("AURALOG_API_KEY", KEY)
        .current_dir(env.dir.path());
    for (k, v) in vars {
        cmd.env(k, v);
    }
    cmd.arg("ingest").args(args);
    run_cmd(&mut cmd, None)
}

#[test]
fn several_batches_are_in_flight_at_once_and_each_arrives_once() {
    let env = Env::new();
    std::fs::write(env.path("a.jsonl"), jsonl(400)).unwrap();
    let r = Receiver::start(vec![Reply::ok().delay(Duration::from_millis(150))]);
    let t = Instant::now();
    let out = ingest(
        &env,
        &r.url(),
        &[],
        &["--batch-size", "10", "-v", "a.jsonl"],
    );
    let took = t.elapsed();
    out.expect_code(0);
    let (set, total) = distinct(&r);
    assert_eq!((set.len(), total), (400, 400), "each entry exactly once");
    assert!(
        r.peak_concurrent() >= 4,
        "peak {} requests at once",
        r.peak_concurrent()
    );
    // 40 requests of 150 ms one at a time would take 6 s.
    assert!(took < Duration::from_secs(4), "took {took:?}");
    assert_eq!(counts(&out.stderr), Some((400, 0, 0)), "{}", out.stderr);
    // Entries keep their order inside each batch.
    for q in r.requests() {
        let n: Vec<usize> = q
            .entries()
            .iter()
            .map(|e| e["message"].as_str().unwrap()[1..].parse().unwrap())
            .collect();
        assert!(n.windows(2).all(|w| w[1] == w[0] + 1), "{n:?}");
    }
}

#[test]
fn concurrency_one_sends_one_request_at_a_time() {
    let env = Env::new();
    std::fs::write(env.path("a.jsonl"), jsonl(50)).unwrap();
    let r = Receiver::start(vec![Reply::ok().delay(Duration::from_millis(30))]);
    let out = ingest(
        &env,
        &r.url(),
        &[("AURALOG_CONCURRENCY", "1")],
        &["--batch-size", "5", "a.jsonl"],
    );
    out.expect_code(0);
    assert_eq!(r.peak_concurrent(), 1);
    assert_eq!(r.entries().len(), 50);
    let shown = env.run(&["--concurrency", "7", "config", "show"]);
    assert!(shown.stdout.contains("concurrency"), "{}", shown.stdout);
    assert!(shown.stdout.contains('7'), "{}", shown.stdout);
}

#[test]
fn a_retry_after_on_one_batch_holds_back_the_whole_destination() {
    let env = Env::new();
    std::fs::write(env.path("a.jsonl"), jsonl(300)).unwrap();
    let ok = Reply::ok().delay(Duration::from_millis(20));
    let mut script = vec![ok.clone(), ok.clone(), ok.clone()];
    script.push(Reply::status(503).header("Retry-After", "1"));
    script.push(ok);
    let r = Receiver::start(script);
    let out = ingest(&env, &r.url(), &[], &["--batch-size", "10", "a.jsonl"]);
    out.expect_code(0);
    let (set, _) = distinct(&r);
    assert_eq!(set.len(), 300, "everything delivered");
    let reqs = r.requests();
    assert_eq!(reqs.len(), 31, "30 batches and one retry");
    // Each batch accepted once: the retry carries the refused one's key.
    let keys: Vec<&str> = reqs
        .iter()
        .map(|q| q.header("idempotency-key").unwrap())
        .collect();
    let unique: HashSet<&str> = keys.iter().copied().collect();
    assert_eq!(unique.len(), 30);
    let mut by_time: Vec<Instant> = reqs.iter().map(|q| q.at).collect();
    by_time.sort();
    let refused_at = by_time[3];
    // Requests already on their way when the 503 was answered may land
    // just after it; then nothing for the second the service asked for.
    let quiet = by_time
        .iter()
        .filter(|t| {
            **t > refused_at + Duration::from_millis(150)
                && **t < refused_at + Duration::from_millis(850)
        })
        .count();
    assert_eq!(quiet, 0, "no request during the Retry-After");
    assert!(*by_time.last().unwrap() >= refused_at + Duration::from_millis(900));
}

/// `auralog tail-stdin` with piped stdio; stdout and stderr collected.
struct Tail {
    child: Child,
    out: std::thread::JoinHandle<Vec<u8>>,
    err: std::thread::JoinHandle<Vec<u8>>,
}

fn tail(env: &Env, url: &str, vars: &[(&str, &str)], args: &[&str]) -> Tail {
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", url).env("AURALOG_API_KEY", KEY);
    for (k, v) in vars {
        cmd.env(k, v);
    }
    cmd.arg("tail-stdin")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut so = child.stdout.take().unwrap();
    let mut se = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = so.read_to_end(&mut v);
        v
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = se.read_to_end(&mut v);
        v
    });
    Tail { child, out, err }
}

impl Tail {
    fn wait(mut self, limit: Duration) -> (i32, Vec<u8>, String) {
        let until = Instant::now() + limit;
        let status = loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                break s;
            }
            if Instant::now() > until {
                let _ = self.child.kill();
                panic!("tail-stdin did not exit within {limit:?}");
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        use std::os::unix::process::ExitStatusExt;
        let code = status
            .code()
            .unwrap_or_else(|| 128 + status.signal().unwrap_or(0));
        let out = self.out.join().unwrap();
        let err = String::from_utf8_lossy(&self.err.join().unwrap()).into_owned();
        (code, out, err)
    }
}

fn lines(n: usize) -> String {
    (0..n).map(|i| format!("line {i}\n")).collect()
}

fn pending_entries(env: &Env, url: &str) -> u64 {
    status(env, url)["pending"]["entries"].as_u64().unwrap()
}

#[test]
fn a_receiver_killed_with_batches_in_flight_loses_nothing() {
    let env = Env::new();
    let r = Receiver::start(vec![Reply::ok().delay(Duration::from_millis(100))]);
    let url = r.url();
    let mut t = tail(
        &env,
        &url,
        &[("AURALOG_RETRY_BUDGET", "0.5"), ("AURALOG_TIMEOUT", "1")],
        &["--no-echo", "--batch-size", "20", "-v"],
    );
    let mut stdin = t.child.stdin.take().unwrap();
    let n = 2000;
    let text = lines(n);
    let (first, rest) = text.split_at(text.len() / 2);
    stdin.write_all(first.as_bytes()).unwrap();
    // Wait until requests are in flight, then kill the receiver under them.
    let until = Instant::now() + Duration::from_secs(10);
    while r.open_requests() < 2 && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(r.open_requests() >= 2, "requests in flight");
    r.kill();
    stdin.write_all(rest.as_bytes()).unwrap();
    drop(stdin);
    let (code, _, err) = t.wait(Duration::from_secs(30));
    assert_eq!(code, 0, "{err}");
    let (d, s, rej) = counts(&err).unwrap_or_else(|| panic!("{err}"));
    assert_eq!(rej, 0);
    assert_eq!(d + s, n as u64, "delivered + spooled = sent: {err}");
    assert_eq!(pending_entries(&env, &url), s);
    // What the receiver answered plus what is in the spool is every line.
    let (got, _) = distinct(&r);
    let mut all = got.clone();
    let dir = env.state_dir().join("auralog/spool");
    for f in std::fs::read_dir(&dir).unwrap().flatten() {
        let body = std::fs::read_to_string(f.path()).unwrap_or_default();
        for (i, l) in text.lines().enumerate() {
            if body.contains(&format!("\"{l}\"")) {
                all.insert(format!("line {i}"));
            }
        }
    }
    assert_eq!(all.len(), n, "every line delivered or spooled");
    drop(r);
}

/// `tail-stdin` with `args` to a receiver that never answers, with the
/// default budgets (a request may take 10 s, a batch 10 s of retries). The
/// receiver must be kept alive as long as the run.
fn tail_to_a_hanging_endpoint(env: &Env, args: &[&str]) -> (Receiver, String, Tail) {
    let r = Receiver::start(vec![Reply::ok().delay(Duration::from_secs(3600))]);
    let url = r.url();
    let t = tail(
        env,
        &url,
        &[("AURALOG_RETRY_BUDGET", "10"), ("AURALOG_TIMEOUT", "10")],
        args,
    );
    (r, url, t)
}

#[test]
fn tail_stdin_keeps_reading_and_echoing_while_the_endpoint_hangs() {
    let env = Env::new();
    let (_r, url, mut t) = tail_to_a_hanging_endpoint(&env, &[]);
    let mut stdin = t.child.stdin.take().unwrap();
    // More than the sender holds in memory (40 MiB of batches): the rest
    // overflows to the spool while reading goes on.
    let n = 200_000;
    let pad = "x".repeat(100);
    let text: String = (0..n).map(|i| format!("line {i} {pad}\n")).collect();
    let start = Instant::now();
    stdin.write_all(text.as_bytes()).unwrap();
    let wrote = start.elapsed();
    assert!(
        wrote < Duration::from_secs(8),
        "the writer was held back: {wrote:?}"
    );
    let pid = t.child.id();
    // The echo has caught up: the reader is not held back by the network.
    std::thread::sleep(Duration::from_millis(300));
    // First signal: deliver for 2 s at most, spool the rest.
    signal(pid, "TERM");
    let stopped = Instant::now();
    let (code, out, err) = t.wait(Duration::from_secs(15));
    drop(stdin);
    assert!(stopped.elapsed() < Duration::from_secs(5), "{err}");
    assert_eq!(code, 143, "{err}");
    assert_eq!(out, text.as_bytes(), "the echo went on");
    let (d, s, _) = counts(&err).unwrap_or_else(|| panic!("{err}"));
    assert_eq!(d, 0);
    assert_eq!(s, n as u64, "{err}");
    let st = status(&env, &url);
    assert_eq!(st["pending"]["entries"].as_u64(), Some(n as u64));
    let overflowed = st["pending_batches"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["reason"].as_str().unwrap().contains("behind"))
        .count();
    assert!(
        overflowed > 0,
        "batches overflowed to the spool while reading"
    );
}

#[test]
fn a_second_signal_spools_everything_at_once_and_the_counts_add_up() {
    let env = Env::new();
    let (_r, url, mut t) = tail_to_a_hanging_endpoint(&env, &["--no-echo", "--batch-size", "50"]);
    let mut stdin = t.child.stdin.take().unwrap();
    let n = 5000;
    stdin.write_all(lines(n).as_bytes()).unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let pid = t.child.id();
    signal(pid, "INT");
    std::thread::sleep(Duration::from_millis(50));
    signal(pid, "INT");
    let stopped = Instant::now();
    let (code, _, err) = t.wait(Duration::from_secs(10));
    drop(stdin);
    assert!(
        stopped.elapsed() < Duration::from_millis(1500),
        "{:?}: {err}",
        stopped.elapsed()
    );
    assert_eq!(code, 130, "{err}");
    let (d, s, _) = counts(&err).unwrap_or_else(|| panic!("{err}"));
    assert_eq!((d, s), (0, n as u64), "{err}");
    assert_eq!(pending_entries(&env, &url), n as u64);
}

/// `auralog log MSG` with the default budgets (the test env sets short
/// ones explicitly: removed here).
fn log_default(env: &Env, url: &str, msg: &str) -> (Duration, Out) {
    let mut cmd = env.cmd();
    cmd.env_remove("AURALOG_RETRY_BUDGET")
        .env_remove("AURALOG_TIMEOUT")
        .env("AURALOG_ENDPOINT", url)
        .env("AURALOG_API_KEY", KEY)
        .args(["log", msg]);
    let t = Instant::now();
    let out = run_cmd(&mut cmd, None);
    (t.elapsed(), out)
}

fn many_logs_to(env: &Env, url: &str, n: usize) -> Duration {
    let mut total = Duration::ZERO;
    for i in 0..n {
        let (took, out) = log_default(env, url, &format!("down {i}"));
        out.expect_code(0);
        assert!(out.stderr.contains("kept in the spool"), "{}", out.stderr);
        if i > 0 {
            assert!(took < Duration::from_millis(1500), "call {i}: {took:?}");
        }
        total += took;
    }
    total
}

#[test]
fn the_breaker_is_shared_across_runs_for_a_refused_endpoint() {
    let env = Env::new();
    let url = dead_url();
    let took = many_logs_to(&env, &url, 15);
    assert!(took < Duration::from_secs(5), "15 calls took {took:?}");
    let state = env.state_dir().join("auralog/breaker");
    assert_eq!(std::fs::read_dir(&state).unwrap().count(), 1);
    assert_eq!(pending_entries(&env, &url), 15);
    // The endpoint is back: everything arrives, and the state is cleared.
    let port: u16 = url.rsplit(':').next().unwrap().parse().unwrap();
    let r = Receiver::start_on(port, vec![Reply::ok()]);
    let out = crate::spool::run_to(&env, &url, &[], &["spool", "flush"]);
    out.expect_code(0);
    let (set, total) = distinct(&r);
    assert_eq!((set.len(), total), (15, 15), "{}", out.stderr);
    let (_, out) = log_default(&env, &url, "back");
    out.expect_code(0);
    assert_eq!(r.entries().len(), 16);
    assert_eq!(std::fs::read_dir(&state).unwrap().count(), 0);
}

#[test]
fn the_breaker_is_shared_across_runs_for_a_host_that_never_answers() {
    let env = Env::new();
    // Accepts connections (the kernel's backlog) and never answers.
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", l.local_addr().unwrap());
    let took = many_logs_to(&env, &url, 15);
    assert!(took < Duration::from_secs(5), "15 calls took {took:?}");
    assert_eq!(pending_entries(&env, &url), 15);
    drop(l);
}

#[test]
fn a_one_shot_command_with_the_endpoint_down_costs_a_few_seconds_at_most() {
    let env = Env::new();
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", l.local_addr().unwrap());
    let (took, out) = log_default(&env, &url, "first");
    out.expect_code(0);
    assert!(took < Duration::from_secs(4), "{took:?}");
    assert!(out.stderr.contains("kept in the spool"), "{}", out.stderr);
    drop(l);
    let _ = Command::new("true").status();
}
