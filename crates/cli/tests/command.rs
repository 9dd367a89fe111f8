//! The `bokseup` command as built: it links neither WebKit nor GTK, answers at once, and runs
//! the command-line commands (the same code as the app's, tested at length in bokseup-core and
//! by the calendar and conformance tests, which run this binary).

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_bokseup");

fn bokseup(args: &[&str], data: &std::path::Path) -> std::process::Output {
    Command::new(BIN)
        .args(args)
        .arg("--data")
        .arg(data)
        .env("LANG", "ko_KR.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("bokseup runs")
}

#[cfg(target_os = "linux")]
#[test]
fn links_neither_webkit_nor_gtk() {
    let ldd = Command::new("ldd").arg(BIN).output().expect("ldd runs");
    let libraries = String::from_utf8_lossy(&ldd.stdout).to_lowercase();
    assert!(!libraries.is_empty());
    for heavy in ["webkit", "gtk", "gdk", "glib", "soup", "javascriptcore"] {
        assert!(!libraries.contains(heavy), "{heavy} in\n{libraries}");
    }
}

#[test]
fn writes_the_demo_and_lists_what_is_due() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let vault = dir.path().join("demo");
    let made = bokseup(&["demo", vault.to_str().unwrap(), "--today", "2026-11-29"], &data);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let due = bokseup(&["due", vault.to_str().unwrap(), "--today", "2026-11-29"], &data);
    assert!(due.status.success());
    let out = String::from_utf8(due.stdout).unwrap();
    assert!(out.contains("밀린 복습 3개, 오늘 4개"), "{out}");
    assert!(out.contains("네트워크/OSI 7계층"), "{out}");
}

#[test]
fn refuses_a_missing_folder_in_words_with_exit_code_1() {
    let dir = tempfile::tempdir().unwrap();
    let out = bokseup(&["due", "/nonexistent/볼트"], &dir.path().join("data"));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("폴더를 찾을 수 없습니다: /nonexistent/볼트"));
}

#[test]
fn hands_the_window_to_the_app_beside_it() {
    // A copy of the command alone in a folder: no `bokseup-app` beside it, none on PATH.
    let dir = tempfile::tempdir().unwrap();
    let lone = dir.path().join("bokseup");
    std::fs::copy(BIN, &lone).unwrap();
    let out = Command::new(&lone).env("PATH", dir.path()).env("LANG", "en_US.UTF-8").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("cannot start the app (bokseup-app)"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // With a stand-in app beside it: it runs in the same process, with the same arguments.
    let app = dir.path().join("bokseup-app");
    std::fs::write(&app, "#!/bin/sh\necho \"app: $*\"\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&app, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let out = Command::new(&lone).args(["/some/vault", "--today", "2024-10-27"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "app: /some/vault --today 2024-10-27\n");
}

/// A vault like the user's on 2024-10-27: 43 notes overdue by 1 to 100 days, each with two cue
/// questions; device "phone" graded some of them in its history file.
fn backlog(dir: &std::path::Path) -> std::path::PathBuf {
    let vault = dir.join("공부");
    std::fs::create_dir_all(vault.join(".bokseup/history")).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2024, 10, 27).unwrap();
    for i in 0..43u64 {
        let day0 = today - chrono::Days::new(7 + 1 + (i * 97) % 100);
        let text = format!("---\n⭕첫 학습날: {day0}\n⭕과목: AWS\n❤1일복습여부: true\n🧡4일복습여부: true\n💛7일복습여부: false\n💚14일복습여부: false\n🧠장기기억: false\n---\n### 단서 질문\n- 개념 {i}란?\n    설명 {i}\n- 개념 {i}의 특징\n    특징\n");
        std::fs::write(vault.join(format!("개념 {i:02}.md")), text).unwrap();
    }
    let line = |n: u32, note: &str, q: &str, grade: u8| {
        format!("{{\"v\":1,\"kind\":\"answer\",\"event\":\"phone-{n}\",\"at\":\"2024-10-20T09:0{n}:00\",\"note\":\"{note}\",\"question\":\"{q}\",\"grade\":{grade},\"source\":\"drill\",\"ms\":4000}}\n")
    };
    let history = line(1, "개념 05.md", "개념 5란?", 3)
        + &line(2, "개념 05.md", "개념 5의 특징", 1)
        + &line(3, "개념 09.md", "개념 9란?", 2);
    std::fs::write(vault.join(".bokseup/history/phone.jsonl"), history).unwrap();
    vault
}

#[test]
fn plans_a_backlog_within_the_daily_limit() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, data) = (backlog(dir.path()), dir.path().join("data"));
    let v = vault.to_str().unwrap();
    let out = bokseup(&["plan", v, "--today", "2024-10-27", "--json"], &data);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let days = plan["days"].as_array().unwrap();
    assert_eq!(days[0]["date"], "2024-10-27");
    assert_eq!(days[0]["notes"].as_array().unwrap().len(), 20);
    assert_eq!(plan["deferred"], 23);
    let all: usize = days.iter().map(|d| d["notes"].as_array().unwrap().len()).sum();
    assert_eq!(all, 43, "every overdue note has a day");
    // The notes with the lowest predicted recall come first today, before the oldest: one
    // question graded 모름 (개념 05), then one graded 헷갈림 (개념 09), on another device.
    let first: Vec<&str> = days[0]["notes"].as_array().unwrap().iter().take(2).map(|n| n.as_str().unwrap()).collect();
    assert_eq!(first, ["개념 05.md", "개념 09.md"]);
    let text = bokseup(&["plan", v, "--today", "2024-10-27", "--limit", "10"], &data);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.starts_with("하루 한도 노트 10개 · 오늘 10개 (약 20분) · 나머지 33개는 다음 4일에"), "{text}");
    let zero = bokseup(&["plan", v, "--limit", "0"], &data);
    assert_eq!(zero.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&zero.stderr).contains("하루 한도는 0일 수 없습니다"));
}

#[test]
fn plans_around_easy_days_and_a_break_set_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, data) = (backlog(dir.path()), dir.path().join("data"));
    let v = vault.to_str().unwrap();
    for (name, value) in [("easy-days", "sat=light,sun=free"), ("break", "2024-10-29..2024-10-30")] {
        let out = bokseup(&["settings", name, value], &data);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let shown = String::from_utf8(bokseup(&["settings"], &data).stdout).unwrap();
    assert!(shown.contains("easy-days: sat=light,sun=free\nbreak: 2024-10-29..2024-10-30\n"), "{shown}");
    let bad = bokseup(&["settings", "easy-days", "sun=lazy"], &data);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("\"sun=lazy\""));
    // 2024-10-27 is a Sunday: free. Monday takes 20, the break two days, and so on.
    let out = bokseup(&["plan", v, "--today", "2024-10-27", "--json"], &data);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let days = plan["days"].as_array().unwrap();
    let kinds: Vec<&str> = days.iter().take(7).map(|d| d["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["free", "normal", "break", "break", "normal", "normal", "light"]);
    let count = |i: usize| days[i]["notes"].as_array().unwrap().len();
    assert_eq!((count(0), count(1), count(2), count(3), count(4), count(5)), (0, 20, 0, 0, 20, 3));
    // What waited for the free Sunday and the break is late, and says since when.
    let moved = days[1]["moved"].as_array().unwrap();
    assert_eq!(moved.len(), 20);
    assert!(moved.iter().all(|m| m["early"] == false && m["due"] == "2024-10-27"));
    assert!(days.len() >= 42, "six weeks, each day with its kind");
    let text = String::from_utf8(bokseup(&["plan", v, "--today", "2024-10-27"], &data).stdout).unwrap();
    assert!(text.contains("  2024-10-27  쉬는 요일\n") && text.contains("  2024-10-29  쉬는 기간\n"), "{text}");
    assert!(text.contains("(늦게, 2024-10-27부터)"), "{text}");
    // `break none` ends it.
    assert!(bokseup(&["settings", "break", "none"], &data).status.success());
    let out = bokseup(&["plan", v, "--today", "2024-10-27", "--json"], &data);
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(plan["days"][2]["kind"], "normal");
}

#[test]
fn lists_the_weak_questions_from_the_vaults_history() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, data) = (backlog(dir.path()), dir.path().join("data"));
    let out = bokseup(&["weak", vault.to_str().unwrap(), "--today", "2024-10-27", "--json"], &data);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let weak: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let qs: Vec<(&str, &str)> = weak["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| (q["path"].as_str().unwrap(), q["question"].as_str().unwrap()))
        .collect();
    // The one graded 모름, then the one graded 헷갈림; never-answered questions are not listed.
    assert_eq!(qs[..2], [("개념 05.md", "개념 5란?"), ("개념 09.md", "개념 9란?")]);
    assert!(qs.len() <= 3, "{qs:?}");
    let one = bokseup(&["weak", vault.to_str().unwrap(), "--today", "2024-10-27", "--limit", "1"], &data);
    let text = String::from_utf8(one.stdout).unwrap();
    assert!(text.starts_with("약한 질문 1개"), "{text}");
    assert!(text.contains("개념 05.md · 개념 5란?") && text.contains("마지막: 모름, 2024-10-20"), "{text}");
}
