//! The open vault: which folder, its last scan (kept up to date with the app's own writes and
//! other programs' changes through the index of notes), and the notes read from it.

use super::{lock, Change, Session};
use crate::agenda::{Agenda, Counts, NoteView, Overview};
use crate::error::{Error, Result};
use crate::index;
use crate::lang::tr;
use crate::note::Note;
use crate::render::Links;
use crate::vault::Scan;
use crate::{demo, frontmatter, journal, vault};
use chrono::NaiveDateTime;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, MutexGuard};
use ts_rs::TS;

/// What the session knows of the vault: the open one, where the demo lives, which to start on.
pub(super) struct State {
    pub(super) demo_dir: PathBuf,
    pub(super) start_vault: Option<PathBuf>,
    /// Whether a vault opened is remembered as the app's (the window); the command line's are not.
    pub(super) remember: bool,
    pub(super) open: Mutex<Option<OpenVault>>,
    /// Why the open vault could not be read when the timer last tried, until it can be again.
    pub(super) problem: Mutex<Option<String>>,
    /// How long a changed note must have been still before the index trusts its stamp.
    pub(super) settle: std::time::Duration,
    /// Counts every change of the open vault's scan (a new scan, a note re-read).
    pub(super) scan_version: AtomicU64,
    /// Held while a vault is opened because none was: the reminder timer and the page both ask
    /// at launch, and the second takes the first's scan instead of reading the vault again.
    pub(super) opening: Mutex<()>,
    /// Held while a vault is scanned and made the open one, and while a note is read again into
    /// the open vault's scan (the app's own write, another program's change): a rescan of the
    /// open vault and the opening of another take turns, and a rescan takes the open vault's
    /// path once it has its turn, so a rescan begun before a drop never puts the vault it
    /// started on back, nor a note as it was before a write. Taken after `opening`, before the
    /// open vault's lock and the store's.
    pub(super) switching: Mutex<()>,
}

impl State {
    pub(super) fn new(demo_dir: PathBuf) -> State {
        State {
            demo_dir,
            start_vault: None,
            remember: true,
            open: Mutex::new(None),
            problem: Mutex::new(None),
            settle: index::SETTLE,
            scan_version: AtomicU64::new(0),
            opening: Mutex::new(()),
            switching: Mutex::new(()),
        }
    }
}

/// The open vault's agenda for today as one state: its folder, whether it is the demo, and the
/// state's number ([`OpenVault::version`]).
struct OpenAgenda {
    path: PathBuf,
    demo: bool,
    agenda: Arc<Agenda>,
    version: u64,
}

#[derive(Debug, Clone)]
pub(super) struct OpenVault {
    pub(super) path: PathBuf,
    pub(super) demo: bool,
    /// Every note and attachment by name, made when a note is first shown (the command line's
    /// `scan` and `due` show none: at 10,000 notes this was a twentieth of their time).
    links: std::sync::OnceLock<Links>,
    /// The last scan, kept up to date with the app's own writes.
    pub(super) scan: Arc<Scan>,
    /// The scan grouped for its day, kept up to date along with it, one note at a time.
    pub(super) agenda: Arc<Agenda>,
    /// Whether the kept calendar file follows this vault: it holds the app's vault's schedule,
    /// whichever route opened it.
    pub(super) calendar: bool,
    /// The session's count of changes to the open vault when this state was made (see
    /// [`Overview::version`]).
    pub(super) version: u64,
}

impl OpenVault {
    /// The link index of the vault, from its scan as it is when first asked.
    pub(super) fn links(&self) -> &Links {
        self.links.get_or_init(|| self.scan.links())
    }
}

/// A vault the user has opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VaultEntry {
    /// The folder, absolute.
    pub path: String,
    /// Its name, as Obsidian shows it.
    pub name: String,
    /// Whether it is the vault open now.
    pub open: bool,
    /// Whether the folder is still there.
    pub exists: bool,
}

impl Session {
    /// Opens the vault the app starts on: `requested` (from the command line) if given, else the
    /// vault opened last if its folder still exists, else the demo vault.
    pub fn start(&self, requested: Option<&Path>, now: NaiveDateTime) -> Result<Overview> {
        if let Some(path) = requested {
            return self.open_vault(path, now);
        }
        match self.remembered_vault()? {
            Some(path) => self.overview_of(&path, false, true, now),
            None => self.open_demo(now),
        }
    }

    /// The app's vault (opened last in the window), if its folder is still there.
    pub(super) fn remembered_vault(&self) -> Result<Option<PathBuf>> {
        Ok(self.store().current_vault()?.filter(|p| p.is_dir()))
    }

    /// Opens a folder chosen by the user (dropped, picked, named on the command line) and, in the
    /// window, remembers it for the next launch. A file, a missing folder or a folder without a
    /// single note is refused with the reason, and the open vault stays open.
    pub fn open_vault(&self, path: &Path, now: NaiveDateTime) -> Result<Overview> {
        if path.is_file() {
            return Err(Error::NotAFolder(path.to_path_buf()));
        }
        if !path.is_dir() {
            return Err(Error::MissingFolder(path.to_path_buf()));
        }
        let path = vault::canonical(path).map_err(Error::read(path))?;
        let _turn = lock(&self.vault.switching);
        let (scan, update) = self.scan(&path)?;
        if scan.notes.is_empty() && scan.issues.is_empty() {
            self.index_scan(update, &Arc::new(scan));
            return Err(Error::NoNotes(path));
        }
        if self.vault.remember {
            self.store().remember_vault(&path, now)?;
        }
        let follows = self.vault.remember || self.store().current_vault()?.as_deref() == Some(path.as_path());
        Ok(self.show(&path, false, follows, (scan, update), now))
    }

    /// Opens the demo vault, writing it first (dates relative to today) if it does not exist.
    pub fn open_demo(&self, now: NaiveDateTime) -> Result<Overview> {
        if !self.vault.demo_dir.is_dir() {
            demo::write(&self.vault.demo_dir, self.today(now))?;
        }
        self.overview_of(&self.vault.demo_dir, true, true, now)
    }

    /// Scans the open vault again and groups it for today; opens the start vault (see
    /// [`Session::start`]) if none is open yet.
    pub fn overview(&self, now: NaiveDateTime) -> Result<Overview> {
        let turn = lock(&self.vault.switching);
        let open = self.lock_open().as_ref().map(|v| (v.path.clone(), v.demo, v.calendar));
        match open {
            Some((path, demo, calendar)) => self.scan_and_show(&path, demo, calendar, now),
            None => {
                // Opening the start vault takes its own turn.
                drop(turn);
                self.opened(now)
            }
        }
    }

    /// [`Session::overview`] as the page shows it: the vault scanned again, then each group's
    /// first `rows` notes and every count. What home takes when the window comes back to the
    /// front.
    pub fn rescan_page(&self, rows: usize, now: NaiveDateTime) -> Result<Overview> {
        let whole = self.overview(now)?;
        Ok(Overview::new(Path::new(&whole.vault), whole.demo, whole.agenda.first_page(rows), whole.version))
    }

    /// Opens the start vault because none is open, unless another thread is doing just that: it
    /// then waits for that scan and takes it.
    fn opened(&self, now: NaiveDateTime) -> Result<Overview> {
        let _opening = lock(&self.vault.opening);
        if self.lock_open().is_some() {
            return self.current_overview(now);
        }
        self.start(self.vault.start_vault.as_deref(), now)
    }

    /// Opens the start vault now, unless one is open, so that the window's first screen finds it
    /// read: the app calls this on its own thread while the window and its page load, and
    /// [`Session::first_screen`] waits for this scan instead of starting its own. A folder that
    /// cannot be opened is left for `first_screen` to report on screen.
    pub fn open_ahead(&self, now: NaiveDateTime) {
        if self.lock_open().is_none() {
            let _ = self.opened(now);
        }
    }

    /// The open vault's overview for the first screen: the first `rows` notes of each group and
    /// every count ([`Agenda::first_page`]), from the last scan (the launch's [`Session::open_ahead`]
    /// has just made it), opening the start vault if none is open. A screen that lists every note
    /// takes the rest with [`Session::current_overview`] when it is opened.
    pub fn first_screen(&self, rows: usize, now: NaiveDateTime) -> Result<Overview> {
        if self.lock_open().is_none() {
            self.opened(now)?;
        }
        self.current_page(rows, now)
    }

    /// The open vault's overview as the page shows it: the first `rows` notes of each group and
    /// every count, from the last scan, which the file watcher keeps up to date. What the page
    /// takes when another program changed a note: a few hundred rows, not the whole vault.
    pub fn current_page(&self, rows: usize, now: NaiveDateTime) -> Result<Overview> {
        self.current_overview_with(now, |a| a.first_page(rows))
    }

    /// Scans `path`, makes it the open vault (the calendar file following it if `calendar`), and
    /// groups it for today.
    pub(super) fn overview_of(&self, path: &Path, demo: bool, calendar: bool, now: NaiveDateTime) -> Result<Overview> {
        let _turn = lock(&self.vault.switching);
        self.scan_and_show(path, demo, calendar, now)
    }

    /// [`Session::overview_of`] for a caller that holds the turn to switch vaults.
    fn scan_and_show(&self, path: &Path, demo: bool, calendar: bool, now: NaiveDateTime) -> Result<Overview> {
        let scanned = self.scan(path)?;
        Ok(self.show(path, demo, calendar, scanned, now))
    }

    /// Scans `path` through the index of notes, reading only the files changed since the last
    /// scan. The database is not held while the files are read. Returns as well what the index
    /// still needs, for [`Session::index_scan`].
    fn scan(&self, path: &Path) -> Result<(Scan, Option<index::Update>)> {
        // The rows of notes just written are in the index before it is read.
        self.indexer.flush();
        let mut pass = index::Pass::begin(&self.store(), path, self.vault.settle);
        let listener = lock(&self.listener).clone();
        let progress = vault::Progress::default();
        let (ended, end) = std::sync::mpsc::channel::<()>();
        std::thread::scope(|threads| {
            let counted = &progress;
            if let Some(listener) = &listener {
                threads.spawn(move || report_progress(path, counted, &end, &|p| listener(Change::Progress(p))));
            }
            let scanned = pass.scan_counting(path, &progress, |vault| self.store().known_rows(vault));
            let scanned = scanned.map(|(mut scan, fresh)| {
                let (moves, update) = pass.settle(&mut self.store(), &scan, fresh);
                self.moved(path, &moves, self.clock.now());
                // Other devices' answers (and this one's, into a new database).
                scan.issues.extend(self.import_history(path));
                scan.issues.sort_by(|a, b| a.path.cmp(&b.path));
                (scan, update)
            });
            drop(ended);
            scanned
        })
    }

    /// Hands a scan's index rows to the indexing thread: the screen (or the command's output)
    /// does not wait for them, and the next scan does (it flushes the indexer first).
    fn index_scan(&self, update: Option<index::Update>, scan: &Arc<Scan>) {
        if let Some(update) = update {
            self.indexer.update(&self.store, update, Arc::clone(scan));
        }
    }

    fn show(
        &self,
        path: &Path,
        demo: bool,
        calendar: bool,
        scanned: (Scan, Option<index::Update>),
        now: NaiveDateTime,
    ) -> Overview {
        let scan = Arc::new(scanned.0);
        self.index_scan(scanned.1, &scan);
        let agenda = Arc::new(Agenda::new(&scan, self.today(now)));
        let mut open = self.lock_open();
        // Numbered under the lock that makes it the open vault: numbers follow the states' order.
        let version = self.next_version();
        *open = Some(OpenVault {
            path: path.to_path_buf(),
            demo,
            links: std::sync::OnceLock::new(),
            scan,
            agenda: agenda.clone(),
            calendar,
            version,
        });
        drop(open);
        *lock(&self.vault.problem) = None;
        self.refresh_calendar(now);
        self.announce(Change::Agenda);
        Overview::new(path, demo, agenda, version)
    }

    /// Scans the open vault again (through the index) and says whether anything the app shows
    /// changed since the last scan: a file watcher reports files merely read, and changes the
    /// last scan already saw. An unreadable vault is an error, for the page to show.
    pub fn rescan(&self, now: NaiveDateTime) -> Result<bool> {
        let before = self.lock_open().as_ref().map(|o| (o.path.clone(), o.scan.clone()));
        self.overview(now)?;
        let after = self.lock_open().as_ref().map(|o| (o.path.clone(), o.scan.clone()));
        Ok(match (before, after) {
            (Some((p, b)), Some((q, a))) => {
                p != q || b.notes != a.notes || b.issues != a.issues || b.attachments != a.attachments
            }
            _ => true,
        })
    }

    /// The open vault's overview from its last scan, without reading the vault again (the file
    /// watcher has just brought it up to date); a full [`Session::overview`] before a vault is
    /// open.
    pub fn current_overview(&self, now: NaiveDateTime) -> Result<Overview> {
        self.current_overview_with(now, Arc::clone)
    }

    /// [`Session::current_overview`] with what of the agenda is sent chosen by `take`.
    fn current_overview_with<A: Into<Arc<Agenda>>>(
        &self,
        now: NaiveDateTime,
        take: impl Fn(&Arc<Agenda>) -> A,
    ) -> Result<Overview> {
        let Some(state) = self.open_agenda(now) else { return self.overview(now) };
        if !state.path.is_dir() {
            return Err(Error::MissingFolder(state.path));
        }
        Ok(Overview::new(&state.path, state.demo, take(&state.agenda), state.version))
    }

    /// The number of a new state of the open vault ([`OpenVault::version`]), taken while holding
    /// the lock of the open vault that the state is made under, so numbers follow the states.
    pub(super) fn next_version(&self) -> u64 {
        self.vault.scan_version.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1
    }

    /// The open vault's agenda for today, kept with its scan: grouped again only when the day
    /// turned.
    pub(super) fn shared_agenda(&self, now: NaiveDateTime) -> Option<Arc<Agenda>> {
        self.open_agenda(now).map(|state| state.agenda)
    }

    /// [`Session::shared_agenda`] with the vault it is of and the number of its state, taken
    /// under one lock: a vault opened in between must not lend its agenda to the other's name.
    fn open_agenda(&self, now: NaiveDateTime) -> Option<OpenAgenda> {
        let today = self.today(now);
        let mut open = self.lock_open();
        let open = open.as_mut()?;
        if open.agenda.today != today {
            open.agenda = Arc::new(Agenda::new(&open.scan, today));
        }
        Some(OpenAgenda {
            path: open.path.clone(),
            demo: open.demo,
            agenda: open.agenda.clone(),
            version: open.version,
        })
    }

    /// Brings the open vault up to date with notes another program rewrote in place (`paths`,
    /// absolute): each is read again and its index row replaced, nothing else is read. Anything
    /// else (a folder, a file gone, a note the open scan does not have: added, or moved here from
    /// a path whose news may come later) takes a full scan through the index, which also moves
    /// the history of moved notes. Says whether anything shown changed.
    pub fn notes_changed(&self, paths: &[PathBuf], now: NaiveDateTime) -> Result<bool> {
        let Some(open) = self.lock_open().clone() else { return self.rescan(now) };
        let mut rels = Vec::new();
        for p in paths {
            let markdown = p.extension().is_some_and(|x| x.eq_ignore_ascii_case("md"));
            if !(markdown && p.starts_with(&open.path) && p.is_file()) {
                return self.rescan(now);
            }
            let rel = vault::relative(&open.path, p);
            // Read alone, a note moved here would enter the index as new before the scan that
            // sees its old path gone: its reviews would stay behind with the old path.
            let known = open.scan.note(&rel).is_some()
                || open.scan.issues.binary_search_by(|i| i.path.as_str().cmp(&rel)).is_ok();
            if !known {
                return self.rescan(now);
            }
            rels.push(rel);
        }
        let open_path = open.path;
        let mut changed = false;
        // After a scan under way, which may have read these notes before the change.
        let turn = lock(&self.vault.switching);
        for rel in &rels {
            let file = open_path.join(rel);
            let stamp = std::fs::symlink_metadata(&file).ok().map(|m| vault::Stamp::of(&m));
            let (note, issue) = match vault::read_note(&file).and_then(|bytes| Note::parse(rel, &bytes)) {
                Ok(note) => (Some(note), None),
                Err(e) => (None, Some(vault::Issue { path: rel.clone(), message: e.to_string() })),
            };
            if let (Some(stamp), Some(note)) = (stamp, &note) {
                self.index_later(&open_path, stamp, note.clone());
            }
            let mut current = self.lock_open();
            let Some(o) = current.as_mut().filter(|o| o.path == open_path) else { return Ok(changed) };
            let was_note = o.scan.notes.binary_search_by(|n| n.path.as_str().cmp(rel)).ok();
            let was_issue = o.scan.issues.binary_search_by(|i| i.path.as_str().cmp(rel)).ok();
            if was_note.map(|i| &o.scan.notes[i]) == note.as_ref()
                && was_issue.map(|i| &o.scan.issues[i]) == issue.as_ref()
            {
                continue;
            }
            changed = true;
            o.version = self.next_version();
            // In place: copied only while a reader still holds the previous scan.
            let s = Arc::make_mut(&mut o.scan);
            if let Some(i) = was_note {
                s.notes.remove(i);
            }
            if let Some(i) = was_issue {
                s.issues.remove(i);
            }
            let now_is = match (&note, &issue) {
                (Some(note), _) => Ok(note),
                (None, Some(issue)) => Err(issue),
                (None, None) => continue,
            };
            Arc::make_mut(&mut o.agenda).replace(rel, now_is);
            if let Some(note) = note {
                let at = s.notes.partition_point(|n| n.path < note.path);
                s.notes.insert(at, note);
            }
            if let Some(issue) = issue {
                let at = s.issues.partition_point(|i| i.path < issue.path);
                s.issues.insert(at, issue);
            }
        }
        drop(turn);
        if changed {
            // The notes kept their paths: the links between them stand.
            self.refresh_calendar(now);
            self.announce(Change::Agenda);
        }
        Ok(changed)
    }

    /// Today's agenda of the open vault from its last scan, without reading the vault again;
    /// `None` before a vault is open.
    pub fn agenda(&self, now: NaiveDateTime) -> Option<Agenda> {
        self.shared_agenda(now).map(|a| Agenda::clone(&a))
    }

    /// Today's counts from the last scan; `None` before a vault is open.
    pub fn counts(&self, now: NaiveDateTime) -> Option<Counts> {
        self.shared_agenda(now).map(|a| a.counts)
    }

    /// Opens the note `rel` of the open vault for review: its schedule, cue questions and body as
    /// safe HTML.
    pub fn note(&self, rel: &str, now: NaiveDateTime) -> Result<NoteView> {
        let open = self.current(now)?;
        let file = journal::note_path(&open.path, rel)?;
        let bytes = vault::read_note(&file).map_err(|e| e.in_note(rel))?;
        let note = Note::parse(rel, &bytes).map_err(|e| e.in_note(rel))?;
        let body = frontmatter::split(frontmatter::decode(&bytes)?)?.body;
        Ok(NoteView::new(&note, body, open.links(), self.today(now)))
    }

    /// An image of the open vault for the `vault:` protocol: its bytes and MIME type. Only image
    /// files inside the vault are served.
    pub fn image(&self, url_path: &str, now: NaiveDateTime) -> Result<(Vec<u8>, &'static str)> {
        let rel = crate::render::path_from_url(url_path).ok_or_else(|| Error::OutsideVault(url_path.to_string()))?;
        let mime = crate::render::image_type(&rel).ok_or_else(|| Error::OutsideVault(rel.clone()))?;
        let open = self.current(now)?;
        let file = vault::resolve(&open.path, &rel)?;
        let bytes = std::fs::read(&file).map_err(Error::read(&file))?;
        Ok((bytes, mime))
    }

    /// The vaults opened before, the last opened first.
    pub fn vaults(&self) -> Result<Vec<VaultEntry>> {
        let open = self.lock_open().as_ref().filter(|o| !o.demo).map(|o| o.path.clone());
        let recent = self.store().recent_vaults()?;
        Ok(recent
            .into_iter()
            .map(|path| VaultEntry {
                name: crate::agenda::vault_name(&path, false),
                open: open.as_deref() == Some(path.as_path()),
                exists: path.is_dir(),
                path: path.to_string_lossy().into_owned(),
            })
            .collect())
    }

    /// Forgets a vault opened before; the open one stays until another is opened.
    pub fn forget_vault(&self, path: &Path) -> Result<Vec<VaultEntry>> {
        let open = self.lock_open().as_ref().is_some_and(|o| o.path == path && !o.demo);
        if open {
            return Err(Error::Invalid(
                tr(
                    "열려 있는 볼트는 지울 수 없습니다: 다른 볼트를 먼저 여세요",
                    "the open vault cannot be forgotten: open another one first",
                )
                .into(),
            ));
        }
        self.indexer.flush();
        self.store().forget_vault(path)?;
        self.vaults()
    }

    /// Whether the open vault is the bundled demo: it gets no reminders, and closing the window
    /// quits rather than keeping the app in the tray for it.
    pub fn demo_open(&self) -> bool {
        self.lock_open().as_ref().is_some_and(|o| o.demo)
    }

    /// The open vault's name and folder, if one is open.
    pub fn open_vault_name(&self) -> Option<(String, PathBuf)> {
        let open = self.lock_open();
        let open = open.as_ref()?;
        Some((crate::agenda::vault_name(&open.path, open.demo), open.path.clone()))
    }

    pub(super) fn current(&self, now: NaiveDateTime) -> Result<OpenVault> {
        if self.lock_open().is_none() {
            self.overview(now)?;
        }
        self.lock_open().clone().ok_or_else(|| Error::MissingFolder(self.vault.demo_dir.clone()))
    }

    /// Ends the session of a process that exits next (a command of the command line): the
    /// index rows asked for are stored and the database is closed, as when a session is
    /// dropped, but the open vault's notes and agenda are left for the exit to free with the
    /// rest of the process (freeing 10,000 notes one by one was a sixth of a warm `bokseup
    /// scan`). In a process that goes on, what was open stays allocated.
    pub fn end_for_exit(self) {
        std::mem::forget(self.lock_open().take());
    }

    pub(super) fn lock_open(&self) -> MutexGuard<'_, Option<OpenVault>> {
        lock(&self.vault.open)
    }

    /// Why the open vault could not be read at the last reminder time, until it can be again.
    pub fn vault_problem(&self) -> Option<String> {
        lock(&self.vault.problem).clone()
    }
}

/// Tells `listener` how the scan of `root` goes once it has run [`super::PROGRESS_AFTER`], every
/// [`super::PROGRESS_EVERY`] until `end` disconnects, then that it ended. The total comes from a walk of
/// the folders alone, made only for a scan this long.
fn report_progress(
    root: &Path,
    progress: &vault::Progress,
    end: &std::sync::mpsc::Receiver<()>,
    listener: &dyn Fn(super::ScanProgress),
) {
    use std::sync::mpsc::RecvTimeoutError::Timeout;
    if end.recv_timeout(super::PROGRESS_AFTER) != Err(Timeout) {
        return;
    }
    let total = vault::count_notes(root);
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    loop {
        let read = progress.handled();
        listener(super::ScanProgress { read: count(read), total: count(total.max(read)), done: false });
        if end.recv_timeout(super::PROGRESS_EVERY) != Err(Timeout) {
            break;
        }
    }
    let read = count(progress.handled());
    listener(super::ScanProgress { read, total: read, done: true });
}
