//! The fixture vaults of `tests/fixtures`: every variation of REVIEW-MODEL.md section 4, and a
//! vault of broken notes, each reported without stopping the scan.

use bokseup_core::agenda::{Agenda, NoteSummary};
use bokseup_core::schedule::Status;
use bokseup_core::vault;
use chrono::NaiveDate;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(name)
}

fn today() -> NaiveDate {
    "2024-10-27".parse().unwrap()
}

fn summaries(name: &str) -> Vec<NoteSummary> {
    let scan = vault::scan(&fixture(name)).unwrap();
    let agenda = Agenda::new(&scan, today());
    let notes: Vec<NoteSummary> = agenda.notes().into_iter().cloned().collect();
    assert_eq!((agenda.len(), agenda.is_empty()), (notes.len(), notes.is_empty()), "the count without the list");
    assert_eq!(notes.len(), scan.notes.len(), "every note, in one group");
    notes
}

fn get<'a>(notes: &'a [NoteSummary], path: &str) -> &'a NoteSummary {
    notes.iter().find(|n| n.path == path).unwrap_or_else(|| panic!("{path} not scanned"))
}

fn d(s: &str) -> Option<NaiveDate> {
    Some(s.parse().unwrap())
}

#[test]
fn seed_note_on_its_export_day() {
    let notes = summaries("variations");
    let ami = get(&notes, "AMI.md");
    assert_eq!(ami.day0, d("2024-08-25"));
    assert_eq!(ami.days_since, Some(63));
    assert_eq!(ami.status, Some(Status::LongTerm));
    assert_eq!(ami.progress, Some(1.0));
    assert_eq!(ami.next_due, None);
    assert_eq!(ami.cues, 5);
}

#[test]
fn day0_from_fallback_keys() {
    let notes = summaries("variations");
    // Only in 🛑첫날: D4 due 08-29, long overdue.
    let n = get(&notes, "첫날만.md");
    assert_eq!((n.day0, n.next_due, n.status), (d("2024-08-25"), d("2024-08-29"), Some(Status::Overdue)));
    assert_eq!(n.days_late, 59);
    // Only in 4일후(text) (minus 4); D7 next.
    let n = get(&notes, "4일후만.md");
    assert_eq!((n.day0, n.next_due, n.stage), (d("2024-08-25"), d("2024-09-01"), Some("7일 복습")));
    // Only in 🛑14일후 (minus 14); D14 next.
    let n = get(&notes, "14일후만.md");
    assert_eq!((n.day0, n.next_due), (d("2024-08-25"), d("2024-09-08")));
}

#[test]
fn not_started_template() {
    let n = get(&summaries("variations"), "시작 전.md").clone();
    assert_eq!((n.status, n.stage, n.next_due, n.day0), (Some(Status::NotStarted), None, None, None));
}

#[test]
fn stale_label_is_recomputed() {
    let n = get(&summaries("variations"), "낡은 라벨.md").clone();
    assert_eq!(n.stage, Some("4일 복습"));
    assert_eq!((n.next_due, n.status), (d("2024-10-24"), Some(Status::Overdue)));
    assert_eq!(n.progress, Some(0.2));
}

#[test]
fn headings_of_every_level_hold_cues() {
    let notes = summaries("variations");
    let n = get(&notes, "제목 한 단계.md");
    assert_eq!((n.cues, n.status, n.day0), (2, Some(Status::Due), d("2024-10-26")));
    let n = get(&notes, "제목 두 단계.md");
    assert_eq!((n.cues, n.status, n.next_due), (1, Some(Status::Due), d("2024-10-27")));
}

#[test]
fn extra_keys_and_extra_review() {
    let n = get(&summaries("variations"), "추가 키.md").clone();
    assert_eq!((n.stage, n.next_due), (Some("추가 복습"), d("2024-10-01")));
    assert_eq!(n.subject.as_deref(), Some("운영체제"));
}

#[test]
fn crlf_and_bom() {
    let n = get(&summaries("variations"), "윈도우/CRLF BOM.md").clone();
    assert_eq!((n.day0, n.status, n.cues), (d("2024-10-26"), Some(Status::Due), 1));
}

#[test]
fn plain_notes_empty_files_and_skipped_names() {
    let notes = summaries("variations");
    for plain in ["빈 파일.md", "태그 목록.md", "태그 문자열.md", "머리말 없음.md"] {
        let n = get(&notes, plain);
        assert_eq!((n.status, n.kind), (None, bokseup_core::note::Kind::Plain), "{plain}");
    }
    let paths: Vec<_> = notes.iter().map(|n| n.path.as_str()).collect();
    for hidden in [".md", ".obsidian/숨은 노트.md", ".trash/AMI 1.md", "그림.txt"] {
        assert!(!paths.contains(&hidden), "{hidden} must not be scanned");
    }
    assert!(paths.iter().all(|p| !p.starts_with('.')));
    assert_eq!(notes.len(), 14);
    assert!(vault::scan(&fixture("variations")).unwrap().issues.is_empty());
}

#[test]
fn broken_notes_are_reported_and_the_scan_goes_on() {
    let scan = vault::scan(&fixture("broken")).unwrap();
    let reasons: Vec<(&str, &str)> = scan.issues.iter().map(|i| (i.path.as_str(), i.message.as_str())).collect();
    let expect = [
        ("CP949.md", "UTF-8"),
        ("골뱅이.md", "YAML"),
        ("닫히지 않음.md", "닫히지 않았습니다"),
        ("따옴표.md", "YAML"),
        ("잘린 글자.md", "UTF-8"),
        ("중복 키.md", "8행 1열: 같은 키 \"❤1일복습여부\"가 두 번 있습니다 (처음은 3행)"),
        ("충돌.md", "YAML"),
        ("콜론.md", "YAML"),
    ];
    assert_eq!(reasons.len(), expect.len(), "{reasons:#?}");
    for ((path, message), (want_path, want_word)) in reasons.iter().zip(expect) {
        assert_eq!(*path, want_path);
        assert!(message.contains(want_word), "{path}: {message}");
    }
    // YAML errors point at the file's own line numbers.
    let quote = scan.issues.iter().find(|i| i.path == "따옴표.md").unwrap();
    assert!(quote.message.contains("행"), "{}", quote.message);
    assert_eq!(scan.notes.iter().map(|n| n.path.as_str()).collect::<Vec<_>>(), ["좋은 노트.md"]);
}

#[test]
fn missing_folder_is_an_error_naming_it() {
    let err = vault::scan(&fixture("no-such-vault")).unwrap_err().to_string();
    assert!(err.contains("no-such-vault"), "{err}");
}
