//! The app's SQLite database: remembered vaults and settings.
//!
//! The vault is the source of truth for every schedule; this database only remembers what the app
//! itself needs, so deleting it loses no review.

use crate::error::{Error, Result};
use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension};
use std::path::{Path, PathBuf};

/// Schema steps, applied in order; `PRAGMA user_version` records how many have run.
const MIGRATIONS: &[&str] = &[include_str!("store/0001_init.sql")];

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
    fn migrations_run_once() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("b.sqlite3");
        assert_eq!(Store::open(&db).unwrap().schema_version().unwrap(), MIGRATIONS.len());
        assert_eq!(Store::open(&db).unwrap().schema_version().unwrap(), MIGRATIONS.len());
    }

    #[test]
    fn unwritable_location_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("file");
        std::fs::write(&file, b"x").unwrap();
        assert!(Store::open(&file.join("sub/db.sqlite3")).is_err());
    }
}
