//! The audience window's end of the link: a thread that finds the presenter, follows it, and
//! when it goes waits for the next one.

use std::io::{self, Write};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::thread;
use std::time::Duration;

use super::protocol::{Message, each_message, encode};
use crate::app::Shown;

/// How often a waiting audience window tries to reach its presenter.
const RETRY: Duration = Duration::from_millis(150);

/// What the audience window's link thread reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Heard {
    /// The presenter says what to show.
    Show(Shown),
    /// The presenter has gone (quit, crashed, or its socket was removed).
    Lost,
}

/// The audience window's end: a thread that finds the presenter, follows it, and when it goes
/// waits for the next one, passing on what it hears to `to` for as long as `to` returns true.
pub fn follow(path: PathBuf, to: impl FnMut(Heard) -> bool + Send + 'static) -> io::Result<()> {
    let mut to = to;
    thread::Builder::new()
        .name("link-follow".into())
        .spawn(move || {
            loop {
                if let Ok(stream) = UnixStream::connect(&path) {
                    let alive = listen(&stream, &mut to);
                    if !alive || !to(Heard::Lost) {
                        return;
                    }
                }
                thread::sleep(RETRY);
            }
        })?;
    Ok(())
}

/// Says hello and passes on what the presenter shows until the connection ends; false when
/// nobody listens to `to` any more.
fn listen(stream: &UnixStream, to: &mut impl FnMut(Heard) -> bool) -> bool {
    let mut writer = stream;
    if writer.write_all(&encode(&Message::Hello)).is_err() {
        return true;
    }
    let mut listened = true;
    each_message(stream, |msg| match msg {
        Message::Show(shown) => {
            listened = to(Heard::Show(shown));
            listened
        }
        Message::Hello => true,
    });
    listened
}
