//! End-to-end tests: the real `tribune` binary in a pseudo-terminal (`support::pty`), keys
//! written to it as a terminal sends them, its screen read back through a `vt100` parser.
//!
//! Every wait has a deadline and fails with the screen printed; nothing sleeps. Keys that the
//! app could misread when they arrive glued to the next one (a lone Esc followed by more bytes
//! parses as one Alt-key) are only followed by more input once their effect is on screen.
//! Each session ends by checking the exit status and that the terminal was put back.
//!
//! - `keys`: walking the lecture, clicker keys, signals, resizing, bad starts, start options;
//! - `rehearse`: `tribune rehearse`, the record it saves, and the presenter reading it;
//! - `class`: the audience window following a presenter, and the class log;
//! - `mishaps`: a closed window, Ctrl-Z, a state folder that cannot be written, and a deck that
//!   is never written.

mod class;
mod keys;
mod mishaps;
mod rehearse;

/// The exit status after a signal: a hang-up is reported as 128 + SIGHUP, as a shell would;
/// SIGTERM and SIGINT are a normal end.
fn status_after(signal: &str) -> u32 {
    if signal == "HUP" { 129 } else { 0 }
}

/// Text that identifies a slide of the lecture on the audience's screen.
const SLIDE_2_FIRST: &str = "Fear or calculation? Historians disagree";
const SLIDE_2_REVEALED: &str = "A merciless power struggle";
const SLIDE_5: &str = "Radio Moscow: Stalin paralysed";
const SLIDE_42: &str = "The second death of Joseph Stalin";
const SLIDE_46: &str = "Khrushchev's “Secret Speech” (4 hours)";
