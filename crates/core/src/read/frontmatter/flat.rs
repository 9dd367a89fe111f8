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

/// A scalar as serde_yaml would resolve it, borrowed from the text where it is text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scalar<'a> {
    /// `~`, `null`, or nothing.
    Null,
    /// `true` or `false`, in the spellings YAML 1.2 allows.
    Bool(bool),
    /// A plain decimal integer of at most 18 digits.
    Int(u64),
    /// A plain decimal fraction, `12.5`.
    Float(f64),
    /// Any other plain scalar, or a quoted one without escapes: the text between the quotes.
    Str(&'a str),
}

impl Scalar<'_> {
    /// The same scalar as serde_yaml's value.
    pub fn to_value(self) -> Value {
        match self {
            Scalar::Null => Value::Null,
            Scalar::Bool(b) => Value::Bool(b),
            Scalar::Int(n) => Value::Number(Number::from(n)),
            Scalar::Float(f) => Value::Number(Number::from(f)),
            Scalar::Str(s) => Value::String(s.to_owned()),
        }
    }
}

/// A key's value: one scalar, or a list of them kept in [`Flat::items`] at `start..end`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Field<'a> {
    /// A scalar value.
    Scalar(Scalar<'a>),
    /// A block or flow list of scalars.
    List {
        /// Its first item's index in [`Flat::items`].
        start: usize,
        /// One past its last item's index.
        end: usize,
    },
}

/// Flat frontmatter read in place: every key (each a string), in order, with its value. Nothing
/// is copied, so a note's scan pays one allocation for its frontmatter instead of a `String` and
/// a hash per key and value.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Flat<'a> {
    /// The keys and their values, in the text's order; no key twice.
    pub entries: Vec<(&'a str, Field<'a>)>,
    /// Every list's items, each list's together.
    pub items: Vec<Scalar<'a>>,
}

impl Flat<'_> {
    /// The same frontmatter as serde_yaml's mapping.
    pub fn to_mapping(&self) -> Mapping {
        let mut map = Mapping::with_capacity(self.entries.len());
        for (key, field) in &self.entries {
            let value = match *field {
                Field::Scalar(scalar) => scalar.to_value(),
                Field::List { start, end } => {
                    Value::Sequence(self.items[start..end].iter().map(|s| s.to_value()).collect())
                }
            };
            map.insert(Value::String((*key).to_owned()), value);
        }
        map
    }
}

/// The frontmatter's mapping when every line is in the flat subset; `None` to let serde_yaml
/// decide (which includes every input serde_yaml would refuse).
pub fn parse(yaml: &str) -> Option<Mapping> {
    read(yaml).map(|flat| flat.to_mapping())
}

/// The frontmatter read in place when every line is in the flat subset and every key is a
/// string; `None` to let serde_yaml decide (which includes every input serde_yaml would refuse).
pub fn read(yaml: &str) -> Option<Flat<'_>> {
    if !printable(yaml) {
        return None;
    }
    let mut flat = Flat { entries: Vec::with_capacity(40), items: Vec::new() };
    // The last key's value is empty so far: a block list may follow it.
    let mut open = false;
    // The indentation of that list's dashes, once its first item is seen.
    let mut dash_indent: Option<usize> = None;
    for line in yaml.split('\n') {
        // Every `\r` is half of a CRLF ([`printable`] saw to it).
        let line = line.strip_suffix('\r').unwrap_or(line);
        let content = line.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if open {
            if let Some((indent, item)) = list_item(line) {
                if *dash_indent.get_or_insert(indent) != indent {
                    return None;
                }
                let (_, field) = flat.entries.last_mut()?;
                match field {
                    // A list's items are pushed one after the other, so it only grows.
                    Field::List { end, .. } => *end += 1,
                    Field::Scalar(_) => *field = Field::List { start: flat.items.len(), end: flat.items.len() + 1 },
                }
                flat.items.push(item);
                continue;
            }
        }
        let (key, value, empty) = entry(line, &mut flat.items)?;
        // Only a value left empty may be a list (`tags: ~` followed by items is an error).
        open = empty;
        dash_indent = None;
        flat.entries.push((key, value));
    }
    // Only comments: serde_yaml says what that is.
    if flat.entries.is_empty() || has_duplicate(&flat.entries) {
        return None;
    }
    Some(flat)
}

/// Whether a key is there twice: serde_yaml's error to report, with its place.
fn has_duplicate(entries: &[(&str, Field<'_>)]) -> bool {
    // A template's 30-odd keys compare faster pairwise than they sort; a pasted 10,000 do not.
    if entries.len() <= 64 {
        return entries.iter().enumerate().any(|(i, (key, _))| entries[..i].iter().any(|(other, _)| other == key));
    }
    let mut keys: Vec<&str> = entries.iter().map(|(key, _)| *key).collect();
    keys.sort_unstable();
    keys.windows(2).any(|pair| pair[0] == pair[1])
}

/// Whether every character is one libyaml accepts, none is a line break other than `\n` and
/// `\r\n`: tabs, a lone `\r`, the NEL and the Unicode line and paragraph separators change how
/// YAML splits lines and columns, so their texts go to serde_yaml.
fn printable(text: &str) -> bool {
    let bytes = text.as_bytes();
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let mut from = 0;
    // Only a few bytes need a second look; finding them through a table is a few instructions a
    // byte (decoding every character was a tenth of reading a note).
    while let Some(found) = bytes[from..].iter().position(|&b| SECOND_LOOK[usize::from(b)]) {
        let i = from + found;
        let fine = match bytes[i] {
            // A `\r` is only welcome as half of a CRLF.
            b'\r' => at(i + 1) == b'\n',
            // U+0080 to U+009F: the C1 controls, NEL among them.
            0xC2 => at(i + 1) >= 0xA0,
            // U+2028 and U+2029.
            0xE2 => !(at(i + 1) == 0x80 && matches!(at(i + 2), 0xA8 | 0xA9)),
            // U+FEFF, U+FFFE and U+FFFF.
            0xEF => !matches!((at(i + 1), at(i + 2)), (0xBB, 0xBF) | (0xBF, 0xBE) | (0xBF, 0xBF)),
            // The other ASCII controls (a tab among them) and DEL.
            _ => false,
        };
        if !fine {
            return false;
        }
        from = i + 1;
    }
    true
}

/// The bytes [`printable`] looks at twice: ASCII controls but `\n`, DEL, and the UTF-8 lead bytes
/// of the few characters libyaml refuses or reads as line breaks. In valid UTF-8 these three lead
/// bytes are never continuation bytes, so a hit is always a character's start.
const SECOND_LOOK: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b != b'\n' as usize;
        b += 1;
    }
    table[0x7F] = true;
    table[0xC2] = true;
    table[0xE2] = true;
    table[0xEF] = true;
    table
};

/// Characters that may not start a plain scalar, or that start something other than a scalar.
const INDICATORS: &[u8] = b"-?:,[]{}#&*!|>'\"%@` ";

/// The libyaml limit on an implicit key's length, in characters; a byte count under it is safe.
const MAX_KEY: usize = 1000;

/// One `key: value` line at the left margin, and whether the value was left empty. A key that
/// is not a string (`1:`, `true:`) is declined: no template key is one.
fn entry<'a>(line: &'a str, items: &mut Vec<Scalar<'a>>) -> Option<(&'a str, Field<'a>, bool)> {
    if line.starts_with("---") || line.starts_with("...") {
        return None;
    }
    let (key, rest) = if line.starts_with(['"', '\'']) {
        let (text, rest) = quoted(line)?;
        (text, rest.strip_prefix(':')?)
    } else {
        let colon = key_end(line)?;
        let text = &line[..colon];
        if !plain_ok(text) || text.ends_with(' ') {
            return None;
        }
        let Scalar::Str(text) = resolve(text)? else { return None };
        (text, &line[colon + 1..])
    };
    if line.len() - rest.len() > MAX_KEY {
        return None;
    }
    // The value is separated from the colon by a space, or the line ends there.
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    let text = rest.trim_start_matches(' ');
    Some((key, value(text, items)?, text.is_empty()))
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
/// an item that is itself a list or a mapping is declined by [`scalar`].
fn list_item(line: &str) -> Option<(usize, Scalar<'_>)> {
    let rest = line.trim_start_matches(' ');
    let indent = line.len() - rest.len();
    let item = match rest.strip_prefix('-')? {
        "" => "",
        after => after.strip_prefix(' ')?,
    };
    Some((indent, scalar(item.trim_start_matches(' '))?))
}

/// The value after `key:`, its leading spaces removed; a flow list's items go to `items`.
fn value<'a>(text: &'a str, items: &mut Vec<Scalar<'a>>) -> Option<Field<'a>> {
    match text.strip_prefix('[') {
        Some(inner) => flow_list(inner, items),
        None => scalar(text).map(Field::Scalar),
    }
}

/// A scalar value or list item: empty, quoted or plain.
fn scalar(text: &str) -> Option<Scalar<'_>> {
    if text.is_empty() {
        return Some(Scalar::Null);
    }
    if text.starts_with('[') {
        return None;
    }
    if text.starts_with(['"', '\'']) {
        let (inner, rest) = quoted(text)?;
        after_scalar(rest)?;
        return Some(Scalar::Str(inner));
    }
    let plain = text.trim_end_matches(' ');
    // `key: # note` is a null with a comment; leave it, and every other indicator, to serde_yaml.
    if !plain_ok(plain) || plain.ends_with(':') {
        return None;
    }
    resolve(plain)
}

/// A one-line flow list of plain or quoted scalars, `[a, "b c"]`, from after its `[`.
fn flow_list<'a>(inner: &'a str, items: &mut Vec<Scalar<'a>>) -> Option<Field<'a>> {
    let end = inner.find(']')?;
    after_scalar(&inner[end + 1..])?;
    let inner = &inner[..end];
    let start = items.len();
    if !inner.trim_start_matches(' ').is_empty() {
        for item in inner.split(',') {
            items.push(flow_item(item.trim_matches(' '))?);
        }
    }
    Some(Field::List { start, end: items.len() })
}

/// One item of a flow list, its spaces trimmed.
fn flow_item(item: &str) -> Option<Scalar<'_>> {
    // Brackets, braces, colons, quotes and comments inside flow items are serde_yaml's.
    let quoted = |q: char| {
        let body = item.strip_prefix(q)?.strip_suffix(q)?;
        (!body.is_empty() || item.len() == 2).then_some(body)
    };
    if let Some(body) = quoted('"').filter(|b| !b.contains(['"', '\\'])) {
        return Some(Scalar::Str(body));
    }
    if let Some(body) = quoted('\'').filter(|b| !b.contains('\'')) {
        return Some(Scalar::Str(body));
    }
    if item.contains(['[', ']', '{', '}', ':', '#', '"', '\'']) || !plain_ok(item) {
        return None;
    }
    resolve(item)
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
        // One pass over byte pairs: `str::contains` set up a substring search twice per value.
        Some(first) => {
            !INDICATORS.contains(first)
                && !text.as_bytes().windows(2).any(|pair| matches!(pair, [b':', b' '] | [b' ', b'#']))
        }
    }
}

/// A plain scalar's value as serde_yaml resolves it: null, bool, integer, float or string.
/// `None` where the rules are subtle enough that serde_yaml should decide.
fn resolve(text: &str) -> Option<Scalar<'_>> {
    match text {
        "null" | "Null" | "NULL" | "~" => return Some(Scalar::Null),
        "true" | "True" | "TRUE" => return Some(Scalar::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Scalar::Bool(false)),
        _ => {}
    }
    let first = text.as_bytes()[0];
    // A number starts with a digit, a sign or a dot and uses only these characters; a
    // letter-first text in them can only spell inf or nan, which serde_yaml keeps as strings.
    let numeric = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.' | b'_');
    if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) || !text.bytes().all(numeric) {
        return Some(Scalar::Str(text));
    }
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // A plain decimal integer that fits a u64 with room to spare.
    if digits(text) && text.len() <= 18 && (text == "0" || !text.starts_with('0')) {
        return text.parse::<u64>().ok().map(Scalar::Int);
    }
    // A decimal fraction, `12.5`: no sign, exponent or leading zero to weigh.
    if let Some((whole, fraction)) = text.split_once('.') {
        if digits(whole) && digits(fraction) && (whole == "0" || !whole.starts_with('0')) && text.len() <= 18 {
            return text.parse::<f64>().ok().map(Scalar::Float);
        }
    }
    // A date, `2024-08-25` or `2024.08.25`: neither an integer nor a float to serde_yaml.
    for separator in ['-', '.'] {
        let mut parts = 0;
        if text.split(separator).all(|p| {
            parts += 1;
            digits(p) && p.len() <= 4
        }) && parts == 3
        {
            return Some(Scalar::Str(text));
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
    fn printable_refuses_exactly_what_libyaml_reads_otherwise() {
        for ok in [
            "",
            "a: b\n",
            "a: b\r\n",
            "⭕❤✏⬜🟩 …  ‘’ \u{A0}\u{7E}\u{A0}\u{D7FF}\u{E000}\u{FFFD}\u{10FFFF}",
            "\u{2027}\u{202A}\u{FEFE}",
        ] {
            assert!(printable(ok), "{ok:?}");
        }
        for bad in [
            "\t", "\r", "a\rb", "\r\r\n", "\u{0}", "\u{7}", "\u{1F}", "\u{7F}", "\u{80}", "\u{85}", "\u{9F}",
            "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{FFFE}", "\u{FFFF}",
        ] {
            assert!(!printable(&format!("a: x{bad}y\n")), "{bad:?}");
        }
        assert!(!printable("a\r"));
    }

    #[test]
    fn read_in_place_borrows_and_keeps_lists_apart() {
        let yaml = "a: x\ntags:\n  - p\n  - 2\nb: [q, \"r s\"]\nc: 0.5\nd: true\ne:\n";
        let flat = read(yaml).unwrap();
        let keys: Vec<&str> = flat.entries.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, ["a", "tags", "b", "c", "d", "e"]);
        assert_eq!(flat.entries[0].1, Field::Scalar(Scalar::Str("x")));
        assert_eq!(flat.entries[1].1, Field::List { start: 0, end: 2 });
        assert_eq!(flat.entries[2].1, Field::List { start: 2, end: 4 });
        assert_eq!(flat.items, [Scalar::Str("p"), Scalar::Int(2), Scalar::Str("q"), Scalar::Str("r s")]);
        assert_eq!(flat.entries[3].1, Field::Scalar(Scalar::Float(0.5)));
        assert_eq!(flat.entries[5].1, Field::Scalar(Scalar::Null));
        // Borrowed: the key's text is the yaml's own bytes.
        assert!(std::ptr::eq(keys[0].as_ptr(), yaml.as_ptr()));
        // Keys that are not strings, and a key twice among many, go to serde_yaml.
        assert!(read("1: x\n").is_none() && read("true: x\n").is_none() && read("~: x\n").is_none());
        let many: String = (0..100).map(|i| format!("k{i}: v\n")).collect::<String>() + "k7: again\n";
        assert!(read(&many).is_none());
        assert!(read(&many[..many.len() - "k7: again\n".len()]).is_some());
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
