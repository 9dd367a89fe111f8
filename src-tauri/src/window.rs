//! The main window: shown, focused and asked to change screen by the desktop side (a toast, the
//! tray, a second launch).

use crate::event::REQUEST_EVENT;
use bokseup_core::session::{Request, Session};
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// Shows the main window, restored and in front.
pub fn show<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.show();
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
}

/// Asks the page to do something (see [`Request`]); `Review`, `Home` and `Settings` bring the
/// window to the front.
pub fn ask<R: Runtime>(app: &AppHandle<R>, request: Request) {
    let brings_up = matches!(request, Request::Review | Request::Home | Request::Settings);
    app.state::<Session>().request(request);
    if brings_up {
        show(app);
    }
    let _ = app.emit_to("main", REQUEST_EVENT, ());
}
