//! The blocks that are more than text (`tests/fixtures/render/blocks.ron`): a picture drawn in
//! half-blocks (as on a terminal without graphics, or in tmux) over the room its slide leaves,
//! with its caption under it; a table whose cells wrap and stay in their columns in any script;
//! ratatui's world map around Budapest and Moscow; an excerpt that keeps its spaces; the alt
//! text where a picture's file is missing; a picture and a map in columns as their text. In the
//! presenter and, large, in the audience window.

use ratatui::style::Color;
use tribune::app::Action;
use tribune::app::follower::{Cue, Follower};

use super::SIZES;
use crate::support::app::{
    assert_screen, draw, draw_follower_with_pictures, draw_with_pictures, find_text, index_of,
    render_deck, run, shown_after,
};
use crate::support::fixtures::path;

/// The folder the fixture's pictures are in.
fn folder() -> std::path::PathBuf {
    path("tests/fixtures/render")
}

/// Snapshots slide `id` of the fixture in the presenter, pictures ready, at each size.
fn presenter(name: &str, id: &str) {
    let deck = render_deck("blocks");
    let index = index_of(&deck, id);
    for (w, h) in SIZES {
        let mut app = tribune::app::App::new(deck.clone());
        run(&mut app, [Action::GoToSlide(index)]);
        assert_screen(name, &draw_with_pictures(&mut app, w, h, &folder()));
    }
}

#[test]
fn a_picture_fills_the_room_its_slide_leaves() {
    presenter("blocks__picture", "portrait");
}

#[test]
fn a_picture_is_drawn_in_colour_and_the_alt_text_is_gone() {
    let deck = render_deck("blocks");
    let mut app = tribune::app::App::new(deck.clone());
    run(&mut app, [Action::GoToSlide(index_of(&deck, "portrait"))]);
    let terminal = draw_with_pictures(&mut app, 120, 40, &folder());
    let buf = terminal.backend().buffer();
    // Half-blocks: the upper half in the foreground colour, the lower in the background's.
    let blocks: Vec<_> = buf
        .content()
        .iter()
        .filter(|c| c.symbol() == "▀" && matches!(c.fg, Color::Rgb(..)))
        .collect();
    assert!(blocks.len() > 200, "{} half-blocks", blocks.len());
    assert_eq!(find_text(buf, buf.area, "grey silhouette"), None);
    assert!(
        find_text(buf, buf.area, "Imre Nagy (stand-in)").is_some(),
        "the caption"
    );
}

#[test]
fn without_the_pictures_ready_the_alt_text_shows() {
    let deck = render_deck("blocks");
    let mut app = tribune::app::App::new(deck.clone());
    run(&mut app, [Action::GoToSlide(index_of(&deck, "portrait"))]);
    let terminal = draw(&mut app, 80, 24);
    let buf = terminal.backend().buffer();
    assert!(find_text(buf, buf.area, "▣ A stand-in portrait").is_some());
}

#[test]
fn a_table_wraps_its_cells_in_their_columns() {
    presenter("blocks__table", "table");
}

#[test]
fn a_map_marks_and_names_its_places() {
    presenter("blocks__map", "map");
}

#[test]
fn an_excerpt_keeps_its_spaces() {
    presenter("blocks__aligned", "aligned");
}

#[test]
fn a_missing_picture_shows_its_alt_text() {
    presenter("blocks__missing", "missing");
}

#[test]
fn in_columns_figures_are_their_text() {
    presenter("blocks__columns", "columns");
}

/// Snapshots slide `id` in the audience window, pictures ready.
fn audience(name: &str, id: &str) {
    let deck = render_deck("blocks");
    let index = index_of(&deck, id);
    for (w, h) in SIZES {
        let mut follower = Follower::new(deck.clone());
        follower.update(Cue::Show(shown_after(&deck, [Action::GoToSlide(index)])));
        assert_screen(
            name,
            &draw_follower_with_pictures(&mut follower, w, h, &folder()),
        );
    }
}

#[test]
fn the_audience_sees_the_picture_large() {
    audience("blocks__audience_picture", "portrait");
}

#[test]
fn the_audience_sees_the_map_large() {
    audience("blocks__audience_map", "map");
}
