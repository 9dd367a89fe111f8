-- The index of notes kept in one B-tree ordered by vault and path: a row now holds a note's fields
-- and the number of its cues (about a hundred bytes; the cues' text is read from the note), small
-- enough to keep beside its key. A start reads a vault's rows in path order from that tree alone,
-- where the table and its separate index of keys took two, and a first scan writes one.
CREATE TABLE note_index_clustered (
    vault TEXT NOT NULL,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    ctime_ns INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    note BLOB NOT NULL,
    gone_ns INTEGER,
    PRIMARY KEY (vault, path)
) WITHOUT ROWID;
INSERT INTO note_index_clustered (vault, path, size, mtime_ns, ctime_ns, inode, note, gone_ns)
    SELECT vault, path, size, mtime_ns, ctime_ns, inode, note, gone_ns FROM note_index;
DROP TABLE note_index;
ALTER TABLE note_index_clustered RENAME TO note_index;
