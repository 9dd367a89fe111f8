//! The crate's one error type. A bad note becomes an [`Error`] attached to its path in the scan's
//! issue list; it never stops a scan. Every message says what is wrong and what to do, in Korean,
//! the way the user will read it; operating-system and database errors are translated.

use chrono::NaiveDate;
use std::io::ErrorKind;
use std::path::PathBuf;

/// Everything that can go wrong in the engine. The messages are shown to the user as they are.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read (permissions, vanished, a device error).
    #[error("읽을 수 없습니다: {} ({})", path.display(), read_reason(source))]
    Read {
        /// What was being read.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The file is not UTF-8 text (often a note saved as CP949/EUC-KR).
    #[error(
        "UTF-8 텍스트가 아닙니다 ({offset}바이트 위치). CP949 등 다른 인코딩으로 저장된 것 같습니다: 편집기에서 UTF-8로 다시 저장하세요"
    )]
    NotUtf8 {
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// The file opens a `---` frontmatter block that never closes.
    #[error("머리말(---)이 닫히지 않았습니다: 머리말이 끝나는 곳에 `---` 한 줄을 넣으세요")]
    Unterminated,
    /// The frontmatter is not valid YAML; the text says where and what to do.
    #[error("머리말 YAML 오류: {0}")]
    Yaml(String),
    /// A note or its frontmatter is larger than the app reads.
    #[error("{what} 너무 큽니다 ({}, 최대 {}): {advice}", size_text(*size), size_text(*limit))]
    TooLarge {
        /// "노트가" or "머리말이": what is too large, with its particle.
        what: &'static str,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
        /// What to do about it.
        advice: &'static str,
    },
    /// The frontmatter nests lists or maps deeper than the app reads.
    #[error(
        "머리말이 {line}행에서 {depth}단계 넘게 중첩되어 있습니다 (최대 {limit}단계): 복습 템플릿의 머리말은 평평합니다. 그 줄을 고치거나 지우세요"
    )]
    TooDeep {
        /// The file line where the limit is passed.
        line: usize,
        /// How deep it is there.
        depth: usize,
        /// The limit.
        limit: usize,
    },
    /// A `.md` entry that is not a regular file: a symbolic link, a pipe, a socket, a device.
    #[error("{0}")]
    SpecialFile(&'static str),
    /// The note is being written by another program right now.
    #[error("다른 프로그램이 이 노트를 저장하는 중입니다 (방금 바뀌었고 아직 읽을 수 있는 상태가 아닙니다): 잠시 후 다시 시도하세요")]
    Busy,
    /// The chosen vault folder does not exist.
    #[error("폴더를 찾을 수 없습니다: {}. 옮겼거나 이름을 바꿨다면 새 위치를 선택하세요", .0.display())]
    MissingFolder(PathBuf),
    /// A file was given (dropped, typed) where a vault folder was expected.
    #[error("폴더가 아니라 파일입니다: {}. 볼트 폴더를 끌어다 놓거나 선택하세요", .0.display())]
    NotAFolder(PathBuf),
    /// The folder holds no Markdown note at all: not an Obsidian vault of notes.
    #[error("이 폴더에는 노트(.md 파일)가 없습니다: {}. Obsidian 볼트 폴더를 선택하세요", .0.display())]
    NoNotes(PathBuf),
    /// A setting or option value that is not valid; the message says which and what is expected.
    #[error("{0}")]
    Invalid(String),
    /// A folder that must be empty (where the demo vault goes) already holds files.
    #[error("폴더가 비어 있지 않습니다: {}. 빈 폴더나 없는 폴더 이름을 주세요", .0.display())]
    NotEmpty(PathBuf),
    /// A key to set has a value over several lines (a list, a block): rewriting it could lose data.
    #[error("`{0}` 값이 여러 줄이라 안전하게 고칠 수 없어 쓰지 않았습니다: 한 줄 값으로 고친 뒤 다시 시도하세요")]
    MultiLine(String),
    /// An edited note did not read back as intended, so it was not written (a safety net).
    #[error("고친 결과를 검증하지 못해 쓰지 않았습니다 (노트는 그대로입니다): {0}")]
    Verify(String),
    /// The action does not apply to the note as it is now (reviewing a note not started, …).
    #[error("{0}")]
    Refused(String),
    /// The note changed on disk since the app read it (Obsidian, a sync tool): nothing was written.
    #[error(
        "{0}: 읽은 뒤에 다른 프로그램이 바꿨습니다. 그 변경을 덮어쓰지 않도록 쓰지 않았습니다: 다시 시도하면 바뀐 내용 위에 기록합니다"
    )]
    Conflict(String),
    /// The review the user did is no longer the note's next one: another device, another process
    /// or an earlier review today recorded it first. Nothing was written.
    #[error("{path}: 이미 다른 곳에서 복습했습니다. 지금 이 노트는 {now}입니다. 아무것도 쓰지 않았습니다")]
    AlreadyReviewed {
        /// The note.
        path: String,
        /// Where the note stands now ("4일 복습 · 2024-08-29 예정").
        now: String,
    },
    /// A review of a note whose next step is not due yet, without saying it is meant early.
    #[error("{path}: {stage}은(는) {due}에 할 차례입니다 ({days}일 뒤). 미리 복습으로 기록하려면 한 번 더 확인하세요")]
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
    #[error("볼트 안의 노트가 아닙니다: {0}")]
    OutsideVault(String),
    /// There is nothing to undo.
    #[error("되돌릴 변경이 없습니다")]
    NothingToUndo,
    /// The newest write cannot be undone: the note changed since. Older writes still can.
    #[error(
        "{path}의 {made_at} 변경은 그 뒤 노트가 바뀌어 되돌릴 수 없습니다 (바뀐 내용은 그대로 둡니다). {}",
        if *older > 0 { format!("그 전 변경 {older}개는 되돌릴 수 있습니다: 다시 되돌리면 그 전 변경을 되돌립니다 (명령줄: bokseup undo --list)") } else { "더 되돌릴 변경은 없습니다".to_string() }
    )]
    UndoBlocked {
        /// The note.
        path: String,
        /// When the write was made.
        made_at: String,
        /// How many older writes can still be undone.
        older: usize,
    },
    /// The app's own database failed.
    #[error("{}", store_reason(.0))]
    Store(#[from] rusqlite::Error),
    /// Writing a file failed (a note, the database folder, the demo vault, the calendar file).
    #[error("{}에 쓸 수 없습니다: {}", path.display(), write_reason(source))]
    Write {
        /// The file or folder being written.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// An error about one note, named.
    #[error("{path}: {source}")]
    InNote {
        /// The note, relative to the vault.
        path: String,
        /// What went wrong with it.
        #[source]
        source: Box<Error>,
    },
}

impl Error {
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
pub fn read_reason(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::NotFound => "파일이 없습니다: 옮겨졌거나 지워졌습니다".into(),
        ErrorKind::PermissionDenied => "권한이 없습니다: 파일의 읽기 권한을 확인하세요".into(),
        ErrorKind::IsADirectory => "파일이 아니라 폴더입니다".into(),
        _ => os_reason(e),
    }
}

/// Why a file could not be written, and what to do, for the common operating-system errors.
pub fn write_reason(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::NotFound => "폴더가 없습니다: 옮겨졌거나 지워졌습니다".into(),
        ErrorKind::PermissionDenied => "권한이 없습니다: 폴더의 쓰기 권한을 확인하세요".into(),
        ErrorKind::ReadOnlyFilesystem => "읽기 전용 위치입니다: 쓸 수 있는 곳인지 확인하세요".into(),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
            "저장 공간이 부족합니다: 공간을 비운 뒤 다시 시도하세요".into()
        }
        ErrorKind::IsADirectory => "같은 이름의 폴더가 있습니다".into(),
        ErrorKind::NotADirectory => "경로 중간에 폴더가 아닌 파일이 있습니다".into(),
        _ => os_reason(e),
    }
}

/// An operating-system error as it reads in Korean, for the kinds not covered above.
pub fn os_reason(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::NotFound => "폴더나 파일이 없습니다".into(),
        ErrorKind::PermissionDenied => "권한이 없습니다".into(),
        ErrorKind::ReadOnlyFilesystem => "읽기 전용 위치입니다".into(),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "저장 공간이 부족합니다".into(),
        ErrorKind::IsADirectory => "같은 이름의 폴더가 있습니다".into(),
        ErrorKind::NotADirectory => "경로 중간에 폴더가 아닌 파일이 있습니다".into(),
        ErrorKind::Interrupted | ErrorKind::WouldBlock | ErrorKind::TimedOut => {
            "잠시 응답이 없습니다: 다시 시도하세요".into()
        }
        ErrorKind::InvalidFilename => "파일 이름을 쓸 수 없는 위치입니다".into(),
        ErrorKind::FileTooLarge => "파일이 너무 큽니다".into(),
        ErrorKind::ResourceBusy => "다른 프로그램이 쓰고 있습니다: 잠시 후 다시 시도하세요".into(),
        _ => format!("운영체제 오류: {e}"),
    }
}

/// What a database failure means for the user.
fn store_reason(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    match e.sqlite_error_code() {
        Some(C::DatabaseBusy | C::DatabaseLocked) => {
            "다른 Bokseup이 앱 데이터베이스를 쓰는 중입니다: 잠시 후 다시 시도하세요".into()
        }
        Some(C::ReadOnly | C::PermissionDenied) => "앱 데이터베이스에 쓸 수 없습니다: 앱 데이터 폴더의 권한을 확인하세요".into(),
        Some(C::DiskFull) => "저장 공간이 부족해 앱 데이터베이스에 쓸 수 없습니다: 공간을 비운 뒤 다시 시도하세요".into(),
        Some(C::DatabaseCorrupt | C::NotADatabase) => "앱 데이터베이스가 손상되었습니다: 앱 데이터 폴더의 bokseup.sqlite3를 지우면 새로 만듭니다 (복습 일정은 노트에 있어 잃지 않고, 복습 기록과 되돌리기만 사라집니다)".into(),
        Some(C::CannotOpen) => "앱 데이터베이스를 열 수 없습니다: 앱 데이터 폴더가 있는지, 쓸 수 있는지 확인하세요".into(),
        _ => format!("앱 데이터베이스 오류: {e}"),
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
        let read = Error::Read { path: "/v/a.md".into(), source: io(ErrorKind::NotFound) }.to_string();
        assert_eq!(read, "읽을 수 없습니다: /v/a.md (파일이 없습니다: 옮겨졌거나 지워졌습니다)");
        for (kind, words) in [
            (ErrorKind::PermissionDenied, "쓰기 권한을 확인하세요"),
            (ErrorKind::ReadOnlyFilesystem, "읽기 전용 위치입니다"),
            (ErrorKind::StorageFull, "저장 공간이 부족합니다"),
            (ErrorKind::NotFound, "폴더가 없습니다"),
        ] {
            let write = Error::Write { path: "/v/a.md".into(), source: io(kind) }.to_string();
            assert!(write.starts_with("/v/a.md에 쓸 수 없습니다: ") && write.contains(words), "{write}");
            assert!(!write.contains("os error"), "{write}");
        }
    }

    #[test]
    fn database_errors_say_what_to_do() {
        let busy = rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(5), None);
        assert!(Error::Store(busy).to_string().contains("잠시 후 다시 시도하세요"));
        let corrupt = rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(11), None);
        assert!(Error::Store(corrupt).to_string().contains("bokseup.sqlite3를 지우면"));
    }

    #[test]
    fn errors_name_the_note_once() {
        let e = Error::Unterminated.in_note("AWS/AMI.md");
        assert!(e.to_string().starts_with("AWS/AMI.md: 머리말(---)이 닫히지 않았습니다"));
        assert_eq!(e.code(), ErrorCode::Unterminated);
        let again = e.in_note("AWS/AMI.md");
        assert_eq!(again.to_string().matches("AWS/AMI.md").count(), 1);
    }

    #[test]
    fn sizes_read_as_sizes() {
        assert_eq!(size_text(300), "300 B");
        assert_eq!(size_text(300 * 1024), "300 KB");
        assert_eq!(size_text(80 << 20), "80 MB");
        assert_eq!(size_text((80 << 20) + (1 << 19)), "80.5 MB");
    }
}
