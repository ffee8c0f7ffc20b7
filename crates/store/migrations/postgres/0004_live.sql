-- The discussion's event log: every change that readers of a discussion can see (a comment
-- published, approved, edited or removed), written by a trigger in the same transaction as
-- the change itself, so no code path can change a discussion without it, and live streams
-- replay it after a reconnection with no gap and no duplicate.
--
-- `seq` numbers an article's events in commit order: it is taken under the article row's
-- write lock, held until commit, so a reader never sees seq N+1 committed before N (a
-- global sequence would allow that). `id` is global, for consumers that read every
-- discussion. At commit, NOTIFY tells every node's listener which article moved.
ALTER TABLE articles ADD COLUMN event_seq BIGINT NOT NULL DEFAULT 0;

CREATE TABLE discussion_events (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq        BIGINT NOT NULL,
    comment_id BIGINT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    kind       TEXT   NOT NULL CHECK (kind IN ('created', 'approved', 'edited', 'removed')),
    created_at BIGINT NOT NULL,
    UNIQUE (article_id, seq)
);
CREATE INDEX discussion_events_created ON discussion_events (created_at);

CREATE FUNCTION record_discussion_event() RETURNS trigger AS $$
DECLARE
    was_visible BOOLEAN := TG_OP = 'UPDATE' AND OLD.status = 'published' AND OLD.deleted_at IS NULL;
    is_visible  BOOLEAN := NEW.status = 'published' AND NEW.deleted_at IS NULL;
    event_kind  TEXT;
    next_seq    BIGINT;
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NOT is_visible THEN RETURN NULL; END IF;
        event_kind := 'created';
    ELSIF was_visible AND NOT is_visible THEN
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
    INSERT INTO discussion_events (article_id, seq, comment_id, kind, created_at)
    VALUES (NEW.article_id, next_seq, NEW.id, event_kind,
            (extract(epoch FROM clock_timestamp()) * 1000000)::BIGINT);
    PERFORM pg_notify('tribune_events', NEW.article_id::TEXT);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER comments_events AFTER INSERT OR UPDATE ON comments
    FOR EACH ROW EXECUTE FUNCTION record_discussion_event();
