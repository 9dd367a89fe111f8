//! The `bokseup` command line: its words ([`args`]), its usage text, and how each command's answer
//! is printed, in the language of `LANG`. It decides nothing about notes: every command goes
//! through the same engine operation as the window ([`Session`]), so a review from the terminal
//! keeps the index, the vault's history file and the calendar file exactly as the window's does.
//!
//! ```no_run
//! let args: Vec<String> = ["due", "/home/me/공부", "--json"].map(String::from).to_vec();
//! let outcome = bokseup_cli::run(&args, &mut std::io::stdout(), &mut std::io::stderr());
//! assert_eq!(outcome, bokseup_cli::Outcome::Exit(0));
//! ```
#![deny(missing_docs)]

mod args;
mod help;
mod print;

pub use args::Launch;
pub use help::{help, HELP, HELP_EN};

use args::{Command, Options, Parsed};
use bokseup_core::clock::Clock;
use bokseup_core::error::{Error, ErrorCode};
use bokseup_core::journal::ReviewInput;
use bokseup_core::lang::{tf, tr};
use bokseup_core::session::Session;
use bokseup_core::settings::{parse_limit, Settings};
use bokseup_core::store::{database_path, Store};
use bokseup_core::{demo, drill, plan, snapshot};
use chrono::NaiveDateTime;
use std::io::Write;
use std::path::Path;

/// What the arguments ask for.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A command ran on the terminal; exit with this code.
    Exit(i32),
    /// Start the desktop app.
    App(Launch),
}

/// Runs the command line: parses `args`, runs the command through the engine, prints its answer
/// on `out` and any problem on `err`.
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> Outcome {
    match args::parse(args) {
        Ok(Parsed::App(launch)) => Outcome::App(launch),
        Ok(Parsed::Help) => {
            let _ = out.write_all(help().as_bytes());
            Outcome::Exit(0)
        }
        Ok(Parsed::Command { name, path, note, options }) => {
            match command(name, &path, note.as_deref().unwrap_or_default(), &options, out, err) {
                Ok(()) => Outcome::Exit(0),
                Err(e) => {
                    let _ = writeln!(err, "bokseup: {e}");
                    if e.code() == ErrorCode::NotDue {
                        let _ = writeln!(
                            err,
                            "{}",
                            tr(
                                "미리 복습으로 기록하려면 --early를 붙여 다시 실행하세요.",
                                "To record it as an early review, run it again with --early."
                            )
                        );
                    }
                    Outcome::Exit(1)
                }
            }
        }
        Err(message) => {
            let _ = writeln!(
                err,
                "bokseup: {message}\n{}",
                tr("`bokseup --help`로 사용법을 볼 수 있습니다.", "See `bokseup --help` for usage.")
            );
            Outcome::Exit(2)
        }
    }
}

/// The launch that `args` ask for, when they start the app (not a command, not `--help`, not a
/// mistake): what a second launch hands to the running app.
pub fn parse_launch(args: &[String]) -> Option<Launch> {
    match args::parse(args) {
        Ok(Parsed::App(launch)) => Some(launch),
        _ => None,
    }
}

/// The engine's session for one command, on the app's database (or `--data`'s) and the clock
/// the options ask for, with the day rollover of the app's settings.
fn session(options: &Options) -> Result<Session, Error> {
    let db = database_path(options.data.as_deref());
    let store = Store::open(&db)?;
    let clock = Clock::from_options(options.today, options.time, store.rollover_hour());
    Ok(Session::new(store, db.with_file_name("demo-vault"), clock)?.command_line())
}

/// Runs `command` on a session with the vault at `path` open, as the window opens one (the
/// index, other devices' history, moved notes), at the time the command runs: the clock is read
/// once. The session then ends for the process's exit ([`Session::end_for_exit`]): the notes
/// and the agenda are not freed one by one just before the process ends.
fn open<T>(
    path: &Path,
    options: &Options,
    command: impl FnOnce(&Session, &bokseup_core::agenda::Overview, NaiveDateTime) -> Result<T, Error>,
) -> Result<T, Error> {
    let session = session(options)?;
    let now = session.now();
    let overview = session.open_vault(path, now)?;
    let done = command(&session, &overview, now);
    std::mem::forget(overview);
    session.end_for_exit();
    done
}

/// The calendar account of `publish`: the URL, the user and the password read from its file
/// (its first line; never echoed).
fn account(options: &Options) -> Result<bokseup_core::caldav::Account, Error> {
    let need = |what: &str| {
        Error::Invalid(tf(
            format!("publish에는 {what}이(가) 필요합니다 (bokseup publish VAULT --caldav URL --user NAME --password-file FILE)"),
            format!("publish needs {what} (bokseup publish VAULT --caldav URL --user NAME --password-file FILE)"),
        ))
    };
    let url = options.caldav.clone().ok_or_else(|| need("--caldav URL"))?;
    let user = options.user.clone().ok_or_else(|| need("--user NAME"))?;
    let file = options.password_file.as_ref().ok_or_else(|| need("--password-file FILE"))?;
    let text = std::fs::read_to_string(file).map_err(Error::read(file))?;
    let password = text.lines().next().unwrap_or_default().to_owned();
    if password.is_empty() {
        let file = file.display();
        return Err(Error::Invalid(tf(
            format!("암호 파일이 비어 있습니다: {file}"),
            format!("the password file is empty: {file}"),
        )));
    }
    Ok(bokseup_core::caldav::Account { url, user, password })
}

fn command(
    name: Command,
    path: &Path,
    note: &str,
    options: &Options,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Error> {
    match name {
        Command::Settings => settings(options, out),
        Command::Demo => {
            let session = session(options)?;
            demo::write(path, session.today(session.now()))?;
            let _ = writeln!(out, "{}: {}", tr("데모 볼트를 만들었습니다", "Wrote the demo vault"), path.display());
            Ok(())
        }
        Command::Scan => open(path, options, |_, overview, _| {
            print::scan(overview, options, out, err);
            Ok(())
        }),
        Command::Due => open(path, options, |_, overview, _| {
            print::due(overview, options.json, out, err);
            Ok(())
        }),
        Command::Weak => {
            let size = drill_size(options)?;
            open(path, options, |session, overview, now| {
                let questions = session.weak(size, options.exam.as_deref(), now)?;
                print::weak(overview, &questions, now, options.json, out);
                Ok(())
            })
        }
        Command::Plan => {
            let limit = plan_limit(options)?;
            open(path, options, |session, overview, now| {
                let learning = session.learning(limit, now)?;
                print::plan(overview, &learning.plan, now.date(), options.json, out);
                Ok(())
            })
        }
        Command::Review | Command::Start | Command::Enroll => open(path, options, |session, _, now| {
            let written = match name {
                Command::Review => {
                    let input =
                        ReviewInput { long_term: options.long_term, early: options.early, ..ReviewInput::default() };
                    session.review(note, &input, now)?
                }
                Command::Start => session.start_note(note, now)?,
                _ => session.enroll(note, now)?,
            };
            print::written(name, &written, options.json, out);
            Ok(())
        }),
        Command::Undo => open(path, options, |session, _, now| {
            if options.list {
                print::undo_list(&session.undo_list(20, now)?, out);
            } else {
                print::undone(&session.undo(options.undo_id, now)?, out);
            }
            Ok(())
        }),
        Command::Publish => {
            let account = account(options)?;
            open(path, options, |session, _, now| {
                let days = options.days.unwrap_or(bokseup_core::calendar::DEFAULT_DAYS);
                let done = session.publish(&account, days, now)?;
                print::published(&done, out);
                Ok(())
            })
        }
        Command::Ics => open(path, options, |session, _, now| {
            let (text, days) = session.ics(options.days.unwrap_or(bokseup_core::calendar::DEFAULT_DAYS), now)?;
            match &options.out {
                None => {
                    let _ = out.write_all(text.as_bytes());
                }
                Some(file) => {
                    let file = std::path::absolute(file).unwrap_or_else(|_| file.clone());
                    let folder = file.parent().unwrap_or(Path::new("/"));
                    if !folder.is_dir() {
                        let folder = folder.display();
                        return Err(Error::Invalid(tf(
                            format!("캘린더 파일을 둘 폴더가 없습니다: {folder}"),
                            format!("there is no folder for the calendar file: {folder}"),
                        )));
                    }
                    snapshot::write_whole(&file, text.as_bytes())?;
                    let reviews: usize = days.iter().map(|d| d.reviews.len()).sum();
                    let (file, n) = (file.display(), days.len());
                    let line = tf(
                        format!("{file}: 복습 {reviews}개, {n}일치 일정을 썼습니다"),
                        format!("{file}: wrote {reviews} reviews on {n} days"),
                    );
                    let _ = writeln!(out, "{line}");
                }
            }
            Ok(())
        }),
    }
}

/// `--limit` as a number of questions or minutes (`weak`).
fn drill_size(options: &Options) -> Result<drill::Size, Error> {
    use drill::Size;
    let Some(text) = options.limit.as_deref() else { return Ok(Size::Questions(drill::DEFAULT_COUNT)) };
    match parse_limit(text) {
        Some(plan::Limit::Notes(n)) if n > 0 => Ok(Size::Questions(n as usize)),
        Some(plan::Limit::Minutes(m)) if m > 0 => Ok(Size::Minutes(f64::from(m))),
        _ => Err(Error::Invalid(tf(
            format!("--limit는 1 이상의 질문 수(예: 10)나 분(예: 15m)이어야 합니다: {text}"),
            format!("--limit must be a count of 1 or more (10) or minutes (15m): {text}"),
        ))),
    }
}

/// `--limit` as the plan's daily limit (`plan`); the setting's when not given.
fn plan_limit(options: &Options) -> Result<Option<plan::Limit>, Error> {
    let Some(text) = options.limit.as_deref() else { return Ok(None) };
    parse_limit(text).map(Some).ok_or_else(|| {
        Error::Invalid(tf(
            format!("--limit는 노트 수(예: 20)나 분(예: 45m)이어야 합니다: {text}"),
            format!("--limit must be a number of notes (20) or minutes (45m): {text}"),
        ))
    })
}

/// `bokseup settings [NAME VALUE]`: prints the settings, or changes one as the settings screen
/// does (checked, the calendar file written at once) and prints them all.
fn settings(options: &Options, out: &mut dyn Write) -> Result<(), Error> {
    let session = session(options)?;
    let mut settings: Settings = session.settings();
    if let Some((name, value)) = &options.setting {
        settings.set(name, value)?;
        settings = session.save_settings(&settings, session.now())?;
    }
    let _ = out.write_all(settings.describe().as_bytes());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveTime;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    fn run_str(line: &str) -> (Outcome, String, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let outcome = run(&args(line), &mut out, &mut err);
        (outcome, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
    }

    #[test]
    fn app_arguments() {
        assert_eq!(run_str("").0, Outcome::App(Launch::default()));
        assert_eq!(
            run_str("--time 14:01").0,
            Outcome::App(Launch { time: NaiveTime::from_hms_opt(14, 1, 0), ..Launch::default() })
        );
        assert_eq!(
            run_str("--today 2024-10-27 --time 08:59:50 --hidden").0,
            Outcome::App(Launch {
                today: Some("2024-10-27".parse().unwrap()),
                time: NaiveTime::from_hms_opt(8, 59, 50),
                hidden: true,
                ..Launch::default()
            })
        );
        assert_eq!(
            run_str("/v --today 2024-08-25").0,
            Outcome::App(Launch {
                vault: Some("/v".into()),
                today: Some("2024-08-25".parse().unwrap()),
                ..Launch::default()
            })
        );
        assert_eq!(
            run_str("--today=2024-08-25").0,
            Outcome::App(Launch { today: Some("2024-08-25".parse().unwrap()), ..Launch::default() })
        );
    }

    #[test]
    fn open_with_on_several_folders_opens_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir(&a).unwrap();
        std::fs::create_dir(&b).unwrap();
        let line = format!("{} {} --review", a.display(), b.display());
        assert_eq!(run_str(&line).0, Outcome::App(Launch { vault: Some(a), review: true, ..Launch::default() }));
    }

    #[test]
    fn a_second_launch_is_read_the_same_way() {
        let launch = parse_launch(&args("/home/me/공부 --hidden")).unwrap();
        assert_eq!((launch.vault, launch.hidden), (Some("/home/me/공부".into()), true));
        assert_eq!(parse_launch(&args("due /v")), None);
        assert_eq!(parse_launch(&args("--bogus")), None);
    }

    #[test]
    fn help_has_an_example_per_command() {
        let (outcome, out, _) = run_str("--help");
        assert_eq!(outcome, Outcome::Exit(0));
        assert!(HELP_EN.contains("week-start") && HELP.contains("week-start"));
        for cmd in [
            "bokseup due ",
            "bokseup scan ",
            "bokseup demo ",
            "bokseup review ",
            "bokseup start ",
            "bokseup enroll ",
            "bokseup undo ",
            "bokseup ics ",
            "bokseup publish ",
            "bokseup settings ",
            "bokseup weak ",
            "bokseup plan ",
            "bokseup ~/",
        ] {
            assert!(out.contains(cmd), "{cmd}");
        }
    }

    #[test]
    fn usage_errors_exit_2_with_a_message() {
        for line in [
            "due",
            "scan a b",
            "--today 2024-13-01",
            "--bogus",
            "frobnicate x",
            "review v",
            "review v a b",
            "undo",
            "review v n --time 25:00",
            "ics v --days 0",
            "ics v --days lots",
            "ics v --out",
            "publish v --caldav",
            "publish v --password-file",
            "settings reminders",
            "settings a b c",
        ] {
            let (outcome, _, err) = run_str(line);
            assert_eq!(outcome, Outcome::Exit(2), "{line}");
            assert!(err.contains("--help"), "{line}: {err}");
        }
    }

    #[test]
    fn missing_vault_exits_1_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let line = format!("due /no/such/vault --data {}", dir.path().display());
        let (outcome, _, err) = run_str(&line);
        assert_eq!(outcome, Outcome::Exit(1));
        assert!(err.contains("/no/such/vault"), "{err}");
    }
}
