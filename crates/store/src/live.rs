//! The discussions' event log (written by triggers, see `migrations/*/0004_live.sql` and
//! the one-write-per-comment migrations; for comments written in bulk, by
//! [`number_created_events!`]) and, on PostgreSQL, the notifications that tell every node an
//! article's log has grown.

use sqlx::postgres::PgListener;
use time::OffsetDateTime;
use tribune_domain::live::{Change, DiscussionEvent};

use crate::{Error, Result, Store, from_micros, micros, with_pool};

/// Switches the event log's trigger for new comments off in transaction `$conn` (a connection
/// of either backend; `$postgres` says which) while comments are written in bulk; evaluates
/// to what [`number_created_events!`] switches it on again with. The trigger gives a new
/// comment the event number its command took when counting it in its article (migrations
/// 0022 on SQLite, 0024 on PostgreSQL), which rows written as they are (an imported site) or
/// a hundred thousand to a statement (a generated one) do not take. SQLite cannot switch a
/// trigger off: it is dropped, and made again from the definition the database keeps, so
/// that the migrations stay the one place that says what it is (the transaction undoes both
/// should it fail). On PostgreSQL one trigger logs every change of a comment, so no comment
/// may change in that transaction before [`number_created_events!`] (its callers only
/// insert), and the comments table is locked, for readers too, until the transaction ends
/// (on SQLite the write transaction already keeps other writers out): for writers that fill
/// a site before it serves (a generated site, an import from the command line).
macro_rules! created_events_off {
    ($conn:expr, $postgres:expr) => {{
        const OFF: &str = "ALTER TABLE comments DISABLE TRIGGER comments_events";
        const SQLITE_TRIGGER: &str = "SELECT sql FROM sqlite_master \
             WHERE type = 'trigger' AND name = 'comments_event_created'";
        const SQLITE_OFF: &str = "DROP TRIGGER comments_event_created";
        if $postgres {
            sqlx::query(OFF).execute(&mut *$conn).await?;
            $crate::live::CreatedEventsOff(None)
        } else {
            let definition: String = sqlx::query_scalar(SQLITE_TRIGGER)
                .fetch_one(&mut *$conn)
                .await?;
            sqlx::query(SQLITE_OFF).execute(&mut *$conn).await?;
            $crate::live::CreatedEventsOff(Some(definition))
        }
    }};
}

/// Logs the `created` event of every visible comment written in transaction `$conn` since
/// `$off` (a [`CreatedEventsOff`]) was taken, their ids from `$first_id` on: numbered after
/// their discussion's last event, in the order of their ids, as the trigger would have, in
/// one statement. Then switches the trigger on again.
macro_rules! number_created_events {
    ($conn:expr, $off:expr, $first_id:expr) => {{
        const ON: &str = "ALTER TABLE comments ENABLE TRIGGER comments_events";
        const EVENTS: &str = "INSERT INTO discussion_events \
                 (article_id, seq, comment_id, kind, created_at) \
             SELECT c.article_id, \
                 a.event_seq + row_number() OVER (PARTITION BY c.article_id ORDER BY c.id), \
                 c.id, 'created', $2 \
             FROM comments c JOIN articles a ON a.id = c.article_id \
             WHERE c.id >= $1 AND c.status = 'published' AND c.deleted_at IS NULL";
        const EVENT_SEQ: &str = "UPDATE articles AS a SET event_seq = a.event_seq + n.events \
             FROM (SELECT article_id, COUNT(*) AS events FROM comments \
                   WHERE id >= $1 AND status = 'published' AND deleted_at IS NULL \
                   GROUP BY article_id) AS n \
             WHERE a.id = n.article_id";
        let first_id: i64 = $first_id;
        let off: $crate::live::CreatedEventsOff = $off;
        sqlx::query(EVENTS)
            .bind(first_id)
            .bind($crate::micros(time::OffsetDateTime::now_utc()))
            .execute(&mut *$conn)
            .await?;
        sqlx::query(EVENT_SEQ)
            .bind(first_id)
            .execute(&mut *$conn)
            .await?;
        match off.0 {
            Some(definition) => {
                sqlx::query(sqlx::AssertSqlSafe(definition))
                    .execute(&mut *$conn)
                    .await?
            }
            None => sqlx::query(ON).execute(&mut *$conn).await?,
        };
    }};
}
pub(crate) use {created_events_off, number_created_events};

/// The event log's trigger for new comments, switched off by [`created_events_off!`]: on
/// SQLite, its definition.
#[must_use = "number_created_events! switches the trigger on again"]
pub(crate) struct CreatedEventsOff(pub(crate) Option<String>);

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
