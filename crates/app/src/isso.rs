//! The use cases behind the Isso-compatible API (`[isso]`): Isso 0.14's embed client posting
//! to Tribune. Nothing here posts, assesses or moderates by itself: comments go through
//! [`Tribune::post_as`] like every other, guests as unclaimed profiles.
//!
//! - A thread is an article at a page of an allowlisted site (`embed.allowed_origins`); Isso's
//!   `uri` is a path on that site ([`Tribune::isso_address`]).
//! - Identity: a reader signed in to Tribune (same-site deployments) posts as themselves;
//!   otherwise, when `isso.guest_comments` is on, a guest posts as an unclaimed profile found
//!   by a keyed hash of the email they gave (else the network they wrote from) and their name.
//! - Edits and deletions are authorized by a token signed for the comment
//!   ([`Tribune::isso_token`]) that expires with Tribune's edit window.

use std::net::IpAddr;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use time::{Duration, OffsetDateTime};
use tribune_domain::article::ArticleFields;
use tribune_domain::{
    Article, CanonicalUrl, Comment, CommentStatus, DisplayName, Email, Invalid, User,
};
use tribune_store::NewUnclaimed;

use crate::accounts::Viewer;
use crate::comments::Submission;
use crate::secret::SiteSecret;
use crate::{Error, Result, Tribune};

/// The name an unclaimed profile has when the guest gave none; the API shows it as no name.
pub const ANONYMOUS: &str = "Anonymous";
/// The longest website address a guest may give (Isso's limit).
const MAX_WEBSITE: usize = 254;
/// Comments of one discussion the API reads at most (Isso has no paging beyond offsets).
pub const MAX_THREAD: i64 = 5_000;

/// A comment as Isso's client posts it.
#[derive(Debug, Clone, Default)]
pub struct IssoPost<'a> {
    pub text: &'a str,
    pub parent: Option<i64>,
    /// The page's title, which names the discussion when it is new.
    pub title: Option<&'a str>,
    pub author: Option<&'a str>,
    pub email: Option<&'a str>,
    pub website: Option<&'a str>,
    pub address: Option<IpAddr>,
    /// The answer to a proof-of-work challenge (`proof_of_work.guest_comments`).
    pub proof_of_work: Option<&'a str>,
}

/// What a like or dislike came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vote {
    pub likes: i64,
    /// Why the vote was not counted, if it was not.
    pub denied: Option<String>,
}

/// A signed edit token and when it stops working.
#[derive(Debug, Clone)]
pub struct CommentToken {
    pub token: String,
    pub expires_at: OffsetDateTime,
}

impl Tribune {
    /// The page an Isso `uri` names: a path (or an address) on the allowlisted site the
    /// request came from (its `Origin`, else its `Referer`), else on the first allowlisted site.
    pub fn isso_address(&self, uri: &str, from: &[&str]) -> Result<CanonicalUrl> {
        let uri = uri.trim();
        if uri.starts_with("http://") || uri.starts_with("https://") {
            return self.admit_url(uri);
        }
        if !uri.starts_with('/') {
            return Err(Invalid::new(
                "uri",
                "invalid_uri",
                "The thread's uri must be a path on the site, such as /news/story.",
            )
            .into());
        }
        let origins = self.settings().embed.origins().unwrap_or_default();
        let base = from
            .iter()
            .filter_map(|raw| CanonicalUrl::parse(raw, "origin").ok())
            .find_map(|url| origins.iter().find(|o| o.host() == url.host()))
            .or_else(|| origins.first())
            .ok_or(Error::Forbidden(
                "No site may show discussions yet: the operator lists them in \
                 embed.allowed_origins.",
            ))?;
        self.admit_url(&format!("{}{uri}", base.origin()))
    }

    /// Whether `origin` is one of the allowlisted sites (exactly: scheme, host and port).
    pub fn isso_allows_origin(&self, origin: &str) -> bool {
        self.settings()
            .embed
            .origins()
            .unwrap_or_default()
            .iter()
            .any(|o| o.origin() == origin.trim_end_matches('/'))
    }

    /// Every comment of a discussion the viewer may see, oldest first (deleted ones without
    /// their text), up to [`MAX_THREAD`].
    pub async fn isso_comments(&self, article: &Article, viewer: &Viewer) -> Result<Vec<Comment>> {
        let viewer_id = viewer.user().map(|u| u.id);
        Ok(self
            .store()
            .comments(
                article.id,
                viewer_id,
                None,
                tribune_domain::comment::CommentSort::Oldest,
                MAX_THREAD,
            )
            .await?
            .into_iter()
            .map(Comment::redacted)
            .collect())
    }

    /// Posts a comment from Isso's client under the page at `url`, opening the discussion
    /// from `post.title` if it has none yet. Signed-in readers post as themselves; others as
    /// guests when the site takes guest comments.
    pub async fn isso_post(
        &self,
        viewer: &Viewer,
        url: &CanonicalUrl,
        post: &IssoPost<'_>,
    ) -> Result<Comment> {
        let settings = &self.settings().isso;
        let guest;
        let (author, hold) = match viewer {
            Viewer::User(_) => (self.require_author(viewer)?, false),
            _ if settings.guest_comments => {
                self.check_proof_of_work(
                    crate::proof_of_work::Purpose::GuestComment,
                    post.proof_of_work,
                )
                .await?;
                guest = self.guest_profile(post).await?;
                if let Some(ban) = guest.ban_at(Self::now()) {
                    return Err(Error::Banned(ban.message()));
                }
                (&guest, settings.moderate_guests)
            }
            _ => {
                return Err(Error::Forbidden(
                    "This site takes comments only from signed-in readers: log in to Tribune \
                     to take part.",
                ));
            }
        };
        let article =
            match self.article_at(url).await? {
                Some(article) => article,
                None => {
                    let title = post.title.map(str::trim).filter(|t| !t.is_empty()).ok_or_else(|| {
                    Invalid::new(
                        "title",
                        "no_title",
                        format!(
                            "Cannot create new thread: URI {} is not accessible and no title \
                             was provided. Please provide a title parameter in your request.",
                            url.path_and_query()
                        ),
                    )
                })?;
                    self.open_article_at(ArticleFields {
                        headline: title.to_owned(),
                        canonical_url: url.to_string(),
                        ..Default::default()
                    })
                    .await?
                }
            };
        let submission = Submission {
            body: post.text,
            parent_id: post.parent,
            // Isso's client cannot show the warning: such a comment is held instead.
            acknowledge_warning: true,
            address: post.address,
        };
        self.post_as(author, &article, &submission, hold).await
    }

    /// The unclaimed profile of the guest who sends `post`, made on first use.
    async fn guest_profile(&self, post: &IssoPost<'_>) -> Result<User> {
        let settings = &self.settings().isso;
        let name = match given(post.author) {
            Some(raw) => DisplayName::parse(raw)?,
            None if settings.require_author => {
                return Err(Invalid::new("author", "empty", "Please give your name.").into());
            }
            None => DisplayName::parse(ANONYMOUS)?,
        };
        let email = match given(post.email) {
            Some(raw) => Some(Email::parse(raw)?),
            None if settings.require_email => {
                return Err(
                    Invalid::new("email", "empty", "Please give your email address.").into(),
                );
            }
            None => None,
        };
        let website = given(post.website).map(website).transpose()?;
        let email_hash = match &email {
            Some(email) => Some(self.unclaimed_email_hash(email).await?),
            None => None,
        };
        // Without an email, the network it came from tells guests of the same name apart.
        let who = match (&email_hash, post.address) {
            (Some(hash), _) => format!("email:{hash}"),
            (None, Some(address)) => format!("network:{}", network(address)),
            (None, None) => "network:unknown".to_owned(),
        };
        let key = self
            .guest_hash(&format!("{who}\u{0}name:{}", name.key()))
            .await?;
        Ok(self
            .store()
            .unclaimed_profile(&NewUnclaimed {
                key: &key,
                display_name: name.as_str(),
                email_hash: email_hash.as_deref(),
                website: website.as_deref(),
                created_at: Self::now(),
            })
            .await?)
    }

    async fn guest_mac(&self) -> Result<Hmac<Sha256>> {
        let key = self.site_secret(SiteSecret::Guest).await?;
        Hmac::<Sha256>::new_from_slice(key.as_bytes()).map_err(|e| Error::Internal(e.to_string()))
    }

    /// The keyed hash under which unclaimed profiles keep an email address: the one handle
    /// by which a reader who verifies that address claims them (guests and imported authors
    /// alike).
    pub(crate) async fn unclaimed_email_hash(&self, email: &Email) -> Result<String> {
        self.guest_hash(&format!("email:{}", email.as_str())).await
    }

    pub(crate) async fn guest_hash(&self, what: &str) -> Result<String> {
        let mut mac = self.guest_mac().await?;
        mac.update(what.as_bytes());
        Ok(hex(&mac.finalize().into_bytes()))
    }

    /// Isso's `hash` of an author: 12 hex digits that stay the same for one profile (the
    /// client draws an identicon from it) and tell nothing about them.
    pub async fn isso_author_hash(&self, author_id: i64) -> Result<String> {
        let mut hash = self.guest_hash(&format!("identicon:{author_id}")).await?;
        hash.truncate(12);
        Ok(hash)
    }

    async fn token_mac(&self, comment_id: i64, expires: i64) -> Result<Hmac<Sha256>> {
        let key = self.site_secret(SiteSecret::CommentToken).await?;
        let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes())
            .map_err(|e| Error::Internal(e.to_string()))?;
        mac.update(format!("comment:{comment_id}:{expires}").as_bytes());
        Ok(mac)
    }

    /// The token that lets whoever posted `comment` edit or delete it until Tribune's edit
    /// window (`comments.edit_window_minutes`, Isso's `max-age`) closes.
    pub async fn isso_token(&self, comment: &Comment) -> Result<CommentToken> {
        let window = Duration::minutes(self.settings().comments.edit_window_minutes);
        let expires_at = comment.created_at + window;
        let expires = expires_at.unix_timestamp();
        let mac = self.token_mac(comment.id, expires).await?.finalize();
        Ok(CommentToken {
            token: format!("{expires}.{}", URL_SAFE_NO_PAD.encode(mac.into_bytes())),
            expires_at,
        })
    }

    /// The comment `id` and its author, when `token` was signed for it and has not expired;
    /// otherwise Isso's 403.
    async fn by_token(&self, id: i64, token: Option<&str>) -> Result<(Comment, User)> {
        let forbidden = Error::Forbidden(
            "You can edit or delete a comment only from the browser that posted it, within \
             the edit window.",
        );
        let comment = self
            .store()
            .comment(id)
            .await?
            .ok_or(Error::NotFound("comment"))?;
        let Some((expires, signature)) = token.and_then(|t| t.split_once('.')) else {
            return Err(forbidden);
        };
        let (Ok(expires), Ok(signature)) =
            (expires.parse::<i64>(), URL_SAFE_NO_PAD.decode(signature))
        else {
            return Err(forbidden);
        };
        let valid = self
            .token_mac(id, expires)
            .await?
            .verify_slice(&signature)
            .is_ok();
        if !valid || expires <= Self::now().unix_timestamp() {
            return Err(forbidden);
        }
        let author = self.user(comment.author_id).await?;
        Ok((comment, author))
    }

    /// The comment a token holder may edit (Isso's `GET /id/N`), held ones included.
    pub async fn isso_own_comment(&self, id: i64, token: Option<&str>) -> Result<Comment> {
        Ok(self.by_token(id, token).await?.0.redacted())
    }

    /// Replaces the text of a comment for the holder of its token, assessed like any edit.
    pub async fn isso_edit(&self, id: i64, token: Option<&str>, text: &str) -> Result<Comment> {
        let (_, author) = self.by_token(id, token).await?;
        self.edit_as(&author, id, text, true).await
    }

    /// Deletes a comment for the holder of its token; replies stay.
    pub async fn isso_delete(&self, id: i64, token: Option<&str>) -> Result<Comment> {
        let (_, author) = self.by_token(id, token).await?;
        self.delete_as(&author, id).await
    }

    /// A like (`up`) or dislike from Isso's client. Tribune counts likes of signed-in readers
    /// only (its reactions); others are told so, in Isso's shape.
    pub async fn isso_vote(&self, viewer: &Viewer, id: i64, up: bool) -> Result<Vote> {
        let comment = self.comment(viewer, id).await?;
        let denied = |message: &str| Vote {
            likes: comment.reaction_count,
            denied: Some(message.to_owned()),
        };
        if !up {
            return Ok(denied(
                "Downvote denied: this site counts likes only, not dislikes.",
            ));
        }
        let Some(user) = viewer.user() else {
            return Ok(denied(
                "Upvote denied: only readers signed in to this site can like comments.",
            ));
        };
        let article = self.article_by_id(comment.article_id).await?;
        if self.reacted(&article, Some(user)).await?.contains(&id) {
            return Ok(denied(
                "Upvote denied because you have already liked this comment.",
            ));
        }
        match self.toggle_reaction(viewer, id).await {
            Ok((comment, _)) => Ok(Vote {
                likes: comment.reaction_count,
                denied: None,
            }),
            Err(Error::Forbidden(message)) => Ok(denied(message)),
            Err(other) => Err(other),
        }
    }

    /// How many published comments each page has (0 for pages without a discussion).
    pub async fn isso_counts(&self, uris: &[String], from: &[&str]) -> Result<Vec<i64>> {
        let mut counts = Vec::with_capacity(uris.len());
        for uri in uris {
            let count = match self.isso_address(uri, from) {
                Ok(url) => self
                    .article_at(&url)
                    .await?
                    .map_or(0, |article| article.comment_count),
                Err(_) => 0,
            };
            counts.push(count);
        }
        Ok(counts)
    }

    /// The site's latest published comments with their articles, newest first.
    pub async fn isso_latest(&self, limit: usize) -> Result<Vec<(Comment, Article)>> {
        let mut out = Vec::new();
        let latest = self
            .store()
            .latest_comments(i64::try_from(limit.clamp(1, 100)).unwrap_or(100))
            .await?;
        for comment in latest {
            let article = self.article_by_id(comment.article_id).await?;
            out.push((comment.redacted(), article));
        }
        Ok(out)
    }

    /// A comment's text as it would be shown (Isso's `/preview`): Tribune's Markdown, sanitized.
    pub fn isso_preview(&self, text: &str) -> String {
        tribune_text::render_comment(text)
    }

    /// Whether comments may wait for a moderator on this site (Isso's `/info`).
    pub fn isso_moderated(&self) -> bool {
        self.settings().isso.moderate_guests
            || self.settings().moderation.mode != tribune_domain::moderation::ModerationMode::Post
    }
}

/// A website as a guest gave it, as Isso keeps it: `http://` added when there is no scheme.
fn website(raw: &str) -> Result<String> {
    let invalid = || {
        Error::from(Invalid::new(
            "website",
            "invalid_website",
            "The website must be an address such as https://example.org.",
        ))
    };
    if raw.chars().count() > MAX_WEBSITE || raw.chars().any(char::is_whitespace) {
        return Err(invalid());
    }
    let full = if raw.contains("://") {
        raw.to_owned()
    } else {
        format!("http://{raw}")
    };
    // Only http and https addresses with a host pass.
    CanonicalUrl::parse(&full, "website").map_err(|_| invalid())?;
    Ok(full)
}

/// The network an address belongs to, as Isso anonymises it: /24 for IPv4, /48 for IPv6.
fn network(address: IpAddr) -> String {
    match address {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            format!("{a}.{b}.{c}.0")
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}::", s[0], s[1], s[2])
        }
    }
}

/// A field the client sent with something in it.
fn given(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether a comment is published (Isso's mode 1) or waits for a moderator (mode 2).
pub fn is_held(comment: &Comment) -> bool {
    comment.status == CommentStatus::Held
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn websites_get_a_scheme_and_must_be_web_addresses() {
        assert_eq!(
            website("example.org").ok(),
            Some("http://example.org".into())
        );
        assert_eq!(
            website("https://example.org/me").ok(),
            Some("https://example.org/me".into())
        );
        assert!(website("javascript:alert(1)").is_err());
        assert!(website("javascript://alert(1)").is_err());
        assert!(website("a b").is_err());
    }

    #[test]
    fn networks_are_anonymised_like_isso() {
        assert_eq!(network("198.51.100.23".parse().unwrap()), "198.51.100.0");
        assert_eq!(network("2001:db8:1:2::5".parse().unwrap()), "2001:db8:1::");
    }
}
