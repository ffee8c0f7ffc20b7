-- Comments go into the search index in batches instead of one by one as they are written
-- (see store/src/search_index.rs). FTS5 writes one segment per transaction and keeps merging
-- them: indexing each group commit's few comments cost SQLite's writer more than writing
-- them. `search_pending` lists the comments written but not yet indexed.
CREATE TABLE search_pending (comment_id INTEGER PRIMARY KEY);

DROP TRIGGER comments_fts_insert;
CREATE TRIGGER comments_search_pending AFTER INSERT ON comments BEGIN
    INSERT INTO search_pending (comment_id) VALUES (new.id);
END;

-- FTS5's external-content index must be told a row's old text to forget it, and only when
-- the row is in it: a pending comment is not, yet.
DROP TRIGGER comments_fts_delete;
CREATE TRIGGER comments_fts_delete AFTER DELETE ON comments BEGIN
    INSERT INTO comments_fts (comments_fts, rowid, body_markdown)
    SELECT 'delete', old.id, old.body_markdown
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE comment_id = old.id);
    DELETE FROM search_pending WHERE comment_id = old.id;
END;

DROP TRIGGER comments_fts_update;
CREATE TRIGGER comments_fts_update AFTER UPDATE OF body_markdown ON comments
WHEN NOT EXISTS (SELECT 1 FROM search_pending WHERE comment_id = old.id) BEGIN
    INSERT INTO comments_fts (comments_fts, rowid, body_markdown) VALUES ('delete', old.id, old.body_markdown);
    INSERT INTO comments_fts (rowid, body_markdown) VALUES (new.id, new.body_markdown);
END;
