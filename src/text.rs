//! Text by display columns, shared by every room: widths, truncation with an ellipsis, inline
//! emphasis (`**bold**`, `*italic*`), Roman numerals for parts, and word wrapping. Wrapping follows the Unicode line
//! breaking rules (UAX #14, through `textwrap`): breaks at spaces, between CJK ideographs, after
//! dashes, and never before closing punctuation such as `，` or `。`. It works on pieces of text
//! tagged with any style the caller uses, so the layout (roles) and the terminal (colours) share
//! it. Knows nothing of terminals.

use textwrap::WordSeparator;
use textwrap::core::{Word, break_words};
use textwrap::wrap_algorithms::wrap_first_fit;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Inline emphasis on a piece of text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Emphasis {
    /// `**bold**`.
    pub bold: bool,
    /// `*italic*`.
    pub italic: bool,
}

/// Splits `**bold**` and `*italic*` markup into pieces with their emphasis, on top of `base`.
/// Unbalanced markers are kept as written, so a lone asterisk in a deck still shows.
pub fn parse_emphasis(text: &str, base: Emphasis) -> Vec<(String, Emphasis)> {
    let mut out: Vec<(String, Emphasis)> = Vec::new();
    let mut rest = text;
    let mut plain = String::new();
    while !rest.is_empty() {
        let (marker, bold) = if rest.starts_with("**") {
            ("**", true)
        } else if rest.starts_with('*') {
            ("*", false)
        } else {
            let next = rest.find('*').unwrap_or(rest.len());
            plain.push_str(&rest[..next]);
            rest = &rest[next..];
            continue;
        };
        let after = &rest[marker.len()..];
        match after.find(marker) {
            Some(end) if end > 0 => {
                if !plain.is_empty() {
                    out.push((std::mem::take(&mut plain), base));
                }
                let inner = Emphasis {
                    bold: base.bold || bold,
                    italic: base.italic || !bold,
                };
                // Nested italic inside bold (`**a *b* c**`) is rare on slides; inner markers of
                // the other kind are parsed recursively.
                out.extend(parse_emphasis(&after[..end], inner));
                rest = &after[end + marker.len()..];
            }
            _ => {
                plain.push_str(marker);
                rest = after;
            }
        }
    }
    if !plain.is_empty() {
        out.push((plain, base));
    }
    out
}

/// Display width of a string in terminal cells.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Cuts text to `max_width` cells, ending with `…` when anything was cut.
pub fn truncate(text: &str, max_width: usize) -> String {
    if width(text) <= max_width {
        return text.to_owned();
    }
    if max_width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let gw = width(g);
        if used + gw > max_width - 1 {
            break;
        }
        out.push_str(g);
        used += gw;
    }
    out.push('…');
    out
}

/// A wrapped line: pieces of text with the style each came with.
pub type Wrapped<S> = Vec<(String, S)>;

/// Roman numerals for part numbers (parts are few).
pub fn roman(n: usize) -> String {
    const NUMERALS: [(usize, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, symbol) in NUMERALS {
        while n >= value {
            out.push_str(symbol);
            n -= value;
        }
    }
    out
}

/// Wraps styled text to `max_width` cells. Runs of white space become one space, and space at
/// either end goes; a word wider than a line is split between characters. Every line is at
/// most `max_width` cells wide (unless one character is wider than that), and an empty text
/// gives one empty line.
pub fn wrap<S: Clone + PartialEq>(pieces: &[(String, S)], max_width: usize) -> Vec<Wrapped<S>> {
    let max_width = max_width.max(1);
    // One string to find the break opportunities in, and where each piece's style starts.
    let mut text = String::new();
    let mut styles: Vec<(usize, S)> = Vec::new();
    for (piece, style) in pieces {
        for c in piece.chars() {
            if c.is_whitespace() {
                if text.is_empty() || text.ends_with(' ') {
                    continue;
                }
                mark(&mut styles, text.len(), style);
                text.push(' ');
            } else {
                mark(&mut styles, text.len(), style);
                text.push(c);
            }
        }
    }
    let text = text.trim_end();
    if text.is_empty() {
        return vec![Vec::new()];
    }
    let words: Vec<Word> = WordSeparator::UnicodeBreakProperties
        .find_words(text)
        .collect();
    let words = break_words(words, max_width);
    // Words are slices of `text`, in order; their offsets place each line in it.
    let offset = |w: &Word| w.word.as_ptr() as usize - text.as_ptr() as usize;
    wrap_first_fit(&words, &[line_width_f64(max_width)])
        .into_iter()
        .map(|line| {
            let start = line.first().map_or(0, offset);
            let end = line.last().map_or(0, |w| offset(w) + w.word.len());
            styled(text, &styles, start, end)
        })
        .collect()
}

/// Wraps one line of a document keeping its spacing: the indentation and the runs of spaces
/// inside it, which line its columns up. It breaks only a line too long for `max_width`, where
/// [`wrap`] would, and indents the continuation as the line itself (a line indented by more
/// than half the width loses its indentation when it must break). Space at the end goes.
pub fn wrap_keeping_spaces(line: &str, max_width: usize) -> Vec<String> {
    let max_width = max_width.max(1);
    let line = line.trim_end();
    if width(line) <= max_width {
        return vec![line.to_owned()];
    }
    let body = line.trim_start();
    let lead = &line[..line.len() - body.len()];
    // An indentation of more than half the width would leave too little for the words.
    let indent = if width(lead) * 2 > max_width {
        ""
    } else {
        lead
    };
    let inner = max_width - width(indent);
    let words: Vec<Word> = WordSeparator::UnicodeBreakProperties
        .find_words(body)
        .collect();
    let words = break_words(words, inner);
    wrap_first_fit(&words, &[line_width_f64(inner)])
        .iter()
        .map(|words| {
            let mut out = indent.to_owned();
            for (k, w) in words.iter().enumerate() {
                out.push_str(w.word);
                if k + 1 < words.len() {
                    out.push_str(w.whitespace);
                }
            }
            out
        })
        .collect()
}

/// Records that text from byte `at` on has `style`, unless it already has.
fn mark<S: Clone + PartialEq>(styles: &mut Vec<(usize, S)>, at: usize, style: &S) {
    if styles.last().is_none_or(|(_, s)| s != style) {
        styles.push((at, style.clone()));
    }
}

/// `text[start..end]` cut into pieces by the styles that start inside it.
fn styled<S: Clone>(text: &str, styles: &[(usize, S)], start: usize, end: usize) -> Wrapped<S> {
    let mut out = Vec::new();
    for (i, (from, style)) in styles.iter().enumerate() {
        let to = styles.get(i + 1).map_or(text.len(), |(next, _)| *next);
        let (a, b) = ((*from).max(start), to.min(end));
        if a < b {
            out.push((text[a..b].to_owned(), style.clone()));
        }
    }
    out
}

/// A line width as textwrap's algorithms take it. Terminal widths are far below 2^52.
#[allow(clippy::cast_precision_loss)]
fn line_width_f64(w: usize) -> f64 {
    w as f64
}

/// Wraps plain text with one style; line breaks in `text` start new lines, and a blank line
/// stays blank (it separates paragraphs).
pub fn wrap_plain<S: Clone + PartialEq>(
    text: &str,
    style: &S,
    max_width: usize,
) -> Vec<Wrapped<S>> {
    text.split('\n')
        .flat_map(|para| {
            if para.trim().is_empty() {
                vec![Vec::new()]
            } else {
                wrap(&[(para.to_owned(), style.clone())], max_width)
            }
        })
        .collect()
}

/// Width of a wrapped line in cells.
pub fn wrapped_width<S>(line: &[(String, S)]) -> usize {
    line.iter().map(|(t, _)| width(t)).sum()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn plain(lines: &[Wrapped<()>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.iter().map(|(t, ())| t.as_str()).collect())
            .collect()
    }

    fn wrap_text(text: &str, w: usize) -> Vec<String> {
        plain(&wrap(&[(text.to_owned(), ())], w))
    }

    #[test]
    fn wraps_at_word_boundaries() {
        assert_eq!(
            wrap_text("the quick brown fox jumps", 10),
            ["the quick", "brown fox", "jumps"]
        );
    }

    #[test]
    fn cjk_breaks_between_ideographs_and_never_splits_one() {
        // Each glyph is two cells: two fit in five cells, never two and a half.
        assert_eq!(
            wrap_text("中蘇友好同盟互助", 5),
            ["中蘇", "友好", "同盟", "互助"]
        );
    }

    #[test]
    fn closing_cjk_punctuation_never_starts_a_line() {
        // The comma stays with the ideograph before it: "好，" moves down together.
        assert_eq!(
            wrap_text("中蘇友好，同盟。", 8),
            ["中蘇友", "好，同", "盟。"]
        );
        // From four cells on: narrower, an ideograph and its comma cannot share a line at all.
        for w in 4..12 {
            for line in wrap_text("中蘇友好，同盟互助。人民日報、一九五六年。", w)
            {
                assert!(
                    !line.starts_with(['，', '。', '、']),
                    "width {w}: {line:?} starts with closing punctuation"
                );
            }
        }
    }

    #[test]
    fn a_document_line_keeps_its_spaces_and_breaks_only_when_too_long() {
        assert_eq!(
            wrap_keeping_spaces("  Budapest     2,500   ", 30),
            ["  Budapest     2,500"]
        );
        assert_eq!(
            wrap_keeping_spaces("  Мадьяры   восстали против   власти", 20),
            ["  Мадьяры   восстали", "  против   власти"]
        );
        // Ideographs are two cells: aligned by what the terminal shows, not by bytes.
        assert_eq!(
            wrap_keeping_spaces("布達佩斯  1956", 14),
            ["布達佩斯  1956"]
        );
        assert_eq!(
            wrap_keeping_spaces("布達佩斯  1956", 13),
            ["布達佩斯", "1956"]
        );
        for line in wrap_keeping_spaces("                word word word word", 20) {
            assert!(width(&line) <= 20, "{line:?}");
        }
    }

    #[test]
    fn long_words_are_split() {
        assert_eq!(wrap_text("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn runs_of_space_become_one_and_the_ends_go() {
        assert_eq!(wrap_text("  a \t b\n c  ", 20), ["a b c"]);
        assert_eq!(wrap_text("   ", 20), [""]);
    }

    #[test]
    fn styles_follow_their_text_across_lines() {
        let pieces = vec![("plain words ".to_owned(), 0), ("bold words".to_owned(), 1)];
        let lines = wrap(&pieces, 11);
        assert_eq!(
            lines,
            vec![
                vec![("plain words".to_owned(), 0)],
                vec![("bold words".to_owned(), 1)],
            ]
        );
        let lines = wrap(&pieces, 40);
        assert_eq!(
            lines,
            vec![vec![
                ("plain words ".to_owned(), 0),
                ("bold words".to_owned(), 1)
            ]]
        );
    }

    #[test]
    fn emphasis_is_parsed_and_unbalanced_markers_kept() {
        let base = Emphasis::default();
        let bold = Emphasis {
            bold: true,
            italic: false,
        };
        let italic = Emphasis {
            bold: false,
            italic: true,
        };
        assert_eq!(
            parse_emphasis("a **b** *c* d * e", base),
            vec![
                ("a ".to_owned(), base),
                ("b".to_owned(), bold),
                (" ".to_owned(), base),
                ("c".to_owned(), italic),
                (" d * e".to_owned(), base),
            ]
        );
    }

    #[test]
    fn truncate_adds_ellipsis_within_width() {
        assert_eq!(truncate("Khrushchev", 6), "Khrus…");
        assert_eq!(truncate("中蘇友好", 5), "中蘇…");
        assert_eq!(truncate("short", 10), "short");
    }

    proptest! {
        #[test]
        fn wrapped_lines_fit_and_keep_every_visible_character(
            text in "[a-zA-Zа-я中蘇，。 ,.–-]{0,80}", w in 2usize..40
        ) {
            let lines = wrap(&[(text.clone(), ())], w);
            for line in &lines {
                prop_assert!(wrapped_width(line) <= w);
            }
            let kept: String = plain(&lines).concat().chars().filter(|c| !c.is_whitespace()).collect();
            let orig: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            prop_assert_eq!(kept, orig);
        }
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(1), "I");
        assert_eq!(roman(2), "II");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(14), "XIV");
    }
}
