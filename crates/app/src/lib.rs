//! Tribune's use cases: what a reader, an editor or an operator can do, whatever the
//! interface (HTML pages, JSON API, command line) they come through.
//!
//! Architecture invariant: every rule about who may do what, and every check on what they
//! send, runs here or in the domain, once; the web layer and the CLI only translate.

pub mod account_mail;
pub mod accounts;
pub mod articles;
pub mod comments;
pub mod demo;
pub mod embed;
mod error;
pub mod feeds;
pub mod imports;
pub mod isso;
pub mod live;
pub mod mail;
pub mod moderation;
pub mod newsroom_feeds;
pub mod notifications;
pub mod personal_data;
pub mod proof_of_work;
mod rate_limits;
mod recent_fingerprints;
mod secret;
pub mod seed;
pub mod settings;
mod shown_articles;
pub mod site_export;
mod viewing_sessions;

use std::sync::Arc;

use time::OffsetDateTime;
use tribune_store::Store;

pub use error::Error;
pub use mail::{Mail, Mailer};
pub use settings::Settings;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The application: the store and the settings every use case needs. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Tribune {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    store: Store,
    settings: Settings,
    /// Swapped whole when the site's trained model is reloaded.
    assessor: std::sync::RwLock<Arc<tribune_assess::Assessor>>,
    address_key: tokio::sync::OnceCell<String>,
    unsubscribe_key: tokio::sync::OnceCell<String>,
    guest_key: tokio::sync::OnceCell<String>,
    comment_token_key: tokio::sync::OnceCell<String>,
    proof_of_work_key: tokio::sync::OnceCell<String>,
    /// Wakes this node's mailer when mail is queued.
    mail_queued: tokio::sync::Notify,
    /// Which stored site model the assessor holds, so an unchanged one is not reloaded.
    site_model_digest: std::sync::Mutex<Option<String>>,
    /// The house rules, rendered once from the settings' Markdown.
    house_rules_html: String,
    /// Which discussions changed, for this node's live streams (see [`live`]).
    changes: tokio::sync::broadcast::Sender<tribune_store::Heard>,
    /// The articles readers are reading, with what changed dropped (see [`shown_articles`]).
    shown_articles: shown_articles::ShownArticles,
    /// Signed-in readers as their views see them (see [`viewing_sessions`]).
    viewing_sessions: viewing_sessions::ViewingSessions,
    /// The latest comments' fingerprints, for the near-duplicate check (see
    /// [`recent_fingerprints`]).
    recent_fingerprints: recent_fingerprints::RecentFingerprints,
    /// The HTTP client newsroom feeds are fetched with, made on first use.
    feed_client: std::sync::OnceLock<reqwest::Client>,
}

impl Tribune {
    pub fn new(store: Store, settings: Settings) -> Self {
        let house_rules_html = tribune_text::render_article(&settings.site.house_rules);
        let assessor = settings.moderation.assessor();
        let max_staleness = std::time::Duration::from_millis(settings.http.max_staleness_ms);
        Self {
            inner: Arc::new(Inner {
                store,
                assessor: std::sync::RwLock::new(Arc::new(assessor)),
                address_key: tokio::sync::OnceCell::new(),
                unsubscribe_key: tokio::sync::OnceCell::new(),
                guest_key: tokio::sync::OnceCell::new(),
                comment_token_key: tokio::sync::OnceCell::new(),
                proof_of_work_key: tokio::sync::OnceCell::new(),
                mail_queued: tokio::sync::Notify::new(),
                site_model_digest: std::sync::Mutex::new(None),
                settings,
                house_rules_html,
                // A stream that falls this far behind reads the event log again instead.
                changes: tokio::sync::broadcast::channel(1024).0,
                shown_articles: shown_articles::ShownArticles::new(max_staleness),
                viewing_sessions: viewing_sessions::ViewingSessions::new(max_staleness),
                recent_fingerprints: recent_fingerprints::RecentFingerprints::default(),
                feed_client: std::sync::OnceLock::new(),
            }),
        }
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    pub fn settings(&self) -> &Settings {
        &self.inner.settings
    }

    pub fn house_rules_html(&self) -> &str {
        &self.inner.house_rules_html
    }

    /// The current time, truncated to what storage keeps (microseconds), so that a value
    /// read back equals the value written.
    pub fn now() -> OffsetDateTime {
        let now = OffsetDateTime::now_utc();
        now.replace_nanosecond(now.nanosecond() / 1_000 * 1_000)
            .unwrap_or(now)
    }
}
