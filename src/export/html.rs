//! The handout as one HTML file that needs nothing else: the stylesheet inline, the timeline an
//! inline SVG, no scripts (a Content-Security-Policy forbids any, should one ever slip in), no
//! fonts or images fetched. In order: the cover (title, subtitle, author, span), the contents by
//! part with each slide's date, the timeline, every slide as a `<section id="slide-N">` with all
//! its reveal steps, and with the options the speaker notes and the errata.
//!
//! Everything from the deck is written through [`Markup`], which escapes it.

use super::chronology::{Place, place};
use super::handout::Pictures;
use super::handout::{
    Entry, Options, entries, entries_of, errata_count, milestone_of, part_heading, part_label,
    place_word, slide_label,
};
use super::map_svg;
use super::markup::Markup;
use super::markup::base64;
use super::notes::{NotesBlock, blocks};
use super::stylesheet::{CSS, class};
use super::timeline_svg;
use crate::deck::picture::Picture;
use crate::deck::{Block, Bullet, Deck, Prose, Slide};
use crate::layout::figure::coordinates;
use crate::layout::slide::block_text;
use crate::layout::table::is_number;
use crate::layout::{Line, MEASURE, Role};
use crate::text::{Emphasis, parse_emphasis};

/// What the page may load and run: its own inline styles and nothing else.
const POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
                      base-uri 'none'; form-action 'none'";

/// The handout of `deck` as an HTML document.
pub fn handout(deck: &Deck, options: Options, pictures: &Pictures) -> String {
    let entries = entries(deck);
    let mut m = Markup::new();
    m.raw("<!DOCTYPE html>\n");
    m.open("html", &[("lang", "en")]).raw("\n<head>\n");
    m.empty("meta", &[("charset", "utf-8")]).raw("\n");
    m.empty(
        "meta",
        &[
            ("http-equiv", "Content-Security-Policy"),
            ("content", POLICY),
        ],
    )
    .raw("\n");
    m.empty(
        "meta",
        &[
            ("name", "viewport"),
            ("content", "width=device-width, initial-scale=1"),
        ],
    )
    .raw("\n");
    m.empty("meta", &[("name", "generator"), ("content", "tribune")])
        .raw("\n");
    m.element("title", &[], deck.title.as_str()).raw("\n");
    m.raw("<style>").raw(CSS).raw("</style>\n</head>\n<body>\n");

    cover(&mut m, deck);
    contents(&mut m, deck, &entries, options);
    timeline(&mut m, deck);
    m.raw("<main>\n");
    for (p, part) in deck.parts.iter().enumerate() {
        let id = format!("part-{}", p + 1);
        let title_id = format!("{id}-title");
        m.open(
            "section",
            &[
                ("class", "part"),
                ("id", &id),
                ("data-id", part.id.as_str()),
                ("aria-labelledby", &title_id),
            ],
        );
        m.raw("\n<header class=\"part-head\">");
        m.element("p", &[("class", "meta secondary")], &part_label(p));
        m.element(
            "h2",
            &[("id", &title_id), ("class", class(Role::Title))],
            part.title.as_str(),
        );
        if let Some(sub) = &part.subtitle {
            m.element("p", &[("class", class(Role::Secondary))], sub.as_str());
        }
        m.raw("</header>\n");
        for entry in entries_of(&entries, p) {
            slide(&mut m, deck, entry, options, pictures);
        }
        m.close("section").raw("\n");
    }
    m.raw("</main>\n");
    if options.corrections {
        errata(&mut m, deck, &entries);
    }
    m.raw("</body>\n</html>\n");
    m.finish()
}

fn cover(m: &mut Markup, deck: &Deck) {
    m.raw("<header class=\"cover\">\n");
    m.element("h1", &[("class", class(Role::Title))], deck.title.as_str());
    if let Some(sub) = &deck.subtitle {
        m.element("p", &[("class", "subtitle secondary")], sub.as_str());
    }
    if let Some(author) = &deck.author {
        m.element("p", &[("class", "author")], author.as_str());
    }
    let parts = deck.parts.len();
    let summary = format!(
        "Timeline {} · {} slides in {parts} part{}",
        deck.span.human(),
        deck.slide_count(),
        if parts == 1 { "" } else { "s" }
    );
    m.element("p", &[("class", "span secondary")], &summary);
    m.raw("</header>\n");
}

fn contents(m: &mut Markup, deck: &Deck, entries: &[Entry], options: Options) {
    m.raw("<nav class=\"contents\" aria-labelledby=\"contents-title\">\n");
    m.raw("<h2 id=\"contents-title\">Contents</h2>\n");
    for (p, part) in deck.parts.iter().enumerate() {
        let href = format!("#part-{}", p + 1);
        m.open("h3", &[])
            .element("a", &[("href", &href)], &part_heading(p, part))
            .close("h3")
            .raw("\n");
        let start = entries_of(entries, p)
            .next()
            .map_or(1, |e| e.number)
            .to_string();
        m.open("ol", &[("start", &start)]).raw("\n");
        for e in entries_of(entries, p) {
            let href = format!("#slide-{}", e.number);
            m.open("li", &[]);
            m.element("a", &[("href", &href)], e.slide.title.as_str());
            if let Some(date) = e.slide.shown_date() {
                m.element("span", &[("class", "when")], &date);
            }
            m.close("li").raw("\n");
        }
        m.close("ol").raw("\n");
    }
    if options.corrections {
        m.raw("<h3><a href=\"#errata\">Errata</a></h3>\n");
    }
    m.raw("</nav>\n");
}

fn timeline(m: &mut Markup, deck: &Deck) {
    m.raw("<section class=\"timeline\" aria-labelledby=\"timeline-title\">\n");
    m.raw("<h2 id=\"timeline-title\">Timeline</h2>\n");
    m.raw("<ul class=\"legend\">");
    for p in 0..deck.parts.len() {
        let dot = format!("dot p{}", p % 4);
        m.open("li", &[])
            .element("span", &[("class", &dot)], "")
            .text(&part_label(p))
            .close("li");
    }
    let outside = deck
        .slides()
        .filter_map(Slide::range)
        .any(|r| place(&deck.span.range, &r) != Place::Inside);
    if outside {
        let word = format!("outside {}", deck.span.human());
        m.open("li", &[])
            .element("span", &[("class", "dot edge")], "")
            .text(&word)
            .close("li");
    }
    if !deck.milestones.is_empty() {
        m.raw("<li><span class=\"star\">★</span> milestone</li>");
    }
    m.raw("</ul>\n");
    let name = format!(
        "Timeline of the {} slides, {}",
        deck.slide_count(),
        deck.span.human()
    );
    m.append(&timeline_svg::render(deck, &name));
    m.raw("\n</section>\n");
}

fn slide(m: &mut Markup, deck: &Deck, entry: &Entry, options: Options, pictures: &Pictures) {
    let s = entry.slide;
    let id = format!("slide-{}", entry.number);
    let title_id = format!("{id}-title");
    let section_class = match place_word(entry.place) {
        Some(word) => format!("slide {word}"),
        None => "slide".to_owned(),
    };
    let mut attrs: Vec<(&'static str, &str)> = vec![("class", &section_class), ("id", &id)];
    if let Some(deck_id) = &s.id {
        attrs.push(("data-id", deck_id.as_str()));
    }
    attrs.push(("aria-labelledby", &title_id));
    m.open("section", &attrs).raw("\n");
    // What the class saw, kept whole on a printed page; long notes may run onto the next.
    m.raw("<div class=\"face\">\n");
    let date = s.shown_date();
    m.open("p", &[("class", "meta secondary")])
        .open("span", &[]);
    m.element("span", &[("class", "where")], &slide_label(entry));
    if let Some(milestone) = milestone_of(deck, s) {
        let star = format!("★ {}", milestone.label.as_str());
        m.raw(" ")
            .element("span", &[("class", class(Role::Milestone))], &star);
    }
    m.close("span");
    if let Some(date) = &date {
        m.element("span", &[("class", "date")], date);
    }
    m.close("p").raw("\n");
    m.element(
        "h3",
        &[("id", &title_id), ("class", class(Role::Title))],
        s.title.as_str(),
    )
    .raw("\n");
    blocks_html(m, &s.body, pictures);
    m.raw("</div>\n");
    if options.notes && (s.notes.is_some() || !s.sources.is_empty()) {
        m.raw("<aside class=\"notes\">\n");
        if let Some(notes) = &s.notes {
            m.element("h4", &[("class", class(Role::Secondary))], "Notes");
            notes_html(m, notes.as_str());
        }
        if !s.sources.is_empty() {
            m.raw("<div class=\"sources\">");
            m.element("h4", &[("class", class(Role::Secondary))], "Sources");
            m.raw("<ul>");
            for source in &s.sources {
                m.element("li", &[], source.as_str());
            }
            m.raw("</ul></div>\n");
        }
        m.raw("</aside>\n");
    }
    m.close("section").raw("\n");
}

/// Deck prose with its `**bold**` and `*italic*` as `<strong>` and `<em>`.
fn prose(m: &mut Markup, text: &str) {
    for (piece, e) in parse_emphasis(text, Emphasis::default()) {
        match (e.bold, e.italic) {
            (true, true) => m
                .open("strong", &[])
                .element("em", &[], &piece)
                .close("strong"),
            (true, false) => m.element("strong", &[], &piece),
            (false, true) => m.element("em", &[], &piece),
            (false, false) => m.text(&piece),
        };
    }
}

/// The blocks of a slide, every reveal step shown: a `Pause` is only where a step began.
#[expect(
    clippy::match_wildcard_for_single_variants,
    reason = "a kind of block added later lands in the last arm until it has a form of its own"
)]
fn blocks_html(m: &mut Markup, body: &[Block], pictures: &Pictures) {
    for block in body {
        match block {
            Block::Text(text) => {
                m.open("p", &[]);
                prose(m, text.as_str());
                m.close("p").raw("\n");
            }
            Block::Bullets(items) => bullets(m, items),
            Block::Quote { text, by } => {
                m.raw("<figure class=\"quote-block\">");
                m.open("blockquote", &[("class", class(Role::Quote))]);
                m.open("p", &[]);
                prose(m, text.as_str());
                m.close("p").close("blockquote");
                if let Some(by) = by {
                    let by = format!("— {by}");
                    m.element("figcaption", &[("class", class(Role::Secondary))], &by);
                }
                m.raw("</figure>\n");
            }
            Block::Excerpt { lang, text, source } => {
                m.raw("<figure class=\"excerpt-block\">");
                // Tabs as the terminal shows them; the stylesheet keeps the line breaks and
                // the spaces, and a text lined up with spaces gets a font that keeps it so.
                let text = text.as_str().replace('\t', "    ");
                let classes = if is_aligned(&text) {
                    "excerpt aligned"
                } else {
                    "excerpt"
                };
                m.element(
                    "blockquote",
                    &[("class", classes), ("lang", lang.as_str())],
                    &text,
                );
                let caption = match source {
                    Some(s) => format!("{lang} · {s}"),
                    None => lang.as_str().to_owned(),
                };
                m.element("figcaption", &[("class", class(Role::Secondary))], &caption);
                m.raw("</figure>\n");
            }
            Block::Columns { left, right } => {
                m.raw("<div class=\"columns\">\n<div>\n");
                blocks_html(m, left, pictures);
                m.raw("</div>\n<div>\n");
                blocks_html(m, right, pictures);
                m.raw("</div>\n</div>\n");
            }
            Block::Image { path, alt, caption } => {
                image(
                    m,
                    pictures.get(path.as_str()),
                    alt.as_str(),
                    caption.as_ref(),
                );
            }
            Block::Table { header, rows } => table(m, header, rows),
            Block::Map { places } => map(m, places),
            // Any other kind (a Pause has no lines) as the screen lays it out.
            other => as_on_screen(m, other),
        }
    }
}

/// A block in the lines the screen lays it out in, for a kind the page has no form of its own
/// for; nothing for a block without lines.
fn as_on_screen(m: &mut Markup, block: &Block) {
    let lines = block_text(block, MEASURE);
    if !lines.is_empty() {
        let text: Vec<String> = lines.iter().map(Line::text).collect();
        m.element("pre", &[("class", "block")], &text.join("\n"));
        m.raw("\n");
    }
}

/// Whether an excerpt lines text up with runs of spaces (after a line's first word), so that
/// it needs a font of even widths to read as written.
pub fn is_aligned(text: &str) -> bool {
    text.lines().any(|l| l.trim().contains("  "))
}

/// A picture embedded in the page as a data URI, so the handout stays one file that needs
/// nothing else (and its policy already allows `data:` images and nothing more); without the
/// file, its alt text in its place.
fn image(m: &mut Markup, picture: Option<&Picture>, alt: &str, caption: Option<&Prose>) {
    m.raw("<figure class=\"image-block\">");
    match picture {
        Some(p) => {
            let uri = format!("data:{};base64,{}", p.format.mime(), base64(&p.bytes));
            m.empty("img", &[("src", &uri), ("alt", alt)]);
        }
        None => {
            m.element("p", &[("class", "missing")], &format!("[{alt}]"));
        }
    }
    if let Some(caption) = caption {
        m.open("figcaption", &[("class", class(Role::Secondary))]);
        prose(m, caption.as_str());
        m.close("figcaption");
    }
    m.raw("</figure>\n");
}

/// A table: its header in `<thead>`, figures aligned right as on screen.
fn table(m: &mut Markup, header: &[Prose], rows: &[Vec<Prose>]) {
    m.raw("<div class=\"table-block\"><table>\n<thead><tr>");
    for cell in header {
        m.open("th", &[("scope", "col")]);
        prose(m, cell.as_str());
        m.close("th");
    }
    m.raw("</tr></thead>\n<tbody>\n");
    for row in rows {
        m.raw("<tr>");
        for cell in row {
            let attrs: &[(&'static str, &str)] = if is_number(cell.as_str()) {
                &[("class", "number")]
            } else {
                &[]
            };
            m.open("td", attrs);
            prose(m, cell.as_str());
            m.close("td");
        }
        m.raw("</tr>\n");
    }
    m.raw("</tbody>\n</table></div>\n");
}

/// A map: the places as a small drawing (their positions on a grid of meridians and
/// parallels, each named) and as a list with their coordinates.
fn map(m: &mut Markup, places: &[crate::deck::Place]) {
    m.raw("<figure class=\"map-block\">");
    let names: Vec<&str> = places.iter().map(|p| p.name.as_str()).collect();
    let label = format!("Map: {}", names.join(", "));
    m.append(&map_svg::svg(places, &label));
    m.raw("<figcaption><ul class=\"places\">");
    for place in places {
        m.open("li", &[]);
        m.element("strong", &[], place.name.as_str());
        m.text(&format!(" {}", coordinates(place)));
        m.close("li");
    }
    m.raw("</ul></figcaption></figure>\n");
}

fn bullets(m: &mut Markup, items: &[Bullet]) {
    m.raw("<ul class=\"bullets\">\n");
    for item in items {
        m.open("li", &[]);
        prose(m, item.text.as_str());
        if !item.children.is_empty() {
            m.raw("<ul>");
            for child in &item.children {
                m.open("li", &[]);
                prose(m, child.as_str());
                m.close("li");
            }
            m.raw("</ul>");
        }
        m.close("li").raw("\n");
    }
    m.raw("</ul>\n");
}

fn notes_html(m: &mut Markup, notes: &str) {
    for block in blocks(notes) {
        match block {
            NotesBlock::Paragraph(lines) => {
                m.open("p", &[]);
                for (i, line) in lines.iter().enumerate() {
                    if i > 0 {
                        m.raw("<br>");
                    }
                    prose(m, line);
                }
                m.close("p").raw("\n");
            }
            NotesBlock::Bullets(items) => {
                m.raw("<ul>");
                for item in items {
                    m.open("li", &[]);
                    prose(m, item);
                    m.close("li");
                }
                m.raw("</ul>\n");
            }
        }
    }
}

fn errata(m: &mut Markup, deck: &Deck, entries: &[Entry]) {
    m.raw("<section class=\"errata\" id=\"errata\" aria-labelledby=\"errata-title\">\n");
    m.raw("<h2 id=\"errata-title\">Errata</h2>\n");
    let intro = format!(
        "{}: what each slide first said, what it says now, and why.",
        errata_count(deck)
    );
    m.element("p", &[("class", class(Role::Secondary))], &intro)
        .raw("\n");
    for e in entries.iter().filter(|e| !e.slide.corrections.is_empty()) {
        let href = format!("#slide-{}", e.number);
        let heading = format!("{} · {}", e.number, e.slide.title.as_str());
        m.raw("<div class=\"slide-errata\">");
        m.open("h3", &[])
            .element("a", &[("href", &href)], &heading)
            .close("h3");
        m.raw("<ul>");
        for c in &e.slide.corrections {
            m.open("li", &[("class", "erratum")]);
            m.element("del", &[], c.was.as_str())
                .raw(" → ")
                .element("ins", &[], c.now.as_str());
            if let Some(why) = &c.why {
                m.element("span", &[("class", "why secondary")], why.as_str());
            }
            m.close("li");
        }
        m.raw("</ul></div>\n");
    }
    m.raw("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::Prose;

    /// What a kind of block without a form of its own in the page looks like there: its lines
    /// as the screen lays them out, escaped; a block without lines leaves nothing.
    #[test]
    fn a_block_the_page_has_no_form_for_is_written_as_the_screen_lays_it_out() {
        let mut m = Markup::new();
        let text = Block::Text(Prose::checked("a <b> & **c**").unwrap());
        as_on_screen(&mut m, &text);
        as_on_screen(&mut m, &Block::Pause);
        assert_eq!(
            m.finish(),
            "<pre class=\"block\">a &lt;b&gt; &amp; c</pre>\n"
        );
    }
}
