//! When to remind the user of due reviews, and what the reminder says: pure functions of the time,
//! the settings, what was already sent and how many notes are due. The desktop shell shows the
//! toast and sleeps until [`Plan::wake`]; the session records what was handled.
//!
//! The rules: a reminder at each set time of the review day (09:00 and 21:00 by default), only
//! when enough notes are due; never twice for the same time of the same day; after a sleep, a
//! suspended laptop or a late start, one reminder for the newest missed time of today, never a
//! burst; "1시간 뒤에" brings it back an hour later; "알림 끄기" silences everything until a
//! moment (an hour, or the end of the review day).
//!
//! "Until done" (an option): the reminder comes at every reminder time, and once more in the
//! evening, while any of today's share is left, however few; a pending "1시간 뒤에" stands for
//! the times before it, and "오늘은 그만" silences the rest of the day.

use crate::lang::tf;
use crate::schedule::today_at;
use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

/// The reminder times of a new installation.
pub const DEFAULT_TIMES: [&str; 2] = ["09:00", "21:00"];

/// How long after a login launch the login reminder comes: long enough for the desktop to have
/// its notification server running.
pub const LOGIN_DELAY_SECONDS: i64 = 15;

/// What the user set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Reminders on or off.
    pub enabled: bool,
    /// Times of the review day, sorted, without duplicates.
    pub times: Vec<NaiveTime>,
    /// The fewest due notes worth a reminder (at least 1).
    pub min_due: usize,
    /// The reminder comes back while today's share is not done (see the module's text).
    pub until_done: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            enabled: true,
            times: DEFAULT_TIMES.iter().filter_map(|t| parse_time(t)).collect(),
            min_due: 1,
            until_done: false,
        }
    }
}

/// The evening's extra reminder of "until done", when no reminder time is that late already.
pub const EVENING: (u32, u32) = (20, 0);

/// A reminder time on a review day: what "never twice" is counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Slot {
    /// The review day.
    pub day: NaiveDate,
    /// The reminder time.
    pub time: NaiveTime,
}

impl Slot {
    /// The local time the slot falls at. A time before the rollover hour belongs to the review
    /// day but falls on the calendar day after it (01:00 of review day Sunday is Monday 01:00).
    pub fn at(&self, rollover_hour: u32) -> NaiveDateTime {
        let date = if self.time.hour() < rollover_hour { self.day.succ_opt().unwrap_or(self.day) } else { self.day };
        date.and_time(self.time)
    }
}

/// What happened to a slot that came round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A reminder was shown.
    Shown,
    /// Fewer notes were due than the setting asks for.
    NothingDue,
    /// Reminders were silenced ("알림 끄기").
    Muted,
    /// A newer slot (or the login reminder) came round at the same wake and was the one handled.
    Superseded,
}

impl Outcome {
    /// The word the store keeps.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Shown => "shown",
            Outcome::NothingDue => "nothing_due",
            Outcome::Muted => "muted",
            Outcome::Superseded => "superseded",
        }
    }
}

/// What is remembered between wakes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Memory {
    /// Slots of the current review day already handled.
    pub handled: Vec<Slot>,
    /// "1시간 뒤에": remind again at this time.
    pub snooze: Option<NaiveDateTime>,
    /// "알림 끄기": nothing before this time.
    pub mute_until: Option<NaiveDateTime>,
    /// A login launch: the login reminder is due at this time.
    pub login: Option<NaiveDateTime>,
}

/// Today's reviews as a reminder counts them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Due {
    /// Reviews whose date has passed.
    pub overdue: usize,
    /// Reviews due today.
    pub due: usize,
    /// Titles of today's reviews in the order the review takes them (overdue first); the first
    /// two are named.
    pub titles: Vec<String>,
    /// The minutes today's reviews take (0: not known).
    pub minutes: u32,
    /// Reviews due by today that the plan moved to later days (over the daily limit).
    pub later: usize,
}

impl Due {
    /// All of today's reviews.
    pub fn total(&self) -> usize {
        self.overdue + self.due
    }
}

/// Why a reminder is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// A reminder time came round.
    Slot,
    /// The user asked to be reminded again ("1시간 뒤에").
    Snooze,
    /// The app was started at login.
    Login,
}

/// A reminder to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    /// "오늘 복습할 노트 5개"
    pub title: String,
    /// "밀린 복습 3개 · OSI 7계층, EBS 볼륨 외 3개"
    pub body: String,
    /// What brought it.
    pub reason: Reason,
    /// It comes back until today's share is done: its toast offers "오늘은 그만".
    pub until_done: bool,
}

/// What to do now and when to look again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The reminder to show now, if any.
    pub show: Option<Reminder>,
    /// Slots that came round, with what happened to each: record them so they never come again.
    pub handled: Vec<(Slot, Outcome)>,
    /// The snooze came round: forget it.
    pub snooze_done: bool,
    /// The login reminder came round: forget it.
    pub login_done: bool,
    /// When something may next be due: the next slot, snooze, login reminder or the next review
    /// day (whose counts differ). The caller also wakes on its own from time to time, so a clock
    /// that jumps (a suspended laptop) is noticed.
    pub wake: NaiveDateTime,
}

/// Decides what to remind of at `now`.
///
/// `memory.handled` holds the slots already handled (at least those of the current review day);
/// `due` are today's counts, fresh when something came round (the caller rescans then, see
/// [`pending`]).
pub fn plan(now: NaiveDateTime, rollover_hour: u32, settings: &Settings, memory: &Memory, due: &Due) -> Plan {
    let missed = passed(now, rollover_hour, settings, memory);
    let snooze_due = memory.snooze.is_some_and(|at| at <= now);
    let login_due = memory.login.is_some_and(|at| at <= now);
    // Slots missed before a login launch wait for the login reminder, which stands for them.
    let login_waiting = memory.login.is_some_and(|at| at > now);
    // The login reminder first, then a snooze, then the newest missed slot: one reminder at most.
    let reason = if login_due {
        Some(Reason::Login)
    } else if snooze_due {
        Some(Reason::Snooze)
    } else if !missed.is_empty() && !login_waiting {
        Some(Reason::Slot)
    } else {
        None
    };
    let muted = memory.mute_until.is_some_and(|until| now < until);
    // A snooze still to come stands for the times before it.
    let snoozed = reason == Some(Reason::Slot) && memory.snooze.is_some_and(|at| at > now);
    let fewest = if settings.until_done { 1 } else { settings.min_due.max(1) };
    let outcome = match reason {
        None => None,
        Some(_) if !settings.enabled || muted => Some(Outcome::Muted),
        Some(_) if snoozed => Some(Outcome::Superseded),
        Some(_) if due.total() < fewest => Some(Outcome::NothingDue),
        Some(_) => Some(Outcome::Shown),
    };
    let newest = missed.last().copied();
    let missed = if reason.is_some() { missed } else { Vec::new() };
    let handled = missed
        .iter()
        .map(|s| {
            let is_the_one = reason == Some(Reason::Slot) && Some(*s) == newest;
            (*s, if is_the_one { outcome.unwrap_or(Outcome::Superseded) } else { Outcome::Superseded })
        })
        .collect();
    let show = match (reason, outcome) {
        (Some(reason), Some(Outcome::Shown)) => {
            Some(Reminder { until_done: settings.until_done, ..message(due, reason) })
        }
        _ => None,
    };
    Plan {
        show,
        handled,
        snooze_done: snooze_due,
        login_done: login_due,
        wake: next_wake(now, rollover_hour, settings, memory),
    }
}

/// Whether something comes round at `now` (a slot, the snooze or the login reminder): the moment
/// to rescan the vault before [`plan`], so its counts are fresh.
pub fn pending(now: NaiveDateTime, rollover_hour: u32, settings: &Settings, memory: &Memory) -> bool {
    let login_waiting = memory.login.is_some_and(|at| at > now);
    memory.snooze.is_some_and(|at| at <= now)
        || memory.login.is_some_and(|at| at <= now)
        || (!login_waiting && !passed(now, rollover_hour, settings, memory).is_empty())
}

/// The slots of today that have come round and were not handled yet.
pub fn passed(now: NaiveDateTime, rollover_hour: u32, settings: &Settings, memory: &Memory) -> Vec<Slot> {
    slots(today_at(now, rollover_hour), settings)
        .filter(|s| s.at(rollover_hour) <= now && !memory.handled.contains(s))
        .collect()
}

/// When the next reminder can come, for the settings screen and the tray: the snooze, or the
/// next slot not handled yet and not silenced. `None` while reminders are off.
pub fn upcoming(now: NaiveDateTime, rollover_hour: u32, settings: &Settings, memory: &Memory) -> Option<NaiveDateTime> {
    if !settings.enabled {
        return None;
    }
    let day = today_at(now, rollover_hour);
    let quiet_until = memory.mute_until.unwrap_or(now);
    // Two days ahead, or past a silence (a break) to the day after it ends.
    let last = day.checked_add_days(Days::new(2)).unwrap_or(day).max(quiet_until.date().succ_opt().unwrap_or(day));
    day.iter_days()
        .take_while(|d| *d <= last)
        .flat_map(|d| slots(d, settings))
        .filter(|s| !memory.handled.contains(s))
        .map(|s| s.at(rollover_hour))
        .filter(|at| *at > now && *at >= quiet_until)
        .chain(memory.snooze.filter(|at| *at > now && *at >= quiet_until))
        .min()
}

/// The reminder's text: "오늘 복습할 노트 5개" and "밀린 복습 3개 · OSI 7계층, EBS 볼륨 외 3개".
pub fn message(due: &Due, reason: Reason) -> Reminder {
    let total = due.total();
    let mut parts = Vec::new();
    let overdue = due.overdue;
    if overdue > 0 {
        parts.push(tf(format!("밀린 복습 {overdue}개"), format!("{overdue} overdue")));
    }
    let named: Vec<&str> = due.titles.iter().take(2).map(String::as_str).collect();
    if !named.is_empty() {
        let rest = total.saturating_sub(named.len());
        let more = match rest {
            0 => String::new(),
            n => tf(format!(" 외 {n}개"), format!(" and {n} more")),
        };
        parts.push(format!("{}{more}", named.join(", ")));
    }
    if due.minutes > 0 {
        let m = due.minutes;
        parts.push(tf(format!("오늘 복습 약 {m}분"), format!("about {m} min today")));
    }
    if due.later > 0 {
        let n = due.later;
        parts.push(tf(format!("나머지 {n}개는 다음 날에"), format!("{n} more on the next days")));
    }
    let title = tf(format!("오늘 복습할 노트 {total}개"), format!("{total} notes to review today"));
    Reminder { title, body: parts.join(" · "), reason, until_done: false }
}

/// The reminder times of `day` as slots: the set times, and with "until done" the evening's
/// when none is as late.
fn slots(day: NaiveDate, settings: &Settings) -> impl Iterator<Item = Slot> + '_ {
    let evening = NaiveTime::from_hms_opt(EVENING.0, EVENING.1, 0)
        .filter(|e| settings.until_done && settings.times.iter().all(|t| t < e));
    settings.times.iter().copied().chain(evening).map(move |time| Slot { day, time })
}

fn next_wake(now: NaiveDateTime, rollover_hour: u32, settings: &Settings, memory: &Memory) -> NaiveDateTime {
    let day = today_at(now, rollover_hour);
    let tomorrow = day.checked_add_days(Days::new(1)).unwrap_or(day);
    // The next review day starts at the rollover hour: its counts and slots are new.
    let next_day = tomorrow.and_hms_opt(rollover_hour, 0, 0).unwrap_or(now);
    let later_slots = slots(day, settings)
        .chain(slots(tomorrow, settings))
        .filter(|s| !memory.handled.contains(s))
        .map(|s| s.at(rollover_hour));
    [memory.snooze, memory.login, memory.mute_until]
        .into_iter()
        .flatten()
        .chain(later_slots)
        .chain([next_day])
        .filter(|at| *at > now)
        .min()
        .unwrap_or(next_day)
}

/// Reads a reminder time: `9:00`, `09:00` or `21:30` (24-hour clock).
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let (h, m) = text.trim().split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    if m > 59 || h > 23 || text.trim().len() > 5 {
        return None;
    }
    NaiveTime::from_hms_opt(h, m, 0)
}

/// Reads a list of reminder times (`"9:00, 21:00"`), sorted and without duplicates. The error
/// names the first entry that is not a time.
pub fn parse_times(text: &str) -> Result<Vec<NaiveTime>, String> {
    let mut times = Vec::new();
    for part in text.split([',', ' ', '\n']).filter(|p| !p.trim().is_empty()) {
        times.push(parse_time(part).ok_or_else(|| part.trim().to_string())?);
    }
    times.sort();
    times.dedup();
    Ok(times)
}

/// A reminder time as the settings show it: `09:00`.
pub fn format_time(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    fn slot(day: &str, time: &str) -> Slot {
        Slot { day: day.parse().unwrap(), time: parse_time(time).unwrap() }
    }

    fn due(overdue: usize, due: usize) -> Due {
        let titles = ["OSI 7계층", "EBS 볼륨", "DNS", "HTTP", "TCP"].iter().take(overdue + due).map(|t| t.to_string());
        Due { overdue, due, titles: titles.collect(), ..Due::default() }
    }

    /// Runs the planner the way the app does: wake, plan, remember what was handled, sleep until
    /// the plan's wake (or `step` at most, as the app's own timer does); returns every reminder
    /// shown with the time it was shown.
    fn simulate(
        from: &str,
        to: &str,
        step_minutes: i64,
        settings: &Settings,
        memory: &mut Memory,
        due: &Due,
    ) -> Vec<(NaiveDateTime, Reminder)> {
        let (mut now, end) = (at(from), at(to));
        let mut shown = Vec::new();
        while now <= end {
            let plan = plan(now, 4, settings, memory, due);
            memory.handled.extend(plan.handled.iter().map(|(s, _)| *s));
            if plan.snooze_done {
                memory.snooze = None;
            }
            if plan.login_done {
                memory.login = None;
            }
            if let Some(r) = plan.show {
                shown.push((now, r));
            }
            assert!(plan.wake > now, "the wake {} must be after {now}", plan.wake);
            now = plan.wake.min(now + chrono::Duration::minutes(step_minutes));
        }
        shown
    }

    #[test]
    fn each_slot_once_at_its_time() {
        let mut memory = Memory::default();
        let shown =
            simulate("2026-11-29 08:59:50", "2026-11-29 23:59:00", 30, &Settings::default(), &mut memory, &due(3, 2));
        let times: Vec<String> = shown.iter().map(|(t, _)| t.format("%H:%M:%S").to_string()).collect();
        assert_eq!(times, ["09:00:00", "21:00:00"]);
        assert_eq!(shown[0].1.title, "오늘 복습할 노트 5개");
        assert_eq!(shown[0].1.body, "밀린 복습 3개 · OSI 7계층, EBS 볼륨 외 3개");
        assert_eq!(shown[0].1.reason, Reason::Slot);
    }

    #[test]
    fn the_first_wake_from_08_59_50_is_09_00() {
        let plan = plan(at("2026-11-29 08:59:50"), 4, &Settings::default(), &Memory::default(), &due(1, 0));
        assert_eq!(plan.show, None);
        assert_eq!(plan.wake, at("2026-11-29 09:00:00"));
        assert!(!pending(at("2026-11-29 08:59:50"), 4, &Settings::default(), &Memory::default()));
        assert!(pending(at("2026-11-29 09:00:00"), 4, &Settings::default(), &Memory::default()));
    }

    #[test]
    fn no_duplicates_however_often_it_wakes() {
        let mut memory = Memory::default();
        // Waking every minute all day still shows each slot once.
        let shown =
            simulate("2026-11-29 04:00:00", "2026-11-30 03:59:00", 1, &Settings::default(), &mut memory, &due(0, 2));
        assert_eq!(shown.len(), 2);
        // A new launch with the same memory (the store) shows nothing again.
        let again = plan(at("2026-11-29 22:00:00"), 4, &Settings::default(), &memory, &due(0, 2));
        assert_eq!((again.show, again.handled), (None, vec![]));
    }

    #[test]
    fn one_catch_up_after_a_nine_hour_sleep() {
        // Asleep from 08:00 to 22:00 (the laptop was suspended): 09:00 and 21:00 were missed.
        let memory = Memory::default();
        let plan = plan(at("2026-11-29 22:00:00"), 4, &Settings::default(), &memory, &due(2, 0));
        assert!(plan.show.is_some(), "one reminder for the newest missed slot");
        assert_eq!(
            plan.handled,
            [(slot("2026-11-29", "09:00"), Outcome::Superseded), (slot("2026-11-29", "21:00"), Outcome::Shown)]
        );
        // Asleep nine hours, 08:30 to 17:30: the 09:00 reminder comes once on waking, then 21:00
        // as usual.
        let mut memory = Memory::default();
        assert!(simulate(
            "2026-11-29 08:00:00",
            "2026-11-29 08:30:00",
            30,
            &Settings::default(),
            &mut memory,
            &due(2, 0)
        )
        .is_empty());
        let shown =
            simulate("2026-11-29 17:30:00", "2026-11-29 23:00:00", 30, &Settings::default(), &mut memory, &due(2, 0));
        let times: Vec<String> = shown.iter().map(|(t, _)| t.format("%H:%M").to_string()).collect();
        assert_eq!(times, ["17:30", "21:00"]);
    }

    #[test]
    fn until_done_comes_back_at_each_time_and_the_evening_while_any_is_left() {
        let morning = Settings { times: vec![parse_time("09:00").unwrap()], min_due: 5, ..Settings::default() };
        let until_done = Settings { until_done: true, ..morning.clone() };
        let day = |s: &Settings, due: &Due| {
            let shown = simulate("2026-11-29 08:00:00", "2026-11-29 23:30:00", 20, s, &mut Memory::default(), due);
            shown.iter().map(|(t, r)| (t.format("%H:%M").to_string(), r.until_done)).collect::<Vec<_>>()
        };
        // Two left, under the fewest worth a reminder: the option still reminds, twice.
        assert_eq!(day(&morning, &due(0, 2)), []);
        assert_eq!(day(&until_done, &due(0, 2)), [("09:00".into(), true), ("20:00".into(), true)]);
        // Done: nothing.
        assert_eq!(day(&until_done, &due(0, 0)), []);
        // With a late time already, no extra evening one.
        let late =
            Settings { times: vec![parse_time("09:00").unwrap(), parse_time("21:00").unwrap()], ..until_done.clone() };
        let shown =
            simulate("2026-11-29 08:00:00", "2026-11-29 23:30:00", 20, &late, &mut Memory::default(), &due(0, 1));
        assert_eq!(shown.iter().map(|(t, _)| t.format("%H:%M").to_string()).collect::<Vec<_>>(), ["09:00", "21:00"]);
        // "1시간 뒤에" pressed at 19:30 stands for 20:00: the reminder comes at 20:30 instead.
        let mut memory = Memory { snooze: Some(at("2026-11-29 20:30:00")), ..Memory::default() };
        let shown = simulate("2026-11-29 19:30:00", "2026-11-29 23:30:00", 20, &until_done, &mut memory, &due(0, 1));
        assert_eq!(
            shown.iter().map(|(t, r)| (t.format("%H:%M").to_string(), r.reason)).collect::<Vec<_>>(),
            [("20:30".into(), Reason::Snooze)]
        );
        // "오늘은 그만" (silent to the day's end) stops the evening one.
        let mut memory = Memory { mute_until: Some(at("2026-11-30 04:00:00")), ..Memory::default() };
        assert!(
            simulate("2026-11-29 19:30:00", "2026-11-29 23:30:00", 20, &until_done, &mut memory, &due(0, 1)).is_empty()
        );
    }

    #[test]
    fn nothing_when_nothing_is_due_or_too_little() {
        let plan = plan(at("2026-11-29 09:00:00"), 4, &Settings::default(), &Memory::default(), &due(0, 0));
        assert_eq!(plan.show, None);
        assert_eq!(plan.handled, [(slot("2026-11-29", "09:00"), Outcome::NothingDue)]);
        let settings = Settings { min_due: 3, ..Settings::default() };
        let plan = super::plan(at("2026-11-29 09:00:00"), 4, &settings, &Memory::default(), &due(1, 1));
        assert_eq!(plan.show, None);
        let plan = super::plan(at("2026-11-29 09:00:00"), 4, &settings, &Memory::default(), &due(1, 2));
        assert!(plan.show.is_some());
    }

    #[test]
    fn the_evening_reminder_only_if_reviews_are_left() {
        let mut memory = Memory::default();
        let morning =
            simulate("2026-11-29 08:00:00", "2026-11-29 20:00:00", 30, &Settings::default(), &mut memory, &due(1, 1));
        assert_eq!(morning.len(), 1);
        // The user did everything during the day.
        let evening =
            simulate("2026-11-29 20:00:00", "2026-11-29 23:00:00", 30, &Settings::default(), &mut memory, &due(0, 0));
        assert!(evening.is_empty());
    }

    #[test]
    fn snooze_brings_it_back_an_hour_later() {
        let mut memory = Memory { handled: vec![slot("2026-11-29", "09:00")], ..Memory::default() };
        memory.snooze = Some(at("2026-11-29 10:00:05"));
        let plan_before = plan(at("2026-11-29 09:30:00"), 4, &Settings::default(), &memory, &due(2, 0));
        assert_eq!(plan_before.wake, at("2026-11-29 10:00:05"));
        let shown =
            simulate("2026-11-29 09:30:00", "2026-11-29 12:00:00", 30, &Settings::default(), &mut memory, &due(2, 0));
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].0, at("2026-11-29 10:00:05"));
        assert_eq!(shown[0].1.reason, Reason::Snooze);
        assert_eq!(memory.snooze, None);
    }

    #[test]
    fn mute_for_an_hour_or_the_rest_of_the_day() {
        // Muted for an hour at 08:30: the 09:00 slot passes silently, and is not caught up later.
        let mut memory = Memory { mute_until: Some(at("2026-11-29 09:30:00")), ..Memory::default() };
        let shown =
            simulate("2026-11-29 08:30:00", "2026-11-29 20:00:00", 30, &Settings::default(), &mut memory, &due(2, 0));
        assert!(shown.is_empty());
        assert!(memory.handled.contains(&slot("2026-11-29", "09:00")));
        let shown =
            simulate("2026-11-29 20:00:00", "2026-11-29 22:00:00", 30, &Settings::default(), &mut memory, &due(2, 0));
        assert_eq!(shown.len(), 1);
        // Muted for the rest of the day (until the next review day starts at 04:00).
        let mut memory = Memory { mute_until: Some(at("2026-11-30 04:00:00")), ..Memory::default() };
        let shown =
            simulate("2026-11-29 08:00:00", "2026-11-30 10:00:00", 30, &Settings::default(), &mut memory, &due(2, 0));
        assert_eq!(shown.iter().map(|(t, _)| *t).collect::<Vec<_>>(), [at("2026-11-30 09:00:00")]);
    }

    #[test]
    fn switched_off_means_silent() {
        let settings = Settings { enabled: false, ..Settings::default() };
        let mut memory = Memory::default();
        assert!(
            simulate("2026-11-29 08:00:00", "2026-11-29 23:00:00", 30, &settings, &mut memory, &due(5, 0)).is_empty()
        );
    }

    #[test]
    fn the_rollover_at_four() {
        // 03:30 still belongs to review day 11-28, whose slots are both past: nothing new.
        let memory =
            Memory { handled: vec![slot("2026-11-28", "09:00"), slot("2026-11-28", "21:00")], ..Memory::default() };
        let plan = plan(at("2026-11-29 03:30:00"), 4, &Settings::default(), &memory, &due(5, 0));
        assert_eq!(plan.show, None);
        // It wakes at 04:00, when the new review day starts.
        assert_eq!(plan.wake, at("2026-11-29 04:00:00"));
        // A reminder set at 01:00 belongs to the review day before, and falls after midnight.
        let settings = Settings { times: vec![parse_time("01:00").unwrap()], ..Settings::default() };
        let plan = super::plan(at("2026-11-29 01:00:00"), 4, &settings, &Memory::default(), &due(1, 0));
        assert!(plan.show.is_some());
        assert_eq!(plan.handled[0].0, slot("2026-11-28", "01:00"));
    }

    #[test]
    fn a_23_hour_day_keeps_its_slots() {
        // 2026-03-29 in Europe: 02:00 jumps to 03:00. The wall clock the planner sees skips an
        // hour; the slots of the day still come once each, and the day still starts at 04:00.
        let mut memory =
            Memory { handled: vec![slot("2026-03-28", "09:00"), slot("2026-03-28", "21:00")], ..Memory::default() };
        let mut shown = Vec::new();
        for now in [
            "2026-03-29 01:30:00",
            "2026-03-29 01:59:59",
            "2026-03-29 03:00:00",
            "2026-03-29 04:00:00",
            "2026-03-29 09:00:00",
            "2026-03-29 09:00:30",
            "2026-03-29 21:00:00",
            "2026-03-30 04:00:00",
        ] {
            let plan = plan(at(now), 4, &Settings::default(), &memory, &due(1, 0));
            memory.handled.extend(plan.handled.iter().map(|(s, _)| *s));
            if plan.show.is_some() {
                shown.push(now);
            }
        }
        assert_eq!(shown, ["2026-03-29 09:00:00", "2026-03-29 21:00:00"]);
        // A reminder set inside the skipped hour fires at the first time after it.
        let settings = Settings { times: vec![parse_time("02:30").unwrap()], ..Settings::default() };
        let plan = super::plan(at("2026-03-29 03:00:00"), 0, &settings, &Memory::default(), &due(1, 0));
        assert!(plan.show.is_some());
    }

    #[test]
    fn the_login_reminder_replaces_the_catch_up() {
        let memory = Memory { login: Some(at("2026-11-29 10:00:15")), ..Memory::default() };
        let early = plan(at("2026-11-29 10:00:00"), 4, &Settings::default(), &memory, &due(1, 0));
        assert_eq!(early.show, None, "the login reminder waits a moment; the catch-up waits with it");
        let p = plan(at("2026-11-29 10:00:15"), 4, &Settings::default(), &memory, &due(1, 0));
        assert_eq!(p.show.as_ref().map(|r| r.reason), Some(Reason::Login));
        assert!(p.login_done);
        assert_eq!(p.handled, [(slot("2026-11-29", "09:00"), Outcome::Superseded)]);
    }

    #[test]
    fn upcoming_skips_handled_and_silenced_slots() {
        let s = Settings::default();
        let mut memory = Memory::default();
        assert_eq!(upcoming(at("2026-11-29 08:00:00"), 4, &s, &memory), Some(at("2026-11-29 09:00:00")));
        memory.handled.push(slot("2026-11-29", "09:00"));
        assert_eq!(upcoming(at("2026-11-29 09:00:00"), 4, &s, &memory), Some(at("2026-11-29 21:00:00")));
        memory.snooze = Some(at("2026-11-29 10:00:00"));
        assert_eq!(upcoming(at("2026-11-29 09:00:00"), 4, &s, &memory), Some(at("2026-11-29 10:00:00")));
        memory.mute_until = Some(at("2026-11-30 04:00:00"));
        assert_eq!(upcoming(at("2026-11-29 09:00:00"), 4, &s, &memory), Some(at("2026-11-30 09:00:00")));
        assert_eq!(upcoming(at("2026-11-29 09:00:00"), 4, &Settings { enabled: false, ..s }, &memory), None);
    }

    #[test]
    fn messages() {
        assert_eq!(message(&due(3, 2), Reason::Slot).body, "밀린 복습 3개 · OSI 7계층, EBS 볼륨 외 3개");
        assert_eq!(message(&due(0, 2), Reason::Slot).body, "OSI 7계층, EBS 볼륨");
        assert_eq!(message(&due(0, 1), Reason::Slot).body, "OSI 7계층");
        assert_eq!(message(&due(1, 0), Reason::Slot).title, "오늘 복습할 노트 1개");
    }

    #[test]
    fn times_parse_strictly() {
        assert_eq!(parse_time("9:00"), NaiveTime::from_hms_opt(9, 0, 0));
        assert_eq!(parse_time(" 21:30 "), NaiveTime::from_hms_opt(21, 30, 0));
        for bad in ["24:00", "9", "09:60", "아홉시", "", "9:00:00", "-1:00", "09:5x"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
        assert_eq!(
            parse_times("21:00, 9:00 9:00").unwrap(),
            [parse_time("09:00").unwrap(), parse_time("21:00").unwrap()]
        );
        assert_eq!(parse_times("09:00, 25:00"), Err("25:00".to_string()));
        assert_eq!(parse_times("").unwrap(), []);
        assert_eq!(format_time(parse_time("9:05").unwrap()), "09:05");
    }
}
