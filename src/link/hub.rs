//! The presenter's end of the link: a socket that accepts audience windows (only from this
//! user), counts those that said hello, and sends them what to show.

use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::Duration;

use super::place::with_path;
use super::protocol::{Message, each_message, encode};
use crate::app::Shown;

/// How many audience windows one presenter serves (each has a thread).
const MAX_CLIENTS: usize = 32;

/// How long the presenter waits for an audience window that does not read before dropping it:
/// a stuck window must not freeze the teacher's screen.
const WRITE_TIMEOUT: Duration = Duration::from_millis(100);

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

#[cfg(test)]
mod tests {
    use std::io::{BufRead, BufReader};
    use std::sync::mpsc;

    use super::*;
    use crate::link::follow::{Heard, follow};
    use crate::link::protocol::MAX_LINE;

    fn shown(slide: usize) -> Shown {
        Shown {
            slide,
            step: 1,
            scroll_permille: 0,
            blank: false,
            frozen: false,
            slides: 84,
            fingerprint: 7,
            theme: None,
        }
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
        let notices = Arc::new(Mutex::new(0));
        let counted = Arc::clone(&notices);
        let on_change: OnChange = Arc::new(move || *lock(&counted) += 1);
        serve(&ours, &state, &on_change);
        let mut s = lock(&state);
        let joined = s.next_id;
        s.audience.clear();
        drop(s);
        drop(ours);
        let mut sent = Vec::new();
        std::io::Read::read_to_end(&mut &rogue, &mut sent).unwrap();
        let told = *lock(&notices);
        (usize::try_from(joined).unwrap(), told, sent)
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
                "link::hub::tests::connect_and_count_what_comes_back",
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
                .map_or_else(
                    || panic!("the helper printed nothing: {out:?}"),
                    str::to_owned,
                )
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
