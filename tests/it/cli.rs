//! CLI tests through the real `tribune` binary (`assert_cmd`): `check` on every malformed fixture
//! in `tests/fixtures/invalid/` (contract assertions plus an insta snapshot of the full stderr),
//! an oversized deck built at run time, warnings on a valid deck, the bundled lecture, and
//! `outline --date` on `fixtures/dates.ron` against the rule a date jump follows: the slides
//! dated inside the query match first, in deck order; when none is, the slide whose date or span
//! overlaps the query most narrowly (ties to the earlier slide).
//!
//! Paths are passed relative to the package root (the command runs there), so snapshots hold
//! `tests/fixtures/invalid/NAME.ron` on every machine; a filter also strips the absolute root in
//! case the binary ever prints a canonical path.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use assert_cmd::Command;
use rstest::rstest;
use serde_json::{Value, json};

use crate::support::app::in_snapshots;
use crate::support::bin::{run, tribune};
use crate::support::fixtures::{CLASSES, DATES, INVALID_DIR, REHEARSAL, WARNINGS, root};

fn check(path: &str) -> (i32, String, Vec<u8>) {
    run(tribune().args(["check", path]))
}

/// Every `*.ron` under `tests/fixtures/invalid/`, as paths relative to the package root.
fn invalid_fixtures() -> Vec<String> {
    let dir = root().join(INVALID_DIR);
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("fixture directory exists")
        .map(|e| {
            e.expect("readable entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| {
            Path::new(n)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
        })
        .map(|n| format!("{INVALID_DIR}/{n}"))
        .collect();
    names.sort();
    names
}

/// Escapes a literal for use in a regex (insta filters take regexes; no regex dependency here).
fn regex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The first character of `stderr` that could drive a terminal: a C0 control other than
/// newline, DEL, or a C1 control.
fn first_control_char(stderr: &str) -> Option<char> {
    stderr.chars().find(|&c| c.is_control() && c != '\n')
}

/// The message of a diagnostic's first line: what follows `error: ` or `warning: `.
fn message_of(first_line: &str) -> &str {
    ["error: ", "warning: "]
        .iter()
        .find_map(|tag| first_line.split_once(tag).map(|(_, m)| m))
        .unwrap_or("")
}

/// The error contract every rejected deck must meet; returns the first line for further checks.
/// `location` is a regex for what follows the path (`:\d+:\d+` for a positioned error).
fn assert_rejected(path: &str, code: i32, stdout: &str, stderr: &[u8], location: &str) -> String {
    let stderr = String::from_utf8(stderr.to_vec())
        .unwrap_or_else(|e| panic!("{path}: stderr is not UTF-8: {e}"));
    assert_eq!(code, 1, "{path}: exit code\n{stderr}");
    assert!(
        stdout.is_empty(),
        "{path}: check printed on stdout: {stdout:?}"
    );
    assert!(!stderr.contains("panicked"), "{path}: panic\n{stderr}");
    assert!(
        !stderr.as_bytes().contains(&0x1b),
        "{path}: raw ESC on stderr\n{stderr}"
    );
    if let Some(c) = first_control_char(&stderr) {
        panic!(
            "{path}: control character U+{:04X} on stderr\n{stderr}",
            u32::from(c)
        );
    }

    let first = stderr.lines().next().unwrap_or("").to_owned();
    let pattern = format!("^{}{location}: error: ", regex_escape(path));
    let re = predicates::str::is_match(&pattern).expect("valid regex");
    assert!(
        predicates::Predicate::eval(&re, first.as_str()),
        "{path}: first line does not match {pattern:?}:\n{stderr}"
    );

    // A message a person understands: words, not a bare token or a Rust debug dump.
    let message = message_of(&first);
    assert!(
        message.split_whitespace().count() >= 2,
        "{path}: message too terse: {message:?}"
    );
    for debug in ["Error(", "Some(", "None", "Spanned", "Position {", "\\u{"] {
        assert!(
            !message.contains(debug),
            "{path}: debug output in message: {message:?}"
        );
    }
    assert!(
        stderr.lines().last().is_some_and(
            |l| l.starts_with("tribune: ") && l.contains(" in the deck; it was not loaded")
        ),
        "{path}: no summary line at the end\n{stderr}"
    );
    first
}

/// Line and column (1-based, columns in chars) parsed from `path:LINE:COL: error: ...`.
fn line_col(path: &str, first_line: &str) -> Option<(usize, usize)> {
    let rest = first_line.strip_prefix(path)?.strip_prefix(':')?;
    let mut parts = rest.splitn(3, ':');
    let line = parts.next()?.parse().ok()?;
    let col = parts.next()?.parse().ok()?;
    Some((line, col))
}

/// (line, column) of the char at byte `offset` of `source`, 1-based, columns in chars.
fn position(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

#[test]
fn there_are_enough_invalid_fixtures() {
    let fixtures = invalid_fixtures();
    assert!(
        fixtures.len() >= 18,
        "only {} fixtures: {fixtures:?}",
        fixtures.len()
    );
}

/// Every malformed fixture: exit 1, `path:LINE:COL: error: message`, a snippet whose line number
/// is the one named and whose caret lies within that line, no panic, no control characters.
#[test]
fn every_invalid_fixture_is_rejected_with_a_positioned_error() {
    let root = root();
    for path in invalid_fixtures() {
        let (code, stdout, stderr) = check(&path);
        let first = assert_rejected(&path, code, &stdout, &stderr, r":\d+:\d+");
        let (line, col) = line_col(&path, &first).expect("line and column");
        assert!(line >= 1 && col >= 1, "{path}: position {line}:{col}");

        let bytes = fs::read(root.join(&path)).expect("fixture readable");
        let source = String::from_utf8_lossy(&bytes);
        let line_count = source.lines().count().max(1);
        assert!(
            line <= line_count,
            "{path}: line {line} past the end ({line_count} lines)"
        );
        let stderr = String::from_utf8_lossy(&stderr);
        // The snippet, when there is one, shows the named line.
        if let Some(snippet) = stderr.lines().nth(2)
            && let Some((number, text)) = snippet.split_once(" | ")
        {
            assert_eq!(
                number.trim(),
                line.to_string(),
                "{path}: snippet line\n{stderr}"
            );
            let width = source
                .lines()
                .nth(line - 1)
                .map_or(0, |l| l.chars().count());
            // Long lines are shown as a window of 100 characters around the caret.
            if width > 100 {
                assert!(
                    text.chars().count() <= 102 && (text.starts_with('…') || text.ends_with('…')),
                    "{path}: long line {line} not windowed: {text:?}"
                );
            } else {
                assert_eq!(
                    text.chars().count(),
                    width,
                    "{path}: snippet is not line {line}"
                );
            }
            assert!(
                col <= width + 1,
                "{path}: column {col} past the end of line {line}"
            );
        }
    }
}

/// The full stderr of `check` on each malformed fixture, reviewed by hand in
/// `tests/snapshots/it__cli__invalid_fixture_diagnostics@*.snap`.
#[test]
fn invalid_fixture_diagnostics() {
    let root = root();
    let root_canonical = root.canonicalize().expect("package root exists");
    let mut filters = vec![];
    for r in [root.to_path_buf(), root_canonical.clone()] {
        filters.push((format!("{}/", regex_escape(&r.display().to_string())), ""));
    }
    let filters: Vec<(&str, &str)> = filters.iter().map(|(a, b)| (a.as_str(), *b)).collect();
    in_snapshots(|| {
        insta::with_settings!({
            filters => filters,
            omit_expression => true,
        }, {
            insta::glob!("../fixtures/invalid", "*.ron", |file| {
            let relative = file
                .strip_prefix(&root_canonical)
                .or_else(|_| file.strip_prefix(root))
                .expect("fixture under the package root");
            let relative = relative.to_string_lossy().replace('\\', "/");
            let (code, _, stderr) = check(&relative);
            assert_eq!(code, 1, "{relative}");
            insta::assert_snapshot!(String::from_utf8_lossy(&stderr));
        });
        });
    });
}

/// A valid small deck; the oversized test pads it, and checks the unpadded one is valid.
const SMALL_DECK: &str = r#"Deck(
    title: "Padded",
    span: "1952/1956",
    parts: [
        Part(id: "one", title: "One", slides: [
            Slide(title: "Stalin dies", date: "1953-03-05", notes: "n"),
        ]),
    ],
    /*PADDING*/
)
"#;

#[test]
fn a_ten_megabyte_deck_is_refused_without_panic() {
    let dir = tempfile::tempdir().expect("temp dir");

    let small = dir.path().join("small.ron");
    fs::write(&small, SMALL_DECK).expect("write");
    let small = small.to_str().expect("UTF-8 temp path").to_owned();
    let (code, _, stderr) = check(&small);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&stderr));

    // The same deck with 10 MiB of comment: it would parse, so only the size can reject it.
    let padding = format!("/* {} */", "x".repeat(10 * 1024 * 1024));
    let big = dir.path().join("big.ron");
    fs::write(&big, SMALL_DECK.replace("/*PADDING*/", &padding)).expect("write");
    let big = big.to_str().expect("UTF-8 temp path").to_owned();
    let (code, stdout, stderr) = check(&big);
    // A file-level error names the path alone; a positioned one would start at 1:1.
    let first = assert_rejected(&big, code, &stdout, &stderr, "(:1:1)?");
    assert!(first.contains("larger than"), "{first}");
}

#[test]
fn a_missing_file_is_named() {
    let (code, stdout, stderr) = check("/nonexistent.ron");
    assert_rejected("/nonexistent.ron", code, &stdout, &stderr, "");
}

#[test]
fn an_unknown_flag_is_a_usage_error() {
    let (code, stdout, stderr) = run(tribune().arg("--bogus"));
    assert_eq!(code, 2, "{}", String::from_utf8_lossy(&stderr));
    assert!(stdout.is_empty());
    assert!(String::from_utf8_lossy(&stderr).contains("--bogus"));
}

#[test]
fn warnings_point_at_their_slide_or_quote_and_do_not_fail_the_check() {
    let (code, stdout, stderr) = check(WARNINGS);
    let stderr = String::from_utf8(stderr).expect("UTF-8");
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(!stderr.contains("error:"), "{stderr}");
    assert!(!stderr.as_bytes().contains(&0x1b), "{stderr}");

    let source = fs::read_to_string(root().join(WARNINGS)).expect("fixture readable");
    // The `Slide(` that opens the slide with a given id.
    let slide_of = |id: &str| {
        let at = source
            .find(&format!("id: \"{id}\""))
            .expect("id in fixture");
        position(
            &source,
            source[..at].rfind("Slide(").expect("Slide( before id"),
        )
    };
    let quote = position(&source, source.find("Quote(text: \"Nobody").expect("quote"));
    let expected = [
        (
            slide_of("terror"),
            "slide 2 is dated 1937, outside the timeline's span",
        ),
        (
            slide_of("silent"),
            "slide 4 (\"No notes\") has no speaker notes",
        ),
        (quote, "a quote on slide 5 has no attribution"),
    ];

    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains(": warning: "))
        .collect();
    assert_eq!(warnings.len(), expected.len(), "{stderr}");
    for (line, ((l, c), message)) in warnings.iter().zip(expected) {
        let prefix = format!("{WARNINGS}:{l}:{c}: warning: ");
        assert!(
            line.starts_with(&prefix),
            "expected {prefix:?}, got {line:?}"
        );
        assert!(line.contains(message), "expected {message:?} in {line:?}");
    }
    assert!(
        stderr.contains(&format!("{WARNINGS}: ok: 5 slides in 1 part, 3 warnings")),
        "{stderr}"
    );
}

/// Fixed durations that leave the other slides under the floor: a warning at the deck's own
/// `duration` (line 7), naming the target, the slides and the seconds each; still exit 0.
#[test]
fn check_warns_when_fixed_durations_squeeze_the_other_slides() {
    let path = "tests/fixtures/tight-budget.ron";
    let (code, _, stderr) = check(path);
    let stderr = String::from_utf8_lossy(&stderr);
    assert_eq!(code, 0, "{stderr}");
    let warning = format!(
        "{path}:7:5: warning: 1 slide with a fixed `duration` (4:30) leaves the other 2 slides \
         15 s each of the 5:00 target (the deck's `duration`); each should have at least 20 s"
    );
    assert!(stderr.contains(&warning), "{stderr}");
    assert!(
        stderr.contains(": ok: 3 slides in 1 part, 1 warning"),
        "{stderr}"
    );
}

#[test]
fn the_bundled_lecture_checks_clean() {
    let (code, stdout, stderr) = run(tribune().arg("check"));
    let stderr = String::from_utf8_lossy(&stderr);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(!stderr.contains("error:"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn the_bundled_lecture_outline_numbers_every_slide_in_order() {
    let (code, stdout, stderr) = run(tribune().arg("outline"));
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&stderr));
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(!lines.is_empty(), "no slides listed");
    for (i, line) in lines.iter().enumerate() {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 4, "line {}: {line:?}", i + 1);
        assert_eq!(fields[0], (i + 1).to_string(), "numbering: {line:?}");
        assert!(
            fields[1..].iter().all(|f| !f.trim().is_empty()),
            "empty field: {line:?}"
        );
    }
}

/// Slide numbers `outline --date QUERY` prints on `dates.ron`, in order.
fn outline_numbers(query: &str) -> Vec<usize> {
    let (code, stdout, stderr) = run(tribune().args(["outline", DATES, "--date", query]));
    assert_eq!(code, 0, "{query}: {}", String::from_utf8_lossy(&stderr));
    stdout
        .lines()
        .map(|l| {
            let fields: Vec<&str> = l.split('\t').collect();
            assert_eq!(fields.len(), 4, "{l:?}");
            fields[0].parse().expect("slide number")
        })
        .collect()
}

/// `dates.ron`: 1 year 1953, 2 March 1953, 3 1 March (span 1–5 March), 4 and 5 both 5 March,
/// 6 18 June (span 17–19), 7 16 June (span 16–18), 8 26 June (span to 7 July), 9 25 Feb 1956,
/// 10 year 1956. The jump target comes first, then the other primaries and the secondaries in
/// deck order.
#[rstest]
// A day two slides share: the first of them in deck order; the month, the year and the span
// that reaches 5 March follow as secondaries.
#[case::shared_day("5 March 1953", &[4, 5, 1, 2, 3])]
// A month: the first primary in deck order is the month-dated slide, though days are narrower.
#[case::month_first_primary_in_deck_order("March 1953", &[2, 3, 4, 5, 1])]
// No slide dated that day: the narrowest overlap (the 5-day span) beats the month and the year.
#[case::narrowest_overlap("3 March 1953", &[3, 1, 2])]
// Only a span reaches 1 July: it beats the year.
#[case::span_only_overlap("1 July 1953", &[8, 1])]
// Two 3-day spans overlap 17 June: deck order breaks the tie (6 before 7, though 7 starts first).
#[case::tie_goes_to_deck_order("17 June 1953", &[6, 1, 7])]
// A year-dated slide is primary for its own year, but the first primary in deck order wins.
#[case::wide_year("1956", &[9, 10])]
#[case::year_is_secondary_for_a_month("February 1956", &[9, 10])]
fn outline_date_follows_the_matching_rule(#[case] query: &str, #[case] expected: &[usize]) {
    assert_eq!(outline_numbers(query), expected, "query {query:?}");
}

#[test]
fn outline_date_json_has_the_fields_and_the_match_kind() {
    let (code, stdout, stderr) =
        run(tribune().args(["outline", DATES, "--date", "5 March 1953", "--json"]));
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&stderr));
    let rows: Vec<Value> = serde_json::from_str(&stdout).expect("valid JSON");
    let got: Vec<(u64, &str, &str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["number"].as_u64().expect("number"),
                r["part"].as_str().expect("part"),
                r["date"].as_str().expect("date"),
                r["title"].as_str().expect("title"),
                r["match"].as_str().expect("match"),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (4, "spring", "1953-03-05", "Stalin dies", "primary"),
            (5, "spring", "1953-03-05", "The joint session", "primary"),
            (1, "spring", "1953", "The year 1953", "secondary"),
            (2, "spring", "1953-03", "March 1953", "secondary"),
            (3, "spring", "1953-03-01", "The stroke", "secondary"),
        ]
    );

    // With no primary, the target still comes first, marked secondary.
    let (code, stdout, _) =
        run(tribune().args(["outline", DATES, "--date", "3 March 1953", "--json"]));
    assert_eq!(code, 0);
    let rows: Vec<Value> = serde_json::from_str(&stdout).expect("valid JSON");
    assert_eq!(rows[0]["number"], 3);
    assert!(rows.iter().all(|r| r["match"] == "secondary"), "{stdout}");
}

#[test]
fn outline_json_without_a_date_lists_every_slide_without_match() {
    let (code, stdout, stderr) = run(tribune().args(["outline", DATES, "--json"]));
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&stderr));
    let rows: Vec<Value> = serde_json::from_str(&stdout).expect("valid JSON");
    let numbers: Vec<u64> = rows
        .iter()
        .map(|r| r["number"].as_u64().expect("number"))
        .collect();
    assert_eq!(numbers, (1..=11).collect::<Vec<u64>>());
    assert!(rows.iter().all(|r| r.get("match").is_none()), "{stdout}");
    // The date as written, and as the slide shows it; both null for the undated slide.
    let dates = |n: usize| {
        (
            rows[n - 1]["date"].clone(),
            rows[n - 1]["shown_date"].clone(),
        )
    };
    assert_eq!(dates(9), (json!("1956-02-25"), json!("25 February 1956")));
    assert_eq!(dates(10), (json!("1956"), json!("the year of the speech")));
    assert_eq!(dates(11), (Value::Null, Value::Null));
}

#[test]
fn outline_shows_each_date_as_its_slide_does_and_a_dash_for_none() {
    let (code, stdout, stderr) = run(tribune().args(["outline", DATES]));
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&stderr));
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 11);
    assert_eq!(lines[0], "1\tspring\t1953\tThe year 1953");
    assert_eq!(lines[3], "4\tspring\t5 March 1953\tStalin dies");
    assert_eq!(
        lines[9],
        "10\tsecond-death\tthe year of the speech\tThe year 1956"
    );
    assert_eq!(lines[10], "11\tsecond-death\t—\tQuestions");
}

/// Without a year, the query is read in each year of the span: the list is the year it lands
/// on most closely (June 1953 has three slides dated inside it; June 1956 only overlaps the
/// year 1956), and stderr names the other years.
#[test]
fn outline_date_without_a_year_lists_the_closest_year_and_names_the_others() {
    let (code, stdout, stderr) = run(tribune().args(["outline", DATES, "--date", "June"]));
    let stderr = String::from_utf8_lossy(&stderr);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(outline_numbers("June"), [6, 7, 8, 1]);
    assert!(stdout.starts_with("6\t"), "{stdout}");
    assert!(
        stderr.contains("`June` read as June 1953; it also fits June 1956"),
        "{stderr}"
    );
}

#[rstest]
#[case::unknown_month("Smarch 1953", "no month called")]
#[case::impossible_day("31 Feb 1953", "only 28 days")]
#[case::nothing_that_year("1954", "no slide")]
fn outline_date_failures_exit_1_with_a_message(#[case] query: &str, #[case] expected: &str) {
    let (code, stdout, stderr) = run(tribune().args(["outline", DATES, "--date", query]));
    let stderr = String::from_utf8_lossy(&stderr);
    assert_eq!(code, 1, "{query}: {stderr}");
    assert!(stdout.is_empty(), "{query}: {stdout}");
    assert!(
        stderr.contains(expected),
        "{query}: expected {expected:?} in {stderr:?}"
    );
    assert!(
        stderr.contains(query),
        "{query}: the query is not quoted back: {stderr:?}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// The loader never writes to a deck: bytes, length and modification time survive `check` and
/// `outline`, on a valid deck and on a broken one, and nothing new appears beside them.
#[test]
fn the_loader_never_writes_to_a_deck() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = root();
    let copies: Vec<PathBuf> = [WARNINGS, "tests/fixtures/invalid/impossible-date.ron"]
        .iter()
        .map(|p| {
            let to = dir
                .path()
                .join(Path::new(p).file_name().expect("file name"));
            fs::copy(root.join(p), &to).expect("copy fixture");
            // An old, exact time: any rewrite, even of the same bytes, would move it.
            let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
            fs::File::options()
                .write(true)
                .open(&to)
                .and_then(|f| f.set_modified(old))
                .expect("set mtime");
            to
        })
        .collect();
    let snapshot = |p: &Path| {
        let meta = fs::metadata(p).expect("metadata");
        (
            fs::read(p).expect("read"),
            meta.len(),
            meta.modified().expect("mtime"),
        )
    };
    let listing = || {
        let mut names: Vec<_> = fs::read_dir(dir.path())
            .expect("read dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        names.sort();
        names
    };

    let before: Vec<_> = copies.iter().map(|p| snapshot(p)).collect();
    let files_before = listing();
    for p in &copies {
        let p = p.to_str().expect("UTF-8 temp path");
        run(tribune().args(["check", p]));
        run(tribune().args(["outline", p]));
    }
    let after: Vec<_> = copies.iter().map(|p| snapshot(p)).collect();
    assert!(before == after, "a deck file changed");
    assert_eq!(files_before, listing(), "files appeared beside the decks");
}

/// `tribune` with a fresh state directory: `XDG_STATE_HOME` and `HOME` both inside `home`.
fn tribune_with_state(home: &Path) -> Command {
    let mut cmd = tribune();
    cmd.env("XDG_STATE_HOME", home.join("state"))
        .env("HOME", home);
    cmd
}

/// The rehearsal fixture deck, copied under `home`, with its six records where the binary looks
/// for them (`$XDG_STATE_HOME/tribune/rehearsals/<deck key>/`): the deck's path and the folder.
fn rehearsed_fixture(home: &Path) -> (PathBuf, PathBuf) {
    let root = root().join(REHEARSAL);
    let deck = home.join("talks").join("fixture.ron");
    fs::create_dir_all(deck.parent().expect("a parent")).expect("a folder for the deck");
    fs::copy(root.join("deck.ron"), &deck).expect("the deck copied");
    let key = tribune::timing::record::deck_key(Some(&deck));
    assert!(key.starts_with("fixture-"), "{key}");
    let records = tribune::timing::record::rehearsal_dir(&home.join("state").join("tribune"), &key);
    fs::create_dir_all(&records).expect("the records' folder");
    let mut copied = 0;
    for entry in fs::read_dir(root.join("records")).expect("the fixture records") {
        let from = entry.expect("an entry").path();
        let name = from.file_name().expect("a file name");
        fs::copy(&from, records.join(name)).expect("a record copied");
        copied += 1;
    }
    assert_eq!(copied, 6);
    (deck, records)
}

/// `tribune report --runs` and `--compare` print what the library renders; a rehearsal that is
/// not there is named, and a malformed request is a usage error.
#[test]
fn report_lists_the_runs_and_compares_two() {
    let home = tempfile::tempdir().expect("temp dir");
    let (deck, records) = rehearsed_fixture(home.path());
    let deck_arg = deck.to_str().expect("UTF-8 temp path");
    let loaded = tribune::deck::load_path(&deck).unwrap();
    let (loaded_records, problems) = tribune::timing::record::load_all(&records);
    assert!(problems.is_empty(), "{problems:?}");
    let json = |extra: &[&str]| -> Value {
        let (code, stdout, stderr) = run(tribune_with_state(home.path())
            .args(["report", deck_arg, "--json"])
            .args(extra));
        assert_eq!(code, 0, "{}", String::from_utf8_lossy(&stderr));
        serde_json::from_str(&stdout).expect("report --json is JSON")
    };
    // Each run in turn, and the last two side by side: in UTC, the text the library renders
    // (snapshotted in tests/snapshots/it__report__runs__*.snap).
    let in_utc = |extra: &[&str]| {
        run(tribune_with_state(home.path())
            .env("TZ", "UTC")
            .args(["report", deck_arg])
            .args(extra))
    };
    let (code, stdout, stderr) = in_utc(&["--runs"]);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&stderr));
    let utc = jiff::tz::TimeZone::UTC;
    let runs = tribune::timing::runs::list(&loaded.deck, &loaded_records, &utc);
    assert_eq!(stdout, tribune::timing::runs::render_runs(&runs, 100));
    let (code, stdout, stderr) = in_utc(&["--compare", "last", "previous"]);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&stderr));
    let compared = tribune::timing::runs::compare(&loaded.deck, &loaded_records, (5, 4), &utc);
    assert_eq!(
        stdout,
        tribune::timing::runs::render_comparison(&compared, 100)
    );
    let runs = json(&["--runs"]);
    assert_eq!(runs["runs"].as_array().map(Vec::len), Some(6));
    let compared = json(&["--compare", "1", "last"]);
    assert_eq!(
        (&compared["a"]["number"], &compared["b"]["number"]),
        (&1.into(), &6.into())
    );
    // A run that is not there is named; a malformed request is a usage error.
    let (code, _, stderr) = in_utc(&["--compare", "7", "last"]);
    let stderr = String::from_utf8_lossy(&stderr);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("there are 6 rehearsals, not 7") && stderr.contains("--runs"),
        "{stderr}"
    );
    for bad in [
        &["--compare", "2"][..],
        &["--compare", "first", "2"],
        &["--runs", "--compare", "1", "2"],
    ] {
        let (code, _, stderr) = in_utc(bad);
        assert_eq!(code, 2, "{bad:?}: {}", String::from_utf8_lossy(&stderr));
    }
}

/// `tribune report` reads the records where `rehearse` writes them, for the deck named, and
/// says so plainly when there are none.
#[test]
fn report_reads_the_records_of_the_deck_it_is_given() {
    let home = tempfile::tempdir().expect("temp dir");
    let (code, stdout, stderr) = run(tribune_with_state(home.path()).arg("report"));
    let stderr = String::from_utf8_lossy(&stderr);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.contains("no rehearsals of this deck yet")
            && stderr.contains("`tribune rehearse` records one"),
        "{stderr}"
    );

    let (deck, records) = rehearsed_fixture(home.path());
    let deck_arg = deck.to_str().expect("UTF-8 temp path");

    // The bundled lecture still has none: records are kept per deck.
    let (code, _, _) = run(tribune_with_state(home.path()).arg("report"));
    assert_eq!(code, 1);

    let (code, stdout, stderr) = run(tribune_with_state(home.path()).args(["report", deck_arg]));
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&stderr));
    assert!(stderr.is_empty(), "{}", String::from_utf8_lossy(&stderr));
    // The same text the library renders (snapshotted in tests/snapshots/it__report__text.snap).
    let loaded = tribune::deck::load_path(&deck).unwrap();
    let (loaded_records, problems) = tribune::timing::record::load_all(&records);
    assert!(problems.is_empty(), "{problems:?}");
    let budgets =
        tribune::timing::budget::budgets(&loaded.deck, Some(Duration::from_secs(12 * 60)));
    let expected = tribune::timing::report::render(
        &tribune::timing::report::build(&loaded.deck, &budgets, &loaded_records),
        100,
    );
    assert_eq!(stdout, expected);

    let json = |extra: &[&str]| -> Value {
        let (code, stdout, stderr) = run(tribune_with_state(home.path())
            .args(["report", deck_arg, "--json"])
            .args(extra));
        assert_eq!(code, 0, "{}", String::from_utf8_lossy(&stderr));
        serde_json::from_str(&stdout).expect("report --json is JSON")
    };
    let report = json(&[]);
    assert_eq!(report["rehearsals"], 6);
    assert_eq!(report["deck"], "Rehearsal fixture");
    assert_eq!(report["slides"].as_array().map(Vec::len), Some(7));
    // The target defaults to the latest record's (12 minutes), not the deck's own 10.
    assert_eq!(report["total"]["budget_secs"], 720);
    assert_eq!(report["slides"][1]["median_secs"], 200);
    assert_eq!(report["slides"][1]["over_budget"], true);
    // --target overrides it.
    let report = json(&["--target", "10m"]);
    assert_eq!(report["total"]["budget_secs"], 600);
    assert_eq!(report["slides"][1]["budget_secs"], 112);

    // A damaged file is named on stderr and skipped; the others still make a report.
    fs::write(records.join("1800000000-1.json"), b"{ \"version\": 1, ").unwrap();
    let (code, stdout, stderr) = run(tribune_with_state(home.path()).args(["report", deck_arg]));
    let stderr = String::from_utf8_lossy(&stderr);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("skipping a rehearsal record") && stderr.contains("1800000000-1.json"),
        "{stderr}"
    );
    assert!(stdout.contains("6 on record"), "{stdout}");
}

/// `tribune log` reads the class records where presenting writes them (beside, not among,
/// the rehearsals), prints them in the local time zone, and says plainly when there are none.
#[test]
fn log_reads_the_classes_of_the_deck_it_is_given() {
    let home = tempfile::tempdir().expect("temp dir");
    let (code, stdout, stderr) = run(tribune_with_state(home.path()).arg("log"));
    let stderr = String::from_utf8_lossy(&stderr);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.contains("no classes given from this deck yet")
            && stderr.contains("classes/bundled-two-deaths-of-stalin")
            && stderr.contains("presenting it with `tribune` records each class"),
        "{stderr}"
    );

    // The fixture deck, copied elsewhere, with the classes where the binary looks for them:
    // `$XDG_STATE_HOME/tribune/classes/<deck key>/`.
    let root = root();
    let deck = home.path().join("talks").join("fixture.ron");
    fs::create_dir_all(deck.parent().expect("a parent")).unwrap();
    fs::copy(root.join(REHEARSAL).join("deck.ron"), &deck).unwrap();
    let key = tribune::timing::record::deck_key(Some(&deck));
    let state = home.path().join("state").join("tribune");
    let classes = tribune::timing::record::class_dir(&state, &key);
    assert_eq!(classes, state.join("classes").join(&key));
    fs::create_dir_all(&classes).unwrap();
    let mut copied = 0;
    for entry in fs::read_dir(root.join(CLASSES)).unwrap() {
        let from = entry.unwrap().path();
        fs::copy(&from, classes.join(from.file_name().unwrap())).unwrap();
        copied += 1;
    }
    assert_eq!(copied, 3);
    let deck_arg = deck.to_str().expect("UTF-8 temp path");
    let log = |extra: &[&str]| {
        run(tribune_with_state(home.path())
            .env("TZ", "UTC")
            .args(["log", deck_arg])
            .args(extra))
    };

    let (code, stdout, stderr) = log(&[]);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&stderr));
    assert!(stderr.is_empty(), "{}", String::from_utf8_lossy(&stderr));
    // The same text the library renders (snapshotted in tests/snapshots/it__log__text.snap).
    let loaded = tribune::deck::load_path(&deck).unwrap();
    let (records, problems) = tribune::timing::record::load_all(&classes);
    assert!(problems.is_empty(), "{problems:?}");
    let expected = tribune::timing::class_log::render(
        &tribune::timing::class_log::build(&loaded.deck, &records, &jiff::tz::TimeZone::UTC),
        Some(&tribune::timing::class_log::shell_word(&deck)),
        120,
    );
    assert_eq!(stdout, expected);
    assert!(
        stdout.contains("  Tue 24 Nov 2026  09:02–09:51  "),
        "{stdout}"
    );
    assert!(
        stdout.ends_with(&format!(
            "next: `tribune --resume {deck_arg}` starts at slide 6 (Legacy)\n"
        )),
        "{stdout}"
    );

    let (code, stdout, stderr) = log(&["--json"]);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&stderr));
    let json: Value = serde_json::from_str(&stdout).expect("log --json is JSON");
    assert_eq!(json["deck"], "Rehearsal fixture");
    assert_eq!(json["classes"].as_array().map(Vec::len), Some(3));
    assert_eq!(json["classes"][0]["started"], "2026-11-24T09:02:00+00:00");
    assert_eq!(json["classes"][1]["slide_ranges"], "4–5");
    assert_eq!(json["next"]["number"], 6);

    // The bundled lecture still has none, and classes are not rehearsals.
    let (code, _, _) = run(tribune_with_state(home.path()).arg("log"));
    assert_eq!(code, 1);
    let (code, _, stderr) = run(tribune_with_state(home.path()).args(["report", deck_arg]));
    assert_eq!(code, 1);
    assert!(String::from_utf8_lossy(&stderr).contains("no rehearsals of this deck yet"));

    // A damaged file is named on stderr and skipped; the others still make a log.
    fs::write(classes.join("1800000000-1.json"), b"{ \"version\": 1, ").unwrap();
    let (code, stdout, stderr) = log(&[]);
    let stderr = String::from_utf8_lossy(&stderr);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("skipping a class record") && stderr.contains("1800000000-1.json"),
        "{stderr}"
    );
    assert!(
        stdout.contains("\"Rehearsal fixture\": 3, oldest first"),
        "{stdout}"
    );
}

#[test]
fn the_audience_refuses_a_socket_directory_others_can_enter() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let shared = home.path().join("run").join("tribune");
    fs::create_dir_all(&shared).unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o755)).unwrap();
    let (code, stdout, stderr) = run(tribune()
        .arg("audience")
        .env("HOME", home.path())
        .env("XDG_RUNTIME_DIR", home.path().join("run")));
    let stderr = String::from_utf8_lossy(&stderr);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty(), "the screen was never taken: {stdout:?}");
    assert!(
        stderr.contains(&format!(
            "{} is not a directory private to you (mode 755)",
            shared.display()
        )),
        "{stderr}"
    );
}

#[rstest]
#[case(&["audience", "no-such-deck.ron"], 1, "no-such-deck.ron")]
#[case(&["--resume", "--slide", "3"], 2, "--resume")]
#[case(&["log", "no-such-deck.ron"], 1, "no-such-deck.ron")]
fn bad_class_commands_fail_before_the_screen(
    #[case] args: &[&str],
    #[case] code: i32,
    #[case] names: &str,
) {
    let home = tempfile::tempdir().unwrap();
    let (got, stdout, stderr) = run(tribune()
        .args(args)
        .env("HOME", home.path())
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("XDG_RUNTIME_DIR", home.path()));
    let stderr = String::from_utf8_lossy(&stderr);
    assert_eq!(got, code, "{stderr}");
    assert!(stdout.is_empty(), "{stdout:?}");
    assert!(stderr.contains(names), "{stderr}");
}

/// Presenting, rehearsing or following with no terminal (a script, a cron job, a pipe) fails
/// with one line that says why and what works instead: exit status 2, no backtrace.
#[rstest]
#[case(&[])]
#[case(&["rehearse"])]
#[case(&["audience"])]
fn presenting_without_a_terminal_says_so_in_one_line(#[case] args: &[&str]) {
    let home = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run(tribune()
        .args(args)
        .env("HOME", home.path())
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("XDG_RUNTIME_DIR", home.path()));
    let stderr = String::from_utf8_lossy(&stderr);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty(), "nothing drawn on a pipe: {stdout:?}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("tribune: presenting needs a terminal")
            && stderr.contains("`tribune check`, `outline`"),
        "{stderr}"
    );
}

/// The lecture saved by a Windows editor (CRLF), by an old Mac one (CR) or with a byte-order
/// mark checks clean and outlines exactly as the original.
#[rstest]
#[case::crlf("crlf")]
#[case::cr("cr")]
#[case::bom("bom")]
fn a_deck_saved_with_other_line_ends_or_a_bom_loads_as_the_original(#[case] how: &str) {
    let original = tribune::deck::BUNDLED_SOURCE;
    let copy = match how {
        "crlf" => original.replace('\n', "\r\n"),
        "cr" => original.replace('\n', "\r"),
        _ => format!("\u{feff}{original}"),
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{how}.ron"));
    fs::write(&path, &copy).unwrap();
    let path = path.to_str().unwrap();
    let (code, _, stderr) = check(path);
    let stderr = String::from_utf8_lossy(&stderr);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("ok: 84 slides in 2 parts, 0 warnings"),
        "{stderr}"
    );
    let (_, expected, _) = run(tribune().arg("outline"));
    let (code, outline, _) = run(tribune().args(["outline", path]));
    assert_eq!(code, 0);
    assert_eq!(outline, expected);
}

/// `check --size` flags a slide that would scroll at 80x24 (in every layout), not at 160x48,
/// names its line, and with `--strict` fails.
#[test]
fn check_size_flags_the_slides_that_would_scroll() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("long.ron");
    let bullets: Vec<String> = (1..=20).map(|i| format!("\"point {i}\"")).collect();
    fs::write(
        &deck,
        format!(
            "Deck(title: \"T\", span: \"1953\", parts: [Part(id: \"p\", title: \"P\", slides: [\n\
             Slide(title: \"Short\", date: \"1953-03-05\", notes: \"n\"),\n\
             Slide(title: \"Long\", date: \"1953-03-06\", notes: \"n\", body: [Bullets([{}])]),\n\
             ])])",
            bullets.join(",")
        ),
    )
    .unwrap();
    let deck = deck.to_str().unwrap();
    let (code, _, stderr) = run(tribune().args(["check", "--size", "80x24", deck]));
    let stderr = String::from_utf8_lossy(&stderr);
    assert_eq!(code, 0, "warnings by default: {stderr}");
    assert!(
        stderr.contains(&format!(
            "{deck}:3:1: warning: slide 2 (\"Long\") does not fit 80x24"
        )),
        "{stderr}"
    );
    for view in [
        "the audience window",
        "the presenter with the timeline",
        "the presenter with notes",
    ] {
        assert!(stderr.contains(view), "{view}: {stderr}");
    }
    assert!(
        !stderr.contains("slide 1 "),
        "the short slide fits: {stderr}"
    );
    let (code, _, stderr) = run(tribune().args(["check", "--size", "160x48", deck]));
    let stderr = String::from_utf8_lossy(&stderr);
    assert_eq!(code, 0);
    assert!(
        stderr.contains("ok: 2 slides in 1 part, 0 warnings"),
        "{stderr}"
    );
    let (code, _, stderr) = run(tribune().args(["check", "--strict", "--size", "80x24", deck]));
    let stderr = String::from_utf8_lossy(&stderr);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("error: slide 2"), "{stderr}");
    let (code, _, stderr) = run(tribune().args(["check", "--size", "80by24", deck]));
    assert_eq!(code, 2, "{}", String::from_utf8_lossy(&stderr));
}

/// On the bundled lecture, `check --size 80x24` names the slides that scroll there. Each was
/// seen with `↓ more` on an 80x24 screen in that layout (in tmux, slide by slide): only Order
/// 00447 (57) in the audience window; 51, 57, 73 and 83 beside the timeline.
#[test]
fn check_size_on_the_lecture_names_the_slides_that_scroll() {
    let (code, _, stderr) = run(tribune().args(["check", "--size", "80x24"]));
    let stderr = String::from_utf8_lossy(&stderr);
    assert_eq!(code, 0, "{stderr}");
    let flagged = |view: &str| -> Vec<usize> {
        stderr
            .lines()
            .filter(|l| l.contains("does not fit") && l.contains(&format!("{view} (")))
            .filter_map(|l| l.split("slide ").nth(1)?.split(' ').next()?.parse().ok())
            .collect()
    };
    assert_eq!(flagged("the audience window"), [57]);
    assert_eq!(flagged("the presenter with the timeline"), [51, 57, 73, 83]);
}

/// `tribune errata` lists every correction the lecture records, slide by slide.
#[test]
fn errata_lists_every_correction_of_the_lecture() {
    let deck = crate::support::fixtures::lecture();
    let total: usize = deck.slides().map(|s| s.corrections.len()).sum();
    let slides = deck.slides().filter(|s| !s.corrections.is_empty()).count();
    let (code, stdout, _) = run(tribune().arg("errata"));
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with(&format!(
            "slides/two-deaths-of-stalin.ron: {total} corrections on {slides} slides\n"
        )),
        "{stdout}"
    );
    assert_eq!(
        stdout
            .lines()
            .filter(|l| l.trim_start().starts_with("was "))
            .count(),
        total
    );
    assert!(
        stdout
            .contains("   5  4 March 1953\n        was  3 March 1943\n        now  4 March 1953\n")
    );
    let (code, json, _) = run(tribune().args(["errata", "--json"]));
    assert_eq!(code, 0);
    let json: Value = serde_json::from_str(&json).unwrap();
    let listed: usize = json
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["corrections"].as_array().unwrap().len())
        .sum();
    assert_eq!(listed, total);
    assert_eq!(json[0]["number"], 2);
}

/// A picture, a table and a map that cannot fit 80x24 are reported as scrolling there, each
/// at its slide; at 160x48 they fit.
#[test]
fn check_size_counts_pictures_tables_and_maps() {
    let deck = "tests/fixtures/fit-blocks.ron";
    let (code, _, stderr) = run(tribune().args(["check", "--size", "80x24", deck]));
    let stderr = String::from_utf8_lossy(&stderr);
    assert_eq!(code, 0, "{stderr}");
    for (slide, title) in [
        (2, "A picture and much to say"),
        (3, "A long table"),
        (4, "A map and much to say"),
    ] {
        assert!(
            stderr.contains(&format!("slide {slide} (\"{title}\") does not fit 80x24")),
            "{title}: {stderr}"
        );
    }
    let (code, _, stderr) = run(tribune().args(["check", "--size", "160x48", deck]));
    let stderr = String::from_utf8_lossy(&stderr);
    assert_eq!(code, 0);
    assert!(
        stderr.contains("ok: 4 slides in 1 part, 0 warnings"),
        "{stderr}"
    );
}

/// `check` reads every picture: a missing file and one that is not a picture are errors at the
/// `path` of each, naming the file and why; the deck with its pictures in place passes.
#[test]
fn check_reports_each_picture_that_cannot_be_shown() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        root().join("tests/fixtures/render/portrait.png"),
        dir.path().join("portrait.png"),
    )
    .unwrap();
    fs::write(dir.path().join("notes.png"), "not a picture at all").unwrap();
    let deck = dir.path().join("pictures.ron");
    let write = |pictures: &[&str]| {
        let blocks: Vec<String> = pictures
            .iter()
            .map(|p| format!("Image(path: \"{p}\", alt: \"a portrait\")"))
            .collect();
        fs::write(
            &deck,
            format!(
                "Deck(title: \"T\", span: \"1956\", parts: [Part(id: \"p\", title: \"P\", slides: [\n\
                 Slide(title: \"Pictures\", date: \"1956\", notes: \"n\", body: [\n{}\n]),\n\
                 ])])",
                blocks.join(",\n")
            ),
        )
        .unwrap();
    };
    write(&["portrait.png", "missing.png", "notes.png"]);
    let name = deck.to_str().unwrap();
    let (code, _, stderr) = run(tribune().args(["check", name]));
    let stderr = String::from_utf8_lossy(&stderr);
    assert_eq!(code, 1, "{stderr}");
    let folder = dir.path().display();
    assert!(
        stderr.contains(&format!(
            "{name}:4:14: error: the picture {folder}/missing.png cannot be shown: cannot open it"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "{name}:5:14: error: the picture {folder}/notes.png cannot be shown: it is neither a \
             PNG nor a JPEG file"
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("portrait.png cannot"), "{stderr}");
    assert!(
        stderr.contains("2 pictures cannot be shown; the slides would show the alt text"),
        "{stderr}"
    );
    write(&["portrait.png"]);
    let (code, _, stderr) = run(tribune().args(["check", name]));
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&stderr));
}
