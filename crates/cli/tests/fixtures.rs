//! The command line run in-process on the fixture vaults: the JSON shapes, the due table,
//! writes and undo, settings and the calendar file. Every command goes through the engine's
//! session, the window's route.

use bokseup_cli::{self as cli, Outcome};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(name)
}

/// Runs a command on a database of its own; its JSON answer.
fn cli_json(args: &[&str]) -> serde_json::Value {
    let data = tempfile::tempdir().unwrap();
    let (code, out, err) = cli_in(data.path(), args);
    assert_eq!(code, Outcome::Exit(0), "{err}");
    serde_json::from_str(&out).unwrap()
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
    let data = tempfile::tempdir().unwrap();
    let (code, out, _) =
        cli_in(data.path(), &["due", fixture("variations").to_str().unwrap(), "--today", "2024-10-27"]);
    assert_eq!(code, Outcome::Exit(0));
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
