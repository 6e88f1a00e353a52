//! The generated files that ship beside the binary: shell completions
//! (`completions/`) and man pages (`man/`), both made from the clap
//! definition so they cannot drift from `--help`.
//!
//! `scripts/generate-assets` (the example `generate-assets`) writes them; a
//! test compares a fresh generation, and `auralog completions SHELL`, with the
//! checked-in files. An example rather than a hidden subcommand, because
//! clap_complete would offer a hidden subcommand in the completions.
//!
//! Man pages: clap_mangen renders the name, description, options and
//! subcommands; the Examples (and other) sections of each command's
//! `after_help` become real man sections, and every page gets EXIT STATUS,
//! ENVIRONMENT, FILES and SEE ALSO.

use std::path::Path;

use anyhow::{Context, Result};
use clap::CommandFactory;
use clap_complete::{Generator, Shell};
use clap_mangen::roff::{bold, italic, roman, Roff};
use clap_mangen::Man;

use crate::cli::Cli;
use crate::settings::{self, KEYS};

/// The command that regenerates the checked-in files (named by the drift test).
pub const REGENERATE: &str = "scripts/generate-assets";

/// One generated file: its path relative to the repository root, and its bytes.
#[derive(Debug, Clone)]
pub struct Asset {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The shells `auralog completions` supports, in a fixed order.
pub const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::PowerShell,
    Shell::Elvish,
];

/// The directories the generated files live in.
pub const DIRS: [&str; 2] = ["completions", "man"];

/// Every generated file.
pub fn all() -> Vec<Asset> {
    let mut out: Vec<Asset> = SHELLS
        .iter()
        .map(|&shell| Asset {
            path: format!("completions/{}", shell.file_name("auralog")),
            bytes: super::completions::script(shell),
        })
        .collect();
    out.extend(man_pages().into_iter().map(|(name, bytes)| Asset {
        path: format!("man/{name}"),
        bytes,
    }));
    out
}

/// Write every generated file under `root` (the repository), removing files
/// of commands that no longer exist. Returns how many files were written.
pub fn write(root: &Path) -> Result<usize> {
    let assets = all();
    for d in DIRS {
        let dir = root.join(d);
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("{}: cannot create directory", dir.display()))?;
        for entry in
            std::fs::read_dir(&dir).with_context(|| format!("{}: cannot list", dir.display()))?
        {
            let entry = entry.with_context(|| format!("{}: cannot list", dir.display()))?;
            let rel = format!("{d}/{}", entry.file_name().to_string_lossy());
            if entry.path().is_file() && !assets.iter().any(|a| a.path == rel) {
                std::fs::remove_file(entry.path())
                    .with_context(|| format!("{}: cannot remove", entry.path().display()))?;
            }
        }
    }
    for a in &assets {
        let path = root.join(&a.path);
        std::fs::write(&path, &a.bytes)
            .with_context(|| format!("{}: cannot write", path.display()))?;
    }
    Ok(assets.len())
}

/// `(file name, roff)` for auralog.1 and one page per (nested) subcommand.
pub fn man_pages() -> Vec<(String, Vec<u8>)> {
    let mut root = Cli::command().disable_help_subcommand(true);
    root.build();
    let mut pages = Vec::new();
    walk(&root, None, &mut pages);
    pages
}

fn visible_subcommands(cmd: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    cmd.get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
}

fn walk(cmd: &clap::Command, parent: Option<&str>, pages: &mut Vec<(String, Vec<u8>)>) {
    let name = page_name(cmd);
    pages.push((format!("{name}.1"), man_page(cmd, parent)));
    for sub in visible_subcommands(cmd) {
        walk(sub, Some(&name), pages);
    }
}

/// `auralog`, `auralog-log`, `auralog-config-init`...
fn page_name(cmd: &clap::Command) -> String {
    cmd.get_display_name()
        .unwrap_or_else(|| cmd.get_name())
        .to_string()
}

/// The roff preamble clap_mangen writes before each rendered piece; kept once.
fn strip_preamble(piece: Vec<u8>, first: bool) -> Vec<u8> {
    const PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";
    if first {
        return piece;
    }
    match piece.strip_prefix(PREAMBLE.as_bytes()) {
        Some(rest) => rest.to_vec(),
        None => piece,
    }
}

/// One man page. `parent` is the parent page's name (None for auralog.1).
fn man_page(cmd: &clap::Command, parent: Option<&str>) -> Vec<u8> {
    let is_root = parent.is_none();
    let name = page_name(cmd);
    // A subcommand's page lists its own options; the global ones are in auralog(1).
    let mut shown = cmd.clone();
    if !is_root {
        let globals: Vec<clap::Id> = cmd
            .get_arguments()
            .filter(|a| a.is_global_set())
            .map(|a| a.get_id().clone())
            .collect();
        for id in globals {
            shown = shown.mut_arg(id, |a| a.hide(true));
        }
    }
    let man = Man::new(shown.clone())
        .title(name.to_uppercase())
        .source(format!("auralog {}", env!("CARGO_PKG_VERSION")))
        .manual("auralog manual");

    let mut out: Vec<u8> = Vec::new();
    let mut piece = |f: &dyn Fn(&mut Vec<u8>) -> std::io::Result<()>| {
        let mut buf = Vec::new();
        // Rendering into memory cannot fail.
        let _ = f(&mut buf);
        let first = out.is_empty();
        out.extend(strip_preamble(buf, first));
    };
    piece(&|w| man.render_title(w));
    piece(&|w| man.render_name_section(w));

    let mut roff = Roff::new();
    roff.control("SH", ["SYNOPSIS"]);
    synopsis(&mut roff, cmd);
    piece(&|w| roff.to_writer(w));

    piece(&|w| man.render_description_section(w));
    if shown.get_arguments().any(|a| !a.is_hide_set()) {
        piece(&|w| man.render_options_section(w));
    }
    let mut roff = Roff::new();
    if !is_root {
        roff.control("PP", []);
        roff.text([
            roman("The global options of "),
            bold("auralog"),
            roman("(1) ("),
            bold("--config"),
            roman(", "),
            bold("--profile"),
            roman(", "),
            bold("--endpoint"),
            roman(", "),
            bold("--strict"),
            roman(", "),
            bold("--verbose"),
            roman(", "),
            bold("--quiet"),
            roman(", "),
            bold("--color"),
            roman(" ...) are accepted too."),
        ]);
    }
    piece(&|w| roff.to_writer(w));
    if visible_subcommands(cmd).next().is_some() {
        piece(&|w| man.render_subcommands_section(w));
    }

    let mut roff = Roff::new();
    let sections = help_sections(
        &cmd.get_after_help()
            .map(|s| s.to_string())
            .unwrap_or_default(),
    );
    let mut exit_notes: Vec<String> = Vec::new();
    for (heading, lines) in &sections {
        if heading.to_ascii_lowercase().starts_with("exit") {
            // The root's summary is replaced by the full list below; a
            // subcommand's own exit notes come first in EXIT STATUS.
            if !is_root {
                exit_notes.extend(lines.iter().cloned());
            }
            continue;
        }
        roff.control("SH", [heading.to_uppercase().as_str()]);
        preformatted(&mut roff, lines);
    }
    exit_status(&mut roff, &exit_notes);
    environment(&mut roff);
    files(&mut roff);
    see_also(&mut roff, cmd, parent);
    piece(&|w| roff.to_writer(w));
    out
}

/// `auralog log [OPTIONS] <MESSAGE>`, as `--help` shows it, the name in bold.
fn synopsis(roff: &mut Roff, cmd: &clap::Command) {
    let usage = cmd.clone().render_usage().to_string();
    let usage = usage.trim().trim_start_matches("Usage:").trim().to_string();
    let bin = cmd.get_bin_name().unwrap_or_else(|| cmd.get_name());
    match usage.strip_prefix(bin) {
        Some(rest) => roff.text([bold(bin), roman(rest)]),
        None => roff.text([roman(usage.as_str())]),
    };
}

/// Split an `after_help` text into its sections: a line `Heading:` at the
/// left margin starts one; the indented lines below it are its body.
pub fn help_sections(text: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for line in text.lines() {
        let is_heading =
            !line.starts_with(char::is_whitespace) && line.trim_end().ends_with(':') && {
                let h = line.trim_end().trim_end_matches(':');
                !h.is_empty() && h.len() <= 40
            };
        if is_heading {
            let h = line.trim_end().trim_end_matches(':').to_string();
            out.push((h, Vec::new()));
            continue;
        }
        if out.is_empty() {
            if line.trim().is_empty() {
                continue;
            }
            out.push(("Notes".to_string(), Vec::new()));
        }
        if let Some((_, body)) = out.last_mut() {
            body.push(line.to_string());
        }
    }
    // Drop the common indentation and trailing blank lines of each body.
    for (_, body) in &mut out {
        while body.last().is_some_and(|l| l.trim().is_empty()) {
            body.pop();
        }
        let indent = body
            .iter()
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.len() - l.trim_start().len())
            .min()
            .unwrap_or(0);
        for l in body.iter_mut() {
            *l = if l.trim().is_empty() {
                String::new()
            } else {
                l[indent..].trim_end().to_string()
            };
        }
    }
    out
}

/// Lines kept as they are (examples are meant to be copied).
fn preformatted(roff: &mut Roff, lines: &[String]) {
    roff.control("RS", ["4"]);
    roff.control("nf", []);
    for l in lines {
        roff.text([roman(l.as_str())]);
    }
    roff.control("fi", []);
    roff.control("RE", []);
}

fn tagged(roff: &mut Roff, tag: &str, body: &str) {
    roff.control("TP", []);
    roff.text([bold(tag)]);
    roff.text([roman(body)]);
}

fn exit_status(roff: &mut Roff, notes: &[String]) {
    roff.control("SH", ["EXIT STATUS"]);
    if !notes.is_empty() {
        preformatted(roff, notes);
        roff.control("PP", []);
    }
    roff.text([roman(
        "By default a delivery or configuration problem never fails the calling script: \
         auralog prints a one-line warning on stderr, keeps what was not delivered in the \
         spool, and exits 0. With --strict (or AURALOG_STRICT=1) such problems fail with \
         the codes below.",
    )]);
    for (code, what) in [
        (
            "0",
            "Delivered, or not delivered and kept in the spool with a warning.",
        ),
        ("1", "An error."),
        (
            "2",
            "Usage: a bad option or argument (unknown level, malformed -m, invalid JSON).",
        ),
        ("65", "Bad input data."),
        ("75", "Not delivered (kept in the spool), under --strict."),
        (
            "77",
            "API key rejected by the service (401/403), under --strict.",
        ),
        ("78", "Configuration error, under --strict."),
        (
            "130",
            "Interrupted by SIGINT, after flushing what was read: auralog ends by the signal itself, which a shell reports as 130.",
        ),
        (
            "143",
            "Terminated by SIGTERM, after flushing what was read: auralog ends by the signal itself, which a shell reports as 143.",
        ),
    ] {
        tagged(roff, code, what);
    }
    roff.control("PP", []);
    roff.text([roman(
        "auralog flow run and auralog trace exec exit with the status of the command they ran.",
    )]);
}

fn environment(roff: &mut Roff) {
    roff.control("SH", ["ENVIRONMENT"]);
    roff.text([roman(
        "Every setting can be given as an AURALOG_<NAME> variable; it overrides the \
         config file and is overridden by the command-line flag.",
    )]);
    for k in KEYS {
        let default = match (k.name, k.default) {
            ("spool_dir", _) => " Default: $XDG_STATE_HOME/auralog/spool.".to_string(),
            (_, Some(d)) => format!(" Default: {d}."),
            (_, None) => String::new(),
        };
        let mut help = k.help.to_string();
        if let Some(first) = help.get(..1) {
            help = first.to_uppercase() + &help[1..];
        }
        tagged(
            roff,
            &settings::env_name(k.name),
            &format!(
                "{help} (config key {}, flag --{}).{default}",
                k.name,
                k.name.replace('_', "-")
            ),
        );
    }
    for (name, what) in [
        (
            "AURALOG_CONFIG",
            "The config file to read instead of $XDG_CONFIG_HOME/auralog/config.toml (like --config).",
        ),
        (
            "AURALOG_TRACE_ID",
            "The trace id of entries, after --trace-id and metadata.traceId (see auralog trace).",
        ),
        (
            "TRACEPARENT",
            "A W3C traceparent header; its trace-id part is used when AURALOG_TRACE_ID is not set.",
        ),
        (
            "AURALOG_FLOW_ID",
            "The current flow, as printed by auralog flow start --export.",
        ),
        (
            "NO_COLOR",
            "When set and not empty, no colour unless --color always.",
        ),
        (
            "ALL_PROXY, HTTPS_PROXY, HTTP_PROXY",
            "An HTTP CONNECT proxy for every request, the first of these that is set \
             (lower-case names too). SOCKS proxies are not supported.",
        ),
        (
            "NO_PROXY",
            "Comma-separated hosts that bypass the proxy (localhost, 127.0.0.1, .example.com, *).",
        ),
        (
            "XDG_CONFIG_HOME, XDG_STATE_HOME",
            "Where the config file and the state directory live (see FILES).",
        ),
    ] {
        tagged(roff, name, what);
    }
}

fn files(roff: &mut Roff) {
    roff.control("SH", ["FILES"]);
    for (path, what) in [
        (
            "$XDG_CONFIG_HOME/auralog/config.toml",
            "The config file, usually ~/.config/auralog/config.toml; --config or AURALOG_CONFIG \
             name another. Read by every command; written by auralog config init (mode 0600) \
             and auralog config set (which keeps its comments and mode). auralog warns when a \
             file holding an API key is readable by group or others.",
        ),
        (
            "$XDG_STATE_HOME/auralog/",
            "auralog's state, usually ~/.local/state/auralog (on macOS ~/Library/Application \
             Support/auralog).",
        ),
        (
            "$XDG_STATE_HOME/auralog/spool/",
            "Batches that could not be delivered, replayed oldest first by the next auralog run \
             or auralog spool flush; bounded by spool_max_bytes; spool_dir names another \
             directory.",
        ),
        (
            "$XDG_STATE_HOME/auralog/trace_id",
            "The trace id saved by auralog trace set.",
        ),
        (
            "$XDG_STATE_HOME/auralog/spool/rejected/",
            "Batches the service refused for good, kept with its answer; shown by auralog \
             spool status.",
        ),
        (
            "$XDG_STATE_HOME/auralog/flows/",
            "One state file per running flow (auralog flow start, step, end), shared by \
             separate processes under a lock file.",
        ),
        (
            "$XDG_STATE_HOME/auralog/checkpoints/",
            "One checkpoint per file shipped with ingest --resume or --follow (its identity and \
             the offset delivered or spooled), with a lock file per file; shown and forgotten \
             by auralog checkpoints.",
        ),
    ] {
        roff.control("TP", []);
        roff.text([italic(path)]);
        roff.text([roman(what)]);
    }
}

fn see_also(roff: &mut Roff, cmd: &clap::Command, parent: Option<&str>) {
    roff.control("SH", ["SEE ALSO"]);
    let mut refs: Vec<String> = Vec::new();
    if let Some(p) = parent {
        if p != "auralog" {
            refs.push("auralog".into());
        }
        refs.push(p.to_string());
    }
    refs.extend(visible_subcommands(cmd).map(page_name));
    let mut line = Vec::new();
    for (i, r) in refs.iter().enumerate() {
        if i > 0 {
            line.push(roman(", "));
        }
        line.push(bold(r.as_str()));
        line.push(roman("(1)"));
    }
    if !line.is_empty() {
        roff.text(line);
        roff.control("PP", []);
    }
    roff.text([roman(
        "The README.md of the auralog repository is the complete user guide.",
    )]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_help_sections() {
        let s = help_sections("Examples:\n  a b\n    c\n\nExit codes:\n  0 ok\n");
        assert_eq!(
            s,
            vec![
                ("Examples".to_string(), vec!["a b".into(), "  c".into()]),
                ("Exit codes".to_string(), vec!["0 ok".into()]),
            ]
        );
    }

    #[test]
    fn every_visible_command_gets_a_page() {
        let pages = man_pages();
        let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"auralog.1"));
        assert!(names.contains(&"auralog-log.1"));
        assert!(names.contains(&"auralog-config-set.1"));
        assert!(!names.iter().any(|n| n.contains("generate-assets")));
        assert!(!names.iter().any(|n| n.contains("help")));
    }
}
