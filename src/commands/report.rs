//! `tribune report`: the saved rehearsals against the budgets, slide by slide and part by part;
//! with `--runs` each rehearsal in turn, with `--compare A B` two side by side.

use std::process::ExitCode;
use std::time::Duration;

use jiff::tz::TimeZone;

use super::error::Error;
use super::input::{load, read_records, state_dir};
use super::output;
use crate::cli::ReportArgs;
use crate::deck::Seconds;
use crate::timing::runs::{self, RunId};
use crate::timing::{budget, record, report};

/// The widest the text gets.
const WIDTH: usize = 100;

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
    let tz = TimeZone::system();
    if args.runs {
        let runs = runs::list(deck, &records, &tz);
        return output::print(args.json, &runs, "the rehearsals", |out| {
            write!(out, "{}", runs::render_runs(&runs, WIDTH))
        });
    }
    if let Some(ids) = &args.compare {
        let index = |id: RunId| {
            id.index(records.len()).map_err(|e| {
                Error::Failed(format!(
                    "--compare: {e}; `tribune report --runs` lists them"
                ))
            })
        };
        let (a, b) = match ids.as_slice() {
            [a, b] => (index(*a)?, index(*b)?),
            _ => return Err(Error::Failed("--compare takes two rehearsals".to_owned())),
        };
        let compared = runs::compare(deck, &records, (a, b), &tz);
        return output::print(args.json, &compared, "the comparison", |out| {
            write!(out, "{}", runs::render_comparison(&compared, WIDTH))
        });
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
        write!(out, "{}", report::render(&built, WIDTH))
    })
}
