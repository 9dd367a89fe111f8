//! The student's week as the plan sees it: each weekday normal, light (half the daily limit) or
//! free (no reviews), and a break (a trip, being sick, 방학) when nothing is reviewed at all.
//! Pure values: [`crate::plan::make`] places reviews by them, the reminders keep quiet in a break.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How much of the daily limit a weekday takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Ease {
    /// The whole limit.
    #[default]
    Normal,
    /// Half of it (at least one note): an academy evening, a part-time job.
    Light,
    /// No reviews that day.
    Free,
}

/// What a day is for the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DayKind {
    /// The whole daily limit.
    Normal,
    /// Half of it.
    Light,
    /// A free weekday: nothing planned.
    Free,
    /// In the break: nothing planned, no reminders.
    Break,
}

/// Days with no reviews, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Break {
    /// Its first day.
    pub from: NaiveDate,
    /// Its last day.
    pub to: NaiveDate,
}

/// The longest break the plan takes: past it, reviews would pile up beyond any catching up.
pub const LONGEST_BREAK: i64 = 92;

impl Break {
    /// Whether `date` is in it.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// The first day after it.
    pub fn end(&self) -> NaiveDate {
        self.to.checked_add_days(Days::new(1)).unwrap_or(self.to)
    }

    /// Its number of days.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }
}

/// The week's easy days and the break, if any.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Week {
    /// Monday to Sunday.
    pub easy: [Ease; 7],
    /// The break.
    pub break_days: Option<Break>,
}

impl Week {
    /// What `date` is.
    pub fn kind(&self, date: NaiveDate) -> DayKind {
        if self.break_days.is_some_and(|b| b.contains(date)) {
            return DayKind::Break;
        }
        match self.easy[date.weekday().num_days_from_monday() as usize] {
            Ease::Normal => DayKind::Normal,
            Ease::Light => DayKind::Light,
            Ease::Free => DayKind::Free,
        }
    }

    /// Whether every day is an ordinary one: the plan then places as it always did.
    pub fn is_flat(&self) -> bool {
        self.break_days.is_none() && self.easy.iter().all(|e| *e == Ease::Normal)
    }

    /// The break `today` falls in, if it does.
    pub fn break_on(&self, today: NaiveDate) -> Option<Break> {
        self.break_days.filter(|b| b.contains(today))
    }
}

/// The weekdays as `settings easy-days` names them, Monday first.
pub const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Reads `sat=light,sun=free` (unnamed days are normal; `none` makes every day normal). The
/// error names the part that is not understood.
pub fn parse_easy_days(text: &str) -> Result<[Ease; 7], String> {
    let mut easy = [Ease::Normal; 7];
    let t = text.trim();
    if matches!(t, "" | "none" | "없음") {
        return Ok(easy);
    }
    for part in t.split([',', ' ']).filter(|p| !p.trim().is_empty()) {
        let (day, ease) = part.split_once('=').ok_or_else(|| part.trim().to_string())?;
        let day = day.trim().to_lowercase();
        let i = WEEKDAYS
            .iter()
            .position(|w| day == *w || (is_day_name(&day) && day.starts_with(w)))
            .or_else(|| {
                ["월", "화", "수", "목", "금", "토", "일"].iter().position(|w| day.trim_end_matches("요일") == *w)
            })
            .ok_or_else(|| part.trim().to_string())?;
        easy[i] = match ease.trim() {
            "normal" | "보통" => Ease::Normal,
            "light" | "가볍게" => Ease::Light,
            "free" | "쉼" | "쉬는 날" => Ease::Free,
            _ => return Err(part.trim().to_string()),
        };
    }
    Ok(easy)
}

/// `monday`, `tuesday`… as well as `mon`.
fn is_day_name(day: &str) -> bool {
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].contains(&day)
}

/// The easy days as typed back: `sat=light,sun=free`, or `none`.
pub fn format_easy_days(easy: &[Ease; 7]) -> String {
    let parts: Vec<String> = easy
        .iter()
        .zip(WEEKDAYS)
        .filter(|(e, _)| **e != Ease::Normal)
        .map(|(e, d)| format!("{d}={}", if *e == Ease::Light { "light" } else { "free" }))
        .collect();
    if parts.is_empty() {
        "none".into()
    } else {
        parts.join(",")
    }
}

/// Reads `2024-10-28..2024-10-30` (or a single day); `None` for `none`. The error is the text.
pub fn parse_break(text: &str) -> Result<Option<Break>, String> {
    let t = text.trim();
    if matches!(t, "" | "none" | "없음") {
        return Ok(None);
    }
    let (from, to) = t.split_once("..").unwrap_or((t, t));
    let day = |s: &str| s.trim().parse::<NaiveDate>().map_err(|_| t.to_string());
    Ok(Some(Break { from: day(from)?, to: day(to)? }))
}

/// A break as typed back.
pub fn format_break(b: Option<Break>) -> String {
    b.map_or("none".into(), |b| format!("{}..{}", b.from, b.to))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn easy_days_and_breaks_are_read_and_typed_back() {
        let easy = parse_easy_days("sat=light,sun=free").unwrap();
        assert_eq!(easy[5], Ease::Light);
        assert_eq!(easy[6], Ease::Free);
        assert_eq!(format_easy_days(&easy), "sat=light,sun=free");
        assert_eq!(parse_easy_days("토=가볍게, 일요일=쉼").unwrap(), easy);
        assert_eq!(parse_easy_days("Saturday=light,sunday=free").unwrap(), easy);
        assert_eq!(parse_easy_days("none").unwrap(), [Ease::Normal; 7]);
        assert_eq!(parse_easy_days("sat=lazy"), Err("sat=lazy".into()));
        assert_eq!(parse_easy_days("someday=free"), Err("someday=free".into()));
        let b = parse_break("2024-10-28..2024-10-30").unwrap().unwrap();
        assert_eq!((b.days(), b.end()), (3, d("2024-10-31")));
        assert_eq!(format_break(Some(b)), "2024-10-28..2024-10-30");
        assert_eq!(parse_break("2024-10-28").unwrap().unwrap().days(), 1);
        assert_eq!(parse_break("none"), Ok(None));
        assert!(parse_break("next week").is_err());
    }

    #[test]
    fn a_day_is_in_the_break_before_it_is_an_easy_day() {
        let week = Week {
            easy: parse_easy_days("sat=light,sun=free").unwrap(),
            break_days: Some(Break { from: d("2024-10-28"), to: d("2024-10-30") }),
        };
        // 2024-10-26 is a Saturday.
        assert_eq!(week.kind(d("2024-10-26")), DayKind::Light);
        assert_eq!(week.kind(d("2024-10-27")), DayKind::Free);
        assert_eq!(week.kind(d("2024-10-28")), DayKind::Break);
        assert_eq!(week.kind(d("2024-10-31")), DayKind::Normal);
        assert!(!week.is_flat());
        assert!(Week::default().is_flat());
    }
}
