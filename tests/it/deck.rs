//! The bundled lecture and the README's examples (its one whole deck, and the slides and blocks
//! it shows, each wrapped in the smallest deck that holds it): all load, and the lecture keeps its
//! shape: 84 slides in two parts, every slide titled and with notes and every slide but the
//! title slide dated, the corrections to the teacher's slides recorded, flashbacks marked, and
//! its dates landing where the date-jump rule says.

use rstest::rstest;
use tribune::deck::timeline::DateIndex;
use tribune::deck::{DateQuery, parse_deck};

use crate::support::app::{run, type_text};
use crate::support::fixtures::{fixture_deck, lecture, root};

#[test]
fn the_lecture_has_84_slides_in_two_parts() {
    let deck = lecture();
    let counts: Vec<(&str, usize)> = deck
        .parts
        .iter()
        .map(|p| (p.id.as_str(), p.slides.len()))
        .collect();
    // Part I (1953) holds slides 1–41; Part II (1956) starts at slide 42.
    assert_eq!(counts, vec![("first-death", 41), ("second-death", 43)]);
}

#[test]
fn every_slide_has_a_title_and_notes() {
    for (i, slide) in lecture().slides().enumerate() {
        assert!(!slide.title.as_str().trim().is_empty(), "slide {}", i + 1);

        let notes = slide.notes.as_ref().map_or("", |n| n.as_str());
        assert!(
            notes.split_whitespace().count() >= 20,
            "slide {} has thin notes",
            i + 1
        );
    }
}

#[test]
fn corrections_are_recorded_and_the_worst_errors_are_gone() {
    let deck = lecture();
    for slide in deck.slides() {
        let notes = slide.notes.as_ref().map_or("", |n| n.as_str());
        assert!(
            !notes.contains("Corrected:"),
            "{}: a correction left in the notes",
            slide.title
        );
        for c in &slide.corrections {
            assert!(
                !c.was.as_str().trim().is_empty() && !c.now.as_str().trim().is_empty(),
                "{}: an empty correction",
                slide.title
            );
        }
    }
    let corrected = deck.slides().filter(|s| !s.corrections.is_empty()).count();
    assert!(
        corrected >= 60,
        "only {corrected} slides record a correction"
    );
    let total: usize = deck.slides().map(|s| s.corrections.len()).sum();
    assert!(total >= 110, "only {total} corrections recorded");
    let radio = deck
        .slides()
        .find(|s| {
            s.id.as_ref()
                .is_some_and(|id| id.as_str() == "radio-announcement")
        })
        .expect("the radio slide");
    assert_eq!(radio.title.as_str(), "4 March 1953");
    let written = |s: &tribune::deck::Slide| s.date.as_ref().map(|d| d.written.clone());
    assert_eq!(written(radio).as_deref(), Some("1953-03-04"));
    let speech = deck
        .slides()
        .find(|s| {
            s.id.as_ref()
                .is_some_and(|id| id.as_str() == "secret-speech")
        })
        .expect("the Secret Speech slide");
    assert_eq!(written(speech).as_deref(), Some("1956-02-25"));
    let visible = |s: &tribune::deck::Slide| format!("{} {:?}", s.title, s.body);
    for slide in deck.slides() {
        let text = visible(slide);
        assert!(!text.contains("Special Speech"), "{}", slide.title);
        assert!(!text.contains("Doctor's Plot"), "{}", slide.title);
        assert!(!text.contains("Beirut"), "{}", slide.title);
        assert!(!text.contains("Stroke Tolson"), "{}", slide.title);
    }
}

#[test]
fn outside_the_span_means_flashback_and_the_excerpts_are_kept() {
    let deck = lecture();
    let span = deck.span.range;
    for slide in deck.slides() {
        if slide.range().is_some_and(|r| !r.is_within(&span)) {
            assert!(slide.flashback, "{} is outside the span", slide.title);
        }
    }
    let body = |id: &str| {
        let slide = deck
            .slides()
            .find(|s| s.id.as_ref().is_some_and(|i| i.as_str() == id))
            .unwrap_or_else(|| panic!("slide {id}"));
        format!("{:?}", slide.body)
    };
    assert!(body("order-00447").contains("безнаказанности"));
    assert!(body("sino-soviet-tensions").contains("中蘇友好同盟互助"));
    assert!(!body("hungary-1956").contains("中蘇"));
}

#[test]
fn a_question_about_4_march_1953_lands_on_the_radio_announcement() {
    let deck = lecture();
    let index = DateIndex::new(&deck);
    let target = |q: &str| {
        let range = DateQuery::parse(q).unwrap().range;
        let found = index.lookup(&range).unwrap();
        let slide = deck.slide(found.target).unwrap();
        slide
            .id
            .as_ref()
            .map(|i| i.as_str().to_owned())
            .unwrap_or_default()
    };
    assert_eq!(target("4 March 1953"), "radio-announcement");
    assert_eq!(target("25 Feb 1956"), "secret-speech");
    assert_eq!(target("June 1953"), "beria-arrested");
}

#[test]
fn only_the_title_slide_is_undated() {
    let deck = lecture();
    let undated: Vec<&str> = deck
        .slides()
        .filter(|s| s.date.is_none())
        .map(|s| s.id.as_ref().map_or("", |i| i.as_str()))
        .collect();
    assert_eq!(undated, ["title"]);
}

/// The id of the slide a date jump lands on in the lecture: the query read within the deck's
/// span as the prompt reads it (a query without a year in the year it lands on most closely).
fn lands_on(query: &str) -> String {
    let deck = lecture();
    let found = DateIndex::new(&deck)
        .find(query, &deck.span.range)
        .unwrap_or_else(|e| panic!("{query}: {e}"));
    let (_, matched) = &found.readings[found.best];
    let slide = deck.slide(matched.target).expect("a slide");
    slide
        .id
        .as_ref()
        .expect("every slide has an id")
        .to_string()
}

/// Date jumps in the lecture: the questions a class asks, each landing worked out by hand from
/// the slides' dates in `slides/two-deaths-of-stalin.ron` and the date-jump rule (slides dated
/// inside the query first, in deck order; else the narrowest overlap; see the README). The
/// title slide lost its date (it restated the span): none of these lands on it or moved for it.
#[rstest]
// Days: the first slide dated that day, in deck order.
#[case("4 March 1953", "radio-announcement")]
#[case("5 March 1953", "stalin-is-dead")]
#[case("28 February 1953", "last-supper")]
#[case("1 March 1953", "first-of-march")]
#[case("2 March 1953", "second-of-march")]
#[case("7 November 1952", "november-parade")]
#[case("14 February 1956", "congress-opens")]
#[case("9 February 1956", "pospelov-commission")]
#[case("25 February 1956", "secret-speech")]
#[case("9 March 1956", "georgia-riots")]
#[case("16 March 1956", "first-press-reports")]
#[case("28 June 1956", "poznan-protests")]
#[case("30 June 1956", "june-resolution")]
#[case("4 November 1956", "hungary-1956")]
// No slide dated 23 October 1956: Poland's span (19–24 October, 6 days) is narrower than
// Hungary's (23 October – 11 November, 20 days).
#[case("23 October 1956", "polish-october")]
// Months: the first slide dated inside, though a later one may be narrower.
#[case("August 1952", "joxe-meets-stalin")]
#[case("October 1952", "nineteenth-congress")]
#[case("January 1953", "doctors-plot")]
#[case("June 1953", "beria-arrested")]
#[case("December 1953", "beria-executed")]
// The Part II divider keeps its date (the Congress, 14–25 February): it is the month's first.
#[case("February 1956", "twentieth-congress")]
#[case("March 1956", "not-so-secret")]
// Seasons.
#[case("spring 1953", "radio-announcement")]
#[case("winter 1956", "twentieth-congress")]
#[case("summer 1956", "washington-release")]
#[case("autumn 1956", "polish-october")]
// Years, the flashbacks and flash-forwards among them.
#[case("1937", "order-00447")]
#[case("1938", "khrushchev-ukraine-1938")]
#[case("1953", "what-happened")]
#[case("1955", "genesis-survivors")]
#[case("1956", "twentieth-congress")]
#[case("1971", "nyt-review-1971")]
#[case("1988", "rybin-account")]
// No slide dated in 1954: the narrowest overlap is "The Soviet Union in 1953", whose span runs
// to February 1955.
#[case("1954", "soviet-union-1953")]
// Without a year, in the year where the query lands most closely: 4 March and 5 March have
// slides of their own in 1953; so has June in 1953 and 1956, a tie the earlier year wins; 23
// October has none in any year, and 1956's Poland is the narrowest overlap of all.
#[case("4 March", "radio-announcement")]
#[case("5 Mar", "stalin-is-dead")]
#[case("June", "beria-arrested")]
#[case("23 Oct", "polish-october")]
fn the_lectures_dates_land_where_the_fact_sheet_says(#[case] query: &str, #[case] id: &str) {
    assert_eq!(lands_on(query), id, "{query}");
}

/// Every deck under `slides/` loads without a warning, the examples included (each through
/// `fixture_deck`, which fails on a warning).
#[test]
fn every_deck_in_slides_loads_without_warnings() {
    fn decks(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("a readable folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                decks(&path, out);
            } else if path.extension().is_some_and(|e| e == "ron") {
                out.push(path);
            }
        }
    }
    let mut found = Vec::new();
    decks(&root().join("slides"), &mut found);
    found.sort();
    let names: Vec<String> = found
        .iter()
        .map(|p| {
            let relative = p.strip_prefix(root()).expect("under the root");
            relative.to_string_lossy().replace('\\', "/")
        })
        .collect();
    assert_eq!(
        names,
        [
            "slides/examples/hungary-1956.ron",
            "slides/examples/ides-of-march.ron",
            "slides/two-deaths-of-stalin.ron"
        ]
    );
    for name in &names {
        assert!(fixture_deck(name).slide_count() > 0, "{name}");
    }
}

/// The example lecture on the Ides of March: five slides, the title undated, the funeral circa;
/// its dates read as the deck writes them, in words, and in the presenter `d` `44 BC` lands on
/// the slide about that year, `15 March` (no year) on the murder.
#[test]
fn the_ides_of_march_example_shows_its_dates_and_lands_its_jumps() {
    let deck = fixture_deck("slides/examples/ides-of-march.ron");
    let shown: Vec<Option<String>> = deck
        .slides()
        .map(tribune::deck::Slide::shown_date)
        .collect();
    assert_eq!(
        shown,
        [
            None,
            Some("44 BC".to_owned()),
            Some("15 March 44 BC".to_owned()),
            Some("c. 20 March 44 BC".to_owned()),
            Some("October 42 BC".to_owned()),
        ]
    );
    let mut app = tribune::app::App::new(deck);
    let jump = |app: &mut tribune::app::App, query: &str| {
        run(app, [tribune::app::Action::OpenDatePrompt]);
        type_text(app, query);
        run(app, [tribune::app::Action::Submit]);
        let slide = app.deck.slide(app.current).expect("a slide");
        slide.id.as_ref().expect("an id").to_string()
    };
    assert_eq!(jump(&mut app, "44 BC"), "rome");
    assert_eq!(jump(&mut app, "15 March"), "murder");
    // A circa slide is dated, as written, on its day.
    assert_eq!(jump(&mut app, "20 March 44 BC"), "funeral");
    // A circa query is its loose range, 13 to 27 March: the murder is the first slide in it.
    assert_eq!(jump(&mut app, "c. 20 March 44 BC"), "murder");
    assert_eq!(jump(&mut app, "42 BC"), "philippi");
    assert_eq!(app.mode, tribune::app::Mode::Normal);
}

/// The README's fenced `ron` blocks, in order, each with the line its text starts on.
fn readme_ron_blocks() -> Vec<(usize, &'static str)> {
    let readme = include_str!("../../README.md");
    let mut blocks = Vec::new();
    let mut rest = readme;
    while let Some(open) = rest.find("```ron\n") {
        let start = open + "```ron\n".len();
        // A block inside a list item is indented, its closing fence too.
        let len = rest[start..].find("```").expect("a closed ron block");
        let line = readme[..readme.len() - rest.len() + start]
            .matches('\n')
            .count()
            + 1;
        blocks.push((line, rest[start..start + len].trim_end()));
        rest = &rest[start + len..];
    }
    blocks
}

/// What a README example holds, by its first word: a whole deck, a part, a slide, or blocks.
fn first_word(example: &str) -> &str {
    let code = example
        .lines()
        .map(str::trim_start)
        .find(|l| !l.is_empty() && !l.starts_with("//"))
        .unwrap_or("");
    let end = code
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(code.len());
    &code[..end]
}

/// A README fragment as the smallest deck that holds it: a part, a slide, or blocks in a
/// slide's body. The span takes in every date a deck can hold, so a fragment's date never
/// falls outside it.
fn wrapped(example: &str) -> String {
    let slide =
        |body: &str| format!(r#"Slide(title: "t", date: "1953", notes: "n", body: [{body}])"#);
    let part = |slides: &str| format!(r#"Part(id: "p", title: "p", slides: [{slides}])"#);
    let parts = match first_word(example) {
        "Part" => format!("{example}\n"),
        "Slide" => part(&format!("{example}\n")),
        _ => part(&slide(&format!("{example}\n"))),
    };
    format!("Deck(title: \"README\", span: \"-9999/9999\", parts: [\n{parts}])")
}

#[test]
fn every_ron_example_in_the_readme_loads() {
    let blocks = readme_ron_blocks();
    assert!(blocks.len() >= 3, "{} ron blocks", blocks.len());
    let mut decks = 0;
    let mut kinds = Vec::new();
    for (line, example) in blocks {
        kinds.push(first_word(example));
        let name = format!("README.md, the ron block at line {line}");
        if first_word(example) == "Deck" {
            // A whole deck is shown as one to copy: not a warning in it.
            let loaded = parse_deck(&name, example.as_bytes())
                .unwrap_or_else(|e| panic!("{name} does not load:\n{e}"));
            assert!(loaded.warnings.is_empty(), "{name}: {:?}", loaded.warnings);
            decks += 1;
        } else {
            let deck = wrapped(example);
            parse_deck(&name, deck.as_bytes())
                .unwrap_or_else(|e| panic!("{name} does not load in a deck:\n{e}\n{deck}"));
        }
    }
    assert_eq!(decks, 1, "the README shows one complete deck");
    for kind in ["Image", "Table", "Map"] {
        assert!(
            kinds.contains(&kind),
            "the README shows no {kind}: {kinds:?}"
        );
    }
}

#[test]
fn fragments_are_wrapped_by_what_they_are() {
    assert_eq!(first_word("// a slide\nSlide(title: \"x\")"), "Slide");
    assert_eq!(first_word("  Text(\"a\"),\n  Pause,"), "Text");
    for (fragment, slides) in [
        (r#"Slide(title: "a", date: "44 BC", notes: "n")"#, 1),
        (r#"Text("a"), Pause, Text("b")"#, 1),
        (
            r#"Part(id: "x", title: "x", slides: [Slide(title: "a", date: "1989", notes: "n")])"#,
            1,
        ),
    ] {
        let loaded = parse_deck("fragment", wrapped(fragment).as_bytes())
            .unwrap_or_else(|e| panic!("{fragment}:\n{e}"));
        assert_eq!(loaded.deck.slide_count(), slides, "{fragment}");
    }
}

#[test]
fn the_lectures_budgets_add_up_to_its_duration() {
    let deck = lecture();
    let target = deck
        .duration
        .map(|d| std::time::Duration::from_secs(u64::from(d.0)));
    assert_eq!(target, Some(std::time::Duration::from_secs(90 * 60)));
    let budgets = tribune::timing::budget::budgets(&deck, target);
    assert!(budgets.iter().all(Option::is_some));
    let sum: std::time::Duration = budgets.iter().flatten().sum();
    assert_eq!(sum.as_secs(), 90 * 60);
}

/// Five slides around 15 March 44 BC: a year, a circa month, the day itself under a label, a
/// circa day, and a flash-forward to AD 14 inside a span that crosses the era boundary.
const IDES: &str = r#"Deck(
    title: "The Ides of March",
    span: "-0044/0014",
    milestones: [(date: "15 March 44 BC", label: "Caesar killed")],
    parts: [
        Part(id: "ides", title: "The Ides", slides: [
            Slide(id: "rome", title: "Rome in 44 BC", date: "44 BC", notes: "The year."),
            Slide(id: "omens", title: "Omens", date: "c. February 44 BC", notes: "Spurinna."),
            Slide(
                id: "ides",
                title: "The murder",
                date: "-0043-03-15",
                date_label: "the Ides of March",
                notes: "The Theatre of Pompey.",
            ),
            Slide(id: "funeral", title: "The funeral", date: "c. 20 March 44 BC", notes: "Antony."),
            Slide(id: "augustus", title: "Augustus dies", date: "19 August AD 14", notes: "Nola."),
        ]),
    ],
)"#;

#[test]
fn a_deck_on_the_ides_of_march_loads_and_its_dates_land() {
    let loaded = parse_deck("ides.ron", IDES.as_bytes())
        .unwrap_or_else(|e| panic!("the Ides deck does not load:\n{e}"));
    assert!(
        loaded.warnings.is_empty(),
        "{}",
        tribune::deck::diagnostic::render_all(&loaded.warnings)
    );
    let deck = loaded.deck;
    let shown: Vec<String> = deck
        .slides()
        .filter_map(tribune::deck::Slide::shown_date)
        .collect();
    assert_eq!(
        shown,
        [
            "44 BC",
            "c. February 44 BC",
            "the Ides of March",
            "c. 20 March 44 BC",
            "19 August AD 14"
        ]
    );
    assert_eq!(deck.span.human(), "45 BC – AD 14");
    assert!(
        deck.slides()
            .nth(3)
            .and_then(|s| s.date.as_ref())
            .is_some_and(|d| d.approximate)
    );

    let index = DateIndex::new(&deck);
    let lookup = |q: &str| {
        index
            .lookup(&DateQuery::parse(q).unwrap().range)
            .unwrap_or_else(|| panic!("{q} matches nothing"))
    };
    // The whole year holds the first four slides as written; the first in deck order wins.
    let year = lookup("44 BC");
    assert_eq!((year.target, &year.primary), (0, &vec![0, 1, 2, 3]));
    // The day: the labelled slide, then the year around it, then the two circa slides whose
    // loose ranges reach it (December 45 BC to April 44 BC; 13 to 27 March 44 BC).
    let day = lookup("15 March 44 BC");
    assert_eq!(day.target, 2);
    assert_eq!(
        (day.primary, day.secondary, day.approximate),
        (vec![2], vec![0], vec![1, 3])
    );
    // Written as the label says, the ISO way, or the American way: the same day.
    assert_eq!(lookup("-0043-03-15").target, 2);
    assert_eq!(lookup("March 15, 44 BCE").target, 2);
}
