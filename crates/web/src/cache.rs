//! Rendered discussion pages and JSON: for readers who are not signed in (most traffic on a
//! busy story, and identical for all of them), and briefly for each signed-in reader.
//!
//! An entry's key holds everything the response depends on: the article, its
//! `discussion_version` (bumped in the database by every comment, edit, deletion and
//! reaction), its `updated_at`, whether it takes comments now, and the query, as the node
//! knows the article (see `tribune_app::Tribune::article_to_show`). A stale entry is
//! therefore never found; old ones age out of the LRU. Signed-in readers see their own
//! buttons: their pages are kept apart, under keys that also hold who they are, everything
//! about their account the page shows, and the time to within [`READER_PAGE_SECONDS`] (an
//! own comment's edit button depends on it). The comments those pages show alike (to readers
//! who wrote and liked none of them) are kept once, as a part of pages ([`CachedBody::part`]).

use std::collections::HashMap;
use std::io::Write;
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, PoisonError};

use axum::body::{Body, Bytes};
use axum::http::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, ETAG, HeaderMap, HeaderValue,
    IF_NONE_MATCH, VARY,
};
use axum::http::{Response, StatusCode};
use lru::LruCache;
use tribune_domain::Article;
use xxhash_rust::xxh3::xxh3_128;

use crate::zero_copy;

/// How long a page rendered for one signed-in reader may be shown again to them: their edit
/// buttons may outlive the edit window by this much (the edit itself is refused then).
pub const READER_PAGE_SECONDS: i64 = 10;

/// Bodies smaller than this are sent as they are: compressing them saves nothing.
const COMPRESS_FROM_BYTES: usize = 1024;

/// A response body as it was rendered, with its ETag and its gzip and brotli encodings, made
/// once when it is cached: a hit then costs a reference count, not a copy or a compression.
#[derive(Debug)]
pub struct CachedBody {
    pub content_type: &'static str,
    /// Rendered for one reader: no shared cache may keep it.
    private: bool,
    etag: HeaderValue,
    identity: Bytes,
    gzip: Option<Bytes>,
    brotli: Option<Bytes>,
    /// The memory its encodings hold (see [`zero_copy::share`]).
    held: usize,
}

impl CachedBody {
    /// A body many readers will ask for: every encoding is made now.
    pub fn new(content_type: &'static str, body: String) -> Self {
        Self::encoded(content_type, body, true, true)
    }

    /// A body kept for one signed-in reader: only the encoding their browser asks for is made
    /// (it asks the same way on every visit), so a page rendered for one costs one compression.
    pub fn for_reader(content_type: &'static str, body: String, request: &HeaderMap) -> Self {
        let accepted = accepted_encodings(request);
        let brotli = accepts(accepted, "br");
        Self {
            private: true,
            ..Self::encoded(
                content_type,
                body,
                !brotli && accepts(accepted, "gzip"),
                brotli,
            )
        }
    }

    /// A piece of pages (HTML), never sent alone: no encoding is made and no file is kept.
    pub fn part(body: String) -> Self {
        let held = body.len();
        Self {
            content_type: "text/html; charset=utf-8",
            private: false,
            etag: HeaderValue::from_static("\"part\""),
            identity: Bytes::from(body),
            gzip: None,
            brotli: None,
            held,
        }
    }

    /// The text of a [`CachedBody::part`].
    pub fn text(&self) -> &str {
        // Made from a `String`, so always UTF-8.
        std::str::from_utf8(&self.identity).unwrap_or_default()
    }

    /// The memory it holds, every encoding counted.
    fn size(&self) -> usize {
        self.held
    }

    fn encoded(
        content_type: &'static str,
        body: String,
        with_gzip: bool,
        with_brotli: bool,
    ) -> Self {
        // A tag only tells one rendering of a page from another; a forged collision could at
        // worst keep a client's copy until the next change. So a fast hash does: SHA-256 of a
        // 200-comment page was 3.5% of the time of a signed-in reader's page.
        let tag = xxh3_128(body.as_bytes());
        let etag = HeaderValue::from_str(&format!("\"{tag:032x}\""))
            .unwrap_or_else(|_| HeaderValue::from_static("\"0\""));
        let compress = body.len() >= COMPRESS_FROM_BYTES;
        let gzip = (compress && with_gzip)
            .then(|| gzip(body.as_bytes()))
            .flatten()
            .map(zero_copy::share);
        let brotli = (compress && with_brotli)
            .then(|| brotli(body.as_bytes()))
            .flatten()
            .map(zero_copy::share);
        let identity = zero_copy::share(body.into_bytes());
        let held = [Some(&identity), gzip.as_ref(), brotli.as_ref()]
            .into_iter()
            .flatten()
            .map(|shared| shared.held)
            .sum();
        Self {
            content_type,
            private: false,
            etag,
            identity: identity.bytes,
            gzip: gzip.map(|shared| shared.bytes),
            brotli: brotli.map(|shared| shared.bytes),
            held,
        }
    }

    /// The answer to a request for this body: 304 when the client's copy is current, else the
    /// smallest encoding it accepts. Readers who sign in see other pages at the same address,
    /// so browsers revalidate every time (`no-cache`) and shared caches keep them apart by
    /// cookie.
    pub fn respond(&self, request: &HeaderMap) -> Response<Body> {
        let mut builder = Response::builder()
            .header(ETAG, self.etag.clone())
            .header(
                CACHE_CONTROL,
                if self.private {
                    "private, no-cache"
                } else {
                    "no-cache"
                },
            )
            .header(VARY, "Accept-Encoding, Cookie");
        if matches_etag(request, &self.etag) {
            return builder
                .status(StatusCode::NOT_MODIFIED)
                .body(Body::empty())
                .unwrap_or_default();
        }
        let accepted = accepted_encodings(request);
        let (encoding, body) = match (&self.brotli, &self.gzip) {
            (Some(br), _) if accepts(accepted, "br") => (Some("br"), br.clone()),
            (_, Some(gz)) if accepts(accepted, "gzip") => (Some("gzip"), gz.clone()),
            _ => (None, self.identity.clone()),
        };
        if let Some(encoding) = encoding {
            builder = builder.header(CONTENT_ENCODING, encoding);
        }
        builder
            .header(CONTENT_TYPE, self.content_type)
            .body(Body::from(body))
            .unwrap_or_default()
    }
}

fn gzip(body: &[u8]) -> Option<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    encoder.write_all(body).ok()?;
    encoder.finish().ok()
}

fn brotli(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 6,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &body[..], &mut out, &params).ok()?;
    Some(out)
}

fn accepted_encodings(request: &HeaderMap) -> &str {
    request
        .get(ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// Whether an `Accept-Encoding` value accepts `coding` (present, and not with `q=0`).
fn accepts(header: &str, coding: &str) -> bool {
    header.split(',').any(|item| {
        let mut parts = item.split(';').map(str::trim);
        let name = parts.next().unwrap_or("");
        let refused = parts.any(|p| {
            p.strip_prefix("q=")
                .and_then(|q| q.parse::<f32>().ok())
                .is_some_and(|q| q <= 0.0)
        });
        (name.eq_ignore_ascii_case(coding) || name == "*") && !refused
    })
}

fn matches_etag(request: &HeaderMap, etag: &HeaderValue) -> bool {
    let Some(wanted) = request.get(IF_NONE_MATCH).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let ours = etag.to_str().unwrap_or("");
    wanted
        .split(',')
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == ours || t == "*")
}

#[derive(Debug)]
pub struct PageCache {
    /// Pages every reader who is not signed in is served.
    shared: Option<Mutex<Entries>>,
    /// Pages rendered for one signed-in reader each: kept apart, in a quarter of the cache,
    /// so that a thousand readers browsing cannot push out the pages everyone else is served.
    readers: Option<Mutex<Entries>>,
    /// The keys being rendered now, each with the lock its renderer holds.
    filling: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    /// Turns to render (see [`PageCache::new`]).
    renders: tokio::sync::Semaphore,
}

/// The cached bodies, and how many bytes they hold of the most they may.
#[derive(Debug)]
struct Entries {
    bodies: LruCache<String, Arc<CachedBody>>,
    bytes: usize,
    max_bytes: usize,
}

impl Entries {
    /// At most `capacity` bodies of at most `max_bytes` in all; `None` for no room at all.
    fn new(capacity: usize, max_bytes: usize) -> Option<Mutex<Self>> {
        NonZeroUsize::new(capacity).map(|capacity| {
            Mutex::new(Entries {
                bodies: LruCache::new(capacity),
                bytes: 0,
                max_bytes,
            })
        })
    }

    fn push(&mut self, key: String, body: Arc<CachedBody>) {
        self.bytes += body.size();
        if let Some((_, replaced)) = self.bodies.push(key, body) {
            self.bytes -= replaced.size();
        }
        while self.bytes > self.max_bytes {
            let Some((_, oldest)) = self.bodies.pop_lru() else {
                break;
            };
            self.bytes -= oldest.size();
        }
    }
}

/// What [`PageCache::lookup`] found.
pub enum Lookup<'a> {
    Hit(Arc<CachedBody>),
    /// Not cached: render it, [`PageCache::put`] it, then drop this (others wait for it).
    Miss(Option<Filling<'a>>),
}

/// The turn to render a missing response; requests for the same key wait until it is dropped.
pub struct Filling<'a> {
    cache: &'a PageCache,
    key: String,
    lock: Arc<tokio::sync::Mutex<()>>,
    turn: Option<tokio::sync::OwnedMutexGuard<()>>,
    /// One of the renders allowed at once, held until dropped; `None` if the semaphore was
    /// closed (it never is).
    _render: Option<tokio::sync::SemaphorePermit<'a>>,
}

impl Drop for Filling<'_> {
    fn drop(&mut self) {
        self.turn.take();
        let mut filling = self
            .cache
            .filling
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        // Ours and the map's: nobody else is waiting for this key.
        if Arc::strong_count(&self.lock) <= 2 {
            filling.remove(&self.key);
        }
    }
}

impl PageCache {
    /// A cache of at most `capacity` responses taking at most `max_bytes` (a quarter of
    /// each for signed-in readers' own pages); 0 turns it off.
    /// Missing responses are rendered two per core at most at once: a discussion of 200
    /// comments takes milliseconds of CPU and a few megabytes while it is built, so more at
    /// once only adds memory and latency (1,000 signed-in readers each asking for their own
    /// page drove the server past 150 MiB resident under `bench/run`).
    pub fn new(capacity: usize, max_bytes: usize) -> Self {
        let cores = std::thread::available_parallelism().map_or(2, NonZeroUsize::get);
        Self {
            renders: tokio::sync::Semaphore::new(cores.saturating_mul(2).max(2)),
            shared: Entries::new(capacity - capacity / 4, max_bytes - max_bytes / 4),
            readers: Entries::new(capacity / 4, max_bytes / 4),
            filling: Mutex::new(HashMap::new()),
        }
    }

    /// The response cached under `key`, or the turn to render it. A busy story's page is
    /// invalidated by every new comment; then the first request renders it again while the
    /// others for it wait and take its result, rather than all rendering the same page at once.
    pub async fn lookup(&self, key: &str) -> Lookup<'_> {
        if let Some(found) = self.get(key) {
            return Lookup::Hit(found);
        }
        if self.shared.is_none() {
            return Lookup::Miss(None);
        }
        let lock = Arc::clone(
            self.filling
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .entry(key.to_owned())
                .or_default(),
        );
        let turn = Arc::clone(&lock).lock_owned().await;
        let mut filling = Filling {
            cache: self,
            key: key.to_owned(),
            lock,
            turn: Some(turn),
            _render: None,
        };
        match self.peek(key) {
            Some(found) => Lookup::Hit(found),
            None => {
                filling._render = self.renders.acquire().await.ok();
                Lookup::Miss(Some(filling))
            }
        }
    }

    /// An entry, not counted as a hit or a miss (a request that waited for a renderer).
    fn peek(&self, key: &str) -> Option<Arc<CachedBody>> {
        [&self.shared, &self.readers]
            .into_iter()
            .flatten()
            // A panic while holding the lock cannot leave the map inconsistent for our use.
            .find_map(|entries| {
                entries
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .bodies
                    .get(key)
                    .cloned()
            })
    }

    /// The key of a response about `article`, given what else it depends on (`parts`).
    pub fn key(kind: &str, article: &Article, open: bool, parts: &[&str]) -> String {
        // Pages are in the reader's language (and the JSON's messages too).
        format!(
            "{kind}|{}|{}|{}|{}|{open}|{}",
            crate::i18n::current().code(),
            article.id,
            article.discussion_version,
            article.updated_at.unix_timestamp_nanos(),
            parts.join("|")
        )
    }

    pub fn get(&self, key: &str) -> Option<Arc<CachedBody>> {
        self.shared.as_ref()?;
        let found = self.peek(key);
        let result = if found.is_some() { "hit" } else { "miss" };
        metrics::counter!("tribune_page_cache_total", "result" => result).increment(1);
        found
    }

    /// Keeps `body` under `key` (when the cache is on) and hands it back to answer with.
    pub fn put(&self, key: String, body: CachedBody) -> Arc<CachedBody> {
        let body = Arc::new(body);
        let entries = if body.private {
            &self.readers
        } else {
            &self.shared
        };
        if let Some(entries) = entries {
            entries
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(key, Arc::clone(&body));
        }
        body
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(headers: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[tokio::test]
    async fn one_request_renders_a_missing_page_while_the_others_wait_for_it() {
        let cache = Arc::new(PageCache::new(10, 1 << 20));
        let Lookup::Miss(Some(first)) = cache.lookup("k").await else {
            panic!("an empty cache misses, and the first request renders");
        };
        let waiting = {
            let cache = Arc::clone(&cache);
            tokio::spawn(async move {
                matches!(cache.lookup("k").await, Lookup::Hit(body) if body.identity == "page")
            })
        };
        tokio::task::yield_now().await;
        assert!(
            !waiting.is_finished(),
            "the second request waits for the first"
        );
        cache.put(
            "k".to_owned(),
            CachedBody::new("text/html", "page".to_owned()),
        );
        drop(first);
        assert!(waiting.await.unwrap(), "and takes its result");
        assert!(
            cache.filling.lock().unwrap().is_empty(),
            "nothing is left behind"
        );
        // A request that rendered nothing cacheable lets the next one try.
        let Lookup::Miss(Some(turn)) = cache.lookup("other").await else {
            panic!("a miss");
        };
        drop(turn);
        assert!(matches!(cache.lookup("other").await, Lookup::Miss(Some(_))));
    }

    #[test]
    fn the_least_recently_used_go_when_the_memory_is_spent() {
        // Three quarters of it for pages everyone is served: 24,750 bytes.
        let cache = PageCache::new(100, 33_000);
        let page = |n: usize| CachedBody::new("text/html", format!("{n}").repeat(10_000));
        cache.put("a".to_owned(), page(1));
        cache.put("b".to_owned(), page(2));
        assert!(cache.get("a").is_some(), "two pages fit");
        cache.put("c".to_owned(), page(3));
        assert!(cache.get("b").is_none(), "the least recently used went");
        assert!(cache.get("a").is_some() && cache.get("c").is_some());
        cache.put("a".to_owned(), page(4));
        let bytes = cache.shared.as_ref().unwrap().lock().unwrap().bytes;
        assert!(
            bytes <= 24_750,
            "a replaced page is not counted twice: {bytes}"
        );
    }

    #[test]
    fn readers_own_pages_cannot_push_out_the_pages_everyone_is_served() {
        let cache = PageCache::new(100, 40_000);
        let page = |n: usize| format!("{n:02}").repeat(5_000);
        cache.put(
            "anonymous".to_owned(),
            CachedBody::new("text/html", page(0)),
        );
        for reader in 1..=20 {
            let body = CachedBody::for_reader("text/html", page(reader), &request(&[]));
            cache.put(format!("reader {reader}"), body);
        }
        assert!(
            cache.get("anonymous").is_some(),
            "the shared page stayed while twenty readers' pages came and went"
        );
        assert!(
            cache.get("reader 20").is_some(),
            "the latest reader's page is kept"
        );
        assert!(
            cache.get("reader 19").is_none(),
            "readers' pages take a quarter of the memory: one of these fits"
        );
    }

    #[test]
    fn the_best_accepted_encoding_and_304_for_a_current_copy() {
        let cached = CachedBody::new("text/html; charset=utf-8", "<p>hello</p>".repeat(500));
        let br = cached.respond(&request(&[("accept-encoding", "gzip, deflate, br")]));
        assert_eq!(br.headers()[CONTENT_ENCODING], "br");
        let gz = cached.respond(&request(&[("accept-encoding", "gzip, br;q=0")]));
        assert_eq!(gz.headers()[CONTENT_ENCODING], "gzip");
        let plain = cached.respond(&request(&[]));
        assert!(plain.headers().get(CONTENT_ENCODING).is_none());
        let etag = plain.headers()[ETAG].to_str().unwrap().to_owned();
        let mut again = HeaderMap::new();
        again.insert(IF_NONE_MATCH, HeaderValue::from_str(&etag).unwrap());
        assert_eq!(cached.respond(&again).status(), StatusCode::NOT_MODIFIED);
        again.insert(IF_NONE_MATCH, HeaderValue::from_static("\"other\""));
        assert_eq!(cached.respond(&again).status(), StatusCode::OK);
        // Small bodies go as they are.
        let small = CachedBody::new("application/json", "{}".to_owned());
        let small = small.respond(&request(&[("accept-encoding", "br")]));
        assert!(small.headers().get(CONTENT_ENCODING).is_none());
    }
}
