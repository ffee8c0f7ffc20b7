//! Articles.

use time::OffsetDateTime;
use tribune_domain::article::Paragraph;
use tribune_domain::{Article, ArticleDraft, CommentPolicy};

use crate::imports::{Import, in_import};
use crate::{Error, Result, Store, conflict_on, from_micros, micros, with_pool};

#[derive(sqlx::FromRow)]
struct ArticleRow {
    id: i64,
    slug: String,
    headline: String,
    lead: String,
    body_markdown: String,
    body_html: String,
    paragraphs: String,
    byline: String,
    dateline: String,
    credit: String,
    source: String,
    rights: String,
    tags: String,
    canonical_url: String,
    published_at: i64,
    comment_policy: String,
    closes_at: Option<i64>,
    comment_count: i64,
    discussion_version: i64,
    created_at: i64,
    updated_at: i64,
    moderator_note: Option<String>,
    event_seq: i64,
}

/// The columns of [`ArticleRow`], as a macro so that queries stay `&'static str`.
macro_rules! columns {
    () => {
        "id, slug, headline, lead, body_markdown, body_html, paragraphs, byline, dateline, credit, \
         source, rights, tags, canonical_url, published_at, comment_policy, closes_at, \
         comment_count, discussion_version, created_at, updated_at, moderator_note, \
         event_seq"
    };
}

impl TryFrom<ArticleRow> for Article {
    type Error = Error;

    fn try_from(row: ArticleRow) -> Result<Self> {
        Ok(Article {
            id: row.id,
            slug: row.slug,
            headline: row.headline,
            lead: row.lead,
            body_markdown: row.body_markdown,
            body_html: row.body_html,
            paragraphs: serde_json::from_str(&row.paragraphs)
                .map_err(|e| Error::Corrupt(format!("article paragraphs: {e}")))?,
            byline: row.byline,
            dateline: row.dateline,
            credit: row.credit,
            source: row.source,
            rights: row.rights,
            tags: row.tags.lines().map(str::to_owned).collect(),
            canonical_url: row.canonical_url,
            published_at: from_micros(row.published_at)?,
            comment_policy: CommentPolicy::parse(&row.comment_policy)
                .map_err(|e| Error::Corrupt(e.message))?,
            closes_at: row.closes_at.map(from_micros).transpose()?,
            comment_count: row.comment_count,
            discussion_version: row.discussion_version,
            created_at: from_micros(row.created_at)?,
            updated_at: from_micros(row.updated_at)?,
            moderator_note: row.moderator_note,
            last_event: row.event_seq,
        })
    }
}

/// An article body rendered for storage: the whole, and paragraph by paragraph.
#[derive(Debug, Clone, Copy)]
pub struct RenderedBody<'a> {
    pub html: &'a str,
    pub paragraphs: &'a [Paragraph],
}

fn paragraphs_json(paragraphs: &[Paragraph]) -> Result<String> {
    serde_json::to_string(paragraphs)
        .map_err(|e| Error::Corrupt(format!("article paragraphs: {e}")))
}

/// Where a page of the article list starts: after this (publication time, id), newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArticleCursor {
    pub published_at: i64,
    pub id: i64,
}

impl ArticleCursor {
    pub fn after(article: &Article) -> Self {
        Self {
            published_at: micros(article.published_at),
            id: article.id,
        }
    }

    /// An opaque string for URLs.
    pub fn encode(&self) -> String {
        format!("{}.{}", self.published_at, self.id)
    }

    pub fn decode(raw: &str) -> Option<Self> {
        let (published_at, id) = raw.split_once('.')?;
        Some(Self {
            published_at: published_at.parse().ok()?,
            id: id.parse().ok()?,
        })
    }
}

/// The statement that stores a new article (`RETURNING` its row), for a pool or a
/// transaction: one text for [`Store::insert_article`] and the imports' transaction.
macro_rules! insert_article_query {
    ($draft:expr, $body:expr, $now:expr) => {{
        const SQL: &str = concat!(
            "INSERT INTO articles (slug, headline, lead, body_markdown, body_html, byline, \
             dateline, credit, source, rights, tags, canonical_url, published_at, \
             comment_policy, closes_at, created_at, updated_at, paragraphs) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, \
             $17) \
             RETURNING ",
            columns!(),
            ""
        );
        let draft: &ArticleDraft = $draft;
        let body: &RenderedBody<'_> = $body;
        sqlx::query_as::<_, ArticleRow>(SQL)
            .bind(draft.slug.as_str())
            .bind(draft.headline.clone())
            .bind(draft.lead.clone())
            .bind(draft.body_markdown.clone())
            .bind(body.html.to_owned())
            .bind(draft.byline.clone())
            .bind(draft.dateline.clone())
            .bind(draft.credit.clone())
            .bind(draft.source.clone())
            .bind(draft.rights.clone())
            .bind(draft.tags.join("\n"))
            .bind(draft.canonical_url.clone())
            .bind(micros(draft.published_at))
            .bind(draft.comment_policy.as_str())
            .bind(draft.closes_at.map(micros))
            .bind(micros($now))
            .bind(paragraphs_json(body.paragraphs)?)
    }};
}

impl Store {
    /// Stores a new article; a taken slug is [`Error::Conflict`]`("slug")`.
    pub async fn insert_article(
        &self,
        draft: &ArticleDraft,
        body: &RenderedBody<'_>,
        now: OffsetDateTime,
    ) -> Result<Article> {
        let row: ArticleRow = with_pool!(self, |pool| {
            insert_article_query!(draft, body, now)
                .fetch_one(pool)
                .await
                .map_err(|e| conflict_on(e, &["slug", "canonical_url"]))?
        });
        row.try_into()
    }

    /// Replaces the article at `slug` (whose slug may change with the draft).
    pub async fn update_article(
        &self,
        slug: &str,
        draft: &ArticleDraft,
        body: &RenderedBody<'_>,
        now: OffsetDateTime,
    ) -> Result<Article> {
        let (body_html, paragraphs) = (body.html, paragraphs_json(body.paragraphs)?);
        const SQL: &str = concat!(
            "UPDATE articles SET slug = $1, headline = $2, lead = $3, body_markdown = $4, \
             body_html = $5, byline = $6, dateline = $7, credit = $8, source = $9, rights = $10, \
             tags = $11, canonical_url = $12, published_at = $13, comment_policy = $14, \
             closes_at = $15, updated_at = $16, paragraphs = $18 WHERE slug = $17 RETURNING ",
            columns!(),
            ""
        );
        let row: Option<ArticleRow> = with_pool!(self, |pool| {
            sqlx::query_as(SQL)
                .bind(draft.slug.as_str())
                .bind(&draft.headline)
                .bind(&draft.lead)
                .bind(&draft.body_markdown)
                .bind(body_html)
                .bind(&draft.byline)
                .bind(&draft.dateline)
                .bind(&draft.credit)
                .bind(&draft.source)
                .bind(&draft.rights)
                .bind(draft.tags.join("\n"))
                .bind(&draft.canonical_url)
                .bind(micros(draft.published_at))
                .bind(draft.comment_policy.as_str())
                .bind(draft.closes_at.map(micros))
                .bind(micros(now))
                .bind(slug)
                .bind(&paragraphs)
                .fetch_optional(pool)
                .await
                .map_err(|e| conflict_on(e, &["slug", "canonical_url"]))?
        });
        row.ok_or(Error::NotFound)?.try_into()
    }

    pub async fn article(&self, slug: &str) -> Result<Option<Article>> {
        const SQL: &str = concat!("SELECT ", columns!(), " FROM articles WHERE slug = $1");
        let row: Option<ArticleRow> = with_pool!(self, |pool| {
            sqlx::query_as(SQL).bind(slug).fetch_optional(pool).await?
        });
        row.map(Article::try_from).transpose()
    }

    /// The article at a canonical address (see `tribune_domain::CanonicalUrl`).
    pub async fn article_by_url(&self, canonical_url: &str) -> Result<Option<Article>> {
        const SQL: &str = concat!(
            "SELECT ",
            columns!(),
            " FROM articles WHERE canonical_url = $1 AND canonical_url <> ''"
        );
        let row: Option<ArticleRow> = with_pool!(self, |pool| {
            sqlx::query_as(SQL)
                .bind(canonical_url)
                .fetch_optional(pool)
                .await?
        });
        row.map(Article::try_from).transpose()
    }

    pub async fn article_by_id(&self, id: i64) -> Result<Option<Article>> {
        const SQL: &str = concat!("SELECT ", columns!(), " FROM articles WHERE id = $1");
        let row: Option<ArticleRow> = with_pool!(self, |pool| {
            sqlx::query_as(SQL).bind(id).fetch_optional(pool).await?
        });
        row.map(Article::try_from).transpose()
    }

    /// Articles published by `now`, newest first, after `cursor`.
    pub async fn articles(
        &self,
        now: OffsetDateTime,
        cursor: Option<ArticleCursor>,
        limit: i64,
    ) -> Result<Vec<Article>> {
        let cursor = cursor.unwrap_or(ArticleCursor {
            published_at: i64::MAX,
            id: i64::MAX,
        });
        const SQL: &str = concat!(
            "SELECT ",
            columns!(),
            " FROM articles WHERE published_at <= $1 \
             AND (published_at < $2 OR (published_at = $2 AND id < $3)) \
             ORDER BY published_at DESC, id DESC LIMIT $4"
        );
        let rows: Vec<ArticleRow> = with_pool!(self, |pool| {
            sqlx::query_as(SQL)
                .bind(micros(now))
                .bind(cursor.published_at)
                .bind(cursor.id)
                .bind(limit)
                .fetch_all(pool)
                .await?
        });
        rows.into_iter().map(Article::try_from).collect()
    }

    pub async fn count_articles(&self) -> Result<i64> {
        with_pool!(self, |pool| {
            Ok(sqlx::query_scalar("SELECT COUNT(*) FROM articles")
                .fetch_one(pool)
                .await?)
        })
    }
}

impl Import {
    /// The article at a canonical address, as the import's transaction sees it.
    pub async fn article_by_url(&mut self, canonical_url: &str) -> Result<Option<Article>> {
        const SQL: &str = concat!(
            "SELECT ",
            columns!(),
            " FROM articles WHERE canonical_url = $1 AND canonical_url <> ''"
        );
        let row: Option<ArticleRow> = in_import!(self, |tx| {
            sqlx::query_as(SQL)
                .bind(canonical_url)
                .fetch_optional(&mut *tx)
                .await?
        });
        row.map(Article::try_from).transpose()
    }

    /// Stores a new article like [`Store::insert_article`] (a taken slug or address is
    /// [`Error::Conflict`]), inside a savepoint, so that a conflict leaves the import usable.
    pub async fn insert_article(
        &mut self,
        draft: &ArticleDraft,
        body: &RenderedBody<'_>,
        now: OffsetDateTime,
    ) -> Result<Article> {
        let row: ArticleRow = in_import!(self, |tx| {
            let mut savepoint = sqlx::Connection::begin(&mut *tx).await?;
            let inserted = insert_article_query!(draft, body, now)
                .fetch_one(&mut *savepoint)
                .await;
            match inserted {
                Ok(row) => {
                    savepoint.commit().await?;
                    row
                }
                Err(e) => {
                    savepoint.rollback().await?;
                    return Err(conflict_on(e, &["slug", "canonical_url"]));
                }
            }
        });
        row.try_into()
    }
}
