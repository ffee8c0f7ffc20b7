-- Every comment is screened against its author's history (how many published, how many
-- rejected): counted from the index alone, however many comments a regular has written.
CREATE INDEX comments_author_status ON comments (author_id, status);
-- A comment that may mention someone is resolved against the discussion's participants:
-- read from the index alone, whatever else (held, rejected, deleted) the discussion holds.
CREATE INDEX comments_participants ON comments (article_id, status, author_id)
    WHERE deleted_at IS NULL;
