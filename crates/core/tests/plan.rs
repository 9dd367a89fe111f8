//! The backlog and exam plan (issue 10): property tests over random backlogs, limits and exams
//! (every due note gets a day, no day goes over the limit, no note is planned before it is due
//! unless an exam asks, exam coverage before the date or an honest "cannot fit"), and the
//! 43-overdue case of a vault built like the user's. The student's week (issue 18): no review on
//! a free day or in a break, light days at most half the limit, every note still gets a day, the
//! exam's coverage still holds; a break silences reminders and home says what waits after it.

use bokseup_core::clock::Clock;
use bokseup_core::plan::{self, Exam, Item, Limit};
use bokseup_core::session::Session;
use bokseup_core::store::Store;
use bokseup_core::week::{Break, DayKind, Ease, Week};
use chrono::{Days, NaiveDate, NaiveDateTime};
use proptest::prelude::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 10, 27).unwrap()
}

const SUBJECTS: [&str; 3] = ["AWS", "네트워크", "운영체제"];

fn items() -> impl Strategy<Value = Vec<Item>> {
    prop::collection::vec(
        (-100i64..14, prop::option::of(0.0f64..1.0), 0.5f64..12.0, 0usize..4, prop::option::of(-30i64..0)),
        0..60,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (due, recall, minutes, subject, reviewed))| Item {
                path: format!("n{i:03}.md"),
                due: today().checked_add_signed(chrono::Duration::days(due)).unwrap(),
                recall,
                minutes,
                subject: SUBJECTS.get(subject).map(|s| s.to_string()),
                textbook: None,
                reviewed: reviewed.map(|d| today().checked_add_signed(chrono::Duration::days(d)).unwrap()),
            })
            .collect()
    })
}

fn limit() -> impl Strategy<Value = Limit> {
    prop_oneof![(1u32..25).prop_map(Limit::Notes), (5u32..120).prop_map(Limit::Minutes)]
}

fn ease() -> impl Strategy<Value = Ease> {
    prop_oneof![Just(Ease::Normal), Just(Ease::Light), Just(Ease::Free)]
}

/// Any week with one open weekday at least (a week of free days is refused: see the unit test),
/// and maybe a break of up to ten days, which may have started already.
fn week() -> impl Strategy<Value = Week> {
    (prop::array::uniform7(ease()), 0usize..7, prop::option::of((-3i64..20, 0i64..10))).prop_map(
        |(mut easy, open, brk)| {
            if easy.iter().all(|e| *e == Ease::Free) {
                easy[open] = Ease::Normal;
            }
            let break_days = brk.map(|(start, len)| Break {
                from: today() + chrono::Duration::days(start),
                to: today() + chrono::Duration::days(start + len),
            });
            Week { easy, break_days }
        },
    )
}

fn exams() -> impl Strategy<Value = Vec<Exam>> {
    prop::collection::vec((1u64..30, 0usize..3), 0..3).prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (days, subject))| Exam {
                name: format!("시험 {i}"),
                date: today() + Days::new(days),
                subjects: vec![SUBJECTS[subject].to_string()],
                textbooks: vec![],
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_due_note_gets_a_day_within_the_limit(items in items(), exams in exams(), limit in limit()) {
        let plan = plan::make(&items, &exams, limit, &Week::default(), today()).unwrap();
        prop_assert_eq!(plan.days[0].date, today());
        for item in &items {
            let days: Vec<NaiveDate> =
                plan.days.iter().filter(|d| d.notes.contains(&item.path)).map(|d| d.date).collect();
            prop_assert!(!days.is_empty(), "{} has no day", item.path);
            // The ladder's own review is never before the note is due; only an exam's extra
            // review may come earlier.
            let on_ladder = days.iter().filter(|d| **d >= item.due.max(today())).count();
            let covered = exams.iter().any(|e| e.covers(item.subject.as_deref(), None));
            prop_assert!(on_ladder >= 1 || covered, "{} only before its due day", item.path);
        }
        for day in &plan.days {
            match limit {
                Limit::Notes(n) => prop_assert!(day.notes.len() <= n as usize, "{} holds {}", day.date, day.notes.len()),
                Limit::Minutes(m) => prop_assert!(
                    day.notes.len() <= 1 || day.minutes <= f64::from(m) + 1e-6,
                    "{} takes {} min", day.date, day.minutes
                ),
            }
        }
        prop_assert_eq!(plan.exams.len(), exams.iter().filter(|e| e.date > today()).count());
        for e in &plan.exams {
            let exam = exams.iter().find(|x| x.name == e.name).unwrap();
            let start = exam.stretch_start(today());
            let window_start = exam.date.checked_sub_days(Days::new(plan::STRETCH)).unwrap();
            let covered: Vec<&Item> = items.iter().filter(|i| exam.covers(i.subject.as_deref(), None)).collect();
            prop_assert_eq!(e.covered as usize, covered.len());
            let unplanned = covered
                .iter()
                .filter(|i| i.reviewed.is_none_or(|r| r < window_start))
                .filter(|i| !plan.days.iter().any(|d| d.date >= start && d.date < exam.date && d.notes.contains(&i.path)))
                .count();
            if e.fits {
                prop_assert_eq!(unplanned, 0, "{} said it fits", e.name);
            } else {
                prop_assert!(unplanned > 0);
                prop_assert!(e.minutes_needed.is_some() && e.notes_needed.is_some());
                if let Limit::Notes(n) = limit {
                    prop_assert!(e.notes_needed.unwrap() > n, "{:?} needs no more than the limit", e);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn easy_days_and_breaks_hold(items in items(), exams in exams(), n in 1u32..25, week in week()) {
        let limit = Limit::Notes(n);
        let plan = plan::make(&items, &exams, limit, &week, today()).unwrap();
        prop_assert_eq!(plan.days[0].date, today());
        for day in &plan.days {
            prop_assert_eq!(day.kind, week.kind(day.date));
            match day.kind {
                DayKind::Free | DayKind::Break => {
                    prop_assert!(day.notes.is_empty(), "{} is {:?} and holds {:?}", day.date, day.kind, day.notes)
                }
                DayKind::Light => prop_assert!(day.notes.len() as u32 <= (n / 2).max(1), "light {} holds {}", day.date, day.notes.len()),
                DayKind::Normal => prop_assert!(day.notes.len() as u32 <= n),
            }
            for m in &day.moved {
                prop_assert!(day.notes.contains(&m.path));
                prop_assert_eq!(m.early, day.date < m.due);
            }
        }
        for item in &items {
            let days: Vec<NaiveDate> =
                plan.days.iter().filter(|d| d.notes.contains(&item.path)).map(|d| d.date).collect();
            prop_assert!(!days.is_empty(), "{} has no day", item.path);
            // Before its day only off a free weekday (to the open days just before it) or for an exam.
            let due = item.due.max(today());
            let covered = exams.iter().any(|e| e.covers(item.subject.as_deref(), None));
            if !covered {
                for d in days.iter().filter(|d| **d < due) {
                    prop_assert_eq!(week.kind(due), DayKind::Free, "{} early on {} off a {:?} day", item.path, d, week.kind(due));
                    prop_assert!(d.iter_days().take_while(|x| *x < due).skip(1).all(|x| week.kind(x) == DayKind::Free));
                }
            }
        }
        // The exam's coverage: when it fits, each covered note is planned on an open day of its stretch.
        for e in &plan.exams {
            let exam = exams.iter().find(|x| x.name == e.name).unwrap();
            let start = exam.stretch_start(today());
            let window_start = exam.date.checked_sub_days(Days::new(plan::STRETCH)).unwrap();
            let unplanned = items
                .iter()
                .filter(|i| exam.covers(i.subject.as_deref(), None))
                .filter(|i| i.reviewed.is_none_or(|r| r < window_start))
                .filter(|i| !plan.days.iter().any(|d| d.date >= start && d.date < exam.date && d.notes.contains(&i.path)))
                .count();
            prop_assert_eq!(unplanned == 0, e.fits, "{}: {} unplanned, fits {}", e.name, unplanned, e.fits);
        }
    }
}

const TEMPLATE: &str = "---\n⭕첫 학습날: {day0}\n⭕과목: {subject}\n❤1일복습여부: true\n🧡4일복습여부: {d4}\n💛7일복습여부: false\n💚14일복습여부: false\n🧠장기기억: false\n복습: 7일 복습\n학습률: \"0.4\"\n---\n### 단서 질문\n- {title}란?\n    설명\n- {title}의 특징\n    특징\n";

/// A vault built like the user's: 43 notes overdue by 1 to 100 days (each waiting for its D7
/// review), four due in the next days, one not started.
fn backlog_vault(dir: &std::path::Path) -> std::path::PathBuf {
    let vault = dir.join("공부");
    std::fs::create_dir_all(vault.join("AWS")).unwrap();
    std::fs::create_dir_all(vault.join("네트워크")).unwrap();
    for i in 0..43u64 {
        // D7 due 1..=100 days ago: day 0 = today − 7 − late.
        let late = 1 + (i * 97) % 100;
        let day0 = today() - Days::new(7 + late);
        let subject = if i % 3 == 0 { "네트워크" } else { "AWS" };
        let text = TEMPLATE
            .replace("{day0}", &day0.to_string())
            .replace("{subject}", subject)
            .replace("{d4}", "true")
            .replace("{title}", &format!("개념 {i}"));
        std::fs::write(vault.join(subject).join(format!("개념 {i:02}.md")), text).unwrap();
    }
    for i in 0..4u64 {
        let day0 = today() - Days::new(i);
        let text = TEMPLATE
            .replace("{day0}", &day0.to_string())
            .replace("{subject}", "AWS")
            .replace("{d4}", "false")
            .replace("{title}", &format!("새 개념 {i}"));
        std::fs::write(vault.join(format!("새 개념 {i}.md")), text).unwrap();
    }
    std::fs::write(vault.join("시작 전.md"), "---\n❤1일복습여부: false\n🛑첫날: \"✏첫날 :\"\n---\n").unwrap();
    vault
}

/// A session on a database in memory, its demo vault in `dir`.
fn session_in(dir: &std::path::Path) -> Session {
    Session::new(Store::open_in_memory().unwrap(), dir.join("demo"), Clock::system(4)).unwrap()
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

#[test]
fn forty_three_overdue_notes_become_a_plan_that_starts_today() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = backlog_vault(tmp.path());
    let session = session_in(tmp.path());
    let now = at("2024-10-27 09:00");
    let overview = session.open_vault(&vault, now).unwrap();
    assert_eq!(overview.agenda.counts.overdue, 43);
    let learning = session.learning(None, now).unwrap();
    let plan = &learning.plan;
    assert_eq!(plan.limit, Limit::Notes(20));
    assert_eq!(plan.days[0].notes.len(), 20, "today's share");
    assert_eq!(plan.deferred, 23);
    // No answers yet: the oldest first. The most overdue note is today's first.
    let first = &plan.days[0].notes[0];
    let oldest = overview.agenda.today_reviews.iter().max_by_key(|n| n.days_late).unwrap();
    assert_eq!(first, &oldest.path);
    // All 43 within three days, none over 20; today's minutes at the default pace.
    let placed: usize = plan
        .days
        .iter()
        .take(3)
        .map(|d| d.notes.iter().filter(|p| p.contains("개념 ") && !p.contains("새")).count())
        .sum();
    assert_eq!(placed, 43);
    assert!(plan.days.iter().all(|d| d.notes.len() <= 20));
    assert_eq!(learning.week[0].minutes, 40, "20 notes × (60 s + 2 × 30 s)");
    // The reminder counts today's share and says when the rest comes.
    let due = session.due(now);
    assert_eq!(due.total(), 20);
    assert_eq!(due.later, 23);
    let message = bokseup_core::reminder::message(&due, bokseup_core::reminder::Reason::Slot);
    assert!(
        message.body.contains("오늘 복습 약 40분") && message.body.contains("나머지 23개는 다음 날에"),
        "{}",
        message.body
    );
    // A limit in minutes: 30 minutes hold 15 notes of 2 minutes.
    let by_minutes = session.learning(Some(Limit::Minutes(30)), now).unwrap();
    assert_eq!(by_minutes.plan.days[0].notes.len(), 15);
    // One a day: 47 notes make a plan of 47 days and more; the window gets its first six weeks,
    // and the count of all the days still.
    let slow = session.learning(Some(Limit::Notes(1)), now).unwrap();
    let later = slow.plan.days.iter().skip(1).filter(|d| !d.notes.is_empty()).count();
    assert!(later >= 46 && slow.later_days as usize == later, "{later} {}", slow.later_days);
    let listed = slow.clone().listed();
    assert_eq!(listed.plan.days.len(), plan::LISTED_DAYS as usize);
    assert_eq!((listed.later_days, &listed.plan.days[0]), (slow.later_days, &slow.plan.days[0]));
    // A limit of 0 is refused with a message.
    let refused = session.learning(Some(Limit::Notes(0)), now).unwrap_err().to_string();
    assert!(refused.contains("0"), "{refused}");
    // The plan follows a change at once (it is kept between changes): a note started today
    // falls due tomorrow.
    let planned = |s: &Session| {
        s.learning(None, now).unwrap().plan.days.iter().any(|d| d.notes.iter().any(|p| p == "시작 전.md"))
    };
    assert!(!planned(&session));
    session.start_note("시작 전.md", at("2024-10-27 09:05")).unwrap();
    assert!(planned(&session));
}

#[test]
fn an_exam_tells_whether_it_fits() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = backlog_vault(tmp.path());
    let session = session_in(tmp.path());
    let now = at("2024-10-27 09:00");
    session.open_vault(&vault, now).unwrap();
    let mut settings = session.settings();
    settings.exams = vec![Exam {
        name: "AWS SysOps".into(),
        date: today() + Days::new(3),
        subjects: vec!["AWS".into()],
        textbooks: vec![],
    }];
    settings.daily_limit = Limit::Notes(5);
    session.save_settings(&settings, now).unwrap();
    let exam = &session.learning(None, now).unwrap().plan.exams[0];
    // 28 overdue AWS notes and 4 new ones: 32 to review in 3 days at 5 a day cannot fit. The
    // stretch's 15 places hold the 15 oldest overdue notes (11 of them AWS); the 21 AWS notes
    // left make 36 for 3 days: 12 a day, of 2 minutes each.
    assert_eq!((exam.covered, exam.reviewed, exam.remaining, exam.days, exam.days_left), (32, 0, 32, 3, 3));
    assert!(!exam.fits);
    assert_eq!(exam.notes_needed, Some(12));
    assert_eq!(exam.minutes_needed, Some(24));
    settings.daily_limit = Limit::Notes(20);
    session.save_settings(&settings, now).unwrap();
    assert!(session.learning(None, now).unwrap().plan.exams[0].fits);
    // An exam in the past is left out of the plan.
    settings.exams[0].date = today() - Days::new(1);
    session.save_settings(&settings, now).unwrap();
    assert!(session.learning(None, now).unwrap().plan.exams.is_empty());
}

#[test]
fn a_break_silences_reminders_and_home_says_what_waits_after_it() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = backlog_vault(tmp.path());
    let session = session_in(tmp.path());
    let now = at("2024-10-27 08:00");
    session.open_vault(&vault, now).unwrap();
    let mut settings = session.settings();
    settings.set("break", "2024-10-27..2024-10-29").unwrap();
    settings.set("easy-days", "sat=light,sun=free").unwrap();
    session.save_settings(&settings, now).unwrap();
    let learning = session.learning(None, now).unwrap();
    let on_break = learning.on_break.clone().expect("today is in the break");
    assert_eq!(on_break.to, NaiveDate::from_ymd_opt(2024, 10, 29).unwrap());
    assert_eq!(on_break.back, NaiveDate::from_ymd_opt(2024, 10, 30).unwrap());
    assert_eq!(on_break.waiting, 45, "the 43 overdue and the 2 new ones falling due in the break");
    assert_eq!(on_break.days, 3, "45 notes at 20 a day");
    assert!(learning.plan.days.iter().take(3).all(|d| d.kind == DayKind::Break && d.notes.is_empty()));
    // No reminder in the break: the 09:00 slot is silenced, and the next one is after it.
    let tick = session.remind(at("2024-10-27 09:00"));
    assert_eq!(tick.show, None);
    let status = session.reminder_status(at("2024-10-27 09:01"));
    assert_eq!(status.break_until, Some(at("2024-10-30 04:00")));
    assert_eq!(status.muted_until, None, "the break is not the user's silence");
    assert!(status.next.is_some_and(|n| n >= at("2024-10-30 04:00")), "{:?}", status.next);
    // "다시 켜기" ends the user's silence only: the break keeps reminders off.
    session.mute(bokseup_core::session::Mute::Hour, at("2024-10-27 09:02")).unwrap();
    assert_eq!(session.reminder_status(at("2024-10-27 09:03")).muted_until, Some(at("2024-10-27 10:02")));
    session.unmute().unwrap();
    let status = session.reminder_status(at("2024-10-27 09:04"));
    assert_eq!((status.muted_until, status.break_until), (None, Some(at("2024-10-30 04:00"))));
    assert_eq!(session.remind(at("2024-10-28 09:00")).show, None, "still on a break");
    // The day after it, reminders are back.
    let tick = session.remind(at("2024-10-30 09:00"));
    assert!(tick.show.is_some_and(|r| r.title == "오늘 복습할 노트 20개"));
    // `break none` ends it at once: the plan is made again.
    settings.set("break", "none").unwrap();
    session.save_settings(&settings, now).unwrap();
    let learning = session.learning(None, now).unwrap();
    assert!(learning.on_break.is_none());
    // 2024-10-27 is a Sunday, a free day now: nothing today, Saturday's share was light.
    assert_eq!(learning.plan.days[0].kind, DayKind::Free);
    assert!(learning.plan.days[0].notes.is_empty());
    assert_eq!(learning.plan.days[1].notes.len(), 20);
}

#[test]
fn a_review_falling_on_a_free_sunday_is_saturdays_and_the_reminder_counts_it() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("공부");
    std::fs::create_dir_all(&vault).unwrap();
    // First studied on Saturday 2024-10-26: the 1-day review falls on Sunday.
    std::fs::write(vault.join("TCP.md"), "---\n⭕첫 학습날: 2024-10-26\n❤1일복습여부: false\n---\n").unwrap();
    let session = session_in(tmp.path());
    let saturday = at("2024-10-26 09:00");
    session.open_vault(&vault, saturday).unwrap();
    assert_eq!(session.due(saturday).total(), 0, "not due yet on a flat week");
    let mut settings = session.settings();
    settings.set("easy-days", "sun=free").unwrap();
    session.save_settings(&settings, saturday).unwrap();
    let plan = session.learning(None, saturday).unwrap().plan;
    assert_eq!(plan.days[0].notes, ["TCP.md"]);
    assert!(plan.days[0].moved[0].early);
    assert_eq!(plan.days[1].kind, DayKind::Free);
    let due = session.due(saturday);
    assert_eq!((due.total(), due.titles.as_slice()), (1, &["TCP".to_string()][..]), "today's share holds it");
}
