//! The articles readers are reading, kept in this node's memory, so that a page served from
//! the page cache costs no query: its key needs the article's `discussion_version`,
//! `updated_at` and comment policy, and a busy story is asked for thousands of times a second.
//!
//! An entry is dropped the moment this node hears its article changed: use cases announce
//! their own writes once committed ([`Tribune::discussion_changed`]), and on PostgreSQL every
//! node hears every other node's through `LISTEN` (a trigger notifies whenever an article row
//! changes, which every comment, reaction, edit and moderation decision does). What cannot be
//! heard — another process writing the SQLite file (the command line), a notification lost
//! with its connection before the listener noticed — is bounded by `http.max_staleness_ms`:
//! an entry older than that is read again.
//!
//! A read that overlaps a change must not keep what it read (it may be the row from before
//! the change): every change heard counts one, and a read keeps its row only if nothing was
//! heard while it ran.

use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use lru::LruCache;
use tribune_domain::Article;
use tribune_store::Heard;

/// Articles kept at most: the stories being read now are a handful; the rest are read from
/// the database as before.
const ARTICLES_KEPT: usize = 1024;

#[derive(Debug)]
pub(crate) struct ShownArticles {
    fresh_for: Duration,
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    by_slug: LruCache<String, Shown>,
    /// Which slug each kept article is under, to drop it by id when it changes.
    slugs: std::collections::HashMap<i64, String>,
    /// Changes heard so far (see the module's doc).
    heard: u64,
}

#[derive(Debug)]
struct Shown {
    article: Arc<Article>,
    read_at: Instant,
}

/// What a read started with, to keep its row only if nothing changed meanwhile.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ReadTicket {
    heard: u64,
    started: Instant,
}

impl ShownArticles {
    /// `fresh_for` zero keeps nothing: every read asks the database.
    pub(crate) fn new(fresh_for: Duration) -> Self {
        Self {
            fresh_for,
            state: Mutex::new(State {
                by_slug: LruCache::new(
                    NonZeroUsize::new(ARTICLES_KEPT).unwrap_or(NonZeroUsize::MIN),
                ),
                slugs: std::collections::HashMap::new(),
                heard: 0,
            }),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        // The state is a cache: one left half-updated by a panic is still safe to use.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The article kept under `slug`, if it is still fresh; else a ticket for reading it.
    pub(crate) fn get(&self, slug: &str) -> Result<Arc<Article>, ReadTicket> {
        let mut state = self.state();
        if let Some(shown) = state.by_slug.get(slug)
            && shown.read_at.elapsed() < self.fresh_for
        {
            return Ok(Arc::clone(&shown.article));
        }
        Err(ReadTicket {
            heard: state.heard,
            started: Instant::now(),
        })
    }

    /// Keeps what a read found, unless a change was heard while it ran.
    pub(crate) fn keep(&self, slug: &str, article: Arc<Article>, ticket: ReadTicket) {
        if self.fresh_for.is_zero() {
            return;
        }
        let mut state = self.state();
        if state.heard != ticket.heard {
            return;
        }
        let id = article.id;
        let shown = Shown {
            article,
            read_at: ticket.started,
        };
        if let Some((evicted_slug, evicted)) = state.by_slug.push(slug.to_owned(), shown)
            && evicted_slug != slug
        {
            state.slugs.remove(&evicted.article.id);
        }
        state.slugs.insert(id, slug.to_owned());
    }

    /// Forgets what changed.
    pub(crate) fn heard(&self, heard: Heard) {
        let mut state = self.state();
        state.heard = state.heard.wrapping_add(1);
        match heard {
            Heard::Article(id) => {
                if let Some(slug) = state.slugs.remove(&id) {
                    state.by_slug.pop(&slug);
                }
            }
            Heard::Anything => {
                state.by_slug.clear();
                state.slugs.clear();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: i64, slug: &str, version: i64) -> Arc<Article> {
        let at = time::OffsetDateTime::UNIX_EPOCH;
        Arc::new(Article {
            id,
            slug: slug.to_owned(),
            headline: String::new(),
            lead: String::new(),
            body_markdown: String::new(),
            body_html: String::new(),
            paragraphs: Vec::new(),
            byline: String::new(),
            dateline: String::new(),
            credit: String::new(),
            source: String::new(),
            rights: String::new(),
            tags: Vec::new(),
            canonical_url: String::new(),
            published_at: at,
            comment_policy: tribune_domain::CommentPolicy::Open,
            closes_at: None,
            comment_count: 0,
            discussion_version: version,
            created_at: at,
            updated_at: at,
            moderator_note: None,
            last_event: 0,
        })
    }

    #[test]
    fn a_kept_article_is_shown_until_it_changes() {
        let shown = ShownArticles::new(Duration::from_secs(60));
        let ticket = shown.get("a").unwrap_err();
        shown.keep("a", article(1, "a", 1), ticket);
        assert_eq!(shown.get("a").map(|a| a.discussion_version).ok(), Some(1));
        shown.heard(Heard::Article(2));
        assert!(shown.get("a").is_ok(), "another article's change leaves it");
        shown.heard(Heard::Article(1));
        assert!(shown.get("a").is_err(), "its own change drops it");
    }

    #[test]
    fn a_read_that_overlaps_a_change_is_not_kept() {
        let shown = ShownArticles::new(Duration::from_secs(60));
        let ticket = shown.get("a").unwrap_err();
        shown.heard(Heard::Article(1));
        shown.keep("a", article(1, "a", 1), ticket);
        assert!(shown.get("a").is_err());
    }

    #[test]
    fn anything_changed_drops_everything() {
        let shown = ShownArticles::new(Duration::from_secs(60));
        for (id, slug) in [(1, "a"), (2, "b")] {
            let ticket = shown.get(slug).unwrap_err();
            shown.keep(slug, article(id, slug, 1), ticket);
        }
        shown.heard(Heard::Anything);
        assert!(shown.get("a").is_err() && shown.get("b").is_err());
    }

    #[test]
    fn an_entry_older_than_the_bound_is_read_again() {
        let shown = ShownArticles::new(Duration::from_millis(1));
        let ticket = shown.get("a").unwrap_err();
        shown.keep("a", article(1, "a", 1), ticket);
        std::thread::sleep(Duration::from_millis(5));
        assert!(shown.get("a").is_err());
    }

    #[test]
    fn a_zero_bound_keeps_nothing() {
        let shown = ShownArticles::new(Duration::ZERO);
        let ticket = shown.get("a").unwrap_err();
        shown.keep("a", article(1, "a", 1), ticket);
        assert!(shown.get("a").is_err());
    }

    #[test]
    fn an_evicted_article_is_forgotten_by_id_too() {
        let shown = ShownArticles::new(Duration::from_secs(60));
        for id in 0..=i64::try_from(ARTICLES_KEPT).unwrap_or(0) {
            let slug = format!("s{id}");
            let ticket = shown.get(&slug).unwrap_err();
            shown.keep(&slug, article(id, &slug, 1), ticket);
        }
        assert!(shown.get("s0").is_err());
        assert_eq!(shown.state().slugs.len(), ARTICLES_KEPT);
    }
}
