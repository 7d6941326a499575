//! The deck: what a lecturer writes in RON. `model` holds the types; `load` turns bytes into a
//! validated deck or into diagnostics (`diagnostic`) that name the file, line and column, with
//! `scan` finding places serde does not keep and `validate` checking what parsed; `date` reads
//! deck dates and the presenter's date queries; `timeline` is the date index a jump uses;
//! `clock` reads times of day and the end of a class; `picture` reads the files `Image` blocks
//! name.
//!
//! Knows RON and files, not terminals: above `text` only.

pub mod clock;
pub mod date;
pub mod diagnostic;
pub mod load;
pub mod model;
pub mod picture;
pub mod scan;
pub mod timeline;
mod validate;

pub use clock::TimeOfDay;
pub use date::{Candidate, DateQuery, DayRange, DeckDate, Resolved};
pub use diagnostic::{Diagnostic, LoadError, Severity};
pub use load::{BUNDLED_NAME, BUNDLED_SOURCE, Loaded, load_path, parse_deck};
pub use model::{
    Block, Bullet, ClassEnd, Correction, Deck, Degrees, Layout, Milestone, Part, Place, Prose,
    Seconds, Slide, UNDATED, fnv1a,
};
