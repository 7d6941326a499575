//! The audience window's state: the slide the presenter shows, or why there is none yet.
//! Like `App`, plain data changed only by `Follower::update`; the link to the presenter lives
//! in `link` and the loop in `tui`.

use super::{App, Shown};
use crate::deck::Deck;

/// Where the audience window stands with its presenter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Link {
    /// No presenter yet (`lost`: there was one, and it has gone).
    Waiting {
        /// A presenter was followed and has quit or crashed.
        lost: bool,
    },
    /// Showing what the presenter sends.
    Following,
    /// The presenter has another version of the deck (edited since this window loaded it).
    OtherDeck,
}

/// Something that changes the audience window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cue {
    /// The presenter says what to show.
    Show(Shown),
    /// The presenter has gone.
    Lost,
    /// The terminal's size, in cells.
    Resize(u16, u16),
    /// Ctrl-Z: give the terminal back to the shell for a while (the loop does it).
    Suspend,
    /// Leave.
    Quit,
}

/// The audience window's whole state.
#[derive(Clone, Debug)]
pub struct Follower {
    /// The deck and the slide on screen, drawn as the presenter draws them (no panes).
    pub app: App,
    /// Where we stand with the presenter.
    pub link: Link,
    /// Where the presenter's last message scrolled a long slide, in thousandths.
    pub scroll_permille: u16,
    /// The screen is black.
    pub blank: bool,
    /// Set when the user asked to quit.
    pub should_quit: bool,
}

impl Follower {
    /// An audience window for `app`'s deck, waiting for its presenter.
    pub fn new(mut app: App) -> Follower {
        app.show_notes = false;
        app.show_timeline = false;
        // The projector has the whole screen: large titles wherever they fit.
        app.large_titles = true;
        Follower {
            app,
            link: Link::Waiting { lost: false },
            scroll_permille: 0,
            blank: false,
            should_quit: false,
        }
    }

    /// Swaps in another version of the deck (the presenter's, after an edit).
    pub fn replace_deck(&mut self, deck: Deck) {
        let mut next = Follower::new(App::new(deck, self.app.theme.clone()));
        next.app.viewport = self.app.viewport;
        next.link = self.link.clone();
        *self = next;
    }

    /// Applies a cue.
    pub fn update(&mut self, cue: Cue) {
        match cue {
            Cue::Show(shown) => {
                if shown.fingerprint != self.app.deck.fingerprint()
                    || shown.slides != self.app.slide_count()
                {
                    self.link = Link::OtherDeck;
                    return;
                }
                self.link = Link::Following;
                self.app.current = shown.slide.min(self.app.slide_count() - 1);
                self.app.step = shown.step;
                self.blank = shown.blank;
                self.scroll_permille = shown.scroll_permille.min(1000);
                self.rescroll();
            }
            Cue::Lost => {
                if self.link != (Link::Waiting { lost: false }) {
                    self.link = Link::Waiting { lost: true };
                }
                self.blank = false;
            }
            Cue::Resize(w, h) => {
                self.app.viewport = (w, h);
                self.rescroll();
            }
            Cue::Quit => self.should_quit = true,
            Cue::Suspend => {}
        }
    }

    /// Scrolls a long slide as far down, proportionally, as the presenter has.
    fn rescroll(&mut self) {
        let max = crate::ui::max_scroll(&self.app);
        self.app.scroll = (max * usize::from(self.scroll_permille) + 500) / 1000;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Action;
    use crate::deck::parse_deck;
    use crate::ui::theme::Theme;

    /// Slide 2 is long: forty bullets.
    fn follower() -> Follower {
        let bullets: Vec<String> = (0..40).map(|i| format!("\"point {i}\"")).collect();
        let source = format!(
            r#"Deck(title: "T", span: "1953", parts: [Part(id: "p", title: "P", slides: [
                Slide(title: "One", date: "1953-03-05", notes: "n"),
                Slide(title: "Long", date: "1953-03-06", notes: "n", body: [Bullets([{}])]),
            ])])"#,
            bullets.join(",")
        );
        let deck = parse_deck("t.ron", source.as_bytes()).unwrap().deck;
        let mut f = Follower::new(App::new(deck, Theme::bundled()));
        f.update(Cue::Resize(80, 24));
        f
    }

    fn presenter(f: &Follower) -> App {
        let mut app = App::new(f.app.deck.clone(), Theme::bundled());
        app.update(Action::Resize(120, 40));
        app.update(Action::AudienceCount(1));
        app
    }

    #[test]
    fn it_waits_then_follows_then_waits_again() {
        let mut f = follower();
        assert_eq!(f.link, Link::Waiting { lost: false });
        let mut p = presenter(&f);
        p.update(Action::Next);
        f.update(Cue::Show(p.shown()));
        assert_eq!((f.link.clone(), f.app.current), (Link::Following, 1));
        p.update(Action::Blank);
        f.update(Cue::Show(p.shown()));
        assert!(f.blank);
        f.update(Cue::Lost);
        assert_eq!(f.link, Link::Waiting { lost: true });
        assert!(!f.blank, "the waiting screen is not black");
    }

    #[test]
    fn another_version_of_the_deck_is_noticed_not_drawn() {
        let mut f = follower();
        let mut p = presenter(&f);
        p.update(Action::Next);
        let mut shown = p.shown();
        shown.fingerprint ^= 1;
        f.update(Cue::Show(shown));
        assert_eq!(f.link, Link::OtherDeck);
        assert_eq!(f.app.current, 0);
    }

    #[test]
    fn a_long_slide_scrolls_in_proportion_on_the_audience_screen() {
        let mut f = follower();
        let mut p = presenter(&f);
        p.update(Action::Next);
        let max = crate::ui::max_scroll(&p);
        assert!(max > 0, "forty bullets overflow 40 rows with panes");
        for _ in 0..max {
            p.update(Action::Down);
        }
        f.update(Cue::Show(p.shown()));
        assert_eq!(p.shown().scroll_permille, 1000);
        assert_eq!(
            f.app.scroll,
            crate::ui::max_scroll(&f.app),
            "bottom to bottom"
        );
        // A taller audience screen needs less scrolling for the same place.
        f.update(Cue::Resize(80, 60));
        assert!(f.app.scroll <= crate::ui::max_scroll(&f.app));
        f.update(Cue::Resize(80, 200));
        assert_eq!(f.app.scroll, 0, "it all fits");
    }
}
