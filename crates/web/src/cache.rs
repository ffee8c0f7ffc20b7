//! Rendered discussion pages and JSON for readers who are not signed in: most traffic on a
//! busy story, and identical for all of them.
//!
//! An entry's key holds everything the response depends on: the article, its
//! `discussion_version` (bumped in the database by every comment, edit, deletion and
//! reaction, so every node sees the change at once), its `updated_at`, whether it takes
//! comments now, and the query. A stale entry is therefore never found; old ones age out of
//! the LRU. Signed-in readers see their own buttons and are never served from here.

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
use sha2::{Digest, Sha256};
use tribune_domain::Article;

/// Bodies smaller than this are sent as they are: compressing them saves nothing.
const COMPRESS_FROM_BYTES: usize = 1024;

/// A response body as it was rendered, with its ETag and its gzip and brotli encodings, made
/// once when it is cached: a hit then costs a reference count, not a copy or a compression.
#[derive(Debug)]
pub struct CachedBody {
    pub content_type: &'static str,
    etag: HeaderValue,
    identity: Bytes,
    gzip: Option<Bytes>,
    brotli: Option<Bytes>,
}

impl CachedBody {
    pub fn new(content_type: &'static str, body: String) -> Self {
        let digest = Sha256::digest(body.as_bytes());
        let tag: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
        let etag = HeaderValue::from_str(&format!("\"{tag}\""))
            .unwrap_or_else(|_| HeaderValue::from_static("\"0\""));
        let (gzip, brotli) = if body.len() >= COMPRESS_FROM_BYTES {
            (gzip(body.as_bytes()), brotli(body.as_bytes()))
        } else {
            (None, None)
        };
        Self {
            content_type,
            etag,
            identity: Bytes::from(body),
            gzip,
            brotli,
        }
    }

    /// The answer to a request for this body: 304 when the client's copy is current, else the
    /// smallest encoding it accepts. Readers who sign in see other pages at the same address,
    /// so browsers revalidate every time (`no-cache`) and shared caches keep them apart by
    /// cookie.
    pub fn respond(&self, request: &HeaderMap) -> Response<Body> {
        let mut builder = Response::builder()
            .header(ETAG, self.etag.clone())
            .header(CACHE_CONTROL, "no-cache")
            .header(VARY, "Accept-Encoding, Cookie");
        if matches_etag(request, &self.etag) {
            return builder
                .status(StatusCode::NOT_MODIFIED)
                .body(Body::empty())
                .unwrap_or_default();
        }
        let accepted = request
            .get(ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
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

fn gzip(body: &[u8]) -> Option<Bytes> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    encoder.write_all(body).ok()?;
    encoder.finish().ok().map(Bytes::from)
}

fn brotli(body: &[u8]) -> Option<Bytes> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 6,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &body[..], &mut out, &params).ok()?;
    Some(Bytes::from(out))
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

    /// Keeps `body` under `key` (when the cache is on) and hands it back to answer with.
    pub fn put(&self, key: String, body: CachedBody) -> Arc<CachedBody> {
        let body = Arc::new(body);
        if let Some(entries) = &self.entries {
            entries
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .put(key, Arc::clone(&body));
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
