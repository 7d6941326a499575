//! The slide's details overlay (`e`): its sources and the corrections made to it as the
//! lecturer keeps them (what the original read, what the deck says now, why), laid out for the
//! box the overlay draws. The audience never sees them.

use super::geometry::Rect;
use super::styled::{Line, Role, Run, plain};
use crate::deck::Slide;

/// The widest the overlay gets.
const MAX_WIDTH: u16 = 84;

/// Width of the labels before a correction's lines (`was`, `now`, `why`).
const LABEL_W: usize = 6;

/// The overlay's box on a `screen` (borders included): centred, a third of the way down.
pub fn frame(screen: Rect) -> Rect {
    let w = MAX_WIDTH.min(screen.width);
    let h = screen.height.saturating_sub(4).max(screen.height.min(6));
    Rect::new(
        screen.x + (screen.width - w) / 2,
        screen.y + (screen.height - h) / 3,
        w,
        h,
    )
}

/// The rows inside the box that hold lines (borders and the footer row left out).
pub fn text_area(frame: Rect) -> Rect {
    Rect::new(
        frame.x + 2,
        frame.y + 1,
        frame.width.saturating_sub(4),
        frame.height.saturating_sub(3),
    )
}

/// The sources and corrections of `slide` as lines `width` cells wide.
pub fn lines(slide: &Slide, width: usize) -> Vec<Line> {
    let mut out = Vec::new();
    if slide.sources.is_empty() && slide.corrections.is_empty() {
        out.push(Line::of(
            "This slide has no sources or corrections.",
            Role::Secondary,
        ));
        return out;
    }
    if !slide.sources.is_empty() {
        out.push(Line::of("SOURCES", Role::Secondary));
        for s in &slide.sources {
            out.extend(hanging("• ", s.as_str(), Role::Body, width));
        }
    }
    if !slide.corrections.is_empty() {
        if !out.is_empty() {
            out.push(Line::default());
        }
        let n = slide.corrections.len();
        out.push(Line::of(format!("CORRECTIONS ({n})"), Role::Secondary));
        for (i, c) in slide.corrections.iter().enumerate() {
            if i > 0 {
                out.push(Line::default());
            }
            out.extend(labelled("was", c.was.as_str(), Role::Secondary, width));
            out.extend(labelled("now", c.now.as_str(), Role::Body, width));
            if let Some(why) = &c.why {
                out.extend(labelled("why", why.as_str(), Role::Secondary, width));
            }
        }
    }
    out
}

/// `text` wrapped after `lead`, its other lines indented to match.
fn hanging(lead: &str, text: &str, role: Role, width: usize) -> Vec<Line> {
    let pad = " ".repeat(crate::text::width(lead));
    plain(text, role, width.saturating_sub(pad.len()).max(1))
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            l.after(if i == 0 {
                Run::new(lead, Role::Accent)
            } else {
                Run::new(pad.clone(), Role::Body)
            })
        })
        .collect()
}

/// A correction's line: its label, then the text wrapped beside it.
fn labelled(label: &str, text: &str, role: Role, width: usize) -> Vec<Line> {
    let lead = format!("{label:<LABEL_W$}");
    hanging(&lead, text, role, width)
        .into_iter()
        .map(|mut l| {
            if let Some(first) = l.runs.first_mut()
                && first.role == Role::Accent
            {
                first.role = Role::Secondary;
            }
            l
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::parse_deck;

    #[test]
    fn sources_then_corrections_each_labelled() {
        let source = r#"Deck(title: "T", span: "1953", parts: [Part(id: "p", title: "P", slides: [
            Slide(title: "A", date: "1953-03-04", notes: "n", sources: ["FRUS, doc. 547"],
                corrections: [
                    (was: "3 March 1943", now: "4 March 1953", why: "off by a decade"),
                    (was: "difficulties", now: "difficulty"),
                ]),
        ])])"#;
        let deck = parse_deck("t.ron", source.as_bytes()).unwrap().deck;
        let text: Vec<String> = lines(deck.slide(0).unwrap(), 40)
            .iter()
            .map(Line::text)
            .collect();
        assert_eq!(
            text,
            [
                "SOURCES",
                "• FRUS, doc. 547",
                "",
                "CORRECTIONS (2)",
                "was   3 March 1943",
                "now   4 March 1953",
                "why   off by a decade",
                "",
                "was   difficulties",
                "now   difficulty",
            ]
        );
    }

    #[test]
    fn the_box_is_at_most_84_wide_and_leaves_rows_above_and_below() {
        assert_eq!(frame(Rect::new(0, 0, 80, 24)), Rect::new(0, 1, 80, 20));
        let f = frame(Rect::new(0, 0, 120, 40));
        assert_eq!(f, Rect::new(18, 1, 84, 36));
        // Inside the border, with the last row kept for the footer.
        assert_eq!(text_area(f), Rect::new(20, 2, 80, 33));
    }
}
