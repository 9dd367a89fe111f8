//! Finding notes by the words of their text. The library filters titles, subjects and textbooks
//! itself, at once; the bodies live on disk, so their search is here: every word of the query
//! must appear in the note's body (after the frontmatter, whose keys every note shares),
//! ignoring case. Files that cannot be read now are skipped: the scan reports them.

use crate::note::Note;
use crate::{frontmatter, vault};
use std::path::Path;

/// How many matches a search returns at most: enough for any screen, bounded for any vault.
pub const LIMIT: usize = 2000;

/// A query: its words, lowercased. Empty when the text has no words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    words: Vec<String>,
}

impl Query {
    /// The query of what the user typed.
    pub fn new(text: &str) -> Query {
        Query { words: text.split_whitespace().map(str::to_lowercase).collect() }
    }

    /// Whether there is nothing to look for.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether `text` holds every word.
    pub fn matches(&self, text: &str) -> bool {
        if self.words.is_empty() {
            return false;
        }
        let lower = text.to_lowercase();
        self.words.iter().all(|w| lower.contains(w.as_str()))
    }
}

/// The paths of the notes among `notes` of the vault at `root` whose body matches `query`, in
/// the order of `notes`, at most [`LIMIT`].
pub fn bodies(root: &Path, notes: &[Note], query: &Query) -> Vec<String> {
    if query.is_empty() {
        return Vec::new();
    }
    let found = |note: &&Note| {
        let Ok(bytes) = vault::read_note(&root.join(&note.path)) else { return false };
        let text = String::from_utf8_lossy(&bytes);
        let body = frontmatter::split(&text).map_or(&*text, |s| s.body);
        query.matches(body)
    };
    // Two threads: the reads wait on the disk, the matching on the CPU.
    let (first, second) = notes.split_at(notes.len() / 2);
    let (mut a, b) = std::thread::scope(|scope| {
        let other = scope.spawn(|| second.iter().filter(found).map(|n| n.path.clone()).collect::<Vec<_>>());
        let mine: Vec<String> = first.iter().filter(found).map(|n| n.path.clone()).collect();
        (mine, other.join().unwrap_or_default())
    });
    a.extend(b);
    a.truncate(LIMIT);
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_must_appear_in_any_case() {
        let q = Query::new("  tcp  HANDSHAKE ");
        assert!(q.matches("The TCP three-way handshake"));
        assert!(!q.matches("TCP only"));
        assert!(Query::new("페이지 교체").matches("페이지 교체 알고리즘"));
        assert!(!Query::new("   ").matches("anything"));
        assert!(Query::new("").is_empty());
    }

    #[test]
    fn bodies_are_searched_not_frontmatter() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        write("a.md", "---\n⭕과목: 네트워크\n---\nTCP의 3-way handshake\n");
        write("b.md", "---\n⭕과목: 네트워크\n---\nUDP는 연결이 없다\n");
        write("c.md", "no frontmatter: handshake here\n");
        let notes: Vec<Note> = ["a.md", "b.md", "c.md", "gone.md"]
            .iter()
            .map(|p| Note::parse(p, b"---\n\xe2\xad\x95\xea\xb3\xbc\xeb\xaa\xa9: x\n---\n").unwrap())
            .collect();
        assert_eq!(bodies(dir.path(), &notes, &Query::new("HANDSHAKE")), ["a.md", "c.md"]);
        assert!(bodies(dir.path(), &notes, &Query::new("네트워크")).is_empty(), "frontmatter is not searched");
        assert_eq!(bodies(dir.path(), &notes, &Query::new("연결")), ["b.md"]);
    }
}
