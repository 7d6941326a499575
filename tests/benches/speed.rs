//! Where the time goes, in memory, without a terminal: loading and checking a deck (the lecture
//! and a generated 5,000-slide deck), drawing one frame of the presenter with its timeline and
//! notes at three sizes (the first frame, and a frame after a move), a date query on 5,000
//! slides, and a key's whole path from action to drawn frame. `cargo bench`; the figures and
//! how they compare with presenterm and mdp in a real terminal are in BENCHMARKS.md.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tribune::app::{Action, App};
use tribune::deck::timeline::DateIndex;
use tribune::deck::{BUNDLED_NAME, BUNDLED_SOURCE, DateQuery, Deck, parse_deck};
use tribune::layout::timeline::Memo;
use tribune::ui::theme::Theme;
use tribune::ui::{PresenterView, timeline_rows};

#[path = "big_deck.rs"]
mod big_deck;

fn lecture() -> Deck {
    parse_deck(BUNDLED_NAME, BUNDLED_SOURCE.as_bytes())
        .expect("the lecture loads")
        .deck
}

fn big() -> (String, Deck) {
    let (ron, _) = big_deck::decks(5000);
    let deck = parse_deck("big.ron", ron.as_bytes())
        .expect("the generated deck loads")
        .deck;
    (ron, deck)
}

/// A presenter at `w`×`h` with the timeline and notes open, on a slide in the middle.
fn presenter(deck: &Deck, (w, h): (u16, u16)) -> App {
    let mut app = App::new(deck.clone());
    for action in [
        Action::Resize(w, h),
        Action::ToggleNotes,
        Action::GoToSlide(deck.slide_count() / 2),
        Action::Tick {
            now: Duration::from_secs(432),
            clock: tribune::deck::TimeOfDay::hm(14, 32),
        },
    ] {
        app.update(action);
    }
    app
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App, theme: &Theme, memo: &mut Memo) {
    terminal
        .draw(|f| {
            let view = PresenterView {
                app,
                theme,
                timeline: timeline_rows(app, memo),
                pictures: None,
            };
            f.render_widget(view, f.area());
        })
        .expect("a test backend cannot fail");
}

fn loading(c: &mut Criterion) {
    let (ron, _) = big();
    let mut group = c.benchmark_group("load and check");
    group.bench_function("the lecture", |b| {
        b.iter(|| parse_deck(BUNDLED_NAME, black_box(BUNDLED_SOURCE.as_bytes())));
    });
    group.sample_size(20);
    group.bench_function("5,000 slides", |b| {
        b.iter(|| parse_deck("big.ron", black_box(ron.as_bytes())));
    });
    group.finish();
}

fn frames(c: &mut Criterion) {
    let theme = Theme::bundled();
    let decks = [("lecture", lecture()), ("5,000 slides", big().1)];
    let mut group = c.benchmark_group("frame");
    for (name, deck) in &decks {
        for size in [(80, 24), (120, 40), (200, 60)] {
            let app = presenter(deck, size);
            let id = format!("{name} {}x{}", size.0, size.1);
            // The first frame: the timeline's rows worked out from nothing.
            group.bench_function(BenchmarkId::new("first", &id), |b| {
                b.iter(|| {
                    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
                    let mut memo = Memo::default();
                    draw(&mut terminal, &app, &theme, &mut memo);
                });
            });
            // Redrawing what is on screen (the clock's tick): rows kept.
            let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
            let mut memo = Memo::default();
            group.bench_function(BenchmarkId::new("again", &id), |b| {
                b.iter(|| draw(&mut terminal, &app, &theme, &mut memo));
            });
        }
    }
    group.finish();
}

fn keys(c: &mut Criterion) {
    let theme = Theme::bundled();
    let decks = [("lecture", lecture()), ("5,000 slides", big().1)];
    let mut group = c.benchmark_group("key to frame");
    for (name, deck) in &decks {
        let mut app = presenter(deck, (120, 40));
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        let mut memo = Memo::default();
        draw(&mut terminal, &app, &theme, &mut memo);
        // Next, then back: the position moves and the frame is drawn each time.
        let mut forward = true;
        group.bench_function(*name, |b| {
            b.iter(|| {
                let action = if forward { Action::Next } else { Action::Prev };
                forward = !forward;
                let mut next = Some(action);
                while let Some(a) = next {
                    next = app.update(a);
                }
                draw(&mut terminal, &app, &theme, &mut memo);
            });
        });
    }
    group.finish();
}

fn dates(c: &mut Criterion) {
    let (_, deck) = big();
    let index = DateIndex::new(&deck);
    c.bench_function("date query on 5,000 slides", |b| {
        b.iter(|| {
            let query = DateQuery::parse(black_box("June 1906")).expect("a date");
            index.lookup(&query.range)
        });
    });
}

criterion_group!(benches, loading, frames, keys, dates);
criterion_main!(benches);
