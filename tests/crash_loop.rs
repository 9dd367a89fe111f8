//! The crash loop: a stream of `bokseup review` processes, each killed (SIGKILL) at a random
//! moment or left to finish. After each, once the next start has reconciled the journal, every
//! note is exactly its bytes before or after a correct review, the review log agrees with the
//! files, and no temporary file is left in the vault.
//!
//! `BOKSEUP_CRASH_LOOPS` sets the number of rounds (120 by default); the seed is printed so a
//! failure can be replayed with `BOKSEUP_SEED`.

use bokseup_core::journal::{self, ReviewInput};
use bokseup_core::store::Store;
use chrono::{NaiveDate, NaiveDateTime};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_bokseup-app");
const NOTES: usize = 6;
const TIME: &str = "21:30";

/// xorshift64*: enough randomness for kill times, replayable from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// Seed from the environment, or the clock.
pub fn seed() -> u64 {
    std::env::var("BOKSEUP_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64) | 1
    })
}

fn note_text(i: usize) -> String {
    let body: String = (0..400).map(|l| format!("- 노트 {i}의 {l}번째 줄, 복습 내용을 길게 적어 둡니다\n")).collect();
    format!("---\n⭕첫 학습날: 2024-08-25\n❤1일복습여부: false\n🧡4일복습여부: false\n💛7일복습여부: false\n💚14일복습여부: false\n🧠장기기억: false\n복습: 1일 복습\n진행바: ⬜ 0%\n---\n### 단서 질문\n- 질문 {i}?\n    답\n{body}")
}

/// The review day of round `n`: one a day, so every review writes a new `🔁마지막복습`.
fn day(n: usize) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 9, 30).unwrap() + chrono::Days::new(n as u64)
}

/// The bytes a correct review of `before` gives on `day` at the loop's time, computed in a
/// scratch vault through the same journal.
fn reviewed(before: &[u8], day: NaiveDate) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("v");
    std::fs::create_dir(&vault).unwrap();
    std::fs::write(vault.join("n.md"), before).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let now = NaiveDateTime::parse_from_str(&format!("{day} {TIME}"), "%Y-%m-%d %H:%M").unwrap();
    let early = ReviewInput { early: true, ..ReviewInput::default() };
    journal::review(&mut store, &vault, "n.md", &early, day, now).expect("a correct review");
    std::fs::read(vault.join("n.md")).unwrap()
}

/// Makes every note look untouched for a minute, as notes between reviews are: the app would
/// otherwise wait for a just-written note to be still before writing it again.
pub fn backdate(vault: &Path) {
    let then = std::time::SystemTime::now() - Duration::from_secs(60);
    for entry in std::fs::read_dir(vault).unwrap().flatten() {
        if entry.path().extension().is_some_and(|e| e == "md") {
            std::fs::File::options().write(true).open(entry.path()).unwrap().set_modified(then).unwrap();
        }
    }
}

fn temp_files(vault: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(vault)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().ends_with(".tmp")))
        .collect()
}

#[test]
fn killed_reviews_leave_every_note_whole_and_the_log_true() {
    let rounds: usize = std::env::var("BOKSEUP_CRASH_LOOPS").ok().and_then(|s| s.parse().ok()).unwrap_or(120);
    let seed = seed();
    println!("crash loop: {rounds} rounds, BOKSEUP_SEED={seed}");
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    let data = dir.path().join("data");
    std::fs::create_dir(&vault).unwrap();
    let mut current: Vec<Vec<u8>> = (0..NOTES).map(|i| note_text(i).into_bytes()).collect();
    for (i, bytes) in current.iter().enumerate() {
        std::fs::write(vault.join(format!("{i}.md")), bytes).unwrap();
    }
    backdate(&vault);
    let key = std::fs::canonicalize(&vault).unwrap().to_string_lossy().into_owned();
    let (mut killed, mut finished, mut logged) = (0, 0, 0);
    let started = Instant::now();
    for round in 0..rounds {
        let i = (rng.next() % NOTES as u64) as usize;
        let before = current[i].clone();
        let after = reviewed(&before, day(round));
        assert_ne!(after, before, "every round's review changes the note");
        let mut child = Command::new(BIN)
            .args(["review", vault.to_str().unwrap(), &format!("{i}.md"), "--date", &day(round).to_string()])
            .args(["--time", TIME, "--early"])
            .arg("--data")
            .arg(&data)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill somewhere in the process's life (start-up takes some tens of ms), or never.
        let delay = Duration::from_micros(rng.next() % 150_000);
        let spawned = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break Some(status);
            }
            if spawned.elapsed() >= delay {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_micros(200));
        };
        match status {
            Some(_) => finished += 1,
            None => killed += 1,
        }
        // The next start settles what the kill left.
        let mut store = Store::open(&data.join("bokseup.sqlite3")).unwrap();
        journal::reconcile(&mut store).unwrap();
        let now = std::fs::read(vault.join(format!("{i}.md"))).unwrap();
        assert!(
            now == before || now == after,
            "round {round} (seed {seed}): {i}.md is neither before nor after a correct review:\n{}",
            String::from_utf8_lossy(&now)
        );
        if now != before {
            logged += 1;
        }
        current[i] = now;
        // The log agrees with the files: one completed review per change seen.
        assert_eq!(store.reviews(&key).unwrap().len(), logged, "round {round} (seed {seed})");
        assert!(temp_files(&vault).is_empty(), "round {round}: {:?}", temp_files(&vault));
        for (j, bytes) in current.iter().enumerate() {
            assert_eq!(&std::fs::read(vault.join(format!("{j}.md"))).unwrap(), bytes, "round {round}: {j}.md");
        }
        backdate(&vault);
    }
    println!(
        "crash loop: {rounds} rounds in {:.1} s: {killed} killed, {finished} finished, {logged} reviews written",
        started.elapsed().as_secs_f64()
    );
    assert!(killed > 0 && logged > 0, "the loop must both kill and complete reviews");
}
