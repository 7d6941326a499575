//! Draws a laid-out slide: the lines the reveal has reached, the title in large type
//! (tui-big-text), pictures and maps over the rows kept for them, scrolled as far as asked,
//! with a marker when there is more above or below.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::Line as TermLine;
use ratatui::widgets::Widget;
use ratatui::widgets::canvas::{Canvas, Line as CanvasLine};
use tui_big_text::{BigText, PixelSize};

use super::paint;
use super::picture::Pictures;
use super::theme::Theme;
use crate::deck::Place;
use crate::layout::coast;
use crate::layout::figure::{self, Figure};
use crate::layout::slide::text_rows;
use crate::layout::{FigureKind, SlideLayout};
use crate::text::width;

/// Draws a slide laid out for the area it is drawn into.
pub struct SlideView<'a> {
    /// The slide, laid out.
    pub layout: &'a SlideLayout,
    /// Lines scrolled.
    pub scroll: usize,
    /// Colours.
    pub theme: &'a Theme,
    /// The pictures, as far as they are ready; without them, their alt text shows.
    pub pictures: Option<&'a Pictures>,
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
        for f in l.figures.iter().filter(|f| f.revealed) {
            render_figure(f, body_start, &view, area, (theme, self.pictures), buf);
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

/// Draws a figure over the rows its stand-in text took, from its top row on (a figure whose
/// top has scrolled away keeps its stand-in). It is drawn whole into a buffer of its own and
/// copied as far as it is in view; a picture that is not ready, or that the terminal can only
/// draw whole and is not wholly in view, leaves its alt text.
fn render_figure(
    f: &Figure,
    body_start: usize,
    view: &View,
    area: Rect,
    (theme, pictures): (&Theme, Option<&Pictures>),
    buf: &mut Buffer,
) {
    let start = body_start + f.row;
    let Some(top) = view.y(start) else { return };
    let rows = (0..usize::from(f.rows))
        .take_while(|k| view.y(start + k).is_some())
        .count();
    let width = f.width.min(area.width.saturating_sub(f.x));
    if width == 0 || f.rows == 0 {
        return;
    }
    let whole = Rect::new(0, 0, f.width, f.rows);
    let mut drawn = Buffer::empty(whole);
    drawn.set_style(whole, Style::new().bg(theme.background));
    match &f.kind {
        FigureKind::Map { places } => render_map(places, whole, theme, &mut drawn),
        FigureKind::Image { path, .. } => {
            let Some(picture) = pictures.and_then(|p| p.ready(path, f.width, f.rows)) else {
                return;
            };
            if picture.whole_only && rows < usize::from(f.rows) {
                return;
            }
            let size = picture.size();
            let (w, h) = (size.width.min(f.width), size.height.min(f.rows));
            let at = Rect::new((f.width - w) / 2, (f.rows - h) / 2, w, h);
            picture.widget().render(at, &mut drawn);
        }
    }
    for k in 0..u16::try_from(rows).unwrap_or(0) {
        for x in 0..width {
            if let (Some(from), Some(to)) = (
                drawn.cell((x, k)),
                buf.cell_mut((area.x + f.x + x, top + k)),
            ) {
                *to = from.clone();
            }
        }
    }
}

/// The world map around `places`, each marked with a dot and its name.
fn render_map(places: &[Place], area: Rect, theme: &Theme, buf: &mut Buffer) {
    // A cell is about twice as tall as it is wide.
    let aspect = f64::from(area.width) / (f64::from(area.height) * 2.0);
    let b = figure::bounds(places, aspect);
    let per_column = (b.east - b.west) / f64::from(area.width.max(1));
    // The coasts in the secondary colour: the faint one is lost on a projector.
    let coast_colour = theme.dim().fg.unwrap_or(Color::Reset);
    let mark = theme.accent();
    let name = theme.title();
    Canvas::default()
        .background_color(theme.background)
        .marker(Marker::Braille)
        .x_bounds([b.west, b.east])
        .y_bounds([b.south, b.north])
        .paint(|ctx| {
            for ((x1, y1), (x2, y2)) in coast::segments(&b) {
                ctx.draw(&CanvasLine::new(x1, y1, x2, y2, coast_colour));
            }
            ctx.layer();
            for p in places {
                let (lat, lon) = (p.lat.as_f64(), p.lon.as_f64());
                let label = p.name.as_str();
                // Names near the right edge go to the left of their dot, to stay on the map.
                let on_left = lon > b.west + (b.east - b.west) * 0.6;
                #[allow(clippy::cast_precision_loss)]
                let shift = (width(label) + 1) as f64 * per_column;
                let line = if on_left {
                    TermLine::from(vec![
                        ratatui::text::Span::styled(format!("{label} "), name),
                        ratatui::text::Span::styled("●", mark),
                    ])
                } else {
                    TermLine::from(vec![
                        ratatui::text::Span::styled("● ", mark),
                        ratatui::text::Span::styled(label.to_owned(), name),
                    ])
                };
                ctx.print(if on_left { lon - shift } else { lon }, lat, line);
            }
        })
        .render(area, buf);
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
