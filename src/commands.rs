//! The subcommands that do not take over the terminal (`check`, `outline`, `report`), deck
//! loading for all of them (the bundled lecture or a file, with diagnostics printed on stderr),
//! and the reading of rehearsal records before the presenter starts.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use serde::Serialize;

use crate::app::Purpose;
use crate::cli::{Cli, Command, DeckArg, OutlineArgs, PresentArgs, ReportArgs};
use crate::deck::diagnostic::render_all;
use crate::deck::timeline::DateIndex;
use crate::deck::{
    BUNDLED_NAME, BUNDLED_SOURCE, DateQuery, Loaded, Prose, Seconds, load_path, parse_deck,
};
use crate::record::{self, Record};
use crate::rehearsal;
use crate::tui;

/// Runs the command line and returns the process's exit code.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Check(deck)) => check(&deck),
        Some(Command::Outline(args)) => outline(&args),
        Some(Command::Present(args)) => present(&args, Purpose::Present, None),
        Some(Command::Rehearse(args)) => present(&args.present, Purpose::Rehearse, args.target),
        Some(Command::Report(args)) => report(&args),
        Some(Command::Audience(deck)) => audience(&deck),
        Some(Command::Log(args)) => crate::class_log::run(&args),
        None => present(&cli.present, Purpose::Present, None),
    }
}

/// Loads the deck a user named (or the bundled lecture), printing errors on stderr.
pub fn load(arg: &DeckArg) -> Result<Loaded, ExitCode> {
    let result = match &arg.deck {
        Some(path) => load_path(path),
        None => parse_deck(BUNDLED_NAME, BUNDLED_SOURCE.as_bytes()),
    };
    result.map_err(|e| {
        let errors = e
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::deck::Severity::Error)
            .count();
        eprint!("{}", render_all(&e.diagnostics));
        eprintln!(
            "tribune: {errors} error{} in the deck; it was not loaded",
            if errors == 1 { "" } else { "s" }
        );
        ExitCode::FAILURE
    })
}

fn check(arg: &DeckArg) -> ExitCode {
    match load(arg) {
        Ok(loaded) => {
            if !loaded.warnings.is_empty() {
                eprintln!("{}", render_all(&loaded.warnings));
            }
            let deck = &loaded.deck;
            eprintln!(
                "{}: ok: {} slides in {} part{}, {} warning{}",
                arg.deck
                    .as_ref()
                    .map_or(BUNDLED_NAME.to_owned(), |p| p.display().to_string()),
                deck.slide_count(),
                deck.parts.len(),
                if deck.parts.len() == 1 { "" } else { "s" },
                loaded.warnings.len(),
                if loaded.warnings.len() == 1 { "" } else { "s" }
            );
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

/// One line of `outline --json`.
#[derive(Serialize)]
struct OutlineRow<'a> {
    number: usize,
    part: &'a str,
    id: Option<&'a str>,
    date: &'a str,
    title: &'a str,
    /// `primary` or `secondary` when `--date` was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    r#match: Option<&'static str>,
}

fn outline(args: &OutlineArgs) -> ExitCode {
    let loaded = match load(&args.deck) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let deck = &loaded.deck;
    let slides: Vec<_> = deck.slides().collect();
    // (slide index, match kind) in the order to print.
    let order: Vec<(usize, Option<&'static str>)> = match &args.date {
        None => (0..slides.len()).map(|i| (i, None)).collect(),
        Some(query) => {
            let range = match DateQuery::parse(query) {
                Ok(q) => q.range,
                Err(e) => {
                    eprintln!("tribune: cannot read the date `{query}`: {e}");
                    return ExitCode::FAILURE;
                }
            };
            let Some(found) = DateIndex::new(deck).lookup(&range) else {
                eprintln!(
                    "tribune: no slide is dated in or around `{query}` ({})",
                    crate::deck::date::human_range(&range)
                );
                return ExitCode::FAILURE;
            };
            let kind = |i: usize| {
                if found.primary.contains(&i) {
                    "primary"
                } else {
                    "secondary"
                }
            };
            std::iter::once(found.target)
                .chain(found.all().filter(|&i| i != found.target))
                .map(|i| (i, Some(kind(i))))
                .collect()
        }
    };
    let rows: Vec<OutlineRow> = order
        .iter()
        .map(|&(i, kind)| OutlineRow {
            number: i + 1,
            part: deck.parts[deck.part_of(i)].id.as_str(),
            id: slides[i].id.as_ref().map(Prose::as_str),
            date: &slides[i].date.written,
            title: slides[i].title.as_str(),
            r#match: kind,
        })
        .collect();
    print_output(args.json, &rows, "the outline", |out| {
        rows.iter().try_for_each(|r| {
            let title: String = r
                .title
                .chars()
                .map(|c| if c.is_whitespace() { ' ' } else { c })
                .collect();
            writeln!(out, "{}\t{}\t{}\t{}", r.number, r.part, r.date, title)
        })
    })
}

/// Writes a command's result on stdout: as JSON when asked, else with `text`. A closed pipe
/// (`tribune outline | head`) is not an error worth a message.
pub fn print_output<T: Serialize>(
    json: bool,
    value: &T,
    what: &str,
    text: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> ExitCode {
    let mut out = std::io::stdout().lock();
    let written = if json {
        serde_json::to_writer_pretty(&mut out, value)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out))
    } else {
        text(&mut out)
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tribune: cannot write {what}: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The terminal to present on, or the one-line reason there is none (exit status 2: presenting
/// was asked for where it cannot be done).
fn terminal() -> Result<tui::Tty, ExitCode> {
    tui::check_terminal().map_err(|e| {
        eprintln!("tribune: {e}");
        ExitCode::from(2)
    })
}

/// Presents or rehearses; `target` is a rehearsal's `--target`.
fn present(args: &PresentArgs, purpose: Purpose, target: Option<Duration>) -> ExitCode {
    let loaded = match load(&args.deck) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let dir = records_dir(&args.deck);
    let records = dir
        .as_deref()
        .map(|d| read_records(d, "rehearsal"))
        .unwrap_or_default();
    let deck_target = loaded.deck.duration.map(Seconds::duration);
    let session = match purpose {
        Purpose::Rehearse => tui::Session::Rehearsal {
            dir,
            target: target.or(deck_target),
        },
        Purpose::Present => {
            let key = record::deck_key(args.deck.deck.as_deref());
            let log_dir = record::state_dir().map(|s| record::class_dir(&s, &key));
            let classes = log_dir
                .as_deref()
                .map(|d| read_records(d, "class"))
                .unwrap_or_default();
            tui::Session::Class {
                resume_at: record::resume_point(&loaded.deck, &classes),
                log_dir,
                socket: crate::link::socket_path(&key).map_err(|e| e.to_string()),
            }
        }
    };
    let tty = match terminal() {
        Ok(tty) => tty,
        Err(code) => return code,
    };
    tui::present(loaded, args, &records, &session, tty)
}

/// Where this deck's rehearsal records live, if there is a state directory at all.
fn records_dir(deck: &DeckArg) -> Option<PathBuf> {
    record::state_dir().map(|s| record::rehearsal_dir(&s, &record::deck_key(deck.deck.as_deref())))
}

/// Reads the records (of a `what`: class or rehearsal), telling the user in one line about
/// each file that could not be read.
pub fn read_records(dir: &std::path::Path, what: &str) -> Vec<Record> {
    let (records, problems) = record::load_all(dir);
    for p in problems {
        eprintln!("tribune: skipping a {what} record: {p}");
    }
    records
}

fn report(args: &ReportArgs) -> ExitCode {
    let loaded = match load(&args.deck) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let deck = &loaded.deck;
    let Some(dir) = records_dir(&args.deck) else {
        eprintln!(
            "tribune: no state directory (set XDG_STATE_HOME or HOME) to read rehearsals from"
        );
        return ExitCode::FAILURE;
    };
    let records = read_records(&dir, "rehearsal");
    if records.is_empty() {
        eprintln!(
            "tribune: no rehearsals of this deck yet (looked in {}); `tribune rehearse` records one",
            dir.display()
        );
        return ExitCode::FAILURE;
    }
    // The budget the rehearsals were run against, unless told otherwise.
    let target = args
        .target
        .or(records
            .last()
            .and_then(|r| r.target_secs)
            .map(Duration::from_secs))
        .or(deck.duration.map(Seconds::duration));
    let built = crate::report::build(deck, &rehearsal::budgets(deck, target), &records);
    print_output(args.json, &built, "the report", |out| {
        write!(out, "{}", crate::report::render(&built, 100))
    })
}

/// Runs an audience window for a deck.
fn audience(arg: &DeckArg) -> ExitCode {
    let loaded = match load(arg) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let socket = match crate::link::socket_path(&record::deck_key(arg.deck.as_deref())) {
        Ok(path) => path,
        Err(e) => {
            eprintln!("tribune: cannot follow a presenter: {e}");
            return ExitCode::FAILURE;
        }
    };
    let tty = match terminal() {
        Ok(tty) => tty,
        Err(code) => return code,
    };
    let app = crate::app::App::new(loaded.deck, crate::ui::theme::Theme::bundled());
    // Reading the deck again is quiet: its errors belong to the presenter's terminal.
    let reload = || match &arg.deck {
        Some(path) => load_path(path).ok().map(|l| l.deck),
        None => None,
    };
    tui::audience(app, &socket, tty, reload)
}
