//! Today's due count on the dock or taskbar icon, updated with the tray and cleared at 0. Linux
//! docks (Ubuntu's, Plank, KDE's task manager, Dash to Dock) read the Unity LauncherEntry D-Bus
//! signal for the app's desktop entry; macOS shows the count on the Dock icon (Tauri's badge);
//! Windows has no badge, so the count is drawn here as the taskbar button's overlay icon.

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

/// The overlay icon's side, in pixels (Windows shows it at 16 and scales this down crisply).
pub const OVERLAY: u32 = 32;

/// Windows' overlay icon for `count`: the count in white on a red disc, RGBA, [`OVERLAY`]
/// pixels a side; "99+" beyond 99; `None` at 0 (no overlay).
#[cfg_attr(not(target_os = "windows"), allow(dead_code))]
pub fn overlay(count: usize) -> Option<Vec<u8>> {
    if count == 0 {
        return None;
    }
    // 3×5 digits, a row per nibble-ish line: each row's 3 bits, left to right.
    const DIGITS: [[u8; 5]; 11] = [
        [7, 5, 5, 5, 7],
        [2, 6, 2, 2, 7],
        [7, 1, 7, 4, 7],
        [7, 1, 7, 1, 7],
        [5, 5, 7, 1, 1],
        [7, 4, 7, 1, 7],
        [7, 4, 7, 5, 7],
        [7, 1, 1, 1, 1],
        [7, 5, 7, 5, 7],
        [7, 5, 7, 1, 7],
        [0, 2, 7, 2, 0], // "+"
    ];
    let glyphs: Vec<usize> = match count {
        1..=99 => count.to_string().bytes().map(|b| (b - b'0') as usize).collect(),
        _ => vec![9, 9, 10],
    };
    let side = OVERLAY as i32;
    let mut rgba = vec![0u8; (side * side * 4) as usize];
    let mut put = |x: i32, y: i32, colour: [u8; 4]| {
        if (0..side).contains(&x) && (0..side).contains(&y) {
            let at = ((y * side + x) * 4) as usize;
            rgba[at..at + 4].copy_from_slice(&colour);
        }
    };
    let (c, r) = (side as f32 / 2.0 - 0.5, side as f32 / 2.0);
    for y in 0..side {
        for x in 0..side {
            if ((x as f32 - c).powi(2) + (y as f32 - c).powi(2)).sqrt() <= r {
                put(x, y, [0xd9, 0x30, 0x25, 0xff]);
            }
        }
    }
    // Each glyph pixel is a `scale`-pixel square; glyphs are a pixel apart, centred.
    let scale = if glyphs.len() == 1 {
        4
    } else if glyphs.len() == 2 {
        3
    } else {
        2
    };
    let width = (glyphs.len() as i32 * 4 - 1) * scale;
    let (left, top) = ((side - width) / 2, (side - 5 * scale) / 2);
    for (i, g) in glyphs.iter().enumerate() {
        for (row, bits) in DIGITS[*g].iter().enumerate() {
            for col in 0..3 {
                if bits & (4 >> col) != 0 {
                    for dy in 0..scale {
                        for dx in 0..scale {
                            let x = left + (i as i32 * 4 + col) * scale + dx;
                            put(x, top + row as i32 * scale + dy, [0xff, 0xff, 0xff, 0xff]);
                        }
                    }
                }
            }
        }
    }
    Some(rgba)
}

#[cfg(target_os = "linux")]
mod imp {
    use super::{launcher_properties, LauncherValue, APP_URI};
    use gio::prelude::*;
    use tauri::{AppHandle, Runtime};

    pub fn show<R: Runtime>(_app: &AppHandle<R>, count: usize) -> bool {
        let Some(bus) = crate::bus::session() else { return false };
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

#[cfg(target_os = "windows")]
mod imp {
    use tauri::image::Image;
    use tauri::{AppHandle, Manager, Runtime};

    pub fn show<R: Runtime>(app: &AppHandle<R>, count: usize) -> bool {
        let Some(window) = app.get_webview_window("main") else { return false };
        let icon = super::overlay(count).map(|rgba| Image::new_owned(rgba, super::OVERLAY, super::OVERLAY));
        window.set_overlay_icon(icon).is_ok()
    }
}

#[cfg(not(any(target_os = "linux", target_os = "windows")))]
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

    /// The overlay as text: `#` white, `o` red, `.` clear.
    fn picture(rgba: &[u8]) -> Vec<String> {
        rgba.chunks(4)
            .map(|p| match p {
                [0xff, 0xff, 0xff, 0xff] => '#',
                [_, _, _, 0xff] => 'o',
                _ => '.',
            })
            .collect::<Vec<char>>()
            .chunks(OVERLAY as usize)
            .map(|row| row.iter().collect())
            .collect()
    }

    #[test]
    fn windows_overlay_draws_the_count_on_a_red_disc() {
        assert_eq!(overlay(0), None);
        let one = picture(&overlay(1).unwrap());
        assert_eq!(one.len(), OVERLAY as usize);
        assert!(one[0].starts_with('.') && one[16].starts_with('o'), "a disc with clear corners");
        let white = |p: &[String]| p.iter().map(|r| r.matches('#').count()).sum::<usize>();
        // "1" is 8 pixels of the 3×5 font, each 4×4 here.
        assert_eq!(white(&one), 8 * 16);
        // Two digits at scale 3: "12" is 8 + 11 pixels, each 3×3.
        assert_eq!(white(&picture(&overlay(12).unwrap())), (8 + 11) * 9);
        // Beyond 99, "99+" at scale 2: 12 + 12 + 5 pixels, each 2×2.
        assert_eq!(white(&picture(&overlay(250).unwrap())), (12 + 12 + 5) * 4);
        assert_eq!(overlay(250), overlay(100));
    }
}
