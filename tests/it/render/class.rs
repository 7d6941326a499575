//! The class clock on the presenter's screen (`tests/fixtures/render/class.ron`, slides of 2,
//! 4, 4, 5 and 5 minutes in two parts): the countdown to the end of class on the status bar, in
//! the colour its urgency gives, and the forecast in the notes pane's header. None of it
//! reaches the audience.
//!
//! Worked by hand for the snapshots: launched at 14:24:48 (so that the drawing's tick, 432 s
//! later, reads 14:32) for a class until 14:45; the first move at once, 5:30 on slide 2
//! (budget 4:00), 1:42 so far on slide 3 (budget 4:00).
//!
//! - countdown: 14:45 − 14:32 = 13:00 left;
//! - covered: slide 2's 4:00 and 1:42 of slide 3's = 342 s (the opening slide, never timed in
//!   class, is skipped); to come: 2:18 of slide 3 and 5:00 + 5:00 = 738 s; spent 432 s;
//! - pace (432 + 300) / (342 + 300) = 732 / 642; the rest 738 × 732 / 642 = 841.46 s;
//! - against the 780 s left: 61 s over, "1 min over"; ends 14:32:00 + 14:01 = 14:46:01, "14:46";
//! - Part I: 432 s spent on 342 s covered, 90 s over: "Part I is 2 min over its share".

use std::time::Duration;

use ratatui::layout::Rect;
use ratatui::style::Modifier;
use tribune::app::{Action, App};
use tribune::deck::{ClassEnd, TimeOfDay};
use tribune::timing::budget::budgets;
use tribune::ui::theme::Theme;

use super::SIZES;
use crate::support::app::{
    draw, find_text, presenter_view, render_deck, row_text, run, snapshot, status_text,
};

fn tick(now: u64, clock: TimeOfDay) -> Action {
    Action::Tick {
        now: Duration::from_secs(now),
        clock,
    }
}

/// A class until `until`, with one audience window, launched at 14:24:48 on the title slide.
fn in_class(app: &mut App, until: TimeOfDay) {
    presenter_view(app, 1);
    app.class = Some(ClassEnd::Until(until));
    app.budgets = budgets(&app.deck, None);
    run(app, [tick(0, TimeOfDay::hms(14, 24, 48))]);
}

/// The walk the header's figures are worked on: slide 2 at once, 5:30 on it, then slide 3.
fn walk(app: &mut App) {
    run(
        app,
        [
            Action::Next,
            tick(330, TimeOfDay::hms(14, 30, 18)),
            Action::Next,
        ],
    );
}

#[test]
fn the_countdown_and_the_forecast_in_the_presenter_view() {
    snapshot("class__forecast", &render_deck("class"), &SIZES, |app| {
        in_class(app, TimeOfDay::hm(14, 45));
        walk(app);
    });
}

#[test]
fn the_forecast_reads_as_worked_by_hand() {
    let mut app = App::new(render_deck("class"));
    in_class(&mut app, TimeOfDay::hm(14, 45));
    walk(&mut app);
    let terminal = draw(&mut app, 120, 40);
    let buf = terminal.backend().buffer();
    assert!(
        status_text(buf).contains("⌛ 13:00 left"),
        "{}",
        status_text(buf)
    );
    let header = |w: u16, h: u16| {
        let terminal = draw(&mut app.clone(), w, h);
        let buf = terminal.backend().buffer();
        let row = (0..h)
            .map(|y| row_text(buf, y))
            .find(|r| r.contains("PACE"))
            .expect("a PACE line in the notes");
        // The notes column only: the "next" column starts at the rule.
        let notes = row.split('│').next().unwrap_or_default().to_owned();
        notes.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    // The forecast and its cause first; the slide's time where there is room for it too.
    assert_eq!(
        header(120, 40),
        "PACE ends 14:46 · 1 min over · Part I is 2 min over its share"
    );
    assert_eq!(header(80, 24), "PACE ends 14:46 +1 min · Part I +2 min");
    assert_eq!(
        header(160, 40),
        "PACE ends 14:46 · 1 min over · Part I is 2 min over its share · slide 1:42 of 4:00"
    );
    // The audience is told the slide, never the clock.
    let shown = app.shown();
    assert_eq!((shown.slide, shown.step), (2, 0));
}

#[test]
fn the_countdown_is_amber_from_five_minutes_and_red_from_one() {
    let theme = Theme::bundled();
    // At 14:32, a class until 14:36 has 4:00 left, and one until 14:33 has 1:00.
    for (until, left, colour) in [
        (TimeOfDay::hm(14, 40), "⌛ 8:00 left", theme.status_bg),
        (TimeOfDay::hm(14, 36), "⌛ 4:00 left", theme.soon),
        (TimeOfDay::hm(14, 33), "⌛ 1:00 left", theme.alarm),
        (TimeOfDay::hm(14, 30), "⌛ +2:00 over", theme.alarm),
    ] {
        let mut app = App::new(render_deck("class"));
        presenter_view(&mut app, 1);
        app.class = Some(ClassEnd::Until(until));
        for (w, h) in SIZES {
            let terminal = draw(&mut app, w, h);
            let buf = terminal.backend().buffer();
            let status = Rect::new(0, h - 1, w, 1);
            let (x, y) = find_text(buf, status, left)
                .unwrap_or_else(|| panic!("{left} at {w}x{h}: {}", status_text(buf)));
            let cell = &buf[(x, y)];
            assert_eq!(cell.bg, colour, "{left} at {w}x{h}");
            if colour != theme.status_bg {
                assert_eq!(cell.fg, theme.status_bg, "{left} at {w}x{h}");
                assert!(cell.modifier.contains(Modifier::BOLD), "{left} at {w}x{h}");
            }
        }
    }
}

#[test]
fn the_pause_badge_in_the_presenter_view() {
    snapshot("class__paused", &render_deck("class"), &SIZES, |app| {
        in_class(app, TimeOfDay::hm(14, 45));
        walk(app);
        run(app, [Action::TogglePause]);
        assert!(app.is_paused());
    });
}

#[test]
fn the_pause_badge_is_inverse_accent_and_outlasts_the_clocks() {
    let theme = Theme::bundled();
    for w in 24..=160 {
        let mut app = App::new(render_deck("class"));
        in_class(&mut app, TimeOfDay::hm(14, 45));
        walk(&mut app);
        run(&mut app, [Action::TogglePause]);
        let terminal = draw(&mut app, w, 24);
        let buf = terminal.backend().buffer();
        let status = Rect::new(0, 23, w, 1);
        let (x, y) = find_text(buf, status, "⏸")
            .unwrap_or_else(|| panic!("the badge at {w}: {}", status_text(buf)));
        assert_eq!(buf[(x, y)].bg, theme.accent, "at {w}");
        assert_eq!(buf[(x, y)].fg, theme.status_bg, "at {w}");
        assert!(
            find_text(buf, status, "3/5").is_some(),
            "the slide number stays at {w}: {}",
            status_text(buf)
        );
    }
}
