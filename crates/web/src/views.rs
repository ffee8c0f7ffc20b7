//! What pages show: domain values turned into plain, template-ready fields (formatted times,
//! labels). Templates never see domain types.

use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use tribune_app::comments::QuotedParagraphs;
use tribune_domain::thread::ThreadNode;
use tribune_domain::{Article, Comment, CommentPolicy, CommentStatus, User};
use tribune_store::UserComment;

pub fn iso(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}

/// Whether `escape_html` escapes `'`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Apostrophes {
    /// For text that may end up anywhere (the Isso API's HTML fields).
    Escape,
    /// For text placed only in elements and double-quoted attributes (messages, see
    /// `i18n::template_text`), so that it reads exactly as written.
    Keep,
}

/// Escapes text for HTML by hand, for the few places that build it outside templates.
pub fn escape_html(text: &str, apostrophes: Apostrophes) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' if apostrophes == Apostrophes::Escape => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

/// A moment as readers see it, in the page's language (`24 Nov 2026, 07:30 UTC`).
pub fn human(at: OffsetDateTime) -> String {
    crate::i18n::date_time(at)
}

/// `No comments yet`, `1 comment`, `10,000 comments`, in the page's language.
pub fn count_label(count: i64) -> String {
    crate::i18n::text_with("comment-count", &[("count", count.into())])
}

tokio::task_local! {
    /// The signed-in reader's unread notifications for the header of the page being served:
    /// counted once per page request by `extract::resolve_viewer` (one look at an index), so
    /// that every page shows it without each handler asking.
    pub static UNREAD_NOTIFICATIONS: i64;
}

/// The count `UNREAD_NOTIFICATIONS` holds for this request (0 outside a page request).
pub fn unread_notifications() -> i64 {
    UNREAD_NOTIFICATIONS.try_with(|n| *n).unwrap_or(0)
}

/// The signed-in reader, as the page header shows them.
#[derive(Serialize)]
pub struct ViewerView {
    pub id: i64,
    pub display_name: String,
    pub is_admin: bool,
    pub is_moderator: bool,
    pub unread_notifications: i64,
}

impl ViewerView {
    pub fn of(user: Option<&User>) -> Option<Self> {
        user.map(|u| Self {
            id: u.id,
            display_name: u.display_name.clone(),
            is_admin: u.role.is_admin(),
            is_moderator: u.role.can_moderate(),
            unread_notifications: unread_notifications(),
        })
    }
}

/// The reader's own account, as their account page shows it.
#[derive(Serialize)]
pub struct AccountView {
    pub id: i64,
    pub display_name: String,
    pub email: String,
    pub email_verified: bool,
}

impl From<&User> for AccountView {
    fn from(user: &User) -> Self {
        Self {
            id: user.id,
            display_name: user.display_name.clone(),
            email: user.email.clone(),
            email_verified: user.email_verified,
        }
    }
}

#[derive(Serialize)]
pub struct ArticleView {
    pub slug: String,
    pub headline: String,
    pub lead: String,
    pub body_html: String,
    pub byline: String,
    pub dateline: String,
    pub credit: String,
    pub source: String,
    pub rights: String,
    pub tags: Vec<String>,
    pub canonical_url: String,
    /// The host of the canonical address (`news.example`), for "Read the article on …".
    pub canonical_site: String,
    pub published_iso: String,
    pub published_human: String,
    pub updated_iso: String,
    /// Empty unless the article was changed after publication.
    pub updated_human: String,
    pub comment_count: i64,
    pub comment_count_label: String,
    pub comment_policy: &'static str,
    pub pre_moderated: bool,
    /// The moderators' public note above the discussion.
    pub moderator_note: String,
    /// The discussion's latest event: live updates of this page continue after it.
    pub last_event: i64,
}

impl From<&Article> for ArticleView {
    fn from(a: &Article) -> Self {
        let edited_later = a.updated_at > a.published_at && a.updated_at > a.created_at;
        Self {
            slug: a.slug.clone(),
            headline: a.headline.clone(),
            lead: a.lead.clone(),
            body_html: a.body_html.clone(),
            byline: a.byline.clone(),
            dateline: a.dateline.clone(),
            credit: a.credit.clone(),
            source: a.source.clone(),
            rights: a.rights.clone(),
            tags: a.tags.clone(),
            canonical_url: a.canonical_url.clone(),
            canonical_site: tribune_domain::CanonicalUrl::parse(&a.canonical_url, "canonical_url")
                .map(|url| url.host().trim_start_matches("www.").to_owned())
                .unwrap_or_default(),
            published_iso: iso(a.published_at),
            published_human: human(a.published_at),
            updated_iso: iso(a.updated_at),
            updated_human: if edited_later {
                human(a.updated_at)
            } else {
                String::new()
            },
            comment_count: a.comment_count,
            comment_count_label: count_label(a.comment_count),
            comment_policy: a.comment_policy.as_str(),
            pre_moderated: a.comment_policy == CommentPolicy::PreModerated,
            moderator_note: a.moderator_note.clone().unwrap_or_default(),
            last_event: a.last_event,
        }
    }
}

#[derive(Serialize)]
pub struct CommentView {
    pub id: i64,
    pub author_id: i64,
    pub author_name: String,
    /// The author wrote as a guest (an unclaimed profile), not as a registered reader.
    pub author_guest: bool,
    pub parent_id: Option<i64>,
    pub parent_author: Option<String>,
    pub parent_permalink: Option<String>,
    pub body_html: String,
    pub created_iso: String,
    pub created_human: String,
    pub edited: bool,
    pub edited_human: String,
    pub deleted: bool,
    pub held: bool,
    pub rejected: bool,
    /// Why a moderator rejected it (its author and moderators see it).
    pub rejection_reason: String,
    pub featured: bool,
    pub moderator_note: String,
    pub permalink: String,
    pub reaction_count: i64,
    /// What the signed-in viewer may do with it.
    pub reacted: bool,
    pub can_react: bool,
    pub can_edit: bool,
    pub can_delete: bool,
    pub can_reply: bool,
    /// Moderators get a link to the earlier versions of an edited comment.
    pub show_history: bool,
    /// Signed-in readers may report others' comments; moderators get their tools.
    pub can_report: bool,
    pub can_moderate: bool,
    /// Verified quotations of the article: 1-based paragraph numbers.
    pub quoted_paragraphs: Vec<usize>,
}

/// What the viewer may do on the page, for deciding which buttons comments show.
pub struct CommentPermissions<'a> {
    pub viewer: Option<&'a User>,
    pub reacted: &'a std::collections::HashSet<i64>,
    pub edit_window: time::Duration,
    pub now: OffsetDateTime,
    pub open: bool,
}

impl CommentView {
    pub fn of(c: &Comment, article_slug: &str, permissions: &CommentPermissions<'_>) -> Self {
        let viewer = permissions.viewer;
        let own = viewer.is_some_and(|u| u.id == c.author_id);
        let moderator = viewer.is_some_and(|u| u.role.can_moderate());
        let mut quoted_paragraphs: Vec<usize> = c
            .quotes
            .iter()
            .filter(|q| q.verified)
            .filter_map(|q| q.paragraph.map(|p| p + 1))
            .collect();
        quoted_paragraphs.dedup();
        Self {
            id: c.id,
            author_id: c.author_id,
            author_name: c.author_name.clone(),
            author_guest: c.author_guest,
            parent_id: c.parent_id,
            parent_author: c.parent_author.clone(),
            parent_permalink: c.parent_id.map(|p| permalink(article_slug, p)),
            body_html: c.body_html.clone(),
            created_iso: iso(c.created_at),
            created_human: human(c.created_at),
            edited: c.edited_at.is_some(),
            edited_human: c.edited_at.map(human).unwrap_or_default(),
            deleted: c.deleted,
            held: c.status == CommentStatus::Held,
            rejected: c.status == CommentStatus::Rejected,
            rejection_reason: c.rejection_reason.clone().unwrap_or_default(),
            featured: c.featured,
            moderator_note: c.moderator_note.clone().unwrap_or_default(),
            permalink: permalink(article_slug, c.id),
            reaction_count: c.reaction_count,
            reacted: permissions.reacted.contains(&c.id),
            can_react: viewer.is_some() && !own && !c.deleted,
            can_edit: viewer.is_some_and(|u| {
                c.editable_by(u.id, permissions.now, permissions.edit_window)
                    .is_ok()
            }),
            can_delete: (own || moderator) && !c.deleted,
            can_reply: permissions.open && !c.deleted && c.status == CommentStatus::Published,
            show_history: moderator && (c.edited_at.is_some() || c.deleted),
            can_report: viewer.is_some() && !own && !moderator && !c.deleted,
            can_moderate: moderator,
            quoted_paragraphs,
        }
    }
}

/// A comment in threaded view, with the replies shown under it.
#[derive(Serialize)]
pub struct ThreadView {
    pub comment: CommentView,
    pub level: usize,
    pub replies: Vec<ThreadView>,
    /// Replies left off this page; the thread's permalink shows them all.
    pub hidden_replies: usize,
}

impl ThreadView {
    pub fn of(node: &ThreadNode, slug: &str, permissions: &CommentPermissions<'_>) -> Self {
        Self {
            comment: CommentView::of(&node.comment, slug, permissions),
            level: node.level,
            replies: node
                .replies
                .iter()
                .map(|n| Self::of(n, slug, permissions))
                .collect(),
            hidden_replies: node.hidden_replies,
        }
    }
}

/// An article paragraph with its anchor and the comments that quote it.
#[derive(Serialize)]
pub struct ParagraphView {
    /// 1-based, as in the `#p3` anchor.
    pub number: usize,
    pub html: String,
    pub quoted_by: Vec<String>,
}

pub fn paragraphs(article: &Article, quoted: &QuotedParagraphs) -> Vec<ParagraphView> {
    article
        .paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| ParagraphView {
            number: i + 1,
            html: p.html.clone(),
            quoted_by: quoted
                .comments
                .get(i)
                .into_iter()
                .flatten()
                .map(|id| permalink(&article.slug, *id))
                .collect(),
        })
        .collect()
}

/// The address of one comment: its page of the discussion, scrolled to it.
pub fn permalink(article_slug: &str, comment_id: i64) -> String {
    format!("/articles/{article_slug}?around={comment_id}#c{comment_id}")
}

#[derive(Serialize)]
pub struct ProfileCommentView {
    pub id: i64,
    pub article_slug: String,
    pub article_headline: String,
    pub body_html: String,
    pub created_iso: String,
    pub created_human: String,
}

impl From<&UserComment> for ProfileCommentView {
    fn from(uc: &UserComment) -> Self {
        Self {
            id: uc.comment.id,
            article_slug: uc.article_slug.clone(),
            article_headline: uc.article_headline.clone(),
            body_html: uc.comment.body_html.clone(),
            created_iso: iso(uc.comment.created_at),
            created_human: human(uc.comment.created_at),
        }
    }
}

#[derive(Serialize)]
pub struct UserView {
    pub id: i64,
    pub display_name: String,
    pub email: String,
    pub role: &'static str,
    pub joined_iso: String,
    pub joined_human: String,
}

impl From<&User> for UserView {
    fn from(u: &User) -> Self {
        Self {
            id: u.id,
            display_name: u.display_name.clone(),
            email: u.email.clone(),
            role: u.role.as_str(),
            joined_iso: iso(u.created_at),
            joined_human: human(u.created_at),
        }
    }
}
