//! The app's state between commands: which vault is open, the database, the clock, the reminder
//! timer's memory and the calendar file. The Tauri commands are one-line calls into a [`Session`],
//! so everything they do is tested here without a window.

use crate::agenda::{Agenda, Counts, NoteView, Overview};
use crate::calendar;
use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::index;
use crate::journal::{self, ReviewInput, Undone, Written};
use crate::lang::{tf, tr, Lang};
use crate::note::Note;
use crate::reminder::{self, Due, Memory, Reminder};
use crate::render::Links;
use crate::settings::{keys, Settings, Theme, WeekStart};
use crate::store::Store;
use crate::vault::Scan;
use crate::{demo, frontmatter, history, search, vault};
use chrono::{Days, NaiveDate, NaiveDateTime, TimeZone};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use ts_rs::TS;

mod learning;
pub use learning::{plan_items, DayLoad, Learning, WeakQuestion};

/// One running app: its database, its clock, the demo vault's folder, and the open vault.
pub struct Session {
    store: Mutex<Store>,
    clock: Clock,
    demo_dir: PathBuf,
    start_vault: Option<PathBuf>,
    open: Mutex<Option<OpenVault>>,
    /// The journal id of this session's first write: undo reaches back no further.
    first_edit: i64,
    /// Whether a vault opened is remembered as the app's (the window); the command line's are not.
    remember: bool,
    /// A login launch: when the login reminder is due.
    login: Mutex<Option<NaiveDateTime>>,
    /// What the desktop asked the window to do (a toast or the tray was clicked), not yet taken.
    requests: Mutex<Vec<Request>>,
    calendar: Mutex<CalendarState>,
    /// Why the open vault could not be read when the timer last tried, until it can be again.
    problem: Mutex<Option<String>>,
    /// How long a changed note must have been still before the index trusts its stamp.
    settle: std::time::Duration,
    /// The notes this session wrote, each with its file's stamp right after: a file watcher
    /// sees the app's own writes and must not take them for another program's.
    own: Mutex<std::collections::HashMap<PathBuf, vault::Stamp>>,
    /// Who is told how a long scan is going (the window's progress display).
    progress: Mutex<Option<ProgressListener>>,
    /// This device's name in the vault's history files.
    device: String,
    /// The last [`Learning`] and what it was made from.
    learned: Mutex<Option<(learning::LearningKey, Learning)>>,
    /// Counts every change of the open vault's scan (a new scan, a note re-read).
    scan_version: std::sync::atomic::AtomicU64,
}

/// A listener of [`ScanProgress`], called from a scan's helper thread.
pub type ProgressListener = Arc<dyn Fn(ScanProgress) + Send + Sync>;

/// How far a scan that takes longer than a moment has come: sent every
/// [`PROGRESS_EVERY`] once it has run [`PROGRESS_AFTER`], and once more when it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ScanProgress {
    /// Notes handled so far.
    pub read: u32,
    /// Notes in the vault (from the folders' listings; never less than `read`).
    pub total: u32,
    /// The scan has ended: the display can go.
    pub done: bool,
}

/// How long a scan runs before its progress is shown: a warm start never shows it.
pub const PROGRESS_AFTER: std::time::Duration = std::time::Duration::from_millis(250);
/// How often a long scan's progress is sent.
pub const PROGRESS_EVERY: std::time::Duration = std::time::Duration::from_millis(100);

#[derive(Debug, Clone)]
struct OpenVault {
    path: PathBuf,
    demo: bool,
    links: Links,
    /// The last scan, kept up to date with the app's own writes.
    scan: Arc<Scan>,
    /// Whether the kept calendar file follows this vault: it holds the app's vault's schedule,
    /// whichever route opened it.
    calendar: bool,
}

/// What the window is asked to do by the desktop side of the app (a toast, the tray, a second
/// launch, the reminder timer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum Request {
    /// Start today's review.
    Review,
    /// Start a drill of the weak questions.
    Drill,
    /// Show the home screen.
    Home,
    /// Show the settings.
    Settings,
    /// The vault was read again (or another one opened): show it afresh.
    Reload,
    /// Tell the user something.
    Notice {
        /// What to say.
        message: String,
    },
}

/// How long "알림 끄기" silences reminders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mute {
    /// For an hour.
    Hour,
    /// Until the next review day starts.
    Today,
}

/// What the reminder timer should do after a wake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tick {
    /// A reminder to show now.
    pub show: Option<Reminder>,
    /// When to wake next (local time).
    pub wake: NaiveDateTime,
    /// The vault was read again: the window should show it afresh.
    pub rescanned: bool,
    /// Why the vault could not be read, if it could not (it disappeared, say).
    pub problem: Option<String>,
}

/// What the tray shows: the label beside its icon and the texts of its menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrayView {
    /// The label beside the icon: today's review count, or nothing when none is due.
    pub title: Option<String>,
    /// The first, inert line of the menu: where things stand.
    pub status: String,
    /// "복습 시작 (N)".
    pub review: String,
    /// Whether there is anything to review.
    pub can_review: bool,
    /// "약한 질문 연습 (N)".
    pub drill: String,
    /// Whether any question is weak.
    pub can_drill: bool,
    /// Whether reminders are silenced ("다시 켜기" is offered).
    pub muted: bool,
    /// The menu's fixed entries, in the language of the messages: 열기, 알림 끄기, 1시간, 오늘,
    /// 다시 켜기, 종료.
    pub labels: [&'static str; 6],
}

/// A note's own page: the note, its schedule as a timeline, its reviews from the log, and where
/// Obsidian finds it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct NotePage {
    /// The note, rendered.
    pub view: NoteView,
    /// D1, D4, D7, D14 and the extra reviews, each with the date it was done or is due.
    pub timeline: Vec<history::Milestone>,
    /// The reviews made in the app, newest first.
    pub history: Vec<history::Entry>,
    /// `obsidian://open?vault=…&file=…`; `None` for the demo vault, which Obsidian does not know.
    pub obsidian: Option<String>,
    /// The note's file, absolute.
    pub file: String,
}

/// What the statistics screen counts: the reviews done per day in the open vault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Stats {
    /// The day everything is relative to.
    pub today: NaiveDate,
    /// Days with reviews, oldest first.
    pub days: Vec<history::ReviewDay>,
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

/// How the window looks and speaks, from the settings and the system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Appearance {
    /// The language to speak (the system's when the setting is "auto").
    pub lang: Lang,
    /// Light, dark, or the system's.
    pub theme: Theme,
    /// The first day of the calendar's weeks.
    pub week_start: WeekStart,
}

/// Everything the settings screen shows about reminders and the desktop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DesktopStatus {
    /// Reminders and the calendar file.
    pub reminders: ReminderStatus,
    /// Why there is no tray icon, if there is none.
    pub tray_problem: Option<String>,
    /// Whether the app starts at login.
    pub autostart: bool,
    /// Whether to offer starting at login (once, after the first vault of the user's own).
    pub offer_autostart: bool,
}

/// Where reminders and the calendar file stand, for the settings screen and the tray.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReminderStatus {
    /// The app's local time when this was made: what the other times are relative to.
    pub now: NaiveDateTime,
    /// Today's reviews (overdue and due).
    pub due: usize,
    /// The open vault is the demo vault, which gets no reminders.
    pub demo: bool,
    /// When the next reminder can come; `null` while reminders are off.
    pub next: Option<NaiveDateTime>,
    /// "1시간 뒤에" was pressed: a reminder comes again at this time.
    pub snoozed_until: Option<NaiveDateTime>,
    /// "알림 끄기": silent until this time.
    pub muted_until: Option<NaiveDateTime>,
    /// The calendar file, when one is set.
    pub calendar: Option<CalendarStatus>,
}

/// The calendar file the app keeps up to date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CalendarStatus {
    /// The file.
    pub path: String,
    /// When it was last written by this run of the app.
    pub written_at: Option<NaiveDateTime>,
    /// How many days with reviews it holds.
    pub events: usize,
    /// Why the last write failed, if it did.
    pub error: Option<String>,
}

#[derive(Debug, Default)]
struct CalendarState {
    /// What was last written (without its time stamp) and where: unchanged, it is not rewritten.
    written: Option<(String, String)>,
    status: Option<CalendarStatus>,
    /// The review day it was last written for: a new day changes what it says.
    day: Option<NaiveDate>,
}

impl Session {
    /// A session over `store`, with the demo vault kept in `demo_dir`, on `clock` (whose day
    /// rollover follows the stored setting).
    ///
    /// Writes that a crash left pending in the journal are settled first.
    pub fn new(mut store: Store, demo_dir: PathBuf, clock: Clock) -> Result<Session> {
        journal::reconcile(&mut store)?;
        let first_edit = store.next_edit_id()?;
        clock.set_rollover_hour(store.rollover_hour());
        let device = store.device(learning::random_device)?;
        Ok(Session {
            store: Mutex::new(store),
            clock,
            demo_dir,
            start_vault: None,
            open: Mutex::new(None),
            first_edit,
            remember: true,
            login: Mutex::new(None),
            requests: Mutex::new(Vec::new()),
            calendar: Mutex::new(CalendarState::default()),
            problem: Mutex::new(None),
            settle: index::SETTLE,
            own: Mutex::new(std::collections::HashMap::new()),
            progress: Mutex::new(None),
            device,
            learned: Mutex::new(None),
            scan_version: std::sync::atomic::AtomicU64::new(0),
        })
    }

    /// Sets how long a changed note must have been still before the index of notes trusts it
    /// ([`index::SETTLE`] by default; tests change files faster than people do).
    pub fn with_settle(mut self, settle: std::time::Duration) -> Session {
        self.settle = settle;
        self
    }

    /// Makes the first [`Session::overview`] open `vault` (named on the command line) instead of
    /// the remembered one.
    pub fn starting_on(mut self, vault: Option<PathBuf>) -> Session {
        self.start_vault = vault;
        self
    }

    /// Makes this a session for one command of the command line: a vault it opens is not
    /// remembered as the app's, and undo reaches every write recorded for the vault (each
    /// command is a session of its own). Everything else is the window's route.
    pub fn command_line(mut self) -> Session {
        self.remember = false;
        self.first_edit = 0;
        self
    }

    /// The app's clock.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Local time now, by the app's clock.
    pub fn now(&self) -> NaiveDateTime {
        self.clock.now()
    }

    /// The review day at local time `now` (after the rollover hour).
    pub fn today(&self, now: NaiveDateTime) -> NaiveDate {
        self.clock.day_of(now)
    }

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
    fn remembered_vault(&self) -> Result<Option<PathBuf>> {
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
        let path = std::fs::canonicalize(path).map_err(Error::read(path))?;
        let scan = self.scan(&path)?;
        if scan.notes.is_empty() && scan.issues.is_empty() {
            return Err(Error::NoNotes(path));
        }
        if self.remember {
            self.store().remember_vault(&path, now)?;
        }
        let follows = self.remember || self.store().current_vault()?.as_deref() == Some(path.as_path());
        Ok(self.show(&path, false, follows, scan, now))
    }

    /// Opens the demo vault, writing it first (dates relative to today) if it does not exist.
    pub fn open_demo(&self, now: NaiveDateTime) -> Result<Overview> {
        if !self.demo_dir.is_dir() {
            demo::write(&self.demo_dir, self.today(now))?;
        }
        self.overview_of(&self.demo_dir, true, true, now)
    }

    /// Scans the open vault again and groups it for today; opens the start vault (see
    /// [`Session::start`]) if none is open yet.
    pub fn overview(&self, now: NaiveDateTime) -> Result<Overview> {
        let open = self.lock_open().clone();
        match open {
            Some(v) => self.overview_of(&v.path, v.demo, v.calendar, now),
            None => self.start(self.start_vault.as_deref(), now),
        }
    }

    /// Scans `path`, makes it the open vault (the calendar file following it if `calendar`), and
    /// groups it for today.
    fn overview_of(&self, path: &Path, demo: bool, calendar: bool, now: NaiveDateTime) -> Result<Overview> {
        let scan = self.scan(path)?;
        Ok(self.show(path, demo, calendar, scan, now))
    }

    /// Scans `path` through the index of notes, reading only the files changed since the last
    /// scan. The database is not held while the files are read.
    fn scan(&self, path: &Path) -> Result<Scan> {
        let mut pass = index::Pass::begin(&self.store(), path, self.settle);
        let listener = lock(&self.progress).clone();
        let progress = vault::Progress::default();
        let (ended, end) = std::sync::mpsc::channel::<()>();
        // The display stays up until the index is written too: 10,000 new rows take a moment.
        std::thread::scope(|threads| {
            let counted = &progress;
            if let Some(listener) = &listener {
                threads.spawn(move || report_progress(path, counted, &end, listener.as_ref()));
            }
            let scanned = pass.scan_counting(path, &progress).map(|(mut scan, fresh)| {
                let moves = pass.finish(&mut self.store(), &scan, &fresh);
                self.moved(path, &moves, self.clock.now());
                // Other devices' answers (and this one's, into a new database).
                scan.issues.extend(self.import_history(path));
                scan.issues.sort_by(|a, b| a.path.cmp(&b.path));
                scan
            });
            drop(ended);
            scanned
        })
    }

    /// Sets who is told how a long scan is going (see [`ScanProgress`]).
    pub fn on_scan_progress(&self, listener: ProgressListener) {
        *lock(&self.progress) = Some(listener);
    }

    fn show(&self, path: &Path, demo: bool, calendar: bool, scan: Scan, now: NaiveDateTime) -> Overview {
        self.scan_version.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let agenda = Agenda::new(&scan, self.today(now));
        *self.lock_open() =
            Some(OpenVault { path: path.to_path_buf(), demo, links: scan.links(), scan: Arc::new(scan), calendar });
        *lock(&self.problem) = None;
        self.refresh_calendar(now);
        Overview::new(path, demo, agenda)
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
        let open = self.lock_open().clone();
        match open {
            Some(v) if !v.path.is_dir() => Err(Error::MissingFolder(v.path)),
            Some(v) => Ok(Overview::new(&v.path, v.demo, Agenda::new(&v.scan, self.today(now)))),
            None => self.overview(now),
        }
    }

    /// Brings the open vault up to date with notes another program wrote (`paths`, absolute):
    /// each is read again and its index row replaced, nothing else is read. Anything else (a
    /// folder, a file gone or moved, a path outside the vault) takes a full scan through the
    /// index, which also moves the history of moved notes. Says whether anything shown changed.
    pub fn notes_changed(&self, paths: &[PathBuf], now: NaiveDateTime) -> Result<bool> {
        let Some(open) = self.lock_open().clone() else { return self.rescan(now) };
        let mut rels = Vec::new();
        for p in paths {
            let markdown = p.extension().is_some_and(|x| x.eq_ignore_ascii_case("md"));
            if !(markdown && p.starts_with(&open.path) && p.is_file()) {
                return self.rescan(now);
            }
            rels.push(vault::relative(&open.path, p));
        }
        let key = crate::store::vault_key(&open.path);
        // Shared with the open vault until a note really changed: only then is the scan copied.
        let mut scan = Arc::clone(&open.scan);
        let mut changed = false;
        for rel in &rels {
            let file = open.path.join(rel);
            let stamp = std::fs::symlink_metadata(&file).ok().map(|m| vault::Stamp::of(&m));
            let (note, issue) = match vault::read_note(&file).and_then(|bytes| Note::parse(rel, &bytes)) {
                Ok(note) => (Some(note), None),
                Err(e) => (None, Some(vault::Issue { path: rel.clone(), message: e.to_string() })),
            };
            if let (Some(stamp), Some(note)) = (stamp, &note) {
                let _ = self.store().index_note(&key, stamp, note);
            }
            let was_note = scan.notes.binary_search_by(|n| n.path.as_str().cmp(rel)).ok();
            let was_issue = scan.issues.binary_search_by(|i| i.path.as_str().cmp(rel)).ok();
            if was_note.map(|i| &scan.notes[i]) == note.as_ref() && was_issue.map(|i| &scan.issues[i]) == issue.as_ref()
            {
                continue;
            }
            changed = true;
            let s = Arc::make_mut(&mut scan);
            if let Some(i) = was_note {
                s.notes.remove(i);
            }
            if let Some(i) = was_issue {
                s.issues.remove(i);
            }
            if let Some(note) = note {
                let at = s.notes.partition_point(|n| n.path < note.path);
                s.notes.insert(at, note);
            }
            if let Some(issue) = issue {
                let at = s.issues.partition_point(|i| i.path < issue.path);
                s.issues.insert(at, issue);
            }
        }
        if changed {
            let mut current = self.lock_open();
            if let Some(o) = current.as_mut().filter(|o| o.path == open.path) {
                o.links = scan.links();
                o.scan = scan;
            }
            drop(current);
            self.scan_version.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            self.refresh_calendar(now);
        }
        Ok(changed)
    }

    /// Today's agenda of the open vault from its last scan, without reading the vault again;
    /// `None` before a vault is open.
    pub fn agenda(&self, now: NaiveDateTime) -> Option<Agenda> {
        let scan = self.lock_open().as_ref()?.scan.clone();
        Some(Agenda::new(&scan, self.today(now)))
    }

    /// Today's counts from the last scan; `None` before a vault is open.
    pub fn counts(&self, now: NaiveDateTime) -> Option<Counts> {
        self.agenda(now).map(|a| a.counts)
    }

    /// Today's reviews as a reminder counts them.
    /// Over the daily limit, only today's share of the plan counts, and the rest is said to come
    /// on the next days; the minutes are those of today's share.
    pub fn due(&self, now: NaiveDateTime) -> Due {
        let Some(a) = self.agenda(now) else { return Due::default() };
        let all = Due {
            overdue: a.counts.overdue,
            due: a.counts.due,
            titles: a.today_reviews.iter().map(|n| n.title.clone()).collect(),
            ..Due::default()
        };
        let Ok(learning) = self.learning(None, now) else { return all };
        let minutes = learning.week.first().map_or(0, |d| d.minutes);
        if learning.plan.deferred == 0 {
            return Due { minutes, ..all };
        }
        let share: std::collections::HashSet<&str> =
            learning.plan.on(self.today(now)).iter().map(String::as_str).collect();
        let today: Vec<_> = a.today_reviews.iter().filter(|n| share.contains(n.path.as_str())).collect();
        Due {
            overdue: today.iter().filter(|n| n.status == Some(crate::schedule::Status::Overdue)).count(),
            due: today.iter().filter(|n| n.status == Some(crate::schedule::Status::Due)).count(),
            titles: today.iter().map(|n| n.title.clone()).collect(),
            minutes,
            later: learning.plan.deferred as usize,
        }
    }

    /// Opens the note `rel` of the open vault for review: its schedule, cue questions and body as
    /// safe HTML.
    pub fn note(&self, rel: &str, now: NaiveDateTime) -> Result<NoteView> {
        let open = self.current(now)?;
        let file = journal::note_path(&open.path, rel)?;
        let bytes = vault::read_note(&file).map_err(|e| e.in_note(rel))?;
        let note = Note::parse(rel, &bytes).map_err(|e| e.in_note(rel))?;
        let body = frontmatter::split(frontmatter::decode(&bytes)?)?.body;
        Ok(NoteView::new(&note, body, &open.links, self.today(now)))
    }

    /// Marks a review of `rel` done now (REVIEW-MODEL.md 3.1) and logs it.
    pub fn review(&self, rel: &str, input: &ReviewInput, now: NaiveDateTime) -> Result<Written> {
        let (vault, today) = self.write_context(now)?;
        let before = self.lock_open().as_ref().and_then(|o| o.scan.note(rel).cloned());
        let written = journal::review(&mut self.store(), &vault, rel, input, today, now)?;
        if let Some(note) = before {
            self.answered(&vault, &note, input, today, now);
        }
        Ok(self.wrote(&vault, written, now))
    }

    /// Starts the not-started note `rel` today.
    pub fn start_note(&self, rel: &str, now: NaiveDateTime) -> Result<Written> {
        let (vault, today) = self.write_context(now)?;
        let written = journal::start(&mut self.store(), &vault, rel, today, now)?;
        Ok(self.wrote(&vault, written, now))
    }

    /// Makes the plain note `rel` a review note starting today.
    pub fn enroll(&self, rel: &str, now: NaiveDateTime) -> Result<Written> {
        let (vault, today) = self.write_context(now)?;
        let written = journal::enroll(&mut self.store(), &vault, rel, today, now)?;
        Ok(self.wrote(&vault, written, now))
    }

    /// Undoes a write in the open vault: the change numbered `id` (from [`Session::undo_list`]),
    /// or else the newest that can be undone. The window's session reaches back to its own first
    /// write only; the command line's to any (see [`Session::command_line`]).
    pub fn undo(&self, id: Option<i64>, now: NaiveDateTime) -> Result<Undone> {
        let open = self.current(now)?;
        let undone = match id {
            Some(id) => journal::undo_id(&mut self.store(), &open.path, id)?,
            None => journal::undo(&mut self.store(), &open.path, self.first_edit)?,
        };
        self.reread(&open.path, &undone.path, now);
        Ok(undone)
    }

    /// The open vault's recent writes, newest first, each with whether it can be undone.
    pub fn undo_list(&self, limit: usize, now: NaiveDateTime) -> Result<Vec<journal::UndoEntry>> {
        let open = self.current(now)?;
        journal::undo_list(&self.store(), &open.path, limit)
    }

    /// The open vault and the review day of a write at `now`. Computed before a write takes the
    /// store's lock.
    fn write_context(&self, now: NaiveDateTime) -> Result<(PathBuf, NaiveDate)> {
        let open = self.current(now)?;
        Ok((open.path, self.today(now)))
    }

    /// After a write: the kept scan takes the note as it is now, so counts, the tray and the
    /// calendar file follow without reading the whole vault again.
    fn wrote(&self, vault: &Path, written: Written, now: NaiveDateTime) -> Written {
        self.reread(vault, &written.path, now);
        written
    }

    fn reread(&self, vault: &Path, rel: &str, now: NaiveDateTime) {
        let file = journal::note_path(vault, rel);
        let stamp = file.as_ref().ok().and_then(|file| {
            let stamp = vault::Stamp::of(&std::fs::symlink_metadata(file).ok()?);
            lock(&self.own).insert(file.clone(), stamp);
            Some(stamp)
        });
        let parsed = file.and_then(|p| vault::read_note(&p)).and_then(|bytes| Note::parse(rel, &bytes));
        // The index follows the app's own write at once (the watcher leaves it alone).
        if let (Some(stamp), Ok(note)) = (stamp, &parsed) {
            let _ = self.store().index_note(&crate::store::vault_key(vault), stamp, note);
        }
        {
            let mut open = self.lock_open();
            let Some(open) = open.as_mut().filter(|o| o.path == vault) else { return };
            self.scan_version.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let scan = Arc::make_mut(&mut open.scan);
            match (parsed, scan.notes.binary_search_by(|n| n.path.as_str().cmp(rel))) {
                (Ok(note), Ok(i)) => scan.notes[i] = note,
                (Ok(note), Err(i)) => scan.notes.insert(i, note),
                (Err(_), _) => return,
            }
        }
        self.refresh_calendar(now);
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

    // Settings.

    /// The user's settings.
    pub fn settings(&self) -> Settings {
        Settings::load(&self.store())
    }

    /// Checks and keeps new settings. A calendar file that was set or moved is written at once,
    /// so a folder that cannot be written is reported now, and nothing is kept then.
    pub fn save_settings(&self, new: &Settings, now: NaiveDateTime) -> Result<Settings> {
        let checked = new.checked()?;
        let before = self.settings();
        if let Some(path) = checked.calendar_file.as_deref() {
            let moved =
                before.calendar_file.as_deref() != Some(path) || before.first_reminder() != checked.first_reminder();
            if moved && self.app_vault_open(now) {
                self.write_calendar(Path::new(path), &checked, now)?;
            }
        }
        let saved = checked.save(&self.store())?;
        self.clock.set_rollover_hour(saved.rollover_hour);
        if saved.history_in_vault && !before.history_in_vault {
            self.history_turned_on(now)?;
        }
        if saved.calendar_file.is_none() {
            *self.lock_calendar() = CalendarState::default();
        }
        Ok(saved)
    }

    // Reminders.

    /// Called by the reminder timer at each wake: reads the vault again when a reminder time
    /// (or the snooze, or the login reminder) comes round, decides with [`reminder::plan`], and
    /// remembers what it handled, so nothing is shown twice.
    pub fn remind(&self, now: NaiveDateTime) -> Tick {
        let settings = self.settings().reminder();
        let rollover = self.clock.rollover_hour();
        let memory = self.memory(now);
        let (mut rescanned, mut problem) = (false, None);
        if reminder::pending(now, rollover, &settings, &memory) {
            match self.overview(now) {
                Ok(_) => rescanned = true,
                Err(e) => problem = Some(e.to_string()),
            }
            lock(&self.problem).clone_from(&problem);
        }
        // A vault that could not be read has nothing due that the app could show, and the demo
        // vault's notes are nobody's reviews.
        let due = if problem.is_some() || self.demo_open() { Due::default() } else { self.due(now) };
        let plan = reminder::plan(now, rollover, &settings, &memory, &due);
        {
            let store = self.store();
            for (slot, outcome) in &plan.handled {
                let _ = store.record_slot(*slot, *outcome, now);
            }
            if plan.snooze_done {
                let _ = store.set_time_setting(keys::SNOOZE, None);
            }
        }
        if plan.login_done {
            *lock(&self.login) = None;
        }
        if rescanned {
            self.request(Request::Reload);
        }
        if rescanned || self.lock_calendar().day != Some(self.today(now)) {
            self.refresh_calendar(now);
        }
        Tick { show: plan.show, wake: plan.wake, rescanned, problem }
    }

    /// What the reminder planner remembers: slots handled since yesterday, the snooze, the
    /// silence and the login reminder.
    fn memory(&self, now: NaiveDateTime) -> Memory {
        let yesterday = self.today(now).checked_sub_days(Days::new(1)).unwrap_or(NaiveDate::MIN);
        let store = self.store();
        Memory {
            handled: store.handled_slots(yesterday).unwrap_or_default(),
            snooze: store.time_setting(keys::SNOOZE),
            mute_until: store.time_setting(keys::MUTE_UNTIL),
            login: *lock(&self.login),
        }
    }

    /// The user opened the app and sees its window: today's reminders that already came round
    /// are let go, so a launch at 15:00 does not toast the 09:00 reminder at someone looking at
    /// the due list. (A login launch, hidden, has its own reminder: [`Session::expect_login`].)
    pub fn opened_by_user(&self, now: NaiveDateTime) {
        let settings = self.settings().reminder();
        let memory = self.memory(now);
        let store = self.store();
        for slot in reminder::passed(now, self.clock.rollover_hour(), &settings, &memory) {
            let _ = store.record_slot(slot, reminder::Outcome::Superseded, now);
        }
    }

    /// The app was started at login: one reminder shortly after, if reviews are due.
    pub fn expect_login(&self, now: NaiveDateTime) {
        *lock(&self.login) = Some(now + chrono::Duration::seconds(reminder::LOGIN_DELAY_SECONDS));
    }

    /// "1시간 뒤에": the reminder comes again in an hour.
    pub fn snooze(&self, now: NaiveDateTime) -> Result<()> {
        self.store().set_time_setting(keys::SNOOZE, Some(now + chrono::Duration::hours(1)))
    }

    /// "알림 끄기": no reminder for an hour, or until the next review day starts.
    pub fn mute(&self, mute: Mute, now: NaiveDateTime) -> Result<()> {
        let until = match mute {
            Mute::Hour => now + chrono::Duration::hours(1),
            Mute::Today => {
                let next_day = self.today(now).checked_add_days(Days::new(1)).unwrap_or(NaiveDate::MAX);
                next_day.and_hms_opt(self.clock.rollover_hour(), 0, 0).unwrap_or(now)
            }
        };
        let store = self.store();
        store.set_time_setting(keys::MUTE_UNTIL, Some(until))?;
        store.set_time_setting(keys::SNOOZE, None)
    }

    /// Reminders on again after "알림 끄기".
    pub fn unmute(&self) -> Result<()> {
        self.store().set_time_setting(keys::MUTE_UNTIL, None)
    }

    /// Where reminders and the calendar file stand.
    pub fn reminder_status(&self, now: NaiveDateTime) -> ReminderStatus {
        let settings = self.settings();
        let memory = self.memory(now);
        let still = |at: Option<NaiveDateTime>| at.filter(|t| *t > now);
        let calendar = settings.calendar_file.as_ref().map(|path| {
            self.lock_calendar().status.clone().filter(|s| &s.path == path).unwrap_or(CalendarStatus {
                path: path.clone(),
                written_at: None,
                events: 0,
                error: None,
            })
        });
        ReminderStatus {
            now,
            due: self.due(now).total(),
            demo: self.demo_open(),
            next: reminder::upcoming(now, self.clock.rollover_hour(), &settings.reminder(), &memory),
            snoozed_until: still(memory.snooze),
            muted_until: still(memory.mute_until),
            calendar,
        }
    }

    /// What the tray shows now.
    pub fn tray(&self, now: NaiveDateTime) -> TrayView {
        let status = self.reminder_status(now);
        let n = status.due;
        // Only with a vault open: the tray never opens one by asking.
        let open = self.lock_open().is_some();
        let weak = if open { self.learning(None, now).map_or(0, |l| l.weak) } else { 0 };
        let when = |at: NaiveDateTime| {
            let day = match (at.date() - now.date()).num_days() {
                0 => String::new(),
                1 => tr("내일 ", "tomorrow ").into(),
                _ => tf(at.format("%-m월 %-d일 ").to_string(), at.format("%b %-d ").to_string()),
            };
            format!("{day}{}", at.format("%H:%M"))
        };
        let reminders = match (status.muted_until, status.next) {
            (Some(until), _) => {
                tf(format!("알림 꺼짐 · {}까지", when(until)), format!("reminders off until {}", when(until)))
            }
            (None, Some(next)) => tf(format!("다음 알림 {}", when(next)), format!("next reminder {}", when(next))),
            (None, None) => tr("알림 꺼짐", "reminders off").into(),
        };
        let line = match (lock(&self.problem).clone(), self.open_vault_name()) {
            (Some(problem), _) => problem,
            (None, None) => tr("볼트를 여는 중…", "Opening the vault…").into(),
            (None, Some(_)) if n == 0 => {
                tf(format!("오늘 복습을 마쳤어요 · {reminders}"), format!("Today's reviews are done · {reminders}"))
            }
            (None, Some(_)) => {
                tf(format!("오늘 복습 {n}개 · {reminders}"), format!("{n} to review today · {reminders}"))
            }
        };
        TrayView {
            title: (n > 0).then(|| n.to_string()),
            status: line,
            review: tf(format!("복습 시작 ({n})"), format!("Start review ({n})")),
            can_review: n > 0,
            drill: tf(format!("약한 질문 연습 ({weak})"), format!("Drill weak questions ({weak})")),
            can_drill: weak > 0,
            muted: status.muted_until.is_some(),
            labels: match crate::lang::current() {
                Lang::Ko => ["열기", "알림 끄기", "1시간", "오늘", "다시 켜기", "종료"],
                Lang::En => ["Open", "Silence reminders", "For an hour", "For today", "Turn back on", "Quit"],
            },
        }
    }

    // The library, the note page, the calendar and the statistics.

    /// The paths of the open vault's notes whose body holds every word of `query`.
    pub fn search(&self, query: &str, now: NaiveDateTime) -> Result<Vec<String>> {
        let open = self.current(now)?;
        Ok(search::bodies(&open.path, &open.scan.notes, &search::Query::new(query)))
    }

    /// The page of the note `rel`: the note, its timeline (extra reviews a year ahead), its
    /// reviews and its Obsidian URI.
    pub fn note_page(&self, rel: &str, now: NaiveDateTime) -> Result<NotePage> {
        let open = self.current(now)?;
        let file = journal::note_path(&open.path, rel)?;
        let bytes = vault::read_note(&file).map_err(|e| e.in_note(rel))?;
        let note = Note::parse(rel, &bytes).map_err(|e| e.in_note(rel))?;
        let body = frontmatter::split(frontmatter::decode(&bytes)?)?.body;
        let today = self.today(now);
        let log = journal::log(&self.store(), &open.path, Some(rel))?;
        let entries = history::by_note(&log).remove(rel).unwrap_or_default();
        Ok(NotePage {
            view: NoteView::new(&note, body, &open.links, today),
            timeline: history::timeline(&note, &entries, today, 365),
            history: entries.into_iter().rev().collect(),
            obsidian: (!open.demo).then(|| obsidian_uri(&crate::agenda::vault_name(&open.path, false), rel)),
            file: file.to_string_lossy().into_owned(),
        })
    }

    /// The file of the note `rel` of the open vault (for "폴더에서 보기"), refused outside it.
    pub fn note_file(&self, rel: &str, now: NaiveDateTime) -> Result<PathBuf> {
        journal::note_path(&self.current(now)?.path, rel)
    }

    /// The numbers of each day from `from` through `to` (at most 400 days): reviews planned if
    /// the user keeps up, done (from the log) and missed.
    pub fn calendar(&self, from: NaiveDate, to: NaiveDate, now: NaiveDateTime) -> Result<Vec<history::DayCount>> {
        if to < from || (to - from).num_days() > 400 {
            return Err(Error::Invalid(tf(
                format!("달력은 400일까지 보여 줍니다: {from} – {to}"),
                format!("the calendar shows up to 400 days: {from} – {to}"),
            )));
        }
        let open = self.current(now)?;
        let log = journal::log(&self.store(), &open.path, None)?;
        Ok(history::Calendar::new(&open.scan.notes, &log, self.today(now)).counts(from, to))
    }

    /// Everything about one day of the calendar: what falls due, what was done, what was missed.
    pub fn calendar_day(&self, date: NaiveDate, now: NaiveDateTime) -> Result<history::DayList> {
        let open = self.current(now)?;
        let log = journal::log(&self.store(), &open.path, None)?;
        Ok(history::Calendar::new(&open.scan.notes, &log, self.today(now)).day(date))
    }

    /// The reviews done per day in the open vault.
    pub fn stats(&self, now: NaiveDateTime) -> Result<Stats> {
        let open = self.current(now)?;
        let log = journal::log(&self.store(), &open.path, None)?;
        Ok(Stats { today: self.today(now), days: history::review_days(&log) })
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
        self.store().forget_vault(path)?;
        self.vaults()
    }

    /// How the window looks and speaks.
    pub fn appearance(&self) -> Appearance {
        let settings = self.settings();
        Appearance { lang: settings.lang(), theme: settings.theme, week_start: settings.week_start }
    }

    // The calendar file.

    /// The forecast of the open vault from today for `days` days.
    pub fn forecast(&self, now: NaiveDateTime, days: u32) -> Result<Vec<calendar::Day>> {
        let open = self.current(now)?;
        Ok(calendar::forecast_days(&open.scan.notes, self.today(now), days))
    }

    /// Writes the calendar file now (the settings screen's "지금 내보내기").
    pub fn export_calendar(&self, now: NaiveDateTime) -> Result<CalendarStatus> {
        let settings = self.settings();
        let path = settings.calendar_file.clone().ok_or_else(|| {
            Error::Invalid(tr("먼저 캘린더 파일의 위치를 정하세요", "Choose where the calendar file goes first").into())
        })?;
        self.write_calendar(Path::new(&path), &settings, now)
    }

    /// Whether the app's vault is open, opening it first when nothing is (a command of the
    /// command line that changes the settings): the calendar file and the history file belong
    /// to it. The demo vault is never opened for this.
    fn app_vault_open(&self, now: NaiveDateTime) -> bool {
        if self.lock_open().is_some() {
            return true;
        }
        match self.remembered_vault() {
            Ok(Some(path)) => self.overview_of(&path, false, true, now).is_ok(),
            _ => false,
        }
    }

    /// Rewrites the calendar file if what it would say changed (a review, a new day, another
    /// vault). Only the app's vault writes it. Failures are kept for the settings screen, never
    /// raised: the timer goes on.
    fn refresh_calendar(&self, now: NaiveDateTime) {
        if !self.lock_open().as_ref().is_some_and(|o| o.calendar) {
            return;
        }
        let settings = self.settings();
        if let Some(path) = settings.calendar_file.as_deref() {
            let _ = self.write_calendar(Path::new(path), &settings, now);
        }
    }

    /// The open vault's review days from today, `days` of them, as iCalendar text: what the
    /// calendar file holds and `bokseup ics` prints. Returns the days with reviews too.
    pub fn ics(&self, days: u32, now: NaiveDateTime) -> Result<(String, Vec<calendar::Day>)> {
        self.current(now)?;
        self.ics_with(&self.settings(), days, now)
    }

    fn ics_with(&self, settings: &Settings, days: u32, now: NaiveDateTime) -> Result<(String, Vec<calendar::Day>)> {
        let (name, vault_path, days) = {
            let open = self.lock_open();
            let open =
                open.as_ref().ok_or_else(|| Error::Invalid(tr("열린 볼트가 없습니다", "No vault is open").into()))?;
            let name = crate::agenda::vault_name(&open.path, open.demo);
            let days = calendar::forecast_days(&open.scan.notes, self.today(now), days);
            (name, open.path.to_string_lossy().into_owned(), days)
        };
        let feed = calendar::Feed {
            vault_name: &name,
            vault_path: &vault_path,
            at: settings.first_reminder(),
            stamp: chrono::Local.from_local_datetime(&now).earliest().map_or_else(chrono::Utc::now, |t| t.to_utc()),
        };
        Ok((calendar::ics(&feed, &days), days))
    }

    fn write_calendar(&self, path: &Path, settings: &Settings, now: NaiveDateTime) -> Result<CalendarStatus> {
        let (text, days) = self.ics_with(settings, calendar::DEFAULT_DAYS, now)?;
        let key = (path.to_string_lossy().into_owned(), without_stamp(&text));
        let mut state = self.lock_calendar();
        state.day = Some(self.today(now));
        if let (Some(written), Some(status)) = (&state.written, &state.status) {
            if *written == key {
                return Ok(status.clone());
            }
        }
        let result = crate::snapshot::write_whole(path, text.as_bytes()).map_err(|e| match e {
            Error::Write { source, .. } => {
                let reason = crate::error::write_reason(&source, crate::lang::current());
                Error::Invalid(tf(
                    format!("캘린더 파일을 쓸 수 없습니다: {} ({reason})", path.display()),
                    format!("Cannot write the calendar file: {} ({reason})", path.display()),
                ))
            }
            other => other,
        });
        let status = CalendarStatus {
            path: key.0.clone(),
            written_at: result.is_ok().then_some(now).or(state.status.as_ref().and_then(|s| s.written_at)),
            events: days.len(),
            error: result.as_ref().err().map(|e| e.to_string()),
        };
        state.status = Some(status.clone());
        state.written = result.is_ok().then_some(key);
        result.map(|()| status)
    }

    // Requests to the window, and one-time offers.

    /// Asks the window to do something; it takes the requests with [`Session::take_requests`]
    /// when the desktop side tells it to look (an event), and when it starts.
    pub fn request(&self, request: Request) {
        let mut queue = lock(&self.requests);
        if !queue.contains(&request) {
            queue.push(request);
        }
    }

    /// The requests not taken yet, oldest first.
    pub fn take_requests(&self) -> Vec<Request> {
        std::mem::take(&mut *lock(&self.requests))
    }

    /// Whether to offer starting at login: once, after the user opened a vault of their own.
    pub fn autostart_offer(&self) -> bool {
        let store = self.store();
        !store.flag_setting(keys::AUTOSTART_OFFERED, false) && store.current_vault().ok().flatten().is_some()
    }

    /// The offer to start at login was answered (yes or no): it is not made again.
    pub fn autostart_offered(&self) -> Result<()> {
        self.store().set_setting(keys::AUTOSTART_OFFERED, "true")
    }

    /// Whether the "still running in the tray" toast is still to be shown; true once only.
    pub fn first_hide(&self) -> bool {
        let store = self.store();
        let first = !store.flag_setting(keys::TRAY_HINT_SHOWN, false);
        let _ = store.set_setting(keys::TRAY_HINT_SHOWN, "true");
        first
    }

    /// Whether the open vault is the bundled demo: it gets no reminders, and closing the window
    /// quits rather than keeping the app in the tray for it.
    pub fn demo_open(&self) -> bool {
        self.lock_open().as_ref().is_some_and(|o| o.demo)
    }

    /// Whether the file at `path` is as this session last wrote it: a change a file watcher
    /// reports there is the app's own, not another program's.
    pub fn is_own_write(&self, path: &Path) -> bool {
        let mut own = lock(&self.own);
        let Some(stamp) = own.get(path) else { return false };
        let same = std::fs::symlink_metadata(path).is_ok_and(|m| vault::Stamp::of(&m) == *stamp);
        if !same {
            own.remove(path);
        }
        same
    }

    /// The open vault's name and folder, if one is open.
    pub fn open_vault_name(&self) -> Option<(String, PathBuf)> {
        let open = self.lock_open();
        let open = open.as_ref()?;
        Some((crate::agenda::vault_name(&open.path, open.demo), open.path.clone()))
    }

    fn current(&self, now: NaiveDateTime) -> Result<OpenVault> {
        if self.lock_open().is_none() {
            self.overview(now)?;
        }
        self.lock_open().clone().ok_or_else(|| Error::MissingFolder(self.demo_dir.clone()))
    }

    fn store(&self) -> MutexGuard<'_, Store> {
        lock(&self.store)
    }

    fn lock_open(&self) -> MutexGuard<'_, Option<OpenVault>> {
        lock(&self.open)
    }

    fn lock_calendar(&self) -> MutexGuard<'_, CalendarState> {
        lock(&self.calendar)
    }
}

/// `obsidian://open?vault=…&file=…` for the note `rel` of the vault named `vault`: the path
/// without `.md`, everything but unreserved characters percent-encoded (`/` too), as Obsidian's
/// documentation asks.
pub fn obsidian_uri(vault: &str, rel: &str) -> String {
    let file = rel.strip_suffix(".md").or_else(|| rel.strip_suffix(".MD")).unwrap_or(rel);
    format!("obsidian://open?vault={}&file={}", percent(vault), percent(file))
}

fn percent(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Tells `listener` how the scan of `root` goes once it has run [`PROGRESS_AFTER`], every
/// [`PROGRESS_EVERY`] until `end` disconnects, then that it ended. The total comes from a walk of
/// the folders alone, made only for a scan this long.
fn report_progress(
    root: &Path,
    progress: &vault::Progress,
    end: &std::sync::mpsc::Receiver<()>,
    listener: &dyn Fn(ScanProgress),
) {
    use std::sync::mpsc::RecvTimeoutError::Timeout;
    if end.recv_timeout(PROGRESS_AFTER) != Err(Timeout) {
        return;
    }
    let total = vault::count_notes(root);
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    loop {
        let read = progress.handled();
        listener(ScanProgress { read: count(read), total: count(total.max(read)), done: false });
        if end.recv_timeout(PROGRESS_EVERY) != Err(Timeout) {
            break;
        }
    }
    let read = count(progress.handled());
    listener(ScanProgress { read, total: read, done: true });
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// The calendar text without its DTSTAMP lines: what decides whether it changed.
fn without_stamp(text: &str) -> String {
    text.split("\r\n").filter(|l| !l.starts_with("DTSTAMP:")).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    /// A session on a fresh in-memory database, its demo vault in `tmp`. The tests pass `now`
    /// to every call, so the clock is never read.
    fn session(tmp: &tempfile::TempDir) -> Session {
        Session::new(Store::open_in_memory().unwrap(), tmp.path().join("demo"), Clock::system(4)).unwrap()
    }

    fn note(dir: &Path, name: &str, text: &str) {
        std::fs::write(dir.join(name), text).unwrap();
    }

    #[test]
    fn a_long_scan_reports_its_progress_and_a_short_one_does_not() {
        let tmp = tempfile::tempdir().unwrap();
        let vault = tmp.path().join("공부");
        std::fs::create_dir_all(vault.join("깊은/폴더")).unwrap();
        for i in 0..30 {
            let dir = if i % 2 == 0 { vault.clone() } else { vault.join("깊은/폴더") };
            note(&dir, &format!("노트 {i}.md"), "---\n⭕첫 학습날: 2024-09-01\n❤1일복습여부: false\n---\n");
        }
        let s = session(&tmp);
        let heard = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&heard);
        s.on_scan_progress(Arc::new(move |p| sink.lock().unwrap().push(p)));
        let now = at("2024-09-02 09:00");
        s.open_vault(&vault, now).unwrap();
        assert!(heard.lock().unwrap().is_empty(), "a scan of a moment shows nothing");
        // An empty note written just now may be half-saved: the scan waits for it to be still
        // (vault::QUIET), long enough for its progress to show.
        note(&vault, "저장 중.md", "");
        s.rescan(now).unwrap();
        let heard = heard.lock().unwrap().clone();
        assert!(heard.len() >= 2, "{heard:?}");
        let (last, running) = heard.split_last().unwrap();
        assert!(running.iter().all(|p| !p.done && p.total == 31 && p.read <= p.total), "{heard:?}");
        assert_eq!(*last, ScanProgress { read: 31, total: 31, done: true });
    }

    #[test]
    fn a_rescan_says_whether_anything_shown_changed_and_own_writes_are_known() {
        let tmp = tempfile::tempdir().unwrap();
        let vault = tmp.path().join("공부");
        std::fs::create_dir_all(&vault).unwrap();
        note(&vault, "DNS.md", "---\n⭕첫 학습날: 2024-09-01\n❤1일복습여부: false\n---\n- 단서?\n");
        let s = session(&tmp);
        let now = at("2024-09-02 09:00");
        s.open_vault(&vault, now).unwrap();
        assert!(!s.rescan(now).unwrap(), "nothing changed: nobody is told");
        std::fs::write(vault.join("DNS.md"), "---\n⭕첫 학습날: 2024-09-01\n❤1일복습여부: true\n---\n- 단서?\n")
            .unwrap();
        assert!(s.rescan(now).unwrap(), "another program's change");
        let file = std::fs::canonicalize(vault.join("DNS.md")).unwrap();
        assert!(!s.is_own_write(&file));
        note(&vault, "TCP.md", "---\n⭕첫 학습날: 2024-09-01\n❤1일복습여부: false\n---\n- 단서?\n");
        s.rescan(now).unwrap();
        s.review("TCP.md", &ReviewInput::default(), at("2024-09-02 09:10")).unwrap();
        let tcp = std::fs::canonicalize(vault.join("TCP.md")).unwrap();
        assert!(s.is_own_write(&tcp), "the app's own review");
        assert!(!s.rescan(at("2024-09-02 09:11")).unwrap(), "the own write is already in the scan");
        std::fs::write(&tcp, "# 다른 프로그램\n").unwrap();
        assert!(!s.is_own_write(&tcp), "changed since by someone else");
        // Notes written by another program: only they are read again.
        std::fs::write(&tcp, "---\n⭕첫 학습날: 2024-09-01\n❤1일복습여부: true\n---\n").unwrap();
        note(&vault, "UDP.md", "---\n⭕첫 학습날: 2024-09-01\n❤1일복습여부: false\n---\n");
        let later = at("2024-09-02 09:12");
        assert!(s.notes_changed(&[tcp.clone(), std::fs::canonicalize(vault.join("UDP.md")).unwrap()], later).unwrap());
        let shown = s.current_overview(later).unwrap();
        let fresh = s.overview(later).unwrap();
        assert_eq!(shown.agenda, fresh.agenda, "the same as a full scan");
        assert!(shown.agenda.notes().iter().any(|n| n.path == "UDP.md"));
        assert!(!s.notes_changed(std::slice::from_ref(&tcp), later).unwrap(), "read again, nothing new");
        std::fs::write(&tcp, "---\n⭕첫 학습날: [\n---\n").unwrap();
        assert!(s.notes_changed(std::slice::from_ref(&tcp), later).unwrap());
        assert_eq!(s.current_overview(later).unwrap().agenda.issues.len(), 1, "now unreadable: listed with why");
        std::fs::remove_dir_all(&vault).unwrap();
        assert!(s.rescan(now).is_err(), "a vault gone is an error for the page to show");
        assert!(matches!(s.current_overview(now), Err(Error::MissingFolder(_))));
    }

    #[test]
    fn a_note_page_has_its_timeline_history_and_obsidian_uri() {
        let tmp = tempfile::tempdir().unwrap();
        let vault = tmp.path().join("내 공부");
        std::fs::create_dir_all(vault.join("네트워크")).unwrap();
        note(
            &vault.join("네트워크"),
            "TCP 정리.md",
            "---\n⭕첫 학습날: 2024-09-01\n❤1일복습여부: false\n---\n- 단서?\n",
        );
        let s = session(&tmp);
        s.open_vault(&vault, at("2024-09-02 09:00")).unwrap();
        let rel = "네트워크/TCP 정리.md";
        let input = ReviewInput { grades: vec![journal::Grade::Unsure], seconds: 40, ..ReviewInput::default() };
        s.review(rel, &input, at("2024-09-02 09:10")).unwrap();
        let page = s.note_page(rel, at("2024-09-03 10:00")).unwrap();
        assert_eq!(page.history.len(), 1);
        let entry = &page.history[0];
        assert_eq!(
            (entry.on, entry.step, entry.seconds),
            (NaiveDate::from_ymd_opt(2024, 9, 2).unwrap(), crate::schedule::Step::D1, 40)
        );
        assert_eq!(entry.grades, vec![journal::Grade::Unsure]);
        assert_eq!(page.timeline[0].mark, history::Mark::Done);
        assert_eq!(page.timeline[1].mark, history::Mark::Planned);
        assert_eq!(
            page.obsidian.as_deref(),
            Some("obsidian://open?vault=%EB%82%B4%20%EA%B3%B5%EB%B6%80&file=%EB%84%A4%ED%8A%B8%EC%9B%8C%ED%81%AC%2FTCP%20%EC%A0%95%EB%A6%AC")
        );
        assert!(page.file.ends_with("네트워크/TCP 정리.md"));
        // Undone reviews leave the history.
        s.undo(None, at("2024-09-03 10:01")).unwrap();
        assert!(s.note_page(rel, at("2024-09-03 10:02")).unwrap().history.is_empty());
        assert!(matches!(s.note_page("../x.md", at("2024-09-03 10:02")), Err(Error::OutsideVault(_))));
        // The demo vault has no Obsidian URI.
        s.open_demo(at("2024-09-03 10:00")).unwrap();
        let demo = s.overview(at("2024-09-03 10:00")).unwrap();
        let first = &demo.agenda.notes()[0].path.clone();
        assert_eq!(s.note_page(first, at("2024-09-03 10:00")).unwrap().obsidian, None);
    }

    #[test]
    fn obsidian_uris_encode_everything_reserved() {
        assert_eq!(obsidian_uri("my vault", "a/b c.md"), "obsidian://open?vault=my%20vault&file=a%2Fb%20c");
        assert_eq!(obsidian_uri("v", "x&y#z?.md"), "obsidian://open?vault=v&file=x%26y%23z%3F");
        assert_eq!(obsidian_uri("v", "(1)+[2].MD"), "obsidian://open?vault=v&file=%281%29%2B%5B2%5D");
    }

    #[test]
    fn the_calendar_reads_the_log_of_the_open_vault() {
        let tmp = tempfile::tempdir().unwrap();
        let vault = tmp.path().join("v");
        std::fs::create_dir_all(&vault).unwrap();
        note(&vault, "a.md", "---\n⭕첫 학습날: 2024-09-01\n❤1일복습여부: false\n---\n");
        note(&vault, "b.md", "---\n⭕첫 학습날: 2024-09-01\n❤1일복습여부: false\n---\n");
        let s = session(&tmp);
        s.open_vault(&vault, at("2024-09-02 09:00")).unwrap();
        s.review("a.md", &ReviewInput::default(), at("2024-09-03 09:00")).unwrap();
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let counts = s.calendar(d("2024-09-01"), d("2024-09-30"), at("2024-09-04 09:00")).unwrap();
        let on = |day: &str| counts.iter().find(|c| c.date == d(day)).map(|c| (c.planned, c.done, c.missed)).unwrap();
        // a and b fell due on 09-02; a was done late on 09-03; b is still late, caught up today.
        assert_eq!(on("2024-09-02"), (0, 0, 2));
        assert_eq!(on("2024-09-03"), (0, 1, 0));
        assert_eq!(on("2024-09-04"), (1, 0, 0));
        // Then both D4s, on day 0 + 4.
        assert_eq!(on("2024-09-05"), (2, 0, 0));
        let day = s.calendar_day(d("2024-09-02"), at("2024-09-04 09:00")).unwrap();
        assert_eq!(day.missed.iter().map(|m| m.path.as_str()).collect::<Vec<_>>(), ["a.md", "b.md"]);
        assert!(s.calendar(d("2024-01-01"), d("2025-12-31"), at("2024-09-04 09:00")).is_err());
        let stats = s.stats(at("2024-09-04 09:00")).unwrap();
        assert_eq!((stats.days.len(), stats.days[0].reviews), (1, 1));
    }

    #[test]
    fn vaults_are_listed_switched_and_forgotten() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        note(&a, "x.md", "# x\n");
        note(&b, "y.md", "# y\n");
        let s = session(&tmp);
        s.open_vault(&a, at("2024-09-02 09:00")).unwrap();
        s.open_vault(&b, at("2024-09-02 09:01")).unwrap();
        let listed = s.vaults().unwrap();
        assert_eq!(
            listed.iter().map(|v| (v.name.as_str(), v.open, v.exists)).collect::<Vec<_>>(),
            [("b", true, true), ("a", false, true)]
        );
        assert!(s.forget_vault(&b).is_err(), "the open vault stays");
        std::fs::remove_dir_all(&a).unwrap();
        assert!(!s.vaults().unwrap()[1].exists);
        assert_eq!(s.forget_vault(&a).unwrap().len(), 1);
    }

    #[test]
    fn bodies_are_searched_in_the_open_vault() {
        let tmp = tempfile::tempdir().unwrap();
        let vault = tmp.path().join("v");
        std::fs::create_dir_all(&vault).unwrap();
        note(&vault, "a.md", "---\n⭕과목: 네트워크\n---\nTCP handshake\n");
        note(&vault, "b.md", "UDP\n");
        let s = session(&tmp);
        s.open_vault(&vault, at("2024-09-02 09:00")).unwrap();
        assert_eq!(s.search("Handshake", at("2024-09-02 09:00")).unwrap(), ["a.md"]);
        assert!(s.search("네트워크", at("2024-09-02 09:00")).unwrap().is_empty());
    }

    #[test]
    fn first_launch_opens_the_demo_then_the_chosen_vault_is_remembered() {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("data/bokseup.sqlite3");
        let demo_dir = tmp.path().join("data/demo-vault");
        let mine = tmp.path().join("내 볼트");
        std::fs::create_dir(&mine).unwrap();
        note(&mine, "a.md", "---\n⭕첫 학습날: 2024-08-25\n❤1일복습여부: false\n---\n");

        let session = Session::new(Store::open(&db).unwrap(), demo_dir.clone(), Clock::system(4)).unwrap();
        let first = session.start(None, at("2026-11-28 10:00")).unwrap();
        assert!(first.demo);
        assert_eq!(first.name, "데모 볼트");
        assert_eq!(first.agenda.counts.due, 4);
        assert!(demo_dir.join("AWS/AMI.md").is_file());

        let opened = session.open_vault(&mine, at("2026-11-28 10:01")).unwrap();
        assert!(!opened.demo);
        assert_eq!(opened.name, "내 볼트");
        assert_eq!(opened.agenda.counts.overdue, 1);

        // A new launch (new session, same database) reopens it.
        let again = Session::new(Store::open(&db).unwrap(), demo_dir, Clock::system(4)).unwrap();
        let reopened = again.start(None, at("2026-11-29 09:00")).unwrap();
        assert_eq!(reopened.vault, std::fs::canonicalize(&mine).unwrap().to_string_lossy());
        assert_eq!(reopened.agenda.today, "2026-11-29".parse::<NaiveDate>().unwrap());
    }

    #[test]
    fn a_vault_that_disappeared_falls_back_to_the_demo() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open_in_memory().unwrap();
        store.remember_vault(&tmp.path().join("gone"), at("2026-11-01 10:00")).unwrap();
        let session = Session::new(store, tmp.path().join("demo"), Clock::system(4)).unwrap();
        assert!(session.start(None, at("2026-11-28 10:00")).unwrap().demo);
    }

    #[test]
    fn opening_a_missing_folder_is_a_coded_error() {
        let session =
            Session::new(Store::open_in_memory().unwrap(), "/nonexistent/demo".into(), Clock::system(4)).unwrap();
        let err = session.open_vault(Path::new("/no/such/folder"), at("2026-11-28 10:00")).unwrap_err();
        assert_eq!(err.code(), crate::error::ErrorCode::MissingFolder);
        assert!(err.to_string().contains("/no/such/folder"));
    }

    #[test]
    fn today_follows_the_rollover_setting() {
        let session = Session::new(Store::open_in_memory().unwrap(), "/d".into(), Clock::system(4)).unwrap();
        assert_eq!(session.today(at("2026-11-28 03:00")).to_string(), "2026-11-27");
        let settings = Settings { rollover_hour: 0, ..session.settings() };
        session.save_settings(&settings, at("2026-11-28 03:00")).unwrap();
        assert_eq!(session.today(at("2026-11-28 03:00")).to_string(), "2026-11-28");
        // A new session over the same store starts with the stored hour.
        let store = std::mem::replace(&mut *session.store(), Store::open_in_memory().unwrap());
        let again = Session::new(store, "/d".into(), Clock::system(4)).unwrap();
        assert_eq!(again.clock().rollover_hour(), 0);
    }

    #[test]
    fn a_day_of_reviews_on_the_demo_vault() {
        let tmp = tempfile::tempdir().unwrap();
        let session = session(&tmp);
        let now = at("2026-11-28 20:00");
        let queue = session.overview(now).unwrap().agenda.today_reviews;
        assert_eq!(queue.len(), 7);
        for note in &queue {
            let view = session.note(&note.path, now).unwrap();
            assert_eq!(view.cues.len(), note.cues);
            // What the app sends: the step and flags the user saw when the review began.
            let seen = crate::journal::Seen { step: view.summary.step.unwrap(), flags: view.summary.flags.unwrap() };
            let input = ReviewInput {
                grades: vec![crate::journal::Grade::Remembered; view.cues.len()],
                seconds: 30,
                seen: Some(seen),
                ..ReviewInput::default()
            };
            let written = session.review(&note.path, &input, now).unwrap();
            assert_eq!(written.note.status, Some(crate::schedule::Status::Upcoming), "{}", note.path);
        }
        let after = session.overview(now).unwrap().agenda;
        assert_eq!((after.counts.overdue, after.counts.due), (0, 0));
        // Undo goes back through this session's writes, newest first.
        assert_eq!(session.undo(None, now).unwrap().path, queue.last().unwrap().path);
        assert_eq!(session.overview(now).unwrap().agenda.counts.due, 1);
        // Start and enroll.
        let not_started = "AWS/IAM 정책.md";
        assert_eq!(session.start_note(not_started, now).unwrap().note.stage.as_deref(), Some("1일 복습"));
        let plain = "복습 사용법.md";
        assert_eq!(session.enroll(plain, now).unwrap().note.kind, crate::note::Kind::Review);
    }

    /// Regression: a write must not ask for the store while it holds the store's lock (reading
    /// the rollover setting that way once deadlocked the app's 완료 button). Now writes also
    /// refresh the calendar file, which reads the settings.
    #[test]
    fn writes_on_the_real_clock_do_not_deadlock() {
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let tmp = tempfile::tempdir().unwrap();
            let session =
                Session::new(Store::open_in_memory().unwrap(), tmp.path().join("demo"), Clock::system(4)).unwrap();
            let now = session.now();
            session.open_demo(now).unwrap();
            let ics = tmp.path().join("복습.ics");
            let with_calendar = Settings { calendar_file: Some(ics.to_string_lossy().into()), ..session.settings() };
            session.save_settings(&with_calendar, now).unwrap();
            let review =
                session.review("AWS/S3 스토리지 클래스.md", &ReviewInput::default(), now).map(|w| w.note.status);
            let start = session.start_note("AWS/IAM 정책.md", now).is_ok();
            let enroll = session.enroll("복습 사용법.md", now).is_ok();
            done.send((review.ok().flatten(), start, enroll)).unwrap();
        });
        let result = finished.recv_timeout(std::time::Duration::from_secs(20)).expect("a write deadlocked");
        assert_eq!(result, (Some(crate::schedule::Status::Upcoming), true, true));
    }

    #[test]
    fn note_view_renders_cues_and_body() {
        let tmp = tempfile::tempdir().unwrap();
        let session = session(&tmp);
        let view = session.note("AWS/AMI.md", at("2026-11-28 20:00")).unwrap();
        assert_eq!(view.cues[0].question_html, "AMI가 뭐야?");
        assert!(view.cues[0].answer_html.contains("<li>Amazon Machine Image"), "{}", view.cues[0].answer_html);
        assert!(view.body_html.contains("<h3>핵심 요약</h3>"));
        assert!(session.note("../escape.md", at("2026-11-28 20:00")).is_err());
        std::fs::write(tmp.path().join("demo/AWS/image 39.png"), b"\x89PNG").unwrap();
        std::fs::write(tmp.path().join("secret.png"), b"x").unwrap();
        let (bytes, mime) = session.image("/AWS/image%2039.png", at("2026-11-28 20:00")).unwrap();
        assert_eq!((bytes.as_slice(), mime), (b"\x89PNG".as_slice(), "image/png"));
        assert!(session.image("/..%2Fsecret.png", at("2026-11-28 20:00")).is_err());
        assert!(session.image("/AWS/AMI.md", at("2026-11-28 20:00")).is_err());
    }

    #[test]
    fn command_line_vault_is_opened_first() {
        let tmp = tempfile::tempdir().unwrap();
        let vault = tmp.path().join("v");
        std::fs::create_dir(&vault).unwrap();
        note(&vault, "plain.md", "메모\n");
        let session = Session::new(Store::open_in_memory().unwrap(), tmp.path().join("demo"), Clock::system(4))
            .unwrap()
            .starting_on(Some(vault));
        assert!(!session.overview(at("2026-11-28 10:00")).unwrap().demo);
    }

    #[test]
    fn overview_rescans_the_open_vault() {
        let tmp = tempfile::tempdir().unwrap();
        let session = session(&tmp);
        let vault = tmp.path().join("v");
        std::fs::create_dir(&vault).unwrap();
        note(&vault, "plain.md", "메모\n");
        session.open_vault(&vault, at("2024-08-26 10:00")).unwrap();
        assert_eq!(session.overview(at("2024-08-26 10:00")).unwrap().agenda.counts.due, 0);
        note(&vault, "n.md", "---\n⭕첫 학습날: 2024-08-25\n❤1일복습여부: false\n---\n");
        assert_eq!(session.overview(at("2024-08-26 10:00")).unwrap().agenda.counts.due, 1);
    }

    fn at_s(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    /// A vault with two notes overdue and one due on 2026-11-29, in `tmp/vault`.
    fn due_vault(tmp: &tempfile::TempDir) -> PathBuf {
        let vault = tmp.path().join("vault");
        std::fs::create_dir_all(vault.join("네트워크")).unwrap();
        note(&vault, "네트워크/OSI 7계층.md", "---\n⭕첫 학습날: 2026-10-01\n❤1일복습여부: true\n🧡4일복습여부: true\n💛7일복습여부: true\n💚14일복습여부: true\n---\n");
        note(&vault, "EBS 볼륨.md", "---\n⭕첫 학습날: 2026-11-20\n❤1일복습여부: true\n---\n");
        note(&vault, "DNS.md", "---\n⭕첫 학습날: 2026-11-28\n❤1일복습여부: false\n---\n");
        vault
    }

    /// A session on [`due_vault`], opened at `at`.
    fn opened_due_vault(at: &str) -> (tempfile::TempDir, PathBuf, Session) {
        let tmp = tempfile::tempdir().unwrap();
        let vault = due_vault(&tmp);
        let session = session(&tmp);
        session.open_vault(&vault, at_s(at)).unwrap();
        (tmp, vault, session)
    }

    #[test]
    fn reminders_once_per_slot_across_restarts_with_a_real_database() {
        let tmp = tempfile::tempdir().unwrap();
        let vault = due_vault(&tmp);
        let db = tmp.path().join("data/bokseup.sqlite3");
        let session = Session::new(Store::open(&db).unwrap(), tmp.path().join("demo"), Clock::system(4)).unwrap();
        session.open_vault(&vault, at_s("2026-11-29 08:59:50")).unwrap();
        let before = session.remind(at_s("2026-11-29 08:59:50"));
        assert_eq!((before.show.as_ref(), before.wake, before.rescanned), (None, at_s("2026-11-29 09:00:00"), false));
        session.take_requests();
        let tick = session.remind(at_s("2026-11-29 09:00:00"));
        let shown = tick.show.expect("the 09:00 reminder");
        assert_eq!(shown.title, "오늘 복습할 노트 3개");
        // Three notes without cue questions, at the default pace (60 s of reading each).
        assert_eq!(shown.body, "밀린 복습 2개 · OSI 7계층, EBS 볼륨 외 1개 · 오늘 복습 약 3분");
        assert!(tick.rescanned);
        assert_eq!(tick.wake, at_s("2026-11-29 21:00:00"));
        assert_eq!(session.take_requests(), [Request::Reload]);
        assert_eq!(session.remind(at_s("2026-11-29 09:00:30")).show, None);
        drop(session);
        // A restart at 09:05 does not show the 09:00 reminder again.
        let again = Session::new(Store::open(&db).unwrap(), tmp.path().join("demo"), Clock::system(4)).unwrap();
        again.overview(at_s("2026-11-29 09:05:00")).unwrap();
        assert_eq!(again.remind(at_s("2026-11-29 09:05:00")).show, None);
        let status = again.reminder_status(at_s("2026-11-29 09:05:00"));
        assert_eq!((status.due, status.next), (3, Some(at_s("2026-11-29 21:00:00"))));
    }

    #[test]
    fn a_vault_that_disappears_in_the_tray_is_reported_and_the_next_slot_still_fires() {
        let (tmp, vault, session) = opened_due_vault("2026-11-29 08:00:00");
        let moved = tmp.path().join("moved");
        std::fs::rename(&vault, &moved).unwrap();
        let tick = session.remind(at_s("2026-11-29 09:00:00"));
        assert_eq!(tick.show, None);
        assert!(tick.problem.as_deref().unwrap_or_default().contains("폴더를 찾을 수 없습니다"), "{tick:?}");
        std::fs::rename(&moved, &vault).unwrap();
        let tick = session.remind(at_s("2026-11-29 21:00:00"));
        assert_eq!((tick.problem, tick.show.map(|r| r.title)), (None, Some("오늘 복습할 노트 3개".to_string())));
    }

    #[test]
    fn snooze_mute_and_unmute() {
        let (_tmp, _vault, session) = opened_due_vault("2026-11-29 09:00:00");
        assert!(session.remind(at_s("2026-11-29 09:00:00")).show.is_some());
        session.snooze(at_s("2026-11-29 09:00:10")).unwrap();
        assert_eq!(
            session.reminder_status(at_s("2026-11-29 09:30:00")).snoozed_until,
            Some(at_s("2026-11-29 10:00:10"))
        );
        assert_eq!(session.remind(at_s("2026-11-29 09:30:00")).wake, at_s("2026-11-29 10:00:10"));
        let back = session.remind(at_s("2026-11-29 10:00:10")).show.expect("snoozed reminder");
        assert_eq!(back.reason, reminder::Reason::Snooze);
        assert_eq!(session.reminder_status(at_s("2026-11-29 10:00:11")).snoozed_until, None);
        session.mute(Mute::Today, at_s("2026-11-29 10:01:00")).unwrap();
        let status = session.reminder_status(at_s("2026-11-29 10:01:00"));
        assert_eq!(
            (status.muted_until, status.next),
            (Some(at_s("2026-11-30 04:00:00")), Some(at_s("2026-11-30 09:00:00")))
        );
        assert_eq!(session.remind(at_s("2026-11-29 21:00:00")).show, None);
        session.unmute().unwrap();
        session.mute(Mute::Hour, at_s("2026-11-29 21:10:00")).unwrap();
        assert_eq!(session.reminder_status(at_s("2026-11-29 21:10:00")).muted_until, Some(at_s("2026-11-29 22:10:00")));
    }

    #[test]
    fn the_login_reminder_comes_shortly_after_a_login_launch() {
        let (_tmp, _vault, session) = opened_due_vault("2026-11-29 10:00:00");
        session.expect_login(at_s("2026-11-29 10:00:00"));
        let first = session.remind(at_s("2026-11-29 10:00:00"));
        assert_eq!((first.show, first.wake), (None, at_s("2026-11-29 10:00:15")));
        let login = session.remind(at_s("2026-11-29 10:00:15")).show.expect("login reminder");
        assert_eq!(login.reason, reminder::Reason::Login);
        // It stood for the missed 09:00 one, and comes once.
        assert_eq!(session.remind(at_s("2026-11-29 10:00:20")).show, None);
    }

    #[test]
    fn the_calendar_file_is_written_when_set_and_follows_reviews() {
        let tmp = tempfile::tempdir().unwrap();
        let vault = due_vault(&tmp);
        let session = session(&tmp);
        let now = at_s("2026-11-29 12:00:00");
        session.open_vault(&vault, now).unwrap();
        let ics = tmp.path().join("sync/복습.ics");
        let set = |path: &Path| Settings { calendar_file: Some(path.to_string_lossy().into()), ..session.settings() };
        // A folder that does not exist: refused, nothing kept.
        let err = session.save_settings(&set(&ics), now).unwrap_err();
        assert!(err.to_string().contains("캘린더 파일을 둘 폴더가 없습니다"), "{err}");
        assert_eq!(session.settings().calendar_file, None);
        // A place that cannot be written: refused, nothing kept.
        let err = session.save_settings(&set(Path::new("/proc/bokseup-test.ics")), now).unwrap_err();
        assert!(err.to_string().contains("캘린더 파일을 쓸 수 없습니다: /proc/bokseup-test.ics"), "{err}");
        assert_eq!(session.settings().calendar_file, None);
        std::fs::create_dir(tmp.path().join("sync")).unwrap();
        session.save_settings(&set(&ics), now).unwrap();
        let first = std::fs::read_to_string(&ics).unwrap();
        assert!(first.contains("SUMMARY:복습 3개\r\n"), "{first}");
        let status = session.reminder_status(now).calendar.unwrap();
        assert_eq!((status.written_at, status.error), (Some(now), None));
        // A review moves the note out of today's event.
        session.review("DNS.md", &ReviewInput::default(), at_s("2026-11-29 12:05:00")).unwrap();
        let after = std::fs::read_to_string(&ics).unwrap();
        assert!(after.contains("SUMMARY:복습 2개\r\n"), "{after}");
        assert_eq!(session.counts(at_s("2026-11-29 12:05:00")).unwrap().due, 0);
        // Nothing changed: not rewritten (the file's time stamp would otherwise move).
        let written = session.export_calendar(at_s("2026-11-29 12:30:00")).unwrap().written_at;
        assert_eq!(written, Some(at_s("2026-11-29 12:05:00")));
    }

    #[test]
    fn a_file_or_a_folder_without_notes_is_refused_and_the_open_vault_stays() {
        let tmp = tempfile::tempdir().unwrap();
        let vault = due_vault(&tmp);
        let session = session(&tmp);
        let now = at_s("2026-11-29 12:00:00");
        session.open_vault(&vault, now).unwrap();
        let file = vault.join("DNS.md");
        assert_eq!(session.open_vault(&file, now).unwrap_err().code(), crate::error::ErrorCode::NotAFolder);
        let empty = tmp.path().join("빈 폴더");
        std::fs::create_dir_all(empty.join(".obsidian")).unwrap();
        std::fs::write(empty.join("그림.png"), b"x").unwrap();
        let err = session.open_vault(&empty, now).unwrap_err();
        assert_eq!(err.code(), crate::error::ErrorCode::NoNotes);
        assert!(err.to_string().contains("빈 폴더"), "{err}");
        assert_eq!(session.open_vault_name().unwrap().0, "vault");
        assert_eq!(session.overview(now).unwrap().name, "vault");
    }

    #[test]
    fn offers_and_hints_come_once() {
        let tmp = tempfile::tempdir().unwrap();
        let vault = due_vault(&tmp);
        let session = session(&tmp);
        let now = at_s("2026-11-29 12:00:00");
        session.open_demo(now).unwrap();
        assert!(!session.autostart_offer(), "not for the demo vault");
        session.open_vault(&vault, now).unwrap();
        assert!(session.autostart_offer());
        session.autostart_offered().unwrap();
        assert!(!session.autostart_offer());
        assert!(session.first_hide());
        assert!(!session.first_hide());
        session.request(Request::Review);
        session.request(Request::Review);
        session.request(Request::Notice { message: "x".into() });
        assert_eq!(session.take_requests(), [Request::Review, Request::Notice { message: "x".into() }]);
        assert!(session.take_requests().is_empty());
    }

    #[test]
    fn the_tray_says_where_things_stand() {
        let tmp = tempfile::tempdir().unwrap();
        let vault = due_vault(&tmp);
        let session = session(&tmp);
        assert_eq!(session.tray(at_s("2026-11-29 08:00:00")).status, "볼트를 여는 중…");
        session.open_vault(&vault, at_s("2026-11-29 08:00:00")).unwrap();
        let tray = session.tray(at_s("2026-11-29 08:00:00"));
        assert_eq!(
            tray,
            TrayView {
                title: Some("3".into()),
                status: "오늘 복습 3개 · 다음 알림 09:00".into(),
                review: "복습 시작 (3)".into(),
                can_review: true,
                drill: "약한 질문 연습 (0)".into(),
                can_drill: false,
                muted: false,
                labels: ["열기", "알림 끄기", "1시간", "오늘", "다시 켜기", "종료"],
            }
        );
        session.mute(Mute::Today, at_s("2026-11-29 08:00:00")).unwrap();
        assert_eq!(session.tray(at_s("2026-11-29 08:00:00")).status, "오늘 복습 3개 · 알림 꺼짐 · 내일 04:00까지");
        assert!(session.tray(at_s("2026-11-29 08:00:00")).muted);
        session.unmute().unwrap();
        for note in ["DNS.md", "EBS 볼륨.md", "네트워크/OSI 7계층.md"] {
            session.review(note, &ReviewInput::default(), at_s("2026-11-29 22:00:00")).unwrap();
        }
        let done = session.tray(at_s("2026-11-29 22:00:00"));
        assert_eq!((done.title, done.can_review), (None, false));
        assert_eq!(done.status, "오늘 복습을 마쳤어요 · 다음 알림 내일 09:00");
        // The vault disappears: the tray says so until it is back.
        let moved = tmp.path().join("moved");
        std::fs::rename(&vault, &moved).unwrap();
        session.remind(at_s("2026-11-30 09:00:00"));
        assert!(session.tray(at_s("2026-11-30 09:00:00")).status.starts_with("폴더를 찾을 수 없습니다"));
        std::fs::rename(&moved, &vault).unwrap();
        session.overview(at_s("2026-11-30 09:01:00")).unwrap();
        assert!(session.tray(at_s("2026-11-30 09:01:00")).status.starts_with("오늘 복습"));
    }

    #[test]
    fn a_launch_by_the_user_lets_passed_reminders_go() {
        let (_tmp, _vault, session) = opened_due_vault("2026-11-29 15:00:00");
        session.opened_by_user(at_s("2026-11-29 15:00:00"));
        assert_eq!(session.remind(at_s("2026-11-29 15:00:01")).show, None);
        assert!(session.remind(at_s("2026-11-29 21:00:00")).show.is_some(), "the evening one still comes");
    }

    #[test]
    fn the_demo_vault_gets_no_reminders() {
        let tmp = tempfile::tempdir().unwrap();
        let session = session(&tmp);
        session.open_demo(at_s("2026-11-29 08:00:00")).unwrap();
        assert!(session.demo_open());
        let tick = session.remind(at_s("2026-11-29 09:00:00"));
        assert_eq!(tick.show, None);
        assert!(tick.rescanned, "the slot still came round");
    }
}
