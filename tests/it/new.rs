//! `tribune new` through the real binary: the starter deck it writes checks clean, with no
//! slide too long for 80x24 or 120x40; `--title` survives quotes and backslashes; an existing
//! file is refused and left byte for byte as it was; a failure leaves nothing behind; what it
//! prints says what to run next. (That the deck shows every block kind is a unit test beside
//! the command, where the template is.)

use std::fs;
use std::path::Path;

use rstest::rstest;
use tribune::deck::load_path;

use crate::support::bin::{run, tribune};

/// Runs `tribune new` with `args`; (exit code, stdout, stderr).
fn new(args: &[&str]) -> (i32, String, String) {
    let (code, stdout, stderr) = run(tribune().arg("new").args(args));
    (code, stdout, String::from_utf8_lossy(&stderr).into_owned())
}

fn text(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temporary path")
}

#[test]
fn the_starter_deck_checks_clean_and_fits_both_sizes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("lecture.ron");
    let (code, stdout, stderr) = new(&[text(&path)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    assert!(
        stdout.contains(&format!("Wrote {}", path.display())),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("tribune check {}", path.display())),
        "{stdout}"
    );
    assert!(
        stdout.lines().any(|l| l
            .trim_start()
            .starts_with(&format!("tribune {}", path.display()))),
        "{stdout}"
    );

    let (code, out, err) = run(tribune().args([
        "check",
        "--size",
        "80x24",
        "--size",
        "120x40",
        "--strict",
        text(&path),
    ]));
    let err = String::from_utf8_lossy(&err);
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(!err.contains("warning:"), "{err}");
    assert!(err.contains(", 0 warnings"), "{err}");
}

#[test]
fn a_title_with_quotes_and_a_backslash_round_trips() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("lecture.ron");
    let title = r#"My "first" lecture \ C:\notes, l'été"#;
    let (code, _, stderr) = new(&[text(&path), "--title", title]);
    assert_eq!(code, 0, "{stderr}");
    let loaded = load_path(&path).unwrap_or_else(|e| panic!("the deck does not load:\n{e}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.deck.title.as_str(), title);
    let first = loaded.deck.slide(0).map(|s| s.title.as_str());
    assert_eq!(first, Some(title), "the title slide");
}

#[test]
fn an_existing_file_is_refused_and_left_byte_identical() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("lecture.ron");
    // Not a deck, and with a byte no text editor would keep: anything but a copy would show.
    let before: &[u8] = b"my own lecture, not yet saved elsewhere\r\n\xff\n";
    fs::write(&path, before).expect("write");
    for args in [vec![text(&path)], vec![text(&path), "--title", "Another"]] {
        let (code, stdout, stderr) = new(&args);
        assert_eq!(code, 1, "{stderr}");
        assert!(stdout.is_empty(), "{stdout}");
        assert!(
            stderr.contains(&format!("{} already exists", path.display())),
            "{stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert_eq!(fs::read(&path).expect("read"), before);
    }
    let names: Vec<_> = fs::read_dir(dir.path()).expect("list").collect();
    assert_eq!(names.len(), 1, "files appeared beside the deck");
}

#[test]
fn missing_folders_are_made_and_a_failure_leaves_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let deep = dir.path().join("term/week1/lecture.ron");
    let (code, _, stderr) = new(&[text(&deep)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(deep.is_file());

    // A name too long for any file system fails once the folders above it exist: they go too.
    let long = dir
        .path()
        .join("a/b")
        .join(format!("{}.ron", "x".repeat(300)));
    let (code, stdout, stderr) = new(&[text(&long)]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.starts_with("tribune: cannot write "), "{stderr}");
    assert!(!dir.path().join("a").exists(), "a folder was left behind");

    // A folder is not a file name.
    let (code, _, stderr) = new(&[text(dir.path())]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("is a folder"), "{stderr}");
}

#[rstest]
#[case::blank("   ")]
#[case::escape("a\u{1b}[2Jb")]
fn a_title_no_deck_can_hold_is_a_usage_error(#[case] title: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("lecture.ron");
    let (code, stdout, stderr) = new(&[text(&path), "--title", title]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(!path.exists());
}
