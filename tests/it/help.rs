//! What tells a person how to use tribune, all generated from the one command-line definition:
//! every subcommand's `--help` ends with examples (that parse), the completion scripts offer
//! every subcommand in every shell, and the manual page names every subcommand and option.

use clap::CommandFactory;
use rstest::rstest;
use tribune::cli::Cli;

use crate::support::bin::{run, tribune};

/// The subcommands a person can type (clap's own `help` included where clap adds it).
fn subcommands() -> Vec<clap::Command> {
    let mut cmd = Cli::command();
    cmd.build();
    cmd.get_subcommands().cloned().collect()
}

/// The lines under `Examples:` in a help text.
fn examples(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| l.trim() != "Examples:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(|l| l.trim().to_owned())
        .collect()
}

/// A command line as a shell splits it, up to a comment, a pipe or a redirection: enough for
/// the examples, which quote with `"` only.
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                word.get_or_insert_with(String::new);
            }
            '#' | '|' | '>' | '<' if !quoted => break,
            c if c.is_whitespace() && !quoted => words.extend(word.take()),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    words
}

#[test]
fn every_subcommand_help_ends_with_an_example_that_parses() {
    let mut names: Vec<String> = subcommands()
        .iter()
        .map(|s| s.get_name().to_owned())
        .filter(|n| n != "help")
        .collect();
    assert!(names.len() >= 12, "{names:?}");
    // tribune's own help too: `None` is `tribune --help`.
    names.push(String::new());
    for name in names {
        let args: Vec<&str> = [name.as_str(), "--help"]
            .into_iter()
            .filter(|a| !a.is_empty())
            .collect();
        let (code, stdout, stderr) = run(tribune().args(&args));
        assert_eq!(code, 0, "{}", String::from_utf8_lossy(&stderr));
        assert!(!stdout.contains('\u{1b}'), "styling in a pipe: {stdout}");
        let lines = examples(&stdout);
        assert!(
            lines.iter().any(|l| l.starts_with("tribune")),
            "`tribune {name} --help` shows no example:\n{stdout}"
        );
        for line in lines.iter().filter(|l| l.starts_with("tribune")) {
            let words = words(line);
            let matches = Cli::command()
                .try_get_matches_from(&words)
                .unwrap_or_else(|e| panic!("`{line}` does not parse:\n{e}"));
            // tribune's own examples may show any subcommand; a subcommand's show itself.
            if !name.is_empty() {
                assert_eq!(matches.subcommand_name(), Some(name.as_str()), "`{line}`");
            }
        }
    }
}

#[test]
fn the_shell_splits_examples_as_a_shell_would() {
    assert_eq!(
        words(r#"tribune --date "June 1953" x.ron   # a comment"#),
        ["tribune", "--date", "June 1953", "x.ron"]
    );
    assert_eq!(words("tribune man | man -l -"), ["tribune", "man"]);
    assert_eq!(
        words("tribune completions zsh > _tribune"),
        ["tribune", "completions", "zsh"]
    );
}

#[rstest]
fn completions_offer_every_subcommand(
    #[values("bash", "zsh", "fish", "elvish", "powershell")] shell: &str,
) {
    let (code, script, stderr) = run(tribune().args(["completions", shell]));
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&stderr));
    for sub in subcommands() {
        let name = sub.get_name();
        assert!(
            script.contains(name),
            "the {shell} script does not offer `{name}`"
        );
    }
    // And the options of a subcommand, not only the names.
    assert!(script.contains("strict"), "{shell}: no `check --strict`");
}

#[test]
fn the_manual_page_names_every_subcommand_and_option() {
    let (code, roff, stderr) = run(tribune().arg("man"));
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&stderr));
    assert!(
        roff.starts_with(".ie") || roff.starts_with(".TH"),
        "not roff: {roff:.80}"
    );
    // roff writes a dash meant to be typed as `\-`.
    let page = roff.replace("\\-", "-");
    let mut all = vec![Cli::command()];
    all.extend(subcommands().into_iter().filter(|s| s.get_name() != "help"));
    for cmd in &all {
        let name = cmd.get_name();
        if name != "tribune" {
            assert!(
                page.contains(&format!(".SS \"tribune {name}\"")),
                "no section for `{name}`"
            );
        }
        for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
            if let Some(long) = arg.get_long() {
                assert!(page.contains(&format!("--{long}")), "{name}: no --{long}");
            }
            if let Some(short) = arg.get_short() {
                assert!(
                    page.contains(&format!("\\fB-{short}\\fR")),
                    "{name}: no -{short}"
                );
            }
            if arg.is_positional() {
                let value = arg
                    .get_value_names()
                    .and_then(|v| v.first())
                    .map_or_else(|| arg.get_id().as_str().to_owned(), ToString::to_string);
                assert!(page.contains(&value), "{name}: no {value}");
            }
        }
    }
    assert_eq!(page.matches(".ie \\n(.g").count(), 1, "one preamble");
}
