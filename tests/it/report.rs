//! The rehearsal report through the library, on hand-written records: `tests/fixtures/rehearsal/`
//! holds a seven-slide deck in two parts and six rehearsals of it (`records/*.json`), oldest
//! first:
//!
//! ```text
//!  seconds                            R1     R2     R3     R4     R5     R6     budget (12m)
//!  1 Opening           (1m fixed)    40.2   72.9   75.6   80.5   69.999 130.4    60
//!  2 The world in 1953              400    210.45 195    200    230    180.6   144
//!  3 The crisis                      90     84      0     79      0.7    60      72
//!  4 The turning point              150    170    190    185    200.999 205.7   144
//!  5 Aftermath         (2m fixed)   140    150    160    145    155      0     120
//!  6 Legacy                         110     95    100    105     90      0     108
//!  7 Questions                       80      0.003 88     84     86      0      72
//! ```
//!
//! R1 was run against a 10-minute target and knew slide 2 as "Context" (same id); R2 is the
//! checkpoint of a rehearsal that crashed on entering slide 7 (`ended` null, 3 ms there); R3
//! jumped over slide 3; R5 clicked through it in 0.7 s; R6, the latest, stopped on slide 4. A
//! slide counts as rehearsed from one second on; medians are taken in milliseconds, and every
//! figure is shown in whole seconds, cut like a stopwatch's (75.6 s reads 1:15).
//!
//! Worked by hand (budgets: 12 minutes, the latest record's target; 3 minutes are fixed, the
//! other 540 s go 6 s a unit of weight):
//!
//! - slide 1: the last five are 72.9 75.6 80.5 69.999 130.4, median 75.6 → 75 (all six would
//!   give (72.9 + 75.6) / 2 → 74); last 130.
//! - slide 2: last five 210.45 195 200 230 180.6, median 200 (R1's 400 is out of the window;
//!   all six would give 205); last 180; 56 s over budget.
//! - slide 3: rehearsed four times, 90 84 79 60: an even count, median (79 + 84) / 2 = 81.5
//!   → 81; last 60 (R6); 9 s over, under the 10 s threshold.
//! - slide 4: median of 170 190 185 200.999 205.7 is 190, 46 over; last 205.
//! - slide 5: R6 never reached it: median of R1–R5 is 150, 30 over; last 155 (R5).
//! - slide 7: rehearsed by R1 R3 R4 R5 only (80 88 84 86): median 85, 13 over; last 86.
//! - over by at least 10 s: 2 (+56), 4 (+46), 5 (+30), 1 (+15), 7 (+13); the three marked ▲ are
//!   2, 4 and 5. By the last time instead, slide 1 (+70) would lead.
//! - totals add milliseconds, then cut: "struggle" budget 420 s, last 130.4 + 180.6 + 60 +
//!   205.7 = 576.7 → 576 (9:36; the whole seconds above it add to 575), median 75.6 + 200 +
//!   81.5 + 190 = 547.1 → 547 (9:07; rows 546); "thaw" 300, 331, 335; the talk 720 (12:00),
//!   907.7 → 907 (15:07), 882.1 → 882 (14:42).

use std::time::Duration;

use tribune::deck::Deck;
use tribune::timing::budget::budgets;
use tribune::timing::record::Record;
use tribune::timing::report::{Report, SlideRow, build, render};

use crate::support::app::in_snapshots;
use crate::support::fixtures::{rehearsal_deck as deck, rehearsal_records as records};

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

/// Budgets from a target in seconds, as `tribune report --target` computes them.
fn budgets_for(deck: &Deck, target: u64) -> Vec<Option<Duration>> {
    budgets(deck, Some(secs(target)))
}

/// The report as `tribune report` builds it: against the latest record's target.
fn report() -> Report {
    let deck = deck();
    let records = records();
    let target = records
        .last()
        .and_then(|r| r.target_secs)
        .expect("the latest record has a target");
    build(&deck, &budgets_for(&deck, target), &records)
}

/// (budget, last, median, marked) of a row, for compact comparisons.
fn figures(row: &SlideRow) -> (Option<u64>, Option<u64>, Option<u64>, bool) {
    (
        row.budget_secs,
        row.last_secs,
        row.median_secs,
        row.over_budget,
    )
}

#[test]
fn the_records_load_oldest_first() {
    let records = records();
    let started: Vec<u64> = records.iter().map(|r| r.started).collect();
    let day = 86_400;
    let first = 1_767_225_600;
    assert_eq!(
        started,
        (0..6).map(|d| first + d * day).collect::<Vec<_>>(),
        "sorted by start, not by file name (pids differ in length)"
    );
    let ended: Vec<bool> = records.iter().map(|r| r.ended.is_some()).collect();
    assert_eq!(ended, [true, false, true, true, true, true]);
    let targets: Vec<Option<u64>> = records.iter().map(|r| r.target_secs).collect();
    assert_eq!(
        targets,
        [
            Some(600),
            Some(720),
            Some(720),
            Some(720),
            Some(720),
            Some(720)
        ]
    );
}

#[test]
fn budgets_keep_the_fixed_minutes_and_share_the_rest_by_words() {
    let deck = deck();
    // 720 - 60 - 120 = 540 s over weights 24 12 24 18 12 (90): 6 s a unit of weight.
    let twelve: Vec<Option<u64>> = budgets_for(&deck, 720)
        .iter()
        .map(|b| b.map(|d| d.as_secs()))
        .collect();
    assert_eq!(
        twelve,
        [
            Some(60),
            Some(144),
            Some(72),
            Some(144),
            Some(120),
            Some(108),
            Some(72)
        ]
    );
    // The deck's own 10 minutes: 420 s, 14/3 s a unit, whole seconds with nothing left over.
    let ten: Vec<Option<u64>> = budgets_for(&deck, 600)
        .iter()
        .map(|b| b.map(|d| d.as_secs()))
        .collect();
    assert_eq!(
        ten,
        [
            Some(60),
            Some(112),
            Some(56),
            Some(112),
            Some(120),
            Some(84),
            Some(56)
        ]
    );
    // The records carry the budgets of their own run.
    let records = records();
    let recorded =
        |r: &Record| -> Vec<Option<u64>> { r.slides.iter().map(|s| s.budget_secs).collect() };
    assert_eq!(recorded(&records[0]), ten);
    assert_eq!(recorded(&records[5]), twelve);
}

#[test]
fn hand_computed_figures() {
    let report = report();
    assert_eq!(report.deck, "Rehearsal fixture");
    assert_eq!(report.rehearsals, 6, "the crash checkpoint counts too");
    let rows: Vec<_> = report.slides.iter().map(figures).collect();
    assert_eq!(
        rows,
        [
            // Median of the last five (75.6 s), not of all six (74.25 s).
            (Some(60), Some(130), Some(75), false),
            // R1's 400 s falls out of the window: 200, not 205. 56 over.
            (Some(144), Some(180), Some(200), true),
            // Rehearsed four times (R3 skipped it, R5's 0.7 s was a click past it):
            // (79 + 84) / 2 = 81.5, shown as 81; 9 over is under the threshold.
            (Some(72), Some(60), Some(81), false),
            (Some(144), Some(205), Some(190), true),
            // The latest rehearsal stopped before slide 5: last is R5's.
            (Some(120), Some(155), Some(150), true),
            (Some(108), Some(90), Some(100), false),
            // R2's 3 ms on entering it before the crash is not a visit: 80 88 84 86.
            (Some(72), Some(86), Some(85), false),
        ]
    );
    let parts: Vec<(&str, &str, u64, u64, u64)> = report
        .parts
        .iter()
        .map(|t| {
            (
                t.id.as_str(),
                t.title.as_str(),
                t.budget_secs,
                t.last_secs,
                t.median_secs,
            )
        })
        .collect();
    assert_eq!(
        parts,
        [
            // Milliseconds added, then cut: one second more than the rows' whole seconds.
            ("struggle", "The struggle for power", 420, 576, 547),
            ("thaw", "The thaw", 300, 331, 335),
        ]
    );
    let t = &report.total;
    assert_eq!(
        (
            t.id.as_str(),
            t.title.as_str(),
            t.budget_secs,
            t.last_secs,
            t.median_secs
        ),
        ("all", "Rehearsal fixture", 720, 907, 882)
    );
    let part_of: Vec<&str> = report.slides.iter().map(|r| r.part.as_str()).collect();
    assert_eq!(
        part_of,
        [
            "struggle", "struggle", "struggle", "struggle", "thaw", "thaw", "thaw"
        ]
    );
}

#[test]
fn marks_are_by_the_median_and_need_ten_seconds() {
    let deck = deck();
    let records = records();
    let marked = |budgets: &[Option<Duration>]| -> Vec<usize> {
        build(&deck, budgets, &records)
            .slides
            .iter()
            .filter(|r| r.over_budget)
            .map(|r| r.number)
            .collect()
    };
    // Medians: 75 200 81 190 150 100 85.
    // Only slide 1 is 10 s or more over (15); slide 3 is 9 over, slide 6 exactly 0.
    let only_one = [
        Some(secs(60)),
        Some(secs(200)),
        Some(secs(72)),
        Some(secs(190)),
        Some(secs(150)),
        Some(secs(100)),
        Some(secs(85)),
    ];
    assert_eq!(marked(&only_one), [1]);
    // Exactly 10 over counts. Four ties at 10: the earliest three slides are marked.
    let ties = [
        None,
        Some(secs(190)),
        None,
        Some(secs(180)),
        Some(secs(140)),
        None,
        Some(secs(75)),
    ];
    assert_eq!(marked(&ties), [2, 4, 5]);
    // Without budgets there is nothing to be over.
    assert_eq!(marked(&[None; 7]), Vec::<usize>::new());
    // The deck's own 10 minutes: over by 15 88 25 78 30 16 29. Slide 1 would be the furthest
    // over by its last time (130 against 60), but the marks go by the median.
    assert_eq!(marked(&budgets_for(&deck, 600)), [2, 4, 5]);
}

#[test]
fn rendered_text() {
    let report = report();
    let text = render(&report, 100);
    // The figures worked out by hand, as they read.
    let line = |n: &str| -> &str {
        text.lines()
            .find(|l| l.trim_start_matches(['▲', ' ']).starts_with(n))
            .unwrap_or_else(|| panic!("no row for slide {n} in:\n{text}"))
    };
    let cells = |l: &str| -> Vec<String> { l.split_whitespace().map(str::to_owned).collect() };
    assert_eq!(
        cells(line("2 ")),
        [
            "▲", "2", "The", "world", "in", "1953", "2:24", "3:00", "3:20"
        ]
    );
    assert_eq!(
        cells(line("3 ")),
        ["3", "The", "crisis", "1:12", "1:00", "1:21"]
    );
    assert!(text.contains("Rehearsals of \"Rehearsal fixture\": 6 on record"));
    // Bars scaled to the longest last time, 205 s: level = last * 7 / 205 of ▁..█ (0..7):
    // 130 → 4, 180 → 6, 60 → 2, 205 → 7; 155 → 5, 90 → 3, 86 → 2.
    assert!(text.contains("\n  ▅▇▃█\n"), "{text}");
    assert!(text.contains("\n  ▆▄▃\n"), "{text}");
    assert!(text.contains("a full bar is 3:25"), "{text}");
    let totals = |title: &str| -> Vec<String> {
        cells(
            text.lines()
                .find(|l| l.starts_with(title))
                .unwrap_or_else(|| panic!("no totals for {title} in:\n{text}")),
        )
    };
    assert_eq!(
        totals("The struggle for power")[4..],
        ["budget", "7:00", "last", "9:36", "median5", "9:07"]
    );
    assert_eq!(
        totals("Rehearsal fixture")[2..],
        ["budget", "12:00", "last", "15:07", "median5", "14:42"]
    );
    in_snapshots(|| insta::assert_snapshot!("text", text));
}

/// The legend of the ▲ marks is printed when a slide is marked, and only then.
#[test]
fn the_over_budget_legend_only_when_a_slide_is_over() {
    let deck = deck();
    let legend = "▲ up to";
    let tight = render(&build(&deck, &budgets_for(&deck, 720), &records()), 100);
    assert!(tight.contains(legend), "{tight}");
    // Ten minutes for every slide: no median comes near, none is marked.
    let roomy = vec![Some(secs(600)); deck.slide_count()];
    let generous = build(&deck, &roomy, &records());
    assert!(generous.slides.iter().all(|r| !r.over_budget));
    let text = render(&generous, 100);
    assert!(!text.contains(legend), "{text}");
    assert!(!text.contains('▲'), "{text}");
}

#[test]
fn json() {
    let report = report();
    let value = serde_json::to_value(&report).unwrap();
    assert_eq!(value["rehearsals"], 6);
    assert_eq!(value["slides"][2]["median_secs"], 81);
    assert_eq!(value["slides"][4]["last_secs"], 155);
    assert_eq!(value["total"]["budget_secs"], 720);
    // Pretty JSON as `tribune report --json` prints it (insta's json feature is not enabled).
    let text = serde_json::to_string_pretty(&report).unwrap();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&text).unwrap(),
        value
    );
    in_snapshots(|| insta::assert_snapshot!("json", text));
}

/// The report and the presenter's "last time" count a slide as rehearsed from one second on (a
/// shorter stay is a click past it): up to R5, which clicked past slide 3 in 0.7 s, both give
/// R4's 1:19 for slide 3.
#[test]
fn the_notes_pane_and_the_report_agree_on_the_last_time() {
    let deck = deck();
    let records = records();
    let upto_r5 = &records[..5];
    let report = build(&deck, &budgets_for(&deck, 720), upto_r5);
    assert_eq!(report.slides[2].last_secs, Some(79));
    let presenter: Vec<Option<u64>> = tribune::timing::record::last_times(&deck, upto_r5)
        .iter()
        .map(|t| t.map(|d| d.as_secs()))
        .collect();
    let reported: Vec<Option<u64>> = report.slides.iter().map(|r| r.last_secs).collect();
    assert_eq!(presenter, reported);
}

// `--runs` and `--compare`, on the same six records (times in UTC; each started at midnight).
// Worked by hand from the table above, milliseconds added, then cut:
//
// - R1: part I 40.2 + 400 + 90 + 150 = 680.2 → 11:20; part II 140 + 110 + 80 = 330 → 5:30;
//   in all 1010.2 → 16:50, ended 00:16:50; target 10:00; slides 1–7.
// - R2: I 72.9 + 210.45 + 84 + 170 = 537.35 → 8:57; II 150 + 95 + 0.003 → 4:05; in all
//   782.353 → 13:02; not closed; slides 1–6 (3 ms on slide 7 is not a visit).
// - R3: I 460.6 → 7:40; II 348 → 5:48; in all 13:28; slides 1–2, 4–7 (slide 3 skipped).
// - R4: I 544.5 → 9:04; II 334 → 5:34; in all 14:38; slides 1–7.
// - R5: I 69.999 + 230 + 0.7 + 200.999 = 501.698 → 8:21; II 331 → 5:31; in all 832.698 →
//   13:52; slides 1–2, 4–7 (0.7 s on slide 3 was a click past it).
// - R6: I 576.7 → 9:36; II nothing; in all 9:36; slides 1–4.
//
// `--compare last previous` is R6 against R5, R6's time less R5's, the largest first: slide 5
// −155 s (−2:35), 6 −90 (−1:30), 7 −86 (−1:26), 1 +60.401 (+1:00), 3 +59.3 (+0:59: R5's 0.7 s
// counts in the difference, though it was no visit), 2 −49.4 (−0:49), 4 +4.701 (+0:04); the
// parts II −331 (−5:31), I +75.002 (+1:15); in all −255.998 s, −4:15.

mod runs {
    use jiff::tz::TimeZone;
    use tribune::timing::runs::{
        Comparison, Difference, RunId, Runs, compare, list, render_comparison, render_runs,
    };

    use crate::support::app::in_snapshots;
    use crate::support::fixtures::{rehearsal_deck as deck, rehearsal_records as records};

    fn runs() -> Runs {
        list(&deck(), &records(), &TimeZone::UTC)
    }

    fn last_against_previous() -> Comparison {
        let records = records();
        let at = |id: RunId| id.index(records.len()).expect("six rehearsals");
        compare(
            &deck(),
            &records,
            (at(RunId::Last), at(RunId::Previous)),
            &TimeZone::UTC,
        )
    }

    #[test]
    fn every_run_with_its_parts_and_slides() {
        let runs = runs();
        let rows: Vec<_> = runs
            .runs
            .iter()
            .map(|r| {
                (
                    r.number,
                    r.target_secs,
                    r.total_secs,
                    r.parts_secs.clone(),
                    r.slide_ranges.as_str(),
                    r.ended.is_some(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (1, Some(600), 1010, vec![680, 330], "1–7", true),
                (2, Some(720), 782, vec![537, 245], "1–6", false),
                (3, Some(720), 808, vec![460, 348], "1–2, 4–7", true),
                (4, Some(720), 878, vec![544, 334], "1–7", true),
                (5, Some(720), 832, vec![501, 331], "1–2, 4–7", true),
                (6, Some(720), 576, vec![576, 0], "1–4", true),
            ]
        );
        assert_eq!(runs.runs[0].started, "2026-01-01T00:00:00+00:00");
        assert_eq!(
            runs.parts.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
            ["struggle", "thaw"]
        );
        let text = render_runs(&runs, 100);
        let row = |n: &str| -> Vec<&str> {
            text.lines()
                .find(|l| l.trim_start().starts_with(n))
                .unwrap_or_else(|| panic!("no run {n} in:\n{text}"))
                .split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect()
        };
        assert_eq!(
            row("1 "),
            [
                "1",
                "Thu 1 Jan 2026",
                "00:00–00:16",
                "10:00",
                "16:50",
                "11:20",
                "5:30",
                "1–7"
            ]
        );
        assert_eq!(
            row("2 "),
            [
                "2",
                "Fri 2 Jan 2026",
                "00:00–…",
                "12:00",
                "13:02",
                "8:57",
                "4:05",
                "1–6"
            ]
        );
        assert!(text.contains("rehearsal 2 not closed"), "{text}");
        assert!(
            text.contains("parts: I The struggle for power · II The thaw"),
            "{text}"
        );
        in_snapshots(|| insta::assert_snapshot!("runs_text", text));
        let json = serde_json::to_string_pretty(&runs).unwrap();
        in_snapshots(|| insta::assert_snapshot!("runs_json", json));
    }

    #[test]
    fn the_last_against_the_previous_largest_differences_first() {
        let c = last_against_previous();
        assert_eq!((c.a.number, c.b.number), (6, 5));
        let figures = |d: &Difference| (d.number, d.a_secs, d.b_secs, d.change_secs);
        assert_eq!(
            c.slides.iter().map(figures).collect::<Vec<_>>(),
            [
                (Some(5), 0, 155, -155),
                (Some(6), 0, 90, -90),
                (Some(7), 0, 86, -86),
                (Some(1), 130, 69, 60),
                (Some(3), 60, 0, 59),
                (Some(2), 180, 230, -49),
                (Some(4), 205, 200, 4),
            ]
        );
        let parts: Vec<_> = c
            .parts
            .iter()
            .map(|d| (d.part.as_str(), d.a_secs, d.b_secs, d.change_secs))
            .collect();
        assert_eq!(parts, [("thaw", 0, 331, -331), ("struggle", 576, 501, 75)]);
        assert_eq!(
            (c.total.a_secs, c.total.b_secs, c.total.change_secs),
            (576, 832, -255)
        );
        let text = render_comparison(&c, 100);
        let row = |title: &str| -> Vec<&str> {
            text.lines()
                .find(|l| l.contains(title))
                .unwrap_or_else(|| panic!("no {title} in:\n{text}"))
                .split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect()
        };
        assert_eq!(
            row("Aftermath"),
            ["5", "Aftermath", "0:00", "2:35", "−2:35"]
        );
        assert_eq!(row("Opening"), ["1", "Opening", "2:10", "1:09", "+1:00"]);
        assert_eq!(row("in all"), ["in all", "9:36", "13:52", "−4:15"]);
        in_snapshots(|| insta::assert_snapshot!("compare_text", text));
        let json = serde_json::to_string_pretty(&c).unwrap();
        in_snapshots(|| insta::assert_snapshot!("compare_json", json));
    }

    #[test]
    fn a_run_compared_with_itself_differs_nowhere() {
        let c = compare(&deck(), &records(), (3, 3), &TimeZone::UTC);
        assert!(c.slides.iter().all(|d| d.change_secs == 0));
        assert_eq!(c.total.change_secs, 0);
        assert!(render_comparison(&c, 100).contains("in all"));
    }
}
