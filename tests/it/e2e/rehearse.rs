//! Rehearsals: `tribune rehearse` with a state directory of its own (`XDG_STATE_HOME` and `HOME`
//! both in a temporary directory), the record it leaves on disk, and the presenter reading it.

use std::time::Duration;

use rstest::rstest;

use super::status_after;
use crate::support::fixtures::{SLIDES, files_in, lecture, read_record, rehearsals_of_the_lecture};
use crate::support::pty::{
    CTRL_C, ENTER_ALT, RIGHT, Session, dump, elapsed_secs, on_slide, on_step, shows,
    start_rehearsal, start_with_state, wait_for_clock, wait_until,
};

/// Waits, on a slide just reached (`arrived` is its first screen), until the clock shows it
/// has been on screen `secs` seconds or more: the clock shows whole seconds, so `secs + 1`
/// past what it read on arrival.
fn stay(s: &Session, arrived: &vt100::Screen, secs: u64) {
    let at = elapsed_secs(arrived).expect("the clock runs");
    wait_for_clock(s, at + secs + 1);
}

/// The walk every rehearsal test starts with: a second on the opening slide (a rehearsal's
/// clock runs from its start), Right to slide 2, a second on it, Right to its second step,
/// Right to slide 3. Slides 1 and 2 then hold at least 1000 ms each; slide 3 is on screen, its
/// time just begun.
fn rehearse_into_slide_3(s: &mut Session) {
    wait_for_clock(s, 1);
    s.send(RIGHT);
    let arrived = s.wait_for("slide 2, first step", |sc| on_step(sc, 2, 1, 2));
    stay(s, &arrived, 1);
    s.send(RIGHT);
    s.wait_for("slide 2, second step", |sc| on_step(sc, 2, 2, 2));
    s.send(RIGHT);
    s.wait_for("slide 3", |sc| on_slide(sc, 3));
}

/// The milliseconds of each slide in the one rehearsal record under `home`.
fn the_one_rehearsal(home: &std::path::Path) -> Vec<u64> {
    let files = files_in(&rehearsals_of_the_lecture(home));
    assert_eq!(files.len(), 1, "{files:?}");
    read_record(&files[0])
        .slides
        .iter()
        .map(|t| t.millis)
        .collect()
}

/// `tribune: rehearsal saved: N slides, …`: N.
fn slides_saved(line: &str) -> usize {
    line.strip_prefix("tribune: rehearsal saved: ")
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("not a 'rehearsal saved' line: {line:?}"))
}

/// Twenty minutes for the lecture's 84 slides (none with a fixed duration) is 14 s each, under
/// the 20 s floor: said on stderr before the screen is taken, so it stays in the scrollback,
/// and in short in the status bar.
#[test]
fn a_target_too_short_for_the_slides_is_said_before_and_in_the_status_bar() {
    let home = tempfile::tempdir().unwrap();
    let mut s = start_with_state(home.path(), &["rehearse", "--target", "20m"]);
    s.wait_for("the tight budget in the status bar", |sc| {
        shows(sc, "tight budget: 84 slides get 14 s each of 20:00")
    });
    s.send(b"q");
    let done = s.finish();
    done.assert_success();
    let before = done.raw.split(ENTER_ALT).next().unwrap_or_default();
    assert!(
        before.contains(
            "tribune: warning: the 20:00 target (--target) gives the 84 slides 14 s each; each \
             should have at least 20 s"
        ),
        "{before:?}"
    );
}

/// A rehearsal is timed from its start, not from the first move: the opening slide has a time.
#[test]
fn a_rehearsal_times_the_opening_slide_from_its_start() {
    let home = tempfile::tempdir().unwrap();
    let mut s = start_rehearsal(home.path(), &["--target", "10m"]);
    wait_for_clock(&s, 1);
    s.send(b"q");
    let done = s.finish();
    done.assert_success()
        .assert_restored_then(&["tribune: rehearsal saved: 1 slide, "]);
    let millis = the_one_rehearsal(home.path());
    assert!(millis[0] >= 1000, "{:?}", &millis[..3]);
    assert!(millis[1..].iter().all(|&m| m == 0), "{:?}", &millis[..3]);
}

/// Stopped by a signal (or Ctrl-C, a key in raw mode), a rehearsal still saves one whole record,
/// `ended` set, with the time of every slide it went through, the slide on screen at the end
/// included.
#[rstest]
#[case::sigterm("TERM")]
#[case::sighup("HUP")]
#[case::sigint("INT")]
#[case::ctrl_c_key("Ctrl-C")]
fn a_rehearsal_stopped_by_a_signal_is_saved(#[case] signal: &str) {
    let home = tempfile::tempdir().unwrap();
    let mut s = start_rehearsal(home.path(), &["--target", "10m"]);
    let pid = s.pid;
    rehearse_into_slide_3(&mut s);
    // Time on slide 3 that cannot round to zero, then on to slide 4.
    let on_3 = s.screen();
    wait_for_clock(&s, elapsed_secs(&on_3).expect("the clock runs") + 1);
    s.send(RIGHT);
    let on_4 = s.wait_for("slide 4", |sc| on_slide(sc, 4));
    // A moment on slide 4, seen on screen: the clock ticks on while it is up. (Signalled
    // before the next tick: the test below.)
    wait_for_clock(&s, elapsed_secs(&on_4).expect("the clock runs") + 1);
    if signal == "Ctrl-C" {
        // In raw mode Ctrl-C is a key, read like q.
        s.send(CTRL_C);
    } else {
        s.signal(signal);
    }
    let done = s.finish();
    done.assert_status(status_after(signal))
        .assert_restored_then(&["tribune: rehearsal saved: "]);

    let files = files_in(&rehearsals_of_the_lecture(home.path()));
    assert_eq!(
        files.len(),
        1,
        "one record and no temporary file: {files:?}"
    );
    let record = read_record(&files[0]);
    assert_eq!(
        files[0].file_name().and_then(|n| n.to_str()),
        Some(format!("{}-{pid}.json", record.started).as_str())
    );
    assert_eq!(record.version, 1);
    assert_eq!(record.deck_title, "The two deaths of Stalin");
    assert_eq!(record.target_secs, Some(600));
    let ended = record.ended.expect("a finished rehearsal has `ended`");
    assert!(ended >= record.started + 3, "{record:?}");
    assert_eq!(record.slides.len(), SLIDES);
    assert!(
        record
            .slides
            .iter()
            .enumerate()
            .all(|(i, t)| t.number == i + 1),
        "numbers run 1 to {SLIDES}"
    );
    assert_eq!(record.slides[0].id.as_deref(), Some("title"));
    let deck = lecture();
    let budgets: Vec<Option<u64>> =
        tribune::timing::budget::budgets(&deck, Some(Duration::from_secs(600)))
            .iter()
            .map(|b| b.map(|d| d.as_secs()))
            .collect();
    let recorded: Vec<Option<u64>> = record.slides.iter().map(|t| t.budget_secs).collect();
    assert_eq!(recorded, budgets, "the budgets of a 10-minute target");

    let millis: Vec<u64> = record.slides.iter().map(|t| t.millis).collect();
    // The clock starts with the rehearsal: the title slide has its second too.
    assert!(millis[0] >= 1000, "{millis:?}");
    // Slide 2 was left a second after it came; slide 3 once the clock had moved on.
    assert!(millis[1] >= 1000, "{millis:?}");
    assert!(millis[2] > 0, "{millis:?}");
    assert!(
        millis[4..].iter().all(|&m| m == 0),
        "slides never shown have no time: {millis:?}"
    );
    // Slide 4 was on screen until the signal, while the clock moved on a second.
    assert!(
        millis[3] > 0,
        "the slide on screen when the {signal} arrived lost its time: {millis:?}"
    );
    let said = done.said_after_restore();
    assert_eq!(slides_saved(&said[0]), 4, "{said:?}");
}

/// The slide on screen when a signal stops a rehearsal keeps its time, however short: the
/// final record brings the clock up to the moment of stopping rather than reading the last
/// once-a-second tick (before 16883c9 such a slide was saved with 0 ms).
#[rstest]
#[case::sigterm("TERM")]
#[case::sighup("HUP")]
fn the_slide_on_screen_at_a_signal_keeps_its_time(#[case] signal: &str) {
    let home = tempfile::tempdir().unwrap();
    let mut s = start_rehearsal(home.path(), &["--target", "10m"]);
    rehearse_into_slide_3(&mut s);
    s.send(RIGHT);
    s.wait_for("slide 4", |sc| on_slide(sc, 4));
    // Slide 4 is on screen: however short, it was rehearsed (the frame alone takes
    // milliseconds to draw and read, and starting kill(1) more).
    s.signal(signal);
    let done = s.finish();
    done.assert_status(status_after(signal))
        .assert_restored_then(&["tribune: rehearsal saved: "]);
    let millis = the_one_rehearsal(home.path());
    assert!(
        millis[3] > 0,
        "slide 4 was on screen when the {signal} arrived, yet saved with no time: {:?}",
        &millis[..5]
    );
    let said = done.said_after_restore();
    assert_eq!(slides_saved(&said[0]), 4, "{said:?}");
}

/// A rehearsal killed outright leaves its last checkpoint, whole; the next rehearsal writes a
/// record of its own beside it and never touches it, and shows its times as "last time".
#[test]
fn a_killed_rehearsal_leaves_its_checkpoint_and_the_next_one_keeps_it() {
    let home = tempfile::tempdir().unwrap();
    let dir = rehearsals_of_the_lecture(home.path());
    let mut s = start_rehearsal(home.path(), &["--target", "10m"]);
    let pid = s.pid;
    // Two slide changes (1 → 2, 2 → 3), each checkpointed by the writer thread once its frame
    // is drawn: the kill comes once the checkpoint for slide 3 is on disk.
    rehearse_into_slide_3(&mut s);
    wait_until("the checkpoint on slide 3", || {
        files_in(&dir).iter().any(|f| {
            f.extension().is_some_and(|e| e == "json")
                && std::fs::read(f)
                    .ok()
                    .and_then(|b| {
                        serde_json::from_slice::<tribune::timing::record::Record>(&b).ok()
                    })
                    .is_some_and(|r| r.stopped_at.is_some_and(|s| s.number == 3))
        })
    });
    s.signal("KILL");
    let done = s.finish();
    assert!(!done.status.success(), "{:?}", done.status);

    let files = files_in(&dir);
    assert_eq!(
        files.len(),
        1,
        "the checkpoint and no temporary file: {files:?}"
    );
    let checkpoint = files[0].clone();
    let bytes = std::fs::read(&checkpoint).unwrap();
    let record = read_record(&checkpoint);
    assert_eq!(
        checkpoint.file_name().and_then(|n| n.to_str()),
        Some(format!("{}-{pid}.json", record.started).as_str())
    );
    assert_eq!(record.ended, None, "a checkpoint has no end");
    assert_eq!(record.target_secs, Some(600));
    assert_eq!(record.slides.len(), SLIDES);
    let millis: Vec<u64> = record.slides.iter().map(|t| t.millis).collect();
    assert!(millis[1] >= 1000, "{millis:?}");
    // Checkpointed on entering slide 3: nothing on it yet, nor beyond.
    assert!(
        millis[0] >= 1000 && millis[2..].iter().all(|&m| m == 0),
        "{millis:?}"
    );

    // A second rehearsal: a second on the opening slide (a rehearsal in which no slide was on
    // screen a second is not kept), one advance, then q. Its notes pane shows the checkpoint's
    // time.
    let last_time = format!(
        "last time {}",
        tribune::timing::budget::clock(Duration::from_millis(millis[1]))
    );
    let mut s = start_rehearsal(home.path(), &[]);
    let second_pid = s.pid;
    wait_for_clock(&s, 1);
    s.send(RIGHT);
    s.wait_for("slide 2 with its last time", |sc| {
        on_step(sc, 2, 1, 2) && shows(sc, &last_time)
    });
    s.send(b"q");
    s.finish()
        .assert_success()
        .assert_restored_then(&["tribune: rehearsal saved: "]);

    let files = files_in(&dir);
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files.contains(&checkpoint), "{files:?}");
    assert_eq!(
        std::fs::read(&checkpoint).unwrap(),
        bytes,
        "the first rehearsal's record changed"
    );
    let second = files.iter().find(|f| **f != checkpoint).unwrap();
    let record = read_record(second);
    assert!(
        second
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with(&format!("-{second_pid}.json"))),
        "{second:?}"
    );
    assert!(record.ended.is_some());
    // Without --target, the lecture's own duration (1h30m).
    assert_eq!(record.target_secs, Some(90 * 60));
}

/// The presenter reads the rehearsals too: the notes pane gives a slide's time last time.
#[test]
fn the_presenter_shows_the_last_rehearsal_time_in_the_notes() {
    let home = tempfile::tempdir().unwrap();
    let mut s = start_rehearsal(home.path(), &["--target", "10m"]);
    rehearse_into_slide_3(&mut s);
    s.send(b"q");
    s.finish()
        .assert_success()
        .assert_restored_then(&["tribune: rehearsal saved: "]);
    let files = files_in(&rehearsals_of_the_lecture(home.path()));
    assert_eq!(files.len(), 1, "{files:?}");
    let record = read_record(&files[0]);
    let last_time = |n: usize| {
        format!(
            "last time {}",
            tribune::timing::budget::clock(Duration::from_millis(record.slides[n].millis))
        )
    };

    let mut s = start_with_state(home.path(), &["--notes"]);
    // Every slide has a budget (the lecture's 1h30m shared out), so the class gets a forecast;
    // the opening slide was rehearsed too.
    let screen = s.wait_for("slide 1's timing line", |sc| {
        on_slide(sc, 1) && shows(sc, "PACE") && shows(sc, "ends ") && shows(sc, " of ")
    });
    assert!(shows(&screen, &last_time(0)), "{}", dump(&screen));
    assert!(
        !shows(&screen, "talk "),
        "no rehearsal pacing in class: {}",
        dump(&screen)
    );
    s.send(RIGHT);
    s.wait_for("slide 2 with its last time", |sc| {
        on_step(sc, 2, 1, 2) && shows(sc, &last_time(1))
    });
    s.send(b"q");
    // Presenting saves nothing and says nothing.
    s.finish().assert_success().assert_restored();
    assert_eq!(files_in(&rehearsals_of_the_lecture(home.path())), files);
}
