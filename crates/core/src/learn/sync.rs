//! The history a vault carries: every device appends its events (see [`crate::answer`]) to its
//! own file, `.bokseup/history/<device>.jsonl` inside the vault, and reads everyone's. A vault
//! synced to another computer (Obsidian Sync, Syncthing, a USB stick) brings its history along;
//! two devices never write the same file; a deleted database is rebuilt from the files.
//!
//! Reading is forgiving: a file from another device may be cut short mid-line (a sync in
//! progress), copied twice (a sync conflict), or written by a newer app. What reads is taken
//! once (events have identities), the rest is skipped with a message, and rows already in the
//! database are never removed. The scan skips the folder (its name starts with a dot), and
//! Obsidian hides it.

use crate::answer::{Event, Unread};
use crate::error::{Error, Result};
use crate::lang::tf;
use crate::store::Store;
use crate::vault::Issue;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// The history folder, relative to the vault.
pub const DIR: &str = ".bokseup/history";

/// This device's history file in the vault at `root`.
pub fn file_of(root: &Path, device: &str) -> PathBuf {
    root.join(DIR).join(format!("{device}.jsonl"))
}

/// Appends `events` to this device's file, each on its own line, in one write. A last line left
/// unfinished by a crash is ended first, so that the new lines stay whole.
pub fn append(root: &Path, device: &str, events: &[Event]) -> Result<()> {
    if events.is_empty() {
        return Ok(());
    }
    let path = file_of(root, device);
    let failed = |source| Error::Write { path: path.clone(), source };
    crate::vault::no_links(root, &path, true)?;
    // Made new without following a link (O_EXCL), or opened as the real file just checked.
    let mut file = match std::fs::OpenOptions::new().read(true).append(true).create_new(true).open(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            std::fs::OpenOptions::new().read(true).append(true).open(&path)
        }
        opened => opened,
    }
    .map_err(failed)?;
    let mut text = String::new();
    let len = file.metadata().map_err(failed)?.len();
    if len > 0 {
        let mut last = [0u8; 1];
        file.seek(std::io::SeekFrom::Start(len - 1)).map_err(failed)?;
        file.read_exact(&mut last).map_err(failed)?;
        if last[0] != b'\n' {
            text.push('\n');
        }
    }
    for e in events {
        text.push_str(&e.to_line());
        text.push('\n');
    }
    file.write_all(text.as_bytes()).map_err(failed)?;
    file.sync_data().map_err(failed)
}

/// Rewrites this device's file to hold exactly `events` (when the user turns the vault's history
/// back on, the answers given meanwhile join it). Atomic: a crash leaves the old file or the new.
pub fn rewrite(root: &Path, device: &str, events: &[Event]) -> Result<()> {
    let path = file_of(root, device);
    crate::vault::no_links(root, &path, true)?;
    let text: String = events.iter().map(|e| e.to_line() + "\n").collect();
    crate::snapshot::write_whole(&path, text.as_bytes())
}

/// Reads what is new in every history file of the vault at `root` into `store` (under the vault
/// key `vault`), and says which files had lines it skipped. A file that shrank since (replaced by
/// a sync) is read again from its start; a line still being written (no line break yet) waits
/// for the next time.
pub fn import(store: &mut Store, root: &Path, vault: &str) -> Vec<Issue> {
    let dir = root.join(DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".jsonl") && !n.starts_with('.'))
        .collect();
    names.sort();
    let mut issues = Vec::new();
    for name in names {
        let rel = format!("{DIR}/{name}");
        match import_file(store, &dir.join(&name), vault, &name) {
            Ok(Some(message)) => issues.push(Issue { path: rel, message }),
            Ok(None) => {}
            Err(e) => issues.push(Issue { path: rel, message: e.to_string() }),
        }
    }
    issues
}

/// Reads one history file from where it was left; a message when lines were skipped.
fn import_file(store: &mut Store, path: &Path, vault: &str, name: &str) -> Result<Option<String>> {
    let len = std::fs::metadata(path).map_err(Error::read(path))?.len();
    let mut from = store.history_read_to(vault, name)?;
    if len == from {
        return Ok(None);
    }
    if len < from {
        from = 0;
    }
    let mut file = std::fs::File::open(path).map_err(Error::read(path))?;
    file.seek(std::io::SeekFrom::Start(from)).map_err(Error::read(path))?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(Error::read(path))?;
    // Only whole lines; an unfinished one is read once it is finished.
    let whole = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let (mut newer, mut garbled) = (0usize, 0usize);
    let mut newest = 0;
    let mut events = Vec::new();
    // A newer app's line is read again each time from here, so that an updated app takes it.
    let mut hold = None;
    let mut start = 0;
    for line in bytes[..whole].split(|&b| b == b'\n') {
        let at = start;
        start += line.len() + 1;
        let Ok(line) = std::str::from_utf8(line) else {
            garbled += 1;
            continue;
        };
        if line.trim().is_empty() {
            continue;
        }
        match Event::from_line(line) {
            Ok(e) => events.push(e),
            Err(Unread::Newer(v)) => {
                newer += 1;
                newest = newest.max(v);
                hold.get_or_insert(at);
            }
            Err(Unread::Garbled) => garbled += 1,
        }
    }
    store.add_events(vault, &events)?;
    store.set_history_read_to(vault, name, from + hold.unwrap_or(whole) as u64)?;
    let unfinished = whole < bytes.len();
    Ok(skipped_message(newer, newest, garbled, unfinished))
}

/// What the user is told of the lines of a history file that were not read.
fn skipped_message(newer: usize, newest: u32, garbled: usize, unfinished: bool) -> Option<String> {
    let mut parts = Vec::new();
    if newer > 0 {
        parts.push(tf(
            format!("새 버전의 복습 앱(형식 {newest})이 쓴 줄 {newer}개는 앱을 업데이트하면 읽습니다"),
            format!("{newer} lines written by a newer Bokseup (format {newest}) will be read once the app is updated"),
        ));
    }
    if garbled > 0 {
        parts.push(tf(
            format!("읽을 수 없는 줄 {garbled}개를 건너뛰었습니다"),
            format!("skipped {garbled} lines that do not read"),
        ));
    }
    if unfinished {
        parts.push(tf(
            "마지막 줄이 중간에 끊겨 있습니다: 동기화 중이면 끝난 뒤에 읽습니다".to_string(),
            "the last line is cut short: if a sync is under way, it is read once it ends".to_string(),
        ));
    }
    (!parts.is_empty()).then(|| {
        tf(format!("복습 기록 파일: {}", parts.join(", ")), format!("review history file: {}", parts.join(", ")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::{Answer, Source};
    use crate::journal::Grade;
    use chrono::NaiveDateTime;

    fn answer(event: &str, minute: u32) -> Event {
        Event::Answer(Answer {
            event: event.into(),
            at: NaiveDateTime::parse_from_str(&format!("2024-10-27 09:{minute:02}"), "%Y-%m-%d %H:%M").unwrap(),
            note: "a.md".into(),
            question: "질문?".into(),
            grade: Grade::Remembered,
            source: Source::Drill,
            step: None,
            answer_ms: 1000,
        })
    }

    #[test]
    fn appended_lines_are_read_once_and_an_unfinished_line_waits() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in_memory().unwrap();
        append(dir.path(), "d1", &[answer("d1-1", 1), answer("d1-2", 2)]).unwrap();
        assert!(import(&mut store, dir.path(), "v").is_empty());
        assert_eq!(store.answers("v").unwrap().len(), 2);
        // A sync writing the file: half a line so far.
        let file = file_of(dir.path(), "d1");
        let line = answer("d1-3", 3).to_line();
        let mut f = std::fs::OpenOptions::new().append(true).open(&file).unwrap();
        f.write_all(&line.as_bytes()[..20]).unwrap();
        let issues = import(&mut store, dir.path(), "v");
        assert_eq!(issues.len(), 1);
        assert!(issues[0].message.contains("끊겨"), "{}", issues[0].message);
        assert_eq!(store.answers("v").unwrap().len(), 2);
        f.write_all(&line.as_bytes()[20..]).unwrap();
        f.write_all(b"\n").unwrap();
        assert!(import(&mut store, dir.path(), "v").is_empty());
        assert_eq!(store.answers("v").unwrap().len(), 3);
    }

    #[test]
    fn a_crash_mid_line_does_not_spoil_the_next_append() {
        let dir = tempfile::tempdir().unwrap();
        append(dir.path(), "d1", &[answer("d1-1", 1)]).unwrap();
        let file = file_of(dir.path(), "d1");
        std::fs::OpenOptions::new().append(true).open(&file).unwrap().write_all(b"{\"v\":1,\"kind\":\"ans").unwrap();
        append(dir.path(), "d1", &[answer("d1-2", 2)]).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        let issues = import(&mut store, dir.path(), "v");
        let events: Vec<String> = store.answers("v").unwrap().into_iter().map(|a| a.event).collect();
        assert_eq!(events, ["d1-1", "d1-2"]);
        assert_eq!(issues.len(), 1, "the broken line is reported");
        assert!(issues[0].path.ends_with("d1.jsonl"));
    }

    #[test]
    fn copies_newer_lines_and_replaced_files() {
        let dir = tempfile::tempdir().unwrap();
        append(dir.path(), "d1", &[answer("d1-1", 1), answer("d1-2", 2)]).unwrap();
        // A sync conflict's copy of the same file, and a line of a future format.
        let hist = dir.path().join(DIR);
        std::fs::copy(hist.join("d1.jsonl"), hist.join("d1.sync-conflict-20241027.jsonl")).unwrap();
        std::fs::write(hist.join("d9.jsonl"), "{\"v\":2,\"kind\":\"answer\",\"new\":true}\n").unwrap();
        let mut store = Store::open_in_memory().unwrap();
        let issues = import(&mut store, dir.path(), "v");
        assert_eq!(store.answers("v").unwrap().len(), 2, "each event once");
        assert_eq!(issues.len(), 1);
        assert!(issues[0].message.contains("형식 2"), "{}", issues[0].message);
        assert_eq!(import(&mut store, dir.path(), "v").len(), 1, "still waiting for an update");
        // The file replaced by a shorter one (another device's older copy): read from the start,
        // and nothing already known is lost.
        std::fs::write(hist.join("d1.jsonl"), answer("d1-1", 1).to_line() + "\n").unwrap();
        import(&mut store, dir.path(), "v");
        assert_eq!(store.answers("v").unwrap().len(), 2);
    }

    /// A vault whose history folder, history subfolder or file is a link out of it (as a shared
    /// or downloaded vault can hold): nothing is written there, and the refusal names the link.
    #[cfg(unix)]
    #[test]
    fn nothing_is_written_through_a_link_out_of_the_vault() {
        use std::os::unix::fs::symlink;
        let outside = tempfile::tempdir().unwrap();
        let stolen = outside.path().join("stolen.jsonl");
        type Make<'a> = &'a dyn Fn(&Path);
        let ways: [(&str, Make); 3] = [
            (".bokseup", &|v: &Path| symlink(outside.path(), v.join(".bokseup")).unwrap()),
            (".bokseup/history", &|v: &Path| {
                std::fs::create_dir(v.join(".bokseup")).unwrap();
                symlink(outside.path(), v.join(DIR)).unwrap();
            }),
            (".bokseup/history/d1.jsonl", &|v: &Path| {
                std::fs::create_dir_all(v.join(DIR)).unwrap();
                std::fs::write(&stolen, "").unwrap();
                symlink(&stolen, file_of(v, "d1")).unwrap();
            }),
        ];
        for (link, make) in ways {
            let vault = tempfile::tempdir().unwrap();
            make(vault.path());
            let refused = append(vault.path(), "d1", &[answer("d1-1", 1)]).unwrap_err();
            assert!(matches!(&refused, Error::Link(p) if p.ends_with(link)), "{link}: {refused:?}");
            assert!(refused.to_string().contains("심볼릭 링크라서"), "{refused}");
            let rewrote = rewrite(vault.path(), "d1", &[answer("d1-1", 1)]).unwrap_err();
            assert!(matches!(rewrote, Error::Link(_)), "{link}: {rewrote:?}");
            let written: Vec<_> = std::fs::read_dir(outside.path()).unwrap().flatten().map(|e| e.file_name()).collect();
            assert!(written.iter().all(|n| n == "stolen.jsonl"), "{link}: {written:?}");
            assert_eq!(std::fs::read(&stolen).unwrap_or_default(), b"", "{link}");
        }
        // The same vault without the link: the folders are made inside it.
        let vault = tempfile::tempdir().unwrap();
        append(vault.path(), "d1", &[answer("d1-1", 1)]).unwrap();
        assert!(file_of(vault.path(), "d1").is_file());
    }
}
