//! The commands the UI calls (through `ui/src/lib/api.ts`). Each is a line or two over the
//! [`Session`]; errors cross as a [`Failure`] with a code.

use crate::now;
use bokseup_core::agenda::{NoteView, Overview};
use bokseup_core::error::{Error, Failure};
use bokseup_core::journal::{ReviewInput, Undone, Written};
use bokseup_core::render;
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

/// A note opened for review: its schedule, cue questions and body as safe HTML.
#[tauri::command]
pub fn note(session: State<'_, Session>, path: String) -> Reply<NoteView> {
    session.note(&path, now()).map_err(Failure::from)
}

/// Marks a review of the note done now, with the cue grades and time spent, and logs it.
#[tauri::command]
pub fn review(session: State<'_, Session>, path: String, input: ReviewInput) -> Reply<Written> {
    session.review(&path, &input, now()).map_err(Failure::from)
}

/// Starts a not-started note today ("학습 시작").
#[tauri::command]
pub fn start_note(session: State<'_, Session>, path: String) -> Reply<Written> {
    session.start_note(&path, now()).map_err(Failure::from)
}

/// Makes a plain note a review note starting today ("복습 노트로 등록").
#[tauri::command]
pub fn enroll(session: State<'_, Session>, path: String) -> Reply<Written> {
    session.enroll(&path, now()).map_err(Failure::from)
}

/// Undoes this session's newest write, if the note is still as the app left it.
#[tauri::command]
pub fn undo(session: State<'_, Session>) -> Reply<Undone> {
    session.undo(now()).map_err(Failure::from)
}

/// Opens a web or mail link from a note in the system's browser or mail app. Anything else
/// (`file:`, `javascript:`, …) is refused.
#[tauri::command]
pub fn open_link(url: String) -> Reply<()> {
    let url = render::external_url(&url)
        .ok_or_else(|| Failure::from(Error::Refused(format!("열 수 없는 링크입니다: {url}"))))?;
    open::that_detached(url).map_err(|e| Failure::from(Error::Refused(format!("브라우저를 열 수 없습니다: {e}"))))
}
