//! What the in-memory backend of the UI's Chromium tests (`ui/src/lib/memory.ts`) must say the way
//! the engine says it, produced by the engine itself into `ui/src/bindings/engine.json` (checked
//! fresh by the test command with the other generated bindings): the default settings, the pace
//! assumed before the user's own is measured, how many rows of each group a page holds, and the
//! messages of the refusals it plays.

use bokseup_core::clock::Clock;
use bokseup_core::error::Error;
use bokseup_core::lang::{self, Lang};
use bokseup_core::pace::Pace;
use bokseup_core::session::Session;
use bokseup_core::settings::Settings;
use bokseup_core::store::Store;
use serde_json::json;
use std::path::PathBuf;

/// The refusals the in-memory backend plays, in `lang`, `{path}` standing for the note or folder.
fn failures(lang: Lang) -> serde_json::Value {
    lang::set(lang);
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("v");
    std::fs::create_dir(&vault).unwrap();
    std::fs::write(vault.join("a.md"), "# a\n").unwrap();
    let session = Session::new(Store::open_in_memory().unwrap(), dir.path().join("demo"), Clock::system(4)).unwrap();
    let now = session.now();
    session.open_vault(&vault, now).unwrap();
    let forget_open = session.forget_vault(&std::fs::canonicalize(&vault).unwrap()).unwrap_err();
    let no_calendar = session.export_calendar(now).unwrap_err();
    session.open_demo(now).unwrap();
    let demo = session.obsidian_link("AWS/AMI.md", now).unwrap_err();
    json!({
        "outside_vault": Error::OutsideVault("{path}".into()).text(lang),
        "missing_folder": Error::MissingFolder(PathBuf::from("{path}")).text(lang),
        "nothing_to_undo": Error::NothingToUndo.text(lang),
        "forget_open_vault": forget_open.to_string(),
        "no_calendar_file": no_calendar.to_string(),
        "demo_not_in_obsidian": demo.to_string(),
    })
}

#[test]
fn the_page_fixture_is_what_the_engine_says() {
    let fixture = json!({
        "default_settings": Settings::default(),
        "default_answer_seconds": Pace::default().answer,
        "page_rows": bokseup_core::agenda::PAGE_ROWS,
        "failures": { "ko": failures(Lang::Ko), "en": failures(Lang::En) },
    });
    let text = serde_json::to_string_pretty(&fixture).unwrap() + "\n";
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings/engine.json");
    if std::fs::read_to_string(&file).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(&file, &text).unwrap();
    }
    assert!(text.contains("볼트 안의 노트가 아닙니다: {path}") && text.contains("Nothing to undo"), "{text}");
}
