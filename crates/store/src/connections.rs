//! SQLite's shared connections: every read, and the writes other than comments' (those go
//! through [`GroupCommit`](crate::GroupCommit)), take one in turn.
//!
//! Not sqlx's pool, because of what a turn costs. Each SQLite connection of sqlx is a thread
//! that runs the commands sent to it, in the order sent; each command is a hand-off to that
//! thread and back. sqlx's pool sends one more on every return (a ping, whatever
//! `test_before_acquire` says), so that each query on the pool cost two hand-offs, not one:
//! posting a comment makes four. The ping is there to find a connection left in a bad state
//! by a cancelled query; here the order of commands already covers that (a rollback queued
//! by a dropped transaction runs before the next holder's first statement), and a connection
//! whose thread died is noticed by the error it gives and replaced.
//!
//! The first connection opens at start, the others when first needed, never more than the
//! pool's size; [`SqliteConnections::close`] waits for every turn to end, then closes them
//! all (the last connection to a file folds its WAL back in).

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use futures_util::future::BoxFuture;
use futures_util::stream::{self, BoxStream};
use futures_util::{StreamExt, TryStreamExt};
use sqlx::sqlite::{SqliteConnectOptions, SqliteQueryResult, SqliteRow, SqliteStatement};
use sqlx::{
    Connection, Database, Describe, Either, Execute, Executor, SqlStr, Sqlite, SqliteConnection,
};
// The trait behind `sqlx::Transaction`, which sqlx does not re-export: an [`OwnedTx`] begins,
// ends and abandons its transaction the way a `Transaction` does, so that the savepoints
// opened inside it (`Connection::begin` on its connection) nest.
use sqlx_core::transaction::TransactionManager;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// How long a caller waits for a turn before giving up (sqlx's pool waited as long).
const WAIT_FOR_A_TURN: Duration = Duration::from_secs(30);

/// The shared connections to one SQLite file. Cloning shares them.
#[derive(Clone)]
pub struct SqliteConnections {
    shared: Arc<Shared>,
}

struct Shared {
    options: SqliteConnectOptions,
    /// Opened connections that nobody holds.
    idle: Mutex<Vec<SqliteConnection>>,
    /// One permit per connection: a turn.
    turns: Arc<Semaphore>,
    size: u32,
}

impl fmt::Debug for SqliteConnections {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SqliteConnections")
            .field("size", &self.shared.size)
            .finish_non_exhaustive()
    }
}

impl SqliteConnections {
    /// Opens the first connection now, so that a database that cannot be opened is an error
    /// at start, not at the first request.
    pub(crate) async fn open(options: SqliteConnectOptions, size: u32) -> sqlx::Result<Self> {
        let first = SqliteConnection::connect_with(&options).await?;
        let size = size.max(1);
        Ok(Self {
            shared: Arc::new(Shared {
                options,
                idle: Mutex::new(vec![first]),
                turns: Arc::new(Semaphore::new(size as usize)),
                size,
            }),
        })
    }

    /// Waits for a turn and takes a connection for it (opening one when none is idle).
    pub(crate) async fn acquire(&self) -> sqlx::Result<Turn> {
        let permit = tokio::time::timeout(
            WAIT_FOR_A_TURN,
            Arc::clone(&self.shared.turns).acquire_owned(),
        )
        .await
        .map_err(|_| sqlx::Error::PoolTimedOut)?
        .map_err(|_| sqlx::Error::PoolClosed)?;
        let idle = self.shared.take_idle();
        let connection = match idle {
            Some(connection) => connection,
            None => SqliteConnection::connect_with(&self.shared.options).await?,
        };
        Ok(Turn {
            connection: Some(connection),
            discard: false,
            shared: Arc::clone(&self.shared),
            _permit: permit,
        })
    }

    /// Starts a transaction with `statement` (`BEGIN` or `BEGIN IMMEDIATE`) on a connection
    /// of its own, held until it commits or rolls back, or is dropped (which rolls it back).
    pub(crate) async fn begin_with(&self, statement: &'static str) -> sqlx::Result<OwnedTx> {
        let mut turn = self.acquire().await?;
        let begun = <Sqlite as Database>::TransactionManager::begin(
            turn.connection(),
            Some(SqlStr::from_static(statement)),
        )
        .await;
        turn.note(&begun);
        begun?;
        Ok(OwnedTx { turn, open: true })
    }

    /// Waits for every turn to end, takes no more, and closes every connection.
    pub(crate) async fn close(&self) {
        let shared = &self.shared;
        let Ok(all) = shared.turns.acquire_many(shared.size).await else {
            return; // closed already
        };
        shared.turns.close();
        let connections =
            std::mem::take(&mut *shared.idle.lock().unwrap_or_else(PoisonError::into_inner));
        for connection in connections {
            if let Err(e) = connection.close().await {
                tracing::warn!(error = %e, "an SQLite connection did not close cleanly");
            }
        }
        drop(all);
    }
}

impl Shared {
    fn take_idle(&self) -> Option<SqliteConnection> {
        self.idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop()
    }
}

/// A connection held for one turn; it goes back when dropped.
pub(crate) struct Turn {
    connection: Option<SqliteConnection>,
    /// Set when the connection's thread is gone: it is dropped, not given back.
    discard: bool,
    shared: Arc<Shared>,
    _permit: OwnedSemaphorePermit,
}

impl Turn {
    fn connection(&mut self) -> &mut SqliteConnection {
        // Only `Drop` takes the connection out.
        self.connection
            .as_mut()
            .unwrap_or_else(|| unreachable!("a turn holds its connection until dropped"))
    }

    /// Remembers a failure that leaves the connection unusable.
    fn note<T>(&mut self, result: &sqlx::Result<T>) {
        if matches!(result, Err(sqlx::Error::WorkerCrashed | sqlx::Error::Io(_))) {
            self.discard = true;
        }
    }
}

impl Deref for Turn {
    type Target = SqliteConnection;

    fn deref(&self) -> &SqliteConnection {
        self.connection
            .as_ref()
            .unwrap_or_else(|| unreachable!("a turn holds its connection until dropped"))
    }
}

impl DerefMut for Turn {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        self.connection()
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        if let Some(connection) = self.connection.take()
            && !self.discard
        {
            self.shared
                .idle
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(connection);
        }
        // The permit goes after the connection is back: the next turn finds it idle.
    }
}

/// A transaction on a connection it holds, for an import or a site's copy, which outlive
/// the call that started them (a `sqlx::Transaction` borrows its connection). Dropped before
/// it ends, it rolls back, as a `Transaction` does: the rollback is queued on the
/// connection's thread ahead of anything its next holder sends.
pub(crate) struct OwnedTx {
    turn: Turn,
    open: bool,
}

impl fmt::Debug for OwnedTx {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OwnedTx").finish_non_exhaustive()
    }
}

impl OwnedTx {
    pub(crate) async fn commit(mut self) -> sqlx::Result<()> {
        let done = <Sqlite as Database>::TransactionManager::commit(self.turn.connection()).await;
        self.turn.note(&done);
        self.open = done.is_err();
        done
    }

    pub(crate) async fn rollback(mut self) -> sqlx::Result<()> {
        let done = <Sqlite as Database>::TransactionManager::rollback(self.turn.connection()).await;
        self.turn.note(&done);
        self.open = done.is_err();
        done
    }
}

impl Drop for OwnedTx {
    fn drop(&mut self) {
        if self.open {
            <Sqlite as Database>::TransactionManager::start_rollback(self.turn.connection());
        }
    }
}

impl Deref for OwnedTx {
    type Target = SqliteConnection;

    fn deref(&self) -> &SqliteConnection {
        &self.turn
    }
}

impl DerefMut for OwnedTx {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        self.turn.connection()
    }
}

/// A query on the shared connections takes a turn for itself. Rows are collected before the
/// turn ends: Tribune reads pages of bounded size, never a table at once, through here.
impl<'p> Executor<'p> for &'p SqliteConnections {
    type Database = Sqlite;

    fn fetch_many<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxStream<'e, sqlx::Result<Either<SqliteQueryResult, SqliteRow>>>
    where
        'p: 'e,
        E: 'q + Execute<'q, Sqlite>,
    {
        stream::once(async move {
            let mut turn = self.acquire().await?;
            let results: sqlx::Result<Vec<_>> =
                turn.connection().fetch_many(query).try_collect().await;
            turn.note(&results);
            results
        })
        .map_ok(|results| stream::iter(results.into_iter().map(Ok)))
        .try_flatten()
        .boxed()
    }

    fn fetch_optional<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxFuture<'e, sqlx::Result<Option<SqliteRow>>>
    where
        'p: 'e,
        E: 'q + Execute<'q, Sqlite>,
    {
        Box::pin(async move {
            let mut turn = self.acquire().await?;
            let row = turn.connection().fetch_optional(query).await;
            turn.note(&row);
            row
        })
    }

    fn prepare_with<'e>(
        self,
        sql: SqlStr,
        parameters: &'e [<Sqlite as Database>::TypeInfo],
    ) -> BoxFuture<'e, sqlx::Result<SqliteStatement>>
    where
        'p: 'e,
    {
        Box::pin(async move {
            let mut turn = self.acquire().await?;
            let statement = turn.connection().prepare_with(sql, parameters).await;
            turn.note(&statement);
            statement
        })
    }

    fn describe<'e>(self, sql: SqlStr) -> BoxFuture<'e, sqlx::Result<Describe<Sqlite>>>
    where
        'p: 'e,
    {
        Box::pin(async move {
            let mut turn = self.acquire().await?;
            let described = turn.connection().describe(sql).await;
            turn.note(&described);
            described
        })
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::str::FromStr;

    use sqlx::sqlite::SqliteJournalMode;

    use super::*;

    /// A database file for one test, removed (with its WAL) afterwards.
    struct File(PathBuf);

    impl File {
        fn new(name: &str) -> Self {
            let path = std::env::temp_dir().join(format!(
                "tribune_connections_{name}_{}.db",
                std::process::id()
            ));
            let file = File(path);
            file.remove();
            file
        }

        fn options(&self) -> SqliteConnectOptions {
            SqliteConnectOptions::from_str(&format!("sqlite://{}", self.0.display()))
                .unwrap()
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .busy_timeout(Duration::from_secs(10))
        }

        fn wal(&self) -> PathBuf {
            PathBuf::from(format!("{}-wal", self.0.display()))
        }

        fn remove(&self) {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", self.0.display()));
            }
        }
    }

    impl Drop for File {
        fn drop(&mut self) {
            self.remove();
        }
    }

    /// `size` connections to `file`, which holds a table `t (x INTEGER)`.
    async fn with_a_table(file: &File, size: u32) -> SqliteConnections {
        let connections = SqliteConnections::open(file.options(), size).await.unwrap();
        sqlx::query("CREATE TABLE t (x INTEGER)")
            .execute(&connections)
            .await
            .unwrap();
        connections
    }

    fn opened(connections: &SqliteConnections) -> usize {
        connections.shared.idle.lock().unwrap().len()
    }

    #[tokio::test]
    async fn many_queries_at_once_share_a_few_connections() {
        let file = File::new("shared");
        let connections = SqliteConnections::open(file.options(), 2).await.unwrap();
        let queries = (0..50i64).map(|i| {
            let connections = connections.clone();
            tokio::spawn(async move {
                sqlx::query_scalar::<_, i64>("SELECT $1 + 1")
                    .bind(i)
                    .fetch_one(&connections)
                    .await
            })
        });
        for (i, query) in queries.enumerate() {
            assert_eq!(query.await.unwrap().unwrap(), i as i64 + 1);
        }
        assert!(
            opened(&connections) <= 2,
            "never more connections than turns"
        );
        connections.close().await;
    }

    #[tokio::test]
    async fn a_transaction_dropped_open_is_rolled_back_and_its_lock_released() {
        let file = File::new("dropped");
        let connections = with_a_table(&file, 1).await;
        {
            let mut tx = connections.begin_with("BEGIN IMMEDIATE").await.unwrap();
            sqlx::query("INSERT INTO t VALUES (1)")
                .execute(&mut *tx)
                .await
                .unwrap();
        }
        // The one turn is free again, and writing does not wait for the dropped one's lock.
        let mut tx = connections.begin_with("BEGIN IMMEDIATE").await.unwrap();
        sqlx::query("INSERT INTO t VALUES (2)")
            .execute(&mut *tx)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let rows: Vec<i64> = sqlx::query_scalar("SELECT x FROM t")
            .fetch_all(&connections)
            .await
            .unwrap();
        assert_eq!(rows, [2]);
        connections.close().await;
    }

    #[tokio::test]
    async fn closing_waits_for_every_turn_then_folds_the_wal_in() {
        let file = File::new("close");
        let connections = with_a_table(&file, 2).await;
        assert!(file.wal().exists());
        let turn = connections.acquire().await.unwrap();
        let closing = tokio::spawn({
            let connections = connections.clone();
            async move { connections.close().await }
        });
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert!(!closing.is_finished(), "a turn is still held");
        drop(turn);
        closing.await.unwrap();
        assert!(
            !file.wal().exists(),
            "the last connection folded the WAL in"
        );
        assert!(matches!(
            connections.acquire().await,
            Err(sqlx::Error::PoolClosed)
        ));
    }
}
