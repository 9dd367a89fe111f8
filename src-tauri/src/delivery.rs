//! Whether the system will show the app's toasts, which each OS decides its own way: macOS asks
//! the user once (UNUserNotificationCenter) and may be refused; Windows shows the toasts of an
//! app it knows by the Start menu entry its installer makes, so a copy run without installing
//! stays silent; a Linux desktop needs a notification service on the session bus. The settings
//! screen says which, and what to do; nothing else waits on it.

use bokseup_core::lang::Lang;
use bokseup_core::session::ToastProblem;
#[cfg(any(target_os = "windows", test))]
use std::path::{Path, PathBuf};

/// What stands between a reminder and the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(any(target_os = "macos", target_os = "windows")), allow(dead_code))]
pub enum Delivery {
    /// Toasts show (or the system will ask the user the first time one is sent).
    Ready,
    /// macOS: the user turned the app's notifications off, or said no when asked.
    Refused,
    /// Windows: this copy of the app was not installed, and Windows drops its toasts.
    Portable,
    /// Linux: no notification service is running or can be started on the session bus.
    NoService,
}

impl Delivery {
    /// What the settings screen says, and whether its button opens the system's setting.
    pub fn problem(self) -> Option<ToastProblem> {
        self.problem_in(bokseup_core::lang::current())
    }

    fn problem_in(self, lang: Lang) -> Option<ToastProblem> {
        let (text, settings) = match self {
            Delivery::Ready => return None,
            Delivery::Refused => (
                lang.pick(
                    "macOS에서 Bokseup의 알림이 꺼져 있어 복습 알림이 보이지 않습니다. 시스템 설정 › 알림 › Bokseup에서 알림을 허용해 주세요.",
                    "macOS has notifications turned off for Bokseup, so reminders cannot show. Allow them in System Settings › Notifications › Bokseup.",
                ),
                true,
            ),
            Delivery::Portable => (
                lang.pick(
                    "설치하지 않고 실행한 Bokseup에는 Windows가 알림을 보여 주지 않습니다. 설치 프로그램(-setup.exe 또는 .msi)으로 설치하면 복습 알림이 옵니다.",
                    "Windows shows no notifications from a copy of Bokseup that was not installed. Install it with its installer (-setup.exe or .msi) to get reminders.",
                ),
                false,
            ),
            Delivery::NoService => (
                lang.pick(
                    "이 데스크톱에는 알림 서비스(org.freedesktop.Notifications)가 없어 복습 알림이 보이지 않습니다. 데스크톱의 알림 데몬(dunst, mako 등)을 켜 주세요.",
                    "This desktop has no notification service (org.freedesktop.Notifications), so reminders cannot show. Start its notification daemon (dunst, mako, …).",
                ),
                false,
            ),
        };
        Some(ToastProblem { text: text.to_owned(), settings })
    }
}

/// Where toasts stand now. `product` is the app's name as its installer spells it.
pub fn current(product: &str) -> Delivery {
    imp::current(product)
}

/// Asks for permission to show toasts where the system wants it asked (macOS: the prompt the
/// system shows once; later calls change nothing). Blocks for at most a few seconds.
pub fn ask() {
    imp::ask()
}

/// Opens the system's notification settings, where there are any for the app.
pub fn open_settings() -> std::io::Result<()> {
    match settings_address() {
        Some(address) => open::that_detached(address),
        None => Err(std::io::Error::new(std::io::ErrorKind::Unsupported, "no notification settings to open")),
    }
}

/// The address that opens the system's notification settings.
fn settings_address() -> Option<&'static str> {
    if cfg!(target_os = "macos") {
        Some("x-apple.systempreferences:com.apple.preference.notifications")
    } else if cfg!(target_os = "windows") {
        Some("ms-settings:notifications")
    } else {
        None
    }
}

/// Windows: whether a shortcut named `product` sits in one of the Start menu folders `menus` or
/// a folder just inside one (where the NSIS and MSI installers put it).
#[cfg(any(target_os = "windows", test))]
fn has_shortcut(menus: &[PathBuf], product: &str) -> bool {
    let wanted = format!("{product}.lnk").to_lowercase();
    let is_shortcut = |e: &std::fs::DirEntry| e.file_name().to_string_lossy().to_lowercase() == wanted;
    let entries = |dir: &Path| std::fs::read_dir(dir).into_iter().flatten().flatten();
    menus.iter().any(|menu| {
        entries(menu).any(|e| is_shortcut(&e) || (e.path().is_dir() && entries(&e.path()).any(|f| is_shortcut(&f))))
    })
}

/// Windows: whether the app runs from a build folder (`target\debug`, `target\release`), where
/// the notification plugin sends toasts as PowerShell's, which Windows shows.
#[cfg(any(target_os = "windows", test))]
fn in_build_folder(exe: &Path) -> bool {
    let parent = |p: &Path| p.parent().and_then(|d| d.file_name()).map(|n| n.to_string_lossy().to_lowercase());
    let folder = parent(exe);
    let above = exe.parent().and_then(parent);
    matches!(folder.as_deref(), Some("debug" | "release")) && above.as_deref() == Some("target")
}

#[cfg(target_os = "linux")]
mod imp {
    use super::Delivery;

    pub fn current(_product: &str) -> Delivery {
        const SERVICE: &str = "org.freedesktop.Notifications";
        if crate::bus::has_owner(SERVICE) || crate::bus::activatable(SERVICE) {
            Delivery::Ready
        } else {
            Delivery::NoService
        }
    }

    pub fn ask() {}
}

#[cfg(target_os = "windows")]
mod imp {
    use super::{has_shortcut, in_build_folder, Delivery};
    use std::path::PathBuf;

    pub fn current(product: &str) -> Delivery {
        if std::env::current_exe().is_ok_and(|exe| in_build_folder(&exe)) {
            return Delivery::Ready;
        }
        let menus: Vec<PathBuf> = ["APPDATA", "ProgramData"]
            .iter()
            .filter_map(std::env::var_os)
            .map(|root| PathBuf::from(root).join(r"Microsoft\Windows\Start Menu\Programs"))
            .collect();
        if has_shortcut(&menus, product) {
            Delivery::Ready
        } else {
            Delivery::Portable
        }
    }

    pub fn ask() {}
}

#[cfg(target_os = "macos")]
mod imp {
    use super::Delivery;
    use block2::RcBlock;
    use objc2::runtime::Bool;
    use objc2_foundation::{NSBundle, NSError};
    use objc2_user_notifications::{
        UNAuthorizationOptions, UNAuthorizationStatus, UNNotificationSettings, UNUserNotificationCenter,
    };
    use std::ptr::NonNull;
    use std::sync::mpsc;
    use std::time::Duration;

    /// UNUserNotificationCenter raises for a process outside an app bundle (`cargo run`), whose
    /// toasts the notification plugin sends as Terminal's anyway.
    #[allow(unused_unsafe)]
    fn bundled() -> bool {
        unsafe { NSBundle::mainBundle().bundleIdentifier() }.is_some()
    }

    /// The user's answer so far; `None` outside a bundle or when the system does not say in time.
    #[allow(unused_unsafe)]
    fn status() -> Option<UNAuthorizationStatus> {
        if !bundled() {
            return None;
        }
        let (sender, answer) = mpsc::sync_channel(1);
        let read = RcBlock::new(move |settings: NonNull<UNNotificationSettings>| {
            // SAFETY: the framework hands a valid settings object for the duration of the call.
            let _ = sender.try_send(unsafe { settings.as_ref().authorizationStatus() });
        });
        unsafe {
            UNUserNotificationCenter::currentNotificationCenter().getNotificationSettingsWithCompletionHandler(&read)
        };
        answer.recv_timeout(Duration::from_secs(3)).ok()
    }

    pub fn current(_product: &str) -> Delivery {
        match status() {
            Some(UNAuthorizationStatus::Denied) => Delivery::Refused,
            _ => Delivery::Ready,
        }
    }

    #[allow(unused_unsafe)]
    pub fn ask() {
        if status() != Some(UNAuthorizationStatus::NotDetermined) {
            return;
        }
        let (sender, answer) = mpsc::sync_channel(1);
        let answered = RcBlock::new(move |_granted: Bool, _error: *mut NSError| {
            let _ = sender.try_send(());
        });
        let wanted = UNAuthorizationOptions::Alert | UNAuthorizationOptions::Sound | UNAuthorizationOptions::Badge;
        unsafe {
            UNUserNotificationCenter::currentNotificationCenter()
                .requestAuthorizationWithOptions_completionHandler(wanted, &answered)
        };
        // The prompt waits for the user; the app does not.
        let _ = answer.recv_timeout(Duration::from_secs(1));
    }
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
mod imp {
    use super::Delivery;

    pub fn current(_product: &str) -> Delivery {
        Delivery::Ready
    }

    pub fn ask() {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_installed_copy_is_known_by_its_start_menu_shortcut() {
        let tmp = tempfile::tempdir().unwrap();
        let user = tmp.path().join("사용자/Start Menu/Programs");
        let all = tmp.path().join("ProgramData/Start Menu/Programs");
        std::fs::create_dir_all(user.join("Accessories")).unwrap();
        std::fs::create_dir_all(&all).unwrap();
        std::fs::write(user.join("Accessories/Notepad.lnk"), "").unwrap();
        let menus = [user.clone(), all.clone()];
        assert!(!has_shortcut(&menus, "Bokseup"), "no shortcut: a portable copy");
        std::fs::write(all.join("bokseup.LNK"), "").unwrap();
        assert!(has_shortcut(&menus, "Bokseup"), "the MSI's shortcut, for every user");
        std::fs::remove_file(all.join("bokseup.LNK")).unwrap();
        std::fs::create_dir_all(user.join("Bokseup")).unwrap();
        std::fs::write(user.join("Bokseup/Bokseup.lnk"), "").unwrap();
        assert!(has_shortcut(&menus, "Bokseup"), "NSIS's shortcut in its own Start menu folder");
        assert!(!has_shortcut(&[tmp.path().join("없음")], "Bokseup"), "a missing folder is no shortcut");
    }

    #[test]
    fn a_build_folder_is_not_a_portable_copy() {
        assert!(in_build_folder(Path::new("/src/bokseup/target/debug/bokseup-app.exe")));
        assert!(in_build_folder(Path::new("/src/bokseup/target/release/bokseup-app.exe")));
        assert!(!in_build_folder(Path::new("/Users/나/Downloads/Bokseup/bokseup-app.exe")));
        assert!(!in_build_folder(Path::new("/debug/bokseup-app.exe")));
    }

    #[test]
    fn each_problem_says_what_to_do_in_both_languages() {
        assert_eq!(Delivery::Ready.problem(), None);
        let refused = Delivery::Refused.problem_in(Lang::En).unwrap();
        assert!(refused.settings && refused.text.contains("System Settings"), "{refused:?}");
        assert!(Delivery::Refused.problem_in(Lang::Ko).unwrap().text.contains("시스템 설정"));
        assert!(Delivery::Portable.problem_in(Lang::En).unwrap().text.contains("installer"));
        assert!(Delivery::Portable.problem_in(Lang::Ko).unwrap().text.contains("설치 프로그램"));
        assert!(!Delivery::NoService.problem_in(Lang::En).unwrap().settings);
        assert!(Delivery::NoService.problem_in(Lang::Ko).unwrap().text.contains("알림 서비스"));
    }

    #[test]
    fn the_settings_button_opens_the_system_s_own_page() {
        assert_eq!(settings_address().is_some(), cfg!(any(target_os = "macos", target_os = "windows")));
    }
}
