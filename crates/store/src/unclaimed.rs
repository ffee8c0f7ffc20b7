//! Unclaimed profiles: authors who wrote without an account (guests of the Isso-compatible
//! API). See migration `0010_unclaimed_profiles` for how they sit in `users`.

use time::OffsetDateTime;
use tribune_domain::User;

use crate::imports::{Import, in_import};
use crate::users::{UserRow, user_columns};
use crate::{Result, Store, micros, with_tx};

/// A guest as they present themselves; the app computes the keyed hashes.
#[derive(Debug, Clone)]
pub struct NewUnclaimed<'a> {
    /// What identifies this guest (a keyed hash): the same key finds the same profile.
    pub key: &'a str,
    pub display_name: &'a str,
    /// The keyed hash of the email address they gave, if any.
    pub email_hash: Option<&'a str>,
    pub website: Option<&'a str>,
    pub created_at: OffsetDateTime,
}

/// Finds or makes the unclaimed profile under `$new.key` inside transaction `$tx`; evaluates
/// to its `UserRow`. One body for [`Store::unclaimed_profile`] and the imports' transaction.
macro_rules! unclaimed_profile_in {
    ($tx:ident, $new:expr) => {{
        let new: &NewUnclaimed<'_> = $new;
        // The placeholder fills the columns unique among registered accounts with a value
        // that no email address (no @) and no name key (letters and digits) can take.
        let placeholder = format!("unclaimed:{}", new.key);
        sqlx::query(
            "INSERT INTO users (email, display_name, name_key, password_hash, role, \
             created_at, unclaimed_key, email_hash, website) \
             VALUES ($1, $2, $1, NULL, 'reader', $3, $4, $5, $6) ON CONFLICT DO NOTHING",
        )
        .bind(&placeholder)
        .bind(new.display_name)
        .bind(micros(new.created_at))
        .bind(new.key)
        .bind(new.email_hash)
        .bind(new.website)
        .execute(&mut *$tx)
        .await?;
        let row: UserRow = sqlx::query_as(concat!(
            "UPDATE users SET website = $2 WHERE unclaimed_key = $1 RETURNING ",
            user_columns!()
        ))
        .bind(new.key)
        .bind(new.website)
        .fetch_one(&mut *$tx)
        .await?;
        row
    }};
}

impl Store {
    /// The unclaimed profile under `new.key`, created on first use; its website is the one
    /// given last. It has no password and can never log in.
    pub async fn unclaimed_profile(&self, new: &NewUnclaimed<'_>) -> Result<User> {
        let row: UserRow = with_tx!(self, |tx| unclaimed_profile_in!(tx, new));
        row.try_into()
    }
}

impl Import {
    /// The unclaimed profile under `new.key`, made on first use, like
    /// [`Store::unclaimed_profile`], inside the import's transaction.
    pub async fn unclaimed_profile(&mut self, new: &NewUnclaimed<'_>) -> Result<User> {
        let row: UserRow = in_import!(self, |tx| unclaimed_profile_in!(tx, new));
        row.try_into()
    }
}
