//! The export room: a deck as a handout for students, in HTML (one self-contained page with an
//! inline SVG timeline, for screens, phones and print) or in Markdown (for a course website).
//! `handout` says what a handout holds, `chronology` puts the slides in the order of time,
//! `timeline_svg` draws them (and `map_svg` a map's places), `html` and `markdown` write the two formats, `notes` splits the
//! speaker notes into blocks, `markup` escapes and writes HTML, `stylesheet` holds the CSS and
//! the class of each layout role.
//!
//! Reads the deck and the layout room's roles, never a terminal: above `layout`, below `cli`.

pub mod chronology;
pub mod handout;
pub mod html;
pub mod map_svg;
pub mod markdown;
pub mod markup;
pub mod notes;
pub mod stylesheet;
pub mod timeline_svg;

pub use handout::{Options, Pictures};
