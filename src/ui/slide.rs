//! Draws a laid-out slide: the lines the reveal has reached, the title in large type
//! (tui-big-text), scrolled as far as asked, with a marker when there is more above or below.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line as TermLine;
use ratatui::widgets::Widget;
use tui_big_text::{BigText, PixelSize};

use super::paint;
use super::theme::Theme;
use crate::layout::SlideLayout;
use crate::layout::slide::text_rows;
use crate::text::width;

/// Draws a slide laid out for the area it is drawn into.
pub struct SlideView<'a> {
    /// The slide, laid out.
    pub layout: &'a SlideLayout,
    /// Lines scrolled.
    pub scroll: usize,
    /// Colours.
    pub theme: &'a Theme,
}

impl Widget for SlideView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let l = self.layout;
        if area.width == 0 || area.height == 0 {
            return;
        }
        let total = l.height();
        let rows = usize::from(area.height);
        let overflow = total > rows;
        let (rows, scroll) = if overflow {
            let text = text_rows(rows);
            (text, self.scroll.min(total - text))
        } else {
            (rows, 0)
        };
        // Short slides sit a little above the middle, where the eye expects them.
        let top = if overflow { 0 } else { (rows - total) / 3 };
        let theme = self.theme;
        let view = View {
            x: area.x + l.indent,
            width: area.width.saturating_sub(l.indent),
            top: area.y,
            margin: top,
            scroll,
            rows,
        };
        for (i, (line, revealed)) in l.head.iter().enumerate() {
            if *revealed && let Some(y) = view.y(i) {
                buf.set_line(view.x, y, &paint::line(theme, line), view.width);
            }
        }
        let body_start = l.head.len() + l.big.as_ref().map_or(0, |b| usize::from(b.height));
        if let Some(big) = &l.big {
            render_big(big, &view, l.head.len(), theme, buf);
        }
        for (i, (line, revealed)) in l.body.iter().enumerate() {
            if *revealed && let Some(y) = view.y(body_start + i) {
                buf.set_line(view.x, y, &paint::line(theme, line), view.width);
            }
        }
        if overflow {
            let more_above = scroll > 0;
            let more_below = scroll < total - rows;
            let marker = match (more_above, more_below) {
                (true, true) => " ↑↓ more ",
                (true, false) => " ↑ more ",
                _ => " ↓ more ",
            };
            let y = area.y + u16::try_from(rows).unwrap_or(0);
            let x = area
                .right()
                .saturating_sub(u16::try_from(width(marker)).unwrap_or(0) + 1);
            buf.set_string(x.max(area.x), y, marker, theme.accent());
        }
    }
}

/// Where the rows of a laid-out slide land on screen.
struct View {
    /// The text column's left edge and width.
    x: u16,
    width: u16,
    /// The area's top row.
    top: u16,
    /// Rows left empty above a short slide.
    margin: usize,
    /// Lines scrolled.
    scroll: usize,
    /// Rows for text.
    rows: usize,
}

impl View {
    /// The screen row of the slide's row `row`, if it is in view.
    fn y(&self, row: usize) -> Option<u16> {
        let shown = row.checked_sub(self.scroll)? + self.margin;
        (shown < self.rows).then(|| self.top + u16::try_from(shown).unwrap_or(0))
    }
}

/// Draws the big title, starting at the slide's row `start`, when all of it is in view.
fn render_big(
    big: &crate::layout::BigTitle,
    view: &View,
    start: usize,
    theme: &Theme,
    buf: &mut Buffer,
) {
    let Some(y) = view.y(start) else { return };
    if start - view.scroll + view.margin + usize::from(big.height) > view.rows {
        return;
    }
    BigText::builder()
        .pixel_size(PixelSize::Quadrant)
        .style(theme.title())
        .lines(
            big.lines
                .iter()
                .map(|s| TermLine::from(s.clone()))
                .collect::<Vec<_>>(),
        )
        .build()
        .render(Rect::new(view.x, y, view.width, big.height), buf);
}
