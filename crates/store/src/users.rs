//! Accounts.

use time::OffsetDateTime;
use tribune_domain::{Role, User};

use crate::{Error, Result, Store, conflict_on, from_micros, with_pool, with_tx};

/// An account to create; names and emails arrive validated from the domain.
#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    /// The confusable-folded key under which display names are unique.
    pub name_key: &'a str,
    pub password_hash: Option<&'a str>,
    pub role: Role,
    pub created_at: OffsetDateTime,
}

/// An account with its stored password hash, for log-in only.
#[derive(Debug, Clone)]
pub struct UserWithPassword {
    pub user: User,
    pub password_hash: Option<String>,
}

#[derive(sqlx::FromRow)]
pub(crate) struct UserRow {
    pub(crate) id: i64,
    email: String,
    display_name: String,
    role: String,
    created_at: i64,
    trusted_at: Option<i64>,
    banned_until: Option<i64>,
    ban_reason: Option<String>,
    email_verified_at: Option<i64>,
    unclaimed_key: Option<String>,
}

/// The columns of [`UserRow`] from `users`, as a macro so that queries stay `&'static str`.
macro_rules! user_columns {
    () => {
        "id, email, display_name, role, created_at, trusted_at, banned_until, ban_reason, \
         email_verified_at, unclaimed_key"
    };
    ($alias:literal) => {
        concat!(
            $alias,
            ".id, ",
            $alias,
            ".email, ",
            $alias,
            ".display_name, ",
            $alias,
            ".role, ",
            $alias,
            ".created_at, ",
            $alias,
            ".trusted_at, ",
            $alias,
            ".banned_until, ",
            $alias,
            ".ban_reason, ",
            $alias,
            ".email_verified_at, ",
            $alias,
            ".unclaimed_key"
        )
    };
}
pub(crate) use user_columns;

/// The one statement that creates an account, in a pool or a transaction;
/// `$verified_at` (microseconds) when the address is confirmed already.
macro_rules! insert_user {
    ($new:expr, $verified_at:expr) => {
        sqlx::query_as::<_, $crate::users::UserRow>(concat!(
            "INSERT INTO users (email, display_name, name_key, password_hash, role, created_at, \
             email_verified_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ",
            $crate::users::user_columns!()
        ))
        .bind($new.email)
        .bind($new.display_name)
        .bind($new.name_key)
        .bind($new.password_hash)
        .bind($new.role.as_str())
        .bind($crate::micros($new.created_at))
        .bind($verified_at)
    };
}
pub(crate) use insert_user;

impl TryFrom<UserRow> for User {
    type Error = Error;

    fn try_from(row: UserRow) -> Result<Self> {
        Ok(User {
            id: row.id,
            display_name: row.display_name,
            email: row.email,
            email_verified: row.email_verified_at.is_some(),
            role: Role::parse(&row.role).map_err(|e| Error::Corrupt(e.message))?,
            created_at: from_micros(row.created_at)?,
            trusted: row.trusted_at.is_some(),
            banned_until: row.banned_until.map(from_micros).transpose()?,
            ban_reason: row.ban_reason,
            guest: row.unclaimed_key.is_some(),
        })
    }
}

impl Store {
    /// Creates an account; a taken email or display name (by its key) is a
    /// [`Error::Conflict`] naming `email` or `display_name`.
    pub async fn insert_user(&self, new: &NewUser<'_>) -> Result<User> {
        let row: UserRow = with_pool!(self, |pool| {
            insert_user!(new, None::<i64>)
                .fetch_one(pool)
                .await
                .map_err(|e| conflict_on(e, &["email", "name_key"]))
        })?;
        row.try_into()
    }

    pub async fn user(&self, id: i64) -> Result<Option<User>> {
        let row: Option<UserRow> = with_pool!(self, |pool| {
            sqlx::query_as(concat!(
                "SELECT ",
                user_columns!(),
                " FROM users WHERE id = $1"
            ))
            .bind(id)
            .fetch_optional(pool)
            .await?
        });
        row.map(User::try_from).transpose()
    }

    pub async fn user_by_email(&self, email: &str) -> Result<Option<UserWithPassword>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            user: UserRow,
            password_hash: Option<String>,
        }
        let row: Option<Row> = with_pool!(self, |pool| {
            sqlx::query_as(concat!(
                "SELECT ",
                user_columns!(),
                ", password_hash FROM users WHERE email = $1"
            ))
            .bind(email)
            .fetch_optional(pool)
            .await?
        });
        row.map(|r| {
            Ok(UserWithPassword {
                user: r.user.try_into()?,
                password_hash: r.password_hash,
            })
        })
        .transpose()
    }

    /// The account whose display name folds to `name_key`, if any.
    pub async fn user_by_name_key(&self, name_key: &str) -> Result<Option<User>> {
        let row: Option<UserRow> = with_pool!(self, |pool| {
            sqlx::query_as(concat!(
                "SELECT ",
                user_columns!(),
                " FROM users WHERE name_key = $1"
            ))
            .bind(name_key)
            .fetch_optional(pool)
            .await?
        });
        row.map(User::try_from).transpose()
    }

    /// Accounts, newest first, `limit` from `offset`.
    pub async fn users(&self, limit: i64, offset: i64) -> Result<Vec<User>> {
        let rows: Vec<UserRow> = with_pool!(self, |pool| {
            sqlx::query_as(concat!(
                "SELECT ",
                user_columns!(),
                " FROM users ORDER BY id DESC LIMIT $1 OFFSET $2"
            ))
            .bind(limit)
            .bind(offset)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter().map(User::try_from).collect()
    }

    pub async fn count_users(&self) -> Result<i64> {
        with_pool!(self, |pool| {
            Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
                .fetch_one(pool)
                .await?)
        })
    }

    /// Changes a role, recorded in the audit log in the same transaction.
    pub async fn set_role(
        &self,
        user_id: i64,
        role: Role,
        entry: &crate::AuditEntry,
    ) -> Result<()> {
        let done = with_tx!(self, |tx| {
            let done = sqlx::query("UPDATE users SET role = $1 WHERE id = $2")
                .bind(role.as_str())
                .bind(user_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if done > 0 {
                crate::moderation::audit!(tx, entry);
            }
            done
        });
        if done == 0 {
            return Err(Error::NotFound);
        }
        Ok(())
    }
}
