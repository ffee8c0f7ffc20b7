//! Newsroom feeds: the RSS 2.0, RSS 1.0 or Atom feeds of a newsroom's own site that the
//! operator follows (`tribune feed add`, Admin → Newsroom feeds). Each new item opens a
//! discussion through [`Tribune::open_article_at`]: headline, lead, byline, canonical link,
//! publication time, rights, source and tags come from the feed; the body stays empty, as the
//! article lives on the newsroom's site. (Tribune's own Atom feeds are `feeds.rs`.)
//!
//! Fetching: only the address the operator configured is ever fetched (item links are stored,
//! never requested), with a Tribune User-Agent, a total timeout, a size cap counted after
//! decompression, at most [`MAX_REDIRECTS`] redirects, and a conditional GET from the
//! validators of the last full answer (304: nothing to do). TLS is rustls with ring and the
//! webpki roots, the stack the mailer already uses.
//!
//! Items are remembered per feed under two keys, their id (guid) and their canonical link, so
//! a duplicated item, a re-published one (new guid, same link) or a tracking-parameter variant
//! of a link never opens a second discussion, and an item whose article an editor removed or
//! moved elsewhere is not opened again at the next poll. An item that cannot become an article
//! (no http(s) link, no title, a field over the domain's limits) is skipped with its reason
//! recorded on the feed and is not remembered: once the newsroom corrects it, it opens.
//!
//! Every node polls: a feed is claimed with a lease (see the store), so two nodes never poll
//! the same feed at once. A failed poll records its error and is retried after a backoff.

use std::sync::Arc;
use std::time::Duration;

use feed_rs::model::{Entry, Feed, Person};
use reqwest::header::{ACCEPT, ETAG, HeaderValue, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use tribune_domain::article::{
    ArticleFields, MAX_BYLINE_CHARS, MAX_HEADLINE_CHARS, MAX_LEAD_CHARS, MAX_RIGHTS_CHARS,
    MAX_SOURCE_CHARS, MAX_TAG_CHARS, MAX_TAGS,
};
use tribune_domain::newsroom_feed::{NewsroomFeed, next_poll_delay};
use tribune_domain::{CanonicalUrl, Invalid};
use tribune_store::FeedPolled;

use crate::articles::Publisher;
use crate::{Error, Result, Tribune};

/// How long a claimed feed belongs to the node polling it: far longer than a poll takes.
const LEASE: time::Duration = time::Duration::minutes(10);
/// Feeds claimed, and polled side by side, at a time.
const BATCH: i64 = 8;
/// Items read from one feed per poll (the newest, as feeds list them first).
const MAX_ITEMS: usize = 300;
pub const MAX_REDIRECTS: usize = 5;
/// Errors kept on the feed are cut to this many characters.
const MAX_ERROR_CHARS: usize = 500;
/// Item ids longer than this are remembered by their SHA-256.
const MAX_ID_BYTES: usize = 400;
const ACCEPTED: &str = "application/rss+xml, application/atom+xml, application/rdf+xml, \
    application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

/// What one poll of a feed found.
#[derive(Debug, Clone)]
pub struct FeedReport {
    /// The feed as the poll left it.
    pub feed: NewsroomFeed,
    /// Items the feed lists (0 when it answered 304 or failed).
    pub items: usize,
    /// Discussions this poll opened.
    pub opened: usize,
    /// Items this poll could not turn into articles.
    pub skipped: usize,
    /// The feed answered 304 Not Modified.
    pub not_modified: bool,
    /// Why the poll failed, if it did.
    pub error: Option<String>,
}

/// A feed's answer.
enum Fetched {
    NotModified,
    Document(Document),
}

struct Document {
    body: Vec<u8>,
    etag: Option<String>,
    last_modified: Option<String>,
}

/// What a poll learnt before it is recorded: an error, 304, or a parsed feed.
type Outcome = std::result::Result<Option<(Document, Feed)>, String>;

fn authorize(by: Publisher<'_>) -> Result<()> {
    match by {
        Publisher::Editor(_) => Ok(()),
        Publisher::Admin(user) if user.role.is_admin() => Ok(()),
        Publisher::Admin(_) => Err(Error::Forbidden(
            "Only administrators can manage newsroom feeds.",
        )),
    }
}

impl Tribune {
    /// Follows a feed: reads it once (an address that does not answer with a feed is refused
    /// and not stored), opens a discussion for each item, and reports what it found.
    pub async fn add_newsroom_feed(&self, by: Publisher<'_>, raw_url: &str) -> Result<FeedReport> {
        authorize(by)?;
        let url = feed_url(raw_url)?;
        if let Some(feed) = self.store().newsroom_feed_by_url(&url).await? {
            return Err(already_followed(feed.id));
        }
        let unreadable = |message: String| Invalid::new("url", "feed_unreadable", message);
        let document = match self.fetch_feed(&url, None, None).await {
            Ok(Fetched::Document(document)) => document,
            Ok(Fetched::NotModified) => {
                return Err(unreadable(
                    "The address answered 304 Not Modified to a plain request; it is not a feed."
                        .to_owned(),
                )
                .into());
            }
            Err(message) => return Err(unreadable(message).into()),
        };
        let parsed = parse_feed(&url, &document.body).map_err(unreadable)?;
        let now = Self::now();
        let feed = self
            .store()
            .insert_newsroom_feed(&url, now, now + LEASE)
            .await
            .map_err(|e| match e {
                tribune_store::Error::Conflict(_) => Error::Taken {
                    field: "url",
                    message: "This feed is already followed.".to_owned(),
                },
                other => other.into(),
            })?;
        tracing::info!(feed = feed.id, %url, "following a newsroom feed");
        self.finish_poll(feed, now, Ok(Some((document, parsed))))
            .await
    }

    /// Every followed feed with how its polling goes, oldest first.
    pub async fn newsroom_feeds(&self, by: Publisher<'_>) -> Result<Vec<NewsroomFeed>> {
        authorize(by)?;
        Ok(self.store().newsroom_feeds().await?)
    }

    /// Stops following a feed; the discussions it opened stay.
    pub async fn remove_newsroom_feed(&self, by: Publisher<'_>, id: i64) -> Result<NewsroomFeed> {
        authorize(by)?;
        let feed = self
            .store()
            .newsroom_feed(id)
            .await?
            .ok_or(Error::NotFound("feed"))?;
        self.store().delete_newsroom_feed(id).await?;
        tracing::info!(feed = id, url = %feed.url, "stopped following a newsroom feed");
        Ok(feed)
    }

    /// Polls one feed now, due or not.
    pub async fn poll_newsroom_feed_now(&self, by: Publisher<'_>, id: i64) -> Result<FeedReport> {
        authorize(by)?;
        let now = Self::now();
        match self
            .store()
            .claim_newsroom_feed(id, now, now + LEASE)
            .await?
        {
            Some(feed) => self.poll_claimed(feed, now).await,
            None if self.store().newsroom_feed(id).await?.is_some() => Err(Error::Taken {
                field: "feed",
                message: "This feed is being polled right now; look again in a moment.".to_owned(),
            }),
            None => Err(Error::NotFound("feed")),
        }
    }

    /// Claims the feeds due at `now` (a batch at most) and polls them side by side; returns
    /// how many were claimed. Run by every node's poller; a feed's errors are recorded on it,
    /// never returned.
    pub async fn poll_due_newsroom_feeds(&self, now: OffsetDateTime) -> Result<usize> {
        let claimed = self
            .store()
            .claim_newsroom_feeds(now, now + LEASE, BATCH)
            .await?;
        let count = claimed.len();
        let mut polls = tokio::task::JoinSet::new();
        for feed in claimed {
            let app = self.clone();
            polls.spawn(async move {
                let (id, url) = (feed.id, feed.url.clone());
                if let Err(err) = app.poll_claimed(feed, now).await {
                    tracing::warn!(feed = id, %url, error = %err, "could not poll a newsroom feed");
                }
            });
        }
        while let Some(joined) = polls.join_next().await {
            if let Err(err) = joined {
                tracing::error!(error = %err, "a newsroom feed poll stopped");
            }
        }
        Ok(count)
    }

    /// Whether a full batch was due: the poller then looks again at once.
    pub fn newsroom_batch_was_full(claimed: usize) -> bool {
        i64::try_from(claimed).unwrap_or(i64::MAX) >= BATCH
    }

    /// Polls a feed this node claimed at `claimed_at`.
    async fn poll_claimed(
        &self,
        feed: NewsroomFeed,
        claimed_at: OffsetDateTime,
    ) -> Result<FeedReport> {
        let outcome = match self
            .fetch_feed(
                &feed.url,
                feed.etag.as_deref(),
                feed.last_modified.as_deref(),
            )
            .await
        {
            Ok(Fetched::NotModified) => Ok(None),
            Ok(Fetched::Document(document)) => {
                parse_feed(&feed.url, &document.body).map(|parsed| Some((document, parsed)))
            }
            Err(message) => Err(message),
        };
        self.finish_poll(feed, claimed_at, outcome).await
    }

    /// Opens the items of a poll and records how it went, releasing the feed. The next poll is
    /// counted from the claim's moment when that is later than the clock (a pass run for a
    /// moment ahead, as tests do), so a feed is never due again at the moment it was polled.
    async fn finish_poll(
        &self,
        feed: NewsroomFeed,
        claimed_at: OffsetDateTime,
        outcome: Outcome,
    ) -> Result<FeedReport> {
        let from = |now: OffsetDateTime| now.max(claimed_at);
        let settings = &self.settings().newsroom_feeds;
        let interval = time::Duration::minutes(settings.poll_minutes);
        let mut report = FeedReport {
            feed: feed.clone(),
            items: 0,
            opened: 0,
            skipped: 0,
            not_modified: false,
            error: None,
        };
        match outcome {
            Err(error) => {
                let error: String = error.chars().take(MAX_ERROR_CHARS).collect();
                let now = Self::now();
                let next = from(now) + next_poll_delay(interval, feed.failures + 1);
                tracing::warn!(
                    feed = feed.id,
                    url = %feed.url,
                    failures = feed.failures + 1,
                    retry_at = %next,
                    error,
                    "polling a newsroom feed failed"
                );
                metrics::counter!("tribune_newsroom_feed_polls_total", "outcome" => "failed")
                    .increment(1);
                self.store()
                    .newsroom_feed_failed(feed.id, &error, now, next)
                    .await?;
                report.error = Some(error);
            }
            Ok(None) => {
                let now = Self::now();
                metrics::counter!("tribune_newsroom_feed_polls_total", "outcome" => "not_modified")
                    .increment(1);
                self.store()
                    .newsroom_feed_polled(
                        feed.id,
                        &FeedPolled {
                            polled_at: now,
                            next_poll_at: from(now) + interval,
                            title: &feed.title,
                            etag: feed.etag.as_deref(),
                            last_modified: feed.last_modified.as_deref(),
                            opened: 0,
                            skipped: 0,
                            last_skip: None,
                        },
                    )
                    .await?;
                report.not_modified = true;
            }
            Ok(Some((document, parsed))) => {
                let tally = match self.take_items(&feed, &parsed).await {
                    Ok(tally) => tally,
                    Err(err) => {
                        // Release the feed with the error; the next poll tries again.
                        let now = Self::now();
                        let message = format!("Could not open the feed's articles: {err}");
                        let next = from(now) + next_poll_delay(interval, feed.failures + 1);
                        self.store()
                            .newsroom_feed_failed(feed.id, &message, now, next)
                            .await?;
                        return Err(err);
                    }
                };
                let title = feed_title(&parsed).unwrap_or_else(|| feed.title.clone());
                let now = Self::now();
                metrics::counter!("tribune_newsroom_feed_polls_total", "outcome" => "ok")
                    .increment(1);
                metrics::counter!("tribune_newsroom_articles_opened_total")
                    .increment(u64::try_from(tally.opened).unwrap_or(0));
                self.store()
                    .newsroom_feed_polled(
                        feed.id,
                        &FeedPolled {
                            polled_at: now,
                            next_poll_at: from(now) + interval,
                            title: &title,
                            etag: document.etag.as_deref(),
                            last_modified: document.last_modified.as_deref(),
                            opened: i64::try_from(tally.opened).unwrap_or(i64::MAX),
                            skipped: i64::try_from(tally.skipped).unwrap_or(i64::MAX),
                            last_skip: tally.last_skip.as_deref(),
                        },
                    )
                    .await?;
                if tally.opened > 0 {
                    tracing::info!(
                        feed = feed.id,
                        url = %feed.url,
                        opened = tally.opened,
                        "newsroom feed opened discussions"
                    );
                }
                report.items = parsed.entries.len();
                report.opened = tally.opened;
                report.skipped = tally.skipped;
            }
        }
        if let Some(current) = self.store().newsroom_feed(feed.id).await? {
            report.feed = current;
        }
        Ok(report)
    }

    /// Opens a discussion for each item not seen before, oldest first.
    async fn take_items(&self, feed: &NewsroomFeed, parsed: &Feed) -> Result<Tally> {
        let now = Self::now();
        let context = FeedContext::of(parsed);
        let mut tally = Tally::default();
        let newest: Vec<&Entry> = parsed.entries.iter().take(MAX_ITEMS).collect();
        for entry in newest.into_iter().rev() {
            let item = match feed_item(entry, &context, now) {
                Ok(item) => item,
                Err(reason) => {
                    tracing::info!(feed = feed.id, reason, "newsroom feed item skipped");
                    tally.skip(reason);
                    continue;
                }
            };
            let keys = [item.id_key.as_str(), item.url_key.as_str()];
            if self.store().newsroom_item_seen(feed.id, &keys).await? {
                continue;
            }
            let existed = self
                .store()
                .article_by_url(item.url.as_str())
                .await?
                .is_some();
            let headline = item.fields.headline.clone();
            match self.open_article_at(item.fields).await {
                Ok(article) => {
                    self.store()
                        .record_newsroom_item(feed.id, &keys, article.id, now)
                        .await?;
                    if !existed {
                        tally.opened += 1;
                    }
                }
                Err(Error::Invalid(invalid)) => {
                    let reason = format!("“{headline}” ({}): {}", item.url, invalid.message);
                    tracing::info!(feed = feed.id, reason, "newsroom feed item skipped");
                    tally.skip(reason);
                }
                Err(Error::Taken { message, .. }) => {
                    let reason = format!("“{headline}” ({}): {message}", item.url);
                    tracing::info!(feed = feed.id, reason, "newsroom feed item skipped");
                    tally.skip(reason);
                }
                Err(other) => return Err(other),
            }
        }
        Ok(tally)
    }

    /// The client feeds are fetched with, made once per process.
    fn feed_client(&self) -> std::result::Result<&reqwest::Client, String> {
        if let Some(client) = self.inner.feed_client.get() {
            return Ok(client);
        }
        let client = build_client(self.settings().base_url())?;
        Ok(self.inner.feed_client.get_or_init(|| client))
    }

    /// Fetches the configured address, conditionally when validators are known. Errors are
    /// sentences for the operator.
    async fn fetch_feed(
        &self,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> std::result::Result<Fetched, String> {
        let settings = &self.settings().newsroom_feeds;
        let client = self.feed_client()?;
        let mut request = client
            .get(url)
            .header(ACCEPT, ACCEPTED)
            .timeout(Duration::from_secs(settings.timeout_secs));
        if let Some(value) = etag.and_then(|v| HeaderValue::from_str(v).ok()) {
            request = request.header(IF_NONE_MATCH, value);
        }
        if let Some(value) = last_modified.and_then(|v| HeaderValue::from_str(v).ok()) {
            request = request.header(IF_MODIFIED_SINCE, value);
        }
        let failed = |err: reqwest::Error| describe(&err, settings.timeout_secs);
        let mut response = request.send().await.map_err(failed)?;
        let status = response.status();
        if status == reqwest::StatusCode::NOT_MODIFIED {
            return Ok(Fetched::NotModified);
        }
        if !status.is_success() {
            return Err(format!("The feed answered HTTP {status}."));
        }
        let too_large = || {
            format!(
                "The feed is larger than {} bytes, the most Tribune reads \
                 (newsroom_feeds.max_bytes).",
                settings.max_bytes
            )
        };
        let header = |name| {
            response
                .headers()
                .get(name)
                .and_then(|v: &HeaderValue| v.to_str().ok())
                .filter(|v| !v.is_empty() && v.len() <= 500)
                .map(str::to_owned)
        };
        let (etag, last_modified) = (header(ETAG), header(LAST_MODIFIED));
        let declared = response
            .content_length()
            .and_then(|n| usize::try_from(n).ok());
        // A compressed answer declares its compressed length; the cap counts what is read.
        if declared.is_some_and(|n| n > settings.max_bytes) {
            return Err(too_large());
        }
        let mut body = Vec::with_capacity(declared.unwrap_or(64 * 1024).min(settings.max_bytes));
        while let Some(chunk) = response.chunk().await.map_err(failed)? {
            if body.len() + chunk.len() > settings.max_bytes {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Fetched::Document(Document {
            body,
            etag,
            last_modified,
        }))
    }
}

fn already_followed(id: i64) -> Error {
    Error::Taken {
        field: "url",
        message: format!("This feed is already followed (feed {id})."),
    }
}

/// The feed's address as stored: an absolute http(s) URL without credentials or fragment.
fn feed_url(raw: &str) -> Result<String> {
    let raw = raw.trim();
    let invalid = |message: &str| Invalid::new("url", "invalid_url", message.to_owned());
    if raw.is_empty() {
        return Err(
            invalid("Give the address of the feed, such as https://news.example/rss.xml.").into(),
        );
    }
    if raw.len() > tribune_domain::web_address::MAX_URL_BYTES {
        return Err(invalid("That address is too long.").into());
    }
    let mut url = url::Url::parse(raw).map_err(|_| {
        invalid("The feed's address must be a full web address starting with https:// or http://.")
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(invalid(
            "The feed's address must be a full web address starting with https:// or http://.",
        )
        .into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid("The feed's address must not contain a user name or password.").into());
    }
    url.set_fragment(None);
    Ok(url.to_string())
}

fn build_client(base_url: &str) -> std::result::Result<reqwest::Client, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("setting up TLS: {e}"))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    reqwest::Client::builder()
        .user_agent(format!(
            "Tribune/{} (newsroom feed reader; +{base_url})",
            env!("CARGO_PKG_VERSION")
        ))
        .redirect(reqwest::redirect::Policy::limited(MAX_REDIRECTS))
        .connect_timeout(Duration::from_secs(10))
        .tls_backend_preconfigured(tls)
        .build()
        .map_err(|e| format!("setting up the HTTP client: {e}"))
}

/// A fetch error as a sentence for the operator.
fn describe(err: &reqwest::Error, timeout_secs: u64) -> String {
    if err.is_timeout() {
        let unit = if timeout_secs == 1 {
            "second"
        } else {
            "seconds"
        };
        return format!("The feed did not answer within {timeout_secs} {unit}.");
    }
    if err.is_redirect() {
        return format!(
            "The feed redirected more than {MAX_REDIRECTS} times; give its final address."
        );
    }
    let mut causes = Vec::new();
    let mut source: Option<&dyn std::error::Error> = std::error::Error::source(err);
    while let Some(cause) = source {
        let text = cause.to_string();
        if !causes.contains(&text) {
            causes.push(text);
        }
        source = cause.source();
    }
    let cause = causes.last().cloned().unwrap_or_else(|| err.to_string());
    if err.is_connect() {
        format!("Could not connect to the feed's server: {cause}.")
    } else {
        format!("Could not read the feed: {cause}.")
    }
}

fn parse_feed(url: &str, body: &[u8]) -> std::result::Result<Feed, String> {
    feed_rs::parser::Builder::new()
        .base_uri(Some(url))
        .build()
        .parse(body)
        .map_err(|e| format!("The address answered, but not with an RSS or Atom feed ({e})."))
}

fn feed_title(feed: &Feed) -> Option<String> {
    feed.title
        .as_ref()
        .map(|t| tribune_text::excerpt(&tribune_text::plain_text(&t.content), MAX_SOURCE_CHARS - 1))
        .filter(|t| !t.is_empty())
}

/// What every item of one feed shares.
struct FeedContext {
    title: String,
    rights: String,
}

impl FeedContext {
    fn of(feed: &Feed) -> Self {
        Self {
            title: feed_title(feed).unwrap_or_default(),
            rights: feed
                .rights
                .as_ref()
                .map(|r| text(&r.content, MAX_RIGHTS_CHARS))
                .unwrap_or_default(),
        }
    }
}

#[derive(Debug, Default)]
struct Tally {
    opened: usize,
    skipped: usize,
    last_skip: Option<String>,
}

impl Tally {
    fn skip(&mut self, reason: String) {
        self.skipped += 1;
        self.last_skip = Some(reason.chars().take(MAX_ERROR_CHARS).collect());
    }
}

/// An item ready to open: its keys and the article's fields.
#[derive(Debug)]
struct FeedItem {
    id_key: String,
    url_key: String,
    url: CanonicalUrl,
    fields: ArticleFields,
}

/// Plain text of feed HTML, cut at a word within `max_chars`.
fn text(html: &str, max_chars: usize) -> String {
    tribune_text::excerpt(&tribune_text::plain_text(html), max_chars.saturating_sub(1))
}

/// Maps a feed item to an article; `Err` says why it cannot be one.
fn feed_item(
    entry: &Entry,
    context: &FeedContext,
    first_seen: OffsetDateTime,
) -> std::result::Result<FeedItem, String> {
    let title = entry
        .title
        .as_ref()
        .map(|t| text(&t.content, MAX_HEADLINE_CHARS))
        .unwrap_or_default();
    let named = |what: &str| {
        if title.is_empty() {
            format!("An item ({}) {what}", entry.id)
        } else {
            format!("“{title}” {what}")
        }
    };
    let url =
        item_link(entry).ok_or_else(|| named("has no http(s) link to the article; skipped."))?;
    let lead_html = entry
        .summary
        .as_ref()
        .map(|s| s.content.as_str())
        .or_else(|| entry.content.as_ref().and_then(|c| c.body.as_deref()))
        .unwrap_or_default();
    let lead = text(lead_html, MAX_LEAD_CHARS);
    let headline = if title.is_empty() {
        tribune_text::excerpt(&lead, 120)
    } else {
        title
    };
    if headline.is_empty() {
        return Err(format!(
            "An item ({url}) has neither a title nor a description; skipped."
        ));
    }
    let byline = entry
        .authors
        .iter()
        .filter_map(person_name)
        .collect::<Vec<_>>()
        .join(", ");
    let published = entry
        .published
        .or(entry.updated)
        .and_then(|at| {
            OffsetDateTime::from_unix_timestamp_nanos(i128::from(at.timestamp_micros()) * 1_000)
                .ok()
        })
        // A feed cannot date an article in the future (it would stay off the front page).
        .map_or(first_seen, |at| at.min(first_seen));
    let rights = entry
        .rights
        .as_ref()
        .map(|r| text(&r.content, MAX_RIGHTS_CHARS))
        .filter(|r| !r.is_empty())
        .unwrap_or_else(|| context.rights.clone());
    let mut tags: Vec<String> = Vec::new();
    for category in &entry.categories {
        let raw = category.label.as_deref().unwrap_or(&category.term);
        let tag = tribune_text::plain_text(raw);
        if !tag.is_empty() && tag.chars().count() <= MAX_TAG_CHARS && !tags.contains(&tag) {
            tags.push(tag);
        }
        if tags.len() == MAX_TAGS {
            break;
        }
    }
    let id = entry.id.trim();
    let id_key = if id.len() > MAX_ID_BYTES {
        format!("id-sha256:{:x}", Sha256::digest(id.as_bytes()))
    } else {
        format!("id:{id}")
    };
    Ok(FeedItem {
        id_key,
        url_key: format!("url:{url}"),
        fields: ArticleFields {
            headline: headline.clone(),
            lead,
            byline: tribune_text::excerpt(&byline, MAX_BYLINE_CHARS - 1),
            source: context.title.clone(),
            rights,
            tags,
            canonical_url: url.to_string(),
            published_at: Some(published),
            ..ArticleFields::default()
        },
        url,
    })
}

/// The item's article: its first alternate (or plain) http(s) link, else an id that is one
/// (RSS `guid` is a permalink unless it says otherwise).
fn item_link(entry: &Entry) -> Option<CanonicalUrl> {
    entry
        .links
        .iter()
        .filter(|link| {
            link.target.is_none()
                && link
                    .rel
                    .as_deref()
                    .is_none_or(|rel| rel.eq_ignore_ascii_case("alternate"))
        })
        .map(|link| link.href.as_str())
        .chain(
            Some(entry.id.trim())
                .filter(|id| id.starts_with("https://") || id.starts_with("http://")),
        )
        .find_map(|href| CanonicalUrl::parse(href, "canonical_url").ok())
}

/// A person's name as a byline shows it; an address alone is no name.
fn person_name(person: &Person) -> Option<String> {
    let name = tribune_text::plain_text(person.name.as_deref()?);
    let name = match (name.find('('), name.rfind(')')) {
        // `desk@news.example (Ama Owusu)`, as RSS writes authors.
        (Some(open), Some(close)) if open < close && name[..open].contains('@') => {
            name[open + 1..close].trim().to_owned()
        }
        // The same, as feed-rs leaves it once it took the address: `(Ama Owusu)`.
        _ => name
            .strip_prefix('(')
            .and_then(|n| n.strip_suffix(')'))
            .map_or(name.clone(), |n| n.trim().to_owned()),
    };
    let address_alone = name.contains('@') && !name.contains(' ');
    (!name.is_empty() && !address_alone).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-26 08:00 UTC);

    fn items(xml: &str) -> Vec<std::result::Result<FeedItem, String>> {
        let feed = parse_feed("https://news.example/feed.xml", xml.as_bytes()).unwrap();
        let context = FeedContext::of(&feed);
        feed.entries
            .iter()
            .map(|e| feed_item(e, &context, NOW))
            .collect()
    }

    #[test]
    fn rss_items_become_articles() {
        let xml = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>The Valley &amp; Coast Gazette</title><link>https://news.example/</link>
<copyright>© Valley Gazette</copyright>
<item><title>Ferry &lt;b&gt;timetable&lt;/b&gt; changes</title>
<link>https://news.example/ferry?utm_source=rss</link>
<description><![CDATA[<p>The winter <em>timetable</em> starts.</p><p>Two crossings fewer.</p><script>x()</script>]]></description>
<dc:creator>Ama Owusu</dc:creator><category>Transport</category><category>Transport</category>
<guid isPermaLink="false">ferry-1</guid><pubDate>Tue, 24 Nov 2026 07:30:00 +0000</pubDate></item>
<item><title>No link here</title><guid isPermaLink="false">x</guid></item>
<item><title>Guid is the link</title><guid>https://news.example/guid-link/</guid>
<author>desk@news.example (Idris Pelham)</author><pubDate>not a date</pubDate></item>
<item><title>From the future</title><link>https://news.example/future</link>
<pubDate>2099-01-01T00:00:00Z</pubDate></item>
</channel></rss>"#;
        let items = items(xml);
        let first = items[0].as_ref().unwrap();
        assert_eq!(first.fields.headline, "Ferry timetable changes");
        assert_eq!(
            first.fields.lead,
            "The winter timetable starts. Two crossings fewer."
        );
        assert_eq!(first.fields.byline, "Ama Owusu");
        assert_eq!(first.fields.canonical_url, "https://news.example/ferry");
        assert_eq!(first.fields.source, "The Valley & Coast Gazette");
        assert_eq!(first.fields.rights, "© Valley Gazette");
        assert_eq!(first.fields.tags, vec!["Transport".to_owned()]);
        assert_eq!(
            first.fields.body, "",
            "the article stays on the newsroom's site"
        );
        assert_eq!(
            first.fields.published_at,
            Some(datetime!(2026-11-24 07:30 UTC))
        );
        assert_eq!(first.id_key, "id:ferry-1");
        assert_eq!(first.url_key, "url:https://news.example/ferry");

        let no_link = items[1].as_ref().unwrap_err();
        assert!(no_link.contains("No link here") && no_link.contains("no http(s) link"));

        let guid = items[2].as_ref().unwrap();
        assert_eq!(guid.fields.canonical_url, "https://news.example/guid-link");
        assert_eq!(guid.fields.byline, "Idris Pelham");
        assert_eq!(
            guid.fields.published_at,
            Some(NOW),
            "a garbage date is first sight"
        );

        let future = items[3].as_ref().unwrap();
        assert_eq!(future.fields.published_at, Some(NOW));
    }

    #[test]
    fn atom_entries_become_articles() {
        let xml = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Harbour &lt;i&gt;Desk&lt;/i&gt;</title>
<id>urn:x</id><updated>2026-11-25T10:00:00Z</updated><rights>Harbour Desk, all rights</rights>
<entry><title>Quay repairs</title><id>urn:quay</id>
<link rel="replies" href="https://news.example/quay#comments"/>
<link rel="alternate" href="/quay"/>
<updated>2026-11-25T09:00:00+01:00</updated>
<summary type="html">&lt;p&gt;Work starts in spring.&lt;/p&gt;</summary>
<author><name>Lin Okafor</name></author><author><name>Sam Reyes</name></author>
<category term="harbour" label="The Harbour"/>
</entry></feed>"#;
        let items = items(xml);
        let quay = items[0].as_ref().unwrap();
        assert_eq!(quay.fields.headline, "Quay repairs");
        assert_eq!(quay.fields.canonical_url, "https://news.example/quay");
        assert_eq!(quay.fields.lead, "Work starts in spring.");
        assert_eq!(quay.fields.byline, "Lin Okafor, Sam Reyes");
        assert_eq!(quay.fields.source, "Harbour Desk");
        assert_eq!(quay.fields.rights, "Harbour Desk, all rights");
        assert_eq!(quay.fields.tags, vec!["The Harbour".to_owned()]);
        assert_eq!(
            quay.fields.published_at,
            Some(datetime!(2026-11-25 08:00 UTC))
        );
    }

    #[test]
    fn rss_1_items_become_articles() {
        let xml = r#"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://news.example/"><title>Moor Weekly</title><link>https://news.example/</link>
<description>x</description><dc:rights>Moor Weekly rights</dc:rights></channel>
<item rdf:about="https://news.example/sheep"><title>Sheep fair returns</title>
<link>https://news.example/sheep</link><description>Pens open at eight.</description>
<dc:creator>Ruth Ames</dc:creator><dc:date>2026-11-21T12:00:00Z</dc:date></item>
</rdf:RDF>"#;
        let items = items(xml);
        let sheep = items[0].as_ref().unwrap();
        assert_eq!(sheep.fields.headline, "Sheep fair returns");
        assert_eq!(sheep.fields.canonical_url, "https://news.example/sheep");
        assert_eq!(sheep.fields.lead, "Pens open at eight.");
        assert_eq!(sheep.fields.byline, "Ruth Ames");
        assert_eq!(sheep.fields.source, "Moor Weekly");
        assert_eq!(
            sheep.fields.published_at,
            Some(datetime!(2026-11-21 12:00 UTC))
        );
    }

    #[test]
    fn long_text_is_cut_within_the_limits() {
        let long = "word ".repeat(1_000);
        let xml = format!(
            r#"<rss version="2.0"><channel><title>T</title><item><title>{long}</title>
<link>https://news.example/long</link><description>{long}</description></item></channel></rss>"#
        );
        let items = items(&xml);
        let item = items[0].as_ref().unwrap();
        assert!(item.fields.headline.chars().count() <= MAX_HEADLINE_CHARS);
        assert!(item.fields.lead.chars().count() <= MAX_LEAD_CHARS);
        assert!(item.fields.headline.ends_with('…'));
        tribune_domain::ArticleDraft::parse(item.fields.clone(), NOW).unwrap();
    }

    #[test]
    fn feed_addresses() {
        assert_eq!(
            feed_url(" https://News.Example/rss.xml#top ").unwrap(),
            "https://news.example/rss.xml"
        );
        for bad in [
            "",
            "news.example/rss",
            "ftp://news.example/x",
            "https://u:p@news.example/",
        ] {
            assert!(feed_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn not_a_feed() {
        let err = parse_feed("https://news.example/", b"<html><body>Hi</body></html>").unwrap_err();
        assert!(err.contains("not with an RSS or Atom feed"), "{err}");
    }
}
