//! `auralog serve` as a receiver: what auralog and the official Python SDK
//! send is accepted; bad bodies, wrong keys and injected faults answer as
//! documented.

use std::time::Duration;

use serde_json::{json, Value};

use crate::support::{run_cmd, Env, Serve};

fn post(url: &str, path: &str, body: &str, headers: &[(&str, &str)]) -> (u16, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut req = agent.post(format!("{url}{path}"));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let mut resp = req.send(body).expect("request to serve");
    let status = resp.status().as_u16();
    (status, resp.body_mut().read_to_string().unwrap_or_default())
}

#[test]
fn auralog_log_reaches_serve() {
    let env = Env::new();
    let serve = Serve::start(&env, &[]);
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", &serve.url).args([
        "log",
        "-l",
        "warn",
        "hello serve",
        "-m",
        "n:=1",
    ]);
    run_cmd(&mut cmd, None).expect_code(0);
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", &serve.url)
        .args(["log", "-l", "fatal", "down"]);
    run_cmd(&mut cmd, None).expect_code(0);
    serve.wait_entries(2, Duration::from_secs(5));
    let got = serve.received();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0]["path"], "/v1/logs");
    assert_eq!(got[0]["entry"]["message"], "hello serve");
    assert_eq!(got[0]["entry"]["metadata"], json!({"n": 1}));
    assert_eq!(got[1]["path"], "/v1/logs/single");
    assert_eq!(got[1]["entry"]["level"], "fatal");
    assert_eq!(serve.stop(), 0, "clean exit on SIGTERM");
}

#[test]
fn malformed_bodies_get_400_with_a_reason() {
    let env = Env::new();
    let serve = Serve::start(&env, &[]);
    let (s, b) = post(&serve.url, "/v1/logs", "{not json", &[]);
    assert_eq!(s, 400);
    assert!(b.contains("not valid JSON"), "{b}");
    let (s, b) = post(
        &serve.url,
        "/v1/logs",
        r#"{"projectApiKey":"k","logs":[{"level":"info","message":"ok"},{"level":"loud","message":"x"}]}"#,
        &[],
    );
    assert_eq!(s, 400);
    assert!(b.contains("logs[1].level"), "{b}");
    let (s, b) = post(
        &serve.url,
        "/v1/logs/single",
        r#"{"projectApiKey":"k","log":{"level":"info"}}"#,
        &[],
    );
    assert_eq!(s, 400);
    assert!(b.contains("log.message"), "{b}");
    let (s, _) = post(&serve.url, "/v2/other", "{}", &[]);
    assert_eq!(s, 404);
    assert!(
        serve.received().is_empty(),
        "nothing from a rejected body is shown"
    );
}

#[test]
fn api_key_is_demanded_when_given() {
    let env = Env::new();
    let serve = Serve::start(&env, &["--api-key", "aura_right_key_1234"]);
    let (s, b) = post(
        &serve.url,
        "/v1/logs",
        r#"{"projectApiKey":"wrong","logs":[]}"#,
        &[],
    );
    assert_eq!(s, 401);
    assert!(b.contains("invalid API key"));
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", &serve.url)
        .env("AURALOG_API_KEY", "aura_wrong_key_9999")
        .args(["--strict", "log", "x"]);
    let out = run_cmd(&mut cmd, None);
    out.expect_code(77);
    assert!(out.stderr.contains("API key rejected"));
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", &serve.url)
        .env("AURALOG_API_KEY", "aura_right_key_1234")
        .args(["--strict", "log", "y"]);
    run_cmd(&mut cmd, None).expect_code(0);
    // The entry refused under the wrong key was spooled, and goes out first
    // with the right one.
    let got: Vec<Value> = serve
        .wait_entries(2, Duration::from_secs(5))
        .iter()
        .map(|e| e["message"].clone())
        .collect();
    assert_eq!(got, ["x", "y"]);
}

#[test]
fn fail_first_then_accepts_and_auralog_retries_through_it() {
    let env = Env::new();
    let serve = Serve::start(&env, &["--fail-first", "2", "--retry-after", "0"]);
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", &serve.url)
        .args(["--strict", "log", "eventually"]);
    run_cmd(&mut cmd, None).expect_code(0);
    assert_eq!(serve.wait_entries(1, Duration::from_secs(5)).len(), 1);
}

#[test]
fn count_mode_counts_without_printing() {
    let env = Env::new();
    let serve = Serve::start(&env, &["--count"]);
    for msg in ["a", "b"] {
        let mut cmd = env.cmd();
        cmd.env("AURALOG_ENDPOINT", &serve.url).args(["log", msg]);
        run_cmd(&mut cmd, None).expect_code(0);
    }
    let (s, _) = post(&serve.url, "/v1/logs", "{\"logs\": [1,", &[]);
    assert_eq!(s, 400, "malformed JSON is refused even when counting");
    assert!(serve.received().is_empty());
    let (code, stderr) = serve.stop_with_stderr();
    assert_eq!(code, 0);
    assert!(
        stderr.contains("serve stopped: 2 entries in 3 requests"),
        "{stderr}"
    );
}

/// The benchmark sink with a demanded key, on bodies of entries written
/// alike (as a batch is): the key is checked (also when it is escaped), the
/// entries counted, and an entry that breaks the JSON among alike ones
/// refuses the body.
#[test]
fn count_mode_checks_the_key_and_counts_batches_of_alike_entries() {
    let env = Env::new();
    let serve = Serve::start(&env, &["--count", "--api-key", "aura_right_key_1234"]);
    let entry = |i: usize| {
        format!(
            r#"{{"level":"info","message":"entry {i}","timestamp":"2026-12-02T10:00:0{i}.000000Z","metadata":{{"line":{i}}}}}"#
        )
    };
    let send = |key: &str, entries: &[String]| {
        let body = format!(
            r#"{{"projectApiKey":"{key}","logs":[{}]}}"#,
            entries.join(",")
        );
        post(&serve.url, "/v1/logs", &body, &[])
    };
    let right = "aura_right_key_1234";
    let five: Vec<String> = (0..5).map(entry).collect();
    let (s, b) = send(right, &five);
    assert_eq!(s, 200, "{b}");
    assert!(b.contains(r#""count":5"#), "{b}");
    let (s, b) = send(r"aura_right_k\u0065y_1234", &five[..2]);
    assert_eq!(s, 200, "an escaped key is the same key: {b}");
    assert!(b.contains(r#""count":2"#), "{b}");
    let (s, _) = send("aura_wrong_key_0000", &five);
    assert_eq!(s, 401);
    let mut broken = five.clone();
    broken[3] = broken[3].replace("entry 3", "entry\u{1}3");
    let (s, _) = send(right, &broken);
    assert_eq!(s, 400, "a raw control byte in the fourth alike entry");
    let mut broken = five.clone();
    broken[2] = broken[2].replace(r#""line":2"#, r#""line":02"#);
    let (s, _) = send(right, &broken);
    assert_eq!(s, 400, "a leading zero in the third alike entry");
    let (code, stderr) = serve.stop_with_stderr();
    assert_eq!(code, 0);
    assert!(stderr.contains("serve stopped: 7 entries"), "{stderr}");
}

#[test]
fn status_and_latency_injection() {
    let env = Env::new();
    let serve = Serve::start(&env, &["--status", "500", "--latency", "300"]);
    let t = std::time::Instant::now();
    let (s, _) = post(&serve.url, "/v1/logs", r#"{"logs":[]}"#, &[]);
    assert_eq!(s, 500);
    assert!(t.elapsed() >= Duration::from_millis(300));
}

#[test]
fn duplicate_idempotency_keys_are_shown_once() {
    let env = Env::new();
    let serve = Serve::start(&env, &[]);
    let body = r#"{"projectApiKey":"k","logs":[{"level":"info","message":"once"}]}"#;
    for _ in 0..3 {
        let (s, b) = post(
            &serve.url,
            "/v1/logs",
            body,
            &[("Idempotency-Key", "abc123")],
        );
        assert_eq!(s, 200, "{b}");
    }
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(serve.entries().len(), 1);
}

#[test]
fn output_file_gets_json_lines_and_gzip_is_accepted() {
    let env = Env::new();
    let file = env.path("received.jsonl");
    let serve = Serve::start(&env, &["--output", file.to_str().unwrap()]);
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", &serve.url)
        .args(["--compress", "log", "zipped"]);
    run_cmd(&mut cmd, None).expect_code(0);
    serve.wait_entries(1, Duration::from_secs(5));
    let text = std::fs::read_to_string(&file).unwrap();
    let line: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(line["path"], "/v1/logs");
    assert_eq!(line["entry"]["message"], "zipped");
}

#[test]
fn readable_output_escapes_control_characters() {
    let env = Env::new();
    let mut cmd = env.cmd();
    cmd.args(["serve", "--listen", "127.0.0.1:0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    use std::io::BufRead;
    let mut err = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    err.read_line(&mut first).unwrap();
    let url = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap()
        .to_string();
    let (s, _) = post(
        &url,
        "/v1/logs",
        "{\"logs\":[{\"level\":\"warn\",\"message\":\"evil \\u001b[2J here\"}]}",
        &[],
    );
    assert_eq!(s, 200);
    std::thread::sleep(Duration::from_millis(200));
    crate::support::signal(child.id(), "INT");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("WARN"), "{text}");
    assert!(text.contains("evil \\u{1b}[2J here"), "{text}");
    assert!(
        !text.contains('\x1b'),
        "raw escape reached the terminal: {text:?}"
    );
}

/// The official Python SDK (PyPI `auralogs`) sends to `auralog serve` and
/// every entry is accepted. scripts/test installs the SDK into a virtualenv and
/// sets AURALOG_SDK_PYTHON; without it the test skips with a message (fails
/// under AURALOG_TEST_REQUIRE_ALL=1).
#[test]
fn official_python_sdk_is_accepted_by_serve() {
    let python = std::env::var("AURALOG_SDK_PYTHON").unwrap_or_else(|_| "python3".into());
    let probe = std::process::Command::new(&python)
        .args(["-c", "import auralogs"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        return crate::support::skip(&format!(
            "the Python SDK `auralogs` is not importable with {python} (set AURALOG_SDK_PYTHON)"
        ));
    }
    let env = Env::new();
    let serve = Serve::start(&env, &["--api-key", "aura_sdk_key_0000"]);
    let script = format!(
        r#"
import auralogs
auralogs.init(api_key="aura_sdk_key_0000", endpoint="{url}", environment="sdk-test",
              allow_insecure_endpoint=True, flush_interval=60, capture_errors=False,
              global_metadata={{"service": "interop"}})
auralogs.auralogs.debug("sdk debug")
auralogs.auralogs.info("sdk info", {{"n": 1, "nested": {{"a": [1, 2]}}}})
auralogs.auralogs.warn("sdk warn", {{"traceId": "custom-trace"}})
try:
    raise ValueError("boom")
except ValueError as e:
    auralogs.auralogs.error("sdk error", {{"k": "v"}}, exc_info=e)
auralogs.auralogs.fatal("sdk fatal")
auralogs.shutdown()
"#,
        url = serve.url
    );
    let out = std::process::Command::new(&python)
        .args(["-c", &script])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = serve.wait_entries(5, Duration::from_secs(10));
    assert_eq!(got.len(), 5, "{got:?}\n{}", serve.stderr());
    let by = |m: &str| {
        got.iter()
            .find(|e| e["message"] == m)
            .unwrap_or_else(|| panic!("{m} missing: {got:?}"))
            .clone()
    };
    assert_eq!(by("sdk debug")["level"], "debug");
    assert_eq!(by("sdk info")["metadata"]["nested"]["a"], json!([1, 2]));
    assert_eq!(by("sdk info")["metadata"]["service"], "interop");
    assert_eq!(by("sdk warn")["traceId"], "custom-trace");
    assert!(by("sdk error")["stackTrace"]
        .as_str()
        .unwrap()
        .contains("ValueError"));
    assert_eq!(by("sdk fatal")["environment"], "sdk-test");
    let paths: Vec<String> = serve
        .received()
        .iter()
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect();
    assert!(paths.contains(&"/v1/logs/single".to_string()));
    assert!(paths.contains(&"/v1/logs".to_string()));
}

/// A minimal HTTP/1.1 client on one keep-alive connection, so the tests see
/// exactly what goes over the socket (keep-alive, chunks, 100-continue).
struct Conn {
    r: std::io::BufReader<std::net::TcpStream>,
    w: std::net::TcpStream,
}

impl Conn {
    fn open(url: &str) -> Conn {
        let addr = url.trim_start_matches("http://");
        let s = std::net::TcpStream::connect(addr).expect("connect to serve");
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        Conn {
            w: s.try_clone().unwrap(),
            r: std::io::BufReader::new(s),
        }
    }

    fn send(&mut self, bytes: &[u8]) {
        use std::io::Write;
        self.w.write_all(bytes).expect("write to serve");
    }

    /// Read one response: status, headers (lower-cased names) and body.
    fn read(&mut self) -> (u16, Vec<(String, String)>, String) {
        use std::io::{BufRead, Read};
        let mut line = String::new();
        self.r.read_line(&mut line).expect("status line");
        assert!(line.starts_with("HTTP/1.1 "), "status line: {line:?}");
        let status: u16 = line[9..12].parse().unwrap();
        let mut headers = Vec::new();
        loop {
            let mut h = String::new();
            self.r.read_line(&mut h).unwrap();
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            let (k, v) = h.split_once(':').unwrap();
            headers.push((k.to_ascii_lowercase(), v.trim().to_string()));
        }
        let len = headers
            .iter()
            .find(|(k, _)| k == "content-length")
            .map_or(0, |(_, v)| v.parse().unwrap());
        let mut body = vec![0; len];
        self.r.read_exact(&mut body).unwrap();
        (status, headers, String::from_utf8(body).unwrap())
    }

    fn post(&mut self, path: &str, body: &str, extra: &str) -> (u16, String) {
        self.send(
            format!(
                "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n{extra}Content-Length: {}\r\n\r\n{body}",
                body.len()
            )
            .as_bytes(),
        );
        let (s, _, b) = self.read();
        (s, b)
    }

    /// True once the server has closed the connection (EOF within `within`).
    fn closed_within(&mut self, within: Duration) -> bool {
        use std::io::Read;
        self.r.get_ref().set_read_timeout(Some(within)).unwrap();
        let mut b = [0u8; 1];
        matches!(self.r.read(&mut b), Ok(0))
    }
}

fn batch(conn: usize, req: usize, n: usize) -> String {
    let logs: Vec<_> = (0..n)
        .map(|i| json!({"level": "info", "message": format!("c{conn} r{req} e{i}")}))
        .collect();
    json!({"projectApiKey": "k", "logs": logs}).to_string()
}

/// 64 keep-alive connections open at once, each sending several requests on
/// its own socket, while idle connections (one silent, one stopped halfway
/// through its headers) sit beside them: every request is answered and the
/// counts are exact, retried idempotency keys counted once, in the readable
/// modes and in the `--count` benchmark sink alike.
#[test]
fn sixty_four_keep_alive_connections_are_all_answered() {
    const CONNS: usize = 64;
    const REQS: usize = 5;
    const PER: usize = 3;
    for mode in [&[][..], &["--count"][..]] {
        let env = Env::new();
        let serve = Serve::start(&env, mode);
        let mut idle = Conn::open(&serve.url);
        let mut half = Conn::open(&serve.url);
        half.send(b"POST /v1/logs HTTP/1.1\r\nHost: x\r\n");
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(CONNS));
        let t = std::time::Instant::now();
        let workers: Vec<_> = (0..CONNS)
            .map(|c| {
                let (url, barrier) = (serve.url.clone(), barrier.clone());
                std::thread::spawn(move || {
                    let mut conn = Conn::open(&url);
                    let mut answered = 0;
                    for r in 0..REQS {
                        let key = format!("Idempotency-Key: key-{c}-{r}\r\n");
                        let (s, b) = conn.post("/v1/logs", &batch(c, r, PER), &key);
                        assert_eq!(s, 200, "{b}");
                        assert!(b.contains(&format!("\"count\":{PER}")), "{b}");
                        answered += 1;
                        if r == 0 {
                            // Every connection is open and answered before any goes on.
                            barrier.wait();
                        }
                    }
                    // A retry of an accepted batch is acknowledged, not counted again.
                    let key = format!("Idempotency-Key: key-{c}-0\r\n");
                    let (s, b) = conn.post("/v1/logs", &batch(c, 0, PER), &key);
                    assert_eq!(s, 200);
                    assert!(b.contains("\"duplicate\":true"), "{b}");
                    answered
                })
            })
            .collect();
        let answered: usize = workers.into_iter().map(|w| w.join().unwrap()).sum();
        assert_eq!(answered, CONNS * REQS);
        assert!(
            t.elapsed() < Duration::from_secs(30),
            "took {:?}",
            t.elapsed()
        );
        // The idle connections were not starved either: each is still served.
        let (s, _) = idle.post("/v1/logs", &batch(99, 0, 1), "");
        assert_eq!(s, 200);
        half.send(b"Content-Length: 2\r\n\r\n{}");
        let (s, _, b) = half.read();
        assert_eq!(s, 400, "{b}");
        let want = CONNS * REQS * PER + 1;
        if mode.is_empty() {
            assert_eq!(
                serve.wait_entries(want, Duration::from_secs(10)).len(),
                want
            );
        }
        let (code, stderr) = serve.stop_with_stderr();
        assert_eq!(code, 0);
        assert!(
            stderr.contains(&format!("serve stopped: {want} entries in ")),
            "{mode:?}: {stderr}"
        );
    }
}

#[test]
fn chunked_bodies_and_expect_100_continue() {
    let env = Env::new();
    let serve = Serve::start(&env, &[]);
    let mut c = Conn::open(&serve.url);
    let body = batch(0, 0, 2);
    let (a, b) = body.split_at(10);
    c.send(
        format!(
            "POST /v1/logs HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n{:x};ext=1\r\n{a}\r\n{:X}\r\n{b}\r\n0\r\nX-Trailer: t\r\n\r\n",
            a.len(),
            b.len()
        )
        .as_bytes(),
    );
    let (s, h, text) = c.read();
    assert_eq!(s, 200, "{text}");
    assert!(text.contains("\"count\":2"), "{text}");
    assert!(!h.iter().any(|(k, v)| k == "connection" && v == "close"));
    // Expect: 100-continue: the interim answer comes before the body is sent.
    c.send(
        format!(
            "POST /v1/logs/single HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: {}\r\n\r\n",
            r#"{"log":{"level":"info","message":"continued"}}"#.len()
        )
        .as_bytes(),
    );
    let mut line = String::new();
    std::io::BufRead::read_line(&mut c.r, &mut line).unwrap();
    assert_eq!(line, "HTTP/1.1 100 Continue\r\n");
    std::io::BufRead::read_line(&mut c.r, &mut line).unwrap();
    c.send(br#"{"log":{"level":"info","message":"continued"}}"#);
    let (s, _, text) = c.read();
    assert_eq!(s, 200, "{text}");
    // Connection: close is honoured.
    let (s, _) = c.post("/v1/logs", &batch(2, 0, 1), "Connection: close\r\n");
    assert_eq!(s, 200);
    assert!(c.closed_within(Duration::from_secs(2)));
    let got = serve.wait_entries(4, Duration::from_secs(5));
    assert_eq!(got.len(), 4, "{got:?}");
    assert_eq!(got[2]["message"], "continued");
}

#[test]
fn idle_connections_are_closed_after_the_idle_timeout() {
    let env = Env::new();
    let serve = Serve::start(&env, &["--idle-timeout", "1"]);
    let mut idle = Conn::open(&serve.url);
    let (s, _) = idle.post("/v1/logs", &batch(0, 0, 1), "");
    assert_eq!(s, 200);
    let t = std::time::Instant::now();
    // A connection that keeps sending is never cut, however long it lives.
    let busy = std::thread::spawn({
        let url = serve.url.clone();
        move || {
            let mut busy = Conn::open(&url);
            for r in 0..8 {
                let (s, _) = busy.post("/v1/logs", &batch(1, r, 1), "");
                assert_eq!(s, 200);
                std::thread::sleep(Duration::from_millis(300));
            }
        }
    });
    assert!(
        idle.closed_within(Duration::from_secs(5)),
        "idle connection kept open"
    );
    assert!(
        t.elapsed() >= Duration::from_millis(500),
        "{:?}",
        t.elapsed()
    );
    busy.join().unwrap();
    assert_eq!(serve.wait_entries(9, Duration::from_secs(5)).len(), 9);
}

/// Issue 15: a client stuck in a chunked body (or any other state) does not
/// keep serve up after SIGTERM or SIGINT.
#[test]
fn stops_within_a_second_of_a_signal_whatever_clients_do() {
    for sig in ["TERM", "INT"] {
        let env = Env::new();
        let mut serve = Serve::start(&env, &[]);
        let mut ok = Conn::open(&serve.url);
        let (s, _) = ok.post("/v1/logs", &batch(0, 0, 2), "");
        assert_eq!(s, 200);
        let mut stuck = Conn::open(&serve.url);
        stuck.send(b"POST /v1/logs HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n100\r\n{\"logs\":[");
        let mut short = Conn::open(&serve.url);
        short.send(b"POST /v1/logs HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{");
        let _silent = Conn::open(&serve.url);
        std::thread::sleep(Duration::from_millis(200));
        let child = &mut serve.child;
        let t = std::time::Instant::now();
        crate::support::signal(child.id(), sig);
        let status = loop {
            if let Some(st) = child.try_wait().unwrap() {
                break st;
            }
            if t.elapsed() > Duration::from_secs(5) {
                let _ = child.kill();
                panic!("serve still running 5 s after SIG{sig}");
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        assert!(
            t.elapsed() < Duration::from_secs(1),
            "SIG{sig}: stopped after {:?}",
            t.elapsed()
        );
        assert_eq!(status.code(), Some(0));
    }
}

/// Run `auralog serve` in its readable view, POST each body to /v1/logs,
/// stop it, and return stdout and stderr.
fn readable_run(extra: &[&str], bodies: &[&str]) -> (String, String) {
    let env = Env::new();
    let mut cmd = env.cmd();
    cmd.args(["serve", "--listen", "127.0.0.1:0"])
        .args(extra)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    use std::io::{BufRead, Read};
    let mut err = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    err.read_line(&mut first).unwrap();
    let url = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap()
        .to_string();
    for b in bodies {
        post(&url, "/v1/logs", b, &[]);
    }
    std::thread::sleep(Duration::from_millis(200));
    crate::support::signal(child.id(), "TERM");
    let mut rest = String::new();
    err.read_to_string(&mut rest).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    (String::from_utf8(out.stdout).unwrap(), first + &rest)
}

#[test]
fn readable_output_escapes_bidi_and_format_characters() {
    let body = json!({"logs": [{"level": "info",
        "message": "invoice\u{202e}fdp.exe zero\u{200b}width sep\u{2028}line\u{2029}par bom\u{feff} tag\u{e0041}",
        "metadata": {"k\u{2066}": "v\u{200f}"}}]})
    .to_string();
    let (out, _) = readable_run(&[], &[&body]);
    for c in [
        '\u{202e}',
        '\u{200b}',
        '\u{2028}',
        '\u{2029}',
        '\u{feff}',
        '\u{e0041}',
        '\u{2066}',
        '\u{200f}',
    ] {
        assert!(
            !out.contains(c),
            "U+{:04X} reached the terminal: {out:?}",
            c as u32
        );
    }
    assert!(out.contains("invoice\\u{202e}fdp.exe"), "{out}");
    assert!(out.contains("sep\\u{2028}line\\u{2029}par"), "{out}");
    assert!(out.contains("k\\u{2066}=v\\u{200f}"), "{out}");
    assert_eq!(out.lines().count(), 1, "{out}");
}

/// Issue 18: the readable view shows stack traces indented under their
/// entry, the date when it is not today, times with an offset right, trace
/// ids whole with --full-ids, and the counts in the right number.
#[test]
fn readable_view_shows_stack_traces_dates_and_whole_ids() {
    let now = humantime::format_rfc3339_millis(std::time::SystemTime::now()).to_string();
    let body = json!({"logs": [
        {"level": "error", "message": "boom", "timestamp": "2020-01-02T03:04:05.678901Z",
         "traceId": "0123456789abcdef-trace",
         "stackTrace": "Traceback (most recent call last):\n  File \"x.py\", line 1\n\tinner\u{1b}[2J\nValueError: boom"},
        {"level": "info", "message": "offset", "timestamp": "2020-01-02T07:55:00.1+00:00"},
        {"level": "info", "message": "today", "timestamp": now},
    ]})
    .to_string();
    let (out, err) = readable_run(&[], &[&body]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 7, "{out}");
    assert!(
        lines[0].starts_with("2020-01-02 03:04:05.678 ERROR boom"),
        "{out}"
    );
    assert!(!out.contains("[stack trace]"), "{out}");
    assert_eq!(lines[1], "    Traceback (most recent call last):");
    assert_eq!(lines[2], "      File \"x.py\", line 1");
    assert_eq!(lines[3], "        inner\\u{1b}[2J");
    assert_eq!(lines[4], "    ValueError: boom");
    assert!(
        lines[0].contains("trace=01234567") && !lines[0].contains("trace=012345678"),
        "{out}"
    );
    assert!(
        lines[5].starts_with("2020-01-02 07:55:00.100 INFO  offset"),
        "{out}"
    );
    assert!(
        lines[6].starts_with(&format!("{} INFO  today", &now[11..23])),
        "{out}"
    );
    assert!(
        err.contains("serve stopped: 3 entries in 1 request,"),
        "{err}"
    );

    let one =
        json!({"logs": [{"level": "info", "message": "m", "traceId": "0123456789abcdef-trace"}]})
            .to_string();
    let (out, err) = readable_run(&["--full-ids"], &[&one]);
    assert!(out.contains("trace=0123456789abcdef-trace"), "{out}");
    assert!(
        err.contains("serve stopped: 1 entry in 1 request,"),
        "{err}"
    );
    let (out, _) = readable_run(&["--verbose"], &[&one]);
    assert!(out.contains("trace=0123456789abcdef-trace"), "{out}");
}

/// Issue 18: every refused request gets one line on stderr with its status
/// and reason; a wrong key is shown redacted, the demanded key never.
#[test]
fn refused_requests_are_reported_one_line_each() {
    let env = Env::new();
    let want = "aura_right_key_1234";
    let serve = Serve::start(&env, &["--api-key", want]);
    let (s, _) = post(&serve.url, "/v1/logs", "{not json", &[]);
    assert_eq!(s, 400);
    let bad_level =
        format!(r#"{{"projectApiKey":"{want}","logs":[{{"level":"loud","message":"x"}}]}}"#);
    let (s, _) = post(&serve.url, "/v1/logs", &bad_level, &[]);
    assert_eq!(s, 400);
    let (s, b) = post(
        &serve.url,
        "/v1/logs",
        r#"{"projectApiKey":"aura_wrong_key_9999","logs":[]}"#,
        &[],
    );
    assert_eq!(s, 401);
    assert!(!b.contains("aura_wrong_key_9999"), "{b}");
    let ok = format!(r#"{{"projectApiKey":"{want}","logs":[{{"level":"info","message":"x"}}]}}"#);
    assert_eq!(post(&serve.url, "/v1/logs", &ok, &[]).0, 200);
    serve.wait_entries(1, Duration::from_secs(5));
    let (_, stderr) = serve.stop_with_stderr();
    let refused: Vec<&str> = stderr.lines().filter(|l| l.contains("refused")).collect();
    assert_eq!(refused.len(), 3, "{stderr}");
    assert!(
        refused[0].contains("refused POST /v1/logs: 400 the body is not valid JSON"),
        "{stderr}"
    );
    assert!(refused[1].contains("400 logs[0].level"), "{stderr}");
    assert!(
        refused[2].contains("401 invalid API key (got aura_****9999)"),
        "{stderr}"
    );
    assert!(!stderr.contains("aura_wrong_key_9999"), "{stderr}");
    assert!(!stderr.contains(want), "{stderr}");
}

/// PROTOCOL.md: a `traceId` in an entry's metadata is the entry's trace id,
/// and is removed from the metadata (the Rust SDK sends it there).
#[test]
fn trace_id_in_metadata_overrides_the_entry_trace_id() {
    let env = Env::new();
    let serve = Serve::start(&env, &[]);
    let body = json!({"logs": [
        {"level": "info", "message": "a", "traceId": "session", "metadata": {"traceId": "meta-1", "k": "v"}},
        {"level": "info", "message": "b", "traceId": "session", "metadata": {"traceId": "meta-2"}},
        {"level": "info", "message": "c", "traceId": "session", "metadata": {"k": 1}},
    ]})
    .to_string();
    assert_eq!(post(&serve.url, "/v1/logs", &body, &[]).0, 200);
    let single =
        json!({"log": {"level": "error", "message": "d", "metadata": {"traceId": "meta-3"}}})
            .to_string();
    assert_eq!(post(&serve.url, "/v1/logs/single", &single, &[]).0, 200);
    let got = serve.wait_entries(4, Duration::from_secs(5));
    assert_eq!(got.len(), 4);
    assert_eq!(got[0]["traceId"], "meta-1");
    assert_eq!(got[0]["metadata"], json!({"k": "v"}));
    assert_eq!(got[1]["traceId"], "meta-2");
    assert!(got[1].get("metadata").is_none(), "{}", got[1]);
    assert_eq!(got[2]["traceId"], "session");
    assert_eq!(got[2]["metadata"], json!({"k": 1}));
    assert_eq!(got[3]["traceId"], "meta-3");
    assert!(got[3].get("metadata").is_none(), "{}", got[3]);
}

/// A HEAD answer has no body, so the next answer on the same keep-alive
/// connection is read right.
#[test]
fn head_request_then_post_on_one_connection() {
    use std::io::BufRead;
    let env = Env::new();
    let serve = Serve::start(&env, &[]);
    let mut c = Conn::open(&serve.url);
    c.send(b"HEAD /health HTTP/1.1\r\nHost: x\r\n\r\n");
    let mut head = String::new();
    loop {
        let mut l = String::new();
        c.r.read_line(&mut l).unwrap();
        head.push_str(&l);
        if l == "\r\n" {
            break;
        }
    }
    assert!(head.starts_with("HTTP/1.1 200 "), "{head}");
    let (s, b) = c.post("/v1/logs", &batch(0, 0, 1), "");
    assert_eq!(s, 200, "{b}");
    assert_eq!(serve.wait_entries(1, Duration::from_secs(5)).len(), 1);
}
