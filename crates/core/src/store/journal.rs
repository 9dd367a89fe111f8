//! The journal's tables: every write to a note (as a [`Delta`]) and the review logged with it.

use super::Store;
use crate::answer::Grade;
use crate::error::Result;
use crate::schedule::Step;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, OptionalExtension, Row, Transaction};
use sha2::{Digest, Sha256};

/// What a write changed: the bytes common to the note before and after at both ends are counted,
/// the middles kept (until the undo horizon), and each whole version known by its SHA-256. A
/// review changes a few frontmatter lines, so a write of a 50 MB note costs a few hundred bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delta {
    /// Bytes common at the start.
    pub head: i64,
    /// Bytes common at the end (not overlapping `head`).
    pub tail: i64,
    /// The note's bytes before, between head and tail; `None` once pruned.
    pub before_mid: Option<Vec<u8>>,
    /// The note's bytes after, between head and tail; `None` once pruned.
    pub after_mid: Option<Vec<u8>>,
    /// SHA-256 of the whole note before, hex.
    pub before_hash: String,
    /// SHA-256 of the whole note after, hex.
    pub after_hash: String,
}

impl Delta {
    /// The delta from `before` to `after`.
    pub fn between(before: &[u8], after: &[u8]) -> Delta {
        let head = before.iter().zip(after).take_while(|(a, b)| a == b).count();
        let room = before.len().min(after.len()) - head;
        let tail = before.iter().rev().zip(after.iter().rev()).take(room).take_while(|(a, b)| a == b).count();
        Delta {
            head: head as i64,
            tail: tail as i64,
            before_mid: Some(before[head..before.len() - tail].to_vec()),
            after_mid: Some(after[head..after.len() - tail].to_vec()),
            before_hash: sha256(before),
            after_hash: sha256(after),
        }
    }

    /// Whether `bytes` are exactly the note as the write left it.
    pub fn is_after(&self, bytes: &[u8]) -> bool {
        sha256(bytes) == self.after_hash
    }

    /// The note's bytes before the write, if `current` is exactly what the write left (and the
    /// delta was not pruned).
    pub fn restore(&self, current: &[u8]) -> Option<Vec<u8>> {
        let (before_mid, after_mid) = (self.before_mid.as_ref()?, self.after_mid.as_ref()?);
        let (head, tail) = (usize::try_from(self.head).ok()?, usize::try_from(self.tail).ok()?);
        if current.len() != head + after_mid.len() + tail || !self.is_after(current) {
            return None;
        }
        let mut before = Vec::with_capacity(head + before_mid.len() + tail);
        before.extend_from_slice(&current[..head]);
        before.extend_from_slice(before_mid);
        before.extend_from_slice(&current[current.len() - tail..]);
        (sha256(&before) == self.before_hash).then_some(before)
    }
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// What a write did to a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Action {
    /// A review was marked done.
    Review,
    /// A not-started note was started.
    Start,
    /// A plain note became a review note.
    Enroll,
}

impl Action {
    /// The word the store keeps.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Review => "review",
            Action::Start => "start",
            Action::Enroll => "enroll",
        }
    }

    fn parse(s: &str) -> Action {
        match s {
            "start" => Action::Start,
            "enroll" => Action::Enroll,
            _ => Action::Review,
        }
    }
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
    /// The note changed after the write: it can never be undone.
    Stale,
}

impl EditState {
    fn as_str(self) -> &'static str {
        match self {
            EditState::Pending => "pending",
            EditState::Done => "done",
            EditState::Failed => "failed",
            EditState::Undone => "undone",
            EditState::Stale => "stale",
        }
    }

    fn parse(s: &str) -> EditState {
        match s {
            "pending" => EditState::Pending,
            "done" => EditState::Done,
            "undone" => EditState::Undone,
            "stale" => EditState::Stale,
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
    /// What the write did.
    pub action: Action,
    /// Local time of the write, to the second.
    pub made_at: NaiveDateTime,
    /// The bytes it changed.
    pub delta: Delta,
    /// Where the write stands.
    pub state: EditState,
}

/// A review to log with its write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRow {
    /// The review day (after the rollover hour).
    pub reviewed_on: NaiveDate,
    /// Local time of the review, to the second.
    pub reviewed_at: NaiveDateTime,
    /// The step reviewed.
    pub step: Step,
    /// Fixed steps marked done (catch-up included).
    pub steps_done: Vec<Step>,
    /// Whether the user marked the note as in long-term memory.
    pub long_term: bool,
    /// Self-grades of the cue questions, in order.
    pub grades: Vec<Grade>,
    /// Seconds spent on the note.
    pub seconds: u32,
}

#[cfg(test)]
impl ReviewRow {
    /// A D1 review at 09:00 on 2024-08-26, for tests of the journal's tables.
    pub(crate) fn sample() -> ReviewRow {
        ReviewRow {
            reviewed_on: NaiveDate::from_ymd_opt(2024, 8, 26).unwrap(),
            reviewed_at: NaiveDate::from_ymd_opt(2024, 8, 26).unwrap().and_hms_opt(9, 0, 0).unwrap(),
            step: Step::D1,
            steps_done: vec![Step::D1],
            long_term: false,
            grades: Vec::new(),
            seconds: 1,
        }
    }
}

/// How the log's columns hold a review's values: ISO dates and times, step codes (`d1`, …,
/// comma-separated for the steps done), the grades as a JSON array of 1 (기억남), 2 (헷갈림),
/// 3 (모름).
mod column {
    use super::*;

    pub const DAY: &str = "%Y-%m-%d";
    pub const TIME: &str = "%Y-%m-%dT%H:%M:%S";

    pub fn steps(steps: &[Step]) -> String {
        steps.iter().map(|s| s.code()).collect::<Vec<_>>().join(",")
    }

    pub fn grades(grades: &[Grade]) -> String {
        serde_json::to_string(&grades.iter().map(|g| g.number()).collect::<Vec<_>>()).unwrap_or_default()
    }

    /// The grades kept; a value that does not read (not the app's JSON) gives none.
    pub fn grade_list(text: &str) -> Vec<Grade> {
        let numbers: Vec<u8> = serde_json::from_str(text).unwrap_or_default();
        numbers.into_iter().filter_map(Grade::of_number).collect()
    }

    pub fn time(text: &str) -> Option<NaiveDateTime> {
        NaiveDateTime::parse_from_str(text, TIME).ok()
    }
}

/// A logged review whose write completed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedReview {
    /// The note, relative to the vault.
    pub path: String,
    /// The review and its details.
    pub review: ReviewRow,
}

const EDIT_COLUMNS: &str =
    "id, vault, path, action, made_at, head, tail, before_mid, after_mid, before_hash, after_hash, state";

/// A journaled write from its row, by column name; `None` for a row this version cannot read.
fn edit_row(r: &Row) -> rusqlite::Result<Option<EditRow>> {
    let Some(made_at) = column::time(&r.get::<_, String>("made_at")?) else { return Ok(None) };
    Ok(Some(EditRow {
        id: r.get("id")?,
        vault: r.get("vault")?,
        path: r.get("path")?,
        action: Action::parse(&r.get::<_, String>("action")?),
        made_at,
        delta: Delta {
            head: r.get("head")?,
            tail: r.get("tail")?,
            before_mid: r.get("before_mid")?,
            after_mid: r.get("after_mid")?,
            before_hash: r.get("before_hash")?,
            after_hash: r.get("after_hash")?,
        },
        state: EditState::parse(&r.get::<_, String>("state")?),
    }))
}

/// A logged review from its row, by column name; `None` for a row this version cannot read.
fn logged_row(r: &Row) -> rusqlite::Result<Option<LoggedReview>> {
    let on = r.get::<_, String>("reviewed_on")?;
    let (Ok(reviewed_on), Some(reviewed_at), Some(step)) = (
        NaiveDate::parse_from_str(&on, column::DAY),
        column::time(&r.get::<_, String>("reviewed_at")?),
        Step::from_code(&r.get::<_, String>("step")?),
    ) else {
        return Ok(None);
    };
    Ok(Some(LoggedReview {
        path: r.get("path")?,
        review: ReviewRow {
            reviewed_on,
            reviewed_at,
            step,
            steps_done: r.get::<_, String>("steps_done")?.split(',').filter_map(Step::from_code).collect(),
            long_term: r.get("long_term")?,
            grades: column::grade_list(&r.get::<_, String>("grades")?),
            seconds: r.get("seconds")?,
        },
    }))
}

impl Store {
    /// Journals a write as pending (with its review row, if any) in one transaction, before the
    /// file is touched; returns its id.
    pub fn begin_edit(&mut self, edit: &EditRow, review: Option<&ReviewRow>) -> Result<i64> {
        let tx = self.conn.transaction()?;
        let d = &edit.delta;
        tx.execute(
            "INSERT INTO edit (vault, path, action, made_at, head, tail, before_mid, after_mid, before_hash, after_hash, state)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'pending')",
            params![
                edit.vault,
                edit.path,
                edit.action.as_str(),
                edit.made_at.format(column::TIME).to_string(),
                d.head,
                d.tail,
                d.before_mid,
                d.after_mid,
                d.before_hash,
                d.after_hash
            ],
        )?;
        let id = tx.last_insert_rowid();
        if let Some(r) = review {
            tx.execute(
                "INSERT INTO review (edit_id, reviewed_on, reviewed_at, step, steps_done, long_term, grades, seconds)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    id,
                    r.reviewed_on.format(column::DAY).to_string(),
                    r.reviewed_at.format(column::TIME).to_string(),
                    r.step.code(),
                    column::steps(&r.steps_done),
                    r.long_term,
                    column::grades(&r.grades),
                    r.seconds
                ],
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

    /// The newest completed write in `vault` with an id of at least `since` that may still be
    /// undone: what undo tries first.
    pub fn newest_undoable(&self, vault: &str, since: i64) -> Result<Option<EditRow>> {
        let clause =
            "WHERE vault = ?1 AND id >= ?2 AND state = 'done' AND after_mid IS NOT NULL ORDER BY id DESC LIMIT 1";
        Ok(self.edits(clause, params![vault, since])?.pop())
    }

    /// How many completed writes in `vault` older than `id` (and from `since` on) may still be
    /// undone.
    pub fn undoable_before(&self, vault: &str, id: i64, since: i64) -> Result<usize> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*) FROM edit WHERE vault = ?1 AND id < ?2 AND id >= ?3 AND state = 'done' AND after_mid IS NOT NULL",
            params![vault, id, since],
            |r| r.get(0),
        )?)
    }

    /// One journaled write by its id.
    pub fn edit(&self, id: i64) -> Result<Option<EditRow>> {
        let sql = format!("SELECT {EDIT_COLUMNS} FROM edit WHERE id = ?1");
        Ok(self.conn.query_row(&sql, params![id], edit_row).optional()?.flatten())
    }

    /// The newest `limit` writes in `vault` that completed (done, undone or stale), newest first.
    pub fn recent_edits(&self, vault: &str, limit: usize) -> Result<Vec<EditRow>> {
        let clause = "WHERE vault = ?1 AND state IN ('done', 'undone', 'stale') ORDER BY id DESC LIMIT ?2";
        self.edits(clause, params![vault, limit as i64])
    }

    /// The id the next journaled write will have at least (for "this session's writes").
    pub fn next_edit_id(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM edit", [], |r| r.get(0))?)
    }

    /// Forgets what undo needs of every write older than the newest `keep` of its vault (they
    /// can no longer be undone), and such writes that failed or were undone entirely; completed
    /// reviews stay in the log. Counting writes rather than days keeps a review recorded for a
    /// past date (`--date`) undoable like any other. Returns how many rows it changed.
    pub fn prune_journal(&mut self, keep: usize) -> Result<usize> {
        let old = "SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY vault ORDER BY id DESC) AS n FROM edit) WHERE n > ?1";
        let keep = keep as i64;
        let tx = self.conn.transaction()?;
        let mut changed = tx.execute(
            &format!("DELETE FROM review WHERE edit_id IN (SELECT id FROM edit WHERE state IN ('failed', 'undone') AND id IN ({old}))"),
            params![keep],
        )?;
        changed += tx.execute(
            &format!("DELETE FROM edit WHERE state IN ('failed', 'undone') AND id IN ({old})"),
            params![keep],
        )?;
        changed += tx.execute(
            &format!(
                "UPDATE edit SET before_mid = NULL, after_mid = NULL
                 WHERE state <> 'pending' AND (before_mid IS NOT NULL OR after_mid IS NOT NULL) AND id IN ({old})"
            ),
            params![keep],
        )?;
        tx.commit()?;
        Ok(changed)
    }

    /// Reviews in `vault` whose write completed, oldest first.
    pub fn reviews(&self, vault: &str) -> Result<Vec<LoggedReview>> {
        self.logged("WHERE e.vault = ?1 AND e.state IN ('done', 'stale') ORDER BY r.id", &[&vault])
    }

    fn logged(&self, clause: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<LoggedReview>> {
        let sql = format!(
            "SELECT e.path, r.reviewed_on, r.reviewed_at, r.step, r.steps_done, r.long_term, r.grades, r.seconds
             FROM review r JOIN edit e ON e.id = r.edit_id {clause}"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(args, logged_row)?;
        Ok(rows.filter_map(|r| r.transpose()).collect::<Result<Vec<_>, _>>()?)
    }

    /// Reviews of the note `path` in `vault` whose write completed, oldest first.
    pub fn reviews_of(&self, vault: &str, path: &str) -> Result<Vec<LoggedReview>> {
        self.logged(
            "WHERE e.vault = ?1 AND e.path = ?2 AND e.state IN ('done', 'stale') ORDER BY r.id",
            &[&vault, &path],
        )
    }

    fn edits(&self, clause: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<EditRow>> {
        let sql = format!("SELECT {EDIT_COLUMNS} FROM edit {clause}");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(args, edit_row)?;
        Ok(rows.filter_map(|r| r.transpose()).collect::<Result<Vec<_>, _>>()?)
    }
}

/// Migration 4: the journal keeps deltas instead of whole notes (see `0004_journal_delta.sql`).
pub(super) fn migrate_to_deltas(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(include_str!("0004_journal_delta.sql"))?;
    {
        let mut old =
            tx.prepare("SELECT id, vault, path, action, made_at, before, after, state FROM edit ORDER BY id")?;
        let mut insert = tx.prepare(
            "INSERT INTO edit_delta (id, vault, path, action, made_at, head, tail, before_mid, after_mid, before_hash, after_hash, state)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        let mut rows = old.query([])?;
        while let Some(r) = rows.next()? {
            let before: Vec<u8> = r.get(5)?;
            let after: Vec<u8> = r.get(6)?;
            let d = Delta::between(&before, &after);
            let (id, vault, path, action, made_at, state): (i64, String, String, String, String, String) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(7)?);
            insert.execute(params![
                id,
                vault,
                path,
                action,
                made_at,
                d.head,
                d.tail,
                d.before_mid,
                d.after_mid,
                d.before_hash,
                d.after_hash,
                state
            ])?;
        }
    }
    tx.execute_batch(
        "DROP TABLE edit;
         ALTER TABLE edit_delta RENAME TO edit;
         CREATE INDEX edit_by_vault ON edit (vault, id);
         CREATE INDEX edit_pending ON edit (state) WHERE state = 'pending';",
    )
}
