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
    /// The chosen vault folder does not exist or is not a folder.
    #[error("폴더를 찾을 수 없습니다: {}", .0.display())]
    MissingFolder(PathBuf),
    /// A folder that must be empty (where the demo vault goes) already holds files.
    #[error("폴더가 비어 있지 않습니다: {}", .0.display())]
    NotEmpty(PathBuf),
    /// The app's own database failed.
    #[error("데이터베이스 오류: {0}")]
    Store(#[from] rusqlite::Error),
    /// Writing one of the app's own files (database folder, demo vault) failed.
    #[error("{}: {source}", path.display())]
    Write {
        /// The file or folder being written.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
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
    /// The folder does not exist or is not a folder.
    MissingFolder,
    /// A folder that must be empty is not.
    NotEmpty,
    /// The app's database failed.
    Store,
    /// Writing the app's own files failed.
    Write,
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
            Error::NotEmpty(_) => ErrorCode::NotEmpty,
            Error::Store(_) => ErrorCode::Store,
            Error::Write { .. } => ErrorCode::Write,
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure { code: e.code(), message: e.to_string() }
    }
}
