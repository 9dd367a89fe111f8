//! The review model of REVIEW-MODEL.md sections 1 and 2, as pure functions of plain values.
//!
//! Nothing here reads the clock or a file: `today` and the note's flags and dates are arguments,
//! so every rule is tested with fixed dates.

use chrono::{Days, NaiveDate, NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A rung of the Ebbinghaus ladder: the fixed reviews, then the open-ended extra reviews.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Step {
    /// Day 0 + 1.
    D1,
    /// Day 0 + 4.
    D4,
    /// Day 0 + 7.
    D7,
    /// Day 0 + 14.
    D14,
    /// Day 0 + 30, 60, 120, … until the user marks the note as in long-term memory.
    Extra,
}

impl Step {
    /// The four fixed steps, in order.
    pub const LADDER: [Step; 4] = [Step::D1, Step::D4, Step::D7, Step::D14];

    /// The step's code in the review log and over IPC: `d1`, `d4`, `d7`, `d14`, `extra`.
    pub fn code(self) -> &'static str {
        match self {
            Step::D1 => "d1",
            Step::D4 => "d4",
            Step::D7 => "d7",
            Step::D14 => "d14",
            Step::Extra => "extra",
        }
    }

    /// The step of a code of [`Step::code`].
    pub fn from_code(code: &str) -> Option<Step> {
        [Step::D1, Step::D4, Step::D7, Step::D14, Step::Extra].into_iter().find(|s| s.code() == code)
    }

    /// Days after day 0 of a fixed step; `None` for [`Step::Extra`], whose date depends on the
    /// latest review.
    pub fn offset(self) -> Option<u64> {
        match self {
            Step::D1 => Some(1),
            Step::D4 => Some(4),
            Step::D7 => Some(7),
            Step::D14 => Some(14),
            Step::Extra => None,
        }
    }

    /// The template's `복습` label while this step is next.
    pub fn label(self) -> &'static str {
        match self {
            Step::D1 => "1일 복습",
            Step::D4 => "4일 복습",
            Step::D7 => "7일 복습",
            Step::D14 => "14일 복습",
            Step::Extra => "추가 복습",
        }
    }

    /// The step's name for the user, in the language of the messages: the template's label in
    /// Korean, "4-day review" in English.
    pub fn name(self) -> String {
        match (crate::lang::current(), self.offset()) {
            (crate::lang::Lang::Ko, _) => self.label().into(),
            (_, Some(days)) => format!("{days}-day review"),
            (_, None) => "extra review".into(),
        }
    }
}

/// The `복습` label of a note in long-term memory.
pub const LONG_TERM_LABEL: &str = "장기기억";

/// The five review flags of a note. A missing key is `false`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Flags {
    /// `❤1일복습여부`
    pub d1: bool,
    /// `🧡4일복습여부`
    pub d4: bool,
    /// `💛7일복습여부`
    pub d7: bool,
    /// `💚14일복습여부`
    pub d14: bool,
    /// `🧠장기기억`: the note is done, whatever the other flags say.
    pub long_term: bool,
}

impl Flags {
    /// Whether a fixed step is marked done.
    pub fn done(&self, step: Step) -> bool {
        match step {
            Step::D1 => self.d1,
            Step::D4 => self.d4,
            Step::D7 => self.d7,
            Step::D14 => self.d14,
            Step::Extra => false,
        }
    }

    /// The next step to review: the first fixed step not done, else an extra review;
    /// `None` once the note is in long-term memory.
    pub fn next_step(&self) -> Option<Step> {
        if self.long_term {
            return None;
        }
        Some(Step::LADDER.into_iter().find(|s| !self.done(*s)).unwrap_or(Step::Extra))
    }

    /// Done steps out of five (D1, D4, D7, D14, long-term), from 0.0 to 1.0. A note in
    /// long-term memory is complete: 1.0.
    pub fn progress(&self) -> f64 {
        self.done_count() as f64 / 5.0
    }

    /// How many of the five steps are done (all five in long-term memory).
    fn done_count(&self) -> usize {
        if self.long_term {
            return 5;
        }
        Step::LADDER.iter().filter(|s| self.done(**s)).count()
    }

    /// [`progress_bar`] of [`Flags::progress`], from a table: an agenda shows one per note, and
    /// formatting 10,000 of them was a tenth of grouping the agenda.
    pub fn bar(&self) -> &'static str {
        BARS[self.done_count()]
    }

    /// Marks a fixed step done; an extra review leaves the flags as they are.
    pub fn mark(&mut self, step: Step) {
        match step {
            Step::D1 => self.d1 = true,
            Step::D4 => self.d4 = true,
            Step::D7 => self.d7 = true,
            Step::D14 => self.d14 = true,
            Step::Extra => {}
        }
    }

    /// The `복습` label computed from the flags (never read from the file).
    pub fn label(&self) -> &'static str {
        self.next_step().map_or(LONG_TERM_LABEL, Step::label)
    }
}

/// Where a review note stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Status {
    /// The next step was due before today.
    Overdue,
    /// The next step is due today.
    Due,
    /// The next step is due after today.
    Upcoming,
    /// The note has review flags but no first study date yet.
    NotStarted,
    /// `🧠장기기억` is set: nothing is due.
    LongTerm,
}

/// Everything section 2 derives for a review note on a given day.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewState {
    /// Overdue, due, upcoming, not started or long-term.
    pub status: Status,
    /// The next step; `None` when in long-term memory.
    pub step: Option<Step>,
    /// The computed `복습` label; `None` when not started.
    pub stage: Option<&'static str>,
    /// When the next step is due; `None` when not started or in long-term memory.
    pub next_due: Option<NaiveDate>,
    /// Days from day 0 to today (negative if day 0 is in the future); `None` when not started.
    pub days_since: Option<i64>,
    /// Days the next step is late (0 unless overdue).
    pub days_late: i64,
    /// Done steps out of five, 0.0 to 1.0.
    pub progress: f64,
}

/// Computes a review note's state on `today` (sections 1 and 2).
///
/// `last_review` is the note's `🔁마지막복습`, which only moves extra reviews.
pub fn review_state(
    flags: Flags,
    day0: Option<NaiveDate>,
    last_review: Option<NaiveDate>,
    today: NaiveDate,
) -> ReviewState {
    let progress = flags.progress();
    let days_since = day0.map(|d| (today - d).num_days());
    let step = flags.next_step();
    let (status, next_due) = match (step, day0) {
        (None, _) => (Status::LongTerm, None),
        (Some(_), None) => (Status::NotStarted, None),
        (Some(step), Some(day0)) => {
            let due = due_date(day0, step, last_review);
            let status = match due.cmp(&today) {
                std::cmp::Ordering::Less => Status::Overdue,
                std::cmp::Ordering::Equal => Status::Due,
                std::cmp::Ordering::Greater => Status::Upcoming,
            };
            (status, Some(due))
        }
    };
    let days_late = match (status, next_due) {
        (Status::Overdue, Some(due)) => (today - due).num_days(),
        _ => 0,
    };
    let stage = match status {
        Status::NotStarted => None,
        _ => Some(flags.label()),
    };
    ReviewState { status, step, stage, next_due, days_since, days_late, progress }
}

/// The due date of `step` for a note first studied on `day0`. Fixed steps fall on day 0 + n
/// whatever happened before (lateness never shifts the ladder); an extra review falls on the
/// first of day 0 + 30, 60, 120, … after the latest review (day 0 when there is none).
pub fn due_date(day0: NaiveDate, step: Step, last_review: Option<NaiveDate>) -> NaiveDate {
    match step.offset() {
        Some(n) => add_days(day0, n),
        None => extra_due(day0, last_review.unwrap_or(day0)),
    }
}

/// The first extra-review date (day 0 + 30 × 2^k) strictly after `latest`.
pub fn extra_due(day0: NaiveDate, latest: NaiveDate) -> NaiveDate {
    let mut interval = 30u64;
    loop {
        let due = add_days(day0, interval);
        // The doubling reaches chrono's last date within ~20 steps, so this always ends.
        if due > latest || due == NaiveDate::MAX {
            return due;
        }
        interval *= 2;
    }
}

fn add_days(date: NaiveDate, n: u64) -> NaiveDate {
    date.checked_add_days(Days::new(n)).unwrap_or(NaiveDate::MAX)
}

/// What a review on `on` marks done (section 1.1): every fixed step due on or before `on`, and
/// at least the next one. Returns the flags after the review and the steps it marks, in order;
/// an extra review marks no fixed step.
pub fn catch_up(flags: Flags, day0: NaiveDate, on: NaiveDate) -> (Flags, Vec<Step>) {
    let mut after = flags;
    let mut marked = Vec::new();
    let next = flags.next_step();
    for step in Step::LADDER {
        if !flags.done(step) && (Some(step) == next || due_date(day0, step, None) <= on) {
            after.mark(step);
            marked.push(step);
        }
    }
    (after, marked)
}

/// The reviews a note will have from `today` through `until` if the user keeps up: each step on
/// its due date, and everything overdue today (one review that catches up, section 1.1). Extra
/// reviews follow one another (day 0 + 30, 60, 120, …) until the user says the note is in
/// long-term memory, which a forecast cannot know. Returns the review days with the step
/// reviewed; nothing for a note not started or in long-term memory.
pub fn forecast(
    flags: Flags,
    day0: Option<NaiveDate>,
    last_review: Option<NaiveDate>,
    today: NaiveDate,
    until: NaiveDate,
) -> Vec<(NaiveDate, Step)> {
    let Some(day0) = day0 else { return Vec::new() };
    let (mut flags, mut last) = (flags, last_review);
    let mut reviews = Vec::new();
    while let Some(step) = flags.next_step() {
        let on = due_date(day0, step, last).max(today);
        if on > until || on == NaiveDate::MAX {
            break;
        }
        reviews.push((on, step));
        flags = catch_up(flags, day0, on).0;
        last = Some(on);
    }
    reviews
}

/// The local calendar day of `now`, with a day-rollover hour as Anki has: with rollover 4, the
/// day starts at 04:00, so 02:30 still counts as the previous day.
pub fn today_at(now: NaiveDateTime, rollover_hour: u32) -> NaiveDate {
    let date = now.date();
    if now.hour() < rollover_hour {
        date.pred_opt().unwrap_or(date)
    } else {
        date
    }
}

/// [`progress_bar`] for 0 to 5 steps done.
const BARS: [&str; 6] = [
    "⬜⬜⬜⬜⬜⬜⬜⬜⬜⬜ 0%",
    "🟩🟩⬜⬜⬜⬜⬜⬜⬜⬜ 20%",
    "🟩🟩🟩🟩⬜⬜⬜⬜⬜⬜ 40%",
    "🟩🟩🟩🟩🟩🟩⬜⬜⬜⬜ 60%",
    "🟩🟩🟩🟩🟩🟩🟩🟩⬜⬜ 80%",
    "🟩🟩🟩🟩🟩🟩🟩🟩🟩🟩 100%",
];

/// The template's `진행바`: ten cells of 🟩 and ⬜ and the percent, e.g. `🟩🟩🟩🟩🟩🟩⬜⬜⬜⬜ 60%`.
pub fn progress_bar(progress: f64) -> String {
    let progress = progress.clamp(0.0, 1.0);
    let filled = (progress * 10.0).round() as usize;
    format!("{}{} {}%", "🟩".repeat(filled), "⬜".repeat(10 - filled), (progress * 100.0).round())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn flags(bits: &str) -> Flags {
        let b: Vec<bool> = bits.chars().map(|c| c == '1').collect();
        Flags { d1: b[0], d4: b[1], d7: b[2], d14: b[3], long_term: b[4] }
    }

    #[test]
    fn seed_note_on_export_day() {
        let s = review_state(flags("11111"), Some(d("2024-08-25")), None, d("2024-10-27"));
        assert_eq!(s.status, Status::LongTerm);
        assert_eq!(s.days_since, Some(63));
        assert_eq!(s.progress, 1.0);
        assert_eq!(s.next_due, None);
        assert_eq!(s.stage, Some("장기기억"));
        assert_eq!(s.step, None);
    }

    #[test]
    fn next_step_is_first_flag_not_true() {
        assert_eq!(flags("00000").next_step(), Some(Step::D1));
        assert_eq!(flags("10000").next_step(), Some(Step::D4));
        assert_eq!(flags("11000").next_step(), Some(Step::D7));
        assert_eq!(flags("11100").next_step(), Some(Step::D14));
        assert_eq!(flags("11110").next_step(), Some(Step::Extra));
        // A skipped step is still the next one.
        assert_eq!(flags("01100").next_step(), Some(Step::D1));
        assert_eq!(flags("10100").next_step(), Some(Step::D4));
        // Long-term wins whatever the others say.
        assert_eq!(flags("00001").next_step(), None);
    }

    #[test]
    fn labels_follow_flags() {
        assert_eq!(flags("00000").label(), "1일 복습");
        assert_eq!(flags("10000").label(), "4일 복습");
        assert_eq!(flags("11000").label(), "7일 복습");
        assert_eq!(flags("11100").label(), "14일 복습");
        assert_eq!(flags("11110").label(), "추가 복습");
        assert_eq!(flags("11111").label(), "장기기억");
    }

    #[test]
    fn due_dates_of_the_ladder() {
        let day0 = d("2024-08-25");
        assert_eq!(due_date(day0, Step::D1, None), d("2024-08-26"));
        assert_eq!(due_date(day0, Step::D4, None), d("2024-08-29"));
        assert_eq!(due_date(day0, Step::D7, None), d("2024-09-01"));
        assert_eq!(due_date(day0, Step::D14, None), d("2024-09-08"));
        // Lateness does not shift the ladder.
        assert_eq!(due_date(day0, Step::D7, Some(d("2024-10-01"))), d("2024-09-01"));
    }

    #[test]
    fn status_overdue_due_upcoming() {
        let day0 = Some(d("2024-08-25"));
        let s = review_state(flags("10000"), day0, None, d("2024-08-28"));
        assert_eq!((s.status, s.next_due, s.days_late), (Status::Upcoming, Some(d("2024-08-29")), 0));
        let s = review_state(flags("10000"), day0, None, d("2024-08-29"));
        assert_eq!((s.status, s.days_late), (Status::Due, 0));
        let s = review_state(flags("10000"), day0, None, d("2024-09-02"));
        assert_eq!((s.status, s.days_late), (Status::Overdue, 4));
        assert_eq!(s.stage, Some("4일 복습"));
        assert_eq!(s.days_since, Some(8));
    }

    #[test]
    fn first_extra_review_is_day_30_without_last_review() {
        let s = review_state(flags("11110"), Some(d("2024-08-25")), None, d("2024-09-20"));
        assert_eq!(s.status, Status::Upcoming);
        assert_eq!(s.next_due, Some(d("2024-09-24")));
        assert_eq!(s.stage, Some("추가 복습"));
    }

    #[test]
    fn extra_reviews_double_after_the_latest_review() {
        let day0 = d("2024-01-01");
        assert_eq!(extra_due(day0, day0), d("2024-01-31"));
        assert_eq!(extra_due(day0, d("2024-01-30")), d("2024-01-31"));
        // Reviewed on the due day: the next one is the following date, not the same one.
        assert_eq!(extra_due(day0, d("2024-01-31")), d("2024-03-01"));
        assert_eq!(extra_due(day0, d("2024-03-01")), d("2024-04-30"));
        assert_eq!(extra_due(day0, d("2024-05-01")), d("2024-08-28"));
        assert_eq!(extra_due(day0, d("2025-04-25")), d("2026-08-18"));
        assert_eq!(extra_due(day0, d("2025-06-01")), d("2026-08-18"));
    }

    #[test]
    fn extra_review_overdue_when_last_review_is_old() {
        let s = review_state(flags("11110"), Some(d("2024-01-01")), Some(d("2024-02-01")), d("2024-06-01"));
        assert_eq!(s.next_due, Some(d("2024-03-01")));
        assert_eq!(s.status, Status::Overdue);
        assert_eq!(s.days_late, 92);
    }

    #[test]
    fn not_started_is_never_due() {
        let s = review_state(flags("00000"), None, None, d("2024-08-25"));
        assert_eq!(s.status, Status::NotStarted);
        assert_eq!((s.stage, s.next_due, s.days_since, s.progress), (None, None, None, 0.0));
        // Long-term beats a missing day 0.
        assert_eq!(review_state(flags("00001"), None, None, d("2024-08-25")).status, Status::LongTerm);
    }

    #[test]
    fn progress_counts_all_five_steps() {
        assert_eq!(flags("00000").progress(), 0.0);
        assert_eq!(flags("10000").progress(), 0.2);
        assert_eq!(flags("11000").progress(), 0.4);
        assert_eq!(flags("11100").progress(), 0.6);
        assert_eq!(flags("11110").progress(), 0.8);
        assert_eq!(flags("11111").progress(), 1.0);
        assert_eq!(flags("01100").progress(), 0.4);
    }

    #[test]
    fn the_bar_of_a_notes_flags_is_its_progress_bar() {
        for bits in 0u8..32 {
            let f = flags(&format!("{bits:05b}"));
            assert_eq!(f.bar(), progress_bar(f.progress()), "{f:?}");
        }
    }

    #[test]
    fn progress_bar_has_ten_cells() {
        assert_eq!(progress_bar(0.0), "⬜⬜⬜⬜⬜⬜⬜⬜⬜⬜ 0%");
        assert_eq!(progress_bar(0.6), "🟩🟩🟩🟩🟩🟩⬜⬜⬜⬜ 60%");
        assert_eq!(progress_bar(1.0), "🟩🟩🟩🟩🟩🟩🟩🟩🟩🟩 100%");
    }

    #[test]
    fn catch_up_marks_every_step_due_and_at_least_the_next() {
        let day0 = d("2024-08-25");
        // Early: only the next step.
        assert_eq!(catch_up(flags("00000"), day0, d("2024-08-25")), (flags("10000"), vec![Step::D1]));
        // Late by ten days: D4 and D7 as well.
        assert_eq!(catch_up(flags("10000"), day0, d("2024-09-04")), (flags("11100"), vec![Step::D4, Step::D7]));
        // A skipped step stays next; a done later one is not marked again.
        assert_eq!(catch_up(flags("10100"), day0, d("2024-08-29")), (flags("11100"), vec![Step::D4]));
        // An extra review marks nothing.
        assert_eq!(catch_up(flags("11110"), day0, d("2024-10-01")), (flags("11110"), vec![]));
    }

    #[test]
    fn forecast_on_time_climbs_the_ladder_then_doubles() {
        let day0 = d("2024-01-01");
        let days = forecast(flags("00000"), Some(day0), None, day0, d("2024-12-31"));
        let dates: Vec<String> = days.iter().map(|(on, _)| on.to_string()).collect();
        assert_eq!(
            dates,
            [
                "2024-01-02",
                "2024-01-05",
                "2024-01-08",
                "2024-01-15",
                "2024-01-31",
                "2024-03-01",
                "2024-04-30",
                "2024-08-28"
            ]
        );
        assert_eq!(
            days.iter().map(|(_, s)| *s).collect::<Vec<_>>()[..5],
            [Step::D1, Step::D4, Step::D7, Step::D14, Step::Extra]
        );
    }

    #[test]
    fn forecast_puts_everything_overdue_on_today_once() {
        let day0 = d("2024-01-01");
        // D1 done, D4 ten days late: one review today catches up D4 and D7; D14 on its date.
        let days = forecast(flags("10000"), Some(day0), None, d("2024-01-15"), d("2024-01-31"));
        assert_eq!(days, [(d("2024-01-15"), Step::D4), (d("2024-01-31"), Step::Extra)]);
        let days = forecast(flags("10000"), Some(day0), None, d("2024-01-11"), d("2024-01-31"));
        assert_eq!(days, [(d("2024-01-11"), Step::D4), (d("2024-01-15"), Step::D14), (d("2024-01-31"), Step::Extra)]);
        // An old extra review: today, then the next date of the series after today.
        let days = forecast(flags("11110"), Some(day0), Some(d("2024-02-01")), d("2024-06-01"), d("2024-12-31"));
        assert_eq!(days, [(d("2024-06-01"), Step::Extra), (d("2024-08-28"), Step::Extra)]);
    }

    #[test]
    fn forecast_is_empty_when_nothing_will_be_due() {
        let today = d("2024-06-01");
        assert!(forecast(flags("00001"), Some(d("2024-01-01")), None, today, d("2024-12-31")).is_empty());
        assert!(forecast(flags("00000"), None, None, today, d("2024-12-31")).is_empty());
        // The window ends before the next review.
        assert!(forecast(flags("10000"), Some(d("2024-05-30")), None, today, d("2024-06-02")).is_empty());
    }

    #[test]
    fn rollover_hour_moves_today() {
        let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        assert_eq!(today_at(at("2024-08-26 03:59"), 4), d("2024-08-25"));
        assert_eq!(today_at(at("2024-08-26 04:00"), 4), d("2024-08-26"));
        assert_eq!(today_at(at("2024-08-26 00:10"), 0), d("2024-08-26"));
    }
}
