//! The handout's look: the CSS it carries inline (screen, phone and print), and the class each
//! of the layout room's roles takes, so that what the terminal's theme does with a role the
//! stylesheet does with its class.
//!
//! **Print.** A4 with page numbers in the bottom margin (`n / N`); the contents, the timeline
//! and each part start on a page of their own; a slide is one block that is never split across
//! pages (with `--notes`, notes longer than a page run onto the next, the slide itself still
//! whole), and a heading never ends a page.
//!
//! **Phone.** One column of body text at a readable size; columns stack under 36rem; the
//! timeline's drawing keeps about one unit a pixel, so its labels stay as large as small print.

use crate::layout::Role;

/// The class a role's text takes in the handout.
pub fn class(role: Role) -> &'static str {
    match role {
        Role::Title => "title",
        Role::Body => "body",
        Role::Secondary => "secondary",
        Role::Faint => "faint",
        Role::Accent => "accent",
        Role::Quote => "quote",
        Role::Excerpt => "excerpt",
        Role::Milestone => "milestone",
        Role::Warning => "warning",
    }
}

/// The stylesheet, written into the page's `<style>`: nothing in it comes from a deck.
pub const CSS: &str = r#"
:root {
  --ink: #1d1c1a; --paper: #fbfaf6; --block: #ffffff; --rule: #dedad0;
  --secondary: #5c5950; --faint: #a9a497; --accent: #9e2a2f; --quote: #24476b;
  --excerpt: #3f5a26; --milestone: #8a5300; --warning: #b3470d;
  --p0: #9e2a2f; --p1: #24598a; --p2: #3f7a2a; --p3: #6f4a8a;
  color-scheme: light dark;
}
@media screen and (prefers-color-scheme: dark) {
  :root {
    --ink: #e8e4da; --paper: #17181b; --block: #1f2125; --rule: #3a3c42;
    --secondary: #a9a59b; --faint: #6b6a66; --accent: #ef7b7f; --quote: #9cc3ec;
    --excerpt: #b5d38f; --milestone: #f0b450; --warning: #f5a060;
    --p0: #d9575c; --p1: #5b9bd5; --p2: #7fb45f; --p3: #a987c8;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0 auto; max-width: 46rem; padding: 1.25rem 1rem 3rem;
  font: 1.0625rem/1.55 Georgia, "Noto Serif", "DejaVu Serif", serif;
  color: var(--ink); background: var(--paper); overflow-wrap: break-word;
}
h1, h2, h3, h4, .meta, .contents, figcaption, .legend, svg text {
  font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif;
}
h1, h2, h3, h4 { line-height: 1.25; }
a { color: var(--accent); }
.secondary { color: var(--secondary); }
.faint { color: var(--faint); }
.accent { color: var(--accent); }
.warning { color: var(--warning); }

.cover { padding: 1.5rem 0 1rem; border-bottom: 3px solid var(--accent); margin-bottom: 1.5rem; }
.cover h1 { font-size: 2.1rem; margin: 0 0 .4rem; }
.cover p { margin: .2rem 0; }
.cover .subtitle { font-size: 1.25rem; }

.contents h2, .timeline h2, .errata h2 { font-size: 1.45rem; margin: 1.5rem 0 .6rem; }
.contents h3 { font-size: 1.05rem; margin: 1rem 0 .3rem; }
.contents ol { margin: 0; padding-left: 2.6rem; font-size: .95rem; }
.contents li { margin: .15rem 0; }
.contents li::marker { color: var(--secondary); }
.contents .when { color: var(--secondary); white-space: nowrap; }
.contents .when::before { content: " · "; }
@media (max-width: 36rem) {
  .contents .when { display: block; font-size: .85rem; }
  .contents .when::before { content: none; }
}

.legend { list-style: none; padding: 0; margin: 0 0 .6rem; font-size: .85rem; color: var(--secondary); }
.legend li { display: inline-block; margin-right: 1.2rem; }
.legend .dot { display: inline-block; width: .8em; height: .8em; border-radius: 50%; vertical-align: -.05em; margin-right: .35em; }
.legend .p0 { background: var(--p0); } .legend .p1 { background: var(--p1); }
.legend .p2 { background: var(--p2); } .legend .p3 { background: var(--p3); }
.legend .edge { border: 1.5px dashed var(--secondary); }
.legend .star { color: var(--milestone); }
.timeline-chart { display: block; width: 100%; max-width: 34rem; height: auto; margin: 0 auto; }
svg text { font-size: 11px; fill: var(--ink); }
svg text.secondary { fill: var(--secondary); }
svg .axis { stroke: var(--secondary); stroke-width: 1.5; fill: none; }
svg .axis.edge { stroke-dasharray: 4 3; }
svg .grid { stroke: var(--rule); stroke-width: 1; stroke-dasharray: 2 3; }
svg line.faint { stroke: var(--faint); }
svg .join { stroke: var(--faint); fill: none; stroke-width: .8; }
svg polyline.milestone { stroke: var(--milestone); fill: none; stroke-width: 1; }
svg g.milestone polygon { fill: var(--milestone); }
svg text.milestone { fill: var(--milestone); font-weight: 700; }
.mark circle { stroke: var(--paper); stroke-width: 1; }
.mark text { fill: #fff; font-size: 9px; font-weight: 700; text-anchor: middle; }
.mark.p0 circle { fill: var(--p0); } .mark.p1 circle { fill: var(--p1); }
.mark.p2 circle { fill: var(--p2); } .mark.p3 circle { fill: var(--p3); }
.mark.edge circle { fill: var(--block); stroke-width: 1.6; stroke-dasharray: 3 2; }
.mark.edge.p0 circle { stroke: var(--p0); } .mark.edge.p1 circle { stroke: var(--p1); }
.mark.edge.p2 circle { stroke: var(--p2); } .mark.edge.p3 circle { stroke: var(--p3); }
.mark.edge text { fill: var(--ink); }
.mark.edge text.edge-label { font-size: 11px; font-weight: 400; text-anchor: start; }
.mark:hover circle, .mark:focus circle { stroke: var(--ink); stroke-width: 2; }

.part-head { margin-top: 2.5rem; }
.part-head h2 { font-size: 1.6rem; margin: 0; }
.part-head p { margin: .2rem 0 0; }
.slide {
  background: var(--block); border: 1px solid var(--rule); border-radius: 6px;
  padding: .8rem 1.1rem 1rem; margin: 1rem 0;
}
.slide .meta {
  display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 1rem;
  margin: 0; font-size: .78rem; letter-spacing: .04em; text-transform: uppercase;
}
.slide .meta .date { text-transform: none; letter-spacing: 0; font-size: .9rem; font-weight: 600; }
.slide .meta .milestone { color: var(--milestone); text-transform: none; letter-spacing: 0; font-weight: 600; }
.slide h3 { font-size: 1.3rem; margin: .25rem 0 .7rem; padding-bottom: .3rem; border-bottom: 2px solid var(--accent); }
.slide p { margin: .5rem 0; }
.slide ul { margin: .5rem 0; padding-left: 1.4rem; }
.slide li { margin: .2rem 0; }
.slide ul.bullets > li::marker { color: var(--accent); }
.slide ul.bullets ul { padding-left: 1.3rem; margin: .15rem 0; }
.slide ul.bullets ul > li { list-style-type: "– "; }
.slide ul.bullets ul > li::marker { color: var(--secondary); }
figure { margin: .8rem 0; }
blockquote { margin: 0; padding: .1rem 0 .1rem .9rem; }
blockquote.quote { border-left: 3px solid var(--faint); color: var(--quote); font-style: italic; }
blockquote.excerpt { border-left: 4px solid var(--excerpt); color: var(--excerpt); white-space: pre-wrap; }
blockquote.excerpt.aligned { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .9em; overflow-x: auto; }
.image-block { text-align: center; }
.image-block img { max-width: 100%; max-height: 70vh; height: auto; }
.image-block .missing { border: 1px dashed var(--rule); padding: 1.5rem; color: var(--secondary); }
.image-block figcaption { margin: .3rem 0 0; }
.table-block { overflow-x: auto; margin: .8rem 0; }
.table-block table { border-collapse: collapse; }
.table-block th, .table-block td { padding: .25rem .7rem; text-align: left; vertical-align: top; border-bottom: 1px solid var(--rule); }
.table-block th { border-bottom: 2px solid var(--accent); }
.table-block td.number { text-align: right; font-variant-numeric: tabular-nums; }
.map-chart { width: 100%; max-width: 30rem; height: auto; display: block; }
.map-chart .sea { fill: var(--block); stroke: var(--rule); }
.map-chart .graticule { stroke: var(--rule); stroke-width: .6; }
.map-chart .coast { fill: none; stroke: var(--secondary); stroke-width: 1; }
.map-chart .degree { fill: var(--secondary); font-size: 10px; }
.map-chart .place circle { fill: var(--accent); }
.map-chart .place text { fill: var(--ink); font-size: 13px; font-weight: 600; }
.map-block .places { margin: .3rem 0 0; padding-left: 1.2rem; }
figcaption { font-size: .85rem; margin: .3rem 0 0 1rem; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.5rem; }
.columns > div > :first-child { margin-top: .5rem; }
@media (max-width: 36rem) {
  body { padding: .75rem .75rem 2rem; }
  .cover h1 { font-size: 1.7rem; }
  .slide { padding: .7rem .8rem .8rem; }
  .columns { grid-template-columns: 1fr; }
}
.notes { margin-top: .9em; padding-top: .5em; border-top: 1px dashed var(--rule); font-size: .92em; }
.notes h4, .sources h4 { margin: 0 0 .2em; font-size: .8em; letter-spacing: .06em; text-transform: uppercase; }
.sources { margin-top: .6em; font-size: .92em; }
.sources ul { padding-left: 1.2rem; }
.errata .slide-errata { margin: 1rem 0; break-inside: avoid; }
.errata h3 { font-size: 1.05rem; margin: 0 0 .3rem; }
.errata ul { margin: 0; padding-left: 1.2rem; }
.errata li { margin: .35rem 0; }
.errata del { color: var(--secondary); }
.errata ins { text-decoration: none; font-weight: 600; }
.errata .why { display: block; font-size: .9rem; }

@page {
  size: A4;
  margin: 16mm 16mm 18mm;
  @bottom-center {
    content: counter(page) " / " counter(pages);
    font: 9pt system-ui, "DejaVu Sans", sans-serif; color: #5c5950;
  }
}
@media print {
  html { font-size: 10pt; }
  body { max-width: none; padding: 0; font-size: 1rem; line-height: 1.45; background: #fff; }
  a { color: inherit; text-decoration: none; }
  .slide {
    break-inside: avoid; page-break-inside: avoid; margin: 0 0 4mm; padding: 3mm 4mm;
    border-color: #bbb;
  }
  .slide .face { break-inside: avoid; page-break-inside: avoid; }
  .notes { break-before: avoid; }
  .contents, .timeline { break-after: page; }
  .contents ol { columns: 2; column-gap: 8mm; }
  .contents li { break-inside: avoid; }
  .timeline { break-inside: avoid; }
  .timeline-chart { max-height: 225mm; }
  .part + .part, .errata { break-before: page; }
  h2, h3, .part-head { break-after: avoid; }
  .mark:hover circle { stroke: none; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_has_its_own_class_and_the_stylesheet_styles_it() {
        let roles = [
            Role::Title,
            Role::Body,
            Role::Secondary,
            Role::Faint,
            Role::Accent,
            Role::Quote,
            Role::Excerpt,
            Role::Milestone,
            Role::Warning,
        ];
        let mut classes: Vec<&str> = roles.iter().map(|&r| class(r)).collect();
        classes.sort_unstable();
        classes.dedup();
        assert_eq!(classes.len(), roles.len());
        // Body and title text take the page's own look; the others are styled by name.
        for c in classes.iter().filter(|c| !matches!(**c, "body" | "title")) {
            assert!(CSS.contains(&format!(".{c}")), "no rule for .{c}");
        }
    }

    #[test]
    fn the_print_rules_keep_slides_whole_and_number_the_pages() {
        assert!(CSS.contains("size: A4"));
        assert!(CSS.contains("counter(page)"));
        assert!(CSS.contains(".slide {\n    break-inside: avoid;"));
    }
}
