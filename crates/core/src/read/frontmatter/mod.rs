//! Finding and parsing the YAML frontmatter of a note, tolerant of a BOM and CRLF line endings.

use crate::error::{Error, Part, Result};
use crate::lang::{tf, tr};
use serde_yaml::{Mapping, Value};

pub mod flat;

/// A note split into its frontmatter and body, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the `---` lines, without them; `None` when the note has no frontmatter.
    pub yaml: Option<&'a str>,
    /// Everything after the closing `---` line (or the whole text when there is no frontmatter).
    pub body: &'a str,
}

impl<'a> Split<'a> {
    /// The frontmatter's keys and values; empty when the note has none.
    pub fn mapping(&self) -> Result<Mapping> {
        self.yaml.map_or_else(|| Ok(Mapping::new()), parse)
    }

    /// The frontmatter's keys and values, read in place where they can be; empty when the note
    /// has none.
    pub fn fields(&self) -> Result<Fields<'a>> {
        self.yaml.map_or_else(|| Ok(Fields::Yaml(Mapping::new())), fields)
    }
}

/// A note's frontmatter as the scan reads it: in place when it is flat, as nearly every note's
/// is, and as serde_yaml's mapping otherwise.
#[derive(Debug, Clone, PartialEq)]
pub enum Fields<'a> {
    /// Read by [`flat::read`], borrowing the note's text.
    Flat(flat::Flat<'a>),
    /// Read by serde_yaml.
    Yaml(Mapping),
}

impl Fields<'_> {
    /// The frontmatter as serde_yaml's mapping, whichever reader read it.
    pub fn into_mapping(self) -> Mapping {
        match self {
            Fields::Flat(flat) => flat.to_mapping(),
            Fields::Yaml(map) => map,
        }
    }
}

/// Decodes a note's bytes: strips a UTF-8 BOM and checks the rest is UTF-8.
pub fn decode(bytes: &[u8]) -> Result<&str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // SIMD validation: Korean text is mostly multi-byte, where std's check is ~20x slower
    // (it was a quarter of the scan's time). std runs only to locate an error.
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(_) => std::str::from_utf8(bytes).map_err(|e| Error::NotUtf8 { offset: e.valid_up_to() }),
    }
}

/// Splits decoded note text into frontmatter and body.
///
/// A frontmatter exists only when the first line is exactly `---`; it ends at the next line
/// that is exactly `---` (a trailing `\r` allowed). An opening line without a closing one is
/// [`Error::Unterminated`], since guessing where the YAML ends could mistake the body for keys.
pub fn split(text: &str) -> Result<Split<'_>> {
    let Some(after_open) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")) else {
        return Ok(Split { yaml: None, body: text });
    };
    let mut line_start = 0;
    while line_start <= after_open.len() {
        let rest = &after_open[line_start..];
        let line_end = rest.find('\n').map_or(after_open.len(), |i| line_start + i);
        let line = after_open[line_start..line_end].trim_end_matches('\r');
        if line == "---" {
            let body_start = (line_end + 1).min(after_open.len());
            return Ok(Split { yaml: Some(&after_open[..line_start]), body: &after_open[body_start..] });
        }
        if line_end >= after_open.len() {
            break;
        }
        line_start = line_end + 1;
    }
    Err(Error::Unterminated)
}

/// The most frontmatter the app parses: the template's is about 1.5 KB, and the YAML parser's
/// time grows faster than the text.
pub const MAX_FRONTMATTER: usize = 256 * 1024;

/// The deepest nesting of lists and maps the app parses: the template's frontmatter is flat, and
/// the YAML parser's time grows with the square of the depth (a pasted `[[[[…]]]]` 200,000 deep
/// took 75 s).
pub const MAX_DEPTH: usize = 32;

/// Parses frontmatter YAML. An empty block or one that is not a mapping gives an empty mapping:
/// such a note is a plain note, not a broken one. Frontmatter over [`MAX_FRONTMATTER`] or nested
/// deeper than [`MAX_DEPTH`] is refused before the parser sees it.
pub fn parse(yaml: &str) -> Result<Mapping> {
    fields(yaml).map(Fields::into_mapping)
}

/// Parses frontmatter YAML as [`parse`] does, keeping flat frontmatter in place.
pub fn fields(yaml: &str) -> Result<Fields<'_>> {
    if yaml.trim().is_empty() {
        return Ok(Fields::Yaml(Mapping::new()));
    }
    check_size(yaml)?;
    // The flat reader is linear in the text and nests nothing: the depth bound is the YAML
    // parser's (and checking it was a tenth of reading a template note).
    if let Some(flat) = flat::read(yaml) {
        return Ok(Fields::Flat(flat));
    }
    check_depth(yaml)?;
    match serde_yaml::from_str::<Value>(yaml) {
        Ok(Value::Mapping(map)) => Ok(Fields::Yaml(map)),
        Ok(_) => Ok(Fields::Yaml(Mapping::new())),
        Err(e) => Err(Error::Yaml(describe_yaml_error(yaml, &e))),
    }
}

/// Refuses frontmatter over [`MAX_FRONTMATTER`].
fn check_size(yaml: &str) -> Result<()> {
    if yaml.len() > MAX_FRONTMATTER {
        return Err(Error::TooLarge {
            part: Part::Frontmatter,
            size: yaml.len() as u64,
            limit: MAX_FRONTMATTER as u64,
        });
    }
    Ok(())
}

/// Checks the nesting depth of frontmatter YAML (its size is checked first) in one linear pass.
/// Depth counts the block indentation levels, compact nested sequences (`- - -`) and open flow
/// brackets (`[`, `{`) wherever they are, quoted or not: it may over-count brackets inside quoted
/// text (33 open brackets there are refused too, unless the flat reader took the text), never
/// under-count a real nesting.
fn check_depth(yaml: &str) -> Result<()> {
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    for (i, line) in yaml.lines().enumerate() {
        let content = line.trim_start_matches(' ');
        let mut block = indents.len();
        if flow == 0 && !content.is_empty() && !content.starts_with('#') {
            let indent = line.len() - content.len();
            while indents.last().is_some_and(|&top| top >= indent) {
                indents.pop();
            }
            indents.push(indent);
            let mut rest = content;
            let mut dashes = 0usize;
            while let Some(after) = rest.strip_prefix("- ").or_else(|| rest.strip_prefix("-\t")) {
                dashes += 1;
                rest = after.trim_start();
            }
            block = indents.len() + dashes.saturating_sub(1);
        }
        for b in content.bytes() {
            match b {
                b'[' | b'{' => flow += 1,
                b']' | b'}' => flow = flow.saturating_sub(1),
                _ => continue,
            }
            if block + flow > MAX_DEPTH {
                return Err(Error::TooDeep { line: i + 2, depth: MAX_DEPTH, limit: MAX_DEPTH });
            }
        }
        if block > MAX_DEPTH {
            return Err(Error::TooDeep { line: i + 2, depth: MAX_DEPTH, limit: MAX_DEPTH });
        }
    }
    Ok(())
}

/// serde_yaml's error in the user's terms: the line counted from the file's first line (the
/// opening `---`), the duplicate key's own line rather than its mapping's, and what to do, in
/// Korean for the errors real notes have.
fn describe_yaml_error(yaml: &str, e: &serde_yaml::Error) -> String {
    let text = e.to_string();
    let reason = text.split(" at line ").next().unwrap_or(&text);
    // Nested errors come as "key.path: reason".
    let (at_key, reason) = match reason.split_once(": ") {
        Some((key, rest)) if !key.contains(' ') => (Some(key), rest),
        _ => (None, reason),
    };
    let mut place = e.location().map(|loc| (loc.line(), loc.column()));
    let advice = if let Some(key) = reason.strip_prefix("duplicate entry with key ") {
        let key = key.trim_matches('"');
        let found = place.and_then(|(line, column)| duplicate_lines(yaml, line, column, key));
        match found {
            Some((first, second)) => {
                place = Some((second + 1, 1));
                tf(
                    format!("같은 키 \"{key}\"가 두 번 있습니다 (처음은 {}행): 하나를 지우세요", first + 2),
                    format!("the key \"{key}\" is there twice (first at line {}): remove one", first + 2),
                )
            }
            None => tf(
                format!("같은 키 \"{key}\"가 두 번 있습니다: 하나를 지우세요"),
                format!("the key \"{key}\" is there twice: remove one"),
            ),
        }
    } else {
        advise(reason)
    };
    let advice = match at_key {
        Some(key) => tf(format!("{key} 아래: {advice}"), format!("under {key}: {advice}")),
        None => advice,
    };
    match place {
        Some((line, column)) => tf(
            format!("{}행 {}열: {advice}", line + 1, column),
            format!("line {}, column {}: {advice}", line + 1, column),
        ),
        None => advice,
    }
}

/// What to do about a YAML error, by its message.
fn advise(reason: &str) -> String {
    const ADVICE: &[(&str, &str, &str)] = &[
        (
            "mapping values are not allowed",
            "값 안에 `: `가 있습니다: 값을 따옴표로 감싸세요 (예: \"a: b\")",
            "a value holds `: `: put the value in quotes (\"a: b\")",
        ),
        (
            "cannot start any token",
            "값의 첫 글자로 쓸 수 없는 문자(@, `, % 또는 탭)가 있습니다: 값을 따옴표로 감싸세요",
            "a value starts with a character YAML does not allow there (@, `, % or a tab): put the value in quotes",
        ),
        (
            "did not find expected key",
            "들여쓰기나 `키: 값` 모양이 맞지 않습니다: 이 줄과 바로 위 줄을 확인하세요",
            "the indentation or the `key: value` shape is off: check this line and the one above",
        ),
        ("could not find expected ':'", "`키: 값`에서 `:`가 없습니다: 이 줄을 확인하세요", "a `key: value` line has no `:`: check this line"),
        (
            "did not find expected ',' or ']'",
            "[ ] 목록이 제대로 닫히지 않았습니다: 괄호와 쉼표를 확인하세요",
            "a [ ] list is not closed properly: check its brackets and commas",
        ),
        (
            "did not find expected ',' or '}'",
            "{ } 안이 제대로 닫히지 않았습니다: 괄호와 쉼표를 확인하세요",
            "a { } map is not closed properly: check its braces and commas",
        ),
        (
            "found unknown escape character",
            "큰따옴표 안의 역슬래시(\\) 다음 문자를 읽을 수 없습니다: 작은따옴표로 감싸거나 \\\\로 쓰세요",
            "a backslash (\\) in double quotes is followed by a character YAML does not know: use single quotes or write \\\\",
        ),
        (
            "unexpected end of stream",
            "따옴표나 괄호가 닫히지 않은 채 머리말이 끝납니다: 짝을 맞추세요",
            "the frontmatter ends inside quotes or brackets: close them",
        ),
        (
            "did not find expected node content",
            "값이 있어야 할 자리가 비었거나 모양이 맞지 않습니다: 이 줄을 확인하세요",
            "a value is missing or malformed: check this line",
        ),
        (
            "recursion limit exceeded",
            "목록과 맵이 너무 깊게 중첩되어 있습니다: 머리말을 평평하게 고치세요",
            "lists and maps nest too deep: make the frontmatter flat",
        ),
        (
            "repetition limit exceeded",
            "별칭(*)이 너무 많이 펼쳐집니다: 앵커(&)와 별칭(*)을 지우세요",
            "aliases (*) expand too many times: remove the anchors (&) and aliases (*)",
        ),
        (
            "unknown anchor",
            "정의되지 않은 별칭(*)이 있습니다: 별칭을 지우거나 따옴표로 감싸세요",
            "an alias (*) names no anchor: remove it or put the value in quotes",
        ),
        (
            "found undefined tag handle",
            "`!`로 시작하는 값은 YAML 태그로 읽힙니다: 값을 따옴표로 감싸세요",
            "a value starting with `!` reads as a YAML tag: put the value in quotes",
        ),
        (
            "block sequence entries are not allowed",
            "목록(`- `)이 있을 수 없는 자리입니다: 들여쓰기를 확인하세요",
            "a list item (`- `) is where none can be: check the indentation",
        ),
    ];
    match ADVICE.iter().find(|(english, _, _)| reason.contains(english)) {
        Some((_, ko, en)) => tr(ko, en).to_string(),
        None => tf(format!("{reason}: 이 줄을 확인하세요"), format!("{reason}: check this line")),
    }
}

/// The lines (0-based, in `yaml`) of the first and second occurrence of `key` in the mapping that
/// starts at 1-based `line` and `column`.
fn duplicate_lines(yaml: &str, line: usize, column: usize, key: &str) -> Option<(usize, usize)> {
    let indent = column.saturating_sub(1);
    let mut seen = None;
    for (i, text) in yaml.lines().enumerate().skip(line.saturating_sub(1)) {
        let content = text.trim_start_matches(' ');
        let this_indent = text.len() - content.len();
        if content.is_empty() || content.starts_with('#') || this_indent > indent {
            continue;
        }
        if this_indent < indent {
            break;
        }
        if key_of(content) == Some(key) {
            match seen {
                None => seen = Some(i),
                Some(first) => return Some((first, i)),
            }
        }
    }
    None
}

/// The key of a `key: value` line, without its quotes.
fn key_of(line: &str) -> Option<&str> {
    for quote in ['"', '\''] {
        if let Some(rest) = line.strip_prefix(quote) {
            let end = rest.find(quote)?;
            return rest[end + 1..].trim_start().starts_with(':').then(|| &rest[..end]);
        }
    }
    let colon = line.find(": ").or_else(|| line.strip_suffix(':').map(str::len))?;
    Some(line[..colon].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lf_and_crlf_and_bom() {
        let s = split("---\na: 1\n---\nbody\n").unwrap();
        assert_eq!(s.yaml, Some("a: 1\n"));
        assert_eq!(s.body, "body\n");
        let s = split("---\r\na: 1\r\n---\r\nbody\r\n").unwrap();
        assert_eq!(s.yaml, Some("a: 1\r\n"));
        assert_eq!(s.body, "body\r\n");
        let text = decode("\u{FEFF}---\na: 1\n---\n".as_bytes()).unwrap();
        assert_eq!(split(text).unwrap().yaml, Some("a: 1\n"));
    }

    #[test]
    fn closing_line_at_end_of_file_without_newline() {
        let s = split("---\na: 1\n---").unwrap();
        assert_eq!(s.yaml, Some("a: 1\n"));
        assert_eq!(s.body, "");
    }

    #[test]
    fn empty_frontmatter_block() {
        let s = split("---\n---\nx").unwrap();
        assert_eq!(s.yaml, Some(""));
        assert!(parse("").unwrap().is_empty());
    }

    #[test]
    fn no_frontmatter() {
        for text in ["", "# title\n", "--- \na: 1\n---\n", "text\n---\na: 1\n---\n"] {
            assert_eq!(split(text).unwrap().yaml, None, "{text:?}");
        }
    }

    #[test]
    fn unterminated() {
        assert!(matches!(split("---\na: 1\n"), Err(Error::Unterminated)));
        assert!(matches!(split("---\n"), Err(Error::Unterminated)));
        assert!(matches!(split("---\na: 1\n----\n"), Err(Error::Unterminated)));
    }

    #[test]
    fn not_utf8_reports_offset() {
        let err = decode(b"---\na: \xB0\xA1\n---\n").unwrap_err();
        assert!(matches!(err, Error::NotUtf8 { offset: 7 }), "{err:?}");
    }

    #[test]
    fn yaml_error_names_the_file_line() {
        let err = parse("a: 1\nb: \"open\nc: 2\n").unwrap_err().to_string();
        assert!(err.starts_with("머리말 YAML 오류: "), "{err}");
        assert!(err.contains('행'), "{err}");
    }

    #[test]
    fn duplicate_keys_are_reported_at_their_own_line() {
        // Regression (issue 7): serde_yaml points at the mapping, "2행 1열"; the duplicate is on
        // line 5 of the file.
        let yaml = "⭕첫 학습날: 2024-08-25\n❤1일복습여부: true\n과목: a\n❤1일복습여부: false\n";
        let err = parse(yaml).unwrap_err().to_string();
        assert_eq!(
            err,
            "머리말 YAML 오류: 5행 1열: 같은 키 \"❤1일복습여부\"가 두 번 있습니다 (처음은 3행): 하나를 지우세요"
        );
        let nested = parse("a:\n  b: 1\n  c: 2\n  b: 3\n").unwrap_err().to_string();
        assert_eq!(
            nested,
            "머리말 YAML 오류: 5행 1열: a 아래: 같은 키 \"b\"가 두 번 있습니다 (처음은 3행): 하나를 지우세요"
        );
        let quoted = parse("\"1일차복습여부1,0\": \"1\"\n\"1일차복습여부1,0\": \"0\"\n").unwrap_err().to_string();
        assert!(quoted.contains("3행 1열: 같은 키 \"1일차복습여부1,0\""), "{quoted}");
    }

    #[test]
    fn common_yaml_mistakes_say_what_to_do() {
        for (yaml, words) in [
            ("a: b: c\n", "따옴표로 감싸세요"),
            ("4일후: @2024년 8월 29일\n", "값의 첫 글자로 쓸 수 없는 문자"),
            ("a: \"open\nb: 1\n", "짝을 맞추세요"),
            ("a: [1, 2\n", "괄호"),
            ("a: \"\\q\"\n", "역슬래시"),
        ] {
            let err = parse(yaml).unwrap_err().to_string();
            assert!(err.contains(words) && err.contains('행'), "{yaml:?}: {err}");
        }
    }

    #[test]
    fn nesting_bombs_are_refused_quickly() {
        // Regression (issue 7): 200,000 nested brackets took 75 s to scan; maps 50,000 deep 11 s.
        let flow = format!("a: {}{}\n", "[".repeat(200_000), "]".repeat(200_000));
        let map = format!("a: {}1{}\n", "{a: ".repeat(50_000), "}".repeat(50_000));
        let block: String = (0..600).map(|i| format!("{}a:\n", " ".repeat(i))).collect();
        let dashes = format!("{}a\n", "- ".repeat(10_000));
        let within = |s: &str| s[..s.len().min(MAX_FRONTMATTER - 10)].to_string();
        for bomb in [within(&flow), within(&map), block, dashes] {
            let started = std::time::Instant::now();
            let err = parse(&bomb).unwrap_err();
            assert!(matches!(err, Error::TooDeep { line: 2, .. } | Error::TooDeep { .. }), "{err}");
            // A few milliseconds per kilobyte at most, in a debug build.
            let per_kb = started.elapsed().as_secs_f64() * 1000.0 / (bomb.len() as f64 / 1024.0);
            assert!(per_kb < 2.0, "{per_kb:.3} ms/KB");
        }
        assert!(matches!(parse(&flow), Err(Error::TooLarge { .. })));
        assert!(parse(&flow).unwrap_err().to_string().starts_with("머리말이 너무 큽니다 ("));
    }

    #[test]
    fn real_frontmatter_is_well_within_bounds() {
        assert!(parse("tags: [[a, b], {c: [d]}]\naliases:\n  - - x\n    - y\nrelated: \"[[AWS]] [[EC2]]\"\n").is_ok());
        let deep_enough = format!("a: {}{}\n", "[".repeat(30), "]".repeat(30));
        assert!(parse(&deep_enough).is_ok());
        let too_deep = format!("a: {}{}\n", "[".repeat(33), "]".repeat(33));
        assert!(matches!(parse(&too_deep), Err(Error::TooDeep { line: 2, .. })));
    }

    #[test]
    fn non_mapping_is_empty() {
        assert!(parse("- a\n- b\n").unwrap().is_empty());
        assert!(parse("just text").unwrap().is_empty());
    }
}
