//! Moderation: the signals the assessment reads, the queues, moderators' decisions with
//! their audit entries, readers' reports, bans and trust, full-text search, and the site's
//! trained model.
//!
//! Invariant: every moderator's action is written in the same transaction as its audit
//! entry, so the log never misses or invents an action.

use time::OffsetDateTime;
use tribune_assess::Assessment;
use tribune_domain::moderation::{Action, Report};
use tribune_domain::{Comment, CommentPolicy, CommentStatus};

use crate::comments::{CommentRow, count_change};
use crate::{Error, Result, Store, from_micros, micros, with_pool, with_tx};

/// One line of the audit log, to write: who did what to which target, and the state before
/// and after (JSON objects).
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub actor_id: Option<i64>,
    pub action: Action,
    /// `comment`, `article` or `user`.
    pub target_kind: &'static str,
    pub target_id: i64,
    pub reason: String,
    pub before: serde_json::Value,
    pub after: serde_json::Value,
    pub at: OffsetDateTime,
}

impl AuditEntry {
    /// An action by the operator (command line, tests), not by an account.
    pub fn operator(action: Action, target_kind: &'static str, target_id: i64) -> Self {
        Self {
            actor_id: None,
            action,
            target_kind,
            target_id,
            reason: String::new(),
            before: serde_json::Value::Null,
            after: serde_json::Value::Null,
            at: OffsetDateTime::now_utc(),
        }
    }
}

/// One line of the audit log, as read back for administrators.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRecord {
    pub id: i64,
    pub actor_id: Option<i64>,
    pub actor_name: Option<String>,
    pub action: String,
    pub target_kind: String,
    pub target_id: i64,
    pub reason: String,
    pub before: String,
    pub after: String,
    pub at: OffsetDateTime,
}

/// Writes an audit entry inside transaction `$tx`.
macro_rules! audit {
    ($tx:ident, $entry:expr) => {{
        let entry: &$crate::moderation::AuditEntry = $entry;
        sqlx::query(
            "INSERT INTO moderation_log (actor_id, action, target_kind, target_id, reason, \
             before, after, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(entry.actor_id)
        .bind(entry.action.as_str())
        .bind(entry.target_kind)
        .bind(entry.target_id)
        .bind(&entry.reason)
        .bind(entry.before.to_string())
        .bind(entry.after.to_string())
        .bind($crate::micros(entry.at))
        .execute(&mut *$tx)
        .await?;
    }};
}
pub(crate) use audit;

/// What the screening of a new comment asks about its author and the recent comments.
#[derive(Debug, Clone, Copy)]
pub struct PostingQuery<'a> {
    pub author_id: i64,
    pub address_hash: Option<&'a str>,
    /// The new comment's exact fingerprint.
    pub exact_hash: i64,
    /// When the recent window opened.
    pub since: OffsetDateTime,
    /// Where each recent count stops: one address can post thousands of comments in a
    /// window, and every comment reads these.
    pub counted_up_to: i64,
    /// How many of the latest fingerprints to return.
    pub fingerprints: i64,
    /// Only the fingerprints of comments after this one, when the caller keeps those before
    /// it (see [`PostingHistory::newest_comment_id`]); `None`: the latest since the window
    /// opened.
    pub fingerprints_after: Option<i64>,
}

/// What an author's record and recent activity say, for the assessment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostingHistory {
    pub published: i64,
    pub rejected: i64,
    /// Reports readers made against the author's comments.
    pub reports_against: i64,
    /// Comments by the author since the window opened (counted up to the query's limit, as
    /// are the next two).
    pub recent_by_author: i64,
    /// Comments from the same address since the window opened.
    pub recent_by_address: i64,
    /// Comments by anyone with exactly the same normalized text since the window opened.
    pub exact_duplicates: i64,
    /// The near-duplicate fingerprints of the latest comments by anyone since the window
    /// opened, newest first; or, when [`PostingQuery::fingerprints_after`] is given, of the
    /// latest after that comment, window or not (its caller keeps the window).
    pub recent_fingerprints: Vec<RecentFingerprint>,
    /// The newest comment when this was read, fingerprinted or not: a caller that keeps
    /// the fingerprints reads only those after it next time.
    pub newest_comment_id: i64,
}

/// A recent comment's near-duplicate fingerprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecentFingerprint {
    pub comment_id: i64,
    pub created_at: OffsetDateTime,
    pub simhash: i64,
}

/// Which comments a moderation queue lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Queue {
    /// Waiting for a decision, riskiest first.
    Held,
    /// With at least `min_reports` unresolved reports (or one urgent one), most reported first.
    Reported { min_reports: i64 },
    /// Published recently, riskiest first among the newest.
    Recent,
    /// Rejected, newest first.
    Rejected,
    /// Every comment, newest first (with an article filter: its whole discussion).
    All,
}

/// A queue with its filters.
#[derive(Debug, Clone)]
pub struct QueueQuery {
    pub queue: Queue,
    pub article_id: Option<i64>,
    pub author_id: Option<i64>,
    /// Only comments whose assessment gave this reason code.
    pub reason: Option<String>,
    pub limit: i64,
}

/// A comment as moderators see it: with its article, its assessment and its open reports.
#[derive(Debug, Clone)]
pub struct QueueEntry {
    pub comment: Comment,
    pub article_slug: String,
    pub article_headline: String,
    pub assessment: Option<Assessment>,
    pub risk: f64,
    pub open_reports: i64,
    pub reports: Vec<ReportRecord>,
}

/// A reader's report, as moderators see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRecord {
    pub reason: String,
    pub details: String,
    pub reporter_name: String,
    pub at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    #[sqlx(flatten)]
    comment: CommentRow,
    slug: String,
    headline: String,
    assessment: Option<String>,
    risk: f64,
    open_reports: i64,
}

impl EntryRow {
    /// The entry, with its assessment read back (a stored assessment that no longer parses
    /// is shown as none rather than failing the queue).
    fn into_entry(self, reports: Vec<ReportRecord>) -> Result<QueueEntry> {
        let assessment = self
            .assessment
            .as_deref()
            .and_then(|json| serde_json::from_str(json).ok());
        Ok(QueueEntry {
            comment: self.comment.try_into()?,
            article_slug: self.slug,
            article_headline: self.headline,
            assessment,
            risk: self.risk,
            open_reports: self.open_reports,
            reports,
        })
    }
}

macro_rules! entry_select {
    () => {
        concat!(
            "SELECT ",
            crate::comments::columns!(),
            ", a.slug, a.headline, c.assessment, c.risk, c.open_reports",
            crate::comments::from_comments!(),
            "JOIN articles a ON a.id = c.article_id "
        )
    };
}

impl Store {
    /// The author's record, and what was posted recently by them, from their address, with
    /// the same text, and by anyone. One statement: every comment posted reads it, and each
    /// statement is a hand-off to SQLite's thread and back. The fingerprints come as one
    /// comma-separated list (`id:created_at:simhash`) for the same reason.
    pub async fn posting_history(&self, query: &PostingQuery<'_>) -> Result<PostingHistory> {
        /// The statement, reading the recent fingerprints `WHERE $recent ORDER BY $order`.
        /// The author's published and rejected comments are counted in one walk of their
        /// comments, which only an index led by the author can give. Counted as two ranges
        /// (`author_id = $1 AND status = 'rejected'`), the plan PostgreSQL keeps for any
        /// values (below) took the index led by the status whenever its statistics had seen
        /// few rejected comments, and walked every rejected comment of the site for each one
        /// posted: 22 ms after 20,000 were rejected on 1,000,000, fewer than make it analyze
        /// the table again. The counts by address and by text compare `(hash, created_at)`
        /// as one row value: only their own index can take it. Written as two conditions,
        /// PostgreSQL's planner took the time index instead during a burst (its statistics
        /// put a handful of comments in the last ten minutes, not thousands) and read every
        /// recent comment for each one posted.
        macro_rules! posting_history_sql {
            ($recent:literal, $order:literal) => {
                concat!(
                    "SELECT author.published, author.rejected, \
                     (SELECT COUNT(*) FROM comment_reports r JOIN comments c ON c.id = r.comment_id \
                      WHERE c.author_id = $1), \
                     (SELECT COUNT(*) FROM (SELECT 1 FROM comments \
                      WHERE author_id = $1 AND created_at >= $4 LIMIT $5) AS by_author), \
                     (SELECT COUNT(*) FROM (SELECT 1 FROM comments WHERE address_hash = $2 \
                      AND (address_hash, created_at) >= ($2, $4) LIMIT $5) AS by_address), \
                     (SELECT COUNT(*) FROM (SELECT 1 FROM comments WHERE exact_hash = $3 \
                      AND (exact_hash, created_at) >= ($3, $4) LIMIT $5) AS copies), \
                     (SELECT string_agg(CAST(id AS TEXT) || ':' || CAST(created_at AS TEXT) \
                          || ':' || CAST(simhash AS TEXT), ',') \
                      FROM (SELECT id, created_at, simhash FROM comments WHERE ",
                    $recent,
                    " AND simhash IS NOT NULL ORDER BY ",
                    $order,
                    " DESC LIMIT $6) AS recent), \
                     (SELECT COALESCE(MAX(id), 0) FROM comments) \
                     FROM (SELECT COUNT(*) FILTER (WHERE status = 'published') AS published, \
                     COUNT(*) FILTER (WHERE status = 'rejected') AS rejected \
                     FROM comments WHERE author_id = $1) AS author"
                )
            };
        }
        // The latest of the window, through the time index; or only the few written since
        // the caller's newest, through the primary key (the caller drops what is past the
        // window).
        const LATEST: &str = posting_history_sql!("created_at >= $4", "created_at");
        const AFTER: &str = posting_history_sql!("id > $7", "id");
        type Row = (i64, i64, i64, i64, i64, i64, Option<String>, i64);
        // PostgreSQL plans a prepared statement for its values five times, then keeps one
        // plan for any values if that looks no dearer; otherwise it plans it again at every
        // use. Planning this statement costs more than running it (0.5-1 ms), and it runs
        // for every comment posted. PostgreSQL keeps a plan for both forms, and the right
        // one: the index of fingerprinted comments (migration 0022) gives the fingerprints
        // after a comment newest first whatever the values, and the author's record walks
        // the author's comments whatever the statistics say of rejected ones (above).
        // Without that index it planned the AFTER form for every comment.
        let row: Row = with_pool!(self, |pool| {
            let statement = sqlx::query_as(match query.fingerprints_after {
                Some(_) => AFTER,
                None => LATEST,
            })
            .bind(query.author_id)
            .bind(query.address_hash)
            .bind(query.exact_hash)
            .bind(micros(query.since))
            .bind(query.counted_up_to)
            .bind(query.fingerprints);
            // PostgreSQL refuses a parameter the statement does not read.
            match query.fingerprints_after {
                Some(after) => statement.bind(after),
                None => statement,
            }
            .fetch_one(pool)
            .await?
        });
        let recent_fingerprints = row
            .6
            .as_deref()
            .unwrap_or("")
            .split(',')
            .filter(|s| !s.is_empty())
            .map(parse_recent_fingerprint)
            .collect::<Result<_>>()?;
        Ok(PostingHistory {
            published: row.0,
            rejected: row.1,
            reports_against: row.2,
            recent_by_author: row.3,
            recent_by_address: row.4,
            exact_duplicates: row.5,
            recent_fingerprints,
            newest_comment_id: row.7,
        })
    }

    /// A page of a moderation queue, with each comment's open reports.
    pub async fn queue(&self, query: &QueueQuery) -> Result<Vec<QueueEntry>> {
        // Each queue: which comments, and in what order.
        const HELD: (&str, &str) = ("c.status = 'held'", "c.risk DESC, c.id");
        const REPORTED: (&str, &str) = (
            "c.open_reports > 0 AND (c.open_reports >= $5 OR EXISTS (SELECT 1 FROM \
             comment_reports r WHERE r.comment_id = c.id AND r.resolved_at IS NULL \
             AND r.reason = 'illegal'))",
            "c.open_reports DESC, c.id DESC",
        );
        const RECENT: (&str, &str) = (
            "c.status = 'published' AND c.id IN (SELECT id FROM comments \
             WHERE status = 'published' ORDER BY id DESC LIMIT 500)",
            "c.risk DESC, c.id DESC",
        );
        const REJECTED: (&str, &str) = ("c.status = 'rejected'", "c.id DESC");
        const ALL: (&str, &str) = ("TRUE", "c.id DESC");
        let reason = match &query.reason {
            Some(code) => format!("%\"code\":\"{}\"%", code.replace(['%', '"', '\\'], "")),
            None => "%".to_owned(),
        };
        let ((which, order), min_reports) = match query.queue {
            Queue::Held => (HELD, None),
            Queue::Reported { min_reports } => (REPORTED, Some(min_reports)),
            Queue::Recent => (RECENT, None),
            Queue::Rejected => (REJECTED, None),
            Queue::All => (ALL, None),
        };
        // The filters are written for those asked: one statement for all, with
        // `($1 = 0 OR c.article_id = $1)`, kept both planners from using an index for either,
        // and a queue of one article or one author took 100 ms on 1,000,000 comments. One not
        // asked still names its parameter (`$1 = 0`, bound to 0), so all are bound alike:
        // `$1` article, `$2` author, `$3` reason pattern (`%` for any), `$4` limit.
        let article = match query.article_id {
            Some(id) if id != 0 => "c.article_id = $1",
            _ => "$1 = 0",
        };
        let author = match query.author_id {
            Some(id) if id != 0 => "c.author_id = $2",
            _ => "$2 = 0",
        };
        // Assembled from the constants above only; every value is bound.
        let sql = format!(
            "{}WHERE {which} AND {article} AND {author} \
             AND COALESCE(c.assessment, '') LIKE $3 AND c.deleted_at IS NULL \
             ORDER BY {order} LIMIT $4",
            entry_select!()
        );
        let rows: Vec<EntryRow> = with_pool!(self, |pool| {
            let q = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .bind(query.article_id.unwrap_or(0))
                .bind(query.author_id.unwrap_or(0))
                .bind(&reason)
                .bind(query.limit);
            let q = match min_reports {
                Some(min) => q.bind(min),
                None => q,
            };
            q.fetch_all(pool).await?
        });
        let mut entries = Vec::with_capacity(rows.len());
        for row in rows {
            let reports = if row.open_reports > 0 {
                self.open_reports(row.comment.id).await?
            } else {
                Vec::new()
            };
            entries.push(row.into_entry(reports)?);
        }
        Ok(entries)
    }

    /// One comment as moderators see it.
    pub async fn queue_entry(&self, comment_id: i64) -> Result<Option<QueueEntry>> {
        const SQL: &str = concat!(entry_select!(), "WHERE c.id = $1");
        let row: Option<EntryRow> = with_pool!(self, |pool| {
            sqlx::query_as(SQL)
                .bind(comment_id)
                .fetch_optional(pool)
                .await?
        });
        let Some(row) = row else { return Ok(None) };
        let reports = self.open_reports(row.comment.id).await?;
        Ok(Some(row.into_entry(reports)?))
    }

    /// The stored assessments of these comments.
    pub async fn assessments(&self, ids: &[i64]) -> Result<Vec<(i64, Assessment)>> {
        let mut found = Vec::new();
        // In chunks, as one statement per comment would be slow and one statement for a
        // whole page cannot bind a list portably.
        for chunk in ids.chunks(50) {
            let list = chunk
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(",");
            let sql = format!(
                "SELECT id, assessment FROM comments WHERE id IN ({list}) AND assessment IS NOT NULL"
            );
            let rows: Vec<(i64, String)> = with_pool!(self, |pool| {
                sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                    .fetch_all(pool)
                    .await?
            });
            for (id, json) in rows {
                if let Ok(assessment) = serde_json::from_str(&json) {
                    found.push((id, assessment));
                }
            }
        }
        Ok(found)
    }

    /// How many comments wait in each queue: (held, reported).
    pub async fn queue_counts(&self, min_reports: i64) -> Result<(i64, i64)> {
        with_pool!(self, |pool| {
            Ok(sqlx::query_as(
                "SELECT (SELECT COUNT(*) FROM comments WHERE status = 'held' \
                 AND deleted_at IS NULL), \
                 (SELECT COUNT(*) FROM comments WHERE open_reports >= $1 AND deleted_at IS NULL)",
            )
            .bind(min_reports)
            .fetch_one(pool)
            .await?)
        })
    }

    async fn open_reports(&self, comment_id: i64) -> Result<Vec<ReportRecord>> {
        let rows: Vec<(String, String, String, i64)> = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT r.reason, r.details, u.display_name, r.created_at FROM comment_reports r \
                 JOIN users u ON u.id = r.reporter_id \
                 WHERE r.comment_id = $1 AND r.resolved_at IS NULL ORDER BY r.id",
            )
            .bind(comment_id)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter()
            .map(|(reason, details, reporter_name, at)| {
                Ok(ReportRecord {
                    reason,
                    details,
                    reporter_name,
                    at: from_micros(at)?,
                })
            })
            .collect()
    }

    /// A moderator's decision on a comment: its new status (with the reason the author sees
    /// when rejected); its open reports are resolved and the article's count follows.
    pub async fn decide(
        &self,
        comment: &Comment,
        status: CommentStatus,
        rejection_reason: Option<&str>,
        entry: &AuditEntry,
    ) -> Result<Comment> {
        const UPDATE: &str = "UPDATE comments SET status = $2, rejection_reason = $3, \
             moderated_at = $4, moderated_by = $5, open_reports = 0 WHERE id = $1";
        const RESOLVE: &str = "UPDATE comment_reports SET resolved_at = $2 \
             WHERE comment_id = $1 AND resolved_at IS NULL";
        const COUNT: &str = "UPDATE articles SET comment_count = comment_count + $2, \
             discussion_version = discussion_version + 1 WHERE id = $1";
        let change = count_change(comment, status);
        with_tx!(self, |tx| {
            sqlx::query(UPDATE)
                .bind(comment.id)
                .bind(status.as_str())
                .bind(rejection_reason)
                .bind(micros(entry.at))
                .bind(entry.actor_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query(RESOLVE)
                .bind(comment.id)
                .bind(micros(entry.at))
                .execute(&mut *tx)
                .await?;
            sqlx::query(COUNT)
                .bind(comment.article_id)
                .bind(change)
                .execute(&mut *tx)
                .await?;
            audit!(tx, entry);
        });
        self.comment(comment.id).await?.ok_or(Error::NotFound)
    }

    /// Resolves a comment's open reports without changing it.
    pub async fn dismiss_reports(&self, comment_id: i64, entry: &AuditEntry) -> Result<()> {
        with_tx!(self, |tx| {
            sqlx::query(
                "UPDATE comment_reports SET resolved_at = $2 \
                 WHERE comment_id = $1 AND resolved_at IS NULL",
            )
            .bind(comment_id)
            .bind(micros(entry.at))
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE comments SET open_reports = 0 WHERE id = $1")
                .bind(comment_id)
                .execute(&mut *tx)
                .await?;
            audit!(tx, entry);
        });
        Ok(())
    }

    /// Sets or clears a comment's public moderator note, or its featured mark.
    pub async fn annotate_comment(
        &self,
        comment: &Comment,
        note: Option<Option<&str>>,
        featured: Option<bool>,
        entry: &AuditEntry,
    ) -> Result<Comment> {
        with_tx!(self, |tx| {
            if let Some(note) = note {
                sqlx::query("UPDATE comments SET moderator_note = $2 WHERE id = $1")
                    .bind(comment.id)
                    .bind(note)
                    .execute(&mut *tx)
                    .await?;
            }
            if let Some(featured) = featured {
                sqlx::query("UPDATE comments SET featured_at = $2 WHERE id = $1")
                    .bind(comment.id)
                    .bind(featured.then(|| micros(entry.at)))
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query(
                "UPDATE articles SET discussion_version = discussion_version + 1 WHERE id = $1",
            )
            .bind(comment.article_id)
            .execute(&mut *tx)
            .await?;
            audit!(tx, entry);
        });
        self.comment(comment.id).await?.ok_or(Error::NotFound)
    }

    /// The featured comments of an article, in the order they were featured.
    pub async fn featured(&self, article_id: i64) -> Result<Vec<Comment>> {
        const SQL: &str = concat!(
            "SELECT ",
            crate::comments::columns!(),
            crate::comments::from_comments!(),
            "WHERE c.article_id = $1 AND c.featured_at IS NOT NULL AND c.status = 'published' \
             AND c.deleted_at IS NULL ORDER BY c.featured_at LIMIT 20"
        );
        let rows: Vec<CommentRow> = with_pool!(self, |pool| {
            sqlx::query_as(SQL).bind(article_id).fetch_all(pool).await?
        });
        rows.into_iter().map(Comment::try_from).collect()
    }

    /// Sets an article's moderator note (`Some`) and/or its comment policy (closing or
    /// reopening the discussion).
    pub async fn moderate_article(
        &self,
        article_id: i64,
        note: Option<Option<&str>>,
        policy: Option<CommentPolicy>,
        entry: &AuditEntry,
    ) -> Result<()> {
        with_tx!(self, |tx| {
            if let Some(note) = note {
                sqlx::query(
                    "UPDATE articles SET moderator_note = $2, \
                     discussion_version = discussion_version + 1 WHERE id = $1",
                )
                .bind(article_id)
                .bind(note)
                .execute(&mut *tx)
                .await?;
            }
            if let Some(policy) = policy {
                sqlx::query(
                    "UPDATE articles SET comment_policy = $2, \
                     discussion_version = discussion_version + 1 WHERE id = $1",
                )
                .bind(article_id)
                .bind(policy.as_str())
                .execute(&mut *tx)
                .await?;
            }
            audit!(tx, entry);
        });
        Ok(())
    }

    /// Bans an account until `until` (or lifts the ban with `None`); with `remove_comments`,
    /// rejects every comment of theirs that is not already rejected, with `reason`.
    pub async fn set_ban(
        &self,
        user_id: i64,
        until: Option<OffsetDateTime>,
        reason: &str,
        remove_comments: bool,
        entry: &AuditEntry,
    ) -> Result<i64> {
        let removed = with_tx!(self, |tx| {
            sqlx::query("UPDATE users SET banned_until = $2, ban_reason = $3 WHERE id = $1")
                .bind(user_id)
                .bind(until.map(micros))
                .bind(until.map(|_| reason))
                .execute(&mut *tx)
                .await?;
            let mut removed = 0;
            if remove_comments {
                // Recount each article the author published under, then reject.
                let counts: Vec<(i64, i64)> = sqlx::query_as(
                    "SELECT article_id, COUNT(*) FROM comments WHERE author_id = $1 \
                     AND status = 'published' AND deleted_at IS NULL GROUP BY article_id",
                )
                .bind(user_id)
                .fetch_all(&mut *tx)
                .await?;
                for (article_id, count) in counts {
                    sqlx::query(
                        "UPDATE articles SET comment_count = comment_count - $2, \
                         discussion_version = discussion_version + 1 WHERE id = $1",
                    )
                    .bind(article_id)
                    .bind(count)
                    .execute(&mut *tx)
                    .await?;
                }
                removed = sqlx::query(
                    "UPDATE comments SET status = 'rejected', rejection_reason = $2, \
                     moderated_at = $3, moderated_by = $4, open_reports = 0 \
                     WHERE author_id = $1 AND status <> 'rejected'",
                )
                .bind(user_id)
                .bind(reason)
                .bind(micros(entry.at))
                .bind(entry.actor_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                sqlx::query(
                    "UPDATE articles SET discussion_version = discussion_version + 1 \
                     WHERE id IN (SELECT DISTINCT article_id FROM comments WHERE author_id = $1)",
                )
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            }
            audit!(tx, entry);
            removed
        });
        Ok(i64::try_from(removed).unwrap_or(i64::MAX))
    }

    /// Marks an account trusted (skips pre-moderation) or not.
    pub async fn set_trusted(&self, user_id: i64, trusted: bool, entry: &AuditEntry) -> Result<()> {
        with_tx!(self, |tx| {
            sqlx::query("UPDATE users SET trusted_at = $2 WHERE id = $1")
                .bind(user_id)
                .bind(trusted.then(|| micros(entry.at)))
                .execute(&mut *tx)
                .await?;
            audit!(tx, entry);
        });
        Ok(())
    }

    /// Records a reader's report; a second report of the same comment by the same reader
    /// changes nothing. Returns the comment's open reports.
    pub async fn add_report(
        &self,
        comment_id: i64,
        reporter_id: i64,
        report: &Report,
        at: OffsetDateTime,
    ) -> Result<i64> {
        let open = with_tx!(self, |tx| {
            let added = sqlx::query(
                "INSERT INTO comment_reports (comment_id, reporter_id, reason, details, created_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (comment_id, reporter_id) DO NOTHING",
            )
            .bind(comment_id)
            .bind(reporter_id)
            .bind(report.reason.as_str())
            .bind(&report.details)
            .bind(micros(at))
            .execute(&mut *tx)
            .await?
            .rows_affected();
            let open: i64 = sqlx::query_scalar(
                "UPDATE comments SET open_reports = open_reports + $2 WHERE id = $1 \
                 RETURNING open_reports",
            )
            .bind(comment_id)
            .bind(i64::try_from(added).unwrap_or(0))
            .fetch_one(&mut *tx)
            .await?;
            open
        });
        Ok(open)
    }

    /// Comments whose text matches `query` (words, all required), newest first.
    pub async fn search_comments(&self, query: &str, limit: i64) -> Result<Vec<QueueEntry>> {
        const SQLITE: &str = concat!(
            entry_select!(),
            "WHERE c.id IN (SELECT rowid FROM comments_fts WHERE comments_fts MATCH $1) \
             ORDER BY c.id DESC LIMIT $2"
        );
        const POSTGRES: &str = concat!(
            entry_select!(),
            "WHERE c.search @@ plainto_tsquery('simple', $1) ORDER BY c.id DESC LIMIT $2"
        );
        let rows: Vec<EntryRow> = match self {
            Store::Sqlite(pool, writer, _) => {
                // What was written just now is indexed first: moderators find it. Should that
                // fail (an import holding the database past the busy timeout), the search
                // still answers from what is indexed.
                if let Err(e) = writer.catch_up().await {
                    tracing::warn!(error = %e, "searching without the newest comments");
                }
                // Each word as a quoted FTS5 string: readers' punctuation is never syntax.
                let phrase = query
                    .split_whitespace()
                    .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
                    .collect::<Vec<_>>()
                    .join(" ");
                if phrase.is_empty() {
                    return Ok(Vec::new());
                }
                sqlx::query_as(SQLITE)
                    .bind(phrase)
                    .bind(limit)
                    .fetch_all(pool)
                    .await?
            }
            Store::Postgres(pool, ..) => {
                sqlx::query_as(POSTGRES)
                    .bind(query)
                    .bind(limit)
                    .fetch_all(pool)
                    .await?
            }
        };
        rows.into_iter()
            .map(|row| row.into_entry(Vec::new()))
            .collect()
    }

    /// The audit log, newest first, before entry `before` (0 for the newest).
    pub async fn audit_log(&self, before: i64, limit: i64) -> Result<Vec<AuditRecord>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            actor_id: Option<i64>,
            actor_name: Option<String>,
            action: String,
            target_kind: String,
            target_id: i64,
            reason: String,
            before: String,
            after: String,
            created_at: i64,
        }
        let rows: Vec<Row> = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT l.id, l.actor_id, u.display_name AS actor_name, l.action, l.target_kind, \
                 l.target_id, l.reason, l.before, l.after, l.created_at \
                 FROM moderation_log l LEFT JOIN users u ON u.id = l.actor_id \
                 WHERE ($1 = 0 OR l.id < $1) ORDER BY l.id DESC LIMIT $2",
            )
            .bind(before)
            .bind(limit)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter()
            .map(|r| {
                Ok(AuditRecord {
                    id: r.id,
                    actor_id: r.actor_id,
                    actor_name: r.actor_name,
                    action: r.action,
                    target_kind: r.target_kind,
                    target_id: r.target_id,
                    reason: r.reason,
                    before: r.before,
                    after: r.after,
                    at: from_micros(r.created_at)?,
                })
            })
            .collect()
    }

    /// Records an action whose change is stored elsewhere in its own transaction (a role
    /// change).
    pub async fn record(&self, entry: &AuditEntry) -> Result<()> {
        with_tx!(self, |tx| {
            audit!(tx, entry);
        });
        Ok(())
    }

    /// Moderators' decisions as training examples: the text, and whether it was rejected
    /// (approved comments are `false`).
    pub async fn moderation_examples(&self, limit: i64) -> Result<Vec<(String, bool)>> {
        let rows: Vec<(String, String)> = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT body_markdown, status FROM comments WHERE moderated_by IS NOT NULL \
                 AND status IN ('published', 'rejected') ORDER BY id DESC LIMIT $1",
            )
            .bind(limit)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(text, status)| (text, status == "rejected"))
            .collect())
    }
}

/// One `id:created_at:simhash` of [`Store::posting_history`]'s list.
fn parse_recent_fingerprint(listed: &str) -> Result<RecentFingerprint> {
    let corrupt = || {
        Error::Corrupt(format!(
            "recent fingerprint `{listed}` is not id:time:simhash"
        ))
    };
    let mut parts = listed.split(':').map(str::parse::<i64>);
    let mut next = || parts.next().and_then(|part| part.ok()).ok_or_else(corrupt);
    let (comment_id, created_at, simhash) = (next()?, next()?, next()?);
    Ok(RecentFingerprint {
        comment_id,
        created_at: from_micros(created_at)?,
        simhash,
    })
}
