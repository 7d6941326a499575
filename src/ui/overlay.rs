//! Overlays drawn over the presenter: the key help, the overview of every slide, the go-to-date
//! prompt with its live preview, and the slide's sources and corrections.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::paint;
use super::theme::Theme;
use crate::app::{App, Mode, date_order};
use crate::deck::UNDATED;
use crate::layout::{details, roman};
use crate::text::{truncate, width};

/// Every key, as the help overlay and the README list them.
pub const KEYS: &[(&str, &str)] = &[
    ("→ ↓ l j Space PgDn Enter", "next step or slide"),
    ("← ↑ h k Backspace PgUp", "previous"),
    ("↓ ↑ on a long slide", "scroll inside it"),
    ("Home g / End G", "first / last slide"),
    ("12 Enter", "go to slide 12"),
    ("Tab ] / Shift-Tab [", "next / previous part"),
    ("d", "go to a date (5 March 1953, June 1953…)"),
    ("`", "back to where you were"),
    ("o", "overview of every slide; type to filter"),
    ("n / t", "notes pane / timeline"),
    (
        "Shift-↓ Shift-↑ / + -",
        "scroll the notes / give them more or fewer rows",
    ),
    ("e", "the slide's sources and corrections"),
    ("c", "next colour theme: dark, light, projector"),
    ("b or .", "blank the screen (the audience's if connected)"),
    ("f", "freeze the audience's screen / follow again"),
    ("r", "resume where the last class stopped"),
    ("p / R", "pause the talk clock / reset it (asks y/n)"),
    ("click", "a timeline marker jumps there"),
    ("Esc", "close, clear (never quits)"),
    ("? / q, Ctrl-C", "this help / quit"),
];

/// A centred box, at most `w` by `h`, cleared and framed; returns its inside.
fn boxed(theme: &Theme, area: Rect, w: u16, h: u16, title: &str, buf: &mut Buffer) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    let rect = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 3,
        w,
        h,
    );
    Clear.render(rect, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim().bg(theme.overlay_bg))
        .style(theme.overlay())
        .title(Span::styled(format!(" {title} "), theme.accent()));
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}

/// The key help.
pub fn render_help(theme: &Theme, area: Rect, buf: &mut Buffer) {
    let key_w = KEYS.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    let what_w = KEYS.iter().map(|(_, w)| width(w)).max().unwrap_or(0);
    let w = u16::try_from(key_w + what_w + 6).unwrap_or(u16::MAX);
    let h = u16::try_from(KEYS.len() + 4).unwrap_or(u16::MAX);
    let inner = boxed(theme, area, w, h, "Keys", buf);
    let bg = theme.overlay_bg;
    for (i, (keys, what)) in KEYS.iter().enumerate() {
        let y = inner.y + u16::try_from(i).unwrap_or(0);
        if y >= inner.bottom() {
            break;
        }
        let line = Line::from(vec![
            Span::styled(format!(" {keys:<key_w$}  "), theme.accent().bg(bg)),
            Span::styled(*what, theme.text().bg(bg)),
        ]);
        buf.set_line(inner.x, y, &line, inner.width);
    }
    // The closing hint under the keys, a row apart when there is room; never over a key.
    if usize::from(inner.height) > KEYS.len() {
        let y = inner.bottom().saturating_sub(1);
        buf.set_string(
            inner.x + 1,
            y,
            truncate("Esc or ? closes", usize::from(inner.width)),
            theme.dim().bg(bg),
        );
    }
}

/// The widest the overview's date column gets: "31 Dec 1955 – 9 Feb 1956" fits.
const MAX_DATE_WIDTH: usize = 24;

/// The overview: every slide with its number, date and title, grouped by part; typing filters.
pub fn render_overview(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Mode::Overview { selected, filter } = &app.mode else {
        return;
    };
    // The overview takes the whole screen: nothing of the panes behind it should peek out.
    Clear.render(area, buf);
    buf.set_style(area, theme.overlay());
    let w = area.width.saturating_sub(2).min(110);
    let h = area.height.saturating_sub(1);
    let inner = boxed(theme, area, w, h, "Overview", buf);
    if inner.height < 2 {
        return;
    }
    let bg = theme.overlay_bg;
    let rows = app.overview_rows();
    let selected = (*selected).min(rows.len().saturating_sub(1));
    // Dates read as the status bar reads them ("4 March 1953", not the deck's "1953-03-04"),
    // in a column as wide as the deck's widest (so it does not jump while filtering), within
    // reason.
    let date_w = app
        .deck
        .slides()
        .map(|s| width(&s.shown_date().unwrap_or_default()))
        .max()
        .unwrap_or(0)
        .min(MAX_DATE_WIDTH);
    // Lines: part headings and slide rows; remember which line holds the selection.
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    let mut last_part = usize::MAX;
    for (n, &i) in rows.iter().enumerate() {
        let part = app.deck.part_of(i);
        if part != last_part {
            if last_part != usize::MAX {
                lines.push(Line::default());
            }
            let p = &app.deck.parts[part];
            lines.push(Line::styled(
                format!(
                    " PART {} · {}",
                    roman(part + 1),
                    p.title.as_str().to_uppercase()
                ),
                theme.dim().bg(bg).add_modifier(Modifier::BOLD),
            ));
            last_part = part;
        }
        let Some(s) = app.deck.slide(i) else { continue };
        let here = i == app.current;
        let mark = if n == selected {
            "▶"
        } else if here {
            "●"
        } else {
            " "
        };
        let date = truncate(
            &s.shown_date().unwrap_or_else(|| UNDATED.to_owned()),
            date_w,
        );
        let pad = " ".repeat(date_w.saturating_sub(width(&date)));
        let text = format!(" {mark} {:>3}  {date}{pad}  {}", i + 1, s.title);
        let mut style = if here { theme.accent() } else { theme.text() }.bg(bg);
        if n == selected {
            style = style.add_modifier(Modifier::REVERSED);
            selected_line = lines.len();
        }
        lines.push(Line::styled(
            truncate(&text, usize::from(inner.width)),
            style,
        ));
    }
    let list_h = usize::from(inner.height.saturating_sub(1));
    let start = selected_line
        .saturating_sub(list_h / 2)
        .min(lines.len().saturating_sub(list_h));
    for (k, line) in lines.iter().skip(start).take(list_h).enumerate() {
        buf.set_line(
            inner.x,
            inner.y + u16::try_from(k).unwrap_or(0),
            line,
            inner.width,
        );
    }
    let below = lines.len().saturating_sub(start + list_h);
    let more = if below > 0 {
        format!(" · ↓ {below} more lines")
    } else {
        String::new()
    };
    let position = format!("{}/{}", selected + 1, rows.len());
    let footer = if rows.is_empty() {
        format!(" filter: {filter}▏  no slide matches")
    } else if filter.is_empty() {
        format!(" {position}{more} · type to filter · ↑↓ choose · Enter jump · Esc close")
    } else {
        format!(" filter: {filter}▏  {position} matching{more}")
    };
    buf.set_string(
        inner.x,
        inner.bottom().saturating_sub(1),
        truncate(&footer, usize::from(inner.width)),
        theme.dim().bg(bg),
    );
}

/// The go-to-date prompt: the typed query, where it would land (or why it cannot), the other
/// matches, and the keys.
pub fn render_prompt(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Mode::DatePrompt { input, .. } = &app.mode else {
        return;
    };
    let bg = theme.overlay_bg;
    let inner = boxed(theme, area, 62, 6, "Go to date", buf);
    let w = usize::from(inner.width);
    let mut lines: Vec<Line> = vec![Line::from(vec![
        Span::styled(format!(" {input}"), theme.title().bg(bg)),
        Span::styled("▏", theme.accent().bg(bg)),
    ])];
    match app.date_preview() {
        None => lines.push(Line::styled(
            " e.g. 5 March 1953 · June 1953 · 1956-02-25 · spring 1956",
            theme.dim().bg(bg),
        )),
        Some(Err(why)) => lines.push(Line::styled(
            truncate(&format!(" {why}"), w),
            theme.warning().bg(bg),
        )),
        Some(Ok(found)) => {
            let chosen = app.date_choice().unwrap_or(found.target);
            let order = date_order(found);
            if let Some(s) = app.deck.slide(chosen) {
                let date = s.shown_date().unwrap_or_default();
                let text = if s.title.as_str() == date {
                    format!(" → {}  {date}", chosen + 1)
                } else {
                    format!(" → {}  {date}  {}", chosen + 1, s.title)
                };
                lines.push(Line::styled(truncate(&text, w), theme.accent().bg(bg)));
            }
            let others: Vec<String> = order
                .iter()
                .filter(|&&i| i != chosen)
                .take(8)
                .map(|i| (i + 1).to_string())
                .collect();
            if !others.is_empty() {
                let more = if order.len() > 9 { ", …" } else { "" };
                lines.push(Line::styled(
                    truncate(&format!("   also {}{more}", others.join(", ")), w),
                    theme.dim().bg(bg),
                ));
            }
        }
    }
    for (i, line) in lines
        .iter()
        .enumerate()
        .take(usize::from(inner.height.saturating_sub(1)))
    {
        buf.set_line(
            inner.x,
            inner.y + u16::try_from(i).unwrap_or(0),
            line,
            inner.width,
        );
    }
    buf.set_string(
        inner.x,
        inner.bottom().saturating_sub(1),
        truncate(" Enter jump · ↑↓ choose · Esc cancel", w),
        theme.dim().bg(bg),
    );
}

/// The slide's sources and corrections, scrolled by `scroll` lines.
pub fn render_details(app: &App, theme: &Theme, scroll: usize, area: Rect, buf: &mut Buffer) {
    let Some(slide) = app.deck.slide(app.current) else {
        return;
    };
    let screen = crate::layout::Rect::new(area.x, area.y, area.width, area.height);
    let frame = details::frame(screen);
    let text = details::text_area(frame);
    let frame = paint::rect(frame);
    let title = truncate(
        &format!("Slide {} · {}", app.current + 1, slide.title),
        usize::from(frame.width.saturating_sub(6)),
    );
    Clear.render(frame, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim().bg(theme.overlay_bg))
        .style(theme.overlay())
        .title(Span::styled(format!(" {title} "), theme.accent()));
    block.render(frame, buf);
    let lines = details::lines(slide, usize::from(text.width));
    let rows = usize::from(text.height);
    let scroll = scroll.min(lines.len().saturating_sub(rows));
    let bg = theme.overlay_bg;
    for (i, line) in lines.iter().skip(scroll).take(rows).enumerate() {
        let y = text.y + u16::try_from(i).unwrap_or(0);
        let line = paint::line(theme, line).patch_style(Style::new().bg(bg));
        buf.set_line(text.x, y, &line, text.width);
    }
    let below = lines.len().saturating_sub(scroll + rows);
    let footer = if below > 0 {
        format!("↓ {below} more · Esc closes")
    } else {
        "Esc closes · never shown to the class".to_owned()
    };
    let y = frame.bottom().saturating_sub(2);
    buf.set_string(
        text.x,
        y,
        truncate(&footer, usize::from(text.width)),
        theme.dim().bg(bg),
    );
}
