//! Tribune's HTTP layer: server-rendered pages, the JSON API under `/api/v1` with its OpenAPI
//! document, health and metrics endpoints.
//!
//! Architecture invariant: this is the only crate that knows HTTP, HTML and JSON shapes. It
//! holds no business rules: handlers translate a request into a use case of `tribune_app`,
//! and its result (or [`error::Failure`]) into a response.

mod api;
mod cache;
mod embed;
pub mod error;
mod error_text;
mod extract;
mod feeds;
pub mod i18n;
mod isso;
mod live;
mod ops;
mod pages;
mod session;
mod templates;
mod views;
pub mod zero_copy;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderMap, HeaderName, HeaderValue, header};
use axum::middleware;
use axum::response::IntoResponse;
use metrics_exporter_prometheus::PrometheusHandle;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::csrf::CsrfLayer;
use tower_http::request_id::{PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use tribune_app::Tribune;

pub use ops::install_metrics;
pub use templates::Templates;

use crate::error::{Failure, PageError};

/// What every handler can reach. Cloned by every layer a request passes through, so it is
/// one reference count: cloning the fields one by one (each shared between the cores) was a
/// third of the time a cached page took.
#[derive(Clone, Debug)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// The fields of [`AppState`].
#[derive(Debug)]
pub struct Shared {
    pub app: Tribune,
    pub templates: Templates,
    pub metrics: PrometheusHandle,
    pub(crate) pages: Arc<cache::PageCache>,
    /// `http.trusted_proxies`, parsed once (the configuration was validated at start).
    pub(crate) trusted_proxies: Arc<[ipnet::IpNet]>,
    pub(crate) live: Arc<live::Live>,
    /// The Content-Security-Policy of pages shown in frames on the allowlisted sites.
    pub(crate) frame_csp: HeaderValue,
    /// `embed.allowed_origins`, as browsers write an `Origin` header.
    pub(crate) embed_origins: Arc<[String]>,
    /// `site.language`: the language of a request whose reader asks for none Tribune speaks.
    pub(crate) site_language: i18n::Lang,
}

/// Why the web layer could not be set up from the settings.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("compiling the templates: {0}")]
    Templates(#[from] minijinja::Error),
    #[error(transparent)]
    Language(#[from] i18n::UnknownLanguage),
}

impl AppState {
    pub fn new(app: Tribune, metrics: PrometheusHandle) -> Result<Self, SetupError> {
        let templates = Templates::new(app.settings())?;
        let site_language = i18n::Lang::of_site(&app.settings().site.language)?;
        let pages = Arc::new(cache::PageCache::new(
            app.settings().http.page_cache_entries,
            app.settings()
                .http
                .page_cache_mib
                .saturating_mul(1024 * 1024),
        ));
        let trusted_proxies = app
            .settings()
            .http
            .trusted_networks()
            .unwrap_or_default()
            .into();
        let live = Arc::new(live::Live::new(app.clone()));
        let origins: Vec<String> = app
            .settings()
            .embed
            .origins()
            .unwrap_or_default()
            .iter()
            .map(|o| o.origin())
            .collect();
        let frame_csp = embed::frame_csp(CSP, &origins);
        Ok(Self(Arc::new(Shared {
            site_language,
            frame_csp,
            embed_origins: origins.into(),
            live,
            app,
            templates,
            metrics,
            pages,
            trusted_proxies,
        })))
    }

    /// Ends this node's live streams, so that a graceful shutdown is not held up by them.
    pub fn close_live_streams(&self) {
        self.live.close();
    }

    /// Whether a request's `Origin` is one of the allowlisted newsroom sites.
    pub(crate) fn allows_origin(&self, origin: &HeaderValue) -> bool {
        origin
            .to_str()
            .is_ok_and(|o| self.embed_origins.iter().any(|allowed| allowed == o))
    }

    /// Lets pages of the allowlisted newsroom sites read a public answer (CORS without
    /// credentials: nothing about the reader is in it).
    pub(crate) fn share_with_newsroom(&self, request: &HeaderMap, response: &mut HeaderMap) {
        response.insert(header::VARY, HeaderValue::from_static("Origin"));
        if let Some(origin) = request.get(header::ORIGIN)
            && self.allows_origin(origin)
        {
            response.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
        }
    }

    pub(crate) fn page_failure(&self, failure: Failure) -> PageError {
        PageError {
            failure,
            templates: self.templates.clone(),
        }
    }

    pub(crate) fn page_error(&self, err: tribune_app::Error) -> PageError {
        self.page_failure(Failure::from(&err))
    }
}

/// The Content-Security-Policy of every response: nothing inline, nothing from elsewhere.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
    connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The whole application as one router.
///
/// The layers every request passes through whatever its route wrap the router once, in a
/// [`ServiceBuilder`] whose first layer (panic catching) sees every request first; a layer
/// given to the router itself is cloned into every route and, per request, allocated again
/// at each level, which cost a cached page a tenth of its time. Inside, the layers that
/// concern the reader routes and not the Isso API wrap those routes only, from the inside
/// out: each `.layer()` call becomes the outer one.
pub fn router(state: AppState) -> Router {
    let settings = state.app.settings();
    let reader_limit = settings.http.max_body_bytes;
    let static_header = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };

    let request_tracing = tracing::enabled!(target: "tower_http::trace", tracing::Level::DEBUG);
    let routes = Router::new()
        .merge(pages::routes())
        .merge(feeds::routes())
        .merge(embed::routes())
        .merge(api::routes(&state))
        .merge(ops::routes())
        .route_layer(middleware::from_fn(ops::track_metrics))
        .fallback(ops::not_found)
        .layer(DefaultBodyLimit::max(reader_limit))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            extract::resolve_viewer,
        ))
        .layer(CsrfLayer::new())
        .layer(middleware::from_fn_with_state(
            state.clone(),
            ops::explain_rejections,
        ))
        // The Isso-compatible API guards its own state changes (see `isso.rs`), outside
        // the CSRF layer; its preflights are answered before the router.
        .merge(isso::routes(&state))
        .with_state(state.clone());
    let every_request = ServiceBuilder::new()
        .layer(CatchPanicLayer::custom(ops::panic_response))
        .layer(SetRequestIdLayer::x_request_id(ops::RequestIds::new()))
        // Per request a span (method, request id) and an event as it starts and
        // ends, when the log filter asks for them (`tower_http=debug`): even with its events
        // filtered out the layer cost a cached page a tenth of its time. Its bodies are made
        // plain again, so that the layers outside see one type whether it is there or not.
        .option_layer(request_tracing.then(|| {
            ServiceBuilder::new()
                .map_response(IntoResponse::into_response)
                .layer(TraceLayer::new_for_http().make_span_with(ops::request_span))
                .into_inner()
        }))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(middleware::from_fn_with_state(
            state.clone(),
            embed::frame_policy,
        ))
        .layer(static_header(header::X_FRAME_OPTIONS, "DENY"))
        .layer(static_header(
            header::REFERRER_POLICY,
            "strict-origin-when-cross-origin",
        ))
        .layer(static_header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(static_header(header::CONTENT_SECURITY_POLICY, CSP))
        .layer(CompressionLayer::new())
        // Outside everything that may answer with a message, so every answer is in the
        // reader's language.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            i18n::scope_language,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            ops::give_up_when_slow,
        ))
        .layer(middleware::from_fn_with_state(state, isso::preflight))
        .service(routes);
    Router::new().fallback_service(every_request)
}
