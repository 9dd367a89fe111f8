//! The user's settings, checked before they are kept, and the window's one-time offers.

use super::{Change, ReminderStatus, Session};
use crate::error::Result;
use crate::lang::Lang;
use crate::settings::{keys, Settings, Theme, WeekStart};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// How the window looks and speaks, from the settings and the system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Appearance {
    /// The language to speak (the system's when the setting is "auto").
    pub lang: Lang,
    /// Light, dark, or the system's.
    pub theme: Theme,
    /// The first day of the calendar's weeks.
    pub week_start: WeekStart,
}

/// Everything the settings screen shows about reminders and the desktop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DesktopStatus {
    /// Reminders and the calendar file.
    pub reminders: ReminderStatus,
    /// Why there is no tray icon, if there is none.
    pub tray_problem: Option<String>,
    /// Why the system would not show the reminders' toasts, if it would not.
    pub toast_problem: Option<ToastProblem>,
    /// Whether the app starts at login.
    pub autostart: bool,
    /// Whether to offer starting at login (once, after the first vault of the user's own).
    pub offer_autostart: bool,
    /// Where publishing to the calendar server stands (`null`: not tried in this run).
    pub publish: Option<super::PublishStatus>,
    /// Whether the system keyring holds the calendar account's app password.
    pub caldav_password: bool,
}

/// Why the system would not show the app's toasts (macOS: turned off; Windows: not installed;
/// Linux: no notification service), said for the settings screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ToastProblem {
    /// What stands in the way and what to do, in the user's language.
    pub text: String,
    /// Whether a button can open the system's notification settings to mend it.
    pub settings: bool,
}

/// A moment of the page's launch (its script loaded, the first screen's answer, a frame), said
/// with the first painted screen so the launch's profile shows where the page spent its time.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[ts(export)]
pub struct PageMoment {
    /// What the page had reached (`answer`, `painted`…).
    pub name: String,
    /// When, in milliseconds since the Unix epoch by the page's clock (`Date.now()`).
    pub at: f64,
}

/// Where the app's version stands against the project's releases (the settings' "업데이트").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct UpdateCheck {
    /// The running version.
    pub current: String,
    /// Whether this build looks for updates: only release builds carry the key that verifies
    /// them; a build of one's own never updates itself.
    pub configured: bool,
    /// Whether this installation can replace itself (not a Linux `.deb`, which the package
    /// manager updates).
    pub installable: bool,
    /// A newer release, when there is one.
    pub available: Option<UpdateOffer>,
}

/// A newer release, as its signed `latest.json` describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct UpdateOffer {
    /// Its version (`0.2.0`).
    pub version: String,
    /// When it was published (`2026-12-01`), if it says.
    pub date: Option<String>,
    /// What changed, as the release says it.
    pub notes: Option<String>,
}

impl Session {
    /// The user's settings.
    pub fn settings(&self) -> Settings {
        Settings::load(&self.store())
    }

    /// Checks and keeps new settings. A calendar file that was set or moved is written at once,
    /// so a folder that cannot be written is reported now, and nothing is kept then.
    pub fn save_settings(&self, new: &Settings, now: NaiveDateTime) -> Result<Settings> {
        let checked = new.checked()?;
        let before = self.settings();
        if let Some(path) = checked.calendar_file.as_deref() {
            let moved =
                before.calendar_file.as_deref() != Some(path) || before.first_reminder() != checked.first_reminder();
            if moved && self.app_vault_open(now) {
                self.write_calendar(Path::new(path), &checked, now)?;
            }
        }
        let saved = checked.save(&self.store())?;
        self.clock.set_rollover_hour(saved.rollover_hour);
        if saved.history_in_vault && !before.history_in_vault {
            self.history_turned_on(now)?;
        }
        if saved.calendar_file.is_none() {
            *self.lock_calendar() = Default::default();
        }
        self.announce(Change::Reminders);
        Ok(saved)
    }

    /// How the window looks and speaks.
    pub fn appearance(&self) -> Appearance {
        let settings = self.settings();
        Appearance { lang: settings.lang(), theme: settings.theme, week_start: settings.week_start }
    }

    /// Whether to offer starting at login: once, after the user opened a vault of their own.
    pub fn autostart_offer(&self) -> bool {
        let store = self.store();
        !store.flag_setting(keys::AUTOSTART_OFFERED, false) && store.current_vault().ok().flatten().is_some()
    }

    /// The offer to start at login was answered (yes or no): it is not made again.
    pub fn autostart_offered(&self) -> Result<()> {
        self.store().set_setting(keys::AUTOSTART_OFFERED, "true")
    }

    /// Whether the "still running in the tray" toast is still to be shown; true once only.
    pub fn first_hide(&self) -> bool {
        let store = self.store();
        let first = !store.flag_setting(keys::TRAY_HINT_SHOWN, false);
        let _ = store.set_setting(keys::TRAY_HINT_SHOWN, "true");
        first
    }
}
