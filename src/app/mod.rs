//! The presenter's state as plain data, and the actions that change it. Knows nothing of the
//! terminal, files or clocks: time arrives as `Action::Tick` data.

pub mod action;
pub mod follower;
pub mod keymap;
mod update;

use std::sync::Arc;
use std::time::Duration;

use crate::deck::timeline::{DateIndex, DateMatch, Found};
use crate::deck::{ClassEnd, Deck, TimeOfDay};
use crate::layout::notes::{self, NotesPane};
use crate::layout::timeline::Position;
use crate::layout::{Open, Rect, SlideLayout, panes, slide_text_area};
use crate::timing::class_clock::{self, Countdown, Deadline, Drift, Forecast};

pub use action::Action;

/// What the keyboard is talking to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Presenting.
    Normal,
    /// The screen is black; any key restores it.
    Blank,
    /// The key help overlay.
    Help,
    /// The slide's sources and corrections, over the presenter (never the audience).
    Details {
        /// Lines scrolled.
        scroll: usize,
    },
    /// The overview of every slide.
    Overview {
        /// Position of the highlighted row among the filtered slides.
        selected: usize,
        /// What the user typed to narrow the list.
        filter: String,
    },
    /// Asking, in the status bar, whether to reset the talk clock: `y` does, any other key
    /// does not.
    ConfirmReset,
    /// The go-to-date prompt.
    DatePrompt {
        /// What the user typed.
        input: String,
        /// Which choice `↑` `↓` picked: among the matches of a query with one reading (0 =
        /// the rule's target), else among the readings of a query without a year (starting
        /// at the one the jump would take).
        choice: usize,
        /// What the input matches, or why it matches nothing; `None` while it is empty.
        /// Worked out when the input changes, not each time it is drawn.
        found: Option<Result<Found, String>>,
    },
}

impl Mode {
    /// The overview with `selected` highlighted and no filter.
    pub fn overview(selected: usize) -> Mode {
        Mode::Overview {
            selected,
            filter: String::new(),
        }
    }

    /// An empty date prompt.
    pub fn date_prompt() -> Mode {
        Mode::DatePrompt {
            input: String::new(),
            choice: 0,
            found: None,
        }
    }
}

/// Why the presenter is running.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// In front of a class.
    Present,
    /// Alone, against the clock: the notes pane shows the pacing.
    Rehearse,
}

/// The audience windows that follow this presenter, as the presenter sees and steers them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Audience {
    /// How many audience windows are connected.
    pub connected: usize,
    /// The presenter view is on: `--presenter`, or since an audience window first connected
    /// (it stays on when the last one leaves, so the screen does not jump mid-talk).
    pub presenter_view: bool,
    /// The audience's screen is black (`b`, `.`); the presenter's is not.
    pub blank: bool,
    /// The audience is held on this slide while the presenter browses (`f`).
    pub frozen: Option<Shown>,
    /// Why audience windows cannot follow this presenter, when the link could not be set up.
    pub problem: Option<String>,
}

/// What an audience window shows: the one message the presenter sends them.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shown {
    /// 0-based slide index.
    pub slide: usize,
    /// Reveal steps shown.
    pub step: usize,
    /// How far down a slide too long for the screen is scrolled, in thousandths of the way:
    /// the audience's screen differs in size, so lines would mean nothing there.
    pub scroll_permille: u16,
    /// The screen is black.
    pub blank: bool,
    /// The presenter has frozen the audience on this slide.
    pub frozen: bool,
    /// The colour theme the presenter chose with the theme key, for the class to follow;
    /// absent until then, so each window keeps the theme it was started with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// How many slides the presenter's deck has and a fingerprint of it, so an audience
    /// window with another version of the deck notices.
    pub slides: usize,
    /// See `slides`.
    pub fingerprint: u64,
}

/// The whole presenter state.
#[derive(Clone, Debug)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent switches that combine freely, not a state machine"
)]
pub struct App {
    /// The deck being presented (shared with the recorder's writer).
    pub deck: Arc<Deck>,
    /// The deck's dates, for the date prompt.
    pub dates: DateIndex,
    /// The deck's fingerprint, sent to audience windows with every move.
    pub fingerprint: u64,
    /// 0-based index of the slide on screen.
    pub current: usize,
    /// How many reveal steps of the current slide are shown (0 = up to the first `Pause`).
    pub step: usize,
    /// Lines scrolled inside a slide too long for the screen.
    pub scroll: usize,
    /// Which slides have been on screen.
    pub visited: Vec<bool>,
    /// Where we were before each jump, most recent last.
    pub history: Vec<usize>,
    /// What the keyboard is talking to.
    pub mode: Mode,
    /// Whether the speaker-notes pane is open.
    pub show_notes: bool,
    /// Lines scrolled in the notes pane (back to the top on each new slide).
    pub notes_scroll: usize,
    /// Rows given to the notes (`+`) or taken from them (`-`), from their usual height.
    pub notes_rows: i16,
    /// Whether the timeline sidebar is open.
    pub show_timeline: bool,
    /// Digits typed towards "go to slide N".
    pub digits: String,
    /// A one-line message for the status bar (cleared by the next move).
    pub message: Option<String>,
    /// The terminal's size in cells (columns, rows).
    pub viewport: (u16, u16),
    /// Monotonic time since launch, from the last tick.
    pub now: Duration,
    /// When the talk started (the first advance), on the talk clock (`talk_now`).
    pub started_at: Option<Duration>,
    /// The local time of day at the last tick; none before the first.
    pub clock: Option<TimeOfDay>,
    /// Set when the user asked to quit.
    pub should_quit: bool,
    /// Time spent on each slide, the current one's running stretch not yet added.
    pub spent: Vec<Duration>,
    /// When the current slide came on screen, on the talk clock (from the first advance).
    pub entered_at: Option<Duration>,
    /// Each slide's time budget, where the deck or the target gives one.
    pub budgets: Vec<Option<Duration>>,
    /// How long each slide took in the last rehearsal.
    pub last_times: Vec<Option<Duration>>,
    /// Presenting or rehearsing.
    pub purpose: Purpose,
    /// The audience windows following this presenter.
    pub audience: Audience,
    /// Where the last class stopped, offered until the first move (`r` goes there).
    pub resume: Option<usize>,
    /// Why the class log or rehearsal record is not being saved, shown until a save works.
    pub save_problem: Option<String>,
    /// The colour theme chosen with the theme key, which audience windows follow.
    pub theme_choice: Option<String>,
    /// The talk's target length, which the budgets share out (kept for a reloaded deck).
    pub target: Option<Duration>,
    /// Why the last save of the deck did not load, until a save loads again.
    pub reload_error: Option<String>,
    /// When this class ends: `--until` or `--length`, else the deck's `class`.
    pub class: Option<ClassEnd>,
    /// The end of class pinned to the `now` clock: at the first tick for a time of day, when
    /// the talk starts for a length.
    pub deadline: Option<Deadline>,
    /// The time the class had left when the talk started, shared out as the budgets when
    /// neither a target nor the deck's `duration` gives a length.
    pub class_share: Option<Duration>,
    /// The pauses of the talk clock (`p`), oldest first; the last one may still be on.
    pub pauses: Vec<PauseSpan>,
    /// How many times the talk clock was reset (`R`, then `y`): the record starts again.
    pub resets: u32,
}

/// A pause of the talk clock (`p`), for questions: it holds across slide changes, and its time
/// counts for no slide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PauseSpan {
    /// When it began, on the `now` clock.
    pub from: Duration,
    /// When it ended; none while it lasts.
    pub to: Option<Duration>,
    /// The slide on screen when it began (0-based).
    pub slide: usize,
}

impl App {
    /// A presenter on the first slide of `deck`.
    pub fn new(deck: Deck) -> App {
        let count = deck.slide_count();
        let dates = DateIndex::new(&deck);
        let fingerprint = deck.fingerprint();
        let mut app = App {
            deck: Arc::new(deck),
            dates,
            fingerprint,
            current: 0,
            step: 0,
            scroll: 0,
            visited: vec![false; count],
            history: Vec::new(),
            mode: Mode::Normal,
            show_notes: false,
            notes_scroll: 0,
            notes_rows: 0,
            show_timeline: true,
            digits: String::new(),
            message: None,
            viewport: (80, 24),
            now: Duration::ZERO,
            started_at: None,
            clock: None,
            should_quit: false,
            spent: vec![Duration::ZERO; count],
            entered_at: None,
            budgets: vec![None; count],
            last_times: vec![None; count],
            purpose: Purpose::Present,
            audience: Audience::default(),
            resume: None,
            save_problem: None,
            theme_choice: None,
            target: None,
            reload_error: None,
            class: None,
            deadline: None,
            class_share: None,
            pauses: Vec::new(),
            resets: 0,
        };
        if let Some(v) = app.visited.first_mut() {
            *v = true;
        }
        app
    }

    /// Number of slides (always at least one: an empty deck does not load).
    pub fn slide_count(&self) -> usize {
        self.visited.len()
    }

    /// Talk time since the talk started, pauses left out.
    pub fn elapsed(&self) -> Option<Duration> {
        self.started_at.map(|s| self.talk_now().saturating_sub(s))
    }

    /// Whether the talk clock is paused.
    pub fn is_paused(&self) -> bool {
        self.pauses.last().is_some_and(|p| p.to.is_none())
    }

    /// How long the talk clock has been paused in all, the pause still on included.
    pub fn paused_total(&self) -> Duration {
        self.pauses
            .iter()
            .map(|p| p.to.unwrap_or(self.now).saturating_sub(p.from))
            .sum()
    }

    /// The talk clock: the `now` clock with the pauses taken out. It stands still while the
    /// talk is paused; the talk's start and each slide's time are read on it.
    pub fn talk_now(&self) -> Duration {
        self.now.saturating_sub(self.paused_total())
    }

    /// Time spent on each slide, the current slide's running stretch included.
    pub fn spent_now(&self) -> Vec<Duration> {
        let mut spent = self.spent.clone();
        if let (Some(at), Some(t)) = (self.entered_at, spent.get_mut(self.current)) {
            *t += self.talk_now().saturating_sub(at);
        }
        spent
    }

    /// The countdown to the end of class, when the class has an end; a length reads in full
    /// until the talk starts.
    pub fn countdown(&self) -> Option<Countdown> {
        match (self.deadline, self.class) {
            (Some(deadline), _) => Some(deadline.at(self.now)),
            (None, Some(ClassEnd::Length(length))) => Some(Countdown::Left(length.duration())),
            (None, _) => None,
        }
    }

    /// The length the budgets share out: the target, else the class's time.
    pub fn budget_target(&self) -> Option<Duration> {
        self.target.or(self.class_share)
    }

    /// Where the talk is heading at the pace so far, when every slide has a budget: the drift
    /// is against the end of class when it has one, else against the plan.
    pub fn forecast(&self) -> Option<Forecast> {
        let mut f =
            class_clock::forecast(&self.deck, &self.budgets, &self.spent_now(), self.current)?;
        if let Some(countdown) = self.countdown() {
            f.drift = Drift::against(f.rest, countdown);
        }
        Some(f)
    }

    /// Where the talk stands against its budgets.
    pub fn standing(&self) -> crate::timing::budget::Standing {
        crate::timing::budget::standing(&self.deck, &self.budgets, &self.spent_now(), self.current)
    }

    /// What `input`, typed into the date prompt, matches, or why it matches nothing. A query
    /// without a year is read within the deck's span.
    pub fn find_date(&self, input: &str) -> Option<Result<Found, String>> {
        if input.trim().is_empty() {
            return None;
        }
        Some(self.dates.find(input, &self.deck.span.range))
    }

    /// What the date prompt's input matches right now, or why it matches nothing.
    pub fn date_preview(&self) -> Option<&Result<Found, String>> {
        match &self.mode {
            Mode::DatePrompt { found, .. } => found.as_ref(),
            _ => None,
        }
    }

    /// The slide the date prompt would jump to, with the user's ↑↓ choice applied.
    pub fn date_choice(&self) -> Option<usize> {
        let Mode::DatePrompt {
            choice,
            found: Some(Ok(found)),
            ..
        } = &self.mode
        else {
            return None;
        };
        let choice = (*choice).min(date_choices(found).saturating_sub(1));
        match found.readings.as_slice() {
            [(_, only)] => date_order(only).get(choice).copied(),
            several => several.get(choice).map(|(_, m)| m.target),
        }
    }

    /// Which panes are open.
    pub fn open_panes(&self) -> Open {
        Open {
            notes: self.show_notes,
            timeline: self.show_timeline,
            notes_rows: self.notes_rows,
        }
    }

    /// Whether the notes pane has a header row: a timing line (a rehearsal's pacing, else the
    /// slide's budget or last time), or sources and corrections to point to.
    pub fn has_notes_header(&self) -> bool {
        let slide = self.deck.slide(self.current);
        self.purpose == Purpose::Rehearse
            || self.budgets.get(self.current).copied().flatten().is_some()
            || self.forecast().is_some()
            || self
                .last_times
                .get(self.current)
                .copied()
                .flatten()
                .is_some()
            || slide.is_some_and(|s| !s.sources.is_empty() || !s.corrections.is_empty())
    }

    /// Where the notes pane's parts go at the current size, when it is open and has room.
    pub fn notes_pane(&self) -> Option<NotesPane> {
        let (w, h) = self.viewport;
        let p = panes(Rect::new(0, 0, w, h), self.open_panes());
        Some(notes::pane(
            p.notes?,
            p.timeline,
            self.audience.presenter_view,
            self.has_notes_header(),
        ))
    }

    /// The current slide's notes laid out for the pane, and the rows they have.
    pub fn notes_lines(&self) -> Option<(Vec<crate::layout::Line>, usize)> {
        let pane = self.notes_pane()?;
        let slide = self.deck.slide(self.current)?;
        Some((
            notes::lines(slide, usize::from(pane.text.width)),
            usize::from(pane.text.height),
        ))
    }

    /// How far the details overlay (sources and corrections) can scroll at the current size.
    pub fn details_max_scroll(&self) -> usize {
        let (w, h) = self.viewport;
        let area =
            crate::layout::details::text_area(crate::layout::details::frame(Rect::new(0, 0, w, h)));
        self.deck.slide(self.current).map_or(0, |s| {
            let lines = crate::layout::details::lines(s, usize::from(area.width));
            lines.len().saturating_sub(usize::from(area.height))
        })
    }

    /// How far the notes can scroll at the current size.
    pub fn notes_max_scroll(&self) -> usize {
        self.notes_lines()
            .map_or(0, |(lines, rows)| notes::max_scroll(lines.len(), rows))
    }

    /// The slide on screen as the presenter lays it out at the current size.
    pub fn slide_layout(&self) -> (SlideLayout, Rect) {
        let (w, h) = self.viewport;
        let area = slide_text_area(panes(Rect::new(0, 0, w, h), self.open_panes()).slide);
        let layout = crate::layout::slide::layout(
            &self.deck,
            self.current,
            self.step,
            (area.width, area.height),
            false,
        );
        (layout, area)
    }

    /// How far the slide on screen can scroll at the current size.
    pub fn max_scroll(&self) -> usize {
        let (layout, area) = self.slide_layout();
        layout.max_scroll(usize::from(area.height))
    }

    /// Where the presenter is, as the timeline sidebar shows it.
    pub fn position(&self) -> Position {
        Position {
            current: self.current,
            visited: self.visited.clone(),
            preview: self.date_choice(),
        }
    }

    /// Slides listed in the overview under the current filter, as deck indices.
    pub fn overview_rows(&self) -> Vec<usize> {
        let filter = match &self.mode {
            Mode::Overview { filter, .. } => filter.to_lowercase(),
            _ => String::new(),
        };
        self.deck
            .slides()
            .enumerate()
            .filter(|(i, s)| {
                filter.is_empty()
                    || s.title.as_str().to_lowercase().contains(&filter)
                    || s.date.as_ref().is_some_and(|d| d.written.contains(&filter))
                    || s.shown_date()
                        .is_some_and(|d| d.to_lowercase().contains(&filter))
                    || (i + 1).to_string() == filter
                    || s.id
                        .as_ref()
                        .is_some_and(|id| id.as_str().to_lowercase().contains(&filter))
            })
            .map(|(i, _)| i)
            .collect()
    }
}

impl App {
    /// What the audience should see now: the frozen slide, or the presenter's own.
    pub fn shown(&self) -> Shown {
        if let Some(frozen) = &self.audience.frozen {
            return Shown {
                blank: self.audience.blank,
                ..frozen.clone()
            };
        }
        // At the top the share is nought whatever the slide's length: no layout needed.
        let scroll_permille = if self.scroll == 0 {
            0
        } else {
            let max = self.max_scroll();
            (self.scroll.min(max) * 1000)
                .checked_div(max)
                .map_or(0, |p| u16::try_from(p).unwrap_or(1000))
        };
        Shown {
            slide: self.current,
            step: self.step,
            scroll_permille,
            blank: self.audience.blank,
            frozen: false,
            slides: self.slide_count(),
            fingerprint: self.fingerprint,
            theme: self.theme_choice.clone(),
        }
    }
}

/// The order a date prompt offers its matches: the rule's target first, then the rest.
pub fn date_order(found: &DateMatch) -> Vec<usize> {
    std::iter::once(found.target)
        .chain(found.all().filter(|&i| i != found.target))
        .collect()
}

/// How many choices `↑` `↓` move among: a query's matches when it has one reading, else its
/// readings (one per year).
pub fn date_choices(found: &Found) -> usize {
    match found.readings.as_slice() {
        [(_, only)] => date_order(only).len(),
        several => several.len(),
    }
}

impl App {
    /// Starts the presentation at `index` (from `--slide` or `--date`), fully revealed, without
    /// starting the clock or recording a jump.
    pub fn start_at(&mut self, index: usize) {
        self.current = index.min(self.slide_count() - 1);
        self.step = self
            .deck
            .slide(self.current)
            .map_or(0, |s| s.steps().saturating_sub(1));
        if let Some(v) = self.visited.get_mut(self.current) {
            *v = true;
        }
    }
}
