//! `tribune man`: the manual page, in roff, generated from the command line's own definition.
//! One page holds everything, tribune's own options and then a section per subcommand (its
//! synopsis, description, options and examples), so `tribune man | man -l -` shows it all and
//! one file installs it.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, roman};

use super::error::Error;
use super::output;
use crate::cli::Cli;

/// Prints the manual page.
pub fn run() -> Result<ExitCode, Error> {
    let mut page = Vec::new();
    render(&mut page).map_err(|e| Error::Failed(format!("cannot write the manual page: {e}")))?;
    output::write(&page, "the manual page")
}

/// The whole page.
fn render(out: &mut Vec<u8>) -> std::io::Result<()> {
    let mut cmd = Cli::command();
    // Built, the subcommands know their full names (`tribune check`) for their synopses.
    cmd.build();
    let man = Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    examples(&cmd, true, out)?;
    Roff::new().control("SH", ["COMMANDS"]).to_writer(out)?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        if sub.get_name() == "help" {
            continue;
        }
        let name = format!("tribune {}", sub.get_name());
        Roff::new().control("SS", [name.as_str()]).to_writer(out)?;
        let sub_man = Man::new(sub.clone());
        let mut part = Vec::new();
        sub_man.render_synopsis_section(&mut part)?;
        sub_man.render_description_section(&mut part)?;
        if sub.get_arguments().any(|a| !a.is_hide_set()) {
            sub_man.render_options_section(&mut part)?;
        }
        out.write_all(&subsections(&part))?;
        examples(sub, false, out)?;
    }
    man.render_version_section(out)?;
    *out = once_preamble(out);
    Ok(())
}

/// Each render of `clap_mangen` starts with the two lines that define the apostrophe string; the
/// page needs them once.
fn once_preamble(roff: &[u8]) -> Vec<u8> {
    const PREAMBLE: [&str; 2] = [".ie \\n(.g .ds Aq \\(aq", ".el .ds Aq '"];
    let text = String::from_utf8_lossy(roff);
    let mut seen = false;
    let mut out = String::with_capacity(text.len());
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if line == PREAMBLE[0] && lines.peek() == Some(&PREAMBLE[1]) {
            lines.next();
            if seen {
                continue;
            }
            seen = true;
            out.push_str(PREAMBLE[0]);
            out.push('\n');
            out.push_str(PREAMBLE[1]);
            out.push('\n');
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.into_bytes()
}

/// `clap_mangen`'s sections for a subcommand, as paragraphs of the subcommand's own section: its
/// `.SH` headings dropped (SYNOPSIS, DESCRIPTION) or made run-in labels (OPTIONS).
fn subsections(roff: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(roff);
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        match line.strip_prefix(".SH ") {
            Some("OPTIONS") => out.push_str(".PP\n\\fIOptions:\\fR\n"),
            Some(_) => out.push_str(".PP\n"),
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out.into_bytes()
}

/// A command's `Examples:` (from its help) as lines kept as they are, not filled: a section of
/// the page for tribune's own, a paragraph of its section for a subcommand's.
fn examples(cmd: &clap::Command, top: bool, out: &mut Vec<u8>) -> std::io::Result<()> {
    let Some(help) = cmd.get_after_help() else {
        return Ok(());
    };
    // Display drops the heading's styling.
    let help = help.to_string();
    let lines: Vec<&str> = help
        .lines()
        .skip_while(|l| l.trim() != "Examples:")
        .skip(1)
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        return Ok(());
    }
    let mut roff = Roff::new();
    if top {
        roff.control("SH", ["EXAMPLES"]);
    } else {
        roff.control("PP", []).text([roman("Examples:")]);
    }
    roff.control("RS", []).control("nf", []);
    for line in lines {
        roff.text([roman(line)]);
    }
    roff.control("fi", []).control("RE", []);
    roff.to_writer(out)
}
