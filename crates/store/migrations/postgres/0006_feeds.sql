-- Private Atom feeds: a reader may have one secret feed address (replies to them and mentions
-- of them). Only the SHA-256 of its token is kept; a new token replaces the old one, so the
-- old address stops working.
CREATE TABLE feed_tokens (
    user_id    BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT    NOT NULL UNIQUE,
    created_at BIGINT  NOT NULL
);

-- The private feed looks mentions up by the reader mentioned (the primary key leads with the
-- comment). IF NOT EXISTS: other work on notifications may add the same index.
CREATE INDEX IF NOT EXISTS comment_mentions_user ON comment_mentions (user_id, comment_id);
