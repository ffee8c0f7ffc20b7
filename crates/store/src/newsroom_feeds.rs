//! Newsroom feeds the operator follows, and the items already handled from each.
//!
//! Invariants: a node polls a feed only while it holds its lease (`claimed_until`), taken by
//! one `UPDATE … RETURNING` that re-checks the claim conditions in its outer `WHERE` (as the
//! outbox does, see `mail.rs`), so nodes sharing a PostgreSQL database never poll one feed at
//! once; an item is recorded under each of its keys (its id and its canonical link), so an
//! item found again under either is not opened again.

use time::OffsetDateTime;
use tribune_domain::newsroom_feed::NewsroomFeed;

use crate::{Result, Store, conflict_on, from_micros, micros, with_pool, with_tx};

/// The columns a [`FeedRow`] reads, for `concat!` into each query.
macro_rules! columns {
    () => {
        "id, url, title, added_at, etag, last_modified, next_poll_at, last_polled_at, \
         last_success_at, last_error, failures, articles_opened, items_skipped, last_skip"
    };
}

#[derive(sqlx::FromRow)]
struct FeedRow {
    id: i64,
    url: String,
    title: String,
    added_at: i64,
    etag: Option<String>,
    last_modified: Option<String>,
    next_poll_at: i64,
    last_polled_at: Option<i64>,
    last_success_at: Option<i64>,
    last_error: Option<String>,
    failures: i64,
    articles_opened: i64,
    items_skipped: i64,
    last_skip: Option<String>,
}

impl TryFrom<FeedRow> for NewsroomFeed {
    type Error = crate::Error;

    fn try_from(row: FeedRow) -> Result<Self> {
        Ok(NewsroomFeed {
            id: row.id,
            url: row.url,
            title: row.title,
            added_at: from_micros(row.added_at)?,
            etag: row.etag,
            last_modified: row.last_modified,
            next_poll_at: from_micros(row.next_poll_at)?,
            last_polled_at: row.last_polled_at.map(from_micros).transpose()?,
            last_success_at: row.last_success_at.map(from_micros).transpose()?,
            last_error: row.last_error,
            failures: row.failures,
            articles_opened: row.articles_opened,
            items_skipped: row.items_skipped,
            last_skip: row.last_skip,
        })
    }
}

fn feeds(rows: Vec<FeedRow>) -> Result<Vec<NewsroomFeed>> {
    let mut feeds = rows
        .into_iter()
        .map(NewsroomFeed::try_from)
        .collect::<Result<Vec<_>>>()?;
    feeds.sort_by_key(|f| f.id);
    Ok(feeds)
}

/// What a successful poll learnt. The validators replace the stored ones (pass the stored
/// ones on a 304).
#[derive(Debug, Clone, Copy)]
pub struct FeedPolled<'a> {
    pub polled_at: OffsetDateTime,
    pub next_poll_at: OffsetDateTime,
    pub title: &'a str,
    pub etag: Option<&'a str>,
    pub last_modified: Option<&'a str>,
    /// Articles this poll opened.
    pub opened: i64,
    /// Items this poll could not turn into articles, and why the last one could not.
    pub skipped: i64,
    pub last_skip: Option<&'a str>,
}

impl Store {
    /// Follows a feed, claimed by the caller until `lease_until` (it is being read for the
    /// first time). A feed already followed is `Conflict("url")`.
    pub async fn insert_newsroom_feed(
        &self,
        url: &str,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
    ) -> Result<NewsroomFeed> {
        const SQL: &str = concat!(
            "INSERT INTO newsroom_feeds (url, added_at, next_poll_at, claimed_until) \
             VALUES ($1, $2, $2, $3) RETURNING ",
            columns!()
        );
        let row: FeedRow = with_pool!(self, |pool| {
            sqlx::query_as(SQL)
                .bind(url)
                .bind(micros(now))
                .bind(micros(lease_until))
                .fetch_one(pool)
                .await
                .map_err(|e| conflict_on(e, &["url"]))?
        });
        row.try_into()
    }

    /// Every followed feed, oldest first.
    pub async fn newsroom_feeds(&self) -> Result<Vec<NewsroomFeed>> {
        const SQL: &str = concat!("SELECT ", columns!(), " FROM newsroom_feeds ORDER BY id");
        let rows: Vec<FeedRow> =
            with_pool!(self, |pool| { sqlx::query_as(SQL).fetch_all(pool).await? });
        feeds(rows)
    }

    pub async fn newsroom_feed(&self, id: i64) -> Result<Option<NewsroomFeed>> {
        const SQL: &str = concat!("SELECT ", columns!(), " FROM newsroom_feeds WHERE id = $1");
        let row: Option<FeedRow> = with_pool!(self, |pool| {
            sqlx::query_as(SQL).bind(id).fetch_optional(pool).await?
        });
        row.map(NewsroomFeed::try_from).transpose()
    }

    pub async fn newsroom_feed_by_url(&self, url: &str) -> Result<Option<NewsroomFeed>> {
        const SQL: &str = concat!("SELECT ", columns!(), " FROM newsroom_feeds WHERE url = $1");
        let row: Option<FeedRow> = with_pool!(self, |pool| {
            sqlx::query_as(SQL).bind(url).fetch_optional(pool).await?
        });
        row.map(NewsroomFeed::try_from).transpose()
    }

    /// Stops following a feed and forgets its items (its articles stay); returns whether it
    /// was followed.
    pub async fn delete_newsroom_feed(&self, id: i64) -> Result<bool> {
        Ok(with_tx!(self, |tx| {
            // SQLite enforces the cascade only with foreign keys on; say it outright.
            sqlx::query("DELETE FROM newsroom_feed_items WHERE feed_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM newsroom_feeds WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                > 0
        }))
    }

    /// Claims up to `limit` feeds due at `now` for this node until `lease_until`.
    ///
    /// The claim conditions stand in the subquery and again in the outer `WHERE`: when two
    /// nodes pick the same rows, PostgreSQL makes the second `UPDATE` wait for the first and
    /// then re-checks the outer conditions on the row as the first left it (leased), so the
    /// second skips it. SQLite runs one write at a time.
    pub async fn claim_newsroom_feeds(
        &self,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
        limit: i64,
    ) -> Result<Vec<NewsroomFeed>> {
        const SQL: &str = concat!(
            "UPDATE newsroom_feeds SET claimed_until = $2 \
             WHERE id IN (SELECT id FROM newsroom_feeds WHERE next_poll_at <= $1 \
                AND (claimed_until IS NULL OR claimed_until <= $1) \
                ORDER BY next_poll_at, id LIMIT $3) \
             AND next_poll_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1) \
             RETURNING ",
            columns!()
        );
        let rows: Vec<FeedRow> = with_pool!(self, |pool| {
            sqlx::query_as(SQL)
                .bind(micros(now))
                .bind(micros(lease_until))
                .bind(limit)
                .fetch_all(pool)
                .await?
        });
        feeds(rows)
    }

    /// Claims one feed whether or not it is due ("poll now"); `None` when it does not exist
    /// or another poll holds it.
    pub async fn claim_newsroom_feed(
        &self,
        id: i64,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
    ) -> Result<Option<NewsroomFeed>> {
        const SQL: &str = concat!(
            "UPDATE newsroom_feeds SET claimed_until = $3 \
             WHERE id = $1 AND (claimed_until IS NULL OR claimed_until <= $2) \
             RETURNING ",
            columns!()
        );
        let row: Option<FeedRow> = with_pool!(self, |pool| {
            sqlx::query_as(SQL)
                .bind(id)
                .bind(micros(now))
                .bind(micros(lease_until))
                .fetch_optional(pool)
                .await?
        });
        row.map(NewsroomFeed::try_from).transpose()
    }

    /// Records a successful poll and releases the feed.
    pub async fn newsroom_feed_polled(&self, id: i64, polled: &FeedPolled<'_>) -> Result<()> {
        with_pool!(self, |pool| {
            sqlx::query(
                "UPDATE newsroom_feeds SET claimed_until = NULL, last_polled_at = $2, \
                 last_success_at = $2, next_poll_at = $3, last_error = NULL, failures = 0, \
                 title = $4, etag = $5, last_modified = $6, \
                 articles_opened = articles_opened + $7, items_skipped = items_skipped + $8, \
                 last_skip = COALESCE($9, last_skip) \
                 WHERE id = $1",
            )
            .bind(id)
            .bind(micros(polled.polled_at))
            .bind(micros(polled.next_poll_at))
            .bind(polled.title)
            .bind(polled.etag)
            .bind(polled.last_modified)
            .bind(polled.opened)
            .bind(polled.skipped)
            .bind(polled.last_skip)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Records a failed poll (one more failure in a row) and releases the feed until
    /// `next_poll_at`.
    pub async fn newsroom_feed_failed(
        &self,
        id: i64,
        error: &str,
        polled_at: OffsetDateTime,
        next_poll_at: OffsetDateTime,
    ) -> Result<()> {
        with_pool!(self, |pool| {
            sqlx::query(
                "UPDATE newsroom_feeds SET claimed_until = NULL, last_polled_at = $2, \
                 next_poll_at = $3, last_error = $4, failures = failures + 1 WHERE id = $1",
            )
            .bind(id)
            .bind(micros(polled_at))
            .bind(micros(next_poll_at))
            .bind(error)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Whether the feed has an item under any of these keys.
    pub async fn newsroom_item_seen(&self, feed_id: i64, keys: &[&str; 2]) -> Result<bool> {
        let found: Option<i64> = with_pool!(self, |pool| {
            sqlx::query_scalar(
                "SELECT feed_id FROM newsroom_feed_items \
                 WHERE feed_id = $1 AND (item_key = $2 OR item_key = $3) LIMIT 1",
            )
            .bind(feed_id)
            .bind(keys[0])
            .bind(keys[1])
            .fetch_optional(pool)
            .await?
        });
        Ok(found.is_some())
    }

    /// Records an item under each of its keys, with the article it has (keys already known
    /// keep theirs).
    pub async fn record_newsroom_item(
        &self,
        feed_id: i64,
        keys: &[&str; 2],
        article_id: i64,
        now: OffsetDateTime,
    ) -> Result<()> {
        with_tx!(self, |tx| {
            for key in keys {
                sqlx::query(
                    "INSERT INTO newsroom_feed_items (feed_id, item_key, article_id, seen_at) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT (feed_id, item_key) DO NOTHING",
                )
                .bind(feed_id)
                .bind(*key)
                .bind(article_id)
                .bind(micros(now))
                .execute(&mut *tx)
                .await?;
            }
        });
        Ok(())
    }
}
