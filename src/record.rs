//! Rehearsal records on disk: one JSON file per rehearsal in the XDG state directory, written
//! atomically (a temporary file, then a rename), so a record is either whole or absent and a
//! crash in a later rehearsal never damages an earlier one. This is I/O at the edge; the
//! arithmetic lives in `rehearsal` and the report in `report`.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::deck::Deck;

/// The record format's version, so that a later tribune can read or skip old files.
pub const VERSION: u32 = 1;

/// One rehearsal.
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
        }
    }

    /// Time this record spent on slide `index` of `deck`: matched by id where both have one,
    /// else by number and title.
    pub fn time_for(&self, deck_slide: &crate::deck::Slide, index: usize) -> Option<Duration> {
        let id = deck_slide.id.as_ref().map(crate::deck::Prose::as_str);
        self.slides
            .iter()
            .find(|t| match (id, t.id.as_deref()) {
                (Some(a), Some(b)) => a == b,
                _ => t.number == index + 1 && t.title == deck_slide.title.as_str(),
            })
            .map(|t| Duration::from_millis(t.millis))
    }
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

/// Writes `record` as `dir/<started>-<pid>.json`, atomically; returns the path.
pub fn save(dir: &Path, record: &Record) -> io::Result<PathBuf> {
    fs::create_dir_all(dir)?;
    let name = format!("{}-{}.json", record.started, std::process::id());
    let path = dir.join(&name);
    let tmp = dir.join(format!(".{name}.tmp"));
    let json = serde_json::to_vec_pretty(record).map_err(io::Error::other)?;
    let mut file = fs::File::create(&tmp)?;
    file.write_all(&json)?;
    file.sync_all()?;
    drop(file);
    fs::rename(&tmp, &path)?;
    Ok(path)
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
        .map(|(i, s)| {
            records
                .iter()
                .rev()
                // As in the report: under a second is a click past the slide.
                .find_map(|r| r.time_for(s, i).filter(|t| t.as_millis() >= 1000))
        })
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
