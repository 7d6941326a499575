//! The presenter driven by keys on the bundled lecture: a walk through it, clicker keys and
//! keys that must do no harm, signals and Ctrl-C, resizing, starts that fail before the screen
//! is touched, and the `--slide`, `--notes` and `--date` options.

use std::thread;
use std::time::{Duration, Instant};

use rstest::rstest;

use super::status_after;
use crate::support::pty::{
    CTRL_C, ENTER, ENTER_ALT, ESC, F5, PAGE_DOWN, PAGE_UP, RIGHT, Session, TAB, big_text_rows,
    dump, is_blank, last_chars, on_slide, on_step, shows, start_lecture, status_row, words,
};

#[test]
fn walk_through_the_lecture_with_keys_then_quit() {
    let mut s = start_lecture(&[]);
    // The title is drawn in big block letters, which are not text; the deck's subtitle under
    // it is. The title slide is undated: the timeline marks no slide as here.
    s.wait_for("slide 1, the title slide", |sc| {
        on_slide(sc, 1)
            && big_text_rows(sc) >= 4
            && (sc.contents().lines())
                .any(|l| l.split('│').next().map(str::trim) == Some("1953–1956"))
            && !sc.contents().contains('◉')
    });

    s.send(RIGHT);
    s.wait_for("slide 2 after Right", |sc| on_slide(sc, 2));

    s.send(b"5");
    s.wait_for("the typed digit in the status bar", |sc| {
        status_row(sc).contains("go to slide 5")
    });
    s.send(ENTER);
    s.wait_for("slide 5, 4 March 1953", |sc| {
        on_slide(sc, 5) && shows(sc, "4 March 1953")
    });

    s.send(TAB);
    s.wait_for("Part II opening on slide 42", |sc| {
        on_slide(sc, 42) && status_row(sc).contains("Part II ")
    });

    s.send(b"d");
    s.wait_for("the date prompt", |sc| shows(sc, "Go to date"));
    s.send(b"25 Feb 1956");
    s.wait_for("the preview landing on slide 46", |sc| {
        // Inside the prompt's box: `│ → 46  25 February 1956  …`.
        sc.contents().lines().any(|l| l.contains("│ → 46  "))
    });
    s.send(ENTER);
    s.wait_for("slide 46, 25 February 1956, after the date jump", |sc| {
        on_slide(sc, 46) && !shows(sc, "Go to date") && shows(sc, "25 February 1956")
    });

    s.send(b"`");
    s.wait_for("back on slide 42 after backtick", |sc| on_slide(sc, 42));

    s.send(b"q");
    s.finish().assert_success().assert_restored();
}

#[test]
fn clicker_keys_page_blank_and_harmless_keys() {
    let mut s = start_lecture(&[]);
    // Slide 2 has one pause: PgDn reveals its second step before moving on.
    s.send(PAGE_DOWN);
    let screen = s.wait_for("slide 2, first step", |sc| on_step(sc, 2, 1, 2));
    assert!(!shows(&screen, "A merciless power struggle"));
    s.send(PAGE_DOWN);
    s.wait_for("slide 2, second step revealed", |sc| {
        on_step(sc, 2, 2, 2) && shows(sc, "A merciless power struggle")
    });
    s.send(PAGE_DOWN);
    s.wait_for("slide 3 after PgDn", |sc| on_slide(sc, 3));
    s.send(PAGE_UP);
    s.wait_for("slide 2 fully revealed after PgUp", |sc| {
        on_step(sc, 2, 2, 2) && shows(sc, "A merciless power struggle")
    });
    s.send(PAGE_UP);
    s.wait_for("slide 2 back at its first step", |sc| {
        on_step(sc, 2, 1, 2) && !shows(sc, "A merciless power struggle")
    });

    // `b` blanks everything, status bar included; any key brings the same slide back.
    s.send(b"b");
    s.wait_for("a blank screen after b", is_blank);
    s.send(b"x");
    s.wait_for("slide 2 back after a key", |sc| {
        on_step(sc, 2, 1, 2) && shows(sc, "What happened between")
    });
    // `.` blanks too, and even `q` only unblanks.
    s.send(b".");
    s.wait_for("a blank screen after .", is_blank);
    s.send(b"q");
    s.wait_for("slide 2 back after q on the blank screen", |sc| {
        on_step(sc, 2, 1, 2) && shows(sc, "What happened between")
    });
    s.assert_running();

    // Esc closes and clears but never quits. A lone Esc must be read before the next byte
    // arrives, or the two would parse as one Alt-key, so each Esc waits for its effect.
    s.send(b"?");
    s.wait_for("the key help", |sc| shows(sc, "Esc or ? closes"));
    s.send(ESC);
    s.wait_for("the help closed by Esc", |sc| {
        !shows(sc, "Esc or ? closes") && on_step(sc, 2, 1, 2)
    });
    s.send(b"7");
    s.wait_for("typed digits", |sc| {
        status_row(sc).contains("go to slide 7")
    });
    s.send(ESC);
    s.wait_for("digits cleared by Esc", |sc| {
        !status_row(sc).contains("go to slide") && on_step(sc, 2, 1, 2)
    });
    s.send(b"d");
    s.wait_for("the date prompt", |sc| shows(sc, "Go to date"));
    s.send(ESC);
    s.wait_for("the date prompt closed by Esc", |sc| {
        !shows(sc, "Go to date") && on_step(sc, 2, 1, 2)
    });
    s.assert_running();

    // F5 (a clicker's "start the show") does nothing; `n` after it proves both were read.
    s.send(F5);
    s.send(b"n");
    let screen = s.wait_for("the notes pane after F5 then n", |sc| shows(sc, "NOTES"));
    assert!(
        on_step(&screen, 2, 1, 2) && !shows(&screen, "Esc or ? closes"),
        "F5 changed something:\n{}",
        dump(&screen)
    );
    s.send(RIGHT);
    s.wait_for("slide 2's second step after Esc and F5", |sc| {
        on_step(sc, 2, 2, 2)
    });
    s.assert_running();

    s.send(b"q");
    s.finish().assert_success().assert_restored();
}

#[rstest]
#[case::sigterm("TERM")]
#[case::sighup("HUP")]
#[case::sigint("INT")]
fn a_signal_quits_cleanly(#[case] signal: &str) {
    let mut s = start_lecture(&[]);
    s.send(RIGHT);
    s.wait_for("slide 2", |sc| on_slide(sc, 2));
    s.signal(signal);
    s.finish()
        .assert_status(status_after(signal))
        .assert_restored();
}

#[test]
fn ctrl_c_quits_cleanly() {
    let mut s = start_lecture(&[]);
    s.send(CTRL_C);
    s.finish().assert_success().assert_restored();
}

#[test]
fn resizing_lays_the_screen_out_again() {
    let mut s = start_lecture(&[]);
    s.resize(80, 24);
    s.wait_for("the 80x24 layout: big title, status bar on row 24", |sc| {
        let rows: Vec<String> = sc.rows(0, 80).collect();
        rows.len() == 24
            && on_slide(sc, 1)
            && big_text_rows(sc) >= 4
            && rows[..23].iter().all(|r| !r.contains("/84"))
    });
    // Too small for big letters: the title becomes a plain line.
    s.resize(30, 8);
    s.wait_for("the 30x8 layout: the title as text", |sc| {
        sc.rows(0, 30).count() == 8
            && on_slide(sc, 1)
            && shows(sc, "The two deaths of Stalin")
            && big_text_rows(sc) == 0
    });
    s.resize(19, 5);
    s.wait_for("the too-small message at 19x5", |sc| {
        words(sc) == "terminal too small: need 20x6"
    });
    s.resize(20, 6);
    s.wait_for(
        "the smallest layout at 20x6: some slide, the position",
        |sc| {
            let rows: Vec<String> = sc.rows(0, 20).collect();
            rows.len() == 6
                && on_slide(sc, 1)
                && rows[..5].iter().any(|r| !r.trim().is_empty())
                && !shows(sc, "small")
        },
    );
    s.resize(120, 40);
    s.wait_for("the full layout again at 120x40", |sc| {
        on_slide(sc, 1) && big_text_rows(sc) >= 4
    });
    s.assert_running();
    s.send(b"q");
    s.finish().assert_success().assert_restored();
}

/// A key pressed after the window is resized is acted on at once, and the process sits idle
/// afterwards. crossterm's event source once returned the resize it saw pending alongside the
/// key and, waiting edge-triggered, forgot the key until another came, while the loop's own
/// level-triggered wait spun on the unread bytes at a full core.
#[test]
fn a_key_after_resizes_is_acted_on_at_once_and_nothing_spins() {
    let mut s = start_lecture(&[]);
    // The first key starts whatever reads the terminal, before any resize.
    s.send(RIGHT);
    s.wait_for("slide 2", |sc| on_step(sc, 2, 1, 2));
    s.resize(100, 30);
    s.wait_for("slide 2 at 100x30", |sc| on_step(sc, 2, 1, 2));
    s.resize(110, 35);
    s.wait_for("slide 2 at 110x35", |sc| on_step(sc, 2, 1, 2));
    s.send(RIGHT);
    s.wait_for("slide 2's second step after Right", |sc| {
        on_step(sc, 2, 2, 2)
    });
    // Measured over a span of idle time, not waiting for anything: a process blocked in
    // `poll` uses next to nothing, one spinning a full core.
    if let Some(before) = s.cpu_ticks() {
        let started = Instant::now();
        thread::sleep(Duration::from_secs(1));
        let used = s.cpu_ticks().expect("the process is still there") - before;
        let idle = started.elapsed();
        // A tick is 10 ms: /proc counts in USER_HZ, 100 on Linux.
        let cpu = Duration::from_millis(used * 10);
        assert!(
            cpu < idle / 5,
            "tribune used {cpu:?} of CPU in {idle:?} while idle"
        );
    }
    s.assert_running();
    s.send(b"q");
    s.finish().assert_success().assert_restored();
}

#[rstest]
#[case::impossible_date(
    &["tests/fixtures/invalid/impossible-date.ron"],
    &[
        "tests/fixtures/invalid/impossible-date.ron:23:28: error: February 1953 has only 28 days, \
         so day 30 does not exist",
        "23 | date: \"1953-02-30\",",
        "| ^^^^^^^^^^",
    ],
)]
#[case::slide_out_of_range(&["--slide", "85"], &["--slide 85: slides run from 1 to 84"])]
fn a_bad_start_fails_before_touching_the_screen(#[case] args: &[&str], #[case] says: &[&str]) {
    let s = Session::start(args);
    let done = s.finish();
    assert_eq!(
        (done.status.exit_code(), done.status.signal()),
        (1, None),
        "the screen:\n{}",
        dump(&done.screen)
    );
    let text = words(&done.screen);
    for line in says {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            text.contains(&line),
            "missing {line:?}; the screen:\n{}",
            dump(&done.screen)
        );
    }
    assert!(
        !done.raw.contains(ENTER_ALT),
        "the alternate screen was entered: …{:?}",
        last_chars(&done.raw, 300)
    );
    assert!(!done.screen.alternate_screen());
}

#[test]
fn start_on_a_slide_with_notes() {
    let mut s = start_lecture(&["--slide", "30", "--notes"]);
    s.wait_for("slide 30 with the notes pane", |sc| {
        on_slide(sc, 30) && shows(sc, "NOTES") && shows(sc, "Doctors' Plot")
    });
    s.send(b"q");
    s.finish().assert_success().assert_restored();
}

#[test]
fn start_at_a_date() {
    let mut s = start_lecture(&["--date", "June 1953"]);
    let screen = s.wait_for("slide 39, 26 June 1953", |sc| {
        on_slide(sc, 39) && shows(sc, "26 June 1953")
    });
    assert!(!shows(&screen, "NOTES"), "notes are off unless asked for");
    s.send(b"q");
    s.finish().assert_success().assert_restored();
}
