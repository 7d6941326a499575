//! The terminal edge: the terminal itself (`terminal`), everything that wakes a loop as one
//! event (`events`), and the two loops: the presenter (`present`) and the audience window
//! (`audience`). Whatever happens (q, Ctrl-C, a panic, SIGTERM, SIGHUP, a closed window) the
//! terminal is restored if it still exists, and the class or rehearsal record gets its final
//! save. The only room that touches the terminal, signals and the clock.

mod audience;
mod events;
mod present;
mod terminal;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use crate::app::{Action, App};

pub use audience::audience;
pub use events::Tty;
pub use present::present;
pub use terminal::{NoTerminal, check as check_terminal};

/// The exit status after a hang-up: 128 + SIGHUP, as a shell reports a job the hang-up ended.
const HANGUP_STATUS: u8 = 129;

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
pub enum Ending {
    /// q, Ctrl-C, SIGTERM, SIGINT.
    Quit,
    /// The terminal went away, or SIGHUP.
    Hangup,
}

impl Ending {
    /// 0 after a quit; 129 after a hang-up.
    pub fn exit_code(self) -> ExitCode {
        match self {
            Ending::Quit => ExitCode::SUCCESS,
            Ending::Hangup => ExitCode::from(HANGUP_STATUS),
        }
    }
}

/// What a loop's end comes to: an error is only worth reporting while there is a terminal to
/// read it (after a hang-up the run simply ended).
fn outcome(result: anyhow::Result<Ending>, terminal_alive: bool) -> anyhow::Result<Ending> {
    match result {
        Err(_) if !terminal_alive => Ok(Ending::Hangup),
        other => other,
    }
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
