//! A study note as the app understands it: its identity, the template's review keys and its cue
//! questions, read from the frontmatter and body of one Markdown file.

use crate::date::find_date;
use crate::error::Result;
use crate::frontmatter::{self, flat, Fields};
use crate::schedule::Flags;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_yaml::{Number, Value};
use std::borrow::Cow;
use ts_rs::TS;

/// The template's frontmatter keys that the engine reads, spelled exactly as in the template.
pub mod keys {
    /// Day 0, the first study date.
    pub const FIRST_STUDY: &str = "⭕첫 학습날";
    /// Subject.
    pub const SUBJECT: &str = "⭕과목";
    /// Textbook.
    pub const TEXTBOOK: &str = "⭕교재";
    /// D1 flag.
    pub const D1: &str = "❤1일복습여부";
    /// D4 flag.
    pub const D4: &str = "🧡4일복습여부";
    /// D7 flag.
    pub const D7: &str = "💛7일복습여부";
    /// D14 flag.
    pub const D14: &str = "💚14일복습여부";
    /// Long-term memory flag.
    pub const LONG_TERM: &str = "🧠장기기억";
    /// The latest review date, added by the app.
    pub const LAST_REVIEW: &str = "🔁마지막복습";
    /// The five flag keys; having any of them makes a review note.
    pub const FLAGS: [&str; 5] = [D1, D4, D7, D14, LONG_TERM];
    /// Day-0 sources after `⭕첫 학습날`, in order, with the days to subtract (section 1.3).
    pub const DAY0_FALLBACKS: [(&str, u64); 11] = [
        ("첫학습날text", 0),
        ("🛑첫날", 0),
        ("4일후(text)", 4),
        ("4일후", 4),
        ("🛑4일후", 4),
        ("7일후(text)", 7),
        ("7일후", 7),
        ("🛑7일후", 7),
        ("14일후(text)", 14),
        ("14일후", 14),
        ("🛑14일후", 14),
    ];
}

/// Whether a note takes part in the review schedule (section 1.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Kind {
    /// The frontmatter has at least one of the five flag keys.
    Review,
    /// Any other note: no frontmatter, other keys only, or an empty file.
    Plain,
}

/// A cue question from the `단서 질문` section and the answer written beneath it, as a note's
/// [`Cues`] hold them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Cue<'a> {
    /// The question: the text of a top-level bullet.
    pub question: &'a str,
    /// The indented Markdown beneath the bullet, dedented; empty when there is none.
    pub answer: &'a str,
}

/// A note's cue questions with their answers, in order: all their text in one buffer, so that a
/// note costs two allocations for its cues rather than two for each (a warm start builds 10,000
/// notes from their index rows, and allocating was a fifth of it).
///
/// A note a scan takes from its index row has its cues counted but not read ([`Cues::is_read`] is
/// false): the row holds their number alone (see [`crate::row`]), which is all the screens that
/// list notes show. What needs their text reads it from the note's file through
/// [`crate::index::with_cues`].
#[derive(Clone, Default)]
pub struct Cues {
    /// Every question, then its answer, one after another.
    text: String,
    /// Where each question and each answer ends in `text`: two ends per cue.
    ends: Vec<usize>,
    /// How many cues there are whose text was not read (then `text` is empty).
    unread: usize,
}

/// Cues are equal when their texts are, or, when either was not read, when there are as many: a note taken from its row and the same note read again from its file are the
/// same note to everything that compares them (the scan's "has anything shown changed").
impl PartialEq for Cues {
    fn eq(&self, other: &Cues) -> bool {
        if self.is_read() && other.is_read() {
            self.text == other.text && self.ends == other.ends
        } else {
            self.len() == other.len()
        }
    }
}

impl Eq for Cues {}

impl Cues {
    /// `count` cues whose text was not read.
    pub(crate) fn unread(count: usize) -> Cues {
        Cues { unread: count, ..Cues::default() }
    }

    /// Whether the cues' text is here: always, but for a note a scan took from its index row.
    pub fn is_read(&self) -> bool {
        self.unread == 0
    }

    /// Adds a cue after the others.
    pub fn push(&mut self, question: &str, answer: &str) {
        self.push_with(question, |text| text.push_str(answer));
    }

    /// Adds a cue whose answer `answer` writes at the end of the text (the parser dedents it
    /// there, with no string of its own).
    fn push_with(&mut self, question: &str, answer: impl FnOnce(&mut String)) {
        self.text.push_str(question);
        self.ends.push(self.text.len());
        answer(&mut self.text);
        self.ends.push(self.text.len());
    }

    /// How many cues there are, read or not.
    pub fn len(&self) -> usize {
        self.ends.len() / 2 + self.unread
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`-th cue (from 0); `None` for cues not read (see [`Cues::is_read`]).
    pub fn get(&self, i: usize) -> Option<Cue<'_>> {
        let start = if i == 0 { 0 } else { *self.ends.get(2 * i - 1)? };
        let (question, answer) = (*self.ends.get(2 * i)?, *self.ends.get(2 * i + 1)?);
        Some(Cue { question: &self.text[start..question], answer: &self.text[question..answer] })
    }

    /// Every cue read, in order: none if their text was not read.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Cue<'_>> + '_ {
        (0..self.ends.len() / 2).map(|i| self.get(i).expect("a cue within the count"))
    }
}

impl std::fmt::Debug for Cues {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_read() {
            f.debug_list().entries(self.iter()).finish()
        } else {
            write!(f, "{} cues in the index", self.unread)
        }
    }
}

impl Serialize for Cues {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'a> FromIterator<Cue<'a>> for Cues {
    fn from_iter<I: IntoIterator<Item = Cue<'a>>>(cues: I) -> Cues {
        let mut all = Cues::default();
        for cue in cues {
            all.push(cue.question, cue.answer);
        }
        all
    }
}

/// One note of the vault, read and typed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Note {
    /// Path relative to the vault, `/`-separated.
    pub path: String,
    /// The file name without `.md`.
    pub title: String,
    /// Review or plain note.
    pub kind: Kind,
    /// `⭕과목`.
    pub subject: Option<String>,
    /// `⭕교재`.
    pub textbook: Option<String>,
    /// The five flags; all false for a plain note.
    pub flags: Flags,
    /// The first study date, from the first key of section 1.3 that holds a date.
    pub day0: Option<NaiveDate>,
    /// `🔁마지막복습`, the latest review.
    pub last_review: Option<NaiveDate>,
    /// The cue questions, in order.
    pub cues: Cues,
}

impl Note {
    /// Reads a note from its raw bytes. Errors are the file's problems (encoding, frontmatter):
    /// the caller reports them with the path.
    pub fn parse(path: &str, bytes: &[u8]) -> Result<Note> {
        let text = frontmatter::decode(bytes)?;
        let split = frontmatter::split(text)?;
        let fields = split.fields()?;
        Ok(Note::from_parts(path, &fields, split.body))
    }

    /// Builds a note from its frontmatter and its body text.
    pub fn from_parts(path: &str, fields: &Fields<'_>, body: &str) -> Note {
        let [d1, d4, d7, d14, long_term, subject, textbook, last_review, ref day0 @ ..] = found(fields);
        let is_review = [&d1, &d4, &d7, &d14, &long_term].iter().any(|slot| slot.is_some());
        let yes = |slot: &Option<Read<'_>>| slot.as_ref().is_some_and(|read| read.yes);
        let flags = Flags { d1: yes(&d1), d4: yes(&d4), d7: yes(&d7), d14: yes(&d14), long_term: yes(&long_term) };
        let title = path.rsplit('/').next().unwrap_or(path);
        let title = title.strip_suffix(".md").unwrap_or(title).to_string();
        Note {
            path: path.to_string(),
            title,
            kind: if is_review { Kind::Review } else { Kind::Plain },
            subject: subject.and_then(|read| read.text).map(Cow::into_owned),
            textbook: textbook.and_then(|read| read.text).map(Cow::into_owned),
            flags,
            day0: if is_review { first_day(day0) } else { None },
            last_review: last_review.and_then(|read| find_date(read.text.as_deref()?)),
            cues: if is_review { cues(body) } else { Cues::default() },
        }
    }
}

/// The frontmatter keys a note is read from, each once: the five flags, subject, textbook, the
/// latest review, then the day-0 sources in their order (section 1.3).
const READ: [&str; 20] = {
    let middle = [keys::SUBJECT, keys::TEXTBOOK, keys::LAST_REVIEW, keys::FIRST_STUDY];
    let mut read = [""; 20];
    let mut i = 0;
    while i < read.len() {
        read[i] = match i {
            0..5 => keys::FLAGS[i],
            5..9 => middle[i - 5],
            _ => keys::DAY0_FALLBACKS[i - 9].0,
        };
        i += 1;
    }
    read
};

/// What a note takes from one frontmatter value.
#[derive(Debug, Clone, PartialEq)]
struct Read<'a> {
    /// The value is YAML's `true` (a quoted "true" is not).
    yes: bool,
    /// A scalar value as text, trimmed; `None` for null, a list, a map or blank text.
    text: Option<Cow<'a, str>>,
}

/// The value of each key in [`READ`], where the note has it.
fn found<'a>(fields: &Fields<'a>) -> [Option<Read<'a>>; 20] {
    let mut found: [Option<Read<'a>>; 20] = Default::default();
    match fields {
        // One pass over the note's keys: nearly every note comes this way.
        Fields::Flat(flat) => {
            for (key, field) in &flat.entries {
                if let Some(i) = READ.iter().position(|wanted| wanted == key) {
                    found[i] = Some(match *field {
                        flat::Field::Scalar(scalar) => read_scalar(scalar),
                        flat::Field::List { .. } => Read { yes: false, text: None },
                    });
                }
            }
        }
        Fields::Yaml(map) => {
            for (slot, key) in found.iter_mut().zip(READ) {
                *slot = map.get(key).map(|value| Read {
                    yes: matches!(value, Value::Bool(true)),
                    text: scalar_text(value).map(Cow::Owned),
                });
            }
        }
    }
    found
}

/// A flat scalar as [`scalar_text`] reads serde_yaml's value of it.
fn read_scalar(scalar: flat::Scalar<'_>) -> Read<'_> {
    let text = match scalar {
        flat::Scalar::Null => None,
        flat::Scalar::Bool(b) => Some(Cow::Borrowed(if b { "true" } else { "false" })),
        flat::Scalar::Int(n) => Some(Cow::Owned(n.to_string())),
        flat::Scalar::Float(f) => Some(Cow::Owned(Number::from(f).to_string())),
        flat::Scalar::Str(s) => Some(Cow::Borrowed(s.trim())).filter(|s| !s.is_empty()),
    };
    Read { yes: scalar == flat::Scalar::Bool(true), text }
}

/// Day 0 by section 1.3: the first source, in order, whose value holds a valid date.
fn first_day(sources: &[Option<Read<'_>>]) -> Option<NaiveDate> {
    let offsets = std::iter::once(0).chain(keys::DAY0_FALLBACKS.iter().map(|(_, days)| *days));
    sources.iter().zip(offsets).find_map(|(source, offset)| {
        let date = find_date(source.as_ref()?.text.as_deref()?)?;
        date.checked_sub_days(chrono::Days::new(offset))
    })
}

/// A scalar frontmatter value as text; lists, maps and null give `None`, blank text too.
fn scalar_text(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Tagged(t) => return scalar_text(&t.value),
        Value::Null | Value::Sequence(_) | Value::Mapping(_) => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// The cue questions under the first heading (`#` to `######`) that contains `단서 질문`.
///
/// A question is a top-level bullet (`-`, `*` or `+`); its answer is every following line until
/// the next top-level bullet or heading, dedented, without blank lines around it. Empty bullets
/// are not questions. Lines inside fenced code blocks are never taken for bullets or headings.
pub fn cues(body: &str) -> Cues {
    let mut lines = body.lines().map(|l| l.strip_suffix('\r').unwrap_or(l));
    if !lines.by_ref().any(|l| heading_level(l).is_some() && l.contains("단서 질문")) {
        return Cues::default();
    }
    // Every answer's lines, one after another, and each question with where its lines start:
    // two allocations for the section instead of one per question, and the cues' two.
    let mut lines_of_answers: Vec<&str> = Vec::new();
    let mut questions: Vec<(&str, usize)> = Vec::new();
    let mut fence: Option<&str> = None;
    for line in lines {
        if fence.is_none() && heading_level(line).is_some() {
            break;
        }
        let trimmed = line.trim_start();
        let top_level_bullet = fence.is_none() && !line.starts_with([' ', '\t']);
        let question = if top_level_bullet { bullet_text(line) } else { None };
        for marker in ["```", "~~~"] {
            if trimmed.starts_with(marker) {
                fence = match fence {
                    Some(open) if open == marker => None,
                    None => Some(marker),
                    other => other,
                };
            }
        }
        match question {
            Some(q) => questions.push((q, lines_of_answers.len())),
            None if !questions.is_empty() => lines_of_answers.push(line),
            None => {}
        }
    }
    let ends = questions.iter().skip(1).map(|(_, start)| *start).chain([lines_of_answers.len()]);
    let mut cues = Cues::default();
    for ((question, start), end) in questions.iter().zip(ends) {
        if !question.is_empty() {
            cues.push_with(question, |text| dedent_into(text, &lines_of_answers[*start..end]));
        }
    }
    cues
}

fn heading_level(line: &str) -> Option<usize> {
    let hashes = line.bytes().take_while(|b| *b == b'#').count();
    let after = &line[hashes..];
    ((1..=6).contains(&hashes) && (after.is_empty() || after.starts_with([' ', '\t']))).then_some(hashes)
}

fn bullet_text(line: &str) -> Option<&str> {
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = line.strip_prefix(marker) {
            return Some(rest.trim());
        }
    }
    matches!(line, "-" | "*" | "+").then_some("")
}

/// Removes the common indentation and the blank lines at both ends.
/// Appends `lines` to `out` without the blank lines around them and their common indent.
fn dedent_into(out: &mut String, lines: &[&str]) {
    let blank = |l: &&str| l.trim().is_empty();
    let start = lines.iter().position(|l| !blank(l)).unwrap_or(lines.len());
    let end = lines.iter().rposition(|l| !blank(l)).map_or(start, |i| i + 1);
    let lines = &lines[start..end];
    let indent = lines
        .iter()
        .filter(|l| !blank(l))
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    out.reserve(lines.iter().map(|l| l.len() + 1).sum());
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if !blank(line) {
            out.push_str(line[indent..].trim_end());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../../../tests/fixtures/variations/AMI.md");

    fn note(text: &str) -> Note {
        Note::parse("과목/노트.md", text.as_bytes()).unwrap()
    }

    fn d(s: &str) -> Option<NaiveDate> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn seed_note() {
        let n = Note::parse("AWS/AMI.md", SEED.as_bytes()).unwrap();
        assert_eq!(n.title, "AMI");
        assert_eq!(n.kind, Kind::Review);
        assert_eq!(n.subject.as_deref(), Some("AWS"));
        assert_eq!(n.textbook.as_deref(), Some("Ultimate AWS Certified SysOps Administrator Associate 2024"));
        assert_eq!(n.day0, d("2024-08-25"));
        assert!(n.flags.d1 && n.flags.d4 && n.flags.d7 && n.flags.d14 && n.flags.long_term);
        let questions: Vec<_> = n.cues.iter().map(|c| c.question).collect();
        assert_eq!(
            questions,
            [
                "AMI가 뭐야?",
                "인스턴스를 다른 AZ로 옮기는 방법",
                "AMI를 백업하는 방법",
                "EC2 Image Builder란?",
                "EC2 Image Builder의 동작 방식"
            ]
        );
        assert_eq!(
            n.cues.get(0).unwrap().answer,
            "- Amazon Machine Image로 패키지가 이미 세팅(pre-packed)되었으므로 부팅 속도와 설정 속도가 빠릅니다."
        );
        assert_eq!(
            n.cues.get(1).unwrap().answer,
            "인스턴스로부터 AMI를 새로 만들고 인스턴스를 중단한 후에 이전한 AZ에 AMI를 사용하여 인스턴스를 생성한다."
        );
        assert_eq!(n.cues.get(2).unwrap().answer, "1. AWS Backup을 사용\n2. EventBridge를 통해서 AWS Lambda를 트리거 → AWS Lambda가 AMI 이미지 백업 호출 → 백업 시작");
    }

    #[test]
    fn day0_fallback_order() {
        let fm = |yaml: &str| note(&format!("---\n❤1일복습여부: false\n{yaml}---\n")).day0;
        assert_eq!(fm("⭕첫 학습날: 2024-08-25\n첫학습날text: 2024/01/01\n"), d("2024-08-25"));
        assert_eq!(fm("⭕첫 학습날: 2024/08/25\n"), d("2024-08-25"));
        assert_eq!(fm("⭕첫 학습날: 2024.08.25\n"), d("2024-08-25"));
        assert_eq!(fm("⭕첫 학습날:\n첫학습날text: 2024/08/25\n"), d("2024-08-25"));
        assert_eq!(fm("🛑첫날: \"✏첫날 : 2024/08/25\"\n"), d("2024-08-25"));
        assert_eq!(fm("🛑첫날: \"✏첫날 :\"\n4일후(text): 2024/08/29\n"), d("2024-08-25"));
        assert_eq!(fm("4일후: \"@2024년 8월 29일\"\n"), d("2024-08-25"));
        assert_eq!(fm("🛑4일후: \"🥉4일뒤 : 2024/08/29\"\n"), d("2024-08-25"));
        assert_eq!(fm("7일후(text): 2024/09/01\n"), d("2024-08-25"));
        assert_eq!(fm("🛑7일후: \"🥈7일뒤 : 2024/09/01\"\n"), d("2024-08-25"));
        assert_eq!(fm("14일후: \"@2024년 9월 8일\"\n"), d("2024-08-25"));
        assert_eq!(fm("🛑14일후: \"🥇14일뒤 : 2024/09/08\"\n"), d("2024-08-25"));
        assert_eq!(fm("🛑첫날: \"✏첫날 :\"\n"), None);
        assert_eq!(fm(""), None);
    }

    #[test]
    fn review_note_needs_a_flag_key() {
        assert_eq!(note("---\n🧠장기기억:\n---\n").kind, Kind::Review);
        assert_eq!(note("---\n⭕첫 학습날: 2024-08-25\n⭕과목: AWS\n---\n").kind, Kind::Plain);
        assert_eq!(note("").kind, Kind::Plain);
        assert_eq!(note("# 그냥 노트\n").kind, Kind::Plain);
    }

    #[test]
    fn only_true_booleans_are_done() {
        let n = note("---\n❤1일복습여부: true\n🧡4일복습여부: \"true\"\n💛7일복습여부: 1\n💚14일복습여부:\n---\n");
        assert_eq!(n.flags, Flags { d1: true, ..Flags::default() });
    }

    #[test]
    fn cues_keep_their_text_in_one_buffer() {
        let mut cues = Cues::default();
        cues.push("윈도우란?", "받을 수 있는 양");
        cues.push("왜?", "");
        assert_eq!(cues.len(), 2);
        assert_eq!(cues.get(1), Some(Cue { question: "왜?", answer: "" }));
        assert_eq!(cues.get(2), None);
        assert_eq!(cues.text, "윈도우란?받을 수 있는 양왜?", "one buffer");
        assert_eq!(
            format!("{cues:?}"),
            r#"[Cue { question: "윈도우란?", answer: "받을 수 있는 양" }, Cue { question: "왜?", answer: "" }]"#
        );
    }

    #[test]
    fn cues_under_any_heading_level() {
        for h in ["#", "##", "###"] {
            let n = note(&format!(
                "---\n❤1일복습여부: false\n---\n{h} 단서 질문\n- 질문?\n    답\n{h} 핵심 필기\n- 아님\n"
            ));
            assert_eq!(n.cues.iter().collect::<Vec<_>>(), [Cue { question: "질문?", answer: "답" }], "{h}");
        }
    }

    #[test]
    fn cue_answers_nested_empty_and_crlf() {
        let body = "### 단서 질문\r\n\r\n- 하나\r\n    - 가\r\n        - 나\r\n- 둘\r\n- \r\n* 셋\r\n    \r\n    문단\r\n    \r\n### 다음\r\n";
        let c = cues(body);
        assert_eq!(c.len(), 3);
        assert_eq!(c.get(0), Some(Cue { question: "하나", answer: "- 가\n    - 나" }));
        assert_eq!(c.get(1), Some(Cue { question: "둘", answer: "" }));
        assert_eq!(c.get(2), Some(Cue { question: "셋", answer: "문단" }));
    }

    #[test]
    fn code_fences_do_not_end_the_section() {
        let body = "## 단서 질문\n- 코드는?\n    ```\n# not a heading\n- not a bullet\n    ```\n- 다음\n";
        let c = cues(body);
        assert_eq!(c.len(), 2);
        assert!(c.get(0).unwrap().answer.contains("# not a heading"));
    }

    #[test]
    fn no_cue_section() {
        assert!(cues("### 핵심 필기\n- a\n").is_empty());
        assert!(cues("").is_empty());
    }

    #[test]
    fn last_review_and_subject_numbers() {
        let n = note("---\n❤1일복습여부: true\n⭕과목: 2024\n🔁마지막복습: 2024-09-30\n---\n");
        assert_eq!(n.subject.as_deref(), Some("2024"));
        assert_eq!(n.last_review, d("2024-09-30"));
    }
}
