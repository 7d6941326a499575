//! `tribune handout` through the real binary, its output read back with an HTML parser
//! (`scraper`) as a browser would read it: the bundled lecture's page has every slide as a
//! section with its id and date, a timeline mark linking to each, both milestones labelled, the
//! flashbacks marked, `lang` on every excerpt, the notes only with `--notes` and the errata only
//! with `--corrections`; the Markdown handout has the same slides and a dated list; and a deck
//! written to break out of the page (`fixtures/hostile.ron`) gives an inert page, in HTML and in
//! Markdown rendered as a course website would (`pulldown-cmark`), its text shown as text.
//!
//! The expected numbers come from the deck itself, read with the library, so a lecture that
//! gains a slide does not need these tests rewritten; the bundled lecture's 84 is asserted once.

use std::collections::BTreeSet;
use std::path::Path;

use scraper::{ElementRef, Html, Selector};
use tribune::deck::{BUNDLED_NAME, BUNDLED_SOURCE, Block, Deck, load_path, parse_deck};

use crate::support::bin::tribune;

const HOSTILE: &str = "tests/fixtures/hostile.ron";

/// `tribune handout ARGS` on standard output; it must succeed and print nothing on stderr.
fn handout(args: &[&str]) -> String {
    let out = tribune()
        .arg("handout")
        .args(args)
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "handout {args:?} failed: {stderr}");
    assert!(stderr.is_empty(), "handout {args:?} said: {stderr}");
    String::from_utf8(out.stdout).expect("the handout is UTF-8")
}

fn bundled() -> Deck {
    parse_deck(BUNDLED_NAME, BUNDLED_SOURCE.as_bytes())
        .expect("the bundled lecture loads")
        .deck
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).expect("a valid selector")
}

fn count(page: &Html, css: &str) -> usize {
    page.select(&sel(css)).count()
}

/// An element's text, its pieces joined.
fn text(e: ElementRef) -> String {
    e.text().collect()
}

fn attr<'a>(e: &ElementRef<'a>, name: &str) -> Option<&'a str> {
    e.value().attr(name)
}

/// Whether a slide's date lies wholly outside the deck's span (an undated slide's does not).
fn is_outside(deck: &Deck, index: usize) -> bool {
    let slide = deck.slide(index).expect("the slide exists");
    slide
        .range()
        .is_some_and(|date| date.last < deck.span.range.first || date.first > deck.span.range.last)
}

/// The 1-based numbers of the slides that carry a date.
fn dated(deck: &Deck) -> Vec<usize> {
    (1..=deck.slide_count())
        .filter(|&n| deck.slide(n - 1).is_some_and(|s| s.date.is_some()))
        .collect()
}

fn excerpts(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|b| match b {
            Block::Excerpt { .. } => 1,
            Block::Columns { left, right } => excerpts(left) + excerpts(right),
            _ => 0,
        })
        .sum()
}

#[test]
fn every_slide_is_a_section_with_its_id_title_and_date() {
    let deck = bundled();
    assert_eq!(deck.slide_count(), 84, "the bundled lecture's slides");
    let page = Html::parse_document(&handout(&[]));
    let sections: Vec<ElementRef> = page.select(&sel("section.slide")).collect();
    assert_eq!(sections.len(), 84);
    for (i, (section, slide)) in sections.iter().zip(deck.slides()).enumerate() {
        let n = i + 1;
        assert_eq!(attr(section, "id"), Some(format!("slide-{n}").as_str()));
        let title = section.select(&sel("h3")).next().expect("a heading");
        assert_eq!(text(title), slide.title.as_str(), "slide {n}");
        // An undated slide shows no date.
        let date = section.select(&sel(".meta .date")).next().map(text);
        assert_eq!(date, slide.shown_date(), "slide {n}");
        let id = slide.id.as_ref().map(tribune::deck::Prose::as_str);
        assert_eq!(attr(section, "data-id"), id, "slide {n}");
    }
    let secret = page.select(&sel("#slide-46")).next().expect("slide 46");
    assert_eq!(attr(&secret, "data-id"), Some("secret-speech"));
    let date = secret.select(&sel(".date")).next().expect("its date");
    assert_eq!(text(date), "25 February 1956");
    // Every reveal step is shown: the slide after the radio announcement's Pause is there.
    let radio = page.select(&sel("#slide-5")).next().expect("slide 5");
    assert!(
        text(radio).contains("the first of many lies"),
        "{}",
        text(radio)
    );
}

#[test]
fn the_contents_list_every_slide_by_part_with_its_date() {
    let deck = bundled();
    let page = Html::parse_document(&handout(&[]));
    let contents = page.select(&sel("nav.contents")).next().expect("contents");
    let lists: Vec<ElementRef> = contents.select(&sel("ol")).collect();
    assert_eq!(lists.len(), deck.parts.len());
    for (p, (list, part)) in lists.iter().zip(&deck.parts).enumerate() {
        let items: Vec<ElementRef> = list.select(&sel("li")).collect();
        assert_eq!(items.len(), part.slides.len(), "part {}", p + 1);
        let first = deck.part_start(p) + 1;
        assert_eq!(attr(list, "start"), Some(first.to_string().as_str()));
        for (k, (item, slide)) in items.iter().zip(&part.slides).enumerate() {
            let link = item.select(&sel("a")).next().expect("a link");
            let href = format!("#slide-{}", first + k);
            assert_eq!(attr(&link, "href"), Some(href.as_str()));
            let when = item.select(&sel(".when")).next().map(text);
            assert_eq!(when, slide.shown_date());
        }
    }
}

#[test]
fn the_timeline_has_a_mark_linking_to_every_slide() {
    let deck = bundled();
    let page = Html::parse_document(&handout(&[]));
    assert_eq!(count(&page, "svg"), 1, "one inline SVG: the timeline");
    let marks: Vec<ElementRef> = page.select(&sel("svg a.mark")).collect();
    let dated = dated(&deck);
    assert!(dated.len() >= 80, "most slides are dated");
    assert_eq!(marks.len(), dated.len());
    let targets: BTreeSet<String> = marks
        .iter()
        .map(|m| attr(m, "href").expect("a link").to_owned())
        .collect();
    let expected: BTreeSet<String> = dated.iter().map(|n| format!("#slide-{n}")).collect();
    assert_eq!(
        targets, expected,
        "one mark for each dated slide, none for the others"
    );
    for m in &marks {
        let href = attr(m, "href").expect("a link");
        let number = href.trim_start_matches("#slide-");
        assert_eq!(count(&page, href), 1, "{href} is on the page");
        let label = m.select(&sel("text")).next().expect("a number");
        assert_eq!(text(label), number);
        let tip = m.select(&sel("title")).next().expect("a tooltip");
        let index: usize = number.parse().expect("a number");
        let slide = deck.slide(index - 1).expect("the slide");
        assert!(text(tip).contains(slide.title.as_str()), "{}", text(tip));
    }
}

#[test]
fn both_milestones_are_labelled_and_tag_their_slides() {
    let page = Html::parse_document(&handout(&[]));
    let labels: Vec<String> = page
        .select(&sel("svg g.milestone text"))
        .map(text)
        .collect();
    assert_eq!(labels, ["Stalin dies", "The Secret Speech"]);
    let secret = page.select(&sel("#slide-46 .meta .milestone")).next();
    assert_eq!(secret.map(text).as_deref(), Some("★ The Secret Speech"));
}

#[test]
fn flashbacks_and_flash_forwards_are_marked_as_such() {
    let deck = bundled();
    let page = Html::parse_document(&handout(&[]));
    let mut outside = 0;
    for n in dated(&deck) {
        let i = n - 1;
        let mark = page
            .select(&sel(&format!("svg a.mark[href='#slide-{n}']")))
            .next()
            .expect("a mark");
        let section = page
            .select(&sel(&format!("#slide-{n}")))
            .next()
            .expect("a section");
        let classes: Vec<&str> = mark.value().classes().collect();
        let section_classes: Vec<&str> = section.value().classes().collect();
        if is_outside(&deck, i) {
            outside += 1;
            let date = deck.slide(i).and_then(tribune::deck::Slide::range);
            let before = date.expect("a dated slide").last < deck.span.range.first;
            let (edge, word) = if before {
                ("before", "flashback")
            } else {
                ("after", "flash-forward")
            };
            assert!(
                classes.contains(&"edge") && classes.contains(&edge),
                "{n}: {classes:?}"
            );
            assert!(section_classes.contains(&word), "{n}: {section_classes:?}");
            let meta = section.select(&sel(".meta .where")).next().expect("meta");
            assert!(text(meta).ends_with(word), "{n}: {}", text(meta));
        } else {
            assert!(!classes.contains(&"edge"), "{n}: {classes:?}");
            assert_eq!(section_classes, ["slide"], "{n}");
        }
    }
    // The lecture's sources (1967–1970), Rybin (1988), the Great Purges, 1943–1944, ...
    assert_eq!(outside, 8);
}

#[test]
fn excerpts_carry_their_language_and_source() {
    let deck = bundled();
    let page = Html::parse_document(&handout(&[]));
    let expected: usize = deck.slides().map(|s| excerpts(&s.body)).sum();
    let found: Vec<ElementRef> = page.select(&sel("blockquote.excerpt")).collect();
    assert_eq!(found.len(), expected);
    let langs: BTreeSet<&str> = found
        .iter()
        .map(|e| attr(e, "lang").expect("a lang attribute"))
        .collect();
    assert_eq!(langs, BTreeSet::from(["en", "ru", "zh-Hant"]));
    let russian = found
        .iter()
        .find(|e| attr(e, "lang") == Some("ru"))
        .expect("the Russian excerpt");
    assert!(
        text(*russian).contains("Кроме того"),
        "Cyrillic as in the deck"
    );
    let chinese = found
        .iter()
        .find(|e| attr(e, "lang") == Some("zh-Hant"))
        .expect("the Chinese excerpt");
    assert!(
        text(*chinese).contains("中蘇友好同盟互助"),
        "CJK as in the deck"
    );
}

#[test]
fn columns_sit_side_by_side_in_two_boxes() {
    let deck = bundled();
    let expected = deck
        .slides()
        .flat_map(|s| &s.body)
        .filter(|b| matches!(b, Block::Columns { .. }))
        .count();
    let page = Html::parse_document(&handout(&[]));
    let columns: Vec<ElementRef> = page.select(&sel(".columns")).collect();
    assert_eq!(columns.len(), expected);
    for c in columns {
        let boxes = c
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|e| e.value().name() == "div")
            .count();
        assert_eq!(boxes, 2);
    }
}

#[test]
fn notes_and_sources_only_with_notes() {
    let deck = bundled();
    let plain = Html::parse_document(&handout(&[]));
    assert_eq!(count(&plain, ".notes"), 0);
    assert!(
        !plain
            .root_element()
            .text()
            .any(|t| t.contains("Careful: the speech"))
    );

    let page = Html::parse_document(&handout(&["--notes"]));
    let expected = deck
        .slides()
        .filter(|s| s.notes.is_some() || !s.sources.is_empty())
        .count();
    assert_eq!(count(&page, "section.slide > aside.notes"), expected);
    let notes = page
        .select(&sel("#slide-46 .notes"))
        .next()
        .expect("slide 46's notes");
    let paragraphs: Vec<String> = notes.select(&sel("p")).map(text).collect();
    assert_eq!(paragraphs.len(), 2, "{paragraphs:?}");
    assert_eq!(
        paragraphs[1],
        "Careful: the speech was on 25 February, not the 24th."
    );
    let sources: Vec<String> = notes.select(&sel(".sources li")).map(text).collect();
    assert_eq!(sources.len(), 4);
    assert_eq!(
        count(&page, "#errata"),
        0,
        "the errata only with --corrections"
    );
}

#[test]
fn the_errata_only_with_corrections() {
    let deck = bundled();
    assert_eq!(count(&Html::parse_document(&handout(&[])), "#errata"), 0);
    let page = Html::parse_document(&handout(&["--corrections"]));
    assert_eq!(count(&page, ".notes"), 0, "notes only with --notes");
    let total: usize = deck.slides().map(|s| s.corrections.len()).sum();
    assert_eq!(count(&page, "#errata li.erratum"), total);
    let secret = page
        .select(&sel("#errata a[href='#slide-46']"))
        .next()
        .expect("slide 46's corrections");
    let block = ElementRef::wrap(
        secret
            .parent()
            .and_then(|h| h.parent())
            .expect("the slide's block"),
    )
    .expect("an element");
    let item = block.select(&sel("li")).next().expect("its correction");
    assert_eq!(
        text(item.select(&sel("del")).next().expect("was")),
        "24 February"
    );
    assert_eq!(
        text(item.select(&sel("ins")).next().expect("now")),
        "25 February 1956"
    );
    assert!(text(item).contains("the closed session met on the 25th"));
}

#[test]
fn the_page_needs_nothing_from_outside() {
    let html = handout(&["--notes", "--corrections"]);
    let page = Html::parse_document(&html);
    for tag in [
        "script", "link", "img", "iframe", "object", "embed", "video", "audio",
    ] {
        assert_eq!(count(&page, tag), 0, "no <{tag}>");
    }
    assert_eq!(count(&page, "style"), 1, "one inline stylesheet");
    assert!(
        !html.contains("url("),
        "nothing fetched from the stylesheet"
    );
    assert!(!html.contains("@import"));
    for a in page.select(&sel("a")) {
        let href = attr(&a, "href").expect("every link has a target");
        assert!(href.starts_with('#'), "a link inside the page: {href}");
    }
    let viewport = page.select(&sel("meta[name=viewport]")).count();
    assert_eq!(viewport, 1, "sized for phones");
}

#[test]
fn markdown_has_the_same_slides_and_a_dated_list() {
    let deck = bundled();
    let md = handout(&["--format", "md"]);
    let page = Html::parse_document(&commonmark(&md));
    let anchors: Vec<String> = page
        .select(&sel("h3 a[id^='slide-']"))
        .map(|a| attr(&a, "id").expect("an id").to_owned())
        .collect();
    let expected: Vec<String> = (1..=84).map(|n| format!("slide-{n}")).collect();
    assert_eq!(anchors, expected);
    let h3 = sel("h3");
    let headings = page
        .select(&h3)
        .filter(|h| h.select(&sel("a[id^='slide-']")).next().is_some());
    for (h, slide) in headings.zip(deck.slides()) {
        assert!(text(h).ends_with(slide.title.as_str()), "{}", text(h));
    }

    // The timeline: one link to each slide, in the order of their dates, each after its date.
    let timeline = md
        .split("\n## Timeline\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("a Timeline section");
    let items: Vec<&str> = timeline
        .lines()
        .filter(|l| l.starts_with("  - ") && l.contains("](#slide-"))
        .collect();
    assert_eq!(items.len(), dated(&deck).len(), "every dated slide, once");
    let mut last = None;
    for item in items {
        let n: usize = item
            .rsplit("](#slide-")
            .next()
            .and_then(|t| t.strip_suffix(')'))
            .and_then(|t| t.parse().ok())
            .expect("a slide number");
        let slide = deck.slide(n - 1).expect("the slide");
        let date = item[4..].split(" · ").next().expect("a date");
        assert_eq!(Some(date.to_owned()), slide.shown_date(), "{item}");
        let first = slide.range().expect("a dated slide").first;
        assert!(last.is_none_or(|l| l <= first), "out of order at {item}");
        last = Some(first);
    }
    assert!(timeline.contains("★ **Stalin dies**"));
    assert!(timeline.contains("★ **The Secret Speech**"));
    assert!(timeline.contains("- **Before 1952: flashbacks**"));
    assert!(timeline.contains("- **After 1956: flash-forwards**"));

    // Notes and errata follow the same switches as the HTML.
    assert!(!md.contains("#### Notes") && !md.contains("## <a id=\"errata\">"));
    let full = handout(&["--format", "md", "--notes", "--corrections"]);
    assert!(full.contains("#### Notes") && full.contains("## <a id=\"errata\"></a>Errata"));
    assert!(full.contains("- **was** 24 February → **now** 25 February 1956"));
}

#[test]
fn a_file_named_md_gets_markdown_and_the_deck_is_never_overwritten() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let md = dir.path().join("week1.md");
    let html = dir.path().join("week1.html");
    let out = tribune()
        .args(["handout", "-o"])
        .arg(&md)
        .output()
        .expect("runs");
    assert!(out.status.success() && out.stdout.is_empty());
    let text = std::fs::read_to_string(&md).expect("written");
    assert!(
        text.starts_with("# The two deaths of Stalin\n"),
        "{text:.40}"
    );
    tribune()
        .args(["handout", "--notes", "-o"])
        .arg(&html)
        .assert()
        .success();
    let text = std::fs::read_to_string(&html).expect("written");
    assert!(text.starts_with("<!DOCTYPE html>"));
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("readable")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(left.len(), 2, "no temporary file left behind: {left:?}");

    let deck = dir.path().join("lecture.ron");
    std::fs::write(&deck, BUNDLED_SOURCE).expect("a deck");
    let out = tribune()
        .arg("handout")
        .arg(&deck)
        .arg("-o")
        .arg(&deck)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is the deck itself"), "{stderr}");
    let after = std::fs::read_to_string(&deck).expect("still there");
    assert_eq!(after, BUNDLED_SOURCE, "the deck is untouched");
}

/// Markdown as a course website shows it: plain Markdown, raw HTML passed through as such.
fn commonmark(md: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(md));
    html
}

/// The strings of the hostile deck that must reach the reader as text, as written.
fn hostile_strings() -> Vec<String> {
    let deck = load_path(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(HOSTILE)
            .as_path(),
    )
    .expect("the hostile deck is a valid deck")
    .deck;
    let slide = deck.slide(0).expect("its first slide");
    let mut out = vec![
        deck.title.to_string(),
        deck.parts[0].title.to_string(),
        slide.title.to_string(),
        slide.shown_date().expect("the hostile slide is dated"),
        deck.milestones[0].label.to_string(),
    ];
    out.extend(slide.sources.iter().map(ToString::to_string));
    out.extend(
        slide
            .corrections
            .iter()
            .flat_map(|c| [c.was.to_string(), c.now.to_string()]),
    );
    out
}

/// Asserts that nothing in `page` can run or load: no script, no element that fetches, no event
/// handler, no comment, no link leaving the page.
fn assert_inert(page: &Html, what: &str) {
    for tag in [
        "script", "iframe", "img", "object", "embed", "link", "base", "form",
    ] {
        assert_eq!(count(page, tag), 0, "{what}: a <{tag}> element");
    }
    for node in page.tree.nodes() {
        assert!(
            !node.value().is_comment(),
            "{what}: an HTML comment: {:?}",
            node.value()
        );
        let Some(element) = node.value().as_element() else {
            continue;
        };
        for (name, value) in element.attrs() {
            assert!(
                !name.to_ascii_lowercase().starts_with("on"),
                "{what}: <{} {name}=\"{value}\">",
                element.name()
            );
            let v = value.trim().to_ascii_lowercase();
            assert!(
                !v.starts_with("javascript:"),
                "{what}: <{} {name}=\"{value}\">",
                element.name()
            );
            if name == "href" {
                assert!(v.starts_with('#'), "{what}: a link to {value}");
            }
        }
    }
}

#[test]
fn a_hostile_deck_gives_an_inert_page_that_shows_its_text() {
    let html = handout(&[HOSTILE, "--notes", "--corrections"]);
    let page = Html::parse_document(&html);
    assert_inert(&page, "html");
    assert_eq!(
        count(&page, "style"),
        1,
        "only the handout's own stylesheet"
    );
    assert_eq!(count(&page, "svg"), 1, "only the timeline");
    assert_eq!(count(&page, "section.slide"), 2);

    // Each field shows as written, and attribute values hold the deck's text whole.
    let title = page.select(&sel("head > title")).next().expect("a title");
    assert_eq!(text(title), r#"</title><script>alert("title")</script>"#);
    let body: String = page
        .select(&sel("body"))
        .next()
        .expect("a body")
        .text()
        .collect();
    for s in hostile_strings() {
        assert!(body.contains(&s), "not shown as text: {s}");
    }
    let slide = page.select(&sel("#slide-1")).next().expect("slide 1");
    assert_eq!(
        attr(&slide, "data-id"),
        Some(r#"x" autofocus onfocus="alert(7)"#)
    );
    let part = page.select(&sel("#part-1")).next().expect("part 1");
    assert_eq!(attr(&part, "data-id"), Some(r#"" onfocus="alert(5)"#));
    let excerpt = page
        .select(&sel("blockquote.excerpt"))
        .next()
        .expect("the excerpt");
    assert_eq!(
        attr(&excerpt, "lang"),
        Some(r#"ru" onmouseover="alert(15)"#)
    );
    assert_eq!(
        text(excerpt),
        "<script>alert(16)</script>\n<!-- not a comment -->"
    );
    let strong = slide.select(&sel("p > strong")).next().expect("bold text");
    assert_eq!(text(strong), "<script>alert(10)</script>");
    let label = page
        .select(&sel("svg g.milestone text"))
        .nth(1)
        .expect("the second milestone");
    assert_eq!(text(label), "' onmouseover='alert(4)");
    let flashback = page.select(&sel("#slide-2 h3")).next().expect("slide 2");
    assert_eq!(text(flashback), "-->");
}

#[test]
fn a_hostile_deck_gives_inert_markdown_that_shows_its_text() {
    let md = handout(&[HOSTILE, "--format", "md", "--notes", "--corrections"]);
    let page = Html::parse_document(&commonmark(&md));
    assert_inert(&page, "markdown");
    // A website's Markdown makes no element of its own out of deck text either.
    assert_eq!(count(&page, "style"), 0);
    assert_eq!(count(&page, "svg"), 0);
    assert_eq!(
        count(&page, "ol"),
        1,
        "only the contents are numbered: {md}"
    );
    let body: String = page.root_element().text().collect();
    for s in hostile_strings() {
        assert!(body.contains(&s), "not shown as text: {s}\n{md}");
    }
    let strong: Vec<String> = page.select(&sel("p > strong")).map(text).collect();
    assert!(
        strong.contains(&"<script>alert(10)</script>".to_owned()),
        "{strong:?}"
    );
    let heading = page
        .select(&sel("h3"))
        .find(|h| h.select(&sel("#slide-1")).next().is_some())
        .expect("slide 1");
    assert_eq!(
        text(heading),
        r#"1. <a href="javascript:alert(8)">click</a>"#
    );
}

/// `tribune handout ARGS` on standard output, and what it said on stderr.
fn handout_saying(args: &[&str]) -> (String, String) {
    let out = tribune()
        .arg("handout")
        .args(args)
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "handout {args:?} failed: {stderr}");
    (String::from_utf8(out.stdout).expect("UTF-8"), stderr)
}

const BLOCKS: &str = "tests/fixtures/render/blocks.ron";

#[test]
fn pictures_are_embedded_with_their_alt_text_and_caption() {
    let (html, said) = handout_saying(&[BLOCKS]);
    let page = Html::parse_document(&html);
    let images: Vec<ElementRef> = page.select(&sel("figure.image-block img")).collect();
    // The portrait twice (on its slide and in a column); the missing file not at all.
    assert_eq!(images.len(), 2);
    let src = attr(&images[0], "src").expect("a source");
    assert!(
        src.starts_with("data:image/png;base64,iVBORw0KGgo"),
        "{src:.40}"
    );
    assert_eq!(
        attr(&images[0], "alt"),
        Some("A stand-in portrait: a grey silhouette")
    );
    let caption = page
        .select(&sel("#slide-2 figure.image-block figcaption"))
        .next()
        .expect("a caption");
    assert_eq!(text(caption), "Imre Nagy (stand-in)");
    let missing = page
        .select(&sel("#slide-6 figure.image-block .missing"))
        .next()
        .expect("the missing picture's stand-in");
    assert_eq!(text(missing), "[Parliament Square, 25 October]");
    assert!(
        said.contains("no-such-file.png is left out") && said.contains("alt text stands in"),
        "{said}"
    );
}

#[test]
fn a_table_is_a_table_and_a_map_a_drawing_and_a_list() {
    let (html, _) = handout_saying(&[BLOCKS]);
    let page = Html::parse_document(&html);
    let heads: Vec<String> = page.select(&sel("table thead th")).map(text).collect();
    assert_eq!(heads, ["Date", "Event", "Figure"]);
    let rows: Vec<Vec<String>> = page
        .select(&sel("table tbody tr"))
        .map(|r| r.select(&sel("td")).map(text).collect())
        .collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[2], ["布達佩斯", "Москва", "~30"]);
    assert_eq!(
        count(&page, "table td.number"),
        3,
        "the figures align right"
    );
    let places: Vec<String> = page
        .select(&sel("#slide-4 figure.map-block li"))
        .map(text)
        .collect();
    assert_eq!(
        places,
        ["Budapest 47.50° N 19.04° E", "Moscow 55.76° N 37.62° E"]
    );
    let names: Vec<String> = page
        .select(&sel("#slide-4 svg.map-chart g.place text"))
        .map(text)
        .collect();
    assert_eq!(names, ["Budapest", "Moscow"]);
    // Moscow lies north and east of Budapest on the drawing too.
    let dots: Vec<(f64, f64)> = page
        .select(&sel("#slide-4 svg.map-chart g.place circle"))
        .map(|c| {
            let n = |a: &str| attr(&c, a).and_then(|v| v.parse().ok()).expect("a number");
            (n("cx"), n("cy"))
        })
        .collect();
    assert!(dots[1].0 > dots[0].0 && dots[1].1 < dots[0].1, "{dots:?}");
    // The coasts the screen draws, as one path: Europe's take hundreds of segments.
    let coast = page
        .select(&sel("#slide-4 svg.map-chart path.coast"))
        .next()
        .and_then(|p| attr(&p, "d"))
        .expect("a coast path");
    assert!(
        coast.starts_with('M') && coast.matches('L').count() > 100,
        "{coast}"
    );
    let aligned = page
        .select(&sel("blockquote.excerpt.aligned"))
        .next()
        .expect("the aligned excerpt");
    assert!(text(aligned).contains("  1.     Soviet troops to leave"));
}

#[test]
fn markdown_links_pictures_and_writes_pipe_tables_and_places() {
    let (md, _) = handout_saying(&["--format", "md", BLOCKS]);
    assert!(
        md.contains(
            "![A stand-in portrait: a grey silhouette](portrait.png)\n\n*Imre Nagy (stand-in)*"
        ),
        "{md}"
    );
    assert!(md.contains("![Parliament Square, 25 October](no-such-file.png)"));
    assert!(
        md.contains(
            "| Date | Event | Figure |\n| --- | --- | ---: |\n| 23 Oct | Students march to the Bem \
         statue; crowds pull down the Stalin monument | 1 |"
        ),
        "{md}"
    );
    assert!(md.contains("- **Budapest** 47.50° N 19.04° E\n- **Moscow** 55.76° N 37.62° E"));
    assert!(
        md.contains("```text\nPoint    Demand\n  1.     Soviet troops to leave"),
        "{md}"
    );
    // Rendered as a course website would: a table and an image.
    let page = Html::parse_document(&commonmark_tables(&md));
    assert_eq!(count(&page, "table th"), 3);
    assert_eq!(count(&page, "img[src='portrait.png']"), 2);
}

/// Markdown as a site with tables renders it.
fn commonmark_tables(md: &str) -> String {
    let mut out = String::new();
    let parser = pulldown_cmark::Parser::new_ext(md, pulldown_cmark::Options::ENABLE_TABLES);
    pulldown_cmark::html::push_html(&mut out, parser);
    out
}

#[test]
fn hostile_cells_and_paths_stay_text() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("hostile.ron");
    std::fs::write(
        &deck,
        r#"Deck(title: "T", span: "1956", parts: [Part(id: "p", title: "P", slides: [
            Slide(title: "S", date: "1956", notes: "n", body: [
                Table(header: ["a | b", "<script>alert(1)</script>"], rows: [["x|y", "**[link](javascript:alert(1))**"]]),
                Image(path: "javascript:alert(1)", alt: "](javascript:alert(2)) <img src=x onerror=alert(3)>"),
                Map(places: [(name: "<b>Buda</b>", lat: 47.5, lon: 19.04)]),
            ]),
        ])])"#,
    )
    .unwrap();
    let deck = deck.to_str().unwrap();
    let (html, _) = handout_saying(&[deck]);
    let page = Html::parse_document(&html);
    assert_inert(&page, "the HTML handout");
    let heads: Vec<String> = page.select(&sel("table th")).map(text).collect();
    assert_eq!(heads, ["a | b", "<script>alert(1)</script>"]);
    let (md, _) = handout_saying(&["--format", "md", deck]);
    let rendered = Html::parse_document(&commonmark_tables(&md));
    // The picture is the one element that loads, and only as a file name.
    assert_eq!(count(&rendered, "img"), 1, "{md}");
    assert_eq!(count(&rendered, "script"), 0, "{md}");
    for link in rendered.select(&sel("a[href]")) {
        let href = attr(&link, "href").unwrap_or_default();
        assert!(href.starts_with('#'), "a link to {href}: {md}");
    }
    assert_eq!(count(&rendered, "b"), 0, "{md}");
    assert_eq!(count(&rendered, "table th"), 2, "{md}");
    assert_eq!(
        count(&rendered, "table td"),
        2,
        "a `|` in a cell stays in it: {md}"
    );
    let img = rendered.select(&sel("img")).next().expect("the picture");
    assert_eq!(attr(&img, "src"), Some("javascript%3Aalert%281%29"));
}
