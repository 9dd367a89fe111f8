//! The main window: shown, focused and asked to change screen by the desktop side (a toast, the
//! tray, a second launch); a note shown in the file manager.

use crate::event::REQUEST_EVENT;
use bokseup_core::session::{Request, Session};
use std::path::Path;
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

/// Shows `file` selected in the desktop's file manager (the FileManager1 D-Bus interface that
/// Nautilus, Dolphin, Nemo and others answer); without one, opens the folder holding it.
pub fn show_in_folder(file: &Path) -> std::io::Result<()> {
    use gio::prelude::*;
    let uri = gio::File::for_path(file).uri().to_string();
    let shown = gio::bus_get_sync(gio::BusType::Session, None::<&gio::Cancellable>).ok().and_then(|bus| {
        bus.call_sync(
            Some("org.freedesktop.FileManager1"),
            "/org/freedesktop/FileManager1",
            "org.freedesktop.FileManager1",
            "ShowItems",
            Some(&(vec![uri], "").to_variant()),
            None,
            gio::DBusCallFlags::NONE,
            2000,
            None::<&gio::Cancellable>,
        )
        .ok()
    });
    match shown {
        Some(_) => Ok(()),
        None => open::that_detached(file.parent().unwrap_or(file)),
    }
}
