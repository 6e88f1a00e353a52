//! One reading of every log line (issue 14), through the real binary:
//! every line of the library-written corpus (tests/corpus/libraries) gives
//! the entry in its expected sidecar in both `tail-stdin --dry-run` and
//! `ingest --dry-run`; crashes fold by default; `--timestamps` prefixes and
//! ANSI colours; the shared field options; rsyslog files; errorName from a
//! trace in `log --stack-trace`.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::support::{run_cmd, Env, Receiver};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/libraries")
}

fn dry(env: &Env) -> std::process::Command {
    let mut c = env.cmd();
    c.env("AURALOG_API_KEY", "dry-run")
        .env("AURALOG_ENVIRONMENT", "production");
    c
}

fn tail(env: &Env, args: &[&str], input: &[u8]) -> Vec<Value> {
    let out = run_cmd(
        dry(env).args(["tail-stdin", "--dry-run"]).args(args),
        Some(input),
    );
    out.expect_code(0);
    out.json_lines()
}

fn ingest(env: &Env, args: &[&str]) -> (i32, Vec<Value>, String) {
    let out = run_cmd(dry(env).args(["ingest", "--dry-run"]).args(args), None);
    let lines = out
        .stdout
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (out.code, lines, out.stderr)
}

/// The parts the sidecars name; the read time as "read time"; ingest's
/// position keys dropped; errorName out of the metadata.
fn norm(e: &Value, expected_read_time: bool) -> Value {
    let mut meta = e["metadata"].as_object().cloned().unwrap_or_default();
    meta.remove("file");
    meta.remove("line");
    let error_name = meta.remove("errorName").unwrap_or(Value::Null);
    let ts = &e["timestamp"];
    assert!(ts.is_string(), "no timestamp: {e}");
    json!({
        "message": e["message"],
        "level": e["level"],
        "timestamp": if expected_read_time { json!("read time") } else { ts.clone() },
        "stackTrace": e.get("stackTrace").cloned().unwrap_or(Value::Null),
        "errorName": error_name,
        "metadata": meta,
    })
}

#[test]
fn every_corpus_line_gives_the_expected_entry_in_tail_stdin_and_ingest() {
    let env = Env::new();
    let mut libs: Vec<String> = std::fs::read_dir(corpus())
        .unwrap()
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            Some(name.strip_suffix(".expected.jsonl")?.to_string())
        })
        .collect();
    libs.sort();
    assert!(libs.len() >= 19, "corpus missing: {libs:?}");
    let mut failures = Vec::new();
    let mut lines = 0;
    for lib in &libs {
        let path = corpus().join(format!("{lib}.jsonl"));
        let input = std::fs::read(&path).unwrap();
        let want: Vec<Value> =
            std::fs::read_to_string(corpus().join(format!("{lib}.expected.jsonl")))
                .unwrap()
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
        let from_tail = tail(&env, &[], &input);
        // Sniffed as JSON lines, as a user would run it.
        let (code, from_ingest, stderr) = ingest(&env, &[path.to_str().unwrap()]);
        assert_eq!(code, 0, "{lib}: {stderr}");
        assert_eq!(from_tail.len(), want.len(), "{lib}: tail-stdin entries");
        assert_eq!(from_ingest.len(), want.len(), "{lib}: ingest entries");
        for (i, w) in want.iter().enumerate() {
            lines += 1;
            let read_time = w["timestamp"] == "read time";
            let mut w = w.clone();
            // traceId is the entry's own field, checked below.
            let trace = w.as_object_mut().unwrap().remove("traceId");
            for (cmd, got) in [("tail-stdin", &from_tail[i]), ("ingest", &from_ingest[i])] {
                let g = norm(got, read_time);
                if g != w {
                    failures.push(format!(
                        "{lib}.jsonl:{} {cmd}\n   got: {g}\n  want: {w}",
                        i + 1
                    ));
                }
                if let Some(t) = &trace {
                    if &got["traceId"] != t {
                        failures.push(format!(
                            "{lib}.jsonl:{} {cmd}: traceId {}",
                            i + 1,
                            got["traceId"]
                        ));
                    }
                }
            }
        }
    }
    assert!(lines >= 130, "only {lines} corpus lines");
    assert!(
        failures.is_empty(),
        "{} of {lines} lines differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn crashes_fold_into_one_entry_by_default() {
    let env = Env::new();
    let input = "\
starting
Traceback (most recent call last):
  File \"/app/job.py\", line 3, in <module>
    main()
  File \"/app/job.py\", line 2, in main
    raise ValueError(\"bad input\")
ValueError: bad input
between
panic: runtime error: index out of range [5] with length 3

goroutine 1 [running]:
main.main()
\t/app/main.go:8 +0x1d
exit status 2
Exception in thread \"main\" java.lang.IllegalStateException: boom
\tat com.example.App.run(App.java:10)
\tat com.example.App.main(App.java:5)
Caused by: java.io.IOException: disk full
\tat com.example.Disk.write(Disk.java:3)
\t... 2 more
done
    indented but no crash
";
    let got = tail(&env, &[], input.as_bytes());
    let msgs: Vec<&str> = got.iter().map(|e| e["message"].as_str().unwrap()).collect();
    assert_eq!(
        msgs,
        [
            "starting",
            "ValueError: bad input",
            "between",
            "panic: runtime error: index out of range [5] with length 3",
            "exit status 2",
            "Exception in thread \"main\" java.lang.IllegalStateException: boom",
            "done",
            "    indented but no crash",
        ]
    );
    let py = &got[1];
    assert_eq!(py["metadata"]["errorName"], "ValueError");
    assert_eq!(py["level"], "error");
    assert!(py["stackTrace"]
        .as_str()
        .unwrap()
        .starts_with("Traceback (most recent call last):\n  File"));
    assert!(py["stackTrace"]
        .as_str()
        .unwrap()
        .ends_with("ValueError: bad input"));
    let go = &got[3];
    assert_eq!(go["metadata"]["errorName"], "panic");
    assert!(go["level"] == "error" || go["level"] == "fatal", "{go}");
    assert!(go["stackTrace"]
        .as_str()
        .unwrap()
        .contains("\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:8 +0x1d"));
    let java = &got[5];
    assert_eq!(
        java["metadata"]["errorName"],
        "java.lang.IllegalStateException"
    );
    assert!(java["stackTrace"]
        .as_str()
        .unwrap()
        .contains("Caused by: java.io.IOException"));
    for i in [0, 2, 4, 6, 7] {
        assert!(got[i].get("stackTrace").is_none(), "{}", got[i]);
        assert!(got[i]["metadata"].get("errorName").is_none(), "{}", got[i]);
    }
    // `--multiline none`: every line its own entry.
    let lines = tail(&env, &["--multiline", "none"], input.as_bytes());
    assert_eq!(lines.len(), input.lines().count());
}

#[test]
fn a_timestamps_prefix_is_the_time_and_colours_leave_the_message() {
    let env = Env::new();
    let r = Receiver::ok();
    let input: &[u8] = b"2019-01-01T11:11:11.111111111Z panic: boom\n\
2019-01-01T11:11:11.2Z \n\
2019-01-01T11:11:11.3Z goroutine 1 [running]:\n\
2019-01-01T11:11:11.3Z main.main()\n\
2019-01-01T11:11:12Z WARN slow disk\n\
\x1b[31mERROR\x1b[0m \x1b[1mcoloured\x1b[0m\n\
2026-01-01 10:00:00,123 INFO an application's own time stays\n";
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", r.url())
        .env("AURALOG_API_KEY", "k")
        .arg("tail-stdin");
    let out = run_cmd(&mut cmd, Some(input));
    out.expect_code(0);
    assert_eq!(out.stdout.as_bytes(), input, "the echo stays byte-exact");
    let mut got = r.entries();
    assert_eq!(got.len(), 4, "{got:#?}");
    // Requests in flight: an urgent (fatal) entry may arrive before a batch
    // sent earlier. Compare in input order, by the entries' own timestamps
    // and messages.
    let order = |m: &Value| -> usize {
        let m = m["message"].as_str().unwrap_or("");
        [
            "panic: boom",
            "WARN slow disk",
            "ERROR coloured",
            "2026-01-01",
        ]
        .iter()
        .position(|p| m.starts_with(p))
        .unwrap_or(9)
    };
    got.sort_by_key(order);
    assert_eq!(got[0]["message"], "panic: boom");
    assert_eq!(got[0]["timestamp"], "2019-01-01T11:11:11.111111Z");
    assert_ne!(got[0]["level"], "info");
    assert_eq!(
        got[0]["stackTrace"],
        "panic: boom\n\ngoroutine 1 [running]:\nmain.main()"
    );
    assert_eq!(got[1]["message"], "WARN slow disk");
    assert_eq!(got[1]["level"], "warn");
    assert_eq!(got[1]["timestamp"], "2019-01-01T11:11:12.000000Z");
    assert_eq!(got[2]["message"], "ERROR coloured");
    assert_eq!(got[2]["level"], "error");
    assert_eq!(
        got[3]["message"],
        "2026-01-01 10:00:00,123 INFO an application's own time stays"
    );
    assert!(got[3]["timestamp"].as_str().unwrap().starts_with("20"));
    assert_ne!(got[3]["timestamp"], "2026-01-01T10:00:00.123000Z");
}

#[test]
fn field_options_mean_the_same_in_tail_stdin_and_ingest() {
    let env = Env::new();
    let line = r#"{"msg":"shape message","text":"mine","sev":"warning","when":"2026-12-01T10:00:00Z","level":"info"}"#;
    let file = env.path("f.jsonl");
    std::fs::write(&file, format!("{line}\n")).unwrap();
    let flags = [
        "--message-field",
        "text",
        "--level-field",
        "sev",
        "--timestamp-field",
        "when",
    ];
    let t = tail(&env, &flags, format!("{line}\n").as_bytes());
    let (code, i, stderr) = ingest(&env, &[&flags[..], &[file.to_str().unwrap()]].concat());
    assert_eq!(code, 0, "{stderr}");
    for e in [&t[0], &i[0]] {
        assert_eq!(e["message"], "mine");
        assert_eq!(e["level"], "warn");
        assert_eq!(e["timestamp"], "2026-12-01T10:00:00.000000Z");
        assert_eq!(e["metadata"]["msg"], "shape message");
        assert_eq!(e["metadata"]["level"], "info");
    }
    // `none`: no field is the time; it stays metadata.
    let t = tail(
        &env,
        &["--timestamp-field", "none"],
        format!("{line}\n").as_bytes(),
    );
    let (_, i, _) = ingest(&env, &["--timestamp-field", "none", file.to_str().unwrap()]);
    for e in [&t[0], &i[0]] {
        assert_eq!(e["message"], "shape message");
        assert_eq!(e["metadata"]["when"], "2026-12-01T10:00:00Z");
        assert_ne!(e["timestamp"], "2026-12-01T10:00:00.000000Z");
    }
}

#[test]
fn an_unreadable_time_is_rejected_by_ingest_and_kept_as_metadata_by_tail_stdin() {
    let env = Env::new();
    let line = r#"{"message":"m","ts":"yesterday"}"#;
    let file = env.path("bad.jsonl");
    std::fs::write(&file, format!("{line}\n")).unwrap();
    let (code, _, stderr) = ingest(&env, &[file.to_str().unwrap()]);
    assert_eq!(code, 65, "{stderr}");
    assert!(
        stderr.contains("bad.jsonl:1: field 'ts': cannot read \"yesterday\" as a time"),
        "{stderr}"
    );
    let t = tail(&env, &[], format!("{line}\n").as_bytes());
    assert_eq!(t[0]["message"], "m");
    assert_eq!(t[0]["metadata"]["ts"], "yesterday");
}

#[test]
fn rsyslog_files_are_sniffed_as_syslog() {
    let env = Env::new();
    let file = env.path("messages");
    std::fs::write(
        &file,
        "2026-12-01T10:00:00.123456+00:00 web-1 sshd[42]: Accepted publickey for deploy\n\
         2026-12-01T10:00:01+01:00 web-1 kernel: [ 0.0] Linux version 6.1\n",
    )
    .unwrap();
    let (code, got, stderr) = ingest(&env, &["-v", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("format syslog"), "{stderr}");
    assert_eq!(got.len(), 2);
    assert_eq!(got[0]["message"], "Accepted publickey for deploy");
    assert_eq!(got[0]["timestamp"], "2026-12-01T10:00:00.123456Z");
    assert_eq!(got[0]["metadata"]["host"], "web-1");
    assert_eq!(got[0]["metadata"]["appName"], "sshd");
    assert_eq!(got[0]["metadata"]["procId"], "42");
    assert_eq!(got[1]["message"], "[ 0.0] Linux version 6.1");
    assert_eq!(got[1]["timestamp"], "2026-12-01T09:00:01.000000Z");
    assert!(got[1]["metadata"].get("procId").is_none());
}

#[test]
fn log_stack_trace_derives_the_error_name() {
    let env = Env::new();
    let st = env.path("trace.txt");
    std::fs::write(
        &st,
        "Traceback (most recent call last):\n  File \"x.py\", line 1, in <module>\nKeyError: 'k'\n",
    )
    .unwrap();
    let st = st.to_str().unwrap();
    let out = run_cmd(
        dry(&env).args(["log", "--dry-run", "--stack-trace", st, "failed"]),
        None,
    );
    out.expect_code(0);
    let e = &out.json_lines()[0];
    assert_eq!(e["metadata"]["errorName"], "KeyError");
    assert_eq!(e["message"], "failed");
    let out = run_cmd(
        dry(&env).args([
            "log",
            "--dry-run",
            "--error-name",
            "LookupFailed",
            "--stack-trace",
            st,
            "failed",
        ]),
        None,
    );
    out.expect_code(0);
    assert_eq!(out.json_lines()[0]["metadata"]["errorName"], "LookupFailed");
    // Not a trace any runtime writes: no name is made up.
    std::fs::write(env.path("t2"), "at main.rs:1\n").unwrap();
    let out = run_cmd(
        dry(&env).args([
            "log",
            "--dry-run",
            "--stack-trace",
            env.path("t2").to_str().unwrap(),
            "x",
        ]),
        None,
    );
    assert!(out.json_lines()[0]["metadata"].get("errorName").is_none());
}

/// line, level, message, timestamp, environment, traceId, stackTrace,
/// errorName, metadata.
type OtelCase<'a> = (
    String,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Value,
);

/// OpenTelemetry-shaped input (issue 13 item 5), each line as an SDK wrote
/// it, through both commands: the same level, message, time, environment,
/// traceId, stackTrace and metadata.
#[test]
fn opentelemetry_records_read_the_same_in_tail_stdin_and_ingest() {
    let env = Env::new();
    let py_resource = r#"{"attributes": {"telemetry.sdk.language": "python", "telemetry.sdk.name": "opentelemetry", "telemetry.sdk.version": "1.45.2", "service.instance.id": "a4bbb4e9-d208-45ce-b342-47312a53f670", "service.name": "checkout", "deployment.environment.name": "staging"}, "schema_url": ""}"#;
    let resource: Value = serde_json::from_str::<Value>(py_resource).unwrap()["attributes"].clone();
    let trace = "Traceback (most recent call last):\n  File \"/tmp/rf-otel.py\", line 17, in <module>\n    1/0\n    ~^~\nZeroDivisionError: division by zero\n";
    let cases: Vec<OtelCase> = vec![
        // opentelemetry-sdk 1.45 ConsoleLogExporter, LogRecord.to_json(indent=None).
        (
            format!(r#"{{"body": "cart c-1 is empty", "severity_number": 13, "severity_text": "WARN", "attributes": {{"user.id": 42, "code.file.path": "/tmp/rf-otel.py", "code.function.name": "<module>", "code.line.number": 14}}, "dropped_attributes": 0, "timestamp": "2026-12-01T12:32:22.935743Z", "observed_timestamp": "2026-12-01T12:32:22.935869Z", "trace_id": "0x00000000000000000000000000000000", "span_id": "0x0000000000000000", "trace_flags": 0, "resource": {py_resource}, "event_name": ""}}"#),
            "warn", "cart c-1 is empty", "2026-12-01T12:32:22.935743Z", "staging", None, None, None,
            json!({"user.id": 42, "code.file.path": "/tmp/rf-otel.py", "code.function.name": "<module>", "code.line.number": 14,
                   "dropped_attributes": 0, "observed_timestamp": "2026-12-01T12:32:22.935869Z", "trace_flags": 0,
                   "resource": resource, "event_name": ""}),
        ),
        (
            format!(r#"{{"body": "payment failed", "severity_number": 17, "severity_text": "ERROR", "attributes": {{"code.file.path": "/tmp/rf-otel.py", "code.function.name": "<module>", "code.line.number": 19, "exception.type": "ZeroDivisionError", "exception.message": "division by zero", "exception.stacktrace": {}}}, "dropped_attributes": 0, "timestamp": "2026-12-01T12:32:22.936344Z", "observed_timestamp": "2026-12-01T12:32:22.936381Z", "trace_id": "0x5eccb4f51c7d4d29b6d0612838de9983", "span_id": "0x3253b2afbd355674", "trace_flags": 3, "resource": {py_resource}, "event_name": ""}}"#, json!(trace)),
            "error", "payment failed", "2026-12-01T12:32:22.936344Z", "staging", Some("5eccb4f51c7d4d29b6d0612838de9983"), Some(trace), Some("ZeroDivisionError"),
            json!({"code.file.path": "/tmp/rf-otel.py", "code.function.name": "<module>", "code.line.number": 19,
                   "dropped_attributes": 0, "observed_timestamp": "2026-12-01T12:32:22.936381Z", "trace_flags": 3,
                   "spanId": "3253b2afbd355674", "resource": resource, "event_name": ""}),
        ),
        // OTLP/JSON LogRecords as opentelemetry-exporter-otlp-proto-common
        // encodes them (protobuf JSON: severityNumber as its enum name),
        // ids in hex as the OTLP/JSON rules want them, the batch's
        // resource beside the record.
        (
            r#"{"timeUnixNano": "1796128346353385728", "severityNumber": "SEVERITY_NUMBER_WARN", "severityText": "WARN", "body": {"stringValue": "cart c-1 is empty"}, "attributes": [{"key": "user.id", "value": {"intValue": "42"}}, {"key": "code.file.path", "value": {"stringValue": "/tmp/rf-otel2.py"}}, {"key": "code.line.number", "value": {"intValue": "28"}}], "observedTimeUnixNano": "1796128346353814678"}"#.to_string(),
            "warn", "cart c-1 is empty", "2026-12-01T12:32:26.353385Z", "production", None, None, None,
            json!({"user.id": 42, "code.file.path": "/tmp/rf-otel2.py", "code.line.number": 28, "observedTimeUnixNano": "1796128346353814678"}),
        ),
        (
            format!(r#"{{"resource": {{"attributes": [{{"key": "service.name", "value": {{"stringValue": "checkout"}}}}, {{"key": "deployment.environment.name", "value": {{"stringValue": "staging"}}}}]}}, "timeUnixNano": "1796128346363337472", "severityNumber": "SEVERITY_NUMBER_ERROR", "severityText": "ERROR", "body": {{"stringValue": "payment failed"}}, "attributes": [{{"key": "exception.type", "value": {{"stringValue": "ZeroDivisionError"}}}}, {{"key": "exception.message", "value": {{"stringValue": "division by zero"}}}}, {{"key": "exception.stacktrace", "value": {{"stringValue": {}}}}}], "flags": 3, "traceId": "3e69995db24f041a087ecd3624e40002", "spanId": "8e2223b533c6a2c7", "observedTimeUnixNano": "1796128346363427335"}}"#, json!(trace)),
            "error", "payment failed", "2026-12-01T12:32:26.363337Z", "staging", Some("3e69995db24f041a087ecd3624e40002"), Some(trace), Some("ZeroDivisionError"),
            json!({"resource": {"service.name": "checkout", "deployment.environment.name": "staging"}, "flags": 3,
                   "spanId": "8e2223b533c6a2c7", "observedTimeUnixNano": "1796128346363427335"}),
        ),
        // The issue's own line; an unset time (0) gives way to the observed
        // one; a kvlist body; attributes as an object; severityText alone.
        (
            r#"{"severityNumber":13,"body":"otel warn"}"#.to_string(),
            "warn", "otel warn", "read time", "production", None, None, None, json!({}),
        ),
        (
            r#"{"timeUnixNano":0,"observedTimeUnixNano":1700000000000000000,"severityText":"Error","body":{"kvlistValue":{"values":[{"key":"a","value":{"intValue":"1"}}]}},"attributes":{"http.status":500},"traceId":"","spanId":""}"#.to_string(),
            "error", r#"{"a":1}"#, "2023-11-14T22:13:20.000000Z", "production", None, None, None, json!({"http.status": 500}),
        ),
    ];
    let input: String = cases.iter().map(|c| format!("{}\n", c.0)).collect();
    let file = env.path("otel.jsonl");
    std::fs::write(&file, &input).unwrap();
    let from_tail = tail(&env, &[], input.as_bytes());
    let (code, from_ingest, stderr) = ingest(&env, &[file.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(from_tail.len(), cases.len(), "{from_tail:?}");
    assert_eq!(from_ingest.len(), cases.len(), "{from_ingest:?}");
    for (i, (line, level, message, ts, environment, trace_id, stack, error_name, meta)) in
        cases.iter().enumerate()
    {
        for (cmd, got) in [("tail-stdin", &from_tail[i]), ("ingest", &from_ingest[i])] {
            let want = json!({
                "message": message,
                "level": level,
                "timestamp": ts,
                "stackTrace": stack,
                "errorName": error_name,
                "metadata": meta,
            });
            assert_eq!(
                norm(got, *ts == "read time"),
                want,
                "{cmd}, line {}: {line}",
                i + 1
            );
            assert_eq!(got["environment"], *environment, "{cmd}, line {}", i + 1);
            match trace_id {
                Some(t) => assert_eq!(got["traceId"], *t, "{cmd}, line {}", i + 1),
                // The run's own id, not the SDK's all-zero "no trace".
                None => {
                    let t = got["traceId"].as_str().unwrap();
                    assert!(
                        !t.trim_start_matches("0x").bytes().all(|c| c == b'0'),
                        "{cmd}: {t}"
                    );
                }
            }
        }
    }
}

/// A plain text line reads the same in `tail-stdin` and in `ingest
/// --format text` (THE plain-line reading): its level detected, a
/// `--timestamps` prefix as its time, colours out of the message.
#[test]
fn plain_lines_read_the_same_in_tail_stdin_and_ingest_text() {
    let env = Env::new();
    let input: &[u8] = b"connected to db\n\
ERROR failed to open /var/lib/x\n\
[warn] disk 91% full\n\
level=debug msg=probe\n\
2026-12-01T10:00:00.25Z WARN slow disk\n\
2026-12-01T10:00:01Z \x1b[31mERROR\x1b[0m \x1b[1mcoloured\x1b[0m\n\
\x1b[32mINFO\x1b[0m ready\n\
Errors so far: 3\n\
2026-01-01 10:00:00,123 INFO an application's own time stays\n";
    let path = env.path("app.log");
    std::fs::write(&path, input).unwrap();
    let from_tail = tail(&env, &["--multiline", "off"], input);
    let (code, from_ingest, err) = ingest(&env, &["--format", "text", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(from_tail.len(), 9);
    assert_eq!(from_ingest.len(), 9, "{err}");
    // Lines without a time of their own are stamped when read.
    let own_time = |e: &Value| {
        !e["message"].as_str().unwrap().contains("own time") && {
            let t = e["timestamp"].as_str().unwrap();
            t.starts_with("2026-12-01T10:00:0")
        }
    };
    for (t, i) in from_tail.iter().zip(&from_ingest) {
        assert_eq!(
            norm(t, !own_time(t)),
            norm(i, !own_time(i)),
            "tail {t}\ningest {i}"
        );
    }
    let levels: Vec<&str> = from_ingest
        .iter()
        .map(|e| e["level"].as_str().unwrap())
        .collect();
    assert_eq!(
        levels,
        ["info", "error", "warn", "debug", "warn", "error", "info", "info", "info"]
    );
    assert_eq!(from_ingest[4]["message"], "WARN slow disk");
    assert_eq!(from_ingest[4]["timestamp"], "2026-12-01T10:00:00.250000Z");
    assert_eq!(from_ingest[5]["message"], "ERROR coloured");
    assert_eq!(from_ingest[6]["message"], "INFO ready");
    // --level is the default of lines without one, in ingest as for
    // structured records.
    let (_, warned, _) = ingest(
        &env,
        &[
            "--format",
            "text",
            "--level",
            "warn",
            path.to_str().unwrap(),
        ],
    );
    assert_eq!(warned[0]["level"], "warn");
    assert_eq!(warned[1]["level"], "error");
}

/// A BOM that opens the input is dropped by tail-stdin as by ingest (one
/// rule, `formats::without_bom`): a JSON first line is read as JSON, a text
/// one without the mark. A BOM further on is text in both.
#[test]
fn a_bom_that_opens_the_input_is_dropped_alike_by_tail_stdin_and_ingest() {
    let env = Env::new();
    // The format, the input, and each entry's message and level.
    type Case<'a> = (&'a str, &'a [u8], [(&'a str, &'a str); 2]);
    let cases: [Case; 2] = [
        (
            "jsonl",
            b"\xef\xbb\xbf{\"message\":\"j\",\"level\":\"error\"}\n{\"message\":\"\xef\xbb\xbfk\"}\n",
            [("j", "error"), ("\u{feff}k", "info")],
        ),
        (
            "text",
            b"\xef\xbb\xbfERROR boom\n\xef\xbb\xbfok\n",
            [("ERROR boom", "error"), ("\u{feff}ok", "info")],
        ),
    ];
    for (format, input, want) in cases {
        let path = env.path(&format!("in.{format}"));
        std::fs::write(&path, input).unwrap();
        let from_tail = tail(&env, &["--multiline", "off"], input);
        let (code, from_ingest, err) = ingest(&env, &["--format", format, path.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        for (cmd, got) in [("tail-stdin", &from_tail), ("ingest", &from_ingest)] {
            let read: Vec<(&str, &str)> = got
                .iter()
                .map(|e| (e["message"].as_str().unwrap(), e["level"].as_str().unwrap()))
                .collect();
            assert_eq!(read, want, "{format}: {cmd}");
        }
        for (t, i) in from_tail.iter().zip(&from_ingest) {
            assert_eq!(norm(t, true), norm(i, true), "{format}");
        }
    }
}
