//! Small site-wide facts (such as whether the demo was loaded).

use crate::{Result, Store, with_pool};

impl Store {
    pub async fn meta(&self, key: &str) -> Result<Option<String>> {
        with_pool!(self, |pool| {
            Ok(
                sqlx::query_scalar("SELECT value FROM site_meta WHERE key = $1")
                    .bind(key)
                    .fetch_optional(pool)
                    .await?,
            )
        })
    }

    pub async fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        with_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO site_meta (key, value) VALUES ($1, $2) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )
            .bind(key)
            .bind(value)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Stores `value` under `key` unless a value is there already; returns the value that
    /// stands. Nodes generating a site secret at the same moment all end up with the first.
    pub async fn meta_or_insert(&self, key: &str, value: &str) -> Result<String> {
        with_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO site_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
            )
            .bind(key)
            .bind(value)
            .execute(pool)
            .await?;
        });
        Ok(self.meta(key).await?.unwrap_or_else(|| value.to_owned()))
    }
}
