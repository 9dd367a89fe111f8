//! Any note with any keys to set: the line editor never panics, and when it returns a result the
//! result keeps its promises (REVIEW-MODEL.md 3.3), checked here independently of the editor's
//! own verification: the BOM and line endings are kept, the body is byte-identical, every key
//! not named keeps its value, and reading the result back gives every value that was set.
#![no_main]

use bokseup_core::edit::{self, Scalar, Set};
use bokseup_core::frontmatter;
use libfuzzer_sys::fuzz_target;
use serde_yaml::Value;

/// Keys the app writes, and some it never does.
const KEYS: [&str; 10] = [
    "❤1일복습여부", "🧡4일복습여부", "🔁마지막복습", "복습", "학습률", "진행바", "\"1일차복습여부1,0\"",
    "⭕첫 학습날", "a", "오늘1",
];

fuzz_target!(|data: &[u8]| {
    // The first bytes choose the edits; the rest is the note.
    if data.len() < 4 {
        return;
    }
    let (choice, note) = data.split_at(4);
    let sets: Vec<Set> = choice
        .iter()
        .take((choice[0] % 4) as usize + 1)
        .enumerate()
        .map(|(i, c)| {
            let key = KEYS[(*c as usize + i) % KEYS.len()].trim_matches('"').to_string();
            let value = match c % 5 {
                0 => Scalar::Bool(true),
                1 => Scalar::Bool(false),
                2 => Scalar::Date(chrono::NaiveDate::from_ymd_opt(2024, 8, 26).unwrap()),
                3 => Scalar::Text("🟩🟩⬜⬜⬜⬜⬜⬜⬜⬜ 20%".into()),
                _ => Scalar::Text("a: b # '\" 63".into()),
            };
            Set { key, value, add: c & 0x80 != 0 }
        })
        .collect();
    let Ok(edited) = edit::apply(note, &sets) else { return };
    let before = frontmatter::decode(note).unwrap();
    let after = frontmatter::decode(&edited.bytes).expect("the result is UTF-8");
    assert_eq!(note.starts_with(b"\xEF\xBB\xBF"), edited.bytes.starts_with(b"\xEF\xBB\xBF"), "BOM kept");
    let bare_lf = |t: &str| t.replace("\r\n", "").contains('\n');
    if !bare_lf(before) && before.contains("\r\n") {
        assert!(!bare_lf(after), "a CRLF note stays CRLF");
    }
    if !before.contains("\r\n") {
        assert!(!after.contains("\r\n"), "an LF note stays LF");
    }
    let (split_before, split_after) = (frontmatter::split(before).unwrap(), frontmatter::split(after).unwrap());
    assert_eq!(split_before.body, split_after.body, "body byte-identical");
    let (map_before, map_after) = (split_before.mapping().unwrap(), split_after.mapping().expect("the result parses"));
    let named = |k: &Value| sets.iter().any(|s| k.as_str() == Some(s.key.as_str()));
    for (key, value) in &map_before {
        if !named(key) {
            assert_eq!(map_after.get(key), Some(value), "{key:?} not named, so unchanged");
        }
    }
    for (key, _) in &map_after {
        assert!(map_before.contains_key(key) || named(key), "{key:?} added without being named");
    }
    for set in &sets {
        let got = map_after.get(set.key.as_str());
        if got.is_none() {
            assert!(!set.add && !map_before.contains_key(set.key.as_str()), "{} set but missing", set.key);
            continue;
        }
        let got = got.unwrap();
        let ok = match &set.value {
            Scalar::Bool(b) => got.as_bool() == Some(*b),
            Scalar::Date(d) => got.as_str() == Some(&d.to_string()),
            Scalar::Text(t) => got.as_str() == Some(t.as_str()),
        };
        assert!(ok, "{} reads back as {got:?}, set {:?}", set.key, set.value);
    }
});
