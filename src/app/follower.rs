//! The audience window's state: the slide the presenter shows, or why there is none yet.
//! Like `App`, plain data changed only by `Follower::update`; the link to the presenter lives
//! in `link` and the loop in `tui`.

use super::{App, Shown};

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
        Follower {
            app,
            link: Link::Waiting { lost: false },
            scroll_permille: 0,
            blank: false,
            should_quit: false,
        }
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
        }
    }

    /// Scrolls a long slide as far down, proportionally, as the presenter has.
    fn rescroll(&mut self) {
        let max = crate::ui::max_scroll(&self.app);
        self.app.scroll = (max * usize::from(self.scroll_permille) + 500) / 1000;
    }
}
