//! A note's key is the same on every system: `/`-separated, Korean names kept, whatever
//! separator or form the system or the person used. What can run here runs on Linux; the Windows
//! forms are pure text and tested as such (`plain`), or follow the system's own `Path` (`note_key`,
//! `relative`), which splits on `\` there.

use bokseup_core::session::obsidian_uri;
use bokseup_core::vault::{canonical, note_key, plain, relative, resolve};
use std::path::{Path, MAIN_SEPARATOR};

#[test]
fn a_typed_note_path_becomes_its_key() {
    assert_eq!(note_key("네트워크/TCP 정리.md"), "네트워크/TCP 정리.md");
    assert_eq!(note_key("./네트워크/TCP 정리.md"), "네트워크/TCP 정리.md");
    assert_eq!(note_key(&format!(".{0}과목{0}네트워크{0}TCP.md", MAIN_SEPARATOR)), "과목/네트워크/TCP.md");
    assert_eq!(note_key("과목//노트.md"), "과목/노트.md");
    // What could leave the vault is kept as typed, for `resolve` to refuse.
    assert_eq!(note_key("../밖.md"), "../밖.md");
    assert_eq!(note_key("/etc/passwd"), "/etc/passwd");
    // On Linux and macOS a backslash is part of a name; on Windows it separates.
    if MAIN_SEPARATOR == '/' {
        assert_eq!(note_key(r"과목\노트.md"), r"과목\노트.md");
    } else {
        assert_eq!(note_key(r"과목\노트.md"), "과목/노트.md");
    }
}

#[test]
fn a_key_is_slash_separated_whatever_made_the_path() {
    let root = Path::new("/home/민수/내 공부");
    let note = root.join("과목").join("네트워크").join("TCP 정리.md");
    assert_eq!(relative(root, &note), "과목/네트워크/TCP 정리.md");
    assert_eq!(
        obsidian_uri("내 공부", &relative(root, &note)),
        "obsidian://open?vault=%EB%82%B4%20%EA%B3%B5%EB%B6%80&file=%EA%B3%BC%EB%AA%A9%2F%EB%84%A4%ED%8A%B8%EC%9B%8C%ED%81%AC%2FTCP%20%EC%A0%95%EB%A6%AC"
    );
}

#[test]
fn windows_verbatim_paths_read_plain_where_the_plain_form_is_the_same_file() {
    assert_eq!(plain(r"\\?\C:\Users\민수\내 공부").as_deref(), Some(r"C:\Users\민수\내 공부"));
    assert_eq!(plain(r"\\?\D:\").as_deref(), Some(r"D:\"));
    assert_eq!(plain(r"\\?\UNC\nas\공유\볼트").as_deref(), Some(r"\\nas\공유\볼트"));
    // Where the plain form would name another file, or none, the verbatim form stays.
    assert_eq!(plain(r"\\?\C:\vault\CON"), None);
    assert_eq!(plain(r"\\?\C:\vault\nul.txt"), None);
    assert_eq!(plain(r"\\?\C:\vault\com1 .md"), None);
    assert_eq!(plain(r"\\?\C:\vault\끝에 점."), None);
    assert_eq!(plain(r"\\?\C:\vault\끝에 공백 "), None);
    assert_eq!(plain(r"\\?\C:\a\..\b"), None);
    assert_eq!(plain(r"\\?\C:\a/b"), None);
    assert_eq!(plain(&format!(r"\\?\C:\{}", "가".repeat(300))), None);
    assert_eq!(plain(r"\\?\Volume{b75e2c83-0000-0000-0000-602f00000000}\a"), None);
    assert_eq!(plain(r"\\?\GLOBALROOT\Device\a"), None);
    // Linux and macOS paths are never verbatim.
    assert_eq!(plain("/home/민수/내 공부"), None);
    assert_eq!(plain("C:/x"), None);
    // A device name is one only as a whole name: "console" and "con2" are ordinary.
    assert_eq!(plain(r"\\?\C:\console\con2.md").as_deref(), Some(r"C:\console\con2.md"));
}

#[test]
fn a_korean_vault_resolves_inside_itself_and_nowhere_else() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("내 공부");
    std::fs::create_dir_all(root.join("과목/네트워크")).unwrap();
    std::fs::write(root.join("과목/네트워크/TCP 정리.md"), "# TCP\n").unwrap();
    std::fs::write(dir.path().join("밖.md"), "# 밖\n").unwrap();
    let root = canonical(&root).unwrap();
    assert_eq!(root, std::fs::canonicalize(dir.path().join("내 공부")).unwrap());
    let file = resolve(&root, &note_key("./과목/네트워크/TCP 정리.md")).unwrap();
    assert_eq!(relative(&root, &file), "과목/네트워크/TCP 정리.md");
    assert!(resolve(&root, &note_key("../밖.md")).is_err());
    assert!(resolve(&root, &note_key(&dir.path().join("밖.md").to_string_lossy())).is_err());
}
