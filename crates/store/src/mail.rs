//! The outbox: email waiting to be sent, claimed by one node at a time, retried with backoff,
//! swept some days after it was sent.
//!
//! Invariant: a message is written in the same transaction as the change it tells of (use
//! [`enqueue_mail!`] inside another write transaction), and sent by whichever node claims it
//! first: a claim is one `UPDATE … RETURNING` that sets a lease (`claimed_until`), so nodes
//! sharing a PostgreSQL database never send a message twice.

use time::OffsetDateTime;
use tribune_domain::Mail;

use crate::{Result, Store, micros, with_pool, with_tx};

/// A message claimed for sending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedMail {
    pub id: i64,
    /// Attempts so far, this one included.
    pub attempts: i64,
    pub mail: Mail,
}

/// Puts a message in the outbox inside transaction `$tx`, due at once; evaluates to its id.
/// For use cases whose change and mail must be written together (a notification and its
/// email): call it from the store method that writes the change.
macro_rules! enqueue_mail {
    ($tx:ident, $mail:expr, $now:expr) => {{
        let mail: &tribune_domain::Mail = $mail;
        let now: i64 = $crate::micros($now);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO outbox (recipient, subject, body_text, body_html, unsubscribe_url, \
             created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
        )
        .bind(&mail.to)
        .bind(&mail.subject)
        .bind(&mail.text)
        .bind(mail.html.as_deref())
        .bind(mail.unsubscribe_url.as_deref())
        .bind(now)
        .fetch_one(&mut *$tx)
        .await?;
        id
    }};
}
pub(crate) use enqueue_mail;

#[derive(sqlx::FromRow)]
struct OutboxRow {
    id: i64,
    recipient: String,
    subject: String,
    body_text: String,
    body_html: Option<String>,
    unsubscribe_url: Option<String>,
    attempts: i64,
}

impl From<OutboxRow> for QueuedMail {
    fn from(row: OutboxRow) -> Self {
        QueuedMail {
            id: row.id,
            attempts: row.attempts,
            mail: Mail {
                to: row.recipient,
                subject: row.subject,
                text: row.body_text,
                html: row.body_html,
                unsubscribe_url: row.unsubscribe_url,
            },
        }
    }
}

impl Store {
    /// Puts a message in the outbox, due at once; returns its id.
    pub async fn enqueue_mail(&self, mail: &Mail, now: OffsetDateTime) -> Result<i64> {
        Ok(with_tx!(self, |tx| enqueue_mail!(tx, mail, now)))
    }

    /// Claims up to `limit` messages due at `now` for this node until `lease_until`, and
    /// counts an attempt on each.
    ///
    /// The claim conditions stand both in the subquery and in the outer `WHERE`: when two
    /// nodes pick the same rows, PostgreSQL makes the second `UPDATE` wait for the first and
    /// then re-checks the outer conditions on the row as the first left it (leased), so the
    /// second skips it. SQLite runs one write at a time.
    pub async fn claim_mail(
        &self,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
        limit: i64,
    ) -> Result<Vec<QueuedMail>> {
        let rows: Vec<OutboxRow> = with_pool!(self, |pool| {
            sqlx::query_as(
                "UPDATE outbox SET claimed_until = $2, attempts = attempts + 1 \
                 WHERE id IN (SELECT id FROM outbox WHERE next_attempt_at <= $1 \
                    AND (claimed_until IS NULL OR claimed_until <= $1) \
                    ORDER BY next_attempt_at, id LIMIT $3) \
                 AND next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1) \
                 RETURNING id, recipient, subject, body_text, body_html, unsubscribe_url, attempts",
            )
            .bind(micros(now))
            .bind(micros(lease_until))
            .bind(limit)
            .fetch_all(pool)
            .await?
        });
        let mut claimed: Vec<QueuedMail> = rows.into_iter().map(QueuedMail::from).collect();
        claimed.sort_by_key(|m| m.id);
        Ok(claimed)
    }

    pub async fn mark_mail_sent(&self, id: i64, now: OffsetDateTime) -> Result<()> {
        with_pool!(self, |pool| {
            sqlx::query(
                "UPDATE outbox SET sent_at = $2, next_attempt_at = NULL, claimed_until = NULL, \
                 last_error = NULL WHERE id = $1",
            )
            .bind(id)
            .bind(micros(now))
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Records a failed attempt: the message is due again at `retry_at`, or given up for good
    /// when that is `None` (the row stays, with its error, for the operator).
    pub async fn mark_mail_failed(
        &self,
        id: i64,
        error: &str,
        retry_at: Option<OffsetDateTime>,
    ) -> Result<()> {
        with_pool!(self, |pool| {
            sqlx::query(
                "UPDATE outbox SET last_error = $2, next_attempt_at = $3, claimed_until = NULL \
                 WHERE id = $1",
            )
            .bind(id)
            .bind(error)
            .bind(retry_at.map(micros))
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Removes messages sent before `before`; returns how many.
    pub async fn sweep_sent_mail(&self, before: OffsetDateTime) -> Result<u64> {
        with_pool!(self, |pool| {
            Ok(sqlx::query("DELETE FROM outbox WHERE sent_at < $1")
                .bind(micros(before))
                .execute(pool)
                .await?
                .rows_affected())
        })
    }
}
