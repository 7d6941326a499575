//! Where each pane goes on a screen of a given size: the slide, the timeline sidebar, the notes
//! and the status bar. The sidebar and the notes give way before the slide does. Plain
//! rectangles of cells, so the terminal, the overflow check and the mouse share one answer.

/// A rectangle of cells.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Rect {
    /// Left column.
    pub x: u16,
    /// Top row.
    pub y: u16,
    /// Columns.
    pub width: u16,
    /// Rows.
    pub height: u16,
}

impl Rect {
    /// A rectangle.
    pub const fn new(x: u16, y: u16, width: u16, height: u16) -> Rect {
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    /// One past the last column.
    pub fn right(self) -> u16 {
        self.x.saturating_add(self.width)
    }

    /// One past the last row.
    pub fn bottom(self) -> u16 {
        self.y.saturating_add(self.height)
    }

    /// Whether the cell (`column`, `row`) lies inside.
    pub fn contains(self, column: u16, row: u16) -> bool {
        column >= self.x && column < self.right() && row >= self.y && row < self.bottom()
    }
}

/// The smallest screen anything is drawn on.
pub const MIN_SIZE: (u16, u16) = (20, 6);

/// Whether `area` is below the smallest size anything is drawn on.
pub fn is_too_small(area: Rect) -> bool {
    area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1
}

/// Which panes are open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Open {
    /// The speaker notes.
    pub notes: bool,
    /// The timeline sidebar.
    pub timeline: bool,
    /// Rows the presenter gave the notes (`+`) or took from them (`-`), from their usual
    /// height; the slide keeps its minimum whatever this says.
    pub notes_rows: i16,
}

/// Rows the slide keeps under the notes pane, however tall the notes are made.
const SLIDE_MIN_ROWS: u16 = 10;

/// The fewest rows the notes pane shrinks to: its rule and two lines.
const NOTES_MIN_ROWS: u16 = 3;

/// Where each pane goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Panes {
    /// The slide.
    pub slide: Rect,
    /// The timeline sidebar, when open and there is room.
    pub timeline: Option<Rect>,
    /// The notes pane, when open and there is room.
    pub notes: Option<Rect>,
    /// The status bar (the audience window's progress line).
    pub status: Rect,
}

/// Splits the screen.
pub fn panes(screen: Rect, open: Open) -> Panes {
    let status = Rect::new(screen.x, screen.bottom().saturating_sub(1), screen.width, 1);
    let main = Rect::new(
        screen.x,
        screen.y,
        screen.width,
        screen.height.saturating_sub(1),
    );
    let usual = (main.height * 3 / 10).clamp(5, 14);
    let notes_height = u16::try_from((i32::from(usual) + i32::from(open.notes_rows)).max(0))
        .unwrap_or(u16::MAX)
        .clamp(
            NOTES_MIN_ROWS,
            main.height
                .saturating_sub(SLIDE_MIN_ROWS)
                .max(NOTES_MIN_ROWS),
        );
    let (upper, notes) = if open.notes && main.height >= usual + SLIDE_MIN_ROWS {
        (
            Rect::new(main.x, main.y, main.width, main.height - notes_height),
            Some(Rect::new(
                main.x,
                main.bottom() - notes_height,
                main.width,
                notes_height,
            )),
        )
    } else {
        (main, None)
    };
    let sidebar = (upper.width * 9 / 25).clamp(28, 52);
    let (slide, timeline) = if open.timeline && upper.width >= sidebar + 51 && upper.height >= 6 {
        (
            Rect::new(upper.x, upper.y, upper.width - sidebar - 1, upper.height),
            Some(Rect::new(
                upper.right() - sidebar,
                upper.y,
                sidebar,
                upper.height,
            )),
        )
    } else {
        (upper, None)
    };
    Panes {
        slide,
        timeline,
        notes,
        status,
    }
}

/// Where slide text goes inside the slide pane: a row of margin above and below, when the
/// screen is tall enough to spare them.
pub fn slide_text_area(pane: Rect) -> Rect {
    if pane.height >= 12 {
        Rect::new(pane.x, pane.y + 1, pane.width, pane.height - 2)
    } else {
        pane
    }
}

/// The sidebar's rows and columns for the timeline, inside its rule and top margin.
pub fn timeline_inner(side: Rect) -> Rect {
    Rect::new(
        side.x + 1,
        side.y + 1,
        side.width.saturating_sub(1),
        side.height.saturating_sub(1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_slide_keeps_its_room_and_the_panes_give_way() {
        let all = Open {
            notes: true,
            timeline: true,
            notes_rows: 0,
        };
        let p = panes(Rect::new(0, 0, 120, 40), all);
        assert_eq!(p.status, Rect::new(0, 39, 120, 1));
        // Notes: 3/10 of the 39 rows above the status bar, clamped to 5..=14.
        assert_eq!(p.notes, Some(Rect::new(0, 28, 120, 11)));
        // Sidebar: 9/25 of 120 is 43 columns, after a one-column gap.
        assert_eq!(p.timeline, Some(Rect::new(77, 0, 43, 28)));
        assert_eq!(p.slide, Rect::new(0, 0, 76, 28));
        // 80x24: a 28-column sidebar needs 79 columns in all, and the notes 10 rows more.
        let p = panes(Rect::new(0, 0, 80, 24), all);
        assert_eq!((p.timeline.is_some(), p.notes.is_some()), (true, true));
        let p = panes(Rect::new(0, 0, 78, 14), all);
        assert_eq!(p.timeline, None, "too narrow for the sidebar");
        assert_eq!(p.notes, None, "too short for the notes");
        assert_eq!(p.slide, Rect::new(0, 0, 78, 13));
    }

    #[test]
    fn the_notes_grow_and_shrink_but_the_slide_keeps_ten_rows() {
        let with = |notes_rows| {
            let open = Open {
                notes: true,
                timeline: false,
                notes_rows,
            };
            let p = panes(Rect::new(0, 0, 120, 40), open);
            (p.notes.map(|n| n.height), p.slide.height)
        };
        assert_eq!(with(0), (Some(11), 28));
        assert_eq!(with(5), (Some(16), 23));
        // 39 rows above the status bar: the slide keeps 10 of them.
        assert_eq!(with(40), (Some(29), 10));
        assert_eq!(with(-4), (Some(7), 32));
        assert_eq!(with(-40), (Some(3), 36), "the rule and two lines at least");
    }

    #[test]
    fn slide_text_keeps_a_margin_row_above_and_below_when_there_is_room() {
        assert_eq!(
            slide_text_area(Rect::new(0, 0, 50, 12)),
            Rect::new(0, 1, 50, 10)
        );
        assert_eq!(
            slide_text_area(Rect::new(0, 0, 50, 11)),
            Rect::new(0, 0, 50, 11)
        );
    }
}
