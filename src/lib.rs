//! tribune: a terminal presentation app for history lectures.
//!
//! `deck` reads and checks decks; `app` holds the presenter's state and its pure `update`;
//! `ui` draws that state; `tui` owns the terminal, signals and the clock; `link` carries what
//! the presenter shows to audience windows; `commands` runs the non-interactive subcommands.

pub mod app;
pub mod class_log;
pub mod cli;
pub mod commands;
pub mod deck;
pub mod link;
pub mod record;
pub mod rehearsal;
pub mod report;
pub mod text;
pub mod tui;
pub mod ui;
