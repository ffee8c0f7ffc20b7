-- Unclaimed profiles: authors who wrote without an account (guests of the Isso-compatible
-- API), whom a reader may later claim by verifying the same email address.
--
-- A profile is unclaimed while `unclaimed_key` is set: a keyed hash of what identifies the
-- guest (the email given, or the network it wrote from, with the name). It has no password
-- and no session, so it cannot log in. `email` and `name_key` stay NOT NULL UNIQUE for
-- registered accounts: an unclaimed row holds `unclaimed:<key>` in both, which no email
-- address (they need an @) and no name key (letters and digits only) can equal, so a guest
-- never reserves or takes a registered reader's name or address.
-- `email_hash` is the keyed hash of the address the guest gave (never the address itself),
-- the handle by which a reader proves the profile theirs; `website` is what they gave.
ALTER TABLE users ADD COLUMN unclaimed_key TEXT;
ALTER TABLE users ADD COLUMN email_hash TEXT;
ALTER TABLE users ADD COLUMN website TEXT;
CREATE UNIQUE INDEX users_unclaimed_key ON users (unclaimed_key) WHERE unclaimed_key IS NOT NULL;
CREATE INDEX users_email_hash ON users (email_hash) WHERE email_hash IS NOT NULL;
