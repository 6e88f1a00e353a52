//! A good shell citizen: the checked-in completions and man pages match the
//! binary, the completion scripts load in their shells and offer the
//! subcommands, the man pages render, every command's --help has examples,
//! and --verbose, --quiet, --color and NO_COLOR do what they say.
//!
//! Shells and man tools that are not installed are skipped with a message
//! (a failure under AURALOG_TEST_REQUIRE_ALL=1, see tests/support).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use clap::CommandFactory;

use auralog::commands::assets;

use crate::support::{bin, dead_url, have, need, run_cmd, skip, Env, Receiver};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every visible command path: `[]`, `["log"]`, `["config"]`, `["config", "init"]`, ...
fn command_paths() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(path.clone());
        for sub in cmd.get_subcommands() {
            if sub.is_hide_set() || sub.get_name() == "help" {
                continue;
            }
            let mut p = path.clone();
            p.push(sub.get_name().to_string());
            walk(sub, p, out);
        }
    }
    let mut out = Vec::new();
    walk(&auralog::cli::Cli::command(), Vec::new(), &mut out);
    out
}

/// The names of the visible subcommands of the command at `path`.
fn subcommands_of(path: &[&str]) -> Vec<String> {
    let mut cmd = auralog::cli::Cli::command();
    for p in path {
        cmd = cmd.find_subcommand(p).expect("known subcommand").clone();
    }
    cmd.get_subcommands()
        .filter(|s| !s.is_hide_set())
        .map(|s| s.get_name().to_string())
        .collect()
}

#[test]
fn generated_assets_match_the_binary() {
    let root = repo();
    let mut stale: Vec<String> = Vec::new();
    let generated = assets::all();
    for a in &generated {
        match std::fs::read(root.join(&a.path)) {
            Ok(bytes) if bytes == a.bytes => {}
            Ok(_) => stale.push(format!("{} differs", a.path)),
            Err(_) => stale.push(format!("{} is missing", a.path)),
        }
    }
    for d in assets::DIRS {
        for entry in std::fs::read_dir(root.join(d)).expect("the directory exists") {
            let name = format!("{d}/{}", entry.unwrap().file_name().to_string_lossy());
            if !generated.iter().any(|a| a.path == name) {
                stale.push(format!("{name} is no longer generated"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "completions/ and man/ are out of date with the binary:\n  {}\nRegenerate them with: {}",
        stale.join("\n  "),
        assets::REGENERATE
    );

    // And the binary prints exactly the checked-in scripts.
    let env = Env::new();
    for shell in assets::SHELLS {
        let name = shell.to_string();
        let out = env.run(&["completions", &name]);
        out.expect_code(0);
        let file = generated
            .iter()
            .find(|a| a.path.starts_with("completions/") && a.bytes == out.stdout.as_bytes())
            .map(|a| a.path.clone());
        assert!(
            file.is_some(),
            "`auralog completions {name}` differs from every file in completions/; run {}",
            assets::REGENERATE
        );
    }
}

#[test]
fn clap_usage_errors_carry_the_auralog_prefix_and_a_close_suggestion() {
    let env = Env::new();
    for args in [
        &["lgo"][..],
        &["--bogus", "log", "x"],
        &["completions", "tcsh"],
        &["log"],
        &["config", "sett"],
    ] {
        let out = env.run(args);
        out.expect_code(2);
        assert!(
            out.stderr.starts_with("auralog: error: "),
            "{args:?}: {}",
            out.stderr
        );
        assert!(out.stderr.contains("--help"), "{}", out.stderr);
        assert_eq!(out.stdout, "", "{args:?}");
    }
    // A swap of two letters is one typo: `lgo` is `log`, not `flow`.
    let out = env.run(&["lgo"]);
    assert!(
        out.stderr.contains("a similar subcommand exists: 'log'"),
        "{}",
        out.stderr
    );
    let out = env.run(&["config", "sett"]);
    assert!(
        out.stderr.contains("a similar subcommand exists: 'set'"),
        "{}",
        out.stderr
    );
    let out = env.run(&["trace", "nwe"]);
    assert!(out.stderr.contains("'new'"), "{}", out.stderr);
    // --help and --version stay on stdout with exit 0.
    let out = env.run(&["--version"]);
    out.expect_code(0);
    assert!(out.stdout.starts_with("auralog "), "{}", out.stdout);
    assert_eq!(out.stderr, "");
}

#[test]
fn version_names_the_git_commit_it_was_built_from() {
    let out = Env::new().run(&["--version"]);
    out.expect_code(0);
    let head = std::process::Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(repo())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    match head {
        Some(commit) => assert_eq!(
            out.stdout.trim(),
            format!("auralog {} (commit {commit})", env!("CARGO_PKG_VERSION"))
        ),
        // Not a git checkout (a source tarball): the bare version.
        None => assert_eq!(
            out.stdout.trim(),
            format!("auralog {}", env!("CARGO_PKG_VERSION"))
        ),
    }
}

#[test]
fn completions_for_an_unknown_shell_is_a_usage_error() {
    let out = Env::new().run(&["completions", "tcsh"]);
    out.expect_code(2);
    assert!(out.stderr.contains("bash"), "{}", out.stderr);
}

#[test]
fn completions_survive_a_closed_stdout() {
    let mut child = Command::new(bin())
        .args(["completions", "zsh"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
}

/// Run bash's completion function for `words` (the last one being completed).
fn bash_complete(script: &Path, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let prog = format!(
        "source '{}' || exit 9; complete -p auralog || exit 8; \
         COMP_WORDS=({}); COMP_CWORD={}; \
         _auralog auralog '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        quoted.join(" "),
        words.len() - 1,
        words[words.len() - 1],
        words[words.len() - 2],
    );
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &prog])
        .output()
        .expect("run bash");
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "bash: {}\n{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.starts_with("complete ") && stdout.contains("_auralog auralog"),
        "{stdout}"
    );
    stdout.lines().skip(1).map(str::to_string).collect()
}

#[test]
fn bash_completion_loads_and_offers_the_subcommands() {
    if !need("bash", "bash completion not loaded") {
        return;
    }
    let env = Env::new();
    let script = env.path("auralog.bash");
    let out = env.run(&["completions", "bash"]);
    out.expect_code(0);
    std::fs::write(&script, &out.stdout).unwrap();

    let offered = bash_complete(&script, &["auralog", ""]);
    for sub in subcommands_of(&[]) {
        assert!(offered.contains(&sub), "{sub} not offered: {offered:?}");
    }
    assert!(offered.contains(&"--verbose".to_string()), "{offered:?}");
    assert!(
        !offered.iter().any(|o| o.contains("generate")),
        "{offered:?}"
    );

    let offered = bash_complete(&script, &["auralog", "config", ""]);
    for sub in subcommands_of(&["config"]) {
        assert!(
            offered.contains(&sub),
            "config {sub} not offered: {offered:?}"
        );
    }
    let offered = bash_complete(&script, &["auralog", "completions", ""]);
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        assert!(offered.contains(&shell.to_string()), "{offered:?}");
    }
    let offered = bash_complete(&script, &["auralog", "--color", ""]);
    assert_eq!(offered, ["auto", "always", "never"]);
}

/// What fish offers for `line` (`complete -C`), after loading the checked-in
/// script; loading it must print nothing on stderr.
fn fish_complete(line: &str) -> Vec<String> {
    let script = repo().join("completions/auralog.fish");
    let out = Command::new("fish")
        .args([
            "--no-config",
            "-c",
            &format!("source '{}'; complete -C '{line}'", script.display()),
        ])
        .output()
        .expect("run fish");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && err.is_empty(), "fish: {err}");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split('\t').next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn fish_completion_offers_the_subcommands() {
    if !need("fish", "fish completion not loaded") {
        return;
    }
    let offered = fish_complete("auralog ");
    for sub in subcommands_of(&[]) {
        assert!(offered.contains(&sub), "{sub} not offered: {offered:?}");
    }
    let offered = fish_complete("auralog config ");
    for sub in subcommands_of(&["config"]) {
        assert!(offered.contains(&sub), "config {sub}: {offered:?}");
    }
}

#[test]
fn zsh_completion_loads_and_lists_the_subcommands() {
    if !need("zsh", "zsh completion not loaded") {
        return;
    }
    let script = repo().join("completions/_auralog");
    // compinit registers the function; _describe is replaced by a printer of
    // the list it is given, to see what each level would offer.
    let parents: Vec<Vec<String>> = command_paths()
        .into_iter()
        .filter(|p| {
            let p: Vec<&str> = p.iter().map(String::as_str).collect();
            !subcommands_of(&p).is_empty()
        })
        .collect();
    let mut prog = format!(
        "autoload -Uz compinit && compinit -u -D; source '{}'; \
         print -r -- \"registered=${{_comps[auralog]}}\"; \
         _describe() {{ print -rl -- \"${{(@P)4}}\" }}; ",
        script.display()
    );
    for p in &parents {
        let f: String = p.iter().map(|s| format!("__subcmd__{s}")).collect();
        prog.push_str(&format!(
            "print -- '== {}'; _auralog{f}_commands; ",
            p.join(" ")
        ));
    }
    let out = Command::new("zsh")
        .args(["-f", "-c", &prog])
        .output()
        .expect("run zsh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}\n{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("registered=_auralog"), "{stdout}");
    for p in &parents {
        let offered: Vec<&str> = stdout
            .split(&format!("== {}\n", p.join(" ")))
            .nth(1)
            .unwrap_or("")
            .lines()
            .take_while(|l| !l.starts_with("== "))
            .filter_map(|l| l.split(':').next())
            .collect();
        let p: Vec<&str> = p.iter().map(String::as_str).collect();
        for sub in subcommands_of(&p) {
            assert!(offered.contains(&sub.as_str()), "{p:?} {sub}: {stdout}");
        }
    }
}

#[test]
fn powershell_and_elvish_scripts_name_every_subcommand() {
    // Neither shell is on a usual CI machine; the drift test pins the bytes,
    // this checks the scripts cover every command path.
    for (file, runner) in [
        ("completions/_auralog.ps1", "pwsh"),
        ("completions/auralog.elv", "elvish"),
    ] {
        let text = std::fs::read_to_string(repo().join(file)).unwrap();
        for path in command_paths().into_iter().filter(|p| !p.is_empty()) {
            let joined = format!("auralog;{}", path.join(";"));
            assert!(text.contains(&joined), "{file} lacks {joined}");
        }
        // Not a skip: no test loads these two, installed or not.
        eprintln!("note: {file} is checked by its text only, not loaded in {runner}");
    }
}

#[test]
fn man_pages_render_with_their_sections() {
    let pages: Vec<PathBuf> = assets::man_pages()
        .into_iter()
        .map(|(name, _)| repo().join("man").join(name))
        .collect();
    let names: Vec<String> = pages
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    for path in command_paths() {
        let page = if path.is_empty() {
            "auralog.1".to_string()
        } else {
            format!("auralog-{}.1", path.join("-"))
        };
        assert!(names.contains(&page), "no man page {page}");
    }
    let render: Option<(&str, Vec<&str>)> = if have("man") {
        Some(("man", vec!["-l"]))
    } else if have("groff") {
        Some(("groff", vec!["-man", "-Tutf8"]))
    } else {
        None
    };
    let Some((tool, args)) = render else {
        return skip("neither man nor groff is installed: man pages not rendered");
    };
    for page in &pages {
        let out = Command::new(tool)
            .args(&args)
            .arg(page)
            .env("MANPAGER", "cat")
            .env("PAGER", "cat")
            .env("MANWIDTH", "100")
            .env("LANG", "C.UTF-8")
            .output()
            .expect("run the man page renderer");
        let text = String::from_utf8_lossy(&out.stdout);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{tool} {}: {err}", page.display());
        assert!(
            !err.contains("warning") && !err.contains("error"),
            "{}: {err}",
            page.display()
        );
        for section in [
            "NAME",
            "SYNOPSIS",
            "DESCRIPTION",
            "EXAMPLES",
            "EXIT STATUS",
            "ENVIRONMENT",
            "FILES",
        ] {
            assert!(
                text.lines().any(|l| l.trim_end() == section),
                "{} has no {section} section:\n{text}",
                page.display()
            );
        }
        assert!(text.contains("config.toml"), "{}", page.display());
        assert!(text.contains("spool"), "{}", page.display());
    }
    // The top page documents every exit code and the global options.
    let out = Command::new(tool)
        .args(&args)
        .arg(repo().join("man/auralog.1"))
        .env("MANWIDTH", "100")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for code in ["65", "75", "77", "78", "130", "143"] {
        assert!(
            text.lines().any(|l| l.trim_start().starts_with(code)),
            "exit code {code} missing"
        );
    }
    for opt in ["--strict", "--verbose", "--quiet", "--color", "--profile"] {
        assert!(text.contains(opt), "{opt} missing");
    }
}

#[test]
fn every_command_help_has_a_summary_a_description_and_examples() {
    let env = Env::new();
    let root = auralog::cli::Cli::command();
    for path in command_paths() {
        let mut cmd = root.clone();
        for p in &path {
            cmd = cmd.find_subcommand(p).unwrap().clone();
        }
        let name = format!("auralog {}", path.join(" "));
        let about = cmd.get_about().map(|s| s.to_string()).unwrap_or_default();
        assert!(!about.trim().is_empty(), "{name}: no one-line summary");
        assert!(!about.contains('\n'), "{name}: summary is not one line");
        let long = cmd
            .get_long_about()
            .map(|s| s.to_string())
            .unwrap_or_default();
        assert!(
            long.trim().len() > about.trim().len(),
            "{name}: no description beyond the summary"
        );

        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let out = env.run(&args);
        out.expect_code(0);
        assert!(
            out.stdout.starts_with(about.trim()),
            "{name} --help:\n{}",
            out.stdout
        );
        let examples =
            out.stdout.split("\nExamples:\n").nth(1).unwrap_or_else(|| {
                panic!("{name} --help has no Examples section:\n{}", out.stdout)
            });
        let lines: Vec<&str> = examples
            .lines()
            .take_while(|l| l.starts_with("  "))
            .collect();
        assert!(!lines.is_empty(), "{name}: empty Examples section");
        for l in lines {
            assert!(
                l.contains("auralog "),
                "{name}: example is not an auralog invocation: {l}"
            );
        }
        // Usage is stdout, exit 0; `-h` is the short form of the same.
        args.pop();
        args.push("-h");
        env.run(&args).expect_code(0);
    }
}

#[test]
fn top_level_help_lists_every_command_and_exit_code() {
    let out = Env::new().run(&["--help"]);
    out.expect_code(0);
    for sub in subcommands_of(&[]) {
        assert!(out.stdout.contains(&format!("\n  {sub} ")), "{sub}");
    }
    for code in ["65", "75", "77", "78", "130/143"] {
        assert!(out.stdout.contains(code), "{code}");
    }
    // The top-level help lists every global option, under its own heading.
    let (_, global) = out
        .stdout
        .split_once("Global options:")
        .expect("a Global options heading");
    for k in auralog::settings::KEYS {
        assert!(global.contains(&k.long()), "{} in auralog --help", k.long());
    }
}

#[test]
fn a_command_help_shows_its_own_options_and_one_line_for_the_global_ones() {
    let env = Env::new();
    for path in command_paths().into_iter().filter(|p| !p.is_empty()) {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        let name = format!("auralog {}", path.join(" "));
        for flag in ["--help", "-h"] {
            args.push(flag);
            let out = env.run(&args);
            out.expect_code(0);
            args.pop();
            let (own, rest) = out
                .stdout
                .split_once("Global options (")
                .unwrap_or_else(|| {
                    panic!(
                        "{name} {flag}: no pointer to the global options:\n{}",
                        out.stdout
                    )
                });
            assert!(rest.contains("`auralog help settings`"), "{name} {flag}");
            // No option line for a global one (prose may name them).
            let option_lines: Vec<&str> = out
                .stdout
                .lines()
                .map(str::trim_start)
                .filter(|l| l.starts_with('-'))
                .collect();
            for long in [
                "--flush-interval <",
                "--retry-budget <",
                "--spool-dir <",
                "--color <",
                "--endpoint <",
            ] {
                assert!(
                    !option_lines.iter().any(|l| l.contains(long)),
                    "{name} {flag} lists {long}:\n{}",
                    out.stdout
                );
            }
            assert!(!own.contains("Global options:"), "{name} {flag}");
        }
    }
    // Short: `completions --help` was 88 lines with the globals.
    let out = env.run(&["completions", "--help"]);
    assert!(out.stdout.lines().count() < 40, "{}", out.stdout);
    // Own options come first, then the pointer, then the examples.
    let out = env.run(&["log", "--help"]);
    let at = |s: &str| out.stdout.find(s).unwrap_or_else(|| panic!("{s}"));
    assert!(at("--level") < at("Global options (") && at("Global options (") < at("Examples:"));
    // The globals still work after the command's name.
    let out = env.run(&["log", "--dry-run", "hi", "-e", "staging"]);
    out.expect_code(0);
    assert!(
        out.stdout.contains(r#""environment":"staging""#),
        "{}",
        out.stdout
    );
}

#[test]
fn help_settings_lists_every_global_option() {
    let out = Env::new().run(&["help", "settings"]);
    out.expect_code(0);
    assert!(out.stdout.contains("AURALOG_<NAME>"), "{}", out.stdout);
    for k in auralog::settings::KEYS {
        assert!(
            out.stdout.contains(&k.long()),
            "{} missing:\n{}",
            k.long(),
            out.stdout
        );
    }
    for long in ["--config", "--verbose", "--quiet", "--color"] {
        assert!(out.stdout.contains(long), "{long}");
    }
    assert!(!out.stdout.contains("--dry-run"), "a command's own option");
}

const KEY: &str = "aura_test_0123456789abcdef";

#[test]
fn verbose_shows_url_status_size_and_time_but_never_the_key() {
    let env = Env::new();
    let r = Receiver::ok();
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", r.url())
        .env("AURALOG_API_KEY", KEY)
        .args(["-v", "log", "hello"]);
    let out = run_cmd(&mut cmd, None);
    out.expect_code(0);
    let line = out
        .stderr
        .lines()
        .find(|l| l.contains("POST "))
        .unwrap_or_else(|| panic!("no request line:\n{}", out.stderr));
    assert!(
        line.contains(&format!("POST {}/v1/logs -> 200 (", r.url())),
        "{line}"
    );
    let bytes = r.requests()[0].wire_len;
    assert!(line.contains(&format!("{bytes} bytes")), "{line}");
    assert!(line.trim_end().ends_with(" ms)"), "{line}");
    assert!(!out.stderr.contains(KEY), "{}", out.stderr);
    assert!(!out.stderr.contains("cdef"), "{}", out.stderr);

    // A failed attempt is traced too, still without the key.
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", dead_url())
        .env("AURALOG_API_KEY", KEY)
        .env("AURALOG_RETRY_BUDGET", "0")
        .args(["--verbose", "log", "hello"]);
    let out = run_cmd(&mut cmd, None);
    out.expect_code(0);
    assert!(
        out.stderr.contains("POST http://127.0.0.1:"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains(KEY));

    // Without -v there is no trace.
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", r.url())
        .env("AURALOG_API_KEY", KEY)
        .args(["log", "hello"]);
    let out = run_cmd(&mut cmd, None);
    out.expect_code(0);
    assert!(!out.stderr.contains("POST"), "{}", out.stderr);
}

#[test]
fn quiet_hides_warnings_but_not_errors() {
    let env = Env::new();
    let mut cmd = env.cmd();
    cmd.env("AURALOG_ENDPOINT", dead_url())
        .env("AURALOG_RETRY_BUDGET", "0")
        .args(["-q", "log", "x"]);
    let out = run_cmd(&mut cmd, None);
    out.expect_code(0);
    assert_eq!(out.stderr, "", "quiet: {}", out.stderr);

    cmd.arg("--strict");
    let out = run_cmd(&mut cmd, None);
    out.expect_code(75);
    assert!(out.stderr.contains("auralog: error: "), "{}", out.stderr);
    assert!(!out.stderr.contains("warning"), "{}", out.stderr);
}

/// A command whose stderr has a warning: a bad environment value.
fn warning_cmd(env: &Env, color: &[&str]) -> Command {
    let mut cmd = env.cmd();
    cmd.env("AURALOG_FLUSH_INTERVAL", "soon")
        .args(color)
        .args(["config", "path"]);
    cmd
}

#[test]
fn color_flag_and_no_color() {
    let env = Env::new();
    // Env::cmd sets NO_COLOR=1: --color always still wins, as the flag is explicit.
    let out = run_cmd(&mut warning_cmd(&env, &["--color", "always"]), None);
    out.expect_code(0);
    assert!(
        out.stderr.contains("\x1b[1;33mwarning\x1b[0m"),
        "{:?}",
        out.stderr
    );
    let out = run_cmd(&mut warning_cmd(&env, &["--color", "never"]), None);
    assert!(
        out.stderr.contains("auralog: warning: "),
        "{:?}",
        out.stderr
    );
    assert!(!out.stderr.contains('\x1b'));
    // auto: not a terminal here, so no colour.
    let mut cmd = warning_cmd(&env, &[]);
    cmd.env_remove("NO_COLOR");
    let out = run_cmd(&mut cmd, None);
    assert!(!out.stderr.contains('\x1b'), "{:?}", out.stderr);
    // An invalid choice is a usage error.
    env.run(&["--color", "sometimes", "config", "path"])
        .expect_code(2);
}

#[test]
fn color_auto_on_a_terminal_honours_no_color() {
    if !need("script", "no pseudo-terminal for the colour test") {
        return;
    }
    let env = Env::new();
    let run = |no_color: Option<&str>| {
        // script(1) gives auralog a pseudo-terminal for stdout and stderr.
        let inner = format!(
            "AURALOG_FLUSH_INTERVAL=soon {} config path",
            bin().display()
        );
        let mut cmd = env.cmd();
        cmd.env_remove("NO_COLOR").env("TERM", "xterm");
        if let Some(v) = no_color {
            cmd.env("NO_COLOR", v);
        }
        let mut cmd2 = Command::new("script");
        cmd2.args(["-qec", &inner, "/dev/null"]);
        for (k, v) in cmd.get_envs() {
            match v {
                Some(v) => cmd2.env(k, v),
                None => cmd2.env_remove(k),
            };
        }
        cmd2.env_remove("NO_COLOR");
        if let Some(v) = no_color {
            cmd2.env("NO_COLOR", v);
        }
        run_cmd(&mut cmd2, None)
    };
    let out = run(None);
    out.expect_code(0);
    assert!(out.stdout.contains("\x1b[1;33mwarning"), "{:?}", out.stdout);
    let out = run(Some("1"));
    out.expect_code(0);
    assert!(out.stdout.contains("warning"), "{:?}", out.stdout);
    assert!(!out.stdout.contains('\x1b'), "{:?}", out.stdout);
}

#[test]
fn readme_documents_every_command_and_setting() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    for sub in subcommands_of(&[]) {
        if sub == "help" {
            continue;
        }
        assert!(
            readme.contains(&format!("### `auralog {sub}")),
            "README.md has no section for auralog {sub}"
        );
    }
    for k in auralog::settings::KEYS {
        let var = format!("`AURALOG_{}`", k.name.to_ascii_uppercase());
        assert!(
            readme.contains(&format!("| `{}` | {var} |", k.name)),
            "README.md's settings table lacks {} / {var}",
            k.name
        );
    }
}

/// The values each shell must offer, and for which command line.
fn formats() -> Vec<String> {
    use clap::ValueEnum;
    auralog::formats::Format::value_variants()
        .iter()
        .map(|f| f.name().to_string())
        .collect()
}

fn levels() -> Vec<String> {
    auralog::wire::Level::ALL
        .iter()
        .map(|l| l.as_str().to_string())
        .collect()
}

fn keys() -> Vec<String> {
    auralog::settings::KEYS
        .iter()
        .map(|k| k.name.to_string())
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v.dedup();
    v
}

/// Words in a completion list that are the repository's file names: what a
/// shell falls back to when it knows no values.
fn file_names(offered: &[String]) -> Vec<String> {
    offered
        .iter()
        .filter(|o| repo().join(o.trim_end_matches('/')).exists())
        .cloned()
        .collect()
}

#[test]
fn possible_value_help_has_no_double_quote() {
    // clap_complete writes these texts unescaped into the zsh and fish
    // scripts: a double quote breaks both (fish refuses the line, zsh splits
    // the description into values).
    fn walk(cmd: &clap::Command, name: &str, bad: &mut Vec<String>) {
        for arg in cmd.get_arguments() {
            for v in arg.get_possible_values() {
                let help = v.get_help().map(|h| h.to_string()).unwrap_or_default();
                if help.contains('"') {
                    bad.push(format!("{name} {}={}: {help}", arg.get_id(), v.get_name()));
                }
            }
        }
        for sub in cmd.get_subcommands() {
            walk(sub, &format!("{name} {}", sub.get_name()), bad);
        }
    }
    let mut bad = Vec::new();
    walk(&auralog::cli::Cli::command(), "auralog", &mut bad);
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn bash_completion_offers_formats_levels_and_config_keys() {
    if !need("bash", "bash completion not loaded") {
        return;
    }
    let script = repo().join("completions/auralog.bash");
    let offered = bash_complete(&script, &["auralog", "ingest", "--format", ""]);
    assert_eq!(sorted(offered), sorted(formats()));
    for words in [
        &["auralog", "log", "-l", ""][..],
        &["auralog", "tail-stdin", "--level", ""],
        &["auralog", "log", "--min-level", ""],
    ] {
        assert_eq!(
            sorted(bash_complete(&script, words)),
            sorted(levels()),
            "{words:?}"
        );
    }
    for sub in ["get", "set"] {
        let offered = bash_complete(&script, &["auralog", "config", sub, ""]);
        for k in keys() {
            assert!(
                offered.contains(&k),
                "config {sub}: {k} not offered: {offered:?}"
            );
        }
        assert!(file_names(&offered).is_empty(), "config {sub}: {offered:?}");
    }
}

#[test]
fn fish_completion_offers_formats_levels_and_config_keys() {
    if !need("fish", "fish completion not loaded") {
        return;
    }
    assert_eq!(
        sorted(fish_complete("auralog ingest --format ")),
        sorted(formats())
    );
    for line in [
        "auralog log -l ",
        "auralog tail-stdin --level ",
        "auralog log --min-level ",
    ] {
        assert_eq!(sorted(fish_complete(line)), sorted(levels()), "{line}");
    }
    for line in ["auralog config get ", "auralog config set "] {
        assert_eq!(sorted(fish_complete(line)), sorted(keys()), "{line}");
    }
    // The VALUE of `config set` is not a key.
    let offered = fish_complete("auralog config set api_key ");
    assert!(!offered.contains(&"api_key".to_string()), "{offered:?}");
}

/// What zsh's real completion system offers for each line: an interactive
/// zsh on a pseudo-terminal (zpty) loads compinit and the checked-in script,
/// a wrapped compadd records every match it is given, and TAB is typed.
fn zsh_complete(lines: &[&str]) -> Vec<Vec<String>> {
    let env = Env::new();
    let script = repo().join("completions/_auralog");
    let mut prog = String::from("zmodload zsh/zpty || exit 7\n");
    for (i, line) in lines.iter().enumerate() {
        let out = env.path(&format!("zsh-{i}"));
        prog.push_str(&format!(
            r#"out='{out}'; : > "$out"
zpty z zsh -f -i
zpty -w z "autoload -Uz compinit && compinit -u -D"
zpty -w z "source '{script}'"
zpty -w z 'compadd() {{ if [[ " $* " == *" -"[OAD]" "* ]]; then builtin compadd "$@"; return; fi; local -a h; builtin compadd -O h "$@"; print -rl -- $h >> '"$out"'; builtin compadd "$@"; }}'
zpty -w z "print -r -- ready > '$out.ready'"
for i in {{1..200}}; do [[ -e $out.ready ]] && break; sleep 0.05; done
zpty -w -n z $'{line}	'
for i in {{1..200}}; do [[ -s $out ]] && break; sleep 0.05; done
sleep 0.3
zpty -d z
"#,
            out = out.display(),
            script = script.display(),
        ));
    }
    let out = Command::new("zsh")
        .args(["-f", "-c", &prog])
        .output()
        .expect("run zsh");
    assert!(
        out.status.success(),
        "zsh: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (0..lines.len())
        .map(|i| {
            std::fs::read_to_string(env.path(&format!("zsh-{i}")))
                .unwrap_or_default()
                .lines()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

#[test]
fn zsh_completion_offers_formats_levels_and_config_keys() {
    if !need("zsh", "zsh completion not loaded") {
        return;
    }
    let lines = [
        "auralog ingest --format ",
        "auralog log -l ",
        "auralog tail-stdin --level ",
        "auralog log --min-level ",
        "auralog config get ",
        "auralog config set ",
    ];
    let got = zsh_complete(&lines);
    assert_eq!(sorted(got[0].clone()), sorted(formats()), "{}", lines[0]);
    for i in 1..4 {
        assert_eq!(sorted(got[i].clone()), sorted(levels()), "{}", lines[i]);
    }
    for i in 4..6 {
        assert_eq!(sorted(got[i].clone()), sorted(keys()), "{}", lines[i]);
    }
}
