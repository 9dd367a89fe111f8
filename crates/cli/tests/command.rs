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
