//! Scanning an Obsidian vault: every `.md` file read, in parallel, into a [`Note`] or an [`Issue`].

use crate::error::{Error, Result};
use crate::note::Note;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use ts_rs::TS;

/// A file the scan could not use, and why. The scan goes on without it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Issue {
    /// Path relative to the vault, `/`-separated.
    pub path: String,
    /// What is wrong, for the user.
    pub message: String,
}

/// What a scan found: notes and problem files, each sorted by path.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    /// Every readable note, review or plain.
    pub notes: Vec<Note>,
    /// Every file that could not be used, with the reason.
    pub issues: Vec<Issue>,
    /// Every other visible file (images, PDFs, …), vault-relative: what `![[embeds]]` can show.
    pub attachments: Vec<String>,
}

/// Reads every Markdown note under `root`.
///
/// Files and folders whose name starts with `.` (`.obsidian`, `.trash`, `.git`, a file named
/// `.md`) are skipped, as are `.gitignore`d paths; symbolic links are not followed, so the scan
/// stays inside the vault. Only a missing or unreadable root is an error: any problem with one
/// file or folder becomes an [`Issue`] and the scan continues.
pub fn scan(root: &Path) -> Result<Scan> {
    if !root.is_dir() {
        return Err(Error::MissingFolder(root.to_path_buf()));
    }
    let found = Mutex::new(Scan::default());
    // Obsidian ignores .gitignore files, so the scan does too: only dot-names are skipped.
    let walker = ignore::WalkBuilder::new(root)
        .standard_filters(false)
        .hidden(true)
        .follow_links(false)
        .threads(std::thread::available_parallelism().map_or(2, |n| n.get()).min(8))
        .build_parallel();
    walker.run(|| {
        let mut batch = Batch { found: &found, local: Scan::default() };
        Box::new(move |entry| {
            match entry {
                Ok(entry) => {
                    let is_file = entry.file_type().is_some_and(|t| t.is_file());
                    if is_file && is_markdown(entry.path()) {
                        read_into(&mut batch.local, root, entry.path());
                    } else if is_file {
                        batch.local.attachments.push(relative(root, entry.path()));
                    }
                }
                Err(err) => batch.local.issues.push(walk_issue(root, &err)),
            }
            if batch.local.notes.len() + batch.local.issues.len() + batch.local.attachments.len() >= 64 {
                batch.flush();
            }
            ignore::WalkState::Continue
        })
    });
    let mut scan = found.into_inner().unwrap_or_else(|e| e.into_inner());
    scan.notes.sort_by(|a, b| a.path.cmp(&b.path));
    scan.issues.sort_by(|a, b| a.path.cmp(&b.path));
    scan.attachments.sort();
    Ok(scan)
}

/// One walker thread's results, moved to the shared list in batches so threads rarely contend
/// for the lock; the rest moves when the thread's visitor is dropped at the end of the walk.
struct Batch<'a> {
    found: &'a Mutex<Scan>,
    local: Scan,
}

impl Batch<'_> {
    fn flush(&mut self) {
        let mut all = self.found.lock().unwrap_or_else(|e| e.into_inner());
        all.notes.append(&mut self.local.notes);
        all.issues.append(&mut self.local.issues);
        all.attachments.append(&mut self.local.attachments);
    }
}

impl Drop for Batch<'_> {
    fn drop(&mut self) {
        self.flush();
    }
}

impl Scan {
    /// The link index of this vault: every note and attachment by name.
    pub fn links(&self) -> crate::render::Links {
        let notes = self.notes.iter().map(|n| n.path.as_str());
        let issues = self.issues.iter().map(|i| i.path.as_str());
        crate::render::Links::new(notes.chain(issues).chain(self.attachments.iter().map(String::as_str)))
    }
}

fn is_markdown(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("md"))
}

fn read_into(scan: &mut Scan, root: &Path, path: &Path) {
    let rel = relative(root, path);
    let parsed = std::fs::read(path).map_err(Error::Read).and_then(|bytes| Note::parse(&rel, &bytes));
    match parsed {
        Ok(note) => scan.notes.push(note),
        Err(err) => scan.issues.push(Issue { path: rel, message: err.to_string() }),
    }
}

fn walk_issue(root: &Path, err: &ignore::Error) -> Issue {
    let path = error_path(err).map_or_else(String::new, |p| relative(root, &p));
    Issue { path, message: format!("폴더를 읽을 수 없습니다: {}", io_reason(err)) }
}

fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        _ => None,
    }
}

fn io_reason(err: &ignore::Error) -> String {
    match err.io_error() {
        Some(io) => io.to_string(),
        None => err.to_string(),
    }
}

/// The file at the vault-relative path `rel`, refusing anything that could leave the vault or
/// reach a hidden file: absolute paths, `..`, names starting with `.`, symbolic links pointing out.
pub fn resolve(root: &Path, rel: &str) -> Result<PathBuf> {
    let outside = || Error::OutsideVault(rel.to_string());
    let relative = Path::new(rel);
    let clean = relative
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(n) if !n.to_string_lossy().starts_with('.')));
    if rel.is_empty() || !clean {
        return Err(outside());
    }
    let root = std::fs::canonicalize(root).map_err(|_| Error::MissingFolder(root.to_path_buf()))?;
    let path = std::fs::canonicalize(root.join(relative)).map_err(Error::Read)?;
    if !path.starts_with(&root) || !path.is_file() {
        return Err(outside());
    }
    Ok(path)
}

/// The vault-relative, `/`-separated form of `path`.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}
