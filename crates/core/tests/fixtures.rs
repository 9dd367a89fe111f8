//! The fixture vaults of `tests/fixtures`: every variation of REVIEW-MODEL.md section 4, and a
//! vault of broken notes, each reported without stopping the scan.

use bokseup_core::agenda::{Agenda, NoteSummary};
use bokseup_core::cli::{self, Outcome};
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
    Agenda::new(&scan, today()).notes().into_iter().cloned().collect()
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
    assert_eq!((n.day0, n.next_due, n.stage.as_deref()), (d("2024-08-25"), d("2024-09-01"), Some("7일 복습")));
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
    assert_eq!(n.stage.as_deref(), Some("4일 복습"));
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
    assert_eq!((n.stage.as_deref(), n.next_due), (Some("추가 복습"), d("2024-10-01")));
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

fn cli_json(args: &[&str]) -> serde_json::Value {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    assert_eq!(cli::run(&args, &mut out, &mut err), Outcome::Exit(0), "{}", String::from_utf8_lossy(&err));
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn scan_json_shape() {
    let vault = fixture("broken");
    let json = cli_json(&["scan", vault.to_str().unwrap(), "--today", "2024-10-27", "--json"]);
    assert_eq!(json["today"], "2024-10-27");
    assert!(json["vault"].as_str().unwrap().ends_with("broken"));
    let note = &json["notes"][0];
    assert_eq!(note["path"], "좋은 노트.md");
    assert_eq!(note["title"], "좋은 노트");
    assert_eq!(note["kind"], "review");
    assert_eq!(note["day0"], "2024-10-26");
    assert_eq!(note["status"], "due");
    assert_eq!(note["stage"], "1일 복습");
    assert_eq!(note["next_due"], "2024-10-27");
    assert_eq!(note["days_since"], 1);
    assert_eq!(note["progress"], 0.0);
    assert_eq!(note["cues"], 0);
    assert_eq!(json["issues"].as_array().unwrap().len(), 8);
    assert!(json["issues"][0]["message"].is_string());
}

#[test]
fn due_json_lists_overdue_then_due() {
    let vault = fixture("variations");
    let json = cli_json(&["due", vault.to_str().unwrap(), "--today", "2024-10-27", "--json"]);
    let paths: Vec<_> =
        json["notes"].as_array().unwrap().iter().map(|n| n["path"].as_str().unwrap().to_string()).collect();
    assert_eq!(
        paths,
        [
            "첫날만.md",
            "4일후만.md",
            "14일후만.md",
            "추가 키.md",
            "낡은 라벨.md",
            "윈도우/CRLF BOM.md",
            "제목 두 단계.md",
            "제목 한 단계.md"
        ]
    );
    let statuses: Vec<_> = json["notes"].as_array().unwrap().iter().map(|n| n["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["overdue", "overdue", "overdue", "overdue", "overdue", "due", "due", "due"]);
}

#[test]
fn due_table_is_readable_korean() {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let args = ["due", fixture("variations").to_str().unwrap(), "--today", "2024-10-27"].map(String::from);
    assert_eq!(cli::run(&args, &mut out, &mut err), Outcome::Exit(0));
    let out = String::from_utf8(out).unwrap();
    assert!(out.starts_with("오늘의 복습 · 2024-10-27 (일) · 밀린 복습 5개, 오늘 3개\n"), "{out}");
    assert!(out.contains("59일 지남  4일 복습"), "{out}");
    assert!(out.contains("오늘"), "{out}");
}

#[test]
fn review_start_enroll_and_undo_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    std::fs::create_dir_all(vault.join("AWS")).unwrap();
    let golden = fixture("golden");
    let input = std::fs::read(golden.join("input/seed-10000.md")).unwrap();
    std::fs::write(vault.join("AWS/AMI.md"), &input).unwrap();
    std::fs::write(vault.join("메모.md"), "# 메모\n").unwrap();
    let data = dir.path().join("data");
    let run = |line: &[&str]| {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut args: Vec<String> = line.iter().map(|s| s.to_string()).collect();
        args.extend(["--data".to_string(), data.to_string_lossy().into_owned()]);
        let code = cli::run(&args, &mut out, &mut err);
        (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
    };
    let v = vault.to_str().unwrap();

    let (code, out, err) = run(&["review", v, "AWS/AMI.md", "--date", "2024-08-29", "--time", "14:01"]);
    assert_eq!(code, Outcome::Exit(0), "{err}");
    assert!(out.starts_with("복습을 기록했습니다: AWS/AMI.md\n  🧡4일복습여부: false → true\n"), "{out}");
    assert!(out.contains("  🔁마지막복습: (새 키) → 2024-08-29\n"), "{out}");
    assert!(out.ends_with("다음 복습: 7일 복습 · 2024-09-01\n"), "{out}");
    assert_eq!(
        std::fs::read(vault.join("AWS/AMI.md")).unwrap(),
        std::fs::read(golden.join("expected/review-d4.md")).unwrap()
    );

    let (code, out, _) = run(&["enroll", v, "메모.md", "--date", "2024-10-27"]);
    assert_eq!(code, Outcome::Exit(0));
    assert!(out.contains("❤1일복습여부: (새 키) → false"), "{out}");

    // The list says what each recent write was and whether it can be undone.
    let (code, out, _) = run(&["undo", v, "--list"]);
    assert_eq!(code, Outcome::Exit(0));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "최근 변경 (최근 것부터):");
    assert!(lines[1].ends_with("복습 노트 등록  메모.md  (되돌릴 수 있음)"), "{out}");
    assert!(lines[2].contains("2024-08-29 14:01:00  복습 기록  AWS/AMI.md  (되돌릴 수 있음)"), "{out}");
    assert!(out.ends_with("`bokseup undo VAULT N`으로 N번 변경을 되돌립니다.\n"), "{out}");

    // Undo goes back newest first, across runs of the command line.
    let (code, out, err) = run(&["undo", v]);
    assert_eq!(code, Outcome::Exit(0), "{err}");
    assert!(out.starts_with("되돌렸습니다: 메모.md (복습 노트 등록, "), "{out}");
    assert_eq!(std::fs::read_to_string(vault.join("메모.md")).unwrap(), "# 메모\n");
    run(&["undo", v]);
    assert_eq!(std::fs::read(vault.join("AWS/AMI.md")).unwrap(), input);
    let (code, _, err) = run(&["undo", v]);
    assert_eq!(code, Outcome::Exit(1));
    assert!(err.contains("되돌릴 변경이 없습니다"), "{err}");

    // A second review the same day would record a step not due: refused, with the way to say
    // it is meant early.
    run(&["review", v, "AWS/AMI.md", "--date", "2024-08-29", "--time", "14:01"]);
    let (code, _, err) = run(&["review", v, "AWS/AMI.md", "--date", "2024-08-29", "--time", "21:00"]);
    assert_eq!(code, Outcome::Exit(1));
    assert!(err.contains("AWS/AMI.md: 7일 복습은(는) 2024-09-01에 할 차례입니다 (3일 뒤)"), "{err}");
    assert!(err.contains("--early를 붙여 다시 실행하세요"), "{err}");
    run(&["undo", v]);

    // Refusals name the note and write nothing.
    let (code, _, err) = run(&["start", v, "AWS/AMI.md"]);
    assert_eq!(code, Outcome::Exit(1));
    assert!(err.contains("AWS/AMI.md: 이미 학습을 시작한 노트입니다"), "{err}");
    let (code, _, err) = run(&["review", v, "../밖.md"]);
    assert_eq!(code, Outcome::Exit(1));
    assert!(err.contains("볼트 안의 노트가 아닙니다"), "{err}");
    assert_eq!(std::fs::read(vault.join("AWS/AMI.md")).unwrap(), input);
}

/// Runs the command line with `--data data`; returns the exit, standard output and error.
fn cli_in(data: &std::path::Path, line: &[&str]) -> (Outcome, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut args: Vec<String> = line.iter().map(|s| s.to_string()).collect();
    args.extend(["--data".to_string(), data.to_string_lossy().into_owned()]);
    let code = cli::run(&args, &mut out, &mut err);
    (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

#[test]
fn settings_from_the_command_line_and_every_command_follows_the_rollover() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (code, out, _) = cli_in(&data, &["settings"]);
    assert_eq!(code, Outcome::Exit(0));
    assert!(out.contains("reminder-times: 09:00, 21:00\n"), "{out}");
    let (code, out, err) = cli_in(&data, &["settings", "reminder-times", "21:30, 8:00"]);
    assert_eq!(code, Outcome::Exit(0), "{err}");
    assert!(out.contains("reminder-times: 08:00, 21:30\n"), "{out}");
    // A reminder time that is not a time: a clear message, nothing kept.
    let (code, _, err) = cli_in(&data, &["settings", "reminder-times", "8시"]);
    assert_eq!(code, Outcome::Exit(1));
    assert!(err.contains("알림 시각 형식이 아닙니다: \"8시\""), "{err}");
    let (_, out, _) = cli_in(&data, &["settings"]);
    assert!(out.contains("reminder-times: 08:00, 21:30\n"), "{out}");
    let (code, _, err) = cli_in(&data, &["settings", "calendar-file", "/no/such/folder/복습.ics"]);
    assert_eq!(code, Outcome::Exit(1));
    assert!(err.contains("캘린더 파일을 둘 폴더가 없습니다: /no/such/folder"), "{err}");

    // The rollover setting moves "today" for `due` as it does for `review` and the app.
    let vault = fixture("variations");
    let v = vault.to_str().unwrap();
    for hour in ["0", "23"] {
        cli_in(&data, &["settings", "rollover-hour", hour]);
        let (_, out, _) = cli_in(&data, &["due", v, "--json"]);
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        let now = chrono::Local::now().naive_local();
        let expected = bokseup_core::schedule::today_at(now, hour.parse().unwrap());
        assert_eq!(json["today"], expected.to_string(), "rollover {hour}");
    }
}

#[test]
fn ics_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let v = fixture("variations");
    let v = v.to_str().unwrap();
    let (code, out, err) = cli_in(&data, &["ics", v, "--today", "2024-10-27", "--days", "30"]);
    assert_eq!(code, Outcome::Exit(0), "{err}");
    assert!(out.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(out.contains("SUMMARY:복습 8개\r\n"), "today: everything overdue and due");
    assert!(out.contains("DTSTART:20241027T090000\r\n"));
    let file = dir.path().join("폰/복습.ics");
    let (code, _, err) = cli_in(&data, &["ics", v, "--today", "2024-10-27", "--out", file.to_str().unwrap()]);
    assert_eq!(code, Outcome::Exit(1));
    assert!(err.contains("캘린더 파일을 둘 폴더가 없습니다"), "{err}");
    std::fs::create_dir(dir.path().join("폰")).unwrap();
    let (code, out, err) = cli_in(&data, &["ics", v, "--today", "2024-10-27", "--out", file.to_str().unwrap()]);
    assert_eq!(code, Outcome::Exit(0), "{err}");
    assert!(out.contains("일치 일정을 썼습니다"), "{out}");
    assert!(std::fs::read_to_string(&file).unwrap().ends_with("END:VCALENDAR\r\n"));
    // Events sit at the first reminder time of the settings.
    cli_in(&data, &["settings", "reminder-times", "7:30,20:00"]);
    let (_, out, _) = cli_in(&data, &["ics", v, "--today", "2024-10-27"]);
    assert!(out.contains("DTSTART:20241027T073000\r\n"), "{out}");
}
