//! The single-terminal presenter: the slide, the timeline sidebar and the status bar, with the
//! notes pane when asked for. One fixture deck per kind of slide; the style assertions check
//! what the snapshot text cannot: the current slide's marker in the accent colour and the
//! milestones in theirs, a blank screen black to the last cell, titles in bold.

use ratatui::style::{Color, Modifier};
use tribune::app::Action;
use tribune::ui::theme::Theme;

use super::{SIZES, WITH_TINY};
use crate::support::app::{
    assert_screen, draw, find_symbol, find_text, fixture_app, index_of, panes_of, rect,
    render_deck, run, snapshot, status_text,
};

/// 0-based index of "4 March 1953" in `bullets.ron`: two reveal steps, a span, notes.
pub const RADIO: usize = 1;

#[test]
fn title_slide() {
    snapshot(
        "single__title",
        &render_deck("opening"),
        &WITH_TINY,
        |app| {
            assert_eq!(app.current, 0);
        },
    );
}

#[test]
fn part_divider() {
    snapshot("single__divider", &render_deck("opening"), &SIZES, |app| {
        run(app, [Action::NextPart]);
        assert_eq!(app.current, 2, "Part II opens on slide 3");
    });
}

/// `layouts.ron`'s first slide: the title slide by the deck's shape, undated, with the deck's
/// subtitle and author under its title; the status bar shows no date and the sidebar marks no
/// slide as here.
#[test]
fn layout_title_by_the_decks_shape() {
    snapshot(
        "single__layout_title",
        &render_deck("layouts"),
        &SIZES,
        |app| {
            assert_eq!(app.current, 0);
        },
    );
    let mut app = fixture_app("layouts");
    let terminal = draw(&mut app, 80, 24);
    let buf = terminal.backend().buffer();
    assert_eq!(status_text(buf).split("   ").next(), Some(" Part I · 1/5"));
    let side = rect(panes_of(&app, buf.area).timeline.expect("a sidebar"));
    assert!(
        find_symbol(buf, side, "◉").is_empty(),
        "nothing is marked here"
    );
}

/// A slide that asks for the section layout in mid-part: large type, no part subtitle (it does
/// not open the part).
#[test]
fn layout_section_chosen() {
    let deck = render_deck("layouts");
    let i = index_of(&deck, "questions");
    snapshot("single__layout_section", &deck, &SIZES, |app| {
        run(app, [Action::GoToSlide(i)]);
    });
}

/// A part's first slide that asks to be an ordinary slide: bold title, rule, its date above.
#[test]
fn layout_default_chosen_for_a_part_opener() {
    let deck = render_deck("layouts");
    let i = index_of(&deck, "tanks");
    snapshot("single__layout_default", &deck, &SIZES, |app| {
        run(app, [Action::GoToSlide(i)]);
        assert_eq!(
            app.deck.part_of(app.current),
            1,
            "the second part's first slide"
        );
    });
}

#[test]
fn bullet_slide_fully_revealed() {
    // From slide 1, Next shows slide 2 at its first step, then its second (last) step.
    snapshot(
        "single__bullets",
        &render_deck("bullets"),
        &WITH_TINY,
        |app| {
            run(app, [Action::Next, Action::Next]);
            assert_eq!((app.current, app.step), (RADIO, 1));
        },
    );
}

#[test]
fn bullet_slide_first_step() {
    snapshot("single__reveal", &render_deck("bullets"), &SIZES, |app| {
        run(app, [Action::Next]);
        assert_eq!((app.current, app.step), (RADIO, 0));
    });
}

#[test]
fn cyrillic_excerpt() {
    let deck = render_deck("scripts");
    let i = index_of(&deck, "bulletin");
    snapshot("single__cyrillic", &deck, &SIZES, |app| {
        run(app, [Action::GoToSlide(i)]);
    });
}

#[test]
fn cjk_text() {
    let deck = render_deck("scripts");
    let i = index_of(&deck, "beijing");
    snapshot("single__cjk", &deck, &SIZES, |app| {
        run(app, [Action::GoToSlide(i)]);
    });
}

#[test]
fn quotes() {
    snapshot("single__quotes", &render_deck("quotes"), &SIZES, |app| {
        run(app, [Action::GoToSlide(1)]);
    });
}

#[test]
fn columns() {
    snapshot("single__columns", &render_deck("columns"), &SIZES, |app| {
        run(app, [Action::GoToSlide(1)]);
    });
}

#[test]
fn long_slide_at_its_top() {
    let deck = render_deck("long");
    let i = index_of(&deck, "years");
    snapshot("single__long", &deck, &SIZES, |app| {
        run(app, [Action::GoToSlide(i)]);
    });
}

#[test]
fn long_slide_scrolled_to_its_end() {
    let deck = render_deck("long");
    let i = index_of(&deck, "years");
    for (w, h) in SIZES {
        let mut app = fixture_app("long");
        run(&mut app, [Action::Resize(w, h), Action::GoToSlide(i)]);
        let max = app.max_scroll();
        assert!(max > 0, "the chronology overflows {w}x{h}");
        run(&mut app, (0..max).map(|_| Action::Down));
        assert_eq!(
            (app.current, app.scroll),
            (i, max),
            "scrolled, not moved on"
        );
        assert_screen("single__long_scrolled", &draw(&mut app, w, h));
    }
}

#[test]
fn notes_on() {
    snapshot("single__notes", &render_deck("bullets"), &SIZES, |app| {
        run(app, [Action::GoToSlide(RADIO), Action::ToggleNotes]);
    });
}

#[test]
fn timeline_in_a_crowded_week() {
    let deck = render_deck("dense");
    let i = index_of(&deck, "dies");
    snapshot("single__timeline", &deck, &SIZES, |app| {
        run(app, [Action::GoToSlide(i)]);
    });
}

#[test]
fn timeline_off() {
    let deck = render_deck("dense");
    let i = index_of(&deck, "dies");
    snapshot("single__timeline_off", &deck, &SIZES, |app| {
        run(app, [Action::GoToSlide(i), Action::ToggleTimeline]);
        assert!(!app.show_timeline);
    });
}

#[test]
fn timeline_with_flashbacks() {
    // Slide 3 sits inside the span, with two flashbacks before it and two after the span.
    let deck = render_deck("flashback");
    let i = index_of(&deck, "dies");
    snapshot("single__flashbacks", &deck, &SIZES, |app| {
        run(app, [Action::GoToSlide(i)]);
    });
}

#[test]
fn too_small() {
    snapshot(
        "single__too_small",
        &render_deck("bullets"),
        &[(19, 5)],
        |_| {},
    );
}

#[test]
fn current_marker_is_accent_and_milestone_is_milestone_colour() {
    let mut app = fixture_app("dense");
    let i = index_of(&app.deck, "dies");
    run(&mut app, [Action::GoToSlide(i)]);
    let terminal = draw(&mut app, 120, 40);
    let buf = terminal.backend().buffer();
    let theme = Theme::bundled();
    let side = rect(
        panes_of(&app, buf.area)
            .timeline
            .expect("120x40 has room for the sidebar"),
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
    let mut app = fixture_app("bullets");
    run(&mut app, [Action::GoToSlide(RADIO), Action::Blank]);
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
    let mut app = fixture_app("bullets");
    run(&mut app, [Action::GoToSlide(RADIO)]);
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
