//! `tribune errata`: every correction a deck records, slide by slide, as text or JSON.

use std::fmt::Write as _;
use std::process::ExitCode;

use serde::Serialize;

use super::error::Error;
use super::input::{deck_name, load};
use super::output;
use crate::cli::ErrataArgs;
use crate::deck::{Deck, Prose};
use crate::text::wrap;

/// The widest the text gets.
const MAX_WIDTH: usize = 100;

/// A slide with corrections.
#[derive(Serialize)]
struct Corrected<'a> {
    number: usize,
    id: Option<&'a str>,
    title: &'a str,
    corrections: Vec<Entry<'a>>,
}

/// One correction.
#[derive(Serialize)]
struct Entry<'a> {
    was: &'a str,
    now: &'a str,
    why: Option<&'a str>,
}

/// Lists the corrections.
pub fn run(args: &ErrataArgs) -> Result<ExitCode, Error> {
    let loaded = load(&args.deck)?;
    let slides = corrected(&loaded.deck);
    let name = deck_name(&args.deck);
    output::print(args.json, &slides, "the errata", |out| {
        write!(out, "{}", render(&name, &slides))
    })
}

fn corrected(deck: &Deck) -> Vec<Corrected<'_>> {
    deck.slides()
        .enumerate()
        .filter(|(_, s)| !s.corrections.is_empty())
        .map(|(i, s)| Corrected {
            number: i + 1,
            id: s.id.as_ref().map(Prose::as_str),
            title: s.title.as_str(),
            corrections: s
                .corrections
                .iter()
                .map(|c| Entry {
                    was: c.was.as_str(),
                    now: c.now.as_str(),
                    why: c.why.as_ref().map(Prose::as_str),
                })
                .collect(),
        })
        .collect()
}

/// The errata as text: a count, then each slide's number and title with its corrections under
/// it, each part labelled and wrapped to [`MAX_WIDTH`].
fn render(name: &str, slides: &[Corrected]) -> String {
    let total: usize = slides.iter().map(|s| s.corrections.len()).sum();
    let mut out = format!(
        "{name}: {total} correction{} on {} slide{}\n",
        if total == 1 { "" } else { "s" },
        slides.len(),
        if slides.len() == 1 { "" } else { "s" }
    );
    for s in slides {
        let _ = write!(out, "\n{:>4}  {}\n", s.number, s.title);
        for (i, c) in s.corrections.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            for (label, text) in [("was", Some(c.was)), ("now", Some(c.now)), ("why", c.why)] {
                if let Some(text) = text {
                    labelled(&mut out, label, text);
                }
            }
        }
    }
    out
}

/// `      was  text`, the text wrapped under itself.
fn labelled(out: &mut String, label: &str, text: &str) {
    let lead = format!("{:>6}  {label:<5}", "");
    let room = MAX_WIDTH.saturating_sub(lead.len());
    for (i, line) in wrap(&[(text.to_owned(), ())], room).iter().enumerate() {
        let words: String = line.iter().map(|(t, ())| t.as_str()).collect();
        if i == 0 {
            let _ = writeln!(out, "{lead}{words}");
        } else {
            let _ = writeln!(out, "{:w$}{words}", "", w = lead.len());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::parse_deck;

    #[test]
    fn each_corrected_slide_with_its_entries_labelled() {
        let source = r#"Deck(title: "T", span: "1953", parts: [Part(id: "p", title: "P", slides: [
            Slide(title: "Opening", date: "1953-03-01", notes: "n"),
            Slide(id: "radio", title: "4 March 1953", date: "1953-03-04", notes: "n", corrections: [
                (was: "3 March 1943", now: "4 March 1953", why: "off by a decade"),
                (was: "difficulties", now: "difficulty"),
            ]),
        ])])"#;
        let deck = parse_deck("t.ron", source.as_bytes()).unwrap().deck;
        let slides = corrected(&deck);
        assert_eq!(
            render("t.ron", &slides),
            "t.ron: 2 corrections on 1 slide\n\
             \n   2  4 March 1953\n\
             \x20       was  3 March 1943\n\
             \x20       now  4 March 1953\n\
             \x20       why  off by a decade\n\
             \n\
             \x20       was  difficulties\n\
             \x20       now  difficulty\n"
        );
        assert_eq!(slides[0].id, Some("radio"));
    }
}
