//! `tribune log`: the classes given from a deck.

use std::process::ExitCode;

use crate::cli::LogArgs;

/// Prints the class log of a deck; returns the exit code.
pub fn run(args: &LogArgs) -> ExitCode {
    let _ = args;
    ExitCode::FAILURE
}
