//! The whole site as rows, table by table: what `tribune export`, `tribune import tribune`
//! and `tribune migrate` read and write, and the SQLite backup.
//!
//! [`TABLES`] lists every table that holds the site, in dependency order (a row only refers
//! to rows of tables before it, or of its own table with a smaller key), each with its
//! columns and whether it is [`Class::Data`] (exported) or [`Class::Secret`] (copied by
//! `migrate` only, never written to a file). Tables that hold neither are left out on
//! purpose and named in [`NOT_COPIED`]: a conformance test fails when a migration adds a
//! table or a column that neither list knows.
//!
//! Reading ([`SiteReader`]) happens in one read-only transaction (a consistent snapshot of a
//! running site), in keyset pages ordered by primary key, with text keys compared byte-wise on
//! both backends, so an export's order never depends on the backend or its collation. Writing
//! ([`SiteWriter`]) happens in one write transaction that first checks the tables are empty.

use sqlx::{AssertSqlSafe, Row};

use crate::live::{CreatedEventsOff, created_events_off, number_created_events};
use crate::{Result, Store};

/// How a column's values are stored and exported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Int,
    Real,
    Text,
}

/// One column of an exported table.
#[derive(Debug)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
}

/// Whether a table leaves the database in an export file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// The site's content and history: exported, imported and migrated.
    Data,
    /// Credentials and what carries them (sessions, tokens, queued mail with links): copied
    /// database to database by `migrate`, never written to a file.
    Secret,
}

/// A table as the export knows it.
#[derive(Debug)]
pub struct Table {
    /// The SQL table.
    pub name: &'static str,
    /// The record's `type` in an export file.
    pub record: &'static str,
    pub columns: &'static [Column],
    /// The primary key's columns: the export's order.
    pub key: &'static [&'static str],
    pub class: Class,
    /// Whether `id` comes from a PostgreSQL identity sequence, to be moved past imported ids.
    pub identity: bool,
}

impl Table {
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }
}

/// A value of one column.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

/// One row of a [`Table`], values in the order of its columns.
#[derive(Clone, Debug)]
pub struct Record {
    pub table: &'static Table,
    pub values: Vec<Value>,
}

macro_rules! columns {
    ($($name:ident: $kind:ident),* $(,)?) => {
        &[$(Column { name: stringify!($name), kind: Kind::$kind }),*]
    };
}

/// Every table that holds the site, in dependency order.
pub static TABLES: &[Table] = &[
    Table {
        name: "users",
        record: "user",
        columns: columns!(id: Int, email: Text, display_name: Text, name_key: Text,
            password_hash: Text, role: Text, created_at: Int, trusted_at: Int, banned_until: Int,
            ban_reason: Text, email_verified_at: Int, notify_email: Text, last_digest_at: Int,
            unclaimed_key: Text, email_hash: Text, website: Text, language: Text),
        key: &["id"],
        class: Class::Data,
        identity: true,
    },
    Table {
        name: "articles",
        record: "article",
        // `event_seq` is the live event log's counter, not content: the log is not exported
        // (it is swept hourly), and an import numbers the events it writes afresh.
        columns: columns!(id: Int, slug: Text, headline: Text, lead: Text, body_markdown: Text,
            body_html: Text, paragraphs: Text, byline: Text, dateline: Text, credit: Text,
            source: Text, rights: Text, tags: Text, canonical_url: Text, published_at: Int,
            comment_policy: Text, closes_at: Int, comment_count: Int, discussion_version: Int,
            created_at: Int, updated_at: Int, moderator_note: Text),
        key: &["id"],
        class: Class::Data,
        identity: true,
    },
    Table {
        name: "comments",
        record: "comment",
        columns: columns!(id: Int, article_id: Int, author_id: Int, parent_id: Int, root_id: Int,
            depth: Int, body_markdown: Text, body_html: Text, mentions: Text, quotes: Text,
            status: Text, reaction_count: Int, created_at: Int, edited_at: Int, deleted_at: Int,
            assessment: Text, risk: Real, simhash: Int, exact_hash: Int, address_hash: Text,
            rejection_reason: Text, moderator_note: Text, featured_at: Int, moderated_at: Int,
            moderated_by: Int, open_reports: Int),
        key: &["id"],
        class: Class::Data,
        identity: true,
    },
    Table {
        name: "comment_revisions",
        record: "comment_revision",
        columns: columns!(id: Int, comment_id: Int, body_markdown: Text, written_at: Int,
            replaced_at: Int),
        key: &["id"],
        class: Class::Data,
        identity: true,
    },
    Table {
        name: "comment_mentions",
        record: "comment_mention",
        columns: columns!(comment_id: Int, user_id: Int),
        key: &["comment_id", "user_id"],
        class: Class::Data,
        identity: false,
    },
    Table {
        name: "comment_quotes",
        record: "comment_quote",
        columns: columns!(comment_id: Int, article_id: Int, paragraph: Int),
        key: &["comment_id", "paragraph"],
        class: Class::Data,
        identity: false,
    },
    Table {
        name: "reactions",
        record: "reaction",
        columns: columns!(comment_id: Int, user_id: Int, created_at: Int),
        key: &["comment_id", "user_id"],
        class: Class::Data,
        identity: false,
    },
    Table {
        name: "comment_reports",
        record: "report",
        columns: columns!(id: Int, comment_id: Int, reporter_id: Int, reason: Text,
            details: Text, created_at: Int, resolved_at: Int),
        key: &["id"],
        class: Class::Data,
        identity: true,
    },
    Table {
        name: "moderation_log",
        record: "moderation",
        columns: columns!(id: Int, actor_id: Int, action: Text, target_kind: Text,
            target_id: Int, reason: Text, before: Text, after: Text, created_at: Int),
        key: &["id"],
        class: Class::Data,
        identity: true,
    },
    Table {
        name: "notifications",
        record: "notification",
        columns: columns!(id: Int, recipient_id: Int, kind: Text, comment_id: Int,
            article_id: Int, actor_id: Int, note: Text, source_id: Int, created_at: Int,
            read_at: Int, email_state: Text, emailed_at: Int),
        key: &["id"],
        class: Class::Data,
        identity: true,
    },
    Table {
        name: "newsroom_feeds",
        record: "newsroom_feed",
        columns: columns!(id: Int, url: Text, title: Text, added_at: Int, etag: Text,
            last_modified: Text, next_poll_at: Int, claimed_until: Int, last_polled_at: Int,
            last_success_at: Int, last_error: Text, failures: Int, articles_opened: Int,
            items_skipped: Int, last_skip: Text),
        key: &["id"],
        class: Class::Data,
        identity: true,
    },
    Table {
        name: "newsroom_feed_items",
        record: "newsroom_feed_item",
        columns: columns!(feed_id: Int, item_key: Text, article_id: Int, seen_at: Int),
        key: &["feed_id", "item_key"],
        class: Class::Data,
        identity: false,
    },
    Table {
        // What each import brought in, so that importing the same file again on the restored
        // site still changes nothing.
        name: "imported",
        record: "imported",
        columns: columns!(source: Text, kind: Text, external_id: Text, local_id: Int),
        key: &["source", "kind", "external_id"],
        class: Class::Data,
        identity: false,
    },
    Table {
        name: "sso_identities",
        record: "sso_identity",
        columns: columns!(subject: Text, user_id: Int, created_at: Int),
        key: &["subject"],
        class: Class::Data,
        identity: false,
    },
    Table {
        // Only the keys the caller names as data leave in a file (see `MetaKeys`).
        name: "site_meta",
        record: "site_meta",
        columns: columns!(key: Text, value: Text),
        key: &["key"],
        class: Class::Data,
        identity: false,
    },
    Table {
        name: "api_tokens",
        record: "api_token",
        columns: columns!(id: Int, name: Text, role: Text, token_hash: Text, created_at: Int,
            revoked_at: Int),
        key: &["id"],
        class: Class::Secret,
        identity: true,
    },
    Table {
        name: "sessions",
        record: "session",
        columns: columns!(token_hash: Text, user_id: Int, created_at: Int, expires_at: Int),
        key: &["token_hash"],
        class: Class::Secret,
        identity: false,
    },
    Table {
        name: "email_tokens",
        record: "email_token",
        columns: columns!(token_hash: Text, user_id: Int, purpose: Text, email: Text,
            created_at: Int, expires_at: Int),
        key: &["token_hash"],
        class: Class::Secret,
        identity: false,
    },
    Table {
        name: "feed_tokens",
        record: "feed_token",
        columns: columns!(user_id: Int, token_hash: Text, created_at: Int),
        key: &["user_id"],
        class: Class::Secret,
        identity: false,
    },
    Table {
        name: "sign_in_codes",
        record: "sign_in_code",
        columns: columns!(code_hash: Text, user_id: Int, created_at: Int, expires_at: Int),
        key: &["code_hash"],
        class: Class::Secret,
        identity: false,
    },
    Table {
        name: "outbox",
        record: "outbox_mail",
        columns: columns!(id: Int, recipient: Text, subject: Text, body_text: Text,
            body_html: Text, unsubscribe_url: Text, created_at: Int, attempts: Int,
            next_attempt_at: Int, claimed_until: Int, sent_at: Int, last_error: Text),
        key: &["id"],
        class: Class::Secret,
        identity: true,
    },
];

/// Tables and columns that are neither exported nor migrated, and why not.
pub static NOT_COPIED: &[(&str, &str)] = &[
    (
        "discussion_events",
        "the live event log, swept hourly; writing comments fills it anew",
    ),
    (
        "articles.event_seq",
        "the live event log's counter; writing comments counts anew",
    ),
    (
        "notification_progress",
        "the notification worker's cursors; set past everything imported",
    ),
    (
        "rate_limits",
        "PostgreSQL's fixed windows, which end within the hour (SQLite counts in memory)",
    ),
    (
        "proofs_of_work_spent",
        "answered proof-of-work challenges, which expire within minutes",
    ),
    (
        "comments_fts",
        "SQLite's search index, filled from the comments",
    ),
    (
        "search_pending",
        "SQLite's comments not yet in its search index; writing comments lists them anew",
    ),
    (
        "comments.search",
        "PostgreSQL's search column, generated from the body",
    ),
];

/// The table whose records have this `type`.
pub fn table_for_record(record: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.record == record)
}

/// Which `site_meta` rows are read, written, or must be absent for an import.
#[derive(Clone, Copy, Debug)]
pub enum MetaKeys<'a> {
    /// Every key (a database-to-database move: the site's secrets go too).
    All,
    /// Only these keys (the data among the site's facts; secrets stay behind).
    Only(&'a [&'a str]),
}

/// Where a text key column sorts byte-wise (UTF-8 order), the same on both backends.
fn collate(store_is_pg: bool, kind: Kind) -> &'static str {
    if store_is_pg && kind == Kind::Text {
        " COLLATE \"C\""
    } else {
        ""
    }
}

fn key_kind(table: &Table, name: &str) -> Kind {
    table
        .columns
        .iter()
        .find(|c| c.name == name)
        .map_or(Kind::Int, |c| c.kind)
}

/// `SELECT … FROM t [WHERE keyset] [AND meta filter] ORDER BY key LIMIT n`, with the
/// numbers of the placeholders it uses: key values first, then meta keys.
fn column_list(table: &Table) -> String {
    table
        .columns
        .iter()
        .map(|c| format!("\"{}\"", c.name))
        .collect::<Vec<_>>()
        .join(", ")
}

fn page_sql(table: &Table, pg: bool, after: bool, meta_keys: usize, limit: usize) -> String {
    let columns = column_list(table);
    let mut conditions = Vec::new();
    if after {
        // (k1 > $1) OR (k1 = $1 AND k2 > $2) …
        let mut alternatives = Vec::new();
        for (i, key) in table.key.iter().enumerate() {
            let mut parts = Vec::new();
            for (j, earlier) in table.key[..i].iter().enumerate() {
                let c = collate(pg, key_kind(table, earlier));
                parts.push(format!("\"{earlier}\"{c} = ${}", j + 1));
            }
            let c = collate(pg, key_kind(table, key));
            parts.push(format!("\"{key}\"{c} > ${}", i + 1));
            alternatives.push(format!("({})", parts.join(" AND ")));
        }
        conditions.push(format!("({})", alternatives.join(" OR ")));
    }
    if meta_keys > 0 {
        let first = if after { table.key.len() } else { 0 };
        let list = (1..=meta_keys)
            .map(|i| format!("${}", first + i))
            .collect::<Vec<_>>()
            .join(", ");
        conditions.push(format!("\"key\" IN ({list})"));
    }
    let filter = if conditions.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conditions.join(" AND "))
    };
    let order = table
        .key
        .iter()
        .map(|k| format!("\"{k}\"{}", collate(pg, key_kind(table, k))))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "SELECT {columns} FROM \"{}\"{filter} ORDER BY {order} LIMIT {limit}",
        table.name
    )
}

fn insert_sql(table: &Table) -> String {
    let columns = column_list(table);
    let values = (1..=table.columns.len())
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "INSERT INTO \"{}\" ({columns}) VALUES ({values})",
        table.name
    )
}

/// Binds a value as its column's type (a typed NULL: PostgreSQL refuses a NULL of another
/// type).
macro_rules! bind_value {
    ($query:expr, $kind:expr, $value:expr) => {
        match ($kind, $value) {
            (_, Value::Int(v)) => $query.bind(*v),
            (_, Value::Real(v)) => $query.bind(*v),
            (_, Value::Text(v)) => $query.bind(v.clone()),
            (Kind::Int, Value::Null) => $query.bind(None::<i64>),
            (Kind::Real, Value::Null) => $query.bind(None::<f64>),
            (Kind::Text, Value::Null) => $query.bind(None::<String>),
        }
    };
}

macro_rules! read_row {
    ($table:expr, $row:expr) => {{
        let mut values = Vec::with_capacity($table.columns.len());
        for (i, column) in $table.columns.iter().enumerate() {
            let value = match column.kind {
                Kind::Int => $row.try_get::<Option<i64>, _>(i)?.map(Value::Int),
                Kind::Real => $row.try_get::<Option<f64>, _>(i)?.map(Value::Real),
                Kind::Text => $row.try_get::<Option<String>, _>(i)?.map(Value::Text),
            };
            values.push(value.unwrap_or(Value::Null));
        }
        Record {
            table: $table,
            values,
        }
    }};
}

enum Tx {
    Sqlite(crate::connections::OwnedTx),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

/// A consistent, read-only view of the whole site, read a page at a time.
pub struct SiteReader {
    tx: Tx,
}

/// A write transaction that fills an empty site.
pub struct SiteWriter {
    tx: Tx,
    written: Vec<&'static str>,
    /// The live event log's trigger for new comments is off while rows are written as they
    /// are: [`SiteWriter::finish`] numbers the events of the visible ones.
    created_events: CreatedEventsOff,
}

impl Store {
    /// Starts reading the site as it is now: one read-only transaction (repeatable read on
    /// PostgreSQL; a WAL snapshot on SQLite), so writes that land meanwhile are not seen.
    pub async fn read_site(&self) -> Result<SiteReader> {
        let tx = match self {
            Store::Sqlite(connections, ..) => {
                let mut tx = connections.begin_with("BEGIN").await?;
                // Take the snapshot now, not at the first page.
                sqlx::query("SELECT COUNT(*) FROM site_meta")
                    .execute(&mut *tx)
                    .await?;
                Tx::Sqlite(tx)
            }
            Store::Postgres(pool, ..) => {
                let mut tx = pool.begin().await?;
                sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                    .execute(&mut *tx)
                    .await?;
                Tx::Postgres(tx)
            }
        };
        Ok(SiteReader { tx })
    }

    /// Starts filling this site from another: one write transaction (`BEGIN IMMEDIATE` on
    /// SQLite). Nothing is visible to others until [`SiteWriter::finish`].
    pub async fn write_site(&self) -> Result<SiteWriter> {
        let (tx, created_events) = match self {
            Store::Sqlite(pool, ..) => {
                let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
                let off = created_events_off!(tx, false);
                (Tx::Sqlite(tx), off)
            }
            Store::Postgres(pool, ..) => {
                let mut tx = pool.begin().await?;
                let off = created_events_off!(tx, true);
                (Tx::Postgres(tx), off)
            }
        };
        Ok(SiteWriter {
            tx,
            written: Vec::new(),
            created_events,
        })
    }

    /// Copies the SQLite database, consistent as of one moment, into a new file at `path`
    /// with `VACUUM INTO` while the site keeps running (readers and writers are not held
    /// up; the copy is compact and needs no WAL file). SQLite refuses when the file exists.
    /// Returns `false`, copying nothing, on PostgreSQL.
    pub async fn backup_sqlite_into(&self, path: &str) -> Result<bool> {
        match self {
            Store::Sqlite(pool, ..) => {
                sqlx::query("VACUUM INTO $1")
                    .bind(path)
                    .execute(pool)
                    .await?;
                Ok(true)
            }
            Store::Postgres(..) => Ok(false),
        }
    }

    /// `PRAGMA integrity_check` on SQLite (`"ok"` when sound); `None` on PostgreSQL.
    pub async fn sqlite_integrity_check(&self) -> Result<Option<String>> {
        match self {
            Store::Sqlite(pool, ..) => Ok(Some(
                sqlx::query_scalar("PRAGMA integrity_check")
                    .fetch_one(pool)
                    .await?,
            )),
            Store::Postgres(..) => Ok(None),
        }
    }

    /// Every table and column in the database (`table.column`), for checking that
    /// [`TABLES`] and [`NOT_COPIED`] cover the schema.
    pub async fn schema_columns(&self) -> Result<Vec<String>> {
        match self {
            Store::Sqlite(pool, ..) => {
                let rows = sqlx::query(
                    "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p \
                     WHERE m.type = 'table' AND m.name NOT LIKE '\\_sqlx%' ESCAPE '\\' \
                       AND m.name NOT LIKE 'comments_fts%' AND m.name NOT LIKE 'sqlite%' \
                     ORDER BY 1, 2",
                )
                .fetch_all(pool)
                .await?;
                rows.iter()
                    .map(|r| {
                        Ok(format!(
                            "{}.{}",
                            r.try_get::<String, _>(0)?,
                            r.try_get::<String, _>(1)?
                        ))
                    })
                    .collect()
            }
            Store::Postgres(pool, ..) => {
                let rows = sqlx::query(
                    "SELECT table_name::text, column_name::text FROM information_schema.columns \
                     WHERE table_schema = current_schema() AND table_name NOT LIKE '\\_sqlx%' \
                     ORDER BY 1, 2",
                )
                .fetch_all(pool)
                .await?;
                rows.iter()
                    .map(|r| {
                        Ok(format!(
                            "{}.{}",
                            r.try_get::<String, _>(0)?,
                            r.try_get::<String, _>(1)?
                        ))
                    })
                    .collect()
            }
        }
    }
}

impl SiteReader {
    /// Up to `limit` rows of `table` after the row whose key is `after` (from the start
    /// when `None`), in key order.
    pub async fn page(
        &mut self,
        table: &'static Table,
        after: Option<&Record>,
        meta: MetaKeys<'_>,
        limit: usize,
    ) -> Result<Vec<Record>> {
        let keys: &[&str] = match meta {
            MetaKeys::Only(keys) if table.name == "site_meta" => {
                if keys.is_empty() {
                    return Ok(Vec::new());
                }
                keys
            }
            _ => &[],
        };
        let pg = matches!(self.tx, Tx::Postgres(_));
        let sql = page_sql(table, pg, after.is_some(), keys.len(), limit);
        let mut key_values = Vec::new();
        if let Some(after) = after {
            for key in table.key {
                let i = table.column(key).unwrap_or_default();
                let value = after.values.get(i).cloned().unwrap_or(Value::Null);
                key_values.push((key_kind(table, key), value));
            }
        }
        macro_rules! run {
            ($tx:expr) => {{
                let mut query = sqlx::query(AssertSqlSafe(sql));
                for (kind, value) in &key_values {
                    query = bind_value!(query, *kind, value);
                }
                for key in keys {
                    query = query.bind(*key);
                }
                let rows = query.fetch_all(&mut **$tx).await?;
                let mut records = Vec::with_capacity(rows.len());
                for row in &rows {
                    records.push(read_row!(table, row));
                }
                records
            }};
        }
        Ok(match &mut self.tx {
            Tx::Sqlite(tx) => run!(tx),
            Tx::Postgres(tx) => run!(tx),
        })
    }

    /// The rows of `table` (which has an `id`) with these ids, in id order.
    pub async fn rows_by_ids(&mut self, table: &'static Table, ids: &[i64]) -> Result<Vec<Record>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = (1..=ids.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT {} FROM \"{}\" WHERE \"id\" IN ({list}) ORDER BY \"id\"",
            column_list(table),
            table.name
        );
        macro_rules! run {
            ($tx:expr) => {{
                let mut query = sqlx::query(AssertSqlSafe(sql));
                for id in ids {
                    query = query.bind(*id);
                }
                let rows = query.fetch_all(&mut **$tx).await?;
                let mut records = Vec::with_capacity(rows.len());
                for row in &rows {
                    records.push(read_row!(table, row));
                }
                records
            }};
        }
        Ok(match &mut self.tx {
            Tx::Sqlite(tx) => run!(tx),
            Tx::Postgres(tx) => run!(tx),
        })
    }

    /// Ends the read.
    pub async fn finish(self) -> Result<()> {
        match self.tx {
            Tx::Sqlite(tx) => tx.rollback().await?,
            Tx::Postgres(tx) => tx.rollback().await?,
        }
        Ok(())
    }
}

impl SiteWriter {
    /// The first of `tables` that already holds rows (for `site_meta`, rows among `meta`),
    /// if any: a site is filled only when empty.
    pub async fn occupied(
        &mut self,
        tables: &[&'static Table],
        meta: MetaKeys<'_>,
    ) -> Result<Option<&'static str>> {
        for table in tables {
            let (sql, keys): (String, &[&str]) = match meta {
                MetaKeys::Only(keys) if table.name == "site_meta" => {
                    if keys.is_empty() {
                        continue;
                    }
                    let list = (1..=keys.len())
                        .map(|i| format!("${i}"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    (
                        format!("SELECT COUNT(*) FROM site_meta WHERE \"key\" IN ({list})"),
                        keys,
                    )
                }
                _ => (format!("SELECT COUNT(*) FROM \"{}\"", table.name), &[]),
            };
            macro_rules! run {
                ($tx:expr) => {{
                    let mut query = sqlx::query_scalar::<_, i64>(AssertSqlSafe(sql));
                    for key in keys {
                        query = query.bind(*key);
                    }
                    query.fetch_one(&mut **$tx).await?
                }};
            }
            let rows = match &mut self.tx {
                Tx::Sqlite(tx) => run!(tx),
                Tx::Postgres(tx) => run!(tx),
            };
            if rows > 0 {
                return Ok(Some(table.name));
            }
        }
        Ok(None)
    }

    /// Inserts one row as it is, id included.
    pub async fn insert(&mut self, record: &Record) -> Result<()> {
        let table = record.table;
        if !self.written.contains(&table.name) {
            self.written.push(table.name);
        }
        let sql = insert_sql(table);
        macro_rules! run {
            ($tx:expr) => {{
                let mut query = sqlx::query(AssertSqlSafe(sql));
                for (column, value) in table.columns.iter().zip(&record.values) {
                    query = bind_value!(query, column.kind, value);
                }
                query.execute(&mut **$tx).await?;
            }};
        }
        match &mut self.tx {
            Tx::Sqlite(tx) => run!(tx),
            Tx::Postgres(tx) => run!(tx),
        }
        Ok(())
    }

    /// Makes the site ready to run and commits: each visible comment gets its live event,
    /// numbered in its discussion in the order of ids; the notification worker's cursors
    /// move past everything written (imported history notifies nobody again), and on
    /// PostgreSQL each identity sequence moves past the largest id written, so new rows get
    /// new ids.
    pub async fn finish(self) -> Result<()> {
        const CURSORS: &str = crate::notifications::PAST_HISTORY;
        // The site was empty: every comment in it was written here.
        match self.tx {
            Tx::Sqlite(mut tx) => {
                number_created_events!(tx, self.created_events, 0);
                sqlx::query(CURSORS).execute(&mut *tx).await?;
                tx.commit().await?;
            }
            Tx::Postgres(mut tx) => {
                number_created_events!(tx, self.created_events, 0);
                sqlx::query(CURSORS).execute(&mut *tx).await?;
                for name in &self.written {
                    let Some(table) = TABLES.iter().find(|t| t.name == *name) else {
                        continue;
                    };
                    if !table.identity {
                        continue;
                    }
                    let sql = format!(
                        "SELECT setval(pg_get_serial_sequence('{0}', 'id'), \
                         COALESCE(MAX(id), 0) + 1, false) FROM \"{0}\"",
                        table.name
                    );
                    sqlx::query(AssertSqlSafe(sql)).execute(&mut *tx).await?;
                }
                tx.commit().await?;
            }
        }
        Ok(())
    }
}
