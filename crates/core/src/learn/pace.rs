//! How long reviews take: from the measured times of the user's answers and reviews, or a
//! default until there are enough of them, the minutes a note's review takes and so the minutes
//! of a day's reviews ("오늘 복습 약 35분").

/// Seconds an answer takes before there is history: reading the question, recalling, checking.
pub const DEFAULT_ANSWER_SECONDS: f64 = 30.0;
/// Seconds spent on a note beyond its questions before there is history: reading it over.
pub const DEFAULT_READING_SECONDS: f64 = 60.0;
/// Answers measured before their median replaces the default.
const ENOUGH_ANSWERS: usize = 5;
/// Reviews measured before their median replaces the default.
const ENOUGH_REVIEWS: usize = 3;
/// The longest an answer or a review counts for: the user left the window open.
const LONGEST_SECONDS: f64 = 15.0 * 60.0;

/// The user's pace.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pace {
    /// Seconds per answered question.
    pub answer: f64,
    /// Seconds per note beyond its questions.
    pub reading: f64,
}

impl Default for Pace {
    fn default() -> Pace {
        Pace { answer: DEFAULT_ANSWER_SECONDS, reading: DEFAULT_READING_SECONDS }
    }
}

fn median(mut xs: Vec<f64>) -> Option<f64> {
    xs.retain(|x| x.is_finite());
    if xs.is_empty() {
        return None;
    }
    xs.sort_by(f64::total_cmp);
    let mid = xs.len() / 2;
    Some(if xs.len().is_multiple_of(2) { (xs[mid - 1] + xs[mid]) / 2.0 } else { xs[mid] })
}

impl Pace {
    /// The pace measured from answer times (milliseconds) and reviews (seconds on the note, with
    /// the number of questions graded): medians, so a review left open over lunch does not count.
    pub fn measured(answer_ms: &[u32], reviews: &[(u32, usize)]) -> Pace {
        let answers: Vec<f64> =
            answer_ms.iter().map(|ms| f64::from(*ms) / 1000.0).filter(|s| *s > 0.0 && *s <= LONGEST_SECONDS).collect();
        let answer =
            if answers.len() >= ENOUGH_ANSWERS { median(answers) } else { None }.unwrap_or(DEFAULT_ANSWER_SECONDS);
        let readings: Vec<f64> = reviews
            .iter()
            .filter(|(s, _)| *s > 0 && f64::from(*s) <= LONGEST_SECONDS)
            .map(|(s, cues)| (f64::from(*s) - answer * *cues as f64).max(0.0))
            .collect();
        let reading =
            if readings.len() >= ENOUGH_REVIEWS { median(readings) } else { None }.unwrap_or(DEFAULT_READING_SECONDS);
        Pace { answer, reading }
    }

    /// The minutes a note with `questions` cue questions takes.
    pub fn minutes(&self, questions: usize) -> f64 {
        (self.reading + self.answer * questions as f64) / 60.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_until_there_is_history_then_medians() {
        let none = Pace::measured(&[], &[]);
        assert_eq!(none, Pace::default());
        assert_eq!(none.minutes(5), 3.5);
        let few = Pace::measured(&[10_000, 12_000], &[]);
        assert_eq!(few.answer, DEFAULT_ANSWER_SECONDS, "two answers are not enough");
        // Five answers, one left open for an hour (not counted).
        let pace = Pace::measured(&[10_000, 12_000, 14_000, 16_000, 3_600_000, 8_000], &[(100, 5), (70, 3), (3000, 2)]);
        assert_eq!(pace.answer, 12.0);
        // Reviews: 100 − 60 = 40, 70 − 36 = 34; the 3,000 s one is not counted: two, not enough.
        assert_eq!(pace.reading, DEFAULT_READING_SECONDS);
        let pace = Pace::measured(&[12_000; 5], &[(100, 5), (70, 3), (50, 1)]);
        assert_eq!(pace.reading, 38.0);
        assert!((pace.minutes(4) - (38.0 + 48.0) / 60.0).abs() < 1e-9);
    }
}
