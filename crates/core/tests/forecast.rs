//! The calendar's forecast (reviews falling due over the next 60 days if the user keeps up)
//! against an independent count: a day-by-day walk written here from REVIEW-MODEL.md sections
//! 1.1 and 2 (fixed steps on day 0 + 1, 4, 7, 14; everything overdue caught up by one review;
//! extra reviews on the first day 0 + 30 × 2^k after the latest review), for generated notes and
//! the variations fixture.

use bokseup_core::calendar::forecast_days;
use bokseup_core::history::Calendar;
use bokseup_core::note::{Kind, Note};
use bokseup_core::vault;
use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

const DAYS: u64 = 60;

fn plus(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap()
}

/// The reviews of one note, day by day from `today`: on each day, if the next step is due (or
/// late), one review happens and marks every fixed step due by then.
fn walk(note: &Note, today: NaiveDate) -> Vec<NaiveDate> {
    let Some(day0) = note.day0 else { return Vec::new() };
    if note.kind != Kind::Review || note.flags.long_term {
        return Vec::new();
    }
    let offsets = [1u64, 4, 7, 14];
    let mut done = [note.flags.d1, note.flags.d4, note.flags.d7, note.flags.d14];
    let mut latest = note.last_review;
    let mut out = Vec::new();
    for i in 0..DAYS {
        let day = plus(today, i);
        let due = match done.iter().position(|d| !d) {
            Some(k) => plus(day0, offsets[k]),
            None => {
                let after = latest.unwrap_or(day0);
                let mut n = 30;
                while plus(day0, n) <= after {
                    n *= 2;
                }
                plus(day0, n)
            }
        };
        if due <= day {
            out.push(day);
            for (k, offset) in offsets.iter().enumerate() {
                if plus(day0, *offset) <= day {
                    done[k] = true;
                }
            }
            latest = Some(day);
        }
    }
    out
}

fn check(notes: &[Note], today: NaiveDate) {
    let mut expected: BTreeMap<(NaiveDate, &str), u32> = BTreeMap::new();
    let mut per_day: BTreeMap<NaiveDate, u32> = BTreeMap::new();
    for note in notes {
        for day in walk(note, today) {
            *expected.entry((day, note.path.as_str())).or_default() += 1;
            *per_day.entry(day).or_default() += 1;
        }
    }
    let mut got: BTreeMap<(NaiveDate, &str), u32> = BTreeMap::new();
    let days = forecast_days(notes, today, DAYS as u32);
    for day in &days {
        for r in &day.reviews {
            *got.entry((day.date, r.path.as_str())).or_default() += 1;
        }
    }
    assert_eq!(got, expected, "each note's review days");
    let counts = Calendar::new(notes, &[], today).counts(today, plus(today, DAYS - 1));
    assert_eq!(counts.len() as u64, DAYS);
    for c in counts {
        assert_eq!(c.planned, per_day.get(&c.date).copied().unwrap_or(0), "{}", c.date);
        assert_eq!((c.done, c.missed), (0, 0));
    }
}

fn flag(on: bool) -> &'static str {
    if on {
        "true"
    } else {
        "false"
    }
}

prop_compose! {
    fn generated(today: NaiveDate)(
        day0 in prop::option::weighted(0.9, -400i64..20),
        flags in prop::array::uniform4(any::<bool>()),
        long_term in prop::bool::weighted(0.1),
        last in prop::option::of(0i64..400),
        key in 0usize..3,
    ) -> String {
        let key = ["⭕첫 학습날", "🛑첫날", "⭕첫날"][key];
        let mut yaml = String::new();
        if let Some(offset) = day0 {
            let day0 = today.checked_add_signed(chrono::Duration::days(offset)).unwrap();
            yaml.push_str(&format!("{key}: {day0}\n"));
            if let Some(after) = last {
                let last = day0.checked_add_signed(chrono::Duration::days(after)).unwrap().min(today);
                yaml.push_str(&format!("🔁마지막복습: {last}\n"));
            }
        }
        for (name, on) in ["❤1일복습여부", "🧡4일복습여부", "💛7일복습여부", "💚14일복습여부"].iter().zip(flags) {
            yaml.push_str(&format!("{name}: {}\n", flag(on)));
        }
        yaml.push_str(&format!("🧠장기기억: {}\n", flag(long_term)));
        yaml
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn the_forecast_of_every_note_matches_a_day_by_day_count(
        yamls in prop::collection::vec(generated(NaiveDate::from_ymd_opt(2024, 10, 27).unwrap()), 1..120)
    ) {
        let today = NaiveDate::from_ymd_opt(2024, 10, 27).unwrap();
        let notes: Vec<Note> = yamls
            .iter()
            .enumerate()
            .map(|(i, y)| Note::parse(&format!("n{i}.md"), format!("---\n{y}---\n").as_bytes()).unwrap())
            .collect();
        check(&notes, today);
    }
}

#[test]
fn the_forecast_of_the_variations_fixture_matches_too() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/variations");
    let scan = vault::scan(&root).unwrap();
    for today in ["2024-08-20", "2024-08-26", "2024-10-27", "2025-03-01"] {
        check(&scan.notes, today.parse().unwrap());
    }
    // The fixture has reviews in the window, or the check above proves little.
    let days = forecast_days(&scan.notes, "2024-10-27".parse().unwrap(), DAYS as u32);
    assert!(days.iter().map(|d| d.reviews.len()).sum::<usize>() >= 5);
}
