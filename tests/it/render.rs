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
//!
//! The second screen: the presenter view (`presenter_*`: notes with a "next" column, the
//! audience count and the blank/frozen badges) at 80×24 and 120×40, and the audience window
//! (`audience_*`: the slide alone with large titles and a progress line, and the waiting
//! screens) at the same sizes, drawn from a `Follower` fed the presenter's `Shown`.

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use tribune::app::follower::{Cue, Follower};
use tribune::app::{Action, App, Shown};
use tribune::ui::theme::Theme;

use crate::support::app::{
    assert_never_panics, draw, draw_follower, find_symbol, find_text, lecture_app, panes_of,
    presenter_view, progress_cells, rect, run, snapshot_audience as snapshot_audience_of,
    status_text, type_text,
};
use crate::support::fixtures::lecture;

/// The two sizes every screen is snapshotted at.
const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

/// 0-based index of slide 5, "4 March 1953" (two reveal steps).
const BULLET_SLIDE: usize = 4;

/// A presenter on the first slide of the bundled lecture.
fn app() -> App {
    lecture_app()
}

/// The 0-based index of the slide with `id` in the lecture.
fn index_of(deck: &tribune::deck::Deck, id: &str) -> usize {
    crate::support::app::index_of(deck, id)
}

/// Snapshots the lecture's screen `setup` leads to, at each of `sizes`.
fn snapshot(name: &str, sizes: &[(u16, u16)], setup: impl Fn(&mut App)) {
    crate::support::app::snapshot(name, &lecture(), sizes, setup);
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
        let i = index_of(&app.deck, "order-00447");
        run(app, [Action::GoToSlide(i)]);
    });
}

#[test]
fn cjk_slide() {
    snapshot("cjk", &SIZES, |app| {
        let i = index_of(&app.deck, "sino-soviet-tensions");
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
    let i = index_of(&cjk.deck, "sino-soviet-tensions");
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
    assert_never_panics("presenter", states(), |app, w, h| {
        draw(app, w, h);
    });
}

#[test]
fn current_marker_is_accent_and_milestone_is_milestone_colour() {
    let mut app = app();
    run(&mut app, [Action::GoToSlide(29)]);
    let terminal = draw(&mut app, 160, 48);
    let buf = terminal.backend().buffer();
    let theme = Theme::bundled();
    let side = rect(
        panes_of(&app, buf.area)
            .timeline
            .expect("160x48 has room for the sidebar"),
    );
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
        let slide = rect(panes_of(&app, buf.area).slide);
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

// ---------------------------------------------------------------------------------------------
// The presenter view: notes, a "next" column, the audience count and badges.

/// The two sizes the presenter view and the audience window are snapshotted at.
const SECOND_SCREEN_SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

#[test]
fn presenter_view_with_two_audience_windows() {
    snapshot("presenter", &SECOND_SCREEN_SIZES, |app| {
        presenter_view(app, 2);
        run(app, [Action::GoToSlide(BULLET_SLIDE)]);
    });
}

#[test]
fn presenter_view_audience_blank() {
    snapshot("presenter_blank", &SECOND_SCREEN_SIZES, |app| {
        presenter_view(app, 2);
        run(app, [Action::GoToSlide(BULLET_SLIDE), Action::Blank]);
        assert!(
            app.audience.blank,
            "b blanks the audience in the presenter view"
        );
    });
}

#[test]
fn presenter_view_audience_frozen_while_browsing() {
    snapshot("presenter_frozen", &SECOND_SCREEN_SIZES, |app| {
        presenter_view(app, 2);
        run(
            app,
            [
                Action::GoToSlide(BULLET_SLIDE),
                Action::ToggleFreeze,
                Action::GoToSlide(11),
            ],
        );
        assert_eq!(
            app.audience.frozen.as_ref().map(|f| f.slide),
            Some(BULLET_SLIDE)
        );
    });
}

#[test]
fn presenter_view_with_a_reveal_step_pending() {
    snapshot("presenter_reveal", &SECOND_SCREEN_SIZES, |app| {
        presenter_view(app, 2);
        run(app, [Action::GoToSlide(BULLET_SLIDE - 1), Action::Next]);
        assert_eq!((app.current, app.step), (BULLET_SLIDE, 0));
    });
}

#[test]
fn presenter_view_with_no_audience() {
    snapshot("presenter_no_audience", &SECOND_SCREEN_SIZES, |app| {
        presenter_view(app, 0);
        run(app, [Action::GoToSlide(BULLET_SLIDE)]);
    });
}

#[test]
fn presenter_view_on_the_last_slide() {
    snapshot("presenter_last", &[(120, 40)], |app| {
        presenter_view(app, 1);
        run(app, [Action::Last]);
    });
}

#[test]
fn badges_are_inverse_warning_and_survive_narrow_screens() {
    let theme = Theme::bundled();
    // Blank alone, frozen alone, and both: the badge is on the status bar at every width.
    let cases: [(&str, bool, bool); 3] = [
        ("BLANK", true, false),
        ("FROZEN", false, true),
        ("BLANK", true, true),
    ];
    for (word, blank, frozen) in cases {
        for w in 20..=160 {
            let mut app = app();
            presenter_view(&mut app, 2);
            run(&mut app, [Action::GoToSlide(BULLET_SLIDE)]);
            if frozen {
                run(&mut app, [Action::ToggleFreeze, Action::GoToSlide(11)]);
            }
            if blank {
                run(&mut app, [Action::Blank]);
            }
            let terminal = draw(&mut app, w, 24);
            let buf = terminal.backend().buffer();
            let status = Rect::new(0, 23, w, 1);
            let (x, y) = find_text(buf, status, word)
                .unwrap_or_else(|| panic!("{word} on the status bar at {w}: {}", status_text(buf)));
            for dx in 0..u16::try_from(word.len()).unwrap() {
                let cell = &buf[(x + dx, y)];
                assert_eq!(cell.bg, theme.warning, "{word} at {w}");
                assert_eq!(cell.fg, theme.status_bg, "{word} at {w}");
                assert!(cell.modifier.contains(Modifier::BOLD), "{word} at {w}");
            }
            assert!(
                find_text(buf, status, "5/84").is_some()
                    || find_text(buf, status, "12/84").is_some(),
                "the slide number stays at {w}: {}",
                status_text(buf)
            );
        }
    }
}

#[test]
fn no_audience_is_in_the_warning_colour_and_a_problem_is_dim() {
    let theme = Theme::bundled();
    let mut app = app();
    presenter_view(&mut app, 0);
    app.audience.problem = Some("audience windows cannot connect: socket in use".to_owned());
    let terminal = draw(&mut app, 120, 40);
    let buf = terminal.backend().buffer();
    let status = Rect::new(0, 39, 120, 1);
    let (x, y) = find_text(buf, status, "no audience").expect("the count says no audience");
    assert_eq!(buf[(x, y)].fg, theme.warning);
    let (x, y) = find_text(buf, status, "audience windows cannot").expect("the problem is shown");
    assert_eq!(buf[(x, y)].fg, theme.dim);
    // With windows connected, the count is plain.
    run(&mut app, [Action::AudienceCount(3)]);
    let terminal = draw(&mut app, 120, 40);
    let buf = terminal.backend().buffer();
    let (x, y) = find_text(buf, status, "▣ 3 audience").expect("the count is shown");
    assert_eq!(buf[(x, y)].fg, theme.status_fg);
}

#[test]
fn the_single_terminal_view_shows_no_audience_count() {
    let mut app = app();
    run(
        &mut app,
        [Action::GoToSlide(BULLET_SLIDE), Action::ToggleNotes],
    );
    let terminal = draw(&mut app, 120, 40);
    let text = status_text(terminal.backend().buffer());
    assert!(!text.contains("audience") && !text.contains('▣'), "{text}");
}

// ---------------------------------------------------------------------------------------------
// The audience window.

/// An audience window for the bundled lecture.
fn follower() -> Follower {
    Follower::new(lecture())
}

/// What a presenter of the lecture shows after `actions`.
fn shown_after(actions: impl IntoIterator<Item = Action>) -> Shown {
    crate::support::app::shown_after(&lecture(), actions)
}

/// Snapshots the lecture's audience window that `setup` leads to.
fn snapshot_audience(name: &str, sizes: &[(u16, u16)], setup: impl Fn(&mut Follower)) {
    snapshot_audience_of(name, &lecture(), sizes, setup);
}

#[test]
fn audience_title_slide() {
    snapshot_audience("audience_title", &SECOND_SCREEN_SIZES, |f| {
        f.update(Cue::Show(shown_after([])));
    });
}

#[test]
fn audience_bullet_slide() {
    snapshot_audience("audience_bullets", &SECOND_SCREEN_SIZES, |f| {
        f.update(Cue::Show(shown_after([Action::GoToSlide(BULLET_SLIDE)])));
    });
}

#[test]
fn audience_reveal_step_partly_shown() {
    snapshot_audience("audience_reveal", &SECOND_SCREEN_SIZES, |f| {
        f.update(Cue::Show(shown_after([
            Action::GoToSlide(BULLET_SLIDE - 1),
            Action::Next,
        ])));
        assert_eq!((f.current, f.step), (BULLET_SLIDE, 0));
    });
}

#[test]
fn audience_cyrillic_excerpt() {
    snapshot_audience("audience_cyrillic", &SECOND_SCREEN_SIZES, |f| {
        let i = index_of(&f.deck, "order-00447");
        f.update(Cue::Show(shown_after([Action::GoToSlide(i)])));
    });
}

#[test]
fn audience_waiting_for_the_presenter() {
    snapshot_audience("audience_waiting", &SECOND_SCREEN_SIZES, |_| {});
}

#[test]
fn audience_presenter_lost() {
    snapshot_audience("audience_lost", &SECOND_SCREEN_SIZES, |f| {
        f.update(Cue::Show(shown_after([Action::GoToSlide(BULLET_SLIDE)])));
        f.update(Cue::Lost);
    });
}

#[test]
fn audience_other_deck() {
    snapshot_audience("audience_other_deck", &SECOND_SCREEN_SIZES, |f| {
        let shown = shown_after([Action::GoToSlide(BULLET_SLIDE)]);
        f.update(Cue::Show(Shown {
            fingerprint: shown.fingerprint ^ 1,
            ..shown
        }));
    });
}

#[test]
fn audience_blank_makes_every_cell_black() {
    let mut presenter = app();
    presenter_view(&mut presenter, 1);
    run(
        &mut presenter,
        [Action::GoToSlide(BULLET_SLIDE), Action::Blank],
    );
    let mut follower = follower();
    follower.update(Cue::Show(presenter.shown()));
    assert!(follower.blank);
    for (w, h) in [(80, 24), (120, 40), (10, 3)] {
        let terminal = draw_follower(&mut follower, w, h);
        let buf = terminal.backend().buffer();
        for p in buf.area.positions() {
            assert_eq!(buf[(p.x, p.y)].bg, Color::Black, "cell {p:?} at {w}x{h}");
            assert_eq!(buf[(p.x, p.y)].symbol(), " ", "cell {p:?} at {w}x{h}");
        }
    }
}

#[test]
fn progress_line_is_proportional_and_alone_on_the_last_row() {
    let theme = Theme::bundled();
    for (w, h) in [(120, 40), (80, 24), (33, 8)] {
        let mut follower = follower();
        follower.update(Cue::Show(shown_after([Action::GoToSlide(41)])));
        let terminal = draw_follower(&mut follower, w, h);
        let buf = terminal.backend().buffer();
        let cells = progress_cells(buf);
        let half = usize::from(w) / 2;
        assert!(cells.abs_diff(half) <= 1, "42/84 at {w}: {cells} cells");
        // From the left edge, dim, and nothing else on the row.
        let y = h - 1;
        for x in 0..w {
            let cell = &buf[(x, y)];
            if usize::from(x) < cells {
                assert_eq!((cell.symbol(), cell.fg), ("▁", theme.dim), "({x}, {y})");
            } else {
                assert_eq!(cell.symbol(), " ", "({x}, {y}) at {w}x{h}");
            }
        }
    }
    // The last slide fills the row; the first is a sliver.
    let mut follower = follower();
    follower.update(Cue::Show(shown_after([Action::Last])));
    assert_eq!(
        progress_cells(draw_follower(&mut follower, 120, 40).backend().buffer()),
        120
    );
    follower.update(Cue::Show(shown_after([])));
    assert_eq!(
        progress_cells(draw_follower(&mut follower, 120, 40).backend().buffer()),
        1
    );
}

#[test]
fn audience_titles_are_large_where_they_fit_and_bold_where_not() {
    // "4 March 1953" is ASCII and leaves the body room: big text, not the plain title.
    let mut follower = follower();
    follower.update(Cue::Show(shown_after([Action::GoToSlide(BULLET_SLIDE)])));
    for (w, h) in [(120, 40), (80, 24)] {
        let terminal = draw_follower(&mut follower, w, h);
        let buf = terminal.backend().buffer();
        assert_eq!(
            find_text(buf, buf.area, "4 March 1953"),
            None,
            "big at {w}x{h}"
        );
        assert!(find_text(buf, buf.area, "• Loss of speech").is_some());
    }
    // A title with curly quotes is not ASCII: tui-big-text would draw it blank.
    let i = index_of(&follower.deck, "stalin-is-dead");
    follower.update(Cue::Show(shown_after([Action::GoToSlide(i)])));
    let terminal = draw_follower(&mut follower, 120, 40);
    let buf = terminal.backend().buffer();
    let title = follower.deck.slide(i).unwrap().title.as_str().to_owned();
    let (x, y) = find_text(buf, buf.area, &title[..12]).expect("the plain title is drawn");
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    // The presenter's own slide pane keeps plain titles.
    let mut presenter = app();
    run(&mut presenter, [Action::GoToSlide(BULLET_SLIDE)]);
    let terminal = draw(&mut presenter, 120, 40);
    assert!(
        find_text(
            terminal.backend().buffer(),
            Rect::new(0, 0, 120, 40),
            "4 March 1953"
        )
        .is_some()
    );
}

#[test]
fn audience_scrolls_a_long_slide_as_far_as_the_presenter() {
    // At 40x12 a long slide overflows; the presenter has scrolled to its end.
    let long = (0..84)
        .max_by_key(|&i| {
            let mut f = follower();
            f.update(Cue::Resize(40, 12));
            f.update(Cue::Show(shown_after([Action::GoToSlide(i)])));
            f.max_scroll()
        })
        .unwrap();
    let mut follower = follower();
    follower.update(Cue::Resize(40, 12));
    follower.update(Cue::Show(Shown {
        scroll_permille: 1000,
        ..shown_after([Action::GoToSlide(long)])
    }));
    let max = follower.max_scroll();
    assert!(max > 0, "slide {} overflows at 40x12", long + 1);
    assert_eq!(follower.scroll, max);
    let terminal = draw_follower(&mut follower, 40, 12);
    let buf = terminal.backend().buffer();
    // Scrolled to the end: the marker says there is more above only, on the row above the
    // progress line.
    let marker = find_text(buf, buf.area, "↑ more").expect("the marker is drawn");
    assert!(
        find_text(buf, buf.area, "↑↓ more").is_none(),
        "nothing left below"
    );
    assert_eq!(marker.1, 10, "the marker sits on the last text row");
}

/// Audience windows worth drawing small.
fn follower_states() -> Vec<(&'static str, Follower)> {
    let mut out = vec![("waiting", follower())];
    let mut title = follower();
    title.update(Cue::Show(shown_after([])));
    out.push(("title", title));
    let mut bullets = follower();
    bullets.update(Cue::Show(shown_after([Action::GoToSlide(BULLET_SLIDE)])));
    out.push(("bullets", bullets.clone()));
    let mut cyrillic = follower();
    let i = index_of(&cyrillic.deck, "order-00447");
    cyrillic.update(Cue::Show(Shown {
        scroll_permille: 500,
        ..shown_after([Action::GoToSlide(i)])
    }));
    out.push(("cyrillic", cyrillic));
    let mut lost = bullets.clone();
    lost.update(Cue::Lost);
    out.push(("lost", lost));
    let mut blank = bullets;
    blank.blank = true;
    out.push(("blank", blank));
    out
}

/// Presenter views worth drawing small.
fn presenter_states() -> Vec<(&'static str, App)> {
    let mut out = Vec::new();
    let mut two = app();
    presenter_view(&mut two, 2);
    run(&mut two, [Action::GoToSlide(BULLET_SLIDE)]);
    out.push(("two", two));
    let mut both = app();
    presenter_view(&mut both, 0);
    both.audience.problem = Some("audience windows cannot connect here".to_owned());
    run(
        &mut both,
        [
            Action::GoToSlide(BULLET_SLIDE),
            Action::ToggleFreeze,
            Action::GoToSlide(11),
            Action::Blank,
        ],
    );
    out.push(("blank and frozen", both));
    let mut reveal = app();
    presenter_view(&mut reveal, 1);
    run(
        &mut reveal,
        [Action::GoToSlide(BULLET_SLIDE - 1), Action::Next],
    );
    out.push(("reveal", reveal));
    let mut last = app();
    presenter_view(&mut last, 1);
    run(&mut last, [Action::Last]);
    out.push(("last", last));
    out
}

#[test]
fn second_screen_views_render_at_every_small_size_without_panic() {
    assert_never_panics("presenter view", presenter_states(), |app, w, h| {
        draw(app, w, h);
    });
    assert_never_panics("audience", follower_states(), |f, w, h| {
        draw_follower(f, w, h);
    });
}

#[test]
fn audience_too_small_says_so() {
    let mut follower = follower();
    follower.update(Cue::Show(shown_after([])));
    let terminal = draw_follower(&mut follower, 19, 5);
    let buf = terminal.backend().buffer();
    assert!(find_text(buf, buf.area, "terminal too small").is_some());
}
