//! The audience window (the projector): the slide alone, full screen, with a thin progress line
//! on the last row; a calm screen while there is no presenter to follow; black when the
//! presenter blanks it. Draws the follower's own layout (`Follower::slide_layout`), the one its
//! scrolling is measured against.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::widgets::{Clear, Widget};

use super::paint;
use super::picture::Pictures;
use super::presenter::render_too_small;
use super::slide::SlideView;
use super::theme::Theme;
use crate::app::follower::{Follower, Link};
use crate::layout::{self, MEASURE, Open, is_too_small, panes};
use crate::text::{wrap_plain, wrapped_width};

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

/// Draws the audience window.
pub struct AudienceView<'a> {
    /// Its state.
    pub follower: &'a Follower,
    /// Colours.
    pub theme: &'a Theme,
    /// The deck's pictures, as far as they are ready.
    pub pictures: Option<&'a Pictures>,
}

impl Widget for AudienceView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let AudienceView {
            follower,
            theme,
            pictures,
        } = self;
        if follower.blank {
            // Black, not the theme's background: the point is a dark projector.
            Clear.render(area, buf);
            buf.set_style(area, Style::new().bg(Color::Black));
            return;
        }
        buf.set_style(area, Style::new().bg(theme.background));
        let screen = layout::Rect::new(area.x, area.y, area.width, area.height);
        if is_too_small(screen) {
            render_too_small(theme, area, buf);
            return;
        }
        match follower.link {
            Link::Following => {
                let (slide, slide_area) = follower.slide_layout();
                SlideView {
                    layout: &slide,
                    scroll: follower.scroll,
                    theme,
                    pictures,
                }
                .render(paint::rect(slide_area), buf);
                let status = panes(screen, Open::default()).status;
                render_progress(follower, theme, paint::rect(status), buf);
            }
            Link::Waiting { lost: false } => render_waiting(follower, theme, WAITING, area, buf),
            Link::Waiting { lost: true } => render_waiting(follower, theme, LOST, area, buf),
            Link::OtherDeck => render_waiting(follower, theme, OTHER_DECK, area, buf),
        }
    }
}

/// A thin bar along the bottom row, as long as the share of the lecture reached.
fn render_progress(follower: &Follower, theme: &Theme, row: Rect, buf: &mut Buffer) {
    let count = follower.deck.slide_count().max(1);
    let done = (follower.current + 1).min(count);
    let cells = (usize::from(row.width) * done + count / 2) / count;
    let cells = u16::try_from(cells).unwrap_or(row.width).min(row.width);
    buf.set_string(row.x, row.y, "▁".repeat(usize::from(cells)), theme.dim());
}

/// The deck's title, what the window is waiting for, and a faint hint, centred a little above
/// the middle as slides are.
fn render_waiting(
    follower: &Follower,
    theme: &Theme,
    (message, hint): (&str, &str),
    area: Rect,
    buf: &mut Buffer,
) {
    let measure = usize::from(area.width.saturating_sub(4)).clamp(1, MEASURE);
    let mut lines = wrap_plain(follower.deck.title.as_str(), &theme.title(), measure);
    lines.push(Vec::new());
    lines.extend(wrap_plain(message, &theme.text(), measure));
    // The hint is the first thing to go on a short screen.
    let hint = wrap_plain(hint, &theme.faint(), measure);
    if lines.len() + 1 + hint.len() <= usize::from(area.height) {
        lines.push(Vec::new());
        lines.extend(hint);
    }
    let rows = usize::from(area.height);
    let top = rows.saturating_sub(lines.len()) / 3;
    for (i, line) in lines.into_iter().take(rows).enumerate() {
        let w = wrapped_width(&line).min(usize::from(area.width));
        let x = area.x + u16::try_from((usize::from(area.width) - w) / 2).unwrap_or(0);
        let y = area.y + u16::try_from(top + i).unwrap_or(0);
        let line = paint::styled(vec![line]).remove(0);
        buf.set_line(x, y, &line, area.width);
    }
}
