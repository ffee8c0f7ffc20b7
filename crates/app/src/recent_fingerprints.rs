//! The fingerprints of the site's latest comments, kept in this node's memory for the
//! near-duplicate check: every comment posted is compared with the latest few hundred by
//! anyone, and reading them all again for each one (hundreds of rows turned into text) was
//! the largest part of its posting history. The posting history now brings only the
//! fingerprints written since the newest comment this node has seen; they are added here,
//! and what falls out of the window (or past the most compared) is dropped.
//!
//! What this may miss: on PostgreSQL with several nodes, a comment another node's group
//! commits after this node already saw a later id (ids are taken before commit). It stays
//! out of this node's comparisons; a flood of copies still shows as the others. On SQLite
//! ids are taken in commit order, and nothing is missed.

use std::collections::VecDeque;
use std::sync::{Mutex, PoisonError};

use time::OffsetDateTime;
use tribune_store::RecentFingerprint;

#[derive(Debug, Default)]
pub(crate) struct RecentFingerprints {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    /// The newest comment seen (`None` until the first read): later reads bring only what
    /// came after it.
    newest_comment_id: Option<i64>,
    /// Oldest first, by comment id.
    kept: VecDeque<RecentFingerprint>,
}

impl RecentFingerprints {
    /// The comment after which the next posting history reads fingerprints: `None` reads
    /// the latest of the whole window.
    pub(crate) fn read_after(&self) -> Option<i64> {
        self.state().newest_comment_id
    }

    /// Adds what a posting history read (read after `read_after`, or the whole window's
    /// latest when that was `None`), drops what is older than `since`, keeps the latest
    /// `most`, and counts those for which `is_near` holds.
    pub(crate) fn add_and_count(
        &self,
        read: &[RecentFingerprint],
        newest_comment_id: i64,
        since: OffsetDateTime,
        most: usize,
        is_near: impl Fn(i64) -> bool,
    ) -> usize {
        let mut state = self.state();
        let known = state.kept.back().map_or(0, |f| f.comment_id);
        // Another request may have added some of these already: only the newer ones.
        let mut newer: Vec<RecentFingerprint> = read
            .iter()
            .filter(|f| f.comment_id > known)
            .copied()
            .collect();
        newer.sort_unstable_by_key(|f| f.comment_id);
        state.kept.extend(newer);
        state.kept.retain(|f| f.created_at >= since);
        let surplus = state.kept.len().saturating_sub(most);
        state.kept.drain(..surplus);
        state.newest_comment_id = Some(
            state
                .newest_comment_id
                .map_or(newest_comment_id, |seen| seen.max(newest_comment_id)),
        );
        state.kept.iter().filter(|f| is_near(f.simhash)).count()
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use time::Duration;
    use time::macros::datetime;

    use super::*;

    const NOW: OffsetDateTime = datetime!(2026-11-27 12:00 UTC);

    fn at(comment_id: i64, minutes_ago: i64, simhash: i64) -> RecentFingerprint {
        RecentFingerprint {
            comment_id,
            created_at: NOW - Duration::minutes(minutes_ago),
            simhash,
        }
    }

    #[test]
    fn reads_after_the_newest_comment_seen_once_one_was_read() {
        let recent = RecentFingerprints::default();
        assert_eq!(
            recent.read_after(),
            None,
            "the first read takes the whole window"
        );
        recent.add_and_count(&[at(7, 1, 0)], 9, NOW - Duration::minutes(10), 500, |_| {
            true
        });
        assert_eq!(recent.read_after(), Some(9), "comment 9 had no fingerprint");
        // A read that began before another request's does not move the mark back.
        recent.add_and_count(&[], 8, NOW - Duration::minutes(10), 500, |_| true);
        assert_eq!(recent.read_after(), Some(9));
    }

    #[test]
    fn counts_each_kept_comment_once_within_the_window_and_the_most_compared() {
        let recent = RecentFingerprints::default();
        let since = NOW - Duration::minutes(10);
        let near = |simhash| simhash == 1;
        // Newest first, as read; one is already past the window.
        let first = [at(3, 1, 1), at(2, 2, 0), at(1, 11, 1)];
        assert_eq!(recent.add_and_count(&first, 3, since, 500, near), 1);
        // Two requests read the same new comment: it counts once.
        assert_eq!(recent.add_and_count(&[at(4, 1, 1)], 4, since, 500, near), 2);
        assert_eq!(recent.add_and_count(&[at(4, 1, 1)], 4, since, 500, near), 2);
        // Only the latest `most` are compared.
        assert_eq!(recent.add_and_count(&[at(5, 0, 0)], 5, since, 2, near), 1);
        // The window moves on: comment 4 falls out of it, 5 stays.
        let since = NOW - Duration::seconds(30);
        assert_eq!(recent.add_and_count(&[], 5, since, 500, |_| true), 1);
    }
}
