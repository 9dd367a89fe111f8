//! The days ahead: which notes fall due on which day if the user keeps up, and the same as an
//! iCalendar file (RFC 5545) that a phone's calendar subscribes to, so reminders reach the phone.
//!
//! The forecast assumes every review is done on its day: ladder steps on their dates, extra
//! reviews on theirs, and everything overdue today. One event per day with reviews, at the first
//! reminder time, titled "복습 N개", listing the notes, with a display alarm. Event UIDs are made
//! of the day and the vault, so a new export replaces the events of an older one.

use crate::lang::{tf, tr};
use crate::note::{Kind, Note};
use crate::schedule::{forecast, Step};
use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use serde::Serialize;

/// How many days `bokseup ics` and the app's calendar file cover by default.
pub const DEFAULT_DAYS: u32 = 60;

/// One review in the forecast.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Planned {
    /// The note, relative to the vault.
    pub path: String,
    /// The note's title.
    pub title: String,
    /// The step reviewed that day.
    pub step: Step,
    /// Days the step is late on that day (only today's can be).
    pub days_late: i64,
}

/// A day of the forecast with its reviews.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Day {
    /// The day.
    pub date: NaiveDate,
    /// Its reviews: the latest first, then by title.
    pub reviews: Vec<Planned>,
}

/// The review days from `today` for `days` days (today included) of the review notes among
/// `notes`, if every review is done on its day. Days without reviews are left out.
pub fn forecast_days(notes: &[Note], today: NaiveDate, days: u32) -> Vec<Day> {
    let until = today.checked_add_days(Days::new(u64::from(days.max(1)) - 1)).unwrap_or(NaiveDate::MAX);
    let mut all: Vec<(NaiveDate, Planned)> = Vec::new();
    for note in notes.iter().filter(|n| n.kind == Kind::Review) {
        let Some(day0) = note.day0 else { continue };
        for (on, step) in forecast(note.flags, note.day0, note.last_review, today, until) {
            let due = crate::schedule::due_date(day0, step, note.last_review);
            let days_late = if on == today { (today - due).num_days().max(0) } else { 0 };
            all.push((on, Planned { path: note.path.clone(), title: note.title.clone(), step, days_late }));
        }
    }
    all.sort_by(|(a, x), (b, y)| (a, -x.days_late, &x.title, &x.path).cmp(&(b, -y.days_late, &y.title, &y.path)));
    let mut out: Vec<Day> = Vec::new();
    for (date, planned) in all {
        match out.last_mut() {
            Some(day) if day.date == date => day.reviews.push(planned),
            _ => out.push(Day { date, reviews: vec![planned] }),
        }
    }
    out
}

/// What the calendar file is about.
#[derive(Debug, Clone)]
pub struct Feed<'a> {
    /// The vault's name, shown as the calendar's name.
    pub vault_name: &'a str,
    /// The vault's folder: events of different vaults never share a UID.
    pub vault_path: &'a str,
    /// The time of day of each event and its alarm: the first reminder time.
    pub at: NaiveTime,
    /// When the file is made (DTSTAMP).
    pub stamp: DateTime<Utc>,
}

/// The forecast as an iCalendar file: CRLF line ends, lines folded at 75 octets.
pub fn ics(feed: &Feed, days: &[Day]) -> String {
    let vault_id = vault_id(feed.vault_path);
    let stamp = feed.stamp.format("%Y%m%dT%H%M%SZ").to_string();
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!("PRODID:-//Bokseup//복습 {}//KO", env!("CARGO_PKG_VERSION")),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!(
            "X-WR-CALNAME:{}",
            text(&tf(format!("복습 · {}", feed.vault_name), format!("Reviews · {}", feed.vault_name)))
        ),
        format!(
            "X-WR-CALDESC:{}",
            text(tr(
                "Bokseup이 만든 에빙하우스 복습 일정 (제때 복습한다고 가정)",
                "Ebbinghaus review schedule by Bokseup (assuming every review is done on its day)"
            ))
        ),
        "REFRESH-INTERVAL;VALUE=DURATION:PT6H".into(),
        "X-PUBLISHED-TTL:PT6H".into(),
    ];
    for day in days {
        lines.extend(vevent(feed, day, &vault_id, &stamp, None));
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in &lines {
        fold(line, &mut out);
    }
    out
}

/// One day's event on its own, as a CalDAV server stores it (RFC 4791 4.1: one UID per resource).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The event's UID, the same as in the calendar file.
    pub uid: String,
    /// The resource's file name in the calendar collection (`20241027-….ics`).
    pub file: String,
    /// What the event says, without its stamp: equal digests mean the server's copy is current.
    pub digest: String,
    /// The whole resource: a VCALENDAR holding this one VEVENT.
    pub ics: String,
}

/// The forecast as one event per day, for a CalDAV calendar: the same UIDs, times, texts and
/// alarms as [`ics`], each carrying the digest of what it says (`X-BOKSEUP-DIGEST`).
pub fn events(feed: &Feed, days: &[Day]) -> Vec<Event> {
    let vault_id = vault_id(feed.vault_path);
    let stamp = feed.stamp.format("%Y%m%dT%H%M%SZ").to_string();
    days.iter()
        .map(|day| {
            let body = vevent(feed, day, &vault_id, "", None);
            let digest = format!("{:016x}", fnv1a(body.join("\n").as_bytes()));
            let mut lines: Vec<String> = vec![
                "BEGIN:VCALENDAR".into(),
                "VERSION:2.0".into(),
                format!("PRODID:-//Bokseup//복습 {}//KO", env!("CARGO_PKG_VERSION")),
                "CALSCALE:GREGORIAN".into(),
            ];
            lines.extend(vevent(feed, day, &vault_id, &stamp, Some(&digest)));
            lines.push("END:VCALENDAR".into());
            let mut ics = String::new();
            for line in &lines {
                fold(line, &mut ics);
            }
            let id = format!("{}-{vault_id}", day.date.format("%Y%m%d"));
            Event { uid: format!("{id}@bokseup"), file: format!("{id}.ics"), digest, ics }
        })
        .collect()
}

/// Whether `uid` is one of this vault's day events (what a publish may change or delete).
pub fn is_own_uid(uid: &str, vault_path: &str) -> bool {
    let suffix = format!("-{}@bokseup", vault_id(vault_path));
    uid.strip_suffix(&suffix).is_some_and(|date| date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()))
}

fn vault_id(vault_path: &str) -> String {
    format!("{:016x}", fnv1a(vault_path.as_bytes()))
}

/// A day's VEVENT lines; `stamp` empty leaves DTSTAMP out (for the digest).
fn vevent(feed: &Feed, day: &Day, vault_id: &str, stamp: &str, digest: Option<&str>) -> Vec<String> {
    let n = day.reviews.len();
    let start = day.date.and_time(feed.at);
    // Five minutes a note, at least a quarter of an hour and at most two hours.
    let minutes = (5 * n as i64).clamp(15, 120);
    let end = start + chrono::Duration::minutes(minutes);
    let summary = tf(format!("복습 {n}개"), format!("{n} reviews"));
    let description: Vec<String> = day
        .reviews
        .iter()
        .map(|r| {
            let late = match r.days_late {
                0 => String::new(),
                d => tf(format!(" ({d}일 밀림)"), format!(" ({d} days late)")),
            };
            format!("· {} — {}{late}", r.title, r.step.name())
        })
        .collect();
    let mut lines = vec!["BEGIN:VEVENT".to_string(), format!("UID:{}-{vault_id}@bokseup", day.date.format("%Y%m%d"))];
    if !stamp.is_empty() {
        lines.push(format!("DTSTAMP:{stamp}"));
    }
    lines.extend([
        format!("DTSTART:{}", start.format("%Y%m%dT%H%M%S")),
        format!("DTEND:{}", end.format("%Y%m%dT%H%M%S")),
        format!("SUMMARY:{}", text(&summary)),
        format!("DESCRIPTION:{}", text(&description.join("\n"))),
        format!("CATEGORIES:{}", tr("복습", "Review")),
        "TRANSP:TRANSPARENT".to_string(),
    ]);
    if let Some(digest) = digest {
        lines.push(format!("X-BOKSEUP-DIGEST:{digest}"));
    }
    lines.extend([
        "BEGIN:VALARM".to_string(),
        "ACTION:DISPLAY".to_string(),
        format!("DESCRIPTION:{}", text(&tf(format!("오늘 복습할 노트 {n}개"), format!("{n} notes to review today")))),
        "TRIGGER:PT0M".to_string(),
        "END:VALARM".to_string(),
        "END:VEVENT".to_string(),
    ]);
    lines
}

/// Escapes a TEXT value (RFC 5545 3.3.11).
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded so that no line is longer than 75 octets (continuations start with a
/// space), never splitting a UTF-8 character, each line ended by CRLF.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// 64-bit FNV-1a: a stable id of the vault's path that stays the same across versions.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn note(path: &str, yaml: &str) -> Note {
        Note::parse(path, format!("---\n{yaml}---\n").as_bytes()).unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn vault() -> Vec<Note> {
        vec![
            note("a.md", "⭕첫 학습날: 2026-11-28\n❤1일복습여부: false\n"),  // D1 11-29, D4 12-02, …
            note("b.md", "⭕첫 학습날: 2026-11-10\n❤1일복습여부: true\n"),   // D4 11-14: 15 days late
            note("c.md", "⭕첫 학습날: 2026-10-01\n❤1일복습여부: true\n🧡4일복습여부: true\n💛7일복습여부: true\n💚14일복습여부: true\n🔁마지막복습: 2026-10-31\n"),
            note("done.md", "🧠장기기억: true\n"),
            note("new.md", "❤1일복습여부: false\n🛑첫날: \"✏첫날 :\"\n"),
            note("plain.md", "tags: [x]\n"),
        ]
    }

    #[test]
    fn forecast_days_group_by_day() {
        let days = forecast_days(&vault(), d("2026-11-29"), 14);
        let shape: Vec<(String, Vec<&str>)> =
            days.iter().map(|d| (d.date.to_string(), d.reviews.iter().map(|r| r.title.as_str()).collect())).collect();
        assert_eq!(
            shape,
            [
                ("2026-11-29".into(), vec!["b", "a"]), // overdue first
                ("2026-11-30".into(), vec!["c"]),      // day 0 + 60
                ("2026-12-02".into(), vec!["a"]),
                ("2026-12-05".into(), vec!["a"]),
                ("2026-12-10".into(), vec!["b"]), // b caught up to D14 today; extra on day 0 + 30
                ("2026-12-12".into(), vec!["a"]),
            ]
        );
        assert_eq!(days[0].reviews[0].days_late, 15);
        assert_eq!(days[0].reviews[0].step, Step::D4);
        assert_eq!(days[0].reviews[1].days_late, 0);
        // One day: today only.
        assert_eq!(forecast_days(&vault(), d("2026-11-29"), 1).len(), 1);
    }

    fn feed() -> Feed<'static> {
        Feed {
            vault_name: "공부",
            vault_path: "/home/me/Obsidian/공부",
            at: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            stamp: Utc.with_ymd_and_hms(2026, 11, 29, 0, 30, 0).unwrap(),
        }
    }

    #[test]
    fn ics_lines_are_crlf_and_folded_at_75_octets() {
        let mut notes = vault();
        notes.push(note(
            "네트워크/아주 긴 제목, 세미콜론; 역슬래시\\ 가 있는 노트 제목이 75옥텟을 넘도록 길게 길게.md",
            "⭕첫 학습날: 2026-11-28\n❤1일복습여부: false\n",
        ));
        let out = ics(&feed(), &forecast_days(&notes, d("2026-11-29"), 30));
        assert!(out.ends_with("END:VCALENDAR\r\n"));
        for line in out.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
            assert!(!line.contains('\n') && !line.contains('\r'));
        }
        assert!(out.contains("\r\n "), "long lines are folded");
        let unfolded = out.replace("\r\n ", "");
        assert!(unfolded.contains("세미콜론\\; 역슬래시\\\\ 가"), "{unfolded}");
        assert!(unfolded.contains("아주 긴 제목\\, 세미콜론"));
        assert!(unfolded.contains("UID:20261129-"));
        assert!(unfolded.contains("DTSTART:20261129T090000\r\n"));
        assert!(unfolded.contains("SUMMARY:복습 3개\r\n"));
        assert!(unfolded.contains("DTSTAMP:20261129T003000Z\r\n"));
    }

    #[test]
    fn uids_are_stable_and_differ_between_vaults() {
        let days = forecast_days(&vault(), d("2026-11-29"), 30);
        let uids = |text: &str| text.lines().filter(|l| l.starts_with("UID:")).map(String::from).collect::<Vec<_>>();
        let first = ics(&feed(), &days);
        let later = Feed { stamp: Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap(), ..feed() };
        assert_eq!(uids(&first), uids(&ics(&later, &days)));
        let other = Feed { vault_path: "/home/me/Obsidian/다른", ..feed() };
        assert!(uids(&first).into_iter().zip(uids(&ics(&other, &days))).all(|(a, b)| a != b));
        assert_eq!(uids(&first).len(), days.len());
    }

    #[test]
    fn an_empty_forecast_is_still_a_calendar() {
        let out = ics(&feed(), &[]);
        assert!(out.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(!out.contains("VEVENT"));
    }
}
