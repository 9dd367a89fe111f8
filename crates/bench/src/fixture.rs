//! The UI tests' vaults, made by the engine: `bokseup-bench fixture OUT --notes N --today D`
//! writes a vault of study notes (every stage and status, a 200-character subject, an emoji
//! subject, notes with none, plain notes), then plays a student reviewing it through `Session`
//! over the last two weeks, and prints what the window would be shown on `today` as JSON: the
//! overview, rendered notes, note pages, the calendar's days and lists, and the statistics.
//!
//! The Chromium tests' in-memory backend answers from this output, so no schedule, calendar count
//! or history is worked out twice: what the screens show is what the engine said.

use crate::vault::Random;
use crate::Error;
use bokseup_core::agenda::NoteView;
use bokseup_core::agenda::{NoteSummary, Overview};
use bokseup_core::answer::Grade;
use bokseup_core::clock::Clock;
use bokseup_core::history::{DayCount, DayList};
use bokseup_core::journal::ReviewInput;
use bokseup_core::schedule::Step;
use bokseup_core::session::Session;
use bokseup_core::store::Store;
use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// What to make.
#[derive(Debug, Clone)]
pub struct Spec {
    pub notes: usize,
    pub seed: u64,
    pub today: NaiveDate,
    /// Days before `today` the student reviewed in the app (older steps were ticked by hand).
    pub played_days: u64,
    /// Reviews done on each played day, at most.
    pub per_day: usize,
    /// The vault folder's name (what the window calls the vault).
    pub name: String,
    /// The bundled demo vault instead of a generated one (nothing played).
    pub demo: bool,
    /// Only plain notes: a vault that has not taken up the template.
    pub plain: bool,
    /// Settings changed by their command-line names before the window's view is made
    /// (`easy-days` = `sat=light,sun=free`, `break`, `daily-limit`).
    pub settings: Vec<(String, String)>,
}

/// A subject 200 characters long, to see that every screen wraps or cuts it.
pub fn long_subject() -> String {
    "아주 긴 과목 이름 ".repeat(20).trim().chars().take(200).collect()
}

const SUBJECTS: [Option<&str>; 8] = [
    Some("네트워크"),
    Some("운영체제"),
    Some("AWS"),
    Some("자료구조"),
    Some("🧪 화학"),
    None,
    None,
    Some("데이터베이스"),
];
const TEXTBOOKS: [Option<&str>; 5] = [
    Some("하향식 접근"),
    Some("OSTEP"),
    Some("Ultimate AWS Certified Solutions Architect Associate SAA-C03"),
    None,
    Some("알고리즘 문제 해결 전략"),
];
const WORDS: [&str; 12] = [
    "TCP",
    "페이징",
    "EBS 볼륨",
    "해시 테이블",
    "정규화",
    "산화 환원",
    "B-트리",
    "DNS",
    "스케줄링",
    "IAM 정책",
    "트랜잭션",
    "캐시",
];
const STEPS: [(Step, &str, u64); 4] = [
    (Step::D1, "❤1일복습여부", 1),
    (Step::D4, "🧡4일복습여부", 4),
    (Step::D7, "💛7일복습여부", 7),
    (Step::D14, "💚14일복습여부", 14),
];

/// One note's file: the template's frontmatter with the steps older than the played days ticked
/// by hand (sometimes a few days behind), its cue questions and a body.
fn note_text(i: usize, r: &mut Random, spec: &Spec, subject: Option<&str>, title: &str) -> String {
    let textbook = TEXTBOOKS[(i * 3) % TEXTBOOKS.len()];
    let cues = 1 + i % 3;
    let mut cue_lines = String::new();
    for k in 1..=cues {
        cue_lines.push_str(&format!("- {title}의 핵심 {k}은?\n    - 정리한 답 {k}\n"));
    }
    let body = format!(
        "\n### 단서 질문\n\n{cue_lines}\n### 핵심 필기\n\n- {title}\n    - 본문 {} 설명.\n\n### 핵심 요약\n\n- {title} 요약.\n",
        subject.unwrap_or("")
    );
    if spec.plain || i % 11 == 10 {
        return format!("# {title}\n\n수업 메모. {}\n{body}", subject.unwrap_or(""));
    }
    let started = !r.chance(0.08);
    let day0 = spec.today - Days::new(r.below(120) as u64);
    let behind = r.chance(0.4);
    let hand_until = spec.today - Days::new(spec.played_days);
    let mut fm = String::from("---\n");
    if let Some(s) = subject {
        fm.push_str(&format!("⭕과목: {s}\n"));
    }
    if let Some(t) = textbook {
        fm.push_str(&format!("⭕교재: {t}\n"));
    }
    for (_, key, offset) in STEPS {
        let due = day0 + Days::new(offset + if behind { 3 } else { 0 });
        fm.push_str(&format!("{key}: {}\n", started && due < hand_until));
    }
    fm.push_str(&format!("🧠장기기억: {}\n", i % 13 == 12));
    match started {
        true => fm.push_str(&format!("⭕첫 학습날: {day0}\n")),
        false => fm.push_str("⭕첫 학습날:\n"),
    }
    fm.push_str("---\n");
    format!("{fm}{body}")
}

/// Where each note goes: its folder (the subject's first 12 characters, or 기타) and title.
fn place(i: usize) -> (Option<String>, String, String) {
    let subject = match i % SUBJECTS.len() {
        5 => Some(long_subject()),
        k => SUBJECTS[k].map(str::to_owned),
    };
    let title = format!("{} {}", WORDS[i % WORDS.len()], i / WORDS.len() + 1);
    let folder = subject.as_deref().map(|s| s.chars().take(12).collect::<String>()).unwrap_or_else(|| "기타".into());
    let rel = format!("{}/{title}.md", folder.trim());
    (subject, title, rel)
}

/// What the in-memory backend answers, all of it from the engine.
#[derive(Serialize)]
pub struct Fixture {
    pub overview: Overview,
    pub notes: BTreeMap<String, NoteView>,
    pub extra: Extra,
    /// Every note's summary, in the agenda's order.
    pub all: Vec<NoteSummary>,
    /// Where reminders stand (the desktop status's `reminders`).
    pub reminders: bokseup_core::session::ReminderStatus,
}

/// The log's side of the in-memory backend (`ui/src/lib/memory.ts`'s `Extra`).
#[derive(Serialize)]
pub struct Extra {
    pub pages: BTreeMap<String, Page>,
    pub calendar: Vec<DayCount>,
    pub days: BTreeMap<NaiveDate, DayList>,
    pub stats: bokseup_core::session::Stats,
    /// The plan and load of home's learning panel.
    pub learning: bokseup_core::session::Learning,
}

/// A note page's log side.
#[derive(Serialize)]
pub struct Page {
    pub timeline: Vec<bokseup_core::history::Milestone>,
    pub history: Vec<bokseup_core::history::Entry>,
    pub questions: Vec<bokseup_core::session::QuestionMemory>,
}

fn at(day: NaiveDate, hour: u32, minute: u32) -> NaiveDateTime {
    day.and_time(NaiveTime::from_hms_opt(hour, minute, 0).expect("a valid time"))
}

fn failed(what: &str, e: impl std::fmt::Display) -> Error {
    Error::Run(format!("{what}: {e}"))
}

/// Writes the vault into `out` (made new), plays the student's last days through the engine, and
/// returns what the window would be shown on `spec.today`.
pub fn make(out: &Path, spec: &Spec) -> Result<Fixture, Error> {
    if out.exists() {
        fs::remove_dir_all(out).map_err(|e| Error::Io(out.to_path_buf(), e))?;
    }
    let vault = out.join(&spec.name);
    let mut r = Random(spec.seed ^ 0x7569_2d66_6978_7475);
    for i in (0..spec.notes).filter(|_| !spec.demo) {
        let (subject, title, rel) = place(i);
        let path = vault.join(&rel);
        let dir = path.parent().expect("a note is in a folder");
        fs::create_dir_all(dir).map_err(|e| Error::Io(dir.to_path_buf(), e))?;
        let text = note_text(i, &mut r, spec, subject.as_deref(), &title);
        fs::write(&path, text).map_err(|e| Error::Io(path.clone(), e))?;
    }
    fs::create_dir_all(&vault).map_err(|e| Error::Io(vault.clone(), e))?;
    let store = Store::open(&out.join("bokseup.db")).map_err(|e| failed("the store", e))?;
    let session =
        Session::new(store, out.join("demo"), Clock::system(4)).map_err(|e| failed("the session", e))?.command_line();
    let first = spec.today - Days::new(spec.played_days);
    let played = if spec.demo { 0 } else { spec.played_days };
    if !spec.demo {
        session.open_vault(&vault, at(first, 8, 0)).map_err(|e| failed("opening the vault", e))?;
    }
    let grades = [Grade::Remembered, Grade::Unsure, Grade::Forgot];
    for back in (1..=played).rev() {
        let day = spec.today - Days::new(back);
        // A day off now and then, yesterday too: the calendar shows them missed, and today's
        // share starts with overdue notes.
        if back % 5 == 3 || back == 1 {
            continue;
        }
        let now = at(day, 21, 0);
        let agenda = session.agenda(now).ok_or_else(|| Error::Run("no vault is open".into()))?;
        for (k, note) in agenda.today_reviews.iter().take(spec.per_day).enumerate() {
            let cues = note.cues.max(1);
            let input = ReviewInput {
                grades: (0..cues).map(|c| grades[(k + c + back as usize) % 3]).collect(),
                seconds: 30 + 15 * (k as u32 % 7),
                long_term: note.step == Some(Step::Extra) && k % 4 == 0,
                ..ReviewInput::default()
            };
            let when = at(day, 21, (k % 60) as u32);
            session.review(&note.path, &input, when).map_err(|e| failed(&note.path, e))?;
        }
    }
    let now = at(spec.today, 12, 0);
    if !spec.settings.is_empty() {
        let mut settings = session.settings();
        for (name, value) in &spec.settings {
            settings.set(name, value).map_err(|e| failed(name, e))?;
        }
        session.save_settings(&settings, now).map_err(|e| failed("the settings", e))?;
    }
    let overview = match spec.demo {
        true => session.open_demo(now),
        false => session.open_vault(&vault, now),
    }
    .map_err(|e| failed("opening the vault", e))?;
    let a = &overview.agenda;
    let all: Vec<NoteSummary> = [&a.today_reviews, &a.upcoming, &a.not_started, &a.long_term, &a.plain]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    // Rendered views and pages: every note of a small vault; of a large one, today's first
    // reviews and the first notes of each group.
    let viewed: Vec<&NoteSummary> = match all.len() <= 500 {
        true => all.iter().collect(),
        false => a.today_reviews.iter().take(20).chain(all.iter().take(200)).collect(),
    };
    let mut notes = BTreeMap::new();
    let mut pages = BTreeMap::new();
    for s in viewed {
        let page = session.note_page(&s.path, now).map_err(|e| failed(&s.path, e))?;
        pages
            .insert(s.path.clone(), Page { timeline: page.timeline, history: page.history, questions: page.questions });
        notes.insert(s.path.clone(), page.view);
    }
    let (from, to) = (spec.today - Days::new(70), spec.today + Days::new(70));
    let calendar = session.calendar(from, to, now).map_err(|e| failed("the calendar", e))?;
    let mut days = BTreeMap::new();
    for c in calendar.iter().filter(|c| c.planned + c.done + c.missed > 0) {
        days.insert(c.date, session.calendar_day(c.date, now).map_err(|e| failed("a calendar day", e))?);
    }
    let stats = session.stats(now).map_err(|e| failed("the statistics", e))?;
    // What the window is given (the plan's first weeks).
    let learning = session.learning(None, now).map_err(|e| failed("the plan", e))?.listed();
    let reminders = session.reminder_status(now);
    Ok(Fixture { overview, notes, extra: Extra { pages, calendar, days, stats, learning }, all, reminders })
}

#[cfg(test)]
mod tests {
    use super::*;
    use bokseup_core::schedule::Status;

    fn is_today(s: &NoteSummary) -> bool {
        matches!(s.status, Some(Status::Overdue | Status::Due))
    }

    fn spec(notes: usize) -> Spec {
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        Spec {
            notes,
            seed: 7,
            today,
            played_days: 14,
            per_day: 40,
            name: "공부".into(),
            demo: false,
            plain: false,
            settings: vec![],
        }
    }

    #[test]
    fn the_fixture_has_every_kind_of_note_and_a_log() {
        let tmp = tempfile::tempdir().unwrap();
        let f = make(tmp.path(), &spec(60)).unwrap();
        let c = &f.overview.agenda.counts;
        assert_eq!(f.all.len(), 60);
        assert!(
            c.overdue + c.due > 0 && c.upcoming > 0 && c.not_started > 0 && c.long_term > 0 && c.plain > 0,
            "{c:?}"
        );
        assert_eq!(c.issues, 0, "{:?}", f.overview.agenda.issues);
        assert!(f.all.iter().any(|s| s.subject.as_deref() == Some(long_subject().as_str())));
        assert!(f.all.iter().any(|s| s.subject.is_none()));
        assert!(f.overview.agenda.today_reviews.iter().all(is_today));
        assert!(f.extra.stats.days.len() >= 8, "reviews were logged on most played days");
        assert!(f.extra.pages.values().any(|p| !p.history.is_empty()));
        let today = f.extra.calendar.iter().find(|d| d.date == spec(60).today).unwrap();
        assert_eq!(today.planned as usize, f.overview.agenda.today_reviews.len());
        assert!(f.extra.calendar.iter().any(|d| d.missed > 0), "a day off shows missed reviews");
        assert_eq!(f.overview.name, "공부");
    }

    #[test]
    fn the_demo_fixture_is_the_bundled_demo() {
        let tmp = tempfile::tempdir().unwrap();
        let f = make(tmp.path(), &Spec { demo: true, ..spec(0) }).unwrap();
        assert!(f.overview.demo);
        assert!(f.all.len() >= 10, "{}", f.all.len());
        assert_eq!(f.notes.len(), f.all.len());
    }

    #[test]
    fn the_same_spec_gives_the_same_fixture() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let one = serde_json::to_value(make(a.path(), &spec(40)).unwrap()).unwrap();
        let two = serde_json::to_value(make(b.path(), &spec(40)).unwrap()).unwrap();
        let strip = |v: &serde_json::Value, root: &Path| v.to_string().replace(&root.display().to_string(), "ROOT");
        assert_eq!(strip(&one, a.path()), strip(&two, b.path()));
    }
}
