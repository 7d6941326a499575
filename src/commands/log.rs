//! `tribune log`: the classes given from a deck, oldest first, and where the next one resumes.

use std::process::ExitCode;

use jiff::tz::TimeZone;

use super::error::Error;
use super::input::{load, read_records, state_dir};
use super::output;
use crate::cli::LogArgs;
use crate::timing::class_log::{self, MAX_WIDTH, command_line, shell_word};
use crate::timing::record;

/// Prints the class log.
pub fn run(args: &LogArgs) -> Result<ExitCode, Error> {
    let loaded = load(&args.deck)?;
    let dir = record::class_dir(
        &state_dir("classes")?,
        &record::deck_key(args.deck.deck.as_deref()),
    );
    let records = read_records(&dir, "class");
    let deck_word = args.deck.deck.as_deref().map(shell_word);
    if records.is_empty() {
        let command = command_line(&[], deck_word.as_deref());
        return Err(Error::Failed(format!(
            "no classes given from this deck yet (looked in {}); presenting it with \
             `{command}` records each class once you move past the first slide",
            dir.display()
        )));
    }
    let log = class_log::build(&loaded.deck, &records, &TimeZone::system());
    output::print(args.json, &log, "the class log", |out| {
        write!(
            out,
            "{}",
            class_log::render(&log, deck_word.as_deref(), MAX_WIDTH)
        )
    })
}
