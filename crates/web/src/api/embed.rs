//! Comment counts for a newsroom's lists of articles (`embed.js` fills every
//! `data-tribune-count` element of a page from one request). Readable from the allowlisted
//! sites' pages (CORS, without credentials: counts are public).

use axum::Json;
use axum::extract::State;
use axum::http::Uri;
use axum::http::header::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::error::{ApiError, ErrorBody, Failure};

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(comment_counts))
}

/// The published comments under one page of a newsroom's site.
#[derive(Debug, Serialize, ToSchema)]
pub struct CommentCount {
    /// The address as it was asked for.
    pub url: String,
    /// Published comments; 0 when the page has no discussion yet.
    pub count: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommentCounts {
    pub counts: Vec<CommentCount>,
}

/// Comment counts of up to 100 pages at once, by their addresses (`?url=A&url=B`), in the
/// order asked. Addresses are compared in canonical form, so tracking parameters, a trailing
/// slash or the case of the host do not matter.
#[utoipa::path(get, path = "/counts", tag = "comments",
    params(("url" = Vec<String>, Query, description = "A page's address; repeat for more pages")),
    responses(
        (status = 200, body = CommentCounts),
        (status = 422, description = "More than 100 addresses", body = ErrorBody),
    ))]
async fn comment_counts(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, ApiError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(uri.query().unwrap_or(""))
        .map_err(|_| {
            ApiError(Failure::new(
                axum::http::StatusCode::BAD_REQUEST,
                "bad_query",
                crate::i18n::text("embed-bad-query"),
            ))
        })?;
    let urls: Vec<String> = pairs
        .into_iter()
        .filter(|(name, _)| name == "url")
        .map(|(_, value)| value)
        .collect();
    let counts = state.app.comment_counts(&urls).await?;
    let body = CommentCounts {
        counts: urls
            .into_iter()
            .zip(counts)
            .map(|(url, count)| CommentCount {
                url,
                count: count.unwrap_or(0),
            })
            .collect(),
    };
    let mut response = Json(body).into_response();
    state.share_with_newsroom(&headers, response.headers_mut());
    Ok(response)
}
