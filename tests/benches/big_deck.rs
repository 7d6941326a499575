//! A deck of N slides for the benchmarks, as a tribune deck (RON) and as the same text in
//! Markdown for presenterm and mdp, so all three present the same words. The benches build it
//! in memory; `cargo run --release --example big_deck -- 5000 big.ron big.md` writes it for the
//! terminal measurements (`tests/benches/measure.rs`).
//!
//! Each slide has a title, a date (a day each, from January 1900 on, within the deck's span),
//! a sentence, three bullets and about sixty words of notes; every tenth slide (from the tenth) has a reveal.
//! Two parts split the slides in half.

use std::fmt::Write as _;

/// Words the text is made of: plain prose of the kind a lecture holds.
const WORDS: &[&str] = &[
    "the",
    "congress",
    "met",
    "in",
    "closed",
    "session",
    "and",
    "heard",
    "a",
    "report",
    "on",
    "the",
    "cult",
    "of",
    "personality",
    "its",
    "delegates",
    "left",
    "in",
    "silence",
    "while",
    "the",
    "news",
    "spread",
    "through",
    "party",
    "meetings",
    "across",
    "the",
    "country",
];

fn sentence(seed: usize, words: usize) -> String {
    let mut out = String::new();
    for i in 0..words {
        let w = WORDS[(seed * 7 + i * 3) % WORDS.len()];
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    let mut chars = out.chars();
    chars.next().map_or(out.clone(), |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    }) + "."
}

/// The deck of `n` slides, as (RON, Markdown).
pub fn decks(n: usize) -> (String, String) {
    let days = |i: usize| {
        // A day each from 1 January 1900: a month is 28 days here, so every date exists.
        let (year, rest) = (1900 + i / 336, i % 336);
        format!("{year}-{:02}-{:02}", rest / 28 + 1, rest % 28 + 1)
    };
    let last_year = 1900 + n / 336;
    let mut ron = format!(
        "Deck(\n    title: \"A long lecture\",\n    span: \"1900/{last_year}\",\n    parts: [\n"
    );
    let mut md = String::from("---\ntitle: A long lecture\n---\n\n");
    for (p, range) in [(0, 0..n / 2), (1, n / 2..n)] {
        let _ = writeln!(
            ron,
            "        Part(id: \"part-{p}\", title: \"Part {}\", slides: [",
            p + 1
        );
        for i in range {
            let title = format!("Slide {} · {}", i + 1, sentence(i, 3).trim_end_matches('.'));
            let text = sentence(i + 1, 12);
            let bullets: Vec<String> = (0..3).map(|b| sentence(i + b + 2, 6)).collect();
            let notes = [
                sentence(i + 5, 20),
                sentence(i + 6, 20),
                sentence(i + 7, 20),
            ]
            .join(" ");
            // Not on the first slides, which the terminal measurements show whole.
            let pause = if i % 10 == 9 { "Pause, " } else { "" };
            let _ = writeln!(
                ron,
                "            Slide(id: \"s{i}\", title: \"{title}\", date: \"{}\", body: [Text(\"{text}\"), {pause}Bullets([{}])], notes: \"{notes}\"),",
                days(i),
                bullets
                    .iter()
                    .map(|b| format!("\"{b}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let _ = write!(md, "{title}\n===\n\n{text}\n\n");
            for b in &bullets {
                let _ = writeln!(md, "* {b}");
            }
            let _ = write!(
                md,
                "\n<!-- speaker_note: {notes} -->\n\n<!-- end_slide -->\n\n"
            );
        }
        ron.push_str("        ]),\n");
    }
    ron.push_str("    ],\n)\n");
    (ron, md)
}

/// Writes the decks: `big_deck [N] [RON] [MD]`.
#[allow(dead_code, reason = "the benches use `decks`; `main` is the example's")]
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(5000);
    let (ron, md) = decks(n);
    let ron_path = args.get(2).map_or("big.ron", String::as_str);
    let md_path = args.get(3).map_or("big.md", String::as_str);
    std::fs::write(ron_path, ron).expect("writing the RON deck");
    std::fs::write(md_path, md).expect("writing the Markdown deck");
}
