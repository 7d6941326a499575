//! The slide itself: header (part and date), title, body blocks, incremental reveal, big text on
//! the title slide and part dividers (and, in the audience window, on every slide whose title
//! fits), and scrolling with visible markers when it does not fit.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use tui_big_text::{BigText, PixelSize};

use crate::app::App;
use crate::deck::{Block, Bullet, Deck};
use crate::text::{line_width, parse_emphasis, truncate, width, wrap, wrap_plain};
use crate::ui::theme::Theme;

/// The widest body text gets: about 66 columns reads comfortably from the back of a room.
pub const MEASURE: usize = 66;

/// A line of the slide and whether the reveal has reached it yet.
type SlideLine = (Line<'static>, bool);

/// The slide laid out for one width: everything but the big title is ready-made lines.
pub struct SlideLayout {
    /// Lines above the big title (the header).
    pub head: Vec<SlideLine>,
    /// The big title's lines and the height they take, when big text is used.
    pub big: Option<(Vec<String>, u16)>,
    /// Everything below: title (when not big), rule, body.
    pub body: Vec<SlideLine>,
    /// Left offset of the text column inside the slide area.
    pub indent: u16,
}

impl SlideLayout {
    /// Total height in rows.
    pub fn height(&self) -> usize {
        self.head.len() + self.big.as_ref().map_or(0, |b| usize::from(b.1)) + self.body.len()
    }
}

/// Whether a slide opens the deck or a part, and so gets large type.
pub fn is_divider(deck: &Deck, index: usize) -> bool {
    index == 0 || (0..deck.parts.len()).any(|p| p > 0 && deck.part_start(p) == index)
}

/// Roman numerals for part numbers (parts are few).
pub fn roman(n: usize) -> String {
    const NUMERALS: [(usize, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, symbol) in NUMERALS {
        while n >= value {
            out.push_str(symbol);
            n -= value;
        }
    }
    out
}

/// Lays out slide `index` for an area `area_width` wide and `area_height` tall.
pub fn layout(
    app: &App,
    index: usize,
    step: usize,
    area_width: u16,
    area_height: u16,
) -> SlideLayout {
    let theme = &app.theme;
    let deck = &app.deck;
    let Some(slide) = deck.slide(index) else {
        return SlideLayout {
            head: Vec::new(),
            big: None,
            body: Vec::new(),
            indent: 0,
        };
    };
    let avail = usize::from(area_width).saturating_sub(4).max(1);
    let measure = avail.min(MEASURE);
    let indent =
        u16::try_from((usize::from(area_width) - measure.min(usize::from(area_width))) / 2)
            .unwrap_or(0);

    // Excerpts may reach a little past the measure, never past the area's edge.
    let wide = (MEASURE + 8)
        .min(usize::from(area_width).saturating_sub(usize::from(indent) + 1))
        .max(measure);
    let part_index = deck.part_of(index);
    let part = &deck.parts[part_index];
    let label = format!(
        "PART {} · {}",
        roman(part_index + 1),
        part.title.as_str().to_uppercase()
    );
    // A title that already says the date ("4 March 1953") needs no second copy above it.
    let date = slide.date.human();
    // Nor do the title slide and part dividers, whose big title and body say it.
    let date = if slide.title.as_str().contains(&date) || is_divider(deck, index) {
        String::new()
    } else {
        date
    };
    // On a very short screen the part label would push the slide itself out of view.
    let head = if area_height >= 10 {
        vec![
            (header_line(&label, &date, measure, theme), true),
            (Line::default(), true),
        ]
    } else {
        Vec::new()
    };

    // The blocks first: whether a large title leaves them room depends on their height.
    let blocks = block_rows(&slide.body, step, measure, wide, theme);

    let mut body: Vec<SlideLine> = Vec::new();
    let big = if is_divider(deck, index) {
        big_title(slide.title.as_str(), measure, area_height)
    } else if app.large_titles {
        // Every reveal step included, so that the title does not change size mid-slide.
        large_title(
            slide.title.as_str(),
            measure,
            usize::from(area_height).saturating_sub(head.len() + 1 + blocks.len()),
        )
    } else {
        None
    };
    if big.is_some() {
        body.push((Line::default(), true));
        // The title slide's body carries the deck's own subtitle; a part divider shows the
        // part's subtitle under its big title.
        let sub = if index == 0 || !is_divider(deck, index) {
            None
        } else {
            part.subtitle.as_ref().map(|s| s.as_str().to_owned())
        };
        if let Some(sub) = sub {
            for l in wrap_plain(&sub, theme.dim(), measure) {
                body.push((l, true));
            }
            body.push((Line::default(), true));
        }
    } else {
        let title = wrap(&[(slide.title.as_str().to_owned(), theme.title())], measure);
        let rule_width = title
            .iter()
            .map(line_width)
            .max()
            .unwrap_or(1)
            .max(4)
            .min(measure);
        for l in title {
            body.push((l, true));
        }
        body.push((Line::styled("━".repeat(rule_width), theme.accent()), true));
        body.push((Line::default(), true));
    }
    body.extend(blocks);
    while body.last().is_some_and(|(l, _)| l.spans.is_empty()) {
        body.pop();
    }
    SlideLayout {
        head,
        big,
        body,
        indent,
    }
}

/// The body's blocks as lines, each marked with whether reveal step `step` has reached it.
fn block_rows(
    blocks: &[Block],
    step: usize,
    measure: usize,
    wide: usize,
    theme: &Theme,
) -> Vec<SlideLine> {
    let mut rows: Vec<SlideLine> = Vec::new();
    let mut shown_steps = 0;
    for (b, block) in blocks.iter().enumerate() {
        if matches!(block, Block::Pause) {
            shown_steps += 1;
            continue;
        }
        let revealed = shown_steps <= step;
        if b > 0 && rows.last().is_some_and(|(l, _)| !l.spans.is_empty()) {
            rows.push((Line::default(), revealed));
        }
        for l in block_lines(block, measure, wide, theme) {
            rows.push((l, revealed));
        }
    }
    rows
}

fn header_line(label: &str, date: &str, measure: usize, theme: &Theme) -> Line<'static> {
    let date_w = width(date);
    let label = truncate(label, measure.saturating_sub(date_w + 2));
    let gap = measure.saturating_sub(width(&label) + date_w);
    if width(&label) + date_w + 2 > measure {
        return Line::styled(truncate(date, measure), theme.dim());
    }
    Line::from(vec![
        Span::styled(label, theme.dim()),
        Span::raw(" ".repeat(gap)),
        Span::styled(date.to_owned(), theme.dim()),
    ])
}

/// Quadrant glyphs: 4 columns by 4 rows per character.
const BIG_CELL: (usize, u16) = (4, 4);

/// Splits an ASCII title into lines of big text at most `measure` columns wide, or `None` when
/// it cannot be drawn that way (tui-big-text draws non-ASCII glyphs blank, or a word is too long).
fn big_lines(title: &str, measure: usize) -> Option<Vec<String>> {
    if !title.is_ascii() || title.chars().any(|c| c.is_ascii_control()) {
        return None;
    }
    let per_line = measure / BIG_CELL.0;
    if per_line < 6 {
        return None;
    }
    let mut lines: Vec<String> = Vec::new();
    for word in title.split_whitespace() {
        if word.len() > per_line {
            return None;
        }
        match lines.last_mut() {
            Some(l) if l.len() + 1 + word.len() <= per_line => {
                l.push(' ');
                l.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    (!lines.is_empty()).then_some(lines)
}

/// Big text for the title slide and part dividers: up to three lines, with room left for the
/// header, the subtitle and a line of body.
fn big_title(title: &str, measure: usize, area_height: u16) -> Option<(Vec<String>, u16)> {
    let lines = big_lines(title, measure)?;
    let height = u16::try_from(lines.len()).ok()? * BIG_CELL.1;
    (lines.len() <= 3 && height + 8 <= area_height).then_some((lines, height))
}

/// Big text for any other slide (the audience window's large titles): at most two lines, and
/// only when the whole body still fits in the `room` rows the title may take.
fn large_title(title: &str, measure: usize, room: usize) -> Option<(Vec<String>, u16)> {
    let lines = big_lines(title, measure)?;
    let height = u16::try_from(lines.len()).ok()? * BIG_CELL.1;
    (lines.len() <= 2 && usize::from(height) <= room).then_some((lines, height))
}

/// Lines for one block: text wraps at `measure`; a document excerpt, whose lines are the
/// document's own, may use up to `wide` columns so that they wrap less.
fn block_lines(block: &Block, measure: usize, wide: usize, theme: &Theme) -> Vec<Line<'static>> {
    match block {
        Block::Text(text) => wrap(&parse_emphasis(text.as_str(), theme.text()), measure),
        Block::Bullets(items) => items
            .iter()
            .flat_map(|item| bullet_lines(item, measure, theme))
            .collect(),
        Block::Quote { text, by } => {
            let bar = Span::styled("│ ", theme.faint());
            let mut out: Vec<Line<'static>> = wrap(
                &parse_emphasis(text.as_str(), theme.quote()),
                measure.saturating_sub(2),
            )
            .into_iter()
            .map(|l| prefixed(bar.clone(), l))
            .collect();
            if let Some(by) = by {
                for l in wrap(
                    &[(format!("— {by}"), theme.dim())],
                    measure.saturating_sub(4),
                ) {
                    out.push(prefixed(Span::raw("    "), l));
                }
            }
            out
        }
        Block::Excerpt { lang, text, source } => {
            let bar = Span::styled("▎ ", theme.excerpt());
            let mut out: Vec<Line<'static>> = Vec::new();
            for line in text.as_str().split('\n') {
                let line = line.replace('\t', "    ");
                if line.trim().is_empty() {
                    out.push(Line::from(bar.clone()));
                    continue;
                }
                for l in wrap(&[(line.clone(), theme.excerpt())], wide.saturating_sub(2)) {
                    out.push(prefixed(bar.clone(), l));
                }
            }
            let caption = match source {
                Some(s) => format!("{lang} · {s}"),
                None => lang.as_str().to_owned(),
            };
            for l in wrap(&[(caption, theme.dim())], wide.saturating_sub(2)) {
                out.push(prefixed(Span::raw("  "), l));
            }
            out
        }
        Block::Columns { left, right } => {
            let gap = 3;
            let col = measure.saturating_sub(gap) / 2;
            let render = |blocks: &[Block]| -> Vec<Line<'static>> {
                let mut lines = Vec::new();
                for (i, b) in blocks
                    .iter()
                    .filter(|b| !matches!(b, Block::Pause))
                    .enumerate()
                {
                    if i > 0 {
                        lines.push(Line::default());
                    }
                    lines.extend(block_lines(b, col.max(1), col.max(1), theme));
                }
                lines
            };
            let (l, r) = (render(left), render(right));
            (0..l.len().max(r.len()))
                .map(|i| {
                    let left = l.get(i).cloned().unwrap_or_default();
                    let pad = col.saturating_sub(line_width(&left)) + gap;
                    let mut spans = left.spans;
                    if let Some(right) = r.get(i) {
                        spans.push(Span::raw(" ".repeat(pad)));
                        spans.extend(right.spans.iter().cloned());
                    }
                    Line::from(spans)
                })
                .collect()
        }
        Block::Pause => Vec::new(),
    }
}

fn bullet_lines(item: &Bullet, measure: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = hanging(
        &Span::styled("• ", theme.accent()),
        wrap(
            &parse_emphasis(item.text.as_str(), theme.text()),
            measure.saturating_sub(2),
        ),
    );
    for child in &item.children {
        let lines = wrap(
            &parse_emphasis(child.as_str(), theme.text()),
            measure.saturating_sub(4),
        );
        out.extend(hanging(&Span::styled("  – ", theme.dim()), lines));
    }
    out
}

/// Prefixes the first line with `marker` and indents the rest to match.
fn hanging(marker: &Span<'static>, lines: Vec<Line<'static>>) -> Vec<Line<'static>> {
    let pad = " ".repeat(width(&marker.content));
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let lead = if i == 0 {
                marker.clone()
            } else {
                Span::raw(pad.clone())
            };
            prefixed(lead, l)
        })
        .collect()
}

fn prefixed(lead: Span<'static>, line: Line<'static>) -> Line<'static> {
    let mut spans = vec![lead];
    spans.extend(line.spans);
    Line::from(spans)
}

/// The lines slide `index` adds at reveal step `step`, wrapped to `width` and without blank
/// lines: what the presenter's "next" column previews.
pub fn step_lines(app: &App, index: usize, step: usize, width: usize) -> Vec<Line<'static>> {
    step_blocks(app, index, step, width)
        .into_iter()
        .flatten()
        .collect()
}

/// `step_lines`, block by block.
pub fn step_blocks(app: &App, index: usize, step: usize, width: usize) -> Vec<Vec<Line<'static>>> {
    let Some(slide) = app.deck.slide(index) else {
        return Vec::new();
    };
    let width = width.max(1);
    let mut shown_steps = 0;
    let mut out = Vec::new();
    for block in &slide.body {
        if matches!(block, Block::Pause) {
            shown_steps += 1;
        } else if shown_steps == step {
            out.push(
                block_lines(block, width, width, &app.theme)
                    .into_iter()
                    .filter(|l| line_width(l) > 0)
                    .collect(),
            );
        }
    }
    out
}

/// Lines the current slide can scroll by at the current size.
pub fn max_scroll(app: &App, area: Rect) -> usize {
    let l = layout(app, app.current, app.step, area.width, area.height);
    let rows = usize::from(area.height);
    if l.height() > rows {
        // The last row is kept for the "more" marker.
        l.height() - text_rows(rows)
    } else {
        0
    }
}

/// Rows for text when a slide overflows: all but the one that carries the marker.
fn text_rows(rows: usize) -> usize {
    rows.saturating_sub(1).max(1)
}

/// Draws the current slide into `area`.
pub struct SlideView<'a> {
    /// The presenter state.
    pub app: &'a App,
}

impl Widget for SlideView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        if area.width == 0 || area.height == 0 {
            return;
        }
        let l = layout(app, app.current, app.step, area.width, area.height);
        let total = l.height();
        let rows = usize::from(area.height);
        let overflow = total > rows;
        let (rows, scroll) = if overflow {
            let text = text_rows(rows);
            (text, app.scroll.min(total - text))
        } else {
            (rows, 0)
        };
        // Short slides sit a little above the middle, where the eye expects them.
        let top = if overflow { 0 } else { (rows - total) / 3 };
        let x = area.x + l.indent;
        let w = area.width.saturating_sub(l.indent);
        let mut row = 0usize; // row in the laid-out slide
        let put = |line: &Line, revealed: bool, row: &mut usize, buf: &mut Buffer| {
            if *row >= scroll && *row - scroll + top < rows && revealed {
                let y = area.y + u16::try_from(*row - scroll + top).unwrap_or(0);
                buf.set_line(x, y, line, w);
            }
            *row += 1;
        };
        for (line, revealed) in &l.head {
            put(line, *revealed, &mut row, buf);
        }
        if let Some((lines, height)) = &l.big {
            let start = row;
            row += usize::from(*height);
            if start >= scroll && start - scroll + top + usize::from(*height) <= rows {
                let y = area.y + u16::try_from(start - scroll + top).unwrap_or(0);
                let big = BigText::builder()
                    .pixel_size(PixelSize::Quadrant)
                    .style(app.theme.title())
                    .lines(
                        lines
                            .iter()
                            .map(|s| Line::from(s.clone()))
                            .collect::<Vec<_>>(),
                    )
                    .build();
                big.render(Rect::new(x, y, w, *height), buf);
            }
        }
        for (line, revealed) in &l.body {
            put(line, *revealed, &mut row, buf);
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
            buf.set_string(x.max(area.x), y, marker, app.theme.accent());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(1), "I");
        assert_eq!(roman(2), "II");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(14), "XIV");
    }

    #[test]
    fn big_titles_only_when_ascii_and_they_fit() {
        assert_eq!(
            big_title("The two deaths of Stalin", 66, 40),
            // Sixteen quadrant glyphs fit in 66 columns.
            Some((vec!["The two deaths".to_owned(), "of Stalin".to_owned()], 8))
        );
        assert_eq!(big_title("中蘇友好", 66, 40), None);
        assert_eq!(big_title("The two deaths of Stalin", 66, 12), None);
        assert_eq!(big_title("The two deaths of Stalin", 20, 40), None);
    }

    #[test]
    fn large_titles_take_two_lines_at_most_and_need_room_below() {
        assert_eq!(
            large_title("Panic at the French embassy", 66, 20),
            Some((
                vec!["Panic at the".to_owned(), "French embassy".to_owned()],
                8
            ))
        );
        assert_eq!(
            large_title("4 March 1953", 66, 4),
            Some((vec!["4 March 1953".to_owned()], 4))
        );
        // Three lines of big text would push the body off a projector.
        assert_eq!(
            large_title("A Congress held 8 months ahead of schedule", 66, 40),
            None
        );
        assert_eq!(large_title("4 March 1953", 66, 3), None, "no room left");
        assert_eq!(
            large_title("Remember Stalin's “Doctors' Plot”?", 66, 40),
            None
        );
    }
}

#[cfg(test)]
mod large_title_tests {
    use super::*;
    use crate::deck::{BUNDLED_NAME, BUNDLED_SOURCE, parse_deck};
    use crate::ui::theme::Theme;

    fn app() -> App {
        let deck = parse_deck(BUNDLED_NAME, BUNDLED_SOURCE.as_bytes())
            .unwrap()
            .deck;
        App::new(deck, Theme::bundled())
    }

    #[test]
    fn large_titles_are_the_audience_windows_and_always_leave_the_body_room() {
        let mut app = app();
        // "4 March 1953": plain in the presenter, big in the audience window.
        assert!(layout(&app, 4, 0, 80, 21).big.is_none());
        app.large_titles = true;
        for (w, h) in [(80, 21), (120, 37), (60, 30)] {
            for index in 0..app.slide_count() {
                let l = layout(&app, index, 0, w, h);
                if l.big.is_some() && !is_divider(&app.deck, index) {
                    assert!(
                        l.height() <= usize::from(h),
                        "slide {} at {w}x{h}",
                        index + 1
                    );
                }
            }
        }
        assert!(layout(&app, 4, 0, 80, 21).big.is_some());
        // The decision does not depend on the reveal step, so the title keeps its size.
        assert_eq!(
            layout(&app, 4, 0, 80, 21).height(),
            layout(&app, 4, 1, 80, 21).height()
        );
        // Too short a screen for big text and the body: the plain title.
        assert!(layout(&app, 4, 0, 80, 12).big.is_none());
    }

    #[test]
    fn step_lines_are_what_a_step_adds() {
        let app = app();
        let first: Vec<String> = step_lines(&app, 4, 1, 66)
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(
            first.first().map(String::as_str),
            Some("• Stalin NOT in his Kremlin apartment (the first of many lies)")
        );
        assert!(
            step_lines(&app, 4, 2, 66).is_empty(),
            "slide 5 has two steps"
        );
    }
}

#[cfg(test)]
mod columns_tests {
    use super::*;
    use crate::deck::parse_deck;
    use crate::ui::theme::Theme;

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn two_columns_sit_side_by_side_and_stay_aligned() {
        let source = r#"Deck(title: "T", span: "1953", parts: [Part(id: "p", title: "P", slides: [
            Slide(title: "Opening", date: "1953-03-05", notes: "n"),
            Slide(title: "Before and after", date: "1953-03-05", notes: "n", body: [
                Columns(left: [Text("Stalin alive: the purge looms over everyone")],
                        right: [Bullets(["Amnesty", "Doctors freed"])]),
            ]),
        ])])"#;
        let deck = parse_deck("t.ron", source.as_bytes()).unwrap().deck;
        let app = crate::app::App::new(deck, Theme::bundled());
        let l = layout(&app, 1, 0, 40, 20);
        let body: Vec<String> = l.body.iter().map(|(line, _)| text(line)).collect();
        // Measure 36: two columns of 16 with a gap of 3; the right column starts at 19.
        let rows: Vec<&String> = body.iter().skip(3).collect();
        assert_eq!(rows[0], "Stalin alive:      • Amnesty");
        assert_eq!(rows[1], "the purge looms    • Doctors freed");
        assert_eq!(
            rows[2], "over everyone",
            "no padding where the right column has ended"
        );
    }
}
