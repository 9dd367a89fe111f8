-- The journal keeps what a write changed, not two copies of the note: the bytes common to before
-- and after at both ends are counted (head, tail), the middles kept (NULL once older than the
-- undo horizon), and each whole file known by its SHA-256, so undo and crash recovery still
-- check the note is exactly what the app wrote. A two-review history of a 50 MB note took 301 MB
-- before this. 'stale': the note changed after the write, so it can never be undone.
CREATE TABLE edit_delta (
    id INTEGER PRIMARY KEY,
    vault TEXT NOT NULL,
    path TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('review', 'start', 'enroll')),
    made_at TEXT NOT NULL,
    head INTEGER NOT NULL,
    tail INTEGER NOT NULL,
    before_mid BLOB,
    after_mid BLOB,
    before_hash TEXT NOT NULL,
    after_hash TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed', 'undone', 'stale'))
);
