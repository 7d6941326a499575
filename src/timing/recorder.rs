//! The recorder: saves a rehearsal's record or a class's log as the talk goes, a checkpoint at
//! every slide change (so a crash loses at most the slide in progress) and the final record at
//! the end, and remembers what went wrong so the status bar and the last words can say so.
//!
//! Saving is off the key path: the loop hands the recorder where the talk stands and goes on
//! drawing; a writer thread turns that into a record and writes it (whole or not at all, as
//! `record::save` does). If the talk moves faster than the disk, only the latest checkpoint
//! is written. The final save waits for the writer, so q, a signal or a hang-up never lose it.

use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use super::record::{self, Paused, Record};
use crate::deck::Deck;

/// Where the talk stands, as the recorder needs it.
pub struct Progress<'a> {
    /// The deck.
    pub deck: &'a Arc<Deck>,
    /// The slide on screen (0-based).
    pub current: usize,
    /// How long ago the talk started (pauses included), if it has: a class's clock runs from
    /// the first move, a rehearsal's from its start.
    pub started: Option<Duration>,
    /// Time on each slide so far, the current one's running stretch included.
    pub spent: &'a [Duration],
    /// Each slide's budget.
    pub budgets: &'a [Option<Duration>],
    /// The pauses of the talk clock so far.
    pub pauses: &'a [Paused],
    /// Whether the talk clock is paused now.
    pub paused: bool,
    /// How many times the clock was reset: the record starts again when it changes.
    pub epoch: u32,
}

/// What a recorder keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A class's log: kept from the talk's start (its first move).
    Class,
    /// A rehearsal: kept once a slide has been on screen a second or more (`record::SHOWN`),
    /// so that starting one and quitting at once leaves nothing to compare.
    Rehearsal,
}

impl Kind {
    /// What the record is called on screen.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Class => "class log",
            Kind::Rehearsal => "rehearsal",
        }
    }
}

/// What the writer is to do next.
enum Job {
    /// Write a record.
    Write(Box<Checkpoint>),
    /// Remove the record at this path: the clock was reset, nothing of the run counts now.
    Remove(PathBuf),
}

/// A record to write.
struct Checkpoint {
    dir: PathBuf,
    stem: String,
    deck: Arc<Deck>,
    started: u64,
    target: Option<Duration>,
    budgets: Vec<Option<Duration>>,
    spent: Vec<Duration>,
    current: usize,
    ended: Option<u64>,
    pauses: Vec<Paused>,
}

/// What the loop and the writer share.
#[derive(Default)]
struct Shared {
    /// The latest record not yet written.
    job: Option<Job>,
    /// No more records after this one: the writer ends.
    closing: bool,
    /// Where the record was last written.
    saved: Option<PathBuf>,
    /// The last error writing it, with the folder.
    error: Option<String>,
    /// The same in a few words, for the status bar.
    problem: Option<String>,
}

type Link = Arc<(Mutex<Shared>, Condvar)>;

fn lock(link: &Link) -> MutexGuard<'_, Shared> {
    // A writer that panicked left plain data behind; keep going.
    link.0.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Keeps one run's record.
pub struct Recorder {
    /// Where the record goes (none: there is no state folder).
    dir: Option<PathBuf>,
    /// A class log or a rehearsal.
    kind: Kind,
    /// The talk's target length, saved with a rehearsal.
    target: Option<Duration>,
    /// What the record is called on screen: "class log" or "rehearsal".
    name: &'static str,
    /// When the run started (Unix seconds): at the first save after the talk started (again,
    /// after a reset).
    started: Option<u64>,
    /// The name of the run's record, from its first save on.
    stem: Option<String>,
    /// How many times the clock had been reset at the last save.
    epoch: u32,
    /// The slide on screen, how many pauses there were and whether one was on, at the last
    /// checkpoint.
    saved_at: Option<(usize, usize, bool)>,
    link: Link,
    writer: Option<JoinHandle<()>>,
}

impl Recorder {
    /// A recorder for a class log or a rehearsal, saved in `dir`.
    pub fn new(dir: Option<PathBuf>, target: Option<Duration>, kind: Kind) -> Recorder {
        let name = kind.name();
        let link: Link = Arc::default();
        lock(&link).problem = dir
            .is_none()
            .then(|| format!("{name} not saved: no state directory (set HOME or XDG_STATE_HOME)"));
        let writer = dir.as_ref().and_then(|_| {
            let shared = Arc::clone(&link);
            thread::Builder::new()
                .name("record-writer".into())
                .spawn(move || write_records(&shared, name))
                .ok()
        });
        Recorder {
            dir,
            kind,
            target,
            name,
            started: None,
            stem: None,
            epoch: 0,
            saved_at: None,
            link,
            writer,
        }
    }

    /// Checkpoints when the slide changed since the last save, or the talk clock was paused or
    /// run again, or always at the `end`, which waits until the record is written; `now_unix`
    /// is the wall clock in Unix seconds.
    /// After the clock was reset the record starts again under the same name, or is removed
    /// until the talk starts again.
    pub fn save(&mut self, at: &Progress, end: bool, now_unix: u64) {
        if at.epoch != self.epoch {
            self.epoch = at.epoch;
            self.started = None;
            self.saved_at = None;
            if at.started.is_none()
                && let (Some(dir), Some(stem)) = (&self.dir, &self.stem)
            {
                self.post(Job::Remove(dir.join(format!("{stem}.json"))));
            }
        }
        let worth_keeping =
            self.kind == Kind::Class || at.spent.iter().any(|t| *t >= record::SHOWN);
        if let Some(ago) = at.started.filter(|_| worth_keeping) {
            let started = *self
                .started
                .get_or_insert(now_unix.saturating_sub(ago.as_secs()));
            let state = (at.current, at.pauses.len(), at.paused);
            if (end || self.saved_at != Some(state))
                && let Some(dir) = &self.dir
            {
                self.saved_at = Some(state);
                let stem = self
                    .stem
                    .get_or_insert_with(|| record::stem(started))
                    .clone();
                let job = Job::Write(Box::new(Checkpoint {
                    dir: dir.clone(),
                    stem,
                    deck: Arc::clone(at.deck),
                    started,
                    target: self.target,
                    budgets: at.budgets.to_vec(),
                    spent: at.spent.to_vec(),
                    current: at.current,
                    ended: end.then_some(now_unix),
                    pauses: at.pauses.to_vec(),
                }));
                self.post(job);
            }
        }
        if end {
            self.finish();
        }
    }

    /// Hands the writer its next job, in place of any it has not started.
    fn post(&self, job: Job) {
        lock(&self.link).job = Some(job);
        self.link.1.notify_all();
    }

    /// Lets the writer write what it has and end, and waits for it.
    fn finish(&mut self) {
        lock(&self.link).closing = true;
        self.link.1.notify_all();
        if let Some(writer) = self.writer.take() {
            let _ = writer.join();
        }
        // Without a writer (it could not start), write here.
        let job = lock(&self.link).job.take();
        if let Some(job) = job {
            write_one(&self.link, &job, self.name);
        }
    }

    /// Where the record was last written.
    pub fn saved(&self) -> Option<PathBuf> {
        lock(&self.link).saved.clone()
    }

    /// The last error writing the record, naming the folder.
    pub fn error(&self) -> Option<String> {
        lock(&self.link).error.clone()
    }

    /// What the status bar should say about saving, when something is wrong.
    pub fn problem(&self) -> Option<String> {
        lock(&self.link).problem.clone()
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        if self.writer.is_some() {
            self.finish();
        }
    }
}

/// How long a checkpoint waits before it is written.
const SETTLE: Duration = Duration::from_millis(50);

/// The writer thread: writes the latest job whenever there is one, until told to close.
fn write_records(link: &Link, name: &str) {
    loop {
        let job = {
            let mut shared = lock(link);
            loop {
                if shared.job.is_some() {
                    // Let the frame that goes with this change reach the screen first, and let
                    // a burst of clicks become one write; a close cuts the wait short.
                    shared = link
                        .1
                        .wait_timeout_while(shared, SETTLE, |s| !s.closing)
                        .unwrap_or_else(PoisonError::into_inner)
                        .0;
                    break shared.job.take();
                }
                if shared.closing {
                    break None;
                }
                shared = link.1.wait(shared).unwrap_or_else(PoisonError::into_inner);
            }
        };
        match job {
            Some(job) => write_one(link, &job, name),
            None => return,
        }
    }
}

/// Does one job, and says how it went.
fn write_one(link: &Link, job: &Job, name: &str) {
    match job {
        Job::Write(checkpoint) => write_checkpoint(link, checkpoint, name),
        Job::Remove(path) => {
            let removed = std::fs::remove_file(path);
            let mut shared = lock(link);
            match removed {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    shared.error = Some(format!("cannot remove {}: {e}", path.display()));
                    shared.problem = Some(format!("{name} not reset: {}", record::failure(&e)));
                }
                _ => {
                    shared.saved = None;
                    shared.error = None;
                    shared.problem = None;
                }
            }
        }
    }
}

/// Builds and writes one record.
fn write_checkpoint(link: &Link, job: &Checkpoint, name: &str) {
    let mut rec = Record::new(&job.deck, job.started, job.target, &job.budgets, &job.spent);
    rec.stopped_at = Some(record::stop_at(&job.deck, job.current));
    rec.ended = job.ended;
    rec.pauses.clone_from(&job.pauses);
    let result = record::save_as(&job.dir, &job.stem, &rec);
    let mut shared = lock(link);
    match result {
        Ok(path) => {
            shared.saved = Some(path);
            shared.error = None;
            shared.problem = None;
        }
        Err(e) => {
            shared.error = Some(format!(
                "cannot save the record in {}: {e}",
                job.dir.display()
            ));
            shared.problem = Some(format!("{name} not saved: {}", record::failure(&e)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::parse_deck;

    fn deck() -> Arc<Deck> {
        let source = r#"Deck(title: "T", span: "1953", parts: [Part(id: "p", title: "P", slides: [
            Slide(title: "A", date: "1953-03-01", notes: "n"),
            Slide(title: "B", date: "1953-03-02", notes: "n"),
        ])])"#;
        Arc::new(parse_deck("t.ron", source.as_bytes()).unwrap().deck)
    }

    fn progress<'a>(deck: &'a Arc<Deck>, current: usize, spent: &'a [Duration]) -> Progress<'a> {
        Progress {
            deck,
            current,
            started: Some(Duration::ZERO),
            spent,
            budgets: &[None, None],
            pauses: &[],
            paused: false,
            epoch: 0,
        }
    }

    #[test]
    fn the_final_save_is_written_before_save_returns_and_checkpoints_follow_the_slide() {
        let dir = tempfile::tempdir().unwrap();
        let deck = deck();
        let mut r = Recorder::new(Some(dir.path().to_owned()), None, Kind::Rehearsal);
        let spent = [Duration::from_secs(3), Duration::from_secs(1)];
        r.save(&progress(&deck, 0, &spent), false, 100);
        r.save(&progress(&deck, 1, &spent), false, 103);
        r.save(&progress(&deck, 1, &spent), true, 105);
        let (records, problems) = record::load_all(dir.path());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(records.len(), 1, "one record, rewritten in place");
        let rec = &records[0];
        assert_eq!((rec.started, rec.ended), (100, Some(105)));
        assert_eq!(rec.stopped_at.as_ref().map(|s| s.number), Some(2));
        assert_eq!(rec.slides[0].millis, 3000);
        assert_eq!(
            r.saved(),
            Some(dir.path().join(format!("100-{}.json", std::process::id())))
        );
        assert_eq!(r.problem(), None);
    }

    #[test]
    fn a_folder_that_cannot_be_written_is_said_in_a_few_words() {
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("state");
        std::fs::write(&blocked, "not a folder").unwrap();
        let deck = deck();
        let mut r = Recorder::new(Some(blocked.join("classes")), None, Kind::Class);
        let spent = [Duration::ZERO, Duration::ZERO];
        r.save(&progress(&deck, 0, &spent), true, 100);
        assert_eq!(
            r.problem().as_deref(),
            Some("class log not saved: a file is in the way")
        );
        assert!(r.error().unwrap().contains("cannot save the record in"));
        let none = Recorder::new(None, None, Kind::Rehearsal);
        assert!(none.problem().unwrap().contains("no state directory"));
    }

    #[test]
    fn pausing_and_running_again_checkpoint_and_the_record_keeps_the_pauses() {
        let dir = tempfile::tempdir().unwrap();
        let deck = deck();
        let mut r = Recorder::new(Some(dir.path().to_owned()), None, Kind::Class);
        let spent = [Duration::from_secs(3), Duration::ZERO];
        r.save(&progress(&deck, 0, &spent), false, 100);
        assert_eq!(r.saved_at, Some((0, 0, false)));
        // Paused on the same slide: a checkpoint all the same.
        let on = [Paused {
            started: 101,
            millis: 0,
            slide: 1,
        }];
        let paused = Progress {
            pauses: &on,
            paused: true,
            ..progress(&deck, 0, &spent)
        };
        r.save(&paused, false, 101);
        assert_eq!(r.saved_at, Some((0, 1, true)));
        let done = [Paused {
            started: 101,
            millis: 95_000,
            slide: 1,
        }];
        let running = Progress {
            pauses: &done,
            ..progress(&deck, 0, &spent)
        };
        r.save(&running, false, 196);
        assert_eq!(r.saved_at, Some((0, 1, false)));
        r.save(&running, true, 200);
        let (records, _) = record::load_all(dir.path());
        assert_eq!(records[0].pauses, done);
        assert_eq!(records[0].paused_millis(), 95_000);
        assert_eq!(records[0].slides[0].millis, 3000);
    }

    /// Waits until the writer has put `path` on disk (a condition, with a deadline).
    fn written(path: &std::path::Path) {
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while !path.exists() {
            assert!(
                std::time::Instant::now() < deadline,
                "{path:?} never written"
            );
            thread::yield_now();
        }
    }

    #[test]
    fn a_reset_starts_the_record_again_under_its_name_or_removes_it() {
        let deck = deck();
        let secs = Duration::from_secs;
        let name = format!("100-{}.json", std::process::id());
        let zero = [Duration::ZERO, Duration::ZERO];
        let reset = |spent| Progress {
            started: None,
            epoch: 1,
            ..progress(&deck, 1, spent)
        };
        // Reset, then started again: one record, under its first name, of the new start.
        let dir = tempfile::tempdir().unwrap();
        let mut r = Recorder::new(Some(dir.path().to_owned()), None, Kind::Class);
        r.save(&progress(&deck, 1, &[secs(3), secs(1)]), false, 100);
        written(&dir.path().join(&name));
        r.save(&reset(&zero), false, 110);
        let spent = [Duration::ZERO, secs(2)];
        let again = Progress {
            epoch: 1,
            ..progress(&deck, 1, &spent)
        };
        r.save(&again, true, 120);
        let (records, _) = record::load_all(dir.path());
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].started, 120);
        let millis: Vec<u64> = records[0].slides.iter().map(|t| t.millis).collect();
        assert_eq!(millis, [0, 2000]);
        assert_eq!(r.saved(), Some(dir.path().join(&name)));
        // Reset and never started again: nothing of the run remains.
        let dir = tempfile::tempdir().unwrap();
        let mut r = Recorder::new(Some(dir.path().to_owned()), None, Kind::Class);
        r.save(&progress(&deck, 1, &[secs(3), secs(1)]), false, 100);
        written(&dir.path().join(&name));
        r.save(&reset(&zero), true, 110);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        assert_eq!(r.saved(), None);
        assert_eq!(r.problem(), None);
    }

    #[test]
    fn a_rehearsal_is_kept_once_a_slide_was_on_screen_a_second_from_its_start() {
        let dir = tempfile::tempdir().unwrap();
        let deck = deck();
        let mut r = Recorder::new(Some(dir.path().to_owned()), None, Kind::Rehearsal);
        let brief = [Duration::from_millis(999), Duration::ZERO];
        let at = |started, spent| Progress {
            started: Some(started),
            ..progress(&deck, 0, spent)
        };
        r.save(&at(Duration::from_millis(999), &brief), false, 100);
        assert_eq!(r.saved_at, None, "nothing worth keeping yet");
        // Two seconds in, the opening slide has counted since the start, 98 on the clock.
        let longer = [Duration::from_secs(2), Duration::ZERO];
        r.save(&at(Duration::from_secs(2), &longer), true, 100);
        let (records, _) = record::load_all(dir.path());
        assert_eq!(records[0].started, 98);
        assert_eq!(records[0].slides[0].millis, 2000);
        // Quit within the first second: nothing at all.
        let dir = tempfile::tempdir().unwrap();
        let mut r = Recorder::new(Some(dir.path().to_owned()), None, Kind::Rehearsal);
        r.save(&at(Duration::from_millis(999), &brief), true, 100);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        assert_eq!(r.saved(), None);
    }
}
