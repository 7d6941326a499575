//! The one-line status bar: part, slide N/M, the slide's date, typed digits or a message, the
//! elapsed time and the clock.

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::app::App;
use crate::text::{truncate, width};
use crate::ui::slide::roman;

/// `H:MM:SS`.
pub fn format_elapsed(d: Duration) -> String {
    let s = d.as_secs();
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// Draws the status bar.
pub struct StatusBar<'a> {
    /// The presenter state.
    pub app: &'a App,
}

impl Widget for StatusBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let theme = &app.theme;
        buf.set_style(area, theme.status());
        let Some(slide) = app.deck.slide(app.current) else {
            return;
        };
        let part = app.deck.part_of(app.current);
        let steps = slide.steps();
        let step = if steps > 1 {
            format!(" ({}/{})", app.step + 1, steps)
        } else {
            String::new()
        };
        // Fullest first; on a narrow screen the slide number outlasts the clock.
        let number = format!(" {}/{}{step}", app.current + 1, app.slide_count());
        let lefts = [
            format!(
                " Part {} ·{number} · {}",
                roman(part + 1),
                slide.date.human()
            ),
            format!("{number} · {}", slide.date.human()),
            number.clone(),
        ];
        let elapsed = app.elapsed().map_or("▶ –:––:––".to_owned(), |d| {
            format!("▶ {}", format_elapsed(d))
        });
        let rights = [
            if app.clock.is_empty() {
                format!("{elapsed} ")
            } else {
                format!("{elapsed}   {} ", app.clock)
            },
            format!("{elapsed} "),
            String::new(),
        ];
        let w = usize::from(area.width);
        let right = rights
            .iter()
            .find(|r| width(&number) + width(r) < w)
            .cloned()
            .unwrap_or_default();
        let left = lefts
            .iter()
            .find(|l| width(l) + width(&right) < w)
            .map_or_else(|| truncate(&number, w), Clone::clone);
        let middle: Option<Span> = if app.digits.is_empty() {
            app.message
                .as_ref()
                .map(|m| Span::styled(m.clone(), theme.warning().bg(theme.status_bg)))
        } else {
            Some(Span::styled(
                format!("go to slide {}▏ Enter", app.digits),
                theme.accent().bg(theme.status_bg),
            ))
        };
        let right_w = width(&right);
        let mut spans = vec![Span::styled(left.clone(), theme.status())];
        let room = w.saturating_sub(width(&left) + right_w);
        if let Some(m) = middle {
            let text = truncate(&m.content, room.saturating_sub(4));
            let pad = room.saturating_sub(width(&text)) / 2;
            spans.push(Span::raw(" ".repeat(pad)));
            spans.push(Span::styled(text, m.style));
        }
        buf.set_line(area.x, area.y, &Line::from(spans), area.width);
        if w > right_w + width(&left) {
            let x = area
                .right()
                .saturating_sub(u16::try_from(right_w).unwrap_or(0));
            buf.set_string(x, area.y, &right, theme.status());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elapsed_format() {
        assert_eq!(format_elapsed(Duration::from_secs(432)), "0:07:12");
        assert_eq!(format_elapsed(Duration::from_secs(3 * 3600 + 5)), "3:00:05");
    }
}
