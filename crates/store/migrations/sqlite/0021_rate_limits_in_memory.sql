-- Rate-limit counters are kept in the serving process's memory (see `rate_limits.rs`): each
-- hit was a write of its own, two for every comment posted, for a count nobody needs after a
-- restart. PostgreSQL keeps its table (unlogged, its migration 0021): its nodes share it.
DROP TABLE rate_limits;
