-- Newsroom feeds: RSS and Atom feeds of a newsroom's own site that the operator follows.
-- Every node polls: a node claims a due feed by setting claimed_until (a lease) in one UPDATE,
-- so two nodes never poll the same feed at once; a lease that runs out (its node died
-- mid-poll) makes the feed due again.
CREATE TABLE newsroom_feeds (
    id              INTEGER PRIMARY KEY,
    url             TEXT   NOT NULL UNIQUE,
    -- Learnt from the feed at each successful poll.
    title           TEXT   NOT NULL DEFAULT '',
    added_at        INTEGER NOT NULL,
    -- Validators of the last 200 answer, sent back as If-None-Match / If-Modified-Since.
    etag            TEXT,
    last_modified   TEXT,
    next_poll_at    INTEGER NOT NULL,
    claimed_until   INTEGER,
    last_polled_at  INTEGER,
    last_success_at INTEGER,
    -- Why the last poll failed (NULL after a success), for the admin page.
    last_error      TEXT,
    failures        INTEGER NOT NULL DEFAULT 0,
    articles_opened INTEGER NOT NULL DEFAULT 0,
    -- Items of the last poll that could not become articles, and why (the last one).
    items_skipped   INTEGER NOT NULL DEFAULT 0,
    last_skip       TEXT
);
CREATE INDEX newsroom_feeds_due ON newsroom_feeds (next_poll_at);

-- Items already handled, each under every key it was seen by ('id:' and the feed's id or
-- guid, 'url:' and its canonical link), so a duplicated or re-published item never opens a
-- second discussion, and an item whose article an editor removed or moved is not opened again.
CREATE TABLE newsroom_feed_items (
    feed_id    INTEGER NOT NULL REFERENCES newsroom_feeds (id) ON DELETE CASCADE,
    item_key   TEXT   NOT NULL,
    article_id INTEGER REFERENCES articles (id) ON DELETE SET NULL,
    seen_at    INTEGER NOT NULL,
    PRIMARY KEY (feed_id, item_key)
);
