-- Every change to an article row notifies the nodes, on the channel the event log uses: each
-- node keeps the articles being read in memory (see tribune_app's `shown_articles`) and
-- drops one the moment it hears it changed. Every comment, reaction, edit and moderation
-- decision updates its article's row (`discussion_version`), as does an edit of the article
-- itself. PostgreSQL folds the notifications of one transaction with the same payload into
-- one, so a new comment (which also writes an event) still notifies once.
CREATE FUNCTION notify_article_changed() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('tribune_events', NEW.id::TEXT);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- Not on `event_seq` or `comment_count` alone (the event log's own trigger and the imports
-- update those row by row; the counted changes bump `discussion_version` too).
CREATE TRIGGER articles_changed
    AFTER UPDATE OF discussion_version, updated_at, comment_policy, closes_at, moderator_note,
        published_at, slug
    ON articles
    FOR EACH ROW EXECUTE FUNCTION notify_article_changed();

-- Every comment posted reads the fingerprints of the latest 500 (near-duplicate spam): with
-- the fingerprint in the index, that is one walk along it instead of 500 row lookups.
DROP INDEX comments_created;
CREATE INDEX comments_created ON comments (created_at, simhash);
