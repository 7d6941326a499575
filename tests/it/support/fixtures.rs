//! Files the tests read and write: the package root and `tests/fixtures/`, the bundled lecture
//! and the fixture decks loaded (a fixture with warnings fails the test that loads it: each one
//! is written to be clean), the hand-written rehearsal and class records, and the temporary state
//! and runtime directories a run of the binary keeps its records and its socket in.

use std::path::{Path, PathBuf};

use tribune::deck::{BUNDLED_NAME, BUNDLED_SOURCE, Deck, load_path, parse_deck};
use tribune::timing::record::{self, Record, load_all};

/// Slides in the bundled lecture.
pub const SLIDES: usize = 84;

/// The malformed decks, one error each, relative to the package root.
pub const INVALID_DIR: &str = "tests/fixtures/invalid";

/// Ten slides whose dates exercise the date-matching rule, relative to the package root.
pub const DATES: &str = "tests/fixtures/dates.ron";

/// A valid deck with three warnings, relative to the package root.
pub const WARNINGS: &str = "tests/fixtures/warnings.ron";

/// A seven-slide deck and six rehearsals of it, relative to the package root.
pub const REHEARSAL: &str = "tests/fixtures/rehearsal";

/// Three classes given from the rehearsal deck, relative to the package root.
pub const CLASSES: &str = "tests/fixtures/classes";

/// The package root: the binary runs there, and relative fixture paths resolve from it.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `relative` (to the package root) as an absolute path.
pub fn path(relative: &str) -> PathBuf {
    root().join(relative)
}

/// The bundled lecture, which loads without a warning.
pub fn lecture() -> Deck {
    let loaded = parse_deck(BUNDLED_NAME, BUNDLED_SOURCE.as_bytes()).expect("the lecture loads");
    assert!(
        loaded.warnings.is_empty(),
        "the lecture has warnings:\n{}",
        tribune::deck::diagnostic::render_all(&loaded.warnings)
    );
    loaded.deck
}

/// The deck at `relative` (to the package root), which must load without a warning.
pub fn fixture_deck(relative: &str) -> Deck {
    let loaded =
        load_path(&path(relative)).unwrap_or_else(|e| panic!("{relative} does not load:\n{e}"));
    assert!(
        loaded.warnings.is_empty(),
        "{relative}: {:?}",
        loaded.warnings
    );
    loaded.deck
}

/// The rehearsal fixture deck (seven slides in two parts).
pub fn rehearsal_deck() -> Deck {
    fixture_deck(&format!("{REHEARSAL}/deck.ron"))
}

/// The records in `relative` (to the package root), oldest first; every one must read.
fn records_in(relative: &str) -> Vec<Record> {
    let (records, problems) = load_all(&path(relative));
    assert!(problems.is_empty(), "{problems:?}");
    records
}

/// The six rehearsals of the rehearsal fixture deck, oldest first.
pub fn rehearsal_records() -> Vec<Record> {
    records_in(&format!("{REHEARSAL}/records"))
}

/// The three classes given from the rehearsal fixture deck, oldest first.
pub fn class_records() -> Vec<Record> {
    records_in(CLASSES)
}

/// Creates `dir` (mode 0700, as a runtime directory is) if needed and returns it.
pub fn private_dir(dir: &Path) -> PathBuf {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .expect("creating a private directory");
    dir.to_owned()
}

/// Where the binary keeps its records under the temporary home `home`, whose `state` folder
/// is given as `XDG_STATE_HOME`.
pub fn state_dir(home: &Path) -> PathBuf {
    home.join("state").join("tribune")
}

/// Where the binary keeps the bundled lecture's rehearsals under the temporary home `home`.
pub fn rehearsals_of_the_lecture(home: &Path) -> PathBuf {
    record::rehearsal_dir(&state_dir(home), &record::deck_key(None))
}

/// The class log records of the bundled lecture under the temporary home `home`.
pub fn classes_of_the_lecture(home: &Path) -> PathBuf {
    record::class_dir(&state_dir(home), &record::deck_key(None))
}

/// Where the presenter of the bundled lecture listens, under the runtime directory of `home`.
pub fn lecture_socket(home: &Path) -> PathBuf {
    home.join("run")
        .join("tribune")
        .join(format!("{}.sock", record::deck_key(None)))
}

/// Everything in `dir` (dot files included), sorted; nothing if it does not exist.
pub fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .map(|e| e.expect("a readable directory entry").path())
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => panic!("reading {}: {e}", dir.display()),
    };
    files.sort();
    files
}

/// The record at `path`, which must be one.
pub fn read_record(path: &Path) -> Record {
    let bytes = std::fs::read(path).expect("the record can be read");
    serde_json::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("{} is not a record: {e}", path.display()))
}
