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
        const HIT: &str = "INSERT INTO rate_limits (key, window_start, hits, expires_at) \
             VALUES ($1, $2, 1, $3) \
             ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limits.hits + 1 \
             RETURNING hits";
        let (window_start, expires_at) = (micros(window_start), micros(expires_at));
        match self {
            // SQLite has one write lock, which the comment writer holds most of the time
            // under load: a hit counted on a shared connection waited for it in SQLite's
            // busy handler (which sleeps 1, 2, 5… ms) with a reader's turn held, and the
            // writer waited for each hit. Counted in the writer's groups, hits wait for
            // nothing but their group. They lock no article row (0).
            Store::Sqlite(_, writer) => {
                let key: std::sync::Arc<str> = key.into();
                writer
                    .write(0, move |conn| {
                        let key = std::sync::Arc::clone(&key);
                        Box::pin(async move {
                            Ok(sqlx::query_scalar(HIT)
                                .bind(&*key)
                                .bind(window_start)
                                .bind(expires_at)
                                .fetch_one(&mut *conn)
                                .await?)
                        })
                    })
                    .await
            }
            // Unlogged (migration 0021): the hit commits without waiting for the WAL.
            Store::Postgres(pool, _) => Ok(sqlx::query_scalar(HIT)
                .bind(key)
                .bind(window_start)
                .bind(expires_at)
                .fetch_one(pool)
                .await?),
        }
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
