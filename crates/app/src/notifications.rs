//! Notifications: a reader's inbox and unread count, their email preference, and the worker
//! every node runs to write notifications from the durable logs and to mail them (one email
//! each, or a daily digest), each with a one-click unsubscribe link.
//!
//! Only the recipient sees or marks a notification; to anyone else it does not exist.

use time::{Duration, OffsetDateTime, Time};
use tribune_domain::Mail;
use tribune_domain::notification::{EmailPreference, NotificationKind, excerpt};
use tribune_i18n::{Lang, in_language, text, text_with};
use tribune_store::{MailClaim, MailRecipient, Notification, NotificationSource, Pass};

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

/// Emails about notifications queued in one pass, at most.
const MAIL_BATCH: i64 = 100;
/// Notifications listed in one digest; the rest are counted, and wait in the inbox.
const DIGEST_ITEMS: usize = 50;
/// Characters of a comment quoted in an email about it, and in a digest.
const QUOTE_CHARS: usize = 1200;
const DIGEST_QUOTE_CHARS: usize = 300;
/// What unsubscribe links of notification emails are signed for.
const UNSUBSCRIBE_TOPIC: &str = "notifications";

/// The account an unsubscribe link belongs to, and what it receives now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsubscribe {
    pub user_id: i64,
    pub preference: EmailPreference,
}

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
        // Opened from a link (a view): the reader's next page counts one fewer.
        self.account_changed(user.id);
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

    /// Keeps the language a signed-in reader chose from the menu, for the emails sent
    /// outside their requests; nothing to keep for a reader who is not signed in.
    pub async fn remember_language(
        &self,
        viewer: &Viewer,
        language: tribune_i18n::Lang,
    ) -> Result<()> {
        if let Some(user) = viewer.user() {
            self.store()
                .set_reader_language(user.id, language.code())
                .await?;
        }
        Ok(())
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
        let mut withdrawn = 0;
        for source in NotificationSource::ALL {
            loop {
                let pass: Pass = self
                    .store()
                    .notify_from(source, now, BATCH, GAP_GRACE)
                    .await?;
                written += pass.notified;
                withdrawn += pass.withdrawn;
                if !pass.more {
                    break;
                }
            }
        }
        if written + withdrawn > 0 {
            // Whose count changed is in the database; this node's views read every count
            // again rather than ask.
            self.inner.viewing_sessions.forget_unread_counts();
        }
        if written > 0 {
            metrics::counter!("tribune_notifications_total").increment(written);
        }
        Ok(written)
    }

    /// Queues the email that notifications call for: one per notification for readers who
    /// want them immediately, and the digests due at `now`. Nothing for readers who want
    /// none, nor when the site sends no email. Returns how many emails were queued. Safe on
    /// every node at once: each notification is claimed with its email in one transaction.
    pub async fn mail_notifications(&self, now: OffsetDateTime) -> Result<usize> {
        let store = self.store();
        if !store.mail_pending().await? {
            return Ok(0);
        }
        store.skip_unwanted_mail(!self.email_enabled()).await?;
        if !self.email_enabled() {
            return Ok(0);
        }
        let mut queued = 0;
        for (id, recipient_id) in store.immediate_mail(MAIL_BATCH).await? {
            let unsubscribe = self.unsubscribe_url(recipient_id).await?;
            let settings = self.settings();
            if store
                .mail_notifications(MailClaim::One(id), Self::now(), |recipient, items| {
                    items
                        .first()
                        .map(|n| single_mail(settings, recipient, n, &unsubscribe))
                })
                .await?
            {
                queued += 1;
            }
        }
        queued += self.send_digests(now).await?;
        if queued > 0 {
            self.wake_mailer();
        }
        Ok(queued)
    }

    /// Queues the daily digests due at `now` (a parameter, so tests can ask for tomorrow's):
    /// for each reader who chose them, one email listing what arrived since their last
    /// digest, once per day at `digest_hour` (UTC). Returns how many were queued.
    pub async fn send_digests(&self, now: OffsetDateTime) -> Result<usize> {
        let moment = digest_moment(now, self.settings().notifications.digest_hour);
        let mut queued = 0;
        for recipient_id in self.store().digests_due(moment, MAIL_BATCH).await? {
            let unsubscribe = self.unsubscribe_url(recipient_id).await?;
            let settings = self.settings();
            let claim = MailClaim::Digest {
                recipient_id,
                moment,
            };
            if self
                .store()
                .mail_notifications(claim, Self::now(), |recipient, items| {
                    Some(digest_mail(settings, recipient, items, &unsubscribe))
                })
                .await?
            {
                queued += 1;
            }
        }
        Ok(queued)
    }

    /// The one-click link that stops a reader's notification emails, signed: it needs no
    /// log-in.
    async fn unsubscribe_url(&self, user_id: i64) -> Result<String> {
        let token = self.unsubscribe_token(user_id, UNSUBSCRIBE_TOPIC).await?;
        Ok(format!(
            "{}/unsubscribe/{token}",
            self.settings().base_url()
        ))
    }

    /// The account an unsubscribe link was made for, if it is one of this site's links.
    pub async fn unsubscribe_account(&self, token: &str) -> Result<Unsubscribe> {
        match self.verify_unsubscribe_token(token).await? {
            Some((user_id, topic)) if topic == UNSUBSCRIBE_TOPIC => {
                let preference = self
                    .store()
                    .email_preference(user_id)
                    .await
                    .map_err(|_| Error::NotFound("unsubscribe link"))?;
                Ok(Unsubscribe {
                    user_id,
                    preference,
                })
            }
            _ => Err(Error::NotFound("unsubscribe link")),
        }
    }

    /// Follows an unsubscribe link: no more notification emails for its account.
    pub async fn unsubscribe(&self, token: &str) -> Result<()> {
        let account = self.unsubscribe_account(token).await?;
        self.store()
            .set_email_preference(account.user_id, EmailPreference::Never)
            .await?;
        Ok(())
    }
}

/// The latest daily digest moment at or before `now`: today at `hour`:00 UTC, or yesterday's
/// when that is still to come.
pub fn digest_moment(now: OffsetDateTime, hour: u8) -> OffsetDateTime {
    let at = Time::from_hms(hour.min(23), 0, 0).unwrap_or(Time::MIDNIGHT);
    let today = now.to_offset(time::UtcOffset::UTC).replace_time(at);
    if today <= now {
        today
    } else {
        today - Duration::days(1)
    }
}

/// A comment's text quoted in an email: each line after `> `, cut at `max_chars`.
fn quoted(markdown: &str, max_chars: usize) -> String {
    let mut text: String = markdown.chars().take(max_chars).collect();
    if markdown.chars().count() > max_chars {
        text.push('…');
    }
    text.lines()
        .map(|line| format!("> {line}").trim_end().to_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// What a notification says happened, in the current language: `Kestrel replied to your
/// comment`. Pages, the API and emails say it alike.
pub fn headline(kind: NotificationKind, actor: Option<&str>) -> String {
    let actor = actor.map_or_else(|| text("notification-someone"), str::to_owned);
    match kind {
        NotificationKind::Reply => text_with("notification-reply", &[("actor", actor.into())]),
        NotificationKind::Mention => text_with("notification-mention", &[("actor", actor.into())]),
        NotificationKind::Approved => text("notification-approved"),
        NotificationKind::Rejected => text("notification-rejected"),
        NotificationKind::Edited => text("notification-edited"),
    }
}

/// What happened, for a subject or a line: `Kestrel replied to your comment on “Title”`.
fn what(n: &Notification) -> String {
    text_with(
        "mail-notification-what",
        &[
            ("headline", headline(n.kind, n.actor_name.as_deref()).into()),
            ("article", n.article_headline.as_str().into()),
        ],
    )
}

/// The moderator's words, when there are some.
fn note_line(n: &Notification) -> Option<String> {
    if n.note.is_empty() {
        return None;
    }
    let id = match n.kind {
        NotificationKind::Rejected => "mail-moderator-reason",
        _ => "mail-moderator-note",
    };
    Some(text_with(id, &[("note", n.note.as_str().into())]))
}

/// Where a notification leads: the comment's permalink (it redirects to the right page).
fn comment_url(settings: &crate::Settings, n: &Notification) -> String {
    format!("{}/comments/{}", settings.base_url(), n.comment_id)
}

fn footer(settings: &crate::Settings, unsubscribe: &str) -> String {
    let site = settings.site.name.as_str();
    format!(
        "-- \n{why}\n{change}\n{stop}\n",
        why = text_with("mail-footer-why", &[("site", site.into())]),
        change = text_with(
            "mail-footer-change",
            &[(
                "url",
                format!("{}/notifications", settings.base_url()).into()
            )]
        ),
        stop = text_with("mail-footer-stop", &[("url", unsubscribe.into())]),
    )
}

/// The language an email to `recipient` is written in: theirs, else the site's.
fn language_of(settings: &crate::Settings, recipient: &MailRecipient) -> Lang {
    recipient
        .language
        .as_deref()
        .and_then(Lang::from_code)
        .or_else(|| Lang::from_code(&settings.site.language))
        .unwrap_or(Lang::ENGLISH)
}

fn hello(recipient: &MailRecipient) -> String {
    text_with(
        "mail-hello",
        &[("name", recipient.display_name.as_str().into())],
    )
}

/// One notification, as its own email (plain text: readers' words are quoted, never
/// rendered), in the recipient's language.
fn single_mail(
    settings: &crate::Settings,
    recipient: &MailRecipient,
    n: &Notification,
    unsubscribe: &str,
) -> Mail {
    in_language(language_of(settings, recipient), || {
        let mut text = format!(
            "{hello}\n\n{what}:\n\n{quote}\n\n",
            hello = hello(recipient),
            what = what(n),
            quote = quoted(&n.body_markdown, QUOTE_CHARS),
        );
        if let Some(note) = note_line(n) {
            text.push_str(&format!("{note}\n\n"));
        }
        text.push_str(&format!(
            "{read}\n\n{footer}",
            read = text_with(
                "mail-read-it",
                &[
                    ("site", settings.site.name.as_str().into()),
                    ("url", comment_url(settings, n).into())
                ]
            ),
            footer = footer(settings, unsubscribe),
        ));
        Mail {
            to: recipient.email.clone(),
            subject: what(n),
            text,
            html: None,
            unsubscribe_url: Some(unsubscribe.to_owned()),
        }
    })
}

/// A reader's daily digest of `items` (oldest first), in their language.
fn digest_mail(
    settings: &crate::Settings,
    recipient: &MailRecipient,
    items: &[Notification],
    unsubscribe: &str,
) -> Mail {
    in_language(language_of(settings, recipient), || {
        let site = settings.site.name.as_str();
        let count = items.len();
        let mut text = format!(
            "{hello}\n\n{intro}\n\n",
            hello = hello(recipient),
            intro = text_with("mail-digest-intro", &[("site", site.into())]),
        );
        for n in items.iter().take(DIGEST_ITEMS) {
            text.push_str(&format!(
                "* {what}\n{quote}\n",
                what = what(n),
                quote = quoted(
                    &excerpt(&n.body_markdown, DIGEST_QUOTE_CHARS),
                    DIGEST_QUOTE_CHARS
                ),
            ));
            if let Some(note) = note_line(n) {
                text.push_str(&format!("  {note}\n"));
            }
            text.push_str(&format!("  {}\n\n", comment_url(settings, n)));
        }
        if count > DIGEST_ITEMS {
            let more = text_with(
                "mail-digest-more",
                &[
                    ("count", ((count - DIGEST_ITEMS) as i64).into()),
                    (
                        "url",
                        format!("{}/notifications", settings.base_url()).into(),
                    ),
                ],
            );
            text.push_str(&format!("{more}\n\n"));
        }
        text.push_str(&footer(settings, unsubscribe));
        Mail {
            to: recipient.email.clone(),
            subject: text_with(
                "mail-digest-subject",
                &[("site", site.into()), ("count", (count as i64).into())],
            ),
            text,
            html: None,
            unsubscribe_url: Some(unsubscribe.to_owned()),
        }
    })
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn a_digest_is_due_once_a_day_at_its_hour() {
        assert_eq!(
            digest_moment(datetime!(2026-11-24 09:15 UTC), 7),
            datetime!(2026-11-24 07:00 UTC)
        );
        assert_eq!(
            digest_moment(datetime!(2026-11-24 06:59 UTC), 7),
            datetime!(2026-11-23 07:00 UTC)
        );
        assert_eq!(
            digest_moment(datetime!(2026-11-24 07:00 UTC), 7),
            datetime!(2026-11-24 07:00 UTC)
        );
    }

    #[test]
    fn comments_are_quoted_line_by_line() {
        assert_eq!(
            quoted("First line\n\nSecond", 100),
            "> First line\n>\n> Second"
        );
        assert_eq!(quoted("abcdef", 3), "> abc…");
    }
}
