//! The Isso-compatible API (`[isso]`, mounted at `isso.path`, `/isso` by default): Isso 0.14's
//! endpoints and JSON, so that Isso's own embed client works against Tribune unchanged.
//! Handlers only translate; the use cases are in `tribune_app::isso`.
//!
//! These routes sit outside Tribune's `CsrfLayer` and guard themselves ([`guard`]): a state
//! change from another site passes only from an allowlisted origin (`embed.allowed_origins`)
//! with `Content-Type: application/json`, which a browser sends cross-site only after a CORS
//! preflight that this API grants to allowlisted origins alone; form content types get
//! Isso's 403 "CSRF" from anywhere.

use std::collections::HashMap;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Request, State};
use axum::http::header::{
    ACCEPT, CACHE_CONTROL, CONTENT_TYPE, COOKIE, ORIGIN, REFERER, SET_COOKIE,
};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use tribune_app::accounts::Viewer;
use tribune_app::isso::{ANONYMOUS, IssoPost};
use tribune_domain::{Article, CanonicalUrl, Comment, CommentStatus};

use crate::AppState;
use crate::error::Failure;
use crate::extract::{ClientAddress, CurrentViewer};
use crate::views::Apostrophes;

/// The version of Isso whose API this is.
const ISSO_VERSION: &str = "0.14.0";
const STYLESHEET: &str = include_str!("../static/isso.css");

/// The Isso routes under `isso.path`, or none when `isso.enabled` is off.
pub(crate) fn routes(state: &AppState) -> Router<AppState> {
    let settings = &state.app.settings().isso;
    if !settings.enabled {
        return Router::new();
    }
    let base = settings.path.trim_end_matches('/');
    let at = |p: &str| format!("{base}{p}");
    Router::new()
        .route(&at("/"), get(thread))
        .route(&at("/new"), post(new))
        .route(&at("/id/{id}"), get(view).put(edit).delete(delete))
        .route(&at("/id/{id}/like"), post(like))
        .route(&at("/id/{id}/dislike"), post(dislike))
        .route(&at("/count"), post(count))
        .route(&at("/preview"), post(preview))
        .route(&at("/config"), get(config))
        .route(&at("/info"), get(info))
        .route(&at("/latest"), get(latest))
        .route(&at("/feed"), get(feed))
        .route(&at("/css/isso.css"), get(stylesheet))
        .layer(axum::extract::DefaultBodyLimit::max(
            state.app.settings().http.max_body_bytes,
        ))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            crate::extract::resolve_viewer,
        ))
        .route_layer(middleware::from_fn_with_state(state.clone(), guard))
}

/// Whether a request's path is under the Isso API (its `OPTIONS` preflights are answered
/// before routing).
fn under(state: &AppState, path: &str) -> bool {
    let settings = &state.app.settings().isso;
    let base = settings.path.trim_end_matches('/');
    settings.enabled && (path == base || path.starts_with(&format!("{base}/")))
}

/// Middleware for the whole router: answers `OPTIONS` under the Isso path (Isso answers every
/// preflight with 200), before Tribune's CSRF layer and routing see it.
pub(crate) async fn preflight(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if req.method() == Method::OPTIONS && under(&state, req.uri().path()) {
        let mut response = (StatusCode::OK, [(CONTENT_TYPE, "text/plain")], "").into_response();
        cors(&state, req.headers(), response.headers_mut());
        return response;
    }
    next.run(req).await
}

/// The origin a request says it comes from: `Origin`, else the origin of `Referer`.
fn origin_of(headers: &HeaderMap) -> Option<String> {
    if let Some(origin) = headers.get(ORIGIN).and_then(|v| v.to_str().ok()) {
        return Some(origin.to_owned());
    }
    let referer = headers.get(REFERER).and_then(|v| v.to_str().ok())?;
    CanonicalUrl::parse(referer, "referer")
        .ok()
        .map(|url| url.origin())
}

/// Isso's CORS headers, for allowlisted origins only (never `*`: the client sends cookies).
fn cors(state: &AppState, request: &HeaderMap, response: &mut HeaderMap) {
    let Some(origin) = origin_of(request).filter(|o| state.app.isso_allows_origin(o)) else {
        return;
    };
    let Ok(origin) = HeaderValue::from_str(&origin) else {
        return;
    };
    let pairs = [
        ("access-control-allow-origin", origin),
        (
            "access-control-allow-credentials",
            HeaderValue::from_static("true"),
        ),
        (
            "access-control-allow-methods",
            HeaderValue::from_static("HEAD, GET, POST, PUT, DELETE"),
        ),
        (
            "access-control-allow-headers",
            HeaderValue::from_static("Origin, Referer, Content-Type"),
        ),
        (
            "access-control-expose-headers",
            HeaderValue::from_static("X-Set-Cookie, Date"),
        ),
    ];
    for (name, value) in pairs {
        response.insert(HeaderName::from_static(name), value);
    }
    response.append(axum::http::header::VARY, HeaderValue::from_static("Origin"));
}

/// The Isso API's own CSRF check, and its CORS headers on every answer.
async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let headers = req.headers().clone();
    let mut response = match refusal(&state, req.method(), &headers) {
        Some(response) => response,
        None => next.run(req).await,
    };
    cors(&state, &headers, response.headers_mut());
    response
}

/// Why a state change is refused as cross-site forgery, if it is.
fn refusal(state: &AppState, method: &Method, headers: &HeaderMap) -> Option<Response> {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return None;
    }
    let content_type = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok());
    let json = content_type.is_some_and(|t| t.trim_start().starts_with("application/json"));
    let csrf = || Some(isso_error(headers, StatusCode::FORBIDDEN, "CSRF"));
    // Isso: a content type that a form can send is refused from anywhere.
    if content_type.is_some() && !json {
        return csrf();
    }
    let own = state.app.settings().base_url().to_owned();
    match headers.get(ORIGIN).and_then(|v| v.to_str().ok()) {
        Some(origin) if origin == own => None,
        // Another site: only an allowlisted one, and only with a JSON body (which a browser
        // sends cross-site only after a preflight that names an allowlisted origin).
        Some(origin) if state.app.isso_allows_origin(origin) && json => None,
        Some(_) => csrf(),
        None => {
            let site = headers
                .get("sec-fetch-site")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("none");
            // Browsers send `Origin` on every cross-site state change; a request with
            // neither header is not a browser's (curl, scripts) and carries no ambient
            // authority from one.
            (!matches!(site, "same-origin" | "none"))
                .then(|| isso_error(headers, StatusCode::FORBIDDEN, "CSRF"))
        }
    }
}

/// An error as Isso (Werkzeug) answers it: an HTML page, or `{"message"}` for clients that
/// prefer JSON.
fn isso_error(headers: &HeaderMap, status: StatusCode, message: &str) -> Response {
    let reason = status.canonical_reason().unwrap_or("Error");
    let wants_json = headers
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.starts_with("application/json"));
    if wants_json {
        let body =
            serde_json::json!({ "message": format!("{} {reason}: {message}", status.as_u16()) });
        return (status, axum::Json(body)).into_response();
    }
    let page = format!(
        "<!doctype html>\n<html lang=en>\n<title>{code} {reason}</title>\n<h1>{reason}</h1>\n<p>{}</p>\n",
        crate::views::escape_html(message, Apostrophes::Escape),
        code = status.as_u16(),
    );
    (status, [(CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response()
}

/// An application error, in Isso's form: Tribune decides the status (`error.rs`), except that
/// Isso answers invalid input with 400.
fn failed(headers: &HeaderMap, err: &tribune_app::Error) -> Response {
    let failure = Failure::from(err);
    let status = match failure.status {
        StatusCode::UNPROCESSABLE_ENTITY => StatusCode::BAD_REQUEST,
        other => other,
    };
    let mut response = isso_error(headers, status, &failure.message);
    if let Some(secs) = failure.retry_after
        && let Ok(value) = HeaderValue::from_str(&secs.to_string())
    {
        response
            .headers_mut()
            .insert(axum::http::header::RETRY_AFTER, value);
    }
    response
}

fn bad_request(headers: &HeaderMap, message: &str) -> Response {
    isso_error(headers, StatusCode::BAD_REQUEST, message)
}

/// The JSON body of a write, or why Isso would answer 400.
fn body_of<T: serde::de::DeserializeOwned>(body: &Bytes) -> Result<T, &'static str> {
    serde_json::from_slice(body).map_err(|_| "The request body must be a JSON object with text.")
}

/// A comment's text, at least as long as Isso requires, or why not.
fn long_enough(text: Option<String>) -> Result<String, &'static str> {
    let text = text.unwrap_or_default();
    if text.trim().chars().count() < 3 {
        return Err("text is too short (minimum length: 3)");
    }
    Ok(text)
}

/// The origins a request names, for resolving a thread's `uri`.
fn from(headers: &HeaderMap) -> Vec<String> {
    origin_of(headers).into_iter().collect()
}

/// A comment in Isso's JSON.
#[derive(Debug, Serialize)]
struct IssoComment {
    id: i64,
    parent: Option<i64>,
    created: f64,
    modified: Option<f64>,
    mode: u8,
    text: String,
    author: Option<String>,
    website: Option<String>,
    likes: i64,
    dislikes: i64,
    notification: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hash: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    total_replies: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hidden_replies: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    replies: Option<Vec<IssoComment>>,
}

fn seconds(at: OffsetDateTime) -> f64 {
    // Microseconds fit a double exactly for the next few centuries.
    #[allow(clippy::cast_precision_loss)]
    let micros = (at.unix_timestamp_nanos() / 1_000) as f64;
    micros / 1e6
}

/// Two levels, as Isso has them: a reply's parent is its thread's top-level comment.
fn isso_parent(c: &Comment) -> Option<i64> {
    c.parent_id.map(|_| c.root_id)
}

fn to_isso(c: &Comment, plain: bool, hash: Option<String>) -> IssoComment {
    let mode = if c.deleted {
        4
    } else if c.status == CommentStatus::Held {
        2
    } else {
        1
    };
    let text = match (c.deleted, plain) {
        (true, _) => String::new(),
        (false, true) => c.body_markdown.clone(),
        (false, false) => c.body_html.clone(),
    };
    let author = (!(c.deleted || c.author_guest && c.author_name == ANONYMOUS))
        .then(|| crate::views::escape_html(&c.author_name, Apostrophes::Escape));
    IssoComment {
        id: c.id,
        parent: isso_parent(c),
        created: seconds(c.created_at),
        modified: c.edited_at.map(seconds),
        mode,
        text,
        author,
        website: c
            .author_website
            .as_deref()
            .filter(|_| !c.deleted)
            .map(|website| crate::views::escape_html(website, Apostrophes::Escape)),
        likes: c.reaction_count,
        dislikes: 0,
        notification: None,
        hash,
        uri: None,
        total_replies: None,
        hidden_replies: None,
        replies: None,
    }
}

/// Isso's client configuration (`/config`, and `config` in every thread).
fn client_config(state: &AppState) -> serde_json::Value {
    let settings = &state.app.settings().isso;
    serde_json::json!({
        "reply-to-self": true,
        "require-email": settings.require_email,
        "require-author": settings.require_author,
        "reply-notifications": false,
        "gravatar": false,
        "feed": true,
    })
}

fn json(status: StatusCode, body: &impl Serialize) -> Response {
    (status, axum::Json(body)).into_response()
}

/// Hashes of authors, computed once per author per request.
struct Hashes<'a> {
    state: &'a AppState,
    known: HashMap<i64, String>,
}

impl Hashes<'_> {
    async fn of(&mut self, author_id: i64) -> Result<String, tribune_app::Error> {
        if let Some(hash) = self.known.get(&author_id) {
            return Ok(hash.clone());
        }
        let hash = self.state.app.isso_author_hash(author_id).await?;
        self.known.insert(author_id, hash.clone());
        Ok(hash)
    }
}

/// `GET /?uri=…`: a thread, two levels deep.
async fn thread(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    headers: HeaderMap,
    axum::extract::Query(query): axum::extract::Query<HashMap<String, String>>,
) -> Response {
    match thread_json(&state, &viewer, &headers, &query).await {
        Ok(response) => response,
        Err(response) => response,
    }
}

fn number<T: std::str::FromStr>(
    query: &HashMap<String, String>,
    name: &str,
) -> Result<Option<T>, String> {
    match query.get(name).map(|v| v.trim()).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(raw) => raw
            .parse()
            .map(Some)
            .map_err(|_| format!("{name}: `{raw}` is not a number")),
    }
}

async fn thread_json(
    state: &AppState,
    viewer: &Viewer,
    headers: &HeaderMap,
    query: &HashMap<String, String>,
) -> Result<Response, Response> {
    let uri = query
        .get("uri")
        .ok_or_else(|| bad_request(headers, "missing uri query"))?;
    let parent: Option<i64> = number(query, "parent").map_err(|m| bad_request(headers, &m))?;
    let limit: Option<usize> = number(query, "limit").map_err(|m| bad_request(headers, &m))?;
    let nested_limit: Option<usize> =
        number(query, "nested_limit").map_err(|m| bad_request(headers, &m))?;
    let offset: usize = number(query, "offset")
        .map_err(|m| bad_request(headers, &m))?
        .unwrap_or(0);
    let after: f64 = number(query, "after")
        .map_err(|m| bad_request(headers, &m))?
        .unwrap_or(0.0);
    let plain = query.get("plain").is_some_and(|p| p == "1");
    let sort = query.get("sort").map_or("oldest", String::as_str);
    if !matches!(sort, "oldest" | "newest" | "upvotes") {
        return Err(bad_request(
            headers,
            "sort must be oldest, newest or upvotes",
        ));
    }
    let origins = from(headers);
    let origins: Vec<&str> = origins.iter().map(String::as_str).collect();
    let app = &state.app;
    let url = app
        .isso_address(uri, &origins)
        .map_err(|e| failed(headers, &e))?;
    let article = app
        .article_at(&url)
        .await
        .map_err(|e| failed(headers, &e))?;
    let comments = match &article {
        Some(article) => app
            .isso_comments(article, viewer)
            .await
            .map_err(|e| failed(headers, &e))?,
        None => Vec::new(),
    };
    // Rejected comments never show; a deleted reply goes (its replies stay under the
    // top-level comment), a deleted top-level comment stays while it has replies.
    let shown: Vec<&Comment> = comments
        .iter()
        .filter(|c| c.status != CommentStatus::Rejected && seconds(c.created_at) > after)
        .collect();
    let mut replies: HashMap<i64, Vec<&Comment>> = HashMap::new();
    for c in shown.iter().filter(|c| c.parent_id.is_some() && !c.deleted) {
        replies.entry(c.root_id).or_default().push(c);
    }
    let mut roots: Vec<&Comment> = shown
        .iter()
        .copied()
        .filter(|c| c.parent_id.is_none() && (!c.deleted || replies.contains_key(&c.id)))
        .collect();
    match sort {
        "newest" => roots.reverse(),
        "upvotes" => roots.sort_by_key(|c| std::cmp::Reverse(c.reaction_count)),
        _ => {}
    }
    let mut hashes = Hashes {
        state,
        known: HashMap::new(),
    };
    let mut item = async |c: &Comment| -> Result<IssoComment, Response> {
        let hash = hashes
            .of(c.author_id)
            .await
            .map_err(|e| failed(headers, &e))?;
        Ok(to_isso(c, plain, Some(hash)))
    };
    let page =
        |list: &[&'_ Comment], limit: Option<usize>, offset: usize| -> (Vec<Comment>, usize) {
            let shown: Vec<Comment> = list
                .iter()
                .skip(offset)
                .take(limit.unwrap_or(usize::MAX))
                .map(|c| (*c).clone())
                .collect();
            let hidden = list.len().saturating_sub(offset + shown.len());
            (shown, hidden)
        };
    let (id, total, hidden, list) = match parent {
        Some(parent_id) => {
            let list = replies.get(&parent_id).cloned().unwrap_or_default();
            let (shown, hidden) = page(&list, limit, offset);
            let mut out = Vec::new();
            for c in &shown {
                out.push(item(c).await?);
            }
            (Some(parent_id), list.len(), hidden, out)
        }
        None => {
            let total = roots.len()
                + roots
                    .iter()
                    .map(|r| replies.get(&r.id).map_or(0, Vec::len))
                    .sum::<usize>();
            let (shown, hidden) = page(&roots, limit, offset);
            let mut out = Vec::new();
            for root in &shown {
                let mut entry = item(root).await?;
                let under = replies.get(&root.id).cloned().unwrap_or_default();
                let (nested, nested_hidden) = page(&under, nested_limit, 0);
                let mut nested_out = Vec::new();
                for c in &nested {
                    nested_out.push(item(c).await?);
                }
                entry.total_replies = Some(under.len());
                entry.hidden_replies = Some(nested_hidden);
                entry.replies = Some(nested_out);
                if entry.mode == 4 {
                    entry.text = if plain {
                        String::new()
                    } else {
                        "<p></p>".to_owned()
                    };
                }
                out.push(entry);
            }
            (None, total, hidden, out)
        }
    };
    Ok(json(
        StatusCode::OK,
        &serde_json::json!({
            "id": id,
            "total_replies": total,
            "hidden_replies": hidden,
            "replies": list,
            "config": client_config(state),
        }),
    ))
}

/// What Isso's client posts to `/new`; other keys are dropped.
#[derive(Debug, Deserialize)]
struct NewComment {
    text: Option<String>,
    author: Option<String>,
    email: Option<String>,
    website: Option<String>,
    parent: Option<i64>,
    title: Option<String>,
}

/// `POST /new?uri=…`: 201 published, 202 held for a moderator, 403 rejected.
async fn new(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    axum::extract::Query(query): axum::extract::Query<HashMap<String, String>>,
    body: Bytes,
) -> Response {
    let Some(uri) = query.get("uri") else {
        return bad_request(&headers, "missing uri query");
    };
    let data: NewComment = match body_of(&body) {
        Ok(data) => data,
        Err(why) => return bad_request(&headers, why),
    };
    let text = match long_enough(data.text.clone()) {
        Ok(text) => text,
        Err(why) => return bad_request(&headers, why),
    };
    let origins = from(&headers);
    let origins: Vec<&str> = origins.iter().map(String::as_str).collect();
    let app = &state.app;
    let url = match app.isso_address(uri, &origins) {
        Ok(url) => url,
        Err(err) => return failed(&headers, &err),
    };
    let post = IssoPost {
        text: &text,
        parent: data.parent,
        title: data.title.as_deref(),
        author: data.author.as_deref(),
        email: data.email.as_deref(),
        website: data.website.as_deref(),
        address,
        proof_of_work: headers
            .get("x-tribune-proof-of-work")
            .and_then(|v| v.to_str().ok()),
    };
    let comment = match app.isso_post(&viewer, &url, &post).await {
        Ok(comment) => comment,
        Err(err) => return failed(&headers, &err),
    };
    if comment.status == CommentStatus::Rejected {
        let reason = comment
            .rejection_reason
            .as_deref()
            .unwrap_or("it breaks the house rules");
        return isso_error(
            &headers,
            StatusCode::FORBIDDEN,
            &format!("Your comment was not published: {reason}"),
        );
    }
    let status = if comment.status == CommentStatus::Held {
        StatusCode::ACCEPTED
    } else {
        StatusCode::CREATED
    };
    let hash = match app.isso_author_hash(comment.author_id).await {
        Ok(hash) => hash,
        Err(err) => return failed(&headers, &err),
    };
    let mut response = json(status, &to_isso(&comment, false, Some(hash)));
    if let Err(err) = set_token(&state, &comment, response.headers_mut()).await {
        return failed(&headers, &err);
    }
    response
}

/// The edit token as Isso sends it: `Set-Cookie: <id>=…` for Tribune, and `X-Set-Cookie:
/// isso-<id>=…` that the client copies into the page's cookies to show its edit buttons.
async fn set_token(
    state: &AppState,
    comment: &Comment,
    headers: &mut HeaderMap,
) -> Result<(), tribune_app::Error> {
    let token = state.app.isso_token(comment).await?;
    let max_age = (token.expires_at - OffsetDateTime::now_utc())
        .whole_seconds()
        .max(0);
    cookies(state, headers, comment.id, &token.token, max_age);
    Ok(())
}

fn cookies(state: &AppState, headers: &mut HeaderMap, id: i64, value: &str, max_age: i64) {
    let expires = (OffsetDateTime::now_utc() + time::Duration::seconds(max_age))
        .format(time::macros::format_description!(
            "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
        ))
        .unwrap_or_default();
    // Cross-site requests carry the cookie only with `SameSite=None`, which browsers accept
    // only with `Secure`: so on https sites; on plain http, same-site embeds only.
    let same_site = if state.app.settings().is_https() {
        "None; Secure"
    } else {
        "Lax"
    };
    let path = state.app.settings().isso.path.trim_end_matches('/');
    let own = format!(
        "{id}={value}; Expires={expires}; Max-Age={max_age}; Path={path}; HttpOnly; SameSite={same_site}"
    );
    let client =
        format!("isso-{id}={value}; Expires={expires}; Max-Age={max_age}; Path=/; SameSite=Lax");
    if let Ok(v) = HeaderValue::from_str(&own) {
        headers.append(SET_COOKIE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&client) {
        headers.insert(HeaderName::from_static("x-set-cookie"), v);
    }
}

/// The token the browser holds for comment `id` (cookie `<id>`).
fn token(headers: &HeaderMap, id: i64) -> Option<String> {
    let name = id.to_string();
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, v)| *k == name && !v.is_empty())
        .map(|(_, v)| v.to_owned())
}

/// `GET /id/N`: the comment, for the holder of its token.
async fn view(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    axum::extract::Query(query): axum::extract::Query<HashMap<String, String>>,
) -> Response {
    let plain = query.get("plain").is_some_and(|p| p == "1");
    match state
        .app
        .isso_own_comment(id, token(&headers, id).as_deref())
        .await
    {
        Ok(comment) => json(StatusCode::OK, &to_isso(&comment, plain, None)),
        Err(err) => failed(&headers, &err),
    }
}

#[derive(Debug, Deserialize)]
struct EditComment {
    text: Option<String>,
}

/// `PUT /id/N`: a new text, for the holder of its token. Author and website belong to the
/// guest's profile and are not changed here.
async fn edit(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Bytes,
) -> Response {
    let data: EditComment = match body_of(&body) {
        Ok(data) => data,
        Err(why) => return bad_request(&headers, why),
    };
    let text = match long_enough(data.text.clone()) {
        Ok(text) => text,
        Err(why) => return bad_request(&headers, why),
    };
    let held = token(&headers, id);
    match state.app.isso_edit(id, held.as_deref(), &text).await {
        Ok(comment) => {
            let mut response = json(StatusCode::OK, &to_isso(&comment, false, None));
            if let Err(err) = set_token(&state, &comment, response.headers_mut()).await {
                return failed(&headers, &err);
            }
            response
        }
        Err(err) => failed(&headers, &err),
    }
}

/// `DELETE /id/N`: `null`, or the comment as deleted (mode 4) when replies keep it.
async fn delete(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Response {
    let held = token(&headers, id);
    let app = &state.app;
    let comment = match app.isso_delete(id, held.as_deref()).await {
        Ok(comment) => comment,
        Err(err) => return failed(&headers, &err),
    };
    let kept = if comment.parent_id.is_none() {
        match app.article_by_id(comment.article_id).await {
            Ok(article) => app
                .isso_comments(&article, &viewer)
                .await
                .map(|all| {
                    all.iter().any(|c| {
                        c.root_id == id
                            && c.id != id
                            && !c.deleted
                            && c.status != CommentStatus::Rejected
                    })
                })
                .unwrap_or(false),
            Err(_) => false,
        }
    } else {
        false
    };
    let mut response = if kept {
        json(StatusCode::OK, &to_isso(&comment, false, None))
    } else {
        json(StatusCode::OK, &serde_json::Value::Null)
    };
    cookies(&state, response.headers_mut(), id, "", 0);
    response
}

async fn like(
    state: State<AppState>,
    viewer: CurrentViewer,
    headers: HeaderMap,
    id: Path<i64>,
) -> Response {
    vote(state, viewer, headers, id, true).await
}

async fn dislike(
    state: State<AppState>,
    viewer: CurrentViewer,
    headers: HeaderMap,
    id: Path<i64>,
) -> Response {
    vote(state, viewer, headers, id, false).await
}

async fn vote(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    headers: HeaderMap,
    Path(id): Path<i64>,
    up: bool,
) -> Response {
    match state.app.isso_vote(&viewer, id, up).await {
        Ok(vote) => {
            let mut body = serde_json::json!({ "likes": vote.likes, "dislikes": 0 });
            if let Some(message) = vote.denied {
                body["message"] = serde_json::Value::String(message);
            }
            json(StatusCode::OK, &body)
        }
        Err(err) => failed(&headers, &err),
    }
}

/// `POST /count`: published comments per page.
async fn count(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let Ok(uris) = serde_json::from_slice::<Vec<String>>(&body) else {
        return bad_request(&headers, "The request body must be a JSON array of uris.");
    };
    if uris.len() > 100 {
        return bad_request(&headers, "Ask for at most 100 counts at once.");
    }
    let origins = from(&headers);
    let origins: Vec<&str> = origins.iter().map(String::as_str).collect();
    match state.app.isso_counts(&uris, &origins).await {
        Ok(counts) => json(StatusCode::OK, &counts),
        Err(err) => failed(&headers, &err),
    }
}

#[derive(Debug, Deserialize)]
struct Preview {
    text: Option<String>,
}

/// `POST /preview`: the text as it would be shown.
async fn preview(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let data: Preview = match body_of(&body) {
        Ok(data) => data,
        Err(why) => return bad_request(&headers, why),
    };
    let html = state.app.isso_preview(&data.text.unwrap_or_default());
    json(StatusCode::OK, &serde_json::json!({ "text": html }))
}

async fn config(State(state): State<AppState>) -> Response {
    json(
        StatusCode::OK,
        &serde_json::json!({ "config": client_config(&state) }),
    )
}

async fn info(State(state): State<AppState>) -> Response {
    let base = state.app.settings().base_url();
    json(
        StatusCode::OK,
        &serde_json::json!({
            "version": ISSO_VERSION,
            "host": base,
            "origin": base,
            "moderation": state.app.isso_moderated(),
        }),
    )
}

/// The page an article's discussion is on, as Isso names a thread.
fn article_uri(article: &Article) -> String {
    CanonicalUrl::parse(&article.canonical_url, "canonical_url")
        .map(|url| url.path_and_query())
        .unwrap_or_else(|_| format!("/articles/{}", article.slug))
}

/// `GET /latest?limit=N`, when `isso.latest_enabled`.
async fn latest(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::extract::Query(query): axum::extract::Query<HashMap<String, String>>,
) -> Response {
    if !state.app.settings().isso.latest_enabled {
        return isso_error(
            &headers,
            StatusCode::NOT_FOUND,
            "Unavailable because 'latest-enabled' not set by site admin",
        );
    }
    let limit = match number::<usize>(&query, "limit") {
        Ok(Some(limit)) => limit,
        Ok(None) => return bad_request(&headers, "Query parameter 'limit' is mandatory (integer)"),
        Err(message) => return bad_request(&headers, &message),
    };
    let latest = match state.app.isso_latest(limit).await {
        Ok(latest) => latest,
        Err(err) => return failed(&headers, &err),
    };
    let mut hashes = Hashes {
        state: &state,
        known: HashMap::new(),
    };
    let mut out = Vec::new();
    for (comment, article) in &latest {
        let hash = match hashes.of(comment.author_id).await {
            Ok(hash) => hash,
            Err(err) => return failed(&headers, &err),
        };
        let mut entry = to_isso(comment, false, Some(hash));
        entry.uri = Some(article_uri(article));
        out.push(entry);
    }
    json(StatusCode::OK, &out)
}

/// `GET /feed?uri=…`: the discussion's Atom feed (Tribune's, with its validators).
async fn feed(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::extract::Query(query): axum::extract::Query<HashMap<String, String>>,
) -> Response {
    let Some(uri) = query.get("uri") else {
        return bad_request(&headers, "missing uri query");
    };
    let origins = from(&headers);
    let origins: Vec<&str> = origins.iter().map(String::as_str).collect();
    let article = match state.app.isso_address(uri, &origins) {
        Ok(url) => state.app.article_at(&url).await,
        Err(err) => Err(err),
    };
    match article {
        Ok(Some(article)) => {
            match crate::feeds::comments(State(state), headers, Path(article.slug)).await {
                Ok(response) => response,
                Err(err) => err.into_response(),
            }
        }
        Ok(None) => isso_error(
            &headers,
            StatusCode::NOT_FOUND,
            "This page has no discussion yet.",
        ),
        Err(err) => failed(&headers, &err),
    }
}

/// `GET /css/isso.css`: the stylesheet Isso's client adds to the host page.
async fn stylesheet() -> Response {
    (
        [
            (CONTENT_TYPE, "text/css; charset=utf-8"),
            (CACHE_CONTROL, "public, max-age=43200"),
        ],
        STYLESHEET,
    )
        .into_response()
}
