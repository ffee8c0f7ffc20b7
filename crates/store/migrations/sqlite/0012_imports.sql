-- Imports from other comment systems (Disqus, WordPress, Isso, Remark42, Commento).
--
-- Every record an import has seen is remembered under its source and its id there, with the
-- row it became here (an article for a thread, a comment, a user for an author), or NULL
-- when it was skipped (a deleted thread: its comments are skipped with it). Running an import
-- again finds each record here and changes nothing; a reply whose parent comes later in the
-- file finds it here, so no map of ids is held in memory. Written in the import's one
-- transaction, with the rows themselves.
CREATE TABLE imported (
    source      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    external_id TEXT NOT NULL,
    local_id    BIGINT,
    PRIMARY KEY (source, kind, external_id)
);
