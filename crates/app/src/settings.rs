//! The configuration: one TOML file, overridden by `TRIBUNE_*` environment variables and
//! command-line flags (the server crate does the layering). `config.example.toml` at the
//! repository root documents every key with its default; a test keeps the two in step.

use serde::{Deserialize, Serialize};
use tribune_domain::comment::DiscussionView;

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
    pub http: HttpSettings,
    pub log: LogSettings,
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
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AccountSettings {
    /// How long a log-in lasts, in days.
    pub session_days: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HttpSettings {
    /// The largest request body accepted on reader routes, in bytes (larger: 413).
    pub max_body_bytes: usize,
    /// The largest request body accepted for articles from editors, in bytes.
    pub max_article_bytes: usize,
    /// Seconds a request may take before the server answers 408/503.
    pub request_timeout_secs: u64,
    /// Rendered discussion pages kept in memory for readers who are not signed in; 0 turns
    /// the cache off.
    pub page_cache_entries: usize,
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
            http: HttpSettings::default(),
            log: LogSettings::default(),
        }
    }
}

impl Default for SiteSettings {
    fn default() -> Self {
        Self {
            name: "Tribune".to_owned(),
            tagline: "News, and the conversation about it.".to_owned(),
            house_rules: DEFAULT_HOUSE_RULES.to_owned(),
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
        }
    }
}

impl Default for AccountSettings {
    fn default() -> Self {
        Self { session_days: 30 }
    }
}

impl Default for HttpSettings {
    fn default() -> Self {
        Self {
            max_body_bytes: 64 * 1024,
            max_article_bytes: 1024 * 1024,
            request_timeout_secs: 30,
            page_cache_entries: 1000,
        }
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
        if self.accounts.session_days < 1 {
            return Err("accounts.session_days must be at least 1".to_owned());
        }
        if self.http.max_body_bytes < 1024 {
            return Err("http.max_body_bytes must be at least 1024".to_owned());
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
    fn unknown_keys_are_rejected() {
        assert!(toml::from_str::<Settings>("lisen = \"x\"").is_err());
    }
}
