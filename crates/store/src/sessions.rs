//! Log-in sessions and newsroom API tokens. Only SHA-256 hashes of the secrets are stored.

use time::OffsetDateTime;
use tribune_domain::User;

use crate::users::UserRow;
use crate::{Result, Store, conflict_on, from_micros, micros, with_pool};

/// A newsroom system's token, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    pub role: String,
}

impl Store {
    pub async fn insert_session(
        &self,
        token_hash: &str,
        user_id: i64,
        created_at: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> Result<()> {
        with_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(token_hash)
            .bind(user_id)
            .bind(micros(created_at))
            .bind(micros(expires_at))
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// The session's user and expiry. Expiry is the caller's to judge.
    pub async fn session(&self, token_hash: &str) -> Result<Option<(User, OffsetDateTime)>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            user: UserRow,
            expires_at: i64,
        }
        let row: Option<Row> = with_pool!(self, |pool| {
            sqlx::query_as(concat!(
                "SELECT ",
                crate::users::user_columns!("u"),
                ", s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id \
                 WHERE s.token_hash = $1"
            ))
            .bind(token_hash)
            .fetch_optional(pool)
            .await?
        });
        row.map(|r| Ok((r.user.try_into()?, from_micros(r.expires_at)?)))
            .transpose()
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<()> {
        with_pool!(self, |pool| {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                .bind(token_hash)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// Removes sessions that expired before `now`; returns how many.
    pub async fn delete_expired_sessions(&self, now: OffsetDateTime) -> Result<u64> {
        with_pool!(self, |pool| {
            Ok(sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
                .bind(micros(now))
                .execute(pool)
                .await?
                .rows_affected())
        })
    }

    pub async fn insert_api_token(
        &self,
        name: &str,
        role: &str,
        token_hash: &str,
        created_at: OffsetDateTime,
    ) -> Result<ApiToken> {
        let id: i64 = with_pool!(self, |pool| {
            sqlx::query_scalar(
                "INSERT INTO api_tokens (name, role, token_hash, created_at) \
                 VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(name)
            .bind(role)
            .bind(token_hash)
            .bind(micros(created_at))
            .fetch_one(pool)
            .await
            .map_err(|e| conflict_on(e, &["token_hash"]))?
        });
        Ok(ApiToken {
            id,
            name: name.to_owned(),
            role: role.to_owned(),
        })
    }

    /// A token that has not been revoked.
    pub async fn api_token(&self, token_hash: &str) -> Result<Option<ApiToken>> {
        let row: Option<(i64, String, String)> = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, name, role FROM api_tokens \
                 WHERE token_hash = $1 AND revoked_at IS NULL",
            )
            .bind(token_hash)
            .fetch_optional(pool)
            .await?
        });
        Ok(row.map(|(id, name, role)| ApiToken { id, name, role }))
    }
}
