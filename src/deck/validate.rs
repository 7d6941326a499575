//! Checks that a deck which parsed also makes sense: every date readable, no empty parts, unique
//! ids, dates inside the timeline's span. Errors stop the deck; warnings are shown and the deck
//! still presents. Every error is reported, in line order, then every warning, in line order.
//!
//! serde does not keep positions, so the places are found again with [`super::scan`], which lists
//! every `Slide(`, `Part(` and `Quote(` in file order, the order serde read them in. A deck that
//! leaves out these names (RON allows that) gets messages pointing at its first line instead.
//! A bad date is found by its key and its text among the strings the scanner saw after `date:`
//! and `span:` keys; two bad dates with the same key and text get the same message, so which
//! of them is matched to which place cannot change what is printed.

use std::cell::OnceCell;
use std::collections::HashMap;

use super::date::DeckDate;
use super::diagnostic::{Diagnostic, Severity, SourceLines};
use super::model::{Block, Deck, Slide};
use super::scan::{Pos, Scan, list_items, scan, value_of};

/// Returns (errors, warnings) for a parsed deck.
pub(super) fn check(deck: &Deck, name: &str, source: &str) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let places = Places::scan(source);
    let lines = SourceLines::new(source);
    let at = |severity, (line, column): (usize, usize), message: String| {
        Diagnostic::in_lines(severity, name, &lines, line, column, message)
    };
    let mut errors = date_errors(deck, &places, name, source);
    let mut warnings = Vec::new();

    if deck.parts.is_empty() || deck.slide_count() == 0 {
        errors.push(
            at(
                Severity::Error,
                places.key("parts"),
                "the deck has no slides".to_owned(),
            )
            .with_hint("add a `Part(id: ..., title: ..., slides: [Slide(...)])` to `parts`"),
        );
    }

    part_errors(deck, &places, &mut |pos, message, hint| {
        let d = at(Severity::Error, pos, message);
        errors.push(match hint {
            Some(h) => d.with_hint(h),
            None => d,
        });
    });

    let mut slide_ids: HashMap<&str, usize> = HashMap::new();
    let mut quotes = 0;
    let mut counts = BlockCounts::default();
    for (i, slide) in deck.slides().enumerate() {
        let pos = || places.nth("Slide", i);
        let number = i + 1;
        if let Some(id) = &slide.id
            && let Some(first) = slide_ids.insert(id.as_str(), number)
        {
            errors.push(
                at(
                    Severity::Error,
                    pos(),
                    format!("slide {number} has the id `{id}`, already used by slide {first}"),
                )
                .with_hint("slide ids must be unique; rename one of them"),
            );
        }
        if slide.title.as_str().trim().is_empty() {
            errors.push(at(
                Severity::Error,
                pos(),
                format!("slide {number} has an empty title"),
            ));
        }
        if let Some((severity, message, hint)) = date_issue(deck, slide, number) {
            let d = at(severity, pos(), message).with_hint(hint);
            match severity {
                Severity::Error => errors.push(d),
                Severity::Warning => warnings.push(d),
            }
        }
        if slide
            .notes
            .as_ref()
            .is_none_or(|n| n.as_str().trim().is_empty())
        {
            warnings.push(at(
                Severity::Warning,
                pos(),
                format!("slide {number} (\"{}\") has no speaker notes", slide.title),
            ));
        }
        for message in empty_corrections(slide, number) {
            warnings.push(
                at(Severity::Warning, pos(), message)
                    .with_hint("fill in `was` and `now`, or delete the entry"),
            );
        }
        block_errors(
            &slide.body,
            number,
            &mut counts,
            &places,
            &mut |pos, message, hint| {
                errors.push(at(Severity::Error, pos, message).with_hint(hint));
            },
        );
        quote_warnings(&slide.body, number, &mut quotes, &mut |place, message| {
            warnings.push(
                at(Severity::Warning, places.nth("Quote", place), message)
                    .with_hint("add `by: \"who, when\"`"),
            );
        });
    }
    // Stable sorts: two messages at one place keep the order the checks made them in.
    errors.sort_by_key(|d| (d.line, d.column));
    warnings.sort_by_key(|d| (d.line, d.column));
    (errors, warnings)
}

/// What a slide's dates say against the deck, as (severity, message, hint): a date outside the
/// timeline's span warns unless the slide is a flashback; a span with no date to draw it
/// around is an error. An undated slide is fine as it is: it stands on no row of the timeline.
fn date_issue(
    deck: &Deck,
    slide: &Slide,
    number: usize,
) -> Option<(Severity, String, &'static str)> {
    let Some(date) = &slide.date else {
        return slide.span.is_some().then(|| {
            (
                Severity::Error,
                format!("slide {number} has a `span` but no `date`"),
                "add the `date` the slide is about (its place on the timeline); the span is a \
                 bar drawn around it",
            )
        });
    };
    let dates_read = date.problem().is_none() && deck.span.problem().is_none();
    (dates_read && !slide.flashback && !date.range.is_within(&deck.span.range)).then(|| {
        (
            Severity::Warning,
            format!(
                "slide {number} is dated {date}, outside the timeline's span {}",
                deck.span
            ),
            "mark it `flashback: true` if that is deliberate",
        )
    })
}

/// An error for every date in the deck that could not be read, at the date's text.
fn date_errors(deck: &Deck, places: &Places, name: &str, source: &str) -> Vec<Diagnostic> {
    let mut dates: Vec<(&str, &DeckDate)> = vec![("span", &deck.span)];
    dates.extend(deck.milestones.iter().map(|m| ("date", &m.date)));
    for slide in deck.slides() {
        dates.extend(slide.date.iter().map(|d| ("date", d)));
        dates.extend(slide.span.iter().map(|s| ("span", s)));
    }
    let mut used = Vec::new();
    let mut errors = Vec::new();
    for (key, date) in dates {
        let Some((message, hint)) = date.problem() else {
            continue;
        };
        let (pos, width) = places
            .date_string(key, &date.written, &mut used)
            .unwrap_or(((1, 1), 1));
        let d =
            Diagnostic::at(Severity::Error, name, source, pos.0, pos.1, message).with_width(width);
        errors.push(match hint {
            Some(h) => d.with_hint(h),
            None => d,
        });
    }
    errors
}

/// Empty parts and part ids used twice, as (place, message, hint).
fn part_errors(
    deck: &Deck,
    places: &Places,
    report: &mut impl FnMut((usize, usize), String, Option<&str>),
) {
    let mut part_ids: HashMap<&str, usize> = HashMap::new();
    for (p, part) in deck.parts.iter().enumerate() {
        let pos = || places.nth("Part", p);
        if part.slides.is_empty() {
            report(
                pos(),
                format!("part `{}` has no slides", part.id),
                Some("add slides to it, or delete the part"),
            );
        }
        if let Some(first) = part_ids.insert(part.id.as_str(), p) {
            report(
                pos(),
                format!(
                    "the part id `{}` is already used by part {}",
                    part.id,
                    first + 1
                ),
                None,
            );
        }
    }
}

/// A message for each correction of a slide that leaves `was` or `now` empty.
fn empty_corrections(slide: &Slide, number: usize) -> impl Iterator<Item = String> + '_ {
    slide
        .corrections
        .iter()
        .enumerate()
        .filter_map(move |(k, c)| {
            let missing = if c.was.as_str().trim().is_empty() {
                "read (`was`)"
            } else if c.now.as_str().trim().is_empty() {
                "says now (`now`)"
            } else {
                return None;
            };
            Some(format!(
                "correction {} of slide {number} does not say what the slide {missing}",
                k + 1
            ))
        })
}

/// How many of each kind of block with checks of its own came before, deck-wide: the scanner
/// lists them by name in file order, the order serde read them in.
#[derive(Default)]
struct BlockCounts {
    images: usize,
    tables: usize,
    maps: usize,
}

/// Tables whose rows do not match their header, maps without places or with coordinates off
/// the globe, images without a file: as (place, message, hint).
fn block_errors(
    body: &[Block],
    number: usize,
    counts: &mut BlockCounts,
    places: &Places,
    report: &mut impl FnMut((usize, usize), String, String),
) {
    for_each_block(body, &mut |block| match block {
        Block::Image { path, .. } => {
            if path.as_str().trim().is_empty() {
                report(
                    places.string("path", counts.images),
                    format!("an image on slide {number} has no file"),
                    "write the file's path, relative to the deck: `path: \"portrait.png\"`".into(),
                );
            }
            counts.images += 1;
        }
        Block::Table { header, rows } => {
            let table = places.nth("Table", counts.tables);
            counts.tables += 1;
            if header.is_empty() {
                report(
                    table,
                    format!("a table on slide {number} has no header"),
                    "name each column: `header: [\"Year\", \"Event\"]`".into(),
                );
                return;
            }
            let starts = places.rows_of(table);
            for (r, row) in rows.iter().enumerate() {
                if row.len() != header.len() {
                    let cells = |n: usize| if n == 1 { "cell" } else { "cells" };
                    report(
                        starts.get(r).copied().unwrap_or(table),
                        format!(
                            "row {} of a table on slide {number} has {} {}, but the header has {}",
                            r + 1,
                            row.len(),
                            cells(row.len()),
                            header.len()
                        ),
                        format!(
                            "give every row {} {}; write \"\" for an empty one",
                            header.len(),
                            cells(header.len())
                        ),
                    );
                }
            }
        }
        Block::Map { places: spots } => {
            let map = places.nth("Map", counts.maps);
            counts.maps += 1;
            if spots.is_empty() {
                report(
                    map,
                    format!("a map on slide {number} has no places"),
                    "add one: `places: [(name: \"Budapest\", lat: 47.50, lon: 19.04)]`".into(),
                );
                return;
            }
            let mut starts: Option<Vec<(usize, usize)>> = None;
            for (k, spot) in spots.iter().enumerate() {
                for (key, value, limit, sides) in [
                    ("lat", spot.lat, 90.0, "south to north, -90 to 90"),
                    ("lon", spot.lon, 180.0, "west to east, -180 to 180"),
                ] {
                    if value.as_f64().abs() <= limit {
                        continue;
                    }
                    let item = starts
                        .get_or_insert_with(|| places.places_of(map))
                        .get(k)
                        .copied();
                    let pos = item.and_then(|p| places.value(p, key)).unwrap_or(map);
                    let what = if key == "lat" {
                        "latitude"
                    } else {
                        "longitude"
                    };
                    report(
                        pos,
                        format!(
                            "{} has the {what} {}, off the globe",
                            spot.name,
                            value.as_f64()
                        ),
                        format!(
                            "{what}s run {sides}; write degrees with a point (`47.50`), south \
                             and west negative"
                        ),
                    );
                }
            }
        }
        _ => {}
    });
}

/// Reports each quote without attribution as (its index among all quotes, message).
fn quote_warnings(
    body: &[Block],
    number: usize,
    quotes: &mut usize,
    report: &mut impl FnMut(usize, String),
) {
    for_each_block(body, &mut |block| {
        if let Block::Quote { by, .. } = block {
            if by.is_none() {
                report(
                    *quotes,
                    format!("a quote on slide {number} has no attribution"),
                );
            }
            *quotes += 1;
        }
    });
}

fn for_each_block(blocks: &[Block], f: &mut impl FnMut(&Block)) {
    for block in blocks {
        f(block);
        if let Block::Columns { left, right } = block {
            for_each_block(left, f);
            for_each_block(right, f);
        }
    }
}

/// Where named values are, with the file's start for any the scanner did not find (RON allows
/// leaving out struct names). The file is scanned only when a message needs a place, and then
/// once: the values of each name are listed, so finding the `n`th slide is a lookup, not a walk
/// through the file, and a deck of thousands of slides is checked in time that grows with its
/// length.
struct Places<'a> {
    source: &'a str,
    found: OnceCell<(Scan, HashMap<String, Vec<Pos>>)>,
}

impl<'a> Places<'a> {
    fn scan(source: &'a str) -> Places<'a> {
        Places {
            source,
            found: OnceCell::new(),
        }
    }

    fn found(&self) -> &(Scan, HashMap<String, Vec<Pos>>) {
        self.found.get_or_init(|| {
            let found = scan(self.source);
            let mut by_name: HashMap<String, Vec<Pos>> = HashMap::new();
            for (name, pos) in &found.names {
                by_name.entry(name.clone()).or_default().push(*pos);
            }
            (found, by_name)
        })
    }

    /// Line and column of the `n`th value named `name`.
    fn nth(&self, name: &str, n: usize) -> (usize, usize) {
        self.found()
            .1
            .get(name)
            .and_then(|all| all.get(n))
            .copied()
            .unwrap_or((1, 1))
    }

    /// Where the text of the `n`th string given to `key` starts.
    fn string(&self, key: &str, n: usize) -> (usize, usize) {
        self.found()
            .0
            .strings
            .iter()
            .filter(|(k, _, _)| k == key)
            .nth(n)
            .map_or((1, 1), |(_, pos, _)| *pos)
    }

    /// Where each row of the table at `table` starts.
    fn rows_of(&self, table: Pos) -> Vec<Pos> {
        value_of(self.source, table, "rows").map_or_else(Vec::new, |l| list_items(self.source, l))
    }

    /// Where each place of the map at `map` starts.
    fn places_of(&self, map: Pos) -> Vec<Pos> {
        value_of(self.source, map, "places").map_or_else(Vec::new, |l| list_items(self.source, l))
    }

    /// Where the value of field `key` of the value at `at` starts.
    fn value(&self, at: Pos, key: &str) -> Option<Pos> {
        value_of(self.source, at, key)
    }

    /// Line and column of the field key `key`.
    fn key(&self, key: &str) -> (usize, usize) {
        self.found().0.key(key).unwrap_or((1, 1))
    }

    /// Where the text of a bad date given to `key` starts, and its width in characters: the
    /// first string not yet `used` with that key and text, else (an escape in the text) the
    /// first unused one with that key that is not a date either.
    fn date_string(&self, key: &str, written: &str, used: &mut Vec<bool>) -> Option<(Pos, usize)> {
        let strings = &self.found().0.strings;
        used.resize(strings.len(), false);
        let unused = |i: &usize| !used[*i] && strings[*i].0 == key;
        let found = (0..strings.len())
            .filter(unused)
            .find(|&i| strings[i].2 == written)
            .or_else(|| {
                (0..strings.len())
                    .filter(unused)
                    .find(|&i| DeckDate::parse(&strings[i].2).is_err())
            })?;
        used[found] = true;
        let (_, pos, text) = &strings[found];
        Some((*pos, text.chars().count()))
    }
}
