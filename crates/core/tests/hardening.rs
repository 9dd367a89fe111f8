//! Regression tests of issue 7's findings, each on real files and a real SQLite database: notes
//! that stalled the scan, reviews of a step the user never saw, a note cut in half by a paused
//! writer, messages that misled, `.md` entries that vanished silently, and a journal that grew
//! without bound.

use bokseup_core::error::{Error, ErrorCode};
use bokseup_core::journal::{self, ReviewInput, Seen};
use bokseup_core::note::Note;
use bokseup_core::schedule::Step;
use bokseup_core::store::Store;
use bokseup_core::vault;
use chrono::NaiveDateTime;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const NOTE: &str = "---\n⭕첫 학습날: 2024-08-25\n❤1일복습여부: false\n🧡4일복습여부: false\n💛7일복습여부: false\n💚14일복습여부: false\n🧠장기기억: false\n---\n### 단서 질문\n- 질문?\n    답\n";

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

struct Vault {
    dir: tempfile::TempDir,
    path: PathBuf,
}

impl Vault {
    fn new(files: &[(&str, &str)]) -> Vault {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault");
        std::fs::create_dir_all(&path).unwrap();
        for (name, text) in files {
            std::fs::write(path.join(name), text).unwrap();
        }
        Vault { dir, path }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("data/bokseup.sqlite3")
    }

    /// A store on this vault's database that waits `quiet` for notes to be still.
    fn store(&self, quiet: Duration) -> Store {
        Store::open(&self.db()).unwrap().with_quiet(quiet)
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path.join(name)).unwrap()
    }
}

fn review(store: &mut Store, vault: &Path, rel: &str, input: &ReviewInput, when: &str) -> Result<String, Error> {
    let now = at(when);
    journal::review(store, vault, rel, input, now.date(), now).map(|w| w.note.stage.unwrap_or_default().to_string())
}

/// Finding 1: one note with deeply nested collections stalled the scan for minutes.
#[test]
fn nesting_bombs_cannot_stall_the_scan() {
    let flow = format!("---\na: {}{}\n---\n", "[".repeat(200_000), "]".repeat(200_000));
    let map = format!("---\na: {}1{}\n---\n", "{a: ".repeat(50_000), "}".repeat(50_000));
    let small_flow = format!("---\na: {}{}\n---\n", "[".repeat(20_000), "]".repeat(20_000));
    let v = Vault::new(&[("flow.md", &flow), ("map.md", &map), ("small flow.md", &small_flow), ("ok.md", NOTE)]);
    let started = Instant::now();
    let scan = vault::scan(&v.path).unwrap();
    let elapsed = started.elapsed();
    let issues: Vec<(&str, &str)> = scan.issues.iter().map(|i| (i.path.as_str(), i.message.as_str())).collect();
    assert_eq!(issues.len(), 3, "{issues:#?}");
    assert!(issues[0].1.starts_with("머리말이 너무 큽니다 (390 KB, 최대 256 KB)"), "{issues:?}");
    assert!(issues[1].1.starts_with("머리말이 2행에서 32단계 넘게 중첩되어 있습니다"), "{issues:?}");
    assert!(issues[2].1.starts_with("머리말이 2행에서 32단계 넘게 중첩되어 있습니다"), "{issues:?}");
    assert_eq!(scan.notes.len(), 1);
    // 1.2 MB of bombs: a few milliseconds per kilobyte at most (it took 75 s before).
    let kb = (flow.len() + map.len() + small_flow.len()) as f64 / 1024.0;
    assert!(elapsed.as_secs_f64() * 1000.0 / kb < 3.0, "{elapsed:?} for {kb:.0} KB");
}

/// Aliases that expand a billion times, and a note too large to be one, are refused at once.
#[test]
fn alias_bombs_and_huge_files_are_refused_quickly() {
    let mut laughs =
        String::from("---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    let mut previous = 'a';
    for name in "bcdefghi".chars() {
        laughs.push_str(&format!("{name}: &{name} [{}]\n", vec![format!("*{previous}"); 9].join(",")));
        previous = name;
    }
    laughs.push_str("---\n");
    let v = Vault::new(&[("laughs.md", &laughs)]);
    let huge = std::fs::File::create(v.path.join("huge.md")).unwrap();
    huge.set_len(80 << 20).unwrap(); // sparse: nothing is written
    let started = Instant::now();
    let scan = vault::scan(&v.path).unwrap();
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    let issues: Vec<(&str, &str)> = scan.issues.iter().map(|i| (i.path.as_str(), i.message.as_str())).collect();
    assert_eq!(issues[0].0, "huge.md");
    assert!(issues[0].1.starts_with("노트가 너무 큽니다 (80 MB, 최대 64 MB)"), "{issues:?}");
    assert_eq!(issues[1].0, "laughs.md");
    assert!(issues[1].1.contains("별칭(*)이 너무 많이 펼쳐집니다"), "{issues:?}");
}

/// Finding 2: two reviews on one day marked D1 and D4 on day 1.
#[test]
fn a_second_review_the_same_day_is_not_a_step_the_user_never_saw() {
    let v = Vault::new(&[("노트.md", NOTE)]);
    let mut store = v.store(Duration::ZERO);
    assert_eq!(
        review(&mut store, &v.path, "노트.md", &ReviewInput::default(), "2024-08-26 09:00").unwrap(),
        "4일 복습"
    );
    let second = review(&mut store, &v.path, "노트.md", &ReviewInput::default(), "2024-08-26 21:00").unwrap_err();
    assert_eq!(second.code(), ErrorCode::NotDue);
    assert_eq!(
        second.to_string(),
        "노트.md: 4일 복습은(는) 2024-08-29에 할 차례입니다 (3일 뒤). 미리 복습으로 기록하려면 한 번 더 확인하세요"
    );
    assert!(v.read("노트.md").contains("🧡4일복습여부: false"));
    // Said explicitly, an early review is recorded.
    let early = ReviewInput { early: true, ..ReviewInput::default() };
    assert_eq!(review(&mut store, &v.path, "노트.md", &early, "2024-08-26 21:05").unwrap(), "7일 복습");
}

/// Finding 2: the app's review carries what the user saw; another device got there first.
#[test]
fn a_review_of_a_state_that_moved_is_refused_with_the_new_state() {
    let v = Vault::new(&[("노트.md", NOTE)]);
    let mut store = v.store(Duration::ZERO);
    let flags = Note::parse("노트.md", NOTE.as_bytes()).unwrap().flags;
    let seen = ReviewInput { seen: Some(Seen { step: Step::D1, flags }), ..ReviewInput::default() };
    // Another device marks the 1-day review while the user answers.
    std::fs::write(v.path.join("노트.md"), NOTE.replace("❤1일복습여부: false", "❤1일복습여부: true")).unwrap();
    let before = v.read("노트.md");
    let err = review(&mut store, &v.path, "노트.md", &seen, "2024-08-26 09:00").unwrap_err();
    assert_eq!(err.code(), ErrorCode::AlreadyReviewed);
    assert_eq!(
        err.to_string(),
        "노트.md: 이미 다른 곳에서 복습했습니다. 지금 이 노트는 4일 복습 · 2024-08-29 예정입니다. 아무것도 쓰지 않았습니다"
    );
    assert_eq!(v.read("노트.md"), before);
}

/// Finding 2: two `bokseup review` of the same note at once both succeeded in 19 of 50 runs.
#[test]
fn concurrent_reviews_record_one_step() {
    for round in 0..30 {
        let v = Vault::new(&[("노트.md", NOTE)]);
        let results: Vec<Result<String, ErrorCode>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..2)
                .map(|_| {
                    let (db, vault) = (v.db(), v.path.clone());
                    scope.spawn(move || {
                        let mut store = Store::open(&db).unwrap().with_quiet(Duration::ZERO);
                        review(&mut store, &vault, "노트.md", &ReviewInput::default(), "2024-08-26 09:00")
                            .map_err(|e| e.code())
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let ok = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(ok, 1, "round {round}: {results:?}");
        assert!(results.contains(&Err(ErrorCode::NotDue)), "round {round}: {results:?}");
        let text = v.read("노트.md");
        assert!(text.contains("❤1일복습여부: true") && text.contains("🧡4일복습여부: false"), "round {round}:\n{text}");
    }
}

/// Finding 3: a writer paused half-way; the review read the half and replaced the note.
#[test]
fn a_paused_writer_is_waited_for() {
    let body: String = (0..2000).map(|i| format!("- 줄 {i}\n")).collect();
    let full = format!("{NOTE}{body}");
    let v = Vault::new(&[("노트.md", NOTE)]);
    let path = v.path.join("노트.md");
    let mut store = v.store(Duration::from_millis(300));
    let (half, rest) = full.as_bytes().split_at(full.len() / 2);
    std::thread::scope(|scope| {
        let writer = scope.spawn(|| {
            use std::io::Write;
            let mut file = std::fs::File::create(&path).unwrap();
            file.write_all(half).unwrap();
            file.flush().unwrap();
            std::thread::sleep(Duration::from_millis(200));
            file.write_all(rest).unwrap();
        });
        std::thread::sleep(Duration::from_millis(50));
        // The review comes while the writer pauses.
        review(&mut store, &v.path, "노트.md", &ReviewInput::default(), "2024-08-26 09:00").unwrap();
        writer.join().unwrap();
    });
    let text = v.read("노트.md");
    assert!(text.contains("❤1일복습여부: true"), "{text}");
    assert!(text.ends_with(&body), "the writer's whole body is there");
}

/// Issue 17's probe: another program truncates the note, writes half of it, holds it open for
/// 4 s (a sync client or an editor on a slow or network disk), then writes the rest, while a
/// review runs. The review waits for the save to end and records over the whole note (before,
/// it read the half after a second of stillness and replaced the note: 1,616 of 3,000 body
/// lines were gone).
#[cfg(target_os = "linux")]
#[test]
fn a_save_paused_for_seconds_with_the_note_open_is_not_cut_short() {
    let body: String = (0..3000).map(|i| format!("- 줄 {i}\n")).collect();
    let full = format!("{NOTE}{body}");
    let v = Vault::new(&[("노트.md", NOTE)]);
    let path = v.path.join("노트.md");
    let (half, rest) = full.as_bytes().split_at(full.len() / 2);
    let parts = tempfile::tempdir().unwrap();
    std::fs::write(parts.path().join("half"), half).unwrap();
    std::fs::write(parts.path().join("rest"), rest).unwrap();
    let mut writer = std::process::Command::new("sh")
        .args(["-c", r#"exec 3>"$1"; cat "$2" >&3; sleep 4; cat "$3" >&3"#, "sh"])
        .arg(&path)
        .args([parts.path().join("half"), parts.path().join("rest")])
        .spawn()
        .unwrap();
    let started = Instant::now();
    while std::fs::metadata(&path).map(|m| m.len()).ok() != Some(half.len() as u64) {
        assert!(started.elapsed() < Duration::from_secs(3), "the writer began");
        std::thread::sleep(Duration::from_millis(10));
    }
    // The review comes while the writer pauses with the note half-written and open.
    let mut store = v.store(Duration::from_secs(1));
    review(&mut store, &v.path, "노트.md", &ReviewInput::default(), "2024-08-26 09:00").unwrap();
    assert!(writer.wait().unwrap().success());
    let text = v.read("노트.md");
    assert!(text.contains("❤1일복습여부: true"), "the review was recorded");
    assert!(text.ends_with(&body), "the writer's whole body is there");
    assert_eq!(text.lines().filter(|l| l.starts_with("- 줄 ")).count(), 3000);
}

/// A note held open for writing by a program that never lets go is reported as being saved
/// (within the bounded wait), and nothing is written.
#[cfg(target_os = "linux")]
#[test]
fn a_note_held_open_for_writing_is_busy_and_untouched() {
    let v = Vault::new(&[("노트.md", NOTE)]);
    let path = v.path.join("노트.md");
    let _held = std::fs::OpenOptions::new().append(true).open(&path).unwrap();
    // Still for longer than the quiet period: only the open writer says a save is under way.
    std::thread::sleep(Duration::from_millis(150));
    assert!(vault::being_written(&path));
    let mut store = v.store(Duration::from_millis(100));
    let err = review(&mut store, &v.path, "노트.md", &ReviewInput::default(), "2024-08-26 09:00").unwrap_err();
    assert_eq!(err.code(), ErrorCode::Busy);
    assert_eq!(v.read("노트.md"), NOTE);
    drop(_held);
    assert!(!vault::being_written(&path));
    review(&mut store, &v.path, "노트.md", &ReviewInput::default(), "2024-08-26 09:00").unwrap();
}

/// Finding 3: a note that keeps changing is reported as being saved, never taken half-way.
#[test]
fn a_note_that_never_settles_is_busy() {
    let v = Vault::new(&[("노트.md", NOTE)]);
    let path = v.path.join("노트.md");
    // The writer saves every 20 ms; the quiet period must be far longer than any pause a loaded
    // machine gives that thread (at 100 ms, one 100 ms stall in the second of patience let the
    // review read the note, and the test failed once under load).
    let mut store = v.store(Duration::from_millis(400));
    let stop = std::sync::atomic::AtomicBool::new(false);
    let err = std::thread::scope(|scope| {
        scope.spawn(|| {
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                std::fs::write(&path, NOTE).unwrap();
                std::thread::sleep(Duration::from_millis(20));
            }
        });
        let err = review(&mut store, &v.path, "노트.md", &ReviewInput::default(), "2024-08-26 09:00").unwrap_err();
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        err
    });
    assert_eq!(err.code(), ErrorCode::Busy);
    assert!(err.to_string().starts_with("노트.md: 다른 프로그램이 이 노트를 저장하는 중입니다"), "{err}");
}

/// Finding 3: a scan while another program saves a review note (truncated, then written) never
/// calls it a plain note or a broken one.
#[test]
fn a_scan_during_a_save_waits_for_the_note() {
    let v = Vault::new(&[]);
    let path = v.path.join("노트.md");
    // The save has just truncated the note and paused.
    std::fs::write(&path, "").unwrap();
    let scan = std::thread::scope(|scope| {
        let scan = scope.spawn(|| vault::scan(&v.path).unwrap());
        std::thread::sleep(Duration::from_millis(300));
        std::fs::write(&path, NOTE).unwrap();
        scan.join().unwrap()
    });
    assert!(scan.issues.is_empty(), "{:?}", scan.issues);
    assert_eq!(scan.notes.len(), 1);
    assert_eq!(scan.notes[0].kind, bokseup_core::note::Kind::Review);
}

/// Finding 4: a deleted note gave "파일을 읽을 수 없습니다: No such file or directory".
#[test]
fn a_deleted_note_is_named_and_explained() {
    let v = Vault::new(&[("노트.md", NOTE)]);
    let mut store = v.store(Duration::ZERO);
    std::fs::remove_file(v.path.join("노트.md")).unwrap();
    let err = review(&mut store, &v.path, "노트.md", &ReviewInput::default(), "2024-08-26 09:00").unwrap_err();
    let message = err.to_string();
    assert!(message.contains("노트.md") && message.contains("파일이 없습니다: 옮겨졌거나 지워졌습니다"), "{message}");
    assert!(!message.contains("No such file"), "{message}");
}

/// Finding 4: write failures came back as raw English OS messages.
#[test]
fn a_write_failure_is_said_in_korean() {
    let v = Vault::new(&[("노트.md", NOTE)]);
    let mut store = v.store(Duration::ZERO);
    let fault = |_| Err(std::io::Error::from(std::io::ErrorKind::StorageFull));
    let now = at("2024-08-26 09:00");
    let err = journal::review_with(&mut store, &v.path, "노트.md", &ReviewInput::default(), now.date(), now, &fault)
        .unwrap_err()
        .to_string();
    assert!(err.ends_with("노트.md에 쓸 수 없습니다: 저장 공간이 부족합니다: 공간을 비운 뒤 다시 시도하세요"), "{err}");
    assert_eq!(v.read("노트.md"), NOTE);
}

/// Finding 5: `.md` entries that are links, pipes or sockets vanished from the scan.
#[test]
fn special_md_entries_are_listed_with_why() {
    let v = Vault::new(&[("노트.md", NOTE)]);
    let outside = v.dir.path().join("밖.md");
    std::fs::write(&outside, NOTE).unwrap();
    std::os::unix::fs::symlink(&outside, v.path.join("링크.md")).unwrap();
    let fifo = std::ffi::CString::new(v.path.join("파이프.md").to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    let _socket = std::os::unix::net::UnixListener::bind(v.path.join("소켓.md")).unwrap();
    let started = Instant::now();
    let scan = vault::scan(&v.path).unwrap();
    assert!(started.elapsed() < Duration::from_secs(5), "a pipe must not block the scan");
    let issues: Vec<(&str, &str)> = scan.issues.iter().map(|i| (i.path.as_str(), i.message.as_str())).collect();
    assert_eq!(issues.len(), 3, "{issues:#?}");
    assert!(issues[0].0 == "링크.md" && issues[0].1.starts_with("심볼릭 링크라 읽지 않았습니다"), "{issues:?}");
    assert!(issues[1].0 == "소켓.md" && issues[1].1.starts_with("소켓이라"), "{issues:?}");
    assert!(issues[2].0 == "파이프.md" && issues[2].1.starts_with("이름 있는 파이프(FIFO)라"), "{issues:?}");
    assert_eq!(scan.notes.len(), 1);
    // Reading one for a review is refused the same way, without blocking.
    let err = vault::read_note(&v.path.join("파이프.md")).unwrap_err();
    assert_eq!(err.code(), ErrorCode::SpecialFile);
}

/// Finding 6: two reviews of a 50 MB note made a 301 MB database.
#[test]
fn the_journal_stays_small_for_a_large_note() {
    let big = format!("{NOTE}{}", "가나다라마바사아자차카타파하\n".repeat(50 * 1024 * 1024 / 43));
    let v = Vault::new(&[("큰 노트.md", &big)]);
    let mut store = v.store(Duration::ZERO);
    review(&mut store, &v.path, "큰 노트.md", &ReviewInput::default(), "2024-08-26 09:00").unwrap();
    review(&mut store, &v.path, "큰 노트.md", &ReviewInput::default(), "2024-08-29 09:00").unwrap();
    drop(store);
    let size: u64 =
        std::fs::read_dir(v.db().parent().unwrap()).unwrap().map(|e| e.unwrap().metadata().unwrap().len()).sum();
    assert!(size < 1024 * 1024, "the database folder holds {size} bytes");
    // Undo still restores the exact bytes, twice.
    let mut store = v.store(Duration::ZERO);
    journal::undo(&mut store, &v.path, 0).unwrap();
    journal::undo(&mut store, &v.path, 0).unwrap();
    assert!(v.read("큰 노트.md") == big);
}

/// Finding 6: temporary files left by a crash were never removed.
#[test]
fn a_crash_leftover_is_removed_at_the_next_start() {
    use bokseup_core::journal::Delta;
    use bokseup_core::store::{Action, EditRow, EditState};
    let v = Vault::new(&[("노트.md", NOTE)]);
    let mut store = v.store(Duration::ZERO);
    // What a process killed between writing its temporary file and the rename leaves: a pending
    // journal row, and the temporary file beside the note.
    let row = EditRow {
        id: 0,
        vault: std::fs::canonicalize(&v.path).unwrap().to_string_lossy().into_owned(),
        path: "노트.md".into(),
        action: Action::Review,
        made_at: "2024-08-26T09:00:00".parse().unwrap(),
        delta: Delta::between(NOTE.as_bytes(), b"after"),
        state: EditState::Pending,
    };
    store.begin_edit(&row, None).unwrap();
    let leftover = v.path.join(".노트.md.bokseup-4242-0.tmp");
    std::fs::write(&leftover, "half").unwrap();
    drop(store);
    let mut store = v.store(Duration::ZERO);
    assert_eq!(journal::reconcile(&mut store).unwrap(), 1);
    assert!(!leftover.exists());
    assert_eq!(v.read("노트.md"), NOTE);
    assert!(vault::scan(&v.path).unwrap().issues.is_empty());
}
