//! The commands the UI calls (through `ui/src/lib/api.ts`). Each is a line or two over the
//! [`Session`]; errors cross as a [`Failure`] with a code.

use crate::now;
use bokseup_core::agenda::Overview;
use bokseup_core::error::Failure;
use bokseup_core::session::Session;
use std::path::PathBuf;
use tauri::State;
use tauri_plugin_dialog::DialogExt;

type Reply<T> = Result<T, Failure>;

/// Today's agenda of the open vault, scanned afresh (on the first call: the start vault).
#[tauri::command]
pub fn overview(session: State<'_, Session>) -> Reply<Overview> {
    session.overview(now()).map_err(Failure::from)
}

/// Opens the folder at `path` (dropped on the window or typed) as the vault.
#[tauri::command]
pub fn open_vault(session: State<'_, Session>, path: PathBuf) -> Reply<Overview> {
    session.open_vault(&path, now()).map_err(Failure::from)
}

/// Asks for a folder with the system's picker and opens it; `None` when the user cancels.
#[tauri::command]
pub async fn pick_vault<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    session: State<'_, Session>,
) -> Reply<Option<Overview>> {
    let picked = app.dialog().file().set_title("Obsidian 볼트 폴더 선택").blocking_pick_folder();
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else { return Ok(None) };
    session.open_vault(&path, now()).map(Some).map_err(Failure::from)
}

/// Opens the bundled demo vault.
#[tauri::command]
pub fn open_demo(session: State<'_, Session>) -> Reply<Overview> {
    session.open_demo(now()).map_err(Failure::from)
}
