//! `tribune [present]` and `tribune rehearse`: the deck, the records kept so far and the
//! session (a class or a rehearsal), then the presenter in the terminal.

use std::process::ExitCode;
use std::time::Duration;

use super::error::Error;
use super::input::{load, read_records, theme};
use crate::app::Purpose;
use crate::cli::{PresentArgs, RehearseArgs};
use crate::deck::Seconds;
use crate::timing::budget::squeeze;
use crate::timing::record;
use crate::tui;

/// Presents in front of a class.
pub fn present(args: &PresentArgs) -> Result<ExitCode, Error> {
    run(args, Purpose::Present, None)
}

/// Rehearses against the clock.
pub fn rehearse(args: &RehearseArgs) -> Result<ExitCode, Error> {
    run(&args.present, Purpose::Rehearse, args.target)
}

/// Presents or rehearses; `target` is a rehearsal's `--target`.
fn run(args: &PresentArgs, purpose: Purpose, target: Option<Duration>) -> Result<ExitCode, Error> {
    let loaded = load(&args.deck)?;
    let key = record::deck_key(args.deck.deck.as_deref());
    let state = record::state_dir();
    let rehearsal_dir = state.as_deref().map(|s| record::rehearsal_dir(s, &key));
    let records = rehearsal_dir
        .as_deref()
        .map(|d| read_records(d, "rehearsal"))
        .unwrap_or_default();
    let session = match purpose {
        Purpose::Rehearse => {
            let which = if target.is_some() {
                "--target"
            } else {
                "the deck's `duration`"
            };
            let target = target.or(loaded.deck.duration.map(Seconds::duration));
            // Said before the screen is taken, so it stays in the terminal's scrollback; the
            // status bar says it again in short.
            if let Some(tight) = target.and_then(|t| squeeze(&loaded.deck, t)) {
                eprintln!("tribune: warning: {}", tight.message(which));
            }
            tui::Session::Rehearsal {
                dir: rehearsal_dir,
                target,
            }
        }
        Purpose::Present => {
            let log_dir = state.as_deref().map(|s| record::class_dir(s, &key));
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
    let theme = theme(args.theme.as_deref(), &loaded.deck)?;
    let tty = tui::check_terminal()?;
    tui::present(loaded, args, &records, &session, tty, theme)
        .map(tui::Ending::exit_code)
        .map_err(|e| Error::Failed(format!("{e:#}")))
}
