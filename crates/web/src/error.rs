//! The one place where errors become HTTP: a status, a stable code and a message a person can
//! act on. API routes answer JSON (`{"code", "message", "field"}`); pages answer an HTML page.
//! Internal causes are logged here and never shown.

use axum::Json;
use axum::extract::rejection::{FormRejection, JsonRejection, QueryRejection};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde::Serialize;
use tribune_app::Error as AppError;

use crate::i18n::{text, text_with};
use crate::templates::Templates;

/// Why a request failed, classified for HTTP.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    /// The input field at fault, when there is one.
    pub field: Option<&'static str>,
    /// For `likely_abusive`: what the assessment found, so the author can revise.
    pub reasons: Vec<ReasonOut>,
    /// For `rate_limited`: seconds until the next attempt is accepted (`Retry-After`).
    pub retry_after: Option<u64>,
}

/// One thing the automatic assessment found in a text, as authors and moderators see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ReasonOut {
    /// A stable code: `insult`, `threat`, `dehumanising`, `slur`, `link_spam`, …
    pub code: String,
    /// What it means, in a sentence.
    pub message: String,
    /// The words that triggered it, when there are some.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

impl ReasonOut {
    pub fn of(reason: &tribune_assess::Reason) -> Self {
        Self {
            code: reason.code.clone(),
            message: crate::error_text::reason_message(reason),
            evidence: reason.evidence.clone(),
        }
    }
}

impl Failure {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            field: None,
            reasons: Vec::new(),
            retry_after: None,
        }
    }

    /// Adds what the response needs besides its body: `Retry-After` when rate limited.
    pub fn decorate(&self, response: Response) -> Response {
        with_retry_after(response, self.retry_after)
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            crate::error_text::not_found(what),
        )
    }

    pub fn csrf() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "cross_site_request",
            text("error-cross-site-request"),
        )
    }

    pub fn too_large(limit: usize) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            text_with(
                "error-payload-too-large",
                &[("kib", (limit / 1024).to_string().into())],
            ),
        )
    }
}

impl From<&AppError> for Failure {
    fn from(err: &AppError) -> Self {
        use StatusCode as S;
        let (status, code, field) = match err {
            AppError::Invalid(invalid) => {
                (S::UNPROCESSABLE_ENTITY, invalid.code, Some(invalid.field))
            }
            AppError::Taken { field, .. } => (S::CONFLICT, "taken", Some(*field)),
            AppError::NotFound(what) => return Failure::not_found(what),
            AppError::Unauthenticated => (S::UNAUTHORIZED, "unauthenticated", None),
            AppError::SessionExpired => (S::UNAUTHORIZED, "session_expired", None),
            AppError::BadCredentials => (S::UNAUTHORIZED, "bad_credentials", None),
            AppError::Forbidden(_) => (S::FORBIDDEN, "forbidden", None),
            AppError::CommentsClosed(_) => (S::FORBIDDEN, "comments_closed", None),
            AppError::Banned(_) => (S::FORBIDDEN, "banned", None),
            AppError::EmailNotVerified(_) => (S::FORBIDDEN, "email_not_verified", None),
            AppError::EmailDisabled(_) => (S::FORBIDDEN, "email_disabled", None),
            AppError::LinkNotValid(_) => (S::GONE, "link_not_valid", None),
            AppError::SsoRefused(_) => (S::UNAUTHORIZED, "sso_refused", None),
            AppError::LikelyAbusive(reasons) => {
                return Failure {
                    status: S::UNPROCESSABLE_ENTITY,
                    code: "likely_abusive",
                    message: text("error-likely-abusive"),
                    field: Some("body"),
                    reasons: reasons.iter().map(ReasonOut::of).collect(),
                    retry_after: None,
                };
            }
            AppError::RateLimited { retry_after, .. } => {
                return Failure {
                    retry_after: Some(*retry_after),
                    ..Failure::new(
                        S::TOO_MANY_REQUESTS,
                        "rate_limited",
                        crate::error_text::app_message(err),
                    )
                };
            }
            AppError::Store(_) | AppError::Internal(_) => {
                tracing::error!(error = %err, "request failed");
                return Failure::new(
                    S::INTERNAL_SERVER_ERROR,
                    "internal",
                    text("error-unexpected"),
                );
            }
        };
        Failure {
            status,
            code,
            message: crate::error_text::app_message(err),
            field,
            reasons: Vec::new(),
            retry_after: None,
        }
    }
}

/// Sets `Retry-After` (seconds) on a response, when there is a wait.
pub fn with_retry_after(mut response: Response, seconds: Option<u64>) -> Response {
    if let Some(seconds) = seconds
        && let Ok(value) = axum::http::HeaderValue::from_str(&seconds.to_string())
    {
        response
            .headers_mut()
            .insert(axum::http::header::RETRY_AFTER, value);
    }
    response
}

/// The JSON body of every API error.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// A stable, machine-readable code: `not_found`, `too_long`, `taken`, `session_expired`, …
    pub code: &'static str,
    /// A sentence for the person behind the client.
    pub message: String,
    /// The request field at fault, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
    /// For `likely_abusive`: what the assessment found. Send the same request with
    /// `"acknowledge_warning": true` to post it as it is.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<ReasonOut>,
}

/// An error answered as JSON.
#[derive(Debug)]
pub struct ApiError(pub Failure);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let failure = self.0;
        let response = (
            failure.status,
            Json(ErrorBody {
                code: failure.code,
                message: failure.message.clone(),
                field: failure.field,
                reasons: failure.reasons.clone(),
            }),
        )
            .into_response();
        failure.decorate(response)
    }
}

impl From<AppError> for ApiError {
    fn from(err: AppError) -> Self {
        ApiError(Failure::from(&err))
    }
}

impl From<Failure> for ApiError {
    fn from(failure: Failure) -> Self {
        ApiError(failure)
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        let status = rejection.status();
        let failure = match rejection {
            JsonRejection::MissingJsonContentType(_) => Failure::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                text("error-json-content-type"),
            ),
            JsonRejection::JsonSyntaxError(e) => Failure::new(
                StatusCode::BAD_REQUEST,
                "malformed_json",
                text_with("error-malformed-json", &[("detail", e.body_text().into())]),
            ),
            JsonRejection::JsonDataError(e) => Failure::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "wrong_shape",
                text_with("error-wrong-shape", &[("detail", e.body_text().into())]),
            ),
            other if status == StatusCode::PAYLOAD_TOO_LARGE => Failure::new(
                status,
                "payload_too_large",
                text_with(
                    "error-body-too-large",
                    &[("detail", other.body_text().into())],
                ),
            ),
            other => Failure::new(status, "bad_request", other.body_text()),
        };
        ApiError(failure)
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        ApiError(Failure::new(
            StatusCode::BAD_REQUEST,
            "bad_query",
            text_with(
                "error-bad-query",
                &[("detail", rejection.body_text().into())],
            ),
        ))
    }
}

/// An error answered as an HTML page.
pub struct PageError {
    pub failure: Failure,
    pub templates: Templates,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.failure.status;
        let title = text(match status {
            StatusCode::NOT_FOUND => "error-title-not-found",
            StatusCode::UNAUTHORIZED => "error-title-unauthorized",
            StatusCode::FORBIDDEN => "error-title-forbidden",
            StatusCode::PAYLOAD_TOO_LARGE => "error-title-too-large",
            StatusCode::TOO_MANY_REQUESTS => "error-title-rate-limited",
            StatusCode::GONE => "error-title-gone",
            s if s.is_server_error() => "error-title-server",
            _ => "error-title-other",
        });
        let html = self.templates.render_error(&title, &self.failure.message);
        self.failure.decorate((status, Html(html)).into_response())
    }
}

/// Classifies a form rejection (malformed or oversized form bodies).
pub fn form_failure(rejection: &FormRejection, limit: usize) -> Failure {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return Failure::too_large(limit);
    }
    Failure::new(
        StatusCode::BAD_REQUEST,
        "bad_form",
        text_with(
            "error-bad-form",
            &[("detail", rejection.body_text().into())],
        ),
    )
}
