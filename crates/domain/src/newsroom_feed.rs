//! Newsroom feeds: the RSS or Atom feeds of a newsroom's own site that the operator tells
//! Tribune to follow, so that each new article gets a discussion without an editor. (Not to
//! be confused with the Atom feeds Tribune itself publishes.) This module holds what needs no
//! IO: the feed as stored, and when it is polled next.

use time::{Duration, OffsetDateTime};

/// A followed feed and how its polling went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewsroomFeed {
    pub id: i64,
    /// The address the operator configured: the only address ever fetched for this feed.
    pub url: String,
    /// The feed's own title, learnt at its last successful poll.
    pub title: String,
    pub added_at: OffsetDateTime,
    /// Validators of the last full answer, sent back for a conditional GET.
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub next_poll_at: OffsetDateTime,
    pub last_polled_at: Option<OffsetDateTime>,
    pub last_success_at: Option<OffsetDateTime>,
    /// Why the last poll failed; `None` once a poll succeeds.
    pub last_error: Option<String>,
    /// Polls failed in a row.
    pub failures: i64,
    /// Discussions this feed opened (articles that did not exist before).
    pub articles_opened: i64,
    /// Items that could not become articles, and why the last one could not.
    pub items_skipped: i64,
    pub last_skip: Option<String>,
}

/// The longest wait between two polls of a failing feed (unless the interval is longer).
pub const MAX_BACKOFF: Duration = Duration::hours(6);

/// How long after a poll a feed is polled again: the interval after a success; after
/// `failures` failures in a row, the interval doubled for each failure after the first, up to
/// [`MAX_BACKOFF`] (or the interval itself, if that is longer).
pub fn next_poll_delay(interval: Duration, failures: i64) -> Duration {
    if failures <= 1 {
        return interval;
    }
    let doublings = u32::try_from((failures - 1).min(20)).unwrap_or(20);
    let cap = if interval > MAX_BACKOFF {
        interval
    } else {
        MAX_BACKOFF
    };
    interval
        .checked_mul(1i32 << doublings)
        .map_or(cap, |delay| delay.min(cap))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failing_feeds_back_off_up_to_a_cap() {
        let ten = Duration::minutes(10);
        assert_eq!(next_poll_delay(ten, 0), ten);
        assert_eq!(next_poll_delay(ten, 1), ten);
        assert_eq!(next_poll_delay(ten, 2), Duration::minutes(20));
        assert_eq!(next_poll_delay(ten, 3), Duration::minutes(40));
        assert_eq!(next_poll_delay(ten, 30), MAX_BACKOFF);
        assert_eq!(next_poll_delay(ten, i64::MAX), MAX_BACKOFF);
        let day = Duration::hours(24);
        assert_eq!(
            next_poll_delay(day, 5),
            day,
            "never sooner than the interval"
        );
    }
}
