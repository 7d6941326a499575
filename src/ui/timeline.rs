//! Draws the timeline sidebar's rows, as the layout worked them out.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::paint;
use super::theme::Theme;
use crate::app::App;
use crate::layout::geometry::timeline_inner;
use crate::layout::timeline::{Memo, TimelineRow};
use crate::layout::{Rect as Cells, panes};

/// Draws the sidebar.
pub struct TimelineView<'a> {
    /// The rows, top first.
    pub rows: &'a [TimelineRow],
    /// Colours.
    pub theme: &'a Theme,
}

impl Widget for TimelineView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        for (i, row) in self.rows.iter().enumerate() {
            let y = area.y + u16::try_from(i).unwrap_or(u16::MAX);
            if y >= area.bottom() {
                break;
            }
            buf.set_line(area.x, y, &paint::line(self.theme, &row.line), area.width);
        }
    }
}

/// The timeline sidebar's rows for the app at its current size, from `memo`.
pub fn timeline_rows<'m>(app: &App, memo: &'m mut Memo) -> &'m [TimelineRow] {
    let (w, h) = app.viewport;
    match panes(Cells::new(0, 0, w, h), app.open_panes()).timeline {
        Some(side) => {
            let inner = timeline_inner(side);
            memo.rows(
                &app.deck,
                app.fingerprint,
                &app.position(),
                inner.width,
                inner.height,
            )
        }
        None => &[],
    }
}

/// The slide a click at (`column`, `row`) on the timeline points at, given its `rows`.
pub fn timeline_hit(app: &App, rows: &[TimelineRow], column: u16, row: u16) -> Option<usize> {
    let (w, h) = app.viewport;
    let inner = timeline_inner(panes(Cells::new(0, 0, w, h), app.open_panes()).timeline?);
    if !inner.contains(column, row) {
        return None;
    }
    rows.get(usize::from(row - inner.y))?.target
}
