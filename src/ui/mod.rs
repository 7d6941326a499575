//! Drawing: `impl Widget for &App` lays out the screen (slide, timeline, notes, status bar) and
//! the overlays; in the presenter view the notes pane also previews what comes next. The
//! audience window (`impl Widget for &Follower`) lives in `audience`. Views only read state;
//! geometry is a pure function so that `update` (scrolling), the mouse handler (timeline clicks)
//! and the audience window's scrolling see the same layout the screen does.

pub mod audience;
pub mod overlay;
pub mod presenter;
pub mod slide;
pub mod status;
pub mod theme;
pub mod timeline;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::app::{App, Mode};
use crate::text::{truncate, wrap_plain};
use crate::ui::presenter::Placement;
use crate::ui::theme::Theme;

/// The smallest screen we draw on.
pub const MIN_SIZE: (u16, u16) = (20, 6);

/// The notes pane is at least this wide before the presenter view's "next" preview gets a
/// column of its own beside the notes; narrower, it goes under them.
const NEXT_BESIDE_MIN: u16 = 70;

/// Width of the notes pane's label column ("NOTES", "next ›").
const LABEL_W: u16 = 10;

/// Whether `area` is below the smallest size we draw on.
fn is_too_small(area: Rect) -> bool {
    area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1
}

/// Says the terminal is too small, wrapped into whatever room there is.
fn render_too_small(theme: &Theme, area: Rect, buf: &mut Buffer) {
    let msg = format!("terminal too small: need {}x{}", MIN_SIZE.0, MIN_SIZE.1);
    for (i, line) in wrap_plain(&msg, theme.warning(), usize::from(area.width))
        .iter()
        .enumerate()
        .take(usize::from(area.height))
    {
        buf.set_line(
            area.x,
            area.y + u16::try_from(i).unwrap_or(0),
            line,
            area.width,
        );
    }
}

/// Where each pane goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Areas {
    /// The slide.
    pub slide: Rect,
    /// The timeline sidebar, when shown and there is room.
    pub timeline: Option<Rect>,
    /// The notes pane, when shown and there is room.
    pub notes: Option<Rect>,
    /// The status bar.
    pub status: Rect,
}

/// Splits the screen. The sidebar and the notes give way before the slide does.
pub fn areas(app: &App, screen: Rect) -> Areas {
    let [main, status] = screen.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    let notes_height = (main.height * 3 / 10).clamp(5, 14);
    let (upper, notes) = if app.show_notes && main.height >= notes_height + 10 {
        let [upper, notes] = main.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(notes_height),
        ]));
        (upper, Some(notes))
    } else {
        (main, None)
    };
    let sidebar = (upper.width * 9 / 25).clamp(28, 52);
    let (slide, timeline) = if app.show_timeline && upper.width >= sidebar + 51 && upper.height >= 6
    {
        let [slide, _gap, sidebar_area] = upper.layout(&Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(sidebar),
        ]));
        (slide, Some(sidebar_area))
    } else {
        (upper, None)
    };
    Areas {
        slide,
        timeline,
        notes,
        status,
    }
}

/// The slide's area at the app's current viewport.
fn slide_area(app: &App) -> Rect {
    let (w, h) = app.viewport;
    slide_text_area(areas(app, Rect::new(0, 0, w, h)).slide)
}

/// Where slide text goes inside the slide pane: a row of margin above and below, when the
/// screen is tall enough to spare them.
pub fn slide_text_area(pane: Rect) -> Rect {
    if pane.height >= 12 {
        Rect::new(pane.x, pane.y + 1, pane.width, pane.height - 2)
    } else {
        pane
    }
}

/// How far the current slide can scroll at the current size.
pub fn max_scroll(app: &App) -> usize {
    slide::max_scroll(app, slide_area(app))
}

/// The slide a click at (`column`, `row`) on the timeline points at.
pub fn timeline_hit(app: &App, column: u16, row: u16) -> Option<usize> {
    let (w, h) = app.viewport;
    let area = areas(app, Rect::new(0, 0, w, h)).timeline?;
    let area = Rect::new(
        area.x + 1,
        area.y + 1,
        area.width.saturating_sub(1),
        area.height.saturating_sub(1),
    );
    if !area.contains(ratatui::layout::Position::new(column, row)) {
        return None;
    }
    let rows = timeline::rows(app, area.width, area.height);
    rows.get(usize::from(row - area.y))?.target
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        buf.set_style(area, Style::new().bg(self.theme.background));
        if is_too_small(area) {
            render_too_small(&self.theme, area, buf);
            return;
        }
        if self.mode == Mode::Blank {
            // Black, not the theme's background: the point is a dark projector.
            buf.set_style(area, Style::new().bg(ratatui::style::Color::Black));
            return;
        }
        let a = areas(self, area);
        slide::SlideView { app: self }.render(slide_text_area(a.slide), buf);
        if let Some(side) = a.timeline {
            for y in side.top()..side.bottom() {
                buf.set_string(side.x, y, "│", self.theme.rule());
            }
            let inner = Rect::new(
                side.x + 1,
                side.y + 1,
                side.width.saturating_sub(1),
                side.height.saturating_sub(1),
            );
            timeline::TimelineView { app: self }.render(inner, buf);
        }
        if let Some(notes) = a.notes {
            render_notes(self, notes, a.timeline, buf);
        }
        status::StatusBar { app: self }.render(a.status, buf);
        match &self.mode {
            Mode::Help => overlay::render_help(self, area, buf),
            Mode::Overview { .. } => overlay::render_overview(self, area, buf),
            // Over the slide, so the timeline's preview stays in view beside it.
            Mode::DatePrompt { .. } => overlay::render_prompt(self, a.slide, buf),
            Mode::Normal | Mode::Blank => {}
        }
    }
}

/// The notes pane's timing line: in a rehearsal, the pacing; otherwise the slide's budget and
/// how long it took in the last rehearsal, when known.
fn timing_line(app: &App) -> Option<Line<'static>> {
    use crate::timing::budget::{Pace, clock};
    let theme = &app.theme;
    let pace_style = |p: Pace| match p {
        Pace::Ahead(_) => theme.accent(),
        Pace::OnTime => theme.excerpt(),
        Pace::Behind(_) => theme.warning(),
    };
    let label = |t: &str| Span::styled(format!("{t:<10}"), theme.dim());
    let sep = || Span::styled("  ·  ", theme.faint());
    let last = app.last_times.get(app.current).copied().flatten();
    if app.purpose == crate::app::Purpose::Rehearse {
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
        let part = crate::ui::slide::roman(app.deck.part_of(app.current) + 1);
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
fn render_notes(app: &App, area: Rect, timeline: Option<Rect>, buf: &mut Buffer) {
    let theme = &app.theme;
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
        render_notes_text(app, notes, buf);
        render_next_line(app, next, buf);
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
        render_notes_text(app, notes, buf);
        buf.set_string(rule_x, area.y, junction, theme.rule());
        for y in inner.top()..inner.bottom() {
            buf.set_string(rule_x, y, "│", theme.rule());
        }
        presenter::render_next(app, next, Placement::Beside, buf);
    } else {
        // Under the notes: a few rows when the pane can spare them, else the one line.
        let next_h = if inner.height >= 7 { 3 } else { 1 };
        let [notes, next] = inner.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(next_h),
        ]));
        render_notes_text(app, notes, buf);
        presenter::render_next(app, next, Placement::Below { label_w: LABEL_W }, buf);
    }
}

/// The notes themselves, under the timing line when there is one.
fn render_notes_text(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let timing = timing_line(app);
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
    let mut lines: Vec<Line> = match &slide.notes {
        Some(n) => wrap_plain(n.as_str(), theme.text(), text_w),
        None => vec![Line::styled("(no notes for this slide)", theme.dim())],
    };
    if !slide.sources.is_empty() {
        let sources = slide
            .sources
            .iter()
            .map(crate::deck::Prose::as_str)
            .collect::<Vec<_>>()
            .join("; ");
        lines.extend(wrap_plain(
            &format!("Sources: {sources}"),
            theme.dim(),
            text_w,
        ));
    }
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
fn render_next_line(app: &App, next: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
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

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::app::Action;
    use crate::deck::{BUNDLED_NAME, BUNDLED_SOURCE, parse_deck};
    use crate::ui::theme::Theme;

    #[test]
    fn a_click_on_a_timeline_row_points_at_the_slide_drawn_there() {
        let deck = parse_deck(BUNDLED_NAME, BUNDLED_SOURCE.as_bytes())
            .unwrap()
            .deck;
        let mut app = App::new(deck, Theme::bundled());
        app.update(Action::Resize(120, 40));
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        terminal.draw(|f| f.render_widget(&app, f.area())).unwrap();
        let buffer = terminal.backend().buffer().clone();
        let side = areas(&app, Rect::new(0, 0, 120, 40)).timeline.unwrap();
        // Find the row that draws the Secret Speech slide ("25 February 1956") on the screen and
        // click on it.
        let row = (0..40)
            .find(|&y| {
                let text: String = (side.x..side.right())
                    .map(|x| buffer[(x, y)].symbol().to_owned())
                    .collect();
                text.contains("25 Feb  25 February 1956")
            })
            .expect("the timeline shows the 25 February row");
        let target = timeline_hit(&app, side.x + 12, row).expect("the row is clickable");
        assert_eq!(
            app.deck.slide(target).unwrap().title.as_str(),
            "25 February 1956"
        );
        // Outside the sidebar, a click is nothing.
        assert_eq!(timeline_hit(&app, 5, row), None);
    }
}
