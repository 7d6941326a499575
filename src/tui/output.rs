//! One write per frame. ratatui's crossterm backend writes a frame as many small writes, so a
//! projector could show half a frame; this backend gathers a frame in memory and sends it in
//! one write, wrapped in synchronized-update markers (DEC mode 2026: the terminal shows the
//! frame only once it is complete; terminals that do not know the mode ignore it). A frame in
//! which nothing changed writes nothing at all: no colour resets, no cursor hiding again.

use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

/// Begin and end of a synchronized update.
const BEGIN_SYNC: &[u8] = b"\x1b[?2026h";
const END_SYNC: &[u8] = b"\x1b[?2026l";

/// Where the crossterm backend writes a frame: bytes the backend and [`FrameBackend::commit`]
/// share.
#[derive(Clone, Default)]
struct Pending(Rc<RefCell<Vec<u8>>>);

impl Write for Pending {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A backend that keeps a frame's bytes until [`FrameBackend::commit`].
pub struct FrameBackend {
    inner: CrosstermBackend<Pending>,
    pending: Pending,
    /// Whether the terminal's cursor is hidden: hiding it again writes nothing.
    cursor_hidden: bool,
}

impl FrameBackend {
    /// A backend for the terminal on standard output.
    pub fn new() -> FrameBackend {
        let pending = Pending::default();
        FrameBackend {
            inner: CrosstermBackend::new(pending.clone()),
            pending,
            cursor_hidden: false,
        }
    }

    /// Sends what the frame wrote, if anything, in one write to `out`.
    pub fn commit(&mut self, out: &mut impl Write) -> io::Result<()> {
        let mut frame = self.pending.0.borrow_mut();
        if frame.is_empty() {
            return Ok(());
        }
        let mut bytes = Vec::with_capacity(frame.len() + BEGIN_SYNC.len() + END_SYNC.len());
        bytes.extend_from_slice(BEGIN_SYNC);
        bytes.append(&mut frame);
        bytes.extend_from_slice(END_SYNC);
        drop(frame);
        out.write_all(&bytes)?;
        out.flush()
    }

    /// Forgets the state of the terminal it last wrote to (after a suspend, the shell has
    /// shown the cursor).
    pub fn forget(&mut self) {
        self.cursor_hidden = false;
    }
}

impl Backend for FrameBackend {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        // Nothing changed: not even the colour resets the crossterm backend ends with.
        let mut content = content.peekable();
        if content.peek().is_none() {
            return Ok(());
        }
        self.inner.draw(content)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_hidden {
            return Ok(());
        }
        self.cursor_hidden = true;
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.cursor_hidden = false;
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        // The frame goes out in `commit`, once ratatui has finished it.
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use ratatui::layout::Rect;
    use ratatui::widgets::Paragraph;
    use ratatui::{Terminal, TerminalOptions, Viewport};

    use super::*;

    fn frame(terminal: &mut Terminal<FrameBackend>, text: &str) -> Vec<u8> {
        terminal
            .draw(|f| f.render_widget(Paragraph::new(text), f.area()))
            .unwrap();
        let mut out = Vec::new();
        terminal.backend_mut().commit(&mut out).unwrap();
        out
    }

    #[test]
    fn a_frame_is_one_synchronized_write_and_an_unchanged_one_is_nothing() {
        // A fixed size: tests have no terminal to ask.
        let options = TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 20, 1)),
        };
        let mut terminal = Terminal::with_options(FrameBackend::new(), options).unwrap();
        let first = frame(&mut terminal, "4 March 1953");
        assert!(first.starts_with(BEGIN_SYNC) && first.ends_with(END_SYNC));
        // Blank cells are left alone, so the words arrive one by one.
        let text = String::from_utf8_lossy(&first);
        assert!(text.contains("March") && text.contains("1953"), "{text:?}");
        assert_eq!(frame(&mut terminal, "4 March 1953"), b"", "nothing changed");
        let changed = frame(&mut terminal, "5 March 1953");
        let text = String::from_utf8_lossy(&changed);
        assert!(
            text.contains('5') && !text.contains("March"),
            "only the cell that changed: {text:?}"
        );
    }
}
