//! Watching the deck file for saves. The folder is watched, not the file: most editors save by
//! writing a new file and renaming it over the old one, which a watch on the file itself
//! would lose. A burst of events (truncate, write, rename) becomes one `DeckChanged` once the
//! file has been quiet for a moment.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use super::events::{Event, Poster};

/// How long the file must be quiet before it is read: long enough for an editor's save to
/// finish, short enough that a save shows within a second.
const QUIET: Duration = Duration::from_millis(200);

/// Watches `deck`; each save ends up as one `Event::DeckChanged` posted to the loop. Keep the
/// returned watcher alive for as long as the watch should last.
pub fn watch(deck: &Path, poster: Poster) -> notify::Result<RecommendedWatcher> {
    let deck = std::path::absolute(deck).unwrap_or_else(|_| deck.to_owned());
    let folder = deck
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_owned);
    let name = deck.file_name().map(ToOwned::to_owned);
    let (tx, rx) = mpsc::channel::<()>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        if event.kind.is_access() {
            return;
        }
        if event.paths.iter().any(|p| p.file_name() == name.as_deref()) {
            let _ = tx.send(());
        }
    })?;
    watcher.watch(&folder, RecursiveMode::NonRecursive)?;
    thread::Builder::new()
        .name("deck-watch".into())
        .spawn(move || {
            while rx.recv().is_ok() {
                // Let the burst end.
                while rx.recv_timeout(QUIET).is_ok() {}
                if !poster.post(Event::DeckChanged) {
                    return;
                }
            }
        })
        .map_err(|e| notify::Error::generic(&e.to_string()))?;
    Ok(watcher)
}
