//! Reading an Isso database (`comments.db`, Isso's SQLite schema) for import: opened
//! read-only, read in pages by id, so that a large database is never held in memory.

use std::path::Path;

use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};

use crate::Result;

/// An Isso thread: a page of the site, by its path.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct IssoThread {
    pub id: i64,
    pub uri: String,
    pub title: Option<String>,
}

/// An Isso comment. `mode`: 1 published, 2 waiting for moderation, 4 deleted (kept because it
/// has replies). `created` is seconds since the Unix epoch.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct IssoComment {
    pub id: i64,
    pub tid: i64,
    pub parent: Option<i64>,
    pub created: f64,
    pub mode: i64,
    pub text: Option<String>,
    pub author: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
}

/// An Isso database, open read-only.
#[derive(Debug, Clone)]
pub struct IssoExport {
    pool: SqlitePool,
}

impl IssoExport {
    /// Opens `path` read-only; a file that is not an Isso database fails on the first read.
    pub async fn open(path: &Path) -> Result<Self> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .read_only(true)
            .create_if_missing(false);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }

    /// Up to `limit` threads with ids above `after`, by id.
    pub async fn threads(&self, after: i64, limit: i64) -> Result<Vec<IssoThread>> {
        Ok(
            sqlx::query_as("SELECT id, uri, title FROM threads WHERE id > $1 ORDER BY id LIMIT $2")
                .bind(after)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?,
        )
    }

    /// Up to `limit` comments with ids above `after`, by id (a parent before its replies).
    pub async fn comments(&self, after: i64, limit: i64) -> Result<Vec<IssoComment>> {
        Ok(sqlx::query_as(
            "SELECT id, tid, parent, CAST(created AS REAL) AS created, mode, text, author, \
             email, website FROM comments WHERE id > $1 ORDER BY id LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}
