//! What the library screens read from the open vault: bodies searched, a note's page, the
//! calendar's days and the statistics.

use super::Session;
use crate::agenda::NoteView;
use crate::error::{Error, Result};
use crate::lang::{tf, tr};
use crate::note::Note;
use crate::{frontmatter, history, journal, search, vault};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::path::PathBuf;
use ts_rs::TS;

/// A note's own page: the note, its schedule as a timeline, its reviews from the log, and where
/// Obsidian finds it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct NotePage {
    /// The note, rendered.
    pub view: NoteView,
    /// D1, D4, D7, D14 and the extra reviews, each with the date it was done or is due.
    pub timeline: Vec<history::Milestone>,
    /// The reviews made in the app, newest first.
    pub history: Vec<history::Entry>,
    /// `obsidian://open?vault=…&file=…`; `None` for the demo vault, which Obsidian does not know.
    pub obsidian: Option<String>,
    /// The note's file, absolute.
    pub file: String,
    /// Each cue question's memory: its grades, its recall today and when FSRS would ask it
    /// again (advice only: the ladder stays the schedule of record).
    pub questions: Vec<QuestionMemory>,
}

/// One cue question of a note as its answers left it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct QuestionMemory {
    /// Its place among the note's cue questions.
    pub index: u32,
    /// Its text today.
    pub question: String,
    /// Its grades, oldest first.
    pub grades: Vec<GradeAt>,
    /// The probability it is recalled now (FSRS); `None` before its first answer.
    pub recall: Option<f64>,
    /// The day FSRS would ask it again, for a recall of 90%; `None` before its first answer.
    pub next: Option<NaiveDate>,
}

/// A grade and when it was given.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct GradeAt {
    /// The local date and time, `2024-10-27T09:00:00`.
    pub at: String,
    /// The grade.
    pub grade: crate::journal::Grade,
}

/// What the statistics screen counts: the reviews done per day in the open vault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Stats {
    /// The day everything is relative to.
    pub today: NaiveDate,
    /// Days with reviews, oldest first.
    pub days: Vec<history::ReviewDay>,
}

impl Session {
    /// The paths of the open vault's notes whose body holds every word of `query`.
    pub fn search(&self, query: &str, now: NaiveDateTime) -> Result<Vec<String>> {
        let open = self.current(now)?;
        Ok(search::bodies(&open.path, &open.scan.notes, &search::Query::new(query)))
    }

    /// The page of the note `rel`: the note, its timeline (extra reviews a year ahead), its
    /// reviews and its Obsidian URI.
    pub fn note_page(&self, rel: &str, now: NaiveDateTime) -> Result<NotePage> {
        let open = self.current(now)?;
        let file = journal::note_path(&open.path, rel)?;
        let bytes = vault::read_note(&file).map_err(|e| e.in_note(rel))?;
        let note = Note::parse(rel, &bytes).map_err(|e| e.in_note(rel))?;
        let body = frontmatter::split(frontmatter::decode(&bytes)?)?.body;
        let today = self.today(now);
        let log = journal::log(&self.store(), &open.path, Some(rel))?;
        let entries = history::by_note(&log).remove(rel).unwrap_or_default();
        let answers = self.store().answers(&crate::store::vault_key(&open.path))?;
        let past: Vec<&crate::answer::Answer> = answers.iter().filter(|a| a.note == rel).collect();
        let questions = crate::memory::graded(&note, &past)
            .into_iter()
            .map(|g| {
                let memory = crate::memory::replay(g.grades.iter().copied());
                QuestionMemory {
                    index: g.index as u32,
                    question: g.text.to_string(),
                    grades: g
                        .grades
                        .iter()
                        .map(|(at, grade)| GradeAt { at: at.format("%Y-%m-%dT%H:%M:%S").to_string(), grade: *grade })
                        .collect(),
                    recall: memory.as_ref().map(|m| crate::memory::recall(m, now)),
                    next: memory.map(|m| m.due.date()),
                }
            })
            .collect();
        Ok(NotePage {
            view: NoteView::new(&note, body, open.links(), today),
            timeline: history::timeline(&note, &entries, today, 365),
            history: entries.into_iter().rev().collect(),
            obsidian: (!open.demo).then(|| obsidian_uri(&crate::agenda::vault_name(&open.path, false), rel)),
            file: file.to_string_lossy().into_owned(),
            questions,
        })
    }

    /// The `obsidian://` link of the note `rel` of the open vault ("Obsidian에서 열기"); refused for
    /// the demo vault, which Obsidian does not know, and outside the vault.
    pub fn obsidian_link(&self, rel: &str, now: NaiveDateTime) -> Result<String> {
        let open = self.current(now)?;
        journal::note_path(&open.path, rel)?;
        if open.demo {
            return Err(Error::Refused(
                tr("데모 볼트는 Obsidian에 없습니다", "the demo vault is not in Obsidian").into(),
            ));
        }
        Ok(obsidian_uri(&crate::agenda::vault_name(&open.path, false), rel))
    }

    /// The file of the note `rel` of the open vault (for "폴더에서 보기"), refused outside it.
    pub fn note_file(&self, rel: &str, now: NaiveDateTime) -> Result<PathBuf> {
        journal::note_path(&self.current(now)?.path, rel)
    }

    /// The numbers of each day from `from` through `to` (at most 400 days): reviews planned if
    /// the user keeps up, done (from the log) and missed.
    pub fn calendar(&self, from: NaiveDate, to: NaiveDate, now: NaiveDateTime) -> Result<Vec<history::DayCount>> {
        if to < from || (to - from).num_days() > 400 {
            return Err(Error::Invalid(tf(
                format!("달력은 400일까지 보여 줍니다: {from} – {to}"),
                format!("the calendar shows up to 400 days: {from} – {to}"),
            )));
        }
        let open = self.current(now)?;
        let log = journal::log(&self.store(), &open.path, None)?;
        Ok(history::Calendar::new(&open.scan.notes, &log, self.today(now)).counts(from, to))
    }

    /// Everything about one day of the calendar: what falls due, what was done, what was missed.
    pub fn calendar_day(&self, date: NaiveDate, now: NaiveDateTime) -> Result<history::DayList> {
        let open = self.current(now)?;
        let log = journal::log(&self.store(), &open.path, None)?;
        Ok(history::Calendar::new(&open.scan.notes, &log, self.today(now)).day(date))
    }

    /// The reviews done per day in the open vault.
    pub fn stats(&self, now: NaiveDateTime) -> Result<Stats> {
        let open = self.current(now)?;
        let log = journal::log(&self.store(), &open.path, None)?;
        Ok(Stats { today: self.today(now), days: history::review_days(&log) })
    }
}

/// `obsidian://open?vault=…&file=…` for the note `rel` of the vault named `vault`: the path
/// without `.md`, everything but unreserved characters percent-encoded (`/` too), as Obsidian's
/// documentation asks.
pub fn obsidian_uri(vault: &str, rel: &str) -> String {
    let file = rel.strip_suffix(".md").or_else(|| rel.strip_suffix(".MD")).unwrap_or(rel);
    format!("obsidian://open?vault={}&file={}", percent(vault), percent(file))
}

fn percent(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
