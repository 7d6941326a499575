//! The deck in the order of time: every slide by its date, each standing before, inside or
//! after the deck's span (flashbacks and flash-forwards stand outside it), and the milestones
//! among them. The timeline's SVG and the Markdown handout's dated list read the same order.

use jiff::civil::Date as CivilDate;

use crate::deck::date::human_range;
use crate::deck::{DayRange, Deck};

/// Where a slide's date stands against the deck's span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// Wholly before it: a flashback.
    Before,
    /// Inside it, or overlapping it: drawn on the axis.
    Inside,
    /// Wholly after it: a flash-forward.
    After,
}

/// Where `date` stands against `span`. A date that overlaps the span at all is inside, as the
/// terminal's timeline has it: only a slide wholly outside is drawn at an edge.
pub fn place(span: &DayRange, date: &DayRange) -> Place {
    if date.last < span.first {
        Place::Before
    } else if date.first > span.last {
        Place::After
    } else {
        Place::Inside
    }
}

/// The deck's dated slide indices (0-based) in the order of their dates: by first day, then
/// last day, then deck order, so slides of the same day keep the order the lecture gives them.
/// Undated slides have no place in time and are left out.
pub fn by_date(deck: &Deck) -> Vec<usize> {
    let mut order: Vec<(DayRange, usize)> = deck
        .slides()
        .enumerate()
        .filter_map(|(i, s)| Some((s.range()?, i)))
        .collect();
    order.sort_by_key(|&(r, i)| (r.first, r.last, i));
    order.into_iter().map(|(_, i)| i).collect()
}

/// The whole years a range touches, in words: `1936–1939`, `1937`, `50–44 BC`.
pub fn years(range: &DayRange) -> String {
    human_range(&DayRange {
        first: year_start(range.first.year()),
        last: year_end(range.last.year()),
    })
}

/// A year in words: `1953`, `44 BC`, `AD 14`.
pub fn year(year: i16) -> String {
    human_range(&DayRange {
        first: year_start(year),
        last: year_end(year),
    })
}

/// 1 January of `year` (astronomical), clamped to the years a deck date can hold.
pub fn year_start(year: i16) -> CivilDate {
    CivilDate::new(year.clamp(-9999, 9999), 1, 1).unwrap_or(CivilDate::MIN)
}

/// 31 December of `year` (astronomical), clamped to the years a deck date can hold.
pub fn year_end(year: i16) -> CivilDate {
    CivilDate::new(year.clamp(-9999, 9999), 12, 31).unwrap_or(CivilDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::{DeckDate, parse_deck};

    fn range(text: &str) -> DayRange {
        DeckDate::parse(text).unwrap().range
    }

    #[test]
    fn a_date_is_outside_only_when_wholly_outside() {
        let span = range("1952/1956");
        assert_eq!(place(&span, &range("1937-07-30")), Place::Before);
        assert_eq!(place(&span, &range("1951-12-31")), Place::Before);
        assert_eq!(place(&span, &range("1952-01-01")), Place::Inside);
        assert_eq!(place(&span, &range("1950/1952")), Place::Inside);
        assert_eq!(place(&span, &range("1956-12-31")), Place::Inside);
        assert_eq!(place(&span, &range("1957-01-01")), Place::After);
        assert_eq!(place(&span, &range("1971-01-03")), Place::After);
    }

    #[test]
    fn slides_by_first_day_then_last_then_deck_order() {
        let source = r#"Deck(title: "T", span: "1953", parts: [Part(id: "p", title: "P", slides: [
            Slide(title: "a", date: "1953-03"),
            Slide(title: "b", date: "1953-03-05"),
            Slide(title: "c", date: "1953-03-01"),
            Slide(title: "d", date: "1953-03-01"),
            Slide(title: "e", date: "1937", flashback: true),
        ])])"#;
        let deck = parse_deck("t.ron", source.as_bytes()).unwrap().deck;
        // `c` and `d` share a day and keep deck order; the whole of March starts that day too
        // but ends later, so it comes after them.
        assert_eq!(by_date(&deck), [4, 2, 3, 0, 1]);
    }

    #[test]
    fn years_in_words_of_any_era() {
        assert_eq!(years(&range("1936-05/1939-02")), "1936–1939");
        assert_eq!(years(&range("1937-07-30")), "1937");
        assert_eq!(years(&range("50 BC/44 BC")), "50–44 BC");
        assert_eq!(year(14), "AD 14");
        assert_eq!(year(-43), "44 BC");
    }
}
