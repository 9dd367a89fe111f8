//! A note as the index stores it: a compact binary row, read where SQLite keeps it. A warm start
//! decodes one row per note, so the row is what a warm start costs: no field names, no escaping,
//! no number parsing, the path not repeated (it is the row's key).
//!
//! Layout (version 3): the version byte; the kind and the five flags in one byte; the lengths of
//! the title, the subject and the textbook; day 0 and the latest review; the number of cues; then
//! the text: the three strings' UTF-8 bytes one after another, in that order. A length is LEB128;
//! an absent string or date is a zero byte, a present one a one byte first; a date is its day
//! number since 1 January of year 1 (four bytes, little-endian). The text is checked as UTF-8
//! once, with SIMD. Any other version, or a row whose lengths do not cut its text exactly, at
//! character boundaries, is no row: the note is read again from its file.
//!
//! The cues are counted, not kept: their text was four fifths of a row (version 2 kept it), and
//! writing, committing and checkpointing it a fifth of a first scan, for screens that show the
//! count alone. A note from its row has its cues unread ([`Cues::is_read`]); what needs their
//! text reads it from the note's file ([`crate::index::with_cues`]).

use crate::note::{Cues, Kind, Note};
use crate::schedule::Flags;
use chrono::{Datelike, NaiveDate};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// The layout written by [`encode`]; a row of another version (versions 1 and 2, and the JSON
/// of earlier builds, which starts with `{`) is read as absent.
const VERSION: u8 = 3;

/// The row of `note` (its path is stored beside it, not in it): a note whose cues were not read
/// has its row as well, since the row holds their number alone.
pub fn encode(note: &Note) -> Vec<u8> {
    let strings = [Some(note.title.as_str()), note.subject.as_deref(), note.textbook.as_deref()];
    let text_len = strings.iter().flatten().map(|s| s.len()).sum::<usize>();
    let mut out = Vec::with_capacity(32 + text_len);
    out.push(VERSION);
    let f = note.flags;
    let bits = u8::from(note.kind == Kind::Plain)
        | u8::from(f.d1) << 1
        | u8::from(f.d4) << 2
        | u8::from(f.d7) << 3
        | u8::from(f.d14) << 4
        | u8::from(f.long_term) << 5;
    out.push(bits);
    put_len(&mut out, note.title.len());
    put_opt_len(&mut out, note.subject.as_deref());
    put_opt_len(&mut out, note.textbook.as_deref());
    put_opt_date(&mut out, note.day0);
    put_opt_date(&mut out, note.last_review);
    put_len(&mut out, note.cues.len());
    for s in strings.into_iter().flatten() {
        out.extend_from_slice(s.as_bytes());
    }
    out
}

/// A note's row as the index holds it, decoded only where its file is found unchanged: a warm
/// start's walker threads decode the rows side by side, instead of the one thread that reads them
/// from the database decoding them all first (half of that thread's time).
pub struct Row {
    bytes: Mutex<Option<Box<[u8]>>>,
    /// Where the row came in the index's order ([`Row::at`]); `u32::MAX` if it was not given.
    place: u32,
    /// Whether a scan found the row's file ([`Row::mark_found`]).
    found: AtomicBool,
}

impl Row {
    /// Keeps a row's bytes as read from the database.
    pub fn new(bytes: &[u8]) -> Row {
        Row { bytes: Mutex::new(Some(bytes.into())), place: u32::MAX, found: AtomicBool::new(false) }
    }

    fn bytes(&self) -> std::sync::MutexGuard<'_, Option<Box<[u8]>>> {
        self.bytes.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// This row, as the `place`-th the index returned: [`crate::store::Store::known_rows`] returns
    /// them in path order, so a scan that puts each note in its row's place has them sorted
    /// without comparing them (sorting them was a twentieth of a warm start, at its end).
    pub fn at(self, place: usize) -> Row {
        Row { place: u32::try_from(place).unwrap_or(u32::MAX), ..self }
    }

    /// Where the row came in the index's order, if that was given.
    pub fn place(&self) -> Option<usize> {
        (self.place != u32::MAX).then_some(self.place as usize)
    }

    /// Notes that a scan found the row's file (with a stamp, changed or not): a row not marked
    /// by the scan's end is of a note gone.
    pub fn mark_found(&self) {
        self.found.store(true, Ordering::Relaxed);
    }

    /// Whether [`Row::mark_found`] was called.
    pub fn was_found(&self) -> bool {
        self.found.load(Ordering::Relaxed)
    }

    /// The note at `path` from this row, taking `path`; `None`, with `path` left as it was, if
    /// the row is of another version or damaged, or was taken.
    pub fn note(&self, path: &mut String) -> Option<Note> {
        decode_at(path, self.bytes().as_deref()?)
    }

    /// [`Row::note`], freeing the row's bytes on the way: the row is empty afterwards, whether
    /// it decoded or not (a scan's threads free what they decoded).
    pub fn take_note(&self, path: &mut String) -> Option<Note> {
        let bytes = self.bytes().take()?;
        decode_at(path, &bytes)
    }
}

impl Clone for Row {
    fn clone(&self) -> Row {
        Row { bytes: Mutex::new(self.bytes().clone()), place: self.place, found: AtomicBool::new(self.was_found()) }
    }
}

impl std::fmt::Debug for Row {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Row").field(&self.bytes().as_ref().map(|b| b.len())).finish()
    }
}

/// The note at `path` from its row, or `None` if the row is of another version or damaged.
#[cfg(test)]
pub fn decode(mut path: String, row: &[u8]) -> Option<Note> {
    decode_at(&mut path, row)
}

/// [`decode`], taking `path` only when the row reads: the row's version, then its fixed part,
/// then its text, which must be UTF-8 and cut exactly, at character boundaries.
fn decode_at(path: &mut String, row: &[u8]) -> Option<Note> {
    let mut r = Reader { rest: row };
    if r.byte()? != VERSION {
        return None;
    }
    let bits = r.byte()?;
    if bits >> 6 != 0 {
        return None;
    }
    let title = r.len()?;
    let subject = r.opt(Reader::len)?;
    let textbook = r.opt(Reader::len)?;
    let day0 = r.opt(Reader::date)?;
    let last_review = r.opt(Reader::date)?;
    let count = r.len()?;
    let kind = if bits & 1 == 1 { Kind::Plain } else { Kind::Review };
    let flags = Flags {
        d1: bits & 2 != 0,
        d4: bits & 4 != 0,
        d7: bits & 8 != 0,
        d14: bits & 16 != 0,
        long_term: bits & 32 != 0,
    };
    // The whole text checked at once, with SIMD.
    let mut text = Text { rest: simdutf8::basic::from_utf8(r.rest).ok()? };
    let title = text.take(title)?;
    let subject = subject.map(|n| text.take(n)).map_or(Some(None), |s| s.map(Some))?;
    let textbook = textbook.map(|n| text.take(n)).map_or(Some(None), |s| s.map(Some))?;
    if !text.rest.is_empty() {
        return None;
    }
    let cues = Cues::unread(count);
    Some(Note { path: std::mem::take(path), title, kind, subject, textbook, flags, day0, last_review, cues })
}

/// The unread part of a row's text, already known to be UTF-8.
struct Text<'a> {
    rest: &'a str,
}

impl Text<'_> {
    /// The next `n` bytes as a string, if the text holds them and they end at a character's end.
    fn take(&mut self, n: usize) -> Option<String> {
        let head = self.rest.get(..n)?;
        self.rest = &self.rest[n..];
        Some(head.to_owned())
    }
}

fn put_len(out: &mut Vec<u8>, mut n: usize) {
    loop {
        let low = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(low);
            return;
        }
        out.push(low | 0x80);
    }
}

fn put_opt_len(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => {
            out.push(1);
            put_len(out, s.len());
        }
        None => out.push(0),
    }
}

fn put_opt_date(out: &mut Vec<u8>, d: Option<NaiveDate>) {
    match d {
        Some(d) => {
            out.push(1);
            out.extend_from_slice(&d.num_days_from_ce().to_le_bytes());
        }
        None => out.push(0),
    }
}

/// The unread part of a row.
struct Reader<'a> {
    rest: &'a [u8],
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.rest.split_first()?;
        self.rest = rest;
        Some(b)
    }

    fn take(&mut self, n: usize) -> Option<&[u8]> {
        if n > self.rest.len() {
            return None;
        }
        let (head, rest) = self.rest.split_at(n);
        self.rest = rest;
        Some(head)
    }

    fn len(&mut self) -> Option<usize> {
        let mut n = 0usize;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= usize::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    fn date(&mut self) -> Option<NaiveDate> {
        let days = i32::from_le_bytes(self.take(4)?.try_into().ok()?);
        NaiveDate::from_num_days_from_ce_opt(days)
    }

    /// An optional value: `None` if the row is damaged, `Some(None)` if the value is absent.
    fn opt<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        match self.byte()? {
            0 => Some(None),
            1 => read(self).map(Some),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::Cue;
    use proptest::prelude::*;

    fn note() -> Note {
        Note::parse(
            "과목/TCP 흐름 제어.md",
            "---\n⭕첫 학습날: 2024-10-20\n⭕과목: 네트워크\n❤1일복습여부: true\n🧡4일복습여부: false\n🔁마지막복습: 2024-10-21\n---\n# 단서 질문\n- 윈도우란?\n  - 받을 수 있는 양\n- 왜?\n".as_bytes(),
        )
        .unwrap()
    }

    #[test]
    fn a_note_reads_back_from_its_row() {
        let n = note();
        assert!(n.cues.len() == 2 && n.day0.is_some() && n.subject.is_some());
        let row = encode(&n);
        assert_eq!(decode(n.path.clone(), &row), Some(n.clone()));
        // Smaller than the JSON the index held before.
        assert!(row.len() * 2 < serde_json::to_vec(&n).unwrap().len(), "{} bytes", row.len());
    }

    #[test]
    fn a_row_of_another_version_a_cut_row_or_trailing_bytes_is_no_row() {
        let n = note();
        let row = encode(&n);
        assert_eq!(decode(n.path.clone(), serde_json::to_vec(&n).unwrap().as_slice()), None);
        for cut in 0..row.len() {
            assert_eq!(decode(n.path.clone(), &row[..cut]), None, "cut at {cut}");
        }
        let mut longer = row.clone();
        longer.push(0);
        assert_eq!(decode(n.path.clone(), &longer), None);
        let mut other = row.clone();
        other[0] = VERSION + 1;
        assert_eq!(decode(n.path.clone(), &other), None);
        // Version 1 kept each string after its length: such a row is read again from the file.
        other[0] = 1;
        assert_eq!(decode(n.path.clone(), &other), None);
        other[0] = 2;
        assert_eq!(decode(n.path.clone(), &other), None);
        // A length that cuts a character in two is damage, not a shorter string.
        let mut split = row;
        let title_len = split.iter().position(|&b| b == n.title.len() as u8).unwrap();
        split[title_len] += 1;
        assert_eq!(decode(n.path, &split), None);
    }

    #[test]
    fn a_row_counts_the_cues_and_keeps_none_of_their_text() {
        let n = note();
        let row = encode(&n);
        let text = String::from_utf8_lossy(&row);
        assert!(text.contains("TCP 흐름 제어") && text.contains("네트워크"), "{text}");
        assert!(!text.contains("윈도우란") && !text.contains("받을 수 있는 양"), "{text}");
        let taken = Row::new(&row).take_note(&mut n.path.clone()).unwrap();
        assert!(!taken.cues.is_read() && taken.cues.len() == 2 && taken.cues.iter().count() == 0);
        assert_eq!(format!("{:?}", taken.cues), "2 cues in the index");
        // A note from its row is stored as it came: the same row.
        assert_eq!(encode(&taken), row);
        // A row of the layout that kept the text (version 2) is read again from the file.
        let mut old = row.clone();
        old[0] = 2;
        assert_eq!(decode(n.path.clone(), &old), None);
    }

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![".{0,40}", "(가|나|🧠|\n|-| ){0,200}"]
    }

    fn date() -> impl Strategy<Value = Option<NaiveDate>> {
        proptest::option::of((-300_000i32..3_000_000).prop_filter_map("a date", NaiveDate::from_num_days_from_ce_opt))
    }

    proptest! {
        #[test]
        fn any_note_reads_back(
            path in text(), title in text(), plain in any::<bool>(), subject in proptest::option::of(text()),
            textbook in proptest::option::of(text()), bits in any::<[bool; 5]>(), day0 in date(), last_review in date(),
            cues in proptest::collection::vec((text(), text()), 0..20),
        ) {
            let n = Note {
                path, title, kind: if plain { Kind::Plain } else { Kind::Review }, subject, textbook,
                flags: Flags { d1: bits[0], d4: bits[1], d7: bits[2], d14: bits[3], long_term: bits[4] },
                day0, last_review,
                cues: cues.iter().map(|(question, answer)| Cue { question, answer }).collect(),
            };
            let bytes = encode(&n);
            let row = Row::new(&bytes);
            prop_assert_eq!(row.note(&mut n.path.clone()), Some(n.clone()));
            prop_assert_eq!(row.take_note(&mut n.path.clone()), Some(n.clone()), "taken, the same note");
            prop_assert_eq!(row.note(&mut n.path.clone()), None, "and the row is empty");
            let back = decode(n.path.clone(), &bytes).expect("the row reads");
            prop_assert_eq!(back.cues.len(), n.cues.len());
            prop_assert_eq!(back.cues.is_read(), n.cues.is_empty(), "the cues counted, not kept");
            prop_assert_eq!(encode(&back), bytes, "and stored again as they were");
            prop_assert_eq!(Note { cues: n.cues.clone(), ..back }, n);
        }

        #[test]
        fn any_bytes_decode_without_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let taken = Row::new(&bytes).take_note(&mut String::new());
            prop_assert_eq!(&taken, &decode(String::new(), &bytes), "either way, the same");
        }
    }
}
