//! The audience window's loop: it sleeps until the presenter says something, a key is pressed
//! or the terminal changes, and draws what the presenter shows.

use std::path::Path;

use anyhow::Context;

use super::events::Tty;
use super::events::{Event, Events, Stop};
use super::graphics;
use super::session::{Ending, outcome};
use super::terminal::{self, Screen};
use crate::app::follower::{Cue, Follower};
use crate::app::keymap::audience_key;
use crate::deck::Deck;
use crate::link::{self, Heard};
use crate::ui::AudienceView;
use crate::ui::theme::Theme;

/// Runs an audience window for `deck`, following the presenter on `socket`; `reload` reads
/// the deck again when the presenter turns out to have another version of it.
pub fn audience(
    deck: Deck,
    (socket, folder): (&Path, Option<&Path>),
    tty: Tty,
    theme: Theme,
    reload: impl Fn() -> Option<Deck>,
) -> anyhow::Result<Ending> {
    let mut follower = Follower::new(deck);
    let mut events = Events::new(tty).context("listening to the terminal")?;
    let poster = events.poster();
    // The link thread hands what the presenter says to the loop, so it is drawn the moment it
    // arrives.
    link::follow(socket.to_owned(), move |heard| {
        poster.post(Event::Heard(heard))
    })
    .context("starting the link")?;
    let result = Screen::enter(false).and_then(|mut screen| {
        let ending = audience_loop(
            &mut screen,
            &mut follower,
            (theme, folder),
            &mut events,
            &reload,
        );
        screen.leave(events.terminal_alive());
        ending
    });
    let alive = events.terminal_alive();
    outcome(result, alive)
}

fn audience_loop(
    screen: &mut Screen,
    follower: &mut Follower,
    (mut theme, folder): (Theme, Option<&Path>),
    events: &mut Events,
    reload: &dyn Fn() -> Option<Deck>,
) -> anyhow::Result<Ending> {
    let (w, h) = terminal::size()?;
    follower.update(Cue::Resize(w, h));
    // Asked before the loop reads any key, so that the answers are not taken for keys.
    let mut pictures = graphics::pictures_for(&follower.deck, events.tty());
    let mut dirty = true;
    loop {
        if dirty {
            if let Some(pictures) = &mut pictures {
                graphics::make_ready(pictures, &follower.slide_layout().0, folder);
            }
            let pictures = pictures.as_ref();
            screen.draw(|frame| {
                let view = AudienceView {
                    follower,
                    theme: &theme,
                    pictures,
                };
                frame.render_widget(view, frame.area());
            })?;
            dirty = false;
        }
        if follower.should_quit {
            return Ok(Ending::Quit);
        }
        // Nothing on this screen moves by itself: sleep until something happens.
        let cue = match events.next(None)? {
            Event::Heard(Heard::Show(shown)) => {
                // The presenter changed the theme with its key: the class's screen follows.
                if let Some(name) = &shown.theme
                    && *name != theme.name
                    && let Ok(chosen) = Theme::load(name)
                {
                    theme = if theme.colour {
                        chosen
                    } else {
                        chosen.without_colour()
                    };
                    dirty = true;
                }
                if shown.fingerprint != follower.fingerprint
                    && let Some(deck) = reload()
                {
                    // The teacher edited the deck and restarted the presenter: follow the edit.
                    follower.replace_deck(deck);
                    graphics::deck_changed(&mut pictures, &follower.deck);
                }
                Some(Cue::Show(shown))
            }
            Event::Heard(Heard::Lost) => Some(Cue::Lost),
            Event::Key(key) => audience_key(key),
            Event::Resize(w, h) => Some(Cue::Resize(w, h)),
            Event::Continued => {
                screen.take_again()?;
                dirty = true;
                None
            }
            Event::Tick | Event::Mouse(_) | Event::AudienceChanged | Event::DeckChanged => None,
            Event::Stop(Stop::Quit) => return Ok(Ending::Quit),
            Event::Stop(Stop::Hangup) => return Ok(Ending::Hangup),
        };
        if cue == Some(Cue::Suspend) {
            screen.suspend()?;
            events.settle_continued();
            dirty = true;
        } else if let Some(cue) = cue {
            follower.update(cue);
            dirty = true;
        }
    }
}
