//! The reminder timer: a thread that wakes at the next reminder time (or every half minute at
//! the latest, so a suspended laptop or a changed clock is noticed), lets the session decide, and
//! shows what it says. It runs while the window is closed.

use crate::{toast, tray, window};
use bokseup_core::session::{Request, Session};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;
use tauri::{AppHandle, Manager, Runtime};

/// The longest the timer sleeps between two looks at the clock.
const MAX_SLEEP: Duration = Duration::from_secs(30);

/// Wakes the timer before its time (settings changed, a snooze): it plans again at once.
#[derive(Default)]
struct Alarm {
    poked: Mutex<bool>,
    bell: Condvar,
}

/// Starts the timer thread.
pub fn start<R: Runtime>(app: AppHandle<R>) {
    let alarm = Arc::new(Alarm::default());
    app.manage(alarm.clone());
    let spawned = std::thread::Builder::new().name("reminders".into()).spawn(move || loop {
        let session = app.state::<Session>();
        let tick = session.remind(session.now());
        if let Some(reminder) = &tick.show {
            toast::reminder(&app, reminder);
        }
        if tick.rescanned || tick.problem.is_some() {
            window::ask(&app, Request::Reload);
        }
        tray::refresh(&app);
        let wait = session.clock().until(tick.wake).clamp(Duration::from_millis(50), MAX_SLEEP);
        let poked = alarm.poked.lock().unwrap_or_else(|e| e.into_inner());
        let (mut poked, _) = alarm.bell.wait_timeout_while(poked, wait, |p| !*p).unwrap_or_else(|e| e.into_inner());
        *poked = false;
    });
    if let Err(e) = spawned {
        eprintln!(
            "bokseup: {}: {e}",
            bokseup_core::lang::tr("알림 타이머를 시작하지 못했습니다", "Cannot start the reminder timer")
        );
    }
}

/// Makes the timer plan again now.
pub fn poke<R: Runtime>(app: &AppHandle<R>) {
    if let Some(alarm) = app.try_state::<Arc<Alarm>>() {
        *alarm.poked.lock().unwrap_or_else(|e| e.into_inner()) = true;
        alarm.bell.notify_all();
    }
}
