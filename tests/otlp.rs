//! OTLP (issue 13) against decoders written by others: the OpenTelemetry
//! project's Python `opentelemetry-proto` + `protobuf` decode what
//! `sender::otlp` encodes (tests/support/otlp_receiver.py), the official
//! Python exporter sends to `auralog serve`, and the OTEL_* settings.
//!
//! The first tests drive the encoder directly and post with ureq, as the
//! seam's HttpSink does; the last ones go through the sending commands
//! (`outputs = otlp`, and `auralogs,otlp`).

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use auralog::sender::otlp::{self, Answer, Otlp, Parts};
use auralog::wire::{Entry, Level};
use serde_json::{json, Map, Value};

use crate::support::{run_cmd, Env, Serve};

const UUID: &str = "4bf92f35-77b3-4da6-a3ce-929d0e0e4736";
const TRACEPARENT: &str = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

/// The test venv's Python if it has the OpenTelemetry packages; else skip.
fn python(modules: &str) -> Option<String> {
    let python = std::env::var("AURALOG_SDK_PYTHON").unwrap_or_else(|_| "python3".into());
    let ok = Command::new(&python)
        .args(["-c", &format!("import {modules}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        crate::support::skip(&format!(
            "{modules} not importable with {python} (scripts/test installs tests/otlp-requirements.txt; set AURALOG_SDK_PYTHON)"
        ));
        return None;
    }
    Some(python)
}

/// tests/support/otlp_receiver.py, running; its records file.
struct PyReceiver {
    child: Child,
    url: String,
    records: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl PyReceiver {
    fn start(python: &str, answers: &[&str]) -> PyReceiver {
        let dir = tempfile::tempdir().unwrap();
        let records = dir.path().join("records.jsonl");
        let script = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/support/otlp_receiver.py"
        );
        let mut child = Command::new(python)
            .arg(script)
            .arg(&records)
            .args(answers)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the Python receiver");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .split_whitespace()
            .nth(1)
            .unwrap_or_else(|| panic!("receiver said: {line}"))
            .to_string();
        PyReceiver {
            child,
            url,
            records,
            _dir: dir,
        }
    }

    fn records(&self) -> Vec<Value> {
        let text = std::fs::read_to_string(&self.records).unwrap_or_default();
        let v: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        for r in &v {
            assert!(r.get("error").is_none(), "the receiver refused: {r}");
        }
        v
    }
}

impl Drop for PyReceiver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn output(url: &str, protocol: &str) -> Otlp {
    Otlp::from_parts(&Parts {
        url,
        protocol,
        headers: "authorization=Bearer s3cret,x-team=infra",
        service_name: "billing",
        environment: "production",
        resource_attributes: "service.version=9.9.9,team=infra%20ops",
        traceparent: Some(TRACEPARENT),
    })
}

/// Entries covering every row of the mapping table.
fn entries() -> Vec<Entry> {
    let meta = |v: Value| v.as_object().unwrap().clone();
    vec![
        Entry {
            level: Level::Warn,
            message: "disk low".into(),
            environment: "production".into(),
            timestamp: "2026-11-22T10:00:00.123456Z".into(),
            metadata: meta(json!({
                "n": 3, "x": 1.5, "big": 1e300, "ok": true, "s": "str",
                "o": {"a": [1, "b", 2.5], "inner": {"k": "v"}},
                "flowId": "f-1", "flowName": "deploy", "stepIndex": 2,
                "file": "app.log", "line": 42, "errorName": "ValueError",
            })),
            stack_trace: Some("Traceback ...\n  at x".into()),
            trace_id: UUID.into(),
        },
        Entry {
            level: Level::Debug,
            message: "d".into(),
            environment: "staging".into(),
            timestamp: "2026-11-22T10:00:01.000000Z".into(),
            metadata: Map::new(),
            stack_trace: None,
            trace_id: "deploy-42".into(),
        },
        Entry {
            level: Level::Info,
            message: "i".into(),
            environment: "production".into(),
            timestamp: "2026-11-22T10:00:02.000000Z".into(),
            metadata: Map::new(),
            stack_trace: None,
            trace_id: UUID.into(),
        },
        Entry {
            level: Level::Error,
            message: "e".into(),
            ..entry_like()
        },
        Entry {
            level: Level::Fatal,
            message: "f".into(),
            ..entry_like()
        },
    ]
}

fn entry_like() -> Entry {
    Entry {
        level: Level::Info,
        message: String::new(),
        environment: "production".into(),
        timestamp: "2026-11-22T10:00:03.000000Z".into(),
        metadata: Map::new(),
        stack_trace: None,
        trace_id: UUID.into(),
    }
}

/// One batch as the seam builds it: records joined by a comma.
fn batch(o: &Otlp, entries: &[Entry]) -> Vec<u8> {
    let (mut body, mut ends) = (Vec::new(), Vec::new());
    for (i, e) in entries.iter().enumerate() {
        if i > 0 {
            body.push(b',');
        }
        o.encode(e, &mut body);
        ends.push(body.len());
    }
    let mut out = Vec::new();
    o.body(&body, &ends, &mut out);
    out
}

/// POST as the HttpSink does: content type, headers, gzip.
fn post(o: &Otlp, body: &[u8], gzip: bool) -> (u16, String, Vec<u8>, Option<String>) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut req = agent.post(&o.url).header("Content-Type", o.content_type());
    for (k, v) in &o.headers {
        req = req.header(k, v);
    }
    let body = if gzip {
        req = req.header("Content-Encoding", "gzip");
        let mut g = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        g.write_all(body).unwrap();
        g.finish().unwrap()
    } else {
        body.to_vec()
    };
    let mut resp = req.send(&body[..]).expect("request");
    let status = resp.status().as_u16();
    let h = |n: &str| {
        resp.headers()
            .get(n)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let ct = h("content-type").unwrap_or_default();
    let retry_after = h("retry-after");
    let bytes = resp.body_mut().read_to_vec().unwrap();
    (status, ct, bytes, retry_after)
}

fn now_nanos() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
}

#[test]
fn python_decodes_every_field_of_the_mapping() {
    let Some(py) = python("opentelemetry.proto.collector.logs.v1.logs_service_pb2") else {
        return;
    };
    for protocol in ["http/protobuf", "http/json"] {
        for gzip in [false, true] {
            let rx = PyReceiver::start(&py, &[]);
            let o = output(&format!("{}/v1/logs", rx.url), protocol);
            let before = now_nanos();
            let (status, _, _, _) = post(&o, &batch(&o, &entries()), gzip);
            let after = now_nanos();
            assert_eq!(status, 200, "{protocol} gzip={gzip}");
            let r = rx.records();
            let what = format!("{protocol} gzip={gzip}");
            assert_eq!(r.len(), 5, "{what}");
            let req = &r[0]["request"];
            let ct = if protocol == "http/json" {
                "application/json"
            } else {
                "application/x-protobuf"
            };
            assert_eq!(req["contentType"], ct, "{what}");
            assert_eq!(req["gzip"], gzip, "{what}");
            // One resource/scope group per batch, not one per record.
            assert_eq!(req["groups"], 1, "{what}");
            assert_eq!(req["scopes"], 1, "{what}");
            assert_eq!(req["headers"]["authorization"], "Bearer s3cret", "{what}");
            assert_eq!(req["headers"]["x-team"], "infra", "{what}");

            let res = &r[0]["resource"];
            assert_eq!(res["service.name"], json!({"stringValue": "billing"}));
            // OTEL_RESOURCE_ATTRIBUTES overrides service.version, decoded.
            assert_eq!(res["service.version"], json!({"stringValue": "9.9.9"}));
            assert_eq!(res["team"], json!({"stringValue": "infra ops"}));
            assert!(res["host.name"]["stringValue"].is_string(), "{res}");
            assert_eq!(
                res["deployment.environment.name"],
                json!({"stringValue": "production"})
            );
            assert_eq!(
                r[0]["scope"],
                json!({"name": "auralog", "version": env!("CARGO_PKG_VERSION")})
            );

            let w = &r[0];
            assert_eq!(w["timeUnixNano"], 1_795_341_600_123_456_000u64, "{what}");
            let observed = w["observedTimeUnixNano"].as_u64().unwrap();
            assert!(
                observed >= before / 1000 * 1000 - 1000 && observed <= after,
                "{what}"
            );
            assert_eq!(w["severityNumber"], 13);
            assert_eq!(w["severityText"], "WARN");
            assert_eq!(w["body"], json!({"stringValue": "disk low"}));
            assert_eq!(w["traceId"], "4bf92f3577b34da6a3ce929d0e0e4736");
            // TRACEPARENT's parent id, for the entries in its trace.
            assert_eq!(w["spanId"], "00f067aa0ba902b7");
            let a = &w["attributes"];
            assert_eq!(a["n"], json!({"intValue": 3}), "{what}");
            assert_eq!(a["x"], json!({"doubleValue": 1.5}), "{what}");
            assert_eq!(a["big"], json!({"doubleValue": 1e300}), "{what}");
            assert_eq!(a["ok"], json!({"boolValue": true}));
            assert_eq!(a["s"], json!({"stringValue": "str"}));
            assert_eq!(
                a["o"],
                json!({"kvlistValue": {
                    "a": {"arrayValue": [{"intValue": 1}, {"stringValue": "b"}, {"doubleValue": 2.5}]},
                    "inner": {"kvlistValue": {"k": {"stringValue": "v"}}},
                }}),
                "{what}"
            );
            assert_eq!(a["auralog.flow.id"], json!({"stringValue": "f-1"}));
            assert_eq!(a["auralog.flow.name"], json!({"stringValue": "deploy"}));
            assert_eq!(a["auralog.flow.step"], json!({"intValue": 2}));
            assert_eq!(a["log.file.path"], json!({"stringValue": "app.log"}));
            assert_eq!(a["auralog.file.line"], json!({"intValue": 42}));
            assert_eq!(a["exception.type"], json!({"stringValue": "ValueError"}));
            assert_eq!(
                a["exception.stacktrace"],
                json!({"stringValue": "Traceback ...\n  at x"})
            );
            assert!(a.get("flowId").is_none() && a.get("errorName").is_none());
            // The same environment as the resource: no attribute.
            assert!(a.get("deployment.environment.name").is_none());

            let d = &r[1];
            assert_eq!(d["severityNumber"], 5);
            assert_eq!(d["severityText"], "DEBUG");
            // Not a UUID: hashed exactly as `trace exec` does for TRACEPARENT.
            let hashed = auralog::trace_id::to_w3c("deploy-42");
            assert_eq!(d["traceId"], hashed.as_str());
            assert_eq!(&auralog::trace_id::traceparent("deploy-42")[3..35], hashed);
            assert_eq!(d["spanId"], "", "another trace: no span id");
            assert_eq!(
                d["attributes"]["deployment.environment.name"],
                json!({"stringValue": "staging"})
            );
            let sev: Vec<(u64, &str)> = r
                .iter()
                .map(|x| {
                    (
                        x["severityNumber"].as_u64().unwrap(),
                        x["severityText"].as_str().unwrap(),
                    )
                })
                .collect();
            assert_eq!(
                sev,
                [
                    (13, "WARN"),
                    (5, "DEBUG"),
                    (9, "INFO"),
                    (17, "ERROR"),
                    (21, "FATAL")
                ]
            );
        }
    }
}

#[test]
fn failure_semantics_against_the_python_receiver() {
    let Some(py) = python("opentelemetry.proto.collector.logs.v1.logs_service_pb2") else {
        return;
    };
    for protocol in ["http/protobuf", "http/json"] {
        let rx = PyReceiver::start(
            &py,
            &[
                "429:retry-after=3",
                "502",
                "503",
                "504",
                "400",
                "404",
                "500",
                "200:partial=2",
                "200",
            ],
        );
        let o = output(&format!("{}/v1/logs", rx.url), protocol);
        let body = batch(&o, &entries());
        let mut answers = Vec::new();
        let mut attempts = Vec::new();
        for _ in 0..9 {
            let (status, ct, bytes, ra) = post(&o, &body, false);
            let (attempt, partial) = otlp::attempt(status, ra.as_deref(), &ct, &bytes);
            attempts.push((attempt, partial));
            answers.push((status, otlp::classify(status, &ct, &bytes), ra));
        }
        assert_eq!(
            attempts[0].0,
            auralog::sender::Attempt::Retry {
                reason: "OTLP receiver answered 429".into(),
                after: Some(Duration::from_secs(3))
            },
            "Retry-After honoured"
        );
        assert!(matches!(
            attempts[5].0,
            auralog::sender::Attempt::Reject { status: 404, .. }
        ));
        assert!(
            matches!(
                &attempts[7].0,
                auralog::sender::Attempt::Partial { rejected: 2, message }
                    if message.contains("some records refused by script")
            ),
            "{protocol}: {:?}",
            attempts[7].0
        );
        assert_eq!(attempts[8].0, auralog::sender::Attempt::Delivered);
        assert_eq!(attempts[7].1.as_ref().map(|p| p.0), Some(2), "{protocol}");
        assert_eq!(attempts[8].1, None);
        assert_eq!(
            answers[0].2.as_deref(),
            Some("3"),
            "Retry-After reaches the sink"
        );
        for (status, a, _) in &answers[..4] {
            assert!(
                matches!(a, Answer::Retry { .. }),
                "{protocol} {status}: {a:?}"
            );
        }
        for (status, a, _) in &answers[4..7] {
            match a {
                Answer::Reject { status: s, message } => {
                    assert_eq!(s, status);
                    assert_eq!(message, "refused by script", "the answer is kept");
                }
                other => panic!("{protocol} {status}: {other:?}"),
            }
        }
        assert_eq!(
            answers[7].1,
            Answer::Accepted {
                rejected: 2,
                message: "some records refused by script".into()
            },
            "{protocol}"
        );
        assert_eq!(
            answers[8].1,
            Answer::Accepted {
                rejected: 0,
                message: String::new()
            },
            "{protocol}"
        );
        assert_eq!(rx.records().len(), 10, "two accepted batches of five");
    }
}

#[test]
fn serve_shows_and_counts_otlp_protobuf_and_json() {
    let env = Env::new();
    let serve = Serve::start(&env, &[]);
    let mut sent = 0;
    for (protocol, gzip) in [("http/protobuf", false), ("http/json", true)] {
        let o = output(&format!("{}/v1/logs", serve.url), protocol);
        let (status, ct, bytes, _) = post(&o, &batch(&o, &entries()), gzip);
        assert_eq!(status, 200, "{protocol}");
        // The answer is an ExportLogsServiceResponse in the request's encoding.
        assert_eq!(ct, o.content_type());
        assert_eq!(
            otlp::classify(status, &ct, &bytes),
            Answer::Accepted {
                rejected: 0,
                message: String::new()
            }
        );
        sent += 5;
    }
    let got = serve.wait_entries(sent, Duration::from_secs(10));
    assert_eq!(got.len(), sent);
    for half in got.chunks(5) {
        let w = &half[0];
        assert_eq!(w["level"], "warn");
        assert_eq!(w["message"], "disk low");
        assert_eq!(w["timestamp"], "2026-11-22T10:00:00.123456Z");
        assert_eq!(w["traceId"], UUID);
        assert_eq!(w["stackTrace"], "Traceback ...\n  at x");
        assert_eq!(w["metadata"]["n"], 3);
        assert_eq!(w["metadata"]["x"], 1.5);
        assert_eq!(w["metadata"]["o"]["a"], json!([1, "b", 2.5]));
        assert_eq!(w["metadata"]["flowId"], "f-1");
        assert_eq!(w["metadata"]["errorName"], "ValueError");
        assert_eq!(w["metadata"]["resource"]["service.name"], "billing");
        assert_eq!(half[1]["environment"], "staging");
        let levels: Vec<&str> = half.iter().map(|e| e["level"].as_str().unwrap()).collect();
        assert_eq!(levels, ["warn", "debug", "info", "error", "fatal"]);
    }
    let (_, stderr) = serve.stop_with_stderr();
    assert!(stderr.contains("10 entries in 2 requests"), "{stderr}");
}

#[test]
fn serve_tells_an_auralogs_body_from_an_otlp_one() {
    let env = Env::new();
    let serve = Serve::start(&env, &[]);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let auralogs = json!({"projectApiKey": "k", "logs": [{"level": "info", "message": "plain",
        "environment": "production", "timestamp": "2026-11-22T10:00:00.000000Z", "traceId": "t"}]});
    let r = agent
        .post(&format!("{}/v1/logs", serve.url))
        .header("Content-Type", "application/json")
        .send(auralogs.to_string().as_bytes())
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let bad = agent
        .post(&format!("{}/v1/logs", serve.url))
        .header("Content-Type", "application/x-protobuf")
        .send(&b"\xff\xff\xff"[..])
        .unwrap();
    assert_eq!(bad.status().as_u16(), 400, "garbage protobuf is refused");
    let got = serve.wait_entries(1, Duration::from_secs(5));
    assert_eq!(got[0]["message"], "plain");
    assert_eq!(got.len(), 1);
}

/// The official OpenTelemetry Python SDK and OTLP/HTTP exporter send to
/// `auralog serve`, which shows and counts their records.
#[test]
fn official_python_exporter_sends_to_serve() {
    let Some(py) = python("opentelemetry.sdk, opentelemetry.exporter.otlp.proto.http") else {
        return;
    };
    let env = Env::new();
    let serve = Serve::start(&env, &[]);
    let script = r#"
import logging, os
from opentelemetry.sdk._logs import LoggerProvider, LoggingHandler
from opentelemetry.sdk._logs.export import SimpleLogRecordProcessor
from opentelemetry.exporter.otlp.proto.http._log_exporter import OTLPLogExporter
from opentelemetry.sdk.resources import Resource
provider = LoggerProvider(resource=Resource.create({"service.name": "py-app", "deployment.environment.name": "dev"}))
provider.add_log_record_processor(SimpleLogRecordProcessor(OTLPLogExporter()))
log = logging.getLogger("app")
log.setLevel(logging.DEBUG)
log.addHandler(LoggingHandler(level=logging.DEBUG, logger_provider=provider))
log.debug("otel debug")
log.info("otel info", extra={"n": 7, "ratio": 0.5})
log.warning("otel warn")
try:
    raise ValueError("boom")
except ValueError:
    log.exception("otel error")
log.critical("otel fatal")
provider.shutdown()
"#;
    let out = Command::new(&py)
        .args(["-c", script])
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", &serve.url)
        .env_remove("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT")
        .env_remove("OTEL_EXPORTER_OTLP_PROTOCOL")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = serve.wait_entries(5, Duration::from_secs(10));
    let brief: Vec<(&str, &str)> = got
        .iter()
        .map(|e| (e["level"].as_str().unwrap(), e["message"].as_str().unwrap()))
        .collect();
    assert_eq!(
        brief,
        [
            ("debug", "otel debug"),
            ("info", "otel info"),
            ("warn", "otel warn"),
            ("error", "otel error"),
            ("fatal", "otel fatal")
        ]
    );
    assert_eq!(got[1]["metadata"]["n"], 7);
    assert_eq!(got[1]["metadata"]["ratio"], 0.5);
    assert_eq!(got[0]["environment"], "dev");
    assert_eq!(got[0]["metadata"]["resource"]["service.name"], "py-app");
    assert!(
        got[3]["stackTrace"]
            .as_str()
            .is_some_and(|s| s.contains("ValueError: boom")),
        "{}",
        got[3]
    );
    assert_eq!(got[3]["metadata"]["errorName"], "ValueError");
    let (_, stderr) = serve.stop_with_stderr();
    assert!(stderr.contains("5 entries in 5 requests"), "{stderr}");
}

fn config_show(env: &Env, vars: &[(&str, &str)]) -> String {
    let mut cmd = env.cmd();
    cmd.args(["config", "show"]);
    for (k, v) in vars {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn row<'a>(show: &'a str, key: &str) -> &'a str {
    show.lines()
        .find(|l| l.split_whitespace().next() == Some(key))
        .unwrap_or_else(|| panic!("no {key} in {show}"))
}

#[test]
fn otel_environment_names_with_auralog_first() {
    let env = Env::new();
    let s = config_show(
        &env,
        &[
            ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json"),
            (
                "OTEL_EXPORTER_OTLP_HEADERS",
                "authorization=Bearer topsecretvalue",
            ),
            ("OTEL_SERVICE_NAME", "billing"),
            ("OTEL_RESOURCE_ATTRIBUTES", "team=infra"),
        ],
    );
    assert!(
        row(&s, "otlp_endpoint").contains("http://collector:4318")
            && row(&s, "otlp_endpoint").contains("env OTEL_EXPORTER_OTLP_ENDPOINT"),
        "{s}"
    );
    assert!(row(&s, "otlp_protocol").contains("http/json"), "{s}");
    assert!(row(&s, "service_name").contains("billing"), "{s}");
    assert!(row(&s, "resource_attributes").contains("team=infra"), "{s}");
    assert!(
        row(&s, "otlp_headers").contains("authorization=****"),
        "{s}"
    );
    assert!(!s.contains("topsecret"), "a header value was printed: {s}");

    // AURALOG_* over OTEL_*; the signal-specific OTEL name over the generic.
    let s = config_show(
        &env,
        &[
            ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://generic:4318"),
            (
                "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
                "http://logs:4318/custom",
            ),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json"),
            ("AURALOG_OTLP_PROTOCOL", "http/protobuf"),
            ("OTEL_SERVICE_NAME", "otel-name"),
            ("AURALOG_SERVICE_NAME", "auralog-name"),
        ],
    );
    assert!(
        row(&s, "otlp_endpoint").contains("env OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"),
        "{s}"
    );
    assert!(
        row(&s, "otlp_protocol").contains("env AURALOG_OTLP_PROTOCOL"),
        "{s}"
    );
    assert!(row(&s, "service_name").contains("auralog-name"), "{s}");

    // grpc is not spoken: a configuration problem naming the variable.
    let s = config_show(&env, &[("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")]);
    assert!(s.contains("invalid OTEL_EXPORTER_OTLP_PROTOCOL"), "{s}");
    assert!(row(&s, "otlp_protocol").contains("default"), "{s}");
}

#[test]
fn outputs_is_a_list_in_the_file_or_the_environment() {
    let env = Env::new();
    env.write_config("outputs = [\"auralogs\", \"otlp\"]\n");
    let s = config_show(&env, &[]);
    assert!(row(&s, "outputs").contains("auralogs,otlp"), "{s}");
    let s = config_show(&env, &[("AURALOG_OUTPUTS", "otlp")]);
    assert!(row(&s, "outputs").contains("env AURALOG_OUTPUTS"), "{s}");
    let s = config_show(&env, &[("AURALOG_OUTPUTS", "auralogs,kafka")]);
    assert!(s.contains("invalid AURALOG_OUTPUTS"), "{s}");
    assert!(s.contains("'kafka'"), "{s}");
}

#[test]
fn ingest_raw_with_an_otlp_output_is_a_usage_error() {
    let env = Env::new();
    let file = env.path("a.jsonl");
    std::fs::write(&file, "{\"message\":\"x\"}\n").unwrap();
    let out = env.run(&[
        "ingest",
        "--raw",
        "--outputs",
        "otlp",
        file.to_str().unwrap(),
    ]);
    out.expect_code(2);
    assert!(out.stderr.contains("--raw"), "{}", out.stderr);
    assert!(out.stderr.contains("OTLP"), "{}", out.stderr);
}

/// OTLP rides on the blocking ureq client: no async runtime or its HTTP
/// stacks come in with opentelemetry-proto. Cargo.lock holds every package
/// any build of auralog can use, so what is not there is not in
/// `cargo tree -e normal` either (scripts/test checks that tree as well).
#[test]
fn no_async_runtime_or_its_http_stacks() {
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock")).unwrap();
    let names: Vec<&str> = lock
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .map(|l| l.trim_end_matches('"'))
        .collect();
    assert!(names.contains(&"opentelemetry-proto") && names.contains(&"prost"));
    for banned in ["tokio", "hyper", "tonic", "reqwest", "h2", "async-std"] {
        assert!(!names.contains(&banned), "{banned} is in Cargo.lock");
    }
}

/// With `serve --api-key`, an OTLP client sends the key as `X-API-Key` or
/// `Authorization: Bearer`; without it the request is refused (401).
#[test]
fn serve_demands_the_key_of_otlp_clients_too() {
    let env = Env::new();
    let serve = Serve::start(&env, &["--api-key", "aura_otlp_key_0000"]);
    let url = format!("{}/v1/logs", serve.url);
    let o = output(&url, "http/protobuf");
    let body = batch(&o, &entries()[..1]);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let send = |h: Option<(&str, &str)>| {
        let mut r = agent
            .post(&url)
            .header("Content-Type", "application/x-protobuf");
        if let Some((k, v)) = h {
            r = r.header(k, v);
        }
        r.send(&body[..]).unwrap().status().as_u16()
    };
    assert_eq!(send(None), 401);
    assert_eq!(send(Some(("X-API-Key", "wrong"))), 401);
    assert_eq!(send(Some(("X-API-Key", "aura_otlp_key_0000"))), 200);
    assert_eq!(
        send(Some(("Authorization", "Bearer aura_otlp_key_0000"))),
        200
    );
    assert_eq!(serve.wait_entries(2, Duration::from_secs(5)).len(), 2);
}

// ---- Through the sending commands (`outputs = otlp`) ----

/// `auralog` set up to send to the Python receiver only, as
/// [`output`] is configured (headers, service, resource), by environment.
fn otlp_cmd(env: &Env, rx: &PyReceiver, protocol: &str, gzip: bool) -> Command {
    let mut c = env.cmd();
    c.env("AURALOG_OUTPUTS", "otlp")
        .env("AURALOG_OTLP_ENDPOINT", &rx.url)
        .env("AURALOG_OTLP_PROTOCOL", protocol)
        .env(
            "AURALOG_OTLP_HEADERS",
            "authorization=Bearer s3cret,x-team=infra",
        )
        .env("AURALOG_SERVICE_NAME", "billing")
        .env(
            "AURALOG_RESOURCE_ATTRIBUTES",
            "service.version=9.9.9,team=infra%20ops",
        )
        .env("AURALOG_ENVIRONMENT", "production")
        .env("AURALOG_COMPRESS", if gzip { "true" } else { "false" })
        .env("AURALOG_SPOOL_DIR", env.path("spool"))
        .env("TRACEPARENT", TRACEPARENT);
    c
}

/// What every record a command sent must carry: the request facts, the
/// resource and scope (as the direct test asserts them).
fn assert_request_and_resource(r: &Value, protocol: &str, gzip: bool) {
    let what = format!("{protocol} gzip={gzip}: {r}");
    let req = &r["request"];
    let ct = if protocol == "http/json" {
        "application/json"
    } else {
        "application/x-protobuf"
    };
    assert_eq!(req["contentType"], ct, "{what}");
    assert_eq!(req["gzip"], gzip, "{what}");
    assert_eq!(req["groups"], 1, "{what}");
    assert_eq!(req["scopes"], 1, "{what}");
    assert_eq!(req["headers"]["authorization"], "Bearer s3cret", "{what}");
    assert_eq!(req["headers"]["x-team"], "infra", "{what}");
    let res = &r["resource"];
    assert_eq!(
        res["service.name"],
        json!({"stringValue": "billing"}),
        "{what}"
    );
    assert_eq!(res["service.version"], json!({"stringValue": "9.9.9"}));
    assert_eq!(res["team"], json!({"stringValue": "infra ops"}));
    assert_eq!(
        res["deployment.environment.name"],
        json!({"stringValue": "production"})
    );
    assert_eq!(
        r["scope"],
        json!({"name": "auralog", "version": env!("CARGO_PKG_VERSION")})
    );
}

#[test]
fn log_sends_otlp_to_the_python_receiver() {
    let Some(py) = python("opentelemetry.proto.collector.logs.v1.logs_service_pb2") else {
        return;
    };
    for protocol in ["http/protobuf", "http/json"] {
        for gzip in [false, true] {
            let env = Env::new();
            let rx = PyReceiver::start(&py, &[]);
            let stack = env.path("stack.txt");
            std::fs::write(&stack, "Traceback ...\n  at x").unwrap();
            let meta = r#"{"n":3,"x":1.5,"ok":true,"s":"str","o":{"a":[1,"b",2.5]},"errorName":"ValueError"}"#;
            let out = run_cmd(
                otlp_cmd(&env, &rx, protocol, gzip).args([
                    "log",
                    "--json",
                    // No API key: it must not block the OTLP output.
                    "--strict",
                    "--no-ci-metadata",
                    "--level",
                    "warn",
                    "--trace-id",
                    UUID,
                    "--metadata-json",
                    meta,
                    "--stack-trace",
                    stack.to_str().unwrap(),
                    "disk low",
                ]),
                None,
            );
            out.expect_code(0);
            let what = format!("{protocol} gzip={gzip}");
            let res: Value = serde_json::from_str(out.stdout.trim()).unwrap();
            assert_eq!(res["delivered"], 1, "{what}: {}", out.stdout);
            let r = rx.records();
            assert_eq!(r.len(), 1, "{what}");
            assert_request_and_resource(&r[0], protocol, gzip);
            let w = &r[0];
            assert_eq!(w["severityNumber"], 13, "{what}");
            assert_eq!(w["severityText"], "WARN");
            assert_eq!(w["body"], json!({"stringValue": "disk low"}));
            assert_eq!(w["traceId"], "4bf92f3577b34da6a3ce929d0e0e4736");
            assert_eq!(w["spanId"], "00f067aa0ba902b7");
            let a = &w["attributes"];
            assert_eq!(a["n"], json!({"intValue": 3}), "{what}");
            assert_eq!(a["x"], json!({"doubleValue": 1.5}), "{what}");
            assert_eq!(a["ok"], json!({"boolValue": true}));
            assert_eq!(a["s"], json!({"stringValue": "str"}));
            assert_eq!(
                a["o"],
                json!({"kvlistValue": {
                    "a": {"arrayValue": [{"intValue": 1}, {"stringValue": "b"}, {"doubleValue": 2.5}]},
                }}),
                "{what}"
            );
            assert_eq!(a["exception.type"], json!({"stringValue": "ValueError"}));
            assert_eq!(
                a["exception.stacktrace"],
                json!({"stringValue": "Traceback ...\n  at x"})
            );
            assert!(a.get("errorName").is_none());
        }
    }
}

/// Lines as tail-stdin and ingest read them: levels, messages, metadata.
fn jsonl(n: usize) -> String {
    let levels = ["info", "warn", "debug", "error"];
    (0..n)
        .map(|i| {
            format!(
                "{{\"level\":\"{}\",\"message\":\"number {i}\",\"n\":{i}}}\n",
                levels[i % 4]
            )
        })
        .collect()
}

fn assert_jsonl_records(r: &[Value], n: usize, protocol: &str, gzip: bool) {
    let what = format!("{protocol} gzip={gzip}");
    assert_eq!(r.len(), n, "{what}");
    let mut seen: Vec<u64> = Vec::new();
    for w in r {
        assert_request_and_resource(w, protocol, gzip);
        let i = w["attributes"]["n"]["intValue"].as_u64().unwrap();
        assert_eq!(w["body"], json!({"stringValue": format!("number {i}")}));
        let (num, text) = [(9, "INFO"), (13, "WARN"), (5, "DEBUG"), (17, "ERROR")][i as usize % 4];
        assert_eq!(w["severityNumber"], num, "{what}: {w}");
        assert_eq!(w["severityText"], text, "{what}");
        seen.push(i);
    }
    seen.sort_unstable();
    assert_eq!(seen, (0..n as u64).collect::<Vec<_>>(), "{what}");
}

#[test]
fn tail_stdin_and_ingest_send_otlp_to_the_python_receiver() {
    let Some(py) = python("opentelemetry.proto.collector.logs.v1.logs_service_pb2") else {
        return;
    };
    for protocol in ["http/protobuf", "http/json"] {
        for gzip in [false, true] {
            let env = Env::new();
            let rx = PyReceiver::start(&py, &[]);
            let out = run_cmd(
                otlp_cmd(&env, &rx, protocol, gzip)
                    .env("AURALOG_MIN_LEVEL", "debug")
                    .args(["tail-stdin", "--no-echo"]),
                Some(jsonl(40).as_bytes()),
            );
            out.expect_code(0);
            assert_jsonl_records(&rx.records(), 40, protocol, gzip);

            let env = Env::new();
            let rx = PyReceiver::start(&py, &[]);
            let file = env.path("app.jsonl");
            std::fs::write(&file, jsonl(300)).unwrap();
            let out = run_cmd(
                otlp_cmd(&env, &rx, protocol, gzip)
                    .env("AURALOG_MIN_LEVEL", "debug")
                    .env("AURALOG_BATCH_SIZE", "100")
                    .args(["ingest", "--json", file.to_str().unwrap()]),
                None,
            );
            out.expect_code(0);
            assert_jsonl_records(&rx.records(), 300, protocol, gzip);
        }
    }
}

#[test]
fn otlp_output_retries_503_and_keeps_a_400_under_rejected() {
    let Some(py) = python("opentelemetry.proto.collector.logs.v1.logs_service_pb2") else {
        return;
    };
    let env = Env::new();
    let rx = PyReceiver::start(&py, &["503:retry-after=1"]);
    let (out, res) = run_json(otlp_cmd(&env, &rx, "http/protobuf", false).args([
        "log",
        "--json",
        "after a 503",
    ]));
    assert_eq!(res["delivered"], 1, "{}", out.stderr);
    let r = rx.records();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0]["body"], json!({"stringValue": "after a 503"}));

    let env = Env::new();
    let rx = PyReceiver::start(&py, &["400"]);
    // A refused entry is a warning without --strict, as for Auralogs.
    let (out, res) =
        run_json(otlp_cmd(&env, &rx, "http/json", false).args(["log", "--json", "refused"]));
    assert_eq!(res["rejected"], 1, "{}", out.stdout);
    assert!(
        out.stderr
            .contains("the OTLP receiver refused the batch (400)"),
        "{}",
        out.stderr
    );
    assert!(rx.records().is_empty());
    let rejected: Vec<_> = std::fs::read_dir(env.path("spool").join("rejected"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap_or_default())
        .collect();
    assert_eq!(rejected.len(), 1);
    assert!(rejected[0].contains("refused by script"), "{rejected:?}");
}

#[test]
fn outputs_auralogs_and_otlp_get_every_entry() {
    let Some(py) = python("opentelemetry.proto.collector.logs.v1.logs_service_pb2") else {
        return;
    };
    let env = Env::new();
    let rx = PyReceiver::start(&py, &[]);
    let au = crate::support::Receiver::ok();
    let file = env.path("app.jsonl");
    std::fs::write(&file, jsonl(120)).unwrap();
    let (out, res) = run_json(
        otlp_cmd(&env, &rx, "http/protobuf", false)
            .env("AURALOG_OUTPUTS", "auralogs,otlp")
            .env("AURALOG_ENDPOINT", au.url())
            .env("AURALOG_API_KEY", "k-test")
            .env("AURALOG_MIN_LEVEL", "debug")
            .args(["ingest", "--json", file.to_str().unwrap()]),
    );
    assert_eq!(res["delivered"], 240, "every entry to both: {}", out.stdout);
    assert_jsonl_records(&rx.records(), 120, "http/protobuf", false);
    let got = au.wait_entries(120, Duration::from_secs(10));
    assert_eq!(got.len(), 120);
    let mut n: Vec<u64> = got
        .iter()
        .map(|e| e["metadata"]["n"].as_u64().unwrap())
        .collect();
    n.sort_unstable();
    assert_eq!(n, (0..120).collect::<Vec<_>>());

    // log: one entry, one to each.
    let (out, res) = run_json(
        otlp_cmd(&env, &rx, "http/protobuf", false)
            .env("AURALOG_OUTPUTS", "auralogs,otlp")
            .env("AURALOG_ENDPOINT", au.url())
            .env("AURALOG_API_KEY", "k-test")
            .args(["log", "--json", "to both"]),
    );
    assert_eq!(res["delivered"], 2, "{}", out.stdout);
    assert_eq!(rx.records().len(), 121);
    assert_eq!(au.wait_entries(121, Duration::from_secs(10)).len(), 121);
}

/// Info lines only: every request a full batch (an error entry would go
/// out alone and could take a scripted partial answer).
fn info_lines(n: usize) -> String {
    (0..n)
        .map(|i| format!("{{\"level\":\"info\",\"message\":\"number {i}\"}}\n"))
        .collect()
}

/// Runs `cmd` (a `--json` command), expects exit 0, and reads its result.
fn run_json(cmd: &mut Command) -> (crate::support::Out, Value) {
    let out = run_cmd(cmd, None);
    out.expect_code(0);
    let res = serde_json::from_str(out.stdout.trim()).unwrap();
    (out, res)
}

/// The `counts` of a summary line (`delivered D, spooled S, rejected R`).
fn counts_in(stderr: &str) -> Option<(u64, u64, u64)> {
    let at = stderr.rfind("delivered ")?;
    let nums: Vec<u64> = stderr[at..]
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .take(3)
        .map(|s| s.parse().unwrap())
        .collect();
    (nums.len() == 3).then(|| (nums[0], nums[1], nums[2]))
}

/// A 200 with `partialSuccess.rejectedLogRecords`: those records are
/// counted as rejected (in `--json`, the summary's counts and its warning),
/// the rest of the batch as delivered, and nothing is kept under
/// `rejected/` (the receiver does not say which records it refused).
#[test]
fn a_partial_success_counts_its_refused_records_as_rejected() {
    let Some(py) = python("opentelemetry.proto.collector.logs.v1.logs_service_pb2") else {
        return;
    };
    for protocol in ["http/protobuf", "http/json"] {
        // log: one entry; a receiver claiming more than it got counts one.
        let env = Env::new();
        let rx = PyReceiver::start(&py, &["200:partial=2"]);
        let (out, res) =
            run_json(otlp_cmd(&env, &rx, protocol, false).args(["log", "--json", "half there"]));
        assert_eq!(res["delivered"], 0, "{protocol}: {}", out.stdout);
        assert_eq!(res["rejected"], 1, "{protocol}: {}", out.stdout);
        assert!(
            out.stderr.contains("the OTLP receiver refused 2 of the batch's records: some records refused by script"),
            "{protocol}: {}",
            out.stderr
        );
        assert!(out.stderr.contains("partial success"), "{}", out.stderr);
        assert_eq!(counts_in(&out.stderr), Some((0, 0, 1)), "{}", out.stderr);
        assert_eq!(rx.records().len(), 1, "the receiver did get it");
        assert!(!env.path("spool").join("rejected").exists());

        // --strict: a refused record is not a success.
        let rx = PyReceiver::start(&py, &["200:partial=1"]);
        let out = run_cmd(
            otlp_cmd(&env, &rx, protocol, false).args(["log", "--strict", "x"]),
            None,
        );
        out.expect_code(75);

        // ingest: 300 entries in batches of 100, 2 + 5 refused.
        let env = Env::new();
        let rx = PyReceiver::start(&py, &["200:partial=2", "200", "200:partial=5"]);
        let file = env.path("app.jsonl");
        std::fs::write(&file, info_lines(300)).unwrap();
        let (out, res) = run_json(
            otlp_cmd(&env, &rx, protocol, false)
                .env("AURALOG_MIN_LEVEL", "debug")
                .env("AURALOG_BATCH_SIZE", "100")
                .args(["ingest", "--json", file.to_str().unwrap()]),
        );
        assert_eq!(res["delivered"], 293, "{protocol}: {}", out.stdout);
        assert_eq!(res["rejected"], 7, "{protocol}: {}", out.stdout);
        assert_eq!(res["spooled"], 0);
        assert!(out.stderr.contains("7 refused"), "{}", out.stderr);
        assert!(out.stderr.contains("partial success"), "{}", out.stderr);
        assert_eq!(rx.records().len(), 300);

        // tail-stdin: the same, in its summary (info lines only: an error
        // line would go out alone, and take the partial answer).
        let env = Env::new();
        let rx = PyReceiver::start(&py, &["200:partial=3"]);
        let out = run_cmd(
            otlp_cmd(&env, &rx, protocol, false).args(["tail-stdin", "--no-echo"]),
            Some(info_lines(40).as_bytes()),
        );
        out.expect_code(0);
        assert_eq!(rx.records().len(), 40);
        assert_eq!(
            counts_in(&out.stderr),
            Some((37, 0, 3)),
            "{protocol}: {}",
            out.stderr
        );
        assert!(out.stderr.contains("partial success"), "{}", out.stderr);
    }
}

/// `serve --count` (the benchmarks' receiver) decodes OTLP requests and
/// counts their records without building entries; a malformed one is
/// still refused.
#[test]
fn serve_count_mode_counts_otlp_records() {
    let env = Env::new();
    let serve = Serve::start(&env, &["--count"]);
    for protocol in ["http/protobuf", "http/json"] {
        let o = output(&format!("{}/v1/logs", serve.url), protocol);
        let (status, ct, _, _) = post(&o, &batch(&o, &entries()), false);
        assert_eq!(status, 200, "{protocol}");
        assert_eq!(ct, o.content_type());
    }
    let o = output(&format!("{}/v1/logs", serve.url), "http/protobuf");
    let (status, _, _, _) = post(&o, b"\xff\xff\xff not protobuf", false);
    assert_eq!(status, 400);
    assert!(serve.received().is_empty(), "nothing shown");
    let (code, stderr) = serve.stop_with_stderr();
    assert_eq!(code, 0);
    assert!(
        stderr.contains("serve stopped: 10 entries in 3 requests"),
        "{stderr}"
    );
}

/// A batch the OTLP output could not deliver is kept in its spool
/// namespace, protobuf and all, and a later run with that output replays
/// it to the receiver: both records arrive whole.
#[test]
fn an_otlp_batch_spooled_by_one_run_is_replayed_by_the_next() {
    let Some(py) = python("opentelemetry.proto.collector.logs.v1.logs_service_pb2") else {
        return;
    };
    for protocol in ["http/protobuf", "http/json"] {
        let env = Env::new();
        // A Retry-After beyond the retry budget: given up at once, spooled.
        let rx = PyReceiver::start(&py, &["503:retry-after=600"]);
        let (out, res) = run_json(otlp_cmd(&env, &rx, protocol, false).args([
            "log",
            "--json",
            "kept for later",
        ]));
        assert_eq!(
            res["spooled"], 1,
            "{protocol}: {} {}",
            out.stdout, out.stderr
        );
        assert!(rx.records().is_empty());

        let (out, res) =
            run_json(otlp_cmd(&env, &rx, protocol, false).args(["log", "--json", "sent now"]));
        assert_eq!(
            res["delivered"], 1,
            "{protocol}: {} {}",
            out.stdout, out.stderr
        );
        assert_eq!(
            res["replayed"], 1,
            "{protocol}: {} {}",
            out.stdout, out.stderr
        );
        let r = rx.records();
        let mut bodies: Vec<&Value> = r.iter().map(|w| &w["body"]).collect();
        bodies.sort_by_key(|b| b.to_string());
        assert_eq!(
            bodies,
            [
                &json!({"stringValue": "kept for later"}),
                &json!({"stringValue": "sent now"})
            ],
            "{protocol}"
        );
        for w in &r {
            assert_request_and_resource(w, protocol, false);
        }
    }
}

/// What the decoder receives from `args` (stdin `input`; `n` records) with
/// OTLP alone and beside Auralogs, once each; the two must be the same but
/// for the times read from the clock (observed always; the record's own
/// time when it is within a minute of now, i.e. stamped when read). The
/// records of the first run, sorted by body, without those times.
fn records_alone_and_beside(
    py: &str,
    env: &Env,
    protocol: &str,
    args: &[&str],
    input: Option<&str>,
    n: usize,
) -> Vec<Value> {
    let mut runs = Vec::new();
    for outputs in ["otlp", "auralogs,otlp"] {
        let rx = PyReceiver::start(py, &[]);
        // (The test receiver insists on being called.)
        let au = (outputs != "otlp").then(crate::support::Receiver::ok);
        let mut cmd = otlp_cmd(env, &rx, protocol, false);
        if let Some(au) = &au {
            cmd.env("AURALOG_ENDPOINT", au.url());
        }
        let out = run_cmd(
            cmd.env("AURALOG_OUTPUTS", outputs)
                .env("AURALOG_API_KEY", "k-test")
                .env("AURALOG_MIN_LEVEL", "debug")
                .args(args),
            input.map(str::as_bytes),
        );
        out.expect_code(0);
        let mut r = rx.records();
        assert_eq!(r.len(), n, "{protocol} {outputs}: {}", out.stderr);
        let now = now_nanos();
        for w in &mut r {
            assert_request_and_resource(w, protocol, false);
            let o = w.as_object_mut().unwrap();
            let observed = o.remove("observedTimeUnixNano").and_then(|t| t.as_u64());
            o.remove("request");
            let t = o["timeUnixNano"].as_u64().unwrap();
            if now.abs_diff(t) < 60_000_000_000 {
                // Stamped when read: not observed before that.
                assert!(
                    observed >= Some(t),
                    "{protocol} {outputs}: {observed:?} < {t}"
                );
                o.remove("timeUnixNano");
            }
        }
        r.sort_by_key(|w| w["body"].to_string());
        runs.push(r);
        if let Some(au) = au {
            assert_eq!(au.wait_entries(n, Duration::from_secs(10)).len(), n);
        }
    }
    assert_eq!(runs[0], runs[1], "{protocol}: alone vs beside auralogs");
    runs.swap_remove(0)
}

/// ingest writes its OTLP records in two ways: from the records' parts
/// when OTLP is the only output, and as wire JSON re-encoded when the
/// Auralogs output shares the batches. The independent decoder must see
/// the same records either way (all but the time of encoding), with the
/// mapping's fields where they belong.
#[test]
fn ingest_sends_the_same_otlp_records_alone_and_beside_auralogs() {
    let Some(py) = python("opentelemetry.proto.collector.logs.v1.logs_service_pb2") else {
        return;
    };
    let lines = concat!(
        r#"{"time":"2026-12-01T10:00:00.250Z","level":"error","msg":"disk \"full\"","err":{"type":"IOError","message":"disk full","stack":"IOError: disk full\n    at write (fs.js:1:1)"},"o":{"a":[1,2.5,null,"x"]},"n":-3,"big":18446744073709551615,"ok":false,"file":"their.js"}"#,
        "\n",
        r#"{"timestamp":"2026-12-01T10:00:01Z","severity":"WARNING","message":"warned","traceId":"4bf92f3577b34da6a3ce929d0e0e4736","environment":"staging","flowId":"f-9","stepIndex":4}"#,
        "\n",
        r#"{"level":30,"time":1764583202000,"msg":"pino info","pid":7,"hostname":"h"}"#,
        "\n",
    );
    for protocol in ["http/protobuf", "http/json"] {
        let env = Env::new();
        let file = env.path("app.jsonl");
        std::fs::write(&file, lines).unwrap();
        let args = ["ingest", "--format", "jsonl", "-m", "team=infra"];
        let r = records_alone_and_beside(
            &py,
            &env,
            protocol,
            &[&args[..], &[file.to_str().unwrap()]].concat(),
            None,
            3,
        );
        let by_body = |b: &str| {
            r.iter()
                .find(|w| w["body"]["stringValue"] == b)
                .unwrap_or_else(|| panic!("{b}: {r:?}"))
        };
        let e = by_body("disk \"full\"");
        assert_eq!(
            e["timeUnixNano"], 1_796_119_200_250_000_000u64,
            "{protocol}"
        );
        assert_eq!(e["severityNumber"], 17);
        let a = &e["attributes"];
        assert_eq!(
            a["exception.type"],
            json!({"stringValue": "IOError"}),
            "{e}"
        );
        assert!(a["exception.stacktrace"]["stringValue"]
            .as_str()
            .unwrap()
            .contains("at write (fs.js:1:1)"));
        assert_eq!(
            a["o"],
            json!({"kvlistValue": {"a": {"arrayValue": [{"intValue": 1}, {"doubleValue": 2.5}, null, {"stringValue": "x"}]}}}),
            "{protocol}"
        );
        assert_eq!(a["n"], json!({"intValue": -3}));
        assert_eq!(
            a["big"],
            json!({"doubleValue": 18_446_744_073_709_551_615.0})
        );
        assert_eq!(a["ok"], json!({"boolValue": false}));
        assert_eq!(a["team"], json!({"stringValue": "infra"}));
        // The record's own `file` yields to the position.
        assert_eq!(a["_file"], json!({"stringValue": "their.js"}));
        assert!(a["log.file.path"]["stringValue"]
            .as_str()
            .unwrap()
            .ends_with("app.jsonl"));
        assert_eq!(a["auralog.file.line"], json!({"intValue": 1}));
        let w = by_body("warned");
        assert_eq!(w["severityNumber"], 13);
        assert_eq!(w["traceId"], "4bf92f3577b34da6a3ce929d0e0e4736");
        assert_eq!(w["spanId"], "00f067aa0ba902b7");
        assert_eq!(w["timeUnixNano"], 1_796_119_201_000_000_000u64);
        let a = &w["attributes"];
        assert_eq!(
            a["deployment.environment.name"],
            json!({"stringValue": "staging"})
        );
        assert_eq!(a["auralog.flow.id"], json!({"stringValue": "f-9"}));
        assert_eq!(a["auralog.flow.step"], json!({"intValue": 4}));
        assert_eq!(a["auralog.file.line"], json!({"intValue": 2}));
        let p = by_body("pino info");
        assert_eq!(p["timeUnixNano"], 1_764_583_202_000_000_000u64);
        assert_eq!(p["severityNumber"], 9);
        assert_eq!(p["attributes"]["pid"], json!({"intValue": 7}));
    }
}

/// tail-stdin, like ingest, writes its OTLP records from their parts when
/// OTLP is the only output, and as wire JSON re-encoded beside Auralogs:
/// the decoder must see the same records either way (but for the times
/// read from the clock).
#[test]
fn tail_stdin_sends_the_same_otlp_records_alone_and_beside_auralogs() {
    let Some(py) = python("opentelemetry.proto.collector.logs.v1.logs_service_pb2") else {
        return;
    };
    let input = concat!(
        "connected to db\n",
        "ERROR failed to open \"x\"\n",
        "2026-12-01T10:00:00.25Z [warn] slow disk\n",
        "\x1b[31mERROR\x1b[0m coloured\n",
        "{\"level\":\"warn\",\"msg\":\"json line\",\"n\":3,\"o\":{\"a\":[1,null]},\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\"}\n",
        "Traceback (most recent call last):\n",
        "  File \"app.py\", line 1, in <module>\n",
        "ValueError: bad value\n",
        "after the crash\n",
    );
    for protocol in ["http/protobuf", "http/json"] {
        let env = Env::new();
        let args = ["tail-stdin", "--no-echo", "-m", "team=infra"];
        let r = records_alone_and_beside(&py, &env, protocol, &args, Some(input), 7);
        let by_body = |b: &str| {
            r.iter()
                .find(|w| w["body"]["stringValue"] == b)
                .unwrap_or_else(|| panic!("{b}: {r:#?}"))
        };
        assert_eq!(by_body("connected to db")["severityNumber"], 9);
        assert_eq!(
            by_body("connected to db")["attributes"]["team"],
            json!({"stringValue": "infra"})
        );
        assert_eq!(by_body("ERROR failed to open \"x\"")["severityNumber"], 17);
        let slow = by_body("[warn] slow disk");
        assert_eq!(slow["severityNumber"], 13);
        assert_eq!(slow["timeUnixNano"], 1_796_119_200_250_000_000u64);
        assert_eq!(by_body("ERROR coloured")["severityNumber"], 17);
        let j = by_body("json line");
        assert_eq!(j["attributes"]["n"], json!({"intValue": 3}));
        assert_eq!(j["traceId"], "4bf92f3577b34da6a3ce929d0e0e4736");
        let crash = by_body("ValueError: bad value");
        assert_eq!(crash["severityNumber"], 17, "{crash}");
        assert_eq!(
            crash["attributes"]["exception.type"],
            json!({"stringValue": "ValueError"})
        );
        assert!(crash["attributes"]["exception.stacktrace"]["stringValue"]
            .as_str()
            .unwrap()
            .starts_with("Traceback (most recent call last):\n"));
        assert_eq!(by_body("after the crash")["severityNumber"], 9);
    }
}
