//! Never lose a line (issue 15): every input record ends delivered (at the
//! receiver), spooled (in the spool's files), rejected (in the rejects file)
//! or reported as not read with the position to resume from; and the API
//! key never reaches what auralog prints or stores. Each test counts all
//! four places: records in = delivered + spooled + rejected + not read.
//!
//! The last test is a bounded property run (proptest) over every ingest
//! format and tail-stdin, with inputs made from the shared corpora.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};
use serde_json::{json, Value};

use crate::support::{
    corpora, dead_url, ingest_to, run_cmd, summary_counts, write, Env, Receiver, Reply, KEY,
};

const MIB8: usize = 8 * 1024 * 1024;

fn spool_dir(env: &Env) -> PathBuf {
    env.state_dir().join("auralog").join("spool")
}

/// Entries in the spool's pending batch files, counted from their bodies.
fn spooled(env: &Env) -> Vec<Value> {
    let Ok(rd) = std::fs::read_dir(spool_dir(env)) else {
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
        let body: Vec<Value> =
            serde_json::from_slice(&[b"[".as_slice(), &data[nl + 1..], b"]"].concat()).unwrap();
        out.extend(body);
    }
    out
}

/// Every byte the spool holds (headers and bodies, pending and rejected).
fn spool_bytes(env: &Env) -> Vec<u8> {
    let mut all = Vec::new();
    for dir in [spool_dir(env), spool_dir(env).join("rejected")] {
        if let Ok(rd) = std::fs::read_dir(dir) {
            for e in rd.flatten() {
                if e.path().is_file() {
                    all.extend(std::fs::read(e.path()).unwrap());
                }
            }
        }
    }
    all
}

fn messages(entries: &[Value]) -> Vec<String> {
    entries
        .iter()
        .map(|e| e["message"].as_str().unwrap_or("").to_string())
        .collect()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_json_element_over_8_mib_is_rejected_whole_and_the_records_after_it_are_shipped() {
    let env = Env::new();
    let big = format!("{{\"message\":\"{}\"}}", "x".repeat(MIB8 + 100));
    let mut els: Vec<String> = (0..5)
        .map(|i| format!("{{\"message\":\"a{i}\"}}"))
        .collect();
    els.push(big.clone());
    els.extend((0..1000).map(|i| format!("{{\"message\":\"b{i}\"}}")));
    write(
        &env,
        "big.json",
        format!("[{}]", els.join(",\n")).as_bytes(),
    );
    let r = Receiver::ok();
    let out = ingest_to(
        &env,
        &r.url(),
        &[],
        &["--skip-invalid", "--rejects", "rej.json", "big.json"],
    );
    out.expect_code(0);
    let got = messages(&r.entries());
    let rejected = std::fs::read(env.path("rej.json")).unwrap();
    // 1006 in = 1005 delivered + 0 spooled + 1 rejected + 0 not read.
    assert_eq!(got.len(), 1005);
    // Batches may arrive out of order (requests in flight): compare sets.
    let mut sorted = got.clone();
    sorted.sort();
    let mut want: Vec<String> = (0..5)
        .map(|i| format!("a{i}"))
        .chain((0..1000).map(|i| format!("b{i}")))
        .collect();
    want.sort();
    assert_eq!(sorted, want);
    assert!(rejected == [big.as_bytes(), b"\n"].concat(), "kept whole");
    assert_eq!(summary_counts(&out.stderr, "big.json"), (1005, 1, 0));
    out.expect_stderr("big.json:6:1: value longer than 8 MiB");
    assert!(spooled(&env).is_empty());
}

#[test]
fn a_closed_csv_row_and_a_jsonl_line_over_8_mib_are_rejected_whole_and_reading_goes_on() {
    let env = Env::new();
    let big_field = "y".repeat(MIB8 + 10);
    let mut csv = String::from("message,n\n");
    for i in 0..3 {
        csv.push_str(&format!("a{i},{i}\n"));
    }
    let big_row = format!("\"{big_field}\",3");
    csv.push_str(&big_row);
    csv.push('\n');
    for i in 0..1000 {
        csv.push_str(&format!("b{i},{i}\n"));
    }
    write(&env, "big.csv", csv.as_bytes());
    let big_line = format!("{{\"message\":\"{big_field}\"}}");
    let mut jsonl = String::from("{\"message\":\"a\"}\n");
    jsonl.push_str(&big_line);
    jsonl.push('\n');
    jsonl.push_str("{\"message\":\"b\"}\n");
    write(&env, "big.jsonl", jsonl.as_bytes());
    let r = Receiver::ok();
    let out = ingest_to(
        &env,
        &r.url(),
        &[],
        &[
            "--skip-invalid",
            "--rejects",
            "rej.txt",
            "big.csv",
            "big.jsonl",
        ],
    );
    out.expect_code(0);
    let got = messages(&r.entries());
    // csv: 1004 rows = 1003 delivered + 1 rejected; jsonl: 3 = 2 + 1.
    assert_eq!(got.len(), 1003 + 2, "{}", out.stderr);
    assert_eq!(summary_counts(&out.stderr, "big.csv"), (1003, 1, 0));
    assert_eq!(summary_counts(&out.stderr, "big.jsonl"), (2, 1, 0));
    // Batches may arrive out of order (requests in flight).
    assert!(got.iter().any(|m| m == "b999"), "{got:?}");
    assert!(got.iter().any(|m| m == "b"), "{got:?}");
    let rejected = std::fs::read(env.path("rej.txt")).unwrap();
    let want = format!("message,n\n{big_row}\n{big_line}\n");
    assert_eq!(rejected.len(), want.len());
    assert!(
        rejected == want.as_bytes(),
        "both kept whole, the csv header first"
    );
}

#[test]
fn what_cannot_be_read_past_exits_65_under_skip_invalid_naming_the_position() {
    let env = Env::new();
    // A csv quote that never closes, over 8 MiB: the row swallows the rest.
    let mut csv = b"message\nok1\nok2\n\"never closed ".to_vec();
    csv.resize(csv.len() + MIB8 + 1000, b'z');
    write(&env, "open.csv", &csv);
    // A JSON array broken after its second element.
    write(
        &env,
        "broken.json",
        b"[{\"message\":\"a\"},\n{\"message\":\"b\"}\n{\"message\":\"c\"}]",
    );
    let r = Receiver::ok();
    let out = ingest_to(
        &env,
        &r.url(),
        &[],
        &[
            "--skip-invalid",
            "--rejects",
            "rej.txt",
            "open.csv",
            "broken.json",
        ],
    );
    out.expect_code(65);
    // One pipeline for both files: their batches are in flight together
    // and may arrive in either order (README, Delivery).
    let mut got = messages(&r.entries());
    got.sort();
    assert_eq!(got, ["a", "b", "ok1", "ok2"]);
    out.expect_stderr("never ends");
    out.expect_stderr("broken.json:3:1: expected ',' or ']' after an element");
    out.expect_stderr("NOT READ after line 3");
    // The open row is kept whole: everything after the header and the 2 rows.
    let rejected = std::fs::read(env.path("rej.txt")).unwrap();
    assert!(rejected == [b"message\n".as_slice(), &csv[16..], b"\n"].concat());
}

#[test]
fn blank_lines_only_is_no_records_not_an_empty_file() {
    let env = Env::new();
    write(&env, "blank.jsonl", &vec![b'\n'; 5_000_000]);
    write(&env, "empty.jsonl", b"");
    let mut cmd = env.cmd();
    cmd.current_dir(env.dir.path()).args([
        "ingest",
        "--dry-run",
        "--skip-invalid",
        "blank.jsonl",
        "empty.jsonl",
    ]);
    let out = run_cmd(&mut cmd, None);
    out.expect_code(0);
    out.expect_stderr("blank.jsonl: no records (only blank lines)");
    out.expect_stderr("empty.jsonl: empty file");
}

/// The property run found it (CI, stop 27): a file of one BOM and a line
/// end holds no record, since the reader drops a BOM that opens the file.
/// A BOM further on is text like any other, and its line a record.
#[test]
fn a_bom_that_opens_a_line_file_is_dropped_and_a_later_one_is_text() {
    let env = Env::new();
    for format in ["syslog", "text", "obl", "jsonl"] {
        write(&env, &format!("only.{format}"), b"\xef\xbb\xbf\n");
        write(
            &env,
            &format!("two.{format}"),
            b"\xef\xbb\xbf\n\xef\xbb\xbf\nx\n",
        );
        let mut cmd = env.cmd();
        cmd.current_dir(env.dir.path()).args([
            "ingest",
            "--dry-run",
            "--skip-invalid",
            "--format",
            format,
            &format!("only.{format}"),
            &format!("two.{format}"),
        ]);
        let out = run_cmd(&mut cmd, None);
        out.expect_code(0);
        out.expect_stderr(&format!("only.{format}: no records (only blank lines)"));
        if format == "jsonl" {
            // Line 2 is a BOM, not JSON; line 3 is not JSON either.
            out.expect_stderr("two.jsonl:2:1: invalid JSON");
            out.expect_stderr("two.jsonl: 0 records (dry run), 2 rejected");
            continue;
        }
        out.expect_stderr(&format!("two.{format}: 2 records (dry run), 0 rejected"));
        let first: Value = serde_json::from_str(out.stdout.lines().next().unwrap()).unwrap();
        assert_eq!(first["message"], "\u{feff}", "{format}: {}", out.stdout);
        assert_eq!(first["metadata"]["line"], 2, "{format}: {}", out.stdout);
    }
}

#[test]
fn a_full_spool_during_ingest_from_a_file_names_where_to_resume_and_loses_nothing() {
    let env = Env::new();
    let lines: Vec<String> = (1..=300)
        .map(|i| json!({"message": format!("m{i}"), "pad": "p".repeat(50)}).to_string())
        .collect();
    write(&env, "f.jsonl", (lines.join("\n") + "\n").as_bytes());
    let vars = [
        ("AURALOG_RETRY_BUDGET", "0.1"),
        ("AURALOG_BATCH_SIZE", "20"),
        ("AURALOG_SPOOL_MAX_BYTES", "12000"),
    ];
    let dead = dead_url();
    let out = ingest_to(&env, &dead, &vars, &["f.jsonl"]);
    out.expect_code(1);
    assert!(
        !out.stderr.contains("LOST"),
        "nothing is lost: {}",
        out.stderr
    );
    let kept = spooled(&env);
    let line = out
        .stderr
        .lines()
        .find_map(|l| {
            l.split("f.jsonl:")
                .nth(1)?
                .split(' ')
                .next()?
                .parse::<u64>()
                .ok()
        })
        .unwrap_or_else(|| panic!("no FILE:LINE: {}", out.stderr));
    let resume = format!("auralog ingest --from-line {line} f.jsonl");
    out.expect_stderr(&resume);
    // 300 in = 0 delivered + spooled + 0 rejected + not read from `line` on.
    assert!(!kept.is_empty());
    // Everything before the line is spooled; with requests in flight some
    // batches after it may be spooled too (the resume repeats them: at
    // least once, never skipped).
    assert!(
        kept.len() as u64 >= line - 1,
        "spooled up to the resume line"
    );
    assert_eq!(
        summary_counts(&out.stderr, "f.jsonl"),
        (0, 0, kept.len() as u64)
    );
    let out = run_cmd(
        env.cmd()
            .env("AURALOG_ENDPOINT", &dead)
            .env("AURALOG_API_KEY", KEY)
            .envs(vars)
            .current_dir(env.dir.path())
            .args(["--strict", "ingest", "f.jsonl"]),
        None,
    );
    out.expect_code(75);

    // The resume: the rest read from the line, and the spooled ones flushed
    // (they were meant for the dead endpoint, so only when told to).
    let r = Receiver::ok();
    let out = ingest_to(
        &env,
        &r.url(),
        &[],
        &["--from-line", &line.to_string(), "f.jsonl"],
    );
    out.expect_code(0);
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", r.url())
        .env("AURALOG_API_KEY", KEY)
        .args(["spool", "flush", "--any-destination"]);
    run_cmd(&mut cmd, None).expect_code(0);
    let mut got = messages(&r.entries());
    got.sort();
    got.dedup();
    let mut want: Vec<String> = (1..=300).map(|i| format!("m{i}")).collect();
    want.sort();
    assert_eq!(
        got, want,
        "every record delivered once the endpoint is back"
    );
    // (Under load the very first batch may be the one lost: line 1.)
    assert!(
        line == 1
            || out
                .stderr
                .contains(&format!("{} before line {line} skipped", line - 1)),
        "{}",
        out.stderr
    );
}

#[test]
fn entries_lost_from_stdin_are_counted_with_their_line_range() {
    let env = Env::new();
    let input: String = (1..=300)
        .map(|i| json!({"message": format!("m{i}"), "pad": "p".repeat(50)}).to_string() + "\n")
        .collect();
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", dead_url())
        .env("AURALOG_API_KEY", KEY)
        .env("AURALOG_RETRY_BUDGET", "0.1")
        .env("AURALOG_BATCH_SIZE", "20")
        .env("AURALOG_SPOOL_MAX_BYTES", "12000")
        .args(["ingest", "-"]);
    let out = run_cmd(&mut cmd, Some(input.as_bytes()));
    // stdin cannot be read again: a real loss, exit 1, said with its lines.
    out.expect_code(1);
    let kept = spooled(&env).len() as u64;
    let lost = 300 - kept;
    assert_eq!(summary_counts(&out.stderr, "<stdin>"), (0, 0, kept));
    // The workers spool at once, and still within spool_max_bytes.
    let used: u64 = std::fs::read_dir(spool_dir(&env))
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "batch"))
        .map(|e| e.metadata().unwrap().len())
        .sum();
    assert!(used <= 12000, "{used} bytes spooled: {}", out.stderr);
    out.expect_stderr(&format!("{lost} LOST (spool full)"));
    // With requests in flight the lost batches need not be the last ones:
    // the range named covers every lost line (it may include spooled ones).
    let range = out
        .stderr
        .split("the entries LOST are from lines ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .unwrap_or_else(|| panic!("no line range: {}", out.stderr));
    let (a, b) = range
        .trim_end_matches(|c: char| !c.is_ascii_digit())
        .split_once('-')
        .expect("A-B");
    let (a, b): (u64, u64) = (a.parse().unwrap(), b.parse().unwrap());
    // Which batches were spooled depends on which worker met the full
    // spool first: the range is where the lost lines are, and holds them all.
    assert!(
        a <= kept + 1 && b <= 300 && b + 1 - a >= lost,
        "{range}: {}",
        out.stderr
    );
    out.expect_stderr(&format!("lost {lost}"));
}

#[test]
fn a_spool_that_cannot_be_written_says_so_and_counts_add_up() {
    let env = Env::new();
    // The spool directory is a file: keeping fails with an I/O error.
    let blocker = env.path("not-a-dir");
    std::fs::write(&blocker, b"x").unwrap();
    let spool = blocker.join("spool");
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", dead_url())
        .env("AURALOG_API_KEY", KEY)
        .env("AURALOG_RETRY_BUDGET", "0.1")
        .env("AURALOG_SPOOL_DIR", &spool)
        .env("AURALOG_BATCH_SIZE", "10")
        .current_dir(env.dir.path())
        .args(["tail-stdin", "--no-echo"]);
    let input: String = (0..30).map(|i| format!("line {i}\n")).collect();
    let out = run_cmd(&mut cmd, Some(input.as_bytes()));
    out.expect_code(1);
    out.expect_stderr("LOST");
    assert!(!out.stderr.contains("spool is full"), "{}", out.stderr);
    assert!(
        !out.stderr.contains("spool_max_bytes"),
        "not the remedy: {}",
        out.stderr
    );
    out.expect_stderr("30 entries LOST");
    out.expect_stderr("lost 30");
}

#[test]
fn not_delivered_counts_say_how_many_were_kept() {
    let env = Env::new();
    let vars = [
        ("AURALOG_RETRY_BUDGET", "0.1"),
        ("AURALOG_BATCH_SIZE", "10"),
        ("AURALOG_SPOOL_MAX_BYTES", "4000"),
    ];
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", dead_url())
        .env("AURALOG_API_KEY", KEY)
        .envs(vars)
        .args(["tail-stdin", "--no-echo"]);
    let input: String = (0..100)
        .map(|i| format!("line {i} {}\n", "q".repeat(40)))
        .collect();
    let out = run_cmd(&mut cmd, Some(input.as_bytes()));
    out.expect_code(1);
    let kept = spooled(&env).len() as u64;
    assert!(kept > 0 && kept < 100, "{kept}");
    let lost = 100 - kept;
    // 100 in = 0 delivered + kept spooled + `lost` LOST, each said once.
    out.expect_stderr(&format!(
        "100 entries not delivered, {kept} of them kept in the spool"
    ));
    out.expect_stderr(&format!("{lost} entries LOST: the spool is full"));
    out.expect_stderr(&format!("spooled {kept}"));
    // Several workers meet the full spool; the alarm is said once.
    assert_eq!(
        out.stderr.matches("entries are being LOST").count(),
        1,
        "{}",
        out.stderr
    );
}

#[test]
fn the_key_echoed_by_the_service_is_never_printed_or_stored() {
    let env = Env::new();
    let echo = format!("{{\"error\":\"invalid key {KEY} for project\"}}");
    let r = Receiver::start(vec![Reply::status(401).body(&echo)]);
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", r.url())
        .env("AURALOG_API_KEY", KEY)
        .args(["log", "hello"]);
    let out = run_cmd(&mut cmd, None);
    assert!(!out.stderr.contains(KEY), "{}", out.stderr);
    out.expect_stderr("aura_****cdef");
    // A 5xx page (a proxy's) echoing it while the batch is retried and kept.
    let r5 = Receiver::start(vec![
        Reply::status(503).body(&format!("<h1>blocked {KEY}</h1>"))
    ]);
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", r5.url())
        .env("AURALOG_API_KEY", KEY)
        .env("AURALOG_RETRY_BUDGET", "0.2")
        .args(["-v", "log", "again"]);
    let out = run_cmd(&mut cmd, None);
    assert!(!out.stderr.contains(KEY), "{}", out.stderr);
    let stored = spool_bytes(&env);
    assert!(!stored.is_empty(), "something was kept");
    assert!(
        !contains(&stored, KEY.as_bytes()),
        "the spool holds the key"
    );
    assert!(contains(&stored, b"aura_****cdef"));
    // A spool file of an older version that holds it: status masks it.
    let dir = spool_dir(&env);
    let header = json!({
        "auralog_spool": 1, "idempotency_key": "k-old", "kind": "entries", "count": 1,
        "endpoint": r.url(), "key_id": "", "spooled_at": "2020-01-02T03:04:06.000000Z",
        "reason": format!("the service answered 500: bad {KEY}"), "ends": [2],
    });
    std::fs::write(
        dir.join("00000000000000000000001-1-00000001.batch"),
        format!("{header}\n{{}}"),
    )
    .unwrap();
    for args in [&["spool", "status"][..], &["spool", "status", "--json"]] {
        let mut cmd = env.cmd();
        cmd.env("AURALOG_ENDPOINT", r.url())
            .env("AURALOG_API_KEY", KEY)
            .args(args);
        let out = run_cmd(&mut cmd, None);
        out.expect_code(0);
        assert!(!out.stdout.contains(KEY), "{args:?}: {}", out.stdout);
        assert!(!out.stderr.contains(KEY), "{args:?}: {}", out.stderr);
    }
}

#[test]
fn a_key_pasted_into_the_wrong_setting_is_not_echoed() {
    let env = Env::new();
    let other = "aura_live_9f8e7d6c5b4a39281706";
    let r = Receiver::ok().allow_uncalled();
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", r.url())
        .env("AURALOG_API_KEY", KEY)
        .env("AURALOG_BATCH_SIZE", other)
        .env("AURALOG_TIMEOUT", KEY)
        .args(["log", "hi"]);
    let out = run_cmd(&mut cmd, None);
    out.expect_stderr("AURALOG_BATCH_SIZE");
    assert!(!out.stderr.contains(other), "{}", out.stderr);
    assert!(!out.stderr.contains(KEY), "{}", out.stderr);
    env.write_config(&format!("endpoint = \"{other}\"\n"));
    let mut cmd = env.cmd();
    cmd.env("AURALOG_API_KEY", KEY).args(["log", "hi"]);
    let out = run_cmd(&mut cmd, None);
    out.expect_stderr("endpoint");
    assert!(!out.stderr.contains(other), "{}", out.stderr);
}

#[test]
fn spool_status_counts_corrupt_and_forged_files_apart() {
    let env = Env::new();
    let dir = spool_dir(&env);
    std::fs::create_dir_all(&dir).unwrap();
    let url = dead_url();
    let good = json!({
        "auralog_spool": 1, "idempotency_key": "k1", "kind": "entries", "count": 1,
        "endpoint": url, "key_id": "", "spooled_at": "2020-01-02T03:04:06.000000Z",
        "reason": "r", "ends": [2],
    });
    std::fs::write(
        dir.join("00000000000000000000001-1-00000001.batch"),
        format!("{good}\n{{}}"),
    )
    .unwrap();
    let forged = json!({
        "auralog_spool": 1, "idempotency_key": "k2", "kind": "entries", "count": 100_000,
        "endpoint": url, "key_id": "", "spooled_at": "2020-01-02T03:04:06.000000Z",
        "reason": "r", "ends": [2],
    });
    std::fs::write(
        dir.join("00000000000000000000002-1-00000002.batch"),
        format!("{forged}\n{{}}"),
    )
    .unwrap();
    std::fs::write(
        dir.join("00000000000000000000003-1-00000003.batch"),
        b"garbage",
    )
    .unwrap();
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", &url)
        .args(["spool", "status", "--json"]);
    let out = run_cmd(&mut cmd, None);
    out.expect_code(0);
    let v: Value = serde_json::from_str(out.stdout.trim()).unwrap();
    assert_eq!(v["pending"]["batches"], 1);
    assert_eq!(v["pending"]["entries"], 1);
    assert_eq!(v["corrupt"]["batches"], 2);
    assert_eq!(v["corrupt"]["claimed_entries"], 100_000);
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", &url).args(["spool", "status"]);
    let out = run_cmd(&mut cmd, None);
    assert!(
        out.stdout.contains("pending: 1 batch, 1 entry"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("corrupt: 2 files"), "{}", out.stdout);
}

// ---- the bounded property run ----------------------------------------

/// Seed lines from the corpora: syslog messages, JSON values, csv fields.
struct Seeds {
    lines: Vec<String>,
    json: Vec<String>,
}

fn seeds(c: &Path) -> Seeds {
    let mut lines = Vec::new();
    let mut json = Vec::new();
    let mut walk = vec![c.to_path_buf()];
    while let Some(d) = walk.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk.push(p);
                continue;
            }
            let Ok(data) = std::fs::read(&p) else {
                continue;
            };
            if data.len() > 64 * 1024 {
                continue;
            }
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let text = String::from_utf8_lossy(&data).to_string();
            if name.starts_with("y_") && !text.contains('\n') {
                json.push(text.trim().to_string());
            }
            for l in text.lines().take(20) {
                if !l.trim().is_empty() && l.len() < 400 {
                    lines.push(l.to_string());
                }
            }
        }
    }
    lines.sort();
    lines.dedup();
    json.sort();
    Seeds { lines, json }
}

/// One generated input: the bytes, and how many records it holds.
fn build(format: &str, s: &Seeds, picks: &[(usize, u8)]) -> (Vec<u8>, usize) {
    let line = |i: usize| s.lines[i % s.lines.len()].replace(['\r', '\n'], " ");
    match format {
        "json" => {
            let els: Vec<String> = picks
                .iter()
                .map(|(i, m)| match m % 4 {
                    0 => s.json[i % s.json.len()].clone(),
                    1 => "{\"message\": tru}".to_string(),
                    _ => json!({"message": line(*i)}).to_string(),
                })
                .collect();
            (format!("[{}]", els.join(",\n")).into_bytes(), els.len())
        }
        "csv" => {
            let mut w = csv::WriterBuilder::new()
                .flexible(true)
                .from_writer(Vec::new());
            w.write_record(["message", "n"]).unwrap();
            for (i, m) in picks {
                if m % 5 == 0 {
                    // One field where the header has two: invalid.
                    w.write_record([line(*i).as_str()]).unwrap();
                } else {
                    w.write_record([line(*i).as_str(), &m.to_string()]).unwrap();
                }
            }
            (w.into_inner().unwrap(), picks.len())
        }
        _ => {
            let mut out = String::new();
            let mut n = 0;
            for (i, m) in picks {
                if m % 7 == 0 {
                    out.push('\n');
                    continue;
                }
                let l = if m % 3 == 0 && format == "jsonl" {
                    json!({"message": line(*i), "level": "warn"}).to_string()
                } else {
                    line(*i)
                };
                if l.trim().is_empty() {
                    continue;
                }
                // A BOM that opens the file is an encoding mark the reader
                // drops, and what follows it may be blank: no record then.
                let text = if out.is_empty() {
                    l.strip_prefix('\u{feff}').unwrap_or(&l)
                } else {
                    &l
                };
                if !text.bytes().all(|b| b.is_ascii_whitespace()) {
                    n += 1;
                }
                out.push_str(&l);
                out.push('\n');
            }
            (out.into_bytes(), n)
        }
    }
}

#[test]
fn property_every_record_is_delivered_or_rejected_in_every_format_and_tail_stdin() {
    let Some(c) = corpora() else { return };
    let s = seeds(&c);
    assert!(
        s.lines.len() > 100 && s.json.len() > 50,
        "{} {}",
        s.lines.len(),
        s.json.len()
    );
    let env = Env::new();
    // Config::default() reads PROPTEST_CASES and PROPTEST_RNG_SEED (a
    // deeper run, new cases); without them CI draws the same 8 every run,
    // so that main stays green on what it was green on.
    let mut config = Config {
        failure_persistence: None,
        ..Config::default()
    };
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 8;
    }
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = RngSeed::Fixed(0x6175_7261_6c6f_6700);
    }
    let cases = config.cases;
    let mut runner = TestRunner::new(config);
    let strategy = prop::collection::vec((any::<usize>(), any::<u8>()), 1..60);
    let done = std::cell::Cell::new(0);
    runner
        .run(&strategy, |picks| {
            // A receiver of the case's own: counting re-reads every body.
            let r = Receiver::ok();
            for format in [
                "json",
                "jsonl",
                "csv",
                "syslog",
                "text",
                "obl",
                "tail-stdin",
            ] {
                let before = r.entries().len();
                let (data, mut n) = build(
                    if format == "tail-stdin" {
                        "text"
                    } else {
                        format
                    },
                    &s,
                    &picks,
                );
                if format == "tail-stdin" {
                    // One entry per line, blank lines too.
                    n = data.iter().filter(|b| **b == b'\n').count();
                }
                let out = if format == "tail-stdin" {
                    let mut cmd = env.cmd();
                    cmd.env("AURALOG_ENDPOINT", r.url())
                        .env("AURALOG_API_KEY", KEY)
                        .args(["tail-stdin", "--no-echo"]);
                    run_cmd(&mut cmd, Some(&data))
                } else {
                    let name = format!("in.{format}");
                    write(&env, &name, &data);
                    let rej = format!("rej.{format}");
                    let out = ingest_to(
                        &env,
                        &r.url(),
                        &[],
                        &[
                            "--format",
                            format,
                            "--skip-invalid",
                            "--rejects",
                            &rej,
                            &name,
                        ],
                    );
                    let (shipped, rejected, spooled) = summary_counts(&out.stderr, &name);
                    let got = (r.entries().len() - before) as u64;
                    prop_assert_eq!(got, shipped, "{}: {}", format, out.stderr);
                    prop_assert_eq!(spooled, 0);
                    // in = delivered + spooled + rejected (+ not read: none here)
                    prop_assert_eq!(shipped + rejected, n as u64, "{}: {}", format, out.stderr);
                    if format != "csv" && format != "json" {
                        let lines = std::fs::read(env.path(&rej)).unwrap();
                        let count = lines.iter().filter(|b| **b == b'\n').count() as u64;
                        prop_assert_eq!(count, rejected);
                    }
                    out
                };
                prop_assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
                prop_assert_eq!(out.code, 0, "{}: {}", format, out.stderr);
                if format == "tail-stdin" {
                    let got = r.entries().len() - before;
                    prop_assert_eq!(got, n, "tail-stdin: {}", out.stderr);
                }
            }
            done.set(done.get() + 1);
            Ok(())
        })
        .unwrap();
    assert_eq!(done.get(), cases);
}
