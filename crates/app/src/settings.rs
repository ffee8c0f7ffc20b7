//! The configuration: one TOML file, overridden by `TRIBUNE_*` environment variables and
//! command-line flags (the server crate does the layering). `config.example.toml` at the
//! repository root documents every key with its default; a test keeps the two in step.

use std::net::IpAddr;

use ipnet::IpNet;
use serde::{Deserialize, Serialize};
use tribune_assess::{Assessor, Thresholds};
use tribune_domain::CanonicalUrl;
use tribune_domain::comment::DiscussionView;
use tribune_domain::moderation::ModerationMode;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Address and port the server listens on.
    pub listen: String,
    /// `sqlite://FILE` (created on first start) or `postgres://USER@HOST:PORT/DB`.
    pub database: String,
    /// The address readers use to reach the site. Cookies are marked Secure (and take the
    /// `__Host-` prefix) when it starts with https://.
    pub public_url: String,
    pub site: SiteSettings,
    pub comments: CommentSettings,
    pub accounts: AccountSettings,
    pub moderation: ModerationSettings,
    pub rate_limits: RateLimitSettings,
    pub http: HttpSettings,
    pub live: LiveSettings,
    pub log: LogSettings,
    pub notifications: NotificationSettings,
    pub email: EmailSettings,
    pub embed: EmbedSettings,
    pub isso: IssoSettings,
    pub newsroom_feeds: NewsroomFeedSettings,
    pub proof_of_work: ProofOfWorkSettings,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SiteSettings {
    /// The site's name, in page titles and the header.
    pub name: String,
    /// One line under the name on the front page.
    pub tagline: String,
    /// The house rules page, in Markdown.
    pub house_rules: String,
    /// The language of pages for readers whose browser asks for none Tribune speaks
    /// (`en`, `fr`); readers may choose another at the foot of every page.
    pub language: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CommentSettings {
    /// The longest comment accepted, in characters.
    pub max_length: usize,
    /// Comments per page of a discussion in flat view.
    pub page_size: usize,
    /// Threads (a top-level comment with its replies) per page in threaded view.
    pub threads_per_page: usize,
    /// Replies shown under each thread on a page of threads; the rest are one click away.
    pub replies_per_thread: usize,
    /// How long authors may edit a comment after posting it, in minutes.
    pub edit_window_minutes: i64,
    /// The layout readers get unless they choose: `flat` or `threaded`.
    pub default_view: DiscussionView,
    /// In threaded view, how many levels replies nest before continuing flat.
    pub thread_depth: usize,
    /// Discussions close this many days after the article's publication unless the article
    /// sets its own closing time; 0 keeps them open.
    pub close_after_days: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ModerationSettings {
    /// For articles whose policy is `open`: `post` (publish unless the assessment holds),
    /// `pre` (every comment waits for a moderator) or `pre-untrusted` (comments of accounts
    /// not yet trusted wait).
    pub mode: ModerationMode,
    /// Under `pre-untrusted`, an account is trusted once this many of its comments are
    /// published (0: only when a moderator marks it trusted).
    pub trusted_after: i64,
    /// Open reports that send a published comment to the reported queue (one report of
    /// illegal content always does).
    pub reports_to_queue: i64,
    /// Tell authors before posting when their comment would be held as likely abusive, so
    /// they can revise it.
    pub warn_authors: bool,
    /// Abuse score (0–1) from which a comment is held for a moderator.
    pub hold_threshold: f32,
    /// Abuse score from which a comment is rejected outright.
    pub reject_threshold: f32,
    /// Spam score from which a comment is held.
    pub spam_hold_threshold: f32,
    /// Spam score from which a comment is rejected outright.
    pub spam_reject_threshold: f32,
    /// Links to these domains (and their subdomains) mark a comment as spam.
    pub blocked_domains: Vec<String>,
    /// How far back, in minutes, duplicates and bursts of comments are looked for.
    pub recent_window_minutes: i64,
}

/// At most `max` actions in each window of `per_secs` seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limit {
    pub max: u32,
    pub per_secs: u32,
}

impl Limit {
    const fn new(max: u32, per_secs: u32) -> Self {
        Self { max, per_secs }
    }
}

/// How often one account or one address may act. Counted in the database, so the limits
/// hold across every node of a site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RateLimitSettings {
    /// `false` turns every limit off (load tests, local acceptance runs); so does the
    /// environment variable `TRIBUNE_RATE_LIMITS=off`.
    pub enabled: bool,
    pub comments_per_account: Limit,
    pub comments_per_address: Limit,
    pub signups_per_address: Limit,
    pub logins_per_address: Limit,
    /// Log-in attempts for one email address, whoever makes them (credential stuffing).
    pub logins_per_account: Limit,
    pub reports_per_account: Limit,
    /// Password-reset requests from one address.
    pub password_resets_per_address: Limit,
    /// Links by email (password resets, new verification links) asked for one email
    /// address, whoever asks.
    pub emails_per_account: Limit,
}

impl Default for RateLimitSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            comments_per_account: Limit::new(6, 60),
            comments_per_address: Limit::new(30, 60),
            signups_per_address: Limit::new(5, 3600),
            logins_per_address: Limit::new(30, 300),
            logins_per_account: Limit::new(10, 300),
            reports_per_account: Limit::new(20, 3600),
            password_resets_per_address: Limit::new(10, 3600),
            emails_per_account: Limit::new(5, 3600),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AccountSettings {
    /// How long a log-in lasts, in days.
    pub session_days: i64,
    /// Readers must verify their email address (with the link sent at sign-up) before they
    /// post. Needs email (`[email]`).
    pub require_verified_email: bool,
    /// What happens to a reader's comments when they delete their account: `anonymise`
    /// (they stay, signed "Former reader") or `remove` (their text goes; replies to them stay
    /// readable in place).
    pub deleted_comments: DeletedCommentsSetting,
}

/// The most `http.max_staleness_ms` may be: a view may lag behind a change it did not hear
/// of by this much.
const MAX_STALENESS_MS: u64 = 10_000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HttpSettings {
    /// The largest request body accepted on reader routes, in bytes (larger: 413).
    pub max_body_bytes: usize,
    /// The largest request body accepted for articles from editors, in bytes.
    pub max_article_bytes: usize,
    /// Seconds a request may take before the server gives up on it and answers 503.
    pub request_timeout_secs: u64,
    /// Rendered discussion pages kept in memory (for readers who are not signed in, and for
    /// a few seconds for each signed-in one, in a quarter of the room); 0 turns the cache off.
    pub page_cache_entries: usize,
    /// The most memory those pages take, in MiB, all encodings counted: the least recently
    /// used go first.
    pub page_cache_mib: usize,
    /// How long, in milliseconds, a node may answer a page view from memory without asking
    /// the database: whether an article's discussion changed (changes made through this
    /// node, and on PostgreSQL through any node, are heard at once; this bounds the others,
    /// such as the command line writing the SQLite file), and who a signed-in reader is
    /// (a ban or a notification from elsewhere shows this late; writes always ask). 0: ask
    /// every time.
    pub max_staleness_ms: u64,
    /// Reverse proxies (addresses or CIDR networks) whose `X-Forwarded-For` is believed when
    /// working out a reader's address.
    pub trusted_proxies: Vec<String>,
}

/// Other sites showing Tribune's discussions under their articles (`embed.js`, the
/// comment counts, the Isso-compatible API).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EmbedSettings {
    /// The newsroom sites (origins such as `https://news.example`) whose pages may embed
    /// discussions. A discussion opens by itself the first time one of their pages shows
    /// it; the scheme and port written here are the canonical ones for the site.
    pub allowed_origins: Vec<String>,
    /// The secret the newsroom's site signs single sign-on tokens with (HS256 JWTs naming its
    /// reader: `sub`, `name`, `email`, `exp`). Empty: no single sign-on.
    pub sso_secret: String,
}

impl EmbedSettings {
    /// The allowlist, each entry as a canonical origin.
    pub fn origins(&self) -> Result<Vec<CanonicalUrl>, String> {
        self.allowed_origins
            .iter()
            .map(|raw| {
                let url = CanonicalUrl::parse(raw, "allowed_origins").map_err(|e| {
                    format!(
                        "embed.allowed_origins: `{raw}` is not an origin: {}",
                        e.message
                    )
                })?;
                if url.path_and_query() != "/" {
                    return Err(format!(
                        "embed.allowed_origins: `{raw}` must be an origin alone, such as \
                         https://news.example (no path)"
                    ));
                }
                Ok(url)
            })
            .collect()
    }
}

/// The Isso-compatible API: Isso 0.14's embed client, unchanged, pointed at Tribune
/// (`data-isso="https://tribune.example/isso/"`). Pages must be on `embed.allowed_origins`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IssoSettings {
    /// Whether the API is served.
    pub enabled: bool,
    /// Where it is mounted: a path such as `/isso` (not `/`, and none of Tribune's own).
    pub path: String,
    /// Comments without an account, as Isso takes them (name, email and website optional):
    /// each guest becomes an unclaimed profile. Off: only readers signed in to Tribune on
    /// the same site may post through the API.
    pub guest_comments: bool,
    /// Guests must give an email address (Isso's `require-email`).
    pub require_email: bool,
    /// Guests must give a name (Isso's `require-author`).
    pub require_author: bool,
    /// Every guest comment waits for a moderator, whatever the article's policy.
    pub moderate_guests: bool,
    /// Serves `GET /latest` (Isso's `latest-enabled`).
    pub latest_enabled: bool,
}

impl Default for IssoSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            path: "/isso".to_owned(),
            guest_comments: false,
            require_email: false,
            require_author: false,
            moderate_guests: false,
            latest_enabled: false,
        }
    }
}

/// A proof of work (a puzzle the browser solves, self-hosted) before sign-ups and guest
/// comments, against automated abuse.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProofOfWorkSettings {
    /// Sign-ups need one (pages and API). Signing up then needs JavaScript.
    pub signups: bool,
    /// Guest comments (the Isso-compatible API) need one, sent as `X-Tribune-Proof-Of-Work`.
    pub guest_comments: bool,
    /// Leading zero bits the answer's SHA-256 must have: each one doubles the work (16 is
    /// about 65,000 hashes, a second or less in a browser).
    pub bits: u8,
    /// Minutes a challenge stays valid.
    pub valid_minutes: i64,
}

impl Default for ProofOfWorkSettings {
    fn default() -> Self {
        Self {
            signups: false,
            guest_comments: false,
            bits: 16,
            valid_minutes: 10,
        }
    }
}

/// Following newsroom feeds (RSS or Atom) that open a discussion for each new article; the
/// feeds themselves are added with `tribune feed add` or on the admin pages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NewsroomFeedSettings {
    /// Minutes between two polls of a feed; a failing feed waits twice as long after each
    /// failure, up to six hours.
    pub poll_minutes: i64,
    /// Seconds a fetch of a feed may take, all of it.
    pub timeout_secs: u64,
    /// The largest feed read, in bytes (after decompression); a larger one is an error.
    pub max_bytes: usize,
}

impl Default for NewsroomFeedSettings {
    fn default() -> Self {
        Self {
            poll_minutes: 10,
            timeout_secs: 20,
            max_bytes: 5 * 1024 * 1024,
        }
    }
}

impl IssoSettings {
    /// Paths Tribune uses itself, which the API may not be mounted over.
    const TAKEN: [&'static str; 21] = [
        "/api",
        "/discussions",
        "/embed.js",
        "/account",
        "/admin",
        "/articles",
        "/comments",
        "/embed",
        "/feeds",
        "/healthz",
        "/login",
        "/logout",
        "/metrics",
        "/moderation",
        "/notifications",
        "/password-reset",
        "/rules",
        "/signup",
        "/static",
        "/unsubscribe",
        "/users",
    ];

    fn validate(&self) -> Result<(), String> {
        let path = self.path.as_str();
        let well_formed = path.len() > 1
            && path.starts_with('/')
            && !path.ends_with('/')
            && path[1..].split('/').all(|segment| {
                !segment.is_empty()
                    && segment
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            });
        if !well_formed {
            return Err(format!(
                "isso.path must be a path such as /isso (letters, digits, - and _; no trailing \
                 slash), not `{path}`"
            ));
        }
        if let Some(taken) = Self::TAKEN
            .iter()
            .find(|t| path == **t || path.starts_with(&format!("{t}/")))
        {
            return Err(format!(
                "isso.path `{path}` is under {taken}, which Tribune uses"
            ));
        }
        Ok(())
    }
}

/// Live discussions (Server-Sent Events).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LiveSettings {
    /// Live streams one node holds at most; beyond, readers get 503 and their page simply
    /// stops updating until they reload. Each stream is one open connection (a file
    /// descriptor: raise `ulimit -n` above this).
    pub max_streams: usize,
    /// Seconds between heartbeats on an idle stream, so proxies keep it open.
    pub heartbeat_secs: u64,
    /// Hours the discussions' event log is kept; a reader away longer reloads the page.
    pub keep_events_hours: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NotificationSettings {
    /// How often each node looks for new replies, mentions and moderators' decisions to
    /// notify, and for mail to send, in milliseconds.
    pub interval_ms: u64,
    /// The hour of the day (UTC, 0–23) at which daily digests go out.
    pub digest_hour: u8,
}

/// Sending email. Messages wait in the database (the outbox) and every node's mailer sends
/// what is due, so no request waits for an SMTP server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EmailSettings {
    /// The SMTP server: `smtp://host:port` (plain, or `?tls=required` for STARTTLS),
    /// `smtps://user:password@host` (TLS from the start). Empty: the site sends no email, and
    /// what needs it (verifying addresses, resetting passwords) says so.
    pub smtp_url: String,
    /// The sender, with a name: `Tribune <news@example.org>`. Required with `smtp_url`.
    pub from: String,
    /// How often, in seconds, each node looks for mail to send (mail queued on a node is sent
    /// at once by that node).
    pub poll_secs: u64,
    /// Seconds before the first retry of a failed message; each retry waits twice as long,
    /// up to six hours.
    pub retry_secs: u64,
    /// Attempts after which a message is given up (it stays in the outbox with its error).
    pub max_attempts: u32,
    /// Days sent messages stay in the outbox.
    pub keep_sent_days: i64,
    /// Hours an address-verification link stays valid.
    pub verification_hours: i64,
    /// Minutes a password-reset link stays valid.
    pub reset_minutes: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogSettings {
    /// `text` for people, `json` for log collectors.
    pub format: String,
    /// A tracing filter: `info`, `debug`, `tribune_web=debug,info`, …
    pub level: String,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8080".to_owned(),
            database: "sqlite://tribune.db".to_owned(),
            public_url: "http://127.0.0.1:8080".to_owned(),
            site: SiteSettings::default(),
            comments: CommentSettings::default(),
            accounts: AccountSettings::default(),
            moderation: ModerationSettings::default(),
            rate_limits: RateLimitSettings::default(),
            http: HttpSettings::default(),
            live: LiveSettings::default(),
            log: LogSettings::default(),
            email: EmailSettings::default(),
            notifications: NotificationSettings::default(),
            embed: EmbedSettings::default(),
            isso: IssoSettings::default(),
            newsroom_feeds: NewsroomFeedSettings::default(),
            proof_of_work: ProofOfWorkSettings::default(),
        }
    }
}

impl Default for NotificationSettings {
    fn default() -> Self {
        Self {
            interval_ms: 2000,
            digest_hour: 7,
        }
    }
}

impl Default for SiteSettings {
    fn default() -> Self {
        Self {
            name: "Tribune".to_owned(),
            tagline: "News, and the conversation about it.".to_owned(),
            house_rules: DEFAULT_HOUSE_RULES.to_owned(),
            language: "en".to_owned(),
        }
    }
}

impl Default for CommentSettings {
    fn default() -> Self {
        Self {
            max_length: 10_000,
            page_size: 50,
            threads_per_page: 15,
            replies_per_thread: 10,
            edit_window_minutes: 15,
            default_view: DiscussionView::Flat,
            thread_depth: 4,
            close_after_days: 0,
        }
    }
}

impl Default for ModerationSettings {
    fn default() -> Self {
        let thresholds = Thresholds::default();
        Self {
            mode: ModerationMode::Post,
            trusted_after: 3,
            reports_to_queue: 2,
            warn_authors: true,
            hold_threshold: thresholds.hold,
            reject_threshold: thresholds.reject,
            spam_hold_threshold: thresholds.spam_hold,
            spam_reject_threshold: thresholds.spam_reject,
            blocked_domains: Vec::new(),
            recent_window_minutes: 10,
        }
    }
}

impl ModerationSettings {
    pub fn thresholds(&self) -> Thresholds {
        Thresholds {
            hold: self.hold_threshold,
            reject: self.reject_threshold,
            spam_hold: self.spam_hold_threshold,
            spam_reject: self.spam_reject_threshold,
        }
    }

    /// The assessor these settings describe (the base model embedded; no site model yet).
    pub fn assessor(&self) -> Assessor {
        Assessor::new(self.thresholds(), &self.blocked_domains)
    }
}

/// `accounts.deleted_comments`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeletedCommentsSetting {
    Anonymise,
    Remove,
}

impl Default for AccountSettings {
    fn default() -> Self {
        Self {
            session_days: 30,
            require_verified_email: false,
            deleted_comments: DeletedCommentsSetting::Anonymise,
        }
    }
}

impl Default for HttpSettings {
    fn default() -> Self {
        Self {
            max_body_bytes: 64 * 1024,
            max_article_bytes: 1024 * 1024,
            request_timeout_secs: 30,
            page_cache_entries: 1000,
            page_cache_mib: 32,
            max_staleness_ms: 1000,
            trusted_proxies: Vec::new(),
        }
    }
}

impl Default for LiveSettings {
    fn default() -> Self {
        Self {
            max_streams: 20_000,
            heartbeat_secs: 15,
            keep_events_hours: 48,
        }
    }
}

impl Default for EmailSettings {
    fn default() -> Self {
        Self {
            smtp_url: String::new(),
            from: String::new(),
            poll_secs: 5,
            retry_secs: 60,
            max_attempts: 10,
            keep_sent_days: 7,
            verification_hours: 48,
            reset_minutes: 60,
        }
    }
}

impl EmailSettings {
    /// Whether the site sends email.
    pub fn enabled(&self) -> bool {
        !self.smtp_url.trim().is_empty()
    }
}

impl Default for LogSettings {
    fn default() -> Self {
        Self {
            format: "text".to_owned(),
            level: "info".to_owned(),
        }
    }
}

impl HttpSettings {
    /// The trusted proxies as networks (an address alone is a network of one).
    pub fn trusted_networks(&self) -> Result<Vec<IpNet>, String> {
        self.trusted_proxies
            .iter()
            .map(|entry| {
                let entry = entry.trim();
                entry
                    .parse::<IpNet>()
                    .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| {
                        format!(
                            "http.trusted_proxies: `{entry}` is neither an address nor a CIDR \
                             network (such as 10.0.0.0/8)"
                        )
                    })
            })
            .collect()
    }
}

impl Settings {
    /// Whether the site is served over https, which decides the cookie attributes.
    pub fn is_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The public URL without a trailing slash.
    pub fn base_url(&self) -> &str {
        self.public_url.trim_end_matches('/')
    }

    /// Checks what serde cannot: values in range, URLs of the right shape.
    pub fn validate(&self) -> Result<(), String> {
        if !(self.public_url.starts_with("http://") || self.public_url.starts_with("https://")) {
            return Err(format!(
                "public_url must start with http:// or https://, not `{}`",
                self.public_url
            ));
        }
        if self.comments.max_length == 0 || self.comments.max_length > 100_000 {
            return Err("comments.max_length must be between 1 and 100000".to_owned());
        }
        if self.comments.page_size == 0 || self.comments.page_size > 500 {
            return Err("comments.page_size must be between 1 and 500".to_owned());
        }
        if self.comments.threads_per_page == 0 || self.comments.threads_per_page > 500 {
            return Err("comments.threads_per_page must be between 1 and 500".to_owned());
        }
        if self.comments.edit_window_minutes < 0 {
            return Err("comments.edit_window_minutes cannot be negative".to_owned());
        }
        if !(1..=20).contains(&self.comments.thread_depth) {
            return Err("comments.thread_depth must be between 1 and 20".to_owned());
        }
        if self.comments.close_after_days < 0 {
            return Err("comments.close_after_days cannot be negative".to_owned());
        }
        if !(1..=3600).contains(&self.http.request_timeout_secs) {
            return Err("http.request_timeout_secs must be between 1 and 3600".to_owned());
        }
        if !(1..=3600).contains(&self.live.heartbeat_secs) {
            return Err("live.heartbeat_secs must be between 1 and 3600".to_owned());
        }
        if self.live.keep_events_hours < 1 {
            return Err("live.keep_events_hours must be at least 1".to_owned());
        }
        let m = &self.moderation;
        for (name, value) in [
            ("hold_threshold", m.hold_threshold),
            ("reject_threshold", m.reject_threshold),
            ("spam_hold_threshold", m.spam_hold_threshold),
            ("spam_reject_threshold", m.spam_reject_threshold),
        ] {
            if !(0.0..=1.0).contains(&value) {
                return Err(format!("moderation.{name} must be between 0 and 1"));
            }
        }
        if m.hold_threshold > m.reject_threshold || m.spam_hold_threshold > m.spam_reject_threshold
        {
            return Err(
                "moderation hold thresholds must not exceed the reject thresholds".to_owned(),
            );
        }
        if m.trusted_after < 0 || m.reports_to_queue < 1 || m.recent_window_minutes < 1 {
            return Err(
                "moderation.trusted_after must be at least 0, reports_to_queue and \
                 recent_window_minutes at least 1"
                    .to_owned(),
            );
        }
        let r = &self.rate_limits;
        for (name, limit) in [
            ("comments_per_account", r.comments_per_account),
            ("comments_per_address", r.comments_per_address),
            ("signups_per_address", r.signups_per_address),
            ("logins_per_address", r.logins_per_address),
            ("logins_per_account", r.logins_per_account),
            ("reports_per_account", r.reports_per_account),
            ("password_resets_per_address", r.password_resets_per_address),
            ("emails_per_account", r.emails_per_account),
        ] {
            if limit.max == 0 || limit.per_secs == 0 || limit.per_secs > 7 * 24 * 3600 {
                return Err(format!(
                    "rate_limits.{name} needs max of at least 1 and per_secs from 1 to 604800"
                ));
            }
        }
        if self.accounts.session_days < 1 {
            return Err("accounts.session_days must be at least 1".to_owned());
        }
        self.http.trusted_networks()?;
        if self.http.max_body_bytes < 1024 {
            return Err("http.max_body_bytes must be at least 1024".to_owned());
        }
        if self.http.max_staleness_ms > MAX_STALENESS_MS {
            return Err(format!(
                "http.max_staleness_ms must be at most {MAX_STALENESS_MS}: a page view may lag \
                 behind a change by a few seconds, not longer"
            ));
        }
        if !(10..=3_600_000).contains(&self.notifications.interval_ms) {
            return Err("notifications.interval_ms must be between 10 and 3600000".to_owned());
        }
        if self.notifications.digest_hour > 23 {
            return Err("notifications.digest_hour must be an hour from 0 to 23".to_owned());
        }
        self.validate_email()?;
        self.embed.origins()?;
        if !(8..=28).contains(&self.proof_of_work.bits)
            || !(1..=1440).contains(&self.proof_of_work.valid_minutes)
        {
            return Err(
                "proof_of_work.bits must be between 8 and 28, valid_minutes between 1 and 1440"
                    .to_owned(),
            );
        }
        if !self.embed.sso_secret.is_empty() && self.embed.sso_secret.len() < 32 {
            return Err("embed.sso_secret must be at least 32 characters long".to_owned());
        }
        self.isso.validate()?;
        tribune_i18n::Lang::of_site(&self.site.language).map_err(|e| e.to_string())?;
        let f = &self.newsroom_feeds;
        if !(1..=1440).contains(&f.poll_minutes) {
            return Err("newsroom_feeds.poll_minutes must be between 1 and 1440".to_owned());
        }
        if !(1..=300).contains(&f.timeout_secs) {
            return Err("newsroom_feeds.timeout_secs must be between 1 and 300".to_owned());
        }
        if !(1024..=100 * 1024 * 1024).contains(&f.max_bytes) {
            return Err("newsroom_feeds.max_bytes must be between 1024 and 104857600".to_owned());
        }
        if !matches!(self.log.format.as_str(), "text" | "json") {
            return Err(format!(
                "log.format must be text or json, not `{}`",
                self.log.format
            ));
        }
        Ok(())
    }
}

impl Settings {
    fn validate_email(&self) -> Result<(), String> {
        let e = &self.email;
        if e.poll_secs == 0 || e.retry_secs == 0 || e.max_attempts == 0 {
            return Err(
                "email.poll_secs, email.retry_secs and email.max_attempts must be at least 1"
                    .to_owned(),
            );
        }
        if e.keep_sent_days < 1 || e.verification_hours < 1 || e.reset_minutes < 1 {
            return Err("email.keep_sent_days, email.verification_hours and \
                        email.reset_minutes must be at least 1"
                .to_owned());
        }
        if !e.enabled() {
            if self.accounts.require_verified_email {
                return Err(
                    "accounts.require_verified_email needs email: set email.smtp_url \
                            and email.from"
                        .to_owned(),
                );
            }
            return Ok(());
        }
        crate::mail::check_settings(e)
    }
}

const DEFAULT_HOUSE_RULES: &str = "\
We want this to be the best place on the web to talk about the news. A few rules keep it so.

- **Argue with ideas, not with each other.** Criticise public figures' words and deeds as \
sharply as you like; personal attacks on other readers are removed.
- **No hate.** Attacks on people for who they are — their origin, faith, gender, sexuality or \
disability — are removed and can lead to a ban.
- **Stay on topic.** Each discussion is about its article.
- **Quote fairly.** When you quote the article or another reader, quote their words exactly.
- **No spam, no advertising, no impersonation.**

Moderators may hold, remove or explain comments, and may suspend accounts that break these \
rules repeatedly.";

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> String {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../config.example.toml");
        std::fs::read_to_string(path).expect("config.example.toml at the repository root")
    }

    #[test]
    fn example_config_documents_the_defaults() {
        let parsed: Settings = toml::from_str(&example()).expect("the example parses");
        assert_eq!(
            parsed,
            Settings::default(),
            "config.example.toml shows every default"
        );
        assert_eq!(parsed.validate(), Ok(()));
    }

    #[test]
    fn example_config_names_every_key() {
        let text = example();
        let defaults = toml::Value::try_from(Settings::default()).expect("settings serialize");
        let mut missing = Vec::new();
        let Some(table) = defaults.as_table() else {
            panic!("settings are a table")
        };
        for (key, value) in table {
            match value.as_table() {
                Some(section) => {
                    assert!(
                        text.contains(&format!("[{key}]")),
                        "section [{key}] missing"
                    );
                    for sub in section.keys() {
                        if !text.contains(&format!("\n{sub} =")) {
                            missing.push(format!("{key}.{sub}"));
                        }
                    }
                }
                None if !text.contains(&format!("\n{key} =")) => missing.push(key.clone()),
                None => {}
            }
        }
        assert!(missing.is_empty(), "undocumented keys: {missing:?}");
    }

    #[test]
    fn page_views_may_lag_behind_changes_by_seconds_at_most() {
        let mut settings = Settings::default();
        settings.http.max_staleness_ms = 0;
        assert_eq!(settings.validate(), Ok(()));
        settings.http.max_staleness_ms = 60_000;
        assert!(
            settings
                .validate()
                .is_err_and(|e| e.contains("http.max_staleness_ms"))
        );
    }

    #[test]
    fn trusted_proxies_must_be_addresses_or_networks() {
        let mut settings = Settings::default();
        settings.http.trusted_proxies = vec!["10.0.0.0/8".into(), "::1".into()];
        assert_eq!(settings.validate(), Ok(()));
        assert_eq!(settings.http.trusted_networks().map(|n| n.len()), Ok(2));
        settings.http.trusted_proxies.push("proxy.internal".into());
        assert!(
            settings
                .validate()
                .is_err_and(|e| e.contains("`proxy.internal`"))
        );
    }

    #[test]
    fn verified_addresses_need_email() {
        let mut settings = Settings::default();
        settings.accounts.require_verified_email = true;
        assert!(
            settings
                .validate()
                .is_err_and(|e| e.contains("email.smtp_url"))
        );
        settings.email.smtp_url = "smtp://127.0.0.1:2525".into();
        assert!(settings.validate().is_err_and(|e| e.contains("email.from")));
        settings.email.from = "Tribune <news@example.org>".into();
        assert_eq!(settings.validate(), Ok(()));
    }

    #[test]
    fn isso_path_is_checked() {
        let mut settings = Settings::default();
        for bad in ["/", "isso", "/isso/", "/a b", "/api/isso", "/static"] {
            settings.isso.path = bad.into();
            assert!(
                settings.validate().is_err_and(|e| e.contains("isso.path")),
                "{bad}"
            );
        }
        settings.isso.path = "/comments-isso/v1".into();
        assert_eq!(settings.validate(), Ok(()));
    }

    #[test]
    fn the_site_language_is_one_tribune_speaks() {
        let mut settings = Settings::default();
        settings.site.language = "de".into();
        assert!(
            settings
                .validate()
                .is_err_and(|e| e.contains("site.language is `de`") && e.contains("en, fr")),
        );
        settings.site.language = "fr".into();
        assert_eq!(settings.validate(), Ok(()));
    }

    #[test]
    fn a_request_has_at_least_a_second() {
        let mut settings = Settings::default();
        settings.http.request_timeout_secs = 0;
        assert!(
            settings
                .validate()
                .is_err_and(|e| e.contains("http.request_timeout_secs"))
        );
        settings.http.request_timeout_secs = 1;
        assert_eq!(settings.validate(), Ok(()));
    }

    #[test]
    fn unknown_keys_are_rejected() {
        assert!(toml::from_str::<Settings>("lisen = \"x\"").is_err());
    }
}
