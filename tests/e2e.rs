//! End-to-end tests: the real `tribune` binary in a pseudo-terminal (portable-pty), its output fed
//! to a `vt100` parser, keys written to the pty as a terminal would send them.
//!
//! Synchronisation is by condition, never by sleeping: a background thread reads the pty into
//! the parser and wakes waiters through a `Condvar`; `wait_for` blocks until the parsed screen
//! satisfies a predicate or a deadline passes (5 s, 20 s with `CI` set), then fails with the
//! screen printed. Predicates are only tried at frame boundaries, and after a resize only once
//! the app's redraw for the new size has arrived, so a half-drawn or stale frame cannot pass.
//! Keys that the app could misread when they arrive glued to the next one (a lone Esc followed
//! by more bytes parses as one Alt-key) are only followed by more input once their effect is on
//! screen. Child processes are killed if a test fails half-way.
//!
//! Every session ends by checking the process exit status and the raw byte stream: after the
//! last "enter alternate screen" the app must leave it, show the cursor and turn mouse capture
//! off, and the pty must be back out of raw mode (STYLE.md §4).

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use rstest::rstest;

/// Slides in the bundled lecture.
const SLIDES: usize = 84;

const ENTER_ALT: &str = "\x1b[?1049h";
const LEAVE_ALT: &str = "\x1b[?1049l";
const SHOW_CURSOR: &str = "\x1b[?25h";
/// crossterm 0.29's `DisableMouseCapture` turns off, in this order: SGR encoding, urxvt
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

const RIGHT: &[u8] = b"\x1b[C";
const PAGE_UP: &[u8] = b"\x1b[5~";
const PAGE_DOWN: &[u8] = b"\x1b[6~";
const F5: &[u8] = b"\x1b[15~";
const ESC: &[u8] = b"\x1b";
const ENTER: &[u8] = b"\r";
const TAB: &[u8] = b"\t";
const CTRL_C: &[u8] = b"\x03";
const CTRL_Z: &[u8] = b"\x1a";

/// How long any one wait may take.
fn timeout() -> Duration {
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
fn dump(screen: &vt100::Screen) -> String {
    let (_, cols) = screen.size();
    let rows: Vec<String> = screen.rows(0, cols.get()).collect();
    let rule = "-".repeat(usize::from(cols.get()));
    format!("+{rule}+\n|{}|\n+{rule}+", rows.join("|\n|"))
}

/// The bottom row, where the status bar lives.
fn status_row(screen: &vt100::Screen) -> String {
    let (_, cols) = screen.size();
    screen.rows(0, cols.get()).last().unwrap_or_default()
}

/// The status bar's words: ` Part I · 5/84 (1/3) · 4 March 1953` gives `Part`, `I`, `5/84`,
/// `(1/3)`, `4`, `March`, `1953`. On narrow screens the bar drops words, not their spelling.
fn status_words(screen: &vt100::Screen) -> Vec<String> {
    status_row(screen)
        .split(|c: char| c.is_whitespace() || c == '·')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether the status bar says we are on slide `n` of the bundled lecture.
fn on_slide(screen: &vt100::Screen, n: usize) -> bool {
    let at = format!("{n}/{SLIDES}");
    status_words(screen).contains(&at)
}

/// Whether the status bar says we are on slide `n` at reveal step `step` of `steps`.
fn on_step(screen: &vt100::Screen, n: usize, step: usize, steps: usize) -> bool {
    let at = [format!("{n}/{SLIDES}"), format!("({step}/{steps})")];
    status_words(screen).windows(2).any(|w| w == at)
}

/// Whether `text` appears anywhere on screen.
fn shows(screen: &vt100::Screen, text: &str) -> bool {
    screen.contents().contains(text)
}

/// Every on-screen word, joined by single spaces: text the app wrapped reads as one line.
fn words(screen: &vt100::Screen) -> String {
    screen
        .contents()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// How many rows hold big-text glyphs (tui-big-text draws with quadrant and half blocks).
fn big_text_rows(screen: &vt100::Screen) -> usize {
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
struct Session {
    shared: Shared,
    master: Box<dyn MasterPty + Send>,
    writer: Option<Box<dyn Write + Send>>,
    pid: u32,
    exit: Receiver<std::io::Result<ExitStatus>>,
    /// Set once the exit status has been received.
    status: Option<ExitStatus>,
    reader: Option<JoinHandle<()>>,
    /// HOME, the state and the runtime directory of this session, unless a test gives its own:
    /// tests never touch the user's files nor meet each other's sockets.
    _sandbox: tempfile::TempDir,
}

/// A finished session: how the process ended and everything it wrote.
struct Finished {
    status: ExitStatus,
    raw: String,
    screen: vt100::Screen,
    /// The pty's local modes after exit, as `Debug` prints them (raw mode clears ICANON, ECHO).
    local_flags: Option<String>,
}

impl Session {
    /// Starts `tribune ARGS` at 120x40 in the package root, with `TERM=xterm-256color`.
    fn start(args: &[&str]) -> Self {
        Self::start_with_env(args, &[])
    }

    /// As `start`, with more environment variables (a state directory for rehearsals).
    fn start_with_env(args: &[&str], env: &[(&str, &Path)]) -> Self {
        Self::start_program(env!("CARGO_BIN_EXE_tribune"), args, env)
    }

    /// As `start_with_env`, for any program (a shell that then starts tribune).
    fn start_program(program: &str, args: &[&str], env: &[(&str, &Path)]) -> Self {
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
    fn wait_for(&self, what: &str, cond: impl Fn(&vt100::Screen) -> bool) -> vt100::Screen {
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
    fn wait_for_any_output(&self, what: &str, cond: impl Fn(&vt100::Screen) -> bool) {
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
    fn frame_mark(&self) -> usize {
        lock(&self.shared).frames.len()
    }

    /// The text of every frame drawn since `mark`.
    fn frames_since(&self, mark: usize) -> Vec<String> {
        lock(&self.shared).frames[mark..].to_vec()
    }

    /// Closes the terminal as a closed window does: every descriptor of the pty's master side
    /// goes, so the program's terminal hangs up. Returns how the program ended; fails if it is
    /// still running after the deadline.
    fn hang_up(mut self) -> ExitStatus {
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
    fn screen(&self) -> vt100::Screen {
        lock(&self.shared).parser.screen().clone()
    }

    /// Writes bytes as if typed.
    fn send(&mut self, bytes: &[u8]) {
        let w = self.writer.as_mut().expect("the writer is open");
        w.write_all(bytes).expect("writing to the pty");
        w.flush().expect("flushing the pty");
    }

    /// Resizes the terminal: the parser first, so that nothing drawn for the new size is
    /// parsed at the old one; then the pty, which sends the app SIGWINCH. Until the app's
    /// redraw arrives, the screen holds the old frame cut to the new size, so `wait_for`
    /// ignores everything before that redraw.
    fn resize(&self, cols: u16, rows: u16) {
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

    /// Sends a signal with kill(1).
    fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.pid.to_string())
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -{name} {} failed", self.pid);
    }

    /// Fails if the process has exited: keys it should ignore must not end it.
    fn assert_running(&mut self) {
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
    fn assert_raw_mode(&self) {
        let flags = self.local_flags().expect("the pty's modes can be read");
        assert!(
            !has_flag(&flags, "ICANON") && !has_flag(&flags, "ECHO"),
            "the app is running but the pty is not in raw mode: {flags}"
        );
    }

    /// The pty's local modes, as `Debug` prints them: `LocalFlags(ECHO | ICANON | …)`.
    fn local_flags(&self) -> Option<String> {
        self.master
            .get_termios()
            .map(|t| format!("{:?}", t.local_flags))
    }

    /// Waits for the process to exit, then for the pty to drain, and returns what happened.
    fn finish(mut self) -> Finished {
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
    fn assert_success(&self) -> &Self {
        self.assert_status(0)
    }

    /// Asserts the exit status `code` (not a death by signal).
    fn assert_status(&self, code: u32) -> &Self {
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
    fn assert_restored(&self) -> &Self {
        self.assert_restored_then(&[])
    }

    /// The non-blank lines written after the alternate screen was last left, escapes removed.
    fn said_after_restore(&self) -> Vec<String> {
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
    fn assert_restored_then(&self, said: &[&str]) -> &Self {
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

/// Creates `dir` (mode 0700, as a runtime directory is) if needed and returns it.
fn private_dir(dir: &Path) -> PathBuf {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .expect("creating a private directory");
    dir.to_owned()
}

/// The last `n` characters of `s`.
fn last_chars(s: &str, n: usize) -> &str {
    let start = s.char_indices().rev().nth(n).map_or(0, |(i, _)| i);
    &s[start..]
}

/// Whether a `Debug`-printed flag set names `flag` (`ECHO` is not `ECHOE`).
fn has_flag(flags: &str, flag: &str) -> bool {
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
fn start_lecture(args: &[&str]) -> Session {
    let s = Session::start(args);
    s.wait_for("the first drawn screen", |sc| {
        status_row(sc).contains(&format!("/{SLIDES} "))
    });
    s.assert_raw_mode();
    s
}

#[test]
fn walk_through_the_lecture_with_keys_then_quit() {
    let mut s = start_lecture(&[]);
    // The title is drawn in big block letters, which are not text; the timeline's entry for
    // the current slide (◉) names it. Its tail may be cut to the sidebar's width.
    s.wait_for("slide 1 with the lecture title", |sc| {
        on_slide(sc, 1)
            && big_text_rows(sc) >= 4
            && sc
                .contents()
                .lines()
                .any(|l| l.contains('◉') && l.contains("The two deaths of St"))
    });

    s.send(RIGHT);
    s.wait_for("slide 2 after Right", |sc| on_slide(sc, 2));

    s.send(b"5");
    s.wait_for("the typed digit in the status bar", |sc| {
        status_row(sc).contains("go to slide 5")
    });
    s.send(ENTER);
    s.wait_for("slide 5, 4 March 1953", |sc| {
        on_slide(sc, 5) && shows(sc, "4 March 1953")
    });

    s.send(TAB);
    s.wait_for("Part II opening on slide 42", |sc| {
        on_slide(sc, 42) && status_row(sc).contains("Part II ")
    });

    s.send(b"d");
    s.wait_for("the date prompt", |sc| shows(sc, "Go to date"));
    s.send(b"25 Feb 1956");
    s.wait_for("the preview landing on slide 46", |sc| {
        // Inside the prompt's box: `│ → 46  25 February 1956  …`.
        sc.contents().lines().any(|l| l.contains("│ → 46  "))
    });
    s.send(ENTER);
    s.wait_for("slide 46, 25 February 1956, after the date jump", |sc| {
        on_slide(sc, 46) && !shows(sc, "Go to date") && shows(sc, "25 February 1956")
    });

    s.send(b"`");
    s.wait_for("back on slide 42 after backtick", |sc| on_slide(sc, 42));

    s.send(b"q");
    s.finish().assert_success().assert_restored();
}

#[test]
fn clicker_keys_page_blank_and_harmless_keys() {
    let mut s = start_lecture(&[]);
    // Slide 2 has one pause: PgDn reveals its second step before moving on.
    s.send(PAGE_DOWN);
    let screen = s.wait_for("slide 2, first step", |sc| on_step(sc, 2, 1, 2));
    assert!(!shows(&screen, "A merciless power struggle"));
    s.send(PAGE_DOWN);
    s.wait_for("slide 2, second step revealed", |sc| {
        on_step(sc, 2, 2, 2) && shows(sc, "A merciless power struggle")
    });
    s.send(PAGE_DOWN);
    s.wait_for("slide 3 after PgDn", |sc| on_slide(sc, 3));
    s.send(PAGE_UP);
    s.wait_for("slide 2 fully revealed after PgUp", |sc| {
        on_step(sc, 2, 2, 2) && shows(sc, "A merciless power struggle")
    });
    s.send(PAGE_UP);
    s.wait_for("slide 2 back at its first step", |sc| {
        on_step(sc, 2, 1, 2) && !shows(sc, "A merciless power struggle")
    });

    // `b` blanks everything, status bar included; any key brings the same slide back.
    s.send(b"b");
    s.wait_for("a blank screen after b", is_blank);
    s.send(b"x");
    s.wait_for("slide 2 back after a key", |sc| {
        on_step(sc, 2, 1, 2) && shows(sc, "What happened between")
    });
    // `.` blanks too, and even `q` only unblanks.
    s.send(b".");
    s.wait_for("a blank screen after .", is_blank);
    s.send(b"q");
    s.wait_for("slide 2 back after q on the blank screen", |sc| {
        on_step(sc, 2, 1, 2) && shows(sc, "What happened between")
    });
    s.assert_running();

    // Esc closes and clears but never quits. A lone Esc must be read before the next byte
    // arrives, or the two would parse as one Alt-key, so each Esc waits for its effect.
    s.send(b"?");
    s.wait_for("the key help", |sc| shows(sc, "Esc or ? closes"));
    s.send(ESC);
    s.wait_for("the help closed by Esc", |sc| {
        !shows(sc, "Esc or ? closes") && on_step(sc, 2, 1, 2)
    });
    s.send(b"7");
    s.wait_for("typed digits", |sc| {
        status_row(sc).contains("go to slide 7")
    });
    s.send(ESC);
    s.wait_for("digits cleared by Esc", |sc| {
        !status_row(sc).contains("go to slide") && on_step(sc, 2, 1, 2)
    });
    s.send(b"d");
    s.wait_for("the date prompt", |sc| shows(sc, "Go to date"));
    s.send(ESC);
    s.wait_for("the date prompt closed by Esc", |sc| {
        !shows(sc, "Go to date") && on_step(sc, 2, 1, 2)
    });
    s.assert_running();

    // F5 (a clicker's "start the show") does nothing; `n` after it proves both were read.
    s.send(F5);
    s.send(b"n");
    let screen = s.wait_for("the notes pane after F5 then n", |sc| shows(sc, "NOTES"));
    assert!(
        on_step(&screen, 2, 1, 2) && !shows(&screen, "Esc or ? closes"),
        "F5 changed something:\n{}",
        dump(&screen)
    );
    s.send(RIGHT);
    s.wait_for("slide 2's second step after Esc and F5", |sc| {
        on_step(sc, 2, 2, 2)
    });
    s.assert_running();

    s.send(b"q");
    s.finish().assert_success().assert_restored();
}

#[rstest]
#[case::sigterm("TERM")]
#[case::sighup("HUP")]
#[case::sigint("INT")]
fn a_signal_quits_cleanly(#[case] signal: &str) {
    let mut s = start_lecture(&[]);
    s.send(RIGHT);
    s.wait_for("slide 2", |sc| on_slide(sc, 2));
    s.signal(signal);
    s.finish()
        .assert_status(status_after(signal))
        .assert_restored();
}

/// The exit status after a signal: a hang-up is reported as 128 + SIGHUP, as a shell would;
/// SIGTERM and SIGINT are a normal end.
fn status_after(signal: &str) -> u32 {
    if signal == "HUP" { 129 } else { 0 }
}

#[test]
fn ctrl_c_quits_cleanly() {
    let mut s = start_lecture(&[]);
    s.send(CTRL_C);
    s.finish().assert_success().assert_restored();
}

#[test]
fn resizing_lays_the_screen_out_again() {
    let mut s = start_lecture(&[]);
    s.resize(80, 24);
    s.wait_for("the 80x24 layout: big title, status bar on row 24", |sc| {
        let rows: Vec<String> = sc.rows(0, 80).collect();
        rows.len() == 24
            && on_slide(sc, 1)
            && big_text_rows(sc) >= 4
            && rows[..23].iter().all(|r| !r.contains("/84"))
    });
    // Too small for big letters: the title becomes a plain line.
    s.resize(30, 8);
    s.wait_for("the 30x8 layout: the title as text", |sc| {
        sc.rows(0, 30).count() == 8
            && on_slide(sc, 1)
            && shows(sc, "The two deaths of Stalin")
            && big_text_rows(sc) == 0
    });
    s.resize(19, 5);
    s.wait_for("the too-small message at 19x5", |sc| {
        words(sc) == "terminal too small: need 20x6"
    });
    s.resize(20, 6);
    s.wait_for(
        "the smallest layout at 20x6: some slide, the position",
        |sc| {
            let rows: Vec<String> = sc.rows(0, 20).collect();
            rows.len() == 6
                && on_slide(sc, 1)
                && rows[..5].iter().any(|r| !r.trim().is_empty())
                && !shows(sc, "small")
        },
    );
    s.resize(120, 40);
    s.wait_for("the full layout again at 120x40", |sc| {
        on_slide(sc, 1) && big_text_rows(sc) >= 4
    });
    s.assert_running();
    s.send(b"q");
    s.finish().assert_success().assert_restored();
}

#[rstest]
#[case::impossible_date(
    &["tests/fixtures/invalid/impossible-date.ron"],
    &[
        "tests/fixtures/invalid/impossible-date.ron:23:28: error: February 1953 has only 28 days, \
         so day 30 does not exist",
        "23 | date: \"1953-02-30\",",
        "| ^^^^^^^^^^",
    ],
)]
#[case::slide_out_of_range(&["--slide", "85"], &["--slide 85: slides run from 1 to 84"])]
fn a_bad_start_fails_before_touching_the_screen(#[case] args: &[&str], #[case] says: &[&str]) {
    let s = Session::start(args);
    let done = s.finish();
    assert_eq!(
        (done.status.exit_code(), done.status.signal()),
        (1, None),
        "the screen:\n{}",
        dump(&done.screen)
    );
    let text = words(&done.screen);
    for line in says {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            text.contains(&line),
            "missing {line:?}; the screen:\n{}",
            dump(&done.screen)
        );
    }
    assert!(
        !done.raw.contains(ENTER_ALT),
        "the alternate screen was entered: …{:?}",
        last_chars(&done.raw, 300)
    );
    assert!(!done.screen.alternate_screen());
}

#[test]
fn start_on_a_slide_with_notes() {
    let mut s = start_lecture(&["--slide", "30", "--notes"]);
    s.wait_for("slide 30 with the notes pane", |sc| {
        on_slide(sc, 30) && shows(sc, "NOTES") && shows(sc, "Doctors' Plot")
    });
    s.send(b"q");
    s.finish().assert_success().assert_restored();
}

#[test]
fn start_at_a_date() {
    let mut s = start_lecture(&["--date", "June 1953"]);
    let screen = s.wait_for("slide 39, 26 June 1953", |sc| {
        on_slide(sc, 39) && shows(sc, "26 June 1953")
    });
    assert!(!shows(&screen, "NOTES"), "notes are off unless asked for");
    s.send(b"q");
    s.finish().assert_success().assert_restored();
}

// Rehearsals: `tribune rehearse` with a state directory of its own (XDG_STATE_HOME and HOME
// both in a temporary directory), the record it leaves on disk, and the presenter reading it.

/// Where the binary keeps the bundled lecture's rehearsals under the state home `home`.
fn rehearsals_of_the_lecture(home: &Path) -> PathBuf {
    tribune::timing::record::rehearsal_dir(
        &home.join("state").join("tribune"),
        &tribune::timing::record::deck_key(None),
    )
}

/// Everything in `dir` (dot files included), sorted; nothing if it does not exist.
fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .map(|e| e.expect("a readable directory entry").path())
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => panic!("reading {}: {e}", dir.display()),
    };
    files.sort();
    files
}

fn read_record(path: &Path) -> tribune::timing::record::Record {
    let bytes = std::fs::read(path).expect("the record can be read");
    serde_json::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("{} is not a record: {e}", path.display()))
}

/// `tribune ARGS` (a rehearsal or the presenter) with its state in `home`, after its first
/// screen.
fn start_with_state(home: &Path, args: &[&str]) -> Session {
    let state = home.join("state");
    let s = Session::start_with_env(args, &[("XDG_STATE_HOME", &state), ("HOME", home)]);
    s.wait_for("the first drawn screen", |sc| {
        status_row(sc).contains(&format!("/{SLIDES} "))
    });
    s.assert_raw_mode();
    s
}

/// `tribune rehearse ARGS` with its state in `home`, once the PACE line is up.
fn start_rehearsal(home: &Path, args: &[&str]) -> Session {
    let args: Vec<&str> = std::iter::once("rehearse")
        .chain(args.iter().copied())
        .collect();
    let s = start_with_state(home, &args);
    s.wait_for("the PACE line in the notes pane", |sc| {
        shows(sc, "NOTES") && shows(sc, "PACE")
    });
    s
}

/// The talk's elapsed time in the status bar (`▶ 0:00:07`), in seconds; none before the
/// first advance (`▶ –:––:––`).
fn elapsed_secs(screen: &vt100::Screen) -> Option<u64> {
    let words = status_words(screen);
    let at = words.iter().position(|w| w == "▶")?;
    words
        .get(at + 1)?
        .split(':')
        .try_fold(0, |acc, part| Some(acc * 60 + part.parse::<u64>().ok()?))
}

/// Waits until the status bar's clock reads at least `secs`.
fn wait_for_clock(s: &Session, secs: u64) {
    s.wait_for(&format!("the clock at {secs} s or more"), |sc| {
        elapsed_secs(sc).is_some_and(|t| t >= secs)
    });
}

/// The walk every rehearsal test starts with: Right to slide 2 (the clock starts there), a
/// second on it, Right to its second step, Right to slide 3. Slide 2 then holds at least
/// 1000 ms; slide 3 is on screen, its time just begun.
fn rehearse_into_slide_3(s: &mut Session) {
    s.send(RIGHT);
    s.wait_for("slide 2, first step", |sc| on_step(sc, 2, 1, 2));
    wait_for_clock(s, 1);
    s.send(RIGHT);
    s.wait_for("slide 2, second step", |sc| on_step(sc, 2, 2, 2));
    s.send(RIGHT);
    s.wait_for("slide 3", |sc| on_slide(sc, 3));
}

/// `tribune: rehearsal saved: N slides, …`: N.
fn slides_saved(line: &str) -> usize {
    line.strip_prefix("tribune: rehearsal saved: ")
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("not a 'rehearsal saved' line: {line:?}"))
}

#[test]
fn a_rehearsal_with_no_advance_saves_nothing() {
    let home = tempfile::tempdir().unwrap();
    let mut s = start_rehearsal(home.path(), &["--target", "10m"]);
    let screen = s.screen();
    assert_eq!(elapsed_secs(&screen), None, "{}", dump(&screen));
    s.send(b"q");
    let done = s.finish();
    done.assert_success().assert_restored_then(&[
        "tribune: nothing rehearsed (the clock starts at the first advance), nothing saved",
    ]);
    let dir = rehearsals_of_the_lecture(home.path());
    assert_eq!(files_in(&dir), Vec::<PathBuf>::new());
}

/// Stopped by a signal (or Ctrl-C, a key in raw mode), a rehearsal still saves one whole record,
/// `ended` set, with the time of every slide it went through, the slide on screen at the end
/// included.
#[rstest]
#[case::sigterm("TERM")]
#[case::sighup("HUP")]
#[case::sigint("INT")]
#[case::ctrl_c_key("Ctrl-C")]
fn a_rehearsal_stopped_by_a_signal_is_saved(#[case] signal: &str) {
    let home = tempfile::tempdir().unwrap();
    let mut s = start_rehearsal(home.path(), &["--target", "10m"]);
    let pid = s.pid;
    rehearse_into_slide_3(&mut s);
    // Time on slide 3 that cannot round to zero, then on to slide 4.
    wait_for_clock(&s, 2);
    s.send(RIGHT);
    s.wait_for("slide 4", |sc| on_slide(sc, 4));
    // A moment on slide 4, seen on screen: the clock ticks on while it is up. (Signalled
    // before the next tick: the test below.)
    wait_for_clock(&s, 3);
    if signal == "Ctrl-C" {
        // In raw mode Ctrl-C is a key, read like q.
        s.send(CTRL_C);
    } else {
        s.signal(signal);
    }
    let done = s.finish();
    done.assert_status(status_after(signal))
        .assert_restored_then(&["tribune: rehearsal saved: "]);

    let files = files_in(&rehearsals_of_the_lecture(home.path()));
    assert_eq!(
        files.len(),
        1,
        "one record and no temporary file: {files:?}"
    );
    let record = read_record(&files[0]);
    assert_eq!(
        files[0].file_name().and_then(|n| n.to_str()),
        Some(format!("{}-{pid}.json", record.started).as_str())
    );
    assert_eq!(record.version, 1);
    assert_eq!(record.deck_title, "The two deaths of Stalin");
    assert_eq!(record.target_secs, Some(600));
    let ended = record.ended.expect("a finished rehearsal has `ended`");
    assert!(ended >= record.started + 3, "{record:?}");
    assert_eq!(record.slides.len(), SLIDES);
    assert!(
        record
            .slides
            .iter()
            .enumerate()
            .all(|(i, t)| t.number == i + 1),
        "numbers run 1 to {SLIDES}"
    );
    assert_eq!(record.slides[0].id.as_deref(), Some("title"));
    let deck = tribune::deck::parse_deck(
        tribune::deck::BUNDLED_NAME,
        tribune::deck::BUNDLED_SOURCE.as_bytes(),
    )
    .unwrap()
    .deck;
    let budgets: Vec<Option<u64>> =
        tribune::timing::budget::budgets(&deck, Some(Duration::from_secs(600)))
            .iter()
            .map(|b| b.map(|d| d.as_secs()))
            .collect();
    let recorded: Vec<Option<u64>> = record.slides.iter().map(|t| t.budget_secs).collect();
    assert_eq!(recorded, budgets, "the budgets of a 10-minute target");

    let millis: Vec<u64> = record.slides.iter().map(|t| t.millis).collect();
    // The clock starts at the first advance: the title slide, shown before it, has no time.
    assert_eq!(millis[0], 0, "{millis:?}");
    // Slide 2 was left once the clock read 0:00:01; slide 3 once it read 0:00:02.
    assert!(millis[1] >= 1000, "{millis:?}");
    assert!(millis[2] > 0, "{millis:?}");
    assert!(
        millis[4..].iter().all(|&m| m == 0),
        "slides never shown have no time: {millis:?}"
    );
    // Slide 4 was on screen until the signal, while the clock went from at most 0:00:02 to
    // 0:00:03 or more.
    assert!(
        millis[3] > 0,
        "the slide on screen when the {signal} arrived lost its time: {millis:?}"
    );
    let said = done.said_after_restore();
    assert_eq!(slides_saved(&said[0]), 3, "{said:?}");
}

/// The slide on screen when a signal stops a rehearsal keeps its time, however short: the
/// final record brings the clock up to the moment of stopping rather than reading the last
/// once-a-second tick (before 16883c9 such a slide was saved with 0 ms).
#[rstest]
#[case::sigterm("TERM")]
#[case::sighup("HUP")]
fn the_slide_on_screen_at_a_signal_keeps_its_time(#[case] signal: &str) {
    let home = tempfile::tempdir().unwrap();
    let mut s = start_rehearsal(home.path(), &["--target", "10m"]);
    rehearse_into_slide_3(&mut s);
    s.send(RIGHT);
    s.wait_for("slide 4", |sc| on_slide(sc, 4));
    // Slide 4 is on screen: however short, it was rehearsed (the frame alone takes
    // milliseconds to draw and read, and starting kill(1) more).
    s.signal(signal);
    let done = s.finish();
    done.assert_status(status_after(signal))
        .assert_restored_then(&["tribune: rehearsal saved: "]);
    let files = files_in(&rehearsals_of_the_lecture(home.path()));
    assert_eq!(files.len(), 1, "{files:?}");
    let millis: Vec<u64> = read_record(&files[0])
        .slides
        .iter()
        .map(|t| t.millis)
        .collect();
    assert!(
        millis[3] > 0,
        "slide 4 was on screen when the {signal} arrived, yet saved with no time: {:?}",
        &millis[..5]
    );
    let said = done.said_after_restore();
    assert_eq!(slides_saved(&said[0]), 3, "{said:?}");
}

/// A rehearsal killed outright leaves its last checkpoint, whole; the next rehearsal writes a
/// record of its own beside it and never touches it, and shows its times as "last time".
#[test]
fn a_killed_rehearsal_leaves_its_checkpoint_and_the_next_one_keeps_it() {
    let home = tempfile::tempdir().unwrap();
    let dir = rehearsals_of_the_lecture(home.path());
    let mut s = start_rehearsal(home.path(), &["--target", "10m"]);
    let pid = s.pid;
    // Two slide changes (1 → 2, 2 → 3), each checkpointed before its frame is drawn.
    rehearse_into_slide_3(&mut s);
    s.signal("KILL");
    let done = s.finish();
    assert!(!done.status.success(), "{:?}", done.status);

    let files = files_in(&dir);
    assert_eq!(
        files.len(),
        1,
        "the checkpoint and no temporary file: {files:?}"
    );
    let checkpoint = files[0].clone();
    let bytes = std::fs::read(&checkpoint).unwrap();
    let record = read_record(&checkpoint);
    assert_eq!(
        checkpoint.file_name().and_then(|n| n.to_str()),
        Some(format!("{}-{pid}.json", record.started).as_str())
    );
    assert_eq!(record.ended, None, "a checkpoint has no end");
    assert_eq!(record.target_secs, Some(600));
    assert_eq!(record.slides.len(), SLIDES);
    let millis: Vec<u64> = record.slides.iter().map(|t| t.millis).collect();
    assert!(millis[1] >= 1000, "{millis:?}");
    // Checkpointed on entering slide 3: nothing on it yet, nor beyond.
    assert!(
        millis[0] == 0 && millis[2..].iter().all(|&m| m == 0),
        "{millis:?}"
    );

    // A second rehearsal: one advance, then q. Its notes pane shows the checkpoint's time.
    let last_time = format!(
        "last time {}",
        tribune::timing::budget::clock(Duration::from_millis(millis[1]))
    );
    let mut s = start_rehearsal(home.path(), &[]);
    let second_pid = s.pid;
    s.send(RIGHT);
    s.wait_for("slide 2 with its last time", |sc| {
        on_step(sc, 2, 1, 2) && shows(sc, &last_time)
    });
    s.send(b"q");
    s.finish()
        .assert_success()
        .assert_restored_then(&["tribune: rehearsal saved: "]);

    let files = files_in(&dir);
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files.contains(&checkpoint), "{files:?}");
    assert_eq!(
        std::fs::read(&checkpoint).unwrap(),
        bytes,
        "the first rehearsal's record changed"
    );
    let second = files.iter().find(|f| **f != checkpoint).unwrap();
    let record = read_record(second);
    assert!(
        second
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with(&format!("-{second_pid}.json"))),
        "{second:?}"
    );
    assert!(record.ended.is_some());
    // Without --target, the lecture's own duration (1h30m).
    assert_eq!(record.target_secs, Some(90 * 60));
}

/// The presenter reads the rehearsals too: the notes pane gives a slide's time last time.
#[test]
fn the_presenter_shows_the_last_rehearsal_time_in_the_notes() {
    let home = tempfile::tempdir().unwrap();
    let mut s = start_rehearsal(home.path(), &["--target", "10m"]);
    rehearse_into_slide_3(&mut s);
    s.send(b"q");
    s.finish()
        .assert_success()
        .assert_restored_then(&["tribune: rehearsal saved: "]);
    let files = files_in(&rehearsals_of_the_lecture(home.path()));
    assert_eq!(files.len(), 1, "{files:?}");
    let record = read_record(&files[0]);
    let last_time = format!(
        "last time {}",
        tribune::timing::budget::clock(Duration::from_millis(record.slides[1].millis))
    );

    let mut s = start_with_state(home.path(), &["--notes"]);
    // Slide 1 has a budget (the lecture's 1h30m shared out) but no time: the clock had not
    // started.
    let screen = s.wait_for("slide 1's timing line", |sc| {
        on_slide(sc, 1) && shows(sc, "TIME") && shows(sc, "budget ")
    });
    assert!(!shows(&screen, "last time"), "{}", dump(&screen));
    assert!(!shows(&screen, "PACE"), "{}", dump(&screen));
    s.send(RIGHT);
    s.wait_for("slide 2 with its last time", |sc| {
        on_step(sc, 2, 1, 2) && shows(sc, &last_time)
    });
    s.send(b"q");
    // Presenting saves nothing and says nothing.
    s.finish().assert_success().assert_restored();
    assert_eq!(files_in(&rehearsals_of_the_lecture(home.path())), files);
}

// Presenting in class: `tribune audience` in one pty follows `tribune` in another. Both share a
// HOME, a state directory and a runtime directory (where the socket lives) under `home`.

/// The environment a presenter and its audience windows share.
fn class_env(home: &Path) -> Vec<(&'static str, PathBuf)> {
    vec![
        ("HOME", home.to_owned()),
        ("XDG_STATE_HOME", home.join("state")),
        ("XDG_RUNTIME_DIR", private_dir(&home.join("run"))),
    ]
}

fn start_in_class(home: &Path, args: &[&str]) -> Session {
    let env = class_env(home);
    let env: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
    Session::start_with_env(args, &env)
}

/// `tribune audience` in `home`, once it shows it is waiting for a presenter (`lost`: the
/// screen that says the presenter has gone).
fn start_audience(home: &Path) -> Session {
    let s = start_in_class(home, &["audience"]);
    s.wait_for("the audience window waiting for its presenter", |sc| {
        words(sc).contains("waiting for the presenter")
    });
    s.assert_raw_mode();
    s
}

/// The presenter in `home`, after its first screen.
fn start_presenter(home: &Path, args: &[&str]) -> Session {
    let s = start_in_class(home, args);
    s.wait_for("the presenter's first screen", |sc| {
        status_row(sc).contains(&format!("/{SLIDES} "))
    });
    s
}

/// Whether the presenter's status bar counts `n` audience windows.
fn counts_audience(screen: &vt100::Screen, n: usize) -> bool {
    let words = status_words(screen);
    let count = n.to_string();
    words
        .windows(2)
        .any(|w| w[0] == count && w[1].starts_with("audience"))
}

/// Whether nothing at all is written on the screen.
fn is_blank(screen: &vt100::Screen) -> bool {
    screen.contents().trim().is_empty()
}

/// Where the presenter of the bundled lecture listens, under the runtime directory of `home`.
fn lecture_socket(home: &Path) -> PathBuf {
    home.join("run")
        .join("tribune")
        .join(format!("{}.sock", tribune::timing::record::deck_key(None)))
}

const SLIDE_2_FIRST: &str = "Fear or calculation? Historians disagree";
const SLIDE_2_REVEALED: &str = "A merciless power struggle";
const SLIDE_5: &str = "Radio Moscow: Stalin paralysed";
const SLIDE_42: &str = "The second death of Joseph Stalin";
const SLIDE_46: &str = "Khrushchev's “Secret Speech” (4 hours)";

#[test]
fn the_audience_follows_moves_reveals_jumps_blank_and_freeze() {
    let home = tempfile::tempdir().unwrap();
    let mut audience = start_audience(home.path());
    let mut presenter = start_presenter(home.path(), &[]);
    audience.wait_for("the title slide, in large type", |sc| {
        big_text_rows(sc) >= 4 && !words(sc).contains("waiting")
    });
    presenter.wait_for("one audience window counted", |sc| counts_audience(sc, 1));

    presenter.send(RIGHT);
    audience.wait_for("slide 2, first step only", |sc| {
        words(sc).contains(SLIDE_2_FIRST) && !words(sc).contains(SLIDE_2_REVEALED)
    });
    presenter.send(RIGHT);
    audience.wait_for("slide 2, revealed", |sc| {
        words(sc).contains(SLIDE_2_REVEALED)
    });

    presenter.send(TAB);
    audience.wait_for("Part II", |sc| words(sc).contains(SLIDE_42));

    // Typing a date moves nothing for the class. The link is one ordered stream: once the
    // audience shows what the presenter sent after the typing (a black screen, from `b`),
    // anything sent while typing has been drawn before it.
    let typing = audience.frame_mark();
    presenter.send(b"d");
    presenter.wait_for("the date prompt", |sc| shows(sc, "Go to date"));
    presenter.send(b"25 Feb 1956");
    presenter.wait_for("the preview", |sc| shows(sc, "→ 46"));
    presenter.send(ESC);
    presenter.wait_for("the prompt closed", |sc| !shows(sc, "Go to date"));
    presenter.send(b"b");
    audience.wait_for("a black screen after the typing", is_blank);
    let seen = audience.frames_since(typing);
    assert!(
        !seen.is_empty() && seen.iter().all(|f| !f.contains(SLIDE_46)),
        "typing a date moved the class: {seen:?}"
    );
    presenter.send(b"b");
    audience.wait_for("Part II again", |sc| words(sc).contains(SLIDE_42));
    presenter.send(b"d");
    presenter.wait_for("the date prompt", |sc| shows(sc, "Go to date"));
    presenter.send(b"25 Feb 1956");
    presenter.wait_for("the preview", |sc| shows(sc, "→ 46"));
    presenter.send(ENTER);
    audience.wait_for("25 February 1956", |sc| words(sc).contains(SLIDE_46));

    presenter.send(b"b");
    audience.wait_for("a black screen", is_blank);
    let sc = presenter.wait_for("the presenter's badge", |sc| shows(sc, "BLANK"));
    assert!(
        on_slide(&sc, 46) && shows(&sc, "NOTES"),
        "the teacher keeps the slide and the notes:\n{}",
        dump(&sc)
    );
    presenter.send(b"b");
    audience.wait_for("the slide again", |sc| words(sc).contains(SLIDE_46));

    let frozen = audience.frame_mark();
    presenter.send(b"f");
    presenter.wait_for("the freeze badge", |sc| shows(sc, "FROZEN"));
    presenter.send(b"[");
    presenter.wait_for("the teacher back at 42", |sc| on_slide(sc, 42));
    // Blank and show again while frozen: the class sees the frozen slide come back, and
    // (the stream being ordered) anything the browsing sent would have come before it.
    presenter.send(b"b");
    audience.wait_for("a black screen while frozen", is_blank);
    presenter.send(b"b");
    audience.wait_for("the frozen slide back", |sc| words(sc).contains(SLIDE_46));
    presenter.send(b"f");
    audience.wait_for("the audience at the teacher's slide", |sc| {
        words(sc).contains(SLIDE_42)
    });
    // While frozen the class saw 46 throughout: it only ever showed 46, then 42.
    let seen = audience.frames_since(frozen);
    let first_42 = seen
        .iter()
        .position(|f| f.contains(SLIDE_42))
        .expect("42 was drawn");
    assert!(
        seen[..first_42]
            .iter()
            .all(|f| f.contains(SLIDE_46) || f.trim().is_empty()),
        "the frozen class saw something else before the teacher let go: {:?}",
        &seen[..first_42]
    );
    presenter.wait_for("the badge gone", |sc| !shows(sc, "FROZEN"));

    presenter.send(b"q");
    presenter.finish().assert_success().assert_restored();
    audience.wait_for("waiting again", |sc| {
        words(sc).contains("presenter has left")
    });
    audience.send(b"q");
    audience.finish().assert_success().assert_restored();
}

#[test]
fn a_frozen_audience_does_not_see_the_teacher_browse() {
    let home = tempfile::tempdir().unwrap();
    let audience = start_audience(home.path());
    let mut presenter = start_presenter(home.path(), &["--slide", "46"]);
    audience.wait_for("slide 46", |sc| words(sc).contains(SLIDE_46));
    presenter.wait_for("one audience window counted", |sc| counts_audience(sc, 1));
    presenter.send(b"f");
    presenter.wait_for("the freeze badge", |sc| shows(sc, "FROZEN"));
    presenter.send(b"[");
    presenter.wait_for("the teacher at 42", |sc| on_slide(sc, 42));
    presenter.send(b"5");
    presenter.send(ENTER);
    presenter.wait_for("the teacher at 5", |sc| on_slide(sc, 5));
    // The presenter sends what the class sees before it draws its own screen, so a window
    // joining now is told exactly what the class sees: still 46.
    let late = start_in_class(home.path(), &["audience"]);
    let sc = late.wait_for("the late window's first slide", |sc| {
        !words(sc).contains("waiting") && !is_blank(sc)
    });
    assert!(words(&sc).contains(SLIDE_46), "{}", dump(&sc));
    assert!(words(&audience.screen()).contains(SLIDE_46));
    presenter.send(b"f");
    for a in [&audience, &late] {
        a.wait_for("slide 5 for the class", |sc| words(sc).contains(SLIDE_5));
    }
}

#[test]
fn a_presenter_killed_and_restarted_is_followed_without_restarting_the_audience() {
    let home = tempfile::tempdir().unwrap();
    let mut audience = start_audience(home.path());
    let presenter = start_presenter(home.path(), &["--slide", "5"]);
    audience.wait_for("slide 5", |sc| words(sc).contains(SLIDE_5));
    presenter.signal("KILL");
    audience.wait_for("the presenter gone", |sc| {
        words(sc).contains("presenter has left")
    });
    assert!(
        lecture_socket(home.path()).exists(),
        "a killed presenter leaves its socket behind"
    );
    let presenter = start_presenter(home.path(), &["--slide", "46"]);
    audience.wait_for("slide 46 from the new presenter", |sc| {
        words(sc).contains(SLIDE_46)
    });
    presenter.wait_for("one audience window counted", |sc| counts_audience(sc, 1));
    audience.send(b"q");
    audience.finish().assert_success().assert_restored();
}

#[test]
fn several_audience_windows_follow_one_presenter() {
    let home = tempfile::tempdir().unwrap();
    let mut presenter = start_presenter(home.path(), &[]);
    let first = start_in_class(home.path(), &["audience"]);
    let second = start_in_class(home.path(), &["audience"]);
    presenter.wait_for("two audience windows counted", |sc| counts_audience(sc, 2));
    presenter.send(b"5");
    presenter.send(ENTER);
    for a in [&first, &second] {
        a.wait_for("slide 5", |sc| words(sc).contains(SLIDE_5));
    }
}

#[test]
fn garbage_on_the_socket_is_dropped_and_the_socket_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let audience = start_audience(home.path());
    let mut presenter = start_presenter(home.path(), &[]);
    presenter.wait_for("one audience window counted", |sc| counts_audience(sc, 1));
    audience.wait_for("the title slide, in large type", |sc| {
        big_text_rows(sc) >= 4 && !words(sc).contains("waiting")
    });
    let socket = lecture_socket(home.path());
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&socket), 0o600, "only the user may connect");
    assert_eq!(mode(socket.parent().unwrap()), 0o700);

    let before = (audience.frame_mark(), presenter.frame_mark());
    let mut rogue = std::os::unix::net::UnixStream::connect(&socket).unwrap();
    rogue.write_all(b"\x00\xffnot json at all\n").unwrap();
    rogue.write_all(&vec![b'{'; 100_000]).unwrap();
    rogue
        .write_all(b"\n{\"v\":99,\"msg\":\"hello\"}\n")
        .unwrap();
    rogue
        .write_all(b"{\"v\":1,\"msg\":{\"show\":{\"slide\":60}}}\n")
        .unwrap();
    rogue
        .write_all(b"{\"v\":1,\"msg\":\"take-over\"}\n")
        .unwrap();
    presenter.send(b"5");
    presenter.send(ENTER);
    audience.wait_for("slide 5", |sc| words(sc).contains(SLIDE_5));
    let sc = presenter.wait_for("slide 5 on the presenter", |sc| on_slide(sc, 5));
    assert!(
        counts_audience(&sc, 1),
        "a connection that never said hello is not an audience:\n{}",
        dump(&sc)
    );
    // The rogue ends with a proper hello. The presenter reads a connection in order, so by
    // the time it counts the rogue it has read all the garbage before; and the first thing it
    // sends the rogue is slide 5, the slide at the hello: had the version-99 hello let it in
    // earlier, it would have been sent the title slide then.
    rogue.write_all(b"{\"v\":1,\"msg\":\"hello\"}\n").unwrap();
    presenter.wait_for("the rogue counted once it says hello", |sc| {
        counts_audience(sc, 2)
    });
    rogue.set_read_timeout(Some(timeout())).unwrap();
    let mut first = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(&rogue), &mut first)
        .expect("the rogue is sent the current slide");
    match tribune::link::decode(first.trim_end().as_bytes()) {
        Some(tribune::link::Message::Show(shown)) => assert_eq!(shown.slide, 4, "{first}"),
        other => panic!("expected a show message, got {other:?} from {first:?}"),
    }
    let (audience_mark, presenter_mark) = before;
    let counted = presenter.frames_since(presenter_mark);
    let joined = counted
        .iter()
        .position(|f| f.contains("▣ 2 audience"))
        .expect("the count of 2 was drawn");
    assert!(
        counted[..joined].iter().all(|f| f.contains("▣ 1 audience")),
        "the count moved before the rogue said hello: {:?}",
        &counted[..joined]
    );
    let shown = audience.frames_since(audience_mark);
    assert!(
        !shown.is_empty() && shown.iter().all(|f| f.contains(SLIDE_5)),
        "the class saw something the presenter did not send (the rogue's slide 60?): {shown:?}"
    );
    // A second window joining after the garbage still gets the current slide.
    drop(rogue);
    let late = start_in_class(home.path(), &["audience"]);
    late.wait_for("slide 5 in the late window", |sc| {
        words(sc).contains(SLIDE_5)
    });
}

/// The class log records of the bundled lecture under `home`.
fn classes_of_the_lecture(home: &Path) -> PathBuf {
    tribune::timing::record::class_dir(
        &home.join("state").join("tribune"),
        &tribune::timing::record::deck_key(None),
    )
}

#[test]
fn the_class_log_and_resume_point_survive_sigterm() {
    let home = tempfile::tempdir().unwrap();
    let mut s = start_presenter(home.path(), &[]);
    s.send(b"5");
    s.send(ENTER);
    s.wait_for("slide 5, fully revealed", |sc| on_step(sc, 5, 2, 2));
    s.send(b"h");
    s.wait_for("slide 5, a step back", |sc| on_step(sc, 5, 1, 2));
    s.signal("TERM");
    s.finish().assert_success().assert_restored();
    let files = files_in(&classes_of_the_lecture(home.path()));
    assert_eq!(files.len(), 1, "one class, no temporary files: {files:?}");
    let record = read_record(&files[0]);
    assert!(record.ended.is_some(), "the final record, not a checkpoint");
    assert_eq!(record.stopped_at.as_ref().map(|s| s.number), Some(5));

    // A plain start offers to resume; r takes it.
    let mut s = start_presenter(home.path(), &[]);
    s.wait_for("the offer", |sc| {
        on_slide(sc, 1) && words(sc).contains("r resumes at slide 5")
    });
    s.send(b"r");
    s.wait_for("slide 5", |sc| on_slide(sc, 5));
    s.send(b"q");
    s.finish().assert_success().assert_restored();

    let mut s = start_presenter(home.path(), &["--resume"]);
    s.wait_for("slide 5 at once", |sc| on_slide(sc, 5));
    s.send(b"q");
    s.finish().assert_success().assert_restored();
}

// In class, nothing breaks: a closed window, Ctrl-Z, a state folder that cannot be written, and
// a deck that is never written.

/// How a process is doing, from /proc: `T` once stopped (Ctrl-Z).
fn process_state(pid: i32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name in parentheses may hold spaces; the state follows its closing one.
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

/// Closing the window (every descriptor of the pty's master side) ends a class, a rehearsal
/// and an audience window at once: status 129, the record closed with `ended`, the socket gone.
#[test]
fn a_closed_window_ends_every_mode_and_closes_its_record() {
    let home = tempfile::tempdir().unwrap();
    let audience = start_audience(home.path());
    let mut presenter = start_presenter(home.path(), &[]);
    presenter.wait_for("one audience window counted", |sc| counts_audience(sc, 1));
    presenter.send(b"3");
    presenter.send(ENTER);
    presenter.wait_for("slide 3", |sc| on_slide(sc, 3));
    // An overlay open changes nothing: the hang-up still ends it.
    presenter.send(b"o");
    presenter.wait_for("the overview", |sc| shows(sc, "PART I"));
    assert_eq!(presenter.hang_up().exit_code(), 129);
    let files = files_in(&classes_of_the_lecture(home.path()));
    assert_eq!(files.len(), 1, "one class, no temporary file: {files:?}");
    let record = read_record(&files[0]);
    assert!(record.ended.is_some(), "the class is closed: {record:?}");
    assert_eq!(record.stopped_at.as_ref().map(|s| s.number), Some(3));
    assert!(
        !lecture_socket(home.path()).exists(),
        "the presenter removes its socket"
    );
    audience.wait_for("the presenter gone", |sc| {
        words(sc).contains("presenter has left")
    });
    assert_eq!(audience.hang_up().exit_code(), 129);

    let mut rehearsal = start_rehearsal(home.path(), &[]);
    rehearsal.send(RIGHT);
    rehearsal.wait_for("slide 2", |sc| on_slide(sc, 2));
    rehearsal.send(b"d");
    rehearsal.wait_for("the date prompt", |sc| shows(sc, "Go to date"));
    assert_eq!(rehearsal.hang_up().exit_code(), 129);
    let files = files_in(&rehearsals_of_the_lecture(home.path()));
    assert_eq!(files.len(), 1, "{files:?}");
    let record = read_record(&files[0]);
    assert!(
        record.ended.is_some(),
        "the rehearsal is closed: {record:?}"
    );
    assert!(record.slides[1].millis > 0, "slide 2 kept its time");
}

/// Ctrl-Z gives the terminal back to the shell (main screen, cooked mode) and stops tribune;
/// `fg` brings it back drawn in full, still on its slide, keys working.
#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_redraws() {
    let home = tempfile::tempdir().unwrap();
    let mut env = class_env(home.path());
    env.push(("PS1", PathBuf::from("ready$ ")));
    let env: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
    // An interactive shell with job control, as a teacher's terminal has.
    let mut s = Session::start_program("sh", &["-i"], &env);
    s.wait_for_any_output("the shell's prompt", |sc| shows(sc, "ready$"));
    let command = format!("'{}' --slide 5\r", env!("CARGO_BIN_EXE_tribune"));
    s.send(command.as_bytes());
    s.wait_for("slide 5", |sc| on_slide(sc, 5));
    let pid = s
        .master
        .process_group_leader()
        .expect("tribune runs in the foreground");
    s.send(CTRL_Z);
    s.wait_for_any_output("the shell's screen and prompt", |sc| {
        !sc.alternate_screen() && !sc.hide_cursor() && sc.contents().contains("Stopped")
    });
    assert_eq!(process_state(pid), Some('T'), "tribune is stopped");
    let flags = s.local_flags().expect("the pty's modes");
    assert!(
        has_flag(&flags, "ICANON"),
        "the shell's line editing is back: {flags}"
    );
    s.send(b"fg\r");
    s.wait_for("slide 5 drawn again", |sc| {
        sc.alternate_screen() && on_slide(sc, 5) && shows(sc, "4 March 1953")
    });
    s.assert_raw_mode();
    s.send(RIGHT);
    s.wait_for("slide 6 after fg", |sc| on_slide(sc, 6));
    s.send(b"q");
    s.wait_for_any_output("the shell again", |sc| {
        !sc.alternate_screen() && sc.contents().matches("ready$").count() >= 3
    });
    assert_eq!(process_state(pid), None, "tribune has ended");
    s.send(b"exit\r");
    s.finish().assert_success();
}

/// A state folder that cannot be written (here a file stands where it should be, which even
/// root cannot write into) never stops a class or a rehearsal: the status bar says so in one
/// calm line, q exits 0, and a line on stderr says where it failed.
#[rstest]
#[case::class(&[], "class log not saved")]
#[case::rehearsal(&["rehearse"], "rehearsal not saved")]
fn a_state_folder_that_cannot_be_written_never_stops_a_class(
    #[case] args: &[&str],
    #[case] says: &str,
) {
    let home = tempfile::tempdir().unwrap();
    let blocked = home.path().join("state");
    std::fs::write(&blocked, "not a folder").unwrap();
    let mut s = Session::start_with_env(args, &[("XDG_STATE_HOME", &blocked)]);
    s.wait_for("the first screen", |sc| on_slide(sc, 1));
    s.send(RIGHT);
    let sc = s.wait_for("the problem in the status bar", |sc| {
        on_slide(sc, 2) && status_row(sc).contains(says)
    });
    assert!(
        status_row(&sc).contains(&format!("{says}: a file is in the way")),
        "{}",
        status_row(&sc)
    );
    s.send(b"3");
    s.send(ENTER);
    s.wait_for("slide 3, still presenting", |sc| on_slide(sc, 3));
    s.send(b"q");
    s.finish()
        .assert_success()
        .assert_restored_then(&["tribune: cannot save the record in"]);
    assert_eq!(
        std::fs::read_to_string(&blocked).unwrap(),
        "not a folder",
        "the file in the way is left alone"
    );
}

/// Presenting, rehearsing, following and the audience window's re-reading of an edited deck
/// never write to the deck: its bytes, length and modification time survive, and nothing
/// appears beside it.
#[test]
fn presenting_rehearsing_and_following_never_write_the_deck() {
    let home = tempfile::tempdir().unwrap();
    let decks = tempfile::tempdir().unwrap();
    let deck = decks.path().join("lecture.ron");
    let deck_arg = deck.to_str().expect("a UTF-8 path");
    let put = |text: &str| {
        std::fs::write(&deck, text).unwrap();
        // An old, exact time: any rewrite, even of the same bytes, would move it.
        let old = std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        std::fs::File::options()
            .write(true)
            .open(&deck)
            .and_then(|f| f.set_modified(old))
            .unwrap();
    };
    let snapshot = || {
        let meta = std::fs::metadata(&deck).unwrap();
        let listing: Vec<_> = std::fs::read_dir(decks.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        (
            std::fs::read(&deck).unwrap(),
            meta.modified().unwrap(),
            listing,
        )
    };
    let original = tribune::deck::BUNDLED_SOURCE;
    put(original);
    let before = snapshot();

    let mut audience = start_in_class(home.path(), &["audience", deck_arg]);
    audience.wait_for("waiting", |sc| {
        words(sc).contains("waiting for the presenter")
    });
    let mut presenter = start_presenter(home.path(), &[deck_arg]);
    presenter.wait_for("one audience window counted", |sc| counts_audience(sc, 1));
    for key in [RIGHT, RIGHT, b"b".as_slice(), b"b", b"f", b"f", TAB] {
        presenter.send(key);
    }
    audience.wait_for("Part II", |sc| words(sc).contains(SLIDE_42));
    presenter.send(b"q");
    presenter.finish().assert_success();
    let mut rehearsal = start_rehearsal(home.path(), &[deck_arg]);
    rehearsal.send(RIGHT);
    rehearsal.wait_for("slide 2", |sc| on_slide(sc, 2));
    rehearsal.send(b"q");
    rehearsal.finish().assert_success();
    assert!(
        snapshot() == before,
        "presenting, rehearsing or following wrote the deck"
    );

    // The teacher edits the deck while the audience window still holds the old version: the
    // next presenter has the new one, and the audience window reads the file again.
    // A new title changes the deck's fingerprint, which is how the window notices (not ASCII,
    // so it is drawn as text rather than in large type).
    let title = "The 20th Congress of the Communist Party of the Soviet Union";
    let edited = original.replacen(title, "The 20th Congress — edited", 1);
    assert_ne!(edited, original);
    put(&edited);
    let before = snapshot();
    let mut presenter = start_presenter(home.path(), &[deck_arg, "--slide", "42"]);
    audience.wait_for("the edited slide", |sc| {
        words(sc).contains("The 20th Congress — edited")
    });
    presenter.send(b"q");
    presenter.finish().assert_success();
    audience.send(b"q");
    audience.finish().assert_success();
    assert!(
        snapshot() == before,
        "re-reading the edited deck wrote to it"
    );
}
