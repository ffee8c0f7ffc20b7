//! Email: use cases put messages in the outbox ([`Tribune::queue_mail`], or the store's
//! `enqueue_mail!` inside their own transaction); the [`Mailer`] that every node runs sends
//! what is due over SMTP, retries with backoff and gives up after `email.max_attempts`. Mail
//! never leaves inside a request. Also: signed unsubscribe links that need no log-in.

use std::future::Future;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::AsyncSmtpTransportBuilder;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sha2::Sha256;
use time::OffsetDateTime;
pub use tribune_domain::Mail;
use tribune_store::QueuedMail;

use crate::secret::SiteSecret;
use crate::settings::EmailSettings;
use crate::{Error, Result, Tribune};

/// Messages claimed at a time.
const BATCH: i64 = 10;
/// How long a claimed batch belongs to this node: longer than a batch can take
/// ([`BATCH`] × [`SMTP_TIMEOUT`]), so no other node sends the same messages meanwhile.
const LEASE: time::Duration = time::Duration::minutes(15);
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);
/// The longest wait between two attempts.
const MAX_RETRY_DELAY_SECS: u64 = 6 * 3600;
/// Errors kept in the outbox are cut to this many characters.
const MAX_ERROR_CHARS: usize = 500;

const LIST_UNSUBSCRIBE: HeaderName = HeaderName::new_from_ascii_str("List-Unsubscribe");
const LIST_UNSUBSCRIBE_POST: HeaderName = HeaderName::new_from_ascii_str("List-Unsubscribe-Post");

impl Tribune {
    /// Whether this site sends email (`email.smtp_url` is set).
    pub fn email_enabled(&self) -> bool {
        self.settings().email.enabled()
    }

    /// Puts a message in the outbox and wakes this node's mailer. Does nothing when the site
    /// sends no email: callers that cannot do without mail check [`Tribune::email_enabled`]
    /// first and say so.
    pub async fn queue_mail(&self, mail: &Mail) -> Result<()> {
        if !self.email_enabled() {
            tracing::debug!(subject = %mail.subject, "email is off; message not queued");
            return Ok(());
        }
        self.store().enqueue_mail(mail, Self::now()).await?;
        self.wake_mailer();
        Ok(())
    }

    /// Tells this node's mailer that mail was queued, so it sends at once rather than at its
    /// next poll. For use cases that wrote mail inside their own transaction.
    pub fn wake_mailer(&self) {
        self.inner.mail_queued.notify_one();
    }

    /// Removes sent messages older than `email.keep_sent_days`; returns how many.
    pub async fn sweep_outbox(&self) -> Result<u64> {
        let before = Self::now() - time::Duration::days(self.settings().email.keep_sent_days);
        Ok(self.store().sweep_sent_mail(before).await?)
    }

    /// A token that proves, without a log-in, that the link was sent to `user_id` about
    /// `topic` (lower-case letters, digits, `_` and `-`), for unsubscribe links in mail.
    pub async fn unsubscribe_token(&self, user_id: i64, topic: &str) -> Result<String> {
        if !valid_topic(topic) {
            return Err(Error::Internal(format!("unsubscribe topic `{topic}`")));
        }
        let mac = self.unsubscribe_mac(user_id, topic).await?.finalize();
        Ok(format!(
            "{user_id}.{topic}.{}",
            URL_SAFE_NO_PAD.encode(mac.into_bytes())
        ))
    }

    /// The account and topic a token from [`Tribune::unsubscribe_token`] was made for, or
    /// `None` when it is not one of this site's.
    pub async fn verify_unsubscribe_token(&self, token: &str) -> Result<Option<(i64, String)>> {
        let mut parts = token.splitn(3, '.');
        let (Some(user), Some(topic), Some(signature)) = (parts.next(), parts.next(), parts.next())
        else {
            return Ok(None);
        };
        let (Ok(user_id), Ok(signature)) = (user.parse::<i64>(), URL_SAFE_NO_PAD.decode(signature))
        else {
            return Ok(None);
        };
        if !valid_topic(topic) {
            return Ok(None);
        }
        let mac = self.unsubscribe_mac(user_id, topic).await?;
        Ok(mac
            .verify_slice(&signature)
            .is_ok()
            .then(|| (user_id, topic.to_owned())))
    }

    async fn unsubscribe_mac(&self, user_id: i64, topic: &str) -> Result<Hmac<Sha256>> {
        let key = self.site_secret(SiteSecret::Unsubscribe).await?;
        let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes())
            .map_err(|e| Error::Internal(e.to_string()))?;
        mac.update(format!("unsubscribe:{user_id}:{topic}").as_bytes());
        Ok(mac)
    }
}

fn valid_topic(topic: &str) -> bool {
    !topic.is_empty()
        && topic.len() <= 64
        && topic
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

/// What one round of delivery did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delivery {
    /// Messages claimed (sent or not).
    pub claimed: usize,
    pub sent: usize,
    /// Failed this time, to be retried.
    pub retrying: usize,
    /// Failed for good (a permanent SMTP error, or out of attempts).
    pub given_up: usize,
}

/// Sends the outbox over SMTP. One per node; nodes share the work through claims.
#[derive(Debug)]
pub struct Mailer {
    tribune: Tribune,
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// The mailer the settings describe, or `None` when the site sends no email.
    pub fn new(tribune: Tribune) -> Result<Option<Self>> {
        let settings = &tribune.settings().email;
        if !settings.enabled() {
            return Ok(None);
        }
        let transport = transport(settings).map_err(Error::Internal)?.build();
        let from = sender(settings).map_err(Error::Internal)?;
        Ok(Some(Self {
            tribune,
            transport,
            from,
        }))
    }

    /// Sends what is due until `stop` completes: at once when mail is queued on this node,
    /// and every `email.poll_secs` for mail queued elsewhere or due for a retry. A message
    /// being sent when `stop` completes is finished first.
    pub async fn run(self, stop: impl Future<Output = ()>) {
        let poll = Duration::from_secs(self.tribune.settings().email.poll_secs);
        tokio::pin!(stop);
        loop {
            self.drain().await;
            tokio::select! {
                biased;
                () = &mut stop => break,
                () = self.tribune.inner.mail_queued.notified() => {}
                () = tokio::time::sleep(poll) => {}
            }
        }
    }

    /// Sends batches until none is full.
    async fn drain(&self) {
        loop {
            match self.deliver_due().await {
                Ok(round) if round.claimed as i64 >= BATCH => {}
                Ok(_) => return,
                Err(err) => {
                    tracing::warn!(error = %err, "could not read the outbox");
                    return;
                }
            }
        }
    }

    /// Claims one batch of due messages and sends it.
    pub async fn deliver_due(&self) -> Result<Delivery> {
        let now = Tribune::now();
        let claimed = self
            .tribune
            .store()
            .claim_mail(now, now + LEASE, BATCH)
            .await?;
        let mut round = Delivery {
            claimed: claimed.len(),
            ..Delivery::default()
        };
        for queued in claimed {
            match self.send(&queued).await {
                Ok(()) => {
                    self.tribune
                        .store()
                        .mark_mail_sent(queued.id, Tribune::now())
                        .await?;
                    metrics::counter!("tribune_mail_sent_total").increment(1);
                    round.sent += 1;
                }
                Err(failure) => {
                    let retry_at = self.retry_at(&queued, &failure);
                    let error: String = failure.message.chars().take(MAX_ERROR_CHARS).collect();
                    if retry_at.is_some() {
                        tracing::warn!(
                            id = queued.id,
                            attempts = queued.attempts,
                            error,
                            "sending mail failed; will retry"
                        );
                        round.retrying += 1;
                    } else {
                        tracing::error!(
                            id = queued.id,
                            attempts = queued.attempts,
                            error,
                            "sending mail failed; giving up"
                        );
                        round.given_up += 1;
                    }
                    metrics::counter!("tribune_mail_failed_total").increment(1);
                    self.tribune
                        .store()
                        .mark_mail_failed(queued.id, &error, retry_at)
                        .await?;
                }
            }
        }
        Ok(round)
    }

    /// When to try a failed message again: never after a permanent error or the last
    /// attempt, else after `retry_secs`, doubled at each attempt, up to six hours.
    fn retry_at(&self, queued: &QueuedMail, failure: &SendFailure) -> Option<OffsetDateTime> {
        let settings = &self.tribune.settings().email;
        if failure.permanent || queued.attempts >= i64::from(settings.max_attempts) {
            return None;
        }
        let doublings = u32::try_from((queued.attempts - 1).clamp(0, 30)).unwrap_or(30);
        let delay = settings
            .retry_secs
            .saturating_mul(1u64 << doublings)
            .min(MAX_RETRY_DELAY_SECS);
        let delay = i64::try_from(delay).unwrap_or(i64::MAX);
        Some(Tribune::now() + time::Duration::seconds(delay))
    }

    async fn send(&self, queued: &QueuedMail) -> Result<(), SendFailure> {
        let message = message(&self.from, &queued.mail).map_err(|message| SendFailure {
            message,
            permanent: true,
        })?;
        self.transport
            .send(message)
            .await
            .map(drop)
            .map_err(|err| SendFailure {
                message: err.to_string(),
                permanent: err.is_permanent(),
            })
    }
}

struct SendFailure {
    message: String,
    /// The server refused for good (a 5xx reply), or the message cannot be built: retrying
    /// would fail again.
    permanent: bool,
}

/// Checks the `[email]` settings of a site that sends email (without connecting).
pub(crate) fn check_settings(settings: &EmailSettings) -> Result<(), String> {
    transport(settings)?;
    sender(settings)?;
    Ok(())
}

/// The transport, to build (building starts its connection pool, which needs the runtime).
fn transport(settings: &EmailSettings) -> Result<AsyncSmtpTransportBuilder, String> {
    let url = settings.smtp_url.trim();
    Ok(AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
        .map_err(|e| {
            format!(
                "email.smtp_url is not an SMTP URL such as smtp://127.0.0.1:25 or \
                 smtps://user:password@mail.example.org ({e})"
            )
        })?
        .timeout(Some(SMTP_TIMEOUT)))
}

fn sender(settings: &EmailSettings) -> Result<Mailbox, String> {
    settings.from.trim().parse::<Mailbox>().map_err(|_| {
        format!(
            "email.from must be an address with a name, such as `Tribune <news@example.org>`, \
             not `{}`",
            settings.from
        )
    })
}

/// The message as sent: plain text, with the HTML alternative when there is one, and the
/// one-click unsubscribe headers (RFC 2369, RFC 8058) when the mail has a link.
fn message(from: &Mailbox, mail: &Mail) -> Result<Message, String> {
    let to: Mailbox = mail
        .to
        .parse()
        .map_err(|_| format!("`{}` is not an email address", mail.to))?;
    // Identified under the sender's domain: the host name of a node means nothing to readers'
    // mail servers.
    let message_id = format!("<{}@{}>", crate::secret::generate(), from.email.domain());
    let mut builder = Message::builder()
        .message_id(Some(message_id))
        .from(from.clone())
        .to(to)
        .subject(mail.subject.clone());
    if let Some(url) = &mail.unsubscribe_url {
        let safe = (url.starts_with("https://") || url.starts_with("http://"))
            && !url
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ','));
        if !safe {
            return Err(format!("`{url}` is not an unsubscribe URL"));
        }
        builder = builder
            .raw_header(HeaderValue::new(LIST_UNSUBSCRIBE, format!("<{url}>")))
            .raw_header(HeaderValue::new(
                LIST_UNSUBSCRIBE_POST,
                "List-Unsubscribe=One-Click".to_owned(),
            ));
    }
    let built = match &mail.html {
        Some(html) => builder.multipart(MultiPart::alternative_plain_html(
            mail.text.clone(),
            html.clone(),
        )),
        None => builder.singlepart(SinglePart::plain(mail.text.clone())),
    };
    built.map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from() -> Mailbox {
        "Tribune <news@example.org>".parse().expect("a mailbox")
    }

    fn rendered(mail: &Mail) -> String {
        String::from_utf8(message(&from(), mail).expect("a message").formatted()).expect("ASCII")
    }

    #[test]
    fn unsubscribe_headers_only_with_a_link() {
        let mut mail = Mail {
            to: "ann@example.org".into(),
            subject: "A reply".into(),
            text: "Hello".into(),
            ..Mail::default()
        };
        assert!(!rendered(&mail).contains("List-Unsubscribe"));
        mail.unsubscribe_url = Some("https://news.example.org/unsubscribe/1.replies.x".into());
        let text = rendered(&mail);
        assert!(
            text.contains(
                "List-Unsubscribe: <https://news.example.org/unsubscribe/1.replies.x>\r\n"
            )
        );
        assert!(text.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"));
    }

    #[test]
    fn header_injection_is_refused() {
        let mail = Mail {
            to: "ann@example.org".into(),
            subject: "A reply".into(),
            text: "Hello".into(),
            unsubscribe_url: Some("https://x.example/>\r\nBcc: eve@example.org".into()),
            ..Mail::default()
        };
        assert!(message(&from(), &mail).is_err());
        let mail = Mail {
            to: "ann@example.org\r\nBcc: eve@example.org".into(),
            ..mail
        };
        assert!(message(&from(), &mail).is_err());
    }

    #[test]
    fn settings_are_checked() {
        let mut settings = EmailSettings {
            smtp_url: "smtp://127.0.0.1:2525".into(),
            from: "Tribune <news@example.org>".into(),
            ..EmailSettings::default()
        };
        assert_eq!(check_settings(&settings), Ok(()));
        settings.from = "news".into();
        assert!(check_settings(&settings).is_err_and(|e| e.contains("email.from")));
        settings.from = "news@example.org".into();
        settings.smtp_url = "http://example.org".into();
        assert!(check_settings(&settings).is_err_and(|e| e.contains("email.smtp_url")));
    }

    #[test]
    fn topics_are_plain_words() {
        assert!(valid_topic("replies"));
        assert!(valid_topic("mention_2"));
        assert!(!valid_topic(""));
        assert!(!valid_topic("a.b"));
        assert!(!valid_topic("Replies"));
    }
}
