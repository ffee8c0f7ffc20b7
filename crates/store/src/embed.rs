//! Signing in inside embedded discussions: one-time codes that hand a sign-in from Tribune's
//! own page to a frame on a newsroom's page, and the accounts of a newsroom's single sign-on.

use time::OffsetDateTime;
use tribune_domain::User;

use crate::users::{NewUser, UserRow, insert_user, user_columns};
use crate::{Error, Result, Store, conflict_on, micros, with_pool, with_tx};

impl Store {
    /// Stores a sign-in code (its hash) for `user_id`, valid until `expires_at`.
    pub async fn insert_sign_in_code(
        &self,
        code_hash: &str,
        user_id: i64,
        now: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> Result<()> {
        with_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO sign_in_codes (code_hash, user_id, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(code_hash)
            .bind(user_id)
            .bind(micros(now))
            .bind(micros(expires_at))
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Uses a sign-in code up: the account it was issued for, if it is unused and unexpired.
    /// One statement deletes and answers, so a code works once on any number of nodes.
    pub async fn take_sign_in_code(
        &self,
        code_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<User>> {
        let row: Option<UserRow> = with_tx!(self, |tx| {
            let user_id: Option<i64> = sqlx::query_scalar(
                "DELETE FROM sign_in_codes WHERE code_hash = $1 AND expires_at > $2 \
                 RETURNING user_id",
            )
            .bind(code_hash)
            .bind(micros(now))
            .fetch_optional(&mut *tx)
            .await?;
            match user_id {
                None => None,
                Some(id) => {
                    sqlx::query_as(concat!(
                        "SELECT ",
                        user_columns!(),
                        " FROM users WHERE id = $1"
                    ))
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?
                }
            }
        });
        row.map(User::try_from).transpose()
    }

    /// Deletes expired sign-in codes; returns how many.
    pub async fn delete_expired_sign_in_codes(&self, now: OffsetDateTime) -> Result<u64> {
        with_pool!(self, |pool| {
            Ok(
                sqlx::query("DELETE FROM sign_in_codes WHERE expires_at <= $1")
                    .bind(micros(now))
                    .execute(pool)
                    .await?
                    .rows_affected(),
            )
        })
    }

    /// The account linked to a newsroom's user (`subject`), if any.
    pub async fn sso_user(&self, subject: &str) -> Result<Option<User>> {
        let row: Option<UserRow> = with_pool!(self, |pool| {
            sqlx::query_as(concat!(
                "SELECT ",
                user_columns!("u"),
                " FROM sso_identities s JOIN users u ON u.id = s.user_id WHERE s.subject = $1"
            ))
            .bind(subject)
            .fetch_optional(pool)
            .await?
        });
        row.map(User::try_from).transpose()
    }

    /// Creates the account of a newsroom's user and links it to `subject`, in one
    /// transaction; `email_verified` marks the address as confirmed by the newsroom. A taken
    /// email, name or subject is [`Error::Conflict`] (`"email"`, `"name_key"`, `"subject"`).
    pub async fn insert_sso_user(
        &self,
        subject: &str,
        new: &NewUser<'_>,
        email_verified: bool,
    ) -> Result<User> {
        let row: UserRow = with_tx!(self, |tx| {
            let row: UserRow = insert_user!(new, email_verified.then(|| micros(new.created_at)))
                .fetch_one(&mut *tx)
                .await
                .map_err(|e| conflict_on(e, &["email", "name_key"]))?;
            sqlx::query(
                "INSERT INTO sso_identities (subject, user_id, created_at) VALUES ($1, $2, $3)",
            )
            .bind(subject)
            .bind(row.id)
            .bind(micros(new.created_at))
            .execute(&mut *tx)
            .await
            .map_err(|e| match conflict_on(e, &["subject"]) {
                Error::Conflict(_) => Error::Conflict("subject"),
                other => other,
            })?;
            row
        });
        row.try_into()
    }
}
