-- Moderation: the automatic assessment stored with each comment, moderators' decisions and
-- notes, readers' reports, bans and trust, the audit log, and full-text search.

-- The assessment as JSON ({decision, reasons, scores}) and its overall risk (queues sort on
-- it); the body's fingerprints (near-duplicate and exact) and a keyed hash of the address it
-- came from, for spam signals; what moderators decided and said.
ALTER TABLE comments ADD COLUMN assessment TEXT;
ALTER TABLE comments ADD COLUMN risk REAL NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN simhash INTEGER;
ALTER TABLE comments ADD COLUMN exact_hash INTEGER;
ALTER TABLE comments ADD COLUMN address_hash TEXT;
-- A reason the author sees when the comment was rejected.
ALTER TABLE comments ADD COLUMN rejection_reason TEXT;
-- A public note by a moderator shown under the comment.
ALTER TABLE comments ADD COLUMN moderator_note TEXT;
ALTER TABLE comments ADD COLUMN featured_at INTEGER;
ALTER TABLE comments ADD COLUMN moderated_at INTEGER;
ALTER TABLE comments ADD COLUMN moderated_by INTEGER REFERENCES users (id);
-- Unresolved reports against the comment (reset when a moderator decides).
ALTER TABLE comments ADD COLUMN open_reports INTEGER NOT NULL DEFAULT 0;

CREATE INDEX comments_queue ON comments (status, risk DESC, id);
CREATE INDEX comments_reported ON comments (open_reports, id) WHERE open_reports > 0;
CREATE INDEX comments_created ON comments (created_at);
CREATE INDEX comments_author_time ON comments (author_id, created_at);
CREATE INDEX comments_address_time ON comments (address_hash, created_at);
CREATE INDEX comments_exact ON comments (exact_hash, created_at);
CREATE INDEX comments_featured ON comments (article_id, featured_at) WHERE featured_at IS NOT NULL;

-- Trust skips pre-moderation; a ban stops an account from taking part until it ends
-- (permanent bans end at the largest timestamp).
ALTER TABLE users ADD COLUMN trusted_at INTEGER;
ALTER TABLE users ADD COLUMN banned_until INTEGER;
ALTER TABLE users ADD COLUMN ban_reason TEXT;

-- A public note by a moderator shown above the whole discussion.
ALTER TABLE articles ADD COLUMN moderator_note TEXT;

CREATE TABLE comment_reports (
    id          INTEGER PRIMARY KEY,
    comment_id  INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    reporter_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason      TEXT    NOT NULL CHECK (reason IN ('spam', 'abuse', 'off_topic', 'illegal')),
    details     TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    resolved_at INTEGER,
    UNIQUE (comment_id, reporter_id)
);
CREATE INDEX comment_reports_open ON comment_reports (comment_id) WHERE resolved_at IS NULL;

-- Every moderator's and administrator's action: who, when, what, and the state before and
-- after (JSON).
CREATE TABLE moderation_log (
    id          INTEGER PRIMARY KEY,
    actor_id    INTEGER REFERENCES users (id),
    action      TEXT    NOT NULL,
    target_kind TEXT    NOT NULL,
    target_id   INTEGER NOT NULL,
    reason      TEXT    NOT NULL DEFAULT '',
    before      TEXT    NOT NULL DEFAULT '{}',
    after       TEXT    NOT NULL DEFAULT '{}',
    created_at  INTEGER NOT NULL
);
CREATE INDEX moderation_log_target ON moderation_log (target_kind, target_id, id);

-- Full-text search over comment bodies for moderators (kept in step by triggers).
CREATE VIRTUAL TABLE comments_fts USING fts5 (
    body_markdown, content = 'comments', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO comments_fts (rowid, body_markdown) SELECT id, body_markdown FROM comments;
CREATE TRIGGER comments_fts_insert AFTER INSERT ON comments BEGIN
    INSERT INTO comments_fts (rowid, body_markdown) VALUES (new.id, new.body_markdown);
END;
CREATE TRIGGER comments_fts_delete AFTER DELETE ON comments BEGIN
    INSERT INTO comments_fts (comments_fts, rowid, body_markdown) VALUES ('delete', old.id, old.body_markdown);
END;
CREATE TRIGGER comments_fts_update AFTER UPDATE OF body_markdown ON comments BEGIN
    INSERT INTO comments_fts (comments_fts, rowid, body_markdown) VALUES ('delete', old.id, old.body_markdown);
    INSERT INTO comments_fts (rowid, body_markdown) VALUES (new.id, new.body_markdown);
END;
