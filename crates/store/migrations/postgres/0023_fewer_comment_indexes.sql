-- The comments' indexes as on SQLite (its migrations 0019 and 0020): fewer places for each new
-- comment to write (four entries led by the author or the status for a published comment,
-- now two).
--
-- One index by author instead of three: the posting history counts the author's published and
-- rejected comments in one walk of it, a reader's page is a range of it, newest first, and the
-- count of their recent comments reads `created_at` from it without touching a row.
DROP INDEX comments_author;
DROP INDEX comments_author_time;
DROP INDEX comments_author_status;
CREATE INDEX comments_author ON comments (author_id, status, id, created_at);

-- The risk order serves only the queue of held comments (the queue of recent comments sorts
-- its latest 500 itself), so published comments, nearly all of them, no longer enter it; the
-- queue of rejected comments, newest first, takes both its filter and its order from
-- (status, id), where it sorted every rejected comment by id.
DROP INDEX comments_queue;
CREATE INDEX comments_held ON comments (risk DESC, id) WHERE status = 'held';
CREATE INDEX comments_status ON comments (status, id);
