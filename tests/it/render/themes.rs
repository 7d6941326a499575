//! The same screens in every theme: dark, light and projector, and each without colour
//! (`NO_COLOR`). The text is the same in all of them (the projector's heavy rules aside); the
//! colours are the theme's; without colour no cell carries one, and the status bar, the title
//! and the accent still stand apart by their attributes.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use tribune::app::Action;
use tribune::ui::theme::{BUNDLED, Theme};

use crate::support::app::{assert_screen, draw_in, fixture_app, presenter_view, run};

/// The screens every theme draws: the bullets slide with notes and timeline, and the presenter
/// view with an audience blanked.
fn screens(theme: &Theme) -> Vec<Buffer> {
    let mut single = fixture_app("bullets");
    run(&mut single, [Action::Next, Action::ToggleNotes]);
    let mut presenter = fixture_app("bullets");
    presenter_view(&mut presenter, 1);
    run(&mut presenter, [Action::Blank]);
    [single, presenter]
        .iter_mut()
        .map(|app| draw_in(app, 120, 40, theme).backend().buffer().clone())
        .collect()
}

/// The text of a buffer with the heavy rules read as light ones.
fn text(buf: &Buffer) -> String {
    buf.content()
        .iter()
        .map(|c| match c.symbol() {
            "━" => "─",
            "┃" => "│",
            "╋" => "┼",
            "┳" => "┬",
            s => s,
        })
        .collect()
}

#[test]
fn every_theme_draws_the_same_text_in_its_own_colours() {
    let dark = screens(&Theme::bundled());
    for (name, _) in BUNDLED {
        let theme = Theme::named(name).unwrap();
        for (got, want) in screens(&theme).iter().zip(&dark) {
            assert_eq!(
                text(got),
                text(want),
                "{name}: the same words in the same places"
            );
            let (x, y) = (2, 39);
            assert_eq!(
                got[(x, y)].bg,
                theme.status_bg,
                "{name}: the status bar's colour"
            );
        }
    }
    let projector = Theme::named("projector").unwrap();
    let buf = &screens(&projector)[0];
    assert_eq!(buf[(10, 5)].bg, Color::Rgb(0xff, 0xff, 0xff), "white page");
    assert_screen(
        "themes__projector",
        &draw_in(&mut fixture_app("bullets"), 80, 24, &projector),
    );
}

#[test]
fn without_colour_no_cell_has_one_and_attributes_tell_things_apart() {
    for (name, _) in BUNDLED {
        let theme = Theme::named(name).unwrap().without_colour();
        for buf in screens(&theme) {
            for cell in buf.content() {
                assert!(
                    [cell.fg, cell.bg].iter().all(|c| *c == Color::Reset),
                    "{name}: a coloured cell {cell:?}"
                );
            }
            let status = &buf[(2, 39)];
            assert!(
                status.modifier.contains(Modifier::REVERSED),
                "{name}: the status bar"
            );
        }
    }
}
