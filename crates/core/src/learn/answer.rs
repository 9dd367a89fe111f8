//! One cue question answered, and a note moved: the typed events every question's memory is built
//! from. They live in the database and, one JSON line each, in the vault's history files (see
//! [`crate::sync`]), so that a vault carries its history to another computer.

use crate::schedule::Step;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How well the user recalled one cue question's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Grade {
    /// 1 기억남: remembered.
    Remembered,
    /// 2 헷갈림: unsure.
    Unsure,
    /// 3 모름: forgot.
    Forgot,
}

impl Grade {
    /// The grade's number in the review log: 1 기억남, 2 헷갈림, 3 모름.
    pub fn number(self) -> u8 {
        match self {
            Grade::Remembered => 1,
            Grade::Unsure => 2,
            Grade::Forgot => 3,
        }
    }

    /// The grade of a number of [`Grade::number`].
    pub fn of_number(n: u8) -> Option<Grade> {
        [Grade::Remembered, Grade::Unsure, Grade::Forgot].into_iter().find(|g| g.number() == n)
    }
}

/// The version of the history files' lines this app writes. A line of a later version comes
/// from a newer app on another device: it is skipped with a message, never guessed at.
pub const VERSION: u32 = 1;

/// Where an answer was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Source {
    /// A review of the note on the ladder (its file was written).
    Review,
    /// A drill of weak questions (no file was written).
    Drill,
}

impl Source {
    /// The source's code in the database.
    pub fn code(self) -> i64 {
        match self {
            Source::Review => 1,
            Source::Drill => 2,
        }
    }

    /// The source of a database code.
    pub fn of_code(code: i64) -> Option<Source> {
        [Source::Review, Source::Drill].into_iter().find(|s| s.code() == code)
    }
}

/// A step's code in the database: 1 to 5 for D1, D4, D7, D14 and the extra reviews.
pub fn step_code(step: Step) -> i64 {
    match step {
        Step::D1 => 1,
        Step::D4 => 2,
        Step::D7 => 3,
        Step::D14 => 4,
        Step::Extra => 5,
    }
}

/// The step of a database code of [`step_code`].
pub fn step_of_code(code: i64) -> Option<Step> {
    [Step::D1, Step::D4, Step::D7, Step::D14, Step::Extra].into_iter().find(|s| step_code(*s) == code)
}

/// One cue question answered, in a review or a drill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// The event's identity, `<device>-<n>`: the same answer read from two copies of a file
    /// counts once.
    pub event: String,
    /// The local date and time of the answer.
    pub at: NaiveDateTime,
    /// The note, relative to the vault, where it was then.
    pub note: String,
    /// The question's text then.
    pub question: String,
    /// How well it was recalled.
    pub grade: Grade,
    /// A review or a drill.
    pub source: Source,
    /// The step reviewed; none in a drill.
    pub step: Option<Step>,
    /// How long the answer took, from the question shown to the grade given.
    pub answer_ms: u32,
}

/// A note moved or renamed: its answers before `at` belong to the new path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moved {
    /// The event's identity, as for [`Answer::event`].
    pub event: String,
    /// When the move was seen.
    pub at: NaiveDateTime,
    /// The old path.
    pub from: String,
    /// The new path.
    pub to: String,
}

/// An event of the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A question answered.
    Answer(Answer),
    /// A note moved.
    Moved(Moved),
}

/// A history file's line: the version, then the event, tagged by its kind.
#[derive(Serialize, Deserialize)]
struct Line<E> {
    v: u32,
    #[serde(flatten)]
    event: E,
}

#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Tagged {
    Answer {
        event: String,
        at: NaiveDateTime,
        note: String,
        question: String,
        grade: u8,
        source: Source,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        step: Option<Step>,
        ms: u32,
    },
    Moved {
        event: String,
        at: NaiveDateTime,
        from: String,
        to: String,
    },
}

/// Why a history line was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unread {
    /// A newer app wrote it (its version).
    Newer(u32),
    /// It is not a line this app can read (cut short, edited by hand, another format).
    Garbled,
}

impl Event {
    /// The event as one line of a history file, without the line break.
    pub fn to_line(&self) -> String {
        let event = match self.clone() {
            Event::Answer(a) => Tagged::Answer {
                event: a.event,
                at: a.at,
                note: a.note,
                question: a.question,
                grade: a.grade.number(),
                source: a.source,
                step: a.step,
                ms: a.answer_ms,
            },
            Event::Moved(m) => Tagged::Moved { event: m.event, at: m.at, from: m.from, to: m.to },
        };
        serde_json::to_string(&Line { v: VERSION, event }).unwrap_or_default()
    }

    /// Reads one line of a history file.
    pub fn from_line(line: &str) -> Result<Event, Unread> {
        #[derive(Deserialize)]
        struct Version {
            v: u32,
        }
        let version: Version = serde_json::from_str(line).map_err(|_| Unread::Garbled)?;
        if version.v > VERSION {
            return Err(Unread::Newer(version.v));
        }
        let line: Line<Tagged> = serde_json::from_str(line).map_err(|_| Unread::Garbled)?;
        Ok(match line.event {
            Tagged::Answer { event, at, note, question, grade, source, step, ms } => Event::Answer(Answer {
                event,
                at,
                note,
                question,
                grade: Grade::of_number(grade).ok_or(Unread::Garbled)?,
                source,
                step,
                answer_ms: ms,
            }),
            Tagged::Moved { event, at, from, to } => Event::Moved(Moved { event, at, from, to }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn events_round_trip_through_a_line() {
        let answer = Event::Answer(Answer {
            event: "a1b2-7".into(),
            at: at("2024-10-27 14:01"),
            note: "AWS/AMI.md".into(),
            question: "AMI가 뭐야? \"따옴표\"\n".into(),
            grade: Grade::Unsure,
            source: Source::Review,
            step: Some(Step::D4),
            answer_ms: 5300,
        });
        let line = answer.to_line();
        assert!(!line.contains('\n'));
        assert!(line.starts_with("{\"v\":1,\"kind\":\"answer\""), "{line}");
        assert_eq!(Event::from_line(&line), Ok(answer));
        let moved = Event::Moved(Moved {
            event: "a1b2-8".into(),
            at: at("2024-10-28 09:00"),
            from: "a.md".into(),
            to: "b/a.md".into(),
        });
        assert_eq!(Event::from_line(&moved.to_line()), Ok(moved));
    }

    #[test]
    fn newer_and_garbled_lines_are_told_apart() {
        assert_eq!(Event::from_line(r#"{"v":2,"kind":"answer","whatever":1}"#), Err(Unread::Newer(2)));
        assert_eq!(
            Event::from_line(r#"{"v":1,"kind":"answer","event":"x","at":"2024-10-27T14:0"#),
            Err(Unread::Garbled)
        );
        assert_eq!(Event::from_line(r#"{"v":1,"kind":"sneeze"}"#), Err(Unread::Garbled));
        let bad_grade = r#"{"v":1,"kind":"answer","event":"x","at":"2024-10-27T14:01:00","note":"a.md","question":"q","grade":7,"source":"drill","ms":1}"#;
        assert_eq!(Event::from_line(bad_grade), Err(Unread::Garbled));
    }
}
