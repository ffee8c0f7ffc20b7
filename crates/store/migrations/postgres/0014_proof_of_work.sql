-- Proof-of-work challenges already answered: a challenge is signed and expires by itself, and
-- is kept here from its first use until it expires, so that one solution is not used twice.
CREATE TABLE proofs_of_work_spent (
    challenge_hash TEXT    PRIMARY KEY,
    expires_at     BIGINT NOT NULL
);
CREATE INDEX proofs_of_work_spent_expiry ON proofs_of_work_spent (expires_at);
