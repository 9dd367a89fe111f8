//! The background publisher: a thread that keeps the student's calendar server holding the
//! forecast. It wakes when what is due changes (a review, a change in Obsidian, a new day), when
//! the account is saved, and when a failed try's retry time comes; the session decides whether
//! to publish and keeps how it went. Nothing else waits for it.

use crate::credential;
use bokseup_core::caldav::Account;
use bokseup_core::calendar::DEFAULT_DAYS;
use bokseup_core::error::Error;
use bokseup_core::lang::tr;
use bokseup_core::session::Session;
use bokseup_core::settings::{CalDav, Settings};
use chrono::NaiveDateTime;
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;
use tauri::{AppHandle, Manager, Runtime};

/// Changes within this time of each other make one publish (a review session writes many notes).
const SETTLE: Duration = Duration::from_secs(2);

/// The way to wake the publisher.
pub struct Publisher(Mutex<Sender<()>>);

/// Starts the publisher thread; it makes a first try at once.
pub fn start<R: Runtime>(app: AppHandle<R>) {
    let (tx, rx) = channel();
    let _ = tx.send(());
    app.manage(Publisher(Mutex::new(tx)));
    let spawned = std::thread::Builder::new().name("publisher".into()).spawn(move || loop {
        let session = app.state::<Session>();
        let wait = session.clock().until(session.publish_wake(session.now())).max(Duration::from_secs(1));
        match rx.recv_timeout(wait) {
            Ok(()) => {
                // Let a burst of changes settle, then publish once.
                while rx.recv_timeout(SETTLE).is_ok() {}
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        if let Some(account) = account(&session) {
            let now = session.now();
            if session.publish_wanted(&account, DEFAULT_DAYS, now) {
                let _ = session.publish(&account, DEFAULT_DAYS, now);
            }
        }
    });
    if let Err(e) = spawned {
        eprintln!(
            "bokseup: {}: {e}",
            bokseup_core::lang::tr("게시 스레드를 시작하지 못했습니다", "Cannot start the publisher")
        );
    }
}

/// Asks the publisher to look again (after the changes settle).
pub fn poke<R: Runtime>(app: &AppHandle<R>) {
    if let Some(p) = app.try_state::<Publisher>() {
        let _ = p.0.lock().unwrap_or_else(|e| e.into_inner()).send(());
    }
}

/// The account in the settings with its password from the keyring, when both are there.
pub fn account(session: &Session) -> Option<Account> {
    let caldav = session.settings().caldav?;
    let password = credential::load(&caldav)?;
    Some(Account { url: caldav.url, user: caldav.user, password })
}

/// Keeps the calendar account (`None`: stops publishing and forgets the password). A new
/// password goes to the keyring; without one, a password must already be kept for the account.
/// A changed account is compared afresh at the next publish, which comes soon after.
pub fn save_account(
    session: &Session,
    caldav: Option<CalDav>,
    password: Option<String>,
    now: NaiveDateTime,
) -> Result<(), Error> {
    let before = session.settings();
    let settings = Settings { caldav, ..before.clone() }.checked()?;
    if let Some(account) = &settings.caldav {
        match password.filter(|p| !p.is_empty()) {
            Some(password) => credential::save(account, &password).map_err(Error::Invalid)?,
            None if credential::load(account).is_none() => {
                return Err(Error::Invalid(tr("앱 전용 암호를 넣으세요", "Enter the app-specific password").into()))
            }
            None => {}
        }
    }
    session.save_settings(&settings, now)?;
    if before.caldav != settings.caldav {
        if let Some(old) = before.caldav.filter(|old| Some(old) != settings.caldav.as_ref()) {
            credential::forget(&old);
        }
        session.forget_published();
    }
    Ok(())
}

/// The account to try: `caldav` with `password`, or with the password kept for it.
pub fn trial(caldav: CalDav, password: Option<String>) -> Result<Account, Error> {
    let caldav = caldav.checked()?;
    let password = password.filter(|p| !p.is_empty()).or_else(|| credential::load(&caldav));
    let password = password
        .ok_or_else(|| Error::Invalid(tr("앱 전용 암호를 넣으세요", "Enter the app-specific password").into()))?;
    Ok(Account { url: caldav.url, user: caldav.user, password })
}
