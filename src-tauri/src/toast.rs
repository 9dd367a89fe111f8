//! Native toasts (tauri-plugin-notification over the desktop's notification server): the
//! reminder with its "지금 복습" and "1시간 뒤에" buttons (and "오늘은 그만" when it comes back until
//! done), and one-off hints. A click on a reminder
//! opens the review, with the window closed too.

use crate::window;
use bokseup_core::lang::tr;
use bokseup_core::reminder::Reminder;
use bokseup_core::session::{Request, Session};
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_notification::{Action, ActionPerformed, ActionType, NotificationExt};

/// The notification id of reminders: a new reminder replaces the previous one's entry.
const REMINDER_ID: i32 = 1;
/// The notification id of hints.
const HINT_ID: i32 = 2;
/// The action type whose buttons a reminder shows.
const REMINDER_ACTIONS: &str = "reminder";
/// The action type of a reminder that comes back until today's share is done.
const UNTIL_DONE_ACTIONS: &str = "reminder-until-done";

/// Registers the reminder's buttons and what a click does. Done before any toast is shown:
/// the plugin shows buttons only when someone listens for them.
pub fn listen<R: Runtime>(app: &AppHandle<R>) {
    register_buttons(app);
    let handle = app.clone();
    let _ = app.notification().on_action(move |performed| on_action(&handle, performed));
}

/// The reminder's buttons, labelled in the language of the moment (registering again replaces
/// them, so each reminder speaks the language the user chose last).
fn register_buttons<R: Runtime>(app: &AppHandle<R>) {
    let review = || Action::builder("review", tr("지금 복습", "Review now")).build();
    let snooze = || Action::builder("snooze", tr("1시간 뒤에", "In an hour")).build();
    let buttons = ActionType::builder(REMINDER_ACTIONS).actions(vec![review(), snooze()]).build();
    let until_done = ActionType::builder(UNTIL_DONE_ACTIONS)
        .actions(vec![review(), snooze(), Action::builder("done", tr("오늘은 그만", "Done for today")).build()])
        .build();
    let _ = app.notification().register_action_types(vec![buttons, until_done]);
}

fn on_action<R: Runtime>(app: &AppHandle<R>, performed: &ActionPerformed) {
    let id = performed.notification().map(|n| n.id());
    match (performed.action_id(), id) {
        ("snooze", _) => {
            let session = app.state::<Session>();
            let _ = session.snooze(session.now());
        }
        ("done", _) => {
            let session = app.state::<Session>();
            let _ = session.mute(bokseup_core::session::Mute::Today, session.now());
        }
        ("review", _) | ("tap", Some(REMINDER_ID)) => window::ask(app, Request::Review),
        ("tap", _) => window::ask(app, Request::Home),
        _ => {}
    }
}

/// Shows a reminder: "오늘 복습할 노트 5개" / "밀린 복습 3개 · OSI 7계층, EBS 볼륨 외 3개".
pub fn reminder<R: Runtime>(app: &AppHandle<R>, reminder: &Reminder) {
    register_buttons(app);
    let shown = app
        .notification()
        .builder()
        .id(REMINDER_ID)
        .title(&reminder.title)
        .body(&reminder.body)
        .action_type_id(if reminder.until_done { UNTIL_DONE_ACTIONS } else { REMINDER_ACTIONS })
        .show();
    if let Err(e) = shown {
        eprintln!("bokseup: {}: {e}", tr("알림을 표시하지 못했습니다", "Cannot show the reminder"));
    }
}

/// Shows a toast without buttons; a click opens the window.
pub fn hint<R: Runtime>(app: &AppHandle<R>, title: &str, body: &str) {
    let _ = app.notification().builder().id(HINT_ID).title(title).body(body).show();
}
