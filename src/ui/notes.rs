//! The speaker-notes pane: the pacing or timing line, the notes and the slide's sources, and
//! what comes next (one line, or in the presenter view a column or rows of its own). The
//! column continues the timeline's rule when the sidebar is open above it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::next::{Placement, render_next};
use super::paint;
use super::theme::Theme;
use crate::app::{App, Purpose};
use crate::layout::roman;
use crate::text::truncate;

/// The notes pane is at least this wide before the presenter view's "next" preview gets a
/// column of its own beside the notes; narrower, it goes under them.
const NEXT_BESIDE_MIN: u16 = 70;

/// Width of the notes pane's label column ("NOTES", "next ›").
const LABEL_W: u16 = 10;

/// The notes pane's timing line: in a rehearsal, the pacing; otherwise the slide's budget and
/// how long it took in the last rehearsal, when known.
fn timing_line(app: &App, theme: &Theme) -> Option<Line<'static>> {
    use crate::timing::budget::{Pace, clock};
    let pace_style = |p: Pace| match p {
        Pace::Ahead(_) => theme.accent(),
        Pace::OnTime => theme.excerpt(),
        Pace::Behind(_) => theme.warning(),
    };
    let label = |t: &str| Span::styled(format!("{t:<10}"), theme.dim());
    let sep = || Span::styled("  ·  ", theme.faint());
    let last = app.last_times.get(app.current).copied().flatten();
    if app.purpose == Purpose::Rehearse {
        let s = app.standing();
        let mut spans = vec![label("PACE")];
        let slide = match s.slide_budget {
            Some(b) => format!("slide {} of {}", clock(s.on_slide), clock(b)),
            None => format!("slide {}", clock(s.on_slide)),
        };
        spans.push(Span::styled(
            slide,
            s.slide_pace.map_or(theme.text(), pace_style),
        ));
        spans.push(sep());
        let part = roman(app.deck.part_of(app.current) + 1);
        spans.push(Span::styled(
            format!("part {part} {}", clock(s.in_part)),
            theme.text(),
        ));
        spans.push(sep());
        match s.talk_pace {
            Some(p) => spans.push(Span::styled(
                format!("talk {}", p.describe()),
                pace_style(p),
            )),
            None => spans.push(Span::styled(
                "no budget: --target 50m sets one",
                theme.dim(),
            )),
        }
        if let Some(l) = last {
            spans.push(sep());
            spans.push(Span::styled(format!("last time {}", clock(l)), theme.dim()));
        }
        return Some(Line::from(spans));
    }
    let budget = app.budgets.get(app.current).copied().flatten();
    if budget.is_none() && last.is_none() {
        return None;
    }
    let mut spans = vec![label("TIME")];
    if let Some(b) = budget {
        spans.push(Span::styled(format!("budget {}", clock(b)), theme.text()));
    }
    if let Some(l) = last {
        if budget.is_some() {
            spans.push(sep());
        }
        spans.push(Span::styled(
            format!("last time {}", clock(l)),
            theme.text(),
        ));
    }
    Some(Line::from(spans))
}

/// The speaker-notes pane: the notes, the slide's sources, and what comes next; in the
/// presenter view, what comes next gets a column of its own (or rows under the notes). The
/// column continues the timeline's rule when the sidebar is open above it.
pub fn render_notes(
    app: &App,
    theme: &Theme,
    area: Rect,
    timeline: Option<Rect>,
    buf: &mut Buffer,
) {
    let rule = "─".repeat(usize::from(area.width));
    buf.set_string(area.x, area.y, &rule, theme.rule());
    let inner = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(1),
    );
    if !app.audience.presenter_view {
        let [notes, next] = inner.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(1),
        ]));
        render_notes_text(app, theme, notes, buf);
        render_next_line(app, theme, next, buf);
        return;
    }
    if inner.width >= NEXT_BESIDE_MIN {
        // The rule's column: under the timeline's, else a third of the way from the right.
        let (rule_x, junction) = match timeline {
            Some(side) if side.x > inner.x + 1 && side.x < inner.right() => (side.x, "┼"),
            _ => (inner.right() - inner.width / 3 - 2, "┬"),
        };
        let notes = Rect::new(inner.x, inner.y, rule_x - inner.x - 1, inner.height);
        let next = Rect::new(
            rule_x + 2,
            inner.y,
            inner.right().saturating_sub(rule_x + 2),
            inner.height,
        );
        render_notes_text(app, theme, notes, buf);
        buf.set_string(rule_x, area.y, junction, theme.rule());
        for y in inner.top()..inner.bottom() {
            buf.set_string(rule_x, y, "│", theme.rule());
        }
        render_next(app, theme, next, Placement::Beside, buf);
    } else {
        // Under the notes: a few rows when the pane can spare them, else the one line.
        let next_h = if inner.height >= 7 { 3 } else { 1 };
        let [notes, next] = inner.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(next_h),
        ]));
        render_notes_text(app, theme, notes, buf);
        render_next(app, theme, next, Placement::Below { label_w: LABEL_W }, buf);
    }
}

/// The notes themselves, under the timing line when there is one.
fn render_notes_text(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let timing = timing_line(app, theme);
    let [timing_area, body] = area.layout(&Layout::vertical([
        Constraint::Length(u16::from(timing.is_some())),
        Constraint::Fill(1),
    ]));
    if let Some(line) = timing {
        buf.set_line(
            timing_area.x + 2,
            timing_area.y,
            &line,
            timing_area.width.saturating_sub(2),
        );
    }
    let text_w = usize::from(body.width.saturating_sub(LABEL_W + 2));
    let Some(slide) = app.deck.slide(app.current) else {
        return;
    };
    let lines: Vec<Line> = crate::layout::notes::lines(slide, text_w)
        .iter()
        .map(|l| paint::line(theme, l))
        .collect();
    let rows = usize::from(body.height);
    let cut = lines.len() > rows;
    for (i, line) in lines.iter().take(rows).enumerate() {
        let y = body.y + u16::try_from(i).unwrap_or(0);
        if i == 0 {
            buf.set_string(body.x + 2, y, "NOTES", theme.dim());
        }
        buf.set_line(
            body.x + 2 + LABEL_W,
            y,
            line,
            body.width.saturating_sub(LABEL_W + 2),
        );
    }
    if cut {
        let y = body.bottom().saturating_sub(1);
        buf.set_string(body.x + 2, y, "more ↓", theme.warning());
    }
}

/// The single-terminal notes pane's last line: the next slide's title and date.
fn render_next_line(app: &App, theme: &Theme, next: Rect, buf: &mut Buffer) {
    let next_line = match app.deck.slide(app.current + 1) {
        Some(n) => Line::from(vec![
            Span::styled("next ›", theme.dim()),
            Span::raw("    "),
            Span::styled(
                truncate(
                    n.title.as_str(),
                    usize::from(next.width.saturating_sub(LABEL_W + 4)),
                ),
                theme.text(),
            ),
            // "4 March 1953  4 March 1953" says nothing twice.
            Span::styled(
                if n.title.as_str() == n.date.human() {
                    String::new()
                } else {
                    format!("  {}", n.date.human())
                },
                theme.dim(),
            ),
        ]),
        None => Line::styled("next ›    (end of the lecture)", theme.dim()),
    };
    buf.set_line(next.x + 2, next.y, &next_line, next.width.saturating_sub(2));
}
