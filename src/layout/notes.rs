//! The speaker notes as lines for the notes pane: the notes, then the slide's sources.

use super::styled::{Line, Role, paragraphs};
use crate::deck::{Prose, Slide};

/// The notes of `slide` wrapped to `width` cells, with its sources after them.
pub fn lines(slide: &Slide, width: usize) -> Vec<Line> {
    let mut lines = match &slide.notes {
        Some(n) => paragraphs(n.as_str(), Role::Body, width),
        None => vec![Line::of("(no notes for this slide)", Role::Secondary)],
    };
    if !slide.sources.is_empty() {
        let sources = slide
            .sources
            .iter()
            .map(Prose::as_str)
            .collect::<Vec<_>>()
            .join("; ");
        lines.extend(paragraphs(
            &format!("Sources: {sources}"),
            Role::Secondary,
            width,
        ));
    }
    lines
}
