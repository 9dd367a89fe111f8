//! The user's settings: what the settings screen and `bokseup settings` show and change, kept in
//! the store as text, checked before they are kept so that a bad value never reaches the timer.

use crate::error::{Error, Result};
use crate::lang::{tf, tr, Lang};
use crate::plan::{Exam, Limit};
use crate::reminder::{self, format_time, parse_times};
use crate::store::{Store, DEFAULT_ROLLOVER_HOUR, ROLLOVER_SETTING};
use crate::week::{self, Break, Ease, Week};
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
    /// The first day of the calendar's weeks.
    pub const WEEK_START: &str = "week_start";
    /// The app's language.
    pub const LANGUAGE: &str = "language";
    /// Light or dark.
    pub const THEME: &str = "theme";
    /// "1시간 뒤에": remind again at.
    pub const SNOOZE: &str = "reminder_snooze";
    /// "알림 끄기": silent until.
    pub const MUTE_UNTIL: &str = "reminder_mute_until";
    /// Start at login was offered once.
    pub const AUTOSTART_OFFERED: &str = "autostart_offered";
    /// The "still running in the tray" toast was shown once.
    pub const TRAY_HINT_SHOWN: &str = "tray_hint_shown";
    /// The review history is kept in the vault too (`.bokseup/history`).
    pub const HISTORY_IN_VAULT: &str = "history_in_vault";
    /// The daily limit, `20` (notes) or `45m` (minutes).
    pub const DAILY_LIMIT: &str = "daily_limit";
    /// The exams, as JSON.
    pub const EXAMS: &str = "exams";
    /// The calendar server the forecast is published to, as JSON (never its password).
    pub const CALDAV: &str = "caldav";
    /// The feed for a phone on the home network, on or off.
    pub const FEED: &str = "feed";
    /// The feed's port.
    pub const FEED_PORT: &str = "feed_port";
    /// The feed's secret token (the last part of its address).
    pub const FEED_TOKEN: &str = "feed_token";
    /// The easy days, `sat=light,sun=free`.
    pub const EASY_DAYS: &str = "easy_days";
    /// The break, `2024-10-28..2024-10-30`.
    pub const BREAK: &str = "break";
    /// The reminder comes back until today's share is done.
    pub const UNTIL_DONE: &str = "reminder_until_done";
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
    /// The first day of the calendar's weeks (Sunday by default, as Korean calendars have it).
    pub week_start: WeekStart,
    /// The app's language (the system's by default).
    pub language: Language,
    /// Light or dark (the system's by default).
    pub theme: Theme,
    /// The review history travels with the vault, in `.bokseup/history/` (on by default); off,
    /// it stays in this computer's database.
    pub history_in_vault: bool,
    /// The most a day's plan holds (20 notes by default).
    pub daily_limit: Limit,
    /// Exams to plan toward.
    pub exams: Vec<Exam>,
    /// The student's calendar server the review days are published to (none by default). Its
    /// app password lives in the system keyring, never here.
    pub caldav: Option<CalDav>,
    /// The running app serves the calendar to phones on the home network (off by default).
    pub feed: bool,
    /// The port it serves on (47613 by default).
    pub feed_port: u16,
    /// Each weekday normal, light or free, Monday first (all normal by default).
    pub easy_days: [Ease; 7],
    /// Days with no reviews and no reminders (none by default).
    pub break_days: Option<Break>,
    /// The reminder comes back at the next reminder time, and once more in the evening, while
    /// today's share is not done; the tray stays marked (off by default).
    pub until_done: bool,
}

/// A calendar account the review days are published to over CalDAV.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CalDav {
    /// The service, as the settings screen's list names it (`icloud`, `naver`, `nextcloud`,
    /// `fastmail`, `other`).
    pub provider: String,
    /// The server's or the calendar's URL.
    pub url: String,
    /// The account's user name.
    pub user: String,
}

/// The first day of a week in the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum WeekStart {
    /// 일요일.
    Sunday,
    /// 월요일.
    Monday,
}

/// The language setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Language {
    /// The system's: Korean where the locale is Korean, else English.
    Auto,
    /// 한국어.
    Ko,
    /// English.
    En,
}

/// The colour theme setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Theme {
    /// The system's light or dark preference.
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

/// Reads a setting's word, or `default` for anything else.
fn word<T: Copy>(value: Option<String>, words: &[(&str, T)], default: T) -> T {
    value.and_then(|v| words.iter().find(|(w, _)| *w == v).map(|(_, t)| *t)).unwrap_or(default)
}

const WEEK_STARTS: [(&str, WeekStart); 2] = [("sunday", WeekStart::Sunday), ("monday", WeekStart::Monday)];
const LANGUAGES: [(&str, Language); 3] = [("auto", Language::Auto), ("ko", Language::Ko), ("en", Language::En)];
const THEMES: [(&str, Theme); 3] = [("system", Theme::System), ("light", Theme::Light), ("dark", Theme::Dark)];

/// The word a setting's value is kept and typed as.
fn word_of<T: PartialEq + Copy>(value: T, words: &[(&'static str, T)]) -> &'static str {
    words.iter().find(|(_, t)| *t == value).map_or("", |(w, _)| w)
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
            week_start: WeekStart::Sunday,
            language: Language::Auto,
            theme: Theme::System,
            history_in_vault: true,
            daily_limit: Limit::default(),
            exams: Vec::new(),
            caldav: None,
            feed: false,
            feed_port: crate::feed::DEFAULT_PORT,
            easy_days: [Ease::Normal; 7],
            break_days: None,
            until_done: false,
        }
    }
}

/// A daily limit as typed and kept: `20` for notes, `45m` (or `45분`) for minutes.
pub fn parse_limit(text: &str) -> Option<Limit> {
    let t = text.trim();
    match t.strip_suffix('m').or_else(|| t.strip_suffix("분")).or_else(|| t.strip_suffix("min")) {
        Some(m) => m.trim().parse().ok().map(Limit::Minutes),
        None => t.strip_suffix("개").unwrap_or(t).trim().parse().ok().map(Limit::Notes),
    }
}

/// A daily limit as kept and typed back.
pub fn format_limit(limit: Limit) -> String {
    match limit {
        Limit::Notes(n) => n.to_string(),
        Limit::Minutes(m) => format!("{m}m"),
    }
}

impl Settings {
    /// The break kept in `store`, read alone: the reminders ask on every wake.
    pub fn load_break(store: &Store) -> Option<Break> {
        store.setting(keys::BREAK).ok().flatten().and_then(|t| week::parse_break(&t).ok()).flatten()
    }

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
            week_start: word(text(keys::WEEK_START), &WEEK_STARTS, default.week_start),
            language: word(text(keys::LANGUAGE), &LANGUAGES, default.language),
            theme: word(text(keys::THEME), &THEMES, default.theme),
            history_in_vault: store.flag_setting(keys::HISTORY_IN_VAULT, default.history_in_vault),
            daily_limit: text(keys::DAILY_LIMIT).and_then(|t| parse_limit(&t)).unwrap_or(default.daily_limit),
            exams: text(keys::EXAMS).and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default(),
            caldav: text(keys::CALDAV).and_then(|t| serde_json::from_str(&t).ok()),
            feed: store.flag_setting(keys::FEED, default.feed),
            feed_port: text(keys::FEED_PORT)
                .and_then(|t| t.parse().ok())
                .filter(|p| *p >= 1024)
                .unwrap_or(default.feed_port),
            easy_days: text(keys::EASY_DAYS).and_then(|t| week::parse_easy_days(&t).ok()).unwrap_or(default.easy_days),
            break_days: Settings::load_break(store),
            until_done: store.flag_setting(keys::UNTIL_DONE, default.until_done),
        }
    }

    /// The student's week: what the plan and the reminders follow.
    pub fn week(&self) -> Week {
        Week { easy: self.easy_days, break_days: self.break_days }
    }

    /// The language the app speaks with these settings.
    pub fn lang(&self) -> Lang {
        match self.language {
            Language::Auto => Lang::of_system(),
            Language::Ko => Lang::Ko,
            Language::En => Lang::En,
        }
    }

    /// The settings made tidy (times sorted as `HH:MM`, an empty file name as none), or the
    /// reason they cannot be kept, said so the user knows what to type instead.
    pub fn checked(&self) -> Result<Settings> {
        if self.rollover_hour > 23 {
            let hour = self.rollover_hour;
            return Err(Error::Invalid(tf(
                format!("하루가 시작되는 시각은 0시에서 23시 사이여야 합니다 ({hour}시는 없습니다)"),
                format!("The hour the day starts must be from 0 to 23 (there is no {hour} o'clock)"),
            )));
        }
        let times = parse_times(&self.reminder_times.join(",")).map_err(|bad| {
            Error::Invalid(tf(
                format!("알림 시각 형식이 아닙니다: \"{bad}\". 24시간제 HH:MM으로 적으세요 (예: 09:00, 21:30)"),
                format!("Not a reminder time: \"{bad}\". Write it as 24-hour HH:MM (09:00, 21:30)"),
            ))
        })?;
        if self.reminders && times.is_empty() {
            return Err(Error::Invalid(
                tr("알림 시각을 하나 이상 정하세요 (예: 09:00)", "Set at least one reminder time (09:00)").into(),
            ));
        }
        if !(1..=999).contains(&self.min_due) {
            let n = self.min_due;
            return Err(Error::Invalid(tf(
                format!("알림을 보낼 최소 노트 수는 1에서 999 사이여야 합니다 ({n}은 안 됩니다)"),
                format!("The fewest notes worth a reminder must be from 1 to 999 (not {n})"),
            )));
        }
        check_limit(self.daily_limit)?;
        check_week(&self.week())?;
        let mut exams = Vec::new();
        for exam in &self.exams {
            exams.push(check_exam(exam)?);
        }
        let calendar_file = match self.calendar_file.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            None => None,
            Some(path) => Some(check_calendar_file(Path::new(path))?.to_string_lossy().into_owned()),
        };
        if self.feed_port < 1024 {
            let port = self.feed_port;
            return Err(Error::Invalid(tf(
                format!("휴대폰 구독 포트는 1024에서 65535 사이여야 합니다 ({port}은 안 됩니다)"),
                format!("The phone feed's port must be from 1024 to 65535 (not {port})"),
            )));
        }
        let caldav = match &self.caldav {
            None => None,
            Some(c) => Some(check_caldav(c)?),
        };
        Ok(Settings {
            reminder_times: times.into_iter().map(format_time).collect(),
            calendar_file,
            exams,
            caldav,
            ..self.clone()
        })
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
        store.set_setting(keys::WEEK_START, word_of(s.week_start, &WEEK_STARTS))?;
        store.set_setting(keys::LANGUAGE, word_of(s.language, &LANGUAGES))?;
        store.set_setting(keys::THEME, word_of(s.theme, &THEMES))?;
        store.set_setting(keys::HISTORY_IN_VAULT, &s.history_in_vault.to_string())?;
        store.set_setting(keys::DAILY_LIMIT, &format_limit(s.daily_limit))?;
        store.set_setting(keys::EXAMS, &serde_json::to_string(&s.exams).unwrap_or_else(|_| "[]".into()))?;
        let caldav = s.caldav.as_ref().and_then(|c| serde_json::to_string(c).ok()).unwrap_or_default();
        store.set_setting(keys::CALDAV, &caldav)?;
        store.set_setting(keys::FEED, &s.feed.to_string())?;
        store.set_setting(keys::FEED_PORT, &s.feed_port.to_string())?;
        store.set_setting(keys::EASY_DAYS, &week::format_easy_days(&s.easy_days))?;
        store.set_setting(keys::BREAK, &week::format_break(s.break_days))?;
        store.set_setting(keys::UNTIL_DONE, &s.until_done.to_string())?;
        Ok(s)
    }

    /// What the reminder planner needs.
    pub fn reminder(&self) -> reminder::Settings {
        reminder::Settings {
            enabled: self.reminders,
            times: parse_times(&self.reminder_times.join(",")).unwrap_or_default(),
            min_due: self.min_due as usize,
            until_done: self.until_done,
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
            _ => Err(Error::Invalid(tf(
                format!("{name}: on 또는 off로 적으세요 (\"{v}\"는 알 수 없습니다)"),
                format!("{name}: write on or off (\"{v}\" is neither)"),
            ))),
        };
        let number = |v: &str| {
            v.trim().parse::<u32>().map_err(|_| {
                Error::Invalid(tf(
                    format!("{name}: 숫자가 아닙니다: \"{v}\""),
                    format!("{name}: not a number: \"{v}\""),
                ))
            })
        };
        match name {
            "rollover-hour" => self.rollover_hour = number(value)?,
            "reminders" => self.reminders = on_off(value)?,
            "reminder-times" => self.reminder_times = value.split(',').map(|t| t.trim().to_string()).collect(),
            "min-due" => self.min_due = number(value)?,
            "keep-running" => self.keep_running = on_off(value)?,
            "calendar-file" => {
                self.calendar_file = (!matches!(value, "" | "none" | "없음")).then(|| value.to_string())
            }
            "week-start" => self.week_start = one_of(name, value, &WEEK_STARTS)?,
            "language" => self.language = one_of(name, value, &LANGUAGES)?,
            "theme" => self.theme = one_of(name, value, &THEMES)?,
            "history-in-vault" => self.history_in_vault = on_off(value)?,
            "feed" => self.feed = on_off(value)?,
            "feed-port" => {
                self.feed_port = number(value)?.try_into().map_err(|_| {
                    Error::Invalid(tf(format!("{name}: 65535 이하여야 합니다"), format!("{name}: at most 65535")))
                })?
            }
            "easy-days" => {
                self.easy_days = week::parse_easy_days(value).map_err(|bad| {
                    Error::Invalid(tf(
                        format!("{name}: \"{bad}\"를 알 수 없습니다. 요일=normal|light|free로 적으세요 (예: sat=light,sun=free, 모두 보통이면 none)"),
                        format!("{name}: cannot read \"{bad}\". Write day=normal|light|free (sat=light,sun=free; none for every day normal)"),
                    ))
                })?
            }
            "break" => {
                self.break_days = week::parse_break(value).map_err(|bad| {
                    Error::Invalid(tf(
                        format!("{name}: 날짜 범위가 아닙니다: \"{bad}\". 시작..끝으로 적으세요 (예: 2024-10-28..2024-10-30, 없애려면 none)"),
                        format!("{name}: not a date range: \"{bad}\". Write first..last (2024-10-28..2024-10-30; none to end it)"),
                    ))
                })?
            }
            "reminders-until-done" => self.until_done = on_off(value)?,
            "daily-limit" => {
                self.daily_limit = parse_limit(value).ok_or_else(|| {
                    Error::Invalid(tf(
                        format!("{name}: 노트 수(예: 20) 또는 분(예: 45m)으로 적으세요 (\"{value}\"는 알 수 없습니다)"),
                        format!("{name}: write a number of notes (20) or minutes (45m), not \"{value}\""),
                    ))
                })?
            }
            _ => {
                return Err(Error::Invalid(tf(
                    format!("알 수 없는 설정입니다: {name} (rollover-hour, reminders, reminder-times, min-due, keep-running, calendar-file, week-start, language, theme, history-in-vault, daily-limit, easy-days, break, reminders-until-done, feed, feed-port)"),
                    format!("No such setting: {name} (rollover-hour, reminders, reminder-times, min-due, keep-running, calendar-file, week-start, language, theme, history-in-vault, daily-limit, easy-days, break, reminders-until-done, feed, feed-port)"),
                )))
            }
        }
        Ok(())
    }

    /// The settings as `bokseup settings` prints them: one `name: value` line each.
    pub fn describe(&self) -> String {
        let on_off = |b: bool| if b { "on" } else { "off" };
        format!(
            "rollover-hour: {}\nreminders: {}\nreminder-times: {}\nreminders-until-done: {}\nmin-due: {}\nkeep-running: {}\ncalendar-file: {}\nweek-start: {}\nlanguage: {}\ntheme: {}\nhistory-in-vault: {}\ndaily-limit: {}\neasy-days: {}\nbreak: {}\ncaldav: {}\nfeed: {}\nfeed-port: {}\n",
            self.rollover_hour,
            on_off(self.reminders),
            self.reminder_times.join(", "),
            on_off(self.until_done),
            self.min_due,
            on_off(self.keep_running),
            self.calendar_file.as_deref().unwrap_or("none"),
            word_of(self.week_start, &WEEK_STARTS),
            word_of(self.language, &LANGUAGES),
            word_of(self.theme, &THEMES),
            on_off(self.history_in_vault),
            format_limit(self.daily_limit),
            week::format_easy_days(&self.easy_days),
            week::format_break(self.break_days),
            self.caldav.as_ref().map_or("none".to_string(), |c| format!("{} @ {}", c.user, c.url)),
            on_off(self.feed),
            self.feed_port,
        )
    }
}

/// Why a daily limit of 0 cannot be kept.
pub fn zero_limit() -> Error {
    Error::Invalid(
        tr(
            "하루 한도는 0일 수 없습니다: 하루에 복습할 노트 수(예: 20)나 분(예: 45m)을 정하세요",
            "The daily limit cannot be 0: set how many notes (20) or minutes (45m) a day",
        )
        .into(),
    )
}

/// A daily limit the plan can work with, or why not.
pub fn check_limit(limit: Limit) -> Result<()> {
    match limit {
        Limit::Notes(0) | Limit::Minutes(0) => Err(zero_limit()),
        Limit::Notes(n) if n > 1000 => Err(Error::Invalid(tf(
            format!("하루 한도는 1000개까지입니다 ({n}개는 너무 많습니다)"),
            format!("The daily limit goes up to 1,000 notes ({n} is too many)"),
        ))),
        Limit::Minutes(m) if m > 24 * 60 => Err(Error::Invalid(tf(
            format!("하루 한도는 1440분(24시간)까지입니다 ({m}분은 너무 깁니다)"),
            format!("The daily limit goes up to 1,440 minutes ({m} is too long)"),
        ))),
        _ => Ok(()),
    }
}

/// A week the plan can work with: one weekday at least is not free, and a break runs forward
/// and lasts at most [`week::LONGEST_BREAK`] days.
pub fn check_week(w: &Week) -> Result<()> {
    if w.easy.iter().all(|e| *e == Ease::Free) {
        return Err(Error::Invalid(
            tr(
                "모든 요일을 쉬는 날로 할 수는 없습니다: 복습할 요일을 하나 이상 남기세요",
                "Every weekday cannot be free: keep at least one day for reviews",
            )
            .into(),
        ));
    }
    if let Some(b) = w.break_days {
        if b.to < b.from {
            return Err(Error::Invalid(tf(
                format!("쉬는 기간의 끝({})이 시작({})보다 앞섭니다", b.to, b.from),
                format!("The break ends ({}) before it starts ({})", b.to, b.from),
            )));
        }
        if b.days() > week::LONGEST_BREAK {
            let (n, most) = (b.days(), week::LONGEST_BREAK);
            return Err(Error::Invalid(tf(
                format!(
                    "쉬는 기간은 {most}일까지입니다 ({n}일은 너무 깁니다: 그동안 밀린 복습을 따라잡을 수 없습니다)"
                ),
                format!("A break lasts at most {most} days ({n} is too long: the reviews it holds could not catch up)"),
            )));
        }
    }
    Ok(())
}

/// An exam tidied (names trimmed, empty ones dropped), or why it cannot be kept. Its date may
/// be past: the plan then leaves it out, and the screens say it is over.
pub fn check_exam(exam: &Exam) -> Result<Exam> {
    let name = exam.name.trim().to_string();
    if name.is_empty() {
        return Err(Error::Invalid(
            tr("시험 이름을 적으세요 (예: AWS SysOps)", "Give the exam a name (AWS SysOps)").into(),
        ));
    }
    let tidy = |xs: &[String]| -> Vec<String> {
        let mut out: Vec<String> = xs.iter().map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect();
        out.dedup();
        out
    };
    let (subjects, textbooks) = (tidy(&exam.subjects), tidy(&exam.textbooks));
    if subjects.is_empty() && textbooks.is_empty() {
        return Err(Error::Invalid(tf(
            format!("시험 \"{name}\"이 다루는 과목(⭕과목)이나 교재(⭕교재)를 하나 이상 고르세요"),
            format!("Choose at least one subject (⭕과목) or textbook (⭕교재) the exam \"{name}\" covers"),
        )));
    }
    Ok(Exam { name, date: exam.date, subjects, textbooks })
}

/// One of `words`, as typed on the command line.
fn one_of<T: Copy>(name: &str, value: &str, words: &[(&str, T)]) -> Result<T> {
    words.iter().find(|(w, _)| *w == value).map(|(_, t)| *t).ok_or_else(|| {
        let choices = words.iter().map(|(w, _)| *w).collect::<Vec<_>>().join(", ");
        Error::Invalid(tf(
            format!("{name}: {choices} 중 하나로 적으세요 (\"{value}\"는 알 수 없습니다)"),
            format!("{name}: write one of {choices} (\"{value}\" is none of them)"),
        ))
    })
}

/// A calendar file must be an absolute `.ics` path in a folder that exists.
fn check_calendar_file(path: &Path) -> Result<PathBuf> {
    let is_ics = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ics"));
    if !path.is_absolute() || !is_ics || path.file_name().is_none() {
        return Err(Error::Invalid(tf(
            format!(
                "캘린더 파일은 .ics로 끝나는 전체 경로여야 합니다 (예: /home/me/Sync/복습.ics): {}",
                path.display()
            ),
            format!(
                "The calendar file must be a full path ending in .ics (/home/me/Sync/review.ics): {}",
                path.display()
            ),
        )));
    }
    let folder = path.parent().unwrap_or(Path::new("/"));
    if !folder.is_dir() {
        return Err(Error::Invalid(tf(
            format!("캘린더 파일을 둘 폴더가 없습니다: {}", folder.display()),
            format!("The folder for the calendar file does not exist: {}", folder.display()),
        )));
    }
    if path.is_dir() {
        return Err(Error::Invalid(tf(
            format!("같은 이름의 폴더가 있습니다: {}", path.display()),
            format!("A folder has that name: {}", path.display()),
        )));
    }
    Ok(path.to_path_buf())
}

impl CalDav {
    /// The account made tidy (trimmed), or why it cannot be kept.
    pub fn checked(&self) -> Result<CalDav> {
        check_caldav(self)
    }
}

fn check_caldav(c: &CalDav) -> Result<CalDav> {
    let url = c.url.trim();
    let user = c.user.trim();
    if !crate::caldav::is_web_address(url) {
        return Err(Error::Invalid(tf(
            format!("캘린더 서버 주소는 https://로 시작해야 합니다 (\"{url}\")"),
            format!("The calendar server address must start with https:// (\"{url}\")"),
        )));
    }
    if user.is_empty() {
        return Err(Error::Invalid(
            tr("캘린더 계정의 사용자 이름을 넣으세요", "Enter the calendar account's user name").into(),
        ));
    }
    Ok(CalDav { provider: c.provider.trim().to_owned(), url: url.to_owned(), user: user.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daily_limits_and_exams_are_checked_with_clear_messages() {
        assert_eq!(parse_limit("20"), Some(Limit::Notes(20)));
        assert_eq!(parse_limit("45m"), Some(Limit::Minutes(45)));
        assert_eq!(parse_limit("30분"), Some(Limit::Minutes(30)));
        assert_eq!(parse_limit("x"), None);
        let mut s = Settings::default();
        s.set("daily-limit", "0").unwrap();
        let e = s.checked().unwrap_err().to_string();
        assert!(e.contains("0일 수 없습니다") || e.contains("cannot be 0"), "{e}");
        s.set("daily-limit", "40m").unwrap();
        assert!(s.describe().contains("daily-limit: 40m"));
        s.exams = vec![Exam {
            name: "기말".into(),
            date: "2024-12-01".parse().unwrap(),
            subjects: vec![],
            textbooks: vec![],
        }];
        let e = s.checked().unwrap_err().to_string();
        assert!(e.contains("기말"), "{e}");
        s.exams[0].name = "  ".into();
        assert!(s.checked().is_err());
    }

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
            week_start: WeekStart::Monday,
            language: Language::En,
            theme: Theme::Dark,
            history_in_vault: false,
            daily_limit: Limit::Minutes(45),
            exams: vec![Exam {
                name: " AWS SysOps ".into(),
                date: "2024-11-30".parse().unwrap(),
                subjects: vec!["AWS".into(), " ".into()],
                textbooks: vec![],
            }],
            caldav: Some(CalDav {
                provider: "icloud".into(),
                url: " https://caldav.icloud.com/ ".into(),
                user: " 학생@icloud.com ".into(),
            }),
            feed: true,
            feed_port: 50123,
            easy_days: week::parse_easy_days("sat=light,sun=free").unwrap(),
            break_days: week::parse_break("2024-10-28..2024-10-30").unwrap(),
            until_done: true,
        };
        let saved = mine.save(&store).unwrap();
        assert_eq!((saved.feed, saved.feed_port), (true, 50123));
        let caldav = saved.caldav.clone().unwrap();
        assert_eq!((caldav.url.as_str(), caldav.user.as_str()), ("https://caldav.icloud.com/", "학생@icloud.com"));
        let bad = CalDav { url: "caldav.icloud.com".into(), ..caldav.clone() };
        assert!(Settings { caldav: Some(bad), ..saved.clone() }.checked().is_err(), "an address without https://");
        assert_eq!(saved.exams[0].name, "AWS SysOps");
        assert_eq!(saved.exams[0].subjects, ["AWS"]);
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
        let free = week::parse_easy_days("mon=free,tue=free,wed=free,thu=free,fri=free,sat=free,sun=free").unwrap();
        assert!(refused(Settings { easy_days: free, ..base.clone() }).contains("하나 이상"));
        let backwards = week::parse_break("2024-10-30..2024-10-28").unwrap();
        assert!(refused(Settings { break_days: backwards, ..base.clone() }).contains("앞섭니다"));
        let long = week::parse_break("2024-01-01..2024-12-31").unwrap();
        assert!(refused(Settings { break_days: long, ..base.clone() }).contains("92일까지"));
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
        s.set("week-start", "monday").unwrap();
        s.set("language", "en").unwrap();
        s.set("theme", "dark").unwrap();
        assert_eq!(
            (s.week_start, s.language, s.theme, s.lang()),
            (WeekStart::Monday, Language::En, Theme::Dark, Lang::En)
        );
        assert!(s.set("theme", "blue").unwrap_err().to_string().contains("system, light, dark 중 하나로"));
        assert!(s.set("feed-port", "70000").is_err());
        s.set("feed-port", "80").unwrap();
        assert!(s.checked().is_err(), "a port below 1024");
        s.set("feed-port", "47613").unwrap();
        s.set("easy-days", "sat=light,sun=free").unwrap();
        s.set("break", "2024-10-28..2024-10-30").unwrap();
        s.set("reminders-until-done", "on").unwrap();
        assert!(s.set("easy-days", "sat=lazy").unwrap_err().to_string().contains("\"sat=lazy\""));
        assert!(s.set("break", "next week").unwrap_err().to_string().contains("\"next week\""));
        assert!(
            s.describe()
                .ends_with("week-start: monday\nlanguage: en\ntheme: dark\nhistory-in-vault: on\ndaily-limit: 20\neasy-days: sat=light,sun=free\nbreak: 2024-10-28..2024-10-30\ncaldav: none\nfeed: off\nfeed-port: 47613\n"),
            "{}",
            s.describe()
        );
    }
}
