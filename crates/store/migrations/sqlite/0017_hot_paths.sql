-- Every comment posted reads the fingerprints of the latest 500 (near-duplicate spam): with
-- the fingerprint in the index, that is one walk along it instead of 500 row lookups. (On
-- PostgreSQL, this migration also makes every change to an article notify the nodes.)
DROP INDEX comments_created;
CREATE INDEX comments_created ON comments (created_at, simhash);
