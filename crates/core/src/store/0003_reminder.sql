-- Reminder slots (a reminder time of a review day) that came round, and what happened: a reminder
-- is never shown twice for the same slot, across restarts too.
CREATE TABLE reminder_slot (
    day TEXT NOT NULL,
    time TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('shown', 'nothing_due', 'muted', 'superseded')),
    handled_at TEXT NOT NULL,
    PRIMARY KEY (day, time)
);
