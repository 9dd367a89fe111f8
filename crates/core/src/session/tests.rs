//! The session as the window and the command line use it, on real files and databases.

use super::*;
use crate::error::Error;
use crate::history;
use crate::journal::ReviewInput;
use crate::reminder;
use crate::settings::Settings;
use std::path::Path;

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

/// A session on a fresh in-memory database, its demo vault in `tmp`. The tests pass `now`
/// to every call, so the clock is never read.
fn session(tmp: &tempfile::TempDir) -> Session {
    Session::new(Store::open_in_memory().unwrap(), tmp.path().join("demo"), Clock::system(4)).unwrap()
}

fn note(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

#[test]
fn a_long_scan_reports_its_progress_and_a_short_one_does_not() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("공부");
    std::fs::create_dir_all(vault.join("깊은/폴더")).unwrap();
    for i in 0..30 {
        let dir = if i % 2 == 0 { vault.clone() } else { vault.join("깊은/폴더") };
        note(&dir, &format!("노트 {i}.md"), "---\n⭕첫 학습날: 2024-09-01\n❤1일복습여부: false\n---\n");
    }
    let s = session(&tmp);
    let heard = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&heard);
    s.listen(Arc::new(move |change| {
        if let Change::Progress(p) = change {
            sink.lock().unwrap().push(p);
        }
    }));
    let now = at("2024-09-02 09:00");
    s.open_vault(&vault, now).unwrap();
    assert!(heard.lock().unwrap().is_empty(), "a scan of a moment shows nothing");
    // An empty note written just now may be half-saved: the scan waits for it to be still
    // (vault::QUIET), long enough for its progress to show.
    note(&vault, "저장 중.md", "");
    s.rescan(now).unwrap();
    let heard = heard.lock().unwrap().clone();
    assert!(heard.len() >= 2, "{heard:?}");
    let (last, running) = heard.split_last().unwrap();
    assert!(running.iter().all(|p| !p.done && p.total == 31 && p.read <= p.total), "{heard:?}");
    assert_eq!(*last, ScanProgress { read: 31, total: 31, done: true });
}

#[test]
fn a_rescan_says_whether_anything_shown_changed_and_own_writes_are_known() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("공부");
    std::fs::create_dir_all(&vault).unwrap();
    note(&vault, "DNS.md", "---\n⭕첫 학습날: 2024-09-01\n❤1일복습여부: false\n---\n- 단서?\n");
    let s = session(&tmp);
    let now = at("2024-09-02 09:00");
    s.open_vault(&vault, now).unwrap();
    assert!(!s.rescan(now).unwrap(), "nothing changed: nobody is told");
    std::fs::write(vault.join("DNS.md"), "---\n⭕첫 학습날: 2024-09-01\n❤1일복습여부: true\n---\n- 단서?\n").unwrap();
    assert!(s.rescan(now).unwrap(), "another program's change");
    let file = std::fs::canonicalize(vault.join("DNS.md")).unwrap();
    assert!(!s.is_own_write(&file));
    note(&vault, "TCP.md", "---\n⭕첫 학습날: 2024-09-01\n❤1일복습여부: false\n---\n- 단서?\n");
    s.rescan(now).unwrap();
    s.review("TCP.md", &ReviewInput::default(), at("2024-09-02 09:10")).unwrap();
    let tcp = std::fs::canonicalize(vault.join("TCP.md")).unwrap();
    assert!(s.is_own_write(&tcp), "the app's own review");
    assert!(!s.rescan(at("2024-09-02 09:11")).unwrap(), "the own write is already in the scan");
    std::fs::write(&tcp, "# 다른 프로그램\n").unwrap();
    assert!(!s.is_own_write(&tcp), "changed since by someone else");
    // Notes written by another program: only they are read again.
    std::fs::write(&tcp, "---\n⭕첫 학습날: 2024-09-01\n❤1일복습여부: true\n---\n").unwrap();
    note(&vault, "UDP.md", "---\n⭕첫 학습날: 2024-09-01\n❤1일복습여부: false\n---\n");
    let later = at("2024-09-02 09:12");
    assert!(s.notes_changed(&[tcp.clone(), std::fs::canonicalize(vault.join("UDP.md")).unwrap()], later).unwrap());
    let shown = s.current_overview(later).unwrap();
    let fresh = s.overview(later).unwrap();
    assert_eq!(shown.agenda, fresh.agenda, "the same as a full scan");
    assert!(shown.agenda.notes().iter().any(|n| n.path == "UDP.md"));
    assert!(!s.notes_changed(std::slice::from_ref(&tcp), later).unwrap(), "read again, nothing new");
    std::fs::write(&tcp, "---\n⭕첫 학습날: [\n---\n").unwrap();
    assert!(s.notes_changed(std::slice::from_ref(&tcp), later).unwrap());
    assert_eq!(s.current_overview(later).unwrap().agenda.issues.len(), 1, "now unreadable: listed with why");
    std::fs::remove_dir_all(&vault).unwrap();
    assert!(s.rescan(now).is_err(), "a vault gone is an error for the page to show");
    assert!(matches!(s.current_overview(now), Err(Error::MissingFolder(_))));
}

#[test]
fn a_note_page_has_its_timeline_history_and_obsidian_uri() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("내 공부");
    std::fs::create_dir_all(vault.join("네트워크")).unwrap();
    note(
        &vault.join("네트워크"),
        "TCP 정리.md",
        "---\n⭕첫 학습날: 2024-09-01\n❤1일복습여부: false\n---\n### 단서 질문\n- 단서?\n    답\n",
    );
    let s = session(&tmp);
    s.open_vault(&vault, at("2024-09-02 09:00")).unwrap();
    let rel = "네트워크/TCP 정리.md";
    let input = ReviewInput { grades: vec![journal::Grade::Unsure], seconds: 40, ..ReviewInput::default() };
    s.review(rel, &input, at("2024-09-02 09:10")).unwrap();
    let page = s.note_page(rel, at("2024-09-03 10:00")).unwrap();
    assert_eq!(page.history.len(), 1);
    let entry = &page.history[0];
    assert_eq!(
        (entry.on, entry.step, entry.seconds),
        (NaiveDate::from_ymd_opt(2024, 9, 2).unwrap(), crate::schedule::Step::D1, 40)
    );
    assert_eq!(entry.grades, vec![journal::Grade::Unsure]);
    // Its cue question's memory: the grade, the recall a day later, when FSRS would ask again.
    let q = &page.questions[0];
    assert_eq!((q.index, q.question.as_str()), (0, "단서?"));
    assert_eq!(
        q.grades.iter().map(|g| (g.at.as_str(), g.grade)).collect::<Vec<_>>(),
        [("2024-09-02T09:10:00", journal::Grade::Unsure)]
    );
    assert!(q.recall.is_some_and(|r| r > 0.0 && r < 1.0), "{:?}", q.recall);
    // A first answer of 헷갈림 is still being learned: FSRS would ask again the same day.
    assert_eq!(q.next, NaiveDate::from_ymd_opt(2024, 9, 2));
    assert_eq!(page.timeline[0].mark, history::Mark::Done);
    assert_eq!(page.timeline[1].mark, history::Mark::Planned);
    assert_eq!(
        page.obsidian.as_deref(),
        Some("obsidian://open?vault=%EB%82%B4%20%EA%B3%B5%EB%B6%80&file=%EB%84%A4%ED%8A%B8%EC%9B%8C%ED%81%AC%2FTCP%20%EC%A0%95%EB%A6%AC")
    );
    assert!(page.file.ends_with("네트워크/TCP 정리.md"));
    assert_eq!(
        s.obsidian_link(rel, at("2024-09-03 10:00")).ok(),
        page.obsidian,
        "the link \"Obsidian에서 열기\" opens"
    );
    assert!(matches!(s.obsidian_link("../x.md", at("2024-09-03 10:00")), Err(Error::OutsideVault(_))));
    // Undone reviews leave the history.
    s.undo(None, at("2024-09-03 10:01")).unwrap();
    assert!(s.note_page(rel, at("2024-09-03 10:02")).unwrap().history.is_empty());
    assert!(matches!(s.note_page("../x.md", at("2024-09-03 10:02")), Err(Error::OutsideVault(_))));
    // The demo vault has no Obsidian URI.
    s.open_demo(at("2024-09-03 10:00")).unwrap();
    let demo = s.overview(at("2024-09-03 10:00")).unwrap();
    let first = &demo.agenda.notes()[0].path.clone();
    assert_eq!(s.note_page(first, at("2024-09-03 10:00")).unwrap().obsidian, None);
    assert!(matches!(s.obsidian_link(first, at("2024-09-03 10:00")), Err(Error::Refused(_))));
}

#[test]
fn obsidian_uris_encode_everything_reserved() {
    assert_eq!(obsidian_uri("my vault", "a/b c.md"), "obsidian://open?vault=my%20vault&file=a%2Fb%20c");
    assert_eq!(obsidian_uri("v", "x&y#z?.md"), "obsidian://open?vault=v&file=x%26y%23z%3F");
    assert_eq!(obsidian_uri("v", "(1)+[2].MD"), "obsidian://open?vault=v&file=%281%29%2B%5B2%5D");
}

#[test]
fn the_calendar_reads_the_log_of_the_open_vault() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("v");
    std::fs::create_dir_all(&vault).unwrap();
    note(&vault, "a.md", "---\n⭕첫 학습날: 2024-09-01\n❤1일복습여부: false\n---\n");
    note(&vault, "b.md", "---\n⭕첫 학습날: 2024-09-01\n❤1일복습여부: false\n---\n");
    let s = session(&tmp);
    s.open_vault(&vault, at("2024-09-02 09:00")).unwrap();
    s.review("a.md", &ReviewInput::default(), at("2024-09-03 09:00")).unwrap();
    let d = |s: &str| s.parse::<NaiveDate>().unwrap();
    let counts = s.calendar(d("2024-09-01"), d("2024-09-30"), at("2024-09-04 09:00")).unwrap();
    let on = |day: &str| counts.iter().find(|c| c.date == d(day)).map(|c| (c.planned, c.done, c.missed)).unwrap();
    // a and b fell due on 09-02; a was done late on 09-03; b is still late, caught up today.
    assert_eq!(on("2024-09-02"), (0, 0, 2));
    assert_eq!(on("2024-09-03"), (0, 1, 0));
    assert_eq!(on("2024-09-04"), (1, 0, 0));
    // Then both D4s, on day 0 + 4.
    assert_eq!(on("2024-09-05"), (2, 0, 0));
    let day = s.calendar_day(d("2024-09-02"), at("2024-09-04 09:00")).unwrap();
    assert_eq!(day.missed.iter().map(|m| m.path.as_str()).collect::<Vec<_>>(), ["a.md", "b.md"]);
    assert!(s.calendar(d("2024-01-01"), d("2025-12-31"), at("2024-09-04 09:00")).is_err());
    let stats = s.stats(at("2024-09-04 09:00")).unwrap();
    assert_eq!((stats.days.len(), stats.days[0].reviews), (1, 1));
}

#[test]
fn vaults_are_listed_switched_and_forgotten() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    note(&a, "x.md", "# x\n");
    note(&b, "y.md", "# y\n");
    let s = session(&tmp);
    s.open_vault(&a, at("2024-09-02 09:00")).unwrap();
    s.open_vault(&b, at("2024-09-02 09:01")).unwrap();
    let listed = s.vaults().unwrap();
    assert_eq!(
        listed.iter().map(|v| (v.name.as_str(), v.open, v.exists)).collect::<Vec<_>>(),
        [("b", true, true), ("a", false, true)]
    );
    assert!(s.forget_vault(&b).is_err(), "the open vault stays");
    std::fs::remove_dir_all(&a).unwrap();
    assert!(!s.vaults().unwrap()[1].exists);
    assert_eq!(s.forget_vault(&a).unwrap().len(), 1);
}

#[test]
fn bodies_are_searched_in_the_open_vault() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("v");
    std::fs::create_dir_all(&vault).unwrap();
    note(&vault, "a.md", "---\n⭕과목: 네트워크\n---\nTCP handshake\n");
    note(&vault, "b.md", "UDP\n");
    let s = session(&tmp);
    s.open_vault(&vault, at("2024-09-02 09:00")).unwrap();
    assert_eq!(s.search("Handshake", at("2024-09-02 09:00")).unwrap(), ["a.md"]);
    assert!(s.search("네트워크", at("2024-09-02 09:00")).unwrap().is_empty());
}

#[test]
fn first_launch_opens_the_demo_then_the_chosen_vault_is_remembered() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("data/bokseup.sqlite3");
    let demo_dir = tmp.path().join("data/demo-vault");
    let mine = tmp.path().join("내 볼트");
    std::fs::create_dir(&mine).unwrap();
    note(&mine, "a.md", "---\n⭕첫 학습날: 2024-08-25\n❤1일복습여부: false\n---\n");

    let session = Session::new(Store::open(&db).unwrap(), demo_dir.clone(), Clock::system(4)).unwrap();
    let first = session.start(None, at("2026-11-28 10:00")).unwrap();
    assert!(first.demo);
    assert_eq!(first.name, "데모 볼트");
    assert_eq!(first.agenda.counts.due, 4);
    assert!(demo_dir.join("AWS/AMI.md").is_file());

    let opened = session.open_vault(&mine, at("2026-11-28 10:01")).unwrap();
    assert!(!opened.demo);
    assert_eq!(opened.name, "내 볼트");
    assert_eq!(opened.agenda.counts.overdue, 1);

    // A new launch (new session, same database) reopens it.
    let again = Session::new(Store::open(&db).unwrap(), demo_dir, Clock::system(4)).unwrap();
    let reopened = again.start(None, at("2026-11-29 09:00")).unwrap();
    assert_eq!(reopened.vault, std::fs::canonicalize(&mine).unwrap().to_string_lossy());
    assert_eq!(reopened.agenda.today, "2026-11-29".parse::<NaiveDate>().unwrap());
}

#[test]
fn a_vault_that_disappeared_falls_back_to_the_demo() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open_in_memory().unwrap();
    store.remember_vault(&tmp.path().join("gone"), at("2026-11-01 10:00")).unwrap();
    let session = Session::new(store, tmp.path().join("demo"), Clock::system(4)).unwrap();
    assert!(session.start(None, at("2026-11-28 10:00")).unwrap().demo);
}

#[test]
fn opening_a_missing_folder_is_a_coded_error() {
    let session = Session::new(Store::open_in_memory().unwrap(), "/nonexistent/demo".into(), Clock::system(4)).unwrap();
    let err = session.open_vault(Path::new("/no/such/folder"), at("2026-11-28 10:00")).unwrap_err();
    assert_eq!(err.code(), crate::error::ErrorCode::MissingFolder);
    assert!(err.to_string().contains("/no/such/folder"));
}

#[test]
fn today_follows_the_rollover_setting() {
    let session = Session::new(Store::open_in_memory().unwrap(), "/d".into(), Clock::system(4)).unwrap();
    assert_eq!(session.today(at("2026-11-28 03:00")).to_string(), "2026-11-27");
    let settings = Settings { rollover_hour: 0, ..session.settings() };
    session.save_settings(&settings, at("2026-11-28 03:00")).unwrap();
    assert_eq!(session.today(at("2026-11-28 03:00")).to_string(), "2026-11-28");
    // A new session over the same store starts with the stored hour.
    let store = std::mem::replace(&mut *session.store(), Store::open_in_memory().unwrap());
    let again = Session::new(store, "/d".into(), Clock::system(4)).unwrap();
    assert_eq!(again.clock().rollover_hour(), 0);
}

#[test]
fn a_day_of_reviews_on_the_demo_vault() {
    let tmp = tempfile::tempdir().unwrap();
    let session = session(&tmp);
    let now = at("2026-11-28 20:00");
    let queue = session.overview(now).unwrap().agenda.today_reviews.clone();
    assert_eq!(queue.len(), 7);
    for note in &queue {
        let view = session.note(&note.path, now).unwrap();
        assert_eq!(view.cues.len(), note.cues);
        // What the app sends: the step and flags the user saw when the review began.
        let seen = crate::journal::Seen { step: view.summary.step.unwrap(), flags: view.summary.flags.unwrap() };
        let input = ReviewInput {
            grades: vec![crate::journal::Grade::Remembered; view.cues.len()],
            seconds: 30,
            seen: Some(seen),
            ..ReviewInput::default()
        };
        let written = session.review(&note.path, &input, now).unwrap();
        assert_eq!(written.note.status, Some(crate::schedule::Status::Upcoming), "{}", note.path);
    }
    let after = session.overview(now).unwrap().agenda;
    assert_eq!((after.counts.overdue, after.counts.due), (0, 0));
    // Undo goes back through this session's writes, newest first.
    assert_eq!(session.undo(None, now).unwrap().path, queue.last().unwrap().path);
    assert_eq!(session.overview(now).unwrap().agenda.counts.due, 1);
    // Start and enroll.
    let not_started = "AWS/IAM 정책.md";
    assert_eq!(session.start_note(not_started, now).unwrap().note.stage, Some("1일 복습"));
    let plain = "복습 사용법.md";
    assert_eq!(session.enroll(plain, now).unwrap().note.kind, crate::note::Kind::Review);
}

/// Regression: a write must not ask for the store while it holds the store's lock (reading
/// the rollover setting that way once deadlocked the app's 완료 button). Now writes also
/// refresh the calendar file, which reads the settings.
#[test]
fn writes_on_the_real_clock_do_not_deadlock() {
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let tmp = tempfile::tempdir().unwrap();
        let session =
            Session::new(Store::open_in_memory().unwrap(), tmp.path().join("demo"), Clock::system(4)).unwrap();
        let now = session.now();
        session.open_demo(now).unwrap();
        let ics = tmp.path().join("복습.ics");
        let with_calendar = Settings { calendar_file: Some(ics.to_string_lossy().into()), ..session.settings() };
        session.save_settings(&with_calendar, now).unwrap();
        let review = session.review("AWS/S3 스토리지 클래스.md", &ReviewInput::default(), now).map(|w| w.note.status);
        let start = session.start_note("AWS/IAM 정책.md", now).is_ok();
        let enroll = session.enroll("복습 사용법.md", now).is_ok();
        done.send((review.ok().flatten(), start, enroll)).unwrap();
    });
    let result = finished.recv_timeout(std::time::Duration::from_secs(20)).expect("a write deadlocked");
    assert_eq!(result, (Some(crate::schedule::Status::Upcoming), true, true));
}

#[test]
fn note_view_renders_cues_and_body() {
    let tmp = tempfile::tempdir().unwrap();
    let session = session(&tmp);
    let view = session.note("AWS/AMI.md", at("2026-11-28 20:00")).unwrap();
    assert_eq!(view.cues[0].question_html, "AMI가 뭐야?");
    assert!(view.cues[0].answer_html.contains("<li>Amazon Machine Image"), "{}", view.cues[0].answer_html);
    assert!(view.body_html.contains("<h3>핵심 요약</h3>"));
    assert!(session.note("../escape.md", at("2026-11-28 20:00")).is_err());
    std::fs::write(tmp.path().join("demo/AWS/image 39.png"), b"\x89PNG").unwrap();
    std::fs::write(tmp.path().join("secret.png"), b"x").unwrap();
    let (bytes, mime) = session.image("/AWS/image%2039.png", at("2026-11-28 20:00")).unwrap();
    assert_eq!((bytes.as_slice(), mime), (b"\x89PNG".as_slice(), "image/png"));
    assert!(session.image("/..%2Fsecret.png", at("2026-11-28 20:00")).is_err());
    assert!(session.image("/AWS/AMI.md", at("2026-11-28 20:00")).is_err());
}

#[test]
fn command_line_vault_is_opened_first() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("v");
    std::fs::create_dir(&vault).unwrap();
    note(&vault, "plain.md", "메모\n");
    let session = Session::new(Store::open_in_memory().unwrap(), tmp.path().join("demo"), Clock::system(4))
        .unwrap()
        .starting_on(Some(vault));
    assert!(!session.overview(at("2026-11-28 10:00")).unwrap().demo);
}

#[test]
fn overview_rescans_the_open_vault() {
    let tmp = tempfile::tempdir().unwrap();
    let session = session(&tmp);
    let vault = tmp.path().join("v");
    std::fs::create_dir(&vault).unwrap();
    note(&vault, "plain.md", "메모\n");
    session.open_vault(&vault, at("2024-08-26 10:00")).unwrap();
    assert_eq!(session.overview(at("2024-08-26 10:00")).unwrap().agenda.counts.due, 0);
    note(&vault, "n.md", "---\n⭕첫 학습날: 2024-08-25\n❤1일복습여부: false\n---\n");
    assert_eq!(session.overview(at("2024-08-26 10:00")).unwrap().agenda.counts.due, 1);
}

fn at_s(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
}

/// A vault with two notes overdue and one due on 2026-11-29, in `tmp/vault`.
fn due_vault(tmp: &tempfile::TempDir) -> PathBuf {
    let vault = tmp.path().join("vault");
    std::fs::create_dir_all(vault.join("네트워크")).unwrap();
    note(&vault, "네트워크/OSI 7계층.md", "---\n⭕첫 학습날: 2026-10-01\n❤1일복습여부: true\n🧡4일복습여부: true\n💛7일복습여부: true\n💚14일복습여부: true\n---\n");
    note(&vault, "EBS 볼륨.md", "---\n⭕첫 학습날: 2026-11-20\n❤1일복습여부: true\n---\n");
    note(&vault, "DNS.md", "---\n⭕첫 학습날: 2026-11-28\n❤1일복습여부: false\n---\n");
    vault
}

/// A session on [`due_vault`], opened at `at`.
fn opened_due_vault(at: &str) -> (tempfile::TempDir, PathBuf, Session) {
    let tmp = tempfile::tempdir().unwrap();
    let vault = due_vault(&tmp);
    let session = session(&tmp);
    session.open_vault(&vault, at_s(at)).unwrap();
    (tmp, vault, session)
}

#[test]
fn reminders_once_per_slot_across_restarts_with_a_real_database() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = due_vault(&tmp);
    let db = tmp.path().join("data/bokseup.sqlite3");
    let session = Session::new(Store::open(&db).unwrap(), tmp.path().join("demo"), Clock::system(4)).unwrap();
    session.open_vault(&vault, at_s("2026-11-29 08:59:50")).unwrap();
    let before = session.remind(at_s("2026-11-29 08:59:50"));
    assert_eq!((before.show.as_ref(), before.wake, before.rescanned), (None, at_s("2026-11-29 09:00:00"), false));
    session.take_requests();
    let tick = session.remind(at_s("2026-11-29 09:00:00"));
    let shown = tick.show.expect("the 09:00 reminder");
    assert_eq!(shown.title, "오늘 복습할 노트 3개");
    // Three notes without cue questions, at the default pace (60 s of reading each).
    assert_eq!(shown.body, "밀린 복습 2개 · OSI 7계층, EBS 볼륨 외 1개 · 오늘 복습 약 3분");
    assert!(tick.rescanned);
    assert_eq!(tick.wake, at_s("2026-11-29 21:00:00"));
    assert_eq!(session.take_requests(), [Request::Reload]);
    assert_eq!(session.remind(at_s("2026-11-29 09:00:30")).show, None);
    drop(session);
    // A restart at 09:05 does not show the 09:00 reminder again.
    let again = Session::new(Store::open(&db).unwrap(), tmp.path().join("demo"), Clock::system(4)).unwrap();
    again.overview(at_s("2026-11-29 09:05:00")).unwrap();
    assert_eq!(again.remind(at_s("2026-11-29 09:05:00")).show, None);
    let status = again.reminder_status(at_s("2026-11-29 09:05:00"));
    assert_eq!((status.due, status.next), (3, Some(at_s("2026-11-29 21:00:00"))));
}

#[test]
fn a_vault_that_disappears_in_the_tray_is_reported_and_the_next_slot_still_fires() {
    let (tmp, vault, session) = opened_due_vault("2026-11-29 08:00:00");
    let moved = tmp.path().join("moved");
    std::fs::rename(&vault, &moved).unwrap();
    let tick = session.remind(at_s("2026-11-29 09:00:00"));
    assert_eq!(tick.show, None);
    assert!(tick.problem.as_deref().unwrap_or_default().contains("폴더를 찾을 수 없습니다"), "{tick:?}");
    std::fs::rename(&moved, &vault).unwrap();
    let tick = session.remind(at_s("2026-11-29 21:00:00"));
    assert_eq!((tick.problem, tick.show.map(|r| r.title)), (None, Some("오늘 복습할 노트 3개".to_string())));
}

#[test]
fn snooze_mute_and_unmute() {
    let (_tmp, _vault, session) = opened_due_vault("2026-11-29 09:00:00");
    assert!(session.remind(at_s("2026-11-29 09:00:00")).show.is_some());
    session.snooze(at_s("2026-11-29 09:00:10")).unwrap();
    assert_eq!(session.reminder_status(at_s("2026-11-29 09:30:00")).snoozed_until, Some(at_s("2026-11-29 10:00:10")));
    assert_eq!(session.remind(at_s("2026-11-29 09:30:00")).wake, at_s("2026-11-29 10:00:10"));
    let back = session.remind(at_s("2026-11-29 10:00:10")).show.expect("snoozed reminder");
    assert_eq!(back.reason, reminder::Reason::Snooze);
    assert_eq!(session.reminder_status(at_s("2026-11-29 10:00:11")).snoozed_until, None);
    session.mute(Mute::Today, at_s("2026-11-29 10:01:00")).unwrap();
    let status = session.reminder_status(at_s("2026-11-29 10:01:00"));
    assert_eq!(
        (status.muted_until, status.next),
        (Some(at_s("2026-11-30 04:00:00")), Some(at_s("2026-11-30 09:00:00")))
    );
    assert_eq!(session.remind(at_s("2026-11-29 21:00:00")).show, None);
    session.unmute().unwrap();
    session.mute(Mute::Hour, at_s("2026-11-29 21:10:00")).unwrap();
    assert_eq!(session.reminder_status(at_s("2026-11-29 21:10:00")).muted_until, Some(at_s("2026-11-29 22:10:00")));
}

#[test]
fn the_login_reminder_comes_shortly_after_a_login_launch() {
    let (_tmp, _vault, session) = opened_due_vault("2026-11-29 10:00:00");
    session.expect_login(at_s("2026-11-29 10:00:00"));
    let first = session.remind(at_s("2026-11-29 10:00:00"));
    assert_eq!((first.show, first.wake), (None, at_s("2026-11-29 10:00:15")));
    let login = session.remind(at_s("2026-11-29 10:00:15")).show.expect("login reminder");
    assert_eq!(login.reason, reminder::Reason::Login);
    // It stood for the missed 09:00 one, and comes once.
    assert_eq!(session.remind(at_s("2026-11-29 10:00:20")).show, None);
}

#[test]
fn the_calendar_file_is_written_when_set_and_follows_reviews() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = due_vault(&tmp);
    let session = session(&tmp);
    let now = at_s("2026-11-29 12:00:00");
    session.open_vault(&vault, now).unwrap();
    let ics = tmp.path().join("sync/복습.ics");
    let set = |path: &Path| Settings { calendar_file: Some(path.to_string_lossy().into()), ..session.settings() };
    // A folder that does not exist: refused, nothing kept.
    let err = session.save_settings(&set(&ics), now).unwrap_err();
    assert!(err.to_string().contains("캘린더 파일을 둘 폴더가 없습니다"), "{err}");
    assert_eq!(session.settings().calendar_file, None);
    // A place that cannot be written: refused, nothing kept.
    let err = session.save_settings(&set(Path::new("/proc/bokseup-test.ics")), now).unwrap_err();
    assert!(err.to_string().contains("캘린더 파일을 쓸 수 없습니다: /proc/bokseup-test.ics"), "{err}");
    assert_eq!(session.settings().calendar_file, None);
    std::fs::create_dir(tmp.path().join("sync")).unwrap();
    session.save_settings(&set(&ics), now).unwrap();
    let first = std::fs::read_to_string(&ics).unwrap();
    assert!(first.contains("SUMMARY:복습 3개\r\n"), "{first}");
    let status = session.reminder_status(now).calendar.unwrap();
    assert_eq!((status.written_at, status.error), (Some(now), None));
    // A review moves the note out of today's event.
    session.review("DNS.md", &ReviewInput::default(), at_s("2026-11-29 12:05:00")).unwrap();
    let after = std::fs::read_to_string(&ics).unwrap();
    assert!(after.contains("SUMMARY:복습 2개\r\n"), "{after}");
    assert_eq!(session.counts(at_s("2026-11-29 12:05:00")).unwrap().due, 0);
    // Nothing changed: not rewritten (the file's time stamp would otherwise move).
    let written = session.export_calendar(at_s("2026-11-29 12:30:00")).unwrap().written_at;
    assert_eq!(written, Some(at_s("2026-11-29 12:05:00")));
}

/// A calendar file kept in a folder of the vault that a sync turned into a link out of it: the
/// write is refused with the link named, and nothing lands where the link points.
#[cfg(unix)]
#[test]
fn the_calendar_file_is_not_written_through_a_link_in_the_vault() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = std::fs::canonicalize(due_vault(&tmp)).unwrap();
    let session = session(&tmp);
    let now = at_s("2026-11-29 12:00:00");
    session.open_vault(&vault, now).unwrap();
    std::fs::create_dir(vault.join("폰")).unwrap();
    let ics = vault.join("폰/복습.ics");
    let settings = Settings { calendar_file: Some(ics.to_string_lossy().into()), ..session.settings() };
    session.save_settings(&settings, now).unwrap();
    assert!(ics.is_file());
    let outside = tempfile::tempdir().unwrap();
    std::fs::remove_dir_all(vault.join("폰")).unwrap();
    std::os::unix::fs::symlink(outside.path(), vault.join("폰")).unwrap();
    session.review("DNS.md", &ReviewInput::default(), at_s("2026-11-29 12:05:00")).unwrap();
    let status = session.reminder_status(at_s("2026-11-29 12:05:00")).calendar.unwrap();
    let error = status.error.expect("the write was refused");
    assert!(error.contains("폰") && error.contains("심볼릭 링크"), "{error}");
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0, "nothing written out of the vault");
}

#[test]
fn a_file_or_a_folder_without_notes_is_refused_and_the_open_vault_stays() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = due_vault(&tmp);
    let session = session(&tmp);
    let now = at_s("2026-11-29 12:00:00");
    session.open_vault(&vault, now).unwrap();
    let file = vault.join("DNS.md");
    assert_eq!(session.open_vault(&file, now).unwrap_err().code(), crate::error::ErrorCode::NotAFolder);
    let empty = tmp.path().join("빈 폴더");
    std::fs::create_dir_all(empty.join(".obsidian")).unwrap();
    std::fs::write(empty.join("그림.png"), b"x").unwrap();
    let err = session.open_vault(&empty, now).unwrap_err();
    assert_eq!(err.code(), crate::error::ErrorCode::NoNotes);
    assert!(err.to_string().contains("빈 폴더"), "{err}");
    assert_eq!(session.open_vault_name().unwrap().0, "vault");
    assert_eq!(session.overview(now).unwrap().name, "vault");
}

/// The window's rescans (the window coming to the front, the reminder timer, the file watcher)
/// run beside a drop of another vault: the vault dropped stays open whichever ends first.
#[test]
fn a_rescan_begun_before_another_vault_opens_never_puts_its_vault_back() {
    let tmp = tempfile::tempdir().unwrap();
    let first = due_vault(&tmp);
    let dropped = tmp.path().join("떨군 볼트");
    std::fs::create_dir_all(&dropped).unwrap();
    note(&dropped, "TCP.md", "---\n⭕첫 학습날: 2026-11-28\n❤1일복습여부: false\n---\n");
    let s = session(&tmp);
    let now = at_s("2026-11-29 12:00:00");
    s.open_vault(&first, now).unwrap();
    // The drop comes while the rescan waits.
    let rescanning = rescan_waits(&s, &first);
    let opened = std::thread::scope(|threads| {
        let rescan = threads.spawn(|| s.overview(now));
        assert!(!rescanning.recv().unwrap(), "the rescan is under way");
        let opened = s.open_vault(&dropped, now).unwrap();
        assert_eq!(opened.name, "떨군 볼트");
        // The rescan ends with the vault it began on, or with the dropped one if it waited; an
        // answer of the vault it began on is numbered before the drop's, which the window keeps.
        let rescanned = rescan.join().unwrap().unwrap();
        match rescanned.name.as_str() {
            "vault" => assert!(rescanned.version < opened.version),
            name => assert_eq!((name, rescanned.version > opened.version), ("떨군 볼트", true)),
        }
        opened
    });
    assert_eq!(s.open_vault_name().unwrap().0, "떨군 볼트");
    let current = s.current_overview(now).unwrap();
    assert_eq!(current.name, "떨군 볼트");
    assert!(current.version >= opened.version);
    assert_eq!(s.current_page(10, now).unwrap().version, current.version, "the same state, a page of it");
    let again = s.overview(now).unwrap();
    assert_eq!(again.name, "떨군 볼트");
    assert!(again.version > current.version, "a scan is a new state");
    assert_eq!(s.rescan_page(10, now).unwrap().version, again.version + 1);
}

/// A rescan that read a note before the app's own review of it, and ends after the review, must
/// not put the note back as it was: the review would come back due on screen and in the tray.
#[test]
fn a_rescan_begun_before_a_review_never_puts_the_note_back_as_it_was() {
    rescan_beside(|s, _, now| {
        s.review("DNS.md", &ReviewInput::default(), now).unwrap();
    });
}

/// The same for a note another program changed, read again alone (the file watcher's way).
#[test]
fn a_rescan_begun_before_another_programs_change_never_puts_the_note_back_as_it_was() {
    rescan_beside(|s, vault, now| {
        let file = std::fs::canonicalize(vault.join("DNS.md")).unwrap();
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, text.replace("❤1일복습여부: false", "❤1일복습여부: true")).unwrap();
        assert!(s.notes_changed(std::slice::from_ref(&file), now).unwrap());
    });
}

/// Opens [`due_vault`], whose DNS.md is due, and has `review_dns` mark it reviewed while a rescan
/// is under way, having read the note already; the open vault must end with the note reviewed.
fn rescan_beside(review_dns: impl Fn(&Session, &Path, NaiveDateTime)) {
    let tmp = tempfile::tempdir().unwrap();
    let vault = due_vault(&tmp);
    let s = session(&tmp);
    let now = at_s("2026-11-29 12:00:00");
    let due = |o: &crate::agenda::Overview| o.agenda.today_reviews.iter().any(|n| n.path == "DNS.md");
    assert!(due(&s.open_vault(&vault, now).unwrap()));
    // The change comes while the rescan waits, after it has read DNS.md.
    let rescanning = rescan_waits(&s, &vault);
    let (rescanned, reviewed) = std::thread::scope(|threads| {
        let rescan = threads.spawn(|| s.overview(now).unwrap());
        assert!(!rescanning.recv().unwrap(), "the rescan is under way");
        review_dns(&s, &vault, now);
        let reviewed = s.current_overview(now).unwrap();
        (rescan.join().unwrap(), reviewed)
    });
    assert!(due(&rescanned), "the rescan read the note before the change");
    assert!(!due(&reviewed) && reviewed.version > rescanned.version, "the change came after it");
    assert!(!due(&s.current_overview(now).unwrap()), "the open vault has the note as changed");
    assert_eq!(s.counts(now).unwrap().due, 0);
}

/// Makes the next rescan of `vault` by `s` wait, and say so: a note just written empty may be
/// half-saved, so the rescan waits for it to be still, reporting its progress meanwhile. Each
/// report comes through the receiver (whether the scan is done).
fn rescan_waits(s: &Session, vault: &Path) -> std::sync::mpsc::Receiver<bool> {
    note(vault, "저장 중.md", "");
    let (heard, rescanning) = std::sync::mpsc::channel();
    let heard = Mutex::new(heard);
    s.listen(Arc::new(move |change| {
        if let Change::Progress(p) = change {
            let _ = heard.lock().unwrap().send(p.done);
        }
    }));
    rescanning
}

/// Every change of the open vault's state numbers it anew: a note another program changed, read
/// alone, and the app's own review, as a scan does.
#[test]
fn the_open_vaults_state_is_numbered_anew_by_every_change() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = due_vault(&tmp);
    let s = session(&tmp);
    let now = at_s("2026-11-29 12:00:00");
    let opened = s.open_vault(&vault, now).unwrap().version;
    assert_eq!(s.current_overview(now).unwrap().version, opened, "nothing changed");
    let file = std::fs::canonicalize(vault.join("DNS.md")).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{text}# 단서 질문\n- 다른 프로그램이 더한 질문?\n")).unwrap();
    assert!(s.notes_changed(std::slice::from_ref(&file), now).unwrap());
    let changed = s.current_overview(now).unwrap().version;
    assert!(changed > opened);
    s.review("DNS.md", &ReviewInput::default(), now).unwrap();
    assert!(s.current_overview(now).unwrap().version > changed, "the app's own write");
}

#[test]
fn offers_and_hints_come_once() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = due_vault(&tmp);
    let session = session(&tmp);
    let now = at_s("2026-11-29 12:00:00");
    session.open_demo(now).unwrap();
    assert!(!session.autostart_offer(), "not for the demo vault");
    session.open_vault(&vault, now).unwrap();
    assert!(session.autostart_offer());
    session.autostart_offered().unwrap();
    assert!(!session.autostart_offer());
    assert!(session.first_hide());
    assert!(!session.first_hide());
    session.request(Request::Review);
    session.request(Request::Review);
    session.request(Request::Notice { message: "x".into() });
    assert_eq!(session.take_requests(), [Request::Review, Request::Notice { message: "x".into() }]);
    assert!(session.take_requests().is_empty());
}

#[test]
fn a_launch_by_the_user_lets_passed_reminders_go() {
    let (_tmp, _vault, session) = opened_due_vault("2026-11-29 15:00:00");
    session.opened_by_user(at_s("2026-11-29 15:00:00"));
    assert_eq!(session.remind(at_s("2026-11-29 15:00:01")).show, None);
    assert!(session.remind(at_s("2026-11-29 21:00:00")).show.is_some(), "the evening one still comes");
}

#[test]
fn the_demo_vault_gets_no_reminders() {
    let tmp = tempfile::tempdir().unwrap();
    let session = session(&tmp);
    session.open_demo(at_s("2026-11-29 08:00:00")).unwrap();
    assert!(session.demo_open());
    let tick = session.remind(at_s("2026-11-29 09:00:00"));
    assert_eq!(tick.show, None);
    assert!(tick.rescanned, "the slot still came round");
}

#[test]
fn every_change_is_announced_to_the_one_listener_whoever_makes_it() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = due_vault(&tmp);
    let s = session(&tmp).command_line();
    let heard = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&heard);
    s.listen(Arc::new(move |change| {
        if !matches!(change, Change::Progress(_)) {
            sink.lock().unwrap().push(change);
        }
    }));
    let take = || std::mem::take(&mut *heard.lock().unwrap());
    let now = at_s("2026-11-29 12:00:00");
    s.open_vault(&vault, now).unwrap();
    assert_eq!(take(), [Change::Agenda], "a vault opened");
    s.review("DNS.md", &ReviewInput::default(), now).unwrap();
    assert_eq!(take(), [Change::Agenda], "a review");
    s.undo(None, now).unwrap();
    assert_eq!(take(), [Change::Agenda], "an undo");
    assert!(!s.rescan(now).unwrap());
    assert_eq!(take(), [Change::Agenda], "a rescan shows the vault again");
    let file = std::fs::canonicalize(vault.join("DNS.md")).unwrap();
    assert!(!s.notes_changed(std::slice::from_ref(&file), now).unwrap());
    assert_eq!(take(), [], "a note read again, unchanged: nothing to tell");
    s.mute(Mute::Hour, now).unwrap();
    s.unmute().unwrap();
    s.snooze(now).unwrap();
    assert_eq!(take(), [Change::Reminders; 3]);
    s.save_settings(&Settings { min_due: 2, ..s.settings() }, now).unwrap();
    assert_eq!(take(), [Change::Reminders], "settings");
    s.drill_answer("DNS.md", "질문?", journal::Grade::Forgot, 3000, now).unwrap();
    assert_eq!(take(), [Change::Learning], "a drill's answer");
    assert!(s.note("DNS.md", now).is_ok());
    assert_eq!(take(), [], "a read tells nobody");
}

/// Regression (the watcher's e2e test, 1 run in 2): a move's news can come as two batches, the
/// new path first. Read alone, the note entered the index as new, and the scan that then saw the
/// old path gone found nothing moved: the note's reviews stayed behind.
#[test]
fn a_note_moved_by_another_program_keeps_its_reviews_whichever_path_is_heard_first() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("공부");
    std::fs::create_dir_all(vault.join("네트워크")).unwrap();
    note(&vault.join("네트워크"), "OSI.md", "---\n⭕첫 학습날: 2024-09-01\n❤1일복습여부: false\n---\n- 단서?\n");
    let s = session(&tmp);
    let now = at("2024-09-02 09:00");
    s.open_vault(&vault, now).unwrap();
    s.review("네트워크/OSI.md", &ReviewInput::default(), now).unwrap();
    let root = std::fs::canonicalize(&vault).unwrap();
    std::fs::create_dir(vault.join("아카이브")).unwrap();
    std::fs::rename(vault.join("네트워크/OSI.md"), vault.join("아카이브/OSI.md")).unwrap();
    let later = at("2024-09-02 09:05");
    assert!(s.notes_changed(&[root.join("아카이브/OSI.md")], later).unwrap());
    s.notes_changed(&[root.join("네트워크/OSI.md")], later).unwrap();
    let page = s.note_page("아카이브/OSI.md", later).unwrap();
    assert_eq!(page.history.len(), 1, "the review moved with the note");
    assert!(s.current_overview(later).unwrap().agenda.notes().iter().all(|n| n.path != "네트워크/OSI.md"));
}

#[test]
fn the_first_screen_takes_the_vault_opened_ahead_and_reports_what_could_not_be_opened() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("공부");
    std::fs::create_dir_all(&vault).unwrap();
    note(&vault, "가.md", "---\n⭕첫 학습날: 2024-09-01\n❤1일복습여부: false\n---\n");
    note(&vault, "나.md", "---\n⭕첫 학습날: 2024-09-01\n❤1일복습여부: false\n---\n");
    let now = at("2024-09-02 09:00");
    // The launch opens the vault while the page loads; the first screen takes that scan, not
    // a read of its own: a note gone since is still on it.
    let s = session(&tmp).starting_on(Some(vault.clone()));
    s.open_ahead(now);
    std::fs::rename(vault.join("나.md"), tmp.path().join("나.md")).unwrap();
    assert_eq!(s.first_screen(10, now).unwrap().agenda.counts.due, 2);
    assert_eq!(s.overview(now).unwrap().agenda.counts.due, 1, "a rescan sees it gone");
    std::fs::rename(tmp.path().join("나.md"), vault.join("나.md")).unwrap();
    // The page may ask while the vault is being opened: it waits for that scan.
    let s = session(&tmp).starting_on(Some(vault.clone()));
    std::thread::scope(|scope| {
        scope.spawn(|| s.open_ahead(now));
        assert_eq!(s.first_screen(10, now).unwrap().agenda.counts.due, 2);
    });

    let missing = session(&tmp).starting_on(Some(tmp.path().join("없는 폴더")));
    missing.open_ahead(now);
    let err = missing.first_screen(10, now).unwrap_err();
    assert_eq!(err.code(), crate::error::ErrorCode::MissingFolder, "said on the first screen: {err}");
}

#[test]
fn a_scans_index_rows_are_stored_off_the_screens_path_and_before_the_process_ends() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = due_vault(&tmp);
    let db = tmp.path().join("bokseup.sqlite3");
    let key = crate::store::vault_key(&crate::vault::canonical(&vault).unwrap());
    let open = || {
        Session::new(Store::open(&db).unwrap(), tmp.path().join("demo"), Clock::system(4))
            .unwrap()
            .with_settle(std::time::Duration::ZERO)
    };
    // The command line's way out: the rows are stored although the notes are never freed.
    let session = open();
    assert_eq!(session.open_vault(&vault, at("2026-11-29 10:00")).unwrap().agenda.counts.overdue, 2);
    session.end_for_exit();
    assert_eq!(Store::open(&db).unwrap().known_notes(&key).unwrap().len(), 3);
    // The window's: a note deleted is gone from the index once the next scan's rows are stored,
    // and that scan waited for the rows of the one before.
    let session = open();
    session.open_vault(&vault, at("2026-11-29 10:00")).unwrap();
    std::fs::remove_file(vault.join("DNS.md")).unwrap();
    assert_eq!(session.overview(at("2026-11-29 10:00")).unwrap().agenda.counts.due, 0);
    drop(session);
    let known = Store::open(&db).unwrap().known_notes(&key).unwrap();
    assert_eq!(
        known.keys().collect::<std::collections::BTreeSet<_>>(),
        ["EBS 볼륨.md", "네트워크/OSI 7계층.md"]
            .iter()
            .map(|s| s.to_string())
            .collect::<std::collections::BTreeSet<_>>()
            .iter()
            .collect()
    );
}

#[test]
fn the_reminder_status_says_whether_reminders_run_until_the_share_is_done() {
    let (_tmp, _vault, session) = opened_due_vault("2026-11-29 09:00:00");
    let now = at_s("2026-11-29 09:00:00");
    assert!(!session.reminder_status(now).until_done);
    let settings = Settings { until_done: true, ..session.settings() };
    session.save_settings(&settings, now).unwrap();
    session.mute(Mute::Hour, now).unwrap();
    let status = session.reminder_status(now);
    assert!(status.until_done);
    assert_eq!((status.muted_until, status.break_until), (Some(at_s("2026-11-29 10:00:00")), None));
}

/// A start through the index has the cues counted, not read; the answers of a review and the
/// drill's questions still get each question's text, from the note's file as it is now.
#[test]
fn questions_of_notes_taken_from_the_index_are_read_back_for_answers_and_the_drill() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    std::fs::create_dir_all(&vault).unwrap();
    let cues = "### 단서 질문\n- 첫째 질문?\n    답 하나\n- 둘째 질문?\n    답 둘\n";
    for name in ["가.md", "나.md"] {
        note(&vault, name, &format!("---\n⭕첫 학습날: 2026-11-28\n❤1일복습여부: false\n---\n{cues}"));
    }
    let db = tmp.path().join("bokseup.sqlite3");
    let key = crate::store::vault_key(&crate::vault::canonical(&vault).unwrap());
    let open = || {
        let store = Store::open(&db).unwrap().with_quiet(std::time::Duration::ZERO);
        Session::new(store, tmp.path().join("demo"), Clock::system(4)).unwrap().with_settle(std::time::Duration::ZERO)
    };
    let now = at("2026-11-29 10:00");
    let first = open();
    first.open_vault(&vault, now).unwrap();
    first.end_for_exit();

    let session = open();
    let overview = session.open_vault(&vault, now).unwrap();
    assert_eq!(overview.agenda.today_reviews.iter().map(|n| n.cues).collect::<Vec<_>>(), [2, 2]);
    let read = |rel: &str| session.lock_open().as_ref().unwrap().scan.note(rel).unwrap().cues.is_read();
    assert!(!read("가.md") && !read("나.md"), "taken from the rows, the questions counted");

    let grades = vec![crate::journal::Grade::Remembered, crate::journal::Grade::Forgot];
    session.review("가.md", &ReviewInput { grades, seconds: 30, ..ReviewInput::default() }, now).unwrap();
    let answered = |rel: &str| -> Vec<(String, String)> {
        let answers = session.store().answers(&key).unwrap();
        answers.into_iter().filter(|a| a.note == rel).map(|a| (a.question, format!("{:?}", a.grade))).collect()
    };
    assert_eq!(answered("가.md"), [("첫째 질문?".into(), "Remembered".into()), ("둘째 질문?".into(), "Forgot".into())]);
    let weak = |at: &str| -> Vec<(String, String)> {
        let size = crate::drill::Size::Questions(10);
        let weak = session.weak(size, None, self::at(at)).unwrap();
        weak.into_iter().map(|w| (w.path, w.question)).collect()
    };
    // A drill leaves the note as it is, taken from its row: its question's text is read back.
    session.drill_answer("나.md", "첫째 질문?", crate::journal::Grade::Forgot, 3000, at("2026-11-29 10:01")).unwrap();
    assert!(!read("나.md"));
    let both = [("가.md".into(), "둘째 질문?".into()), ("나.md".into(), "첫째 질문?".into())];
    let mut found = weak("2026-11-29 10:02");
    found.sort();
    assert_eq!(found, both);

    // A question edited in another program, the note still as its row has it: the text read
    // again, not the one read before (its file's stamp changed).
    let edited = std::fs::read_to_string(vault.join("나.md")).unwrap().replace("첫째 질문?", "첫째 질문은?");
    std::fs::write(vault.join("나.md"), edited).unwrap();
    let mut found = weak("2026-11-29 10:03");
    found.sort();
    assert_eq!(found, [("가.md".into(), "둘째 질문?".into()), ("나.md".into(), "첫째 질문은?".into())]);
    std::fs::write(vault.join("나.md"), format!("---\n⭕첫 학습날: 2026-11-28\n❤1일복습여부: false\n---\n{cues}"))
        .unwrap();
    assert!(!read("나.md"));
    let grades = vec![crate::journal::Grade::Forgot, crate::journal::Grade::Remembered];
    session.review("나.md", &ReviewInput { grades, seconds: 30, ..ReviewInput::default() }, now).unwrap();
    let mut review = answered("나.md");
    review.sort();
    let drilled_and_reviewed = [("둘째 질문?", "Remembered"), ("첫째 질문?", "Forgot"), ("첫째 질문?", "Forgot")];
    assert_eq!(review, drilled_and_reviewed.map(|(q, g)| (q.to_string(), g.to_string())));
}
