//! `bokseup`: the command line, in a binary that links neither WebKit nor GTK, so a command
//! starts in milliseconds and runs without a display. With no command, or a vault folder, it
//! hands over to the desktop app, `bokseup-app`, installed beside it.

use bokseup_cli::{self as cli, Outcome};
use bokseup_core::lang::{self, tf, Lang};
use std::path::PathBuf;
use std::process::Command;

/// The desktop app's binary: beside this one (both are in the package and in `target/`).
const APP: &str = "bokseup-app";

/// Each command is a process that scans the vault and exits: its life is mostly allocating a
/// few strings per note on two threads, where glibc's allocator spent a fifth of a warm start
/// (its arenas' locks, memory handed back to the system and faulted in again). The desktop app
/// keeps the system's: it scans once per launch, and its binary has a size goal.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    lang::set(Lang::of_system());
    match cli::run(&args, &mut std::io::stdout(), &mut std::io::stderr()) {
        Outcome::Exit(code) => exit_now(code),
        Outcome::App(_) => std::process::exit(hand_over(&args)),
    }
}

/// Runs the desktop app with the same arguments, in this process where the system allows it
/// (the same pid: a launcher or WebDriver that started `bokseup` sees the app). Returns an exit
/// code only when the app could not be started.
fn hand_over(args: &[String]) -> i32 {
    let app = app_path();
    let mut command = Command::new(&app);
    command.args(args);
    #[cfg(unix)]
    let error = {
        use std::os::unix::process::CommandExt;
        command.exec()
    };
    #[cfg(not(unix))]
    let error = match command.status() {
        Ok(status) => return status.code().unwrap_or(1),
        Err(e) => e,
    };
    eprintln!(
        "bokseup: {}",
        tf(
            format!("앱을 시작할 수 없습니다 ({}): {error}", app.display()),
            format!("cannot start the app ({}): {error}", app.display()),
        )
    );
    1
}

/// `bokseup-app` beside this binary, or else the one on PATH.
fn app_path() -> PathBuf {
    let name = format!("{APP}{}", std::env::consts::EXE_SUFFIX);
    std::env::current_exe()
        .ok()
        .and_then(|me| me.parent().map(|dir| dir.join(&name)))
        .filter(|p| p.is_file())
        .unwrap_or_else(|| PathBuf::from(name))
}

/// Ends the process once the command is done: its output flushed, and its session already ended
/// (the index written, the database closed: [`cli::run`] returns after that). Without the C
/// library's exit handlers: the allocator's would free and hand back to the system, page by
/// page, the memory of every note just before the system takes all of it at once (a twentieth
/// of a warm `bokseup scan` at 10,000 notes).
fn exit_now(code: i32) -> ! {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    // SAFETY: `_exit` only ends the process; nothing of this process is left to run or to write.
    unsafe { libc::_exit(code) }
}
