//! A handful of screens of the bundled lecture, end to end: its title slide with the timeline
//! of the whole lecture, the timeline on a slide with flashbacks on both sides, the date prompt
//! landing on 25 February 1956, the presenter view on 4 March 1953, and the audience window on
//! the same slide. Everything else is drawn from small fixture decks, so a change to the
//! lecture's text rewrites these five files at most.

use tribune::app::Action;
use tribune::app::follower::Cue;

use crate::support::app::{
    presenter_view, run, shown_after, snapshot, snapshot_audience, type_text,
};
use crate::support::fixtures::lecture;

/// 0-based index of slide 5, "4 March 1953" (two reveal steps).
const BULLET_SLIDE: usize = 4;

#[test]
fn title_slide() {
    snapshot("lecture__title", &lecture(), &[(80, 24)], |_| {});
}

#[test]
fn timeline_with_flashbacks() {
    // Slide 30 sits inside the span with flashbacks before it and the lecture's end after it.
    snapshot("lecture__timeline", &lecture(), &[(160, 48)], |app| {
        run(app, [Action::GoToSlide(29)]);
    });
}

#[test]
fn date_prompt_with_preview() {
    snapshot("lecture__date_prompt", &lecture(), &[(80, 24)], |app| {
        run(
            app,
            [Action::GoToSlide(BULLET_SLIDE), Action::OpenDatePrompt],
        );
        type_text(app, "25 feb 1956");
        assert_eq!(app.date_choice(), Some(45), "25 Feb 1956 lands on slide 46");
    });
}

#[test]
fn presenter_view_with_two_audience_windows() {
    snapshot("lecture__presenter", &lecture(), &[(120, 40)], |app| {
        presenter_view(app, 2);
        run(app, [Action::GoToSlide(BULLET_SLIDE)]);
    });
}

#[test]
fn audience_bullet_slide() {
    let deck = lecture();
    snapshot_audience("lecture__audience_bullets", &deck, &[(120, 40)], |f| {
        f.update(Cue::Show(shown_after(
            &deck,
            [Action::GoToSlide(BULLET_SLIDE)],
        )));
    });
}
