//! Width-aware text: inline emphasis (`**bold**`, `*italic*`), word wrapping by display columns
//! (CJK breaks between ideographs and never splits a glyph), and truncation with an ellipsis.
//! Produces ratatui `Line`s so that callers know line counts before drawing.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Splits `**bold**` and `*italic*` markup into styled pieces on top of `base`. Unbalanced
/// markers are kept as written, so a lone asterisk in a deck still shows.
pub fn parse_emphasis(text: &str, base: Style) -> Vec<(String, Style)> {
    let mut out: Vec<(String, Style)> = Vec::new();
    let mut rest = text;
    let mut plain = String::new();
    while !rest.is_empty() {
        let (marker, modifier) = if rest.starts_with("**") {
            ("**", Modifier::BOLD)
        } else if rest.starts_with('*') {
            ("*", Modifier::ITALIC)
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
                // Nested italic inside bold (`**a *b* c**`) is rare on slides; inner markers of
                // the other kind are parsed recursively.
                for (s, st) in parse_emphasis(&after[..end], base.add_modifier(modifier)) {
                    out.push((s, st));
                }
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

/// A word to place: styled pieces, whether a space precedes it, and its width.
struct Word {
    pieces: Vec<(String, Style)>,
    space_before: bool,
    width: usize,
}

/// Splits styled text into words: whitespace separates words, and each wide (CJK) grapheme is a
/// word of its own that may start a line without a space.
fn words(spans: &[(String, Style)]) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut pending_space = false;
    let mut current: Option<Word> = None;
    for (text, style) in spans {
        for g in text.graphemes(true) {
            if g.chars().all(char::is_whitespace) {
                if let Some(w) = current.take() {
                    out.push(w);
                }
                pending_space = true;
                continue;
            }
            let gw = width(g);
            if gw >= 2 {
                if let Some(w) = current.take() {
                    out.push(w);
                }
                out.push(Word {
                    pieces: vec![(g.to_owned(), *style)],
                    space_before: pending_space,
                    width: gw,
                });
                pending_space = false;
                continue;
            }
            let word = current.get_or_insert_with(|| Word {
                pieces: Vec::new(),
                space_before: std::mem::take(&mut pending_space),
                width: 0,
            });
            match word.pieces.last_mut() {
                Some((s, st)) if st == style => s.push_str(g),
                _ => word.pieces.push((g.to_owned(), *style)),
            }
            word.width += gw;
        }
    }
    if let Some(w) = current.take() {
        out.push(w);
    }
    out
}

/// Wraps styled text to `max_width` cells. Words longer than a line are split between
/// graphemes. Every returned line is at most `max_width` cells wide.
pub fn wrap(spans: &[(String, Style)], max_width: usize) -> Vec<Line<'static>> {
    let max_width = max_width.max(1);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut line: Vec<Span<'static>> = Vec::new();
    let mut used = 0usize;
    let flush =
        |line: &mut Vec<Span<'static>>, used: &mut usize, lines: &mut Vec<Line<'static>>| {
            lines.push(Line::from(std::mem::take(line)));
            *used = 0;
        };
    for word in words(spans) {
        let space = usize::from(word.space_before && used > 0);
        if used > 0 && used + space + word.width > max_width {
            flush(&mut line, &mut used, &mut lines);
        } else if space == 1 {
            let style = word.pieces.first().map(|p| p.1).unwrap_or_default();
            line.push(Span::styled(" ", style));
            used += 1;
        }
        if word.width <= max_width - used {
            for (s, st) in word.pieces {
                line.push(Span::styled(s, st));
            }
            used += word.width;
            continue;
        }
        // A word wider than the line: break it between graphemes.
        for (s, st) in word.pieces {
            for g in s.graphemes(true) {
                let gw = width(g);
                if used + gw > max_width && used > 0 {
                    flush(&mut line, &mut used, &mut lines);
                }
                line.push(Span::styled(g.to_owned(), st));
                used += gw;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(Line::from(line));
    }
    lines
}

/// Wraps plain text with one style; blank lines in `text` separate paragraphs.
pub fn wrap_plain(text: &str, style: Style, max_width: usize) -> Vec<Line<'static>> {
    text.split('\n')
        .flat_map(|para| {
            if para.trim().is_empty() {
                vec![Line::default()]
            } else {
                wrap(&[(para.to_owned(), style)], max_width)
            }
        })
        .collect()
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

/// Width of a line in cells.
pub fn line_width(line: &Line) -> usize {
    line.spans.iter().map(|s| width(&s.content)).sum()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn wraps_at_word_boundaries() {
        let lines = wrap(
            &[("the quick brown fox jumps".into(), Style::default())],
            10,
        );
        assert_eq!(plain(&lines), ["the quick", "brown fox", "jumps"]);
    }

    #[test]
    fn cjk_breaks_between_ideographs_and_never_splits_one() {
        let lines = wrap(&[("中蘇友好同盟互助".into(), Style::default())], 5);
        // Each glyph is two cells: two fit in five cells, never two and a half.
        assert_eq!(plain(&lines), ["中蘇", "友好", "同盟", "互助"]);
    }

    #[test]
    fn long_words_are_split() {
        let lines = wrap(&[("abcdefghij".into(), Style::default())], 4);
        assert_eq!(plain(&lines), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn emphasis_is_parsed_and_unbalanced_markers_kept() {
        let base = Style::default();
        let parts = parse_emphasis("a **b** *c* d * e", base);
        assert_eq!(
            parts,
            vec![
                ("a ".to_owned(), base),
                ("b".to_owned(), base.add_modifier(Modifier::BOLD)),
                (" ".to_owned(), base),
                ("c".to_owned(), base.add_modifier(Modifier::ITALIC)),
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
            text in "[a-zA-Zа-я中蘇 ,.]{0,80}", w in 2usize..40
        ) {
            let lines = wrap(&[(text.clone(), Style::default())], w);
            for line in &lines {
                prop_assert!(line_width(line) <= w);
            }
            let kept: String = plain(&lines).concat().chars().filter(|c| !c.is_whitespace()).collect();
            let orig: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            prop_assert_eq!(kept, orig);
        }
    }
}
