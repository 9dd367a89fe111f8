//! The answers to cue questions and the moves of notes in the database (see `0006_answer.sql`),
//! and what this device calls itself in the vault's history files.

use super::Store;
use crate::answer::Grade;
use crate::answer::{step_code, step_of_code, Answer, Event, Moved, Source};
use crate::error::Result;
use chrono::NaiveDateTime;
use rusqlite::params;

/// The setting that names this device in history files.
const DEVICE: &str = "history_device";
/// The setting that counts this device's events.
const SEQUENCE: &str = "history_sequence";

/// How the database writes a date and time.
fn stamp(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.3f").to_string()
}

impl Store {
    /// Keeps `events` of `vault`; an event already kept (the same identity) is skipped. Moves
    /// are applied to every answer they concern, in the order they happened, whenever anything
    /// new came in: an answer read after its note's move still ends at the new path. Returns how
    /// many events were new.
    pub fn add_events(&mut self, vault: &str, events: &[Event]) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let mut added = 0;
        {
            let mut answer = tx.prepare_cached(
                "INSERT OR IGNORE INTO answer (vault, event, at, note, question, grade, source, step, answer_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            let mut moved = tx.prepare_cached(
                "INSERT OR IGNORE INTO moved (vault, event, at, from_path, to_path) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for e in events {
                added += match e {
                    Event::Answer(a) => answer.execute(params![
                        vault,
                        a.event,
                        stamp(a.at),
                        a.note,
                        a.question,
                        a.grade.number(),
                        a.source.code(),
                        a.step.map(step_code),
                        a.answer_ms
                    ])?,
                    Event::Moved(m) => moved.execute(params![vault, m.event, stamp(m.at), m.from, m.to])?,
                };
            }
        }
        if added > 0 {
            let moves: Vec<(String, String, String)> = {
                let mut s =
                    tx.prepare_cached("SELECT at, from_path, to_path FROM moved WHERE vault = ?1 ORDER BY at, id")?;
                let rows = s.query_map(params![vault], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            let mut apply =
                tx.prepare_cached("UPDATE answer SET note = ?4 WHERE vault = ?1 AND note = ?3 AND at <= ?2")?;
            for (at, from, to) in &moves {
                apply.execute(params![vault, at, from, to])?;
            }
        }
        tx.commit()?;
        Ok(added)
    }

    /// What changes when an answer or a review is kept: the newest answer of `vault` and the
    /// newest review, by row id (a cache of what they make stays right while these do).
    pub fn learning_stamp(&self, vault: &str) -> Result<(i64, i64)> {
        let answers: i64 =
            self.conn
                .query_row("SELECT coalesce(max(id), 0) FROM answer WHERE vault = ?1", params![vault], |r| r.get(0))?;
        let reviews: i64 = self.conn.query_row("SELECT coalesce(max(id), 0) FROM review", [], |r| r.get(0))?;
        Ok((answers, reviews))
    }

    /// Every answer of `vault`, oldest first, each under its note's present path. Rows that do
    /// not read (a code or date this app never writes) are left out.
    pub fn answers(&self, vault: &str) -> Result<Vec<Answer>> {
        let mut s = self.conn.prepare_cached(
            "SELECT event, at, note, question, grade, source, step, answer_ms FROM answer
             WHERE vault = ?1 ORDER BY at, id",
        )?;
        let rows = s.query_map(params![vault], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, Option<i64>>(6)?,
                r.get::<_, i64>(7)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (event, at, note, question, grade, source, step, ms) = row?;
            let read = || {
                Some(Answer {
                    event,
                    at: NaiveDateTime::parse_from_str(&at, "%Y-%m-%dT%H:%M:%S%.f").ok()?,
                    note,
                    question,
                    grade: Grade::of_number(u8::try_from(grade).ok()?)?,
                    source: Source::of_code(source)?,
                    step: match step {
                        Some(code) => Some(step_of_code(code)?),
                        None => None,
                    },
                    answer_ms: u32::try_from(ms).ok()?,
                })
            };
            out.extend(read());
        }
        Ok(out)
    }

    /// Every event of `vault` this device made (`<device>-…`), answers and moves, oldest first:
    /// what its history file should hold.
    pub fn own_events(&self, vault: &str, device: &str) -> Result<Vec<Event>> {
        let prefix = format!("{device}-");
        let mut events: Vec<Event> =
            self.answers(vault)?.into_iter().filter(|a| a.event.starts_with(&prefix)).map(Event::Answer).collect();
        let mut s = self.conn.prepare_cached(
            "SELECT event, at, from_path, to_path FROM moved WHERE vault = ?1 AND substr(event, 1, ?2) = ?3 ORDER BY at, id",
        )?;
        let rows = s.query_map(params![vault, prefix.len() as i64, prefix], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })?;
        for row in rows {
            let (event, at, from, to) = row?;
            if let Ok(at) = NaiveDateTime::parse_from_str(&at, "%Y-%m-%dT%H:%M:%S%.f") {
                events.push(Event::Moved(Moved { event, at, from, to }));
            }
        }
        events.sort_by_key(|e| match e {
            Event::Answer(a) => a.at,
            Event::Moved(m) => m.at,
        });
        Ok(events)
    }

    /// The name this device writes its history file under; made by `fresh` the first time.
    pub fn device(&self, fresh: impl FnOnce() -> String) -> Result<String> {
        if let Some(name) = self.setting(DEVICE)? {
            return Ok(name);
        }
        let name = fresh();
        self.set_setting(DEVICE, &name)?;
        Ok(name)
    }

    /// The identities of `n` new events of this device, `<device>-<k>`.
    pub fn new_events(&mut self, device: &str, n: usize) -> Result<Vec<String>> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let counted: u64 = tx
            .query_row("SELECT value FROM setting WHERE key = ?1", params![SEQUENCE], |r| r.get::<_, String>(0))
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        // A database rebuilt from the vault under the same name must not reuse a number: an
        // event with a known identity would be taken for a copy and dropped.
        let prefix = format!("{device}-");
        let mut seen: u64 = 0;
        for table in ["answer", "moved"] {
            let mut s = tx.prepare_cached(&format!(
                "SELECT max(CAST(substr(event, ?1) AS INTEGER)) FROM {table} WHERE substr(event, 1, ?2) = ?3"
            ))?;
            let max: Option<i64> =
                s.query_row(params![prefix.len() as i64 + 1, prefix.len() as i64, prefix], |r| r.get(0))?;
            seen = seen.max(max.unwrap_or(0).max(0) as u64);
        }
        let last = counted.max(seen);
        let next = last + n as u64;
        tx.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![SEQUENCE, next.to_string()],
        )?;
        tx.commit()?;
        Ok((last + 1..=next).map(|k| format!("{device}-{k}")).collect())
    }

    /// How far the history file `name` of `vault` has been read, in bytes.
    pub fn history_read_to(&self, vault: &str, name: &str) -> Result<u64> {
        let mut s = self.conn.prepare_cached("SELECT read_to FROM history_file WHERE vault = ?1 AND name = ?2")?;
        let read: Option<i64> = rusqlite::OptionalExtension::optional(s.query_row(params![vault, name], |r| r.get(0)))?;
        Ok(read.unwrap_or(0).max(0) as u64)
    }

    /// Records how far the history file `name` of `vault` has been read.
    pub fn set_history_read_to(&self, vault: &str, name: &str, read_to: u64) -> Result<()> {
        self.conn.execute(
            "INSERT INTO history_file (vault, name, read_to) VALUES (?1, ?2, ?3)
             ON CONFLICT (vault, name) DO UPDATE SET read_to = excluded.read_to",
            params![vault, name, read_to as i64],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::Step;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn answer(event: &str, when: &str, note: &str, grade: Grade) -> Event {
        Event::Answer(Answer {
            event: event.into(),
            at: at(when),
            note: note.into(),
            question: "질문?".into(),
            grade,
            source: Source::Review,
            step: Some(Step::D1),
            answer_ms: 4000,
        })
    }

    #[test]
    fn events_count_once_and_moves_follow_the_note_whenever_answers_arrive() {
        let mut s = Store::open_in_memory().unwrap();
        let v = "/v";
        assert_eq!(s.add_events(v, &[answer("a-1", "2024-10-01 09:00", "a.md", Grade::Forgot)]).unwrap(), 1);
        assert_eq!(s.add_events(v, &[answer("a-1", "2024-10-01 09:00", "a.md", Grade::Forgot)]).unwrap(), 0);
        let mv = Event::Moved(Moved {
            event: "b-1".into(),
            at: at("2024-10-02 09:00"),
            from: "a.md".into(),
            to: "x/a.md".into(),
        });
        s.add_events(v, &[mv]).unwrap();
        // Another device's answer from before the move, read only now; and one after the move
        // to a new note that took the old name.
        s.add_events(v, &[answer("c-1", "2024-10-01 18:00", "a.md", Grade::Unsure)]).unwrap();
        s.add_events(v, &[answer("a-2", "2024-10-03 09:00", "a.md", Grade::Remembered)]).unwrap();
        let notes: Vec<(String, String)> = s.answers(v).unwrap().into_iter().map(|a| (a.event, a.note)).collect();
        assert_eq!(
            notes,
            [("a-1".into(), "x/a.md".into()), ("c-1".into(), "x/a.md".into()), ("a-2".into(), "a.md".into())]
        );
        assert!(s.answers("/other").unwrap().is_empty());
    }

    #[test]
    fn the_database_refuses_grades_and_sources_it_does_not_know() {
        let s = Store::open_in_memory().unwrap();
        let bad = s.conn.execute(
            "INSERT INTO answer (vault, event, at, note, question, grade, source, answer_ms) VALUES ('/v', 'e', 't', 'n', 'q', 4, 1, 0)",
            [],
        );
        assert!(bad.is_err());
        let bad = s.conn.execute(
            "INSERT INTO answer (vault, event, at, note, question, grade, source, answer_ms) VALUES ('/v', 'e', 't', 'n', 'q', 1, 'review', 0)",
            [],
        );
        assert!(bad.is_err());
    }

    #[test]
    fn a_device_keeps_its_name_and_numbers_its_events() {
        let mut s = Store::open_in_memory().unwrap();
        assert_eq!(s.device(|| "d1".into()).unwrap(), "d1");
        assert_eq!(s.device(|| "other".into()).unwrap(), "d1");
        assert_eq!(s.new_events("d1", 2).unwrap(), ["d1-1", "d1-2"]);
        assert_eq!(s.new_events("d1", 1).unwrap(), ["d1-3"]);
        // Events of this name already known (a database rebuilt from the vault): numbers go on.
        s.add_events("/v", &[answer("d9-41", "2024-10-01 09:00", "a.md", Grade::Forgot)]).unwrap();
        assert_eq!(s.new_events("d9", 1).unwrap(), ["d9-42"]);
        s.set_history_read_to("/v", "d2.jsonl", 120).unwrap();
        assert_eq!(s.history_read_to("/v", "d2.jsonl").unwrap(), 120);
        assert_eq!(s.history_read_to("/v", "d3.jsonl").unwrap(), 0);
    }
}
