//! The layout room: a deck's slides, the panes of the screen, the timeline sidebar, the notes
//! and the presenter's preview as positioned, wrapped text whose runs carry roles (title, body,
//! quotation, marker...) rather than colours. Pure and free of any terminal library, so the
//! screen, the audience window, `check --size` and an HTML export all read the same layout.
//!
//! Above `deck` and `timing`; below `app`, which asks it how far a slide can scroll.

pub mod coast;
pub mod details;
pub mod figure;
pub mod fit;
pub mod geometry;
pub mod next;
pub mod notes;
pub mod slide;
pub mod styled;
pub mod table;
pub mod timeline;

pub use crate::text::roman;
pub use figure::{Figure, FigureKind};
pub use geometry::{MIN_SIZE, Open, Panes, Rect, is_too_small, panes, slide_text_area};
pub use slide::{BigTitle, MEASURE, SlideLayout, SlideLine, is_divider, layout_of};
pub use styled::{Line, Role, Run};
