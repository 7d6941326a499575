//! Errors and warnings about a deck, rendered like a compiler's: `path:line:col: error: ...`,
//! the offending line, a caret under the spot, and a hint where one helps.
//!
//! The snippet is drawn by hand rather than with annotate-snippets: the first line must be the
//! `path:line:col:` form that editors and the issue tracker recognise, and the rest is a dozen
//! lines. Everything printed passes through [`sanitize`], because the offending line may hold
//! the very escape character the error is about.

use std::fmt;

use unicode_width::UnicodeWidthChar;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The deck cannot be presented.
    Error,
    /// The deck works, but something is probably not what the author meant.
    Warning,
}

/// One message about a deck, tied to a place in its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The deck's name as the user gave it (a path, or the bundled lecture's name).
    pub file: String,
    /// 1-based line, 0 when the problem concerns the file as a whole.
    pub line: usize,
    /// 1-based column in characters, 0 when unknown.
    pub column: usize,
    /// How many characters to underline (at least one).
    pub width: usize,
    /// What is wrong, in plain words.
    pub message: String,
    /// How to fix it, when we can tell.
    pub hint: Option<String>,
    /// The text of the offending line, for the snippet.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// A diagnostic at a 1-based line and column of `source`.
    pub fn at(
        severity: Severity,
        file: &str,
        source: &str,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            file: file.to_owned(),
            line,
            column,
            width: 1,
            message: message.into(),
            hint: None,
            source_line: source
                .lines()
                .nth(line.saturating_sub(1))
                .map(str::to_owned),
        }
    }

    /// As [`Diagnostic::at`], with the source's lines already found: for many diagnostics of
    /// one file, each costs a lookup rather than a walk through the file.
    pub fn in_lines(
        severity: Severity,
        file: &str,
        lines: &SourceLines,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            source_line: lines.line(line).map(str::to_owned),
            ..Diagnostic::at(severity, file, "", line, column, message)
        }
    }

    /// A diagnostic about the file as a whole (unreadable, too large).
    pub fn whole_file(file: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_owned(),
            line: 0,
            column: 0,
            width: 1,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    /// Adds a hint.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// Underlines `width` characters instead of one.
    #[must_use]
    pub fn with_width(mut self, width: usize) -> Diagnostic {
        self.width = width.max(1);
        self
    }

    /// The `path:line:col` prefix.
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (0, _) => self.file.clone(),
            (line, 0) => format!("{}:{line}", self.file),
            (line, col) => format!("{}:{line}:{col}", self.file),
        }
    }
}

/// A source's lines, found once.
pub struct SourceLines<'a> {
    source: &'a str,
    /// Byte offset where each line starts.
    starts: Vec<usize>,
}

impl<'a> SourceLines<'a> {
    /// Finds where each line of `source` starts.
    pub fn new(source: &'a str) -> SourceLines<'a> {
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceLines { source, starts }
    }

    /// Line `n` (1-based), without its line end, as `str::lines` gives it.
    pub fn line(&self, n: usize) -> Option<&'a str> {
        let start = *self.starts.get(n.checked_sub(1)?)?;
        if start == self.source.len() {
            return None;
        }
        let end = self
            .starts
            .get(n)
            .map_or(self.source.len(), |next| next - 1);
        let text = &self.source[start..end];
        Some(text.strip_suffix('\r').unwrap_or(text))
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(
            f,
            "{}: {kind}: {}",
            self.location(),
            sanitize(&self.message)
        )?;
        if let Some(text) = &self.source_line {
            let number = self.line.to_string();
            let gutter = " ".repeat(number.len());
            let (shown, column) = window(&sanitize(text), self.column);
            // Column in characters → display cells before the caret.
            let before: usize = shown
                .chars()
                .take(column.saturating_sub(1))
                .map(|c| c.width().unwrap_or(0))
                .sum();
            let under: usize = shown
                .chars()
                .skip(column.saturating_sub(1))
                .take(self.width)
                .map(|c| c.width().unwrap_or(0).max(1))
                .sum();
            writeln!(f, "{gutter} |")?;
            writeln!(f, "{number} | {shown}")?;
            writeln!(
                f,
                "{gutter} | {}{}",
                " ".repeat(before),
                "^".repeat(under.max(1))
            )?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = hint: {}", sanitize(hint))?;
        }
        Ok(())
    }
}

/// Shows at most `WINDOW` characters of a long line around `column`, with `…` where it was cut;
/// returns the shown text and the column within it.
fn window(line: &str, column: usize) -> (String, usize) {
    const WINDOW: usize = 100;
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= WINDOW {
        return (line.to_owned(), column);
    }
    let start = column.saturating_sub(WINDOW / 2).min(chars.len() - WINDOW);
    let end = start + WINDOW;
    let mut shown = String::new();
    let mut column = column - start;
    if start > 0 {
        shown.push('…');
        column += 1;
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, column)
}

/// Makes text safe to print: control characters become visible symbols (ESC shows as `␛`), tabs
/// become a space, so an error message can never drive the terminal.
pub fn sanitize(text: &str) -> String {
    text.chars()
        .map(|c| match u32::from(c) {
            0x09 => ' ',
            n @ 0x00..=0x1f => char::from_u32(0x2400 + n).unwrap_or('\u{fffd}'),
            0x7f => '\u{2421}',
            0x80..=0x9f => '\u{fffd}',
            _ => c,
        })
        .collect()
}

/// A deck that could not be loaded: one or more error diagnostics (plus any warnings found).
#[derive(Clone, Debug, thiserror::Error)]
#[error("{}", render_all(.diagnostics))]
pub struct LoadError {
    /// Errors first, then warnings, each in file order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Renders diagnostics one after another, blank line between them.
pub fn render_all(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_snippet_caret_and_hint() {
        let source = "Deck(\n    titel: \"x\",\n)";
        let d = Diagnostic::at(
            Severity::Error,
            "x.ron",
            source,
            2,
            5,
            "unknown field `titel`",
        )
        .with_width(5)
        .with_hint("did you mean `title`?");
        assert_eq!(
            d.to_string(),
            "x.ron:2:5: error: unknown field `titel`\n  |\n2 |     titel: \"x\",\n  |     ^^^^^\n  = hint: did you mean `title`?\n"
        );
    }

    #[test]
    fn caret_counts_display_width_of_wide_characters() {
        let source = "  \"中蘇\", x";
        let d = Diagnostic::at(Severity::Error, "x.ron", source, 1, 9, "here");
        let caret_line = d.to_string().lines().nth(3).unwrap().to_owned();
        // Before the `x`: two spaces, a quote, two double-width glyphs, a quote, a comma and a
        // space take 10 cells.
        assert_eq!(caret_line, format!("  | {}^", " ".repeat(10)));
    }

    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let line = format!("{}X{}", "[".repeat(300), "]".repeat(300));
        let d = Diagnostic::at(Severity::Error, "x.ron", &line, 1, 301, "here");
        let out = d.to_string();
        let shown = out.lines().nth(2).unwrap();
        let caret = out.lines().nth(3).unwrap();
        assert!(
            shown.starts_with("1 | …[") && shown.ends_with("]…"),
            "{shown}"
        );
        let col = |s: &str, c: char| s.chars().position(|x| x == c).unwrap();
        assert_eq!(
            col(shown, 'X') - col(shown, '|'),
            col(caret, '^') - col(caret, '|')
        );
    }

    #[test]
    fn escape_characters_are_shown_not_sent() {
        let d = Diagnostic::at(Severity::Error, "x.ron", "a\u{1b}[2Jb", 1, 2, "bad \u{1b}");
        let out = d.to_string();
        assert!(!out.contains('\u{1b}'));
        assert!(out.contains("a␛[2Jb"));
    }

    #[test]
    fn source_lines_are_the_lines_str_lines_gives() {
        for text in ["", "a", "a\n", "a\nb", "a\r\nb\r\n", "\n\nc", "x\n\n"] {
            let lines = SourceLines::new(text);
            let want: Vec<&str> = text.lines().collect();
            let got: Vec<&str> = (1..=want.len() + 1).map_while(|n| lines.line(n)).collect();
            assert_eq!(got, want, "{text:?}");
            assert_eq!(lines.line(0), None);
        }
    }
}
