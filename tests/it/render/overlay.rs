//! The overlays over the presenter: the key help, the overview of every slide (filtered and
//! not) and the go-to-date prompt with the timeline previewing where it lands.

use tribune::app::Action;

use super::SIZES;
use super::single::RADIO;
use crate::support::app::{index_of, render_deck, run, snapshot, type_text};

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
