-- Vaults the user has opened, most recent first by opened_at.
CREATE TABLE vault (
    path TEXT PRIMARY KEY NOT NULL,
    opened_at TEXT NOT NULL
);

-- App settings as text; each key's meaning and default live in the code that reads it.
CREATE TABLE setting (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
