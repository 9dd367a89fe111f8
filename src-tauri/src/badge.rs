//! Today's due count on the dock or taskbar icon, updated with the tray and cleared at 0. Linux
//! docks (Ubuntu's, Plank, KDE's task manager, Dash to Dock) read the Unity LauncherEntry D-Bus
//! signal for the app's desktop entry; macOS shows the count on the Dock icon and Windows as the
//! taskbar button's overlay, both through Tauri.

use tauri::{AppHandle, Manager, Runtime};

/// The installed desktop entry (`/usr/share/applications/Bokseup.desktop`), as docks name apps.
pub const APP_URI: &str = "application://Bokseup.desktop";

/// The last count shown, so an unchanged count sends nothing.
#[derive(Default)]
pub struct Badge(std::sync::Mutex<Option<usize>>);

/// Shows `count` on the app's icon (nothing at 0).
pub fn show<R: Runtime>(app: &AppHandle<R>, count: usize) {
    let Some(badge) = app.try_state::<Badge>() else { return };
    let mut shown = badge.0.lock().unwrap_or_else(|e| e.into_inner());
    if *shown == Some(count) {
        return;
    }
    if imp::show(app, count) {
        *shown = Some(count);
    }
}

/// What the LauncherEntry signal says for `count`: `count` and whether to show it.
pub fn launcher_properties(count: usize) -> [(&'static str, LauncherValue); 2] {
    [("count", LauncherValue::Count(count as i64)), ("count-visible", LauncherValue::Visible(count > 0))]
}

/// A value of the LauncherEntry signal's properties.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LauncherValue {
    /// `count` (x).
    Count(i64),
    /// `count-visible` (b).
    Visible(bool),
}

#[cfg(target_os = "linux")]
mod imp {
    use super::{launcher_properties, LauncherValue, APP_URI};
    use gio::prelude::*;
    use tauri::{AppHandle, Runtime};

    pub fn show<R: Runtime>(_app: &AppHandle<R>, count: usize) -> bool {
        let Ok(bus) = gio::bus_get_sync(gio::BusType::Session, None::<&gio::Cancellable>) else { return false };
        let props = glib::VariantDict::new(None);
        for (key, value) in launcher_properties(count) {
            match value {
                LauncherValue::Count(n) => props.insert(key, n),
                LauncherValue::Visible(b) => props.insert(key, b),
            }
        }
        let args = (APP_URI, props.end()).to_variant();
        bus.emit_signal(
            None,
            "/com/canonical/unity/launcherentry/bokseup",
            "com.canonical.Unity.LauncherEntry",
            "Update",
            Some(&args),
        )
        .is_ok()
    }
}

#[cfg(not(target_os = "linux"))]
mod imp {
    use tauri::{AppHandle, Manager, Runtime};

    pub fn show<R: Runtime>(app: &AppHandle<R>, count: usize) -> bool {
        let Some(window) = app.get_webview_window("main") else { return false };
        let count = (count > 0).then_some(count as i64);
        window.set_badge_count(count).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_count_shows_and_hides_at_zero() {
        assert_eq!(
            launcher_properties(3),
            [("count", LauncherValue::Count(3)), ("count-visible", LauncherValue::Visible(true))]
        );
        assert_eq!(launcher_properties(0)[1], ("count-visible", LauncherValue::Visible(false)));
    }
}
