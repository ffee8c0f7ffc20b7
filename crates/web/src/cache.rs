//! Rendered discussion pages and JSON for readers who are not signed in: most traffic on a
//! busy story, and identical for all of them.
//!
//! An entry's key holds everything the response depends on: the article, its
//! `discussion_version` (bumped in the database by every comment, edit, deletion and
//! reaction, so every node sees the change at once), its `updated_at`, whether it takes
//! comments now, and the query. A stale entry is therefore never found; old ones age out of
//! the LRU. Signed-in readers see their own buttons and are never served from here.

use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, PoisonError};

use lru::LruCache;
use tribune_domain::Article;

/// A response body as it was rendered.
#[derive(Debug)]
pub struct CachedBody {
    pub content_type: &'static str,
    pub body: String,
}

#[derive(Debug)]
pub struct PageCache {
    entries: Option<Mutex<LruCache<String, Arc<CachedBody>>>>,
}

impl PageCache {
    /// A cache of at most `capacity` responses; 0 turns it off.
    pub fn new(capacity: usize) -> Self {
        Self {
            entries: NonZeroUsize::new(capacity).map(|c| Mutex::new(LruCache::new(c))),
        }
    }

    /// The key of a response about `article`, given what else it depends on (`parts`).
    pub fn key(kind: &str, article: &Article, open: bool, parts: &[&str]) -> String {
        format!(
            "{kind}|{}|{}|{}|{open}|{}",
            article.id,
            article.discussion_version,
            article.updated_at.unix_timestamp_nanos(),
            parts.join("|")
        )
    }

    pub fn get(&self, key: &str) -> Option<Arc<CachedBody>> {
        let entries = self.entries.as_ref()?;
        // A panic while holding the lock cannot leave the map inconsistent for our use.
        let found = entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(key)
            .cloned();
        let result = if found.is_some() { "hit" } else { "miss" };
        metrics::counter!("tribune_page_cache_total", "result" => result).increment(1);
        found
    }

    pub fn put(&self, key: String, body: CachedBody) {
        if let Some(entries) = &self.entries {
            entries
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .put(key, Arc::new(body));
        }
    }
}
