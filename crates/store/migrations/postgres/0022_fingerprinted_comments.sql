-- The fingerprints of the comments posted after the newest a node keeps (`posting_history`,
-- read for every comment posted) come newest first from this index, whatever the values:
-- that statement runs with one plan for any values. Without the index, that plan took the
-- time index and sorted every fingerprinted comment: 88 ms on a million comments, not 0.5.
CREATE INDEX comments_fingerprinted ON comments (id) WHERE simhash IS NOT NULL;
