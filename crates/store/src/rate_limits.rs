//! Rate-limit counters: fixed windows per key, counted in the database so that every node of
//! a site shares them.

use time::OffsetDateTime;

use crate::{Result, Store, micros, with_pool};

impl Store {
    /// Counts one more hit of `key` in the window that started at `window_start` and ends
    /// at `expires_at`; returns the hits in that window so far, this one included.
    pub async fn hit_rate_limit(
        &self,
        key: &str,
        window_start: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> Result<i64> {
        with_pool!(self, |pool| {
            Ok(sqlx::query_scalar(
                "INSERT INTO rate_limits (key, window_start, hits, expires_at) \
                 VALUES ($1, $2, 1, $3) \
                 ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limits.hits + 1 \
                 RETURNING hits",
            )
            .bind(key)
            .bind(micros(window_start))
            .bind(micros(expires_at))
            .fetch_one(pool)
            .await?)
        })
    }

    /// Forgets windows that have ended.
    pub async fn sweep_rate_limits(&self, now: OffsetDateTime) -> Result<u64> {
        with_pool!(self, |pool| {
            Ok(sqlx::query("DELETE FROM rate_limits WHERE expires_at < $1")
                .bind(micros(now))
                .execute(pool)
                .await?
                .rows_affected())
        })
    }
}
