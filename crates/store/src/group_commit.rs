//! Group commit: comments that arrive together share one transaction, so one commit
//! acknowledges them all.
//!
//! Each backend has a reason of its own to write comments in groups:
//! - SQLite takes one writer at a time, and with `synchronous=FULL` every commit waits for
//!   the disk (about 1.4 ms on the machines we measure on: at most ~700 commits a second).
//! - PostgreSQL shares WAL flushes between connections, but every published comment updates
//!   its article's row (its count, its version, its live events' sequence), and the row
//!   stays locked until the commit is flushed: comments under one story committed one at a
//!   time, each waiting for the flush of the one before (a breaking story took ~400 a
//!   second, however many nodes served it).
//!
//! So one writer per node takes every comment queued while the previous group was being
//! committed, runs them in one transaction, commits once, and only then answers each
//! caller. An acknowledged write is therefore exactly as durable as before; a failed commit
//! fails every write of its group. A group runs its writes in the order of the article they
//! lock (arrival order within one article), so that two nodes' groups take the article rows
//! in the same order and never wait for each other in a circle.
//!
//! A write that fails (a comment answering one deleted meanwhile) rolls its whole group
//! back: its caller hears the failure, and the others are written again, at once, as a
//! group of their own. Rare, so not worth what isolating each write costs every comment: a
//! savepoint is two more commands. Rolling the whole transaction back is also the one
//! answer both backends agree on: after an error PostgreSQL takes nothing more in the
//! transaction, and SQLite may have rolled it back itself (a full disk).
//!
//! The writer is the one serial step of posting, and each of its commands is a hand-off to
//! the database and back (SQLite's thread, PostgreSQL's round trip): it has a thread of its
//! own (with a single-threaded runtime) and a connection of its own, so it never waits for
//! a turn among the request handlers or for a connection the readers hold, and a comment is
//! one command (see [`InsertComment`](crate::comments::InsertComment)). Under a burst a
//! group holds tens of comments.
//!
//! Between groups, SQLite's writer also indexes the comments written since its last pass
//! for search (see [`search_index`](crate::search_index)): once a second, before a search,
//! and before it closes; a checkpointer beside it copies the WAL back into the database.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use futures_util::FutureExt;
use sqlx::postgres::PgConnectOptions;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, Database, PgConnection, Postgres, Sqlite, SqliteConnection};
use tokio::sync::{mpsc, oneshot};
use tokio::time::Instant;

use crate::search_index::{self, BATCH};
use crate::{Error, Result};

/// The most writes one group takes: bounds how long the first caller of a group waits for
/// the last one's work (and, on PostgreSQL, how long the group holds its articles' rows).
const MAX_GROUP: usize = 256;
/// Writes waiting for the writer; a caller past this waits for room.
const QUEUE: usize = 4096;
/// How often SQLite's WAL is copied back into the database file.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(250);
/// SQLite's writer checkpoints itself only once the WAL holds this many pages (16 MiB of
/// 4 KiB pages; SQLite's default is 1,000): when the checkpointer beside it fell behind.
const WRITER_CHECKPOINTS_AFTER: &str = "4096";
/// How often the writer catches up between groups (SQLite: indexes comments for search).
const CATCH_UP_EVERY: Duration = Duration::from_secs(1);

/// The database a writer writes to: how it connects, how a group's transaction opens, and
/// what it does beside and between groups.
pub(crate) trait Backend: Send + Sync + 'static {
    type Db: Database;
    /// Opens a group's transaction.
    const BEGIN: &'static str;
    /// Whether the writer's connection is checked before each use: a server's may have
    /// died while idle (the server restarted), a file's cannot.
    const CHECK_BEFORE_USE: bool;

    /// The writer's own connection.
    fn connect(
        &self,
    ) -> impl Future<Output = sqlx::Result<<Self::Db as Database>::Connection>> + Send;

    /// Runs beside the writer until `stop`.
    fn beside(&self, stop: oneshot::Receiver<()>) -> impl Future<Output = ()> + Send + 'static;

    /// Does up to `limit` items of the work left for the writer between groups (SQLite:
    /// comments to index for search); returns how many it did. Most passes find nothing:
    /// they should find that out without taking the write lock.
    fn catch_up(
        conn: &mut <Self::Db as Database>::Connection,
        limit: i64,
    ) -> impl Future<Output = sqlx::Result<u64>> + Send;
}

/// SQLite: the writer connects with the store's options, and a checkpointer beside it
/// copies the WAL back into the database file.
pub(crate) struct SqliteWriter(pub(crate) SqliteConnectOptions);

impl Backend for SqliteWriter {
    type Db = Sqlite;
    const BEGIN: &'static str = "BEGIN IMMEDIATE";
    const CHECK_BEFORE_USE: bool = false;

    async fn connect(&self) -> sqlx::Result<SqliteConnection> {
        // Copying the WAL back into the database file (a few megabytes written and flushed
        // every thousand pages) stalled every comment queued behind the writer: a
        // checkpointer beside it does that, on a connection of its own. The writer still
        // does it when the WAL grows long, which bounds the WAL (and slows comments down to
        // what the disk takes) should the checkpointer fall behind.
        let options = self
            .0
            .clone()
            .pragma("wal_autocheckpoint", WRITER_CHECKPOINTS_AFTER)
            // Inside a transaction, each statement that may fail half-way keeps the pages it
            // changes first in a statement journal, to undo itself. Past 64 KiB SQLite
            // spilled journals to a temporary file (under the savepoints that once isolated
            // each write, most of a group's pages were written twice: 3% of the CPU under
            // comment posting, on the one serial step). In memory, a journal is the pages
            // its statement changes. A crash needs none of it: the WAL alone makes a commit
            // durable.
            .pragma("temp_store", "memory");
        SqliteConnection::connect_with(&options).await
    }

    fn beside(&self, stop: oneshot::Receiver<()>) -> impl Future<Output = ()> + Send + 'static {
        checkpoint_periodically(self.0.clone(), stop)
    }

    async fn catch_up(conn: &mut SqliteConnection, limit: i64) -> sqlx::Result<u64> {
        // Checked outside a transaction: most passes find nothing and take no lock.
        if !search_index::any_pending(conn).await? {
            return Ok(0);
        }
        let mut tx = conn.begin_with(Self::BEGIN).await?;
        let indexed = search_index::index_pending(&mut tx, limit).await?;
        tx.commit().await?;
        Ok(indexed)
    }
}

/// PostgreSQL: the writer holds a connection of its own, outside the store's pool, made on
/// the writer's runtime; nothing runs beside it and nothing is left between groups.
pub(crate) struct PostgresWriter(pub(crate) PgConnectOptions);

impl Backend for PostgresWriter {
    type Db = Postgres;
    const BEGIN: &'static str = "BEGIN";
    const CHECK_BEFORE_USE: bool = true;

    async fn connect(&self) -> sqlx::Result<PgConnection> {
        PgConnection::connect_with(&self.0).await
    }

    fn beside(&self, stop: oneshot::Receiver<()>) -> impl Future<Output = ()> + Send + 'static {
        stop.map(drop)
    }

    async fn catch_up(_: &mut PgConnection, _: i64) -> sqlx::Result<u64> {
        Ok(0)
    }
}

/// A write's future, borrowing the group's connection.
pub(crate) type BoxFuture<'c, T> = Pin<Box<dyn Future<Output = T> + Send + 'c>>;

/// A caller's write as the writer holds it until its group's commit is known.
trait Write<Db: Database>: Send {
    /// Runs the write on the group's connection (again, when its group was rolled back for
    /// another write's failure); says whether it succeeded.
    fn run<'c>(&'c mut self, conn: &'c mut Db::Connection) -> BoxFuture<'c, bool>;

    /// Tells the caller what became of the write: its last run's outcome, unless the commit
    /// that was to keep it failed.
    fn answer(self: Box<Self>, committed: std::result::Result<(), String>);
}

/// A [`Write`] of work giving a `T`.
struct Pending<T, F> {
    work: F,
    outcome: Option<Result<T>>,
    answer: oneshot::Sender<Result<T>>,
}

impl<Db, T, F> Write<Db> for Pending<T, F>
where
    Db: Database,
    T: Send + 'static,
    F: for<'c> FnMut(&'c mut Db::Connection) -> BoxFuture<'c, Result<T>> + Send + 'static,
{
    fn run<'c>(&'c mut self, conn: &'c mut Db::Connection) -> BoxFuture<'c, bool> {
        Box::pin(async move {
            let outcome = (self.work)(conn).await;
            let ok = outcome.is_ok();
            self.outcome = Some(outcome);
            ok
        })
    }

    fn answer(self: Box<Self>, committed: std::result::Result<(), String>) {
        let result = match (self.outcome, committed) {
            (Some(outcome), Ok(())) => outcome,
            (Some(outcome), Err(why)) => outcome.and(Err(Error::Commit(why))),
            (None, Err(why)) => Err(Error::Commit(why)),
            (None, Ok(())) => Err(Error::Commit("the write did not run".to_owned())),
        };
        // The caller may have gone (its request was cancelled): nothing to tell.
        let _ = self.answer.send(result);
    }
}

/// A write as the writer queues it.
struct Job<Db: Database> {
    /// The article whose row the write locks: a group runs its writes in this order.
    article_id: i64,
    write: Box<dyn Write<Db>>,
}

/// What the writer is asked to do, in the order asked.
enum Order<Db: Database> {
    Write(Job<Db>),
    /// Catch up on everything left (SQLite: index every comment still waiting for search),
    /// then answer.
    CatchUp(oneshot::Sender<std::result::Result<(), String>>),
    /// Commit what came before, close the connection, answer, and take no more writes.
    Close(oneshot::Sender<()>),
}

/// The way into a backend's writer. Cloning shares the one writer.
pub struct GroupCommit<Db: Database> {
    orders: mpsc::Sender<Order<Db>>,
}

impl<Db: Database> Clone for GroupCommit<Db> {
    fn clone(&self) -> Self {
        Self {
            orders: self.orders.clone(),
        }
    }
}

impl<Db: Database> std::fmt::Debug for GroupCommit<Db> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GroupCommit")
            .field("backend", &Db::NAME)
            .finish_non_exhaustive()
    }
}

impl<Db: Database> GroupCommit<Db> {
    /// Starts the writer on a thread of its own; it connects when the first write comes,
    /// and ends when the last clone goes.
    pub(crate) fn start<B: Backend<Db = Db>>(backend: B) -> Result<Self> {
        let (orders, queue) = mpsc::channel(QUEUE);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(Error::WriterStart)?;
        std::thread::Builder::new()
            .name("comment-writer".to_owned())
            .spawn(move || runtime.block_on(write_in_groups(backend, queue)))
            .map_err(Error::WriterStart)?;
        Ok(GroupCommit { orders })
    }

    /// Commits the writes already asked for, then closes the writer's connection (on
    /// SQLite, the last one to close checkpoints the WAL into the database file); later
    /// writes fail.
    pub(crate) async fn close(&self) {
        let (answer, answered) = oneshot::channel();
        if self.orders.send(Order::Close(answer)).await.is_ok() {
            // An error means the writer had already stopped: closed all the same.
            let _ = answered.await;
        }
    }

    /// Catches up on everything left between groups (SQLite: indexes for search every
    /// comment written so far, so that a search that follows finds them).
    pub(crate) async fn catch_up(&self) -> Result<()> {
        let (answer, answered) = oneshot::channel();
        self.orders
            .send(Order::CatchUp(answer))
            .await
            .map_err(writer_stopped)?;
        answered
            .await
            .map_err(writer_stopped)?
            .map_err(Error::Commit)
    }

    /// Runs `work`, which locks the row of article `article_id` (0: none), in the next group and
    /// returns its result once that group is durable. The work may run more than once
    /// (its group rolled back for another write's failure): only its last run counts.
    pub(crate) async fn write<T, F>(&self, article_id: i64, work: F) -> Result<T>
    where
        T: Send + 'static,
        F: for<'c> FnMut(&'c mut Db::Connection) -> BoxFuture<'c, Result<T>> + Send + 'static,
    {
        let (answer, answered) = oneshot::channel::<Result<T>>();
        let write = Box::new(Pending {
            work,
            outcome: None,
            answer,
        });
        self.orders
            .send(Order::Write(Job { article_id, write }))
            .await
            .map_err(writer_stopped)?;
        // A job dropped unanswered (the writer stopped) tells nothing.
        answered
            .await
            .map_err(|_| Error::Commit("the write could not start".to_owned()))?
    }
}

/// What a caller hears when the writer took no more orders, or dropped one unanswered.
fn writer_stopped<E>(_: E) -> Error {
    Error::Commit("the writer has stopped".to_owned())
}

async fn write_in_groups<B: Backend>(backend: B, mut queue: mpsc::Receiver<Order<B::Db>>) {
    let (stop_beside, stopped) = oneshot::channel();
    let beside = tokio::spawn(backend.beside(stopped));
    let mut connection: Option<<B::Db as Database>::Connection> = None;
    let mut orders = Vec::with_capacity(MAX_GROUP);
    let mut group = Vec::with_capacity(MAX_GROUP);
    let mut waiting = Vec::new();
    let mut closing = None;
    let mut next_catch_up = Instant::now() + CATCH_UP_EVERY;
    while closing.is_none() {
        tokio::select! {
            received = queue.recv_many(&mut orders, MAX_GROUP) => {
                if received == 0 {
                    break;
                }
            }
            () = tokio::time::sleep_until(next_catch_up) => {}
        }
        for order in orders.drain(..) {
            match order {
                Order::Write(job) if closing.is_none() => group.push(job),
                // Dropped unrun: its caller hears that the writer stopped.
                Order::Write(_) => {}
                Order::CatchUp(answer) => waiting.push(answer),
                Order::Close(answer) => closing = closing.or(Some(answer)),
            }
        }
        if !group.is_empty() {
            commit(&backend, &mut connection, &mut group).await;
        }
        // A caller waits for everything written before it; the timer's pass is bounded, so
        // that the comments queued meanwhile wait at most one batch.
        if !waiting.is_empty() || Instant::now() >= next_catch_up {
            let limit = if waiting.is_empty() { BATCH } else { i64::MAX };
            let caught_up = catch_up(&backend, &mut connection, limit).await;
            for answer in waiting.drain(..) {
                let _ = answer.send(caught_up.clone());
            }
            next_catch_up = Instant::now() + CATCH_UP_EVERY;
        }
    }
    // What is still pending is caught up on before the connection closes; should this
    // fail, the next writer does it.
    let _ = catch_up(&backend, &mut connection, i64::MAX).await;
    // Closed, or every handle is gone: what runs beside goes first, so that the writer's
    // connection is the last one of the writer's to close.
    let _ = stop_beside.send(());
    let _ = beside.await;
    if let Some(conn) = connection.take()
        && let Err(e) = conn.close().await
    {
        tracing::warn!(error = %e, "the comment writer's connection did not close cleanly");
    }
    if let Some(answer) = closing {
        let _ = answer.send(());
    }
}

/// Copies SQLite's WAL back into the database file every [`CHECKPOINT_EVERY`], without
/// waiting for readers or the writer (`PASSIVE`).
async fn checkpoint_periodically(options: SqliteConnectOptions, mut stop: oneshot::Receiver<()>) {
    let mut connection: Option<SqliteConnection> = None;
    let mut every = tokio::time::interval(CHECKPOINT_EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = &mut stop => break,
            _ = every.tick() => {}
        }
        let conn = match &mut connection {
            Some(conn) => conn,
            None => match SqliteConnection::connect_with(&options).await {
                Ok(conn) => connection.insert(conn),
                Err(e) => {
                    tracing::warn!(error = %e, "the SQLite checkpointer could not connect");
                    continue;
                }
            },
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
/// answers each caller. A write that fails rolls the group back and is answered; the rest
/// are written again, at once.
async fn commit<B: Backend>(
    backend: &B,
    connection: &mut Option<<B::Db as Database>::Connection>,
    group: &mut Vec<Job<B::Db>>,
) {
    // Stable: within one article, the order of arrival.
    group.sort_by_key(|job| job.article_id);
    while !group.is_empty() {
        let size = group.len();
        let conn = match connected(backend, connection).await {
            Ok(conn) => conn,
            Err(e) => {
                tracing::error!(error = %e, size, "the comment writer could not connect");
                let why = e.to_string();
                for job in group.drain(..) {
                    job.write.answer(Err(why.clone()));
                }
                return;
            }
        };
        match run_group::<B>(conn, group).await {
            Ran::Committed(committed) => {
                tracing::trace!(size, ok = committed.is_ok(), "group commit");
                if committed.is_err() {
                    // Whatever went wrong, the next group starts on a fresh connection.
                    *connection = None;
                }
                for job in group.drain(..) {
                    job.write.answer(committed.clone());
                }
            }
            Ran::Failed { index, rolled_back } => {
                tracing::debug!(
                    size,
                    "a write failed: its group is written again without it"
                );
                if !rolled_back {
                    // The transaction may be gone already (SQLite rolls back after some
                    // errors): the next group starts on a fresh connection all the same.
                    *connection = None;
                }
                // Its last run's outcome is its failure.
                group.remove(index).write.answer(Ok(()));
            }
        }
    }
}

/// What became of a group's transaction.
enum Ran {
    /// Every write succeeded; the commit's outcome.
    Committed(std::result::Result<(), String>),
    /// The write at `index` failed, and nothing of the group was kept; `rolled_back` says
    /// whether the rollback went through.
    Failed { index: usize, rolled_back: bool },
}

/// Runs a group's writes in one transaction, in order, and commits unless one fails.
async fn run_group<B: Backend>(
    conn: &mut <B::Db as Database>::Connection,
    group: &mut [Job<B::Db>],
) -> Ran {
    let mut tx = match conn.begin_with(B::BEGIN).await {
        Ok(tx) => tx,
        Err(e) => return Ran::Committed(Err(e.to_string())),
    };
    for (index, job) in group.iter_mut().enumerate() {
        if !job.write.run(&mut tx).await {
            let rolled_back = tx.rollback().await.is_ok();
            return Ran::Failed { index, rolled_back };
        }
    }
    Ran::Committed(tx.commit().await.map_err(|e| e.to_string()))
}

/// Catches up on up to `limit` items left between groups.
async fn catch_up<B: Backend>(
    backend: &B,
    connection: &mut Option<<B::Db as Database>::Connection>,
    limit: i64,
) -> std::result::Result<(), String> {
    let started = Instant::now();
    let outcome = async {
        let conn = connected(backend, connection).await?;
        B::catch_up(conn, limit).await
    }
    .await;
    match outcome {
        Ok(done) => {
            tracing::trace!(done, elapsed = ?started.elapsed(), "writer caught up");
            Ok(())
        }
        Err(e) => {
            tracing::warn!(error = %e, "catching up between groups failed");
            *connection = None;
            Err(e.to_string())
        }
    }
}

/// The connection kept in `connection`, opened first when there is none (at the first use,
/// or after a failure dropped the previous one) or, where the backend asks, when the one
/// kept no longer answers: as a pool checks a connection before lending it, so that a
/// database server's restart fails no comment.
async fn connected<'c, B: Backend>(
    backend: &B,
    connection: &'c mut Option<<B::Db as Database>::Connection>,
) -> std::result::Result<&'c mut <B::Db as Database>::Connection, sqlx::Error> {
    if B::CHECK_BEFORE_USE
        && let Some(conn) = connection.as_mut()
        && conn.ping().await.is_err()
    {
        *connection = None;
    }
    match connection {
        Some(conn) => Ok(conn),
        None => Ok(connection.insert(backend.connect().await?)),
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use sqlx::sqlite::SqliteJournalMode;

    use super::*;

    /// A writer on a fresh file holding `t (x INTEGER CHECK (x >= 0))`; the file goes with
    /// the returned guard.
    async fn writer(name: &str) -> (GroupCommit<Sqlite>, SqliteConnectOptions, Removed) {
        let path = std::env::temp_dir().join(format!(
            "tribune_group_commit_{name}_{}.db",
            std::process::id()
        ));
        let removed = Removed(path.display().to_string());
        removed.remove();
        let options = SqliteConnectOptions::from_str(&format!("sqlite://{}", removed.0))
            .unwrap()
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .busy_timeout(Duration::from_secs(10));
        let mut conn = SqliteConnection::connect_with(&options).await.unwrap();
        sqlx::query("CREATE TABLE t (x INTEGER NOT NULL CHECK (x >= 0))")
            .execute(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
        let writer = GroupCommit::start(SqliteWriter(options.clone())).unwrap();
        (writer, options, removed)
    }

    struct Removed(String);

    impl Removed {
        fn remove(&self) {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", self.0));
            }
        }
    }

    impl Drop for Removed {
        fn drop(&mut self) {
            self.remove();
        }
    }

    /// Writes the values `xs` in one write, one statement each; counts its runs.
    fn insert(
        writer: &GroupCommit<Sqlite>,
        xs: Vec<i64>,
        runs: Arc<AtomicUsize>,
    ) -> tokio::task::JoinHandle<Result<()>> {
        let writer = writer.clone();
        tokio::spawn(async move {
            writer
                .write(1, move |conn: &mut SqliteConnection| {
                    let xs = xs.clone();
                    runs.fetch_add(1, Ordering::SeqCst);
                    Box::pin(async move {
                        for x in xs {
                            sqlx::query("INSERT INTO t (x) VALUES ($1)")
                                .bind(x)
                                .execute(&mut *conn)
                                .await?;
                        }
                        Ok(())
                    })
                })
                .await
        })
    }

    #[tokio::test]
    async fn a_failing_write_leaves_nothing_and_its_group_is_written_without_it() {
        let (writer, options, _file) = writer("failing").await;
        // The first write holds the writer until the others are queued: they make one group.
        let holding = {
            let writer = writer.clone();
            tokio::spawn(async move {
                writer
                    .write(1, |_: &mut SqliteConnection| {
                        Box::pin(async {
                            tokio::time::sleep(Duration::from_millis(200)).await;
                            Ok(())
                        })
                    })
                    .await
            })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        let runs: Vec<Arc<AtomicUsize>> = (0..4).map(|_| Arc::default()).collect();
        let before = insert(&writer, vec![1], Arc::clone(&runs[0]));
        // Its first value goes in before the second fails: nothing of it may stay.
        let failing = insert(&writer, vec![100, -1], Arc::clone(&runs[1]));
        let after = insert(&writer, vec![2, 3], Arc::clone(&runs[2]));
        let last = insert(&writer, vec![4], Arc::clone(&runs[3]));
        holding.await.unwrap().unwrap();
        before.await.unwrap().unwrap();
        assert!(failing.await.unwrap().is_err());
        after.await.unwrap().unwrap();
        last.await.unwrap().unwrap();
        assert_eq!(
            runs.iter()
                .map(|r| r.load(Ordering::SeqCst))
                .collect::<Vec<_>>(),
            [2, 1, 1, 1],
            "the group ran up to the failing write, then again without it"
        );
        writer.close().await;
        let mut conn = SqliteConnection::connect_with(&options).await.unwrap();
        let xs: Vec<i64> = sqlx::query_scalar("SELECT x FROM t ORDER BY x")
            .fetch_all(&mut conn)
            .await
            .unwrap();
        assert_eq!(
            xs,
            [1, 2, 3, 4],
            "each acknowledged write once, the failed one not at all"
        );
        conn.close().await.unwrap();
    }
}
