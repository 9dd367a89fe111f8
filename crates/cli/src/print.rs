//! How each command's answer is printed: readable lines in the language of `LANG`, or JSON for
//! programs (`--json`).

use crate::args::{Command, Options};
use bokseup_core::agenda::{Agenda, NoteSummary, Overview};
use bokseup_core::journal::{Grade, UndoEntry, UndoState, Undone, Written};
use bokseup_core::lang::{current, tf, tr, Lang};
use bokseup_core::plan::{ExamPlan, Limit, MovedReview, Plan};
use bokseup_core::schedule::Status;
use bokseup_core::session::WeakQuestion;
use bokseup_core::store::Action;
use bokseup_core::vault::Issue;
use bokseup_core::week::DayKind;
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::io::Write;

/// The JSON of `scan --json` and `due --json`.
#[derive(Serialize)]
struct Report<'a> {
    vault: &'a str,
    today: NaiveDate,
    notes: Vec<&'a NoteSummary>,
    issues: &'a [Issue],
}

fn report<'a>(overview: &'a Overview, notes: Vec<&'a NoteSummary>) -> Report<'a> {
    Report { vault: &overview.vault, today: overview.agenda.today, notes, issues: &overview.agenda.issues }
}

/// `bokseup scan`: every note, or its counts.
pub fn scan(overview: &Overview, options: &Options, out: &mut dyn Write, err: &mut dyn Write) {
    let agenda = &overview.agenda;
    let c = agenda.counts;
    if options.counts {
        // `with_flags`, not `review`: the bench kit's `review` counts notes with a first study date,
        // while REVIEW-MODEL.md 1.4 makes any note with a flag key a review note.
        let with_flags = agenda.len() - c.plain;
        let _ = writeln!(
            out,
            "files={} with_flags={with_flags} plain={} fail={}",
            agenda.len() + c.issues,
            c.plain,
            c.issues
        );
    } else if options.json {
        write_json(out, &report(overview, agenda.notes()));
    } else {
        let (n, o, d, u, s, l, p) = (agenda.len(), c.overdue, c.due, c.upcoming, c.not_started, c.long_term, c.plain);
        let line = tf(
            format!("노트 {n}개: 밀린 복습 {o} · 오늘 {d} · 예정 {u} · 시작 전 {s} · 장기기억 {l} · 일반 노트 {p}"),
            format!("{n} notes: overdue {o} · today {d} · upcoming {u} · not started {s} · long-term {l} · plain {p}"),
        );
        let _ = writeln!(out, "{line}");
        write_issues(err, &agenda.issues);
    }
}

/// `bokseup due`: today's reviews.
pub fn due(overview: &Overview, json: bool, out: &mut dyn Write, err: &mut dyn Write) {
    let agenda = &overview.agenda;
    if json {
        write_json(out, &report(overview, agenda.today_reviews.iter().collect()));
        return;
    }
    let _ = out.write_all(due_table(agenda).as_bytes());
    write_issues(err, &agenda.issues);
}

/// The JSON of `weak --json`.
#[derive(Serialize)]
struct WeakReport<'a> {
    vault: &'a str,
    now: String,
    questions: &'a [WeakQuestion],
}

/// `bokseup weak`: the weakest cue questions.
pub fn weak(overview: &Overview, questions: &[WeakQuestion], now: NaiveDateTime, json: bool, out: &mut dyn Write) {
    if json {
        let now = now.format("%Y-%m-%dT%H:%M:%S").to_string();
        write_json(out, &WeakReport { vault: &overview.vault, now, questions });
        return;
    }
    if questions.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            tr(
                "약한 질문이 없습니다: 복습하며 단서 질문에 1/2/3으로 답하면 질문마다 기억이 쌓입니다",
                "No weak questions: grade the cue questions 1/2/3 in reviews and each question's memory builds up"
            )
        );
        return;
    }
    let n = questions.len();
    let _ = writeln!(
        out,
        "{}",
        tf(
            format!("약한 질문 {n}개 (잊었을 가능성이 큰 순)"),
            format!("{n} weak questions (most likely forgotten first)")
        )
    );
    for q in questions {
        let grade = match q.last_grade {
            Grade::Remembered => tr("기억남", "remembered"),
            Grade::Unsure => tr("헷갈림", "unsure"),
            Grade::Forgot => tr("모름", "forgot"),
        };
        let last = q.last_at.get(..10).unwrap_or(&q.last_at);
        let _ = writeln!(
            out,
            "  {:>3.0}%  {} · {}  ({}: {grade}, {last})",
            q.recall * 100.0,
            q.path,
            q.question,
            tr("마지막", "last")
        );
    }
}

/// The JSON of `plan --json`.
#[derive(Serialize)]
struct PlanReport<'a> {
    vault: &'a str,
    today: NaiveDate,
    limit: Limit,
    deferred: u32,
    days: Vec<PlanDay<'a>>,
    exams: &'a [ExamPlan],
}

#[derive(Serialize)]
struct PlanDay<'a> {
    date: NaiveDate,
    kind: DayKind,
    notes: &'a [String],
    minutes: u32,
    moved: &'a [MovedReview],
}

/// `bokseup plan`: the days of the plan within the daily limit, and the exams.
pub fn plan(overview: &Overview, plan: &Plan, fallback_today: NaiveDate, json: bool, out: &mut dyn Write) {
    let today = plan.days.first().map_or(fallback_today, |d| d.date);
    if json {
        let days = plan
            .days
            .iter()
            .map(|d| PlanDay {
                date: d.date,
                kind: d.kind,
                notes: &d.notes,
                minutes: d.minutes.ceil() as u32,
                moved: &d.moved,
            })
            .collect();
        let report = PlanReport {
            vault: &overview.vault,
            today,
            limit: plan.limit,
            deferred: plan.deferred,
            days,
            exams: &plan.exams,
        };
        write_json(out, &report);
        return;
    }
    let limit_text = match plan.limit {
        Limit::Notes(n) => tf(format!("노트 {n}개"), format!("{n} notes")),
        Limit::Minutes(m) => tf(format!("{m}분"), format!("{m} min")),
    };
    let (n, m) = plan.days.first().map_or((0, 0), |d| (d.notes.len(), d.minutes.ceil() as u32));
    let mut head = tf(
        format!("하루 한도 {limit_text} · 오늘 {n}개 (약 {m}분)"),
        format!("daily limit {limit_text} · today {n} notes (about {m} min)"),
    );
    if plan.deferred > 0 {
        let d = plan.deferred;
        let days = plan.days.iter().skip(1).filter(|x| !x.notes.is_empty()).count();
        head +=
            &tf(format!(" · 나머지 {d}개는 다음 {days}일에"), format!(" · the other {d} over the next {days} days"));
    }
    let _ = writeln!(out, "{head}");
    // The days with reviews, and the free days and the break among them (not the weeks past the
    // last review: the JSON lists those).
    let last = plan.days.iter().rposition(|d| !d.notes.is_empty()).unwrap_or(0);
    for day in plan.days.iter().take(last + 1) {
        let rest = match day.kind {
            DayKind::Free => Some(tr("쉬는 요일", "free day")),
            DayKind::Break => Some(tr("쉬는 기간", "break")),
            DayKind::Normal | DayKind::Light => None,
        };
        if let Some(rest) = rest {
            let _ = writeln!(out, "  {}  {rest}", day.date);
            continue;
        }
        if day.notes.is_empty() {
            continue;
        }
        let mark = |p: &String| match day.moved.iter().find(|m| &m.path == p) {
            Some(m) if m.early => tf(format!(" (당겨서, {}에서)", m.due), format!(" (early, due {})", m.due)),
            Some(m) => tf(format!(" (늦게, {}부터)", m.due), format!(" (late, due {})", m.due)),
            None => String::new(),
        };
        let titles: Vec<String> = day
            .notes
            .iter()
            .take(3)
            .map(|p| format!("{}{}", p.rsplit('/').next().unwrap_or(p).trim_end_matches(".md"), mark(p)))
            .collect();
        let more = day.notes.len().saturating_sub(3);
        let more = if more > 0 { tf(format!(" 외 {more}개"), format!(" and {more} more")) } else { String::new() };
        let (n, m) = (day.notes.len(), day.minutes.ceil() as u32);
        let light = if day.kind == DayKind::Light { tr(" · 가벼운 날", " · light day") } else { "" };
        let load = tf(format!("{n:>3}개 · 약 {m}분{light}"), format!("{n:>3} notes · ~{m} min{light}"));
        let _ = writeln!(out, "  {}  {load}  {}{more}", day.date, titles.join(", "));
    }
    for e in &plan.exams {
        let mut line = tf(
            format!(
                "시험 {} (D-{}): {}개 중 {}개 복습함 · 남은 {}개를 {}일에",
                e.name, e.days_left, e.covered, e.reviewed, e.remaining, e.days
            ),
            format!(
                "exam {} (in {} days): {} of {} notes reviewed · the other {} in {} days",
                e.name, e.days_left, e.reviewed, e.covered, e.remaining, e.days
            ),
        );
        if let (false, Some(minutes)) = (e.fits, e.minutes_needed) {
            line += &tf(format!(" — 하루 {minutes}분이 필요합니다"), format!(" — it needs {minutes} min a day"));
        }
        let _ = writeln!(out, "{line}");
    }
}

/// `bokseup review`, `start` and `enroll`: every key changed, and what comes next.
pub fn written(name: Command, written: &Written, json: bool, out: &mut dyn Write) {
    if json {
        write_json(out, written);
        return;
    }
    let verb = match name {
        Command::Review => tr("복습을 기록했습니다", "Review recorded"),
        Command::Start => tr("학습을 시작했습니다", "Study started"),
        _ => tr("복습 노트로 등록했습니다", "Now a review note"),
    };
    let _ = writeln!(out, "{verb}: {}", written.path);
    for change in &written.changes {
        let before = match change.before.as_deref() {
            None => tr("(새 키)", "(new key)").to_string(),
            Some("") => tr("(빈 값)", "(empty)").to_string(),
            Some(b) => b.to_string(),
        };
        let _ = writeln!(out, "  {}: {before} → {}", change.key, change.after);
    }
    let next = &written.note;
    match (next.stage, next.next_due) {
        (Some(stage), Some(due)) => {
            let _ = writeln!(out, "{}: {stage} · {due}", tr("다음 복습", "Next review"));
        }
        (Some(stage), None) => {
            let _ = writeln!(out, "{}: {stage}", tr("상태", "Stage"));
        }
        _ => {}
    }
}

/// `bokseup undo --list`: the recent writes and whether each can be undone.
pub fn undo_list(entries: &[UndoEntry], out: &mut dyn Write) {
    if entries.is_empty() {
        let _ = writeln!(out, "{}", tr("이 볼트에 기록된 변경이 없습니다.", "No changes recorded for this vault."));
        return;
    }
    let _ = writeln!(out, "{}", tr("최근 변경 (최근 것부터):", "Recent changes (newest first):"));
    for e in entries {
        let state = match e.state {
            UndoState::Undoable => tr("되돌릴 수 있음", "can be undone"),
            UndoState::Changed => tr("그 뒤 노트가 바뀌어 되돌릴 수 없음", "the note changed since: cannot be undone"),
            UndoState::Undone => tr("이미 되돌림", "undone already"),
            UndoState::TooOld => tr("오래되어 되돌릴 수 없음", "too old to undo"),
        };
        let _ = writeln!(
            out,
            "  {:>4}  {}  {}  {}  ({state})",
            e.id,
            e.made_at.format("%Y-%m-%d %H:%M:%S"),
            action_name(e.action),
            e.path
        );
    }
    let _ = writeln!(
        out,
        "{}",
        tr("`bokseup undo VAULT N`으로 N번 변경을 되돌립니다.", "`bokseup undo VAULT N` undoes change N.")
    );
}

/// `bokseup undo`: what was undone.
pub fn undone(undone: &Undone, out: &mut dyn Write) {
    let what = action_name(undone.action);
    let _ = writeln!(
        out,
        "{}: {} ({what}, {})",
        tr("되돌렸습니다", "Undone"),
        undone.path,
        undone.made_at.format("%Y-%m-%d %H:%M:%S")
    );
}

fn action_name(action: Action) -> &'static str {
    match action {
        Action::Review => tr("복습 기록", "review"),
        Action::Start => tr("학습 시작", "study started"),
        Action::Enroll => tr("복습 노트 등록", "made a review note"),
    }
}

fn write_json(out: &mut dyn Write, value: &impl Serialize) {
    let _ = serde_json::to_writer_pretty(&mut *out, value);
    let _ = writeln!(out);
}

fn write_issues(err: &mut dyn Write, issues: &[Issue]) {
    if issues.is_empty() {
        return;
    }
    let n = issues.len();
    let _ = writeln!(err, "\n{}", tf(format!("읽지 못한 파일 {n}개:"), format!("{n} files could not be read:")));
    for issue in issues {
        let _ = writeln!(err, "  {}: {}", issue.path, issue.message);
    }
}

/// The readable `due` output: a header with counts, then one aligned row per note.
pub fn due_table(agenda: &Agenda) -> String {
    let c = agenda.counts;
    let (today, day, o, d) = (agenda.today, weekday(agenda.today), c.overdue, c.due);
    let mut s = tf(
        format!("오늘의 복습 · {today} ({day}) · 밀린 복습 {o}개, 오늘 {d}개\n"),
        format!("Today's reviews · {today} ({day}) · {o} overdue, {d} due today\n"),
    );
    if agenda.today_reviews.is_empty() {
        s.push_str(tr("\n오늘 복습할 노트가 없습니다.", "\nNothing to review today."));
        if let Some(next) = agenda.upcoming.first() {
            let due = next.next_due.map(|d| d.to_string()).unwrap_or_default();
            s.push_str(&format!(" {}: {due} · {}", tr("다음 복습", "Next review"), next.title));
        }
        s.push('\n');
        return s;
    }
    let header = match current() {
        Lang::Ko => ["상태", "복습", "예정일", "과목", "노트"],
        Lang::En => ["When", "Review", "Due", "Subject", "Note"],
    }
    .map(String::from);
    let rows: Vec<[String; 5]> = agenda
        .today_reviews
        .iter()
        .map(|n| {
            let when = match n.status {
                Some(Status::Overdue) => tf(format!("{}일 지남", n.days_late), format!("{} days late", n.days_late)),
                _ => tr("오늘", "today").to_string(),
            };
            [
                when,
                n.step.map(|s| s.name().to_string()).unwrap_or_default(),
                n.next_due.map(|d| d.to_string()).unwrap_or_default(),
                n.subject.clone().unwrap_or_else(|| "-".into()),
                n.path.trim_end_matches(".md").to_string(),
            ]
        })
        .collect();
    let mut widths = [0usize; 5];
    for row in std::iter::once(&header).chain(&rows) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(display_width(cell));
        }
    }
    s.push('\n');
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < row.len() {
                line.push_str(&" ".repeat(widths[i] - display_width(cell) + 2));
            }
        }
        s.push_str(line.trim_end());
        s.push('\n');
    }
    s
}

fn weekday(date: NaiveDate) -> &'static str {
    use chrono::Datelike;
    let day = date.weekday().num_days_from_monday() as usize;
    match current() {
        Lang::Ko => ["월", "화", "수", "목", "금", "토", "일"][day],
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][day],
    }
}

/// Terminal columns of `s`: Hangul, CJK and emoji take two.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA960..=0xA97F
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x1F300..=0x1F64F
            | 0x1F900..=0x1F9FF
            | 0x20000..=0x3FFFD => 2,
            0x0300..=0x036F | 0x200B..=0x200F | 0xFE00..=0xFE0F => 0,
            _ => 1,
        })
        .sum()
}

/// What `bokseup publish` did.
pub fn published(done: &bokseup_core::caldav::Published, out: &mut dyn Write) {
    let (c, u, d, same) = (done.created, done.updated, done.deleted, done.unchanged);
    let line = tf(
        format!("{}: 새 일정 {c}개, 바뀐 일정 {u}개, 지운 일정 {d}개, 그대로 {same}개", done.calendar),
        format!("{}: {c} new, {u} changed, {d} deleted, {same} unchanged", done.calendar),
    );
    let _ = writeln!(out, "{line}");
}
