//! The tray icon (StatusNotifierItem through libayatana-appindicator on Linux): today's review
//! count beside the icon, and a menu: where things stand, 복습 시작 (N), 약한 질문 연습 (N), 열기,
//! 알림 끄기 (1시간 / 오늘 / 다시 켜기), 종료. Without a tray host or the library the app runs on and says why.

use crate::window;
use bokseup_core::lang::{self, tf, tr, Lang};
use bokseup_core::session::{Mute, Request, Session};
use chrono::NaiveDateTime;
use std::sync::Mutex;
use tauri::menu::{Menu, MenuEvent, MenuItem, PredefinedMenuItem, Submenu};
use tauri::tray::{TrayIcon, TrayIconBuilder};
use tauri::{AppHandle, Manager, Runtime};

/// The tray as it was made: its icon and the menu items whose state changes, or why there is none.
struct Tray<R: Runtime> {
    icon: Option<TrayIcon<R>>,
    problem: Option<Problem>,
    shown: Mutex<Shown<R>>,
}

/// What the tray shows now: the view last applied (so an unchanged tray is not touched every
/// half minute) and the items of the menu in place.
struct Shown<R: Runtime> {
    view: Option<TrayView>,
    items: Option<Items<R>>,
    /// The number of the refresh last applied: an older view worked out late is not applied.
    applied: u64,
}

/// Refreshes asked for, numbered.
static REFRESHES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// The menu items whose text or state follows the session.
struct Items<R: Runtime> {
    status: MenuItem<R>,
    review: MenuItem<R>,
    drill: MenuItem<R>,
    unmute: MenuItem<R>,
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
            Problem::Failed(e) => {
                format!("{}: {e}", tr("트레이 아이콘을 만들 수 없습니다", "Cannot make the tray icon"))
            }
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
    let (icon, mut problem) = if !library_present() {
        (None, Some(Problem::NoLibrary))
    } else {
        match build(app) {
            Ok(icon) => (Some(icon), None),
            Err(e) => (None, Some(Problem::Failed(e.to_string()))),
        }
    };
    if icon.is_some() && !host_present() {
        problem = Some(Problem::NoHost);
    }
    if let Some(why) = &problem {
        eprintln!("bokseup: {}", why.text());
    }
    app.manage(Tray { icon, problem, shown: Mutex::new(Shown { view: None, items: None, applied: 0 }) });
    refresh(app);
}

fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<TrayIcon<R>> {
    // The menu comes with the first refresh, in the language of the moment.
    let mut builder = TrayIconBuilder::with_id("main").on_menu_event(on_menu);
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder.build(app)
}

/// A new menu with these fixed texts (열기, 알림 끄기, 1시간, 오늘, 다시 켜기, 종료). Made anew
/// when the language changes: a submenu's changed text does not reach the D-Bus menu on Linux.
fn menu<R: Runtime>(app: &AppHandle<R>, labels: [&str; 6]) -> tauri::Result<(Menu<R>, Items<R>)> {
    let [open, mute, hour, today, unmute, quit] = labels;
    let status = MenuItem::with_id(app, "status", "…", false, None::<&str>)?;
    let review = MenuItem::with_id(app, "review", "…", false, None::<&str>)?;
    let drill = MenuItem::with_id(app, "drill", "…", false, None::<&str>)?;
    let open = MenuItem::with_id(app, "open", open, true, None::<&str>)?;
    let hour = MenuItem::with_id(app, "mute-hour", hour, true, None::<&str>)?;
    let today = MenuItem::with_id(app, "mute-today", today, true, None::<&str>)?;
    let unmute = MenuItem::with_id(app, "unmute", unmute, false, None::<&str>)?;
    let mute = Submenu::with_items(app, mute, true, &[&hour, &today, &unmute])?;
    let quit = MenuItem::with_id(app, "quit", quit, true, None::<&str>)?;
    let menu = Menu::with_items(
        app,
        &[
            &status,
            &PredefinedMenuItem::separator(app)?,
            &review,
            &drill,
            &open,
            &mute,
            &PredefinedMenuItem::separator(app)?,
            &quit,
        ],
    )?;
    Ok((menu, Items { status, review, drill, unmute }))
}

fn on_menu<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    let session = app.state::<Session>();
    let now = session.now();
    match event.id.as_ref() {
        "review" => window::ask(app, Request::Review),
        "drill" => window::ask(app, Request::Drill),
        "open" => window::ask(app, Request::Home),
        "mute-hour" => drop(session.mute(Mute::Hour, now)),
        "mute-today" => drop(session.mute(Mute::Today, now)),
        "unmute" => drop(session.unmute()),
        "quit" => app.exit(0),
        _ => {}
    }
}

/// Brings the tray's label and menu up to date with the session. Callable from any thread: the
/// update runs on the main thread, queued, so no caller ever waits there while holding a lock.
pub fn refresh<R: Runtime>(app: &AppHandle<R>) {
    let tray = app.try_state::<Tray<R>>().is_some_and(|t| t.icon.is_some());
    if !tray && app.try_state::<crate::badge::Badge>().is_none() {
        return;
    }
    // The view is worked out on a thread of its own (the plan and the weak questions read the
    // database: at 10,000 notes that is not for the main thread), then applied there.
    let number = REFRESHES.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
    let handle = app.clone();
    std::thread::spawn(move || {
        let session = handle.state::<Session>();
        let view = view(&session, session.now());
        // The dock's badge shows the same count as the tray.
        crate::badge::show(&handle, view.count);
        if tray {
            let main = handle.clone();
            let _ = handle.run_on_main_thread(move || apply(&main, number, view));
        }
    });
}

fn apply<R: Runtime>(app: &AppHandle<R>, number: u64, view: TrayView) {
    let Some(tray) = app.try_state::<Tray<R>>() else { return };
    let Some(icon) = &tray.icon else { return };
    let mut shown = tray.shown.lock().unwrap_or_else(|e| e.into_inner());
    if number < shown.applied {
        return;
    }
    shown.applied = number;
    if shown.view.as_ref() == Some(&view) {
        return;
    }
    if shown.items.is_none() || shown.view.as_ref().map(|v| v.labels) != Some(view.labels) {
        match menu(app, view.labels) {
            Ok((menu, items)) => {
                let _ = icon.set_menu(Some(menu));
                shown.items = Some(items);
            }
            Err(e) => eprintln!("bokseup: {}: {e}", tr("트레이 메뉴를 만들 수 없습니다", "Cannot make the tray menu")),
        }
    }
    let _ = icon.set_title(view.title.as_deref());
    if shown.view.as_ref().map(|v| v.marked) != Some(view.marked) {
        if let Some(plain) = app.default_window_icon() {
            let image = if view.marked {
                tauri::image::Image::new_owned(
                    mark(plain.rgba(), plain.width(), plain.height()),
                    plain.width(),
                    plain.height(),
                )
            } else {
                plain.clone()
            };
            let _ = icon.set_icon(Some(image));
        }
    }
    if let Some(items) = &shown.items {
        let _ = items.status.set_text(&view.status);
        let _ = items.review.set_text(&view.review);
        let _ = items.review.set_enabled(view.can_review);
        let _ = items.drill.set_text(&view.drill);
        let _ = items.drill.set_enabled(view.can_drill);
        let _ = items.unmute.set_enabled(view.muted);
    }
    shown.view = Some(view);
}

/// The icon with a red dot in its top right corner, ringed in white so it shows on dark and light
/// panels alike: the mark of reviews left while "until done" is on.
pub fn mark(rgba: &[u8], width: u32, height: u32) -> Vec<u8> {
    let mut out = rgba.to_vec();
    let r = width.min(height) as f64 * 0.22;
    let (cx, cy) = (width as f64 - r - 1.0, r + 1.0);
    for y in 0..height {
        for x in 0..width {
            let d = ((x as f64 + 0.5 - cx).powi(2) + (y as f64 + 0.5 - cy).powi(2)).sqrt();
            let colour = if d <= r * 0.78 {
                [0xe5, 0x48, 0x4d, 0xff]
            } else if d <= r {
                [0xff, 0xff, 0xff, 0xff]
            } else {
                continue;
            };
            let i = ((y * width + x) * 4) as usize;
            if let Some(px) = out.get_mut(i..i + 4) {
                px.copy_from_slice(&colour);
            }
        }
    }
    out
}

/// Why there is no tray icon to be seen, if there is none.
pub fn problem<R: Runtime>(app: &AppHandle<R>) -> Option<String> {
    app.try_state::<Tray<R>>().and_then(|t| t.problem.as_ref().map(Problem::text))
}

/// Whether a StatusNotifier host (the part of a desktop that shows tray icons) is on the session
/// bus. macOS's menu bar and Windows' notification area are always there.
#[cfg(not(target_os = "linux"))]
fn host_present() -> bool {
    true
}

/// Whether the system's tray library loads. tray-icon panics when it cannot, and a release build
/// aborts on a panic (`panic = "abort"`, part of the binary's size goal), so the app looks first,
/// under the names libappindicator-sys tries, in its order.
#[cfg(target_os = "linux")]
fn library_present() -> bool {
    [c"libayatana-appindicator3.so.1", c"libappindicator3.so.1", c"libayatana-appindicator3.so", c"libappindicator3.so"]
        .iter()
        .any(|name| {
            // SAFETY: a library name without NUL, opened lazily and locally, then closed again;
            // nothing of it is used.
            let handle = unsafe { libc::dlopen(name.as_ptr(), libc::RTLD_LAZY | libc::RTLD_LOCAL) };
            !handle.is_null() && unsafe { libc::dlclose(handle) } == 0
        })
}

/// macOS's menu bar and Windows' notification area need no library of their own.
#[cfg(not(target_os = "linux"))]
fn library_present() -> bool {
    true
}

/// Whether a StatusNotifier host (the part of a desktop that shows tray icons) is on the session
/// bus.
#[cfg(target_os = "linux")]
fn host_present() -> bool {
    crate::bus::has_owner("org.kde.StatusNotifierWatcher")
}

/// What the tray shows: the label beside its icon and the texts of its menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrayView {
    /// The label beside the icon: today's review count, or nothing when none is due.
    pub title: Option<String>,
    /// Today's review count (the dock's badge shows it too).
    pub count: usize,
    /// The first, inert line of the menu: where things stand.
    pub status: String,
    /// "복습 시작 (N)".
    pub review: String,
    /// Whether there is anything to review.
    pub can_review: bool,
    /// "약한 질문 연습 (N)".
    pub drill: String,
    /// Whether any question is weak.
    pub can_drill: bool,
    /// Whether reminders are silenced ("다시 켜기" is offered).
    pub muted: bool,
    /// The icon carries a red dot: "until done" is on and today's share is not done.
    pub marked: bool,
    /// The menu's fixed entries, in the language of the messages: 열기, 알림 끄기, 1시간, 오늘,
    /// 다시 켜기, 종료.
    pub labels: [&'static str; 6],
}

/// What the tray shows now: today's count, where things stand, the menu's texts.
pub fn view(session: &Session, now: NaiveDateTime) -> TrayView {
    let status = session.reminder_status(now);
    let until_done = status.until_done;
    let n = status.due;
    // Only with a vault open: the tray never opens one by asking.
    let open = session.open_vault_name().is_some();
    let learning = if open { session.learning(None, now).ok() } else { None };
    let weak = learning.as_ref().map_or(0, |l| l.weak);
    // A break or a free day is not "done": it says so.
    let rest = learning.as_ref().and_then(|l| match (&l.on_break, l.plan.days.first().map(|d| d.kind)) {
        (Some(b), _) => Some(tf(
            format!("쉬는 중 · {}까지", b.to.format("%-m월 %-d일")),
            format!("On a break until {}", b.to.format("%b %-d")),
        )),
        (None, Some(bokseup_core::week::DayKind::Free)) => Some(tr("오늘은 쉬는 요일", "A free day today").into()),
        _ => None,
    });
    let when = |at: NaiveDateTime| {
        let day = match (at.date() - now.date()).num_days() {
            0 => String::new(),
            1 => tr("내일 ", "tomorrow ").into(),
            _ => tf(at.format("%-m월 %-d일 ").to_string(), at.format("%b %-d ").to_string()),
        };
        format!("{day}{}", at.format("%H:%M"))
    };
    let reminders = match (status.muted_until.or(status.break_until), status.next) {
        (Some(until), _) => {
            tf(format!("알림 꺼짐 · {}까지", when(until)), format!("reminders off until {}", when(until)))
        }
        (None, Some(next)) => tf(format!("다음 알림 {}", when(next)), format!("next reminder {}", when(next))),
        (None, None) => tr("알림 꺼짐", "reminders off").into(),
    };
    let line = match (session.vault_problem(), session.open_vault_name()) {
        (Some(problem), _) => problem,
        (None, None) => tr("볼트를 여는 중…", "Opening the vault…").into(),
        (None, Some(_)) if n == 0 => match rest {
            Some(rest) => format!("{rest} · {reminders}"),
            None => {
                tf(format!("오늘 복습을 마쳤어요 · {reminders}"), format!("Today's reviews are done · {reminders}"))
            }
        },
        (None, Some(_)) => tf(format!("오늘 복습 {n}개 · {reminders}"), format!("{n} to review today · {reminders}")),
    };
    TrayView {
        title: (n > 0).then(|| n.to_string()),
        count: n,
        status: line,
        review: tf(format!("복습 시작 ({n})"), format!("Start review ({n})")),
        can_review: n > 0,
        drill: tf(format!("약한 질문 연습 ({weak})"), format!("Drill weak questions ({weak})")),
        can_drill: weak > 0,
        muted: status.muted_until.is_some(),
        marked: open && n > 0 && status.muted_until.is_none() && status.break_until.is_none() && until_done,
        labels: match lang::current() {
            Lang::Ko => ["열기", "알림 끄기", "1시간", "오늘", "다시 켜기", "종료"],
            Lang::En => ["Open", "Silence reminders", "For an hour", "For today", "Turn back on", "Quit"],
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bokseup_core::clock::Clock;
    use bokseup_core::journal::ReviewInput;
    use bokseup_core::store::Store;
    use std::path::{Path, PathBuf};

    fn at_s(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    fn note(dir: &Path, name: &str, text: &str) {
        std::fs::write(dir.join(name), text).unwrap();
    }

    fn session(tmp: &tempfile::TempDir) -> Session {
        Session::new(Store::open_in_memory().unwrap(), tmp.path().join("demo"), Clock::system(4)).unwrap()
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

    #[test]
    fn the_mark_is_a_red_dot_in_the_top_right_corner_only() {
        let plain = vec![10u8; 32 * 32 * 4];
        let marked = mark(&plain, 32, 32);
        let px = |x: usize, y: usize| &marked[(y * 32 + x) * 4..(y * 32 + x) * 4 + 4];
        assert_eq!(px(24, 7), [0xe5, 0x48, 0x4d, 0xff], "the dot's middle");
        assert_eq!(px(4, 28), [10, 10, 10, 10], "the opposite corner is untouched");
        assert_eq!(marked.len(), plain.len());
    }

    #[test]
    fn the_tray_says_where_things_stand() {
        let tmp = tempfile::tempdir().unwrap();
        let vault = due_vault(&tmp);
        let session = session(&tmp);
        assert_eq!(view(&session, at_s("2026-11-29 08:00:00")).status, "볼트를 여는 중…");
        session.open_vault(&vault, at_s("2026-11-29 08:00:00")).unwrap();
        let tray = view(&session, at_s("2026-11-29 08:00:00"));
        assert_eq!(
            tray,
            TrayView {
                title: Some("3".into()),
                count: 3,
                status: "오늘 복습 3개 · 다음 알림 09:00".into(),
                review: "복습 시작 (3)".into(),
                can_review: true,
                drill: "약한 질문 연습 (0)".into(),
                can_drill: false,
                muted: false,
                marked: false,
                labels: ["열기", "알림 끄기", "1시간", "오늘", "다시 켜기", "종료"],
            }
        );
        // "Until done": marked while today's share is left, not while silenced.
        let mut settings = session.settings();
        settings.until_done = true;
        session.save_settings(&settings, at_s("2026-11-29 08:00:00")).unwrap();
        assert!(view(&session, at_s("2026-11-29 08:00:00")).marked);
        session.mute(Mute::Today, at_s("2026-11-29 08:00:00")).unwrap();
        assert_eq!(view(&session, at_s("2026-11-29 08:00:00")).status, "오늘 복습 3개 · 알림 꺼짐 · 내일 04:00까지");
        assert!(view(&session, at_s("2026-11-29 08:00:00")).muted);
        assert!(!view(&session, at_s("2026-11-29 08:00:00")).marked, "done for today unmarks it");
        session.unmute().unwrap();
        // A break: said as such (not done), nothing to review, reminders silent to its end.
        let mut settings = session.settings();
        settings.set("break", "2026-11-29..2026-11-30").unwrap();
        session.save_settings(&settings, at_s("2026-11-29 08:00:00")).unwrap();
        let away = view(&session, at_s("2026-11-29 08:00:00"));
        assert_eq!(away.status, "쉬는 중 · 11월 30일까지 · 알림 꺼짐 · 12월 1일 04:00까지");
        assert!(!away.marked && away.count == 0);
        assert!(!away.muted, "the break is not the user's silence: the menu offers no \"다시 켜기\" for it");
        settings.set("break", "none").unwrap();
        session.save_settings(&settings, at_s("2026-11-29 08:00:00")).unwrap();
        for note in ["DNS.md", "EBS 볼륨.md", "네트워크/OSI 7계층.md"] {
            session.review(note, &ReviewInput::default(), at_s("2026-11-29 22:00:00")).unwrap();
        }
        let done = view(&session, at_s("2026-11-29 22:00:00"));
        assert_eq!((done.title, done.can_review, done.marked), (None, false, false));
        assert_eq!(done.status, "오늘 복습을 마쳤어요 · 다음 알림 내일 09:00");
        // The vault disappears: the tray says so until it is back.
        let moved = tmp.path().join("moved");
        std::fs::rename(&vault, &moved).unwrap();
        session.remind(at_s("2026-11-30 09:00:00"));
        assert!(view(&session, at_s("2026-11-30 09:00:00")).status.starts_with("폴더를 찾을 수 없습니다"));
        std::fs::rename(&moved, &vault).unwrap();
        session.overview(at_s("2026-11-30 09:01:00")).unwrap();
        assert!(view(&session, at_s("2026-11-30 09:01:00")).status.starts_with("오늘 복습"));
    }
}
