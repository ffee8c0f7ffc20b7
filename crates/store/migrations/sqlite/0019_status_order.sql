-- The queue of rejected comments, newest first, from an index that gives both the filter and
-- the order. The moderation queue's index (status, risk, id) gives only the filter: each page
-- of the queue sorted every rejected comment by id. And where the statistics cannot tell that
-- 'rejected' is rare (SQLite built without STAT4, as Debian builds it, on a site where every
-- comment was published), the planner walked the whole table backwards instead: 5 s on
-- 1,000,000 comments.
CREATE INDEX comments_status ON comments (status, id);
