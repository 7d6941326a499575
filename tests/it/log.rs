//! The class log through the library, on hand-written class records: `tests/fixtures/classes/`
//! holds three classes given from the rehearsal fixture deck (`tests/fixtures/rehearsal/
//! deck.ron`, seven slides) when it still had an eighth, "The secret speech" (id `speech`),
//! between "Aftermath" and "Legacy"; it has been deleted since, so "Legacy" and "Questions"
//! moved from 7 and 8 to 6 and 7. The records hold milliseconds; here in seconds:
//!
//! ```text
//!     UTC, 2026         seconds on screen, by slide number then                     stopped
//!                       1 open  2 world  3 crisis  4 turn  5 after  6 speech  7 legacy  8 quest
//! C1  Tue 24 Nov 09:02     95   1210.5    840.25    612      0.4        –         –        –   4
//!     ended 09:51:30
//! C2  Thu 26 Nov 09:01      –        –         –    300   1500     1020      0.999       –   6
//!     ended 09:49:10
//! C3  Tue  1 Dec 09:00      –        –         –      –      –        0.8     600      125.5   7
//!     not closed
//! ```
//!
//! C1 knew slide 2 as "Context" (same id); its talk clock was paused once, for 3:20 on slide 2
//! (the pause is in no slide's time: the 49:30 of wall clock hold 45:58 on screen and 3:20
//! paused); C3 was paused twice on slide 7, for 125.5 s and then 60.25 s, the second still on
//! at its last checkpoint. Worked by hand (a slide counts from one second on):
//!
//! - C1: 95 + 1210.5 + 840.25 + 612 + 0.4 = 2758.15 s → 45:58; slides 1–4 (aftermath's 0.4 s
//!   was a click past it); dates 1953, 1953-01, 1953-03-01, 1953-06: the year 1953 holds them
//!   all → "1953"; stopped at 4, The turning point.
//! - C2: 300 + 1500 + 1020 + 0.999 = 2820.999 s → 47:00; slides 4 and 5 → "4–5", and the
//!   secret speech, which the deck no longer has → "+1 removed"; legacy's 0.999 s does not
//!   count; dates June 1953 (a month) to 1954 (a year) → "Jun 1953 – 1954"; stopped on the
//!   deleted slide, shown as it was: "was 6 · The secret speech (removed)".
//! - C3, the checkpoint of a class not closed: 0.8 + 600 + 125.5 = 726.3 s → 12:06; slides
//!   "6–7" in today's numbering (found by id); the speech's 0.8 s is neither shown nor removed;
//!   dates 25 Feb 1956 and the year 1956 → "1956"; stopped at legacy, 7 then, 6 now.
//! - In all 2758.15 + 2820.999 + 726.3 = 6305.449 s → 1:45:05 (the rows' whole seconds add to
//!   6304). `--resume` starts where the newest class stopped: slide 6, Legacy.
//! - Paused: C1 200 s → 3:20; C2 never; C3 125.5 + 60.25 = 185.75 s → 3:05 in 2 pauses; in all
//!   385.75 s → 6:25.

use jiff::tz::TimeZone;
use tribune::timing::class_log::{ClassLog, build, render};
use tribune::timing::record::resume_point;

use crate::support::app::in_snapshots;
use crate::support::fixtures::{class_records as records, rehearsal_deck as deck};

fn log() -> ClassLog {
    build(&deck(), &records(), &TimeZone::UTC)
}

#[test]
fn the_classes_load_oldest_first() {
    let records = records();
    let started: Vec<u64> = records.iter().map(|r| r.started).collect();
    // 09:02 on 24 Nov, then 2 days less a minute, then 5 days less a minute.
    assert_eq!(
        started,
        [
            1_795_510_920,
            1_795_510_920 + 2 * 86_400 - 60,
            1_795_510_920 + 7 * 86_400 - 120
        ]
    );
    let ended: Vec<bool> = records.iter().map(|r| r.ended.is_some()).collect();
    assert_eq!(ended, [true, true, false]);
    assert!(records.iter().all(|r| r.stopped_at.is_some()));
}

#[test]
fn hand_computed_figures() {
    let log = log();
    assert_eq!(log.deck, "Rehearsal fixture");
    let rows: Vec<_> = log
        .classes
        .iter()
        .map(|c| {
            (
                c.number,
                c.started.as_str(),
                c.ended.as_deref(),
                c.on_screen_secs,
                c.slides.clone(),
                c.slide_ranges.as_str(),
                c.slides_removed,
                c.dates.as_ref().map(|d| d.text.as_str()),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                1,
                "2026-11-24T09:02:00+00:00",
                Some("2026-11-24T09:51:30+00:00"),
                2758,
                vec![1, 2, 3, 4],
                "1–4",
                0,
                Some("1953"),
            ),
            (
                2,
                "2026-11-26T09:01:00+00:00",
                Some("2026-11-26T09:49:10+00:00"),
                2820,
                vec![4, 5],
                "4–5",
                1,
                Some("Jun 1953 – 1954"),
            ),
            (
                3,
                "2026-12-01T09:00:00+00:00",
                None,
                726,
                vec![6, 7],
                "6–7",
                0,
                Some("1956"),
            ),
        ]
    );
    let dates = log.classes[1].dates.as_ref().unwrap();
    assert_eq!(
        (dates.first.as_str(), dates.last.as_str()),
        ("1953-06-01", "1954-12-31")
    );
    let stops: Vec<_> = log
        .classes
        .iter()
        .map(|c| {
            let s = c.stopped_at.as_ref().unwrap();
            (s.number, s.title.as_str(), s.in_deck)
        })
        .collect();
    assert_eq!(
        stops,
        [
            (4, "The turning point", true),
            (6, "The secret speech", false),
            (6, "Legacy", true),
        ]
    );
    // Milliseconds added, then cut: a second more than the rows.
    assert_eq!(log.on_screen_secs, 6305);
    let next = log.next.as_ref().unwrap();
    assert_eq!(
        (next.number, next.id.as_deref(), next.title.as_str()),
        (6, Some("legacy"), "Legacy")
    );
    assert_eq!(resume_point(&deck(), &records()), Some(5));
}

/// Without the crashed class, the newest stop is the deleted slide: `--resume` guesses the
/// same place, slide 6 (Legacy, which moved into it).
#[test]
fn resuming_after_a_deleted_slide() {
    let records = records();
    assert_eq!(resume_point(&deck(), &records[..2]), Some(5));
    assert_eq!(resume_point(&deck(), &records[..1]), Some(3));
}

#[test]
fn rendered_text() {
    let text = render(&log(), Some("tests/fixtures/rehearsal/deck.ron"), 120);
    let line = |start: &str| -> &str {
        text.lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no line starting {start:?} in:\n{text}"))
    };
    let cells = |l: &str| -> Vec<String> {
        l.split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(
        line("Classes"),
        "Classes given from \"Rehearsal fixture\": 3, oldest first; 1:45:05 on screen in all, \
         6:25 paused"
    );
    assert_eq!(
        cells(line("   1 ")),
        [
            "1",
            "Tue 24 Nov 2026",
            "09:02–09:51",
            "45:58",
            "1–4",
            "1953",
            "4 · The turning point"
        ]
    );
    assert_eq!(
        cells(line("   2 ")),
        [
            "2",
            "Thu 26 Nov 2026",
            "09:01–09:49",
            "47:00",
            "4–5 +1 removed",
            "Jun 1953 – 1954",
            "was 6 · The secret speech (removed)"
        ]
    );
    assert_eq!(
        cells(line("   3 ")),
        [
            "3",
            "Tue 1 Dec 2026",
            "09:00–…",
            "12:06",
            "6–7",
            "1956",
            "6 · Legacy"
        ]
    );
    assert!(line("   … class 3 not closed").ends_with("shown as of its last slide change"));
    assert_eq!(
        line("   ⏸"),
        "   ⏸ paused for questions (in no slide's time on screen): class 1 3:20, class 3 3:05 in \
         2 pauses"
    );
    assert_eq!(
        text.lines().last(),
        Some(
            "next: `tribune --resume tests/fixtures/rehearsal/deck.ron` starts at slide 6 (Legacy)"
        )
    );
    // Columns line up: every row's slides cell starts under the heading's.
    let at = |l: &str, what: &str| l.find(what).map(|b| tribune::text::width(&l[..b]));
    let column = at(line("   #"), "slides").unwrap();
    assert_eq!(at(line("   1 "), "1–4"), Some(column));
    assert_eq!(at(line("   2 "), "4–5"), Some(column));
    assert_eq!(at(line("   3 "), "6–7"), Some(column));
    assert!(
        text.lines().all(|l| tribune::text::width(l) <= 120),
        "{text}"
    );
    in_snapshots(|| insta::assert_snapshot!("text", text));
}

#[test]
fn narrow_text_cuts_the_last_column() {
    let text = render(&log(), None, 80);
    let row = text.lines().find(|l| l.starts_with("   2 ")).unwrap();
    // The other columns take 80 cells (1 + 3 + 17 + 13 + 11 + 16 + 17, and 2 before the
    // last); the last keeps 12 at least, so the row runs over to 92 rather than lose it.
    assert_eq!(tribune::text::width(row), 92, "{row}");
    assert!(row.ends_with("was 6 · The…"), "{row}");
    // The note on pauses wraps, its second line under the first's text.
    let lines: Vec<&str> = text.lines().collect();
    let at = lines.iter().position(|l| l.starts_with("   ⏸")).unwrap();
    assert_eq!(
        lines[at..at + 2],
        [
            "   ⏸ paused for questions (in no slide's time on screen): class 1 3:20, class",
            "     3 3:05 in 2 pauses",
        ]
    );
}

#[test]
fn json() {
    let log = log();
    let value = serde_json::to_value(&log).unwrap();
    assert_eq!(value["deck"], "Rehearsal fixture");
    assert_eq!(value["on_screen_secs"], 6305);
    assert_eq!(value["paused_secs"], 385);
    assert_eq!(value["classes"][0]["pauses"], 1);
    assert_eq!(value["classes"][0]["paused_secs"], 200);
    assert_eq!(value["classes"][1]["pauses"], 0);
    assert_eq!(value["classes"][2]["paused_secs"], 185);
    assert_eq!(value["classes"].as_array().map(Vec::len), Some(3));
    assert_eq!(
        value["classes"][0]["slides"],
        serde_json::json!([1, 2, 3, 4])
    );
    assert_eq!(value["classes"][1]["slides_removed"], 1);
    assert_eq!(value["classes"][1]["dates"]["first"], "1953-06-01");
    assert_eq!(value["classes"][2]["ended"], serde_json::Value::Null);
    assert_eq!(value["classes"][2]["stopped_at"]["number"], 6);
    assert_eq!(value["next"]["id"], "legacy");
    // The text-only cells stay out of the JSON.
    assert!(value["classes"][0].get("day").is_none());
}
