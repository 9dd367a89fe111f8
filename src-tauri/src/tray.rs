//! The tray icon (StatusNotifierItem through libayatana-appindicator on Linux): today's review
//! count beside the icon, and a menu: where things stand, 복습 시작 (N), 열기, 알림 끄기 (1시간 /
//! 오늘 / 다시 켜기), 종료. Without a tray host or the library the app runs on and says why.

use crate::{timer, window};
use bokseup_core::lang::tr;
use bokseup_core::session::{Mute, Request, Session};
use std::sync::Mutex;
use tauri::menu::{Menu, MenuEvent, MenuItem, PredefinedMenuItem, Submenu};
use tauri::tray::{TrayIcon, TrayIconBuilder};
use tauri::{AppHandle, Manager, Runtime};

/// The tray as it was made: its icon and the menu items whose text changes, or why there is none.
struct Tray<R: Runtime> {
    parts: Option<Parts<R>>,
    problem: Option<Problem>,
    /// The view last applied, so an unchanged tray is not touched every half minute.
    shown: Mutex<Option<bokseup_core::session::TrayView>>,
}

struct Parts<R: Runtime> {
    icon: TrayIcon<R>,
    status: MenuItem<R>,
    review: MenuItem<R>,
    /// 열기, 알림 끄기, 1시간, 오늘, 다시 켜기, 종료: their text follows the language.
    open: MenuItem<R>,
    mute: Submenu<R>,
    hour: MenuItem<R>,
    today: MenuItem<R>,
    unmute: MenuItem<R>,
    quit: MenuItem<R>,
}

/// Why there is no tray icon to be seen; said in the language of the moment it is asked.
enum Problem {
    Failed(String),
    NoLibrary,
    NoHost,
}

impl Problem {
    fn text(&self) -> String {
        match self {
            Problem::Failed(e) => format!("{}: {e}", tr("트레이 아이콘을 만들 수 없습니다", "Cannot make the tray icon")),
            Problem::NoLibrary => tr(
                "트레이 라이브러리(libayatana-appindicator3)가 없어 트레이 아이콘을 표시할 수 없습니다",
                "The tray library (libayatana-appindicator3) is missing, so there is no tray icon",
            )
            .into(),
            Problem::NoHost => tr(
                "이 데스크톱에는 트레이 아이콘을 보여 줄 곳(StatusNotifier 호스트)이 없습니다. 알림은 그대로 옵니다",
                "This desktop has no place for tray icons (no StatusNotifier host). Reminders still come",
            )
            .into(),
        }
    }
}

/// Makes the tray icon. A missing library or a failure is kept as the reason, never a panic.
pub fn create<R: Runtime>(app: &AppHandle<R>) {
    // tray-icon panics when it cannot load libayatana-appindicator3: catch it, quietly (the
    // reason is said below). Nothing else runs yet, so swapping the global hook is safe here.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| build(app)));
    std::panic::set_hook(hook);
    let (parts, mut problem) = match built {
        Ok(Ok(parts)) => (Some(parts), None),
        Ok(Err(e)) => (None, Some(Problem::Failed(e.to_string()))),
        Err(_) => (None, Some(Problem::NoLibrary)),
    };
    if parts.is_some() && !host_present() {
        problem = Some(Problem::NoHost);
    }
    if let Some(why) = &problem {
        eprintln!("bokseup: {}", why.text());
    }
    app.manage(Tray { parts, problem, shown: Mutex::new(None) });
    refresh(app);
}

fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Parts<R>> {
    // The texts are set by the first refresh, in the language of the moment.
    let status = MenuItem::with_id(app, "status", "…", false, None::<&str>)?;
    let review = MenuItem::with_id(app, "review", "…", false, None::<&str>)?;
    let open = MenuItem::with_id(app, "open", "…", true, None::<&str>)?;
    let hour = MenuItem::with_id(app, "mute-hour", "…", true, None::<&str>)?;
    let today = MenuItem::with_id(app, "mute-today", "…", true, None::<&str>)?;
    let unmute = MenuItem::with_id(app, "unmute", "…", false, None::<&str>)?;
    let mute = Submenu::with_items(app, "…", true, &[&hour, &today, &unmute])?;
    let quit = MenuItem::with_id(app, "quit", "…", true, None::<&str>)?;
    let menu = Menu::with_items(
        app,
        &[
            &status,
            &PredefinedMenuItem::separator(app)?,
            &review,
            &open,
            &mute,
            &PredefinedMenuItem::separator(app)?,
            &quit,
        ],
    )?;
    let mut builder = TrayIconBuilder::with_id("main").menu(&menu).on_menu_event(on_menu);
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    let icon = builder.build(app)?;
    Ok(Parts { icon, status, review, open, mute, hour, today, unmute, quit })
}

fn on_menu<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    let session = app.state::<Session>();
    let now = session.now();
    match event.id.as_ref() {
        "review" => window::ask(app, Request::Review),
        "open" => window::ask(app, Request::Home),
        "mute-hour" => drop(session.mute(Mute::Hour, now)),
        "mute-today" => drop(session.mute(Mute::Today, now)),
        "unmute" => drop(session.unmute()),
        "quit" => app.exit(0),
        _ => {}
    }
    refresh(app);
    timer::poke(app);
}

/// Brings the tray's label and menu up to date with the session. Callable from any thread: the
/// update runs on the main thread, queued, so no caller ever waits there while holding a lock.
pub fn refresh<R: Runtime>(app: &AppHandle<R>) {
    let handle = app.clone();
    let _ = app.run_on_main_thread(move || apply(&handle));
}

fn apply<R: Runtime>(app: &AppHandle<R>) {
    let Some(tray) = app.try_state::<Tray<R>>() else { return };
    let Some(parts) = &tray.parts else { return };
    let session = app.state::<Session>();
    let view = session.tray(session.now());
    let mut shown = tray.shown.lock().unwrap_or_else(|e| e.into_inner());
    if shown.as_ref() == Some(&view) {
        return;
    }
    let _ = parts.icon.set_title(view.title.as_deref());
    let _ = parts.status.set_text(&view.status);
    let _ = parts.review.set_text(&view.review);
    let _ = parts.review.set_enabled(view.can_review);
    let _ = parts.unmute.set_enabled(view.muted);
    if shown.as_ref().map(|s| s.labels) != Some(view.labels) {
        let [open, mute, hour, today, unmute, quit] = view.labels;
        let _ = parts.open.set_text(open);
        let _ = parts.mute.set_text(mute);
        let _ = parts.hour.set_text(hour);
        let _ = parts.today.set_text(today);
        let _ = parts.unmute.set_text(unmute);
        let _ = parts.quit.set_text(quit);
    }
    *shown = Some(view);
}

/// Why there is no tray icon to be seen, if there is none.
pub fn problem<R: Runtime>(app: &AppHandle<R>) -> Option<String> {
    app.try_state::<Tray<R>>().and_then(|t| t.problem.as_ref().map(Problem::text))
}

/// Whether a StatusNotifier host (the part of a desktop that shows tray icons) is on the session
/// bus.
fn host_present() -> bool {
    use gio::prelude::*;
    let Ok(bus) = gio::bus_get_sync(gio::BusType::Session, None::<&gio::Cancellable>) else { return false };
    let reply = bus.call_sync(
        Some("org.freedesktop.DBus"),
        "/org/freedesktop/DBus",
        "org.freedesktop.DBus",
        "NameHasOwner",
        Some(&("org.kde.StatusNotifierWatcher",).to_variant()),
        Some(glib::VariantTy::new("(b)").unwrap_or(glib::VariantTy::ANY)),
        gio::DBusCallFlags::NONE,
        1000,
        None::<&gio::Cancellable>,
    );
    reply.ok().and_then(|v| v.get::<(bool,)>()).is_some_and(|(owned,)| owned)
}
