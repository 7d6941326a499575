//! Checks that a deck which parsed also makes sense: no empty parts, unique ids, dates inside
//! the timeline's span. Errors stop the deck; warnings are shown and the deck still presents.
//!
//! serde does not keep positions, so the places are found again in the source by a small scanner
//! that knows RON's strings and comments and lists every `Slide(`, `Part(` and `Quote` in file
//! order, which is the order serde read them in. A deck that leaves out these names (RON allows
//! that) gets messages pointing at the deck's first line instead.

use std::collections::HashMap;

use super::diagnostic::{Diagnostic, Severity};
use super::{Block, Deck};

/// Returns (errors, warnings) for a parsed deck.
pub(super) fn check(deck: &Deck, name: &str, source: &str) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let places = Places::scan(source);
    let at = |severity, (line, column): (usize, usize), message: String| {
        Diagnostic::at(severity, name, source, line, column, message)
    };
    let mut errors = Vec::new();
    let mut warnings = Vec::new();

    if deck.parts.is_empty() || deck.slide_count() == 0 {
        errors.push(
            at(Severity::Error, (1, 1), "the deck has no slides".to_owned())
                .with_hint("add a `Part(id: ..., title: ..., slides: [Slide(...)])` to `parts`"),
        );
    }

    let mut part_ids: HashMap<&str, usize> = HashMap::new();
    for (p, part) in deck.parts.iter().enumerate() {
        let pos = places.nth("Part", p);
        if part.slides.is_empty() {
            errors.push(
                at(
                    Severity::Error,
                    pos,
                    format!("part `{}` has no slides", part.id),
                )
                .with_hint("add slides to it, or delete the part"),
            );
        }
        if let Some(first) = part_ids.insert(part.id.as_str(), p) {
            errors.push(at(
                Severity::Error,
                pos,
                format!(
                    "the part id `{}` is already used by part {}",
                    part.id,
                    first + 1
                ),
            ));
        }
    }

    let mut slide_ids: HashMap<&str, usize> = HashMap::new();
    let mut quotes = 0;
    for (i, slide) in deck.slides().enumerate() {
        let pos = places.nth("Slide", i);
        let number = i + 1;
        if let Some(id) = &slide.id
            && let Some(first) = slide_ids.insert(id.as_str(), number)
        {
            errors.push(
                at(
                    Severity::Error,
                    pos,
                    format!("slide {number} has the id `{id}`, already used by slide {first}"),
                )
                .with_hint("slide ids must be unique; rename one of them"),
            );
        }
        if slide.title.as_str().trim().is_empty() {
            errors.push(at(
                Severity::Error,
                pos,
                format!("slide {number} has an empty title"),
            ));
        }
        if !slide.flashback && !slide.date.range.is_within(&deck.span.range) {
            warnings.push(
                at(
                    Severity::Warning,
                    pos,
                    format!(
                        "slide {number} is dated {}, outside the timeline's span {}",
                        slide.date, deck.span
                    ),
                )
                .with_hint("mark it `flashback: true` if that is deliberate"),
            );
        }
        if slide
            .notes
            .as_ref()
            .is_none_or(|n| n.as_str().trim().is_empty())
        {
            warnings.push(at(
                Severity::Warning,
                pos,
                format!("slide {number} (\"{}\") has no speaker notes", slide.title),
            ));
        }
        quote_warnings(&slide.body, number, &mut quotes, &mut |place, message| {
            warnings.push(
                at(Severity::Warning, places.nth("Quote", place), message)
                    .with_hint("add `by: \"who, when\"`"),
            );
        });
    }
    (errors, warnings)
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

/// Positions of named values (`Slide(`, `Part(`, `Quote(`) in file order.
struct Places {
    found: Vec<(String, usize, usize)>,
}

impl Places {
    fn scan(source: &str) -> Places {
        let chars: Vec<char> = source.chars().collect();
        let mut found = Vec::new();
        let (mut i, mut line, mut col) = (0, 1, 1);
        // Advance one char, keeping line and column.
        let step = |i: &mut usize, line: &mut usize, col: &mut usize| {
            if chars.get(*i) == Some(&'\n') {
                *line += 1;
                *col = 1;
            } else {
                *col += 1;
            }
            *i += 1;
        };
        while i < chars.len() {
            let c = chars[i];
            let next = chars.get(i + 1).copied();
            if c == '/' && next == Some('/') {
                while i < chars.len() && chars[i] != '\n' {
                    step(&mut i, &mut line, &mut col);
                }
            } else if c == '/' && next == Some('*') {
                let mut depth = 0;
                while i < chars.len() {
                    if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                        depth += 1;
                        step(&mut i, &mut line, &mut col);
                    } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                        depth -= 1;
                        step(&mut i, &mut line, &mut col);
                        if depth == 0 {
                            step(&mut i, &mut line, &mut col);
                            break;
                        }
                    }
                    step(&mut i, &mut line, &mut col);
                }
            } else if c == 'r'
                && matches!(next, Some('#' | '"'))
                && !is_ident(chars.get(i.wrapping_sub(1)))
            {
                // Raw string: r#"..."# with any number of hashes.
                step(&mut i, &mut line, &mut col);
                let mut hashes = 0;
                while chars.get(i) == Some(&'#') {
                    hashes += 1;
                    step(&mut i, &mut line, &mut col);
                }
                step(&mut i, &mut line, &mut col); // the opening quote
                while i < chars.len() {
                    if chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
                        for _ in 0..=hashes {
                            step(&mut i, &mut line, &mut col);
                        }
                        break;
                    }
                    step(&mut i, &mut line, &mut col);
                }
            } else if c == '"' {
                step(&mut i, &mut line, &mut col);
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        step(&mut i, &mut line, &mut col);
                    }
                    step(&mut i, &mut line, &mut col);
                }
                step(&mut i, &mut line, &mut col);
            } else if c.is_alphabetic() && !is_ident(chars.get(i.wrapping_sub(1))) {
                let (start_line, start_col) = (line, col);
                let mut word = String::new();
                while is_ident(chars.get(i)) {
                    word.push(chars[i]);
                    step(&mut i, &mut line, &mut col);
                }
                let mut j = i;
                while chars.get(j).is_some_and(|c| c.is_whitespace()) {
                    j += 1;
                }
                if chars.get(j) == Some(&'(') {
                    found.push((word, start_line, start_col));
                }
            } else {
                step(&mut i, &mut line, &mut col);
            }
        }
        Places { found }
    }

    /// Line and column of the `n`th value named `name`, or the file's start if there is none.
    fn nth(&self, name: &str, n: usize) -> (usize, usize) {
        self.found
            .iter()
            .filter(|(w, ..)| w == name)
            .nth(n)
            .map_or((1, 1), |(_, line, col)| (*line, *col))
    }
}

fn is_ident(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scanner_skips_strings_and_comments() {
        let source = "Deck(\n  // Slide( in a comment\n  a: \"Slide( in a string\",\n  b: r#\"Slide(\"#,\n  /* Slide( */ Slide (x: 1),\n)";
        let places = Places::scan(source);
        assert_eq!(places.nth("Slide", 0), (5, 16));
        assert_eq!(places.nth("Slide", 1), (1, 1));
        assert_eq!(places.nth("Deck", 0), (1, 1));
    }
}
