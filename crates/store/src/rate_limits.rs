//! Rate-limit counters: fixed windows per key. PostgreSQL counts them in a table, so that
//! every node of a site shares them; SQLite, which one process serves, in that process's
//! memory ([`LocalCounters`]).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use time::OffsetDateTime;

use crate::{Result, Store, micros};

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
            Store::Sqlite(.., counters) => Ok(counters.hit(key, window_start, expires_at)),
            // Unlogged (migration 0021): the hit commits without waiting for the WAL.
            Store::Postgres(pool, ..) => Ok(sqlx::query_scalar(HIT)
                .bind(key)
                .bind(window_start)
                .bind(expires_at)
                .fetch_one(pool)
                .await?),
        }
    }

    /// Forgets windows that have ended.
    pub async fn sweep_rate_limits(&self, now: OffsetDateTime) -> Result<u64> {
        match self {
            Store::Sqlite(.., counters) => Ok(counters.sweep(micros(now))),
            Store::Postgres(pool, ..) => {
                Ok(sqlx::query("DELETE FROM rate_limits WHERE expires_at < $1")
                    .bind(micros(now))
                    .execute(pool)
                    .await?
                    .rows_affected())
            }
        }
    }
}

/// SQLite's rate-limit counters, in memory.
///
/// Counted in the database, every comment posted on SQLite made two writes of its own (its
/// account's hit and its address's), each a turn in the comment writer's groups and two
/// hand-offs to SQLite's thread and back, for a number nobody needs to survive a restart.
/// PostgreSQL's counters do not survive a crash either (its table is unlogged, migration
/// 0021): a restart starts every window again, which lets a reader at most one window's
/// allowance more. A site on SQLite is served by one process, whose counters are all there
/// are. (Two processes serving one file would each count their own hits.)
#[derive(Clone, Debug, Default)]
pub struct LocalCounters {
    shared: Arc<Mutex<Windows>>,
}

#[derive(Debug, Default)]
struct Windows {
    /// (key, the window's start) → its hits and its end, in microseconds.
    counts: HashMap<(String, i64), Count>,
    /// The size at which ended windows are forgotten without waiting for the hourly sweep.
    sweep_at: usize,
}

#[derive(Debug, Clone, Copy)]
struct Count {
    hits: i64,
    expires_at: i64,
}

/// Below this many windows, ended ones wait for the hourly sweep.
const SWEEP_FROM: usize = 4096;

impl LocalCounters {
    fn hit(&self, key: &str, window_start: i64, expires_at: i64) -> i64 {
        // Never left half-changed by a panic: one update per lock.
        let mut windows = self.shared.lock().unwrap_or_else(PoisonError::into_inner);
        // A flood from many addresses opens many windows within the hour: forget ended ones
        // as the map doubles, so it holds at most twice the windows still open. Ended: before
        // this hit's window started, so before now.
        if windows.counts.len() >= windows.sweep_at.max(SWEEP_FROM) {
            windows.forget_ended(window_start);
            windows.sweep_at = windows.counts.len() * 2;
        }
        let count = windows
            .counts
            .entry((key.to_owned(), window_start))
            .or_insert(Count {
                hits: 0,
                expires_at,
            });
        count.hits += 1;
        count.hits
    }

    fn sweep(&self, now: i64) -> u64 {
        let mut windows = self.shared.lock().unwrap_or_else(PoisonError::into_inner);
        u64::try_from(windows.forget_ended(now)).unwrap_or(u64::MAX)
    }
}

impl Windows {
    /// Forgets the windows that ended before `now`; returns how many.
    fn forget_ended(&mut self, now: i64) -> usize {
        let before = self.counts.len();
        self.counts.retain(|_, count| count.expires_at >= now);
        before - self.counts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ended_windows_are_forgotten_as_the_counters_grow() {
        let counters = LocalCounters::default();
        for address in 0..SWEEP_FROM {
            counters.hit(&format!("comment:address:{address}"), 0, 60);
        }
        // A later window's first hit finds the map full of ended windows.
        assert_eq!(counters.hit("comment:account:1", 120, 180), 1);
        let windows = counters.shared.lock().unwrap();
        assert_eq!(windows.counts.len(), 1);
    }

    #[test]
    fn open_windows_are_kept_however_many() {
        let counters = LocalCounters::default();
        for address in 0..=SWEEP_FROM {
            counters.hit(&format!("comment:address:{address}"), 0, 60);
        }
        assert_eq!(counters.hit("comment:address:7", 0, 60), 2);
        assert_eq!(counters.sweep(30), 0);
        assert_eq!(counters.sweep(61), SWEEP_FROM as u64 + 1);
    }
}
