//! The discussion: posting, replying, mentioning, quoting, reacting, editing, deleting, and
//! reading it page by page, flat or threaded.

use std::collections::HashSet;

use time::Duration;
use tribune_domain::comment::{CommentSort, DiscussionView, EditRefused};
use tribune_domain::mention::{self, Mention, Participant, ParticipantsNeeded};
use tribune_domain::quote::{self, Quote};
use tribune_domain::thread::{self, ThreadNode};
use tribune_domain::{
    Article, Comment, CommentBody, CommentPolicy, CommentStatus, DisplayName, Invalid, User,
};
use tribune_store::{
    Body, CommentCursor, Edit, NewComment, Parent, Revision, Screening, UserComment,
};

use crate::accounts::Viewer;
use crate::rate_limits::{FromAddress, Throttle};
use crate::{Error, Result, Tribune};

/// Mentions resolved in one comment at most; the rest stay plain text.
const MAX_MENTIONS: usize = 50;
/// Unresolved `@names` looked up among all accounts, per comment.
const MAX_LOOKUPS: usize = 10;
/// Comments shown before a permalinked one, so it is read in context.
const PERMALINK_CONTEXT: i64 = 2;
/// Quotations checked in one comment at most.
const MAX_QUOTES: usize = 20;

/// A comment as its author sends it.
#[derive(Debug, Clone, Default)]
pub struct Submission<'a> {
    pub body: &'a str,
    pub parent_id: Option<i64>,
    /// The author saw the warning that the comment looks abusive and posts it anyway.
    pub acknowledge_warning: bool,
    /// Where it came from (for spam signals; kept only as a keyed hash).
    pub address: Option<std::net::IpAddr>,
}

/// A valid comment on its way to storage, with the status it was given.
pub(crate) struct Written<'a> {
    pub author_id: i64,
    pub body: &'a CommentBody,
    pub parent: Option<Comment>,
    pub status: CommentStatus,
    pub screening: Screening<'a>,
    pub created_at: time::OffsetDateTime,
}

/// Which page of a discussion to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageAt<'a> {
    First,
    /// After the cursor a previous page handed out.
    After(&'a str),
    /// The page that holds this comment (permalinks; always in the oldest-first order).
    Around(i64),
}

/// What a reader asks to see of a discussion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiscussionQuery<'a> {
    pub view: DiscussionView,
    pub sort: CommentSort,
    pub at: PageAt<'a>,
    /// Comments (flat) or threads (threaded) per page; the site's setting when `None`.
    pub limit: Option<usize>,
}

/// One page of a discussion.
#[derive(Debug, Clone)]
pub struct DiscussionPage {
    /// In flat view, the comments in order; in threaded view, every comment of the page's
    /// threads, by id (see `threads`).
    pub comments: Vec<Comment>,
    /// In threaded view, the page's threads in order, nested to the site's depth cap.
    pub threads: Vec<ThreadNode>,
    pub view: DiscussionView,
    pub sort: CommentSort,
    /// Whether this page starts at the beginning of the discussion.
    pub first_page: bool,
    pub next_cursor: Option<String>,
    /// The comments on this page the viewer reacted to.
    pub reacted: HashSet<i64>,
}

/// How often each paragraph of an article is quoted, and by which comments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuotedParagraphs {
    /// Indexed like the article's paragraphs.
    pub comments: Vec<Vec<i64>>,
}

/// A comment body, analysed: what it mentions and quotes, and its HTML with mentions linked.
pub(crate) struct Analysed {
    pub html: String,
    pub mentions: Vec<Mention>,
    pub quotes: Vec<Quote>,
}

impl Analysed {
    /// The body as storage takes it: as written, rendered, and what was found in it.
    pub fn body<'a>(&'a self, written: &'a CommentBody) -> Body<'a> {
        Body {
            markdown: written.as_str(),
            html: &self.html,
            mentions: &self.mentions,
            quotes: &self.quotes,
        }
    }
}

impl Tribune {
    /// Posts a comment under the article at `slug` as the signed-in reader (not banned; with
    /// a verified address where the site asks for one), optionally answering a parent. A comment that opens by addressing a participant
    /// (`@kestrel …`, or `Kestrel, …`) without choosing a parent answers that participant's
    /// latest comment.
    /// Every comment is assessed; the assessment and the article's policy decide whether it
    /// is published, held for a moderator (its author still sees it) or rejected. A comment
    /// the assessment would hold as likely abusive is refused with its reasons unless the
    /// author acknowledges the warning.
    pub async fn post_comment(
        &self,
        viewer: &Viewer,
        slug: &str,
        submission: &Submission<'_>,
    ) -> Result<Comment> {
        let author = self.require_author(viewer)?;
        let article = self.published_article(slug).await?;
        self.post_as(author, &article, submission, false).await
    }

    /// Posts a comment by `author` (a reader who may post, or a guest's unclaimed profile):
    /// rate limits, the article's policy, the assessment; `hold` keeps it for a moderator
    /// whatever the assessment says.
    pub(crate) async fn post_as(
        &self,
        author: &User,
        article: &Article,
        submission: &Submission<'_>,
        hold: bool,
    ) -> Result<Comment> {
        self.throttle(Throttle::CommentByAccount(author.id)).await?;
        self.throttle_address(submission.address, FromAddress::Comment)
            .await?;
        let now = Self::now();
        // Whichever way a comment comes (pages, API, Isso), an article not out yet takes none.
        if !article.is_published_at(now) {
            return Err(Error::NotFound("article"));
        }
        let policy = self
            .discussion_policy(article, now)
            .map_err(Error::CommentsClosed)?;
        let body = CommentBody::parse(submission.body, self.settings().comments.max_length)?;
        let parent = match submission.parent_id {
            Some(id) => Some(self.reply_target(article, author.id, id).await?),
            None => None,
        };
        let screened = self.screen(author, &body, submission.address).await?;
        let status = match self.settle(author, policy, &screened, submission.acknowledge_warning)? {
            CommentStatus::Published if hold => CommentStatus::Held,
            status => status,
        };
        let comment = self
            .write_comment(
                article,
                Written {
                    author_id: author.id,
                    body: &body,
                    parent,
                    status,
                    screening: screened.screening(),
                    created_at: now,
                },
            )
            .await?;
        metrics::counter!("tribune_comments_created_total", "status" => status.as_str())
            .increment(1);
        Ok(comment)
    }

    /// Analyses and stores a valid comment. Without a parent, a comment that opens by
    /// addressing another participant answers that participant's latest comment.
    pub(crate) async fn write_comment(
        &self,
        article: &Article,
        written: Written<'_>,
    ) -> Result<Comment> {
        let Written {
            author_id,
            body,
            mut parent,
            status,
            screening,
            created_at,
        } = written;
        let analysed = self.analyse(article, body.as_str()).await?;
        if parent.is_none()
            && let Some(addressed) = opening_mention(&analysed.mentions)
            && addressed.user_id != author_id
            && let Some(id) = self
                .store()
                .latest_comment_by(article.id, addressed.user_id)
                .await?
        {
            parent = Some(self.reply_target(article, author_id, id).await?);
        }
        Ok(self.announced(
            self.store()
                .insert_comment(&NewComment {
                    article_id: article.id,
                    author_id,
                    parent: parent.map(|p| Parent {
                        id: p.id,
                        root_id: p.root_id,
                        depth: p.depth,
                    }),
                    body: analysed.body(body),
                    status,
                    screening,
                    created_at,
                })
                .await?,
        ))
    }

    /// The comment a reply may answer: under the same article, there, and not deleted.
    pub(crate) async fn reply_target(
        &self,
        article: &Article,
        author_id: i64,
        id: i64,
    ) -> Result<Comment> {
        let invalid = |code, message: &str| Error::from(Invalid::new("parent_id", code, message));
        let parent = self.store().comment(id).await?;
        match parent {
            None => Err(invalid(
                "no_such_parent",
                "The comment you are replying to does not exist.",
            )),
            Some(p) if p.article_id != article.id => Err(invalid(
                "parent_elsewhere",
                "You can only reply to a comment under the same article.",
            )),
            Some(p) if p.deleted => Err(invalid(
                "parent_deleted",
                "The comment you are replying to has been deleted; post your reply as a new comment.",
            )),
            Some(p)
                if p.status != CommentStatus::Published
                    && !(p.status == CommentStatus::Held && p.author_id == author_id) =>
            {
                Err(invalid(
                    "no_such_parent",
                    "The comment you are replying to does not exist.",
                ))
            }
            Some(p) => Ok(p),
        }
    }

    /// Finds mentions (participants first, then exact names among all accounts) and
    /// quotations, and renders the body with mentions linked.
    pub(crate) async fn analyse(&self, article: &Article, body: &str) -> Result<Analysed> {
        // Listing a long discussion's participants reads every comment in it: only when the
        // body could mention any of them.
        let participants: Vec<Participant> = match mention::participants_needed(body) {
            ParticipantsNeeded::Everyone => self.store().participants(article.id).await?,
            ParticipantsNeeded::Named(key) => self
                .store()
                .participant_named(article.id, &key)
                .await?
                .into_iter()
                .collect(),
            ParticipantsNeeded::Nobody => Vec::new(),
        }
        .into_iter()
        .map(|(user_id, display_name)| Participant {
            user_id,
            display_name,
        })
        .collect();
        let scan = mention::scan(body, &participants, MAX_MENTIONS);
        let mut mentions = scan.resolved;
        for unresolved in scan.unresolved.iter().take(MAX_LOOKUPS) {
            let name = unresolved.written.trim_start_matches('@');
            let Ok(name) = DisplayName::parse(name) else {
                continue;
            };
            if let Some(user) = self.store().user_by_name_key(&name.key()).await? {
                mentions.push(Mention {
                    written: unresolved.written.clone(),
                    user_id: user.id,
                    display_name: user.display_name,
                    start: unresolved.start,
                    end: unresolved.end,
                });
            }
        }
        if let Some(addressee) = mention::addressee(body, &participants)
            && !mentions.iter().any(|m| m.start == addressee.start)
        {
            mentions.push(addressee);
        }
        mentions.sort_by_key(|m| m.start);
        let html = tribune_text::render_comment(&mention::link_mentions(body, &mentions));
        let paragraphs: Vec<String> = article.paragraphs.iter().map(|p| p.text.clone()).collect();
        let quotes = quote::find_quotes(body, &paragraphs, MAX_QUOTES);
        Ok(Analysed {
            html,
            mentions,
            quotes,
        })
    }

    /// A comment as `viewer` may see it: published, or their own held one; deleted comments
    /// without their text.
    pub async fn comment(&self, viewer: &Viewer, id: i64) -> Result<Comment> {
        let comment = self
            .store()
            .comment(id)
            .await?
            .ok_or(Error::NotFound("comment"))?;
        let own = viewer.user().is_some_and(|u| u.id == comment.author_id);
        let moderator = viewer.user().is_some_and(|u| u.role.can_moderate());
        match comment.status {
            CommentStatus::Published => Ok(comment.redacted()),
            _ if own || moderator => Ok(comment.redacted()),
            _ => Err(Error::NotFound("comment")),
        }
    }

    /// Replaces the body of the author's own comment, within the edit window; the previous
    /// version is kept for moderators. The new text is assessed like a new comment: an edit
    /// that turns a published comment abusive sends it back to the moderators.
    pub async fn edit_comment(
        &self,
        viewer: &Viewer,
        id: i64,
        body: &str,
        acknowledge_warning: bool,
    ) -> Result<Comment> {
        let author = self.require_author(viewer)?;
        self.edit_as(author, id, body, acknowledge_warning).await
    }

    /// Edits comment `id` as `author` (see [`Tribune::edit_comment`]).
    pub(crate) async fn edit_as(
        &self,
        author: &User,
        id: i64,
        body: &str,
        acknowledge_warning: bool,
    ) -> Result<Comment> {
        let comment = self
            .store()
            .comment(id)
            .await?
            .ok_or(Error::NotFound("comment"))?;
        self.may_edit(author, &comment)?;
        let now = Self::now();
        let body = CommentBody::parse(body, self.settings().comments.max_length)?;
        // Saving without a change changes nothing (and must not count the comment as a
        // duplicate of itself).
        if body.as_str() == comment.body_markdown {
            return Ok(comment.redacted());
        }
        let article = self.article_by_id(comment.article_id).await?;
        let screened = self.screen(author, &body, None).await?;
        let status = match comment.status {
            // A moderator already decided; an edit cannot undo a rejection.
            CommentStatus::Rejected => CommentStatus::Rejected,
            CommentStatus::Held => CommentStatus::Held,
            CommentStatus::Published => {
                match self.settle(
                    author,
                    CommentPolicy::PostModerated,
                    &screened,
                    acknowledge_warning,
                )? {
                    CommentStatus::Published => CommentStatus::Published,
                    _ => CommentStatus::Held,
                }
            }
        };
        let analysed = self.analyse(&article, body.as_str()).await?;
        Ok(self.announced(
            self.store()
                .edit_comment(
                    &comment,
                    &Edit {
                        body: analysed.body(&body),
                        status,
                        screening: screened.screening(),
                        edited_at: now,
                        moderator_note: None,
                        audit: None,
                    },
                )
                .await?,
        ))
    }

    /// Whether `user` may edit `comment` now, and if not, why.
    pub fn may_edit(&self, user: &User, comment: &Comment) -> Result<()> {
        let window = Duration::minutes(self.settings().comments.edit_window_minutes);
        comment
            .editable_by(user.id, Self::now(), window)
            .map_err(|refused| match refused {
                EditRefused::NotAuthor => Error::Forbidden("You can only edit your own comments."),
                EditRefused::Deleted => Error::Forbidden("A deleted comment cannot be edited."),
                EditRefused::WindowClosed => Error::Forbidden(
                    "The time for editing this comment has passed. You can post a new comment instead.",
                ),
            })
    }

    /// Deletes a comment: its author or a moderator may. Replies stay and the comment shows as
    /// deleted.
    pub async fn delete_comment(&self, viewer: &Viewer, id: i64) -> Result<Comment> {
        self.delete_as(viewer.require_user()?, id).await
    }

    /// Deletes comment `id` as `user` (see [`Tribune::delete_comment`]).
    pub(crate) async fn delete_as(&self, user: &User, id: i64) -> Result<Comment> {
        let comment = self
            .store()
            .comment(id)
            .await?
            .ok_or(Error::NotFound("comment"))?;
        if comment.author_id != user.id && !user.role.can_moderate() {
            return Err(Error::Forbidden("You can only delete your own comments."));
        }
        let entry = (comment.author_id != user.id).then(|| {
            crate::moderation::audit(
                user,
                tribune_domain::moderation::Action::Delete,
                "comment",
                id,
                "",
                serde_json::json!({"deleted": comment.deleted, "body": comment.body_markdown}),
                serde_json::json!({"deleted": true}),
            )
        });
        self.store()
            .delete_comment(id, Self::now(), entry.as_ref())
            .await?;
        self.discussion_changed(comment.article_id);
        self.store()
            .comment(id)
            .await?
            .map(Comment::redacted)
            .ok_or(Error::NotFound("comment"))
    }

    /// Adds the reader's reaction to a comment, or takes it back; returns whether it is now
    /// there and the new count.
    pub async fn toggle_reaction(&self, viewer: &Viewer, id: i64) -> Result<(Comment, bool)> {
        let user = viewer.require_participant()?;
        let comment = self.comment(viewer, id).await?;
        if comment.deleted {
            return Err(Error::Forbidden("A deleted comment cannot take reactions."));
        }
        if comment.author_id == user.id {
            return Err(Error::Forbidden("You cannot react to your own comment."));
        }
        let (reacted, count) = self
            .store()
            .toggle_reaction(id, user.id, Self::now())
            .await?;
        self.discussion_changed(comment.article_id);
        Ok((
            Comment {
                reaction_count: count,
                ..comment
            },
            reacted,
        ))
    }

    /// The earlier versions of a comment, for moderators.
    pub async fn comment_history(
        &self,
        viewer: &Viewer,
        id: i64,
    ) -> Result<(Comment, Vec<Revision>)> {
        let user = viewer.require_user()?;
        if !user.role.can_moderate() {
            return Err(Error::Forbidden(
                "Only moderators can see the history of a comment.",
            ));
        }
        let comment = self
            .store()
            .comment(id)
            .await?
            .ok_or(Error::NotFound("comment"))?;
        let revisions = self.store().revisions(id).await?;
        Ok((comment, revisions))
    }

    /// One page of the discussion under an article.
    pub async fn discussion(
        &self,
        article: &Article,
        viewer: Option<&User>,
        query: DiscussionQuery<'_>,
    ) -> Result<DiscussionPage> {
        let settings = &self.settings().comments;
        let threaded = query.view == DiscussionView::Threaded;
        let default_limit = if threaded {
            settings.threads_per_page
        } else {
            settings.page_size
        };
        let limit = query.limit.unwrap_or(default_limit).clamp(1, 500);
        let viewer_id = viewer.map(|u| u.id);
        // Permalinks land on oldest-first pages, the order in which pages are stable.
        let sort = match query.at {
            PageAt::Around(_) => CommentSort::Oldest,
            _ => query.sort,
        };
        if let (true, PageAt::Around(comment_id)) = (threaded, query.at) {
            return self.whole_thread(article, viewer, comment_id).await;
        }
        let cursor = match query.at {
            PageAt::First | PageAt::After("") => None,
            PageAt::After(raw) => Some(CommentCursor::decode(raw, sort).ok_or_else(|| {
                Invalid::new(
                    "cursor",
                    "invalid_cursor",
                    "That page cursor is not valid; start from the first page.",
                )
            })?),
            PageAt::Around(comment_id) => {
                self.store()
                    .page_cursor_for(
                        article.id,
                        viewer_id,
                        comment_id,
                        // The permalinked comment must fit on its page.
                        PERMALINK_CONTEXT.min(i64::try_from(limit).unwrap_or(1) - 1),
                    )
                    .await?
            }
        };
        let fetch = i64::try_from(limit + 1).unwrap_or(501);
        let mut comments = if threaded {
            self.store()
                .threads(article.id, viewer_id, cursor, sort, fetch)
                .await?
        } else {
            self.store()
                .comments(article.id, viewer_id, cursor, sort, fetch)
                .await?
        };
        let next_cursor = if threaded {
            let mut roots = thread::roots_in_order(&comments, sort);
            if roots.len() > limit {
                let extra: HashSet<i64> = roots.split_off(limit).iter().map(|r| r.id).collect();
                comments.retain(|c| !extra.contains(&c.root_id));
                roots.last().map(|r| CommentCursor::after(sort, r).encode())
            } else {
                None
            }
        } else if comments.len() > limit {
            comments.truncate(limit);
            comments
                .last()
                .map(|c| CommentCursor::after(sort, c).encode())
        } else {
            None
        };
        let comments: Vec<Comment> = comments.into_iter().map(Comment::redacted).collect();
        let threads = if threaded {
            let mut threads = thread::assemble(&comments, sort, settings.thread_depth);
            thread::cap_replies(&mut threads, settings.replies_per_thread);
            threads
        } else {
            Vec::new()
        };
        let reacted = self.reacted(article, viewer).await?;
        Ok(DiscussionPage {
            comments,
            threads,
            view: query.view,
            sort,
            first_page: cursor.is_none(),
            next_cursor,
            reacted,
        })
    }

    /// The thread that holds comment `comment_id`, whole (threaded permalinks); its next page
    /// continues with the threads after it.
    async fn whole_thread(
        &self,
        article: &Article,
        viewer: Option<&User>,
        comment_id: i64,
    ) -> Result<DiscussionPage> {
        let viewer_id = viewer.map(|u| u.id);
        let root_id = match self.store().comment(comment_id).await? {
            Some(c) if c.article_id == article.id => c.root_id,
            _ => return Err(Error::NotFound("comment")),
        };
        let comments: Vec<Comment> = self
            .store()
            .thread(article.id, viewer_id, root_id)
            .await?
            .into_iter()
            .map(Comment::redacted)
            .collect();
        let sort = CommentSort::Oldest;
        let threads = thread::assemble(&comments, sort, self.settings().comments.thread_depth);
        let next_cursor = threads
            .first()
            .map(|t| CommentCursor::after(sort, &t.comment).encode());
        Ok(DiscussionPage {
            comments,
            threads,
            view: DiscussionView::Threaded,
            sort,
            first_page: false,
            next_cursor,
            reacted: self.reacted(article, viewer).await?,
        })
    }

    /// The comments of an article the viewer reacted to.
    pub async fn reacted(&self, article: &Article, viewer: Option<&User>) -> Result<HashSet<i64>> {
        Ok(match viewer {
            Some(user) => self
                .store()
                .reactions_by(article.id, user.id)
                .await?
                .into_iter()
                .collect(),
            None => HashSet::new(),
        })
    }

    /// Which comments quote each paragraph of the article.
    pub async fn quoted_paragraphs(&self, article: &Article) -> Result<QuotedParagraphs> {
        let mut comments = vec![Vec::new(); article.paragraphs.len()];
        for (paragraph, comment_id) in self.store().quoted_paragraphs(article.id).await? {
            if let Some(list) = usize::try_from(paragraph)
                .ok()
                .and_then(|p| comments.get_mut(p))
            {
                list.push(comment_id);
            }
        }
        Ok(QuotedParagraphs { comments })
    }

    /// A reader's latest published comments, for their profile.
    pub async fn comments_by(&self, user_id: i64, limit: usize) -> Result<Vec<UserComment>> {
        Ok(self
            .store()
            .comments_by_user(user_id, i64::try_from(limit).unwrap_or(100))
            .await?)
    }
}

/// The participant addressed at the very start of a comment, if any.
fn opening_mention(mentions: &[Mention]) -> Option<&Mention> {
    mentions.iter().find(|m| m.start == 0)
}
