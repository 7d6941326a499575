//! Deck dates and the presenter's date queries, of any era. Both become an inclusive
//! [`DayRange`], which is all the timeline and the date jump need. Knows nothing of RON, files or
//! terminals.
//!
//! **Calendar.** Every date is a day of the *proleptic Gregorian* calendar (`jiff::civil::Date`):
//! the Gregorian leap-year rule is applied before 1582 too, so `1100-02-29` does not exist,
//! though the Julian calendar in use then had the day (the error says so and gives the Gregorian
//! equivalent). Dates taken from Julian sources must be converted. Years run from 10000 BC to
//! AD 9999. ISO forms count years astronomically (`0000` is 1 BC, `-0043` is 44 BC); written
//! forms use BC/BCE and AD/CE, and have no year 0.
//!
//! **Forms** (case does not matter; deck dates and queries share them unless noted):
//!
//! - ISO day, month or year, the year of any length with `-` before AD 1: `1953-03-05`,
//!   `793-06-08`, `-0043-03-15`, `1953-03`, `-0043`, `793`;
//! - written day, month or year: `5 March 1953`, `March 5, 1953`, `15 March 44 BC`,
//!   `March 44 BCE`, `AD 793`, `793 AD`, `793 CE`;
//! - a decade: `1950s` (1950–1959), `440s BC` (449–440 BC);
//! - a century: `11th century` (1001–1100), `5th century BC` (500–401 BC), `1st century`
//!   (AD 1–100);
//! - circa before any of those: `c. 1066`, `ca. 1066`, `circa 1066`, `c. 14 October 1066`,
//!   which covers what it names and has a loose range besides (below);
//! - decks only, an interval `start/end` of any of those, from the first day of the start to
//!   the last day of the end: `1953-02-28/1953-03-05`, `-0043/0014`, `c. 1200/1250`;
//! - queries only, a season: `spring 1956` (March to May); `winter 1956` is December 1955 to
//!   February 1956;
//! - [`DateQuery::resolve`] only, no year: `23 Oct`, `October`, `spring`, read within the
//!   deck's span.
//!
//! In written forms a year of one or two digits needs its era (`AD 14`, `44 BC`): `March 53` is
//! more often short for 1953 than AD 53. ISO forms take the year as given (`0014` is AD 14).
//!
//! **Circa.** A circa date keeps its written range: the timeline, the display and exact matching
//! use it. It also has a *loose* range for matching: a day widens by 7 days either side, a month
//! by 2 months, a year by 5 years (50 for a round hundred such as `c. 500 BC` or `c. 1000`,
//! figures rarely meant more closely), a decade by 5 years and a century by 25. A query written
//! with circa is its loose range.
//!
//! **Shown** as `5 March 1953`, `March 1953`, `1953`, `15 March 44 BC`, `AD 14` (AD for years
//! below 100, which could be taken for short forms of 19xx), `c. 1066`, `1950s`,
//! `11th century`. Ranges read `28 Feb – 5 Mar 1953`, `1953–1956`, `50–44 BC`; across the era
//! boundary both ends carry their era: `44 BC – AD 14`, `15 Mar 44 BC – 19 Aug AD 14`.
//!
//! **Messages.** Deck dates get full sentences (shown in a diagnostic with the file's line).
//! Query messages fit the date prompt: at most [`QUERY_MESSAGE_WIDTH`] columns, with what the
//! presenter typed cut short when it is long.

use std::fmt;

use jiff::Span;
use jiff::civil::Date as CivilDate;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The widest a query's error message may be: the date prompt is a box in an 80-column screen.
pub const QUERY_MESSAGE_WIDTH: usize = 60;

/// The first and last years jiff's civil dates hold, in astronomical numbering.
const MIN_YEAR: i64 = -9999;
const MAX_YEAR: i64 = 9999;

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

/// What a date names, kept so it can be shown the way it was meant (`1950s`, not `1950–1959`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Point {
    Day(CivilDate),
    Month {
        year: i16,
        month: i8,
    },
    Year(i16),
    /// The first year as written (1950 for the 1950s, 440 for the 440s BC) and its era.
    Decade {
        start: i16,
        bc: bool,
    },
    /// The ordinal (11 for the 11th century) and its era.
    Century {
        number: i16,
        bc: bool,
    },
}

/// One end of a deck date, or a whole one: what it names, whether circa, and its days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct End {
    point: Point,
    circa: bool,
    range: DayRange,
}

impl End {
    /// The range a query may match loosely: [`End::range`] widened by the circa rule.
    fn loose(self) -> DayRange {
        if !self.circa {
            return self.range;
        }
        let DayRange { first, last } = self.range;
        let years = |n: i64| DayRange {
            first: first.saturating_sub(Span::new().years(n)),
            last: last.saturating_add(Span::new().years(n)),
        };
        match self.point {
            Point::Day(_) => DayRange {
                first: first.saturating_sub(Span::new().days(7)),
                last: last.saturating_add(Span::new().days(7)),
            },
            Point::Month { .. } => DayRange {
                first: first.saturating_sub(Span::new().months(2)),
                last: last
                    .first_of_month()
                    .saturating_add(Span::new().months(2))
                    .last_of_month(),
            },
            Point::Year(year) if historical(year) % 100 == 0 => years(50),
            Point::Year(_) | Point::Decade { .. } => years(5),
            Point::Century { .. } => years(25),
        }
    }

    /// A day, month or year without circa: an interval of these reads as a plain range.
    fn is_plain(self) -> bool {
        !self.circa
            && matches!(
                self.point,
                Point::Day(_) | Point::Month { .. } | Point::Year(_)
            )
    }

    /// `c. 14 October 1066`, `March 44 BC`, `1950s`, `11th century`.
    fn text(self) -> String {
        let text = match self.point {
            Point::Day(d) => format!(
                "{} {} {}",
                d.day(),
                month_name(d.month()),
                year_text(d.year())
            ),
            Point::Month { year, month } => format!("{} {}", month_name(month), year_text(year)),
            Point::Year(year) => year_text(year),
            Point::Decade { start, bc: true } => format!("{start}s BC"),
            Point::Decade { start, bc: false } if start < 100 => format!("AD {start}s"),
            Point::Decade { start, bc: false } => format!("{start}s"),
            Point::Century { number, bc } => {
                format!("{} century{}", ordinal(number), if bc { " BC" } else { "" })
            }
        };
        if self.circa {
            format!("c. {text}")
        } else {
            text
        }
    }
}

/// How a deck date was written: one date or an interval of two.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    One(End),
    Interval(End, End),
}

/// What went wrong reading a date, worded twice: in full for a deck's diagnostic, and short
/// for the date prompt.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Problem {
    /// A full sentence, for diagnostics and [`DeckDate::parse`].
    long: String,
    /// At most [`QUERY_MESSAGE_WIDTH`] columns, for the date prompt.
    short: String,
    /// How to fix it, shown under a deck diagnostic.
    hint: Option<String>,
}

impl Problem {
    /// A problem worded the same for decks and queries; `message` must fit the prompt.
    fn new(message: String) -> Problem {
        Problem {
            long: message.clone(),
            short: message,
            hint: None,
        }
    }

    fn with_hint(mut self, hint: &str) -> Problem {
        self.hint = Some(hint.to_owned());
        self
    }

    /// Text that is not a date at all.
    fn not_a_date(text: &str) -> Problem {
        Problem {
            long: format!("`{text}` is not a date"),
            short: format!("{} is not a date; try `5 March 1953`", quoted(text)),
            hint: Some(DECK_FORMS.to_owned()),
        }
    }
}

/// The forms a deck date may take, for the hint under an unreadable one.
const DECK_FORMS: &str = "write a day `1953-03-05` or `15 March 44 BC`, a month `1953-03`, a \
                          year `1953` or `44 BC`, `1950s`, `11th century`, `c. 1066`, or an \
                          interval `1953-02-28/1953-03-05`; a slide shows other words for its \
                          date with `date_label: \"…\"`";

/// A date as written in a deck, with its precision kept for display.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeckDate {
    /// The text exactly as the deck wrote it (`outline` prints this).
    pub written: String,
    /// The days it covers, as written (a circa date's loose range is [`DeckDate::loose_range`]).
    pub range: DayRange,
    /// Written with circa (`c. 1066`): shown with `c.` and matched loosely.
    pub approximate: bool,
    shape: Shape,
    /// Why the text is not a date. Only the deck loader makes such a `DeckDate`, so that every
    /// bad date in a deck is reported in one run; it never lets one out of `parse_deck`.
    problem: Option<Problem>,
}

/// A date is what the deck wrote: the same text always reads as the same date.
impl std::hash::Hash for DeckDate {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.written.hash(state);
    }
}

impl DeckDate {
    /// Parses any deck form: ISO or written days, months and years of any era, decades,
    /// centuries, circa, and intervals `start/end` of those (see the module header).
    pub fn parse(text: &str) -> Result<DeckDate, String> {
        let date = DeckDate::read(text);
        match date.problem {
            Some(problem) => Err(problem.long),
            None => Ok(date),
        }
    }

    /// Reads `text` as [`DeckDate::parse`] does, keeping a problem inside instead of failing.
    pub(super) fn read(text: &str) -> DeckDate {
        match read_deck_date(text) {
            Ok(shape) => {
                let (range, approximate) = match shape {
                    Shape::One(end) => (end.range, end.circa),
                    Shape::Interval(a, b) => (a.range.union(&b.range), a.circa || b.circa),
                };
                DeckDate {
                    written: text.to_owned(),
                    range,
                    approximate,
                    shape,
                    problem: None,
                }
            }
            Err(problem) => {
                // A stand-in range: the loader refuses the deck before anything reads it.
                let epoch = CivilDate::constant(1970, 1, 1);
                let range = DayRange {
                    first: epoch,
                    last: epoch,
                };
                DeckDate {
                    written: text.to_owned(),
                    range,
                    approximate: false,
                    shape: Shape::One(End {
                        point: Point::Day(epoch),
                        circa: false,
                        range,
                    }),
                    problem: Some(problem),
                }
            }
        }
    }

    /// Why this date could not be read, as (message, hint); `None` for a good date.
    pub(super) fn problem(&self) -> Option<(&str, Option<&str>)> {
        self.problem
            .as_ref()
            .map(|p| (p.long.as_str(), p.hint.as_deref()))
    }

    /// The days its start covers as written (the whole date, for one that is not an interval),
    /// and whether the start is circa: `c. 1066/1070` starts with 1066, circa.
    pub fn start(&self) -> (DayRange, bool) {
        match self.shape {
            Shape::One(end) | Shape::Interval(end, _) => (end.range, end.circa),
        }
    }

    /// The days a query may match loosely: [`DeckDate::range`] widened by the circa rule of the
    /// module header at each circa end; equal to `range` for an exact date.
    pub fn loose_range(&self) -> DayRange {
        match self.shape {
            Shape::One(end) => end.loose(),
            Shape::Interval(a, b) => a.loose().union(&b.loose()),
        }
    }

    /// A short human reading: `5 March 1953`, `March 1953`, `15 March 44 BC`, `c. 1066`,
    /// `1950s`, `11th century`, `28 Feb – 5 Mar 1953`, `44 BC – AD 14`.
    pub fn human(&self) -> String {
        if self.problem.is_some() {
            return self.written.clone();
        }
        match self.shape {
            Shape::One(end) => end.text(),
            Shape::Interval(a, b) if a.is_plain() && b.is_plain() => human_range(&self.range),
            Shape::Interval(a, b) => format!("{} – {}", a.text(), b.text()),
        }
    }
}

impl fmt::Display for DeckDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.written)
    }
}

fn read_deck_date(text: &str) -> Result<Shape, Problem> {
    let end = |piece: &str| match read(piece)? {
        Reading::Point(end) => Ok(end),
        Reading::Season { season, year } => {
            let months = season.range(year)?;
            Err(Problem::new(format!(
                "`{}` is a season, which only the date prompt reads; write its months: `{}/{}`",
                piece.trim(),
                iso_month(months.first),
                iso_month(months.last)
            )))
        }
        Reading::YearLess(_) => Err(Problem::new(format!(
            "`{}` has no year; a deck date needs one",
            piece.trim()
        ))),
    };
    match text.split_once('/') {
        Some((start, finish)) => {
            let (start, finish) = (end(start)?, end(finish)?);
            if finish.range.last < start.range.first {
                return Err(Problem::new(format!(
                    "the interval `{text}` ends before it starts; write the earlier date first"
                )));
            }
            Ok(Shape::Interval(start, finish))
        }
        None => Ok(Shape::One(end(text)?)),
    }
}

/// What a piece of text reads as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reading {
    /// A date with its year, possibly circa.
    Point(End),
    /// A season of a year (queries only).
    Season { season: Season, year: i16 },
    /// A day, month or season with no year (queries read it within a deck's span).
    YearLess(YearLess),
}

/// A query without a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum YearLess {
    Day { day: i8, month: i8 },
    Month(i8),
    Season(Season),
}

impl YearLess {
    /// Its range in `year`, if it exists there.
    fn in_year(self, year: i16) -> Option<DayRange> {
        match self {
            YearLess::Day { day, month } => CivilDate::new(year, month, day)
                .ok()
                .map(|d| DayRange { first: d, last: d }),
            YearLess::Month(month) => Some(month_range(year, month)),
            YearLess::Season(season) => season.range(year).ok(),
        }
    }

    /// `23 October`, `October`, `spring`.
    fn text(self) -> String {
        match self {
            YearLess::Day { day, month } => format!("{day} {}", month_name(month)),
            YearLess::Month(month) => month_name(month).to_owned(),
            YearLess::Season(season) => season.name.to_owned(),
        }
    }

    /// `23 October 1956`, `October 44 BC`, `winter 1956`.
    fn label(self, year: i16) -> String {
        format!("{} {}", self.text(), year_text(year))
    }
}

/// A season: spring is March to May, summer June to August, autumn September to November,
/// winter December of the year before to February.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Season {
    name: &'static str,
    start: i8,
}

impl Season {
    fn from_name(word: &str) -> Option<Season> {
        let (name, start) = match word.to_lowercase().as_str() {
            "spring" => ("spring", 3),
            "summer" => ("summer", 6),
            "autumn" => ("autumn", 9),
            "fall" => ("fall", 9),
            "winter" => ("winter", 12),
            _ => return None,
        };
        Some(Season { name, start })
    }

    fn range(self, year: i16) -> Result<DayRange, Problem> {
        if self.start == 12 {
            // Winter 1956 is December 1955 to February 1956.
            let before = checked_year(i64::from(year) - 1, &format!("winter {}", year_text(year)))?;
            return Ok(month_range(before, 12).union(&month_range(year, 2)));
        }
        Ok(month_range(year, self.start).union(&month_range(year, self.start + 2)))
    }
}

/// Reads one date (no interval): circa, then an ISO or a written form.
fn read(text: &str) -> Result<Reading, Problem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Problem::not_a_date(text));
    }
    let (circa, rest) = strip_circa(text);
    if circa && rest.is_empty() {
        return Err(Problem::new(format!(
            "{} needs a date after it, as in `c. 1066`",
            quoted(text)
        )));
    }
    let reading = if rest.chars().all(|c| c.is_ascii_digit() || c == '-') {
        Reading::Point(read_iso(rest)?)
    } else {
        read_written(rest)?
    };
    match reading {
        Reading::Point(end) => Ok(Reading::Point(End { circa, ..end })),
        _ if circa => Err(Problem::new(format!(
            "circa needs a year: {} is too vague",
            quoted(text)
        ))),
        other => Ok(other),
    }
}

/// `c. 1066`, `c.1066`, `ca. 1066`, `circa 1066` → (true, `1066`): the one reading of circa,
/// for dates and for whatever else a deck writes as an estimate.
pub fn strip_circa(text: &str) -> (bool, &str) {
    let lower = text.to_ascii_lowercase();
    for prefix in ["circa", "ca.", "ca", "c.", "c"] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let dotted = prefix.ends_with('.');
            if rest.starts_with(char::is_whitespace)
                || (dotted && rest.starts_with(|c: char| c.is_ascii_digit()))
                || rest.is_empty()
            {
                // ASCII prefixes: byte offsets agree between `text` and `lower`.
                return (true, text[prefix.len()..].trim_start());
            }
        }
    }
    (false, text)
}

/// `1953-03-05`, `793`, `-0043-03`: an astronomical year of any length, then two-digit month
/// and day.
fn read_iso(text: &str) -> Result<End, Problem> {
    let (negative, body) = match text.strip_prefix('-') {
        Some(body) => (true, body),
        None => (false, text),
    };
    let parts: Vec<&str> = body.split('-').collect();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !parts.iter().all(|p| digits(p)) || parts.len() > 3 {
        return Err(Problem::not_a_date(text));
    }
    if parts[1..].iter().any(|p| p.len() != 2) {
        return Err(Problem {
            long: format!("`{text}` is not a date: write the month and the day with two digits"),
            short: format!("{}: write month and day with two digits", quoted(text)),
            hint: Some("as in `1953-03-05`".to_owned()),
        });
    }
    let year = iso_year(negative, parts[0])?;
    let number = |s: &str| s.parse::<i64>().unwrap_or(0);
    let point = match parts[1..] {
        [] => Point::Year(year),
        [m] => Point::Month {
            year,
            month: month_in_range(number(m))?,
        },
        [m, d] => Point::Day(checked_day(year, month_in_range(number(m))?, number(d))?),
        _ => return Err(Problem::not_a_date(text)),
    };
    Ok(end_of(point))
}

fn iso_year(negative: bool, digits: &str) -> Result<i16, Problem> {
    let written = if negative {
        format!("-{digits}")
    } else {
        digits.to_owned()
    };
    // More than six digits is out of range whatever they say, and might not fit an i64.
    let value = if digits.len() > 6 {
        i64::MAX
    } else {
        digits.parse::<i64>().unwrap_or(i64::MAX)
    };
    checked_year(if negative { -value } else { value }, &written)
}

/// A point with its range. The parser checks every year before building a point, so the
/// ranges here always exist.
fn end_of(point: Point) -> End {
    let years = |first: i16, last: i16| DayRange {
        first: CivilDate::constant(first, 1, 1),
        last: CivilDate::constant(last, 12, 31),
    };
    let range = match point {
        Point::Day(d) => DayRange { first: d, last: d },
        Point::Month { year, month } => month_range(year, month),
        Point::Year(year) => years(year, year),
        // 1950s: 1950–1959; 440s BC: 449–440 BC, astronomically -448 to -439.
        Point::Decade { start, bc: false } => years(start, start + 9),
        Point::Decade { start, bc: true } => years(1 - (start + 9), 1 - start),
        // 11th century: 1001–1100; 5th century BC: 500–401 BC, astronomically -499 to -400.
        Point::Century { number, bc: false } => years(100 * (number - 1) + 1, 100 * number),
        Point::Century { number, bc: true } => years(1 - 100 * number, 100 - 100 * number),
    };
    End {
        point,
        circa: false,
        range,
    }
}

/// BC or AD, as written after (or for AD, before) a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Era {
    Bc,
    Ad,
}

fn era_of(word: &str) -> Option<Era> {
    match word.replace('.', "").to_ascii_lowercase().as_str() {
        "bc" | "bce" => Some(Era::Bc),
        "ad" | "ce" => Some(Era::Ad),
        _ => None,
    }
}

/// Written forms: `15 March 44 BC`, `March 5, 1953`, `AD 793`, `1950s`, `11th century`,
/// `spring 1956`, and the year-less `23 Oct`, `October`, `spring`.
fn read_written(text: &str) -> Result<Reading, Problem> {
    let mut words: Vec<&str> = Vec::new();
    for word in text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
    {
        // `44BC`, `793AD`: the era glued to the year.
        let split = word
            .char_indices()
            .find(|&(_, c)| !c.is_ascii_digit())
            .filter(|&(at, _)| at > 0 && era_of(&word[at..]).is_some());
        match split {
            Some((at, _)) => words.extend([&word[..at], &word[at..]]),
            None => words.push(word),
        }
    }
    if words.first().is_some_and(|w| w.eq_ignore_ascii_case("the")) {
        words.remove(0);
    }
    let mut era = None;
    let mut rest: Vec<&str> = Vec::new();
    for word in words {
        match era_of(word) {
            Some(_) if era.is_some() => {
                return Err(Problem::new(format!(
                    "{} names two eras; keep one",
                    quoted(text)
                )));
            }
            Some(e) => era = Some(e),
            None => rest.push(word),
        }
    }
    let is_number = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    // `-44`: a year with a minus sign, which written forms refuse with a message of their own.
    let signed = |w: &str| w.strip_prefix('-').is_some_and(is_number);
    let day_like = |w: &str| era.is_none() && parse_day(w).is_ok_and(|d| (1..=31).contains(&d));
    let month = |w: &str| month_from_name(w);
    let point = match rest.as_slice() {
        [w] if w.len() > 1
            && w.to_ascii_lowercase().ends_with('s')
            && is_number(&w[..w.len() - 1]) =>
        {
            decade(w, era)?
        }
        [w] if is_number(w) || signed(w) => Point::Year(written_year(w, era)?),
        [w] if month(w).is_some() && era.is_none() => {
            return Ok(Reading::YearLess(YearLess::Month(parse_month(w)?)));
        }
        [w] if Season::from_name(w).is_some() && era.is_none() => {
            return Ok(Reading::YearLess(YearLess::Season(season(w)?)));
        }
        [n, c] if c.eq_ignore_ascii_case("century") => century(n, era)?,
        [s, y] if Season::from_name(s).is_some() => {
            return Ok(Reading::Season {
                season: season(s)?,
                year: written_year(y, era)?,
            });
        }
        // `March 5` or `5 March`.
        [m, d] | [d, m] if month(m).is_some() && day_like(d) => {
            return year_less_day(d, m);
        }
        [m, y] if is_number(y) || signed(y) => {
            let month = parse_month(m)?;
            Point::Month {
                year: written_year(y, era)?,
                month,
            }
        }
        [a, b, y] if is_number(y) || signed(y) => {
            // `5 March 1953` or `March 5 1953` (the comma was split away).
            let (day, month) = if a.starts_with(|c: char| c.is_ascii_digit()) {
                (a, b)
            } else {
                (b, a)
            };
            let month = parse_month(month)?;
            let year = written_year(y, era)?;
            Point::Day(checked_day(year, month, parse_day(day)?)?)
        }
        _ => return Err(Problem::not_a_date(text)),
    };
    Ok(Reading::Point(end_of(point)))
}

fn season(word: &str) -> Result<Season, Problem> {
    Season::from_name(word)
        .ok_or_else(|| Problem::new(format!("no season called {}", quoted(word))))
}

fn year_less_day(day: &str, month: &str) -> Result<Reading, Problem> {
    let month = parse_month(month)?;
    let day = parse_day(day)?;
    // February has a 29th in leap years: the span decides whether there is one.
    let most = if month == 2 {
        29
    } else {
        CivilDate::constant(2001, month, 1).days_in_month()
    };
    match i8::try_from(day) {
        Ok(day) if (1..=most).contains(&day) => Ok(Reading::YearLess(YearLess::Day { day, month })),
        _ => Err(Problem::new(format!(
            "{} has only {most} days, so day {day} does not exist",
            month_name(month)
        ))),
    }
}

/// A written year: digits, then its era if any. One or two digits need the era.
fn written_year(word: &str, era: Option<Era>) -> Result<i16, Problem> {
    let digits = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    if word.strip_prefix('-').is_some_and(digits) {
        return Err(Problem::new(format!(
            "{}: no minus in written years; write `44 BC`",
            quoted(word)
        )));
    }
    if !digits(word) {
        return Err(Problem::new(format!("{} is not a year", quoted(word))));
    }
    let value = if word.len() > 6 {
        i64::MAX
    } else {
        word.parse::<i64>().unwrap_or(i64::MAX)
    };
    if value == 0 {
        return Err(no_year_zero());
    }
    match era {
        None if word.len() <= 2 => Err(Problem::new(format!(
            "`{word}` is short for a year: write all four digits, or AD {value}"
        ))),
        None | Some(Era::Ad) => checked_year(value, word),
        Some(Era::Bc) => checked_year(1 - value, &format!("{word} BC")),
    }
}

fn no_year_zero() -> Problem {
    Problem::new("there is no year 0: 1 BC is followed by AD 1".to_owned())
        .with_hint("ISO dates count 1 BC as year `0000`")
}

/// `1950s`, `440s BC`.
fn decade(word: &str, era: Option<Era>) -> Result<Point, Problem> {
    let digits = &word[..word.len() - 1];
    let start = if digits.len() > 6 {
        i64::MAX
    } else {
        digits.parse::<i64>().unwrap_or(i64::MAX)
    };
    if start % 10 != 0 || start == 0 {
        return Err(Problem {
            long: format!("`{word}` is not a decade: a decade ends in 0, as in `1950s`"),
            short: format!("{}: a decade ends in 0, as in `1950s`", quoted(word)),
            hint: None,
        });
    }
    if era.is_none() && digits.len() <= 2 {
        return Err(Problem::new(format!(
            "`{word}` is short: write all four digits, or AD {word}"
        )));
    }
    let bc = era == Some(Era::Bc);
    let last = start + 9;
    let in_range = if bc {
        last <= 1 - MIN_YEAR
    } else {
        last <= MAX_YEAR
    };
    if !in_range {
        return Err(out_of_range(word));
    }
    let start = i16::try_from(start).map_err(|_| out_of_range(word))?;
    Ok(Point::Decade { start, bc })
}

/// `11th century`, `5th century BC`.
fn century(word: &str, era: Option<Era>) -> Result<Point, Problem> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = word[digits.len()..].to_ascii_lowercase();
    let is_ordinal = !digits.is_empty()
        && digits.len() <= 6
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(suffix.as_str(), "" | "st" | "nd" | "rd" | "th");
    if !is_ordinal {
        return Err(Problem::new(format!(
            "{} is not a century; write `11th century`",
            quoted(word)
        )));
    }
    let number = digits.parse::<i64>().unwrap_or(i64::MAX);
    if number == 0 {
        return Err(Problem::new(
            "there is no 0th century; the first is the 1st".to_owned(),
        ));
    }
    let bc = era == Some(Era::Bc);
    let last_year = number.saturating_mul(100);
    let in_range = if bc {
        last_year <= 1 - MIN_YEAR
    } else {
        last_year <= MAX_YEAR
    };
    let what = format!("{word} century{}", if bc { " BC" } else { "" });
    match i16::try_from(number) {
        Ok(number) if in_range => Ok(Point::Century { number, bc }),
        _ => Err(out_of_range(&what)),
    }
}

/// An astronomical year, or an error naming the range tribune supports; `written` is how the
/// user wrote it.
fn checked_year(year: i64, written: &str) -> Result<i16, Problem> {
    i16::try_from(year)
        .ok()
        .filter(|y| (MIN_YEAR..=MAX_YEAR).contains(&i64::from(*y)))
        .ok_or_else(|| out_of_range(written))
}

fn out_of_range(written: &str) -> Problem {
    Problem {
        long: format!(
            "`{written}` is out of range: tribune's calendar runs from 10000 BC to AD 9999 \
             (-9999 to 9999 in ISO form)"
        ),
        short: format!("{} is outside 10000 BC – AD 9999", quoted(written)),
        hint: None,
    }
}

fn month_in_range(month: i64) -> Result<i8, Problem> {
    i8::try_from(month)
        .ok()
        .filter(|m| (1..=12).contains(m))
        .ok_or_else(|| {
            Problem::new(format!(
                "there is no month {month}; months run from 01 to 12"
            ))
        })
}

/// The day, or an error that says why it does not exist; a Julian leap day gets its own.
fn checked_day(year: i16, month: i8, day: i64) -> Result<CivilDate, Problem> {
    let last = month_range(year, month).last.day();
    match i8::try_from(day) {
        Ok(d) if (1..=last).contains(&d) => Ok(CivilDate::constant(year, month, d)),
        _ if month == 2 && day == 29 && year % 4 == 0 => Err(julian_leap_day(year)),
        _ if day == 0 => Err(Problem::new(
            "there is no day 0; days of the month start at 1".to_owned(),
        )),
        _ => {
            let month = format!("{} {}", month_name(month), year_text(year));
            let long = format!("{month} has only {last} days, so day {day} does not exist");
            // `September 10000 BC` leaves too little room for the whole sentence in the prompt.
            let short = if long.width() <= QUERY_MESSAGE_WIDTH {
                long.clone()
            } else {
                format!("{month} has only {last} days, not {day}")
            };
            Err(Problem {
                long,
                short,
                hint: None,
            })
        }
    }
}

/// 29 February of a year the Julian rule makes leap and the Gregorian does not (1100, 101 BC).
fn julian_leap_day(year: i16) -> Problem {
    let y = year_text(year);
    let had = if year >= -44 {
        "though the Julian calendar had the day"
    } else {
        "though the proleptic Julian calendar has the day"
    };
    // The prompt has 60 columns: the calendar's full name fits beside most years, not all.
    let short = format!("{y} is not a leap year in the proleptic Gregorian calendar");
    let short = if short.width() <= QUERY_MESSAGE_WIDTH {
        short
    } else {
        format!("{y} is not a leap year in tribune's Gregorian calendar")
    };
    Problem {
        long: format!(
            "29 February {y} does not exist: {y} is not a leap year in the proleptic Gregorian \
             calendar tribune uses ({had})"
        ),
        short,
        hint: julian_to_gregorian(year, 2, 29).map(|d| {
            format!(
                "if the source uses the Julian calendar, write the same day as tribune counts \
                 it: `{}-{:02}`",
                iso_month(d),
                d.day()
            )
        }),
    }
}

/// The Gregorian day of a proleptic Julian date, through its Julian day number.
fn julian_to_gregorian(year: i16, month: i8, day: i8) -> Option<CivilDate> {
    let (year, month, day) = (i64::from(year), i64::from(month), i64::from(day));
    // The standard Julian-calendar day-number formula, with floor division for years BC.
    let a = (14 - month).div_euclid(12);
    let y = year + 4800 - a;
    let m = month + 12 * a - 3;
    let jdn = day + (153 * m + 2).div_euclid(5) + 365 * y + y.div_euclid(4) - 32083;
    // 1 January 1970 (Gregorian) is Julian day 2 440 588.
    CivilDate::constant(1970, 1, 1)
        .checked_add(Span::new().try_days(jdn - 2_440_588).ok()?)
        .ok()
}

/// `1956-03`, `-0043-03`: a month in ISO form.
fn iso_month(date: CivilDate) -> String {
    let year = date.year();
    if year < 0 {
        format!("-{:04}-{:02}", -i32::from(year), date.month())
    } else {
        format!("{year:04}-{:02}", date.month())
    }
}

fn month_range(year: i16, month: i8) -> DayRange {
    let first = CivilDate::constant(year, month, 1);
    DayRange {
        first,
        last: first.last_of_month(),
    }
}

fn month_index(month: i8) -> usize {
    usize::try_from(month - 1).unwrap_or(0).min(11)
}

fn month_name(month: i8) -> &'static str {
    MONTHS[month_index(month)].0
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

fn parse_month(word: &str) -> Result<i8, Problem> {
    month_from_name(word).ok_or_else(|| Problem::new(format!("no month called {}", quoted(word))))
}

fn parse_day(word: &str) -> Result<i64, Problem> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix_ok = matches!(
        word[digits.len()..].to_lowercase().as_str(),
        "" | "st" | "nd" | "rd" | "th"
    );
    if !digits.is_empty()
        && digits.len() <= 2
        && digits.bytes().all(|b| b.is_ascii_digit())
        && suffix_ok
    {
        digits
            .parse::<i64>()
            .map_err(|_| Problem::new(format!("{} is not a day of the month", quoted(word))))
    } else {
        Err(Problem::new(format!(
            "{} is not a day of the month",
            quoted(word)
        )))
    }
}

/// The year as historians count it: 44 for 44 BC (astronomical -43), 1953 for 1953.
fn historical(year: i16) -> i32 {
    if year <= 0 {
        1 - i32::from(year)
    } else {
        i32::from(year)
    }
}

/// `1953`, `44 BC`, `AD 14` (AD below 100, where the bare number reads like short for 19xx).
/// `year` is astronomical (`-43` is 44 BC).
pub fn year_text(year: i16) -> String {
    match year {
        ..=0 => format!("{} BC", historical(year)),
        1..=99 => format!("AD {year}"),
        _ => year.to_string(),
    }
}

/// The two ends' years for a range: across the era boundary both carry their era
/// (`44 BC`, `AD 1066`), otherwise each reads as [`year_text`] does.
fn year_pair(first: i16, last: i16) -> (String, String) {
    if first <= 0 && last > 0 {
        (year_text(first), format!("AD {last}"))
    } else {
        (year_text(first), year_text(last))
    }
}

/// `1953–1956`, `50–44 BC`, `AD 14–37`, `44 BC – AD 14`.
pub fn years_text(first: i16, last: i16) -> String {
    if first == last {
        year_text(first)
    } else if last <= 0 {
        format!("{}–{} BC", historical(first), historical(last))
    } else if first <= 0 {
        let (a, b) = year_pair(first, last);
        format!("{a} – {b}")
    } else if first < 100 {
        format!("AD {first}–{last}")
    } else {
        format!("{first}–{last}")
    }
}

/// `1st`, `2nd`, `3rd`, `11th`, `21st`.
fn ordinal(n: i16) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// `word` in backticks, cut to a few columns with `…` so a message quoting it fits the prompt.
fn quoted(word: &str) -> String {
    const MOST: usize = 16;
    if word.width() <= MOST {
        return format!("`{word}`");
    }
    let mut shown = String::new();
    let mut width = 0;
    for c in word.chars() {
        let w = c.width().unwrap_or(0);
        if width + w > MOST - 1 {
            break;
        }
        width += w;
        shown.push(c);
    }
    format!("`{shown}…`")
}

/// A date a person typed: `5 March 1953`, `March 5, 1953`, `Mar 1953`, `1953-03`,
/// `summer 1956`, `15 March 44 BC`, `c. 1066`, `1950s`, `11th century`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateQuery {
    /// The days the query covers (a circa query's loose range).
    pub range: DayRange,
}

/// A query read within a deck's span by [`DateQuery::resolve`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolved {
    /// One reading: the query named its year, or exactly one year of the span fits it.
    One(Candidate),
    /// Several years of the span fit a query without a year, earliest first: the prompt lists
    /// them and lets the presenter choose.
    Several(Vec<Candidate>),
}

/// One reading of a query: its days and a short label (`23 October 1956`) for the prompt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The days it covers.
    pub range: DayRange,
    /// How the prompt names it: `23 October 1956`, `spring 44 BC`, `c. 1066`.
    pub label: String,
}

impl DateQuery {
    /// Parses a query. The error says what was wrong in words a presenter understands, in at
    /// most [`QUERY_MESSAGE_WIDTH`] columns.
    pub fn parse(input: &str) -> Result<DateQuery, String> {
        match read_query(input)? {
            Reading::YearLess(partial) => Err(format!(
                "add a year: {}",
                quoted(&format!("{} 1953", partial.text()))
            )),
            reading => query_candidate(reading)
                .map(|c| DateQuery { range: c.range })
                .map_err(|p| p.short),
        }
    }

    /// Reads a query within a deck's `span`. A query with a year is read as by
    /// [`DateQuery::parse`]. A day, month or season without a year (`23 Oct`, `October`,
    /// `spring`) is tried in every year the span touches: where exactly one year gives a date
    /// that exists and overlaps the span, that is the reading; where several do, they are all
    /// returned; where none does, the error says so. Errors fit the prompt, as in `parse`.
    pub fn resolve(input: &str, span: &DayRange) -> Result<Resolved, String> {
        let partial = match read_query(input)? {
            Reading::YearLess(partial) => partial,
            reading => {
                return query_candidate(reading)
                    .map(Resolved::One)
                    .map_err(|p| p.short);
            }
        };
        let (first, last) = (span.first.year(), span.last.year());
        // Winter of the year after the span's last begins in the span's last December.
        let last = if matches!(partial, YearLess::Season(s) if s.start == 12) {
            last.saturating_add(1).min(9999)
        } else {
            last
        };
        let mut found: Vec<Candidate> = (first..=last)
            .filter_map(|year| {
                let range = partial.in_year(year)?;
                range.overlaps(span).then(|| Candidate {
                    range,
                    label: partial.label(year),
                })
            })
            .collect();
        match found.len() {
            0 => Err(format!(
                "no {} in the deck's span ({})",
                partial.text(),
                years_text(first, span.last.year())
            )),
            1 => Ok(Resolved::One(found.remove(0))),
            _ => Ok(Resolved::Several(found)),
        }
    }
}

/// The reading of a query, or its short error.
fn read_query(input: &str) -> Result<Reading, String> {
    let text = input.trim();
    if text.is_empty() {
        return Err("type a date, such as `5 March 1953`, `June 1953` or `1956`".to_owned());
    }
    if text.contains('/') {
        return Err("type one date, not an interval".to_owned());
    }
    read(text).map_err(|p| p.short)
}

/// A query with a year as a candidate: a circa query is its loose range.
fn query_candidate(reading: Reading) -> Result<Candidate, Problem> {
    match reading {
        Reading::Point(end) => Ok(Candidate {
            range: end.loose(),
            label: end.text(),
        }),
        Reading::Season { season, year } => Ok(Candidate {
            range: season.range(year)?,
            label: format!("{} {}", season.name, year_text(year)),
        }),
        Reading::YearLess(partial) => Err(Problem::new(format!(
            "add a year: {}",
            quoted(&format!("{} 1953", partial.text()))
        ))),
    }
}

/// `5 March 1953`; `March 1953` for a whole month; `1953` for a whole year; otherwise both ends.
/// Years before AD 1 read `44 BC`, years below 100 `AD 14`, and a range across the era boundary
/// names both eras: `44 BC – AD 14`.
pub fn human_range(range: &DayRange) -> String {
    let (f, l) = (range.first, range.last);
    let short = |m: i8| &month_name(m)[..3];
    let whole_month = f.day() == 1 && l == f.last_of_month();
    let whole_year = f.month() == 1 && f.day() == 1 && l.month() == 12 && l.day() == 31;
    if f == l {
        format!(
            "{} {} {}",
            f.day(),
            month_name(f.month()),
            year_text(f.year())
        )
    } else if whole_year {
        years_text(f.year(), l.year())
    } else if whole_month {
        format!("{} {}", month_name(f.month()), year_text(f.year()))
    } else if f.year() == l.year() {
        format!(
            "{} {} – {} {} {}",
            f.day(),
            short(f.month()),
            l.day(),
            short(l.month()),
            year_text(l.year())
        )
    } else {
        let (a, b) = year_pair(f.year(), l.year());
        format!(
            "{} {} {a} – {} {} {b}",
            f.day(),
            short(f.month()),
            l.day(),
            short(l.month()),
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

    fn range(first: CivilDate, last: CivilDate) -> DayRange {
        DayRange { first, last }
    }

    #[rstest]
    #[case("1953-03-05", day(1953, 3, 5), day(1953, 3, 5))]
    #[case("1953-02", day(1953, 2, 1), day(1953, 2, 28))]
    #[case("1956-02", day(1956, 2, 1), day(1956, 2, 29))]
    #[case("1953", day(1953, 1, 1), day(1953, 12, 31))]
    #[case("1953-02-28/1953-03-05", day(1953, 2, 28), day(1953, 3, 5))]
    #[case("1936/1938", day(1936, 1, 1), day(1938, 12, 31))]
    #[case("1956-02-25/1970-12", day(1956, 2, 25), day(1970, 12, 31))]
    // Written forms read as the ISO ones do.
    #[case("5 March 1953", day(1953, 3, 5), day(1953, 3, 5))]
    #[case("March 1953", day(1953, 3, 1), day(1953, 3, 31))]
    // Before AD 1: ISO years are astronomical, so -0043 is 44 BC.
    #[case("-0043-03-15", day(-43, 3, 15), day(-43, 3, 15))]
    #[case("-0043-03", day(-43, 3, 1), day(-43, 3, 31))]
    #[case("-0043", day(-43, 1, 1), day(-43, 12, 31))]
    #[case("-43", day(-43, 1, 1), day(-43, 12, 31))]
    #[case("0000", day(0, 1, 1), day(0, 12, 31))]
    #[case("15 March 44 BC", day(-43, 3, 15), day(-43, 3, 15))]
    #[case("March 44 BC", day(-43, 3, 1), day(-43, 3, 31))]
    #[case("44 BC", day(-43, 1, 1), day(-43, 12, 31))]
    #[case("44 BCE", day(-43, 1, 1), day(-43, 12, 31))]
    #[case("44 b.c.", day(-43, 1, 1), day(-43, 12, 31))]
    #[case("44BC", day(-43, 1, 1), day(-43, 12, 31))]
    #[case("1 BC", day(0, 1, 1), day(0, 12, 31))]
    // AD, and years of any length in ISO forms.
    #[case("AD 793", day(793, 1, 1), day(793, 12, 31))]
    #[case("793 AD", day(793, 1, 1), day(793, 12, 31))]
    #[case("793 CE", day(793, 1, 1), day(793, 12, 31))]
    #[case("793", day(793, 1, 1), day(793, 12, 31))]
    #[case("793-06-08", day(793, 6, 8), day(793, 6, 8))]
    #[case("8 June 793", day(793, 6, 8), day(793, 6, 8))]
    #[case("1066-10-14", day(1066, 10, 14), day(1066, 10, 14))]
    #[case("19 August AD 14", day(14, 8, 19), day(14, 8, 19))]
    #[case("14", day(14, 1, 1), day(14, 12, 31))]
    // The calendar's ends.
    #[case("10000 BC", day(-9999, 1, 1), day(-9999, 12, 31))]
    #[case("-9999-01-01", day(-9999, 1, 1), day(-9999, 1, 1))]
    #[case("9999-12-31", day(9999, 12, 31), day(9999, 12, 31))]
    // Decades and centuries.
    #[case("1950s", day(1950, 1, 1), day(1959, 12, 31))]
    #[case("the 1950s", day(1950, 1, 1), day(1959, 12, 31))]
    #[case("440s BC", day(-448, 1, 1), day(-439, 12, 31))]
    #[case("11th century", day(1001, 1, 1), day(1100, 12, 31))]
    #[case("5th century BC", day(-499, 1, 1), day(-400, 12, 31))]
    #[case("1st century", day(1, 1, 1), day(100, 12, 31))]
    #[case("1st century BC", day(-99, 1, 1), day(0, 12, 31))]
    #[case("20th century AD", day(1901, 1, 1), day(2000, 12, 31))]
    #[case("100th century BC", day(-9999, 1, 1), day(-9900, 12, 31))]
    // Circa keeps the written range.
    #[case("c. 1066", day(1066, 1, 1), day(1066, 12, 31))]
    #[case("c. 14 October 1066", day(1066, 10, 14), day(1066, 10, 14))]
    // Intervals, across the era boundary too.
    #[case("-0043/0014", day(-43, 1, 1), day(14, 12, 31))]
    #[case("44 BC/AD 14", day(-43, 1, 1), day(14, 12, 31))]
    #[case("c. 1200/1250", day(1200, 1, 1), day(1250, 12, 31))]
    fn deck_dates(#[case] text: &str, #[case] first: CivilDate, #[case] last: CivilDate) {
        let date = DeckDate::parse(text).unwrap();
        assert_eq!(date.range, DayRange { first, last });
        assert_eq!(date.written, text);
    }

    #[rstest]
    #[case("c. 1066", true)]
    #[case("ca. 1066", true)]
    #[case("circa 1066", true)]
    #[case("c.1066", true)]
    #[case("Circa March 1066", true)]
    #[case("c. 1066-10-14", true)]
    #[case("c. 1200/1250", true)]
    #[case("1200/c. 1250", true)]
    #[case("1066", false)]
    #[case("793 CE", false)]
    fn circa_is_recorded(#[case] text: &str, #[case] approximate: bool) {
        assert_eq!(DeckDate::parse(text).unwrap().approximate, approximate);
    }

    #[rstest]
    #[case(
        "1953-02-30",
        "February 1953 has only 28 days, so day 30 does not exist"
    )]
    #[case("1953-13", "there is no month 13; months run from 01 to 12")]
    #[case(
        "1953-03-05/1953-03-01",
        "the interval `1953-03-05/1953-03-01` ends before it starts; write the earlier date first"
    )]
    #[case(
        "1100-02-29",
        "29 February 1100 does not exist: 1100 is not a leap year in the proleptic Gregorian \
         calendar tribune uses (though the Julian calendar had the day)"
    )]
    #[case(
        "-0100-02-29",
        "29 February 101 BC does not exist: 101 BC is not a leap year in the proleptic \
         Gregorian calendar tribune uses (though the proleptic Julian calendar has the day)"
    )]
    #[case(
        "1953-02-29",
        "February 1953 has only 28 days, so day 29 does not exist"
    )]
    #[case("1953-03-00", "there is no day 0; days of the month start at 1")]
    #[case(
        "-9999-09-99",
        "September 10000 BC has only 30 days, so day 99 does not exist"
    )]
    #[case(
        "12000",
        "`12000` is out of range: tribune's calendar runs from 10000 BC to AD 9999 (-9999 to \
         9999 in ISO form)"
    )]
    #[case("-10000", "`-10000` is out of range")]
    #[case("10001 BC", "`10001 BC` is out of range")]
    #[case("99999999999999999999", "is out of range")]
    #[case("100th century", "`100th century` is out of range")]
    #[case("101st century BC", "`101st century BC` is out of range")]
    #[case(
        "1953-3-5",
        "`1953-3-5` is not a date: write the month and the day with two digits"
    )]
    #[case(
        "5 March 53",
        "`53` is short for a year: write all four digits, or AD 53"
    )]
    #[case("AD 0", "there is no year 0: 1 BC is followed by AD 1")]
    #[case("0 BC", "there is no year 0")]
    #[case("1955s", "`1955s` is not a decade: a decade ends in 0, as in `1950s`")]
    #[case("50s", "`50s` is short: write all four digits, or AD 50s")]
    #[case("0th century", "there is no 0th century")]
    #[case("44 BC AD", "names two eras")]
    #[case("-44 BC", "`-44`: no minus in written years; write `44 BC`")]
    #[case("March -1953", "`-1953`: no minus in written years; write `44 BC`")]
    #[case(
        "spring 1956",
        "`spring 1956` is a season, which only the date prompt reads; write its months: \
         `1956-03/1956-05`"
    )]
    #[case("winter 1956", "write its months: `1955-12/1956-02`")]
    #[case("5 March", "`5 March` has no year; a deck date needs one")]
    #[case("c.", "needs a date after it")]
    #[case("c. October", "circa needs a year")]
    #[case("Smarch 1953", "no month called `Smarch`")]
    #[case("Ides of March 44 BC", "`Ides of March 44 BC` is not a date")]
    #[case("the Ides of March", "`the Ides of March` is not a date")]
    #[case("", "is not a date")]
    #[case("1953/", "is not a date")]
    #[case("1953-03-05-01", "is not a date")]
    fn bad_deck_dates(#[case] text: &str, #[case] message: &str) {
        let err = DeckDate::parse(text).unwrap_err();
        assert!(err.contains(message), "{text:?}: {err}");
    }

    #[test]
    fn a_julian_leap_day_is_converted_in_the_hint() {
        // Julian and Gregorian differ by 6 days from 1 March 1000 to 28 February 1100 (Julian),
        // so Julian 28 February 1100 is Gregorian 6 March and Julian 29 February is 7 March.
        let date = DeckDate::read("1100-02-29");
        let hint = date.problem.unwrap().hint;
        assert_eq!(
            hint.as_deref(),
            Some(
                "if the source uses the Julian calendar, write the same day as tribune counts \
                 it: `1100-03-07`"
            )
        );
    }

    #[rstest]
    // The reform: Thursday 4 October 1582 (Julian) was followed by Friday 15 October.
    #[case((1582, 10, 5), day(1582, 10, 15))]
    #[case((1100, 2, 29), day(1100, 3, 7))]
    // In the 1st century the Julian calendar ran two days behind: 1 January AD 1 (Julian) is
    // 30 December 1 BC (Gregorian).
    #[case((1, 1, 1), day(0, 12, 30))]
    #[case((1953, 3, 5), day(1953, 3, 18))]
    fn julian_days_convert(#[case] julian: (i16, i8, i8), #[case] gregorian: CivilDate) {
        assert_eq!(
            julian_to_gregorian(julian.0, julian.1, julian.2),
            Some(gregorian)
        );
    }

    #[rstest]
    #[case("c. 1066", day(1061, 1, 1), day(1071, 12, 31))]
    #[case("c. 1000", day(950, 1, 1), day(1050, 12, 31))]
    // 500 BC is astronomical -499; ±50 years gives 550 BC to 450 BC.
    #[case("c. 500 BC", day(-549, 1, 1), day(-449, 12, 31))]
    #[case("c. March 1066", day(1066, 1, 1), day(1066, 5, 31))]
    #[case("c. December 1066", day(1066, 10, 1), day(1067, 2, 28))]
    #[case("c. 14 October 1066", day(1066, 10, 7), day(1066, 10, 21))]
    #[case("c. 1950s", day(1945, 1, 1), day(1964, 12, 31))]
    #[case("c. 11th century", day(976, 1, 1), day(1125, 12, 31))]
    // The calendar's first day is as far back as it widens.
    #[case("c. 10000 BC", day(-9999, 1, 1), day(-9949, 12, 31))]
    // Only the circa end widens: c. 1200 is a round hundred, ±50.
    #[case("c. 1200/1250", day(1150, 1, 1), day(1250, 12, 31))]
    #[case("1066", day(1066, 1, 1), day(1066, 12, 31))]
    fn circa_widens_for_matching(
        #[case] text: &str,
        #[case] first: CivilDate,
        #[case] last: CivilDate,
    ) {
        assert_eq!(
            DeckDate::parse(text).unwrap().loose_range(),
            range(first, last)
        );
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
    // Any era.
    #[case("15 March 44 BC", day(-43, 3, 15), day(-43, 3, 15))]
    #[case("March 15, 44 BC", day(-43, 3, 15), day(-43, 3, 15))]
    #[case("March 44 BC", day(-43, 3, 1), day(-43, 3, 31))]
    #[case("44 BC", day(-43, 1, 1), day(-43, 12, 31))]
    #[case("-0043-03-15", day(-43, 3, 15), day(-43, 3, 15))]
    #[case("AD 793", day(793, 1, 1), day(793, 12, 31))]
    #[case("793 AD", day(793, 1, 1), day(793, 12, 31))]
    #[case("793 ce", day(793, 1, 1), day(793, 12, 31))]
    #[case("793", day(793, 1, 1), day(793, 12, 31))]
    #[case("8 June 793", day(793, 6, 8), day(793, 6, 8))]
    #[case("spring 44 BC", day(-43, 3, 1), day(-43, 5, 31))]
    #[case("winter AD 1", day(0, 12, 1), day(1, 2, 28))]
    #[case("1950s", day(1950, 1, 1), day(1959, 12, 31))]
    #[case("11th century", day(1001, 1, 1), day(1100, 12, 31))]
    #[case("5th century BC", day(-499, 1, 1), day(-400, 12, 31))]
    // A circa query is its loose range.
    #[case("c. 1066", day(1061, 1, 1), day(1071, 12, 31))]
    #[case("circa 14 October 1066", day(1066, 10, 7), day(1066, 10, 21))]
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
    #[case("", "type a date, such as `5 March 1953`, `June 1953` or `1956`")]
    #[case("March", "add a year: `March 1953`")]
    #[case("5 March", "add a year: `5 March 1953`")]
    #[case("spring", "add a year: `spring 1953`")]
    #[case(
        "5 March 53",
        "`53` is short for a year: write all four digits, or AD 53"
    )]
    #[case("yesterday", "`yesterday` is not a date; try `5 March 1953`")]
    #[case(
        "1953-02-30",
        "February 1953 has only 28 days, so day 30 does not exist"
    )]
    #[case(
        "29 Feb 1100",
        "1100 is not a leap year in the proleptic Gregorian calendar"
    )]
    #[case(
        "1100-02-29",
        "1100 is not a leap year in the proleptic Gregorian calendar"
    )]
    // Too wide for the prompt with the calendar's full name.
    #[case(
        "29 Feb 9901 BC",
        "9901 BC is not a leap year in tribune's Gregorian calendar"
    )]
    #[case("12000", "`12000` is outside 10000 BC – AD 9999")]
    #[case("-9999-09-99", "September 10000 BC has only 30 days, not 99")]
    #[case("1953/1956", "type one date, not an interval")]
    #[case("AD 0", "there is no year 0: 1 BC is followed by AD 1")]
    #[case(
        "a very long question about nothing",
        "`a very long que…` is not a date; try `5 March 1953`"
    )]
    // Found by `query_messages_fit_the_prompt`: a minus before a non-number once got the
    // minus message, one column too wide and beside the point.
    #[case(
        "-𐆠!00ꬰ𞹉0AA®AAa!",
        "`-𐆠!00ꬰ𞹉0AA®AAa!` is not a date; try `5 March 1953`"
    )]
    fn bad_queries(#[case] text: &str, #[case] message: &str) {
        assert_eq!(DateQuery::parse(text).unwrap_err(), message, "{text:?}");
    }

    #[rstest]
    #[case("1953-03-05", "5 March 1953")]
    #[case("1953-03", "March 1953")]
    #[case("1953", "1953")]
    #[case("1953/1956", "1953–1956")]
    #[case("1953-02-28/1953-03-05", "28 Feb – 5 Mar 1953")]
    #[case("1955-12-31/1956-02-09", "31 Dec 1955 – 9 Feb 1956")]
    #[case("-0043-03-15", "15 March 44 BC")]
    #[case("-0043-03", "March 44 BC")]
    #[case("-0043", "44 BC")]
    #[case("0000", "1 BC")]
    #[case("793-06-08", "8 June 793")]
    #[case("0014-08-19", "19 August AD 14")]
    #[case("5", "AD 5")]
    #[case("c. 1066", "c. 1066")]
    #[case("ca. 14 october 1066", "c. 14 October 1066")]
    #[case("1950s", "1950s")]
    #[case("440s BC", "440s BC")]
    #[case("AD 50s", "AD 50s")]
    #[case("1st century", "1st century")]
    #[case("2nd century", "2nd century")]
    #[case("3rd century BC", "3rd century BC")]
    #[case("11th century", "11th century")]
    #[case("12th century", "12th century")]
    #[case("21st century", "21st century")]
    #[case("5th century BC", "5th century BC")]
    #[case("-0049/-0043", "50–44 BC")]
    #[case("-0043/0014", "44 BC – AD 14")]
    #[case("-0499/1500", "500 BC – AD 1500")]
    #[case("0014/0037", "AD 14–37")]
    #[case("-0043-02-28/-0043-03-05", "28 Feb – 5 Mar 44 BC")]
    #[case("-0043-03-15/0014-08-19", "15 Mar 44 BC – 19 Aug AD 14")]
    #[case("c. 1200/1250", "c. 1200 – 1250")]
    #[case("1950s/1960s", "1950s – 1960s")]
    fn human_readings(#[case] text: &str, #[case] human: &str) {
        assert_eq!(DeckDate::parse(text).unwrap().human(), human);
    }

    /// 5 March 1953 to 25 February 1956 would hold 29 February only in 1956, after its end; this
    /// span runs from 28 February 1953 to 31 January 1954.
    fn fixture_span() -> DayRange {
        range(day(1953, 2, 28), day(1954, 1, 31))
    }

    fn one(range: DayRange, label: &str) -> Resolved {
        Resolved::One(Candidate {
            range,
            label: label.to_owned(),
        })
    }

    #[rstest]
    #[case(
        "23 Oct",
        one(range(day(1953, 10, 23), day(1953, 10, 23)), "23 October 1953")
    )]
    #[case(
        "Oct 23",
        one(range(day(1953, 10, 23), day(1953, 10, 23)), "23 October 1953")
    )]
    #[case(
        "October",
        one(range(day(1953, 10, 1), day(1953, 10, 31)), "October 1953")
    )]
    // January 1953 ends before the span begins; January 1954 is its last month.
    #[case(
        "January",
        one(range(day(1954, 1, 1), day(1954, 1, 31)), "January 1954")
    )]
    // February 1953 touches the span on its last day; February 1954 is after it.
    #[case(
        "february",
        one(range(day(1953, 2, 1), day(1953, 2, 28)), "February 1953")
    )]
    #[case(
        "28 Feb",
        one(range(day(1953, 2, 28), day(1953, 2, 28)), "28 February 1953")
    )]
    #[case("spring", one(range(day(1953, 3, 1), day(1953, 5, 31)), "spring 1953"))]
    // With a year, the span does not matter.
    #[case(
        "5 March 1956",
        one(range(day(1956, 3, 5), day(1956, 3, 5)), "5 March 1956")
    )]
    #[case("c. 1066", one(range(day(1061, 1, 1), day(1071, 12, 31)), "c. 1066"))]
    #[case("spring 44 BC", one(range(day(-43, 3, 1), day(-43, 5, 31)), "spring 44 BC"))]
    fn resolve_finds_the_one_year(#[case] input: &str, #[case] expected: Resolved) {
        assert_eq!(DateQuery::resolve(input, &fixture_span()), Ok(expected));
    }

    #[test]
    fn resolve_lists_every_year_that_fits() {
        // Winter 1953 (Dec 1952 – Feb 1953) touches 28 Feb 1953; winter 1954 (Dec 1953 –
        // Feb 1954) holds the span's last two months; winter 1955 begins after it.
        let expected = Resolved::Several(vec![
            Candidate {
                range: range(day(1952, 12, 1), day(1953, 2, 28)),
                label: "winter 1953".to_owned(),
            },
            Candidate {
                range: range(day(1953, 12, 1), day(1954, 2, 28)),
                label: "winter 1954".to_owned(),
            },
        ]);
        assert_eq!(DateQuery::resolve("winter", &fixture_span()), Ok(expected));

        // The two deaths: 5 March 1953 to 25 February 1956. 4 March 1953 is a day early and
        // 4 March 1956 too late, leaving 1954 and 1955.
        let deaths = range(day(1953, 3, 5), day(1956, 2, 25));
        let Ok(Resolved::Several(found)) = DateQuery::resolve("4 March", &deaths) else {
            panic!("two candidates expected");
        };
        let labels: Vec<&str> = found.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["4 March 1954", "4 March 1955"]);
        assert_eq!(found[0].range, range(day(1954, 3, 4), day(1954, 3, 4)));
    }

    #[test]
    fn resolve_reads_a_span_before_the_era() {
        let span = range(day(-43, 1, 1), day(-43, 12, 31));
        assert_eq!(
            DateQuery::resolve("15 March", &span),
            Ok(one(
                range(day(-43, 3, 15), day(-43, 3, 15)),
                "15 March 44 BC"
            ))
        );
    }

    #[rstest]
    // 1953 and 1954 are not leap years.
    #[case("29 Feb", "no 29 February in the deck's span (1953–1954)")]
    #[case("31 April", "April has only 30 days, so day 31 does not exist")]
    #[case("30 February", "February has only 29 days, so day 30 does not exist")]
    #[case("Smarch", "`Smarch` is not a date; try `5 March 1953`")]
    #[case("", "type a date, such as `5 March 1953`, `June 1953` or `1956`")]
    #[case("c. October", "circa needs a year: `c. October` is too vague")]
    fn resolve_says_why_nothing_fits(#[case] input: &str, #[case] message: &str) {
        assert_eq!(
            DateQuery::resolve(input, &fixture_span()),
            Err(message.to_owned())
        );
    }

    #[test]
    fn resolve_in_a_span_of_one_day_outside_it() {
        let span = range(day(1953, 3, 5), day(1953, 3, 5));
        assert_eq!(
            DateQuery::resolve("October", &span),
            Err("no October in the deck's span (1953)".to_owned())
        );
    }

    /// Deck dates drawn from every precision and era, as (ISO or written text).
    fn any_deck_date() -> impl Strategy<Value = String> {
        let year = -9999i16..=9999;
        prop_oneof![
            (year.clone(), 1i8..=12, 1i8..=31).prop_map(|(y, m, d)| iso(y, Some(m), Some(d))),
            (year.clone(), 1i8..=12).prop_map(|(y, m)| iso(y, Some(m), None)),
            year.prop_map(|y| iso(y, None, None)),
            (1i16..=999, any::<bool>()).prop_map(|(n, bc)| format!(
                "{}s{}",
                n * 10,
                if bc { " BC" } else { " AD" }
            )),
            (1i16..=99, any::<bool>())
                .prop_map(|(n, bc)| format!("{n}th century{}", if bc { " BC" } else { "" })),
        ]
        .prop_flat_map(|text| prop_oneof![Just(text.clone()), Just(format!("c. {text}"))])
    }

    fn iso(year: i16, month: Option<i8>, day: Option<i8>) -> String {
        let mut text = if year < 0 {
            format!("-{:04}", -i32::from(year))
        } else {
            format!("{year:04}")
        };
        for part in [month, day].into_iter().flatten() {
            text = format!("{text}-{part:02}");
        }
        text
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

        /// Every message the prompt can show fits its box, whatever was typed.
        #[test]
        fn query_messages_fit_the_prompt(
            s in prop_oneof![
                "\\PC{0,60}",
                "(c\\. )?([0-9]{1,12}(st|th)? )?(Feb|March|spring|winter|century|BC|AD|s)? ?[0-9-]{0,12}( BC| AD)?",
                "[0-9]{1,8}-[0-9]{1,3}-[0-9]{1,3}",
                "-?[0-9]{1,5}-[0-9]{2}-[0-9]{2}",
            ],
            first in -9999i16..=9999,
            years in 0i16..=30,
        ) {
            let span = range(day(first, 1, 1), day(first.saturating_add(years).min(9999), 12, 31));
            for err in [DateQuery::parse(&s).err(), DateQuery::resolve(&s, &span).err()]
                .into_iter()
                .flatten()
            {
                prop_assert!(
                    err.width() <= QUERY_MESSAGE_WIDTH,
                    "{s:?}: {} columns: {err}", err.width()
                );
            }
        }

        #[test]
        fn every_real_day_parses_back(y in -9999i16..=9999, m in 1i8..=12, d in 1i8..=31) {
            let text = iso(y, Some(m), Some(d));
            let valid = CivilDate::new(y, m, d).is_ok();
            prop_assert_eq!(DeckDate::parse(&text).is_ok(), valid);
        }

        /// What `human()` prints is itself a deck date meaning the same days, circa or not, and
        /// reads the same again.
        #[test]
        fn deck_dates_round_trip_through_their_reading(text in any_deck_date()) {
            if let Ok(date) = DeckDate::parse(&text) {
                let human = date.human();
                let again = DeckDate::parse(&human);
                prop_assert!(again.is_ok(), "{text:?} reads {human:?}, which does not parse");
                let again = again.unwrap();
                prop_assert_eq!(again.range, date.range, "{:?} → {:?}", text, human);
                prop_assert_eq!(again.approximate, date.approximate);
                prop_assert_eq!(again.loose_range(), date.loose_range());
                prop_assert_eq!(again.human(), human);
            }
        }

        /// A circa date's loose range holds its written range; an exact date's is the same.
        #[test]
        fn loose_ranges_hold_the_written_range(text in any_deck_date()) {
            if let Ok(date) = DeckDate::parse(&text) {
                let loose = date.loose_range();
                prop_assert!(date.range.is_within(&loose));
                prop_assert_eq!(loose == date.range, !date.approximate);
            }
        }
    }
}
