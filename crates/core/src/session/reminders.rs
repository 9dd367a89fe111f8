//! Reminders (when the next one comes, what it says, snooze and silence) and the calendar file
//! kept up to date for a phone: both follow the app's vault.

use super::{lock, Change, Request, Session};
use crate::calendar;
use crate::error::{Error, Result};
use crate::lang::{tf, tr};
use crate::reminder::{self, Due, Memory, Reminder};
use crate::settings::{keys, Settings};
use chrono::{Days, NaiveDate, NaiveDateTime, TimeZone};
use serde::Serialize;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};
use ts_rs::TS;

/// What the session remembers of reminders and the calendar file.
#[derive(Default)]
pub(super) struct State {
    /// A login launch: when the login reminder is due.
    pub(super) login: Mutex<Option<NaiveDateTime>>,
    pub(super) calendar: Mutex<CalendarState>,
}

/// How long "알림 끄기" silences reminders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Mute {
    /// For an hour.
    Hour,
    /// Until the next review day starts.
    Today,
}

/// What the reminder timer should do after a wake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tick {
    /// A reminder to show now.
    pub show: Option<Reminder>,
    /// When to wake next (local time).
    pub wake: NaiveDateTime,
    /// The vault was read again: the window should show it afresh.
    pub rescanned: bool,
    /// Why the vault could not be read, if it could not (it disappeared, say).
    pub problem: Option<String>,
}

/// Where reminders and the calendar file stand, for the settings screen and the tray.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReminderStatus {
    /// The app's local time when this was made: what the other times are relative to.
    pub now: NaiveDateTime,
    /// Today's reviews (overdue and due).
    pub due: usize,
    /// The open vault is the demo vault, which gets no reminders.
    pub demo: bool,
    /// When the next reminder can come; `null` while reminders are off.
    pub next: Option<NaiveDateTime>,
    /// "1시간 뒤에" was pressed: a reminder comes again at this time.
    pub snoozed_until: Option<NaiveDateTime>,
    /// "알림 끄기": silent until this time (the user's silence only: "다시 켜기" ends it).
    pub muted_until: Option<NaiveDateTime>,
    /// A break in the plan keeps reminders silent until this time, the start of the review day
    /// after it; only the break's own setting ends it.
    pub break_until: Option<NaiveDateTime>,
    /// Reminders come again until today's share is done (the setting): the tray marks what is
    /// left.
    pub until_done: bool,
    /// The calendar file, when one is set.
    pub calendar: Option<CalendarStatus>,
}

/// The calendar file the app keeps up to date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CalendarStatus {
    /// The file.
    pub path: String,
    /// When it was last written by this run of the app.
    pub written_at: Option<NaiveDateTime>,
    /// How many days with reviews it holds.
    pub events: usize,
    /// Why the last write failed, if it did.
    pub error: Option<String>,
}

#[derive(Debug, Default)]
pub(super) struct CalendarState {
    /// What was last written (without its time stamp) and where: unchanged, it is not rewritten.
    pub(super) written: Option<(String, String)>,
    pub(super) status: Option<CalendarStatus>,
    /// The review day it was last written for: a new day changes what it says.
    pub(super) day: Option<NaiveDate>,
}

/// Muted until, and the end of the current break (see [`Session::silences`]).
type Silences = (Option<NaiveDateTime>, Option<NaiveDateTime>);

impl Session {
    /// Today's reviews as a reminder counts them.
    /// Over the daily limit, only today's share of the plan counts, and the rest is said to come
    /// on the next days; the minutes are those of today's share.
    pub fn due(&self, now: NaiveDateTime) -> Due {
        let Some(a) = self.shared_agenda(now) else { return Due::default() };
        let all = Due {
            overdue: a.counts.overdue,
            due: a.counts.due,
            titles: a.today_reviews.iter().map(|n| n.title.clone()).collect(),
            ..Due::default()
        };
        let Ok(learning) = self.learning(None, now) else { return all };
        let minutes = learning.week.first().map_or(0, |d| d.minutes);
        let today = self.today(now);
        let early = learning.plan.days.first().is_some_and(|d| d.date == today && d.moved.iter().any(|m| m.early));
        if learning.plan.deferred == 0 && !early {
            return Due { minutes, ..all };
        }
        let share: std::collections::HashSet<&str> = learning.plan.on(today).iter().map(String::as_str).collect();
        // A note brought here early off tomorrow's free day is among the upcoming ones.
        let today: Vec<_> =
            a.today_reviews.iter().chain(&a.upcoming).filter(|n| share.contains(n.path.as_str())).collect();
        let overdue = today.iter().filter(|n| n.status == Some(crate::schedule::Status::Overdue)).count();
        Due {
            overdue,
            due: today.len() - overdue,
            titles: today.iter().map(|n| n.title.clone()).collect(),
            minutes,
            later: learning.plan.deferred as usize,
        }
    }

    /// Called by the reminder timer at each wake: reads the vault again when a reminder time
    /// (or the snooze, or the login reminder) comes round, decides with [`reminder::plan`], and
    /// remembers what it handled, so nothing is shown twice.
    pub fn remind(&self, now: NaiveDateTime) -> Tick {
        let settings = self.settings().reminder();
        let rollover = self.clock.rollover_hour();
        let memory = self.memory(now);
        let (mut rescanned, mut problem) = (false, None);
        if reminder::pending(now, rollover, &settings, &memory) {
            match self.overview(now) {
                Ok(_) => rescanned = true,
                Err(e) => problem = Some(e.to_string()),
            }
            lock(&self.vault.problem).clone_from(&problem);
        }
        // A vault that could not be read has nothing due that the app could show, and the demo
        // vault's notes are nobody's reviews.
        let due = if problem.is_some() || self.demo_open() { Due::default() } else { self.due(now) };
        let plan = reminder::plan(now, rollover, &settings, &memory, &due);
        {
            let store = self.store();
            for (slot, outcome) in &plan.handled {
                let _ = store.record_slot(*slot, *outcome, now);
            }
            if plan.snooze_done {
                let _ = store.set_time_setting(keys::SNOOZE, None);
            }
        }
        if plan.login_done {
            *lock(&self.reminders.login) = None;
        }
        if rescanned {
            self.request(Request::Reload);
        }
        if rescanned || self.lock_calendar().day != Some(self.today(now)) {
            self.refresh_calendar(now);
        }
        Tick { show: plan.show, wake: plan.wake, rescanned, problem }
    }

    /// What the reminder planner remembers: slots handled since yesterday, the snooze, the
    /// silence and the login reminder. A break is a silence to the start of the review day after
    /// it.
    fn memory(&self, now: NaiveDateTime) -> Memory {
        self.memory_with(now, self.silences(now))
    }

    /// [`Session::memory`] with the [`Session::silences`] already read.
    fn memory_with(&self, now: NaiveDateTime, (muted, break_end): Silences) -> Memory {
        let today = self.today(now);
        let yesterday = today.checked_sub_days(Days::new(1)).unwrap_or(NaiveDate::MIN);
        let store = self.store();
        Memory {
            handled: store.handled_slots(yesterday).unwrap_or_default(),
            snooze: store.time_setting(keys::SNOOZE),
            mute_until: muted.max(break_end),
            login: *lock(&self.reminders.login),
        }
    }

    /// What silences reminders at `now`, as the user set it: muted until when, and the end of
    /// the break `now` falls in.
    fn silences(&self, now: NaiveDateTime) -> Silences {
        let break_end = self.break_end(now);
        (self.store().time_setting(keys::MUTE_UNTIL), break_end)
    }

    /// When the break `now` falls in ends for reminders: the start of the review day after it.
    fn break_end(&self, now: NaiveDateTime) -> Option<NaiveDateTime> {
        let today = self.today(now);
        let on_break = Settings::load_break(&self.store()).filter(|b| b.contains(today))?;
        on_break.end().and_hms_opt(self.clock.rollover_hour(), 0, 0)
    }

    /// The user opened the app and sees its window: today's reminders that already came round
    /// are let go, so a launch at 15:00 does not toast the 09:00 reminder at someone looking at
    /// the due list. (A login launch, hidden, has its own reminder: [`Session::expect_login`].)
    pub fn opened_by_user(&self, now: NaiveDateTime) {
        let settings = self.settings().reminder();
        let memory = self.memory(now);
        let store = self.store();
        for slot in reminder::passed(now, self.clock.rollover_hour(), &settings, &memory) {
            let _ = store.record_slot(slot, reminder::Outcome::Superseded, now);
        }
    }

    /// The app was started at login: one reminder shortly after, if reviews are due.
    pub fn expect_login(&self, now: NaiveDateTime) {
        *lock(&self.reminders.login) = Some(now + chrono::Duration::seconds(reminder::LOGIN_DELAY_SECONDS));
    }

    /// "1시간 뒤에": the reminder comes again in an hour.
    pub fn snooze(&self, now: NaiveDateTime) -> Result<()> {
        self.store().set_time_setting(keys::SNOOZE, Some(now + chrono::Duration::hours(1)))?;
        self.announce(Change::Reminders);
        Ok(())
    }

    /// "알림 끄기": no reminder for an hour, or until the next review day starts.
    pub fn mute(&self, mute: Mute, now: NaiveDateTime) -> Result<()> {
        let until = match mute {
            Mute::Hour => now + chrono::Duration::hours(1),
            Mute::Today => {
                let next_day = self.today(now).checked_add_days(Days::new(1)).unwrap_or(NaiveDate::MAX);
                next_day.and_hms_opt(self.clock.rollover_hour(), 0, 0).unwrap_or(now)
            }
        };
        {
            let store = self.store();
            store.set_time_setting(keys::MUTE_UNTIL, Some(until))?;
            store.set_time_setting(keys::SNOOZE, None)?;
        }
        self.announce(Change::Reminders);
        Ok(())
    }

    /// Reminders on again after "알림 끄기".
    pub fn unmute(&self) -> Result<()> {
        self.store().set_time_setting(keys::MUTE_UNTIL, None)?;
        self.announce(Change::Reminders);
        Ok(())
    }

    /// Where reminders and the calendar file stand.
    pub fn reminder_status(&self, now: NaiveDateTime) -> ReminderStatus {
        let settings = self.settings();
        // Read once for both: the reminders' memory and what the status shows of them.
        let (muted, break_end) = self.silences(now);
        let memory = self.memory_with(now, (muted, break_end));
        let still = |at: Option<NaiveDateTime>| at.filter(|t| *t > now);
        let calendar = settings.calendar_file.as_ref().map(|path| {
            self.lock_calendar().status.clone().filter(|s| &s.path == path).unwrap_or(CalendarStatus {
                path: path.clone(),
                written_at: None,
                events: 0,
                error: None,
            })
        });
        ReminderStatus {
            now,
            due: self.due(now).total(),
            demo: self.demo_open(),
            next: reminder::upcoming(now, self.clock.rollover_hour(), &settings.reminder(), &memory),
            snoozed_until: still(memory.snooze),
            muted_until: still(muted),
            break_until: still(break_end),
            until_done: settings.until_done,
            calendar,
        }
    }

    /// The forecast of the open vault from today for `days` days.
    pub fn forecast(&self, now: NaiveDateTime, days: u32) -> Result<Vec<calendar::Day>> {
        let open = self.current(now)?;
        Ok(calendar::forecast_days(&open.scan.notes, self.today(now), days))
    }

    /// Writes the calendar file now (the settings screen's "지금 내보내기").
    pub fn export_calendar(&self, now: NaiveDateTime) -> Result<CalendarStatus> {
        let settings = self.settings();
        let path = settings.calendar_file.clone().ok_or_else(|| {
            Error::Invalid(tr("먼저 캘린더 파일의 위치를 정하세요", "Choose where the calendar file goes first").into())
        })?;
        self.write_calendar(Path::new(&path), &settings, now)
    }

    /// Whether the app's vault is open, opening it first when nothing is (a command of the
    /// command line that changes the settings): the calendar file and the history file belong
    /// to it. The demo vault is never opened for this.
    pub(super) fn app_vault_open(&self, now: NaiveDateTime) -> bool {
        if self.lock_open().is_some() {
            return true;
        }
        match self.remembered_vault() {
            Ok(Some(path)) => self.overview_of(&path, false, true, now).is_ok(),
            _ => false,
        }
    }

    /// Rewrites the calendar file if what it would say changed (a review, a new day, another
    /// vault). Only the app's vault writes it. Failures are kept for the settings screen, never
    /// raised: the timer goes on.
    pub(super) fn refresh_calendar(&self, now: NaiveDateTime) {
        if !self.lock_open().as_ref().is_some_and(|o| o.calendar) {
            return;
        }
        let settings = self.settings();
        if let Some(path) = settings.calendar_file.as_deref() {
            let _ = self.write_calendar(Path::new(path), &settings, now);
        }
    }

    /// The open vault's review days from today, `days` of them, as iCalendar text: what the
    /// calendar file holds and `bokseup ics` prints. Returns the days with reviews too.
    pub fn ics(&self, days: u32, now: NaiveDateTime) -> Result<(String, Vec<calendar::Day>)> {
        self.current(now)?;
        self.ics_with(&self.settings(), days, now)
    }

    fn ics_with(&self, settings: &Settings, days: u32, now: NaiveDateTime) -> Result<(String, Vec<calendar::Day>)> {
        self.forecast_feed(settings, days, now, calendar::ics)
    }

    /// The open vault's review days from today, `days` of them, and what its calendar is about
    /// (name, folder, event time, stamp), handed to `make`: the calendar file, `bokseup ics`, the
    /// home-network feed and the CalDAV events are all made from this one view.
    pub(super) fn forecast_feed<T>(
        &self,
        settings: &Settings,
        days: u32,
        now: NaiveDateTime,
        make: impl FnOnce(&calendar::Feed, &[calendar::Day]) -> T,
    ) -> Result<(T, Vec<calendar::Day>)> {
        let (name, vault_path, days) = {
            let open = self.lock_open();
            let open =
                open.as_ref().ok_or_else(|| Error::Invalid(tr("열린 볼트가 없습니다", "No vault is open").into()))?;
            let name = crate::agenda::vault_name(&open.path, open.demo);
            let days = calendar::forecast_days(&open.scan.notes, self.today(now), days);
            (name, open.path.to_string_lossy().into_owned(), days)
        };
        let feed = calendar::Feed {
            vault_name: &name,
            vault_path: &vault_path,
            at: settings.first_reminder(),
            stamp: self.day_stamp(now),
        };
        Ok((make(&feed, &days), days))
    }

    pub(super) fn write_calendar(
        &self,
        path: &Path,
        settings: &Settings,
        now: NaiveDateTime,
    ) -> Result<CalendarStatus> {
        let (text, days) = self.ics_with(settings, calendar::DEFAULT_DAYS, now)?;
        let key = (path.to_string_lossy().into_owned(), without_stamp(&text));
        let mut state = self.lock_calendar();
        state.day = Some(self.today(now));
        if let (Some(written), Some(status)) = (&state.written, &state.status) {
            if *written == key {
                return Ok(status.clone());
            }
        }
        // A calendar file kept inside the vault is written through no link a synced vault brought.
        let vault = self.lock_open().as_ref().map(|open| open.path.clone());
        let guarded = match vault {
            Some(root) => crate::vault::no_links(&root, path, false),
            None => Ok(()),
        };
        let result = guarded.and_then(|()| crate::snapshot::write_whole(path, text.as_bytes())).map_err(|e| match e {
            Error::Write { source, .. } => {
                let reason = crate::error::write_reason(&source, crate::lang::current());
                Error::Invalid(tf(
                    format!("캘린더 파일을 쓸 수 없습니다: {} ({reason})", path.display()),
                    format!("Cannot write the calendar file: {} ({reason})", path.display()),
                ))
            }
            other => other,
        });
        let status = CalendarStatus {
            path: key.0.clone(),
            written_at: result.is_ok().then_some(now).or(state.status.as_ref().and_then(|s| s.written_at)),
            events: days.len(),
            error: result.as_ref().err().map(|e| e.to_string()),
        };
        state.status = Some(status.clone());
        state.written = result.is_ok().then_some(key);
        result.map(|()| status)
    }

    /// The calendar's DTSTAMP: the start of the review day, so the same vault gives the same
    /// bytes all day (the phone's feed, `bokseup ics` and the calendar file agree, and a phone
    /// polling an unchanged feed sees nothing new).
    pub(super) fn day_stamp(&self, now: NaiveDateTime) -> chrono::DateTime<chrono::Utc> {
        let start = self.today(now).and_hms_opt(self.clock.rollover_hour(), 0, 0).unwrap_or(now);
        chrono::Local
            .from_local_datetime(&start)
            .earliest()
            .map_or_else(|| chrono::Utc.from_utc_datetime(&start), |t| t.to_utc())
    }

    pub(super) fn lock_calendar(&self) -> MutexGuard<'_, CalendarState> {
        lock(&self.reminders.calendar)
    }
}

/// The calendar text without its DTSTAMP lines: what decides whether it changed.
fn without_stamp(text: &str) -> String {
    text.split("\r\n").filter(|l| !l.starts_with("DTSTAMP:")).collect::<Vec<_>>().join("\n")
}
