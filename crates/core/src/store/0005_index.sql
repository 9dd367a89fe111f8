-- The index of notes: each note of a vault as last read, with its file's stamp then, so a start
-- reads only the files that changed. A cache: the vault stays the source of truth, and dropping
-- this table costs one full scan.
CREATE TABLE note_index (
    vault TEXT NOT NULL,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    ctime_ns INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    note TEXT NOT NULL,
    -- A rowid table: the rows (a note as JSON, ~600 bytes) are too large for WITHOUT ROWID.
    UNIQUE (vault, path)
);
