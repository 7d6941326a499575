//! The terminal edge: raw mode and the alternate screen, signals, the event loop, the clock.
//! Whatever happens (q, Ctrl-C, a panic, SIGTERM, SIGHUP) the terminal is restored: raw mode off,
//! alternate screen left, cursor shown, mouse capture off.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::Context;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

use crate::app::keymap::handle_key;
use crate::app::{Action, App, Purpose};
use crate::cli::PresentArgs;
use crate::deck::{DateQuery, Loaded, Seconds};
use crate::record::{self, Record};
use crate::rehearsal;
use crate::ui::theme::Theme;
use crate::ui::timeline_hit;

/// A rehearsal's settings.
#[derive(Clone, Debug)]
pub struct Rehearsal {
    /// Where its record goes (none: it cannot be saved, and the user is told).
    pub dir: Option<PathBuf>,
    /// The talk's target length, shared among the slides as budgets.
    pub target: Option<Duration>,
}

/// Presents a loaded deck until the user quits, or rehearses it; returns the exit code.
/// `records` are the deck's earlier rehearsals, for the notes pane's "last time".
pub fn present(
    loaded: Loaded,
    args: &PresentArgs,
    records: &[Record],
    rehearsal: Option<Rehearsal>,
) -> ExitCode {
    let mut app = App::new(loaded.deck, Theme::bundled());
    app.show_notes = args.notes || rehearsal.is_some();
    app.show_timeline = !args.no_timeline;
    let deck_target = app.deck.duration.map(Seconds::duration);
    let target = rehearsal.as_ref().map_or(deck_target, |r| r.target);
    app.budgets = rehearsal::budgets(&app.deck, target);
    app.last_times = record::last_times(&app.deck, records);
    if rehearsal.is_some() {
        app.purpose = Purpose::Rehearse;
    }
    match start_slide(&app, args) {
        Ok(Some(index)) => app.start_at(index),
        Ok(None) => {}
        Err(message) => {
            eprintln!("tribune: {message}");
            return ExitCode::FAILURE;
        }
    }
    if !loaded.warnings.is_empty() {
        let n = loaded.warnings.len();
        app.message = Some(format!(
            "the deck has {n} warning{}; `tribune check` lists them",
            if n == 1 { "" } else { "s" }
        ));
    }
    let mut recorder = rehearsal.map(|r| Recorder {
        dir: r.dir,
        target: r.target,
        started: None,
        saved_at_slide: None,
        saved: None,
        error: None,
    });
    if recorder.as_ref().is_some_and(|r| r.dir.is_none()) {
        app.message =
            Some("no state directory (HOME or XDG_STATE_HOME): times will not be saved".into());
    }
    let result = run(&mut app, recorder.as_mut());
    if let Some(r) = recorder.as_mut() {
        r.save(&app, true);
        r.report(&app);
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tribune: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Saves a rehearsal's record: a checkpoint at every slide change, so a crash loses at most
/// the slide in progress, and the final record at the end.
struct Recorder {
    dir: Option<PathBuf>,
    target: Option<Duration>,
    /// When the rehearsal started (Unix seconds): at the first advance.
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
        if end {
            rec.ended = Some(now_unix);
        }
        match record::save(dir, &rec) {
            Ok(path) => {
                self.saved = Some(path);
                self.error = None;
            }
            Err(e) => {
                self.error = Some(format!(
                    "cannot save the rehearsal in {}: {e}",
                    dir.display()
                ));
            }
        }
    }

    /// Tells the user, after the screen is restored, what was saved.
    fn report(&self, app: &App) {
        if let Some(e) = &self.error {
            eprintln!("tribune: {e}");
        } else if let Some(path) = &self.saved {
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

/// Where `--slide` or `--date` asks to start, checked before the screen changes.
fn start_slide(app: &App, args: &PresentArgs) -> Result<Option<usize>, String> {
    let count = app.slide_count();
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

fn run(app: &mut App, recorder: Option<&mut Recorder>) -> anyhow::Result<()> {
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
    let result = execute!(io::stdout(), EnableMouseCapture)
        .context("enabling the mouse")
        .and_then(|()| event_loop(&mut terminal, app, &quit_signal, recorder));
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    let _ = io::stdout().flush();
    result
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    quit: &AtomicBool,
    mut recorder: Option<&mut Recorder>,
) -> anyhow::Result<()> {
    let start = Instant::now();
    let size = terminal.size().context("reading the terminal size")?;
    apply(app, Action::Resize(size.width, size.height));
    let mut shown_second = None;
    let mut dirty = true;
    while !app.should_quit && !quit.load(Ordering::Relaxed) {
        let now = start.elapsed();
        if shown_second != Some(now.as_secs()) {
            shown_second = Some(now.as_secs());
            apply(app, tick(now));
            dirty = true;
        }
        if dirty {
            terminal
                .draw(|frame| frame.render_widget(&*app, frame.area()))
                .context("drawing")?;
            dirty = false;
        }
        // Wake for the next second of the clock, and at least every 250 ms for signals.
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
            apply(app, action);
            dirty = true;
            if let Some(r) = recorder.as_deref_mut() {
                r.save(app, false);
            }
        }
    }
    // Bring the clock up to the moment we stop, so the slide on screen keeps its time even
    // when a signal ends the loop between two ticks.
    apply(app, tick(start.elapsed()));
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
