-- Notifications: replies, mentions and moderators' decisions, for each reader's inbox and
-- email. A background worker on every node writes them from the durable logs that comment
-- changes and moderators' actions leave in their own transactions (discussion_events,
-- moderation_log); the unique key makes each one exist once, however many nodes (or times)
-- the worker read its cause.

-- How a reader hears of notifications by email: `immediately` (one mail each), `daily` (one
-- digest a day) or `never`. The default is `immediately`: a news discussion lives for hours,
-- not days, so a reply is worth answering the day it is written, not in tomorrow's digest;
-- every mail carries a one-click unsubscribe.
ALTER TABLE users ADD COLUMN notify_email TEXT NOT NULL DEFAULT 'immediately'
    CHECK (notify_email IN ('immediately', 'daily', 'never'));
-- When the reader's last daily digest was due; the next one gathers what arrived since.
ALTER TABLE users ADD COLUMN last_digest_at INTEGER;

CREATE TABLE notifications (
    id           INTEGER PRIMARY KEY,
    recipient_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL
        CHECK (kind IN ('reply', 'mention', 'approved', 'rejected', 'edited')),
    comment_id   INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    -- Who acted: the author of the reply or mention, or the moderator.
    actor_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    -- A moderator's reason for a rejection, or their note on an edit.
    note         TEXT    NOT NULL DEFAULT '',
    -- The cause, so that reading a log again never repeats a notification: 0 for replies and
    -- mentions (one per comment and reader), the moderation_log entry for decisions.
    source_id    INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL,
    read_at      INTEGER,
    -- Email: `pending` (to send now or in the next digest), `sent`, or `skipped` (the reader
    -- wants no mail, or the comment went away before it was sent).
    email_state  TEXT    NOT NULL DEFAULT 'pending'
        CHECK (email_state IN ('pending', 'sent', 'skipped')),
    emailed_at   INTEGER,
    UNIQUE (recipient_id, kind, comment_id, source_id)
);
-- The inbox, newest first; the unread count in the header reads only the partial index.
CREATE INDEX notifications_inbox ON notifications (recipient_id, id);
CREATE INDEX notifications_unread ON notifications (recipient_id) WHERE read_at IS NULL;
CREATE INDEX notifications_mail ON notifications (recipient_id, id) WHERE email_state = 'pending';
CREATE INDEX notifications_comment ON notifications (comment_id);

-- How far the worker has read each log: every entry up to `last_id` is done. `gap_since`:
-- when the worker first found a missing id just after `last_id` (a transaction that took its
-- id and had not committed yet, or rolled back); the cursor waits there for a while.
CREATE TABLE notification_progress (
    source    TEXT    PRIMARY KEY,
    last_id   INTEGER NOT NULL,
    gap_since INTEGER
);
-- Start at the end of each log, so an existing site does not notify its history.
INSERT INTO notification_progress (source, last_id)
    SELECT 'discussion_events', COALESCE(MAX(id), 0) FROM discussion_events;
INSERT INTO notification_progress (source, last_id)
    SELECT 'moderation_log', COALESCE(MAX(id), 0) FROM moderation_log;
