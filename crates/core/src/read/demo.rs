//! The bundled demo vault: the seed note and a dozen notes in the same template, across three
//! subjects, with dates placed relative to the day it is written so that some reviews are overdue,
//! some due today and some upcoming, one note is not started and one is in long-term memory.

use crate::date::slashed;
use crate::error::{Error, Result};
use chrono::{Days, NaiveDate};
use std::path::Path;

/// The demo notes: vault-relative path and template text. Dates are written as `{{FORMAT:OFFSET}}`
/// with OFFSET in days from today and FORMAT `iso` (2024-08-25), `slash` (2024/08/25) or `ko`
/// (2024년 8월 25일), the shapes the Notion template uses.
pub const NOTES: &[(&str, &str)] = &[
    ("AWS/AMI.md", include_str!("../../demo/AWS/AMI.md")),
    ("AWS/EBS 볼륨.md", include_str!("../../demo/AWS/EBS 볼륨.md")),
    ("AWS/EC2 인스턴스 유형.md", include_str!("../../demo/AWS/EC2 인스턴스 유형.md")),
    ("AWS/IAM 정책.md", include_str!("../../demo/AWS/IAM 정책.md")),
    ("AWS/S3 스토리지 클래스.md", include_str!("../../demo/AWS/S3 스토리지 클래스.md")),
    ("AWS/VPC 서브넷.md", include_str!("../../demo/AWS/VPC 서브넷.md")),
    ("네트워크/DNS.md", include_str!("../../demo/네트워크/DNS.md")),
    ("네트워크/HTTP.md", include_str!("../../demo/네트워크/HTTP.md")),
    ("네트워크/OSI 7계층.md", include_str!("../../demo/네트워크/OSI 7계층.md")),
    ("네트워크/TCP 3-way handshake.md", include_str!("../../demo/네트워크/TCP 3-way handshake.md")),
    ("복습 사용법.md", include_str!("../../demo/복습 사용법.md")),
    ("운영체제/가상 메모리.md", include_str!("../../demo/운영체제/가상 메모리.md")),
    ("운영체제/교착 상태.md", include_str!("../../demo/운영체제/교착 상태.md")),
    ("운영체제/프로세스와 스레드.md", include_str!("../../demo/운영체제/프로세스와 스레드.md")),
];

/// Writes the demo vault into `dir` with dates relative to `today`.
///
/// `dir` must be missing or empty: the demo never overwrites anything.
pub fn write(dir: &Path, today: NaiveDate) -> Result<()> {
    let has_entries = std::fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(false);
    if has_entries {
        return Err(Error::NotEmpty(dir.to_path_buf()));
    }
    for (path, template) in NOTES {
        let target = dir.join(path);
        let write_err = |source| Error::Write { path: target.clone(), source };
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(write_err)?;
        }
        std::fs::write(&target, render(template, today)).map_err(write_err)?;
    }
    Ok(())
}

/// Replaces every `{{FORMAT:OFFSET}}` placeholder with the date `today + OFFSET`.
pub fn render(template: &str, today: NaiveDate) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        out.push_str(&rest[..start]);
        match expand(&after[..end], today) {
            Some(text) => out.push_str(&text),
            None => out.push_str(&rest[start..start + 2 + end + 2]),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

fn expand(placeholder: &str, today: NaiveDate) -> Option<String> {
    let (format, offset) = placeholder.split_once(':')?;
    let offset: i64 = offset.parse().ok()?;
    let date = if offset >= 0 {
        today.checked_add_days(Days::new(offset as u64))?
    } else {
        today.checked_sub_days(Days::new(offset.unsigned_abs()))?
    };
    match format {
        "iso" => Some(date.to_string()),
        "slash" => Some(slashed(date)),
        "ko" => Some(crate::review::korean_date(date)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::Agenda;
    use crate::vault;

    #[test]
    fn placeholders() {
        let today: NaiveDate = "2024-08-29".parse().unwrap();
        assert_eq!(
            render("a {{iso:-4}} b {{slash:3}} c @{{ko:0}}", today),
            "a 2024-08-25 b 2024/09/01 c @2024년 8월 29일"
        );
        assert_eq!(render("{{nope:1}} {{iso:x}} {{", today), "{{nope:1}} {{iso:x}} {{");
    }

    #[test]
    fn demo_vault_has_every_kind_of_day() {
        let dir = tempfile::tempdir().unwrap();
        let today: NaiveDate = "2026-11-28".parse().unwrap();
        write(dir.path(), today).unwrap();
        let scan = vault::scan(dir.path()).unwrap();
        assert!(scan.issues.is_empty(), "{:?}", scan.issues);
        let c = Agenda::new(&scan, today).counts;
        assert_eq!((c.overdue, c.due, c.upcoming, c.not_started, c.long_term, c.plain), (3, 4, 4, 1, 1, 1));
        // Never overwrites.
        assert!(matches!(write(dir.path(), today), Err(Error::NotEmpty(_))));
    }
}
