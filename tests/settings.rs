//! Settings precedence (flag > env > profile > file > default), the config
//! file's errors, [metadata], --api-key-file.

use serde_json::json;

use crate::support::Env;

fn dry(env: &Env, pre: &[&str], envs: &[(&str, &str)]) -> crate::support::Out {
    let mut cmd = env.cmd();
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.args(pre).args(["log", "--dry-run", "x"]);
    crate::support::run_cmd(&mut cmd, None)
}

fn environment_of(out: &crate::support::Out) -> String {
    out.expect_code(0);
    out.json_lines()[0]["environment"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn precedence_flag_env_profile_file_default() {
    let env = Env::new();
    assert_eq!(environment_of(&dry(&env, &[], &[])), "production");
    env.write_config(
        "environment = \"from-file\"\n\n[profiles.ci]\nenvironment = \"from-profile\"\n",
    );
    assert_eq!(environment_of(&dry(&env, &[], &[])), "from-file");
    assert_eq!(
        environment_of(&dry(&env, &["--profile", "ci"], &[])),
        "from-profile"
    );
    assert_eq!(
        environment_of(&dry(&env, &[], &[("AURALOG_PROFILE", "ci")])),
        "from-profile"
    );
    assert_eq!(
        environment_of(&dry(
            &env,
            &["--profile", "ci"],
            &[("AURALOG_ENVIRONMENT", "from-env")]
        )),
        "from-env"
    );
    assert_eq!(
        environment_of(&dry(
            &env,
            &["--profile", "ci", "-e", "from-flag"],
            &[("AURALOG_ENVIRONMENT", "from-env")]
        )),
        "from-flag"
    );
}

#[test]
fn config_flag_and_env_choose_the_file() {
    let env = Env::new();
    let other = env.path("other.toml");
    std::fs::write(&other, "environment = \"other\"\n").unwrap();
    assert_eq!(
        environment_of(&dry(&env, &["--config", other.to_str().unwrap()], &[])),
        "other"
    );
    assert_eq!(
        environment_of(&dry(
            &env,
            &[],
            &[("AURALOG_CONFIG", other.to_str().unwrap())]
        )),
        "other"
    );
}

#[test]
fn metadata_table_is_merged_and_entry_metadata_wins() {
    let env = Env::new();
    env.write_config("[metadata]\nteam = \"core\"\nregion = \"eu\"\n\n[profiles.ci]\n[profiles.ci.metadata]\nregion = \"us\"\n");
    let out = {
        let mut cmd = env.cmd();
        cmd.args(["--profile", "ci", "log", "--dry-run", "-m", "team=web", "x"]);
        crate::support::run_cmd(&mut cmd, None)
    };
    out.expect_code(0);
    assert_eq!(
        out.json_lines()[0]["metadata"],
        json!({"team": "web", "region": "us"})
    );
}

#[test]
fn malformed_config_names_file_and_line_warns_by_default_and_fails_strict() {
    let env = Env::new();
    let path = env.write_config("environment = \"ok\"\nbatch_size = \"many\"\n");
    let out = dry(&env, &[], &[]);
    // --dry-run does not check delivery settings; a real send does.
    out.expect_code(0);
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", crate::support::dead_url())
        .env("AURALOG_RETRY_BUDGET", "0")
        .args(["log", "x"]);
    let out = crate::support::run_cmd(&mut cmd, None);
    out.expect_code(0);
    let want = format!("{}:2: key 'batch_size'", path.display());
    assert!(out.stderr.contains(&want), "{}", out.stderr);
    cmd.arg("--strict");
    let out = crate::support::run_cmd(&mut cmd, None);
    out.expect_code(78);
    assert!(out.stderr.contains(&want), "{}", out.stderr);

    env.write_config("environment = \"ok\"\nendpoint = = 3\n");
    let out = crate::support::run_cmd(&mut cmd, None);
    out.expect_code(78);
    assert!(
        out.stderr.contains(&format!("{}:2:", path.display())),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("panicked"));

    env.write_config("enviroment = \"typo\"\n");
    let out = crate::support::run_cmd(&mut cmd, None);
    out.expect_code(78);
    assert!(
        out.stderr.contains("unknown key 'enviroment'"),
        "{}",
        out.stderr
    );
}

#[test]
fn dry_runs_report_configuration_problems_too() {
    let env = Env::new();
    let path = env.write_config("enviroment = \"typo\"\n");
    // Warned, and the entry still printed.
    let out = dry(&env, &[], &[]);
    out.expect_code(0);
    assert!(
        out.stderr.contains("unknown key 'enviroment'"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(&path.display().to_string()),
        "{}",
        out.stderr
    );
    assert_eq!(out.json_lines().len(), 1);
    // --strict: the same exit 78 as a real run, nothing printed.
    let out = dry(&env, &["--strict"], &[]);
    out.expect_code(78);
    assert!(
        out.stderr.contains("unknown key 'enviroment'"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    // What only stops sending does not stop a dry run, even under --strict:
    // no API key for a remote endpoint.
    env.write_config("environment = \"ok\"\n");
    let out = dry(
        &env,
        &["--strict"],
        &[
            ("AURALOG_ENDPOINT", "https://ingest.example.com"),
            ("AURALOG_API_KEY", ""),
        ],
    );
    out.expect_code(0);
    assert_eq!(out.json_lines()[0]["environment"], "ok");
    for args in [
        &["ingest", "--dry-run", "--format", "text", "-"][..],
        &["tail-stdin", "--dry-run", "--no-echo"],
    ] {
        env.write_config("enviroment = \"typo\"\n");
        let mut cmd = env.cmd();
        cmd.args(args);
        let out = crate::support::run_cmd(&mut cmd, Some(b"a line\n"));
        out.expect_code(0);
        assert!(
            out.stderr.contains("unknown key 'enviroment'"),
            "{args:?}: {}",
            out.stderr
        );
        assert_eq!(out.json_lines().len(), 1, "{args:?}");
    }
}

#[test]
fn bad_environment_value_is_a_configuration_problem() {
    let env = Env::new();
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", crate::support::dead_url())
        .env("AURALOG_RETRY_BUDGET", "0")
        .env("AURALOG_FLUSH_INTERVAL", "later")
        .args(["--strict", "log", "x"]);
    let out = crate::support::run_cmd(&mut cmd, None);
    out.expect_code(78);
    assert!(
        out.stderr.contains("AURALOG_FLUSH_INTERVAL"),
        "{}",
        out.stderr
    );
}

#[test]
fn api_key_file_is_read_and_loose_modes_warned() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let r = crate::support::Receiver::ok();
    let keyfile = env.path("key");
    std::fs::write(&keyfile, "aura_from_file_abcd\n").unwrap();
    std::fs::set_permissions(&keyfile, std::fs::Permissions::from_mode(0o644)).unwrap();
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", r.url()).args([
        "--api-key-file",
        keyfile.to_str().unwrap(),
        "log",
        "x",
    ]);
    let out = crate::support::run_cmd(&mut cmd, None);
    out.expect_code(0);
    assert_eq!(
        r.requests()[0].json()["projectApiKey"],
        "aura_from_file_abcd"
    );
    assert!(out.stderr.contains("readable by others"), "{}", out.stderr);

    let cfg = env.write_config("api_key = \"aura_in_config_wxyz\"\n");
    std::fs::set_permissions(&cfg, std::fs::Permissions::from_mode(0o640)).unwrap();
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", r.url()).args(["log", "y"]);
    let out = crate::support::run_cmd(&mut cmd, None);
    out.expect_code(0);
    assert_eq!(
        r.requests()[1].json()["projectApiKey"],
        "aura_in_config_wxyz"
    );
    assert!(out.stderr.contains("chmod 600"), "{}", out.stderr);
    assert!(!out.stderr.contains("aura_in_config_wxyz"));
}

#[test]
fn default_endpoint_is_the_official_sdks() {
    // The Python and Rust `auralogs` SDKs send to this host by default.
    let env = Env::new();
    let out = env.run(&["config", "get", "endpoint"]);
    out.expect_code(0);
    assert_eq!(out.stdout, "https://ingest.auralogs.ai\n");
    let help = env.run(&["--help"]);
    assert!(
        help.stdout
            .contains("[default: https://ingest.auralogs.ai]"),
        "{}",
        help.stdout
    );
}

#[test]
fn a_named_config_file_that_is_missing_is_a_configuration_problem() {
    let env = Env::new();
    let missing = env.path("missing.toml");
    let missing = missing.to_str().unwrap();
    for (pre, envs) in [
        (vec!["--config", missing], vec![]),
        (vec![], vec![("AURALOG_CONFIG", missing)]),
    ] {
        let out = dry(&env, &pre, &envs);
        out.expect_code(0);
        assert!(
            out.stderr.contains("configuration problem") && out.stderr.contains(missing),
            "{}",
            out.stderr
        );
        let strict: Vec<&str> = pre.iter().copied().chain(["--strict"]).collect();
        let out = dry(&env, &strict, &envs);
        out.expect_code(78);
        assert!(out.stderr.contains("no such file"), "{}", out.stderr);
    }
    // Only the default path may be missing.
    let out = dry(&env, &["--strict"], &[]);
    out.expect_code(0);
    assert!(!out.stderr.contains("configuration"), "{}", out.stderr);
}

#[test]
fn a_malformed_endpoint_flag_is_a_usage_error_naming_what_is_accepted() {
    let env = Env::new();
    for bad in ["htp://127.0.0.1:9", "127.0.0.1:7346", "https://"] {
        let out = env.run(&["--endpoint", bad, "--api-key", "aura_k", "log", "x"]);
        out.expect_code(2);
        for accepted in ["https://", "loopback", "--allow-insecure"] {
            assert!(out.stderr.contains(accepted), "{bad}: {}", out.stderr);
        }
        assert!(
            !out.stderr.contains("scheme must be https"),
            "{}",
            out.stderr
        );
        assert!(
            !env.state_dir().join("auralog/spool").exists(),
            "{bad}: spooled"
        );
    }
}

#[test]
fn a_malformed_endpoint_from_env_or_file_is_a_configuration_problem() {
    let env = Env::new();
    let run = |strict: bool| {
        let mut cmd = env.cmd();
        cmd.env("AURALOG_ENDPOINT", "htp://127.0.0.1:9")
            .env("AURALOG_API_KEY", "aura_k");
        if strict {
            cmd.arg("--strict");
        }
        cmd.args(["log", "x"]);
        crate::support::run_cmd(&mut cmd, None)
    };
    let out = run(false);
    out.expect_code(0);
    assert!(out.stderr.contains("loopback"), "{}", out.stderr);
    assert!(
        !out.stderr.contains("scheme must be https"),
        "{}",
        out.stderr
    );
    run(true).expect_code(78);
    env.write_config("endpoint = \"127.0.0.1:7346\"\napi_key = \"aura_k\"\n");
    let out = env.run(&["--strict", "log", "x"]);
    out.expect_code(78);
    assert!(out.stderr.contains("loopback"), "{}", out.stderr);
}

#[test]
fn an_endpoint_with_the_path_pasted_in_is_the_base_url() {
    let env = Env::new();
    let r = crate::support::Receiver::ok();
    for suffix in ["/v1/logs", "/v1/logs/", "/"] {
        let url = format!("{}{suffix}", r.url());
        let out = env.run(&["--endpoint", &url, "--strict", "log", "x"]);
        out.expect_code(0);
    }
    let paths: Vec<String> = r.requests().into_iter().map(|q| q.path).collect();
    assert_eq!(paths, ["/v1/logs", "/v1/logs", "/v1/logs"]);
}
