//! The plan for a backlog and for exams: when more is due than the user's daily limit, today gets
//! its share (lowest predicted recall first, then the oldest) and the rest is spread over the
//! next days; an exam makes sure every note it covers is reviewed at least once in its final
//! stretch, and says plainly when that cannot fit. Pure functions over plain values.
//!
//! The plan only orders and spreads: what a review writes into a note is unchanged (the late
//! review catches up, REVIEW-MODEL.md 1.1).
//!
//! It follows the student's [`Week`]: nothing on a free weekday or in a break, half the limit on
//! a light day. A ladder step falling on a free day is moved to the open day before it (an early
//! review, which marks only that step), one falling in a break to the days after it.

use crate::week::{DayKind, Week};
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use ts_rs::TS;

/// How much the user reviews a day at most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "unit", content = "value", rename_all = "snake_case")]
#[ts(export)]
pub enum Limit {
    /// At most this many notes.
    Notes(u32),
    /// At most this many minutes.
    Minutes(u32),
}

impl Default for Limit {
    /// Twenty notes a day.
    fn default() -> Limit {
        Limit::Notes(20)
    }
}

/// A note to place: when it falls due, how well it is remembered, how long it takes.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The note, relative to the vault.
    pub path: String,
    /// The day its next review falls due.
    pub due: NaiveDate,
    /// Its questions' mean probability of recall today; `None` without any answers yet.
    pub recall: Option<f64>,
    /// The minutes its review takes.
    pub minutes: f64,
    /// `⭕과목`.
    pub subject: Option<String>,
    /// `⭕교재`.
    pub textbook: Option<String>,
    /// The last day it was reviewed (from the log), if known.
    pub reviewed: Option<NaiveDate>,
}

/// An exam: its name, its date, and the subjects and textbooks it covers (a note is covered when
/// its `⭕과목` or its `⭕교재` is one of them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Exam {
    /// What the user calls it ("AWS SysOps").
    pub name: String,
    /// The day of the exam.
    pub date: NaiveDate,
    /// `⭕과목` values it covers.
    pub subjects: Vec<String>,
    /// `⭕교재` values it covers.
    pub textbooks: Vec<String>,
}

impl Exam {
    /// Whether the exam covers a note of this subject and textbook.
    pub fn covers(&self, subject: Option<&str>, textbook: Option<&str>) -> bool {
        subject.is_some_and(|s| self.subjects.iter().any(|x| x == s))
            || textbook.is_some_and(|t| self.textbooks.iter().any(|x| x == t))
    }

    /// The first day of its final stretch: [`STRETCH`] days before it, or today if later.
    pub fn stretch_start(&self, today: NaiveDate) -> NaiveDate {
        self.date.checked_sub_days(Days::new(STRETCH)).unwrap_or(self.date).max(today)
    }
}

/// The days before an exam in which each covered note is reviewed once more.
pub const STRETCH: u64 = 14;

/// How far ahead a plan looks for notes falling due: past this, the ladder alone decides.
pub const HORIZON: u64 = 14;

/// How many days a plan lists at least, planned or not: the calendar's six weeks, so each shows
/// whether it is free, light or in a break.
pub const LISTED_DAYS: u64 = 42;

/// One day of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Day {
    /// The day.
    pub date: NaiveDate,
    /// Normal, light, free or in a break.
    pub kind: DayKind,
    /// The notes to review that day, in order.
    pub notes: Vec<String>,
    /// Their minutes.
    pub minutes: f64,
    /// Those of its notes the plan moved off their own day, with which way.
    pub moved: Vec<MovedReview>,
}

/// A note planned on another day than its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MovedReview {
    /// The note.
    pub path: String,
    /// The day it falls due (today for an overdue note).
    pub due: NaiveDate,
    /// Before its day: an early review the student chooses, which marks only its step. After
    /// it: a late review, which catches up as the review model says.
    pub early: bool,
}

/// How an exam stands in the plan.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ExamPlan {
    /// The exam's name.
    pub name: String,
    /// Its date.
    pub date: NaiveDate,
    /// Days until it (0 on the day).
    pub days_left: i32,
    /// The notes it covers.
    pub covered: u32,
    /// Of those, reviewed in its final stretch already.
    pub reviewed: u32,
    /// Of those, still to review before it (all are planned unless `fits` is false).
    pub remaining: u32,
    /// The days left to review them in (before the exam day).
    pub days: u32,
    /// Whether every remaining note fits within the daily limit.
    pub fits: bool,
    /// When it does not fit: the minutes a day it would take.
    pub minutes_needed: Option<u32>,
    /// When it does not fit: the notes a day it would take.
    pub notes_needed: Option<u32>,
}

/// The whole plan.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Plan {
    /// The limit it was made with.
    pub limit: Limit,
    /// Every day from today, in order: at least [`LISTED_DAYS`], and up to the last one planned.
    pub days: Vec<Day>,
    /// Notes due today or earlier that the plan moved to a later day.
    pub deferred: u32,
    /// Each exam still ahead, soonest first.
    pub exams: Vec<ExamPlan>,
}

impl Plan {
    /// The notes planned for `date`.
    pub fn on(&self, date: NaiveDate) -> &[String] {
        self.days.iter().find(|d| d.date == date).map_or(&[], |d| d.notes.as_slice())
    }
}

/// Why a plan cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A limit of zero.
    ZeroLimit,
    /// Every weekday is free: no day could take a review.
    NoOpenDay,
}

/// Half a limit, for a light day: at least one note (or minute), so a light day is never free.
pub fn half(limit: Limit) -> Limit {
    match limit {
        Limit::Notes(n) => Limit::Notes((n / 2).max(1)),
        Limit::Minutes(m) => Limit::Minutes((m / 2).max(1)),
    }
}

/// Whether a day of `kind` can take one more of `item` when it holds `count` notes and `minutes`.
fn room(limit: Limit, kind: DayKind, count: usize, minutes: f64, item: &Item) -> bool {
    let limit = match kind {
        DayKind::Normal => limit,
        DayKind::Light => half(limit),
        DayKind::Free | DayKind::Break => return false,
    };
    match limit {
        Limit::Notes(n) => count < n as usize,
        // A day always takes one note, however long: otherwise a long note never fits.
        Limit::Minutes(m) => count == 0 || minutes + item.minutes <= f64::from(m) + 1e-9,
    }
}

/// Orders notes for a day: lowest predicted recall first (notes without answers after those
/// with), then the oldest due, then by path.
fn priority(a: &Item, b: &Item) -> std::cmp::Ordering {
    let recall = |i: &Item| i.recall.unwrap_or(2.0);
    recall(a).total_cmp(&recall(b)).then(a.due.cmp(&b.due)).then(a.path.cmp(&b.path))
}

/// The day a note may first be planned: its due day (today for an overdue one), or, when that is
/// a free weekday, the open day before it (not before today, nor back across a break).
fn release(item: &Item, week: &Week, today: NaiveDate) -> NaiveDate {
    let due = item.due.max(today);
    if week.kind(due) != DayKind::Free {
        return due;
    }
    let mut day = due;
    while let Some(before) = day.pred_opt().filter(|d| *d >= today) {
        match week.kind(before) {
            DayKind::Normal | DayKind::Light => return before,
            DayKind::Break => break,
            DayKind::Free => day = before,
        }
    }
    due
}

/// Plans `items` (every review note falling due up to [`HORIZON`] days from `today`, overdue ones
/// included) from `today` on within `limit` and the student's `week`, then makes room for `exams`.
///
/// Each day takes, among the notes released by then (see [`release`]) and not yet placed, the
/// most urgent (see [`priority`]) while its limit allows: the whole limit on a normal day, half
/// on a light one, none on a free day or in a break. No day goes over its limit, and every note
/// gets a day.
/// Then each exam's covered notes not reviewed in its final stretch, and not planned there, are
/// added on the days of the stretch with room; those that find none are reported as not fitting,
/// with what a day would need.
pub fn make(items: &[Item], exams: &[Exam], limit: Limit, week: &Week, today: NaiveDate) -> Result<Plan, Refusal> {
    if matches!(limit, Limit::Notes(0) | Limit::Minutes(0)) {
        return Err(Refusal::ZeroLimit);
    }
    if week.easy.iter().all(|e| *e == crate::week::Ease::Free) {
        return Err(Refusal::NoOpenDay);
    }
    let mut waiting: Vec<(NaiveDate, &Item)> = items.iter().map(|i| (release(i, week, today), i)).collect();
    waiting.sort_by(|a, b| a.0.cmp(&b.0).then(priority(a.1, b.1)));
    let mut days: BTreeMap<NaiveDate, (Vec<&Item>, f64)> = BTreeMap::new();
    let mut day = today;
    let mut pending: Vec<&Item> = Vec::new();
    let mut next = 0;
    while next < waiting.len() || !pending.is_empty() {
        while next < waiting.len() && waiting[next].0 <= day {
            pending.push(waiting[next].1);
            next += 1;
        }
        pending.sort_by(|a, b| priority(a, b));
        let kind = week.kind(day);
        let (taken, minutes) = days.entry(day).or_default();
        let mut kept = Vec::new();
        for item in pending.drain(..) {
            if room(limit, kind, taken.len(), *minutes, item) {
                *minutes += item.minutes;
                taken.push(item);
            } else {
                kept.push(item);
            }
        }
        pending = kept;
        day = day + Days::new(1);
    }
    let deferred = items.iter().filter(|i| i.due <= today).count()
        - days.get(&today).map_or(0, |(t, _)| t.iter().filter(|i| i.due <= today).count());

    let mut exam_plans = Vec::new();
    let mut ahead: Vec<&Exam> = exams.iter().filter(|e| e.date > today).collect();
    ahead.sort_by_key(|e| e.date);
    for exam in ahead {
        exam_plans.push(place_exam(exam, items, limit, week, today, &mut days));
    }

    let listed = today.checked_add_days(Days::new(LISTED_DAYS - 1)).unwrap_or(today);
    let last = days.iter().rev().find(|(_, (notes, _))| !notes.is_empty()).map_or(today, |(d, _)| *d).max(listed);
    let out = today
        .iter_days()
        .take_while(|d| *d <= last)
        .map(|date| {
            let (notes, minutes) = days.get(&date).map_or((&[][..], 0.0), |(n, m)| (n.as_slice(), *m));
            let moved = notes
                .iter()
                .filter(|i| i.due.max(today) != date)
                .map(|i| MovedReview { path: i.path.clone(), due: i.due.max(today), early: date < i.due })
                .collect();
            Day { date, kind: week.kind(date), notes: notes.iter().map(|i| i.path.clone()).collect(), minutes, moved }
        })
        .collect();
    Ok(Plan { limit, days: out, deferred: deferred as u32, exams: exam_plans })
}

/// Makes room for one exam in `days`: see [`make`].
fn place_exam<'a>(
    exam: &Exam,
    items: &'a [Item],
    limit: Limit,
    week: &Week,
    today: NaiveDate,
    days: &mut BTreeMap<NaiveDate, (Vec<&'a Item>, f64)>,
) -> ExamPlan {
    let start = exam.stretch_start(today);
    let last = exam.date.pred_opt().unwrap_or(exam.date);
    let covered: Vec<&Item> =
        items.iter().filter(|i| exam.covers(i.subject.as_deref(), i.textbook.as_deref())).collect();
    let reviewed: HashSet<&str> = covered
        .iter()
        .filter(|i| i.reviewed.is_some_and(|d| d >= exam.date.checked_sub_days(Days::new(STRETCH)).unwrap_or(d)))
        .map(|i| i.path.as_str())
        .collect();
    let planned_in_stretch = |days: &BTreeMap<NaiveDate, (Vec<&Item>, f64)>, path: &str| {
        days.range(start..=last).any(|(_, (notes, _))| notes.iter().any(|n| n.path == path))
    };
    let mut missing: Vec<&Item> = covered
        .iter()
        .copied()
        .filter(|i| !reviewed.contains(i.path.as_str()) && !planned_in_stretch(days, &i.path))
        .collect();
    missing.sort_by(|a, b| priority(a, b));
    // The stretch's open days: free days and the break take no review, even for an exam.
    let stretch_days: Vec<NaiveDate> = start
        .iter_days()
        .take_while(|d| *d <= last)
        .filter(|d| matches!(week.kind(*d), DayKind::Normal | DayKind::Light))
        .collect();
    let mut unplaced = Vec::new();
    for item in missing {
        // The stretch day with the most room left, earliest on a tie.
        let spot = stretch_days
            .iter()
            .filter(|d| {
                let (notes, minutes) = days.get(d).map_or((0, 0.0), |(n, m)| (n.len(), *m));
                room(limit, week.kind(**d), notes, minutes, item)
            })
            .min_by(|a, b| {
                let load = |d: &NaiveDate| days.get(d).map_or(0.0, |(n, m)| n.len() as f64 + m / 1000.0);
                load(a).total_cmp(&load(b)).then(a.cmp(b))
            })
            .copied();
        match spot {
            Some(d) => {
                let (notes, minutes) = days.entry(d).or_default();
                *minutes += item.minutes;
                notes.push(item);
            }
            None => unplaced.push(item),
        }
    }
    let remaining = covered.iter().filter(|i| !reviewed.contains(i.path.as_str())).count() as u32;
    let n_days = stretch_days.len().max(1) as u32;
    let (fits, minutes_needed, notes_needed) = if unplaced.is_empty() {
        (true, None, None)
    } else {
        // What each stretch day would hold with everything on it, at the busiest.
        let extra_minutes: f64 = unplaced.iter().map(|i| i.minutes).sum();
        let extra_notes = unplaced.len() as f64;
        let load_minutes: f64 = stretch_days.iter().map(|d| days.get(d).map_or(0.0, |(_, m)| *m)).sum();
        let load_notes: f64 = stretch_days.iter().map(|d| days.get(d).map_or(0, |(n, _)| n.len()) as f64).sum();
        let per = |total: f64| (total / f64::from(n_days)).ceil() as u32;
        (false, Some(per(load_minutes + extra_minutes)), Some(per(load_notes + extra_notes)))
    };
    ExamPlan {
        name: exam.name.clone(),
        date: exam.date,
        days_left: i32::try_from((exam.date - today).num_days()).unwrap_or(i32::MAX),
        covered: covered.len() as u32,
        reviewed: reviewed.len() as u32,
        remaining,
        days: stretch_days.len() as u32,
        fits,
        minutes_needed,
        notes_needed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn item(path: &str, due: &str, recall: Option<f64>) -> Item {
        Item { path: path.into(), due: d(due), recall, minutes: 3.0, subject: None, textbook: None, reviewed: None }
    }

    #[test]
    fn a_backlog_is_spread_lowest_recall_then_oldest_first() {
        let items = vec![
            item("old.md", "2024-09-01", None),
            item("weak.md", "2024-10-20", Some(0.3)),
            item("strong.md", "2024-10-01", Some(0.95)),
            item("today.md", "2024-10-27", None),
            item("tomorrow.md", "2024-10-28", None),
        ];
        let plan = make(&items, &[], Limit::Notes(2), &Week::default(), d("2024-10-27")).unwrap();
        assert_eq!(plan.on(d("2024-10-27")), ["weak.md", "strong.md"]);
        assert_eq!(plan.on(d("2024-10-28")), ["old.md", "today.md"]);
        assert_eq!(plan.on(d("2024-10-29")), ["tomorrow.md"]);
        assert_eq!(plan.deferred, 2);
    }

    #[test]
    fn a_limit_in_minutes_counts_minutes_and_a_long_note_still_gets_a_day() {
        let mut items = vec![item("a.md", "2024-10-27", None), item("b.md", "2024-10-27", None)];
        items[0].minutes = 50.0;
        let plan = make(&items, &[], Limit::Minutes(30), &Week::default(), d("2024-10-27")).unwrap();
        assert_eq!(plan.days.iter().filter(|d| !d.notes.is_empty()).count(), 2);
        assert!(plan.days.iter().all(|d| d.notes.len() <= 1));
        assert_eq!(plan.days.len(), LISTED_DAYS as usize);
        assert_eq!(make(&items, &[], Limit::Notes(0), &Week::default(), d("2024-10-27")), Err(Refusal::ZeroLimit));
        let closed = Week { easy: [crate::week::Ease::Free; 7], break_days: None };
        assert_eq!(make(&items, &[], Limit::Notes(5), &closed, d("2024-10-27")), Err(Refusal::NoOpenDay));
    }

    #[test]
    fn an_exam_adds_a_review_in_its_stretch_or_says_what_it_needs() {
        let mut items: Vec<Item> = (0..10)
            .map(|i| Item { subject: Some("AWS".into()), ..item(&format!("aws{i}.md"), "2024-12-01", None) })
            .collect();
        items[0].reviewed = Some(d("2024-10-25"));
        let exam =
            Exam { name: "SysOps".into(), date: d("2024-10-31"), subjects: vec!["AWS".into()], textbooks: vec![] };
        let plan =
            make(&items, std::slice::from_ref(&exam), Limit::Notes(3), &Week::default(), d("2024-10-27")).unwrap();
        let e = &plan.exams[0];
        assert_eq!((e.covered, e.reviewed, e.remaining, e.days, e.days_left), (10, 1, 9, 4, 4));
        assert!(e.fits);
        let in_stretch: usize = plan.days.iter().filter(|x| x.date < exam.date).map(|x| x.notes.len()).sum();
        assert_eq!(in_stretch, 9);
        assert!(plan.days.iter().all(|x| x.notes.len() <= 3));
        // One a day cannot fit nine in four days: it says what a day would need.
        let tight = make(&items, &[exam], Limit::Notes(1), &Week::default(), d("2024-10-27")).unwrap();
        let e = &tight.exams[0];
        assert!(!e.fits);
        assert_eq!(e.notes_needed, Some(3));
        assert_eq!(e.minutes_needed, Some(7));
    }

    #[test]
    fn a_free_day_moves_its_review_to_the_day_before_and_a_break_to_the_days_after() {
        use crate::week::{parse_easy_days, Break};
        // 2024-10-26 is a Saturday, 2024-10-27 a Sunday.
        let week = Week {
            easy: parse_easy_days("sat=light,sun=free").unwrap(),
            break_days: Some(Break { from: d("2024-10-29"), to: d("2024-10-30") }),
        };
        let items = vec![
            item("sunday.md", "2024-10-27", None),
            item("tuesday.md", "2024-10-29", None),
            item("wednesday.md", "2024-10-30", None),
        ];
        let plan = make(&items, &[], Limit::Notes(4), &week, d("2024-10-24")).unwrap();
        let day = |s: &str| plan.days.iter().find(|x| x.date == d(s)).unwrap();
        assert_eq!(plan.on(d("2024-10-26")), ["sunday.md"], "the free Sunday's review comes on Saturday");
        assert_eq!(day("2024-10-26").kind, DayKind::Light);
        assert_eq!(
            day("2024-10-26").moved,
            [MovedReview { path: "sunday.md".into(), due: d("2024-10-27"), early: true }]
        );
        assert_eq!(day("2024-10-27").kind, DayKind::Free);
        assert_eq!(day("2024-10-29").kind, DayKind::Break);
        assert_eq!(plan.on(d("2024-10-31")), ["tuesday.md", "wednesday.md"], "the break's reviews come after it");
        assert!(day("2024-10-31").moved.iter().all(|m| !m.early));
        // On the free day itself, today's review waits for the next open day, and says so.
        let plan = make(&items[..1], &[], Limit::Notes(4), &week, d("2024-10-27")).unwrap();
        assert!(plan.on(d("2024-10-27")).is_empty());
        assert_eq!(plan.on(d("2024-10-28")), ["sunday.md"]);
        assert_eq!(plan.deferred, 1);
    }
}
