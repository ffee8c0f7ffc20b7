//! The reader's notifications: the inbox, the unread count, marking read, and the email
//! preference. Only the recipient sees or marks a notification (the app checks).

use axum::Json;
use axum::extract::State;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::dto::{
    EmailPreferenceBody, NotificationList, NotificationOut, NotificationQuery, UnreadCount,
};
use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{ApiJson, ApiPath, ApiQuery, CurrentViewer};

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(unread))
        .routes(routes!(mark_read))
        .routes(routes!(mark_all_read))
        .routes(routes!(email_preference, set_email_preference))
}

/// The signed-in reader's notifications, newest first.
#[utoipa::path(get, path = "/notifications", tag = "notifications", params(NotificationQuery),
    security(("session" = [])),
    responses(
        (status = 200, body = NotificationList),
        (status = 401, body = ErrorBody),
    ))]
async fn list(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    ApiQuery(query): ApiQuery<NotificationQuery>,
) -> Result<Json<NotificationList>, ApiError> {
    let inbox = state.app.inbox(&viewer, query.before, query.limit).await?;
    Ok(Json(NotificationList {
        items: inbox.items.iter().map(NotificationOut::of).collect(),
        next_before: inbox.next_before,
        unread: inbox.unread,
    }))
}

/// How many of the reader's notifications are unread.
#[utoipa::path(get, path = "/notifications/unread", tag = "notifications",
    security(("session" = [])),
    responses(
        (status = 200, body = UnreadCount),
        (status = 401, body = ErrorBody),
    ))]
async fn unread(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
) -> Result<Json<UnreadCount>, ApiError> {
    Ok(Json(UnreadCount {
        unread: state.app.unread_notifications(&viewer).await?,
    }))
}

/// Marks one of the reader's notifications read.
#[utoipa::path(post, path = "/notifications/{id}/read", tag = "notifications",
    params(("id" = i64, Path, description = "The notification's id")),
    security(("session" = [])),
    responses(
        (status = 200, body = NotificationOut),
        (status = 401, body = ErrorBody),
        (status = 404, description = "No such notification of this reader", body = ErrorBody),
    ))]
async fn mark_read(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<NotificationOut>, ApiError> {
    let notification = state.app.open_notification(&viewer, id).await?;
    Ok(Json(NotificationOut::of(&notification)))
}

/// Marks all the reader's notifications read.
#[utoipa::path(post, path = "/notifications/read", tag = "notifications",
    security(("session" = [])),
    responses(
        (status = 200, body = UnreadCount),
        (status = 401, body = ErrorBody),
    ))]
async fn mark_all_read(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
) -> Result<Json<UnreadCount>, ApiError> {
    state.app.mark_all_notifications_read(&viewer).await?;
    Ok(Json(UnreadCount {
        unread: state.app.unread_notifications(&viewer).await?,
    }))
}

/// How the reader hears of notifications by email.
#[utoipa::path(get, path = "/notifications/email", tag = "notifications",
    security(("session" = [])),
    responses(
        (status = 200, body = EmailPreferenceBody),
        (status = 401, body = ErrorBody),
    ))]
async fn email_preference(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
) -> Result<Json<EmailPreferenceBody>, ApiError> {
    let preference = state.app.email_preference(&viewer).await?;
    Ok(Json(EmailPreferenceBody {
        email: preference.as_str().to_owned(),
    }))
}

/// Chooses how the reader hears of notifications by email.
#[utoipa::path(put, path = "/notifications/email", tag = "notifications",
    request_body = EmailPreferenceBody, security(("session" = [])),
    responses(
        (status = 200, body = EmailPreferenceBody),
        (status = 401, body = ErrorBody),
        (status = 422, description = "Not immediately, daily or never", body = ErrorBody),
    ))]
async fn set_email_preference(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    ApiJson(body): ApiJson<EmailPreferenceBody>,
) -> Result<Json<EmailPreferenceBody>, ApiError> {
    let preference = state.app.set_email_preference(&viewer, &body.email).await?;
    Ok(Json(EmailPreferenceBody {
        email: preference.as_str().to_owned(),
    }))
}
