//! Moderators' pages: the queues (held, reported, recent, rejected) sorted by risk with the
//! assessment's reasons, one comment with every tool, an account's standing, search, and the
//! audit log for administrators; and the report form for readers. Every action is a form
//! POST answered by a redirect back to where the moderator was, so the queue works without
//! JavaScript; `static/moderation.js` adds keyboard shortcuts.

use crate::i18n::text;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use minijinja::context;
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};
use tribune_app::accounts::Viewer;
use tribune_app::moderation::{BanRequest, QueueFilter};
use tribune_domain::moderation::ReportReason;
use tribune_store::{AuditRecord, QueueEntry};

use super::render;
use crate::AppState;
use crate::error::{Failure, PageError, ReasonOut};
use crate::extract::{CurrentViewer, PageForm, PageQuery};
use crate::views::{ViewerView, human, iso, permalink};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/moderation", get(queue))
        .route("/moderation/search", get(search))
        .route("/moderation/comments/{id}", get(comment_page))
        .route("/moderation/comments/{id}/{action}", post(comment_action))
        .route("/moderation/users/{id}", get(user_page))
        .route("/moderation/users/{id}/{action}", post(user_action))
        .route("/moderation/articles/{slug}/{action}", post(article_action))
        .route("/admin/audit", get(audit_page))
        .route("/comments/{id}/report", get(report_page).post(report))
}

/// A comment in a queue, as the page shows it.
#[derive(Serialize)]
struct EntryView {
    id: i64,
    author_id: i64,
    author_name: String,
    article_slug: String,
    article_headline: String,
    permalink: String,
    body_html: String,
    body_markdown: String,
    created_iso: String,
    created_human: String,
    status: &'static str,
    featured: bool,
    moderator_note: String,
    rejection_reason: String,
    deleted: bool,
    /// Risk as a percentage, for the bar and for sorting by eye.
    risk: u32,
    decision: String,
    reasons: Vec<ReasonOut>,
    scores: Vec<(String, String)>,
    open_reports: i64,
    reports: Vec<ReportView>,
}

#[derive(Serialize)]
struct ReportView {
    reason: String,
    details: String,
    reporter: String,
    at_human: String,
}

impl EntryView {
    fn of(e: &QueueEntry) -> Self {
        let c = &e.comment;
        let (decision, reasons, scores) = match &e.assessment {
            Some(a) => {
                let scores = serde_json::to_value(&a.scores)
                    .ok()
                    .and_then(|v| v.as_object().cloned())
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|(_, v)| !v.is_null())
                    .map(|(k, v)| {
                        let shown = match v.as_f64() {
                            Some(f) if f.fract() != 0.0 => format!("{f:.2}"),
                            _ => v.to_string(),
                        };
                        (k.replace('_', " "), shown)
                    })
                    .collect();
                (
                    serde_json::to_value(a.decision)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default(),
                    a.reasons.iter().map(ReasonOut::of).collect(),
                    scores,
                )
            }
            None => (String::new(), Vec::new(), Vec::new()),
        };
        Self {
            id: c.id,
            author_id: c.author_id,
            author_name: c.author_name.clone(),
            article_slug: e.article_slug.clone(),
            article_headline: e.article_headline.clone(),
            permalink: permalink(&e.article_slug, c.id),
            body_html: c.body_html.clone(),
            body_markdown: c.body_markdown.clone(),
            created_iso: iso(c.created_at),
            created_human: human(c.created_at),
            status: c.status.as_str(),
            featured: c.featured,
            moderator_note: c.moderator_note.clone().unwrap_or_default(),
            rejection_reason: c.rejection_reason.clone().unwrap_or_default(),
            deleted: c.deleted,
            risk: (e.risk.clamp(0.0, 1.0) * 100.0).round() as u32,
            decision,
            reasons,
            scores,
            open_reports: e.open_reports,
            reports: e
                .reports
                .iter()
                .map(|r| ReportView {
                    reason: ReportReason::parse(&r.reason)
                        .map_or_else(|_| text("report-reason-other"), report_reason_label),
                    details: r.details.clone(),
                    reporter: r.reporter_name.clone(),
                    at_human: human(r.at),
                })
                .collect(),
        }
    }
}

#[derive(Deserialize, Default)]
struct QueueParams {
    #[serde(default)]
    queue: Option<String>,
    #[serde(default)]
    article: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    done: Option<String>,
}

async fn queue(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    PageQuery(params): PageQuery<QueueParams>,
) -> Result<Response, PageError> {
    let moderator = viewer
        .require_moderator()
        .map_err(|e| state.page_error(e))?;
    let queue = params.queue.clone().unwrap_or_else(|| "held".to_owned());
    let author_id = match params.author.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => Some(raw.parse::<i64>().map_err(|_| {
            state.page_failure(Failure::new(
                StatusCode::BAD_REQUEST,
                "bad_query",
                text("moderation-bad-author-filter"),
            ))
        })?),
    };
    let entries = state
        .app
        .moderation_queue(
            &viewer,
            &QueueFilter {
                queue: queue.clone(),
                article: params.article.clone(),
                author_id,
                reason: params.reason.clone(),
                limit: Some(50),
            },
        )
        .await
        .map_err(|e| state.page_error(e))?;
    let (held, reported) = state
        .app
        .queue_counts(&viewer)
        .await
        .map_err(|e| state.page_error(e))?;
    let entries: Vec<EntryView> = entries.iter().map(EntryView::of).collect();
    let back = format!(
        "/moderation?{}",
        query(&[
            ("queue", queue.as_str()),
            ("article", params.article.as_deref().unwrap_or("")),
            ("author", params.author.as_deref().unwrap_or("")),
            ("reason", params.reason.as_deref().unwrap_or("")),
        ])
    );
    render(
        &state,
        StatusCode::OK,
        "moderation/queue.html",
        context! {
            viewer => Serde(ViewerView::of(Some(moderator))),
            queue => queue,
            entries => Serde(entries),
            held_count => held,
            reported_count => reported,
            article => params.article.unwrap_or_default(),
            author => params.author.unwrap_or_default(),
            reason => params.reason.unwrap_or_default(),
            done => params.done.unwrap_or_default(),
            back => back,
            next_path => "/moderation",
        },
    )
}

/// A query string (`a=1&b=two%20words`).
fn query(pairs: &[(&str, &str)]) -> String {
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

#[derive(Deserialize)]
struct SearchParams {
    #[serde(default)]
    q: String,
}

async fn search(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    PageQuery(params): PageQuery<SearchParams>,
) -> Result<Response, PageError> {
    let moderator = viewer
        .require_moderator()
        .map_err(|e| state.page_error(e))?;
    let entries = state
        .app
        .search_comments(&viewer, &params.q)
        .await
        .map_err(|e| state.page_error(e))?;
    let entries: Vec<EntryView> = entries.iter().map(EntryView::of).collect();
    render(
        &state,
        StatusCode::OK,
        "moderation/search.html",
        context! {
            viewer => Serde(ViewerView::of(Some(moderator))),
            q => params.q.clone(),
            entries => Serde(entries),
            back => format!("/moderation/search?{}", query(&[("q", params.q.as_str())])),
            next_path => "/moderation/search",
        },
    )
}

fn parse_id(state: &AppState, raw: &str, what: &str) -> Result<i64, PageError> {
    raw.parse()
        .map_err(|_| state.page_failure(Failure::not_found(what)))
}

/// A failed action on a page, shown with what the moderator typed.
#[derive(Serialize, Default)]
struct ActionError {
    action: String,
    message: String,
    kept: String,
}

async fn comment_page(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = parse_id(&state, &id, "comment")?;
    comment_view(&state, &viewer, id, ActionError::default(), StatusCode::OK).await
}

async fn comment_view(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    error: ActionError,
    status: StatusCode,
) -> Result<Response, PageError> {
    let moderator = viewer
        .require_moderator()
        .map_err(|e| state.page_error(e))?;
    let entry = state
        .app
        .moderation_entry(viewer, id)
        .await
        .map_err(|e| state.page_error(e))?;
    let author = state
        .app
        .user(entry.comment.author_id)
        .await
        .map_err(|e| state.page_error(e))?;
    render(
        state,
        status,
        "moderation/comment.html",
        context! {
            viewer => Serde(ViewerView::of(Some(moderator))),
            entry => Serde(EntryView::of(&entry)),
            author => Serde(StandingView::of(&author)),
            error => Serde(error),
            back => format!("/moderation/comments/{id}"),
            next_path => format!("/moderation/comments/{id}"),
        },
    )
}

#[derive(Deserialize, Default)]
struct ActionForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    days: String,
    #[serde(default)]
    remove_comments: Option<String>,
    /// Where to go afterwards: a path on this site.
    #[serde(default)]
    back: String,
}

/// The page to return to after an action: only a path on this site.
fn back_to(form: &ActionForm, fallback: &str) -> String {
    let back = form.back.trim();
    if back.starts_with('/') && !back.starts_with("//") && !back.contains('\\') {
        back.to_owned()
    } else {
        fallback.to_owned()
    }
}

/// Back to where the moderator was, saying what was done.
fn done_redirect(form: &ActionForm, fallback: &str, done: String) -> Response {
    let back = back_to(form, fallback);
    let separator = if back.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{back}{separator}{}", query(&[("done", &done)]))).into_response()
}

async fn comment_action(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path((id, action)): Path<(String, String)>,
    PageForm(form): PageForm<ActionForm>,
) -> Result<Response, PageError> {
    let id = parse_id(&state, &id, "comment")?;
    let app = &state.app;
    let outcome = match action.as_str() {
        "approve" => app
            .approve(&viewer, id)
            .await
            .map(|_| text("moderation-done-approved")),
        "reject" => app
            .reject(&viewer, id, &form.reason)
            .await
            .map(|_| text("moderation-done-rejected")),
        "feature" => app
            .feature(&viewer, id, true)
            .await
            .map(|_| text("moderation-done-featured")),
        "unfeature" => app
            .feature(&viewer, id, false)
            .await
            .map(|_| text("moderation-done-unfeatured")),
        "note" => app
            .note_comment(&viewer, id, &form.note)
            .await
            .map(|_| text("moderation-done-note-saved")),
        "edit" => app
            .moderator_edit(&viewer, id, &form.body, &form.note)
            .await
            .map(|_| text("moderation-done-edited")),
        "dismiss" => app
            .dismiss_reports(&viewer, id)
            .await
            .map(|_| text("moderation-done-dismissed")),
        _ => return Err(state.page_failure(Failure::not_found("action"))),
    };
    match outcome {
        Ok(done) => Ok(done_redirect(&form, "/moderation", done)),
        Err(err @ tribune_app::Error::Invalid(_)) => {
            let failure = Failure::from(&err);
            let kept = match action.as_str() {
                "reject" => form.reason,
                "edit" => form.body,
                _ => form.note,
            };
            comment_view(
                &state,
                &viewer,
                id,
                ActionError {
                    action,
                    message: failure.message,
                    kept,
                },
                failure.status,
            )
            .await
        }
        Err(err) => Err(state.page_error(err)),
    }
}

/// An account's standing, for moderators.
#[derive(Serialize)]
struct StandingView {
    id: i64,
    display_name: String,
    role: &'static str,
    joined_human: String,
    trusted: bool,
    banned: bool,
    ban_message: String,
}

impl StandingView {
    fn of(user: &tribune_domain::User) -> Self {
        let ban = user.ban_at(tribune_app::Tribune::now());
        Self {
            id: user.id,
            display_name: user.display_name.clone(),
            role: user.role.as_str(),
            joined_human: human(user.created_at),
            trusted: user.trusted,
            banned: ban.is_some(),
            ban_message: ban
                .map(|b| crate::error_text::banned(&b.message()))
                .unwrap_or_default(),
        }
    }
}

async fn user_page(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = parse_id(&state, &id, "account")?;
    user_view(&state, &viewer, id, ActionError::default(), StatusCode::OK).await
}

async fn user_view(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    error: ActionError,
    status: StatusCode,
) -> Result<Response, PageError> {
    let moderator = viewer
        .require_moderator()
        .map_err(|e| state.page_error(e))?;
    let user = state.app.user(id).await.map_err(|e| state.page_error(e))?;
    let entries = state
        .app
        .moderation_queue(
            viewer,
            &QueueFilter {
                queue: "all".to_owned(),
                author_id: Some(id),
                limit: Some(100),
                ..QueueFilter::default()
            },
        )
        .await
        .map_err(|e| state.page_error(e))?;
    let entries: Vec<EntryView> = entries.iter().map(EntryView::of).collect();
    render(
        state,
        status,
        "moderation/user.html",
        context! {
            viewer => Serde(ViewerView::of(Some(moderator))),
            account => Serde(StandingView::of(&user)),
            entries => Serde(entries),
            error => Serde(error),
            back => format!("/moderation/users/{id}"),
            next_path => format!("/moderation/users/{id}"),
        },
    )
}

async fn user_action(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path((id, action)): Path<(String, String)>,
    PageForm(form): PageForm<ActionForm>,
) -> Result<Response, PageError> {
    let id = parse_id(&state, &id, "account")?;
    let app = &state.app;
    let outcome = match action.as_str() {
        "ban" => {
            let days = match form.days.trim() {
                "" | "permanent" => Ok(None),
                raw => raw.parse::<i64>().map(Some).map_err(|_| {
                    tribune_app::Error::from(tribune_domain::Invalid::new(
                        "days",
                        "not_a_number",
                        "Give the number of days of the suspension, or leave it empty for a \
                         permanent ban.",
                    ))
                }),
            };
            match days {
                Ok(days) => app
                    .ban(
                        &viewer,
                        id,
                        &BanRequest {
                            days,
                            reason: form.reason.clone(),
                            remove_comments: form.remove_comments.is_some(),
                        },
                    )
                    .await
                    .map(|_| text("moderation-done-banned")),
                Err(err) => Err(err),
            }
        }
        "unban" => app
            .unban(&viewer, id)
            .await
            .map(|()| text("moderation-done-unbanned")),
        "trust" => app
            .set_trusted(&viewer, id, true)
            .await
            .map(|()| text("moderation-done-trusted")),
        "distrust" => app
            .set_trusted(&viewer, id, false)
            .await
            .map(|()| text("moderation-done-distrusted")),
        _ => return Err(state.page_failure(Failure::not_found("action"))),
    };
    match outcome {
        Ok(done) => Ok(done_redirect(
            &form,
            &format!("/moderation/users/{id}"),
            done,
        )),
        Err(err @ tribune_app::Error::Invalid(_)) => {
            let failure = Failure::from(&err);
            user_view(
                &state,
                &viewer,
                id,
                ActionError {
                    action,
                    message: failure.message,
                    kept: form.reason,
                },
                failure.status,
            )
            .await
        }
        Err(err) => Err(state.page_error(err)),
    }
}

async fn article_action(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path((slug, action)): Path<(String, String)>,
    PageForm(form): PageForm<ActionForm>,
) -> Result<Response, PageError> {
    let app = &state.app;
    let outcome = match action.as_str() {
        "note" => app.note_discussion(&viewer, &slug, &form.note).await,
        "close" => app.set_discussion_open(&viewer, &slug, false).await,
        "reopen" => app.set_discussion_open(&viewer, &slug, true).await,
        _ => return Err(state.page_failure(Failure::not_found("action"))),
    };
    outcome.map_err(|e| state.page_error(e))?;
    let back = back_to(&form, &format!("/articles/{slug}#comments"));
    Ok(Redirect::to(&back).into_response())
}

#[derive(Serialize)]
struct AuditView {
    id: i64,
    actor: String,
    actor_id: Option<i64>,
    action: String,
    target: String,
    target_link: String,
    reason: String,
    before: String,
    after: String,
    at_iso: String,
    at_human: String,
}

impl AuditView {
    fn of(r: &AuditRecord) -> Self {
        let target_link = match r.target_kind.as_str() {
            "comment" => format!("/moderation/comments/{}", r.target_id),
            "user" => format!("/moderation/users/{}", r.target_id),
            _ => String::new(),
        };
        Self {
            id: r.id,
            actor: r.actor_name.clone().unwrap_or_else(|| "system".to_owned()),
            actor_id: r.actor_id,
            action: r.action.replace('_', " "),
            target: format!("{} {}", r.target_kind, r.target_id),
            target_link,
            reason: r.reason.clone(),
            before: r.before.clone(),
            after: r.after.clone(),
            at_iso: iso(r.at),
            at_human: human(r.at),
        }
    }
}

#[derive(Deserialize)]
struct AuditParams {
    #[serde(default)]
    before: Option<i64>,
}

async fn audit_page(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    PageQuery(params): PageQuery<AuditParams>,
) -> Result<Response, PageError> {
    let admin = viewer.require_admin().map_err(|e| state.page_error(e))?;
    let records = state
        .app
        .audit_log(&viewer, params.before.unwrap_or(0))
        .await
        .map_err(|e| state.page_error(e))?;
    let next_before = (records.len() == 100)
        .then(|| records.last().map(|r| r.id))
        .flatten();
    let records: Vec<AuditView> = records.iter().map(AuditView::of).collect();
    render(
        &state,
        StatusCode::OK,
        "admin/audit.html",
        context! {
            viewer => Serde(ViewerView::of(Some(admin))),
            records => Serde(records),
            next_before => next_before,
            next_path => "/admin/audit",
        },
    )
}

#[derive(Serialize, Default)]
struct ReportFormState {
    reason: String,
    details: String,
    error: String,
    field: String,
}

#[derive(Serialize)]
struct ReasonChoice {
    value: &'static str,
    label: String,
}

/// Why a reader reports a comment, in the reader's language.
fn report_reason_label(reason: ReportReason) -> String {
    text(match reason {
        ReportReason::Spam => "report-reason-spam",
        ReportReason::Abuse => "report-reason-abuse",
        ReportReason::OffTopic => "report-reason-off-topic",
        ReportReason::Illegal => "report-reason-illegal",
    })
}

async fn report_page(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = parse_id(&state, &id, "comment")?;
    report_view(
        &state,
        &viewer,
        id,
        ReportFormState::default(),
        StatusCode::OK,
    )
    .await
}

async fn report_view(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    form: ReportFormState,
    status: StatusCode,
) -> Result<Response, PageError> {
    let user = viewer.require_user().map_err(|e| state.page_error(e))?;
    let comment = state
        .app
        .comment(viewer, id)
        .await
        .map_err(|e| state.page_error(e))?;
    let article = state
        .app
        .article_by_id(comment.article_id)
        .await
        .map_err(|e| state.page_error(e))?;
    let reasons: Vec<ReasonChoice> = ReportReason::ALL
        .iter()
        .map(|r| ReasonChoice {
            value: r.as_str(),
            label: report_reason_label(*r),
        })
        .collect();
    render(
        state,
        status,
        "report.html",
        context! {
            viewer => Serde(ViewerView::of(Some(user))),
            comment_id => id,
            author_name => comment.author_name.clone(),
            body_html => Serde(comment.body_html.clone()),
            permalink => permalink(&article.slug, id),
            reasons => Serde(reasons),
            form => Serde(form),
            next_path => format!("/comments/{id}/report"),
        },
    )
}

#[derive(Deserialize)]
struct ReportForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    details: String,
}

async fn report(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(id): Path<String>,
    PageForm(form): PageForm<ReportForm>,
) -> Result<Response, PageError> {
    let id = parse_id(&state, &id, "comment")?;
    match state
        .app
        .report(&viewer, id, &form.reason, &form.details)
        .await
    {
        Ok(_) => {
            let comment = state
                .app
                .comment(&viewer, id)
                .await
                .map_err(|e| state.page_error(e))?;
            let article = state
                .app
                .article_by_id(comment.article_id)
                .await
                .map_err(|e| state.page_error(e))?;
            Ok(
                Redirect::to(&format!("/articles/{}?reported={id}#c{id}", article.slug))
                    .into_response(),
            )
        }
        Err(err @ tribune_app::Error::Invalid(_)) => {
            let failure = Failure::from(&err);
            let state_form = ReportFormState {
                reason: form.reason,
                details: form.details,
                error: failure.message,
                field: failure.field.unwrap_or_default().to_owned(),
            };
            report_view(&state, &viewer, id, state_form, failure.status).await
        }
        Err(err) => Err(state.page_error(err)),
    }
}
