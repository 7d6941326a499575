//! Everything that wakes a loop, as one [`Event`]: keys, the mouse and resizes from the
//! terminal, the loop's own deadline, what other threads post (the audience link), signals, and
//! the end of input.
//!
//! Waiting and reading are ours, not crossterm's. crossterm 0.29 reads the terminal in a loop
//! that never returns once the terminal is gone (a closed window gives `read() == 0` or `EIO`
//! forever), and its event source waits edge-triggered (mio): when a resize and a key arrive in
//! one batch it returns the resize and forgets that the terminal was readable, so the key waits
//! for the next one while a level-triggered `poll` spins. So the loop blocks in `poll(2)` on the
//! terminal and on a wake-up socket that signal handlers and other threads write to, makes one
//! read of what is there when `poll` says there are bytes and no hang-up (a read that cannot
//! block: the bytes are there, or the terminal is gone and the read says so at once), and
//! decodes the bytes itself (`input`). Resizes come from our own SIGWINCH handler. A watchdog
//! thread, blocked in `poll` for nothing but a hang-up, ends the process if the loop has not let
//! go of a hung-up terminal in time regardless.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, BorrowedFd};
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyEvent, MouseEvent};
use rustix::event::{PollFd, PollFlags, Timespec};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGWINCH};
use signal_hook::{SigId, flag, low_level};

use super::input::{Decoder, Input};
use super::session::HANGUP_STATUS;
use crate::link::Heard;

/// How long the watchdog lets the loop wind down after a hang-up (final save included) before
/// it ends the process itself.
const GRACE: Duration = Duration::from_secs(2);

/// How much one read takes from the terminal. Keys come a few bytes at a time; a paste or a
/// burst of mouse motion may fill it, and the rest waits for the next read.
const READ_SIZE: usize = 4096;

/// Something a loop must look at.
#[derive(Debug)]
pub enum Event {
    /// A key press (or repeat, or release where the terminal reports them).
    Key(KeyEvent),
    /// A mouse event.
    Mouse(MouseEvent),
    /// The terminal's new size, in cells.
    Resize(u16, u16),
    /// The deadline the loop asked for has come.
    Tick,
    /// The presenter said something (audience window).
    Heard(Heard),
    /// An audience window joined or left (presenter).
    AudienceChanged,
    /// The deck file was saved (presenter).
    DeckChanged,
    /// Time to go.
    Stop(Stop),
    /// The process was stopped and has been continued: the shell may have changed the
    /// terminal's modes and screen meanwhile.
    Continued,
}

/// Why a loop must end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// SIGTERM or SIGINT: a normal end.
    Quit,
    /// The terminal went away (closed window, dropped connection) or SIGHUP arrived.
    Hangup,
}

/// The terminal's input side: standard input when it is a terminal, else `/dev/tty`.
pub enum Tty {
    /// Standard input.
    Stdin,
    /// `/dev/tty`, opened.
    Opened(File),
}

impl AsFd for Tty {
    fn as_fd(&self) -> BorrowedFd<'_> {
        match self {
            Tty::Stdin => rustix::stdio::stdin(),
            Tty::Opened(file) => file.as_fd(),
        }
    }
}

impl Tty {
    /// The terminal to read keys from, or `None` when the process has none.
    pub fn open() -> Option<Tty> {
        if rustix::termios::isatty(rustix::stdio::stdin()) {
            return Some(Tty::Stdin);
        }
        File::options()
            .read(true)
            .write(true)
            .open("/dev/tty")
            .ok()
            .map(Tty::Opened)
    }

    fn try_clone(&self) -> io::Result<Tty> {
        Ok(match self {
            Tty::Stdin => Tty::Stdin,
            Tty::Opened(file) => Tty::Opened(file.try_clone()?),
        })
    }
}

/// Whether a terminal has hung up: the window was closed or the connection dropped. A terminal
/// that is fine answers `false` at once.
pub fn is_hung_up(tty: &impl AsFd) -> bool {
    let mut fds = [PollFd::new(tty, PollFlags::empty())];
    match rustix::event::poll(&mut fds, Some(&Timespec::default())) {
        Ok(_) => fds[0]
            .revents()
            .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL),
        Err(_) => true,
    }
}

/// Lets another thread hand the loop an event and wake it.
#[derive(Clone)]
pub struct Poster {
    tx: Sender<Event>,
    wake: Arc<UnixStream>,
}

impl Poster {
    /// Posts `event`; false once the loop has gone.
    pub fn post(&self, event: Event) -> bool {
        if self.tx.send(event).is_err() {
            return false;
        }
        wake(&self.wake);
        true
    }
}

/// A byte on the wake-up socket; a full socket is already awake.
fn wake(socket: &UnixStream) {
    let _ = (&*socket).write(&[1]);
}

/// Flags the signal handlers raise.
#[derive(Default)]
struct Raised {
    /// Any of SIGTERM, SIGINT, SIGHUP: a second one ends the process at once.
    stopping: Arc<AtomicBool>,
    hangup: Arc<AtomicBool>,
    resized: Arc<AtomicBool>,
    continued: Arc<AtomicBool>,
}

/// The one source of events for a loop.
pub struct Events {
    tty: Tty,
    wake_rx: UnixStream,
    wake_tx: Arc<UnixStream>,
    posted_rx: Receiver<Event>,
    posted_tx: Sender<Event>,
    pending: VecDeque<Event>,
    /// What the terminal sent, as keys and mouse reports; keeps what a read cut short.
    decoder: Decoder,
    raised: Raised,
    signals: Vec<SigId>,
    hung_up: bool,
    /// Set when the loop is done with the terminal: the watchdog stands down.
    leaving: Arc<AtomicBool>,
}

impl Events {
    /// Listens to `tty`, the signals and posted events; starts the hang-up watchdog.
    pub fn new(tty: Tty) -> io::Result<Events> {
        let (wake_rx, wake_tx) = UnixStream::pair()?;
        wake_rx.set_nonblocking(true)?;
        wake_tx.set_nonblocking(true)?;
        let raised = Raised::default();
        let mut signals = Vec::new();
        for (signal, flag_for) in [
            (SIGTERM, None),
            (SIGINT, None),
            (SIGHUP, Some(&raised.hangup)),
        ] {
            // A second signal while we are shutting down exits at once.
            signals.push(flag::register_conditional_shutdown(
                signal,
                1,
                Arc::clone(&raised.stopping),
            )?);
            signals.push(flag::register(signal, Arc::clone(&raised.stopping))?);
            if let Some(f) = flag_for {
                signals.push(flag::register(signal, Arc::clone(f))?);
            }
            signals.push(low_level::pipe::register(signal, wake_tx.try_clone()?)?);
        }
        for (signal, f) in [(SIGWINCH, &raised.resized), (SIGCONT, &raised.continued)] {
            signals.push(flag::register(signal, Arc::clone(f))?);
            signals.push(low_level::pipe::register(signal, wake_tx.try_clone()?)?);
        }
        let wake_tx = Arc::new(wake_tx);
        let leaving = Arc::new(AtomicBool::new(false));
        watch_for_hangup(
            tty.try_clone()?,
            Arc::clone(&raised.hangup),
            Arc::clone(&wake_tx),
            Arc::clone(&leaving),
        )?;
        let (posted_tx, posted_rx) = mpsc::channel();
        Ok(Events {
            tty,
            wake_rx,
            wake_tx,
            posted_rx,
            posted_tx,
            pending: VecDeque::new(),
            decoder: Decoder::new(),
            raised,
            signals,
            hung_up: false,
            leaving,
        })
    }

    /// A handle other threads post events through.
    pub fn poster(&self) -> Poster {
        Poster {
            tx: self.posted_tx.clone(),
            wake: Arc::clone(&self.wake_tx),
        }
    }

    /// The terminal's input side.
    pub fn tty(&self) -> &Tty {
        &self.tty
    }

    /// Whether the terminal is still there to be restored and written to.
    pub fn terminal_alive(&self) -> bool {
        !self.hung_up && !is_hung_up(&self.tty)
    }

    /// The next event; `Tick` once `deadline` has passed (never, without one).
    pub fn next(&mut self, deadline: Option<Instant>) -> io::Result<Event> {
        loop {
            if let Some(event) = self.signalled() {
                return Ok(event);
            }
            if let Some(event) = self.pending.pop_front() {
                return Ok(event);
            }
            if let Ok(event) = self.posted_rx.try_recv() {
                return Ok(event);
            }
            let timeout = match deadline {
                Some(at) => {
                    let now = Instant::now();
                    if at <= now {
                        return Ok(Event::Tick);
                    }
                    Some(Timespec::try_from(at - now).unwrap_or_default())
                }
                None => None,
            };
            let mut fds = [
                PollFd::new(&self.tty, PollFlags::IN),
                PollFd::new(&self.wake_rx, PollFlags::IN),
            ];
            match rustix::event::poll(&mut fds, timeout.as_ref()) {
                Ok(_) => {}
                Err(rustix::io::Errno::INTR) => continue,
                Err(e) => return Err(e.into()),
            }
            let (tty, woken) = (fds[0].revents(), fds[1].revents());
            if woken.contains(PollFlags::IN) {
                self.drain_wake();
            }
            if tty.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
                self.hung_up = true;
            } else if tty.contains(PollFlags::IN) {
                self.read_terminal()?;
            }
        }
    }

    /// What the signal handlers and the hang-up say, most urgent first.
    fn signalled(&mut self) -> Option<Event> {
        if self.hung_up || self.raised.hangup.load(Ordering::Relaxed) {
            self.hung_up |= is_hung_up(&self.tty);
            return Some(Event::Stop(Stop::Hangup));
        }
        if self.raised.stopping.load(Ordering::Relaxed) {
            return Some(Event::Stop(Stop::Quit));
        }
        if self.raised.continued.swap(false, Ordering::Relaxed) {
            return Some(Event::Continued);
        }
        if self.raised.resized.swap(false, Ordering::Relaxed)
            && let Ok((w, h)) = ratatui::crossterm::terminal::size()
        {
            return Some(Event::Resize(w, h));
        }
        None
    }

    /// Forgets a pending `Continued`: the caller has just set the terminal up again itself.
    pub fn settle_continued(&self) {
        self.raised.continued.store(false, Ordering::Relaxed);
    }

    fn drain_wake(&mut self) {
        let mut buf = [0u8; 64];
        while matches!((&self.wake_rx).read(&mut buf), Ok(n) if n > 0) {}
    }

    /// Reads what the terminal sent and decodes it. Only called when `poll` saw bytes and no
    /// hang-up, so the one read returns at once: with bytes, or with the end of input (0 or
    /// `EIO`) if the terminal went away meanwhile, which is a hang-up. One read per `poll`
    /// keeps a flood of input from starving signals and posted events.
    fn read_terminal(&mut self) -> io::Result<()> {
        let mut buf = [0u8; READ_SIZE];
        let n = match rustix::io::read(&self.tty, &mut buf) {
            Ok(0) | Err(rustix::io::Errno::IO) => {
                self.hung_up = true;
                return Ok(());
            }
            Ok(n) => n,
            Err(rustix::io::Errno::INTR | rustix::io::Errno::AGAIN) => return Ok(()),
            Err(e) => return Err(e.into()),
        };
        // A full buffer may have cut a sequence after its ESC; only then does the decoder need
        // to know whether the rest is already there, or it would take the ESC for the Esc key.
        let more_waiting = n == buf.len() && has_input(&self.tty);
        let inputs = self.decoder.feed(&buf[..n], more_waiting);
        self.pending
            .extend(inputs.into_iter().map(|input| match input {
                Input::Key(key) => Event::Key(key),
                Input::Mouse(mouse) => Event::Mouse(mouse),
            }));
        Ok(())
    }
}

/// Whether the terminal has bytes to read right now.
fn has_input(tty: &impl AsFd) -> bool {
    let mut fds = [PollFd::new(tty, PollFlags::IN)];
    matches!(rustix::event::poll(&mut fds, Some(&Timespec::default())), Ok(n) if n > 0)
        && fds[0].revents().contains(PollFlags::IN)
}

impl Drop for Events {
    fn drop(&mut self) {
        self.leaving.store(true, Ordering::Relaxed);
        for id in self.signals.drain(..) {
            low_level::unregister(id);
        }
    }
}

/// Starts a thread that sleeps in `poll` until `tty` hangs up, then raises `hangup`, wakes the
/// loop, and ends the process if the loop has not let go of the terminal within [`GRACE`].
fn watch_for_hangup(
    tty: Tty,
    hangup: Arc<AtomicBool>,
    wake_tx: Arc<UnixStream>,
    leaving: Arc<AtomicBool>,
) -> io::Result<()> {
    thread::Builder::new()
        .name("hangup-watch".into())
        .spawn(move || {
            loop {
                // No events asked for: poll returns only for a hang-up or an error.
                let mut fds = [PollFd::new(&tty, PollFlags::empty())];
                match rustix::event::poll(&mut fds, None) {
                    Err(rustix::io::Errno::INTR) => {}
                    Ok(_) | Err(_) => break,
                }
            }
            if leaving.load(Ordering::Relaxed) {
                return;
            }
            hangup.store(true, Ordering::Relaxed);
            wake(&wake_tx);
            thread::sleep(GRACE);
            if !leaving.load(Ordering::Relaxed) {
                // The loop is stuck in a read that will never return. The class record was
                // checkpointed at the last slide change; leave without touching the terminal.
                std::process::exit(i32::from(HANGUP_STATUS));
            }
        })?;
    Ok(())
}

#[cfg(test)]
use super::test_pty;

#[cfg(test)]
mod tests {
    use super::test_pty::{pty, raw_pty};
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    #[test]
    fn a_closed_terminal_reads_as_hung_up_and_an_open_one_does_not() {
        let (master, slave) = pty();
        assert!(!is_hung_up(&slave), "a live terminal is not hung up");
        drop(master);
        assert!(
            is_hung_up(&slave),
            "closing the window hangs the terminal up"
        );
    }

    #[test]
    fn posted_events_wake_the_loop_and_arrive_in_order() {
        let (_master, slave) = pty();
        let mut events = Events::new(Tty::Opened(File::from(slave))).unwrap();
        let poster = events.poster();
        let sender = thread::spawn(move || {
            poster.post(Event::AudienceChanged) && poster.post(Event::Heard(Heard::Lost))
        });
        // No deadline: only the posts can end these waits.
        assert!(matches!(events.next(None).unwrap(), Event::AudienceChanged));
        assert!(matches!(
            events.next(None).unwrap(),
            Event::Heard(Heard::Lost)
        ));
        assert!(sender.join().unwrap());
    }

    /// The next event that is not a tick, waiting at most a few seconds.
    fn next_event(events: &mut Events) -> Event {
        let give_up = Instant::now() + Duration::from_secs(5);
        loop {
            match events.next(Some(give_up)).unwrap() {
                Event::Tick => assert!(Instant::now() < give_up, "no event came"),
                event => return event,
            }
        }
    }

    fn is_key(event: &Event, code: KeyCode, modifiers: KeyModifiers) -> bool {
        matches!(event, Event::Key(k) if *k == KeyEvent::new(code, modifiers))
    }

    #[test]
    fn what_is_typed_comes_out_as_keys_even_a_sequence_split_across_writes() {
        // Raw, as the screen sets it: otherwise the terminal holds input back until a newline.
        let (master, slave) = raw_pty();
        let mut master = File::from(master);
        let mut events = Events::new(Tty::Opened(File::from(slave))).unwrap();
        master.write_all("ä\x1b[1;2B\x03".as_bytes()).unwrap();
        let typed = [
            (KeyCode::Char('ä'), KeyModifiers::NONE),
            (KeyCode::Down, KeyModifiers::SHIFT),
            (KeyCode::Char('c'), KeyModifiers::CONTROL),
        ];
        for (code, modifiers) in typed {
            let event = next_event(&mut events);
            assert!(is_key(&event, code, modifiers), "{event:?}");
        }
        // Half a PageUp: read (most likely) before the rest is written, and kept meanwhile.
        master.write_all(b"\x1b[5").unwrap();
        let soon = Instant::now() + Duration::from_millis(50);
        assert!(matches!(events.next(Some(soon)).unwrap(), Event::Tick));
        master.write_all(b"~").unwrap();
        let event = next_event(&mut events);
        assert!(
            is_key(&event, KeyCode::PageUp, KeyModifiers::NONE),
            "{event:?}"
        );
    }

    #[test]
    fn a_terminal_that_hangs_up_ends_the_wait_rather_than_a_read() {
        let (master, slave) = pty();
        let mut events = Events::new(Tty::Opened(File::from(slave))).unwrap();
        drop(master);
        // No deadline: only the hang-up can end this wait.
        assert!(matches!(
            events.next(None).unwrap(),
            Event::Stop(Stop::Hangup)
        ));
        assert!(!events.terminal_alive());
    }

    #[test]
    fn a_deadline_with_nothing_to_read_is_a_tick() {
        let (_master, slave) = pty();
        let mut events = Events::new(Tty::Opened(File::from(slave))).unwrap();
        let at = Instant::now() + Duration::from_millis(20);
        assert!(matches!(events.next(Some(at)).unwrap(), Event::Tick));
        assert!(Instant::now() >= at);
    }
}
