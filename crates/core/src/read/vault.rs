//! Scanning an Obsidian vault: every `.md` file read, in parallel, into a [`Note`] or an [`Issue`].

use crate::error::{Error, Part, Result, Special};
use crate::note::Note;
use crate::read::folders;

/// How long a note must have been still before the app reads it as whole or writes it: a note
/// changed within the last moment may be half-saved by another program.
pub const QUIET: std::time::Duration = std::time::Duration::from_secs(1);
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use ts_rs::TS;

/// A file the scan could not use, and why. The scan goes on without it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Issue {
    /// Path relative to the vault, `/`-separated.
    pub path: String,
    /// What is wrong, for the user.
    pub message: String,
}

/// What a scan found: notes and problem files, each sorted by path.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    /// Every readable note, review or plain.
    pub notes: Vec<Note>,
    /// Every file that could not be used, with the reason.
    pub issues: Vec<Issue>,
    /// Every other visible file (images, PDFs, …), vault-relative: what `![[embeds]]` can show.
    pub attachments: Vec<String>,
}

pub use crate::read::file::{being_written, Stamp};

/// Notes as read before, by path, each with the stamp its file had then, as index rows: what the
/// index of notes hands to [`scan_loading`], which decodes the row of each file found unchanged.
pub type Known = HashMap<String, (Stamp, crate::row::Row), PathHash>;

/// The hash of [`Known`]'s paths: a warm start looks up and inserts every note's path, and the
/// standard hash (SipHash, made to resist keys chosen by an attacker over a network) took a
/// tenth of its time. The paths are the user's own file names, read once on this machine.
#[derive(Debug, Clone, Copy, Default)]
pub struct PathHash;

impl std::hash::BuildHasher for PathHash {
    type Hasher = PathHasher;
    fn build_hasher(&self) -> PathHasher {
        PathHasher(0)
    }
}

/// [`PathHash`]'s hasher: eight bytes at a time, each word mixed in by a multiply and a rotate
/// (as rustc's FxHash does), with a final mix so that the table's low bits depend on every word.
#[derive(Debug)]
pub struct PathHasher(u64);

impl std::hash::Hasher for PathHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0xf135_7aea_2e62_a9c5;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            self.0 = (self.0 ^ word).wrapping_mul(K).rotate_left(26);
        }
        let mut last = [0u8; 8];
        last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.0 = (self.0 ^ u64::from_le_bytes(last) ^ bytes.len() as u64).wrapping_mul(K).rotate_left(26);
    }

    fn finish(&self) -> u64 {
        let h = self.0 ^ (self.0 >> 29);
        h.wrapping_mul(0xbf58_476d_1ce4_e5b9) ^ (h >> 32)
    }
}

/// Notes read afresh by a scan, by path, with the stamp their file had as they were read.
pub type Fresh = Vec<(String, Stamp)>;

/// Reads every Markdown note under `root`.
///
/// Files and folders whose name starts with `.` (`.obsidian`, `.trash`, `.git`, a file named
/// `.md`) are skipped; `.gitignore` files are not read, as Obsidian does not read them either;
/// symbolic links are not followed, so the scan stays inside the vault. Only a missing or
/// unreadable root is an error: any problem with one file or folder becomes an [`Issue`] and the
/// scan continues.
pub fn scan(root: &Path) -> Result<Scan> {
    scan_counting(root, &Progress::default()).map(|(scan, _)| scan)
}

/// How far a running scan has come, for a progress display: the notes handled so far (read, or
/// taken from the index). Shared by the scan's threads and whoever shows it.
#[derive(Debug, Default)]
pub struct Progress {
    handled: AtomicUsize,
}

impl Progress {
    /// The notes handled so far.
    pub fn handled(&self) -> usize {
        self.handled.load(Ordering::Relaxed)
    }
}

/// [`scan`], counting each note handled in `progress`; returns as well every note read with the
/// stamp its file had as it was read.
pub fn scan_counting(root: &Path, progress: &Progress) -> Result<(Scan, Fresh)> {
    if !root.is_dir() {
        return Err(Error::MissingFolder(root.to_path_buf()));
    }
    let found = Found::default();
    let fresh = Mutex::new(Fresh::new());
    let suspects = Mutex::new(Vec::new());
    folders::walk(root, threads(), || {
        let mut batch =
            Batch { found: &found, local: Scan::default(), suspects: &suspects, fresh: &fresh, read: Fresh::new() };
        move |entry: folders::Found| {
            match entry {
                Ok(folders::Entry { dir_entry: entry, path }) => {
                    let kind = entry.file_type().ok();
                    if kind.is_some_and(|t| t.is_file()) && is_markdown(&path) {
                        progress.handled.fetch_add(1, Ordering::Relaxed);
                        // The stamp comes from the read itself: no stat by name at all.
                        match read_into(&mut batch.local, root, &path, true) {
                            Outcome::Suspect => lock(batch.suspects).push(path),
                            Outcome::Note(stamp) => batch.read.push((relative(root, &path), stamp)),
                            Outcome::Issue => {}
                        }
                    } else {
                        other_entry(&mut batch.local, root, &path, kind);
                    }
                }
                Err(unreadable) => batch.local.issues.push(walk_issue(root, &unreadable)),
            }
            if batch.local.issues.len() + batch.local.attachments.len() + batch.read.len() >= 64 {
                batch.flush();
            }
        }
    });
    Ok((ended(root, found, suspects), fresh.into_inner().unwrap_or_else(|e| e.into_inner())))
}

/// What a walk's threads found: their issues and attachments as they go, and their notes as
/// one run per thread, sorted by path, when each ends.
#[derive(Default)]
struct Found {
    scan: Mutex<Scan>,
    runs: Mutex<Vec<Vec<Note>>>,
}

/// The scan a walk's threads found, its half-saved notes settled, in path order.
fn ended(root: &Path, found: Found, suspects: Mutex<Vec<PathBuf>>) -> Scan {
    let mut scan = found.scan.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut runs = found.runs.into_inner().unwrap_or_else(|e| e.into_inner());
    settle_suspects(&mut scan, root, suspects.into_inner().unwrap_or_else(|e| e.into_inner()));
    scan.notes.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    runs.push(std::mem::take(&mut scan.notes));
    scan.notes = merge(runs);
    scan.issues.sort_by(|a, b| a.path.cmp(&b.path));
    scan.attachments.sort();
    scan
}

/// Runs of notes sorted by path merged into one, each note moved once into a list of the right
/// size: sorting the runs' concatenation moved every note two or three times, through a
/// scratch copy as large as the scan.
fn merge(mut runs: Vec<Vec<Note>>) -> Vec<Note> {
    runs.retain(|run| !run.is_empty());
    if runs.len() <= 1 {
        return runs.pop().unwrap_or_default();
    }
    let mut out = Vec::with_capacity(runs.iter().map(Vec::len).sum());
    let mut heads: Vec<_> = runs.into_iter().map(Vec::into_iter).collect();
    // A handful of runs (one per thread): the least head is found by looking at each.
    fn head(run: &std::vec::IntoIter<Note>) -> Option<&str> {
        run.as_slice().first().map(|n| n.path.as_str())
    }
    while let Some(least) = (0..heads.len()).filter(|&i| head(&heads[i]).is_some()).min_by_key(|&i| head(&heads[i])) {
        out.extend(heads[least].next());
    }
    out
}

/// A walk's entry that is not a note's file: an attachment, or a `.md` that is not a file
/// (listed with why: nothing is silent).
fn other_entry(scan: &mut Scan, root: &Path, path: &Path, kind: Option<std::fs::FileType>) {
    if kind.is_some_and(|t| t.is_file()) {
        scan.attachments.push(relative(root, path));
    } else if is_markdown(path) {
        let message = Error::SpecialFile(kind.map_or(Special::Other, crate::read::file::special)).to_string();
        scan.issues.push(Issue { path: relative(root, path), message });
    }
}

/// A note's file as the walk listed it, before it is taken from its index row or read.
struct Listed {
    rel: String,
    path: PathBuf,
    /// Its stamp, by name within its open folder; `None` if it could not be had.
    stamp: Option<Stamp>,
}

/// How many listed notes a thread takes at a time from the shared list.
const TAKE: usize = 64;

/// [`scan_counting`] for a vault the index has rows of: the walk's threads list the folders and
/// stat each note's file, handing the notes over in parts, while this thread reads the rows with
/// `load`; as soon as the rows are read this thread takes each listed note from its row where the
/// stamp is the one known (or reads it afresh), and the walk's threads join it when the walk ends.
/// (Taking notes only once the walk had ended left this thread idle for a fifth of a warm start;
/// reading every row before the walk, the walk's threads for a third.) Returns as well the known
/// notes whose file was not found (deleted, or moved: a moved file keeps its inode). The stamp is
/// taken before the read, so a file changed meanwhile is only ever read again next time, never
/// missed.
pub fn scan_loading(root: &Path, load: impl FnOnce() -> Known, progress: &Progress) -> Result<(Scan, Fresh, Known)> {
    if !root.is_dir() {
        return Err(Error::MissingFolder(root.to_path_buf()));
    }
    let threads = threads();
    let found = Found::default();
    let parts = Parts::default();
    // The rows, and a place for each row's note in the rows' order (see `Row::at`).
    let known = std::sync::OnceLock::<(Known, Vec<std::sync::OnceLock<Note>>)>::new();
    let (fresh, suspects) = (Mutex::new(Fresh::new()), Mutex::new(Vec::new()));
    let take = || {
        let Some((known, places)) = parts.rows_read().then(|| known.get()).flatten() else { return };
        let mut batch =
            Batch { found: &found, local: Scan::default(), suspects: &suspects, fresh: &fresh, read: Fresh::new() };
        while let Some(part) = parts.next() {
            let listed = part.len();
            // Each listed note is used up here: its path moves into its note, and the part is
            // freed on this thread rather than all parts at the scan's end.
            for Listed { mut rel, path, stamp } in part {
                let row = stamp.and_then(|now| known.get(&rel).map(|(then, row)| (now == *then, row)));
                if let Some((_, row)) = row {
                    row.mark_found();
                }
                // A row that does not decode (damaged, or of an older layout) is read afresh.
                match row.and_then(|(same, row)| same.then(|| Some((row.take_note(&mut rel)?, row))).flatten()) {
                    Some((note, row)) => match row.place().and_then(|p| places.get(p)) {
                        // Each path's row has a place of its own: a place is never set twice.
                        Some(place) => place.set(note).unwrap_or_else(|note| batch.local.notes.push(note)),
                        None => batch.local.notes.push(note),
                    },
                    None => match read_into(&mut batch.local, root, &path, true) {
                        Outcome::Suspect => lock(batch.suspects).push(path),
                        Outcome::Note(stamp) => batch.read.push((rel, stamp)),
                        Outcome::Issue => {}
                    },
                }
            }
            progress.handled.fetch_add(listed, Ordering::Relaxed);
            batch.flush();
        }
    };
    std::thread::scope(|scope| {
        scope.spawn(|| {
            {
                // Ends the walk for the takers even if a visitor panics.
                let _walked = Walked(&parts);
                folders::walk(root, threads, || {
                    let mut lists =
                        Lists { parts: &parts, found: &found, local: Vec::with_capacity(TAKE), other: Scan::default() };
                    move |entry: folders::Found| match entry {
                        Ok(folders::Entry { dir_entry: entry, path }) => {
                            let kind = entry.file_type().ok();
                            if kind.is_some_and(|t| t.is_file()) && is_markdown(&path) {
                                let stamp = entry.metadata().ok().map(|m| Stamp::of(&m));
                                lists.local.push(Listed { rel: relative(root, &path), path, stamp });
                                if lists.local.len() == TAKE {
                                    lists.parts.add(std::mem::replace(&mut lists.local, Vec::with_capacity(TAKE)));
                                }
                            } else {
                                other_entry(&mut lists.other, root, &path, kind);
                            }
                        }
                        Err(unreadable) => lists.other.issues.push(walk_issue(root, &unreadable)),
                    }
                });
            }
            std::thread::scope(|more| {
                for _ in 2..threads {
                    more.spawn(take);
                }
                take();
            });
        });
        {
            // Lets the walk's threads take notes once the rows are read, or give up if `load` panics.
            let _read = RowsRead(&parts);
            let rows = load();
            let places = rows.values().filter_map(|(_, row)| row.place()).max().map_or(0, |last| last + 1);
            let _ = known.set((rows, std::iter::repeat_with(std::sync::OnceLock::new).take(places).collect()));
        }
        take();
    });
    let (mut known, places) = known.into_inner().unwrap_or_default();
    // In path order, as the rows came: no sort.
    let placed: Vec<Note> = places.into_iter().filter_map(std::sync::OnceLock::into_inner).collect();
    debug_assert!(placed.is_sorted_by(|a, b| a.path < b.path), "rows in path order");
    lock(&found.runs).push(placed);
    // Gone: known notes whose file was not found with a stamp (one that could not be stat'ed
    // stays known, so that its row goes if its read failed too).
    known.retain(|_, (_, row)| !row.was_found());
    Ok((ended(root, found, suspects), fresh.into_inner().unwrap_or_else(|e| e.into_inner()), known))
}

/// The notes the walk listed, in parts of [`TAKE`]: handed over by the walk's threads as they
/// list them, taken by the threads that take each note from its index row.
#[derive(Default)]
struct Parts {
    state: Mutex<PartsState>,
    changed: Condvar,
}

#[derive(Default)]
struct PartsState {
    /// Listed, not taken yet.
    waiting: Vec<Vec<Listed>>,
    walked: bool,
    /// Whether the rows were read; `Some(false)` if reading them panicked.
    rows: Option<bool>,
}

impl Parts {
    fn state(&self) -> std::sync::MutexGuard<'_, PartsState> {
        lock(&self.state)
    }

    fn add(&self, part: Vec<Listed>) {
        self.state().waiting.push(part);
        self.changed.notify_one();
    }

    /// The state once `until` holds of it.
    fn wait(&self, until: impl Fn(&PartsState) -> bool) -> std::sync::MutexGuard<'_, PartsState> {
        self.changed.wait_while(self.state(), |s| !until(s)).unwrap_or_else(|e| e.into_inner())
    }

    /// Waits until the rows are read; false if reading them failed.
    fn rows_read(&self) -> bool {
        self.wait(|s| s.rows.is_some()).rows == Some(true)
    }

    /// The next part to take, waiting while the walk may list more; `None` once all are taken.
    fn next(&self) -> Option<Vec<Listed>> {
        self.wait(|s| !s.waiting.is_empty() || s.walked).waiting.pop()
    }
}

/// Says the walk ended when dropped, panic or not.
struct Walked<'a>(&'a Parts);

impl Drop for Walked<'_> {
    fn drop(&mut self) {
        self.0.state().walked = true;
        self.0.changed.notify_all();
    }
}

/// Says the rows were read (or, dropped in a panic, that they will not be) when dropped.
struct RowsRead<'a>(&'a Parts);

impl Drop for RowsRead<'_> {
    fn drop(&mut self) {
        self.0.state().rows = Some(!std::thread::panicking());
        self.0.changed.notify_all();
    }
}

/// One walker thread's listing for [`scan_loading`]: its notes handed over in parts as they
/// fill, the rest when the walk ends.
struct Lists<'a> {
    parts: &'a Parts,
    found: &'a Found,
    local: Vec<Listed>,
    other: Scan,
}

impl Drop for Lists<'_> {
    fn drop(&mut self) {
        if !self.local.is_empty() {
            self.parts.add(std::mem::take(&mut self.local));
        }
        let mut found = lock(&self.found.scan);
        found.issues.append(&mut self.other.issues);
        found.attachments.append(&mut self.other.attachments);
    }
}

/// How many notes a scan of `root` would handle, from the folders' listings alone (no file is
/// opened): the total for a progress display, a few milliseconds per thousand notes.
pub fn count_notes(root: &Path) -> usize {
    let count = AtomicUsize::new(0);
    folders::walk(root, threads(), || {
        |entry: folders::Found| {
            if let Ok(entry) = entry {
                if entry.dir_entry.file_type().is_ok_and(|t| t.is_file()) && is_markdown(&entry.path) {
                    count.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
    });
    count.into_inner()
}

/// How many threads walk a vault: the machine's cores, up to 8.
fn threads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get()).min(8)
}

/// One walker thread's results, moved to the shared list in batches so threads rarely contend
/// for the lock; the rest moves when the thread's visitor is dropped at the end of the walk.
struct Batch<'a> {
    found: &'a Found,
    local: Scan,
    /// Notes that looked half-saved (see [`read_into`]).
    suspects: &'a Mutex<Vec<PathBuf>>,
    fresh: &'a Mutex<Fresh>,
    /// This thread's notes read afresh, with their stamps.
    read: Fresh,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Notes changed within the last moment that read as broken or plain may be half-saved by
/// another program: the scan waits until they have been still for [`QUIET`] and reads them
/// again, once, for all of them together. One still changing is reported as being saved, never
/// as a plain or broken note.
fn settle_suspects(scan: &mut Scan, root: &Path, suspects: Vec<PathBuf>) {
    if suspects.is_empty() {
        return;
    }
    // Wait while any is still changing, up to a few quiet periods in all.
    let deadline = std::time::Instant::now() + QUIET * 3;
    loop {
        let youngest = suspects.iter().filter_map(|p| modified_age(p).ok()).min().unwrap_or(QUIET);
        if youngest >= QUIET || std::time::Instant::now() >= deadline {
            break;
        }
        std::thread::sleep(QUIET.saturating_sub(youngest));
    }
    for path in suspects {
        if modified_age(&path).is_ok_and(|age| age < QUIET) {
            scan.issues.push(Issue { path: relative(root, &path), message: Error::Busy.to_string() });
        } else {
            read_into(scan, root, &path, false);
        }
    }
}

impl Batch<'_> {
    /// Moves this thread's issues, attachments and stamps to the shared lists. Its notes move
    /// once, when it ends, sorted: the scan's final sort then only merges one sorted run per
    /// thread, where sorting every note on one thread was a tenth of a warm start.
    fn flush(&mut self) {
        let mut all = lock(&self.found.scan);
        all.issues.append(&mut self.local.issues);
        all.attachments.append(&mut self.local.attachments);
        drop(all);
        lock(self.fresh).append(&mut self.read);
    }
}

impl Drop for Batch<'_> {
    fn drop(&mut self) {
        self.flush();
        self.local.notes.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        lock(&self.found.runs).push(std::mem::take(&mut self.local.notes));
    }
}

impl Scan {
    /// The note at `path` (relative to the vault); the notes are sorted by path.
    pub fn note(&self, path: &str) -> Option<&Note> {
        self.notes.binary_search_by(|n| n.path.as_str().cmp(path)).ok().map(|i| &self.notes[i])
    }

    /// The link index of this vault: every note and attachment by name.
    pub fn links(&self) -> crate::render::Links {
        let notes = self.notes.iter().map(|n| n.path.as_str());
        let issues = self.issues.iter().map(|i| i.path.as_str());
        crate::render::Links::new(notes.chain(issues).chain(self.attachments.iter().map(String::as_str)))
    }
}

fn is_markdown(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("md"))
}

/// The largest note the app reads: a note with many pasted images can be large, but a file
/// past this is not a study note.
pub const MAX_NOTE: u64 = 64 * 1024 * 1024;

/// Reads a note's bytes: a regular file (never a link, a pipe or a device, which could block or
/// lead out of the vault) of at most [`MAX_NOTE`] bytes.
pub fn read_note(path: &Path) -> Result<Vec<u8>> {
    read_stamped(path).map(|(bytes, _)| bytes)
}

/// Reads a note's bytes as [`read_note`] does, with the file's metadata as of the read.
fn read_stamped(path: &Path) -> Result<(Vec<u8>, std::fs::Metadata)> {
    use std::io::Read;
    // What is checked below is the very file that is read: a link is refused at the open.
    let file = crate::read::file::open(path)?;
    let meta = file.metadata().map_err(Error::read(path))?;
    if !meta.is_file() {
        return Err(Error::SpecialFile(crate::read::file::special(meta.file_type())));
    }
    let too_large = |size: u64| Error::TooLarge { part: Part::Note, size, limit: MAX_NOTE };
    if meta.len() > MAX_NOTE {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Through `Take`, which reads to the end as `File` does but without asking the file's size
    // and position again (a stat and a seek per note); the bound holds a file that grows.
    (&file).take(MAX_NOTE + 1).read_to_end(&mut bytes).map_err(Error::read(path))?;
    if bytes.len() as u64 > MAX_NOTE {
        return Err(too_large(bytes.len() as u64));
    }
    Ok((bytes, meta))
}

/// Reads a note once it has been still for `quiet` and no other program holds it open for
/// writing: a note changed within the last moment, or held by a save paused half-way, may be
/// half-saved (a sync tool, an editor that writes in pieces, a slow disk). Waits while it keeps
/// changing or stays held, up to ten times `quiet`, then gives up with [`Error::Busy`].
pub fn read_settled(path: &Path, quiet: std::time::Duration) -> Result<Vec<u8>> {
    let patience = quiet * 10;
    let started = std::time::Instant::now();
    let writing = || crate::read::file::being_written(path);
    loop {
        let age = modified_age(path)?;
        // A program holding the note open for writing may be paused half-way through its save.
        if age >= quiet && !writing() {
            let bytes = read_note(path)?;
            // Still the same file, unchanged while it was read?
            let same = std::fs::metadata(path).map(|m| m.len()).ok() == Some(bytes.len() as u64);
            if modified_age(path)? >= quiet && same && !writing() {
                return Ok(bytes);
            }
        }
        if started.elapsed() > patience {
            return Err(Error::Busy);
        }
        std::thread::sleep(quiet.saturating_sub(age).max(std::time::Duration::from_millis(20)));
    }
}

/// How long ago the file was last modified; a time in the future (another device's clock) counts
/// as long ago.
fn modified_age(path: &Path) -> Result<std::time::Duration> {
    let meta = std::fs::symlink_metadata(path).map_err(Error::read(path))?;
    age_of(&meta).ok_or_else(|| Error::read(path)(std::io::Error::other("no modification time")))
}

/// How long ago a file was last modified, by its metadata.
fn age_of(meta: &std::fs::Metadata) -> Option<std::time::Duration> {
    let modified = meta.modified().ok()?;
    Some(std::time::SystemTime::now().duration_since(modified).unwrap_or(std::time::Duration::MAX))
}

/// What became of a note read into the scan.
enum Outcome {
    /// Read, with its stamp as of the read.
    Note(Stamp),
    /// Listed among the scan's issues.
    Issue,
    /// Left out: it may be half-saved (see [`read_into`]).
    Suspect,
}

/// Reads one note into the scan. With `doubt`, a note changed within the last moment that reads
/// as broken or plain is left out as a [`Outcome::Suspect`]: it may be half-saved (see
/// [`settle_suspects`]).
fn read_into(scan: &mut Scan, root: &Path, path: &Path, doubt: bool) -> Outcome {
    let rel = relative(root, path);
    let read = read_stamped(path).and_then(|(bytes, meta)| Ok((Note::parse(&rel, &bytes)?, meta)));
    let young = |age: Option<std::time::Duration>| doubt && age.is_some_and(|age| age < QUIET);
    match read {
        // The read's own metadata says how old the note is: no second look by name.
        Ok((note, meta)) if note.kind == crate::note::Kind::Plain && young(age_of(&meta)) => Outcome::Suspect,
        Ok((note, meta)) => {
            scan.notes.push(note);
            Outcome::Note(Stamp::of(&meta))
        }
        // A half-saved note can be cut anywhere; a pipe or a bomb stays what it is.
        Err(ref err)
            if !matches!(err, Error::SpecialFile(_) | Error::TooLarge { .. } | Error::TooDeep { .. })
                && young(modified_age(path).ok()) =>
        {
            Outcome::Suspect
        }
        Err(err) => {
            scan.issues.push(Issue { path: rel, message: err.to_string() });
            Outcome::Issue
        }
    }
}

fn walk_issue(root: &Path, unreadable: &folders::Unreadable) -> Issue {
    let path = relative(root, &unreadable.path);
    let reason = crate::error::os_reason(&unreadable.error, crate::lang::current());
    Issue {
        path,
        message: crate::lang::tf(
            format!("폴더를 읽을 수 없습니다: {reason}"),
            format!("cannot read the folder: {reason}"),
        ),
    }
}

/// The file at the vault-relative path `rel`, refusing anything that could leave the vault or
/// reach a hidden file: absolute paths, `..`, names starting with `.`, symbolic links pointing out.
pub fn resolve(root: &Path, rel: &str) -> Result<PathBuf> {
    let outside = || Error::OutsideVault(rel.to_string());
    let relative = Path::new(rel);
    let clean = relative
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(n) if !n.to_string_lossy().starts_with('.')));
    if rel.is_empty() || !clean {
        return Err(outside());
    }
    let root = canonical(root).map_err(|_| Error::MissingFolder(root.to_path_buf()))?;
    let joined = root.join(relative);
    let path = canonical(&joined).map_err(Error::read(&joined))?;
    if !path.starts_with(&root) || !path.is_file() {
        return Err(outside());
    }
    Ok(path)
}

/// The vault-relative, `/`-separated form of `path`: a note's key in the index, the journal, the
/// history files and `obsidian://` links, the same whichever system's separator made `path`.
pub fn relative(root: &Path, path: &Path) -> String {
    // The walk's paths are the root, a `/` and clean UTF-8: taken as they are (checked by SIMD).
    // Comparing components and checking UTF-8 string by string was a tenth of a warm start at
    // 10,000 Korean-named notes.
    #[cfg(unix)]
    {
        let root = root.as_os_str().as_encoded_bytes();
        let rest = path.as_os_str().as_encoded_bytes().strip_prefix(root).and_then(|r| r.strip_prefix(b"/"));
        if let Some(Ok(text)) = rest.filter(|_| !root.is_empty()).map(simdutf8::basic::from_utf8) {
            if text.split('/').all(|part| !part.is_empty() && part != ".") {
                return text.to_owned();
            }
        }
    }
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Makes sure writing `path` inside the vault at `root` goes through no symbolic link: every
/// folder from `root` down to it, and `path` itself when it exists, must be a real folder or
/// file (a shared or downloaded vault can hold a link pointing anywhere). Folders that are
/// missing are made, one level at a time, when `make` is set. A `path` outside `root` is not
/// the vault's to guard and passes as it is.
pub fn no_links(root: &Path, path: &Path, make: bool) -> Result<()> {
    let Ok(inside) = path.strip_prefix(root) else { return Ok(()) };
    let parts: Vec<_> = inside.components().collect();
    let mut at = root.to_path_buf();
    for (i, part) in parts.iter().enumerate() {
        at.push(part);
        let last = i + 1 == parts.len();
        match std::fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => return Err(Error::Link(at)),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !last && make => {
                match std::fs::create_dir(&at) {
                    Ok(()) => {}
                    // Made meanwhile by another writer: looked at again on the next level's way.
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        if std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
                            return Err(Error::Link(at));
                        }
                    }
                    Err(source) => return Err(Error::Write { path: at, source }),
                }
            }
            Err(_) => return Ok(()),
        }
    }
    Ok(())
}

/// The key of the note a person typed as a path inside the vault (`bokseup review VAULT
/// 과목\노트.md` on Windows, `./AWS/AMI.md`): the system's separators become `/`, a leading `./`
/// goes. Anything else (`..`, an absolute path) is kept for [`resolve`] to refuse.
pub fn note_key(typed: &str) -> String {
    use std::path::Component;
    let path = Path::new(typed);
    if !path.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir)) {
        return typed.to_owned();
    }
    let parts: Vec<_> = path.components().filter(|c| *c != Component::CurDir).collect();
    parts.iter().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The absolute form of `path` with every link resolved, written as the system's own tools
/// write it: Windows' `canonicalize` answers in the verbatim form (`\\?\C:\…`), which Explorer,
/// Obsidian and the user do not read, so it is given back in the plain form where that names
/// the same file (see [`plain`]).
pub fn canonical(path: &Path) -> std::io::Result<PathBuf> {
    let path = std::fs::canonicalize(path)?;
    Ok(match path.to_str().and_then(plain) {
        Some(plain) => PathBuf::from(plain),
        None => path,
    })
}

/// The plain form of a Windows verbatim path (`\\?\C:\a` → `C:\a`, `\\?\UNC\srv\share\a` →
/// `\\srv\share\a`), or `None` when there is none that names the same file: a path longer than
/// the old 260-character limit, a component the plain form would change (a trailing dot or
/// space, a device name such as `CON` or `nul.txt`), `/` or a relative part. Any other path
/// (every path on Linux and macOS) is `None` too, and kept as it is.
pub fn plain(path: &str) -> Option<String> {
    let plain = if let Some(rest) = path.strip_prefix(r"\\?\UNC\") {
        format!(r"\\{rest}")
    } else {
        let rest = path.strip_prefix(r"\\?\")?;
        let drive = rest.as_bytes();
        if drive.len() < 3 || !drive[0].is_ascii_alphabetic() || drive[1] != b':' || drive[2] != b'\\' {
            return None;
        }
        rest.to_owned()
    };
    const DEVICES: [&str; 22] = [
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1",
        "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    // The drive (`C:`) or the server (`srv`) comes first; the rest are names the plain form reads.
    let mut names = plain.trim_start_matches('\\').trim_end_matches('\\').split('\\').skip(1);
    let unchanged = names.all(|name| {
        let stem = name.split('.').next().unwrap_or(name).trim_end().to_ascii_lowercase();
        !name.is_empty() && !name.ends_with(['.', ' ']) && !DEVICES.contains(&stem.as_str())
    });
    (plain.chars().count() < 260 && !plain.contains('/') && unchanged).then_some(plain)
}

#[cfg(test)]
mod tests {
    use super::{relative, PathHash};
    use std::hash::BuildHasher;
    use std::path::{Path, PathBuf};

    /// Paths alike but for one byte anywhere (a long shared folder, the last letter, the length)
    /// hash apart, and in the table's low bits too: a hash of the first or last word alone, or
    /// with no final mix, would fill a few buckets.
    #[test]
    fn paths_that_differ_anywhere_hash_apart() {
        let folder = "과목/네트워크/그림으로 배우는 네트워크 원리/";
        let paths: Vec<String> = (0..2000)
            .map(|i| format!("{folder}TCP {i}.md"))
            .chain([folder.to_string(), format!("{folder}/")])
            .collect();
        let hashes: std::collections::HashSet<u64> = paths.iter().map(|p| PathHash.hash_one(p)).collect();
        assert_eq!(hashes.len(), paths.len());
        let buckets: std::collections::HashSet<u64> = hashes.iter().map(|h| h & 0xfff).collect();
        assert!(buckets.len() > 1500, "{} of 4096 low-bit buckets", buckets.len());
        assert_ne!(PathHash.hash_one("a.md"), PathHash.hash_one("a.md\0"), "the length counts");
    }

    /// The fast path and the components' walk name every path alike.
    #[test]
    fn a_relative_path_is_the_same_by_either_route() {
        let root = Path::new("/볼트");
        let slow = |p: &Path| {
            let rel = p.strip_prefix(root).unwrap_or(p);
            rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
        };
        let mut paths: Vec<PathBuf> = [
            "/볼트/a.md",
            "/볼트/네트워크/TCP 3-way.md",
            "/볼트",
            "/볼트/a//b.md",
            "/볼트/./a.md",
            "/볼트/a/./b.md",
            "/볼트/a/",
            "/elsewhere/x.md",
            "/볼트/../x.md",
            "/볼트트/x.md",
            "/볼트/.obsidian/x.md",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            paths.push(Path::new(std::ffi::OsStr::from_bytes(b"/\xeb\xb3\xbc\xed\x8a\xb8/bad\xff.md")).to_path_buf());
        }
        for p in &paths {
            assert_eq!(relative(root, p), slow(p), "{}", p.display());
        }
        assert_eq!(relative(root, Path::new("/볼트/네트워크/TCP.md")), "네트워크/TCP.md");
    }

    /// The index's rows for every note of `root`, as a scan through the index reads them.
    fn rows_of(root: &Path) -> super::Known {
        let scan = super::scan(root).unwrap();
        scan.notes
            .iter()
            .map(|n| {
                let stamp = super::Stamp::of(&std::fs::symlink_metadata(root.join(&n.path)).unwrap());
                (n.path.clone(), (stamp, crate::row::Row::new(&crate::row::encode(n))))
            })
            .collect()
    }

    /// A vault of `n` review notes in a few folders, modified a minute ago (settled).
    fn vault_of(n: usize) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let then = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        for i in 0..n {
            let folder = dir.path().join(format!("과목 {}", i % 7));
            std::fs::create_dir_all(&folder).unwrap();
            let file = folder.join(format!("노트 {i}.md"));
            std::fs::write(
                &file,
                format!("---\n⭕첫 학습날: 2024-10-01\n❤1일복습여부: true\n---\n### 단서 질문\n- {i}?\n    - 답\n"),
            )
            .unwrap();
            std::fs::File::options().write(true).open(&file).unwrap().set_modified(then).unwrap();
        }
        dir
    }

    /// The walk hands notes over while the rows are still being read, and whichever comes
    /// last, every note is taken from its row exactly once.
    #[test]
    fn every_note_is_taken_from_its_row_whether_the_rows_or_the_walk_end_first() {
        let dir = vault_of(500);
        let root = dir.path();
        let fresh_scan = super::scan(root).unwrap();
        let rows = rows_of(root);
        for wait in [0, 80] {
            let progress = super::Progress::default();
            let load = || {
                std::thread::sleep(std::time::Duration::from_millis(wait));
                rows.clone()
            };
            let (scan, fresh, gone) = super::scan_loading(root, load, &progress).unwrap();
            assert!(fresh.is_empty(), "nothing read afresh (rows after {wait} ms)");
            assert!(gone.is_empty());
            assert_eq!(scan.notes, fresh_scan.notes);
            assert_eq!(progress.handled(), 500);
        }
        // A note deleted: the rest from their rows, its row gone.
        std::fs::remove_file(root.join("과목 3/노트 3.md")).unwrap();
        let (scan, fresh, gone) = super::scan_loading(root, || rows.clone(), &super::Progress::default()).unwrap();
        assert!(fresh.is_empty());
        assert_eq!(scan.notes.len(), 499);
        assert_eq!(gone.keys().collect::<Vec<_>>(), ["과목 3/노트 3.md"]);
    }

    /// Reading the rows panics: the walk's threads, waiting for the rows, give up, and the scan
    /// ends with the panic instead of hanging.
    #[test]
    fn rows_that_cannot_be_read_for_a_panic_end_the_scan_with_it() {
        let dir = vault_of(200);
        let scanned = std::panic::catch_unwind(|| {
            super::scan_loading(dir.path(), || panic!("the index broke"), &super::Progress::default())
        });
        assert!(scanned.is_err());
    }
}
