//! `ingest --follow`: a real follower process on real files, against a
//! real receiver on 127.0.0.1: writers that append and rotate, signals,
//! restarts from the checkpoints, a second follower refused.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::support::{signal, Env, Receiver, Reply};

const KEY: &str = "aura_test_key_follow";

/// A follower process, killed when dropped still running: a test that
/// fails before stopping it leaves no follower behind.
struct Running(Option<Child>);

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(c) = self.0.as_mut() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Running {
    fn child(&mut self) -> &mut Child {
        self.0.as_mut().expect("still running")
    }

    /// Its output once it ended by itself: a follower that should have
    /// ended but keeps running fails the test within 30 s (not hangs it).
    fn wait_with_output(mut self) -> std::io::Result<std::process::Output> {
        let until = Instant::now() + Duration::from_secs(30);
        while self.child().try_wait()?.is_none() {
            assert!(
                Instant::now() < until,
                "the follower did not end by itself within 30 s"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        self.0.take().expect("still running").wait_with_output()
    }
}

/// A running `auralog ingest --follow ARGS` in `env`, flushing every 0.2 s.
fn start(env: &Env, r: &Receiver, args: &[&str]) -> Running {
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", r.url())
        .env("AURALOG_API_KEY", KEY)
        .env("AURALOG_FLUSH_INTERVAL", "0.2")
        .current_dir(env.dir.path())
        .args(["ingest", "--follow"])
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    Running(Some(cmd.spawn().expect("spawn auralog")))
}

/// Signal `sig`, then the exit code and stderr (30 s at most).
fn stop(mut running: Running, sig: &str) -> (i32, String) {
    let child = running.child();
    signal(child.id(), sig);
    let until = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            return (status.code().unwrap_or(-1), err);
        }
        if Instant::now() > until {
            let _ = child.kill();
            panic!("the follower did not stop within 30 s of {sig}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// [`stop`], requiring exit 0; its stderr.
fn stopped_ok(child: Running, sig: &str) -> String {
    let (code, err) = stop(child, sig);
    assert_eq!(code, 0, "{err}");
    err
}

/// A follower that runs for 0.8 s and is stopped (exit 0): what it says.
fn ran_briefly(env: &Env, r: &Receiver, args: &[&str]) -> String {
    let child = start(env, r, args);
    std::thread::sleep(Duration::from_millis(800));
    stopped_ok(child, "TERM")
}

fn append(path: &Path, text: &str) {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
}

fn truncate(path: &Path) {
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .unwrap()
        .set_len(0)
        .unwrap();
}

/// Each entry's message and file line, in the order they arrived.
fn messages_and_lines(r: &Receiver) -> Vec<(String, u64)> {
    r.entries()
        .iter()
        .map(|e| {
            (
                e["message"].as_str().unwrap().to_string(),
                e["metadata"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn owned(pairs: &[(&str, u64)]) -> Vec<(String, u64)> {
    pairs.iter().map(|(m, l)| (m.to_string(), *l)).collect()
}

/// How many times each message arrived.
fn counts(r: &Receiver) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for e in r.entries() {
        *m.entry(e["message"].as_str().unwrap().to_string())
            .or_insert(0) += 1;
    }
    m
}

/// Every `line N` for N below `total` arrived, and none twice.
fn every_line_once(r: &Receiver, total: usize, context: &str) {
    let seen = counts(r);
    let missing: Vec<usize> = (0..total)
        .filter(|n| !seen.contains_key(&format!("line {n}")))
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {total} missing, first {:?}\n{context}",
        missing.len(),
        &missing[..missing.len().min(5)]
    );
    let repeated: Vec<_> = seen.iter().filter(|(_, c)| **c > 1).collect();
    assert!(
        repeated.is_empty(),
        "repeated: {:?}\n{context}",
        &repeated[..repeated.len().min(5)]
    );
}

/// Until `n` entries arrived (15 s at most): counting requests' entries
/// without parsing every body each time.
fn wait_count(r: &Receiver, n: usize) -> usize {
    let until = Instant::now() + Duration::from_secs(15);
    loop {
        let got: usize = r
            .requests()
            .iter()
            .map(|q| q.json()["logs"].as_array().map_or(0, Vec::len))
            .sum();
        if got >= n || Instant::now() > until {
            return got;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn checkpoint_of(env: &Env, path: &Path) -> Option<Value> {
    let out = env.run(&["checkpoints", "list", "--json"]);
    out.expect_code(0);
    out.json_lines()[0]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["path"] == path.to_str().unwrap())
        .cloned()
}

#[test]
fn follow_ships_every_line_once_from_a_fast_writer_across_two_rotations() {
    let env = Env::new();
    let r = Receiver::ok();
    let log = env.path("app.log");
    std::fs::write(&log, "").unwrap();
    let child = start(&env, &r, &["app.log"]);
    // 10,000 lines/s for 10 s: 100 lines every 10 ms; the file is renamed
    // away at 3.3 s and 6.6 s (app.log.1 -> app.log.2 first) and the writer
    // goes on in a new app.log, as a logger reopening on SIGHUP does.
    let total = 100_000usize;
    let started = Instant::now();
    let mut f = std::fs::OpenOptions::new().append(true).open(&log).unwrap();
    let mut rotations = 0;
    let mut i = 0;
    while i < total {
        let t = started.elapsed();
        if (rotations == 0 && t >= Duration::from_millis(3300))
            || (rotations == 1 && t >= Duration::from_millis(6600))
        {
            let one = env.path("app.log.1");
            if one.exists() {
                std::fs::rename(&one, env.path("app.log.2")).unwrap();
            }
            std::fs::rename(&log, &one).unwrap();
            f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&log)
                .unwrap();
            rotations += 1;
        }
        let chunk: String = (i..i + 100).map(|n| format!("line {n}\n")).collect();
        f.write_all(chunk.as_bytes()).unwrap();
        i += 100;
        let slot = Duration::from_millis(10 * (i / 100) as u64);
        if let Some(wait) = slot.checked_sub(started.elapsed()) {
            std::thread::sleep(wait);
        }
    }
    assert_eq!(rotations, 2);
    let got = wait_count(&r, total);
    let err = stopped_ok(child, "TERM");
    assert_eq!(got, total, "entries at the receiver before the stop\n{err}");
    every_line_once(&r, total, &err);
    // Each file's lines are numbered in their own file.
    let last = r
        .entries()
        .into_iter()
        .find(|e| e["message"] == format!("line {}", total - 1))
        .unwrap();
    assert_eq!(last["metadata"]["file"], "app.log");
    assert!(
        last["metadata"]["line"].as_u64().unwrap() < 40_000,
        "{last}"
    );
}

#[test]
fn follow_stops_on_sigterm_with_everything_read_delivered_and_exits_0() {
    let env = Env::new();
    let r = Receiver::start(vec![Reply::ok().delay(Duration::from_millis(300))]);
    let log = env.path("app.log");
    let text: String = (0..5000).map(|n| format!("line {n}\n")).collect();
    std::fs::write(&log, &text).unwrap();
    let child = start(&env, &r, &["--batch-size", "500", "app.log"]);
    // The first request is being answered, the others wait behind it.
    let until = Instant::now() + Duration::from_secs(10);
    while r.requests().is_empty() && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(10));
    }
    let err = stopped_ok(child, "TERM");
    // Everything it read arrived (reading waits on the requests in
    // flight, so it may not have read the whole file yet).
    let read: usize = err
        .split("followed ")
        .nth(1)
        .and_then(|t| t.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in: {err}"));
    let seen = counts(&r);
    assert_eq!(seen.len(), read, "{err}");
    assert!(seen.values().all(|c| *c == 1));
    for n in 0..read {
        assert!(
            seen.contains_key(&format!("line {n}")),
            "line {n} of {read}"
        );
    }
    // The checkpoint is where delivery got to: a restart ships the rest,
    // nothing twice, and ends at the file's end.
    let cp = checkpoint_of(&env, &log).expect("a checkpoint");
    assert_eq!(cp["line"], read, "{cp}");
    let child = start(&env, &r, &["app.log"]);
    assert_eq!(wait_count(&r, 5000), 5000);
    stopped_ok(child, "TERM");
    let seen = counts(&r);
    assert_eq!(seen.len(), 5000);
    assert!(seen.values().all(|c| *c == 1), "repeats after the restart");
    let cp = checkpoint_of(&env, &log).expect("a checkpoint");
    assert_eq!(cp["offset"], text.len(), "{cp}");
    assert_eq!(cp["line"], 5000);
    assert_eq!(cp["state"], "up to date");
}

#[test]
fn a_restarted_follower_ships_what_is_new_and_finishes_a_rotated_file_first() {
    let env = Env::new();
    let r = Receiver::ok();
    let log = env.path("app.log");
    std::fs::write(&log, "a1\na2\n").unwrap();
    let child = start(&env, &r, &["app.log"]);
    assert_eq!(wait_count(&r, 2), 2);
    stopped_ok(child, "INT");

    // While no follower runs: more lines, then a rotation and a new file.
    append(&log, "a3\n");
    std::fs::rename(&log, env.path("app.log.1")).unwrap();
    append(&log, "b1\nb2\n");
    let child = start(&env, &r, &["app.log"]);
    assert_eq!(wait_count(&r, 5), 5);
    std::thread::sleep(Duration::from_millis(500));
    let err = stopped_ok(child, "TERM");
    assert!(err.contains("finishing"), "{err}");
    assert_eq!(
        messages_and_lines(&r),
        owned(&[("a1", 1), ("a2", 2), ("a3", 3), ("b1", 1), ("b2", 2)])
    );

    // A third run with nothing new ships nothing, nor does one given the
    // rotated file too (it has its own checkpoint, at its end).
    ran_briefly(&env, &r, &["app.log"]);
    assert_eq!(r.entries().len(), 5);
    let err = ran_briefly(&env, &r, &["app.log", "app.log.1"]);
    assert_eq!(r.entries().len(), 5, "{err}");
}

#[test]
fn follow_restarts_a_truncated_file_and_waits_for_a_late_one() {
    let env = Env::new();
    let r = Receiver::ok();
    let log = env.path("app.log");
    let late = env.path("late.log");
    std::fs::write(&log, "long first line\nlong second line\n").unwrap();
    let child = start(&env, &r, &["app.log", "late.log"]);
    assert_eq!(wait_count(&r, 2), 2);
    truncate(&log);
    append(&log, "after\n");
    append(&late, "late one\n");
    assert_eq!(wait_count(&r, 4), 4);
    stopped_ok(child, "TERM");
    let seen = counts(&r);
    for m in ["long first line", "long second line", "after", "late one"] {
        assert_eq!(seen.get(m), Some(&1), "{m}: {seen:?}");
    }
    let late_entry = r
        .entries()
        .into_iter()
        .find(|e| e["message"] == "late one")
        .unwrap();
    assert_eq!(late_entry["metadata"]["file"], "late.log");
    assert_eq!(late_entry["metadata"]["line"], 1);
}

#[test]
fn a_second_follower_of_the_same_file_is_refused_naming_the_first() {
    let env = Env::new();
    let r = Receiver::ok().allow_uncalled();
    let log = env.path("app.log");
    std::fs::write(&log, "x\n").unwrap();
    let first = start(&env, &r, &["app.log"]);
    assert_eq!(wait_count(&r, 1), 1);
    let second = start(&env, &r, &[log.to_str().unwrap()]);
    let out = second.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(75), "{err}");
    assert!(err.contains("auralog: error:"), "{err}");
    assert!(
        err.contains("is being shipped by another auralog process"),
        "{err}"
    );
    assert!(
        err.contains(&format!("pid {}", first.0.as_ref().unwrap().id())),
        "{err}"
    );
    stopped_ok(first, "TERM");
    assert_eq!(r.entries().len(), 1, "nothing twice");
}

#[test]
fn follow_refuses_what_it_cannot_follow() {
    let env = Env::new();
    for (args, what) in [
        (vec!["ingest", "--follow", "-"], "stdin cannot be followed"),
        (vec!["ingest", "--follow"], "stdin cannot be followed"),
        (vec!["ingest", "--follow", "--raw", "x.log"], "--raw"),
        (
            vec!["ingest", "--follow", "--dry-run", "x.log"],
            "--dry-run",
        ),
    ] {
        let out = crate::support::run_cmd(env.cmd().current_dir(env.dir.path()).args(&args), None);
        out.expect_code(2);
        assert!(out.stderr.contains(what), "{args:?}: {}", out.stderr);
    }
}

/// The entry whose message is `m` (exactly one).
fn entry(r: &Receiver, m: &str) -> Value {
    let all: Vec<Value> = r
        .entries()
        .into_iter()
        .filter(|e| e["message"] == m)
        .collect();
    assert_eq!(all.len(), 1, "{m}: {all:?}");
    all.into_iter().next().unwrap()
}

#[test]
fn follow_ships_csv_rows_whole_and_reads_each_new_files_header() {
    let env = Env::new();
    let r = Receiver::ok();
    let log = env.path("app.csv");
    std::fs::write(&log, "level,message\ninfo,one\n").unwrap();
    let child = start(&env, &r, &["app.csv"]);
    assert_eq!(wait_count(&r, 1), 1);
    // A row with a quoted newline, written in two parts: nothing goes out
    // until it is whole (a partial row waits like a partial line).
    append(&log, "warn,\"two\n");
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(r.entries().len(), 1, "the half row was not taken");
    append(&log, "lines\"\n");
    assert_eq!(wait_count(&r, 2), 2);
    stopped_ok(child, "TERM");
    let two = entry(&r, "two\nlines");
    assert_eq!(two["level"], "warn", "{two}");
    assert_eq!(two["metadata"]["line"], 3);

    // A restart goes on from the checkpoint, inside the file: the header
    // row is read from the file's start.
    append(&log, "error,three\n");
    let child = start(&env, &r, &["app.csv"]);
    assert_eq!(wait_count(&r, 3), 3);
    // Rotated: the new file has its own header (other columns, in another
    // order).
    std::fs::rename(&log, env.path("app.csv.1")).unwrap();
    std::fs::write(&log, "message,level,user\nfour,error,ann\n").unwrap();
    assert_eq!(wait_count(&r, 4), 4);
    // Truncated: its header is read again too.
    truncate(&log);
    append(&log, "message\nfive\n");
    assert_eq!(wait_count(&r, 5), 5);
    // Flushed in pieces that end mid-row: still whole rows.
    append(&log, "\"six,\"");
    std::thread::sleep(Duration::from_millis(400));
    append(&log, "\n");
    assert_eq!(wait_count(&r, 6), 6);
    let err = stopped_ok(child, "TERM");
    let three = entry(&r, "three");
    assert_eq!(three["level"], "error");
    assert_eq!(three["metadata"]["line"], 5, "{three}");
    let four = entry(&r, "four");
    assert_eq!(four["level"], "error", "{four}");
    assert_eq!(four["metadata"]["line"], 2);
    let five = entry(&r, "five");
    assert_eq!(five["metadata"]["line"], 2, "{five}");
    entry(&r, "six,");
    assert_eq!(r.entries().len(), 6, "{err}");
}

#[test]
fn follow_rejects_csv_rows_under_their_header() {
    let env = Env::new();
    let r = Receiver::ok();
    let log = env.path("app.csv");
    std::fs::write(&log, "message,level\nok1,info\nbad\n").unwrap();
    let child = start(
        &env,
        &r,
        &["--skip-invalid", "--rejects", "bad.csv", "app.csv"],
    );
    assert_eq!(wait_count(&r, 1), 1);
    let err = stopped_ok(child, "TERM");
    assert!(err.contains("app.csv:3"), "{err}");
    assert_eq!(
        std::fs::read_to_string(env.path("bad.csv")).unwrap(),
        "message,level\nbad\n"
    );
}

#[test]
fn a_gzip_or_json_file_given_to_follow_is_shipped_once_then_not_followed() {
    use flate2::write::GzEncoder;
    let env = Env::new();
    let r = Receiver::ok();
    let gz = env.path("old.log.gz");
    let mut enc = GzEncoder::new(
        std::fs::File::create(&gz).unwrap(),
        flate2::Compression::fast(),
    );
    enc.write_all(b"g1\ng2\n").unwrap();
    enc.finish().unwrap();
    std::fs::write(
        env.path("doc.json"),
        "[{\"message\":\"j1\"},\n {\"message\":\"j2\"}]\n",
    )
    .unwrap();
    let log = env.path("app.log");
    std::fs::write(&log, "a1\n").unwrap();
    let args = ["old.log.gz", "doc.json", "app.log"];
    let child = start(&env, &r, &args);
    assert_eq!(wait_count(&r, 5), 5);
    append(&log, "a2\n");
    assert_eq!(wait_count(&r, 6), 6);
    let err = stopped_ok(child, "TERM");
    for (name, what) in [
        ("old.log.gz", "a gzip file"),
        ("doc.json", "a json document"),
    ] {
        let said = format!(
            "{name}: {what}, not appended to: shipped once from its checkpoint (as --resume does), not followed"
        );
        assert_eq!(err.matches(&said).count(), 1, "{err}");
    }
    for m in ["g1", "g2", "j1", "j2", "a1", "a2"] {
        entry(&r, m);
    }
    // Their checkpoints say they are done: a second run ships none of them
    // again, and still follows app.log.
    let child = start(&env, &r, &args);
    append(&log, "a3\n");
    assert_eq!(wait_count(&r, 7), 7);
    std::thread::sleep(Duration::from_millis(500));
    let err = stopped_ok(child, "TERM");
    assert_eq!(r.entries().len(), 7, "{err}");
    entry(&r, "a3");
    // One held by another process (this test stands in for it) is refused
    // as a followed file is, before anything is read.
    let held = auralog::checkpoint::Store::at(env.state_dir().join("auralog").join("checkpoints"))
        .lock(&env.path("doc.json"))
        .unwrap();
    let out = start(&env, &r, &["doc.json", "app.log"])
        .wait_with_output()
        .unwrap();
    drop(held);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is being shipped by another auralog process"),
        "{err}"
    );
    assert_eq!(r.entries().len(), 7, "{err}");
    assert_eq!(out.status.code(), Some(75), "{err}");
}

#[test]
fn a_compressed_predecessor_named_too_is_finished_once_not_shipped_again() {
    use flate2::write::GzEncoder;
    let env = Env::new();
    let r = Receiver::ok();
    let log = env.path("app.log");
    std::fs::write(&log, "a1\na2\n").unwrap();
    let child = start(&env, &r, &["app.log"]);
    assert_eq!(wait_count(&r, 2), 2);
    stopped_ok(child, "TERM");
    // Rotated and compressed while no follower ran (logrotate's compress).
    append(&log, "a3\n");
    let mut enc = GzEncoder::new(
        std::fs::File::create(env.path("app.log.1.gz")).unwrap(),
        flate2::Compression::fast(),
    );
    enc.write_all(&std::fs::read(&log).unwrap()).unwrap();
    enc.finish().unwrap();
    std::fs::remove_file(&log).unwrap();
    append(&log, "b1\n");
    let child = start(&env, &r, &["app.log", "app.log.1.gz"]);
    assert_eq!(wait_count(&r, 4), 4);
    std::thread::sleep(Duration::from_millis(500));
    let err = stopped_ok(child, "TERM");
    assert!(err.contains("finishing"), "{err}");
    assert!(!err.contains("shipped once"), "{err}");
    assert_eq!(
        messages_and_lines(&r),
        owned(&[("a1", 1), ("a2", 2), ("a3", 3), ("b1", 1)])
    );
    // The finished one has its own checkpoint, at its end: named again, it
    // is up to date.
    let err = ran_briefly(&env, &r, &["app.log", "app.log.1.gz"]);
    assert_eq!(r.entries().len(), 4, "{err}");
}

/// A rotated predecessor another process holds (a `--resume` of it) is
/// refused, as --resume refuses it, before anything is read.
#[test]
fn a_predecessor_held_by_another_process_is_refused() {
    let env = Env::new();
    let r = Receiver::ok();
    let log = env.path("app.log");
    std::fs::write(&log, "a1\n").unwrap();
    let child = start(&env, &r, &["app.log"]);
    assert_eq!(wait_count(&r, 1), 1);
    stopped_ok(child, "TERM");
    append(&log, "a2\n");
    std::fs::rename(&log, env.path("app.log.1")).unwrap();
    append(&log, "b1\n");
    let held = auralog::checkpoint::Store::at(env.state_dir().join("auralog").join("checkpoints"))
        .lock(&env.path("app.log.1"))
        .unwrap();
    let out = start(&env, &r, &["app.log"]).wait_with_output().unwrap();
    drop(held);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(75), "{err}");
    assert_eq!(r.entries().len(), 1, "{err}");
}

#[test]
fn copytruncate_rotation_loses_no_line() {
    let env = Env::new();
    let r = Receiver::ok();
    let log = env.path("app.log");
    std::fs::write(&log, "").unwrap();
    let child = start(&env, &r, &["app.log"]);
    // The writer appends (O_APPEND: after a truncation it writes at the
    // new end, as a logger opened in append mode does).
    let mut f = std::fs::OpenOptions::new().append(true).open(&log).unwrap();
    let mut n = 0;
    let mut write = |f: &mut std::fs::File, count: usize| {
        let chunk: String = (n..n + count).map(|i| format!("line {i}\n")).collect();
        f.write_all(chunk.as_bytes()).unwrap();
        n += count;
    };
    for round in 0..4 {
        for _ in 0..5 {
            write(&mut f, 50);
            std::thread::sleep(Duration::from_millis(20));
        }
        // Right before the copy: lines the follower has likely not read.
        write(&mut f, 300);
        // logrotate's copytruncate, with rotate 2: .1 -> .2, copy, truncate.
        let one = env.path("app.log.1");
        if round > 0 {
            std::fs::rename(&one, env.path("app.log.2")).unwrap();
        }
        std::fs::copy(&log, &one).unwrap();
        truncate(&log);
        std::thread::sleep(Duration::from_millis(100));
    }
    write(&mut f, 100);
    let total = n;
    let got = wait_count(&r, total);
    std::thread::sleep(Duration::from_millis(500));
    let err = stopped_ok(child, "TERM");
    every_line_once(&r, total, &format!("got {got}\n{err}"));
    assert_eq!(counts(&r).len(), total);
}

#[test]
fn lines_written_to_a_renamed_file_well_after_the_rotation_arrive() {
    let env = Env::new();
    let r = Receiver::ok();
    let log = env.path("app.log");
    std::fs::write(&log, "a1\n").unwrap();
    let child = start(&env, &r, &["app.log"]);
    assert_eq!(wait_count(&r, 1), 1);
    // A writer that keeps the old file open after the rename ...
    let mut old = std::fs::OpenOptions::new().append(true).open(&log).unwrap();
    std::fs::rename(&log, env.path("app.log.1")).unwrap();
    append(&log, "b1\n");
    assert_eq!(wait_count(&r, 2), 2);
    // ... and writes to it 2 s later (the follower reads the new file by
    // then), and again 3 s after that.
    std::thread::sleep(Duration::from_secs(2));
    old.write_all(b"a2\n").unwrap();
    assert_eq!(wait_count(&r, 3), 3);
    append(&log, "b2\n");
    std::thread::sleep(Duration::from_secs(3));
    old.write_all(b"a3\n").unwrap();
    append(&log, "b3\n");
    assert_eq!(wait_count(&r, 6), 6);
    stopped_ok(child, "TERM");
    for (m, line) in [
        ("a1", 1),
        ("a2", 2),
        ("a3", 3),
        ("b1", 1),
        ("b2", 2),
        ("b3", 3),
    ] {
        let e = entry(&r, m);
        assert_eq!(e["metadata"]["line"], line, "{e}");
        assert_eq!(e["metadata"]["file"], "app.log", "{e}");
    }
    // The checkpoint names the file at the path: a restart ships nothing.
    let err = ran_briefly(&env, &r, &["app.log"]);
    assert_eq!(r.entries().len(), 6, "{err}");
}

/// `events.jsonl` with an invalid second line between two good ones.
fn with_a_bad_second_line(env: &Env) -> PathBuf {
    let log = env.path("events.jsonl");
    std::fs::write(
        &log,
        "{\"message\":\"ok 1\"}\nnot json\n{\"message\":\"ok 2\"}\n",
    )
    .unwrap();
    log
}

/// The checkpoint never passes the invalid second line (its segment was
/// not read to its end): a later run reads it again.
fn assert_checkpoint_before_line_2(env: &Env, log: &Path) {
    let cp = checkpoint_of(env, log);
    assert!(
        cp.as_ref()
            .is_none_or(|c| c["line"].as_u64().is_some_and(|l| l <= 1)),
        "{cp:?}"
    );
}

#[test]
fn an_invalid_record_ends_the_follower_unless_skip_invalid_takes_it() {
    let env = Env::new();
    let r = Receiver::ok();
    let log = with_a_bad_second_line(&env);
    // Ends by itself: exit 65, naming the file and line.
    let child = start(&env, &r, &["events.jsonl"]);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(65), "{err}");
    assert!(err.contains("events.jsonl:2"), "{err}");
    assert_eq!(counts(&r).get("ok 1"), Some(&1));
    assert!(!counts(&r).contains_key("ok 2"));
    assert_checkpoint_before_line_2(&env, &log);

    // With --skip-invalid the line goes to --rejects and following goes on.
    let env = Env::new();
    let log = with_a_bad_second_line(&env);
    let r = Receiver::ok();
    let child = start(
        &env,
        &r,
        &["--skip-invalid", "--rejects", "bad.jsonl", "events.jsonl"],
    );
    assert_eq!(wait_count(&r, 2), 2);
    append(&log, "{\"message\":\"ok 3\"}\n");
    assert_eq!(wait_count(&r, 3), 3);
    let err = stopped_ok(child, "TERM");
    assert!(err.contains("events.jsonl:2"), "{err}");
    assert_eq!(
        std::fs::read_to_string(env.path("bad.jsonl")).unwrap(),
        "not json\n"
    );
}

#[test]
fn a_rejects_file_that_cannot_be_written_ends_the_follower() {
    // /dev/full opens and then refuses every write: the rejected line
    // would be lost, so the follower stops, says why, and its checkpoint
    // does not pass the line.
    let env = Env::new();
    let r = Receiver::ok();
    let log = with_a_bad_second_line(&env);
    let child = start(
        &env,
        &r,
        &["--skip-invalid", "--rejects", "/dev/full", "events.jsonl"],
    );
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("events.jsonl:2: ")
            && err.contains("(not kept: writing the rejects file: No space left on device"),
        "{err}"
    );
    assert_eq!(counts(&r).get("ok 1"), Some(&1));
    assert!(!counts(&r).contains_key("ok 2"), "{err}");
    assert_checkpoint_before_line_2(&env, &log);
}

#[test]
fn an_invalid_record_in_a_rotated_file_finished_first_is_rejected_or_ends_the_run() {
    // A first run leaves a checkpoint; then the file gets a bad line and is
    // rotated while no follower runs.
    let setup = |env: &Env, r: &Receiver, args: &[&str]| {
        let log = env.path("events.jsonl");
        std::fs::write(&log, "{\"message\":\"a1\"}\n").unwrap();
        let child = start(env, r, &["events.jsonl"]);
        assert_eq!(wait_count(r, 1), 1);
        stopped_ok(child, "INT");
        append(&log, "not json\n{\"message\":\"a3\"}\n");
        std::fs::rename(&log, env.path("events.jsonl.1")).unwrap();
        append(&log, "{\"message\":\"b1\"}\n");
        start(env, r, args)
    };
    // Without --skip-invalid the run ends by itself, exit 65, naming the line.
    let env = Env::new();
    let r = Receiver::ok();
    let child = setup(&env, &r, &["events.jsonl"]);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(65), "{err}");
    assert!(err.contains("events.jsonl.1:2"), "{err}");
    // With it, the line goes to --rejects and the rest is shipped.
    let env = Env::new();
    let r = Receiver::ok();
    let child = setup(
        &env,
        &r,
        &["--skip-invalid", "--rejects", "bad.jsonl", "events.jsonl"],
    );
    assert_eq!(wait_count(&r, 3), 3);
    stopped_ok(child, "TERM");
    assert_eq!(
        std::fs::read_to_string(env.path("bad.jsonl")).unwrap(),
        "not json\n"
    );
}

#[test]
fn a_follower_killed_mid_run_loses_nothing_on_restart() {
    let env = Env::new();
    let r = Receiver::start(vec![Reply::ok().delay(Duration::from_millis(100))]);
    let log = env.path("app.log");
    std::fs::write(&log, "").unwrap();
    let child = start(&env, &r, &["--batch-size", "200", "app.log"]);
    let chunk_of = |chunk: usize| -> String {
        (chunk * 500..(chunk + 1) * 500)
            .map(|n| format!("line {n}\n"))
            .collect()
    };
    for chunk in 0..10 {
        append(&log, &chunk_of(chunk));
        std::thread::sleep(Duration::from_millis(50));
    }
    // A checkpoint was written (its batches settled) ...
    let until = Instant::now() + Duration::from_secs(20);
    let checkpointed = loop {
        let line = checkpoint_of(&env, &log).and_then(|c| c["line"].as_u64());
        if let Some(l) = line.filter(|l| *l > 0) {
            break l as usize;
        }
        assert!(Instant::now() < until, "no checkpoint within 20 s");
        std::thread::sleep(Duration::from_millis(100));
    };
    // ... and more is read and in flight when the follower dies.
    for chunk in 10..20 {
        append(&log, &chunk_of(chunk));
        std::thread::sleep(Duration::from_millis(20));
    }
    // SIGKILL: no flush, no last checkpoint.
    let (code, _) = stop(child, "KILL");
    assert_eq!(code, -1, "killed by the signal");
    let child = start(&env, &r, &["app.log"]);
    let until = Instant::now() + Duration::from_secs(20);
    while counts(&r).len() < 10_000 && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(200));
    }
    let err = stopped_ok(child, "TERM");
    let seen = counts(&r);
    let missing = (0..10_000)
        .filter(|n| !seen.contains_key(&format!("line {n}")))
        .count();
    assert_eq!(missing, 0, "{err}");
    // Repeats only after the checkpoint: what it covered arrived once.
    let repeated_before = (0..checkpointed)
        .filter(|n| seen.get(&format!("line {n}")) != Some(&1))
        .count();
    assert_eq!(repeated_before, 0, "checkpoint at line {checkpointed}");
}

#[test]
fn follow_and_resume_share_their_checkpoints() {
    let env = Env::new();
    let r = Receiver::ok();
    let log = env.path("app.log");
    std::fs::write(&log, "f1\nf2\n").unwrap();
    let child = start(&env, &r, &["app.log"]);
    assert_eq!(wait_count(&r, 2), 2);
    stopped_ok(child, "TERM");
    // A cron --resume after the follower ships only what came since.
    append(&log, "r1\n");
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", r.url())
        .env("AURALOG_API_KEY", KEY)
        .current_dir(env.dir.path())
        .args(["ingest", "--resume", "app.log"]);
    crate::support::run_cmd(&mut cmd, None).expect_code(0);
    // And a follower after --resume goes on from there.
    append(&log, "f3\n");
    let child = start(&env, &r, &["app.log"]);
    assert_eq!(wait_count(&r, 4), 4);
    std::thread::sleep(Duration::from_millis(300));
    stopped_ok(child, "TERM");
    assert_eq!(
        messages_and_lines(&r),
        owned(&[("f1", 1), ("f2", 2), ("r1", 3), ("f3", 4)])
    );
}

/// `--follow app.log*`: the rotated names are shipped once, not followed:
/// followed by name, app.log.1 sent app.log's lines again at a rotation.
#[test]
fn a_glob_with_rotated_names_ships_every_line_once_across_rotations_and_restarts() {
    let env = Env::new();
    let r = Receiver::ok();
    let log = env.path("app.log");
    std::fs::write(env.path("app.log.1"), "old1\nold2\n").unwrap();
    std::fs::write(&log, "cur1\ncur2\n").unwrap();
    let glob = ["app.log", "app.log.1"];
    let child = start(&env, &r, &glob);
    assert_eq!(wait_count(&r, 4), 4);
    append(&log, "cur3\n");
    assert_eq!(wait_count(&r, 5), 5);
    // logrotate: app.log.1 -> app.log.2, app.log -> app.log.1, a new app.log.
    std::fs::rename(env.path("app.log.1"), env.path("app.log.2")).unwrap();
    std::fs::rename(&log, env.path("app.log.1")).unwrap();
    append(&env.path("app.log.1"), "cur4\n");
    append(&log, "new1\n");
    assert_eq!(wait_count(&r, 7), 7);
    std::thread::sleep(Duration::from_millis(800));
    let err = stopped_ok(child, "TERM");
    assert!(
        err.contains("app.log.1: a rotated name of app.log"),
        "{err}"
    );

    // Restarted on the glob as it is now, after more lines and a rotation
    // while nothing ran: only the new lines, each once.
    append(&log, "new2\n");
    std::fs::rename(env.path("app.log.2"), env.path("app.log.3")).unwrap();
    std::fs::rename(env.path("app.log.1"), env.path("app.log.2")).unwrap();
    std::fs::rename(&log, env.path("app.log.1")).unwrap();
    append(&log, "next1\n");
    let child = start(
        &env,
        &r,
        &["app.log", "app.log.1", "app.log.2", "app.log.3"],
    );
    assert_eq!(wait_count(&r, 9), 9);
    std::thread::sleep(Duration::from_millis(800));
    let err = stopped_ok(child, "TERM");
    let got = counts(&r);
    for m in [
        "old1", "old2", "cur1", "cur2", "cur3", "cur4", "new1", "new2", "next1",
    ] {
        assert_eq!(got.get(m), Some(&1), "{m}: {got:?}\n{err}");
    }
    assert_eq!(r.entries().len(), 9, "{got:?}");
}

/// A line longer than the follower's 1 MiB reads, half written when the
/// stop comes, is neither shipped in part nor split in two: the checkpoint
/// stays at its start, and the next run ships it whole.
#[test]
fn a_long_line_half_written_at_a_stop_is_shipped_whole_by_the_next_run() {
    let env = Env::new();
    let r = Receiver::ok();
    let log = env.path("app.log");
    let long = "x".repeat(3 << 20);
    std::fs::write(&log, format!("first\n{}", &long[..2 << 20])).unwrap();
    let child = start(&env, &r, &["app.log"]);
    assert_eq!(wait_count(&r, 1), 1);
    // Time to read the 2 MiB written of the long line.
    std::thread::sleep(Duration::from_millis(600));
    stopped_ok(child, "TERM");
    assert_eq!(messages_and_lines(&r), owned(&[("first", 1)]));
    let cp = checkpoint_of(&env, &log).expect("a checkpoint");
    assert_eq!((&cp["offset"], &cp["line"]), (&json!(6), &json!(1)), "{cp}");
    append(&log, &format!("{}\nlast\n", &long[2 << 20..]));
    let child = start(&env, &r, &["app.log"]);
    assert_eq!(wait_count(&r, 3), 3);
    stopped_ok(child, "TERM");
    let got = messages_and_lines(&r);
    let lens: Vec<(usize, u64)> = got.iter().map(|(m, l)| (m.len(), *l)).collect();
    assert_eq!(lens, [(5, 1), (3 << 20, 2), (4, 3)]);
    assert_eq!(got[1].0, long);
}

/// A line written later that starts with a BOM is text, as in the file
/// read whole; the BOM that opens the file is its encoding mark.
#[test]
fn a_bom_on_a_line_written_later_is_text_as_in_the_file_read_whole() {
    let env = Env::new();
    let r = Receiver::ok();
    let log = env.path("app.log");
    std::fs::write(&log, b"\xef\xbb\xbfa\n").unwrap();
    let child = start(&env, &r, &["app.log"]);
    assert_eq!(wait_count(&r, 1), 1);
    // A later segment: the follower has read to the end and waited.
    std::thread::sleep(Duration::from_millis(400));
    append(&log, "\u{feff}b\n");
    assert_eq!(wait_count(&r, 2), 2);
    stopped_ok(child, "TERM");
    assert_eq!(messages_and_lines(&r), owned(&[("a", 1), ("\u{feff}b", 2)]));
}
