//! `tribune check`: errors and warnings on stderr; exit 0 if the deck can be presented.

use std::process::ExitCode;

use super::error::Error;
use super::input::{deck_name, load};
use crate::cli::DeckArg;
use crate::deck::diagnostic::render_all;

/// Checks a deck.
pub fn run(arg: &DeckArg) -> Result<ExitCode, Error> {
    let loaded = load(arg)?;
    if !loaded.warnings.is_empty() {
        eprintln!("{}", render_all(&loaded.warnings));
    }
    let deck = &loaded.deck;
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    eprintln!(
        "{}: ok: {} slides in {} part{}, {} warning{}",
        deck_name(arg),
        deck.slide_count(),
        deck.parts.len(),
        plural(deck.parts.len()),
        loaded.warnings.len(),
        plural(loaded.warnings.len())
    );
    Ok(ExitCode::SUCCESS)
}
