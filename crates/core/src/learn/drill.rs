//! The weak-question drill: across all notes, the cue questions most likely forgotten (lowest
//! probability of recall) or last graded 모름 or 헷갈림, as many as a count or a number of
//! minutes allows. Drill grades feed each question's memory; they write nothing into notes.

use crate::journal::Grade;
use crate::memory::{recall, Question};
use crate::pace::Pace;
use chrono::NaiveDateTime;

/// The recall FSRS aims for: a question below it is weak.
pub const TARGET: f64 = 0.9;

/// How many questions a drill takes when the user does not say.
pub const DEFAULT_COUNT: usize = 10;

/// How long a drill may be.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Size {
    /// At most this many questions.
    Questions(usize),
    /// As many questions as fit in these minutes (at least one).
    Minutes(f64),
}

/// Whether a question is weak at `now`: below [`TARGET`], or last graded 모름 or 헷갈림.
pub fn is_weak(q: &Question, now: NaiveDateTime) -> bool {
    q.memory.as_ref().is_some_and(|m| recall(m, now) < TARGET || m.last_grade != Grade::Remembered)
}

/// The weakest questions at `now`, weakest first (lowest recall; on a tie the worse last grade,
/// then the note and the question's place), within `size`. Questions never answered are not
/// weak: nothing is known of them yet.
pub fn weakest(questions: &[Question], now: NaiveDateTime, size: Size, pace: Pace) -> Vec<&Question> {
    let mut weak: Vec<(&Question, f64)> = questions
        .iter()
        .filter(|q| is_weak(q, now))
        .map(|q| (q, q.memory.as_ref().map_or(1.0, |m| recall(m, now))))
        .collect();
    let severity = |q: &Question| q.memory.as_ref().map_or(0, |m| m.last_grade.number());
    weak.sort_by(|(a, ra), (b, rb)| {
        ra.total_cmp(rb).then(severity(b).cmp(&severity(a))).then(a.note.cmp(&b.note)).then(a.index.cmp(&b.index))
    });
    let take = match size {
        Size::Questions(n) => n,
        Size::Minutes(m) => ((m * 60.0 / pace.answer.max(1.0)).floor() as usize).max(1),
    };
    weak.into_iter().take(take).map(|(q, _)| q).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::replay;

    fn at(d: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2024, 10, d).unwrap().and_hms_opt(9, 0, 0).unwrap()
    }

    fn q(note: &str, index: usize, grades: &[(u32, Grade)]) -> Question {
        Question {
            note: note.into(),
            index,
            text: format!("{note} {index}"),
            memory: replay(grades.iter().map(|(d, g)| (at(*d), *g))),
        }
    }

    #[test]
    fn the_weakest_come_first_and_the_size_is_kept() {
        use Grade::*;
        let qs = vec![
            q("a.md", 0, &[(1, Remembered), (4, Remembered), (11, Remembered)]),
            q("a.md", 1, &[(1, Remembered), (4, Forgot)]),
            q("b.md", 0, &[(1, Unsure)]),
            q("b.md", 1, &[]),
            q("c.md", 0, &[(20, Unsure)]),
        ];
        let now = at(20);
        let w = weakest(&qs, now, Size::Questions(10), Pace::default());
        let names: Vec<(&str, usize)> = w.iter().map(|q| (q.note.as_str(), q.index)).collect();
        // Never answered: not weak. Answered well and recently: not weak. Just graded 헷갈림:
        // weak although recall is still high.
        assert_eq!(names, [("b.md", 0), ("a.md", 1), ("c.md", 0)]);
        assert_eq!(weakest(&qs, now, Size::Questions(2), Pace::default()).len(), 2);
        // One minute at 30 s an answer: two questions.
        assert_eq!(weakest(&qs, now, Size::Minutes(1.0), Pace::default()).len(), 2);
        assert_eq!(weakest(&qs, now, Size::Minutes(0.1), Pace::default()).len(), 1);
    }
}
