//! The terminal as a screen: raw mode, the alternate screen, mouse capture, and putting all of
//! it back: on quitting, on a panic, and around a suspend (Ctrl-Z). After a hang-up nothing is
//! written: there is nobody left to read it.

use std::io::{self, Write};
use std::sync::Once;

use anyhow::Context;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::layout::{Position, Rect};
use ratatui::{Frame, Terminal};

use super::output::FrameBackend;

/// Why there is no terminal to present on.
#[derive(Debug, thiserror::Error)]
#[error(
    "presenting needs a terminal, and {0}; `tribune check`, `outline`, `log` and `report` work \
     without one"
)]
pub struct NoTerminal(&'static str);

/// Fails unless standard output is a terminal and there is one to read keys from: a script, a
/// cron job or a pipe gets one line saying so instead of a panic.
pub fn check() -> Result<super::events::Tty, NoTerminal> {
    if !rustix::termios::isatty(rustix::stdio::stdout()) {
        return Err(NoTerminal("standard output is not one"));
    }
    super::events::Tty::open().ok_or(NoTerminal("there is none to read keys from"))
}

/// The terminal's size in cells.
pub fn size() -> anyhow::Result<(u16, u16)> {
    ratatui::crossterm::terminal::size().context("reading the terminal size")
}

/// Clicks and the wheel, reported in the SGR form: not every movement of the pointer (which
/// crossterm's mouse capture asks for, and which would wake tribune for nothing each time
/// the pointer crosses the projector's window).
const MOUSE_ON: &[u8] = b"\x1b[?1000h\x1b[?1006h";
/// Every mouse mode off, including those another program may have left on.
const MOUSE_OFF: &[u8] = b"\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l";

/// The terminal while tribune owns it; dropping it gives the terminal back.
pub struct Screen {
    /// `None` once left.
    terminal: Option<Terminal<FrameBackend>>,
    mouse: bool,
}

impl Screen {
    /// Takes the terminal over: raw mode, the alternate screen, the mouse if asked. A panic
    /// later gives it back before the message is printed.
    pub fn enter(mouse: bool) -> anyhow::Result<Screen> {
        static HOOK: Once = Once::new();
        HOOK.call_once(|| {
            // Put the terminal back before the panic message is printed, so it can be read.
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                Self::release();
                previous(info);
            }));
        });
        enable_raw_mode().context("setting up the terminal")?;
        execute!(io::stdout(), EnterAlternateScreen).context("setting up the terminal")?;
        let screen = Screen {
            terminal: None,
            mouse,
        };
        let terminal = Terminal::new(FrameBackend::new()).context("setting up the terminal")?;
        let mut screen = screen;
        screen.terminal = Some(terminal);
        if mouse {
            Self::mouse_on().context("enabling the mouse")?;
        }
        Ok(screen)
    }

    /// Draws a frame.
    pub fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> anyhow::Result<()> {
        if let Some(terminal) = &mut self.terminal {
            terminal.draw(render).context("drawing")?;
            terminal
                .backend_mut()
                .commit(&mut io::stdout().lock())
                .context("drawing")?;
        }
        Ok(())
    }

    /// Ctrl-Z: gives the terminal back to the shell and stops the process; when the shell
    /// continues it (`fg`), takes the terminal again and redraws everything. Without a shell
    /// to return to (tribune started directly by tmux or a terminal), the kernel ignores the
    /// stop and this only redraws.
    pub fn suspend(&mut self) -> anyhow::Result<()> {
        Self::release();
        // The default action of SIGTSTP (tribune never handles it) stops the process, unless
        // no job-control shell could ever continue it.
        signal_hook::low_level::raise(signal_hook::consts::SIGTSTP).context("suspending")?;
        self.take_again()
    }

    /// Takes the terminal again after the process was stopped and continued: the shell has
    /// used it meanwhile, so modes are set again and the next frame is drawn in full, at the
    /// size the terminal has now.
    pub fn take_again(&mut self) -> anyhow::Result<()> {
        enable_raw_mode().context("setting up the terminal")?;
        execute!(io::stdout(), EnterAlternateScreen).context("setting up the terminal")?;
        if self.mouse {
            Self::mouse_on().context("enabling the mouse")?;
        }
        if let Some(terminal) = &mut self.terminal {
            terminal.backend_mut().forget();
            let size = terminal.size().context("reading the terminal size")?;
            // A resize clears the screen and forgets what was drawn, without asking the
            // terminal where its cursor is (`clear` would, and a pty in tests never answers).
            terminal
                .resize(Rect::from((Position::ORIGIN, size)))
                .context("redrawing")?;
        }
        Ok(())
    }

    fn mouse_on() -> io::Result<()> {
        let mut out = io::stdout();
        out.write_all(MOUSE_ON)?;
        out.flush()
    }

    /// Gives the terminal back: mouse off, raw mode off, main screen, cursor shown.
    fn release() {
        let mut out = io::stdout();
        // Off even when it was never asked for: a terminal left reporting the mouse is unusable.
        let _ = out.write_all(MOUSE_OFF);
        let _ = disable_raw_mode();
        let _ = execute!(out, LeaveAlternateScreen, Show);
        let _ = out.flush();
    }

    /// Leaves: restores the terminal if it is still there; after a hang-up writes nothing.
    pub fn leave(mut self, terminal_alive: bool) {
        if !terminal_alive && let Some(terminal) = self.terminal.take() {
            // Dropping it would show the cursor on a terminal that no longer exists, and
            // ratatui reports that failure with a print that panics.
            std::mem::forget(terminal);
        }
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        if let Some(terminal) = self.terminal.take() {
            Self::release();
            drop(terminal);
        }
    }
}
