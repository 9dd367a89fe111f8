//! The engine's door: the one place the window's commands and the command line both call, so
//! each operation (open, review, start, enroll, undo, settings, …) keeps the index, the vault's
//! history file, the calendar file and the review log right whoever calls it, and announces what
//! changed to one listener. Split by capability, each with its own state:
//!
//! - [`vault`](self) the open vault, its scan and index;
//! - writes to notes and their undo;
//! - learning: answers, drill, plan and pace;
//! - reminders and the calendar file;
//! - settings and one-time offers;
//! - the library's reads: search, a note's page, the calendar, statistics.

use crate::clock::Clock;
use crate::error::Result;
use crate::journal;
use crate::store::Store;
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use ts_rs::TS;

mod indexer;
mod learning;
mod library;
mod publish;
mod reminders;
mod settings;
#[cfg(test)]
mod tests;
mod vault;
mod write;

pub use learning::{plan_items, BreakNow, DayLoad, Learning, WeakQuestion};
pub use library::{obsidian_uri, GradeAt, NotePage, QuestionMemory, Stats};
pub use publish::{retry_after, PublishStatus};
pub use reminders::{CalendarStatus, Mute, ReminderStatus, Tick};
pub use settings::{Appearance, DesktopStatus, PageMoment, ToastProblem, UpdateCheck, UpdateOffer};
pub use vault::VaultEntry;

/// One running app (or one command of the command line): its database, its clock, who listens,
/// and the state of each capability.
pub struct Session {
    store: Arc<Mutex<Store>>,
    /// Stores single notes' index rows off the path of an answer or a change on screen.
    indexer: indexer::Indexer,
    clock: Clock,
    listener: Mutex<Option<Listener>>,
    /// What the desktop asked the window to do (a toast or the tray was clicked), not yet taken.
    requests: Mutex<Vec<Request>>,
    vault: vault::State,
    writes: write::State,
    reminders: reminders::State,
    publish: publish::State,
    learning: learning::State,
}

/// Who is told of the session's changes (see [`Session::listen`]); called from whichever thread
/// made the change, a scan's helper thread among them.
pub type Listener = Arc<dyn Fn(Change) + Send + Sync>;

/// A change the session announces, whoever caused it (the window, the command line, the
/// reminder timer, the file watcher).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// What is due changed: a vault opened or scanned anew, a note written or undone, a change
    /// by another program. The tray's count and the reminder timer follow.
    Agenda,
    /// When or whether reminders come changed: the settings, a snooze, a silence.
    Reminders,
    /// A question's memory learned an answer (a drill): the weak count follows.
    Learning,
    /// How a long scan is going.
    Progress(ScanProgress),
    /// A publish to the calendar server succeeded or failed: the settings screen follows.
    Published,
}

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
            store: Arc::new(Mutex::new(store)),
            indexer: indexer::Indexer::default(),
            clock,
            listener: Mutex::new(None),
            requests: Mutex::new(Vec::new()),
            vault: vault::State::new(demo_dir),
            writes: write::State::new(first_edit),
            reminders: reminders::State::default(),
            publish: publish::State::default(),
            learning: learning::State::new(device),
        })
    }

    /// Sets how long a changed note must have been still before the index of notes trusts it
    /// ([`index::SETTLE`] by default; tests change files faster than people do).
    pub fn with_settle(mut self, settle: std::time::Duration) -> Session {
        self.vault.settle = settle;
        self
    }

    /// Makes the first [`Session::overview`] open `vault` (named on the command line) instead of
    /// the remembered one.
    pub fn starting_on(mut self, vault: Option<PathBuf>) -> Session {
        self.vault.start_vault = vault;
        self
    }

    /// Makes this a session for one command of the command line: a vault it opens is not
    /// remembered as the app's, and undo reaches every write recorded for the vault (each
    /// command is a session of its own). Everything else is the window's route.
    pub fn command_line(mut self) -> Session {
        self.vault.remember = false;
        self.writes.first_edit = 0;
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

    /// Sets who is told of changes ([`Change`]): the window's shell, once, for the tray, the
    /// reminder timer and the page. Whoever called an operation, the change is announced.
    pub fn listen(&self, listener: Listener) {
        *lock(&self.listener) = Some(listener);
    }

    /// Tells the listener, if any, that `change` happened. Called with no lock held.
    fn announce(&self, change: Change) {
        let listener = lock(&self.listener).clone();
        if let Some(listener) = listener {
            listener(change);
        }
    }

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

    pub(super) fn store(&self) -> MutexGuard<'_, Store> {
        lock(&self.store)
    }

    /// Stores `note`'s index row soon, on the indexing thread (see [`indexer`]).
    pub(super) fn index_later(&self, vault: &std::path::Path, stamp: crate::vault::Stamp, note: crate::note::Note) {
        self.indexer.store(&self.store, crate::store::vault_key(vault), stamp, note);
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
