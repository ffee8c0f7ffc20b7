//! Tribune's message catalogues. Every sentence a reader or a moderator sees — on a page, in
//! an error, in an email — comes from a Fluent catalogue (`locales/<language>/*.ftl`, compiled
//! into the binary), in the language of the reader being served.
//!
//! That language is kept in a task-local: the web layer sets it once per request (from the
//! reader's choice, their browser, or the site's language), the notification mailer for each
//! recipient; code below asks for a message by id (`text`, `text_with`) without passing the
//! language along. Outside both, English holds.
//!
//! Numbers are written with the language's digit grouping (`10,000`, `10 000`), plurals follow
//! the language's rules (Fluent selects them), and dates are spelled by the catalogue.

use std::sync::LazyLock;

use fluent_bundle::FluentResource;
use fluent_bundle::concurrent::FluentBundle;
pub use fluent_bundle::{FluentArgs, FluentValue};
use time::OffsetDateTime;
use unic_langid::LanguageIdentifier;

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
        files: catalogue!("en": "common.ftl", "discussion.ftl", "account.ftl", "moderation.ftl", "errors.ftl", "script.ftl", "mail.ftl"),
    },
    Language {
        code: "fr",
        native_name: "Français",
        rtl: false,
        files: catalogue!("fr": "common.ftl", "discussion.ftl", "account.ftl", "moderation.ftl", "errors.ftl", "script.ftl", "mail.ftl"),
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

/// The language of the request being served, or of the work being done for a reader
/// (English outside both).
pub fn current() -> Lang {
    CURRENT.try_with(|lang| *lang).unwrap_or(Lang::ENGLISH)
}

/// Runs `future` with `lang` as the current language: a request, or work done for a reader
/// outside their request.
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

/// Runs `work` with `lang` as the current language (a mail composed for its reader).
pub fn in_language<R>(lang: Lang, work: impl FnOnce() -> R) -> R {
    CURRENT.sync_scope(lang, work)
}

/// A message with Fluent arguments already gathered (templates' keyword arguments).
pub fn text_with_args(id: &str, args: Option<&FluentArgs>) -> String {
    CATALOGUE.format(current(), id, args)
}

/// A message in a given language.
pub fn text_in(lang: Lang, id: &str) -> String {
    CATALOGUE.format(lang, id, None)
}

/// The ids `file` defines in English (for the page's scripts: `script.ftl`).
pub fn message_ids_of(file: &str) -> impl Iterator<Item = &'static str> {
    LANGUAGES[Lang::ENGLISH.0]
        .files
        .iter()
        .filter(move |(name, _)| *name == file)
        .flat_map(|(_, source)| message_ids(source))
}

/// Every message id of the English catalogue.
pub fn english_message_ids() -> std::collections::BTreeSet<&'static str> {
    ids_of(Lang::ENGLISH.0)
}

fn ids_of(lang: usize) -> std::collections::BTreeSet<&'static str> {
    LANGUAGES[lang]
        .files
        .iter()
        .flat_map(|(_, source)| message_ids(source))
        .collect()
}

/// Every catalogue file: language, file name and source (for tests that read them).
pub fn sources() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    LANGUAGES.iter().flat_map(|language| {
        language
            .files
            .iter()
            .map(move |(file, source)| (language.code, *file, *source))
    })
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
#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn dates_are_spelled_by_the_language() {
        let at = time::macros::datetime!(2026-11-24 07:30 UTC);
        assert_eq!(date_time(at), "24 Nov 2026, 07:30 UTC");
        let french = Lang::from_code("fr").unwrap();
        assert_eq!(
            in_language(french, || date_time(at)),
            "24 nov. 2026, 07:30 UTC"
        );
    }
}
