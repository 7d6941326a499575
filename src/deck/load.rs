//! Turns deck bytes (from a file or embedded in the binary) into a validated [`Deck`], or into
//! diagnostics that name the file, line and column. Embedded and on-disk decks share one path.

use std::borrow::Cow;
use std::fs::File;
use std::io::Read;
use std::path::Path;

use ron::error::{Error as RonError, SpannedError};
use ron::extensions::Extensions;

use super::diagnostic::{Diagnostic, LoadError, Severity};
use super::model::{Deck, Layout};
use super::scan::scan;
use super::validate;

/// The bundled lecture's name in messages.
pub const BUNDLED_NAME: &str = "slides/two-deaths-of-stalin.ron";

/// The bundled lecture, embedded so `tribune` works from any directory.
pub const BUNDLED_SOURCE: &str = include_str!("../../slides/two-deaths-of-stalin.ron");

/// Decks larger than this are refused before parsing: a lecture is a few hundred kilobytes, and
/// a multi-megabyte file is almost certainly the wrong file.
pub const MAX_DECK_BYTES: u64 = 4 * 1024 * 1024;

/// A deck that loaded, with the warnings found on the way.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The deck.
    pub deck: Deck,
    /// Things that work but are probably not what the author meant.
    pub warnings: Vec<Diagnostic>,
    /// The text it was read from, line ends made LF, so later messages can point into it.
    pub source: String,
}

/// Reads and validates the deck at `path`; `name` is how messages refer to it.
pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
    let name = path.display().to_string();
    let fail = |message: String| LoadError {
        diagnostics: vec![Diagnostic::whole_file(&name, message)],
    };
    let file = File::open(path).map_err(|e| fail(format!("cannot open the deck: {e}")))?;
    let mut bytes = Vec::new();
    // Read one byte past the limit so an oversized file is detected without reading all of it.
    file.take(MAX_DECK_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(format!("cannot read the deck: {e}")))?;
    parse_deck(&name, &bytes)
}

/// Parses and validates deck bytes; `name` is how messages refer to the deck.
pub fn parse_deck(name: &str, bytes: &[u8]) -> Result<Loaded, LoadError> {
    let source = precheck(name, bytes).map_err(|d| LoadError {
        diagnostics: vec![*d],
    })?;
    let source = source.as_ref();
    let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
    let deck: Deck = options.from_str(source).map_err(|e| LoadError {
        diagnostics: vec![from_ron(name, source, &e)],
    })?;
    let (errors, warnings) = validate::check(&deck, name, source);
    if errors.is_empty() {
        Ok(Loaded {
            deck,
            warnings,
            source: source.to_owned(),
        })
    } else {
        Err(LoadError {
            diagnostics: errors.into_iter().chain(warnings).collect(),
        })
    }
}

/// Size, emptiness, UTF-8 and control characters: the checks that come before RON. Returns the
/// text with Windows (CRLF) and old Mac (CR) line ends read as LF and a byte-order mark
/// dropped, so every editor's save loads, and lines and columns in messages are the ones the
/// editor shows.
fn precheck<'a>(name: &str, bytes: &'a [u8]) -> Result<Cow<'a, str>, Box<Diagnostic>> {
    if bytes.len() as u64 > MAX_DECK_BYTES {
        return Err(Box::new(Diagnostic::whole_file(
            name,
            format!(
                "the file is larger than {} MiB; a deck is a text file of a few hundred kilobytes",
                MAX_DECK_BYTES / (1024 * 1024)
            ),
        )
        .with_hint("is this the right file?")));
    }
    let source =
        match std::str::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                let good = &bytes[..e.valid_up_to()];
                // The valid prefix is UTF-8 by definition, so this lossy view is exact.
                let prefix = String::from_utf8_lossy(good);
                let (line, column) = line_col_at_end(&normalize(&prefix));
                let shown = String::from_utf8_lossy(bytes);
                let shown = normalize(&shown);
                return Err(Box::new(Diagnostic::at(
                Severity::Error,
                name,
                &shown,
                line,
                column,
                "the file is not valid UTF-8",
            )
            .with_hint(
                "save the deck as UTF-8 (most editors offer it under \"Save with encoding\")",
            )));
            }
        };
    let source = normalize(source);
    if source.trim().is_empty() {
        return Err(Box::new(
            Diagnostic::at(
                Severity::Error,
                name,
                &source,
                1,
                1,
                "the file is empty; expected a deck starting with `Deck(`",
            )
            .with_hint("see the README's deck format for a complete small example"),
        ));
    }
    for (line_index, line) in source.split('\n').enumerate() {
        for (col_index, c) in line.chars().enumerate() {
            if c.is_control() && c != '\t' {
                return Err(Box::new(
                    Diagnostic::at(
                        Severity::Error,
                        name,
                        &source,
                        line_index + 1,
                        col_index + 1,
                        format!(
                            "control character U+{:04X} in the deck; decks may not hold control \
                         characters (they could drive the terminal)",
                            u32::from(c)
                        ),
                    )
                    .with_hint(
                        "delete it; newlines and tabs are the only control characters allowed",
                    ),
                ));
            }
        }
    }
    Ok(source)
}

/// `text` without a leading byte-order mark, with CRLF and lone CR line ends as LF; borrowed
/// when there is nothing to change (the usual case).
fn normalize(text: &str) -> Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// 1-based line and column of the character just after `prefix`.
fn line_col_at_end(prefix: &str) -> (usize, usize) {
    let line = prefix.matches('\n').count() + 1;
    let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// A RON error as a diagnostic: our words where ron's are terse, the caret on the offending
/// token rather than the space before it, and a hint where we can guess.
fn from_ron(name: &str, source: &str, error: &SpannedError) -> Diagnostic {
    let start = error.span.start;
    let ron_pos = (start.line.max(1), start.col.max(1));
    let (mut line, mut column) = skip_space(source, ron_pos);
    let mut width: Option<usize> = None;
    let mut hint: Option<String> = None;
    let past_end = char_offset(source, (line, column)) >= source.trim_end().chars().count();
    if !past_end && let Some(d) = curly_quotes(name, source, (line, column)) {
        return d;
    }
    let message = match &error.code {
        RonError::Eof | RonError::ExpectedStringEnd if !past_end => {
            hint = Some("a string is never closed with `\"`".into());
            "expected the end of a string".to_owned()
        }
        _ if past_end => {
            (line, column) = line_col_at_end(source.trim_end());
            column = column.saturating_sub(1).max(1);
            let open = scan(source).open;
            if !open.is_empty() {
                let list: Vec<String> = open
                    .iter()
                    .rev()
                    .map(|(c, (l, col), word)| match (c, word.is_empty()) {
                        ('[', false) => format!("`{word}: [` at {l}:{col}"),
                        (c, false) => format!("`{word}{c}` at {l}:{col}"),
                        (c, true) => format!("`{c}` at {l}:{col}"),
                    })
                    .collect();
                hint = Some(format!("still open: {}", list.join(", ")));
            }
            "the file ends too early: the deck is not finished".to_owned()
        }
        RonError::MissingStructField { field, outer } => {
            // ron points at the closing parenthesis; the `(` that opens the value is clearer.
            let before: String = source.chars().take(char_offset(source, ron_pos)).collect();
            if let Some((_, pos, _)) = scan(&before).open.last() {
                (line, column) = *pos;
            }
            hint = Some(if *field == "date" {
                "add `date: \"1953-03-05\"` (a day, a month `1953-03` or a year `1953`)".to_owned()
            } else if *field == "alt" {
                "add `alt: \"…\"`: the picture in words, shown wherever it cannot be".to_owned()
            } else {
                format!("add `{field}: ...`")
            });
            let what = outer.as_deref().unwrap_or("this value");
            format!("`{what}` is missing its required field `{field}`")
        }
        RonError::ExpectedString | RonError::ExpectedArray | RonError::ExpectedIdentifier => {
            let shape = wrong_shape(&error.code, source, (line, column));
            hint = shape.hint;
            width = shape.width;
            shape.message
        }
        RonError::Message(message) => {
            if message.contains("control character")
                && let Some((col, len)) = escape_in_line(source, ron_pos)
            {
                (line, column) = (ron_pos.0, col);
                width = Some(len);
                hint = Some("delete the escape; decks may hold newlines and tabs only".into());
            }
            message.clone()
        }
        other => {
            let (message, other_hint) = describe(other);
            hint = other_hint;
            message
        }
    };
    let width = width.unwrap_or_else(|| underline_width(source, line, column, error));
    let diagnostic =
        Diagnostic::at(Severity::Error, name, source, line, column, message).with_width(width);
    match hint {
        Some(h) => diagnostic.with_hint(h),
        None => diagnostic,
    }
}

/// What a RON error about a value of the wrong shape means in deck terms: a third level of
/// bullets, a block given a field name, a single value where a list goes, a milestone without
/// field names. Reads the brackets open at `pos` to tell which.
fn wrong_shape(code: &RonError, source: &str, pos: (usize, usize)) -> Described {
    let context = Context::at(source, pos);
    let mut hint: Option<String> = None;
    let mut width: Option<usize> = None;
    let message = match code {
        RonError::ExpectedString if context.is_third_level_bullet() => {
            hint = Some(
                "write this sub-item as plain text \"…\", or make it an item of its own".into(),
            );
            "bullets have two levels: an item and its sub-items".to_owned()
        }
        RonError::ExpectedString => {
            let found = token_at(source, pos);
            width = Some(found.chars().count().max(1));
            if let Some(block) = context.field_name_in_newtype(&found) {
                // `Text(text: "Radio Moscow")`: show it with the author's own text.
                let after = skip_space(source, (pos.0, pos.1 + found.chars().count()));
                let text = string_at(source, after).filter(|t| t.chars().count() <= 40);
                hint = Some(match (block, text) {
                    ("Text(\"…\")", Some(t)) => format!("write `Text(\"{t}\")`"),
                    _ => format!("write `{block}`"),
                });
                format!(
                    "`{}` takes its content alone, without a field name `{found}`",
                    context.innermost()
                )
            } else if found.is_empty() {
                "expected a string in quotes".to_owned()
            } else {
                hint = Some(format!("write \"{found}\""));
                format!("expected a string in quotes, found `{found}`")
            }
        }
        RonError::ExpectedArray => {
            let found = token_at(source, pos);
            hint = Some(match (&context.key, item_shape(context.key.as_deref())) {
                (Some(key), Some(shape)) => {
                    // `sources: "one"`: a list of strings shows the author's own string.
                    let item = string_at(source, pos)
                        .filter(|s| s.chars().count() <= 40 && shape == "\"…\"")
                        .map_or_else(|| shape.to_owned(), |s| format!("\"{s}\""));
                    format!("write `{key}: [{item}]`: a list, even of one")
                }
                _ if context.innermost() == "Bullets" => {
                    let block = context
                        .field_name_in_newtype(&found)
                        .unwrap_or("Bullets([\"…\", \"…\"])");
                    format!("write `{block}`")
                }
                _ => "lists are written in square brackets; a bullet with sub-items is \
                          (\"text\", [\"sub-item\", ...])"
                    .to_owned(),
            });
            "expected a list in square brackets `[...]`".to_owned()
        }
        RonError::ExpectedIdentifier => match context.list_item_shape() {
            Some((list, shape)) if shape.starts_with('(') => {
                let (what, fields) = match list {
                    "milestones" => ("a milestone", &["date", "label"][..]),
                    _ => ("a correction", &["was", "now", "why"][..]),
                };
                // `("1953-03-05", "Stalin dies")`: the same values with their field names.
                let values =
                    tuple_strings(source, pos).filter(|v| (2..=fields.len()).contains(&v.len()));
                hint = Some(match values {
                    Some(values) => {
                        let named: Vec<String> = fields
                            .iter()
                            .zip(&values)
                            .map(|(f, v)| format!("{f}: \"{v}\""))
                            .collect();
                        format!("write `({})`", named.join(", "))
                    }
                    None => format!("write `{shape}`"),
                });
                format!("{what} is written with field names, not as a bare list of values")
            }
            _ => {
                hint = Some("blocks are written like `Text(\"...\")` or `Bullets([...])`".into());
                "expected a name here, such as a block kind".to_owned()
            }
        },
        _ => "expected a value of another kind here".to_owned(),
    };
    Described {
        message,
        hint,
        width,
    }
}

/// A message, a hint and how much to underline, when the error's own span is not right.
struct Described {
    message: String,
    hint: Option<String>,
    width: Option<usize>,
}

/// Quotation marks that people type, or word processors substitute, for `"`, and their name.
fn typographic_quote(c: char) -> Option<&'static str> {
    match c {
        '“' | '”' | '„' | '‟' | '‘' | '’' | '‚' | '‛' => Some("curly quotes"),
        '«' | '»' | '‹' | '›' => Some("angle quotes"),
        '「' | '」' | '『' | '』' => Some("corner brackets"),
        '＂' => Some("full-width quotes"),
        _ => None,
    }
}

/// A string opened with a typographic quote (`“The funeral”`, `«t»`), wherever ron tripped on
/// it: the message names the quotes and the hint shows the text in straight ones.
fn curly_quotes(name: &str, source: &str, pos: (usize, usize)) -> Option<Diagnostic> {
    let line: Vec<char> = source.split('\n').nth(pos.0 - 1)?.chars().collect();
    let open = *line.get(pos.1 - 1)?;
    let kind = typographic_quote(open)?;
    // Curly quotes inside a straight-quoted string are text, whatever else is wrong there.
    if pos.1 >= 2 && line.get(pos.1 - 2) == Some(&'"') {
        return None;
    }
    let rest = &line[pos.1..];
    let close = rest.iter().position(|&c| typographic_quote(c).is_some());
    let hint = match close {
        Some(end) if !rest[..end].contains(&'"') => {
            let inner: String = rest[..end].iter().collect();
            format!("replace the {kind} with straight ones: \"{inner}\"")
        }
        _ => format!("replace the {kind} with straight ones: \"…\""),
    };
    let width = close.map_or(1, |end| end + 2);
    Some(
        Diagnostic::at(
            Severity::Error,
            name,
            source,
            pos.0,
            pos.1,
            format!("this text is in {kind}; a deck's strings need straight quotes `\"`"),
        )
        .with_width(width)
        .with_hint(hint),
    )
}

/// Where in the deck's structure an error is: the brackets still open before it (innermost
/// last, each with the word that introduced it) and the field key it is the value of, if any.
struct Context {
    open: Vec<(char, String)>,
    key: Option<String>,
}

impl Context {
    fn at(source: &str, pos: (usize, usize)) -> Context {
        let before: String = source.chars().take(char_offset(source, pos)).collect();
        let open = scan(&before)
            .open
            .into_iter()
            .map(|(c, _, word)| (c, word))
            .collect();
        // `sources: ` right before the error: the value of that key.
        let key = before
            .trim_end()
            .strip_suffix(':')
            .map(|b| {
                b.trim_end()
                    .chars()
                    .rev()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect::<String>()
                    .chars()
                    .rev()
                    .collect::<String>()
            })
            .filter(|k| !k.is_empty());
        Context { open, key }
    }

    /// The word of the innermost open bracket (`Text` inside `Text(`), or "".
    fn innermost(&self) -> &str {
        self.open.last().map_or("", |(_, w)| w.as_str())
    }

    /// `Bullets([ ("item", [ (` — a bullet inside a bullet's sub-items.
    fn is_third_level_bullet(&self) -> bool {
        let n = self.open.len();
        n >= 4
            && matches!(
                &self.open[n - 4..],
                [('(', bullets), ('[', a), ('(', b), ('[', c)]
                    if bullets == "Bullets" && a.is_empty() && b.is_empty() && c.is_empty()
            )
    }

    /// `Text(text: ...)`: a field name where a block takes its content alone; returns the
    /// block as it should be written.
    fn field_name_in_newtype(&self, found: &str) -> Option<&'static str> {
        if !found.ends_with(':') {
            return None;
        }
        match self.innermost() {
            "Text" => Some("Text(\"…\")"),
            "Bullets" => Some("Bullets([\"…\", \"…\"])"),
            _ => None,
        }
    }

    /// The list the innermost value is an item of, and how its items are written: an
    /// unnamed `(` directly inside `milestones: [`.
    fn list_item_shape(&self) -> Option<(&str, &'static str)> {
        let n = self.open.len();
        match self.open.get(n.checked_sub(2)?..)? {
            [('[', list), ('(', item)] if item.is_empty() => {
                Some((list.as_str(), item_shape(Some(list))?))
            }
            _ => None,
        }
    }
}

/// How an item of each list in a deck is written, for hints.
fn item_shape(list: Option<&str>) -> Option<&'static str> {
    match list? {
        "milestones" => Some("(date: \"…\", label: \"…\")"),
        "corrections" => Some("(was: \"…\", now: \"…\")"),
        "sources" => Some("\"…\""),
        "parts" => Some("Part(id: \"…\", title: \"…\", slides: [...])"),
        "slides" => Some("Slide(title: \"…\", date: \"…\", ...)"),
        "body" | "left" | "right" => Some("Text(\"…\")"),
        _ => None,
    }
}

/// The text of a `"…"` string starting at a position, if one starts there and ends on its line.
fn string_at(source: &str, pos: (usize, usize)) -> Option<String> {
    let line = source.split('\n').nth(pos.0 - 1)?;
    let rest: String = line.chars().skip(pos.1 - 1).collect();
    let body = rest.strip_prefix('"')?;
    let end = body.find('"')?;
    let text = &body[..end];
    (!text.contains('\\')).then(|| text.to_owned())
}

/// The strings of a tuple `("a", "b")` on one line, read from its first string at `pos`; `None`
/// unless it holds nothing but plain strings.
fn tuple_strings(source: &str, pos: (usize, usize)) -> Option<Vec<String>> {
    let line = source.split('\n').nth(pos.0 - 1)?;
    let mut rest: String = line.chars().skip(pos.1 - 1).collect();
    let mut values = Vec::new();
    loop {
        let text = string_at(&rest, (1, 1))?;
        rest = rest[text.len() + 2..].trim_start().to_owned();
        values.push(text);
        match rest.chars().next()? {
            ',' => rest = rest[1..].trim_start().to_owned(),
            ')' => return Some(values),
            _ => return None,
        }
    }
}

/// Our words for the RON errors that need no look at the source: (message, hint).
fn describe(code: &RonError) -> (String, Option<String>) {
    let mut hint: Option<String> = None;
    let message = match code {
        RonError::ExpectedComma => {
            hint = Some("put a comma after the previous value".into());
            "expected a comma between two fields or items".to_owned()
        }
        RonError::NoSuchStructField {
            expected, found, ..
        } => {
            hint = Some(suggest(found, expected));
            format!("unknown field `{found}`")
        }
        RonError::NoSuchEnumVariant {
            expected, found, ..
        } => {
            hint = Some(suggest(found, expected));
            if *expected == Layout::NAMES {
                format!("unknown layout `{found}`")
            } else {
                format!("unknown block kind `{found}`")
            }
        }
        RonError::DuplicateStructField { field, .. } => {
            format!("the field `{field}` is given twice")
        }
        RonError::ExceededRecursionLimit => {
            hint =
                Some("brackets nest far deeper than any deck needs; is the file damaged?".into());
            "the deck nests too deeply (more than 128 levels)".to_owned()
        }
        RonError::ExpectedDifferentStructName { expected, found } => {
            format!("expected `{expected}(` here, found `{found}(`")
        }
        RonError::TrailingCharacters => {
            hint = Some("a deck is a single `Deck(...)`; delete what follows it".into());
            "unexpected text after the end of the deck".to_owned()
        }
        RonError::InvalidValueForType { expected, found } => {
            format!("expected {expected}, found {found}")
        }
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            chars.next().map_or(text.clone(), |c| {
                c.to_lowercase().collect::<String>() + chars.as_str()
            })
        }
    };
    (message, hint)
}

/// Char offset of a 1-based (line, column) in `source`.
fn char_offset(source: &str, (line, column): (usize, usize)) -> usize {
    let before: usize = source
        .split('\n')
        .take(line.saturating_sub(1))
        .map(|l| l.chars().count() + 1)
        .sum();
    before + column.saturating_sub(1)
}

/// Moves a position forward past white space and `//` comments, to the token ron complained
/// about (ron often points at the space before it).
fn skip_space(source: &str, (mut line, mut column): (usize, usize)) -> (usize, usize) {
    let lines: Vec<&str> = source.split('\n').collect();
    while let Some(text) = lines.get(line - 1) {
        let rest: String = text.chars().skip(column - 1).collect();
        let trimmed = rest.trim_start();
        if !trimmed.is_empty() && !trimmed.starts_with("//") {
            return (
                line,
                column + rest.chars().count() - trimmed.chars().count(),
            );
        }
        if line == lines.len() {
            break;
        }
        line += 1;
        column = 1;
    }
    (line, column)
}

/// The bare token at a position (`1953`, `true`), up to a delimiter.
fn token_at(source: &str, pos: (usize, usize)) -> String {
    source
        .chars()
        .skip(char_offset(source, pos))
        .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | ')' | ']' | '(' | '['))
        .collect()
}

/// The column and length of a `\u{..}` or `\x..` escape of a control character on the line of
/// `pos`, at or before it: ron reports such errors after the string's last escape.
fn escape_in_line(source: &str, (line, column): (usize, usize)) -> Option<(usize, usize)> {
    let text: Vec<char> = source.split('\n').nth(line - 1)?.chars().collect();
    let end = column.min(text.len());
    (0..end).rev().find_map(|i| {
        let rest: String = text[i..].iter().collect();
        let (code, len) = if let Some(body) = rest.strip_prefix("\\u{") {
            let close = body.find('}')?;
            (u32::from_str_radix(&body[..close], 16).ok()?, close + 4)
        } else if let Some(body) = rest.strip_prefix("\\x") {
            (u32::from_str_radix(body.get(..2)?, 16).ok()?, 4)
        } else {
            return None;
        };
        char::from_u32(code)
            .is_some_and(char::is_control)
            .then_some((i + 1, len))
    })
}

/// How many characters to underline: the rest of a string ron rejected (its span runs past the
/// closing quote), else ron's span when it stays on one line, else one.
fn underline_width(source: &str, line: usize, column: usize, error: &SpannedError) -> usize {
    let text: Vec<char> = source
        .lines()
        .nth(line.saturating_sub(1))
        .unwrap_or("")
        .chars()
        .collect();
    let inside_string = column >= 2 && text.get(column - 2) == Some(&'"');
    if inside_string && let Some(len) = text.iter().skip(column - 1).position(|&c| c == '"') {
        return len.max(1);
    }
    let end = error.span.end;
    if end.line == error.span.start.line && end.col > error.span.start.col && end.line == line {
        end.col - error.span.start.col
    } else {
        1
    }
}

/// "did you mean `title`?" for a likely typo, else the names that would have been accepted.
fn suggest(found: &str, expected: &[&str]) -> String {
    match closest(found, expected) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("expected one of: {}", list(expected)),
    }
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The expected name nearest to `found`, if it is plausibly a typo of it.
fn closest<'a>(found: &str, expected: &[&'a str]) -> Option<&'a str> {
    expected
        .iter()
        .map(|e| (edit_distance(&found.to_lowercase(), &e.to_lowercase()), *e))
        .filter(|(d, e)| *d <= 2.max(e.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, e)| e)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use rstest::rstest;

    use super::*;

    const SMALL: &str = r#"Deck(
    title: "Small",
    span: "1953/1956",
    parts: [
        Part(id: "one", title: "One", slides: [
            Slide(title: "A", date: "1953-03-05", notes: "n"),
        ]),
    ],
)"#;

    fn error_of(source: &str) -> Diagnostic {
        parse_deck("t.ron", source.as_bytes())
            .unwrap_err()
            .diagnostics
            .remove(0)
    }

    #[test]
    fn small_deck_loads() {
        let loaded = parse_deck("t.ron", SMALL.as_bytes()).unwrap();
        assert_eq!(loaded.deck.slide_count(), 1);
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    }

    #[test]
    fn impossible_date_points_at_the_date() {
        let d = error_of(&SMALL.replace("1953-03-05", "1953-02-30"));
        // ron points at the first character inside the string.
        assert_eq!((d.line, d.column, d.width), (6, 38, 10), "{d}");
        assert!(d.message.contains("February 1953 has only 28 days"), "{d}");
    }

    #[test]
    fn every_bad_date_is_reported_at_its_place_in_line_order() {
        // The deck's span comes last in the file but first in the struct; two slides share a
        // bad date. A bad span must not also make "outside the span" warnings.
        let source = r#"Deck(
    title: "Small",
    parts: [
        Part(id: "one", title: "One", slides: [
            Slide(title: "A", date: "1953-02-30", notes: "n"),
            Slide(title: "B", date: "1953-02-30", span: "1953-13", notes: "n"),
        ]),
    ],
    span: "1953/1952",
)"#;
        let diagnostics = parse_deck("t.ron", source.as_bytes())
            .unwrap_err()
            .diagnostics;
        let got: Vec<(usize, usize, usize, &str)> = diagnostics
            .iter()
            .map(|d| (d.line, d.column, d.width, d.message.as_str()))
            .collect();
        let feb = "February 1953 has only 28 days, so day 30 does not exist";
        assert_eq!(
            got,
            [
                (5, 38, 10, feb),
                (6, 38, 10, feb),
                (6, 58, 7, "there is no month 13; months run from 01 to 12"),
                (
                    9,
                    12,
                    9,
                    "the interval `1953/1952` ends before it starts; write the earlier date first"
                ),
            ]
        );
    }

    #[rstest]
    #[case("“The funeral”", "curly quotes", 13)]
    #[case("‘The funeral’", "curly quotes", 13)]
    #[case("„The funeral“", "curly quotes", 13)]
    #[case("«The funeral»", "angle quotes", 13)]
    #[case("“The funeral", "curly quotes", 1)]
    fn typographic_quotes_are_named_and_straightened(
        #[case] title: &str,
        #[case] kind: &str,
        #[case] width: usize,
    ) {
        let d = error_of(&SMALL.replace("title: \"A\"", &format!("title: {title}")));
        assert_eq!((d.line, d.column, d.width), (6, 26, width), "{d}");
        assert_eq!(
            d.message,
            format!("this text is in {kind}; a deck's strings need straight quotes `\"`")
        );
        let fixed = if width == 1 { "…" } else { "The funeral" };
        assert_eq!(
            d.hint,
            Some(format!(
                "replace the {kind} with straight ones: \"{fixed}\""
            ))
        );
    }

    #[test]
    fn a_class_end_is_read_and_a_bad_one_is_placed() {
        let with = |class: &str| SMALL.replace("span:", &format!("class: \"{class}\",\n    span:"));
        let deck = parse_deck("t.ron", with("until 10:45").as_bytes())
            .unwrap()
            .deck;
        assert_eq!(
            deck.class,
            Some(crate::deck::model::ClassEnd::Until(
                crate::deck::clock::TimeOfDay::hm(10, 45)
            ))
        );
        let d = error_of(&with("10:45"));
        assert_eq!((d.line, d.column), (3, 13), "{d}");
        assert!(d.message.contains("like `until 10:45`"), "{d}");
    }

    #[test]
    fn curly_quotes_inside_a_string_are_only_text() {
        let d = error_of(&SMALL.replace("notes: \"n\"", "notes: \"n\", duration: \"“5m”\""));
        assert!(d.message.contains("is not a duration"), "{d}");
    }

    #[rstest]
    // A block that takes its content alone, given a field name.
    #[case(
        r#"body: [Text(text: "Radio Moscow")]"#,
        "`Text` takes its content alone, without a field name `text:`",
        r#"write `Text("Radio Moscow")`"#
    )]
    #[case(
        r#"body: [Bullets(items: ["a"])]"#,
        "expected a list in square brackets `[...]`",
        r#"write `Bullets(["…", "…"])`"#
    )]
    // Lists given a single value.
    #[case(
        r#"sources: "FRUS 1952–1954""#,
        "expected a list in square brackets `[...]`",
        r#"write `sources: ["FRUS 1952–1954"]`: a list, even of one"#
    )]
    #[case(
        r#"body: "x""#,
        "expected a list in square brackets `[...]`",
        r#"write `body: [Text("…")]`: a list, even of one"#
    )]
    // Values written without their field names.
    #[case(
        r#"corrections: [("3 March", "4 March", "the radio")]"#,
        "a correction is written with field names, not as a bare list of values",
        r#"write `(was: "3 March", now: "4 March", why: "the radio")`"#
    )]
    // Three levels of bullets.
    #[case(
        r#"body: [Bullets([("a", [("b", ["c"])])])]"#,
        "bullets have two levels: an item and its sub-items",
        r#"write this sub-item as plain text "…", or make it an item of its own"#
    )]
    fn shapes_get_hints_in_their_own_terms(
        #[case] field: &str,
        #[case] message: &str,
        #[case] hint: &str,
    ) {
        let d = error_of(&SMALL.replace("notes: \"n\"", &format!("notes: \"n\", {field}")));
        assert_eq!(d.line, 6, "{d}");
        assert_eq!(
            (d.message.as_str(), d.hint.as_deref()),
            (message, Some(hint))
        );
    }

    #[test]
    fn a_milestone_pair_gets_its_field_names() {
        let d = error_of(&SMALL.replace(
            "span: \"1953/1956\",",
            "span: \"1953/1956\",\n    milestones: [(\"1953-03-05\", \"Stalin dies\")],",
        ));
        assert_eq!((d.line, d.column), (4, 19), "{d}");
        assert_eq!(
            d.message,
            "a milestone is written with field names, not as a bare list of values"
        );
        assert_eq!(
            d.hint.as_deref(),
            Some(r#"write `(date: "1953-03-05", label: "Stalin dies")`"#)
        );
    }

    #[test]
    fn typo_in_field_gets_a_suggestion() {
        let d = error_of(&SMALL.replace("title: \"A\"", "titel: \"A\""));
        assert_eq!((d.line, d.column), (6, 19), "{d}");
        assert_eq!(d.hint.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn escaped_control_character_in_a_string_is_refused_with_position() {
        let d = error_of(&SMALL.replace("title: \"A\"", "title: \"A\\u{1b}[2J\""));
        assert_eq!(d.line, 6, "{d}");
        assert!(d.message.contains("U+001B"), "{d}");
    }

    #[test]
    fn utf8_error_position() {
        let mut bytes = b"Deck(\n  title: \"ab".to_vec();
        bytes.push(0xff);
        let d = parse_deck("t.ron", &bytes)
            .unwrap_err()
            .diagnostics
            .remove(0);
        assert_eq!((d.line, d.column), (2, 13));
    }

    #[test]
    fn windows_and_mac_line_ends_and_a_bom_keep_positions_right() {
        let bad = SMALL.replace("1953-03-05", "1953-02-30");
        for (how, text) in [
            ("lf", bad.clone()),
            ("crlf", bad.replace('\n', "\r\n")),
            ("cr", bad.replace('\n', "\r")),
            ("bom", format!("\u{feff}{bad}")),
            ("bom+crlf", format!("\u{feff}{}", bad.replace('\n', "\r\n"))),
        ] {
            let d = error_of(&text);
            assert_eq!((d.line, d.column, d.width), (6, 38, 10), "{how}: {d}");
            assert!(!d.to_string().contains('\r'), "{how}: {d:?}");
        }
        // Inside a raw string too: the notes of a Windows-saved deck keep their line breaks.
        let raw = SMALL
            .replace("notes: \"n\"", "notes: r#\"one\ntwo\"#")
            .replace('\n', "\r\n");
        let loaded = parse_deck("t.ron", raw.as_bytes()).unwrap();
        let notes = loaded.deck.slides().next().unwrap().notes.clone().unwrap();
        assert_eq!(notes.as_str(), "one\ntwo");
    }

    #[test]
    fn a_utf8_error_after_crlf_lines_is_placed_as_the_editor_shows_it() {
        let mut bytes = b"\xef\xbb\xbfDeck(\r\n  title: \"ab".to_vec();
        bytes.push(0xff);
        let d = parse_deck("t.ron", &bytes)
            .unwrap_err()
            .diagnostics
            .remove(0);
        assert_eq!((d.line, d.column), (2, 13));
    }

    #[rstest]
    #[case(r#"date: "-0043-03-15""#, "15 March 44 BC")]
    #[case(
        r#"date: "-0043-03-15", date_label: "the Ides of March""#,
        "the Ides of March"
    )]
    #[case(r#"date: "c. 1066", date_label: "  ""#, "c. 1066")]
    // Undated, a slide may still show words for its date: they place it nowhere.
    #[case(r#"date_label: "tradition""#, "tradition")]
    fn a_slide_shows_its_label_or_its_date(#[case] fields: &str, #[case] shown: &str) {
        let source = format!(
            r#"Deck(title: "t", span: "44 BC", parts: [Part(id: "p", title: "p", slides: [
                Slide(title: "s", {fields}, notes: "n"),
            ])])"#
        );
        let deck = parse_deck("t.ron", source.as_bytes()).unwrap().deck;
        assert_eq!(
            deck.slides().next().unwrap().shown_date().as_deref(),
            Some(shown)
        );
    }

    #[test]
    fn an_undated_slide_loads_without_a_warning_and_shows_no_date() {
        let source = r#"Deck(title: "t", span: "1953", parts: [Part(id: "p", title: "p", slides: [
            Slide(title: "Title", notes: "n"),
            Slide(title: "Stalin dies", date: "1953-03-05", notes: "n"),
        ])])"#;
        let loaded = parse_deck("t.ron", source.as_bytes()).unwrap();
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        let title = loaded.deck.slide(0).unwrap();
        assert_eq!(
            (title.shown_date(), title.range(), title.extent()),
            (None, None, None)
        );
    }

    proptest! {
        #[test]
        fn loader_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = parse_deck("p.ron", &bytes);
        }

        #[test]
        fn loader_never_panics_on_mangled_decks(cut in 0usize..400, insert in "[\\[\\](),:\"a-z0-9 /“”«»‘-]{0,4}") {
            let cut = cut.min(SMALL.len());
            let cut = (0..=cut).rev().find(|&i| SMALL.is_char_boundary(i)).unwrap_or(0);
            let mangled = format!("{}{}{}", &SMALL[..cut], insert, &SMALL[cut..]);
            if let Err(e) = parse_deck("p.ron", mangled.as_bytes()) {
                prop_assert!(!e.diagnostics.is_empty());
                prop_assert!(e.diagnostics[0].to_string().starts_with("p.ron"));
            }
        }
    }
}
