//! Comments, and the comment counts kept on articles.

use time::OffsetDateTime;
use tribune_domain::{Comment, CommentStatus};

use crate::{Error, Result, Store, from_micros, micros, with_pool, with_tx};

#[derive(sqlx::FromRow)]
struct CommentRow {
    id: i64,
    article_id: i64,
    author_id: i64,
    author_name: String,
    body_markdown: String,
    body_html: String,
    status: String,
    created_at: i64,
}

macro_rules! columns {
    () => {
        "c.id, c.article_id, c.author_id, u.display_name AS author_name, c.body_markdown, \
         c.body_html, c.status, c.created_at"
    };
}

/// Which comments a viewer sees: the published ones, and their own still held (`$3` is the
/// viewer's id, 0 for nobody).
macro_rules! visible {
    () => {
        "(c.status = 'published' OR (c.status = 'held' AND c.author_id = $3))"
    };
}

impl TryFrom<CommentRow> for Comment {
    type Error = Error;

    fn try_from(row: CommentRow) -> Result<Self> {
        Ok(Comment {
            id: row.id,
            article_id: row.article_id,
            author_id: row.author_id,
            author_name: row.author_name,
            body_markdown: row.body_markdown,
            body_html: row.body_html,
            status: CommentStatus::from_stored(&row.status),
            created_at: from_micros(row.created_at)?,
        })
    }
}

/// A comment to store, validated and rendered.
#[derive(Debug, Clone)]
pub struct NewComment<'a> {
    pub article_id: i64,
    pub author_id: i64,
    pub body_markdown: &'a str,
    pub body_html: &'a str,
    pub status: CommentStatus,
    pub created_at: OffsetDateTime,
}

/// Where a page of a discussion starts: after the comment with this id, oldest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommentCursor {
    pub after_id: i64,
}

impl CommentCursor {
    pub fn encode(&self) -> String {
        format!("a{}", self.after_id)
    }

    pub fn decode(raw: &str) -> Option<Self> {
        let after_id = raw.strip_prefix('a')?.parse().ok()?;
        Some(Self { after_id })
    }
}

/// A comment with the article it was written under, for profiles.
#[derive(Debug, Clone)]
pub struct UserComment {
    pub comment: Comment,
    pub article_slug: String,
    pub article_headline: String,
}

impl Store {
    /// Stores a comment and, when it is published, counts it on its article, in one
    /// transaction: the count never disagrees with the comments.
    pub async fn insert_comment(&self, new: &NewComment<'_>) -> Result<Comment> {
        const INSERT: &str = "INSERT INTO comments \
             (article_id, author_id, body_markdown, body_html, status, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
        const COUNT: &str = "UPDATE articles SET comment_count = comment_count + 1 WHERE id = $1";
        const SELECT: &str = concat!(
            "SELECT ",
            columns!(),
            " FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id = $1"
        );
        let row: CommentRow = with_tx!(self, |tx| {
            let id: i64 = sqlx::query_scalar(INSERT)
                .bind(new.article_id)
                .bind(new.author_id)
                .bind(new.body_markdown)
                .bind(new.body_html)
                .bind(new.status.as_str())
                .bind(micros(new.created_at))
                .fetch_one(&mut *tx)
                .await?;
            if new.status == CommentStatus::Published {
                sqlx::query(COUNT)
                    .bind(new.article_id)
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query_as(SELECT).bind(id).fetch_one(&mut *tx).await?
        });
        row.try_into()
    }

    /// A page of an article's discussion, oldest first: the published comments, and those
    /// of `viewer_id` still waiting for a moderator (so authors see what they posted).
    pub async fn comments(
        &self,
        article_id: i64,
        viewer_id: Option<i64>,
        cursor: Option<CommentCursor>,
        limit: i64,
    ) -> Result<Vec<Comment>> {
        const SQL: &str = concat!(
            "SELECT ",
            columns!(),
            " FROM comments c JOIN users u ON u.id = c.author_id \
             WHERE c.article_id = $1 AND c.id > $2 AND ",
            visible!(),
            " ORDER BY c.id LIMIT $4"
        );
        let after_id = cursor.map_or(0, |c| c.after_id);
        let rows: Vec<CommentRow> = with_pool!(self, |pool| {
            sqlx::query_as(SQL)
                .bind(article_id)
                .bind(after_id)
                .bind(viewer_id.unwrap_or(0))
                .bind(limit)
                .fetch_all(pool)
                .await?
        });
        rows.into_iter().map(Comment::try_from).collect()
    }

    /// The cursor of the page, in pages of `page_size` counted from the first comment, that
    /// holds comment `comment_id` as `viewer_id` sees the discussion; `None` for the first page.
    pub async fn comment_page_cursor(
        &self,
        article_id: i64,
        viewer_id: Option<i64>,
        comment_id: i64,
        page_size: i64,
    ) -> Result<Option<CommentCursor>> {
        const BEFORE: &str = concat!(
            "SELECT COUNT(*) FROM comments c WHERE c.article_id = $1 AND c.id < $2 AND ",
            visible!()
        );
        const NTH: &str = concat!(
            "SELECT c.id FROM comments c WHERE c.article_id = $1 AND c.id >= $2 AND ",
            visible!(),
            " ORDER BY c.id LIMIT 1 OFFSET $4"
        );
        let viewer = viewer_id.unwrap_or(0);
        let before: i64 = with_pool!(self, |pool| {
            sqlx::query_scalar(BEFORE)
                .bind(article_id)
                .bind(comment_id)
                .bind(viewer)
                .fetch_one(pool)
                .await?
        });
        let page_start = before / page_size.max(1) * page_size.max(1);
        if page_start == 0 {
            return Ok(None);
        }
        // The page starts after the comment just before it, the `page_start - 1`-th.
        let after_id: Option<i64> = with_pool!(self, |pool| {
            sqlx::query_scalar(NTH)
                .bind(article_id)
                .bind(0_i64)
                .bind(viewer)
                .bind(page_start - 1)
                .fetch_optional(pool)
                .await?
        });
        Ok(after_id.map(|after_id| CommentCursor { after_id }))
    }

    /// A reader's published comments, newest first, with the articles they belong to.
    pub async fn comments_by_user(&self, user_id: i64, limit: i64) -> Result<Vec<UserComment>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            comment: CommentRow,
            slug: String,
            headline: String,
        }
        const SQL: &str = concat!(
            "SELECT ",
            columns!(),
            ", a.slug, a.headline FROM comments c \
             JOIN users u ON u.id = c.author_id JOIN articles a ON a.id = c.article_id \
             WHERE c.author_id = $1 AND c.status = 'published' ORDER BY c.id DESC LIMIT $2"
        );
        let rows: Vec<Row> = with_pool!(self, |pool| {
            sqlx::query_as(SQL)
                .bind(user_id)
                .bind(limit)
                .fetch_all(pool)
                .await?
        });
        rows.into_iter()
            .map(|r| {
                Ok(UserComment {
                    comment: r.comment.try_into()?,
                    article_slug: r.slug,
                    article_headline: r.headline,
                })
            })
            .collect()
    }

    /// How many comments are stored in all, any status (for metrics and the admin).
    pub async fn count_comments(&self) -> Result<i64> {
        with_pool!(self, |pool| {
            Ok(sqlx::query_scalar("SELECT COUNT(*) FROM comments")
                .fetch_one(pool)
                .await?)
        })
    }
}
