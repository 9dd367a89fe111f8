//! Finding and parsing the YAML frontmatter of a note, tolerant of a BOM and CRLF line endings.

use crate::error::{Error, Result};
use serde_yaml::{Mapping, Value};

/// A note split into its frontmatter and body, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the `---` lines, without them; `None` when the note has no frontmatter.
    pub yaml: Option<&'a str>,
    /// Everything after the closing `---` line (or the whole text when there is no frontmatter).
    pub body: &'a str,
}

impl Split<'_> {
    /// The frontmatter's keys and values; empty when the note has none.
    pub fn mapping(&self) -> Result<Mapping> {
        self.yaml.map_or_else(|| Ok(Mapping::new()), parse)
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

/// Parses frontmatter YAML. An empty block or one that is not a mapping gives an empty mapping:
/// such a note is a plain note, not a broken one.
pub fn parse(yaml: &str) -> Result<Mapping> {
    if yaml.trim().is_empty() {
        return Ok(Mapping::new());
    }
    match serde_yaml::from_str::<Value>(yaml) {
        Ok(Value::Mapping(map)) => Ok(map),
        Ok(_) => Ok(Mapping::new()),
        Err(e) => Err(Error::Yaml(describe_yaml_error(&e))),
    }
}

/// serde_yaml's messages count lines from the YAML start; the user counts from the file's first
/// line, which is the opening `---`, so the line number is shifted by one.
fn describe_yaml_error(e: &serde_yaml::Error) -> String {
    let text = e.to_string();
    let reason = text.split(" at line ").next().unwrap_or(&text).to_string();
    match e.location() {
        Some(loc) => format!("{}행 {}열: {}", loc.line() + 1, loc.column(), reason),
        None => reason,
    }
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
    fn duplicate_keys_are_an_error() {
        assert!(parse("a: 1\na: 2\n").is_err());
    }

    #[test]
    fn non_mapping_is_empty() {
        assert!(parse("- a\n- b\n").unwrap().is_empty());
        assert!(parse("just text").unwrap().is_empty());
    }
}
