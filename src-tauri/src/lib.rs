//! Bokseup's desktop shell: the window, and commands that call the engine in `bokseup-core`.
//! Everything the commands do lives in [`bokseup_core::session::Session`], tested there.

mod commands;

use bokseup_core::session::Session;
use bokseup_core::store::{database_path, Store};
use chrono::NaiveDate;
use std::borrow::Cow;
use std::path::PathBuf;
use tauri::http::Response;
use tauri::Manager;

/// How the app was asked to start (from the command line).
#[derive(Debug, Default)]
pub struct Launch {
    /// A vault to open instead of the remembered one.
    pub vault: Option<PathBuf>,
    /// A fixed "today", for tests and demos.
    pub today: Option<NaiveDate>,
    /// A fixed time of day, for tests and demos.
    pub time: Option<chrono::NaiveTime>,
}

/// Serves `vault://localhost/<path>`: an image file of the open vault, nothing else.
fn vault_image<R: tauri::Runtime>(app: &tauri::AppHandle<R>, path: &str) -> Response<Cow<'static, [u8]>> {
    let served = app.state::<Session>().image(path, now());
    let response = match served {
        Ok((bytes, mime)) => Response::builder()
            .header("Content-Type", mime)
            // An SVG may carry scripts: it is only ever an image here.
            .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
            .body(Cow::Owned(bytes)),
        Err(_) => Response::builder().status(404).body(Cow::Borrowed(&[][..])),
    };
    response.unwrap_or_else(|_| Response::new(Cow::Borrowed(&[][..])))
}

/// Local wall-clock time: the one place the shell reads the clock.
pub fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// Builds and runs the app. Takes the builder so tests can pass a mock one.
pub fn run<R: tauri::Runtime>(builder: tauri::Builder<R>, mut launch: Launch) {
    builder
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            // The same database as the command line's, so `bokseup undo` sees the app's writes.
            let db = database_path(None);
            let demo = db.with_file_name("demo-vault");
            let session = Session::new(Store::open(&db)?, demo, launch.today)?
                .at_time(launch.time)
                .starting_on(launch.vault.take());
            app.manage(session);
            Ok(())
        })
        .register_uri_scheme_protocol("vault", |ctx, request| vault_image(ctx.app_handle(), request.uri().path()))
        .invoke_handler(tauri::generate_handler![
            commands::overview,
            commands::open_vault,
            commands::pick_vault,
            commands::open_demo,
            commands::note,
            commands::review,
            commands::start_note,
            commands::enroll,
            commands::undo,
            commands::open_link
        ])
        .run(tauri::generate_context!())
        .expect("error while running Bokseup");
}
