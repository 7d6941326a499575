//! One write per frame. ratatui's crossterm backend writes a frame as many small writes, so a
//! projector could show half a frame; this backend gathers a frame in memory and sends it in
//! one write, wrapped in synchronized-update markers (DEC mode 2026: the terminal shows the
//! frame only once it is complete; terminals that do not know the mode ignore it). A frame in
//! which nothing changed writes nothing at all: no colour resets, no cursor hiding again.
//!
//! The cells themselves are encoded here rather than by crossterm, to send fewer bytes: a
//! colour or attribute goes out only when it changes, foreground and background apart, and a
//! blank keeps whatever foreground, boldness and slant are current, since they cannot be seen
//! on it. A first frame of the presenter is about half the bytes this way.

use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};

use crate::text::width as text_width;

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
        let mut out = self.pending.0.borrow_mut();
        let mut pen = Pen::default();
        let mut next_at: Option<(u16, u16)> = None;
        for (x, y, cell) in content {
            match next_at {
                Some(at) if at == (x, y) => {}
                // Further along the same row: a move forward is shorter than a move to the
                // row and column.
                Some((from, row)) if row == y && x > from => match x - from {
                    1 => out.extend_from_slice(b"\x1b[C"),
                    n => {
                        let _ = write!(out, "\x1b[{n}C");
                    }
                },
                _ => {
                    let _ = write!(out, "\x1b[{};{}H", y + 1, x + 1);
                }
            }
            pen.change_to(cell, &mut out);
            out.extend_from_slice(cell.symbol().as_bytes());
            // The cursor is one along after a narrow symbol. After a wide one (whose second
            // cell is never in the diff) terminals may disagree on how far it went, and a
            // picture's cell carries a graphics sequence (sixel, iTerm2) that leaves it
            // anywhere: the next cell is placed afresh, never moved to from here.
            next_at = if cell.symbol().contains('\x1b') || text_width(cell.symbol()) != 1 {
                None
            } else {
                Some((x.saturating_add(1), y))
            };
        }
        // Leave the terminal's pen as it found it: clearing uses the current background.
        if pen != Pen::default() {
            out.extend_from_slice(b"\x1b[0m");
        }
        Ok(())
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
        // crossterm would ask the terminal and read the answer through its own event source,
        // which then competes with `events` for the keys; a full-screen viewport never needs it.
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "the cursor position is not asked of the terminal",
        ))
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
        // ratatui asks before every frame; crossterm would open /dev/tty to answer, one of the
        // larger costs of a key's frame. Standard output is the terminal (the screen checks).
        match rustix::termios::tcgetwinsize(rustix::stdio::stdout()) {
            Ok(size) if size.ws_col > 0 && size.ws_row > 0 => {
                Ok(Size::new(size.ws_col, size.ws_row))
            }
            _ => self.inner.size(),
        }
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        // The frame goes out in `commit`, once ratatui has finished it.
        Ok(())
    }
}

/// The colours and attributes the terminal is drawing with.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

impl Default for Pen {
    fn default() -> Pen {
        Pen {
            fg: Color::Reset,
            bg: Color::Reset,
            modifier: Modifier::empty(),
        }
    }
}

/// Attributes that show on a blank cell: a blank looks the same whatever the others are.
const SEEN_ON_BLANK: Modifier = Modifier::UNDERLINED
    .union(Modifier::REVERSED)
    .union(Modifier::CROSSED_OUT);

/// SGR parameters that set and unset each attribute.
const ATTRIBUTES: [(Modifier, u8, u8); 9] = [
    (Modifier::BOLD, 1, 22),
    (Modifier::DIM, 2, 22),
    (Modifier::ITALIC, 3, 23),
    (Modifier::UNDERLINED, 4, 24),
    (Modifier::SLOW_BLINK, 5, 25),
    (Modifier::RAPID_BLINK, 6, 25),
    (Modifier::REVERSED, 7, 27),
    (Modifier::HIDDEN, 8, 28),
    (Modifier::CROSSED_OUT, 9, 29),
];

impl Pen {
    /// Writes the SGR sequence, if any, that makes the pen draw `cell` as it should look.
    fn change_to(&mut self, cell: &Cell, out: &mut Vec<u8>) {
        let blank = cell.symbol() == " " && !cell.modifier.intersects(SEEN_ON_BLANK);
        let want = if blank {
            Pen {
                fg: self.fg,
                bg: cell.bg,
                modifier: (self.modifier - SEEN_ON_BLANK) | (cell.modifier & SEEN_ON_BLANK),
            }
        } else {
            Pen {
                fg: cell.fg,
                bg: cell.bg,
                modifier: cell.modifier,
            }
        };
        if want == *self {
            return;
        }
        let mut params: Vec<String> = Vec::new();
        let removed = self.modifier - want.modifier;
        for (m, _, off) in ATTRIBUTES {
            if removed.contains(m) && !params.contains(&off.to_string()) {
                params.push(off.to_string());
            }
        }
        // 22 turns off bold and dim together: one of them that stays is set again.
        let cleared = if removed.intersects(Modifier::BOLD | Modifier::DIM) {
            want.modifier & (Modifier::BOLD | Modifier::DIM)
        } else {
            Modifier::empty()
        };
        for (m, on, _) in ATTRIBUTES {
            if want.modifier.contains(m) && (!self.modifier.contains(m) || cleared.contains(m)) {
                params.push(on.to_string());
            }
        }
        if want.fg != self.fg {
            params.push(colour(want.fg, 30));
        }
        if want.bg != self.bg {
            params.push(colour(want.bg, 40));
        }
        out.extend_from_slice(b"\x1b[");
        out.extend_from_slice(params.join(";").as_bytes());
        out.push(b'm');
        *self = want;
    }
}

/// SGR parameters for a colour: `base` is 30 for the foreground, 40 for the background.
fn colour(c: Color, base: u8) -> String {
    let named = |n: u8| (base + n).to_string();
    let bright = |n: u8| (base + 60 + n).to_string();
    match c {
        Color::Reset => named(9),
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => bright(0),
        Color::LightRed => bright(1),
        Color::LightGreen => bright(2),
        Color::LightYellow => bright(3),
        Color::LightBlue => bright(4),
        Color::LightMagenta => bright(5),
        Color::LightCyan => bright(6),
        Color::White => bright(7),
        Color::Indexed(i) => format!("{};5;{i}", base + 8),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", base + 8),
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

    /// How vt100 names a ratatui colour.
    fn vt(c: Color) -> vt100::Color {
        let named = [
            Color::Black,
            Color::Red,
            Color::Green,
            Color::Yellow,
            Color::Blue,
            Color::Magenta,
            Color::Cyan,
            Color::Gray,
            Color::DarkGray,
            Color::LightRed,
            Color::LightGreen,
            Color::LightYellow,
            Color::LightBlue,
            Color::LightMagenta,
            Color::LightCyan,
            Color::White,
        ];
        match c {
            Color::Reset => vt100::Color::Default,
            Color::Indexed(i) => vt100::Color::Idx(i),
            Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
            other => vt100::Color::Idx(
                u8::try_from(named.iter().position(|n| *n == other).unwrap()).unwrap(),
            ),
        }
    }

    fn style_strategy() -> impl proptest::strategy::Strategy<Value = ratatui::style::Style> {
        use proptest::prelude::*;
        let colours = prop::sample::select(vec![
            Color::Reset,
            Color::Red,
            Color::DarkGray,
            Color::White,
            Color::Indexed(200),
            Color::Rgb(216, 222, 233),
            Color::Rgb(95, 179, 243),
        ]);
        (colours.clone(), colours, 0u16..32).prop_map(|(fg, bg, bits)| {
            let modifier = [
                Modifier::BOLD,
                Modifier::DIM,
                Modifier::ITALIC,
                Modifier::UNDERLINED,
                Modifier::REVERSED,
            ]
            .iter()
            .enumerate()
            .filter(|(i, _)| bits & (1 << i) != 0)
            .fold(Modifier::empty(), |all, (_, m)| all | *m);
            ratatui::style::Style::new()
                .fg(fg)
                .bg(bg)
                .add_modifier(modifier)
        })
    }

    proptest::proptest! {
        /// Whatever two frames hold, a terminal that draws the bytes shows each cell as the
        /// frame has it: its text, background and the attributes that show on it, and on
        /// anything but a blank its foreground, boldness, dimness and slant too. (Narrow text
        /// only: where a wide character is overwritten, ratatui's diff compares the freed
        /// column's text but not its colours, whichever backend draws.)
        #[test]
        fn a_terminal_shows_what_the_frames_hold(
            frames in proptest::collection::vec(
                proptest::collection::vec(
                    (0u16..16, 0u16..4, proptest::sample::select(vec!["ab", " ", "  x ", "é", "    "]), style_strategy()),
                    0..24,
                ),
                1..3,
            ),
        ) {
            let (w, h) = (16u16, 4u16);
            let options = TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
            };
            let mut terminal = Terminal::with_options(FrameBackend::new(), options).unwrap();
            let mut screen = vt100::Parser::new(
                std::num::NonZero::new(h).unwrap(),
                std::num::NonZero::new(w).unwrap(),
                0,
            );
            let mut buffer = ratatui::buffer::Buffer::empty(Rect::new(0, 0, w, h));
            for runs in &frames {
                buffer = terminal
                    .draw(|f| {
                        for (x, y, text, style) in runs {
                            f.buffer_mut().set_string(*x, *y, text, *style);
                        }
                    })
                    .unwrap()
                    .buffer
                    .clone();
                let mut out = Vec::new();
                terminal.backend_mut().commit(&mut out).unwrap();
                screen.process(&out);
            }
            for y in 0..h {
                for x in 0..w {
                    let want = &buffer[(x, y)];
                    let got = screen.screen().cell(y, x).unwrap();
                    if got.is_wide_continuation() {
                        continue;
                    }
                    let text = if got.contents().is_empty() { " " } else { got.contents() };
                    let at = format!("cell ({x}, {y})");
                    proptest::prop_assert_eq!(text, want.symbol(), "{}", at);
                    proptest::prop_assert_eq!(got.bgcolor(), vt(want.bg), "{}", at);
                    proptest::prop_assert_eq!(got.underline(), want.modifier.contains(Modifier::UNDERLINED), "{}", at);
                    proptest::prop_assert_eq!(got.inverse(), want.modifier.contains(Modifier::REVERSED), "{}", at);
                    if want.symbol() != " " || want.modifier.intersects(SEEN_ON_BLANK) {
                        proptest::prop_assert_eq!(got.fgcolor(), vt(want.fg), "{}", at);
                        // Bold and dim at once is one intensity or the other, as terminals
                        // (and vt100) please.
                        if !want.modifier.contains(Modifier::BOLD | Modifier::DIM) {
                            proptest::prop_assert_eq!(got.bold(), want.modifier.contains(Modifier::BOLD), "{}", at);
                            proptest::prop_assert_eq!(got.dim(), want.modifier.contains(Modifier::DIM), "{}", at);
                        }
                        proptest::prop_assert_eq!(got.italic(), want.modifier.contains(Modifier::ITALIC), "{}", at);
                    }
                }
            }
        }

        /// Text after wide characters lands where it belongs: the cursor is placed afresh
        /// after a wide one rather than moved along from where a narrow one would leave it.
        /// (The text of one frame drawn from nothing: see above for why not colours.)
        #[test]
        fn text_after_wide_characters_lands_in_its_columns(
            runs in proptest::collection::vec(
                (0u16..16, 0u16..2, proptest::sample::select(vec!["界 x", "⌛  1:59", "ab", "  é", "字字", " "])),
                0..12,
            ),
        ) {
            let (w, h) = (16u16, 2u16);
            let options = TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
            };
            let mut terminal = Terminal::with_options(FrameBackend::new(), options).unwrap();
            let buffer = terminal
                .draw(|f| {
                    for (x, y, text) in &runs {
                        f.buffer_mut().set_string(*x, *y, text, ratatui::style::Style::new());
                    }
                })
                .unwrap()
                .buffer
                .clone();
            let mut out = Vec::new();
            terminal.backend_mut().commit(&mut out).unwrap();
            let mut screen = vt100::Parser::new(
                std::num::NonZero::new(h).unwrap(),
                std::num::NonZero::new(w).unwrap(),
                0,
            );
            screen.process(&out);
            for y in 0..h {
                // A wide character's second column holds nothing of its own.
                let mut want = String::new();
                let mut x = 0;
                while x < w {
                    let symbol = buffer[(x, y)].symbol();
                    want.push_str(symbol);
                    x += u16::try_from(text_width(symbol).max(1)).unwrap();
                }
                let got = screen.screen().rows(0, w).nth(usize::from(y)).unwrap();
                proptest::prop_assert_eq!(got.trim_end(), want.trim_end(), "row {}", y);
            }
        }
    }
}
