//! The signed-in reader's private feed address (an Atom feed of replies to them and mentions
//! of them): whether there is one, a new one, revoking it. The same as on the account page.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use time::OffsetDateTime;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::base_url;
use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::extract::CurrentViewer;
use crate::feeds::private_path;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(private_feed, new_private_feed, revoke_private_feed))
}

/// The reader's private feed address. Only its hash is stored, so `url` is given once, in
/// the answer that makes it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PrivateFeedOut {
    /// Whether the reader has a working private feed address.
    pub active: bool,
    /// When the current address was made.
    #[serde(with = "time::serde::rfc3339::option")]
    pub created_at: Option<OffsetDateTime>,
    /// The address to give a feed reader; only when it was just made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Whether the signed-in reader has a private feed address, and since when.
#[utoipa::path(get, path = "/me/feed", tag = "accounts", security(("session" = [])),
    responses(
        (status = 200, body = PrivateFeedOut),
        (status = 401, description = "Not logged in, or the session expired", body = ErrorBody),
    ))]
async fn private_feed(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
) -> Result<Json<PrivateFeedOut>, ApiError> {
    let created_at = state.app.private_feed_created(&viewer).await?;
    Ok(Json(PrivateFeedOut {
        active: created_at.is_some(),
        created_at,
        url: None,
    }))
}

/// Makes a new private feed address for the signed-in reader: an Atom feed of replies to
/// their comments and mentions of them. An earlier address stops working.
#[utoipa::path(post, path = "/me/feed", tag = "accounts", security(("session" = [])),
    responses(
        (status = 201, description = "The new address, shown this once", body = PrivateFeedOut),
        (status = 401, description = "Not logged in, or the session expired", body = ErrorBody),
    ))]
async fn new_private_feed(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
) -> Result<Response, ApiError> {
    let made = state.app.new_private_feed(&viewer).await?;
    let out = PrivateFeedOut {
        active: true,
        created_at: Some(made.created_at),
        url: Some(format!("{}{}", base_url(&state), private_path(&made.token))),
    };
    Ok((StatusCode::CREATED, Json(out)).into_response())
}

/// Revokes the signed-in reader's private feed address: it answers 404 from now on.
#[utoipa::path(delete, path = "/me/feed", tag = "accounts", security(("session" = [])),
    responses(
        (status = 204, description = "Revoked, or there was none"),
        (status = 401, description = "Not logged in, or the session expired", body = ErrorBody),
    ))]
async fn revoke_private_feed(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
) -> Result<StatusCode, ApiError> {
    state.app.revoke_private_feed(&viewer).await?;
    Ok(StatusCode::NO_CONTENT)
}
