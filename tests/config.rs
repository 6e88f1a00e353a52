//! `auralog config init|show|path|get|set`: sources, redaction, file modes,
//! and set/get round trips that keep the file's comments and mode.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use serde_json::Value;

use crate::support::{run_cmd, Env, Out, Receiver};

const KEY: &str = "aura_live_0123456789abcdef";

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn chmod(path: &Path, m: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(m)).unwrap();
}

fn run_env(env: &Env, vars: &[(&str, &str)], args: &[&str]) -> Out {
    let mut cmd = env.cmd();
    for (k, v) in vars {
        cmd.env(k, v);
    }
    cmd.args(args);
    run_cmd(&mut cmd, None)
}

/// `config show --json`: {key: (value, source)}.
fn show_json(out: &Out) -> Value {
    out.expect_code(0);
    serde_json::from_str(out.stdout.trim()).expect("config show --json prints JSON")
}

fn setting(v: &Value, key: &str) -> (Value, Value) {
    let s = &v["settings"][key];
    (s["value"].clone(), s["source"].clone())
}

fn assert_no_key(out: &Out) {
    assert!(!out.stdout.contains(KEY), "key on stdout:\n{}", out.stdout);
    assert!(!out.stderr.contains(KEY), "key on stderr:\n{}", out.stderr);
}

#[test]
fn init_from_flags_writes_mode_0600_and_refuses_to_overwrite() {
    let env = Env::new();
    let path = env.config_path();
    let out = env.run(&[
        "--api-key",
        KEY,
        "--endpoint",
        "https://ingest.example.com",
        "-e",
        "staging",
        "--flush-interval",
        "2",
        "config",
        "init",
    ]);
    out.expect_code(0);
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().unwrap()), 0o700);
    let text = std::fs::read_to_string(&path).unwrap();
    let t: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(t["api_key"].as_str(), Some(KEY));
    assert_eq!(t["endpoint"].as_str(), Some("https://ingest.example.com"));
    assert_eq!(t["environment"].as_str(), Some("staging"));
    assert_eq!(t["flush_interval"].as_float(), Some(2.0));
    assert!(text.contains("# batch_size = 10000"), "{text}");
    // The key given on the command line is warned about, never echoed.
    assert!(out.stderr.contains("`ps`"), "{}", out.stderr);
    assert_no_key(&out);

    // The file is used by the other commands.
    let r = Receiver::ok();
    let out = run_env(
        &env,
        &[("AURALOG_ENDPOINT", &r.url())],
        &["log", "from the new config"],
    );
    out.expect_code(0);
    let body = r.requests()[0].json();
    assert_eq!(body["projectApiKey"], KEY);
    assert_eq!(body["logs"][0]["environment"], "staging");

    // A second init does not touch the file.
    let before = std::fs::read_to_string(&path).unwrap();
    let out = env.run(&["-e", "other", "config", "init"]);
    out.expect_code(1);
    assert!(out.stderr.contains("already exists"), "{}", out.stderr);
    assert!(out.stderr.contains("--force"), "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);

    // --force replaces it, and a loose mode is not carried over.
    chmod(&path, 0o644);
    let out = env.run(&["-e", "other", "config", "init", "--force"]);
    out.expect_code(0);
    assert_eq!(mode(&path), 0o600);
    let t: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(t["environment"].as_str(), Some("other"));
    assert!(t.get("api_key").is_none());
}

#[test]
fn init_with_a_bad_flag_value_writes_nothing() {
    let env = Env::new();
    let out = env.run(&["--batch-size", "many", "config", "init"]);
    out.expect_code(2);
    assert!(!env.config_path().exists());
    let out = env.run(&["--profile", "ci", "config", "init"]);
    out.expect_code(2);
    assert!(out.stderr.contains("config set"), "{}", out.stderr);
    assert!(!env.config_path().exists());
}

#[test]
fn init_is_interactive_on_a_terminal() {
    if !crate::support::need("script", "no terminal for the interactive init") {
        return;
    }
    let env = Env::new();
    let cmd = env.cmd();
    let inner = format!("{} config init", crate::support::bin().display());
    let mut script = std::process::Command::new("script");
    script.args(["-qec", &inner, "/dev/null"]);
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => script.env(k, v),
            None => script.env_remove(k),
        };
    }
    // Key, endpoint, then Enter for the default environment.
    let answers = format!("{KEY}\nhttps://ingest.example.com\n\n");
    let out = run_cmd(&mut script, Some(answers.as_bytes()));
    out.expect_code(0);
    assert!(out.stdout.contains("API key"), "{}", out.stdout);
    assert!(out.stdout.contains("Endpoint [https://ingest.auralogs.ai]"));
    let path = env.config_path();
    assert_eq!(mode(&path), 0o600);
    let t: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(t["api_key"].as_str(), Some(KEY));
    assert_eq!(t["endpoint"].as_str(), Some("https://ingest.example.com"));
    assert_eq!(t["environment"].as_str(), Some("production"));
}

#[test]
fn show_names_the_source_of_every_value() {
    let env = Env::new();
    let path = env.write_config(
        "endpoint = \"https://file.example.com\"\nenvironment = \"from-file\"\nbatch_size = 50\n\
         \n[metadata]\nteam = \"core\"\n\n[profiles.ci]\nbatch_size = 70\nflush_interval = 3\n\
         [profiles.ci.metadata]\nregion = \"eu\"\n",
    );
    let file_src = format!("file {}", path.display());
    let v = show_json(&run_env(
        &env,
        &[("AURALOG_ENVIRONMENT", "from-env")],
        &[
            "--profile",
            "ci",
            "--min-level",
            "warn",
            "config",
            "show",
            "--json",
        ],
    ));
    assert_eq!(v["config_file"], path.display().to_string());
    let expect = [
        ("endpoint", "https://file.example.com", file_src.as_str()),
        ("environment", "from-env", "env AURALOG_ENVIRONMENT"),
        ("batch_size", "70", "profile ci"),
        ("flush_interval", "3", "profile ci"),
        ("timeout", "5", "env AURALOG_TIMEOUT"),
        ("min_level", "warn", "flag"),
        ("profile", "ci", "flag"),
        ("batch_bytes", "1000000", "default"),
        ("compress", "false", "default"),
    ];
    for (key, value, source) in expect {
        assert_eq!(
            setting(&v, key),
            (Value::from(value), Value::from(source)),
            "{key}"
        );
    }
    assert_eq!(setting(&v, "api_key"), (Value::Null, Value::Null));
    assert_eq!(v["metadata"]["team"]["value"], "core");
    assert_eq!(v["metadata"]["team"]["source"], file_src.as_str());
    assert_eq!(v["metadata"]["region"]["source"], "profile ci");

    // The table says the same thing.
    let out = run_env(
        &env,
        &[("AURALOG_ENVIRONMENT", "from-env")],
        &["--profile", "ci", "config", "show"],
    );
    out.expect_code(0);
    let line = |key: &str| {
        out.stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(key))
            .unwrap_or_else(|| panic!("no {key} line:\n{}", out.stdout))
            .split_whitespace()
            .collect::<Vec<_>>()
    };
    assert_eq!(
        line("environment"),
        ["environment", "from-env", "env", "AURALOG_ENVIRONMENT"]
    );
    assert_eq!(line("batch_size"), ["batch_size", "70", "profile", "ci"]);
    assert_eq!(line("api_key"), ["api_key", "(not", "set)"]);
    assert!(out.stdout.contains("[metadata]"), "{}", out.stdout);
    assert!(out.stdout.contains("region = \"eu\""), "{}", out.stdout);
    // No key anywhere: the missing key is pointed out.
    assert!(
        out.stderr.contains("no API key configured"),
        "{}",
        out.stderr
    );
}

#[test]
fn show_and_get_redact_the_key_whatever_its_source() {
    let env = Env::new();
    // From the environment.
    let out = run_env(&env, &[("AURALOG_API_KEY", KEY)], &["config", "show"]);
    out.expect_code(0);
    assert!(out.stdout.contains("aura_****cdef"), "{}", out.stdout);
    assert!(out.stdout.contains("env AURALOG_API_KEY"), "{}", out.stdout);
    assert_no_key(&out);
    let out = run_env(
        &env,
        &[("AURALOG_API_KEY", KEY)],
        &["config", "get", "api_key"],
    );
    out.expect_code(0);
    assert_eq!(out.stdout, "aura_****cdef\n");
    assert_no_key(&out);

    // From a key file.
    let keyfile = env.path("key");
    std::fs::write(&keyfile, format!("{KEY}\n")).unwrap();
    chmod(&keyfile, 0o600);
    let out = env.run(&[
        "--api-key-file",
        keyfile.to_str().unwrap(),
        "config",
        "show",
        "--json",
    ]);
    let v = show_json(&out);
    assert_eq!(
        setting(&v, "api_key"),
        (
            Value::from("aura_****cdef"),
            Value::from("api_key_file (flag)")
        )
    );
    assert_no_key(&out);

    // From the file, with --verbose: still redacted.
    env.write_config(&format!("api_key = \"{KEY}\"\n"));
    for args in [
        &["-v", "config", "show"][..],
        &["-v", "config", "show", "--json"],
        &["-v", "config", "get", "api_key"],
    ] {
        let out = env.run(args);
        out.expect_code(0);
        assert!(
            out.stdout.contains("aura_****cdef"),
            "{args:?}: {}",
            out.stdout
        );
        assert_no_key(&out);
    }
}

#[test]
fn config_commands_warn_when_a_file_holding_a_key_is_readable_by_others() {
    let env = Env::new();
    let path = env.write_config(&format!("api_key = \"{KEY}\"\n"));
    for args in [
        &["config", "show"][..],
        &["config", "get", "endpoint"],
        &["config", "path"],
    ] {
        let out = env.run(args);
        out.expect_code(0);
        assert!(!out.stderr.contains("readable"), "{args:?}: {}", out.stderr);
    }
    for m in [0o640, 0o604] {
        chmod(&path, m);
        for args in [&["config", "show"][..], &["config", "get", "endpoint"]] {
            let out = env.run(args);
            out.expect_code(0);
            assert!(
                out.stderr
                    .contains(&format!("chmod 600 {}", path.display())),
                "{m:o} {args:?}: {}",
                out.stderr
            );
            assert_no_key(&out);
        }
    }
    // A loose file without a key is not worth a warning.
    env.write_config("environment = \"x\"\n");
    chmod(&path, 0o644);
    let out = env.run(&["config", "show"]);
    assert!(!out.stderr.contains("readable"), "{}", out.stderr);
}

#[test]
fn show_reports_config_problems_and_fails_only_under_strict() {
    let env = Env::new();
    let path = env.write_config("environment = \"ok\"\nbatch_size = \"many\"\n");
    let out = env.run(&["config", "show"]);
    out.expect_code(0);
    let want = format!("{}:2: key 'batch_size'", path.display());
    assert!(out.stderr.contains(&want), "{}", out.stderr);
    assert!(out.stdout.contains("batch_size"), "{}", out.stdout);
    let out = env.run(&["--strict", "config", "show"]);
    out.expect_code(78);
    assert!(out.stdout.contains("environment"), "shown before failing");
}

#[test]
fn path_follows_the_flag_and_the_environment() {
    let env = Env::new();
    let out = env.run(&["config", "path"]);
    out.expect_code(0);
    assert_eq!(out.stdout.trim(), env.config_path().display().to_string());
    let out = env.run(&["--config", "/tmp/elsewhere.toml", "config", "path"]);
    assert_eq!(out.stdout, "/tmp/elsewhere.toml\n");
    let out = run_env(
        &env,
        &[("AURALOG_CONFIG", "/tmp/env.toml")],
        &["config", "path"],
    );
    assert_eq!(out.stdout, "/tmp/env.toml\n");
}

#[test]
fn get_prints_the_resolved_value() {
    let env = Env::new();
    env.write_config(
        "flush_interval = 2.5\nmin_level = \"warning\"\n[metadata]\nteam = \"core\"\nn = 3\n\
         [profiles.ci]\nflush_interval = 1\n",
    );
    let get = |args: &[&str], vars: &[(&str, &str)]| {
        let mut a = args.to_vec();
        a.splice(0..0, ["config", "get"]);
        let out = run_env(&env, vars, &a);
        out.expect_code(0);
        out.stdout
    };
    assert_eq!(get(&["flush_interval"], &[]), "2.5\n");
    assert_eq!(get(&["flush-interval"], &[]), "2.5\n");
    assert_eq!(get(&["min_level"], &[]), "warn\n");
    assert_eq!(get(&["endpoint"], &[]), "https://ingest.auralogs.ai\n");
    assert_eq!(get(&["metadata.team"], &[]), "core\n");
    assert_eq!(get(&["metadata.n"], &[]), "3\n");
    assert_eq!(
        get(&["flush_interval"], &[("AURALOG_PROFILE", "ci")]),
        "1\n"
    );
    assert_eq!(
        get(&["flush_interval"], &[("AURALOG_FLUSH_INTERVAL", "9")]),
        "9\n"
    );
    assert_eq!(
        get(&["spool_dir"], &[]),
        format!("{}\n", env.state_dir().join("auralog/spool").display())
    );

    let out = env.run(&["config", "get", "api_key_file"]);
    out.expect_code(1);
    assert!(
        out.stderr.contains("api_key_file is not set"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stdout, "");
    let out = env.run(&["config", "get", "flush"]);
    out.expect_code(2);
    assert!(out.stderr.contains("unknown key 'flush'"), "{}", out.stderr);
    assert!(out.stderr.contains("flush_interval"), "{}", out.stderr);
}

const COMMENTED: &str = "\
# My auralog settings.
# Edited by hand.

endpoint = \"https://old.example.com\"   # the staging ingest
environment = \"prod\"

[metadata]
# who owns these logs
team = \"core\"

[profiles.ci]   # used by CI
timeout = 3
";

#[test]
fn set_round_trips_keeping_comments_and_mode() {
    let env = Env::new();
    let path = env.write_config(COMMENTED);
    chmod(&path, 0o640);
    for args in [
        &["config", "set", "endpoint", "https://new.example.com"][..],
        &["config", "set", "flush-interval", "2"],
        &["config", "set", "compress", "yes"],
        &["config", "set", "metadata.team", "web"],
        &["config", "set", "metadata.region", "eu"],
        &["--profile", "ci", "config", "set", "min_level", "ERROR"],
        &["--profile", "ci", "config", "set", "metadata.runner", "gha"],
        &["--profile", "new", "config", "set", "environment", "fresh"],
    ] {
        let out = env.run(args);
        out.expect_code(0);
        assert_eq!(out.stderr, "", "{args:?}");
    }
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text,
        "\
# My auralog settings.
# Edited by hand.

endpoint = \"https://new.example.com\"   # the staging ingest
environment = \"prod\"
flush_interval = 2.0
compress = true

[metadata]
# who owns these logs
team = \"web\"
region = \"eu\"

[profiles.ci]   # used by CI
timeout = 3
min_level = \"error\"

[profiles.ci.metadata]
runner = \"gha\"

[profiles.new]
environment = \"fresh\"
"
    );
    assert_eq!(mode(&path), 0o640, "the file's mode is kept");

    // get reads back what set wrote.
    let get = |args: &[&str]| {
        let out = env.run(args);
        out.expect_code(0);
        out.stdout.trim().to_string()
    };
    assert_eq!(
        get(&["config", "get", "endpoint"]),
        "https://new.example.com"
    );
    assert_eq!(get(&["config", "get", "flush_interval"]), "2");
    assert_eq!(get(&["config", "get", "compress"]), "true");
    assert_eq!(get(&["config", "get", "metadata.team"]), "web");
    assert_eq!(
        get(&["--profile", "ci", "config", "get", "min_level"]),
        "error"
    );
    assert_eq!(
        get(&["--profile", "ci", "config", "get", "metadata.runner"]),
        "gha"
    );
    assert_eq!(
        get(&["--profile", "new", "config", "get", "environment"]),
        "fresh"
    );
    assert_eq!(get(&["config", "get", "environment"]), "prod");
}

#[test]
fn set_validates_the_key_and_the_value_type() {
    let env = Env::new();
    let path = env.write_config(COMMENTED);
    for (args, want) in [
        (
            &["config", "set", "batch_size", "many"][..],
            "invalid value for batch_size",
        ),
        (
            &["config", "set", "batch_size", "0"],
            "positive whole number",
        ),
        (
            &["config", "set", "flush_interval", "soon"],
            "number of seconds",
        ),
        (&["config", "set", "compress", "maybe"], "true or false"),
        (&["config", "set", "min_level", "loud"], "unknown level"),
        (
            &["config", "set", "enviroment", "x"],
            "unknown key 'enviroment'",
        ),
        (
            &["--profile", "ci", "config", "set", "profile", "x"],
            "top level",
        ),
    ] {
        let out = env.run(args);
        out.expect_code(2);
        assert!(out.stderr.contains(want), "{args:?}: {}", out.stderr);
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), COMMENTED);

    // A malformed file is not rewritten.
    std::fs::write(&path, "endpoint = = 1\n").unwrap();
    let out = env.run(&["config", "set", "environment", "x"]);
    out.expect_code(1);
    assert!(out.stderr.contains("malformed"), "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "endpoint = = 1\n");

    // A key that is a table is not replaced by a value.
    std::fs::write(&path, "[metadata.team]\nx = 1\n").unwrap();
    let out = env.run(&["config", "set", "metadata.team", "web"]);
    out.expect_code(1);
    assert!(out.stderr.contains("is a table"), "{}", out.stderr);
}

#[test]
fn set_creates_a_missing_file_with_mode_0600_and_reads_a_key_from_stdin() {
    let env = Env::new();
    let path = env.config_path();
    let out = env.run_stdin(
        &["config", "set", "api_key", "-"],
        format!("{KEY}\n").as_bytes(),
    );
    out.expect_code(0);
    assert_no_key(&out);
    assert_eq!(mode(&path), 0o600);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        format!("api_key = \"{KEY}\"\n")
    );
    assert!(!out.stderr.contains("`ps`"), "{}", out.stderr);

    // On the command line it works, with a warning.
    let out = env.run(&["config", "set", "api_key", "aura_other_0000000000wxyz"]);
    out.expect_code(0);
    assert!(out.stderr.contains("`ps`"), "{}", out.stderr);
    assert!(!out.stderr.contains("aura_other"), "{}", out.stderr);

    // Empty stdin is not a value.
    let out = env.run_stdin(&["config", "set", "environment", "-"], b"");
    out.expect_code(2);

    // Setting a key in a file others can read says so.
    chmod(&path, 0o644);
    let out = env.run_stdin(&["config", "set", "api_key", "-"], KEY.as_bytes());
    out.expect_code(0);
    assert!(out.stderr.contains("chmod 600"), "{}", out.stderr);
    assert_eq!(mode(&path), 0o644);
}

#[test]
fn set_writes_through_a_symlink_and_warns_when_overridden() {
    let env = Env::new();
    let real = env.path("dotfiles/auralog.toml");
    std::fs::create_dir_all(real.parent().unwrap()).unwrap();
    std::fs::write(&real, "# mine\nenvironment = \"a\"\n").unwrap();
    let link = env.config_path();
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let out = env.run(&["config", "set", "environment", "b"]);
    out.expect_code(0);
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        std::fs::read_to_string(&real).unwrap(),
        "# mine\nenvironment = \"b\"\n"
    );

    let out = run_env(
        &env,
        &[("AURALOG_ENVIRONMENT", "from-env")],
        &["config", "set", "environment", "c"],
    );
    out.expect_code(0);
    assert!(
        out.stderr
            .contains("still taken from env AURALOG_ENVIRONMENT"),
        "{}",
        out.stderr
    );
}

#[test]
fn get_and_set_complete_the_config_keys_not_file_names() {
    let env = Env::new();
    let out = env.run(&["completions", "zsh"]);
    out.expect_code(0);
    // Each KEY argument's spec starts with `':key -- ` and lists the keys
    // (with their help, over several lines) up to its closing `))'`.
    let specs: Vec<&str> = out
        .stdout
        .match_indices("':key -- ")
        .map(|(i, _)| {
            let rest = &out.stdout[i..];
            &rest[..rest.find("))'").unwrap_or(rest.len())]
        })
        .collect();
    assert_eq!(specs.len(), 2, "config get KEY and config set KEY");
    for spec in specs {
        assert!(!spec.contains(":_default"), "completes file names: {spec}");
        for k in ["endpoint", "flush_interval", "api_key_file"] {
            assert!(spec.contains(k), "{k} not offered: {spec}");
        }
    }
    // Completion offers the table's keys; the command still takes the
    // other spellings and metadata.NAME.
    env.write_config("[metadata]\nteam = \"core\"\n");
    assert_eq!(
        env.run(&["config", "get", "metadata.team"]).stdout,
        "core\n"
    );
    assert_eq!(env.run(&["config", "get", "flush-interval"]).stdout, "5\n");
}

#[test]
fn show_keeps_its_columns_aligned_with_long_values() {
    let env = Env::new();
    let long_dir = env.path(&"a-rather-long-spool-directory-name/".repeat(3));
    let long_dir = long_dir.display().to_string();
    assert!(long_dir.len() > 60);
    let out = run_env(
        &env,
        &[
            ("AURALOG_SPOOL_DIR", &long_dir),
            ("AURALOG_ENDPOINT", "http://127.0.0.1:7346"),
        ],
        &["config", "show"],
    );
    out.expect_code(0);
    // Every row with a source: the source starts at the same column.
    let starts: Vec<(String, usize)> = out
        .stdout
        .lines()
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter(|l| !l.contains("(not set)"))
        .map(|l| {
            let source = ["default", "env "]
                .iter()
                .filter_map(|s| l.rfind(s))
                .max()
                .unwrap_or_else(|| panic!("no source in {l:?}"));
            (l.to_string(), l[..source].chars().count())
        })
        .collect();
    assert!(starts.len() > 5, "{}", out.stdout);
    assert!(
        starts.iter().all(|(_, c)| *c == starts[0].1),
        "sources misaligned:\n{}",
        out.stdout
    );
    assert!(out.stdout.contains(&long_dir), "{}", out.stdout);
}
