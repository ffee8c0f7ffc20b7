//! `GET /articles/{slug}/events`: a discussion as it changes, as Server-Sent Events.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::dto::LiveEventOut;
use crate::AppState;
use crate::error::{ApiError, ErrorBody, Failure};
use crate::extract::{ApiPath, ApiQuery};
use crate::live::Full;

/// Seconds a reader turned away from a full node waits before trying again.
const FULL_RETRY_SECS: u64 = 30;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventsQuery {
    /// Start after this event (the article page gives it in its `data-live` URL); by default,
    /// only changes from now on. A `Last-Event-ID` header, which browsers send when they
    /// reconnect, wins.
    pub after: Option<i64>,
}

/// The discussion as it changes, as Server-Sent Events: each event is a comment `created`,
/// `approved`, `edited` or `removed` (the SSE `event` name), its `id` the event's number in
/// the discussion, its data a `LiveEventOut`. Reconnect with `Last-Event-ID` to receive
/// exactly what followed, from any node. A `resync` event means the changes since the
/// given id were too old to replay: load the discussion again. Idle streams carry a
/// comment line every `live.heartbeat_secs` seconds.
#[utoipa::path(get, path = "/articles/{slug}/events", tag = "comments",
    params(
        ("slug" = String, Path, description = "The article's slug"),
        ("Last-Event-ID" = Option<i64>, Header, description = "The last event received"),
        EventsQuery,
    ),
    responses(
        (status = 200, description = "An endless stream of events", content_type = "text/event-stream", body = LiveEventOut),
        (status = 404, body = ErrorBody),
        (status = 422, description = "`Last-Event-ID` or `after` is not an event number", body = ErrorBody),
        (status = 503, description = "This server holds as many streams as it may: try again after `Retry-After` seconds", body = ErrorBody),
    ))]
pub(super) async fn discussion_events(
    State(state): State<AppState>,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(query): ApiQuery<EventsQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let after = match headers.get("last-event-id") {
        Some(value) => Some(
            value
                .to_str()
                .ok()
                .and_then(|v| v.trim().parse::<i64>().ok())
                .ok_or_else(|| {
                    Failure::new(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "invalid_event_id",
                        crate::i18n::text("live-bad-event-id"),
                    )
                })?,
        ),
        None => query.after,
    };
    let article = state.app.published_article(&slug).await?;
    let stream = state.live.open(&article, after).map_err(|Full| {
        let mut failure = Failure::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "too_many_streams",
            crate::i18n::text("live-too-many-streams"),
        );
        failure.retry_after = Some(FULL_RETRY_SECS);
        ApiError(failure)
    })?;
    Ok((
        [
            (header::CACHE_CONTROL, "no-store"),
            // Tells nginx not to buffer the stream.
            (header::HeaderName::from_static("x-accel-buffering"), "no"),
        ],
        stream,
    )
        .into_response())
}
