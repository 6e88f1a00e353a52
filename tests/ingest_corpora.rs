//! The ingest parsers against ../shared/corpora (written by others):
//! JSONTestSuite, csv-spectrum, go-syslog, rsyslog and syslog_loose inputs.
//! Skips with a message when the corpora are absent.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use auralog::formats::syslog::{parse_line, Message};
use auralog::wire::time;
use serde_json::{json, Value};

use crate::support::{corpora, run_cmd, Env, Out};

fn files(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix))
        })
        .collect();
    v.sort();
    v
}

fn dry(env: &Env, args: &[&str], paths: &[PathBuf]) -> Out {
    let mut cmd = env.cmd();
    cmd.args(["ingest", "--dry-run"]).args(args).args(paths);
    run_cmd(&mut cmd, None)
}

fn has_raw_newline(p: &Path) -> bool {
    let b = std::fs::read(p).unwrap();
    let t = b.strip_suffix(b"\n").unwrap_or(&b);
    t.contains(&b'\n') || t.contains(&b'\r')
}

#[test]
fn jsontestsuite_y_accepted_as_json_and_jsonl() {
    let Some(c) = corpora() else { return };
    let dir = c.join("jsontestsuite/test_parsing");
    let env = Env::new();
    let y = files(&dir, "y_");
    assert!(y.len() >= 90);
    let out = dry(&env, &["--format", "json"], &y);
    out.expect_code(0);
    assert!(
        !out.stderr.contains("error") && !out.stderr.contains("warning"),
        "{}",
        out.stderr
    );
    for p in &y {
        let name = p.display().to_string();
        assert!(out.stderr.contains(&format!("{name}: ")), "{name} reported");
    }
    // As jsonl: every y_ file whose value fits one line.
    let one_line: Vec<PathBuf> = y.iter().filter(|p| !has_raw_newline(p)).cloned().collect();
    assert!(one_line.len() >= 85);
    let out = dry(&env, &["--format", "jsonl"], &one_line);
    out.expect_code(0);
    assert_eq!(out.json_lines().len(), one_line.len(), "one record each");
}

#[test]
fn jsontestsuite_n_rejected_as_json_and_jsonl() {
    let Some(c) = corpora() else { return };
    let dir = c.join("jsontestsuite/test_parsing");
    let env = Env::new();
    let n = files(&dir, "n_");
    assert!(n.len() >= 180);
    let out = dry(&env, &["--format", "json", "--skip-invalid"], &n);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    // A bad record is a warning; a broken array, which cannot be read past,
    // an error (and exit 65).
    let bad: Vec<&PathBuf> = n
        .iter()
        .filter(|p| {
            let name = p.display().to_string();
            !out.stderr.contains(&format!("warning: {name}:"))
                && !out.stderr.contains(&format!("error: {name}:"))
        })
        .collect();
    assert!(bad.is_empty(), "accepted as json: {bad:?}");
    out.expect_code(65);
    let one_line: Vec<PathBuf> = n.iter().filter(|p| !has_raw_newline(p)).cloned().collect();
    let out = dry(&env, &["--format", "jsonl", "--skip-invalid"], &one_line);
    let bad: Vec<&PathBuf> = one_line
        .iter()
        .filter(|p| {
            let name = p.display().to_string();
            !out.stderr.contains(&format!("warning: {name}:"))
        })
        .collect();
    assert!(bad.is_empty(), "accepted as jsonl: {bad:?}");
}

#[test]
fn jsontestsuite_i_and_transform_do_not_crash() {
    let Some(c) = corpora() else { return };
    let env = Env::new();
    let mut all = files(&c.join("jsontestsuite/test_parsing"), "i_");
    all.extend(files(&c.join("jsontestsuite/test_transform"), ""));
    let out = dry(&env, &["--format", "json", "--skip-invalid"], &all);
    // Four files cannot be read past an error (a key that is no string;
    // UTF-16 text, which breaks the structure): a data error even under
    // --skip-invalid. Every other problem is a skipped record.
    out.expect_code(65);
    let fatal: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("auralog: error: "))
        .collect();
    assert_eq!(fatal.len(), 4, "{fatal:?}");
    for (line, what) in fatal.iter().zip([
        "i_object_key_lone_2nd_surrogate.json:1:7:",
        "i_string_UTF-16LE_with_BOM.json:1:3: unexpected text after the JSON value",
        "i_string_utf16BE_no_BOM.json:1:2: unexpected text after the JSON value",
        "i_string_utf16LE_no_BOM.json:1:3: expected ',' or ']' after an element",
    ]) {
        assert!(line.contains(what), "{fatal:?}");
    }
    // Our documented policy: nesting deeper than 100 levels is refused.
    assert!(
        out.stderr
            .contains("i_structure_500_nested_arrays.json:1:1: JSON nested deeper than 100 levels")
            || out.stderr.contains(
                "i_structure_500_nested_arrays.json:1: JSON nested deeper than 100 levels"
            ),
        "{}",
        out.stderr
    );
}

#[test]
fn csv_spectrum_expected_json_reproduced() {
    let Some(c) = corpora() else { return };
    let env = Env::new();
    let csvs = files(&c.join("csv-spectrum/csvs"), "");
    assert_eq!(csvs.len(), 11);
    let out = dry(&env, &["--format", "csv"], &csvs);
    out.expect_code(0);
    let mut got: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for e in out.json_lines() {
        let mut m = e["metadata"].as_object().unwrap().clone();
        let file = m.remove("file").unwrap().as_str().unwrap().to_string();
        m.remove("line");
        got.entry(file).or_default().push(Value::Object(m));
    }
    for p in &csvs {
        let stem = p.file_stem().unwrap().to_str().unwrap();
        let want: Value = serde_json::from_slice(
            &std::fs::read(c.join(format!("csv-spectrum/json/{stem}.json"))).unwrap(),
        )
        .unwrap();
        let have = got.remove(&p.display().to_string()).unwrap_or_default();
        assert_eq!(Value::Array(have), want, "{stem}");
    }
}

fn b64(s: &str) -> Vec<u8> {
    // A small decoder: the corpus gives inputs as standard base64.
    let val = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => (c - b'A') as u32,
            b'a'..=b'z' => (c - b'a' + 26) as u32,
            b'0'..=b'9' => (c - b'0' + 52) as u32,
            b'+' => 62,
            _ => 63,
        }
    };
    let clean: Vec<u8> = s.bytes().filter(|&c| c != b'=').collect();
    let mut out = Vec::new();
    for chunk in clean.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= val(c) << (18 - 6 * i);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len().saturating_sub(1)]);
    }
    out
}

fn cases(c: &Path, name: &str) -> Vec<Value> {
    let cases: Vec<Value> = std::fs::read_to_string(c.join("go-syslog").join(name))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        !cases.is_empty(),
        "{name} holds no cases: nothing would be checked"
    );
    cases
}

fn input_of(case: &Value) -> Vec<u8> {
    match case.get("input_b64").and_then(|v| v.as_str()) {
        Some(b) => b64(b),
        None => case["input"].as_str().unwrap().as_bytes().to_vec(),
    }
}

fn check_fields(m: &Message, want: &Value, input: &[u8]) {
    let ctx = String::from_utf8_lossy(input);
    let num = |k: &str| want.get(k).and_then(|v| v.as_u64());
    assert_eq!(Some(m.priority() as u64), num("priority"), "{ctx}");
    assert_eq!(Some(m.facility() as u64), num("facility"), "{ctx}");
    assert_eq!(Some(m.severity() as u64), num("severity"), "{ctx}");
    if let Some(v) = num("version") {
        assert_eq!(m.version.map(u64::from), Some(v), "{ctx}");
    }
    let s = |k: &str| want.get(k).and_then(|v| v.as_str()).map(str::to_string);
    assert_eq!(
        m.hostname.as_deref().map(str::to_string),
        s("hostname"),
        "{ctx}"
    );
    assert_eq!(
        m.appname.as_deref().map(str::to_string),
        s("appname"),
        "{ctx}"
    );
    assert_eq!(
        m.procid.as_deref().map(str::to_string),
        s("procid"),
        "{ctx}"
    );
    assert_eq!(m.msgid.as_deref().map(str::to_string), s("msgid"), "{ctx}");
    match want.get("message") {
        None | Some(Value::Null) => {
            assert!(m.message.as_deref().unwrap_or("").is_empty(), "{ctx}");
        }
        Some(Value::String(t)) => assert_eq!(m.message.as_deref(), Some(t.as_str()), "{ctx}"),
        Some(Value::Object(o)) => {
            // Not UTF-8: read as Latin-1, so every byte is one character.
            let bytes = b64(o["b64"].as_str().unwrap());
            let latin1: Vec<u8> = m
                .message
                .as_deref()
                .unwrap()
                .chars()
                .map(|c| c as u8)
                .collect();
            assert_eq!(latin1, bytes, "{ctx}");
        }
        other => panic!("{other:?}"),
    }
    let sd: Value = m
        .structured_data
        .iter()
        .map(|(id, params)| {
            (
                id.to_string(),
                params
                    .iter()
                    .map(|(k, v)| (k.to_string(), json!(v)))
                    .collect::<serde_json::Map<_, _>>()
                    .into(),
            )
        })
        .collect::<serde_json::Map<String, Value>>()
        .into();
    match want.get("structured_data") {
        Some(w) => assert_eq!(&sd, w, "{ctx}"),
        None => assert_eq!(sd, json!({}), "{ctx}"),
    }
    match s("timestamp") {
        Some(t) if t.as_bytes()[0].is_ascii_digit() => {
            let w = time::parse_rfc3339(t.as_bytes(), true).unwrap();
            assert_eq!(m.timestamp, Some(w), "{ctx}");
        }
        Some(t) => {
            let w = time::parse_rfc3164_prefix(t.as_bytes(), time::now())
                .unwrap()
                .0;
            assert_eq!(m.timestamp, Some(w), "{ctx}");
        }
        None => assert_eq!(m.timestamp, None, "{ctx}"),
    }
}

/// The documented leniencies under which an input go-syslog calls invalid
/// is accepted: a line that is not `<PRI>VERSION SP...` is read as RFC 3164
/// (and keeps its text), and in RFC 5424 SD values a backslash before other
/// characters is literal (RFC 5424 §6.3.3).
fn lenient(input: &[u8], m: &Message) -> bool {
    let after_pri = input
        .strip_prefix(b"<")
        .and_then(|r| r.iter().position(|&c| c == b'>').map(|i| &r[i + 1..]));
    let is_5424 = after_pri.is_some_and(|r| {
        let d = r.iter().take_while(|c| c.is_ascii_digit()).count();
        d > 0 && (r.len() == d || r[d] == b' ')
    });
    if !is_5424 {
        // Nothing lost: the message is the tail of the line.
        let text = String::from_utf8_lossy(input);
        return m.version.is_none() && m.message.as_deref().is_none_or(|msg| text.ends_with(msg));
    }
    input
        .windows(2)
        .any(|w| w[0] == b'\\' && !b"\"\\]".contains(&w[1]))
}

#[test]
fn go_syslog_rfc5424_field_by_field() {
    let Some(c) = corpora() else { return };
    let now = time::now();
    let mut checked = 0;
    for file in ["rfc5424_cases.jsonl", "rfc5424_generated_cases.jsonl"] {
        for case in cases(&c, file) {
            let input = input_of(&case);
            let got = parse_line(&input, now);
            if case["valid"] == true {
                let m = got.unwrap_or_else(|e| {
                    panic!(
                        "{file}: valid input refused: {:?}: {e:?}",
                        String::from_utf8_lossy(&input)
                    )
                });
                check_fields(&m, &case["expected"], &input);
                checked += 1;
            } else if let Ok(m) = got {
                assert!(
                    lenient(&input, &m),
                    "{file}: invalid input accepted without a documented leniency: {:?} -> {m:?}",
                    String::from_utf8_lossy(&input)
                );
            }
        }
    }
    assert!(checked >= 500, "{checked}");
    for case in cases(&c, "rfc5424_noncompliant_cases.jsonl") {
        let input = input_of(&case);
        assert!(
            parse_line(&input, now).is_err(),
            "a BOM then invalid UTF-8 must be refused: {input:?}"
        );
    }
}

#[test]
fn go_syslog_rfc3164() {
    let Some(c) = corpora() else { return };
    for case in cases(&c, "rfc3164_cases.jsonl") {
        let input = input_of(&case);
        let m = parse_line(&input, time::now()).unwrap();
        check_fields(&m, &case["expected"], &input);
    }
}

#[test]
fn rsyslog_and_syslog_loose_inputs_parse_without_panics() {
    let Some(c) = corpora() else { return };
    let env = Env::new();
    let mut lines = Vec::new();
    for f in ["rsyslog/parser_cases.jsonl", "syslog-loose/inputs.jsonl"] {
        for l in std::fs::read_to_string(c.join(f)).unwrap().lines() {
            let v: Value = serde_json::from_str(l).unwrap();
            let input = v["input"].as_str().unwrap();
            // A file holds one message a line.
            lines.push(input.replace(['\n', '\r'], " "));
        }
    }
    let all = env.path("all.syslog");
    std::fs::write(&all, lines.join("\n")).unwrap();
    let mut paths = vec![all];
    paths.extend(files(&c.join("rsyslog/fuzz-corpus"), ""));
    let out = dry(&env, &["--format", "syslog", "--skip-invalid"], &paths);
    out.expect_code(0);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    let entries = out.json_lines();
    assert!(
        entries.len() >= lines.len() - 5,
        "{} of {}",
        entries.len(),
        lines.len()
    );
    // A few rsyslog expectations: PRI, host and tag of classic lines.
    let find = |m: &str| entries.iter().find(|e| e["message"] == m).cloned();
    let e = find("su root failed for lonvick on /dev/pts/8").expect("the su line");
    assert_eq!(e["metadata"]["host"], "mymachine");
    assert_eq!(e["metadata"]["appName"], "su");
    assert_eq!(e["metadata"]["facility"], "auth");
    assert_eq!(e["level"], "fatal");
    let e = find("This is a message!").expect("a line without PRI");
    assert_eq!(e["metadata"]["facility"], "user");
    assert_eq!(e["level"], "info");
}
