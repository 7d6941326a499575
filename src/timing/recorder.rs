//! The recorder: saves a rehearsal's record or a class's log as the talk goes, a checkpoint at
//! every slide change (so a crash loses at most the slide in progress) and the final record at
//! the end, and remembers what went wrong so the status bar and the last words can say so.

use std::path::PathBuf;
use std::time::Duration;

use super::record::{self, Record};
use crate::deck::Deck;

/// Where the talk stands, as the recorder needs it.
pub struct Progress<'a> {
    /// The deck.
    pub deck: &'a Deck,
    /// The slide on screen (0-based).
    pub current: usize,
    /// Whether the talk has started (the clock runs from the first move).
    pub started: bool,
    /// Time on each slide so far, the current one's running stretch included.
    pub spent: &'a [Duration],
    /// Each slide's budget.
    pub budgets: &'a [Option<Duration>],
}

/// Keeps one run's record.
pub struct Recorder {
    /// Where the record goes (none: there is no state folder).
    pub dir: Option<PathBuf>,
    /// The talk's target length, saved with a rehearsal.
    target: Option<Duration>,
    /// What the record is called on screen: "class log" or "rehearsal".
    name: &'static str,
    /// When the run started (Unix seconds): at the first save after the talk started.
    started: Option<u64>,
    /// The slide on screen at the last checkpoint.
    saved_at_slide: Option<usize>,
    /// Where the record was written.
    pub saved: Option<PathBuf>,
    /// The last error writing it, with the folder, for the line printed at the end.
    pub error: Option<String>,
    /// What the status bar says about saving, when something is wrong.
    pub problem: Option<String>,
}

impl Recorder {
    /// A recorder for a record called `name` on screen, saved in `dir`.
    pub fn new(dir: Option<PathBuf>, target: Option<Duration>, name: &'static str) -> Recorder {
        let problem = dir
            .is_none()
            .then(|| format!("{name} not saved: no state directory (set HOME or XDG_STATE_HOME)"));
        Recorder {
            dir,
            target,
            name,
            started: None,
            saved_at_slide: None,
            saved: None,
            error: None,
            problem,
        }
    }

    /// Checkpoints when the slide changed since the last save (or always, at the `end`);
    /// `now_unix` is the wall clock in Unix seconds.
    pub fn save(&mut self, at: &Progress, end: bool, now_unix: u64) {
        if !at.started {
            return;
        }
        let started = *self.started.get_or_insert(now_unix);
        if !end && self.saved_at_slide == Some(at.current) {
            return;
        }
        self.saved_at_slide = Some(at.current);
        let Some(dir) = &self.dir else { return };
        let mut rec = Record::new(at.deck, started, self.target, at.budgets, at.spent);
        rec.stopped_at = Some(record::stop_at(at.deck, at.current));
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
                self.problem = Some(format!("{} not saved: {}", self.name, record::failure(&e)));
            }
        }
    }
}
