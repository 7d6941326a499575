//! Deck dates (`1953-03-05`, `1953-03`, `1953`, `start/end`) and the presenter's date queries
//! (`5 March 1953`, `spring 1956`, ...). Both become an inclusive [`DayRange`], which is all the
//! timeline and the date jump need. Knows nothing of RON, files or terminals.

use std::fmt;

use jiff::civil::Date as CivilDate;

/// An inclusive range of calendar days: the meaning of any deck date or query.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DayRange {
    /// First day in the range.
    pub first: CivilDate,
    /// Last day in the range (equal to `first` for a single day).
    pub last: CivilDate,
}

impl DayRange {
    /// Whether `self` lies entirely inside `other`.
    pub fn is_within(&self, other: &DayRange) -> bool {
        other.first <= self.first && self.last <= other.last
    }

    /// Whether the two ranges share at least one day.
    pub fn overlaps(&self, other: &DayRange) -> bool {
        self.first <= other.last && other.first <= self.last
    }

    /// Number of days covered (at least 1).
    pub fn days(&self) -> i64 {
        // Both ends come from validated civil dates, so the span always exists.
        self.first
            .until(self.last)
            .map_or(1, |span| i64::from(span.get_days()) + 1)
    }

    /// The smallest range covering both.
    #[must_use]
    pub fn union(&self, other: &DayRange) -> DayRange {
        DayRange {
            first: self.first.min(other.first),
            last: self.last.max(other.last),
        }
    }
}

/// One end of a deck date: a day, a month or a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Point {
    Day(CivilDate),
    Month { year: i16, month: i8 },
    Year(i16),
}

impl Point {
    fn range(self) -> DayRange {
        match self {
            Point::Day(d) => DayRange { first: d, last: d },
            Point::Month { year, month } => month_range(year, month),
            Point::Year(year) => DayRange {
                first: CivilDate::constant(year, 1, 1),
                last: CivilDate::constant(year, 12, 31),
            },
        }
    }
}

fn month_range(year: i16, month: i8) -> DayRange {
    let first = CivilDate::constant(year, month, 1);
    DayRange {
        first,
        last: first.last_of_month(),
    }
}

/// A date as written in a deck, with its precision kept for display.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeckDate {
    /// The text exactly as the deck wrote it (`outline` prints this).
    pub written: String,
    /// The days it covers.
    pub range: DayRange,
}

impl DeckDate {
    /// Parses `1953-03-05`, `1953-03`, `1953` or an interval `start/end` of any of those.
    pub fn parse(text: &str) -> Result<DeckDate, String> {
        let range = match text.split_once('/') {
            Some((start, end)) => {
                let start = parse_point(start.trim())?.range();
                let end = parse_point(end.trim())?.range();
                if end.last < start.first {
                    return Err(format!(
                        "the interval `{text}` ends before it starts; write the earlier date first"
                    ));
                }
                start.union(&end)
            }
            None => parse_point(text.trim())?.range(),
        };
        Ok(DeckDate {
            written: text.to_owned(),
            range,
        })
    }

    /// A short human reading: `5 March 1953`, `March 1953`, `1953`, `28 Feb – 5 Mar 1953`.
    pub fn human(&self) -> String {
        human_range(&self.range)
    }
}

impl fmt::Display for DeckDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.written)
    }
}

const EXPECTED_FORMS: &str =
    "expected a date like `1953-03-05`, `1953-03`, `1953` or `1953-02-28/1953-03-05`";

fn parse_point(text: &str) -> Result<Point, String> {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, digits: usize, what: &str| -> Result<i64, String> {
        if s.len() == digits && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse::<i64>()
                .map_err(|_| format!("`{s}` is not a valid {what}"))
        } else {
            Err(format!("`{text}` is not a date: {EXPECTED_FORMS}"))
        }
    };
    match parts.as_slice() {
        [y] => Ok(Point::Year(year_in_range(number(y, 4, "year")?)?)),
        [y, m] => {
            let year = year_in_range(number(y, 4, "year")?)?;
            let month = month_in_range(number(m, 2, "month")?)?;
            Ok(Point::Month { year, month })
        }
        [y, m, d] => {
            let year = year_in_range(number(y, 4, "year")?)?;
            let month = month_in_range(number(m, 2, "month")?)?;
            let day = number(d, 2, "day")?;
            Ok(Point::Day(checked_day(year, month, day)?))
        }
        _ => Err(format!("`{text}` is not a date: {EXPECTED_FORMS}")),
    }
}

fn year_in_range(year: i64) -> Result<i16, String> {
    i16::try_from(year)
        .ok()
        .filter(|y| (1..=9999).contains(y))
        .ok_or_else(|| format!("year {year} is out of range (1–9999)"))
}

fn month_in_range(month: i64) -> Result<i8, String> {
    i8::try_from(month)
        .ok()
        .filter(|m| (1..=12).contains(m))
        .ok_or_else(|| format!("there is no month {month}; months run from 01 to 12"))
}

fn checked_day(year: i16, month: i8, day: i64) -> Result<CivilDate, String> {
    let last = month_range(year, month).last.day();
    match i8::try_from(day) {
        Ok(d) if (1..=last).contains(&d) => Ok(CivilDate::constant(year, month, d)),
        _ => Err(format!(
            "{} {year} has only {last} days, so day {day} does not exist",
            MONTHS[month_index(month)].0
        )),
    }
}

fn month_index(month: i8) -> usize {
    usize::try_from(month - 1).unwrap_or(0).min(11)
}

/// English month names and their usual abbreviations (`Sept` included).
const MONTHS: [(&str, &[&str]); 12] = [
    ("January", &["jan"]),
    ("February", &["feb"]),
    ("March", &["mar"]),
    ("April", &["apr"]),
    ("May", &[]),
    ("June", &["jun"]),
    ("July", &["jul"]),
    ("August", &["aug"]),
    ("September", &["sep", "sept"]),
    ("October", &["oct"]),
    ("November", &["nov"]),
    ("December", &["dec"]),
];

fn month_from_name(word: &str) -> Option<i8> {
    let word = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().zip(1i8..).find_map(|((full, short), n)| {
        (full.to_lowercase() == word || short.contains(&word.as_str())).then_some(n)
    })
}

/// A date a person typed: `5 March 1953`, `March 5, 1953`, `Mar 1953`, `1953-03`, `summer 1956`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateQuery {
    /// The days the query covers.
    pub range: DayRange,
}

impl DateQuery {
    /// Parses a query. The error says what was wrong in words a presenter understands.
    pub fn parse(input: &str) -> Result<DateQuery, String> {
        let text = input.trim();
        if text.is_empty() {
            return Err("type a date, such as `5 March 1953`, `June 1953` or `1956`".to_owned());
        }
        if text.starts_with(|c: char| c.is_ascii_digit()) && !text.contains(char::is_whitespace) {
            // ISO forms: one point only (an interval is not a question a student asks).
            return parse_point(text)
                .map(|p| DateQuery { range: p.range() })
                .map_err(|e| e.replace(EXPECTED_FORMS, QUERY_FORMS));
        }
        let words: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        let range = match words.as_slice() {
            [season, year] if season_months(season).is_some() => {
                let year = parse_year(year)?;
                season_range(season, year)?
            }
            [a, b] => {
                let month = parse_month(a)?;
                month_range(parse_year(b)?, month)
            }
            [a, b, c] => {
                // `5 March 1953` or `March 5 1953` (the comma was split away).
                let (day, month) = if a.starts_with(|ch: char| ch.is_ascii_digit()) {
                    (a, b)
                } else {
                    (b, a)
                };
                let month = parse_month(month)?;
                let year = parse_year(c)?;
                let day = parse_day(day)?;
                let date = checked_day(year, month, day)?;
                DayRange {
                    first: date,
                    last: date,
                }
            }
            [single] => {
                if month_from_name(single).is_some() {
                    return Err(format!("add a year: `{single} 1953`"));
                }
                return Err(format!("`{single}` is not a date: {QUERY_FORMS}"));
            }
            _ => return Err(format!("`{text}` is not a date: {QUERY_FORMS}")),
        };
        Ok(DateQuery { range })
    }
}

const QUERY_FORMS: &str = "try `5 March 1953`, `March 1953`, `1953-03-05`, `1953` or `spring 1956`";

fn parse_year(word: &str) -> Result<i16, String> {
    if word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) {
        word.parse::<i64>()
            .map_err(|_| format!("`{word}` is not a year"))
            .and_then(year_in_range)
    } else {
        Err(format!(
            "`{word}` is not a year; write all four digits, as in 1953"
        ))
    }
}

fn parse_day(word: &str) -> Result<i64, String> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix_ok = matches!(
        &word[digits.len()..].to_lowercase()[..],
        "" | "st" | "nd" | "rd" | "th"
    );
    if !digits.is_empty()
        && digits.len() <= 2
        && digits.bytes().all(|b| b.is_ascii_digit())
        && suffix_ok
    {
        digits
            .parse::<i64>()
            .map_err(|_| format!("`{word}` is not a day of the month"))
    } else {
        Err(format!("`{word}` is not a day of the month"))
    }
}

fn parse_month(word: &str) -> Result<i8, String> {
    month_from_name(word).ok_or_else(|| format!("no month called `{word}`"))
}

/// The months a season covers, as (start month, length); winter starts in the previous December.
fn season_months(word: &str) -> Option<(i8, bool)> {
    match word.to_lowercase().as_str() {
        "spring" => Some((3, false)),
        "summer" => Some((6, false)),
        "autumn" | "fall" => Some((9, false)),
        "winter" => Some((12, true)),
        _ => None,
    }
}

fn season_range(word: &str, year: i16) -> Result<DayRange, String> {
    let Some((start, winter)) = season_months(word) else {
        return Err(format!("no season called `{word}`"));
    };
    if winter {
        // Winter 1956 is December 1955 to February 1956.
        let prev = year_in_range(i64::from(year) - 1)?;
        return Ok(month_range(prev, 12).union(&month_range(year, 2)));
    }
    Ok(month_range(year, start).union(&month_range(year, start + 2)))
}

/// `5 March 1953`; `March 1953` for a whole month; `1953` for a whole year; otherwise both ends.
pub fn human_range(range: &DayRange) -> String {
    let (f, l) = (range.first, range.last);
    let month_name = |m: i8| MONTHS[month_index(m)].0;
    let short = |m: i8| &MONTHS[month_index(m)].0[..3];
    let whole_month = f.day() == 1 && l == f.last_of_month();
    let whole_year = f.month() == 1 && f.day() == 1 && l.month() == 12 && l.day() == 31;
    if f == l {
        format!("{} {} {}", f.day(), month_name(f.month()), f.year())
    } else if whole_year && f.year() == l.year() {
        format!("{}", f.year())
    } else if whole_year {
        format!("{}–{}", f.year(), l.year())
    } else if whole_month && f.month() == l.month() && f.year() == l.year() {
        format!("{} {}", month_name(f.month()), f.year())
    } else if f.year() == l.year() {
        format!(
            "{} {} – {} {} {}",
            f.day(),
            short(f.month()),
            l.day(),
            short(l.month()),
            l.year()
        )
    } else {
        format!(
            "{} {} {} – {} {} {}",
            f.day(),
            short(f.month()),
            f.year(),
            l.day(),
            short(l.month()),
            l.year()
        )
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use rstest::rstest;

    use super::*;

    fn day(y: i16, m: i8, d: i8) -> CivilDate {
        CivilDate::constant(y, m, d)
    }

    #[rstest]
    #[case("1953-03-05", day(1953, 3, 5), day(1953, 3, 5))]
    #[case("1953-02", day(1953, 2, 1), day(1953, 2, 28))]
    #[case("1956-02", day(1956, 2, 1), day(1956, 2, 29))]
    #[case("1953", day(1953, 1, 1), day(1953, 12, 31))]
    #[case("1953-02-28/1953-03-05", day(1953, 2, 28), day(1953, 3, 5))]
    #[case("1936/1938", day(1936, 1, 1), day(1938, 12, 31))]
    #[case("1956-02-25/1970-12", day(1956, 2, 25), day(1970, 12, 31))]
    fn deck_dates(#[case] text: &str, #[case] first: CivilDate, #[case] last: CivilDate) {
        let date = DeckDate::parse(text).unwrap();
        assert_eq!(date.range, DayRange { first, last });
        assert_eq!(date.written, text);
    }

    #[rstest]
    #[case("1953-02-30", "February 1953 has only 28 days")]
    #[case("1953-13", "no month 13")]
    #[case("1953-03-05/1953-03-01", "ends before it starts")]
    #[case("53-03-05", "is not a date")]
    #[case("March 1953", "is not a date")]
    #[case("", "is not a date")]
    fn bad_deck_dates(#[case] text: &str, #[case] message: &str) {
        let err = DeckDate::parse(text).unwrap_err();
        assert!(err.contains(message), "{err}");
    }

    #[rstest]
    #[case("5 March 1953", day(1953, 3, 5), day(1953, 3, 5))]
    #[case("March 5, 1953", day(1953, 3, 5), day(1953, 3, 5))]
    #[case("5 Mar 1953", day(1953, 3, 5), day(1953, 3, 5))]
    #[case("5th march 1953", day(1953, 3, 5), day(1953, 3, 5))]
    #[case("1953-03-05", day(1953, 3, 5), day(1953, 3, 5))]
    #[case("March 1953", day(1953, 3, 1), day(1953, 3, 31))]
    #[case("MAR 1953", day(1953, 3, 1), day(1953, 3, 31))]
    #[case("Sept 1952", day(1952, 9, 1), day(1952, 9, 30))]
    #[case("1953-03", day(1953, 3, 1), day(1953, 3, 31))]
    #[case("1953", day(1953, 1, 1), day(1953, 12, 31))]
    #[case("spring 1956", day(1956, 3, 1), day(1956, 5, 31))]
    #[case("Summer 1956", day(1956, 6, 1), day(1956, 8, 31))]
    #[case("autumn 1956", day(1956, 9, 1), day(1956, 11, 30))]
    #[case("fall 1956", day(1956, 9, 1), day(1956, 11, 30))]
    #[case("winter 1956", day(1955, 12, 1), day(1956, 2, 29))]
    #[case("  25 feb 1956  ", day(1956, 2, 25), day(1956, 2, 25))]
    fn queries(#[case] text: &str, #[case] first: CivilDate, #[case] last: CivilDate) {
        assert_eq!(
            DateQuery::parse(text).unwrap().range,
            DayRange { first, last }
        );
    }

    #[rstest]
    #[case(
        "31 Feb 1953",
        "February 1953 has only 28 days, so day 31 does not exist"
    )]
    #[case("Smarch 1953", "no month called `Smarch`")]
    #[case("", "type a date")]
    #[case("March", "add a year")]
    #[case("5 March 53", "write all four digits")]
    #[case("yesterday", "is not a date")]
    #[case("1953-02-30", "February 1953 has only 28 days")]
    fn bad_queries(#[case] text: &str, #[case] message: &str) {
        let err = DateQuery::parse(text).unwrap_err();
        assert!(err.contains(message), "{text:?}: {err}");
    }

    #[rstest]
    #[case("1953-03-05", "5 March 1953")]
    #[case("1953-03", "March 1953")]
    #[case("1953", "1953")]
    #[case("1953/1956", "1953–1956")]
    #[case("1953-02-28/1953-03-05", "28 Feb – 5 Mar 1953")]
    #[case("1955-12-31/1956-02-09", "31 Dec 1955 – 9 Feb 1956")]
    fn human_readings(#[case] text: &str, #[case] human: &str) {
        assert_eq!(DeckDate::parse(text).unwrap().human(), human);
    }

    proptest! {
        #[test]
        fn query_parser_never_panics(s in "\\PC{0,40}") {
            let _ = DateQuery::parse(&s);
        }

        #[test]
        fn query_parser_never_panics_on_datelike_input(
            s in "[0-9 ,./a-zA-Z-]{0,24}"
        ) {
            let _ = DateQuery::parse(&s);
            let _ = DeckDate::parse(&s);
        }

        #[test]
        fn every_real_day_parses_back(y in 1i16..=9999, m in 1i8..=12, d in 1i8..=31) {
            let text = format!("{y:04}-{m:02}-{d:02}");
            let valid = CivilDate::new(y, m, d).is_ok();
            prop_assert_eq!(DeckDate::parse(&text).is_ok(), valid);
        }
    }
}
