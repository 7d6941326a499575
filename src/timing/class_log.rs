//! `tribune log`: the classes given from a deck, oldest first: when each ran, how long slides
//! were on screen, how long the talk clock was paused for questions, which slides and which
//! stretch of history it covered, and where it stopped, so that a lecture spread over several
//! classes can be picked up where it was left. A class record is a [`Record`] kept in the state
//! directory's `classes/` (see `record`).
//!
//! [`build`] and [`render`] are pure (deck, records and a time zone in; a summary and text out);
//! the `log` command does the reading and printing.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use serde::Serialize;

use super::budget::clock;
use super::record::{self, Record};
use crate::deck::{DayRange, Deck};
use crate::text::{truncate, width, wrap_plain};

/// The widest the text gets.
pub const MAX_WIDTH: usize = 120;

/// The widest the slides column gets; longer cells are cut with `…`.
const SLIDES_W: usize = 24;

/// The widest the dates column gets.
const DATES_W: usize = 24;

/// Every class given from a deck.
#[derive(Clone, Debug, Serialize)]
pub struct ClassLog {
    /// The deck's title.
    pub deck: String,
    /// The classes, oldest first.
    pub classes: Vec<ClassSummary>,
    /// Seconds on screen in all the classes (milliseconds added, then cut).
    pub on_screen_secs: u64,
    /// Seconds the talk clock was paused in all the classes (milliseconds added, then cut).
    pub paused_secs: u64,
    /// Where `tribune --resume` starts; absent when there is nothing to resume.
    pub next: Option<SlideRef>,
}

/// One class.
#[derive(Clone, Debug, Serialize)]
pub struct ClassSummary {
    /// 1-based, oldest first.
    pub number: usize,
    /// When it started: RFC 3339 in the local time zone.
    pub started: String,
    /// When it ended; absent for a class still running or cut off (its last checkpoint is
    /// what the other fields describe).
    pub ended: Option<String>,
    /// Seconds the slides were on screen (milliseconds added, then cut), pauses left out.
    pub on_screen_secs: u64,
    /// How many times the talk clock was paused (for questions).
    pub pauses: usize,
    /// Seconds it was paused in all (milliseconds added, then cut).
    pub paused_secs: u64,
    /// The slides on screen for a second or more, numbered as in the deck now.
    pub slides: Vec<usize>,
    /// The same as ranges: `1–12, 15, 30–34`.
    pub slide_ranges: String,
    /// Slides shown for a second or more that the deck no longer has.
    pub slides_removed: usize,
    /// The stretch of history the shown slides cover (flashbacks left out).
    pub dates: Option<Covered>,
    /// The slide on screen when it stopped.
    pub stopped_at: Option<StopSummary>,
    /// The local day, for the text (`Tue 24 Nov 2026`).
    #[serde(skip)]
    day: String,
    /// The local start and end times, for the text (`09:02–09:51`).
    #[serde(skip)]
    hours: String,
}

/// A stretch of history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Covered {
    /// The first day (ISO 8601).
    pub first: String,
    /// The last day.
    pub last: String,
    /// As the text shows it, each end at the precision of the slide dates it comes from:
    /// `1953`, `Jun 1953 – 1954`, `5 Mar 1953`.
    pub text: String,
}

/// Where a class stopped.
#[derive(Clone, Debug, Serialize)]
pub struct StopSummary {
    /// The slide's number in the deck now, or its number then if it is gone.
    pub number: usize,
    /// Its title now, or then if it is gone.
    pub title: String,
    /// Whether the deck still has the slide.
    pub in_deck: bool,
}

/// A slide of the deck now.
#[derive(Clone, Debug, Serialize)]
pub struct SlideRef {
    /// 1-based number.
    pub number: usize,
    /// Its id, if it has one.
    pub id: Option<String>,
    /// Its title.
    pub title: String,
}

/// A path as the user gave it, as one word for a POSIX shell: as it is when that is safe,
/// else in single quotes (the log's commands and `tribune new`'s next steps print it).
pub fn shell_word(path: &Path) -> String {
    let text = path.to_string_lossy();
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || "/._-+,:@%=".contains(c));
    if plain {
        text.into_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// Summarises `records` (oldest first) against `deck` as it is now, with times in `tz`.
pub fn build(deck: &Deck, records: &[Record], tz: &TimeZone) -> ClassLog {
    let classes: Vec<ClassSummary> = records
        .iter()
        .enumerate()
        .map(|(i, r)| summarise(deck, r, i + 1, tz))
        .collect();
    let total_ms: u64 = records.iter().map(Record::total_millis).sum();
    let paused_ms: u64 = records.iter().map(Record::paused_millis).sum();
    let next = record::resume_point(deck, records).and_then(|i| {
        deck.slide(i).map(|s| SlideRef {
            number: i + 1,
            id: s.id.as_ref().map(|id| id.as_str().to_owned()),
            title: s.title.as_str().to_owned(),
        })
    });
    ClassLog {
        deck: deck.title.as_str().to_owned(),
        classes,
        on_screen_secs: total_ms / 1000,
        paused_secs: paused_ms / 1000,
        next,
    }
}

fn summarise(deck: &Deck, r: &Record, number: usize, tz: &TimeZone) -> ClassSummary {
    let shown: Vec<usize> = deck
        .slides()
        .enumerate()
        .filter(|&(i, s)| r.shown_for(s, i).is_some())
        .map(|(i, _)| i)
        .collect();
    let slides_removed = r
        .slides
        .iter()
        .filter(|t| {
            Duration::from_millis(t.millis) >= record::SHOWN
                && !deck.slides().enumerate().any(|(i, s)| t.is(s, i))
        })
        .count();
    let numbers: Vec<usize> = shown.iter().map(|i| i + 1).collect();
    let stopped_at = r.stopped_at.as_ref().map(|stop| {
        match record::find_stop(deck, stop).and_then(|i| deck.slide(i).map(|s| (i, s))) {
            Some((i, s)) => StopSummary {
                number: i + 1,
                title: s.title.as_str().to_owned(),
                in_deck: true,
            },
            None => StopSummary {
                number: stop.number,
                title: printable(&stop.title),
                in_deck: false,
            },
        }
    });
    let (start, started) = local(r.started, tz).unzip();
    let (end, ended) = r.ended.and_then(|e| local(e, tz)).unzip();
    ClassSummary {
        number,
        started: started.unwrap_or_else(|| "?".to_owned()),
        ended,
        on_screen_secs: r.total_millis() / 1000,
        pauses: r.pauses.len(),
        paused_secs: r.paused_millis() / 1000,
        slide_ranges: ranges(&numbers),
        slides: numbers,
        slides_removed,
        dates: covered(deck, &shown),
        stopped_at,
        day: day(start),
        hours: hours(start, end, r.ended.is_some()),
    }
}

/// Unix seconds as a civil time in `tz`, and as RFC 3339 with the zone's offset.
pub(crate) fn local(secs: u64, tz: &TimeZone) -> Option<(DateTime, String)> {
    let ts = Timestamp::from_second(i64::try_from(secs).ok()?).ok()?;
    let zoned = ts.to_zoned_datetime(tz.clone());
    Some((
        tz.to_datetime(ts),
        zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
    ))
}

/// The local day of a civil time: `Tue 24 Nov 2026`; `?` when there is none.
pub(crate) fn day(time: Option<DateTime>) -> String {
    time.map_or_else(
        || "?".to_owned(),
        |dt| dt.strftime("%a %-d %b %Y").to_string(),
    )
}

/// `09:02–09:51`; `23:40–00:30 +1d` past midnight; `09:02–…` for a class not closed.
pub(crate) fn hours(start: Option<DateTime>, end: Option<DateTime>, ended: bool) -> String {
    let Some(start) = start else {
        return "?".to_owned();
    };
    let from = start.strftime("%H:%M");
    match end {
        Some(end) => {
            let days = start
                .date()
                .until(end.date())
                .map_or(0, |span| span.get_days());
            let to = end.strftime("%H:%M");
            if days > 0 {
                format!("{from}–{to} +{days}d")
            } else {
                format!("{from}–{to}")
            }
        }
        None if ended => format!("{from}–?"),
        None => format!("{from}–…"),
    }
}

/// Slide numbers (ascending) as ranges: `1–12, 15, 30–34`; `–` for none.
pub fn ranges(numbers: &[usize]) -> String {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &n in numbers {
        match runs.last_mut() {
            Some((_, last)) if n == *last + 1 => *last = n,
            _ => runs.push((n, n)),
        }
    }
    if runs.is_empty() {
        return "–".to_owned();
    }
    runs.iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// How precise one end of a slide's date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Precision {
    Day,
    Month,
    Year,
}

/// The precision of a range's ends: whole years, whole months, or days.
fn precision(r: DayRange) -> Precision {
    let starts_month = r.first.day() == 1;
    let ends_month = r.last == r.last.last_of_month();
    if starts_month && r.first.month() == 1 && ends_month && r.last.month() == 12 {
        Precision::Year
    } else if starts_month && ends_month {
        Precision::Month
    } else {
        Precision::Day
    }
}

fn point(date: Date, precision: Precision) -> String {
    match precision {
        Precision::Year => date.year().to_string(),
        Precision::Month => format!("{} {}", date.strftime("%b"), date.year()),
        Precision::Day => format!("{} {} {}", date.day(), date.strftime("%b"), date.year()),
    }
}

/// The stretch of history slides `shown` (0-based) cover: from the earliest day any of them
/// touches to the latest, each end written as precisely as the slide dates it comes from (the
/// coarsest when several slides share it). Flashbacks are left out unless nothing else was
/// shown.
pub fn covered(deck: &Deck, shown: &[usize]) -> Option<Covered> {
    let slides: Vec<_> = shown.iter().filter_map(|&i| deck.slide(i)).collect();
    let in_story: Vec<DayRange> = slides
        .iter()
        .filter(|s| !s.flashback)
        .filter_map(|s| s.extent())
        .collect();
    // Undated slides cover no stretch of history.
    let extents = if in_story.is_empty() {
        slides.iter().filter_map(|s| s.extent()).collect()
    } else {
        in_story
    };
    let first = extents.iter().map(|r| r.first).min()?;
    let last = extents.iter().map(|r| r.last).max()?;
    let coarsest = |at: &dyn Fn(&DayRange) -> bool| {
        extents
            .iter()
            .filter(|r| at(r))
            .copied()
            .map(precision)
            .max()
            .unwrap_or(Precision::Day)
    };
    let from = point(first, coarsest(&|r| r.first == first));
    let to = point(last, coarsest(&|r| r.last == last));
    Some(Covered {
        first: first.to_string(),
        last: last.to_string(),
        text: if from == to {
            from
        } else {
            format!("{from} – {to}")
        },
    })
}

/// Recorded text made safe to print: control characters become spaces.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Column headings, and which columns are right-aligned.
const HEADS: [&str; 7] = [
    "#",
    "day",
    "time",
    "on screen",
    "slides",
    "dates",
    "stopped at",
];
const RIGHT: [bool; 7] = [true, false, false, true, false, false, false];

/// Widest each column but the last may get.
const CAPS: [usize; 6] = [4, 20, 20, 10, SLIDES_W, DATES_W];

/// A table line: cells cut and padded to `widths`, two spaces apart, no trailing spaces.
fn table_line(cells: &[&str], widths: &[usize]) -> String {
    let mut line = String::from(" ");
    for ((cell, &w), right) in cells.iter().zip(widths).zip(RIGHT) {
        let cell = truncate(cell, w);
        let fill = " ".repeat(w.saturating_sub(width(&cell)));
        line.push_str("  ");
        if right {
            line.push_str(&fill);
            line.push_str(&cell);
        } else {
            line.push_str(&cell);
            line.push_str(&fill);
        }
    }
    line.trim_end().to_owned()
}

/// The cells of a class's row.
fn cells(c: &ClassSummary) -> [String; 7] {
    let mut slides = c.slide_ranges.clone();
    if c.slides_removed > 0 {
        let _ = write!(slides, " +{} removed", c.slides_removed);
    }
    let stop = c.stopped_at.as_ref().map_or("–".to_owned(), |s| {
        if s.in_deck {
            format!("{} · {}", s.number, s.title)
        } else {
            format!("was {} · {} (removed)", s.number, s.title)
        }
    });
    [
        c.number.to_string(),
        c.day.clone(),
        c.hours.clone(),
        clock(Duration::from_secs(c.on_screen_secs)),
        slides,
        c.dates.as_ref().map_or("–".to_owned(), |d| d.text.clone()),
        stop,
    ]
}

/// `tribune`, then `flags`, then the deck (nothing for the bundled lecture).
pub fn command_line(flags: &[&str], deck: Option<&str>) -> String {
    std::iter::once("tribune")
        .chain(flags.iter().copied())
        .chain(deck)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The log as text at most `max_width` cells wide (the last column is cut to fit, down to 12
/// cells); `deck` is the deck's path as a shell word (none for the bundled lecture), for the
/// closing line.
pub fn render(log: &ClassLog, deck: Option<&str>, max_width: usize) -> String {
    let command = command_line(&[], deck);
    let mut out = String::new();
    let paused = if log.classes.iter().any(|c| c.pauses > 0) {
        format!(", {} paused", clock(Duration::from_secs(log.paused_secs)))
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "Classes given from \"{}\": {}, oldest first; {} on screen in all{paused}",
        log.deck,
        log.classes.len(),
        clock(Duration::from_secs(log.on_screen_secs))
    );
    let _ = writeln!(out);
    let rows: Vec<[String; 7]> = log.classes.iter().map(cells).collect();
    let mut widths: Vec<usize> = CAPS
        .iter()
        .enumerate()
        .map(|(k, &cap)| {
            rows.iter()
                .map(|r| width(&r[k]))
                .chain([width(HEADS[k])])
                .max()
                .unwrap_or(0)
                .min(cap)
        })
        .collect();
    let used: usize = 1 + widths.iter().map(|w| w + 2).sum::<usize>() + 2;
    widths.push(max_width.saturating_sub(used).max(12));
    let _ = writeln!(out, "{}", table_line(&HEADS, &widths));
    for row in &rows {
        let row: Vec<&str> = row.iter().map(String::as_str).collect();
        let _ = writeln!(out, "{}", table_line(&row, &widths));
    }
    let open: Vec<String> = log
        .classes
        .iter()
        .filter(|c| c.ended.is_none())
        .map(|c| c.number.to_string())
        .collect();
    if !open.is_empty() {
        let _ = writeln!(
            out,
            "   … {} {} not closed (still running, or tribune was cut off): shown as of its last \
             slide change",
            if open.len() == 1 { "class" } else { "classes" },
            open.join(", "),
        );
    }
    let paused: Vec<String> = log
        .classes
        .iter()
        .filter(|c| c.pauses > 0)
        .map(|c| {
            let time = clock(Duration::from_secs(c.paused_secs));
            match c.pauses {
                1 => format!("class {} {time}", c.number),
                n => format!("class {} {time} in {n} pauses", c.number),
            }
        })
        .collect();
    if !paused.is_empty() {
        let note = format!(
            "⏸ paused for questions (in no slide's time on screen): {}",
            paused.join(", ")
        );
        // Under the table, as wide as it may get, following lines under the first's text.
        for (i, line) in wrap_plain(&note, &(), max_width.saturating_sub(5))
            .iter()
            .enumerate()
        {
            let text: String = line.iter().map(|(t, ())| t.as_str()).collect();
            let _ = writeln!(out, "{}{text}", if i == 0 { "   " } else { "     " });
        }
    }
    let _ = writeln!(out);
    if let Some(next) = &log.next {
        let lead = format!(
            "next: `{}` starts at slide {} (",
            command_line(&["--resume"], deck),
            next.number
        );
        let room = max_width.saturating_sub(width(&lead) + 1).max(12);
        let _ = writeln!(out, "{lead}{})", truncate(&next.title, room));
    } else if log.classes.iter().any(|c| c.stopped_at.is_some()) {
        let _ = writeln!(
            out,
            "next: the last class stopped on slide 1, where `{command}` starts anyway"
        );
    } else {
        let _ = writeln!(
            out,
            "next: no class says where it stopped; `{command}` starts at slide 1"
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;
    use crate::deck::parse_deck;
    use crate::timing::record::{SlideTime, Stop};

    /// Seven slides: a flashback, a year, a month, a day, an interval, a span, and an undated
    /// slide.
    fn deck() -> Deck {
        parse_deck(
            "t.ron",
            br#"Deck(title: "T", span: "1953/1956", parts: [Part(id: "p", title: "P", slides: [
                Slide(id: "a", title: "A", date: "1924", flashback: true, notes: "n"),
                Slide(id: "b", title: "B", date: "1953", notes: "n"),
                Slide(id: "c", title: "C", date: "1953-06", notes: "n"),
                Slide(title: "D", date: "1953-03-05", notes: "n"),
                Slide(id: "e", title: "E", date: "1955-12-31/1956-02-09", notes: "n"),
                Slide(id: "f", title: "F", date: "1956-02-25", span: "1956-02", notes: "n"),
                Slide(id: "g", title: "G", notes: "n"),
            ])])"#,
        )
        .unwrap()
        .deck
    }

    fn time(number: usize, id: Option<&str>, title: &str, millis: u64) -> SlideTime {
        SlideTime {
            number,
            id: id.map(str::to_owned),
            title: title.to_owned(),
            budget_secs: None,
            millis,
        }
    }

    fn record(started: u64, ended: Option<u64>, slides: Vec<SlideTime>) -> Record {
        Record {
            version: record::VERSION,
            deck_title: "T".to_owned(),
            started,
            ended,
            target_secs: None,
            slides,
            stopped_at: None,
            pauses: Vec::new(),
        }
    }

    #[rstest]
    #[case(&[], "–")]
    #[case(&[7], "7")]
    #[case(&[1, 2], "1–2")]
    #[case(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 30, 31, 32, 33, 34], "1–12, 15, 30–34")]
    #[case(&[2, 4, 6], "2, 4, 6")]
    #[case(&[1, 3, 4], "1, 3–4")]
    fn slide_ranges(#[case] numbers: &[usize], #[case] text: &str) {
        assert_eq!(ranges(numbers), text);
    }

    #[rstest]
    // The year and the month inside it: the year covers all.
    #[case(&[1, 2], "1953-01-01", "1953-12-31", "1953")]
    #[case(&[2], "1953-06-01", "1953-06-30", "Jun 1953")]
    #[case(&[3], "1953-03-05", "1953-03-05", "5 Mar 1953")]
    // A month to a day: each end as precise as its slide.
    #[case(&[2, 3], "1953-03-05", "1953-06-30", "5 Mar 1953 – Jun 1953")]
    // An interval of days; a day widened by a month span (the month's end is coarser).
    #[case(&[4], "1955-12-31", "1956-02-09", "31 Dec 1955 – 9 Feb 1956")]
    #[case(&[2, 5], "1953-06-01", "1956-02-29", "Jun 1953 – Feb 1956")]
    // The flashback to 1924 is left out...
    #[case(&[0, 2, 4], "1953-06-01", "1956-02-09", "Jun 1953 – 9 Feb 1956")]
    // ...unless it is all that was shown.
    #[case(&[0], "1924-01-01", "1924-12-31", "1924")]
    // An undated slide covers no stretch of history.
    #[case(&[2, 6], "1953-06-01", "1953-06-30", "Jun 1953")]
    fn dates_covered(
        #[case] shown: &[usize],
        #[case] first: &str,
        #[case] last: &str,
        #[case] text: &str,
    ) {
        let c = covered(&deck(), shown).unwrap();
        assert_eq!(
            (c.first.as_str(), c.last.as_str(), c.text.as_str()),
            (first, last, text)
        );
    }

    #[test]
    fn nothing_shown_covers_nothing() {
        assert_eq!(covered(&deck(), &[]), None);
        assert_eq!(covered(&deck(), &[6]), None, "only an undated slide");
    }

    #[test]
    fn a_class_in_utc() {
        let d = deck();
        // 2026-11-24T09:02:00Z is 1_795_510_920; it ended 49 min 30 s later.
        let mut r = record(
            1_795_510_920,
            Some(1_795_510_920 + 49 * 60 + 30),
            vec![
                time(1, Some("a"), "A", 999),
                time(2, Some("b"), "B", 61_500),
                // Matched by number and title: no id on the deck's slide.
                time(4, None, "D", 1000),
                // No longer in the deck.
                time(5, Some("gone"), "Gone", 30_000),
                time(6, Some("f"), "F", 500),
            ],
        );
        r.stopped_at = Some(Stop {
            number: 4,
            id: None,
            title: "D".to_owned(),
        });
        let c = summarise(&d, &r, 1, &TimeZone::UTC);
        assert_eq!(c.started, "2026-11-24T09:02:00+00:00");
        assert_eq!(c.ended.as_deref(), Some("2026-11-24T09:51:30+00:00"));
        assert_eq!(c.day, "Tue 24 Nov 2026");
        assert_eq!(c.hours, "09:02–09:51");
        // 0.999 + 61.5 + 1 + 30 + 0.5 = 93.999 s.
        assert_eq!(c.on_screen_secs, 93);
        assert_eq!(c.slides, [2, 4]);
        assert_eq!(c.slide_ranges, "2, 4");
        assert_eq!(c.slides_removed, 1);
        assert_eq!(c.dates.unwrap().text, "1953");
        let stop = c.stopped_at.unwrap();
        assert_eq!(
            (stop.number, stop.title.as_str(), stop.in_deck),
            (4, "D", true)
        );
    }

    #[test]
    fn hours_past_midnight_and_unclosed() {
        let at = |d: i8, h: i8, m: i8| jiff::civil::date(2026, 11, d).at(h, m, 0, 0);
        assert_eq!(
            hours(Some(at(24, 23, 40)), Some(at(25, 0, 30)), true),
            "23:40–00:30 +1d"
        );
        assert_eq!(hours(Some(at(24, 9, 2)), None, false), "09:02–…");
    }

    #[test]
    fn a_stop_no_longer_in_the_deck_is_shown_as_recorded() {
        let mut r = record(0, Some(60), vec![time(1, Some("a"), "A", 5000)]);
        r.stopped_at = Some(Stop {
            number: 9,
            id: Some("gone".to_owned()),
            title: "Gone\x1b[2J".to_owned(),
        });
        let c = summarise(&deck(), &r, 1, &TimeZone::UTC);
        let stop = c.stopped_at.unwrap();
        assert_eq!(
            (stop.number, stop.title.as_str(), stop.in_deck),
            (9, "Gone [2J", false)
        );
    }

    #[rstest]
    #[case("talks/stalin.ron", "talks/stalin.ron")]
    #[case("lecture.ron", "lecture.ron")]
    #[case("/tmp/x/a-b_1.ron", "/tmp/x/a-b_1.ron")]
    #[case("my lecture.ron", "'my lecture.ron'")]
    #[case("my talks/it's.ron", r"'my talks/it'\''s.ron'")]
    #[case("it's.ron", r"'it'\''s.ron'")]
    #[case("$HOME.ron", "'$HOME.ron'")]
    fn shell_words(#[case] path: &str, #[case] word: &str) {
        assert_eq!(shell_word(Path::new(path)), word);
    }

    #[test]
    fn command_lines() {
        assert_eq!(command_line(&[], None), "tribune");
        assert_eq!(
            command_line(&["--resume"], Some("a.ron")),
            "tribune --resume a.ron"
        );
    }
}
