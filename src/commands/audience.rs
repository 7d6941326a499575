//! `tribune audience`: the projector's window, following the presenter of the same deck.

use std::process::ExitCode;

use super::error::Error;
use super::input::{load, theme};
use crate::cli::AudienceArgs;
use crate::deck::load_path;
use crate::timing::record;
use crate::tui;

/// Runs an audience window.
pub fn run(args: &AudienceArgs) -> Result<ExitCode, Error> {
    let arg = &args.deck;
    let loaded = load(arg)?;
    let theme = theme(args.theme.as_deref(), &loaded.deck)?;
    let socket = crate::link::socket_path(&record::deck_key(arg.deck.as_deref()))
        .map_err(|e| Error::Failed(format!("cannot follow a presenter: {e}")))?;
    let tty = tui::check_terminal()?;
    // Reading the deck again is quiet: its errors belong to the presenter's terminal.
    let reload = || match &arg.deck {
        Some(path) => load_path(path).ok().map(|l| l.deck),
        None => None,
    };
    let folder = arg.deck.as_deref().map(crate::deck::picture::folder_of);
    tui::audience(
        loaded.deck,
        (&socket, folder.as_deref()),
        tty,
        theme,
        reload,
    )
    .map(tui::Ending::exit_code)
    .map_err(|e| Error::Failed(format!("{e:#}")))
}
