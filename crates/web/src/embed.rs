//! Discussions on a newsroom's own pages. `embed.js`, loaded by the newsroom's page, puts an
//! iframe of Tribune's own pages where the page asks for the discussion, and fills comment
//! counts. Inside the frame the pages are the ordinary ones, rendered "framed" (no site
//! header, no article body); this module holds:
//!
//! - [`frame_policy`]: a page requested for a frame (`Sec-Fetch-Dest: iframe`) may be framed by
//!   the allowlisted sites (`frame-ancestors`) and is rendered framed; every other page keeps
//!   `frame-ancestors 'none'` and `X-Frame-Options: DENY`;
//! - the frame's entry (`/embed/thread?url=…&title=…`), which finds or opens the article;
//! - sign-in inside the frame, where the browser may block third-party cookies: a pop-up on
//!   Tribune's own origin hands the frame a one-time code (`/embed/sign-in`), or the newsroom's
//!   single sign-on token is traded (`/embed/sso`); either way the frame gets a session cookie
//!   of its own, partitioned by the newsroom's site (CHIPS);
//! - `/discussions?url=`, the link a page shows without JavaScript;
//! - the scripts: `embed.js` (the newsroom's page), `embed-frame.js` (the frame),
//!   `embed-popup.js` (the sign-in pop-up).

use axum::Router;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::{HeaderName, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use minijinja::context;
use minijinja::value::Serde;
use serde::Deserialize;

use crate::AppState;
use crate::error::{ApiError, PageError};
use crate::extract::{ApiJson, CurrentViewer, PageQuery};
use crate::pages::render;
use crate::session;
use crate::views::ViewerView;

const HOST_SCRIPT: &str = include_str!("../static/embed.js");
const FRAME_SCRIPT: &str = include_str!("../static/embed-frame.js");
const POPUP_SCRIPT: &str = include_str!("../static/embed-popup.js");

tokio::task_local! {
    /// Whether the page being rendered is for a frame on a newsroom's page: read by templates
    /// through `in_frame()`, so that every page a reader reaches inside the frame fits it.
    pub static FRAMED: bool;
}

/// Whether the response being built is for a frame (false outside a request).
pub fn framed() -> bool {
    FRAMED.try_with(|f| *f).unwrap_or(false)
}

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/embed.js",
            get(|| script(HOST_SCRIPT, "public, max-age=3600")),
        )
        .route(
            "/static/embed-frame.js",
            get(|| script(FRAME_SCRIPT, "public, max-age=3600")),
        )
        .route(
            "/static/embed-popup.js",
            get(|| script(POPUP_SCRIPT, "public, max-age=3600")),
        )
        .route("/embed/thread", get(thread))
        .route("/embed/sign-in", get(sign_in_page).post(sign_in_code))
        .route("/embed/session", axum::routing::post(session_from_code))
        .route("/embed/sso", axum::routing::post(session_from_sso))
        .route("/discussions", get(discussion_for_url))
}

async fn script(source: &'static str, cache: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, cache),
        ],
        source,
    )
        .into_response()
}

/// The Content-Security-Policy of pages shown in a frame: the site's own, with the
/// allowlisted newsroom sites as the only ancestors.
pub(crate) fn frame_csp(base: &str, origins: &[String]) -> HeaderValue {
    let ancestors = if origins.is_empty() {
        "'none'".to_owned()
    } else {
        origins.join(" ")
    };
    let policy = base.replace(
        "frame-ancestors 'none'",
        &format!("frame-ancestors {ancestors}"),
    );
    HeaderValue::from_str(&policy)
        .unwrap_or_else(|_| HeaderValue::from_static("frame-ancestors 'none'"))
}

fn requested_for_frame(headers: &HeaderMap) -> bool {
    headers
        .get(HeaderName::from_static("sec-fetch-dest"))
        .is_some_and(|v| v.as_bytes() == b"iframe")
}

/// Middleware: a page requested for a frame is rendered framed and may be framed by the
/// allowlisted sites; browsers enforce `frame-ancestors`, so another site still cannot frame
/// it. Sits outside the layers that set the site's headers, so that it has the last word.
pub(crate) async fn frame_policy(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let framed = requested_for_frame(req.headers()) || req.uri().path().starts_with("/embed/");
    let mut response = FRAMED.scope(framed, next.run(req)).await;
    if framed {
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_SECURITY_POLICY, state.frame_csp.clone());
        headers.remove(header::X_FRAME_OPTIONS);
        // The frame's page differs from the same address at top level.
        headers.append(header::VARY, HeaderValue::from_static("Sec-Fetch-Dest"));
    }
    response
}

#[derive(Deserialize)]
struct ThreadQuery {
    #[serde(default)]
    url: String,
    #[serde(default)]
    title: String,
}

/// `/embed/thread?url=…&title=…`: the frame's first page. Finds the article at the page's
/// address (opening it on first sight for an allowlisted site) and goes to its discussion.
async fn thread(
    State(state): State<AppState>,
    PageQuery(query): PageQuery<ThreadQuery>,
) -> Result<Response, PageError> {
    let article = state
        .app
        .embedded_article(&query.url, &query.title)
        .await
        .map_err(|e| state.page_error(e))?;
    Ok(Redirect::to(&format!("/articles/{}#comments", article.slug)).into_response())
}

#[derive(Deserialize)]
struct UrlQuery {
    #[serde(default)]
    url: String,
}

/// `/discussions?url=…`: the link a newsroom's page shows where the discussion would be when
/// JavaScript does not run. Never opens a discussion (a GET changes nothing).
async fn discussion_for_url(
    State(state): State<AppState>,
    PageQuery(query): PageQuery<UrlQuery>,
) -> Result<Response, PageError> {
    let article = state
        .app
        .article_for_url(&query.url)
        .await
        .map_err(|e| state.page_error(e))?;
    Ok(Redirect::to(&format!("/articles/{}#comments", article.slug)).into_response())
}

/// `/embed/sign-in`, in the pop-up the frame opens: Tribune's own page, where its cookie
/// works. A reader not signed in logs in (or signs up) first and comes back here.
async fn sign_in_page(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
) -> Result<Response, PageError> {
    if viewer.user().is_none() {
        return Ok(Redirect::to("/login?next=%2Fembed%2Fsign-in").into_response());
    }
    render(
        &state,
        StatusCode::OK,
        "embed_sign_in.html",
        context! {
            viewer => Serde(ViewerView::of(viewer.user())),
            code => "",
            next_path => "/embed/sign-in",
        },
    )
}

/// The reader confirms: a one-time code for the frame, which the pop-up's script posts to
/// the frame that opened it (same origin only) before closing.
async fn sign_in_code(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
) -> Result<Response, PageError> {
    let code = state
        .app
        .issue_sign_in_code(&viewer)
        .await
        .map_err(|e| state.page_error(e))?;
    let mut response = render(
        &state,
        StatusCode::OK,
        "embed_sign_in.html",
        context! {
            viewer => Serde(ViewerView::of(viewer.user())),
            code => code,
            next_path => "/embed/sign-in",
        },
    )?;
    // A code is a credential for two minutes: never kept by a cache.
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

#[derive(Deserialize)]
struct CodeForm {
    #[serde(default)]
    code: String,
}

/// The frame trades a sign-in code for its own session cookie.
async fn session_from_code(
    State(state): State<AppState>,
    ApiJson(form): ApiJson<CodeForm>,
) -> Result<Response, ApiError> {
    let session = state.app.redeem_sign_in_code(&form.code).await?;
    Ok(frame_session(&state, &session))
}

#[derive(Deserialize)]
struct SsoForm {
    #[serde(default)]
    token: String,
}

/// The frame trades the newsroom's single sign-on token for its own session cookie.
async fn session_from_sso(
    State(state): State<AppState>,
    ApiJson(form): ApiJson<SsoForm>,
) -> Result<Response, ApiError> {
    let session = state.app.sso_sign_in(&form.token).await?;
    Ok(frame_session(&state, &session))
}

fn frame_session(state: &AppState, session: &tribune_app::accounts::NewSession) -> Response {
    let cookie = session::set_frame_cookie(state.app.settings(), &session.token, session.max_age);
    (
        StatusCode::NO_CONTENT,
        [
            (header::SET_COOKIE, cookie),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
    )
        .into_response()
}
