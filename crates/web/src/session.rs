//! The session cookie: `HttpOnly`, `SameSite=Lax`, `Path=/`; `Secure` with the `__Host-`
//! prefix whenever the public URL is https.
//!
//! Inside a frame on a newsroom's page the browser withholds that cookie (it is `Lax`, and
//! third-party cookies may be blocked), so a frame gets a cookie of its own: `Secure`,
//! `SameSite=None` and `Partitioned` (CHIPS), which the browser keeps for this newsroom's site
//! alone and sends only to frames under it. Browsers accept `Secure` over plain http only on
//! loopback, so sign-in inside frames needs an https public URL elsewhere.

use axum::http::HeaderValue;
use axum::http::header::{COOKIE, HeaderMap};
use axum_extra::extract::cookie::{Cookie, SameSite};
use tribune_app::Settings;

fn cookie_name(settings: &Settings) -> &'static str {
    if settings.is_https() {
        "__Host-tribune_session"
    } else {
        "tribune_session"
    }
}

fn frame_cookie_name(settings: &Settings) -> &'static str {
    if settings.is_https() {
        "__Host-tribune_frame_session"
    } else {
        "tribune_frame_session"
    }
}

/// The session secret the browser sent, if any: the site's cookie, else a frame's.
pub fn read_token(headers: &HeaderMap, settings: &Settings) -> Option<String> {
    read_cookie(headers, cookie_name(settings))
        .or_else(|| read_cookie(headers, frame_cookie_name(settings)))
}

pub(crate) fn read_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == name && !cookie.value().is_empty())
        .map(|cookie| cookie.value().to_owned())
}

fn build(settings: &Settings, value: String, max_age: time::Duration) -> HeaderValue {
    let cookie = Cookie::build((cookie_name(settings), value))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(settings.is_https())
        .path("/")
        .max_age(max_age)
        .build();
    // A cookie made of base64url and fixed attributes is always a valid header value.
    HeaderValue::from_str(&cookie.to_string()).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// `Set-Cookie` that starts a session.
pub fn set_cookie(settings: &Settings, token: &str, max_age: time::Duration) -> HeaderValue {
    build(settings, token.to_owned(), max_age)
}

/// `Set-Cookie` that ends one in the browser.
pub fn clear_cookie(settings: &Settings) -> HeaderValue {
    build(settings, String::new(), time::Duration::ZERO)
}

fn build_frame(settings: &Settings, value: String, max_age: time::Duration) -> HeaderValue {
    let cookie = Cookie::build((frame_cookie_name(settings), value))
        .http_only(true)
        .same_site(SameSite::None)
        .secure(true)
        .partitioned(true)
        .path("/")
        .max_age(max_age)
        .build();
    HeaderValue::from_str(&cookie.to_string()).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// `Set-Cookie` that starts a session inside frames under the newsroom's site that asked.
pub fn set_frame_cookie(settings: &Settings, token: &str, max_age: time::Duration) -> HeaderValue {
    build_frame(settings, token.to_owned(), max_age)
}

/// `Set-Cookie` that ends a frame's session.
pub fn clear_frame_cookie(settings: &Settings) -> HeaderValue {
    build_frame(settings, String::new(), time::Duration::ZERO)
}
