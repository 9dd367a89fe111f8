//! A note as the index stores it: a compact binary row, read where SQLite keeps it. A warm start
//! decodes one row per note, so the row is what a warm start costs: no field names, no escaping,
//! no number parsing, the path not repeated (it is the row's key).
//!
//! Layout (version 2): the version byte; the kind and the five flags in one byte; the lengths of
//! the title, the subject and the textbook; day 0 and the latest review; the number of cues, then
//! each cue's question and answer lengths; then the text: every string's UTF-8 bytes one after
//! another, in that order. A length is LEB128; an absent string or date is a zero byte, a present
//! one a one byte first; a date is its day number since 1 January of year 1 (four bytes,
//! little-endian). The text is checked as UTF-8 once, with SIMD, instead of string by string
//! (version 1 did, and that was a third of a warm start at 10,000 Korean notes). Any other
//! version, or a row whose lengths do not cut its text exactly, at character boundaries, is no
//! row: the note is read again from its file.

use crate::note::{Cues, Kind, Note};
use crate::schedule::Flags;
use chrono::{Datelike, NaiveDate};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// The layout written by [`encode`]; a row of another version (version 1, and the JSON of
/// earlier builds, which starts with `{`) is read as absent.
const VERSION: u8 = 2;

/// The first byte of a row's head kept without its cues' text ([`Row::head`]): never stored.
const HEAD: u8 = 0x80 | VERSION;

/// The row of `note` (its path is stored beside it, not in it); `None` for a note taken from a
/// [`Row::head`], whose cues' text is not here: the row it came from is the one to keep.
pub fn encode(note: &Note) -> Option<Vec<u8>> {
    if !note.cues.is_read() {
        return None;
    }
    let strings = [Some(note.title.as_str()), note.subject.as_deref(), note.textbook.as_deref()];
    let text_len = strings.iter().flatten().map(|s| s.len()).sum::<usize>() + note.cues.text().len();
    let mut out = Vec::with_capacity(32 + 4 * note.cues.len() + text_len);
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
    for cue in note.cues.iter() {
        put_len(&mut out, cue.question.len());
        put_len(&mut out, cue.answer.len());
    }
    for s in strings.into_iter().flatten() {
        out.extend_from_slice(s.as_bytes());
    }
    out.extend_from_slice(note.cues.text().as_bytes());
    Some(out)
}

/// A note's row as the index holds it, decoded only where its file is found unchanged: a warm
/// start's walker threads decode the rows side by side, instead of the one thread that reads them
/// from the database decoding them all first (half of that thread's time). A warm scan takes the
/// row's bytes for its note ([`Row::take_note`]): its cue text, most of a row, stays where it was
/// read instead of being copied once more.
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

    /// Keeps a row's bytes but its cues' text: its note's cues are counted, their text left in
    /// the index (see [`Cues`]). A row whose lengths do not add up to its size is kept whole, to
    /// decode as the damage it is.
    pub fn head(bytes: &[u8]) -> Row {
        let Some(end) = head_len(bytes) else { return Row::new(bytes) };
        let mut head = Box::<[u8]>::from(&bytes[..end]);
        head[0] = HEAD;
        Row { bytes: Mutex::new(Some(head)), place: u32::MAX, found: AtomicBool::new(false) }
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

    /// [`Row::note`], taking the row's bytes too: the note's cues keep them. The row is empty
    /// afterwards, whether it decoded or not.
    pub fn take_note(&self, path: &mut String) -> Option<Note> {
        let bytes = self.bytes().take()?;
        let (head, cues) = Head::read(&bytes)?;
        let Some(cues) = cues else { return head.note(path, String::new()) };
        let cues_at = bytes.len() - cues.len();
        let mut text = bytes.into_vec();
        text.drain(..cues_at);
        // SAFETY: these are the bytes of `cues`, which `Head::read` gave as a `str`.
        let text = unsafe { String::from_utf8_unchecked(text) };
        head.note(path, text)
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
pub fn decode(mut path: String, row: &[u8]) -> Option<Note> {
    decode_at(&mut path, row)
}

/// [`decode`], taking `path` only when the row reads.
fn decode_at(path: &mut String, row: &[u8]) -> Option<Note> {
    let (head, cues) = Head::read(row)?;
    head.note(path, cues.unwrap_or_default().to_owned())
}

/// Where the text of a row of this version's cues begins, if its lengths add up to its size.
fn head_len(row: &[u8]) -> Option<usize> {
    let mut r = Reader { rest: row };
    if r.byte()? != VERSION {
        return None;
    }
    let mut cues = 0usize;
    let fixed = Fixed::read(&mut r, |n| cues = cues.saturating_add(n))?;
    let mut strings = [Some(fixed.title), fixed.subject, fixed.textbook].into_iter().flatten();
    let end = strings.try_fold(row.len() - r.rest.len(), usize::checked_add)?;
    (end.checked_add(cues)? == row.len()).then_some(end)
}

/// A row's fixed part, after its version byte: the flags, the strings' lengths, the dates and
/// the number of cues (each cue's two lengths go to the reader's `cue_len`). What both a
/// row's decoding and the cut of its head read.
struct Fixed {
    bits: u8,
    title: usize,
    subject: Option<usize>,
    textbook: Option<usize>,
    day0: Option<NaiveDate>,
    last_review: Option<NaiveDate>,
    count: usize,
}

impl Fixed {
    fn read(r: &mut Reader<'_>, mut cue_len: impl FnMut(usize)) -> Option<Fixed> {
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
        for _ in 0..count {
            cue_len(r.len()?);
            cue_len(r.len()?);
        }
        Some(Fixed { bits, title, subject, textbook, day0, last_review, count })
    }
}

/// Everything in a row but its cues' text.
struct Head {
    kind: Kind,
    flags: Flags,
    title: String,
    subject: Option<String>,
    textbook: Option<String>,
    day0: Option<NaiveDate>,
    last_review: Option<NaiveDate>,
    /// Each cue's question and answer lengths; empty for a head kept without its cues' text.
    cue_lens: Vec<usize>,
    /// The number of cues of a head kept without their text; 0 otherwise.
    unread: usize,
}

impl Head {
    /// A row's head and its cues' text (the end of the row; `None` for a [`Row::head`]), if the
    /// row is of this version and its text is UTF-8, cut at character boundaries.
    fn read(row: &[u8]) -> Option<(Head, Option<&str>)> {
        let mut r = Reader { rest: row };
        let with_cues = match r.byte()? {
            VERSION => true,
            HEAD => false,
            _ => return None,
        };
        let mut cue_lens = Vec::new();
        let fixed = Fixed::read(&mut r, |n| {
            if with_cues {
                cue_lens.push(n);
            }
        })?;
        let Fixed { bits, title, subject, textbook, day0, last_review, count } = fixed;
        let kind = if bits & 1 == 1 { Kind::Plain } else { Kind::Review };
        let flags = Flags {
            d1: bits & 2 != 0,
            d4: bits & 4 != 0,
            d7: bits & 8 != 0,
            d14: bits & 16 != 0,
            long_term: bits & 32 != 0,
        };
        let unread = if with_cues { 0 } else { count };
        // The whole text checked at once, with SIMD.
        let mut text = Text { rest: simdutf8::basic::from_utf8(r.rest).ok()? };
        let title = text.take(title)?;
        let subject = subject.map(|n| text.take(n)).map_or(Some(None), |s| s.map(Some))?;
        let textbook = textbook.map(|n| text.take(n)).map_or(Some(None), |s| s.map(Some))?;
        let head = Head { kind, flags, title, subject, textbook, day0, last_review, cue_lens, unread };
        match with_cues {
            true => Some((head, Some(text.rest))),
            false => text.rest.is_empty().then_some((head, None)),
        }
    }

    /// The note at `path` with this head and its cues' `text`, taking `path` if the cues cut
    /// their text exactly.
    fn note(self, path: &mut String, text: String) -> Option<Note> {
        let cues = if self.unread > 0 { Cues::unread(self.unread) } else { Cues::cut(text, self.cue_lens)? };
        let Head { kind, flags, title, subject, textbook, day0, last_review, .. } = self;
        Some(Note { path: std::mem::take(path), title, kind, subject, textbook, flags, day0, last_review, cues })
    }
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
        let row = encode(&n).unwrap();
        assert_eq!(decode(n.path.clone(), &row), Some(n.clone()));
        // Smaller than the JSON the index held before.
        assert!(row.len() * 2 < serde_json::to_vec(&n).unwrap().len(), "{} bytes", row.len());
    }

    #[test]
    fn a_row_of_another_version_a_cut_row_or_trailing_bytes_is_no_row() {
        let n = note();
        let row = encode(&n).unwrap();
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
        // A length that cuts a character in two is damage, not a shorter string.
        let mut split = row;
        let title_len = split.iter().position(|&b| b == n.title.len() as u8).unwrap();
        split[title_len] += 1;
        assert_eq!(decode(n.path, &split), None);
    }

    #[test]
    fn a_head_keeps_everything_but_the_cues_text_and_is_never_stored() {
        let n = note();
        let row = encode(&n).unwrap();
        let head = Row::head(&row);
        let kept = format!("{head:?}");
        let taken = head.take_note(&mut n.path.clone()).unwrap();
        assert!(!taken.cues.is_read() && taken.cues.len() == 2 && taken.cues.iter().count() == 0);
        assert_eq!(Note { cues: n.cues.clone(), ..taken.clone() }, n, "all else as in the row");
        let cue_text = n.cues.text().len();
        assert_eq!(kept, format!("Row(Some({}))", row.len() - cue_text), "the text is not copied");
        // A note without its cues' text has no row to store: the one it came from stays.
        assert_eq!(encode(&taken), None);
        // A damaged row is kept whole, and reads as no note.
        let mut damaged = row.clone();
        damaged.pop();
        assert_eq!(Row::head(&damaged).take_note(&mut n.path.clone()), None);
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
            let bytes = encode(&n).unwrap();
            let row = Row::new(&bytes);
            prop_assert_eq!(row.note(&mut n.path.clone()), Some(n.clone()));
            prop_assert_eq!(row.take_note(&mut n.path.clone()), Some(n.clone()), "taken, the same note");
            prop_assert_eq!(row.note(&mut n.path.clone()), None, "and the row is empty");
            prop_assert_eq!(decode(n.path.clone(), &bytes), Some(n.clone()));
            let head = Row::head(&bytes).take_note(&mut n.path.clone()).expect("the head reads");
            prop_assert_eq!(head.cues.len(), n.cues.len());
            prop_assert_eq!(head.cues.is_read(), n.cues.is_empty(), "the text stayed in the row");
            prop_assert_eq!(Note { cues: n.cues.clone(), ..head }, n);
        }

        #[test]
        fn any_bytes_decode_without_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let taken = Row::new(&bytes).take_note(&mut String::new());
            let head = Row::head(&bytes).take_note(&mut String::new());
            prop_assert_eq!(&taken, &decode(String::new(), &bytes), "either way, the same");
            // The head checks all but the cues' text: a row that reads whole reads as a head.
            if let Some(note) = taken {
                prop_assert_eq!(head.map(|h| (h.cues.len(), Note { cues: note.cues.clone(), ..h })), Some((note.cues.len(), note)));
            }
        }
    }
}
