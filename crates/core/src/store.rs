//! The app's SQLite database: remembered vaults, settings, the journal of writes to notes (for
//! undo and crash recovery) and the review log.
//!
//! The vault is the source of truth for every schedule; this database only remembers what the app
//! itself needs, so deleting it loses no review.

use crate::error::{Error, Result};
use crate::reminder::{Outcome, Slot};
use crate::vault::QUIET;
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

mod answer;
mod index;
mod journal;

/// How the database names a vault (in the journal, the review log and the index of notes): its
/// canonical folder, so every way of reaching the folder finds the same rows.
pub fn vault_key(vault: &Path) -> String {
    crate::vault::canonical(vault).unwrap_or_else(|_| vault.to_path_buf()).to_string_lossy().into_owned()
}

pub use index::{Burial, Rows};
pub use journal::{Action, Delta, EditRow, EditState, LoggedReview, ReviewRow};

/// A step of the schema: SQL, or code where rows must be rewritten.
enum Migration {
    Sql(&'static str),
    Code(fn(&rusqlite::Transaction) -> rusqlite::Result<()>),
}

/// The page size of a new database.
const PAGE_SIZE: i64 = 16 * 1024;

/// Schema steps, applied in order; `PRAGMA user_version` records how many have run.
const MIGRATIONS: &[Migration] = &[
    Migration::Sql(include_str!("store/0001_init.sql")),
    Migration::Sql(include_str!("store/0002_journal.sql")),
    Migration::Sql(include_str!("store/0003_reminder.sql")),
    Migration::Code(journal::migrate_to_deltas),
    Migration::Sql(include_str!("store/0005_index.sql")),
    Migration::Sql(include_str!("store/0006_answer.sql")),
    Migration::Sql(include_str!("store/0007_index_gone.sql")),
    Migration::Sql(include_str!("store/0008_index_clustered.sql")),
];

/// Brings the schema of `conn` up to [`MIGRATIONS`].
fn migrate(conn: &mut Connection) -> Result<()> {
    // Tables are rebuilt by some steps (the review log refers to the journal): references are
    // checked once all steps ran, as SQLite's table-rebuild procedure asks.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    // The version is read again inside the write transaction that runs the steps: two processes
    // opening a new database at once (the app and the command line) must not both run a step.
    // One transaction for every step: a new database is one commit (one sync to disk, where a
    // commit per step was a dozen on the first start).
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let version: usize = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version < MIGRATIONS.len() {
        for step in &MIGRATIONS[version..] {
            match step {
                Migration::Sql(sql) => tx.execute_batch(sql)?,
                Migration::Code(run) => run(&tx)?,
            }
        }
        tx.pragma_update(None, "user_version", MIGRATIONS.len())?;
    }
    tx.commit()?;
    let broken: Option<String> = conn.query_row("PRAGMA foreign_key_check", [], |r| r.get(0)).optional()?;
    if let Some(table) = broken {
        return Err(Error::Invalid(crate::lang::tf(
            format!("앱 데이터베이스의 {table} 표가 맞지 않습니다: 앱 데이터 폴더의 bokseup.sqlite3를 지우면 새로 만듭니다"),
            format!("the app database's {table} table is inconsistent: delete bokseup.sqlite3 in the app's data folder to start afresh"),
        )));
    }
    Ok(())
}

/// How long a write waits for the lock of another Bokseup (the app, the CLI) writing notes.
const LOCK_PATIENCE: std::time::Duration = std::time::Duration::from_secs(30);

/// An open database.
pub struct Store {
    conn: Connection,
    /// The database file; `None` in memory.
    path: Option<PathBuf>,
    quiet: std::time::Duration,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| Error::Write { path: dir.to_path_buf(), source })?;
        }
        let mut store = Store::init(Connection::open(path)?)?;
        store.path = Some(path.to_path_buf());
        Ok(store)
    }

    /// A database in memory, for tests. Writes through it wait for no quiet moment (see
    /// [`Store::with_quiet`]) and take no lock file.
    pub fn open_in_memory() -> Result<Store> {
        Ok(Store { quiet: std::time::Duration::ZERO, ..Store::init(Connection::open_in_memory()?)? })
    }

    /// Sets how long a note must have been still before a write through this store touches it
    /// ([`QUIET`] by default for a database file).
    pub fn with_quiet(mut self, quiet: std::time::Duration) -> Store {
        self.quiet = quiet;
        self
    }

    /// How long a note must have been still before a write touches it.
    pub fn quiet(&self) -> std::time::Duration {
        self.quiet
    }

    fn init(mut conn: Connection) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // 16 KiB pages for a new database (an existing one keeps its own): a first scan's index
        // of 10,000 notes is written and checkpointed in a quarter of the writes, a tenth of a
        // first `bokseup scan` faster. Set before the switch to WAL, after which it is fixed.
        conn.pragma_update(None, "page_size", PAGE_SIZE)?;
        // Switching a new database to WAL takes a lock the busy timeout does not wait for, when
        // another process creates the database at the same moment: retry a while.
        let started = std::time::Instant::now();
        while let Err(e) = conn.pragma_update(None, "journal_mode", "WAL") {
            let busy = e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy);
            if !busy || started.elapsed() > std::time::Duration::from_secs(5) {
                return Err(e.into());
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        // A database already at this version (every start but the first after an update) needs
        // neither the write lock nor the check of every reference below: it reads its version.
        let current: usize = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if current < MIGRATIONS.len() {
            migrate(&mut conn)?;
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Reads from the mapped file instead of copying each page out of the kernel: a warm start
        // reads every index row. A no-op where SQLite cannot map files.
        conn.pragma_update(None, "mmap_size", 256i64 << 20)?;
        Ok(Store { conn, path: None, quiet: QUIET })
    }

    /// Serializes writes to notes across processes (the app and any `bokseup` command line on
    /// the same database): a lock file beside the database, held until the guard drops. Waits for
    /// another writer up to half a minute.
    pub fn lock_writes(&self) -> Result<WriteLock> {
        let Some(db) = &self.path else { return Ok(WriteLock(None)) };
        let path = db.with_file_name("bokseup.lock");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|source| Error::Write { path: path.clone(), source })?;
        let started = std::time::Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(WriteLock(Some(file))),
                Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_PATIENCE => {
                    std::thread::sleep(std::time::Duration::from_millis(20))
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(Error::Invalid(
                        crate::lang::tr(
                            "다른 Bokseup이 노트를 쓰는 중이라 기다렸지만 끝나지 않았습니다: 잠시 후 다시 시도하세요",
                            "another Bokseup is writing a note and did not finish: try again in a moment",
                        )
                        .into(),
                    ))
                }
                Err(std::fs::TryLockError::Error(source)) => return Err(Error::Write { path, source }),
            }
        }
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

/// Held while one process writes notes (see [`Store::lock_writes`]); releases the lock on drop.
#[must_use = "the lock is released when this is dropped"]
pub struct WriteLock(#[allow(dead_code)] Option<std::fs::File>);

/// A local time as the store keeps it: `2026-11-29T09:00:00`.
fn stamp(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S").to_string()
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
    fn a_new_database_has_large_pages_and_an_old_one_keeps_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let page = |db: &Path| {
            Store::open(db).unwrap().conn.pragma_query_value(None, "page_size", |r| r.get::<_, i64>(0)).unwrap()
        };
        let new = dir.path().join("new.sqlite3");
        assert_eq!(page(&new), PAGE_SIZE);
        assert_eq!(page(&new), PAGE_SIZE, "reopened");
        // A database made by an earlier build, with SQLite's default pages, opens as it is.
        let old = dir.path().join("old.sqlite3");
        Connection::open(&old).unwrap().execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE t (x);").unwrap();
        assert_eq!(page(&old), 4096);
        let store = Store::open(&old).unwrap();
        store.set_setting("rollover_hour", "5").unwrap();
        assert_eq!(store.rollover_hour(), 5);
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
    fn a_new_database_opened_by_several_processes_at_once_is_made_once() {
        // The app and the command line starting together: every open succeeds, every step ran
        // once (a step run twice fails on its CREATE TABLE), and the schema is whole.
        for _ in 0..5 {
            let dir = tempfile::tempdir().unwrap();
            let db = dir.path().join("b.sqlite3");
            let barrier = std::sync::Barrier::new(4);
            std::thread::scope(|threads| {
                let opened: Vec<_> = (0..4)
                    .map(|_| {
                        threads.spawn(|| {
                            barrier.wait();
                            Store::open(&db).map(|store| store.schema_version().unwrap())
                        })
                    })
                    .collect();
                for one in opened {
                    assert_eq!(one.join().unwrap().unwrap(), MIGRATIONS.len());
                }
            });
            let store = Store::open(&db).unwrap();
            store.set_setting("x", "1").unwrap();
            assert_eq!(store.setting("x").unwrap().as_deref(), Some("1"));
        }
    }

    /// After the steps of an update ran, a review that refers to no journal entry is reported
    /// (naming the table and what to do), never left to fail later.
    #[test]
    fn a_broken_reference_after_an_update_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("b.sqlite3");
        {
            let conn = Connection::open(&db).unwrap();
            for sql in [include_str!("store/0001_init.sql"), include_str!("store/0002_journal.sql")] {
                conn.execute_batch(sql).unwrap();
            }
            conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
            conn.execute(
                "INSERT INTO review (edit_id, reviewed_on, reviewed_at, step, steps_done, long_term, grades, seconds) VALUES (7, '2024-08-26', '2024-08-26T09:00:00', 'd1', 'd1', 0, '[]', 3)",
                [],
            )
            .unwrap();
            conn.pragma_update(None, "user_version", 2).unwrap();
        }
        let Err(e) = Store::open(&db) else { panic!("opened a database with a broken reference") };
        assert!(e.to_string().contains("review") && e.to_string().contains("bokseup.sqlite3"), "{e}");
    }

    /// A database at the current version is opened without the write lock of the update's
    /// steps: another process holding the write lock (a long write) does not hold up a start.
    #[test]
    fn a_current_database_opens_while_another_process_writes() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("b.sqlite3");
        Store::open(&db).unwrap();
        let writer = Connection::open(&db).unwrap();
        writer.execute_batch("BEGIN IMMEDIATE; CREATE TABLE busy (x);").unwrap();
        let started = std::time::Instant::now();
        let store = Store::open(&db).unwrap();
        assert!(started.elapsed() < std::time::Duration::from_secs(2), "waited for the writer");
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len());
        writer.execute_batch("ROLLBACK").unwrap();
    }

    /// An index from before version 8 (a rowid table with a separate index of keys) becomes one
    /// tree ordered by vault and path, every row kept, tombstones with their time.
    #[test]
    fn the_index_of_notes_is_rebuilt_as_one_tree_with_its_rows() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("b.sqlite3");
        {
            let mut conn = Connection::open(&db).unwrap();
            let tx = conn.transaction().unwrap();
            for step in &MIGRATIONS[..7] {
                match step {
                    Migration::Sql(sql) => tx.execute_batch(sql).unwrap(),
                    Migration::Code(run) => run(&tx).unwrap(),
                }
            }
            tx.pragma_update(None, "user_version", 7).unwrap();
            tx.execute(
                "INSERT INTO note_index (vault, path, size, mtime_ns, ctime_ns, inode, note, gone_ns)
                 VALUES ('/v', 'b.md', 1, 2, 3, 4, x'0102', NULL), ('/v', 'a.md', 5, 6, 7, 8, '{}', 9)",
                [],
            )
            .unwrap();
            tx.commit().unwrap();
        }
        let store = Store::open(&db).unwrap();
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len());
        let sql: String =
            store.conn.query_row("SELECT sql FROM sqlite_schema WHERE name = 'note_index'", [], |r| r.get(0)).unwrap();
        assert!(sql.contains("WITHOUT ROWID") && sql.contains("PRIMARY KEY (vault, path)"), "{sql}");
        let rows: Vec<(String, i64, Option<i64>)> = store
            .conn
            .prepare("SELECT path, inode, gone_ns FROM note_index WHERE vault = '/v' ORDER BY path")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(rows, [("a.md".to_string(), 8, Some(9)), ("b.md".to_string(), 4, None)]);
        let indexes: i64 = store
            .conn
            .query_row("SELECT count(*) FROM sqlite_schema WHERE tbl_name = 'note_index' AND type = 'index'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(indexes, 0, "the key is the table's own order");
    }

    #[test]
    fn a_journal_of_whole_notes_becomes_a_journal_of_deltas() {
        // A database from before migration 4: whole notes before and after.
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("b.sqlite3");
        let (before, after) = ("---\n❤1일복습여부: false\n---\n본문\n", "---\n❤1일복습여부: true\n---\n본문\n");
        {
            let conn = Connection::open(&db).unwrap();
            for sql in [
                include_str!("store/0001_init.sql"),
                include_str!("store/0002_journal.sql"),
                include_str!("store/0003_reminder.sql"),
            ] {
                conn.execute_batch(sql).unwrap();
            }
            conn.execute(
                "INSERT INTO edit (vault, path, action, made_at, before, after, state) VALUES ('/v', 'a.md', 'review', '2024-08-26T09:00:00', ?1, ?2, 'done')",
                params![before.as_bytes(), after.as_bytes()],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO review (edit_id, reviewed_on, reviewed_at, step, steps_done, long_term, grades, seconds) VALUES (1, '2024-08-26', '2024-08-26T09:00:00', 'd1', 'd1', 0, '[]', 3)",
                [],
            )
            .unwrap();
            conn.pragma_update(None, "user_version", 3).unwrap();
        }
        let store = Store::open(&db).unwrap();
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len());
        let edit = store.edit(1).unwrap().unwrap();
        assert_eq!((edit.action, edit.state), (Action::Review, EditState::Done));
        assert_eq!(edit.delta.after_mid.as_deref(), Some(&b"tru"[..]));
        assert_eq!(edit.delta.restore(after.as_bytes()).as_deref(), Some(before.as_bytes()));
        assert_eq!(store.reviews("/v").unwrap().len(), 1, "the review log survives");
    }

    #[test]
    fn logged_reviews_are_typed_and_rows_that_do_not_read_are_left_out() {
        let mut store = Store::open_in_memory().unwrap();
        let row = EditRow {
            id: 0,
            vault: "/v".into(),
            path: "a.md".into(),
            action: Action::Review,
            made_at: "2024-08-26T09:00:00".parse().unwrap(),
            delta: Delta::between(b"a", b"b"),
            state: EditState::Pending,
        };
        let review = ReviewRow {
            steps_done: vec![crate::schedule::Step::D1, crate::schedule::Step::D4],
            grades: vec![crate::answer::Grade::Unsure, crate::answer::Grade::Forgot],
            ..ReviewRow::sample()
        };
        for _ in 0..3 {
            let id = store.begin_edit(&row, Some(&review)).unwrap();
            store.set_edit_state(id, EditState::Done).unwrap();
        }
        // What no version of the app writes: an unknown step; grades that are not its JSON.
        store.conn.execute("UPDATE review SET step = 'd9' WHERE edit_id = 2", []).unwrap();
        store.conn.execute("UPDATE review SET grades = 'not json' WHERE edit_id = 3", []).unwrap();
        let log = store.reviews("/v").unwrap();
        assert_eq!(log.len(), 2, "the unknown step is left out");
        assert_eq!(log[0].review, review, "the row reads back as written");
        assert_eq!(log[1].review.grades, [], "unreadable grades read as none");
        assert_eq!(store.edit(1).unwrap().unwrap().made_at, row.made_at);
    }

    #[test]
    fn pruning_keeps_the_newest_writes_undoable_and_every_review() {
        let mut store = Store::open_in_memory().unwrap();
        for i in 0..5 {
            let row = EditRow {
                id: 0,
                vault: "/v".into(),
                path: format!("{i}.md"),
                action: Action::Review,
                made_at: "2024-08-26T09:00:00".parse().unwrap(),
                delta: Delta::between(b"a", b"b"),
                state: EditState::Pending,
            };
            let id = store.begin_edit(&row, Some(&ReviewRow::sample())).unwrap();
            store.set_edit_state(id, if i == 0 { EditState::Undone } else { EditState::Done }).unwrap();
        }
        store.prune_journal(2).unwrap();
        assert!(store.edit(1).unwrap().is_none(), "an old undone write goes entirely");
        assert!(store.edit(2).unwrap().unwrap().delta.after_mid.is_none(), "an old done write keeps its row");
        assert!(store.edit(5).unwrap().unwrap().delta.after_mid.is_some());
        assert_eq!(store.newest_undoable("/v", 0).unwrap().unwrap().id, 5);
        assert_eq!(store.undoable_before("/v", 5, 0).unwrap(), 1);
        assert_eq!(store.reviews("/v").unwrap().len(), 4);
    }

    #[test]
    fn unwritable_location_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("file");
        std::fs::write(&file, b"x").unwrap();
        assert!(Store::open(&file.join("sub/db.sqlite3")).is_err());
    }
}
