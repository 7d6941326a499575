//! The link between a presenter and its audience windows: a Unix domain socket in the user's
//! runtime directory, named after the deck, mode 0600 inside a directory only the user can
//! enter, so other users of the machine can neither watch nor drive a class.
//!
//! The protocol is one JSON record per line, each with the protocol version: an audience window
//! says `Hello`, the presenter answers with what to `Show` and sends it again whenever it
//! changes. Lines that are not JSON, too long, of another version or of an unknown kind are
//! dropped; a connection that never says `Hello` is never counted nor sent anything. On top of
//! the private directory, the presenter asks the kernel who is connecting (peer credentials)
//! and hangs up on any other user.

use std::fs;
use std::io::{self, BufRead, BufReader, Write};
use std::os::unix::fs::{DirBuilderExt, FileTypeExt, MetadataExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::app::Shown;

/// The protocol's version: a message with another one is dropped.
pub const VERSION: u32 = 1;

/// The longest line either side reads; longer ones are skipped whole.
pub const MAX_LINE: usize = 4096;

/// How many audience windows one presenter serves (each has a thread).
const MAX_CLIENTS: usize = 32;

/// How long the presenter waits for an audience window that does not read before dropping it:
/// a stuck window must not freeze the teacher's screen.
const WRITE_TIMEOUT: Duration = Duration::from_millis(100);

/// How often a waiting audience window tries to reach its presenter.
const RETRY: Duration = Duration::from_millis(150);

/// A message on the link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Message {
    /// An audience window introduces itself.
    Hello,
    /// What the audience should show.
    Show(Shown),
}

/// A message with its version, as it travels.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    v: u32,
    msg: Message,
}

/// A message as one line of JSON, newline included.
pub fn encode(msg: &Message) -> Vec<u8> {
    let mut line = serde_json::to_vec(&Envelope {
        v: VERSION,
        msg: msg.clone(),
    })
    .unwrap_or_default();
    line.push(b'\n');
    line
}

/// The message a line carries, or nothing for garbage, another version or an unknown kind.
pub fn decode(line: &[u8]) -> Option<Message> {
    let envelope: Envelope = serde_json::from_slice(line).ok()?;
    (envelope.v == VERSION).then_some(envelope.msg)
}

/// What reading a line gave.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// A line (without its newline), at most `MAX_LINE` bytes.
    Line(Vec<u8>),
    /// A line longer than `MAX_LINE`, skipped.
    TooLong,
    /// The other side closed the connection.
    End,
}

/// Reads the next line, never holding more than `MAX_LINE` bytes of it.
pub fn read_frame(reader: &mut impl BufRead) -> io::Result<Frame> {
    let mut line = Vec::new();
    let mut too_long = false;
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            // A last line without a newline is cut off mid-message: drop it.
            return Ok(Frame::End);
        }
        let (part, ends) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], Some(i + 1)),
            None => (chunk, None),
        };
        if !too_long && line.len() + part.len() <= MAX_LINE {
            line.extend_from_slice(part);
        } else {
            too_long = true;
            line = Vec::new();
        }
        let used = ends.unwrap_or(chunk.len());
        reader.consume(used);
        if ends.is_some() {
            return Ok(if too_long {
                Frame::TooLong
            } else {
                Frame::Line(line)
            });
        }
    }
}

/// Where the sockets go: `$XDG_RUNTIME_DIR/tribune`, else a directory of the user's own under
/// the system's temporary directory; created if needed and refused unless only the user can
/// enter it.
pub fn socket_dir() -> io::Result<PathBuf> {
    let uid = rustix::process::getuid().as_raw();
    let dir = std::env::var_os("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .map_or_else(
            || std::env::temp_dir().join(format!("tribune-{uid}")),
            |runtime| runtime.join("tribune"),
        );
    match fs::DirBuilder::new().mode(0o700).create(&dir) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(with_path(&e, &dir)),
    }
    let meta = fs::symlink_metadata(&dir).map_err(|e| with_path(&e, &dir))?;
    if !meta.is_dir() || meta.uid() != uid || meta.mode() & 0o077 != 0 {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!(
                "{} is not a directory private to you (mode {:o}); remove it and try again",
                dir.display(),
                meta.mode() & 0o7777
            ),
        ));
    }
    Ok(dir)
}

/// The socket of the deck whose records go under `deck_key` (named from its canonical path).
pub fn socket_path(deck_key: &str) -> io::Result<PathBuf> {
    Ok(socket_dir()?.join(format!("{deck_key}.sock")))
}

fn with_path(e: &io::Error, path: &Path) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A thread that panicked while holding the lock left plain data behind; keep going.
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Called whenever an audience window joins or leaves.
type OnChange = Arc<dyn Fn() + Send + Sync>;

/// The presenter's end: accepts audience windows and sends them what to show.
pub struct Hub {
    path: PathBuf,
    /// The socket file's inode, so that we only ever remove our own.
    inode: u64,
    state: Arc<Mutex<HubState>>,
    on_change: OnChange,
}

#[derive(Default)]
struct HubState {
    /// Connections that said hello, with their ids.
    audience: Vec<(u64, UnixStream)>,
    /// Connections open, said hello or not.
    open: usize,
    /// The last `Show`, encoded, for windows that join later.
    last: Option<Vec<u8>>,
    next_id: u64,
}

/// What starting a hub found.
pub enum Started {
    /// Listening.
    Hub(Hub),
    /// Another presenter of this deck is running and holds the socket.
    Taken,
}

impl Hub {
    /// Listens on `path`, replacing a stale socket a crashed presenter left behind;
    /// `on_change` is called (on another thread) whenever an audience window joins or leaves.
    pub fn start(path: &Path, on_change: impl Fn() + Send + Sync + 'static) -> io::Result<Started> {
        if let Ok(meta) = fs::symlink_metadata(path) {
            if !meta.file_type().is_socket() {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!("{} exists and is not a socket", path.display()),
                ));
            }
            if UnixStream::connect(path).is_ok() {
                return Ok(Started::Taken);
            }
            // Nobody answers: a presenter died without cleaning up.
            fs::remove_file(path).map_err(|e| with_path(&e, path))?;
        }
        let listener = UnixListener::bind(path).map_err(|e| with_path(&e, path))?;
        fs::set_permissions(path, fs::Permissions::from_mode(0o600))
            .map_err(|e| with_path(&e, path))?;
        let inode = fs::symlink_metadata(path)
            .map_err(|e| with_path(&e, path))?
            .ino();
        let state = Arc::new(Mutex::new(HubState::default()));
        let on_change: OnChange = Arc::new(on_change);
        let shared = Arc::clone(&state);
        let told = Arc::clone(&on_change);
        thread::Builder::new()
            .name("link-accept".into())
            .spawn(move || accept(&listener, &shared, &told))?;
        Ok(Started::Hub(Hub {
            path: path.to_owned(),
            inode,
            state,
            on_change,
        }))
    }

    /// Sends `shown` to every audience window, and keeps it for windows that join later.
    pub fn show(&self, shown: &Shown) {
        let line = encode(&Message::Show(shown.clone()));
        let mut state = lock(&self.state);
        let before = state.audience.len();
        state
            .audience
            .retain_mut(|(_, stream)| stream.write_all(&line).is_ok());
        state.last = Some(line);
        let dropped = state.audience.len() != before;
        drop(state);
        if dropped {
            (self.on_change)();
        }
    }

    /// How many audience windows are connected.
    pub fn connected(&self) -> usize {
        lock(&self.state).audience.len()
    }
}

impl Drop for Hub {
    fn drop(&mut self) {
        // Close every connection now, so audience windows go back to waiting at once.
        for (_, stream) in lock(&self.state).audience.drain(..) {
            let _ = stream.shutdown(std::net::Shutdown::Both);
        }
        if fs::symlink_metadata(&self.path).is_ok_and(|m| m.ino() == self.inode) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

fn accept(listener: &UnixListener, state: &Arc<Mutex<HubState>>, on_change: &OnChange) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        if !is_same_user(&stream) {
            continue;
        }
        {
            let mut s = lock(state);
            if s.open >= MAX_CLIENTS {
                continue;
            }
            s.open += 1;
        }
        let shared = Arc::clone(state);
        let told = Arc::clone(on_change);
        let spawned = thread::Builder::new()
            .name("link-client".into())
            .spawn(move || serve(&stream, &shared, &told));
        if spawned.is_err() {
            lock(state).open -= 1;
        }
    }
}

/// Whether the process at the other end of `stream` runs as this user. The socket's directory
/// already keeps others out; this holds even if its permissions were loosened.
fn is_same_user(stream: &UnixStream) -> bool {
    rustix::net::sockopt::socket_peercred(stream)
        .is_ok_and(|peer| peer.uid == rustix::process::getuid())
}

/// Reads one connection until it closes: a `Hello` joins the audience; anything else is
/// dropped.
fn serve(stream: &UnixStream, state: &Arc<Mutex<HubState>>, on_change: &OnChange) {
    let mut id = None;
    each_message(stream, |msg| {
        if id.is_none() && msg == Message::Hello {
            id = join(stream, state);
            if id.is_some() {
                on_change();
            }
        }
        true
    });
    let mut s = lock(state);
    s.open -= 1;
    let left = id.is_some_and(|id| {
        let before = s.audience.len();
        s.audience.retain(|(i, _)| *i != id);
        s.audience.len() != before
    });
    drop(s);
    if left {
        on_change();
    }
}

/// Reads `stream` until it closes or `on` returns false, passing on each well-formed message
/// and dropping everything else.
fn each_message(stream: &UnixStream, mut on: impl FnMut(Message) -> bool) {
    let mut reader = BufReader::new(stream);
    while let Ok(frame) = read_frame(&mut reader) {
        match frame {
            Frame::End => return,
            Frame::TooLong => {}
            Frame::Line(line) => {
                if let Some(msg) = decode(&line)
                    && !on(msg)
                {
                    return;
                }
            }
        }
    }
}

/// Adds a connection to the audience and sends it the current slide; returns its id.
fn join(stream: &UnixStream, state: &Arc<Mutex<HubState>>) -> Option<u64> {
    let mut writer = stream.try_clone().ok()?;
    writer.set_write_timeout(Some(WRITE_TIMEOUT)).ok()?;
    let mut s = lock(state);
    if let Some(last) = &s.last {
        writer.write_all(last).ok()?;
    }
    let id = s.next_id;
    s.next_id += 1;
    s.audience.push((id, writer));
    Some(id)
}

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

#[cfg(test)]
mod tests {
    use std::io::Cursor;
    use std::sync::mpsc;

    use super::*;

    fn shown(slide: usize) -> Shown {
        Shown {
            slide,
            step: 1,
            scroll_permille: 0,
            blank: false,
            frozen: false,
            slides: 84,
            fingerprint: 7,
        }
    }

    #[test]
    fn messages_round_trip_as_one_versioned_line() {
        let line = encode(&Message::Show(shown(4)));
        assert_eq!(line.last(), Some(&b'\n'));
        assert!(!line[..line.len() - 1].contains(&b'\n'));
        assert!(line.starts_with(br#"{"v":1,"msg":{"show":{"slide":4,"#));
        assert_eq!(
            decode(&line[..line.len() - 1]),
            Some(Message::Show(shown(4)))
        );
        assert_eq!(decode(br#"{"v":1,"msg":"hello"}"#), Some(Message::Hello));
    }

    #[test]
    fn garbage_other_versions_and_unknown_kinds_are_dropped() {
        for line in [
            &b"hello"[..],
            b"",
            b"\xff\xfe",
            br#"{"v":2,"msg":"hello"}"#,
            br#"{"msg":"hello"}"#,
            br#"{"v":1,"msg":"goodbye"}"#,
            br#"{"v":1,"msg":{"show":{"slide":1}}}"#,
            br#"{"v":1,"msg":"hello","extra":true}"#,
            b"[1,2,3]",
        ] {
            assert_eq!(decode(line), None, "{}", String::from_utf8_lossy(line));
        }
    }

    #[test]
    fn long_lines_are_skipped_whole_and_reading_goes_on() {
        let mut input = vec![b'x'; MAX_LINE + 1];
        input.push(b'\n');
        input.extend_from_slice(b"ok\n");
        input.extend_from_slice(&[b'y'; MAX_LINE]);
        input.extend_from_slice(b"\ncut");
        // A tiny buffer, so lines arrive in many pieces.
        let mut reader = BufReader::with_capacity(7, Cursor::new(input));
        assert_eq!(read_frame(&mut reader).unwrap(), Frame::TooLong);
        assert_eq!(
            read_frame(&mut reader).unwrap(),
            Frame::Line(b"ok".to_vec())
        );
        assert_eq!(
            read_frame(&mut reader).unwrap(),
            Frame::Line(vec![b'y'; MAX_LINE])
        );
        assert_eq!(read_frame(&mut reader).unwrap(), Frame::End);
    }

    /// How long a test waits for another thread before it fails instead of hanging.
    const WAIT: Duration = Duration::from_secs(10);

    /// A hub on a socket in `dir`, and a channel that hears each join and leave.
    fn hub_in(dir: &Path) -> (Hub, PathBuf, mpsc::Receiver<()>) {
        let path = dir.join("deck.sock");
        let (tx, changes) = mpsc::channel();
        let on_change = move || {
            let _ = tx.send(());
        };
        let Started::Hub(hub) = Hub::start(&path, on_change).unwrap() else {
            panic!("no other presenter runs");
        };
        (hub, path, changes)
    }

    /// Waits, through the hub's join and leave notices, until it counts `n` windows.
    fn until_connected(hub: &Hub, changes: &mpsc::Receiver<()>, n: usize) {
        while hub.connected() != n {
            changes
                .recv_timeout(WAIT)
                .unwrap_or_else(|_| panic!("timed out waiting for {n} audience windows"));
        }
    }

    #[test]
    fn audience_windows_join_get_the_current_slide_and_follow() {
        let dir = tempfile::tempdir().unwrap();
        let (hub, path, changes) = hub_in(dir.path());
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        hub.show(&shown(4));
        let (tx, rx) = mpsc::channel();
        follow(path.clone(), move |heard| tx.send(heard).is_ok()).unwrap();
        assert_eq!(rx.recv_timeout(WAIT).unwrap(), Heard::Show(shown(4)));
        until_connected(&hub, &changes, 1);
        hub.show(&shown(5));
        assert_eq!(rx.recv_timeout(WAIT).unwrap(), Heard::Show(shown(5)));
        drop(hub);
        assert_eq!(rx.recv_timeout(WAIT).unwrap(), Heard::Lost);
        assert!(!path.exists(), "the presenter removes its socket");
    }

    #[test]
    fn a_stale_socket_is_replaced_and_a_live_one_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deck.sock");
        // A crashed presenter: the file is there, nobody listens.
        drop(UnixListener::bind(&path).unwrap());
        assert!(path.exists());
        let Started::Hub(hub) = Hub::start(&path, || {}).unwrap() else {
            panic!("a stale socket must be replaced");
        };
        assert!(matches!(Hub::start(&path, || {}).unwrap(), Started::Taken));
        assert!(path.exists(), "the live presenter keeps its socket");
        drop(hub);
        // Not a socket: never removed.
        fs::write(&path, "notes").unwrap();
        assert!(Hub::start(&path, || {}).is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "notes");
    }

    /// Serves one connection that sent `bytes` and then closed its writing side, on this
    /// thread, to the end; returns the hub's state after it and how often it told of a change.
    fn serve_bytes(bytes: &[u8]) -> (usize, usize, Vec<u8>) {
        let (rogue, ours) = UnixStream::pair().unwrap();
        (&rogue).write_all(bytes).unwrap();
        rogue.shutdown(std::net::Shutdown::Write).unwrap();
        let state = Arc::new(Mutex::new(HubState {
            open: 1,
            last: Some(encode(&Message::Show(shown(2)))),
            ..HubState::default()
        }));
        let changes = Arc::new(Mutex::new(0));
        let counted = Arc::clone(&changes);
        let on_change: OnChange = Arc::new(move || *lock(&counted) += 1);
        serve(&ours, &state, &on_change);
        let mut s = lock(&state);
        let joined = s.next_id;
        s.audience.clear();
        drop(s);
        drop(ours);
        let mut sent = Vec::new();
        std::io::Read::read_to_end(&mut &rogue, &mut sent).unwrap();
        let changed = *lock(&changes);
        (usize::try_from(joined).unwrap(), changed, sent)
    }

    #[test]
    fn connections_that_send_garbage_are_never_counted_nor_sent_anything() {
        let mut garbage = b"\x00\x01garbage\n".to_vec();
        garbage.extend(vec![b'z'; 3 * MAX_LINE]);
        garbage.extend(b"\n{\"v\":9,\"msg\":\"hello\"}\n");
        garbage.extend(b"{\"v\":1,\"msg\":{\"show\":{\"slide\":60}}}\n");
        garbage.extend(b"{\"v\":1,\"msg\":\"take-over\"}\n");
        garbage.extend(b"{\"v\":1,\"msg\":\"hello\""); // cut off before its newline
        assert_eq!(serve_bytes(&garbage), (0, 0, Vec::new()));
        // The same garbage followed by a proper hello: the connection joins, once, and is sent
        // the current slide; so the test above can tell a join from none.
        garbage.extend(b"\n{\"v\":1,\"msg\":\"hello\"}\n");
        let (joined, changed, sent) = serve_bytes(&garbage);
        assert_eq!(
            (joined, changed),
            (1, 2),
            "one join, then the leave at the end"
        );
        assert_eq!(sent, encode(&Message::Show(shown(2))));
    }

    /// Connects to the socket named by `TRIBUNE_TEST_CONNECT`, says hello and prints how many
    /// bytes the presenter sent back before hanging up (or the wait ran out). A test of its
    /// own only so that `a_connection_from_another_user_is_hung_up_on` can run it as another
    /// user; without the variable it does nothing.
    #[test]
    fn connect_and_count_what_comes_back() {
        let Some(path) = std::env::var_os("TRIBUNE_TEST_CONNECT") else {
            return;
        };
        let mut stream = UnixStream::connect(path).unwrap();
        let _ = stream.write_all(&encode(&Message::Hello));
        stream.set_read_timeout(Some(WAIT)).unwrap();
        let mut line = String::new();
        let _ = BufReader::new(&stream).read_line(&mut line);
        println!("got {} bytes", line.len());
    }

    #[test]
    fn a_connection_from_another_user_is_hung_up_on() {
        use std::os::unix::process::CommandExt;
        if !rustix::process::getuid().is_root() {
            // Acting as another user takes root; the directory's mode still keeps others out.
            eprintln!("not run: only root can connect as another user");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        // Open to everyone, so that only the peer check can keep the other user out.
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o777)).unwrap();
        let (hub, path, _changes) = hub_in(dir.path());
        fs::set_permissions(&path, fs::Permissions::from_mode(0o666)).unwrap();
        hub.show(&shown(3));
        let exe = dir.path().join("test-exe");
        fs::copy(std::env::current_exe().unwrap(), &exe).unwrap();
        fs::set_permissions(&exe, fs::Permissions::from_mode(0o755)).unwrap();
        let reply = |uid: Option<u32>| {
            let mut cmd = std::process::Command::new(&exe);
            cmd.args([
                "--exact",
                "link::tests::connect_and_count_what_comes_back",
                "--nocapture",
            ])
            .env("TRIBUNE_TEST_CONNECT", &path);
            if let Some(uid) = uid {
                cmd.uid(uid).gid(uid);
            }
            let out = cmd.output().unwrap();
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .find(|l| l.starts_with("got "))
                .map(str::to_owned)
                .unwrap_or_else(|| panic!("the helper printed nothing: {out:?}"))
        };
        let line = encode(&Message::Show(shown(3)));
        assert_eq!(
            reply(None),
            format!("got {} bytes", line.len()),
            "the same user"
        );
        assert_eq!(reply(Some(65534)), "got 0 bytes", "nobody (uid 65534)");
        assert_eq!(hub.connected(), 0);
    }
}
