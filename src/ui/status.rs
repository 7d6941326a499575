//! The one-line status bar: part, slide N/M, the slide's date, typed digits or a message, the
//! elapsed time and the clock; in the presenter view also the audience windows connected and a
//! badge when the class sees something else (blank, or frozen on another slide).

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::Theme;
use crate::app::App;
use crate::layout::roman;
use crate::text::{truncate, width};

/// `H:MM:SS`.
pub fn format_elapsed(d: Duration) -> String {
    let s = d.as_secs();
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// Draws the status bar.
pub struct StatusBar<'a> {
    /// The presenter state.
    pub app: &'a App,
    /// Colours.
    pub theme: &'a Theme,
}

/// Width of styled pieces.
fn spans_width(spans: &[Span]) -> usize {
    spans.iter().map(|s| width(&s.content)).sum()
}

/// Columns between the slide number and the audience badges.
const BADGE_GAP: usize = 2;

/// The badges saying the class sees something other than the teacher's slide, fullest first;
/// empty when it sees the same.
fn badges(app: &App, theme: &Theme) -> Vec<Vec<Span<'static>>> {
    let blank = app.audience.blank.then_some([
        " AUDIENCE BLANK · b shows ".to_owned(),
        " AUDIENCE BLANK ".to_owned(),
        " BLANK ".to_owned(),
        " BLANK ".to_owned(),
    ]);
    let frozen = app.audience.frozen.as_ref().map(|f| {
        let n = f.slide + 1;
        [
            format!(" AUDIENCE FROZEN on {n} · f follows "),
            format!(" AUDIENCE FROZEN on {n} "),
            format!(" FROZEN on {n} "),
            " FROZEN ".to_owned(),
        ]
    });
    if blank.is_none() && frozen.is_none() {
        return Vec::new();
    }
    (0..4)
        .map(|level| {
            let mut spans = Vec::new();
            if let Some(b) = &blank {
                spans.push(Span::styled(b[level].clone(), theme.badge()));
            }
            if let Some(f) = &frozen {
                if !spans.is_empty() {
                    spans.push(Span::styled(" ", theme.status()));
                }
                spans.push(Span::styled(f[level].clone(), theme.badge()));
            }
            spans
        })
        .collect()
}

/// The right-hand side, fullest first: in the presenter view the audience count, then the
/// elapsed time and the clock; the last choice is empty.
fn rights(app: &App, theme: &Theme) -> Vec<Vec<Span<'static>>> {
    let status = theme.status();
    let elapsed = app.elapsed().map_or("▶ –:––:––".to_owned(), |d| {
        format!("▶ {}", format_elapsed(d))
    });
    let with_clock = match app.clock {
        Some(clock) => format!("{elapsed}   {clock} "),
        None => format!("{elapsed} "),
    };
    if !app.audience.presenter_view {
        return vec![
            vec![Span::styled(with_clock, status)],
            vec![Span::styled(format!("{elapsed} "), status)],
            Vec::new(),
        ];
    }
    let n = app.audience.connected;
    let (full, short) = if n == 0 {
        let warn = theme.warning().bg(theme.status_bg);
        (Span::styled("no audience", warn), Span::styled("▣ 0", warn))
    } else {
        (
            Span::styled(format!("▣ {n} audience"), status),
            Span::styled(format!("▣ {n}"), status),
        )
    };
    let sep = || Span::styled("   ", status);
    vec![
        vec![full.clone(), sep(), Span::styled(with_clock, status)],
        vec![full, sep(), Span::styled(format!("{elapsed} "), status)],
        vec![
            short.clone(),
            sep(),
            Span::styled(format!("{elapsed} "), status),
        ],
        vec![short, Span::styled(" ", status)],
        Vec::new(),
    ]
}

impl Widget for StatusBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let StatusBar { app, theme } = self;
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
        let bare_number = format!(" {}/{}", app.current + 1, app.slide_count());
        let lefts = [
            format!(
                " Part {} ·{number} · {}",
                roman(part + 1),
                slide.date.human()
            ),
            format!("{number} · {}", slide.date.human()),
            number.clone(),
            bare_number.clone(),
        ];
        let w = usize::from(area.width);
        // What the class sees outlasts everything but the slide number: the teacher must not
        // miss that the projector is black or held on another slide.
        let all_badges = badges(app, theme);
        let (badge, least) = match all_badges
            .iter()
            .find(|b| width(&number) + BADGE_GAP + spans_width(b) <= w)
        {
            Some(b) => (b.clone(), &number),
            None => (all_badges.last().cloned().unwrap_or_default(), &bare_number),
        };
        let badge_w = if badge.is_empty() {
            0
        } else {
            BADGE_GAP + spans_width(&badge)
        };
        let right = rights(app, theme)
            .into_iter()
            .find(|r| width(least) + badge_w + spans_width(r) < w)
            .unwrap_or_default();
        let right_w = spans_width(&right);
        let left = lefts
            .iter()
            .find(|l| width(l) + badge_w + right_w < w)
            .map_or_else(|| truncate(least, w), Clone::clone);
        let middle: Option<Span> = if !app.digits.is_empty() {
            Some(Span::styled(
                format!("go to slide {}▏ Enter", app.digits),
                theme.accent().bg(theme.status_bg),
            ))
        } else if let Some(m) = &app.message {
            Some(Span::styled(m.clone(), theme.warning().bg(theme.status_bg)))
        } else if let Some(p) = &app.save_problem {
            Some(Span::styled(p.clone(), theme.dim().bg(theme.status_bg)))
        } else {
            app.audience
                .problem
                .as_ref()
                .map(|p| Span::styled(p.clone(), theme.dim().bg(theme.status_bg)))
        };
        let mut spans = vec![Span::styled(left.clone(), theme.status())];
        if !badge.is_empty() {
            spans.push(Span::styled(" ".repeat(BADGE_GAP), theme.status()));
            spans.extend(badge);
        }
        let room = w.saturating_sub(width(&left) + badge_w + right_w);
        if let Some(m) = middle {
            let text = truncate(&m.content, room.saturating_sub(4));
            let pad = room.saturating_sub(width(&text)) / 2;
            spans.push(Span::raw(" ".repeat(pad)));
            spans.push(Span::styled(text, m.style));
        }
        buf.set_line(area.x, area.y, &Line::from(spans), area.width);
        if w > right_w + width(&left) + badge_w {
            let x = area
                .right()
                .saturating_sub(u16::try_from(right_w).unwrap_or(0));
            buf.set_line(x, area.y, &Line::from(right), area.width);
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
