//! The discussions' event log (written by triggers, see `migrations/*/0004_live.sql`) and,
//! on PostgreSQL, the notifications that tell every node an article's log has grown.

use sqlx::postgres::PgListener;
use time::OffsetDateTime;
use tribune_domain::live::{Change, DiscussionEvent};

use crate::{Error, Result, Store, from_micros, micros, with_pool};

/// The channel the PostgreSQL trigger notifies, with the article's id as payload.
const CHANNEL: &str = "tribune_events";

#[derive(sqlx::FromRow)]
struct EventRow {
    article_id: i64,
    seq: i64,
    comment_id: i64,
    kind: String,
    created_at: i64,
}

impl TryFrom<EventRow> for DiscussionEvent {
    type Error = Error;

    fn try_from(row: EventRow) -> Result<Self> {
        Ok(DiscussionEvent {
            article_id: row.article_id,
            seq: row.seq,
            comment_id: row.comment_id,
            change: Change::parse(&row.kind)
                .ok_or_else(|| Error::Corrupt(format!("event kind {:?}", row.kind)))?,
            at: from_micros(row.created_at)?,
        })
    }
}

/// What a node's listener heard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heard {
    /// The event log of this article has grown.
    Article(i64),
    /// Any discussion may have changed (the connection to the database was lost, so
    /// notifications may have been missed; or one change touched many discussions): every
    /// discussion should be read again.
    Anything,
}

/// A PostgreSQL connection listening for the event log's notifications.
pub struct EventListener {
    listener: PgListener,
}

impl EventListener {
    /// Waits for the next notification. Connection losses are reported as
    /// [`Heard::Anything`] once the listener is connected again.
    pub async fn next(&mut self) -> Result<Heard> {
        match self.listener.try_recv().await {
            Ok(Some(notification)) => Ok(notification
                .payload()
                .parse()
                .map(Heard::Article)
                .unwrap_or(Heard::Anything)),
            // `Ok(None)`: the connection was lost; the next call reconnects. Some losses
            // surface as errors instead (sqlx#4014), so both are treated alike.
            Ok(None) | Err(sqlx::Error::Io(_)) => Ok(Heard::Anything),
            Err(err) => Err(err.into()),
        }
    }
}

impl Store {
    /// The events of one discussion after `after_seq`, oldest first, at most `limit`.
    pub async fn discussion_events(
        &self,
        article_id: i64,
        after_seq: i64,
        limit: i64,
    ) -> Result<Vec<DiscussionEvent>> {
        with_pool!(self, |pool| {
            sqlx::query_as::<_, EventRow>(
                "SELECT article_id, seq, comment_id, kind, created_at FROM discussion_events \
                 WHERE article_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
            )
            .bind(article_id)
            .bind(after_seq)
            .bind(limit)
            .fetch_all(pool)
            .await?
            .into_iter()
            .map(DiscussionEvent::try_from)
            .collect()
        })
    }

    /// Forgets events older than `before`; a reader who was away longer reloads the page.
    pub async fn sweep_discussion_events(&self, before: OffsetDateTime) -> Result<u64> {
        with_pool!(self, |pool| {
            Ok(
                sqlx::query("DELETE FROM discussion_events WHERE created_at < $1")
                    .bind(micros(before))
                    .execute(pool)
                    .await?
                    .rows_affected(),
            )
        })
    }

    /// On PostgreSQL, a connection that hears every new event of every node; `None` on
    /// SQLite, where one process holds the database and knows its own writes.
    pub async fn listen_for_events(&self) -> Result<Option<EventListener>> {
        match self {
            Store::Sqlite(..) => Ok(None),
            Store::Postgres(pool, ..) => {
                let mut listener = PgListener::connect_with(pool).await?;
                listener.listen(CHANNEL).await?;
                Ok(Some(EventListener { listener }))
            }
        }
    }
}
