//! The fast path for flat frontmatter: one `key: value` per line, plain or quoted scalars, as
//! the template writes it. It gives exactly what serde_yaml gives, or declines.
//!
//! serde_yaml was about three quarters of a cold scan (a libyaml event stream and a `Value` tree
//! per note). This reader handles only the shapes it can be sure of and returns `None` on
//! anything else (lists, nesting, block scalars, escapes, anchors, tags, tabs, odd line breaks,
//! duplicate keys, every error), so that the caller hands the text to serde_yaml. Whether a plain
//! scalar is a null, a bool, a number or a string follows serde_yaml's own resolution; where that
//! is subtle (signs, radix prefixes, exponents, leading zeros, huge integers) it declines too.
//! `tests/flat_yaml.rs` checks it against serde_yaml on generated and real inputs.

use serde_yaml::{Mapping, Number, Value};

/// The frontmatter's mapping when every line is in the flat subset; `None` to let serde_yaml
/// decide (which includes every input serde_yaml would refuse).
pub fn parse(yaml: &str) -> Option<Mapping> {
    if !printable(yaml) {
        return None;
    }
    let mut map = Mapping::new();
    // The key whose value is empty so far: a block list may follow it.
    let mut open: Option<Value> = None;
    // The indentation of that list's dashes, once its first item is seen.
    let mut dash_indent: Option<usize> = None;
    for line in yaml.split('\n') {
        // A `\r` is only welcome as half of a CRLF.
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.contains('\r') {
            return None;
        }
        if line.trim_start_matches(' ').is_empty() || line.trim_start_matches(' ').starts_with('#') {
            continue;
        }
        if let Some(key) = &open {
            if let Some((indent, item)) = list_item(line) {
                if *dash_indent.get_or_insert(indent) != indent {
                    return None;
                }
                match map.get_mut(key) {
                    Some(Value::Sequence(items)) => items.push(item),
                    Some(slot) => *slot = Value::Sequence(vec![item]),
                    None => return None,
                }
                continue;
            }
        }
        let (key, value, empty) = entry(line)?;
        // Only a value left empty may be a list (`tags: ~` followed by items is an error).
        open = empty.then(|| key.clone());
        dash_indent = None;
        // A duplicate is serde_yaml's error to report, with its place.
        if map.insert(key, value).is_some() {
            return None;
        }
    }
    // Only comments: serde_yaml says what that is.
    if map.is_empty() {
        return None;
    }
    Some(map)
}

/// Whether every character is one libyaml accepts and none is a line break other than `\n` and
/// `\r`: tabs, the NEL and the Unicode line and paragraph separators change how YAML splits
/// lines and columns, so their texts go to serde_yaml.
fn printable(text: &str) -> bool {
    text.chars().all(|c| match c {
        '\n' | '\r' => true,
        ' '..='~' => true,
        '\u{A0}'..='\u{D7FF}' => c != '\u{2028}' && c != '\u{2029}',
        '\u{E000}'..='\u{FFFD}' => c != '\u{FEFF}',
        '\u{10000}'..='\u{10FFFF}' => true,
        _ => false,
    })
}

/// Characters that may not start a plain scalar, or that start something other than a scalar.
const INDICATORS: &[u8] = b"-?:,[]{}#&*!|>'\"%@` ";

/// The libyaml limit on an implicit key's length, in characters; a byte count under it is safe.
const MAX_KEY: usize = 1000;

/// One `key: value` line at the left margin, and whether the value was left empty.
fn entry(line: &str) -> Option<(Value, Value, bool)> {
    if line.starts_with("---") || line.starts_with("...") {
        return None;
    }
    let (key, rest) = if line.starts_with(['"', '\'']) {
        let (text, rest) = quoted(line)?;
        (Value::String(text.to_owned()), rest.strip_prefix(':')?)
    } else {
        let colon = key_end(line)?;
        let text = &line[..colon];
        if !plain_ok(text) || text.ends_with(' ') {
            return None;
        }
        (resolve(text)?, &line[colon + 1..])
    };
    if line.len() - rest.len() > MAX_KEY {
        return None;
    }
    // The value is separated from the colon by a space, or the line ends there.
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    let text = rest.trim_start_matches(' ');
    Some((key, value(text)?, text.is_empty()))
}

/// Where a plain key's colon is: the first `:` followed by a space or the end of the line.
fn key_end(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    bytes
        .iter()
        .enumerate()
        .find_map(|(i, &b)| (b == b':' && bytes.get(i + 1).is_none_or(|&next| next == b' ')).then_some(i))
}

/// A block list's item, `  - value`: its dash's indentation and its value. Only scalar items;
/// an item that is itself a list or a mapping is declined by [`value`].
fn list_item(line: &str) -> Option<(usize, Value)> {
    let rest = line.trim_start_matches(' ');
    let indent = line.len() - rest.len();
    let item = match rest.strip_prefix('-')? {
        "" => "",
        after => after.strip_prefix(' ')?,
    };
    Some((indent, value(item.trim_start_matches(' '))?))
}

/// The value after `key:`, its leading spaces removed.
fn value(text: &str) -> Option<Value> {
    if text.is_empty() {
        return Some(Value::Null);
    }
    if let Some(inner) = text.strip_prefix('[') {
        return flow_list(inner);
    }
    if text.starts_with(['"', '\'']) {
        let (inner, rest) = quoted(text)?;
        after_scalar(rest)?;
        return Some(Value::String(inner.to_owned()));
    }
    let plain = text.trim_end_matches(' ');
    // `key: # note` is a null with a comment; leave it, and every other indicator, to serde_yaml.
    if !plain_ok(plain) || plain.ends_with(':') {
        return None;
    }
    resolve(plain)
}

/// A one-line flow list of plain or quoted scalars, `[a, "b c"]`, from after its `[`.
fn flow_list(inner: &str) -> Option<Value> {
    let end = inner.find(']')?;
    after_scalar(&inner[end + 1..])?;
    let inner = &inner[..end];
    if inner.trim_start_matches(' ').is_empty() {
        return Some(Value::Sequence(Vec::new()));
    }
    inner
        .split(',')
        .map(|item| {
            let item = item.trim_matches(' ');
            // Brackets, braces, colons, quotes and comments inside flow items are serde_yaml's.
            let quoted = |q: char| {
                let body = item.strip_prefix(q)?.strip_suffix(q)?;
                (!body.is_empty() || item.len() == 2).then_some(body)
            };
            if let Some(body) = quoted('"').filter(|b| !b.contains(['"', '\\'])) {
                return Some(Value::String(body.to_owned()));
            }
            if let Some(body) = quoted('\'').filter(|b| !b.contains('\'')) {
                return Some(Value::String(body.to_owned()));
            }
            if item.contains(['[', ']', '{', '}', ':', '#', '"', '\'']) || !plain_ok(item) {
                return None;
            }
            resolve(item)
        })
        .collect::<Option<Vec<_>>>()
        .map(Value::Sequence)
}

/// A quoted scalar at the start of `text` (which starts with `"` or `'`), on one line: its
/// content and what follows the closing quote. `None` for one with an escape (`\` in double
/// quotes, `''` in single quotes) or no closing quote on the line.
fn quoted(text: &str) -> Option<(&str, &str)> {
    let quote = text.chars().next()?;
    let body = &text[1..];
    let end = body.find(quote)?;
    let (inner, rest) = (&body[..end], &body[end + 1..]);
    let escaped = if quote == '"' { inner.contains('\\') } else { rest.starts_with('\'') };
    (!escaped).then_some((inner, rest))
}

/// What may follow a closing quote on its line: spaces, then nothing or a comment.
fn after_scalar(rest: &str) -> Option<()> {
    let trimmed = rest.trim_start_matches(' ');
    (trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < rest.len())).then_some(())
}

/// Whether a plain scalar's text is one this reader is sure of: it does not start with an
/// indicator, holds no `: ` (a nested mapping, or an error) and no ` #` (a comment).
fn plain_ok(text: &str) -> bool {
    match text.as_bytes().first() {
        None => false,
        Some(first) => !INDICATORS.contains(first) && !text.contains(": ") && !text.contains(" #"),
    }
}

/// A plain scalar's value as serde_yaml resolves it: null, bool, integer, float or string.
/// `None` where the rules are subtle enough that serde_yaml should decide.
fn resolve(text: &str) -> Option<Value> {
    match text {
        "null" | "Null" | "NULL" | "~" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    let first = text.as_bytes()[0];
    // A number starts with a digit, a sign or a dot and uses only these characters; a
    // letter-first text in them can only spell inf or nan, which serde_yaml keeps as strings.
    let numeric = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.' | b'_');
    if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) || !text.bytes().all(numeric) {
        return Some(Value::String(text.to_owned()));
    }
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // A plain decimal integer that fits a u64 with room to spare.
    if digits(text) && text.len() <= 18 && (text == "0" || !text.starts_with('0')) {
        return text.parse::<u64>().ok().map(|n| Value::Number(Number::from(n)));
    }
    // A decimal fraction, `12.5`: no sign, exponent or leading zero to weigh.
    if let Some((whole, fraction)) = text.split_once('.') {
        if digits(whole) && digits(fraction) && (whole == "0" || !whole.starts_with('0')) && text.len() <= 18 {
            return text.parse::<f64>().ok().map(|f| Value::Number(Number::from(f)));
        }
    }
    // A date, `2024-08-25` or `2024.08.25`: neither an integer nor a float to serde_yaml.
    for separator in ['-', '.'] {
        let parts: Vec<&str> = text.split(separator).collect();
        if parts.len() == 3 && parts.iter().all(|p| digits(p) && p.len() <= 4) {
            return Some(Value::String(text.to_owned()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_as_serde(yaml: &str) {
        let fast = parse(yaml).unwrap_or_else(|| panic!("declined {yaml:?}"));
        let slow: Value = serde_yaml::from_str(yaml).unwrap();
        assert_eq!(Value::Mapping(fast), slow, "{yaml:?}");
    }

    #[test]
    fn the_template_is_flat() {
        let note = include_str!("../../../demo/AWS/AMI.md");
        let yaml = crate::frontmatter::split(note).unwrap().yaml.unwrap();
        same_as_serde(yaml);
        same_as_serde(&yaml.replace('\n', "\r\n"));
    }

    #[test]
    fn scalars_resolve_as_serde_yaml_does() {
        for value in [
            "",
            "~",
            "null",
            "NULL",
            "true",
            "False",
            "0",
            "7",
            "123456789012345678",
            "0.8",
            "12.25",
            "2024-08-25",
            "2024/08/25",
            "AWS",
            "inf",
            "nan",
            "NaN",
            "Infinity",
            "e5",
            "a b  c",
            "🟩🟩⬜ 20%",
            "\"1\"",
            "'x'",
            "\"\"",
            "''",
            "\"a\"  # c",
            "a#b",
            "a,b",
            "[[AWS]]x",
        ] {
            let yaml = format!("k: {value}\n");
            if let Some(fast) = parse(&yaml) {
                let slow: Value = serde_yaml::from_str(&yaml).unwrap();
                assert_eq!(Value::Mapping(fast), slow, "{yaml:?}");
            }
        }
        same_as_serde("k: 0.8\nn: 42\nd: 2024-08-25\ne:\nf: 2024.10.26\n");
    }

    #[test]
    fn lists_of_scalars() {
        same_as_serde("tags:\n  - 네트워크\n  - 정리\n");
        same_as_serde("tags:\n- a\n-\n- \"b c\"\nx: 1\n");
        same_as_serde("tags: [a, \"b c\", 'd', 7]\naliases: [ ]\nn: []\n");
        same_as_serde("a:\n\n  # c\n  - x\n");
    }

    #[test]
    fn declines_what_it_is_not_sure_of() {
        for yaml in [
            "a: 1\na: 2\n",
            "a: |\n  x\n",
            "a: \"x\\ty\"\n",
            "a: 'it''s'\n",
            "a: &x 1\n",
            "a: !!str 1\n",
            "a: 1e5\n",
            "a: 0x1F\n",
            "a: 010\n",
            "a: -1\n",
            "a: .5\n",
            "a: 12345678901234567890\n",
            "a: b: c\n",
            "a:b\n",
            "a: x # c\n",
            "a: \tx\n",
            "a: x\u{2028}\n",
            "# only a comment\n",
            "a: \"open\n",
            "a: x\n b\n",
            "a: x\rb\n",
            "@a: 1\n",
            "a: ~\n  - x\n",
            "a:\n  - x\n - y\n",
            "a:\n  - x: 1\n",
            "a:\n  - - x\n",
            "a:\n  b: 1\n",
            "a: [x,]\n",
            "a: [\"x,y\"]\n",
            "a: [x\n",
            "a: [x] y\n",
            "a: {b: 1}\n",
        ] {
            assert!(parse(yaml).is_none(), "{yaml:?}");
        }
    }
}
