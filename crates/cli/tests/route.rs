//! One route per operation: a write from the terminal (`bokseup review`, `start`, `enroll`,
//! `undo`) leaves the notes, the index of notes, the vault's history files, the review log and the
//! kept calendar file exactly as the same write from the window (the engine's session, which the
//! window's commands call); and `bokseup scan` and `weak` read another device's history file as
//! the window does.

use bokseup_core::clock::Clock;
use bokseup_core::journal::ReviewInput;
use bokseup_core::session::Session;
use bokseup_core::settings::Settings;
use bokseup_core::store::{vault_key, Store};
use bokseup_core::vault::Stamp;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_bokseup");
const DAY: &str = "2024-09-02";
const TIME: &str = "09:00";

/// A world: a vault the window opened and keeps a calendar file for, in `root`.
struct World {
    vault: PathBuf,
    data: PathBuf,
    ics: PathBuf,
}

fn day() -> chrono::NaiveDate {
    DAY.parse().unwrap()
}

fn window_session(data: &Path) -> Session {
    let time = chrono::NaiveTime::parse_from_str(TIME, "%H:%M").unwrap();
    let store = Store::open(&data.join("bokseup.sqlite3")).unwrap();
    Session::new(store, data.join("demo-vault"), Clock::pinned(day(), Some(time), 4)).unwrap()
}

/// Lays the world out at `root` (emptied first): three kinds of note, opened in the window with
/// a calendar file set, then one note moved by another program, which the next scan records in
/// the vault's history file.
fn world(root: &Path) -> World {
    let _ = std::fs::remove_dir_all(root);
    let vault = root.join("공부");
    let data = root.join("data");
    std::fs::create_dir_all(vault.join("네트워크")).unwrap();
    std::fs::create_dir_all(root.join("폰")).unwrap();
    let review = "---\n⭕첫 학습날: 2024-09-01\n⭕과목: 네트워크\n❤1일복습여부: false\n🧡4일복습여부: false\n복습: 1일 복습\n---\n### 단서 질문\n- TCP란?\n    연결 지향\n";
    std::fs::write(vault.join("네트워크/TCP.md"), review).unwrap();
    std::fs::write(vault.join("네트워크/UDP.md"), review.replace("TCP", "UDP")).unwrap();
    std::fs::write(vault.join("시작 전.md"), "---\n❤1일복습여부: false\n🛑첫날: \"✏첫날 :\"\n---\n- 질문?\n").unwrap();
    std::fs::write(vault.join("메모.md"), "# 메모\n그냥 메모\n").unwrap();
    let ics = root.join("폰/복습.ics");
    {
        let session = window_session(&data).with_settle(std::time::Duration::ZERO);
        let now = session.now();
        session.open_vault(&vault, now).unwrap();
        let settings = Settings { calendar_file: Some(ics.to_string_lossy().into()), ..session.settings() };
        session.save_settings(&settings, now).unwrap();
    }
    std::fs::create_dir(vault.join("옮김")).unwrap();
    std::fs::rename(vault.join("네트워크/UDP.md"), vault.join("옮김/UDP.md")).unwrap();
    World { vault, data, ics }
}

/// Runs `bokseup` on the world's database, in Korean.
fn bokseup(w: &World, args: &[&str]) -> std::process::Output {
    let out = Command::new(BIN)
        .args(args)
        .args(["--data", w.data.to_str().unwrap(), "--date", DAY, "--time", TIME])
        .env("LANG", "ko_KR.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert!(out.status.success(), "bokseup {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// Everything a write may touch, in a form two worlds at the same place can be compared in.
#[derive(Debug, PartialEq)]
struct State {
    /// Every file of the vault outside `.bokseup`, with its bytes.
    notes: BTreeMap<String, Vec<u8>>,
    /// The index: each note's path, its file's size and the note as indexed.
    index: BTreeMap<String, (u64, String)>,
    /// The history files' events, the device's name and the seconds left out.
    history: Vec<String>,
    /// The calendar file without its time stamps.
    calendar: String,
    /// The review log's notes and steps, oldest first.
    log: Vec<(String, String)>,
}

fn files(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if entry.file_name() == ".bokseup" {
            continue;
        }
        if path.is_dir() {
            files(root, &path, out);
        } else {
            let rel = path.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            out.insert(rel, std::fs::read(&path).unwrap());
        }
    }
}

fn state(w: &World) -> State {
    let mut notes = BTreeMap::new();
    files(&w.vault, &w.vault, &mut notes);
    let canonical = std::fs::canonicalize(&w.vault).unwrap();
    let key = vault_key(&canonical);
    let store = Store::open(&w.data.join("bokseup.sqlite3")).unwrap();
    let mut index = BTreeMap::new();
    for (path, (stamp, note)) in store.known_notes(&key).unwrap() {
        // An indexed note is the file as it is now (until a scan finds it moved or gone).
        if let Ok(meta) = std::fs::symlink_metadata(canonical.join(&path)) {
            assert_eq!(stamp, Stamp::of(&meta), "{path}: the index is behind the file");
        }
        index.insert(path, (stamp.size, serde_json::to_string(&note).unwrap()));
    }
    let mut history = Vec::new();
    if let Ok(dir) = std::fs::read_dir(w.vault.join(".bokseup/history")) {
        for file in dir.flatten() {
            let device = file.path().file_stem().unwrap().to_string_lossy().into_owned();
            for line in std::fs::read_to_string(file.path()).unwrap().lines() {
                let mut event: serde_json::Value = serde_json::from_str(line).unwrap();
                let id = event["event"].as_str().unwrap().replacen(&device, "DEVICE", 1);
                event["event"] = id.into();
                let at = event["at"].as_str().unwrap()[..16].to_string();
                event["at"] = at.into();
                history.push(event.to_string());
            }
        }
    }
    history.sort();
    let calendar = std::fs::read_to_string(&w.ics)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with("DTSTAMP:"))
        .collect::<Vec<_>>()
        .join("\n");
    let log = store.reviews(&key).unwrap().into_iter().map(|r| (r.path, r.review.step.code().to_string())).collect();
    State { notes, index, history, calendar, log }
}

/// One write, by either route.
#[derive(Debug, Clone, Copy)]
enum Write {
    Review,
    /// The review of a note named as the system writes a path typed in a terminal: `./` first and
    /// the system's separator (`.\네트워크\TCP.md` on Windows).
    ReviewTyped,
    Start,
    Enroll,
    ReviewThenUndo,
}

fn by_window(w: &World, write: Write) {
    let session = window_session(&w.data);
    let now = session.now();
    // The window's first call: the app's vault (remembered), scanned through the index.
    session.start(None, now).unwrap();
    match write {
        Write::Review | Write::ReviewTyped => {
            drop(session.review("네트워크/TCP.md", &ReviewInput::default(), now).unwrap())
        }
        Write::Start => drop(session.start_note("시작 전.md", now).unwrap()),
        Write::Enroll => drop(session.enroll("메모.md", now).unwrap()),
        Write::ReviewThenUndo => {
            session.review("네트워크/TCP.md", &ReviewInput::default(), now).unwrap();
            session.undo(None, now).unwrap();
        }
    }
}

fn by_command_line(w: &World, write: Write) {
    let v = w.vault.to_str().unwrap();
    match write {
        Write::Review => drop(bokseup(w, &["review", v, "네트워크/TCP.md"])),
        Write::ReviewTyped => {
            let typed = format!(".{0}네트워크{0}TCP.md", std::path::MAIN_SEPARATOR);
            drop(bokseup(w, &["review", v, &typed]))
        }
        Write::Start => drop(bokseup(w, &["start", v, "시작 전.md"])),
        Write::Enroll => drop(bokseup(w, &["enroll", v, "메모.md"])),
        Write::ReviewThenUndo => {
            bokseup(w, &["review", v, "네트워크/TCP.md"]);
            bokseup(w, &["undo", v]);
        }
    }
}

#[test]
fn a_write_from_the_terminal_leaves_everything_as_the_window_s_write() {
    let dir = tempfile::tempdir().unwrap();
    for write in [Write::Review, Write::ReviewTyped, Write::Start, Write::Enroll, Write::ReviewThenUndo] {
        let w = world(dir.path());
        let before = state(&w);
        by_window(&w, write);
        let window = state(&w);

        let w = world(dir.path());
        assert_eq!(state(&w), before, "{write:?}: the same world again");
        by_command_line(&w, write);
        let terminal = state(&w);
        assert_eq!(terminal, window, "{write:?}");

        // Not equal by doing nothing: the moved note's history travelled, and each write (but
        // the undone one) shows in the notes, the index and the calendar file.
        assert!(terminal.history.iter().any(|e| e.contains("\"kind\":\"moved\"")), "{write:?}: {:?}", terminal.history);
        assert!(before.index.contains_key("네트워크/UDP.md"));
        assert!(!terminal.index.contains_key("네트워크/UDP.md"), "{write:?}: the index followed the move");
        match write {
            Write::ReviewThenUndo => {
                assert_eq!(terminal.notes, before.notes);
                assert!(terminal.log.is_empty(), "an undone review leaves the log");
            }
            _ => {
                assert_ne!(terminal.notes, before.notes, "{write:?}");
                assert_ne!(terminal.calendar, before.calendar, "{write:?}: the calendar file follows");
            }
        }
        if let Write::Review | Write::ReviewTyped = write {
            assert_eq!(terminal.log, [("네트워크/TCP.md".to_string(), "d1".to_string())]);
            assert!(terminal.index["네트워크/TCP.md"].1.contains("\"d1\":true"), "{:?}", terminal.index);
        }
    }
}

/// A vault whose history file from another device ("phone") graded two cue questions.
fn with_phone_history(root: &Path) -> PathBuf {
    let vault = root.join("공부");
    std::fs::create_dir_all(vault.join(".bokseup/history")).unwrap();
    let note = "---\n⭕첫 학습날: 2024-08-01\n❤1일복습여부: true\n🧡4일복습여부: true\n💛7일복습여부: true\n💚14일복습여부: false\n---\n### 단서 질문\n- DNS란?\n    이름 풀이\n- DNS 포트는?\n    53\n";
    std::fs::write(vault.join("DNS.md"), note).unwrap();
    let line = |n: u32, q: &str, grade: u8| {
        format!("{{\"v\":1,\"kind\":\"answer\",\"event\":\"phone-{n}\",\"at\":\"2024-08-30T09:0{n}:00\",\"note\":\"DNS.md\",\"question\":\"{q}\",\"grade\":{grade},\"source\":\"drill\",\"ms\":4000}}\n")
    };
    let history = line(1, "DNS란?", 3) + &line(2, "DNS 포트는?", 2);
    std::fs::write(vault.join(".bokseup/history/phone.jsonl"), history).unwrap();
    vault
}

#[test]
fn scan_and_weak_read_another_device_s_history() {
    let dir = tempfile::tempdir().unwrap();
    let vault = with_phone_history(dir.path());
    let w = World { vault: vault.clone(), data: dir.path().join("data"), ics: dir.path().join("none.ics") };
    let v = vault.to_str().unwrap();
    bokseup(&w, &["scan", v]);
    // The scan took the phone's answers into the database: with the file gone, `weak` still
    // knows both questions, the one graded 모름 first.
    std::fs::remove_file(vault.join(".bokseup/history/phone.jsonl")).unwrap();
    let out = bokseup(&w, &["weak", v, "--json"]);
    let weak: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let questions: Vec<&str> =
        weak["questions"].as_array().unwrap().iter().map(|q| q["question"].as_str().unwrap()).collect();
    assert_eq!(questions, ["DNS란?", "DNS 포트는?"]);

    // `weak` on a fresh database reads the file itself, like the window's first scan.
    let dir = tempfile::tempdir().unwrap();
    let vault = with_phone_history(dir.path());
    let w = World { vault: vault.clone(), data: dir.path().join("data"), ics: dir.path().join("none.ics") };
    let out = bokseup(&w, &["weak", vault.to_str().unwrap(), "--json"]);
    let weak: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(weak["questions"].as_array().unwrap().len(), 2);

    // A history line from a newer app is kept and reported by `scan`, naming the file.
    let newer = "{\"v\":9,\"kind\":\"answer\",\"event\":\"phone-9\"}\n";
    let file = vault.join(".bokseup/history/phone.jsonl");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str(newer);
    std::fs::write(&file, text).unwrap();
    let out = bokseup(&w, &["scan", vault.to_str().unwrap(), "--json"]);
    let scan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let issues: Vec<&str> = scan["issues"].as_array().unwrap().iter().map(|i| i["path"].as_str().unwrap()).collect();
    assert_eq!(issues, [".bokseup/history/phone.jsonl"], "{scan}");
}

#[test]
fn a_write_to_another_vault_leaves_the_app_s_calendar_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let w = world(&dir.path().join("app"));
    // A second vault, never opened in the window.
    let other = dir.path().join("다른 볼트");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("a.md"), "---\n⭕첫 학습날: 2024-09-01\n❤1일복습여부: false\n---\n").unwrap();
    let before = std::fs::read_to_string(&w.ics).unwrap();
    let o = other.to_str().unwrap();
    bokseup(&w, &["due", o]);
    bokseup(&w, &["review", o, "a.md"]);
    assert_eq!(std::fs::read_to_string(&w.ics).unwrap(), before, "the calendar file is the app's vault's");
    // And the app still opens its own vault.
    let session = window_session(&w.data);
    let opened = session.start(None, session.now()).unwrap();
    assert_eq!(opened.name, "공부");
}
