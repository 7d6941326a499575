//! Measures presenters in a real pty, the way a class meets them: exec → first complete frame,
//! key → next complete frame, bytes written for each, bytes and CPU while idle on one slide, and
//! peak memory. tribune, presenterm and mdp present the same generated text (`big_deck.rs`), in
//! one interleaved run so that all three see the same machine.
//!
//! ```text
//! cargo build --release
//! cargo run --release --example measure -- [--runs 5] [--size 120x40] [--slides 100,5000]
//!     [--tribune target/release/tribune] [--only tribune]
//! ```
//!
//! A frame is complete when the screen (as a `vt100` terminal draws the bytes) shows the
//! slide's title and its last bullet; the time is that of the read that completed it. The tool
//! answers the queries a terminal answers (device attributes, cursor position, sizes), since
//! a presenter that waits for an answer would otherwise be timed waiting for nothing. Programs
//! not installed are skipped, with a line saying so.

use std::io::{Read, Write};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

#[path = "big_deck.rs"]
mod big_deck;

/// How long the screen must stay still after a frame before the next key (and for idle).
const SETTLE: Duration = Duration::from_millis(300);
/// Longest wait for a frame before the run counts as failed.
const PATIENCE: Duration = Duration::from_secs(30);
/// Key presses per run: Right and Left, alternating between slides 1 and 2.
const KEYS: usize = 20;
/// How long idle is watched.
const IDLE: Duration = Duration::from_secs(5);

struct Options {
    runs: usize,
    size: (u16, u16),
    slides: Vec<usize>,
    tribune: String,
    only: Option<String>,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        runs: 5,
        size: (120, 40),
        slides: vec![100, 5000],
        tribune: "target/release/tribune".into(),
        only: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--runs" => o.runs = value.parse().map_err(|_| "--runs takes a number")?,
            "--size" => {
                let (w, h) = value.split_once('x').ok_or("--size takes WxH")?;
                o.size = (
                    w.parse().map_err(|_| "--size takes WxH")?,
                    h.parse().map_err(|_| "--size takes WxH")?,
                );
            }
            "--slides" => {
                o.slides = (value.split(','))
                    .map(|n| n.parse().map_err(|_| "--slides takes numbers"))
                    .collect::<Result<_, _>>()?;
            }
            "--tribune" => o.tribune = value,
            "--only" => o.only = Some(value),
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    // The pty starts programs by name or by whole path.
    if let Ok(path) = std::fs::canonicalize(&o.tribune) {
        o.tribune = path.to_string_lossy().into_owned();
    }
    Ok(o)
}

/// One program on one deck: how to start it and how to quit it.
struct Subject {
    name: &'static str,
    argv: Vec<String>,
    quit: &'static [u8],
    /// Its own temporary folder (tribune's state and runtime folders).
    home: tempfile::TempDir,
}

/// What one run measured.
#[derive(Default, Clone)]
struct Run {
    first_frame: Duration,
    first_bytes: usize,
    keys: Vec<Duration>,
    key_bytes: Vec<usize>,
    idle_bytes: usize,
    idle_cpu: f64,
    peak_rss_kb: u64,
}

/// The slide a generated deck's slide `i` shows: its title and last bullet.
fn marks(i: usize) -> [String; 2] {
    let (ron, _) = big_deck::decks(i + 1);
    let line = ron
        .lines()
        .find(|l| l.contains(&format!("id: \"s{i}\"")))
        .unwrap_or_default()
        .to_owned();
    let title = between(&line, "title: \"", "\"");
    let bullets = between(&line, "Bullets([", "])");
    let last = bullets.rsplit("\", \"").next().unwrap_or_default();
    [title, last.trim_matches('"').to_owned()]
}

fn between(s: &str, open: &str, close: &str) -> String {
    s.split_once(open)
        .and_then(|(_, rest)| rest.split_once(close))
        .map(|(inside, _)| inside.to_owned())
        .unwrap_or_default()
}

/// presenterm's and mdp's Markdown differ in how slides end and what a note is.
fn mdp_markdown(md: &str) -> String {
    md.replace(
        "---\ntitle: A long lecture\n---\n\n",
        "%title: A long lecture\n\n",
    )
    .lines()
    .filter(|l| !l.starts_with("<!-- speaker_note"))
    .map(|l| if l == "<!-- end_slide -->" { "---" } else { l })
    .collect::<Vec<_>>()
    .join("\n")
}

fn on_path(program: &str) -> bool {
    std::path::Path::new(program).is_file()
        || std::env::var_os("PATH")
            .is_some_and(|paths| std::env::split_paths(&paths).any(|p| p.join(program).is_file()))
}

fn subjects(o: &Options, dir: &std::path::Path, n: usize) -> std::io::Result<Vec<Subject>> {
    let (ron, md) = big_deck::decks(n);
    // presenterm makes a title slide from front matter; the others start on slide 1.
    let plain_md = md.replacen("---\ntitle: A long lecture\n---\n\n", "", 1);
    let without_notes: String = ron
        .lines()
        .map(|l| match l.find(", notes: \"") {
            Some(at) => format!("{}),", &l[..at]),
            None => l.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let path = |name: &str, text: &str| -> std::io::Result<String> {
        let p = dir.join(format!("{n}-{name}"));
        std::fs::write(&p, text)?;
        Ok(p.to_string_lossy().into_owned())
    };
    let mut out = vec![
        Subject {
            name: "tribune",
            argv: vec![o.tribune.clone(), path("deck.ron", &ron)?],
            quit: b"q",
            home: tempfile::tempdir()?,
        },
        Subject {
            name: "tribune, no notes",
            argv: vec![o.tribune.clone(), path("bare.ron", &without_notes)?],
            quit: b"q",
            home: tempfile::tempdir()?,
        },
        Subject {
            name: "presenterm",
            argv: vec!["presenterm".into(), path("deck.md", &plain_md)?],
            quit: b"\x03",
            home: tempfile::tempdir()?,
        },
        Subject {
            name: "mdp",
            // -f: no fade between slides, which would be timed as drawing.
            argv: vec![
                "mdp".into(),
                "-f".into(),
                path("mdp.md", &mdp_markdown(&md))?,
            ],
            quit: b"q",
            home: tempfile::tempdir()?,
        },
    ];
    out.retain(|s| {
        o.only
            .as_deref()
            .is_none_or(|only| s.name.starts_with(only))
    });
    Ok(out)
}

/// A running program in a pty, its output drawn by a terminal model.
struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    chunks: Receiver<(Instant, Vec<u8>)>,
    screen: vt100::Parser,
    bytes: usize,
    _master: Box<dyn MasterPty + Send>,
}

impl Session {
    fn start(subject: &Subject, (w, h): (u16, u16)) -> Result<(Session, Instant), String> {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: h,
                cols: w,
                pixel_width: 0,
                pixel_height: 0,
            })
            .map_err(|e| e.to_string())?;
        let mut cmd = CommandBuilder::new(&subject.argv[0]);
        cmd.args(&subject.argv[1..]);
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", subject.home.path());
        cmd.env("XDG_STATE_HOME", subject.home.path().join("state"));
        let runtime = subject.home.path().join("run");
        std::fs::create_dir_all(&runtime).map_err(|e| e.to_string())?;
        cmd.env("XDG_RUNTIME_DIR", &runtime);
        let mut reader = pair.master.try_clone_reader().map_err(|e| e.to_string())?;
        let writer = pair.master.take_writer().map_err(|e| e.to_string())?;
        let (send, chunks) = channel();
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || send.send((Instant::now(), buf[..n].to_vec())).is_err() {
                    break;
                }
            }
        });
        let started = Instant::now();
        let child = pair
            .slave
            .spawn_command(cmd)
            .map_err(|e| format!("{}: {e}", subject.argv[0]))?;
        Ok((
            Session {
                child,
                writer,
                chunks,
                screen: vt100::Parser::new(
                    h.try_into().map_err(|_| "a screen has rows")?,
                    w.try_into().map_err(|_| "a screen has columns")?,
                    0,
                ),
                bytes: 0,
                _master: pair.master,
            },
            started,
        ))
    }

    /// Takes in one chunk: draws it and answers what a terminal would answer.
    fn take(&mut self, chunk: &[u8]) {
        self.bytes += chunk.len();
        self.screen.process(chunk);
        let (rows, cols) = self.screen.screen().size();
        let (row, col) = self.screen.screen().cursor_position();
        let text = String::from_utf8_lossy(chunk);
        let mut answer = String::new();
        for (query, reply) in [
            ("\x1b[c", "\x1b[?62;22c".to_owned()),
            ("\x1b[0c", "\x1b[?62;22c".to_owned()),
            ("\x1b[6n", format!("\x1b[{};{}R", row + 1, col + 1)),
            ("\x1b[18t", format!("\x1b[8;{rows};{cols}t")),
            (
                "\x1b[14t",
                format!("\x1b[4;{};{}t", rows.get() * 16, cols.get() * 8),
            ),
            ("\x1b[16t", "\x1b[6;16;8t".to_owned()),
        ] {
            for _ in 0..text.matches(query).count() {
                answer.push_str(&reply);
            }
        }
        if !answer.is_empty() {
            let _ = self.writer.write_all(answer.as_bytes());
            let _ = self.writer.flush();
        }
    }

    fn shows(&self, marks: &[String; 2]) -> bool {
        let contents = self.screen.screen().contents();
        marks.iter().all(|m| contents.contains(m.as_str()))
    }

    /// Reads until the screen shows `marks`: the time of the read that completed it.
    fn until(&mut self, marks: &[String; 2]) -> Result<Instant, String> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.chunks.recv_timeout(left) {
                Ok((at, chunk)) => {
                    self.take(&chunk);
                    if self.shows(marks) {
                        return Ok(at);
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    return Err(format!(
                        "no frame showing {marks:?} after {PATIENCE:?}; the screen:\n{}",
                        self.screen.screen().contents()
                    ));
                }
                Err(RecvTimeoutError::Disconnected) => return Err("the program ended".into()),
            }
        }
    }

    /// Reads until nothing has come for `quiet`.
    fn settle(&mut self, quiet: Duration) {
        while let Ok((_, chunk)) = self.chunks.recv_timeout(quiet) {
            self.take(&chunk);
        }
    }

    fn key(&mut self, bytes: &[u8]) -> Instant {
        let _ = self.writer.write_all(bytes);
        let _ = self.writer.flush();
        Instant::now()
    }

    fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    fn stop(mut self, quit: &[u8]) {
        self.key(quit);
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            self.settle(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// User plus system CPU time of a process, in clock ticks.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which may hold spaces, start after its ')'.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn measure(subject: &Subject, size: (u16, u16)) -> Result<Run, String> {
    let (mut s, started) = Session::start(subject, size)?;
    let first = marks(0);
    let second = marks(1);
    let mut run = Run {
        first_frame: s.until(&first)?.duration_since(started),
        first_bytes: s.bytes,
        ..Run::default()
    };
    s.settle(SETTLE);
    for k in 0..KEYS {
        // Arrow keys as a terminal sends them: SS3 in application cursor mode (ncurses).
        let app_mode = s.screen.screen().application_cursor();
        let (key, target): (&[u8], _) = match (k % 2 == 0, app_mode) {
            (true, false) => (b"\x1b[C", &second),
            (true, true) => (b"\x1bOC", &second),
            (false, false) => (b"\x1b[D", &first),
            (false, true) => (b"\x1bOD", &first),
        };
        let before = s.bytes;
        let pressed = s.key(key);
        run.keys.push(s.until(target)?.duration_since(pressed));
        s.settle(SETTLE);
        run.key_bytes.push(s.bytes - before);
    }
    let pid = s.pid().ok_or("no pid")?;
    let (bytes, ticks) = (s.bytes, cpu_ticks(pid));
    let idle_from = Instant::now();
    while idle_from.elapsed() < IDLE {
        s.settle(Duration::from_millis(100));
    }
    let hz = 100.0; // USER_HZ on Linux
    run.idle_bytes = s.bytes - bytes;
    #[allow(clippy::cast_precision_loss, reason = "tick counts are small")]
    if let (Some(a), Some(b)) = (ticks, cpu_ticks(pid)) {
        run.idle_cpu = (b - a) as f64 / hz / idle_from.elapsed().as_secs_f64() * 100.0;
    }
    run.peak_rss_kb = peak_rss_kb(pid).unwrap_or(0);
    s.stop(subject.quit);
    Ok(run)
}

fn median<T: Copy + PartialOrd>(mut v: Vec<T>) -> Option<T> {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    v.get(v.len() / 2).copied()
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.2} ms")
    } else {
        format!("{ms:.0} ms")
    }
}

fn main() {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("measure: {e}");
            std::process::exit(2);
        }
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut table: Vec<(usize, &'static str, Vec<Run>)> = Vec::new();
    let mut all = Vec::new();
    for &n in &o.slides {
        let subjects = subjects(&o, dir.path(), n).expect("writing the decks");
        for s in &subjects {
            if !on_path(&s.argv[0]) {
                eprintln!("measure: {} is not installed; skipped", s.argv[0]);
            }
        }
        all.push((n, subjects));
    }
    for run in 0..o.runs {
        for (n, subjects) in &all {
            for subject in subjects.iter().filter(|s| on_path(&s.argv[0])) {
                eprint!(
                    "run {}/{}: {} on {n} slides… ",
                    run + 1,
                    o.runs,
                    subject.name
                );
                match measure(subject, o.size) {
                    Ok(r) => {
                        eprintln!("first frame {}", ms(r.first_frame));
                        match table
                            .iter_mut()
                            .find(|(m, s, _)| m == n && *s == subject.name)
                        {
                            Some((_, _, runs)) => runs.push(r),
                            None => table.push((*n, subject.name, vec![r])),
                        }
                    }
                    Err(e) => eprintln!("failed: {e}"),
                }
            }
        }
    }
    println!(
        "| slides | program | first frame | key → frame | bytes first / per key | idle bytes, CPU (5 s) | peak RSS |"
    );
    println!("|---|---|---|---|---|---|---|");
    for (n, name, runs) in &table {
        let first = median(runs.iter().map(|r| r.first_frame).collect()).unwrap_or_default();
        let keys = median(runs.iter().flat_map(|r| r.keys.clone()).collect()).unwrap_or_default();
        let first_bytes = median(runs.iter().map(|r| r.first_bytes).collect()).unwrap_or(0);
        let key_bytes =
            median(runs.iter().flat_map(|r| r.key_bytes.clone()).collect()).unwrap_or(0);
        let idle_bytes = median(runs.iter().map(|r| r.idle_bytes).collect()).unwrap_or(0);
        let idle_cpu = median(runs.iter().map(|r| r.idle_cpu).collect()).unwrap_or(0.0);
        let rss = median(runs.iter().map(|r| r.peak_rss_kb).collect()).unwrap_or(0);
        println!(
            "| {n} | {name} | {} | {} | {first_bytes} / {key_bytes} B | {idle_bytes} B, {idle_cpu:.1} % | {:.1} MB |",
            ms(first),
            ms(keys),
            f64::from(u32::try_from(rss).unwrap_or(u32::MAX)) / 1024.0
        );
    }
}
