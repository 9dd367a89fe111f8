//! The user's settings: what the settings screen and `bokseup settings` show and change, kept in
//! the store as text, checked before they are kept so that a bad value never reaches the timer.

use crate::error::{Error, Result};
use crate::reminder::{self, format_time, parse_times};
use crate::store::{Store, DEFAULT_ROLLOVER_HOUR, ROLLOVER_SETTING};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The store keys of the settings, and of the app's own remembered choices.
pub mod keys {
    /// Reminders on or off.
    pub const REMINDERS: &str = "reminders";
    /// Reminder times, `09:00,21:00`.
    pub const REMINDER_TIMES: &str = "reminder_times";
    /// The fewest due notes worth a reminder.
    pub const MIN_DUE: &str = "reminder_min_due";
    /// Closing the window keeps the app in the tray.
    pub const KEEP_RUNNING: &str = "keep_running";
    /// The `.ics` file the app keeps up to date.
    pub const CALENDAR_FILE: &str = "calendar_file";
    /// "1시간 뒤에": remind again at.
    pub const SNOOZE: &str = "reminder_snooze";
    /// "알림 끄기": silent until.
    pub const MUTE_UNTIL: &str = "reminder_mute_until";
    /// Start at login was offered once.
    pub const AUTOSTART_OFFERED: &str = "autostart_offered";
    /// The "still running in the tray" toast was shown once.
    pub const TRAY_HINT_SHOWN: &str = "tray_hint_shown";
}

/// Every setting the user can change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Settings {
    /// The hour the review day starts (0–23; 4 by default, as in Anki).
    pub rollover_hour: u32,
    /// Reminders on or off (on by default).
    pub reminders: bool,
    /// Reminder times of the day, `HH:MM` (09:00 and 21:00 by default).
    pub reminder_times: Vec<String>,
    /// The fewest due notes worth a reminder (1 by default).
    pub min_due: u32,
    /// Closing the window keeps the app running in the tray while reminders are on (on by
    /// default).
    pub keep_running: bool,
    /// An `.ics` file kept up to date for a phone's calendar (none by default).
    pub calendar_file: Option<String>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            rollover_hour: DEFAULT_ROLLOVER_HOUR,
            reminders: true,
            reminder_times: reminder::DEFAULT_TIMES.iter().map(|t| t.to_string()).collect(),
            min_due: 1,
            keep_running: true,
            calendar_file: None,
        }
    }
}

impl Settings {
    /// The settings kept in `store`; a value that is missing or unreadable gives its default.
    pub fn load(store: &Store) -> Settings {
        let default = Settings::default();
        let text = |key: &str| store.setting(key).ok().flatten();
        let times = text(keys::REMINDER_TIMES)
            .and_then(|t| parse_times(&t).ok())
            .map(|times| times.into_iter().map(format_time).collect())
            .unwrap_or(default.reminder_times);
        Settings {
            rollover_hour: store.rollover_hour(),
            reminders: store.flag_setting(keys::REMINDERS, default.reminders),
            reminder_times: times,
            min_due: text(keys::MIN_DUE).and_then(|v| v.parse().ok()).filter(|n| (1..=999).contains(n)).unwrap_or(1),
            keep_running: store.flag_setting(keys::KEEP_RUNNING, default.keep_running),
            calendar_file: text(keys::CALENDAR_FILE).filter(|p| !p.is_empty()),
        }
    }

    /// The settings made tidy (times sorted as `HH:MM`, an empty file name as none), or the
    /// reason they cannot be kept, said so the user knows what to type instead.
    pub fn checked(&self) -> Result<Settings> {
        if self.rollover_hour > 23 {
            return Err(Error::Invalid(format!(
                "하루가 시작되는 시각은 0시에서 23시 사이여야 합니다 ({}시는 없습니다)",
                self.rollover_hour
            )));
        }
        let times = parse_times(&self.reminder_times.join(",")).map_err(|bad| {
            Error::Invalid(format!(
                "알림 시각 형식이 아닙니다: \"{bad}\". 24시간제 HH:MM으로 적으세요 (예: 09:00, 21:30)"
            ))
        })?;
        if self.reminders && times.is_empty() {
            return Err(Error::Invalid("알림 시각을 하나 이상 정하세요 (예: 09:00)".into()));
        }
        if !(1..=999).contains(&self.min_due) {
            return Err(Error::Invalid(format!(
                "알림을 보낼 최소 노트 수는 1에서 999 사이여야 합니다 ({}은 안 됩니다)",
                self.min_due
            )));
        }
        let calendar_file = match self.calendar_file.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            None => None,
            Some(path) => Some(check_calendar_file(Path::new(path))?.to_string_lossy().into_owned()),
        };
        Ok(Settings { reminder_times: times.into_iter().map(format_time).collect(), calendar_file, ..self.clone() })
    }

    /// Keeps the settings in `store`, after [`Settings::checked`].
    pub fn save(&self, store: &Store) -> Result<Settings> {
        let s = self.checked()?;
        store.set_setting(ROLLOVER_SETTING, &s.rollover_hour.to_string())?;
        store.set_setting(keys::REMINDERS, &s.reminders.to_string())?;
        store.set_setting(keys::REMINDER_TIMES, &s.reminder_times.join(","))?;
        store.set_setting(keys::MIN_DUE, &s.min_due.to_string())?;
        store.set_setting(keys::KEEP_RUNNING, &s.keep_running.to_string())?;
        store.set_setting(keys::CALENDAR_FILE, s.calendar_file.as_deref().unwrap_or(""))?;
        Ok(s)
    }

    /// What the reminder planner needs.
    pub fn reminder(&self) -> reminder::Settings {
        reminder::Settings {
            enabled: self.reminders,
            times: parse_times(&self.reminder_times.join(",")).unwrap_or_default(),
            min_due: self.min_due as usize,
        }
    }

    /// Whether closing the window hides it (the app runs on in the tray): only while reminders
    /// are on, since otherwise nothing runs in the background.
    pub fn hides_on_close(&self) -> bool {
        self.keep_running && self.reminders
    }

    /// The first reminder time: when the calendar's events and alarms are.
    pub fn first_reminder(&self) -> chrono::NaiveTime {
        self.reminder()
            .times
            .first()
            .copied()
            .unwrap_or_else(|| chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default())
    }

    /// Changes one setting by its command-line name (`bokseup settings NAME VALUE`).
    pub fn set(&mut self, name: &str, value: &str) -> Result<()> {
        let on_off = |v: &str| match v {
            "on" | "true" | "켜기" | "yes" => Ok(true),
            "off" | "false" | "끄기" | "no" => Ok(false),
            _ => Err(Error::Invalid(format!("{name}: on 또는 off로 적으세요 (\"{v}\"는 알 수 없습니다)"))),
        };
        let number =
            |v: &str| v.trim().parse::<u32>().map_err(|_| Error::Invalid(format!("{name}: 숫자가 아닙니다: \"{v}\"")));
        match name {
            "rollover-hour" => self.rollover_hour = number(value)?,
            "reminders" => self.reminders = on_off(value)?,
            "reminder-times" => self.reminder_times = value.split(',').map(|t| t.trim().to_string()).collect(),
            "min-due" => self.min_due = number(value)?,
            "keep-running" => self.keep_running = on_off(value)?,
            "calendar-file" => {
                self.calendar_file = (!matches!(value, "" | "none" | "없음")).then(|| value.to_string())
            }
            _ => {
                return Err(Error::Invalid(format!(
                    "알 수 없는 설정입니다: {name} (rollover-hour, reminders, reminder-times, min-due, keep-running, calendar-file)"
                )))
            }
        }
        Ok(())
    }

    /// The settings as `bokseup settings` prints them: one `name: value` line each.
    pub fn describe(&self) -> String {
        let on_off = |b: bool| if b { "on" } else { "off" };
        format!(
            "rollover-hour: {}\nreminders: {}\nreminder-times: {}\nmin-due: {}\nkeep-running: {}\ncalendar-file: {}\n",
            self.rollover_hour,
            on_off(self.reminders),
            self.reminder_times.join(", "),
            self.min_due,
            on_off(self.keep_running),
            self.calendar_file.as_deref().unwrap_or("none")
        )
    }
}

/// A calendar file must be an absolute `.ics` path in a folder that exists.
fn check_calendar_file(path: &Path) -> Result<PathBuf> {
    let is_ics = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ics"));
    if !path.is_absolute() || !is_ics || path.file_name().is_none() {
        return Err(Error::Invalid(format!(
            "캘린더 파일은 .ics로 끝나는 전체 경로여야 합니다 (예: /home/me/Sync/복습.ics): {}",
            path.display()
        )));
    }
    let folder = path.parent().unwrap_or(Path::new("/"));
    if !folder.is_dir() {
        return Err(Error::Invalid(format!("캘린더 파일을 둘 폴더가 없습니다: {}", folder.display())));
    }
    if path.is_dir() {
        return Err(Error::Invalid(format!("같은 이름의 폴더가 있습니다: {}", path.display())));
    }
    Ok(path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_then_saved_values_survive_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("b.sqlite3");
        let store = Store::open(&db).unwrap();
        let defaults = Settings::load(&store);
        assert_eq!(defaults, Settings::default());
        assert_eq!(defaults.reminder_times, ["09:00", "21:00"]);
        assert!(defaults.hides_on_close());
        let ics = dir.path().join("복습.ics");
        let mine = Settings {
            rollover_hour: 5,
            reminders: true,
            reminder_times: vec!["21:30".into(), "7:05".into(), "07:05".into()],
            min_due: 3,
            keep_running: false,
            calendar_file: Some(ics.to_string_lossy().into()),
        };
        let saved = mine.save(&store).unwrap();
        assert_eq!(saved.reminder_times, ["07:05", "21:30"]);
        drop(store);
        let store = Store::open(&db).unwrap();
        assert_eq!(Settings::load(&store), saved);
        assert_eq!(store.rollover_hour(), 5);
        assert!(!saved.hides_on_close());
        assert_eq!(saved.first_reminder().to_string(), "07:05:00");
    }

    #[test]
    fn bad_values_are_refused_with_what_to_do() {
        let store = Store::open_in_memory().unwrap();
        let base = Settings::default();
        let refused = |s: Settings| s.save(&store).unwrap_err().to_string();
        assert!(refused(Settings { reminder_times: vec!["9시".into()], ..base.clone() }).contains("\"9시\""));
        assert!(refused(Settings { reminder_times: vec!["25:00".into()], ..base.clone() }).contains("HH:MM"));
        assert!(refused(Settings { reminder_times: vec![], ..base.clone() }).contains("하나 이상"));
        assert!(refused(Settings { rollover_hour: 24, ..base.clone() }).contains("0시에서 23시"));
        assert!(refused(Settings { min_due: 0, ..base.clone() }).contains("1에서 999"));
        let missing = refused(Settings { calendar_file: Some("/no/such/folder/a.ics".into()), ..base.clone() });
        assert!(missing.contains("폴더가 없습니다: /no/such/folder"), "{missing}");
        assert!(refused(Settings { calendar_file: Some("relative.ics".into()), ..base.clone() }).contains(".ics"));
        assert!(refused(Settings { calendar_file: Some("/tmp/a.txt".into()), ..base.clone() }).contains(".ics"));
        // Nothing was kept.
        assert_eq!(Settings::load(&store), base);
        // Reminders off may have no times.
        assert!(Settings { reminders: false, reminder_times: vec![], ..base }.save(&store).is_ok());
    }

    #[test]
    fn set_by_name_as_the_command_line_does() {
        let mut s = Settings::default();
        s.set("reminder-times", "8:00, 20:00").unwrap();
        s.set("reminders", "off").unwrap();
        s.set("min-due", "2").unwrap();
        s.set("calendar-file", "none").unwrap();
        assert_eq!(s.checked().unwrap().reminder_times, ["08:00", "20:00"]);
        assert!(!s.reminders);
        assert!(s.set("min-due", "two").unwrap_err().to_string().contains("숫자가 아닙니다"));
        assert!(s.set("bogus", "1").unwrap_err().to_string().contains("알 수 없는 설정"));
        assert!(s.set("reminders", "maybe").is_err());
        assert!(s.describe().contains("reminder-times: 8:00, 20:00\n"));
    }
}
