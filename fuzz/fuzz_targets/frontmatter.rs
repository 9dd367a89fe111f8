//! Any bytes as a note: reading it (encoding, frontmatter, the size and depth bounds, YAML, the
//! cue questions) never panics and takes at most a few milliseconds per kilobyte (libFuzzer's
//! `-timeout` catches a hang; the bound below catches a slow input before it is a hang).
#![no_main]

use bokseup_core::note::Note;
use libfuzzer_sys::fuzz_target;
use std::time::{Duration, Instant};

fuzz_target!(|data: &[u8]| {
    let started = Instant::now();
    let parsed = Note::parse("fuzz.md", data);
    // Sanitizers slow everything down: a generous bound, far below the minutes a nesting bomb
    // used to take.
    let budget = Duration::from_millis(200) + Duration::from_micros(500) * (data.len() as u32 / 1024 + 1);
    assert!(started.elapsed() < budget, "{} bytes took {:?}", data.len(), started.elapsed());
    if let Ok(note) = parsed {
        // A review note's schedule is computable whatever the dates.
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let _ = bokseup_core::schedule::review_state(note.flags, note.day0, note.last_review, today);
        let _ = bokseup_core::schedule::forecast(note.flags, note.day0, note.last_review, today, today + chrono::Days::new(400));
    }
});
