//! Generated sites for load tests and benchmarks: thousands of articles and a million
//! comments written set-based, a few statements in one transaction, in seconds rather than
//! the hours one comment at a time would take.
//!
//! What it writes is an ordinary site: the articles copy a real article (its rendered body,
//! paragraphs and policy), the comments carry bodies rendered by the caller, every fourth is
//! a top-level comment with three replies under it, counts and versions agree with the rows,
//! and every row has its search-index entry and live event as a comment posted by a reader
//! has (the events are written in one statement rather than by the trigger).

use sqlx::AssertSqlSafe;

use crate::imports::ImportTx;
use crate::live::{created_events_off, number_created_events};
use crate::{Result, Store};

/// What [`Store::generate_discussions`] writes. Each generated article is published a minute
/// before the one before it, and its comments follow its publication a second apart: give
/// the template a publication time far enough in the past.
#[derive(Debug, Clone, Copy)]
pub struct GeneratedSite<'a> {
    /// The article every generated article copies; it is itself the first one, and its slug
    /// is `{prefix}-0`.
    pub template_article_id: i64,
    /// Generated slugs are `{prefix}-1` … `{prefix}-{articles - 1}`.
    pub prefix: &'a str,
    pub articles: i64,
    /// Comments under each article (the template's included).
    pub comments_per_article: i64,
    /// Bodies as written and rendered, used in turn.
    pub bodies: &'a [(String, String)],
    /// Authors, used in turn.
    pub author_ids: &'a [i64],
}

/// How many comments one statement writes: bounded so that PostgreSQL's statement and
/// SQLite's recursive query stay small in memory.
const COMMENTS_PER_STATEMENT: i64 = 100_000;

impl Store {
    /// Writes the generated articles and their comments in one transaction; returns how many
    /// comments it wrote.
    pub async fn generate_discussions(&self, site: &GeneratedSite<'_>) -> Result<i64> {
        const BODIES: &str = "CREATE TEMPORARY TABLE generated_bodies \
             (k BIGINT PRIMARY KEY, body_markdown TEXT NOT NULL, body_html TEXT NOT NULL)";
        const AUTHORS: &str = "CREATE TEMPORARY TABLE generated_authors (k BIGINT PRIMARY KEY, user_id BIGINT NOT NULL)";
        const BODY: &str =
            "INSERT INTO generated_bodies (k, body_markdown, body_html) VALUES ($1, $2, $3)";
        const AUTHOR: &str = "INSERT INTO generated_authors (k, user_id) VALUES ($1, $2)";
        const ARTICLES: &str = "WITH RECURSIVE n(i) AS (SELECT CAST(1 AS BIGINT) \
                 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $2) \
             INSERT INTO articles (slug, headline, lead, body_markdown, body_html, paragraphs, \
                 byline, dateline, credit, source, rights, tags, canonical_url, published_at, \
                 comment_policy, closes_at, created_at, updated_at) \
             SELECT $3 || '-' || n.i, t.headline || ' (' || n.i || ')', t.lead, t.body_markdown, \
                 t.body_html, t.paragraphs, t.byline, t.dateline, t.credit, t.source, t.rights, \
                 t.tags, '', t.published_at - n.i * 60000000, t.comment_policy, t.closes_at, \
                 t.created_at, t.updated_at \
             FROM n, articles t WHERE t.id = $1";
        const FIRST_ID: &str = "SELECT COALESCE(MAX(id), 0) + 1 FROM comments";
        // Comment `g` of the site is comment `g % per` of article `g / per`; within an
        // article every fourth is top-level and the next three answer it.
        const COMMENTS: &str = "WITH RECURSIVE n(g) AS (SELECT CAST($1 AS BIGINT) \
                 UNION ALL SELECT g + 1 FROM n WHERE g + 1 < $2) \
             INSERT INTO comments (id, article_id, author_id, parent_id, root_id, depth, \
                 body_markdown, body_html, status, created_at) \
             SELECT $3 + n.g, a.id, au.user_id, \
                 CASE WHEN n.g % $4 % 4 = 0 THEN NULL ELSE $3 + n.g - n.g % $4 % 4 END, \
                 $3 + n.g - n.g % $4 % 4, \
                 CASE WHEN n.g % $4 % 4 = 0 THEN 0 ELSE 1 END, \
                 b.body_markdown, b.body_html, 'published', \
                 a.published_at + (n.g % $4) * 1000000 \
             FROM n \
             JOIN articles a ON a.slug = $5 || '-' || (n.g / $4) \
             JOIN generated_bodies b ON b.k = n.g % $6 \
             JOIN generated_authors au ON au.k = n.g % $7";
        // Every generated comment is published: each article counts exactly its share.
        const COUNTS: &str = "WITH RECURSIVE n(i) AS (SELECT CAST(0 AS BIGINT) \
                 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $3) \
             UPDATE articles SET comment_count = comment_count + $2, \
                 discussion_version = discussion_version + 1 \
             WHERE slug IN (SELECT $1 || '-' || n.i FROM n)";
        const DROP: &str = "DROP TABLE generated_bodies; DROP TABLE generated_authors";
        const SEQUENCE: &str = "SELECT setval(pg_get_serial_sequence('comments', 'id'), \
             (SELECT MAX(id) FROM comments))";
        // PostgreSQL keeps every secondary index of the comments up to date row by row: dropped
        // first and built again once the rows are in, a million comments take 59 s rather than
        // 75. The definitions are read from the catalogue, so the migrations stay the one
        // place that says what the indexes are.
        const SECONDARY_INDEXES: &str = "SELECT indexrelid::regclass::text, \
                 pg_get_indexdef(indexrelid) \
             FROM pg_index WHERE indrelid = 'comments'::regclass \
                 AND NOT indisprimary AND NOT indisunique";
        // The generated rows refer to one another by construction, yet PostgreSQL checks
        // each of their foreign keys row by row: two thirds of the time of the million
        // events. A superuser may skip those checks for the bulk inserts (replica mode, as
        // when a replica applies rows already checked); anyone else has them checked.
        const SUPERUSER: &str = "SELECT current_setting('is_superuser') = 'on'";
        const CHECKS_OFF: &str = "SET LOCAL session_replication_role = replica";
        const CHECKS_ON: &str = "SET LOCAL session_replication_role = origin";

        let total = site.articles * site.comments_per_article;
        let bodies = i64::try_from(site.bodies.len()).unwrap_or(i64::MAX);
        let authors = i64::try_from(site.author_ids.len()).unwrap_or(i64::MAX);
        if total == 0 || bodies == 0 || authors == 0 {
            return Ok(0);
        }
        let mut import = self.begin_import().await?;
        let postgres = matches!(import.tx, ImportTx::Postgres(_));
        let mut rebuilt: Vec<(String, String)> = Vec::new();
        if let ImportTx::Postgres(tx) = &mut import.tx {
            rebuilt = sqlx::query_as(SECONDARY_INDEXES)
                .fetch_all(&mut **tx)
                .await?;
            for (index, _) in &rebuilt {
                sqlx::query(AssertSqlSafe(format!("DROP INDEX {index}")))
                    .execute(&mut **tx)
                    .await?;
            }
        }
        crate::imports::in_import!(import, |tx| {
            sqlx::query(BODIES).execute(&mut *tx).await?;
            sqlx::query(AUTHORS).execute(&mut *tx).await?;
            for (k, (markdown, html)) in (0_i64..).zip(site.bodies) {
                sqlx::query(BODY)
                    .bind(k)
                    .bind(markdown)
                    .bind(html)
                    .execute(&mut *tx)
                    .await?;
            }
            for (k, user_id) in (0_i64..).zip(site.author_ids) {
                sqlx::query(AUTHOR)
                    .bind(k)
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query(ARTICLES)
                .bind(site.template_article_id)
                .bind(site.articles)
                .bind(site.prefix)
                .execute(&mut *tx)
                .await?;
            let first_id: i64 = sqlx::query_scalar(FIRST_ID).fetch_one(&mut *tx).await?;
            let unchecked = postgres && sqlx::query_scalar(SUPERUSER).fetch_one(&mut *tx).await?;
            // Numbered in one statement once written (see `created_events_off!`): the
            // trigger would give a statement's comments one number, and on PostgreSQL its
            // writes to the article row (until migration 0024, one per comment) made a
            // hundred versions of each row in one transaction, each found by walking the
            // ones before it.
            let created_events = created_events_off!(tx, postgres);
            if unchecked {
                sqlx::query(CHECKS_OFF).execute(&mut *tx).await?;
            }
            let mut from = 0;
            while from < total {
                let to = (from + COMMENTS_PER_STATEMENT).min(total);
                sqlx::query(COMMENTS)
                    .bind(from)
                    .bind(to)
                    .bind(first_id)
                    .bind(site.comments_per_article)
                    .bind(site.prefix)
                    .bind(bodies)
                    .bind(authors)
                    .execute(&mut *tx)
                    .await?;
                from = to;
            }
            number_created_events!(tx, created_events, first_id);
            if unchecked {
                sqlx::query(CHECKS_ON).execute(&mut *tx).await?;
            }
            sqlx::query(COUNTS)
                .bind(site.prefix)
                .bind(site.comments_per_article)
                .bind(site.articles)
                .execute(&mut *tx)
                .await?;
            sqlx::raw_sql(DROP).execute(&mut *tx).await?;
        });
        if let ImportTx::Postgres(tx) = &mut import.tx {
            for (_, definition) in rebuilt {
                sqlx::query(AssertSqlSafe(definition))
                    .execute(&mut **tx)
                    .await?;
            }
            // Rows written with their ids leave the identity's sequence behind.
            sqlx::query(SEQUENCE).execute(&mut **tx).await?;
        }
        import.commit().await?;
        self.analyze().await?;
        Ok(total)
    }
}
