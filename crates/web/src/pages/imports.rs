//! Admin → Import comments: upload a small export (Disqus, WordPress, Commento, Remark42) and
//! see what it imported. Administrators only; larger files go through `tribune import`.

use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use minijinja::context;
use minijinja::value::Serde;
use serde::Serialize;
use tribune_app::imports::{Format, MAX_UPLOAD_BYTES, Options, Summary};
use tribune_domain::User;

use super::render;
use crate::AppState;
use crate::error::{Failure, PageError};
use crate::extract::CurrentViewer;
use crate::views::ViewerView;

pub(crate) fn routes() -> Router<AppState> {
    Router::new().route(
        "/admin/imports",
        get(show)
            .post(upload)
            // Room for the form's other fields around the largest file.
            .layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES + 64 * 1024)),
    )
}

/// The form as sent, kept when it is shown again.
#[derive(Default, Serialize)]
struct ImportForm {
    format: String,
    base_url: String,
    error: String,
    field: String,
}

/// What an import did, as the page shows it.
#[derive(Serialize)]
struct SummaryView {
    threads_opened: u64,
    threads_found: u64,
    comments: u64,
    held: u64,
    rejected: u64,
    deleted: u64,
    orphans: u64,
    unchanged: u64,
    skipped: Vec<(String, u64)>,
}

impl From<&Summary> for SummaryView {
    fn from(s: &Summary) -> Self {
        Self {
            threads_opened: s.threads_opened,
            threads_found: s.threads_found,
            comments: s.comments,
            held: s.held,
            rejected: s.rejected,
            deleted: s.deleted,
            orphans: s.orphans,
            unchanged: s.unchanged,
            skipped: s
                .skipped
                .iter()
                .map(|(reason, n)| ((*reason).to_owned(), *n))
                .collect(),
        }
    }
}

fn page(
    state: &AppState,
    admin: &User,
    status: StatusCode,
    form: &ImportForm,
    summary: Option<&Summary>,
) -> Result<Response, PageError> {
    let formats: Vec<&str> = Format::ALL
        .iter()
        .filter(|f| **f != Format::Isso)
        .map(|f| f.as_str())
        .collect();
    render(
        state,
        status,
        "admin/imports.html",
        context! {
            viewer => Serde(ViewerView::of(Some(admin))),
            form => Serde(form),
            formats => formats,
            summary => summary.map(|s| Serde(SummaryView::from(s))),
            max_mib => MAX_UPLOAD_BYTES / (1024 * 1024),
            next_path => "/admin/imports",
        },
    )
}

async fn show(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
) -> Result<Response, PageError> {
    let admin = viewer.require_admin().map_err(|e| state.page_error(e))?;
    page(&state, admin, StatusCode::OK, &ImportForm::default(), None)
}

async fn upload(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, PageError> {
    // Who asks is checked before what they sent, so nobody learns more than "not allowed".
    let admin = viewer.require_admin().map_err(|e| state.page_error(e))?;
    let mut multipart = multipart.map_err(|e| {
        state.page_failure(Failure::new(
            StatusCode::BAD_REQUEST,
            "bad_form",
            crate::i18n::text_with("import-not-multipart", &[("detail", e.body_text().into())]),
        ))
    })?;
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            state.page_failure(Failure::too_large(MAX_UPLOAD_BYTES))
        } else {
            state.page_failure(Failure::new(
                StatusCode::BAD_REQUEST,
                "bad_form",
                crate::i18n::text_with(
                    "import-unreadable-upload",
                    &[("detail", e.body_text().into())],
                ),
            ))
        }
    };
    let mut form = ImportForm::default();
    let mut bytes = Vec::new();
    while let Some(mut field) = multipart.next_field().await.map_err(unreadable)? {
        match field.name().unwrap_or_default() {
            "format" => form.format = field.text().await.map_err(unreadable)?,
            "base_url" => form.base_url = field.text().await.map_err(unreadable)?,
            "file" => {
                while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
                    bytes.extend_from_slice(&chunk);
                    if bytes.len() > MAX_UPLOAD_BYTES {
                        return Err(state.page_failure(Failure::too_large(MAX_UPLOAD_BYTES)));
                    }
                }
            }
            _ => {}
        }
    }
    let options = Options {
        base_url: Some(form.base_url.trim().to_owned()).filter(|b| !b.is_empty()),
    };
    let outcome = match Format::parse(form.format.trim()) {
        Ok(format) => {
            state
                .app
                .import_upload(admin, format, bytes, &options)
                .await
        }
        Err(e) => Err(e),
    };
    match outcome {
        Ok(summary) => page(&state, admin, StatusCode::OK, &form, Some(&summary)),
        Err(err) => {
            let failure = Failure::from(&err);
            if failure.status.is_server_error() || failure.status == StatusCode::FORBIDDEN {
                return Err(state.page_failure(failure));
            }
            form.error = failure.message;
            form.field = failure.field.unwrap_or_default().to_owned();
            page(&state, admin, failure.status, &form, None)
        }
    }
}
