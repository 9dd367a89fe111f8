//! The app's SQLite database: remembered vaults, settings, the journal of writes to notes (for
//! undo and crash recovery) and the review log.
//!
//! The vault is the source of truth for every schedule; this database only remembers what the app
//! itself needs, so deleting it loses no review.

use crate::error::{Error, Result};
use crate::reminder::{Outcome, Slot};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension};
use std::path::{Path, PathBuf};

/// The `setting` key of the day-rollover hour (see [`Store::rollover_hour`]).
pub const ROLLOVER_SETTING: &str = "rollover_hour";
/// Reviews done before 04:00 count for the previous day, as in Anki.
pub const DEFAULT_ROLLOVER_HOUR: u32 = 4;

/// The app's identifier: its data lives in a folder of this name (as Tauri names it).
pub const APP_ID: &str = "app.bokseup.desktop";

/// Where the database lives: in `data` if given, else in the user's data folder
/// (`~/.local/share/app.bokseup.desktop/` on Linux), shared by the app and the command line.
pub fn database_path(data: Option<&Path>) -> PathBuf {
    let dir = match data {
        Some(dir) => dir.to_path_buf(),
        None => dirs::data_dir().unwrap_or_else(std::env::temp_dir).join(APP_ID),
    };
    dir.join("bokseup.sqlite3")
}

/// Schema steps, applied in order; `PRAGMA user_version` records how many have run.
const MIGRATIONS: &[&str] = &[
    include_str!("store/0001_init.sql"),
    include_str!("store/0002_journal.sql"),
    include_str!("store/0003_reminder.sql"),
];

/// An open database.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| Error::Write { path: dir.to_path_buf(), source })?;
        }
        Store::init(Connection::open(path)?)
    }

    /// A database in memory, for tests and for running without a data folder.
    pub fn open_in_memory() -> Result<Store> {
        Store::init(Connection::open_in_memory()?)
    }

    fn init(mut conn: Connection) -> Result<Store> {
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let version: usize = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
            let tx = conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", i + 1)?;
            tx.commit()?;
        }
        Ok(Store { conn })
    }

    /// The schema version (number of migrations applied).
    pub fn schema_version(&self) -> Result<usize> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Records that the user opened `vault` at `now`; it becomes the current vault.
    pub fn remember_vault(&self, vault: &Path, now: NaiveDateTime) -> Result<()> {
        self.conn.execute(
            "INSERT INTO vault (path, opened_at) VALUES (?1, ?2)
             ON CONFLICT(path) DO UPDATE SET opened_at = excluded.opened_at",
            params![vault.to_string_lossy(), now.format("%Y-%m-%dT%H:%M:%S%.f").to_string()],
        )?;
        Ok(())
    }

    /// The vaults opened before, most recent first.
    pub fn recent_vaults(&self) -> Result<Vec<PathBuf>> {
        let mut stmt = self.conn.prepare_cached("SELECT path FROM vault ORDER BY opened_at DESC, path")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?.into_iter().map(PathBuf::from).collect())
    }

    /// The vault opened last, if any.
    pub fn current_vault(&self) -> Result<Option<PathBuf>> {
        Ok(self.recent_vaults()?.into_iter().next())
    }

    /// Forgets a vault (for example one whose folder is gone).
    pub fn forget_vault(&self, vault: &Path) -> Result<()> {
        self.conn.execute("DELETE FROM vault WHERE path = ?1", params![vault.to_string_lossy()])?;
        Ok(())
    }

    /// A setting's value, or `None` when never set.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT value FROM setting WHERE key = ?1")?;
        Ok(stmt.query_row(params![key], |r| r.get(0)).optional()?)
    }

    /// The hour the review day starts (setting `rollover_hour`, default 4 as in Anki): a review
    /// at 02:30 counts for the day before. An unreadable or out-of-range value gives the default.
    pub fn rollover_hour(&self) -> u32 {
        self.setting(ROLLOVER_SETTING)
            .ok()
            .flatten()
            .and_then(|v| v.parse().ok())
            .filter(|h| *h < 24)
            .unwrap_or(DEFAULT_ROLLOVER_HOUR)
    }

    /// Sets a setting.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }
}

impl Store {
    /// Reminder slots handled on review day `since` or later.
    pub fn handled_slots(&self, since: NaiveDate) -> Result<Vec<Slot>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT day, time FROM reminder_slot WHERE day >= ?1 ORDER BY day, time")?;
        let rows =
            stmt.query_map(params![since.to_string()], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut slots = Vec::new();
        for row in rows {
            let (day, time) = row?;
            if let (Ok(day), Some(time)) = (day.parse(), crate::reminder::parse_time(&time)) {
                slots.push(Slot { day, time });
            }
        }
        Ok(slots)
    }

    /// Records that a reminder slot came round at `at` and what happened. Slots older than a
    /// week are forgotten: they can never come round again.
    pub fn record_slot(&self, slot: Slot, outcome: Outcome, at: NaiveDateTime) -> Result<()> {
        self.conn.execute(
            "INSERT OR IGNORE INTO reminder_slot (day, time, outcome, handled_at) VALUES (?1, ?2, ?3, ?4)",
            params![slot.day.to_string(), crate::reminder::format_time(slot.time), outcome.as_str(), stamp(at)],
        )?;
        let week_ago = slot.day - chrono::Days::new(7);
        self.conn.execute("DELETE FROM reminder_slot WHERE day < ?1", params![week_ago.to_string()])?;
        Ok(())
    }

    /// A setting holding a local time, if set and readable.
    pub fn time_setting(&self, key: &str) -> Option<NaiveDateTime> {
        let value = self.setting(key).ok().flatten()?;
        NaiveDateTime::parse_from_str(&value, "%Y-%m-%dT%H:%M:%S").ok()
    }

    /// Sets or clears a setting holding a local time.
    pub fn set_time_setting(&self, key: &str, value: Option<NaiveDateTime>) -> Result<()> {
        match value {
            Some(at) => self.set_setting(key, &stamp(at)),
            None => {
                self.conn.execute("DELETE FROM setting WHERE key = ?1", params![key])?;
                Ok(())
            }
        }
    }

    /// A yes/no setting, `default` when never set.
    pub fn flag_setting(&self, key: &str, default: bool) -> bool {
        match self.setting(key).ok().flatten().as_deref() {
            Some("true") => true,
            Some("false") => false,
            _ => default,
        }
    }
}

/// A local time as the store keeps it: `2026-11-29T09:00:00`.
fn stamp(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// The state of a journaled write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditState {
    /// The file is being replaced.
    Pending,
    /// The file holds the new bytes.
    Done,
    /// The file was not replaced.
    Failed,
    /// The write was undone.
    Undone,
}

impl EditState {
    fn as_str(self) -> &'static str {
        match self {
            EditState::Pending => "pending",
            EditState::Done => "done",
            EditState::Failed => "failed",
            EditState::Undone => "undone",
        }
    }

    fn parse(s: &str) -> EditState {
        match s {
            "pending" => EditState::Pending,
            "done" => EditState::Done,
            "undone" => EditState::Undone,
            _ => EditState::Failed,
        }
    }
}

/// One journaled write to a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditRow {
    /// Row id; later writes have larger ids.
    pub id: i64,
    /// The vault folder.
    pub vault: String,
    /// The note, relative to the vault.
    pub path: String,
    /// `review`, `start` or `enroll`.
    pub action: String,
    /// Local time of the write, `YYYY-MM-DDTHH:MM:SS`.
    pub made_at: String,
    /// The file's bytes before.
    pub before: Vec<u8>,
    /// The file's bytes after.
    pub after: Vec<u8>,
    /// Where the write stands.
    pub state: EditState,
}

/// A review to log with its write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRow {
    /// The review day (after the rollover hour).
    pub reviewed_on: String,
    /// Local time of the review.
    pub reviewed_at: String,
    /// The step reviewed (`d1`, …, `extra`).
    pub step: String,
    /// Fixed steps marked done, comma-separated (catch-up included).
    pub steps_done: String,
    /// Whether the user marked the note as in long-term memory.
    pub long_term: bool,
    /// Self-grades of the cue questions, as a JSON array of 1 (기억남), 2 (헷갈림), 3 (모름).
    pub grades: String,
    /// Seconds spent on the note.
    pub seconds: u32,
}

/// A logged review whose write completed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedReview {
    /// The note, relative to the vault.
    pub path: String,
    /// The review and its details.
    pub review: ReviewRow,
}

impl Store {
    /// Journals a write as pending (with its review row, if any) in one transaction, before the
    /// file is touched; returns its id.
    pub fn begin_edit(&mut self, edit: &EditRow, review: Option<&ReviewRow>) -> Result<i64> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO edit (vault, path, action, made_at, before, after, state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending')",
            params![edit.vault, edit.path, edit.action, edit.made_at, edit.before, edit.after],
        )?;
        let id = tx.last_insert_rowid();
        if let Some(r) = review {
            tx.execute(
                "INSERT INTO review (edit_id, reviewed_on, reviewed_at, step, steps_done, long_term, grades, seconds)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![id, r.reviewed_on, r.reviewed_at, r.step, r.steps_done, r.long_term, r.grades, r.seconds],
            )?;
        }
        tx.commit()?;
        Ok(id)
    }

    /// Records where a journaled write ended.
    pub fn set_edit_state(&self, id: i64, state: EditState) -> Result<()> {
        self.conn.execute("UPDATE edit SET state = ?2 WHERE id = ?1", params![id, state.as_str()])?;
        Ok(())
    }

    /// Writes left pending by a crash, oldest first.
    pub fn pending_edits(&self) -> Result<Vec<EditRow>> {
        self.edits("WHERE state = 'pending' ORDER BY id", params![])
    }

    /// The newest completed write in `vault` with an id of at least `since`: what undo reverts.
    pub fn last_undoable(&self, vault: &str, since: i64) -> Result<Option<EditRow>> {
        Ok(self
            .edits("WHERE vault = ?1 AND id >= ?2 AND state = 'done' ORDER BY id DESC LIMIT 1", params![vault, since])?
            .pop())
    }

    /// The id the next journaled write will have at least (for "this session's writes").
    pub fn next_edit_id(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM edit", [], |r| r.get(0))?)
    }

    /// Reviews in `vault` whose write completed, oldest first.
    pub fn reviews(&self, vault: &str) -> Result<Vec<LoggedReview>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.path, r.reviewed_on, r.reviewed_at, r.step, r.steps_done, r.long_term, r.grades, r.seconds
             FROM review r JOIN edit e ON e.id = r.edit_id
             WHERE e.vault = ?1 AND e.state = 'done' ORDER BY r.id",
        )?;
        let rows = stmt.query_map(params![vault], |r| {
            Ok(LoggedReview {
                path: r.get(0)?,
                review: ReviewRow {
                    reviewed_on: r.get(1)?,
                    reviewed_at: r.get(2)?,
                    step: r.get(3)?,
                    steps_done: r.get(4)?,
                    long_term: r.get(5)?,
                    grades: r.get(6)?,
                    seconds: r.get(7)?,
                },
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    fn edits(&self, clause: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<EditRow>> {
        let sql = format!("SELECT id, vault, path, action, made_at, before, after, state FROM edit {clause}");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(args, |r| {
            Ok(EditRow {
                id: r.get(0)?,
                vault: r.get(1)?,
                path: r.get(2)?,
                action: r.get(3)?,
                made_at: r.get(4)?,
                before: r.get(5)?,
                after: r.get(6)?,
                state: EditState::parse(&r.get::<_, String>(7)?),
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn remembers_vaults_across_reopen_of_a_real_file() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("data/bokseup.sqlite3");
        {
            let store = Store::open(&db).unwrap();
            assert_eq!(store.current_vault().unwrap(), None);
            store.remember_vault(Path::new("/v/one"), at("2024-08-25 09:00")).unwrap();
            store.remember_vault(Path::new("/v/two"), at("2024-08-26 09:00")).unwrap();
            store.remember_vault(Path::new("/v/one"), at("2024-08-27 09:00")).unwrap();
            store.set_setting("rollover_hour", "4").unwrap();
        }
        let store = Store::open(&db).unwrap();
        assert_eq!(store.recent_vaults().unwrap(), [PathBuf::from("/v/one"), PathBuf::from("/v/two")]);
        assert_eq!(store.current_vault().unwrap(), Some(PathBuf::from("/v/one")));
        assert_eq!(store.setting("rollover_hour").unwrap().as_deref(), Some("4"));
        assert_eq!(store.setting("missing").unwrap(), None);
        store.forget_vault(Path::new("/v/one")).unwrap();
        assert_eq!(store.current_vault().unwrap(), Some(PathBuf::from("/v/two")));
    }

    #[test]
    fn rollover_hour_defaults_to_four_and_ignores_nonsense() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.rollover_hour(), 4);
        store.set_setting(ROLLOVER_SETTING, "0").unwrap();
        assert_eq!(store.rollover_hour(), 0);
        for bad in ["24", "-1", "네시"] {
            store.set_setting(ROLLOVER_SETTING, bad).unwrap();
            assert_eq!(store.rollover_hour(), DEFAULT_ROLLOVER_HOUR, "{bad}");
        }
    }

    #[test]
    fn migrations_run_once() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("b.sqlite3");
        assert_eq!(Store::open(&db).unwrap().schema_version().unwrap(), MIGRATIONS.len());
        assert_eq!(Store::open(&db).unwrap().schema_version().unwrap(), MIGRATIONS.len());
    }

    #[test]
    fn reminder_slots_are_kept_once_and_for_a_week() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("b.sqlite3");
        let slot = |day: &str, time: &str| Slot {
            day: day.parse().unwrap(),
            time: crate::reminder::parse_time(time).unwrap(),
        };
        {
            let store = Store::open(&db).unwrap();
            store.record_slot(slot("2026-11-20", "09:00"), Outcome::Shown, at("2026-11-20 09:00")).unwrap();
            store.record_slot(slot("2026-11-29", "09:00"), Outcome::Shown, at("2026-11-29 09:00")).unwrap();
            // A second record of the same slot changes nothing.
            store.record_slot(slot("2026-11-29", "09:00"), Outcome::Muted, at("2026-11-29 09:01")).unwrap();
            store.record_slot(slot("2026-11-29", "21:00"), Outcome::NothingDue, at("2026-11-29 21:00")).unwrap();
        }
        let store = Store::open(&db).unwrap();
        assert_eq!(
            store.handled_slots("2026-11-29".parse().unwrap()).unwrap(),
            [slot("2026-11-29", "09:00"), slot("2026-11-29", "21:00")]
        );
        // 11-20 is more than a week before 11-29: gone.
        assert_eq!(store.handled_slots("2026-11-01".parse().unwrap()).unwrap().len(), 2);
        let outcome: String =
            store.conn.query_row("SELECT outcome FROM reminder_slot WHERE time = '09:00'", [], |r| r.get(0)).unwrap();
        assert_eq!(outcome, "shown");
    }

    #[test]
    fn time_and_flag_settings() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.time_setting("snooze"), None);
        store.set_time_setting("snooze", Some(at("2026-11-29 10:00"))).unwrap();
        assert_eq!(store.time_setting("snooze"), Some(at("2026-11-29 10:00")));
        store.set_time_setting("snooze", None).unwrap();
        assert_eq!(store.time_setting("snooze"), None);
        assert!(store.flag_setting("x", true));
        store.set_setting("x", "false").unwrap();
        assert!(!store.flag_setting("x", true));
    }

    #[test]
    fn unwritable_location_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("file");
        std::fs::write(&file, b"x").unwrap();
        assert!(Store::open(&file.join("sub/db.sqlite3")).is_err());
    }
}
