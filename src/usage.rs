//! clap's own usage errors, printed like every other error
//! (`auralog: error: ...`, exit 2), with a better guess for a mistyped
//! subcommand: clap's Jaro similarity ranks `flow` above `log` for `lgo`,
//! as it sees no transposition in words this short.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::CommandFactory;

use crate::cli::Cli;
use crate::output::{self, ColorChoice};

/// Print a failed parse (help and version included) and return its exit code.
pub fn report(mut e: clap::Error) -> u8 {
    if !e.use_stderr() {
        // --help and --version: stdout, exit 0.
        let _ = e.print();
        return 0;
    }
    if e.kind() == ErrorKind::InvalidSubcommand {
        suggest_subcommand(&mut e);
    }
    let text = e.render().to_string();
    match text.strip_prefix("error: ") {
        Some(rest) => {
            // --color was not parsed: decide as auto does (terminal, NO_COLOR).
            output::init(false, 0, ColorChoice::Auto);
            output::error(rest.trim_end());
        }
        // Not an error message (help shown for a missing subcommand): as clap prints it.
        None => {
            let _ = e.print();
        }
    }
    crate::exit::Code::Usage.as_u8()
}

/// Replace clap's suggestion by the subcommand at the least edit distance
/// (a swap of two neighbours counts as one edit), when one is close enough.
fn suggest_subcommand(e: &mut clap::Error) {
    let Some(ContextValue::String(typed)) = e.get(ContextKind::InvalidSubcommand).cloned() else {
        return;
    };
    // The command the typo was given to: follow the subcommand names before it.
    let mut cmd = Cli::command();
    for word in std::env::args().skip(1) {
        if word == typed {
            break;
        }
        if let Some(sub) = cmd.find_subcommand(&word) {
            cmd = sub.clone();
        }
    }
    let limit = typed.chars().count().div_ceil(3).max(1);
    let best = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .map(|s| {
            (
                edit_distance(&typed, s.get_name()),
                s.get_name().to_string(),
            )
        })
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d);
    if let Some((_, name)) = best {
        e.insert(ContextKind::SuggestedSubcommand, ContextValue::String(name));
    }
}

/// Optimal string alignment distance: insertions, deletions, substitutions
/// and swaps of two neighbouring characters each cost one.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::edit_distance;

    #[test]
    fn a_swap_is_one_edit() {
        assert_eq!(edit_distance("lgo", "log"), 1);
        assert_eq!(edit_distance("lgo", "flow"), 3);
        assert_eq!(edit_distance("sett", "set"), 1);
        assert_eq!(edit_distance("", "log"), 3);
        assert_eq!(edit_distance("log", "log"), 0);
    }
}
