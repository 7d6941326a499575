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
use crate::deck::date::year_text;
use crate::layout::{details, roman};
use crate::text::{truncate, width, wrap_plain};

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
/// matches or, for a query without a year, the years it fits, and the keys.
pub fn render_prompt(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Mode::DatePrompt { input, choice, .. } = &app.mode else {
        return;
    };
    let bg = theme.overlay_bg;
    let inner = boxed(theme, area, 62, 6, "Go to date", buf);
    let w = usize::from(inner.width);
    let mut lines: Vec<Line> = vec![Line::from(vec![
        Span::styled(format!(" {input}"), theme.title().bg(bg)),
        Span::styled("▏", theme.accent().bg(bg)),
    ])];
    let mut keys = " Enter jump · ↑↓ choose · Esc cancel";
    // Beside the timeline the box is narrower than a message may be: it wraps, whole.
    let wrapped = |text: &str, style: Style| -> Vec<Line<'static>> {
        wrap_plain(text, &(), w.saturating_sub(1))
            .into_iter()
            .map(|piece| {
                let text: String = piece.into_iter().map(|(t, ())| t).collect();
                Line::styled(format!(" {text}"), style)
            })
            .collect()
    };
    match app.date_preview() {
        None => lines.extend(wrapped(
            "e.g. 5 March 1953 · June 1953 · spring 1956 · 23 Oct",
            theme.dim().bg(bg),
        )),
        Some(Err(why)) => lines.extend(wrapped(why, theme.warning().bg(bg))),
        Some(Ok(found)) => {
            let chosen = app.date_choice();
            if let Some((i, s)) = chosen.and_then(|i| Some((i, app.deck.slide(i)?))) {
                let text = match s.shown_date() {
                    Some(date) if date != s.title.as_str() => {
                        format!(" → {}  {date}  {}", i + 1, s.title)
                    }
                    Some(date) => format!(" → {}  {date}", i + 1),
                    None => format!(" → {}  {}", i + 1, s.title),
                };
                lines.push(Line::styled(truncate(&text, w), theme.accent().bg(bg)));
            }
            match (&found.year_less, found.readings.as_slice()) {
                (Some(asked), readings) if readings.len() > 1 => {
                    keys = " Enter jump · ↑↓ which year · Esc cancel";
                    let years: Vec<String> = readings
                        .iter()
                        .map(|(c, _)| year_text(c.range.last.year()))
                        .collect();
                    lines.push(years_line(theme, asked, &years, *choice, w));
                }
                (_, [(_, only)]) => {
                    let order = date_order(only);
                    let others: Vec<String> = order
                        .iter()
                        .filter(|&&i| Some(i) != chosen)
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
                _ => {}
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
        truncate(keys, w),
        theme.dim().bg(bg),
    );
}

/// `   23 October: 1952 · 1953 · 1956`, the chosen year reversed; when they do not all fit in
/// `w` columns, as many as do around the chosen one, with `…` for the rest.
fn years_line(
    theme: &Theme,
    asked: &str,
    years: &[String],
    chosen: usize,
    w: usize,
) -> Line<'static> {
    let bg = theme.overlay_bg;
    let head = format!("   {asked}: ");
    let room = w.saturating_sub(width(&head));
    let chosen = chosen.min(years.len().saturating_sub(1));
    // Widen the window one year at a time, alternately after and before the chosen one, while
    // it fits: a span of centuries has more years than any line.
    let fits = |from: usize, to: usize| {
        let ends = usize::from(from > 0) * 2 + usize::from(to < years.len()) * 2;
        let shown: usize = years[from..to].iter().map(|y| width(y)).sum();
        shown + (to - from - 1) * 3 + ends <= room
    };
    let (mut from, mut to) = (chosen, (chosen + 1).min(years.len()));
    loop {
        let grown = if to < years.len() && fits(from, to + 1) {
            to += 1;
            true
        } else {
            false
        };
        let grown = if from > 0 && fits(from - 1, to) {
            from -= 1;
            true
        } else {
            grown
        };
        if !grown {
            break;
        }
    }
    let dim = theme.dim().bg(bg);
    let mut spans = vec![Span::styled(head, dim)];
    if from > 0 {
        spans.push(Span::styled("… ", dim));
    }
    for (k, year) in years.iter().enumerate().take(to).skip(from) {
        if k > from {
            spans.push(Span::styled(" · ", dim));
        }
        let style = if k == chosen {
            theme.accent().bg(bg).add_modifier(Modifier::REVERSED)
        } else {
            theme.text().bg(bg)
        };
        spans.push(Span::styled(year.clone(), style));
    }
    if to < years.len() {
        spans.push(Span::styled(" …", dim));
    }
    Line::from(spans)
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
