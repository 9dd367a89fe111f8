//! Publishing to a real CalDAV server: Radicale (installed by `scripts/setup.sh` into
//! `target/tools/radicale`), started by each test on 127.0.0.1 with a password file. What the
//! server holds is read from its storage folder on disk, not through the app's own client.

use bokseup_core::caldav::{self, Account};
use bokseup_core::clock::Clock;
use bokseup_core::error::{Error, Remote};
use bokseup_core::journal::ReviewInput;
use bokseup_core::session::Session;
use bokseup_core::store::Store;
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::BTreeMap;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const USER: &str = "student";
const PASSWORD: &str = "비밀 app-pw 1234";

fn radicale_python() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let python = root.join("target/tools/radicale/bin/python");
    assert!(python.exists(), "Radicale is not installed: run scripts/setup.sh (it puts it in {})", python.display());
    python
}

/// A Radicale server on a free port of 127.0.0.1, its storage in `dir`; stopped when dropped.
struct Server {
    child: Option<Child>,
    port: u16,
    dir: PathBuf,
}

impl Server {
    fn start(dir: &Path) -> Server {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut server = Server { child: None, port, dir: dir.to_path_buf() };
        server.restart();
        server
    }

    fn restart(&mut self) {
        std::fs::create_dir_all(&self.dir).unwrap();
        let users = self.dir.join("users");
        std::fs::write(&users, format!("{USER}:{PASSWORD}\n")).unwrap();
        let child = Command::new(radicale_python())
            .args(["-m", "radicale", "--server-hosts", &format!("127.0.0.1:{}", self.port)])
            .args(["--storage-filesystem-folder", &self.dir.join("store").to_string_lossy()])
            .args(["--auth-type", "htpasswd", "--auth-htpasswd-filename", &users.to_string_lossy()])
            .args(["--auth-htpasswd-encryption", "plain", "--logging-level", "warning"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        self.child = Some(child);
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(start.elapsed() < Duration::from_secs(20), "Radicale did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/{USER}/bokseup/", self.port)
    }

    fn account(&self) -> Account {
        Account { url: self.url(), user: USER.into(), password: PASSWORD.into() }
    }

    /// The calendar's events as Radicale keeps them on disk: file name → text.
    fn held(&self) -> BTreeMap<String, String> {
        let dir = self.dir.join("store/collection-root").join(USER).join("bokseup");
        let Ok(entries) = std::fs::read_dir(&dir) else { return BTreeMap::new() };
        entries
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "ics"))
            .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read_to_string(e.path()).unwrap()))
            .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

/// A session of the app on a real database with the demo vault written for `today` and opened
/// as the student's own vault (the one the app publishes by itself).
fn vault(tmp: &Path, today: &str) -> (Session, PathBuf) {
    let vault = tmp.join("공부");
    let day: NaiveDate = today.parse().unwrap();
    bokseup_core::demo::write(&vault, day).unwrap();
    let session = Session::new(Store::open(&tmp.join("app.db")).unwrap(), tmp.join("demo"), Clock::system(4)).unwrap();
    session.open_vault(&vault, at(&format!("{today} 12:00"))).unwrap();
    (session, vault)
}

fn uids(held: &BTreeMap<String, String>) -> Vec<String> {
    let mut out: Vec<String> = held
        .values()
        .flat_map(|t| t.lines().filter_map(|l| l.trim_end().strip_prefix("UID:").map(String::from)))
        .collect();
    out.sort();
    out
}

#[test]
fn first_publish_then_nothing_changes_then_a_review_moves_the_day() {
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(&tmp.path().join("radicale"));
    let (session, _) = vault(tmp.path(), "2026-11-28");
    let now = at("2026-11-28 12:00");

    let first = session.publish(&server.account(), 60, now).unwrap();
    let days = session.forecast(now, 60).unwrap();
    assert!(days.len() >= 5, "the demo has reviews on several days: {}", days.len());
    assert_eq!((first.created, first.updated, first.deleted), (days.len(), 0, 0));
    assert_eq!(first.calendar, server.url());
    let held = server.held();
    assert_eq!(held.len(), days.len());
    // The same UIDs as the calendar file, each event with its display alarm.
    let (ics, _) = session.ics(60, now).unwrap();
    let mut feed: Vec<String> = ics.lines().filter_map(|l| l.strip_prefix("UID:").map(String::from)).collect();
    feed.sort();
    assert_eq!(uids(&held), feed);
    assert!(held.values().all(|t| t.contains("BEGIN:VALARM") && t.contains("ACTION:DISPLAY")));
    assert!(held.values().any(|t| t.contains("SUMMARY:복습 ")));

    // Again, an hour later: nothing is written (the files, and so their ETags, are the same).
    let again = session.publish(&server.account(), 60, at("2026-11-28 13:00")).unwrap();
    assert_eq!((again.created, again.updated, again.deleted, again.unchanged), (0, 0, 0, days.len()));
    assert_eq!(server.held(), held);

    // Today's reviews done: today's event goes, the next days' events change.
    let today: Vec<String> = session.agenda(now).unwrap().today_reviews.iter().map(|n| n.path.clone()).collect();
    assert!(!today.is_empty());
    for path in &today {
        let input = ReviewInput { grades: vec![], seconds: 60, ..ReviewInput::default() };
        session.review(path, &input, at("2026-11-28 20:00")).unwrap();
    }
    let after = session.publish(&server.account(), 60, at("2026-11-28 20:05")).unwrap();
    assert!(after.deleted >= 1, "{after:?}");
    let held = server.held();
    assert!(!held.keys().any(|f| f.starts_with("20261128-")), "today's event is gone: {:?}", held.keys());
    assert_eq!(held.len(), session.forecast(at("2026-11-28 20:05"), 60).unwrap().len());
}

/// The UIDs of the calendar file for the same days: what the server must hold.
fn forecast_uids(session: &Session, now: NaiveDateTime) -> Vec<String> {
    let (ics, _) = session.ics(60, now).unwrap();
    let mut out: Vec<String> = ics.lines().filter_map(|l| l.strip_prefix("UID:").map(String::from)).collect();
    out.sort();
    out
}

#[test]
fn a_moved_first_study_moves_its_events() {
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(&tmp.path().join("radicale"));
    let (session, vault) = vault(tmp.path(), "2026-11-28");
    let now = at("2026-11-28 12:00");
    session.publish(&server.account(), 60, now).unwrap();
    assert_eq!(uids(&server.held()), forecast_uids(&session, now));
    // A new note first studied on 12-20, then its first study moved to 12-22 in Obsidian.
    let note = vault.join("운영체제/새 노트.md");
    let mut previous = forecast_uids(&session, now);
    for day0 in ["2026-12-20", "2026-12-22"] {
        std::fs::write(&note, format!("---\n⭕첫 학습날: {day0}\n❤1일복습여부: false\n---\n")).unwrap();
        session.notes_changed(std::slice::from_ref(&note), now).unwrap();
        let want = forecast_uids(&session, now);
        let moved = session.publish(&server.account(), 60, now).unwrap();
        let new = want.iter().filter(|u| !previous.contains(u)).count();
        let gone = previous.iter().filter(|u| !want.contains(u)).count();
        assert_eq!((moved.created, moved.deleted), (new, gone), "{day0}: {moved:?}");
        assert!(moved.created + moved.updated >= 1, "{day0}: {moved:?}");
        assert_eq!(uids(&server.held()), want, "{day0}");
        previous = want;
    }
    assert!(previous.iter().any(|u| u.starts_with("20261223-")), "the D1 of the moved note");
}

#[test]
fn a_wrong_password_writes_nothing_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(&tmp.path().join("radicale"));
    let (session, _) = vault(tmp.path(), "2026-11-28");
    let wrong = Account { password: "wrong".into(), ..server.account() };
    let e = session.publish(&wrong, 60, at("2026-11-28 12:00")).unwrap_err();
    assert!(matches!(e, Error::Calendar(Remote::Unauthorized)), "{e:?}");
    let text = e.to_string();
    assert!(text.contains("401") && !text.contains("wrong"), "{text}");
    assert!(server.held().is_empty());
    let status = session.publish_status().unwrap();
    assert_eq!(status.error.as_deref(), Some(text.as_str()));
    assert_eq!(status.retry_at, None, "a wrong password is not tried again by itself");
    assert!(!session.publish_wanted(&wrong, 60, at("2026-11-28 12:30")));
    assert!(session.publish_wanted(&server.account(), 60, at("2026-11-28 12:30")), "a new password is tried");
}

#[test]
fn a_server_stopped_mid_publish_is_mended_by_the_next_publish() {
    let tmp = tempfile::tempdir().unwrap();
    let mut server = Server::start(&tmp.path().join("radicale"));
    let (session, _) = vault(tmp.path(), "2026-11-28");
    let now = at("2026-11-28 12:00");
    // Stop the server once it holds two events.
    let store = server.dir.join("store/collection-root").join(USER).join("bokseup");
    let pid = server.child.as_ref().unwrap().id();
    let killer = std::thread::spawn(move || {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(30) {
            let n = std::fs::read_dir(&store)
                .map_or(0, |d| d.flatten().filter(|e| e.file_name().to_string_lossy().ends_with(".ics")).count());
            if n >= 2 {
                unsafe { libc::kill(pid as i32, libc::SIGKILL) };
                return true;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        false
    });
    let cut = session.publish(&server.account(), 60, now);
    assert!(killer.join().unwrap(), "the server was stopped");
    let e = cut.unwrap_err();
    assert!(matches!(&e, Error::Calendar(r) if r.transient()), "{e:?}");
    let status = session.publish_status().unwrap();
    assert!(status.retry_at.is_some_and(|r| r > now), "{status:?}");
    assert!(!session.publish_wanted(&server.account(), 60, now), "it waits for the retry time");
    server.stop();
    server.restart();
    let later = at("2026-11-28 12:05");
    assert!(session.publish_wanted(&server.account(), 60, later));
    let mended = session.publish(&server.account(), 60, later).unwrap();
    assert_eq!(server.held().len(), session.forecast(later, 60).unwrap().len(), "{mended:?}");
    assert!(mended.unchanged >= 1, "what was put before the cut stays: {mended:?}");
    assert!(!session.publish_wanted(&server.account(), 60, later));
}

#[test]
fn only_the_apps_own_vault_is_published_by_itself() {
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(&tmp.path().join("radicale"));
    let vault = tmp.path().join("공부");
    bokseup_core::demo::write(&vault, "2026-11-28".parse().unwrap()).unwrap();
    let now = at("2026-11-28 12:00");
    // The command line names a vault: it publishes when told to, never by itself.
    let line =
        Session::new(Store::open(&tmp.path().join("cli.db")).unwrap(), tmp.path().join("demo"), Clock::system(4))
            .unwrap()
            .command_line();
    line.open_vault(&vault, now).unwrap();
    assert!(!line.publish_wanted(&server.account(), 60, now));
    // The demo vault is never published.
    let app = Session::new(Store::open(&tmp.path().join("app.db")).unwrap(), tmp.path().join("demo"), Clock::system(4))
        .unwrap();
    app.open_demo(now).unwrap();
    assert!(!app.publish_wanted(&server.account(), 60, now));
    app.open_vault(&vault, now).unwrap();
    assert!(app.publish_wanted(&server.account(), 60, now));
}

#[test]
fn an_event_the_app_did_not_make_is_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(&tmp.path().join("radicale"));
    let (session, _) = vault(tmp.path(), "2026-11-28");
    caldav::check(&server.account()).unwrap();
    let mine = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//me//EN\r\nBEGIN:VEVENT\r\nUID:20261129-0000000000000000@bokseup\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261129T100000Z\r\nSUMMARY:동아리 모임\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let agent = ureq::Agent::new_with_defaults();
    let put = agent
        .put(format!("{}club.ics", server.url()))
        .header("Authorization", &format!("Basic {}", b64(&format!("{USER}:{PASSWORD}"))))
        .header("Content-Type", "text/calendar")
        .send(mine)
        .unwrap();
    assert_eq!(put.status().as_u16(), 201);
    let now = at("2026-11-28 12:00");
    session.publish(&server.account(), 60, now).unwrap();
    session.publish(&server.account(), 3, now).unwrap();
    let held = server.held();
    let club = held.get("club.ics").expect("the student's own event is still there");
    assert!(club.contains("동아리 모임") && club.contains("UID:20261129-0000000000000000@bokseup"), "{club}");
    assert_eq!(held.len(), session.forecast(now, 3).unwrap().len() + 1);
}

#[test]
fn the_server_address_alone_finds_or_makes_the_calendar() {
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(&tmp.path().join("radicale"));
    let root = Account { url: format!("http://127.0.0.1:{}/", server.port), ..server.account() };
    assert_eq!(caldav::check(&root).unwrap(), server.url(), "found through the principal and its calendar home");
    let (session, _) = vault(tmp.path(), "2026-11-28");
    let done = session.publish(&root, 60, at("2026-11-28 12:00")).unwrap();
    assert_eq!(done.calendar, server.url());
    assert_eq!(server.held().len(), done.created);
    assert_eq!(caldav::check(&root).unwrap(), server.url(), "and found again, not made twice");
}

#[test]
fn addresses_that_are_not_a_calendar_server_say_what_to_fix() {
    let account = |url: String| Account { url, user: USER.into(), password: PASSWORD.into() };
    // Nothing listening.
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let e = caldav::check(&account(format!("http://127.0.0.1:{port}/x/"))).unwrap_err();
    assert!(matches!(&e, Error::Calendar(Remote::Refused(_))), "{e:?}");
    // Not a URL.
    let e = caldav::check(&account("caldav.example.com".into())).unwrap_err();
    assert!(matches!(&e, Error::Calendar(Remote::BadUrl(_))), "{e:?}");
    // A web page, and a full disk: a plain HTTP server that answers every request the same.
    for (status, want) in [("200 OK", "not caldav"), ("507 Insufficient Storage", "quota")] {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let status = status.to_string();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut stream = stream;
                let mut buf = [0u8; 65536];
                let _ = std::io::Read::read(&mut stream, &mut buf);
                let body = "<html><body>Welcome</body></html>";
                let reply = format!("HTTP/1.1 {status}\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
                let _ = std::io::Write::write_all(&mut stream, reply.as_bytes());
            }
        });
        let e = caldav::check(&account(format!("http://127.0.0.1:{port}/"))).unwrap_err();
        match want {
            "quota" => assert!(matches!(&e, Error::Calendar(Remote::Quota)), "{e:?}"),
            _ => assert!(matches!(&e, Error::Calendar(Remote::NotCalDav(_))), "{e:?}"),
        }
        assert!(!e.to_string().contains(PASSWORD));
        // The same server asked over https: the secure connection fails, and says so.
        let e = caldav::check(&account(format!("https://127.0.0.1:{port}/"))).unwrap_err();
        assert!(matches!(&e, Error::Calendar(Remote::Tls(_))), "{e:?}");
        assert!(e.to_string().contains("TLS"), "{e}");
    }
}

fn b64(s: &str) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in s.as_bytes().chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (*b as u32) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() { ABC[(n >> (18 - 6 * i) & 63) as usize] as char } else { '=' });
        }
    }
    out
}

#[test]
fn two_publishes_at_once_do_not_trip_over_each_other() {
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(&tmp.path().join("radicale"));
    let (session, _) = vault(tmp.path(), "2026-11-28");
    let session = std::sync::Arc::new(session);
    let now = at("2026-11-28 12:00");
    // The background publisher and "publish now" at the same moment: both succeed, one after
    // the other, and the server holds the forecast once.
    let both: Vec<_> = (0..2)
        .map(|_| {
            let (session, account) = (std::sync::Arc::clone(&session), server.account());
            std::thread::spawn(move || session.publish(&account, 60, now))
        })
        .collect();
    let done: Vec<_> = both.into_iter().map(|h| h.join().unwrap().unwrap()).collect();
    let days = session.forecast(now, 60).unwrap().len();
    assert_eq!(done.iter().map(|d| d.created).sum::<usize>(), days, "{done:?}");
    assert_eq!(server.held().len(), days);
}
