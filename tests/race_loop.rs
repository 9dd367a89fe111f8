//! The race loop: another program saves a note over and over (in two pieces with a pause, as a
//! slow editor or a sync tool may) while `bokseup review` writes it. After each round the note is
//! exactly the other program's last version, or a correct review of it: never half of one, never
//! a review of a half-saved note; the review log agrees with what the command said; and a review
//! note is never taken for a plain note.
//!
//! `BOKSEUP_RACE_LOOPS` sets the number of rounds (12 by default).

use bokseup_core::journal::{self, ReviewInput};
use bokseup_core::store::Store;
use chrono::{NaiveDate, NaiveDateTime};
use std::io::Write;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_bokseup-app");
const DAY: &str = "2024-08-26";
const TIME: &str = "09:00";

/// Version `v` of the note as the other program saves it: the same review note, a new body.
fn version(v: usize) -> Vec<u8> {
    let body: String = (0..300).map(|l| format!("- 판 {v}의 {l}번째 줄\n")).collect();
    format!("---\n⭕첫 학습날: 2024-08-25\n❤1일복습여부: false\n🧡4일복습여부: false\n복습: 1일 복습\n---\n### 단서 질문\n- 질문?\n    답\n{body}")
        .into_bytes()
}

fn reviewed(before: &[u8]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("n.md"), before).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let day: NaiveDate = DAY.parse().unwrap();
    let now = NaiveDateTime::parse_from_str(&format!("{DAY} {TIME}"), "%Y-%m-%d %H:%M").unwrap();
    journal::review(&mut store, dir.path(), "n.md", &ReviewInput::default(), day, now).expect("a correct review");
    std::fs::read(dir.path().join("n.md")).unwrap()
}

#[test]
fn reviews_raced_by_another_writer_never_mix_or_lose_its_bytes() {
    let rounds: usize = std::env::var("BOKSEUP_RACE_LOOPS").ok().and_then(|s| s.parse().ok()).unwrap_or(12);
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    let data = dir.path().join("data");
    std::fs::create_dir(&vault).unwrap();
    let note = vault.join("노트.md");
    let key = || std::fs::canonicalize(&vault).unwrap().to_string_lossy().into_owned();
    let (mut reviewed_rounds, mut refused_rounds, mut logged) = (0, 0, 0);
    let started = Instant::now();
    for round in 0..rounds {
        std::fs::write(&note, version(0)).unwrap();
        let last = AtomicUsize::new(0);
        let stop = AtomicBool::new(false);
        let outcome = std::thread::scope(|scope| {
            // The other program: saves versions 1, 2, … in two pieces with a pause between.
            let writer = scope.spawn(|| {
                let mut v = 0;
                while !stop.load(Ordering::Relaxed) && v < 6 {
                    v += 1;
                    let bytes = version(v);
                    let (a, b) = bytes.split_at(bytes.len() / 2);
                    let mut file = std::fs::File::create(&note).unwrap();
                    file.write_all(a).unwrap();
                    std::thread::sleep(Duration::from_millis(40 + (round as u64 * 37) % 80));
                    file.write_all(b).unwrap();
                    drop(file);
                    last.store(v, Ordering::Relaxed);
                    std::thread::sleep(Duration::from_millis((round as u64 * 53) % 150));
                }
            });
            std::thread::sleep(Duration::from_millis((round as u64 * 29) % 200));
            let output = Command::new(BIN)
                .args(["review", vault.to_str().unwrap(), "노트.md", "--date", DAY, "--time", TIME])
                .arg("--data")
                .arg(&data)
                .output()
                .unwrap();
            stop.store(true, Ordering::Relaxed);
            writer.join().unwrap();
            output
        });
        let now = std::fs::read(&note).unwrap();
        let last = last.load(Ordering::Relaxed);
        let err = String::from_utf8_lossy(&outcome.stderr).into_owned();
        assert!(!err.contains("복습 노트가 아닙니다"), "round {round}: a review note taken for a plain note: {err}");
        if outcome.status.success() {
            reviewed_rounds += 1;
            logged += 1;
        } else {
            refused_rounds += 1;
            // A refusal says the note was being saved or changed: nothing else.
            assert!(
                err.contains("저장하는 중입니다") || err.contains("다른 프로그램이 바꿨습니다"),
                "round {round}: {err}"
            );
        }
        // Exactly the writer's last version, or a correct review of a whole version.
        let whole_review = (0..=last).any(|v| now == reviewed(&version(v)));
        assert!(
            now == version(last) || whole_review,
            "round {round}: the note is neither version {last} nor a review of a whole version:\n{}",
            String::from_utf8_lossy(&now)
        );
        let store = Store::open(&data.join("bokseup.sqlite3")).unwrap();
        assert_eq!(store.reviews(&key()).unwrap().len(), logged, "round {round}: the log agrees with the command");
        for entry in std::fs::read_dir(&vault).unwrap().flatten() {
            assert!(!entry.file_name().to_string_lossy().ends_with(".tmp"), "round {round}: a temporary file was left");
        }
    }
    println!(
        "race loop: {rounds} rounds in {:.1} s: {reviewed_rounds} reviews written, {refused_rounds} refused",
        started.elapsed().as_secs_f64()
    );
}
