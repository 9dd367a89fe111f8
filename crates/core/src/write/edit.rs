//! Surgical edits of a note's frontmatter (REVIEW-MODEL.md section 3.3): only the lines of the
//! keys being set change, and every other byte of the file stays as it was — key order, comments,
//! other keys, quoting, the body, a BOM, CRLF line endings, the final newline.
//!
//! Edits are pure text transforms. Every result is parsed again and compared with the original
//! before it is returned, so an edit that would change anything but the named keys is refused
//! rather than written.

use crate::error::{Error, Result};
use crate::frontmatter;
use crate::lang::{tf, tr};
use serde_yaml::{Mapping, Value};
use std::fmt;

/// A value the app writes, with its YAML type.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    /// `true` / `false`.
    Bool(bool),
    /// A date, written `YYYY-MM-DD` (unquoted unless the file quoted it).
    Date(chrono::NaiveDate),
    /// Text. Written in the quoting style the key already has; quoted when a plain scalar would
    /// read back as something else.
    Text(String),
}

impl fmt::Display for Scalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scalar::Bool(b) => write!(f, "{b}"),
            Scalar::Date(d) => write!(f, "{d}"),
            Scalar::Text(s) => f.write_str(s),
        }
    }
}

/// One key to set.
#[derive(Debug, Clone, PartialEq)]
pub struct Set {
    /// The key, unquoted (`"1일차복습여부1,0"` is given as `1일차복습여부1,0`).
    pub key: String,
    /// Its new value.
    pub value: Scalar,
    /// Add the key at the end of the frontmatter when the note lacks it; otherwise leave it out.
    pub add: bool,
}

/// What an edit did to one key, for the user ("복습: 4일 복습 → 7일 복습").
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Change {
    /// The key.
    pub key: String,
    /// The value text before (`None` when the key was added).
    pub before: Option<String>,
    /// The value text after.
    pub after: String,
}

/// The result of an edit: the new file text and what changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Edited {
    /// The whole new file, BOM included.
    pub bytes: Vec<u8>,
    /// The keys whose value changed or that were added, in the order given.
    pub changes: Vec<Change>,
}

/// Sets `sets` in the frontmatter of the note `bytes`; creates a frontmatter block when the note
/// has none and a key is to be added.
pub fn apply(bytes: &[u8], sets: &[Set]) -> Result<Edited> {
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let text = frontmatter::decode(bytes)?;
    let split = frontmatter::split(text)?;
    let before_map = split.mapping()?;
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };

    let mut out = String::with_capacity(text.len() + 256);
    let mut changes = Vec::new();
    match split.yaml {
        Some(yaml) => {
            let open_len = if text.starts_with("---\r\n") { 5 } else { 4 };
            let close = &text[open_len + yaml.len()..text.len() - split.body.len()];
            let yaml_newline = if yaml.contains("\r\n") || text.starts_with("---\r\n") { "\r\n" } else { "\n" };
            out.push_str(&text[..open_len]);
            out.push_str(&edit_block(yaml, sets, yaml_newline, &mut changes)?);
            out.push_str(close);
            out.push_str(split.body);
        }
        None => {
            let mut block = String::new();
            for set in sets.iter().filter(|s| s.add) {
                block.push_str(&added_line(set, newline, &mut changes));
            }
            if !block.is_empty() {
                out.push_str(&format!("---{newline}{block}---{newline}"));
            }
            out.push_str(text);
        }
    }
    verify(&before_map, &out, sets, &changes)?;
    let mut bytes = Vec::with_capacity(out.len() + 3);
    if bom {
        bytes.extend_from_slice(b"\xEF\xBB\xBF");
    }
    bytes.extend_from_slice(out.as_bytes());
    Ok(Edited { bytes, changes })
}

/// Edits the YAML between the `---` lines.
fn edit_block(yaml: &str, sets: &[Set], newline: &str, changes: &mut Vec<Change>) -> Result<String> {
    // The editor works on `\n` lines; the YAML parser also breaks lines at a lone CR and at NEL,
    // LS and PS. Where they differ, a key's line is not the line the editor would change.
    let breaks_alone = yaml.char_indices().any(|(i, c)| match c {
        '\r' => !yaml[i + 1..].starts_with('\n'),
        '\u{85}' | '\u{2028}' | '\u{2029}' => true,
        _ => false,
    });
    if breaks_alone {
        return Err(Error::Refused(
            tr(
                "머리말에 CR만 있는 줄바꿈(또는 NEL, LS, PS 문자)이 있어 어느 줄을 고칠지 안전하게 알 수 없습니다: 편집기에서 줄 끝을 LF나 CRLF로 바꿔 저장하세요",
                "The frontmatter has line breaks made of a lone CR (or NEL, LS, PS), so which line to change is not safe to tell: save the note with LF or CRLF line ends",
            )
            .into(),
        ));
    }
    let mut lines: Vec<String> = yaml.split_inclusive('\n').map(str::to_string).collect();
    let mut added = String::new();
    for set in sets {
        let found =
            lines.iter().enumerate().find_map(|(i, l)| line_key(l).filter(|k| k.name == set.key).map(|k| (i, k.end)));
        match found {
            Some((i, key_end)) => {
                let continued = lines.get(i + 1).is_some_and(|next| is_continuation(next));
                let (head, old, tail) = split_value(&lines[i], key_end);
                if continued || is_block_indicator(old) {
                    return Err(Error::MultiLine(set.key.clone()));
                }
                let new = render(&set.value, Some(old));
                if new != old {
                    let sep = if old.is_empty() && !head.ends_with(' ') { " " } else { "" };
                    changes.push(Change {
                        key: set.key.clone(),
                        before: Some(unquote(old)),
                        after: set.value.to_string(),
                    });
                    lines[i] = format!("{head}{sep}{new}{tail}");
                }
            }
            None if set.add => added.push_str(&added_line(set, newline, changes)),
            None => {}
        }
    }
    let mut out: String = lines.concat();
    if !added.is_empty() {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push_str(newline);
        }
        out.push_str(&added);
    }
    Ok(out)
}

/// The line of a key the note lacks, recording it as added.
fn added_line(set: &Set, newline: &str, changes: &mut Vec<Change>) -> String {
    changes.push(Change { key: set.key.clone(), before: None, after: set.value.to_string() });
    format!("{}: {}{newline}", key_text(&set.key), render(&set.value, None))
}

/// A top-level key found at the start of a line.
struct LineKey {
    name: String,
    /// Byte offset just after the `:`.
    end: usize,
}

/// Reads the key of a top-level `key: value` line (plain, `"quoted"` or `'quoted'` key).
fn line_key(line: &str) -> Option<LineKey> {
    let content = line.trim_end_matches(['\n', '\r']);
    if content.starts_with([' ', '\t', '#', '-']) || content.is_empty() {
        return None;
    }
    if let Some(rest) = content.strip_prefix('"') {
        let close = find_closing_double(rest)?;
        let name = unescape_double(&rest[..close]);
        let after = 1 + close + 1;
        return content[after..].starts_with(':').then(|| LineKey { name, end: after + 1 });
    }
    if let Some(rest) = content.strip_prefix('\'') {
        let close = rest.find('\'')?;
        let after = 1 + close + 1;
        let name = rest[..close].to_string();
        return content[after..].starts_with(':').then(|| LineKey { name, end: after + 1 });
    }
    let colon = content.match_indices(':').find(|(i, _)| {
        let next = content[i + 1..].chars().next();
        next.is_none() || next == Some(' ') || next == Some('\t')
    })?;
    Some(LineKey { name: content[..colon.0].trim_end().to_string(), end: colon.0 + 1 })
}

fn find_closing_double(s: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(i),
            _ => escaped = false,
        }
    }
    None
}

fn unescape_double(s: &str) -> String {
    s.replace("\\\"", "\"").replace("\\\\", "\\")
}

/// Splits a `key: value  # comment\r\n` line into (`key: `, `value`, `  # comment\r\n`).
fn split_value(line: &str, key_end: usize) -> (&str, &str, &str) {
    let after_key = &line[key_end..];
    let value_start = key_end + (after_key.len() - after_key.trim_start_matches([' ', '\t']).len());
    let rest = &line[value_start..];
    let ending_len = rest.len() - rest.trim_end_matches(['\n', '\r']).len();
    let body = &rest[..rest.len() - ending_len];
    let value_len = match body.chars().next() {
        Some('"') => find_closing_double(&body[1..]).map_or(body.len(), |i| i + 2),
        Some('\'') => body[1..].find('\'').map_or(body.len(), |i| i + 2),
        _ => body.find(" #").or_else(|| body.find("\t#")).unwrap_or(body.len()),
    };
    let value = body[..value_len].trim_end_matches([' ', '\t']);
    (&line[..value_start], value, &line[value_start + value.len()..])
}

fn is_continuation(line: &str) -> bool {
    let content = line.trim_end_matches(['\n', '\r']);
    !content.trim().is_empty() && (content.starts_with([' ', '\t']) || content.starts_with("- "))
}

fn is_block_indicator(value: &str) -> bool {
    value.starts_with('|') || value.starts_with('>') || value.starts_with('[') || value.starts_with('{')
}

fn unquote(value: &str) -> String {
    if let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        unescape_double(inner)
    } else if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        inner.replace("''", "'")
    } else {
        value.to_string()
    }
}

/// A key as written on a new line: quoted when it holds characters YAML would misread.
fn key_text(key: &str) -> String {
    if plain_scalar_ok(key) {
        key.to_string()
    } else {
        double_quoted(key)
    }
}

/// The YAML text of `value`, following the quoting of the value it replaces (`old`).
fn render(value: &Scalar, old: Option<&str>) -> String {
    let quote = old.and_then(|o| o.chars().next()).filter(|c| *c == '"' || *c == '\'');
    let reads_as_number = |s: &str| matches!(serde_yaml::from_str::<Value>(s), Ok(Value::Number(_)));
    match (value, quote) {
        // A flag is always a real boolean, even where a file had `"false"`: the reader only counts `true`.
        (Scalar::Bool(b), _) => b.to_string(),
        (Scalar::Date(d), None) => d.to_string(),
        (Scalar::Text(s), None) if plain_scalar_ok(s) && plain_reads_as_string(s) => s.clone(),
        // The file holds this key as an unquoted number (`학습률: 0.8`): keep that style.
        (Scalar::Text(s), None) if old.is_some_and(reads_as_number) && reads_as_number(s) => s.clone(),
        (v, Some('\'')) => format!("'{}'", v.to_string().replace('\'', "''")),
        (v, _) => double_quoted(&v.to_string()),
    }
}

fn double_quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Whether `s` can be written as a plain (unquoted) YAML scalar without changing its text.
fn plain_scalar_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else { return false };
    let indicator = "-?:,[]{}#&*!|>'\"%@`".contains(first);
    let starts_ok = !indicator || (matches!(first, '-' | '?' | ':') && s.chars().nth(1).is_some_and(|c| c != ' '));
    starts_ok
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.ends_with(' ')
        && !s.starts_with(' ')
        && !s.contains(['\n', '\r', '\t'])
}

/// Whether a plain scalar reads back as the same string (not a number, bool or null).
fn plain_reads_as_string(s: &str) -> bool {
    matches!(serde_yaml::from_str::<Value>(s), Ok(Value::String(ref v)) if v == s)
}

/// Parses the result and checks that each set key reads back as its new value and that every other
/// key is unchanged.
fn verify(before: &Mapping, text: &str, sets: &[Set], changes: &[Change]) -> Result<()> {
    let split = frontmatter::split(text).map_err(|e| Error::Verify(e.to_string()))?;
    let after = split.mapping().map_err(|e| Error::Verify(e.to_string()))?;
    let touched: Vec<&str> = changes.iter().map(|c| c.key.as_str()).collect();
    for (key, value) in before {
        let name = key.as_str().unwrap_or_default();
        if !touched.contains(&name) && after.get(key) != Some(value) {
            return Err(Error::Verify(tf(format!("`{name}` 값이 바뀌었습니다"), format!("`{name}` changed"))));
        }
    }
    // Every key set reads back as its value, whether its line changed or already held it: a line
    // the editor took for the key's can be inside a multi-line quoted value, where the key is not
    // (found by fuzzing). Only a key that may be left absent (not to be added) and is absent passes.
    for set in sets {
        let got = after.get(set.key.as_str());
        if got.is_none() && !set.add && !touched.contains(&set.key.as_str()) {
            continue;
        }
        let ok = match (&set.value, got) {
            (Scalar::Bool(b), Some(Value::Bool(g))) => b == g,
            (Scalar::Date(d), Some(Value::String(g))) => *g == d.to_string(),
            (Scalar::Text(t), Some(Value::String(g))) => t == g,
            (Scalar::Text(t), Some(Value::Number(n))) => t.parse::<f64>().ok() == n.as_f64(),
            _ => false,
        };
        if !ok {
            return Err(Error::Verify(tf(
                format!("`{}`이(가) {:?}로 읽힙니다", set.key, got),
                format!("`{}` reads back as {:?}", set.key, got),
            )));
        }
    }
    if after.len() != before.len() + changes.iter().filter(|c| c.before.is_none()).count() {
        return Err(Error::Verify(tr("키 개수가 맞지 않습니다", "the number of keys changed").into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(key: &str, value: &str) -> Set {
        Set { key: key.into(), value: Scalar::Text(value.into()), add: false }
    }

    fn run(input: &str, sets: &[Set]) -> String {
        String::from_utf8(apply(input.as_bytes(), sets).unwrap().bytes).unwrap()
    }

    /// Found by fuzzing: a `key: value` line inside a multi-line quoted value looks like the
    /// key's line to the editor, which found it already holding the value and reported success,
    /// though the note has no such key and nothing was written.
    #[test]
    fn a_key_line_inside_a_quoted_value_is_not_the_key() {
        let note = "---\n🛑첫날: \"✏첫2024/08/25\n❤1일복습여부: true\n🧡4일복습여부: false :\"\n---\n본문\n";
        let tick = |add| [Set { key: "❤1일복습여부".into(), value: Scalar::Bool(true), add }];
        let refused = apply(note.as_bytes(), &tick(true));
        assert!(matches!(refused, Err(Error::Verify(_))), "{refused:?}");
        // A key that need not be there, and is not: nothing to set, nothing written.
        assert_eq!(apply(note.as_bytes(), &tick(false)).unwrap().bytes, note.as_bytes());
        // Set to another value, the line inside the quoted value would change that value: refused.
        let untick = [Set { key: "❤1일복습여부".into(), value: Scalar::Bool(false), add: false }];
        assert!(matches!(apply(note.as_bytes(), &untick), Err(Error::Verify(_))));
    }

    #[test]
    fn line_breaks_the_parser_sees_but_the_editor_would_not_are_refused() {
        // Found by fuzzing: a lone CR made the parser see a key the editor did not.
        let sets = [Set { key: "🧡4일복습여부".into(), value: Scalar::Bool(true), add: true }];
        for yaml in ["a: 1\r🧡4일복습여부: false\n", "a: x\u{2028}🧡4일복습여부: false\n", "a: \"x\u{85}y\"\n"]
        {
            let note = format!("---\n{yaml}---\n본문\n");
            let err = apply(note.as_bytes(), &sets).unwrap_err();
            assert!(err.to_string().contains("줄 끝을 LF나 CRLF로"), "{yaml:?}: {err}");
        }
        // CRLF is fine.
        assert!(apply(b"---\r\na: 1\r\n---\r\n", &sets).is_ok());
    }

    #[test]
    fn keeps_quoting_style_and_everything_else() {
        let input = "---\n# 주석\n학습률: \"0.2\"\n'복습': 1일 복습  # 라벨\n\"1일차복습여부1,0\": \"0\"\n진행바: ⬜ 0%\n---\n본문\n";
        let out = run(
            input,
            &[
                text("학습률", "0.4"),
                text("복습", "7일 복습"),
                text("1일차복습여부1,0", "1"),
                text("진행바", "🟩🟩🟩🟩⬜⬜⬜⬜⬜⬜ 40%"),
            ],
        );
        assert_eq!(
            out,
            "---\n# 주석\n학습률: \"0.4\"\n'복습': 7일 복습  # 라벨\n\"1일차복습여부1,0\": \"1\"\n진행바: 🟩🟩🟩🟩⬜⬜⬜⬜⬜⬜ 40%\n---\n본문\n"
        );
    }

    #[test]
    fn crlf_bom_and_missing_final_newline() {
        let input = "\u{FEFF}---\r\n❤1일복습여부: false\r\n---\r\n본문";
        let sets = [
            Set { key: "❤1일복습여부".into(), value: Scalar::Bool(true), add: false },
            Set { key: "🔁마지막복습".into(), value: Scalar::Date("2024-08-26".parse().unwrap()), add: true },
        ];
        assert_eq!(run(input, &sets), "\u{FEFF}---\r\n❤1일복습여부: true\r\n🔁마지막복습: 2024-08-26\r\n---\r\n본문");
    }

    #[test]
    fn empty_value_gets_a_space() {
        let sets =
            [Set { key: "⭕첫 학습날".into(), value: Scalar::Date("2024-08-25".parse().unwrap()), add: true }];
        assert_eq!(run("---\n⭕첫 학습날:\n---\n", &sets), "---\n⭕첫 학습날: 2024-08-25\n---\n");
    }

    #[test]
    fn creates_a_frontmatter_block() {
        let sets = [Set { key: "❤1일복습여부".into(), value: Scalar::Bool(false), add: true }];
        assert_eq!(run("# 제목\r\n본문\r\n", &sets), "---\r\n❤1일복습여부: false\r\n---\r\n# 제목\r\n본문\r\n");
        assert_eq!(run("", &sets), "---\n❤1일복습여부: false\n---\n");
    }

    #[test]
    fn quotes_text_that_would_not_read_back() {
        let sets = [text("a", "⏰오늘 : 2024/10/27"), text("b", "63"), text("c", "true"), text("d", "x")];
        let out = run("---\na: x\nb: y\nc: z\nd:\n---\n", &sets);
        assert_eq!(out, "---\na: \"⏰오늘 : 2024/10/27\"\nb: \"63\"\nc: \"true\"\nd: x\n---\n");
    }

    #[test]
    fn unquoted_number_keeps_its_style() {
        assert_eq!(run("---\n학습률: 0.2\n---\n", &[text("학습률", "0.4")]), "---\n학습률: 0.4\n---\n");
    }

    #[test]
    fn refuses_multi_line_values() {
        let err = apply("---\n복습:\n  - a\n---\n".as_bytes(), &[text("복습", "x")]).unwrap_err();
        assert!(matches!(err, Error::MultiLine(ref k) if k == "복습"), "{err}");
        let err = apply("---\n복습: |\n  a\n---\n".as_bytes(), &[text("복습", "x")]).unwrap_err();
        assert!(matches!(err, Error::MultiLine(ref k) if k == "복습"), "{err}");
    }

    #[test]
    fn refuses_broken_frontmatter() {
        assert!(matches!(apply(b"---\na: \"x\n---\n", &[text("a", "y")]), Err(Error::Yaml(_))));
        assert!(matches!(apply(b"---\na: 1\n", &[text("a", "y")]), Err(Error::Unterminated)));
        assert!(matches!(apply(b"---\na: \xB0\n---\n", &[text("a", "y")]), Err(Error::NotUtf8 { .. })));
    }

    #[test]
    fn unchanged_values_are_not_changes() {
        let e = apply("---\n복습: 1일 복습\n---\n".as_bytes(), &[text("복습", "1일 복습")]).unwrap();
        assert!(e.changes.is_empty());
        assert_eq!(e.bytes, "---\n복습: 1일 복습\n---\n".as_bytes());
    }

    #[test]
    fn keys_not_present_and_not_added_are_skipped() {
        assert_eq!(run("---\na: 1\n---\n", &[text("오늘2", "2024/10/27")]), "---\na: 1\n---\n");
    }
}
