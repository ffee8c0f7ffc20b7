//! Group commit on SQLite: writes that arrive together share one transaction, so one flush to
//! disk acknowledges them all.
//!
//! SQLite takes one writer at a time, and with `synchronous=FULL` every commit waits for the
//! disk (about 1.4 ms on the machines we measure on: at most ~700 commits a second). Comments
//! come in bursts when a story breaks; one writer task takes every write queued while the
//! previous group was being flushed, runs each in a savepoint of its own (one failing write
//! rolls back alone), commits once, and only then answers each caller. An acknowledged write
//! is therefore exactly as durable as before; a failed commit fails every write of its group.
//!
//! PostgreSQL needs none of this: its commits already share WAL flushes across connections.

use std::future::Future;
use std::pin::Pin;

use sqlx::{Connection, SqliteConnection, SqlitePool};
use tokio::sync::{mpsc, oneshot};

use crate::{Error, Result};

/// The most writes one group takes: bounds how long the first caller of a group waits for
/// the last one's work.
const MAX_GROUP: usize = 256;
/// Writes waiting for the writer; a caller past this waits for room.
const QUEUE: usize = 4096;

/// A write's future, borrowing the group's connection.
pub(crate) type BoxFuture<'c, T> = Pin<Box<dyn Future<Output = T> + Send + 'c>>;

/// Answers a caller once its group's commit is known.
type Reply = Box<dyn FnOnce(std::result::Result<(), String>) + Send>;
/// One caller's write: run on the group's connection inside a savepoint; says whether it
/// succeeded (its savepoint is kept) and how to answer the caller.
type Job = Box<dyn for<'c> FnOnce(&'c mut SqliteConnection) -> BoxFuture<'c, (bool, Reply)> + Send>;

/// The way into SQLite's writer task. Cloning shares the one task.
#[derive(Clone, Debug)]
pub struct GroupCommit {
    jobs: mpsc::Sender<Job>,
}

impl GroupCommit {
    /// Starts the writer task on the current Tokio runtime; it ends when the last clone goes.
    pub(crate) fn start(pool: SqlitePool) -> Self {
        let (jobs, queue) = mpsc::channel(QUEUE);
        tokio::spawn(write_in_groups(pool, queue));
        GroupCommit { jobs }
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
        self.jobs
            .send(job)
            .await
            .map_err(|_| Error::Commit("the writer has stopped".to_owned()))?;
        // A job dropped unrun (its group could not start) answers nothing.
        answered
            .await
            .map_err(|_| Error::Commit("the write could not start".to_owned()))?
    }
}

async fn write_in_groups(pool: SqlitePool, mut queue: mpsc::Receiver<Job>) {
    let mut group = Vec::with_capacity(MAX_GROUP);
    while queue.recv_many(&mut group, MAX_GROUP).await > 0 {
        let size = group.len();
        let (replies, committed) = commit_group(&pool, group.drain(..)).await;
        tracing::trace!(size, ok = committed.is_ok(), "group commit");
        for reply in replies {
            reply(committed.clone());
        }
    }
}

/// Runs a group's jobs in one `BEGIN IMMEDIATE` transaction, each in its own savepoint, and
/// commits; returns the replies and what became of the commit.
async fn commit_group(
    pool: &SqlitePool,
    jobs: impl Iterator<Item = Job>,
) -> (Vec<Reply>, std::result::Result<(), String>) {
    let mut replies = Vec::new();
    let mut tx = match pool.begin_with("BEGIN IMMEDIATE").await {
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
