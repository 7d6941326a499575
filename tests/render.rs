//! Whole-screen render snapshots: the bundled lecture drawn into a `TestBackend` at 80×24 and
//! 160×48 for each screen (title, bullets, Cyrillic excerpt, CJK, notes, timeline, help,
//! overview, date prompt, blank, too small), a sweep of tiny and extreme sizes that must not
//! panic, and style assertions the snapshot text cannot hold (accent, milestone, blank, bold).
//!
//! Time enters only as data: every render sends the same `Tick` (432 s since launch, `14:32` on
//! the wall clock) and a `Resize` matching the backend, so no real clock reaches the screen.
//!
//! Reviewed on screen: wrapping at word boundaries, CJK glyphs never split, the status bar and
//! the timeline's `◉` agreeing, the date prompt's `→ 46` for 25 February 1956, the "more"
//! markers on their own row, and the overview's position and "more lines" footer.

use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use tribune::app::{Action, App};
use tribune::deck::{BUNDLED_NAME, BUNDLED_SOURCE, parse_deck};
use tribune::ui::areas;
use tribune::ui::theme::Theme;

/// The two sizes every screen is snapshotted at.
const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

/// 0-based index of slide 5, "4 March 1953" (two reveal steps).
const BULLET_SLIDE: usize = 4;

/// A presenter on the first slide of the bundled lecture.
fn app() -> App {
    let deck = parse_deck(BUNDLED_NAME, BUNDLED_SOURCE.as_bytes())
        .expect("the bundled lecture loads")
        .deck;
    App::new(deck, Theme::bundled())
}

/// Applies actions in order, and each returned follow-up at once, as the event loop does.
fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for action in actions {
        let mut next = Some(action);
        while let Some(a) = next {
            next = app.update(a);
        }
    }
}

/// Types `text` one character at a time into the prompt or overview filter.
fn type_text(app: &mut App, text: &str) {
    run(app, text.chars().map(Action::Type));
}

/// The 0-based index of the slide with `id`.
fn index_of(app: &App, id: &str) -> usize {
    app.deck
        .slides()
        .position(|s| s.id.as_ref().is_some_and(|i| i.as_str() == id))
        .unwrap_or_else(|| panic!("the bundled deck has a slide with id {id}"))
}

/// Draws `app` at `w`×`h` after telling it the size and a fixed time.
fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    run(
        app,
        [
            Action::Resize(w, h),
            Action::Tick {
                now: Duration::from_secs(432),
                clock: "14:32".into(),
            },
        ],
    );
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test backend cannot fail");
    terminal
        .draw(|f| f.render_widget(&*app, f.area()))
        .expect("drawing into a test backend cannot fail");
    terminal
}

/// Snapshots the screen `setup` leads to, at each of `sizes`, as `render__{name}_{w}x{h}`.
fn snapshot(name: &str, sizes: &[(u16, u16)], setup: impl Fn(&mut App)) {
    for &(w, h) in sizes {
        let mut app = app();
        setup(&mut app);
        let terminal = draw(&mut app, w, h);
        insta::with_settings!({
            snapshot_path => "snapshots",
            prepend_module_to_snapshot => false,
            omit_expression => true,
            description => format!("{name} at {w}x{h}"),
        }, {
            insta::assert_snapshot!(format!("render__{name}_{w}x{h}"), terminal.backend());
        });
    }
}

/// Cells of `buf` inside `area` whose symbol is `symbol`, as (x, y).
fn find_symbol(buf: &Buffer, area: Rect, symbol: &str) -> Vec<(u16, u16)> {
    area.positions()
        .filter(|p| buf[(p.x, p.y)].symbol() == symbol)
        .map(|p| (p.x, p.y))
        .collect()
}

/// Where `text` starts inside `area`, reading each row as its cells' symbols.
fn find_text(buf: &Buffer, area: Rect, text: &str) -> Option<(u16, u16)> {
    for y in area.top()..area.bottom() {
        let cells: Vec<&str> = (area.left()..area.right())
            .map(|x| buf[(x, y)].symbol())
            .collect();
        for start in 0..cells.len() {
            if cells[start..].concat().starts_with(text) {
                return Some((
                    area.left() + u16::try_from(start).expect("a column fits in u16"),
                    y,
                ));
            }
        }
    }
    None
}

#[test]
fn title_slide() {
    snapshot("title", &SIZES, |_| {});
}

#[test]
fn bullet_slide_fully_revealed() {
    // From slide 4, Next shows slide 5 at its first step, then its second (last) step.
    snapshot("bullets", &SIZES, |app| {
        run(
            app,
            [
                Action::GoToSlide(BULLET_SLIDE - 1),
                Action::Next,
                Action::Next,
            ],
        );
        assert_eq!((app.current, app.step), (BULLET_SLIDE, 1));
    });
}

#[test]
fn bullet_slide_first_step() {
    snapshot("bullets_first_step", &SIZES, |app| {
        run(app, [Action::GoToSlide(BULLET_SLIDE - 1), Action::Next]);
        assert_eq!((app.current, app.step), (BULLET_SLIDE, 0));
    });
}

#[test]
fn cyrillic_excerpt() {
    snapshot("cyrillic", &SIZES, |app| {
        let i = index_of(app, "order-00447");
        run(app, [Action::GoToSlide(i)]);
    });
}

#[test]
fn cjk_slide() {
    snapshot("cjk", &SIZES, |app| {
        let i = index_of(app, "sino-soviet-tensions");
        run(app, [Action::GoToSlide(i)]);
    });
}

#[test]
fn notes_on() {
    snapshot("notes", &SIZES, |app| {
        run(app, [Action::GoToSlide(BULLET_SLIDE), Action::ToggleNotes]);
    });
}

#[test]
fn timeline_with_flashbacks() {
    // Slide 30 sits inside the span with flashbacks before it and the lecture's end after it.
    snapshot("timeline", &SIZES, |app| {
        run(app, [Action::GoToSlide(29)]);
    });
}

#[test]
fn help_overlay() {
    snapshot("help", &SIZES, |app| {
        run(app, [Action::GoToSlide(BULLET_SLIDE), Action::ToggleHelp]);
    });
}

#[test]
fn overview_filtered() {
    snapshot("overview", &SIZES, |app| {
        run(app, [Action::GoToSlide(BULLET_SLIDE), Action::OpenOverview]);
        type_text(app, "ber");
    });
}

#[test]
fn overview_unfiltered() {
    snapshot("overview_all", &SIZES, |app| {
        run(app, [Action::GoToSlide(BULLET_SLIDE), Action::OpenOverview]);
    });
}

#[test]
fn date_prompt_with_preview() {
    snapshot("date_prompt", &SIZES, |app| {
        run(
            app,
            [Action::GoToSlide(BULLET_SLIDE), Action::OpenDatePrompt],
        );
        type_text(app, "25 feb 1956");
        assert_eq!(app.date_choice(), Some(45), "25 Feb 1956 lands on slide 46");
    });
}

#[test]
fn blank() {
    snapshot("blank", &SIZES, |app| {
        run(app, [Action::GoToSlide(BULLET_SLIDE), Action::Blank]);
    });
}

#[test]
fn too_small() {
    snapshot("too_small", &[(19, 5)], |_| {});
}

/// Every state worth drawing small: normal (title and a CJK slide), help, overview, prompt,
/// notes on, blank.
fn states() -> Vec<(&'static str, App)> {
    let mut out = Vec::new();
    out.push(("normal", app()));
    let mut cjk = app();
    let i = index_of(&cjk, "sino-soviet-tensions");
    run(&mut cjk, [Action::GoToSlide(i)]);
    out.push(("normal cjk", cjk));
    let mut help = app();
    run(&mut help, [Action::ToggleHelp]);
    out.push(("help", help));
    let mut overview = app();
    run(&mut overview, [Action::OpenOverview]);
    type_text(&mut overview, "ber");
    out.push(("overview", overview));
    let mut prompt = app();
    run(&mut prompt, [Action::OpenDatePrompt]);
    type_text(&mut prompt, "25 feb 1956");
    out.push(("prompt", prompt));
    let mut notes = app();
    run(
        &mut notes,
        [Action::GoToSlide(BULLET_SLIDE), Action::ToggleNotes],
    );
    out.push(("notes", notes));
    let mut blank = app();
    run(&mut blank, [Action::Blank]);
    out.push(("blank", blank));
    out
}

#[test]
fn every_small_and_extreme_size_renders_without_panic() {
    let mut sizes: Vec<(u16, u16)> = (1..=30)
        .flat_map(|w| (1..=12).map(move |h| (w, h)))
        .collect();
    sizes.extend([(1, 200), (300, 2)]);
    for (state, mut app) in states() {
        for &(w, h) in &sizes {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                draw(&mut app, w, h);
            }));
            assert!(result.is_ok(), "{state} panicked at {w}x{h}");
        }
    }
}

#[test]
fn current_marker_is_accent_and_milestone_is_milestone_colour() {
    let mut app = app();
    run(&mut app, [Action::GoToSlide(29)]);
    let terminal = draw(&mut app, 160, 48);
    let buf = terminal.backend().buffer();
    let theme = Theme::bundled();
    let side = areas(&app, buf.area)
        .timeline
        .expect("160x48 has room for the sidebar");
    let here = find_symbol(buf, side, "◉");
    // The row holding the current slide and, when its group is expanded, the slide's own line.
    assert!(!here.is_empty(), "the current slide is marked");
    for p in here {
        assert_eq!(buf[p].fg, theme.accent, "current marker at {p:?}");
    }
    let stars = find_symbol(buf, side, "★");
    assert!(!stars.is_empty(), "milestones are drawn");
    for p in stars {
        assert_eq!(buf[p].fg, theme.milestone, "milestone at {p:?}");
    }
}

#[test]
fn blank_mode_makes_every_cell_black() {
    let mut app = app();
    run(&mut app, [Action::GoToSlide(BULLET_SLIDE), Action::Blank]);
    for (w, h) in SIZES {
        let terminal = draw(&mut app, w, h);
        let buf = terminal.backend().buffer();
        for p in buf.area.positions() {
            assert_eq!(buf[(p.x, p.y)].bg, Color::Black, "cell {p:?} at {w}x{h}");
            assert_eq!(buf[(p.x, p.y)].symbol(), " ", "cell {p:?} at {w}x{h}");
        }
    }
}

#[test]
fn slide_title_is_bold() {
    let mut app = app();
    run(&mut app, [Action::GoToSlide(BULLET_SLIDE)]);
    let theme = Theme::bundled();
    for (w, h) in SIZES {
        let terminal = draw(&mut app, w, h);
        let buf = terminal.backend().buffer();
        let slide = areas(&app, buf.area).slide;
        let (x, y) = find_text(buf, slide, "4 March 1953").expect("the title is on screen");
        for dx in 0..12 {
            let cell = &buf[(x + dx, y)];
            assert!(
                cell.modifier.contains(Modifier::BOLD),
                "title cell {dx} at {w}x{h}"
            );
            assert_eq!(cell.fg, theme.title);
        }
    }
}
