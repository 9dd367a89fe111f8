//! The review log as the user sees it: a note's past reviews and its timeline, the reviews done,
//! due and missed on each day of a calendar, and the reviews done per day for the statistics.
//!
//! Only reviews made in the app are in the log. A step ticked by hand in Obsidian counts as done
//! but on no day: it is neither done nor missed on the calendar, and its timeline entry has no
//! date. A review is *missed* on the day it fell due when it was not done by that day: done
//! later (the log says when) or not done yet (the note is overdue). Future days show what falls
//! due if the user keeps up ([`schedule::forecast`]). Everything here is a pure function of the
//! notes, the log and `today`.

use crate::answer::Grade;
use crate::calendar::{self, Planned};
use crate::note::{Kind, Note};
use crate::schedule::{self, due_date, extra_due, review_state, Status, Step};
use crate::store::LoggedReview;
use chrono::{Days, NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use ts_rs::TS;

/// A review of a note, from the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Entry {
    /// The review day (after the rollover hour).
    pub on: NaiveDate,
    /// The local time of the review, to the second.
    pub at: NaiveDateTime,
    /// The step reviewed.
    pub step: Step,
    /// The fixed steps it marked done (more than one when it caught up on late ones).
    pub steps_done: Vec<Step>,
    /// The self-grade of each cue question, in order (none from the command line).
    pub grades: Vec<Grade>,
    /// Seconds spent on the note.
    pub seconds: u32,
    /// The user said the note is now in long-term memory.
    pub long_term: bool,
}

impl Entry {
    /// The entry of a logged review (the store leaves out rows it cannot read).
    pub fn of(logged: &LoggedReview) -> Entry {
        let r = &logged.review;
        Entry {
            on: r.reviewed_on,
            at: r.reviewed_at,
            step: r.step,
            steps_done: r.steps_done.clone(),
            grades: r.grades.clone(),
            seconds: r.seconds,
            long_term: r.long_term,
        }
    }
}

/// The log's entries by note path, oldest first within each note.
pub fn by_note(log: &[LoggedReview]) -> HashMap<&str, Vec<Entry>> {
    let mut out: HashMap<&str, Vec<Entry>> = HashMap::new();
    for logged in log {
        out.entry(logged.path.as_str()).or_default().push(Entry::of(logged));
    }
    for entries in out.values_mut() {
        entries.sort_by_key(|e| (e.on, e.at));
    }
    out
}

/// Where a step of a note's timeline stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Mark {
    /// Done, on the day in `done_on`.
    Done,
    /// Done, ticked outside the app: no date is known.
    DoneUndated,
    /// Due before today and not done.
    Overdue,
    /// Due today.
    Due,
    /// Due later, if the user keeps up.
    Planned,
}

/// One step of a note's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Milestone {
    /// The step.
    pub step: Step,
    /// When it was or is due; `None` before the note is started.
    pub due: Option<NaiveDate>,
    /// When it was done, if the log knows.
    pub done_on: Option<NaiveDate>,
    /// Where it stands.
    pub mark: Mark,
}

/// A note's schedule as a timeline: the four fixed steps, then the extra reviews done (from the
/// log), then the extra reviews ahead up to `horizon` days from today (at least the next one).
pub fn timeline(note: &Note, entries: &[Entry], today: NaiveDate, horizon: u64) -> Vec<Milestone> {
    if note.kind != Kind::Review {
        return Vec::new();
    }
    let done_on = |step: Step| entries.iter().find(|e| e.steps_done.contains(&step) || e.step == step).map(|e| e.on);
    let mut out = Vec::new();
    for step in Step::LADDER {
        let due = note.day0.map(|d| due_date(d, step, None));
        let (mark, on) = if note.flags.done(step) || note.flags.long_term {
            match done_on(step) {
                Some(on) => (Mark::Done, Some(on)),
                None => (Mark::DoneUndated, None),
            }
        } else {
            (open_mark(due, today), None)
        };
        out.push(Milestone { step, due, done_on: on, mark });
    }
    let Some(day0) = note.day0 else { return out };
    let mut previous = None;
    for e in entries {
        if e.step == Step::Extra {
            out.push(Milestone {
                step: Step::Extra,
                due: Some(extra_due(day0, previous.unwrap_or(day0))),
                done_on: Some(e.on),
                mark: Mark::Done,
            });
        }
        previous = Some(e.on);
    }
    if note.flags.long_term {
        return out;
    }
    let until = today.checked_add_days(Days::new(horizon)).unwrap_or(NaiveDate::MAX);
    let ahead = schedule::forecast(note.flags, note.day0, note.last_review, today, NaiveDate::MAX);
    let extras = ahead.into_iter().filter(|(_, step)| *step == Step::Extra);
    let mut last = note.last_review;
    for (i, (on, _)) in extras.enumerate() {
        if i > 0 && on > until {
            break;
        }
        // The first extra ahead may be overdue: it is shown on its due date, not on today.
        let due = if i == 0 { due_date(day0, Step::Extra, last) } else { on };
        out.push(Milestone { step: Step::Extra, due: Some(due), done_on: None, mark: open_mark(Some(due), today) });
        last = Some(on);
        if i >= 8 {
            break;
        }
    }
    out
}

fn open_mark(due: Option<NaiveDate>, today: NaiveDate) -> Mark {
    match due.map(|d| d.cmp(&today)) {
        Some(std::cmp::Ordering::Less) => Mark::Overdue,
        Some(std::cmp::Ordering::Equal) => Mark::Due,
        _ => Mark::Planned,
    }
}

/// A review missed: due on a day and not done by then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Missed {
    /// The note, relative to the vault.
    pub path: String,
    /// The note's title.
    pub title: String,
    /// The step that was due.
    pub step: Step,
    /// When it was done after all; `None` while it is still not done.
    pub done_on: Option<NaiveDate>,
}

/// The reviews missed on days before `today`, by the day they fell due.
pub fn missed(notes: &[Note], log: &HashMap<&str, Vec<Entry>>, today: NaiveDate) -> BTreeMap<NaiveDate, Vec<Missed>> {
    let mut out: BTreeMap<NaiveDate, Vec<Missed>> = BTreeMap::new();
    let none = Vec::new();
    for note in notes.iter().filter(|n| n.kind == Kind::Review) {
        let Some(day0) = note.day0 else { continue };
        let entries = log.get(note.path.as_str()).unwrap_or(&none);
        let mut miss = |due: NaiveDate, step: Step, done_on: Option<NaiveDate>| {
            if due < today {
                let m = Missed { path: note.path.clone(), title: note.title.clone(), step, done_on };
                out.entry(due).or_default().push(m);
            }
        };
        for step in Step::LADDER {
            let due = due_date(day0, step, None);
            match entries.iter().find(|e| e.steps_done.contains(&step)) {
                Some(e) if e.on > due => miss(due, step, Some(e.on)),
                Some(_) => {}
                // Ticked by hand: done, on a day nobody knows.
                None if note.flags.done(step) || note.flags.long_term => {}
                None => miss(due, step, None),
            }
        }
        let mut previous = None;
        for e in entries {
            if e.step == Step::Extra {
                let due = extra_due(day0, previous.unwrap_or(day0));
                if e.on > due {
                    miss(due, Step::Extra, Some(e.on));
                }
            }
            previous = Some(e.on);
        }
        let state = review_state(note.flags, note.day0, note.last_review, today);
        if let (Status::Overdue, Some(Step::Extra), Some(due)) = (state.status, state.step, state.next_due) {
            miss(due, Step::Extra, None);
        }
    }
    for list in out.values_mut() {
        list.sort_by(|a, b| (&a.title, &a.path).cmp(&(&b.title, &b.path)));
    }
    out
}

/// A review done, for a day's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Done {
    /// The note, relative to the vault.
    pub path: String,
    /// The note's title (its path when the note is no longer in the vault).
    pub title: String,
    /// The step reviewed.
    pub step: Step,
    /// The local time of the review, to the second.
    pub at: NaiveDateTime,
}

/// The numbers of one calendar day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DayCount {
    /// The day.
    pub date: NaiveDate,
    /// Reviews falling due that day if the user keeps up (today and later; today's include
    /// everything overdue).
    pub planned: u32,
    /// Reviews done that day (today and before).
    pub done: u32,
    /// Reviews due that day and not done by then (before today).
    pub missed: u32,
}

/// Everything about one day of the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DayList {
    /// The day.
    pub date: NaiveDate,
    /// What falls due that day if the user keeps up (today and later).
    pub planned: Vec<PlannedReview>,
    /// The reviews done that day.
    pub done: Vec<Done>,
    /// The reviews missed that day.
    pub missed: Vec<Missed>,
}

/// A review ahead, for a day's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PlannedReview {
    /// The note, relative to the vault.
    pub path: String,
    /// The note's title.
    pub title: String,
    /// The step due.
    pub step: Step,
    /// Days it is late (today's only).
    #[ts(type = "number")]
    pub days_late: i64,
}

impl From<Planned> for PlannedReview {
    fn from(p: Planned) -> PlannedReview {
        PlannedReview { path: p.path, title: p.title, step: p.step, days_late: p.days_late }
    }
}

/// The calendar over notes and their log on one day: counts per day and each day's list.
pub struct Calendar<'a> {
    notes: &'a [Note],
    log: HashMap<&'a str, Vec<Entry>>,
    today: NaiveDate,
}

impl<'a> Calendar<'a> {
    /// The calendar of `notes` with the `log` of their vault, seen on `today`.
    pub fn new(notes: &'a [Note], log: &'a [LoggedReview], today: NaiveDate) -> Calendar<'a> {
        Calendar { notes, log: by_note(log), today }
    }

    /// The numbers of every day from `from` through `to`, in order (days without any included).
    pub fn counts(&self, from: NaiveDate, to: NaiveDate) -> Vec<DayCount> {
        let planned = self.planned(from, to);
        let missed = missed(self.notes, &self.log, self.today);
        let mut done: BTreeMap<NaiveDate, u32> = BTreeMap::new();
        for e in self.log.values().flatten() {
            *done.entry(e.on).or_default() += 1;
        }
        from.iter_days()
            .take_while(|d| *d <= to)
            .map(|date| DayCount {
                date,
                planned: planned.get(&date).map_or(0, |p| p.len() as u32),
                done: done.get(&date).copied().unwrap_or(0),
                missed: missed.get(&date).map_or(0, |m| m.len() as u32),
            })
            .collect()
    }

    /// Everything about `date`.
    pub fn day(&self, date: NaiveDate) -> DayList {
        let titles: HashMap<&str, &str> = self.notes.iter().map(|n| (n.path.as_str(), n.title.as_str())).collect();
        let mut done: Vec<Done> = self
            .log
            .iter()
            .flat_map(|(path, entries)| entries.iter().filter(|e| e.on == date).map(move |e| (*path, e)))
            .map(|(path, e)| Done {
                path: path.to_string(),
                title: titles.get(path).map_or_else(|| path.to_string(), |t| t.to_string()),
                step: e.step,
                at: e.at,
            })
            .collect();
        done.sort_by(|a, b| (a.at, &a.path).cmp(&(b.at, &b.path)));
        DayList {
            date,
            planned: self.planned(date, date).remove(&date).unwrap_or_default(),
            done,
            missed: missed(self.notes, &self.log, self.today).remove(&date).unwrap_or_default(),
        }
    }

    fn planned(&self, from: NaiveDate, to: NaiveDate) -> BTreeMap<NaiveDate, Vec<PlannedReview>> {
        if to < self.today {
            return BTreeMap::new();
        }
        let days = (to - self.today).num_days() + 1;
        calendar::forecast_days(self.notes, self.today, u32::try_from(days).unwrap_or(u32::MAX))
            .into_iter()
            .filter(|d| d.date >= from)
            .map(|d| (d.date, d.reviews.into_iter().map(PlannedReview::from).collect()))
            .collect()
    }
}

/// Reviews done per day, oldest first: the statistics' heatmap, streaks and 30-day chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReviewDay {
    /// The day.
    pub date: NaiveDate,
    /// Reviews done that day.
    pub reviews: u32,
    /// Seconds spent on them.
    pub seconds: u32,
}

/// The days with reviews in `log`, oldest first.
pub fn review_days(log: &[LoggedReview]) -> Vec<ReviewDay> {
    let mut days: BTreeMap<NaiveDate, (u32, u32)> = BTreeMap::new();
    for entry in log.iter().map(Entry::of) {
        let day = days.entry(entry.on).or_default();
        day.0 += 1;
        day.1 = day.1.saturating_add(entry.seconds);
    }
    days.into_iter().map(|(date, (reviews, seconds))| ReviewDay { date, reviews, seconds }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::ReviewRow;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn note(path: &str, yaml: &str) -> Note {
        Note::parse(path, format!("---\n{yaml}---\n").as_bytes()).unwrap()
    }

    fn logged(path: &str, on: &str, step: Step, steps_done: &[Step]) -> LoggedReview {
        LoggedReview {
            path: path.into(),
            review: ReviewRow {
                reviewed_on: d(on),
                reviewed_at: d(on).and_hms_opt(9, 0, 0).unwrap(),
                step,
                steps_done: steps_done.to_vec(),
                long_term: false,
                grades: vec![Grade::Remembered, Grade::Forgot],
                seconds: 30,
            },
        }
    }

    #[test]
    fn entries_are_the_log_s_reviews_by_note_oldest_first() {
        let log = [
            logged("a.md", "2024-09-05", Step::D4, &[Step::D1, Step::D4]),
            logged("a.md", "2024-09-02", Step::D1, &[Step::D1]),
        ];
        let by = by_note(&log);
        let a = &by["a.md"];
        assert_eq!(a.len(), 2);
        assert_eq!((a[0].on, a[0].step), (d("2024-09-02"), Step::D1));
        assert_eq!(a[1].steps_done, vec![Step::D1, Step::D4]);
        assert_eq!(a[1].grades, vec![Grade::Remembered, Grade::Forgot]);
    }

    #[test]
    fn a_timeline_dates_what_the_log_knows_and_plans_the_rest() {
        // Day 0 09-01: D1 done in the app on 09-02, D4 ticked by hand, D7 due 09-08 is late.
        let n = note("a.md", "⭕첫 학습날: 2024-09-01\n❤1일복습여부: true\n🧡4일복습여부: true\n");
        let entries = by_note(&[logged("a.md", "2024-09-02", Step::D1, &[Step::D1])]).remove("a.md").unwrap();
        let t = timeline(&n, &entries, d("2024-09-10"), 365);
        let marks: Vec<_> = t.iter().map(|m| (m.step, m.due, m.done_on, m.mark)).collect();
        assert_eq!(marks[0], (Step::D1, Some(d("2024-09-02")), Some(d("2024-09-02")), Mark::Done));
        assert_eq!(marks[1], (Step::D4, Some(d("2024-09-05")), None, Mark::DoneUndated));
        assert_eq!(marks[2], (Step::D7, Some(d("2024-09-08")), None, Mark::Overdue));
        assert_eq!(marks[3], (Step::D14, Some(d("2024-09-15")), None, Mark::Planned));
        // Then extras on day 0 + 30, 60, 120, 240 if kept up (within a year), at least one.
        let extras: Vec<_> = t[4..].iter().map(|m| m.due.unwrap()).collect();
        assert_eq!(extras, [d("2024-10-01"), d("2024-10-31"), d("2024-12-30"), d("2025-04-29")]);
        assert!(timeline(&n, &entries, d("2024-09-10"), 0).len() == 5);
        // Not started: the steps without dates; plain: nothing.
        let fresh = timeline(&note("b.md", "❤1일복습여부: false\n"), &[], d("2024-09-10"), 30);
        assert!(fresh.iter().all(|m| m.due.is_none() && m.mark == Mark::Planned) && fresh.len() == 4);
        assert!(timeline(&note("c.md", "⭕과목: x\n"), &[], d("2024-09-10"), 30).is_empty());
    }

    #[test]
    fn a_late_extra_review_shows_on_its_due_date() {
        let yaml = "⭕첫 학습날: 2024-09-01\n❤1일복습여부: true\n🧡4일복습여부: true\n💛7일복습여부: true\n💚14일복습여부: true\n🔁마지막복습: 2024-10-01\n";
        let n = note("a.md", yaml);
        let log = [logged("a.md", "2024-10-01", Step::Extra, &[])];
        let entries = by_note(&log).remove("a.md").unwrap();
        let t = timeline(&n, &entries, d("2024-11-05"), 0);
        assert_eq!((t[4].due, t[4].done_on, t[4].mark), (Some(d("2024-10-01")), Some(d("2024-10-01")), Mark::Done));
        assert_eq!((t[5].due, t[5].mark), (Some(d("2024-10-31")), Mark::Overdue));
        let missed = missed(std::slice::from_ref(&n), &by_note(&log), d("2024-11-05"));
        assert_eq!(missed.keys().copied().collect::<Vec<_>>(), [d("2024-10-31")]);
    }

    #[test]
    fn missed_reviews_fall_on_their_due_day() {
        let notes = [
            // D1 due 09-02 done on time, D4 due 09-05 done late on 09-07 with D7 (due 09-08, early).
            note("a.md", "⭕첫 학습날: 2024-09-01\n❤1일복습여부: true\n🧡4일복습여부: true\n💛7일복습여부: true\n"),
            // D1 due 09-04 never done: missed on 09-04 and still open.
            note("b.md", "⭕첫 학습날: 2024-09-03\n❤1일복습여부: false\n"),
            // Ticked by hand: nothing known, nothing missed.
            note("c.md", "⭕첫 학습날: 2024-09-01\n❤1일복습여부: true\n"),
        ];
        let log = [
            logged("a.md", "2024-09-02", Step::D1, &[Step::D1]),
            logged("a.md", "2024-09-07", Step::D4, &[Step::D4, Step::D7]),
        ];
        let m = missed(&notes, &by_note(&log), d("2024-09-10"));
        let flat: Vec<_> =
            m.iter().flat_map(|(day, l)| l.iter().map(move |x| (*day, x.path.as_str(), x.step, x.done_on))).collect();
        // b's D4 (09-07) is missed too: on that day a catch-up of both was due. c's D4 and D7
        // are open and late; its D1, ticked by hand, is not counted either way. D7 of b falls
        // due today, which is not over.
        assert_eq!(
            flat,
            [
                (d("2024-09-04"), "b.md", Step::D1, None),
                (d("2024-09-05"), "a.md", Step::D4, Some(d("2024-09-07"))),
                (d("2024-09-05"), "c.md", Step::D4, None),
                (d("2024-09-07"), "b.md", Step::D4, None),
                (d("2024-09-08"), "c.md", Step::D7, None),
            ]
        );
    }

    #[test]
    fn a_calendar_counts_planned_done_and_missed() {
        let notes = [
            note("a.md", "⭕첫 학습날: 2024-09-01\n❤1일복습여부: true\n🧡4일복습여부: true\n💛7일복습여부: true\n"),
            note("b.md", "⭕첫 학습날: 2024-09-03\n❤1일복습여부: false\n"),
        ];
        let log = [
            logged("a.md", "2024-09-02", Step::D1, &[Step::D1]),
            logged("a.md", "2024-09-07", Step::D4, &[Step::D4, Step::D7]),
        ];
        let cal = Calendar::new(&notes, &log, d("2024-09-10"));
        let counts = cal.counts(d("2024-09-01"), d("2024-09-30"));
        assert_eq!(counts.len(), 30);
        let on = |day: &str| counts.iter().find(|c| c.date == d(day)).map(|c| (c.planned, c.done, c.missed)).unwrap();
        assert_eq!(on("2024-09-02"), (0, 1, 0));
        assert_eq!(on("2024-09-04"), (0, 0, 1));
        assert_eq!(on("2024-09-05"), (0, 0, 1));
        assert_eq!(on("2024-09-07"), (0, 1, 1));
        // Today: b's catch-up of D1, D4 and D7 is one review; then a's D14 on 09-15, b's D14 on
        // 09-17, and both notes' extra reviews 30 days after their day 0.
        assert_eq!(on("2024-09-10"), (1, 0, 0));
        assert_eq!(on("2024-09-15"), (1, 0, 0));
        assert_eq!(on("2024-09-17"), (1, 0, 0));
        let planned: u32 = counts.iter().map(|c| c.planned).sum();
        assert_eq!(planned, 3);
        let today = cal.day(d("2024-09-10"));
        assert_eq!((today.planned[0].path.as_str(), today.planned[0].days_late), ("b.md", 6));
        let past = cal.day(d("2024-09-07"));
        assert_eq!((past.done.len(), past.done[0].title.as_str(), past.planned.len()), (1, "a", 0));
        assert_eq!(cal.day(d("2024-09-05")).missed[0].done_on, Some(d("2024-09-07")));
    }

    #[test]
    fn review_days_add_up_reviews_and_time() {
        let log = [
            logged("a.md", "2024-09-02", Step::D1, &[Step::D1]),
            logged("b.md", "2024-09-02", Step::D1, &[Step::D1]),
            logged("a.md", "2024-09-05", Step::D4, &[Step::D4]),
        ];
        let days = review_days(&log);
        assert_eq!(days.len(), 2);
        assert_eq!((days[0].date, days[0].reviews, days[0].seconds), (d("2024-09-02"), 2, 60));
    }
}
