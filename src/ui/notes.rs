//! The speaker-notes pane, drawn where `layout::notes` puts its parts: the pacing or timing
//! line with a quiet count of the slide's sources and corrections, the notes (scrolled, with
//! markers), and what comes next (one line, or in the presenter view a column or rows of its
//! own). The class never sees any of it.

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::next::{Placement, render_next};
use super::paint;
use super::theme::Theme;
use crate::app::{App, Purpose};
use crate::layout::notes::{LABEL_W, Next, NotesPane};
use crate::layout::roman;
use crate::text::{truncate, width};

/// Pieces of a line, most important first, each in its forms, fullest first.
type Pieces = Vec<Vec<Span<'static>>>;

/// Between two pieces of the timing line.
const SEP: &str = "  ·  ";

/// As much of `tiers` as fits in `room` cells. Tier by tier: the most pieces of the tier that
/// fit in their shortest forms (from its most important on), then each of those, most
/// important first, as full as the room left allows; a later tier only gets what room an
/// earlier one, whole, left.
fn fit(tiers: Vec<Pieces>, room: usize, theme: &Theme) -> Vec<Span<'static>> {
    let w = |s: &Span| width(&s.content);
    let shortest = |forms: &Vec<Span<'static>>| forms.iter().map(w).min().unwrap_or(0);
    let mut out: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for pieces in tiers {
        let count = pieces.len();
        let mut kept = 0;
        let mut need = used;
        for forms in &pieces {
            let more = shortest(forms) + if need > 0 { width(SEP) } else { 0 };
            if need + more > room {
                break;
            }
            need += more;
            kept += 1;
        }
        for forms in pieces.into_iter().take(kept) {
            let short = shortest(&forms);
            let form = forms
                .into_iter()
                .find(|f| need - short + w(f) <= room)
                .unwrap_or_default();
            need = need - short + w(&form);
            if !out.is_empty() {
                out.push(Span::styled(SEP, theme.faint()));
            }
            out.push(form);
        }
        used = need;
        if kept < count {
            break;
        }
    }
    out
}

/// The label that leads the timing line, in the notes' label column.
fn label(theme: &Theme, text: &str) -> Span<'static> {
    Span::styled(format!("{text:<10}"), theme.dim())
}

/// The notes pane's timing line, `room` cells wide at most: in a rehearsal, the pacing; in
/// class, where the talk is heading (when every slide has a budget); otherwise the slide's
/// budget. With how long the slide took in the last rehearsal, when known.
fn timing_line(app: &App, theme: &Theme, room: usize) -> Option<Line<'static>> {
    use crate::timing::budget::clock;
    let sep = || Span::styled(SEP, theme.faint());
    let last = app.last_times.get(app.current).copied().flatten();
    if app.purpose == Purpose::Rehearse {
        return Some(pace_line(app, theme, last));
    }
    if let Some(line) = forecast_line(app, theme, room, last) {
        return Some(line);
    }
    let budget = app.budgets.get(app.current).copied().flatten();
    if budget.is_none() && last.is_none() {
        return None;
    }
    let mut spans = vec![label(theme, "TIME")];
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

/// A rehearsal's pacing: this slide against its budget, the time in this part, the whole talk
/// ahead or behind, and last time.
fn pace_line(app: &App, theme: &Theme, last: Option<Duration>) -> Line<'static> {
    use crate::timing::budget::{Pace, clock};
    let pace_style = |p: Pace| match p {
        Pace::Ahead(_) => theme.accent(),
        Pace::OnTime => theme.excerpt(),
        Pace::Behind(_) => theme.warning(),
    };
    let sep = || Span::styled(SEP, theme.faint());
    let s = app.standing();
    let mut spans = vec![label(theme, "PACE")];
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
    Line::from(spans)
}

/// In class, when every slide has a budget: when the talk ends at this pace and how that
/// stands against the bell (or the plan), which part is eating the time, then in what room is
/// left this slide's time against its budget and last time.
fn forecast_line(
    app: &App,
    theme: &Theme,
    room: usize,
    last: Option<Duration>,
) -> Option<Line<'static>> {
    use crate::timing::budget::clock;
    use crate::timing::class_clock::{Drift, ends, minutes};
    let (f, now) = (app.forecast()?, app.clock?);
    let ends = ends(now, f.rest).hh_mm();
    let style = match f.drift {
        Drift::Over(_) => theme.warning(),
        Drift::OnTime => theme.excerpt(),
        Drift::Early(_) => theme.accent(),
    };
    let brief = match f.drift {
        Drift::Over(d) => format!("+{} min", minutes(d)),
        Drift::OnTime => "on time".to_owned(),
        Drift::Early(d) => format!("−{} min", minutes(d)),
    };
    let mut first: Pieces = vec![vec![
        Span::styled(format!("ends {ends} · {}", f.drift.describe()), style),
        Span::styled(format!("ends {ends} {brief}"), style),
    ]];
    if let Some((part, over)) = f.worst_part {
        let part = format!("Part {}", roman(part + 1));
        let over = minutes(over);
        first.push(vec![
            Span::styled(
                format!("{part} is {over} min over its share"),
                theme.warning(),
            ),
            Span::styled(format!("{part} +{over} min"), theme.warning()),
        ]);
    }
    let mut then: Pieces = Vec::new();
    if let Some(b) = app.budgets.get(app.current).copied().flatten() {
        let on_slide = app
            .spent_now()
            .get(app.current)
            .copied()
            .unwrap_or_default();
        let style = if on_slide > b {
            theme.warning()
        } else {
            theme.text()
        };
        let times = format!("{} of {}", clock(on_slide), clock(b));
        then.push(vec![
            Span::styled(format!("slide {times}"), style),
            Span::styled(times, style),
        ]);
    }
    if let Some(l) = last {
        then.push(vec![Span::styled(
            format!("last time {}", clock(l)),
            theme.dim(),
        )]);
    }
    let mut spans = vec![label(theme, "PACE")];
    let room = room.saturating_sub(usize::from(LABEL_W));
    spans.extend(fit(vec![first, then], room, theme));
    Some(Line::from(spans))
}

/// The speaker-notes pane: a header row (the timing, and what else the slide carries), the
/// notes scrolled as far as asked with markers saying how much is above and below, and what
/// comes next; in the presenter view, what comes next gets a column of its own (or rows under
/// the notes), whose rule continues the timeline's when the sidebar is open above it.
pub fn render_notes(app: &App, theme: &Theme, pane: &NotesPane, buf: &mut Buffer) {
    let area = paint::rect(pane.area);
    let glyphs = theme.rule_glyphs();
    let rule = glyphs.across.repeat(usize::from(area.width));
    buf.set_string(area.x, area.y, &rule, theme.rule());
    if let Some(header) = pane.header {
        render_header(app, theme, paint::rect(header), buf);
    }
    render_notes_text(app, theme, pane, buf);
    match pane.next {
        Next::Line(next) => render_next_line(app, theme, paint::rect(next), buf),
        Next::Beside {
            area: next,
            rule_x,
            joins_timeline,
        } => {
            let junction = if joins_timeline {
                glyphs.cross
            } else {
                glyphs.tee
            };
            buf.set_string(rule_x, area.y, junction, theme.rule());
            for y in next.y..next.bottom() {
                buf.set_string(rule_x, y, glyphs.down, theme.rule());
            }
            render_next(app, theme, paint::rect(next), Placement::Beside, buf);
        }
        Next::Below(next) => {
            let placement = Placement::Below { label_w: LABEL_W };
            render_next(app, theme, paint::rect(next), placement, buf);
        }
    }
}

/// The header row: the timing on the left; on the right, quietly, how many sources and
/// corrections the slide has and the key that shows them.
fn render_header(app: &App, theme: &Theme, row: Rect, buf: &mut Buffer) {
    let room = usize::from(row.width.saturating_sub(2));
    let timing = timing_line(app, theme, room);
    let carried = app.deck.slide(app.current).map_or(String::new(), |s| {
        let count = |n: usize, what: &str| match n {
            0 => None,
            1 => Some(format!("1 {what}")),
            n => Some(format!("{n} {what}s")),
        };
        let parts: Vec<String> = [
            count(s.sources.len(), "source"),
            count(s.corrections.len(), "correction"),
        ]
        .into_iter()
        .flatten()
        .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("{} · e ", parts.join(" · "))
        }
    });
    let right_w = u16::try_from(width(&carried)).unwrap_or(0);
    let timing_w = timing.as_ref().map_or(0, Line::width);
    if let Some(line) = &timing {
        buf.set_line(row.x + 2, row.y, line, row.width.saturating_sub(2));
    }
    // The timing comes first; what the slide carries only where there is room beside it.
    if right_w > 0 && timing_w + 2 + usize::from(right_w) <= room {
        buf.set_string(row.right() - right_w, row.y, &carried, theme.dim());
    }
}

/// The notes themselves, scrolled, with the label column saying where they stand.
fn render_notes_text(app: &App, theme: &Theme, pane: &NotesPane, buf: &mut Buffer) {
    let Some(slide) = app.deck.slide(app.current) else {
        return;
    };
    let text = pane.text;
    let lines = crate::layout::notes::lines(slide, usize::from(text.width));
    let rows = usize::from(text.height);
    if rows == 0 {
        return;
    }
    let scroll = app
        .notes_scroll
        .min(crate::layout::notes::max_scroll(lines.len(), rows));
    for (i, line) in lines.iter().skip(scroll).take(rows).enumerate() {
        let y = text.y + u16::try_from(i).unwrap_or(0);
        buf.set_line(text.x, y, &paint::line(theme, line), text.width);
    }
    let label_x = pane.body.x + 2;
    let above = scroll;
    let below = lines.len().saturating_sub(scroll + rows);
    let top = if above > 0 {
        format!("NOTES ↑{above}")
    } else {
        "NOTES".to_owned()
    };
    buf.set_string(
        label_x,
        text.y,
        truncate(&top, usize::from(LABEL_W)),
        theme.dim(),
    );
    if below > 0 && rows > 1 {
        let y = text.bottom().saturating_sub(1);
        let more = truncate(&format!("↓ {below} more"), usize::from(LABEL_W));
        buf.set_string(label_x, y, more, theme.warning());
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
                n.shown_date()
                    .filter(|d| d != n.title.as_str())
                    .map_or(String::new(), |d| format!("  {d}")),
                theme.dim(),
            ),
        ]),
        None => Line::styled("next ›    (end of the lecture)", theme.dim()),
    };
    buf.set_line(next.x + 2, next.y, &next_line, next.width.saturating_sub(2));
}
