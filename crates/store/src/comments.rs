//! Comments: threads, reactions, edits with their history, soft deletion, and the comment
//! counts kept on articles.

use std::sync::Arc;

use time::OffsetDateTime;
use tribune_domain::comment::CommentSort;
use tribune_domain::mention::Mention;
use tribune_domain::quote::Quote;
use tribune_domain::{Comment, CommentStatus};

use tribune_assess::{Assessment, Fingerprint};

use crate::imports::{Import, in_import};
use crate::moderation::{AuditEntry, audit};
use crate::{Error, Result, Store, from_micros, micros, with_pool, with_tx, with_writer};

#[derive(sqlx::FromRow)]
pub(crate) struct CommentRow {
    pub(crate) id: i64,
    article_id: i64,
    author_id: i64,
    author_name: String,
    author_guest: bool,
    author_website: Option<String>,
    parent_id: Option<i64>,
    parent_author: Option<String>,
    root_id: i64,
    depth: i64,
    body_markdown: String,
    body_html: String,
    mentions: String,
    quotes: String,
    status: String,
    reaction_count: i64,
    created_at: i64,
    edited_at: Option<i64>,
    deleted_at: Option<i64>,
    featured_at: Option<i64>,
    moderator_note: Option<String>,
    rejection_reason: Option<String>,
}

/// The columns of [`CommentRow`] and the joins they need, as macros so that queries stay
/// `&'static str`.
macro_rules! columns {
    () => {
        "c.id, c.article_id, c.author_id, u.display_name AS author_name, \
         (u.unclaimed_key IS NOT NULL) AS author_guest, u.website AS author_website, c.parent_id, \
         pu.display_name AS parent_author, c.root_id, c.depth, c.body_markdown, c.body_html, \
         c.mentions, c.quotes, c.status, c.reaction_count, c.created_at, c.edited_at, \
         c.deleted_at, c.featured_at, c.moderator_note, c.rejection_reason"
    };
}

macro_rules! from_comments {
    () => {
        " FROM comments c JOIN users u ON u.id = c.author_id \
         LEFT JOIN comments p ON p.id = c.parent_id LEFT JOIN users pu ON pu.id = p.author_id "
    };
}
pub(crate) use {columns, from_comments};

/// The columns of [`CommentRow`] as an `INSERT INTO comments … RETURNING` gives them: the
/// author's and the parent's names by subquery, where [`columns!`] joins.
macro_rules! returned_columns {
    () => {
        "id, article_id, author_id, \
         (SELECT u.display_name FROM users u WHERE u.id = comments.author_id) AS author_name, \
         (SELECT u.unclaimed_key IS NOT NULL FROM users u WHERE u.id = comments.author_id) \
             AS author_guest, \
         (SELECT u.website FROM users u WHERE u.id = comments.author_id) AS author_website, \
         parent_id, \
         (SELECT pu.display_name FROM comments p JOIN users pu ON pu.id = p.author_id \
          WHERE p.id = comments.parent_id) AS parent_author, \
         root_id, depth, body_markdown, body_html, mentions, quotes, status, reaction_count, \
         created_at, edited_at, deleted_at, featured_at, moderator_note, rejection_reason"
    };
}

/// Stores a new comment and returns it whole, in one statement: a top-level comment is its
/// own thread's root, so its id is taken before the row is written. Where the id comes from
/// is one difference between the backends.
macro_rules! insert_comment_sql {
    ($next_id:literal) => {
        concat!(
            "INSERT INTO comments (id, article_id, author_id, parent_id, root_id, depth, \
                 body_markdown, body_html, mentions, quotes, status, created_at, assessment, \
                 risk, simhash, exact_hash, address_hash, rejection_reason) \
             SELECT n.id, $1, $2, $3, COALESCE($4, n.id), $5, $6, $7, $8, $9, $10, $11, $12, \
                 $13, $14, $15, $16, $17 \
             FROM (SELECT ",
            $next_id,
            ") AS n RETURNING ",
            returned_columns!()
        )
    };
}

/// Counts the new comment in its article (`$18`: 1 when it is published), marks the
/// discussion changed and, for a published comment, takes the discussion's next event number,
/// which the event log's trigger gives the comment's event (migrations 0022 on SQLite, 0024
/// on PostgreSQL): the article's row is written once per comment.
macro_rules! count_comment_sql {
    () => {
        "UPDATE articles SET comment_count = comment_count + $18, \
             discussion_version = discussion_version + 1, event_seq = event_seq + $18 \
             WHERE id = $1"
    };
}

/// What stores a new comment and counts it, sent as one command, on the backend of this
/// connection: in the comment writer, each command is a hand-off to the database (SQLite's
/// thread, PostgreSQL's round trip) in the one serial step of posting.
pub(crate) trait InsertComment {
    const INSERT_COMMENT: &'static str;
}

impl InsertComment for sqlx::SqliteConnection {
    // SQLite gives a new row the largest id plus one; every write transaction has the
    // database to itself, so no other comment can take that id first. Two statements in
    // one command, with the same arguments: SQLite runs the second only if the first
    // succeeded, and a command that fails half-way is undone with its transaction (the
    // writer's group, see group_commit; or an import). The count goes first: the insert's
    // trigger reads the event number it takes.
    const INSERT_COMMENT: &'static str = concat!(
        count_comment_sql!(),
        "; ",
        insert_comment_sql!("COALESCE(MAX(id), 0) + 1 AS id FROM comments")
    );
}

impl InsertComment for sqlx::PgConnection {
    // One statement: PostgreSQL takes one command of several statements only without
    // arguments. Its AFTER triggers (the event log's) run once both are done.
    const INSERT_COMMENT: &'static str = concat!(
        "WITH inserted AS (",
        insert_comment_sql!("nextval(pg_get_serial_sequence('comments', 'id')) AS id"),
        "), counted AS (",
        count_comment_sql!(),
        ") SELECT * FROM inserted"
    );
}

pub(crate) fn insert_comment_sql<C: InsertComment>(_: &C) -> &'static str {
    C::INSERT_COMMENT
}

/// Which comments a viewer sees: the published ones, and their own held or rejected ones (`$3`
/// is the viewer's id, 0 for nobody), so authors see where their comment stands. Written as a `CASE` on purpose: as an `OR` it tempts both
/// planners into merging two index scans and sorting the whole discussion, where walking the
/// ordered index and filtering stops after one page.
macro_rules! visible {
    ($alias:literal) => {
        concat!(
            "(CASE ",
            $alias,
            ".status WHEN 'published' THEN TRUE ELSE ",
            $alias,
            ".author_id = $3 END)"
        )
    };
}

impl TryFrom<CommentRow> for Comment {
    type Error = Error;

    fn try_from(row: CommentRow) -> Result<Self> {
        Ok(Comment {
            id: row.id,
            article_id: row.article_id,
            author_id: row.author_id,
            author_name: row.author_name,
            author_guest: row.author_guest,
            author_website: row.author_website,
            parent_id: row.parent_id,
            parent_author: row.parent_author,
            root_id: row.root_id,
            depth: row.depth,
            body_markdown: row.body_markdown,
            body_html: row.body_html,
            mentions: serde_json::from_str(&row.mentions)
                .map_err(|e| Error::Corrupt(format!("mentions of comment {}: {e}", row.id)))?,
            quotes: serde_json::from_str(&row.quotes)
                .map_err(|e| Error::Corrupt(format!("quotes of comment {}: {e}", row.id)))?,
            status: CommentStatus::from_stored(&row.status),
            reaction_count: row.reaction_count,
            created_at: from_micros(row.created_at)?,
            edited_at: row.edited_at.map(from_micros).transpose()?,
            deleted: row.deleted_at.is_some(),
            featured: row.featured_at.is_some(),
            moderator_note: row.moderator_note,
            rejection_reason: row.rejection_reason,
        })
    }
}

pub(crate) fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Corrupt(e.to_string()))
}

/// A comment to store, validated and rendered.
#[derive(Debug, Clone)]
pub struct NewComment<'a> {
    pub article_id: i64,
    pub author_id: i64,
    /// The comment answered, with its thread root and depth; `None` for a top-level comment.
    pub parent: Option<Parent>,
    pub body: Body<'a>,
    pub status: CommentStatus,
    pub screening: Screening<'a>,
    pub created_at: OffsetDateTime,
}

/// A [`NewComment`] that owns its parts, to travel to the comment writer.
struct OwnedNewComment {
    article_id: i64,
    author_id: i64,
    parent: Option<Parent>,
    markdown: String,
    html: String,
    mentions: Vec<Mention>,
    quotes: Vec<Quote>,
    status: CommentStatus,
    assessment: Option<Assessment>,
    fingerprint: Option<Fingerprint>,
    address_hash: Option<String>,
    rejection_reason: Option<String>,
    created_at: OffsetDateTime,
}

impl OwnedNewComment {
    fn of(new: &NewComment<'_>) -> Self {
        OwnedNewComment {
            article_id: new.article_id,
            author_id: new.author_id,
            parent: new.parent,
            markdown: new.body.markdown.to_owned(),
            html: new.body.html.to_owned(),
            mentions: new.body.mentions.to_vec(),
            quotes: new.body.quotes.to_vec(),
            status: new.status,
            assessment: new.screening.assessment.cloned(),
            fingerprint: new.screening.fingerprint,
            address_hash: new.screening.address_hash.map(str::to_owned),
            rejection_reason: new.screening.rejection_reason.map(str::to_owned),
            created_at: new.created_at,
        }
    }

    fn borrowed(&self) -> NewComment<'_> {
        NewComment {
            article_id: self.article_id,
            author_id: self.author_id,
            parent: self.parent,
            body: Body {
                markdown: &self.markdown,
                html: &self.html,
                mentions: &self.mentions,
                quotes: &self.quotes,
            },
            status: self.status,
            screening: Screening {
                assessment: self.assessment.as_ref(),
                fingerprint: self.fingerprint,
                address_hash: self.address_hash.as_deref(),
                rejection_reason: self.rejection_reason.as_deref(),
            },
            created_at: self.created_at,
        }
    }
}

/// What the automatic assessment found in a body, stored with it: the assessment shown to
/// moderators, the fingerprint that finds duplicates, and the (keyed hash of the) address it
/// came from.
#[derive(Debug, Clone, Copy, Default)]
pub struct Screening<'a> {
    pub assessment: Option<&'a Assessment>,
    pub fingerprint: Option<Fingerprint>,
    pub address_hash: Option<&'a str>,
    /// What the author is told when the screening rejected the comment.
    pub rejection_reason: Option<&'a str>,
}

/// A new body for a comment: by its author (status and assessment may change with it) or by
/// a moderator (with a public note, recorded in the audit log).
#[derive(Debug, Clone, Copy)]
pub struct Edit<'a> {
    pub body: Body<'a>,
    pub status: CommentStatus,
    pub screening: Screening<'a>,
    pub edited_at: OffsetDateTime,
    pub moderator_note: Option<&'a str>,
    pub audit: Option<&'a AuditEntry>,
}

/// Where a reply sits: under `id`, in the thread of `root_id`, one level below `depth`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parent {
    pub id: i64,
    pub root_id: i64,
    pub depth: i64,
}

/// A comment body as written and as rendered, with what was found in it.
#[derive(Debug, Clone, Copy)]
pub struct Body<'a> {
    pub markdown: &'a str,
    pub html: &'a str,
    pub mentions: &'a [Mention],
    pub quotes: &'a [Quote],
}

/// Where a page of a discussion starts, in the order of its sort: after this comment (for
/// the most-liked order, after this reaction count and comment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommentCursor {
    pub sort: CommentSort,
    pub id: i64,
    pub reactions: i64,
}

impl CommentCursor {
    pub fn after(sort: CommentSort, comment: &Comment) -> Self {
        Self {
            sort,
            id: comment.id,
            reactions: comment.reaction_count,
        }
    }

    /// An opaque string for URLs; it names its sort, so a cursor is never read in another.
    pub fn encode(&self) -> String {
        match self.sort {
            CommentSort::Oldest => format!("o{}", self.id),
            CommentSort::Newest => format!("n{}", self.id),
            CommentSort::Liked => format!("l{}.{}", self.reactions, self.id),
        }
    }

    pub fn decode(raw: &str, sort: CommentSort) -> Option<Self> {
        let (tag, rest) = raw.split_at_checked(1)?;
        let (reactions, id) = match (tag, sort) {
            ("o", CommentSort::Oldest) | ("n", CommentSort::Newest) => (0, rest.parse().ok()?),
            ("l", CommentSort::Liked) => {
                let (reactions, id) = rest.split_once('.')?;
                (reactions.parse().ok()?, id.parse().ok()?)
            }
            _ => return None,
        };
        Some(Self {
            sort,
            id,
            reactions,
        })
    }

    /// The cursor before the first comment.
    fn start(sort: CommentSort) -> Self {
        match sort {
            CommentSort::Oldest => Self {
                sort,
                id: 0,
                reactions: 0,
            },
            CommentSort::Newest => Self {
                sort,
                id: i64::MAX,
                reactions: 0,
            },
            CommentSort::Liked => Self {
                sort,
                id: 0,
                reactions: i64::MAX,
            },
        }
    }
}

/// The SQL condition and order of each sort, for the comments aliased `$a`. `$2` is the
/// cursor's comment id and `$5` its reaction count.
macro_rules! sorted {
    (oldest, $a:literal) => {
        concat!($a, ".id > $2 ORDER BY ", $a, ".id")
    };
    (newest, $a:literal) => {
        concat!($a, ".id < $2 ORDER BY ", $a, ".id DESC")
    };
    (liked, $a:literal) => {
        concat!(
            $a,
            ".reaction_count <= $5 AND (CASE WHEN ",
            $a,
            ".reaction_count = $5 THEN ",
            $a,
            ".id > $2 ELSE TRUE END) ORDER BY ",
            $a,
            ".reaction_count DESC, ",
            $a,
            ".id"
        )
    };
}

/// Comments in order, one page: `$1` article, `$3` viewer, `$4` limit.
macro_rules! flat_page {
    ($sort:ident) => {
        concat!(
            "SELECT ",
            columns!(),
            from_comments!(),
            "WHERE c.article_id = $1 AND ",
            visible!("c"),
            " AND ",
            sorted!($sort, "c"),
            " LIMIT $4"
        )
    };
}

/// Whole threads, one page of top-level comments with every reply under them.
macro_rules! thread_page {
    ($sort:ident) => {
        concat!(
            "SELECT ",
            columns!(),
            from_comments!(),
            "WHERE c.article_id = $1 AND ",
            visible!("c"),
            " AND c.root_id IN (",
            "SELECT r.id FROM comments r WHERE r.article_id = $1 AND r.parent_id IS NULL AND ",
            visible!("r"),
            " AND ",
            sorted!($sort, "r"),
            " LIMIT $4)"
        )
    };
}

/// Records, inside transaction `$tx`, whom a comment body mentions and which article
/// paragraphs it quotes verbatim.
macro_rules! index_body {
    ($tx:ident, $comment_id:expr, $article_id:expr, $body:expr) => {{
        const MENTION: &str = "INSERT INTO comment_mentions (comment_id, user_id) VALUES ($1, $2)";
        const QUOTE: &str =
            "INSERT INTO comment_quotes (comment_id, article_id, paragraph) VALUES ($1, $2, $3)";
        let mut users: Vec<i64> = $body.mentions.iter().map(|m| m.user_id).collect();
        users.sort_unstable();
        users.dedup();
        for user_id in users {
            sqlx::query(MENTION)
                .bind($comment_id)
                .bind(user_id)
                .execute(&mut *$tx)
                .await?;
        }
        let mut paragraphs: Vec<i64> = $body
            .quotes
            .iter()
            .filter(|q| q.verified)
            .filter_map(|q| q.paragraph.and_then(|p| i64::try_from(p).ok()))
            .collect();
        paragraphs.sort_unstable();
        paragraphs.dedup();
        for paragraph in paragraphs {
            sqlx::query(QUOTE)
                .bind($comment_id)
                .bind($article_id)
                .bind(paragraph)
                .execute(&mut *$tx)
                .await?;
        }
    }};
}

/// Stores a comment inside transaction `$tx` with its article's count and what its body
/// mentions and quotes; evaluates to its [`CommentRow`]. One body for
/// [`Store::insert_comment`] and the imports' transaction. The row (thread root included)
/// comes back from the command that stores and counts it ([`InsertComment`]); only a
/// mention or a quotation adds a command.
macro_rules! insert_comment_in {
    ($tx:ident, $new:expr) => {{
        let new: &NewComment<'_> = $new;
        let mentions = to_json(&new.body.mentions)?;
        let quotes = to_json(&new.body.quotes)?;
        let assessment = new.screening.assessment.map(to_json).transpose()?;
        let risk = new
            .screening
            .assessment
            .map_or(0.0, |a| f64::from(a.scores.risk));
        let counted: i64 = if new.status == CommentStatus::Published {
            1
        } else {
            0
        };
        // Every row the command gives, so that SQLite runs its second statement too.
        let row: Option<CommentRow> = sqlx::query_as($crate::comments::insert_comment_sql(&*$tx))
            .bind(new.article_id)
            .bind(new.author_id)
            .bind(new.parent.map(|p| p.id))
            .bind(new.parent.map(|p| p.root_id))
            .bind(new.parent.map_or(0, |p| p.depth + 1))
            .bind(new.body.markdown)
            .bind(new.body.html)
            .bind(&mentions)
            .bind(&quotes)
            .bind(new.status.as_str())
            .bind(micros(new.created_at))
            .bind(&assessment)
            .bind(risk)
            .bind(new.screening.fingerprint.map(|f| f.simhash_i64()))
            .bind(new.screening.fingerprint.map(|f| f.exact_i64()))
            .bind(new.screening.address_hash)
            .bind(new.screening.rejection_reason)
            .bind(counted)
            .fetch_all(&mut *$tx)
            .await?
            .pop();
        let row = row.ok_or(sqlx::Error::RowNotFound)?;
        index_body!($tx, row.id, new.article_id, new.body);
        row
    }};
}

/// Marks comment `$id` deleted at `$at` inside transaction `$tx` (its replies stay), uncounts
/// it and drops its quotations; deleting twice changes nothing. One body for
/// [`Store::delete_comment`] and the imports' transaction.
macro_rules! delete_comment_in {
    ($tx:ident, $id:expr, $at:expr, $entry:expr) => {{
        const DELETE: &str = "UPDATE comments SET deleted_at = $2 \
             WHERE id = $1 AND deleted_at IS NULL RETURNING article_id, status";
        const UNCOUNT: &str = "UPDATE articles SET comment_count = comment_count - $2, \
             discussion_version = discussion_version + 1 WHERE id = $1";
        const CLEAR_QUOTES: &str = "DELETE FROM comment_quotes WHERE comment_id = $1";
        let comment_id: i64 = $id;
        let entry: Option<&AuditEntry> = $entry;
        let deleted: Option<(i64, String)> = sqlx::query_as(DELETE)
            .bind(comment_id)
            .bind(micros($at))
            .fetch_optional(&mut *$tx)
            .await?;
        if let Some((article_id, status)) = deleted {
            let counted: i64 = if status == CommentStatus::Published.as_str() {
                1
            } else {
                0
            };
            sqlx::query(UNCOUNT)
                .bind(article_id)
                .bind(counted)
                .execute(&mut *$tx)
                .await?;
            sqlx::query(CLEAR_QUOTES)
                .bind(comment_id)
                .execute(&mut *$tx)
                .await?;
            if let Some(entry) = entry {
                audit!($tx, entry);
            }
        }
    }};
}

/// A comment with the article it belongs to, for lists across articles (profiles, feeds).
#[derive(Debug, Clone)]
pub struct UserComment {
    pub comment: Comment,
    pub article_slug: String,
    pub article_headline: String,
}

/// A [`CommentRow`] with `a.slug, a.headline` of its article.
#[derive(sqlx::FromRow)]
pub(crate) struct UserCommentRow {
    #[sqlx(flatten)]
    comment: CommentRow,
    slug: String,
    headline: String,
}

impl TryFrom<UserCommentRow> for UserComment {
    type Error = Error;

    fn try_from(row: UserCommentRow) -> Result<Self> {
        Ok(UserComment {
            comment: row.comment.try_into()?,
            article_slug: row.slug,
            article_headline: row.headline,
        })
    }
}

/// An earlier version of an edited comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub body_markdown: String,
    pub written_at: OffsetDateTime,
    pub replaced_at: OffsetDateTime,
}

impl Store {
    /// Stores a comment, its mentions and its quotations, and counts it on its article when
    /// it is published, in one transaction: the count never disagrees with the comments.
    /// The comment is written in its backend's next group commit (see [`GroupCommit`]): it
    /// is acknowledged once it is durable, with the others written together with it.
    pub async fn insert_comment(&self, new: &NewComment<'_>) -> Result<Comment> {
        // Shared, not moved in: the writer may run the work again (see group_commit).
        let owned = Arc::new(OwnedNewComment::of(new));
        let article_id = new.article_id;
        let row: CommentRow = with_writer!(self, |writer| {
            writer
                .write(article_id, move |tx| {
                    let owned = Arc::clone(&owned);
                    Box::pin(async move {
                        let new = owned.borrowed();
                        Ok(insert_comment_in!(tx, &new))
                    })
                })
                .await?
        });
        row.try_into()
    }

    pub async fn comment(&self, id: i64) -> Result<Option<Comment>> {
        const SQL: &str = concat!("SELECT ", columns!(), from_comments!(), "WHERE c.id = $1");
        let row: Option<CommentRow> = with_pool!(self, |pool| {
            sqlx::query_as(SQL).bind(id).fetch_optional(pool).await?
        });
        row.map(Comment::try_from).transpose()
    }

    /// One page of a discussion in `sort` order, as `viewer_id` sees it: `limit` comments
    /// after `cursor`.
    pub async fn comments(
        &self,
        article_id: i64,
        viewer_id: Option<i64>,
        cursor: Option<CommentCursor>,
        sort: CommentSort,
        limit: i64,
    ) -> Result<Vec<Comment>> {
        let sql = match sort {
            CommentSort::Oldest => flat_page!(oldest),
            CommentSort::Newest => flat_page!(newest),
            CommentSort::Liked => flat_page!(liked),
        };
        self.page(sql, article_id, viewer_id, cursor, sort, limit)
            .await
    }

    /// One page of whole threads in `sort` order of their top-level comments: `limit`
    /// top-level comments after `cursor`, each with every reply the viewer sees, by id.
    /// (Sorted here rather than in SQL: an `ORDER BY` there leads SQLite to walk the whole
    /// discussion in id order instead of fetching the page's threads by root.)
    pub async fn threads(
        &self,
        article_id: i64,
        viewer_id: Option<i64>,
        cursor: Option<CommentCursor>,
        sort: CommentSort,
        limit: i64,
    ) -> Result<Vec<Comment>> {
        let sql = match sort {
            CommentSort::Oldest => thread_page!(oldest),
            CommentSort::Newest => thread_page!(newest),
            CommentSort::Liked => thread_page!(liked),
        };
        let mut comments = self
            .page(sql, article_id, viewer_id, cursor, sort, limit)
            .await?;
        comments.sort_by_key(|c| c.id);
        Ok(comments)
    }

    async fn page(
        &self,
        sql: &'static str,
        article_id: i64,
        viewer_id: Option<i64>,
        cursor: Option<CommentCursor>,
        sort: CommentSort,
        limit: i64,
    ) -> Result<Vec<Comment>> {
        let cursor = cursor
            .filter(|c| c.sort == sort)
            .unwrap_or(CommentCursor::start(sort));
        let rows: Vec<CommentRow> = with_pool!(self, |pool| {
            let query = sqlx::query_as(sql)
                .bind(article_id)
                .bind(cursor.id)
                .bind(viewer_id.unwrap_or(0))
                .bind(limit);
            // Only the most-liked order reads `$5`; PostgreSQL refuses unused parameters.
            let query = if sort == CommentSort::Liked {
                query.bind(cursor.reactions)
            } else {
                query
            };
            query.fetch_all(pool).await?
        });
        rows.into_iter().map(Comment::try_from).collect()
    }

    /// The cursor of an oldest-first page that opens `context` comments before comment
    /// `comment_id`, as `viewer_id` sees the discussion; `None` when that page is the first.
    /// An index look-up, whatever the depth of the comment in a long discussion.
    pub async fn page_cursor_for(
        &self,
        article_id: i64,
        viewer_id: Option<i64>,
        comment_id: i64,
        context: i64,
    ) -> Result<Option<CommentCursor>> {
        const BEFORE: &str = concat!(
            "SELECT c.id FROM comments c WHERE c.article_id = $1 AND c.id < $2 AND ",
            visible!("c"),
            " ORDER BY c.id DESC LIMIT 1 OFFSET $4"
        );
        let after_id: Option<i64> = with_pool!(self, |pool| {
            sqlx::query_scalar(BEFORE)
                .bind(article_id)
                .bind(comment_id)
                .bind(viewer_id.unwrap_or(0))
                .bind(context.max(0))
                .fetch_optional(pool)
                .await?
        });
        Ok(after_id.map(|id| CommentCursor {
            sort: CommentSort::Oldest,
            id,
            reactions: 0,
        }))
    }

    /// One whole thread: the top-level comment `root_id` and every reply the viewer sees, by
    /// id.
    pub async fn thread(
        &self,
        article_id: i64,
        viewer_id: Option<i64>,
        root_id: i64,
    ) -> Result<Vec<Comment>> {
        const SQL: &str = concat!(
            "SELECT ",
            columns!(),
            from_comments!(),
            "WHERE c.article_id = $1 AND c.root_id = $2 AND ",
            visible!("c"),
            " ORDER BY c.id"
        );
        let rows: Vec<CommentRow> = with_pool!(self, |pool| {
            sqlx::query_as(SQL)
                .bind(article_id)
                .bind(root_id)
                .bind(viewer_id.unwrap_or(0))
                .fetch_all(pool)
                .await?
        });
        rows.into_iter().map(Comment::try_from).collect()
    }

    /// Replaces a comment's body, keeping the previous one as a revision, in one transaction
    /// with its new status (and the article's count), its new assessment, and for a
    /// moderator's edit the public note and the audit entry.
    pub async fn edit_comment(&self, previous: &Comment, edit: &Edit<'_>) -> Result<Comment> {
        const REVISION: &str = "INSERT INTO comment_revisions \
             (comment_id, body_markdown, written_at, replaced_at) VALUES ($1, $2, $3, $4)";
        const UPDATE: &str = "UPDATE comments SET body_markdown = $2, body_html = $3, \
             mentions = $4, quotes = $5, edited_at = $6, status = $7, \
             assessment = COALESCE($8, assessment), risk = COALESCE($9, risk), \
             simhash = COALESCE($10, simhash), exact_hash = COALESCE($11, exact_hash), \
             moderator_note = COALESCE($12, moderator_note) WHERE id = $1";
        const CLEAR_MENTIONS: &str = "DELETE FROM comment_mentions WHERE comment_id = $1";
        const CLEAR_QUOTES: &str = "DELETE FROM comment_quotes WHERE comment_id = $1";
        const COUNT: &str = "UPDATE articles SET comment_count = comment_count + $2, \
             discussion_version = discussion_version + 1 WHERE id = $1";
        let body = &edit.body;
        let mentions = to_json(&body.mentions)?;
        let quotes = to_json(&body.quotes)?;
        let assessment = edit.screening.assessment.map(to_json).transpose()?;
        let risk = edit.screening.assessment.map(|a| f64::from(a.scores.risk));
        let written_at = previous.edited_at.unwrap_or(previous.created_at);
        let recount = count_change(previous, edit.status);
        with_tx!(self, |tx| {
            sqlx::query(REVISION)
                .bind(previous.id)
                .bind(&previous.body_markdown)
                .bind(micros(written_at))
                .bind(micros(edit.edited_at))
                .execute(&mut *tx)
                .await?;
            sqlx::query(UPDATE)
                .bind(previous.id)
                .bind(body.markdown)
                .bind(body.html)
                .bind(&mentions)
                .bind(&quotes)
                .bind(micros(edit.edited_at))
                .bind(edit.status.as_str())
                .bind(&assessment)
                .bind(risk)
                .bind(edit.screening.fingerprint.map(|f| f.simhash_i64()))
                .bind(edit.screening.fingerprint.map(|f| f.exact_i64()))
                .bind(edit.moderator_note)
                .execute(&mut *tx)
                .await?;
            sqlx::query(CLEAR_MENTIONS)
                .bind(previous.id)
                .execute(&mut *tx)
                .await?;
            sqlx::query(CLEAR_QUOTES)
                .bind(previous.id)
                .execute(&mut *tx)
                .await?;
            sqlx::query(COUNT)
                .bind(previous.article_id)
                .bind(recount)
                .execute(&mut *tx)
                .await?;
            index_body!(tx, previous.id, previous.article_id, body);
            if let Some(entry) = edit.audit {
                audit!(tx, entry);
            }
        });
        self.comment(previous.id).await?.ok_or(Error::NotFound)
    }

    /// The earlier versions of a comment, oldest first.
    pub async fn revisions(&self, comment_id: i64) -> Result<Vec<Revision>> {
        let rows: Vec<(String, i64, i64)> = with_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT body_markdown, written_at, replaced_at FROM comment_revisions \
                 WHERE comment_id = $1 ORDER BY id",
            )
            .bind(comment_id)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter()
            .map(|(body_markdown, written_at, replaced_at)| {
                Ok(Revision {
                    body_markdown,
                    written_at: from_micros(written_at)?,
                    replaced_at: from_micros(replaced_at)?,
                })
            })
            .collect()
    }

    /// Marks a comment deleted (its replies stay), uncounts it, and drops its quotations
    /// from the paragraph counts; deleting twice changes nothing. A moderator's deletion
    /// carries its audit entry, written in the same transaction.
    pub async fn delete_comment(
        &self,
        comment_id: i64,
        at: OffsetDateTime,
        entry: Option<&AuditEntry>,
    ) -> Result<()> {
        with_tx!(self, |tx| {
            delete_comment_in!(tx, comment_id, at, entry);
        });
        Ok(())
    }

    /// Adds the reader's reaction to a comment, or takes it back if there was one; returns
    /// whether it is now there and the comment's new count.
    pub async fn toggle_reaction(
        &self,
        comment_id: i64,
        user_id: i64,
        at: OffsetDateTime,
    ) -> Result<(bool, i64)> {
        const REMOVE: &str = "DELETE FROM reactions WHERE comment_id = $1 AND user_id = $2";
        const ADD: &str =
            "INSERT INTO reactions (comment_id, user_id, created_at) VALUES ($1, $2, $3)";
        const COUNT: &str = "UPDATE comments SET reaction_count = reaction_count + $2 \
             WHERE id = $1 RETURNING reaction_count";
        const BUMP: &str = "UPDATE articles SET discussion_version = discussion_version + 1 \
             WHERE id = (SELECT article_id FROM comments WHERE id = $1)";
        let toggled = with_tx!(self, |tx| {
            let removed = sqlx::query(REMOVE)
                .bind(comment_id)
                .bind(user_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if removed == 0 {
                sqlx::query(ADD)
                    .bind(comment_id)
                    .bind(user_id)
                    .bind(micros(at))
                    .execute(&mut *tx)
                    .await?;
            }
            let change: i64 = if removed == 0 { 1 } else { -1 };
            let count: i64 = sqlx::query_scalar(COUNT)
                .bind(comment_id)
                .bind(change)
                .fetch_one(&mut *tx)
                .await?;
            sqlx::query(BUMP).bind(comment_id).execute(&mut *tx).await?;
            (removed == 0, count)
        });
        Ok(toggled)
    }

    /// The comments of an article that `user_id` reacted to.
    pub async fn reactions_by(&self, article_id: i64, user_id: i64) -> Result<Vec<i64>> {
        with_pool!(self, |pool| {
            Ok(sqlx::query_scalar(
                "SELECT r.comment_id FROM reactions r JOIN comments c ON c.id = r.comment_id \
                 WHERE r.user_id = $1 AND c.article_id = $2",
            )
            .bind(user_id)
            .bind(article_id)
            .fetch_all(pool)
            .await?)
        })
    }

    /// Who has published a comment under the article: the people a mention most likely
    /// means.
    pub async fn participants(&self, article_id: i64) -> Result<Vec<(i64, String)>> {
        with_pool!(self, |pool| {
            Ok(sqlx::query_as(
                "SELECT u.id, u.display_name FROM users u WHERE u.id IN \
                 (SELECT c.author_id FROM comments c WHERE c.article_id = $1 \
                  AND c.status = 'published' AND c.deleted_at IS NULL)",
            )
            .bind(article_id)
            .fetch_all(pool)
            .await?)
        })
    }

    /// The participant of the discussion whose name has the key `name_key`, if there is one.
    pub async fn participant_named(
        &self,
        article_id: i64,
        name_key: &str,
    ) -> Result<Option<(i64, String)>> {
        with_pool!(self, |pool| {
            Ok(sqlx::query_as(
                "SELECT u.id, u.display_name FROM users u WHERE u.name_key = $2 AND EXISTS \
                 (SELECT 1 FROM comments c WHERE c.article_id = $1 AND c.author_id = u.id \
                  AND c.status = 'published' AND c.deleted_at IS NULL)",
            )
            .bind(article_id)
            .bind(name_key)
            .fetch_optional(pool)
            .await?)
        })
    }

    /// The latest published comment of `author_id` under the article, to answer when a
    /// reader addresses them without choosing a comment.
    pub async fn latest_comment_by(&self, article_id: i64, author_id: i64) -> Result<Option<i64>> {
        with_pool!(self, |pool| {
            Ok(sqlx::query_scalar(
                "SELECT id FROM comments WHERE article_id = $1 AND author_id = $2 \
                 AND status = 'published' AND deleted_at IS NULL ORDER BY id DESC LIMIT 1",
            )
            .bind(article_id)
            .bind(author_id)
            .fetch_optional(pool)
            .await?)
        })
    }

    /// `(paragraph, comment id)` for every published comment that quotes an article
    /// paragraph verbatim, by paragraph then comment.
    pub async fn quoted_paragraphs(&self, article_id: i64) -> Result<Vec<(i64, i64)>> {
        with_pool!(self, |pool| {
            Ok(sqlx::query_as(
                "SELECT q.paragraph, q.comment_id FROM comment_quotes q \
                 JOIN comments c ON c.id = q.comment_id \
                 WHERE q.article_id = $1 AND c.status = 'published' AND c.deleted_at IS NULL \
                 ORDER BY q.paragraph, q.comment_id",
            )
            .bind(article_id)
            .fetch_all(pool)
            .await?)
        })
    }

    /// A reader's published comments, newest first, with the articles they belong to.
    pub async fn comments_by_user(&self, user_id: i64, limit: i64) -> Result<Vec<UserComment>> {
        const SQL: &str = concat!(
            "SELECT ",
            columns!(),
            ", a.slug, a.headline",
            from_comments!(),
            "JOIN articles a ON a.id = c.article_id \
             WHERE c.author_id = $1 AND c.status = 'published' AND c.deleted_at IS NULL \
             ORDER BY c.id DESC LIMIT $2"
        );
        let rows: Vec<UserCommentRow> = with_pool!(self, |pool| {
            sqlx::query_as(SQL)
                .bind(user_id)
                .bind(limit)
                .fetch_all(pool)
                .await?
        });
        rows.into_iter().map(UserComment::try_from).collect()
    }

    /// The site's latest published comments, newest first (Isso's `/latest`).
    pub async fn latest_comments(&self, limit: i64) -> Result<Vec<Comment>> {
        const SQL: &str = concat!(
            "SELECT ",
            columns!(),
            from_comments!(),
            "WHERE c.status = 'published' AND c.deleted_at IS NULL ORDER BY c.id DESC LIMIT $1"
        );
        let rows: Vec<CommentRow> = with_pool!(self, |pool| {
            sqlx::query_as(SQL).bind(limit).fetch_all(pool).await?
        });
        rows.into_iter().map(Comment::try_from).collect()
    }

    /// How many comments are stored in all, any status (for metrics and the admin).
    pub async fn count_comments(&self) -> Result<i64> {
        with_pool!(self, |pool| {
            Ok(sqlx::query_scalar("SELECT COUNT(*) FROM comments")
                .fetch_one(pool)
                .await?)
        })
    }
}

/// How a comment's move to `status` changes its article's count of published comments.
pub(crate) fn count_change(comment: &Comment, status: CommentStatus) -> i64 {
    if comment.deleted {
        return 0;
    }
    let was = comment.status == CommentStatus::Published;
    let is = status == CommentStatus::Published;
    i64::from(is) - i64::from(was)
}

impl Import {
    /// Stores a comment like [`Store::insert_comment`], inside the import's transaction; with
    /// `deleted_at`, it is then deleted as [`Store::delete_comment`] deletes (uncounted).
    pub async fn insert_comment(
        &mut self,
        new: &NewComment<'_>,
        deleted_at: Option<OffsetDateTime>,
    ) -> Result<i64> {
        let id = in_import!(self, |tx| {
            let row: CommentRow = insert_comment_in!(tx, new);
            if let Some(at) = deleted_at {
                delete_comment_in!(tx, row.id, at, None::<&AuditEntry>);
            }
            row.id
        });
        Ok(id)
    }

    /// Where a reply to comment `id` sits, if the comment exists.
    pub async fn parent(&mut self, id: i64) -> Result<Option<Parent>> {
        const SQL: &str = "SELECT id, root_id, depth FROM comments WHERE id = $1";
        let found: Option<(i64, i64, i64)> = in_import!(self, |tx| {
            sqlx::query_as(SQL)
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?
        });
        Ok(found.map(|(id, root_id, depth)| Parent { id, root_id, depth }))
    }
}
