//! The crate's one error type. A bad note becomes an [`Error`] attached to its path in the scan's
//! issue list; it never stops a scan. Every message says what is wrong and what to do, in Korean
//! or English ([`crate::lang`]), the way the user will read it; operating-system and database
//! errors are translated.

use crate::lang::{self, Lang};
use chrono::NaiveDate;
use std::io::ErrorKind;
use std::path::PathBuf;

/// Everything that can go wrong in the engine. The messages are shown to the user as they are.
#[derive(Debug)]
pub enum Error {
    /// A file or folder could not be read (permissions, vanished, a device error).
    Read {
        /// What was being read.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The file is not UTF-8 text (often a note saved as CP949/EUC-KR).
    NotUtf8 {
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// The file opens a `---` frontmatter block that never closes.
    Unterminated,
    /// The frontmatter is not valid YAML; the text says where and what to do.
    Yaml(String),
    /// A note or its frontmatter is larger than the app reads.
    TooLarge {
        /// What is too large.
        part: Part,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The frontmatter nests lists or maps deeper than the app reads.
    TooDeep {
        /// The file line where the limit is passed.
        line: usize,
        /// How deep it is there.
        depth: usize,
        /// The limit.
        limit: usize,
    },
    /// A `.md` entry that is not a regular file: a symbolic link, a pipe, a socket, a device.
    SpecialFile(Special),
    /// The note is being written by another program right now.
    Busy,
    /// The chosen vault folder does not exist.
    MissingFolder(PathBuf),
    /// A file was given (dropped, typed) where a vault folder was expected.
    NotAFolder(PathBuf),
    /// The folder holds no Markdown note at all: not an Obsidian vault of notes.
    NoNotes(PathBuf),
    /// A setting or option value that is not valid; the message says which and what is expected.
    Invalid(String),
    /// A folder that must be empty (where the demo vault goes) already holds files.
    NotEmpty(PathBuf),
    /// A key to set has a value over several lines (a list, a block): rewriting it could lose data.
    MultiLine(String),
    /// An edited note did not read back as intended, so it was not written (a safety net).
    Verify(String),
    /// The action does not apply to the note as it is now (reviewing a note not started, …).
    Refused(String),
    /// The note changed on disk since the app read it (Obsidian, a sync tool): nothing was written.
    Conflict(String),
    /// The review the user did is no longer the note's next one: another device, another process
    /// or an earlier review today recorded it first. Nothing was written.
    AlreadyReviewed {
        /// The note.
        path: String,
        /// Where the note stands now ("4일 복습 · 2024-08-29 예정").
        now: String,
    },
    /// A review of a note whose next step is not due yet, without saying it is meant early.
    NotDue {
        /// The note.
        path: String,
        /// The step that would be recorded.
        stage: String,
        /// When it is due.
        due: NaiveDate,
        /// Days until then.
        days: i64,
    },
    /// A note path that is not a Markdown file inside the vault.
    OutsideVault(String),
    /// There is nothing to undo.
    NothingToUndo,
    /// The newest write cannot be undone: the note changed since. Older writes still can.
    UndoBlocked {
        /// The note.
        path: String,
        /// When the write was made.
        made_at: String,
        /// How many older writes can still be undone.
        older: usize,
    },
    /// The app's own database failed.
    #[cfg(feature = "app")]
    Store(rusqlite::Error),
    /// Writing a file failed (a note, the database folder, the demo vault, the calendar file).
    Write {
        /// The file or folder being written.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// An error about one note, named.
    InNote {
        /// The note, relative to the vault.
        path: String,
        /// What went wrong with it.
        source: Box<Error>,
    },
    /// The student's calendar server (CalDAV) could not be published to.
    Calendar(Remote),
    /// A folder or file the app would write inside the vault is a symbolic link, which a shared
    /// or downloaded vault can point anywhere: nothing is written through it.
    Link(PathBuf),
}

/// What went wrong between the app and the student's calendar server, in terms of what to fix.
/// None of them carries the password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Remote {
    /// The URL is not a web address (`https://…`).
    BadUrl(String),
    /// The server's name is unknown (a typo, or no internet).
    NoSuchHost(String),
    /// Nothing answers at that address and port.
    Refused(String),
    /// The server did not answer in time.
    Timeout(String),
    /// The network failed on the way (offline, a connection dropped).
    Offline(String),
    /// The secure connection failed (a certificate, a proxy in the way).
    Tls(String),
    /// The user name or the app password is wrong.
    Unauthorized,
    /// The account may not write there.
    Forbidden,
    /// Nothing at that URL, and no calendar can be made there.
    NotFound(String),
    /// The address answers, but not as a CalDAV calendar server.
    NotCalDav(String),
    /// The account's storage is full (507).
    Quota,
    /// The server failed (5xx).
    Server(u16),
    /// An event changed on the server during the publish (another device publishing).
    ChangedMeanwhile,
    /// An answer the app does not expect.
    Unexpected {
        /// The request's method.
        method: &'static str,
        /// The answer's status.
        status: u16,
    },
}

impl Remote {
    /// What went wrong and what to fix, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let ko = lang == Lang::Ko;
        let t = |k: String, e: String| if ko { k } else { e };
        match self {
            Remote::BadUrl(u) => t(
                format!("서버 주소가 올바르지 않습니다: {u}. https://로 시작하는 CalDAV 주소를 넣으세요"),
                format!("Not a valid server address: {u}. Enter a CalDAV address starting with https://"),
            ),
            Remote::NoSuchHost(h) => t(
                format!("서버 이름을 찾을 수 없습니다: {h}. 주소에 오타가 없는지, 인터넷에 연결되어 있는지 확인하세요"),
                format!("Server name not found: {h}. Check the address for typos and that you are online"),
            ),
            Remote::Refused(h) => t(
                format!("{h}에 연결할 수 없습니다 (연결 거부). 서버가 켜져 있는지, 주소와 포트가 맞는지 확인하세요. 자동으로 다시 시도합니다"),
                format!("Cannot connect to {h} (connection refused). Check the server is running and the address and port are right. The app retries by itself"),
            ),
            Remote::Timeout(h) => t(
                format!("{h}이(가) 제때 응답하지 않았습니다. 자동으로 다시 시도합니다"),
                format!("{h} did not answer in time. The app retries by itself"),
            ),
            Remote::Offline(d) => t(
                format!("캘린더 서버에 닿지 못했습니다 ({d}). 인터넷 연결을 확인하세요. 자동으로 다시 시도합니다"),
                format!("Could not reach the calendar server ({d}). Check your internet connection. The app retries by itself"),
            ),
            Remote::Tls(d) => t(
                format!("보안 연결(TLS)에 실패했습니다: {d}. 주소가 맞는지, 학교·회사 프록시가 인증서를 바꾸고 있지 않은지 확인하세요"),
                format!("The secure connection (TLS) failed: {d}. Check the address, and whether a school or office proxy replaces certificates"),
            ),
            Remote::Unauthorized => t(
                "사용자 이름이나 앱 암호가 틀렸습니다 (401). 계정 암호가 아니라 앱 전용 암호를 새로 만들어 넣으세요".into(),
                "The user name or app password is wrong (401). Make a new app-specific password (not your account password) and enter it".into(),
            ),
            Remote::Forbidden => t(
                "이 계정으로는 그곳에 쓸 수 없습니다 (403). 캘린더 주소가 내 계정의 것인지 확인하세요".into(),
                "This account may not write there (403). Check the calendar address belongs to your account".into(),
            ),
            Remote::NotFound(u) => t(
                format!("그 주소에 캘린더가 없고 만들 수도 없습니다: {u}. 서버 주소나 캘린더 주소를 확인하세요"),
                format!("No calendar at that address and none can be made there: {u}. Check the server or calendar address"),
            ),
            Remote::NotCalDav(u) => t(
                format!("그 주소는 CalDAV 캘린더 서버가 아닙니다: {u}. 캘린더 서비스가 알려 주는 CalDAV 주소를 넣으세요"),
                format!("That address is not a CalDAV calendar server: {u}. Enter the CalDAV address your calendar service gives"),
            ),
            Remote::Quota => t(
                "캘린더 계정의 저장 공간이 가득 찼습니다 (507). 공간을 비우면 다음 게시 때 이어서 올립니다".into(),
                "The calendar account's storage is full (507). Free some space; the next publish carries on".into(),
            ),
            Remote::Server(s) => t(
                format!("캘린더 서버에 문제가 생겼습니다 ({s}). 자동으로 다시 시도합니다"),
                format!("The calendar server failed ({s}). The app retries by itself"),
            ),
            Remote::ChangedMeanwhile => t(
                "게시하는 동안 서버의 일정이 바뀌었습니다 (다른 기기?). 다음 게시 때 맞춥니다".into(),
                "An event changed on the server during the publish (another device?). The next publish sets it right".into(),
            ),
            Remote::Unexpected { method, status } => t(
                format!("캘린더 서버가 예상하지 못한 답을 했습니다 ({method} → {status}). 서버 주소를 확인하세요"),
                format!("The calendar server gave an unexpected answer ({method} → {status}). Check the server address"),
            ),
        }
    }

    /// Whether trying again later may succeed without the user changing anything.
    pub fn transient(&self) -> bool {
        matches!(
            self,
            Remote::Refused(_)
                | Remote::Timeout(_)
                | Remote::Offline(_)
                | Remote::Server(_)
                | Remote::ChangedMeanwhile
                | Remote::NoSuchHost(_)
        )
    }
}

/// What part of a note is too large.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The whole note.
    Note,
    /// Its frontmatter.
    Frontmatter,
}

/// What kind of entry a `.md` name that is not a regular file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Special {
    /// A symbolic link.
    Link,
    /// A named pipe.
    Fifo,
    /// A socket.
    Socket,
    /// A block or character device.
    Device,
    /// Something else that is not a regular file.
    Other,
}

impl Error {
    /// The message in `lang`: what is wrong and what to do.
    pub fn text(&self, lang: Lang) -> String {
        let ko = lang == Lang::Ko;
        let t = |k: String, e: String| if ko { k } else { e };
        match self {
            Error::Read { path, source } => t(
                format!("읽을 수 없습니다: {} ({})", path.display(), read_reason(source, lang)),
                format!("Cannot read {} ({})", path.display(), read_reason(source, lang)),
            ),
            Error::NotUtf8 { offset } => t(
                format!("UTF-8 텍스트가 아닙니다 ({offset}바이트 위치). CP949 등 다른 인코딩으로 저장된 것 같습니다: 편집기에서 UTF-8로 다시 저장하세요"),
                format!("Not UTF-8 text (at byte {offset}); it looks saved in another encoding such as CP949: save it again as UTF-8 in your editor"),
            ),
            Error::Unterminated => t(
                "머리말(---)이 닫히지 않았습니다: 머리말이 끝나는 곳에 `---` 한 줄을 넣으세요".into(),
                "The frontmatter (---) is never closed: add a `---` line where it ends".into(),
            ),
            Error::Yaml(detail) => t(format!("머리말 YAML 오류: {detail}"), format!("Frontmatter YAML error: {detail}")),
            Error::TooLarge { part, size, limit } => {
                let (size, limit) = (size_text(*size), size_text(*limit));
                match (part, ko) {
                    (Part::Note, true) => format!("노트가 너무 큽니다 ({size}, 최대 {limit}): 노트를 나누거나, 붙여 넣은 큰 내용을 별도 파일로 옮기세요"),
                    (Part::Note, false) => format!("The note is too large ({size}, at most {limit}): split it, or move large pasted content to a file of its own"),
                    (Part::Frontmatter, true) => format!("머리말이 너무 큽니다 ({size}, 최대 {limit}): 머리말에는 복습 키만 두고, 긴 내용은 본문으로 옮기세요"),
                    (Part::Frontmatter, false) => format!("The frontmatter is too large ({size}, at most {limit}): keep the review keys there and move long content to the body"),
                }
            }
            Error::TooDeep { line, depth, limit } => t(
                format!("머리말이 {line}행에서 {depth}단계 넘게 중첩되어 있습니다 (최대 {limit}단계): 복습 템플릿의 머리말은 평평합니다. 그 줄을 고치거나 지우세요"),
                format!("The frontmatter nests more than {depth} levels deep at line {line} (at most {limit}): the review template's frontmatter is flat; fix or remove that line"),
            ),
            Error::SpecialFile(kind) => special_text(*kind, lang).to_string(),
            Error::Busy => t(
                "다른 프로그램이 이 노트를 저장하는 중입니다 (방금 바뀌었고 아직 읽을 수 있는 상태가 아닙니다): 잠시 후 다시 시도하세요".into(),
                "Another program is saving this note (it just changed and is not settled yet): try again in a moment".into(),
            ),
            Error::MissingFolder(p) => t(
                format!("폴더를 찾을 수 없습니다: {}. 옮겼거나 이름을 바꿨다면 새 위치를 선택하세요", p.display()),
                format!("Folder not found: {}. If you moved or renamed it, choose its new place", p.display()),
            ),
            Error::NotAFolder(p) => t(
                format!("폴더가 아니라 파일입니다: {}. 볼트 폴더를 끌어다 놓거나 선택하세요", p.display()),
                format!("This is a file, not a folder: {}. Drop or choose your vault's folder", p.display()),
            ),
            Error::NoNotes(p) => t(
                format!("이 폴더에는 노트(.md 파일)가 없습니다: {}. Obsidian 볼트 폴더를 선택하세요", p.display()),
                format!("This folder has no notes (.md files): {}. Choose an Obsidian vault's folder", p.display()),
            ),
            Error::Invalid(message) | Error::Refused(message) => message.clone(),
            Error::NotEmpty(p) => t(
                format!("폴더가 비어 있지 않습니다: {}. 빈 폴더나 없는 폴더 이름을 주세요", p.display()),
                format!("The folder is not empty: {}. Give an empty folder or a new name", p.display()),
            ),
            Error::MultiLine(key) => t(
                format!("`{key}` 값이 여러 줄이라 안전하게 고칠 수 없어 쓰지 않았습니다: 한 줄 값으로 고친 뒤 다시 시도하세요"),
                format!("`{key}` has a value over several lines, which cannot be changed safely, so nothing was written: make it one line and try again"),
            ),
            Error::Verify(detail) => t(
                format!("고친 결과를 검증하지 못해 쓰지 않았습니다 (노트는 그대로입니다): {detail}"),
                format!("The change could not be verified, so nothing was written (the note is as it was): {detail}"),
            ),
            Error::Conflict(path) => t(
                format!("{path}: 읽은 뒤에 다른 프로그램이 바꿨습니다. 그 변경을 덮어쓰지 않도록 쓰지 않았습니다: 다시 시도하면 바뀐 내용 위에 기록합니다"),
                format!("{path}: another program changed it after it was read; nothing was written so as not to overwrite that change: try again to record over the new content"),
            ),
            Error::AlreadyReviewed { path, now } => t(
                format!("{path}: 이미 다른 곳에서 복습했습니다. 지금 이 노트는 {now}입니다. 아무것도 쓰지 않았습니다"),
                format!("{path}: already reviewed elsewhere. The note is now at {now}. Nothing was written"),
            ),
            Error::NotDue { path, stage, due, days } => t(
                format!("{path}: {stage}은(는) {due}에 할 차례입니다 ({days}일 뒤). 미리 복습으로 기록하려면 한 번 더 확인하세요"),
                format!("{path}: the {stage} is due on {due} (in {days} days). Confirm once more to record it as an early review"),
            ),
            Error::OutsideVault(p) => t(format!("볼트 안의 노트가 아닙니다: {p}"), format!("Not a note inside the vault: {p}")),
            Error::NothingToUndo => t("되돌릴 변경이 없습니다".into(), "Nothing to undo".into()),
            Error::UndoBlocked { path, made_at, older } => {
                if ko {
                    let rest = if *older > 0 {
                        format!("그 전 변경 {older}개는 되돌릴 수 있습니다: 다시 되돌리면 그 전 변경을 되돌립니다 (명령줄: bokseup undo --list)")
                    } else {
                        "더 되돌릴 변경은 없습니다".to_string()
                    };
                    format!("{path}의 {made_at} 변경은 그 뒤 노트가 바뀌어 되돌릴 수 없습니다 (바뀐 내용은 그대로 둡니다). {rest}")
                } else {
                    let rest = if *older > 0 {
                        format!("{older} older changes can still be undone: undo again to undo the one before (command line: bokseup undo --list)")
                    } else {
                        "Nothing older can be undone".to_string()
                    };
                    format!("The change of {made_at} to {path} cannot be undone: the note changed since (that change is kept). {rest}")
                }
            }
            #[cfg(feature = "app")]
            Error::Store(e) => store_reason(e, lang),
            Error::Write { path, source } => t(
                format!("{}에 쓸 수 없습니다: {}", path.display(), write_reason(source, lang)),
                format!("Cannot write {}: {}", path.display(), write_reason(source, lang)),
            ),
            Error::InNote { path, source } => format!("{path}: {}", source.text(lang)),
            Error::Calendar(remote) => remote.text(lang),
            Error::Link(path) => t(
                format!("{}: 심볼릭 링크라서 그 너머에 쓰지 않습니다 (볼트 밖으로 이어질 수 있습니다). 링크를 지우면 앱이 볼트 안에 새로 만듭니다", path.display()),
                format!("{} is a symbolic link, which may lead out of the vault, so nothing is written through it: remove the link and the app makes a new one inside the vault", path.display()),
            ),
        }
    }

    /// A reading error of `path`, for `map_err`.
    pub fn read(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Read { path, source }
    }

    /// This error, said of the note `path` (unless it names the note already).
    pub fn in_note(self, path: &str) -> Error {
        match self {
            Error::InNote { .. }
            | Error::AlreadyReviewed { .. }
            | Error::NotDue { .. }
            | Error::Conflict(_)
            | Error::OutsideVault(_)
            | Error::Read { .. }
            | Error::Write { .. }
            | Error::Refused(_) => self,
            other => Error::InNote { path: path.to_string(), source: Box::new(other) },
        }
    }
}

/// Why a file could not be read, and what to do, for the common operating-system errors.
pub fn read_reason(e: &std::io::Error, lang: Lang) -> String {
    let text = match e.kind() {
        ErrorKind::NotFound => {
            lang.pick("파일이 없습니다: 옮겨졌거나 지워졌습니다", "the file is not there: it was moved or deleted")
        }
        ErrorKind::PermissionDenied => lang.pick(
            "권한이 없습니다: 파일의 읽기 권한을 확인하세요",
            "permission denied: check the file's read permission",
        ),
        ErrorKind::IsADirectory => lang.pick("파일이 아니라 폴더입니다", "it is a folder, not a file"),
        _ => return os_reason(e, lang),
    };
    text.to_string()
}

/// Why a file could not be written, and what to do, for the common operating-system errors.
pub fn write_reason(e: &std::io::Error, lang: Lang) -> String {
    let text = match e.kind() {
        ErrorKind::NotFound => {
            lang.pick("폴더가 없습니다: 옮겨졌거나 지워졌습니다", "the folder is not there: it was moved or deleted")
        }
        ErrorKind::PermissionDenied => lang.pick(
            "권한이 없습니다: 폴더의 쓰기 권한을 확인하세요",
            "permission denied: check the folder's write permission",
        ),
        ErrorKind::ReadOnlyFilesystem => lang.pick(
            "읽기 전용 위치입니다: 쓸 수 있는 곳인지 확인하세요",
            "the place is read-only: choose one that can be written",
        ),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => lang.pick(
            "저장 공간이 부족합니다: 공간을 비운 뒤 다시 시도하세요",
            "the disk is full: free some space and try again",
        ),
        ErrorKind::IsADirectory => lang.pick("같은 이름의 폴더가 있습니다", "a folder has that name"),
        ErrorKind::NotADirectory => {
            lang.pick("경로 중간에 폴더가 아닌 파일이 있습니다", "a part of the path is a file, not a folder")
        }
        _ => return os_reason(e, lang),
    };
    text.to_string()
}

/// An operating-system error as it reads in the user's language, for the kinds not covered above.
pub fn os_reason(e: &std::io::Error, lang: Lang) -> String {
    let text = match e.kind() {
        ErrorKind::NotFound => lang.pick("폴더나 파일이 없습니다", "no such file or folder"),
        ErrorKind::PermissionDenied => lang.pick("권한이 없습니다", "permission denied"),
        ErrorKind::ReadOnlyFilesystem => lang.pick("읽기 전용 위치입니다", "read-only place"),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => lang.pick("저장 공간이 부족합니다", "the disk is full"),
        ErrorKind::IsADirectory => lang.pick("같은 이름의 폴더가 있습니다", "a folder has that name"),
        ErrorKind::NotADirectory => {
            lang.pick("경로 중간에 폴더가 아닌 파일이 있습니다", "a part of the path is a file, not a folder")
        }
        ErrorKind::Interrupted | ErrorKind::WouldBlock | ErrorKind::TimedOut => {
            lang.pick("잠시 응답이 없습니다: 다시 시도하세요", "no answer for a moment: try again")
        }
        ErrorKind::InvalidFilename => {
            lang.pick("파일 이름을 쓸 수 없는 위치입니다", "that file name cannot be used there")
        }
        ErrorKind::FileTooLarge => lang.pick("파일이 너무 큽니다", "the file is too large"),
        ErrorKind::ResourceBusy => lang.pick(
            "다른 프로그램이 쓰고 있습니다: 잠시 후 다시 시도하세요",
            "another program is using it: try again in a moment",
        ),
        _ => return format!("{}: {e}", lang.pick("운영체제 오류", "system error")),
    };
    text.to_string()
}

/// What a database failure means for the user.
#[cfg(feature = "app")]
fn store_reason(e: &rusqlite::Error, lang: Lang) -> String {
    use rusqlite::ErrorCode as C;
    let text = match e.sqlite_error_code() {
        Some(C::DatabaseBusy | C::DatabaseLocked) => lang.pick(
            "다른 Bokseup이 앱 데이터베이스를 쓰는 중입니다: 잠시 후 다시 시도하세요",
            "Another Bokseup is writing the app's database: try again in a moment",
        ),
        Some(C::ReadOnly | C::PermissionDenied) => lang.pick(
            "앱 데이터베이스에 쓸 수 없습니다: 앱 데이터 폴더의 권한을 확인하세요",
            "The app's database cannot be written: check the permissions of the app's data folder",
        ),
        Some(C::DiskFull) => lang.pick(
            "저장 공간이 부족해 앱 데이터베이스에 쓸 수 없습니다: 공간을 비운 뒤 다시 시도하세요",
            "The disk is full, so the app's database cannot be written: free some space and try again",
        ),
        Some(C::DatabaseCorrupt | C::NotADatabase) => lang.pick(
            "앱 데이터베이스가 손상되었습니다: 앱 데이터 폴더의 bokseup.sqlite3를 지우면 새로 만듭니다 (복습 일정은 노트에 있어 잃지 않고, 복습 기록과 되돌리기만 사라집니다)",
            "The app's database is damaged: delete bokseup.sqlite3 in the app's data folder and it is made anew (the schedule is in your notes and is not lost; only the review log and undo go)",
        ),
        Some(C::CannotOpen) => lang.pick(
            "앱 데이터베이스를 열 수 없습니다: 앱 데이터 폴더가 있는지, 쓸 수 있는지 확인하세요",
            "The app's database cannot be opened: check that the app's data folder exists and can be written",
        ),
        _ => return format!("{}: {e}", lang.pick("앱 데이터베이스 오류", "App database error")),
    };
    text.to_string()
}

/// Why a `.md` entry that is not a regular file is not read.
fn special_text(kind: Special, lang: Lang) -> &'static str {
    match kind {
        Special::Link => lang.pick(
            "심볼릭 링크라 읽지 않았습니다: 링크는 볼트 밖을 가리킬 수 있어 따라가지 않습니다. 원본 파일을 볼트 안으로 옮기세요",
            "A symbolic link, not read: links can point out of the vault, so they are not followed. Move the file itself into the vault",
        ),
        Special::Fifo => lang.pick("이름 있는 파이프(FIFO)라 읽지 않았습니다: 노트 파일이 아닙니다", "A named pipe (FIFO), not read: it is not a note file"),
        Special::Socket => lang.pick("소켓이라 읽지 않았습니다: 노트 파일이 아닙니다", "A socket, not read: it is not a note file"),
        Special::Device => lang.pick("장치 파일이라 읽지 않았습니다: 노트 파일이 아닙니다", "A device file, not read: it is not a note file"),
        Special::Other => lang.pick("일반 파일이 아니라 읽지 않았습니다", "Not a regular file, not read"),
    }
}

/// `1.2 MB`, `300 KB`: sizes as the user reads them.
fn size_text(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MB", b >> 20),
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / (1 << 20) as f64),
        b if b >= 1 << 10 => format!("{} KB", b >> 10),
        b => format!("{b} B"),
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(lang::current()))
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Read { source, .. } | Error::Write { source, .. } => Some(source),
            #[cfg(feature = "app")]
            Error::Store(e) => Some(e),
            Error::InNote { source, .. } => Some(source.as_ref()),
            _ => None,
        }
    }
}

#[cfg(feature = "app")]
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        Error::Store(e)
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What kind of failure reached the UI: the UI branches on this, never on the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    /// A note or folder could not be read.
    Read,
    /// A note is not UTF-8.
    NotUtf8,
    /// A note's frontmatter never closes.
    Unterminated,
    /// A note's frontmatter is not valid YAML.
    Yaml,
    /// A note or its frontmatter is too large, or nested too deep.
    TooLarge,
    /// A `.md` entry is a link or a special file.
    SpecialFile,
    /// The note is being saved by another program.
    Busy,
    /// The folder does not exist.
    MissingFolder,
    /// A file was given where a folder was expected.
    NotAFolder,
    /// The folder holds no notes.
    NoNotes,
    /// A setting or option value is not valid.
    Invalid,
    /// A folder that must be empty is not.
    NotEmpty,
    /// The app's database failed.
    Store,
    /// Writing a file failed.
    Write,
    /// An edit was refused for safety (multi-line value, failed verification).
    Unsafe,
    /// The action does not apply to the note.
    Refused,
    /// The note changed on disk since it was read.
    Conflict,
    /// The review was already recorded elsewhere: the note's state is not what the user saw.
    AlreadyReviewed,
    /// The review would be early: the UI asks before recording it.
    NotDue,
    /// The path is not a note inside the vault.
    OutsideVault,
    /// Nothing to undo.
    NothingToUndo,
    /// The newest write cannot be undone; older ones can.
    UndoBlocked,
    /// The calendar server could not be published to.
    Calendar,
}

/// An [`Error`] as it crosses IPC: a code to branch on and a message to show.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Failure {
    /// The kind of failure.
    pub code: ErrorCode,
    /// The user-facing message.
    pub message: String,
}

impl Error {
    /// The kind of this error, for the UI.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Read { .. } => ErrorCode::Read,
            Error::NotUtf8 { .. } => ErrorCode::NotUtf8,
            Error::Unterminated => ErrorCode::Unterminated,
            Error::Yaml(_) => ErrorCode::Yaml,
            Error::TooLarge { .. } | Error::TooDeep { .. } => ErrorCode::TooLarge,
            Error::SpecialFile(_) => ErrorCode::SpecialFile,
            Error::Busy => ErrorCode::Busy,
            Error::MissingFolder(_) => ErrorCode::MissingFolder,
            Error::NotAFolder(_) => ErrorCode::NotAFolder,
            Error::NoNotes(_) => ErrorCode::NoNotes,
            Error::Invalid(_) => ErrorCode::Invalid,
            Error::NotEmpty(_) => ErrorCode::NotEmpty,
            #[cfg(feature = "app")]
            Error::Store(_) => ErrorCode::Store,
            Error::Write { .. } => ErrorCode::Write,
            Error::MultiLine(_) | Error::Verify(_) => ErrorCode::Unsafe,
            Error::Refused(_) => ErrorCode::Refused,
            Error::Conflict(_) => ErrorCode::Conflict,
            Error::AlreadyReviewed { .. } => ErrorCode::AlreadyReviewed,
            Error::NotDue { .. } => ErrorCode::NotDue,
            Error::OutsideVault(_) => ErrorCode::OutsideVault,
            Error::NothingToUndo => ErrorCode::NothingToUndo,
            Error::UndoBlocked { .. } => ErrorCode::UndoBlocked,
            Error::Calendar(_) => ErrorCode::Calendar,
            Error::Link(_) => ErrorCode::OutsideVault,
            Error::InNote { source, .. } => source.code(),
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure { code: e.code(), message: e.to_string() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_os_errors_are_said_in_korean_with_what_to_do() {
        let io = |kind| std::io::Error::from(kind);
        let read = Error::Read { path: "/v/a.md".into(), source: io(ErrorKind::NotFound) };
        assert_eq!(read.text(Lang::Ko), "읽을 수 없습니다: /v/a.md (파일이 없습니다: 옮겨졌거나 지워졌습니다)");
        assert_eq!(read.text(Lang::En), "Cannot read /v/a.md (the file is not there: it was moved or deleted)");
        for (kind, words) in [
            (ErrorKind::PermissionDenied, "쓰기 권한을 확인하세요"),
            (ErrorKind::ReadOnlyFilesystem, "읽기 전용 위치입니다"),
            (ErrorKind::StorageFull, "저장 공간이 부족합니다"),
            (ErrorKind::NotFound, "폴더가 없습니다"),
        ] {
            let write = Error::Write { path: "/v/a.md".into(), source: io(kind) }.text(Lang::Ko);
            assert!(write.starts_with("/v/a.md에 쓸 수 없습니다: ") && write.contains(words), "{write}");
            assert!(!write.contains("os error"), "{write}");
        }
    }

    #[test]
    #[cfg(feature = "app")]
    fn database_errors_say_what_to_do() {
        let busy = rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(5), None);
        assert!(Error::Store(busy).text(Lang::Ko).contains("잠시 후 다시 시도하세요"));
        let corrupt = rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(11), None);
        let corrupt = Error::Store(corrupt);
        assert!(corrupt.text(Lang::Ko).contains("bokseup.sqlite3를 지우면"));
        assert!(corrupt.text(Lang::En).contains("delete bokseup.sqlite3"));
    }

    #[test]
    fn errors_name_the_note_once() {
        let e = Error::Unterminated.in_note("AWS/AMI.md");
        assert!(e.text(Lang::Ko).starts_with("AWS/AMI.md: 머리말(---)이 닫히지 않았습니다"));
        assert!(e.text(Lang::En).starts_with("AWS/AMI.md: The frontmatter (---) is never closed"));
        assert_eq!(e.code(), ErrorCode::Unterminated);
        let again = e.in_note("AWS/AMI.md");
        assert_eq!(again.text(Lang::Ko).matches("AWS/AMI.md").count(), 1);
    }

    #[test]
    fn sizes_read_as_sizes() {
        assert_eq!(size_text(300), "300 B");
        assert_eq!(size_text(300 * 1024), "300 KB");
        assert_eq!(size_text(80 << 20), "80 MB");
        assert_eq!(size_text((80 << 20) + (1 << 19)), "80.5 MB");
    }
}
