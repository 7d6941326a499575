//! The command line's subcommands, one file each, and what they share: loading the deck the
//! user named (or the bundled lecture), reading saved records, writing output, and the one
//! [`Error`] type whose message is printed in one place, [`run`].
//!
//! The top room: it may use every other; nothing uses it.

mod audience;
mod check;
mod log;
mod outline;
mod output;
mod present;
mod report;

use std::path::Path;
use std::process::ExitCode;

use crate::cli::{Cli, Command, DeckArg};
use crate::deck::diagnostic::render_all;
use crate::deck::{
    BUNDLED_NAME, BUNDLED_SOURCE, LoadError, Loaded, Severity, load_path, parse_deck,
};
use crate::timing::record::{self, Record};
use crate::tui::NoTerminal;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The deck did not load; its diagnostics say why.
    #[error("{} in the deck; it was not loaded", errors(.0))]
    Deck(LoadError),
    /// Presenting where there is no terminal.
    #[error(transparent)]
    NoTerminal(#[from] NoTerminal),
    /// Anything else, said in one line.
    #[error("{0}")]
    Failed(String),
}

/// "1 error", "3 errors".
fn errors(e: &LoadError) -> String {
    let n = e
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    format!("{n} error{}", if n == 1 { "" } else { "s" })
}

impl Error {
    /// 2 when presenting was asked for where it cannot be done (a usage error, as clap's own);
    /// 1 otherwise.
    fn exit_code(&self) -> ExitCode {
        match self {
            Error::NoTerminal(_) => ExitCode::from(2),
            Error::Deck(_) | Error::Failed(_) => ExitCode::FAILURE,
        }
    }

    /// Prints the error on stderr: a deck's diagnostics first, then one line.
    fn print(&self) {
        if let Error::Deck(e) = self {
            eprint!("{}", render_all(&e.diagnostics));
        }
        eprintln!("tribune: {self}");
    }
}

/// Runs the command line and returns the process's exit code.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Some(Command::Check(deck)) => check::run(&deck),
        Some(Command::Outline(args)) => outline::run(&args),
        Some(Command::Present(args)) => present::present(&args),
        Some(Command::Rehearse(args)) => present::rehearse(&args),
        Some(Command::Report(args)) => report::run(&args),
        Some(Command::Audience(deck)) => audience::run(&deck),
        Some(Command::Log(args)) => log::run(&args),
        None => present::present(&cli.present),
    };
    result.unwrap_or_else(|e| {
        e.print();
        e.exit_code()
    })
}

/// Loads the deck a user named, or the bundled lecture.
fn load(arg: &DeckArg) -> Result<Loaded, Error> {
    match &arg.deck {
        Some(path) => load_path(path),
        None => parse_deck(BUNDLED_NAME, BUNDLED_SOURCE.as_bytes()),
    }
    .map_err(Error::Deck)
}

/// How messages name the deck: its path as given, or the bundled lecture's name.
fn deck_name(arg: &DeckArg) -> String {
    arg.deck
        .as_ref()
        .map_or(BUNDLED_NAME.to_owned(), |p| p.display().to_string())
}

/// Reads the records (of a `what`: class or rehearsal), telling the user in one line about
/// each file that could not be read.
fn read_records(dir: &Path, what: &str) -> Vec<Record> {
    let (records, problems) = record::load_all(dir);
    for p in problems {
        eprintln!("tribune: skipping a {what} record: {p}");
    }
    records
}

/// The state folder, or the error saying there is none.
fn state_dir(purpose: &str) -> Result<std::path::PathBuf, Error> {
    record::state_dir().ok_or_else(|| {
        Error::Failed(format!(
            "no state directory (set XDG_STATE_HOME or HOME) to read {purpose} from"
        ))
    })
}
