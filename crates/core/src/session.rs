//! The app's state between commands: which vault is open, the database, and which day it is.
//! The Tauri commands are one-line calls into a [`Session`], so everything they do is tested here
//! without a window.

use crate::agenda::{Agenda, NoteView, Overview};
use crate::error::{Error, Result};
use crate::journal::{self, ReviewInput, Undone, Written};
use crate::note::Note;
use crate::render::Links;
use crate::schedule::today_at;
use crate::store::Store;
use crate::{demo, frontmatter, vault};
use chrono::{NaiveDate, NaiveDateTime};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// One running app: its database, the demo vault's folder, and the open vault.
pub struct Session {
    store: Mutex<Store>,
    demo_dir: PathBuf,
    pinned_today: Option<NaiveDate>,
    pinned_time: Option<chrono::NaiveTime>,
    start_vault: Option<PathBuf>,
    open: Mutex<Option<OpenVault>>,
    /// The journal id of this session's first write: undo reaches back no further.
    first_edit: i64,
}

#[derive(Debug, Clone)]
struct OpenVault {
    path: PathBuf,
    demo: bool,
    links: Links,
}

impl Session {
    /// A session over `store`, with the demo vault kept in `demo_dir`. `pinned_today` fixes the
    /// date (the `--today` option) instead of the clock.
    ///
    /// Writes that a crash left pending in the journal are settled first.
    pub fn new(mut store: Store, demo_dir: PathBuf, pinned_today: Option<NaiveDate>) -> Result<Session> {
        journal::reconcile(&mut store)?;
        let first_edit = store.next_edit_id()?;
        Ok(Session {
            store: Mutex::new(store),
            demo_dir,
            pinned_today,
            pinned_time: None,
            start_vault: None,
            open: Mutex::new(None),
            first_edit,
        })
    }

    /// Fixes the time of day written by reviews (the `--time` option), for tests and demos.
    pub fn at_time(mut self, time: Option<chrono::NaiveTime>) -> Session {
        self.pinned_time = time;
        self
    }

    /// The time of day `now` as reviews record it: the pinned time, if any.
    fn clock(&self, now: NaiveDateTime) -> NaiveDateTime {
        self.pinned_time.map_or(now, |t| now.date().and_time(t))
    }

    /// Makes the first [`Session::overview`] open `vault` (named on the command line) instead of
    /// the remembered one.
    pub fn starting_on(mut self, vault: Option<PathBuf>) -> Session {
        self.start_vault = vault;
        self
    }

    /// The day reviews are computed for at local time `now`: the pinned date, else `now`'s date
    /// moved by the rollover hour setting.
    pub fn today(&self, now: NaiveDateTime) -> NaiveDate {
        if let Some(day) = self.pinned_today {
            return day;
        }
        let hour = self.store().rollover_hour();
        today_at(now, hour)
    }

    /// Opens the vault the app starts on: `requested` (from the command line) if given, else the
    /// vault opened last if its folder still exists, else the demo vault.
    pub fn start(&self, requested: Option<&Path>, now: NaiveDateTime) -> Result<Overview> {
        if let Some(path) = requested {
            return self.open_vault(path, now);
        }
        let remembered = self.store().current_vault()?;
        match remembered.filter(|p| p.is_dir()) {
            Some(path) => self.open_vault(&path, now),
            None => self.open_demo(now),
        }
    }

    /// Opens a vault chosen by the user and remembers it for the next launch.
    pub fn open_vault(&self, path: &Path, now: NaiveDateTime) -> Result<Overview> {
        if !path.is_dir() {
            return Err(Error::MissingFolder(path.to_path_buf()));
        }
        let path = std::fs::canonicalize(path).map_err(Error::Read)?;
        let overview = self.overview_of(&path, false, now)?;
        self.store().remember_vault(&path, now)?;
        Ok(overview)
    }

    /// Opens the demo vault, writing it first (dates relative to today) if it does not exist.
    pub fn open_demo(&self, now: NaiveDateTime) -> Result<Overview> {
        if !self.demo_dir.is_dir() {
            demo::write(&self.demo_dir, self.today(now))?;
        }
        self.overview_of(&self.demo_dir, true, now)
    }

    /// Scans the open vault again and groups it for today; opens the start vault (see
    /// [`Session::start`]) if none is open yet.
    pub fn overview(&self, now: NaiveDateTime) -> Result<Overview> {
        let open = self.lock_open().clone();
        match open {
            Some(v) => self.overview_of(&v.path, v.demo, now),
            None => self.start(self.start_vault.as_deref(), now),
        }
    }

    /// Scans `path`, makes it the open vault, and groups it for today.
    fn overview_of(&self, path: &Path, demo: bool, now: NaiveDateTime) -> Result<Overview> {
        let scan = vault::scan(path)?;
        *self.lock_open() = Some(OpenVault { path: path.to_path_buf(), demo, links: scan.links() });
        Ok(Overview::new(path, demo, Agenda::new(&scan, self.today(now))))
    }

    /// Opens the note `rel` of the open vault for review: its schedule, cue questions and body as
    /// safe HTML.
    pub fn note(&self, rel: &str, now: NaiveDateTime) -> Result<NoteView> {
        let open = self.current(now)?;
        let bytes = std::fs::read(journal::note_path(&open.path, rel)?).map_err(Error::Read)?;
        let note = Note::parse(rel, &bytes)?;
        let body = frontmatter::split(frontmatter::decode(&bytes)?)?.body;
        Ok(NoteView::new(&note, body, &open.links, self.today(now)))
    }

    /// Marks a review of `rel` done now (REVIEW-MODEL.md 3.1) and logs it.
    pub fn review(&self, rel: &str, input: &ReviewInput, now: NaiveDateTime) -> Result<Written> {
        let (vault, today, now) = self.write_context(now)?;
        journal::review(&mut self.store(), &vault, rel, input, today, now)
    }

    /// Starts the not-started note `rel` today.
    pub fn start_note(&self, rel: &str, now: NaiveDateTime) -> Result<Written> {
        let (vault, today, now) = self.write_context(now)?;
        journal::start(&mut self.store(), &vault, rel, today, now)
    }

    /// Makes the plain note `rel` a review note starting today.
    pub fn enroll(&self, rel: &str, now: NaiveDateTime) -> Result<Written> {
        let (vault, today, now) = self.write_context(now)?;
        journal::enroll(&mut self.store(), &vault, rel, today, now)
    }

    /// The open vault, the review day and the recorded time of a write at `now`. Computed before a
    /// write takes the store's lock: [`Session::today`] reads a setting from the store itself.
    fn write_context(&self, now: NaiveDateTime) -> Result<(PathBuf, NaiveDate, NaiveDateTime)> {
        let open = self.current(now)?;
        Ok((open.path, self.today(now), self.clock(now)))
    }

    /// Undoes this session's newest write in the open vault.
    pub fn undo(&self, now: NaiveDateTime) -> Result<Undone> {
        let open = self.current(now)?;
        journal::undo(&mut self.store(), &open.path, self.first_edit)
    }

    /// An image of the open vault for the `vault:` protocol: its bytes and MIME type. Only image
    /// files inside the vault are served.
    pub fn image(&self, url_path: &str, now: NaiveDateTime) -> Result<(Vec<u8>, &'static str)> {
        let rel = crate::render::path_from_url(url_path).ok_or_else(|| Error::OutsideVault(url_path.to_string()))?;
        let mime = crate::render::image_type(&rel).ok_or_else(|| Error::OutsideVault(rel.clone()))?;
        let open = self.current(now)?;
        let bytes = std::fs::read(vault::resolve(&open.path, &rel)?).map_err(Error::Read)?;
        Ok((bytes, mime))
    }

    fn current(&self, now: NaiveDateTime) -> Result<OpenVault> {
        if self.lock_open().is_none() {
            self.overview(now)?;
        }
        self.lock_open().clone().ok_or_else(|| Error::MissingFolder(self.demo_dir.clone()))
    }

    fn store(&self) -> std::sync::MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn lock_open(&self) -> std::sync::MutexGuard<'_, Option<OpenVault>> {
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::ROLLOVER_SETTING;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    /// A session on a fresh in-memory database, its demo vault in `tmp`, with today pinned.
    fn pinned(tmp: &tempfile::TempDir, today: &str) -> Session {
        Session::new(Store::open_in_memory().unwrap(), tmp.path().join("demo"), Some(today.parse().unwrap())).unwrap()
    }

    fn note(dir: &Path, name: &str, text: &str) {
        std::fs::write(dir.join(name), text).unwrap();
    }

    #[test]
    fn first_launch_opens_the_demo_then_the_chosen_vault_is_remembered() {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("data/bokseup.sqlite3");
        let demo_dir = tmp.path().join("data/demo-vault");
        let mine = tmp.path().join("내 볼트");
        std::fs::create_dir(&mine).unwrap();
        note(&mine, "a.md", "---\n⭕첫 학습날: 2024-08-25\n❤1일복습여부: false\n---\n");

        let session = Session::new(Store::open(&db).unwrap(), demo_dir.clone(), None).unwrap();
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
        let again = Session::new(Store::open(&db).unwrap(), demo_dir, None).unwrap();
        let reopened = again.start(None, at("2026-11-29 09:00")).unwrap();
        assert_eq!(reopened.vault, std::fs::canonicalize(&mine).unwrap().to_string_lossy());
        assert_eq!(reopened.agenda.today, "2026-11-29".parse::<NaiveDate>().unwrap());
    }

    #[test]
    fn a_vault_that_disappeared_falls_back_to_the_demo() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open_in_memory().unwrap();
        store.remember_vault(&tmp.path().join("gone"), at("2026-11-01 10:00")).unwrap();
        let session = Session::new(store, tmp.path().join("demo"), None).unwrap();
        assert!(session.start(None, at("2026-11-28 10:00")).unwrap().demo);
    }

    #[test]
    fn opening_a_missing_folder_is_a_coded_error() {
        let session = Session::new(Store::open_in_memory().unwrap(), "/nonexistent/demo".into(), None).unwrap();
        let err = session.open_vault(Path::new("/no/such/folder"), at("2026-11-28 10:00")).unwrap_err();
        assert_eq!(err.code(), crate::error::ErrorCode::MissingFolder);
        assert!(err.to_string().contains("/no/such/folder"));
    }

    #[test]
    fn today_follows_pin_then_rollover_setting() {
        let pinned =
            Session::new(Store::open_in_memory().unwrap(), "/d".into(), Some("2024-10-27".parse().unwrap())).unwrap();
        assert_eq!(pinned.today(at("2026-11-28 10:00")).to_string(), "2024-10-27");
        let session = Session::new(Store::open_in_memory().unwrap(), "/d".into(), None).unwrap();
        assert_eq!(session.today(at("2026-11-28 03:00")).to_string(), "2026-11-27");
        session.store().set_setting(ROLLOVER_SETTING, "0").unwrap();
        assert_eq!(session.today(at("2026-11-28 03:00")).to_string(), "2026-11-28");
    }

    #[test]
    fn a_day_of_reviews_on_the_demo_vault() {
        let tmp = tempfile::tempdir().unwrap();
        let session = pinned(&tmp, "2026-11-28");
        let now = at("2026-11-28 20:00");
        let queue = session.overview(now).unwrap().agenda.today_reviews;
        assert_eq!(queue.len(), 7);
        for note in &queue {
            let view = session.note(&note.path, now).unwrap();
            assert_eq!(view.cues.len(), note.cues);
            let input = ReviewInput {
                grades: vec![crate::journal::Grade::Remembered; view.cues.len()],
                seconds: 30,
                long_term: false,
            };
            let written = session.review(&note.path, &input, now).unwrap();
            assert_eq!(written.note.status, Some(crate::schedule::Status::Upcoming), "{}", note.path);
        }
        let after = session.overview(now).unwrap().agenda;
        assert_eq!((after.counts.overdue, after.counts.due), (0, 0));
        // Undo goes back through this session's writes, newest first.
        assert_eq!(session.undo(now).unwrap().path, queue.last().unwrap().path);
        assert_eq!(session.overview(now).unwrap().agenda.counts.due, 1);
        // Start and enroll.
        let not_started = "AWS/IAM 정책.md";
        assert_eq!(session.start_note(not_started, now).unwrap().note.stage.as_deref(), Some("1일 복습"));
        let plain = "복습 사용법.md";
        assert_eq!(session.enroll(plain, now).unwrap().note.kind, crate::note::Kind::Review);
    }

    /// Regression: without a pinned date, `today` reads the rollover setting from the store, so it
    /// must not run while a write holds the store's lock (it deadlocked the app's 완료 button).
    #[test]
    fn writes_on_the_real_clock_do_not_deadlock() {
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let tmp = tempfile::tempdir().unwrap();
            let session = Session::new(Store::open_in_memory().unwrap(), tmp.path().join("demo"), None).unwrap();
            let now = at("2026-11-28 20:00");
            session.open_demo(now).unwrap();
            let review =
                session.review("AWS/S3 스토리지 클래스.md", &ReviewInput::default(), now).map(|w| w.note.status);
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
        let session = pinned(&tmp, "2026-11-28");
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
        let session = Session::new(Store::open_in_memory().unwrap(), tmp.path().join("demo"), None)
            .unwrap()
            .starting_on(Some(tmp.path().to_path_buf()));
        assert!(!session.overview(at("2026-11-28 10:00")).unwrap().demo);
    }

    #[test]
    fn overview_rescans_the_open_vault() {
        let tmp = tempfile::tempdir().unwrap();
        let session = pinned(&tmp, "2024-08-26");
        let vault = tmp.path().join("v");
        std::fs::create_dir(&vault).unwrap();
        session.open_vault(&vault, at("2024-08-26 10:00")).unwrap();
        assert_eq!(session.overview(at("2024-08-26 10:00")).unwrap().agenda.counts.due, 0);
        note(&vault, "n.md", "---\n⭕첫 학습날: 2024-08-25\n❤1일복습여부: false\n---\n");
        assert_eq!(session.overview(at("2024-08-26 10:00")).unwrap().agenda.counts.due, 1);
    }
}
