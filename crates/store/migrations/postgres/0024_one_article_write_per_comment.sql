-- A new comment writes its article's row once. The command that stores a comment counts it in
-- its article (`count_comment_sql` in comments.rs), and for a published comment takes the
-- discussion's next event number in that same write; the event-log trigger reads that number
-- instead of writing the row a second time. Each write of the row is a new version of a wide
-- row (and of its indexes' entries, when the version does not fit on the row's page), and a
-- group of comments under one story made two a comment, each found by walking the versions
-- before it. Storing groups of eight comments under one story (pgbench, five alternating
-- pairs): 99-140 groups a second before, 121-172 after.
--
-- The trigger runs after the whole command, so it sees the command's own write of the row,
-- under the lock that write holds until commit: numbers still follow commit order. A
-- published comment stored without being counted that way reuses the number of its
-- discussion's last event, which the event log's UNIQUE (article_id, seq) refuses: the insert
-- fails rather than leave a live reader a gap. Changes to a comment (approved, edited,
-- removed) still take their number here.
CREATE OR REPLACE FUNCTION record_discussion_event() RETURNS trigger AS $$
DECLARE
    was_visible BOOLEAN := TG_OP = 'UPDATE' AND OLD.status = 'published' AND OLD.deleted_at IS NULL;
    is_visible  BOOLEAN := NEW.status = 'published' AND NEW.deleted_at IS NULL;
    event_kind  TEXT;
    next_seq    BIGINT;
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NOT is_visible THEN RETURN NULL; END IF;
        event_kind := 'created';
        SELECT event_seq INTO next_seq FROM articles WHERE id = NEW.article_id;
    ELSE
        IF was_visible AND NOT is_visible THEN
            event_kind := 'removed';
        ELSIF is_visible AND NOT was_visible THEN
            event_kind := 'approved';
        ELSIF is_visible AND (NEW.body_html IS DISTINCT FROM OLD.body_html
                              OR NEW.moderator_note IS DISTINCT FROM OLD.moderator_note
                              OR NEW.featured_at IS DISTINCT FROM OLD.featured_at) THEN
            event_kind := 'edited';
        ELSE
            RETURN NULL;
        END IF;
        UPDATE articles SET event_seq = event_seq + 1 WHERE id = NEW.article_id
            RETURNING event_seq INTO next_seq;
    END IF;
    INSERT INTO discussion_events (article_id, seq, comment_id, kind, created_at)
    VALUES (NEW.article_id, next_seq, NEW.id, event_kind,
            (extract(epoch FROM clock_timestamp()) * 1000000)::BIGINT);
    PERFORM pg_notify('tribune_events', NEW.article_id::TEXT);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
