//! `tribune check`: errors and warnings on stderr; exit 0 if the deck can be presented. With
//! `--size`, every slide that would not fit a screen of that size, in each layout a class
//! meets, as the screen would show it (the same layout code): warnings, or errors with
//! `--strict`. A talk whose fixed `duration`s leave the other slides under the budget floor
//! is a warning too (`timing::budget::squeeze`).

use std::process::ExitCode;

use super::error::Error;
use super::input::{deck_name, load};
use crate::cli::CheckArgs;
use crate::deck::diagnostic::render_all;
use crate::deck::scan::scan;
use crate::deck::{ClassEnd, Diagnostic, Loaded, Severity, picture};
use crate::layout::fit::{View, overflows};
use crate::timing::budget::squeeze;

/// Checks a deck.
pub fn run(args: &CheckArgs) -> Result<ExitCode, Error> {
    let loaded = load(&args.deck)?;
    let name = deck_name(&args.deck);
    let severity = if args.strict {
        Severity::Error
    } else {
        Severity::Warning
    };
    let folder = args.deck.deck.as_deref().map(picture::folder_of);
    let pictures = picture::check(&loaded, &name, folder.as_deref());
    if !pictures.is_empty() {
        // Errors: the slides would show alt text where a picture was meant, and a lecturer
        // checking before class wants that to stop the check rather than scroll past.
        let n = pictures.len();
        let mut all = pictures;
        all.extend(loaded.warnings.iter().cloned());
        eprintln!("{}", render_all(&all));
        return Err(Error::Failed(format!(
            "{n} picture{} cannot be shown; the slides would show the alt text instead",
            if n == 1 { "" } else { "s" }
        )));
    }
    let fits = fit_diagnostics(&loaded, &name, &args.size, severity);
    let mut warnings = loaded.warnings.clone();
    warnings.extend(budget_warning(&loaded, &name));
    if !args.strict {
        warnings.extend(fits.iter().cloned());
    }
    if !warnings.is_empty() {
        eprintln!("{}", render_all(&warnings));
    }
    if args.strict && !fits.is_empty() {
        eprintln!("{}", render_all(&fits));
        let slides = fits.len();
        return Err(Error::Failed(format!(
            "{slides} slide{} do not fit (--strict)",
            if slides == 1 { "" } else { "s" }
        )));
    }
    let deck = &loaded.deck;
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    eprintln!(
        "{name}: ok: {} slides in {} part{}, {} warning{}",
        deck.slide_count(),
        deck.parts.len(),
        plural(deck.parts.len()),
        warnings.len(),
        plural(warnings.len())
    );
    Ok(ExitCode::SUCCESS)
}

/// A warning when the fixed `duration`s leave the other slides less than the floor each of the
/// talk's length: the deck's `duration`, else its `class` length. It points at that setting.
fn budget_warning(loaded: &Loaded, name: &str) -> Option<Diagnostic> {
    let deck = &loaded.deck;
    let (key, which, target) = match (deck.duration, deck.class) {
        (Some(d), _) => ("duration", "the deck's `duration`", d.duration()),
        (None, Some(ClassEnd::Length(l))) => ("class", "the deck's `class` length", l.duration()),
        _ => return None,
    };
    let tight = squeeze(deck, target)?;
    // The deck's own setting, not a slide's `duration`: the first such key before any slide.
    let places = scan(&loaded.source);
    let first_slide = places.name("Slide", 0);
    let (line, column) = (places.keys.iter())
        .find(|(k, pos)| k == key && first_slide.is_none_or(|s| *pos < s))
        .map_or((1, 1), |(_, pos)| *pos);
    Some(
        Diagnostic::at(
            Severity::Warning,
            name,
            &loaded.source,
            line,
            column,
            tight.message(which),
        )
        .with_hint("lengthen the talk, or shorten or remove some slides' `duration`"),
    )
}

/// One diagnostic per slide that does not fit a size: the layouts and sizes it overflows, the
/// step from which it scrolls and by how many rows, pointing at the slide in the file.
fn fit_diagnostics(
    loaded: &Loaded,
    name: &str,
    sizes: &[(u16, u16)],
    severity: Severity,
) -> Vec<Diagnostic> {
    let deck = &loaded.deck;
    if sizes.is_empty() {
        return Vec::new();
    }
    let places = scan(&loaded.source);
    let mut out = Vec::new();
    for &(w, h) in sizes {
        // Slide by slide, each with the views it overflows.
        let mut by_slide: Vec<(usize, Vec<String>)> = Vec::new();
        for view in View::ALL {
            for o in overflows(deck, (w, h), view) {
                let steps = deck.slide(o.slide).map_or(1, crate::deck::Slide::steps);
                let from = if steps > 1 {
                    format!(", from step {} of {steps}", o.step + 1)
                } else {
                    String::new()
                };
                let rows = if o.rows_over == 1 { "row" } else { "rows" };
                let what = format!("{} ({} {rows} over{from})", view.name(), o.rows_over);
                match by_slide.iter_mut().find(|(s, _)| *s == o.slide) {
                    Some((_, views)) => views.push(what),
                    None => by_slide.push((o.slide, vec![what])),
                }
            }
        }
        by_slide.sort_by_key(|(s, _)| *s);
        for (slide, views) in by_slide {
            let title = deck.slide(slide).map_or("", |s| s.title.as_str());
            let (line, column) = places.name("Slide", slide).unwrap_or((1, 1));
            let message = format!(
                "slide {} (\"{title}\") does not fit {w}x{h}: it scrolls in {}",
                slide + 1,
                views.join("; ")
            );
            out.push(
                Diagnostic::at(severity, name, &loaded.source, line, column, message)
                    .with_hint("shorten it, split it over two slides, or move text to the notes"),
            );
        }
    }
    out
}
