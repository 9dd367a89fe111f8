//! The memory of each cue question: FSRS (the Free Spaced Repetition Scheduler, through the
//! `rs-fsrs` crate) replayed over its grades gives the question's stability and its probability
//! of recall on any day. It advises (which questions are weak, what to drill, what to review
//! first); it never changes what the ladder writes into notes.
//!
//! The template's grades map onto FSRS's ratings: 1 기억남 → Good, 2 헷갈림 → Hard, 3 모름 →
//! Again. Nothing maps to Easy: the template has no such grade.

use crate::answer::Answer;
use crate::journal::Grade;
use crate::note::{Kind, Note};
use crate::question;
use chrono::{NaiveDateTime, TimeZone, Utc};
use rs_fsrs::{Card, Parameters, Rating, FSRS};
use std::collections::HashMap;

/// The FSRS rating of a template grade.
pub fn rating(grade: Grade) -> Rating {
    match grade {
        Grade::Remembered => Rating::Good,
        Grade::Unsure => Rating::Hard,
        Grade::Forgot => Rating::Again,
    }
}

/// What FSRS knows of one question after its answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Memory {
    /// Days until the probability of recall falls to 90%.
    pub stability: f64,
    /// How hard the question is, 1 (easy) to 10 (hard).
    pub difficulty: f64,
    /// When it was last answered.
    pub last: NaiveDateTime,
    /// How it was last graded.
    pub last_grade: Grade,
    /// How many answers it has.
    pub answers: u32,
    /// How many times it was forgotten after having been known.
    pub lapses: u32,
    /// The day FSRS would ask it again (for a target recall of 90%).
    pub due: NaiveDateTime,
}

/// The scheduler with FSRS's default parameters (no optimizer: a student's first months hold
/// far fewer answers than fitting the parameters needs).
fn scheduler() -> FSRS {
    FSRS::new(Parameters::default())
}

fn utc(at: NaiveDateTime) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&at)
}

/// Replays a question's answers, oldest first, through FSRS; `None` without any.
pub fn replay(answers: impl IntoIterator<Item = (NaiveDateTime, Grade)>) -> Option<Memory> {
    let fsrs = scheduler();
    let mut card: Option<Card> = None;
    let mut last = None;
    let mut count = 0;
    for (at, grade) in answers {
        let base = card.take().unwrap_or_else(|| Card { due: utc(at), last_review: utc(at), ..Card::default() });
        card = Some(fsrs.next(base, utc(at), rating(grade)).card);
        last = Some((at, grade));
        count += 1;
    }
    let (card, (at, grade)) = (card?, last?);
    Some(Memory {
        stability: card.stability,
        difficulty: card.difficulty,
        last: at,
        last_grade: grade,
        answers: count,
        lapses: u32::try_from(card.lapses).unwrap_or(0),
        due: card.due.naive_utc(),
    })
}

/// The probability that the question is recalled at `now` (FSRS's forgetting curve over the days
/// since its last answer, counted to the minute).
pub fn recall(memory: &Memory, now: NaiveDateTime) -> f64 {
    let days = (now - memory.last).num_minutes().max(0) as f64 / (24.0 * 60.0);
    Parameters::forgetting_curve(days, memory.stability.max(0.01)).clamp(0.0, 1.0)
}

/// A cue question of a review note as it is today, with what its answers say.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// The note, relative to the vault.
    pub note: String,
    /// The question's place among the note's cue questions.
    pub index: usize,
    /// The question's text today.
    pub text: String,
    /// Its memory; `None` before its first answer.
    pub memory: Option<Memory>,
}

/// Every cue question of the review notes in `notes`, with its memory from `answers` (each under
/// its note's present path, oldest first). Answers to questions since deleted are left out.
pub fn questions<'a>(notes: impl IntoIterator<Item = &'a Note>, answers: &[Answer]) -> Vec<Question> {
    let mut by_note: HashMap<&str, Vec<&Answer>> = HashMap::new();
    for a in answers {
        by_note.entry(a.note.as_str()).or_default().push(a);
    }
    let mut out = Vec::new();
    for note in notes {
        let past = by_note.get(note.path.as_str()).map(Vec::as_slice).unwrap_or_default();
        for g in graded(note, past) {
            out.push(Question {
                note: note.path.clone(),
                index: g.index,
                text: g.text.to_string(),
                memory: replay(g.grades),
            });
        }
    }
    out
}

/// A cue question of a note as it stands today, with its grades.
#[derive(Debug, Clone, PartialEq)]
pub struct Graded<'a> {
    /// Its place among the note's cue questions.
    pub index: usize,
    /// Its text today.
    pub text: &'a str,
    /// Its grades, oldest first.
    pub grades: Vec<(NaiveDateTime, Grade)>,
}

/// Each cue question of a review note with its grades from the note's `past` answers: an answer
/// follows its question through an edit of its text.
pub fn graded<'a>(note: &'a Note, past: &[&Answer]) -> Vec<Graded<'a>> {
    if note.kind != Kind::Review || note.cues.is_empty() {
        return Vec::new();
    }
    let current: Vec<&str> = note.cues.iter().map(|c| c.question).collect();
    let texts: Vec<(&str, NaiveDateTime)> = past.iter().map(|a| (a.question.as_str(), a.at)).collect();
    let linked = question::link(&current, &texts);
    current
        .iter()
        .enumerate()
        .map(|(index, text)| Graded {
            index,
            text,
            grades: past.iter().filter(|a| linked.get(&a.question) == Some(&index)).map(|a| (a.at, a.grade)).collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn the_template_grades_map_onto_fsrs_ratings() {
        assert_eq!(rating(Grade::Remembered), Rating::Good);
        assert_eq!(rating(Grade::Unsure), Rating::Hard);
        assert_eq!(rating(Grade::Forgot), Rating::Again);
    }

    /// The crate's own reference sequence (its `test_basic_scheduler_interval`): thirteen
    /// answers, each on the day the previous one scheduled, with default parameters, give these
    /// intervals in days.
    #[test]
    fn fsrs_reference_intervals_for_a_known_grade_sequence() {
        use Rating::{Again, Good};
        let ratings = [Good, Good, Good, Good, Good, Good, Again, Again, Good, Good, Good, Good, Good];
        let fsrs = scheduler();
        let mut now = utc(at("2022-11-29 12:30"));
        let mut card = Card { due: now, last_review: now, ..Card::default() };
        let mut intervals = Vec::new();
        for r in ratings {
            card = fsrs.next(card, now, r).card;
            intervals.push(card.scheduled_days);
            now = card.due;
        }
        assert_eq!(intervals, [0, 4, 15, 48, 136, 351, 0, 0, 7, 13, 24, 43, 77]);
    }

    #[test]
    fn grades_move_the_memory_the_right_way() {
        let day = |d: u32| at(&format!("2024-10-{d:02} 09:00"));
        let good = replay([(day(1), Grade::Remembered), (day(4), Grade::Remembered)]).unwrap();
        let forgot = replay([(day(1), Grade::Remembered), (day(4), Grade::Forgot)]).unwrap();
        let unsure = replay([(day(1), Grade::Remembered), (day(4), Grade::Unsure)]).unwrap();
        assert!(good.stability > unsure.stability && unsure.stability > forgot.stability);
        // Forgetting a question already learned (in FSRS's review state) is a lapse.
        let lapsed =
            replay([(day(1), Grade::Remembered), (day(4), Grade::Remembered), (day(20), Grade::Forgot)]).unwrap();
        assert_eq!((forgot.lapses, lapsed.lapses), (0, 1));
        assert_eq!(good.answers, 2);
        assert_eq!(forgot.last_grade, Grade::Forgot);
        // Recall is certain right after an answer and fades with time, faster when forgotten.
        assert!((recall(&good, day(4)) - 1.0).abs() < 1e-9);
        let later = day(20);
        assert!(recall(&good, later) > recall(&forgot, later));
        assert!(recall(&forgot, later) < recall(&forgot, day(10)));
        assert!(replay([]).is_none());
    }
}
