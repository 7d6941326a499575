//! The audience window (the projector): the slide alone, full screen, with a thin progress line
//! on the last row; a calm screen while there is no presenter to follow; black when the
//! presenter blanks it. Reads `&Follower` only.
//!
//! The slide goes exactly where `ui::max_scroll` expects it (`slide_text_area` of the slide
//! pane, with no notes or timeline): the follower scrolls a long slide by that geometry, so the
//! drawing must not differ from it. Large titles come from `slide::layout` for the same reason.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Widget};

use crate::app::App;
use crate::app::follower::{Follower, Link};
use crate::text::{line_width, wrap_plain};
use crate::ui::slide::SlideView;
use crate::ui::{areas, is_too_small, render_too_small, slide_text_area};

/// What the waiting screens say, as (main line, hint).
const WAITING: (&str, &str) = (
    "waiting for the presenter",
    "start tribune with this deck in another terminal",
);
/// See `WAITING`.
const LOST: (&str, &str) = (
    "the presenter has left · waiting for it to come back",
    "this window follows again by itself when tribune restarts",
);
/// See `WAITING`.
const OTHER_DECK: (&str, &str) = (
    "the presenter is showing another version of this deck",
    "save the deck, then restart this window",
);

impl Widget for &Follower {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = &self.app;
        if self.blank {
            // Black, not the theme's background: the point is a dark projector.
            Clear.render(area, buf);
            buf.set_style(area, Style::new().bg(Color::Black));
            return;
        }
        buf.set_style(area, Style::new().bg(app.theme.background));
        if is_too_small(area) {
            render_too_small(&app.theme, area, buf);
            return;
        }
        match self.link {
            Link::Following => {
                let a = areas(app, area);
                SlideView { app }.render(slide_text_area(a.slide), buf);
                render_progress(app, a.status, buf);
            }
            Link::Waiting { lost: false } => render_waiting(app, WAITING, area, buf),
            Link::Waiting { lost: true } => render_waiting(app, LOST, area, buf),
            Link::OtherDeck => render_waiting(app, OTHER_DECK, area, buf),
        }
    }
}

/// A thin bar along the bottom row, as long as the share of the lecture reached.
fn render_progress(app: &App, row: Rect, buf: &mut Buffer) {
    let count = app.slide_count().max(1);
    let done = (app.current + 1).min(count);
    let cells = (usize::from(row.width) * done + count / 2) / count;
    let cells = u16::try_from(cells).unwrap_or(row.width).min(row.width);
    buf.set_string(
        row.x,
        row.y,
        "▁".repeat(usize::from(cells)),
        app.theme.dim(),
    );
}

/// The deck's title, what the window is waiting for, and a faint hint, centred a little above
/// the middle as slides are.
fn render_waiting(app: &App, (message, hint): (&str, &str), area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let measure = usize::from(area.width.saturating_sub(4)).clamp(1, crate::ui::slide::MEASURE);
    let mut lines: Vec<Line> = Vec::new();
    lines.extend(wrap_plain(app.deck.title.as_str(), theme.title(), measure));
    lines.push(Line::default());
    lines.extend(wrap_plain(message, theme.text(), measure));
    // The hint is the first thing to go on a short screen.
    let hint = wrap_plain(hint, theme.faint(), measure);
    if lines.len() + 1 + hint.len() <= usize::from(area.height) {
        lines.push(Line::default());
        lines.extend(hint);
    }
    let rows = usize::from(area.height);
    let top = rows.saturating_sub(lines.len()) / 3;
    for (i, line) in lines.iter().take(rows).enumerate() {
        let w = line_width(line).min(usize::from(area.width));
        let x = area.x + u16::try_from((usize::from(area.width) - w) / 2).unwrap_or(0);
        let y = area.y + u16::try_from(top + i).unwrap_or(0);
        buf.set_line(x, y, line, area.width);
    }
}
