//! The terminal edge: raw mode and the alternate screen, signals, the event loop, the clock.
//! Whatever happens (q, Ctrl-C, a panic, SIGTERM, SIGHUP) the terminal is restored: raw mode off,
//! alternate screen left, cursor shown, mouse capture off.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::Context;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEvent, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

use crate::app::follower::{Cue, Follower};
use crate::app::keymap::{audience_key, handle_key};
use crate::app::{Action, App, Purpose};
use crate::cli::PresentArgs;
use crate::deck::{DateQuery, Loaded, Seconds};
use crate::link::{self, Heard, Hub, Started};
use crate::record::{self, Record};
use crate::rehearsal;
use crate::ui::theme::Theme;
use crate::ui::timeline_hit;

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

/// Presents a loaded deck until the user quits, or rehearses it; returns the exit code.
/// `records` are the deck's earlier rehearsals, for the notes pane's "last time".
pub fn present(
    loaded: Loaded,
    args: &PresentArgs,
    records: &[Record],
    session: &Session,
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
            eprintln!("tribune: {message}");
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
    };
    if recorder.dir.is_none() {
        app.message =
            Some("no state directory (HOME or XDG_STATE_HOME): times will not be saved".into());
    }
    let hub = match session {
        Session::Class { socket, .. } => start_hub(&mut app, socket.as_ref()),
        Session::Rehearsal { .. } => None,
    };
    let result = run(&mut app, &mut recorder, hub.as_ref());
    // Audience windows go back to waiting before anything else is written.
    drop(hub);
    recorder.save(&app, true);
    recorder.report(&app);
    exit_code(result)
}

/// 0 after a clean run; otherwise the error, once the terminal is restored, and 1.
fn exit_code(result: anyhow::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tribune: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Opens the socket audience windows follow; a failure is shown, never fatal.
fn start_hub(app: &mut App, socket: Result<&PathBuf, &String>) -> Option<Hub> {
    let started = socket
        .map_err(Clone::clone)
        .and_then(|path| Hub::start(path).map_err(|e| e.to_string()));
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
    /// The last error writing it.
    error: Option<String>,
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
            }
            Err(e) => {
                self.error = Some(format!("cannot save the record in {}: {e}", dir.display()));
            }
        }
    }

    /// Tells the user, after the screen is restored, what was saved. A class is logged
    /// quietly (`tribune log` shows it); only a failure to log it is worth a line.
    fn report(&self, app: &App) {
        if let Some(e) = &self.error {
            eprintln!("tribune: {e}");
            return;
        }
        if app.purpose != Purpose::Rehearse {
            return;
        }
        if let Some(path) = &self.saved {
            let spent = app.spent_now();
            let slides = spent.iter().filter(|d| !d.is_zero()).count();
            let total: Duration = spent.iter().sum();
            eprintln!(
                "tribune: rehearsal saved: {slides} slides, {} in all; `tribune report` compares it with the budget ({})",
                rehearsal::clock(total),
                path.display()
            );
        } else if app.started_at.is_none() {
            eprintln!(
                "tribune: nothing rehearsed (the clock starts at the first advance), nothing saved"
            );
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

/// Takes over the terminal, runs `body`, and gives the terminal back whatever happens. `body`
/// gets the flag SIGTERM, SIGHUP and SIGINT raise.
fn with_terminal<T>(
    mouse: bool,
    body: impl FnOnce(&mut DefaultTerminal, &AtomicBool) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let quit_signal = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        // A second signal while we are shutting down exits at once.
        signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(&quit_signal))
            .context("installing signal handlers")?;
        signal_hook::flag::register(signal, Arc::clone(&quit_signal))
            .context("installing signal handlers")?;
    }
    // ratatui's panic hook restores the screen and then calls this one, which turns the mouse
    // off as well.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        previous(info);
    }));
    let mut terminal = ratatui::init();
    let result = if mouse {
        execute!(io::stdout(), EnableMouseCapture).context("enabling the mouse")
    } else {
        Ok(())
    }
    .and_then(|()| body(&mut terminal, &quit_signal));
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    let _ = io::stdout().flush();
    result
}

fn run(app: &mut App, recorder: &mut Recorder, hub: Option<&Hub>) -> anyhow::Result<()> {
    with_terminal(true, |terminal, quit| {
        event_loop(terminal, app, quit, recorder, hub)
    })
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    quit: &AtomicBool,
    recorder: &mut Recorder,
    hub: Option<&Hub>,
) -> anyhow::Result<()> {
    let start = Instant::now();
    let size = terminal.size().context("reading the terminal size")?;
    apply(app, Action::Resize(size.width, size.height));
    let mut shown_second = None;
    let mut dirty = true;
    let mut sent = None;
    while !app.should_quit && !quit.load(Ordering::Relaxed) {
        let now = start.elapsed();
        if shown_second != Some(now.as_secs()) {
            shown_second = Some(now.as_secs());
            apply(app, tick(now));
            dirty = true;
        }
        dirty |= count_audience(app, hub);
        if dirty {
            // The audience first: the class should not wait for the teacher's screen.
            if let Some(hub) = hub {
                let shown = app.shown();
                if sent.as_ref() != Some(&shown) {
                    hub.show(&shown);
                    sent = Some(shown);
                }
            }
            terminal
                .draw(|frame| frame.render_widget(&*app, frame.area()))
                .context("drawing")?;
            dirty = false;
        }
        // Wake for the next second of the clock, and at least every 250 ms for signals and
        // audience windows coming and going.
        let to_next_second = Duration::from_millis(1000 - u64::from(now.subsec_millis()));
        if !event::poll(to_next_second.min(Duration::from_millis(250))).context("reading input")? {
            continue;
        }
        let action = match event::read().context("reading input")? {
            Event::Key(key) => handle_key(&app.mode, key),
            Event::Mouse(m) if m.kind == MouseEventKind::Down(MouseButton::Left) => {
                timeline_hit(app, m.column, m.row).map(Action::GoToSlide)
            }
            Event::Resize(w, h) => Some(Action::Resize(w, h)),
            _ => None,
        };
        if let Some(action) = action {
            apply(app, tick(start.elapsed()));
            // A key means what the screen says, and an audience that joined since the last
            // look changes what `b` and `f` do.
            count_audience(app, hub);
            apply(app, action);
            dirty = true;
            recorder.save(app, false);
        }
    }
    // Bring the clock up to the moment we stop, so the slide on screen keeps its time even
    // when a signal ends the loop between two ticks.
    apply(app, tick(start.elapsed()));
    Ok(())
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
    reload: impl Fn() -> Option<crate::deck::Deck>,
) -> ExitCode {
    let mut follower = Follower::new(app);
    let result = with_terminal(false, |terminal, quit| {
        audience_loop(terminal, &mut follower, socket, quit, &reload)
    });
    exit_code(result)
}

/// What wakes the audience window.
enum Wake {
    Link(Heard),
    Key(KeyEvent),
    Resize(u16, u16),
    InputFailed(String),
}

fn audience_loop(
    terminal: &mut DefaultTerminal,
    follower: &mut Follower,
    socket: &Path,
    quit: &AtomicBool,
    reload: &dyn Fn() -> Option<crate::deck::Deck>,
) -> anyhow::Result<()> {
    let size = terminal.size().context("reading the terminal size")?;
    follower.update(Cue::Resize(size.width, size.height));
    // Both the link and the keyboard feed one channel, so what the presenter sends is drawn
    // the moment it arrives.
    let (tx, rx) = mpsc::channel();
    let link_tx = tx.clone();
    link::follow(socket.to_owned(), move |heard| {
        link_tx.send(Wake::Link(heard)).is_ok()
    })
    .context("starting the link")?;
    std::thread::Builder::new()
        .name("input".into())
        .spawn(move || {
            loop {
                let wake = match event::read() {
                    Ok(Event::Key(key)) => Wake::Key(key),
                    Ok(Event::Resize(w, h)) => Wake::Resize(w, h),
                    Ok(_) => continue,
                    Err(e) => Wake::InputFailed(e.to_string()),
                };
                let failed = matches!(wake, Wake::InputFailed(_));
                if tx.send(wake).is_err() || failed {
                    return;
                }
            }
        })
        .context("reading input")?;
    let mut dirty = true;
    while !follower.should_quit && !quit.load(Ordering::Relaxed) {
        if dirty {
            terminal
                .draw(|frame| frame.render_widget(&*follower, frame.area()))
                .context("drawing")?;
            dirty = false;
        }
        // Wake at least every 250 ms to notice signals.
        let wake = match rx.recv_timeout(Duration::from_millis(250)) {
            Ok(w) => w,
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        let cue = match wake {
            Wake::Link(Heard::Show(shown)) => {
                if shown.fingerprint != follower.app.deck.fingerprint()
                    && let Some(deck) = reload()
                {
                    // The teacher edited the deck and restarted the presenter: follow the edit.
                    follower.replace_deck(deck);
                }
                Some(Cue::Show(shown))
            }
            Wake::Link(Heard::Lost) => Some(Cue::Lost),
            Wake::Key(key) => audience_key(key),
            Wake::Resize(w, h) => Some(Cue::Resize(w, h)),
            Wake::InputFailed(e) => anyhow::bail!("reading input: {e}"),
        };
        if let Some(cue) = cue {
            follower.update(cue);
            dirty = true;
        }
    }
    Ok(())
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
