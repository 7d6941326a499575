//! The one error type of the commands; `commands::run` prints it and picks the exit status.

use std::process::ExitCode;

use crate::deck::diagnostic::render_all;
use crate::deck::{LoadError, Severity};
use crate::tui::NoTerminal;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The deck did not load; its diagnostics say why.
    #[error("{} in the deck; it was not loaded", errors(.0))]
    Deck(LoadError),
    /// The theme file did not load; its diagnostics say why.
    #[error("{} in the theme; it was not loaded", errors(.0))]
    Theme(LoadError),
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
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Error::NoTerminal(_) => ExitCode::from(2),
            Error::Deck(_) | Error::Theme(_) | Error::Failed(_) => ExitCode::FAILURE,
        }
    }

    /// Prints the error on stderr: a deck's diagnostics first, then one line.
    pub fn print(&self) {
        if let Error::Deck(e) | Error::Theme(e) = self {
            eprint!("{}", render_all(&e.diagnostics));
        }
        eprintln!("tribune: {self}");
    }
}
