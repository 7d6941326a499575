//! The terminal edge: the two loops (presenter and audience window), the session around them
//! and the records they keep. Whatever happens (q, Ctrl-C, a panic, SIGTERM, SIGHUP, a closed
//! window) the terminal is restored if it still exists, and the class or rehearsal record gets
//! its final save.

mod events;
mod terminal;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use ratatui::crossterm::event::{MouseButton, MouseEventKind};

use crate::app::follower::{Cue, Follower};
use crate::app::keymap::{audience_key, handle_key};
use crate::app::{Action, App, Purpose};
use crate::cli::PresentArgs;
use crate::deck::{DateQuery, Loaded, Seconds};
use crate::link::{self, Hub, Started};
use crate::record::{self, Record};
use crate::rehearsal;
use crate::ui::theme::Theme;
use crate::ui::timeline_hit;

pub use events::{HANGUP_STATUS, Tty};
pub use terminal::{NoTerminal, check as check_terminal};

use events::{Event, Events, Poster, Stop};
use terminal::Screen;

/// Why the presenter runs, and what it keeps.
#[derive(Clone, Debug)]
pub enum Session {
    /// In front of a class: the class is logged, audience windows may follow.
    Class {
        /// Where the class log goes (none: it cannot be saved).
        log_dir: Option<PathBuf>,
        /// Where the last class stopped, if anywhere worth resuming.
        resume_at: Option<usize>,
        /// The socket audience windows find this presenter on, or why there is none.
        socket: Result<PathBuf, String>,
    },
    /// Alone, against the clock.
    Rehearsal {
        /// Where its record goes (none: it cannot be saved, and the user is told).
        dir: Option<PathBuf>,
        /// The talk's target length, shared among the slides as budgets.
        target: Option<Duration>,
    },
}

/// How a loop ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ending {
    /// q, Ctrl-C, SIGTERM, SIGINT.
    Quit,
    /// The terminal went away, or SIGHUP.
    Hangup,
}

/// Writes a line on stderr without panicking when stderr is gone (`eprintln!` would).
fn say(line: &str) {
    let _ = writeln!(io::stderr(), "tribune: {line}");
}

/// Presents a loaded deck until the user quits, or rehearses it; returns the exit code.
/// `records` are the deck's earlier rehearsals, for the notes pane's "last time"; `tty` is the
/// terminal [`check_terminal`] found.
pub fn present(
    loaded: Loaded,
    args: &PresentArgs,
    records: &[Record],
    session: &Session,
    tty: Tty,
) -> ExitCode {
    let mut app = App::new(loaded.deck, Theme::bundled());
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
    app.budgets = rehearsal::budgets(&app.deck, target);
    app.last_times = record::last_times(&app.deck, records);
    if !loaded.warnings.is_empty() {
        let n = loaded.warnings.len();
        app.message = Some(format!(
            "the deck has {n} warning{}; `tribune check` lists them",
            if n == 1 { "" } else { "s" }
        ));
    }
    let resume_at = match session {
        Session::Class { resume_at, .. } => *resume_at,
        Session::Rehearsal { .. } => None,
    };
    match start_slide(&app, args, resume_at) {
        Ok(Some(index)) => app.start_at(index),
        Ok(None) if args.resume => {
            app.message =
                Some("no earlier class stopped past slide 1: starting at the beginning".into());
        }
        Ok(None) => {
            if let Some(index) = resume_at {
                app.resume = Some(index);
                app.message = Some(format!(
                    "r resumes at slide {}, where you stopped last time",
                    index + 1
                ));
            }
        }
        Err(message) => {
            say(&message);
            return ExitCode::FAILURE;
        }
    }
    let mut recorder = Recorder {
        dir: record_dir,
        target: match session {
            Session::Rehearsal { target, .. } => *target,
            Session::Class { .. } => None,
        },
        started: None,
        saved_at_slide: None,
        saved: None,
        error: None,
        problem: None,
    };
    if recorder.dir.is_none() {
        app.save_problem = Some(format!(
            "{} not saved: no state directory (set HOME or XDG_STATE_HOME)",
            record_name(app.purpose)
        ));
    }
    let mut events = match Events::new(tty) {
        Ok(events) => events,
        Err(e) => {
            say(&format!("cannot listen to the terminal: {e}"));
            return ExitCode::FAILURE;
        }
    };
    let hub = match session {
        Session::Class { socket, .. } => start_hub(&mut app, socket.as_ref(), events.poster()),
        Session::Rehearsal { .. } => None,
    };
    let result = Screen::enter(true).and_then(|mut screen| {
        let ending = event_loop(
            &mut screen,
            &mut app,
            &mut events,
            &mut recorder,
            hub.as_ref(),
        );
        screen.leave(events.terminal_alive());
        ending
    });
    let alive = events.terminal_alive();
    drop(events);
    // Audience windows go back to waiting before anything else is written.
    drop(hub);
    recorder.save(&app, true);
    if alive {
        recorder.report(&app);
    }
    exit_code(result, alive)
}

/// 0 after a clean run, [`HANGUP_STATUS`] after a hang-up; otherwise the error, once the
/// terminal is restored (if it still exists), and 1.
fn exit_code(result: anyhow::Result<Ending>, terminal_alive: bool) -> ExitCode {
    match result {
        Ok(Ending::Quit) => ExitCode::SUCCESS,
        Ok(Ending::Hangup) => ExitCode::from(HANGUP_STATUS),
        Err(_) if !terminal_alive => ExitCode::from(HANGUP_STATUS),
        Err(e) => {
            say(&format!("{e:#}"));
            ExitCode::FAILURE
        }
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

/// Saves a rehearsal's record or a class's log: a checkpoint at every slide change, so a crash
/// loses at most the slide in progress, and the final record at the end.
struct Recorder {
    dir: Option<PathBuf>,
    target: Option<Duration>,
    /// When the run started (Unix seconds): at the first advance.
    started: Option<u64>,
    /// The slide on screen at the last checkpoint.
    saved_at_slide: Option<usize>,
    /// Where the record was written.
    saved: Option<PathBuf>,
    /// The last error writing it, with the folder, for the line printed at the end.
    error: Option<String>,
    /// The same in a few words, for the status bar.
    problem: Option<String>,
}

/// What a record is called on screen.
fn record_name(purpose: Purpose) -> &'static str {
    match purpose {
        Purpose::Present => "class log",
        Purpose::Rehearse => "rehearsal",
    }
}

impl Recorder {
    /// Checkpoints when the slide changed since the last save (or always, at the end).
    fn save(&mut self, app: &App, end: bool) {
        if app.started_at.is_none() {
            return;
        }
        let now_unix = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let started = *self.started.get_or_insert(now_unix);
        if !end && self.saved_at_slide == Some(app.current) {
            return;
        }
        self.saved_at_slide = Some(app.current);
        let Some(dir) = &self.dir else { return };
        let mut rec = Record::new(
            &app.deck,
            started,
            self.target,
            &app.budgets,
            &app.spent_now(),
        );
        rec.stopped_at = Some(record::stop_at(&app.deck, app.current));
        if end {
            rec.ended = Some(now_unix);
        }
        match record::save(dir, &rec) {
            Ok(path) => {
                self.saved = Some(path);
                self.error = None;
                self.problem = None;
            }
            Err(e) => {
                self.error = Some(format!("cannot save the record in {}: {e}", dir.display()));
                self.problem = Some(format!(
                    "{} not saved: {}",
                    record_name(app.purpose),
                    record::failure(&e)
                ));
            }
        }
    }

    /// Tells the user, after the screen is restored, what was saved. A class is logged
    /// quietly (`tribune log` shows it); only a failure to log it is worth a line.
    fn report(&self, app: &App) {
        if let Some(e) = &self.error {
            say(e);
            return;
        }
        if app.purpose != Purpose::Rehearse {
            return;
        }
        if let Some(path) = &self.saved {
            let spent = app.spent_now();
            let slides = spent.iter().filter(|d| !d.is_zero()).count();
            let total: Duration = spent.iter().sum();
            say(&format!(
                "rehearsal saved: {slides} slides, {} in all; `tribune report` compares it with the budget ({})",
                rehearsal::clock(total),
                path.display()
            ));
        } else if app.started_at.is_none() {
            say("nothing rehearsed (the clock starts at the first advance), nothing saved");
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
        let q = DateQuery::parse(query).map_err(|e| format!("--date `{query}`: {e}"))?;
        let found = app
            .dates
            .lookup(&q.range)
            .ok_or_else(|| format!("--date `{query}`: no slide is dated in or around it"))?;
        return Ok(Some(found.target));
    }
    Ok(None)
}

/// Local wall-clock time as `HH:MM`, or nothing when the time zone cannot be read.
fn wall_clock() -> String {
    jiff::ZonedDateTime::now().strftime("%H:%M").to_string()
}

fn event_loop(
    screen: &mut Screen,
    app: &mut App,
    events: &mut Events,
    recorder: &mut Recorder,
    hub: Option<&Hub>,
) -> anyhow::Result<Ending> {
    let start = Instant::now();
    let (w, h) = terminal::size()?;
    apply(app, Action::Resize(w, h));
    count_audience(app, hub);
    let mut shown_second = None;
    let mut dirty = true;
    let mut sent = None;
    let ending = loop {
        let now = start.elapsed();
        if shown_second != Some(now.as_secs()) {
            shown_second = Some(now.as_secs());
            apply(app, tick(now));
            dirty = true;
        }
        if dirty {
            // The audience first: the class should not wait for the teacher's screen.
            if let Some(hub) = hub {
                let shown = app.shown();
                if sent.as_ref() != Some(&shown) {
                    hub.show(&shown);
                    sent = Some(shown);
                }
            }
            screen.draw(|frame| frame.render_widget(&*app, frame.area()))?;
            dirty = false;
        }
        if app.should_quit {
            break Ending::Quit;
        }
        // Wake for the next second of the clock; everything else wakes us when it happens.
        let next_second = start + Duration::from_secs(now.as_secs() + 1);
        let action = match events.next(Some(next_second))? {
            Event::Key(key) => handle_key(&app.mode, key),
            Event::Mouse(m) if m.kind == MouseEventKind::Down(MouseButton::Left) => {
                timeline_hit(app, m.column, m.row).map(Action::GoToSlide)
            }
            Event::Tick | Event::Heard(_) | Event::Mouse(_) => None,
            Event::Resize(w, h) => Some(Action::Resize(w, h)),
            Event::AudienceChanged => {
                dirty |= count_audience(app, hub);
                None
            }
            Event::Continued => {
                screen.take_again()?;
                dirty = true;
                None
            }
            Event::Stop(Stop::Quit) => break Ending::Quit,
            Event::Stop(Stop::Hangup) => break Ending::Hangup,
        };
        let Some(action) = action else { continue };
        if action == Action::Suspend {
            screen.suspend()?;
            events.settle_continued();
            dirty = true;
            continue;
        }
        apply(app, tick(start.elapsed()));
        // A key means what the screen says, and an audience that joined since the last look
        // changes what `b` and `f` do.
        count_audience(app, hub);
        apply(app, action);
        dirty = true;
        recorder.save(app, false);
        if recorder.dir.is_some() && app.save_problem != recorder.problem {
            apply(app, Action::SaveProblem(recorder.problem.clone()));
        }
    };
    // Bring the clock up to the moment we stop, so the slide on screen keeps its time even
    // when a signal ends the loop between two ticks.
    apply(app, tick(start.elapsed()));
    Ok(ending)
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

/// Runs an audience window for `app`'s deck, following the presenter on `socket`; `reload`
/// reads the deck again when the presenter turns out to have another version of it.
pub fn audience(
    app: App,
    socket: &Path,
    tty: Tty,
    reload: impl Fn() -> Option<crate::deck::Deck>,
) -> ExitCode {
    let mut follower = Follower::new(app);
    let mut events = match Events::new(tty) {
        Ok(events) => events,
        Err(e) => {
            say(&format!("cannot listen to the terminal: {e}"));
            return ExitCode::FAILURE;
        }
    };
    let poster = events.poster();
    // The link thread hands what the presenter says to the loop, so it is drawn the moment it
    // arrives.
    let result = link::follow(socket.to_owned(), move |heard| {
        poster.post(Event::Heard(heard))
    })
    .map_err(|e| anyhow::anyhow!("starting the link: {e}"))
    .and_then(|()| Screen::enter(false))
    .and_then(|mut screen| {
        let ending = audience_loop(&mut screen, &mut follower, &mut events, &reload);
        screen.leave(events.terminal_alive());
        ending
    });
    let alive = events.terminal_alive();
    exit_code(result, alive)
}

fn audience_loop(
    screen: &mut Screen,
    follower: &mut Follower,
    events: &mut Events,
    reload: &dyn Fn() -> Option<crate::deck::Deck>,
) -> anyhow::Result<Ending> {
    let (w, h) = terminal::size()?;
    follower.update(Cue::Resize(w, h));
    let mut dirty = true;
    loop {
        if dirty {
            screen.draw(|frame| frame.render_widget(&*follower, frame.area()))?;
            dirty = false;
        }
        if follower.should_quit {
            return Ok(Ending::Quit);
        }
        // Nothing on this screen moves by itself: sleep until something happens.
        let cue = match events.next(None)? {
            Event::Heard(link::Heard::Show(shown)) => {
                if shown.fingerprint != follower.app.deck.fingerprint()
                    && let Some(deck) = reload()
                {
                    // The teacher edited the deck and restarted the presenter: follow the edit.
                    follower.replace_deck(deck);
                }
                Some(Cue::Show(shown))
            }
            Event::Heard(link::Heard::Lost) => Some(Cue::Lost),
            Event::Key(key) => audience_key(key),
            Event::Resize(w, h) => Some(Cue::Resize(w, h)),
            Event::Continued => {
                screen.take_again()?;
                dirty = true;
                None
            }
            Event::Tick | Event::Mouse(_) | Event::AudienceChanged => None,
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
