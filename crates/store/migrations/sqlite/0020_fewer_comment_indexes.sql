-- Fewer places for each new comment to write. Indexes led by a value that changes from comment
-- to comment (the author, the risk score) put each new comment on a page of its own: under a
-- burst, most of what the writer wrote and flushed.
--
-- One index by author instead of three: the author's published and rejected comments are
-- each a range of it (the posting history's counts, a reader's page, newest first); the
-- count of their recent comments reads `created_at` from it too, walking the author's entries
-- without touching a row.
DROP INDEX comments_author;
DROP INDEX comments_author_time;
DROP INDEX comments_author_status;
CREATE INDEX comments_author ON comments (author_id, status, id, created_at);

-- The risk order serves only the queue of held comments: the queue of recent comments sorts
-- its latest 500 itself. Published comments, nearly all of them, no longer enter it.
DROP INDEX comments_queue;
CREATE INDEX comments_held ON comments (risk DESC, id) WHERE status = 'held';
