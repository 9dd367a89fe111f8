//! The index of notes: a vault scan that reads only the files changed since the last one. Each
//! note is kept in SQLite with its file's [`Stamp`]; a start compares stamps (in parallel, no
//! reads) and reads only what changed, and notes gone leave the index. A cache: the vault stays
//! the source of truth, and an index that cannot be read or written only costs a full scan.

use crate::error::Result;
use crate::note::{Cues, Note};
use crate::store::{Burial, Rows, Store};
use crate::vault::{self, Fresh, Known, Scan, Stamp};
use std::borrow::Cow;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A note changed this recently before a scan is read again next time instead of trusted: a file
/// system's clock ticks coarsely, so a second change within the same tick could keep its stamp.
pub const SETTLE: Duration = Duration::from_secs(2);

/// How long the row of a note no longer found is kept as a tombstone, for a later scan to match
/// it with the same file found at another path: a scan that lists the vault while a note moves
/// finds it at neither path, and a user may take a note out of the vault and put it back.
pub const TOMBSTONE_KEEP: Duration = Duration::from_secs(7 * 24 * 3600);

/// One scan through the index: what was known when it began, and when that was.
pub struct Pass {
    vault: String,
    /// Whether the index held rows of the vault when the scan began: a vault it does not know
    /// is read note by note as the walk finds them, with no rows to wait for.
    indexed: bool,
    /// Known notes whose file the scan did not find.
    gone: Known,
    /// Tombstones younger than [`TOMBSTONE_KEEP`] when the scan began: notes found gone before.
    buried: Vec<(String, Stamp, crate::row::Row)>,
    /// Whether the index holds older ones, to be dropped.
    expired: bool,
    /// The index's rows of notes found last time when the scan began, readable or not.
    rows: usize,
    /// When the scan began, in nanoseconds since 1970.
    began_ns: i64,
    settled_before_ns: i64,
}

/// A note that moved (renamed, or into another folder) between two scans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// Where it was, relative to the vault.
    pub from: String,
    /// Where it is now.
    pub to: String,
}

/// The wall clock in nanoseconds since 1970, as file stamps count.
pub fn now_ns() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

impl Pass {
    /// Begins a scan of `root`, which `store` may have rows of; files changed less than `settle`
    /// before now are not trusted afterwards ([`SETTLE`] outside tests).
    pub fn begin(store: &Store, root: &Path, settle: Duration) -> Pass {
        let vault = crate::store::vault_key(root);
        let indexed = store.has_index(&vault).unwrap_or(true);
        let settle = i64::try_from(settle.as_nanos()).unwrap_or(i64::MAX);
        let began_ns = now_ns();
        Pass {
            vault,
            indexed,
            gone: Known::default(),
            buried: Vec::new(),
            expired: false,
            rows: 0,
            began_ns,
            settled_before_ns: began_ns.saturating_sub(settle),
        }
    }

    /// Tombstones left before this go.
    fn keep_after_ns(&self) -> i64 {
        self.began_ns.saturating_sub(i64::try_from(TOMBSTONE_KEEP.as_nanos()).unwrap_or(i64::MAX))
    }

    /// Scans `root`, reading only the notes whose file changed since `store` indexed them.
    pub fn scan(&mut self, store: &Store, root: &Path) -> Result<(Scan, Fresh)> {
        self.scan_counting(root, &vault::Progress::default(), |vault| store.known_rows(vault))
    }

    /// [`Pass::scan`], counting the notes handled in `progress`, with the index's rows read by
    /// `load` (on this thread, while the walk's threads list the vault). An index that cannot
    /// be read costs a full read.
    pub fn scan_counting(
        &mut self,
        root: &Path,
        progress: &vault::Progress,
        load: impl FnOnce(&str) -> Result<Rows>,
    ) -> Result<(Scan, Fresh)> {
        if !self.indexed {
            return vault::scan_counting(root, progress);
        }
        let keep_after_ns = self.keep_after_ns();
        let (rows, buried, expired) = (&mut self.rows, &mut self.buried, &mut self.expired);
        let vault = &self.vault;
        let load = || {
            let loaded = load(vault).unwrap_or(Rows { count: usize::MAX, ..Rows::default() });
            *rows = loaded.count;
            *expired = loaded.buried.iter().any(|b| b.3 < keep_after_ns);
            buried.extend(
                loaded
                    .buried
                    .into_iter()
                    .filter(|b| b.3 >= keep_after_ns)
                    .map(|(path, stamp, row, _)| (path, stamp, row)),
            );
            loaded.known
        };
        let (scan, fresh, gone) = vault::scan_loading(root, load, progress)?;
        self.gone = gone;
        Ok((scan, fresh))
    }

    /// Keeps what the scan found in `store`, and moves the review log of each note that moved
    /// along with it. A failure is not the user's concern: the next start reads more.
    pub fn finish(self, store: &mut Store, scan: &Scan, fresh: Fresh) -> Vec<Moved> {
        let (moved, update) = self.settle(store, scan, fresh);
        if let Some(update) = update {
            update.apply(store, &scan.notes);
        }
        moved
    }

    /// [`Pass::finish`] but for the index's rows: moves the review log of each note that moved
    /// and says which moved, and returns what the index still needs (nothing when it is
    /// current), for [`Update::apply`] to store once the caller is not waiting: writing 10,000
    /// new rows took a third of a first scan.
    pub fn settle(self, store: &mut Store, scan: &Scan, fresh: Fresh) -> (Vec<Moved>, Option<Update>) {
        let candidates = self.gone.iter().map(|(path, (stamp, row))| (path, stamp, row));
        let candidates = candidates.chain(self.buried.iter().map(|(path, stamp, row)| (path, stamp, row)));
        let moved = moves(candidates, scan, &fresh);
        for m in &moved {
            let _ = store.move_note(&self.vault, &m.from, &m.to);
        }
        // Nothing read afresh and as many notes found as rows: every note came from its own row,
        // so the index is current. (Listing 10,000 rows to find none gone was a tenth of a warm
        // start.)
        let current = fresh.is_empty() && self.gone.is_empty() && scan.notes.len() == self.rows;
        let update = (!current).then(|| Update {
            burial: Burial {
                now_ns: self.began_ns,
                keep_after_ns: self.keep_after_ns(),
                expired: self.expired,
                moved_from: moved.iter().map(|m| m.from.clone()).collect(),
            },
            vault: self.vault,
            fresh,
            settled_before_ns: self.settled_before_ns,
        });
        (moved, update)
    }
}

/// What a scan leaves for the index to store: its notes read afresh (with their stamps), and
/// that notes not found leave.
#[derive(Debug)]
pub struct Update {
    vault: String,
    fresh: Fresh,
    settled_before_ns: i64,
    /// What becomes of the rows of notes not found.
    burial: Burial,
}

impl Update {
    /// Brings the index up to `notes`, the notes of the scan this update came from. A failure
    /// only costs reading more next time.
    pub fn apply(self, store: &mut Store, notes: &[crate::note::Note]) {
        let _ = store.update_index(&self.vault, notes, &self.fresh, self.settled_before_ns, &self.burial);
    }
}

/// The notes that moved: a note gone from one path (`gone`: this scan's, and tombstones) whose
/// file is now at another: the same inode, size, modification time (a rename keeps it) and first
/// study date. A file deleted and another created reuse an inode readily, hence the other checks.
/// Each gone note moves at most once.
fn moves<'a>(
    gone: impl Iterator<Item = (&'a String, &'a Stamp, &'a crate::row::Row)>,
    scan: &Scan,
    fresh: &Fresh,
) -> Vec<Moved> {
    let mut by_inode: std::collections::HashMap<u64, Vec<(&String, &Stamp, &crate::row::Row)>> =
        std::collections::HashMap::new();
    for g in gone {
        by_inode.entry(g.1.inode).or_default().push(g);
    }
    if by_inode.is_empty() {
        return Vec::new();
    }
    let mut taken = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (to, stamp) in fresh {
        let Some(candidates) = by_inode.get(&stamp.inode) else { continue };
        let Some(now) = scan.note(to) else { continue };
        let from = candidates.iter().find(|(from, was, row)| {
            *from != to
                && !taken.contains(from)
                && was.size == stamp.size
                && was.mtime_ns == stamp.mtime_ns
                && row.note(&mut (*from).clone()).is_some_and(|note| note.day0 == now.day0)
        });
        if let Some((from, _, _)) = from {
            taken.insert(*from);
            out.push(Moved { from: (*from).clone(), to: to.clone() });
        }
    }
    out.sort_by(|a, b| a.to.cmp(&b.to));
    out
}

/// The cues' text of notes read back from their files (see [`with_cues`]), each kept with the
/// stamp its file had: the plan and the weak questions are worked out again after every scan,
/// and a note unchanged since is not read again for them.
#[derive(Debug, Default)]
pub struct CueTexts {
    kept: std::sync::Mutex<std::collections::HashMap<std::path::PathBuf, (Stamp, Cues)>>,
}

/// `notes` with their cues' text, for what shows or grades the questions themselves: a note a
/// scan took from its index row has its cues counted only (see [`crate::note::Cues`]), and their
/// text is read from the note's file under `root`, or taken from `texts` if the file has not
/// changed since it was last read there. A note whose file cannot be read keeps its count alone.
pub fn with_cues<'a>(texts: &CueTexts, root: &Path, notes: impl IntoIterator<Item = &'a Note>) -> Vec<Cow<'a, Note>> {
    let mut kept = texts.kept.lock().unwrap_or_else(|e| e.into_inner());
    notes
        .into_iter()
        .map(|note| {
            if note.cues.is_read() {
                return Cow::Borrowed(note);
            }
            let file = root.join(&note.path);
            // The stamp before the read: a change during it leaves a stamp that differs next time.
            let Ok(stamp) = std::fs::symlink_metadata(&file).map(|m| Stamp::of(&m)) else { return Cow::Borrowed(note) };
            let cues = match kept.get(&file) {
                Some((then, cues)) if *then == stamp => Some(cues.clone()),
                _ => vault::read_note(&file).ok().and_then(|bytes| Note::parse(&note.path, &bytes).ok()).map(|n| {
                    kept.insert(file, (stamp, n.cues.clone()));
                    n.cues
                }),
            };
            match cues {
                Some(cues) => Cow::Owned(Note { cues, ..note.clone() }),
                None => Cow::Borrowed(note),
            }
        })
        .collect()
}

/// Scans `root` through the index in `store`.
pub fn scan(store: &mut Store, root: &Path) -> Result<Scan> {
    scan_settling(store, root, SETTLE)
}

/// [`scan`] with another settling time (tests, which change files faster than people do).
pub fn scan_settling(store: &mut Store, root: &Path, settle: Duration) -> Result<Scan> {
    let mut pass = Pass::begin(store, root, settle);
    let (scan, fresh) = pass.scan(store, root)?;
    pass.finish(store, &scan, fresh);
    Ok(scan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn store() -> Store {
        Store::open_in_memory().unwrap()
    }

    /// Writes a note with its modification time a minute back: a plain or broken note just
    /// changed would make the scan wait for it to settle.
    fn write(p: &Path, text: &str) {
        fs::write(p, text).unwrap();
        let then = std::time::SystemTime::now() - Duration::from_secs(60);
        fs::File::options().write(true).open(p).unwrap().set_modified(then).unwrap();
    }

    /// A scan through the index in `s` as a start runs it: what it found and the notes it saw
    /// moved.
    fn scan_for_moves(s: &mut Store, root: &Path) -> (Scan, Vec<Moved>) {
        scan_for_moves_settling(s, root, Duration::ZERO)
    }

    /// [`scan_for_moves`] with another settling time.
    fn scan_for_moves_settling(s: &mut Store, root: &Path, settle: Duration) -> (Scan, Vec<Moved>) {
        let mut pass = Pass::begin(s, root, settle);
        let (scan, fresh) = pass.scan(s, root).unwrap();
        let moved = pass.finish(s, &scan, fresh);
        (scan, moved)
    }

    /// Indexes `root` in `s`, then reviews `a.md` on 10 October 2024: the history a move carries.
    fn index_and_review_a(s: &mut Store, root: &Path) {
        scan_settling(s, root, Duration::ZERO).unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2024, 10, 10).unwrap();
        let now = today.and_hms_opt(9, 0, 0).unwrap();
        crate::journal::review(s, root, "a.md", &crate::journal::ReviewInput::default(), today, now).unwrap();
        scan_settling(s, root, Duration::ZERO).unwrap();
    }

    const REVIEW: &str = "---\n⭕첫 학습날: 2024-10-01\n❤1일복습여부: true\n🧡4일복습여부: false\n---\n### 단서 질문\n- 뭐야?\n    - 이것\n";

    #[test]
    fn a_second_scan_reads_only_what_changed_and_equals_a_fresh_scan() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(&root.join("a.md"), REVIEW);
        write(&root.join("b.md"), "# 메모\n");
        write(&root.join("c.md"), &REVIEW.replace("true", "false"));
        let mut s = store();
        let first = scan_settling(&mut s, root, Duration::ZERO).unwrap();
        assert_eq!(s.known_notes(&crate::store::vault_key(root)).unwrap().len(), 3);

        // A change the stamp shows, a deletion, an addition.
        std::thread::sleep(Duration::from_millis(20));
        write(&root.join("a.md"), &REVIEW.replace("🧡4일복습여부: false", "🧡4일복습여부: true "));
        fs::remove_file(root.join("b.md")).unwrap();
        write(&root.join("d.md"), "---\n이상한: [\n---\n");
        let mut pass = Pass::begin(&s, root, Duration::ZERO);
        let (second, fresh) = pass.scan(&s, root).unwrap();
        assert_eq!(
            fresh.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(),
            ["a.md"],
            "only the changed note is read"
        );
        pass.finish(&mut s, &second, fresh);
        let fresh_scan = vault::scan(root).unwrap();
        assert_eq!(second.notes, fresh_scan.notes);
        assert_eq!(second.issues, fresh_scan.issues);
        assert_ne!(first.notes, second.notes);
        let known = s.known_notes(&crate::store::vault_key(root)).unwrap();
        assert_eq!(
            known.keys().map(String::as_str).collect::<std::collections::BTreeSet<_>>(),
            ["a.md", "c.md"].into()
        );
    }

    #[test]
    fn notes_added_after_the_first_index_come_out_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in ["b.md", "d.md"] {
            write(&root.join(name), REVIEW);
        }
        let mut s = store();
        scan_settling(&mut s, root, Duration::ZERO).unwrap();
        // Their rows come after those of b and d: the index's order is no longer the paths'.
        for name in ["a.md", "c.md", "e.md"] {
            write(&root.join(name), REVIEW);
        }
        scan_settling(&mut s, root, Duration::ZERO).unwrap();
        let mut pass = Pass::begin(&s, root, Duration::ZERO);
        let (scan, fresh) = pass.scan(&s, root).unwrap();
        assert!(fresh.is_empty(), "every note taken from its row");
        let paths: Vec<&str> = scan.notes.iter().map(|n| n.path.as_str()).collect();
        assert_eq!(paths, ["a.md", "b.md", "c.md", "d.md", "e.md"]);
        assert!(scan.note("c.md").is_some_and(|n| !n.cues.is_read()));
    }

    #[test]
    fn a_note_turned_unreadable_leaves_the_index_though_nothing_was_read_afresh() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(&root.join("a.md"), REVIEW);
        write(&root.join("b.md"), REVIEW);
        let mut s = store();
        scan_settling(&mut s, root, Duration::ZERO).unwrap();
        let key = crate::store::vault_key(root);
        // Nothing changed: the index is left as it is, and still whole.
        scan_settling(&mut s, root, Duration::ZERO).unwrap();
        assert_eq!(s.known_rows(&key).unwrap().count, 2);
        // b.md is now broken: not read into a note, not gone either, yet its row must go.
        std::thread::sleep(Duration::from_millis(20));
        write(&root.join("b.md"), "---\n이상한: [\n---\n");
        let again = scan_settling(&mut s, root, Duration::ZERO).unwrap();
        assert_eq!(again.issues.len(), 1);
        assert_eq!(s.known_notes(&key).unwrap().keys().collect::<Vec<_>>(), ["a.md"]);
        assert_eq!(s.known_rows(&key).unwrap().count, 1);
    }

    #[test]
    fn a_note_changed_just_now_is_read_again_next_time() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.md"), REVIEW).unwrap();
        let mut s = store();
        scan(&mut s, dir.path()).unwrap();
        assert!(
            s.known_notes(&crate::store::vault_key(dir.path())).unwrap().is_empty(),
            "younger than SETTLE: not trusted"
        );
    }

    #[test]
    fn a_damaged_row_is_read_again() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.md"), REVIEW).unwrap();
        let mut s = store();
        scan_settling(&mut s, dir.path(), Duration::ZERO).unwrap();
        s.damage_index_for_tests(&crate::store::vault_key(dir.path()));
        assert!(s.known_notes(&crate::store::vault_key(dir.path())).unwrap().is_empty());
        let again = scan_settling(&mut s, dir.path(), Duration::ZERO).unwrap();
        assert_eq!(again.notes, vault::scan(dir.path()).unwrap().notes);
    }

    #[test]
    fn a_moved_note_keeps_its_history_and_a_deleted_one_does_not_lend_it() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(&root.join("a.md"), REVIEW);
        write(&root.join("b.md"), &REVIEW.replace("2024-10-01", "2024-10-02"));
        let mut s = Store::open_in_memory().unwrap();
        index_and_review_a(&mut s, root);

        std::thread::sleep(Duration::from_millis(20));
        fs::create_dir(root.join("네트워크")).unwrap();
        fs::rename(root.join("a.md"), root.join("네트워크/a.md")).unwrap();
        fs::remove_file(root.join("b.md")).unwrap();
        write(&root.join("c.md"), &REVIEW.replace("2024-10-01", "2024-10-02"));
        let (_, moved) = scan_for_moves(&mut s, root);
        assert_eq!(moved, [Moved { from: "a.md".into(), to: "네트워크/a.md".into() }], "c.md is new, not b.md moved");
        let key = crate::store::vault_key(root);
        assert_eq!(s.reviews_of(&key, "네트워크/a.md").unwrap().len(), 1, "the history moved along");
        assert!(s.reviews_of(&key, "a.md").unwrap().is_empty());
    }

    /// A scan that lists the vault while a note moves from one folder to another can find it at
    /// neither path (it lists the new folder before the move and the old one after). The next
    /// scan must still see a move, not a deletion and a new note.
    #[test]
    fn a_note_moved_while_a_scan_listed_the_vault_keeps_its_history() {
        let dir = tempfile::tempdir().unwrap();
        let away = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(&root.join("a.md"), REVIEW);
        let mut s = Store::open_in_memory().unwrap();
        index_and_review_a(&mut s, root);
        let key = crate::store::vault_key(root);

        // What that scan sees: the note at neither path (here, out of the vault while it scans).
        std::thread::sleep(Duration::from_millis(20));
        fs::rename(root.join("a.md"), away.path().join("a.md")).unwrap();
        let (scan, moved) = scan_for_moves(&mut s, root);
        assert!(scan.notes.is_empty() && moved.is_empty());
        assert!(s.known_notes(&key).unwrap().is_empty(), "gone from the notes the index knows");
        assert_eq!(s.known_rows(&key).unwrap().count, 0);

        fs::create_dir(root.join("네트워크")).unwrap();
        fs::rename(away.path().join("a.md"), root.join("네트워크/a.md")).unwrap();
        let (_, moved) = scan_for_moves(&mut s, root);
        assert_eq!(moved, [Moved { from: "a.md".into(), to: "네트워크/a.md".into() }]);
        assert_eq!(s.reviews_of(&key, "네트워크/a.md").unwrap().len(), 1, "the history moved along");
        assert!(s.reviews_of(&key, "a.md").unwrap().is_empty());
        let rows = s.known_rows(&key).unwrap();
        assert!(rows.buried.is_empty(), "a tombstone matched is gone");
        assert_eq!((rows.count, rows.known.keys().map(String::as_str).collect::<Vec<_>>()), (1, vec!["네트워크/a.md"]));
        // Nothing changed since: the index is current and the next scan finds no move.
        let mut pass = Pass::begin(&s, root, Duration::ZERO);
        let (scan, fresh) = pass.scan(&s, root).unwrap();
        assert!(fresh.is_empty());
        let (moved, update) = pass.settle(&mut s, &scan, fresh);
        assert!(moved.is_empty() && update.is_none());
    }

    /// A scan (the watcher's, after another note was written) reads a note, the app then writes
    /// that note and stores its row, and the scan's rows are stored after: the scan must not put
    /// back what it read, nor forget the app's row, which a move of the note is matched by.
    #[test]
    fn a_scan_that_read_a_note_before_the_apps_own_write_leaves_the_apps_row() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("a.md"), REVIEW).unwrap();
        let mut s = store();
        let key = crate::store::vault_key(root);
        let mut pass = Pass::begin(&s, root, Duration::from_secs(60));
        let (scan, fresh) = pass.scan(&s, root).unwrap();
        assert_eq!(fresh.len(), 1, "read, and too young to trust");

        std::thread::sleep(Duration::from_millis(20));
        let today = chrono::NaiveDate::from_ymd_opt(2024, 10, 10).unwrap();
        let now = today.and_hms_opt(9, 0, 0).unwrap();
        crate::journal::review(&mut s, root, "a.md", &crate::journal::ReviewInput::default(), today, now).unwrap();
        let stamp = Stamp::of(&fs::symlink_metadata(root.join("a.md")).unwrap());
        let written = Note::parse("a.md", &fs::read(root.join("a.md")).unwrap()).unwrap();
        s.index_note(&key, stamp, &written).unwrap();
        pass.finish(&mut s, &scan, fresh);
        let known = s.known_notes(&key).unwrap();
        assert_eq!(known.get("a.md"), Some(&(stamp, written)), "the app's row stands");

        fs::create_dir(root.join("네트워크")).unwrap();
        fs::rename(root.join("a.md"), root.join("네트워크/a.md")).unwrap();
        let (_, moved) = scan_for_moves(&mut s, root);
        assert_eq!(moved, [Moved { from: "a.md".into(), to: "네트워크/a.md".into() }]);
        assert_eq!(s.reviews_of(&key, "네트워크/a.md").unwrap().len(), 1, "the history moved along");
    }

    /// A rename makes the file's change time new, so the row of a note just moved is not trusted
    /// yet; a second move seconds later must still be matched by it.
    #[test]
    fn a_note_moved_twice_within_seconds_keeps_its_history() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(&root.join("a.md"), REVIEW);
        let mut s = store();
        index_and_review_a(&mut s, root);
        let key = crate::store::vault_key(root);
        let scan_now = |s: &mut Store| scan_for_moves_settling(s, root, Duration::from_secs(60)).1;

        fs::create_dir(root.join("네트워크")).unwrap();
        fs::rename(root.join("a.md"), root.join("네트워크/a.md")).unwrap();
        assert_eq!(scan_now(&mut s), [Moved { from: "a.md".into(), to: "네트워크/a.md".into() }]);
        assert!(s.known_notes(&key).unwrap().is_empty(), "just moved: not trusted");
        fs::create_dir(root.join("아카이브")).unwrap();
        fs::rename(root.join("네트워크/a.md"), root.join("아카이브/a.md")).unwrap();
        assert_eq!(scan_now(&mut s), [Moved { from: "네트워크/a.md".into(), to: "아카이브/a.md".into() }]);
        assert_eq!(s.reviews_of(&key, "아카이브/a.md").unwrap().len(), 1, "the history moved along twice");

        // Trusted once it has settled: the next scan reads it once more and the index is current.
        assert!(scan_now(&mut s).is_empty());
        scan_settling(&mut s, root, Duration::ZERO).unwrap();
        assert_eq!(s.known_notes(&key).unwrap().keys().collect::<Vec<_>>(), ["아카이브/a.md"]);
        let mut pass = Pass::begin(&s, root, Duration::ZERO);
        assert!(pass.scan(&s, root).unwrap().1.is_empty(), "nothing read again");
    }

    #[test]
    fn a_tombstone_is_kept_for_a_week_and_a_note_back_at_its_path_is_no_move() {
        let dir = tempfile::tempdir().unwrap();
        let away = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(&root.join("a.md"), REVIEW);
        write(&root.join("b.md"), &REVIEW.replace("2024-10-01", "2024-10-02"));
        let mut s = Store::open_in_memory().unwrap();
        scan_settling(&mut s, root, Duration::ZERO).unwrap();
        let key = crate::store::vault_key(root);
        fs::rename(root.join("a.md"), away.path().join("a.md")).unwrap();
        fs::rename(root.join("b.md"), away.path().join("b.md")).unwrap();
        scan_settling(&mut s, root, Duration::ZERO).unwrap();
        assert_eq!(s.known_rows(&key).unwrap().buried.len(), 2);

        // b.md comes back where it was: its row is live again, and no move is seen.
        fs::rename(away.path().join("b.md"), root.join("b.md")).unwrap();
        assert!(scan_for_moves(&mut s, root).1.is_empty());
        let rows = s.known_rows(&key).unwrap();
        assert_eq!((rows.count, rows.buried.len()), (1, 1));

        // a.md's tombstone, eight days old, is no longer matched, and the next update drops it.
        s.age_tombstones_for_tests(&key, Duration::from_secs(8 * 24 * 3600));
        fs::rename(away.path().join("a.md"), root.join("c.md")).unwrap();
        assert!(scan_for_moves(&mut s, root).1.is_empty(), "too old to match");
        let rows = s.known_rows(&key).unwrap();
        assert_eq!((rows.count, rows.buried.len()), (2, 0));
    }
}
