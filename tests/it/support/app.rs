//! The app in-process: an `App` built from a deck, actions applied as the event loop applies
//! them, the presenter (`PresenterView`) and the audience window (`AudienceView`) drawn into a
//! ratatui `TestBackend`, text and symbols found in the drawn buffer, and whole screens
//! snapshotted with insta into `tests/snapshots/`.
//!
//! Time enters only as data: every presenter draw sends the same `Tick` (432 s since launch,
//! `14:32` on the wall clock) and a `Resize` matching the backend, so no real clock reaches
//! the screen.

use std::path::Path;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use tribune::app::follower::{Cue, Follower};
use tribune::app::{Action, App, Shown};
use tribune::deck::{Deck, TimeOfDay};
use tribune::layout::timeline::Memo;
use tribune::tui::make_ready;
use tribune::ui::theme::Theme;
use tribune::ui::{AudienceView, Pictures, PresenterView, timeline_rows};

use super::fixtures;

/// Where snapshots live, whichever module asserts them.
const SNAPSHOTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots");

/// A presenter on the first slide of the bundled lecture.
pub fn lecture_app() -> App {
    App::new(fixtures::lecture())
}

/// A presenter on the first slide of `tests/fixtures/render/{name}.ron`.
pub fn fixture_app(name: &str) -> App {
    App::new(render_deck(name))
}

/// The render fixture deck `tests/fixtures/render/{name}.ron`, made for one kind of screen.
pub fn render_deck(name: &str) -> Deck {
    fixtures::fixture_deck(&format!("tests/fixtures/render/{name}.ron"))
}

/// Applies actions in order, and each returned follow-up at once, as the event loop does.
pub fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for action in actions {
        let mut next = Some(action);
        while let Some(a) = next {
            next = app.update(a);
        }
    }
}

/// Types `text` one character at a time into the prompt or overview filter.
pub fn type_text(app: &mut App, text: &str) {
    run(app, text.chars().map(Action::Type));
}

/// The 0-based index of the slide with `id`.
pub fn index_of(deck: &Deck, id: &str) -> usize {
    deck.slides()
        .position(|s| s.id.as_ref().is_some_and(|i| i.as_str() == id))
        .unwrap_or_else(|| panic!("the deck has a slide with id {id}"))
}

/// Draws `app` at `w`×`h` after telling it the size and a fixed time.
pub fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    draw_in(app, w, h, &Theme::bundled())
}

/// The presenter at `w`×`h`, its clocks at a fixed time, so that frames are the same each run.
fn at_size(app: &mut App, w: u16, h: u16) {
    run(
        app,
        [
            Action::Resize(w, h),
            Action::Tick {
                now: Duration::from_secs(432),
                clock: TimeOfDay::hm(14, 32),
            },
        ],
    );
}

/// As `draw`, in `theme`.
pub fn draw_in(app: &mut App, w: u16, h: u16, theme: &Theme) -> Terminal<TestBackend> {
    at_size(app, w, h);
    let mut memo = Memo::default();
    let view = PresenterView {
        app,
        theme,
        timeline: timeline_rows(app, &mut memo),
        pictures: None,
    };
    drawn(view, w, h)
}

/// As `draw`, with the deck's pictures read from `folder` and drawn in half-blocks, as on a
/// terminal without graphics.
pub fn draw_with_pictures(app: &mut App, w: u16, h: u16, folder: &Path) -> Terminal<TestBackend> {
    at_size(app, w, h);
    let mut pictures = Pictures::half_blocks();
    make_ready(&mut pictures, &app.slide_layout().0, Some(folder));
    let theme = Theme::bundled();
    let mut memo = Memo::default();
    let view = PresenterView {
        app,
        theme: &theme,
        timeline: timeline_rows(app, &mut memo),
        pictures: Some(&pictures),
    };
    drawn(view, w, h)
}

/// As `draw_follower`, with the deck's pictures read from `folder` in half-blocks.
pub fn draw_follower_with_pictures(
    follower: &mut Follower,
    w: u16,
    h: u16,
    folder: &Path,
) -> Terminal<TestBackend> {
    follower.update(Cue::Resize(w, h));
    let mut pictures = Pictures::half_blocks();
    make_ready(&mut pictures, &follower.slide_layout().0, Some(folder));
    let theme = Theme::bundled();
    drawn(
        AudienceView {
            follower,
            theme: &theme,
            pictures: Some(&pictures),
        },
        w,
        h,
    )
}

/// Where the panes of `app` go on a screen of `area`.
pub fn panes_of(app: &App, area: Rect) -> tribune::layout::Panes {
    tribune::layout::panes(
        tribune::layout::Rect::new(area.x, area.y, area.width, area.height),
        app.open_panes(),
    )
}

/// A layout rectangle as ratatui's.
pub fn rect(r: tribune::layout::Rect) -> Rect {
    Rect::new(r.x, r.y, r.width, r.height)
}

/// A `w`×`h` test terminal with `widget` drawn on it.
pub fn drawn(widget: impl Widget, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test backend cannot fail");
    terminal
        .draw(|f| f.render_widget(widget, f.area()))
        .expect("drawing into a test backend cannot fail");
    terminal
}

/// Snapshots a drawn screen as `tests/snapshots/it__render__{name}_{w}x{h}.snap`.
pub fn assert_screen(name: &str, terminal: &Terminal<TestBackend>) {
    let area = terminal.backend().buffer().area;
    let (w, h) = (area.width, area.height);
    insta::with_settings!({
        snapshot_path => SNAPSHOTS,
        prepend_module_to_snapshot => false,
        omit_expression => true,
        description => format!("{name} at {w}x{h}"),
    }, {
        insta::assert_snapshot!(format!("it__render__{name}_{w}x{h}"), terminal.backend());
    });
}

/// Runs `assert` (which asserts snapshots named by insta from the calling module) with the
/// snapshots kept in `tests/snapshots/`.
pub fn in_snapshots(assert: impl FnOnce()) {
    insta::with_settings!({
        snapshot_path => SNAPSHOTS,
    }, {
        assert();
    });
}

/// Snapshots the screen `setup` leads to from a presenter on the first slide of `deck`, at
/// each of `sizes`, as `it__render__{name}_{w}x{h}`.
pub fn snapshot(name: &str, deck: &Deck, sizes: &[(u16, u16)], setup: impl Fn(&mut App)) {
    for &(w, h) in sizes {
        let mut app = App::new(deck.clone());
        setup(&mut app);
        assert_screen(name, &draw(&mut app, w, h));
    }
}

/// Cells of `buf` inside `area` whose symbol is `symbol`, as (x, y).
pub fn find_symbol(buf: &Buffer, area: Rect, symbol: &str) -> Vec<(u16, u16)> {
    area.positions()
        .filter(|p| buf[(p.x, p.y)].symbol() == symbol)
        .map(|p| (p.x, p.y))
        .collect()
}

/// The cells of row `y` from `left` to `right` as the screen shows them: (column, symbol), the
/// cells a wide glyph (`⌛`, an ideograph) covers left out.
fn shown_cells(buf: &Buffer, y: u16, left: u16, right: u16) -> Vec<(u16, &str)> {
    let mut cells = Vec::new();
    let mut x = left;
    while x < right {
        let symbol = buf[(x, y)].symbol();
        cells.push((x, symbol));
        let w = tribune::text::width(symbol).max(1);
        x = x.saturating_add(u16::try_from(w).expect("a glyph is narrow"));
    }
    cells
}

/// Where `text` starts inside `area`, reading each row as its cells' symbols.
pub fn find_text(buf: &Buffer, area: Rect, text: &str) -> Option<(u16, u16)> {
    for y in area.top()..area.bottom() {
        let cells = shown_cells(buf, y, area.left(), area.right());
        for start in 0..cells.len() {
            let rest: String = cells[start..].iter().map(|c| c.1).collect();
            if rest.starts_with(text) {
                return Some((cells[start].0, y));
            }
        }
    }
    None
}

/// The text of row `y` of `buf`, its cells' symbols joined (a wide glyph's covered cells left
/// out, as on screen).
pub fn row_text(buf: &Buffer, y: u16) -> String {
    shown_cells(buf, y, buf.area.left(), buf.area.right())
        .iter()
        .map(|c| c.1)
        .collect()
}

/// The status bar's text.
pub fn status_text(buf: &Buffer) -> String {
    row_text(buf, buf.area.bottom() - 1)
}

/// Turns the presenter view on with `n` audience windows connected, notes open.
pub fn presenter_view(app: &mut App, n: usize) {
    run(app, [Action::AudienceCount(n)]);
    app.audience.presenter_view = true;
    app.show_notes = true;
}

/// What a presenter of `deck` shows after `actions`.
pub fn shown_after(deck: &Deck, actions: impl IntoIterator<Item = Action>) -> Shown {
    let mut presenter = App::new(deck.clone());
    run(&mut presenter, actions);
    presenter.shown()
}

/// Draws `follower` at `w`×`h` after telling it the size.
pub fn draw_follower(follower: &mut Follower, w: u16, h: u16) -> Terminal<TestBackend> {
    follower.update(Cue::Resize(w, h));
    let theme = Theme::bundled();
    drawn(
        AudienceView {
            follower,
            theme: &theme,
            pictures: None,
        },
        w,
        h,
    )
}

/// Snapshots the audience window of `deck` that `setup` leads to, at each of `sizes`, as
/// `it__render__{name}_{w}x{h}`.
pub fn snapshot_audience(
    name: &str,
    deck: &Deck,
    sizes: &[(u16, u16)],
    setup: impl Fn(&mut Follower),
) {
    for &(w, h) in sizes {
        let mut follower = Follower::new(deck.clone());
        follower.update(Cue::Resize(w, h));
        setup(&mut follower);
        assert_screen(name, &draw_follower(&mut follower, w, h));
    }
}

/// The `▁` cells on the last row: the audience window's progress line.
pub fn progress_cells(buf: &Buffer) -> usize {
    let y = buf.area.bottom() - 1;
    (buf.area.left()..buf.area.right())
        .filter(|&x| buf[(x, y)].symbol() == "▁")
        .count()
}

/// Every size from 1x1 to 30x12, and a few extreme ones.
fn small_and_extreme_sizes() -> Vec<(u16, u16)> {
    let mut sizes: Vec<(u16, u16)> = (1..=30)
        .flat_map(|w| (1..=12).map(move |h| (w, h)))
        .collect();
    sizes.extend([(1, 200), (300, 2), (300, 90)]);
    sizes
}

/// Fails, naming the state and size, if drawing `states` at any small or extreme size panics.
pub fn assert_never_panics<T>(view: &str, states: Vec<(&str, T)>, draw: impl Fn(&mut T, u16, u16)) {
    for (state, mut value) in states {
        for (w, h) in small_and_extreme_sizes() {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                draw(&mut value, w, h);
            }));
            assert!(result.is_ok(), "{view} {state} panicked at {w}x{h}");
        }
    }
}
