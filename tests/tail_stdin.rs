//! `auralog tail-stdin` against real receivers: every line arrives, in
//! order and byte-exact; the echo is exact; idle input is flushed; signals
//! flush; a closed stdout does not stop delivery; multi-line folding; level
//! detection; cut lines; JSON lines.

use std::io::{Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::support::{bin, dead_url, run_cmd, signal, Env, Receiver};

/// A running `auralog tail-stdin` with its stdin open and its stdout and
/// stderr collected as raw bytes. Killed if still running when dropped.
struct Tail {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: Arc<Mutex<Vec<u8>>>,
    stderr: Arc<Mutex<Vec<u8>>>,
    readers: Vec<JoinHandle<()>>,
}

fn collect(mut r: impl Read + Send + 'static, into: Arc<Mutex<Vec<u8>>>) -> JoinHandle<()> {
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 65536];
        while let Ok(n) = r.read(&mut buf) {
            if n == 0 {
                break;
            }
            into.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    })
}

impl Tail {
    fn start(env: &Env, endpoint: &str, args: &[&str]) -> Tail {
        let mut cmd = env.cmd();
        // These tests check the order of entries across batches, which only
        // one request in flight keeps (batches may arrive out of order: see
        // README); tests/delivery.rs covers requests in flight.
        cmd.env("AURALOG_ENDPOINT", endpoint)
            .env("AURALOG_CONCURRENCY", "1")
            .arg("tail-stdin")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("spawn auralog tail-stdin");
        let stdin = child.stdin.take();
        let stdout = Arc::new(Mutex::new(Vec::new()));
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let readers = vec![
            collect(child.stdout.take().unwrap(), stdout.clone()),
            collect(child.stderr.take().unwrap(), stderr.clone()),
        ];
        Tail {
            child,
            stdin,
            stdout,
            stderr,
            readers,
        }
    }

    fn write(&mut self, data: &[u8]) {
        let si = self.stdin.as_mut().expect("stdin open");
        si.write_all(data).expect("write to tail-stdin");
        si.flush().unwrap();
    }

    fn stdout(&self) -> Vec<u8> {
        self.stdout.lock().unwrap().clone()
    }

    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.stderr.lock().unwrap()).into_owned()
    }

    /// Wait until stdout holds `n` bytes (the echo shows the input was read).
    fn wait_echo(&self, n: usize) {
        let until = Instant::now() + Duration::from_secs(20);
        while self.stdout.lock().unwrap().len() < n {
            assert!(Instant::now() < until, "no echo of the input");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// Close stdin (unless closed) and wait for the exit code (at most 30 s).
    fn finish(&mut self) -> i32 {
        let st = self.finish_status();
        st.code()
            .unwrap_or_else(|| panic!("tail-stdin ended by {st}; stderr:\n{}", self.stderr()))
    }

    /// Close stdin and wait: how the process ended (a code, or a signal).
    fn finish_status(&mut self) -> std::process::ExitStatus {
        self.stdin.take();
        let until = Instant::now() + Duration::from_secs(30);
        let status = loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                break st;
            }
            if Instant::now() > until {
                let _ = self.child.kill();
                panic!("tail-stdin did not exit; stderr:\n{}", self.stderr());
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        for r in self.readers.drain(..) {
            let _ = r.join();
        }
        status
    }
}

impl Drop for Tail {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Run tail-stdin to the end on `input`; returns (code, stdout bytes, stderr).
fn run_bytes(env: &Env, endpoint: &str, args: &[&str], input: &[u8]) -> (i32, Vec<u8>, String) {
    let mut t = Tail::start(env, endpoint, args);
    let si = t.stdin.take().unwrap();
    let data = input.to_vec();
    let writer = std::thread::spawn(move || {
        let mut si = si;
        let _ = si.write_all(&data);
    });
    let code = t.finish();
    let _ = writer.join();
    (code, t.stdout(), t.stderr())
}

fn messages(entries: &[Value]) -> Vec<String> {
    entries
        .iter()
        .map(|e| e["message"].as_str().unwrap().to_string())
        .collect()
}

/// 100,000 varied lines: plain, empty, unicode, quotes and backslashes,
/// control characters, a `\r` before the newline, leading spaces, JSON-ish
/// text, level words.
fn varied_lines(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| match i % 10 {
            0 => format!("line {i} plain ascii text"),
            1 => String::new(),
            2 => format!("{i} ünïcödé 日本語 🎉 \"quoted\" back\\slash"),
            3 => format!("{i}\ttab\x07bell\x1b[31mcolour\x1b[0m"),
            4 => format!("{i} windows line\r"),
            5 => format!("    indented {i}"),
            6 => format!("{i} {{not json"),
            7 => format!("2026-11-22T10:00:00Z WARN {i} slow"),
            8 => format!("{i} ERROR? no: just a word"),
            _ => "x".repeat(i % 300),
        })
        .collect()
}

#[test]
fn hundred_thousand_lines_arrive_complete_in_order_and_byte_exact() {
    let env = Env::new();
    let r = Receiver::ok();
    let lines = varied_lines(100_000);
    let mut input = lines.join("\n");
    input.push('\n');
    let (code, stdout, stderr) = run_bytes(&env, &r.url(), &[], input.as_bytes());
    assert_eq!(code, 0, "stderr: {stderr}");
    assert!(stderr.is_empty(), "unexpected stderr: {stderr}");
    assert!(
        stdout == input.as_bytes(),
        "the echo differs from the input"
    );
    let got = r.entries();
    assert_eq!(got.len(), lines.len());
    let msgs = messages(&got);
    // Issue 14: the message loses ANSI codes and a leading `--timestamps`
    // time (which becomes the entry's time); otherwise it is the line.
    const PREFIX: &str = "2026-11-22T10:00:00Z ";
    let sent = |l: &str| {
        l.strip_prefix(PREFIX)
            .unwrap_or(l)
            .replace("\x1b[31m", "")
            .replace("\x1b[0m", "")
    };
    for (i, (m, l)) in msgs.iter().zip(&lines).enumerate() {
        assert_eq!(*m, sent(l), "line {}", i + 1);
    }
    // Timestamps keep the input order; a prefixed line carries its own.
    let mut ts: Vec<&str> = Vec::new();
    for (e, l) in got.iter().zip(&lines) {
        let t = e["timestamp"].as_str().unwrap();
        if l.starts_with(PREFIX) {
            assert_eq!(t, "2026-11-22T10:00:00.000000Z", "{l}");
            assert_eq!(e["level"], "warn", "{l}");
        } else {
            ts.push(t);
        }
    }
    assert!(
        ts.windows(2).all(|w| w[0] < w[1]),
        "timestamps not increasing"
    );
    // Batched: far fewer requests than lines.
    assert!(r.requests().len() < 1000, "{} requests", r.requests().len());
}

#[test]
fn echo_is_byte_exact_for_invalid_utf8_and_a_last_line_without_newline() {
    let env = Env::new();
    let r = Receiver::ok();
    // A BOM opening the input is echoed, and dropped from the entry.
    let input: &[u8] = b"\xef\xbb\xbfok\r\nbad \xff\xfe byte\n\nlast without newline";
    let (code, stdout, stderr) = run_bytes(&env, &r.url(), &[], input);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, input);
    let got = r.entries();
    assert_eq!(
        messages(&got),
        [
            "ok\r",
            "bad \u{fffd}\u{fffd} byte",
            "",
            "last without newline"
        ]
    );
    assert_eq!(got[1]["metadata"]["invalidUtf8"], true);
    assert!(got[0].get("metadata").is_none());
}

#[test]
fn no_echo_prints_nothing() {
    let env = Env::new();
    let r = Receiver::ok();
    let (code, stdout, _) = run_bytes(&env, &r.url(), &["--no-echo"], b"a\nb\n");
    assert_eq!(code, 0);
    assert!(stdout.is_empty());
    assert_eq!(messages(&r.entries()), ["a", "b"]);
}

#[test]
fn a_line_on_an_idle_stdin_arrives_within_flush_interval() {
    let env = Env::new();
    let r = Receiver::ok();
    let mut t = Tail::start(&env, &r.url(), &["--flush-interval", "0.3"]);
    t.write(b"first line\n");
    let got = r.wait_entries(1, Duration::from_secs(15));
    assert_eq!(messages(&got), ["first line"]);
    assert!(
        t.running(),
        "stdin is still open: tail-stdin must still run"
    );
    t.write(b"second line\n");
    let got = r.wait_entries(2, Duration::from_secs(15));
    assert_eq!(messages(&got), ["first line", "second line"]);
    assert!(t.running());
    assert_eq!(t.finish(), 0);
    assert_eq!(t.stdout(), b"first line\nsecond line\n");
}

#[test]
fn sigterm_flushes_what_was_read_then_ends_by_sigterm() {
    let env = Env::new();
    let r = Receiver::ok();
    // A long flush interval: only the signal can make these go out now.
    let mut t = Tail::start(&env, &r.url(), &["--flush-interval", "600"]);
    let input = b"one\ntwo\nthree\nunfinished line";
    t.write(input);
    t.wait_echo(input.len());
    assert!(r.requests().is_empty(), "nothing should be sent yet");
    signal(t.child.id(), "TERM");
    let st = t.finish_status();
    // Re-raised after flushing, so a calling shell sees the signal.
    assert_eq!(st.signal(), Some(15), "{st}; stderr: {}", t.stderr());
    assert_eq!(
        messages(&r.entries()),
        ["one", "two", "three", "unfinished line"]
    );
}

#[test]
fn sigint_flushes_then_ends_by_sigint() {
    let env = Env::new();
    let r = Receiver::ok();
    let mut t = Tail::start(
        &env,
        &r.url(),
        &["--flush-interval", "600", "--multiline", "indent"],
    );
    let input = b"head\n  pending continuation\n";
    t.write(input);
    t.wait_echo(input.len());
    signal(t.child.id(), "INT");
    let st = t.finish_status();
    assert_eq!(st.signal(), Some(2), "{st}; stderr: {}", t.stderr());
    let got = r.entries();
    assert_eq!(messages(&got), ["head"]);
    assert_eq!(got[0]["stackTrace"], "  pending continuation");
}

/// `seq 1 50000 | auralog tail-stdin REDIRECT | head -n 1` under bash;
/// returns (auralog's exit code, head's output, what the receiver got).
fn pipeline_into_head(env: &Env, redirect: &str) -> (i32, String, Vec<Value>) {
    let r = Receiver::ok();
    let script = format!(
        "seq 1 50000 | '{}' tail-stdin {redirect} | head -n 1; exit ${{PIPESTATUS[1]}}",
        bin().display(),
    );
    // bash with the isolated environment of `env.cmd()`.
    let base = env.cmd();
    let mut cmd = Command::new("bash");
    for (k, v) in base.get_envs() {
        match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        };
    }
    // Order across batches: one request in flight (see Tail::start).
    cmd.env("AURALOG_ENDPOINT", r.url())
        .env("AURALOG_CONCURRENCY", "1")
        .arg("-c")
        .arg(&script);
    let out = run_cmd(&mut cmd, None);
    (out.code, out.stdout, r.entries())
}

#[test]
fn a_closed_stdout_downstream_does_not_stop_delivery() {
    let env = Env::new();
    let err_file = env.path("stderr.txt");
    let (code, head, got) = pipeline_into_head(&env, &format!("2>'{}'", err_file.display()));
    assert_eq!(head, "1\n", "head shows the first line");
    assert_eq!(code, 0, "auralog exits 0");
    assert_eq!(got.len(), 50_000, "every line is still delivered");
    assert_eq!(got[49_999]["message"], "50000");
    let err = std::fs::read_to_string(&err_file).unwrap();
    assert_eq!(
        err.matches("stdout is closed").count(),
        1,
        "one warning: {err}"
    );
}

#[test]
fn a_closed_stderr_too_does_not_stop_delivery() {
    // `2>&1 | head`: the warning itself cannot be written.
    let env = Env::new();
    let (code, head, got) = pipeline_into_head(&env, "2>&1");
    assert_eq!(head, "1\n");
    assert_eq!(code, 0);
    assert_eq!(got.len(), 50_000, "every line is still delivered");
}

#[test]
fn multiline_indent_folds_java_and_python_traces() {
    let env = Env::new();
    let r = Receiver::ok();
    let input = "\
starting
Exception in thread \"main\" java.lang.IllegalStateException: boom
\tat com.acme.App.run(App.java:10)
\tat com.acme.App.main(App.java:3)
Caused by: java.io.IOException: disk
\t... 2 more
Traceback (most recent call last):
  File \"job.py\", line 2, in <module>
    int('x')
ValueError: invalid literal for int() with base 10: 'x'
done
";
    let (code, stdout, _) = run_bytes(&env, &r.url(), &["--multiline", "indent"], input.as_bytes());
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        input.as_bytes(),
        "the echo is line by line, unfolded"
    );
    let got = r.entries();
    assert_eq!(got.len(), 4, "{got:#?}");
    assert_eq!(got[0]["message"], "starting");
    assert_eq!(
        got[1]["message"],
        "Exception in thread \"main\" java.lang.IllegalStateException: boom"
    );
    assert_eq!(got[1]["level"], "error");
    assert_eq!(
        got[1]["stackTrace"],
        "\tat com.acme.App.run(App.java:10)\n\tat com.acme.App.main(App.java:3)\nCaused by: java.io.IOException: disk\n\t... 2 more"
    );
    assert_eq!(
        got[2]["message"],
        "ValueError: invalid literal for int() with base 10: 'x'"
    );
    assert_eq!(got[2]["level"], "error");
    assert!(got[2]["stackTrace"]
        .as_str()
        .unwrap()
        .starts_with("Traceback (most recent call last):\n  File \"job.py\""));
    assert_eq!(got[3]["message"], "done");
}

#[test]
fn multiline_start_regex_and_a_pending_record_goes_out_when_idle() {
    let env = Env::new();
    let r = Receiver::ok();
    let mut t = Tail::start(
        &env,
        &r.url(),
        &[
            "--multiline",
            r"start=^\d{4}-\d\d-\d\d ",
            "--multiline-timeout",
            "0.2",
            "--flush-interval",
            "0.2",
        ],
    );
    t.write(b"2026-11-22 10:00:00 ERROR request failed\njava.lang.RuntimeException: x\n\tat A.b(A.java:1)\n");
    // No next record starts: the idle timeout sends it while stdin stays open.
    let got = r.wait_entries(1, Duration::from_secs(15));
    assert!(t.running());
    assert_eq!(got.len(), 1);
    assert_eq!(
        got[0]["message"],
        "2026-11-22 10:00:00 ERROR request failed"
    );
    assert_eq!(got[0]["level"], "error");
    assert_eq!(
        got[0]["stackTrace"],
        "java.lang.RuntimeException: x\n\tat A.b(A.java:1)"
    );
    t.write(b"2026-11-22 10:00:01 INFO next\n");
    assert_eq!(t.finish(), 0);
    let got = r.entries();
    assert_eq!(got.len(), 2);
    assert_eq!(got[1]["message"], "2026-11-22 10:00:01 INFO next");
    assert!(got[1].get("stackTrace").is_none());
}

#[test]
fn levels_are_detected_from_each_line_unless_fixed() {
    let env = Env::new();
    let r = Receiver::ok();
    let input = "\
2026-11-22 10:00:00,123 ERROR [main] boom
npm WARN deprecated request@2.88.2
level=debug msg=x
<11>Nov 22 10:00:00 host app: failed
[warn] config
Build finished: 0 errors, 0 warnings
GET /api/errors 200
panic: runtime error
{\"level\":\"warning\",\"msg\":\"from json\"}
";
    let (code, _, _) = run_bytes(&env, &r.url(), &[], input.as_bytes());
    assert_eq!(code, 0);
    let got = r.entries();
    let levels: Vec<&str> = got.iter().map(|e| e["level"].as_str().unwrap()).collect();
    assert_eq!(
        levels,
        ["error", "warn", "debug", "error", "warn", "info", "info", "fatal", "warn"]
    );
    // error and fatal went out at once through /v1/logs/single.
    let singles = r
        .requests()
        .iter()
        .filter(|q| q.path == "/v1/logs/single")
        .count();
    assert_eq!(singles, 3);

    let r = Receiver::ok();
    run_bytes(&env, &r.url(), &["--level", "warn"], input.as_bytes());
    assert!(r.entries().iter().all(|e| e["level"] == "warn"));
}

#[test]
fn long_lines_are_cut_and_recorded_but_echoed_whole() {
    let env = Env::new();
    let r = Receiver::ok();
    let long = "y".repeat(5000);
    let input = format!("short\n{long}\nafter\n");
    let (code, stdout, _) = run_bytes(
        &env,
        &r.url(),
        &["--max-line-bytes", "1KiB"],
        input.as_bytes(),
    );
    assert_eq!(code, 0);
    assert_eq!(stdout, input.as_bytes());
    let got = r.entries();
    assert_eq!(messages(&got)[0], "short");
    assert_eq!(got[1]["message"], "y".repeat(1024));
    assert_eq!(got[1]["metadata"]["truncated"], true);
    assert_eq!(got[1]["metadata"]["originalBytes"], 5000);
    assert_eq!(got[2]["message"], "after");
}

#[test]
fn json_lines_become_structured_entries() {
    let env = Env::new();
    let r = Receiver::ok();
    let input = concat!(
        r#"{"msg":"user login","level":"info","ts":1795000000123,"user":"u1","n":3}"#,
        "\n",
        r#"{"message":"slow","severity":"WARNING","time":"2026-11-22T12:00:00.5+02:00"}"#,
        "\n",
        r#"{"message":"odd time","time":"last tuesday"}"#,
        "\n",
        "plain text\n",
    );
    let (code, _, _) = run_bytes(&env, &r.url(), &["-m", "host=web1"], input.as_bytes());
    assert_eq!(code, 0);
    let got = r.entries();
    assert_eq!(got[0]["message"], "user login");
    assert_eq!(got[0]["timestamp"], "2026-11-18T11:06:40.123000Z");
    assert_eq!(
        got[0]["metadata"],
        json!({"host": "web1", "user": "u1", "n": 3})
    );
    assert_eq!(got[1]["level"], "warn");
    assert_eq!(got[1]["timestamp"], "2026-11-22T10:00:00.500000Z");
    assert_eq!(got[2]["metadata"]["time"], "last tuesday");
    assert!(got[2]["timestamp"].as_str().unwrap().ends_with('Z'));
    assert_eq!(got[3]["message"], "plain text");

    // --parse text keeps JSON lines as they are.
    let r = Receiver::ok();
    run_bytes(&env, &r.url(), &["--parse", "text"], input.as_bytes());
    assert_eq!(
        r.entries()[0]["message"],
        r#"{"msg":"user login","level":"info","ts":1795000000123,"user":"u1","n":3}"#
    );
}

#[test]
fn shared_entry_options_apply_to_every_line() {
    let env = Env::new();
    let r = Receiver::ok();
    let (code, _, _) = run_bytes(
        &env,
        &r.url(),
        &[
            "-m",
            "host=web1",
            "-m",
            "n:=2",
            "--tag",
            "ci",
            "-e",
            "staging",
            "--trace-id",
            "trace-123",
        ],
        b"a\nERROR b\n",
    );
    assert_eq!(code, 0);
    // Both lines arrived: `a` in a batch, the error at once through /v1/logs/single.
    let entries = r.entries();
    let messages: Vec<&str> = entries
        .iter()
        .map(|e| e["message"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert!(messages.contains(&"a"), "{messages:?}");
    assert!(messages.iter().any(|m| m.ends_with('b')), "{messages:?}");
    let paths: Vec<String> = r.requests().iter().map(|q| q.path.clone()).collect();
    assert!(paths.contains(&"/v1/logs/single".to_string()), "{paths:?}");
    for e in entries {
        assert_eq!(e["environment"], "staging");
        assert_eq!(e["traceId"], "trace-123");
        assert_eq!(
            e["metadata"],
            json!({"host": "web1", "n": 2, "tags": ["ci"]})
        );
    }
}

#[test]
fn dry_run_prints_wire_json_instead_of_the_echo() {
    let env = Env::new();
    let r = Receiver::ok().allow_uncalled();
    let (code, stdout, _) = run_bytes(
        &env,
        &r.url(),
        &["--dry-run", "--min-level", "info"],
        b"debug: hidden\nhello\n",
    );
    assert_eq!(code, 0);
    let out = String::from_utf8(stdout).unwrap();
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert_eq!(lines[0]["message"], "hello");
    assert!(r.requests().is_empty());
}

#[test]
fn a_dead_endpoint_never_breaks_the_pipeline() {
    let env = Env::new();
    let url = dead_url();
    let (code, stdout, stderr) = run_bytes(&env, &url, &[], b"a\nb\n");
    assert_eq!(code, 0);
    assert_eq!(stdout, b"a\nb\n", "the echo goes on");
    assert!(stderr.contains("2 entries not delivered"), "{stderr}");
    let (code, _, _) = run_bytes(&env, &url, &["--strict"], b"a\n");
    assert_eq!(code, 75);
}

#[test]
fn bad_options_are_usage_errors() {
    let env = Env::new();
    for (args, want) in [
        (
            &["--multiline", "java"][..],
            "expected 'auto', 'none', 'indent' or 'start=REGEX'",
        ),
        (
            &["--multiline", "start=("][..],
            "invalid regular expression",
        ),
        (&["--max-line-bytes", "4"][..], "at least 16 bytes"),
        (&["--parse", "xml"][..], "xml"),
    ] {
        let out = env.run(&[&["tail-stdin"][..], args].concat());
        out.expect_code(2);
        assert!(out.stderr.contains(want), "{args:?}: {}", out.stderr);
    }
}
