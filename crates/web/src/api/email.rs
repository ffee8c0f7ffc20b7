//! Links sent by email, for API clients: verifying an address with the token of its link,
//! asking for a new one, resetting a forgotten password.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tribune_app::account_mail::VerificationRequest;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::dto::{Accepted, EmailLink, Me, NewPasswordRequest, PasswordResetRequest};
use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{ApiJson, ClientAddress, CurrentViewer};

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(verify_email))
        .routes(routes!(request_verification))
        .routes(routes!(request_password_reset))
        .routes(routes!(reset_password))
}

/// Verifies the address a verification link was sent to.
#[utoipa::path(post, path = "/verify-email", tag = "accounts", request_body = EmailLink,
    responses(
        (status = 200, description = "The address is verified", body = Me),
        (status = 410, description = "The link is unknown, used or expired", body = ErrorBody),
    ))]
async fn verify_email(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<EmailLink>,
) -> Result<Json<Me>, ApiError> {
    let user = state.app.verify_email(&body.token).await?;
    Ok(Json(Me::from(&user)))
}

/// Sends a new verification link to the signed-in reader's address.
#[utoipa::path(post, path = "/me/verification", tag = "accounts", security(("session" = [])),
    responses(
        (status = 202, description = "A link is on its way", body = Accepted),
        (status = 200, description = "The address is verified already", body = Accepted),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "This site sends no email", body = ErrorBody),
        (status = 429, description = "Several links were sent already; see Retry-After", body = ErrorBody),
    ))]
async fn request_verification(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
) -> Result<Response, ApiError> {
    let email = viewer.require_user()?.email.clone();
    Ok(match state.app.request_verification(&viewer).await? {
        VerificationRequest::Sent => (
            StatusCode::ACCEPTED,
            Json(Accepted {
                message: crate::i18n::text_with(
                    "verification-link-on-its-way",
                    &[("email", email.as_str().into())],
                ),
            }),
        )
            .into_response(),
        VerificationRequest::AlreadyVerified => Json(Accepted {
            message: crate::i18n::text_with(
                "email-verified-already",
                &[("email", email.as_str().into())],
            ),
        })
        .into_response(),
    })
}

/// Sends a password-reset link to the address, if an account has it. The answer is the same
/// whether or not one does.
#[utoipa::path(post, path = "/password-reset", tag = "accounts", request_body = PasswordResetRequest,
    responses(
        (status = 202, description = "A link is on its way if an account has that address", body = Accepted),
        (status = 403, description = "This site sends no email", body = ErrorBody),
        (status = 422, description = "Not an email address", body = ErrorBody),
        (status = 429, description = "Too many requests; see Retry-After", body = ErrorBody),
    ))]
async fn request_password_reset(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(body): ApiJson<PasswordResetRequest>,
) -> Result<Response, ApiError> {
    state
        .app
        .request_password_reset(&body.email, address)
        .await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(Accepted {
            message: crate::i18n::text_with(
                "reset-link-on-its-way",
                &[("email", body.email.trim().into())],
            ),
        }),
    )
        .into_response())
}

/// Sets a new password with the token of a reset link. Every session of the account ends;
/// log in with the new password.
#[utoipa::path(post, path = "/password-reset/confirm", tag = "accounts", request_body = NewPasswordRequest,
    responses(
        (status = 204, description = "The password is changed and the account logged out everywhere"),
        (status = 410, description = "The link is unknown, used or expired", body = ErrorBody),
        (status = 422, description = "The password breaks a rule", body = ErrorBody),
    ))]
async fn reset_password(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<NewPasswordRequest>,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .reset_password(&body.token, &body.password)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
