//! The deck's dates, indexed for the date jump: which slides a query matches and where a jump
//! lands, by the rule in the fact sheet (§4):
//!
//! 1. the query is a range of days (a day, a month, a season, a year);
//! 2. primary matches are slides whose date lies entirely inside it;
//! 3. secondary matches are slides whose date or span overlaps it;
//! 4. the jump lands on the first primary match in deck order, else on the narrowest
//!    secondary match (ties broken by deck order);
//! 5. the result list shows primaries in deck order, then secondaries in deck order.

use super::date::DayRange;
use super::model::Deck;

/// Slides sorted by date, built once per deck so each keystroke in the date prompt is a binary
/// search rather than a scan.
#[derive(Clone, Debug, Default)]
pub struct DateIndex {
    /// (date range, slide index), sorted by the date's first day.
    by_date: Vec<(DayRange, usize)>,
    /// (extent: date widened by span, slide index), sorted by the extent's first day.
    by_extent: Vec<(DayRange, usize)>,
    /// Each slide's date and optional span, by slide index.
    ranges: Vec<(DayRange, Option<DayRange>)>,
}

/// What a date query matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMatch {
    /// Where a jump lands (0-based slide index).
    pub target: usize,
    /// Slides dated inside the query, in deck order.
    pub primary: Vec<usize>,
    /// Other slides whose date or span overlaps the query, in deck order.
    pub secondary: Vec<usize>,
}

impl DateMatch {
    /// Every matched slide: primaries, then secondaries.
    pub fn all(&self) -> impl Iterator<Item = usize> + '_ {
        self.primary.iter().chain(&self.secondary).copied()
    }
}

impl DateIndex {
    /// Indexes a deck's slides.
    pub fn new(deck: &Deck) -> DateIndex {
        let ranges: Vec<(DayRange, Option<DayRange>)> = deck
            .slides()
            .map(|s| (s.date.range, s.span.as_ref().map(|d| d.range)))
            .collect();
        let mut by_date: Vec<(DayRange, usize)> = ranges
            .iter()
            .enumerate()
            .map(|(i, (d, _))| (*d, i))
            .collect();
        by_date.sort();
        let mut by_extent: Vec<(DayRange, usize)> = ranges
            .iter()
            .enumerate()
            .map(|(i, (d, s))| (s.map_or(*d, |s| d.union(&s)), i))
            .collect();
        by_extent.sort();
        DateIndex {
            by_date,
            by_extent,
            ranges,
        }
    }

    /// The slides a query matches, or `None` when it matches nothing.
    pub fn lookup(&self, query: &DayRange) -> Option<DateMatch> {
        let from = self.by_date.partition_point(|(d, _)| d.first < query.first);
        let to = self.by_date.partition_point(|(d, _)| d.first <= query.last);
        let mut primary: Vec<usize> = self.by_date[from..to]
            .iter()
            .filter(|(d, _)| d.last <= query.last)
            .map(|(_, i)| *i)
            .collect();
        primary.sort_unstable();

        let end = self
            .by_extent
            .partition_point(|(e, _)| e.first <= query.last);
        let mut secondary: Vec<usize> = self.by_extent[..end]
            .iter()
            .filter(|(e, i)| e.last >= query.first && !primary.contains(i))
            .map(|(_, i)| *i)
            .filter(|i| self.narrowest_overlap(*i, *query).is_some())
            .collect();
        secondary.sort_unstable();

        let target = match primary.first() {
            Some(first) => *first,
            None => *secondary
                .iter()
                .min_by_key(|i| (self.narrowest_overlap(**i, *query), **i))?,
        };
        Some(DateMatch {
            target,
            primary,
            secondary,
        })
    }

    /// The width in days of the narrowest of a slide's ranges (date, span) that overlap `query`.
    fn narrowest_overlap(&self, slide: usize, query: DayRange) -> Option<i64> {
        let (date, span) = self.ranges.get(slide)?;
        [Some(*date), *span]
            .into_iter()
            .flatten()
            .filter(|r| r.overlaps(&query))
            .map(|r| r.days())
            .min()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::deck::{DateQuery, parse_deck};

    /// A deck built to exercise the rule: two slides on one day, a month, a span-only overlap,
    /// and a wide span.
    const FIXTURE: &str = r#"Deck(
    title: "Rule", span: "1953/1956",
    parts: [Part(id: "p", title: "P", slides: [
        Slide(title: "s1 whole 1953", date: "1953", notes: "n"),
        Slide(title: "s2 March 1953", date: "1953-03", notes: "n"),
        Slide(title: "s3 4 March", date: "1953-03-04", span: "1953-03-01/1953-03-04", notes: "n"),
        Slide(title: "s4 4 March too", date: "1953-03-04", notes: "n"),
        Slide(title: "s5 June, span to July", date: "1953-06-26", span: "1953-06-26/1953-07-07", notes: "n"),
        Slide(title: "s6 1955/1956", date: "1955-12-31/1956-02-09", notes: "n"),
        Slide(title: "s7 1956, wide span", date: "1956-06", span: "1956-01/1956-12", notes: "n"),
    ])],
)"#;

    fn lookup(query: &str) -> Option<DateMatch> {
        let deck = parse_deck("f.ron", FIXTURE.as_bytes()).unwrap().deck;
        let range = DateQuery::parse(query).unwrap().range;
        DateIndex::new(&deck).lookup(&range)
    }

    #[test]
    fn a_day_lands_on_the_first_slide_dated_that_day() {
        let m = lookup("4 March 1953").unwrap();
        assert_eq!(m.target, 2);
        assert_eq!(m.primary, vec![2, 3]);
        // The month and the year overlap the day but are not inside it.
        assert_eq!(m.secondary, vec![0, 1]);
    }

    #[test]
    fn a_month_lands_on_the_first_slide_inside_it_in_deck_order() {
        let m = lookup("March 1953").unwrap();
        assert_eq!(
            m.target, 1,
            "the month-dated slide comes first in deck order"
        );
        assert_eq!(m.primary, vec![1, 2, 3]);
    }

    #[test]
    fn with_no_primary_the_narrowest_overlap_wins() {
        // 2 March 1953 is inside s3's span (4 days), s2's month (31) and s1's year (365).
        let m = lookup("2 March 1953").unwrap();
        assert!(m.primary.is_empty());
        assert_eq!(m.target, 2);
        assert_eq!(m.secondary, vec![0, 1, 2]);
    }

    #[test]
    fn span_only_overlap_counts_as_secondary() {
        // 1 July 1953 is inside s5's span only (and s1's year).
        let m = lookup("1 July 1953").unwrap();
        assert_eq!(m.target, 4);
        assert_eq!(m.secondary, vec![0, 4]);
    }

    #[test]
    fn ties_in_width_go_to_deck_order() {
        // January 1956 overlaps s6's date (41 days) and s7's span (366 days): s6 is narrower.
        assert_eq!(lookup("1956-01").unwrap().target, 5);
        // 1954 overlaps nothing.
        assert_eq!(lookup("1954"), None);
    }

    #[test]
    fn interval_dates_must_lie_wholly_inside_to_be_primary() {
        let m = lookup("February 1956").unwrap();
        assert!(m.primary.is_empty(), "s6 starts in December 1955");
        assert_eq!(m.target, 5);
        let m = lookup("winter 1956").unwrap();
        assert_eq!(m.primary, vec![5]);
    }

    proptest! {
        #[test]
        fn lookup_agrees_with_a_plain_scan(y in 1952i16..1958, m in 1i8..=12) {
            let deck = parse_deck("f.ron", FIXTURE.as_bytes()).unwrap().deck;
            let q = DateQuery::parse(&format!("{y}-{m:02}")).unwrap().range;
            let slides: Vec<_> = deck.slides().collect();
            let primary: Vec<usize> = (0..slides.len())
                .filter(|&i| slides[i].date.range.is_within(&q))
                .collect();
            let secondary: Vec<usize> = (0..slides.len())
                .filter(|&i| !primary.contains(&i))
                .filter(|&i| slides[i].date.range.overlaps(&q)
                    || slides[i].span.as_ref().is_some_and(|s| s.range.overlaps(&q)))
                .collect();
            let got = DateIndex::new(&deck).lookup(&q);
            if primary.is_empty() && secondary.is_empty() {
                prop_assert_eq!(got, None);
            } else {
                let got = got.unwrap();
                prop_assert_eq!(&got.primary, &primary);
                prop_assert_eq!(&got.secondary, &secondary);
            }
        }
    }
}
