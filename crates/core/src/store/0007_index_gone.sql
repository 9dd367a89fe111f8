-- A note's row outlives its file for a while, marked with when the scan found the file gone (a
-- tombstone): a note moved while a scan listed the vault is found at neither path by that scan,
-- and the next scan, finding it at its new path, matches it with the tombstone, so its history
-- follows it. NULL for a note whose file is there.
ALTER TABLE note_index ADD COLUMN gone_ns INTEGER;
