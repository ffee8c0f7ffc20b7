//! The pages behind links sent by email: verifying an address, asking for a new verification
//! link, and resetting a forgotten password.

use crate::i18n::{text, text_with};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::SET_COOKIE;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use minijinja::context;
use minijinja::value::Serde;
use serde::Deserialize;
use tribune_app::account_mail::VerificationRequest;

use super::account::FormState;
use super::render;
use crate::AppState;
use crate::error::{Failure, PageError};
use crate::extract::{ClientAddress, CurrentViewer, PageForm};
use crate::session;
use crate::views::ViewerView;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/account/verification", post(request_verification))
        .route("/verify-email/{token}", get(verify_email))
        .route(
            "/password-reset",
            get(reset_request_page).post(request_reset),
        )
        .route(
            "/password-reset/{token}",
            get(new_password_page).post(set_new_password),
        )
}

async fn request_verification(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
) -> Result<Response, PageError> {
    let done = state
        .app
        .request_verification(&viewer)
        .await
        .map_err(|e| state.page_error(e))?;
    Ok(Redirect::to(match done {
        VerificationRequest::Sent => "/account?sent=verification",
        VerificationRequest::AlreadyVerified => "/account",
    })
    .into_response())
}

async fn verify_email(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let user = state
        .app
        .verify_email(&token)
        .await
        .map_err(|e| state.page_error(e))?;
    let signed_in = viewer.user().is_some();
    render(
        &state,
        StatusCode::OK,
        "notice.html",
        context! {
            viewer => Serde(ViewerView::of(viewer.user())),
            title => text("notice-email-verified-title"),
            message => text_with("notice-email-verified", &[("email", user.email.as_str().into())]),
            link_href => if signed_in { "/account" } else { "/login" },
            link_text => text(if signed_in { "notice-go-to-account" } else { "notice-log-in" }),
        },
    )
}

async fn reset_request_page(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
) -> Result<Response, PageError> {
    render(
        &state,
        StatusCode::OK,
        "password_reset.html",
        context! {
            viewer => Serde(ViewerView::of(viewer.user())),
            form => Serde(FormState::default()),
            email_enabled => state.app.email_enabled(),
            sent => false,
        },
    )
}

#[derive(Deserialize)]
struct ResetRequestForm {
    #[serde(default)]
    email: String,
}

async fn request_reset(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    ClientAddress(address): ClientAddress,
    PageForm(form): PageForm<ResetRequestForm>,
) -> Result<Response, PageError> {
    let result = state.app.request_password_reset(&form.email, address).await;
    let (status, form, sent) = match result {
        Ok(()) => (
            StatusCode::OK,
            FormState {
                email: form.email.trim().to_owned(),
                ..FormState::default()
            },
            true,
        ),
        Err(err) => {
            let failure = Failure::from(&err);
            if failure.status.is_server_error() {
                return Err(state.page_failure(failure));
            }
            let page = render(
                &state,
                failure.status,
                "password_reset.html",
                context! {
                    viewer => Serde(ViewerView::of(viewer.user())),
                    form => Serde(FormState { email: form.email, ..FormState::default() }.failed(&failure)),
                    email_enabled => state.app.email_enabled(),
                    sent => false,
                },
            )?;
            return Ok(failure.decorate(page));
        }
    };
    render(
        &state,
        status,
        "password_reset.html",
        context! {
            viewer => Serde(ViewerView::of(viewer.user())),
            form => Serde(form),
            email_enabled => true,
            sent,
            valid_minutes => state.app.settings().email.reset_minutes,
        },
    )
}

async fn new_password_page(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let account = state
        .app
        .password_reset_account(&token)
        .await
        .map_err(|e| state.page_error(e))?;
    render(
        &state,
        StatusCode::OK,
        "password_new.html",
        context! {
            viewer => Serde(ViewerView::of(viewer.user())),
            account_email => account.email,
            action => format!("/password-reset/{token}"),
            form => Serde(FormState::default()),
        },
    )
}

#[derive(Deserialize)]
struct NewPasswordForm {
    #[serde(default)]
    password: String,
}

async fn set_new_password(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(token): Path<String>,
    PageForm(form): PageForm<NewPasswordForm>,
) -> Result<Response, PageError> {
    match state.app.reset_password(&token, &form.password).await {
        Ok(account) => {
            // Every session of the account ended, this browser's too if it was signed in to it.
            let own = viewer.user().is_some_and(|u| u.id == account.id);
            let page = render(
                &state,
                StatusCode::OK,
                "notice.html",
                context! {
                    viewer => Serde(if own { None } else { ViewerView::of(viewer.user()) }),
                    title => text("notice-password-changed-title"),
                    message => text("notice-password-changed"),
                    link_href => "/login",
                    link_text => text("notice-log-in"),
                },
            )?;
            if !own {
                return Ok(page);
            }
            Ok((
                [(SET_COOKIE, session::clear_cookie(state.app.settings()))],
                page,
            )
                .into_response())
        }
        Err(err @ tribune_app::Error::Invalid(_)) => {
            let failure = Failure::from(&err);
            let account = state
                .app
                .password_reset_account(&token)
                .await
                .map_err(|e| state.page_error(e))?;
            let page = render(
                &state,
                failure.status,
                "password_new.html",
                context! {
                    viewer => Serde(ViewerView::of(viewer.user())),
                    account_email => account.email,
                    action => format!("/password-reset/{token}"),
                    form => Serde(FormState::default().failed(&failure)),
                },
            )?;
            Ok(failure.decorate(page))
        }
        Err(err) => Err(state.page_error(err)),
    }
}
