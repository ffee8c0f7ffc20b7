-- Signing in inside an embedded discussion. The reader signs in on Tribune's own page (a
-- pop-up), which hands the frame a one-time code; the frame trades it for a session of its
-- own. Only the code's SHA-256 is stored, and it is used up by the trade.
CREATE TABLE sign_in_codes (
    code_hash  TEXT    PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL
);
CREATE INDEX sign_in_codes_expiry ON sign_in_codes (expires_at);

-- Readers of a newsroom's site signed in by its single sign-on: the site's id for its user
-- (the JWT's `sub`) and the Tribune account it was linked to on first sight.
CREATE TABLE sso_identities (
    subject    TEXT    PRIMARY KEY,
    user_id    BIGINT NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT  NOT NULL
);
