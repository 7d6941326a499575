//! tribune: a terminal presentation app for history lectures.
//!
//! The rooms, each importing only from those listed before it (`.ci/rooms` checks it):
//! `text` (display widths, emphasis, wrapping) → `deck` (the RON format, loading, dates) →
//! `timing` (budgets, records, reports, the class log) → `layout` (slides, panes and the
//! timeline as positioned text, no terminal) → `export` (the handout: one HTML page with an SVG
//! timeline, or Markdown) → `cli` (the command line's types) → `app` (state, actions, the pure
//! `update`) → `link` (the audience socket) → `ui` (drawing with ratatui) → `tui` (the
//! terminal, events, the two loops) → `commands` (the subcommands).

pub mod app;
pub mod cli;
pub mod commands;
pub mod deck;
pub mod export;
pub mod layout;
pub mod link;
pub mod text;
pub mod timing;
pub mod tui;
pub mod ui;
