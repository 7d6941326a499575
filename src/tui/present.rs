//! The presenter: the session set up (start slide, records, the audience socket), the event
//! loop, and the final save.

use std::io::{self, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::Context;
use ratatui::crossterm::event::{MouseButton, MouseEventKind};

use super::events::Tty;
use super::events::{Event, Events, Poster, Stop};
use super::session::{Ending, Session, outcome};
use super::terminal::{self, Screen};
use crate::app::keymap::handle_key;
use crate::app::{Action, App, Purpose};
use crate::cli::PresentArgs;
use crate::deck::{DateQuery, Loaded, Seconds};
use crate::layout::timeline::Memo;
use crate::link::{Hub, Started};
use crate::timing::recorder::{Progress, Recorder};
use crate::timing::{budget, record};
use crate::ui::theme::Theme;
use crate::ui::{PresenterView, timeline_hit, timeline_rows};

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
    app.budgets = budget::budgets(&app.deck, target);
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
            Purpose::Present => "class log",
            Purpose::Rehearse => "rehearsal",
        },
    );
    app.save_problem = recorder.problem();
    let mut events = Events::new(tty).context("listening to the terminal")?;
    let hub = match session {
        Session::Class { socket, .. } => start_hub(&mut app, socket.as_ref(), events.poster()),
        Session::Rehearsal { .. } => None,
    };
    let result = Screen::enter(true).and_then(|mut screen| {
        let ending = event_loop(
            &mut screen,
            &mut app,
            theme,
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
    let at = Progress {
        deck: &app.deck,
        current: app.current,
        started: app.started_at.is_some(),
        spent: &spent,
        budgets: &app.budgets,
    };
    recorder.save(&at, end, now_unix);
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
            "rehearsal saved: {slides} slides, {} in all; `tribune report` compares it with the budget ({})",
            budget::clock(total),
            path.display()
        ));
    } else if app.started_at.is_none() {
        say("nothing rehearsed (the clock starts at the first advance), nothing saved");
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
        let q = DateQuery::parse(query).map_err(|e| format!("--date `{query}`: {e}"))?;
        let found = app
            .dates
            .lookup(&q.range)
            .ok_or_else(|| format!("--date `{query}`: no slide is dated in or around it"))?;
        return Ok(Some(found.target));
    }
    Ok(None)
}

fn event_loop(
    screen: &mut Screen,
    app: &mut App,
    mut theme: Theme,
    events: &mut Events,
    recorder: &mut Recorder,
    hub: Option<&Hub>,
) -> anyhow::Result<Ending> {
    let start = Instant::now();
    let mut timeline = Memo::default();
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
            let clock = app.clock.clone();
            apply(app, tick(now));
            // Before the first move only the wall clock's minute moves on screen.
            dirty |= app.started_at.is_some() || app.clock != clock;
        }
        // The writer says how saving went; the status bar follows.
        let problem = recorder.problem();
        if app.save_problem != problem {
            apply(app, Action::SaveProblem(problem));
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
            screen.draw(|frame| {
                let view = PresenterView {
                    app,
                    theme: &theme,
                    timeline: timeline_rows(app, &mut timeline),
                };
                frame.render_widget(view, frame.area());
            })?;
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
                let rows = timeline_rows(app, &mut timeline);
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
        if action == Action::NextTheme {
            theme = next_theme(&theme);
            apply(app, Action::ThemeChosen(theme.name.clone()));
            app.message = Some(format!("theme: {} (c for the next)", theme.name));
            dirty = true;
            continue;
        }
        apply(app, tick(start.elapsed()));
        // A key means what the screen says, and an audience that joined since the last look
        // changes what `b` and `f` do.
        count_audience(app, hub);
        apply(app, action);
        dirty = true;
        save(recorder, app, false);
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

/// Writes a line on stderr without panicking when stderr is gone (`eprintln!` would).
fn say(line: &str) {
    let _ = writeln!(io::stderr(), "tribune: {line}");
}

/// Local wall-clock time as `HH:MM`, or nothing when the time zone cannot be read.
fn wall_clock() -> String {
    jiff::ZonedDateTime::now().strftime("%H:%M").to_string()
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
