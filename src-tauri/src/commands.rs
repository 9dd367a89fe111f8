//! The commands the UI calls (through `ui/src/lib/api.ts`). Each is a line or two over the
//! [`Session`]; errors cross as a [`Failure`] with a code. Commands that read or write files or
//! the database run off the main thread (`async`), so a scan or a write waiting for a note to be
//! still never freezes the window.

use crate::{credential, delivery, feed, publisher, reveal, tray, update};
use bokseup_core::agenda::{NoteView, Overview, PAGE_ROWS};
use bokseup_core::drill::Size;
use bokseup_core::error::{Error, Failure};
use bokseup_core::feed::FeedStatus;
use bokseup_core::history::{DayCount, DayList};
use bokseup_core::journal::Grade;
use bokseup_core::journal::{ReviewInput, Undone, Written};
use bokseup_core::lang::{tf, tr};
use bokseup_core::plan::Limit;
use bokseup_core::render;
use bokseup_core::session::{
    Appearance, CalendarStatus, DesktopStatus, Learning, Mute, NotePage, PageMoment, PublishStatus, Request, Session,
    Stats, UpdateCheck, VaultEntry, WeakQuestion,
};
use bokseup_core::settings::{CalDav, Settings};
use chrono::{NaiveDate, NaiveDateTime};
use std::path::PathBuf;
use tauri::ipc::{CommandArg, CommandItem, InvokeError};
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_autostart::ManagerExt;
use tauri_plugin_dialog::DialogExt;

type Reply<T> = Result<T, Failure>;

/// The time a command runs at: the session's clock, read here for every command (the engine
/// takes the time as an argument, and a command hands it on).
pub struct Now(NaiveDateTime);

impl<'de, R: Runtime> CommandArg<'de, R> for Now {
    fn from_command(command: CommandItem<'de, R>) -> Result<Self, InvokeError> {
        Ok(Now(command.message.webview().state::<Session>().now()))
    }
}

/// Today's agenda of the open vault, scanned afresh (on the first call: the start vault).
#[tauri::command(async)]
pub fn overview(session: State<'_, Session>, now: Now) -> Reply<Overview> {
    Ok(session.overview(now.0)?)
}

/// The first screen at launch: each group's first rows and every count, from the scan the launch
/// has just made (the library, the statistics and a review take the whole agenda with
/// `current_overview` when they are opened).
#[tauri::command(async)]
pub fn first_screen(session: State<'_, Session>, now: Now) -> Reply<Overview> {
    crate::launch::phase("first_screen_asked");
    let overview = session.first_screen(PAGE_ROWS, now.0)?;
    crate::launch::phase("first_screen_answered");
    Ok(overview)
}

/// The visible part of the open vault's agenda from its last scan (each group's first rows and
/// every count): what the page takes when another program changed a note. The whole agenda is
/// taken by the screens that list every note (`current_overview`).
#[tauri::command(async)]
pub fn current_page(session: State<'_, Session>, now: Now) -> Reply<Overview> {
    Ok(session.current_page(PAGE_ROWS, now.0)?)
}

/// The open vault scanned again, for a screen that shows first pages (home, when the window
/// comes back to the front): each group's first rows and every count.
#[tauri::command(async)]
pub fn rescan_page(session: State<'_, Session>, now: Now) -> Reply<Overview> {
    Ok(session.rescan_page(PAGE_ROWS, now.0)?)
}

/// Today's agenda of the open vault from its last scan, which the file watcher keeps up to date:
/// nothing is read.
#[tauri::command(async)]
pub fn current_overview(session: State<'_, Session>, now: Now) -> Reply<Overview> {
    Ok(session.current_overview(now.0)?)
}

/// Opens the folder at `path` (dropped on the window or typed) as the vault.
#[tauri::command(async)]
pub fn open_vault(session: State<'_, Session>, now: Now, path: PathBuf) -> Reply<Overview> {
    Ok(session.open_vault(&path, now.0)?)
}

/// Asks for a folder with the system's picker and opens it; `None` when the user cancels.
#[tauri::command]
pub async fn pick_vault<R: Runtime>(
    app: AppHandle<R>,
    session: State<'_, Session>,
    now: Now,
) -> Reply<Option<Overview>> {
    let picked = app
        .dialog()
        .file()
        .set_title(tr("Obsidian 볼트 폴더 선택", "Choose an Obsidian vault folder"))
        .blocking_pick_folder();
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else { return Ok(None) };
    Ok(Some(session.open_vault(&path, now.0)?))
}

/// Opens the bundled demo vault.
#[tauri::command(async)]
pub fn open_demo(session: State<'_, Session>, now: Now) -> Reply<Overview> {
    Ok(session.open_demo(now.0)?)
}

/// A note opened for review: its schedule, cue questions and body as safe HTML.
#[tauri::command(async)]
pub fn note(session: State<'_, Session>, now: Now, path: String) -> Reply<NoteView> {
    Ok(session.note(&path, now.0)?)
}

/// Marks a review of the note done now, with the cue grades and time spent, and logs it.
#[tauri::command(async)]
pub fn review(session: State<'_, Session>, now: Now, path: String, input: ReviewInput) -> Reply<Written> {
    Ok(session.review(&path, &input, now.0)?)
}

/// Starts a not-started note today ("학습 시작").
#[tauri::command(async)]
pub fn start_note(session: State<'_, Session>, now: Now, path: String) -> Reply<Written> {
    Ok(session.start_note(&path, now.0)?)
}

/// Makes a plain note a review note starting today ("복습 노트로 등록").
#[tauri::command(async)]
pub fn enroll(session: State<'_, Session>, now: Now, path: String) -> Reply<Written> {
    Ok(session.enroll(&path, now.0)?)
}

/// Undoes this session's newest write, if the note is still as the app left it.
#[tauri::command(async)]
pub fn undo(session: State<'_, Session>, now: Now) -> Reply<Undone> {
    Ok(session.undo(None, now.0)?)
}

/// Opens a web or mail link from a note in the system's browser or mail app. Anything else
/// (`file:`, `javascript:`, …) is refused.
#[tauri::command]
pub fn open_link(url: String) -> Reply<()> {
    let url = render::external_url(&url).ok_or_else(|| {
        Failure::from(Error::Refused(tf(
            format!("열 수 없는 링크입니다: {url}"),
            format!("this link cannot be opened: {url}"),
        )))
    })?;
    open::that_detached(url).map_err(|e| {
        Failure::from(Error::Refused(tf(
            format!("브라우저를 열 수 없습니다: {e}"),
            format!("cannot open the browser: {e}"),
        )))
    })
}

/// The user's settings.
#[tauri::command]
pub fn settings(session: State<'_, Session>) -> Settings {
    session.settings()
}

/// Checks and keeps new settings; returns them as kept.
#[tauri::command(async)]
pub fn save_settings(session: State<'_, Session>, now: Now, settings: Settings) -> Reply<Settings> {
    Ok(session.save_settings(&settings, now.0)?)
}

/// Where reminders, the calendar file, the tray and start at login stand.
#[tauri::command(async)]
pub fn status<R: Runtime>(app: AppHandle<R>, session: State<'_, Session>, now: Now) -> DesktopStatus {
    DesktopStatus {
        reminders: session.reminder_status(now.0),
        tray_problem: tray::problem(&app),
        toast_problem: delivery::current(app.package_info().name.as_str()).problem(),
        autostart: app.autolaunch().is_enabled().unwrap_or(false),
        offer_autostart: session.autostart_offer(),
        publish: session.publish_status(),
        caldav_password: session.settings().caldav.as_ref().is_some_and(|c| credential::load(c).is_some()),
    }
}

/// Keeps the calendar account for publishing (`None`: stops), its new app password in the
/// system keyring; the first publish follows at once.
#[tauri::command(async)]
pub fn save_caldav<R: Runtime>(
    app: AppHandle<R>,
    session: State<'_, Session>,
    now: Now,
    caldav: Option<CalDav>,
    password: Option<String>,
) -> Reply<DesktopStatus> {
    publisher::save_account(&session, caldav, password, now.0)?;
    Ok(status(app, session, now))
}

/// Finds (or makes) the account's calendar without publishing ("연결 확인"): its address.
#[tauri::command(async)]
pub fn test_caldav(session: State<'_, Session>, caldav: CalDav, password: Option<String>) -> Reply<String> {
    Ok(session.check_calendar_server(&publisher::trial(caldav, password)?)?)
}

/// Where the home-network feed stands: the address a phone subscribes to, and its QR code.
#[tauri::command(async)]
pub fn feed_status<R: Runtime>(app: AppHandle<R>) -> FeedStatus {
    feed::status(&app)
}

/// A new feed address: the old one stops working ("새 주소 만들기").
#[tauri::command(async)]
pub fn renew_feed<R: Runtime>(app: AppHandle<R>, session: State<'_, Session>) -> Reply<FeedStatus> {
    session.renew_feed_token(feed::random()?)?;
    Ok(feed::status(&app))
}

/// Publishes the open vault's schedule to the calendar account now ("지금 올리기").
#[tauri::command(async)]
pub fn publish_now(session: State<'_, Session>, now: Now) -> Reply<Option<PublishStatus>> {
    let account = publisher::account(&session).ok_or_else(|| {
        Error::Invalid(
            tr("먼저 캘린더 계정과 앱 암호를 저장하세요", "Save the calendar account and its app password first")
                .into(),
        )
    })?;
    session.publish_own(&account, bokseup_core::calendar::DEFAULT_DAYS, now.0)?;
    Ok(session.publish_status())
}

/// Starts the app at login (hidden, in the tray) or stops doing so.
#[tauri::command(async)]
pub fn set_autostart<R: Runtime>(
    app: AppHandle<R>,
    session: State<'_, Session>,
    now: Now,
    on: bool,
) -> Reply<DesktopStatus> {
    let autolaunch = app.autolaunch();
    let result = if on { autolaunch.enable() } else { autolaunch.disable() };
    result.map_err(|e| {
        Error::Invalid(tf(
            format!("로그인할 때 시작 설정을 바꾸지 못했습니다: {e}"),
            format!("cannot change starting at login: {e}"),
        ))
    })?;
    session.autostart_offered()?;
    Ok(status(app.clone(), session, now))
}

/// Answers the one-time offer to start at login.
#[tauri::command(async)]
pub fn answer_autostart_offer<R: Runtime>(
    app: AppHandle<R>,
    session: State<'_, Session>,
    now: Now,
    accept: bool,
) -> Reply<DesktopStatus> {
    if accept {
        return set_autostart(app, session, now, true);
    }
    session.autostart_offered()?;
    Ok(status(app, session, now))
}

/// "알림 끄기": silences reminders for an hour or for the rest of the day.
#[tauri::command(async)]
pub fn mute<R: Runtime>(app: AppHandle<R>, session: State<'_, Session>, now: Now, until: Mute) -> Reply<DesktopStatus> {
    session.mute(until, now.0)?;
    Ok(status(app, session, now))
}

/// Reminders on again after "알림 끄기".
#[tauri::command(async)]
pub fn unmute<R: Runtime>(app: AppHandle<R>, session: State<'_, Session>, now: Now) -> Reply<DesktopStatus> {
    session.unmute()?;
    Ok(status(app, session, now))
}

/// Asks where to keep the calendar file with the system's save dialog; `None` when cancelled.
#[tauri::command]
pub async fn pick_calendar_file<R: Runtime>(app: AppHandle<R>) -> Option<String> {
    let picked = app
        .dialog()
        .file()
        .set_title(tr("휴대폰 캘린더용 .ics 파일 위치", "Where to keep the .ics file for a phone's calendar"))
        .set_file_name(tr("복습.ics", "reviews.ics"))
        .add_filter("iCalendar", &["ics"])
        .blocking_save_file()?;
    picked.into_path().ok().map(|p| p.to_string_lossy().into_owned())
}

/// Writes the calendar file now.
#[tauri::command(async)]
pub fn export_calendar(session: State<'_, Session>, now: Now) -> Reply<CalendarStatus> {
    Ok(session.export_calendar(now.0)?)
}

/// What the desktop side asked the page to do (a toast or the tray was clicked), oldest first.
#[tauri::command]
pub fn take_requests(session: State<'_, Session>) -> Vec<Request> {
    session.take_requests()
}

/// The paths of the notes whose body holds every word of `query` (the library filters titles
/// itself).
#[tauri::command(async)]
pub fn search(session: State<'_, Session>, now: Now, query: String) -> Reply<Vec<String>> {
    Ok(session.search(&query, now.0)?)
}

/// A note's page: the note, its timeline, its reviews and its Obsidian URI.
#[tauri::command(async)]
pub fn note_page(session: State<'_, Session>, now: Now, path: String) -> Reply<NotePage> {
    Ok(session.note_page(&path, now.0)?)
}

/// "Obsidian에서 열기": hands the note's `obsidian://` URI to the system, which opens Obsidian.
#[tauri::command(async)]
pub fn open_in_obsidian(session: State<'_, Session>, now: Now, path: String) -> Reply<()> {
    let uri = session.obsidian_link(&path, now.0)?;
    open::that_detached(&uri).map_err(|e| {
        Failure::from(Error::Refused(tf(
            format!("Obsidian을 열 수 없습니다 (설치되어 있나요?): {e}"),
            format!("cannot open Obsidian (is it installed?): {e}"),
        )))
    })
}

/// "폴더에서 보기": shows the note in the file manager.
#[tauri::command(async)]
pub fn show_in_folder(session: State<'_, Session>, now: Now, path: String) -> Reply<()> {
    let file = session.note_file(&path, now.0)?;
    reveal::show(&file).map_err(|e| {
        Failure::from(Error::Refused(tf(
            format!("파일 관리자를 열 수 없습니다: {e}"),
            format!("cannot open the file manager: {e}"),
        )))
    })
}

/// Opens the system's notification settings (macOS, Windows), where the user turns the app's
/// toasts back on.
#[tauri::command(async)]
pub fn open_toast_settings() -> Reply<()> {
    delivery::open_settings().map_err(|e| {
        Failure::from(Error::Refused(tf(
            format!("알림 설정을 열 수 없습니다: {e}"),
            format!("cannot open the notification settings: {e}"),
        )))
    })
}

/// The page painted its first screen with the vault loaded, having reached `moments` on the way;
/// returns the launch's milliseconds the first time (`null` after).
#[tauri::command]
pub fn shown(moments: Vec<PageMoment>) -> Option<u32> {
    crate::launch::shown(&moments)
}

/// Whether a newer release of the app is out (release builds only look).
#[tauri::command]
pub async fn check_update<R: Runtime>(app: AppHandle<R>) -> Reply<UpdateCheck> {
    update::check(&app).await
}

/// Downloads the newer release, checks its signature and installs it; returns its version, which
/// runs after [`restart_app`].
#[tauri::command]
pub async fn install_update<R: Runtime>(app: AppHandle<R>) -> Reply<String> {
    update::install(&app).await
}

/// Starts the app again (after an update is installed).
#[tauri::command]
pub fn restart_app<R: Runtime>(app: AppHandle<R>) {
    app.restart()
}

/// The calendar's numbers from `from` through `to`: reviews planned, done and missed per day.
#[tauri::command(async)]
pub fn calendar(session: State<'_, Session>, now: Now, from: NaiveDate, to: NaiveDate) -> Reply<Vec<DayCount>> {
    Ok(session.calendar(from, to, now.0)?)
}

/// One day of the calendar: what falls due, what was done, what was missed.
#[tauri::command(async)]
pub fn calendar_day(session: State<'_, Session>, now: Now, date: NaiveDate) -> Reply<DayList> {
    Ok(session.calendar_day(date, now.0)?)
}

/// The reviews done per day, for the statistics.
#[tauri::command(async)]
pub fn stats(session: State<'_, Session>, now: Now) -> Reply<Stats> {
    Ok(session.stats(now.0)?)
}

/// The vaults opened before, the last opened first.
#[tauri::command(async)]
pub fn vaults(session: State<'_, Session>) -> Reply<Vec<VaultEntry>> {
    Ok(session.vaults()?)
}

/// Forgets a vault opened before; returns the vaults left.
#[tauri::command(async)]
pub fn forget_vault(session: State<'_, Session>, path: PathBuf) -> Reply<Vec<VaultEntry>> {
    Ok(session.forget_vault(&path)?)
}

/// The language, theme and week start the window uses.
#[tauri::command]
pub fn appearance(session: State<'_, Session>) -> Appearance {
    session.appearance()
}

/// The plan of the open vault today (the setting's daily limit unless `limit`), the week's load
/// in minutes, and how many questions are weak.
#[tauri::command(async)]
pub fn learning(session: State<'_, Session>, now: Now, limit: Option<Limit>) -> Reply<Learning> {
    Ok(session.learning(limit, now.0)?.listed())
}

/// The weakest cue questions now: `count` of them, or `minutes`' worth; only those of the notes
/// the exam named `exam` covers.
#[tauri::command(async)]
pub fn weak(
    session: State<'_, Session>,
    now: Now,
    count: Option<u32>,
    minutes: Option<u32>,
    exam: Option<String>,
) -> Reply<Vec<WeakQuestion>> {
    let size = match (count, minutes) {
        (_, Some(m)) => Size::Minutes(f64::from(m.max(1))),
        (Some(n), None) => Size::Questions(n.max(1) as usize),
        (None, None) => Size::Questions(bokseup_core::drill::DEFAULT_COUNT),
    };
    Ok(session.weak(size, exam.as_deref(), now.0)?)
}

/// A drill's grade of one question: its memory learns it; no note is written.
#[tauri::command(async)]
pub fn drill_answer(
    session: State<'_, Session>,
    now: Now,
    path: String,
    question: String,
    grade: Grade,
    answer_ms: u32,
) -> Reply<()> {
    Ok(session.drill_answer(&path, &question, grade, answer_ms, now.0)?)
}
