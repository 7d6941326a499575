//! In class, nothing breaks: a closed window, Ctrl-Z, a state folder that cannot be written,
//! and a deck that is never written.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rstest::rstest;

use super::SLIDE_42;
use crate::support::fixtures::{
    classes_of_the_lecture, files_in, lecture_socket, read_record, rehearsals_of_the_lecture,
};
use crate::support::pty::{
    CTRL_Z, ENTER, RIGHT, Session, TAB, class_env, counts_audience, has_flag, on_slide, shows,
    start_audience, start_in_class, start_presenter, start_rehearsal, status_row, wait_for_clock,
    words,
};

/// How a process is doing, from /proc: `T` once stopped (Ctrl-Z).
fn process_state(pid: i32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name in parentheses may hold spaces; the state follows its closing one.
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

/// Closing the window (every descriptor of the pty's master side) ends a class, a rehearsal
/// and an audience window at once: status 129, the record closed with `ended`, the socket gone.
#[test]
fn a_closed_window_ends_every_mode_and_closes_its_record() {
    let home = tempfile::tempdir().unwrap();
    let audience = start_audience(home.path());
    let mut presenter = start_presenter(home.path(), &[]);
    presenter.wait_for("one audience window counted", |sc| counts_audience(sc, 1));
    presenter.send(b"3");
    presenter.send(ENTER);
    presenter.wait_for("slide 3", |sc| on_slide(sc, 3));
    // An overlay open changes nothing: the hang-up still ends it.
    presenter.send(b"o");
    presenter.wait_for("the overview", |sc| shows(sc, "PART I"));
    assert_eq!(presenter.hang_up().exit_code(), 129);
    let files = files_in(&classes_of_the_lecture(home.path()));
    assert_eq!(files.len(), 1, "one class, no temporary file: {files:?}");
    let record = read_record(&files[0]);
    assert!(record.ended.is_some(), "the class is closed: {record:?}");
    assert_eq!(record.stopped_at.as_ref().map(|s| s.number), Some(3));
    assert!(
        !lecture_socket(home.path()).exists(),
        "the presenter removes its socket"
    );
    audience.wait_for("the presenter gone", |sc| {
        words(sc).contains("presenter has left")
    });
    assert_eq!(audience.hang_up().exit_code(), 129);

    let mut rehearsal = start_rehearsal(home.path(), &[]);
    // A second on the opening slide: a rehearsal is kept once a slide has had one.
    wait_for_clock(&rehearsal, 1);
    rehearsal.send(RIGHT);
    rehearsal.wait_for("slide 2", |sc| on_slide(sc, 2));
    rehearsal.send(b"d");
    rehearsal.wait_for("the date prompt", |sc| shows(sc, "Go to date"));
    assert_eq!(rehearsal.hang_up().exit_code(), 129);
    let files = files_in(&rehearsals_of_the_lecture(home.path()));
    assert_eq!(files.len(), 1, "{files:?}");
    let record = read_record(&files[0]);
    assert!(
        record.ended.is_some(),
        "the rehearsal is closed: {record:?}"
    );
    assert!(record.slides[1].millis > 0, "slide 2 kept its time");
}

/// Ctrl-Z gives the terminal back to the shell (main screen, cooked mode) and stops tribune;
/// `fg` brings it back drawn in full, still on its slide, keys working.
#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_redraws() {
    let home = tempfile::tempdir().unwrap();
    let mut env = class_env(home.path());
    env.push(("PS1", PathBuf::from("ready$ ")));
    let env: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
    // An interactive shell with job control, as a teacher's terminal has.
    let mut s = Session::start_program("sh", &["-i"], &env);
    s.wait_for_any_output("the shell's prompt", |sc| shows(sc, "ready$"));
    let command = format!("'{}' --slide 5\r", env!("CARGO_BIN_EXE_tribune"));
    s.send(command.as_bytes());
    s.wait_for("slide 5", |sc| on_slide(sc, 5));
    let pid = s
        .master
        .process_group_leader()
        .expect("tribune runs in the foreground");
    s.send(CTRL_Z);
    s.wait_for_any_output("the shell's screen and prompt", |sc| {
        !sc.alternate_screen() && !sc.hide_cursor() && sc.contents().contains("Stopped")
    });
    assert_eq!(process_state(pid), Some('T'), "tribune is stopped");
    let flags = s.local_flags().expect("the pty's modes");
    assert!(
        has_flag(&flags, "ICANON"),
        "the shell's line editing is back: {flags}"
    );
    s.send(b"fg\r");
    s.wait_for("slide 5 drawn again", |sc| {
        sc.alternate_screen() && on_slide(sc, 5) && shows(sc, "4 March 1953")
    });
    s.assert_raw_mode();
    s.send(RIGHT);
    s.wait_for("slide 6 after fg", |sc| on_slide(sc, 6));
    s.send(b"q");
    s.wait_for_any_output("the shell again", |sc| {
        !sc.alternate_screen() && sc.contents().matches("ready$").count() >= 3
    });
    assert_eq!(process_state(pid), None, "tribune has ended");
    s.send(b"exit\r");
    s.finish().assert_success();
}

/// A state folder that cannot be written (here a file stands where it should be, which even
/// root cannot write into) never stops a class or a rehearsal: the status bar says so in one
/// calm line, q exits 0, and a line on stderr says where it failed.
#[rstest]
#[case::class(&[], "class log not saved")]
#[case::rehearsal(&["rehearse"], "rehearsal not saved")]
fn a_state_folder_that_cannot_be_written_never_stops_a_class(
    #[case] args: &[&str],
    #[case] says: &str,
) {
    let home = tempfile::tempdir().unwrap();
    let blocked = home.path().join("state");
    std::fs::write(&blocked, "not a folder").unwrap();
    let mut s = Session::start_with_env(args, &[("XDG_STATE_HOME", &blocked)]);
    s.wait_for("the first screen", |sc| on_slide(sc, 1));
    if args.first() == Some(&"rehearse") {
        // A rehearsal is saved once a slide has had a second on screen.
        wait_for_clock(&s, 1);
    }
    s.send(RIGHT);
    let sc = s.wait_for("the problem in the status bar", |sc| {
        on_slide(sc, 2) && status_row(sc).contains(says)
    });
    assert!(
        status_row(&sc).contains(&format!("{says}: a file is in the way")),
        "{}",
        status_row(&sc)
    );
    s.send(b"3");
    s.send(ENTER);
    s.wait_for("slide 3, still presenting", |sc| on_slide(sc, 3));
    s.send(b"q");
    s.finish()
        .assert_success()
        .assert_restored_then(&["tribune: cannot save the record in"]);
    assert_eq!(
        std::fs::read_to_string(&blocked).unwrap(),
        "not a folder",
        "the file in the way is left alone"
    );
}

/// Presenting, rehearsing, following and the audience window's re-reading of an edited deck
/// never write to the deck: its bytes, length and modification time survive, and nothing
/// appears beside it.
#[test]
fn presenting_rehearsing_and_following_never_write_the_deck() {
    let home = tempfile::tempdir().unwrap();
    let decks = tempfile::tempdir().unwrap();
    let deck = decks.path().join("lecture.ron");
    let deck_arg = deck.to_str().expect("a UTF-8 path");
    let put = |text: &str| {
        std::fs::write(&deck, text).unwrap();
        // An old, exact time: any rewrite, even of the same bytes, would move it.
        let old = std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        std::fs::File::options()
            .write(true)
            .open(&deck)
            .and_then(|f| f.set_modified(old))
            .unwrap();
    };
    let snapshot = || {
        let meta = std::fs::metadata(&deck).unwrap();
        let listing: Vec<_> = std::fs::read_dir(decks.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        (
            std::fs::read(&deck).unwrap(),
            meta.modified().unwrap(),
            listing,
        )
    };
    let original = tribune::deck::BUNDLED_SOURCE;
    put(original);
    let before = snapshot();

    let mut audience = start_in_class(home.path(), &["audience", deck_arg]);
    audience.wait_for("waiting", |sc| {
        words(sc).contains("waiting for the presenter")
    });
    let mut presenter = start_presenter(home.path(), &[deck_arg]);
    presenter.wait_for("one audience window counted", |sc| counts_audience(sc, 1));
    for key in [RIGHT, RIGHT, b"b".as_slice(), b"b", b"f", b"f", TAB] {
        presenter.send(key);
    }
    audience.wait_for("Part II", |sc| words(sc).contains(SLIDE_42));
    presenter.send(b"q");
    presenter.finish().assert_success();
    let mut rehearsal = start_rehearsal(home.path(), &[deck_arg]);
    rehearsal.send(RIGHT);
    rehearsal.wait_for("slide 2", |sc| on_slide(sc, 2));
    rehearsal.send(b"q");
    rehearsal.finish().assert_success();
    assert!(
        snapshot() == before,
        "presenting, rehearsing or following wrote the deck"
    );

    // The teacher edits the deck while the audience window still holds the old version: the
    // next presenter has the new one, and the audience window reads the file again.
    // A new title changes the deck's fingerprint, which is how the window notices (not ASCII,
    // so it is drawn as text rather than in large type).
    let title = "The 20th Congress of the Communist Party of the Soviet Union";
    let edited = original.replacen(title, "The 20th Congress — edited", 1);
    assert_ne!(edited, original);
    put(&edited);
    let before = snapshot();
    let mut presenter = start_presenter(home.path(), &[deck_arg, "--slide", "42"]);
    audience.wait_for("the edited slide", |sc| {
        words(sc).contains("The 20th Congress — edited")
    });
    presenter.send(b"q");
    presenter.finish().assert_success();
    audience.send(b"q");
    audience.finish().assert_success();
    assert!(
        snapshot() == before,
        "re-reading the edited deck wrote to it"
    );
}

/// Three slides with ids; `extra` goes in before the third, `third` is its title.
fn reload_deck(third: &str, extra: bool) -> String {
    let inserted = if extra {
        r#"Slide(id: "new", title: "A slide added", date: "1953-03-04", notes: "n"),"#
    } else {
        ""
    };
    format!(
        r#"Deck(title: "Reloading", span: "1953", parts: [Part(id: "p", title: "P", slides: [
    Slide(id: "one", title: "First", date: "1953-03-01", notes: "n"),
    Slide(id: "two", title: "Second", date: "1953-03-02", notes: "n"),
    {inserted}
    Slide(id: "three", title: "{third}", date: "1953-03-05", notes: "n"),
])])"#
    )
}

/// A save reloads the deck within the wait and keeps the place, whether the editor renames a
/// new file over the old one or rewrites it in place; the audience window follows; a save that
/// does not load keeps the last good deck under a banner naming the line, and the next good
/// save clears it; Ctrl-R reloads at once. The deck itself is only ever written by the test.
#[test]
fn a_saved_deck_reloads_in_place_and_a_broken_save_keeps_the_last_good_one() {
    let home = tempfile::tempdir().unwrap();
    let decks = tempfile::tempdir().unwrap();
    let deck = decks.path().join("lecture.ron");
    let arg = deck.to_str().unwrap();
    // Titles that are not ASCII are drawn as text on the projector, not in large type.
    std::fs::write(&deck, reload_deck("Third — first", false)).unwrap();
    let audience = start_in_class(home.path(), &["audience", arg]);
    audience.wait_for("waiting", |sc| {
        words(sc).contains("waiting for the presenter")
    });
    let mut s = start_in_class(home.path(), &[arg, "--slide", "3"]);
    s.wait_for("slide 3 of 3", |sc| status_row(sc).contains("3/3"));
    audience.wait_for("the third slide", |sc| words(sc).contains("Third — first"));

    // An atomic save: written beside the deck, then renamed over it. A slide is inserted before
    // the one on screen, which is found again by its id.
    let staged = decks.path().join(".lecture.ron.swp");
    std::fs::write(&staged, reload_deck("Third — edited", true)).unwrap();
    std::fs::rename(&staged, &deck).unwrap();
    s.wait_for("the edited slide, now 4 of 4", |sc| {
        status_row(sc).contains("4/4") && shows(sc, "Third — edited")
    });
    audience.wait_for("the edit on the projector", |sc| {
        words(sc).contains("Third — edited")
    });

    // Rewritten in place, as some editors do.
    std::fs::write(&deck, reload_deck("Third — again", true)).unwrap();
    s.wait_for("the second edit", |sc| shows(sc, "Third — again"));

    // A save that does not load: the slide stays, and the banner names where.
    std::fs::write(
        &deck,
        reload_deck("Third — again", true).replace("1953-03-05", "1953-02-30"),
    )
    .unwrap();
    let sc = s.wait_for("the banner", |sc| shows(sc, "not reloaded"));
    assert!(
        words(&sc).contains(&format!("{arg}:5:")) && shows(&sc, "Third — again"),
        "{}",
        crate::support::pty::dump(&sc)
    );
    std::fs::write(&deck, reload_deck("Third — fixed", true)).unwrap();
    s.wait_for("the fix, without the banner", |sc| {
        shows(sc, "Third — fixed") && !shows(sc, "not reloaded")
    });

    // Ctrl-R reads the file at once.
    s.send(b"\x12");
    s.wait_for("the reload said", |sc| status_row(sc).contains("reloaded"));
    s.send(b"q");
    s.finish().assert_success().assert_restored();
    let mut audience = audience;
    audience.send(b"q");
    audience.finish().assert_success();
}

/// With `NO_COLOR` set, nothing tribune draws carries a colour: no foreground, background or
/// underline colour codes at all, only attributes (and the default-colour resets).
#[test]
fn no_color_means_no_colour_codes() {
    let home = tempfile::tempdir().unwrap();
    let no_colour = PathBuf::from("1");
    let mut s = Session::start_with_env(
        &["--notes", "--slide", "5"],
        &[
            ("NO_COLOR", no_colour.as_path()),
            ("XDG_STATE_HOME", home.path()),
        ],
    );
    s.wait_for("slide 5 with its notes", |sc| {
        on_slide(sc, 5) && shows(sc, "NOTES")
    });
    s.send(b"d");
    s.wait_for("the date prompt", |sc| shows(sc, "Go to date"));
    s.send(b"1953");
    s.wait_for("its preview", |sc| shows(sc, "→"));
    s.send(b"\x1b");
    s.wait_for("the prompt closed", |sc| !shows(sc, "Go to date"));
    s.send(b"q");
    let done = s.finish();
    done.assert_success();
    let colours = colour_codes(&done.raw);
    assert!(
        colours.is_empty(),
        "colour codes under NO_COLOR: {colours:?}"
    );
}

/// The SGR parameters in `raw` that set a colour (30–38, 40–48, 58, 90–97, 100–107); 39, 49
/// and 59 only go back to the terminal's own.
fn colour_codes(raw: &str) -> Vec<String> {
    let mut found = Vec::new();
    for seq in raw.split("\x1b[").skip(1) {
        let Some(end) = seq.find(|c: char| c.is_ascii_alphabetic()) else {
            continue;
        };
        if &seq[end..=end] != "m" {
            continue;
        }
        for p in seq[..end].split(';') {
            let sets_colour = p
                .parse::<u32>()
                .is_ok_and(|n| matches!(n, 30..=38 | 40..=48 | 58 | 90..=97 | 100..=107));
            if sets_colour {
                found.push(seq[..=end].to_owned());
            }
        }
    }
    found
}
