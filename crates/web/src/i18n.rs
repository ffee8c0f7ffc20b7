//! Translation. Every sentence a reader or a moderator sees comes from a Fluent message
//! catalogue (`locales/<language>/*.ftl`, compiled into the binary), in the language of the
//! request being served.
//!
//! The language is chosen once per request by [`scope_language`]: the reader's own choice
//! (the `tribune_lang` cookie, set from the language menu at the foot of every page), else
//! the first of their browser's `Accept-Language` that Tribune speaks, else the site's
//! `site.language`. It is kept in a task-local for the request, as the unread count is, so
//! that templates, views and error messages ask for a message by id without every handler
//! passing the language along. Outside a request (mail, the CLI) the site's language holds.
//!
//! Numbers are written with the language's digit grouping (`10,000`, `10 000`), plurals follow
//! the language's rules (Fluent selects them), and dates are spelled by the catalogue.

use std::sync::LazyLock;

use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::http::header::{ACCEPT_LANGUAGE, CONTENT_LANGUAGE, HeaderMap, VARY};
use axum::middleware::Next;
use axum::response::Response;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_langneg::{NegotiationStrategy, negotiate_languages};
use time::OffsetDateTime;
use unic_langid::LanguageIdentifier;

use crate::AppState;

/// The cookie that holds a reader's chosen language.
pub const LANGUAGE_COOKIE: &str = "tribune_lang";

/// A language Tribune speaks: its catalogue files, in the order they are loaded.
struct Language {
    code: &'static str,
    /// Its own name for itself, as the language menu lists it.
    native_name: &'static str,
    /// Right to left.
    rtl: bool,
    files: &'static [(&'static str, &'static str)],
}

macro_rules! catalogue {
    ($code:literal: $($file:literal),+ $(,)?) => {
        &[$(($file, include_str!(concat!("../locales/", $code, "/", $file)))),+]
    };
}

/// Every language, English first: a message missing from another language falls back to
/// English (a test keeps every catalogue complete, so this only guards a release mistake).
const LANGUAGES: &[Language] = &[
    Language {
        code: "en",
        native_name: "English",
        rtl: false,
        files: catalogue!("en": "common.ftl", "discussion.ftl", "account.ftl", "moderation.ftl", "errors.ftl", "script.ftl"),
    },
    Language {
        code: "fr",
        native_name: "Français",
        rtl: false,
        files: catalogue!("fr": "common.ftl", "discussion.ftl", "account.ftl", "moderation.ftl", "errors.ftl", "script.ftl"),
    },
];

/// A language of the catalogue, by its place in `LANGUAGES`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Lang(usize);

impl Lang {
    pub const ENGLISH: Lang = Lang(0);

    /// The language for a BCP 47 tag Tribune speaks exactly (`en`, `fr`), if any.
    pub fn from_code(code: &str) -> Option<Lang> {
        LANGUAGES
            .iter()
            .position(|l| l.code.eq_ignore_ascii_case(code.trim()))
            .map(Lang)
    }

    pub fn code(self) -> &'static str {
        LANGUAGES[self.0].code
    }

    /// `rtl` or `ltr`, for the page's `dir`.
    pub fn direction(self) -> &'static str {
        if LANGUAGES[self.0].rtl { "rtl" } else { "ltr" }
    }

    pub fn all() -> impl Iterator<Item = Lang> {
        (0..LANGUAGES.len()).map(Lang)
    }

    pub fn native_name(self) -> &'static str {
        LANGUAGES[self.0].native_name
    }
}

/// The compiled catalogues, one bundle per language.
struct Catalogue {
    bundles: Vec<FluentBundle<FluentResource>>,
}

static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(Catalogue::load);

impl Catalogue {
    /// Parses every catalogue. The files are part of the binary and a test parses them, so
    /// an error here is a build mistake: it is logged and the faulty message left out.
    fn load() -> Self {
        let bundles = LANGUAGES
            .iter()
            .map(|language| {
                let id: LanguageIdentifier = language.code.parse().unwrap_or_default();
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                // Names inside sentences are isolated by the page's markup (`<bdi>`,
                // `dir="auto"`), where the reader can see them; invisible isolation marks
                // in attribute values and in the JSON would surprise more than they help.
                bundle.set_use_isolating(false);
                bundle.set_formatter(Some(match language.code {
                    "fr" => group_digits::<'\u{202F}'>,
                    _ => group_digits::<','>,
                }));
                for (file, source) in language.files {
                    let resource = FluentResource::try_new((*source).to_owned()).unwrap_or_else(
                        |(resource, errors)| {
                            tracing::error!(
                                language = language.code,
                                file,
                                ?errors,
                                "catalogue does not parse"
                            );
                            resource
                        },
                    );
                    if let Err(errors) = bundle.add_resource(resource) {
                        tracing::error!(
                            language = language.code,
                            file,
                            ?errors,
                            "catalogue has duplicate messages"
                        );
                    }
                }
                bundle
            })
            .collect();
        Self { bundles }
    }

    fn format(&self, lang: Lang, id: &str, args: Option<&FluentArgs>) -> String {
        let (attribute_owner, attribute) = match id.split_once('.') {
            Some((message, attribute)) => (message, Some(attribute)),
            None => (id, None),
        };
        for bundle in [&self.bundles[lang.0], &self.bundles[Lang::ENGLISH.0]] {
            let Some(message) = bundle.get_message(attribute_owner) else {
                continue;
            };
            let pattern = match attribute {
                Some(name) => message.get_attribute(name).map(|a| a.value()),
                None => message.value(),
            };
            let Some(pattern) = pattern else { continue };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, args, &mut errors);
            if !errors.is_empty() {
                tracing::warn!(id, ?errors, "message formatted with errors");
            }
            return text.into_owned();
        }
        tracing::error!(
            id,
            language = lang.code(),
            "no such message in the catalogue"
        );
        id.to_owned()
    }
}

/// Writes whole numbers with the language's thousands separator (`SEP`); Fluent's own
/// formatting handles the rest.
fn group_digits<const SEP: char>(
    value: &FluentValue,
    _: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    let n = number.value;
    if n.fract() != 0.0 || n.abs() < 1000.0 || n.abs() > 1e15 {
        return None;
    }
    let digits = format!("{}", n.abs() as u64);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3 + 1);
    if n < 0.0 {
        out.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(SEP);
        }
        out.push(digit);
    }
    Some(out)
}

tokio::task_local! {
    static CURRENT: Lang;
}

/// `site.language` names a language Tribune has no catalogue for.
#[derive(Debug, thiserror::Error)]
#[error("site.language is `{code}`, which Tribune does not speak; it speaks {spoken}", code = .0, spoken = Lang::all().map(Lang::code).collect::<Vec<_>>().join(", "))]
pub struct UnknownLanguage(pub String);

impl Lang {
    /// The site's own language (`site.language`): the default for a request.
    pub fn of_site(code: &str) -> Result<Lang, UnknownLanguage> {
        Lang::from_code(code).ok_or_else(|| UnknownLanguage(code.to_owned()))
    }
}

/// The language of the request being served (English outside a request).
pub fn current() -> Lang {
    CURRENT.try_with(|lang| *lang).unwrap_or(Lang::ENGLISH)
}

/// Runs `future` with `lang` as the current language (for work done for a reader outside
/// their request, and for tests).
pub async fn with_language<F: std::future::Future>(lang: Lang, future: F) -> F::Output {
    CURRENT.scope(lang, future).await
}

/// A message in the current language.
pub fn text(id: &str) -> String {
    CATALOGUE.format(current(), id, None)
}

/// A message with arguments (`&[("count", 3.into())]`) in the current language.
pub fn text_with(id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    CATALOGUE.format(current(), id, Some(&fluent_args))
}

/// `24 Nov 2026, 07:30 UTC` in English, `24 nov. 2026, 07:30 UTC` in French: unambiguous
/// for readers anywhere.
pub fn date_time(at: OffsetDateTime) -> String {
    let month = u8::from(at.month());
    text_with(
        "date-time",
        &[
            ("day", at.day().into()),
            ("month", text(&format!("month-short-{month}")).into()),
            // A year is a name, not a quantity: never `2,026`.
            ("year", at.year().to_string().into()),
            (
                "time",
                format!("{:02}:{:02}", at.hour(), at.minute()).into(),
            ),
        ],
    )
}

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
    script_message_ids()
        .map(|id| (id, CATALOGUE.format(lang, id, None)))
        .collect()
}

fn script_message_ids() -> impl Iterator<Item = &'static str> {
    let (_, english_script) = LANGUAGES[0]
        .files
        .iter()
        .find(|(file, _)| *file == "script.ftl")
        .copied()
        .unwrap_or(("", ""));
    message_ids(english_script).filter(|id| id.starts_with("js-"))
}

/// The ids a catalogue file defines (top-level messages, not terms or attributes).
fn message_ids(source: &'static str) -> impl Iterator<Item = &'static str> {
    source.lines().filter_map(|line| {
        let (id, _) = line.split_once('=')?;
        let id = id.trim_end();
        let starts_well = id.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        (starts_well
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .then_some(id)
    })
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
    let requested = fluent_langneg::accepted_languages::parse(accept);
    let available: Vec<LanguageIdentifier> = Lang::all()
        .filter_map(|lang| lang.code().parse().ok())
        .collect();
    negotiate_languages(&requested, &available, None, NegotiationStrategy::Lookup)
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
    let mut response = CURRENT.scope(lang, next.run(req)).await;
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
    let text = CATALOGUE.format(current(), id, args);
    Ok(minijinja::Value::from_safe_string(escape_text(&text)))
}

/// Escapes text for HTML text and double-quoted attribute values.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::header::COOKIE;

    fn ids_of(lang: usize) -> std::collections::BTreeSet<&'static str> {
        LANGUAGES[lang]
            .files
            .iter()
            .flat_map(|(_, source)| message_ids(source))
            .collect()
    }

    #[test]
    fn every_catalogue_parses_without_duplicates() {
        for language in LANGUAGES {
            let mut bundle = FluentBundle::new_concurrent(vec![LanguageIdentifier::default()]);
            for (file, source) in language.files {
                let resource =
                    FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(_, errors)| {
                        panic!("{}/{file} does not parse: {errors:?}", language.code)
                    });
                bundle.add_resource(resource).unwrap_or_else(|errors| {
                    panic!("{}/{file} repeats a message: {errors:?}", language.code)
                });
            }
        }
    }

    #[test]
    fn every_language_is_complete() {
        let english = ids_of(0);
        for (index, language) in LANGUAGES.iter().enumerate().skip(1) {
            let other = ids_of(index);
            let missing: Vec<_> = english.difference(&other).collect();
            let extra: Vec<_> = other.difference(&english).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", language.code);
            assert!(
                extra.is_empty(),
                "{} has messages English lacks: {extra:?}",
                language.code
            );
        }
    }

    /// Every `t("…")` in a template and every `i18n::text("…")` / `text_with("…"` in the
    /// web crate's code names a message that exists.
    #[test]
    fn every_message_asked_for_exists() {
        let english = ids_of(0);
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
    fn counts_and_plurals_follow_the_language() {
        let formatted = |lang: Lang, n: i64| {
            let mut args = FluentArgs::new();
            args.set("count", n);
            CATALOGUE.format(lang, "comment-count", Some(&args))
        };
        let french = Lang::from_code("fr").unwrap();
        assert_eq!(formatted(Lang::ENGLISH, 0), "No comments yet");
        assert_eq!(formatted(Lang::ENGLISH, 1), "1 comment");
        assert_eq!(formatted(Lang::ENGLISH, 10_000), "10,000 comments");
        assert_eq!(formatted(french, 1), "1 commentaire");
        assert_eq!(formatted(french, 10_000), "10\u{202F}000 commentaires");
    }

    /// `t()` leaves apostrophes alone, so a message may not sit in a single-quoted attribute,
    /// and no message may carry markup.
    #[test]
    fn messages_are_plain_text_in_double_quoted_places() {
        for language in LANGUAGES {
            for (file, source) in language.files {
                for line in source.lines().filter(|l| !l.starts_with('#')) {
                    assert!(
                        !line.contains('<'),
                        "{}/{file}: a message holds markup: {line}",
                        language.code
                    );
                }
            }
        }
        for (name, source) in crate::templates::sources() {
            assert!(
                !source.contains("='{{ t(") && !source.contains("= '{{ t("),
                "{name}: a message in a single-quoted attribute"
            );
        }
        assert_eq!(
            escape_text(r#"Say "hi" & <b>don't</b>"#),
            "Say &quot;hi&quot; &amp; &lt;b&gt;don't&lt;/b&gt;"
        );
    }

    #[test]
    fn dates_are_spelled_by_the_language() {
        let at = time::macros::datetime!(2026-11-24 07:30 UTC);
        assert_eq!(date_time(at), "24 Nov 2026, 07:30 UTC");
        let french = Lang::from_code("fr").unwrap();
        assert_eq!(
            CURRENT.sync_scope(french, || date_time(at)),
            "24 nov. 2026, 07:30 UTC"
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
