//! The presenter view's "next" preview, beside (or below) the notes: the current slide's next
//! reveal step, else the next slide's number, date, title and first lines, else the end of the
//! lecture. Reads `&App` only; the rest of the presenter view is the single-terminal layout.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::deck::Slide;
use crate::text::{truncate, width as width_of, wrap};
use crate::ui::slide::{step_blocks, step_lines};

/// The label in front of the preview.
const LABEL: &str = "NEXT ›";

/// How many of the next slide's first lines the preview aims to show: a block begun within
/// them is finished when there is room, so that a sentence is not cut short needlessly.
const FIRST_LINES: usize = 4;

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

/// What comes after what the class sees now.
enum Upcoming<'a> {
    /// The current slide reveals more: step `step` (0-based) of `steps`.
    Reveal { step: usize, steps: usize },
    /// Slide `index` (0-based).
    Slide { index: usize, slide: &'a Slide },
    /// The current slide is the last one, fully revealed.
    End,
}

fn upcoming(app: &App) -> Upcoming<'_> {
    let steps = app.deck.slide(app.current).map_or(1, Slide::steps);
    if app.step + 1 < steps {
        return Upcoming::Reveal {
            step: app.step + 1,
            steps,
        };
    }
    let index = app.current + 1;
    match app.deck.slide(index) {
        Some(slide) => Upcoming::Slide { index, slide },
        None => Upcoming::End,
    }
}

/// The slide's number and, unless its title already says it, its date, in at most `room`
/// columns: the date outlasts the word "slide", the number outlasts the date.
fn number_and_date(index: usize, slide: &Slide, room: usize) -> String {
    let n = index + 1;
    let date = slide.date.human();
    let mut choices = Vec::new();
    if slide.title.as_str() != date {
        choices.push(format!("slide {n} · {date}"));
        choices.push(format!("{n} · {date}"));
    }
    choices.push(format!("slide {n}"));
    choices
        .iter()
        .find(|c| width_of(c) <= room)
        .map_or_else(|| truncate(&format!("slide {n}"), room), Clone::clone)
}

/// The first `n` of `lines`; when some are left out, the last one shown ends with `…` so that
/// a sentence cut short does not read as the whole.
fn first_lines(lines: Vec<Line<'static>>, n: usize, width: usize) -> Vec<Line<'static>> {
    let cut = lines.len() > n;
    let mut out: Vec<Line<'static>> = lines.into_iter().take(n).collect();
    if !cut {
        return out;
    }
    let Some(last) = out.pop() else {
        return out;
    };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    let mut marked = false;
    for span in last.spans {
        let w = width_of(&span.content);
        if used + w + 2 <= width {
            used += w;
            spans.push(span);
        } else {
            // No room for " …" after this word: the ellipsis takes its place.
            let text = if spans.is_empty() {
                truncate(&format!("{}…", span.content), width)
            } else {
                "…".to_owned()
            };
            spans.push(Span::styled(text, span.style));
            marked = true;
            break;
        }
    }
    if !marked {
        let style = spans.last().map(|s| s.style).unwrap_or_default();
        spans.push(Span::styled(" …", style));
    }
    out.push(Line::from(spans));
    out
}

/// The next slide's first lines (all of them) and how many of those a preview with `room` rows
/// shows: whole blocks until `FIRST_LINES` are reached.
fn opening(app: &App, index: usize, width: usize, room: usize) -> (Vec<Line<'static>>, usize) {
    let blocks = step_blocks(app, index, 0, width);
    let mut shown = 0;
    for block in &blocks {
        if shown >= FIRST_LINES {
            break;
        }
        shown += block.len();
    }
    (blocks.into_iter().flatten().collect(), shown.min(room))
}

/// The preview's lines for a column `width` cells wide and `rows` tall; the first line is
/// what follows the label, in `first` cells.
fn preview(app: &App, width: usize, first: usize, rows: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let dim_lines = |lines: Vec<Line<'static>>| -> Vec<Line<'static>> {
        lines
            .into_iter()
            .map(|l| l.patch_style(theme.dim()))
            .collect()
    };
    match upcoming(app) {
        Upcoming::Reveal { step, steps } => {
            let headline = Span::styled(format!("reveal {} of {steps}", step + 1), theme.accent());
            if rows <= 1 {
                // One line: the step's first line after the headline, cut with an ellipsis.
                let room = first.saturating_sub(width_of(&headline.content) + 2);
                let lines = dim_lines(step_lines(app, app.current, step, room));
                let mut spans = vec![headline, Span::raw("  ")];
                if let Some(line) = first_lines(lines, 1, room).pop() {
                    spans.extend(line.spans);
                }
                return vec![Line::from(spans)];
            }
            let revealed = dim_lines(step_lines(app, app.current, step, width));
            let mut out = vec![Line::from(headline)];
            out.extend(first_lines(revealed, rows - 1, width));
            // After the last step, what the slide after it is, when there is room to say so.
            if step + 1 == steps && out.len() + 2 <= rows {
                let then = app.deck.slide(app.current + 1).map_or_else(
                    || "then the end of the lecture".to_owned(),
                    |s| format!("then {} · {}", app.current + 2, s.title),
                );
                out.push(Line::default());
                out.push(Line::styled(truncate(&then, width), theme.faint()));
            }
            out
        }
        Upcoming::Slide { index, slide } => {
            let number = Span::styled(number_and_date(index, slide, first), theme.dim());
            let title_style = theme.text().add_modifier(Modifier::BOLD);
            if rows <= 1 {
                // One line: the title matters most, then the number, then the date.
                let n = format!("{}", index + 1);
                let title = truncate(slide.title.as_str(), first.saturating_sub(width_of(&n) + 2));
                let date = slide.date.human();
                let used = width_of(&n) + 2 + width_of(&title);
                let mut spans = vec![
                    Span::styled(n, theme.dim()),
                    Span::raw("  "),
                    Span::styled(title, title_style),
                ];
                if date != slide.title.as_str() && used + 2 + width_of(&date) <= first {
                    spans.push(Span::styled(format!("  {date}"), theme.dim()));
                }
                return vec![Line::from(spans)];
            }
            let mut out = vec![Line::from(number)];
            let title = wrap(&[(slide.title.as_str().to_owned(), title_style)], width);
            out.extend(title.into_iter().take(2));
            let (lines, shown) = opening(app, index, width, rows.saturating_sub(out.len()));
            out.extend(first_lines(dim_lines(lines), shown, width));
            out
        }
        Upcoming::End => vec![Line::styled("end of the lecture", theme.dim())],
    }
}

/// Draws the preview into `area`.
pub fn render_next(app: &App, area: Rect, placement: Placement, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let theme = &app.theme;
    let label = Span::styled(LABEL, theme.dim());
    let rows = usize::from(area.height);
    match placement {
        Placement::Beside => {
            let w = usize::from(area.width);
            let lines = preview(app, w, w.saturating_sub(width_of(LABEL) + 2), rows);
            for (i, line) in lines.into_iter().take(rows).enumerate() {
                let y = area.y + u16::try_from(i).unwrap_or(0);
                let line = if i == 0 {
                    let mut spans = vec![label.clone(), Span::raw("  ")];
                    spans.extend(line.spans);
                    Line::from(spans)
                } else {
                    line
                };
                buf.set_line(area.x, y, &line, area.width);
            }
        }
        Placement::Below { label_w } => {
            buf.set_span(area.x + 2, area.y, &label, area.width.saturating_sub(2));
            let x = area.x + 2 + label_w;
            let w = area.width.saturating_sub(label_w + 2);
            for (i, line) in preview(app, usize::from(w), usize::from(w), rows)
                .into_iter()
                .take(rows)
                .enumerate()
            {
                let y = area.y + u16::try_from(i).unwrap_or(0);
                buf.set_line(x, y, &line, w);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_cut_preview_ends_with_an_ellipsis_after_a_whole_word() {
        let lines = wrap(
            &[(
                "one two three four five six".to_owned(),
                ratatui::style::Style::default(),
            )],
            10,
        );
        assert_eq!(lines.len(), 3);
        let shown: Vec<String> = first_lines(lines.clone(), 2, 10).iter().map(text).collect();
        assert_eq!(shown, ["one two", "three …"], "\"four …\" would not fit");
        let shown: Vec<String> = first_lines(lines.clone(), 1, 10).iter().map(text).collect();
        assert_eq!(shown, ["one two …"]);
        let shown: Vec<String> = first_lines(lines.clone(), 1, 8).iter().map(text).collect();
        assert_eq!(shown, ["one …"], "no room for \" …\" after \"two\"");
        assert_eq!(first_lines(lines.clone(), 3, 10).len(), 3, "nothing cut");
        assert!(first_lines(lines, 0, 10).is_empty());
    }
}
