//! `tribune outline`: one slide a line (number, part, date as the slide shows it, title), or
//! the slides a date matches, the one a jump would land on first. An undated slide's date
//! reads `—` (and `null` in JSON).

use std::process::ExitCode;

use serde::Serialize;

use super::error::Error;
use super::input::load;
use super::output;
use crate::cli::OutlineArgs;
use crate::deck::timeline::DateIndex;
use crate::deck::{Prose, UNDATED};

/// One line of `outline --json`.
#[derive(Serialize)]
struct OutlineRow<'a> {
    number: usize,
    part: &'a str,
    id: Option<&'a str>,
    /// The date as the deck writes it; `null` for an undated slide.
    date: Option<&'a str>,
    /// The date as the slide shows it (its `date_label`, else the date in words).
    shown_date: Option<String>,
    title: &'a str,
    /// `primary` or `secondary` when `--date` was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    r#match: Option<&'static str>,
}

/// Prints the outline.
pub fn run(args: &OutlineArgs) -> Result<ExitCode, Error> {
    let loaded = load(&args.deck)?;
    let deck = &loaded.deck;
    let slides: Vec<_> = deck.slides().collect();
    // (slide index, match kind) in the order to print.
    let order: Vec<(usize, Option<&'static str>)> = match &args.date {
        None => (0..slides.len()).map(|i| (i, None)).collect(),
        Some(query) => {
            let all = DateIndex::new(deck)
                .find(query, &deck.span.range)
                .map_err(|e| Error::Failed(format!("--date `{query}`: {e}")))?;
            // Without a year, the year where the query lands most closely; the others are
            // named, so that whoever reads the list knows to add the year.
            let Some((reading, found)) = all.readings.get(all.best) else {
                return Err(Error::Failed(format!("--date `{query}`: no slide matches")));
            };
            if all.readings.len() > 1 {
                let others: Vec<&str> = (all.readings.iter())
                    .filter(|(c, _)| c != reading)
                    .map(|(c, _)| c.label.as_str())
                    .collect();
                eprintln!(
                    "tribune: `{query}` read as {}; it also fits {}: add the year to choose",
                    reading.label,
                    others.join(", ")
                );
            }
            let kind = |i: usize| {
                if found.primary.contains(&i) {
                    "primary"
                } else {
                    "secondary"
                }
            };
            std::iter::once(found.target)
                .chain(found.all().filter(|&i| i != found.target))
                .map(|i| (i, Some(kind(i))))
                .collect()
        }
    };
    let rows: Vec<OutlineRow> = order
        .iter()
        .map(|&(i, kind)| OutlineRow {
            number: i + 1,
            part: deck.parts[deck.part_of(i)].id.as_str(),
            id: slides[i].id.as_ref().map(Prose::as_str),
            date: slides[i].date.as_ref().map(|d| d.written.as_str()),
            shown_date: slides[i].shown_date(),
            title: slides[i].title.as_str(),
            r#match: kind,
        })
        .collect();
    output::print(args.json, &rows, "the outline", |out| {
        rows.iter().try_for_each(|r| {
            // A tab or newline inside a title or a date label would break the columns.
            let one_line = |text: &str| -> String {
                text.chars()
                    .map(|c| if c.is_whitespace() { ' ' } else { c })
                    .collect()
            };
            let date = r.shown_date.as_deref().map_or(UNDATED.to_owned(), one_line);
            let title = one_line(r.title);
            writeln!(out, "{}\t{}\t{date}\t{title}", r.number, r.part)
        })
    })
}
