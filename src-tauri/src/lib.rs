//! Bokseup's desktop shell: the window, and commands that call the engine in `bokseup-core`.
//! Everything the commands do lives in [`bokseup_core::session::Session`], tested there.

mod commands;

use bokseup_core::session::{Session, DEFAULT_ROLLOVER_HOUR};
use bokseup_core::store::Store;
use chrono::NaiveDate;
use std::path::PathBuf;
use tauri::Manager;

/// How the app was asked to start (from the command line).
#[derive(Debug, Default)]
pub struct Launch {
    /// A vault to open instead of the remembered one.
    pub vault: Option<PathBuf>,
    /// A fixed "today", for tests and demos.
    pub today: Option<NaiveDate>,
}

/// The local date now, before the database (and its rollover setting) is open.
pub fn local_today() -> NaiveDate {
    bokseup_core::schedule::today_at(now(), DEFAULT_ROLLOVER_HOUR)
}

/// Local wall-clock time: the one place the shell reads the clock.
pub(crate) fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// Builds and runs the app. Takes the builder so tests can pass a mock one.
pub fn run<R: tauri::Runtime>(builder: tauri::Builder<R>, mut launch: Launch) {
    builder
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let data = app.path().app_data_dir()?;
            let store = Store::open(&data.join("bokseup.sqlite3"))?;
            let session = Session::new(store, data.join("demo-vault"), launch.today).starting_on(launch.vault.take());
            app.manage(session);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::overview,
            commands::open_vault,
            commands::pick_vault,
            commands::open_demo
        ])
        .run(tauri::generate_context!())
        .expect("error while running Bokseup");
}
