//! The deck's model: what a lecturer writes in RON, as plain serde types (the deck, its parts,
//! slides and blocks, prose that can hold no control characters, durations, the end of a class).
//! Knows nothing of files, terminals or the app's state.

use std::fmt;
use std::hash::{Hash, Hasher};

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};

use super::clock::TimeOfDay;
use super::date::{DayRange, DeckDate};

/// A whole presentation.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deck {
    /// Shown on the title slide and in the terminal title.
    pub title: Prose,
    /// A second line under the title.
    #[serde(default)]
    pub subtitle: Option<Prose>,
    /// Who gives the lecture.
    #[serde(default)]
    pub author: Option<Prose>,
    /// The stretch of time the timeline sidebar draws; slides outside it are flashbacks.
    pub span: DeckDate,
    /// Dates the timeline always labels (the two deaths).
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    /// How long the whole talk should take (`50m`, `1h30m`): the rehearsal budget, shared
    /// among the slides that have no `duration` of their own.
    #[serde(default)]
    pub duration: Option<Seconds>,
    /// When a class given from the deck ends: `50m` after the talk starts, or `until 10:45`
    /// on the clock; `--length` and `--until` override it. The status bar counts down to it.
    #[serde(default)]
    pub class: Option<ClassEnd>,
    /// The colour theme to present in (`dark`, `light`, `projector`, or a theme file's path);
    /// `--theme` overrides it.
    #[serde(default)]
    pub theme: Option<Prose>,
    /// The lecture's parts, in order; each holds its slides.
    pub parts: Vec<Part>,
}

/// A date the timeline always labels.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// When it happened.
    pub date: DeckDate,
    /// A short label ("Stalin dies").
    pub label: Prose,
}

/// A part of the lecture (Part I, Part II); Tab jumps between them.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// Short identifier (`first-death`), printed by `outline`.
    pub id: Prose,
    /// Shown on the part's divider and in the status bar.
    pub title: Prose,
    /// A line under the title.
    #[serde(default)]
    pub subtitle: Option<Prose>,
    /// The slides of this part, in order.
    #[serde(default)]
    pub slides: Vec<Slide>,
}

/// How a list with a date column (`outline`, the overview) marks a slide without a date.
pub const UNDATED: &str = "—";

/// One slide.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Hash)]
#[serde(deny_unknown_fields)]
pub struct Slide {
    /// Optional identifier, unique in the deck.
    #[serde(default)]
    pub id: Option<Prose>,
    /// The slide's heading.
    pub title: Prose,
    /// How the slide is laid out (`"title"`, `"section"`, `"default"`); without one, the
    /// first slide of the deck is the title slide and the first of each later part a section
    /// divider (see `layout/slide.rs`).
    #[serde(default)]
    pub layout: Option<Layout>,
    /// The moment the slide is about: where a date jump lands and where the timeline marks it.
    /// A slide without one (the title slide, a part divider) is on no row of the timeline and
    /// no date jump lands on it; see `deck/timeline.rs`.
    #[serde(default)]
    pub date: Option<DeckDate>,
    /// What the display calls the date instead of the computed text ("the Ides of March");
    /// `date` still places the slide. See [`Slide::shown_date`].
    #[serde(default)]
    pub date_label: Option<Prose>,
    /// A wider stretch the slide covers, drawn as a bar on the timeline (only with a `date`).
    #[serde(default)]
    pub span: Option<DeckDate>,
    /// Deliberately outside the story's flow (a flashback or flash-forward): no span warning.
    #[serde(default)]
    pub flashback: bool,
    /// What the audience sees.
    #[serde(default)]
    pub body: Vec<Block>,
    /// What the lecturer reads in the notes pane.
    #[serde(default)]
    pub notes: Option<Prose>,
    /// How long the lecturer means to spend on the slide (`90s`, `2m`, `1m30s`).
    #[serde(default)]
    pub duration: Option<Seconds>,
    /// Where the slide's claims come from.
    #[serde(default)]
    pub sources: Vec<Prose>,
    /// What was wrong in the slide as first written and what it says now: an editor's record,
    /// kept out of the notes and shown only when asked (`tribune errata`, a key in the notes).
    #[serde(default)]
    pub corrections: Vec<Correction>,
}

/// How a slide is laid out, when it says so (`layout: "section"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Layout {
    /// The deck's title slide: the title in large type, the deck's subtitle and author under it.
    Title,
    /// A section divider: the title in large type, the part's subtitle under it.
    Section,
    /// An ordinary slide: a bold title, a rule, the body.
    Default,
}

impl Layout {
    /// The names a deck writes, in the order a hint lists them.
    pub const NAMES: &'static [&'static str] = &["title", "section", "default"];

    /// The layout `name` names, if any.
    pub fn from_name(name: &str) -> Option<Layout> {
        match name {
            "title" => Some(Layout::Title),
            "section" => Some(Layout::Section),
            "default" => Some(Layout::Default),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Layout {
    /// A string naming a layout; any other is refused as serde refuses an unknown variant,
    /// so the loader points at it with a did-you-mean hint, as for an unknown block kind.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Layout::from_name(&name).ok_or_else(|| de::Error::unknown_variant(&name, Layout::NAMES))
    }
}

/// One correction of a slide: what the original read, what the deck says now, and why.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Hash)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// What the original slide read.
    pub was: Prose,
    /// What the deck says now.
    pub now: Prose,
    /// Why it changed, when that is not obvious.
    #[serde(default)]
    pub why: Option<Prose>,
}

impl Slide {
    /// The number of reveal steps: one more than the number of `Pause` blocks at top level.
    pub fn steps(&self) -> usize {
        1 + self
            .body
            .iter()
            .filter(|b| matches!(b, Block::Pause))
            .count()
    }

    /// The date as the slide shows it: its `date_label` when it has one that is not blank,
    /// else the date in words (`15 March 44 BC`, `c. 1066`); `None` for a slide that shows no
    /// date. Only for display: placing the slide and matching queries use `date`.
    pub fn shown_date(&self) -> Option<String> {
        match (&self.date_label, &self.date) {
            (Some(label), _) if !label.as_str().trim().is_empty() => {
                Some(label.as_str().to_owned())
            }
            (_, Some(date)) => Some(date.human()),
            (_, None) => None,
        }
    }

    /// The days the slide's date covers, when it has one.
    pub fn range(&self) -> Option<DayRange> {
        self.date.as_ref().map(|d| d.range)
    }

    /// The day range the slide touches: its date, widened by its span; `None` when undated.
    pub fn extent(&self) -> Option<DayRange> {
        let date = self.range()?;
        Some(match &self.span {
            Some(span) => date.union(&span.range),
            None => date,
        })
    }
}

/// A piece of slide content.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Hash)]
#[serde(deny_unknown_fields)]
pub enum Block {
    /// A paragraph; `**bold**` and `*italic*` inside are honoured.
    Text(Prose),
    /// A bullet list; an item may carry one level of sub-items.
    Bullets(Vec<Bullet>),
    /// A quotation and who said it.
    Quote {
        /// The words quoted.
        text: Prose,
        /// Who said or wrote them, and when.
        #[serde(default)]
        by: Option<Prose>,
    },
    /// A document excerpt kept line for line, in its own language (`ru`, `zh-Hant`, `en`).
    Excerpt {
        /// BCP 47 language tag, shown beside the excerpt.
        lang: Prose,
        /// The document's text; its line breaks are kept.
        text: Prose,
        /// Which document it is.
        #[serde(default)]
        source: Option<Prose>,
    },
    /// Two columns of blocks side by side.
    Columns {
        /// Blocks of the left column.
        left: Vec<Block>,
        /// Blocks of the right column.
        right: Vec<Block>,
    },
    /// A picture (PNG or JPEG), drawn as large as the slide leaves room for.
    Image {
        /// The file, relative to the deck's own folder.
        path: Prose,
        /// What the picture shows, in words: shown wherever the picture cannot be.
        alt: Prose,
        /// A line under the picture.
        #[serde(default)]
        caption: Option<Prose>,
    },
    /// A table: a header row and rows of as many cells, wrapped to the width there is.
    Table {
        /// The column headings.
        header: Vec<Prose>,
        /// The rows, each with one cell per heading.
        rows: Vec<Vec<Prose>>,
    },
    /// A map of the world zoomed to the places given, each marked and named.
    Map {
        /// The places, with their coordinates.
        places: Vec<Place>,
    },
    /// Incremental reveal: what follows appears at the next press of "next".
    Pause,
}

impl Block {
    /// What the block counts for when a talk's time is shared among its slides: the words a
    /// speaker says about it. Text counts its words; a document, a picture, a map or a table
    /// is shown rather than read out and counts for what is said about it.
    pub fn spoken_words(&self) -> usize {
        let words = |t: &str| t.split_whitespace().count();
        match self {
            Block::Text(t) => words(t.as_str()),
            Block::Bullets(items) => items
                .iter()
                .map(|Bullet { text, children }| {
                    words(text.as_str()) + children.iter().map(|c| words(c.as_str())).sum::<usize>()
                })
                .sum(),
            Block::Quote { text, by } => {
                words(text.as_str()) + by.as_ref().map_or(0, |b| words(b.as_str()))
            }
            // A document is shown, not read out: count a fraction of it.
            Block::Excerpt { text, .. } => words(text.as_str()) / 4,
            Block::Columns { left, right } => {
                left.iter().chain(right).map(Block::spoken_words).sum()
            }
            // A picture or a map is talked about: as much time as a short paragraph.
            Block::Image { caption, .. } => 20 + caption.as_ref().map_or(0, |c| words(c.as_str())),
            Block::Map { places } => 10 + 5 * places.len(),
            // Figures are read, not every cell aloud.
            Block::Table { header, rows } => {
                let cells: usize = rows.iter().flatten().map(|c| words(c.as_str())).sum();
                header.len() + cells / 2
            }
            Block::Pause => 0,
        }
    }
}

/// A place on a `Map`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Hash)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// Its name, written beside its mark.
    pub name: Prose,
    /// Latitude in degrees, north positive (from -90 to 90).
    pub lat: Degrees,
    /// Longitude in degrees, east positive (from -180 to 180).
    pub lon: Degrees,
}

/// An angle in degrees as a deck writes it (`47.50`), kept in millionths of a degree (about a
/// decimetre on the ground): whole numbers keep the deck's types comparable (`Eq`) and a
/// deck's fingerprint stable. A value outside the range of a coordinate is kept as written for
/// validation to report at its place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Degrees(i64);

impl Degrees {
    /// Millionths of a degree in one degree.
    const SCALE: f64 = 1_000_000.0;

    /// From degrees; `None` for a value no coordinate can have (infinite, not a number, or
    /// beyond a full turn many times over).
    pub fn from_f64(value: f64) -> Option<Degrees> {
        #[allow(clippy::cast_possible_truncation)]
        (value.is_finite() && value.abs() <= 1e6)
            .then(|| Degrees((value * Self::SCALE).round() as i64))
    }

    /// In degrees.
    #[allow(clippy::cast_precision_loss)]
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / Self::SCALE
    }
}

impl<'de> Deserialize<'de> for Degrees {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = f64::deserialize(deserializer)?;
        Degrees::from_f64(value)
            .ok_or_else(|| de::Error::custom(format!("{value} is not a number of degrees")))
    }
}

/// A bullet, written `"text"` or `("text", ["sub-item", ...])`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Bullet {
    /// The item's text.
    pub text: Prose,
    /// Sub-items, one level deep.
    pub children: Vec<Prose>,
}

impl<'de> Deserialize<'de> for Bullet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A hand-written visitor instead of `#[serde(untagged)]`: untagged buffers the input and
        // loses the position and the message of any error inside the item.
        struct BulletVisitor;
        impl<'de> Visitor<'de> for BulletVisitor {
            type Value = Bullet;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(r#"a bullet: "text" or ("text", ["sub-item", ...])"#)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Bullet, E> {
                Ok(Bullet {
                    text: Prose::checked(v).map_err(E::custom)?,
                    children: Vec::new(),
                })
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Bullet, E> {
                self.visit_str(&v)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Bullet, A::Error> {
                let text: Prose = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(0, &self))?;
                let children: Vec<Prose> = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(1, &self))?;
                if seq.next_element::<de::IgnoredAny>()?.is_some() {
                    return Err(de::Error::invalid_length(3, &self));
                }
                Ok(Bullet { text, children })
            }
        }
        deserializer.deserialize_any(BulletVisitor)
    }
}

/// Deck text: a string guaranteed free of control characters other than newline, so nothing in
/// a deck can send escape sequences to the terminal.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Prose(String);

impl Prose {
    /// Accepts `text` unless it holds a control character (newline is allowed; a tab becomes
    /// spaces at render time, so it is allowed too).
    pub fn checked(text: &str) -> Result<Prose, String> {
        match text
            .chars()
            .find(|&c| c.is_control() && c != '\n' && c != '\t')
        {
            Some(c) => Err(format!(
                "text contains the control character U+{:04X}; decks may not hold control characters \
                 (they could drive the terminal)",
                u32::from(c)
            )),
            None => Ok(Prose(text.to_owned())),
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Prose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Prose {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Prose::checked(&text).map_err(de::Error::custom)
    }
}

impl<'de> Deserialize<'de> for DeckDate {
    /// A string that is not a date still deserializes, holding its problem, so the loader can
    /// report every bad date in one run, each at its place; `parse_deck` refuses such a deck.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(DeckDate::read(&text))
    }
}

/// A duration in whole seconds, written `90s`, `2m`, `1m30s` or `1h5m`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Seconds(pub u32);

impl Seconds {
    /// Parses `90s`, `2m`, `1m30s`, `1h5m`.
    pub fn parse(text: &str) -> Result<Seconds, String> {
        let bad = || format!("`{text}` is not a duration; write it like `90s`, `2m` or `1m30s`");
        let mut total: u32 = 0;
        let mut digits = String::new();
        let mut any_unit = false;
        for c in text.trim().chars() {
            if c.is_ascii_digit() {
                digits.push(c);
                continue;
            }
            let unit = match c {
                'h' => 3600,
                'm' => 60,
                's' => 1,
                _ => return Err(bad()),
            };
            let n: u32 = digits.parse().map_err(|_| bad())?;
            total = n
                .checked_mul(unit)
                .and_then(|v| total.checked_add(v))
                .ok_or_else(bad)?;
            digits.clear();
            any_unit = true;
        }
        if !digits.is_empty() || !any_unit {
            return Err(bad());
        }
        Ok(Seconds(total))
    }
}

impl Seconds {
    /// As a `Duration`.
    pub fn duration(self) -> std::time::Duration {
        std::time::Duration::from_secs(u64::from(self.0))
    }
}

impl<'de> Deserialize<'de> for Seconds {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Seconds::parse(&text).map_err(de::Error::custom)
    }
}

/// When a class ends: a length from the start of the talk, or a time on the clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClassEnd {
    /// So long after the talk starts (its first move): `50m`.
    Length(Seconds),
    /// At this time of day: `until 10:45`.
    Until(TimeOfDay),
}

impl ClassEnd {
    /// Reads a deck's `class` setting: `50m` (a length) or `until 10:45` (a time of day).
    pub fn parse(text: &str) -> Result<ClassEnd, String> {
        let trimmed = text.trim();
        if let Some(time) = trimmed.strip_prefix("until")
            && time.starts_with(char::is_whitespace)
        {
            return TimeOfDay::parse(time).map(ClassEnd::Until);
        }
        if trimmed.contains(':') {
            return Err(format!(
                "`{text}` is not a class length or end; write a time of day with `until`, \
                 like `until 10:45`"
            ));
        }
        Seconds::parse(trimmed).map(ClassEnd::Length).map_err(|_| {
            format!(
                "`{text}` is not a class length or end; write it like `50m`, `1h30m` or \
                 `until 10:45`"
            )
        })
    }
}

impl<'de> Deserialize<'de> for ClassEnd {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        ClassEnd::parse(&text).map_err(de::Error::custom)
    }
}

impl Deck {
    /// All slides in deck order.
    pub fn slides(&self) -> impl Iterator<Item = &Slide> {
        self.parts.iter().flat_map(|p| p.slides.iter())
    }

    /// Number of slides in the deck.
    pub fn slide_count(&self) -> usize {
        self.parts.iter().map(|p| p.slides.len()).sum()
    }

    /// The slide at a 0-based deck-wide index.
    pub fn slide(&self, index: usize) -> Option<&Slide> {
        self.slides().nth(index)
    }

    /// The index of the part holding a given slide.
    pub fn part_of(&self, index: usize) -> usize {
        let mut start = 0;
        for (p, part) in self.parts.iter().enumerate() {
            start += part.slides.len();
            if index < start {
                return p;
            }
        }
        self.parts.len().saturating_sub(1)
    }

    /// The deck-wide index of a part's first slide.
    pub fn part_start(&self, part: usize) -> usize {
        self.parts.iter().take(part).map(|p| p.slides.len()).sum()
    }

    /// A fingerprint of everything the slides hold, so that two processes can tell whether they
    /// hold the same version of a deck.
    pub fn fingerprint(&self) -> u64 {
        // Everything a slide shows, so that an audience window notices any edit: each slide
        // hashed whole, field by field.
        let mut hash = Fnv(FNV_OFFSET);
        for s in self.slides() {
            s.hash(&mut hash);
        }
        hash.0
    }
}

/// FNV-1a's starting value.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a over text written into it.
struct Fnv(u64);

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = bytes.iter().fold(self.0, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// FNV-1a: a hash that is stable across runs and platforms, unlike the std hasher.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case("90s", 90)]
    #[case("2m", 120)]
    #[case("1m30s", 90)]
    #[case("1h5m", 3900)]
    fn durations(#[case] text: &str, #[case] secs: u32) {
        assert_eq!(Seconds::parse(text), Ok(Seconds(secs)));
    }

    #[rstest]
    #[case("90")]
    #[case("m")]
    #[case("1x")]
    #[case("")]
    #[case("99999999999h")]
    fn bad_durations(#[case] text: &str) {
        assert!(Seconds::parse(text).is_err());
    }

    #[test]
    fn prose_rejects_escape_but_keeps_newlines() {
        assert!(Prose::checked("a\nb").is_ok());
        let err = Prose::checked("a\u{1b}[2Jb").unwrap_err();
        assert!(err.contains("U+001B"), "{err}");
    }

    #[rstest]
    #[case("50m", ClassEnd::Length(Seconds(3000)))]
    #[case("1h30m", ClassEnd::Length(Seconds(5400)))]
    #[case("until 10:45", ClassEnd::Until(TimeOfDay::hm(10, 45)))]
    #[case("  until   9:05 ", ClassEnd::Until(TimeOfDay::hm(9, 5)))]
    fn class_ends(#[case] text: &str, #[case] end: ClassEnd) {
        assert_eq!(ClassEnd::parse(text), Ok(end));
    }

    #[rstest]
    #[case("10:45", "with `until`")]
    #[case("until", "like `50m`")]
    #[case("until10:45", "with `until`")]
    #[case("until 25:00", "is not a time of day")]
    #[case("fifty minutes", "like `50m`")]
    fn bad_class_ends(#[case] text: &str, #[case] says: &str) {
        let e = ClassEnd::parse(text).unwrap_err();
        assert!(e.contains(says), "{e}");
    }
}
