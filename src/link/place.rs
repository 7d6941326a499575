//! Where the sockets live: a directory private to the user (`$XDG_RUNTIME_DIR/tribune`, else
//! one under the system's temporary directory), one socket per deck.

use std::fs;
use std::io;
use std::os::unix::fs::{DirBuilderExt, MetadataExt};
use std::path::{Path, PathBuf};

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

/// An I/O error that names the path it is about.
pub fn with_path(e: &io::Error, path: &Path) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}
