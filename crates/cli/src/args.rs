//! The command line's words: which command, which vault and note, which options. Parsing
//! decides before any window exists, so a command runs without a display.

use bokseup_core::lang::tf;
use bokseup_core::lang::tr;
use chrono::{NaiveDate, NaiveTime};
use std::path::{Path, PathBuf};

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
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
    Publish,
    Settings,
}

impl Command {
    /// Whether the command names a note after the vault.
    pub fn takes_note(self) -> bool {
        matches!(self, Command::Review | Command::Start | Command::Enroll)
    }
}

#[derive(Debug, Default)]
pub struct Options {
    pub today: Option<NaiveDate>,
    pub time: Option<NaiveTime>,
    pub json: bool,
    pub counts: bool,
    pub long_term: bool,
    pub early: bool,
    pub list: bool,
    pub undo_id: Option<i64>,
    pub hidden: bool,
    pub review: bool,
    pub days: Option<u32>,
    pub out: Option<PathBuf>,
    pub data: Option<PathBuf>,
    /// `settings NAME VALUE`
    pub setting: Option<(String, String)>,
    /// `--limit N` (weak: questions, or minutes as `15m`; plan: the daily limit, `20` or `45m`)
    pub limit: Option<String>,
    /// `--exam NAME` (weak: only the notes the exam covers)
    pub exam: Option<String>,
    /// `--caldav URL` (publish: the calendar, or the server)
    pub caldav: Option<String>,
    /// `--user NAME` (publish)
    pub user: Option<String>,
    /// `--password-file FILE` (publish: the file holds the app password)
    pub password_file: Option<PathBuf>,
}

// Parsed once per process: the size of the options does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Parsed {
    /// `--help`.
    Help,
    /// Start the desktop app.
    App(Launch),
    /// A command of the terminal.
    Command {
        /// Which.
        name: Command,
        /// The vault (or the demo's folder).
        path: PathBuf,
        /// The note, for the commands that name one.
        note: Option<String>,
        /// Everything else.
        options: Options,
    },
}

pub fn parse(args: &[String]) -> Result<Parsed, String> {
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
            "--caldav" | "--user" | "--password-file" => {
                let value = iter
                    .next()
                    .ok_or_else(|| tf(format!("{arg} 뒤에 값이 필요합니다"), format!("{arg} needs a value")))?;
                match arg.as_str() {
                    "--caldav" => options.caldav = Some(value.clone()),
                    "--user" => options.user = Some(value.clone()),
                    _ => options.password_file = Some(PathBuf::from(value)),
                }
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
        Some("publish") => Command::Publish,
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
            // The note as the system spells a path (`과목\노트.md` on Windows) becomes its key.
            let note = Some(bokseup_core::vault::note_key(note));
            Ok(Parsed::Command { name, path: PathBuf::from(path), note, options })
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
