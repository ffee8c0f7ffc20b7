-- Core schema. Timestamps are INTEGER microseconds since the Unix epoch on both backends
-- (see ARCHITECTURE.md, "Storage"): SQLite has no timestamp type, and text timestamps do not
-- compare correctly.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    display_name  TEXT    NOT NULL,
    name_key      TEXT    NOT NULL UNIQUE,
    password_hash TEXT,
    role          TEXT    NOT NULL CHECK (role IN ('reader', 'moderator', 'admin')),
    created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    role       TEXT    NOT NULL CHECK (role IN ('editor')),
    token_hash TEXT    NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);

CREATE TABLE articles (
    id             INTEGER PRIMARY KEY,
    slug           TEXT    NOT NULL UNIQUE,
    headline       TEXT    NOT NULL,
    lead           TEXT    NOT NULL,
    body_markdown  TEXT    NOT NULL,
    body_html      TEXT    NOT NULL,
    -- JSON array of {"html", "text"}: the body split into paragraphs, for anchors and quotes
    paragraphs     TEXT    NOT NULL,
    byline         TEXT    NOT NULL,
    dateline       TEXT    NOT NULL,
    credit         TEXT    NOT NULL,
    source         TEXT    NOT NULL,
    rights         TEXT    NOT NULL,
    tags           TEXT    NOT NULL, -- one tag per line
    canonical_url  TEXT    NOT NULL,
    published_at   INTEGER NOT NULL,
    comment_policy TEXT    NOT NULL CHECK (comment_policy IN ('open', 'post-moderated', 'pre-moderated', 'pre-moderate-untrusted', 'closed')),
    closes_at      INTEGER,
    comment_count  INTEGER NOT NULL DEFAULT 0,
    -- Bumped by every change to the discussion (comment written, edited, deleted, reacted
    -- to): rendered pages are cached under it, on every node alike.
    discussion_version INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX articles_published ON articles (published_at, id);

CREATE TABLE comments (
    id             INTEGER PRIMARY KEY,
    article_id     INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    author_id      INTEGER NOT NULL REFERENCES users (id),
    -- The comment this one answers, and the top-level comment of its thread (itself when
    -- top-level): threads are fetched by root, so a page of threads is one range of roots.
    parent_id      INTEGER REFERENCES comments (id),
    root_id        INTEGER NOT NULL,
    depth          INTEGER NOT NULL DEFAULT 0,
    body_markdown  TEXT    NOT NULL,
    body_html      TEXT    NOT NULL,
    -- JSON arrays of the mentions and quotations found when the body was written
    mentions       TEXT    NOT NULL DEFAULT '[]',
    quotes         TEXT    NOT NULL DEFAULT '[]',
    status         TEXT    NOT NULL CHECK (status IN ('published', 'held', 'rejected')),
    reaction_count INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    edited_at      INTEGER,
    deleted_at     INTEGER
);
-- Pages of a discussion walk these indexes in order and stop after a page; visibility
-- (status, author) is read from the index itself, so counting for permalinks touches no rows.
CREATE INDEX comments_article ON comments (article_id, id, status, author_id);
CREATE INDEX comments_roots ON comments (article_id, parent_id, id, status, author_id);
CREATE INDEX comments_thread ON comments (article_id, root_id, id);
CREATE INDEX comments_liked ON comments (article_id, reaction_count DESC, id, status, author_id);
CREATE INDEX comments_author ON comments (author_id, id);

-- Earlier versions of edited comments, for moderators.
CREATE TABLE comment_revisions (
    id            INTEGER PRIMARY KEY,
    comment_id    INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    body_markdown TEXT    NOT NULL,
    written_at    INTEGER NOT NULL,
    replaced_at   INTEGER NOT NULL
);
CREATE INDEX comment_revisions_comment ON comment_revisions (comment_id, id);

-- One reaction per reader per comment.
CREATE TABLE reactions (
    comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (comment_id, user_id)
);
CREATE INDEX reactions_user ON reactions (user_id, comment_id);

-- Who a comment mentions (for notifications) and which article paragraphs it quotes.
CREATE TABLE comment_mentions (
    comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (comment_id, user_id)
);
CREATE TABLE comment_quotes (
    comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    paragraph  INTEGER NOT NULL,
    PRIMARY KEY (comment_id, paragraph)
);
CREATE INDEX comment_quotes_article ON comment_quotes (article_id, paragraph);

CREATE TABLE site_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
