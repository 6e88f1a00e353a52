//! CI building blocks (issue 17, items 3-5): which CI provider runs us and
//! what run this is (`metadata.ci`), how a flow's ids reach the later steps
//! of the same job, the Markdown summary of a finished flow for
//! `$GITHUB_STEP_SUMMARY`, and GitHub `::warning::` annotations.
//!
//! Everything here is a pure function of an environment *lookup*
//! (`&dyn Fn(&str) -> Option<String>`) and explicit paths, so tests pass a map
//! instead of mutating the process environment; [`std_env`] is the lookup for
//! the real one.
//!
//! Secrets: CI runners put tokens in the environment (`GITHUB_TOKEN`,
//! `CI_JOB_TOKEN`, `BUILDKITE_AGENT_ACCESS_TOKEN`, `SYSTEM_ACCESSTOKEN`, ...),
//! and some ordinary-looking variables embed one (GitLab's
//! `CI_REPOSITORY_URL` is `https://gitlab-ci-token:<token>@...`). So the lookup
//! is only ever called with a name from a provider's const allow-list below;
//! a name outside it is never asked for, and no allow-listed name mentions a
//! token, secret, password or key (a unit test holds both).

use std::fmt::Write as _;
use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use serde_json::{Map, Value};

/// An environment lookup: a variable's value, or `None` when unset.
pub type Lookup<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The lookup for the process environment (unset and non-UTF-8 are `None`).
pub fn std_env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// The CI providers auralog recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    GithubActions,
    GitlabCi,
    CircleCi,
    Buildkite,
    Jenkins,
    AzurePipelines,
    BitbucketPipelines,
    TravisCi,
    Woodpecker,
    Drone,
    TeamCity,
    AwsCodeBuild,
    GoogleCloudBuild,
}

impl Provider {
    /// Every provider, in detection order (see [`detect_provider`]).
    pub const ALL: [Provider; 13] = [
        Provider::GithubActions,
        Provider::GitlabCi,
        Provider::CircleCi,
        Provider::Buildkite,
        Provider::AzurePipelines,
        Provider::BitbucketPipelines,
        Provider::TravisCi,
        Provider::Woodpecker,
        Provider::Drone,
        Provider::TeamCity,
        Provider::AwsCodeBuild,
        Provider::Jenkins,
        Provider::GoogleCloudBuild,
    ];

    /// The value of `metadata.ci.provider`.
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::GithubActions => "github-actions",
            Provider::GitlabCi => "gitlab-ci",
            Provider::CircleCi => "circleci",
            Provider::Buildkite => "buildkite",
            Provider::Jenkins => "jenkins",
            Provider::AzurePipelines => "azure-pipelines",
            Provider::BitbucketPipelines => "bitbucket-pipelines",
            Provider::TravisCi => "travis-ci",
            Provider::Woodpecker => "woodpecker",
            Provider::Drone => "drone",
            Provider::TeamCity => "teamcity",
            Provider::AwsCodeBuild => "aws-codebuild",
            Provider::GoogleCloudBuild => "google-cloud-build",
        }
    }

    /// The only environment variables read for this provider.
    pub fn allowed_vars(self) -> &'static [&'static str] {
        match self {
            Provider::GithubActions => GITHUB_VARS,
            Provider::GitlabCi => GITLAB_VARS,
            Provider::CircleCi => CIRCLE_VARS,
            Provider::Buildkite => BUILDKITE_VARS,
            Provider::Jenkins => JENKINS_VARS,
            Provider::AzurePipelines => AZURE_VARS,
            Provider::BitbucketPipelines => BITBUCKET_VARS,
            Provider::TravisCi => TRAVIS_VARS,
            Provider::Woodpecker => WOODPECKER_VARS,
            Provider::Drone => DRONE_VARS,
            Provider::TeamCity => TEAMCITY_VARS,
            Provider::AwsCodeBuild => CODEBUILD_VARS,
            Provider::GoogleCloudBuild => CLOUDBUILD_VARS,
        }
    }

    /// Whether the environment says this provider runs us. Only the first
    /// one or two names of [`Provider::allowed_vars`] are asked.
    fn detected(self, env: &Env) -> bool {
        let is =
            |name: &str, want: &str| env.get(name).is_some_and(|v| v.eq_ignore_ascii_case(want));
        match self {
            Provider::GithubActions => is("GITHUB_ACTIONS", "true"),
            Provider::GitlabCi => env.get("GITLAB_CI").is_some(),
            Provider::CircleCi => env.get("CIRCLECI").is_some(),
            Provider::Buildkite => env.get("BUILDKITE").is_some(),
            Provider::AzurePipelines => env.get("TF_BUILD").is_some(),
            Provider::BitbucketPipelines => env.get("BITBUCKET_BUILD_NUMBER").is_some(),
            Provider::TravisCi => env.get("TRAVIS").is_some(),
            Provider::Woodpecker => is("CI", "woodpecker"),
            Provider::Drone => env.get("DRONE").is_some(),
            Provider::TeamCity => env.get("TEAMCITY_VERSION").is_some(),
            Provider::AwsCodeBuild => env.get("CODEBUILD_BUILD_ID").is_some(),
            Provider::Jenkins => env.get("JENKINS_URL").is_some(),
            // Cloud Build exports nothing by itself: its substitutions reach a
            // step's environment only when the step maps them
            // (`env: ["BUILD_ID=$BUILD_ID", "PROJECT_ID=$PROJECT_ID", ...]`).
            // BUILD_ID alone is too common (Jenkins sets it), so both are
            // required and Cloud Build is tried last.
            Provider::GoogleCloudBuild => {
                env.get("BUILD_ID").is_some() && env.get("PROJECT_ID").is_some()
            }
        }
    }
}

// Allow-lists, one per provider. The first name(s) are those detection asks.

/// https://docs.github.com/actions/reference/variables-reference
const GITHUB_VARS: &[&str] = &[
    "GITHUB_ACTIONS",
    "GITHUB_RUN_ID",
    "GITHUB_RUN_ATTEMPT",
    "GITHUB_RUN_NUMBER",
    "GITHUB_JOB",
    "GITHUB_WORKFLOW",
    "GITHUB_REPOSITORY",
    "GITHUB_SHA",
    "GITHUB_REF",
    "GITHUB_REF_NAME",
    "GITHUB_REF_TYPE",
    "GITHUB_HEAD_REF",
    "GITHUB_ACTOR",
    "GITHUB_SERVER_URL",
];

/// https://docs.gitlab.com/ci/variables/predefined_variables/
/// (never CI_REPOSITORY_URL: it embeds the job token)
const GITLAB_VARS: &[&str] = &[
    "GITLAB_CI",
    "CI_PIPELINE_ID",
    "CI_PIPELINE_IID",
    "CI_PIPELINE_URL",
    "CI_PIPELINE_NAME",
    "CI_JOB_ID",
    "CI_JOB_NAME",
    "CI_JOB_URL",
    "CI_PROJECT_PATH",
    "CI_COMMIT_SHA",
    "CI_COMMIT_BRANCH",
    "CI_COMMIT_TAG",
    "CI_COMMIT_REF_NAME",
    "CI_MERGE_REQUEST_IID",
    "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME",
    "GITLAB_USER_LOGIN",
];

/// https://circleci.com/docs/reference/variables/
const CIRCLE_VARS: &[&str] = &[
    "CIRCLECI",
    "CIRCLE_WORKFLOW_ID",
    "CIRCLE_BUILD_NUM",
    "CIRCLE_BUILD_URL",
    "CIRCLE_JOB",
    "CIRCLE_PROJECT_USERNAME",
    "CIRCLE_PROJECT_REPONAME",
    "CIRCLE_SHA1",
    "CIRCLE_BRANCH",
    "CIRCLE_TAG",
    "CIRCLE_PR_NUMBER",
    "CIRCLE_PULL_REQUEST",
    "CIRCLE_USERNAME",
];

/// https://buildkite.com/docs/pipelines/configure/environment-variables
/// (not BUILDKITE_STEP_KEY: harmless, but the allow-list stays free of KEY)
const BUILDKITE_VARS: &[&str] = &[
    "BUILDKITE",
    "BUILDKITE_BUILD_ID",
    "BUILDKITE_BUILD_NUMBER",
    "BUILDKITE_BUILD_URL",
    "BUILDKITE_RETRY_COUNT",
    "BUILDKITE_JOB_ID",
    "BUILDKITE_LABEL",
    "BUILDKITE_PIPELINE_SLUG",
    "BUILDKITE_ORGANIZATION_SLUG",
    "BUILDKITE_REPO",
    "BUILDKITE_COMMIT",
    "BUILDKITE_BRANCH",
    "BUILDKITE_TAG",
    "BUILDKITE_PULL_REQUEST",
    "BUILDKITE_BUILD_CREATOR",
];

/// https://www.jenkins.io/doc/book/pipeline/jenkins-file/#using-environment-variables
/// (plus the Git plugin's GIT_* and multibranch CHANGE_*/BRANCH_NAME/TAG_NAME)
const JENKINS_VARS: &[&str] = &[
    "JENKINS_URL",
    "BUILD_NUMBER",
    "BUILD_URL",
    "JOB_NAME",
    "STAGE_NAME",
    "GIT_URL",
    "GIT_COMMIT",
    "GIT_BRANCH",
    "BRANCH_NAME",
    "TAG_NAME",
    "CHANGE_ID",
    "CHANGE_BRANCH",
    "CHANGE_AUTHOR",
    "BUILD_USER_ID",
];

/// https://learn.microsoft.com/azure/devops/pipelines/build/variables
/// (never SYSTEM_ACCESSTOKEN)
const AZURE_VARS: &[&str] = &[
    "TF_BUILD",
    "BUILD_BUILDID",
    "BUILD_BUILDNUMBER",
    "SYSTEM_JOBATTEMPT",
    "SYSTEM_JOBDISPLAYNAME",
    "SYSTEM_STAGEDISPLAYNAME",
    "BUILD_DEFINITIONNAME",
    "BUILD_REPOSITORY_NAME",
    "BUILD_SOURCEVERSION",
    "BUILD_SOURCEBRANCH",
    "SYSTEM_PULLREQUEST_SOURCEBRANCH",
    "SYSTEM_PULLREQUEST_PULLREQUESTNUMBER",
    "SYSTEM_PULLREQUEST_PULLREQUESTID",
    "BUILD_REQUESTEDFOR",
    "SYSTEM_COLLECTIONURI",
    "SYSTEM_TEAMPROJECT",
];

/// https://support.atlassian.com/bitbucket-cloud/docs/variables-and-secrets/
/// (never BITBUCKET_STEP_OIDC_TOKEN)
const BITBUCKET_VARS: &[&str] = &[
    "BITBUCKET_BUILD_NUMBER",
    "BITBUCKET_PIPELINE_UUID",
    "BITBUCKET_STEP_UUID",
    "BITBUCKET_REPO_FULL_NAME",
    "BITBUCKET_COMMIT",
    "BITBUCKET_BRANCH",
    "BITBUCKET_TAG",
    "BITBUCKET_PR_ID",
    "BITBUCKET_STEP_TRIGGERER_UUID",
];

/// https://docs.travis-ci.com/user/environment-variables/#default-environment-variables
const TRAVIS_VARS: &[&str] = &[
    "TRAVIS",
    "TRAVIS_BUILD_ID",
    "TRAVIS_BUILD_NUMBER",
    "TRAVIS_BUILD_WEB_URL",
    "TRAVIS_JOB_ID",
    "TRAVIS_JOB_NAME",
    "TRAVIS_JOB_WEB_URL",
    "TRAVIS_REPO_SLUG",
    "TRAVIS_COMMIT",
    "TRAVIS_BRANCH",
    "TRAVIS_PULL_REQUEST_BRANCH",
    "TRAVIS_TAG",
    "TRAVIS_PULL_REQUEST",
];

/// https://woodpecker-ci.org/docs/usage/environment
const WOODPECKER_VARS: &[&str] = &[
    "CI",
    "CI_PIPELINE_NUMBER",
    "CI_PIPELINE_URL",
    "CI_WORKFLOW_NAME",
    "CI_STEP_NAME",
    "CI_REPO",
    "CI_COMMIT_SHA",
    "CI_COMMIT_BRANCH",
    "CI_COMMIT_SOURCE_BRANCH",
    "CI_COMMIT_TAG",
    "CI_COMMIT_PULL_REQUEST",
    "CI_COMMIT_AUTHOR",
];

/// https://docs.drone.io/pipeline/environment/reference/
const DRONE_VARS: &[&str] = &[
    "DRONE",
    "DRONE_BUILD_NUMBER",
    "DRONE_BUILD_LINK",
    "DRONE_STAGE_NAME",
    "DRONE_STEP_NAME",
    "DRONE_REPO",
    "DRONE_COMMIT_SHA",
    "DRONE_BRANCH",
    "DRONE_SOURCE_BRANCH",
    "DRONE_TAG",
    "DRONE_PULL_REQUEST",
    "DRONE_COMMIT_AUTHOR",
];

/// https://www.jetbrains.com/help/teamcity/predefined-build-parameters.html
/// (TeamCity passes few build facts as environment variables: no build id,
/// server URL or branch, so no run URL)
const TEAMCITY_VARS: &[&str] = &[
    "TEAMCITY_VERSION",
    "TEAMCITY_PROJECT_NAME",
    "TEAMCITY_BUILDCONF_NAME",
    "BUILD_NUMBER",
    "BUILD_VCS_NUMBER",
];

/// https://docs.aws.amazon.com/codebuild/latest/userguide/build-env-ref-env-vars.html
/// (never CODEBUILD_KMS_KEY_ID)
const CODEBUILD_VARS: &[&str] = &[
    "CODEBUILD_BUILD_ID",
    "CODEBUILD_BUILD_ARN",
    "CODEBUILD_BUILD_NUMBER",
    "CODEBUILD_BATCH_BUILD_IDENTIFIER",
    "CODEBUILD_PUBLIC_BUILD_URL",
    "CODEBUILD_SOURCE_REPO_URL",
    "CODEBUILD_RESOLVED_SOURCE_VERSION",
    "CODEBUILD_WEBHOOK_TRIGGER",
    "CODEBUILD_WEBHOOK_HEAD_REF",
    "CODEBUILD_INITIATOR",
];

/// https://cloud.google.com/build/docs/configuring-builds/substitute-variable-values
/// (the default substitutions, under their own names, as a step maps them)
const CLOUDBUILD_VARS: &[&str] = &[
    "BUILD_ID",
    "PROJECT_ID",
    "LOCATION",
    "TRIGGER_NAME",
    "REPO_FULL_NAME",
    "REPO_NAME",
    "COMMIT_SHA",
    "BRANCH_NAME",
    "TAG_NAME",
    "_PR_NUMBER",
    "_HEAD_BRANCH",
];

/// A lookup restricted to one allow-list: a name outside it is never passed
/// on (and is a bug, caught in debug builds).
struct Env<'a> {
    lookup: Lookup<'a>,
    allowed: &'static [&'static str],
}

impl Env<'_> {
    /// The variable's value; empty counts as unset (runners often export
    /// empty strings for "not applicable").
    fn get(&self, name: &str) -> Option<String> {
        debug_assert!(
            self.allowed.contains(&name),
            "{name} is not on the allow-list"
        );
        if !self.allowed.contains(&name) {
            return None;
        }
        (self.lookup)(name).filter(|v| !v.trim().is_empty())
    }
}

/// The provider running us, if any: the first of [`Provider::ALL`] whose
/// marker variable is set.
pub fn detect_provider(lookup: Lookup) -> Option<Provider> {
    Provider::ALL.into_iter().find(|p| {
        p.detected(&Env {
            lookup,
            allowed: p.allowed_vars(),
        })
    })
}

/// What a CI run says about itself, each field only when the provider gives
/// it. Serialised by [`CiMetadata::to_json`] as the `metadata.ci` object.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CiMetadata {
    /// Pipeline/run id: the id of the whole run across its jobs.
    pub run_id: Option<String>,
    /// The run's human-facing number where it differs from its id.
    pub run_number: Option<String>,
    /// Which attempt (re-run) of the run or job this is, 1-based.
    pub attempt: Option<String>,
    /// The job (or step, stage) inside the run.
    pub job: Option<String>,
    /// The workflow / pipeline definition's name.
    pub workflow: Option<String>,
    /// `owner/name` where the provider gives it, else a URL without credentials.
    pub repository: Option<String>,
    pub commit: Option<String>,
    pub branch: Option<String>,
    pub tag: Option<String>,
    pub pull_request: Option<String>,
    pub actor: Option<String>,
    /// The run's (or job's) page.
    pub url: Option<String>,
}

/// The detected provider and its metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CiInfo {
    pub provider: Provider,
    pub meta: CiMetadata,
}

impl CiInfo {
    /// The `metadata.ci` object: `provider` plus every known field, camelCase
    /// like the other well-known metadata keys (PROTOCOL.md).
    pub fn to_json(&self) -> Value {
        let m = &self.meta;
        let mut o = Map::new();
        o.insert("provider".into(), Value::from(self.provider.as_str()));
        let fields = [
            ("runId", &m.run_id),
            ("runNumber", &m.run_number),
            ("attempt", &m.attempt),
            ("job", &m.job),
            ("workflow", &m.workflow),
            ("repository", &m.repository),
            ("commit", &m.commit),
            ("branch", &m.branch),
            ("tag", &m.tag),
            ("pullRequest", &m.pull_request),
            ("actor", &m.actor),
            ("url", &m.url),
        ];
        for (k, v) in fields {
            if let Some(v) = v {
                o.insert(k.into(), Value::from(v.as_str()));
            }
        }
        Value::Object(o)
    }
}

/// Detect the provider and read its run metadata; `None` outside CI.
pub fn detect(lookup: Lookup) -> Option<CiInfo> {
    let provider = detect_provider(lookup)?;
    Some(CiInfo {
        provider,
        meta: metadata_for(provider, lookup),
    })
}

/// [`detect`] on the process environment.
pub fn detect_std() -> Option<CiInfo> {
    detect(&std_env)
}

/// Read `provider`'s metadata (asking only its allow-listed variables).
pub fn metadata_for(provider: Provider, lookup: Lookup) -> CiMetadata {
    let env = Env {
        lookup,
        allowed: provider.allowed_vars(),
    };
    let g = |name: &str| env.get(name);
    match provider {
        Provider::GithubActions => github(&g),
        Provider::GitlabCi => gitlab(&g),
        Provider::CircleCi => circle(&g),
        Provider::Buildkite => buildkite(&g),
        Provider::Jenkins => jenkins(&g),
        Provider::AzurePipelines => azure(&g),
        Provider::BitbucketPipelines => bitbucket(&g),
        Provider::TravisCi => travis(&g),
        Provider::Woodpecker => woodpecker(&g),
        Provider::Drone => drone(&g),
        Provider::TeamCity => teamcity(&g),
        Provider::AwsCodeBuild => codebuild(&g),
        Provider::GoogleCloudBuild => cloudbuild(&g),
    }
}

type Get<'a> = dyn Fn(&str) -> Option<String> + 'a;

/// `refs/heads/x` -> branch x, `refs/tags/x` -> tag x, `refs/pull/N/...` ->
/// pull request N; anything else is taken as a branch name.
struct Ref {
    branch: Option<String>,
    tag: Option<String>,
    pull_request: Option<String>,
}

fn parse_ref(r: &str) -> Ref {
    let mut out = Ref {
        branch: None,
        tag: None,
        pull_request: None,
    };
    if let Some(b) = r.strip_prefix("refs/heads/") {
        out.branch = Some(b.to_string());
    } else if let Some(t) = r.strip_prefix("refs/tags/") {
        out.tag = Some(t.to_string());
    } else if let Some(rest) = r.strip_prefix("refs/pull/") {
        out.pull_request = rest.split('/').next().map(str::to_string);
    } else if !r.is_empty() {
        out.branch = Some(r.to_string());
    }
    out
}

/// A pull request "number" that is really a flag: several providers export
/// `false` (Travis, Buildkite) when the build is not for a pull request.
fn pr_number(v: Option<String>) -> Option<String> {
    v.filter(|v| v != "false" && v != "0")
}

/// A repository URL without any `user:password@` part, which may be a token.
fn strip_userinfo(url: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://") {
        let (authority, path) = match rest.find('/') {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        if let Some((_, host)) = authority.rsplit_once('@') {
            return format!("{scheme}://{host}{path}");
        }
    }
    url.to_string()
}

fn github(g: &Get) -> CiMetadata {
    let run_id = g("GITHUB_RUN_ID");
    let attempt = g("GITHUB_RUN_ATTEMPT");
    let repository = g("GITHUB_REPOSITORY");
    let git_ref = g("GITHUB_REF").unwrap_or_default();
    let parsed = parse_ref(&git_ref);
    let is_tag = g("GITHUB_REF_TYPE").as_deref() == Some("tag") || parsed.tag.is_some();
    let (branch, tag) = if is_tag {
        (None, g("GITHUB_REF_NAME").or(parsed.tag))
    } else {
        // On a pull_request event GITHUB_REF is refs/pull/N/merge and
        // GITHUB_HEAD_REF the branch the change comes from.
        (
            g("GITHUB_HEAD_REF")
                .or(parsed.branch)
                .or_else(|| g("GITHUB_REF_NAME").filter(|_| parsed.pull_request.is_none())),
            None,
        )
    };
    let url = match (g("GITHUB_SERVER_URL"), &repository, &run_id) {
        (Some(server), Some(repo), Some(id)) => {
            let mut u = format!("{}/{repo}/actions/runs/{id}", server.trim_end_matches('/'));
            if let Some(a) = &attempt {
                let _ = write!(u, "/attempts/{a}");
            }
            Some(u)
        }
        _ => None,
    };
    CiMetadata {
        run_id,
        run_number: g("GITHUB_RUN_NUMBER"),
        attempt,
        job: g("GITHUB_JOB"),
        workflow: g("GITHUB_WORKFLOW"),
        repository,
        commit: g("GITHUB_SHA"),
        branch,
        tag,
        pull_request: parsed.pull_request,
        actor: g("GITHUB_ACTOR"),
        url,
    }
}

fn gitlab(g: &Get) -> CiMetadata {
    let tag = g("CI_COMMIT_TAG");
    let branch = if tag.is_some() {
        None
    } else {
        g("CI_COMMIT_BRANCH")
            .or_else(|| g("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"))
            .or_else(|| g("CI_COMMIT_REF_NAME"))
    };
    CiMetadata {
        run_id: g("CI_PIPELINE_ID"),
        run_number: g("CI_PIPELINE_IID"),
        // GitLab has no attempt counter: a retried job gets a new CI_JOB_ID.
        attempt: None,
        job: g("CI_JOB_NAME"),
        workflow: g("CI_PIPELINE_NAME"),
        repository: g("CI_PROJECT_PATH"),
        commit: g("CI_COMMIT_SHA"),
        branch,
        tag,
        pull_request: g("CI_MERGE_REQUEST_IID"),
        actor: g("GITLAB_USER_LOGIN"),
        url: g("CI_JOB_URL").or_else(|| g("CI_PIPELINE_URL")),
    }
}

fn circle(g: &Get) -> CiMetadata {
    let repository = match (g("CIRCLE_PROJECT_USERNAME"), g("CIRCLE_PROJECT_REPONAME")) {
        (Some(o), Some(n)) => Some(format!("{o}/{n}")),
        (None, n) => n,
        (Some(_), None) => None,
    };
    // CIRCLE_PR_NUMBER is only set for forked PRs; CIRCLE_PULL_REQUEST is the
    // PR's URL, ending in its number.
    let pull_request = g("CIRCLE_PR_NUMBER").or_else(|| {
        g("CIRCLE_PULL_REQUEST").and_then(|u| u.rsplit('/').next().map(str::to_string))
    });
    let tag = g("CIRCLE_TAG");
    CiMetadata {
        run_id: g("CIRCLE_WORKFLOW_ID"),
        run_number: g("CIRCLE_BUILD_NUM"),
        attempt: None,
        job: g("CIRCLE_JOB"),
        workflow: None,
        repository,
        commit: g("CIRCLE_SHA1"),
        branch: if tag.is_some() {
            None
        } else {
            g("CIRCLE_BRANCH")
        },
        tag,
        pull_request: pr_number(pull_request),
        actor: g("CIRCLE_USERNAME"),
        url: g("CIRCLE_BUILD_URL"),
    }
}

fn buildkite(g: &Get) -> CiMetadata {
    let tag = g("BUILDKITE_TAG");
    let url = g("BUILDKITE_BUILD_URL").map(|u| match g("BUILDKITE_JOB_ID") {
        Some(job) => format!("{u}#{job}"),
        None => u,
    });
    let attempt = g("BUILDKITE_RETRY_COUNT")
        .and_then(|n| n.parse::<u64>().ok())
        .map(|n| (n + 1).to_string());
    // The repository URL; failing that, the pipeline's org/slug.
    let repository = g("BUILDKITE_REPO").map(|r| strip_userinfo(&r)).or_else(|| {
        Some(format!(
            "{}/{}",
            g("BUILDKITE_ORGANIZATION_SLUG")?,
            g("BUILDKITE_PIPELINE_SLUG")?
        ))
    });
    CiMetadata {
        run_id: g("BUILDKITE_BUILD_ID"),
        run_number: g("BUILDKITE_BUILD_NUMBER"),
        attempt,
        job: g("BUILDKITE_LABEL").or_else(|| g("BUILDKITE_JOB_ID")),
        workflow: g("BUILDKITE_PIPELINE_SLUG"),
        repository,
        commit: g("BUILDKITE_COMMIT"),
        branch: if tag.is_some() {
            None
        } else {
            g("BUILDKITE_BRANCH")
        },
        tag,
        pull_request: pr_number(g("BUILDKITE_PULL_REQUEST")),
        actor: g("BUILDKITE_BUILD_CREATOR"),
        url,
    }
}

fn jenkins(g: &Get) -> CiMetadata {
    let tag = g("TAG_NAME");
    let pull_request = g("CHANGE_ID");
    let branch = if tag.is_some() {
        None
    } else if pull_request.is_some() {
        // In a multibranch PR build BRANCH_NAME is "PR-12"; CHANGE_BRANCH is
        // the source branch.
        g("CHANGE_BRANCH")
    } else {
        g("BRANCH_NAME").or_else(|| {
            g("GIT_BRANCH").map(|b| {
                b.strip_prefix("origin/")
                    .or_else(|| b.strip_prefix("refs/heads/"))
                    .unwrap_or(&b)
                    .to_string()
            })
        })
    };
    CiMetadata {
        run_id: g("BUILD_NUMBER"),
        run_number: None,
        attempt: None,
        job: g("STAGE_NAME"),
        workflow: g("JOB_NAME"),
        repository: g("GIT_URL").map(|u| strip_userinfo(&u)),
        commit: g("GIT_COMMIT"),
        branch,
        tag,
        pull_request,
        actor: g("CHANGE_AUTHOR").or_else(|| g("BUILD_USER_ID")),
        url: g("BUILD_URL"),
    }
}

fn azure(g: &Get) -> CiMetadata {
    let source = parse_ref(&g("BUILD_SOURCEBRANCH").unwrap_or_default());
    let pull_request = g("SYSTEM_PULLREQUEST_PULLREQUESTNUMBER")
        .or_else(|| g("SYSTEM_PULLREQUEST_PULLREQUESTID"))
        .or(source.pull_request);
    let branch = if source.tag.is_some() {
        None
    } else {
        g("SYSTEM_PULLREQUEST_SOURCEBRANCH")
            .map(|b| b.strip_prefix("refs/heads/").unwrap_or(&b).to_string())
            .or(source.branch)
    };
    let build_id = g("BUILD_BUILDID");
    // SYSTEM_COLLECTIONURI ends in '/': https://dev.azure.com/org/
    let url = match (
        g("SYSTEM_COLLECTIONURI"),
        g("SYSTEM_TEAMPROJECT"),
        &build_id,
    ) {
        (Some(c), Some(p), Some(id)) => Some(format!(
            "{}/{}/_build/results?buildId={id}",
            c.trim_end_matches('/'),
            p.replace(' ', "%20")
        )),
        _ => None,
    };
    CiMetadata {
        run_id: build_id,
        run_number: g("BUILD_BUILDNUMBER"),
        attempt: g("SYSTEM_JOBATTEMPT"),
        job: g("SYSTEM_JOBDISPLAYNAME"),
        workflow: g("BUILD_DEFINITIONNAME"),
        repository: g("BUILD_REPOSITORY_NAME"),
        commit: g("BUILD_SOURCEVERSION"),
        branch,
        tag: source.tag,
        pull_request,
        actor: g("BUILD_REQUESTEDFOR"),
        url,
    }
}

fn bitbucket(g: &Get) -> CiMetadata {
    let repository = g("BITBUCKET_REPO_FULL_NAME");
    let number = g("BITBUCKET_BUILD_NUMBER");
    let url = match (&repository, &number) {
        (Some(r), Some(n)) => Some(format!("https://bitbucket.org/{r}/pipelines/results/{n}")),
        _ => None,
    };
    let tag = g("BITBUCKET_TAG");
    // UUIDs come braced: {1b2c...}
    let unbrace = |v: String| v.trim_matches(|c| c == '{' || c == '}').to_string();
    CiMetadata {
        run_id: g("BITBUCKET_PIPELINE_UUID").map(unbrace),
        run_number: number,
        attempt: None,
        job: g("BITBUCKET_STEP_UUID").map(unbrace),
        workflow: None,
        repository,
        commit: g("BITBUCKET_COMMIT"),
        branch: if tag.is_some() {
            None
        } else {
            g("BITBUCKET_BRANCH")
        },
        tag,
        pull_request: g("BITBUCKET_PR_ID"),
        actor: g("BITBUCKET_STEP_TRIGGERER_UUID").map(unbrace),
        url,
    }
}

fn travis(g: &Get) -> CiMetadata {
    let tag = g("TRAVIS_TAG");
    let pull_request = pr_number(g("TRAVIS_PULL_REQUEST"));
    // On a PR build TRAVIS_BRANCH is the target; the source is
    // TRAVIS_PULL_REQUEST_BRANCH.
    let branch = if tag.is_some() {
        None
    } else {
        g("TRAVIS_PULL_REQUEST_BRANCH").or_else(|| g("TRAVIS_BRANCH"))
    };
    CiMetadata {
        run_id: g("TRAVIS_BUILD_ID"),
        run_number: g("TRAVIS_BUILD_NUMBER"),
        attempt: None,
        job: g("TRAVIS_JOB_NAME").or_else(|| g("TRAVIS_JOB_ID")),
        workflow: None,
        repository: g("TRAVIS_REPO_SLUG"),
        commit: g("TRAVIS_COMMIT"),
        branch,
        tag,
        pull_request,
        actor: None,
        url: g("TRAVIS_JOB_WEB_URL").or_else(|| g("TRAVIS_BUILD_WEB_URL")),
    }
}

fn woodpecker(g: &Get) -> CiMetadata {
    let tag = g("CI_COMMIT_TAG");
    let pull_request = g("CI_COMMIT_PULL_REQUEST");
    let branch = if tag.is_some() {
        None
    } else if pull_request.is_some() {
        g("CI_COMMIT_SOURCE_BRANCH").or_else(|| g("CI_COMMIT_BRANCH"))
    } else {
        g("CI_COMMIT_BRANCH")
    };
    CiMetadata {
        run_id: g("CI_PIPELINE_NUMBER"),
        run_number: None,
        attempt: None,
        job: g("CI_STEP_NAME"),
        workflow: g("CI_WORKFLOW_NAME"),
        repository: g("CI_REPO"),
        commit: g("CI_COMMIT_SHA"),
        branch,
        tag,
        pull_request,
        actor: g("CI_COMMIT_AUTHOR"),
        url: g("CI_PIPELINE_URL"),
    }
}

fn drone(g: &Get) -> CiMetadata {
    let tag = g("DRONE_TAG");
    let pull_request = g("DRONE_PULL_REQUEST");
    let branch = if tag.is_some() {
        None
    } else if pull_request.is_some() {
        g("DRONE_SOURCE_BRANCH").or_else(|| g("DRONE_BRANCH"))
    } else {
        g("DRONE_BRANCH")
    };
    CiMetadata {
        run_id: g("DRONE_BUILD_NUMBER"),
        run_number: None,
        attempt: None,
        job: g("DRONE_STEP_NAME"),
        workflow: g("DRONE_STAGE_NAME"),
        repository: g("DRONE_REPO"),
        commit: g("DRONE_COMMIT_SHA"),
        branch,
        tag,
        pull_request,
        actor: g("DRONE_COMMIT_AUTHOR"),
        url: g("DRONE_BUILD_LINK"),
    }
}

fn teamcity(g: &Get) -> CiMetadata {
    CiMetadata {
        run_id: g("BUILD_NUMBER"),
        run_number: None,
        attempt: None,
        job: g("TEAMCITY_BUILDCONF_NAME"),
        workflow: g("TEAMCITY_PROJECT_NAME"),
        repository: None,
        commit: g("BUILD_VCS_NUMBER"),
        branch: None,
        tag: None,
        pull_request: None,
        actor: None,
        url: None,
    }
}

fn codebuild(g: &Get) -> CiMetadata {
    let build_id = g("CODEBUILD_BUILD_ID");
    // CODEBUILD_WEBHOOK_TRIGGER: branch/<name>, tag/<name>, pr/<number>.
    let trigger = g("CODEBUILD_WEBHOOK_TRIGGER").unwrap_or_default();
    let (mut branch, tag, pull_request) = match trigger.split_once('/') {
        Some(("branch", b)) => (Some(b.to_string()), None, None),
        Some(("tag", t)) => (None, Some(t.to_string()), None),
        Some(("pr", n)) => (None, None, Some(n.to_string())),
        _ => (None, None, None),
    };
    if branch.is_none() && tag.is_none() {
        branch = g("CODEBUILD_WEBHOOK_HEAD_REF").and_then(|r| parse_ref(&r).branch);
    }
    // arn:aws:codebuild:<region>:<account>:build/<project>:<uuid>
    let console_url = g("CODEBUILD_BUILD_ARN").and_then(|arn| {
        let parts: Vec<&str> = arn.splitn(6, ':').collect();
        let [_, _, _, region, account, resource] = parts[..] else {
            return None;
        };
        let build = resource.strip_prefix("build/")?;
        let (project, _) = build.split_once(':')?;
        Some(format!(
            "https://{region}.console.aws.amazon.com/codesuite/codebuild/{account}/projects/{project}/build/{}/?region={region}",
            build.replace(':', "%3A")
        ))
    });
    CiMetadata {
        run_id: build_id,
        run_number: g("CODEBUILD_BUILD_NUMBER"),
        attempt: None,
        job: g("CODEBUILD_BATCH_BUILD_IDENTIFIER"),
        workflow: None,
        repository: g("CODEBUILD_SOURCE_REPO_URL").map(|u| strip_userinfo(&u)),
        commit: g("CODEBUILD_RESOLVED_SOURCE_VERSION"),
        branch,
        tag,
        pull_request,
        actor: g("CODEBUILD_INITIATOR"),
        url: g("CODEBUILD_PUBLIC_BUILD_URL").or(console_url),
    }
}

fn cloudbuild(g: &Get) -> CiMetadata {
    let build_id = g("BUILD_ID");
    let url = match (&build_id, g("PROJECT_ID")) {
        (Some(id), Some(project)) => Some(match g("LOCATION") {
            Some(region) => format!(
                "https://console.cloud.google.com/cloud-build/builds;region={region}/{id}?project={project}"
            ),
            None => {
                format!("https://console.cloud.google.com/cloud-build/builds/{id}?project={project}")
            }
        }),
        _ => None,
    };
    let tag = g("TAG_NAME");
    let pull_request = g("_PR_NUMBER");
    let branch = if tag.is_some() {
        None
    } else if pull_request.is_some() {
        g("_HEAD_BRANCH").or_else(|| g("BRANCH_NAME"))
    } else {
        g("BRANCH_NAME")
    };
    CiMetadata {
        run_id: build_id,
        run_number: None,
        attempt: None,
        job: None,
        workflow: g("TRIGGER_NAME"),
        repository: g("REPO_FULL_NAME").or_else(|| g("REPO_NAME")),
        commit: g("COMMIT_SHA"),
        branch,
        tag,
        pull_request,
        actor: None,
        url,
    }
}

// ---------------------------------------------------------------------------
// Flows across CI steps

/// How variables reach the later steps of the same CI job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportMechanism {
    /// GitHub Actions: `NAME=value` lines appended to the file in `$GITHUB_ENV`.
    GithubEnv(PathBuf),
    /// CircleCI: `export NAME=value` lines appended to the file in `$BASH_ENV`,
    /// which every later step's shell sources.
    BashEnv(PathBuf),
    /// Azure Pipelines: `##vso[task.setvariable variable=NAME]value` logging
    /// commands on stdout.
    AzureLoggingCommand,
    /// The provider (or no CI at all) has no mechanism, or the variable that
    /// names its file is missing.
    Unsupported(Option<Provider>),
}

/// The names export and detection read for the mechanism: outside the
/// per-provider allow-lists, so listed here.
const EXPORT_VARS: &[&str] = &["GITHUB_ENV", "BASH_ENV"];

/// The mechanism for `provider` (usually [`detect_provider`]'s answer).
pub fn export_mechanism(provider: Option<Provider>, lookup: Lookup) -> ExportMechanism {
    let env = Env {
        lookup,
        allowed: EXPORT_VARS,
    };
    match provider {
        Some(Provider::GithubActions) => match env.get("GITHUB_ENV") {
            Some(p) => ExportMechanism::GithubEnv(PathBuf::from(p)),
            None => ExportMechanism::Unsupported(provider),
        },
        Some(Provider::CircleCi) => match env.get("BASH_ENV") {
            Some(p) => ExportMechanism::BashEnv(PathBuf::from(p)),
            None => ExportMechanism::Unsupported(provider),
        },
        Some(Provider::AzurePipelines) => ExportMechanism::AzureLoggingCommand,
        other => ExportMechanism::Unsupported(other),
    }
}

/// A variable name every mechanism carries unchanged: `[A-Za-z_][A-Za-z0-9_]*`.
fn check_name(name: &str) -> Result<()> {
    let mut chars = name.chars();
    let ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    anyhow::ensure!(ok, "{name:?} is not a valid environment variable name");
    Ok(())
}

/// The text that sets `vars` through `mech` (for the file mechanisms, what
/// is appended; for Azure, what goes to stdout). `None` for `Unsupported`.
pub fn export_text(mech: &ExportMechanism, vars: &[(&str, &str)]) -> Result<Option<String>> {
    let mut out = String::new();
    for (name, value) in vars {
        check_name(name)?;
        match mech {
            ExportMechanism::GithubEnv(_) => {
                if value.contains(['\n', '\r']) {
                    // GitHub's multiline form; the delimiter must not occur
                    // in the value.
                    let mut delim = String::from("AURALOG_EOF");
                    while value.contains(&delim) {
                        delim.push('_');
                    }
                    let _ = writeln!(out, "{name}<<{delim}\n{value}\n{delim}");
                } else {
                    let _ = writeln!(out, "{name}={value}");
                }
            }
            ExportMechanism::BashEnv(_) => {
                let _ = writeln!(out, "export {name}={}", shell_quote(value));
            }
            ExportMechanism::AzureLoggingCommand => {
                let _ = writeln!(
                    out,
                    "##vso[task.setvariable variable={name}]{}",
                    azure_escape(value)
                );
            }
            ExportMechanism::Unsupported(_) => return Ok(None),
        }
    }
    Ok(Some(out))
}

/// What [`export_vars`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportOutcome {
    /// Appended to this file.
    Appended(PathBuf),
    /// Written to the given stdout.
    Printed,
    /// Nothing: the provider has no mechanism (README says which do).
    Unsupported(Option<Provider>),
}

/// Export `vars` to the later steps of the job: append to the mechanism's
/// file (O_APPEND, so concurrent writers and the runner's own lines are not
/// overwritten) or print Azure's logging commands to `stdout`.
pub fn export_vars(
    mech: &ExportMechanism,
    vars: &[(&str, &str)],
    stdout: &mut dyn Write,
) -> Result<ExportOutcome> {
    let Some(text) = export_text(mech, vars)? else {
        let ExportMechanism::Unsupported(p) = mech else {
            unreachable!("export_text is None only for Unsupported")
        };
        return Ok(ExportOutcome::Unsupported(*p));
    };
    match mech {
        ExportMechanism::GithubEnv(path) | ExportMechanism::BashEnv(path) => {
            append_file(path, &text)?;
            Ok(ExportOutcome::Appended(path.clone()))
        }
        _ => {
            stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
                .context("writing the Azure Pipelines logging commands to stdout")?;
            Ok(ExportOutcome::Printed)
        }
    }
}

/// `--ci-export`: [`export_vars`] for the CI job running us (process
/// environment, real stdout). Where there is no mechanism, or it fails, a
/// warning says so: the user's command goes on.
pub fn export_std(vars: &[(&str, &str)]) {
    let provider = detect_provider(&std_env);
    let mech = export_mechanism(provider, &std_env);
    let names: Vec<&str> = vars.iter().map(|(n, _)| *n).collect();
    match export_vars(&mech, vars, &mut io::stdout()) {
        Ok(ExportOutcome::Appended(p)) => crate::output::verbose(&format!(
            "exported {} to later steps through {}",
            names.join(", "),
            p.display()
        )),
        Ok(ExportOutcome::Printed) => {}
        Ok(ExportOutcome::Unsupported(p)) => crate::output::warn(&format!(
            "--ci-export: {} no way to pass {} to later steps; run them in one shell (eval \"$(auralog flow start NAME --export)\") or pass --flow ID",
            match p {
                Some(p) => format!("{} has", p.as_str()),
                None => "no CI provider detected, so".into(),
            },
            names.join(", ")
        )),
        Err(e) => crate::output::warn(&format!("--ci-export: {e:#}")),
    }
}

/// Append `text` in one write to `path` (created if missing), opened with
/// O_APPEND.
pub fn append_file(path: &Path, text: &str) -> Result<()> {
    let mut f = OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .with_context(|| format!("opening {} to append", path.display()))?;
    f.write_all(text.as_bytes())
        .with_context(|| format!("appending to {}", path.display()))
}

/// POSIX single-quoting: `it's` -> `'it'\''s'`.
fn shell_quote(v: &str) -> String {
    format!("'{}'", v.replace('\'', r"'\''"))
}

/// Azure's escaping of a logging command's value: `%` first, then CR/LF,
/// so that the command stays on one line.
fn azure_escape(v: &str) -> String {
    v.replace('%', "%AZP25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

// ---------------------------------------------------------------------------
// Step summary

/// One step of a finished flow, as the summary shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryStep {
    pub index: u64,
    pub message: String,
    pub level: String,
    /// Time since the previous step (or since the flow started, for the first).
    pub since_previous: Option<Duration>,
}

/// A finished flow, as the summary shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowSummary {
    pub name: String,
    pub flow_id: String,
    pub trace_id: String,
    /// e.g. "success", "failure".
    pub outcome: String,
    pub total: Option<Duration>,
    pub steps: Vec<SummaryStep>,
}

/// Longest step message the table shows, in characters.
const SUMMARY_MESSAGE_MAX: usize = 200;
/// Most step rows the table shows; GitHub caps a step's summary at 1 MiB.
const SUMMARY_ROWS_MAX: usize = 500;

/// The Markdown for `$GITHUB_STEP_SUMMARY`. Names and messages are escaped so
/// that a message cannot break the table or inject markup.
pub fn render_flow_summary(s: &FlowSummary) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "### auralog flow: {}\n", md_escape(&s.name));
    let _ = writeln!(out, "| | |\n|---|---|");
    let _ = writeln!(out, "| Outcome | {} |", md_escape(&s.outcome));
    let _ = writeln!(out, "| Flow id | `{}` |", code_span(&s.flow_id));
    let _ = writeln!(out, "| Trace id | `{}` |", code_span(&s.trace_id));
    let total = s.total.map(format_duration).unwrap_or_else(|| "-".into());
    let _ = writeln!(out, "| Duration | {total} |");
    let _ = writeln!(out, "| Steps | {} |\n", s.steps.len());
    if s.steps.is_empty() {
        return out;
    }
    let _ = writeln!(out, "| # | Message | Level | Since previous |");
    let _ = writeln!(out, "|---:|---|---|---:|");
    for step in s.steps.iter().take(SUMMARY_ROWS_MAX) {
        let mut msg: String = step.message.chars().take(SUMMARY_MESSAGE_MAX).collect();
        if step.message.chars().count() > SUMMARY_MESSAGE_MAX {
            msg.push('…');
        }
        let since = step
            .since_previous
            .map(format_duration)
            .unwrap_or_else(|| "-".into());
        let _ = writeln!(
            out,
            "| {} | {} | {} | {since} |",
            step.index,
            md_escape(&msg),
            md_escape(&step.level)
        );
    }
    if s.steps.len() > SUMMARY_ROWS_MAX {
        let _ = writeln!(
            out,
            "\n{} more steps not shown.",
            s.steps.len() - SUMMARY_ROWS_MAX
        );
    }
    out
}

/// Append a rendered summary to the `$GITHUB_STEP_SUMMARY` file.
pub fn append_step_summary(path: &Path, markdown: &str) -> Result<()> {
    let mut text = markdown.to_string();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    // A blank line keeps it apart from what earlier steps wrote.
    text.push('\n');
    append_file(path, &text)
}

/// The `$GITHUB_STEP_SUMMARY` path, on GitHub Actions only.
pub fn step_summary_path(provider: Option<Provider>, lookup: Lookup) -> Option<PathBuf> {
    const VARS: &[&str] = &["GITHUB_STEP_SUMMARY"];
    if provider != Some(Provider::GithubActions) {
        return None;
    }
    Env {
        lookup,
        allowed: VARS,
    }
    .get("GITHUB_STEP_SUMMARY")
    .map(PathBuf::from)
}

/// Escape text for a Markdown table cell: ASCII punctuation that means
/// something in (GitHub-flavoured) Markdown gets a backslash, line breaks
/// become spaces.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Text for inside a code span: backticks and table pipes cannot be escaped
/// there, so they are dropped (ids never contain them).
fn code_span(s: &str) -> String {
    s.chars()
        .filter(|&c| c != '`' && c != '|' && !c.is_control())
        .collect()
}

/// `850 ms`, `12.3 s`, `4m 05s`, `1h 02m`.
pub fn format_duration(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1000 {
        format!("{ms} ms")
    } else if ms < 60_000 {
        format!("{:.1} s", d.as_secs_f64())
    } else if ms < 3_600_000 {
        let s = d.as_secs();
        format!("{}m {:02}s", s / 60, s % 60)
    } else {
        let m = d.as_secs() / 60;
        format!("{}h {:02}m", m / 60, m % 60)
    }
}

// ---------------------------------------------------------------------------
// GitHub annotations

/// Which GitHub run (and attempt) we are in, for once-per-run annotations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GithubRun {
    pub run_id: String,
    pub attempt: String,
}

/// The current GitHub Actions run, or `None` elsewhere.
pub fn github_run(lookup: Lookup) -> Option<GithubRun> {
    let env = Env {
        lookup,
        allowed: GITHUB_VARS,
    };
    if !Provider::GithubActions.detected(&env) {
        return None;
    }
    Some(GithubRun {
        run_id: env.get("GITHUB_RUN_ID")?,
        attempt: env.get("GITHUB_RUN_ATTEMPT").unwrap_or_else(|| "1".into()),
    })
}

/// GitHub's escaping of a workflow command's message: `%`, CR, LF.
pub fn escape_command_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// `message` with every occurrence of `secret` replaced by `***` (an empty
/// secret redacts nothing).
fn redact_secret(message: &str, secret: Option<&str>) -> String {
    match secret {
        Some(k) if !k.is_empty() => message.replace(k, "***"),
        _ => message.to_string(),
    }
}

/// The `::warning::` workflow command for one of auralog's own warnings,
/// with `secret` (the API key) redacted before escaping, so no encoding of it
/// survives. Every other registered secret is masked too
/// ([`crate::output::redact_secrets`], as on every stderr line): the
/// annotation is written past `output`'s own masking.
pub fn warning_annotation(message: &str, secret: Option<&str>) -> String {
    let message = redact_secret(message, secret);
    format!(
        "::warning title=auralog::{}",
        escape_command_data(&crate::output::redact_secrets(&message))
    )
}

/// Claim the annotation `kind` (e.g. "spooled", "key-rejected") for this run:
/// true the first time in a run attempt, false after, across processes. The
/// marker file is created with O_EXCL, so two concurrent processes cannot
/// both win.
pub fn claim_once_per_run(state_dir: &Path, run: &GithubRun, kind: &str) -> Result<bool> {
    let safe = |s: &str| -> String {
        s.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect()
    };
    let dir = state_dir.join("gha-annotations");
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let marker = dir.join(format!(
        "{}-{}-{}",
        safe(&run.run_id),
        safe(&run.attempt),
        safe(kind)
    ));
    match OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&marker)
    {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e).with_context(|| format!("creating {}", marker.display())),
    }
}

/// Write `message` as a `::warning::` annotation to `out` (stdout: the
/// runner reads workflow commands there) unless this run already had one of
/// `kind`. Returns whether it was written.
pub fn github_warning_once(
    out: &mut dyn Write,
    state_dir: &Path,
    run: &GithubRun,
    kind: &str,
    message: &str,
    secret: Option<&str>,
) -> Result<bool> {
    if !claim_once_per_run(state_dir, run, kind)? {
        return Ok(false);
    }
    writeln!(out, "{}", warning_annotation(message, secret))
        .and_then(|()| out.flush())
        .context("writing a GitHub annotation")?;
    Ok(true)
}

/// On GitHub Actions, make auralog's own delivery warnings
/// (`output::warn_kind`) also `::warning::` annotations, once per run and
/// kind, with the API key redacted. Written to stderr, which the runner reads
/// for workflow commands as it does stdout, so `id=$(auralog flow start ...)`
/// captures only the id.
pub fn install_annotations(state_dir: PathBuf, api_key: Option<String>) {
    let Some(run) = github_run(&std_env) else {
        return;
    };
    crate::output::set_warning_hook(Box::new(move |kind, message| {
        let mut err = io::stderr();
        if let Err(e) = github_warning_once(
            &mut err,
            &state_dir,
            &run,
            kind,
            message,
            api_key.as_deref(),
        ) {
            crate::output::verbose(&format!("no GitHub annotation: {e:#}"));
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::collections::HashMap;

    fn env_of(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn detect_map(pairs: &[(&str, &str)]) -> CiInfo {
        let m = env_of(pairs);
        detect(&|k| m.get(k).cloned()).expect("a provider is detected")
    }

    fn json(info: &CiInfo) -> Value {
        info.to_json()
    }

    const SECRET_WORDS: [&str; 4] = ["TOKEN", "SECRET", "PASSWORD", "KEY"];

    #[test]
    fn allow_lists_name_no_secret() {
        let mut all: Vec<&str> = Provider::ALL
            .iter()
            .flat_map(|p| p.allowed_vars().iter().copied())
            .collect();
        all.extend(EXPORT_VARS);
        all.push("GITHUB_STEP_SUMMARY");
        for name in all {
            for w in SECRET_WORDS {
                assert!(!name.contains(w), "{name} is on an allow-list");
            }
        }
    }

    #[test]
    fn lookup_is_only_asked_allow_listed_names_and_tokens_never_leak() {
        let secrets = [
            ("GITHUB_TOKEN", "ghs_supersecret1"),
            ("CI_JOB_TOKEN", "glcbt-supersecret2"),
            ("BUILDKITE_AGENT_ACCESS_TOKEN", "bkagent_supersecret3"),
            ("SYSTEM_ACCESSTOKEN", "azsecret4"),
            (
                "CI_REPOSITORY_URL",
                "https://gitlab-ci-token:glcbt-supersecret2@gitlab.com/g/p.git",
            ),
        ];
        // Every provider's marker set at once, plus the secrets; each
        // provider is read in turn.
        let mut pairs: Vec<(&str, &str)> = secrets.to_vec();
        pairs.extend([
            ("GITHUB_ACTIONS", "true"),
            ("GITHUB_RUN_ID", "1"),
            ("GITLAB_CI", "true"),
            ("BUILDKITE", "true"),
            ("GITHUB_ENV", "/tmp/x"),
        ]);
        let m = env_of(&pairs);
        let asked = RefCell::new(Vec::<String>::new());
        let lookup = |k: &str| {
            asked.borrow_mut().push(k.to_string());
            m.get(k).cloned()
        };
        let mut outputs = vec![json(&detect(&lookup).unwrap())];
        for p in Provider::ALL {
            let info = CiInfo {
                provider: p,
                meta: metadata_for(p, &lookup),
            };
            outputs.push(json(&info));
            let _ = export_mechanism(Some(p), &lookup);
            let _ = step_summary_path(Some(p), &lookup);
        }
        let _ = github_run(&lookup);
        let asked = asked.into_inner();
        assert!(asked.len() > 50, "the lookup was used: {}", asked.len());
        for name in &asked {
            for w in SECRET_WORDS {
                assert!(!name.contains(w), "asked for {name}");
            }
            assert_ne!(name, "CI_REPOSITORY_URL");
        }
        let all = serde_json::to_string(&outputs).unwrap();
        for (_, v) in secrets {
            assert!(!all.contains(v), "{v} leaked into {all}");
        }
        assert!(!all.contains("supersecret"));
    }

    #[test]
    fn nothing_outside_ci() {
        let m = env_of(&[("HOME", "/root"), ("CI", "true"), ("BUILD_ID", "7")]);
        assert_eq!(detect(&|k| m.get(k).cloned()), None);
    }

    #[test]
    fn github_actions_push() {
        let info = detect_map(&[
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
            ("GITHUB_HEAD_REF", ""),
            ("GITHUB_ACTOR", "octocat"),
            ("GITHUB_SERVER_URL", "https://github.com"),
            ("GITHUB_TOKEN", "ghs_x"),
        ]);
        assert_eq!(info.provider, Provider::GithubActions);
        assert_eq!(
            json(&info),
            serde_json::json!({
                "provider": "github-actions",
                "runId": "1658821493",
                "runNumber": "17",
                "attempt": "2",
                "job": "build",
                "workflow": "CI",
                "repository": "octo/hello",
                "commit": "ffac537e6cbbf934b08745a378932722df287a53",
                "branch": "main",
                "actor": "octocat",
                "url": "https://github.com/octo/hello/actions/runs/1658821493/attempts/2",
            })
        );
    }

    #[test]
    fn github_actions_pull_request_and_tag() {
        let pr = detect_map(&[
            ("GITHUB_ACTIONS", "true"),
            ("GITHUB_REF", "refs/pull/42/merge"),
            ("GITHUB_REF_NAME", "42/merge"),
            ("GITHUB_REF_TYPE", "branch"),
            ("GITHUB_HEAD_REF", "feature/x"),
        ]);
        assert_eq!(pr.meta.pull_request.as_deref(), Some("42"));
        assert_eq!(pr.meta.branch.as_deref(), Some("feature/x"));
        assert_eq!(pr.meta.url, None, "not enough to build a URL");

        let tag = detect_map(&[
            ("GITHUB_ACTIONS", "true"),
            ("GITHUB_REF", "refs/tags/v1.2.0"),
            ("GITHUB_REF_NAME", "v1.2.0"),
            ("GITHUB_REF_TYPE", "tag"),
        ]);
        assert_eq!(tag.meta.tag.as_deref(), Some("v1.2.0"));
        assert_eq!(tag.meta.branch, None);
    }

    #[test]
    fn gitlab_ci() {
        let info = detect_map(&[
            ("CI", "true"),
            ("GITLAB_CI", "true"),
            ("CI_PIPELINE_ID", "1000"),
            ("CI_PIPELINE_IID", "12"),
            ("CI_PIPELINE_URL", "https://gitlab.com/g/p/-/pipelines/1000"),
            ("CI_PIPELINE_NAME", "nightly"),
            ("CI_JOB_ID", "5000"),
            ("CI_JOB_NAME", "test:unit"),
            ("CI_JOB_URL", "https://gitlab.com/g/p/-/jobs/5000"),
            ("CI_PROJECT_PATH", "g/p"),
            ("CI_COMMIT_SHA", "abc123"),
            ("CI_COMMIT_REF_NAME", "feature"),
            ("CI_MERGE_REQUEST_IID", "7"),
            ("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "feature"),
            ("GITLAB_USER_LOGIN", "alice"),
            ("CI_JOB_TOKEN", "glcbt-x"),
        ]);
        assert_eq!(
            json(&info),
            serde_json::json!({
                "provider": "gitlab-ci",
                "runId": "1000",
                "runNumber": "12",
                "job": "test:unit",
                "workflow": "nightly",
                "repository": "g/p",
                "commit": "abc123",
                "branch": "feature",
                "pullRequest": "7",
                "actor": "alice",
                "url": "https://gitlab.com/g/p/-/jobs/5000",
            })
        );
    }

    #[test]
    fn circleci() {
        let info = detect_map(&[
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
            ("CIRCLE_PULL_REQUEST", "https://github.com/o/r/pull/9"),
            ("CIRCLE_USERNAME", "bob"),
        ]);
        assert_eq!(info.provider, Provider::CircleCi);
        let m = &info.meta;
        assert_eq!(
            m.run_id.as_deref(),
            Some("6e7a1b2c-0000-4000-8000-000000000001")
        );
        assert_eq!(m.run_number.as_deref(), Some("321"));
        assert_eq!(m.job.as_deref(), Some("test"));
        assert_eq!(m.repository.as_deref(), Some("o/r"));
        assert_eq!(m.commit.as_deref(), Some("deadbeef"));
        assert_eq!(m.branch.as_deref(), Some("main"));
        assert_eq!(m.pull_request.as_deref(), Some("9"));
        assert_eq!(m.actor.as_deref(), Some("bob"));
        assert_eq!(m.url.as_deref(), Some("https://circleci.com/gh/o/r/321"));
    }

    #[test]
    fn buildkite() {
        let info = detect_map(&[
            ("CI", "true"),
            ("BUILDKITE", "true"),
            ("BUILDKITE_BUILD_ID", "f62a1b4d-0000-4000-8000-000000000002"),
            ("BUILDKITE_BUILD_NUMBER", "1514"),
            (
                "BUILDKITE_BUILD_URL",
                "https://buildkite.com/acme/my-pipeline/builds/1514",
            ),
            ("BUILDKITE_RETRY_COUNT", "1"),
            ("BUILDKITE_JOB_ID", "e44f9784-0000-4000-8000-000000000003"),
            ("BUILDKITE_LABEL", ":hammer: Tests"),
            ("BUILDKITE_PIPELINE_SLUG", "my-pipeline"),
            ("BUILDKITE_ORGANIZATION_SLUG", "acme"),
            ("BUILDKITE_REPO", "https://user:pw@github.com/acme/app.git"),
            ("BUILDKITE_COMMIT", "83a20ec0"),
            ("BUILDKITE_BRANCH", "main"),
            ("BUILDKITE_TAG", ""),
            ("BUILDKITE_PULL_REQUEST", "false"),
            ("BUILDKITE_BUILD_CREATOR", "Keith Pitt"),
            ("BUILDKITE_AGENT_ACCESS_TOKEN", "bkagent_x"),
        ]);
        let m = &info.meta;
        assert_eq!(info.provider, Provider::Buildkite);
        assert_eq!(m.run_number.as_deref(), Some("1514"));
        assert_eq!(m.attempt.as_deref(), Some("2"));
        assert_eq!(m.job.as_deref(), Some(":hammer: Tests"));
        assert_eq!(m.workflow.as_deref(), Some("my-pipeline"));
        assert_eq!(
            m.repository.as_deref(),
            Some("https://github.com/acme/app.git"),
            "credentials stripped"
        );
        assert_eq!(m.branch.as_deref(), Some("main"));
        assert_eq!(m.tag, None);
        assert_eq!(m.pull_request, None, "\"false\" is no PR");
        assert_eq!(m.actor.as_deref(), Some("Keith Pitt"));
        assert_eq!(
            m.url.as_deref(),
            Some("https://buildkite.com/acme/my-pipeline/builds/1514#e44f9784-0000-4000-8000-000000000003")
        );
    }

    #[test]
    fn jenkins() {
        let info = detect_map(&[
            ("JENKINS_URL", "https://ci.example.com/"),
            ("BUILD_NUMBER", "88"),
            ("BUILD_ID", "88"),
            ("BUILD_URL", "https://ci.example.com/job/app/88/"),
            ("JOB_NAME", "app"),
            ("STAGE_NAME", "Test"),
            ("GIT_URL", "https://github.com/acme/app.git"),
            ("GIT_COMMIT", "0123abcd"),
            ("GIT_BRANCH", "origin/release"),
        ]);
        assert_eq!(
            json(&info),
            serde_json::json!({
                "provider": "jenkins",
                "runId": "88",
                "job": "Test",
                "workflow": "app",
                "repository": "https://github.com/acme/app.git",
                "commit": "0123abcd",
                "branch": "release",
                "url": "https://ci.example.com/job/app/88/",
            })
        );
        // Multibranch PR build.
        let pr = detect_map(&[
            ("JENKINS_URL", "https://ci.example.com/"),
            ("BRANCH_NAME", "PR-5"),
            ("CHANGE_ID", "5"),
            ("CHANGE_BRANCH", "fix"),
            ("CHANGE_AUTHOR", "carol"),
        ]);
        assert_eq!(pr.meta.pull_request.as_deref(), Some("5"));
        assert_eq!(pr.meta.branch.as_deref(), Some("fix"));
        assert_eq!(pr.meta.actor.as_deref(), Some("carol"));
    }

    #[test]
    fn azure_pipelines() {
        let info = detect_map(&[
            ("TF_BUILD", "True"),
            ("BUILD_BUILDID", "4711"),
            ("BUILD_BUILDNUMBER", "20240101.3"),
            ("SYSTEM_JOBATTEMPT", "1"),
            ("SYSTEM_JOBDISPLAYNAME", "Build job"),
            ("BUILD_DEFINITIONNAME", "app-ci"),
            ("BUILD_REPOSITORY_NAME", "acme/app"),
            ("BUILD_SOURCEVERSION", "cafe1234"),
            ("BUILD_SOURCEBRANCH", "refs/pull/31/merge"),
            ("SYSTEM_PULLREQUEST_SOURCEBRANCH", "refs/heads/topic"),
            ("SYSTEM_PULLREQUEST_PULLREQUESTID", "900"),
            ("SYSTEM_PULLREQUEST_PULLREQUESTNUMBER", "31"),
            ("BUILD_REQUESTEDFOR", "Dana"),
            ("SYSTEM_COLLECTIONURI", "https://dev.azure.com/acme/"),
            ("SYSTEM_TEAMPROJECT", "My Project"),
            ("SYSTEM_ACCESSTOKEN", "azsecret"),
        ]);
        assert_eq!(
            json(&info),
            serde_json::json!({
                "provider": "azure-pipelines",
                "runId": "4711",
                "runNumber": "20240101.3",
                "attempt": "1",
                "job": "Build job",
                "workflow": "app-ci",
                "repository": "acme/app",
                "commit": "cafe1234",
                "branch": "topic",
                "pullRequest": "31",
                "actor": "Dana",
                "url": "https://dev.azure.com/acme/My%20Project/_build/results?buildId=4711",
            })
        );
        let tag = detect_map(&[("TF_BUILD", "True"), ("BUILD_SOURCEBRANCH", "refs/tags/v2")]);
        assert_eq!(tag.meta.tag.as_deref(), Some("v2"));
        assert_eq!(tag.meta.branch, None);
    }

    #[test]
    fn bitbucket_pipelines() {
        let info = detect_map(&[
            ("CI", "true"),
            ("BITBUCKET_BUILD_NUMBER", "57"),
            (
                "BITBUCKET_PIPELINE_UUID",
                "{a1b2c3d4-0000-4000-8000-000000000004}",
            ),
            (
                "BITBUCKET_STEP_UUID",
                "{b1b2c3d4-0000-4000-8000-000000000005}",
            ),
            ("BITBUCKET_REPO_FULL_NAME", "team/app"),
            ("BITBUCKET_COMMIT", "beef0001"),
            ("BITBUCKET_BRANCH", "develop"),
            ("BITBUCKET_PR_ID", "3"),
            (
                "BITBUCKET_STEP_TRIGGERER_UUID",
                "{c1b2c3d4-0000-4000-8000-000000000006}",
            ),
            ("BITBUCKET_STEP_OIDC_TOKEN", "eyJsecret"),
        ]);
        let m = &info.meta;
        assert_eq!(info.provider, Provider::BitbucketPipelines);
        assert_eq!(
            m.run_id.as_deref(),
            Some("a1b2c3d4-0000-4000-8000-000000000004")
        );
        assert_eq!(m.run_number.as_deref(), Some("57"));
        assert_eq!(
            m.job.as_deref(),
            Some("b1b2c3d4-0000-4000-8000-000000000005")
        );
        assert_eq!(m.repository.as_deref(), Some("team/app"));
        assert_eq!(m.commit.as_deref(), Some("beef0001"));
        assert_eq!(m.branch.as_deref(), Some("develop"));
        assert_eq!(m.pull_request.as_deref(), Some("3"));
        assert_eq!(
            m.url.as_deref(),
            Some("https://bitbucket.org/team/app/pipelines/results/57")
        );
        assert!(!json(&info).to_string().contains("eyJsecret"));
    }

    #[test]
    fn travis_ci() {
        let info = detect_map(&[
            ("CI", "true"),
            ("TRAVIS", "true"),
            ("TRAVIS_BUILD_ID", "9001"),
            ("TRAVIS_BUILD_NUMBER", "77"),
            (
                "TRAVIS_BUILD_WEB_URL",
                "https://app.travis-ci.com/o/r/builds/9001",
            ),
            ("TRAVIS_JOB_ID", "9002"),
            ("TRAVIS_JOB_NAME", "unit"),
            (
                "TRAVIS_JOB_WEB_URL",
                "https://app.travis-ci.com/o/r/jobs/9002",
            ),
            ("TRAVIS_REPO_SLUG", "o/r"),
            ("TRAVIS_COMMIT", "feed0002"),
            ("TRAVIS_BRANCH", "main"),
            ("TRAVIS_PULL_REQUEST_BRANCH", "topic"),
            ("TRAVIS_PULL_REQUEST", "12"),
        ]);
        let m = &info.meta;
        assert_eq!(info.provider, Provider::TravisCi);
        assert_eq!(m.run_id.as_deref(), Some("9001"));
        assert_eq!(m.run_number.as_deref(), Some("77"));
        assert_eq!(m.job.as_deref(), Some("unit"));
        assert_eq!(m.repository.as_deref(), Some("o/r"));
        assert_eq!(m.branch.as_deref(), Some("topic"));
        assert_eq!(m.pull_request.as_deref(), Some("12"));
        assert_eq!(
            m.url.as_deref(),
            Some("https://app.travis-ci.com/o/r/jobs/9002")
        );
        let push = detect_map(&[
            ("TRAVIS", "true"),
            ("TRAVIS_BRANCH", "main"),
            ("TRAVIS_PULL_REQUEST", "false"),
        ]);
        assert_eq!(push.meta.pull_request, None);
        assert_eq!(push.meta.branch.as_deref(), Some("main"));
    }

    #[test]
    fn woodpecker() {
        let info = detect_map(&[
            ("CI", "woodpecker"),
            ("CI_PIPELINE_NUMBER", "8"),
            (
                "CI_PIPELINE_URL",
                "https://ci.example.org/repos/3/pipeline/8",
            ),
            ("CI_WORKFLOW_NAME", "build"),
            ("CI_STEP_NAME", "test"),
            ("CI_REPO", "john-doe/my-repo"),
            ("CI_COMMIT_SHA", "0a1b2c3d"),
            ("CI_COMMIT_BRANCH", "main"),
            ("CI_COMMIT_AUTHOR", "john-doe"),
        ]);
        assert_eq!(
            json(&info),
            serde_json::json!({
                "provider": "woodpecker",
                "runId": "8",
                "job": "test",
                "workflow": "build",
                "repository": "john-doe/my-repo",
                "commit": "0a1b2c3d",
                "branch": "main",
                "actor": "john-doe",
                "url": "https://ci.example.org/repos/3/pipeline/8",
            })
        );
    }

    #[test]
    fn drone() {
        let info = detect_map(&[
            ("CI", "true"),
            ("DRONE", "true"),
            ("DRONE_BUILD_NUMBER", "22"),
            (
                "DRONE_BUILD_LINK",
                "https://drone.example.com/octo/hello/22",
            ),
            ("DRONE_STAGE_NAME", "default"),
            ("DRONE_STEP_NAME", "test"),
            ("DRONE_REPO", "octo/hello"),
            ("DRONE_COMMIT_SHA", "bcdef012"),
            ("DRONE_BRANCH", "main"),
            ("DRONE_SOURCE_BRANCH", "feature"),
            ("DRONE_PULL_REQUEST", "4"),
            ("DRONE_COMMIT_AUTHOR", "octocat"),
        ]);
        let m = &info.meta;
        assert_eq!(info.provider, Provider::Drone);
        assert_eq!(m.run_id.as_deref(), Some("22"));
        assert_eq!(m.job.as_deref(), Some("test"));
        assert_eq!(m.workflow.as_deref(), Some("default"));
        assert_eq!(m.repository.as_deref(), Some("octo/hello"));
        assert_eq!(m.branch.as_deref(), Some("feature"));
        assert_eq!(m.pull_request.as_deref(), Some("4"));
        assert_eq!(m.actor.as_deref(), Some("octocat"));
        assert_eq!(
            m.url.as_deref(),
            Some("https://drone.example.com/octo/hello/22")
        );
    }

    #[test]
    fn teamcity() {
        let info = detect_map(&[
            ("TEAMCITY_VERSION", "2025.07 (build 12345)"),
            ("TEAMCITY_PROJECT_NAME", "App"),
            ("TEAMCITY_BUILDCONF_NAME", "Unit tests"),
            ("BUILD_NUMBER", "140"),
            ("BUILD_VCS_NUMBER", "abcdef99"),
        ]);
        assert_eq!(
            json(&info),
            serde_json::json!({
                "provider": "teamcity",
                "runId": "140",
                "job": "Unit tests",
                "workflow": "App",
                "commit": "abcdef99",
            })
        );
    }

    #[test]
    fn aws_codebuild() {
        let id = "codebuild-demo-project:b1e6661e-e4f2-4156-9ab9-82a19EXAMPLE";
        let info = detect_map(&[
            ("CODEBUILD_BUILD_ID", id),
            (
                "CODEBUILD_BUILD_ARN",
                "arn:aws:codebuild:us-east-1:123456789012:build/codebuild-demo-project:b1e6661e-e4f2-4156-9ab9-82a19EXAMPLE",
            ),
            ("CODEBUILD_BUILD_NUMBER", "5"),
            ("CODEBUILD_SOURCE_REPO_URL", "https://github.com/acme/app"),
            ("CODEBUILD_RESOLVED_SOURCE_VERSION", "1234abcd"),
            ("CODEBUILD_WEBHOOK_TRIGGER", "pr/19"),
            ("CODEBUILD_WEBHOOK_HEAD_REF", "refs/heads/topic"),
            ("CODEBUILD_INITIATOR", "GitHub-Hookshot/abc"),
            ("CODEBUILD_KMS_KEY_ID", "arn:aws:kms:us-east-1:1:key/secret"),
        ]);
        let m = &info.meta;
        assert_eq!(info.provider, Provider::AwsCodeBuild);
        assert_eq!(m.run_id.as_deref(), Some(id));
        assert_eq!(m.run_number.as_deref(), Some("5"));
        assert_eq!(m.repository.as_deref(), Some("https://github.com/acme/app"));
        assert_eq!(m.commit.as_deref(), Some("1234abcd"));
        assert_eq!(m.pull_request.as_deref(), Some("19"));
        assert_eq!(m.branch.as_deref(), Some("topic"));
        assert_eq!(m.actor.as_deref(), Some("GitHub-Hookshot/abc"));
        assert_eq!(
            m.url.as_deref(),
            Some("https://us-east-1.console.aws.amazon.com/codesuite/codebuild/123456789012/projects/codebuild-demo-project/build/codebuild-demo-project%3Ab1e6661e-e4f2-4156-9ab9-82a19EXAMPLE/?region=us-east-1")
        );
        assert!(!json(&info).to_string().contains("kms"));
    }

    #[test]
    fn google_cloud_build() {
        let info = detect_map(&[
            ("BUILD_ID", "7f3e0c2a-0000-4000-8000-000000000007"),
            ("PROJECT_ID", "my-proj"),
            ("LOCATION", "europe-west1"),
            ("TRIGGER_NAME", "push-main"),
            ("REPO_FULL_NAME", "acme/app"),
            ("COMMIT_SHA", "77aa88bb"),
            ("BRANCH_NAME", "main"),
        ]);
        assert_eq!(
            json(&info),
            serde_json::json!({
                "provider": "google-cloud-build",
                "runId": "7f3e0c2a-0000-4000-8000-000000000007",
                "workflow": "push-main",
                "repository": "acme/app",
                "commit": "77aa88bb",
                "branch": "main",
                "url": "https://console.cloud.google.com/cloud-build/builds;region=europe-west1/7f3e0c2a-0000-4000-8000-000000000007?project=my-proj",
            })
        );
    }

    #[test]
    fn jenkins_wins_over_cloud_build_on_build_id() {
        let info = detect_map(&[
            ("JENKINS_URL", "https://ci/"),
            ("BUILD_ID", "3"),
            ("PROJECT_ID", "x"),
        ]);
        assert_eq!(info.provider, Provider::Jenkins);
    }

    #[test]
    fn strip_userinfo_cases() {
        assert_eq!(
            strip_userinfo("https://u:p@h.example/a/b.git"),
            "https://h.example/a/b.git"
        );
        assert_eq!(strip_userinfo("https://h/a@b"), "https://h/a@b");
        assert_eq!(
            strip_userinfo("git@github.com:o/r.git"),
            "git@github.com:o/r.git"
        );
    }

    // --- export -------------------------------------------------------

    #[test]
    fn mechanism_per_provider() {
        let m = env_of(&[("GITHUB_ENV", "/w/env"), ("BASH_ENV", "/w/bash")]);
        let l = |k: &str| m.get(k).cloned();
        assert_eq!(
            export_mechanism(Some(Provider::GithubActions), &l),
            ExportMechanism::GithubEnv("/w/env".into())
        );
        assert_eq!(
            export_mechanism(Some(Provider::CircleCi), &l),
            ExportMechanism::BashEnv("/w/bash".into())
        );
        assert_eq!(
            export_mechanism(Some(Provider::AzurePipelines), &l),
            ExportMechanism::AzureLoggingCommand
        );
        assert_eq!(
            export_mechanism(Some(Provider::GitlabCi), &l),
            ExportMechanism::Unsupported(Some(Provider::GitlabCi))
        );
        assert_eq!(
            export_mechanism(None, &l),
            ExportMechanism::Unsupported(None)
        );
        let empty = |_: &str| None;
        assert_eq!(
            export_mechanism(Some(Provider::GithubActions), &empty),
            ExportMechanism::Unsupported(Some(Provider::GithubActions))
        );
    }

    #[test]
    fn github_env_is_appended_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("github_env");
        std::fs::write(&path, "EARLIER=1\n").unwrap();
        let mech = ExportMechanism::GithubEnv(path.clone());
        let mut stdout = Vec::new();
        let got = export_vars(
            &mech,
            &[
                ("AURALOG_FLOW_ID", "f-123"),
                ("AURALOG_TRACE_ID", "t-456"),
                ("AURALOG_FLOW_NAME", "two\nlines"),
            ],
            &mut stdout,
        )
        .unwrap();
        assert_eq!(got, ExportOutcome::Appended(path.clone()));
        export_vars(&mech, &[("AURALOG_STEP", "2")], &mut stdout).unwrap();
        assert!(stdout.is_empty());
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "EARLIER=1\nAURALOG_FLOW_ID=f-123\nAURALOG_TRACE_ID=t-456\n\
             AURALOG_FLOW_NAME<<AURALOG_EOF\ntwo\nlines\nAURALOG_EOF\nAURALOG_STEP=2\n"
        );
    }

    #[test]
    fn bash_env_is_appended_and_quoted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bash_env");
        let mech = ExportMechanism::BashEnv(path.clone());
        let mut stdout = Vec::new();
        export_vars(
            &mech,
            &[
                ("AURALOG_FLOW_ID", "f-1"),
                ("AURALOG_FLOW_NAME", "it's $HOME"),
            ],
            &mut stdout,
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "export AURALOG_FLOW_ID='f-1'\nexport AURALOG_FLOW_NAME='it'\\''s $HOME'\n"
        );
    }

    #[test]
    fn azure_prints_logging_commands() {
        let mut stdout = Vec::new();
        let got = export_vars(
            &ExportMechanism::AzureLoggingCommand,
            &[("AURALOG_FLOW_ID", "f-1"), ("AURALOG_FLOW_NAME", "50%\nx")],
            &mut stdout,
        )
        .unwrap();
        assert_eq!(got, ExportOutcome::Printed);
        assert_eq!(
            String::from_utf8(stdout).unwrap(),
            "##vso[task.setvariable variable=AURALOG_FLOW_ID]f-1\n\
             ##vso[task.setvariable variable=AURALOG_FLOW_NAME]50%AZP25%0Ax\n"
        );
    }

    #[test]
    fn unsupported_does_nothing_and_bad_names_fail() {
        let mut stdout = Vec::new();
        let got = export_vars(
            &ExportMechanism::Unsupported(Some(Provider::GitlabCi)),
            &[("AURALOG_FLOW_ID", "f")],
            &mut stdout,
        )
        .unwrap();
        assert_eq!(got, ExportOutcome::Unsupported(Some(Provider::GitlabCi)));
        assert!(stdout.is_empty());
        let err = export_vars(
            &ExportMechanism::AzureLoggingCommand,
            &[("BAD]NAME", "x")],
            &mut stdout,
        )
        .unwrap_err();
        assert!(err.to_string().contains("BAD]NAME"), "{err}");
        assert!(stdout.is_empty());
    }

    // --- summary ------------------------------------------------------

    fn sample_summary() -> FlowSummary {
        FlowSummary {
            name: "deploy | prod".into(),
            flow_id: "0d3f-flow".into(),
            trace_id: "4bf92f3577b34da6a3ce929d0e0e4736".into(),
            outcome: "failure".into(),
            total: Some(Duration::from_millis(125_400)),
            steps: vec![
                SummaryStep {
                    index: 1,
                    message: "build *image*".into(),
                    level: "info".into(),
                    since_previous: Some(Duration::from_millis(850)),
                },
                SummaryStep {
                    index: 2,
                    message: "push failed | retry\n<script>".into(),
                    level: "error".into(),
                    since_previous: Some(Duration::from_millis(12_340)),
                },
            ],
        }
    }

    #[test]
    fn summary_renders_escaped_table() {
        let md = render_flow_summary(&sample_summary());
        let expected = "### auralog flow: deploy \\| prod\n\n\
| | |\n|---|---|\n\
| Outcome | failure |\n\
| Flow id | `0d3f-flow` |\n\
| Trace id | `4bf92f3577b34da6a3ce929d0e0e4736` |\n\
| Duration | 2m 05s |\n\
| Steps | 2 |\n\n\
| # | Message | Level | Since previous |\n\
|---:|---|---|---:|\n\
| 1 | build \\*image\\* | info | 850 ms |\n\
| 2 | push failed \\| retry \\<script\\> | error | 12.3 s |\n";
        assert_eq!(md, expected);
        // Every table row has exactly its column separators (escaped pipes
        // don't count).
        for line in md
            .lines()
            .filter(|l| l.starts_with("| 1 ") || l.starts_with("| 2 "))
        {
            let unescaped = line.replace("\\|", "");
            assert_eq!(unescaped.matches('|').count(), 5, "{line}");
        }
    }

    #[test]
    fn summary_truncates_long_messages_and_many_steps() {
        let mut s = sample_summary();
        s.steps = (1..=SUMMARY_ROWS_MAX as u64 + 3)
            .map(|i| SummaryStep {
                index: i,
                message: "x".repeat(500),
                level: "info".into(),
                since_previous: None,
            })
            .collect();
        let md = render_flow_summary(&s);
        assert!(md.contains(&format!("| 1 | {}… | info | - |", "x".repeat(200))));
        assert!(md.contains("\n3 more steps not shown.\n"));
        assert!(!md.contains(&format!("| {} |", SUMMARY_ROWS_MAX + 1)));
    }

    #[test]
    fn summary_is_appended_to_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("step_summary.md");
        std::fs::write(&path, "# Earlier step\n").unwrap();
        let md = render_flow_summary(&sample_summary());
        append_step_summary(&path, &md).unwrap();
        let got = std::fs::read_to_string(&path).unwrap();
        assert_eq!(got, format!("# Earlier step\n{md}\n"));
    }

    #[test]
    fn step_summary_path_only_on_github() {
        let m = env_of(&[("GITHUB_STEP_SUMMARY", "/w/summary")]);
        let l = |k: &str| m.get(k).cloned();
        assert_eq!(
            step_summary_path(Some(Provider::GithubActions), &l),
            Some(PathBuf::from("/w/summary"))
        );
        assert_eq!(step_summary_path(Some(Provider::CircleCi), &l), None);
    }

    #[test]
    fn durations() {
        assert_eq!(format_duration(Duration::from_millis(0)), "0 ms");
        assert_eq!(format_duration(Duration::from_millis(999)), "999 ms");
        assert_eq!(format_duration(Duration::from_secs(1)), "1.0 s");
        assert_eq!(format_duration(Duration::from_secs(61)), "1m 01s");
        assert_eq!(format_duration(Duration::from_secs(3_725)), "1h 02m");
    }

    // --- annotations --------------------------------------------------

    #[test]
    fn annotation_escapes_per_github_rules() {
        assert_eq!(
            warning_annotation("100% done\r\nnext line", None),
            "::warning title=auralog::100%25 done%0D%0Anext line"
        );
        // '%' is escaped first, so an existing "%0A" is not taken as a newline.
        assert_eq!(escape_command_data("%0A"), "%250A");
    }

    #[test]
    fn annotation_never_contains_the_key() {
        let key = "ak_live_%0Asecret";
        let msg = format!("key {key} rejected (401); again: {key}");
        let a = warning_annotation(&msg, Some(key));
        assert_eq!(
            a,
            "::warning title=auralog::key *** rejected (401); again: ***"
        );
        assert!(!a.contains("secret"));
        assert!(!a.contains(&escape_command_data(key)));
        assert_eq!(
            warning_annotation("x", Some("")),
            "::warning title=auralog::x"
        );
    }

    #[test]
    fn annotation_masks_every_registered_secret() {
        // A secret given but not chosen (say, a second key in a config file)
        // is masked in stderr lines; an annotation must not show it either.
        crate::output::register_secret("ak_other_0123456789abcdef");
        let a = warning_annotation("bad ak_other_0123456789abcdef here", None);
        assert!(!a.contains("ak_other_0123456789abcdef"), "{a}");
        assert!(a.contains("cdef"), "{a}");
    }

    #[test]
    fn github_run_from_env() {
        let m = env_of(&[
            ("GITHUB_ACTIONS", "true"),
            ("GITHUB_RUN_ID", "55"),
            ("GITHUB_RUN_ATTEMPT", "3"),
        ]);
        assert_eq!(
            github_run(&|k| m.get(k).cloned()),
            Some(GithubRun {
                run_id: "55".into(),
                attempt: "3".into()
            })
        );
        let m = env_of(&[("GITHUB_RUN_ID", "55")]);
        assert_eq!(github_run(&|k| m.get(k).cloned()), None);
    }

    #[test]
    fn annotation_once_per_run_and_kind() {
        let dir = tempfile::tempdir().unwrap();
        let run = GithubRun {
            run_id: "55".into(),
            attempt: "1".into(),
        };
        let mut out = Vec::new();
        let key = Some("ak_123");
        assert!(github_warning_once(
            &mut out,
            dir.path(),
            &run,
            "spooled",
            "3 entries spooled",
            key
        )
        .unwrap());
        assert!(!github_warning_once(
            &mut out,
            dir.path(),
            &run,
            "spooled",
            "3 entries spooled",
            key
        )
        .unwrap());
        assert!(github_warning_once(
            &mut out,
            dir.path(),
            &run,
            "key-rejected",
            "key ak_123 rejected",
            key
        )
        .unwrap());
        let rerun = GithubRun {
            attempt: "2".into(),
            ..run.clone()
        };
        assert!(
            github_warning_once(&mut out, dir.path(), &rerun, "spooled", "again", key).unwrap()
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::warning title=auralog::3 entries spooled\n\
             ::warning title=auralog::key *** rejected\n\
             ::warning title=auralog::again\n"
        );
    }

    #[test]
    fn once_per_run_holds_across_threads() {
        let dir = tempfile::tempdir().unwrap();
        let run = GithubRun {
            run_id: "9".into(),
            attempt: "1".into(),
        };
        let wins: usize = std::thread::scope(|s| {
            let hs: Vec<_> = (0..16)
                .map(|_| s.spawn(|| claim_once_per_run(dir.path(), &run, "spooled").unwrap()))
                .collect();
            hs.into_iter().map(|h| h.join().unwrap() as usize).sum()
        });
        assert_eq!(wins, 1);
    }
}
