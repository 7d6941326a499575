//! `tribune report`: rehearsal records set against the budgets, per slide, per part and in all,
//! as text with a small bar chart per part, or as JSON. Pure: records and deck in, text out.

use std::fmt::Write as _;
use std::time::Duration;

use serde::Serialize;

use super::budget::clock;
use super::record::Record;
use crate::deck::Deck;
use crate::text::{truncate, width};

/// How many recent rehearsals the median looks at.
const RECENT: usize = 5;

/// How many of the slides most over budget are marked.
const FLAGGED: usize = 3;

/// The whole report.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// The deck's title.
    pub deck: String,
    /// How many rehearsals were read.
    pub rehearsals: usize,
    /// One row per slide, in deck order.
    pub slides: Vec<SlideRow>,
    /// One row per part.
    pub parts: Vec<Totals>,
    /// The whole talk.
    pub total: Totals,
}

/// A slide's times.
#[derive(Clone, Debug, Serialize)]
pub struct SlideRow {
    /// 1-based number.
    pub number: usize,
    /// The part's id.
    pub part: String,
    /// The slide's title.
    pub title: String,
    /// Its budget now.
    pub budget_secs: Option<u64>,
    /// Time in the most recent rehearsal that reached it.
    pub last_secs: Option<u64>,
    /// Median time over the last five rehearsals that reached it.
    pub median_secs: Option<u64>,
    /// Among the slides most over budget (by the median).
    pub over_budget: bool,
    /// The last time in milliseconds, so that totals are not sums of rounded seconds.
    #[serde(skip)]
    last_ms: Option<u64>,
    /// The median in milliseconds.
    #[serde(skip)]
    median_ms: Option<u64>,
}

/// Times added up over a stretch of slides.
#[derive(Clone, Debug, Serialize)]
pub struct Totals {
    /// Part id, or `all`.
    pub id: String,
    /// Part title, or the deck's.
    pub title: String,
    /// Sum of the budgets.
    pub budget_secs: u64,
    /// Sum of the last times.
    pub last_secs: u64,
    /// Sum of the medians.
    pub median_secs: u64,
}

/// Builds the report from the deck, its budgets and the records (oldest first).
pub fn build(deck: &Deck, budgets: &[Option<Duration>], records: &[Record]) -> Report {
    let mut slides: Vec<SlideRow> = deck
        .slides()
        .enumerate()
        .map(|(i, s)| {
            let times: Vec<u64> = records
                .iter()
                .filter_map(|r| r.shown_for(s, i))
                .map(|t| u64::try_from(t.as_millis()).unwrap_or(u64::MAX))
                .collect();
            let recent = &times[times.len().saturating_sub(RECENT)..];
            let last_ms = times.last().copied();
            let median_ms = median(recent);
            SlideRow {
                number: i + 1,
                part: deck.parts[deck.part_of(i)].id.as_str().to_owned(),
                title: s.title.as_str().to_owned(),
                budget_secs: budgets.get(i).copied().flatten().map(|b| b.as_secs()),
                last_secs: last_ms.map(whole_secs),
                median_secs: median_ms.map(whole_secs),
                over_budget: false,
                last_ms,
                median_ms,
            }
        })
        .collect();
    // Mark the slides furthest over budget (at least ten seconds over).
    let mut over: Vec<(u64, usize)> = slides
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let excess = r.median_secs?.checked_sub(r.budget_secs?)?;
            (excess >= 10).then_some((excess, i))
        })
        .collect();
    over.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in over.into_iter().take(FLAGGED) {
        slides[i].over_budget = true;
    }
    let totals = |id: &str, title: &str, rows: &[&SlideRow]| Totals {
        id: id.to_owned(),
        title: title.to_owned(),
        budget_secs: rows.iter().filter_map(|r| r.budget_secs).sum(),
        last_secs: whole_secs(rows.iter().filter_map(|r| r.last_ms).sum()),
        median_secs: whole_secs(rows.iter().filter_map(|r| r.median_ms).sum()),
    };
    let parts = deck
        .parts
        .iter()
        .map(|p| {
            let rows: Vec<&SlideRow> = slides.iter().filter(|r| r.part == p.id.as_str()).collect();
            totals(p.id.as_str(), p.title.as_str(), &rows)
        })
        .collect();
    let all: Vec<&SlideRow> = slides.iter().collect();
    let total = totals("all", deck.title.as_str(), &all);
    Report {
        deck: deck.title.as_str().to_owned(),
        rehearsals: records.len(),
        slides,
        parts,
        total,
    }
}

/// Milliseconds to whole seconds, as a stopwatch shows them.
fn whole_secs(ms: u64) -> u64 {
    ms / 1000
}

fn median(values: &[u64]) -> Option<u64> {
    let mut v = values.to_vec();
    v.sort_unstable();
    match v.len() {
        0 => None,
        n if n % 2 == 1 => Some(v[n / 2]),
        n => Some(u64::midpoint(v[n / 2 - 1], v[n / 2])),
    }
}

fn secs(s: Option<u64>) -> String {
    s.map_or("–".to_owned(), |s| clock(Duration::from_secs(s)))
}

/// The report as text, `width` columns wide at most.
pub fn render(report: &Report, max_width: usize) -> String {
    let mut out = String::new();
    let title_w = max_width.saturating_sub(34).clamp(16, 48);
    let _ = writeln!(
        out,
        "Rehearsals of \"{}\": {} on record; times are M:SS (H:MM:SS from an hour)",
        report.deck, report.rehearsals
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "  {:>3}  {:<title_w$}  {:>7}  {:>7}  {:>7}",
        "#", "slide", "budget", "last", "median5"
    );
    let mut part = "";
    for row in &report.slides {
        if row.part != part {
            part = &row.part;
            let _ = writeln!(out, "  {part}");
        }
        let title = truncate(&row.title, title_w);
        let pad = " ".repeat(title_w.saturating_sub(width(&title)));
        let _ = writeln!(
            out,
            "{} {:>3}  {title}{pad}  {:>7}  {:>7}  {:>7}",
            if row.over_budget { "▲" } else { " " },
            row.number,
            secs(row.budget_secs),
            secs(row.last_secs),
            secs(row.median_secs),
        );
    }
    // The legend explains a mark; with none in the table it would only alarm.
    if report.slides.iter().any(|r| r.over_budget) {
        let _ = writeln!(
            out,
            "  ▲ up to {FLAGGED} slides 10 s or more over budget, furthest first (by the median)"
        );
    }
    let _ = writeln!(out);
    let max = report
        .slides
        .iter()
        .filter_map(|r| r.last_secs)
        .max()
        .unwrap_or(0);
    for totals in report.parts.iter().chain(std::iter::once(&report.total)) {
        let _ = writeln!(
            out,
            "{:<24}  budget {:>7}   last {:>7}   median5 {:>7}",
            truncate(&totals.title, 24),
            clock(Duration::from_secs(totals.budget_secs)),
            clock(Duration::from_secs(totals.last_secs)),
            clock(Duration::from_secs(totals.median_secs)),
        );
        if totals.id != "all" {
            let bars: String = report
                .slides
                .iter()
                .filter(|r| r.part == totals.id)
                .map(|r| bar(r.last_secs, max))
                .collect();
            let _ = writeln!(out, "  {}", truncate(&bars, max_width.saturating_sub(2)));
        }
    }
    if max > 0 {
        let _ = writeln!(
            out,
            "  (one bar per slide: its time in the last rehearsal; a full bar is {})",
            clock(Duration::from_secs(max))
        );
    }
    out
}

/// One column of a bar chart: eight heights, a dot for a slide never reached.
fn bar(value: Option<u64>, max: u64) -> char {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    match value {
        Some(v) if max > 0 => {
            let level = usize::try_from(v.saturating_mul(7) / max).unwrap_or(7);
            BARS[level.min(7)]
        }
        _ => '·',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[5]), Some(5));
        assert_eq!(median(&[9, 1, 5]), Some(5));
        assert_eq!(median(&[1, 2, 3, 10]), Some(2));
    }

    #[test]
    fn bars_scale_to_the_longest_slide() {
        assert_eq!(bar(Some(100), 100), '█');
        assert_eq!(bar(Some(0), 100), '▁');
        assert_eq!(bar(None, 100), '·');
    }
}
