//! The audience window's state: the slide the presenter shows, or why there is none yet. Its
//! own small state, not a presenter's: plain data changed only by `Follower::update`, fed by the
//! link (which lives in `link`; the loop in `tui`).

use super::Shown;
use crate::deck::Deck;
use crate::layout::{Open, Rect, SlideLayout, panes, slide_text_area};

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
    /// The deck, as this window loaded it.
    pub deck: Deck,
    /// Its fingerprint, to tell whether the presenter has the same version.
    pub fingerprint: u64,
    /// The slide on screen (0-based).
    pub current: usize,
    /// How many reveal steps of it are shown.
    pub step: usize,
    /// Lines scrolled inside a slide too long for the screen.
    pub scroll: usize,
    /// The terminal's size in cells.
    pub viewport: (u16, u16),
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
    /// An audience window for `deck`, waiting for its presenter.
    pub fn new(deck: Deck) -> Follower {
        let fingerprint = deck.fingerprint();
        Follower {
            deck,
            fingerprint,
            current: 0,
            step: 0,
            scroll: 0,
            viewport: (80, 24),
            link: Link::Waiting { lost: false },
            scroll_permille: 0,
            blank: false,
            should_quit: false,
        }
    }

    /// Swaps in another version of the deck (the presenter's, after an edit).
    pub fn replace_deck(&mut self, deck: Deck) {
        let mut next = Follower::new(deck);
        next.viewport = self.viewport;
        next.link = self.link.clone();
        *self = next;
    }

    /// Applies a cue.
    pub fn update(&mut self, cue: Cue) {
        match cue {
            Cue::Show(shown) => {
                if shown.fingerprint != self.fingerprint || shown.slides != self.deck.slide_count()
                {
                    self.link = Link::OtherDeck;
                    return;
                }
                self.link = Link::Following;
                self.current = shown.slide.min(self.deck.slide_count().saturating_sub(1));
                self.step = shown.step;
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
                self.viewport = (w, h);
                self.rescroll();
            }
            Cue::Quit => self.should_quit = true,
            Cue::Suspend => {}
        }
    }

    /// The slide on screen as the projector lays it out: the whole screen but the progress
    /// line, large titles wherever they fit.
    pub fn slide_layout(&self) -> (SlideLayout, Rect) {
        let (w, h) = self.viewport;
        let area = slide_text_area(panes(Rect::new(0, 0, w, h), Open::default()).slide);
        let layout = crate::layout::slide::layout(
            &self.deck,
            self.current,
            self.step,
            (area.width, area.height),
            true,
        );
        (layout, area)
    }

    /// How far the slide on screen can scroll at this window's size.
    pub fn max_scroll(&self) -> usize {
        let (layout, area) = self.slide_layout();
        layout.max_scroll(usize::from(area.height))
    }

    /// Scrolls a long slide as far down, proportionally, as the presenter has.
    fn rescroll(&mut self) {
        let max = self.max_scroll();
        self.scroll = (max * usize::from(self.scroll_permille) + 500) / 1000;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, App};
    use crate::deck::parse_deck;

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
        let mut f = Follower::new(deck);
        f.update(Cue::Resize(80, 24));
        f
    }

    fn presenter(f: &Follower) -> App {
        let mut app = App::new(f.deck.clone());
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
        assert_eq!((f.link.clone(), f.current), (Link::Following, 1));
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
        assert_eq!(f.current, 0);
    }

    #[test]
    fn a_long_slide_scrolls_in_proportion_on_the_audience_screen() {
        let mut f = follower();
        let mut p = presenter(&f);
        p.update(Action::Next);
        let max = p.max_scroll();
        assert!(max > 0, "forty bullets overflow 40 rows with panes");
        for _ in 0..max {
            p.update(Action::Down);
        }
        f.update(Cue::Show(p.shown()));
        assert_eq!(p.shown().scroll_permille, 1000);
        assert_eq!(f.scroll, f.max_scroll(), "bottom to bottom");
        // A taller audience screen needs less scrolling for the same place.
        f.update(Cue::Resize(80, 60));
        assert!(f.scroll <= f.max_scroll());
        f.update(Cue::Resize(80, 200));
        assert_eq!(f.scroll, 0, "it all fits");
    }
}
