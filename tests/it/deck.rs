//! The bundled lecture and the README's example deck: both load, and the lecture keeps its
//! shape: 84 slides in two parts, every slide titled, dated and with notes, the corrections to
//! the teacher's slides recorded, flashbacks marked, and its dates landing where they should.

use tribune::deck::timeline::DateIndex;
use tribune::deck::{DateQuery, parse_deck};

use crate::support::fixtures::lecture;

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
fn every_slide_has_a_title_a_date_and_notes() {
    for (i, slide) in lecture().slides().enumerate() {
        assert!(!slide.title.as_str().trim().is_empty(), "slide {}", i + 1);
        assert!(!slide.date.written.is_empty(), "slide {}", i + 1);
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
    assert_eq!(radio.date.written, "1953-03-04");
    let speech = deck
        .slides()
        .find(|s| {
            s.id.as_ref()
                .is_some_and(|id| id.as_str() == "secret-speech")
        })
        .expect("the Secret Speech slide");
    assert_eq!(speech.date.written, "1956-02-25");
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
        if !slide.date.range.is_within(&span) {
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
fn the_readme_example_deck_loads_without_warnings() {
    let readme = include_str!("../../README.md");
    let start = readme.find("```ron\n").expect("a ron block in the README") + 7;
    let end = start + readme[start..].find("\n```").expect("its end");
    let loaded = parse_deck("README.md", &readme.as_bytes()[start..end])
        .unwrap_or_else(|e| panic!("the README's example does not load:\n{e}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.deck.slide_count(), 1);
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
        .map(tribune::deck::Slide::shown_date)
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
    assert!(deck.slides().nth(3).is_some_and(|s| s.date.approximate));

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

/// Every other `ron` block of the README (the examples of single blocks) reads as a block.
#[test]
fn the_readmes_block_examples_are_blocks() {
    let readme = include_str!("../../README.md");
    let mut examples = readme.split("```ron\n").skip(2).peekable();
    assert!(examples.peek().is_some(), "the README shows single blocks");
    let mut kinds = Vec::new();
    for example in examples {
        let text = &example[..example.find("```").expect("its end")];
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let block: tribune::deck::Block = options
            .from_str(text)
            .unwrap_or_else(|e| panic!("the README's example does not read:\n{text}\n{e}"));
        kinds.push(
            format!("{block:?}")
                .split([' ', '(', '{'])
                .next()
                .map(str::to_owned),
        );
    }
    let kinds: Vec<&str> = kinds.iter().flatten().map(String::as_str).collect();
    assert_eq!(kinds, ["Image", "Table", "Map"]);
}
