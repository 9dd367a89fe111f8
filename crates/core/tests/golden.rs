//! Golden tests of every kind of write (REVIEW-MODEL.md section 3), through the real journal: a
//! temp vault, a SQLite file, the atomic replace. Each case runs on four encodings of its input
//! (LF, CRLF, BOM, BOM + CRLF) and must give exactly the expected bytes in the same encoding.
//!
//! The expected files are `tests/fixtures/golden/expected/*.md` (LF, no BOM). `BLESS=1 cargo test
//! -p bokseup-core --test golden` rewrites them; review every diff before committing.

use bokseup_core::journal::{self, Grade, ReviewInput};
use bokseup_core::store::Store;
use chrono::{NaiveDate, NaiveDateTime};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy)]
enum Action {
    Review,
    LongTerm,
    Start,
    Enroll,
}

const CASES: &[(&str, &str, Action, &str)] = &[
    ("review-d1", "seed-00000", Action::Review, "2024-08-26 09:15"),
    ("review-d4", "seed-10000", Action::Review, "2024-08-29 14:01"),
    ("review-d7", "seed-11000", Action::Review, "2024-09-01 20:00"),
    ("review-d14", "seed-11100", Action::Review, "2024-09-08 07:30"),
    ("review-early", "seed-00000", Action::Review, "2024-08-25 23:00"),
    ("review-late-catch-up", "seed-10000", Action::Review, "2024-09-10 12:00"),
    ("review-extra", "seed-11110", Action::Review, "2024-09-24 18:45"),
    ("review-extra-again", "seed-11110-last", Action::Review, "2024-10-24 00:30"),
    ("long-term-at-d14", "seed-11100", Action::LongTerm, "2024-09-08 22:10"),
    ("long-term-extra", "seed-11110", Action::LongTerm, "2024-09-24 12:00"),
    ("review-sparse", "sparse", Action::Review, "2024-08-29 10:00"),
    ("start", "not-started", Action::Start, "2024-11-01 08:00"),
    ("enroll", "plain", Action::Enroll, "2024-11-01 08:00"),
    ("enroll-no-frontmatter", "plain-no-frontmatter", Action::Enroll, "2024-11-01 08:00"),
    ("enroll-no-final-newline", "plain-no-final-newline", Action::Enroll, "2024-11-01 08:00"),
];

fn golden() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/golden")
}

fn encode(text: &str, crlf: bool, bom: bool) -> Vec<u8> {
    let body = if crlf { text.replace('\n', "\r\n") } else { text.to_string() };
    let mut bytes = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
    bytes.extend_from_slice(body.as_bytes());
    bytes
}

fn run(action: Action, input: &[u8], when: &str) -> Result<Vec<u8>, String> {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    std::fs::create_dir_all(vault.join("AWS")).unwrap();
    std::fs::write(vault.join("AWS/노트.md"), input).unwrap();
    // The note was written a moment ago: no need to wait for it to be still.
    let mut store = Store::open(&dir.path().join("bokseup.sqlite3")).unwrap().with_quiet(std::time::Duration::ZERO);
    let now = NaiveDateTime::parse_from_str(when, "%Y-%m-%d %H:%M").unwrap();
    let today: NaiveDate = now.date();
    let rel = "AWS/노트.md";
    // "review-early" reviews on day 0: an early review the user confirmed.
    let input_for = |long_term| ReviewInput {
        grades: vec![Grade::Remembered, Grade::Forgot],
        seconds: 95,
        long_term,
        seen: None,
        early: true,
        answer_ms: Vec::new(),
    };
    let result = match action {
        Action::Review => journal::review(&mut store, &vault, rel, &input_for(false), today, now),
        Action::LongTerm => journal::review(&mut store, &vault, rel, &input_for(true), today, now),
        Action::Start => journal::start(&mut store, &vault, rel, today, now),
        Action::Enroll => journal::enroll(&mut store, &vault, rel, today, now),
    };
    result.map_err(|e| e.to_string())?;
    let after = std::fs::read(vault.join(rel)).unwrap();
    // Undo gives back the input, byte for byte.
    journal::undo(&mut store, &vault, 0).unwrap();
    assert_eq!(std::fs::read(vault.join(rel)).unwrap(), input, "undo must restore the original bytes");
    Ok(after)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_write_is_byte_exact_in_every_encoding() {
    let bless = std::env::var_os("BLESS").is_some();
    let mut checked = 0;
    for (name, input, action, when) in CASES {
        let input_text = read(&golden().join(format!("input/{input}.md")));
        let expected_path = golden().join(format!("expected/{name}.md"));
        if bless {
            let out = run(*action, input_text.as_bytes(), when).unwrap();
            std::fs::write(&expected_path, out).unwrap();
        }
        let expected = read(&expected_path);
        for (crlf, bom) in [(false, false), (true, false), (false, true), (true, true)] {
            let got = run(*action, &encode(&input_text, crlf, bom), when).unwrap_or_else(|e| panic!("{name}: {e}"));
            let want = encode(&expected, crlf, bom);
            assert!(
                got == want,
                "{name} (crlf {crlf}, bom {bom}):\n--- got\n{}\n--- want\n{}",
                String::from_utf8_lossy(&got),
                String::from_utf8_lossy(&want)
            );
            checked += 1;
        }
    }
    assert_eq!(checked, CASES.len() * 4);
}

#[test]
fn refused_writes_leave_the_note_alone() {
    let seed = read(&golden().join("input/seed-11111.md"));
    let err = run(Action::Review, seed.as_bytes(), "2024-10-27 14:01").unwrap_err();
    assert!(err.contains("장기기억"), "{err}");
    let started = read(&golden().join("input/seed-10000.md"));
    assert!(run(Action::Start, started.as_bytes(), "2024-10-27 14:01").unwrap_err().contains("이미 학습을 시작"));
    assert!(run(Action::Enroll, started.as_bytes(), "2024-10-27 14:01").unwrap_err().contains("이미 복습 노트"));
    assert!(run(Action::LongTerm, started.as_bytes(), "2024-08-29 14:01").unwrap_err().contains("14일 복습부터"));
}
