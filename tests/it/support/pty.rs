//! The pty harness: the real `tribune` binary (or a shell) in a pseudo-terminal (portable-pty),
//! its output fed to a `vt100` parser, keys written to the pty as a terminal would send them.
//!
//! Synchronisation is by condition, never by sleeping: a background thread reads the pty into
//! the parser and wakes waiters through a `Condvar`; `wait_for` blocks until the parsed screen
//! satisfies a predicate or a deadline passes (5 s, 20 s with `CI` set), then fails with the
//! screen printed. Predicates are only tried at frame boundaries, and after a resize only once
//! the app's redraw for the new size has arrived, so a half-drawn or stale frame cannot pass.
//! Child processes are killed if a test fails half-way.
//!
//! Every session ends by checking the process exit status and the raw byte stream
//! (`Finished`): after the last "enter alternate screen" the app must leave it, show the cursor
//! and turn mouse capture off, and the pty must be back out of raw mode, since a program that
//! leaves the terminal in the alternate screen or in raw mode leaves its user stranded.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

use super::fixtures::{SLIDES, private_dir};

pub const ENTER_ALT: &str = "\x1b[?1049h";
const LEAVE_ALT: &str = "\x1b[?1049l";
const SHOW_CURSOR: &str = "\x1b[?25h";
/// What tribune turns off on leaving, in this order: SGR encoding, urxvt
/// encoding, any-motion, button-motion and normal tracking.
const MOUSE_OFF: [&str; 5] = [
    "\x1b[?1006l",
    "\x1b[?1015l",
    "\x1b[?1003l",
    "\x1b[?1002l",
    "\x1b[?1000l",
];

/// How every frame ends: the app sends each frame in one write wrapped in a synchronized
/// update, which this closes. The pty may still hand the bytes over in pieces, so a screen read
/// at any other point may be half old frame, half new; conditions are only checked at this
/// boundary.
const FRAME_END: &[u8] = b"\x1b[?2026l";

/// What ratatui writes (crossterm's `Clear(All)`) when it redraws for a new size.
const CLEAR_ALL: &[u8] = b"\x1b[2J";

pub const RIGHT: &[u8] = b"\x1b[C";
pub const PAGE_UP: &[u8] = b"\x1b[5~";
pub const PAGE_DOWN: &[u8] = b"\x1b[6~";
pub const F5: &[u8] = b"\x1b[15~";
pub const ESC: &[u8] = b"\x1b";
pub const ENTER: &[u8] = b"\r";
pub const TAB: &[u8] = b"\t";
pub const CTRL_C: &[u8] = b"\x03";
pub const CTRL_Z: &[u8] = b"\x1a";

/// How long any one wait may take.
pub fn timeout() -> Duration {
    if std::env::var_os("CI").is_some() {
        Duration::from_secs(20)
    } else {
        Duration::from_secs(5)
    }
}

fn deadline() -> Instant {
    Instant::now() + timeout()
}

/// What the reader thread has seen so far.
struct Output {
    parser: vt100::Parser,
    raw: Vec<u8>,
    /// The words of every complete frame, in order (as `words` gives them): what the screen
    /// showed at each frame boundary, so a test can check what was never shown, not only what
    /// is shown now.
    frames: Vec<String>,
    eof: bool,
    /// Asks the reader thread to stop (and close its copy of the pty) at its next read.
    stop: bool,
    /// Where the output stood when the terminal was last resized, until the app's redraw for
    /// the new size (which starts by clearing the screen) has arrived after it.
    resized_at: Option<usize>,
}

type Shared = Arc<(Mutex<Output>, Condvar)>;

fn lock(shared: &Shared) -> MutexGuard<'_, Output> {
    // A waiter that panicked while holding the lock leaves the data intact; keep reading.
    shared.0.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Reads the pty until EOF (EIO once every slave descriptor is closed) or until asked to stop,
/// feeding the parser and keeping the text of each complete frame.
fn pump(mut reader: Box<dyn Read + Send>, shared: &Shared) {
    let mut buf = [0u8; 8192];
    loop {
        let n = match reader.read(&mut buf) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => 0,
        };
        let mut out = lock(shared);
        if n == 0 || out.stop {
            out.eof = true;
            shared.1.notify_all();
            return;
        }
        let mut rest = &buf[..n];
        while !rest.is_empty() {
            // Feed up to the end of the next frame, so that its screen can be recorded.
            let end = rest
                .windows(FRAME_END.len())
                .position(|w| w == FRAME_END)
                .map_or(rest.len(), |i| i + FRAME_END.len());
            out.parser.process(&rest[..end]);
            out.raw.extend_from_slice(&rest[..end]);
            if out.raw.ends_with(FRAME_END) {
                let text = words(out.parser.screen());
                out.frames.push(text);
            }
            rest = &rest[end..];
        }
        shared.1.notify_all();
    }
}

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("terminal sizes are positive")
}

fn pty_size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// The screen as text, one line per row, for failure messages.
pub fn dump(screen: &vt100::Screen) -> String {
    let (_, cols) = screen.size();
    let rows: Vec<String> = screen.rows(0, cols.get()).collect();
    let rule = "-".repeat(usize::from(cols.get()));
    format!("+{rule}+\n|{}|\n+{rule}+", rows.join("|\n|"))
}

/// The bottom row, where the status bar lives.
pub fn status_row(screen: &vt100::Screen) -> String {
    let (_, cols) = screen.size();
    screen.rows(0, cols.get()).last().unwrap_or_default()
}

/// The status bar's words: ` Part I · 5/84 (1/3) · 4 March 1953` gives `Part`, `I`, `5/84`,
/// `(1/3)`, `4`, `March`, `1953`. On narrow screens the bar drops words, not their spelling.
pub fn status_words(screen: &vt100::Screen) -> Vec<String> {
    status_row(screen)
        .split(|c: char| c.is_whitespace() || c == '·')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether the status bar says we are on slide `n` of the bundled lecture.
pub fn on_slide(screen: &vt100::Screen, n: usize) -> bool {
    let at = format!("{n}/{SLIDES}");
    status_words(screen).contains(&at)
}

/// Whether the status bar says we are on slide `n` at reveal step `step` of `steps`.
pub fn on_step(screen: &vt100::Screen, n: usize, step: usize, steps: usize) -> bool {
    let at = [format!("{n}/{SLIDES}"), format!("({step}/{steps})")];
    status_words(screen).windows(2).any(|w| w == at)
}

/// The talk's elapsed time in the status bar (`▶ 0:00:07`), in seconds; none before the
/// clock starts (`▶ –:––:––`).
pub fn elapsed_secs(screen: &vt100::Screen) -> Option<u64> {
    let words = status_words(screen);
    let at = words.iter().position(|w| w == "▶")?;
    words
        .get(at + 1)?
        .split(':')
        .try_fold(0, |acc, part| Some(acc * 60 + part.parse::<u64>().ok()?))
}

/// Whether the presenter's status bar counts `n` audience windows.
pub fn counts_audience(screen: &vt100::Screen, n: usize) -> bool {
    let words = status_words(screen);
    let count = n.to_string();
    words
        .windows(2)
        .any(|w| w[0] == count && w[1].starts_with("audience"))
}

/// Whether nothing at all is written on the screen.
pub fn is_blank(screen: &vt100::Screen) -> bool {
    screen.contents().trim().is_empty()
}

/// Whether `text` appears anywhere on screen.
pub fn shows(screen: &vt100::Screen, text: &str) -> bool {
    screen.contents().contains(text)
}

/// Every on-screen word, joined by single spaces: text the app wrapped reads as one line.
pub fn words(screen: &vt100::Screen) -> String {
    screen
        .contents()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// How many rows hold big-text glyphs (tui-big-text draws with quadrant and half blocks).
pub fn big_text_rows(screen: &vt100::Screen) -> usize {
    let (_, cols) = screen.size();
    screen
        .rows(0, cols.get())
        .filter(|r| {
            r.chars()
                .filter(|c| ('\u{2580}'..='\u{259f}').contains(c))
                .count()
                >= 8
        })
        .count()
}

/// A `tribune` process in a pty.
pub struct Session {
    shared: Shared,
    pub master: Box<dyn MasterPty + Send>,
    writer: Option<Box<dyn Write + Send>>,
    pub pid: u32,
    exit: Receiver<std::io::Result<ExitStatus>>,
    /// Set once the exit status has been received.
    status: Option<ExitStatus>,
    reader: Option<JoinHandle<()>>,
    /// HOME, the state and the runtime directory of this session, unless a test gives its own:
    /// tests never touch the user's files nor meet each other's sockets.
    _sandbox: tempfile::TempDir,
}

/// A finished session: how the process ended and everything it wrote.
pub struct Finished {
    pub status: ExitStatus,
    pub raw: String,
    pub screen: vt100::Screen,
    /// The pty's local modes after exit, as `Debug` prints them (raw mode clears ICANON, ECHO).
    local_flags: Option<String>,
}

impl Session {
    /// Starts `tribune ARGS` at 120x40 in the package root, with `TERM=xterm-256color`.
    pub fn start(args: &[&str]) -> Self {
        Self::start_with_env(args, &[])
    }

    /// As `start`, with more environment variables (a state directory for rehearsals).
    pub fn start_with_env(args: &[&str], env: &[(&str, &Path)]) -> Self {
        Self::start_program(env!("CARGO_BIN_EXE_tribune"), args, env)
    }

    /// As `start_with_env`, for any program (a shell that then starts tribune).
    pub fn start_program(program: &str, args: &[&str], env: &[(&str, &Path)]) -> Self {
        let (cols, rows) = (120, 40);
        let pair = native_pty_system()
            .openpty(pty_size(cols, rows))
            .expect("a pty opens");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        let sandbox = tempfile::tempdir().expect("a temporary directory");
        let runtime = private_dir(&sandbox.path().join("run"));
        cmd.env("HOME", sandbox.path());
        cmd.env("XDG_STATE_HOME", sandbox.path().join("state"));
        cmd.env("XDG_RUNTIME_DIR", runtime);
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("tribune starts");
        // Only the child may hold the slave side, or the reader never sees EOF.
        drop(pair.slave);
        let pid = child.process_id().expect("a unix child has a pid");
        let (tx, exit) = mpsc::channel();
        let mut child = child;
        thread::spawn(move || {
            let _ = tx.send(child.wait());
        });
        let shared: Shared = Arc::new((
            Mutex::new(Output {
                parser: vt100::Parser::new(nonzero(rows), nonzero(cols), 0),
                raw: Vec::new(),
                frames: Vec::new(),
                eof: false,
                stop: false,
                resized_at: None,
            }),
            Condvar::new(),
        ));
        let reader = pair.master.try_clone_reader().expect("pty reader");
        let pumped = Arc::clone(&shared);
        let reader = thread::spawn(move || pump(reader, &pumped));
        let writer = pair.master.take_writer().expect("pty writer");
        Self {
            shared,
            master: pair.master,
            writer: Some(writer),
            pid,
            exit,
            status: None,
            reader: Some(reader),
            _sandbox: sandbox,
        }
    }

    /// Waits until `cond` holds on a completely drawn screen and returns that screen; after
    /// the deadline (or if the program closes the terminal first) fails with the screen.
    pub fn wait_for(&self, what: &str, cond: impl Fn(&vt100::Screen) -> bool) -> vt100::Screen {
        let deadline = deadline();
        let mut out = lock(&self.shared);
        loop {
            if let Some(at) = out.resized_at
                && out.raw[at..]
                    .windows(CLEAR_ALL.len())
                    .any(|w| w == CLEAR_ALL)
            {
                out.resized_at = None;
            }
            if out.resized_at.is_none() && out.raw.ends_with(FRAME_END) && cond(out.parser.screen())
            {
                return out.parser.screen().clone();
            }
            let now = Instant::now();
            if now >= deadline || out.eof {
                let why = if out.eof {
                    "the program closed the terminal"
                } else {
                    "timed out"
                };
                let screen = dump(out.parser.screen());
                drop(out);
                panic!("waiting for {what}: {why}; the screen:\n{screen}");
            }
            out = self
                .shared
                .1
                .wait_timeout(out, deadline - now)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// As `wait_for`, but tried after any output, not only at the end of a frame: for what a
    /// shell prints.
    pub fn wait_for_any_output(&self, what: &str, cond: impl Fn(&vt100::Screen) -> bool) {
        let deadline = deadline();
        let mut out = lock(&self.shared);
        while !cond(out.parser.screen()) {
            let now = Instant::now();
            if now >= deadline || out.eof {
                let screen = dump(out.parser.screen());
                drop(out);
                panic!("waiting for {what}: timed out or closed; the screen:\n{screen}");
            }
            out = self
                .shared
                .1
                .wait_timeout(out, deadline - now)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// How many complete frames have been drawn so far: a mark for `frames_since`.
    pub fn frame_mark(&self) -> usize {
        lock(&self.shared).frames.len()
    }

    /// The text of every frame drawn since `mark`.
    pub fn frames_since(&self, mark: usize) -> Vec<String> {
        lock(&self.shared).frames[mark..].to_vec()
    }

    /// Closes the terminal as a closed window does: every descriptor of the pty's master side
    /// goes, so the program's terminal hangs up. Returns how the program ended; fails if it is
    /// still running after the deadline.
    pub fn hang_up(mut self) -> ExitStatus {
        // The reader thread holds a copy of the master side: ask it to stop, and make the
        // program draw (a resize always does) so that its blocked read returns.
        lock(&self.shared).stop = true;
        let (cols, rows) = lock(&self.shared).parser.screen().size();
        self.master
            .resize(pty_size(cols.get() - 1, rows.get()))
            .expect("resizing the pty");
        let end = deadline();
        {
            let mut out = lock(&self.shared);
            while !out.eof {
                let now = Instant::now();
                assert!(now < end, "the reader thread did not stop");
                out = self
                    .shared
                    .1
                    .wait_timeout(out, end - now)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0;
            }
        }
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the reader thread ends");
        }
        drop(self.writer.take());
        // Replacing the master drops the last descriptor of the real one.
        let spare = native_pty_system()
            .openpty(pty_size(10, 10))
            .expect("a pty opens");
        drop(std::mem::replace(&mut self.master, spare.master));
        let status = self
            .exit
            .recv_timeout(timeout())
            .expect("tribune ends once its terminal hangs up")
            .expect("waiting for tribune");
        self.status = Some(status.clone());
        status
    }

    /// A copy of the screen now.
    pub fn screen(&self) -> vt100::Screen {
        lock(&self.shared).parser.screen().clone()
    }

    /// Writes bytes as if typed.
    pub fn send(&mut self, bytes: &[u8]) {
        let w = self.writer.as_mut().expect("the writer is open");
        w.write_all(bytes).expect("writing to the pty");
        w.flush().expect("flushing the pty");
    }

    /// Resizes the terminal: the parser first, so that nothing drawn for the new size is
    /// parsed at the old one; then the pty, which sends the app SIGWINCH. Until the app's
    /// redraw arrives, the screen holds the old frame cut to the new size, so `wait_for`
    /// ignores everything before that redraw.
    pub fn resize(&self, cols: u16, rows: u16) {
        {
            let mut out = lock(&self.shared);
            out.parser
                .screen_mut()
                .set_size(nonzero(rows), nonzero(cols));
            out.resized_at = Some(out.raw.len());
        }
        self.master
            .resize(pty_size(cols, rows))
            .expect("resizing the pty");
    }

    /// The CPU time the process has used so far, in clock ticks (user plus system, from
    /// `/proc/PID/stat`); `None` where there is no `/proc`.
    pub fn cpu_ticks(&self) -> Option<u64> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid)).ok()?;
        // The command name, in parentheses, may hold spaces: count fields after it. utime and
        // stime are fields 14 and 15; the state, field 3, comes first after the name.
        let fields: Vec<&str> = stat
            .get(stat.rfind(')')? + 1..)?
            .split_whitespace()
            .collect();
        let ticks = |n: usize| fields.get(n - 3)?.parse::<u64>().ok();
        Some(ticks(14)? + ticks(15)?)
    }

    /// Sends a signal with kill(1).
    pub fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.pid.to_string())
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -{name} {} failed", self.pid);
    }

    /// Fails if the process has exited: keys it should ignore must not end it.
    pub fn assert_running(&mut self) {
        if self.status.is_none() {
            match self.exit.try_recv() {
                Ok(status) => self.status = Some(status.expect("waiting for tribune")),
                Err(mpsc::TryRecvError::Empty) => return,
                Err(mpsc::TryRecvError::Disconnected) => panic!("the waiter thread died"),
            }
        }
        let screen = dump(&self.screen());
        panic!(
            "tribune exited with {:?} while it should still run; the screen:\n{screen}",
            self.status
        );
    }

    /// Fails unless the pty is in raw mode now (no line editing, no echo).
    pub fn assert_raw_mode(&self) {
        let flags = self.local_flags().expect("the pty's modes can be read");
        assert!(
            !has_flag(&flags, "ICANON") && !has_flag(&flags, "ECHO"),
            "the app is running but the pty is not in raw mode: {flags}"
        );
    }

    /// The pty's local modes, as `Debug` prints them: `LocalFlags(ECHO | ICANON | …)`.
    pub fn local_flags(&self) -> Option<String> {
        self.master
            .get_termios()
            .map(|t| format!("{:?}", t.local_flags))
    }

    /// Waits for the process to exit, then for the pty to drain, and returns what happened.
    pub fn finish(mut self) -> Finished {
        let status = match self.status.take() {
            Some(status) => status,
            None => match self.exit.recv_timeout(timeout()) {
                Ok(status) => status.expect("waiting for tribune"),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                    let screen = dump(&self.screen());
                    panic!("tribune did not exit in time; the screen:\n{screen}");
                }
            },
        };
        self.status = Some(status.clone());
        // Dropping the writer after the exit: before it, its parting newline and EOF would be
        // read as keys.
        drop(self.writer.take());
        {
            let mut out = lock(&self.shared);
            let end = deadline();
            while !out.eof {
                let now = Instant::now();
                assert!(now < end, "the pty never reached EOF after exit");
                out = self
                    .shared
                    .1
                    .wait_timeout(out, end - now)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0;
            }
        }
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the reader thread ends");
        }
        let local_flags = self.local_flags();
        let out = lock(&self.shared);
        Finished {
            status,
            raw: String::from_utf8_lossy(&out.raw).into_owned(),
            screen: out.parser.screen().clone(),
            local_flags,
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // A failed test must not leave a presenter running.
        if self.status.is_none() && matches!(self.exit.try_recv(), Err(mpsc::TryRecvError::Empty)) {
            let _ = Command::new("kill")
                .arg("-KILL")
                .arg(self.pid.to_string())
                .status();
        }
    }
}

impl Finished {
    /// Asserts exit status 0.
    pub fn assert_success(&self) -> &Self {
        self.assert_status(0)
    }

    /// Asserts the exit status `code` (not a death by signal).
    pub fn assert_status(&self, code: u32) -> &Self {
        assert!(
            self.status.exit_code() == code && self.status.signal().is_none(),
            "expected exit status {code}, got {:?}; the screen:\n{}",
            self.status,
            dump(&self.screen)
        );
        self
    }

    /// Asserts the terminal was put back: after the last switch to the alternate screen, the
    /// stream leaves it, shows the cursor and turns mouse capture off; nothing but escape
    /// sequences follows; the parser is back on the main screen; raw mode is off.
    pub fn assert_restored(&self) -> &Self {
        self.assert_restored_then(&[])
    }

    /// The non-blank lines written after the alternate screen was last left, escapes removed.
    pub fn said_after_restore(&self) -> Vec<String> {
        let left = self.raw.rfind(LEAVE_ALT).map_or(0, |i| i + LEAVE_ALT.len());
        strip_escapes(&self.raw[left..])
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// As `assert_restored`, except that once the screen is restored the program may write
    /// exactly these lines (on stderr), each given by how it begins.
    pub fn assert_restored_then(&self, said: &[&str]) -> &Self {
        let entered = self
            .raw
            .rfind(ENTER_ALT)
            .expect("the app entered the alternate screen");
        let tail = &self.raw[entered..];
        let shown = format!("…{:?}", last_chars(tail, 200));
        assert!(
            tail.contains(LEAVE_ALT),
            "the alternate screen was not left; output after the last {ENTER_ALT:?}: {shown}"
        );
        let left = entered + tail.rfind(LEAVE_ALT).expect("checked above");
        for seq in [SHOW_CURSOR].iter().chain(&MOUSE_OFF) {
            assert!(
                tail.contains(seq),
                "{seq:?} missing after the last {ENTER_ALT:?}: {shown}"
            );
        }
        let after = &self.raw[left..];
        assert!(
            after.contains(SHOW_CURSOR),
            "the cursor is not shown after the alternate screen is left: {after:?}"
        );
        let lines = self.said_after_restore();
        assert!(
            lines.len() == said.len() && lines.iter().zip(said).all(|(l, s)| l.starts_with(s)),
            "after leaving the alternate screen, expected lines beginning {said:?}, got: {after:?}"
        );
        assert!(
            !self.screen.alternate_screen(),
            "vt100 is still on the alternate screen"
        );
        assert!(
            !self.screen.hide_cursor(),
            "vt100 still has the cursor hidden"
        );
        assert_eq!(
            self.screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting is still on"
        );
        if let Some(flags) = &self.local_flags {
            assert!(
                has_flag(flags, "ICANON") && has_flag(flags, "ECHO"),
                "the pty is still in raw mode: {flags}"
            );
        }
        self
    }
}

/// The last `n` characters of `s`.
pub fn last_chars(s: &str, n: usize) -> &str {
    let start = s.char_indices().rev().nth(n).map_or(0, |(i, _)| i);
    &s[start..]
}

/// Whether a `Debug`-printed flag set names `flag` (`ECHO` is not `ECHOE`).
pub fn has_flag(flags: &str, flag: &str) -> bool {
    flags
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|f| f == flag)
}

/// `s` without CSI sequences (ESC [ params final), for "no text after restore".
fn strip_escapes(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' && chars.peek() == Some(&'[') {
            chars.next();
            for c in chars.by_ref() {
                if ('\x40'..='\x7e').contains(&c) {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Starts the bundled lecture and waits for its first screen, drawn in raw mode.
pub fn start_lecture(args: &[&str]) -> Session {
    let s = Session::start(args);
    s.wait_for("the first drawn screen", |sc| {
        status_row(sc).contains(&format!("/{SLIDES} "))
    });
    s.assert_raw_mode();
    s
}

/// `tribune ARGS` (a rehearsal or the presenter) with its state in `home`, after its first
/// screen.
pub fn start_with_state(home: &Path, args: &[&str]) -> Session {
    let state = home.join("state");
    let s = Session::start_with_env(args, &[("XDG_STATE_HOME", &state), ("HOME", home)]);
    s.wait_for("the first drawn screen", |sc| {
        status_row(sc).contains(&format!("/{SLIDES} "))
    });
    s.assert_raw_mode();
    s
}

/// `tribune rehearse ARGS` with its state in `home`, once the PACE line is up.
pub fn start_rehearsal(home: &Path, args: &[&str]) -> Session {
    let args: Vec<&str> = std::iter::once("rehearse")
        .chain(args.iter().copied())
        .collect();
    let s = start_with_state(home, &args);
    s.wait_for("the PACE line in the notes pane", |sc| {
        shows(sc, "NOTES") && shows(sc, "PACE")
    });
    s
}

// Presenting in class: `tribune audience` in one pty follows `tribune` in another. Both share a
// HOME, a state directory and a runtime directory (where the socket lives) under `home`.

/// The environment a presenter and its audience windows share.
pub fn class_env(home: &Path) -> Vec<(&'static str, PathBuf)> {
    vec![
        ("HOME", home.to_owned()),
        ("XDG_STATE_HOME", home.join("state")),
        ("XDG_RUNTIME_DIR", private_dir(&home.join("run"))),
    ]
}

/// `tribune ARGS` with the class environment of `home`, as soon as it starts.
pub fn start_in_class(home: &Path, args: &[&str]) -> Session {
    let env = class_env(home);
    let env: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
    Session::start_with_env(args, &env)
}

/// `tribune audience` in `home`, once it shows it is waiting for a presenter (`lost`: the
/// screen that says the presenter has gone).
pub fn start_audience(home: &Path) -> Session {
    let s = start_in_class(home, &["audience"]);
    s.wait_for("the audience window waiting for its presenter", |sc| {
        words(sc).contains("waiting for the presenter")
    });
    s.assert_raw_mode();
    s
}

/// The presenter in `home`, after its first screen.
pub fn start_presenter(home: &Path, args: &[&str]) -> Session {
    let s = start_in_class(home, args);
    s.wait_for("the presenter's first screen", |sc| {
        status_row(sc).contains(&format!("/{SLIDES} "))
    });
    s
}

/// Waits until the status bar's clock reads at least `secs`.
pub fn wait_for_clock(s: &Session, secs: u64) {
    s.wait_for(&format!("the clock at {secs} s or more"), |sc| {
        elapsed_secs(sc).is_some_and(|t| t >= secs)
    });
}

/// Waits until `cond` holds of something outside the terminal (a file another process writes),
/// checking every few milliseconds, and fails after the deadline.
pub fn wait_until(what: &str, cond: impl Fn() -> bool) {
    let end = Instant::now() + timeout();
    while !cond() {
        assert!(Instant::now() < end, "timed out waiting for {what}");
        thread::sleep(Duration::from_millis(5));
    }
}
