//! Links sent by email: verifying an address, resetting a password. Only the SHA-256 of a
//! link's secret is stored; a link is used up in the transaction that acts on it, so it works
//! once, on whichever node.

use time::OffsetDateTime;
use tribune_domain::{Mail, User};

use crate::mail::enqueue_mail;
use crate::users::UserRow;
use crate::{Result, Store, micros, with_pool, with_tx};

/// What a link sent by email is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    VerifyEmail,
    ResetPassword,
}

impl TokenPurpose {
    fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::VerifyEmail => "verify_email",
            TokenPurpose::ResetPassword => "reset_password",
        }
    }
}

/// A link to store, with the mail that carries it.
#[derive(Debug, Clone)]
pub struct NewEmailToken<'a> {
    pub token_hash: &'a str,
    pub purpose: TokenPurpose,
    pub user_id: i64,
    /// The address the link goes to (the account's, now).
    pub email: &'a str,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

impl Store {
    /// Stores a link and queues the mail that carries it, in one transaction: no mail
    /// without its link, no link without its mail.
    pub async fn issue_email_token(&self, token: &NewEmailToken<'_>, mail: &Mail) -> Result<()> {
        with_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO email_tokens (token_hash, user_id, purpose, email, created_at, \
                 expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(token.token_hash)
            .bind(token.user_id)
            .bind(token.purpose.as_str())
            .bind(token.email)
            .bind(micros(token.created_at))
            .bind(micros(token.expires_at))
            .execute(&mut *tx)
            .await?;
            enqueue_mail!(tx, mail, token.created_at);
        });
        Ok(())
    }

    /// The account a link is for, while it is unused, unexpired, and the account still has
    /// the address it was sent to.
    pub async fn email_token_user(
        &self,
        token_hash: &str,
        purpose: TokenPurpose,
        now: OffsetDateTime,
    ) -> Result<Option<User>> {
        let row: Option<UserRow> = with_pool!(self, |pool| {
            sqlx::query_as(concat!(
                "SELECT ",
                crate::users::user_columns!("u"),
                " FROM email_tokens t JOIN users u ON u.id = t.user_id AND u.email = t.email \
                 WHERE t.token_hash = $1 AND t.purpose = $2 AND t.expires_at > $3"
            ))
            .bind(token_hash)
            .bind(purpose.as_str())
            .bind(micros(now))
            .fetch_optional(pool)
            .await?
        });
        row.map(User::try_from).transpose()
    }

    /// Uses up a verification link: marks the address it was sent to as verified (if the
    /// account still has it) and forgets the account's other verification links. Returns
    /// the account, or `None` when the link is unknown, used or expired.
    pub async fn verify_email(&self, token_hash: &str, now: OffsetDateTime) -> Result<Option<i64>> {
        let verified = with_tx!(self, |tx| {
            let used: Option<(i64, String)> = sqlx::query_as(
                "DELETE FROM email_tokens WHERE token_hash = $1 AND purpose = $2 \
                 AND expires_at > $3 RETURNING user_id, email",
            )
            .bind(token_hash)
            .bind(TokenPurpose::VerifyEmail.as_str())
            .bind(micros(now))
            .fetch_optional(&mut *tx)
            .await?;
            match used {
                Some((user_id, email)) => {
                    let changed = sqlx::query(
                        "UPDATE users SET email_verified_at = COALESCE(email_verified_at, $3) \
                         WHERE id = $1 AND email = $2",
                    )
                    .bind(user_id)
                    .bind(&email)
                    .bind(micros(now))
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                    sqlx::query("DELETE FROM email_tokens WHERE user_id = $1 AND purpose = $2")
                        .bind(user_id)
                        .bind(TokenPurpose::VerifyEmail.as_str())
                        .execute(&mut *tx)
                        .await?;
                    (changed > 0).then_some(user_id)
                }
                None => None,
            }
        });
        Ok(verified)
    }

    /// Uses up a password-reset link: sets the new password hash, ends every session of the
    /// account, forgets its other reset links, and counts the address as verified (the link
    /// reached it). Returns the account, or `None` when the link is unknown, used, expired,
    /// or the account's address changed since.
    pub async fn reset_password(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<i64>> {
        let reset = with_tx!(self, |tx| {
            let used: Option<i64> = sqlx::query_scalar(
                "DELETE FROM email_tokens WHERE token_hash = $1 AND purpose = $2 \
                 AND expires_at > $3 AND EXISTS (SELECT 1 FROM users u \
                    WHERE u.id = email_tokens.user_id AND u.email = email_tokens.email) \
                 RETURNING user_id",
            )
            .bind(token_hash)
            .bind(TokenPurpose::ResetPassword.as_str())
            .bind(micros(now))
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(user_id) = used {
                sqlx::query(
                    "UPDATE users SET password_hash = $2, \
                     email_verified_at = COALESCE(email_verified_at, $3) WHERE id = $1",
                )
                .bind(user_id)
                .bind(password_hash)
                .bind(micros(now))
                .execute(&mut *tx)
                .await?;
                sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("DELETE FROM email_tokens WHERE user_id = $1 AND purpose = $2")
                    .bind(user_id)
                    .bind(TokenPurpose::ResetPassword.as_str())
                    .execute(&mut *tx)
                    .await?;
            }
            used
        });
        Ok(reset)
    }

    /// Forgets links that expired before `now`; returns how many.
    pub async fn sweep_email_tokens(&self, now: OffsetDateTime) -> Result<u64> {
        with_pool!(self, |pool| {
            Ok(
                sqlx::query("DELETE FROM email_tokens WHERE expires_at < $1")
                    .bind(micros(now))
                    .execute(pool)
                    .await?
                    .rows_affected(),
            )
        })
    }
}
