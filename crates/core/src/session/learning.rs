//! The session's memory of each cue question: answers kept as events (in the database and the
//! vault's history files), the weak-question drill, the backlog and exam plan, and the minutes a
//! day's reviews take. Everything here advises; only [`Session::review`] writes notes.

use super::vault::OpenVault;
use super::{lock, Change, Session};
use crate::agenda::NoteView;
use crate::answer::{Answer, Event, Moved, Source};
use crate::drill::{self, Size};
use crate::error::{Error, Result};
use crate::journal::{Grade, ReviewInput};
use crate::lang::tf;
use crate::memory::{self, Question};
use crate::note::{Kind, Note};
use crate::pace::Pace;
use crate::plan::{self, Item, Limit, Plan};
use crate::schedule::{review_state, Status};
use crate::{store, sync, vault};
use chrono::Timelike;
use chrono::{Days, NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use ts_rs::TS;

/// A weak question to drill, with its note and what its answers say.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct WeakQuestion {
    /// The note, relative to the vault.
    pub path: String,
    /// The note's title.
    pub title: String,
    /// The question's place among the note's cue questions.
    pub index: u32,
    /// The question's text, as the drill sends it back with the grade.
    pub question: String,
    /// The question as safe inline HTML.
    pub question_html: String,
    /// The answer as safe HTML.
    pub answer_html: String,
    /// The probability of recall now, 0–1.
    pub recall: f64,
    /// How it was last graded.
    pub last_grade: Grade,
    /// When it was last answered, `YYYY-MM-DDTHH:MM:SS`.
    pub last_at: String,
    /// How many answers it has.
    pub answers: u32,
}

/// One day's load: the notes planned and the minutes they take.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DayLoad {
    /// The day.
    pub date: NaiveDate,
    /// Notes planned.
    pub notes: u32,
    /// Minutes they take, rounded up.
    pub minutes: u32,
}

/// What the home screen, the calendar and the reminders know beyond the ladder: today's share
/// of a backlog, the week's load in minutes, the weak questions and the exams.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Learning {
    /// The plan (today first).
    pub plan: Plan,
    /// Today and the next six days.
    pub week: Vec<DayLoad>,
    /// Cue questions weak now (see [`drill::is_weak`]).
    pub weak: u32,
    /// Cue questions with answers.
    pub known: u32,
    /// Seconds per answer the minutes are counted with.
    pub answer_seconds: u32,
    /// Whether those come from the user's own answers (else a default).
    pub measured: bool,
    /// Today is in the student's break: when it ends and what waits after it.
    pub on_break: Option<BreakNow>,
    /// The days after today with reviews planned, all of them (also past the days listed).
    pub later_days: u32,
}

impl Learning {
    /// The learning as the window gets it: the plan's first [`plan::LISTED_DAYS`] days, the
    /// calendar's reach; `later_days` still counts them all. A backlog of 5,000 notes makes a
    /// plan of 300 days, a megabyte of JSON the page would parse for nothing, during a rescan.
    pub fn listed(mut self) -> Learning {
        self.plan.days.truncate(plan::LISTED_DAYS as usize);
        self
    }
}

/// A break under way, as home says it: "쉬는 중 · 10월 30일까지 · 복습 12개가 31일부터 2일에 나뉘어 기다립니다".
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BreakNow {
    /// Its last day.
    pub to: NaiveDate,
    /// The first day of reviews after it.
    pub back: NaiveDate,
    /// The reviews falling due by its end, which wait for after it.
    pub waiting: u32,
    /// The days after it they are spread over.
    pub days: u32,
}

/// What the session keeps of learning: this device's name and the last [`Learning`] made.
pub(super) struct State {
    /// This device's name in the vault's history files.
    pub(super) device: String,
    /// The last [`Learning`] and what it was made from.
    pub(super) learned: Mutex<Option<(LearningKey, Learning)>>,
    /// The questions of answered notes, read back from their files.
    pub(super) cue_texts: crate::index::CueTexts,
}

impl State {
    pub(super) fn new(device: String) -> State {
        State { device, learned: Mutex::new(None), cue_texts: Default::default() }
    }
}

/// What a [`Learning`] was made from: while it is the same, the learning is the same.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct LearningKey {
    /// [`Session`]'s count of changes to the open scan.
    version: u64,
    vault: PathBuf,
    hour: NaiveDateTime,
    today: NaiveDate,
    limit: Limit,
    exams: Vec<crate::plan::Exam>,
    week: crate::week::Week,
    stamp: (i64, i64),
}

/// Rounds minutes up to whole minutes.
fn whole(minutes: f64) -> u32 {
    minutes.ceil().max(0.0) as u32
}

/// A device name nobody else has: sixteen hex digits from the system's random hash keys.
pub(super) fn random_device() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
    h.write_u32(std::process::id());
    format!("{:016x}", h.finish())
}

impl Session {
    /// This device's name in the vault's history files.
    pub fn device(&self) -> &str {
        &self.learning.device
    }

    /// Names this device `name` (tests, which play two devices).
    pub fn with_device(mut self, name: &str) -> Session {
        let _ = self.store().set_setting("history_device", name);
        self.learning.device = name.to_string();
        self
    }

    /// Keeps `events` of the vault at `root`: in the database, and in this device's history file
    /// in the vault unless the user keeps the history on this computer. The file is not a note:
    /// failing to write it (a read-only vault) loses nothing, the database has the events.
    fn keep_events(&self, root: &Path, mut events: Vec<Event>) -> Result<()> {
        if events.is_empty() {
            return Ok(());
        }
        let key = store::vault_key(root);
        let in_vault = self.settings().history_in_vault;
        let mut store = self.store();
        let ids = store.new_events(&self.learning.device, events.len())?;
        for (e, id) in events.iter_mut().zip(ids) {
            match e {
                Event::Answer(a) => a.event = id,
                Event::Moved(m) => m.event = id,
            }
        }
        store.add_events(&key, &events)?;
        drop(store);
        if in_vault {
            sync::append(root, &self.learning.device, &events)?;
        }
        Ok(())
    }

    /// After a review of `note` (as it was before): one answer per graded cue question.
    pub(super) fn answered(&self, root: &Path, note: &Note, input: &ReviewInput, today: NaiveDate, now: NaiveDateTime) {
        let step =
            input.seen.map(|s| s.step).or_else(|| review_state(note.flags, note.day0, note.last_review, today).step);
        let events: Vec<Event> = note
            .cues
            .iter()
            .zip(&input.grades)
            .enumerate()
            .map(|(i, (cue, grade))| {
                Event::Answer(Answer {
                    event: String::new(),
                    at: now,
                    note: note.path.clone(),
                    question: cue.question.to_string(),
                    grade: *grade,
                    source: Source::Review,
                    step,
                    answer_ms: input.answer_ms.get(i).copied().unwrap_or(0),
                })
            })
            .collect();
        // The review itself is written: its answers are advice, and a failure to keep them is
        // not the user's concern now.
        let _ = self.keep_events(root, events);
    }

    /// Notes the index found moved: their answers follow them, on every device.
    pub(super) fn moved(&self, root: &Path, moves: &[crate::index::Moved], now: NaiveDateTime) {
        let events = moves
            .iter()
            .map(|m| Event::Moved(Moved { event: String::new(), at: now, from: m.from.clone(), to: m.to.clone() }))
            .collect();
        let _ = self.keep_events(root, events);
    }

    /// Reads what other devices (or an earlier database) wrote to the vault's history files.
    pub(super) fn import_history(&self, root: &Path) -> Vec<vault::Issue> {
        let mut issues = sync::import(&mut self.store(), root, &store::vault_key(root));
        // A history folder that is a link out of the vault is never written; say so where the
        // unreadable files are listed, since a review does not stop for it.
        // The one flag, not the whole settings: this runs on every scan.
        let in_vault = self.store().flag_setting(crate::settings::keys::HISTORY_IN_VAULT, true);
        if in_vault {
            if let Err(e) = vault::no_links(root, &sync::file_of(root, &self.learning.device), false) {
                issues.push(vault::Issue { path: sync::DIR.to_string(), message: e.to_string() });
            }
        }
        issues
    }

    /// The user turned the vault's history on: this device's file is written whole, with the
    /// answers given while it was off.
    pub(super) fn history_turned_on(&self, now: NaiveDateTime) -> Result<()> {
        if !self.app_vault_open(now) {
            return Ok(());
        }
        let open = self.current(now)?;
        let events = self.store().own_events(&store::vault_key(&open.path), &self.learning.device)?;
        if events.is_empty() {
            return Ok(());
        }
        sync::rewrite(&open.path, &self.learning.device, &events)
    }

    /// A drill's grade of the question `question` (its text as shown) of the note `rel`: it
    /// feeds the question's memory and writes nothing into the note.
    pub fn drill_answer(
        &self,
        rel: &str,
        question: &str,
        grade: Grade,
        answer_ms: u32,
        now: NaiveDateTime,
    ) -> Result<()> {
        let open = self.current(now)?;
        if open.scan.note(rel).is_none() {
            return Err(Error::Invalid(tf(
                format!("{rel}: 볼트에 없는 노트입니다 (옮겨졌거나 지워졌습니다)"),
                format!("{rel}: not in the vault (moved or deleted)"),
            )));
        }
        let answer = Answer {
            event: String::new(),
            at: now,
            note: rel.to_string(),
            question: question.to_string(),
            grade,
            source: Source::Drill,
            step: None,
            answer_ms,
        };
        self.keep_events(&open.path, vec![Event::Answer(answer)])?;
        self.announce(Change::Learning);
        Ok(())
    }

    /// Every cue question of the open vault's review notes with its memory, and the user's pace:
    /// both from the vault's answers (read once) and, for the pace, its reviews.
    fn memory_of(&self, open: &OpenVault) -> Result<(Vec<Question>, Pace)> {
        let key = store::vault_key(&open.path);
        let store = self.store();
        let answers = store.answers(&key)?;
        let times: Vec<u32> = answers.iter().map(|a| a.answer_ms).filter(|ms| *ms > 0).collect();
        let reviews: Vec<(u32, usize)> =
            store.reviews(&key)?.iter().map(|r| (r.review.seconds, r.review.grades.len())).collect();
        drop(store);
        // A question never answered has no memory, and nothing counts or picks it: only answered
        // notes need their questions' text, read from their files.
        let answered: HashSet<&str> = answers.iter().map(|a| a.note.as_str()).collect();
        let reviews_notes = open
            .scan
            .notes
            .iter()
            .filter(|n| n.kind == crate::note::Kind::Review && answered.contains(n.path.as_str()));
        let notes = crate::index::with_cues(&self.learning.cue_texts, &open.path, reviews_notes);
        Ok((memory::questions(notes.iter().map(AsRef::as_ref), &answers), Pace::measured(&times, &reviews)))
    }

    /// The weakest questions of the open vault now, within `size`; only the notes an exam covers
    /// when `exam` names one.
    pub fn weak(&self, size: Size, exam: Option<&str>, now: NaiveDateTime) -> Result<Vec<WeakQuestion>> {
        let open = self.current(now)?;
        let (mut questions, pace) = self.memory_of(&open)?;
        if let Some(name) = exam {
            let exams = self.settings().exams;
            let exam = exams.iter().find(|e| e.name == name).ok_or_else(|| {
                Error::Invalid(tf(format!("\"{name}\"라는 시험이 없습니다"), format!("No exam named \"{name}\"")))
            })?;
            let covered: std::collections::HashSet<&str> = open
                .scan
                .notes
                .iter()
                .filter(|n| exam.covers(n.subject.as_deref(), n.textbook.as_deref()))
                .map(|n| n.path.as_str())
                .collect();
            questions.retain(|q| covered.contains(q.note.as_str()));
        }
        let picked = drill::weakest(&questions, now, size, pace);
        let mut views: HashMap<&str, Option<NoteView>> = HashMap::new();
        let mut out = Vec::new();
        for q in picked {
            let view = views.entry(q.note.as_str()).or_insert_with(|| self.note(&q.note, now).ok());
            let Some(view) = view.as_ref() else { continue };
            let (Some(cue), Some(m)) = (view.cues.get(q.index), q.memory.as_ref()) else { continue };
            out.push(WeakQuestion {
                path: q.note.clone(),
                title: view.summary.title.clone(),
                index: q.index as u32,
                question: q.text.clone(),
                question_html: cue.question_html.clone(),
                answer_html: cue.answer_html.clone(),
                recall: memory::recall(m, now),
                last_grade: m.last_grade,
                last_at: m.last.format("%Y-%m-%dT%H:%M:%S").to_string(),
                answers: m.answers,
            });
        }
        Ok(out)
    }

    /// The plan, the week's load and the weak questions of the open vault today, with the
    /// daily limit `limit` (the setting's when `None`).
    ///
    /// Kept for the hour while the scan, the answers, the reviews and the settings are the same:
    /// the tray, the reminders and the window all ask after each change.
    pub fn learning(&self, limit: Option<Limit>, now: NaiveDateTime) -> Result<Learning> {
        let open = self.current(now)?;
        let today = self.today(now);
        let settings = self.settings();
        let limit = limit.unwrap_or(settings.daily_limit);
        crate::settings::check_limit(limit)?;
        let key = LearningKey {
            version: self.vault.scan_version.load(std::sync::atomic::Ordering::SeqCst),
            vault: open.path.clone(),
            hour: now.date().and_hms_opt(now.time().hour(), 0, 0).unwrap_or(now),
            today,
            limit,
            exams: settings.exams.clone(),
            week: settings.week(),
            stamp: self.store().learning_stamp(&store::vault_key(&open.path))?,
        };
        if let Some((k, learned)) = lock(&self.learning.learned).as_ref() {
            if *k == key {
                return Ok(learned.clone());
            }
        }
        let learned = self.learn(&open, &settings, limit, today, now)?;
        *lock(&self.learning.learned) = Some((key, learned.clone()));
        Ok(learned)
    }

    fn learn(
        &self,
        open: &OpenVault,
        settings: &crate::settings::Settings,
        limit: Limit,
        today: NaiveDate,
        now: NaiveDateTime,
    ) -> Result<Learning> {
        let (questions, pace) = self.memory_of(open)?;
        let items = plan_items(&open.scan.notes, &questions, pace, today, now);
        let week = settings.week();
        let plan = plan::make(&items, &settings.exams, limit, &week, today).map_err(|refusal| match refusal {
            plan::Refusal::ZeroLimit => crate::settings::zero_limit(),
            plan::Refusal::NoOpenDay => {
                crate::settings::check_week(&week).err().unwrap_or_else(crate::settings::zero_limit)
            }
        })?;
        let on_break = week.break_on(today).map(|b| {
            let waiting: HashSet<&str> = items.iter().filter(|i| i.due <= b.to).map(|i| i.path.as_str()).collect();
            let after: Vec<&plan::Day> = plan
                .days
                .iter()
                .filter(|d| d.date > b.to && d.notes.iter().any(|p| waiting.contains(p.as_str())))
                .collect();
            BreakNow {
                to: b.to,
                back: after.first().map_or(b.end(), |d| d.date),
                waiting: waiting.len() as u32,
                days: after.len() as u32,
            }
        });
        let week = (0..7)
            .map(|i| {
                let date = today + Days::new(i);
                let day = plan.days.iter().find(|d| d.date == date);
                DayLoad {
                    date,
                    notes: day.map_or(0, |d| d.notes.len() as u32),
                    minutes: day.map_or(0, |d| whole(d.minutes)),
                }
            })
            .collect();
        let weak = questions.iter().filter(|q| drill::is_weak(q, now)).count() as u32;
        let known = questions.iter().filter(|q| q.memory.is_some()).count() as u32;
        Ok(Learning {
            week,
            weak,
            known,
            answer_seconds: pace.answer.round() as u32,
            measured: pace != Pace::default(),
            on_break,
            later_days: plan.days.iter().skip(1).filter(|d| !d.notes.is_empty()).count() as u32,
            plan,
        })
    }
}

/// The notes a plan places: every review note due within [`plan::HORIZON`] days (overdue ones
/// included), with its questions' mean recall and its minutes.
pub fn plan_items(
    notes: &[Note],
    questions: &[Question],
    pace: Pace,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Vec<Item> {
    let mut recall: HashMap<&str, (f64, u32)> = HashMap::new();
    for q in questions {
        if let Some(m) = &q.memory {
            let e = recall.entry(q.note.as_str()).or_default();
            e.0 += memory::recall(m, now);
            e.1 += 1;
        }
    }
    let horizon = today + Days::new(plan::HORIZON);
    notes
        .iter()
        .filter(|n| n.kind == Kind::Review)
        .filter_map(|n| {
            let state = review_state(n.flags, n.day0, n.last_review, today);
            let due = state.next_due.filter(|d| *d <= horizon)?;
            if !matches!(state.status, Status::Overdue | Status::Due | Status::Upcoming) {
                return None;
            }
            Some(Item {
                path: n.path.clone(),
                due,
                recall: recall.get(n.path.as_str()).map(|(sum, k)| sum / f64::from(*k)),
                minutes: pace.minutes(n.cues.len()),
                subject: n.subject.clone(),
                textbook: n.textbook.clone(),
                reviewed: n.last_review,
            })
        })
        .collect()
}
