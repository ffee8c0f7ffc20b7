//! A reader's own data: everything stored about them (to download), deleting their account,
//! and claiming the unclaimed profiles (guests, imported authors) written under their address.

use time::OffsetDateTime;
use tribune_domain::User;

use crate::comments::{UserComment, UserCommentRow, columns, from_comments};
use crate::{Result, Store, from_micros, micros, with_pool, with_tx};

/// A reaction a reader gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GivenReaction {
    pub comment_id: i64,
    pub created_at: OffsetDateTime,
}

/// A report a reader filed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiledReport {
    pub comment_id: i64,
    pub reason: String,
    pub details: String,
    pub created_at: OffsetDateTime,
}

/// An unclaimed profile written under a reader's address, with its comments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimableProfile {
    pub id: i64,
    pub display_name: String,
    pub comments: i64,
}

/// What happens to a deleted account's comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeletedComments {
    /// They stay, signed by the shared "Former reader" profile.
    Anonymise,
    /// Their text goes; each shows as deleted, so that replies keep their place.
    Remove,
}

/// The shared profile that signs the comments of deleted accounts, under this email and name
/// key, which no real address (no @) or name key (letters and digits only) can equal: it has
/// no password, cannot log in, and links no two comments to one person.
const FORMER_READER: &str = "former-reader";

/// The articles a reader's comments belong to, whose rendered pages change with them.
const BUMP_THEIR_ARTICLES: &str = "UPDATE articles SET discussion_version = discussion_version + 1 \
     WHERE id IN (SELECT article_id FROM comments WHERE author_id = $1)";

impl Store {
    /// Every comment a reader wrote, in any state, oldest first, with its article.
    pub async fn comments_written_by(&self, user_id: i64) -> Result<Vec<UserComment>> {
        const SQL: &str = concat!(
            "SELECT ",
            columns!(),
            ", a.slug, a.headline",
            from_comments!(),
            "JOIN articles a ON a.id = c.article_id WHERE c.author_id = $1 ORDER BY c.id"
        );
        let rows: Vec<UserCommentRow> = with_pool!(self, |pool| {
            sqlx::query_as(SQL).bind(user_id).fetch_all(pool).await?
        });
        rows.into_iter().map(UserComment::try_from).collect()
    }

    pub async fn reactions_given(&self, user_id: i64) -> Result<Vec<GivenReaction>> {
        let rows: Vec<(i64, i64)> = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT comment_id, created_at FROM reactions WHERE user_id = $1 \
                 ORDER BY created_at, comment_id",
            )
            .bind(user_id)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter()
            .map(|(comment_id, at)| {
                Ok(GivenReaction {
                    comment_id,
                    created_at: from_micros(at)?,
                })
            })
            .collect()
    }

    pub async fn reports_filed(&self, user_id: i64) -> Result<Vec<FiledReport>> {
        let rows: Vec<(i64, String, String, i64)> = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT comment_id, reason, details, created_at FROM comment_reports \
                 WHERE reporter_id = $1 ORDER BY id",
            )
            .bind(user_id)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter()
            .map(|(comment_id, reason, details, at)| {
                Ok(FiledReport {
                    comment_id,
                    reason,
                    details,
                    created_at: from_micros(at)?,
                })
            })
            .collect()
    }

    /// Deletes an account, in one transaction: its reactions (and their counts), its
    /// sessions, links, tokens, notifications, reports and mail not yet sent go; its comments
    /// pass to the shared "Former reader" profile, their text removed first when `comments`
    /// says so; what it did as a moderator stays in the audit log under that profile.
    pub async fn delete_account(
        &self,
        user: &User,
        comments: DeletedComments,
        now: OffsetDateTime,
    ) -> Result<()> {
        with_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO users (email, display_name, name_key, password_hash, role, \
                 created_at) VALUES ($1, 'Former reader', $1, NULL, 'reader', $2) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(FORMER_READER)
            .bind(micros(now))
            .execute(&mut *tx)
            .await?;
            let former: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
                .bind(FORMER_READER)
                .fetch_one(&mut *tx)
                .await?;
            // Reactions: each comment's count drops with the reaction, in this transaction.
            sqlx::query(
                "UPDATE articles SET discussion_version = discussion_version + 1 WHERE id IN \
                 (SELECT c.article_id FROM reactions r JOIN comments c ON c.id = r.comment_id \
                 WHERE r.user_id = $1)",
            )
            .bind(user.id)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "UPDATE comments SET reaction_count = reaction_count - 1 \
                 WHERE id IN (SELECT comment_id FROM reactions WHERE user_id = $1)",
            )
            .bind(user.id)
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM reactions WHERE user_id = $1")
                .bind(user.id)
                .execute(&mut *tx)
                .await?;
            if comments == DeletedComments::Remove {
                sqlx::query(
                    "UPDATE articles SET comment_count = comment_count - (SELECT COUNT(*) \
                     FROM comments c WHERE c.article_id = articles.id AND c.author_id = $1 \
                     AND c.status = 'published' AND c.deleted_at IS NULL) \
                     WHERE id IN (SELECT article_id FROM comments WHERE author_id = $1)",
                )
                .bind(user.id)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "UPDATE comments SET deleted_at = $2 WHERE author_id = $1 \
                     AND deleted_at IS NULL",
                )
                .bind(user.id)
                .bind(micros(now))
                .execute(&mut *tx)
                .await?;
                for sql in [
                    "DELETE FROM comment_revisions WHERE comment_id IN \
                     (SELECT id FROM comments WHERE author_id = $1)",
                    "DELETE FROM comment_quotes WHERE comment_id IN \
                     (SELECT id FROM comments WHERE author_id = $1)",
                    "UPDATE comments SET body_markdown = '', body_html = '' WHERE author_id = $1",
                ] {
                    sqlx::query(sql).bind(user.id).execute(&mut *tx).await?;
                }
            }
            sqlx::query(BUMP_THEIR_ARTICLES)
                .bind(user.id)
                .execute(&mut *tx)
                .await?;
            for sql in [
                "UPDATE comments SET author_id = $2 WHERE author_id = $1",
                "UPDATE comments SET moderated_by = $2 WHERE moderated_by = $1",
                "UPDATE moderation_log SET actor_id = $2 WHERE actor_id = $1",
            ] {
                sqlx::query(sql)
                    .bind(user.id)
                    .bind(former)
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query("DELETE FROM outbox WHERE recipient = $1 AND sent_at IS NULL")
                .bind(&user.email)
                .execute(&mut *tx)
                .await?;
            // Sessions, links, tokens, notifications, reports, mentions and single sign-on
            // links go with the row (ON DELETE CASCADE).
            sqlx::query("DELETE FROM users WHERE id = $1")
                .bind(user.id)
                .execute(&mut *tx)
                .await?;
        });
        Ok(())
    }

    /// The unclaimed profiles written under an address (by its keyed hash).
    pub async fn claimable_profiles(&self, email_hash: &str) -> Result<Vec<ClaimableProfile>> {
        let rows: Vec<(i64, String, i64)> = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT u.id, u.display_name, COUNT(c.id) FROM users u \
                 LEFT JOIN comments c ON c.author_id = u.id \
                 WHERE u.unclaimed_key IS NOT NULL AND u.email_hash = $1 \
                 GROUP BY u.id, u.display_name ORDER BY u.id",
            )
            .bind(email_hash)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(id, display_name, comments)| ClaimableProfile {
                id,
                display_name,
                comments,
            })
            .collect())
    }

    /// Makes a reader the author of every comment of the unclaimed profiles under their
    /// address, and removes those profiles; returns how many comments moved. Guests cannot
    /// react or be notified by mail, so only their comments and mentions have anything to move.
    pub async fn claim_profiles(&self, reader: &User, email_hash: &str) -> Result<u64> {
        let moved = with_tx!(self, |tx| {
            sqlx::query(
                "UPDATE articles SET discussion_version = discussion_version + 1 WHERE id IN \
                 (SELECT article_id FROM comments WHERE author_id IN (SELECT id FROM users \
                 WHERE unclaimed_key IS NOT NULL AND email_hash = $1))",
            )
            .bind(email_hash)
            .execute(&mut *tx)
            .await?;
            let moved = sqlx::query(
                "UPDATE comments SET author_id = $1 WHERE author_id IN (SELECT id FROM users \
                 WHERE unclaimed_key IS NOT NULL AND email_hash = $2)",
            )
            .bind(reader.id)
            .bind(email_hash)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            sqlx::query("DELETE FROM users WHERE unclaimed_key IS NOT NULL AND email_hash = $1")
                .bind(email_hash)
                .execute(&mut *tx)
                .await?;
            moved
        });
        Ok(moved)
    }
}
