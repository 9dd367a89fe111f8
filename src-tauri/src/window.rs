//! The main window: how it paints, and shown, focused and asked to change screen by the desktop
//! side (a toast, the tray, a second launch).

use crate::event::REQUEST_EVENT;
use bokseup_core::session::{Request, Session};
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// WebKitGTK's switch for painting without accelerated compositing.
#[cfg(target_os = "linux")]
const NO_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Chooses how the window paints; called before GTK starts. On a machine with no GPU (no DRM
/// render node: a virtual machine, a remote desktop, Xvfb) WebKitGTK composites through a
/// software GL rasterizer, which costs 150 to 700 ms a frame there against 30 to 120 ms painting
/// straight; so it paints straight, unless the user set the switch either way.
pub fn choose_painting() {
    #[cfg(target_os = "linux")]
    if paints_straight(std::env::var_os(NO_COMPOSITING).is_some(), has_render_node(std::path::Path::new("/dev/dri"))) {
        // Before GTK and WebKit start, while this is the only thread reading the environment.
        std::env::set_var(NO_COMPOSITING, "1");
    }
}

/// Whether to paint without compositing: when the user left the choice to the app and there is
/// no GPU to composite with.
#[cfg(target_os = "linux")]
fn paints_straight(user_chose: bool, render_node: bool) -> bool {
    !user_chose && !render_node
}

/// Whether `dri` (`/dev/dri`) holds a render node, the device a GPU renders through.
#[cfg(target_os = "linux")]
fn has_render_node(dri: &std::path::Path) -> bool {
    std::fs::read_dir(dri)
        .is_ok_and(|entries| entries.flatten().any(|e| e.file_name().to_string_lossy().starts_with("renderD")))
}

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

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::{has_render_node, paints_straight};

    #[test]
    fn without_a_gpu_the_window_paints_straight_unless_the_user_chose() {
        assert!(paints_straight(false, false));
        assert!(!paints_straight(false, true), "a GPU composites");
        assert!(!paints_straight(true, false), "the user's choice stands");
        assert!(!paints_straight(true, true));
    }

    #[test]
    fn a_render_node_is_a_renderd_device_in_the_dri_folder() {
        let dri = tempfile::tempdir().unwrap();
        assert!(!has_render_node(&dri.path().join("absent")), "no folder, no GPU");
        std::fs::write(dri.path().join("card0"), "").unwrap();
        assert!(!has_render_node(dri.path()), "a display card alone renders nothing here");
        std::fs::write(dri.path().join("renderD128"), "").unwrap();
        assert!(has_render_node(dri.path()));
    }
}
