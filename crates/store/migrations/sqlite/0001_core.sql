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
    byline         TEXT    NOT NULL,
    dateline       TEXT    NOT NULL,
    credit         TEXT    NOT NULL,
    source         TEXT    NOT NULL,
    rights         TEXT    NOT NULL,
    tags           TEXT    NOT NULL, -- one tag per line
    canonical_url  TEXT    NOT NULL,
    published_at   INTEGER NOT NULL,
    comment_policy TEXT    NOT NULL CHECK (comment_policy IN ('open', 'pre-moderated', 'closed')),
    closes_at      INTEGER,
    comment_count  INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX articles_published ON articles (published_at, id);

CREATE TABLE comments (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    author_id     INTEGER NOT NULL REFERENCES users (id),
    body_markdown TEXT    NOT NULL,
    body_html     TEXT    NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('published', 'held', 'rejected')),
    created_at    INTEGER NOT NULL
);
CREATE INDEX comments_article ON comments (article_id, status, id);
CREATE INDEX comments_author ON comments (author_id, id);

CREATE TABLE site_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
