//! The desktop shell, tested without a desktop: the app builds on Tauri's mock runtime with its
//! real configuration and the capability `build.rs` generates, where every command of the
//! generated surface is registered and granted, a command called through IPC answers as the UI
//! expects, and one the capability does not grant is refused.

use bokseup_app::{app, context, Desktop};
use bokseup_cli::Launch;
use std::path::{Path, PathBuf};
use tauri::test::mock_builder;

mod ipc;
use ipc::invoke;

fn root() -> PathBuf {
    // The app's package is src-tauri/; the paths below are the repository's.
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_capability_grants_the_app_s_commands_and_nothing_else() {
    let capability: serde_json::Value = serde_json::from_str(&read("src-tauri/capabilities/main.json")).unwrap();
    let permissions: Vec<&str> =
        capability["permissions"].as_array().unwrap().iter().filter_map(|p| p.as_str()).collect();
    assert!(permissions.iter().filter(|p| p.starts_with("allow-")).count() >= 20, "{permissions:?}");
    // No file system, shell or plugin command for the page.
    let others: Vec<&str> = permissions.iter().copied().filter(|p| !p.starts_with("allow-")).collect();
    assert_eq!(others, ["core:event:default", "core:webview:default", "core:window:default"]);
}

/// The commands the page can call: those of the generated `commands.ts`.
fn generated_commands() -> Vec<String> {
    read("ui/src/lib/commands.ts")
        .split("invoke('")
        .skip(1)
        .filter_map(|rest| rest.split_once('\'').map(|(name, _)| name.to_string()))
        .collect()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn the_app_builds_on_the_mock_runtime_and_answers_through_ipc() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("variations");
    copy_dir(&root().join("tests/fixtures/variations"), &vault);
    let launch = Launch {
        vault: Some(vault.clone()),
        today: Some("2024-10-27".parse().unwrap()),
        time: Some("14:01:00".parse().unwrap()),
        data: Some(dir.path().join("data")),
        ..Launch::default()
    };
    let mut app =
        app(mock_builder(), launch, Desktop::Apart).build(context()).expect("the app builds on the mock runtime");
    // One turn of the event loop runs the app's setup (the session, on the vault named above).
    #[allow(deprecated)]
    app.run_iteration(|_, _| {});
    let window = tauri::Manager::get_webview_window(&app, "main").expect("the window of tauri.conf.json");

    let overview = invoke(&window, "overview", serde_json::json!({})).expect("overview answers");
    assert_eq!(overview["name"], "variations");
    assert_eq!(overview["agenda"]["today"], "2024-10-27");
    assert_eq!(overview["agenda"]["counts"]["overdue"], 5);

    let mut settings = invoke(&window, "settings", serde_json::json!({})).unwrap();
    assert_eq!(settings["reminder_times"], serde_json::json!(["09:00", "21:00"]));
    assert_eq!(settings["language"], "auto");
    // Messages follow the language setting as soon as it is saved.
    for (language, says) in [("ko", "알림 시각 형식이 아닙니다"), ("en", "Not a reminder time")] {
        settings["language"] = serde_json::json!(language);
        settings = invoke(&window, "save_settings", serde_json::json!({ "settings": settings })).unwrap();
        let mut bad = settings.clone();
        bad["reminder_times"] = serde_json::json!(["25:00"]);
        let refused = invoke(&window, "save_settings", serde_json::json!({ "settings": bad }));
        let failure = refused.expect_err("a time that is not a time is refused");
        assert_eq!(failure["code"], "invalid");
        assert!(failure["message"].as_str().unwrap().contains(says), "{failure}");
    }

    let outside = invoke(&window, "note", serde_json::json!({ "path": "../밖.md" })).expect_err("outside the vault");
    assert_eq!(outside["code"], "outside_vault");

    // Every command of the generated surface is registered and granted: called without its
    // arguments, each answers (or names the argument it lacks), none is unknown or refused. The
    // two pickers are left out (they open the system's dialogs), and the restart (it would end
    // this test).
    let commands = generated_commands();
    assert!(commands.len() >= 30, "{commands:?}");
    for name in commands.iter().filter(|n| !n.starts_with("pick_") && *n != "restart_app") {
        if let Err(e) = invoke(&window, name, serde_json::json!({})) {
            let text = e.to_string();
            assert!(!text.contains("not found") && !text.contains("not allowed"), "{name}: {text}");
        }
    }
    let unknown = invoke(&window, "no_such_command", serde_json::json!({})).expect_err("unknown");
    assert!(unknown.to_string().contains("not found"), "{unknown}");

    // The capability grants the app's own commands only.
    let denied = invoke(&window, "plugin:notification|notify", serde_json::json!({ "options": { "title": "x" } }));
    assert!(denied.is_err(), "{denied:?}");
}

#[test]
fn the_command_line_speaks_the_language_of_lang() {
    let fixture = root().join("tests/fixtures/variations");
    let due = |vars: &[(&str, &str)]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_bokseup-app"));
        cmd.args(["due", fixture.to_str().unwrap(), "--today", "2024-10-27"]);
        for var in ["LANG", "LC_ALL", "LC_MESSAGES"] {
            cmd.env_remove(var);
        }
        cmd.envs(vars.iter().copied());
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(due(&[("LANG", "ko_KR.UTF-8")]).starts_with("오늘의 복습 · 2024-10-27 (일)"));
    let english = due(&[("LANG", "en_US.UTF-8")]);
    assert!(english.starts_with("Today's reviews · 2024-10-27 (Sun) · 5 overdue"), "{english}");
    assert!(english.contains("days late"), "{english}");
    // LC_ALL wins over LANG, as in the C library; no locale at all is Korean, the app's default.
    assert!(due(&[("LANG", "ko_KR.UTF-8"), ("LC_ALL", "C")]).starts_with("Today's reviews"));
    assert!(due(&[]).starts_with("오늘의 복습"));
    let help =
        std::process::Command::new(env!("CARGO_BIN_EXE_bokseup-app")).arg("--help").env("LANG", "en_GB.UTF-8").output();
    assert!(String::from_utf8(help.unwrap().stdout).unwrap().starts_with("Bokseup (복습) — an Ebbinghaus"));
}
