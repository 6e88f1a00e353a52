//! `auralog ingest --resume` (issue 16): checkpoints per file, against real
//! receivers on 127.0.0.1, every record counted where it arrives.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use serde_json::{json, Value};

use crate::support::{dead_url, ingest_to, run_cmd, Env, Out, Receiver, Reply, Serve, KEY};

fn append(env: &Env, name: &str, data: &[u8]) -> PathBuf {
    use std::io::Write as _;
    let p = env.path(name);
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&p)
        .unwrap();
    f.write_all(data).unwrap();
    p
}

fn jsonl(from: usize, to: usize) -> String {
    (from..=to)
        .map(|i| json!({"message": format!("m{i}")}).to_string() + "\n")
        .collect()
}

fn resume_to(env: &Env, url: &str, vars: &[(&str, &str)], args: &[&str]) -> Out {
    ingest_to(env, url, vars, &[&["--resume"], args].concat())
}

/// How many times each message arrived.
fn counts(entries: &[Value]) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for e in entries {
        *m.entry(e["message"].as_str().unwrap_or_default().to_string())
            .or_insert(0) += 1;
    }
    m
}

fn messages(from: usize, to: usize) -> Vec<String> {
    (from..=to).map(|i| format!("m{i}")).collect()
}

/// The `(file, line)` positions of what arrived, sorted.
fn positions(entries: &[Value]) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = entries
        .iter()
        .map(|e| {
            (
                e["metadata"]["file"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                e["metadata"]["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn a_file_that_grows_between_two_runs_ships_exactly_the_new_records() {
    let env = Env::new();
    append(&env, "app.jsonl", jsonl(1, 30).as_bytes());
    let serve = Serve::start(&env, &[]);
    resume_to(&env, &serve.url, &[], &["app.jsonl"]).expect_code(0);
    assert_eq!(serve.wait_entries(30, Duration::from_secs(5)).len(), 30);
    // Nothing new: nothing read, nothing sent.
    let out = resume_to(&env, &serve.url, &[], &["app.jsonl"]);
    out.expect_code(0);
    out.expect_stderr("up to date");
    // It grows, and its last line is still being written.
    append(&env, "app.jsonl", jsonl(31, 45).as_bytes());
    append(&env, "app.jsonl", b"{\"message\":\"m4");
    let out = resume_to(&env, &serve.url, &[], &["app.jsonl"]);
    out.expect_code(0);
    assert!(
        out.stderr.contains("app.jsonl: 15 records shipped")
            && out.stderr.contains("resumed at line 31"),
        "{}",
        out.stderr
    );
    // The half-written line is shipped once it ends.
    append(&env, "app.jsonl", b"6\"}\n");
    resume_to(&env, &serve.url, &[], &["app.jsonl"]).expect_code(0);
    let got = serve.wait_entries(46, Duration::from_secs(5));
    let c = counts(&got);
    assert_eq!(c.keys().cloned().collect::<Vec<_>>().len(), 46);
    assert!(c.values().all(|n| *n == 1), "each exactly once: {c:?}");
    // Line numbers stay true after a resume.
    let pos = positions(&got);
    let want: Vec<(String, u64)> = (1..=46).map(|l| ("app.jsonl".to_string(), l)).collect();
    assert_eq!(pos, want);
}

#[test]
fn a_rotated_file_is_finished_before_the_new_one_nothing_lost_or_repeated() {
    let env = Env::new();
    let r = Receiver::ok();
    append(&env, "app.log", b"l1\nl2\nl3\n");
    resume_to(&env, &r.url(), &[], &["app.log"]).expect_code(0);
    // More lines, then rotation by rename; the new file gets lines too.
    append(&env, "app.log", b"l4\nl5\n");
    std::fs::rename(env.path("app.log"), env.path("app.log.1")).unwrap();
    append(&env, "app.log", b"l6\nl7\n");
    // Only the new name is given: the predecessor is found by the pattern.
    let out = resume_to(&env, &r.url(), &[], &["app.log"]);
    out.expect_code(0);
    out.expect_stderr("finishing app.log.1 first");
    // A second rotation; now both names are given (app.log*), in either order.
    append(&env, "app.log", b"l8\n");
    std::fs::rename(env.path("app.log.1"), env.path("app.log.2")).unwrap();
    std::fs::rename(env.path("app.log"), env.path("app.log.1")).unwrap();
    append(&env, "app.log", b"l9\n");
    resume_to(&env, &r.url(), &[], &["app.log.1", "app.log", "app.log.2"]).expect_code(0);
    // And again with nothing new anywhere.
    let out = resume_to(&env, &r.url(), &[], &["app.log", "app.log.1", "app.log.2"]);
    out.expect_code(0);
    let got: Vec<String> = r
        .entries()
        .iter()
        .map(|e| e["message"].as_str().unwrap().to_string())
        .collect();
    let mut sorted = got.clone();
    sorted.sort();
    let want: Vec<String> = (1..=9).map(|i| format!("l{i}")).collect();
    assert_eq!(sorted, want, "every line once: {got:?}");
    // The rotated file's lines keep their line numbers in it.
    let l4 = r
        .entries()
        .into_iter()
        .find(|e| e["message"] == "l4")
        .unwrap();
    assert_eq!(l4["metadata"]["file"], "app.log.1");
    assert_eq!(l4["metadata"]["line"], 4);
}

#[test]
fn a_truncated_or_replaced_file_is_read_from_its_start_and_it_is_said() {
    let env = Env::new();
    let r = Receiver::ok();
    append(&env, "t.log", b"a1\na2\na3\n");
    resume_to(&env, &r.url(), &[], &["t.log"]).expect_code(0);
    std::fs::write(env.path("t.log"), b"b1\n").unwrap();
    let out = resume_to(&env, &r.url(), &[], &["t.log"]);
    out.expect_code(0);
    assert!(
        out.stderr.contains("t.log: truncated since the last run")
            && out.stderr.contains("reading it from the start"),
        "{}",
        out.stderr
    );
    // Replaced by another file (a new inode) with no predecessor next to it.
    // (Written aside and renamed over it: another inode for sure.)
    std::fs::write(env.path("t.log.new"), b"c1\nc2\n").unwrap();
    std::fs::rename(env.path("t.log.new"), env.path("t.log")).unwrap();
    let out = resume_to(&env, &r.url(), &[], &["t.log"]);
    out.expect_code(0);
    out.expect_stderr("another file since the last run");
    let got: Vec<String> = r
        .entries()
        .iter()
        .map(|e| e["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(got.len(), 6, "{got:?}");
    for m in ["a1", "a2", "a3", "b1", "c1", "c2"] {
        assert!(got.iter().any(|g| g == m), "{m}: {got:?}");
    }
}

/// SIGKILL mid-run: the next `--resume` ships everything not settled, so
/// nothing is missing; what it repeats is bounded by what was in flight
/// (requests, the queue, the hand-over channel, the open batch) plus the
/// batches settled since the last checkpoint write (at most 200 ms apart).
#[test]
fn after_a_sigkill_resume_misses_nothing_and_repeats_only_what_was_in_flight() {
    let env = Env::new();
    let n = 20_000;
    append(&env, "big.jsonl", jsonl(1, n).as_bytes());
    // Slow answers: the run is still going when it is killed.
    let r = Receiver::start(vec![Reply::ok().delay(Duration::from_millis(20))]);
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", r.url())
        .env("AURALOG_API_KEY", KEY)
        .current_dir(env.dir.path())
        .args([
            "ingest",
            "--resume",
            "--concurrency",
            "2",
            "--batch-size",
            "50",
            "big.jsonl",
        ])
        .stderr(std::process::Stdio::null());
    let mut child = cmd.spawn().unwrap();
    std::thread::sleep(Duration::from_millis(1200));
    child.kill().unwrap();
    let _ = child.wait();
    let before = r.entries().len();
    assert!(before > 0 && before < n, "killed mid-run: {before}");
    let out = resume_to(&env, &r.url(), &[], &["--batch-size", "500", "big.jsonl"]);
    out.expect_code(0);
    let got = r.entries();
    let c = counts(&got);
    assert_eq!(
        c.keys().cloned().collect::<std::collections::BTreeSet<_>>(),
        messages(1, n).into_iter().collect(),
        "no record missing"
    );
    let repeated: usize = c.values().map(|k| k - 1).sum();
    // In flight at most: 2 requests + 4 queued + 2 in the hand-over channel
    // + 1 open batch, of 50 entries; plus 200 ms of settled batches at 2
    // requests per 20 ms round trip (20 batches).
    assert!(
        repeated <= (9 + 20) * 50,
        "repeats bounded by the batches in flight: {repeated}"
    );
    // The second run says where it resumed, and repeats are its own lines
    // before what the first run had delivered.
    out.expect_stderr("resumed at line");
}

#[test]
fn csv_resumes_mid_file_with_its_header_and_true_lines() {
    let env = Env::new();
    let serve = Serve::start(&env, &[]);
    append(&env, "e.csv", b"id,message\n1,\"two\nlines\"\n2,b\n");
    resume_to(&env, &serve.url, &[], &["e.csv"]).expect_code(0);
    append(&env, "e.csv", b"3,c\n4,\"x,y\"\n");
    resume_to(&env, &serve.url, &[], &["e.csv"]).expect_code(0);
    let got = serve.wait_entries(4, Duration::from_secs(5));
    assert_eq!(got.len(), 4, "{got:#?}");
    let by_id: BTreeMap<String, &Value> = got
        .iter()
        .map(|e| (e["metadata"]["id"].as_str().unwrap().to_string(), e))
        .collect();
    assert_eq!(by_id["3"]["message"], "c");
    assert_eq!(by_id["3"]["metadata"]["line"], 5);
    assert_eq!(by_id["4"]["message"], "x,y");
    assert_eq!(by_id["4"]["metadata"]["line"], 6);
    assert_eq!(by_id["1"]["message"], "two\nlines");
}

/// A json array and a gzip file stopped mid-file (the spool full behind a
/// dead endpoint: delivery stops for good at a batch, the checkpoint with
/// it) resume by record count: nothing before the checkpoint is shipped
/// again but the batches in flight when it stopped, nothing is missing.
#[test]
fn json_arrays_and_gzip_resume_by_record_count() {
    use std::io::Write as _;
    let env = Env::new();
    let elems: Vec<String> = (1..=300)
        .map(|i| json!({"message": format!("m{i}"), "pad": "p".repeat(50)}).to_string())
        .collect();
    append(
        &env,
        "a.json",
        format!("[{}]", elems.join(",\n")).as_bytes(),
    );
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(
        jsonl(301, 600)
            .replace(
                "\"}",
                "\",\"pad\":\"ppppppppppppppppppppppppppppppppppppppppppppppppp\"}",
            )
            .as_bytes(),
    )
    .unwrap();
    append(&env, "b.jsonl.gz", &gz.finish().unwrap());
    let vars = [
        ("AURALOG_RETRY_BUDGET", "0.1"),
        ("AURALOG_BATCH_SIZE", "20"),
        ("AURALOG_SPOOL_MAX_BYTES", "12000"),
        ("AURALOG_CONCURRENCY", "1"),
    ];
    for name in ["a.json", "b.jsonl.gz"] {
        let out = resume_to(&env, &dead_url(), &vars, &[name]);
        out.expect_code(1);
        out.expect_stderr("run again, with the same options: auralog ingest --resume");
        let r = Receiver::ok();
        let out = resume_to(&env, &r.url(), &[], &[name]);
        out.expect_code(0);
        assert!(
            out.stderr
                .contains("before the checkpoint read again and skipped")
                && out.stderr.contains("resumed after record"),
            "{}",
            out.stderr
        );
        let resumed = r.entries();
        // The rest, from the spool (meant for the dead endpoint: flushed to this one).
        let mut cmd = env.cmd();
        cmd.env("AURALOG_ENDPOINT", r.url())
            .env("AURALOG_API_KEY", KEY)
            .args(["spool", "flush", "--any-destination"]);
        run_cmd(&mut cmd, None).expect_code(0);
        let (lo, hi) = if name == "a.json" {
            (1, 300)
        } else {
            (301, 600)
        };
        let c = counts(&r.entries());
        assert_eq!(
            c.keys().cloned().collect::<std::collections::BTreeSet<_>>(),
            messages(lo, hi).into_iter().collect(),
            "{name}: no record missing"
        );
        // The resumed run did not start at the file's beginning.
        assert!(
            !resumed.iter().any(|e| e["message"] == format!("m{lo}")),
            "{name}: the first records were not shipped again"
        );
        let repeated: usize = c.values().map(|k| k - 1).sum();
        assert!(repeated <= 9 * 20, "{name}: {repeated} repeated");
    }
}

#[test]
fn rejected_and_spooled_records_count_as_done() {
    let env = Env::new();
    append(
        &env,
        "s.jsonl",
        b"{\"message\":\"ok1\"}\nnot json\n{\"message\":\"ok2\"}\n",
    );
    // The endpoint is down: everything is spooled (shipped, for the checkpoint).
    let out = resume_to(
        &env,
        &dead_url(),
        &[("AURALOG_RETRY_BUDGET", "0.2")],
        &["--skip-invalid", "--rejects", "rej.txt", "s.jsonl"],
    );
    out.expect_code(0);
    out.expect_stderr("2 spooled");
    assert_eq!(std::fs::read(env.path("rej.txt")).unwrap(), b"not json\n");
    let r = Receiver::ok();
    let out = resume_to(
        &env,
        &r.url(),
        &[],
        &["--skip-invalid", "--rejects", "rej2.txt", "s.jsonl"],
    );
    out.expect_code(0);
    out.expect_stderr("up to date");
    // Only the spool's replay went out (to this endpoint: flushed).
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", r.url())
        .env("AURALOG_API_KEY", KEY)
        .args(["spool", "flush", "--any-destination"]);
    run_cmd(&mut cmd, None).expect_code(0);
    assert_eq!(counts(&r.entries()).len(), 2);
    assert!(counts(&r.entries()).values().all(|n| *n == 1));
    assert_eq!(std::fs::read(env.path("rej2.txt")).unwrap(), b"");
}

#[test]
fn a_second_resume_of_the_same_file_is_refused_while_the_first_runs() {
    let env = Env::new();
    append(&env, "c.jsonl", jsonl(1, 10).as_bytes());
    let r = Receiver::ok();
    r.hold();
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", r.url())
        .env("AURALOG_API_KEY", KEY)
        .current_dir(env.dir.path())
        .args(["ingest", "--resume", "c.jsonl"])
        .stderr(std::process::Stdio::null());
    let mut first = cmd.spawn().unwrap();
    // Wait until the first run's request is held at the receiver.
    let until = std::time::Instant::now() + Duration::from_secs(10);
    while r.open_requests() == 0 && std::time::Instant::now() < until {
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = resume_to(&env, &r.url(), &[], &["c.jsonl"]);
    r.release();
    out.expect_code(75);
    out.expect_stderr("c.jsonl is being shipped by another auralog process");
    assert!(first.wait().unwrap().success());
    assert_eq!(r.entries().len(), 10, "the second run sent nothing");
}

#[test]
fn resume_with_stdin_is_a_usage_error() {
    let env = Env::new();
    let out = env.run_stdin(&["ingest", "--resume", "-"], b"x\n");
    out.expect_code(2);
    out.expect_stderr("--resume needs files");
    let out = env.run(&["ingest", "--resume", "--from-line", "3", "x.log"]);
    out.expect_code(2);
}

/// logrotate's `compress`: the predecessor is `app.log.1.gz`; the rest of
/// it after the checkpoint (an offset in its data) is finished first.
#[test]
fn a_compressed_rotated_predecessor_is_finished_from_its_data() {
    use std::io::Write as _;
    let env = Env::new();
    let r = Receiver::ok();
    append(&env, "app.log", b"l1\nl2\n");
    resume_to(&env, &r.url(), &[], &["app.log"]).expect_code(0);
    append(&env, "app.log", b"l3\nl4\n");
    let old = std::fs::read(env.path("app.log")).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&old).unwrap();
    std::fs::write(env.path("app.log.1.gz"), gz.finish().unwrap()).unwrap();
    std::fs::remove_file(env.path("app.log")).unwrap();
    append(&env, "app.log", b"l5\n");
    let out = resume_to(&env, &r.url(), &[], &["app.log"]);
    out.expect_code(0);
    out.expect_stderr("finishing app.log.1.gz first");
    // Named too in a later run: nothing again.
    resume_to(&env, &r.url(), &[], &["app.log", "app.log.1.gz"]).expect_code(0);
    let got: Vec<(String, String, u64)> = r
        .entries()
        .iter()
        .map(|e| {
            (
                e["message"].as_str().unwrap().to_string(),
                e["metadata"]["file"].as_str().unwrap().to_string(),
                e["metadata"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    // (Batches of two files may arrive in either order.)
    let mut got = got;
    got.sort();
    let s = |m: &str, f: &str, l: u64| (m.to_string(), f.to_string(), l);
    assert_eq!(
        got,
        vec![
            s("l1", "app.log", 1),
            s("l2", "app.log", 2),
            s("l3", "app.log.1.gz", 3),
            s("l4", "app.log.1.gz", 4),
            s("l5", "app.log", 1),
        ]
    );
}

/// A BOM at the start of the file is its encoding mark; one where a run
/// resumes (or a follower's later read starts) is text, as in the file
/// read whole: `--resume` and `--follow` read it as plain ingest does.
#[test]
fn a_bom_where_a_run_resumes_is_text_as_in_the_file_read_whole() {
    let env = Env::new();
    let r = Receiver::ok();
    let path = append(&env, "app.log", b"\xef\xbb\xbfa\n");
    resume_to(&env, &r.url(), &[], &["--format", "text", "app.log"]).expect_code(0);
    append(&env, "app.log", b"\xef\xbb\xbfb\n");
    resume_to(&env, &r.url(), &[], &["--format", "text", "app.log"]).expect_code(0);
    let resumed: Vec<Value> = r.entries();
    let whole = Receiver::ok();
    ingest_to(
        &env,
        &whole.url(),
        &[],
        &["--format", "text", path.to_str().unwrap()],
    )
    .expect_code(0);
    let messages = |es: &[Value]| -> Vec<String> {
        es.iter()
            .map(|e| e["message"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(messages(&resumed), ["a", "\u{feff}b"]);
    assert_eq!(messages(&resumed), messages(&whole.entries()));
}
