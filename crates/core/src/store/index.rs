//! The index of notes in the database (see `0005_index.sql`).

use super::Store;
use crate::error::Result;
use crate::note::Note;
use crate::row::Row;
use crate::vault::{Fresh, Known, Stamp};
use rusqlite::params;
use std::collections::{HashMap, HashSet};

/// Stores a note (its change time `?5`: the file's, or [`UNTRUSTED_CTIME`]) unless the index
/// already holds a newer version of its file than the one read (`?8`, the file's real change
/// time): a scan that began before the app's own write must not put back what it read before it.
const UPSERT: &str = "INSERT INTO note_index (vault, path, size, mtime_ns, ctime_ns, inode, note)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
     ON CONFLICT (vault, path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,
         ctime_ns = excluded.ctime_ns, inode = excluded.inode, note = excluded.note, gone_ns = NULL
     WHERE ?8 >= note_index.ctime_ns OR note_index.gone_ns IS NOT NULL";

/// The change time of a row not trusted yet (its file changed just before the scan that read
/// it): no file has it, so the next scan reads the note again. The row still has the file's
/// inode, size and modification time, which are what a later scan matches a move by: a note
/// moved twice within seconds (a rename leaves its change time new) keeps its history.
const UNTRUSTED_CTIME: i64 = i64::MIN;

/// The rows of a vault's notes as a scan begins (see [`Store::known_rows`]).
#[derive(Debug, Default)]
pub struct Rows {
    /// The notes whose file the last scan found, by path, each with its file's stamp.
    pub known: Known,
    /// How many rows of such notes the index holds, readable or not.
    pub count: usize,
    /// Tombstones: notes whose file a scan no longer found, each with when (nanoseconds since
    /// 1970). A later scan that finds one at another path matches them as a move.
    pub buried: Vec<(String, Stamp, Row, i64)>,
}

/// What a scan says of the notes it did not find, for [`Store::update_index`].
#[derive(Debug)]
pub struct Burial {
    /// When the scan began (nanoseconds since 1970): the time on the tombstones it leaves.
    pub now_ns: i64,
    /// Tombstones left before this go for good.
    pub keep_after_ns: i64,
    /// Whether the index holds such tombstones (looking for them reads every row of the vault).
    pub expired: bool,
    /// Where notes found moved were: their rows go at once, their history having followed them.
    pub moved_from: Vec<String>,
}

impl Store {
    /// The notes of `vault` as last indexed and trusted. A row that no longer reads (an older
    /// format, a damaged value) is left out, as is one not trusted yet: its note is read again.
    pub fn known_notes(&self, vault: &str) -> Result<HashMap<String, (Stamp, Note)>> {
        Ok(self
            .known_rows(vault)?
            .known
            .into_iter()
            .filter(|(_, (stamp, _))| stamp.ctime_ns != UNTRUSTED_CTIME)
            .filter_map(|(mut path, (stamp, row))| Some((path.clone(), (stamp, row.note(&mut path)?))))
            .collect())
    }

    /// Whether the index holds any row of `vault`.
    pub fn has_index(&self, vault: &str) -> Result<bool> {
        let sql = "SELECT EXISTS (SELECT 1 FROM note_index WHERE vault = ?1)";
        Ok(self.conn.query_row(sql, params![vault], |r| r.get(0))?)
    }

    /// The rows of `vault`'s notes by path, each with its file's stamp, undecoded; how many rows
    /// of notes there the index holds, readable or not; and its tombstones. Each row knows its
    /// place in path order ([`Row::at`]): the query walks the index of paths, which SQLite
    /// compares byte by byte as Rust compares strings, so the order costs no sort.
    pub fn known_rows(&self, vault: &str) -> Result<Rows> {
        let mut statement = self.conn.prepare(
            "SELECT path, size, mtime_ns, ctime_ns, inode, note, gone_ns FROM note_index WHERE vault = ?1
                 ORDER BY path",
        )?;
        let mut rows = statement.query(params![vault])?;
        let mut out = Rows::default();
        let mut place = 0;
        while let Some(r) = rows.next()? {
            let gone: Option<i64> = r.get(6)?;
            out.count += usize::from(gone.is_none());
            let stamp = Stamp {
                size: r.get::<_, i64>(1)? as u64,
                mtime_ns: r.get(2)?,
                ctime_ns: r.get(3)?,
                inode: r.get::<_, i64>(4)? as u64,
            };
            // Copied from where SQLite keeps it; decoded by the scan, and only if the note's
            // file is unchanged. A row that is not even a blob is no row.
            let Ok(row) = r.get_ref(5)?.as_bytes().map(|bytes| Row::new(bytes).at(place)) else { continue };
            place += 1;
            // The path checked as UTF-8 by SIMD: std's check, through `get::<String>`, was a
            // tenth of this loop at 10,000 Korean-named notes. A path that is not text is no row.
            let Ok(Ok(path)) = r.get_ref(0)?.as_bytes().map(simdutf8::basic::from_utf8) else { continue };
            match gone {
                None => {
                    out.known.insert(path.to_owned(), (stamp, row));
                }
                Some(at) => out.buried.push((path.to_owned(), stamp, row, at)),
            }
        }
        Ok(out)
    }

    /// Brings the index of `vault` up to `notes` (every note the scan found, in path order, as a
    /// scan has them): notes read afresh are stored with their stamps; notes gone (deleted,
    /// moved, now unreadable) leave a tombstone, kept as `burial` says, unless they were found
    /// moved. A note whose file changed at or after `settled_before_ns` is stored untrusted
    /// ([`UNTRUSTED_CTIME`]): a change within the same tick of the file system's clock could
    /// leave its stamp as it was, so it is read again. No row replaces one the app stored since
    /// the scan read its file.
    pub fn update_index(
        &mut self,
        vault: &str,
        notes: &[Note],
        fresh: &Fresh,
        settled_before_ns: i64,
        burial: &Burial,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let indexed: Vec<String> = {
                let mut s = tx.prepare("SELECT path FROM note_index WHERE vault = ?1 AND gone_ns IS NULL")?;
                let rows = s.query_map(params![vault], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            let mut delete = tx.prepare("DELETE FROM note_index WHERE vault = ?1 AND path = ?2")?;
            // A first scan has no row to bury: no set of every note's path to build.
            if !indexed.is_empty() || !burial.moved_from.is_empty() {
                let present: HashSet<&str> = notes.iter().map(|n| n.path.as_str()).collect();
                let mut bury = tx.prepare("UPDATE note_index SET gone_ns = ?3 WHERE vault = ?1 AND path = ?2")?;
                for path in indexed.iter().filter(|p| !present.contains(p.as_str())) {
                    bury.execute(params![vault, path, burial.now_ns])?;
                }
                for path in burial.moved_from.iter().filter(|p| !present.contains(p.as_str())) {
                    delete.execute(params![vault, path])?;
                }
            }
            if burial.expired {
                let sql = "DELETE FROM note_index WHERE vault = ?1 AND gone_ns < ?2";
                tx.execute(sql, params![vault, burial.keep_after_ns])?;
            }
            let mut upsert = tx.prepare(UPSERT)?;
            // In key order: the index's B-tree grows at its end instead of splitting pages. The
            // notes are in path order too: each fresh one is found by walking them once.
            let mut fresh: Vec<&(String, Stamp)> = fresh.iter().collect();
            fresh.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            let mut notes = notes.iter().peekable();
            for (path, stamp) in fresh {
                while notes.next_if(|n| n.path < *path).is_some() {}
                let Some(note) = notes.next_if(|n| n.path == *path) else { continue };
                // A note changed just before the scan is stored untrusted: it replaces any older
                // row, and the next start reads it again.
                let trusted = stamp.mtime_ns.max(stamp.ctime_ns) < settled_before_ns;
                let ctime_ns = if trusted { stamp.ctime_ns } else { UNTRUSTED_CTIME };
                upsert.execute(params![
                    vault,
                    path,
                    stamp.size as i64,
                    stamp.mtime_ns,
                    ctime_ns,
                    stamp.inode as i64,
                    crate::row::encode(note),
                    stamp.ctime_ns
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Stores one note as just written by the app, with its file's stamp after the write.
    pub fn index_note(&self, vault: &str, stamp: Stamp, note: &Note) -> Result<()> {
        let row = crate::row::encode(note);
        self.conn.execute(
            UPSERT,
            params![
                vault,
                note.path,
                stamp.size as i64,
                stamp.mtime_ns,
                stamp.ctime_ns,
                stamp.inode as i64,
                row,
                stamp.ctime_ns
            ],
        )?;
        Ok(())
    }

    /// Moves the journal and review log of the note at `from` to `to` (it was renamed or moved),
    /// so its history and undo follow it.
    pub fn move_note(&self, vault: &str, from: &str, to: &str) -> Result<()> {
        self.conn.execute("UPDATE edit SET path = ?3 WHERE vault = ?1 AND path = ?2", params![vault, from, to])?;
        Ok(())
    }

    /// Forgets the index of `vault`.
    pub fn drop_index(&self, vault: &str) -> Result<()> {
        self.conn.execute("DELETE FROM note_index WHERE vault = ?1", params![vault])?;
        Ok(())
    }
}

#[cfg(test)]
impl Store {
    /// Overwrites every stored note of `vault` with text that is not a note.
    pub(crate) fn damage_index_for_tests(&self, vault: &str) {
        self.conn.execute("UPDATE note_index SET note = '{\"broken' WHERE vault = ?1", params![vault]).unwrap();
    }

    /// Moves every tombstone of `vault` back in time by `by`.
    pub(crate) fn age_tombstones_for_tests(&self, vault: &str, by: std::time::Duration) {
        let by = by.as_nanos() as i64;
        let sql = "UPDATE note_index SET gone_ns = gone_ns - ?2 WHERE vault = ?1 AND gone_ns IS NOT NULL";
        self.conn.execute(sql, params![vault, by]).unwrap();
    }
}
