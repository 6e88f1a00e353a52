//! `auralog ingest` end to end: every format through a real receiver, gzip,
//! located errors, --skip-invalid and --rejects, raw chunks (to a scripted
//! receiver and to `auralog serve`), several files, detection.

use std::io::Write;

use serde_json::{json, Value};

use crate::support::{run_cmd, summary_counts, write, Env, Out, Receiver, Serve, KEY};

fn ingest(env: &Env, r: &Receiver, args: &[&str]) -> Out {
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", r.url())
        .env("AURALOG_API_KEY", KEY)
        .current_dir(env.dir.path())
        .arg("ingest")
        .args(args);
    run_cmd(&mut cmd, None)
}

fn dry(env: &Env, args: &[&str]) -> Out {
    let mut cmd = env.cmd();
    cmd.current_dir(env.dir.path())
        .args(["ingest", "--dry-run"])
        .args(args);
    run_cmd(&mut cmd, None)
}

#[test]
fn jsonl_end_to_end_with_mapping_types_and_positions() {
    let env = Env::new();
    write(
        &env,
        "app.jsonl",
        br#"{"ts":"2026-11-22T12:00:00.5+02:00","level":"warning","msg":"disk low","free":3,"tags":["a"],"ok":true,"file":"main.go"}

{"time":1700000000123,"severity":"ERROR","message":"boom","nested":{"x":[1,null]}}
{"message":"no level or time"}
"#,
    );
    let r = Receiver::ok();
    let out = ingest(
        &env,
        &r,
        &["app.jsonl", "--source", "backfill", "-e", "staging"],
    );
    out.expect_code(0);
    let e = r.entries();
    assert_eq!(e.len(), 3);
    assert_eq!(e[0]["level"], "warn");
    assert_eq!(e[0]["message"], "disk low");
    assert_eq!(e[0]["timestamp"], "2026-11-22T10:00:00.500000Z");
    assert_eq!(e[0]["environment"], "staging");
    assert_eq!(
        e[0]["metadata"],
        json!({"free": 3, "tags": ["a"], "ok": true, "_file": "main.go",
               "source": "backfill", "file": "app.jsonl", "line": 1})
    );
    assert_eq!(e[1]["level"], "error", "error entries are batched too");
    assert_eq!(e[1]["timestamp"], "2023-11-14T22:13:20.123000Z");
    assert_eq!(e[1]["metadata"]["nested"], json!({"x": [1, null]}));
    assert_eq!(e[1]["metadata"]["line"], 3, "blank lines still count");
    assert_eq!(e[2]["level"], "info");
    assert_eq!(r.requests().len(), 1, "one batch");
    out.expect_stderr("app.jsonl: 3 records shipped, 0 rejected, 0 spooled;");
}

#[test]
fn every_format_reaches_the_receiver() {
    let env = Env::new();
    write(
        &env,
        "a.json",
        br#"{"projectApiKey": "x", "logs": [
  {"message": "j1", "level": 30},
  {"message": "j2", "timestamp": "2026-01-02 03:04:05"}
]}"#,
    );
    write(
        &env,
        "b.csv",
        b"\xef\xbb\xbftime,level,message,user\r\n2026-11-22T10:00:00Z,warn,\"c1, quoted \"\"x\"\"\",bob\r\n1700000000,info,\"multi\r\nline\",\r\n",
    );
    write(
        &env,
        "c.syslog",
        b"<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog 42 ID47 [ex@32473 iut=\"3\"] s1\n<11>Oct 11 22:14:15 web1 sshd[99]: s2\n",
    );
    write(&env, "d.txt", b"t1 plain\n\n  \nt2 \"quoted\"\n");
    write(
        &env,
        "e.obl",
        b"ts=2026-11-22T10:00:00Z level=debug msg=\"o1 x\" user=bob\nnot pairs at all\n",
    );
    let r = Receiver::ok();
    let out = ingest(
        &env,
        &r,
        &[
            "a.json",
            "b.csv",
            "c.syslog",
            "d.txt",
            "e.obl",
            "--min-level",
            "debug",
        ],
    );
    out.expect_code(0);
    let e = r.entries();
    let by_msg = |m: &str| -> Value {
        e.iter()
            .find(|x| x["message"] == m)
            .unwrap_or_else(|| panic!("no entry {m}: {e:#?}"))
            .clone()
    };
    assert_eq!(e.len(), 10, "{e:#?}");
    assert_eq!(by_msg("j1")["level"], "warn", "python level 30");
    assert_eq!(by_msg("j2")["timestamp"], "2026-01-02T03:04:05.000000Z");
    assert_eq!(by_msg("j2")["metadata"]["line"], 3);
    let c1 = by_msg("c1, quoted \"x\"");
    assert_eq!(c1["level"], "warn");
    assert_eq!(c1["timestamp"], "2026-11-22T10:00:00.000000Z");
    assert_eq!(
        c1["metadata"],
        json!({"user": "bob", "file": "b.csv", "line": 2})
    );
    let c2 = by_msg("multi\r\nline");
    assert_eq!(c2["metadata"]["line"], 3);
    assert_eq!(c2["metadata"]["user"], "");
    let s1 = by_msg("s1");
    assert_eq!(s1["level"], "info", "severity 5 notice");
    assert_eq!(s1["timestamp"], "2003-10-11T22:14:15.003000Z");
    assert_eq!(
        s1["metadata"],
        json!({"facility": "local4", "host": "mymachine.example.com", "appName": "evntslog",
               "procId": "42", "msgId": "ID47", "structuredData": {"ex@32473": {"iut": "3"}},
               "file": "c.syslog", "line": 1})
    );
    let s2 = by_msg("s2");
    assert_eq!(s2["level"], "error");
    assert_eq!(s2["metadata"]["host"], "web1");
    assert_eq!(s2["metadata"]["procId"], "99");
    assert!(s2["timestamp"]
        .as_str()
        .unwrap()
        .contains("-10-11T22:14:15"));
    assert_eq!(by_msg("t2 \"quoted\"")["metadata"]["line"], 4);
    let o1 = by_msg("o1 x");
    assert_eq!(o1["level"], "debug");
    assert_eq!(o1["metadata"]["user"], "bob");
    assert_eq!(by_msg("not pairs at all")["level"], "info");
    for f in ["a.json", "b.csv", "c.syslog", "d.txt", "e.obl"] {
        assert!(
            out.stderr.contains(&format!("{f}: 2 records shipped")),
            "each file reported: {}",
            out.stderr
        );
    }
}

#[test]
fn gzip_is_read_transparently_and_formats_are_detected() {
    let env = Env::new();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(b"{\"message\":\"zipped\",\"level\":\"warn\"}\n")
        .unwrap();
    write(&env, "events.log.gz", &gz.finish().unwrap());
    write(&env, "sys.log", b"<34>Oct 11 22:14:15 mymachine su: hi\n");
    let out = dry(&env, &["-v", "events.log.gz", "sys.log"]);
    out.expect_code(0);
    let lines = out.json_lines();
    assert_eq!(lines[0]["message"], "zipped");
    assert_eq!(lines[0]["level"], "warn");
    assert_eq!(lines[1]["message"], "hi");
    assert!(
        out.stderr
            .contains("events.log.gz: format jsonl (from the content"),
        "{}",
        out.stderr
    );
    out.expect_stderr("sys.log: format syslog");
}

#[test]
fn a_bad_record_stops_with_65_after_shipping_what_came_before() {
    let env = Env::new();
    write(
        &env,
        "x.jsonl",
        b"{\"message\":\"one\"}\n{\"message\":\"two\"}\n{\"message\": tru}\n{\"message\":\"four\"}\n",
    );
    write(&env, "later.txt", b"never read\n");
    let r = Receiver::ok();
    let out = ingest(&env, &r, &["x.jsonl", "later.txt"]);
    out.expect_code(65);
    let msgs: Vec<Value> = r.entries().iter().map(|e| e["message"].clone()).collect();
    assert_eq!(msgs, vec![json!("one"), json!("two")]);
    out.expect_stderr("auralog: error: x.jsonl:3:16: invalid JSON: expected ident");
    out.expect_stderr("x.jsonl: 2 records shipped, 1 rejected");
    out.expect_stderr("1 more file not read");
}

#[test]
fn skip_invalid_goes_on_and_rejects_keeps_records_verbatim() {
    let env = Env::new();
    write(
        &env,
        "r.csv",
        b"a,b,message\n1,2,ok\n3,4\n5,6,\"fine\"\n7,8,9,10\n",
    );
    write(
        &env,
        "bad.jsonl",
        b"{\"message\":\"good\"}\n[1,2\n\xff\xfe\n",
    );
    let r = Receiver::ok();
    let out = ingest(
        &env,
        &r,
        &[
            "--skip-invalid",
            "--rejects",
            "rej.txt",
            "r.csv",
            "bad.jsonl",
        ],
    );
    out.expect_code(0);
    assert_eq!(r.entries().len(), 3);
    out.expect_stderr("r.csv:3: row has 2 fields, the header has 3");
    out.expect_stderr("r.csv:5: row has 4 fields");
    out.expect_stderr("bad.jsonl:2:");
    out.expect_stderr("bad.jsonl:3:1: invalid UTF-8");
    out.expect_stderr("r.csv: 2 records shipped, 2 rejected");
    let rej = std::fs::read(env.path("rej.txt")).unwrap();
    assert_eq!(rej, b"a,b,message\n3,4\n7,8,9,10\n[1,2\n\xff\xfe\n");
}

#[test]
fn empty_files_and_missing_files_are_reported() {
    let env = Env::new();
    write(&env, "empty.jsonl", b"");
    let out = dry(&env, &["empty.jsonl"]);
    out.expect_code(65);
    out.expect_stderr("empty.jsonl: empty file");
    let out = dry(&env, &["--skip-invalid", "empty.jsonl"]);
    out.expect_code(0);
    out.expect_stderr("warning: empty.jsonl: empty file");
    let out = dry(&env, &["nope.jsonl"]);
    out.expect_code(1);
    out.expect_stderr("nope.jsonl: cannot open");
}

#[test]
fn stdin_and_dry_run() {
    let env = Env::new();
    let out = env.run_stdin(
        &[
            "ingest",
            "--dry-run",
            "--format",
            "text",
            "-l",
            "warn",
            "-m",
            "team=ops",
        ],
        b"first\nsecond\n",
    );
    out.expect_code(0);
    let lines = out.json_lines();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["level"], "warn");
    assert_eq!(
        lines[1]["metadata"],
        json!({"team": "ops", "file": "<stdin>", "line": 2})
    );
}

#[test]
fn raw_chunks_are_cut_on_records_and_repeat_the_csv_header() {
    let env = Env::new();
    let mut csv = b"id,message\r\n".to_vec();
    for i in 0..200 {
        csv.extend_from_slice(
            format!("{i},\"line {i}\r\nsecond part, with comma\"\r\n").as_bytes(),
        );
    }
    write(&env, "big.csv", &csv);
    let r = Receiver::ok();
    let out = ingest(
        &env,
        &r,
        &[
            // The rows are checked in order across requests.
            "--concurrency",
            "1",
            "--raw",
            "--batch-bytes",
            "2000",
            "--source",
            "s 1",
            "big.csv",
        ],
    );
    out.expect_code(0);
    let reqs = r.requests();
    assert!(reqs.len() > 3, "{} requests", reqs.len());
    let mut rows = 0;
    for q in &reqs {
        assert!(q.path.starts_with("/v1/logs?format=csv&"), "{}", q.path);
        assert!(q.path.contains("source=s%201"), "{}", q.path);
        assert_eq!(q.header("content-type"), Some("text/csv"));
        assert_eq!(q.header("x-api-key"), Some(KEY));
        assert!(q.body.starts_with(b"id,message\r\n"));
        let mut rd = csv::Reader::from_reader(&q.body[..]);
        for rec in rd.records() {
            let rec = rec.unwrap();
            assert_eq!(rec[1], format!("line {rows}\r\nsecond part, with comma"));
            rows += 1;
        }
    }
    assert_eq!(rows, 200);
    out.expect_stderr("big.csv: 200 records shipped");
}

#[test]
fn a_raw_chunk_refused_as_too_large_is_cut_again_and_delivered() {
    use crate::support::Reply;
    let env = Env::new();
    let mut csv = b"id,message\n".to_vec();
    for i in 0..40 {
        csv.extend_from_slice(format!("{i},\"line {i}\nsecond part\"\n").as_bytes());
    }
    write(&env, "r.csv", &csv);
    let too_large = || Reply::status(413).body(r#"{"error":"payload too large"}"#);
    let r = Receiver::start(vec![too_large(), Reply::ok()]);
    let out = ingest(&env, &r, &["--raw", "r.csv"]);
    out.expect_code(0);
    out.expect_stderr("r.csv: 40 records shipped, 0 rejected");
    let reqs = r.requests();
    assert!(reqs.len() >= 3, "{} requests", reqs.len());
    assert_eq!(reqs[0].body, csv, "the whole file went first");
    let first_key = reqs[0].header("idempotency-key").unwrap().to_string();
    let mut rows = 0;
    for (i, q) in reqs[1..].iter().enumerate() {
        assert_eq!(
            q.header("idempotency-key"),
            Some(format!("{first_key}-{}", i + 1).as_str())
        );
        assert!(q.body.starts_with(b"id,message\n"));
        assert!(q.body.len() <= csv.len() / 2 + 40, "{} bytes", q.body.len());
        let mut rd = csv::Reader::from_reader(&q.body[..]);
        for rec in rd.records() {
            assert_eq!(rec.unwrap()[1], format!("line {rows}\nsecond part"));
            rows += 1;
        }
    }
    assert_eq!(rows, 40);
}

#[test]
fn raw_ingestion_through_auralog_serve() {
    let env = Env::new();
    let serve = Serve::start(&env, &[]);
    write(
        &env,
        "s.jsonl",
        b"{\"message\":\"r1\",\"level\":\"warn\"}\n{\"message\":\"r2\",\"user\":\"bob\"}\n",
    );
    write(&env, "t.json", b"[{\"message\":\"r3\"}]");
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", &serve.url)
        .current_dir(env.dir.path())
        .args(["ingest", "--raw", "--dataset", "d1", "s.jsonl", "t.json"]);
    run_cmd(&mut cmd, None).expect_code(0);
    let mut got = serve.wait_entries(3, std::time::Duration::from_secs(5));
    assert_eq!(got.len(), 3, "{got:#?}");
    // One pipeline for both files: their chunks are in flight together and
    // may arrive in either order (README, Delivery).
    got.sort_by_key(|e| e["message"].as_str().unwrap_or_default().to_string());
    assert_eq!(got[0]["message"], "r1");
    assert_eq!(got[0]["level"], "warn");
    assert_eq!(got[1]["metadata"], json!({"user": "bob", "dataset": "d1"}));
    assert_eq!(got[2]["message"], "r3");
    assert!(serve.received().iter().all(|v| v["path"] == "/v1/logs"));
    // A bad raw body is refused with its line.
    write(&env, "bad.jsonl", b"{\"message\":\"ok\"}\n{oops}\n");
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", &serve.url)
        .current_dir(env.dir.path())
        .args(["ingest", "--raw", "bad.jsonl"]);
    let out = run_cmd(&mut cmd, None);
    out.expect_code(0);
    out.expect_stderr("refused");
    out.expect_stderr("line 2:2");
}

#[test]
fn detection_falls_back_on_content_and_says_so() {
    let env = Env::new();
    write(&env, "x.log", b"level=info msg=hello\nlevel=warn msg=bye\n");
    write(&env, "y.dat", b"a,b\n1,2\n3,4\n");
    write(&env, "z.dat", b"[{\"message\": \"arr\"}]");
    let out = dry(&env, &["-v", "x.log", "y.dat", "z.dat"]);
    out.expect_code(0);
    out.expect_stderr("x.log: format obl");
    out.expect_stderr("y.dat: format csv");
    out.expect_stderr("z.dat: format json");
    assert_eq!(out.json_lines().len(), 5);
}

#[test]
fn field_flags_and_min_level() {
    let env = Env::new();
    write(
        &env,
        "f.jsonl",
        b"{\"text\":\"custom\",\"sev\":\"debug\",\"at\":\"2026-11-22T10:00:00Z\",\"message\":\"other\"}\n",
    );
    let out = dry(
        &env,
        &[
            "--message-field",
            "text",
            "--level-field",
            "sev",
            "--timestamp-field",
            "at",
            "f.jsonl",
            "--min-level",
            "info",
        ],
    );
    out.expect_code(0);
    assert!(out.json_lines().is_empty(), "debug is below min-level");
    out.expect_stderr("1 below min-level");
    let out = dry(
        &env,
        &[
            "--message-field",
            "text",
            "--level-field",
            "sev",
            "--timestamp-field",
            "at",
            "f.jsonl",
        ],
    );
    let e = &out.json_lines()[0];
    assert_eq!(e["message"], "custom");
    assert_eq!(e["level"], "debug");
    assert_eq!(e["timestamp"], "2026-11-22T10:00:00.000000Z");
    assert_eq!(e["metadata"]["message"], "other");
}

/// Issue 6: ingest's summary counts spooled records, and the spooled batch
/// is delivered later (here by `spool flush`, since the spool replays only
/// to the endpoint a batch was meant for and the test receiver's port differs).
#[test]
fn undeliverable_records_are_spooled_counted_and_replayed_later() {
    let env = Env::new();
    let f = write(
        &env,
        "app.jsonl",
        b"{\"message\":\"a\"}\n{\"message\":\"b\"}\n{\"message\":\"c\"}\n",
    );
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", crate::support::dead_url())
        .env("AURALOG_API_KEY", KEY)
        .env("AURALOG_RETRY_BUDGET", "0.5")
        .args(["ingest", f.to_str().unwrap()]);
    let out = run_cmd(&mut cmd, None);
    out.expect_code(0);
    out.expect_stderr("0 records shipped, 0 rejected, 3 spooled;");
    let r = Receiver::ok();
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", r.url())
        .env("AURALOG_API_KEY", KEY)
        .args(["spool", "flush", "--any-destination"]);
    run_cmd(&mut cmd, None).expect_code(0);
    let more = write(&env, "more.jsonl", b"{\"message\":\"d\"}\n");
    ingest(&env, &r, &[more.to_str().unwrap()]).expect_code(0);
    let got: Vec<String> = r
        .entries()
        .iter()
        .map(|e| e["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(got, ["a", "b", "c", "d"], "the spooled batch goes first");
}

/// A slow stdin: the batch's age is checked when input is read, so a
/// record arriving after `flush_interval` sends the batch while stdin is
/// still open, not only at its end.
#[test]
fn a_slow_stdin_sends_its_batch_once_flush_interval_has_passed() {
    use std::io::Write as _;
    let env = Env::new();
    let r = Receiver::ok();
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", r.url())
        .env("AURALOG_API_KEY", KEY)
        .args(["--flush-interval", "0.3", "ingest", "--format", "text", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"one\n").unwrap();
    stdin.flush().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
    stdin.write_all(b"two\n").unwrap();
    stdin.flush().unwrap();
    let got = r.wait_entries(2, std::time::Duration::from_secs(15));
    let messages: Vec<Value> = got.iter().map(|e| e["message"].clone()).collect();
    assert_eq!(messages, [json!("one"), json!("two")]);
    assert!(
        child.try_wait().unwrap().is_none(),
        "sent while stdin is still open"
    );
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
}

/// SIGTERM while ingest reads an open stdin: what was read is shipped, then
/// the process ends by SIGTERM.
#[test]
fn sigterm_ships_what_was_read_then_ends_by_sigterm() {
    use std::io::Write as _;
    let env = Env::new();
    let r = Receiver::ok();
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", r.url())
        .env("AURALOG_API_KEY", KEY)
        .args(["ingest", "--format", "jsonl", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(b"{\"message\":\"one\"}\n{\"message\":\"two\"}\n")
        .unwrap();
    stdin.flush().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    crate::support::signal(child.id(), "TERM");
    let out = child.wait_with_output().unwrap();
    drop(stdin);
    // Re-raised after shipping, so a calling shell sees the signal.
    assert_eq!(
        std::os::unix::process::ExitStatusExt::signal(&out.status),
        Some(15),
        "{}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let got: Vec<Value> = r.entries().iter().map(|e| e["message"].clone()).collect();
    assert_eq!(got, [json!("one"), json!("two")]);
}

/// The summary counts what a .gz file decompresses to (its rate too), says
/// so, and uses the progress bar's binary units (MiB, not MB).
#[test]
fn gzip_summary_counts_decompressed_bytes_in_binary_units() {
    let env = Env::new();
    let r = Receiver::ok();
    let line = "{\"message\":\"the same line again and again, compressing well\"}\n";
    let plain = line.repeat(20_000);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(plain.as_bytes()).unwrap();
    let zipped = gz.finish().unwrap();
    assert!(zipped.len() * 10 < plain.len());
    write(&env, "app.jsonl.gz", &zipped);
    write(&env, "app.jsonl", plain.as_bytes());
    let human = auralog::sender::spool::human_bytes;
    let out = ingest(&env, &r, &["app.jsonl.gz", "app.jsonl"]);
    out.expect_code(0);
    let gz_line = out
        .stderr
        .lines()
        .find(|l| l.contains("app.jsonl.gz: "))
        .unwrap_or_else(|| panic!("{}", out.stderr));
    assert!(
        gz_line.contains(&format!(
            "; {} decompressed (from {} of gzip) in ",
            human(plain.len() as u64),
            human(zipped.len() as u64)
        )),
        "{gz_line}"
    );
    let plain_line = out
        .stderr
        .lines()
        .find(|l| l.contains("app.jsonl: "))
        .unwrap_or_else(|| panic!("{}", out.stderr));
    assert!(
        plain_line.contains(&format!("; {} in ", human(plain.len() as u64))),
        "{plain_line}"
    );
    for l in [gz_line, plain_line] {
        assert!(l.contains("iB/s)"), "a rate in binary units: {l}");
        assert!(!l.contains(" MB"), "{l}");
    }
}

#[test]
fn json_prints_the_totals_of_every_file_on_stdout() {
    let env = Env::new();
    let r = Receiver::ok();
    write(
        &env,
        "a.jsonl",
        b"{\"message\":\"one\"}\n{\"message\":\"two\"}\n",
    );
    write(&env, "b.jsonl", b"{\"message\":\"three\"}\nnot json\n");
    let out = ingest(
        &env,
        &r,
        &["--json", "--skip-invalid", "a.jsonl", "b.jsonl"],
    );
    out.expect_code(0);
    let v: Value = serde_json::from_str(out.stdout.trim()).expect("one JSON object");
    assert_eq!(v["records"], 3, "{v}");
    assert_eq!(v["invalid"], 1, "{v}");
    assert_eq!(v["delivered"], 3, "{v}");
    assert_eq!(
        (&v["spooled"], &v["rejected"], &v["lost"]),
        (&json!(0), &json!(0), &json!(0))
    );
    assert_eq!(v["exit_code"], 0);
    assert!(
        v["spool_dir"]
            .as_str()
            .is_some_and(|d| d.ends_with("auralog/spool")),
        "{v}"
    );
    assert_eq!(r.entries().len(), 3);
}

/// Issue 12: one pipeline for all of ingest's files. With two requests in
/// flight at most, a run of four files uses at most two connections in all
/// (a pool per file would open two per file), and a later file's batches
/// travel on the keep-alive connections the first file opened.
#[test]
fn several_files_share_one_connection_pool_and_their_summaries_add_up() {
    let env = Env::new();
    let names = ["a.jsonl", "b.jsonl", "c.jsonl", "d.jsonl"];
    for (f, name) in names.iter().enumerate() {
        let body: String = (0..40)
            .map(|i| json!({"message": format!("{name} {i}"), "n": f * 100 + i}).to_string() + "\n")
            .collect();
        write(&env, name, body.as_bytes());
    }
    // Slow answers: every file's batches are still in flight when the next
    // file is read.
    let r = Receiver::start(vec![
        crate::support::Reply::ok().delay(std::time::Duration::from_millis(30))
    ]);
    let mut args = vec!["--json", "--concurrency", "2", "--batch-size", "10"];
    args.extend(names);
    let out = ingest(&env, &r, &args);
    out.expect_code(0);
    let reqs = r.requests();
    let conns: std::collections::BTreeSet<usize> = reqs.iter().map(|q| q.conn).collect();
    assert!(
        conns.len() <= 2,
        "one pool of two connections for the whole run, got {conns:?}"
    );
    let file_of = |q: &crate::support::Request| -> Vec<String> {
        q.entries()
            .iter()
            .map(|e| e["metadata"]["file"].as_str().unwrap().to_string())
            .collect()
    };
    let first_conns: std::collections::BTreeSet<usize> = reqs
        .iter()
        .filter(|q| file_of(q).iter().all(|f| f == "a.jsonl"))
        .map(|q| q.conn)
        .collect();
    for name in &names[1..] {
        assert!(
            reqs.iter()
                .filter(|q| file_of(q).iter().any(|f| f == name))
                .all(|q| first_conns.contains(&q.conn)),
            "{name} went on a connection a.jsonl did not use"
        );
    }
    // Batches are cut at file boundaries: no request mixes two files.
    for q in &reqs {
        let files = file_of(q);
        assert!(files.windows(2).all(|w| w[0] == w[1]), "{files:?}");
    }
    // The per-file summaries add up to the run's total and the receiver's count.
    let v: Value = serde_json::from_str(out.stdout.trim()).expect("one JSON object");
    let mut shipped = 0;
    for name in names {
        let (s, rej, sp) = summary_counts(&out.stderr, name);
        assert_eq!((s, rej, sp), (40, 0, 0), "{name}: {}", out.stderr);
        shipped += s;
    }
    assert_eq!(v["delivered"], shipped, "{v}");
    assert_eq!(r.entries().len() as u64, shipped);
}

/// Issue 12: one breaker for the run. The first batch spends the retry
/// budget against a failing endpoint; the breaker it opens sends the later
/// files' batches straight to the spool (the run costs about one budget, not
/// one per file), and every record is counted once in its file's summary.
#[test]
fn one_breaker_for_the_run_spools_later_files_without_their_retries() {
    let env = Env::new();
    let names = ["a.jsonl", "b.jsonl", "c.jsonl"];
    for name in names {
        let body: String = (0..20)
            .map(|i| json!({"message": format!("{name} {i}")}).to_string() + "\n")
            .collect();
        write(&env, name, body.as_bytes());
    }
    let r = Receiver::start(vec![crate::support::Reply::status(503)]);
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", r.url())
        .env("AURALOG_API_KEY", KEY)
        .env("AURALOG_RETRY_BUDGET", "1.5")
        .current_dir(env.dir.path())
        .args([
            "ingest",
            "--json",
            "--concurrency",
            "1",
            "--batch-size",
            "10",
        ])
        .args(names);
    let started = std::time::Instant::now();
    let out = run_cmd(&mut cmd, None);
    let took = started.elapsed();
    out.expect_code(0);
    assert!(
        took < std::time::Duration::from_secs(4),
        "one retry budget for the run, not one per file: {took:?}"
    );
    let v: Value = serde_json::from_str(out.stdout.trim()).expect("one JSON object");
    let mut spooled = 0;
    for name in names {
        let (s, rej, sp) = summary_counts(&out.stderr, name);
        assert_eq!((s, rej), (0, 0), "{name}: {}", out.stderr);
        spooled += sp;
    }
    assert_eq!(spooled, 60, "{}", out.stderr);
    assert_eq!(v["spooled"], 60, "{v}");
    // Requests after the breaker opened: at most the end-of-run probes.
    let files_tried: std::collections::BTreeSet<String> = r
        .requests()
        .iter()
        .flat_map(|q| q.entries())
        .map(|e| e["metadata"]["file"].as_str().unwrap().to_string())
        .collect();
    assert!(
        !files_tried.contains("b.jsonl") || !files_tried.contains("c.jsonl"),
        "later files went straight to the spool: {files_tried:?}"
    );
}
