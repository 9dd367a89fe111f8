//! Bokseup's desktop shell: the window, the tray, native toasts, the reminder timer, start at
//! login and one instance, over the engine in `bokseup-core`. Everything the app decides lives in
//! [`bokseup_core::session::Session`] and is tested there; this crate only connects it to the
//! desktop.

mod badge;
#[cfg(target_os = "linux")]
mod bus;
mod commands;
mod credential;
mod delivery;
pub mod event;
mod feed;
mod launch;
mod publisher;
mod reveal;
mod timer;
mod toast;
mod tray;
mod update;
mod watch;
mod window;

use bokseup_cli::Launch;
use bokseup_core::clock::Clock;
use bokseup_core::session::{Change, Request, Session};
use bokseup_core::store::{database_path, Store};
use std::borrow::Cow;
use tauri::http::Response;
use tauri::Manager;

/// The argument the login entry starts the app with: no window, reminders only.
const HIDDEN: &str = "--hidden";

/// Serves `vault://localhost/<path>`: an image file of the open vault, nothing else.
fn vault_image<R: tauri::Runtime>(app: &tauri::AppHandle<R>, path: &str) -> Response<Cow<'static, [u8]>> {
    let session = app.state::<Session>();
    let response = match session.image(path, session.now()) {
        Ok((bytes, mime)) => Response::builder()
            .header("Content-Type", mime)
            // An SVG may carry scripts: it is only ever an image here.
            .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
            .body(Cow::Owned(bytes)),
        Err(_) => Response::builder().status(404).body(Cow::Borrowed(&[][..])),
    };
    response.unwrap_or_else(|_| Response::new(Cow::Borrowed(&[][..])))
}

/// The shell's one subscription to the session: whoever changed something (a command, the
/// command line's twin in this process, the timer, the watcher), the tray, the reminder timer and
/// the page follow.
fn listener<R: tauri::Runtime>(app: tauri::AppHandle<R>) -> bokseup_core::session::Listener {
    std::sync::Arc::new(move |change| match change {
        Change::Progress(progress) => {
            let _ = tauri::Emitter::emit_to(&app, "main", event::SCAN_EVENT, progress);
        }
        Change::Reminders => {
            // The settings may have changed the language: messages from now on (the tray,
            // toasts, errors) speak it.
            bokseup_core::lang::set(app.state::<Session>().settings().lang());
            tray::refresh(&app);
            timer::poke(&app);
            publisher::poke(&app);
            feed::reconcile(&app);
        }
        Change::Agenda => {
            tray::refresh(&app);
            timer::poke(&app);
            publisher::poke(&app);
        }
        Change::Learning => {
            tray::refresh(&app);
            timer::poke(&app);
        }
        Change::Published => {
            let _ = tauri::Emitter::emit_to(&app, "main", event::PUBLISH_EVENT, ());
        }
    })
}

/// Which parts of the desktop the app joins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Desktop {
    /// The tray, the reminder timer and toasts, and the window shown: the real app.
    Joined,
    /// None of them: the app's state and commands only (a test on Tauri's mock runtime).
    Apart,
}

/// Notes the moment the process started, for the launch's measure (see [`launch::shown`]).
pub fn started() {
    launch::started();
}

/// Runs the app on the desktop.
pub fn run(launch: Launch) {
    window::choose_painting();
    app(tauri::Builder::default(), launch, Desktop::Joined).run(context()).expect("error while running Bokseup");
}

/// The app's configuration, assets and capabilities (`tauri.conf.json`, `src-tauri/capabilities`).
pub fn context<R: tauri::Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

/// The app on `builder`: plugins, state, commands, the `vault:` protocol and, when `desktop` is
/// [`Desktop::Joined`], the tray, the timer and the window. Takes the builder so a test can pass
/// Tauri's mock one.
pub fn app<R: tauri::Runtime>(builder: tauri::Builder<R>, launch: Launch, desktop: Desktop) -> tauri::Builder<R> {
    builder
        // First, so a second launch hands over to this one before anything else starts.
        .plugin(tauri_plugin_single_instance::init(launch::second_launch))
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_autostart::Builder::new().arg(HIDDEN).build())
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            launch::phase("setup");
            // The same database as the command line's, so `bokseup undo` sees the app's writes.
            let db = database_path(launch.data.as_deref());
            let demo = db.with_file_name("demo-vault");
            let store = Store::open(&db)?;
            let clock = Clock::from_options(launch.today, launch.time, store.rollover_hour());
            let session = Session::new(store, demo, clock)?.starting_on(launch.vault.clone());
            // The app speaks the language of its setting (the system's unless the user chose).
            bokseup_core::lang::set(session.settings().lang());
            if launch.hidden {
                session.expect_login(session.now());
            } else {
                session.opened_by_user(session.now());
            }
            if launch.review {
                session.request(Request::Review);
            }
            update::register(app.handle())?;
            session.listen(listener(app.handle().clone()));
            app.manage(session);
            if desktop == Desktop::Joined {
                toast::listen(app.handle());
                // macOS asks the user once whether the app may show toasts; the window need not wait.
                std::thread::spawn(delivery::ask);
                app.manage(badge::Badge::default());
                tray::create(app.handle());
                if !launch.hidden {
                    window::show(app.handle());
                    launch::phase("window");
                    // The vault is read while WebKit starts and loads the page (a third of a
                    // second), not after the page asks for it. Without this thread the first
                    // screen reads it itself.
                    let app = app.handle().clone();
                    let _ = std::thread::Builder::new().name("opening".into()).spawn(move || {
                        let session = app.state::<Session>();
                        session.open_ahead(session.now());
                    });
                }
                timer::start(app.handle().clone());
                watch::start(app.handle().clone());
                publisher::start(app.handle().clone());
                app.manage(feed::Feed::default());
                feed::reconcile(app.handle());
            }
            Ok(())
        })
        .on_window_event(launch::on_window_event)
        .register_uri_scheme_protocol("vault", |ctx, request| vault_image(ctx.app_handle(), request.uri().path()))
        // Every `#[tauri::command]` of commands.rs (see build.rs).
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/invoke.rs")))
}
