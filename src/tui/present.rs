//! The presenter: the session set up (start slide, records, the audience socket), the event
//! loop, and the final save.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::Context;
use ratatui::crossterm::event::{MouseButton, MouseEventKind};

use super::events::Tty;
use super::events::{Event, Events, Poster, Stop};
use super::graphics;
use super::session::{Ending, Session, outcome};
use super::terminal::{self, Screen};
use crate::app::keymap::handle_key;
use crate::app::{Action, App, Purpose};
use crate::cli::PresentArgs;
use crate::deck::{Loaded, Seconds, TimeOfDay, picture};
use crate::layout::timeline::Memo;
use crate::link::{Hub, Started};
use crate::timing::recorder::{Kind, Progress, Recorder};
use crate::timing::{budget, record};
use crate::ui::theme::Theme;
use crate::ui::{Pictures, PresenterView, timeline_hit, timeline_rows};

/// Presents a loaded deck until the user quits, or rehearses it. `records` are the deck's
/// earlier rehearsals, for the notes pane's "last time"; `tty` is the terminal
/// [`super::check_terminal`] found. A bad start (`--slide 99`) fails before the screen is
/// touched.
pub fn present(
    loaded: Loaded,
    args: &PresentArgs,
    records: &[record::Record],
    session: &Session,
    tty: Tty,
    theme: Theme,
) -> anyhow::Result<Ending> {
    let mut app = App::new(loaded.deck);
    app.show_notes = args.notes || args.presenter;
    app.show_timeline = !args.no_timeline;
    app.audience.presenter_view = args.presenter;
    let deck_target = app.deck.duration.map(Seconds::duration);
    let (target, record_dir) = match session {
        Session::Rehearsal { dir, target } => {
            app.purpose = Purpose::Rehearse;
            app.show_notes = true;
            (*target, dir.clone())
        }
        Session::Class { log_dir, .. } => (deck_target, log_dir.clone()),
    };
    app.target = target;
    app.class = args.class_end(app.deck.class);
    app.budgets = budget::budgets(&app.deck, target);
    app.last_times = record::last_times(&app.deck, records);
    if !loaded.warnings.is_empty() {
        let n = loaded.warnings.len();
        app.message = Some(format!(
            "the deck has {n} warning{}; `tribune check` lists them",
            if n == 1 { "" } else { "s" }
        ));
    }
    // A rehearsal against a target the fixed durations squeeze says so first.
    if app.purpose == Purpose::Rehearse
        && let Some(tight) = target.and_then(|t| budget::squeeze(&app.deck, t))
    {
        app.message = Some(tight.short());
    }
    let resume_at = match session {
        Session::Class { resume_at, .. } => *resume_at,
        Session::Rehearsal { .. } => None,
    };
    match start_slide(&app, args, resume_at).map_err(anyhow::Error::msg)? {
        Some(index) => app.start_at(index),
        None if args.resume => {
            app.message =
                Some("no earlier class stopped past slide 1: starting at the beginning".into());
        }
        None => {
            if let Some(index) = resume_at {
                app.resume = Some(index);
                app.message = Some(format!(
                    "r resumes at slide {}, where you stopped last time",
                    index + 1
                ));
            }
        }
    }
    let mut recorder = Recorder::new(
        record_dir,
        match session {
            Session::Rehearsal { target, .. } => *target,
            Session::Class { .. } => None,
        },
        match app.purpose {
            Purpose::Present => Kind::Class,
            Purpose::Rehearse => Kind::Rehearsal,
        },
    );
    app.save_problem = recorder.problem();
    let mut events = Events::new(tty).context("listening to the terminal")?;
    let hub = match session {
        Session::Class { socket, .. } => start_hub(&mut app, socket.as_ref(), events.poster()),
        Session::Rehearsal { .. } => None,
    };
    // A deck file is watched for saves; the bundled lecture cannot change.
    let deck_path = args.deck.deck.clone();
    let _watcher = deck_path.as_deref().and_then(|path| {
        super::watch::watch(path, events.poster())
            .map_err(|e| app.message = Some(format!("saves will not reload the deck: {e}")))
            .ok()
    });
    let result = Screen::enter(true).and_then(|mut screen| {
        let ending = event_loop(
            &mut screen,
            &mut app,
            theme,
            &mut events,
            &mut recorder,
            (hub.as_ref(), deck_path.as_deref()),
        );
        screen.leave(events.terminal_alive());
        ending
    });
    let alive = events.terminal_alive();
    drop(events);
    // Audience windows go back to waiting before anything else is written.
    drop(hub);
    save(&mut recorder, &app, true);
    if alive {
        report(&recorder, &app);
    }
    outcome(result, alive)
}

/// Saves the record as the app stands now.
fn save(recorder: &mut Recorder, app: &App, end: bool) {
    let now_unix = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let spent = app.spent_now();
    let pauses = paused(app, now_unix);
    let at = Progress {
        deck: &app.deck,
        current: app.current,
        // The talk clock leaves pauses out; the wall clock does not.
        started: app.elapsed().map(|e| e + app.paused_total()),
        spent: &spent,
        budgets: &app.budgets,
        pauses: &pauses,
        paused: app.is_paused(),
        epoch: app.resets,
    };
    recorder.save(&at, end, now_unix);
}

/// The app's pauses as a record keeps them: each one's start on the wall clock, read back from
/// `now_unix` (the wall clock as the app's clock reads `app.now`).
fn paused(app: &App, now_unix: u64) -> Vec<record::Paused> {
    app.pauses
        .iter()
        .map(|p| record::Paused {
            started: now_unix.saturating_sub(app.now.saturating_sub(p.from).as_secs()),
            millis: u64::try_from(p.to.unwrap_or(app.now).saturating_sub(p.from).as_millis())
                .unwrap_or(u64::MAX),
            slide: p.slide + 1,
        })
        .collect()
}

/// Tells the user, after the screen is restored, what was saved. A class is logged quietly
/// (`tribune log` shows it); only a failure to log it is worth a line.
fn report(recorder: &Recorder, app: &App) {
    if let Some(e) = recorder.error() {
        say(&e);
        return;
    }
    if app.purpose != Purpose::Rehearse {
        return;
    }
    if let Some(path) = recorder.saved() {
        let spent = app.spent_now();
        let slides = spent.iter().filter(|d| !d.is_zero()).count();
        let total: Duration = spent.iter().sum();
        say(&format!(
            "rehearsal saved: {slides} slide{}, {} in all; `tribune report` compares it with the budget ({})",
            if slides == 1 { "" } else { "s" },
            budget::clock(total),
            path.display()
        ));
    } else if recorder.problem().is_none() {
        say("nothing rehearsed (no slide was on screen for a second), nothing saved");
    }
}

/// Opens the socket audience windows follow; a failure is shown, never fatal.
fn start_hub(app: &mut App, socket: Result<&PathBuf, &String>, poster: Poster) -> Option<Hub> {
    let on_change = move || {
        poster.post(Event::AudienceChanged);
    };
    let started = socket
        .map_err(Clone::clone)
        .and_then(|path| Hub::start(path, on_change).map_err(|e| e.to_string()));
    match started {
        Ok(Started::Hub(hub)) => Some(hub),
        Ok(Started::Taken) => {
            app.audience.problem = Some(
                "another tribune is presenting this deck; audience windows follow that one".into(),
            );
            None
        }
        Err(e) => {
            app.audience.problem = Some(format!("no audience windows: {e}"));
            None
        }
    }
}

/// Where `--slide`, `--date` or `--resume` asks to start, checked before the screen changes.
fn start_slide(
    app: &App,
    args: &PresentArgs,
    resume_at: Option<usize>,
) -> Result<Option<usize>, String> {
    let count = app.slide_count();
    if args.resume {
        return Ok(resume_at);
    }
    if let Some(n) = args.slide {
        if n == 0 || n > count {
            return Err(format!("--slide {n}: slides run from 1 to {count}"));
        }
        return Ok(Some(n - 1));
    }
    if let Some(query) = &args.date {
        // Without a year (`--date "23 Oct"`), the year where it lands most closely.
        let found = app
            .dates
            .find(query, &app.deck.span.range)
            .map_err(|e| format!("--date `{query}`: {e}"))?;
        return Ok(found.readings.get(found.best).map(|(_, m)| m.target));
    }
    Ok(None)
}

fn event_loop(
    screen: &mut Screen,
    app: &mut App,
    theme: Theme,
    events: &mut Events,
    recorder: &mut Recorder,
    (hub, deck_path): (Option<&Hub>, Option<&Path>),
) -> anyhow::Result<Ending> {
    let (w, h) = terminal::size()?;
    apply(app, Action::Resize(w, h));
    count_audience(app, hub);
    // Asked before the loop reads any key, so that the answers are not taken for keys.
    let pictures = graphics::pictures_for(&app.deck, events.tty());
    let mut presenter = Presenter {
        screen,
        app,
        theme,
        events,
        recorder,
        hub,
        deck_path,
        timeline: Memo::default(),
        pictures,
        start: Instant::now(),
        sent: None,
        dirty: true,
    };
    let ending = presenter.run();
    // Bring the clock up to the moment we stop, so the slide on screen keeps its time even
    // when a signal ends the loop between two ticks.
    apply(presenter.app, tick(presenter.start.elapsed()));
    ending
}

/// What the presenter's loop works with: the terminal, the state, and the view state that
/// is not the app's (the theme, the timeline's rows, what the audience was last sent).
struct Presenter<'a> {
    screen: &'a mut Screen,
    app: &'a mut App,
    theme: Theme,
    events: &'a mut Events,
    recorder: &'a mut Recorder,
    hub: Option<&'a Hub>,
    deck_path: Option<&'a Path>,
    timeline: Memo,
    /// The deck's pictures, when it has any.
    pictures: Option<Pictures>,
    /// When the loop began: the clock `Tick`s count from it.
    start: Instant,
    /// What the audience windows were last told.
    sent: Option<crate::app::Shown>,
    /// Whether the screen needs drawing.
    dirty: bool,
}

impl Presenter<'_> {
    fn run(&mut self) -> anyhow::Result<Ending> {
        let mut shown_second = None;
        loop {
            let now = self.start.elapsed();
            if shown_second != Some(now.as_secs()) {
                shown_second = Some(now.as_secs());
                let minute = self.app.clock.map(TimeOfDay::hh_mm);
                apply(self.app, tick(now));
                // Before the first move only the wall clock's minute (and a countdown to the
                // end of class) moves on screen.
                self.dirty |= self.app.started_at.is_some()
                    || self.app.deadline.is_some()
                    || self.app.clock.map(TimeOfDay::hh_mm) != minute;
            }
            // The writer says how saving went; the status bar follows.
            let problem = self.recorder.problem();
            if self.app.save_problem != problem {
                apply(self.app, Action::SaveProblem(problem));
                self.dirty = true;
            }
            if self.dirty {
                self.draw()?;
            }
            if self.app.should_quit {
                return Ok(Ending::Quit);
            }
            // Wake for the next second of the clock; everything else wakes us when it happens.
            let next_second = self.start + Duration::from_secs(now.as_secs() + 1);
            let event = self.events.next(Some(next_second))?;
            match self.action_for(&event)? {
                Next::Act(action) => self.act(action)?,
                Next::Stop(ending) => return Ok(ending),
                Next::Nothing => {}
            }
        }
    }

    /// Sends the audience what it should see, then draws the teacher's screen.
    fn draw(&mut self) -> anyhow::Result<()> {
        // The audience first: the class should not wait for the teacher's screen.
        if let Some(hub) = self.hub {
            let shown = self.app.shown();
            if self.sent.as_ref() != Some(&shown) {
                hub.show(&shown);
                self.sent = Some(shown);
            }
        }
        if let Some(pictures) = &mut self.pictures {
            let folder = self.deck_path.map(picture::folder_of);
            graphics::make_ready(pictures, &self.app.slide_layout().0, folder.as_deref());
        }
        let (app, theme, timeline) = (&*self.app, &self.theme, &mut self.timeline);
        let pictures = self.pictures.as_ref();
        self.screen.draw(|frame| {
            let view = PresenterView {
                app,
                theme,
                timeline: timeline_rows(app, timeline),
                pictures,
            };
            frame.render_widget(view, frame.area());
        })?;
        self.dirty = false;
        Ok(())
    }

    /// What an event asks for.
    fn action_for(&mut self, event: &Event) -> anyhow::Result<Next> {
        let app = &*self.app;
        let action = match event {
            Event::Key(key) => handle_key(&app.mode, *key),
            Event::Mouse(m) if m.kind == MouseEventKind::Down(MouseButton::Left) => {
                let rows = timeline_rows(app, &mut self.timeline);
                timeline_hit(app, rows, m.column, m.row).map(Action::GoToSlide)
            }
            // The wheel over the notes scrolls them; elsewhere it does nothing (a slide change
            // by accident in front of a class is worse than a wheel that does nothing).
            Event::Mouse(m)
                if matches!(
                    m.kind,
                    MouseEventKind::ScrollDown | MouseEventKind::ScrollUp
                ) =>
            {
                let over_notes = app
                    .notes_pane()
                    .is_some_and(|p| p.body.contains(m.column, m.row));
                over_notes.then_some(if m.kind == MouseEventKind::ScrollDown {
                    Action::NotesDown
                } else {
                    Action::NotesUp
                })
            }
            Event::Tick | Event::Heard(_) | Event::Mouse(_) => None,
            Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
            Event::AudienceChanged => {
                self.dirty |= count_audience(self.app, self.hub);
                None
            }
            Event::DeckChanged => Some(Action::Reload),
            Event::Continued => {
                self.screen.take_again()?;
                self.dirty = true;
                None
            }
            Event::Stop(Stop::Quit) => return Ok(Next::Stop(Ending::Quit)),
            Event::Stop(Stop::Hangup) => return Ok(Next::Stop(Ending::Hangup)),
        };
        Ok(action.map_or(Next::Nothing, Next::Act))
    }

    /// Carries an action out: the few that need the terminal, the files or the view here, the
    /// rest through `update`, followed by a checkpoint of the record.
    fn act(&mut self, action: Action) -> anyhow::Result<()> {
        self.dirty = true;
        match action {
            Action::Suspend => {
                self.screen.suspend()?;
                self.events.settle_continued();
            }
            Action::Reload => match self.deck_path {
                Some(path) => {
                    let action = reload(path);
                    let reloaded = matches!(action, Action::DeckReloaded(_));
                    apply(self.app, action);
                    if reloaded {
                        graphics::deck_changed(&mut self.pictures, &self.app.deck);
                    }
                }
                None => {
                    self.app.message = Some(
                        "the bundled lecture cannot change: present a copy to edit it".to_owned(),
                    );
                }
            },
            Action::NextTheme => {
                self.theme = next_theme(&self.theme);
                apply(self.app, Action::ThemeChosen(self.theme.name.clone()));
                self.app.message = Some(format!("theme: {} (c for the next)", self.theme.name));
            }
            action => {
                apply(self.app, tick(self.start.elapsed()));
                // A key means what the screen says, and an audience that joined since the last
                // look changes what `b` and `f` do.
                count_audience(self.app, self.hub);
                apply(self.app, action);
                save(self.recorder, self.app, false);
            }
        }
        Ok(())
    }
}

/// What the loop does next.
enum Next {
    /// Carry out an action.
    Act(Action),
    /// Stop.
    Stop(Ending),
    /// Nothing: wait for the next event.
    Nothing,
}

/// Tells the app how many audience windows follow it; true if that changed.
fn count_audience(app: &mut App, hub: Option<&Hub>) -> bool {
    let Some(hub) = hub else { return false };
    let connected = hub.connected();
    if connected == app.audience.connected {
        return false;
    }
    apply(app, Action::AudienceCount(connected));
    true
}

/// Writes a line on stderr without panicking when stderr is gone (`eprintln!` would).
fn say(line: &str) {
    let _ = writeln!(io::stderr(), "tribune: {line}");
}

/// The local time of day (in UTC when the time zone cannot be read).
fn wall_clock() -> TimeOfDay {
    let now = jiff::ZonedDateTime::now();
    let part = |n: i8| u32::try_from(n).unwrap_or(0);
    TimeOfDay::hms(part(now.hour()), part(now.minute()), part(now.second()))
}

fn tick(now: Duration) -> Action {
    Action::Tick {
        now,
        clock: wall_clock(),
    }
}

/// Applies an action and any follow-ups it returns.
fn apply(app: &mut App, action: Action) {
    let mut next = Some(action);
    while let Some(a) = next {
        next = app.update(a);
    }
}

/// The theme after `theme` in the cycle, without colour still if it had none (`NO_COLOR`).
pub fn next_theme(theme: &Theme) -> Theme {
    let next = Theme::named(theme.next_name()).unwrap_or_else(Theme::bundled);
    if theme.colour {
        next
    } else {
        next.without_colour()
    }
}

/// Reads the deck file again: the new version, or why it does not load (the first problem,
/// as `file:line:col: what`).
fn reload(path: &Path) -> Action {
    match crate::deck::load_path(path) {
        Ok(loaded) => Action::DeckReloaded(std::sync::Arc::new(loaded.deck)),
        Err(e) => {
            let first = e
                .diagnostics
                .iter()
                .find(|d| d.severity == crate::deck::Severity::Error)
                .or(e.diagnostics.first());
            Action::ReloadFailed(first.map_or_else(
                || "the deck does not load".to_owned(),
                |d| format!("{}:{}:{}: {}", d.file, d.line, d.column, d.message),
            ))
        }
    }
}
