//! The audience window: the slide alone, with large titles where they fit and a thin progress
//! line on the last row, drawn from a `Follower` fed what a presenter shows (`Shown`); the
//! calm screens while it waits for a presenter, has lost one, or follows another deck.

use ratatui::style::{Color, Modifier};
use tribune::app::follower::{Cue, Follower};
use tribune::app::{Action, Shown};
use tribune::ui::theme::Theme;

use super::single::RADIO;
use super::{SIZES, WITH_TINY};
use crate::support::app::{
    draw, draw_follower, find_text, fixture_app, index_of, presenter_view, progress_cells,
    render_deck, run, shown_after, snapshot_audience,
};

#[test]
fn audience_title_slide() {
    let deck = render_deck("opening");
    snapshot_audience("audience__title", &deck, &SIZES, |f| {
        f.update(Cue::Show(shown_after(&deck, [])));
    });
}

#[test]
fn audience_bullet_slide() {
    let deck = render_deck("bullets");
    snapshot_audience("audience__bullets", &deck, &WITH_TINY, |f| {
        f.update(Cue::Show(shown_after(&deck, [Action::GoToSlide(RADIO)])));
    });
}

#[test]
fn audience_reveal_step_partly_shown() {
    let deck = render_deck("bullets");
    snapshot_audience("audience__reveal", &deck, &SIZES, |f| {
        f.update(Cue::Show(shown_after(
            &deck,
            [Action::GoToSlide(RADIO - 1), Action::Next],
        )));
        assert_eq!((f.current, f.step), (RADIO, 0));
    });
}

#[test]
fn audience_cyrillic_excerpt() {
    let deck = render_deck("scripts");
    let i = index_of(&deck, "bulletin");
    snapshot_audience("audience__cyrillic", &deck, &SIZES, |f| {
        f.update(Cue::Show(shown_after(&deck, [Action::GoToSlide(i)])));
    });
}

#[test]
fn audience_waiting_for_the_presenter() {
    snapshot_audience("audience__waiting", &render_deck("bullets"), &SIZES, |_| {});
}

#[test]
fn audience_presenter_lost() {
    let deck = render_deck("bullets");
    snapshot_audience("audience__lost", &deck, &SIZES, |f| {
        f.update(Cue::Show(shown_after(&deck, [Action::GoToSlide(RADIO)])));
        f.update(Cue::Lost);
    });
}

#[test]
fn audience_other_deck() {
    let deck = render_deck("bullets");
    snapshot_audience("audience__other_deck", &deck, &SIZES, |f| {
        let shown = shown_after(&deck, [Action::GoToSlide(RADIO)]);
        f.update(Cue::Show(Shown {
            fingerprint: shown.fingerprint ^ 1,
            ..shown
        }));
    });
}

#[test]
fn audience_blank_makes_every_cell_black() {
    let mut presenter = fixture_app("bullets");
    presenter_view(&mut presenter, 1);
    run(&mut presenter, [Action::GoToSlide(RADIO), Action::Blank]);
    let mut follower = Follower::new(render_deck("bullets"));
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
    // `opening.ron` has four slides: the second is half way.
    let deck = render_deck("opening");
    let theme = Theme::bundled();
    for (w, h) in [(120, 40), (80, 24), (33, 8)] {
        let mut follower = Follower::new(deck.clone());
        follower.update(Cue::Show(shown_after(&deck, [Action::GoToSlide(1)])));
        let terminal = draw_follower(&mut follower, w, h);
        let buf = terminal.backend().buffer();
        let cells = progress_cells(buf);
        let half = usize::from(w) / 2;
        assert!(cells.abs_diff(half) <= 1, "2/4 at {w}: {cells} cells");
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
    // The last slide fills the row; the first, a quarter of it.
    let mut follower = Follower::new(deck.clone());
    follower.update(Cue::Show(shown_after(&deck, [Action::Last])));
    assert_eq!(
        progress_cells(draw_follower(&mut follower, 120, 40).backend().buffer()),
        120
    );
    follower.update(Cue::Show(shown_after(&deck, [])));
    assert_eq!(
        progress_cells(draw_follower(&mut follower, 120, 40).backend().buffer()),
        30
    );
}

#[test]
fn audience_titles_are_large_where_they_fit_and_bold_where_not() {
    // "4 March 1953" is ASCII and leaves the body room: big text, not the plain title.
    let deck = render_deck("bullets");
    let mut follower = Follower::new(deck.clone());
    follower.update(Cue::Show(shown_after(&deck, [Action::GoToSlide(RADIO)])));
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
    let i = index_of(&deck, "dead");
    follower.update(Cue::Show(shown_after(&deck, [Action::GoToSlide(i)])));
    let terminal = draw_follower(&mut follower, 120, 40);
    let buf = terminal.backend().buffer();
    let title = follower.deck.slide(i).unwrap().title.as_str().to_owned();
    assert_eq!(title, "“Stalin is dead”");
    let (x, y) = find_text(buf, buf.area, &title).expect("the plain title is drawn");
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    // The presenter's own slide pane keeps plain titles.
    let mut presenter = fixture_app("bullets");
    run(&mut presenter, [Action::GoToSlide(RADIO)]);
    let terminal = draw(&mut presenter, 120, 40);
    let buf = terminal.backend().buffer();
    assert!(find_text(buf, buf.area, "4 March 1953").is_some());
}

#[test]
fn audience_scrolls_a_long_slide_as_far_as_the_presenter() {
    // At 40x12 the chronology overflows; the presenter has scrolled to its end.
    let deck = render_deck("long");
    let long = index_of(&deck, "years");
    let mut follower = Follower::new(deck.clone());
    follower.update(Cue::Resize(40, 12));
    follower.update(Cue::Show(Shown {
        scroll_permille: 1000,
        ..shown_after(&deck, [Action::GoToSlide(long)])
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

#[test]
fn audience_too_small_says_so() {
    let deck = render_deck("bullets");
    let mut follower = Follower::new(deck.clone());
    follower.update(Cue::Show(shown_after(&deck, [])));
    let terminal = draw_follower(&mut follower, 19, 5);
    let buf = terminal.backend().buffer();
    assert!(find_text(buf, buf.area, "terminal too small").is_some());
}
