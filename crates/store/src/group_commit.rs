//! Group commit on SQLite: writes that arrive together share one transaction, so one flush to
//! disk acknowledges them all.
//!
//! SQLite takes one writer at a time, and with `synchronous=FULL` every commit waits for the
//! disk (about 1.4 ms on the machines we measure on: at most ~700 commits a second). Comments
//! come in bursts when a story breaks; one writer takes every write queued while the
//! previous group was being flushed, runs each in a savepoint of its own (one failing write
//! rolls back alone), commits once, and only then answers each caller. An acknowledged write
//! is therefore exactly as durable as before; a failed commit fails every write of its group.
//!
//! The writer is the one serial step of posting, and each of its statements is a hand-off to
//! SQLite's thread and back: it has a thread of its own (with a single-threaded runtime) and a
//! connection of its own, so it never waits for a turn among the request handlers or for a
//! connection the readers hold. Under a burst a group holds tens of comments.
//!
//! Between groups, the writer also indexes the comments written since its last pass for
//! search (see [`search_index`](crate::search_index)): once a second, before a search, and
//! before it closes.
//!
//! PostgreSQL needs none of this: its commits already share WAL flushes across connections.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, SqliteConnection};
use tokio::sync::{mpsc, oneshot};
use tokio::time::Instant;

use crate::search_index::{self, BATCH};
use crate::{Error, Result};

/// The most writes one group takes: bounds how long the first caller of a group waits for
/// the last one's work.
const MAX_GROUP: usize = 256;
/// Writes waiting for the writer; a caller past this waits for room.
const QUEUE: usize = 4096;
/// How often the WAL is copied back into the database file.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(250);
/// The writer checkpoints itself only once the WAL holds this many pages (16 MiB of 4 KiB
/// pages; SQLite's default is 1,000): when the checkpointer beside it fell behind.
const WRITER_CHECKPOINTS_AFTER: &str = "4096";
/// How often the comments written since the last pass are indexed for search.
const INDEX_EVERY: Duration = Duration::from_secs(1);

/// A write's future, borrowing the group's connection.
pub(crate) type BoxFuture<'c, T> = Pin<Box<dyn Future<Output = T> + Send + 'c>>;

/// Answers a caller once its group's commit is known.
type Reply = Box<dyn FnOnce(std::result::Result<(), String>) + Send>;
/// One caller's write: run on the group's connection inside a savepoint; says whether it
/// succeeded (its savepoint is kept) and how to answer the caller.
type Job = Box<dyn for<'c> FnOnce(&'c mut SqliteConnection) -> BoxFuture<'c, (bool, Reply)> + Send>;

/// What the writer is asked to do, in the order asked.
enum Order {
    Write(Job),
    /// Index every comment still waiting for search, then answer.
    IndexSearch(oneshot::Sender<std::result::Result<(), String>>),
    /// Commit what came before, close the connection, answer, and take no more writes.
    Close(oneshot::Sender<()>),
}

/// The way into SQLite's writer. Cloning shares the one writer.
#[derive(Clone, Debug)]
pub struct GroupCommit {
    orders: mpsc::Sender<Order>,
}

impl GroupCommit {
    /// Starts the writer on a thread of its own; it connects with `options` when the first
    /// write comes, and ends when the last clone goes.
    pub(crate) fn start(options: SqliteConnectOptions) -> Result<Self> {
        let (orders, queue) = mpsc::channel(QUEUE);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(Error::WriterStart)?;
        std::thread::Builder::new()
            .name("sqlite-writer".to_owned())
            .spawn(move || runtime.block_on(write_in_groups(options, queue)))
            .map_err(Error::WriterStart)?;
        Ok(GroupCommit { orders })
    }

    /// Commits the writes already asked for, then closes the writer's connection (the last
    /// one to close checkpoints the WAL into the database file); later writes fail.
    pub(crate) async fn close(&self) {
        let (answer, answered) = oneshot::channel();
        if self.orders.send(Order::Close(answer)).await.is_ok() {
            // An error means the writer had already stopped: closed all the same.
            let _ = answered.await;
        }
    }

    /// Indexes for search every comment written so far: a search that follows finds them.
    pub(crate) async fn index_search(&self) -> Result<()> {
        let (answer, answered) = oneshot::channel();
        self.orders
            .send(Order::IndexSearch(answer))
            .await
            .map_err(writer_stopped)?;
        answered
            .await
            .map_err(writer_stopped)?
            .map_err(Error::Commit)
    }

    /// Runs `work` in the next group and returns its result once that group is durable.
    pub(crate) async fn write<T, F>(&self, work: F) -> Result<T>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut SqliteConnection) -> BoxFuture<'c, Result<T>> + Send + 'static,
    {
        let (answer, answered) = oneshot::channel::<Result<T>>();
        let job: Job = Box::new(move |conn| {
            Box::pin(async move {
                let outcome = work(conn).await;
                let ok = outcome.is_ok();
                let reply: Reply = Box::new(move |committed| {
                    let result = match committed {
                        Ok(()) => outcome,
                        Err(why) => outcome.and(Err(Error::Commit(why))),
                    };
                    // The caller may have gone (its request was cancelled): nothing to tell.
                    let _ = answer.send(result);
                });
                (ok, reply)
            })
        });
        self.orders
            .send(Order::Write(job))
            .await
            .map_err(writer_stopped)?;
        // A job dropped unrun (its group could not start) answers nothing.
        answered
            .await
            .map_err(|_| Error::Commit("the write could not start".to_owned()))?
    }
}

/// What a caller hears when the writer took no more orders, or dropped one unanswered.
fn writer_stopped<E>(_: E) -> Error {
    Error::Commit("the writer has stopped".to_owned())
}

async fn write_in_groups(options: SqliteConnectOptions, mut queue: mpsc::Receiver<Order>) {
    // Copying the WAL back into the database file (a few megabytes written and flushed every
    // thousand pages) stalled every comment queued behind the writer: a checkpointer beside
    // it does that, on a connection of its own. The writer still does it when the WAL grows
    // long, which bounds the WAL (and slows comments down to what the disk takes) should the
    // checkpointer fall behind.
    let writer_options = options
        .clone()
        .pragma("wal_autocheckpoint", WRITER_CHECKPOINTS_AFTER)
        // Each write's savepoint keeps the pages it changes first in a statement journal, to
        // roll back to should the write fail. Past 64 KiB SQLite spilled that journal to a
        // temporary file: the writer wrote most of a group's pages twice (3% of the CPU under
        // comment posting, on the one serial step). In memory, the journal is the pages the
        // group changes (about 60 KiB a comment). A crash needs none of it: the WAL alone
        // makes a commit durable. Comments posted +5-10%.
        .pragma("temp_store", "memory");
    let (stop_checkpoints, stopped) = oneshot::channel();
    let checkpoints = tokio::spawn(checkpoint_periodically(options, stopped));
    let mut connection: Option<SqliteConnection> = None;
    let mut orders = Vec::with_capacity(MAX_GROUP);
    let mut group = Vec::with_capacity(MAX_GROUP);
    let mut searches = Vec::new();
    let mut closing = None;
    let mut next_index = Instant::now() + INDEX_EVERY;
    while closing.is_none() {
        tokio::select! {
            received = queue.recv_many(&mut orders, MAX_GROUP) => {
                if received == 0 {
                    break;
                }
            }
            () = tokio::time::sleep_until(next_index) => {}
        }
        for order in orders.drain(..) {
            match order {
                Order::Write(job) if closing.is_none() => group.push(job),
                // Dropped unrun: its caller hears that the writer stopped.
                Order::Write(_) => {}
                Order::IndexSearch(answer) => searches.push(answer),
                Order::Close(answer) => closing = closing.or(Some(answer)),
            }
        }
        if !group.is_empty() {
            commit(&writer_options, &mut connection, &mut group).await;
        }
        // A search waits for everything written before it; the timer's pass is bounded, so
        // that the comments queued meanwhile wait at most one batch.
        if !searches.is_empty() || Instant::now() >= next_index {
            let limit = if searches.is_empty() { BATCH } else { i64::MAX };
            let indexed = index_for_search(&writer_options, &mut connection, limit).await;
            for answer in searches.drain(..) {
                let _ = answer.send(indexed.clone());
            }
            next_index = Instant::now() + INDEX_EVERY;
        }
    }
    // What is still pending is indexed before the connection closes; should this fail, the
    // comments stay listed and the next writer indexes them.
    let _ = index_for_search(&writer_options, &mut connection, i64::MAX).await;
    // Closed, or every handle is gone: the checkpointer goes first, so that the writer's
    // connection is the last one of the writer's to close.
    let _ = stop_checkpoints.send(());
    let _ = checkpoints.await;
    if let Some(conn) = connection.take()
        && let Err(e) = conn.close().await
    {
        tracing::warn!(error = %e, "the SQLite writer's connection did not close cleanly");
    }
    if let Some(answer) = closing {
        let _ = answer.send(());
    }
}

/// Copies the WAL back into the database file every [`CHECKPOINT_EVERY`], without waiting
/// for readers or the writer (`PASSIVE`).
async fn checkpoint_periodically(options: SqliteConnectOptions, mut stop: oneshot::Receiver<()>) {
    let mut connection: Option<SqliteConnection> = None;
    let mut every = tokio::time::interval(CHECKPOINT_EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = &mut stop => break,
            _ = every.tick() => {}
        }
        let conn = match connected(&options, &mut connection).await {
            Ok(conn) => conn,
            Err(e) => {
                tracing::warn!(error = %e, "the SQLite checkpointer could not connect");
                continue;
            }
        };
        if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
            .execute(&mut *conn)
            .await
        {
            tracing::warn!(error = %e, "a WAL checkpoint failed");
            connection = None;
        }
    }
    if let Some(conn) = connection
        && let Err(e) = conn.close().await
    {
        tracing::warn!(error = %e, "the SQLite checkpointer's connection did not close cleanly");
    }
}

/// Commits one group on the writer's connection, connecting first when there is none, and
/// answers each caller.
async fn commit(
    options: &SqliteConnectOptions,
    connection: &mut Option<SqliteConnection>,
    group: &mut Vec<Job>,
) {
    let size = group.len();
    let conn = match connected(options, connection).await {
        Ok(conn) => conn,
        Err(e) => {
            // The jobs are dropped unrun: each caller hears its write did not start.
            tracing::error!(error = %e, size, "the SQLite writer could not connect");
            group.clear();
            return;
        }
    };
    let (replies, committed) = commit_group(conn, group.drain(..)).await;
    tracing::trace!(size, ok = committed.is_ok(), "group commit");
    if committed.is_err() {
        // Whatever went wrong, the next group starts on a fresh connection.
        *connection = None;
    }
    for reply in replies {
        reply(committed.clone());
    }
}

/// Indexes up to `limit` of the comments waiting for search in a transaction of its own.
async fn index_for_search(
    options: &SqliteConnectOptions,
    connection: &mut Option<SqliteConnection>,
    limit: i64,
) -> std::result::Result<(), String> {
    let started = Instant::now();
    let outcome = async {
        let conn = connected(options, connection).await?;
        // Checked outside a transaction: most passes find nothing and take no lock.
        if !search_index::any_pending(conn).await? {
            return Ok(0);
        }
        let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
        let indexed = search_index::index_pending(&mut tx, limit).await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(indexed)
    }
    .await;
    match outcome {
        Ok(indexed) => {
            tracing::trace!(indexed, elapsed = ?started.elapsed(), "search index pass");
            Ok(())
        }
        Err(e) => {
            tracing::warn!(error = %e, "indexing comments for search failed");
            *connection = None;
            Err(e.to_string())
        }
    }
}

/// The connection kept in `connection`, opened first when there is none (at the first use,
/// or after a failure dropped the previous one).
async fn connected<'c>(
    options: &SqliteConnectOptions,
    connection: &'c mut Option<SqliteConnection>,
) -> std::result::Result<&'c mut SqliteConnection, sqlx::Error> {
    match connection {
        Some(conn) => Ok(conn),
        None => Ok(connection.insert(SqliteConnection::connect_with(options).await?)),
    }
}

/// Runs a group's jobs in one `BEGIN IMMEDIATE` transaction, each in its own savepoint, and
/// commits; returns the replies and what became of the commit.
async fn commit_group(
    conn: &mut SqliteConnection,
    jobs: impl Iterator<Item = Job>,
) -> (Vec<Reply>, std::result::Result<(), String>) {
    let mut replies = Vec::new();
    let mut tx = match conn.begin_with("BEGIN IMMEDIATE").await {
        Ok(tx) => tx,
        // The jobs are dropped unrun: each caller hears that its write was not committed.
        Err(e) => return (replies, Err(e.to_string())),
    };
    for job in jobs {
        let mut savepoint = match Connection::begin(&mut *tx).await {
            Ok(savepoint) => savepoint,
            Err(e) => return (replies, Err(e.to_string())),
        };
        let (ok, reply) = job(&mut savepoint).await;
        let closed = if ok {
            savepoint.commit().await
        } else {
            savepoint.rollback().await
        };
        replies.push(reply);
        if let Err(e) = closed {
            return (replies, Err(e.to_string()));
        }
    }
    let committed = tx.commit().await.map_err(|e| e.to_string());
    (replies, committed)
}
