//! Drawing with ratatui: the presenter's screen (`screen`), the audience window
//! (`audience`), and the pieces they are made of, one file each: the slide, the timeline, the
//! notes pane and its "next" preview, the status bar, the overlays. Views only read state and
//! the layout's output, and turn roles into colours with a `theme`; where things go and how text
//! wraps is the layout room's.

mod audience;
mod next;
mod notes;
mod overlay;
mod paint;
pub mod picture;
mod presenter;
mod slide;
mod status;
pub mod theme;
mod timeline;

pub use audience::AudienceView;
pub use overlay::KEYS;
pub use picture::Pictures;
pub use presenter::PresenterView;
pub use timeline::{timeline_hit, timeline_rows};
