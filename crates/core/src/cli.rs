//! The command line: `scan`, `due`, `review`, `start`, `enroll`, `undo`, `ics`, `settings`, `demo`,
//! and the arguments that start the desktop app. It decides before any window exists, so it runs
//! without a display. Every command tells the day by the same [`Clock`] as the app, with the day
//! rollover of the app's settings.

use crate::agenda::{Agenda, NoteSummary};
use crate::calendar;
use crate::clock::Clock;
use crate::error::Error;
use crate::journal::{self, ReviewInput, UndoState, Written};
use crate::lang::{current, tf, tr, Lang};
use crate::schedule::Status;
use crate::settings::Settings;
use crate::store::{Store, DEFAULT_ROLLOVER_HOUR};
use crate::vault::{self, Issue};
use chrono::{NaiveDate, NaiveTime, TimeZone};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Usage text for `--help`, in Korean.
pub const HELP: &str = "\
복습 (Bokseup) — Obsidian 복습 노트의 에빙하우스 복습 일정

사용법:
  bokseup [VAULT] [--today D] [--time HH:MM[:SS]] [--hidden] [--review]
                                                 앱을 엽니다 (VAULT: 볼트 폴더)
  bokseup due VAULT [--today D] [--json]         오늘 복습할 노트 (밀린 것부터)
  bokseup scan VAULT [--today D] [--json]        모든 노트와 읽지 못한 파일
  bokseup weak VAULT [--limit N|Nm] [--exam E] [--json]
                                                 잊었을 가능성이 가장 큰 단서 질문
  bokseup plan VAULT [--today D] [--limit N|Nm] [--json]
                                                 하루 한도에 맞춘 복습 계획 (밀린 복습, 시험)
  bokseup review VAULT NOTE [--date D] [--time HH:MM] [--long-term]
                                                 NOTE의 복습을 완료로 기록합니다
  bokseup start VAULT NOTE [--date D]            시작 전 노트의 학습을 시작합니다
  bokseup enroll VAULT NOTE [--date D]           일반 노트를 복습 노트로 등록합니다
  bokseup undo VAULT [N | --list]                이 볼트의 마지막 변경(또는 N번)을 되돌립니다
  bokseup ics VAULT [--today D] [--days N] [--out FILE]
                                                 복습 일정을 휴대폰 캘린더용 .ics로 씁니다
  bokseup settings [NAME VALUE]                  설정을 보거나 바꿉니다
  bokseup demo DIR [--today D]                   데모 볼트를 DIR에 만듭니다
  bokseup --help                                 이 도움말

  NOTE는 볼트 안의 경로입니다 (예: \"AWS/AMI.md\"). 노트를 고치면 바뀐 키를 모두 보여 줍니다.
  메시지는 LANG을 따릅니다: ko_*이면 한국어, 아니면 영어.

옵션:
  --today D, --date D   오늘 날짜를 고정합니다 (지난 복습 기록, 테스트, 시연용)
  --time HH:MM[:SS]     지금 시각을 고정합니다 (앱에서는 그 시각부터 시계가 흐릅니다)
  --long-term           장기기억 완료로 표시합니다 (14일 복습부터)
  --early               아직 복습할 날이 아닌 노트를 미리 복습으로 기록합니다
  --list                (undo) 최근 변경과 되돌릴 수 있는지를 보여 줍니다
  --days N              (ics) 오늘부터 며칠치를 쓸지 (기본 60)
  --out FILE            (ics) 표준 출력 대신 FILE에 씁니다
  --hidden              창 없이 트레이에서 시작합니다 (로그인할 때 자동 시작)
  --review              오늘의 복습 화면으로 바로 엽니다
  --json                기계가 읽는 JSON으로 출력합니다
  --counts              (scan) files=N with_flags=R plain=P fail=F 한 줄만 출력합니다
  --data DIR            앱 데이터(복습 기록, 되돌리기, 설정) 폴더 (기본: 앱과 같은 곳)
  --limit N, --limit Nm (weak) 질문 N개 또는 N분어치 (기본 10개)
                        (plan) 하루 한도: 노트 N개 또는 N분 (기본: 설정, 20개)
  --exam E              (weak) 시험 E가 다루는 노트의 질문만

설정 (bokseup settings NAME VALUE):
  reminders on|off            복습 알림 (기본 on)
  reminder-times \"9:00, 21:00\"  알림 시각
  min-due N                   최소 N개가 밀렸을 때만 알림 (기본 1)
  keep-running on|off         창을 닫아도 트레이에서 계속 실행 (기본 on)
  rollover-hour H             하루가 시작되는 시각 (기본 4시)
  calendar-file PATH|none     앱이 최신으로 유지할 .ics 파일
  week-start sunday|monday    달력의 주가 시작하는 요일
  language auto|ko|en         앱의 언어 (auto: 시스템 언어)
  theme system|light|dark     밝은 화면, 어두운 화면
  history-in-vault on|off     복습 기록을 볼트의 .bokseup/history에도 둡니다 (기본 on)
  daily-limit N|Nm            하루 한도: 노트 N개 또는 N분 (기본 20)

예:
  bokseup ~/Obsidian/공부
  bokseup due ~/Obsidian/공부
  bokseup due ~/Obsidian/공부 --today 2024-10-27 --json
  bokseup weak ~/Obsidian/공부 --limit 15m
  bokseup plan ~/Obsidian/공부 --limit 30 --json
  bokseup scan ~/Obsidian/공부 --json > notes.json
  bokseup review ~/Obsidian/공부 \"AWS/EC2 인스턴스 유형.md\" --time 21:30
  bokseup review ~/Obsidian/공부 AWS/AMI.md --long-term
  bokseup start ~/Obsidian/공부 \"운영체제/페이징.md\"
  bokseup enroll ~/Obsidian/공부 \"네트워크/TCP 정리.md\"
  bokseup undo ~/Obsidian/공부
  bokseup ics ~/Obsidian/공부 --out ~/Sync/복습.ics
  bokseup settings reminder-times \"8:30, 20:00\"
  bokseup demo /tmp/demo && bokseup due /tmp/demo
";

/// Usage text for `--help`, in English.
pub const HELP_EN: &str = "\
Bokseup (복습) — an Ebbinghaus review schedule for Obsidian study notes

Usage:
  bokseup [VAULT] [--today D] [--time HH:MM[:SS]] [--hidden] [--review]
                                                 opens the app (VAULT: the vault folder)
  bokseup due VAULT [--today D] [--json]         today's reviews (the latest first)
  bokseup scan VAULT [--today D] [--json]        every note and the files that could not be read
  bokseup weak VAULT [--limit N|Nm] [--exam E] [--json]
                                                 the cue questions most likely forgotten
  bokseup plan VAULT [--today D] [--limit N|Nm] [--json]
                                                 the review plan within a daily limit (backlog, exams)
  bokseup review VAULT NOTE [--date D] [--time HH:MM] [--long-term]
                                                 records NOTE's review as done
  bokseup start VAULT NOTE [--date D]            starts studying a not-started note
  bokseup enroll VAULT NOTE [--date D]           makes a plain note a review note
  bokseup undo VAULT [N | --list]                undoes this vault's last change (or change N)
  bokseup ics VAULT [--today D] [--days N] [--out FILE]
                                                 writes the schedule as an .ics for a phone's calendar
  bokseup settings [NAME VALUE]                  shows or changes the settings
  bokseup demo DIR [--today D]                   writes the demo vault into DIR
  bokseup --help                                 this help

  NOTE is a path inside the vault (e.g. \"AWS/AMI.md\"). A change to a note prints every key changed.
  Messages follow LANG: Korean for ko_*, English otherwise.

Options:
  --today D, --date D   pins today's date (past reviews, tests, demos)
  --time HH:MM[:SS]     pins the time (in the app the clock runs on from it)
  --long-term           marks the note as in long-term memory (from the 14-day review on)
  --early               records a review of a note that is not due yet
  --list                (undo) lists recent changes and whether they can be undone
  --days N              (ics) how many days from today to write (60 by default)
  --out FILE            (ics) writes FILE instead of standard output
  --hidden              starts in the tray without a window (start at login)
  --review              opens straight on today's review
  --json                prints JSON for programs
  --counts              (scan) prints one line: files=N with_flags=R plain=P fail=F
  --data DIR            the app's data folder (review log, undo, settings; the app's by default)
  --limit N, --limit Nm (weak) N questions or N minutes' worth (10 questions by default)
                        (plan) the daily limit: N notes or N minutes (the setting's by default, 20)
  --exam E              (weak) only questions of the notes exam E covers

Settings (bokseup settings NAME VALUE):
  reminders on|off            review reminders (on by default)
  reminder-times \"9:00, 21:00\"  reminder times
  min-due N                   remind only when at least N reviews are due (1 by default)
  keep-running on|off         keep running in the tray when the window closes (on by default)
  rollover-hour H             the hour a day starts (4 by default)
  calendar-file PATH|none     an .ics file the app keeps up to date
  week-start sunday|monday    the first day of the calendar's weeks
  language auto|ko|en         the app's language (auto: the system's)
  theme system|light|dark     light or dark
  history-in-vault on|off     keep the review history in the vault's .bokseup/history too (on by default)
  daily-limit N|Nm            the daily limit: N notes or N minutes (20 by default)

Examples:
  bokseup ~/Obsidian/study
  bokseup due ~/Obsidian/study
  bokseup due ~/Obsidian/study --today 2024-10-27 --json
  bokseup weak ~/Obsidian/study --limit 15m
  bokseup plan ~/Obsidian/study --limit 30 --json
  bokseup scan ~/Obsidian/study --json > notes.json
  bokseup review ~/Obsidian/study \"AWS/EC2 instance types.md\" --time 21:30
  bokseup review ~/Obsidian/study AWS/AMI.md --long-term
  bokseup start ~/Obsidian/study \"OS/paging.md\"
  bokseup enroll ~/Obsidian/study \"Network/TCP.md\"
  bokseup undo ~/Obsidian/study
  bokseup ics ~/Obsidian/study --out ~/Sync/reviews.ics
  bokseup settings reminder-times \"8:30, 20:00\"
  bokseup demo /tmp/demo && bokseup due /tmp/demo
";

/// The usage text in the language of the messages.
pub fn help() -> &'static str {
    current().pick(HELP, HELP_EN)
}

/// What the arguments ask for.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A command ran on the terminal; exit with this code.
    Exit(i32),
    /// Start the desktop app.
    App(Launch),
}

/// How the desktop app was asked to start.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Launch {
    /// The vault to open instead of the remembered one.
    pub vault: Option<PathBuf>,
    /// A fixed "today" for tests and demos (`--today`).
    pub today: Option<NaiveDate>,
    /// A fixed start time for tests and demos (`--time`); the clock runs on from it.
    pub time: Option<NaiveTime>,
    /// Start in the tray without a window (`--hidden`: the launch at login).
    pub hidden: bool,
    /// Go straight to today's review (`--review`: the dock menu's "오늘 복습 시작").
    pub review: bool,
    /// The app's data folder (`--data`), instead of the user's.
    pub data: Option<PathBuf>,
}

/// Runs the command line. `clock` answers what time it is (the system's, unless `--today` or
/// `--time` pin it); the day rollover is the app's setting.
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> Outcome {
    match parse(args) {
        Ok(Parsed::App(launch)) => Outcome::App(launch),
        Ok(Parsed::Help) => {
            let _ = out.write_all(help().as_bytes());
            Outcome::Exit(0)
        }
        Ok(Parsed::Command { name, path, note, options }) => {
            let result = match name {
                Command::Settings => settings(&options, out),
                Command::Scan | Command::Due | Command::Ics | Command::Demo => {
                    let clock = clock(&options, stored_rollover(&options));
                    match name {
                        Command::Scan => scan(&path, clock.today(), &options, out, err),
                        Command::Due => due(&path, clock.today(), &options, out, err),
                        Command::Ics => ics(&path, &clock, &options, out),
                        _ => crate::demo::write(&path, clock.today()).map(|()| {
                            let _ = writeln!(
                                out,
                                "{}: {}",
                                tr("데모 볼트를 만들었습니다", "Wrote the demo vault"),
                                path.display()
                            );
                        }),
                    }
                }
                Command::Review | Command::Start | Command::Enroll => {
                    write_note(name, &path, note.as_deref().unwrap_or_default(), &options, out)
                }
                Command::Weak => weak(&path, &options, out),
                Command::Plan => plan(&path, &options, out),
                Command::Undo => undo(&path, &options, out),
            };
            match result {
                Ok(()) => Outcome::Exit(0),
                Err(e) => {
                    let _ = writeln!(err, "bokseup: {e}");
                    if e.code() == crate::error::ErrorCode::NotDue {
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
    match parse(args) {
        Ok(Parsed::App(launch)) => Some(launch),
        _ => None,
    }
}

/// The clock the options ask for, with the day starting at `rollover_hour`.
fn clock(options: &Options, rollover_hour: u32) -> Clock {
    Clock::from_options(options.today, options.time, rollover_hour)
}

/// The app's rollover hour, read without creating a database where there is none.
fn stored_rollover(options: &Options) -> u32 {
    let path = crate::store::database_path(options.data.as_deref());
    if !path.is_file() {
        return DEFAULT_ROLLOVER_HOUR;
    }
    Store::open(&path).map_or(DEFAULT_ROLLOVER_HOUR, |s| s.rollover_hour())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    Scan,
    Due,
    Weak,
    Plan,
    Demo,
    Review,
    Start,
    Enroll,
    Undo,
    Ics,
    Settings,
}

impl Command {
    /// Whether the command names a note after the vault.
    fn takes_note(self) -> bool {
        matches!(self, Command::Review | Command::Start | Command::Enroll)
    }
}

#[derive(Debug, Default)]
struct Options {
    today: Option<NaiveDate>,
    time: Option<NaiveTime>,
    json: bool,
    counts: bool,
    long_term: bool,
    early: bool,
    list: bool,
    undo_id: Option<i64>,
    hidden: bool,
    review: bool,
    days: Option<u32>,
    out: Option<PathBuf>,
    data: Option<PathBuf>,
    /// `settings NAME VALUE`
    setting: Option<(String, String)>,
    /// `--limit N` (weak: questions, or minutes as `15m`; plan: the daily limit, `20` or `45m`)
    limit: Option<String>,
    /// `--exam NAME` (weak: only the notes the exam covers)
    exam: Option<String>,
}

#[derive(Debug)]
enum Parsed {
    Help,
    App(Launch),
    Command { name: Command, path: PathBuf, note: Option<String>, options: Options },
}

fn parse(args: &[String]) -> Result<Parsed, String> {
    let mut positional = Vec::new();
    let mut options = Options::default();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "-h" | "--help" | "help" => return Ok(Parsed::Help),
            "--json" => options.json = true,
            "--counts" => options.counts = true,
            "--long-term" => options.long_term = true,
            "--early" => options.early = true,
            "--list" => options.list = true,
            "--today" | "--date" => {
                let value = iter.next().ok_or_else(|| {
                    tf(format!("{arg} 뒤에 날짜(YYYY-MM-DD)가 필요합니다"), format!("{arg} needs a date (YYYY-MM-DD)"))
                })?;
                options.today = Some(parse_date(value)?);
            }
            "--hidden" => options.hidden = true,
            "--review" => options.review = true,
            "--time" => {
                let value = iter
                    .next()
                    .ok_or_else(|| tr("--time 뒤에 시각(HH:MM)이 필요합니다", "--time needs a time (HH:MM)"))?;
                let time = NaiveTime::parse_from_str(value, "%H:%M:%S")
                    .or_else(|_| NaiveTime::parse_from_str(value, "%H:%M"))
                    .map_err(|_| {
                        tf(
                            format!("시각 형식이 아닙니다: {value} (HH:MM 또는 HH:MM:SS)"),
                            format!("not a time: {value} (HH:MM or HH:MM:SS)"),
                        )
                    })?;
                options.time = Some(time);
            }
            "--days" => {
                let value =
                    iter.next().ok_or_else(|| tr("--days 뒤에 날수가 필요합니다", "--days needs a number of days"))?;
                let days = value.parse().ok().filter(|d| (1..=3660).contains(d));
                options.days = Some(days.ok_or_else(|| {
                    tf(
                        format!("--days는 1에서 3660 사이의 날수여야 합니다: {value}"),
                        format!("--days must be between 1 and 3660: {value}"),
                    )
                })?);
            }
            "--out" => {
                let file =
                    iter.next().ok_or_else(|| tr("--out 뒤에 파일 경로가 필요합니다", "--out needs a file path"))?;
                options.out = Some(PathBuf::from(file));
            }
            "--limit" => {
                let value = iter.next().ok_or_else(|| {
                    tr(
                        "--limit 뒤에 개수(예: 20)나 분(예: 15m)이 필요합니다",
                        "--limit needs a count (20) or minutes (15m)",
                    )
                })?;
                options.limit = Some(value.clone());
            }
            "--exam" => {
                let name = iter
                    .next()
                    .ok_or_else(|| tr("--exam 뒤에 시험 이름이 필요합니다", "--exam needs an exam's name"))?;
                options.exam = Some(name.clone());
            }
            "--data" => {
                let folder = iter.next().ok_or_else(|| tr("--data 뒤에 폴더가 필요합니다", "--data needs a folder"))?;
                options.data = Some(PathBuf::from(folder));
            }
            s if s.starts_with("--today=") => options.today = Some(parse_date(&s["--today=".len()..])?),
            s if s.starts_with("--date=") => options.today = Some(parse_date(&s["--date=".len()..])?),
            s if s.starts_with('-') && s.len() > 1 => {
                return Err(tf(format!("알 수 없는 옵션: {s}"), format!("unknown option: {s}")))
            }
            _ => positional.push(arg.clone()),
        }
    }
    let name = match positional.first().map(String::as_str) {
        Some("scan") => Command::Scan,
        Some("due") => Command::Due,
        Some("weak") => Command::Weak,
        Some("plan") => Command::Plan,
        Some("demo") => Command::Demo,
        Some("review") => Command::Review,
        Some("start") => Command::Start,
        Some("enroll") => Command::Enroll,
        Some("undo") => Command::Undo,
        Some("ics") => Command::Ics,
        Some("settings") => {
            options.setting = match positional.as_slice() {
                [_] => None,
                [_, name, value] => Some((name.clone(), value.clone())),
                [_, name] => {
                    return Err(tf(
                        format!("settings {name} 뒤에 값이 필요합니다"),
                        format!("settings {name} needs a value"),
                    ))
                }
                all => return Err(too_many(&all[3..])),
            };
            return Ok(Parsed::Command { name: Command::Settings, path: PathBuf::new(), note: None, options });
        }
        _ => {
            // "Open with" on several folders (`%F`) passes them all: the first is opened.
            if positional.len() > 1 && !Path::new(&positional[0]).exists() {
                return Err(tf(
                    format!("알 수 없는 명령: {}", positional[0]),
                    format!("unknown command: {}", positional[0]),
                ));
            }
            return Ok(Parsed::App(Launch {
                vault: positional.first().map(PathBuf::from),
                today: options.today,
                time: options.time,
                hidden: options.hidden,
                review: options.review,
                data: options.data,
            }));
        }
    };
    match (positional.as_slice(), name.takes_note()) {
        // `undo VAULT N`: the write to undo, by its number in `undo VAULT --list`.
        ([_, path, id], false) if name == Command::Undo => {
            let id = id.parse().map_err(|_| {
                tf(
                    format!("되돌릴 변경의 번호가 아닙니다: {id} (`bokseup undo VAULT --list`로 확인)"),
                    format!("not the number of a change: {id} (see `bokseup undo VAULT --list`)"),
                )
            })?;
            Ok(Parsed::Command {
                name,
                path: PathBuf::from(path),
                note: None,
                options: Options { undo_id: Some(id), ..options },
            })
        }
        ([_, path], false) => Ok(Parsed::Command { name, path: PathBuf::from(path), note: None, options }),
        ([_, path, note], true) => {
            Ok(Parsed::Command { name, path: PathBuf::from(path), note: Some(note.clone()), options })
        }
        ([_], _) => Err(tf(
            format!("{} 명령에는 볼트 폴더 경로가 필요합니다", positional[0]),
            format!("{} needs the vault folder", positional[0]),
        )),
        ([_, _], true) => Err(tf(
            format!("{} 명령에는 볼트 안의 노트 경로가 필요합니다 (예: AWS/AMI.md)", positional[0]),
            format!("{} needs the note's path inside the vault (e.g. AWS/AMI.md)", positional[0]),
        )),
        (all, takes_note) => Err(too_many(&all[if takes_note { 3 } else { 2 }..])),
    }
}

fn too_many(extra: &[String]) -> String {
    let extra = extra.join(" ");
    tf(format!("인자가 너무 많습니다: {extra}"), format!("too many arguments: {extra}"))
}

fn parse_date(value: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| {
        tf(format!("날짜 형식이 아닙니다: {value} (YYYY-MM-DD)"), format!("not a date: {value} (YYYY-MM-DD)"))
    })
}

/// The JSON of `scan --json` and `due --json`.
#[derive(Serialize)]
struct Report<'a> {
    vault: String,
    today: NaiveDate,
    notes: Vec<&'a NoteSummary>,
    issues: &'a [Issue],
}

fn report<'a>(path: &Path, agenda: &'a Agenda, notes: Vec<&'a NoteSummary>) -> Report<'a> {
    let vault = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    Report { vault: vault.to_string_lossy().into_owned(), today: agenda.today, notes, issues: &agenda.issues }
}

fn load(path: &Path, today: NaiveDate, options: &Options) -> Result<Agenda, Error> {
    Ok(Agenda::new(&read_vault(path, options)?, today))
}

/// Scans the vault through the index of notes in the app's database, which the app and the
/// command line share; without a usable database, by reading every note.
fn read_vault(path: &Path, options: &Options) -> Result<vault::Scan, Error> {
    match Store::open(&crate::store::database_path(options.data.as_deref())) {
        Ok(mut store) => crate::index::scan(&mut store, path),
        Err(_) => vault::scan(path),
    }
}

fn scan(
    path: &Path,
    today: NaiveDate,
    options: &Options,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Error> {
    let agenda = load(path, today, options)?;
    let notes = agenda.notes();
    let c = agenda.counts;
    if options.counts {
        // `with_flags`, not `review`: the bench kit's `review` counts notes with a first study date,
        // while REVIEW-MODEL.md 1.4 makes any note with a flag key a review note.
        let with_flags = notes.len() - c.plain;
        let _ = writeln!(
            out,
            "files={} with_flags={with_flags} plain={} fail={}",
            notes.len() + c.issues,
            c.plain,
            c.issues
        );
    } else if options.json {
        write_json(out, &report(path, &agenda, notes));
    } else {
        let (n, o, d, u, s, l, p) = (notes.len(), c.overdue, c.due, c.upcoming, c.not_started, c.long_term, c.plain);
        let line = tf(
            format!("노트 {n}개: 밀린 복습 {o} · 오늘 {d} · 예정 {u} · 시작 전 {s} · 장기기억 {l} · 일반 노트 {p}"),
            format!("{n} notes: overdue {o} · today {d} · upcoming {u} · not started {s} · long-term {l} · plain {p}"),
        );
        let _ = writeln!(out, "{line}");
        write_issues(err, &agenda.issues);
    }
    Ok(())
}

fn due(
    path: &Path,
    today: NaiveDate,
    options: &Options,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Error> {
    let agenda = load(path, today, options)?;
    if options.json {
        write_json(out, &report(path, &agenda, agenda.today_reviews.iter().collect()));
        return Ok(());
    }
    let _ = out.write_all(due_table(&agenda).as_bytes());
    write_issues(err, &agenda.issues);
    Ok(())
}

/// A session of the app's engine on the vault at `path` (not remembered as the app's vault), on
/// the clock the options ask for.
fn session_on(path: &Path, options: &Options) -> Result<(crate::session::Session, chrono::NaiveDateTime), Error> {
    let store = open_store(options)?;
    let clock = clock(options, store.rollover_hour());
    let demo = crate::store::database_path(options.data.as_deref()).with_file_name("demo");
    let session = crate::session::Session::new(store, demo, clock)?.starting_on(Some(path.to_path_buf()));
    let now = session.now();
    if !path.is_dir() {
        return Err(Error::MissingFolder(path.to_path_buf()));
    }
    session.overview(now)?;
    Ok((session, now))
}

/// `--limit` as a number of questions or minutes (`weak`).
fn drill_size(options: &Options) -> Result<crate::drill::Size, Error> {
    use crate::drill::Size;
    let Some(text) = options.limit.as_deref() else { return Ok(Size::Questions(crate::drill::DEFAULT_COUNT)) };
    match crate::settings::parse_limit(text) {
        Some(crate::plan::Limit::Notes(n)) if n > 0 => Ok(Size::Questions(n as usize)),
        Some(crate::plan::Limit::Minutes(m)) if m > 0 => Ok(Size::Minutes(f64::from(m))),
        _ => Err(Error::Invalid(tf(
            format!("--limit는 1 이상의 질문 수(예: 10)나 분(예: 15m)이어야 합니다: {text}"),
            format!("--limit must be a count of 1 or more (10) or minutes (15m): {text}"),
        ))),
    }
}

/// The JSON of `weak --json`.
#[derive(Serialize)]
struct WeakReport {
    vault: String,
    now: String,
    questions: Vec<crate::session::WeakQuestion>,
}

fn weak(path: &Path, options: &Options, out: &mut dyn Write) -> Result<(), Error> {
    let size = drill_size(options)?;
    let (session, now) = session_on(path, options)?;
    let questions = session.weak(size, options.exam.as_deref(), now)?;
    if options.json {
        let vault = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let now = now.format("%Y-%m-%dT%H:%M:%S").to_string();
        write_json(out, &WeakReport { vault: vault.to_string_lossy().into_owned(), now, questions });
        return Ok(());
    }
    if questions.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            tr(
                "약한 질문이 없습니다: 복습하며 단서 질문에 1/2/3으로 답하면 질문마다 기억이 쌓입니다",
                "No weak questions: grade the cue questions 1/2/3 in reviews and each question's memory builds up"
            )
        );
        return Ok(());
    }
    let n = questions.len();
    let _ = writeln!(
        out,
        "{}",
        tf(
            format!("약한 질문 {n}개 (잊었을 가능성이 큰 순)"),
            format!("{n} weak questions (most likely forgotten first)")
        )
    );
    for q in &questions {
        let grade = match q.last_grade {
            crate::journal::Grade::Remembered => tr("기억남", "remembered"),
            crate::journal::Grade::Unsure => tr("헷갈림", "unsure"),
            crate::journal::Grade::Forgot => tr("모름", "forgot"),
        };
        let last = q.last_at.get(..10).unwrap_or(&q.last_at);
        let _ = writeln!(
            out,
            "  {:>3.0}%  {} · {}  ({}: {grade}, {last})",
            q.recall * 100.0,
            q.path,
            q.question,
            tr("마지막", "last")
        );
    }
    Ok(())
}

/// The JSON of `plan --json`.
#[derive(Serialize)]
struct PlanReport<'a> {
    vault: String,
    today: NaiveDate,
    limit: crate::plan::Limit,
    deferred: u32,
    days: Vec<PlanDay<'a>>,
    exams: &'a [crate::plan::ExamPlan],
}

#[derive(Serialize)]
struct PlanDay<'a> {
    date: NaiveDate,
    notes: &'a [String],
    minutes: u32,
}

fn plan(path: &Path, options: &Options, out: &mut dyn Write) -> Result<(), Error> {
    let limit = match options.limit.as_deref() {
        None => None,
        Some(text) => Some(crate::settings::parse_limit(text).ok_or_else(|| {
            Error::Invalid(tf(
                format!("--limit는 노트 수(예: 20)나 분(예: 45m)이어야 합니다: {text}"),
                format!("--limit must be a number of notes (20) or minutes (45m): {text}"),
            ))
        })?),
    };
    let (session, now) = session_on(path, options)?;
    let learning = session.learning(limit, now)?;
    let plan = &learning.plan;
    let today = plan.days.first().map_or(now.date(), |d| d.date);
    if options.json {
        let vault = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let days = plan
            .days
            .iter()
            .map(|d| PlanDay { date: d.date, notes: &d.notes, minutes: d.minutes.ceil() as u32 })
            .collect();
        let report = PlanReport {
            vault: vault.to_string_lossy().into_owned(),
            today,
            limit: plan.limit,
            deferred: plan.deferred,
            days,
            exams: &plan.exams,
        };
        write_json(out, &report);
        return Ok(());
    }
    let limit_text = match plan.limit {
        crate::plan::Limit::Notes(n) => tf(format!("노트 {n}개"), format!("{n} notes")),
        crate::plan::Limit::Minutes(m) => tf(format!("{m}분"), format!("{m} min")),
    };
    let first = &plan.days[0];
    let (n, m) = (first.notes.len(), first.minutes.ceil() as u32);
    let mut head = tf(
        format!("하루 한도 {limit_text} · 오늘 {n}개 (약 {m}분)"),
        format!("daily limit {limit_text} · today {n} notes (about {m} min)"),
    );
    if plan.deferred > 0 {
        let d = plan.deferred;
        let days = plan.days.iter().skip(1).filter(|x| !x.notes.is_empty()).count();
        head +=
            &tf(format!(" · 나머지 {d}개는 다음 {days}일에"), format!(" · the other {d} over the next {days} days"));
    }
    let _ = writeln!(out, "{head}");
    for day in &plan.days {
        if day.notes.is_empty() {
            continue;
        }
        let titles: Vec<&str> =
            day.notes.iter().take(3).map(|p| p.rsplit('/').next().unwrap_or(p).trim_end_matches(".md")).collect();
        let more = day.notes.len().saturating_sub(3);
        let more = if more > 0 { tf(format!(" 외 {more}개"), format!(" and {more} more")) } else { String::new() };
        let (n, m) = (day.notes.len(), day.minutes.ceil() as u32);
        let load = tf(format!("{n:>3}개 · 약 {m}분"), format!("{n:>3} notes · ~{m} min"));
        let _ = writeln!(out, "  {}  {load}  {}{more}", day.date, titles.join(", "));
    }
    for e in &plan.exams {
        let mut line = tf(
            format!(
                "시험 {} (D-{}): {}개 중 {}개 복습함 · 남은 {}개를 {}일에",
                e.name, e.days_left, e.covered, e.reviewed, e.remaining, e.days
            ),
            format!(
                "exam {} (in {} days): {} of {} notes reviewed · the other {} in {} days",
                e.name, e.days_left, e.reviewed, e.covered, e.remaining, e.days
            ),
        );
        if let (false, Some(minutes)) = (e.fits, e.minutes_needed) {
            line += &tf(format!(" — 하루 {minutes}분이 필요합니다"), format!(" — it needs {minutes} min a day"));
        }
        let _ = writeln!(out, "{line}");
    }
    Ok(())
}

/// The database the app uses, unless `--data` names another folder.
fn open_store(options: &Options) -> Result<Store, Error> {
    let mut store = Store::open(&crate::store::database_path(options.data.as_deref()))?;
    journal::reconcile(&mut store)?;
    Ok(store)
}

fn write_note(name: Command, vault: &Path, note: &str, options: &Options, out: &mut dyn Write) -> Result<(), Error> {
    let mut store = open_store(options)?;
    // The review day follows the app's rollover setting, so the CLI and the app agree on it.
    let clock = clock(options, store.rollover_hour());
    let at = clock.now();
    let today = clock.day_of(at);
    let input = ReviewInput { long_term: options.long_term, early: options.early, ..ReviewInput::default() };
    let (written, verb): (Written, &str) = match name {
        Command::Review => {
            (journal::review(&mut store, vault, note, &input, today, at)?, tr("복습을 기록했습니다", "Review recorded"))
        }
        Command::Start => {
            (journal::start(&mut store, vault, note, today, at)?, tr("학습을 시작했습니다", "Study started"))
        }
        _ => {
            (journal::enroll(&mut store, vault, note, today, at)?, tr("복습 노트로 등록했습니다", "Now a review note"))
        }
    };
    if options.json {
        write_json(out, &written);
        return Ok(());
    }
    let _ = writeln!(out, "{verb}: {}", written.path);
    for change in &written.changes {
        let before = match change.before.as_deref() {
            None => tr("(새 키)", "(new key)").to_string(),
            Some("") => tr("(빈 값)", "(empty)").to_string(),
            Some(b) => b.to_string(),
        };
        let _ = writeln!(out, "  {}: {before} → {}", change.key, change.after);
    }
    let next = &written.note;
    match (next.stage.as_deref(), next.next_due) {
        (Some(stage), Some(due)) => {
            let _ = writeln!(out, "{}: {stage} · {due}", tr("다음 복습", "Next review"));
        }
        (Some(stage), None) => {
            let _ = writeln!(out, "{}: {stage}", tr("상태", "Stage"));
        }
        _ => {}
    }
    Ok(())
}

/// `bokseup ics`: the forecast as an iCalendar file, on standard output or into `--out`.
fn ics(path: &Path, clock: &Clock, options: &Options, out: &mut dyn Write) -> Result<(), Error> {
    let scan = read_vault(path, options)?;
    let vault = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let settings = stored_settings(options);
    let now = clock.now();
    let days = calendar::forecast_days(&scan.notes, clock.day_of(now), options.days.unwrap_or(calendar::DEFAULT_DAYS));
    let feed = calendar::Feed {
        vault_name: &crate::agenda::vault_name(&vault, false),
        vault_path: &vault.to_string_lossy(),
        at: settings.first_reminder(),
        stamp: chrono::Local.from_local_datetime(&now).earliest().map_or_else(chrono::Utc::now, |t| t.to_utc()),
    };
    let text = calendar::ics(&feed, &days);
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
            crate::snapshot::write_whole(&file, text.as_bytes())?;
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
}

/// The app's settings, or the defaults where there is no database yet.
fn stored_settings(options: &Options) -> Settings {
    let path = crate::store::database_path(options.data.as_deref());
    if !path.is_file() {
        return Settings::default();
    }
    Store::open(&path).map(|s| Settings::load(&s)).unwrap_or_default()
}

/// `bokseup settings [NAME VALUE]`: prints the settings, or changes one and prints them all.
fn settings(options: &Options, out: &mut dyn Write) -> Result<(), Error> {
    let store = Store::open(&crate::store::database_path(options.data.as_deref()))?;
    let mut settings = Settings::load(&store);
    if let Some((name, value)) = &options.setting {
        settings.set(name, value)?;
        settings = settings.save(&store)?;
    }
    let _ = out.write_all(settings.describe().as_bytes());
    Ok(())
}

fn undo(vault: &Path, options: &Options, out: &mut dyn Write) -> Result<(), Error> {
    let mut store = open_store(options)?;
    if options.list {
        let entries = journal::undo_list(&store, vault, 20)?;
        if entries.is_empty() {
            let _ = writeln!(out, "{}", tr("이 볼트에 기록된 변경이 없습니다.", "No changes recorded for this vault."));
            return Ok(());
        }
        let _ = writeln!(out, "{}", tr("최근 변경 (최근 것부터):", "Recent changes (newest first):"));
        for e in &entries {
            let state = match e.state {
                UndoState::Undoable => tr("되돌릴 수 있음", "can be undone"),
                UndoState::Changed => {
                    tr("그 뒤 노트가 바뀌어 되돌릴 수 없음", "the note changed since: cannot be undone")
                }
                UndoState::Undone => tr("이미 되돌림", "undone already"),
                UndoState::TooOld => tr("오래되어 되돌릴 수 없음", "too old to undo"),
            };
            let _ = writeln!(
                out,
                "  {:>4}  {}  {}  {}  ({state})",
                e.id,
                e.made_at.replace('T', " "),
                action_name(e.action.as_str()),
                e.path
            );
        }
        let _ = writeln!(
            out,
            "{}",
            tr("`bokseup undo VAULT N`으로 N번 변경을 되돌립니다.", "`bokseup undo VAULT N` undoes change N.")
        );
        return Ok(());
    }
    let undone = match options.undo_id {
        Some(id) => journal::undo_id(&mut store, vault, id)?,
        None => journal::undo(&mut store, vault, 0)?,
    };
    let what = action_name(&undone.action);
    let _ = writeln!(
        out,
        "{}: {} ({what}, {})",
        tr("되돌렸습니다", "Undone"),
        undone.path,
        undone.made_at.replace('T', " ")
    );
    Ok(())
}

fn action_name(action: &str) -> &'static str {
    match action {
        "review" => tr("복습 기록", "review"),
        "start" => tr("학습 시작", "study started"),
        _ => tr("복습 노트 등록", "made a review note"),
    }
}

fn write_json(out: &mut dyn Write, value: &impl Serialize) {
    let _ = serde_json::to_writer_pretty(&mut *out, value);
    let _ = writeln!(out);
}

fn write_issues(err: &mut dyn Write, issues: &[Issue]) {
    if issues.is_empty() {
        return;
    }
    let n = issues.len();
    let _ = writeln!(err, "\n{}", tf(format!("읽지 못한 파일 {n}개:"), format!("{n} files could not be read:")));
    for issue in issues {
        let _ = writeln!(err, "  {}: {}", issue.path, issue.message);
    }
}

/// The readable `due` output: a header with counts, then one aligned row per note.
pub fn due_table(agenda: &Agenda) -> String {
    let c = agenda.counts;
    let (today, day, o, d) = (agenda.today, weekday(agenda.today), c.overdue, c.due);
    let mut s = tf(
        format!("오늘의 복습 · {today} ({day}) · 밀린 복습 {o}개, 오늘 {d}개\n"),
        format!("Today's reviews · {today} ({day}) · {o} overdue, {d} due today\n"),
    );
    if agenda.today_reviews.is_empty() {
        s.push_str(tr("\n오늘 복습할 노트가 없습니다.", "\nNothing to review today."));
        if let Some(next) = agenda.upcoming.first() {
            let due = next.next_due.map(|d| d.to_string()).unwrap_or_default();
            s.push_str(&format!(" {}: {due} · {}", tr("다음 복습", "Next review"), next.title));
        }
        s.push('\n');
        return s;
    }
    let header = match current() {
        Lang::Ko => ["상태", "복습", "예정일", "과목", "노트"],
        Lang::En => ["When", "Review", "Due", "Subject", "Note"],
    }
    .map(String::from);
    let rows: Vec<[String; 5]> = agenda
        .today_reviews
        .iter()
        .map(|n| {
            let when = match n.status {
                Some(Status::Overdue) => tf(format!("{}일 지남", n.days_late), format!("{} days late", n.days_late)),
                _ => tr("오늘", "today").to_string(),
            };
            [
                when,
                n.step.map(|s| s.name().to_string()).unwrap_or_default(),
                n.next_due.map(|d| d.to_string()).unwrap_or_default(),
                n.subject.clone().unwrap_or_else(|| "-".into()),
                n.path.trim_end_matches(".md").to_string(),
            ]
        })
        .collect();
    let mut widths = [0usize; 5];
    for row in std::iter::once(&header).chain(&rows) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(display_width(cell));
        }
    }
    s.push('\n');
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < row.len() {
                line.push_str(&" ".repeat(widths[i] - display_width(cell) + 2));
            }
        }
        s.push_str(line.trim_end());
        s.push('\n');
    }
    s
}

fn weekday(date: NaiveDate) -> &'static str {
    use chrono::Datelike;
    let day = date.weekday().num_days_from_monday() as usize;
    match current() {
        Lang::Ko => ["월", "화", "수", "목", "금", "토", "일"][day],
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][day],
    }
}

/// Terminal columns of `s`: Hangul, CJK and emoji take two.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA960..=0xA97F
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x1F300..=0x1F64F
            | 0x1F900..=0x1F9FF
            | 0x20000..=0x3FFFD => 2,
            0x0300..=0x036F | 0x200B..=0x200F | 0xFE00..=0xFE0F => 0,
            _ => 1,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

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
            "bokseup settings ",
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
        let (outcome, _, err) = run_str("due /no/such/vault");
        assert_eq!(outcome, Outcome::Exit(1));
        assert!(err.contains("/no/such/vault"), "{err}");
    }

    #[test]
    fn display_width_counts_hangul_double() {
        assert_eq!(display_width("4일 복습"), 8);
        assert_eq!(display_width("AWS"), 3);
    }
}
