//! Signed-in readers as their page views see them, kept in this node's memory for at most
//! `http.max_staleness_ms`: a reader who reads a busy story reloads it, follows its threads
//! and opens its permalinks, and each view would otherwise ask the database who they are and
//! how many notifications they have not read before the page cache could answer.
//!
//! Only views use it (requests that change nothing): every write checks its session against
//! the database, and once it is done the session is forgotten here, so the reader's next page
//! shows what they just did (a notification read, a language chosen, a log-out). A use case
//! that changes someone's account (a role, a ban, trust, a verified address, a new password,
//! a deletion) forgets all their sessions ([`crate::Tribune::account_changed`]). What one
//! node cannot hear — a moderator's ban on another node, a notification written meanwhile, a
//! session ended by a password change elsewhere — shows in that reader's views at most
//! `http.max_staleness_ms` late; it never lets them change anything.

use std::num::NonZeroUsize;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use lru::LruCache;
use time::OffsetDateTime;
use tribune_domain::User;

/// Sessions kept at most: the readers active in the last second or so.
const SESSIONS_KEPT: usize = 16_384;

#[derive(Debug)]
pub(crate) struct ViewingSessions {
    fresh_for: Duration,
    /// By the session token's hash.
    sessions: Mutex<LruCache<String, Viewing>>,
}

/// What a view needs to know of a signed-in reader.
#[derive(Debug, Clone)]
pub(crate) struct Viewing {
    pub(crate) user: User,
    pub(crate) expires_at: OffsetDateTime,
    /// Their unread notifications, once a view asked for them.
    pub(crate) unread: Option<i64>,
    read_at: Instant,
}

impl Viewing {
    pub(crate) fn new(user: User, expires_at: OffsetDateTime, read_at: Instant) -> Self {
        Self {
            user,
            expires_at,
            unread: None,
            read_at,
        }
    }
}

impl ViewingSessions {
    /// `fresh_for` zero keeps nothing.
    pub(crate) fn new(fresh_for: Duration) -> Self {
        Self {
            fresh_for,
            sessions: Mutex::new(LruCache::new(
                NonZeroUsize::new(SESSIONS_KEPT).unwrap_or(NonZeroUsize::MIN),
            )),
        }
    }

    fn sessions(&self) -> std::sync::MutexGuard<'_, LruCache<String, Viewing>> {
        // A cache: one left half-updated by a panic is still safe to use.
        self.sessions.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The session under `hash`, if it was read recently enough.
    pub(crate) fn get(&self, hash: &str) -> Option<Viewing> {
        let mut sessions = self.sessions();
        match sessions.get(hash) {
            Some(viewing) if viewing.read_at.elapsed() < self.fresh_for => Some(viewing.clone()),
            Some(_) => {
                sessions.pop(hash);
                None
            }
            None => None,
        }
    }

    pub(crate) fn keep(&self, hash: String, viewing: Viewing) {
        if !self.fresh_for.is_zero() {
            self.sessions().put(hash, viewing);
        }
    }

    pub(crate) fn forget(&self, hash: &str) {
        self.sessions().pop(hash);
    }

    /// Forgets every reader's unread count (notifications were written or taken back).
    pub(crate) fn forget_unread_counts(&self) {
        for (_, viewing) in self.sessions().iter_mut() {
            viewing.unread = None;
        }
    }

    /// Forgets every session of one reader (their account changed). Rare: a scan is fine.
    pub(crate) fn forget_user(&self, user_id: i64) {
        let mut sessions = self.sessions();
        let theirs: Vec<String> = sessions
            .iter()
            .filter(|(_, viewing)| viewing.user.id == user_id)
            .map(|(hash, _)| hash.clone())
            .collect();
        for hash in theirs {
            sessions.pop(&hash);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewing(user_id: i64) -> Viewing {
        let user = User {
            id: user_id,
            display_name: format!("Reader {user_id}"),
            email: format!("{user_id}@example.org"),
            email_verified: true,
            role: tribune_domain::Role::Reader,
            created_at: OffsetDateTime::UNIX_EPOCH,
            trusted: false,
            banned_until: None,
            ban_reason: None,
            guest: false,
        };
        Viewing::new(user, OffsetDateTime::UNIX_EPOCH, Instant::now())
    }

    #[test]
    fn a_session_is_kept_until_it_is_forgotten() {
        let sessions = ViewingSessions::new(Duration::from_secs(60));
        sessions.keep("a".to_owned(), viewing(1));
        assert_eq!(sessions.get("a").map(|v| v.user.id), Some(1));
        sessions.forget("a");
        assert!(sessions.get("a").is_none());
    }

    #[test]
    fn a_changed_account_forgets_every_session_of_it_and_only_those() {
        let sessions = ViewingSessions::new(Duration::from_secs(60));
        sessions.keep("phone".to_owned(), viewing(1));
        sessions.keep("laptop".to_owned(), viewing(1));
        sessions.keep("other".to_owned(), viewing(2));
        sessions.forget_user(1);
        assert!(sessions.get("phone").is_none() && sessions.get("laptop").is_none());
        assert!(sessions.get("other").is_some());
    }

    #[test]
    fn new_notifications_forget_the_counts_but_not_the_readers() {
        let sessions = ViewingSessions::new(Duration::from_secs(60));
        let mut counted = viewing(1);
        counted.unread = Some(3);
        sessions.keep("a".to_owned(), counted);
        sessions.forget_unread_counts();
        let kept = sessions.get("a").expect("still kept");
        assert_eq!((kept.user.id, kept.unread), (1, None));
    }

    #[test]
    fn a_session_older_than_the_bound_is_read_again() {
        let sessions = ViewingSessions::new(Duration::from_millis(1));
        sessions.keep("a".to_owned(), viewing(1));
        std::thread::sleep(Duration::from_millis(5));
        assert!(sessions.get("a").is_none());
    }

    #[test]
    fn a_zero_bound_keeps_nothing() {
        let sessions = ViewingSessions::new(Duration::ZERO);
        sessions.keep("a".to_owned(), viewing(1));
        assert!(sessions.get("a").is_none());
    }
}
