//! Differential test of the flat frontmatter reader against serde_yaml (issue 9): whenever the
//! fast path answers, serde_yaml gives the same keys, in the same order, with the same values;
//! wherever serde_yaml fails (duplicate keys, every syntax error), the fast path declines, so the
//! user sees serde_yaml's error. Generated lines mix the template's shapes with every character
//! that changes YAML's reading; the real fixtures and the demo vault must take the fast path.

use bokseup_core::frontmatter::{self, flat, Fields};
use bokseup_core::note::Note;
use proptest::prelude::*;
use serde_yaml::Value;
use std::path::Path;

/// The fast path's answer, when it gives one, is serde_yaml's, and the note read from it in
/// place is the note read from serde_yaml's mapping.
fn agrees(yaml: &str) -> Result<bool, TestCaseError> {
    let Some(read) = flat::read(yaml) else { return Ok(false) };
    let slow = serde_yaml::from_str::<Value>(yaml);
    let Ok(Value::Mapping(slow)) = slow else {
        return Err(TestCaseError::fail(format!("fast path answered where serde_yaml gives {slow:?}: {yaml:?}")));
    };
    let in_place = Note::from_parts("n.md", &Fields::Flat(read.clone()), "");
    let copied = Note::from_parts("n.md", &Fields::Yaml(slow.clone()), "");
    prop_assert_eq!(in_place, copied, "{:?}", yaml);
    let fast: Vec<_> = read.to_mapping().into_iter().collect();
    let slow: Vec<_> = slow.into_iter().collect();
    prop_assert_eq!(fast, slow, "{:?}", yaml);
    Ok(true)
}

/// Pieces of scalars: the template's words and every character with a meaning in YAML.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::string::string_regex("[가-힣a-zA-Z]{1,6}").unwrap(),
        3 => prop::string::string_regex("[0-9]{1,20}").unwrap(),
        2 => prop::sample::select(vec![
            " ", "  ", ": ", ":", " #", "#", "-", "- ", "+", ".", "_", "e", "E", "x", "o", "b", "0x", "0o",
            "0b", "inf", ".inf", "nan", ".NaN", "~", "null", "Null", "NULL", "true", "True", "FALSE",
            "yes", "\"", "'", "''", "\\", "\\n", "\t", "\r", "[", "]", "{", "}", ",", "&a", "*a", "!",
            "!!str ", "|", ">", "%", "@", "`", "?", "?  ", "/", "년 ", "🟩", "⬜", "❤", "\u{FEFF}",
            "\u{85}", "\u{2028}", "\u{7}", "\u{A0}", "---", "...", "<<",
        ])
        .prop_map(str::to_owned),
    ]
}

fn scalar() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..5).prop_map(|p| p.concat())
}

/// A key in the template's shapes (plain with emoji and spaces, quoted with a comma), or odd
/// (keys that are not strings, `1:` or `true:`, the fast path declines).
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        9 => prop::sample::select(vec![
            "⭕첫 학습날", "❤1일복습여부", "복습", "\"1일차복습여부1,0\"", "🛑첫학습후 몇일째?", "4일후(text)",
            "'작은 따옴표'", "학습률", "tags", "a", "⭕과목", "⭕교재", "🧠장기기억", "🔁마지막복습", "4일후",
            "\"🛑4일후\"", "'첫학습날text'",
        ])
        .prop_map(str::to_owned),
        1 => prop::sample::select(vec!["1", "true", "True", "~", "null", "0.5", "\"1\""]).prop_map(str::to_owned),
        1 => scalar(),
        1 => scalar().prop_map(|s| format!("\"{s}\"")),
    ]
}

/// A value: plain, quoted, empty, or with whatever follows it.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => scalar(),
        2 => scalar().prop_map(|s| format!("\"{s}\"")),
        1 => scalar().prop_map(|s| format!("'{s}'")),
        1 => (scalar(), scalar()).prop_map(|(a, b)| format!("\"{a}\"{b}")),
        1 => prop::collection::vec(scalar(), 0..4).prop_map(|items| format!("[{}]", items.join(","))),
        1 => (prop::collection::vec(scalar(), 0..4), scalar()).prop_map(|(items, after)| format!("[{}]{after}", items.join(", "))),
        1 => prop::sample::select(vec![
            "", "2024-08-25", "2024/08/25", "\"@2024년 8월 29일\"", "🟩🟩⬜ 20%", "0.8", "\"0.8\"", "63", "007",
            "1e5", "-1", "+1", "0x1F", "-0b1", "1_000", "12345678901234567890", "3.", ".5", "1.5e3", "  x  ",
            "\"🥉4일뒤 : 2024/08/29\"", "\" 2024-02-30 \"", "2024.10.26", "12.50", "true", "\"true\"",
            "\"   \"", "[2024-08-25]",
        ])
        .prop_map(str::to_owned),
    ]
}

/// A line of frontmatter: mostly `key: value`, sometimes a comment, a blank, an indented
/// continuation, a list item, or anything at all.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (key(), value()).prop_map(|(k, v)| format!("{k}: {v}")),
        1 => (key(), value()).prop_map(|(k, v)| format!("{k}:{v}")),
        1 => key().prop_map(|k| format!("{k}:")),
        1 => scalar().prop_map(|c| format!("#{c}")),
        1 => Just(String::new()),
        1 => scalar().prop_map(|s| format!("  {s}")),
        2 => (0usize..3, value()).prop_map(|(indent, v)| format!("{}- {v}", " ".repeat(indent))),
        1 => (0usize..3, value()).prop_map(|(indent, v)| format!("{}-{v}", " ".repeat(indent))),
        1 => scalar(),
    ]
}

fn frontmatter_text() -> impl Strategy<Value = String> {
    (prop::collection::vec(line(), 1..8), any::<bool>()).prop_map(|(lines, crlf)| {
        let eol = if crlf { "\r\n" } else { "\n" };
        lines.iter().map(|l| format!("{l}{eol}")).collect()
    })
}

/// The main differential run; it also counts the answers, so that it cannot pass by declining.
#[test]
fn fast_path_agrees_with_serde_yaml() {
    use proptest::test_runner::{Config, TestRunner};
    use std::cell::Cell;
    let answered = Cell::new(0u32);
    let cases = 20_000;
    let mut runner = TestRunner::new(Config { cases, ..Config::default() });
    runner
        .run(&frontmatter_text(), |yaml| {
            answered.set(answered.get() + u32::from(agrees(&yaml)?));
            Ok(())
        })
        .unwrap();
    eprintln!("the fast path answered {} of {cases} generated frontmatters", answered.get());
    // About 10.3% are answered (the rest hold shapes the fast path declines): a bound at 10%
    // failed one run in twenty by chance; at 5% it is 25 standard deviations away.
    assert!(answered.get() * 20 >= cases, "only {} answers", answered.get());
}

proptest! {

    /// Whole frontmatters built only from the template's shapes mostly take the fast path, so the
    /// test above is not passing by declining everything.
    #[test]
    fn the_template_shapes_take_the_fast_path(
        entries in prop::collection::vec((0usize..12, "[가-힣a-zA-Z0-9 /%]{0,12}"), 1..12)
    ) {
        const KEYS: [&str; 12] = [
            "⭕첫 학습날", "⭕과목", "❤1일복습여부", "🧡4일복습여부", "복습", "🛑첫날", "4일후(text)",
            "\"1일차복습여부1,0\"", "학습률", "진행바", "🛑첫학습후 몇일째?", "오늘2",
        ];
        let mut seen = std::collections::HashSet::new();
        let yaml: String = entries
            .iter()
            .filter(|(k, _)| seen.insert(*k))
            .map(|(k, v)| format!("{}: \"{}\"\n", KEYS[*k], v))
            .collect();
        prop_assert!(agrees(&yaml)?, "declined {:?}", yaml);
    }
}

/// Every note of the repository's fixtures and demo vault: the fast path agrees with serde_yaml,
/// and takes nearly all of the review notes.
#[test]
fn real_notes_agree_and_take_the_fast_path() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["../../tests/fixtures", "demo"] {
        collect(&root.join(dir), &mut files);
    }
    let (mut fast, mut frontmatters) = (0, 0);
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let Ok(text) = frontmatter::decode(&bytes) else { continue };
        let Ok(split) = frontmatter::split(text) else { continue };
        let Some(yaml) = split.yaml.filter(|y| !y.trim().is_empty()) else { continue };
        frontmatters += 1;
        if agrees(yaml).unwrap_or_else(|e| panic!("{}: {e}", path.display())) {
            fast += 1;
        }
    }
    assert!(frontmatters >= 20, "only {frontmatters} frontmatters found");
    // The broken fixtures and the list-valued `tags` go to serde_yaml; the rest do not.
    eprintln!("{fast} of {frontmatters} frontmatters took the fast path");
    assert!(fast * 10 >= frontmatters * 6, "{fast} of {frontmatters} took the fast path");
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}
