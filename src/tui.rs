//! The terminal edge: raw mode and the alternate screen, signals, the event loop, the clock.
//! Whatever happens (q, Ctrl-C, a panic, SIGTERM, SIGHUP) the terminal is restored: raw mode off,
//! alternate screen left, cursor shown, mouse capture off.

use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

use crate::app::keymap::handle_key;
use crate::app::{Action, App};
use crate::cli::PresentArgs;
use crate::deck::timeline::DateIndex;
use crate::deck::{DateQuery, Loaded};
use crate::ui::theme::Theme;
use crate::ui::timeline_hit;

/// Presents a loaded deck until the user quits; returns the exit code.
pub fn present(loaded: Loaded, args: &PresentArgs) -> ExitCode {
    let mut app = App::new(loaded.deck, Theme::bundled());
    app.show_notes = args.notes;
    app.show_timeline = !args.no_timeline;
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
    match run(app) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tribune: {e:#}");
            ExitCode::FAILURE
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
        let found = DateIndex::new(&app.deck)
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

fn run(mut app: App) -> anyhow::Result<()> {
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
        .and_then(|()| event_loop(&mut terminal, &mut app, &quit_signal));
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    let _ = io::stdout().flush();
    result
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    quit: &AtomicBool,
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
