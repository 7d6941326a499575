//! The overlays over the presenter: the key help, the overview of every slide (filtered and
//! not) and the go-to-date prompt with the timeline previewing where it lands.

use ratatui::style::Modifier;
use tribune::app::Action;

use super::SIZES;
use super::single::RADIO;
use crate::support::app::{
    draw, find_text, fixture_app, index_of, render_deck, row_text, run, snapshot, type_text,
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

#[test]
fn date_prompt_offers_the_years_a_query_without_one_fits() {
    let deck = render_deck("dense");
    let speech = index_of(&deck, "speech");
    snapshot("overlay__date_prompt_years", &deck, &SIZES, |app| {
        run(app, [Action::OpenDatePrompt]);
        type_text(app, "feb");
        // February 1953 holds the last supper, February 1956 the Secret Speech: both a day,
        // so the tie goes to the earlier year; ↓ takes the later.
        let supper = index_of(&app.deck, "supper");
        assert_eq!(app.date_choice(), Some(supper));
        run(app, [Action::SelectNext]);
        assert_eq!(app.date_choice(), Some(speech));
    });
    // The chosen year stands out: reversed, the other not.
    let mut app = fixture_app("dense");
    run(&mut app, [Action::OpenDatePrompt]);
    type_text(&mut app, "feb");
    run(&mut app, [Action::SelectNext]);
    let terminal = draw(&mut app, 80, 24);
    let buf = terminal.backend().buffer();
    let (x, y) = find_text(buf, buf.area, "February: 1953 · 1956").expect("the years");
    let year = |dx: u16| buf[(x + dx, y)].modifier.contains(Modifier::REVERSED);
    let at_1953 = u16::try_from("February: ".len()).unwrap();
    let at_1956 = at_1953 + u16::try_from("1953 · ".chars().count()).unwrap();
    assert!(!year(at_1953) && year(at_1956), "1956 is chosen");
}

/// The lines inside the date prompt's box, trimmed, top to bottom.
fn prompt_box(buf: &ratatui::buffer::Buffer, h: u16) -> Vec<String> {
    // Each row as cells, so that the box's columns are found whatever is drawn beside it.
    let rows: Vec<Vec<char>> = (0..h).map(|y| row_text(buf, y).chars().collect()).collect();
    let top = rows
        .iter()
        .position(|r| r.iter().collect::<String>().contains("┌ Go to date"))
        .expect("the prompt is open");
    let left = rows[top]
        .iter()
        .position(|&c| c == '┌')
        .expect("its corner");
    let right = rows[top]
        .iter()
        .position(|&c| c == '┐')
        .expect("its corner");
    rows[top + 1..]
        .iter()
        .take_while(|r| r[left] != '└')
        .map(|r| {
            r[left + 1..right]
                .iter()
                .collect::<String>()
                .trim()
                .to_owned()
        })
        .collect()
}

/// Every kind of message the date prompt gives is on screen whole at 80x24: beside the
/// timeline, where the box is narrowest, and without it. A message too wide for one line wraps
/// onto the next; none is cut short.
#[test]
fn every_date_prompt_message_fits_its_box_at_80x24() {
    let inputs = [
        "Smarch 1953",
        "31 Feb 1953",
        "1100-02-29",
        "29 February 9997 BC",
        "1954",
        "8 Jan 1954",
        "c. October",
        "44/45",
        "30 February",
        "23 Oct 1956",
        "30 September 10000 BC",
        "c.",
        "spring 10000 BC",
        "winter 10000 BC",
        "a very long query that nobody would type",
    ];
    for timeline in [true, false] {
        for input in inputs {
            let mut app = fixture_app("dense");
            if !timeline {
                run(&mut app, [Action::ToggleTimeline]);
            }
            run(&mut app, [Action::OpenDatePrompt]);
            type_text(&mut app, input);
            let why = match app.date_preview() {
                Some(Err(why)) => why.clone(),
                other => panic!("{input}: a message expected, got {other:?}"),
            };
            let terminal = draw(&mut app, 80, 24);
            let inside = prompt_box(terminal.backend().buffer(), 24);
            let shown = inside[1..inside.len() - 1].join(" ");
            assert!(
                shown.contains(&why),
                "{input} (timeline {timeline}): {why:?} is not whole in {inside:#?}"
            );
        }
    }
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
