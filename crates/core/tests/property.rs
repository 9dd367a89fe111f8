//! Property test of the write-back (REVIEW-MODEL.md 3.3): for generated frontmatters and bodies,
//! a review changes no line other than those of the keys section 3.1 names, keeps the body, the
//! BOM and the line endings, and reading the result back gives the new values.

use bokseup_core::edit::{self, Scalar};
use bokseup_core::frontmatter;
use bokseup_core::note::Note;
use bokseup_core::review;
use chrono::{NaiveDate, NaiveTime};
use proptest::prelude::*;
use serde_yaml::Value;

const FLAGS: [&str; 4] = ["❤1일복습여부", "🧡4일복습여부", "💛7일복습여부", "💚14일복습여부"];
/// Keys the template has, which a review may rewrite; each appears at most once.
const TEMPLATE_TEXT_KEYS: [&str; 12] = [
    "복습",
    "\"1일차복습여부1,0\"",
    "\"4일차복습여부1,0\"",
    "\"7일차복습여부1,0\"",
    "\"장기기억저장여부1,0\"",
    "학습률",
    "진행바",
    "🛑오늘",
    "오늘1",
    "오늘2",
    "사이",
    "🛑첫학습후 몇일째?",
];

fn word() -> impl Strategy<Value = String> {
    prop::string::string_regex("[가-힣a-zA-Z0-9]{1,8}( [가-힣a-zA-Z0-9/.%~]{1,6}){0,2}").unwrap()
}

/// A value in one of the styles real notes use: plain, double- or single-quoted, empty.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        word(),
        word().prop_map(|w| format!("\"{w}\"")),
        word().prop_map(|w| format!("'{w}'")),
        Just(String::new()),
        Just("\"⏰오늘 : 2024/10/27\"".to_string()),
        Just("🟩🟩⬜⬜⬜⬜⬜⬜⬜⬜ 20%".to_string()),
    ]
}

#[derive(Debug, Clone)]
enum Line {
    Template(usize, String),
    Extra(String, String),
    Comment(String),
    List(String, Vec<String>),
}

fn line() -> impl Strategy<Value = Line> {
    prop_oneof![
        (0..TEMPLATE_TEXT_KEYS.len(), value()).prop_map(|(k, v)| Line::Template(k, v)),
        (prop::string::string_regex("[가-힣a-z]{1,6}").unwrap(), value())
            .prop_map(|(k, v)| Line::Extra(format!("⭕{k}"), v)),
        word().prop_map(Line::Comment),
        (prop::string::string_regex("[a-z]{1,5}").unwrap(), prop::collection::vec(word(), 1..3))
            .prop_map(|(k, items)| Line::List(k, items)),
    ]
}

#[derive(Debug, Clone)]
struct Case {
    text: String,
    crlf: bool,
    bom: bool,
}

fn case() -> impl Strategy<Value = Case> {
    (
        prop::collection::vec(line(), 0..14),
        prop::collection::vec(any::<bool>(), 4),
        0u32..60,
        prop::collection::vec(
            prop_oneof![word(), Just("---".to_string()), Just("- 질문?".to_string()), Just(String::new())],
            0..8,
        ),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        0usize..15,
    )
        .prop_map(|(lines, flags, day0_offset, body, crlf, bom, final_newline, insert_at)| {
            let day0 = NaiveDate::from_ymd_opt(2024, 8, 1).unwrap() + chrono::Days::new(day0_offset as u64);
            let mut fm: Vec<String> = Vec::new();
            let mut used = std::collections::HashSet::new();
            for l in lines {
                let text = match l {
                    Line::Template(k, v) if used.insert(TEMPLATE_TEXT_KEYS[k].to_string()) => {
                        format!("{}: {v}", TEMPLATE_TEXT_KEYS[k])
                    }
                    Line::Extra(k, v) if used.insert(k.clone()) => format!("{k}: {v}"),
                    Line::List(k, items) if used.insert(k.clone()) => {
                        format!("{k}:\n{}", items.iter().map(|i| format!("  - {i}")).collect::<Vec<_>>().join("\n"))
                    }
                    Line::Comment(c) => format!("# {c}"),
                    _ => continue,
                };
                fm.push(text);
            }
            let mut required = vec![format!("⭕첫 학습날: {day0}")];
            for (k, f) in FLAGS.iter().zip(flags) {
                required.push(format!("{k}: {f}"));
            }
            let at = insert_at.min(fm.len());
            fm.splice(at..at, required);
            let mut text = format!("---\n{}\n---\n{}", fm.join("\n"), body.join("\n"));
            if final_newline && !text.ends_with('\n') {
                text.push('\n');
            }
            Case { text, crlf, bom }
        })
}

fn encode(case: &Case) -> Vec<u8> {
    let text = if case.crlf { case.text.replace('\n', "\r\n") } else { case.text.clone() };
    let mut bytes = if case.bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

/// The key a frontmatter line defines, unquoted, if it is a top-level `key:` line.
fn key_of(line: &str) -> Option<String> {
    if line.starts_with([' ', '#', '-']) {
        return None;
    }
    let (key, _) = line.split_once(": ").or_else(|| line.strip_suffix(':').map(|k| (k, "")))?;
    Some(key.trim_matches('"').to_string())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn a_review_changes_only_the_named_keys(case in case(), hour in 0u32..24, minute in 0u32..60, late in 0u64..40) {
        let input = encode(&case);
        let note = Note::parse("n.md", &input).unwrap();
        prop_assume!(note.flags.next_step().is_some());
        let day0 = note.day0.unwrap();
        let on = day0 + chrono::Days::new(late);
        let plan = review::review(&note, on, NaiveTime::from_hms_opt(hour, minute, 0).unwrap(), false).unwrap();
        let edited = edit::apply(&input, &plan.sets).unwrap();
        let out = edited.bytes;

        // BOM and line endings.
        prop_assert_eq!(out.starts_with(b"\xEF\xBB\xBF"), case.bom);
        let out_text = frontmatter::decode(&out).unwrap();
        let in_text = frontmatter::decode(&input).unwrap();
        if case.crlf {
            prop_assert!(!out_text.replace("\r\n", "").contains('\n'), "a bare LF in a CRLF file");
        } else {
            prop_assert!(!out_text.contains('\r'));
        }

        // The body is untouched, and so is every frontmatter line of a key section 3.1 does not name.
        let (before, after) = (frontmatter::split(in_text).unwrap(), frontmatter::split(out_text).unwrap());
        prop_assert_eq!(before.body, after.body);
        let named: Vec<&str> = plan.sets.iter().map(|s| s.key.as_str()).collect();
        let others = |yaml: &str| -> Vec<String> {
            yaml.lines().filter(|l| key_of(l).is_none_or(|k| !named.contains(&k.as_str()))).map(str::to_string).collect()
        };
        prop_assert_eq!(others(before.yaml.unwrap()), others(after.yaml.unwrap()));

        // Reading back gives the new values.
        let back = Note::parse("n.md", &out).unwrap();
        prop_assert_eq!(back.flags, plan.flags);
        prop_assert_eq!(back.last_review, Some(on));
        prop_assert_eq!(back.day0, Some(day0));
        let map = frontmatter::parse(after.yaml.unwrap()).unwrap();
        let had = frontmatter::parse(before.yaml.unwrap()).unwrap();
        for set in &plan.sets {
            let present = had.contains_key(set.key.as_str()) || set.add;
            let got = map.get(set.key.as_str());
            prop_assert_eq!(got.is_some(), present, "{}", set.key);
            if let Some(got) = got {
                let ok = match (&set.value, got) {
                    (Scalar::Bool(b), Value::Bool(g)) => b == g,
                    (Scalar::Date(d), Value::String(g)) => d.to_string() == *g,
                    (Scalar::Text(t), Value::String(g)) => t == g,
                    (Scalar::Text(t), Value::Number(n)) => t.parse::<f64>().ok() == n.as_f64(),
                    _ => false,
                };
                prop_assert!(ok, "{} reads back as {:?}, wanted {:?}", set.key, got, set.value);
            }
        }
    }
}
