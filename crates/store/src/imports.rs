//! Imports from other comment systems: one write transaction for a whole import, and the
//! `imported` table (migration `0012_imports`) that maps each source record to the row it
//! became, so that a reply finds its parent without a map in memory and a second run changes
//! nothing.
//!
//! [`Import`] holds the transaction; its methods run the same SQL as the store's own
//! ([`Store::insert_comment`], [`Store::unclaimed_profile`], [`Store::insert_article`]), each
//! defined once in its module. Nothing is visible to anyone until [`Import::commit`]; dropping
//! an `Import` (a parse error, a failed write) rolls everything back.

use sqlx::{Postgres, Transaction};

use crate::{Result, Store};

/// An import in progress: one write transaction (`BEGIN IMMEDIATE` on SQLite).
#[derive(Debug)]
pub struct Import {
    pub(crate) tx: ImportTx,
}

#[derive(Debug)]
pub(crate) enum ImportTx {
    Sqlite(crate::connections::OwnedTx),
    Postgres(Transaction<'static, Postgres>),
}

/// Runs the body with `$tx` bound to the import's connection, on whichever backend it is.
macro_rules! in_import {
    ($import:expr, |$tx:ident| $body:expr) => {
        match &mut $import.tx {
            $crate::imports::ImportTx::Sqlite(t) => {
                let $tx: &mut sqlx::SqliteConnection = &mut *t;
                $body
            }
            $crate::imports::ImportTx::Postgres(t) => {
                let $tx: &mut sqlx::PgConnection = &mut *t;
                $body
            }
        }
    };
}
pub(crate) use in_import;

/// What a source record was made into here: a row's id, or nothing (it was skipped).
pub type Imported = Option<i64>;

impl Store {
    /// Starts an import: everything written through the returned [`Import`] becomes visible
    /// at once when it commits, or not at all.
    pub async fn begin_import(&self) -> Result<Import> {
        let tx = match self {
            Store::Sqlite(pool, ..) => ImportTx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Store::Postgres(pool, ..) => ImportTx::Postgres(pool.begin().await?),
        };
        Ok(Import { tx })
    }
}

impl Import {
    /// Makes the import visible (and, on SQLite, searchable). What it wrote is history: it
    /// notifies nobody (see [`PAST_HISTORY`](crate::notifications::PAST_HISTORY)).
    pub async fn commit(mut self) -> Result<()> {
        in_import!(self, |tx| {
            sqlx::query(crate::notifications::PAST_HISTORY)
                .execute(&mut *tx)
                .await?;
        });
        match self.tx {
            ImportTx::Sqlite(mut tx) => {
                // Everything imported is searchable as soon as it is visible.
                crate::search_index::index_pending(&mut tx, i64::MAX).await?;
                tx.commit().await?
            }
            ImportTx::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }

    /// What the record `(source, kind, external_id)` became in an earlier run or earlier in
    /// this one: `None` if it was never seen, `Some(None)` if it was skipped.
    pub async fn imported(
        &mut self,
        source: &str,
        kind: &str,
        external_id: &str,
    ) -> Result<Option<Imported>> {
        const SQL: &str = "SELECT local_id FROM imported \
             WHERE source = $1 AND kind = $2 AND external_id = $3";
        let found: Option<Option<i64>> = in_import!(self, |tx| {
            sqlx::query_scalar(SQL)
                .bind(source)
                .bind(kind)
                .bind(external_id)
                .fetch_optional(&mut *tx)
                .await?
        });
        Ok(found)
    }

    /// Remembers what a record became (`None`: skipped). A record already remembered keeps
    /// what it was first.
    pub async fn remember(
        &mut self,
        source: &str,
        kind: &str,
        external_id: &str,
        local_id: Imported,
    ) -> Result<()> {
        const SQL: &str = "INSERT INTO imported (source, kind, external_id, local_id) \
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING";
        in_import!(self, |tx| {
            sqlx::query(SQL)
                .bind(source)
                .bind(kind)
                .bind(external_id)
                .bind(local_id)
                .execute(&mut *tx)
                .await?;
        });
        Ok(())
    }
}
