//! The handout as plain Markdown (no extensions but pipe tables), for a course website: the same cover, contents, slides,
//! notes and errata as the HTML handout, with the timeline as a dated list (grouped by year,
//! flashbacks and flash-forwards first and last, milestones among the slides). Anchors are
//! `<a id="slide-N">`, so links read the same in both handouts.
//!
//! Deck text is escaped by [`text`], the one escaping function here: every ASCII character
//! Markdown or HTML could read as markup gets a backslash, so a deck's `<script>`, `[link](…)`,
//! `*`, `#` or `1.` at the start of a line shows as written wherever the page is rendered.

use std::fmt::Write as _;

use super::chronology::{Place, by_date, place, year};
use super::handout::{
    Entry, Options, entries, entries_of, errata_count, milestone_of, part_heading, slide_label,
};
use super::html::is_aligned;
use super::notes::{NotesBlock, blocks};
use crate::deck::{Block, Bullet, DayRange, Deck, Milestone, Prose};
use crate::layout::figure::coordinates;
use crate::layout::slide::block_text;
use crate::layout::table::is_number;
use crate::layout::{Line, MEASURE};
use crate::text::{Emphasis, parse_emphasis};

/// Characters that Markdown (with the common extensions: tables, strikethrough) or HTML inside
/// it could take for markup anywhere in a line.
const SPECIAL: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '~', '#', '!', '{', '}',
];

/// `text` on one line with everything Markdown could read as markup escaped: the characters of
/// [`SPECIAL`] anywhere, and at the start what would open a block (`-`, `+`, `=`, `1.`, `1)`).
/// Line breaks become spaces; callers that keep lines split them first.
pub fn text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let line = text.replace(['\n', '\r'], " ");
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    for (i, c) in line.chars().enumerate() {
        let opens_block = i == 0 && matches!(c, '-' | '+' | '=');
        // `1953. ` or `1) ` at the start of a line would open an ordered list.
        let ends_number = digits > 0 && i == digits && matches!(c, '.' | ')');
        if SPECIAL.contains(&c) || opens_block || ends_number {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Deck prose on one line, its `**bold**` and `*italic*` written as Markdown's own.
fn prose(source: &str) -> String {
    let mut out = String::new();
    for (piece, e) in parse_emphasis(&source.replace(['\n', '\r'], " "), Emphasis::default()) {
        let marker = match (e.bold, e.italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        // Emphasis must not open or close on a space: keep the spaces outside the markers.
        let inner = piece.trim();
        if marker.is_empty() || inner.is_empty() {
            out.push_str(&text(&piece));
            continue;
        }
        if piece.starts_with(char::is_whitespace) {
            out.push(' ');
        }
        let _ = write!(out, "{marker}{}{marker}", text(inner));
        if piece.ends_with(char::is_whitespace) {
            out.push(' ');
        }
    }
    out
}

/// The handout of `deck` as Markdown.
pub fn handout(deck: &Deck, options: Options) -> String {
    let entries = entries(deck);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", text(deck.title.as_str()));
    if let Some(sub) = &deck.subtitle {
        let _ = writeln!(out, "*{}*\\", text(sub.as_str()));
    }
    if let Some(author) = &deck.author {
        let _ = writeln!(out, "{}\\", text(author.as_str()));
    }
    let parts = deck.parts.len();
    let _ = writeln!(
        out,
        "Timeline {} · {} slides in {parts} part{}\n",
        text(&deck.span.human()),
        deck.slide_count(),
        if parts == 1 { "" } else { "s" }
    );

    out.push_str("## Contents\n\n");
    for (p, part) in deck.parts.iter().enumerate() {
        let _ = writeln!(
            out,
            "### [{}](#part-{})\n",
            text(&part_heading(p, part)),
            p + 1
        );
        for e in entries_of(&entries, p) {
            let when = e
                .slide
                .shown_date()
                .map_or(String::new(), |d| format!(" · {}", text(&d)));
            let _ = writeln!(
                out,
                "{}. [{}](#slide-{}){when}",
                e.number,
                text(e.slide.title.as_str()),
                e.number,
            );
        }
        out.push('\n');
    }
    if options.corrections {
        out.push_str("### [Errata](#errata)\n\n");
    }

    timeline(&mut out, deck);

    for (p, part) in deck.parts.iter().enumerate() {
        let _ = writeln!(
            out,
            "## <a id=\"part-{}\"></a>{}\n",
            p + 1,
            text(&part_heading(p, part))
        );
        if let Some(sub) = &part.subtitle {
            let _ = writeln!(out, "*{}*\n", text(sub.as_str()));
        }
        for e in entries_of(&entries, p) {
            slide(&mut out, deck, e, options);
        }
    }
    if options.corrections {
        errata(&mut out, deck, &entries);
    }
    out
}

/// The timeline as a list: a group per year inside the span, flashbacks before and
/// flash-forwards after it, each slide `date · [N. title](#slide-N)`, milestones starred.
fn timeline(out: &mut String, deck: &Deck) {
    out.push_str("## Timeline\n\n");
    let span = deck.span.range;
    let _ = writeln!(
        out,
        "Every slide by its date, {}; ★ marks a milestone.\n",
        text(&deck.span.human())
    );
    let slides: Vec<_> = deck.slides().collect();
    let mut milestones: Vec<_> = deck.milestones.iter().collect();
    milestones.sort_by_key(|m| m.date.range.first);
    let mut milestones = milestones.into_iter().peekable();
    // The list's groups: the flashbacks, each year of the span, the flash-forwards.
    let group_of = |range: &DayRange| match place(&span, range) {
        Place::Before => format!("Before {}: flashbacks", year(span.first.year())),
        Place::Inside => year(range.first.year()),
        Place::After => format!("After {}: flash-forwards", year(span.last.year())),
    };
    // A starred line under the milestone's own group.
    let milestone = |out: &mut String, group: &mut String, m: &Milestone| {
        open_group(out, group, &group_of(&m.date.range));
        let _ = writeln!(
            out,
            "  - {} · ★ **{}**",
            text(&m.date.human()),
            text(m.label.as_str())
        );
    };
    let mut group = String::new();
    for i in by_date(deck) {
        let s = slides[i];
        // `by_date` lists dated slides only.
        let Some(range) = s.range() else { continue };
        let name = group_of(&range);
        // The milestones up to this slide's first day come first.
        while let Some(m) = milestones.next_if(|m| m.date.range.first <= range.first) {
            milestone(out, &mut group, m);
        }
        open_group(out, &mut group, &name);
        let _ = writeln!(
            out,
            "  - {} · [{}. {}](#slide-{})",
            text(&s.shown_date().unwrap_or_default()),
            i + 1,
            text(s.title.as_str()),
            i + 1
        );
    }
    for m in milestones {
        milestone(out, &mut group, m);
    }
    out.push('\n');
}

/// Starts the list item of group `name` unless it is the one open.
fn open_group(out: &mut String, open: &mut String, name: &str) {
    if open != name {
        let _ = writeln!(out, "- **{}**", text(name));
        name.clone_into(open);
    }
}

fn slide(out: &mut String, deck: &Deck, e: &Entry, options: Options) {
    let s = e.slide;
    let _ = writeln!(
        out,
        "### <a id=\"slide-{}\"></a>{}. {}\n",
        e.number,
        e.number,
        text(s.title.as_str())
    );
    match s.shown_date() {
        Some(date) => {
            let _ = write!(out, "**{}** · {}", text(&date), text(&slide_label(e)));
        }
        None => {
            let _ = write!(out, "{}", text(&slide_label(e)));
        }
    }
    match milestone_of(deck, s) {
        Some(m) => {
            let _ = writeln!(out, " · ★ {}\n", text(m.label.as_str()));
        }
        None => out.push_str("\n\n"),
    }
    blocks_md(out, &s.body);
    if options.notes {
        if let Some(notes) = &s.notes {
            out.push_str("#### Notes\n\n");
            for block in blocks(notes.as_str()) {
                match block {
                    NotesBlock::Paragraph(lines) => {
                        let lines: Vec<String> = lines.iter().map(|l| prose(l)).collect();
                        let _ = writeln!(out, "{}\n", lines.join("\\\n"));
                    }
                    NotesBlock::Bullets(items) => {
                        for item in items {
                            let _ = writeln!(out, "- {}", prose(item));
                        }
                        out.push('\n');
                    }
                }
            }
        }
        if !s.sources.is_empty() {
            out.push_str("#### Sources\n\n");
            for source in &s.sources {
                let _ = writeln!(out, "- {}", text(source.as_str()));
            }
            out.push('\n');
        }
    }
}

/// A slide's blocks, every reveal step shown; columns one after the other.
#[expect(
    clippy::match_wildcard_for_single_variants,
    reason = "a kind of block added later lands in the last arm until it has a form of its own"
)]
fn blocks_md(out: &mut String, body: &[Block]) {
    for block in body {
        match block {
            Block::Text(t) => {
                let _ = writeln!(out, "{}\n", prose(t.as_str()));
            }
            Block::Bullets(items) => bullets(out, items),
            Block::Quote { text: quote, by } => {
                let _ = writeln!(out, "> {}", prose(quote.as_str()));
                if let Some(by) = by {
                    let _ = writeln!(out, ">\n> — {}", text(by.as_str()));
                }
                out.push('\n');
            }
            Block::Excerpt {
                lang,
                text: excerpt,
                source,
            } if is_aligned(excerpt.as_str()) => {
                // Lined up with spaces: a code block keeps them, in a font of even widths.
                let excerpt = excerpt.as_str().replace('\t', "    ");
                let fence = "`".repeat(longest_run(&excerpt, '`').max(2) + 1);
                let _ = writeln!(out, "{fence}text\n{}\n{fence}\n", excerpt.trim_end());
                let caption = match source {
                    Some(s) => format!("{lang} · {s}"),
                    None => lang.as_str().to_owned(),
                };
                let _ = writeln!(out, "— {}\n", text(&caption));
            }
            Block::Excerpt {
                lang,
                text: excerpt,
                source,
            } => {
                let lines: Vec<String> = excerpt
                    .as_str()
                    .split('\n')
                    .map(|l| text(l.replace('\t', "    ").trim()))
                    .collect();
                // Blank lines in the excerpt are paragraph breaks; the others hard breaks.
                let mut quoted = String::new();
                for (k, line) in lines.iter().enumerate() {
                    let next_blank = lines.get(k + 1).is_some_and(String::is_empty);
                    let last = k + 1 == lines.len();
                    let brk = if line.is_empty() || next_blank || last {
                        ""
                    } else {
                        "\\"
                    };
                    let _ = writeln!(
                        quoted,
                        ">{}{line}{brk}",
                        if line.is_empty() { "" } else { " " }
                    );
                }
                out.push_str(&quoted);
                let caption = match source {
                    Some(s) => format!("{lang} · {s}"),
                    None => lang.as_str().to_owned(),
                };
                let _ = writeln!(out, ">\n> — {}\n", text(&caption));
            }
            Block::Columns { left, right } => {
                blocks_md(out, left);
                blocks_md(out, right);
            }
            Block::Image { path, alt, caption } => {
                // The path as the deck writes it: the handout goes beside the deck's pictures.
                let _ = writeln!(out, "![{}]({})\n", text(alt.as_str()), url(path.as_str()));
                if let Some(caption) = caption {
                    let _ = writeln!(out, "*{}*\n", prose(caption.as_str()).trim());
                }
            }
            Block::Table { header, rows } => table(out, header, rows),
            Block::Map { places } => {
                for place in places {
                    let _ = writeln!(
                        out,
                        "- **{}** {}",
                        text(place.name.as_str()),
                        coordinates(place)
                    );
                }
                out.push('\n');
            }
            // Any other kind (a Pause has no lines) as the screen lays it out, kept as written.
            other => as_on_screen(out, other),
        }
    }
}

/// A block in the lines the screen lays it out in, fenced so that nothing in it is read as
/// Markdown, for a kind the handout has no form of its own for; nothing for a block without
/// lines.
fn as_on_screen(out: &mut String, block: &Block) {
    let lines = block_text(block, MEASURE);
    if !lines.is_empty() {
        let text: Vec<String> = lines.iter().map(Line::text).collect();
        let text = text.join("\n");
        let fence = "`".repeat(longest_run(&text, '`').max(2) + 1);
        let _ = writeln!(out, "{fence}\n{text}\n{fence}\n");
    }
}

/// A pipe table (the one extension used here: course websites render it, and elsewhere it
/// still reads as a table). Cells are escaped like any text, `|` included.
fn table(out: &mut String, header: &[Prose], rows: &[Vec<Prose>]) {
    let line = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
    let _ = writeln!(
        out,
        "{}",
        line(header.iter().map(|c| prose(c.as_str())).collect())
    );
    // Columns of figures align right, as on screen.
    let align = (0..header.len())
        .map(|c| {
            let numbers = rows
                .iter()
                .all(|r| r.get(c).is_none_or(|p| is_number(p.as_str())));
            if numbers && !rows.is_empty() {
                "---:"
            } else {
                "---"
            }
            .to_owned()
        })
        .collect();
    let _ = writeln!(out, "{}", line(align));
    for row in rows {
        let cells = row
            .iter()
            .map(|c| {
                let cell = prose(c.as_str());
                // An empty cell still needs something between its pipes to be read as one.
                if cell.trim().is_empty() {
                    " ".to_owned()
                } else {
                    cell
                }
            })
            .collect();
        let _ = writeln!(out, "{}", line(cells));
    }
    out.push('\n');
}

/// A path as a Markdown link target: every byte but letters, digits and `-._~/` percent-encoded,
/// so that no path can close the link, open markup, or carry a scheme (`javascript:` becomes
/// `javascript%3A`, a file name).
fn url(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The longest run of `c` in `text`.
fn longest_run(text: &str, c: char) -> usize {
    text.split(|x| x != c).map(str::len).max().unwrap_or(0)
}

fn bullets(out: &mut String, items: &[Bullet]) {
    for item in items {
        let _ = writeln!(out, "- {}", prose(item.text.as_str()));
        for child in &item.children {
            let _ = writeln!(out, "  - {}", prose(child.as_str()));
        }
    }
    out.push('\n');
}

fn errata(out: &mut String, deck: &Deck, entries: &[Entry]) {
    out.push_str("## <a id=\"errata\"></a>Errata\n\n");
    let _ = writeln!(
        out,
        "{}: what each slide first said, what it says now, and why.\n",
        errata_count(deck)
    );
    for e in entries.iter().filter(|e| !e.slide.corrections.is_empty()) {
        let _ = writeln!(
            out,
            "### [{} · {}](#slide-{})\n",
            e.number,
            text(e.slide.title.as_str()),
            e.number
        );
        for c in &e.slide.corrections {
            let _ = write!(
                out,
                "- **was** {} → **now** {}",
                text(c.was.as_str()),
                text(c.now.as_str())
            );
            match &c.why {
                Some(why) => {
                    let _ = writeln!(out, "\\\n  *why:* {}", text(why.as_str()));
                }
                None => out.push('\n'),
            }
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A kind of block without a form of its own in the handout: its lines as the screen lays
    /// them out, in a fence longer than any run of backticks inside, so nothing is Markdown.
    #[test]
    fn a_block_the_handout_has_no_form_for_is_fenced_as_the_screen_lays_it_out() {
        let mut out = String::new();
        as_on_screen(
            &mut out,
            &Block::Text(Prose::checked("a ``` b *c*").unwrap()),
        );
        as_on_screen(&mut out, &Block::Pause);
        assert_eq!(out, "````\na ``` b c\n````\n\n");
    }

    #[test]
    fn markup_characters_get_a_backslash_and_block_openers_only_at_the_start() {
        assert_eq!(
            text("<script>alert('x')</script> [a](javascript:b) *c* `d` &amp;"),
            r"\<script\>alert('x')\</script\> \[a\](javascript:b) \*c\* \`d\` \&amp;"
        );
        assert_eq!(text("# not a heading"), r"\# not a heading");
        assert_eq!(text("- not a bullet - here"), r"\- not a bullet - here");
        assert_eq!(text("1953. A year"), r"1953\. A year");
        assert_eq!(text("In 1953. A year"), "In 1953. A year");
        assert_eq!(text("two\nlines"), "two lines");
        assert_eq!(text("Сталин 中蘇友好"), "Сталин 中蘇友好");
    }

    #[test]
    fn the_timeline_is_a_dated_list_grouped_by_year_with_the_edges_first_and_last() {
        let source = r#"Deck(title: "T", span: "1953/1954", milestones: [
            (date: "1953-03-05", label: "Stalin dies"),
            (date: "1937-07-30", label: "Order 00447"),
        ], parts: [Part(id: "p", title: "P", slides: [
            Slide(title: "Funeral", date: "1953-03-09"),
            Slide(title: "Back", date: "1937", flashback: true),
            Slide(title: "Death", date: "1953-03-05"),
            Slide(title: "Later", date: "1971-01-03", flashback: true),
            Slide(title: "Beria", date: "1954", date_label: "a year on"),
        ])])"#;
        let deck = crate::deck::parse_deck("t.ron", source.as_bytes())
            .unwrap()
            .deck;
        let mut out = String::new();
        timeline(&mut out, &deck);
        assert_eq!(
            out,
            "## Timeline\n\n\
             Every slide by its date, 1953–1954; ★ marks a milestone.\n\n\
             - **Before 1953: flashbacks**\n\
             \x20 - 1937 · [2. Back](#slide-2)\n\
             \x20 - 30 July 1937 · ★ **Order 00447**\n\
             - **1953**\n\
             \x20 - 5 March 1953 · ★ **Stalin dies**\n\
             \x20 - 5 March 1953 · [3. Death](#slide-3)\n\
             \x20 - 9 March 1953 · [1. Funeral](#slide-1)\n\
             - **1954**\n\
             \x20 - a year on · [5. Beria](#slide-5)\n\
             - **After 1954: flash-forwards**\n\
             \x20 - 3 January 1971 · [4. Later](#slide-4)\n\n"
        );
    }

    #[test]
    fn emphasis_keeps_its_spaces_outside_the_markers() {
        assert_eq!(
            prose("a **bold** and *it* word"),
            "a **bold** and *it* word"
        );
        assert_eq!(prose("**x *y* z**"), "**x** ***y*** **z**");
        assert_eq!(prose("lone * star"), r"lone \* star");
    }
}
