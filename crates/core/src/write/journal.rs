//! Writing to notes through the journal: every write is planned ([`crate::review`]), applied to
//! the text ([`crate::edit`]), logged as pending with its review row, written atomically with a
//! conflict check ([`crate::snapshot`]), then marked done. A crash in between is reconciled at the
//! next start, so the log and the files never disagree; undo restores the bytes before a write only
//! while the file still holds exactly what the app wrote.
//!
//! Every write holds the store's write lock (one writer across processes), reads the note only
//! once it has been still for a moment (a save in progress is never taken for the note), and
//! records a review only if the note is still where the user saw it.

use crate::agenda::NoteSummary;
pub use crate::answer::Grade;
use crate::edit::{self, Change};
use crate::error::{Error, Result};
use crate::lang::{tf, tr};
use crate::note::{Kind, Note};
use crate::review::{self, Plan};
use crate::schedule::{review_state, Flags, Status, Step};
use crate::snapshot::{self, Stage};
pub use crate::store::Delta;
use crate::store::{Action, EditRow, EditState, ReviewRow, Store};
use crate::vault;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// What the user saw when the review began: the step they reviewed and the note's flags then.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Seen {
    /// The step the review was of.
    pub step: Step,
    /// The note's flags when the review began.
    pub flags: Flags,
}

/// What the user did in a review, beside marking it done.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReviewInput {
    /// The self-grade of each cue question, in order.
    pub grades: Vec<Grade>,
    /// Seconds spent on the note.
    pub seconds: u32,
    /// "장기기억 완료": the note is now in long-term memory (from the 14-day review on).
    pub long_term: bool,
    /// Where the note stood when the review began; if it moved since (another device, another
    /// process, an earlier review today), nothing is written. `None` from the command line.
    #[serde(default)]
    pub seen: Option<Seen>,
    /// The user confirmed an early review of a note that is not due yet.
    #[serde(default)]
    pub early: bool,
    /// Milliseconds from each cue question shown to its grade, in the order of `grades` (empty
    /// from the command line).
    #[serde(default)]
    pub answer_ms: Vec<u32>,
}

/// A write made to a note.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Written {
    /// The note, relative to the vault.
    pub path: String,
    /// Every key that changed, with its value before and after.
    pub changes: Vec<Change>,
    /// The note as it is now, scheduled for today.
    pub note: NoteSummary,
}

/// A write that was undone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Undone {
    /// The journal id of the write.
    #[ts(type = "number")]
    pub id: i64,
    /// The note, relative to the vault.
    pub path: String,
    /// What the undone write was.
    pub action: Action,
    /// When the undone write was made, to the second.
    pub made_at: NaiveDateTime,
}

/// How many of a vault's newest writes can be undone; older ones keep only their review log.
pub const UNDO_KEEP: usize = 200;

/// Marks a review of the note `rel` done on `today` at `now` (section 3.1) and logs it.
pub fn review(
    store: &mut Store,
    vault: &Path,
    rel: &str,
    input: &ReviewInput,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<Written> {
    review_with(store, vault, rel, input, today, now, &|_| Ok(()))
}

/// [`review`] with a fault injected into the file replacement (crash tests).
#[doc(hidden)]
pub fn review_with(
    store: &mut Store,
    vault: &Path,
    rel: &str,
    input: &ReviewInput,
    today: NaiveDate,
    now: NaiveDateTime,
    fault: &dyn Fn(Stage) -> std::io::Result<()>,
) -> Result<Written> {
    let _lock = store.lock_writes()?;
    let (path, before, note) = read(vault, rel, store.quiet())?;
    check_review(&note, input, today)?;
    let plan = review::review(&note, today, now.time(), input.long_term)?;
    let logged = ReviewRow {
        reviewed_on: today,
        reviewed_at: to_second(now),
        step: plan.step.unwrap_or(Step::Extra),
        steps_done: plan.steps_done.clone(),
        long_term: input.long_term,
        grades: input.grades.clone(),
        seconds: input.seconds,
    };
    write(store, vault, rel, &path, Action::Review, &before, &plan, Some(&logged), today, now, fault)
}

/// A review is of what the user saw, and early only when they say so.
fn check_review(note: &Note, input: &ReviewInput, today: NaiveDate) -> Result<()> {
    if note.kind != Kind::Review {
        return Ok(()); // review::review refuses it with the reason
    }
    let state = review_state(note.flags, note.day0, note.last_review, today);
    if let Some(seen) = input.seen {
        if note.flags != seen.flags || state.step != Some(seen.step) {
            return Err(Error::AlreadyReviewed { path: note.path.clone(), now: describe(&state) });
        }
    }
    match (state.status, state.next_due, state.stage) {
        (Status::Upcoming, Some(due), Some(stage)) if !input.early => Err(Error::NotDue {
            path: note.path.clone(),
            stage: stage.to_string(),
            due,
            days: (due - today).num_days(),
        }),
        _ => Ok(()),
    }
}

/// Where a note stands, in words: `4일 복습 · 2024-08-29 예정`, `장기기억`, `시작 전`.
fn describe(state: &crate::schedule::ReviewState) -> String {
    match (state.status, state.stage, state.next_due) {
        (Status::LongTerm, _, _) => tr("장기기억", "in long-term memory").into(),
        (Status::NotStarted, _, _) => tr("학습 시작 전", "not started").into(),
        (_, Some(stage), Some(due)) => {
            tf(format!("{stage} · {due} 예정"), format!("{} due on {due}", step_words(state.step)))
        }
        (_, Some(stage), None) => tf(stage.into(), step_words(state.step)),
        _ => tr("복습 노트", "a review note").into(),
    }
}

/// Starts a not-started note on `today` (section 3.2).
pub fn start(store: &mut Store, vault: &Path, rel: &str, today: NaiveDate, now: NaiveDateTime) -> Result<Written> {
    let _lock = store.lock_writes()?;
    let (path, before, note) = read(vault, rel, store.quiet())?;
    let plan = review::start(&note, today)?;
    write(store, vault, rel, &path, Action::Start, &before, &plan, None, today, now, &|_| Ok(()))
}

/// Makes a plain note a review note starting on `today` (section 3.2).
pub fn enroll(store: &mut Store, vault: &Path, rel: &str, today: NaiveDate, now: NaiveDateTime) -> Result<Written> {
    let _lock = store.lock_writes()?;
    let (path, before, note) = read(vault, rel, store.quiet())?;
    let plan = review::enroll(&note, today)?;
    write(store, vault, rel, &path, Action::Enroll, &before, &plan, None, today, now, &|_| Ok(()))
}

/// Undoes the newest write in `vault` with a journal id of at least `since` (0: any) that can
/// still be undone, restoring the note's previous bytes. If the note changed since that write,
/// the write is marked as never undoable and [`Error::UndoBlocked`] says how many older writes
/// still are: the next undo goes to them.
pub fn undo(store: &mut Store, vault: &Path, since: i64) -> Result<Undone> {
    let _lock = store.lock_writes()?;
    let key = crate::store::vault_key(vault);
    let edit = store.newest_undoable(&key, since)?.ok_or(Error::NothingToUndo)?;
    undo_edit(store, vault, &edit, since)
}

/// Undoes the write with journal id `id` in `vault` (`bokseup undo VAULT N`), if the note is
/// still exactly what it left.
pub fn undo_id(store: &mut Store, vault: &Path, id: i64) -> Result<Undone> {
    let _lock = store.lock_writes()?;
    let key = crate::store::vault_key(vault);
    let edit = store.edit(id)?.filter(|e| e.vault == key).ok_or_else(|| {
        Error::Invalid(tf(
            format!("이 볼트에 {id}번 변경이 없습니다: `bokseup undo VAULT --list`로 번호를 확인하세요"),
            format!("This vault has no change number {id}: see the numbers with `bokseup undo VAULT --list`"),
        ))
    })?;
    match (edit.state, edit.delta.after_mid.is_some()) {
        (EditState::Done, true) => undo_edit(store, vault, &edit, 0),
        (EditState::Undone, _) => Err(Error::Invalid(tf(
            format!("{id}번 변경은 이미 되돌렸습니다"),
            format!("Change {id} was undone already"),
        ))),
        (EditState::Done, false) => Err(Error::Invalid(tf(
            format!("{id}번 변경은 최근 {UNDO_KEEP}개보다 오래되어 되돌릴 수 없습니다 (복습 기록은 남아 있습니다)"),
            format!(
                "Change {id} is older than the newest {UNDO_KEEP} and cannot be undone (its review stays in the log)"
            ),
        ))),
        _ => Err(Error::Invalid(tf(
            format!("{id}번 변경은 되돌릴 수 없습니다: 그 뒤 노트가 바뀌었거나 쓰기가 끝나지 않았습니다"),
            format!("Change {id} cannot be undone: the note changed since, or the write never finished"),
        ))),
    }
}

fn undo_edit(store: &mut Store, vault: &Path, edit: &EditRow, since: i64) -> Result<Undone> {
    let restored = note_path(vault, &edit.path).and_then(|path| {
        let current = vault::read_settled(&path, store.quiet())?;
        Ok(edit.delta.restore(&current).map(|before| (path, current, before)))
    });
    match restored {
        Ok(Some((path, current, before))) => {
            snapshot::replace(&path, &current, &before)?;
            store.set_edit_state(edit.id, EditState::Undone)?;
            Ok(Undone { id: edit.id, path: edit.path.clone(), action: edit.action, made_at: edit.made_at })
        }
        // The note changed (or is gone): this write can never be undone.
        Ok(None) | Err(Error::Read { .. } | Error::OutsideVault(_)) => {
            store.set_edit_state(edit.id, EditState::Stale)?;
            let older = store.undoable_before(&edit.vault, edit.id, since)?;
            Err(Error::UndoBlocked {
                path: edit.path.clone(),
                made_at: edit.made_at.format("%Y-%m-%d %H:%M:%S").to_string(),
                older,
            })
        }
        Err(e) => Err(e),
    }
}

/// Where a recent write stands for `bokseup undo --list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UndoState {
    /// The note is exactly what the write left: it can be undone.
    Undoable,
    /// The note changed since (or is gone): it cannot.
    Changed,
    /// It was undone already.
    Undone,
    /// Older than the undo horizon.
    TooOld,
}

/// A recent write and whether it can be undone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoEntry {
    /// The journal id (`bokseup undo VAULT N`).
    pub id: i64,
    /// The note.
    pub path: String,
    /// What the write did.
    pub action: Action,
    /// When, to the second.
    pub made_at: NaiveDateTime,
    /// Whether it can be undone now.
    pub state: UndoState,
}

/// The newest `limit` writes in `vault`, each with whether it can be undone now.
pub fn undo_list(store: &Store, vault: &Path, limit: usize) -> Result<Vec<UndoEntry>> {
    let edits = store.recent_edits(&crate::store::vault_key(vault), limit)?;
    Ok(edits
        .into_iter()
        .map(|e| {
            let state = match (e.state, e.delta.after_mid.is_some()) {
                (EditState::Undone, _) => UndoState::Undone,
                (EditState::Stale, _) => UndoState::Changed,
                (_, false) => UndoState::TooOld,
                _ => {
                    let now = note_path(vault, &e.path).and_then(|p| vault::read_note(&p));
                    if now.is_ok_and(|bytes| e.delta.is_after(&bytes)) {
                        UndoState::Undoable
                    } else {
                        UndoState::Changed
                    }
                }
            };
            UndoEntry { id: e.id, path: e.path, action: e.action, made_at: e.made_at, state }
        })
        .collect())
}

/// Settles writes left pending by a crash (done if the note holds the new bytes, failed
/// otherwise), removes the temporary files such a crash leaves beside the notes, and forgets what
/// undo needs of writes older than the newest [`UNDO_KEEP`]. Returns how many pending writes it
/// settled.
pub fn reconcile(store: &mut Store) -> Result<usize> {
    let _lock = store.lock_writes()?;
    let pending = store.pending_edits()?;
    for edit in &pending {
        let path = note_path(Path::new(&edit.vault), &edit.path).ok();
        let current = path.as_deref().and_then(|p| vault::read_note(p).ok());
        let done = current.is_some_and(|bytes| edit.delta.is_after(&bytes));
        store.set_edit_state(edit.id, if done { EditState::Done } else { EditState::Failed })?;
        let note = Path::new(&edit.vault).join(&edit.path);
        snapshot::remove_leftovers(&note);
    }
    store.prune_journal(UNDO_KEEP)?;
    Ok(pending.len())
}

#[allow(clippy::too_many_arguments)]
fn write(
    store: &mut Store,
    vault: &Path,
    rel: &str,
    path: &Path,
    action: Action,
    before: &[u8],
    plan: &Plan,
    logged: Option<&ReviewRow>,
    today: NaiveDate,
    now: NaiveDateTime,
    fault: &dyn Fn(Stage) -> std::io::Result<()>,
) -> Result<Written> {
    let edited = edit::apply(before, &plan.sets)?;
    let row = EditRow {
        id: 0,
        vault: crate::store::vault_key(vault),
        path: rel.to_string(),
        action,
        made_at: to_second(now),
        delta: Delta::between(before, &edited.bytes),
        state: EditState::Pending,
    };
    let id = store.begin_edit(&row, logged)?;
    if let Err(e) = snapshot::replace_with(path, before, &edited.bytes, fault) {
        store.set_edit_state(id, EditState::Failed)?;
        return Err(e);
    }
    store.set_edit_state(id, EditState::Done)?;
    let note = Note::parse(rel, &edited.bytes)?;
    Ok(Written { path: rel.to_string(), changes: edited.changes, note: NoteSummary::new(&note, today) })
}

/// The note `rel`, read once it is still; its errors name it.
fn read(vault: &Path, rel: &str, quiet: std::time::Duration) -> Result<(PathBuf, Vec<u8>, Note)> {
    let path = note_path(vault, rel)?;
    let bytes = vault::read_settled(&path, quiet).map_err(|e| e.in_note(rel))?;
    let note = Note::parse(rel, &bytes).map_err(|e| e.in_note(rel))?;
    Ok((path, bytes, note))
}

/// The file of the note `rel` inside `vault`: a visible Markdown file, never outside the vault
/// (see [`crate::vault::resolve`]).
pub fn note_path(vault: &Path, rel: &str) -> Result<PathBuf> {
    if !rel.to_lowercase().ends_with(".md") {
        return Err(Error::OutsideVault(rel.to_string()));
    }
    crate::vault::resolve(vault, rel)
}

/// The reviews logged for `vault` whose write completed, oldest first; only those of the note
/// `rel` when it is given.
pub fn log(store: &Store, vault: &Path, rel: Option<&str>) -> Result<Vec<crate::store::LoggedReview>> {
    let key = crate::store::vault_key(vault);
    match rel {
        None => store.reviews(&key),
        Some(rel) => store.reviews_of(&key, rel),
    }
}

/// A time as the journal keeps it: to the second.
fn to_second(now: NaiveDateTime) -> NaiveDateTime {
    chrono::Timelike::with_nanosecond(&now, 0).unwrap_or(now)
}

/// A step in English words: `the 4-day review`.
fn step_words(step: Option<Step>) -> String {
    match step {
        Some(Step::Extra) => "an extra review".into(),
        Some(s) => format!("the {}-day review", s.offset().unwrap_or(0)),
        None => "long-term memory".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::Status;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    struct Fixture {
        _dir: tempfile::TempDir,
        vault: PathBuf,
        store: Store,
    }

    fn fixture(files: &[(&str, &str)]) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("vault");
        for (path, text) in files {
            let p = vault.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        // The notes were written a moment ago: these tests do not wait for them to be still.
        let store = Store::open(&dir.path().join("db.sqlite3")).unwrap().with_quiet(std::time::Duration::ZERO);
        Fixture { _dir: dir, vault, store }
    }

    const NOTE: &str = "---\n⭕첫 학습날: 2024-08-25\n❤1일복습여부: false\n🧡4일복습여부: false\n복습: 1일 복습\n---\n### 단서 질문\n- 질문?\n    답\n";

    #[test]
    fn review_writes_logs_and_undoes() {
        let mut f = fixture(&[("과목/노트.md", NOTE)]);
        let input = ReviewInput { grades: vec![Grade::Unsure], seconds: 42, ..ReviewInput::default() };
        let w = review(
            &mut f.store,
            &f.vault,
            "과목/노트.md",
            &input,
            "2024-08-26".parse().unwrap(),
            at("2024-08-26 21:30"),
        )
        .unwrap();
        assert_eq!(w.note.stage, Some("4일 복습"));
        assert_eq!(w.note.status, Some(Status::Upcoming));
        let keys: Vec<_> = w.changes.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["❤1일복습여부", "🔁마지막복습", "복습"]);
        let on_disk = std::fs::read_to_string(f.vault.join("과목/노트.md")).unwrap();
        assert_eq!(
            on_disk,
            NOTE.replace("❤1일복습여부: false", "❤1일복습여부: true")
                .replace("복습: 1일 복습\n", "복습: 4일 복습\n🔁마지막복습: 2024-08-26\n")
        );
        let log = f.store.reviews(&crate::store::vault_key(&f.vault)).unwrap();
        assert_eq!(log.len(), 1);
        assert_eq!(
            (log[0].review.step, log[0].review.grades.as_slice(), log[0].review.seconds),
            (Step::D1, [Grade::Unsure].as_slice(), 42)
        );

        let undone = undo(&mut f.store, &f.vault, 0).unwrap();
        assert_eq!((undone.path.as_str(), undone.action), ("과목/노트.md", Action::Review));
        assert_eq!(std::fs::read_to_string(f.vault.join("과목/노트.md")).unwrap(), NOTE);
        assert!(f.store.reviews(&crate::store::vault_key(&f.vault)).unwrap().is_empty());
        assert!(matches!(undo(&mut f.store, &f.vault, 0), Err(Error::NothingToUndo)));
    }

    #[test]
    fn undo_skips_a_note_that_changed_and_says_what_is_left() {
        // Regression (issue 7): after an outside edit of the newest note, undo said "다시
        // 시도하세요" forever and older writes could no longer be undone.
        let mut f = fixture(&[("a.md", NOTE), ("b.md", NOTE)]);
        review_on_day_one(&mut f, "a.md", &|_| Ok(())).unwrap();
        review_on_day_one(&mut f, "b.md", &|_| Ok(())).unwrap();
        std::fs::write(f.vault.join("b.md"), "edited in Obsidian").unwrap();
        let err = undo(&mut f.store, &f.vault, 0).unwrap_err();
        assert!(matches!(err, Error::UndoBlocked { older: 1, .. }), "{err}");
        assert!(err.to_string().contains("그 전 변경 1개는 되돌릴 수 있습니다"), "{err}");
        assert_eq!(std::fs::read_to_string(f.vault.join("b.md")).unwrap(), "edited in Obsidian");
        // The next undo goes to the older write.
        assert_eq!(undo(&mut f.store, &f.vault, 0).unwrap().path, "a.md");
        assert_eq!(std::fs::read_to_string(f.vault.join("a.md")).unwrap(), NOTE);
        assert!(matches!(undo(&mut f.store, &f.vault, 0), Err(Error::NothingToUndo)));
    }

    #[test]
    fn undo_list_and_undo_by_number() {
        let mut f = fixture(&[("a.md", NOTE), ("b.md", NOTE)]);
        let a = review_on_day_one(&mut f, "a.md", &|_| Ok(())).unwrap();
        review_on_day_one(&mut f, "b.md", &|_| Ok(())).unwrap();
        std::fs::write(f.vault.join("b.md"), "edited").unwrap();
        let list = undo_list(&f.store, &f.vault, 10).unwrap();
        let shape: Vec<_> = list.iter().map(|e| (e.path.as_str(), e.state)).collect();
        assert_eq!(shape, [("b.md", UndoState::Changed), ("a.md", UndoState::Undoable)]);
        let id = list[1].id;
        assert_eq!(undo_id(&mut f.store, &f.vault, id).unwrap().path, a.path);
        assert!(undo_id(&mut f.store, &f.vault, id).unwrap_err().to_string().contains("이미 되돌렸습니다"));
        assert!(undo_id(&mut f.store, &f.vault, 999).unwrap_err().to_string().contains("999번 변경이 없습니다"));
        assert_eq!(undo_list(&f.store, &f.vault, 10).unwrap()[1].state, UndoState::Undone);
    }

    /// Reviews `rel` of the fixture on 2024-08-26 at 09:00, with `fault` injected into the write.
    fn review_on_day_one(f: &mut Fixture, rel: &str, fault: &dyn Fn(Stage) -> std::io::Result<()>) -> Result<Written> {
        let today = "2024-08-26".parse().unwrap();
        review_with(&mut f.store, &f.vault, rel, &ReviewInput::default(), today, at("2024-08-26 09:00"), fault)
    }

    #[test]
    fn undo_since_keeps_to_this_session() {
        let mut f = fixture(&[("노트.md", NOTE)]);
        review_on_day_one(&mut f, "노트.md", &|_| Ok(())).unwrap();
        let since = f.store.next_edit_id().unwrap();
        assert!(matches!(undo(&mut f.store, &f.vault, since), Err(Error::NothingToUndo)));
    }

    #[test]
    fn crash_before_rename_leaves_the_note_and_no_completed_review() {
        let mut f = fixture(&[("노트.md", NOTE)]);
        let crash =
            |stage: Stage| if stage == Stage::BeforeRename { Err(std::io::Error::other("injected")) } else { Ok(()) };
        let result = review_on_day_one(&mut f, "노트.md", &crash);
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(f.vault.join("노트.md")).unwrap(), NOTE);
        assert!(f.store.reviews(&crate::store::vault_key(&f.vault)).unwrap().is_empty());
        assert!(f.store.pending_edits().unwrap().is_empty());
    }

    #[test]
    fn a_change_by_another_program_is_never_overwritten() {
        let mut f = fixture(&[("노트.md", NOTE)]);
        let path = f.vault.join("노트.md");
        // Obsidian saves the note after the app read it, before the app's rename.
        let obsidian = |stage: Stage| {
            if stage == Stage::Written {
                std::fs::write(&path, "Obsidian의 변경").unwrap();
            }
            Ok(())
        };
        let err = review_on_day_one(&mut f, "노트.md", &obsidian).unwrap_err();
        assert!(matches!(err, Error::Conflict(_)), "{err}");
        assert!(err.to_string().contains("덮어쓰지 않도록"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "Obsidian의 변경");
        assert!(f.store.reviews(&crate::store::vault_key(&f.vault)).unwrap().is_empty());
        assert!(matches!(undo(&mut f.store, &f.vault, 0), Err(Error::NothingToUndo)));
    }

    #[test]
    fn reconcile_settles_pending_writes_both_ways() {
        let mut f = fixture(&[("a.md", NOTE), ("b.md", NOTE)]);
        for (path, after, on_disk) in [("a.md", "new a", "new a"), ("b.md", "new b", NOTE)] {
            let row = EditRow {
                id: 0,
                vault: crate::store::vault_key(&f.vault),
                path: path.into(),
                action: Action::Review,
                made_at: "2024-08-26T09:00:00".parse().unwrap(),
                delta: Delta::between(NOTE.as_bytes(), after.as_bytes()),
                state: EditState::Pending,
            };
            f.store.begin_edit(&row, Some(&ReviewRow::sample())).unwrap();
            std::fs::write(f.vault.join(path), on_disk).unwrap();
        }
        assert_eq!(reconcile(&mut f.store).unwrap(), 2);
        let log = f.store.reviews(&crate::store::vault_key(&f.vault)).unwrap();
        assert_eq!(log.iter().map(|r| r.path.as_str()).collect::<Vec<_>>(), ["a.md"]);
        assert_eq!(reconcile(&mut f.store).unwrap(), 0);
    }

    #[test]
    fn paths_stay_inside_the_vault() {
        let f = fixture(&[("노트.md", NOTE), (".obsidian/x.md", NOTE)]);
        for bad in ["../노트.md", "/etc/passwd", ".obsidian/x.md", "노트.txt", "", "없음.md"] {
            assert!(note_path(&f.vault, bad).is_err(), "{bad}");
        }
        assert!(note_path(&f.vault, "노트.md").is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_vault_are_refused() {
        let f = fixture(&[("노트.md", NOTE)]);
        let outside = f.vault.parent().unwrap().join("outside.md");
        std::fs::write(&outside, NOTE).unwrap();
        std::os::unix::fs::symlink(&outside, f.vault.join("link.md")).unwrap();
        assert!(matches!(note_path(&f.vault, "link.md"), Err(Error::OutsideVault(_))));
    }

    #[test]
    fn broken_notes_are_never_written() {
        let broken = "---\n⭕첫 학습날: 2024-08-25\n❤1일복습여부: \"open\n---\n";
        let mut f = fixture(&[("깨진.md", broken)]);
        let err = review_on_day_one(&mut f, "깨진.md", &|_| Ok(()));
        assert!(matches!(err, Err(Error::InNote { ref source, .. }) if matches!(**source, Error::Yaml(_))), "{err:?}");
        assert_eq!(std::fs::read_to_string(f.vault.join("깨진.md")).unwrap(), broken);
    }
}
