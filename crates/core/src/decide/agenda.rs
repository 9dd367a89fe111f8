//! Today's agenda: every note of a scan with its schedule computed for one day, grouped as the
//! home screen and the `due` command show them. These are the types that cross IPC.

use crate::note::{Kind, Note};
use crate::schedule::{review_state, Flags, ReviewState, Status, Step};
use crate::vault::{Issue, Scan};
use chrono::NaiveDate;
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// How many notes of each group a page holds ([`Agenda::first_page`]): more than home shows of
/// any group. The window, the benchmark and the UI's in-memory backend take the same number.
pub const PAGE_ROWS: usize = 100;

/// One note as shown on a card or printed by `bokseup scan --json`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct NoteSummary {
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
    /// First study date (`YYYY-MM-DD`); `null` for plain and not-started notes.
    pub day0: Option<NaiveDate>,
    /// `null` for plain notes.
    pub status: Option<Status>,
    /// The next step; `null` for plain, not-started and long-term notes.
    pub step: Option<Step>,
    /// The five flags as the note has them; `null` for plain notes. A review carries them back
    /// (with the step) so the backend can tell whether the note moved since.
    pub flags: Option<Flags>,
    /// The computed `복습` label; `null` for plain and not-started notes.
    pub stage: Option<&'static str>,
    /// When the next step is due; `null` when nothing is scheduled.
    pub next_due: Option<NaiveDate>,
    /// Days since day 0; `null` when there is no day 0.
    #[ts(type = "number | null")]
    pub days_since: Option<i64>,
    /// Days the next step is late; 0 unless overdue.
    #[ts(type = "number")]
    pub days_late: i64,
    /// Done steps out of five, 0.0 to 1.0; `null` for plain notes.
    pub progress: Option<f64>,
    /// The template's `진행바` for that progress; `null` for plain notes.
    pub progress_bar: Option<&'static str>,
    /// The number of cue questions.
    pub cues: usize,
}

impl NoteSummary {
    /// Computes a note's schedule on `today`.
    pub fn new(note: &Note, today: NaiveDate) -> NoteSummary {
        let state = (note.kind == Kind::Review).then(|| review_state(note.flags, note.day0, note.last_review, today));
        NoteSummary::with(note, state)
    }

    /// A note's summary with its schedule `state` (`None` for a plain note).
    fn with(note: &Note, state: Option<ReviewState>) -> NoteSummary {
        let mut summary = NoteSummary {
            path: note.path.clone(),
            title: note.title.clone(),
            kind: note.kind,
            subject: note.subject.clone(),
            textbook: note.textbook.clone(),
            day0: None,
            status: None,
            step: None,
            flags: None,
            stage: None,
            next_due: None,
            days_since: None,
            days_late: 0,
            progress: None,
            progress_bar: None,
            cues: note.cues.len(),
        };
        if let Some(state) = state {
            summary.day0 = note.day0;
            summary.status = Some(state.status);
            summary.step = state.step;
            summary.flags = Some(note.flags);
            summary.stage = state.stage;
            summary.next_due = state.next_due;
            summary.days_since = state.days_since;
            summary.days_late = state.days_late;
            summary.progress = Some(state.progress);
            summary.progress_bar = Some(note.flags.bar());
        }
        summary
    }
}

/// How many notes are in each group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Counts {
    /// Late reviews.
    pub overdue: usize,
    /// Reviews due today.
    pub due: usize,
    /// Reviews due later.
    pub upcoming: usize,
    /// Review notes without a first study date.
    pub not_started: usize,
    /// Notes in long-term memory.
    pub long_term: usize,
    /// Notes outside the schedule.
    pub plain: usize,
    /// Files that could not be read.
    pub issues: usize,
}

/// The notes of a vault on one day, grouped and ordered for the home screen.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Agenda {
    /// The day everything was computed for.
    pub today: NaiveDate,
    /// Today's reviews: overdue first (oldest due date first), then due today; by title within.
    pub today_reviews: Vec<NoteSummary>,
    /// Reviews due after today, soonest first.
    pub upcoming: Vec<NoteSummary>,
    /// Review notes not started yet, by path.
    pub not_started: Vec<NoteSummary>,
    /// Notes in long-term memory, by path.
    pub long_term: Vec<NoteSummary>,
    /// Plain notes, by path.
    pub plain: Vec<NoteSummary>,
    /// Files that could not be read, by path.
    pub issues: Vec<Issue>,
    /// The size of each group.
    pub counts: Counts,
}

impl Agenda {
    /// Groups a scan's notes for `today`.
    pub fn new(scan: &Scan, today: NaiveDate) -> Agenda {
        // Each note's schedule and group first, its place in the group sorted as an index, then
        // each summary built once where it goes: a summary is large, and building them into
        // groups before sorting moved each of 10,000 a dozen times.
        let notes = &scan.notes;
        let mut counts = Counts { issues: scan.issues.len(), ..Counts::default() };
        let states: Vec<Option<ReviewState>> = notes
            .iter()
            .map(|n| (n.kind == Kind::Review).then(|| review_state(n.flags, n.day0, n.last_review, today)))
            .collect();
        // Today's reviews, upcoming, not started, long-term, plain.
        let mut groups: [Vec<usize>; 5] = Default::default();
        for (i, state) in states.iter().enumerate() {
            let (count, group) = match state.as_ref().map(|s| s.status) {
                None => (&mut counts.plain, 4),
                Some(Status::Overdue) => (&mut counts.overdue, 0),
                Some(Status::Due) => (&mut counts.due, 0),
                Some(Status::Upcoming) => (&mut counts.upcoming, 1),
                Some(Status::NotStarted) => (&mut counts.not_started, 2),
                Some(Status::LongTerm) => (&mut counts.long_term, 3),
            };
            *count += 1;
            groups[group].push(i);
        }
        let due = |i: usize| states[i].as_ref().and_then(|s| s.next_due);
        // Paths are unique, so the order is total and an unstable sort gives the stable one's.
        let by_due = |a: &usize, b: &usize| {
            (due(*a), &notes[*a].title, &notes[*a].path).cmp(&(due(*b), &notes[*b].title, &notes[*b].path))
        };
        groups[0].sort_unstable_by(by_due);
        groups[1].sort_unstable_by(by_due);
        let [today_reviews, upcoming, not_started, long_term, plain] =
            groups.map(|g| g.into_iter().map(|i| NoteSummary::with(&notes[i], states[i].clone())).collect());
        Agenda { today, today_reviews, upcoming, not_started, long_term, plain, issues: scan.issues.clone(), counts }
    }

    /// Brings the agenda up to date with one note changed in place: `path`'s rows (its summary, or
    /// its issue) leave and `now` (a note, or why it cannot be read) takes its place. Only that
    /// note's rows move; the other notes are not regrouped.
    pub fn replace(&mut self, path: &str, now: Result<&Note, &Issue>) {
        self.remove(path);
        match now {
            Ok(note) => self.insert(NoteSummary::new(note, self.today)),
            Err(issue) => {
                let at = self.issues.partition_point(|i| i.path.as_str() < issue.path.as_str());
                self.issues.insert(at, issue.clone());
                self.counts.issues += 1;
            }
        }
    }

    fn remove(&mut self, path: &str) {
        if let Ok(i) = self.issues.binary_search_by(|i| i.path.as_str().cmp(path)) {
            self.issues.remove(i);
            self.counts.issues -= 1;
        }
        for status in GROUPS {
            let (_, group) = self.group(status);
            if let Some(i) = group.iter().position(|n| n.path == path) {
                // Overdue and due share a list: the count is the removed note's own.
                let gone = group.remove(i);
                *self.group(gone.status).0 -= 1;
                return;
            }
        }
    }

    fn insert(&mut self, summary: NoteSummary) {
        let (count, group) = self.group(summary.status);
        *count += 1;
        let at = match summary.status {
            Some(Status::Overdue | Status::Due | Status::Upcoming) => {
                group.partition_point(|n| by_due(n, &summary).is_lt())
            }
            _ => group.partition_point(|n| n.path < summary.path),
        };
        group.insert(at, summary);
    }

    /// The list a note of `status` is shown in, and its count.
    fn group(&mut self, status: Option<Status>) -> (&mut usize, &mut Vec<NoteSummary>) {
        match status {
            None => (&mut self.counts.plain, &mut self.plain),
            Some(Status::Overdue) => (&mut self.counts.overdue, &mut self.today_reviews),
            Some(Status::Due) => (&mut self.counts.due, &mut self.today_reviews),
            Some(Status::Upcoming) => (&mut self.counts.upcoming, &mut self.upcoming),
            Some(Status::NotStarted) => (&mut self.counts.not_started, &mut self.not_started),
            Some(Status::LongTerm) => (&mut self.counts.long_term, &mut self.long_term),
        }
    }

    /// The agenda's first `rows` notes of each group, with every count whole: what the first
    /// screen needs of a large vault, at once ([`Agenda::complete`] says whether anything was
    /// left out).
    pub fn first_page(&self, rows: usize) -> Agenda {
        let head = |v: &Vec<NoteSummary>| v[..v.len().min(rows)].to_vec();
        Agenda {
            today: self.today,
            today_reviews: head(&self.today_reviews),
            upcoming: head(&self.upcoming),
            not_started: head(&self.not_started),
            long_term: head(&self.long_term),
            plain: head(&self.plain),
            issues: self.issues[..self.issues.len().min(rows)].to_vec(),
            counts: self.counts,
        }
    }

    /// Whether every note is in the lists (not a [`Agenda::first_page`] of a larger vault).
    pub fn complete(&self) -> bool {
        let c = &self.counts;
        self.today_reviews.len() == c.overdue + c.due
            && self.upcoming.len() == c.upcoming
            && self.not_started.len() == c.not_started
            && self.long_term.len() == c.long_term
            && self.plain.len() == c.plain
            && self.issues.len() == c.issues
    }

    /// Every note of every group, sorted by path.
    pub fn notes(&self) -> Vec<&NoteSummary> {
        let mut all: Vec<&NoteSummary> = self.groups().into_iter().flatten().collect();
        all.sort_by(|a, b| a.path.cmp(&b.path));
        all
    }

    /// How many notes the agenda holds, in every group: [`Agenda::notes`]' length, without
    /// listing and sorting them.
    pub fn len(&self) -> usize {
        self.groups().iter().map(|g| g.len()).sum()
    }

    /// Whether the agenda holds no note.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn groups(&self) -> [&Vec<NoteSummary>; 5] {
        [&self.today_reviews, &self.upcoming, &self.not_started, &self.long_term, &self.plain]
    }
}

/// Every status a note's summary can have, one per list (`None`: plain).
const GROUPS: [Option<Status>; 6] = [
    Some(Status::Overdue),
    Some(Status::Due),
    Some(Status::Upcoming),
    Some(Status::NotStarted),
    Some(Status::LongTerm),
    None,
];

/// The order of today's and the coming reviews: soonest due first, then by title and path.
fn by_due(a: &NoteSummary, b: &NoteSummary) -> std::cmp::Ordering {
    (a.next_due, &a.title, &a.path).cmp(&(b.next_due, &b.title, &b.path))
}

/// The open vault as the app shows it: where it is and its agenda.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Overview {
    /// The vault folder, absolute.
    pub vault: String,
    /// The folder's name, as Obsidian shows a vault.
    pub name: String,
    /// Whether this is the bundled demo vault.
    pub demo: bool,
    /// Notes grouped for today.
    // Shared with the open vault, not copied: a copy of 10,000 notes' rows was a twentieth of a
    // warm start.
    #[serde(serialize_with = "shared")]
    pub agenda: std::sync::Arc<Agenda>,
    /// Whether the agenda holds every note, or only the first screen's ([`Agenda::first_page`]).
    pub complete: bool,
    /// Which state of the open vault this is: it grows with every scan, note re-read and write,
    /// in the order the backend made them. The window's calls run side by side and their answers
    /// can come back in another order; one older than the overview on screen is not shown.
    #[ts(type = "number")]
    pub version: u64,
}

impl Overview {
    /// Puts a vault's agenda together with where it lives and the number of the state it is of
    /// ([`Overview::version`]). A vault is named after its folder, as in Obsidian; the demo vault
    /// is called "데모 볼트" (or "Demo vault").
    pub fn new(vault: &Path, demo: bool, agenda: impl Into<std::sync::Arc<Agenda>>, version: u64) -> Overview {
        let agenda = agenda.into();
        let complete = agenda.complete();
        let (vault, name) = (vault.to_string_lossy().into_owned(), vault_name(vault, demo));
        Overview { vault, name, demo, agenda, complete, version }
    }
}

/// Serializes a shared agenda as the agenda itself (serde's `rc` feature would do the same for
/// every `Arc`, and rebuild every crate that uses serde).
fn shared<S: serde::Serializer>(agenda: &std::sync::Arc<Agenda>, to: S) -> Result<S::Ok, S::Error> {
    agenda.as_ref().serialize(to)
}

/// A vault's name: its folder's, as in Obsidian; the demo vault is called "데모 볼트" (or "Demo vault").
pub fn vault_name(vault: &Path, demo: bool) -> String {
    match (demo, vault.file_name()) {
        (true, _) => crate::lang::tr("데모 볼트", "Demo vault").to_string(),
        (false, Some(name)) => name.to_string_lossy().into_owned(),
        (false, None) => vault.to_string_lossy().into_owned(),
    }
}

/// A cue question and its answer, rendered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CueView {
    /// The question as safe inline HTML.
    pub question_html: String,
    /// The answer as safe HTML; empty when the note has none.
    pub answer_html: String,
}

/// One note opened for review or reading.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct NoteView {
    /// The note and its schedule today.
    pub summary: NoteSummary,
    /// Its cue questions, in order.
    pub cues: Vec<CueView>,
    /// The whole body (after the frontmatter) as safe HTML.
    pub body_html: String,
}

impl NoteView {
    /// Renders `note` (whose body is `body`) for `today`, resolving links with `links`.
    pub fn new(note: &Note, body: &str, links: &crate::render::Links, today: NaiveDate) -> NoteView {
        let render = |md: &str| crate::render::html(md, &note.path, links);
        let cues = note
            .cues
            .iter()
            .map(|c| {
                let question = render(c.question);
                // A one-line question renders as one paragraph; the card shows it inline.
                let question =
                    question.trim().strip_prefix("<p>").and_then(|q| q.strip_suffix("</p>")).unwrap_or(&question);
                CueView { question_html: question.to_string(), answer_html: render(c.answer) }
            })
            .collect();
        NoteView { summary: NoteSummary::new(note, today), cues, body_html: render(body) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(path: &str, yaml: &str) -> Note {
        Note::parse(path, format!("---\n{yaml}---\n").as_bytes()).unwrap()
    }

    #[test]
    fn groups_and_orders() {
        let today: NaiveDate = "2024-09-10".parse().unwrap();
        let scan = Scan {
            notes: vec![
                note("b.md", "⭕첫 학습날: 2024-09-09\n❤1일복습여부: false\n"), // due 09-10
                note("a.md", "⭕첫 학습날: 2024-09-01\n❤1일복습여부: true\n"),  // D4 09-05, 5 late
                note("c.md", "⭕첫 학습날: 2024-09-08\n❤1일복습여부: true\n"),  // D4 09-12
                note("d.md", "⭕첫 학습날: 2024-09-04\n❤1일복습여부: false\n"), // D1 09-05
                note("e.md", "❤1일복습여부: false\n🛑첫날: \"✏첫날 :\"\n"),
                note("f.md", "🧠장기기억: true\n"),
                note("g.md", "tags: [a]\n"),
            ],
            issues: vec![Issue { path: "x.md".into(), message: "m".into() }],
            attachments: Vec::new(),
        };
        let agenda = Agenda::new(&scan, today);
        let titles = |v: &[NoteSummary]| v.iter().map(|n| n.title.clone()).collect::<Vec<_>>();
        assert_eq!(titles(&agenda.today_reviews), ["a", "d", "b"]);
        assert_eq!(titles(&agenda.upcoming), ["c"]);
        assert_eq!(titles(&agenda.not_started), ["e"]);
        assert_eq!(titles(&agenda.long_term), ["f"]);
        assert_eq!(titles(&agenda.plain), ["g"]);
        let c = agenda.counts;
        assert_eq!(
            (c.overdue, c.due, c.upcoming, c.not_started, c.long_term, c.plain, c.issues),
            (2, 1, 1, 1, 1, 1, 1)
        );
        assert_eq!(agenda.today_reviews[0].days_late, 5);
        assert_eq!(agenda.today_reviews[0].progress_bar, Some("🟩🟩⬜⬜⬜⬜⬜⬜⬜⬜ 20%"));
    }

    proptest::proptest! {
        /// Changing notes one at a time in place leaves the agenda a fresh grouping would give.
        #[test]
        fn a_note_replaced_in_place_equals_a_fresh_agenda(
            changes in proptest::collection::vec((0usize..12, 0u8..8), 1..30),
        ) {
            let today: NaiveDate = "2024-09-10".parse().unwrap();
            let yaml = |k: u8| match k {
                0 => "⭕첫 학습날: 2024-09-09\n❤1일복습여부: false\n".to_string(),
                1 => "⭕첫 학습날: 2024-09-01\n❤1일복습여부: true\n".to_string(),
                2 => "⭕첫 학습날: 2024-09-08\n❤1일복습여부: true\n".to_string(),
                3 => "❤1일복습여부: false\n🛑첫날: \"✏첫날 :\"\n".to_string(),
                4 => "🧠장기기억: true\n".to_string(),
                5 => "tags: [a]\n".to_string(),
                6 => "⭕첫 학습날: 2024-09-10\n❤1일복습여부: false\n".to_string(),
                _ => "⭕첫 학습날: 2024-08-01\n❤1일복습여부: true\n🧡4일복습여부: true\n".to_string(),
            };
            let mut scan = Scan { notes: Vec::new(), issues: Vec::new(), attachments: Vec::new() };
            for i in 0..12 {
                scan.notes.push(note(&format!("n{i:02}.md"), &yaml((i % 8) as u8)));
            }
            let mut agenda = Agenda::new(&scan, today);
            for (i, k) in changes {
                let path = format!("n{i:02}.md");
                let at = scan.notes.iter().position(|n| n.path == path);
                let issue = scan.issues.iter().position(|n| n.path == path);
                if let Some(at) = at { scan.notes.remove(at); }
                if let Some(at) = issue { scan.issues.remove(at); }
                if k == 7 && i % 3 == 0 {
                    let issue = Issue { path: path.clone(), message: "broken".into() };
                    agenda.replace(&path, Err(&issue));
                    scan.issues.push(issue);
                    scan.issues.sort_by(|a, b| a.path.cmp(&b.path));
                } else {
                    let n = note(&path, &yaml(k));
                    agenda.replace(&path, Ok(&n));
                    scan.notes.push(n);
                    scan.notes.sort_by(|a, b| a.path.cmp(&b.path));
                }
                proptest::prop_assert_eq!(&agenda, &Agenda::new(&scan, today));
                proptest::prop_assert!(agenda.complete());
            }
        }
    }

    #[test]
    fn the_first_page_keeps_every_count() {
        let today: NaiveDate = "2024-09-10".parse().unwrap();
        let notes =
            (0..7).map(|i| note(&format!("{i}.md"), "⭕첫 학습날: 2024-09-09\n❤1일복습여부: false\n")).collect();
        let agenda = Agenda::new(&Scan { notes, issues: Vec::new(), attachments: Vec::new() }, today);
        let page = agenda.first_page(3);
        assert_eq!(page.today_reviews, agenda.today_reviews[..3]);
        assert_eq!(page.counts, agenda.counts);
        assert!(agenda.complete() && !page.complete());
        assert_eq!(agenda.first_page(7), agenda);
    }

    #[test]
    fn plain_summary_has_no_schedule() {
        let s = NoteSummary::new(&note("p.md", "tags: a, b\n"), "2024-01-01".parse().unwrap());
        assert_eq!((s.status, s.stage, s.progress, s.day0), (None, None, None, None));
    }
}
