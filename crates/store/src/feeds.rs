//! What Atom feeds need beyond the discussion's own queries: readers' private feed tokens
//! (only their SHA-256 is stored) and the replies and mentions that a private feed lists.

use time::OffsetDateTime;
use tribune_domain::User;

use crate::comments::{UserCommentRow, columns, from_comments};
use crate::users::UserRow;
use crate::{Result, Store, UserComment, conflict_on, from_micros, micros, with_pool};

impl Store {
    /// Gives the reader a private feed token, replacing the one they had: the old address
    /// stops working in the same statement.
    pub async fn set_feed_token(
        &self,
        user_id: i64,
        token_hash: &str,
        created_at: OffsetDateTime,
    ) -> Result<()> {
        with_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO feed_tokens (user_id, token_hash, created_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (user_id) DO UPDATE \
                 SET token_hash = excluded.token_hash, created_at = excluded.created_at",
            )
            .bind(user_id)
            .bind(token_hash)
            .bind(micros(created_at))
            .execute(pool)
            .await
            .map_err(|e| conflict_on(e, &["token_hash"]))?;
        });
        Ok(())
    }

    /// When the reader's current private feed token was made, if they have one.
    pub async fn feed_token_created(&self, user_id: i64) -> Result<Option<OffsetDateTime>> {
        let created: Option<i64> = with_pool!(self, |pool| {
            sqlx::query_scalar("SELECT created_at FROM feed_tokens WHERE user_id = $1")
                .bind(user_id)
                .fetch_optional(pool)
                .await?
        });
        created.map(from_micros).transpose()
    }

    /// The reader whose private feed token this is.
    pub async fn feed_token_user(&self, token_hash: &str) -> Result<Option<User>> {
        let row: Option<UserRow> = with_pool!(self, |pool| {
            sqlx::query_as(concat!(
                "SELECT ",
                crate::users::user_columns!("u"),
                " FROM feed_tokens f JOIN users u ON u.id = f.user_id WHERE f.token_hash = $1"
            ))
            .bind(token_hash)
            .fetch_optional(pool)
            .await?
        });
        row.map(User::try_from).transpose()
    }

    /// Revokes the reader's private feed token; returns whether there was one.
    pub async fn delete_feed_token(&self, user_id: i64) -> Result<bool> {
        with_pool!(self, |pool| {
            Ok(sqlx::query("DELETE FROM feed_tokens WHERE user_id = $1")
                .bind(user_id)
                .execute(pool)
                .await?
                .rows_affected()
                > 0)
        })
    }

    /// Published, undeleted comments by others that answer one of the reader's comments or
    /// mention the reader, newest first, with their articles.
    ///
    /// The two ways in are looked up by index (the reader's comments, then replies to each
    /// within its article; mentions by reader) and united before the rows are read, so a
    /// reader with few replies does not cost a walk through every comment of the site.
    pub async fn replies_and_mentions(&self, user_id: i64, limit: i64) -> Result<Vec<UserComment>> {
        const SQL: &str = concat!(
            "SELECT ",
            columns!(),
            ", a.slug, a.headline",
            from_comments!(),
            "JOIN articles a ON a.id = c.article_id \
             WHERE c.id IN (\
             SELECT r.id FROM comments mine \
             JOIN comments r ON r.article_id = mine.article_id AND r.parent_id = mine.id \
             WHERE mine.author_id = $1 \
             UNION SELECT m.comment_id FROM comment_mentions m WHERE m.user_id = $1) \
             AND c.author_id <> $1 AND c.status = 'published' AND c.deleted_at IS NULL \
             ORDER BY c.id DESC LIMIT $2"
        );
        let rows: Vec<UserCommentRow> = with_pool!(self, |pool| {
            sqlx::query_as(SQL)
                .bind(user_id)
                .bind(limit)
                .fetch_all(pool)
                .await?
        });
        rows.into_iter().map(UserComment::try_from).collect()
    }
}
