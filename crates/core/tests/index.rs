//! The index of notes against the truth: random sequences of what other programs do to a small
//! vault (write, same-size edits with the modification time set back, delete, rename and move,
//! a file replaced by a folder of its name, unreadable files), each followed by a scan through
//! the index, sometimes from a database reopened as at a new start. After every step the scan
//! equals a fresh full scan, and the index holds exactly the vault's notes.

use bokseup_core::index;
use bokseup_core::store::Store;
use bokseup_core::vault;
use proptest::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Note names, two in a subfolder, so renames also move.
const NAMES: &[&str] = &["a.md", "b.md", "c.md", "과목/d.md", "과목/e.md", "깊은/폴더/f.md"];

/// Contents: review notes in several states, a plain note, broken ones.
const CONTENTS: &[&[u8]] = &[
    "---\n⭕첫 학습날: 2024-10-01\n❤1일복습여부: true \n🧡4일복습여부: false\n---\n### 단서 질문\n- 뭐야?\n    - 이것\n".as_bytes(),
    "---\n⭕첫 학습날: 2024-10-20\n❤1일복습여부: false\n🧡4일복습여부: false\n---\n본문\n".as_bytes(),
    "---\n⭕과목: AWS\n💚14일복습여부: true \n🧠장기기억: false\n---\n".as_bytes(),
    "# 그냥 메모\n\n내용\n".as_bytes(),
    "---\n⭕과목: [닫히지 않음\n---\n".as_bytes(),
    b"---\n\xb0\xfa\xb8\xf1: x\n---\n",
    b"",
];

#[derive(Debug, Clone)]
enum Op {
    Write(usize, usize),
    /// Flips `true ` and `false` on the first flag line (same size) and sets the old
    /// modification time back: only the change time tells.
    SameSize(usize),
    Delete(usize),
    Rename(usize, usize),
    FolderInstead(usize),
    Scan {
        restart: bool,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let n = NAMES.len();
    prop_oneof![
        3 => (0..n, 0..CONTENTS.len()).prop_map(|(i, c)| Op::Write(i, c)),
        2 => (0..n).prop_map(Op::SameSize),
        1 => (0..n).prop_map(Op::Delete),
        2 => (0..n, 0..n).prop_map(|(i, j)| Op::Rename(i, j)),
        1 => (0..n).prop_map(Op::FolderInstead),
        3 => any::<bool>().prop_map(|restart| Op::Scan { restart }),
    ]
}

fn path(root: &Path, i: usize) -> PathBuf {
    root.join(NAMES[i])
}

/// Sets a file's modification time a minute back, as a sync tool keeps a file's own time: the
/// scan does not wait for it to settle (a plain or broken note just changed may be half-saved).
fn backdate(p: &Path) {
    let then = std::time::SystemTime::now() - Duration::from_secs(60);
    fs::File::options().write(true).open(p).unwrap().set_modified(then).unwrap();
}

fn apply(root: &Path, op: &Op) {
    match *op {
        Op::Write(i, c) => {
            let p = path(root, i);
            if p.is_dir() {
                fs::remove_dir_all(&p).unwrap();
            }
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(&p, CONTENTS[c]).unwrap();
            backdate(&p);
        }
        Op::SameSize(i) => {
            let p = path(root, i);
            let Ok(text) = fs::read(&p) else { return };
            let Ok(text) = String::from_utf8(text) else { return };
            let flipped = if text.contains(": true \n") {
                text.replacen(": true \n", ": false\n", 1)
            } else if text.contains(": false\n") {
                text.replacen(": false\n", ": true \n", 1)
            } else {
                return;
            };
            let modified = fs::metadata(&p).unwrap().modified().unwrap();
            fs::write(&p, flipped).unwrap();
            fs::File::options().write(true).open(&p).unwrap().set_modified(modified).unwrap();
        }
        Op::Delete(i) => {
            let p = path(root, i);
            if p.is_file() {
                fs::remove_file(p).unwrap();
            }
        }
        Op::Rename(i, j) => {
            let (from, to) = (path(root, i), path(root, j));
            if from.is_file() && !to.is_dir() {
                fs::create_dir_all(to.parent().unwrap()).unwrap();
                fs::rename(from, to).unwrap();
            }
        }
        Op::FolderInstead(i) => {
            let p = path(root, i);
            if p.is_file() {
                fs::remove_file(&p).unwrap();
                fs::create_dir_all(&p).unwrap();
                fs::write(p.join("안쪽.md"), CONTENTS[0]).unwrap();
                backdate(&p.join("안쪽.md"));
            }
        }
        Op::Scan { .. } => {}
    }
}

fn check(store: &mut Store, root: &Path) {
    let through = index::scan_settling(store, root, Duration::ZERO).unwrap();
    let truth = vault::scan(root).unwrap();
    assert_eq!(through.notes, truth.notes);
    assert_eq!(through.issues, truth.issues);
    let key = fs::canonicalize(root).unwrap().to_string_lossy().into_owned();
    let mut indexed: Vec<String> = store.known_notes(&key).unwrap().into_keys().collect();
    indexed.sort();
    let notes: Vec<String> = truth.notes.iter().map(|n| n.path.clone()).collect();
    assert_eq!(indexed, notes, "the index holds exactly the vault's notes");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_index_always_equals_a_fresh_scan(ops in proptest::collection::vec(op(), 1..14)) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("vault");
        fs::create_dir_all(&root).unwrap();
        for (i, c) in [(0, 0), (1, 3), (3, 1)] {
            apply(&root, &Op::Write(i, c));
        }
        let db = dir.path().join("bokseup.sqlite3");
        let mut store = Store::open(&db).unwrap();
        check(&mut store, &root);
        for op in &ops {
            // Another program's change lands on a later tick of the file system's clock than
            // the scan before it (the index's settling time covers this outside tests).
            std::thread::sleep(Duration::from_millis(12));
            apply(&root, op);
            if let Op::Scan { restart: true } = op {
                store = Store::open(&db).unwrap();
            }
            check(&mut store, &root);
        }
    }
}

#[test]
fn a_same_size_edit_with_its_old_modification_time_is_still_seen() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    apply(root, &Op::Write(0, 0));
    let mut store = Store::open_in_memory().unwrap();
    check(&mut store, root);
    std::thread::sleep(Duration::from_millis(12));
    apply(root, &Op::SameSize(0));
    let through = index::scan_settling(&mut store, root, Duration::ZERO).unwrap();
    assert!(!through.notes[0].flags.d1, "the flag flipped to false is read");
}
