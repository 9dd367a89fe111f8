//! The vault's folders, listed by a few threads at once: every entry under a root, except names
//! starting with `.` (`.obsidian`, `.trash`, `.git`), without following symbolic links, each
//! handed to one thread's visitor.
//!
//! Not `ignore`'s parallel walk, which the scan used before: an idle thread of it sleeps a
//! millisecond before it looks for work again, and every walk ends with that sleep (most of a
//! scan of a small vault); it stats a file by its whole path where std's entry stats it by name
//! within its open folder; and it brings a glob engine the vault does not use (Obsidian ignores
//! `.gitignore`). Here an idle thread waits on a condition variable, and a folder's entries are
//! shared out in small batches, so a vault of one folder is read by every thread too.

use std::fs::DirEntry;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};

/// How many entries of one folder make one piece of work: enough that threads seldom meet at the
/// queue, few enough that a folder of a few hundred notes is shared.
const BATCH: usize = 32;

/// A folder that could not be listed, or an entry of it that could not be read.
#[derive(Debug)]
pub struct Unreadable {
    /// The folder.
    pub path: PathBuf,
    /// Why.
    pub error: std::io::Error,
}

/// An entry of a folder with its path, made once: the walk looks at its name, and the visitor
/// keeps it (`DirEntry::file_name` and `DirEntry::path` each make a copy).
pub struct Entry {
    /// The entry: its type and metadata are had by name within its open folder.
    pub dir_entry: DirEntry,
    /// Its path: the folder's, then its name.
    pub path: PathBuf,
}

/// What a visitor is handed: an entry, or a folder that could not be listed.
pub type Found = Result<Entry, Unreadable>;

/// What a thread can take from the queue.
enum Work {
    Folder(PathBuf),
    Entries(Vec<Entry>),
}

/// The work not yet taken, and how many threads are working on something (which may add more).
struct Queue {
    state: Mutex<(Vec<Work>, usize)>,
    changed: Condvar,
}

impl Queue {
    /// The next piece of work, waiting while others may still add some; `None` once the queue is
    /// empty and nobody is working.
    fn take(&self) -> Option<Work> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(work) = state.0.pop() {
                state.1 += 1;
                return Some(work);
            }
            // Nothing queued and nobody working: whoever finished last woke everyone (`done`).
            if state.1 == 0 {
                return None;
            }
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    fn add(&self, work: Work) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.0.push(work);
        drop(state);
        self.changed.notify_one();
    }

    /// One piece of work is done.
    fn done(&self) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.1 -= 1;
        let finished = state.1 == 0 && state.0.is_empty();
        drop(state);
        if finished {
            self.changed.notify_all();
        }
    }
}

/// Marks a piece of work done when dropped.
struct Done<'a>(&'a Queue);

impl Drop for Done<'_> {
    fn drop(&mut self) {
        self.0.done();
    }
}

/// Lists everything under `root` on `threads` threads (at least one). Each thread makes its
/// visitor with `visitor`, hands it every entry it takes (files, links, anything but a folder
/// that is walked into) or folder it cannot list, and drops it when the walk ends.
pub fn walk<V>(root: &Path, threads: usize, visitor: impl Fn() -> V + Sync)
where
    V: FnMut(Found),
{
    let queue = Queue { state: Mutex::new((vec![Work::Folder(root.to_path_buf())], 0)), changed: Condvar::new() };
    let run = || {
        let mut visit = visitor();
        while let Some(work) = queue.take() {
            // Done even if the visitor panics: the other threads then end instead of waiting.
            let _done = Done(&queue);
            match work {
                Work::Folder(folder) => list(&folder, &queue, &mut visit),
                Work::Entries(entries) => entries.into_iter().for_each(|e| visit(Ok(e))),
            }
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..threads.max(1) {
            scope.spawn(run);
        }
        run();
    });
}

/// Lists one folder: its folders go to the queue one by one, its other entries in batches, the
/// last batch visited here.
fn list<V>(folder: &Path, queue: &Queue, visit: &mut V)
where
    V: FnMut(Found),
{
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(error) => return visit(Err(Unreadable { path: folder.to_path_buf(), error })),
    };
    let mut batch = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                visit(Err(Unreadable { path: folder.to_path_buf(), error }));
                continue;
            }
        };
        let path = entry.path();
        if name_of(folder, &path).first() == Some(&b'.') {
            continue;
        }
        // The entry's own type: a link to a folder is a link, never walked into.
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            queue.add(Work::Folder(path));
            continue;
        }
        batch.push(Entry { dir_entry: entry, path });
        if batch.len() == BATCH {
            queue.add(Work::Entries(std::mem::take(&mut batch)));
        }
    }
    batch.into_iter().for_each(|e| visit(Ok(e)));
}

/// The bytes of the name that `path`, an entry of `folder`, ends with.
fn name_of<'a>(folder: &Path, path: &'a Path) -> &'a [u8] {
    let rest = path.as_os_str().as_encoded_bytes().get(folder.as_os_str().len()..).unwrap_or_default();
    match rest.first() {
        Some(&b) if std::path::is_separator(char::from(b)) => &rest[1..],
        _ => rest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::fs;

    /// Every entry the walk visits on `threads` threads, relative to `root`, with how often it
    /// was visited, and the folders it could not list.
    fn visited(root: &Path, threads: usize) -> (BTreeMap<String, usize>, Vec<PathBuf>) {
        let seen = Mutex::new((BTreeMap::new(), Vec::new()));
        walk(root, threads, || {
            |entry: Found| {
                let mut seen = seen.lock().unwrap();
                match entry {
                    Ok(e) => {
                        let rel = e.path.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                        *seen.0.entry(rel).or_insert(0) += 1;
                    }
                    Err(u) => seen.1.push(u.path),
                }
            }
        });
        seen.into_inner().unwrap()
    }

    #[test]
    fn every_entry_is_visited_once_on_any_number_of_threads() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let mut expected = Vec::new();
        // One big folder (shared out in batches), nested folders, an empty folder.
        for i in 0..300 {
            expected.push(format!("노트 {i}.md"));
        }
        for d in ["a", "a/b", "a/b/c", "과목"] {
            fs::create_dir_all(root.join(d)).unwrap();
            for i in 0..40 {
                expected.push(format!("{d}/{i}.md"));
            }
        }
        fs::create_dir_all(root.join("empty")).unwrap();
        expected.push("a/그림.png".to_string());
        for rel in &expected {
            fs::write(root.join(rel), "x").unwrap();
        }
        expected.sort();
        for threads in [0, 1, 2, 3, 8] {
            let (seen, unreadable) = visited(root, threads);
            assert!(unreadable.is_empty(), "{unreadable:?}");
            assert!(seen.values().all(|&n| n == 1), "visited twice on {threads} threads");
            assert_eq!(seen.into_keys().collect::<Vec<_>>(), expected, "on {threads} threads");
        }
    }

    #[test]
    fn dot_names_are_skipped_and_links_are_visited_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let (root, outside) = (dir.path().join("볼트"), dir.path().join("밖"));
        for d in [".obsidian", ".trash/old", "노트", &outside.to_string_lossy()] {
            fs::create_dir_all(root.join(d)).unwrap();
        }
        for f in [".obsidian/x.md", ".trash/old/y.md", ".md", ".숨김.md", "노트/a.md"] {
            fs::write(root.join(f), "x").unwrap();
        }
        fs::write(outside.join("바깥.md"), "x").unwrap();
        std::os::unix::fs::symlink(&outside, root.join("링크 폴더")).unwrap();
        std::os::unix::fs::symlink(outside.join("바깥.md"), root.join("링크.md")).unwrap();
        let (seen, unreadable) = visited(&root, 2);
        assert!(unreadable.is_empty());
        assert_eq!(seen.into_keys().collect::<Vec<_>>(), ["노트/a.md", "링크 폴더", "링크.md"]);
    }

    #[test]
    fn a_visitor_that_panics_ends_the_walk_with_its_panic() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..200 {
            fs::write(dir.path().join(format!("{i}.md")), "x").unwrap();
        }
        let walked = std::panic::catch_unwind(|| {
            walk(dir.path(), 2, || |_: Found| panic!("a visitor's bug"));
        });
        assert!(walked.is_err());
    }

    #[test]
    fn a_folder_that_cannot_be_listed_is_visited_as_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("없음");
        let (seen, unreadable) = visited(&gone, 2);
        assert!(seen.is_empty());
        assert_eq!(unreadable, [gone]);
    }
}
