//! The deck's dates, indexed for the date jump: which slides a query matches and where a jump
//! lands, by this rule, extended to circa dates:
//!
//! 1. the query is a range of days (a day, a month, a season, a year, a decade, a century; a
//!    circa query is its loose range);
//! 2. primary matches are slides whose date, as written, lies entirely inside it;
//! 3. secondary matches are slides whose date or span, as written, overlaps it;
//! 4. approximate matches are the other slides whose date or span overlaps it once a circa end
//!    is widened by the rule in `date.rs` (a day ±7 days, a month ±2 months, a year ±5 years or
//!    ±50 for a round hundred, a decade ±5 years, a century ±25 years);
//! 5. the jump lands on the first primary match in deck order, else on the narrowest
//!    secondary match, else on the narrowest approximate match (measured widened); ties go to
//!    deck order;
//! 6. the result list shows primaries, then secondaries, then approximate matches, each in
//!    deck order.
//!
//! A query without a year (`23 Oct`, `June`, `autumn`) is read in every year of the deck's
//! span ([`DateQuery::resolve`]); each reading that matches a slide is offered, earliest first,
//! and the jump takes the one it lands on most closely: a reading with a slide dated inside it
//! first, then one whose target overlaps it as written, then loosely; among those the
//! narrowest overlap; ties to the earlier year. So `23 Oct` in a deck on 1952–1956 lands on
//! Hungary in 1956, not on a slide dated "October 1952".
//!
//! A slide without a `date` is not in the index: no query matches it and no jump lands on it,
//! whatever its neighbours' dates (borrowing one would make a title slide answer "1953"). The
//! sidebar follows the same rule: an undated slide has no row (`layout/timeline.rs`).

use super::date::{Candidate, DateQuery, DayRange, DeckDate, Resolved, year_text, years_text};
use super::model::Deck;

/// Slides sorted by date, built once per deck so each keystroke in the date prompt is a binary
/// search rather than a scan.
#[derive(Clone, Debug, Default)]
pub struct DateIndex {
    /// (date range, slide index), sorted by the date's first day.
    by_date: Vec<(DayRange, usize)>,
    /// (extent: date widened by span, slide index), sorted by the extent's first day.
    by_extent: Vec<(DayRange, usize)>,
    /// (loose extent: the extent with circa ends widened, slide index), sorted by its first
    /// day; only slides with a circa date or span.
    by_loose: Vec<(DayRange, usize)>,
    /// Each slide's date and optional span, by slide index; `None` for an undated slide.
    ranges: Vec<Option<Dated>>,
    /// Each slide's loose date and optional loose span, by slide index.
    loose: Vec<Option<Dated>>,
}

/// A slide's date and its optional span, as day ranges.
type Dated = (DayRange, Option<DayRange>);

/// What a date query matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMatch {
    /// Where a jump lands (0-based slide index).
    pub target: usize,
    /// Slides dated inside the query, in deck order.
    pub primary: Vec<usize>,
    /// Other slides whose date or span overlaps the query, in deck order.
    pub secondary: Vec<usize>,
    /// Other slides whose circa date or span overlaps the query only once widened, in deck
    /// order.
    pub approximate: Vec<usize>,
}

impl DateMatch {
    /// Every matched slide: primaries, then secondaries, then approximate matches.
    pub fn all(&self) -> impl Iterator<Item = usize> + '_ {
        self.primary
            .iter()
            .chain(&self.secondary)
            .chain(&self.approximate)
            .copied()
    }
}

/// What a typed query finds: each of its readings that matches a slide, and the one a jump
/// takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// (reading, what it matches), earliest first: one for a query with a year; for a query
    /// without one, every year of the deck's span in which it matches a slide.
    pub readings: Vec<(Candidate, DateMatch)>,
    /// Which reading the jump takes (see the module header); 0 when there is one.
    pub best: usize,
    /// A query without a year as the prompt names it (`23 October`), when it had several
    /// readings; `None` for one with a year.
    pub year_less: Option<String>,
}

impl DateIndex {
    /// What `input`, as typed, matches in a deck whose timeline spans `span`: a query with a
    /// year is read once; one without a year in each year of the span. The error says why
    /// nothing matches in at most [`super::date::QUERY_MESSAGE_WIDTH`] columns.
    pub fn find(&self, input: &str, span: &DayRange) -> Result<Found, String> {
        let (candidates, year_less) = match DateQuery::resolve(input, span)? {
            Resolved::One(candidate) => (vec![candidate], false),
            Resolved::Several(candidates) => (candidates, true),
        };
        // What was asked, in words: a reading's label, without its year when it had none. A
        // year-less reading's label is its text and then its year: `23 October 1956`.
        let asked = candidates.first().map_or(String::new(), |c| {
            if year_less {
                let year = year_text(c.range.last.year());
                c.label
                    .strip_suffix(&year)
                    .unwrap_or(&c.label)
                    .trim_end()
                    .to_owned()
            } else {
                c.label.clone()
            }
        });
        let readings: Vec<(Candidate, DateMatch)> = candidates
            .into_iter()
            .filter_map(|c| {
                let found = self.lookup(&c.range)?;
                Some((c, found))
            })
            .collect();
        if readings.is_empty() {
            return Err(if year_less {
                let years = years_text(span.first.year(), span.last.year());
                format!("no slide is dated around {asked} in {years}")
            } else {
                format!("no slide is dated in or around {asked}")
            });
        }
        let best = (0..readings.len())
            .min_by_key(|&r| {
                let (c, m) = &readings[r];
                let (tier, ranges) = if !m.primary.is_empty() {
                    (0, &self.ranges)
                } else if m.secondary.contains(&m.target) {
                    (1, &self.ranges)
                } else {
                    (2, &self.loose)
                };
                (tier, narrowest_overlap(ranges, m.target, c.range), r)
            })
            .unwrap_or(0);
        Ok(Found {
            best,
            year_less: (year_less && readings.len() > 1).then_some(asked),
            readings,
        })
    }

    /// Indexes a deck's slides; undated slides are left out.
    pub fn new(deck: &Deck) -> DateIndex {
        let ranges: Vec<Option<Dated>> = deck
            .slides()
            .map(|s| Some((s.range()?, s.span.as_ref().map(|d| d.range))))
            .collect();
        let dated = || {
            ranges
                .iter()
                .enumerate()
                .filter_map(|(i, r)| Some((i, (*r)?)))
        };
        let mut by_date: Vec<(DayRange, usize)> = dated().map(|(i, (d, _))| (d, i)).collect();
        by_date.sort();
        let mut by_extent: Vec<(DayRange, usize)> = dated()
            .map(|(i, (d, s))| (s.map_or(d, |s| d.union(&s)), i))
            .collect();
        by_extent.sort();
        let loose: Vec<Option<Dated>> = deck
            .slides()
            .map(|s| {
                Some((
                    s.date.as_ref()?.loose_range(),
                    s.span.as_ref().map(DeckDate::loose_range),
                ))
            })
            .collect();
        let mut by_loose: Vec<(DayRange, usize)> = deck
            .slides()
            .zip(&loose)
            .enumerate()
            .filter(|(_, (s, _))| {
                s.date.as_ref().is_some_and(|d| d.approximate)
                    || s.span.as_ref().is_some_and(|d| d.approximate)
            })
            .filter_map(|(i, (_, l))| {
                let (d, s) = (*l)?;
                Some((s.map_or(d, |s| d.union(&s)), i))
            })
            .collect();
        by_loose.sort();
        DateIndex {
            by_date,
            by_extent,
            by_loose,
            ranges,
            loose,
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
            .filter(|i| narrowest_overlap(&self.ranges, *i, *query).is_some())
            .collect();
        secondary.sort_unstable();

        let end = self
            .by_loose
            .partition_point(|(e, _)| e.first <= query.last);
        let mut approximate: Vec<usize> = self.by_loose[..end]
            .iter()
            .filter(|(e, i)| e.last >= query.first && !primary.contains(i))
            .map(|(_, i)| *i)
            .filter(|i| !secondary.contains(i))
            .filter(|i| narrowest_overlap(&self.loose, *i, *query).is_some())
            .collect();
        approximate.sort_unstable();

        let narrowest = |among: &[usize], ranges| {
            among
                .iter()
                .min_by_key(|i| (narrowest_overlap(ranges, **i, *query), **i))
                .copied()
        };
        let target = primary
            .first()
            .copied()
            .or_else(|| narrowest(&secondary, &self.ranges))
            .or_else(|| narrowest(&approximate, &self.loose))?;
        Some(DateMatch {
            target,
            primary,
            secondary,
            approximate,
        })
    }
}

/// The width in days of the narrowest of a slide's ranges (date, span) that overlap `query`.
fn narrowest_overlap(ranges: &[Option<Dated>], slide: usize, query: DayRange) -> Option<i64> {
    let (date, span) = ranges.get(slide).copied().flatten()?;
    [Some(date), span]
        .into_iter()
        .flatten()
        .filter(|r| r.overlaps(&query))
        .map(|r| r.days())
        .min()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::deck::{DateQuery, parse_deck};

    /// A deck built to exercise the rule: two slides on one day, a month, a span-only overlap,
    /// a wide span, and an undated slide, which nothing matches.
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
        Slide(title: "s8 undated", notes: "n"),
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
    fn an_undated_slide_is_never_matched() {
        for query in ["1953", "1956", "winter 1956", "4 March 1953", "1956-06"] {
            let m = lookup(query).unwrap();
            assert!(!m.all().any(|i| i == 7), "{query}: {m:?}");
        }
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

    /// Circa dates: exact 1066 (loose 1061–1071), exact 1070, March 1069 (loose January to May),
    /// c. 1000 (a round hundred: loose 950–1050), a slide of 1045 whose span `c. 1040/1050`
    /// widens to 1035–1050, and an undated slide between them.
    const CIRCA: &str = r#"Deck(
    title: "Circa", span: "1000/1100",
    parts: [Part(id: "p", title: "P", slides: [
        Slide(title: "a0", date: "c. 1066", notes: "n"),
        Slide(title: "a1", date: "1070", notes: "n"),
        Slide(title: "a2", date: "c. 1069-03", notes: "n"),
        Slide(title: "a3", date: "c. 1000", notes: "n"),
        Slide(title: "a4", date: "1045", span: "c. 1040/1050", notes: "n"),
        Slide(title: "a5 undated", notes: "n"),
    ])],
)"#;

    fn lookup_circa(query: &str) -> Option<DateMatch> {
        let deck = parse_deck("c.ron", CIRCA.as_bytes()).unwrap().deck;
        let range = DateQuery::parse(query).unwrap().range;
        DateIndex::new(&deck).lookup(&range)
    }

    #[test]
    fn a_circa_date_matches_exactly_as_written() {
        let m = lookup_circa("1066").unwrap();
        assert_eq!((m.target, m.primary, m.secondary), (0, vec![0], vec![]));
        assert!(m.approximate.is_empty());
    }

    #[test]
    fn a_circa_date_matches_loosely_after_every_exact_match() {
        // 1069 holds a2 (March 1069) exactly; a0 is c. 1066, so only loosely.
        let m = lookup_circa("1069").unwrap();
        assert_eq!((m.target, &m.primary), (2, &vec![2]));
        assert_eq!(m.approximate, vec![0]);
        assert_eq!(m.all().collect::<Vec<_>>(), vec![2, 0]);
    }

    #[test]
    fn with_only_loose_matches_the_narrowest_wins() {
        // 1068 touches only a0's loose range.
        let m = lookup_circa("1068").unwrap();
        assert_eq!((m.target, m.primary, m.secondary), (0, vec![], vec![]));
        assert_eq!(m.approximate, vec![0]);
        // April 1069 is in a0's loose 11 years and a2's loose 5 months: a2 is narrower.
        let m = lookup_circa("April 1069").unwrap();
        assert_eq!((m.target, m.approximate), (2, vec![0, 2]));
        // 1036 is in a3's loose 101 years and a4's loose span of 16 years.
        let m = lookup_circa("1036").unwrap();
        assert_eq!((m.target, m.approximate), (4, vec![3, 4]));
    }

    #[test]
    fn an_exact_overlap_beats_a_narrower_loose_one() {
        // 1047 is inside a4's span as written (11 years) and a3's loose range (101 years).
        let m = lookup_circa("1047").unwrap();
        assert_eq!(
            (m.target, m.secondary, m.approximate),
            (4, vec![4], vec![3])
        );
        assert_eq!(lookup_circa("1200"), None);
    }

    #[test]
    fn a_circa_query_is_its_loose_range() {
        // c. 1066 asks about 1061–1071, which holds a0, a1 and a2 whole.
        let m = lookup_circa("c. 1066").unwrap();
        assert_eq!((m.target, m.primary), (0, vec![0, 1, 2]));
    }

    /// What `find` says, in short: each reading's label and target, the best, the year-less text.
    type Short = (Vec<(String, usize)>, usize, Option<String>);

    /// `find` on the fixture, within its span.
    fn find(query: &str) -> Result<Short, String> {
        let deck = parse_deck("f.ron", FIXTURE.as_bytes()).unwrap().deck;
        let found = DateIndex::new(&deck).find(query, &deck.span.range)?;
        let readings = (found.readings.iter())
            .map(|(c, m)| (c.label.clone(), m.target))
            .collect();
        Ok((readings, found.best, found.year_less))
    }

    #[test]
    fn a_query_with_a_year_has_one_reading() {
        let (readings, best, year_less) = find("4 March 1953").unwrap();
        assert_eq!(readings, [("4 March 1953".to_owned(), 2)]);
        assert_eq!((best, year_less), (0, None));
    }

    #[test]
    fn a_year_less_query_is_offered_in_every_year_it_lands_in() {
        // 4 March 1953 holds s3 and s4; 4 March 1956 only touches s7's span; 1954 and 1955
        // hold nothing, and 1952 is before the span.
        let (readings, best, year_less) = find("4 March").unwrap();
        assert_eq!(
            readings,
            [
                ("4 March 1953".to_owned(), 2),
                ("4 March 1956".to_owned(), 6)
            ]
        );
        assert_eq!((best, year_less.as_deref()), (0, Some("4 March")));
    }

    #[test]
    fn the_jump_takes_the_year_it_lands_on_most_closely_not_the_first() {
        // February 1953 only overlaps s1's year (365 days); February 1956 overlaps s6's date
        // (41 days): no slide is dated inside either, and 1956 is the narrower.
        let (readings, best, _) = find("February").unwrap();
        assert_eq!(
            readings,
            [
                ("February 1953".to_owned(), 0),
                ("February 1956".to_owned(), 5)
            ]
        );
        assert_eq!(best, 1);
        // A slide dated inside the reading beats any overlap: June 1953 holds s5, June 1956
        // holds s7 whole; both are inside, and the narrower target (a day) wins.
        let (readings, best, _) = find("June").unwrap();
        assert_eq!(
            readings,
            [("June 1953".to_owned(), 4), ("June 1956".to_owned(), 6)]
        );
        assert_eq!(best, 0);
    }

    #[test]
    fn a_year_less_query_in_a_deck_of_one_autumn_has_one_reading() {
        let deck = parse_deck(
            "a.ron",
            br#"Deck(title: "1956", span: "1956-09/1956-11", parts: [Part(id: "p", title: "P",
                slides: [
                    Slide(title: "Title", notes: "n"),
                    Slide(title: "Poland", date: "1956-10-19/1956-10-21", notes: "n"),
                    Slide(title: "Budapest rises", date: "1956-10-23", notes: "n"),
                    Slide(title: "Soviet tanks return", date: "1956-11-04", notes: "n"),
                ])])"#,
        )
        .unwrap()
        .deck;
        let found = DateIndex::new(&deck)
            .find("23 Oct", &deck.span.range)
            .unwrap();
        assert_eq!(found.readings.len(), 1);
        assert_eq!(found.readings[0].0.label, "23 October 1956");
        assert_eq!((found.readings[0].1.target, found.year_less), (2, None));
        assert_eq!(
            DateIndex::new(&deck).find("5 Oct", &deck.span.range),
            Err("no slide is dated in or around 5 October 1956".to_owned())
        );
    }

    #[rstest::rstest]
    #[case("1954", "no slide is dated in or around 1954")]
    #[case("Smarch", "`Smarch` is not a date; try `5 March 1953`")]
    // No slide's date or span reaches into 1954.
    #[case("8 Jan 1954", "no slide is dated in or around 8 January 1954")]
    #[case(
        "29 Feb 1955",
        "February 1955 has only 28 days, so day 29 does not exist"
    )]
    fn why_a_query_finds_nothing(#[case] query: &str, #[case] message: &str) {
        assert_eq!(find(query), Err(message.to_owned()));
    }

    #[test]
    fn a_year_less_query_that_lands_in_no_year_says_so() {
        let deck = parse_deck(
            "b.ron",
            br#"Deck(title: "B", span: "1953/1956", parts: [Part(id: "p", title: "P",
                slides: [Slide(title: "Dies", date: "1953-03-05", notes: "n")])])"#,
        )
        .unwrap()
        .deck;
        assert_eq!(
            DateIndex::new(&deck).find("23 Oct", &deck.span.range),
            Err("no slide is dated around 23 October in 1953–1956".to_owned())
        );
    }

    /// What the rule says a query matches, by looking at every slide: (primary, secondary,
    /// approximate).
    fn plain_scan(deck: &Deck, q: DayRange) -> (Vec<usize>, Vec<usize>, Vec<usize>) {
        let slides: Vec<_> = deck.slides().collect();
        // An undated slide matches nothing, whatever its span says.
        let dated: Vec<usize> = (0..slides.len())
            .filter(|&i| slides[i].date.is_some())
            .collect();
        let date = |i: usize| slides[i].date.as_ref().unwrap();
        let primary: Vec<usize> = dated
            .iter()
            .copied()
            .filter(|&i| date(i).range.is_within(&q))
            .collect();
        let secondary: Vec<usize> = dated
            .iter()
            .copied()
            .filter(|&i| !primary.contains(&i))
            .filter(|&i| {
                date(i).range.overlaps(&q)
                    || slides[i]
                        .span
                        .as_ref()
                        .is_some_and(|s| s.range.overlaps(&q))
            })
            .collect();
        let approximate: Vec<usize> = dated
            .iter()
            .copied()
            .filter(|&i| !primary.contains(&i) && !secondary.contains(&i))
            .filter(|&i| {
                date(i).loose_range().overlaps(&q)
                    || slides[i]
                        .span
                        .as_ref()
                        .is_some_and(|s| s.loose_range().overlaps(&q))
            })
            .collect();
        (primary, secondary, approximate)
    }

    proptest! {
        #[test]
        fn circa_lookup_agrees_with_a_plain_scan(y in 990i16..1080, m in 0i8..=12) {
            let deck = parse_deck("c.ron", CIRCA.as_bytes()).unwrap().deck;
            let query = if m == 0 { format!("{y}") } else { format!("{y}-{m:02}") };
            let q = DateQuery::parse(&query).unwrap().range;
            let (primary, secondary, approximate) = plain_scan(&deck, q);
            let got = DateIndex::new(&deck).lookup(&q);
            if primary.is_empty() && secondary.is_empty() && approximate.is_empty() {
                prop_assert_eq!(got, None);
            } else {
                let got = got.unwrap();
                prop_assert_eq!(&got.primary, &primary);
                prop_assert_eq!(&got.secondary, &secondary);
                prop_assert_eq!(&got.approximate, &approximate);
                if primary.is_empty() && secondary.is_empty() {
                    // The narrowest loose range wins; ties go to deck order.
                    let width = |i: usize| {
                        let s = deck.slide(i).unwrap();
                        [s.date.as_ref().map(DeckDate::loose_range),
                            s.span.as_ref().map(DeckDate::loose_range)]
                            .into_iter()
                            .flatten()
                            .filter(|r| r.overlaps(&q))
                            .map(|r| r.days())
                            .min()
                    };
                    let best = approximate.iter().copied().min_by_key(|&i| (width(i), i));
                    prop_assert_eq!(Some(got.target), best);
                }
            }
        }

        #[test]
        fn lookup_agrees_with_a_plain_scan(y in 1952i16..1958, m in 1i8..=12) {
            let deck = parse_deck("f.ron", FIXTURE.as_bytes()).unwrap().deck;
            let q = DateQuery::parse(&format!("{y}-{m:02}")).unwrap().range;
            let (primary, secondary, _) = plain_scan(&deck, q);
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
