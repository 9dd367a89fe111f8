//! Which question is which: a cue question keeps its history while its text changes a little
//! (a typo fixed, a word added), while the questions are reordered, and while the note is renamed
//! or moved (answers follow the note, see [`crate::answer::Moved`]). A question deleted from the
//! note matches nothing and stops appearing; a new question starts fresh.
//!
//! Identity is worked out from the texts alone, the same way on every device, so nothing needs
//! storing: the answers of a note name the question's text as it was then, and each text is
//! linked to today's question it is, if any.

use chrono::NaiveDateTime;
use std::collections::HashMap;

/// How alike two texts must be (Dice coefficient of their character pairs, 0–1) to be one
/// question. Korean questions are short: one syllable changed in "AMI가 뭐야?" ("AMI란 뭐야?")
/// gives 0.6, while "AMI가 뭐야?" and "EBS가 뭐야?", two questions, are 0.4.
pub const SAME: f64 = 0.55;

/// A question's text without what does not change its meaning: case, spaces, punctuation.
pub fn normalize(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// How alike two questions read, from 0 (nothing shared) to 1 (the same once normalized).
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (normalize(a), normalize(b));
    if a == b {
        return 1.0;
    }
    let pairs = |s: &str| {
        let chars: Vec<char> = s.chars().collect();
        let mut counts: HashMap<(char, char), usize> = HashMap::new();
        for w in chars.windows(2) {
            *counts.entry((w[0], w[1])).or_default() += 1;
        }
        counts
    };
    let (pa, pb) = (pairs(&a), pairs(&b));
    let total: usize = pa.values().sum::<usize>() + pb.values().sum::<usize>();
    if total == 0 {
        return 0.0;
    }
    let shared: usize = pa.iter().map(|(k, n)| (*n).min(pb.get(k).copied().unwrap_or(0))).sum();
    2.0 * shared as f64 / total as f64
}

/// For each text a note's questions had in the past (with when it was last answered), the index
/// of today's question it is. Texts that are today's exactly (once normalized) link first; the
/// others, newest first, link to the question they are most like, also through older wordings
/// already linked to it (a question edited twice), if that is at least [`SAME`].
pub fn link(current: &[&str], past: &[(&str, NaiveDateTime)]) -> HashMap<String, usize> {
    let now_norm: Vec<String> = current.iter().map(|q| normalize(q)).collect();
    let mut linked: HashMap<String, usize> = HashMap::new();
    let mut wordings: Vec<Vec<String>> = current.iter().map(|q| vec![q.to_string()]).collect();
    let mut rest: Vec<(&str, NaiveDateTime)> = Vec::new();
    for &(text, at) in past {
        if linked.contains_key(text) {
            continue;
        }
        match now_norm.iter().position(|n| *n == normalize(text)) {
            Some(i) => {
                linked.insert(text.to_string(), i);
            }
            None => rest.push((text, at)),
        }
    }
    rest.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    rest.dedup_by(|a, b| a.0 == b.0);
    for (text, _) in rest {
        let best = wordings
            .iter()
            .enumerate()
            .map(|(i, ws)| (i, ws.iter().map(|w| similarity(text, w)).fold(0.0, f64::max)))
            .filter(|(_, s)| *s >= SAME)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        if let Some((i, _)) = best {
            linked.insert(text.to_string(), i);
            wordings[i].push(text.to_string());
        }
    }
    linked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2024, 10, day).unwrap().and_hms_opt(9, 0, 0).unwrap()
    }

    /// The cue questions of the sample note (../shared/seed/AMI.md), as first written.
    const V1: [&str; 5] = [
        "AMI가 뭐야?",
        "인스턴스를 다른 AZ로 옮기는 방법",
        "AMI를 백업하는 방법",
        "EC2 Image Builder란?",
        "EC2 Image Builder의 동작 방식",
    ];

    fn past(texts: &[&'static str], day: u32) -> Vec<(&'static str, NaiveDateTime)> {
        texts.iter().map(|t| (*t, at(day))).collect()
    }

    #[test]
    fn unchanged_and_reordered_questions_keep_their_history() {
        let now = [V1[4], V1[0], V1[3], V1[1], V1[2]];
        let l = link(&now, &past(&V1, 1));
        assert_eq!(l[V1[0]], 1);
        assert_eq!(l[V1[4]], 0);
        assert_eq!(l.len(), 5);
    }

    #[test]
    fn small_edits_keep_history_even_when_edited_twice() {
        let v2 = ["AMI란 뭐야?", V1[1], "AMI를 백업하는 방법은?", V1[3], "EC2 Image Builder 동작 방식"];
        let v3 = ["AMI란 뭘까?", V1[1], "AMI를 백업하는 방법은?", V1[3], "EC2 Image Builder 동작 방식"];
        let mut history = past(&V1, 1);
        history.extend(past(&v2, 5));
        let l = link(&v3, &history);
        // "AMI가 뭐야?" → "AMI란 뭐야?" → "AMI란 뭘까?": the first is too far from the last
        // (0.4), and is linked through the middle wording.
        assert!(similarity("AMI가 뭐야?", "AMI란 뭘까?") < SAME);
        assert_eq!(l.get("AMI란 뭐야?"), Some(&0));
        assert_eq!(l.get("AMI가 뭐야?"), Some(&0));
        assert_eq!(l.get("AMI를 백업하는 방법"), Some(&2));
        assert_eq!(l.get("EC2 Image Builder의 동작 방식"), Some(&4));
        assert_eq!(l.get(V1[3]), Some(&3), "not taken by its longer neighbour");
    }

    #[test]
    fn deleted_questions_link_to_nothing_and_new_ones_start_fresh() {
        let now = [V1[0], V1[1], "S3 스토리지 클래스는 몇 가지?"];
        let l = link(&now, &past(&V1, 1));
        assert_eq!(l.get(V1[2]), None);
        assert_eq!(l.get(V1[3]), None);
        assert_eq!(l.get(V1[4]), None);
        assert!(!l.values().any(|&i| i == 2), "the new question has no past");
    }

    #[test]
    fn questions_that_only_look_alike_stay_apart() {
        assert!(similarity("AMI가 뭐야?", "EBS가 뭐야?") < SAME);
        assert!(similarity("AMI가 뭐야?", "AMI란 뭐야?") >= SAME);
        assert_eq!(similarity(" ami 가 뭐야 ", "AMI가 뭐야?"), 1.0);
        let l = link(&["EBS가 뭐야?"], &past(&["AMI가 뭐야?"], 1));
        assert!(l.is_empty());
    }
}
