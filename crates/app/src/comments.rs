//! Posting and reading comments.

use tribune_domain::{Comment, CommentBody, CommentPolicy, CommentStatus, Invalid, User};
use tribune_store::{CommentCursor, NewComment, UserComment};

use crate::{Error, Result, Tribune};

/// Which page of a discussion to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageAt<'a> {
    First,
    /// After the cursor a previous page handed out.
    After(&'a str),
    /// The page that holds this comment (permalinks).
    Around(i64),
}

/// A page of a discussion.
#[derive(Debug, Clone)]
pub struct CommentPage {
    pub comments: Vec<Comment>,
    /// Whether this page starts at the first comment of the discussion.
    pub first_page: bool,
    pub next_cursor: Option<String>,
}

impl Tribune {
    /// Posts a comment under the article at `slug`, as `author`. On a pre-moderated article
    /// the comment is held for a moderator; its author still sees it.
    pub async fn post_comment(&self, author: &User, slug: &str, body: &str) -> Result<Comment> {
        let article = self.article(slug).await?;
        let now = Self::now();
        let policy = article.policy_at(now).map_err(Error::CommentsClosed)?;
        let body = CommentBody::parse(body, self.settings().comments.max_length)?;
        let body_html = tribune_text::render_comment(body.as_str());
        let status = match policy {
            CommentPolicy::PreModerated => CommentStatus::Held,
            CommentPolicy::Open | CommentPolicy::Closed => CommentStatus::Published,
        };
        let comment = self
            .store()
            .insert_comment(&NewComment {
                article_id: article.id,
                author_id: author.id,
                body_markdown: body.as_str(),
                body_html: &body_html,
                status,
                created_at: now,
            })
            .await?;
        metrics::counter!("tribune_comments_created_total", "status" => status.as_str())
            .increment(1);
        Ok(comment)
    }

    /// A page of the discussion under an article, oldest first; `viewer` also sees their own
    /// comments that wait for a moderator.
    pub async fn comments(
        &self,
        article_id: i64,
        viewer: Option<&User>,
        at: PageAt<'_>,
        limit: Option<usize>,
    ) -> Result<CommentPage> {
        let limit = limit
            .unwrap_or(self.settings().comments.page_size)
            .clamp(1, 500);
        let cursor = match at {
            PageAt::First => None,
            PageAt::After("") => None,
            PageAt::After(raw) => Some(CommentCursor::decode(raw).ok_or_else(|| {
                Invalid::new(
                    "cursor",
                    "invalid_cursor",
                    "That page cursor is not valid; start from the first page.",
                )
            })?),
            PageAt::Around(comment_id) => {
                self.store()
                    .comment_page_cursor(
                        article_id,
                        viewer.map(|u| u.id),
                        comment_id,
                        i64::try_from(limit).unwrap_or(500),
                    )
                    .await?
            }
        };
        let mut comments = self
            .store()
            .comments(
                article_id,
                viewer.map(|u| u.id),
                cursor,
                i64::try_from(limit + 1).unwrap_or(501),
            )
            .await?;
        let next_cursor = if comments.len() > limit {
            comments.truncate(limit);
            comments
                .last()
                .map(|c| CommentCursor { after_id: c.id }.encode())
        } else {
            None
        };
        Ok(CommentPage {
            comments,
            first_page: cursor.is_none(),
            next_cursor,
        })
    }

    /// A reader's latest published comments, for their profile.
    pub async fn comments_by(&self, user_id: i64, limit: usize) -> Result<Vec<UserComment>> {
        Ok(self
            .store()
            .comments_by_user(user_id, i64::try_from(limit).unwrap_or(100))
            .await?)
    }
}
