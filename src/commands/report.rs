//! `tribune report`: the saved rehearsals against the budgets, slide by slide and part by part.

use std::process::ExitCode;
use std::time::Duration;

use super::error::Error;
use super::input::{load, read_records, state_dir};
use super::output;
use crate::cli::ReportArgs;
use crate::deck::Seconds;
use crate::timing::{budget, record, report};

/// Prints the report.
pub fn run(args: &ReportArgs) -> Result<ExitCode, Error> {
    let loaded = load(&args.deck)?;
    let deck = &loaded.deck;
    let dir = record::rehearsal_dir(
        &state_dir("rehearsals")?,
        &record::deck_key(args.deck.deck.as_deref()),
    );
    let records = read_records(&dir, "rehearsal");
    if records.is_empty() {
        return Err(Error::Failed(format!(
            "no rehearsals of this deck yet (looked in {}); `tribune rehearse` records one",
            dir.display()
        )));
    }
    // The budget the rehearsals were run against, unless told otherwise.
    let target = args
        .target
        .or(records
            .last()
            .and_then(|r| r.target_secs)
            .map(Duration::from_secs))
        .or(deck.duration.map(Seconds::duration));
    let built = report::build(deck, &budget::budgets(deck, target), &records);
    output::print(args.json, &built, "the report", |out| {
        write!(out, "{}", report::render(&built, 100))
    })
}
