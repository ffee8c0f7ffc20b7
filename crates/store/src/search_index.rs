//! SQLite's search index, filled in batches.
//!
//! FTS5 writes the terms of each transaction as a new segment of its index and merges
//! segments as they pile up. Indexed by a trigger, every group commit wrote a segment of a
//! few tens of comments, and the merges that followed took most of the writer's own time
//! (the one serial step of posting). Instead, writing a comment lists it in
//! `search_pending` (migration `0018_search_in_batches`), and the pending comments are
//! indexed together:
//! - by SQLite's writer, once a second, at most [`BATCH`] at a time, between groups (see
//!   [`GroupCommit`](crate::GroupCommit));
//! - before a search, so that moderators find what was just written;
//! - by an import, in its own transaction, before it commits;
//! - when the store closes.
//!
//! Invariant: a comment is in `comments_fts` exactly when it is in `comments` and not in
//! `search_pending`; the update and delete triggers touch the index only then. PostgreSQL
//! needs none of this: its search column is generated from the body, in the same row.

use sqlx::SqliteConnection;

/// The most comments one pass of the writer indexes: bounds how long the comments queued
/// behind it wait when an import or a burst left many.
pub(crate) const BATCH: i64 = 4_000;

/// Indexes up to `limit` pending comments, oldest first, on `conn` (inside the caller's
/// transaction, or as one of its own); returns how many it indexed.
pub(crate) async fn index_pending(conn: &mut SqliteConnection, limit: i64) -> sqlx::Result<u64> {
    const INDEX: &str = "INSERT INTO comments_fts (rowid, body_markdown) \
         SELECT c.id, c.body_markdown FROM comments c WHERE c.id IN \
             (SELECT comment_id FROM search_pending ORDER BY comment_id LIMIT $1)";
    const INDEXED: &str = "DELETE FROM search_pending WHERE comment_id IN \
         (SELECT comment_id FROM search_pending ORDER BY comment_id LIMIT $1)";
    sqlx::query(INDEX).bind(limit).execute(&mut *conn).await?;
    Ok(sqlx::query(INDEXED)
        .bind(limit)
        .execute(&mut *conn)
        .await?
        .rows_affected())
}

/// Whether any comment waits to be indexed.
pub(crate) async fn any_pending(conn: &mut SqliteConnection) -> sqlx::Result<bool> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM search_pending)")
        .fetch_one(conn)
        .await
}
