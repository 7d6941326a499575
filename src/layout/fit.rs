//! Whether each slide fits a screen: every slide laid out, at every reveal step, in each of
//! the layouts a class meets (the audience window; the presenter with its timeline; the
//! presenter with notes and timeline), by the same code that draws them, so what it says is
//! what the class sees: a slide that does not fit scrolls, with `↓ more` on screen.

use super::geometry::{Open, Rect, panes, slide_text_area};
use super::slide::layout;
use crate::deck::{Deck, Slide};

/// A layout a slide is shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// The projector's window: the whole screen but the progress line, large titles.
    Audience,
    /// The presenter with the timeline sidebar (notes closed).
    Timeline,
    /// The presenter with the notes pane and the timeline.
    Notes,
}

impl View {
    /// All three, in the order reports list them.
    pub const ALL: [View; 3] = [View::Audience, View::Timeline, View::Notes];

    /// How the view is called in messages.
    pub fn name(self) -> &'static str {
        match self {
            View::Audience => "the audience window",
            View::Timeline => "the presenter with the timeline",
            View::Notes => "the presenter with notes",
        }
    }

    /// The panes open in this view, and whether titles get large type.
    fn setup(self) -> (Open, bool) {
        match self {
            View::Audience => (Open::default(), true),
            View::Timeline => (
                Open {
                    timeline: true,
                    ..Open::default()
                },
                false,
            ),
            View::Notes => (
                Open {
                    notes: true,
                    timeline: true,
                    notes_rows: 0,
                },
                false,
            ),
        }
    }
}

/// A slide that does not fit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overflow {
    /// 0-based slide index.
    pub slide: usize,
    /// The first reveal step (0-based) at which it does not fit.
    pub step: usize,
    /// Rows more than the screen has for it.
    pub rows_over: usize,
}

/// The slides of `deck` that do not fit `view` on a `width` by `height` screen.
pub fn overflows(deck: &Deck, (width, height): (u16, u16), view: View) -> Vec<Overflow> {
    let (open, large_titles) = view.setup();
    let area = slide_text_area(panes(Rect::new(0, 0, width, height), open).slide);
    let rows = usize::from(area.height);
    deck.slides()
        .enumerate()
        .filter_map(|(index, slide): (usize, &Slide)| {
            (0..slide.steps()).find_map(|step| {
                let l = layout(deck, index, step, (area.width, area.height), large_titles);
                let total = l.height();
                (total > rows).then(|| Overflow {
                    slide: index,
                    step,
                    rows_over: total - rows,
                })
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::parse_deck;

    /// Slide 2 has twenty bullets: too many for 80x24, room to spare at 160x48.
    fn deck() -> Deck {
        let bullets: Vec<String> = (1..=20).map(|i| format!("\"point {i}\"")).collect();
        let source = format!(
            r#"Deck(title: "T", span: "1953", parts: [Part(id: "p", title: "P", slides: [
                Slide(title: "Short", date: "1953-03-05", notes: "n"),
                Slide(title: "Long", date: "1953-03-06", notes: "n", body: [Text("a"), Pause, Bullets([{}])]),
            ])])"#,
            bullets.join(",")
        );
        parse_deck("t.ron", source.as_bytes()).unwrap().deck
    }

    #[test]
    fn a_long_slide_is_flagged_at_80x24_in_every_view_and_not_at_160x48() {
        let deck = deck();
        // 80x24 in the presenter with the timeline: 23 rows above the status bar, less a margin
        // row above and below, leave 21; the slide needs its header (2), title, rule and gap
        // (3), "a", a gap and twenty bullets (22): 27 rows, 6 over.
        assert_eq!(
            overflows(&deck, (80, 24), View::Timeline),
            vec![Overflow {
                slide: 1,
                step: 0,
                rows_over: 6
            }]
        );
        for view in View::ALL {
            let flagged: Vec<usize> = overflows(&deck, (80, 24), view)
                .iter()
                .map(|o| o.slide)
                .collect();
            assert_eq!(flagged, [1], "{}", view.name());
            assert!(
                overflows(&deck, (160, 48), view).is_empty(),
                "{}",
                view.name()
            );
        }
    }
}
