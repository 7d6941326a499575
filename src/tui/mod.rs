//! The terminal edge: the terminal itself (`terminal`), everything that wakes a loop as one
//! event (`events`), the terminal's input bytes decoded as keys and mouse reports (`input`,
//! public for the fuzz target), what a run is and how it ended (`session`), and the two loops: the
//! presenter (`present`) and the audience window (`audience`). Whatever happens (q, Ctrl-C, a
//! panic, SIGTERM, SIGHUP, a closed window) the terminal is restored if it still exists, and
//! the class or rehearsal record gets its final save. The only room that touches the terminal,
//! signals and the clock.

mod audience;
mod events;
mod graphics;
pub mod input;
mod output;
mod present;
mod session;
mod terminal;
#[cfg(test)]
mod test_pty;
mod watch;

pub use audience::audience;
pub use events::Tty;
pub use graphics::make_ready;
pub use present::present;
pub use session::{Ending, Session};
pub use terminal::{NoTerminal, check as check_terminal};
