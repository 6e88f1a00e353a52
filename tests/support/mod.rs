//! Test support: an isolated `auralog` command (its own HOME, config and
//! state directories, no AURALOG_* from the outside), a scriptable HTTP
//! receiver on 127.0.0.1, and a running `auralog serve`. And the one way a
//! test skips for a missing tool or data set: [`skip`], which fails instead
//! under AURALOG_TEST_REQUIRE_ALL=1 (set by scripts/test when CI=true).

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

/// The binary under test.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_auralog"))
}

/// Every variable auralog's CI detection, export and summary read, plus the
/// token variables CI runners set.
pub fn ci_vars() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = auralog::ci::Provider::ALL
        .iter()
        .flat_map(|p| p.allowed_vars().iter().copied())
        .collect();
    v.extend([
        "CI",
        "GITHUB_ENV",
        "BASH_ENV",
        "GITHUB_STEP_SUMMARY",
        "GITHUB_TOKEN",
        "CI_JOB_TOKEN",
        "BUILDKITE_AGENT_ACCESS_TOKEN",
        "SYSTEM_ACCESSTOKEN",
    ]);
    v
}

/// An isolated home for one test: config and state live in a temp dir.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Default for Env {
    fn default() -> Self {
        Self::new()
    }
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    pub fn config_dir(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    pub fn state_dir(&self) -> PathBuf {
        self.dir.path().join("state")
    }

    /// Where auralog reads its config file by default in this env.
    pub fn config_path(&self) -> PathBuf {
        self.config_dir().join("auralog").join("config.toml")
    }

    pub fn write_config(&self, text: &str) -> PathBuf {
        let p = self.config_path();
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        p
    }

    /// A file in this env's temp dir.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `auralog ARGS...` with a clean environment pointing into this env.
    pub fn cmd(&self) -> Command {
        let mut c = Command::new(bin());
        for (k, _) in std::env::vars_os() {
            let k = k.to_string_lossy().to_string();
            // Proxies too: loopback is not exempt from them in ureq.
            let proxy = k.to_ascii_lowercase().ends_with("_proxy");
            if k.starts_with("AURALOG_")
                || k.starts_with("OTEL_")
                || k == "TRACEPARENT"
                || k == "NO_COLOR"
                || proxy
            {
                c.env_remove(&k);
            }
        }
        // Tests run inside CI too: no provider's variables leak in, so
        // metadata.ci is absent unless a test sets them (tests/ci.rs).
        for name in ci_vars() {
            c.env_remove(name);
        }
        std::fs::create_dir_all(self.home()).unwrap();
        c.env("HOME", self.home())
            .env("XDG_CONFIG_HOME", self.config_dir())
            .env("XDG_STATE_HOME", self.state_dir())
            .env("NO_COLOR", "1")
            // Keep failing tests fast: a dead endpoint gives up quickly.
            .env("AURALOG_RETRY_BUDGET", "2")
            .env("AURALOG_TIMEOUT", "5")
            .stdin(Stdio::null());
        c
    }

    /// Run `auralog` with these args (and optional stdin), wait at most 60 s.
    pub fn run(&self, args: &[&str]) -> Out {
        run_cmd(self.cmd().args(args), None)
    }

    pub fn run_stdin(&self, args: &[&str], stdin: &[u8]) -> Out {
        run_cmd(self.cmd().args(args), Some(stdin))
    }
}

/// What a finished process did.
#[derive(Debug)]
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

impl Out {
    /// Panic with the whole output unless the exit code is `code`.
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "expected exit {code}, got {}\nstdout:\n{}\nstderr:\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }

    /// Panic with the whole stderr unless it contains `needle`.
    #[track_caller]
    pub fn expect_stderr(&self, needle: &str) -> &Self {
        assert!(self.stderr.contains(needle), "{}", self.stderr);
        self
    }

    /// The stdout lines parsed as JSON.
    pub fn json_lines(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
            .collect()
    }
}

/// The API key the tests give auralog (a well-formed one).
pub const KEY: &str = "aura_test_0123456789abcdef";

/// Run `auralog ingest ARGS` in the test's directory against `url`, with
/// the key and `vars` in its environment.
pub fn ingest_to(env: &Env, url: &str, vars: &[(&str, &str)], args: &[&str]) -> Out {
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", url)
        .env("AURALOG_API_KEY", KEY)
        .envs(vars.iter().copied())
        .current_dir(env.dir.path())
        .arg("ingest")
        .args(args);
    run_cmd(&mut cmd, None)
}

/// Write `data` to the file `name` in the test's directory.
pub fn write(env: &Env, name: &str, data: &[u8]) -> PathBuf {
    let p = env.path(name);
    std::fs::write(&p, data).unwrap();
    p
}

/// `N records shipped, R rejected, S spooled` from ingest's summary line
/// of `file`.
pub fn summary_counts(stderr: &str, file: &str) -> (u64, u64, u64) {
    let line = stderr
        .lines()
        .find(|l| l.starts_with(&format!("auralog: {file}: ")) && l.contains(" shipped, "))
        .unwrap_or_else(|| panic!("no summary for {file}: {stderr}"));
    let num = |after: &str| -> u64 {
        let at = line
            .find(after)
            .unwrap_or_else(|| panic!("{after} in {line}"));
        line[..at]
            .rsplit(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap_or_else(|_| panic!("{line}"))
    };
    (num(" record"), num(" rejected"), num(" spooled"))
}

/// Run a command to completion, feeding stdin, with a 60 s safety limit.
pub fn run_cmd(cmd: &mut Command, stdin: Option<&[u8]>) -> Out {
    let start = Instant::now();
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    if stdin.is_some() {
        cmd.stdin(Stdio::piped());
    }
    let mut child = cmd.spawn().expect("spawn auralog");
    if let Some(data) = stdin {
        let mut si = child.stdin.take().unwrap();
        let data = data.to_vec();
        std::thread::spawn(move || {
            let _ = si.write_all(&data);
        });
    }
    let pid = child.id();
    let done = Arc::new(AtomicBool::new(false));
    let d2 = done.clone();
    std::thread::spawn(move || {
        let until = Instant::now() + Duration::from_secs(60);
        while Instant::now() < until {
            if d2.load(Ordering::Relaxed) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = Command::new("kill")
            .arg("-KILL")
            .arg(pid.to_string())
            .status();
    });
    let output: Output = child.wait_with_output().expect("wait auralog");
    done.store(true, Ordering::Relaxed);
    Out {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        elapsed: start.elapsed(),
    }
}

/// Send a signal to a process by pid.
pub fn signal(pid: u32, sig: &str) {
    let _ = Command::new("kill")
        .arg(format!("-{sig}"))
        .arg(pid.to_string())
        .status();
}

/// One scripted answer of the [`Receiver`].
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub delay: Duration,
    /// Close the connection without answering.
    pub drop: bool,
}

impl Reply {
    pub fn ok() -> Reply {
        Reply::status(200).body(r#"{"success":true}"#)
    }

    pub fn status(status: u16) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: String::new(),
            delay: Duration::ZERO,
            drop: false,
        }
    }

    pub fn header(mut self, k: &str, v: &str) -> Reply {
        self.headers.push((k.into(), v.into()));
        self
    }

    pub fn body(mut self, b: &str) -> Reply {
        self.body = b.into();
        self
    }

    pub fn delay(mut self, d: Duration) -> Reply {
        self.delay = d;
        self
    }

    pub fn drop_connection() -> Reply {
        Reply {
            drop: true,
            ..Reply::status(0)
        }
    }
}

/// A request the [`Receiver`] got.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// Path with query string.
    pub path: String,
    pub headers: Vec<(String, String)>,
    /// The body, gunzipped when Content-Encoding was gzip.
    pub body: Vec<u8>,
    /// Bytes as received on the wire.
    pub wire_len: usize,
    pub at: Instant,
    /// Which connection it came on (numbered from 0 as accepted).
    pub conn: usize,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "body is not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    /// The entries this request carried (`logs` array or the single `log`).
    pub fn entries(&self) -> Vec<Value> {
        let v = self.json();
        if let Some(l) = v.get("logs").and_then(|l| l.as_array()) {
            l.clone()
        } else if let Some(e) = v.get("log") {
            vec![e.clone()]
        } else {
            Vec::new()
        }
    }
}

/// A scriptable HTTP/1.1 receiver on 127.0.0.1: answers requests with the
/// scripted replies in order (the last one repeats) and records them. It
/// fails the test if it was never called, unless told that is expected, and
/// if a request handler panicked (a panic in its thread is otherwise lost).
pub struct Receiver {
    pub addr: std::net::SocketAddr,
    requests: Arc<Mutex<Vec<Request>>>,
    stop: Arc<AtomicBool>,
    expect_calls: bool,
    panics: Arc<Mutex<Vec<String>>>,
    conc: Arc<Concurrency>,
}

/// Run `f`, recording its panic message in `panics` instead of losing it
/// with the thread.
fn recording_panics(panics: &Mutex<Vec<String>>, f: impl FnOnce()) {
    if let Err(p) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        let msg = p
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "(no message)".into());
        panics.lock().unwrap_or_else(|e| e.into_inner()).push(msg);
    }
}

/// Requests being answered right now, the most at once, a switch that
/// holds answers back, and every connection (to cut them when killed).
#[derive(Default)]
pub struct Concurrency {
    open: AtomicUsize,
    peak: AtomicUsize,
    hold: AtomicBool,
    conns: Mutex<Vec<TcpStream>>,
}

impl Receiver {
    pub fn start(script: Vec<Reply>) -> Receiver {
        Receiver::start_on(0, script)
    }

    /// Like [`Receiver::start`], on this port (0: any).
    pub fn start_on(port: u16, script: Vec<Reply>) -> Receiver {
        assert!(!script.is_empty());
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("bind receiver");
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let counter = Arc::new(AtomicUsize::new(0));
        let script = Arc::new(script);
        let panics = Arc::new(Mutex::new(Vec::new()));
        let conc = Arc::new(Concurrency::default());
        let (r2, s2, p2, k2) = (requests.clone(), stop.clone(), panics.clone(), conc.clone());
        std::thread::spawn(move || {
            recording_panics(&p2.clone(), || {
                let mut accepted = 0;
                while !s2.load(Ordering::Relaxed) {
                    match listener.accept() {
                        Ok((stream, _)) => {
                            let conn = accepted;
                            accepted += 1;
                            if let Ok(c) = stream.try_clone() {
                                k2.conns.lock().unwrap().push(c);
                            }
                            // Closes the connection when its handler ends,
                            // even by a panic (the clone kept for `kill`
                            // would otherwise hold it open).
                            let closer = stream.try_clone().ok();
                            let (r, s, c, sc, p, k) = (
                                r2.clone(),
                                s2.clone(),
                                counter.clone(),
                                script.clone(),
                                p2.clone(),
                                k2.clone(),
                            );
                            std::thread::spawn(move || {
                                recording_panics(&p, || serve_conn(stream, conn, r, s, c, sc, k));
                                if let Some(c) = closer {
                                    let _ = c.shutdown(Shutdown::Both);
                                }
                            });
                        }
                        Err(_) => std::thread::sleep(Duration::from_millis(5)),
                    }
                }
            });
        });
        Receiver {
            addr,
            requests,
            stop,
            expect_calls: true,
            panics,
            conc,
        }
    }

    /// The most requests that were being answered at once.
    pub fn peak_concurrent(&self) -> usize {
        self.conc.peak.load(Ordering::SeqCst)
    }

    /// Requests being answered now.
    pub fn open_requests(&self) -> usize {
        self.conc.open.load(Ordering::SeqCst)
    }

    /// Hold every answer back (requests are recorded) until [`release`].
    pub fn hold(&self) {
        self.conc.hold.store(true, Ordering::SeqCst);
    }

    pub fn release(&self) {
        self.conc.hold.store(false, Ordering::SeqCst);
    }

    /// Stop listening and cut every connection (answers not given).
    pub fn kill(&self) {
        self.stop.store(true, Ordering::SeqCst);
        for c in self.conc.conns.lock().unwrap().drain(..) {
            let _ = c.shutdown(Shutdown::Both);
        }
    }

    /// A receiver that answers 200 to everything.
    pub fn ok() -> Receiver {
        Receiver::start(vec![Reply::ok()])
    }

    /// Do not fail the test if this receiver is never called.
    pub fn allow_uncalled(mut self) -> Receiver {
        self.expect_calls = false;
        self
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }

    /// Every entry received, in order, across requests.
    pub fn entries(&self) -> Vec<Value> {
        self.requests().iter().flat_map(|r| r.entries()).collect()
    }

    /// Wait until at least `n` entries arrived (or `timeout`), return them.
    pub fn wait_entries(&self, n: usize, timeout: Duration) -> Vec<Value> {
        let until = Instant::now() + timeout;
        loop {
            let e = self.entries();
            if e.len() >= n || Instant::now() > until {
                return e;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if std::thread::panicking() {
            return;
        }
        let panics = self
            .panics
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        assert!(
            panics.is_empty(),
            "a request handler of the test receiver on {} panicked: {}",
            self.addr,
            panics.join("; ")
        );
        if self.expect_calls {
            assert!(
                !self.requests.lock().unwrap().is_empty(),
                "the test receiver on {} was never called",
                self.addr
            );
        }
    }
}

fn serve_conn(
    stream: TcpStream,
    conn: usize,
    requests: Arc<Mutex<Vec<Request>>>,
    stop: Arc<AtomicBool>,
    counter: Arc<AtomicUsize>,
    script: Arc<Vec<Reply>>,
    conc: Arc<Concurrency>,
) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut writer = stream;
    loop {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let mut parts = line.split_whitespace();
        let method = parts.next().unwrap_or("").to_string();
        let path = parts.next().unwrap_or("").to_string();
        let mut headers = Vec::new();
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).unwrap_or(0) == 0 {
                return;
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                headers.push((k.trim().to_string(), v.trim().to_string()));
            }
        }
        let get = |n: &str| {
            headers
                .iter()
                .find(|(k, _): &&(String, String)| k.eq_ignore_ascii_case(n))
                .map(|(_, v)| v.clone())
        };
        let mut body = Vec::new();
        if get("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
            loop {
                let mut size = String::new();
                reader.read_line(&mut size).unwrap_or(0);
                let n = usize::from_str_radix(size.trim().split(';').next().unwrap_or("0"), 16)
                    .unwrap_or(0);
                let mut chunk = vec![0; n + 2];
                if reader.read_exact(&mut chunk).is_err() {
                    return;
                }
                if n == 0 {
                    break;
                }
                body.extend_from_slice(&chunk[..n]);
            }
        } else if let Some(n) = get("content-length").and_then(|v| v.parse::<usize>().ok()) {
            body.resize(n, 0);
            if reader.read_exact(&mut body).is_err() {
                return;
            }
        }
        let wire_len = body.len();
        if get("content-encoding").is_some_and(|v| v.eq_ignore_ascii_case("gzip")) {
            let mut plain = Vec::new();
            flate2::read::GzDecoder::new(&body[..])
                .read_to_end(&mut plain)
                .expect("gzip body");
            body = plain;
        }
        requests.lock().unwrap().push(Request {
            method,
            path,
            headers,
            body,
            wire_len,
            at: Instant::now(),
            conn,
        });
        let now_open = conc.open.fetch_add(1, Ordering::SeqCst) + 1;
        conc.peak.fetch_max(now_open, Ordering::SeqCst);
        let i = counter.fetch_add(1, Ordering::SeqCst);
        let reply = script[i.min(script.len() - 1)].clone();
        let until = Instant::now() + reply.delay;
        while (Instant::now() < until || conc.hold.load(Ordering::SeqCst))
            && !stop.load(Ordering::Relaxed)
        {
            std::thread::sleep(
                Duration::from_millis(5).min(reply.delay.max(Duration::from_millis(1))),
            );
        }
        conc.open.fetch_sub(1, Ordering::SeqCst);
        if stop.load(Ordering::Relaxed) {
            return;
        }
        if reply.drop {
            let _ = writer.shutdown(Shutdown::Both);
            return;
        }
        let mut resp = format!(
            "HTTP/1.1 {} X\r\nContent-Length: {}\r\nContent-Type: application/json\r\n",
            reply.status,
            reply.body.len()
        );
        for (k, v) in &reply.headers {
            resp.push_str(&format!("{k}: {v}\r\n"));
        }
        resp.push_str("\r\n");
        resp.push_str(&reply.body);
        if writer.write_all(resp.as_bytes()).is_err() {
            return;
        }
    }
}

/// A running `auralog serve --json --listen 127.0.0.1:0`, its stdout lines
/// collected. Killed when dropped.
pub struct Serve {
    pub child: Child,
    pub url: String,
    lines: Arc<Mutex<Vec<String>>>,
    stderr: Arc<Mutex<Vec<String>>>,
}

impl Serve {
    pub fn start(env: &Env, extra: &[&str]) -> Serve {
        let mut cmd = env.cmd();
        cmd.args(["serve", "--json", "--listen", "127.0.0.1:0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("spawn auralog serve");
        let mut err = BufReader::new(child.stderr.take().unwrap());
        let mut first = String::new();
        err.read_line(&mut first).expect("serve prints its address");
        let url = first
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in: {first}"))
            .to_string();
        let stderr = Arc::new(Mutex::new(vec![first.clone()]));
        let s2 = stderr.clone();
        std::thread::spawn(move || {
            for l in err.lines().map_while(Result::ok) {
                s2.lock().unwrap().push(l);
            }
        });
        let lines = Arc::new(Mutex::new(Vec::new()));
        let l2 = lines.clone();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for l in BufReader::new(out).lines().map_while(Result::ok) {
                l2.lock().unwrap().push(l);
            }
        });
        Serve {
            child,
            url,
            lines,
            stderr,
        }
    }

    /// The `{"path":..., "entry":...}` lines printed so far.
    pub fn received(&self) -> Vec<Value> {
        self.lines
            .lock()
            .unwrap()
            .iter()
            .map(|l| {
                serde_json::from_str(l)
                    .unwrap_or_else(|e| panic!("serve printed non-JSON {l}: {e}"))
            })
            .collect()
    }

    /// Just the entries.
    pub fn entries(&self) -> Vec<Value> {
        self.received()
            .into_iter()
            .map(|v| v["entry"].clone())
            .collect()
    }

    pub fn wait_entries(&self, n: usize, timeout: Duration) -> Vec<Value> {
        let until = Instant::now() + timeout;
        loop {
            let e = self.entries();
            if e.len() >= n || Instant::now() > until {
                return e;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().join("\n")
    }

    /// SIGTERM, then wait; returns the exit code and everything on stderr.
    pub fn stop_with_stderr(self) -> (i32, String) {
        let stderr = self.stderr.clone();
        let code = self.stop();
        // The reader thread sees EOF once the process is gone.
        std::thread::sleep(Duration::from_millis(100));
        let text = stderr.lock().unwrap().join("\n");
        (code, text)
    }

    /// SIGTERM, then wait; returns the exit code.
    pub fn stop(mut self) -> i32 {
        signal(self.child.id(), "TERM");
        let until = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(Some(st)) = self.child.try_wait() {
                return st.code().unwrap_or(-1);
            }
            if Instant::now() > until {
                let _ = self.child.kill();
                panic!("auralog serve did not stop on SIGTERM");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A 127.0.0.1 URL where nothing listens (connections are refused).
pub fn dead_url() -> String {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    drop(l);
    format!("http://{addr}")
}

/// Set to 1 to turn every skipped test group into a failure (CI sets it, so
/// CI cannot be green with the shells, script(1), the corpora or the Python
/// SDK missing).
pub const REQUIRE_ALL: &str = "AURALOG_TEST_REQUIRE_ALL";

/// Whether skipping is forbidden in this run.
pub fn require_all() -> bool {
    std::env::var(REQUIRE_ALL).is_ok_and(|v| !v.is_empty() && v != "0")
}

/// The one way a test skips: say why on stderr and let the caller return;
/// under AURALOG_TEST_REQUIRE_ALL=1 fail the test instead.
pub fn skip(why: &str) {
    assert!(
        !require_all(),
        "{why}; {REQUIRE_ALL}=1 forbids skipping (install it, or unset {REQUIRE_ALL})"
    );
    eprintln!("SKIPPED: {why}");
}

/// Whether `tool` is on PATH.
pub fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// `tool` is on PATH; if not, [`skip`] with `why` and return false.
pub fn need(tool: &str, why: &str) -> bool {
    if have(tool) {
        return true;
    }
    skip(&format!("{tool} is not installed: {why}"));
    false
}

/// The shared corpora folder, if present (`../shared/corpora`); else [`skip`].
pub fn corpora() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    if p.is_dir() {
        Some(p)
    } else {
        skip("../shared/corpora is absent: the corpora tests did not run");
        None
    }
}

#[test]
fn receiver_fails_the_test_when_a_handler_panicked() {
    let r = Receiver::ok();
    // A body that claims gzip but is not: the handler's gunzip panics.
    let mut s = TcpStream::connect(r.addr).unwrap();
    s.write_all(
        b"POST /v1/logs HTTP/1.1\r\nContent-Encoding: gzip\r\nContent-Length: 3\r\n\r\nabc",
    )
    .unwrap();
    let _ = s.read_to_end(&mut Vec::new());
    let until = Instant::now() + Duration::from_secs(10);
    while r.panics.lock().unwrap().is_empty() && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(10));
    }
    let dropped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(r)));
    let msg = dropped.expect_err("dropping the receiver must fail the test");
    let msg = msg.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(msg.contains("panicked: gzip body"), "{msg}");
}
