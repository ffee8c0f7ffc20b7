-- The discussion's event log: every change that readers of a discussion can see (a comment
-- published, approved, edited or removed), written by triggers in the same transaction as
-- the change itself, so no code path can change a discussion without it, and live streams
-- replay it after a reconnection with no gap and no duplicate.
--
-- `seq` numbers an article's events in commit order (taken under the article row's write
-- lock), which is what live streams use as event ids; `id` is global, for consumers that
-- read every discussion.
ALTER TABLE articles ADD COLUMN event_seq INTEGER NOT NULL DEFAULT 0;

CREATE TABLE discussion_events (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind IN ('created', 'approved', 'edited', 'removed')),
    created_at INTEGER NOT NULL,
    UNIQUE (article_id, seq)
);
CREATE INDEX discussion_events_created ON discussion_events (created_at);

-- Microseconds since the Unix epoch, as every timestamp is stored.
CREATE TRIGGER comments_event_created AFTER INSERT ON comments
WHEN NEW.status = 'published' AND NEW.deleted_at IS NULL
BEGIN
    UPDATE articles SET event_seq = event_seq + 1 WHERE id = NEW.article_id;
    INSERT INTO discussion_events (article_id, seq, comment_id, kind, created_at)
    SELECT NEW.article_id, event_seq, NEW.id, 'created',
           CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER)
    FROM articles WHERE id = NEW.article_id;
END;

CREATE TRIGGER comments_event_changed
AFTER UPDATE OF status, deleted_at, body_html, moderator_note, featured_at ON comments
WHEN ((OLD.status = 'published' AND OLD.deleted_at IS NULL)
       OR (NEW.status = 'published' AND NEW.deleted_at IS NULL))
     AND (OLD.status IS NOT NEW.status OR OLD.deleted_at IS NOT NEW.deleted_at
          OR OLD.body_html IS NOT NEW.body_html OR OLD.moderator_note IS NOT NEW.moderator_note
          OR OLD.featured_at IS NOT NEW.featured_at)
BEGIN
    UPDATE articles SET event_seq = event_seq + 1 WHERE id = NEW.article_id;
    INSERT INTO discussion_events (article_id, seq, comment_id, kind, created_at)
    SELECT NEW.article_id, event_seq, NEW.id,
           CASE
               WHEN NOT (NEW.status = 'published' AND NEW.deleted_at IS NULL) THEN 'removed'
               WHEN NOT (OLD.status = 'published' AND OLD.deleted_at IS NULL) THEN 'approved'
               ELSE 'edited'
           END,
           CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER)
    FROM articles WHERE id = NEW.article_id;
END;
