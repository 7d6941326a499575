//! `tribune completions SHELL`: a completion script for bash, zsh, fish, elvish or PowerShell,
//! generated from the command line's own definition so it never falls behind it.

use std::process::ExitCode;

use clap::CommandFactory;

use super::error::Error;
use super::output;
use crate::cli::{Cli, CompletionsArgs};

/// Prints the completion script.
pub fn run(args: &CompletionsArgs) -> Result<ExitCode, Error> {
    // Into memory first: clap_complete panics when its writer fails, as stdout does on a
    // closed pipe.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "tribune", &mut script);
    output::write(&script, "the completion script")
}
