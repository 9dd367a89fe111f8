//! What a review, a start or an enrollment writes into a note (REVIEW-MODEL.md sections 1.1, 1.2,
//! 3.1 and 3.2), as pure functions from the note's current values and the date and time to the
//! keys to set. Applying them to the file is [`crate::edit`]'s job; doing it safely,
//! [`crate::journal`]'s.

use crate::date::slashed;
use crate::edit::{Scalar, Set};
use crate::error::{Error, Result};
use crate::lang::tf;
use crate::note::{keys, Kind, Note};
use crate::schedule::{catch_up, progress_bar, Flags, Step};
use chrono::{Datelike, Days, NaiveDate, NaiveTime, Timelike};

/// The keys to set, and which review this was.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// Keys and values, in the order they are written.
    pub sets: Vec<Set>,
    /// The step reviewed (`None` for a start or an enrollment).
    pub step: Option<Step>,
    /// Every fixed step the review marks done (the reviewed one and any caught up).
    pub steps_done: Vec<Step>,
    /// The flags after the write.
    pub flags: Flags,
}

/// A review of `note` done on `on` at `at` (section 3.1). With `long_term`, the user also says the
/// note is in long-term memory ("장기기억 완료"), which is offered from the 14-day review on.
pub fn review(note: &Note, on: NaiveDate, at: NaiveTime, long_term: bool) -> Result<Plan> {
    if note.kind != Kind::Review {
        return Err(Error::Refused(tf(
            format!("{}: 복습 노트가 아닙니다. 먼저 복습 노트로 등록하세요", note.path),
            format!("{}: not a review note. Make it one first (Enroll)", note.path),
        )));
    }
    let Some(step) = note.flags.next_step() else {
        return Err(Error::Refused(tf(
            format!("{}: 이미 장기기억에 들어간 노트입니다", note.path),
            format!("{}: this note is in long-term memory already", note.path),
        )));
    };
    let Some(day0) = note.day0 else {
        return Err(Error::Refused(tf(
            format!("{}: 아직 학습을 시작하지 않은 노트입니다. 먼저 학습 시작을 하세요", note.path),
            format!("{}: this note is not started yet. Start it first", note.path),
        )));
    };
    if long_term && !matches!(step, Step::D14 | Step::Extra) {
        return Err(Error::Refused(tf(
            format!("{}: 장기기억 완료는 14일 복습부터 할 수 있습니다", note.path),
            format!("{}: \"in long-term memory\" is offered from the 14-day review on", note.path),
        )));
    }
    let (mut flags, steps_done) = catch_up(note.flags, day0, on);
    flags.long_term |= long_term;

    let mut sets = Vec::new();
    let flag_keys = [(keys::D1, flags.d1), (keys::D4, flags.d4), (keys::D7, flags.d7), (keys::D14, flags.d14)];
    for ((key, now), before) in flag_keys.into_iter().zip([note.flags.d1, note.flags.d4, note.flags.d7, note.flags.d14])
    {
        if now && !before {
            // The flag key is added if the note lacks it: otherwise the review would not be recorded.
            sets.push(Set { key: key.into(), value: Scalar::Bool(true), add: true });
        }
    }
    if long_term {
        sets.push(Set { key: keys::LONG_TERM.into(), value: Scalar::Bool(true), add: true });
    }
    sets.push(Set { key: keys::LAST_REVIEW.into(), value: Scalar::Date(on), add: true });
    sets.extend(derived(flags, day0, on, at));
    Ok(Plan { sets, step: Some(step), steps_done, flags })
}

/// Starts a note that has review flags but no first study date (section 3.2): day 0 becomes `on`,
/// written into every date key the note has, each in its own format.
pub fn start(note: &Note, on: NaiveDate) -> Result<Plan> {
    if note.kind != Kind::Review {
        return Err(Error::Refused(tf(
            format!("{}: 복습 노트가 아닙니다. 복습 노트로 등록하세요", note.path),
            format!("{}: not a review note. Enroll it instead", note.path),
        )));
    }
    if note.day0.is_some() {
        return Err(Error::Refused(tf(
            format!("{}: 이미 학습을 시작한 노트입니다", note.path),
            format!("{}: this note was started already", note.path),
        )));
    }
    let text = |key: &str, value: String| Set { key: key.into(), value: Scalar::Text(value), add: false };
    let later = |n: u64| on.checked_add_days(Days::new(n)).unwrap_or(on);
    let mut sets = vec![
        Set { key: keys::FIRST_STUDY.into(), value: Scalar::Date(on), add: true },
        text("첫학습날text", slashed(on)),
        text("🛑첫날", format!("✏첫날 : {}", slashed(on))),
    ];
    for (n, medal) in [(4, "🥉"), (7, "🥈"), (14, "🥇")] {
        let day = later(n);
        sets.push(text(&format!("🛑{n}일후"), format!("{medal}{n}일뒤 : {}", slashed(day))));
        sets.push(text(&format!("{n}일후"), format!("@{}", korean_date(day))));
        sets.push(text(&format!("{n}일후(text)"), slashed(day)));
    }
    Ok(Plan { sets, step: None, steps_done: Vec::new(), flags: note.flags })
}

/// Makes a plain note a review note starting on `on` (section 3.2): the five flags, false, and
/// the first study date; the frontmatter block is created when there is none.
pub fn enroll(note: &Note, on: NaiveDate) -> Result<Plan> {
    if note.kind == Kind::Review {
        return Err(Error::Refused(tf(
            format!("{}: 이미 복습 노트입니다", note.path),
            format!("{}: this is a review note already", note.path),
        )));
    }
    let mut sets: Vec<Set> =
        keys::FLAGS.iter().map(|k| Set { key: (*k).into(), value: Scalar::Bool(false), add: true }).collect();
    sets.push(Set { key: keys::FIRST_STUDY.into(), value: Scalar::Date(on), add: true });
    Ok(Plan { sets, step: None, steps_done: Vec::new(), flags: Flags::default() })
}

/// The template's frozen formula keys, recomputed (section 3.1 step 3). They are only updated
/// where the note already has them.
fn derived(flags: Flags, day0: NaiveDate, on: NaiveDate, at: NaiveTime) -> Vec<Set> {
    let text = |key: &str, value: String| Set { key: key.into(), value: Scalar::Text(value), add: false };
    let bit = |b: bool| if b { "1" } else { "0" }.to_string();
    let days = (on - day0).num_days();
    vec![
        text("복습", flags.label().into()),
        text("1일차복습여부1,0", bit(flags.d1)),
        text("4일차복습여부1,0", bit(flags.d4)),
        text("7일차복습여부1,0", bit(flags.d7)),
        text("장기기억저장여부1,0", bit(flags.long_term)),
        text("학습률", rate(flags.progress())),
        text("진행바", progress_bar(flags.progress())),
        text("🛑오늘", format!("⏰오늘 : {}", slashed(on))),
        text("오늘1", format!("@{} {}", korean_date(on), korean_time(at))),
        text("오늘2", slashed(on)),
        text("사이", days.to_string()),
        text("오늘과 첫학습날 사이", days.to_string()),
        text("🛑첫학습후 몇일째?", format!("첫 학습 후 ❤{days}일째❤")),
    ]
}

/// `학습률`: at most one decimal, no trailing zero: `0`, `0.2`, …, `0.8`, `1`.
fn rate(progress: f64) -> String {
    let tenths = (progress * 10.0).round() as i64;
    if tenths % 10 == 0 {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

/// `2024년 8월 29일`
pub fn korean_date(date: NaiveDate) -> String {
    format!("{}년 {}월 {}일", date.year(), date.month(), date.day())
}

/// `오후 2:01`: 12-hour time with 오전/오후, as Notion writes it.
pub fn korean_time(at: NaiveTime) -> String {
    let (pm, hour) = at.hour12();
    format!("{} {}:{:02}", if pm { "오후" } else { "오전" }, hour, at.minute())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn t(s: &str) -> NaiveTime {
        NaiveTime::parse_from_str(s, "%H:%M").unwrap()
    }

    fn note(yaml: &str) -> Note {
        Note::parse("n.md", format!("---\n{yaml}---\n").as_bytes()).unwrap()
    }

    fn value<'a>(plan: &'a Plan, key: &str) -> Option<&'a Scalar> {
        plan.sets.iter().find(|s| s.key == key).map(|s| &s.value)
    }

    #[test]
    fn review_on_time_marks_the_next_step() {
        let n = note("⭕첫 학습날: 2024-08-25\n❤1일복습여부: true\n");
        let p = review(&n, d("2024-08-29"), t("14:01"), false).unwrap();
        assert_eq!((p.step, p.steps_done.as_slice()), (Some(Step::D4), [Step::D4].as_slice()));
        assert_eq!(value(&p, keys::D4), Some(&Scalar::Bool(true)));
        assert_eq!(value(&p, keys::D7), None);
        assert_eq!(value(&p, "복습"), Some(&Scalar::Text("7일 복습".into())));
        assert_eq!(value(&p, "학습률"), Some(&Scalar::Text("0.4".into())));
        assert_eq!(value(&p, "오늘1"), Some(&Scalar::Text("@2024년 8월 29일 오후 2:01".into())));
        assert_eq!(value(&p, "🛑첫학습후 몇일째?"), Some(&Scalar::Text("첫 학습 후 ❤4일째❤".into())));
        assert_eq!(value(&p, keys::LAST_REVIEW), Some(&Scalar::Date(d("2024-08-29"))));
    }

    #[test]
    fn late_review_catches_up_every_step_due() {
        let n = note("⭕첫 학습날: 2024-08-25\n❤1일복습여부: false\n");
        let p = review(&n, d("2024-09-02"), t("09:00"), false).unwrap();
        assert_eq!(p.steps_done, [Step::D1, Step::D4, Step::D7]);
        assert_eq!(p.flags.label(), "14일 복습");
    }

    #[test]
    fn early_review_marks_only_the_next_step() {
        let n = note("⭕첫 학습날: 2024-08-25\n❤1일복습여부: false\n");
        let p = review(&n, d("2024-08-25"), t("23:59"), false).unwrap();
        assert_eq!(p.steps_done, [Step::D1]);
        assert_eq!(value(&p, "오늘1"), Some(&Scalar::Text("@2024년 8월 25일 오후 11:59".into())));
    }

    #[test]
    fn extra_review_sets_only_the_last_review() {
        let n = note("⭕첫 학습날: 2024-08-25\n❤1일복습여부: true\n🧡4일복습여부: true\n💛7일복습여부: true\n💚14일복습여부: true\n");
        let p = review(&n, d("2024-09-30"), t("00:05"), false).unwrap();
        assert_eq!((p.step, p.steps_done.len()), (Some(Step::Extra), 0));
        assert_eq!(value(&p, "복습"), Some(&Scalar::Text("추가 복습".into())));
        assert_eq!(value(&p, "오늘1"), Some(&Scalar::Text("@2024년 9월 30일 오전 12:05".into())));
        assert_eq!(value(&p, "학습률"), Some(&Scalar::Text("0.8".into())));
    }

    #[test]
    fn long_term_from_d14_on_only() {
        let at_d7 = note("⭕첫 학습날: 2024-08-25\n❤1일복습여부: true\n🧡4일복습여부: true\n💛7일복습여부: false\n");
        assert!(matches!(review(&at_d7, d("2024-09-01"), t("10:00"), true), Err(Error::Refused(_))));
        let at_d14 = note("⭕첫 학습날: 2024-08-25\n❤1일복습여부: true\n🧡4일복습여부: true\n💛7일복습여부: true\n");
        let p = review(&at_d14, d("2024-09-08"), t("10:00"), true).unwrap();
        assert_eq!(value(&p, keys::LONG_TERM), Some(&Scalar::Bool(true)));
        assert_eq!(value(&p, "학습률"), Some(&Scalar::Text("1".into())));
        assert_eq!(value(&p, "복습"), Some(&Scalar::Text("장기기억".into())));
        assert_eq!(value(&p, "장기기억저장여부1,0"), Some(&Scalar::Text("1".into())));
    }

    #[test]
    fn refusals() {
        assert!(review(&note("tags: x\n"), d("2024-08-25"), t("10:00"), false).is_err());
        assert!(review(&note("❤1일복습여부: false\n"), d("2024-08-25"), t("10:00"), false).is_err());
        assert!(
            review(&note("🧠장기기억: true\n⭕첫 학습날: 2024-08-25\n"), d("2024-08-25"), t("10:00"), false).is_err()
        );
        assert!(start(&note("⭕첫 학습날: 2024-08-25\n❤1일복습여부: false\n"), d("2024-08-25")).is_err());
        assert!(enroll(&note("❤1일복습여부: false\n"), d("2024-08-25")).is_err());
    }

    #[test]
    fn start_writes_every_date_format() {
        let p = start(&note("❤1일복습여부: false\n🛑첫날: \"✏첫날 :\"\n"), d("2024-08-25")).unwrap();
        assert_eq!(value(&p, "🛑첫날"), Some(&Scalar::Text("✏첫날 : 2024/08/25".into())));
        assert_eq!(value(&p, "🛑4일후"), Some(&Scalar::Text("🥉4일뒤 : 2024/08/29".into())));
        assert_eq!(value(&p, "7일후"), Some(&Scalar::Text("@2024년 9월 1일".into())));
        assert_eq!(value(&p, "14일후(text)"), Some(&Scalar::Text("2024/09/08".into())));
        assert_eq!(value(&p, keys::FIRST_STUDY), Some(&Scalar::Date(d("2024-08-25"))));
    }

    #[test]
    fn rates_and_times() {
        assert_eq!([0.0, 0.2, 0.4, 0.6, 0.8, 1.0].map(rate), ["0", "0.2", "0.4", "0.6", "0.8", "1"]);
        assert_eq!(korean_time(t("12:30")), "오후 12:30");
        assert_eq!(korean_time(t("00:00")), "오전 12:00");
        assert_eq!(korean_time(t("09:07")), "오전 9:07");
    }
}
