-- The queue of rejected comments, newest first, straight from an index. Tribune's SQLite is
-- built without STAT4 (see .cargo/config.toml), so after an ANALYZE the planner knows only how
-- many rows a status has on average, not that 'rejected' is rare: on a site where every
-- comment was published (an imported archive), it walked the whole table backwards to find
-- none (5 s on 1,000,000 comments). This index answers both the filter and the order.
CREATE INDEX comments_status ON comments (status, id);
