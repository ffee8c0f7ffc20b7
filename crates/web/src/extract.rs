//! Extractors: who is asking, and request bodies whose rejections speak Tribune's error format.

use std::net::IpAddr;

use ipnet::IpNet;

use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::http::StatusCode;
use axum::http::header::{AUTHORIZATION, SET_COOKIE};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use axum::{Form, Json};
use serde::de::DeserializeOwned;
use tribune_app::accounts::{Editor, SessionState, Viewer};

use crate::AppState;
use crate::error::{ApiError, Failure, PageError, form_failure};
use crate::session;

/// The viewer of this request, resolved once from the session cookie by [`resolve_viewer`].
#[derive(Debug, Clone, Default)]
pub struct CurrentViewer(pub Viewer);

/// Middleware: looks the session cookie up and leaves a [`CurrentViewer`] in the request.
/// A cookie whose session is over is cleared in the response. A view (a request that changes
/// nothing) may take who the reader is from this node's memory; any other request asks the
/// database, and afterwards the memory forgets the session, so the reader's next view shows
/// what they did.
pub async fn resolve_viewer(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let token = session::read_token(req.headers(), state.app.settings());
    let view = req.method().is_safe();
    let with_unread = shows_header(req.uri().path());
    let (viewer, unread) = match &token {
        None => (Viewer::Anonymous, 0),
        Some(token) if view => match state.app.viewing_session(token, with_unread).await {
            Ok((session, unread)) => (viewer_of(session), unread),
            Err(err) => {
                tracing::error!(error = %err, "session lookup failed");
                (Viewer::Anonymous, 0)
            }
        },
        Some(token) => {
            let viewer = match state.app.session(token).await {
                Ok(session) => viewer_of(session),
                Err(err) => {
                    tracing::error!(error = %err, "session lookup failed");
                    Viewer::Anonymous
                }
            };
            let unread = if viewer.user().is_some() && with_unread {
                state
                    .app
                    .unread_notifications(&viewer)
                    .await
                    .unwrap_or_else(|err| {
                        tracing::warn!(error = %err, "counting unread notifications failed");
                        0
                    })
            } else {
                0
            };
            (viewer, unread)
        }
    };
    let ended = viewer == Viewer::SessionEnded;
    req.extensions_mut().insert(CurrentViewer(viewer));
    let mut response = crate::views::UNREAD_NOTIFICATIONS
        .scope(unread, next.run(req))
        .await;
    if let Some(token) = token.filter(|_| !view) {
        state.app.forget_viewing_session(&token);
    }
    if ended && !response.headers().contains_key(SET_COOKIE) {
        response
            .headers_mut()
            .append(SET_COOKIE, session::clear_cookie(state.app.settings()));
        if crate::embed::framed() {
            response.headers_mut().append(
                SET_COOKIE,
                session::clear_frame_cookie(state.app.settings()),
            );
        }
    }
    response
}

fn viewer_of(session: SessionState) -> Viewer {
    match session {
        SessionState::Valid(user) => Viewer::User(user),
        SessionState::Ended => Viewer::SessionEnded,
    }
}

/// Whether a response to `path` may be a page with the site's header (not the API, feeds,
/// static files or the operators' endpoints), so the unread count is worth reading.
fn shows_header(path: &str) -> bool {
    !(["/api/", "/feeds/", "/static/", "/healthz", "/metrics"]
        .iter()
        .any(|prefix| path.starts_with(prefix))
        || path.ends_with(".atom"))
}

impl<S: Send + Sync> FromRequestParts<S> for CurrentViewer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<CurrentViewer>()
            .cloned()
            .unwrap_or_default())
    }
}

/// A newsroom system, authenticated by `Authorization: Bearer TOKEN`.
#[derive(Debug, Clone)]
pub struct EditorAuth(pub Editor);

impl FromRequestParts<AppState> for EditorAuth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
            .filter(|t| !t.is_empty());
        let Some(token) = token else {
            return Err(ApiError(Failure::new(
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                crate::i18n::text("api-token-required"),
            )));
        };
        Ok(EditorAuth(state.app.editor(token).await?))
    }
}

/// JSON body for the API; malformed JSON, wrong types and oversize bodies become
/// [`ApiError`]s.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        Ok(ApiJson(Json::<T>::from_request(req, state).await?.0))
    }
}

/// Query string for the API.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Ok(ApiQuery(
            axum::extract::Query::<T>::from_request_parts(parts, state)
                .await?
                .0,
        ))
    }
}

/// Path parameters for the API: a malformed id is a JSON 400, not a bare text answer.
pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(path) => Ok(ApiPath(path.0)),
            Err(rejection) => Err(ApiError(Failure::new(
                StatusCode::BAD_REQUEST,
                "bad_path",
                format!("The address is not valid: {}", rejection.body_text()),
            ))),
        }
    }
}

/// A form body for pages; a malformed or oversize form becomes an error page.
pub struct PageForm<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for PageForm<T> {
    type Rejection = PageError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, PageError> {
        match Form::<T>::from_request(req, state).await {
            Ok(Form(value)) => Ok(PageForm(value)),
            Err(rejection) => Err(state.page_failure(form_failure(
                &rejection,
                state.app.settings().http.max_body_bytes,
            ))),
        }
    }
}

/// A query string for pages.
pub struct PageQuery<T>(pub T);

impl<T: DeserializeOwned> FromRequestParts<AppState> for PageQuery<T> {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, PageError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| PageQuery(q.0))
            .map_err(|rejection| {
                state.page_failure(Failure::new(
                    StatusCode::BAD_REQUEST,
                    "bad_query",
                    format!("The address is not valid: {}", rejection.body_text()),
                ))
            })
    }
}

/// The address a request came from: the peer, or, when the peer is one of the configured
/// trusted proxies (`http.trusted_proxies`), the last address before them in
/// `X-Forwarded-For`. `None` when the server was not told the peer (in-process tests).
#[derive(Debug, Clone, Copy, Default)]
pub struct ClientAddress(pub Option<IpAddr>);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<crate::zero_copy::Peer>>()
            .map(|info| info.0.0.ip());
        Ok(ClientAddress(peer.map(|peer| {
            client_address(peer, forwarded_for(&parts.headers), &state.trusted_proxies)
        })))
    }
}

fn forwarded_for(headers: &axum::http::HeaderMap) -> Vec<IpAddr> {
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse().ok())
        .collect()
}

/// Walks the chain from the peer back through trusted proxies; the first untrusted hop is
/// the client. Addresses added by the client itself are never believed.
fn client_address(peer: IpAddr, forwarded: Vec<IpAddr>, trusted: &[IpNet]) -> IpAddr {
    let mut client = peer;
    let mut chain = forwarded.into_iter().rev();
    while trusted.iter().any(|network| network.contains(&client)) {
        match chain.next() {
            Some(previous) => client = previous,
            None => break,
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn only_pages_count_unread_notifications() {
        for page in ["/", "/articles/budget", "/notifications", "/account"] {
            assert!(shows_header(page), "{page}");
        }
        for other in [
            "/api/v1/notifications/unread",
            "/static/tribune.css",
            "/feeds/articles.atom",
            "/articles/budget/comments.atom",
            "/healthz",
        ] {
            assert!(!shows_header(other), "{other}");
        }
    }

    #[test]
    fn only_trusted_proxies_are_seen_through() {
        let trusted: Vec<IpNet> = vec!["10.0.0.0/8".parse().unwrap(), ip("::1").into()];
        let chain = vec![ip("1.2.3.4"), ip("203.0.113.9"), ip("10.1.1.1")];
        // Behind two of our proxies: the first hop they did not add is the client.
        assert_eq!(
            client_address(ip("10.0.0.2"), chain.clone(), &trusted),
            ip("203.0.113.9")
        );
        // A client that talks to us directly cannot pretend to be someone else.
        assert_eq!(
            client_address(ip("198.51.100.7"), chain, &trusted),
            ip("198.51.100.7")
        );
    }
}
