//! Watching the open vault (notify, debounced): a note changed, added, renamed or deleted by
//! another program (Obsidian, a sync tool) brings the index, the tray and the open screen up to
//! date without a full rescan or a page reload. A burst of changes (a sync writing 500 files)
//! arrives as one batch. The app's own writes are recognized and not echoed. A vault folder that
//! disappears is reported by the next scan, and watched again when it comes back.

use crate::event::VAULT_EVENT;
use bokseup_core::session::Session;
use bokseup_core::vault::Stamp;
use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{new_debouncer, DebounceEventResult};
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{channel, RecvTimeoutError};
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// How long the watcher waits for a burst of changes to end before acting on it.
const SETTLE: Duration = Duration::from_millis(100);

/// Starts watching, on a thread of its own, whichever vault is open.
pub fn start<R: Runtime>(app: AppHandle<R>) {
    let spawned = std::thread::Builder::new().name("vault-watch".into()).spawn(move || run(&app));
    if let Err(e) = spawned {
        eprintln!("bokseup: no file watcher: {e}");
    }
}

fn run<R: Runtime>(app: &AppHandle<R>) {
    let (tx, rx) = channel::<DebounceEventResult>();
    let mut debouncer = match new_debouncer(SETTLE, tx) {
        Ok(d) => d,
        Err(e) => {
            // Without a watcher the app still rescans on focus and at each reminder.
            eprintln!("bokseup: no file watcher: {e}");
            return;
        }
    };
    let mut watched: Option<PathBuf> = None;
    // The stamp of each path as last seen: the kernel also reports a file opened or read (the
    // scan's own reads among them), which changes nothing.
    let mut seen: HashMap<PathBuf, Option<Stamp>> = HashMap::new();
    // When the current watch began: a path reported for the first time whose last change is
    // older was only read (the scan that opened the vault, Obsidian reading it).
    let mut armed_ns = 0i64;
    loop {
        let session = app.state::<Session>();
        let open = session.open_vault_name().map(|(_, path)| path);
        if let Some(path) = watched.as_ref().filter(|p| open.as_ref() != Some(p) || !p.is_dir()) {
            let _ = debouncer.watcher().unwatch(path);
            let gone = open.as_ref() == Some(path);
            watched = None;
            if gone {
                changed(app); // the folder is gone: the scan says so on screen
            }
        }
        if watched.is_none() {
            if let Some(path) = open.filter(|p| p.is_dir()) {
                if debouncer.watcher().watch(&path, RecursiveMode::Recursive).is_ok() {
                    watched = Some(path);
                    seen.clear();
                    // The file system's clock ticks coarsely: a little before now.
                    armed_ns = bokseup_core::index::now_ns().saturating_sub(50_000_000);
                    // What changed between the page's scan and now (or while the folder was
                    // away) is caught up at once; an unchanged vault tells no one.
                    changed(app);
                }
            }
        }
        // Short waits: a vault just opened is watched within a fifth of a second.
        match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(Ok(events)) => {
                let root = watched.clone().unwrap_or_default();
                let mut paths = Vec::new();
                for e in events.iter().filter(|e| matters(&root, &e.path)) {
                    let now = std::fs::symlink_metadata(&e.path).ok().map(|m| Stamp::of(&m));
                    let was = seen.insert(e.path.clone(), now);
                    // A folder's stamp changes with its entries, a note's when it is written;
                    // neither when read.
                    let changed_here = match (was, now) {
                        (Some(was), now) => was != now,
                        (None, Some(now)) => now.ctime_ns >= armed_ns,
                        (None, None) => true, // gone
                    };
                    if changed_here && !session.is_own_write(&e.path) {
                        paths.push(e.path.clone());
                    }
                }
                if !paths.is_empty() {
                    notes_changed(app, &paths);
                }
            }
            Ok(Err(_)) | Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

/// Whether a change at `path` can change the agenda: a note, or a folder (a folder moved or
/// deleted takes its notes along). Dot-names are not part of the vault (`.obsidian` changes all
/// the time while Obsidian is open; the app's temporary files start with a dot too).
fn matters(root: &Path, path: &Path) -> bool {
    let inside = path.strip_prefix(root).unwrap_or(path);
    let hidden = inside.components().any(|c| matches!(c, Component::Normal(n) if n.to_string_lossy().starts_with('.')));
    if hidden {
        return false;
    }
    let markdown = path.extension().is_some_and(|x| x.eq_ignore_ascii_case("md"));
    markdown || path.is_dir() || !path.exists()
}

/// Notes another program wrote: only they are read again (anything else takes a full scan
/// through the index); if what the app shows changed, the tray, the timer and the page follow.
fn notes_changed<R: Runtime>(app: &AppHandle<R>, paths: &[PathBuf]) {
    let session = app.state::<Session>();
    if let Ok(false) = session.notes_changed(paths, session.now()) {
        return;
    }
    tell(app);
}

/// The vault may have changed: a scan through the index (only the changed files are read); if
/// what the app shows changed, or the vault cannot be read, the tray, the timer and the page
/// follow.
fn changed<R: Runtime>(app: &AppHandle<R>) {
    let session = app.state::<Session>();
    if let Ok(false) = session.rescan(session.now()) {
        return;
    }
    tell(app);
}

/// What the app shows changed: the page follows (the session told the tray and the timer).
fn tell<R: Runtime>(app: &AppHandle<R>) {
    let _ = app.emit_to("main", VAULT_EVENT, ());
}

#[cfg(test)]
mod tests {
    use super::matters;
    use std::path::Path;

    #[test]
    fn notes_and_folders_matter_dot_names_and_attachments_do_not() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("과목")).unwrap();
        std::fs::write(root.join("그림.png"), b"x").unwrap();
        assert!(matters(root, &root.join("과목/노트.md")));
        assert!(matters(root, &root.join("과목")), "a folder");
        assert!(matters(root, &root.join("지운 폴더")), "gone: a folder or a note, it may have held notes");
        assert!(!matters(root, &root.join("그림.png")), "an attachment");
        assert!(!matters(root, &root.join(".obsidian/workspace.json")));
        assert!(!matters(root, &root.join("과목/.노트.md.bokseup-1-0.tmp")), "the app's temporary file");
        assert!(!matters(root, Path::new("/elsewhere/.trash/x.md")));
    }
}
