//! What a handout holds, whatever its format: the options (speaker notes, the errata), each
//! slide with its number, part and place against the deck's span, and the words both formats
//! use for them, so the HTML and the Markdown handouts say the same things.

use std::collections::HashMap;

use super::chronology::{Place, place};
use crate::deck::picture::Picture;
use crate::deck::{Deck, Milestone, Part, Slide};
use crate::layout::roman;

/// What a handout adds to the slides.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Each slide's speaker notes and sources under it.
    pub notes: bool,
    /// An appendix of the corrections the deck records.
    pub corrections: bool,
}

/// The pictures a handout embeds, by their paths as the deck writes them: read at the edge
/// (the command), so the exporters stay free of files. A path missing here shows its alt text.
pub type Pictures = HashMap<String, Picture>;

/// A slide as a handout lists it.
#[derive(Clone, Copy, Debug)]
pub struct Entry<'a> {
    /// 1-based, as the presenter numbers slides.
    pub number: usize,
    /// Its part's index (0-based).
    pub part: usize,
    /// The slide.
    pub slide: &'a Slide,
    /// Where its date stands against the deck's span.
    pub place: Place,
}

/// Every slide of `deck` in deck order.
pub fn entries(deck: &Deck) -> Vec<Entry<'_>> {
    deck.slides()
        .enumerate()
        .map(|(i, slide)| Entry {
            number: i + 1,
            part: deck.part_of(i),
            slide,
            // An undated slide is no flashback: it stands where the lecture puts it.
            place: slide
                .range()
                .map_or(Place::Inside, |r| place(&deck.span.range, &r)),
        })
        .collect()
}

/// The slides of part `p`.
pub fn entries_of<'a>(entries: &'a [Entry<'a>], p: usize) -> impl Iterator<Item = &'a Entry<'a>> {
    entries.iter().filter(move |e| e.part == p)
}

/// `Part I`, `Part II`.
pub fn part_label(p: usize) -> String {
    format!("Part {}", roman(p + 1))
}

/// `Part II · The second death`.
pub fn part_heading(p: usize, part: &Part) -> String {
    format!("{} · {}", part_label(p), part.title.as_str())
}

/// What a slide outside the span is called: `flashback`, `flash-forward`; nothing inside.
pub fn place_word(place: Place) -> Option<&'static str> {
    match place {
        Place::Before => Some("flashback"),
        Place::Inside => None,
        Place::After => Some("flash-forward"),
    }
}

/// `46 · Part II`, and `· flashback` for a slide outside the span.
pub fn slide_label(entry: &Entry) -> String {
    let mut label = format!("{} · {}", entry.number, part_label(entry.part));
    if let Some(word) = place_word(entry.place) {
        label.push_str(" · ");
        label.push_str(word);
    }
    label
}

/// The milestone a slide is dated on, if any: the same day (or month, or year) exactly.
pub fn milestone_of<'a>(deck: &'a Deck, slide: &Slide) -> Option<&'a Milestone> {
    deck.milestones
        .iter()
        .find(|m| slide.range() == Some(m.date.range))
}

/// `3 corrections on 2 slides`.
pub fn errata_count(deck: &Deck) -> String {
    let total: usize = deck.slides().map(|s| s.corrections.len()).sum();
    let slides = deck.slides().filter(|s| !s.corrections.is_empty()).count();
    format!(
        "{total} correction{} on {slides} slide{}",
        if total == 1 { "" } else { "s" },
        if slides == 1 { "" } else { "s" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::parse_deck;

    #[test]
    fn entries_carry_number_part_and_place() {
        let source = r#"Deck(title: "T", span: "1953", parts: [
            Part(id: "a", title: "A", slides: [Slide(title: "x", date: "1953-03-05")]),
            Part(id: "b", title: "B", slides: [
                Slide(title: "y", date: "1937", flashback: true, corrections: [(was: "1", now: "2")]),
                Slide(title: "z", date: "1971", flashback: true),
            ]),
        ])"#;
        let deck = parse_deck("t.ron", source.as_bytes()).unwrap().deck;
        let all = entries(&deck);
        let labels: Vec<String> = all.iter().map(slide_label).collect();
        assert_eq!(
            labels,
            [
                "1 · Part I",
                "2 · Part II · flashback",
                "3 · Part II · flash-forward"
            ]
        );
        assert_eq!(entries_of(&all, 1).count(), 2);
        assert_eq!(part_heading(1, &deck.parts[1]), "Part II · B");
        assert_eq!(errata_count(&deck), "1 correction on 1 slide");
    }

    #[test]
    fn a_slide_dated_on_a_milestone_names_it() {
        let source = r#"Deck(title: "T", span: "1953", milestones: [
            (date: "1953-03-05", label: "Stalin dies"),
        ], parts: [Part(id: "a", title: "A", slides: [
            Slide(title: "x", date: "1953-03-05"),
            Slide(title: "y", date: "1953-03"),
        ])])"#;
        let deck = parse_deck("t.ron", source.as_bytes()).unwrap().deck;
        let slides: Vec<_> = deck.slides().collect();
        let label = milestone_of(&deck, slides[0]).map(|m| m.label.as_str());
        assert_eq!(label, Some("Stalin dies"));
        assert!(
            milestone_of(&deck, slides[1]).is_none(),
            "a month is not the day"
        );
    }
}
