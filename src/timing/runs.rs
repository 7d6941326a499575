//! `tribune report --runs` and `--compare A B`: the rehearsals one by one, so a trend shows
//! over a term, and two of them set side by side, slide by slide and part by part, the largest
//! differences first. Pure: deck, records and a time zone in; a summary and text out.
//!
//! A run is numbered as `--runs` lists it, oldest first. Times are matched to the deck as it is
//! now (by id, else number and title, as `record` does) and taken whole, clicks included; a
//! slide counts as covered from a second on screen (`record::SHOWN`). Milliseconds are added,
//! then cut to whole seconds like a stopwatch's, so a difference may read a second away from
//! the difference of the two times shown.

use std::fmt::Write as _;
use std::time::Duration;

use jiff::tz::TimeZone;
use serde::Serialize;

use super::budget::clock;
use super::class_log::{day, hours, local, ranges};
use super::record::Record;
use crate::deck::Deck;
use crate::text::{roman, truncate, width};

/// A rehearsal named on the command line: its number in `--runs`, or the latest two.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunId {
    /// The run so numbered in `--runs` (1 is the oldest).
    Number(usize),
    /// The latest run.
    Last,
    /// The one before it.
    Previous,
}

impl RunId {
    /// Reads `3`, `last` or `previous`.
    pub fn parse(text: &str) -> Result<RunId, String> {
        match text.trim() {
            "last" => Ok(RunId::Last),
            "previous" => Ok(RunId::Previous),
            n => n
                .parse::<usize>()
                .ok()
                .filter(|&n| n > 0)
                .map(RunId::Number)
                .ok_or_else(|| {
                    format!(
                        "`{text}` is not a rehearsal: give its number in `--runs`, `last` or \
                         `previous`"
                    )
                }),
        }
    }

    /// The 0-based index among `count` runs, or why there is none.
    pub fn index(self, count: usize) -> Result<usize, String> {
        let there = |n: usize| match count {
            1 => format!("there is one rehearsal, not {n}"),
            _ => format!("there are {count} rehearsals, not {n}"),
        };
        match self {
            RunId::Number(n) if n <= count => Ok(n - 1),
            RunId::Number(n) => Err(there(n)),
            RunId::Last if count > 0 => Ok(count - 1),
            RunId::Previous if count > 1 => Ok(count - 2),
            RunId::Last | RunId::Previous => Err(there(2)),
        }
    }
}

/// A part of the deck, as the runs' columns name it.
#[derive(Clone, Debug, Serialize)]
pub struct PartName {
    /// The part's id.
    pub id: String,
    /// Its title.
    pub title: String,
}

/// Every rehearsal, oldest first.
#[derive(Clone, Debug, Serialize)]
pub struct Runs {
    /// The deck's title.
    pub deck: String,
    /// The deck's parts, in order: each run's `parts` follow them.
    pub parts: Vec<PartName>,
    /// The rehearsals.
    pub runs: Vec<Run>,
}

/// One rehearsal.
#[derive(Clone, Debug, Serialize)]
pub struct Run {
    /// 1-based, oldest first.
    pub number: usize,
    /// When it started: RFC 3339 in the local time zone.
    pub started: String,
    /// When it ended; absent for the checkpoint of a rehearsal cut off.
    pub ended: Option<String>,
    /// The target it was run against, in seconds.
    pub target_secs: Option<u64>,
    /// Seconds on the slides in all (the deck's slides and any it no longer has).
    pub total_secs: u64,
    /// Seconds on each part's slides, in the deck's order.
    pub parts_secs: Vec<u64>,
    /// Seconds the clock was paused.
    pub paused_secs: u64,
    /// The slides on screen a second or more, numbered as in the deck now.
    pub slides: Vec<usize>,
    /// The same as ranges: `1–4, 6`.
    pub slide_ranges: String,
    /// The local day, for the text.
    #[serde(skip)]
    day: String,
    /// The local start and end times, for the text.
    #[serde(skip)]
    hours: String,
}

/// Milliseconds as whole seconds, cut.
fn whole(ms: u64) -> u64 {
    ms / 1000
}

/// Milliseconds record `r` spent on slide `index` of `deck`, all of it.
fn millis(deck: &Deck, r: &Record, index: usize) -> u64 {
    deck.slide(index)
        .and_then(|s| r.time_for(s, index))
        .map_or(0, |t| u64::try_from(t.as_millis()).unwrap_or(u64::MAX))
}

/// The slides of each part, as index ranges.
fn part_slides(deck: &Deck) -> Vec<std::ops::Range<usize>> {
    (0..deck.parts.len())
        .map(|p| {
            let start = deck.part_start(p);
            start..start + deck.parts[p].slides.len()
        })
        .collect()
}

/// Lists `records` (oldest first) against `deck` as it is now, with times in `tz`.
pub fn list(deck: &Deck, records: &[Record], tz: &TimeZone) -> Runs {
    let parts = part_slides(deck);
    let runs = records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let covered: Vec<usize> = deck
                .slides()
                .enumerate()
                .filter(|&(k, s)| r.shown_for(s, k).is_some())
                .map(|(k, _)| k + 1)
                .collect();
            let (start, started) = local(r.started, tz).unzip();
            let (end, ended) = r.ended.and_then(|e| local(e, tz)).unzip();
            Run {
                number: i + 1,
                started: started.unwrap_or_else(|| "?".to_owned()),
                ended,
                target_secs: r.target_secs,
                total_secs: whole(r.total_millis()),
                parts_secs: parts
                    .iter()
                    .map(|range| whole(range.clone().map(|k| millis(deck, r, k)).sum()))
                    .collect(),
                paused_secs: whole(r.paused_millis()),
                slide_ranges: ranges(&covered),
                slides: covered,
                day: day(start),
                hours: hours(start, end, r.ended.is_some()),
            }
        })
        .collect();
    Runs {
        deck: deck.title.as_str().to_owned(),
        parts: deck
            .parts
            .iter()
            .map(|p| PartName {
                id: p.id.as_str().to_owned(),
                title: p.title.as_str().to_owned(),
            })
            .collect(),
        runs,
    }
}

/// Cells, each cut to its column's cap and padded to the widest in its column, two spaces
/// apart, no spaces trailing; `right` says which columns are right-aligned.
fn table(rows: &[Vec<String>], right: &[bool], caps: &[usize]) -> Vec<String> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|k| {
            let widest = rows
                .iter()
                .filter_map(|r| r.get(k))
                .map(|c| width(c))
                .max()
                .unwrap_or(0);
            caps.get(k).map_or(widest, |&cap| widest.min(cap))
        })
        .collect();
    rows.iter()
        .map(|row| {
            let mut line = String::from(" ");
            for (k, cell) in row.iter().enumerate() {
                let w = widths[k];
                let cell = truncate(cell, w);
                let fill = " ".repeat(w.saturating_sub(width(&cell)));
                line.push_str("  ");
                if right.get(k).copied().unwrap_or(false) {
                    line.push_str(&fill);
                    line.push_str(&cell);
                } else {
                    line.push_str(&cell);
                    line.push_str(&fill);
                }
            }
            line.trim_end().to_owned()
        })
        .collect()
}

/// Seconds as `M:SS`, or `–` for none.
fn time(secs: Option<u64>) -> String {
    secs.map_or("–".to_owned(), |s| clock(Duration::from_secs(s)))
}

/// `runs` as text, about `max_width` cells wide (the slides column is cut to fit).
pub fn render_runs(runs: &Runs, max_width: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Rehearsals of \"{}\": {}, oldest first; times are M:SS (H:MM:SS from an hour)",
        runs.deck,
        runs.runs.len()
    );
    let _ = writeln!(out);
    let mut head: Vec<String> = ["#", "day", "time", "target", "total"]
        .map(str::to_owned)
        .to_vec();
    head.extend((0..runs.parts.len()).map(|p| roman(p + 1)));
    head.push("slides".to_owned());
    let mut rows = vec![head];
    for run in &runs.runs {
        let mut row = vec![
            run.number.to_string(),
            run.day.clone(),
            run.hours.clone(),
            time(run.target_secs),
            time(Some(run.total_secs)),
        ];
        row.extend(run.parts_secs.iter().map(|&s| time(Some(s))));
        row.push(run.slide_ranges.clone());
        rows.push(row);
    }
    let fixed = 5 + runs.parts.len();
    let mut right = vec![true, false, false, true, true];
    right.extend(std::iter::repeat_n(true, runs.parts.len()));
    // The slides column gets what the others leave, and never less than 12 cells.
    let others: usize = rows
        .iter()
        .map(|r| r.iter().take(fixed).map(|c| width(c) + 2).sum::<usize>())
        .max()
        .unwrap_or(0);
    let mut caps = vec![usize::MAX; fixed];
    caps.push(max_width.saturating_sub(others + 1).max(12));
    for line in table(&rows, &right, &caps) {
        let _ = writeln!(out, "{line}");
    }
    let cut: Vec<String> = runs
        .runs
        .iter()
        .filter(|r| r.ended.is_none())
        .map(|r| r.number.to_string())
        .collect();
    if !cut.is_empty() {
        let _ = writeln!(
            out,
            "   … {} {} not closed (cut off, or still running): as of its last slide change",
            if cut.len() == 1 {
                "rehearsal"
            } else {
                "rehearsals"
            },
            cut.join(", ")
        );
    }
    let legend: Vec<String> = runs
        .parts
        .iter()
        .enumerate()
        .map(|(p, part)| format!("{} {}", roman(p + 1), part.title))
        .collect();
    let _ = writeln!(out, "   parts: {}", legend.join(" · "));
    out
}

/// One rehearsal, as a comparison names it.
#[derive(Clone, Debug, Serialize)]
pub struct RunRef {
    /// Its number in `--runs`.
    pub number: usize,
    /// When it started: RFC 3339 in the local time zone.
    pub started: String,
    /// The local day and start time, for the text.
    #[serde(skip)]
    when: String,
}

/// A slide, a part or the whole talk in both runs.
#[derive(Clone, Debug, Serialize)]
pub struct Difference {
    /// The slide's number (none for a part or the whole).
    pub number: Option<usize>,
    /// The part's id (the slide's part, for a slide), or `all` for the whole talk.
    pub part: String,
    /// The title.
    pub title: String,
    /// Seconds in the first run.
    pub a_secs: u64,
    /// Seconds in the second run.
    pub b_secs: u64,
    /// The first less the second, in seconds (cut towards zero).
    pub change_secs: i64,
    /// Milliseconds in each run, for exact differences.
    #[serde(skip)]
    ms: (u64, u64),
}

impl Difference {
    fn new(number: Option<usize>, part: &str, title: &str, (a, b): (u64, u64)) -> Difference {
        let change = i64::try_from(whole(a.abs_diff(b))).unwrap_or(i64::MAX);
        Difference {
            number,
            part: part.to_owned(),
            title: title.to_owned(),
            a_secs: whole(a),
            b_secs: whole(b),
            change_secs: if a < b { -change } else { change },
            ms: (a, b),
        }
    }

    /// How far apart the runs are, for the order: the largest first.
    fn size(&self) -> u64 {
        self.ms.0.abs_diff(self.ms.1)
    }
}

/// Two rehearsals side by side.
#[derive(Clone, Debug, Serialize)]
pub struct Comparison {
    /// The deck's title.
    pub deck: String,
    /// The first run named.
    pub a: RunRef,
    /// The second.
    pub b: RunRef,
    /// The slides on screen a second or more in either run, the largest differences first.
    pub slides: Vec<Difference>,
    /// The parts, the largest differences first.
    pub parts: Vec<Difference>,
    /// The whole talk (every slide the records hold).
    pub total: Difference,
}

/// Compares `records[a]` with `records[b]` (indices into `records`, oldest first) against
/// `deck` as it is now, with times in `tz`.
pub fn compare(
    deck: &Deck,
    records: &[Record],
    (a, b): (usize, usize),
    tz: &TimeZone,
) -> Comparison {
    let run = |i: usize| {
        let r = &records[i];
        let start = local(r.started, tz);
        RunRef {
            number: i + 1,
            started: start
                .as_ref()
                .map_or_else(|| "?".to_owned(), |s| s.1.clone()),
            when: start.map_or_else(
                || "?".to_owned(),
                |s| format!("{} {}", day(Some(s.0)), s.0.strftime("%H:%M")),
            ),
        }
    };
    let (ra, rb) = (&records[a], &records[b]);
    let mut slides: Vec<Difference> = deck
        .slides()
        .enumerate()
        .filter(|&(k, s)| ra.shown_for(s, k).is_some() || rb.shown_for(s, k).is_some())
        .map(|(k, s)| {
            let part = deck.parts[deck.part_of(k)].id.as_str();
            let ms = (millis(deck, ra, k), millis(deck, rb, k));
            Difference::new(Some(k + 1), part, s.title.as_str(), ms)
        })
        .collect();
    // The largest first; of equals, in deck order (the sort is stable).
    slides.sort_by_key(|d| std::cmp::Reverse(d.size()));
    let mut parts: Vec<Difference> = part_slides(deck)
        .into_iter()
        .zip(&deck.parts)
        .map(|(range, p)| {
            let sum = |r: &Record| range.clone().map(|k| millis(deck, r, k)).sum::<u64>();
            Difference::new(None, p.id.as_str(), p.title.as_str(), (sum(ra), sum(rb)))
        })
        .collect();
    parts.sort_by_key(|d| std::cmp::Reverse(d.size()));
    let total = Difference::new(
        None,
        "all",
        deck.title.as_str(),
        (ra.total_millis(), rb.total_millis()),
    );
    Comparison {
        deck: deck.title.as_str().to_owned(),
        a: run(a),
        b: run(b),
        slides,
        parts,
        total,
    }
}

/// A change of so many seconds: `+1:00`, `−0:49`, `0:00`.
fn change(secs: i64) -> String {
    let t = clock(Duration::from_secs(secs.unsigned_abs()));
    match secs.signum() {
        1 => format!("+{t}"),
        -1 => format!("−{t}"),
        _ => t,
    }
}

/// `comparison` as text, about `max_width` cells wide (titles are cut to fit).
pub fn render_comparison(c: &Comparison, max_width: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Rehearsals of \"{}\": {} ({}) against {} ({})",
        c.deck, c.a.number, c.a.when, c.b.number, c.b.when
    );
    let _ = writeln!(
        out,
        "The largest differences first; a change is {}'s time less {}'s",
        c.a.number, c.b.number
    );
    let (a, b) = (c.a.number.to_string(), c.b.number.to_string());
    let title_w = max_width.saturating_sub(36).clamp(16, 48);
    let section = |out: &mut String, head: [&str; 2], rows: &[(&str, &Difference)]| {
        let _ = writeln!(out);
        let mut lines = vec![
            [head[0], head[1], a.as_str(), b.as_str(), "change"]
                .map(str::to_owned)
                .to_vec(),
        ];
        for &(title, d) in rows {
            lines.push(vec![
                d.number.map_or(String::new(), |n| n.to_string()),
                truncate(title, title_w),
                time(Some(d.a_secs)),
                time(Some(d.b_secs)),
                change(d.change_secs),
            ]);
        }
        for line in table(&lines, &[true, false, true, true, true], &[]) {
            let _ = writeln!(out, "{line}");
        }
    };
    let slides: Vec<(&str, &Difference)> = c.slides.iter().map(|d| (d.title.as_str(), d)).collect();
    section(&mut out, ["#", "slide"], &slides);
    let mut parts: Vec<(&str, &Difference)> =
        c.parts.iter().map(|d| (d.title.as_str(), d)).collect();
    parts.push(("in all", &c.total));
    section(&mut out, ["", "part"], &parts);
    out
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case("3", Ok(RunId::Number(3)))]
    #[case("last", Ok(RunId::Last))]
    #[case("previous", Ok(RunId::Previous))]
    fn run_ids(#[case] text: &str, #[case] id: Result<RunId, String>) {
        assert_eq!(RunId::parse(text), id);
    }

    #[rstest]
    #[case("0")]
    #[case("-1")]
    #[case("latest")]
    #[case("")]
    fn not_run_ids(#[case] text: &str) {
        assert!(RunId::parse(text).unwrap_err().contains("give its number"));
    }

    #[test]
    fn run_ids_find_their_run_or_say_how_many_there_are() {
        assert_eq!(RunId::Last.index(6), Ok(5));
        assert_eq!(RunId::Previous.index(6), Ok(4));
        assert_eq!(RunId::Number(1).index(6), Ok(0));
        assert_eq!(
            RunId::Number(7).index(6),
            Err("there are 6 rehearsals, not 7".to_owned())
        );
        assert_eq!(
            RunId::Previous.index(1),
            Err("there is one rehearsal, not 2".to_owned())
        );
    }

    #[rstest]
    #[case(60, "+1:00")]
    #[case(-49, "−0:49")]
    #[case(0, "0:00")]
    #[case(-3725, "−1:02:05")]
    fn changes(#[case] secs: i64, #[case] text: &str) {
        assert_eq!(change(secs), text);
    }
}
