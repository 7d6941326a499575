//! What the commands read before they act: the deck the user named (or the bundled lecture)
//! and the records saved in the state folder.

use std::path::{Path, PathBuf};

use super::error::Error;
use crate::cli::DeckArg;
use crate::deck::{BUNDLED_NAME, BUNDLED_SOURCE, Loaded, load_path, parse_deck};
use crate::timing::record::{self, Record};
use crate::ui::theme::{Theme, no_colour_wanted};

/// Loads the deck a user named, or the bundled lecture.
pub fn load(arg: &DeckArg) -> Result<Loaded, Error> {
    match &arg.deck {
        Some(path) => load_path(path),
        None => parse_deck(BUNDLED_NAME, BUNDLED_SOURCE.as_bytes()),
    }
    .map_err(Error::Deck)
}

/// How messages name the deck: its path as given, or the bundled lecture's name.
pub fn deck_name(arg: &DeckArg) -> String {
    arg.deck
        .as_ref()
        .map_or(BUNDLED_NAME.to_owned(), |p| p.display().to_string())
}

/// Reads the records (of a `what`: class or rehearsal), telling the user in one line about
/// each file that could not be read.
pub fn read_records(dir: &Path, what: &str) -> Vec<Record> {
    let (records, problems) = record::load_all(dir);
    for p in problems {
        eprintln!("tribune: skipping a {what} record: {p}");
    }
    records
}

/// The state folder, or the error saying there is none.
pub fn state_dir(purpose: &str) -> Result<PathBuf, Error> {
    record::state_dir().ok_or_else(|| {
        Error::Failed(format!(
            "no state directory (set XDG_STATE_HOME or HOME) to read {purpose} from"
        ))
    })
}

/// The theme to present in: `--theme`, else the deck's own, else the default; with no colour
/// at all when `NO_COLOR` asks for it.
pub fn theme(arg: Option<&str>, deck: &crate::deck::Deck) -> Result<Theme, Error> {
    let name = arg.or(deck.theme.as_ref().map(crate::deck::Prose::as_str));
    let theme = match name {
        Some(name) => Theme::load(name).map_err(Error::Theme)?,
        None => Theme::bundled(),
    };
    Ok(if no_colour_wanted() {
        theme.without_colour()
    } else {
        theme
    })
}
