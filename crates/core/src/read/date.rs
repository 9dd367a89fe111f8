//! Dates as the template writes them: finding a calendar date inside a frontmatter value.
//!
//! The Notion template stores the same day in many shapes (`2024-08-25`, `2024/08/25`,
//! `2024.08.25`, `@2024년 8월 29일`, `"✏첫날 : 2024/08/25"`, `@2024년 10월 27일 오후 2:01`), so a
//! date is searched for anywhere in the text rather than parsed from the whole string.

use chrono::NaiveDate;

/// Finds the first valid calendar date in `text`, in any of the template's formats.
///
/// Accepts `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD` and `YYYY년 M월 D일` (spaces optional,
/// single-digit month and day allowed), with anything before or after it: a leading `@`,
/// a label such as `✏첫날 :`, or a time such as `오후 2:01`. Impossible dates (`2024-02-30`)
/// are skipped, so `"✏첫날 :"` and other labels without a date give `None`.
pub fn find_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let starts_number = bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit());
        if starts_number {
            if let Some(date) = date_at(&text[i..]) {
                return Some(date);
            }
        }
        i += 1;
    }
    None
}

/// Reads a date that starts exactly at the beginning of `s`.
fn date_at(s: &str) -> Option<NaiveDate> {
    let mut cur = Cursor { s, pos: 0 };
    let year = cur.digits(4, 4)?;
    let korean = cur.eat("년");
    if !korean && !cur.eat_any(&["-", "/", "."]) {
        return None;
    }
    cur.spaces();
    let month = cur.digits(1, 2)?;
    if korean {
        if !cur.eat("월") {
            return None;
        }
    } else if !cur.eat_any(&["-", "/", "."]) {
        return None;
    }
    cur.spaces();
    let day = cur.digits(1, 2)?;
    if korean && !cur.eat("일") {
        return None;
    }
    // `2024-08-251` is not a date: the day must end where the digits end.
    if cur.rest().starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

struct Cursor<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.pos..]
    }

    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let run = self.rest().bytes().take_while(u8::is_ascii_digit).count();
        if run < min || run > max {
            return None;
        }
        let value = self.rest()[..run].parse().ok()?;
        self.pos += run;
        Some(value)
    }

    fn eat(&mut self, token: &str) -> bool {
        self.spaces();
        if self.rest().starts_with(token) {
            self.pos += token.len();
            true
        } else {
            false
        }
    }

    fn eat_any(&mut self, tokens: &[&str]) -> bool {
        tokens.iter().any(|t| self.eat(t))
    }

    fn spaces(&mut self) {
        let run = self.rest().bytes().take_while(|b| *b == b' ').count();
        self.pos += run;
    }
}

/// Formats a date the way the template's `(text)` keys do: `2024/08/25`.
pub fn slashed(date: NaiveDate) -> String {
    date.format("%Y/%m/%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn every_template_format() {
        assert_eq!(find_date("2024-08-25"), d(2024, 8, 25));
        assert_eq!(find_date("2024/08/25"), d(2024, 8, 25));
        assert_eq!(find_date("2024.08.25"), d(2024, 8, 25));
        assert_eq!(find_date("2024-8-5"), d(2024, 8, 5));
        assert_eq!(find_date("@2024년 8월 29일"), d(2024, 8, 29));
        assert_eq!(find_date("2024년 8월 29일"), d(2024, 8, 29));
        assert_eq!(find_date("2024년8월9일"), d(2024, 8, 9));
        assert_eq!(find_date("@2024년 10월 27일 오후 2:01"), d(2024, 10, 27));
        assert_eq!(find_date("✏첫날 : 2024/08/25"), d(2024, 8, 25));
        assert_eq!(find_date("🥉4일뒤 : 2024/08/29"), d(2024, 8, 29));
        assert_eq!(find_date("⏰오늘 : 2024/10/27"), d(2024, 10, 27));
    }

    #[test]
    fn labels_without_a_date() {
        assert_eq!(find_date("✏첫날 :"), None);
        assert_eq!(find_date(""), None);
        assert_eq!(find_date("첫 학습 후 ❤63일째❤"), None);
        assert_eq!(find_date("63"), None);
    }

    #[test]
    fn impossible_or_overlong_dates_are_not_dates() {
        assert_eq!(find_date("2024-02-30"), None);
        assert_eq!(find_date("2024-13-01"), None);
        assert_eq!(find_date("2024-08-251"), None);
        assert_eq!(find_date("12024-08-25"), None);
        assert_eq!(find_date("2024-08"), None);
    }

    #[test]
    fn first_valid_date_wins() {
        assert_eq!(find_date("2024-02-30 then 2024-03-01"), d(2024, 3, 1));
    }

    #[test]
    fn slashed_matches_text_keys() {
        assert_eq!(slashed(NaiveDate::from_ymd_opt(2024, 8, 5).unwrap()), "2024/08/05");
    }
}
