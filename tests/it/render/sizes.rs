//! Every view at every size from 1x1 to 30x12 and at a few extreme ones (1x200, 300x2,
//! 300x90), in every state worth drawing: none may panic. The states come from the fixture
//! decks, and the lecture's title slide as a whole deck.

use tribune::app::follower::{Cue, Follower};
use tribune::app::{Action, App, Shown};

use super::single::RADIO;
use crate::support::app::{
    assert_never_panics, draw, draw_follower, fixture_app, index_of, lecture_app, presenter_view,
    render_deck, run, shown_after, type_text,
};

/// A presenter of `tests/fixtures/render/{name}.ron` after `actions`.
fn after(name: &str, actions: impl IntoIterator<Item = Action>) -> App {
    let mut app = fixture_app(name);
    run(&mut app, actions);
    app
}

/// Every state of the single-terminal presenter worth drawing small.
fn states() -> Vec<(&'static str, App)> {
    let scripts = render_deck("scripts");
    let cyrillic = index_of(&scripts, "bulletin");
    let cjk = index_of(&scripts, "beijing");
    let dense = render_deck("dense");
    let dies = index_of(&dense, "dies");
    let mut overview = after("opening", [Action::OpenOverview]);
    type_text(&mut overview, "the");
    let mut prompt = after("dense", [Action::OpenDatePrompt]);
    type_text(&mut prompt, "5 mar 1953");
    vec![
        ("lecture title", lecture_app()),
        ("title", after("opening", [])),
        ("divider", after("opening", [Action::NextPart])),
        ("reveal", after("bullets", [Action::Next])),
        ("cyrillic", after("scripts", [Action::GoToSlide(cyrillic)])),
        ("cjk", after("scripts", [Action::GoToSlide(cjk)])),
        ("quotes", after("quotes", [Action::GoToSlide(1)])),
        ("columns", after("columns", [Action::GoToSlide(1)])),
        ("long", after("long", [Action::GoToSlide(1)])),
        ("timeline", after("dense", [Action::GoToSlide(dies)])),
        ("flashbacks", after("flashback", [Action::GoToSlide(2)])),
        ("help", after("bullets", [Action::ToggleHelp])),
        ("overview", overview),
        ("prompt", prompt),
        (
            "notes",
            after("bullets", [Action::GoToSlide(RADIO), Action::ToggleNotes]),
        ),
        ("blank", after("bullets", [Action::Blank])),
    ]
}

#[test]
fn every_small_and_extreme_size_renders_without_panic() {
    assert_never_panics("presenter", states(), |app, w, h| {
        draw(app, w, h);
    });
}

/// Audience windows worth drawing small.
fn follower_states() -> Vec<(&'static str, Follower)> {
    let bullets = render_deck("bullets");
    let mut out = vec![("waiting", Follower::new(bullets.clone()))];
    let opening = render_deck("opening");
    let mut title = Follower::new(opening.clone());
    title.update(Cue::Show(shown_after(&opening, [])));
    out.push(("title", title));
    let mut shown = Follower::new(bullets.clone());
    shown.update(Cue::Show(shown_after(&bullets, [Action::GoToSlide(RADIO)])));
    out.push(("bullets", shown.clone()));
    let scripts = render_deck("scripts");
    let bulletin = index_of(&scripts, "bulletin");
    let mut cyrillic = Follower::new(scripts.clone());
    cyrillic.update(Cue::Show(Shown {
        scroll_permille: 500,
        ..shown_after(&scripts, [Action::GoToSlide(bulletin)])
    }));
    out.push(("cyrillic", cyrillic));
    let long = render_deck("long");
    let mut scrolled = Follower::new(long.clone());
    scrolled.update(Cue::Show(Shown {
        scroll_permille: 500,
        ..shown_after(&long, [Action::GoToSlide(1)])
    }));
    out.push(("long", scrolled));
    let mut lost = shown.clone();
    lost.update(Cue::Lost);
    out.push(("lost", lost));
    let mut blank = shown;
    blank.blank = true;
    out.push(("blank", blank));
    out
}

/// Presenter views worth drawing small.
fn presenter_states() -> Vec<(&'static str, App)> {
    let mut out = Vec::new();
    let mut two = fixture_app("bullets");
    presenter_view(&mut two, 2);
    run(&mut two, [Action::GoToSlide(RADIO)]);
    out.push(("two", two));
    let mut both = fixture_app("bullets");
    presenter_view(&mut both, 0);
    both.audience.problem = Some("audience windows cannot connect here".to_owned());
    run(
        &mut both,
        [
            Action::GoToSlide(RADIO),
            Action::ToggleFreeze,
            Action::GoToSlide(2),
            Action::Blank,
        ],
    );
    out.push(("blank and frozen", both));
    let mut reveal = fixture_app("bullets");
    presenter_view(&mut reveal, 1);
    run(&mut reveal, [Action::GoToSlide(RADIO - 1), Action::Next]);
    out.push(("reveal", reveal));
    let mut last = fixture_app("bullets");
    presenter_view(&mut last, 1);
    run(&mut last, [Action::Last]);
    out.push(("last", last));
    out
}

#[test]
fn second_screen_views_render_at_every_small_size_without_panic() {
    assert_never_panics("presenter view", presenter_states(), |app, w, h| {
        draw(app, w, h);
    });
    assert_never_panics("audience", follower_states(), |f, w, h| {
        draw_follower(f, w, h);
    });
}
