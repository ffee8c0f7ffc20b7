//! Atom feeds (RFC 4287): the site's latest articles, an article's latest comments, and a
//! reader's private feed of replies and mentions. `atom_syndication` writes them, so every
//! text is escaped; absolute addresses start with `public_url`; entry ids are tag URIs
//! (RFC 4151) over database ids, so they survive a change of slug.
//!
//! Every feed answers conditional GETs: a weak `ETag` derived from what the feed shows (the
//! article's `discussion_version`, the articles' and entries' ids and edit times) and a
//! `Last-Modified` from its newest change, and 304 when the reader's copy is current.

use std::hash::{DefaultHasher, Hash, Hasher};

use atom_syndication::{
    Category, Content, Entry, Feed, FixedDateTime, Generator, Link, Person, Text,
};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};
use tribune_app::Tribune;
use tribune_app::feeds::PrivateFeed;
use tribune_domain::{Article, Comment};

use crate::AppState;
use crate::error::{Failure, PageError};
use crate::views::{iso, permalink};

const ATOM: &str = "application/atom+xml; charset=utf-8";

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/feeds/articles.atom", get(articles))
        .route("/articles/{slug}/comments.atom", get(comments))
        // The router matches whole segments only, so the `.atom` suffix is checked here.
        .route("/feeds/me/{file}", get(private))
}

const ARTICLES_PATH: &str = "/feeds/articles.atom";

fn comments_path(slug: &str) -> String {
    format!("/articles/{slug}/comments.atom")
}

/// The address of a private feed, for the reader who asked for it.
pub(crate) fn private_path(token: &str) -> String {
    format!("/feeds/me/{token}.atom")
}

async fn articles(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let articles = state
        .app
        .feed_articles()
        .await
        .map_err(|e| state.page_error(e))?;
    let site = Site::of(&state);
    let updated = articles.iter().map(article_updated).max();
    let shown: Vec<_> = articles
        .iter()
        .map(|a| (a.id, a.updated_at, a.published_at))
        .collect();
    let validators = Validators::new(&site, ("articles", shown), updated);
    validators.answer(&state, &headers, Cache::Public, || {
        let mut feed = site.feed(&state.app.settings().site.name, updated);
        feed.id = format!("{}{ARTICLES_PATH}", site.base);
        feed.subtitle = non_empty(&state.app.settings().site.tagline).map(Text::plain);
        feed.links = vec![
            site.self_link(ARTICLES_PATH),
            site.link("alternate", "/".to_owned()),
        ];
        feed.entries = articles.iter().map(|a| site.article_entry(a)).collect();
        feed
    })
}

pub(crate) async fn comments(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let (article, comments) = state
        .app
        .feed_comments(&slug)
        .await
        .map_err(|e| state.page_error(e))?;
    let site = Site::of(&state);
    let updated = comments
        .iter()
        .map(comment_updated)
        .chain([article.updated_at])
        .max();
    // The version changes with every comment, edit, deletion and moderator's decision in
    // the discussion; `updated_at` with every edit of the article.
    let shown = (
        "comments",
        article.id,
        article.discussion_version,
        article.updated_at,
    );
    let validators = Validators::new(&site, shown, updated);
    validators.answer(&state, &headers, Cache::Public, || {
        let title = format!("Comments on “{}”", article.headline);
        let mut feed = site.feed(&title, updated);
        feed.id = site.tag(
            article.created_at,
            &format!("articles/{}/comments", article.id),
        );
        feed.links = vec![
            site.self_link(&comments_path(&article.slug)),
            site.link("alternate", format!("/articles/{}#comments", article.slug)),
        ];
        feed.entries = comments
            .iter()
            .map(|c| {
                let title = match &c.parent_author {
                    Some(parent) => format!("{} replied to {parent}", c.author_name),
                    None => format!("{} commented", c.author_name),
                };
                site.comment_entry(c, &article.slug, &title)
            })
            .collect();
        feed
    })
}

async fn private(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Result<Response, PageError> {
    let Some(token) = file.strip_suffix(".atom") else {
        return Err(state.page_failure(Failure::not_found("feed")));
    };
    let PrivateFeed { reader, entries } = state
        .app
        .private_feed(token)
        .await
        .map_err(|e| state.page_error(e))?;
    let site = Site::of(&state);
    let updated = entries.iter().map(|e| comment_updated(&e.comment)).max();
    let shown: Vec<_> = entries
        .iter()
        .map(|e| {
            let c = &e.comment;
            (c.id, c.edited_at, &e.article_slug, &e.article_headline)
        })
        .collect();
    let validators = Validators::new(&site, ("private", reader.id, shown), updated);
    validators.answer(&state, &headers, Cache::Private, || {
        let title = format!("Replies and mentions for {}", reader.display_name);
        let mut feed = site.feed(&title, updated.or(Some(reader.created_at)));
        feed.id = site.tag(reader.created_at, &format!("users/{}/replies", reader.id));
        feed.links = vec![
            site.self_link(&private_path(token)),
            site.link("alternate", format!("/users/{}", reader.id)),
        ];
        feed.entries = entries
            .iter()
            .map(|e| {
                let c = &e.comment;
                // Display names are unique, so the parent's name says whose comment it is.
                let verb = if c.parent_author.as_deref() == Some(reader.display_name.as_str()) {
                    "replied to you"
                } else {
                    "mentioned you"
                };
                let title = format!("{} {verb} on “{}”", c.author_name, e.article_headline);
                site.comment_entry(c, &e.article_slug, &title)
            })
            .collect();
        feed
    })
}

fn article_updated(article: &Article) -> OffsetDateTime {
    // A story scheduled ahead was stored before it was published.
    article.updated_at.max(article.published_at)
}

fn comment_updated(comment: &Comment) -> OffsetDateTime {
    comment.edited_at.unwrap_or(comment.created_at)
}

fn non_empty(text: &str) -> Option<String> {
    let text = xml(text.trim());
    (!text.is_empty()).then_some(text)
}

/// XML 1.0 cannot carry most control characters, not even escaped, and a reader refuses a
/// whole feed for one; comment bodies may hold them, so they are dropped.
fn xml(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect()
}

fn atom_time(at: OffsetDateTime) -> FixedDateTime {
    FixedDateTime::parse_from_rfc3339(&iso(at)).unwrap_or_default()
}

/// What every feed of the site shares: its absolute address and name.
struct Site<'a> {
    base: &'a str,
    name: &'a str,
    /// The host of `public_url`, the authority of tag URIs.
    authority: &'a str,
}

impl<'a> Site<'a> {
    fn of(state: &'a AppState) -> Self {
        let settings = state.app.settings();
        let base = settings.base_url();
        let host = base.split_once("://").map_or(base, |(_, rest)| rest);
        let host = host.split(['/', '?', '#']).next().unwrap_or(host);
        let host = host.rsplit_once('@').map_or(host, |(_, host)| host);
        let authority = match host.strip_prefix('[') {
            Some(v6) => v6.split(']').next().unwrap_or(v6),
            None => host.split(':').next().unwrap_or(host),
        };
        Self {
            base,
            name: &settings.site.name,
            authority,
        }
    }

    /// A tag URI minted on the day the thing was created, which never changes.
    fn tag(&self, created: OffsetDateTime, specific: &str) -> String {
        let day = created
            .format(format_description!("[year]-[month]-[day]"))
            .unwrap_or_default();
        format!("tag:{},{day}:{specific}", self.authority)
    }

    fn link(&self, rel: &str, path: String) -> Link {
        Link {
            href: format!("{}{path}", self.base),
            rel: rel.to_owned(),
            ..Link::default()
        }
    }

    fn self_link(&self, path: &str) -> Link {
        Link {
            mime_type: Some("application/atom+xml".to_owned()),
            ..self.link("self", path.to_owned())
        }
    }

    fn person(&self, name: &str, user_id: Option<i64>) -> Person {
        Person {
            name: xml(name),
            uri: user_id.map(|id| format!("{}/users/{id}", self.base)),
            ..Person::default()
        }
    }

    /// A feed by the site, without id, links or entries yet. An empty feed was last updated
    /// now, as far as anyone can tell.
    fn feed(&self, title: &str, updated: Option<OffsetDateTime>) -> Feed {
        Feed {
            title: Text::plain(xml(title)),
            updated: atom_time(updated.unwrap_or_else(Tribune::now)),
            authors: vec![self.person(self.name, None)],
            generator: Some(Generator {
                value: "Tribune".to_owned(),
                uri: None,
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
            ..Feed::default()
        }
    }

    fn article_entry(&self, a: &Article) -> Entry {
        let mut links = vec![self.link("alternate", format!("/articles/{}", a.slug))];
        if let Some(canonical) = non_empty(&a.canonical_url) {
            links.push(Link {
                href: canonical,
                rel: "related".to_owned(),
                ..Link::default()
            });
        }
        let byline = non_empty(&a.byline);
        Entry {
            title: Text::plain(xml(&a.headline)),
            id: self.tag(a.created_at, &format!("articles/{}", a.id)),
            updated: atom_time(article_updated(a)),
            published: Some(atom_time(a.published_at)),
            // Without a byline the feed's author, the site, stands for the article.
            authors: byline.map(|b| self.person(&b, None)).into_iter().collect(),
            categories: a
                .tags
                .iter()
                .filter_map(|t| non_empty(t))
                .map(|term| Category {
                    term,
                    scheme: None,
                    label: None,
                })
                .collect(),
            links,
            summary: non_empty(&a.lead).map(Text::plain),
            rights: non_empty(&a.rights).map(Text::plain),
            ..Entry::default()
        }
    }

    /// A comment as an entry: its sanitized HTML, its author, its permalink.
    fn comment_entry(&self, c: &Comment, slug: &str, title: &str) -> Entry {
        Entry {
            title: Text::plain(xml(title)),
            id: self.tag(c.created_at, &format!("comments/{}", c.id)),
            updated: atom_time(comment_updated(c)),
            published: Some(atom_time(c.created_at)),
            authors: vec![self.person(&c.author_name, Some(c.author_id))],
            links: vec![self.link("alternate", permalink(slug, c.id))],
            content: Some(Content {
                content_type: Some("html".to_owned()),
                value: Some(xml(&c.body_html)),
                ..Content::default()
            }),
            ..Entry::default()
        }
    }
}

/// Who may keep a copy of a feed on the way.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cache {
    Public,
    /// Behind a secret address: only the reader's own client.
    Private,
}

/// What a conditional GET compares: a weak entity tag and the time of the newest change.
struct Validators {
    etag: String,
    last_modified: Option<OffsetDateTime>,
}

/// `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 9110 §5.6.7).
const HTTP_DATE: &[BorrowedFormatItem<'static>] = format_description!(
    "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
);

impl Validators {
    /// `shown` is what the feed shows that can change. The hasher's keys are fixed, so every
    /// node of a site gives the same tag; a new release may change tags, costing one full
    /// answer. The site's address and name are in every feed, so in every tag.
    fn new(site: &Site<'_>, shown: impl Hash, last_modified: Option<OffsetDateTime>) -> Self {
        let mut hasher = DefaultHasher::new();
        (site.base, site.name, shown).hash(&mut hasher);
        Self {
            // Weak: gzip on the way changes the bytes, not the feed.
            etag: format!("W/\"{:016x}\"", hasher.finish()),
            last_modified,
        }
    }

    /// Whether the client's copy is current. If-None-Match, when sent, decides alone
    /// (RFC 9110 §13.2.2); If-Modified-Since compares whole seconds, as HTTP dates have.
    fn fresh(&self, headers: &HeaderMap) -> bool {
        let mut tags = headers
            .get_all(header::IF_NONE_MATCH)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .peekable();
        if tags.peek().is_some() {
            let ours = self.etag.trim_start_matches("W/");
            return tags.any(|t| t == "*" || t.trim_start_matches("W/") == ours);
        }
        let since = headers
            .get(header::IF_MODIFIED_SINCE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| PrimitiveDateTime::parse(v.trim(), HTTP_DATE).ok())
            .map(PrimitiveDateTime::assume_utc);
        match (since, self.last_modified) {
            (Some(since), Some(modified)) => modified.unix_timestamp() <= since.unix_timestamp(),
            _ => false,
        }
    }

    /// 304 when the client's copy is current, else the feed that `build` makes.
    fn answer(
        &self,
        state: &AppState,
        headers: &HeaderMap,
        cache: Cache,
        build: impl FnOnce() -> Feed,
    ) -> Result<Response, PageError> {
        let mut response = if self.fresh(headers) {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            let xml = build()
                .write_to(Vec::new())
                .map_err(|e| e.to_string())
                .and_then(|bytes| String::from_utf8(bytes).map_err(|e| e.to_string()))
                .map_err(|e| {
                    state.page_error(tribune_app::Error::Internal(format!("atom feed: {e}")))
                })?;
            ([(header::CONTENT_TYPE, ATOM)], xml).into_response()
        };
        let out = response.headers_mut();
        if let Ok(etag) = HeaderValue::from_str(&self.etag) {
            out.insert(header::ETAG, etag);
        }
        if let Some(date) = self
            .last_modified
            .and_then(|at| at.to_offset(UtcOffset::UTC).format(HTTP_DATE).ok())
            .and_then(|date| HeaderValue::from_str(&date).ok())
        {
            out.insert(header::LAST_MODIFIED, date);
        }
        out.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(match cache {
                // Feeds change often and revalidating costs a 304.
                Cache::Public => "no-cache",
                Cache::Private => "private, no-cache",
            }),
        );
        Ok(response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn validators(last_modified: Option<OffsetDateTime>) -> Validators {
        Validators {
            etag: "W/\"00000000000000ab\"".to_owned(),
            last_modified,
        }
    }

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn if_none_match_decides_before_if_modified_since() {
        let at = time::macros::datetime!(2026-11-24 07:30:00.5 UTC);
        let v = validators(Some(at));
        let current = "Tue, 24 Nov 2026 07:30:00 GMT";
        let earlier = "Tue, 24 Nov 2026 07:29:59 GMT";
        assert!(v.fresh(&headers(&[(header::IF_NONE_MATCH, "\"00000000000000ab\"")])));
        assert!(v.fresh(&headers(&[(
            header::IF_NONE_MATCH,
            "W/\"x\", W/\"00000000000000ab\""
        )])));
        assert!(v.fresh(&headers(&[(header::IF_NONE_MATCH, "*")])));
        assert!(!v.fresh(&headers(&[
            (header::IF_NONE_MATCH, "W/\"other\""),
            (header::IF_MODIFIED_SINCE, current),
        ])));
        assert!(v.fresh(&headers(&[(header::IF_MODIFIED_SINCE, current)])));
        assert!(!v.fresh(&headers(&[(header::IF_MODIFIED_SINCE, earlier)])));
        assert!(!v.fresh(&headers(&[(header::IF_MODIFIED_SINCE, "yesterday")])));
        assert!(!validators(None).fresh(&headers(&[(header::IF_MODIFIED_SINCE, current)])));
        assert!(!v.fresh(&HeaderMap::new()));
    }

    #[test]
    fn control_characters_are_dropped_from_xml_text() {
        assert_eq!(xml("a\u{1}b\u{b}c\td\ne\u{FFFF}é"), "abc\td\neé");
    }
}
