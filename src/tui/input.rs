//! The terminal's input bytes as keys and mouse reports: UTF-8 text, control keys, the CSI and
//! SS3 sequences of xterm, VTE, kitty (legacy mode), tmux and the Linux console, and SGR, urxvt
//! and X10 mouse reports. Pure: bytes in, events out; reading the terminal is `events`' job.
//! Events are crossterm's types, filled in as crossterm fills them, so the keymap does not know
//! who decoded them. Depends on nothing but those types.
//!
//! Why not crossterm's parser: it only comes with crossterm's event source, which waits on the
//! terminal edge-triggered and, when a resize and a key land in one batch, returns the resize
//! and forgets the key (see `events`). The parser is private, so the bytes are decoded here.
//!
//! Read boundaries: an unfinished character or escape sequence at the end of a read is kept for
//! the next one. An ESC alone at the end of a read is the Esc key (a clicker's Esc arrives
//! alone), unless the reader says more bytes are already waiting. Anything that is neither a
//! key nor a mouse report (focus reports, paste markers, replies to queries, sequences not
//! known here, broken UTF-8) is consumed and dropped, never turned into keys; a sequence cut
//! short by a byte that cannot continue it ends there, and that byte is read afresh.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// One thing the terminal said that a loop can act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// A key press.
    Key(KeyEvent),
    /// A mouse report.
    Mouse(MouseEvent),
}

/// An escape sequence this long before its final byte is garbage, dropped up to its end rather
/// than waited for; the longest real ones (an SGR mouse report at five-digit coordinates) are
/// under 20 bytes.
pub const MAX_SEQUENCE: usize = 64;

const ESC: u8 = 0x1b;

/// Decodes a terminal's input, read after read.
#[derive(Debug, Default)]
pub struct Decoder {
    /// The end of the last read, when it began something the next read may finish.
    kept: Vec<u8>,
    /// Inside a sequence dropped for its length: its remaining parameter bytes and final byte
    /// are dropped too, rather than read as keys.
    skipping: bool,
}

/// What the bytes at the front of the input make.
enum Step {
    /// The first `usize` bytes (at least one) make this input, or nothing to act on.
    Done(usize, Option<Input>),
    /// They begin something the next read may finish.
    Unfinished,
    /// They are the first `usize` bytes of a sequence too long to be a real one: dropped, with
    /// the rest of it.
    TooLong(usize),
}

impl Decoder {
    /// A decoder that has seen nothing yet.
    pub fn new() -> Decoder {
        Decoder::default()
    }

    /// Decodes what one read gave, after whatever earlier reads left unfinished.
    ///
    /// `more_waiting` says the terminal has more bytes ready already (the read filled its
    /// buffer): an ESC at the end is then the start of a sequence the buffer cut, not the Esc
    /// key.
    pub fn feed(&mut self, bytes: &[u8], more_waiting: bool) -> Vec<Input> {
        let mut buf = std::mem::take(&mut self.kept);
        buf.extend_from_slice(bytes);
        let mut out = Vec::new();
        let mut at = 0;
        while at < buf.len() {
            if self.skipping {
                let rest = &buf[at..];
                let params = rest
                    .iter()
                    .take_while(|b| (0x20..=0x3f).contains(*b))
                    .count();
                at += params;
                match rest.get(params) {
                    None => break,
                    Some(0x40..=0x7e) => at += 1,
                    Some(_) => {}
                }
                self.skipping = false;
                continue;
            }
            match step(&buf[at..], more_waiting) {
                Step::Done(n, input) => {
                    out.extend(input);
                    at += n;
                }
                Step::Unfinished => break,
                Step::TooLong(n) => {
                    at += n;
                    self.skipping = true;
                }
            }
        }
        buf.drain(..at);
        self.kept = buf;
        out
    }

    /// How many bytes wait for the next read to finish them; never more than
    /// [`MAX_SEQUENCE`].
    pub fn unfinished(&self) -> usize {
        self.kept.len()
    }
}

/// Decodes the input at the front of `buf`, which is not empty.
fn step(buf: &[u8], more_waiting: bool) -> Step {
    let Some(&first) = buf.first() else {
        return Step::Unfinished;
    };
    match first {
        ESC => escape(buf, more_waiting),
        // Raw mode turns off the terminal's CR-to-NL mapping, so Enter is `\r`; `\n` comes from
        // pasted text and from terminals that map anyway.
        b'\r' | b'\n' => key(1, KeyCode::Enter, KeyModifiers::NONE),
        b'\t' => key(1, KeyCode::Tab, KeyModifiers::NONE),
        // Some terminals (and the Linux console, configured so) send Backspace as ^H.
        0x7f | 0x08 => key(1, KeyCode::Backspace, KeyModifiers::NONE),
        0 => key(1, KeyCode::Char(' '), KeyModifiers::CONTROL),
        c @ 0x01..=0x1a => key(
            1,
            KeyCode::Char(char::from(c - 1 + b'a')),
            KeyModifiers::CONTROL,
        ),
        c @ 0x1c..=0x1f => key(
            1,
            KeyCode::Char(char::from(c - 0x1c + b'4')),
            KeyModifiers::CONTROL,
        ),
        _ => text(buf),
    }
}

fn key(len: usize, code: KeyCode, modifiers: KeyModifiers) -> Step {
    Step::Done(len, Some(Input::Key(KeyEvent::new(code, modifiers))))
}

/// A typed character. As crossterm does, a capital comes with Shift.
fn char_key(c: char, modifiers: KeyModifiers) -> KeyEvent {
    let shift = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), modifiers | shift)
}

/// One UTF-8 character; a character cut by the end of the read waits for the rest.
fn text(buf: &[u8]) -> Step {
    let head = &buf[..buf.len().min(4)];
    let valid = match std::str::from_utf8(head) {
        Ok(s) => s,
        Err(e) if e.valid_up_to() > 0 => {
            std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or("")
        }
        Err(e) => {
            return match e.error_len() {
                None => Step::Unfinished,
                Some(bad) => Step::Done(bad, None),
            };
        }
    };
    match valid.chars().next() {
        Some(c) => Step::Done(
            c.len_utf8(),
            Some(Input::Key(char_key(c, KeyModifiers::NONE))),
        ),
        None => Step::Done(1, None),
    }
}

/// What starts with ESC: the Esc key, a CSI or SS3 sequence, or Alt with a key.
fn escape(buf: &[u8], more_waiting: bool) -> Step {
    match buf.get(1) {
        None if more_waiting => Step::Unfinished,
        None => key(1, KeyCode::Esc, KeyModifiers::NONE),
        Some(b'[') => csi(buf),
        Some(b'O') => ss3(buf),
        Some(&ESC) => match buf.get(2) {
            // Alt with an arrow or function key, as terminals without the modifier parameter
            // (rxvt, xterm with metaSendsEscape) send it.
            Some(b'[' | b'O') => match escape(&buf[1..], more_waiting) {
                Step::Done(n, input) => Step::Done(n + 1, input.map(with_alt)),
                Step::Unfinished => Step::Unfinished,
                Step::TooLong(n) => Step::TooLong(n + 1),
            },
            None if more_waiting => Step::Unfinished,
            _ => key(2, KeyCode::Esc, KeyModifiers::ALT),
        },
        Some(_) => match step(&buf[1..], more_waiting) {
            Step::Done(n, Some(input @ Input::Key(_))) => Step::Done(n + 1, Some(with_alt(input))),
            // ESC before something that is no key: the Esc key, then that on its own.
            Step::Done(..) | Step::TooLong(_) => key(1, KeyCode::Esc, KeyModifiers::NONE),
            Step::Unfinished => Step::Unfinished,
        },
    }
}

fn with_alt(input: Input) -> Input {
    match input {
        Input::Key(mut k) => {
            k.modifiers |= KeyModifiers::ALT;
            Input::Key(k)
        }
        mouse @ Input::Mouse(_) => mouse,
    }
}

/// A CSI sequence (`ESC [`): parameter bytes, intermediate bytes, one final byte.
fn csi(buf: &[u8]) -> Step {
    match buf.get(2) {
        None => return Step::Unfinished,
        // X10 mouse: three raw bytes follow rather than parameters.
        Some(b'M') => return x10_mouse(buf),
        // The Linux console's F1–F5.
        Some(b'[') => {
            return match buf.get(3) {
                None => Step::Unfinished,
                Some(&c @ b'A'..=b'E') => key(4, KeyCode::F(c - b'A' + 1), KeyModifiers::NONE),
                Some(0x40..=0x7e) => Step::Done(4, None),
                Some(_) => Step::Done(3, None),
            };
        }
        Some(_) => {}
    }
    let params = buf[2..]
        .iter()
        .take_while(|b| (0x30..=0x3f).contains(*b))
        .count();
    let intermediates = buf[2 + params..]
        .iter()
        .take_while(|b| (0x20..=0x2f).contains(*b))
        .count();
    let end = 2 + params + intermediates;
    // Dropped whether or not its end is in this read, so that where reads fall changes nothing.
    if end >= MAX_SEQUENCE {
        return Step::TooLong(end);
    }
    match buf.get(end) {
        None => Step::Unfinished,
        Some(&last @ 0x40..=0x7e) if intermediates == 0 => {
            Step::Done(end + 1, csi_input(&buf[2..end], last))
        }
        Some(0x40..=0x7e) => Step::Done(end + 1, None),
        // Cut short: what came so far is dropped, the byte that cut it is read afresh.
        Some(_) => Step::Done(end, None),
    }
}

/// The key or mouse report a complete CSI sequence means, from its parameters and final byte.
fn csi_input(params: &[u8], last: u8) -> Option<Input> {
    match params.first() {
        Some(b'<') => return sgr_mouse(&params[1..], last),
        // Replies to queries (device attributes, modes, keyboard flags), never keys.
        Some(b'=' | b'>' | b'?') => return None,
        _ => {}
    }
    let fields = numbers(params)?;
    let code = match last {
        b'A' | b'B' | b'C' | b'D' | b'H' | b'F' => cursor_key(last)?,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        // `CSI 1;2R` would be Shift-F3 in xterm, but is also a cursor position report; kitty
        // sends F3 as `CSI 13~` for that reason, and xterm unmodified as `SS3 R`.
        b'S' => KeyCode::F(4),
        b'Z' => {
            let modifiers = modifiers_in(&fields)?;
            return Some(key_input(KeyCode::BackTab, modifiers | KeyModifiers::SHIFT));
        }
        b'~' => return tilde_key(&fields),
        b'M' => return urxvt_mouse(&fields),
        _ => return None,
    };
    Some(key_input(code, modifiers_in(&fields)?))
}

/// The arrows, Home and End by their final letter, the same after `CSI` and after `SS3`.
fn cursor_key(last: u8) -> Option<KeyCode> {
    Some(match last {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        _ => return None,
    })
}

fn key_input(code: KeyCode, modifiers: KeyModifiers) -> Input {
    Input::Key(KeyEvent::new(code, modifiers))
}

/// The modifiers of a letter-final key: `CSI A`, `CSI 1;5A`, or `CSI 5A` as older terminals
/// send it. More fields than that is not a key.
fn modifiers_in(fields: &[Option<u16>]) -> Option<KeyModifiers> {
    match fields {
        [] => Some(KeyModifiers::NONE),
        [m] | [_, m] => Some(m.map_or(KeyModifiers::NONE, modifiers)),
        _ => None,
    }
}

/// `CSI n ~` and `CSI n;m ~`: the editing keys and function keys by number.
fn tilde_key(fields: &[Option<u16>]) -> Option<Input> {
    let (n, m) = match fields {
        [Some(n)] => (*n, None),
        [Some(n), m] => (*n, *m),
        _ => return None,
    };
    let code = match n {
        1 | 7 => KeyCode::Home,
        2 => KeyCode::Insert,
        3 => KeyCode::Delete,
        4 | 8 => KeyCode::End,
        5 => KeyCode::PageUp,
        6 => KeyCode::PageDown,
        11..=15 => KeyCode::F(function(n - 10)),
        17..=21 => KeyCode::F(function(n - 11)),
        23..=26 => KeyCode::F(function(n - 12)),
        28 | 29 => KeyCode::F(function(n - 15)),
        31..=34 => KeyCode::F(function(n - 17)),
        // 200 and 201 mark a bracketed paste; 27 is xterm's modifyOtherKeys: not asked for.
        _ => return None,
    };
    Some(key_input(code, m.map_or(KeyModifiers::NONE, modifiers)))
}

/// A function key's number, small by the ranges that call it.
fn function(n: u16) -> u8 {
    u8::try_from(n).unwrap_or(u8::MAX)
}

/// xterm's modifier parameter: 1 plus a bit each for Shift, Alt, Ctrl, Super, Hyper, Meta.
fn modifiers(m: u16) -> KeyModifiers {
    let bits = m.saturating_sub(1);
    [
        (1, KeyModifiers::SHIFT),
        (2, KeyModifiers::ALT),
        (4, KeyModifiers::CONTROL),
        (8, KeyModifiers::SUPER),
        (16, KeyModifiers::HYPER),
        (32, KeyModifiers::META),
    ]
    .into_iter()
    .filter(|(bit, _)| bits & bit != 0)
    .fold(KeyModifiers::NONE, |all, (_, m)| all | m)
}

/// `;`-separated numbers (an empty one is `None`; of `:`-separated parts only the first
/// counts); `None` if anything else is there or a number is too large.
fn numbers(params: &[u8]) -> Option<Vec<Option<u16>>> {
    if params.is_empty() {
        return Some(Vec::new());
    }
    params
        .split(|&b| b == b';')
        .map(|field| {
            let first = field.split(|&b| b == b':').next().unwrap_or_default();
            if first.is_empty() {
                return Some(None);
            }
            first
                .iter()
                .try_fold(0u16, |n, &b| {
                    let digit = (b as char).to_digit(10)?;
                    n.checked_mul(10)?.checked_add(u16::try_from(digit).ok()?)
                })
                .map(Some)
        })
        .collect()
}

/// An SS3 sequence (`ESC O`): the cursor keys in application mode, F1–F4, the keypad in
/// application mode; some terminals put a modifier parameter before the final byte.
fn ss3(buf: &[u8]) -> Step {
    let params = buf[2..]
        .iter()
        .take_while(|b| b.is_ascii_digit() || **b == b';')
        .count();
    let end = 2 + params;
    if end >= MAX_SEQUENCE {
        return Step::TooLong(end);
    }
    let last = match buf.get(end) {
        None => return Step::Unfinished,
        Some(&last @ 0x40..=0x7e) => last,
        Some(_) => return Step::Done(end, None),
    };
    let modifiers = numbers(&buf[2..end])
        .and_then(|fields| modifiers_in(&fields))
        .unwrap_or(KeyModifiers::NONE);
    let code = if let Some(code) = cursor_key(last) {
        code
    } else {
        match last {
            b'P'..=b'S' => KeyCode::F(last - b'P' + 1),
            b'M' => KeyCode::Enter,
            b'X' => KeyCode::Char('='),
            b'j' => KeyCode::Char('*'),
            b'k' => KeyCode::Char('+'),
            b'l' => KeyCode::Char(','),
            b'm' => KeyCode::Char('-'),
            b'n' => KeyCode::Char('.'),
            b'o' => KeyCode::Char('/'),
            b'p'..=b'y' => KeyCode::Char(char::from(last - b'p' + b'0')),
            _ => return Step::Done(end + 1, None),
        }
    };
    Step::Done(end + 1, Some(key_input(code, modifiers)))
}

/// `ESC [ M` and three bytes, each 32 more than its value: button, column, row.
fn x10_mouse(buf: &[u8]) -> Step {
    let raw = &buf[3..buf.len().min(6)];
    if let Some(bad) = raw.iter().position(|&b| b < 0x20) {
        return Step::Done(3 + bad, None);
    }
    let [cb, x, y] = raw else {
        return Step::Unfinished;
    };
    let at = |b: &u8| u16::from(*b) - 0x20;
    Step::Done(6, mouse(at(cb), at(x), at(y), false))
}

/// urxvt's `CSI button;column;row M`, the button 32 more than its value.
fn urxvt_mouse(fields: &[Option<u16>]) -> Option<Input> {
    let [Some(cb), Some(x), Some(y)] = fields else {
        return None;
    };
    mouse(cb.checked_sub(32)?, *x, *y, false)
}

/// SGR's `CSI < button;column;row M`, or `m` for a release.
fn sgr_mouse(params: &[u8], last: u8) -> Option<Input> {
    let released = match last {
        b'M' => false,
        b'm' => true,
        _ => return None,
    };
    let fields = numbers(params)?;
    let [Some(cb), Some(x), Some(y)] = fields[..] else {
        return None;
    };
    mouse(cb, x, y, released)
}

/// A mouse report from its button byte and 1-based position, as crossterm reads it.
fn mouse(cb: u16, x: u16, y: u16, released: bool) -> Option<Input> {
    if cb > 0xff {
        return None;
    }
    let button = (cb & 0b11) | ((cb & 0b1100_0000) >> 4);
    let dragging = cb & 0b10_0000 != 0;
    let kind = match (button, dragging) {
        (0, false) => MouseEventKind::Down(MouseButton::Left),
        (1, false) => MouseEventKind::Down(MouseButton::Middle),
        (2, false) => MouseEventKind::Down(MouseButton::Right),
        (0, true) => MouseEventKind::Drag(MouseButton::Left),
        (1, true) => MouseEventKind::Drag(MouseButton::Middle),
        (2, true) => MouseEventKind::Drag(MouseButton::Right),
        // X10 and urxvt report a release without saying which button.
        (3, false) => MouseEventKind::Up(MouseButton::Left),
        (3..=5, true) => MouseEventKind::Moved,
        (4, false) => MouseEventKind::ScrollUp,
        (5, false) => MouseEventKind::ScrollDown,
        (6, false) => MouseEventKind::ScrollLeft,
        (7, false) => MouseEventKind::ScrollRight,
        _ => return None,
    };
    let kind = match kind {
        MouseEventKind::Down(b) if released => MouseEventKind::Up(b),
        other => other,
    };
    let modifiers = [
        (0b100, KeyModifiers::SHIFT),
        (0b1000, KeyModifiers::ALT),
        (0b1_0000, KeyModifiers::CONTROL),
    ]
    .into_iter()
    .filter(|(bit, _)| cb & bit != 0)
    .fold(KeyModifiers::NONE, |all, (_, m)| all | m);
    Some(Input::Mouse(MouseEvent {
        kind,
        column: x.checked_sub(1)?,
        row: y.checked_sub(1)?,
        modifiers,
    }))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use rstest::rstest;

    use super::*;

    const NONE: KeyModifiers = KeyModifiers::NONE;
    const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
    const ALT: KeyModifiers = KeyModifiers::ALT;
    const CTRL: KeyModifiers = KeyModifiers::CONTROL;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Input {
        Input::Key(KeyEvent::new(code, modifiers))
    }

    fn plain(code: KeyCode) -> Input {
        key(code, NONE)
    }

    fn mouse_at(kind: MouseEventKind, column: u16, row: u16, modifiers: KeyModifiers) -> Input {
        Input::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers,
        })
    }

    /// Decodes one whole read, with nothing more waiting, and checks nothing is left over.
    fn decode(bytes: &[u8]) -> Vec<Input> {
        let mut decoder = Decoder::new();
        let inputs = decoder.feed(bytes, false);
        assert_eq!(decoder.unfinished(), 0, "bytes kept after {bytes:?}");
        inputs
    }

    #[rstest]
    #[case::letter(b"a", key(KeyCode::Char('a'), NONE))]
    #[case::capital_has_shift(b"G", key(KeyCode::Char('G'), SHIFT))]
    #[case::space(b" ", key(KeyCode::Char(' '), NONE))]
    #[case::clicker_dot(b".", key(KeyCode::Char('.'), NONE))]
    #[case::clicker_b(b"b", key(KeyCode::Char('b'), NONE))]
    #[case::two_byte("ä".as_bytes(), key(KeyCode::Char('ä'), NONE))]
    #[case::cyrillic_capital("Я".as_bytes(), key(KeyCode::Char('Я'), SHIFT))]
    #[case::three_byte("€".as_bytes(), key(KeyCode::Char('€'), NONE))]
    #[case::cjk("年".as_bytes(), key(KeyCode::Char('年'), NONE))]
    #[case::four_byte("😀".as_bytes(), key(KeyCode::Char('😀'), NONE))]
    #[case::enter_cr(b"\r", plain(KeyCode::Enter))]
    #[case::enter_lf(b"\n", plain(KeyCode::Enter))]
    #[case::tab(b"\t", plain(KeyCode::Tab))]
    #[case::backspace_del(b"\x7f", plain(KeyCode::Backspace))]
    #[case::backspace_bs(b"\x08", plain(KeyCode::Backspace))]
    #[case::ctrl_c(b"\x03", key(KeyCode::Char('c'), CTRL))]
    #[case::ctrl_a(b"\x01", key(KeyCode::Char('a'), CTRL))]
    #[case::ctrl_r(b"\x12", key(KeyCode::Char('r'), CTRL))]
    #[case::ctrl_z(b"\x1a", key(KeyCode::Char('z'), CTRL))]
    #[case::ctrl_space(b"\x00", key(KeyCode::Char(' '), CTRL))]
    #[case::ctrl_backslash(b"\x1c", key(KeyCode::Char('4'), CTRL))]
    #[case::ctrl_underscore(b"\x1f", key(KeyCode::Char('7'), CTRL))]
    #[case::esc(b"\x1b", plain(KeyCode::Esc))]
    #[case::alt_letter(b"\x1bx", key(KeyCode::Char('x'), ALT))]
    #[case::alt_capital(b"\x1bH", key(KeyCode::Char('H'), ALT | SHIFT))]
    #[case::alt_utf8("\x1bä".as_bytes(), key(KeyCode::Char('ä'), ALT))]
    #[case::alt_enter(b"\x1b\r", key(KeyCode::Enter, ALT))]
    #[case::ctrl_alt_c(b"\x1b\x03", key(KeyCode::Char('c'), CTRL | ALT))]
    #[case::alt_esc(b"\x1b\x1b", key(KeyCode::Esc, ALT))]
    #[case::alt_up_by_prefix(b"\x1b\x1b[A", key(KeyCode::Up, ALT))]
    #[case::alt_f1_by_prefix(b"\x1b\x1bOP", key(KeyCode::F(1), ALT))]
    #[case::up(b"\x1b[A", plain(KeyCode::Up))]
    #[case::down(b"\x1b[B", plain(KeyCode::Down))]
    #[case::right(b"\x1b[C", plain(KeyCode::Right))]
    #[case::left(b"\x1b[D", plain(KeyCode::Left))]
    #[case::up_app_mode(b"\x1bOA", plain(KeyCode::Up))]
    #[case::down_app_mode(b"\x1bOB", plain(KeyCode::Down))]
    #[case::right_app_mode(b"\x1bOC", plain(KeyCode::Right))]
    #[case::left_app_mode(b"\x1bOD", plain(KeyCode::Left))]
    #[case::home_csi(b"\x1b[H", plain(KeyCode::Home))]
    #[case::end_csi(b"\x1b[F", plain(KeyCode::End))]
    #[case::home_ss3(b"\x1bOH", plain(KeyCode::Home))]
    #[case::end_ss3(b"\x1bOF", plain(KeyCode::End))]
    #[case::home_1(b"\x1b[1~", plain(KeyCode::Home))]
    #[case::end_4(b"\x1b[4~", plain(KeyCode::End))]
    #[case::home_7(b"\x1b[7~", plain(KeyCode::Home))]
    #[case::end_8(b"\x1b[8~", plain(KeyCode::End))]
    #[case::insert(b"\x1b[2~", plain(KeyCode::Insert))]
    #[case::delete(b"\x1b[3~", plain(KeyCode::Delete))]
    #[case::page_up(b"\x1b[5~", plain(KeyCode::PageUp))]
    #[case::page_down(b"\x1b[6~", plain(KeyCode::PageDown))]
    #[case::back_tab(b"\x1b[Z", key(KeyCode::BackTab, SHIFT))]
    #[case::f1_ss3(b"\x1bOP", plain(KeyCode::F(1)))]
    #[case::f2_ss3(b"\x1bOQ", plain(KeyCode::F(2)))]
    #[case::f3_ss3(b"\x1bOR", plain(KeyCode::F(3)))]
    #[case::f4_ss3(b"\x1bOS", plain(KeyCode::F(4)))]
    #[case::f1_tilde(b"\x1b[11~", plain(KeyCode::F(1)))]
    #[case::f2_tilde(b"\x1b[12~", plain(KeyCode::F(2)))]
    #[case::f3_tilde(b"\x1b[13~", plain(KeyCode::F(3)))]
    #[case::f4_tilde(b"\x1b[14~", plain(KeyCode::F(4)))]
    #[case::f1_kitty(b"\x1b[P", plain(KeyCode::F(1)))]
    #[case::f2_kitty(b"\x1b[Q", plain(KeyCode::F(2)))]
    #[case::f4_kitty(b"\x1b[S", plain(KeyCode::F(4)))]
    #[case::shift_f1(b"\x1b[1;2P", key(KeyCode::F(1), SHIFT))]
    #[case::ctrl_f2(b"\x1b[1;5Q", key(KeyCode::F(2), CTRL))]
    #[case::alt_f4(b"\x1b[1;3S", key(KeyCode::F(4), ALT))]
    #[case::shift_f1_ss3(b"\x1bO2P", key(KeyCode::F(1), SHIFT))]
    #[case::f5(b"\x1b[15~", plain(KeyCode::F(5)))]
    #[case::f6(b"\x1b[17~", plain(KeyCode::F(6)))]
    #[case::f7(b"\x1b[18~", plain(KeyCode::F(7)))]
    #[case::f8(b"\x1b[19~", plain(KeyCode::F(8)))]
    #[case::f9(b"\x1b[20~", plain(KeyCode::F(9)))]
    #[case::f10(b"\x1b[21~", plain(KeyCode::F(10)))]
    #[case::f11(b"\x1b[23~", plain(KeyCode::F(11)))]
    #[case::f12(b"\x1b[24~", plain(KeyCode::F(12)))]
    #[case::linux_f1(b"\x1b[[A", plain(KeyCode::F(1)))]
    #[case::linux_f2(b"\x1b[[B", plain(KeyCode::F(2)))]
    #[case::linux_f3(b"\x1b[[C", plain(KeyCode::F(3)))]
    #[case::linux_f4(b"\x1b[[D", plain(KeyCode::F(4)))]
    #[case::linux_f5(b"\x1b[[E", plain(KeyCode::F(5)))]
    #[case::shift_up(b"\x1b[1;2A", key(KeyCode::Up, SHIFT))]
    #[case::shift_down(b"\x1b[1;2B", key(KeyCode::Down, SHIFT))]
    #[case::alt_right(b"\x1b[1;3C", key(KeyCode::Right, ALT))]
    #[case::shift_alt_left(b"\x1b[1;4D", key(KeyCode::Left, SHIFT | ALT))]
    #[case::ctrl_up(b"\x1b[1;5A", key(KeyCode::Up, CTRL))]
    #[case::ctrl_shift_down(b"\x1b[1;6B", key(KeyCode::Down, CTRL | SHIFT))]
    #[case::ctrl_alt_home(b"\x1b[1;7H", key(KeyCode::Home, CTRL | ALT))]
    #[case::all_three_end(b"\x1b[1;8F", key(KeyCode::End, SHIFT | ALT | CTRL))]
    #[case::super_up(b"\x1b[1;9A", key(KeyCode::Up, KeyModifiers::SUPER))]
    #[case::ctrl_up_old_form(b"\x1b[5A", key(KeyCode::Up, CTRL))]
    #[case::ctrl_page_up(b"\x1b[5;5~", key(KeyCode::PageUp, CTRL))]
    #[case::shift_page_down(b"\x1b[6;2~", key(KeyCode::PageDown, SHIFT))]
    #[case::alt_delete(b"\x1b[3;3~", key(KeyCode::Delete, ALT))]
    #[case::shift_f5(b"\x1b[15;2~", key(KeyCode::F(5), SHIFT))]
    #[case::ctrl_f12(b"\x1b[24;5~", key(KeyCode::F(12), CTRL))]
    #[case::keypad_enter(b"\x1bOM", plain(KeyCode::Enter))]
    #[case::keypad_0(b"\x1bOp", plain(KeyCode::Char('0')))]
    #[case::keypad_9(b"\x1bOy", plain(KeyCode::Char('9')))]
    #[case::keypad_plus(b"\x1bOk", plain(KeyCode::Char('+')))]
    #[case::keypad_dot(b"\x1bOn", plain(KeyCode::Char('.')))]
    fn a_key_decodes(#[case] bytes: &[u8], #[case] expected: Input) {
        assert_eq!(decode(bytes), [expected], "{bytes:?}");
    }

    use MouseButton::{Left, Middle, Right};
    use MouseEventKind::{Down, Drag, Moved, ScrollDown, ScrollLeft, ScrollRight, ScrollUp, Up};

    #[rstest]
    #[case::sgr_left_press(b"\x1b[<0;10;5M", mouse_at(Down(Left), 9, 4, NONE))]
    #[case::sgr_left_release(b"\x1b[<0;10;5m", mouse_at(Up(Left), 9, 4, NONE))]
    #[case::sgr_middle_press(b"\x1b[<1;1;1M", mouse_at(Down(Middle), 0, 0, NONE))]
    #[case::sgr_middle_release(b"\x1b[<1;1;1m", mouse_at(Up(Middle), 0, 0, NONE))]
    #[case::sgr_right_press(b"\x1b[<2;80;24M", mouse_at(Down(Right), 79, 23, NONE))]
    #[case::sgr_right_release(b"\x1b[<2;80;24m", mouse_at(Up(Right), 79, 23, NONE))]
    #[case::sgr_left_drag(b"\x1b[<32;11;5M", mouse_at(Drag(Left), 10, 4, NONE))]
    #[case::sgr_middle_drag(b"\x1b[<33;11;5M", mouse_at(Drag(Middle), 10, 4, NONE))]
    #[case::sgr_right_drag(b"\x1b[<34;11;5M", mouse_at(Drag(Right), 10, 4, NONE))]
    #[case::sgr_moved(b"\x1b[<35;40;12M", mouse_at(Moved, 39, 11, NONE))]
    #[case::sgr_wheel_up(b"\x1b[<64;100;30M", mouse_at(ScrollUp, 99, 29, NONE))]
    #[case::sgr_wheel_down(b"\x1b[<65;100;30M", mouse_at(ScrollDown, 99, 29, NONE))]
    #[case::sgr_wheel_left(b"\x1b[<66;2;3M", mouse_at(ScrollLeft, 1, 2, NONE))]
    #[case::sgr_wheel_right(b"\x1b[<67;2;3M", mouse_at(ScrollRight, 1, 2, NONE))]
    #[case::sgr_shift_click(b"\x1b[<4;3;3M", mouse_at(Down(Left), 2, 2, SHIFT))]
    #[case::sgr_alt_click(b"\x1b[<8;3;3M", mouse_at(Down(Left), 2, 2, ALT))]
    #[case::sgr_ctrl_wheel(b"\x1b[<80;3;3M", mouse_at(ScrollUp, 2, 2, CTRL))]
    #[case::sgr_ctrl_shift_drag(b"\x1b[<52;3;3M", mouse_at(Drag(Left), 2, 2, CTRL | SHIFT))]
    #[case::sgr_far_away(b"\x1b[<65;1000;400M", mouse_at(ScrollDown, 999, 399, NONE))]
    #[case::x10_left_press(b"\x1b[M *%", mouse_at(Down(Left), 9, 4, NONE))]
    #[case::x10_release(b"\x1b[M#*%", mouse_at(Up(Left), 9, 4, NONE))]
    #[case::x10_right_press(b"\x1b[M\"!!", mouse_at(Down(Right), 0, 0, NONE))]
    #[case::x10_drag(b"\x1b[M@*%", mouse_at(Drag(Left), 9, 4, NONE))]
    #[case::x10_wheel_up(b"\x1b[M`*%", mouse_at(ScrollUp, 9, 4, NONE))]
    #[case::x10_wheel_down(b"\x1b[Ma*%", mouse_at(ScrollDown, 9, 4, NONE))]
    #[case::x10_ctrl_click(b"\x1b[M0*%", mouse_at(Down(Left), 9, 4, CTRL))]
    #[case::x10_past_column_95(b"\x1b[M \xc8\x96", mouse_at(Down(Left), 167, 117, NONE))]
    #[case::urxvt_press(b"\x1b[32;10;5M", mouse_at(Down(Left), 9, 4, NONE))]
    #[case::urxvt_wheel(b"\x1b[97;300;100M", mouse_at(ScrollDown, 299, 99, NONE))]
    fn a_mouse_report_decodes(#[case] bytes: &[u8], #[case] expected: Input) {
        assert_eq!(decode(bytes), [expected], "{bytes:?}");
    }

    #[rstest]
    #[case::focus_in(b"\x1b[I")]
    #[case::focus_out(b"\x1b[O")]
    #[case::paste_start(b"\x1b[200~")]
    #[case::paste_end(b"\x1b[201~")]
    #[case::device_attributes(b"\x1b[?64;1;2;6;9;15;18;21;22c")]
    #[case::secondary_device_attributes(b"\x1b[>41;354;0c")]
    #[case::cursor_position(b"\x1b[12;40R")]
    #[case::cursor_position_top_left(b"\x1b[1;1R")]
    #[case::mode_report(b"\x1b[?2026;2$y")]
    #[case::keyboard_flags(b"\x1b[?1u")]
    #[case::kitty_key(b"\x1b[97;5u")]
    #[case::modify_other_keys(b"\x1b[27;5;106~")]
    #[case::unknown_final(b"\x1b[99x")]
    #[case::unknown_tilde(b"\x1b[9~")]
    #[case::too_many_fields(b"\x1b[1;2;3A")]
    #[case::number_too_large(b"\x1b[99999999~")]
    #[case::letters_in_parameters(b"\x1b[1<5A")]
    #[case::unknown_ss3(b"\x1bOz")]
    #[case::unknown_linux(b"\x1b[[Z")]
    #[case::sgr_unknown_button(b"\x1b[<128;1;1M")]
    #[case::sgr_zero_position(b"\x1b[<0;0;0M")]
    #[case::sgr_two_fields(b"\x1b[<0;1M")]
    #[case::sgr_huge_button(b"\x1b[<300;1;1M")]
    #[case::sgr_bad_final(b"\x1b[<0;1;1x")]
    #[case::x10_zero_position(b"\x1b[M  !")]
    #[case::urxvt_small_button(b"\x1b[3;1;1M")]
    #[case::lone_continuation_byte(b"\x80")]
    #[case::invalid_lead_byte(b"\xff")]
    #[case::overlong_slash(b"\xc0\xaf")]
    #[case::surrogate(b"\xed\xa0\x80")]
    fn what_is_no_key_is_dropped(#[case] bytes: &[u8]) {
        assert_eq!(decode(bytes), [], "{bytes:?}");
    }

    #[test]
    fn keys_in_one_read_come_out_in_order() {
        assert_eq!(
            decode("März\x1b[C\x1b[<64;5;5M1953-06\r\x03".as_bytes()),
            [
                key(KeyCode::Char('M'), SHIFT),
                plain(KeyCode::Char('ä')),
                plain(KeyCode::Char('r')),
                plain(KeyCode::Char('z')),
                plain(KeyCode::Right),
                mouse_at(ScrollUp, 4, 4, NONE),
                plain(KeyCode::Char('1')),
                plain(KeyCode::Char('9')),
                plain(KeyCode::Char('5')),
                plain(KeyCode::Char('3')),
                plain(KeyCode::Char('-')),
                plain(KeyCode::Char('0')),
                plain(KeyCode::Char('6')),
                plain(KeyCode::Enter),
                key(KeyCode::Char('c'), CTRL),
            ]
        );
    }

    #[test]
    fn a_sequence_cut_short_is_dropped_and_the_byte_that_cut_it_is_read() {
        // A CSI cut by ESC, by a control key, by a UTF-8 character; an SS3 and an X10 report
        // cut by a control key; a broken UTF-8 character before a letter.
        assert_eq!(
            decode(b"\x1b[1;\x1b[A"),
            [plain(KeyCode::Up)],
            "CSI then ESC"
        );
        assert_eq!(decode(b"\x1b[5\r"), [plain(KeyCode::Enter)]);
        assert_eq!(decode("\x1b[5ä".as_bytes()), [plain(KeyCode::Char('ä'))]);
        assert_eq!(decode(b"\x1bO\t"), [plain(KeyCode::Tab)]);
        assert_eq!(decode(b"\x1b[M \r"), [plain(KeyCode::Enter)]);
        assert_eq!(
            decode(b"\xe2\x82x"),
            [plain(KeyCode::Char('x'))],
            "a cut three-byte character"
        );
        // ESC before a byte that is no key: the Esc key, then the byte dropped on its own.
        assert_eq!(decode(b"\x1b\x80"), [plain(KeyCode::Esc)]);
    }

    #[test]
    fn a_character_split_across_reads_waits_for_its_end() {
        for (bytes, c) in [("é", 'é'), ("€", '€'), ("😀", '😀')] {
            let bytes = bytes.as_bytes();
            for cut in 1..bytes.len() {
                let mut decoder = Decoder::new();
                assert_eq!(decoder.feed(&bytes[..cut], false), [], "{c} cut at {cut}");
                assert_eq!(decoder.unfinished(), cut);
                assert_eq!(
                    decoder.feed(&bytes[cut..], false),
                    [plain(KeyCode::Char(c))],
                    "{c} cut at {cut}"
                );
                assert_eq!(decoder.unfinished(), 0);
            }
        }
    }

    #[test]
    fn a_sequence_split_across_reads_waits_for_its_end() {
        for (bytes, expected) in [
            (&b"\x1b[5~"[..], plain(KeyCode::PageUp)),
            (b"\x1b[1;2B", key(KeyCode::Down, SHIFT)),
            (b"\x1bOP", plain(KeyCode::F(1))),
            (b"\x1b[[E", plain(KeyCode::F(5))),
            (b"\x1b[<65;12;7M", mouse_at(ScrollDown, 11, 6, NONE)),
            (b"\x1b[M`*%", mouse_at(ScrollUp, 9, 4, NONE)),
        ] {
            // Every cut but the one right after the ESC: a lone ESC at the end of a read, with
            // nothing more waiting, is the Esc key.
            for cut in 2..bytes.len() {
                let mut decoder = Decoder::new();
                assert_eq!(decoder.feed(&bytes[..cut], false), [], "{bytes:?} at {cut}");
                assert_eq!(
                    decoder.feed(&bytes[cut..], false),
                    [expected],
                    "{bytes:?} at {cut}"
                );
                assert_eq!(decoder.unfinished(), 0);
            }
        }
    }

    #[test]
    fn an_esc_ending_a_read_is_the_esc_key_unless_more_is_waiting() {
        let mut decoder = Decoder::new();
        assert_eq!(decoder.feed(b"\x1b", false), [plain(KeyCode::Esc)]);
        assert_eq!(
            decoder.feed(b"j\x1b", false),
            [plain(KeyCode::Char('j')), plain(KeyCode::Esc)]
        );
        // A full buffer cut an arrow after its ESC: the rest is already there.
        assert_eq!(decoder.feed(b"j\x1b", true), [plain(KeyCode::Char('j'))]);
        assert_eq!(decoder.unfinished(), 1);
        assert_eq!(decoder.feed(b"[D", false), [plain(KeyCode::Left)]);
        assert_eq!(decoder.feed(b"\x1b\x1b", true), []);
        assert_eq!(decoder.feed(b"[B", false), [key(KeyCode::Down, ALT)]);
    }

    #[test]
    fn a_kept_sequence_the_next_read_does_not_continue_is_dropped() {
        let mut decoder = Decoder::new();
        assert_eq!(decoder.feed(b"\x1b[1;", false), []);
        assert_eq!(decoder.feed(b"\x1b", false), [plain(KeyCode::Esc)]);
        assert_eq!(decoder.unfinished(), 0);
        assert_eq!(decoder.feed(b"\x1b[<0;3", false), []);
        assert_eq!(
            decoder.feed(b"\x03", false),
            [key(KeyCode::Char('c'), CTRL)]
        );
        assert_eq!(decoder.feed(b"\xf0\x9f", false), []);
        assert_eq!(decoder.feed(b"q", false), [plain(KeyCode::Char('q'))]);
        assert_eq!(decoder.unfinished(), 0);
    }

    #[test]
    fn an_endless_sequence_is_not_kept_without_bound() {
        let mut decoder = Decoder::new();
        decoder.feed(b"\x1b[", false);
        for _ in 0..100 {
            assert_eq!(decoder.feed(b"1;", false), []);
            assert!(decoder.unfinished() <= MAX_SEQUENCE);
        }
        assert_eq!(decoder.feed(b"\x1b[B", false), [plain(KeyCode::Down)]);
    }

    /// xterm's modifier parameter for a set of modifiers.
    fn parameter(modifiers: KeyModifiers) -> u8 {
        1 + [(SHIFT, 1), (ALT, 2), (CTRL, 4)]
            .into_iter()
            .filter(|(m, _)| modifiers.contains(*m))
            .map(|(_, bit)| bit)
            .sum::<u8>()
    }

    fn some_modifiers() -> impl Strategy<Value = KeyModifiers> {
        (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(s, a, c)| {
            let mut m = NONE;
            m.set(SHIFT, s);
            m.set(ALT, a);
            m.set(CTRL, c);
            m
        })
    }

    /// A key or mouse report and the bytes a terminal sends for it.
    type Sent = (Input, Vec<u8>);

    /// A key or mouse report and one way a terminal sends it; never the Esc key, whose ESC
    /// only the end of a read tells from the start of a sequence.
    fn sent() -> impl Strategy<Value = Sent> {
        prop_oneof![
            4 => sent_text(),
            3 => sent_cursor_key(),
            2 => sent_tilde_key(),
            2 => sent_mouse(),
        ]
    }

    /// A character, a control key, or either with Alt.
    fn sent_text() -> impl Strategy<Value = Sent> {
        let text = any::<char>()
            .prop_filter("a printable character", |c| !c.is_control())
            .prop_map(|c| {
                let modifiers = if c.is_uppercase() { SHIFT } else { NONE };
                (key(KeyCode::Char(c), modifiers), c.to_string().into_bytes())
            });
        // Ctrl-H, -I, -J, -M are Backspace, Tab and Enter.
        let ctrl = prop::sample::select(b"abcdefgklnopqrstuvwxyz".to_vec())
            .prop_map(|c| (key(KeyCode::Char(char::from(c)), CTRL), vec![c - b'a' + 1]));
        let alt = (0x20u8..0x7f)
            .prop_filter("not a sequence introducer", |c| !matches!(c, b'[' | b'O'))
            .prop_map(|c| {
                let plain = char::from(c);
                let shift = if plain.is_uppercase() { SHIFT } else { NONE };
                (key(KeyCode::Char(plain), ALT | shift), vec![ESC, c])
            });
        let control = prop::sample::select(vec![
            (KeyCode::Enter, &b"\r"[..]),
            (KeyCode::Tab, b"\t"),
            (KeyCode::Backspace, b"\x7f"),
        ])
        .prop_map(|(code, bytes)| (plain(code), bytes.to_vec()));
        prop_oneof![4 => text, 1 => ctrl, 1 => alt, 1 => control]
    }

    /// A key with a letter for its final byte, by CSI or SS3, with modifiers.
    fn sent_cursor_key() -> impl Strategy<Value = Sent> {
        (
            prop::sample::select(vec![
                (KeyCode::Up, b'A'),
                (KeyCode::Down, b'B'),
                (KeyCode::Right, b'C'),
                (KeyCode::Left, b'D'),
                (KeyCode::Home, b'H'),
                (KeyCode::End, b'F'),
                (KeyCode::F(1), b'P'),
                (KeyCode::F(2), b'Q'),
                (KeyCode::F(4), b'S'),
            ]),
            some_modifiers(),
            any::<bool>(),
        )
            .prop_map(|((code, last), modifiers, ss3)| {
                let mut bytes = if modifiers != NONE {
                    format!("\x1b[1;{}", parameter(modifiers)).into_bytes()
                } else if ss3 {
                    b"\x1bO".to_vec()
                } else {
                    b"\x1b[".to_vec()
                };
                bytes.push(last);
                (key(code, modifiers), bytes)
            })
    }

    /// A key sent as `CSI n ~`, with modifiers.
    fn sent_tilde_key() -> impl Strategy<Value = Sent> {
        (
            prop::sample::select(vec![
                (KeyCode::Insert, 2),
                (KeyCode::Delete, 3),
                (KeyCode::PageUp, 5),
                (KeyCode::PageDown, 6),
                (KeyCode::F(3), 13),
                (KeyCode::F(5), 15),
                (KeyCode::F(6), 17),
                (KeyCode::F(10), 21),
                (KeyCode::F(11), 23),
                (KeyCode::F(12), 24),
            ]),
            some_modifiers(),
        )
            .prop_map(|((code, n), modifiers)| {
                let bytes = if modifiers == NONE {
                    format!("\x1b[{n}~")
                } else {
                    format!("\x1b[{n};{}~", parameter(modifiers))
                };
                (key(code, modifiers), bytes.into_bytes())
            })
    }

    /// An SGR mouse report.
    fn sent_mouse() -> impl Strategy<Value = Sent> {
        (
            prop::sample::select(vec![
                (0u16, Down(Left), false),
                (0, Up(Left), true),
                (2, Down(Right), false),
                (32, Drag(Left), false),
                (35, Moved, false),
                (64, ScrollUp, false),
                (65, ScrollDown, false),
            ]),
            prop::sample::select(vec![(0u16, NONE), (4, SHIFT), (8, ALT), (16, CTRL)]),
            1u16..=1000,
            1u16..=1000,
        )
            .prop_map(|((cb, kind, released), (bit, modifiers), x, y)| {
                let last = if released { 'm' } else { 'M' };
                (
                    mouse_at(kind, x - 1, y - 1, modifiers),
                    format!("\x1b[<{};{x};{y}{last}", cb | bit).into_bytes(),
                )
            })
    }

    /// A burst: what a terminal writes before the reader catches up (keys, maybe ending with
    /// Esc), and where reads cut it.
    struct Burst {
        sent: Vec<Sent>,
        ends_with_esc: bool,
        cuts: Vec<prop::sample::Index>,
    }

    fn burst() -> impl Strategy<Value = Burst> {
        (
            prop::collection::vec(sent(), 0..8),
            any::<bool>(),
            prop::collection::vec(any::<prop::sample::Index>(), 0..6),
        )
            .prop_map(|(sent, ends_with_esc, cuts)| Burst {
                sent,
                ends_with_esc,
                cuts,
            })
    }

    impl std::fmt::Debug for Burst {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            let mut bytes: Vec<u8> = self.sent.iter().flat_map(|(_, b)| b.clone()).collect();
            if self.ends_with_esc {
                bytes.push(ESC);
            }
            write!(
                f,
                "{:?} cut at {:?}",
                String::from_utf8_lossy(&bytes),
                self.cuts
            )
        }
    }

    proptest! {
        /// However reads cut what the terminal sent, the keys come back: within a burst a read
        /// may end anywhere (inside a character, a sequence, right after an ESC), and the
        /// decoder is told truthfully whether more of the burst is waiting.
        #[test]
        fn keys_survive_any_read_boundaries(bursts in prop::collection::vec(burst(), 1..6)) {
            let mut decoder = Decoder::new();
            let (mut expected, mut got) = (Vec::new(), Vec::new());
            for Burst { sent, ends_with_esc, cuts } in bursts {
                let mut bytes: Vec<u8> = sent.iter().flat_map(|(_, b)| b.clone()).collect();
                expected.extend(sent.iter().map(|(input, _)| *input));
                if ends_with_esc {
                    bytes.push(ESC);
                    expected.push(plain(KeyCode::Esc));
                }
                let mut cuts: Vec<usize> = cuts.iter().map(|i| i.index(bytes.len() + 1)).collect();
                cuts.extend([0, bytes.len()]);
                cuts.sort_unstable();
                cuts.dedup();
                for pair in cuts.windows(2) {
                    let more_waiting = pair[1] < bytes.len();
                    got.extend(decoder.feed(&bytes[pair[0]..pair[1]], more_waiting));
                }
            }
            prop_assert_eq!(got, expected);
            prop_assert_eq!(decoder.unfinished(), 0);
        }

        /// Whatever the bytes, where reads cut them changes nothing as long as the decoder is
        /// told truthfully that more are waiting: the same inputs as from one read.
        #[test]
        fn where_reads_fall_changes_nothing(
            bytes in prop::collection::vec(
                prop_oneof![
                    3 => any::<u8>(),
                    1 => prop::sample::select(b"\x1b[O<;0123456789ABCDHFPQRSZM~m".to_vec()),
                ],
                0..200,
            ),
            cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..10),
        ) {
            let whole = Decoder::new().feed(&bytes, false);
            let mut cuts: Vec<usize> = cuts.iter().map(|i| i.index(bytes.len() + 1)).collect();
            cuts.extend([0, bytes.len()]);
            cuts.sort_unstable();
            cuts.dedup();
            let mut decoder = Decoder::new();
            let mut pieces = Vec::new();
            for pair in cuts.windows(2) {
                let more_waiting = pair[1] < bytes.len();
                pieces.extend(decoder.feed(&bytes[pair[0]..pair[1]], more_waiting));
            }
            prop_assert_eq!(pieces, whole);
        }

        /// Any bytes in any reads: no panic, and never more kept than a sequence may hold.
        #[test]
        fn any_bytes_decode_without_panic(
            reads in prop::collection::vec(
                (prop::collection::vec(any::<u8>(), 0..40), any::<bool>()),
                0..10,
            ),
        ) {
            let mut decoder = Decoder::new();
            for (bytes, more_waiting) in reads {
                decoder.feed(&bytes, more_waiting);
                prop_assert!(decoder.unfinished() <= MAX_SEQUENCE);
            }
        }
    }
}
