//! The app launched again (a second `bokseup`, the dock) and its window closed: the running
//! instance takes the new launch's vault, and a closed window hides while reminders run on; and
//! how long the launch took to show the first screen.

use crate::{toast, tray, window};
use bokseup_cli as cli;
use bokseup_core::lang::tr;
use bokseup_core::session::{PageMoment, Request, Session};
use std::path::Path;
use tauri::{AppHandle, Manager, Runtime, Window, WindowEvent};

/// Closing the window hides it while reminders run in the background (the setting); the first
/// time, a toast says where the app went.
pub fn on_window_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    let WindowEvent::CloseRequested { api, .. } = event else { return };
    let app = window.app_handle();
    let session = app.state::<Session>();
    if !session.settings().hides_on_close() || session.demo_open() {
        return;
    }
    api.prevent_close();
    let _ = window.hide();
    if session.first_hide() {
        let text = match tray::problem(app) {
            None => tr(
                "복습은 트레이에서 계속 실행됩니다. 알림 시각에 알려 드리고, 트레이 아이콘에서 다시 열 수 있습니다.",
                "Bokseup keeps running in the tray: it reminds you at your reminder times, and the tray icon opens it again.",
            ),
            Some(_) => tr(
                "복습은 백그라운드에서 계속 실행됩니다. 알림 시각에 알려 드리며, 앱을 다시 실행하면 창이 열립니다.",
                "Bokseup keeps running in the background: it reminds you at your reminder times, and launching it again opens the window.",
            ),
        };
        toast::hint(app, tr("복습 앱은 계속 실행 중입니다", "Bokseup is still running"), text);
    }
}

/// A second launch (`bokseup`, `bokseup /path/to/vault`, a click in the dock) hands its
/// arguments to this instance and exits: the window comes to the front, on the named vault.
pub fn second_launch<R: Runtime>(app: &AppHandle<R>, argv: Vec<String>, cwd: String) {
    let Some(launch) = cli::parse_launch(argv.get(1..).unwrap_or_default()) else { return };
    if let Some(vault) = launch.vault {
        // A relative path is relative to where the second launch was started.
        let vault = Path::new(&cwd).join(vault);
        let session = app.state::<Session>();
        let request = match session.open_vault(&vault, session.now()) {
            Ok(_) => Request::Reload,
            Err(e) => Request::Notice { message: e.to_string() },
        };
        window::ask(app, request);
    }
    if launch.review {
        window::ask(app, Request::Review);
    } else if !launch.hidden {
        window::show(app);
    }
}

/// When the process started (its `main`), for the launch's measure.
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Notes the process's start; called first thing in `main`.
pub fn started() {
    STARTED.get_or_init(std::time::Instant::now);
}

/// Moments of the launch (milliseconds since `main`, the first time each happened): where a slow
/// first screen spent its time. Kept until the first screen is shown, then said with it.
static PHASES: std::sync::Mutex<Vec<(&'static str, u32)>> = std::sync::Mutex::new(Vec::new());

fn since_start() -> u32 {
    STARTED.get().map_or(0, |t| u32::try_from(t.elapsed().as_millis()).unwrap_or(u32::MAX))
}

/// Notes that the launch reached `what` now, unless it did before.
pub fn phase(what: &'static str) {
    let mut phases = PHASES.lock().unwrap_or_else(|e| e.into_inner());
    if !phases.iter().any(|(w, _)| *w == what) {
        phases.push((what, since_start()));
    }
}

/// The page painted its first screen with the vault loaded: the launch took this long. Said once,
/// into the file `BOKSEUP_READY_FILE` names when it is set (milliseconds on the first line, the
/// launch's [`phase`]s and the page's `moments` on the second as `name=ms` in the order they
/// happened), so that `scripts/run.sh` and the benchmark know the screen is ready without
/// guessing from pixels.
pub fn shown(moments: &[PageMoment]) -> Option<u32> {
    static SAID: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if SAID.swap(true, std::sync::atomic::Ordering::SeqCst) {
        return None;
    }
    let ms = since_start();
    if let Some(file) = std::env::var_os("BOKSEUP_READY_FILE") {
        let file = Path::new(&file);
        let temp = file.with_extension("partial");
        // The process's start by the wall clock, which the page's moments are told in.
        let since = STARTED.get().map_or(std::time::Duration::ZERO, std::time::Instant::elapsed);
        let started = std::time::SystemTime::now().checked_sub(since);
        let started = started.and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
        let started = started.map_or(0.0, |d| d.as_secs_f64() * 1000.0);
        let phases = profile(&PHASES.lock().unwrap_or_else(|e| e.into_inner()), moments, started);
        // Whole or absent: the reader never sees half a number.
        let text = format!("{ms}\n{phases}\n");
        let _ = std::fs::write(&temp, text).and_then(|()| std::fs::rename(&temp, file));
    }
    Some(ms)
}

/// The launch's moments as `name=ms …` in time order: the app's `phases` (milliseconds since
/// `main`) with the page's `moments` (wall clock) counted from `started`, the process's start by
/// the wall clock in milliseconds.
fn profile(phases: &[(&'static str, u32)], moments: &[PageMoment], started: f64) -> String {
    let mut all: Vec<(&str, i64)> = phases.iter().map(|(name, ms)| (*name, i64::from(*ms))).collect();
    // Milliseconds of a launch fit an i64 many times over; a page's odd clock only shows oddly.
    #[allow(clippy::cast_possible_truncation)]
    all.extend(moments.iter().map(|m| (m.name.as_str(), (m.at - started).round() as i64)));
    all.sort_by_key(|(_, ms)| *ms);
    all.iter().map(|(name, ms)| format!("{name}={ms}")).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::{profile, PageMoment};

    #[test]
    fn the_pages_moments_join_the_apps_phases_in_time_order() {
        let moment = |name: &str, at: f64| PageMoment { name: name.into(), at };
        let started = 1_764_900_000_000.0;
        let moments = [moment("answer", started + 420.4), moment("painted", started + 735.0)];
        assert_eq!(
            profile(&[("setup", 100), ("first_screen_asked", 410)], &moments, started),
            "setup=100 first_screen_asked=410 answer=420 painted=735"
        );
        assert_eq!(profile(&[], &[], started), "");
    }
}
