//! Operations: health, metrics, static assets, and the cross-cutting middleware (metrics,
//! error explanations, panics).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock, PoisonError, RwLock};
use std::time::{Duration, Instant};

use axum::Json;
use axum::Router;
use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use metrics::{Counter, Histogram};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use serde_json::json;
use tower_http::csrf::ProtectionError;
use tower_http::request_id::{MakeRequestId, RequestId};

use crate::AppState;
use crate::error::{ApiError, Failure};

const STYLESHEET: &str = include_str!("../static/tribune.css");
const SCRIPT: &str = include_str!("../static/tribune.js");
const MODERATION_SCRIPT: &str = include_str!("../static/moderation.js");
const PROOF_OF_WORK_SCRIPT: &str = include_str!("../static/pow.js");
const ICON: &str = include_str!("../static/favicon.svg");

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .route("/static/tribune.css", get(stylesheet))
        .route("/static/tribune.js", get(|| script(SCRIPT)))
        .route("/static/moderation.js", get(|| script(MODERATION_SCRIPT)))
        .route("/static/pow.js", get(|| script(PROOF_OF_WORK_SCRIPT)))
        .route("/favicon.ico", get(icon))
        .route("/static/favicon.svg", get(icon))
}

/// Installs the process-wide Prometheus recorder (once; later calls share it).
pub fn install_metrics() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Full("tribune_http_request_duration_seconds".to_owned()),
                    &[
                        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
                    ],
                )
                .unwrap_or_else(|_| PrometheusBuilder::new());
            let recorder = builder.build_recorder();
            let handle = recorder.handle();
            if metrics::set_global_recorder(recorder).is_err() {
                tracing::warn!("a metrics recorder was already installed; /metrics may be empty");
            }
            handle
        })
        .clone()
}

/// Answers 200 when the database answers, 503 otherwise.
async fn healthz(State(state): State<AppState>) -> Response {
    let backend = state.app.store().backend();
    match state.app.store().ping().await {
        Ok(()) => Json(json!({"status": "ok", "database": backend})).into_response(),
        Err(err) => {
            tracing::error!(error = %err, "health check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({"status": "unavailable", "database": backend})),
            )
                .into_response()
        }
    }
}

async fn metrics(State(state): State<AppState>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(),
    )
        .into_response()
}

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLESHEET,
    )
        .into_response()
}

/// The site icon (SVG; browsers that ask for /favicon.ico get it too).
async fn icon() -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        ICON,
    )
        .into_response()
}

async fn script(source: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        source,
    )
        .into_response()
}

/// Counts requests and their latency per route (the route pattern, never the raw path, so
/// the number of series stays bounded).
pub(crate) async fn track_metrics(req: Request, next: Next) -> Response {
    let start = Instant::now();
    // Any token is a method in HTTP: the ones Tribune's routes answer are counted by name,
    // the rest together, so that no client can add series.
    let method = match *req.method() {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "OTHER",
    };
    let route = req.extensions().get::<MatchedPath>().cloned();
    let response = next.run(req).await;
    let route = route.as_ref().map_or("unmatched", MatchedPath::as_str);
    let (requests, duration) = RequestSeries::of(method, route, response.status());
    requests.increment(1);
    duration.record(start.elapsed().as_secs_f64());
    response
}

/// The handles of the request series, by route, method and status. Naming a series through
/// the `metrics` macros builds its labels anew (a string each) and hashes them on every
/// request; a cached page's request then spent 3-7% of its time on its two series (measured
/// by turning the layer off under `wrk`). Routes, methods and statuses are few, so the
/// handles are kept once made. (The recorder is installed before any router exists:
/// [`AppState::new`] takes its handle.)
#[derive(Default)]
struct RequestSeries {
    by_route: RwLock<HashMap<String, Vec<SeriesOf>>>,
}

/// One route's series for one method and status.
struct SeriesOf {
    method: &'static str,
    status: StatusCode,
    requests: Counter,
    duration: Histogram,
}

impl RequestSeries {
    fn of(method: &'static str, route: &str, status: StatusCode) -> (Counter, Histogram) {
        static SERIES: OnceLock<RequestSeries> = OnceLock::new();
        let series = SERIES.get_or_init(RequestSeries::default);
        let found = |by_route: &HashMap<String, Vec<SeriesOf>>| {
            by_route
                .get(route)?
                .iter()
                .find(|s| s.method == method && s.status == status)
                .map(|s| (s.requests.clone(), s.duration.clone()))
        };
        if let Some(handles) = found(
            &series
                .by_route
                .read()
                .unwrap_or_else(PoisonError::into_inner),
        ) {
            return handles;
        }
        let mut by_route = series
            .by_route
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(handles) = found(&by_route) {
            return handles;
        }
        let route_label = route.to_owned();
        let made = SeriesOf {
            method,
            status,
            requests: metrics::counter!("tribune_http_requests_total", "method" => method, "route" => route_label.clone(), "status" => status.as_u16().to_string()),
            duration: metrics::histogram!("tribune_http_request_duration_seconds", "method" => method, "route" => route_label),
        };
        let handles = (made.requests.clone(), made.duration.clone());
        by_route.entry(route.to_owned()).or_default().push(made);
        handles
    }
}

fn is_api(path: &str) -> bool {
    path.starts_with("/api/")
}

/// Unknown addresses: JSON under `/api`, the not-found page elsewhere.
pub(crate) async fn not_found(State(state): State<AppState>, req: Request) -> Response {
    if is_api(req.uri().path()) {
        ApiError(Failure::new(
            StatusCode::NOT_FOUND,
            "not_found",
            crate::i18n::text("error-no-such-endpoint"),
        ))
        .into_response()
    } else {
        state
            .page_failure(Failure::not_found("page"))
            .into_response()
    }
}

/// Gives the CSRF layer's bare rejections a message a person can act on, in the format of
/// the route (JSON for the API, a page otherwise).
pub(crate) async fn explain_rejections(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let api = is_api(req.uri().path());
    let response = next.run(req).await;
    if response.extensions().get::<ProtectionError>().is_none() {
        return response;
    }
    let failure = Failure::csrf();
    if api {
        ApiError(failure).into_response()
    } else {
        state.page_failure(failure).into_response()
    }
}

/// Gives up on a request that has taken `http.request_timeout_secs`: the reader is told so
/// in their language (JSON under `/api`, a page elsewhere), and the operator finds it in the
/// log with its request id, since nothing else records a request that never finished. Its
/// address is left out of the log, as in [`request_span`].
pub(crate) async fn give_up_when_slow(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let limit = Duration::from_secs(state.app.settings().http.request_timeout_secs);
    let api = is_api(req.uri().path());
    let method = req.method().clone();
    let request_id = req.extensions().get::<RequestId>().cloned();
    let Ok(response) = tokio::time::timeout(limit, next.run(req)).await else {
        tracing::warn!(
            %method,
            request_id = request_id.as_ref().and_then(|id| id.header_value().to_str().ok()),
            limit_secs = limit.as_secs(),
            "request took too long and was answered 503"
        );
        let failure = Failure::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "timeout",
            crate::i18n::text("error-timeout"),
        );
        return if api {
            ApiError(failure).into_response()
        } else {
            state.page_failure(failure).into_response()
        };
    };
    response
}

/// The last line of defence: a panic becomes a plain 500, and is logged.
pub(crate) fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response<Body> {
    tracing::error!("a request handler panicked");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        crate::i18n::text("error-unexpected"),
    )
        .into_response()
}

/// The span of a traced request (see `router`): under tower-http's target, so that the
/// filter that turns its events on turns this on too. Its method and id, not its address:
/// some addresses hold a secret (a private feed's, a password reset's), kept only as a hash
/// in the database and not to be copied into logs; the request id finds the address in the
/// reverse proxy's access log.
pub(crate) fn request_span(req: &Request) -> tracing::Span {
    tracing::span!(
        target: "tower_http::trace::make_span",
        tracing::Level::DEBUG,
        "request",
        method = %req.method(),
        id = req
            .extensions()
            .get::<RequestId>()
            .and_then(|id| id.header_value().to_str().ok()),
    )
}

/// Request ids (`x-request-id` on every response; in the span of each log line of the
/// request when request tracing is on, and in the warning of a request given up on): this
/// process's random prefix and a counter. A random UUID per request cost a system call for
/// its randomness on every request, a few percent of a cached page's time.
#[derive(Clone, Debug)]
pub(crate) struct RequestIds {
    prefix: Arc<str>,
    next: Arc<AtomicU64>,
}

impl RequestIds {
    pub(crate) fn new() -> Self {
        use std::hash::{BuildHasher, Hasher};
        // Random keys from the standard library, mixed with what tells processes apart.
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u32(std::process::id());
        hasher.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        Self {
            prefix: format!("{:016x}", hasher.finish()).into(),
            next: Arc::new(AtomicU64::new(1)),
        }
    }
}

impl MakeRequestId for RequestIds {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        axum::http::HeaderValue::from_str(&format!("{}-{n:x}", self.prefix))
            .ok()
            .map(RequestId::new)
    }
}

#[cfg(test)]
mod request_id_tests {
    use super::*;

    #[test]
    fn request_ids_differ_within_a_process_and_between_processes() {
        let request = axum::http::Request::new(());
        let mut ids = RequestIds::new();
        let first = ids.make_request_id(&request).expect("an id");
        let second = ids.clone().make_request_id(&request).expect("an id");
        assert_ne!(first.header_value(), second.header_value());
        let mut other = RequestIds::new();
        let elsewhere = other.make_request_id(&request).expect("an id");
        assert_ne!(first.header_value(), elsewhere.header_value());
    }
}
