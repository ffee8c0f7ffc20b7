//! Proof-of-work challenges for sign-ups and guest comments (see `tribune_app::proof_of_work`).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use tribune_app::proof_of_work::Purpose;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::error::{ApiError, ErrorBody, Failure};
use crate::extract::ApiQuery;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(challenge))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ChallengeQuery {
    /// `signup` or `guest-comment`.
    pub purpose: String,
}

/// A puzzle: find a `nonce` such that SHA-256 of `token:nonce` starts with `bits` zero bits,
/// and send `token:nonce` as `proof_of_work` (sign-up) or `X-Tribune-Proof-Of-Work` (guest
/// comment).
#[derive(Debug, Serialize, ToSchema)]
pub struct ChallengeOut {
    /// Whether this site asks for a proof of work for this purpose now.
    pub required: bool,
    pub token: String,
    pub bits: u8,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
}

/// A proof-of-work challenge, signed by the site, valid for minutes and answerable once.
#[utoipa::path(get, path = "/proof-of-work", tag = "accounts", params(ChallengeQuery),
    responses(
        (status = 200, body = ChallengeOut),
        (status = 400, description = "An unknown purpose", body = ErrorBody),
    ))]
async fn challenge(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(query): ApiQuery<ChallengeQuery>,
) -> Result<Response, ApiError> {
    let purpose = Purpose::parse(&query.purpose).ok_or_else(|| {
        ApiError(Failure::new(
            StatusCode::BAD_REQUEST,
            "bad_query",
            crate::i18n::text("proof-of-work-bad-purpose"),
        ))
    })?;
    let challenge = state.app.proof_of_work_challenge(purpose).await?;
    let mut response = Json(ChallengeOut {
        required: state.app.proof_of_work_required(purpose),
        token: challenge.token,
        bits: challenge.bits,
        expires_at: challenge.expires_at,
    })
    .into_response();
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    state.share_with_newsroom(&headers, response.headers_mut());
    Ok(response)
}
