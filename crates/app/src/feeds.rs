//! What Atom feeds list: the site's latest articles, an article's latest comments, and each
//! reader's private feed of replies to them and mentions of them. A private feed is reached by
//! a secret address that only its reader knows; the database keeps the secret's hash, as for
//! sessions, so the address cannot be shown again, only replaced or revoked.

use time::OffsetDateTime;
use tribune_domain::comment::CommentSort;
use tribune_domain::{Article, Comment, User};
use tribune_store::UserComment;

use crate::accounts::Viewer;
use crate::{Error, Result, Tribune, secret};

/// Entries in every feed. Feed readers keep what they fetched before, so the latest are enough.
pub const FEED_ENTRIES: usize = 50;
const FEED_LIMIT: i64 = FEED_ENTRIES as i64;

/// A reader's private feed: who it is for, and the replies and mentions, newest first.
#[derive(Debug, Clone)]
pub struct PrivateFeed {
    pub reader: User,
    pub entries: Vec<UserComment>,
}

/// A new private feed address: the secret for the reader's URL, shown once.
#[derive(Debug, Clone)]
pub struct FeedToken {
    pub token: String,
    pub created_at: OffsetDateTime,
}

impl Tribune {
    /// The latest published articles, newest first.
    pub async fn feed_articles(&self) -> Result<Vec<Article>> {
        Ok(self.articles(None, FEED_ENTRIES).await?.articles)
    }

    /// An article and its latest published comments, newest first. Deleted comments keep
    /// their place in the discussion but have nothing to say in a feed, so they are left out.
    pub async fn feed_comments(&self, slug: &str) -> Result<(Article, Vec<Comment>)> {
        let article = self.published_article(slug).await?;
        let mut comments = self
            .store()
            .comments(article.id, None, None, CommentSort::Newest, FEED_LIMIT)
            .await?;
        comments.retain(|c| !c.deleted);
        Ok((article, comments))
    }

    /// The private feed whose secret is `token`. An unknown or revoked token is
    /// [`Error::NotFound`], like any address that leads nowhere: it tells nothing.
    pub async fn private_feed(&self, token: &str) -> Result<PrivateFeed> {
        let reader = self
            .store()
            .feed_token_user(&secret::hash(token))
            .await?
            .ok_or(Error::NotFound("feed"))?;
        let entries = self
            .store()
            .replies_and_mentions(reader.id, FEED_LIMIT)
            .await?;
        Ok(PrivateFeed { reader, entries })
    }

    /// When the signed-in reader's private feed address was made, if they have one.
    pub async fn private_feed_created(&self, viewer: &Viewer) -> Result<Option<OffsetDateTime>> {
        let reader = viewer.require_user()?;
        Ok(self.store().feed_token_created(reader.id).await?)
    }

    /// Makes the signed-in reader a private feed address; an earlier one stops working.
    pub async fn new_private_feed(&self, viewer: &Viewer) -> Result<FeedToken> {
        let reader = viewer.require_user()?;
        let token = secret::generate();
        let created_at = Self::now();
        self.store()
            .set_feed_token(reader.id, &secret::hash(&token), created_at)
            .await?;
        Ok(FeedToken { token, created_at })
    }

    /// Revokes the signed-in reader's private feed address, if they have one.
    pub async fn revoke_private_feed(&self, viewer: &Viewer) -> Result<()> {
        let reader = viewer.require_user()?;
        self.store().delete_feed_token(reader.id).await?;
        Ok(())
    }
}
