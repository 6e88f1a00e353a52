//! `auralog checkpoints list|forget`: checkpoints written through the
//! library's store (as `ingest --resume/--follow` write them), read and
//! forgotten by the binary in an isolated state directory.

use std::io::Write;
use std::path::{Path, PathBuf};

use auralog::checkpoint::{self, Checkpoint, Store, Unit};

use crate::support::Env;

fn store(env: &Env) -> Store {
    Store::at(env.state_dir().join("auralog").join("checkpoints"))
}

/// A checkpoint of `path` at `offset` bytes, `lines` lines in.
fn put(env: &Env, path: &Path, offset: u64, lines: u64) -> Checkpoint {
    let (id, _) = checkpoint::identify_path(path).unwrap();
    let cp = Checkpoint::at(path, id, Unit::Bytes, offset, lines, lines);
    store(env).put(&cp).unwrap();
    cp
}

fn write(path: &Path, text: &str) -> PathBuf {
    std::fs::write(path, text).unwrap();
    path.to_path_buf()
}

#[test]
fn checkpoints_list_says_what_is_left_in_each_file() {
    let env = Env::new();
    let done = write(&env.path("done.log"), "a\nb\n");
    let grown = write(&env.path("grown.log"), "a\nb\n");
    let replaced = write(&env.path("replaced.log"), "a\nb\n");
    let gone = write(&env.path("gone.log"), "a\n");
    put(&env, &done, 4, 2);
    put(&env, &grown, 4, 2);
    put(&env, &replaced, 4, 2);
    put(&env, &gone, 2, 1);
    std::fs::OpenOptions::new()
        .append(true)
        .open(&grown)
        .unwrap()
        .write_all(b"0123456789\n")
        .unwrap();
    std::fs::rename(&replaced, env.path("replaced.log.1")).unwrap();
    write(&replaced, "new\n");
    std::fs::remove_file(&gone).unwrap();

    let out = env.run(&["checkpoints", "list", "--json"]);
    out.expect_code(0);
    let v = &out.json_lines()[0];
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 4, "{v}");
    let row = |p: &Path| {
        rows.iter()
            .find(|r| r["path"] == p.to_str().unwrap())
            .unwrap_or_else(|| panic!("{} not listed: {v}", p.display()))
    };
    assert_eq!(row(&done)["state"], "up to date");
    assert_eq!(row(&done)["bytes_left"], 0);
    assert_eq!(row(&grown)["bytes_left"], 11);
    assert_eq!(row(&grown)["offset"], 4);
    assert_eq!(row(&grown)["line"], 2);
    assert_eq!(row(&grown)["unit"], "bytes");
    assert_eq!(row(&replaced)["state"], "replaced (another file)");
    assert_eq!(row(&gone)["state"], "missing");
    assert!(row(&done)["updated"].as_str().unwrap().ends_with('Z'));

    // The text form (the default action) names each file and its state.
    let out = env.run(&["checkpoints"]);
    out.expect_code(0);
    for (p, state) in [
        (&done, "up to date"),
        (&grown, "11 B left"),
        (&replaced, "replaced (another file)"),
        (&gone, "missing"),
    ] {
        let block = out
            .stdout
            .split(&format!("{}\n", p.display()))
            .nth(1)
            .unwrap_or_else(|| panic!("{} not listed:\n{}", p.display(), out.stdout));
        let first = block.lines().next().unwrap();
        assert!(first.contains(state), "{}: {first}", p.display());
    }
    assert!(
        out.stdout.contains("byte 4, line 2, 2 records, delivered"),
        "{}",
        out.stdout
    );
}

#[test]
fn checkpoints_with_none_says_so_on_stderr_and_lists_an_empty_array() {
    let env = Env::new();
    let out = env.run(&["checkpoints"]);
    out.expect_code(0);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("no checkpoints"), "{}", out.stderr);
    let out = env.run(&["checkpoints", "list", "--json"]);
    out.expect_code(0);
    assert_eq!(out.stdout.trim(), "[]");
}

#[test]
fn checkpoints_forget_one_by_relative_path_or_all() {
    let env = Env::new();
    let a = write(&env.path("a.log"), "a\n");
    let b = write(&env.path("b.log"), "b\n");
    let c = write(&env.path("c.log"), "c\n");
    for p in [&a, &b, &c] {
        put(&env, p, 2, 1);
    }
    // Relative to the current directory, as ingest was given it.
    let out = run_in(&env, env.dir.path(), &["checkpoints", "forget", "a.log"]);
    out.expect_code(0);
    assert!(
        out.stderr.contains("forgot the checkpoint of"),
        "{}",
        out.stderr
    );
    assert_eq!(store(&env).get(&a).unwrap(), None);
    assert!(store(&env).get(&b).unwrap().is_some());

    // Forgetting what is not there warns, and is not an error.
    let out = env.run(&["checkpoints", "forget", a.to_str().unwrap()]);
    out.expect_code(0);
    assert!(out.stderr.contains("no checkpoint for"), "{}", out.stderr);

    let out = env.run(&["checkpoints", "forget", "--all"]);
    out.expect_code(0);
    assert!(
        out.stderr.contains("forgot 2 checkpoints"),
        "{}",
        out.stderr
    );
    assert!(store(&env).list().unwrap().is_empty());

    // Neither files nor --all: a usage error.
    env.run(&["checkpoints", "forget"]).expect_code(2);
}

#[test]
fn checkpoints_forget_refuses_a_file_being_shipped() {
    let env = Env::new();
    let a = write(&env.path("a.log"), "a\n");
    put(&env, &a, 2, 1);
    // This test process stands in for the running follower.
    let held = store(&env).lock(&a).unwrap();
    let out = env.run(&["checkpoints", "forget", a.to_str().unwrap()]);
    // As `ingest --resume` of a held file: try again later.
    out.expect_code(75);
    assert!(out.stderr.contains("auralog: error:"), "{}", out.stderr);
    assert!(out.stderr.contains("is being shipped by"), "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!("pid {}", std::process::id())),
        "{}",
        out.stderr
    );
    assert!(store(&env).get(&a).unwrap().is_some(), "kept");
    drop(held);
    env.run(&["checkpoints", "forget", a.to_str().unwrap()])
        .expect_code(0);
    assert_eq!(store(&env).get(&a).unwrap(), None);
}

fn run_in(env: &Env, dir: &Path, args: &[&str]) -> crate::support::Out {
    crate::support::run_cmd(env.cmd().current_dir(dir).args(args), None)
}
