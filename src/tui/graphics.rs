//! Which graphics the terminal draws pictures with: asked once at start-up, and only for a deck
//! that has pictures. The questions are ratatui-image's (kitty graphics, device attributes for
//! sixel, the cell size in pixels, then a status report every terminal answers, which closes
//! the answers); the asking is ours, on the terminal the loop reads, with `poll(2)` and a short
//! deadline. ratatui-image's own `Picker::from_query_stdio` reads standard input from a thread
//! it leaves behind when the terminal does not answer, and that thread would go on taking the
//! lecturer's keys; here nothing is left reading, and a terminal that does not answer (or not in
//! time) gets half-blocks, which every terminal draws, tmux included.

use std::io::{self, Write};
use std::os::fd::AsFd;
use std::path::Path;
use std::time::{Duration, Instant};

use ratatui_image::FontSize;
use ratatui_image::picker::cap_parser::{Parser, QueryStdioOptions, Response};
use ratatui_image::picker::{Picker, ProtocolType};
use rustix::event::{PollFd, PollFlags, Timespec};

use crate::deck::{Deck, picture};
use crate::layout::SlideLayout;
use crate::ui::Pictures;

/// How long the terminal has to answer: local terminals take a few milliseconds, a slow SSH
/// link a few hundred.
pub const ANSWER_WITHIN: Duration = Duration::from_millis(500);

/// The pictures of a loop showing `deck`: none for a deck without pictures, whose terminal is
/// not even asked.
pub fn pictures_for(deck: &Deck, tty: &impl AsFd) -> Option<Pictures> {
    (!picture::paths(deck).is_empty()).then(|| Pictures::new(picker(tty, ANSWER_WITHIN)))
}

/// After the deck changed: the pictures forgotten (the files may have changed too), and a
/// deck that has gained pictures gets half-blocks (the terminal is asked only at start-up,
/// before the loop reads keys).
pub fn deck_changed(pictures: &mut Option<Pictures>, deck: &Deck) {
    match pictures {
        Some(p) => p.clear(),
        None if !picture::paths(deck).is_empty() => {
            *pictures = Some(Pictures::half_blocks());
        }
        None => {}
    }
}

/// Reads the pictures `layout` shows that have not been read yet (once each: a file that does
/// not load is remembered as such, and its alt text shows), then encodes them for their boxes.
pub fn make_ready(pictures: &mut Pictures, layout: &SlideLayout, folder: Option<&Path>) {
    for path in pictures.unread(layout) {
        let read = picture::load(&picture::locate(folder, &path)).map(|p| p.image);
        pictures.insert(path, read);
    }
    pictures.prepare(layout);
}

/// The picker for the terminal on `tty` (in raw mode, on the alternate screen, before the loop
/// reads any input): its graphics if it says it has some, half-blocks if not or if it does not
/// answer within `within`.
pub fn picker(tty: &impl AsFd, within: Duration) -> Picker {
    let is_tmux = std::env::var("TERM").is_ok_and(|t| t.starts_with("tmux"))
        || std::env::var("TERM_PROGRAM").is_ok_and(|t| t == "tmux");
    let mut options = QueryStdioOptions {
        timeout: within,
        ..QueryStdioOptions::default()
    };
    // As ratatui-image does: these two draw sixel and kitty images badly; iTerm2's protocol
    // (from the environment) serves them better.
    if ["WEZTERM_EXECUTABLE", "KONSOLE_VERSION"]
        .iter()
        .any(|v| std::env::var(v).is_ok_and(|s| !s.is_empty()))
    {
        options.blacklist_protocols = vec![ProtocolType::Kitty, ProtocolType::Sixel];
    }
    let answers = ask(tty, &Parser::query(is_tmux, options), within).unwrap_or_default();
    from_answers(&answers, cell_size_from_kernel())
}

/// The picker the answers call for; `kernel` is the cell size the kernel knows, if any.
fn from_answers(answers: &[Response], kernel: Option<FontSize>) -> Picker {
    let kitty = answers.contains(&Response::Kitty);
    let sixel = answers.contains(&Response::Sixel);
    let cell = answers
        .iter()
        .find_map(|r| match r {
            Response::CellSize(Some((w, h))) if *w > 0 && *h > 0 => Some(FontSize::new(*w, *h)),
            _ => None,
        })
        .or(kernel);
    // Without the cell size in pixels no graphics protocol can size a picture: half-blocks.
    let Some(cell) = cell else {
        return Picker::halfblocks();
    };
    // `from_fontsize` is the one constructor that takes a cell size; it also notes tmux (and
    // lets it pass graphics through) and guesses iTerm2 from the environment.
    #[allow(deprecated)]
    let mut picker = Picker::from_fontsize(cell);
    if kitty {
        picker.set_protocol_type(ProtocolType::Kitty);
    } else if sixel {
        picker.set_protocol_type(ProtocolType::Sixel);
    }
    picker
}

/// Writes `query` and reads the answers until the status report that closes them, or until
/// `within` has passed (`None`: no answer in time, or the terminal failed).
fn ask(tty: &impl AsFd, query: &str, within: Duration) -> Option<Vec<Response>> {
    let deadline = Instant::now() + within;
    let mut out = io::stdout().lock();
    out.write_all(query.as_bytes()).ok()?;
    out.flush().ok()?;
    drop(out);
    let mut parser = Parser::new();
    let mut answers = Vec::new();
    // A byte at a time: a key typed just after the answers stays for the loop to read.
    let mut byte = [0u8; 1];
    loop {
        let left = deadline.checked_duration_since(Instant::now())?;
        let timeout = Timespec::try_from(left).ok()?;
        let mut fds = [PollFd::new(tty, PollFlags::IN)];
        match rustix::event::poll(&mut fds, Some(&timeout)) {
            Ok(0) => return None,
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => continue,
            Err(_) => return None,
        }
        if !fds[0].revents().contains(PollFlags::IN) {
            return None;
        }
        if rustix::io::read(tty, &mut byte).ok()? == 0 {
            return None;
        }
        for answer in parser.push(char::from(byte[0])) {
            if answer == Response::Status {
                return Some(answers);
            }
            answers.push(answer);
        }
    }
}

/// The cell size in pixels as the kernel knows it (terminals that set the window's pixel size).
fn cell_size_from_kernel() -> Option<FontSize> {
    let size = rustix::termios::tcgetwinsize(rustix::stdio::stdout()).ok()?;
    if size.ws_col == 0 || size.ws_row == 0 || size.ws_xpixel == 0 || size.ws_ypixel == 0 {
        return None;
    }
    Some(FontSize::new(
        size.ws_xpixel / size.ws_col,
        size.ws_ypixel / size.ws_row,
    ))
}

#[cfg(test)]
use super::test_pty;

#[cfg(test)]
mod tests {
    use super::test_pty::raw_pty;
    use super::*;

    #[test]
    fn a_terminal_that_never_answers_gets_half_blocks_in_time() {
        let (_controller, user) = raw_pty();
        let start = Instant::now();
        let answers = ask(&user, "", Duration::from_millis(150));
        assert_eq!(answers, None);
        assert!(start.elapsed() < Duration::from_secs(2));
        assert_eq!(
            from_answers(&[], None).protocol_type(),
            ProtocolType::Halfblocks
        );
    }

    #[test]
    fn the_answers_are_read_up_to_the_status_report() {
        let (controller, user) = raw_pty();
        // What a sixel terminal with 10x20 cells answers, then something typed after it.
        rustix::io::write(&controller, b"\x1b[?62;4;22c\x1b[6;20;10t\x1b[0nq").unwrap();
        let answers = ask(&user, "", Duration::from_secs(2)).unwrap();
        assert!(answers.contains(&Response::Sixel), "{answers:?}");
        assert!(
            answers.contains(&Response::CellSize(Some((10, 20)))),
            "{answers:?}"
        );
        let picker = from_answers(&answers, None);
        assert_eq!(picker.protocol_type(), ProtocolType::Sixel);
        assert_eq!(picker.font_size().width, 10);
        let mut left = [0u8; 1];
        assert_eq!(rustix::io::read(&user, &mut left).unwrap(), 1);
        assert_eq!(
            &left, b"q",
            "the key typed after the answers is left for the loop"
        );
    }

    #[test]
    fn kitty_wins_over_sixel_and_no_cell_size_means_half_blocks() {
        let both = [Response::Sixel, Response::Kitty];
        let cell = Some(FontSize::new(9, 18));
        assert_eq!(
            from_answers(&both, cell).protocol_type(),
            ProtocolType::Kitty
        );
        assert_eq!(
            from_answers(&both, None).protocol_type(),
            ProtocolType::Halfblocks
        );
    }
}
