-- Every write the app makes to a note, with the bytes before and after, so that it can be undone
-- only while the file is still exactly what the app wrote. A row is 'pending' while the file is
-- being replaced; 'done' once it was; 'failed' if it was not; 'undone' after an undo.
CREATE TABLE edit (
    id INTEGER PRIMARY KEY,
    vault TEXT NOT NULL,
    path TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('review', 'start', 'enroll')),
    made_at TEXT NOT NULL,
    before BLOB NOT NULL,
    after BLOB NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed', 'undone'))
);
CREATE INDEX edit_by_vault ON edit (vault, id);
CREATE INDEX edit_pending ON edit (state) WHERE state = 'pending';

-- One row per review, written in the same transaction as its pending edit; the review counts once
-- its edit is 'done'.
CREATE TABLE review (
    id INTEGER PRIMARY KEY,
    edit_id INTEGER NOT NULL UNIQUE REFERENCES edit (id),
    reviewed_on TEXT NOT NULL,
    reviewed_at TEXT NOT NULL,
    step TEXT NOT NULL,
    steps_done TEXT NOT NULL,
    long_term INTEGER NOT NULL,
    grades TEXT NOT NULL,
    seconds INTEGER NOT NULL
);
