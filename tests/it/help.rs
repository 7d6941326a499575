//! What tells a person how to use tribune, generated from the one command-line definition: the
//! completion scripts offer every subcommand in every shell, and the manual page names every
//! subcommand and option.

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
