//! The speaker-notes pane: where its parts go (the rule, a header row with the timing and what
//! else the slide carries, the notes with their label column, and what comes next) and the
//! notes as lines: paragraphs with the slides' inline emphasis, and `- ` lines as bullets.
//! `update` reads the same geometry to know how far the notes can scroll.

use super::geometry::Rect;
use super::styled::{Line, Role, Run, prose};
use crate::deck::Slide;
use crate::text::width;

/// Width of the label column ("NOTES", "next ›").
pub const LABEL_W: u16 = 10;

/// The notes pane is at least this wide before the presenter view's "next" preview gets a
/// column of its own beside the notes; narrower, it goes under them.
pub const NEXT_BESIDE_MIN: u16 = 70;

/// Where what comes next goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// One line under the notes: the next slide's title (the single-terminal layout).
    Line(Rect),
    /// A column beside the notes, behind a rule at `rule_x` that continues the timeline's
    /// (`joins_timeline`) or starts under the pane's top rule.
    Beside {
        /// The column.
        area: Rect,
        /// The rule's column.
        rule_x: u16,
        /// Whether the rule continues the timeline sidebar's.
        joins_timeline: bool,
    },
    /// Rows under the notes, lined up with their label column.
    Below(Rect),
}

/// Where each part of the notes pane goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotesPane {
    /// The whole pane; its first row is a rule.
    pub area: Rect,
    /// The header row (timing, sources and corrections), when there is one.
    pub header: Option<Rect>,
    /// The notes' rows: the label column, then the text.
    pub body: Rect,
    /// Where the notes' text goes inside `body`.
    pub text: Rect,
    /// What comes next.
    pub next: Next,
}

/// Lays the pane out in `area`; `timeline` is the sidebar above it, if open; in the
/// `presenter_view` what comes next is a preview of its own; `header` says whether there is a
/// header row to give.
pub fn pane(area: Rect, timeline: Option<Rect>, presenter_view: bool, header: bool) -> NotesPane {
    let inner = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(1),
    );
    let (notes, next) = if !presenter_view {
        let rows = inner.height.saturating_sub(1);
        (
            Rect::new(inner.x, inner.y, inner.width, rows),
            Next::Line(Rect::new(inner.x, inner.y + rows, inner.width, 1)),
        )
    } else if inner.width >= NEXT_BESIDE_MIN {
        // The rule's column: under the timeline's, else a third of the way from the right.
        let (rule_x, joins_timeline) = match timeline {
            Some(side) if side.x > inner.x + 1 && side.x < inner.right() => (side.x, true),
            _ => (inner.right() - inner.width / 3 - 2, false),
        };
        (
            Rect::new(inner.x, inner.y, rule_x - inner.x - 1, inner.height),
            Next::Beside {
                area: Rect::new(
                    rule_x + 2,
                    inner.y,
                    inner.right().saturating_sub(rule_x + 2),
                    inner.height,
                ),
                rule_x,
                joins_timeline,
            },
        )
    } else {
        // Under the notes: a few rows when the pane can spare them, else the one line.
        let next_h = if inner.height >= 7 { 3 } else { 1 };
        let rows = inner.height.saturating_sub(next_h);
        (
            Rect::new(inner.x, inner.y, inner.width, rows),
            Next::Below(Rect::new(inner.x, inner.y + rows, inner.width, next_h)),
        )
    };
    let header_rows = u16::from(header).min(notes.height);
    let body = Rect::new(
        notes.x,
        notes.y + header_rows,
        notes.width,
        notes.height - header_rows,
    );
    NotesPane {
        area,
        header: (header_rows > 0).then(|| Rect::new(notes.x, notes.y, notes.width, 1)),
        body,
        text: Rect::new(
            body.x + 2 + LABEL_W,
            body.y,
            body.width.saturating_sub(LABEL_W + 2),
            body.height,
        ),
        next,
    }
}

/// The notes of `slide` wrapped to `width` cells: paragraphs keep their blank lines, `**bold**`
/// and `*italic*` work as on slides, and a line starting with `- ` is a bullet.
pub fn lines(slide: &Slide, width: usize) -> Vec<Line> {
    let Some(notes) = &slide.notes else {
        return vec![Line::of("(no notes for this slide)", Role::Secondary)];
    };
    let mut out = Vec::new();
    for para in notes.as_str().split('\n') {
        if para.trim().is_empty() {
            out.push(Line::default());
        } else if let Some(item) = para.trim_start().strip_prefix("- ") {
            out.extend(bullet(item, width));
        } else {
            out.extend(prose(para, Role::Body, width));
        }
    }
    out
}

/// A bullet of the notes: a marker, and its lines indented under the text.
fn bullet(item: &str, max_width: usize) -> Vec<Line> {
    let marker = Run::new("• ", Role::Secondary);
    let pad = " ".repeat(width(&marker.text));
    prose(item, Role::Body, max_width.saturating_sub(2).max(1))
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            l.after(if i == 0 {
                marker.clone()
            } else {
                Run::new(pad.clone(), Role::Body)
            })
        })
        .collect()
}

/// How far notes of `total` lines can scroll in `rows` rows.
pub fn max_scroll(total: usize, rows: usize) -> usize {
    total.saturating_sub(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::parse_deck;

    fn slide_with_notes(notes: &str) -> Slide {
        let source = format!(
            r#"Deck(title: "T", span: "1953", parts: [Part(id: "p", title: "P", slides: [
                Slide(title: "A", date: "1953-03-05", notes: r"{notes}"),
            ])])"#
        );
        parse_deck("t.ron", source.as_bytes())
            .unwrap()
            .deck
            .slides()
            .next()
            .unwrap()
            .clone()
    }

    #[test]
    fn notes_keep_paragraphs_emphasis_and_bullets() {
        let slide = slide_with_notes(
            "Say it **plainly**.\n\n- first point that wraps onto a second line\n- second",
        );
        let got = lines(&slide, 24);
        let text: Vec<String> = got.iter().map(Line::text).collect();
        assert_eq!(
            text,
            [
                "Say it plainly.",
                "",
                "• first point that wraps",
                "  onto a second line",
                "• second",
            ]
        );
        let bold = &got[0].runs[1];
        assert_eq!((bold.text.as_str(), bold.emphasis.bold), ("plainly", true));
    }

    #[test]
    fn the_pane_gives_the_header_a_row_and_the_text_its_column() {
        let area = Rect::new(0, 28, 120, 11);
        let p = pane(area, None, false, true);
        assert_eq!(p.header, Some(Rect::new(0, 29, 120, 1)));
        // The rule, the header, then notes down to the "next" line at the bottom.
        assert_eq!(p.body, Rect::new(0, 30, 120, 8));
        assert_eq!(p.text, Rect::new(12, 30, 108, 8));
        assert_eq!(p.next, Next::Line(Rect::new(0, 38, 120, 1)));
        // The presenter view beside a 43-column sidebar: the rule continues the sidebar's.
        let side = Rect::new(77, 0, 43, 28);
        let p = pane(area, Some(side), true, false);
        assert_eq!(p.header, None);
        assert_eq!(p.body, Rect::new(0, 29, 76, 10));
        assert_eq!(
            p.next,
            Next::Beside {
                area: Rect::new(79, 29, 41, 10),
                rule_x: 77,
                joins_timeline: true
            }
        );
        assert_eq!(max_scroll(14, 10), 4);
        assert_eq!(max_scroll(3, 10), 0);
    }
}
