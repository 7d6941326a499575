//! What a run is (a class or a rehearsal) and how it ended.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// The exit status after a hang-up: 128 + SIGHUP, as a shell reports a job the hang-up ended.
pub const HANGUP_STATUS: u8 = 129;

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
pub fn outcome(result: anyhow::Result<Ending>, terminal_alive: bool) -> anyhow::Result<Ending> {
    match result {
        Err(_) if !terminal_alive => Ok(Ending::Hangup),
        other => other,
    }
}
