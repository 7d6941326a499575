//! A slide laid out at a size: the header (part and date), the title (in large type on the
//! title slide and section dividers, and in the audience window wherever it fits), the body's
//! blocks as wrapped lines each marked with whether the reveal has reached it, and how far the
//! whole can scroll. Pure: the terminal, `check --size` and exports read the same lines.
//!
//! **Which slides get large titles.** A slide may say how it is laid out (`layout: "title"`,
//! `"section"` or `"default"`); one that does not follows the deck's shape: its first slide is
//! the title slide, the first slide of every later part a section divider, every other slide
//! a default one. The title slide shows the title in large type with the deck's `subtitle`
//! and `author` under it; a section divider shows it with its part's `subtitle` when it opens
//! the part. Large type needs an ASCII title that fits (at most three lines, with room for the
//! rest); otherwise the title is drawn bold, and what goes under it still does. Neither shows
//! the date above the title: their title and body say what they are about.

use super::figure::{self, Figure, FigureKind};
use super::styled::{Line, Role, Run, plain, prose};
use super::table;
use crate::deck::{Block, Bullet, Deck, Layout, Prose};
use crate::text::{roman, truncate, width, wrap_keeping_spaces};

/// The widest body text gets: about 66 columns reads comfortably from the back of a room.
pub const MEASURE: usize = 66;

/// A line of the slide and whether the reveal has reached it yet.
pub type SlideLine = (Line, bool);

/// A title in large type: its lines (ASCII only; each glyph is 4 by 4 cells) and their height.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BigTitle {
    /// The title, broken into lines.
    pub lines: Vec<String>,
    /// Rows the lines take.
    pub height: u16,
}

/// A slide laid out for one size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlideLayout {
    /// Lines above the big title (the header).
    pub head: Vec<SlideLine>,
    /// The title in large type, when it gets it.
    pub big: Option<BigTitle>,
    /// Everything below: the title (when not big), its rule, the body.
    pub body: Vec<SlideLine>,
    /// Left offset of the text column inside the slide area.
    pub indent: u16,
    /// Pictures and maps drawn over rows of `body`.
    pub figures: Vec<Figure>,
}

impl SlideLayout {
    /// Total height in rows.
    pub fn height(&self) -> usize {
        self.head.len() + self.big.as_ref().map_or(0, |b| usize::from(b.height)) + self.body.len()
    }

    /// How many lines the slide can scroll by in `rows` rows: when it does not fit, the last
    /// row is kept for the "more" marker.
    pub fn max_scroll(&self, rows: usize) -> usize {
        let total = self.height();
        if total > rows {
            total - text_rows(rows)
        } else {
            0
        }
    }
}

/// Rows for text when a slide overflows `rows`: all but the one that carries the marker.
pub fn text_rows(rows: usize) -> usize {
    rows.saturating_sub(1).max(1)
}

/// How slide `index` is laid out: as it says, else the title slide when it opens the deck, a
/// section divider when it opens a later part, a default slide otherwise.
pub fn layout_of(deck: &Deck, index: usize) -> Layout {
    let chosen = deck.slide(index).and_then(|s| s.layout);
    chosen.unwrap_or(if index == 0 {
        Layout::Title
    } else if is_part_start(deck, index) {
        Layout::Section
    } else {
        Layout::Default
    })
}

/// Whether slide `index` is the first of a part after the first.
fn is_part_start(deck: &Deck, index: usize) -> bool {
    (1..deck.parts.len()).any(|p| deck.part_start(p) == index)
}

/// Whether a slide is the title slide or a section divider, and so gets large type.
pub fn is_divider(deck: &Deck, index: usize) -> bool {
    layout_of(deck, index) != Layout::Default
}

/// What goes under the title: the deck's subtitle and author on the title slide, the part's
/// subtitle on the divider that opens it, then a blank line; nothing on other slides.
fn under_title(
    deck: &Deck,
    part_index: usize,
    index: usize,
    kind: Layout,
    measure: usize,
) -> Vec<SlideLine> {
    let under: Vec<&str> = match kind {
        Layout::Title => [&deck.subtitle, &deck.author]
            .into_iter()
            .flatten()
            .map(Prose::as_str)
            .collect(),
        Layout::Section if deck.part_start(part_index) == index => deck.parts[part_index]
            .subtitle
            .iter()
            .map(Prose::as_str)
            .collect(),
        Layout::Section | Layout::Default => Vec::new(),
    };
    let mut lines: Vec<SlideLine> = under
        .iter()
        .filter(|t| !t.trim().is_empty())
        .flat_map(|text| plain(text, Role::Secondary, measure))
        .map(|l| (l, true))
        .collect();
    if !lines.is_empty() {
        lines.push((Line::default(), true));
    }
    lines
}

/// Lays out slide `index` of `deck` at reveal step `step` for an area `area_width` by
/// `area_height`; with `large_titles` (the audience window), every title that fits gets large
/// type, not only the title slide and the part dividers.
pub fn layout(
    deck: &Deck,
    index: usize,
    step: usize,
    (area_width, area_height): (u16, u16),
    large_titles: bool,
) -> SlideLayout {
    let Some(slide) = deck.slide(index) else {
        return SlideLayout {
            head: Vec::new(),
            big: None,
            body: Vec::new(),
            indent: 0,
            figures: Vec::new(),
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
    let kind = layout_of(deck, index);
    let date = slide.shown_date().unwrap_or_default();
    // Nor do the title slide and section dividers, whose big title and body say it.
    let date = if slide.title.as_str().contains(&date) || kind != Layout::Default {
        String::new()
    } else {
        date
    };
    // On a very short screen the part label would push the slide itself out of view.
    let head = if area_height >= 10 {
        vec![
            (header_line(&label, &date, measure), true),
            (Line::default(), true),
        ]
    } else {
        Vec::new()
    };

    // The blocks first (figures at their least): a large title needs room left for them.
    let widths = Widths {
        measure,
        wide,
        across: figure::across(area_width),
    };
    let (blocks, _) = block_rows(&slide.body, step, &widths, None);

    let mut body: Vec<SlideLine> = Vec::new();
    let big = if kind != Layout::Default {
        big_title(slide.title.as_str(), measure, area_height)
    } else if large_titles {
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
    } else {
        let title = plain(slide.title.as_str(), Role::Title, measure);
        let rule_width = title
            .iter()
            .map(Line::width)
            .max()
            .unwrap_or(1)
            .max(4)
            .min(measure);
        for l in title {
            body.push((l, true));
        }
        body.push((Line::of("━".repeat(rule_width), Role::Accent), true));
        body.push((Line::default(), true));
    }
    body.extend(under_title(deck, part_index, index, kind, measure));
    // Figures take the rows the rest leaves, beyond their least.
    let above = head.len() + big.as_ref().map_or(0, |b| usize::from(b.height)) + body.len();
    let room = usize::from(area_height).saturating_sub(above + blocks.len());
    let (blocks, figures) = with_figures(&slide.body, step, &widths, blocks, (room, body.len()));
    body.extend(blocks);
    while body.last().is_some_and(|(l, _)| l.runs.is_empty()) {
        body.pop();
    }
    SlideLayout {
        head,
        big,
        body,
        indent,
        figures,
    }
}

/// The blocks laid out again with their figures sharing `room` rows beyond their least, when
/// there are figures (`blocks` are the blocks with figures at their least), and the figures
/// numbered from the body's row `first_row`, where the blocks start.
fn with_figures(
    body: &[Block],
    step: usize,
    widths: &Widths,
    blocks: Vec<SlideLine>,
    (room, first_row): (usize, usize),
) -> (Vec<SlideLine>, Vec<Figure>) {
    let count = body.iter().filter(|b| FigureKind::of(b).is_some()).count();
    if count == 0 {
        return (blocks, Vec::new());
    }
    let (blocks, mut figures) =
        block_rows(body, step, widths, Some(room + count * figure::MIN_ROWS));
    for f in &mut figures {
        f.row += first_row;
    }
    (blocks, figures)
}

/// The widths blocks are laid out to.
struct Widths {
    /// The text column.
    measure: usize,
    /// What a document excerpt or a table may take.
    wide: usize,
    /// A figure's box: its left edge in the slide area, and its width.
    across: (u16, u16),
}

/// The body's blocks as lines, each marked with whether reveal step `step` has reached it, and
/// the figures drawn over them. Figures share `room` rows (their least without it).
fn block_rows(
    blocks: &[Block],
    step: usize,
    widths: &Widths,
    room: Option<usize>,
) -> (Vec<SlideLine>, Vec<Figure>) {
    let mut rows: Vec<SlideLine> = Vec::new();
    let mut figures = Vec::new();
    let count = blocks
        .iter()
        .filter(|b| FigureKind::of(b).is_some())
        .count();
    let (x, box_width) = widths.across;
    let figure_rows = figure::share(room, count, usize::from(box_width));
    let mut shown_steps = 0;
    for (b, block) in blocks.iter().enumerate() {
        if matches!(block, Block::Pause) {
            shown_steps += 1;
            continue;
        }
        let revealed = shown_steps <= step;
        if b > 0 && rows.last().is_some_and(|(l, _)| !l.runs.is_empty()) {
            rows.push((Line::default(), revealed));
        }
        if let Some(kind) = FigureKind::of(block) {
            let caption = match block {
                Block::Image { caption, .. } => caption.as_ref(),
                _ => None,
            };
            let lines = figure::lines(&kind, caption, figure_rows, widths.measure);
            figures.push(Figure {
                row: rows.len(),
                rows: u16::try_from(figure_rows).unwrap_or(u16::MAX),
                x,
                width: box_width,
                revealed,
                kind,
            });
            rows.extend(lines.into_iter().map(|l| (l, revealed)));
            continue;
        }
        for l in block_lines(block, widths.measure, widths.wide) {
            rows.push((l, revealed));
        }
    }
    (rows, figures)
}

fn header_line(label: &str, date: &str, measure: usize) -> Line {
    let date_w = width(date);
    let label = truncate(label, measure.saturating_sub(date_w + 2));
    let gap = measure.saturating_sub(width(&label) + date_w);
    if width(&label) + date_w + 2 > measure {
        return Line::of(truncate(date, measure), Role::Secondary);
    }
    Line {
        runs: vec![
            Run::new(label, Role::Secondary),
            Run::new(" ".repeat(gap), Role::Body),
            Run::new(date, Role::Secondary),
        ],
    }
}

/// Quadrant glyphs: 4 columns by 4 rows per character.
const BIG_CELL: (usize, u16) = (4, 4);

/// Splits an ASCII title into lines of big text at most `measure` columns wide, or `None` when
/// it cannot be drawn that way (the big font has ASCII glyphs only, or a word is too long).
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
fn big_title(title: &str, measure: usize, area_height: u16) -> Option<BigTitle> {
    let lines = big_lines(title, measure)?;
    let height = u16::try_from(lines.len()).ok()? * BIG_CELL.1;
    (lines.len() <= 3 && height + 8 <= area_height).then_some(BigTitle { lines, height })
}

/// Big text for any other slide (the audience window's large titles): at most two lines, and
/// only when the whole body still fits in the `room` rows the title may take.
fn large_title(title: &str, measure: usize, room: usize) -> Option<BigTitle> {
    let lines = big_lines(title, measure)?;
    let height = u16::try_from(lines.len()).ok()? * BIG_CELL.1;
    (lines.len() <= 2 && usize::from(height) <= room).then_some(BigTitle { lines, height })
}

/// One block as the screen lays it out at `width`, every reveal step shown: what an export
/// that has no form of its own for a kind of block writes, so that a new kind shows there as
/// it does on screen (a `Pause` has no lines).
pub fn block_text(block: &Block, width: usize) -> Vec<Line> {
    block_lines(block, width, width)
}

/// Lines for one block: text wraps at `measure`; a document excerpt, whose lines are the
/// document's own, may use up to `wide` columns so that they wrap less.
fn block_lines(block: &Block, measure: usize, wide: usize) -> Vec<Line> {
    match block {
        Block::Text(text) => prose(text.as_str(), Role::Body, measure),
        Block::Bullets(items) => items
            .iter()
            .flat_map(|item| bullet_lines(item, measure))
            .collect(),
        Block::Quote { text, by } => {
            let bar = Run::new("│ ", Role::Faint);
            let mut out: Vec<Line> = prose(text.as_str(), Role::Quote, measure.saturating_sub(2))
                .into_iter()
                .map(|l| l.after(bar.clone()))
                .collect();
            if let Some(by) = by {
                for l in plain(
                    &format!("— {by}"),
                    Role::Secondary,
                    measure.saturating_sub(4),
                ) {
                    out.push(l.after(Run::new("    ", Role::Body)));
                }
            }
            out
        }
        Block::Excerpt { lang, text, source } => {
            let bar = Run::new("▎ ", Role::Excerpt);
            let mut out: Vec<Line> = Vec::new();
            for line in text.as_str().split('\n') {
                let line = line.replace('\t', "    ");
                if line.trim().is_empty() {
                    out.push(Line {
                        runs: vec![bar.clone()],
                    });
                    continue;
                }
                // A document's spacing is its own: runs of spaces line up its columns.
                for l in wrap_keeping_spaces(&line, wide.saturating_sub(2)) {
                    out.push(Line::of(l, Role::Excerpt).after(bar.clone()));
                }
            }
            let caption = match source {
                Some(s) => format!("{lang} · {s}"),
                None => lang.as_str().to_owned(),
            };
            for l in plain(&caption, Role::Secondary, wide.saturating_sub(2)) {
                out.push(l.after(Run::new("  ", Role::Body)));
            }
            out
        }
        Block::Columns { left, right } => {
            let gap = 3;
            let col = measure.saturating_sub(gap) / 2;
            let render = |blocks: &[Block]| -> Vec<Line> {
                let mut lines = Vec::new();
                for (i, b) in blocks
                    .iter()
                    .filter(|b| !matches!(b, Block::Pause))
                    .enumerate()
                {
                    if i > 0 {
                        lines.push(Line::default());
                    }
                    lines.extend(block_lines(b, col.max(1), col.max(1)));
                }
                lines
            };
            let (l, r) = (render(left), render(right));
            (0..l.len().max(r.len()))
                .map(|i| {
                    let left = l.get(i).cloned().unwrap_or_default();
                    let pad = col.saturating_sub(left.width()) + gap;
                    let mut runs = left.runs;
                    if let Some(right) = r.get(i) {
                        runs.push(Run::new(" ".repeat(pad), Role::Body));
                        runs.extend(right.runs.iter().cloned());
                    }
                    Line { runs }
                })
                .collect()
        }
        Block::Table { header, rows } => table::lines(header, rows, wide),
        // Inside a column or in a preview, a figure is its stand-in text.
        Block::Image { .. } | Block::Map { .. } => {
            let mut out = FigureKind::of(block)
                .map(|kind| figure::stand_in(&kind, measure))
                .unwrap_or_default();
            if let Block::Image {
                caption: Some(caption),
                ..
            } = block
            {
                out.extend(plain(caption.as_str(), Role::Secondary, measure));
            }
            out
        }
        Block::Pause => Vec::new(),
    }
}

fn bullet_lines(item: &Bullet, measure: usize) -> Vec<Line> {
    let mut out = hanging(
        &Run::new("• ", Role::Accent),
        prose(item.text.as_str(), Role::Body, measure.saturating_sub(2)),
    );
    for child in &item.children {
        let lines = prose(child.as_str(), Role::Body, measure.saturating_sub(4));
        out.extend(hanging(&Run::new("  – ", Role::Secondary), lines));
    }
    out
}

/// Prefixes the first line with `marker` and indents the rest to match.
fn hanging(marker: &Run, lines: Vec<Line>) -> Vec<Line> {
    let pad = " ".repeat(width(&marker.text));
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let lead = if i == 0 {
                marker.clone()
            } else {
                Run::new(pad.clone(), Role::Body)
            };
            l.after(lead)
        })
        .collect()
}

/// The lines slide `index` adds at reveal step `step`, wrapped to `width` and without blank
/// lines: what the presenter's "next" column previews.
pub fn step_lines(deck: &Deck, index: usize, step: usize, width: usize) -> Vec<Line> {
    step_blocks(deck, index, step, width)
        .into_iter()
        .flatten()
        .collect()
}

/// `step_lines`, block by block.
pub fn step_blocks(deck: &Deck, index: usize, step: usize, width: usize) -> Vec<Vec<Line>> {
    let Some(slide) = deck.slide(index) else {
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
                block_lines(block, width, width)
                    .into_iter()
                    .filter(|l| l.width() > 0)
                    .collect(),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::{BUNDLED_NAME, BUNDLED_SOURCE, parse_deck};

    fn big(lines: &[&str], height: u16) -> BigTitle {
        BigTitle {
            lines: lines.iter().map(|s| (*s).to_owned()).collect(),
            height,
        }
    }

    #[test]
    fn big_titles_only_when_ascii_and_they_fit() {
        // Sixteen quadrant glyphs fit in 66 columns.
        assert_eq!(
            big_title("The two deaths of Stalin", 66, 40),
            Some(big(&["The two deaths", "of Stalin"], 8))
        );
        assert_eq!(big_title("中蘇友好", 66, 40), None);
        assert_eq!(big_title("The two deaths of Stalin", 66, 12), None);
        assert_eq!(big_title("The two deaths of Stalin", 20, 40), None);
    }

    #[test]
    fn large_titles_take_two_lines_at_most_and_need_room_below() {
        assert_eq!(
            large_title("Panic at the French embassy", 66, 20),
            Some(big(&["Panic at the", "French embassy"], 8))
        );
        assert_eq!(
            large_title("4 March 1953", 66, 4),
            Some(big(&["4 March 1953"], 4))
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

    fn lecture() -> Deck {
        parse_deck(BUNDLED_NAME, BUNDLED_SOURCE.as_bytes())
            .unwrap()
            .deck
    }

    /// Three parts: the deck's shape gives the first slide and each later part's first slide
    /// their layouts unless a slide chooses its own.
    const SHAPES: &str = r#"Deck(title: "T", subtitle: "Sub", author: "Au", span: "1956",
        parts: [
            Part(id: "a", title: "A", subtitle: "Part A", slides: [
                Slide(title: "Title", notes: "n"),
                Slide(title: "Plain", date: "1956", notes: "n"),
                Slide(title: "Chosen section", layout: "section", notes: "n"),
            ]),
            Part(id: "b", title: "B", subtitle: "Part B", slides: [
                Slide(title: "Opens B", notes: "n"),
                Slide(title: "Chosen default", layout: "default", notes: "n"),
            ]),
            Part(id: "c", title: "C", slides: [
                Slide(title: "Opens C as a plain slide", layout: "default", notes: "n"),
                Slide(title: "Closing title", layout: "title", notes: "n"),
            ]),
        ])"#;

    #[test]
    fn the_layout_is_the_slides_choice_else_the_decks_shape() {
        let deck = parse_deck("s.ron", SHAPES.as_bytes()).unwrap().deck;
        let layouts: Vec<Layout> = (0..deck.slide_count())
            .map(|i| layout_of(&deck, i))
            .collect();
        assert_eq!(
            layouts,
            [
                Layout::Title,
                Layout::Default,
                Layout::Section,
                Layout::Section,
                Layout::Default,
                Layout::Default,
                Layout::Title,
            ]
        );
    }

    /// The text lines of a slide's layout below its title, trimmed.
    fn body_text(deck: &Deck, index: usize, size: (u16, u16)) -> Vec<String> {
        layout(deck, index, 0, size, false)
            .body
            .iter()
            .map(|(l, _)| l.text().trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect()
    }

    #[test]
    fn what_goes_under_the_title_follows_the_layout() {
        let deck = parse_deck("s.ron", SHAPES.as_bytes()).unwrap().deck;
        let big = (80, 30);
        // The title slides: the deck's subtitle and author, in large type or not.
        assert_eq!(body_text(&deck, 0, big), ["Sub", "Au"]);
        assert_eq!(body_text(&deck, 6, big), ["Sub", "Au"]);
        assert_eq!(
            body_text(&deck, 0, (30, 8)),
            ["Title", "━━━━━", "Sub", "Au"]
        );
        // A divider that opens its part: the part's subtitle; one in mid-part: nothing.
        assert_eq!(body_text(&deck, 3, big), ["Part B"]);
        assert!(body_text(&deck, 2, big).is_empty());
        // Ordinary slides: their title and rule only.
        assert_eq!(
            body_text(&deck, 4, big),
            ["Chosen default", "━━━━━━━━━━━━━━"]
        );
        assert!(layout(&deck, 0, 0, big, false).big.is_some());
        assert!(layout(&deck, 5, 0, big, false).big.is_none());
    }

    #[test]
    fn large_titles_are_the_audience_windows_and_always_leave_the_body_room() {
        let deck = lecture();
        // "4 March 1953": plain in the presenter, big in the audience window.
        assert!(layout(&deck, 4, 0, (80, 21), false).big.is_none());
        for (w, h) in [(80, 21), (120, 37), (60, 30)] {
            for index in 0..deck.slide_count() {
                let l = layout(&deck, index, 0, (w, h), true);
                if l.big.is_some() && !is_divider(&deck, index) {
                    assert!(
                        l.height() <= usize::from(h),
                        "slide {} at {w}x{h}",
                        index + 1
                    );
                }
            }
        }
        assert!(layout(&deck, 4, 0, (80, 21), true).big.is_some());
        // The decision does not depend on the reveal step, so the title keeps its size.
        assert_eq!(
            layout(&deck, 4, 0, (80, 21), true).height(),
            layout(&deck, 4, 1, (80, 21), true).height()
        );
        // Too short a screen for big text and the body: the plain title.
        assert!(layout(&deck, 4, 0, (80, 12), true).big.is_none());
    }

    #[test]
    fn step_lines_are_what_a_step_adds() {
        let deck = lecture();
        let first: Vec<String> = step_lines(&deck, 4, 1, 66).iter().map(Line::text).collect();
        assert_eq!(
            first.first().map(String::as_str),
            Some("• Stalin NOT in his Kremlin apartment (the first of many lies)")
        );
        assert!(
            step_lines(&deck, 4, 2, 66).is_empty(),
            "slide 5 has two steps"
        );
    }

    #[test]
    fn a_figure_takes_the_room_the_text_leaves_and_no_less_than_its_least() {
        let source = r#"Deck(title: "T", span: "1956", parts: [Part(id: "p", title: "P", slides: [
            Slide(title: "Opening", date: "1956", notes: "n"),
            Slide(title: "Map", date: "1956", notes: "n", body: [
                Text("Two capitals"),
                Pause,
                Map(places: [(name: "Budapest", lat: 47.5, lon: 19.04)]),
            ]),
        ])])"#;
        let deck = parse_deck("t.ron", source.as_bytes()).unwrap().deck;
        for (w, h) in [(60, 30), (100, 40), (60, 12)] {
            let l = layout(&deck, 1, 0, (w, h), false);
            let [f] = l.figures.as_slice() else {
                panic!("one figure: {:?}", l.figures)
            };
            assert!(!f.revealed, "after the pause");
            let rows = usize::from(f.rows);
            assert!(rows >= figure::MIN_ROWS);
            // The whole slide fits when it can; the figure grows with the screen.
            if h > 12 {
                assert!(l.height() <= usize::from(h), "{w}x{h}: {}", l.height());
            }
            assert_eq!((f.x, f.width), (2, w - 4));
            // Its rows hold the stand-in, in the body where the figure starts.
            let text: Vec<String> = l.body[f.row..f.row + rows]
                .iter()
                .map(|(l, _)| l.text())
                .collect();
            assert!(
                text.iter()
                    .any(|t| t.contains("⌖ Budapest 47.50° N 19.04° E")),
                "{text:?}"
            );
        }
        let small = layout(&deck, 1, 1, (60, 30), false).figures[0].rows;
        let large = layout(&deck, 1, 1, (100, 40), false).figures[0].rows;
        assert!(large > small, "{small} then {large}");
        assert!(layout(&deck, 1, 1, (60, 30), false).figures[0].revealed);
    }

    #[test]
    fn an_excerpt_keeps_its_runs_of_spaces() {
        let source = r#"Deck(title: "T", span: "1956", parts: [Part(id: "p", title: "P", slides: [
            Slide(title: "Opening", date: "1956", notes: "n"),
            Slide(title: "Demands", date: "1956", notes: "n", body: [
                Excerpt(lang: "en", text: "1.    Soviet troops out\n14.   A free press"),
            ]),
        ])])"#;
        let deck = parse_deck("t.ron", source.as_bytes()).unwrap().deck;
        let body: Vec<String> = layout(&deck, 1, 0, (80, 24), false)
            .body
            .iter()
            .map(|(l, _)| l.text())
            .collect();
        assert!(
            body.contains(&"▎ 1.    Soviet troops out".to_owned()),
            "{body:?}"
        );
        assert!(
            body.contains(&"▎ 14.   A free press".to_owned()),
            "{body:?}"
        );
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
        let l = layout(&deck, 1, 0, (40, 20), false);
        let body: Vec<String> = l.body.iter().map(|(line, _)| line.text()).collect();
        // Measure 36: two columns of 16 with a gap of 3; the right column starts at 19.
        let rows: Vec<&String> = body.iter().skip(3).collect();
        assert_eq!(rows[0], "Stalin alive:      • Amnesty");
        assert_eq!(rows[1], "the purge looms    • Doctors freed");
        assert_eq!(
            rows[2], "over everyone",
            "no padding where the right column has ended"
        );
    }

    #[test]
    fn the_header_shows_the_date_as_the_deck_names_it() {
        let source = r#"Deck(title: "T", span: "-0100/0100", parts: [Part(id: "p", title: "P", slides: [
            Slide(title: "Opening", date: "-0049", notes: "n"),
            Slide(title: "Caesar", date: "44 BC", date_label: "the Ides of March", notes: "n"),
            Slide(title: "Augustus", date: "AD 14", notes: "n"),
        ])])"#;
        let deck = parse_deck("t.ron", source.as_bytes()).unwrap().deck;
        let header = |index| layout(&deck, index, 0, (80, 24), false).head[0].0.text();
        assert!(header(1).ends_with("the Ides of March"), "{}", header(1));
        assert!(!header(1).contains("44 BC"), "{}", header(1));
        assert!(header(2).ends_with("AD 14"), "{}", header(2));
    }
}
