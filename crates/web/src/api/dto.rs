//! The API's JSON shapes. They are a public contract, separate from domain types: renaming a
//! domain field must not change the API.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use tribune_app::comments::QuotedParagraphs;
use tribune_domain::article::ArticleFields;
use tribune_domain::{Article, Comment, User};
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
pub struct SignUpRequest {
    /// Public name, 1–40 characters, unique (ignoring case and look-alike letters).
    pub display_name: String,
    pub email: String,
    /// 10–128 characters.
    pub password: String,
    /// `TOKEN:NONCE`, the answer to a challenge from `GET /api/v1/proof-of-work?purpose=signup`,
    /// when the site requires one.
    #[serde(default)]
    pub proof_of_work: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct LogInRequest {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PasswordResetRequest {
    /// The account's email address.
    pub email: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewPasswordRequest {
    /// The secret from the reset link (the last part of its path).
    pub token: String,
    /// 10–128 characters.
    pub password: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct EmailLink {
    /// The secret from the verification link (the last part of its path).
    pub token: String,
}

/// What was done, for the person behind the client.
#[derive(Debug, Serialize, ToSchema)]
pub struct Accepted {
    pub message: String,
}

/// The signed-in reader.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub id: i64,
    pub display_name: String,
    pub email: String,
    /// Whether the reader followed a link sent to `email`.
    pub email_verified: bool,
    /// `reader`, `moderator` or `admin`.
    pub role: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl From<&User> for Me {
    fn from(u: &User) -> Self {
        Self {
            id: u.id,
            display_name: u.display_name.clone(),
            email: u.email.clone(),
            email_verified: u.email_verified,
            role: u.role.as_str().to_owned(),
            created_at: u.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleOut {
    pub slug: String,
    pub url: String,
    pub headline: String,
    pub lead: String,
    pub body_markdown: String,
    /// Sanitized HTML.
    pub body_html: String,
    pub byline: String,
    pub dateline: String,
    pub credit: String,
    /// For syndicated copy: the wire service or publisher.
    pub source: String,
    /// For syndicated copy: the rights notice to show with it.
    pub rights: String,
    pub tags: Vec<String>,
    pub canonical_url: String,
    #[serde(with = "time::serde::rfc3339")]
    pub published_at: OffsetDateTime,
    /// `open`, `pre-moderated` or `closed`.
    pub comment_policy: String,
    #[serde(with = "time::serde::rfc3339::option")]
    pub closes_at: Option<OffsetDateTime>,
    /// Published comments.
    pub comment_count: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    /// The body paragraph by paragraph, with the comments that quote each (single article
    /// only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraphs: Option<Vec<ParagraphOut>>,
}

impl ArticleOut {
    /// Adds the paragraphs and who quotes them.
    pub fn with_paragraphs(mut self, a: &Article, quoted: &QuotedParagraphs) -> Self {
        self.paragraphs = Some(
            a.paragraphs
                .iter()
                .enumerate()
                .map(|(index, p)| ParagraphOut {
                    index,
                    html: p.html.clone(),
                    quoted_by: quoted.comments.get(index).cloned().unwrap_or_default(),
                })
                .collect(),
        );
        self
    }

    pub fn of(a: &Article, base_url: &str) -> Self {
        Self {
            slug: a.slug.clone(),
            url: format!("{base_url}/articles/{}", a.slug),
            headline: a.headline.clone(),
            lead: a.lead.clone(),
            body_markdown: a.body_markdown.clone(),
            body_html: a.body_html.clone(),
            byline: a.byline.clone(),
            dateline: a.dateline.clone(),
            credit: a.credit.clone(),
            source: a.source.clone(),
            rights: a.rights.clone(),
            tags: a.tags.clone(),
            canonical_url: a.canonical_url.clone(),
            published_at: a.published_at,
            comment_policy: a.comment_policy.as_str().to_owned(),
            closes_at: a.closes_at,
            comment_count: a.comment_count,
            updated_at: a.updated_at,
            paragraphs: None,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleList {
    pub items: Vec<ArticleOut>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// An article as a newsroom system sends it.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ArticleIn {
    /// Made from the headline when absent.
    pub slug: Option<String>,
    pub headline: String,
    pub lead: String,
    /// Markdown paragraphs.
    pub body: String,
    pub byline: String,
    pub dateline: String,
    pub credit: String,
    pub source: String,
    pub rights: String,
    pub tags: Vec<String>,
    pub canonical_url: String,
    /// Now when absent (on update: unchanged).
    #[serde(with = "time::serde::rfc3339::option")]
    pub published_at: Option<OffsetDateTime>,
    /// `open` (default), `pre-moderated` or `closed`.
    pub comment_policy: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub closes_at: Option<OffsetDateTime>,
}

impl From<ArticleIn> for ArticleFields {
    fn from(a: ArticleIn) -> Self {
        ArticleFields {
            slug: a.slug,
            headline: a.headline,
            lead: a.lead,
            body: a.body,
            byline: a.byline,
            dateline: a.dateline,
            credit: a.credit,
            source: a.source,
            rights: a.rights,
            tags: a.tags,
            canonical_url: a.canonical_url,
            published_at: a.published_at,
            comment_policy: a.comment_policy,
            closes_at: a.closes_at,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CommentIn {
    /// Markdown: paragraphs, emphasis, links, quotations, lists. Up to the site's limit
    /// (10,000 characters by default). `@name` mentions another reader; text of the article
    /// quoted word for word (in quotation marks or as a `>` quotation) is verified.
    pub body: String,
    /// The comment this one answers. Without it, a comment that opens by addressing a
    /// participant (`@kestrel …`, `Kestrel, …`) answers that participant's latest comment.
    #[serde(default)]
    pub parent_id: Option<i64>,
    /// Post the comment even though the assessment warned (422 `likely_abusive`) that it
    /// would wait for a moderator.
    #[serde(default)]
    pub acknowledge_warning: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CommentEdit {
    /// The new Markdown body.
    pub body: String,
    /// As for posting: keep the edit despite a `likely_abusive` warning.
    #[serde(default)]
    pub acknowledge_warning: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MentionOut {
    /// The mention as written (`@navigator`, or a name opening the comment).
    pub text: String,
    /// Whom it means.
    pub user: Author,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QuoteOut {
    /// The quotation as written.
    pub text: String,
    /// Whether it is the article's text, word for word.
    pub verified: bool,
    /// The 0-based index of the article paragraph it quotes, when verified.
    pub paragraph: Option<usize>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Reactions {
    pub count: i64,
    /// Whether the signed-in reader reacted.
    pub reacted: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReactionToggled {
    pub comment_id: i64,
    /// Whether the reader's reaction is there now.
    pub reacted: bool,
    pub count: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RevisionOut {
    pub body: String,
    #[serde(with = "time::serde::rfc3339")]
    pub written_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub replaced_at: OffsetDateTime,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommentHistory {
    pub comment: CommentOut,
    /// Earlier versions, oldest first.
    pub revisions: Vec<RevisionOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ParagraphOut {
    /// 0-based, as in a quote's `paragraph`.
    pub index: usize,
    pub html: String,
    /// The comments that quote it word for word.
    pub quoted_by: Vec<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Author {
    pub id: i64,
    pub display_name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommentOut {
    pub id: i64,
    pub article_slug: String,
    pub author: Author,
    /// The comment this one answers.
    pub parent_id: Option<i64>,
    /// The top-level comment of its thread (its own id when top-level).
    pub root_id: i64,
    /// 0 for a top-level comment, 1 for a reply to it, and so on.
    pub depth: i64,
    /// In threaded view, on a top-level comment: replies left off this page (ask for the
    /// page `around` this comment to get the whole thread).
    pub hidden_replies: usize,
    pub mentions: Vec<MentionOut>,
    pub quotes: Vec<QuoteOut>,
    pub reactions: Reactions,
    #[serde(with = "time::serde::rfc3339::option")]
    pub edited_at: Option<OffsetDateTime>,
    /// Deleted by its author or a moderator: it stays so replies keep their place, without
    /// its text.
    pub deleted: bool,
    /// The Markdown as written.
    pub body: String,
    /// Sanitized HTML.
    pub body_html: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// `published`; `held` while it waits for a moderator, or `rejected` (only its author
    /// and moderators see it then).
    pub status: String,
    /// Relative URL of the comment on its article page.
    pub permalink: String,
    /// Chosen by a moderator to stand out.
    pub featured: bool,
    /// A public note by a moderator about this comment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moderator_note: Option<String>,
    /// Why a moderator rejected it (its author and moderators only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rejection_reason: Option<String>,
    /// Moderators only: what the automatic assessment found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assessment: Option<AssessmentOut>,
}

/// The automatic assessment of a comment, as moderators see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AssessmentOut {
    /// `publish`, `hold` or `reject`.
    pub decision: String,
    /// Why, machine-readable codes with a sentence and the words concerned.
    pub reasons: Vec<crate::error::ReasonOut>,
    /// Scores from 0 to 1 (`risk` orders the queues; `abuse`, `spam`, `toxicity_model`,
    /// `base_model`, `site_model`, `profanity`…) and counts (`links`).
    #[schema(value_type = Object)]
    pub scores: serde_json::Value,
}

impl AssessmentOut {
    pub fn of(a: &tribune_assess::Assessment) -> Self {
        let decision = serde_json::to_value(a.decision)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        Self {
            decision,
            reasons: a.reasons.iter().map(crate::error::ReasonOut::of).collect(),
            scores: serde_json::to_value(&a.scores).unwrap_or_default(),
        }
    }
}

impl CommentOut {
    pub fn of(c: &Comment, article_slug: &str, reacted: bool) -> Self {
        Self {
            id: c.id,
            article_slug: article_slug.to_owned(),
            author: Author {
                id: c.author_id,
                display_name: c.author_name.clone(),
            },
            parent_id: c.parent_id,
            root_id: c.root_id,
            depth: c.depth,
            hidden_replies: 0,
            mentions: c
                .mentions
                .iter()
                .map(|m| MentionOut {
                    text: m.written.clone(),
                    user: Author {
                        id: m.user_id,
                        display_name: m.display_name.clone(),
                    },
                })
                .collect(),
            quotes: c
                .quotes
                .iter()
                .map(|q| QuoteOut {
                    text: q.text.clone(),
                    verified: q.verified,
                    paragraph: q.paragraph,
                })
                .collect(),
            reactions: Reactions {
                count: c.reaction_count,
                reacted,
            },
            edited_at: c.edited_at,
            deleted: c.deleted,
            body: c.body_markdown.clone(),
            body_html: c.body_html.clone(),
            created_at: c.created_at,
            status: c.status.as_str().to_owned(),
            permalink: crate::views::permalink(article_slug, c.id),
            featured: c.featured,
            moderator_note: c.moderator_note.clone(),
            rejection_reason: c.rejection_reason.clone(),
            assessment: None,
        }
    }
}

/// One change in a discussion, as its live stream sends it: the SSE `event` is `change`, the
/// SSE `id` is `seq`.
#[derive(Debug, Serialize, ToSchema)]
pub struct LiveEventOut {
    /// The event's number in its discussion. A client that reconnects sends the last one it
    /// saw as `Last-Event-ID` and receives exactly the events after it.
    pub seq: i64,
    /// `created` (a new comment), `approved` (published by a moderator), `edited` (its text,
    /// moderator's note or featured mark changed) or `removed` (deleted, rejected or held).
    pub change: String,
    pub comment_id: i64,
    /// The comment as everyone sees it now; absent once it is gone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<CommentOut>,
}

impl LiveEventOut {
    pub fn of(slug: &str, live: &tribune_app::live::LiveEvent) -> Self {
        Self {
            seq: live.event.seq,
            change: live.event.change.as_str().to_owned(),
            comment_id: live.event.comment_id,
            comment: live
                .comment
                .as_ref()
                .map(|c| CommentOut::of(c, slug, false)),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommentList {
    /// In `flat` view, the comments in the order of `sort`; in `threaded` view, whole threads,
    /// each top-level comment followed by its replies depth first (see `depth`).
    pub items: Vec<CommentOut>,
    /// `flat` or `threaded`.
    pub view: String,
    /// `oldest`, `newest` or `liked`.
    pub sort: String,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
    /// Published comments on the article.
    pub total: i64,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// From `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Items per page (articles: up to 100; comments: up to 500).
    pub limit: Option<usize>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CommentPageQuery {
    /// From `next_cursor` of the previous page (of the same view and sort).
    pub cursor: Option<String>,
    /// Comments (flat) or threads (threaded) per page, up to 500; the site's page size by
    /// default.
    pub limit: Option<usize>,
    /// Return the page that holds this comment id (for permalinks), oldest first.
    pub around: Option<i64>,
    /// `flat` (default unless the site chose otherwise) or `threaded`.
    pub view: Option<String>,
    /// `oldest` (default), `newest` or `liked`.
    pub sort: Option<String>,
    /// Moderators only: `held`, `rejected` or `all` lists those comments of the article
    /// (newest first, with their assessment) instead of the published discussion.
    pub status: Option<String>,
}

/// Something that concerns the signed-in reader.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationOut {
    pub id: i64,
    /// `reply`, `mention`, `approved`, `rejected` or `edited` (the last three: a moderator's
    /// decision on the reader's own comment).
    pub kind: String,
    /// What happened, in a sentence.
    pub message: String,
    pub comment_id: i64,
    pub article_slug: String,
    pub article_headline: String,
    /// Relative URL of the comment; absent when it is gone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permalink: Option<String>,
    /// The comment's text as written (Markdown); empty when it is gone.
    pub body: String,
    /// The moderator's reason (rejected) or note (edited).
    pub note: String,
    /// The comment was deleted or removed since.
    pub gone: bool,
    pub read: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl NotificationOut {
    pub fn of(n: &tribune_store::Notification) -> Self {
        Self {
            id: n.id,
            kind: n.kind.as_str().to_owned(),
            message: crate::pages::notifications::headline(n.kind, n.actor_name.as_deref()),
            comment_id: n.comment_id,
            article_slug: n.article_slug.clone(),
            article_headline: n.article_headline.clone(),
            permalink: (!n.gone).then(|| crate::views::permalink(&n.article_slug, n.comment_id)),
            body: n.body_markdown.clone(),
            note: n.note.clone(),
            gone: n.gone,
            read: n.read_at.is_some(),
            created_at: n.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationList {
    /// Newest first.
    pub items: Vec<NotificationOut>,
    /// Pass as `before` for the next (older) page; absent on the last page.
    pub next_before: Option<i64>,
    pub unread: i64,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NotificationQuery {
    /// From `next_before` of the previous page.
    pub before: Option<i64>,
    /// Notifications per page, up to 100 (30 by default).
    pub limit: Option<usize>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UnreadCount {
    pub unread: i64,
}

/// How the reader hears of notifications by email.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EmailPreferenceBody {
    /// `immediately` (one mail per notification), `daily` (a digest) or `never`.
    pub email: String,
}
