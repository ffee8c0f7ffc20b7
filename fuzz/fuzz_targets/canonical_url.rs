//! Article addresses (`tribune_domain::CanonicalUrl`): parsing never panics, and the canonical
//! form is a fixed point: canonicalising it again accepts it and changes nothing, so one
//! article keeps one discussion however often its address goes round.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tribune_domain::CanonicalUrl;

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(url) = CanonicalUrl::parse(raw, "url") else {
        return;
    };
    let again = CanonicalUrl::parse(url.as_str(), "url")
        .unwrap_or_else(|e| panic!("{raw:?} → {url} is refused: {e:?}"));
    assert_eq!(again, url, "{raw:?} → {url} → {again}");
    assert_eq!(
        format!("{}{}", url.origin(), url.path_and_query()),
        url.as_str()
    );

    // Settling the scheme and port against an origin gives a canonical address too.
    let origin = CanonicalUrl::parse("https://news.example.org", "origin")
        .unwrap_or_else(|e| panic!("{e:?}"));
    let Ok(moved) = url.with_origin(&origin, "url") else {
        return;
    };
    let moved_again = CanonicalUrl::parse(moved.as_str(), "url")
        .unwrap_or_else(|e| panic!("{url} moved to {moved} is refused: {e:?}"));
    assert_eq!(moved_again, moved, "{url} → {moved} → {moved_again}");
});
