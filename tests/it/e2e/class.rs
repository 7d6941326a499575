//! Presenting in class: `tribune audience` in one pty follows `tribune` in another, sharing a
//! HOME, a state directory and a runtime directory (where the socket lives); and the class log
//! and resume point a presenter leaves.

use std::io::Write;
use std::path::Path;

use super::{SLIDE_2_FIRST, SLIDE_2_REVEALED, SLIDE_5, SLIDE_42, SLIDE_46};
use crate::support::fixtures::{classes_of_the_lecture, files_in, lecture_socket, read_record};
use crate::support::pty::{
    ENTER, ESC, RIGHT, Session, TAB, big_text_rows, class_env, counts_audience, dump, is_blank,
    on_slide, on_step, shows, start_audience, start_in_class, start_presenter, status_row, timeout,
    words,
};

#[test]
fn the_audience_follows_moves_reveals_jumps_blank_and_freeze() {
    let home = tempfile::tempdir().unwrap();
    let mut audience = start_audience(home.path());
    let mut presenter = start_presenter(home.path(), &[]);
    audience.wait_for("the title slide, in large type", |sc| {
        big_text_rows(sc) >= 4 && !words(sc).contains("waiting")
    });
    presenter.wait_for("one audience window counted", |sc| counts_audience(sc, 1));

    presenter.send(RIGHT);
    audience.wait_for("slide 2, first step only", |sc| {
        words(sc).contains(SLIDE_2_FIRST) && !words(sc).contains(SLIDE_2_REVEALED)
    });
    presenter.send(RIGHT);
    audience.wait_for("slide 2, revealed", |sc| {
        words(sc).contains(SLIDE_2_REVEALED)
    });

    presenter.send(TAB);
    audience.wait_for("Part II", |sc| words(sc).contains(SLIDE_42));

    // Typing a date moves nothing for the class. The link is one ordered stream: once the
    // audience shows what the presenter sent after the typing (a black screen, from `b`),
    // anything sent while typing has been drawn before it.
    let typing = audience.frame_mark();
    presenter.send(b"d");
    presenter.wait_for("the date prompt", |sc| shows(sc, "Go to date"));
    presenter.send(b"25 Feb 1956");
    presenter.wait_for("the preview", |sc| shows(sc, "→ 46"));
    presenter.send(ESC);
    presenter.wait_for("the prompt closed", |sc| !shows(sc, "Go to date"));
    presenter.send(b"b");
    audience.wait_for("a black screen after the typing", is_blank);
    let seen = audience.frames_since(typing);
    assert!(
        !seen.is_empty() && seen.iter().all(|f| !f.contains(SLIDE_46)),
        "typing a date moved the class: {seen:?}"
    );
    presenter.send(b"b");
    audience.wait_for("Part II again", |sc| words(sc).contains(SLIDE_42));
    presenter.send(b"d");
    presenter.wait_for("the date prompt", |sc| shows(sc, "Go to date"));
    presenter.send(b"25 Feb 1956");
    presenter.wait_for("the preview", |sc| shows(sc, "→ 46"));
    presenter.send(ENTER);
    audience.wait_for("25 February 1956", |sc| words(sc).contains(SLIDE_46));

    presenter.send(b"b");
    audience.wait_for("a black screen", is_blank);
    let sc = presenter.wait_for("the presenter's badge", |sc| shows(sc, "BLANK"));
    assert!(
        on_slide(&sc, 46) && shows(&sc, "NOTES"),
        "the teacher keeps the slide and the notes:\n{}",
        dump(&sc)
    );
    presenter.send(b"b");
    audience.wait_for("the slide again", |sc| words(sc).contains(SLIDE_46));

    let frozen = audience.frame_mark();
    presenter.send(b"f");
    presenter.wait_for("the freeze badge", |sc| shows(sc, "FROZEN"));
    presenter.send(b"[");
    presenter.wait_for("the teacher back at 42", |sc| on_slide(sc, 42));
    // Blank and show again while frozen: the class sees the frozen slide come back, and
    // (the stream being ordered) anything the browsing sent would have come before it.
    presenter.send(b"b");
    audience.wait_for("a black screen while frozen", is_blank);
    presenter.send(b"b");
    audience.wait_for("the frozen slide back", |sc| words(sc).contains(SLIDE_46));
    presenter.send(b"f");
    audience.wait_for("the audience at the teacher's slide", |sc| {
        words(sc).contains(SLIDE_42)
    });
    // While frozen the class saw 46 throughout: it only ever showed 46, then 42.
    let seen = audience.frames_since(frozen);
    let first_42 = seen
        .iter()
        .position(|f| f.contains(SLIDE_42))
        .expect("42 was drawn");
    assert!(
        seen[..first_42]
            .iter()
            .all(|f| f.contains(SLIDE_46) || f.trim().is_empty()),
        "the frozen class saw something else before the teacher let go: {:?}",
        &seen[..first_42]
    );
    presenter.wait_for("the badge gone", |sc| !shows(sc, "FROZEN"));

    presenter.send(b"q");
    presenter.finish().assert_success().assert_restored();
    audience.wait_for("waiting again", |sc| {
        words(sc).contains("presenter has left")
    });
    audience.send(b"q");
    audience.finish().assert_success().assert_restored();
}

#[test]
fn a_frozen_audience_does_not_see_the_teacher_browse() {
    let home = tempfile::tempdir().unwrap();
    let audience = start_audience(home.path());
    let mut presenter = start_presenter(home.path(), &["--slide", "46"]);
    audience.wait_for("slide 46", |sc| words(sc).contains(SLIDE_46));
    presenter.wait_for("one audience window counted", |sc| counts_audience(sc, 1));
    presenter.send(b"f");
    presenter.wait_for("the freeze badge", |sc| shows(sc, "FROZEN"));
    presenter.send(b"[");
    presenter.wait_for("the teacher at 42", |sc| on_slide(sc, 42));
    presenter.send(b"5");
    presenter.send(ENTER);
    presenter.wait_for("the teacher at 5", |sc| on_slide(sc, 5));
    // The presenter sends what the class sees before it draws its own screen, so a window
    // joining now is told exactly what the class sees: still 46.
    let late = start_in_class(home.path(), &["audience"]);
    let sc = late.wait_for("the late window's first slide", |sc| {
        !words(sc).contains("waiting") && !is_blank(sc)
    });
    assert!(words(&sc).contains(SLIDE_46), "{}", dump(&sc));
    assert!(words(&audience.screen()).contains(SLIDE_46));
    presenter.send(b"f");
    for a in [&audience, &late] {
        a.wait_for("slide 5 for the class", |sc| words(sc).contains(SLIDE_5));
    }
}

#[test]
fn a_presenter_killed_and_restarted_is_followed_without_restarting_the_audience() {
    let home = tempfile::tempdir().unwrap();
    let mut audience = start_audience(home.path());
    let presenter = start_presenter(home.path(), &["--slide", "5"]);
    audience.wait_for("slide 5", |sc| words(sc).contains(SLIDE_5));
    presenter.signal("KILL");
    audience.wait_for("the presenter gone", |sc| {
        words(sc).contains("presenter has left")
    });
    assert!(
        lecture_socket(home.path()).exists(),
        "a killed presenter leaves its socket behind"
    );
    let presenter = start_presenter(home.path(), &["--slide", "46"]);
    audience.wait_for("slide 46 from the new presenter", |sc| {
        words(sc).contains(SLIDE_46)
    });
    presenter.wait_for("one audience window counted", |sc| counts_audience(sc, 1));
    audience.send(b"q");
    audience.finish().assert_success().assert_restored();
}

#[test]
fn several_audience_windows_follow_one_presenter() {
    let home = tempfile::tempdir().unwrap();
    let mut presenter = start_presenter(home.path(), &[]);
    let first = start_in_class(home.path(), &["audience"]);
    let second = start_in_class(home.path(), &["audience"]);
    presenter.wait_for("two audience windows counted", |sc| counts_audience(sc, 2));
    presenter.send(b"5");
    presenter.send(ENTER);
    for a in [&first, &second] {
        a.wait_for("slide 5", |sc| words(sc).contains(SLIDE_5));
    }
}

#[test]
fn garbage_on_the_socket_is_dropped_and_the_socket_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let audience = start_audience(home.path());
    let mut presenter = start_presenter(home.path(), &[]);
    presenter.wait_for("one audience window counted", |sc| counts_audience(sc, 1));
    audience.wait_for("the title slide, in large type", |sc| {
        big_text_rows(sc) >= 4 && !words(sc).contains("waiting")
    });
    let socket = lecture_socket(home.path());
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&socket), 0o600, "only the user may connect");
    assert_eq!(mode(socket.parent().unwrap()), 0o700);

    let before = (audience.frame_mark(), presenter.frame_mark());
    let mut rogue = std::os::unix::net::UnixStream::connect(&socket).unwrap();
    rogue.write_all(b"\x00\xffnot json at all\n").unwrap();
    rogue.write_all(&vec![b'{'; 100_000]).unwrap();
    rogue
        .write_all(b"\n{\"v\":99,\"msg\":\"hello\"}\n")
        .unwrap();
    rogue
        .write_all(b"{\"v\":1,\"msg\":{\"show\":{\"slide\":60}}}\n")
        .unwrap();
    rogue
        .write_all(b"{\"v\":1,\"msg\":\"take-over\"}\n")
        .unwrap();
    presenter.send(b"5");
    presenter.send(ENTER);
    audience.wait_for("slide 5", |sc| words(sc).contains(SLIDE_5));
    let sc = presenter.wait_for("slide 5 on the presenter", |sc| on_slide(sc, 5));
    assert!(
        counts_audience(&sc, 1),
        "a connection that never said hello is not an audience:\n{}",
        dump(&sc)
    );
    // The rogue ends with a proper hello. The presenter reads a connection in order, so by
    // the time it counts the rogue it has read all the garbage before; and the first thing it
    // sends the rogue is slide 5, the slide at the hello: had the version-99 hello let it in
    // earlier, it would have been sent the title slide then.
    rogue.write_all(b"{\"v\":1,\"msg\":\"hello\"}\n").unwrap();
    presenter.wait_for("the rogue counted once it says hello", |sc| {
        counts_audience(sc, 2)
    });
    rogue.set_read_timeout(Some(timeout())).unwrap();
    let mut first = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(&rogue), &mut first)
        .expect("the rogue is sent the current slide");
    match tribune::link::decode(first.trim_end().as_bytes()) {
        Some(tribune::link::Message::Show(shown)) => assert_eq!(shown.slide, 4, "{first}"),
        other => panic!("expected a show message, got {other:?} from {first:?}"),
    }
    let (audience_mark, presenter_mark) = before;
    let counted = presenter.frames_since(presenter_mark);
    let joined = counted
        .iter()
        .position(|f| f.contains("▣ 2 audience"))
        .expect("the count of 2 was drawn");
    assert!(
        counted[..joined].iter().all(|f| f.contains("▣ 1 audience")),
        "the count moved before the rogue said hello: {:?}",
        &counted[..joined]
    );
    let shown = audience.frames_since(audience_mark);
    assert!(
        !shown.is_empty() && shown.iter().all(|f| f.contains(SLIDE_5)),
        "the class saw something the presenter did not send (the rogue's slide 60?): {shown:?}"
    );
    // A second window joining after the garbage still gets the current slide.
    drop(rogue);
    let late = start_in_class(home.path(), &["audience"]);
    late.wait_for("slide 5 in the late window", |sc| {
        words(sc).contains(SLIDE_5)
    });
}

#[test]
fn the_class_log_and_resume_point_survive_sigterm() {
    let home = tempfile::tempdir().unwrap();
    let mut s = start_presenter(home.path(), &[]);
    s.send(b"5");
    s.send(ENTER);
    s.wait_for("slide 5, fully revealed", |sc| on_step(sc, 5, 2, 2));
    s.send(b"h");
    s.wait_for("slide 5, a step back", |sc| on_step(sc, 5, 1, 2));
    s.signal("TERM");
    s.finish().assert_success().assert_restored();
    let files = files_in(&classes_of_the_lecture(home.path()));
    assert_eq!(files.len(), 1, "one class, no temporary files: {files:?}");
    let record = read_record(&files[0]);
    assert!(record.ended.is_some(), "the final record, not a checkpoint");
    assert_eq!(record.stopped_at.as_ref().map(|s| s.number), Some(5));

    // A plain start offers to resume; r takes it.
    let mut s = start_presenter(home.path(), &[]);
    s.wait_for("the offer", |sc| {
        on_slide(sc, 1) && words(sc).contains("r resumes at slide 5")
    });
    s.send(b"r");
    s.wait_for("slide 5", |sc| on_slide(sc, 5));
    s.send(b"q");
    s.finish().assert_success().assert_restored();

    let mut s = start_presenter(home.path(), &["--resume"]);
    s.wait_for("slide 5 at once", |sc| on_slide(sc, 5));
    s.send(b"q");
    s.finish().assert_success().assert_restored();
}

/// `p` pauses the talk clock for questions: it holds across three slide changes, the slides
/// shown only while it held get no time, the class log records the pause, and `tribune log`
/// says so.
#[test]
fn a_pause_holds_across_slides_and_the_class_log_keeps_it() {
    let home = tempfile::tempdir().unwrap();
    let mut s = start_presenter(home.path(), &[]);
    s.send(RIGHT);
    s.wait_for("slide 2, the clock started", |sc| on_step(sc, 2, 1, 2));
    s.send(b"p");
    s.wait_for("the pause badge", |sc| shows(sc, "⏸ paused"));
    for n in [3, 4, 5] {
        s.send(n.to_string().as_bytes());
        s.send(ENTER);
        let sc = s.wait_for(&format!("slide {n}"), |sc| on_slide(sc, n));
        assert!(shows(&sc, "⏸ paused"), "the pause held:\n{}", dump(&sc));
    }
    s.send(b"p");
    s.wait_for("the clock running again", |sc| {
        !shows(sc, "⏸ paused") && words(sc).contains("the clock runs again")
    });
    s.send(b"q");
    s.finish().assert_success().assert_restored();

    let files = files_in(&classes_of_the_lecture(home.path()));
    assert_eq!(files.len(), 1, "{files:?}");
    let record = read_record(&files[0]);
    assert_eq!(record.pauses.len(), 1, "{:?}", record.pauses);
    let pause = &record.pauses[0];
    assert_eq!(pause.slide, 2, "paused on slide 2");
    assert!(pause.started >= record.started, "{record:?}");
    // Slides 3 and 4 were on screen only while the clock held: no time at all.
    let millis: Vec<u64> = record.slides.iter().map(|t| t.millis).collect();
    assert_eq!(millis[2..4], [0, 0], "{millis:?}");

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tribune"))
        .arg("log")
        .env("HOME", home.path())
        .env("XDG_STATE_HOME", home.path().join("state"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("⏸ paused for questions") && text.contains("class 1 "),
        "{text}"
    );
    assert!(text.lines().next().unwrap().ends_with(" paused"), "{text}");
}

/// The words after `⌛` on the status bar, as seconds left (`1:59:58 left`, `50:00 left`).
fn left_secs(screen: &vt100::Screen) -> Option<u64> {
    let row = status_row(screen);
    let after = row.split('⌛').nth(1)?;
    let mut words = after.split_whitespace();
    let time = words.next()?;
    (words.next()? == "left").then_some(())?;
    time.split(':')
        .try_fold(0, |acc, part| Some(acc * 60 + part.parse::<u64>().ok()?))
}

/// A class started with `--until` two hours from now (on the wall clock, in UTC for both the
/// test and tribune) counts down to it from its first screen, before any move, and the
/// presenter view's notes forecast the end; `--length` counts a class's own time, whole until
/// the first move.
#[test]
fn a_class_until_a_time_counts_down_on_the_status_bar() {
    let home = tempfile::tempdir().unwrap();
    let end = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .checked_add(jiff::Span::new().hours(2))
        .unwrap();
    let until = format!("{:02}:{:02}", end.hour(), end.minute());
    let mut env = class_env(home.path());
    env.push(("TZ", "UTC".into()));
    let env: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
    let mut s = Session::start_with_env(&["--until", &until, "--presenter"], &env);
    let sc = s.wait_for("the countdown", |sc| left_secs(sc).is_some());
    // Two hours to the minute it names, less the seconds of that minute gone and however long
    // tribune took to start: between 1:55:00 and 2:00:00, unless this machine stalled for
    // minutes.
    let left = left_secs(&sc).unwrap();
    assert!(
        (115 * 60..=120 * 60).contains(&left),
        "{left} s left:\n{}",
        dump(&sc)
    );
    assert!(on_slide(&sc, 1), "{}", dump(&sc));
    // The lecture's 1h30m of budgets, forecast against the bell.
    s.wait_for("the forecast in the notes", |sc| {
        shows(sc, "PACE") && words(sc).contains("ends ") && words(sc).contains("min early")
    });
    s.send(b"q");
    s.finish().assert_success().assert_restored();

    let mut s = start_presenter(home.path(), &["--length", "50m"]);
    let sc = s.wait_for("the countdown", |sc| left_secs(sc).is_some());
    assert_eq!(left_secs(&sc), Some(50 * 60), "{}", dump(&sc));
    s.send(b"q");
    s.finish().assert_success().assert_restored();
}
