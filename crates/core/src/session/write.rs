//! Writes to notes and their undo, through the journal (REVIEW-MODEL.md 3.3): after each, the
//! open vault's scan, the index and the calendar file follow at once, and the change is announced.

use super::{lock, Change, Session};
use crate::error::Result;
use crate::journal::{self, ReviewInput, Undone, Written};
use crate::note::Note;
use crate::vault;
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// What the session remembers of its writes.
pub(super) struct State {
    /// The journal id of this session's first write: undo reaches back no further.
    pub(super) first_edit: i64,
    /// The notes this session wrote, each with its file's stamp right after: a file watcher
    /// sees the app's own writes and must not take them for another program's.
    pub(super) own: Mutex<HashMap<PathBuf, vault::Stamp>>,
}

impl State {
    pub(super) fn new(first_edit: i64) -> State {
        State { first_edit, own: Mutex::new(HashMap::new()) }
    }
}

impl Session {
    /// Marks a review of `rel` done now (REVIEW-MODEL.md 3.1) and logs it.
    pub fn review(&self, rel: &str, input: &ReviewInput, now: NaiveDateTime) -> Result<Written> {
        let (vault, today) = self.write_context(now)?;
        let before = self.lock_open().as_ref().and_then(|o| o.scan.note(rel).cloned());
        // Its questions as they were: the answers are recorded against them.
        let before =
            before.map(|n| crate::index::with_cues(&self.learning.cue_texts, &vault, [&n]).remove(0).into_owned());
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
            None => journal::undo(&mut self.store(), &open.path, self.writes.first_edit)?,
        };
        self.reread(&open.path, &undone.path, now);
        self.announce(Change::Agenda);
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
        self.announce(Change::Agenda);
        written
    }

    fn reread(&self, vault: &Path, rel: &str, now: NaiveDateTime) {
        // After a scan under way, which may have read the note before this write: its scan is
        // made the open one first, and the note as written is put in it after.
        let turn = lock(&self.vault.switching);
        let file = journal::note_path(vault, rel);
        let stamp = file.as_ref().ok().and_then(|file| {
            let stamp = vault::Stamp::of(&std::fs::symlink_metadata(file).ok()?);
            lock(&self.writes.own).insert(file.clone(), stamp);
            Some(stamp)
        });
        let parsed = file.and_then(|p| vault::read_note(&p)).and_then(|bytes| Note::parse(rel, &bytes));
        // The index follows the app's own write (the watcher leaves it alone), after the answer.
        if let (Some(stamp), Ok(note)) = (stamp, &parsed) {
            self.index_later(vault, stamp, note.clone());
        }
        {
            let mut open = self.lock_open();
            let Some(open) = open.as_mut().filter(|o| o.path == vault) else { return };
            open.version = self.next_version();
            let Ok(note) = parsed else { return };
            Arc::make_mut(&mut open.agenda).replace(rel, Ok(&note));
            let scan = Arc::make_mut(&mut open.scan);
            match scan.notes.binary_search_by(|n| n.path.as_str().cmp(rel)) {
                Ok(i) => scan.notes[i] = note,
                Err(i) => scan.notes.insert(i, note),
            }
        }
        drop(turn);
        self.refresh_calendar(now);
    }

    /// Whether the file at `path` is as this session last wrote it: a change a file watcher
    /// reports there is the app's own, not another program's.
    pub fn is_own_write(&self, path: &Path) -> bool {
        let mut own = lock(&self.writes.own);
        let Some(stamp) = own.get(path) else { return false };
        let same = std::fs::symlink_metadata(path).is_ok_and(|m| vault::Stamp::of(&m) == *stamp);
        if !same {
            own.remove(path);
        }
        same
    }
}
