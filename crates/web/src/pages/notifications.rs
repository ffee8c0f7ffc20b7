//! The reader's inbox: notifications newest first, each opened through its own link (which
//! marks it read), "mark all read", older pages, and how they want to hear by email.

use crate::i18n::text;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use minijinja::context;
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};
use tribune_domain::notification::{EmailPreference, excerpt};
use tribune_store::Notification;

use super::render;
use crate::AppState;
use crate::error::{Failure, PageError};
use crate::extract::{CurrentViewer, PageForm, PageQuery};
use crate::views::{ViewerView, human, iso, permalink};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/notifications", get(inbox))
        .route("/notifications/read", post(mark_all_read))
        .route("/account/notifications", post(set_email))
        .route("/notifications/{id}", get(open))
        .route(
            "/unsubscribe/{token}",
            get(unsubscribe_page).post(unsubscribe),
        )
}

/// Characters of a comment quoted in an inbox line.
const EXCERPT_CHARS: usize = 200;

/// One line of the inbox.
#[derive(Serialize)]
pub(crate) struct NotificationView {
    id: i64,
    kind: &'static str,
    /// What happened: `Kestrel replied to your comment`.
    headline: String,
    article_slug: String,
    article_headline: String,
    excerpt: String,
    note: String,
    gone: bool,
    unread: bool,
    created_iso: String,
    created_human: String,
}

impl NotificationView {
    pub(crate) fn of(n: &Notification) -> Self {
        Self {
            id: n.id,
            kind: n.kind.as_str(),
            headline: headline(n.kind, n.actor_name.as_deref()),
            article_slug: n.article_slug.clone(),
            article_headline: n.article_headline.clone(),
            excerpt: excerpt(&n.body_markdown, EXCERPT_CHARS),
            note: n.note.clone(),
            gone: n.gone,
            unread: n.read_at.is_none(),
            created_iso: iso(n.created_at),
            created_human: human(n.created_at),
        }
    }
}

#[derive(Deserialize, Default)]
struct InboxQuery {
    #[serde(default)]
    before: Option<String>,
}

async fn inbox(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    PageQuery(query): PageQuery<InboxQuery>,
) -> Result<Response, PageError> {
    if viewer.user().is_none() {
        return Ok(Redirect::to("/login?next=%2Fnotifications").into_response());
    }
    let before = match query.before.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => Some(raw.parse::<i64>().map_err(|_| {
            state.page_failure(Failure::new(
                StatusCode::BAD_REQUEST,
                "bad_query",
                text("notifications-bad-page"),
            ))
        })?),
    };
    let inbox = state
        .app
        .inbox(&viewer, before, None)
        .await
        .map_err(|e| state.page_error(e))?;
    let preference = state
        .app
        .email_preference(&viewer)
        .await
        .map_err(|e| state.page_error(e))?;
    let items: Vec<NotificationView> = inbox.items.iter().map(NotificationView::of).collect();
    render(
        &state,
        StatusCode::OK,
        "notifications.html",
        context! {
            viewer => Serde(ViewerView::of(viewer.user())),
            items => Serde(items),
            unread => inbox.unread,
            next_before => inbox.next_before,
            older => before.is_some(),
            email => preference_label(preference),
            email_enabled => state.app.email_enabled(),
            next_path => "/notifications",
        },
    )
}

/// The choices of the email preference, for the account page's form: `(value, label)`.
pub(crate) fn preference_choices() -> Vec<(&'static str, String)> {
    EmailPreference::ALL
        .iter()
        .map(|p| (p.as_str(), preference_label(*p)))
        .collect()
}

/// What the account page says once the preference is saved.
pub(crate) fn preference_saved(preference: EmailPreference) -> String {
    text(match preference {
        EmailPreference::Immediately => "notifications-saved-immediately",
        EmailPreference::Daily => "notifications-saved-daily",
        EmailPreference::Never => "notifications-saved-never",
    })
}

pub(crate) fn preference_label(preference: EmailPreference) -> String {
    text(match preference {
        EmailPreference::Immediately => "notifications-email-immediately",
        EmailPreference::Daily => "notifications-email-daily",
        EmailPreference::Never => "notifications-email-never",
    })
}

pub(crate) use tribune_app::notifications::headline;

/// Opens a notification: marks it read and goes to the comment it is about.
async fn open(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id: i64 = id
        .parse()
        .map_err(|_| state.page_failure(Failure::not_found("notification")))?;
    let notification = state
        .app
        .open_notification(&viewer, id)
        .await
        .map_err(|e| state.page_error(e))?;
    let to = if notification.gone {
        format!("/articles/{}", notification.article_slug)
    } else {
        permalink(&notification.article_slug, notification.comment_id)
    };
    Ok(Redirect::to(&to).into_response())
}

async fn mark_all_read(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
) -> Result<Response, PageError> {
    state
        .app
        .mark_all_notifications_read(&viewer)
        .await
        .map_err(|e| state.page_error(e))?;
    Ok(Redirect::to("/notifications").into_response())
}

#[derive(Deserialize)]
struct EmailForm {
    #[serde(default)]
    email: String,
}

async fn set_email(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    PageForm(form): PageForm<EmailForm>,
) -> Result<Response, PageError> {
    state
        .app
        .set_email_preference(&viewer, &form.email)
        .await
        .map_err(|e| state.page_error(e))?;
    Ok(Redirect::to("/account?saved=notifications#notifications").into_response())
}

/// An unsubscribe link from an email: a page with one button. Following the link changes
/// nothing (mail scanners follow links); the button, or a mail client's one-click `POST` to
/// the same address (RFC 8058), does.
async fn unsubscribe_page(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let account = state
        .app
        .unsubscribe_account(&token)
        .await
        .map_err(|e| state.page_error(e))?;
    render(
        &state,
        StatusCode::OK,
        "unsubscribe.html",
        context! {
            viewer => Serde(ViewerView::of(viewer.user())),
            done => false,
            already => account.preference == EmailPreference::Never,
            next_path => "/notifications",
        },
    )
}

/// Stops the notification emails of the link's account. No log-in and no form fields: the
/// signed link is the authority, and mail clients send this request on their own.
async fn unsubscribe(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    state
        .app
        .unsubscribe(&token)
        .await
        .map_err(|e| state.page_error(e))?;
    render(
        &state,
        StatusCode::OK,
        "unsubscribe.html",
        context! {
            viewer => Serde(ViewerView::of(viewer.user())),
            done => true,
            already => true,
            next_path => "/notifications",
        },
    )
}
