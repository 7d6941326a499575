//! Any bytes as a deck: the loader answers with a deck or with diagnostics, and never panics;
//! every diagnostic names the file and renders.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match tribune::deck::parse_deck("fuzz.ron", data) {
        Ok(loaded) => {
            assert!(loaded.deck.slide_count() > 0, "a deck that loads has slides");
            for d in &loaded.warnings {
                assert!(d.to_string().starts_with("fuzz.ron"));
            }
        }
        Err(e) => {
            assert!(!e.diagnostics.is_empty(), "a refusal says why");
            for d in &e.diagnostics {
                assert!(d.to_string().starts_with("fuzz.ron"));
            }
        }
    }
});
