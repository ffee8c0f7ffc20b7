//! The moderation API: queues with the assessment, moderators' decisions, readers' reports,
//! bans, trust, search and the audit log. Every rule about who may do what is in the app.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use tribune_app::accounts::Viewer;
use tribune_app::moderation::{BanRequest, QueueFilter};
use tribune_domain::Article;
use tribune_store::{AuditRecord, QueueEntry};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::dto::{AssessmentOut, CommentOut};
use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{ApiJson, ApiPath, ApiQuery, CurrentViewer};

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(queue))
        .routes(routes!(search))
        .routes(routes!(audit_log))
        .routes(routes!(approve))
        .routes(routes!(reject))
        .routes(routes!(moderator_edit))
        .routes(routes!(note_comment))
        .routes(routes!(feature))
        .routes(routes!(dismiss_reports))
        .routes(routes!(report))
        .routes(routes!(note_discussion))
        .routes(routes!(open_discussion))
        .routes(routes!(ban, unban))
        .routes(routes!(trust))
}

/// A comment with what moderators need to decide on it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ModerationItem {
    #[serde(flatten)]
    pub comment: CommentOut,
    pub article_headline: String,
    /// Overall risk from 0 to 1; queues are sorted by it.
    pub risk: f64,
    /// Reports not yet resolved.
    pub open_reports: i64,
    pub reports: Vec<ReportOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReportOut {
    /// `spam`, `abuse`, `off_topic` or `illegal`.
    pub reason: String,
    pub details: String,
    pub reporter: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ModerationList {
    pub items: Vec<ModerationItem>,
}

impl ModerationItem {
    pub fn of(entry: &QueueEntry) -> Self {
        Self {
            comment: CommentOut {
                assessment: entry.assessment.as_ref().map(AssessmentOut::of),
                ..CommentOut::of(&entry.comment, &entry.article_slug, false)
            },
            article_headline: entry.article_headline.clone(),
            risk: entry.risk,
            open_reports: entry.open_reports,
            reports: entry
                .reports
                .iter()
                .map(|r| ReportOut {
                    reason: r.reason.clone(),
                    details: r.details.clone(),
                    reporter: r.reporter_name.clone(),
                    created_at: r.at,
                })
                .collect(),
        }
    }
}

fn list(entries: &[QueueEntry]) -> ModerationList {
    ModerationList {
        items: entries.iter().map(ModerationItem::of).collect(),
    }
}

/// `?status=held|rejected|all` on an article's comments, for moderators.
pub(super) async fn listing(
    state: &AppState,
    viewer: &Viewer,
    article: &Article,
    status: &str,
    limit: Option<usize>,
) -> Result<ModerationList, ApiError> {
    if !matches!(status, "held" | "rejected" | "all") {
        return Err(tribune_app::Error::from(tribune_domain::Invalid::new(
            "status",
            "unknown_status",
            "The status must be published, held, rejected or all.",
        ))
        .into());
    }
    let entries = state
        .app
        .moderation_queue(
            viewer,
            &QueueFilter {
                queue: status.to_owned(),
                article: Some(article.slug.clone()),
                limit: limit.map(|l| i64::try_from(l).unwrap_or(200)),
                ..QueueFilter::default()
            },
        )
        .await?;
    Ok(list(&entries))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// `held` (default; riskiest first), `reported`, `recent` (latest published, riskiest
    /// first), `rejected` or `all`.
    pub queue: Option<String>,
    /// Only comments under this article (slug).
    pub article: Option<String>,
    /// Only comments by this account (id).
    pub author: Option<i64>,
    /// Only comments the assessment flagged with this reason code (`insult`, `link_spam`…).
    pub reason: Option<String>,
    /// Up to 200; 50 by default.
    pub limit: Option<i64>,
}

/// A moderation queue.
#[utoipa::path(get, path = "/moderation/queue", tag = "moderation", params(QueueQuery),
    security(("session" = [])),
    responses(
        (status = 200, body = ModerationList),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not a moderator", body = ErrorBody),
        (status = 404, description = "No such article", body = ErrorBody),
        (status = 422, description = "Unknown queue", body = ErrorBody),
    ))]
async fn queue(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    ApiQuery(query): ApiQuery<QueueQuery>,
) -> Result<Json<ModerationList>, ApiError> {
    let entries = state
        .app
        .moderation_queue(
            &viewer,
            &QueueFilter {
                queue: query.queue.unwrap_or_default(),
                article: query.article,
                author_id: query.author,
                reason: query.reason,
                limit: query.limit,
            },
        )
        .await?;
    Ok(Json(list(&entries)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Words that must all appear in the comment.
    pub q: String,
}

/// Full-text search over all comments, any status, newest first.
#[utoipa::path(get, path = "/moderation/search", tag = "moderation", params(SearchQuery),
    security(("session" = [])),
    responses(
        (status = 200, body = ModerationList),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ))]
async fn search(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    ApiQuery(query): ApiQuery<SearchQuery>,
) -> Result<Json<ModerationList>, ApiError> {
    let entries = state.app.search_comments(&viewer, &query.q).await?;
    Ok(Json(list(&entries)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Entries before this id (from the last entry of the previous page).
    pub before: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditOut {
    pub id: i64,
    pub actor: Option<String>,
    pub actor_id: Option<i64>,
    /// `approve`, `reject`, `edit`, `ban`, `trust`, `set_role`…
    pub action: String,
    /// `comment`, `article` or `user`.
    pub target_kind: String,
    pub target_id: i64,
    pub reason: String,
    /// The state before and after, as JSON objects.
    #[schema(value_type = Object)]
    pub before: serde_json::Value,
    #[schema(value_type = Object)]
    pub after: serde_json::Value,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl AuditOut {
    fn of(r: &AuditRecord) -> Self {
        Self {
            id: r.id,
            actor: r.actor_name.clone(),
            actor_id: r.actor_id,
            action: r.action.clone(),
            target_kind: r.target_kind.clone(),
            target_id: r.target_id,
            reason: r.reason.clone(),
            before: serde_json::from_str(&r.before).unwrap_or_default(),
            after: serde_json::from_str(&r.after).unwrap_or_default(),
            created_at: r.at,
        }
    }
}

/// The audit log of every moderator's and administrator's action (administrators only).
#[utoipa::path(get, path = "/moderation/audit", tag = "moderation", params(AuditQuery),
    security(("session" = [])),
    responses(
        (status = 200, body = Vec<AuditOut>),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an administrator", body = ErrorBody),
    ))]
async fn audit_log(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    ApiQuery(query): ApiQuery<AuditQuery>,
) -> Result<Json<Vec<AuditOut>>, ApiError> {
    let records = state
        .app
        .audit_log(&viewer, query.before.unwrap_or(0))
        .await?;
    Ok(Json(records.iter().map(AuditOut::of).collect()))
}

async fn item(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
) -> Result<Json<ModerationItem>, ApiError> {
    let entry = state.app.moderation_entry(viewer, id).await?;
    Ok(Json(ModerationItem::of(&entry)))
}

/// Publishes a comment (held, rejected, or reported); its reports are resolved.
#[utoipa::path(post, path = "/comments/{id}/approve", tag = "moderation",
    params(("id" = i64, Path, description = "The comment's id")),
    security(("session" = [])),
    responses(
        (status = 200, body = ModerationItem),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
    ))]
async fn approve(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<ModerationItem>, ApiError> {
    state.app.approve(&viewer, id).await?;
    item(&state, &viewer, id).await
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RejectIn {
    /// Shown to the comment's author.
    pub reason: String,
}

/// Rejects a comment with a reason its author sees.
#[utoipa::path(post, path = "/comments/{id}/reject", tag = "moderation", request_body = RejectIn,
    params(("id" = i64, Path, description = "The comment's id")),
    security(("session" = [])),
    responses(
        (status = 200, body = ModerationItem),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, description = "No reason given, or too long", body = ErrorBody),
    ))]
async fn reject(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<RejectIn>,
) -> Result<Json<ModerationItem>, ApiError> {
    state.app.reject(&viewer, id, &body.reason).await?;
    item(&state, &viewer, id).await
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ModeratorEditIn {
    /// The new Markdown body.
    pub body: String,
    /// A public note saying what was changed and why.
    pub note: String,
}

/// A moderator's edit of a comment, with a public note; the earlier text stays in its
/// history.
#[utoipa::path(post, path = "/comments/{id}/moderator-edit", tag = "moderation",
    request_body = ModeratorEditIn,
    params(("id" = i64, Path, description = "The comment's id")),
    security(("session" = [])),
    responses(
        (status = 200, body = ModerationItem),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ))]
async fn moderator_edit(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ModeratorEditIn>,
) -> Result<Json<ModerationItem>, ApiError> {
    state
        .app
        .moderator_edit(&viewer, id, &body.body, &body.note)
        .await?;
    item(&state, &viewer, id).await
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NoteIn {
    /// The public note; empty removes it.
    #[serde(default)]
    pub note: String,
}

/// Sets or removes the public moderator's note under a comment.
#[utoipa::path(put, path = "/comments/{id}/note", tag = "moderation", request_body = NoteIn,
    params(("id" = i64, Path, description = "The comment's id")),
    security(("session" = [])),
    responses(
        (status = 200, body = ModerationItem),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ))]
async fn note_comment(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<NoteIn>,
) -> Result<Json<ModerationItem>, ApiError> {
    state.app.note_comment(&viewer, id, &body.note).await?;
    item(&state, &viewer, id).await
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct FeaturedIn {
    pub featured: bool,
}

/// Features a published comment, or stops featuring it.
#[utoipa::path(put, path = "/comments/{id}/featured", tag = "moderation", request_body = FeaturedIn,
    params(("id" = i64, Path, description = "The comment's id")),
    security(("session" = [])),
    responses(
        (status = 200, body = ModerationItem),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not a moderator, or the comment is not published", body = ErrorBody),
        (status = 404, body = ErrorBody),
    ))]
async fn feature(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<FeaturedIn>,
) -> Result<Json<ModerationItem>, ApiError> {
    state.app.feature(&viewer, id, body.featured).await?;
    item(&state, &viewer, id).await
}

/// Resolves a comment's open reports and leaves it as it is.
#[utoipa::path(post, path = "/comments/{id}/dismiss-reports", tag = "moderation",
    params(("id" = i64, Path, description = "The comment's id")),
    security(("session" = [])),
    responses(
        (status = 200, body = ModerationItem),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
    ))]
async fn dismiss_reports(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<ModerationItem>, ApiError> {
    state.app.dismiss_reports(&viewer, id).await?;
    item(&state, &viewer, id).await
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ReportIn {
    /// `spam`, `abuse`, `off_topic` or `illegal`.
    pub reason: String,
    /// What is wrong; required for `illegal`.
    #[serde(default)]
    pub details: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReportAck {
    pub message: String,
}

/// Reports a comment to the moderators. Reporting the same comment twice changes nothing.
#[utoipa::path(post, path = "/comments/{id}/reports", tag = "moderation", request_body = ReportIn,
    params(("id" = i64, Path, description = "The comment's id")),
    security(("session" = [])),
    responses(
        (status = 201, body = ReportAck),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Own comment, or banned", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ))]
async fn report(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ReportIn>,
) -> Result<Response, ApiError> {
    state
        .app
        .report(&viewer, id, &body.reason, &body.details)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(ReportAck {
            message: crate::i18n::text("report-thanks"),
        }),
    )
        .into_response())
}

/// Sets or removes the public moderator's note above a discussion.
#[utoipa::path(put, path = "/articles/{slug}/note", tag = "moderation", request_body = NoteIn,
    params(("slug" = String, Path, description = "The article's slug")),
    security(("session" = [])),
    responses(
        (status = 204, description = "Done"),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ))]
async fn note_discussion(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    ApiPath(slug): ApiPath<String>,
    ApiJson(body): ApiJson<NoteIn>,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .note_discussion(&viewer, &slug, &body.note)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct OpenIn {
    /// `false` closes the discussion to new comments; `true` reopens it.
    pub open: bool,
}

/// Closes a discussion to new comments, or reopens it.
#[utoipa::path(put, path = "/articles/{slug}/open", tag = "moderation", request_body = OpenIn,
    params(("slug" = String, Path, description = "The article's slug")),
    security(("session" = [])),
    responses(
        (status = 204, description = "Done"),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
    ))]
async fn open_discussion(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    ApiPath(slug): ApiPath<String>,
    ApiJson(body): ApiJson<OpenIn>,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .set_discussion_open(&viewer, &slug, body.open)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct BanIn {
    /// Days of suspension (1 to 3650); absent for a permanent ban.
    #[serde(default)]
    pub days: Option<i64>,
    /// Shown to the account when it tries to take part.
    pub reason: String,
    /// Also reject every comment of theirs.
    #[serde(default)]
    pub remove_comments: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BanOut {
    /// Comments rejected with the ban.
    pub removed_comments: i64,
}

/// Bans an account, for some days or for good, optionally removing its comments.
#[utoipa::path(post, path = "/users/{id}/ban", tag = "moderation", request_body = BanIn,
    params(("id" = i64, Path, description = "The account's id")),
    security(("session" = [])),
    responses(
        (status = 200, body = BanOut),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not a moderator, or the account is staff or your own", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ))]
async fn ban(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<BanIn>,
) -> Result<Json<BanOut>, ApiError> {
    let removed_comments = state
        .app
        .ban(
            &viewer,
            id,
            &BanRequest {
                days: body.days,
                reason: body.reason,
                remove_comments: body.remove_comments,
            },
        )
        .await?;
    Ok(Json(BanOut { removed_comments }))
}

/// Lifts a ban.
#[utoipa::path(delete, path = "/users/{id}/ban", tag = "moderation",
    params(("id" = i64, Path, description = "The account's id")),
    security(("session" = [])),
    responses(
        (status = 204, description = "Done"),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
    ))]
async fn unban(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    state.app.unban(&viewer, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct TrustIn {
    pub trusted: bool,
}

/// Marks an account trusted (its comments skip pre-moderation), or takes trust back.
#[utoipa::path(put, path = "/users/{id}/trusted", tag = "moderation", request_body = TrustIn,
    params(("id" = i64, Path, description = "The account's id")),
    security(("session" = [])),
    responses(
        (status = 204, description = "Done"),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
    ))]
async fn trust(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<TrustIn>,
) -> Result<StatusCode, ApiError> {
    state.app.set_trusted(&viewer, id, body.trusted).await?;
    Ok(StatusCode::NO_CONTENT)
}
