//! Draws the presenter view's "next" preview, beside the notes or under them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::paint;
use super::theme::Theme;
use crate::app::App;
use crate::layout::next::{LABEL, preview};
use crate::text::width;

/// Where the preview goes: a column of its own beside the notes, or rows under them that
/// line up with the notes' label column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// A column right of the notes: the label leads the first row, every row starts at `x`.
    Beside,
    /// Under the notes: the label in the notes' label column, text from `x + label_w`.
    Below {
        /// Width of the label column, as the notes pane uses it.
        label_w: u16,
    },
}

/// Draws the preview into `area`.
pub fn render_next(app: &App, theme: &Theme, area: Rect, placement: Placement, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let label = Span::styled(LABEL, theme.dim());
    let rows = usize::from(area.height);
    let at = (app.current, app.step);
    match placement {
        Placement::Beside => {
            let w = usize::from(area.width);
            let lines = preview(&app.deck, at, w, w.saturating_sub(width(LABEL) + 2), rows);
            for (i, line) in lines.iter().take(rows).enumerate() {
                let y = area.y + u16::try_from(i).unwrap_or(0);
                let mut line = paint::line(theme, line);
                if i == 0 {
                    let mut spans = vec![label.clone(), Span::raw("  ")];
                    spans.extend(line.spans);
                    line = spans.into();
                }
                buf.set_line(area.x, y, &line, area.width);
            }
        }
        Placement::Below { label_w } => {
            buf.set_span(area.x + 2, area.y, &label, area.width.saturating_sub(2));
            let x = area.x + 2 + label_w;
            let w = area.width.saturating_sub(label_w + 2);
            let lines = preview(&app.deck, at, usize::from(w), usize::from(w), rows);
            for (i, line) in lines.iter().take(rows).enumerate() {
                let y = area.y + u16::try_from(i).unwrap_or(0);
                buf.set_line(x, y, &paint::line(theme, line), w);
            }
        }
    }
}
