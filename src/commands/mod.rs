//! The command line's subcommands, one file each, and what they share: `input` (the deck the
//! user named, saved records), `output` (JSON or text on stdout) and `error`, the one error
//! type, printed in one place: [`run`].
//!
//! The top room: it may use every other; nothing uses it.

mod audience;
mod check;
mod completions;
mod errata;
mod error;
mod handout;
mod input;
mod log;
mod man;
mod new;
mod outline;
mod output;
mod present;
mod report;

use std::process::ExitCode;

use crate::cli::{Cli, Command};

pub use error::Error;

/// Runs the command line and returns the process's exit code.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Outline(args)) => outline::run(&args),
        Some(Command::Present(args)) => present::present(&args),
        Some(Command::Rehearse(args)) => present::rehearse(&args),
        Some(Command::Report(args)) => report::run(&args),
        Some(Command::Audience(args)) => audience::run(&args),
        Some(Command::Log(args)) => log::run(&args),
        Some(Command::Errata(args)) => errata::run(&args),
        Some(Command::Handout(args)) => handout::run(&args),
        Some(Command::New(args)) => new::run(&args),
        Some(Command::Completions(args)) => completions::run(&args),
        Some(Command::Man) => man::run(),
        None => present::present(&cli.present),
    };
    result.unwrap_or_else(|e| {
        e.print();
        e.exit_code()
    })
}
