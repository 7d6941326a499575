//! The overlays over the presenter: the key help, the overview of every slide (filtered and
//! not) and the go-to-date prompt with the timeline previewing where it lands.

use tribune::app::Action;

use super::SIZES;
use super::single::RADIO;
use crate::support::app::{
    draw, fixture_app, index_of, render_deck, row_text, run, snapshot, type_text,
};

#[test]
fn help_overlay() {
    snapshot("overlay__help", &render_deck("bullets"), &SIZES, |app| {
        run(app, [Action::GoToSlide(RADIO), Action::ToggleHelp]);
    });
}

#[test]
fn overview_filtered() {
    snapshot(
        "overlay__overview",
        &render_deck("opening"),
        &SIZES,
        |app| {
            run(app, [Action::GoToSlide(1), Action::OpenOverview]);
            type_text(app, "the");
            assert_eq!(app.overview_rows(), [0, 3], "The thaw, The Secret Speech");
        },
    );
}

#[test]
fn overview_unfiltered() {
    snapshot(
        "overlay__overview_all",
        &render_deck("opening"),
        &SIZES,
        |app| {
            run(app, [Action::GoToSlide(1), Action::OpenOverview]);
        },
    );
}

#[test]
fn date_prompt_with_preview() {
    let deck = render_deck("dense");
    let dies = index_of(&deck, "dies");
    snapshot("overlay__date_prompt", &deck, &SIZES, |app| {
        run(app, [Action::OpenDatePrompt]);
        type_text(app, "5 mar 1953");
        // Two slides are dated that day: the first in deck order is the target.
        assert_eq!(
            app.date_choice(),
            Some(dies),
            "5 March 1953 lands on Stalin dies"
        );
    });
}

/// The overview lists each slide's date as the status bar reads it ("25 February 1956",
/// "March 1953"), not as the deck file writes it ("1956-02-25", "1953-03").
#[test]
fn the_overview_lists_dates_as_the_status_bar_reads_them() {
    let mut app = fixture_app("opening");
    run(&mut app, [Action::OpenOverview]);
    for (w, h) in SIZES {
        let terminal = draw(&mut app, w, h);
        let buf = terminal.backend().buffer();
        for (i, slide) in app.deck.slides().enumerate() {
            let row = (0..h)
                .map(|y| row_text(buf, y))
                .find(|r| r.contains(slide.title.as_str()))
                .unwrap_or_else(|| panic!("{} is listed at {w}x{h}", slide.title));
            let human = slide.shown_date().expect("the fixture's slides are dated");
            assert!(
                row.contains(&format!(" {}  {human}  ", i + 1)),
                "{human:?} in {row:?}"
            );
            let written = &slide.date.as_ref().expect("dated").written;
            assert!(!row.contains(written), "{row:?}");
        }
        let listed: String = (0..h).map(|y| row_text(buf, y)).collect();
        for date in ["1953–1956", "March 1953", "25 February 1956"] {
            assert!(listed.contains(date), "{date} at {w}x{h}");
        }
    }
}
