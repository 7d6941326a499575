//! Entry point: parse the command line and hand over to `tribune::commands`.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    tribune::commands::run(tribune::cli::Cli::parse())
}
