//! Whole screens drawn in-process into a ratatui `TestBackend` (`support::app`) and
//! snapshotted as text in `tests/snapshots/it__render__*.snap`, with the styles the text cannot
//! hold (accent, milestone, blank, bold, badge colours, the progress line) asserted on the
//! buffer.
//!
//! Each case draws a small deck made for it (`tests/fixtures/render/*.ron`), so that a change
//! to the lecture's text rewrites none of them; only `lecture` draws the bundled lecture, as an
//! end-to-end check of a few screens.
//!
//! - `single`: the single-terminal presenter (slides of every kind, notes, the timeline on and
//!   off, too small);
//! - `overlay`: the key help, the overview and the date prompt;
//! - `presenter`: the presenter view (notes, a "next" column, the audience count and badges);
//! - `class`: the class clock (the countdown, the forecast, the pause) in the presenter view;
//! - `audience`: the audience window (the slide alone in large type, a progress line, the
//!   waiting screens);
//! - `blocks`: pictures, tables, maps and excerpts that keep their spaces;
//! - `lecture`: a handful of screens of the bundled lecture;
//! - `sizes`: every view at every small size, and some extreme ones, without a panic.
//!
//! Reviewed on screen, snapshot by snapshot: each shows the screen its name says; text wraps at
//! word boundaries, CJK between ideographs and never before `，` or `。`; the Russian excerpt keeps
//! its own line breaks; the status bar's slide, step and date agree with the timeline's `◉`
//! and the slide; a span is drawn as a bar `┃` beside the axis; flashbacks sit at the edges as
//! `▲` and `▼`; the "more" markers say which way the rest is; a reveal hides what follows the
//! pause; the badges, the audience count and "next" say what the class sees and what comes.

mod audience;
mod blocks;
mod class;
mod lecture;
mod overlay;
mod presenter;
mod single;
mod sizes;
mod themes;

/// The two sizes every screen is snapshotted at: a standard terminal and a large one.
const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// The standard sizes and a tiny one, for the screens that must stay readable when cramped.
const WITH_TINY: [(u16, u16); 3] = [(80, 24), (120, 40), (32, 10)];
