//! Writing to notes through the journal: every write is planned ([`crate::review`]), applied to
//! the text ([`crate::edit`]), logged as pending with its review row, written atomically with a
//! conflict check ([`crate::snapshot`]), then marked done. A crash in between is reconciled at the
//! next start, so the log and the files never disagree; undo restores the bytes before a write only
//! while the file still holds exactly what the app wrote.

use crate::agenda::NoteSummary;
use crate::edit::{self, Change};
use crate::error::{Error, Result};
use crate::note::Note;
use crate::review::{self, Plan};
use crate::schedule::Step;
use crate::snapshot::{self, Stage};
use crate::store::{EditRow, EditState, ReviewRow, Store};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// How well the user recalled one cue question's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Grade {
    /// 1 기억남: remembered.
    Remembered,
    /// 2 헷갈림: unsure.
    Unsure,
    /// 3 모름: forgot.
    Forgot,
}

impl Grade {
    fn number(self) -> u8 {
        match self {
            Grade::Remembered => 1,
            Grade::Unsure => 2,
            Grade::Forgot => 3,
        }
    }
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
    /// The note, relative to the vault.
    pub path: String,
    /// What the undone write was: `review`, `start` or `enroll`.
    pub action: String,
    /// When the undone write was made.
    pub made_at: String,
}

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
    let (path, before, note) = read(vault, rel)?;
    let plan = review::review(&note, today, now.time(), input.long_term)?;
    let logged = ReviewRow {
        reviewed_on: today.to_string(),
        reviewed_at: stamp(now),
        step: step_name(plan.step.unwrap_or(Step::Extra)).into(),
        steps_done: plan.steps_done.iter().map(|s| step_name(*s)).collect::<Vec<_>>().join(","),
        long_term: input.long_term,
        grades: serde_json::to_string(&input.grades.iter().map(|g| g.number()).collect::<Vec<_>>()).unwrap_or_default(),
        seconds: input.seconds,
    };
    write(store, vault, rel, &path, "review", &before, &plan, Some(&logged), today, now, fault)
}

/// Starts a not-started note on `today` (section 3.2).
pub fn start(store: &mut Store, vault: &Path, rel: &str, today: NaiveDate, now: NaiveDateTime) -> Result<Written> {
    let (path, before, note) = read(vault, rel)?;
    let plan = review::start(&note, today)?;
    write(store, vault, rel, &path, "start", &before, &plan, None, today, now, &|_| Ok(()))
}

/// Makes a plain note a review note starting on `today` (section 3.2).
pub fn enroll(store: &mut Store, vault: &Path, rel: &str, today: NaiveDate, now: NaiveDateTime) -> Result<Written> {
    let (path, before, note) = read(vault, rel)?;
    let plan = review::enroll(&note, today)?;
    write(store, vault, rel, &path, "enroll", &before, &plan, None, today, now, &|_| Ok(()))
}

/// Undoes the newest completed write in `vault` with a journal id of at least `since` (0: any),
/// restoring the note's previous bytes, but only if the note still holds exactly what the app
/// wrote; otherwise [`Error::Conflict`] and nothing changes.
pub fn undo(store: &mut Store, vault: &Path, since: i64) -> Result<Undone> {
    let key = vault_key(vault);
    let edit = store.last_undoable(&key, since)?.ok_or(Error::NothingToUndo)?;
    let path = note_path(vault, &edit.path)?;
    snapshot::replace(&path, &edit.after, &edit.before)?;
    store.set_edit_state(edit.id, EditState::Undone)?;
    Ok(Undone { path: edit.path, action: edit.action, made_at: edit.made_at })
}

/// Settles writes left pending by a crash: done if the note holds the new bytes, failed otherwise.
/// Returns how many were settled.
pub fn reconcile(store: &mut Store) -> Result<usize> {
    let pending = store.pending_edits()?;
    for edit in &pending {
        let current = note_path(Path::new(&edit.vault), &edit.path).ok().and_then(|p| std::fs::read(p).ok());
        let state = if current.as_deref() == Some(edit.after.as_slice()) { EditState::Done } else { EditState::Failed };
        store.set_edit_state(edit.id, state)?;
    }
    Ok(pending.len())
}

#[allow(clippy::too_many_arguments)]
fn write(
    store: &mut Store,
    vault: &Path,
    rel: &str,
    path: &Path,
    action: &str,
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
        vault: vault_key(vault),
        path: rel.to_string(),
        action: action.into(),
        made_at: stamp(now),
        before: before.to_vec(),
        after: edited.bytes.clone(),
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

fn read(vault: &Path, rel: &str) -> Result<(PathBuf, Vec<u8>, Note)> {
    let path = note_path(vault, rel)?;
    let bytes = std::fs::read(&path).map_err(Error::Read)?;
    let note = Note::parse(rel, &bytes)?;
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

/// The vault as the journal records it: its canonical path.
fn vault_key(vault: &Path) -> String {
    std::fs::canonicalize(vault).unwrap_or_else(|_| vault.to_path_buf()).to_string_lossy().into_owned()
}

fn stamp(now: NaiveDateTime) -> String {
    now.format("%Y-%m-%dT%H:%M:%S").to_string()
}

fn step_name(step: Step) -> &'static str {
    match step {
        Step::D1 => "d1",
        Step::D4 => "d4",
        Step::D7 => "d7",
        Step::D14 => "d14",
        Step::Extra => "extra",
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
        let store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
        Fixture { _dir: dir, vault, store }
    }

    const NOTE: &str = "---\n⭕첫 학습날: 2024-08-25\n❤1일복습여부: false\n🧡4일복습여부: false\n복습: 1일 복습\n---\n### 단서 질문\n- 질문?\n    답\n";

    #[test]
    fn review_writes_logs_and_undoes() {
        let mut f = fixture(&[("과목/노트.md", NOTE)]);
        let input = ReviewInput { grades: vec![Grade::Unsure], seconds: 42, long_term: false };
        let w = review(
            &mut f.store,
            &f.vault,
            "과목/노트.md",
            &input,
            "2024-08-26".parse().unwrap(),
            at("2024-08-26 21:30"),
        )
        .unwrap();
        assert_eq!(w.note.stage.as_deref(), Some("4일 복습"));
        assert_eq!(w.note.status, Some(Status::Upcoming));
        let keys: Vec<_> = w.changes.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["❤1일복습여부", "🔁마지막복습", "복습"]);
        let on_disk = std::fs::read_to_string(f.vault.join("과목/노트.md")).unwrap();
        assert_eq!(
            on_disk,
            NOTE.replace("❤1일복습여부: false", "❤1일복습여부: true")
                .replace("복습: 1일 복습\n", "복습: 4일 복습\n🔁마지막복습: 2024-08-26\n")
        );
        let log = f.store.reviews(&vault_key(&f.vault)).unwrap();
        assert_eq!(log.len(), 1);
        assert_eq!(
            (log[0].review.step.as_str(), log[0].review.grades.as_str(), log[0].review.seconds),
            ("d1", "[2]", 42)
        );

        let undone = undo(&mut f.store, &f.vault, 0).unwrap();
        assert_eq!((undone.path.as_str(), undone.action.as_str()), ("과목/노트.md", "review"));
        assert_eq!(std::fs::read_to_string(f.vault.join("과목/노트.md")).unwrap(), NOTE);
        assert!(f.store.reviews(&vault_key(&f.vault)).unwrap().is_empty());
        assert!(matches!(undo(&mut f.store, &f.vault, 0), Err(Error::NothingToUndo)));
    }

    #[test]
    fn undo_refuses_when_the_note_changed_since() {
        let mut f = fixture(&[("노트.md", NOTE)]);
        review_on_day_one(&mut f, "노트.md", &|_| Ok(())).unwrap();
        std::fs::write(f.vault.join("노트.md"), "edited in Obsidian").unwrap();
        assert!(matches!(undo(&mut f.store, &f.vault, 0), Err(Error::Conflict(_))));
        assert_eq!(std::fs::read_to_string(f.vault.join("노트.md")).unwrap(), "edited in Obsidian");
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
        assert!(f.store.reviews(&vault_key(&f.vault)).unwrap().is_empty());
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
        assert!(f.store.reviews(&vault_key(&f.vault)).unwrap().is_empty());
        assert!(matches!(undo(&mut f.store, &f.vault, 0), Err(Error::NothingToUndo)));
    }

    #[test]
    fn reconcile_settles_pending_writes_both_ways() {
        let mut f = fixture(&[("a.md", NOTE), ("b.md", NOTE)]);
        for (path, after, on_disk) in [("a.md", "new a", "new a"), ("b.md", "new b", NOTE)] {
            let row = EditRow {
                id: 0,
                vault: vault_key(&f.vault),
                path: path.into(),
                action: "review".into(),
                made_at: "2024-08-26T09:00:00".into(),
                before: NOTE.into(),
                after: after.into(),
                state: EditState::Pending,
            };
            let logged = ReviewRow {
                reviewed_on: "2024-08-26".into(),
                reviewed_at: "2024-08-26T09:00:00".into(),
                step: "d1".into(),
                steps_done: "d1".into(),
                long_term: false,
                grades: "[]".into(),
                seconds: 1,
            };
            f.store.begin_edit(&row, Some(&logged)).unwrap();
            std::fs::write(f.vault.join(path), on_disk).unwrap();
        }
        assert_eq!(reconcile(&mut f.store).unwrap(), 2);
        let log = f.store.reviews(&vault_key(&f.vault)).unwrap();
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
        assert!(matches!(err, Err(Error::Yaml(_))));
        assert_eq!(std::fs::read_to_string(f.vault.join("깨진.md")).unwrap(), broken);
    }
}
