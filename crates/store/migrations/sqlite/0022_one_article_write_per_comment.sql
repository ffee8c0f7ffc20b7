-- A new comment writes its article's row once. The command that stores a comment counts it in
-- its article first (`count_comment_sql` in comments.rs), and for a published comment takes
-- the discussion's next event number in that same write; the event-log trigger reads that
-- number instead of writing the row a second time. The trigger of migration 0004 wrote the
-- article's row (several pages: its body, its paragraphs) twice for every comment, on the
-- writer that all comments queue for.
--
-- A published comment stored without being counted that way reuses the number of its
-- discussion's last event, which the event log's UNIQUE (article_id, seq) refuses: the insert
-- fails rather than leave a live reader a gap. Changes to a comment (approved, edited,
-- removed) still take their number in the trigger (comments_event_changed).
DROP TRIGGER comments_event_created;
CREATE TRIGGER comments_event_created AFTER INSERT ON comments
WHEN NEW.status = 'published' AND NEW.deleted_at IS NULL
BEGIN
    INSERT INTO discussion_events (article_id, seq, comment_id, kind, created_at)
    SELECT NEW.article_id, event_seq, NEW.id, 'created',
           CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER)
    FROM articles WHERE id = NEW.article_id;
END;
