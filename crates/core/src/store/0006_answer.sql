-- One row per cue question answered, in a review or a drill: what each question's memory is
-- built from. Grades, sources and steps are codes checked here (grade 1 기억남, 2 헷갈림,
-- 3 모름; source 1 review, 2 drill; step 1–5 for D1, D4, D7, D14, extra). `event` is the
-- event's identity across devices (`<device>-<n>`): a copy read twice counts once.
CREATE TABLE answer (
    id INTEGER PRIMARY KEY,
    vault TEXT NOT NULL,
    event TEXT NOT NULL,
    at TEXT NOT NULL,
    note TEXT NOT NULL,
    question TEXT NOT NULL,
    grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 3),
    source INTEGER NOT NULL CHECK (source IN (1, 2)),
    step INTEGER CHECK (step BETWEEN 1 AND 5),
    answer_ms INTEGER NOT NULL CHECK (answer_ms >= 0),
    UNIQUE (vault, event)
);
CREATE INDEX answer_by_note ON answer (vault, note);

-- Notes moved or renamed: answers given before `at` under `from_path` belong to `to_path`.
CREATE TABLE moved (
    id INTEGER PRIMARY KEY,
    vault TEXT NOT NULL,
    event TEXT NOT NULL,
    at TEXT NOT NULL,
    from_path TEXT NOT NULL,
    to_path TEXT NOT NULL,
    UNIQUE (vault, event)
);

-- How far each history file of a vault (`.bokseup/history/<device>.jsonl`) has been read.
CREATE TABLE history_file (
    vault TEXT NOT NULL,
    name TEXT NOT NULL,
    read_to INTEGER NOT NULL,
    PRIMARY KEY (vault, name)
);
