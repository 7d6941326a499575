//! Records of runs on disk: one JSON file per rehearsal or class in the XDG state directory
//! (`rehearsals/<deck key>/`, `classes/<deck key>/`), written atomically (a temporary file,
//! then a rename), so a record is either whole or absent and a crash in a later run never
//! damages an earlier one. A class record also says where the class stopped, which is where
//! `--resume` starts; any record may carry the pauses of its talk clock. This is I/O at the
//! edge, plus the matching of recorded slides to the deck as it is now; the arithmetic lives in
//! `budget`, the reports in `report` and `runs`, the class log in `class_log`.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::deck::{Deck, Prose, Slide};

/// How long a slide must be on screen to count as shown, in the report, the class log and
/// "last time": less is a click past it.
pub const SHOWN: Duration = Duration::from_secs(1);

/// The record format's version, so that a later tribune can read or skip old files.
pub const VERSION: u32 = 1;

/// One rehearsal or class.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// Format version.
    pub version: u32,
    /// The deck's title when rehearsed.
    pub deck_title: String,
    /// When the rehearsal started (Unix seconds).
    pub started: u64,
    /// When it ended (Unix seconds); absent in a checkpoint of a rehearsal still running.
    pub ended: Option<u64>,
    /// The talk's target length, if one was set.
    pub target_secs: Option<u64>,
    /// Time on each slide.
    pub slides: Vec<SlideTime>,
    /// The slide on screen when the run stopped (or at its last checkpoint). Class records
    /// carry it; rehearsal records, and any record written before it existed, do not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stopped_at: Option<Stop>,
    /// The pauses of the talk clock (for questions), oldest first; their time is in no slide's.
    /// A record written before pauses existed, or of a run never paused, has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pauses: Vec<Paused>,
}

/// A pause of the talk clock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paused {
    /// When it began (Unix seconds).
    pub started: u64,
    /// How long it lasted, in milliseconds (at a checkpoint, a pause still on: so far).
    pub millis: u64,
    /// The 1-based number of the slide on screen when it began.
    pub slide: usize,
}

/// Where a run stopped: the slide as it was then, so it can be found again after the deck was
/// edited.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stop {
    /// 1-based slide number at the time.
    pub number: usize,
    /// The slide's id, which survives renumbering.
    pub id: Option<String>,
    /// The slide's title at the time.
    pub title: String,
}

/// Time spent on one slide in one rehearsal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlideTime {
    /// 1-based slide number at the time.
    pub number: usize,
    /// The slide's id, which survives renumbering.
    pub id: Option<String>,
    /// The slide's title at the time.
    pub title: String,
    /// Its budget then, in seconds.
    pub budget_secs: Option<u64>,
    /// Milliseconds spent on it.
    pub millis: u64,
}

impl Record {
    /// A record of a rehearsal of `deck` that started at `started` (Unix seconds).
    pub fn new(
        deck: &Deck,
        started: u64,
        target: Option<Duration>,
        budgets: &[Option<Duration>],
        spent: &[Duration],
    ) -> Record {
        Record {
            version: VERSION,
            deck_title: deck.title.as_str().to_owned(),
            started,
            ended: None,
            target_secs: target.map(|t| t.as_secs()),
            slides: deck
                .slides()
                .enumerate()
                .map(|(i, s)| SlideTime {
                    number: i + 1,
                    id: s.id.as_ref().map(|id| id.as_str().to_owned()),
                    title: s.title.as_str().to_owned(),
                    budget_secs: budgets.get(i).copied().flatten().map(|b| b.as_secs()),
                    millis: spent
                        .get(i)
                        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX)),
                })
                .collect(),
            stopped_at: None,
            pauses: Vec::new(),
        }
    }

    /// The time on the slides in all, in milliseconds, every slide counted.
    pub fn total_millis(&self) -> u64 {
        self.slides
            .iter()
            .fold(0, |sum, t| sum.saturating_add(t.millis))
    }

    /// The time the talk clock was paused, in milliseconds.
    pub fn paused_millis(&self) -> u64 {
        self.pauses
            .iter()
            .fold(0, |sum, p| sum.saturating_add(p.millis))
    }

    /// Time this record spent on slide `index` of `deck`, when it was long enough to count as
    /// shown (`SHOWN`).
    pub fn shown_for(&self, deck_slide: &Slide, index: usize) -> Option<Duration> {
        self.time_for(deck_slide, index).filter(|t| *t >= SHOWN)
    }

    /// Time this record spent on slide `index` of `deck`: matched by id where both have one,
    /// else by number and title.
    pub fn time_for(&self, deck_slide: &Slide, index: usize) -> Option<Duration> {
        self.slides
            .iter()
            .find(|t| t.is(deck_slide, index))
            .map(|t| Duration::from_millis(t.millis))
    }
}

impl SlideTime {
    /// Whether this recorded slide is slide `index` of the deck now: the same id where both
    /// have one, else the same number and title.
    pub fn is(&self, deck_slide: &Slide, index: usize) -> bool {
        match (
            deck_slide.id.as_ref().map(Prose::as_str),
            self.id.as_deref(),
        ) {
            (Some(a), Some(b)) => a == b,
            _ => self.number == index + 1 && self.title == deck_slide.title.as_str(),
        }
    }
}

/// The stopping point for slide `index` of `deck` (the last slide if `index` is past the end).
pub fn stop_at(deck: &Deck, index: usize) -> Stop {
    let index = index.min(deck.slide_count().saturating_sub(1));
    match deck.slide(index) {
        Some(slide) => Stop {
            number: index + 1,
            id: slide.id.as_ref().map(|id| id.as_str().to_owned()),
            title: slide.title.as_str().to_owned(),
        },
        // A deck with no slides is a load error; this only keeps the function total.
        None => Stop {
            number: 1,
            id: None,
            title: String::new(),
        },
    }
}

/// The 0-based index in `deck` of the slide `stop` names, if it is still there: by id when the
/// stop has one that the deck still uses; else the slide with the same number and title; else
/// the only slide with that title (the deck was renumbered and the slide has no id). `None`
/// when none of these finds it (the slide was deleted, or renamed and moved).
pub fn find_stop(deck: &Deck, stop: &Stop) -> Option<usize> {
    let by_id = stop.id.as_deref().and_then(|id| {
        deck.slides()
            .position(|s| s.id.as_ref().is_some_and(|own| own.as_str() == id))
    });
    if by_id.is_some() {
        return by_id;
    }
    let same_number = stop.number.checked_sub(1).filter(|&i| {
        deck.slide(i)
            .is_some_and(|s| s.title.as_str() == stop.title)
    });
    if same_number.is_some() {
        return same_number;
    }
    let mut titled = deck
        .slides()
        .enumerate()
        .filter(|(_, s)| s.title.as_str() == stop.title)
        .map(|(i, _)| i);
    match (titled.next(), titled.next()) {
        (Some(i), None) => Some(i),
        _ => None,
    }
}

/// Where `--resume` starts: the 0-based index in `deck` of the stopping point of the newest of
/// `records` (oldest first, as [`load_all`] returns them) that has one. The slide is found as
/// [`find_stop`] finds it; when it is no longer in the deck, the same position is the best
/// guess (its old number, clamped to the last slide). `None` when no record has a stopping
/// point, or it is the first slide: there is nothing to resume.
pub fn resume_point(deck: &Deck, records: &[Record]) -> Option<usize> {
    let stop = records.iter().rev().find_map(|r| r.stopped_at.as_ref())?;
    let index = find_stop(deck, stop).unwrap_or_else(|| {
        stop.number
            .saturating_sub(1)
            .min(deck.slide_count().saturating_sub(1))
    });
    (index > 0).then_some(index)
}

/// tribune's state directory: `$XDG_STATE_HOME/tribune`, else `~/.local/state/tribune`.
pub fn state_dir() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_STATE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    let base = xdg.or_else(|| {
        std::env::var_os("HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .map(|h| h.join(".local").join("state"))
    })?;
    Some(base.join("tribune"))
}

/// A name for a deck's records: the bundled lecture has a fixed one; a file is named by its
/// stem and a hash of its canonical path, so two `lecture.ron` in different folders differ.
pub fn deck_key(path: Option<&Path>) -> String {
    let Some(path) = path else {
        return "bundled-two-deaths-of-stalin".to_owned();
    };
    let canonical = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let stem: String = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    let hash = crate::deck::fnv1a(canonical.to_string_lossy().as_bytes());
    format!("{stem}-{hash:016x}")
}

/// Where the rehearsals of a deck are kept.
pub fn rehearsal_dir(state: &Path, key: &str) -> PathBuf {
    state.join("rehearsals").join(key)
}

/// Where the classes given from a deck are kept.
pub fn class_dir(state: &Path, key: &str) -> PathBuf {
    state.join("classes").join(key)
}

/// The name a run's record is saved under, without `.json`: when it started and the process.
pub fn stem(started: u64) -> String {
    format!("{started}-{}", std::process::id())
}

/// Writes `record` as `dir/<started>-<pid>.json`, atomically; returns the path.
pub fn save(dir: &Path, record: &Record) -> io::Result<PathBuf> {
    save_as(dir, &stem(record.started), record)
}

/// Writes `record` as `dir/<stem>.json`, atomically; returns the path. A run keeps its first
/// name even when its clock is reset and `started` changes.
pub fn save_as(dir: &Path, stem: &str, record: &Record) -> io::Result<PathBuf> {
    fs::create_dir_all(dir)?;
    let name = format!("{stem}.json");
    let path = dir.join(&name);
    let tmp = dir.join(format!(".{name}.tmp"));
    let json = serde_json::to_vec_pretty(record).map_err(io::Error::other)?;
    let written = fs::File::create(&tmp).and_then(|mut file| {
        file.write_all(&json)?;
        file.sync_all()
    });
    if let Err(e) = written.and_then(|()| fs::rename(&tmp, &path)) {
        // A full disk leaves a half-written temporary file: do not leave it behind as well.
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(path)
}

/// Why a record could not be saved, in a few words for the status bar.
pub fn failure(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => "disk full".into(),
        io::ErrorKind::ReadOnlyFilesystem => "read-only disk".into(),
        io::ErrorKind::PermissionDenied => "no permission".into(),
        io::ErrorKind::NotADirectory | io::ErrorKind::AlreadyExists => {
            "a file is in the way".into()
        }
        _ => e.to_string(),
    }
}

/// Every readable record in `dir`, oldest first, and a note for each file that could not be
/// read.
pub fn load_all(dir: &Path) -> (Vec<Record>, Vec<String>) {
    let mut records = Vec::new();
    let mut problems = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return (records, problems);
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        match fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| serde_json::from_slice::<Record>(&b).map_err(|e| e.to_string()))
        {
            Ok(r) if r.version == VERSION => records.push(r),
            Ok(r) => problems.push(format!(
                "{}: record format {} is not one this tribune reads",
                path.display(),
                r.version
            )),
            Err(e) => problems.push(format!("{}: {e}", path.display())),
        }
    }
    records.sort_by_key(|r| r.started);
    (records, problems)
}

/// How long each slide of `deck` took in the most recent record that rehearsed it (a second or
/// more on screen).
pub fn last_times(deck: &Deck, records: &[Record]) -> Vec<Option<Duration>> {
    deck.slides()
        .enumerate()
        .map(|(i, s)| records.iter().rev().find_map(|r| r.shown_for(s, i)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::parse_deck;

    fn deck() -> Deck {
        parse_deck(
            "t.ron",
            br#"Deck(title: "T", span: "1953", parts: [Part(id: "p", title: "P", slides: [
                Slide(id: "a", title: "A", date: "1953", notes: "n"),
                Slide(title: "B", date: "1953", notes: "n"),
            ])])"#,
        )
        .unwrap()
        .deck
    }

    #[test]
    fn save_then_load_round_trips_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let secs = |s| Duration::from_secs(s);
        let record = Record::new(
            &deck(),
            1_700_000_000,
            Some(secs(600)),
            &[Some(secs(300)), None],
            &[secs(42), secs(7)],
        );
        let path = save(dir.path(), &record).unwrap();
        assert!(path.ends_with(format!("1700000000-{}.json", std::process::id())));
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        let (loaded, problems) = load_all(dir.path());
        assert_eq!(loaded, vec![record]);
        assert!(problems.is_empty());
    }

    #[test]
    fn damaged_files_are_reported_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("bad.json"), b"{ not json").unwrap();
        fs::write(dir.path().join("notes.txt"), b"ignored").unwrap();
        let (loaded, problems) = load_all(dir.path());
        assert!(loaded.is_empty());
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("bad.json"));
    }

    #[test]
    fn last_times_come_from_the_latest_record_that_has_the_slide() {
        let d = deck();
        let secs = |s| Duration::from_secs(s);
        let older = Record::new(&d, 1, None, &[None, None], &[secs(50), secs(20)]);
        let newer = Record::new(&d, 2, None, &[None, None], &[secs(30), secs(0)]);
        assert_eq!(
            last_times(&d, &[older, newer]),
            vec![Some(secs(30)), Some(secs(20))]
        );
    }

    /// A deck of the given (id, title) slides.
    fn deck_of(slides: &[(Option<&str>, &str)]) -> Deck {
        let slides: Vec<String> = slides
            .iter()
            .map(|(id, title)| {
                let id = id.map_or(String::new(), |id| format!("id: \"{id}\", "));
                format!("Slide({id}title: \"{title}\", date: \"1953\", notes: \"n\")")
            })
            .collect();
        let slides = slides.join(", ");
        let text = format!(
            "Deck(title: \"T\", span: \"1953\", parts: [Part(id: \"p\", title: \"P\", \
             slides: [{slides}])])"
        );
        parse_deck("t.ron", text.as_bytes()).unwrap().deck
    }

    /// A class record of `deck` that stopped on slide `index`.
    fn stopped(deck: &Deck, started: u64, index: usize) -> Record {
        let mut r = Record::new(deck, started, None, &[], &[]);
        r.stopped_at = Some(stop_at(deck, index));
        r
    }

    /// As the deck was when the classes were given.
    fn then() -> Deck {
        deck_of(&[
            (Some("intro"), "Intro"),
            (Some("death"), "Death"),
            (None, "Funeral"),
            (Some("beria"), "Beria"),
            (None, "Thaw"),
        ])
    }

    #[test]
    fn a_record_without_a_stopping_point_loads_and_is_written_without_one() {
        // A rehearsal record as tribune wrote them before classes were recorded.
        let old = br#"{
            "version": 1, "deck_title": "T", "started": 5, "ended": 9, "target_secs": null,
            "slides": [{"number": 1, "id": "a", "title": "A", "budget_secs": 60, "millis": 4000}]
        }"#;
        let r: Record = serde_json::from_slice(old).unwrap();
        assert_eq!(r.stopped_at, None);
        assert_eq!(r.slides[0].millis, 4000);
        assert_eq!(r.pauses, [], "nor any pauses");
        let json = serde_json::to_string(&r).unwrap();
        assert!(!json.contains("stopped_at"), "{json}");
        assert!(!json.contains("pauses"), "{json}");
        // And a record with one keeps it through save and load.
        let dir = tempfile::tempdir().unwrap();
        let record = stopped(&then(), 7, 3);
        save(dir.path(), &record).unwrap();
        let (loaded, _) = load_all(dir.path());
        assert_eq!(
            loaded[0].stopped_at,
            Some(Stop {
                number: 4,
                id: Some("beria".to_owned()),
                title: "Beria".to_owned()
            })
        );
    }

    #[test]
    fn stops_past_the_end_are_the_last_slide() {
        let d = then();
        assert_eq!(stop_at(&d, 99).number, 5);
        assert_eq!(stop_at(&d, 99).title, "Thaw");
        assert_eq!(stop_at(&d, 2).id, None);
    }

    #[test]
    fn class_dirs_sit_beside_rehearsal_dirs() {
        let state = Path::new("/state/tribune");
        assert_eq!(class_dir(state, "k"), Path::new("/state/tribune/classes/k"));
        assert_eq!(
            rehearsal_dir(state, "k"),
            Path::new("/state/tribune/rehearsals/k")
        );
    }

    #[test]
    fn resume_finds_the_slide_in_the_same_deck() {
        let d = then();
        // The newest class decides: 4 (Beria) after 2 (Death).
        assert_eq!(
            resume_point(&d, &[stopped(&d, 1, 1), stopped(&d, 2, 3)]),
            Some(3)
        );
        // A slide without id, by number and title.
        assert_eq!(resume_point(&d, &[stopped(&d, 1, 2)]), Some(2));
    }

    #[test]
    fn resume_follows_ids_and_titles_through_renumbering() {
        let old = then();
        // Two slides inserted before "Death": every later slide moves two down.
        let now = deck_of(&[
            (Some("intro"), "Intro"),
            (Some("stroke"), "Stroke"),
            (None, "Dacha"),
            (Some("death"), "Death"),
            (None, "Funeral"),
            (Some("beria"), "Beria arrested"),
            (None, "Thaw"),
        ]);
        // By id, although the title changed too: 4 → 6.
        assert_eq!(resume_point(&now, &[stopped(&old, 1, 3)]), Some(5));
        // No id: number 3 is now "Dacha", so by its title, the only "Funeral": 3 → 5.
        assert_eq!(resume_point(&now, &[stopped(&old, 1, 2)]), Some(4));
        assert_eq!(resume_point(&now, &[stopped(&old, 1, 4)]), Some(6));
    }

    #[test]
    fn a_stop_the_deck_lost_resumes_at_the_same_place() {
        let old = then();
        // "Beria" (4) and "Thaw" (5) deleted, "Funeral" renamed: nothing matches.
        let now = deck_of(&[
            (Some("intro"), "Intro"),
            (Some("death"), "Death"),
            (None, "The funeral"),
        ]);
        let lost = |i| stop_at(&old, i);
        assert_eq!(find_stop(&now, &lost(3)), None);
        assert_eq!(find_stop(&now, &lost(2)), None);
        assert_eq!(find_stop(&now, &lost(1)), Some(1));
        // Old number 4 clamped to the last slide, 3; old number 3 stays 3.
        assert_eq!(resume_point(&now, &[stopped(&old, 1, 3)]), Some(2));
        assert_eq!(resume_point(&now, &[stopped(&old, 1, 2)]), Some(2));
        // Number 3 is another slide now, and two slides have the title: no match.
        let twice = deck_of(&[(None, "Funeral"), (None, "Funeral"), (None, "A")]);
        assert_eq!(find_stop(&twice, &lost(2)), None);
    }

    #[test]
    fn nothing_to_resume() {
        let d = then();
        assert_eq!(resume_point(&d, &[]), None);
        // Rehearsal-style records carry no stopping point.
        assert_eq!(
            resume_point(&d, &[Record::new(&d, 1, None, &[], &[])]),
            None
        );
        // Stopped on the first slide.
        assert_eq!(
            resume_point(&d, &[stopped(&d, 1, 3), stopped(&d, 2, 0)]),
            None
        );
        // A newer record without a stop does not hide an older one's.
        assert_eq!(
            resume_point(&d, &[stopped(&d, 1, 3), Record::new(&d, 2, None, &[], &[])]),
            Some(3)
        );
    }

    #[test]
    fn recorded_slides_match_by_id_else_number_and_title() {
        let d = then();
        let t = |number, id: Option<&str>, title: &str| SlideTime {
            number,
            id: id.map(str::to_owned),
            title: title.to_owned(),
            budget_secs: None,
            millis: 0,
        };
        let slide = |i| d.slide(i).unwrap();
        assert!(t(9, Some("beria"), "Other").is(slide(3), 3));
        assert!(!t(4, Some("other"), "Beria").is(slide(3), 3));
        assert!(t(3, None, "Funeral").is(slide(2), 2));
        assert!(!t(4, None, "Funeral").is(slide(2), 2));
        // The deck's slide has an id, the record's none: number and title.
        assert!(t(2, None, "Death").is(slide(1), 1));
    }

    #[test]
    fn deck_keys_are_stable_and_tell_folders_apart() {
        assert_eq!(deck_key(None), "bundled-two-deaths-of-stalin");
        let a = deck_key(Some(Path::new("/tmp/one/lecture.ron")));
        let b = deck_key(Some(Path::new("/tmp/two/lecture.ron")));
        assert!(a.starts_with("lecture-") && b.starts_with("lecture-"));
        assert_ne!(a, b);
        assert_eq!(a, deck_key(Some(Path::new("/tmp/one/lecture.ron"))));
    }
}
