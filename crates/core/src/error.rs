//! The crate's one error type. A bad note becomes an [`Error`] attached to its path in the scan's
//! issue list; it never stops a scan.

use std::path::PathBuf;

/// Everything that can go wrong in the engine. The messages are shown to the user as they are,
/// so they say what is wrong in the user's language and, where it helps, where in the file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be read (permissions, vanished, a device error).
    #[error("파일을 읽을 수 없습니다: {0}")]
    Read(#[source] std::io::Error),
    /// The file is not UTF-8 text (often a note saved as CP949/EUC-KR).
    #[error("UTF-8 텍스트가 아닙니다 ({offset}바이트 위치). CP949 등 다른 인코딩으로 저장된 것 같습니다")]
    NotUtf8 {
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// The file opens a `---` frontmatter block that never closes.
    #[error("머리말(---)이 닫히지 않았습니다: 두 번째 `---` 줄이 없습니다")]
    Unterminated,
    /// The frontmatter is not valid YAML.
    #[error("머리말 YAML 오류: {0}")]
    Yaml(String),
    /// The chosen vault folder does not exist.
    #[error("폴더를 찾을 수 없습니다: {}", .0.display())]
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
    #[error("폴더가 비어 있지 않습니다: {}", .0.display())]
    NotEmpty(PathBuf),
    /// A key to set has a value over several lines (a list, a block): rewriting it could lose data.
    #[error("`{0}` 값이 여러 줄이라 안전하게 고칠 수 없습니다")]
    MultiLine(String),
    /// An edited note did not read back as intended, so it was not written (a safety net).
    #[error("고친 결과를 검증하지 못해 쓰지 않았습니다: {0}")]
    Verify(String),
    /// The action does not apply to the note as it is now (reviewing a note not started, …).
    #[error("{0}")]
    Refused(String),
    /// The note changed on disk since the app read it (Obsidian, a sync tool): nothing was written.
    #[error("{} 파일이 그 사이에 바뀌었습니다. 다른 프로그램의 변경을 덮어쓰지 않도록 쓰지 않았습니다. 다시 시도하세요", .0)]
    Conflict(String),
    /// A note path that is not a Markdown file inside the vault.
    #[error("볼트 안의 노트가 아닙니다: {0}")]
    OutsideVault(String),
    /// There is nothing to undo.
    #[error("되돌릴 변경이 없습니다")]
    NothingToUndo,
    /// The app's own database failed.
    #[error("데이터베이스 오류: {0}")]
    Store(#[from] rusqlite::Error),
    /// Writing a file failed (a note, the database folder, the demo vault, the calendar file).
    #[error("{}에 쓸 수 없습니다: {}", path.display(), os_reason(source))]
    Write {
        /// The file or folder being written.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
}

/// What an operating-system error means for the user, in Korean where it is a common one.
pub fn os_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "폴더나 파일이 없습니다".into(),
        ErrorKind::PermissionDenied => "권한이 없습니다".into(),
        ErrorKind::ReadOnlyFilesystem => "읽기 전용 위치입니다".into(),
        ErrorKind::StorageFull => "저장 공간이 부족합니다".into(),
        ErrorKind::IsADirectory => "같은 이름의 폴더가 있습니다".into(),
        ErrorKind::NotADirectory => "경로 중간에 폴더가 아닌 파일이 있습니다".into(),
        _ => e.to_string(),
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
    /// Writing the app's own files failed.
    Write,
    /// An edit was refused for safety (multi-line value, failed verification).
    Unsafe,
    /// The action does not apply to the note.
    Refused,
    /// The note changed on disk since it was read.
    Conflict,
    /// The path is not a note inside the vault.
    OutsideVault,
    /// Nothing to undo.
    NothingToUndo,
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
            Error::Read(_) => ErrorCode::Read,
            Error::NotUtf8 { .. } => ErrorCode::NotUtf8,
            Error::Unterminated => ErrorCode::Unterminated,
            Error::Yaml(_) => ErrorCode::Yaml,
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
            Error::OutsideVault(_) => ErrorCode::OutsideVault,
            Error::NothingToUndo => ErrorCode::NothingToUndo,
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure { code: e.code(), message: e.to_string() }
    }
}
