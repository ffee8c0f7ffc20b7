//! The web side of translation (the catalogues are `tribune-i18n`): which language a request
//! is served in, the language menu's cookie, and `t()` for templates.
//!
//! The language is chosen once per request by [`scope_language`]: the reader's own choice
//! (the `tribune_lang` cookie, set from the language menu at the foot of every page), else
//! the first of their browser's `Accept-Language` that Tribune speaks, else the site's
//! `site.language`. It is kept in `tribune-i18n`'s task-local for the request, so that
//! templates, views and error messages ask for a message by id without every handler passing
//! the language along.

use std::sync::LazyLock;

use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::http::header::{ACCEPT_LANGUAGE, CONTENT_LANGUAGE, HeaderMap, VARY};
use axum::middleware::Next;
use axum::response::Response;
use fluent_langneg::{NegotiationStrategy, negotiate_languages};
use tribune_i18n::{FluentArgs, FluentValue};
pub use tribune_i18n::{Lang, UnknownLanguage, current, date_time, text, text_with, with_language};
use unic_langid::LanguageIdentifier;

use crate::AppState;
use crate::views::{Apostrophes, escape_html};

/// The cookie that holds a reader's chosen language.
pub const LANGUAGE_COOKIE: &str = "tribune_lang";

/// The languages a reader can choose, for the language menu.
#[derive(serde::Serialize)]
pub struct LanguageChoice {
    pub code: &'static str,
    pub name: &'static str,
    pub current: bool,
}

pub fn choices() -> Vec<LanguageChoice> {
    let current = current();
    Lang::all()
        .map(|lang| LanguageChoice {
            code: lang.code(),
            name: lang.native_name(),
            current: lang == current,
        })
        .collect()
}

/// The messages the page's scripts use (`script.ftl`, ids starting `js-`), for the page to
/// carry as JSON in `<html data-messages>` (an attribute, not a `<script>` block: the page
/// holds no script but files): scripts never hold a sentence of their own.
pub fn script_messages() -> std::collections::BTreeMap<&'static str, String> {
    let lang = current();
    tribune_i18n::message_ids_of("script.ftl")
        .filter(|id| id.starts_with("js-"))
        .map(|id| (id, tribune_i18n::text_in(lang, id)))
        .collect()
}

/// The language a request asks for: the reader's choice, else their browser's, else the
/// site's.
pub fn negotiate(headers: &HeaderMap, site_language: Lang) -> Lang {
    if let Some(lang) = chosen(headers) {
        return lang;
    }
    let Some(accept) = headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()) else {
        return site_language;
    };
    // Parsed once: every browser sends the header, on every request.
    static AVAILABLE: LazyLock<Vec<LanguageIdentifier>> = LazyLock::new(|| {
        Lang::all()
            .filter_map(|lang| lang.code().parse().ok())
            .collect()
    });
    let requested = fluent_langneg::accepted_languages::parse(accept);
    negotiate_languages(&requested, &AVAILABLE, None, NegotiationStrategy::Lookup)
        .first()
        .and_then(|id| Lang::from_code(id.language.as_str()))
        .unwrap_or(site_language)
}

/// The language the reader chose from the menu, if the cookie names one Tribune speaks.
fn chosen(headers: &HeaderMap) -> Option<Lang> {
    crate::session::read_cookie(headers, LANGUAGE_COOKIE).and_then(|code| Lang::from_code(&code))
}

/// `Set-Cookie` that keeps a reader's chosen language for a year.
pub fn language_cookie(settings: &tribune_app::Settings, lang: Lang) -> HeaderValue {
    let cookie = axum_extra::extract::cookie::Cookie::build((LANGUAGE_COOKIE, lang.code()))
        .http_only(true)
        .same_site(axum_extra::extract::cookie::SameSite::Lax)
        .secure(settings.is_https())
        .path("/")
        .max_age(time::Duration::days(365))
        .build();
    HeaderValue::from_str(&cookie.to_string()).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Middleware: chooses the request's language and serves the request in it. The response
/// says which language it is in, and that it depends on the reader's language headers.
pub async fn scope_language(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let lang = negotiate(req.headers(), state.site_language);
    let mut response = tribune_i18n::with_language(lang, next.run(req)).await;
    let headers = response.headers_mut();
    if !headers.contains_key(CONTENT_LANGUAGE) {
        headers.insert(CONTENT_LANGUAGE, HeaderValue::from_static(lang.code()));
    }
    let varies_by_cookie = headers
        .get_all(VARY)
        .iter()
        .any(|v| v.to_str().is_ok_and(|v| v.contains("Cookie")));
    headers.append(
        VARY,
        HeaderValue::from_static(if varies_by_cookie {
            "Accept-Language"
        } else {
            "Accept-Language, Cookie"
        }),
    );
    response
}

/// `t("message-id", name=value, …)` in templates: the message in the page's language.
///
/// The message is escaped here (`&`, `<`, `>`, `"`, arguments included) and handed back as
/// safe, rather than left to auto-escaping, so that it reads in the page exactly as written:
/// an apostrophe stays `'` (auto-escaping writes `&#x27;`). That is safe because messages hold
/// no markup and templates put them only in text and in double-quoted attributes; tests check
/// both.
pub(crate) fn template_text(
    id: &str,
    kwargs: minijinja::value::Kwargs,
) -> Result<minijinja::Value, minijinja::Error> {
    let mut args = FluentArgs::new();
    for name in kwargs.args() {
        let value: minijinja::Value = kwargs.get(name)?;
        let fluent = match value.as_i64() {
            Some(n) if value.is_number() => FluentValue::from(n),
            _ if value.is_number() => FluentValue::from(f64::try_from(value).unwrap_or(0.0)),
            _ => FluentValue::from(value.to_string()),
        };
        args.set(name.to_owned(), fluent);
    }
    kwargs.assert_all_used()?;
    let args = args.iter().next().is_some().then_some(&args);
    let text = tribune_i18n::text_with_args(id, args);
    Ok(minijinja::Value::from_safe_string(escape_html(
        &text,
        Apostrophes::Keep,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::header::COOKIE;

    /// Every `t("…")` in a template and every `text("…")` / `text_with("…"` in the web and
    /// app crates' code names a message that exists.
    #[test]
    fn every_message_asked_for_exists() {
        let english = tribune_i18n::english_message_ids();
        let mut missing = Vec::new();
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/");
        let mut files = Vec::new();
        for dir in [
            "templates",
            "templates/admin",
            "templates/moderation",
            "src",
            "src/api",
            "src/pages",
            // Emails are written by the use cases.
            "../app/src",
        ] {
            let Ok(entries) = std::fs::read_dir(format!("{root}{dir}")) else {
                continue;
            };
            for entry in entries.flatten() {
                if entry.path().is_file() {
                    files.push(entry.path());
                }
            }
        }
        for path in files.into_iter().filter(|p| !p.ends_with("i18n.rs")) {
            let Ok(source) = std::fs::read_to_string(&path) else {
                continue;
            };
            for opener in ["t(\"", "text(\"", "text_with(\"", "t('"] {
                for (at, _) in source.match_indices(opener) {
                    let rest = &source[at + opener.len()..];
                    let quote = if opener.ends_with('\'') { '\'' } else { '"' };
                    let Some(end) = rest.find(quote) else {
                        continue;
                    };
                    let id = &rest[..end];
                    let owner = id.split('.').next().unwrap_or(id);
                    let preceded_by_ident = source[..at]
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_alphanumeric() || c == '_');
                    // Message ids are lower case words joined by hyphens.
                    let looks_like_id = id.contains('-')
                        && id.chars().all(|c| {
                            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.'
                        });
                    if !preceded_by_ident && looks_like_id && !english.contains(owner) {
                        missing.push(format!("{}: {id}", path.display()));
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "messages missing from the English catalogue: {missing:#?}"
        );
    }

    #[test]
    fn messages_are_plain_text_in_double_quoted_places() {
        for (language, file, source) in tribune_i18n::sources() {
            for line in source.lines().filter(|l| !l.starts_with('#')) {
                assert!(
                    !line.contains('<'),
                    "{language}/{file}: a message holds markup: {line}"
                );
            }
        }
        for (name, source) in crate::templates::sources() {
            assert!(
                !source.contains("='{{ t(") && !source.contains("= '{{ t("),
                "{name}: a message in a single-quoted attribute"
            );
        }
        assert_eq!(
            escape_html(r#"Say "hi" & <b>don't</b>"#, Apostrophes::Keep),
            "Say &quot;hi&quot; &amp; &lt;b&gt;don't&lt;/b&gt;"
        );
    }

    #[test]
    fn browsers_languages_are_negotiated() {
        let with = |accept: &str, cookie: Option<&str>| {
            let mut headers = HeaderMap::new();
            headers.insert(ACCEPT_LANGUAGE, HeaderValue::from_str(accept).unwrap());
            if let Some(c) = cookie {
                headers.insert(COOKIE, HeaderValue::from_str(c).unwrap());
            }
            negotiate(&headers, Lang::ENGLISH).code()
        };
        assert_eq!(with("fr-CA,fr;q=0.9,en;q=0.8", None), "fr");
        assert_eq!(with("de-DE,de;q=0.9,en;q=0.5", None), "en");
        assert_eq!(with("de-DE", None), "en");
        assert_eq!(with("fr-FR", Some("a=b; tribune_lang=en")), "en");
        assert_eq!(with("en", Some("tribune_lang=xx")), "en");
    }
}
