//! Notifications: a reader's inbox and unread count, their email preference, and the worker
//! every node runs to write notifications from the durable logs (and to mail them).
//!
//! Only the recipient sees or marks a notification; to anyone else it does not exist.

use time::{Duration, OffsetDateTime};
use tribune_domain::notification::EmailPreference;
use tribune_store::{Notification, NotificationSource, Pass};

use crate::accounts::Viewer;
use crate::{Error, Result, Tribune};

/// Notifications per page of the inbox, unless asked otherwise (at most [`MAX_PAGE`]).
pub const PAGE_SIZE: usize = 30;
const MAX_PAGE: usize = 100;
/// Log entries a pass of the worker reads at most.
const BATCH: i64 = 200;
/// How long the worker waits at a missing log id before taking it for a rolled-back
/// transaction (see `Cursor::advance` in the store).
const GAP_GRACE: Duration = Duration::minutes(2);

/// One page of a reader's inbox.
#[derive(Debug, Clone)]
pub struct Inbox {
    pub items: Vec<Notification>,
    /// Pass as `before` for the next (older) page; `None` on the last page.
    pub next_before: Option<i64>,
    pub unread: i64,
}

impl Tribune {
    /// A page of the signed-in reader's notifications, newest first, older than `before`.
    pub async fn inbox(
        &self,
        viewer: &Viewer,
        before: Option<i64>,
        limit: Option<usize>,
    ) -> Result<Inbox> {
        let user = viewer.require_user()?;
        let limit = limit.unwrap_or(PAGE_SIZE).clamp(1, MAX_PAGE);
        let fetch = i64::try_from(limit + 1).unwrap_or(i64::MAX);
        let mut items = self
            .store()
            .notifications(user.id, before.unwrap_or(0).max(0), fetch)
            .await?;
        let next_before = if items.len() > limit {
            items.truncate(limit);
            items.last().map(|n| n.id)
        } else {
            None
        };
        let unread = self.store().unread_notifications(user.id).await?;
        Ok(Inbox {
            items,
            next_before,
            unread,
        })
    }

    /// How many notifications the signed-in reader has not read.
    pub async fn unread_notifications(&self, viewer: &Viewer) -> Result<i64> {
        let user = viewer.require_user()?;
        Ok(self.store().unread_notifications(user.id).await?)
    }

    /// One of the reader's notifications, marked read (they are opening it).
    pub async fn open_notification(&self, viewer: &Viewer, id: i64) -> Result<Notification> {
        let user = viewer.require_user()?;
        let notification = self
            .store()
            .notification(id)
            .await?
            .filter(|n| n.recipient_id == user.id)
            .ok_or(Error::NotFound("notification"))?;
        let now = Self::now();
        self.store().mark_notification_read(id, now).await?;
        Ok(Notification {
            read_at: notification.read_at.or(Some(now)),
            ..notification
        })
    }

    /// Marks all the reader's notifications read; returns how many were unread.
    pub async fn mark_all_notifications_read(&self, viewer: &Viewer) -> Result<u64> {
        let user = viewer.require_user()?;
        Ok(self
            .store()
            .mark_all_notifications_read(user.id, Self::now())
            .await?)
    }

    pub async fn email_preference(&self, viewer: &Viewer) -> Result<EmailPreference> {
        let user = viewer.require_user()?;
        Ok(self.store().email_preference(user.id).await?)
    }

    pub async fn set_email_preference(
        &self,
        viewer: &Viewer,
        raw: &str,
    ) -> Result<EmailPreference> {
        let user = viewer.require_user()?;
        let preference = EmailPreference::parse(raw)?;
        self.store()
            .set_email_preference(user.id, preference)
            .await?;
        Ok(preference)
    }

    /// One pass of the notification worker at `now`: reads what was added to the durable
    /// logs since the last pass (by any node) and writes the notifications it calls for.
    /// Returns how many were written. Safe to run on every node at once.
    pub async fn notify(&self, now: OffsetDateTime) -> Result<u64> {
        let mut written = 0;
        for source in NotificationSource::ALL {
            loop {
                let Pass { notified, more } = self
                    .store()
                    .notify_from(source, now, BATCH, GAP_GRACE)
                    .await?;
                written += notified;
                if !more {
                    break;
                }
            }
        }
        if written > 0 {
            metrics::counter!("tribune_notifications_total").increment(written);
        }
        Ok(written)
    }
}
