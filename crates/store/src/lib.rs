//! Tribune's storage: one interface, [`Store`], with SQLite and PostgreSQL behind it.
//!
//! Each method holds one SQL text, written in the portable subset both backends accept
//! (`$N` placeholders, `RETURNING`, `ON CONFLICT`), and one body that the dispatch macros
//! below compile once per backend. Where the dialects differ (opening a write transaction),
//! the difference sits in an explicit match arm.
//!
//! Architecture invariants:
//! - this is the only crate that writes SQL; it returns domain types, never rows;
//! - timestamps are stored as integer microseconds since the Unix epoch (see [`micros`]),
//!   so that they compare and sort the same on both backends;
//! - every SQLite write transaction starts with `BEGIN IMMEDIATE`, so concurrent writers
//!   queue on the busy timeout instead of failing with `SQLITE_BUSY`.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use time::OffsetDateTime;

mod articles;
mod comments;
mod connections;
mod email_tokens;
mod embed;
mod feeds;
mod generated;
mod group_commit;
mod imports;
mod isso_export;
mod live;
mod mail;
mod meta;
mod moderation;
mod newsroom_feeds;
mod notifications;
mod personal_data;
mod proof_of_work;
mod rate_limits;
mod search_index;
mod sessions;
pub mod site_export;
mod unclaimed;
mod users;

#[cfg(feature = "testing")]
pub mod testing;

pub use articles::{ArticleCursor, RenderedBody};
pub use comments::{
    Body, CommentCursor, Edit, NewComment, Parent, Revision, Screening, UserComment,
};
pub use connections::SqliteConnections;
pub use email_tokens::{NewEmailToken, TokenPurpose};
pub use generated::GeneratedSite;
pub use group_commit::GroupCommit;
use group_commit::{PostgresWriter, SqliteWriter};
pub use imports::{Import, Imported};
pub use isso_export::{IssoComment, IssoExport, IssoThread};
pub use live::{EventListener, Heard};
pub use mail::QueuedMail;
pub use moderation::{
    AuditEntry, AuditRecord, PostingHistory, PostingQuery, Queue, QueueEntry, QueueQuery,
    RecentFingerprint, ReportRecord,
};
pub use newsroom_feeds::FeedPolled;
pub use notifications::{MailClaim, MailRecipient, Notification, NotificationSource, Pass};
pub use personal_data::{ClaimableProfile, DeletedComments, FiledReport, GivenReaction};
pub use rate_limits::LocalCounters;
pub use sessions::ApiToken;
pub use unclaimed::NewUnclaimed;
pub use users::{NewUser, UserWithPassword};

/// What can go wrong in storage.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A uniqueness rule was broken; the payload names what was duplicated (`email`,
    /// `display_name`, `slug`, …).
    #[error("{0} is already taken")]
    Conflict(&'static str),
    #[error("not found")]
    NotFound,
    #[error("the database URL is not usable: {0}")]
    Url(String),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    /// A write was not committed (its group's commit failed); nothing of it was kept.
    #[error("the database did not commit the write: {0}")]
    Commit(String),
    /// The comment writer (its thread and runtime) could not be started.
    #[error("could not start the comment writer: {0}")]
    WriterStart(std::io::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The database: an embedded SQLite file or a PostgreSQL server. New comments are written
/// through the backend's [`GroupCommit`] writer, everything else through its
/// [`SqliteConnections`] or its pool; SQLite's rate-limit counters are kept in memory
/// ([`LocalCounters`]).
#[derive(Clone, Debug)]
pub enum Store {
    Sqlite(SqliteConnections, GroupCommit<sqlx::Sqlite>, LocalCounters),
    Postgres(PgPool, GroupCommit<sqlx::Postgres>),
}

/// Runs the same body against whichever pool the store holds; `$pool` is bound to it.
macro_rules! with_pool {
    ($store:expr, |$pool:ident| $body:expr) => {
        match $store {
            $crate::Store::Sqlite($pool, ..) => $body,
            $crate::Store::Postgres($pool, ..) => $body,
        }
    };
}
pub(crate) use with_pool;

/// Runs the same body against whichever comment writer the store holds; `$writer` is bound
/// to it.
macro_rules! with_writer {
    ($store:expr, |$writer:ident| $body:expr) => {
        match $store {
            $crate::Store::Sqlite(_, $writer, _) => $body,
            $crate::Store::Postgres(_, $writer) => $body,
        }
    };
}
pub(crate) use with_writer;

/// Runs the body inside a write transaction (`BEGIN IMMEDIATE` on SQLite) and commits it;
/// `$tx` is bound to the transaction. An early `?` return rolls back on drop.
macro_rules! with_tx {
    ($store:expr, |$tx:ident| $body:expr) => {
        match $store {
            $crate::Store::Sqlite(connections, ..) => {
                let mut turn = connections.acquire().await?;
                let mut $tx = sqlx::Connection::begin_with(&mut *turn, "BEGIN IMMEDIATE").await?;
                let out = $body;
                $tx.commit().await?;
                out
            }
            $crate::Store::Postgres(pool, ..) => {
                let mut $tx = pool.begin().await?;
                let out = $body;
                $tx.commit().await?;
                out
            }
        }
    };
}
pub(crate) use with_tx;

/// Gathers SQLite's statistics for the indexes that have none, when the database was analyzed
/// before (`tribune seed-site`, a restore, a copy): a migration's new index. SQLite plans
/// with the statistics it has, and an index it knows nothing of beside ones it knows well was
/// passed over: a new author index left a count of rejected comments walking every rejected
/// comment (1.3 ms for each comment posted, on 1,000,000). A database never analyzed is left
/// so: SQLite plans all of it from its defaults. Indexes of empty tables never get statistics;
/// analyzing them again at each start costs nothing.
async fn analyze_new_indexes(conn: &mut sqlx::SqliteConnection) -> Result<()> {
    const UNANALYZED: &str = "SELECT m.name FROM sqlite_master m \
         WHERE m.type = 'index' AND EXISTS (SELECT 1 FROM sqlite_stat1) \
         AND NOT EXISTS (SELECT 1 FROM sqlite_stat1 s WHERE s.idx = m.name)";
    let analyzed: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1')",
    )
    .fetch_one(&mut *conn)
    .await?;
    if !analyzed {
        return Ok(());
    }
    let indexes: Vec<String> = sqlx::query_scalar(UNANALYZED).fetch_all(&mut *conn).await?;
    for index in indexes {
        // The name comes from the schema, quoted as an identifier.
        let sql = format!("ANALYZE \"{}\"", index.replace('"', "\"\""));
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

impl Store {
    /// Opens (creating a SQLite file if needed) and migrates the database at `url`:
    /// `sqlite://path`, `sqlite::memory:` or `postgres://…`.
    pub async fn connect(url: &str) -> Result<Self> {
        let store = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(url).map_err(|e| Error::Url(e.to_string()))?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options.clone())
                .await?;
            Store::Postgres(pool, GroupCommit::start(PostgresWriter(options))?)
        } else if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)
                .map_err(|e| Error::Url(e.to_string()))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                // FULL: an acknowledged comment survives a power cut, not only a crash.
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                // Rows come back from SQLite's thread one by one through a channel that holds
                // 50 by default; a page of 200 comments then went back and forth between the
                // threads until it was read. A flat page is at most 501 rows; a longer result
                // (a page of whole threads) still streams, this many rows ahead at most.
                .row_buffer_size(1024);
            // Two connections per core, four at least, one of them the comment writer's own
            // (see `group_commit`): each has its own thread and page cache (up to 2 MiB),
            // and reads are short; eight on a two-core machine only held memory (the
            // 1,000,000-comment bench peaked past 150 MiB resident).
            let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
            let connections = cores.saturating_mul(2).clamp(4, 16) - 1;
            let connections = u32::try_from(connections).unwrap_or(3);
            let shared = SqliteConnections::open(options.clone(), connections).await?;
            Store::Sqlite(
                shared,
                GroupCommit::start(SqliteWriter(options))?,
                LocalCounters::default(),
            )
        } else {
            return Err(Error::Url(format!(
                "`{url}` is neither a sqlite:// nor a postgres:// URL"
            )));
        };
        store.migrate().await?;
        Ok(store)
    }

    async fn migrate(&self) -> Result<()> {
        match self {
            Store::Sqlite(connections, ..) => {
                let mut turn = connections.acquire().await?;
                sqlx::migrate!("migrations/sqlite").run(&mut *turn).await?;
                analyze_new_indexes(&mut turn).await?;
            }
            // The PostgreSQL migrator holds an advisory lock, so nodes starting together are safe.
            Store::Postgres(pool, ..) => sqlx::migrate!("migrations/postgres").run(pool).await?,
        }
        Ok(())
    }

    /// Which backend this is, for logs and health checks.
    pub fn backend(&self) -> &'static str {
        match self {
            Store::Sqlite(..) => "sqlite",
            Store::Postgres(..) => "postgres",
        }
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> Result<()> {
        with_pool!(self, |pool| {
            sqlx::query("SELECT 1").execute(pool).await?;
        });
        Ok(())
    }

    /// Refreshes the query planner's statistics (both backends accept `ANALYZE`). Worth
    /// running after bulk writes: PostgreSQL plans a freshly filled table as if it were empty
    /// until autovacuum gets to it, and picks sorts over index walks.
    pub async fn analyze(&self) -> Result<()> {
        with_pool!(self, |pool| {
            sqlx::query("ANALYZE").execute(pool).await?;
        });
        Ok(())
    }

    pub async fn close(&self) {
        with_writer!(self, |writer| writer.close().await);
        with_pool!(self, |pool| pool.close().await)
    }
}

/// A timestamp as stored: whole microseconds since the Unix epoch.
pub fn micros(at: OffsetDateTime) -> i64 {
    i64::try_from(at.unix_timestamp_nanos() / 1_000).unwrap_or(i64::MAX)
}

/// The inverse of [`micros`].
pub(crate) fn from_micros(us: i64) -> Result<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(us) * 1_000)
        .map_err(|e| Error::Corrupt(format!("timestamp {us}: {e}")))
}

/// Maps a unique-constraint violation to [`Error::Conflict`] naming the first of `columns`
/// the database mentions (SQLite names `table.column`, PostgreSQL the constraint
/// `table_column_key`); other errors pass through.
pub(crate) fn conflict_on(err: sqlx::Error, columns: &[&'static str]) -> Error {
    if let sqlx::Error::Database(db) = &err
        && db.is_unique_violation()
    {
        let text = format!("{} {}", db.message(), db.constraint().unwrap_or_default());
        let column = columns
            .iter()
            .find(|c| text.contains(*c))
            .or(columns.first())
            .copied()
            .unwrap_or("value");
        return Error::Conflict(column);
    }
    Error::Db(err)
}

#[cfg(test)]
mod tests {
    use sqlx::{Connection, SqliteConnection};

    use super::analyze_new_indexes;

    async fn statistics_of(conn: &mut SqliteConnection) -> Vec<String> {
        sqlx::query_scalar("SELECT idx FROM sqlite_stat1 ORDER BY idx")
            .fetch_all(conn)
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn a_new_index_gets_statistics_where_the_others_have_some() {
        let mut conn = SqliteConnection::connect("sqlite::memory:").await.unwrap();
        sqlx::raw_sql(
            "CREATE TABLE t (a INTEGER, b INTEGER); CREATE INDEX t_a ON t (a);
             INSERT INTO t VALUES (1, 2), (3, 4); ANALYZE;
             CREATE INDEX t_b ON t (b); CREATE TABLE empty (c INTEGER);
             CREATE INDEX empty_c ON empty (c);",
        )
        .execute(&mut conn)
        .await
        .unwrap();
        assert_eq!(statistics_of(&mut conn).await, ["t_a"]);
        analyze_new_indexes(&mut conn).await.unwrap();
        // An empty table's index has nothing to count, then or later.
        assert_eq!(statistics_of(&mut conn).await, ["t_a", "t_b"]);
    }

    #[tokio::test]
    async fn a_database_never_analyzed_is_left_to_the_defaults() {
        let mut conn = SqliteConnection::connect("sqlite::memory:").await.unwrap();
        sqlx::raw_sql(
            "CREATE TABLE t (a INTEGER); CREATE INDEX t_a ON t (a); INSERT INTO t VALUES (1);",
        )
        .execute(&mut conn)
        .await
        .unwrap();
        analyze_new_indexes(&mut conn).await.unwrap();
        let analyzed: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1')",
        )
        .fetch_one(&mut conn)
        .await
        .unwrap();
        assert!(!analyzed);
    }
}
