//! Helpers shared by the test modules: `fixtures` (paths, fixture decks, the bundled lecture,
//! records, temporary state directories), `bin` (the binary run to its end), `pty` (the binary
//! in a pseudo-terminal) and `app` (the app in-process, drawn into a test backend, and
//! snapshots).

pub mod app;
pub mod bin;
pub mod fixtures;
pub mod pty;
