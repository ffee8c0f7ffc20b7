-- Rate-limit counters are written to the WAL no more: each hit was a transaction of its own,
-- two for every comment posted, and each waited for the WAL to be flushed to disk. A counter
-- needs no such durability; an unlogged table commits without that flush. What it costs: a
-- crash empties the table (every window starts again), and standbys do not have it (nodes
-- count on the primary, which they write to anyway).
ALTER TABLE rate_limits SET UNLOGGED;
