//! The main window: shown, focused and asked to change screen by the desktop side (a toast, the
//! tray, a second launch), hidden instead of closed while the app keeps running for reminders.

use crate::{timer, toast, tray};
use bokseup_cli as cli;
use bokseup_core::lang::tr;
use bokseup_core::session::{Request, Session};
use std::path::Path;
use tauri::{AppHandle, Emitter, Manager, Runtime, Window, WindowEvent};

/// The event that tells the page to take the session's requests (`take_requests`).
pub const REQUEST_EVENT: &str = "bokseup://request";

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

/// Closing the window hides it while reminders run in the background (the setting); the first
/// time, a toast says where the app went.
pub fn on_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    let WindowEvent::CloseRequested { api, .. } = event else { return };
    let app = window.app_handle();
    let session = app.state::<Session>();
    if !session.settings().hides_on_close() || session.demo_open() {
        return;
    }
    api.prevent_close();
    let _ = window.hide();
    if session.first_hide() {
        let text = match tray::problem(app) {
            None => tr(
                "복습은 트레이에서 계속 실행됩니다. 알림 시각에 알려 드리고, 트레이 아이콘에서 다시 열 수 있습니다.",
                "Bokseup keeps running in the tray: it reminds you at your reminder times, and the tray icon opens it again.",
            ),
            Some(_) => tr(
                "복습은 백그라운드에서 계속 실행됩니다. 알림 시각에 알려 드리며, 앱을 다시 실행하면 창이 열립니다.",
                "Bokseup keeps running in the background: it reminds you at your reminder times, and launching it again opens the window.",
            ),
        };
        toast::hint(app, tr("복습 앱은 계속 실행 중입니다", "Bokseup is still running"), text);
    }
}

/// A second launch (`bokseup`, `bokseup /path/to/vault`, a click in the dock) hands its
/// arguments to this instance and exits: the window comes to the front, on the named vault.
pub fn second_launch<R: Runtime>(app: &AppHandle<R>, argv: Vec<String>, cwd: String) {
    let Some(launch) = cli::parse_launch(argv.get(1..).unwrap_or_default()) else { return };
    if let Some(vault) = launch.vault {
        // A relative path is relative to where the second launch was started.
        let vault = Path::new(&cwd).join(vault);
        let session = app.state::<Session>();
        let request = match session.open_vault(&vault, session.now()) {
            Ok(_) => Request::Reload,
            Err(e) => Request::Notice { message: e.to_string() },
        };
        ask(app, request);
        tray::refresh(app);
        timer::poke(app);
    }
    if launch.review {
        ask(app, Request::Review);
    } else if !launch.hidden {
        show(app);
    }
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
