//! The presenter view (once an audience window is connected, or with `--presenter`): the
//! slide, the notes with a "next" column, the timeline, and on the status bar how many
//! audience windows follow and what the class sees when it is not the teacher's slide (the
//! BLANK and FROZEN badges, inverse in the warning colour at every width).

use ratatui::layout::Rect;
use ratatui::style::Modifier;
use tribune::app::Action;
use tribune::ui::theme::Theme;

use super::single::RADIO;
use super::{SIZES, WITH_TINY};
use crate::support::app::{
    draw, find_text, fixture_app, presenter_view, render_deck, run, snapshot, status_text,
};

#[test]
fn presenter_view_with_two_audience_windows() {
    snapshot(
        "presenter__two",
        &render_deck("bullets"),
        &WITH_TINY,
        |app| {
            presenter_view(app, 2);
            run(app, [Action::GoToSlide(RADIO)]);
        },
    );
}

#[test]
fn presenter_view_audience_blank() {
    snapshot("presenter__blank", &render_deck("bullets"), &SIZES, |app| {
        presenter_view(app, 2);
        run(app, [Action::GoToSlide(RADIO), Action::Blank]);
        assert!(
            app.audience.blank,
            "b blanks the audience in the presenter view"
        );
    });
}

#[test]
fn presenter_view_audience_frozen_while_browsing() {
    snapshot(
        "presenter__frozen",
        &render_deck("bullets"),
        &SIZES,
        |app| {
            presenter_view(app, 2);
            run(
                app,
                [
                    Action::GoToSlide(RADIO),
                    Action::ToggleFreeze,
                    Action::GoToSlide(2),
                ],
            );
            assert_eq!(app.audience.frozen.as_ref().map(|f| f.slide), Some(RADIO));
        },
    );
}

#[test]
fn presenter_view_with_a_reveal_step_pending() {
    snapshot(
        "presenter__reveal",
        &render_deck("bullets"),
        &SIZES,
        |app| {
            presenter_view(app, 2);
            run(app, [Action::GoToSlide(RADIO - 1), Action::Next]);
            assert_eq!((app.current, app.step), (RADIO, 0));
        },
    );
}

#[test]
fn presenter_view_with_no_audience() {
    snapshot(
        "presenter__no_audience",
        &render_deck("bullets"),
        &SIZES,
        |app| {
            presenter_view(app, 0);
            run(app, [Action::GoToSlide(RADIO)]);
        },
    );
}

#[test]
fn presenter_view_on_the_last_slide() {
    snapshot(
        "presenter__last",
        &render_deck("bullets"),
        &[(120, 40)],
        |app| {
            presenter_view(app, 1);
            run(app, [Action::Last]);
        },
    );
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
            let mut app = fixture_app("bullets");
            presenter_view(&mut app, 2);
            run(&mut app, [Action::GoToSlide(RADIO)]);
            if frozen {
                run(&mut app, [Action::ToggleFreeze, Action::GoToSlide(2)]);
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
                find_text(buf, status, "2/3").is_some() || find_text(buf, status, "3/3").is_some(),
                "the slide number stays at {w}: {}",
                status_text(buf)
            );
        }
    }
}

#[test]
fn no_audience_is_in_the_warning_colour_and_a_problem_is_dim() {
    let theme = Theme::bundled();
    let mut app = fixture_app("bullets");
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
    let mut app = fixture_app("bullets");
    run(&mut app, [Action::GoToSlide(RADIO), Action::ToggleNotes]);
    let terminal = draw(&mut app, 120, 40);
    let text = status_text(terminal.backend().buffer());
    assert!(!text.contains("audience") && !text.contains('▣'), "{text}");
}
