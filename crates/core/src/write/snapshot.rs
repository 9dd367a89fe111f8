//! Replacing a note on disk safely (REVIEW-MODEL.md section 3.3): the new bytes go to a temporary
//! file in the same folder, are flushed, and are renamed over the note only if the note is still
//! exactly what the app read. A crash at any moment leaves either the old or the new file whole.

use crate::error::{Error, Result};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The points where a replacement can be interrupted; tests inject failures at each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The temporary file is written and flushed; the note is untouched.
    Written,
    /// The note was checked unchanged; the rename comes next.
    BeforeRename,
}

/// Replaces the note at `path`, whose content the caller read as `expected`, with `new`.
///
/// Fails with [`Error::Conflict`] when the note no longer holds `expected` (another program wrote
/// it), leaving it as that program left it.
pub fn replace(path: &Path, expected: &[u8], new: &[u8]) -> Result<()> {
    replace_with(path, expected, new, &|_| Ok(()))
}

/// [`replace`], calling `fault` at each [`Stage`]; an error from it aborts the replacement there,
/// as a crash would.
pub fn replace_with(path: &Path, expected: &[u8], new: &[u8], fault: &dyn Fn(Stage) -> io::Result<()>) -> Result<()> {
    swap(path, Some(expected), new, fault)
}

/// Writes a file the app owns (the calendar file) whole, creating or replacing it: the same
/// temporary file and rename as [`replace`], so a reader never sees half of it, without the check
/// for another program's change.
pub fn write_whole(path: &Path, new: &[u8]) -> Result<()> {
    swap(path, None, new, &|_| Ok(()))
}

fn swap(path: &Path, expected: Option<&[u8]>, new: &[u8], fault: &dyn Fn(Stage) -> io::Result<()>) -> Result<()> {
    let write_err = |source| Error::Write { path: path.to_path_buf(), source };
    let temp = temp_path(path);
    let result = (|| {
        let mut file = OpenOptions::new().write(true).create_new(true).open(&temp).map_err(write_err)?;
        if let Ok(meta) = fs::metadata(path) {
            // Keep the note's permissions; the rename would otherwise give it the temp file's.
            let _ = file.set_permissions(meta.permissions());
        }
        file.write_all(new).map_err(write_err)?;
        file.sync_all().map_err(write_err)?;
        drop(file);
        fault(Stage::Written).map_err(write_err)?;
        if let Some(expected) = expected {
            // A program that began saving the note since it was read is not cut short.
            if crate::read::file::being_written(path) {
                return Err(Error::Busy);
            }
            let current = fs::read(path).map_err(Error::read(path))?;
            if current != expected {
                return Err(Error::Conflict(
                    path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                ));
            }
        }
        fault(Stage::BeforeRename).map_err(write_err)?;
        fs::rename(&temp, path).map_err(write_err)?;
        if let Some(dir) = path.parent() {
            // Make the rename itself durable.
            let _ = File::open(dir).and_then(|d| d.sync_all());
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Removes the temporary files a crash left beside `path` (see [`replace`]); returns how many. Only
/// call it while no write to `path` can be under way (the store's write lock is held).
pub fn remove_leftovers(path: &Path) -> usize {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else { return 0 };
    let prefix = format!(".{}.bokseup-", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(dir) else { return 0 };
    entries
        .flatten()
        .filter(|e| {
            let n = e.file_name();
            let n = n.to_string_lossy();
            n.starts_with(&prefix) && n.ends_with(".tmp") && e.file_type().is_ok_and(|t| t.is_file())
        })
        .filter(|e| fs::remove_file(e.path()).is_ok())
        .count()
}

/// A temporary name beside the note. It starts with `.` so that Obsidian and the vault scan ignore
/// it if a crash leaves it behind.
fn temp_path(path: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(".{name}.bokseup-{}-{n}.tmp", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
    }

    #[test]
    fn replaces_when_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let note = dir.path().join("노트.md");
        fs::write(&note, b"old").unwrap();
        replace(&note, b"old", b"new").unwrap();
        assert_eq!(fs::read(&note).unwrap(), b"new");
        assert_eq!(leftovers(dir.path()), ["노트.md"]);
    }

    #[test]
    fn a_change_since_reading_is_a_conflict_and_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let note = dir.path().join("노트.md");
        fs::write(&note, b"old").unwrap();
        // Obsidian saves the note between our read and our write.
        let err = replace_with(&note, b"old", b"ours", &|stage| {
            if stage == Stage::Written {
                fs::write(&note, b"theirs").unwrap();
            }
            Ok(())
        })
        .unwrap_err();
        assert!(matches!(err, Error::Conflict(_)), "{err}");
        assert_eq!(fs::read(&note).unwrap(), b"theirs");
        assert_eq!(leftovers(dir.path()), ["노트.md"]);
    }

    #[test]
    fn a_crash_before_the_rename_leaves_the_note_whole() {
        let dir = tempfile::tempdir().unwrap();
        let note = dir.path().join("노트.md");
        fs::write(&note, b"old").unwrap();
        for stage in [Stage::Written, Stage::BeforeRename] {
            let err = replace_with(&note, b"old", b"new", &|s| {
                if s == stage {
                    Err(io::Error::other("injected crash"))
                } else {
                    Ok(())
                }
            });
            assert!(err.is_err());
            assert_eq!(fs::read(&note).unwrap(), b"old");
            assert_eq!(leftovers(dir.path()), ["노트.md"]);
        }
    }

    #[cfg(unix)]
    #[test]
    fn write_whole_creates_and_replaces_leaving_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("복습.ics");
        write_whole(&path, b"one").unwrap();
        write_whole(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(leftovers(dir.path()), ["복습.ics"]);
        let err = write_whole(&dir.path().join("no/such/x.ics"), b"x").unwrap_err();
        assert!(err.to_string().contains("쓸 수 없습니다: 폴더가 없습니다"), "{err}");
    }

    #[test]
    fn leftovers_of_a_crash_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let note = dir.path().join("노트.md");
        fs::write(&note, b"note").unwrap();
        fs::write(dir.path().join(".노트.md.bokseup-123-0.tmp"), b"half").unwrap();
        fs::write(dir.path().join(".노트.md.bokseup-9-4.tmp"), b"half").unwrap();
        fs::write(dir.path().join(".다른.md.bokseup-1-0.tmp"), b"other").unwrap();
        fs::write(dir.path().join("노트.md.bokseup-1-0.tmp"), b"visible").unwrap();
        assert_eq!(remove_leftovers(&note), 2);
        let mut left = leftovers(dir.path());
        left.sort();
        assert_eq!(left, [".다른.md.bokseup-1-0.tmp", "노트.md", "노트.md.bokseup-1-0.tmp"]);
    }

    #[test]
    fn keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let note = dir.path().join("n.md");
        fs::write(&note, b"old").unwrap();
        fs::set_permissions(&note, fs::Permissions::from_mode(0o640)).unwrap();
        replace(&note, b"old", b"new").unwrap();
        assert_eq!(fs::metadata(&note).unwrap().permissions().mode() & 0o777, 0o640);
    }
}
