//! Time kept and reported: the budgets a talk's length gives each slide and the pacing against
//! them, the class clock (the countdown to the end of class, the forecast of the talk's end),
//! the records of rehearsals and classes saved in the state folder (and the recorder that
//! writes them as a talk goes), the rehearsal report, the runs compared, and the class log.
//!
//! Knows decks and files; nothing of the app's state, the screen or the terminal.

pub mod budget;
pub mod class_clock;
pub mod class_log;
pub mod record;
pub mod recorder;
pub mod report;
pub mod runs;
