//! Sign up, log in, log out, and the reader's own account page (their address and its
//! verification, their private feed address).

use crate::i18n::text_with;
use axum::Router;
use axum::extract::State;
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use minijinja::context;
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};
use tribune_app::accounts::{NewSession, SignUp};

use super::render;
use crate::AppState;
use crate::error::{Failure, PageError};
use crate::extract::{ClientAddress, CurrentViewer, PageForm, PageQuery};
use crate::session;
use crate::views::{ViewerView, human, iso};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/signup", get(signup_page).post(signup))
        .route("/login", get(login_page).post(login))
        .route("/logout", post(logout))
        .route("/account", get(account_page))
        .route("/account/feed", post(new_feed))
        .route("/account/feed/revoke", post(revoke_feed))
        .route("/language", post(choose_language))
}

#[derive(Deserialize)]
struct LanguageForm {
    #[serde(default)]
    lang: String,
}

/// The language menu at the foot of every page: keeps the reader's choice in a cookie and
/// takes them back to the page they were reading (a page of this site only).
async fn choose_language(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    headers: axum::http::HeaderMap,
    PageForm(form): PageForm<LanguageForm>,
) -> Response {
    let Some(lang) = crate::i18n::Lang::from_code(&form.lang) else {
        return state
            .page_failure(Failure::new(
                StatusCode::BAD_REQUEST,
                "unknown_language",
                crate::i18n::text("error-unknown-language"),
            ))
            .into_response();
    };
    if let Err(err) = state.app.remember_language(&viewer, lang).await {
        return state.page_error(err).into_response();
    }
    see_other(
        &safe_next(page_referred_from(&headers).as_deref()),
        crate::i18n::language_cookie(state.app.settings(), lang),
    )
}

/// The path (and query) of the page of this site a form was sent from, from `Referer`:
/// browsers send the whole address to the same origin only.
fn page_referred_from(headers: &axum::http::HeaderMap) -> Option<String> {
    let header = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    let referer: axum::http::Uri = header(axum::http::header::REFERER)?.parse().ok()?;
    let same_host = referer.authority()?.as_str() == header(axum::http::header::HOST)?;
    same_host.then(|| referer.path_and_query().map(|p| p.as_str().to_owned()))?
}

/// Where to go after logging in: a path on this site only, never another site.
pub(crate) fn safe_next(raw: Option<&str>) -> String {
    match raw {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.starts_with("/\\")
                && !path.chars().any(char::is_control) =>
        {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[derive(Deserialize)]
struct NextQuery {
    #[serde(default)]
    next: Option<String>,
}

/// A form as the reader left it; never holds the password.
#[derive(Default, Serialize)]
pub(super) struct FormState {
    pub(super) display_name: String,
    pub(super) email: String,
    pub(super) error: String,
    pub(super) field: String,
}

impl FormState {
    pub(super) fn failed(mut self, failure: &Failure) -> Self {
        self.error = failure.message.clone();
        self.field = failure.field.unwrap_or_default().to_owned();
        self
    }
}

async fn signup_page(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    PageQuery(query): PageQuery<NextQuery>,
) -> Result<Response, PageError> {
    render(
        &state,
        StatusCode::OK,
        "signup.html",
        context! {
            viewer => Serde(ViewerView::of(viewer.user())),
            form => Serde(FormState::default()),
            next_path => Serde(safe_next(query.next.as_deref())),
        },
    )
}

#[derive(Deserialize)]
struct SignUpForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: Option<String>,
    /// The answer to the proof-of-work challenge, filled in by `static/pow.js`.
    #[serde(default)]
    proof_of_work: Option<String>,
}

async fn signup(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    PageForm(form): PageForm<SignUpForm>,
) -> Result<Response, PageError> {
    let next = safe_next(form.next.as_deref());
    let request = SignUp {
        display_name: form.display_name,
        email: form.email,
        password: form.password,
    };
    match state
        .app
        .sign_up(&request, form.proof_of_work.as_deref(), address)
        .await
    {
        Ok(session) => Ok(logged_in(&state, &session, &next)),
        Err(err) => {
            let failure = Failure::from(&err);
            if failure.status.is_server_error() {
                return Err(state.page_failure(failure));
            }
            let form = FormState {
                display_name: request.display_name,
                email: request.email,
                ..FormState::default()
            }
            .failed(&failure);
            render(
                &state,
                failure.status,
                "signup.html",
                context! {
                    viewer => Serde(None::<ViewerView>),
                    form => Serde(form),
                    next_path => Serde(next),
                },
            )
            .map(|page| failure.decorate(page))
        }
    }
}

async fn login_page(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    PageQuery(query): PageQuery<NextQuery>,
) -> Result<Response, PageError> {
    render(
        &state,
        StatusCode::OK,
        "login.html",
        context! {
            viewer => Serde(ViewerView::of(viewer.user())),
            form => Serde(FormState::default()),
            next_path => Serde(safe_next(query.next.as_deref())),
        },
    )
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: Option<String>,
}

async fn login(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    PageForm(form): PageForm<LoginForm>,
) -> Result<Response, PageError> {
    let next = safe_next(form.next.as_deref());
    match state.app.log_in(&form.email, &form.password, address).await {
        Ok(session) => Ok(logged_in(&state, &session, &next)),
        Err(err) => {
            let failure = Failure::from(&err);
            if failure.status.is_server_error() {
                return Err(state.page_failure(failure));
            }
            let form = FormState {
                email: form.email,
                ..FormState::default()
            }
            .failed(&failure);
            render(
                &state,
                failure.status,
                "login.html",
                context! {
                    viewer => Serde(None::<ViewerView>),
                    form => Serde(form),
                    next_path => Serde(next),
                },
            )
            .map(|page| failure.decorate(page))
        }
    }
}

async fn logout(State(state): State<AppState>, req: axum::extract::Request) -> Response {
    if let Some(token) = session::read_token(req.headers(), state.app.settings())
        && let Err(err) = state.app.log_out(&token).await
    {
        return state.page_error(err).into_response();
    }
    let mut response = see_other("/", session::clear_cookie(state.app.settings()));
    response.headers_mut().append(
        SET_COOKIE,
        session::clear_frame_cookie(state.app.settings()),
    );
    response
}

#[derive(Deserialize)]
struct AccountQuery {
    #[serde(default)]
    sent: Option<String>,
    #[serde(default)]
    saved: Option<String>,
    #[serde(default)]
    claimed: Option<String>,
}

fn logged_in(state: &AppState, session: &NewSession, next: &str) -> Response {
    let cookie = session::set_cookie(state.app.settings(), &session.token, session.max_age);
    see_other(next, cookie)
}

/// A 303 redirect that also sets a cookie.
fn see_other(to: &str, cookie: HeaderValue) -> Response {
    let location = HeaderValue::from_str(to).unwrap_or_else(|_| HeaderValue::from_static("/"));
    (
        StatusCode::SEE_OTHER,
        [(LOCATION, location), (SET_COOKIE, cookie)],
    )
        .into_response()
}

/// The private feed section of the account page.
#[derive(Default, Serialize)]
pub(super) struct FeedSection {
    active: bool,
    created_iso: String,
    created_human: String,
    /// Only in the answer that made it: the database keeps its hash alone.
    url: String,
}

async fn account_page(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    PageQuery(query): PageQuery<AccountQuery>,
) -> Result<Response, PageError> {
    let user = viewer.require_user().map_err(|e| state.page_error(e))?;
    let notice = match (query.sent.as_deref(), query.saved.as_deref()) {
        (Some("verification"), _) if !user.email_verified => text_with(
            "account-link-sent",
            &[("email", user.email.as_str().into())],
        ),
        _ if query.claimed.is_some() => {
            let moved: u64 = query
                .claimed
                .as_deref()
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            text_with(
                "account-comments-claimed",
                &[
                    ("count", i64::try_from(moved).unwrap_or(i64::MAX).into()),
                    ("number", moved.to_string().into()),
                ],
            )
        }
        (_, Some("notifications")) => {
            let preference = state
                .app
                .email_preference(&viewer)
                .await
                .map_err(|e| state.page_error(e))?;
            super::notifications::preference_saved(preference)
        }
        _ => String::new(),
    };
    let feed = feed_section(&state, &viewer).await?;
    render_account(&state, &viewer, feed, notice).await
}

/// The private feed section as it stands (its address is never shown again).
pub(super) async fn feed_section(
    state: &AppState,
    viewer: &tribune_app::accounts::Viewer,
) -> Result<FeedSection, PageError> {
    let created = state
        .app
        .private_feed_created(viewer)
        .await
        .map_err(|e| state.page_error(e))?;
    Ok(FeedSection {
        active: created.is_some(),
        created_iso: created.map(iso).unwrap_or_default(),
        created_human: created.map(human).unwrap_or_default(),
        url: String::new(),
    })
}

/// Makes a new private feed address. Answered with the page itself rather than a redirect:
/// the address exists only in this response.
async fn new_feed(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
) -> Result<Response, PageError> {
    let made = state
        .app
        .new_private_feed(&viewer)
        .await
        .map_err(|e| state.page_error(e))?;
    let feed = FeedSection {
        active: true,
        created_iso: iso(made.created_at),
        created_human: human(made.created_at),
        url: format!(
            "{}{}",
            state.app.settings().base_url(),
            crate::feeds::private_path(&made.token)
        ),
    };
    render_account(&state, &viewer, feed, String::new()).await
}

async fn revoke_feed(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
) -> Result<Response, PageError> {
    state
        .app
        .revoke_private_feed(&viewer)
        .await
        .map_err(|e| state.page_error(e))?;
    Ok(Redirect::to("/account#feed").into_response())
}

async fn render_account(
    state: &AppState,
    viewer: &tribune_app::accounts::Viewer,
    feed: FeedSection,
    notice: String,
) -> Result<Response, PageError> {
    render_account_with(state, viewer, feed, notice, None).await
}

/// The account page; `refused` is a failed account deletion, shown beside its form with its
/// status.
pub(super) async fn render_account_with(
    state: &AppState,
    viewer: &tribune_app::accounts::Viewer,
    feed: FeedSection,
    notice: String,
    refused: Option<crate::error::Failure>,
) -> Result<Response, PageError> {
    let user = viewer.require_user().map_err(|e| state.page_error(e))?;
    let claimable: Vec<(String, i64)> = state
        .app
        .claimable_profiles(viewer)
        .await
        .map_err(|e| state.page_error(e))?
        .into_iter()
        .map(|p| (p.display_name, p.comments))
        .collect();
    let status = refused.as_ref().map_or(StatusCode::OK, |f| f.status);
    let delete_error = refused.map(|f| f.message).unwrap_or_default();
    let notifications_email = state
        .app
        .email_preference(viewer)
        .await
        .map_err(|e| state.page_error(e))?;
    render(
        state,
        status,
        "account.html",
        context! {
            claimable => Serde(claimable),
            delete_error,
            deleted_comments => Serde(state.app.settings().accounts.deleted_comments),
            // The header shows who is signed in, as on every other page.
            viewer => Serde(ViewerView::of(Some(user))),
            account => Serde(crate::views::AccountView::from(user)),
            email_enabled => state.app.email_enabled(),
            verification_required => state.app.settings().accounts.require_verified_email,
            notifications_email => notifications_email.as_str(),
            notifications_choices => Serde(super::notifications::preference_choices()),
            notice,
            feed => Serde(feed),
            next_path => "/account",
        },
    )
}
