//! The table test over the library-written corpus (tests/corpus/libraries):
//! every line, read through both field views (tail-stdin's
//! `serde_json::Map` and ingest's borrowed field list), must give the entry
//! in its `<lib>.expected.jsonl` sidecar, computed independently by
//! tests/corpus/gen/expect.py.

use std::borrow::Cow;
use std::collections::HashMap;

use serde_json::{Map, Value};

use super::fields::Val;
use super::*;

fn entry_of(r: &Reading, meta: Map<String, Value>) -> Value {
    let mut e = serde_json::json!({
        "message": r.message,
        "level": r.level.unwrap_or(Level::Info).as_str(),
        "timestamp": r.timestamp.map(time::to_rfc3339).unwrap_or_else(|| "read time".into()),
        "stackTrace": r.stack_trace,
        "errorName": r.error_name,
        "metadata": meta,
    });
    if let Some(t) = &r.trace_id {
        e["traceId"] = Value::String(t.clone());
    }
    e
}

fn via_map(line: &str) -> Value {
    let mut map: Map<String, Value> = serde_json::from_str(line).unwrap();
    let r = read_record(&mut map, line, &Options::default());
    entry_of(&r, map)
}

fn via_record_fields(line: &str) -> Value {
    let raw: HashMap<String, Box<serde_json::value::RawValue>> =
        serde_json::from_str(line).unwrap();
    let mut fields: Vec<(Cow<str>, Val)> = raw
        .iter()
        .map(|(k, v)| (Cow::Borrowed(k.as_str()), Val::Raw(v.get())))
        .collect();
    let r = read_record(&mut fields, line, &Options::default());
    let meta = fields
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_value()))
        .collect();
    entry_of(&r, meta)
}

#[test]
fn every_corpus_line_reads_as_expected_in_both_views() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/libraries");
    let mut libs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            let lib = name.strip_suffix(".expected.jsonl")?.to_string();
            Some(lib)
        })
        .collect();
    libs.sort();
    assert!(libs.len() >= 19, "corpus missing: {libs:?}");
    let mut failures = Vec::new();
    let mut lines = 0;
    for lib in &libs {
        let input = std::fs::read_to_string(dir.join(format!("{lib}.jsonl"))).unwrap();
        let expected = std::fs::read_to_string(dir.join(format!("{lib}.expected.jsonl"))).unwrap();
        let inputs: Vec<&str> = input.lines().collect();
        let wants: Vec<&str> = expected.lines().collect();
        assert_eq!(inputs.len(), wants.len(), "{lib}: sidecar out of step");
        for (i, (line, want)) in inputs.iter().zip(&wants).enumerate() {
            lines += 1;
            let want: Value = serde_json::from_str(want).unwrap();
            for (view, got) in [("map", via_map(line)), ("fields", via_record_fields(line))] {
                if got != want {
                    failures.push(format!(
                        "{lib}.jsonl:{} ({view})\n   got: {got}\n  want: {want}",
                        i + 1
                    ));
                }
            }
        }
    }
    assert!(lines > 100, "only {lines} corpus lines");
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The plans (`reading::plan`, ingest's fast path) read every corpus line
/// as the general path does: each line alone, and all lines through one
/// cache as a file's records go.
#[test]
fn every_corpus_line_reads_the_same_through_the_plans() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/libraries");
    let mut shared = plan::Plans::new();
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let path = e.unwrap().path();
        if !path.to_string_lossy().ends_with(".jsonl") {
            continue;
        }
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            n += 1;
            plan::tests::same(line, &Options::default());
            plan::tests::same_with(&mut shared, line, &Options::default());
        }
    }
    assert!(n > 200, "only {n} lines");
}

#[test]
fn every_shape_is_recognised_from_its_corpus() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/libraries");
    let cases = [
        ("journald", "journald"),
        ("otel-logrecord", "otel"),
        ("dotnet-serilog-clef", "serilog-clef"),
        ("docker-json-file", "docker-json-file"),
        ("loguru", "loguru"),
        ("java-log4j2", "log4j2-json"),
        ("java-logback", "logstash-logback"),
        ("ecs", "ecs"),
        ("python-json-logger", "python-logging"),
        ("stdlib-logging", "python-logging"),
        ("structlog", "structlog"),
        ("pino", "pino-bunyan"),
        ("bunyan", "pino-bunyan"),
        ("go-zap", "zap"),
        ("gcp-structured", "gcp-structured"),
        ("go-slog", "generic"),
        ("go-logrus", "generic"),
        ("go-zerolog", "generic"),
        ("winston", "generic"),
    ];
    for (lib, shape) in cases {
        let input = std::fs::read_to_string(dir.join(format!("{lib}.jsonl"))).unwrap();
        for (i, line) in input.lines().enumerate() {
            let map: Map<String, Value> = serde_json::from_str(line).unwrap();
            assert_eq!(shapes::recognise(&map).name, shape, "{lib}.jsonl:{}", i + 1);
        }
    }
}

#[test]
fn field_overrides_win_over_the_shape() {
    let line = r#"{"msg":"shape message","text":"mine","sev":"4","when":"2026-12-01T10:00:00Z","level":"info"}"#;
    let opts = Options {
        overrides: Overrides {
            message: vec!["text".into()],
            level: vec!["sev".into()],
            timestamp: vec!["when".into()],
            no_timestamp: false,
            no_level: false,
        },
        ..Options::default()
    };
    let mut map: Map<String, Value> = serde_json::from_str(line).unwrap();
    let r = read_record(&mut map, line, &opts);
    assert_eq!(r.message.as_deref(), Some("mine"));
    // A digit string in the generic vocabulary is a Python level number (4: debug).
    assert_eq!(r.level, Some(Level::Debug));
    assert_eq!(
        r.timestamp.map(time::to_rfc3339).as_deref(),
        Some("2026-12-01T10:00:00.000000Z")
    );
    assert_eq!(map.get("msg"), Some(&Value::String("shape message".into())));
    assert_eq!(map.get("level"), Some(&Value::String("info".into())));
}

#[test]
fn timestamp_field_none_reads_no_time() {
    let line = r#"{"msg":"x","level":30,"time":1796117066718}"#;
    let opts = Options {
        overrides: Overrides {
            no_timestamp: true,
            ..Overrides::default()
        },
        ..Options::default()
    };
    let mut map: Map<String, Value> = serde_json::from_str(line).unwrap();
    let r = read_record(&mut map, line, &opts);
    assert_eq!((r.timestamp, r.level), (None, Some(Level::Info)));
    assert!(map.contains_key("time"));
}

#[test]
fn unreadable_and_counter_times_stay_metadata() {
    for line in [
        r#"{"msg":"x","ts":5000000}"#,
        r#"{"message":"x","ts":5000000}"#,
        r#"{"message":"x","time":"yesterday"}"#,
    ] {
        let mut map: Map<String, Value> = serde_json::from_str(line).unwrap();
        let r = read_record(&mut map, line, &Options::default());
        assert_eq!(r.timestamp, None, "{line}");
        assert!(r.time_fault.is_some(), "{line}");
        assert_eq!(map.len(), 1, "{line}: the time field stays");
    }
    // No message field: the line is the message; its level is read from it.
    let line = r#"{"status":"ERROR","code":7}"#;
    let mut map: Map<String, Value> = serde_json::from_str(line).unwrap();
    let r = read_record(&mut map, line, &Options::default());
    assert_eq!(r.message, None);
    assert_eq!(r.level, None);
    assert_eq!(map.len(), 2);
}

#[test]
fn docker_around_an_applications_json() {
    let line = r#"{"log":"{\"level\":50,\"time\":1796117066719,\"pid\":7,\"msg\":\"upstream failed\"}\n","stream":"stderr","time":"2026-12-01T09:24:27.000000001Z"}"#;
    for view in 0..2 {
        let (r, meta): (Reading, Value) = if view == 0 {
            let mut map: Map<String, Value> = serde_json::from_str(line).unwrap();
            let r = read_record(&mut map, line, &Options::default());
            (r, Value::Object(map))
        } else {
            let raw: HashMap<String, Box<serde_json::value::RawValue>> =
                serde_json::from_str(line).unwrap();
            let mut f: Vec<(Cow<str>, Val)> = raw
                .iter()
                .map(|(k, v)| (Cow::Borrowed(k.as_str()), Val::Raw(v.get())))
                .collect();
            let r = read_record(&mut f, line, &Options::default());
            let m = f
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_value()))
                .collect();
            (r, Value::Object(m))
        };
        assert_eq!(r.shape, "pino-bunyan");
        assert_eq!(r.message.as_deref(), Some("upstream failed"));
        assert_eq!(r.level, Some(Level::Error));
        assert_eq!(
            r.timestamp.map(time::to_rfc3339).as_deref(),
            Some("2026-12-01T09:24:26.719000Z")
        );
        assert_eq!(meta, serde_json::json!({"stream": "stderr", "pid": 7}));
    }
}

#[test]
fn an_sdk_error_name_wins() {
    let line = r#"{"message":"boom","errorName":"CustomError","stack":"TypeError: x\n    at f (a.js:1:1)"}"#;
    let mut map: Map<String, Value> = serde_json::from_str(line).unwrap();
    let r = read_record(&mut map, line, &Options::default());
    assert_eq!(r.error_name.as_deref(), Some("CustomError"));
    assert_eq!(
        r.stack_trace.as_deref(),
        Some("TypeError: x\n    at f (a.js:1:1)")
    );
    assert!(map.is_empty());
}

#[test]
fn plain_lines_behind_a_docker_prefix() {
    let t = read_text("2019-01-01T11:11:12.000000001Z panic: runtime error: index out of range");
    assert_eq!(t.level, Some(Level::Fatal));
    assert_eq!(t.message, "panic: runtime error: index out of range");
    assert_eq!(
        t.timestamp.map(time::to_rfc3339).as_deref(),
        Some("2019-01-01T11:11:12.000000Z")
    );
    let t = read_text("\x1b[33mWARN\x1b[0m slow");
    assert_eq!(
        (t.level, t.message.as_ref()),
        (Some(Level::Warn), "WARN slow")
    );
    assert!(matches!(read_text("plain").message, Cow::Borrowed("plain")));
}

/// The cases of the JSON level reading tail-stdin had (detect.rs
/// `json_level`, replaced by the shapes in issue 14): the level and the
/// field it came from, which leaves the metadata.
#[test]
fn the_old_json_level_cases() {
    use Level::*;
    for (line, level, key) in [
        (r#"{"level":"warning"}"#, Some(Warn), "level"),
        (r#"{"severity":"ERROR"}"#, Some(Error), "severity"),
        (r#"{"levelname":"CRITICAL"}"#, Some(Fatal), "levelname"),
        (r#"{"@l":"Warning"}"#, Some(Warn), "@l"),
        (r#"{"level":30,"msg":"x"}"#, Some(Info), "level"),
        (r#"{"level":60,"msg":"x"}"#, Some(Fatal), "level"),
        (r#"{"level":40,"message":"x"}"#, Some(Error), "level"),
        (
            r#"{"severity":"DEFAULT","lvl":"debug"}"#,
            Some(Debug),
            "lvl",
        ),
        (r#"{"status":"error"}"#, None, "status"),
    ] {
        let mut map: Map<String, Value> = serde_json::from_str(line).unwrap();
        let r = read_record(&mut map, line, &Options::default());
        let want = level.or(crate::detect::detect(line));
        assert_eq!(r.level, want, "{line}");
        assert_eq!(map.contains_key(key), level.is_none(), "{line}: {map:?}");
    }
}

/// README's table of recognised shapes is this table: one row per shape,
/// in recognition order.
#[test]
fn readme_lists_every_shape_in_order() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut at = 0;
    for shape in shapes::TABLE {
        let row = format!("\n| `{}`", shape.name);
        let Some(i) = readme[at..].find(&row) else {
            panic!("README's shapes table lacks (or misorders) {}", shape.name);
        };
        at += i + row.len();
    }
}
