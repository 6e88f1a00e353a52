//! CI runs (issue 17): `metadata.ci` for each provider, end to end through
//! `auralog log` to a receiver, from each provider's documented variables;
//! no token variable ever read; the switch to turn it off; `config show`;
//! flows across CI steps ($GITHUB_ENV, $BASH_ENV, Azure's setvariable) and
//! the GitHub step summary; GitHub annotations of auralog's own warnings.
//!
//! `Env::cmd` clears every CI variable, so each test sets its provider's
//! explicitly and is the same inside a real CI job.

use std::process::Command;
use std::time::Duration;

use serde_json::{json, Value};

use crate::support::{dead_url, run_cmd, Env, Out, Receiver, Reply};

const KEY: &str = "aura_test_ci_0123456789abcdef";

fn cmd(env: &Env, r: &Receiver, vars: &[(&str, &str)]) -> Command {
    let mut c = env.cmd();
    c.env("AURALOG_ENDPOINT", r.url())
        .env("AURALOG_API_KEY", KEY);
    for (k, v) in vars {
        c.env(k, v);
    }
    c
}

fn run(env: &Env, r: &Receiver, vars: &[(&str, &str)], args: &[&str]) -> Out {
    run_cmd(cmd(env, r, vars).args(args), None)
}

/// A provider's name, its documented variables, the fields `metadata.ci` must have.
type Case = (&'static str, Vec<(&'static str, &'static str)>, Value);

/// Each provider's case.
fn providers() -> Vec<Case> {
    vec![
        (
            "github-actions",
            vec![
                ("CI", "true"),
                ("GITHUB_ACTIONS", "true"),
                ("GITHUB_RUN_ID", "1658821493"),
                ("GITHUB_RUN_ATTEMPT", "2"),
                ("GITHUB_RUN_NUMBER", "17"),
                ("GITHUB_JOB", "build"),
                ("GITHUB_WORKFLOW", "CI"),
                ("GITHUB_REPOSITORY", "octo/hello"),
                ("GITHUB_SHA", "ffac537e6cbbf934b08745a378932722df287a53"),
                ("GITHUB_REF", "refs/heads/main"),
                ("GITHUB_REF_NAME", "main"),
                ("GITHUB_REF_TYPE", "branch"),
                ("GITHUB_ACTOR", "octocat"),
                ("GITHUB_SERVER_URL", "https://github.com"),
            ],
            json!({"provider": "github-actions", "runId": "1658821493", "runNumber": "17",
                "attempt": "2", "job": "build", "workflow": "CI", "repository": "octo/hello",
                "commit": "ffac537e6cbbf934b08745a378932722df287a53", "branch": "main",
                "actor": "octocat",
                "url": "https://github.com/octo/hello/actions/runs/1658821493/attempts/2"}),
        ),
        (
            "gitlab-ci",
            vec![
                ("CI", "true"),
                ("GITLAB_CI", "true"),
                ("CI_PIPELINE_ID", "1000"),
                ("CI_PIPELINE_IID", "12"),
                ("CI_JOB_ID", "5000"),
                ("CI_JOB_NAME", "test:unit"),
                ("CI_JOB_URL", "https://gitlab.com/g/p/-/jobs/5000"),
                ("CI_PROJECT_PATH", "g/p"),
                ("CI_COMMIT_SHA", "abc123"),
                ("CI_COMMIT_REF_NAME", "feature"),
                ("CI_MERGE_REQUEST_IID", "7"),
                ("GITLAB_USER_LOGIN", "alice"),
            ],
            json!({"provider": "gitlab-ci", "runId": "1000", "runNumber": "12", "job": "test:unit",
                "repository": "g/p", "commit": "abc123", "pullRequest": "7", "actor": "alice",
                "url": "https://gitlab.com/g/p/-/jobs/5000"}),
        ),
        (
            "circleci",
            vec![
                ("CI", "true"),
                ("CIRCLECI", "true"),
                ("CIRCLE_WORKFLOW_ID", "6e7a1b2c-0000-4000-8000-000000000001"),
                ("CIRCLE_BUILD_NUM", "321"),
                ("CIRCLE_BUILD_URL", "https://circleci.com/gh/o/r/321"),
                ("CIRCLE_JOB", "test"),
                ("CIRCLE_PROJECT_USERNAME", "o"),
                ("CIRCLE_PROJECT_REPONAME", "r"),
                ("CIRCLE_SHA1", "deadbeef"),
                ("CIRCLE_BRANCH", "main"),
            ],
            json!({"provider": "circleci", "runId": "6e7a1b2c-0000-4000-8000-000000000001",
                "runNumber": "321", "job": "test", "repository": "o/r", "commit": "deadbeef",
                "branch": "main", "url": "https://circleci.com/gh/o/r/321"}),
        ),
        (
            "buildkite",
            vec![
                ("CI", "true"),
                ("BUILDKITE", "true"),
                ("BUILDKITE_BUILD_ID", "f62a1b4d-0000-4000-8000-000000000002"),
                ("BUILDKITE_BUILD_NUMBER", "1514"),
                (
                    "BUILDKITE_BUILD_URL",
                    "https://buildkite.com/acme/my-pipeline/builds/1514",
                ),
                ("BUILDKITE_PIPELINE_SLUG", "my-pipeline"),
                ("BUILDKITE_REPO", "https://user:pw@github.com/acme/app.git"),
                ("BUILDKITE_COMMIT", "83a20ec0"),
                ("BUILDKITE_BRANCH", "main"),
            ],
            json!({"provider": "buildkite", "runNumber": "1514", "workflow": "my-pipeline",
                "repository": "https://github.com/acme/app.git", "commit": "83a20ec0",
                "branch": "main"}),
        ),
        (
            "jenkins",
            vec![
                ("JENKINS_URL", "https://ci.example.com/"),
                ("BUILD_NUMBER", "88"),
                ("BUILD_ID", "88"),
                ("BUILD_URL", "https://ci.example.com/job/app/88/"),
                ("JOB_NAME", "app"),
                ("GIT_COMMIT", "0123abcd"),
                ("GIT_BRANCH", "origin/release"),
            ],
            json!({"provider": "jenkins", "runId": "88", "workflow": "app", "commit": "0123abcd",
                "branch": "release", "url": "https://ci.example.com/job/app/88/"}),
        ),
        (
            "azure-pipelines",
            vec![
                ("TF_BUILD", "True"),
                ("BUILD_BUILDID", "4711"),
                ("BUILD_BUILDNUMBER", "20240101.3"),
                ("BUILD_DEFINITIONNAME", "app-ci"),
                ("BUILD_REPOSITORY_NAME", "acme/app"),
                ("BUILD_SOURCEVERSION", "cafe1234"),
                ("BUILD_SOURCEBRANCH", "refs/heads/main"),
                ("SYSTEM_COLLECTIONURI", "https://dev.azure.com/acme/"),
                ("SYSTEM_TEAMPROJECT", "My Project"),
            ],
            json!({"provider": "azure-pipelines", "runId": "4711", "runNumber": "20240101.3",
                "workflow": "app-ci", "repository": "acme/app", "commit": "cafe1234",
                "branch": "main",
                "url": "https://dev.azure.com/acme/My%20Project/_build/results?buildId=4711"}),
        ),
        (
            "bitbucket-pipelines",
            vec![
                ("CI", "true"),
                ("BITBUCKET_BUILD_NUMBER", "57"),
                ("BITBUCKET_REPO_FULL_NAME", "team/app"),
                ("BITBUCKET_COMMIT", "beef0001"),
                ("BITBUCKET_BRANCH", "develop"),
            ],
            json!({"provider": "bitbucket-pipelines", "runNumber": "57", "repository": "team/app",
                "commit": "beef0001", "branch": "develop",
                "url": "https://bitbucket.org/team/app/pipelines/results/57"}),
        ),
        (
            "travis-ci",
            vec![
                ("CI", "true"),
                ("TRAVIS", "true"),
                ("TRAVIS_BUILD_ID", "9001"),
                ("TRAVIS_BUILD_NUMBER", "77"),
                (
                    "TRAVIS_JOB_WEB_URL",
                    "https://app.travis-ci.com/o/r/jobs/9002",
                ),
                ("TRAVIS_REPO_SLUG", "o/r"),
                ("TRAVIS_COMMIT", "feed0002"),
                ("TRAVIS_BRANCH", "main"),
                ("TRAVIS_PULL_REQUEST", "false"),
            ],
            json!({"provider": "travis-ci", "runId": "9001", "runNumber": "77", "repository": "o/r",
                "commit": "feed0002", "branch": "main",
                "url": "https://app.travis-ci.com/o/r/jobs/9002"}),
        ),
        (
            "woodpecker",
            vec![
                ("CI", "woodpecker"),
                ("CI_PIPELINE_NUMBER", "8"),
                (
                    "CI_PIPELINE_URL",
                    "https://ci.example.org/repos/3/pipeline/8",
                ),
                ("CI_REPO", "john-doe/my-repo"),
                ("CI_COMMIT_SHA", "0a1b2c3d"),
                ("CI_COMMIT_BRANCH", "main"),
            ],
            json!({"provider": "woodpecker", "runId": "8", "repository": "john-doe/my-repo",
                "commit": "0a1b2c3d", "branch": "main",
                "url": "https://ci.example.org/repos/3/pipeline/8"}),
        ),
        (
            "drone",
            vec![
                ("CI", "true"),
                ("DRONE", "true"),
                ("DRONE_BUILD_NUMBER", "22"),
                (
                    "DRONE_BUILD_LINK",
                    "https://drone.example.com/octo/hello/22",
                ),
                ("DRONE_REPO", "octo/hello"),
                ("DRONE_COMMIT_SHA", "bcdef012"),
                ("DRONE_BRANCH", "main"),
            ],
            json!({"provider": "drone", "runId": "22", "repository": "octo/hello",
                "commit": "bcdef012", "branch": "main",
                "url": "https://drone.example.com/octo/hello/22"}),
        ),
        (
            "teamcity",
            vec![
                ("TEAMCITY_VERSION", "2025.07 (build 12345)"),
                ("TEAMCITY_PROJECT_NAME", "App"),
                ("TEAMCITY_BUILDCONF_NAME", "Unit tests"),
                ("BUILD_NUMBER", "140"),
                ("BUILD_VCS_NUMBER", "abcdef99"),
            ],
            json!({"provider": "teamcity", "runId": "140", "job": "Unit tests", "workflow": "App",
                "commit": "abcdef99"}),
        ),
        (
            "aws-codebuild",
            vec![
                ("CODEBUILD_BUILD_ID", "demo:b1e6661e"),
                ("CODEBUILD_BUILD_NUMBER", "5"),
                ("CODEBUILD_SOURCE_REPO_URL", "https://github.com/acme/app"),
                ("CODEBUILD_RESOLVED_SOURCE_VERSION", "1234abcd"),
            ],
            json!({"provider": "aws-codebuild", "runId": "demo:b1e6661e", "runNumber": "5",
                "repository": "https://github.com/acme/app", "commit": "1234abcd"}),
        ),
        (
            "google-cloud-build",
            vec![
                ("BUILD_ID", "7f3e0c2a-0000-4000-8000-000000000007"),
                ("PROJECT_ID", "my-proj"),
                ("LOCATION", "europe-west1"),
                ("REPO_FULL_NAME", "acme/app"),
                ("COMMIT_SHA", "77aa88bb"),
                ("BRANCH_NAME", "main"),
            ],
            json!({"provider": "google-cloud-build", "runId": "7f3e0c2a-0000-4000-8000-000000000007",
                "repository": "acme/app", "commit": "77aa88bb", "branch": "main",
                "url": "https://console.cloud.google.com/cloud-build/builds;region=europe-west1/7f3e0c2a-0000-4000-8000-000000000007?project=my-proj"}),
        ),
    ]
}

/// The expected fields are in `got` with the same values.
fn assert_has(got: &Value, want: &Value, what: &str) {
    for (k, v) in want.as_object().unwrap() {
        assert_eq!(&got[k], v, "{what}: metadata.ci.{k} in {got}");
    }
}

#[test]
fn each_provider_metadata_reaches_the_receiver() {
    let env = Env::new();
    let r = Receiver::ok();
    let all = providers();
    assert_eq!(all.len(), 13, "every provider of the issue");
    for (name, vars, want) in &all {
        run(&env, &r, vars, &["log", "-m", "k=v", name]).expect_code(0);
        let entries = r.entries();
        let e = entries
            .iter()
            .find(|e| e["message"] == *name)
            .unwrap_or_else(|| panic!("{name} not received"));
        assert_has(&e["metadata"]["ci"], want, name);
        assert_eq!(e["metadata"]["k"], "v", "other metadata kept");
    }
}

#[test]
fn every_sending_command_adds_it_and_outside_ci_nothing() {
    let env = Env::new();
    let r = Receiver::ok();
    let gl = &providers()[1].1;
    run_cmd(cmd(&env, &r, gl).args(["tail-stdin"]), Some(b"one\ntwo\n")).expect_code(0);
    let file = env.path("in.ndjson");
    std::fs::write(&file, "{\"message\":\"ingested\"}\n").unwrap();
    run(&env, &r, gl, &["ingest", file.to_str().unwrap()]).expect_code(0);
    run(&env, &r, gl, &["flow", "run", "job", "--", "true"]).expect_code(0);
    let entries = r.wait_entries(5, Duration::from_secs(10));
    assert_eq!(entries.len(), 5);
    for e in &entries {
        assert_eq!(e["metadata"]["ci"]["provider"], "gitlab-ci", "{e}");
        assert_eq!(e["metadata"]["ci"]["runId"], "1000", "{e}");
    }
    // Env::cmd clears the CI variables: no provider, no metadata.ci.
    run(&env, &r, &[], &["log", "plain"]).expect_code(0);
    let plain = r.wait_entries(6, Duration::from_secs(10));
    let e = plain.iter().find(|e| e["message"] == "plain").unwrap();
    assert!(e["metadata"].get("ci").is_none(), "{e}");
}

#[test]
fn ci_metadata_can_be_turned_off_by_setting_env_and_flag() {
    let env = Env::new();
    let r = Receiver::ok();
    let gh = providers()[0].1.clone();
    let mut off = gh.clone();
    off.push(("AURALOG_CI_METADATA", "false"));
    run(&env, &r, &off, &["log", "by-env"]).expect_code(0);
    run(&env, &r, &gh, &["log", "--no-ci-metadata", "by-flag"]).expect_code(0);
    env.write_config("ci_metadata = false\n");
    run(&env, &r, &gh, &["log", "by-file"]).expect_code(0);
    // The user's own metadata.ci wins over the detected one.
    std::fs::remove_file(env.config_path()).unwrap();
    run(&env, &r, &gh, &["log", "-m", "ci=mine", "own"]).expect_code(0);
    let entries = r.wait_entries(4, Duration::from_secs(10));
    assert_eq!(entries.len(), 4);
    for e in &entries[..3] {
        assert!(e["metadata"].get("ci").is_none(), "{e}");
    }
    assert_eq!(entries[3]["metadata"]["ci"], "mine");
}

#[test]
fn config_show_prints_what_was_detected() {
    let env = Env::new();
    let r = Receiver::ok().allow_uncalled();
    let gh = &providers()[0].1;
    let out = run(&env, &r, gh, &["config", "show"]);
    out.expect_code(0);
    assert!(
        out.stdout.contains("# ci (metadata.ci): ")
            && out.stdout.contains("\"provider\":\"github-actions\"")
            && out.stdout.contains("\"runId\":\"1658821493\""),
        "{}",
        out.stdout
    );
    let js = run(&env, &r, gh, &["config", "show", "--json"]);
    let v: Value = serde_json::from_str(js.stdout.trim()).unwrap();
    assert_eq!(v["ci"]["provider"], "github-actions");
    let none = run(&env, &r, &[], &["config", "show"]);
    assert!(
        none.stdout.contains("# ci: no CI provider detected"),
        "{}",
        none.stdout
    );
}

#[test]
fn no_token_variable_is_read_or_sent() {
    let env = Env::new();
    let r = Receiver::ok();
    let secrets = [
        ("GITHUB_TOKEN", "ghs_SECRETgithub0001"),
        ("CI_JOB_TOKEN", "glcbt-SECRETgitlab0002"),
        (
            "BUILDKITE_AGENT_ACCESS_TOKEN",
            "bkagent_SECRETbuildkite0003",
        ),
        ("SYSTEM_ACCESSTOKEN", "SECRETazure0004"),
        ("ACTIONS_RUNTIME_TOKEN", "SECRETruntime0005"),
    ];
    let mut outputs = String::new();
    for (name, vars, _) in providers() {
        let mut vars = vars.clone();
        vars.extend(secrets);
        // GitLab's repository URL embeds the job token.
        vars.push((
            "CI_REPOSITORY_URL",
            "https://gitlab-ci-token:glcbt-SECRETgitlab0002@gitlab.com/g/p.git",
        ));
        let out = run(&env, &r, &vars, &["-v", "log", name]);
        out.expect_code(0);
        let dry = run(&env, &r, &vars, &["log", "--dry-run", name]);
        let show = run(&env, &r, &vars, &["config", "show", "--json"]);
        for o in [out, dry, show] {
            outputs.push_str(&o.stdout);
            outputs.push_str(&o.stderr);
        }
    }
    let mut received = String::new();
    for req in r.requests() {
        received.push_str(&String::from_utf8_lossy(&req.body));
        for (k, v) in &req.headers {
            received.push_str(&format!("{k}: {v}\n"));
        }
    }
    assert!(received.contains("\"ci\""), "metadata.ci was sent");
    for (name, value) in secrets {
        assert!(!received.contains(value), "{name} reached the receiver");
        assert!(!outputs.contains(value), "{name} was printed");
    }
}

/// The lines of a `$GITHUB_ENV` file as a map.
fn env_file(path: &std::path::Path) -> Vec<(String, String)> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn a_flow_spans_github_steps_through_github_env_and_ends_with_a_summary() {
    let env = Env::new();
    let r = Receiver::ok();
    let github_env = env.path("github_env");
    let summary = env.path("step_summary");
    std::fs::write(&github_env, "EARLIER=kept\n").unwrap();
    let mut gh = providers()[0].1.clone();
    let ge = github_env.to_str().unwrap().to_string();
    let ss = summary.to_str().unwrap().to_string();
    gh.push(("GITHUB_ENV", &ge));
    gh.push(("GITHUB_STEP_SUMMARY", &ss));

    // Step 1: its own shell.
    let out = run(
        &env,
        &r,
        &gh,
        &["flow", "start", "deploy", "--ci-export", "-m", "region=eu"],
    );
    out.expect_code(0);
    let id = out.stdout.trim().to_string();
    let vars = env_file(&github_env);
    assert_eq!(
        vars[0],
        ("EARLIER".into(), "kept".into()),
        "appended, not replaced"
    );
    let flow = vars.iter().find(|(k, _)| k == "AURALOG_FLOW_ID").unwrap();
    assert_eq!(flow.1, id);
    let trace = vars
        .iter()
        .find(|(k, _)| k == "AURALOG_TRACE_ID")
        .unwrap()
        .1
        .clone();

    // Steps 2 and 3: new processes whose environment the runner built from
    // $GITHUB_ENV.
    let mut later = gh.clone();
    later.push(("AURALOG_FLOW_ID", &flow.1));
    later.push(("AURALOG_TRACE_ID", &trace));
    run(&env, &r, &later, &["log", "built"]).expect_code(0);
    run(&env, &r, &later, &["flow", "step", "tested"]).expect_code(0);
    run(&env, &r, &later, &["flow", "end", "--step-summary"]).expect_code(0);

    let entries = r.wait_entries(4, Duration::from_secs(10));
    assert_eq!(entries.len(), 4);
    for (i, e) in entries.iter().enumerate() {
        assert_eq!(e["metadata"]["flowId"], id.as_str(), "{e}");
        assert_eq!(e["metadata"]["flowName"], "deploy", "{e}");
        assert_eq!(e["metadata"]["stepIndex"], i as u64, "{e}");
        assert_eq!(e["traceId"], trace.as_str(), "{e}");
        assert_eq!(e["metadata"]["region"], "eu", "flow default: {e}");
        assert_eq!(e["metadata"]["ci"]["runId"], "1658821493");
    }
    let md = std::fs::read_to_string(&summary).unwrap();
    for want in [
        "### auralog flow: deploy",
        "| Outcome | success |",
        &format!("`{id}`"),
        &format!("`{trace}`"),
        "| Steps | 4 |",
        "| 1 | built | info |",
        "| 2 | tested | info |",
        "| 3 | deploy finished | info |",
    ] {
        assert!(md.contains(want), "{want:?} not in:\n{md}");
    }
}

#[test]
fn circleci_azure_and_unsupported_exports() {
    let env = Env::new();
    let r = Receiver::ok();
    let bash_env = env.path("bash_env");
    let be = bash_env.to_str().unwrap().to_string();
    let mut circle = providers()[2].1.clone();
    circle.push(("BASH_ENV", &be));
    let out = run(
        &env,
        &r,
        &circle,
        &["flow", "start", "build", "--ci-export"],
    );
    out.expect_code(0);
    let id = out.stdout.trim().to_string();
    // A later step's shell sources $BASH_ENV.
    let bin = crate::support::bin();
    let script = format!(". '{be}' && '{}' log from-a-later-step", bin.display());
    let c = cmd(&env, &r, &circle);
    let mut sh = Command::new("sh");
    sh.args(["-c", &script]);
    for (k, v) in c.get_envs() {
        match v {
            Some(v) => sh.env(k, v),
            None => sh.env_remove(k),
        };
    }
    run_cmd(&mut sh, None).expect_code(0);
    let entries = r.wait_entries(2, Duration::from_secs(10));
    assert_eq!(entries[1]["message"], "from-a-later-step");
    assert_eq!(entries[1]["metadata"]["flowId"], id.as_str());
    assert_eq!(entries[1]["metadata"]["stepIndex"], 1);

    // Azure: logging commands on stdout, after the id.
    let azure = &providers()[5].1;
    let out = run(&env, &r, azure, &["flow", "start", "rel", "--ci-export"]);
    out.expect_code(0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", out.stdout);
    assert_eq!(
        lines[1],
        format!(
            "##vso[task.setvariable variable=AURALOG_FLOW_ID]{}",
            lines[0]
        )
    );
    assert!(lines[2].starts_with("##vso[task.setvariable variable=AURALOG_TRACE_ID]"));
    let out = run(
        &env,
        &r,
        azure,
        &[
            "trace",
            "set",
            "--ci-export",
            "4bf92f35-77b3-4da6-a3ce-929d0e0e4736",
        ],
    );
    out.expect_code(0);
    assert_eq!(
        out.stdout,
        "##vso[task.setvariable variable=AURALOG_TRACE_ID]4bf92f35-77b3-4da6-a3ce-929d0e0e4736\n"
    );

    // GitLab has no such mechanism: a warning, the flow starts anyway.
    let gitlab = &providers()[1].1;
    let out = run(&env, &r, gitlab, &["flow", "start", "gl", "--ci-export"]);
    out.expect_code(0);
    assert!(
        out.stderr.contains("gitlab-ci has no way to pass"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stdout.lines().count(), 1);
}

#[test]
fn github_annotations_once_per_run_never_with_the_key() {
    let env = Env::new();
    let r = Receiver::ok().allow_uncalled();
    let mut gh = providers()[0].1.clone();
    let dead = dead_url();
    gh.push(("AURALOG_RETRY_BUDGET", "0.2"));
    let mut c = cmd(&env, &r, &gh);
    c.env("AURALOG_ENDPOINT", &dead);
    let first = run_cmd(c.args(["log", "undeliverable"]), None);
    first.expect_code(0);
    let ann: Vec<&str> = first
        .stderr
        .lines()
        .filter(|l| l.starts_with("::warning title=auralog::"))
        .collect();
    assert_eq!(ann.len(), 1, "{}", first.stderr);
    assert!(ann[0].contains("spool"), "{}", ann[0]);
    assert!(
        first.stdout.is_empty(),
        "stdout stays clean: {}",
        first.stdout
    );
    let mut c = cmd(&env, &r, &gh);
    c.env("AURALOG_ENDPOINT", &dead);
    let second = run_cmd(c.args(["log", "again"]), None);
    second.expect_code(0);
    assert!(second.stderr.contains("warning:"), "{}", second.stderr);
    assert!(
        !second.stderr.contains("::warning"),
        "once per run: {}",
        second.stderr
    );

    // A rejected key: its own annotation, without the key.
    let denied = Receiver::start(vec![Reply::status(401)]);
    let out = run(&env, &denied, &gh, &["log", "denied"]);
    out.expect_code(0);
    let ann: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("::warning"))
        .collect();
    assert_eq!(ann.len(), 1, "{}", out.stderr);
    assert!(!out.stderr.contains(KEY) && !out.stdout.contains(KEY));

    // Outside GitHub Actions: no annotation at all.
    let mut c = env.cmd();
    c.env("AURALOG_ENDPOINT", &dead)
        .env("AURALOG_API_KEY", KEY)
        .env("AURALOG_RETRY_BUDGET", "0.2");
    let out = run_cmd(c.args(["log", "plain"]), None);
    assert!(!out.stderr.contains("::warning"), "{}", out.stderr);
}
