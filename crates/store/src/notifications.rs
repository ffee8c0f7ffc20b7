//! Notifications: each reader's inbox, their email preference, and the worker's passes that
//! write notifications from the durable logs comment changes and moderators' actions leave.
//!
//! Who is told what is decided here in SQL, against the comment's state at the moment of
//! writing (published and not deleted; never the reader's own action), so a pass that runs
//! late, twice, or on two nodes at once writes the same notifications once: every insert is
//! `ON CONFLICT DO NOTHING` on (recipient, kind, comment, cause).

use time::{Duration, OffsetDateTime};
use tribune_domain::Mail;
use tribune_domain::moderation::Action;
use tribune_domain::notification::{EmailPreference, NotificationKind};

use crate::mail::enqueue_mail;
use crate::{Error, Result, Store, from_micros, micros, with_pool, with_tx};

/// One notification as its recipient sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    pub id: i64,
    pub recipient_id: i64,
    pub kind: NotificationKind,
    pub comment_id: i64,
    pub article_slug: String,
    pub article_headline: String,
    /// Who replied or mentioned; for moderators' decisions, the moderator.
    pub actor_name: Option<String>,
    /// A moderator's reason or note.
    pub note: String,
    /// The comment's text as written; empty when it is gone.
    pub body_markdown: String,
    /// The comment was deleted, or is no longer shown to the recipient.
    pub gone: bool,
    pub created_at: OffsetDateTime,
    pub read_at: Option<OffsetDateTime>,
}

#[derive(sqlx::FromRow)]
struct NotificationRow {
    id: i64,
    recipient_id: i64,
    kind: String,
    comment_id: i64,
    slug: String,
    headline: String,
    actor_name: Option<String>,
    note: String,
    body_markdown: String,
    gone: bool,
    created_at: i64,
    read_at: Option<i64>,
}

impl TryFrom<NotificationRow> for Notification {
    type Error = Error;

    fn try_from(row: NotificationRow) -> Result<Self> {
        Ok(Notification {
            id: row.id,
            recipient_id: row.recipient_id,
            kind: NotificationKind::from_stored(&row.kind)
                .ok_or_else(|| Error::Corrupt(format!("notification kind {}", row.kind)))?,
            comment_id: row.comment_id,
            article_slug: row.slug,
            article_headline: row.headline,
            actor_name: row.actor_name,
            note: row.note,
            body_markdown: if row.gone {
                String::new()
            } else {
                row.body_markdown
            },
            gone: row.gone,
            created_at: from_micros(row.created_at)?,
            read_at: row.read_at.map(from_micros).transpose()?,
        })
    }
}

/// The columns of [`NotificationRow`] and their joins, aliased `n`. A comment is gone for its
/// recipient once deleted, or once no longer published unless it is their own (authors see
/// their held and rejected comments).
macro_rules! select_notifications {
    () => {
        "SELECT n.id, n.recipient_id, n.kind, n.comment_id, a.slug, a.headline, \
         u.display_name AS actor_name, n.note, c.body_markdown, \
         (c.deleted_at IS NOT NULL OR (c.status <> 'published' AND c.author_id <> n.recipient_id)) \
         AS gone, n.created_at, n.read_at \
         FROM notifications n JOIN comments c ON c.id = n.comment_id \
         JOIN articles a ON a.id = n.article_id LEFT JOIN users u ON u.id = n.actor_id "
    };
}

/// Removes, inside transaction `$tx`, the reply and mention notifications of comment `$id`
/// unless it is published (again by now): a deleted, rejected or held comment's
/// notifications leave the inbox, and their mail is not sent.
macro_rules! withdraw {
    ($tx:ident, $id:expr) => {
        sqlx::query(
            "DELETE FROM notifications WHERE comment_id = $1 AND kind IN ('reply', 'mention') \
             AND NOT EXISTS (SELECT 1 FROM comments WHERE id = $1 AND status = 'published' \
             AND deleted_at IS NULL)",
        )
        .bind($id)
        .execute(&mut *$tx)
        .await?
    };
}

/// How far the worker has read a log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub(crate) struct Cursor {
    pub last_id: i64,
    /// When a missing id right after `last_id` was first seen.
    pub gap_since: Option<i64>,
}

impl Cursor {
    /// Where the cursor moves after a pass read `ids` (ascending, all after `last_id`), at
    /// `now`. It moves over consecutive ids only: on PostgreSQL ids come from a sequence
    /// when a transaction inserts, not when it commits, so a missing id may be a transaction
    /// still running, whose entry would be skipped for good if the cursor moved past it.
    /// The entries after a gap are read (and written, idempotently) on every pass meanwhile;
    /// a gap still open after `grace` is a rolled-back transaction, and is passed.
    pub fn advance(self, ids: &[i64], now: i64, grace: Duration) -> Cursor {
        let grace = i64::try_from(grace.whole_microseconds()).unwrap_or(i64::MAX);
        let mut next = Cursor {
            last_id: self.last_id,
            gap_since: None,
        };
        let mut waiting_since = self.gap_since;
        for &id in ids {
            if id == next.last_id + 1 {
                next.last_id = id;
                waiting_since = None;
                continue;
            }
            match waiting_since {
                Some(since) if now.saturating_sub(since) >= grace => {
                    next.last_id = id;
                    waiting_since = None;
                }
                Some(since) => {
                    next.gap_since = Some(since);
                    break;
                }
                None => {
                    next.gap_since = Some(now);
                    break;
                }
            }
        }
        next
    }
}

/// Reads a log's cursor inside transaction `$tx`, taking its row lock on PostgreSQL (an
/// `UPDATE` that changes nothing), so one node at a time works through the log; SQLite's
/// `BEGIN IMMEDIATE` already serializes. `None` when the log has no cursor row.
macro_rules! take_cursor {
    ($tx:ident, $source:expr) => {{
        let cursor: Option<crate::notifications::Cursor> = sqlx::query_as(
            "UPDATE notification_progress SET last_id = last_id WHERE source = $1 \
             RETURNING last_id, gap_since",
        )
        .bind($source)
        .fetch_optional(&mut *$tx)
        .await?;
        cursor
    }};
}

macro_rules! move_cursor {
    ($tx:ident, $source:expr, $cursor:expr) => {{
        let cursor: crate::notifications::Cursor = $cursor;
        sqlx::query(
            "UPDATE notification_progress SET last_id = $2, gap_since = $3 WHERE source = $1",
        )
        .bind($source)
        .bind(cursor.last_id)
        .bind(cursor.gap_since)
        .execute(&mut *$tx)
        .await?;
    }};
}

/// A durable log the notification worker reads; each is written in the same transaction as
/// the change it records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotificationSource {
    /// `discussion_events`: comments becoming visible, edited or removed.
    DiscussionEvents,
    /// `moderation_log`: moderators' actions.
    ModerationLog,
}

impl NotificationSource {
    pub const ALL: [NotificationSource; 2] = [
        NotificationSource::DiscussionEvents,
        NotificationSource::ModerationLog,
    ];

    /// Its name in `notification_progress`.
    fn as_str(self) -> &'static str {
        match self {
            NotificationSource::DiscussionEvents => "discussion_events",
            NotificationSource::ModerationLog => "moderation_log",
        }
    }
}

/// Which pending notifications one email is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailClaim {
    /// One notification, mailed as it happens.
    One(i64),
    /// A reader's daily digest due at `moment`: every notification of theirs not mailed yet
    /// that arrived before it.
    Digest {
        recipient_id: i64,
        moment: OffsetDateTime,
    },
}

/// Who an email about notifications goes to.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MailRecipient {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    /// The language they read Tribune in (`None`: the site's).
    pub language: Option<String>,
}

/// What one pass of the worker over a log did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pass {
    /// Notifications written.
    pub notified: u64,
    /// Notifications taken back (their comment was removed).
    pub withdrawn: u64,
    /// The batch was full and the cursor moved: there may be more to read now.
    pub more: bool,
}

/// Moves the notification worker's cursors past everything written so far: history that
/// was restored, imported or generated notifies nobody (an import of ten years of comments
/// must not tell every author of every old reply). Run in the transaction that wrote it.
pub(crate) const PAST_HISTORY: &str = "UPDATE notification_progress SET gap_since = NULL, \
     last_id = CASE source \
       WHEN 'discussion_events' THEN (SELECT COALESCE(MAX(id), 0) FROM discussion_events) \
       WHEN 'moderation_log' THEN (SELECT COALESCE(MAX(id), 0) FROM moderation_log) \
       ELSE last_id END";

impl Store {
    /// A page of a reader's notifications, newest first, before notification `before` (0
    /// for the newest).
    pub async fn notifications(
        &self,
        recipient_id: i64,
        before: i64,
        limit: i64,
    ) -> Result<Vec<Notification>> {
        const SQL: &str = concat!(
            select_notifications!(),
            "WHERE n.recipient_id = $1 AND ($2 = 0 OR n.id < $2) ORDER BY n.id DESC LIMIT $3"
        );
        let rows: Vec<NotificationRow> = with_pool!(self, |pool| {
            sqlx::query_as(SQL)
                .bind(recipient_id)
                .bind(before)
                .bind(limit)
                .fetch_all(pool)
                .await?
        });
        rows.into_iter().map(Notification::try_from).collect()
    }

    pub async fn notification(&self, id: i64) -> Result<Option<Notification>> {
        const SQL: &str = concat!(select_notifications!(), "WHERE n.id = $1");
        let row: Option<NotificationRow> = with_pool!(self, |pool| {
            sqlx::query_as(SQL).bind(id).fetch_optional(pool).await?
        });
        row.map(Notification::try_from).transpose()
    }

    /// How many of a reader's notifications are unread: one look at a partial index.
    pub async fn unread_notifications(&self, recipient_id: i64) -> Result<i64> {
        with_pool!(self, |pool| {
            Ok(sqlx::query_scalar(
                "SELECT COUNT(*) FROM notifications WHERE recipient_id = $1 AND read_at IS NULL",
            )
            .bind(recipient_id)
            .fetch_one(pool)
            .await?)
        })
    }

    pub async fn mark_notification_read(&self, id: i64, at: OffsetDateTime) -> Result<()> {
        with_pool!(self, |pool| {
            sqlx::query("UPDATE notifications SET read_at = $2 WHERE id = $1 AND read_at IS NULL")
                .bind(id)
                .bind(micros(at))
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// Marks every notification of a reader read; returns how many were unread.
    pub async fn mark_all_notifications_read(
        &self,
        recipient_id: i64,
        at: OffsetDateTime,
    ) -> Result<u64> {
        with_pool!(self, |pool| {
            Ok(sqlx::query(
                "UPDATE notifications SET read_at = $2 WHERE recipient_id = $1 AND read_at IS NULL",
            )
            .bind(recipient_id)
            .bind(micros(at))
            .execute(pool)
            .await?
            .rows_affected())
        })
    }

    pub async fn email_preference(&self, user_id: i64) -> Result<EmailPreference> {
        let stored: Option<String> = with_pool!(self, |pool| {
            sqlx::query_scalar("SELECT notify_email FROM users WHERE id = $1")
                .bind(user_id)
                .fetch_optional(pool)
                .await?
        });
        stored
            .map(|s| EmailPreference::from_stored(&s))
            .ok_or(Error::NotFound)
    }

    /// Keeps the language a reader reads Tribune in (for the emails sent outside their
    /// requests).
    pub async fn set_reader_language(&self, user_id: i64, language: &str) -> Result<()> {
        with_pool!(self, |pool| {
            sqlx::query("UPDATE users SET language = $2 WHERE id = $1")
                .bind(user_id)
                .bind(language)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(())
    }

    pub async fn set_email_preference(
        &self,
        user_id: i64,
        preference: EmailPreference,
    ) -> Result<()> {
        let changed = with_pool!(self, |pool| {
            sqlx::query("UPDATE users SET notify_email = $2 WHERE id = $1")
                .bind(user_id)
                .bind(preference.as_str())
                .execute(pool)
                .await?
                .rows_affected()
        });
        if changed == 0 {
            return Err(Error::NotFound);
        }
        Ok(())
    }

    /// One pass of the notification worker over a log: reads at most `batch` entries after
    /// the log's cursor and writes the notifications they call for, in one transaction that
    /// holds the cursor, so nodes take turns.
    ///
    /// - From the discussions' event log: a comment that became visible (created, approved,
    ///   edited) notifies the author of the comment it answers, and everyone it mentions
    ///   (but for the author of that comment, already told of the reply); a comment that was
    ///   removed (deleted, rejected, held) withdraws those notifications.
    /// - From the audit log: a moderator's approval of a held comment, rejection (with the
    ///   reason) or edit (with the note) notifies the comment's author.
    ///
    /// Nobody is notified of their own action.
    pub async fn notify_from(
        &self,
        source: NotificationSource,
        now: OffsetDateTime,
        batch: i64,
        grace: Duration,
    ) -> Result<Pass> {
        #[derive(sqlx::FromRow)]
        struct Event {
            id: i64,
            comment_id: i64,
            kind: String,
        }
        #[derive(sqlx::FromRow)]
        struct Entry {
            id: i64,
            action: String,
            target_kind: String,
            target_id: i64,
            actor_id: Option<i64>,
            reason: String,
            before: String,
        }
        const READ_EVENTS: &str = "SELECT id, comment_id, kind FROM discussion_events \
             WHERE id > $1 ORDER BY id LIMIT $2";
        // A batch's replies and mentions, each in one statement over its events `$1..=$2`:
        // one statement per event held SQLite's write lock for a hand-off to its thread and
        // back each, 400 for a batch of 200, and under a burst of comments the writer waited
        // behind them (POST p99 over 400 ms). Each checks the comment's state now, as the
        // withdrawal does, so the order of a batch's events does not matter; a repeated
        // event is one more conflict, and an event a gap let in (see `Cursor::advance`) is
        // read again with the gap, to no effect.
        const REPLIES: &str = "INSERT INTO notifications (recipient_id, kind, comment_id, \
             article_id, actor_id, created_at) \
             SELECT p.author_id, 'reply', c.id, c.article_id, c.author_id, $3 \
             FROM discussion_events e JOIN comments c ON c.id = e.comment_id \
             JOIN comments p ON p.id = c.parent_id \
             WHERE e.id BETWEEN $1 AND $2 AND e.kind <> 'removed' \
             AND c.status = 'published' AND c.deleted_at IS NULL \
             AND p.deleted_at IS NULL AND p.author_id <> c.author_id \
             ON CONFLICT (recipient_id, kind, comment_id, source_id) DO NOTHING";
        const MENTIONS: &str = "INSERT INTO notifications (recipient_id, kind, comment_id, \
             article_id, actor_id, created_at) \
             SELECT m.user_id, 'mention', c.id, c.article_id, c.author_id, $3 \
             FROM discussion_events e JOIN comments c ON c.id = e.comment_id \
             JOIN comment_mentions m ON m.comment_id = c.id \
             WHERE e.id BETWEEN $1 AND $2 AND e.kind <> 'removed' \
             AND c.status = 'published' AND c.deleted_at IS NULL \
             AND m.user_id <> c.author_id AND m.user_id <> COALESCE((SELECT p.author_id \
             FROM comments p WHERE p.id = c.parent_id AND p.deleted_at IS NULL), 0) \
             ON CONFLICT (recipient_id, kind, comment_id, source_id) DO NOTHING";
        const READ_LOG: &str = "SELECT id, action, target_kind, target_id, actor_id, reason, \
             before FROM moderation_log WHERE id > $1 ORDER BY id LIMIT $2";
        // `$7`: the status the comment must have now for the notification to be true.
        const DECISION: &str = "INSERT INTO notifications (recipient_id, kind, comment_id, \
             article_id, actor_id, note, source_id, created_at) \
             SELECT c.author_id, $2, c.id, c.article_id, $3, $4, $5, $6 FROM comments c \
             WHERE c.id = $1 AND c.deleted_at IS NULL AND c.author_id <> COALESCE($3, 0) \
             AND ($7 = '' OR c.status = $7) \
             ON CONFLICT (recipient_id, kind, comment_id, source_id) DO NOTHING";
        // An idle site writes nothing: a look at the log's index first, outside any write
        // transaction (on SQLite, one would take the database's write lock).
        const NEW_EVENTS: &str = "SELECT EXISTS (SELECT 1 FROM discussion_events \
             WHERE id > (SELECT last_id FROM notification_progress WHERE source = $1))";
        const NEW_ENTRIES: &str = "SELECT EXISTS (SELECT 1 FROM moderation_log \
             WHERE id > (SELECT last_id FROM notification_progress WHERE source = $1))";
        let news = match source {
            NotificationSource::DiscussionEvents => NEW_EVENTS,
            NotificationSource::ModerationLog => NEW_ENTRIES,
        };
        let anything: bool = with_pool!(self, |pool| {
            sqlx::query_scalar(news)
                .bind(source.as_str())
                .fetch_one(pool)
                .await?
        });
        if !anything {
            return Ok(Pass::default());
        }
        let pass = with_tx!(self, |tx| {
            let Some(cursor) = take_cursor!(tx, source.as_str()) else {
                return Ok(Pass::default());
            };
            let mut notified = 0;
            let mut withdrawn = 0;
            let ids: Vec<i64> = match source {
                NotificationSource::DiscussionEvents => {
                    let events: Vec<Event> = sqlx::query_as(READ_EVENTS)
                        .bind(cursor.last_id)
                        .bind(batch)
                        .fetch_all(&mut *tx)
                        .await?;
                    if let (Some(first), Some(last)) = (events.first(), events.last()) {
                        for sql in [REPLIES, MENTIONS] {
                            notified += sqlx::query(sql)
                                .bind(first.id)
                                .bind(last.id)
                                .bind(micros(now))
                                .execute(&mut *tx)
                                .await?
                                .rows_affected();
                        }
                    }
                    for event in events.iter().filter(|e| e.kind == "removed") {
                        withdrawn += withdraw!(tx, event.comment_id).rows_affected();
                    }
                    events.iter().map(|e| e.id).collect()
                }
                NotificationSource::ModerationLog => {
                    let entries: Vec<Entry> = sqlx::query_as(READ_LOG)
                        .bind(cursor.last_id)
                        .bind(batch)
                        .fetch_all(&mut *tx)
                        .await?;
                    for entry in entries.iter().filter(|e| e.target_kind == "comment") {
                        let Some(action) = [Action::Approve, Action::Reject, Action::Edit]
                            .into_iter()
                            .find(|a| a.as_str() == entry.action)
                        else {
                            continue;
                        };
                        let was_published =
                            serde_json::from_str::<serde_json::Value>(&entry.before)
                                .ok()
                                .is_some_and(|before| before["status"] == "published");
                        let Some(kind) = NotificationKind::of_decision(action, was_published)
                        else {
                            continue;
                        };
                        let status_now = match kind {
                            NotificationKind::Approved => "published",
                            NotificationKind::Rejected => "rejected",
                            _ => "",
                        };
                        notified += sqlx::query(DECISION)
                            .bind(entry.target_id)
                            .bind(kind.as_str())
                            .bind(entry.actor_id)
                            .bind(&entry.reason)
                            .bind(entry.id)
                            .bind(micros(now))
                            .bind(status_now)
                            .execute(&mut *tx)
                            .await?
                            .rows_affected();
                    }
                    entries.iter().map(|e| e.id).collect()
                }
            };
            let next = cursor.advance(&ids, micros(now), grace);
            move_cursor!(tx, source.as_str(), next);
            Pass {
                notified,
                withdrawn,
                more: ids.len() >= usize::try_from(batch).unwrap_or(0)
                    && next.last_id > cursor.last_id,
            }
        });
        Ok(pass)
    }

    /// Notifications waiting for their own email (their readers want mail immediately, at a
    /// verified address), oldest first: `(notification, recipient)`.
    pub async fn immediate_mail(&self, limit: i64) -> Result<Vec<(i64, i64)>> {
        with_pool!(self, |pool| {
            Ok(sqlx::query_as(
                "SELECT n.id, n.recipient_id FROM notifications n \
                 JOIN users u ON u.id = n.recipient_id \
                 WHERE n.email_state = 'pending' AND u.notify_email = 'immediately' \
                 AND u.email_verified_at IS NOT NULL ORDER BY n.id LIMIT $1",
            )
            .bind(limit)
            .fetch_all(pool)
            .await?)
        })
    }

    /// Readers whose daily digest is due at `moment`: they want one (at a verified address),
    /// have notifications that arrived before it and were not mailed, and had no digest at
    /// that moment yet.
    pub async fn digests_due(&self, moment: OffsetDateTime, limit: i64) -> Result<Vec<i64>> {
        with_pool!(self, |pool| {
            Ok(sqlx::query_scalar(
                "SELECT DISTINCT n.recipient_id FROM notifications n \
                 JOIN users u ON u.id = n.recipient_id \
                 WHERE n.email_state = 'pending' AND n.created_at < $1 \
                 AND u.notify_email = 'daily' AND u.email_verified_at IS NOT NULL \
                 AND (u.last_digest_at IS NULL OR u.last_digest_at < $1) LIMIT $2",
            )
            .bind(micros(moment))
            .bind(limit)
            .fetch_all(pool)
            .await?)
        })
    }

    /// Whether any notification waits for its email (one look at a partial index).
    pub async fn mail_pending(&self) -> Result<bool> {
        with_pool!(self, |pool| {
            Ok(sqlx::query_scalar(
                "SELECT EXISTS (SELECT 1 FROM notifications WHERE email_state = 'pending')",
            )
            .fetch_one(pool)
            .await?)
        })
    }

    /// Marks as skipped the pending mail of readers who want none, or whose address is not
    /// verified (it may not be theirs), or everyone's (`everyone`, when the site sends no
    /// email), so it is never sent later in a burst.
    pub async fn skip_unwanted_mail(&self, everyone: bool) -> Result<u64> {
        with_pool!(self, |pool| {
            Ok(sqlx::query(
                "UPDATE notifications SET email_state = 'skipped' WHERE email_state = 'pending' \
                 AND ($1 OR recipient_id IN (SELECT id FROM users WHERE notify_email = 'never' \
                 OR email_verified_at IS NULL))",
            )
            .bind(everyone)
            .execute(pool)
            .await?
            .rows_affected())
        })
    }

    /// Claims the notifications `claim` names that still wait for mail, and queues the email
    /// that `compose` writes about them (those whose comment is gone are left out and marked
    /// skipped), all in one transaction: however many nodes try at once, each notification
    /// is mailed once, and never without being marked. `compose` may decline (`None`).
    /// Returns whether a mail was queued.
    pub async fn mail_notifications<F>(
        &self,
        claim: MailClaim,
        now: OffsetDateTime,
        compose: F,
    ) -> Result<bool>
    where
        F: FnOnce(&MailRecipient, &[Notification]) -> Option<Mail>,
    {
        const ONE: &str = concat!(
            select_notifications!(),
            "WHERE n.id = $1 AND n.email_state = 'pending'"
        );
        const DIGEST: &str = concat!(
            select_notifications!(),
            "WHERE n.recipient_id = $1 AND n.email_state = 'pending' AND n.created_at < $2 \
             ORDER BY n.id"
        );
        const TAKE_DIGEST: &str = "UPDATE users SET last_digest_at = $2 \
             WHERE id = $1 AND (last_digest_at IS NULL OR last_digest_at < $2)";
        const CLAIM: &str = "UPDATE notifications SET email_state = $2, emailed_at = $3 \
             WHERE id = $1 AND email_state = 'pending'";
        const RECIPIENT: &str = "SELECT id, email, display_name, language FROM users WHERE id = $1";
        let (sql, key, moment) = match claim {
            MailClaim::One(id) => (ONE, id, None),
            MailClaim::Digest {
                recipient_id,
                moment,
            } => (DIGEST, recipient_id, Some(micros(moment))),
        };
        let queued = with_tx!(self, |tx| {
            // A digest first takes its moment on the reader's row: a second node (or a second
            // pass) finds it taken and sends nothing.
            if let MailClaim::Digest { recipient_id, .. } = claim {
                let taken = sqlx::query(TAKE_DIGEST)
                    .bind(recipient_id)
                    .bind(moment)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if taken == 0 {
                    return Ok(false);
                }
            }
            let query = sqlx::query_as(sql).bind(key);
            // Only a digest reads `$2`; PostgreSQL refuses unused parameters.
            let query = match moment {
                Some(moment) => query.bind(moment),
                None => query,
            };
            let rows: Vec<NotificationRow> = query.fetch_all(&mut *tx).await?;
            let mut claimed = Vec::with_capacity(rows.len());
            for row in rows {
                let state = if row.gone { "skipped" } else { "sent" };
                let won = sqlx::query(CLAIM)
                    .bind(row.id)
                    .bind(state)
                    .bind(micros(now))
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if won == 1 && !row.gone {
                    claimed.push(Notification::try_from(row)?);
                }
            }
            let Some(first) = claimed.first() else {
                return Ok(false);
            };
            let recipient: MailRecipient = sqlx::query_as(RECIPIENT)
                .bind(first.recipient_id)
                .fetch_one(&mut *tx)
                .await?;
            match compose(&recipient, &claimed) {
                Some(mail) => {
                    enqueue_mail!(tx, &mail, now);
                    true
                }
                None => false,
            }
        });
        Ok(queued)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GRACE: Duration = Duration::seconds(60);
    const SECOND: i64 = 1_000_000;

    fn at(last_id: i64, gap_since: Option<i64>) -> Cursor {
        Cursor { last_id, gap_since }
    }

    #[test]
    fn the_cursor_moves_over_consecutive_ids() {
        assert_eq!(at(3, None).advance(&[4, 5, 6], 0, GRACE), at(6, None));
        assert_eq!(at(3, None).advance(&[], 0, GRACE), at(3, None));
    }

    #[test]
    fn the_cursor_waits_at_a_gap_then_passes_it() {
        let now = 1_000 * SECOND;
        // 5 is missing: wait, remembering since when.
        let waiting = at(3, None).advance(&[4, 6, 7], now, GRACE);
        assert_eq!(waiting, at(4, Some(now)));
        // Still missing a little later: keep waiting.
        assert_eq!(
            waiting.advance(&[6, 7], now + 10 * SECOND, GRACE),
            at(4, Some(now))
        );
        // It committed: move on.
        assert_eq!(
            waiting.advance(&[5, 6, 7], now + 10 * SECOND, GRACE),
            at(7, None)
        );
        // It never came (rolled back): pass it once the grace is over.
        assert_eq!(
            waiting.advance(&[6, 7, 9], now + 61 * SECOND, GRACE),
            at(7, Some(now + 61 * SECOND))
        );
    }
}
