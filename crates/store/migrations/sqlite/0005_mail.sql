-- Email: the outbox every node sends from, whether each account's address is verified, and
-- the single-use links sent to verify an address or reset a password.

-- A message waits in the outbox until a node's mailer sends it. next_attempt_at is NULL once
-- it is sent or given up (the row keeps its last error). A node claims due messages by
-- setting claimed_until (a lease) in one UPDATE, so two nodes never send the same message;
-- a lease that runs out (its node died mid-send) makes the message due again.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    recipient       TEXT   NOT NULL,
    subject         TEXT   NOT NULL,
    body_text       TEXT   NOT NULL,
    body_html       TEXT,
    unsubscribe_url TEXT,
    created_at      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER,
    claimed_until   INTEGER,
    sent_at         INTEGER,
    last_error      TEXT
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX outbox_sent ON outbox (sent_at) WHERE sent_at IS NOT NULL;

ALTER TABLE users ADD COLUMN email_verified_at INTEGER;

-- Links sent by email, kept as the SHA-256 of their secret. email is the address the link
-- went to: following it proves that address only.
CREATE TABLE email_tokens (
    token_hash TEXT   PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT   NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    email      TEXT   NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX email_tokens_user ON email_tokens (user_id, purpose);
CREATE INDEX email_tokens_expiry ON email_tokens (expires_at);
