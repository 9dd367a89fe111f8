//! What day and what time it is: one answer for the command line, the app and the reminder timer.
//!
//! The clock is either the system's local time or a pinned start (`--today D --time HH:MM[:SS]`)
//! that then runs on in real time, so a test can start the app at 08:59:50 and see the 09:00
//! reminder ten seconds later. The review day follows the day-rollover hour (04:00 by default):
//! at 02:30 it is still the previous day, as in Anki. Nothing below this module reads the system
//! clock; everything else takes `now` as an argument.

use crate::schedule::today_at;
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Instant;

/// The app's clock. Shared between threads; the rollover hour can change while it runs.
#[derive(Debug)]
pub struct Clock {
    source: Source,
    rollover_hour: AtomicU32,
}

#[derive(Debug, Clone, Copy)]
enum Source {
    System,
    Pinned { day: NaiveDate, time: NaiveTime, since: Instant },
}

impl Clock {
    /// The system's local time, with the day starting at `rollover_hour`.
    pub fn system(rollover_hour: u32) -> Clock {
        Clock { source: Source::System, rollover_hour: AtomicU32::new(rollover_hour) }
    }

    /// A clock that starts at review day `day`, wall time `time`, and runs on from there.
    ///
    /// `time` defaults to the system's current time of day. A time before the rollover hour
    /// belongs to the review day `day` but falls on the calendar day after it (02:30 on review day
    /// Sunday is Monday 02:30), so `today()` is `day` at the start whatever the time.
    pub fn pinned(day: NaiveDate, time: Option<NaiveTime>, rollover_hour: u32) -> Clock {
        let time = time.unwrap_or_else(|| chrono::Local::now().time());
        Clock {
            source: Source::Pinned { day, time, since: Instant::now() },
            rollover_hour: AtomicU32::new(rollover_hour),
        }
    }

    /// The clock the command-line options ask for: pinned when `--today` or `--time` is given
    /// (`--time` alone pins the time on the current review day), else the system clock.
    pub fn from_options(today: Option<NaiveDate>, time: Option<NaiveTime>, rollover_hour: u32) -> Clock {
        match (today, time) {
            (None, None) => Clock::system(rollover_hour),
            (Some(day), time) => Clock::pinned(day, time, rollover_hour),
            (None, Some(time)) => {
                let day = today_at(chrono::Local::now().naive_local(), rollover_hour);
                Clock::pinned(day, Some(time), rollover_hour)
            }
        }
    }

    /// Whether this clock was pinned by `--today`/`--time`.
    pub fn is_pinned(&self) -> bool {
        matches!(self.source, Source::Pinned { .. })
    }

    /// Local wall-clock time now.
    pub fn now(&self) -> NaiveDateTime {
        match self.source {
            Source::System => chrono::Local::now().naive_local(),
            Source::Pinned { day, time, since } => {
                let elapsed = Duration::from_std(since.elapsed()).unwrap_or_else(|_| Duration::zero());
                self.pinned_start(day, time) + elapsed
            }
        }
    }

    /// The review day now.
    pub fn today(&self) -> NaiveDate {
        self.day_of(self.now())
    }

    /// The review day of the local time `at` (see [`today_at`]).
    pub fn day_of(&self, at: NaiveDateTime) -> NaiveDate {
        today_at(at, self.rollover_hour())
    }

    /// The hour the review day starts.
    pub fn rollover_hour(&self) -> u32 {
        self.rollover_hour.load(Ordering::Relaxed)
    }

    /// Moves the hour the review day starts (the setting changed).
    pub fn set_rollover_hour(&self, hour: u32) {
        self.rollover_hour.store(hour, Ordering::Relaxed);
    }

    /// How long to really wait from now until the local time `at`: across a daylight-saving
    /// change the wall clock and real time differ by an hour. Zero when `at` has passed.
    pub fn until(&self, at: NaiveDateTime) -> std::time::Duration {
        let now = self.now();
        let wait = match self.source {
            Source::System => real_between(&chrono::Local, now, at),
            Source::Pinned { .. } => at - now,
        };
        wait.to_std().unwrap_or(std::time::Duration::ZERO)
    }

    fn pinned_start(&self, day: NaiveDate, time: NaiveTime) -> NaiveDateTime {
        let date = if time.hour() < self.rollover_hour() { day.succ_opt().unwrap_or(day) } else { day };
        date.and_time(time)
    }
}

/// The real time between two local wall-clock times in the time zone `tz`. A local time that
/// does not exist (skipped by a daylight-saving change) counts as the first moment after the gap;
/// one that exists twice, as its first occurrence.
pub fn real_between<Tz: TimeZone>(tz: &Tz, from: NaiveDateTime, to: NaiveDateTime) -> Duration {
    match (instant(tz, from), instant(tz, to)) {
        (Some(a), Some(b)) => b.signed_duration_since(a),
        _ => to - from,
    }
}

fn instant<Tz: TimeZone>(tz: &Tz, local: NaiveDateTime) -> Option<chrono::DateTime<Tz>> {
    // Daylight-saving gaps are at most a few hours: step forward a minute at a time until the
    // local time exists.
    (0..=240).find_map(|minutes| tz.from_local_datetime(&(local + Duration::minutes(minutes))).earliest())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Berlin;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    fn hms(s: &str) -> NaiveTime {
        NaiveTime::parse_from_str(s, "%H:%M:%S").unwrap()
    }

    #[test]
    fn a_pinned_clock_starts_where_told_and_runs_on() {
        let clock = Clock::pinned("2024-10-27".parse().unwrap(), Some(hms("08:59:50")), 4);
        let first = clock.now();
        assert!(first >= at("2024-10-27 08:59:50") && first < at("2024-10-27 08:59:52"), "{first}");
        std::thread::sleep(std::time::Duration::from_millis(30));
        assert!(clock.now() > first);
        assert_eq!(clock.today().to_string(), "2024-10-27");
        assert!(clock.is_pinned());
        // Ten seconds to the 09:00 reminder, give or take the test's own run time.
        let wait = clock.until(at("2024-10-27 09:00:00"));
        assert!(wait <= std::time::Duration::from_secs(10) && wait > std::time::Duration::from_secs(9), "{wait:?}");
        assert_eq!(clock.until(at("2024-10-27 08:00:00")), std::time::Duration::ZERO);
    }

    #[test]
    fn a_time_before_the_rollover_is_the_next_calendar_day_of_the_same_review_day() {
        let clock = Clock::pinned("2024-10-27".parse().unwrap(), Some(hms("02:30:00")), 4);
        assert_eq!(clock.now().date().to_string(), "2024-10-28");
        assert_eq!(clock.today().to_string(), "2024-10-27");
        // With the rollover at midnight, 02:30 is simply on the day.
        clock.set_rollover_hour(0);
        assert_eq!(clock.now().date().to_string(), "2024-10-27");
        assert_eq!(clock.today().to_string(), "2024-10-27");
    }

    #[test]
    fn the_rollover_applies_to_any_time() {
        let clock = Clock::system(4);
        assert_eq!(clock.day_of(at("2026-11-29 03:59:59")).to_string(), "2026-11-28");
        assert_eq!(clock.day_of(at("2026-11-29 04:00:00")).to_string(), "2026-11-29");
        clock.set_rollover_hour(0);
        assert_eq!(clock.day_of(at("2026-11-29 03:59:59")).to_string(), "2026-11-29");
        assert!(!clock.is_pinned());
    }

    #[test]
    fn options_pick_the_clock() {
        assert!(!Clock::from_options(None, None, 4).is_pinned());
        let day: NaiveDate = "2024-08-29".parse().unwrap();
        let c = Clock::from_options(Some(day), Some(hms("14:01:00")), 4);
        assert_eq!(c.today(), day);
        assert_eq!(c.now().time().hour(), 14);
        let c = Clock::from_options(Some(day), None, 4);
        assert_eq!(c.today(), day);
        let c = Clock::from_options(None, Some(hms("21:30:00")), 4);
        assert_eq!(c.now().time().hour(), 21);
    }

    /// 2026-03-29 in Berlin has 23 hours: 02:00 jumps to 03:00.
    #[test]
    fn real_time_across_a_23_hour_day() {
        let hours = |from: &str, to: &str| real_between(&Berlin, at(from), at(to)).num_minutes() as f64 / 60.0;
        // Midnight to the 09:00 reminder is eight real hours on that day, nine on others.
        assert_eq!(hours("2026-03-29 00:00:00", "2026-03-29 09:00:00"), 8.0);
        assert_eq!(hours("2026-03-28 00:00:00", "2026-03-28 09:00:00"), 9.0);
        // The 21:00 reminder of the day before to the 09:00 one: eleven real hours.
        assert_eq!(hours("2026-03-28 21:00:00", "2026-03-29 09:00:00"), 11.0);
        // A reminder set in the gap (02:30) fires at the first moment after it, 03:00.
        assert_eq!(hours("2026-03-29 01:00:00", "2026-03-29 02:30:00"), 1.0);
        // The autumn change repeats 02:00–03:00: the first occurrence counts.
        assert_eq!(hours("2026-10-25 00:00:00", "2026-10-25 09:00:00"), 10.0);
    }
}
