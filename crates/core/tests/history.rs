//! The review history that travels with the vault (issue 10): two devices, each with its own
//! database, review and drill notes of one vault copied back and forth as a sync tool would;
//! afterwards both see every answer exactly once, a deleted database rebuilds to the same rows,
//! and a history file cut mid-line or copied twice costs nothing but a message.

use bokseup_core::answer::Answer;
use bokseup_core::clock::Clock;
use bokseup_core::journal::{Grade, ReviewInput};
use bokseup_core::session::Session;
use bokseup_core::store::{self, Store};
use chrono::NaiveDateTime;
use std::path::{Path, PathBuf};

const NOTE: &str = "---\n⭕첫 학습날: 2024-10-20\n❤1일복습여부: false\n🧡4일복습여부: false\n💛7일복습여부: false\n💚14일복습여부: false\n🧠장기기억: false\n---\n### 단서 질문\n- 첫째 질문?\n    답 하나\n- 둘째 질문?\n    답 둘\n";

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

struct Device {
    db: PathBuf,
    vault: PathBuf,
    name: &'static str,
}

impl Device {
    fn new(root: &Path, name: &'static str) -> Device {
        let vault = root.join(format!("{name}/vault"));
        std::fs::create_dir_all(&vault).unwrap();
        Device { db: root.join(format!("{name}/data/bokseup.sqlite3")), vault, name }
    }

    fn session(&self, now: &str) -> Session {
        let store = Store::open(&self.db).unwrap().with_quiet(std::time::Duration::ZERO);
        let demo = self.db.parent().unwrap().join("demo");
        let s = Session::new(store, demo, Clock::system(4)).unwrap().with_settle(std::time::Duration::ZERO);
        let s = s.with_device(self.name);
        s.open_vault(&self.vault, at(now)).unwrap();
        s
    }

    /// Every answer this device's database holds for its vault, as comparable rows.
    fn rows(&self) -> Vec<(String, String, String, String, u8)> {
        let store = Store::open(&self.db).unwrap();
        let mut rows: Vec<_> = store
            .answers(&store::vault_key(&self.vault))
            .unwrap()
            .into_iter()
            .map(|a: Answer| (a.event, a.at.to_string(), a.note, a.question, a.grade.number()))
            .collect();
        rows.sort();
        rows
    }
}

/// Copies every file of `from` over `to`, as a sync tool does (newer files win; here: all).
fn sync(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            sync(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn review(grades: &[Grade]) -> ReviewInput {
    ReviewInput { grades: grades.to_vec(), seconds: 60, answer_ms: vec![4000; grades.len()], ..ReviewInput::default() }
}

#[test]
fn two_devices_see_every_answer_once_and_a_lost_database_rebuilds_from_the_vault() {
    let root = tempfile::tempdir().unwrap();
    let (a, b) = (Device::new(root.path(), "laptop"), Device::new(root.path(), "desktop"));
    for name in ["공유.md", "노트북.md", "데스크톱.md"] {
        std::fs::write(a.vault.join(name), NOTE).unwrap();
    }
    sync(&a.vault, &b.vault);

    // Each device reviews its own note and drills the shared one, before any sync.
    let sa = a.session("2024-10-21 09:00");
    sa.review("노트북.md", &review(&[Grade::Remembered, Grade::Forgot]), at("2024-10-21 09:05")).unwrap();
    sa.drill_answer("공유.md", "첫째 질문?", Grade::Unsure, 3000, at("2024-10-21 09:10")).unwrap();
    let sb = b.session("2024-10-21 20:00");
    sb.review("데스크톱.md", &review(&[Grade::Unsure, Grade::Remembered]), at("2024-10-21 20:05")).unwrap();
    sb.drill_answer("공유.md", "첫째 질문?", Grade::Forgot, 5000, at("2024-10-21 20:10")).unwrap();
    drop((sa, sb));
    assert!(a.vault.join(".bokseup/history/laptop.jsonl").is_file());

    // Sync both ways (the notes each wrote differ; the history files are each device's own).
    sync(&a.vault, &b.vault);
    sync(&b.vault, &a.vault);
    let (sa, sb) = (a.session("2024-10-22 09:00"), b.session("2024-10-22 09:00"));
    assert_eq!(a.rows().len(), 6, "2 + 1 answers from each device: {:?}", a.rows());
    assert_eq!(a.rows(), b.rows(), "both devices hold the same answers");
    // Reading again (a rescan, another sync of the same files) adds nothing.
    sa.rescan(at("2024-10-22 09:01")).unwrap();
    sync(&b.vault, &a.vault);
    sa.rescan(at("2024-10-22 09:02")).unwrap();
    assert_eq!(a.rows().len(), 6);

    // The shared note's first question has both devices' drill grades.
    let weak = sa.weak(bokseup_core::drill::Size::Questions(10), None, at("2024-10-22 09:03")).unwrap();
    let shared = weak.iter().find(|w| w.path == "공유.md").expect("the shared question is weak");
    assert_eq!((shared.answers, shared.last_grade), (2, Grade::Forgot));
    drop((sa, sb));

    // The laptop's database is lost: opening the vault again rebuilds every answer.
    let before = a.rows();
    std::fs::remove_file(&a.db).unwrap();
    let _ = std::fs::remove_file(a.db.with_extension("sqlite3-wal"));
    let _ = std::fs::remove_file(a.db.with_extension("sqlite3-shm"));
    let again = a.session("2024-10-22 10:00");
    assert_eq!(a.rows(), before, "rebuilt from the vault's history files");
    // The same name again (a test pins it; a real rebuilt database draws a new one): its next
    // answer is numbered after those in the vault, so it is not taken for a copy.
    again.drill_answer("공유.md", "둘째 질문?", Grade::Remembered, 2000, at("2024-10-22 10:01")).unwrap();
    assert_eq!(a.rows().len(), 7);
    drop(again);
}

#[test]
fn history_kept_on_this_computer_only_writes_nothing_into_the_vault() {
    let root = tempfile::tempdir().unwrap();
    let a = Device::new(root.path(), "solo");
    std::fs::write(a.vault.join("노트.md"), NOTE).unwrap();
    let s = a.session("2024-10-21 09:00");
    let mut settings = s.settings();
    settings.history_in_vault = false;
    s.save_settings(&settings, at("2024-10-21 09:00")).unwrap();
    s.review("노트.md", &review(&[Grade::Remembered, Grade::Remembered]), at("2024-10-21 09:05")).unwrap();
    assert!(!a.vault.join(".bokseup").exists(), "nothing written into the vault");
    assert_eq!(a.rows().len(), 2, "the answers are kept in the database");
    // Turned back on: the answers given meanwhile join the vault's file.
    settings.history_in_vault = true;
    s.save_settings(&settings, at("2024-10-21 09:10")).unwrap();
    let file = std::fs::read_to_string(a.vault.join(".bokseup/history/solo.jsonl")).unwrap();
    assert_eq!(file.lines().count(), 2, "{file}");
}

#[test]
fn a_cut_line_and_a_duplicated_file_from_another_device_lose_nothing() {
    let root = tempfile::tempdir().unwrap();
    let (a, b) = (Device::new(root.path(), "one"), Device::new(root.path(), "two"));
    std::fs::write(a.vault.join("노트.md"), NOTE).unwrap();
    sync(&a.vault, &b.vault);
    let sb = b.session("2024-10-21 09:00");
    sb.drill_answer("노트.md", "첫째 질문?", Grade::Forgot, 3000, at("2024-10-21 09:01")).unwrap();
    sb.drill_answer("노트.md", "둘째 질문?", Grade::Remembered, 3000, at("2024-10-21 09:02")).unwrap();
    drop(sb);
    let sa = a.session("2024-10-21 10:00");
    sa.drill_answer("노트.md", "첫째 질문?", Grade::Unsure, 3000, at("2024-10-21 10:01")).unwrap();
    // The sync copies device two's file cut in the middle of its second line, and a conflict copy.
    let two = std::fs::read(b.vault.join(".bokseup/history/two.jsonl")).unwrap();
    let cut = two.len() - 30;
    let hist = a.vault.join(".bokseup/history");
    std::fs::write(hist.join("two.jsonl"), &two[..cut]).unwrap();
    std::fs::write(hist.join("two (conflicted copy).jsonl"), &two[..cut]).unwrap();
    let overview = sa.overview(at("2024-10-21 10:05")).unwrap();
    let issues: Vec<_> = overview.agenda.issues.iter().filter(|i| i.path.starts_with(".bokseup")).collect();
    assert_eq!(issues.len(), 2, "{issues:?}");
    assert!(issues.iter().all(|i| i.message.contains("끊겨")), "{issues:?}");
    assert_eq!(a.rows().len(), 2, "the local answer and the whole line of device two");
    // The sync finishes: the rest is read, each event once.
    std::fs::write(hist.join("two.jsonl"), &two).unwrap();
    std::fs::write(hist.join("two (conflicted copy).jsonl"), &two).unwrap();
    let overview = sa.overview(at("2024-10-21 10:06")).unwrap();
    assert!(overview.agenda.issues.iter().all(|i| !i.path.starts_with(".bokseup")));
    assert_eq!(a.rows().len(), 3);
}

#[test]
fn a_renamed_note_keeps_its_questions_history_on_every_device() {
    let root = tempfile::tempdir().unwrap();
    let (a, b) = (Device::new(root.path(), "first"), Device::new(root.path(), "second"));
    std::fs::write(a.vault.join("노트.md"), NOTE).unwrap();
    let sa = a.session("2024-10-21 09:00");
    sa.drill_answer("노트.md", "첫째 질문?", Grade::Forgot, 3000, at("2024-10-21 09:01")).unwrap();
    // Obsidian renames the note and moves it into a folder: the same file (inode) at a new path.
    std::fs::create_dir_all(a.vault.join("정리")).unwrap();
    std::fs::rename(a.vault.join("노트.md"), a.vault.join("정리/새 이름.md")).unwrap();
    sa.rescan(at("2024-10-21 10:00")).unwrap();
    let weak = sa.weak(bokseup_core::drill::Size::Questions(10), None, at("2024-10-21 10:01")).unwrap();
    assert_eq!(weak.iter().map(|w| (w.path.as_str(), w.answers)).collect::<Vec<_>>(), [("정리/새 이름.md", 1)]);
    drop(sa);
    // The other device gets the renamed note and both history files: the move travels too.
    sync(&a.vault, &b.vault);
    let sb = b.session("2024-10-21 11:00");
    let weak = sb.weak(bokseup_core::drill::Size::Questions(10), None, at("2024-10-21 11:01")).unwrap();
    assert_eq!(
        weak.iter().map(|w| (w.path.as_str(), w.question.as_str())).collect::<Vec<_>>(),
        [("정리/새 이름.md", "첫째 질문?")]
    );
}
