//! The API's JSON shapes. They are a public contract, separate from domain types: renaming a
//! domain field must not change the API.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use tribune_domain::article::ArticleFields;
use tribune_domain::{Article, Comment, User};
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
pub struct SignUpRequest {
    /// Public name, 1–40 characters, unique (ignoring case and look-alike letters).
    pub display_name: String,
    pub email: String,
    /// 10–128 characters.
    pub password: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct LogInRequest {
    pub email: String,
    pub password: String,
}

/// The signed-in reader.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub id: i64,
    pub display_name: String,
    pub email: String,
    /// `reader`, `moderator` or `admin`.
    pub role: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl From<&User> for Me {
    fn from(u: &User) -> Self {
        Self {
            id: u.id,
            display_name: u.display_name.clone(),
            email: u.email.clone(),
            role: u.role.as_str().to_owned(),
            created_at: u.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleOut {
    pub slug: String,
    pub url: String,
    pub headline: String,
    pub lead: String,
    pub body_markdown: String,
    /// Sanitized HTML.
    pub body_html: String,
    pub byline: String,
    pub dateline: String,
    pub credit: String,
    /// For syndicated copy: the wire service or publisher.
    pub source: String,
    /// For syndicated copy: the rights notice to show with it.
    pub rights: String,
    pub tags: Vec<String>,
    pub canonical_url: String,
    #[serde(with = "time::serde::rfc3339")]
    pub published_at: OffsetDateTime,
    /// `open`, `pre-moderated` or `closed`.
    pub comment_policy: String,
    #[serde(with = "time::serde::rfc3339::option")]
    pub closes_at: Option<OffsetDateTime>,
    /// Published comments.
    pub comment_count: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl ArticleOut {
    pub fn of(a: &Article, base_url: &str) -> Self {
        Self {
            slug: a.slug.clone(),
            url: format!("{base_url}/articles/{}", a.slug),
            headline: a.headline.clone(),
            lead: a.lead.clone(),
            body_markdown: a.body_markdown.clone(),
            body_html: a.body_html.clone(),
            byline: a.byline.clone(),
            dateline: a.dateline.clone(),
            credit: a.credit.clone(),
            source: a.source.clone(),
            rights: a.rights.clone(),
            tags: a.tags.clone(),
            canonical_url: a.canonical_url.clone(),
            published_at: a.published_at,
            comment_policy: a.comment_policy.as_str().to_owned(),
            closes_at: a.closes_at,
            comment_count: a.comment_count,
            updated_at: a.updated_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleList {
    pub items: Vec<ArticleOut>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// An article as a newsroom system sends it.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ArticleIn {
    /// Made from the headline when absent.
    pub slug: Option<String>,
    pub headline: String,
    pub lead: String,
    /// Markdown paragraphs.
    pub body: String,
    pub byline: String,
    pub dateline: String,
    pub credit: String,
    pub source: String,
    pub rights: String,
    pub tags: Vec<String>,
    pub canonical_url: String,
    /// Now when absent (on update: unchanged).
    #[serde(with = "time::serde::rfc3339::option")]
    pub published_at: Option<OffsetDateTime>,
    /// `open` (default), `pre-moderated` or `closed`.
    pub comment_policy: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub closes_at: Option<OffsetDateTime>,
}

impl From<ArticleIn> for ArticleFields {
    fn from(a: ArticleIn) -> Self {
        ArticleFields {
            slug: a.slug,
            headline: a.headline,
            lead: a.lead,
            body: a.body,
            byline: a.byline,
            dateline: a.dateline,
            credit: a.credit,
            source: a.source,
            rights: a.rights,
            tags: a.tags,
            canonical_url: a.canonical_url,
            published_at: a.published_at,
            comment_policy: a.comment_policy,
            closes_at: a.closes_at,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CommentIn {
    /// Markdown: paragraphs, emphasis, links, quotations, lists. Up to the site's limit
    /// (10,000 characters by default).
    pub body: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Author {
    pub id: i64,
    pub display_name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommentOut {
    pub id: i64,
    pub article_slug: String,
    pub author: Author,
    /// The Markdown as written.
    pub body: String,
    /// Sanitized HTML.
    pub body_html: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// `published`, or `held` while a moderator has not yet approved it (only its author
    /// sees it then).
    pub status: String,
    /// Relative URL of the comment on its article page.
    pub permalink: String,
}

impl CommentOut {
    pub fn of(c: &Comment, article_slug: &str) -> Self {
        Self {
            id: c.id,
            article_slug: article_slug.to_owned(),
            author: Author {
                id: c.author_id,
                display_name: c.author_name.clone(),
            },
            body: c.body_markdown.clone(),
            body_html: c.body_html.clone(),
            created_at: c.created_at,
            status: c.status.as_str().to_owned(),
            permalink: crate::views::permalink(article_slug, c.id),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommentList {
    pub items: Vec<CommentOut>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
    /// Published comments on the article.
    pub total: i64,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// From `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Items per page (articles: up to 100; comments: up to 500).
    pub limit: Option<usize>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CommentPageQuery {
    /// From `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Comments per page, up to 500 (the site's page size by default).
    pub limit: Option<usize>,
    /// Return the page that holds this comment id (for permalinks).
    pub around: Option<i64>,
}
