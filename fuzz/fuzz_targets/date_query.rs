//! Any text typed into the date prompt: it parses or says why, and a parsed query looks up
//! the bundled lecture without panicking, landing on a slide that exists.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tribune::deck::timeline::DateIndex;
use tribune::deck::{BUNDLED_NAME, BUNDLED_SOURCE, DateQuery, Deck, parse_deck};

fn lecture() -> &'static (Deck, DateIndex) {
    static LECTURE: OnceLock<(Deck, DateIndex)> = OnceLock::new();
    LECTURE.get_or_init(|| {
        let deck = parse_deck(BUNDLED_NAME, BUNDLED_SOURCE.as_bytes())
            .expect("the bundled lecture loads")
            .deck;
        let index = DateIndex::new(&deck);
        (deck, index)
    })
}

fuzz_target!(|text: &str| {
    let (deck, index) = lecture();
    match DateQuery::parse(text) {
        Ok(query) => {
            let _ = tribune::deck::date::human_range(&query.range);
            if let Some(found) = index.lookup(&query.range) {
                assert!(found.target < deck.slide_count());
                assert!(found.all().all(|i| i < deck.slide_count()));
            }
        }
        Err(message) => assert!(!message.is_empty()),
    }
});
