//! The reader's own data, on their account page: downloading all of it as JSON, deleting the
//! account, and claiming the comments written under their address before they had one.

use crate::i18n::text;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, SET_COOKIE};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use minijinja::context;
use serde::{Deserialize, Serialize};
use tribune_app::personal_data::PersonalData;

use super::account::{feed_section, render_account_with};
use super::render;
use crate::AppState;
use crate::error::{Failure, PageError};
use crate::extract::{CurrentViewer, PageForm};
use crate::session;
use crate::views::{iso, permalink};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/account/data", get(download))
        .route("/account/delete", post(delete))
        .route("/account/claim", post(claim))
}

#[derive(Serialize)]
struct DataOut {
    format: &'static str,
    exported_at: String,
    account: AccountOut,
    comments: Vec<CommentOut>,
    reactions: Vec<ReactionOut>,
    reports: Vec<ReportOut>,
    notifications: Vec<NotificationOut>,
}

#[derive(Serialize)]
struct AccountOut {
    id: i64,
    display_name: String,
    email: String,
    email_verified: bool,
    role: &'static str,
    created_at: String,
    notification_emails: &'static str,
}

#[derive(Serialize)]
struct CommentOut {
    id: i64,
    article: String,
    article_headline: String,
    url: String,
    parent_id: Option<i64>,
    status: &'static str,
    deleted: bool,
    body_markdown: String,
    created_at: String,
    edited_at: Option<String>,
    earlier_versions: Vec<RevisionOut>,
}

#[derive(Serialize)]
struct RevisionOut {
    body_markdown: String,
    written_at: String,
    replaced_at: String,
}

#[derive(Serialize)]
struct ReactionOut {
    comment_id: i64,
    created_at: String,
}

#[derive(Serialize)]
struct ReportOut {
    comment_id: i64,
    reason: String,
    details: String,
    created_at: String,
}

#[derive(Serialize)]
struct NotificationOut {
    kind: &'static str,
    comment_id: i64,
    article: String,
    from: Option<String>,
    note: String,
    created_at: String,
    read_at: Option<String>,
}

impl DataOut {
    fn of(data: PersonalData, base: &str) -> Self {
        let user = &data.account;
        Self {
            format: "tribune-personal-data/1",
            exported_at: iso(data.exported_at),
            account: AccountOut {
                id: user.id,
                display_name: user.display_name.clone(),
                email: user.email.clone(),
                email_verified: user.email_verified,
                role: user.role.as_str(),
                created_at: iso(user.created_at),
                notification_emails: data.email_preference.as_str(),
            },
            comments: data
                .comments
                .into_iter()
                .map(|(written, revisions)| {
                    let c = written.comment;
                    CommentOut {
                        url: format!("{base}{}", permalink(&written.article_slug, c.id)),
                        id: c.id,
                        article: written.article_slug,
                        article_headline: written.article_headline,
                        parent_id: c.parent_id,
                        status: c.status.as_str(),
                        deleted: c.deleted,
                        body_markdown: c.body_markdown,
                        created_at: iso(c.created_at),
                        edited_at: c.edited_at.map(iso),
                        earlier_versions: revisions
                            .into_iter()
                            .map(|r| RevisionOut {
                                body_markdown: r.body_markdown,
                                written_at: iso(r.written_at),
                                replaced_at: iso(r.replaced_at),
                            })
                            .collect(),
                    }
                })
                .collect(),
            reactions: data
                .reactions
                .into_iter()
                .map(|r| ReactionOut {
                    comment_id: r.comment_id,
                    created_at: iso(r.created_at),
                })
                .collect(),
            reports: data
                .reports
                .into_iter()
                .map(|r| ReportOut {
                    comment_id: r.comment_id,
                    reason: r.reason,
                    details: r.details,
                    created_at: iso(r.created_at),
                })
                .collect(),
            notifications: data
                .notifications
                .into_iter()
                .map(|n| NotificationOut {
                    kind: n.kind.as_str(),
                    comment_id: n.comment_id,
                    article: n.article_slug,
                    from: n.actor_name,
                    note: n.note,
                    created_at: iso(n.created_at),
                    read_at: n.read_at.map(iso),
                })
                .collect(),
        }
    }
}

/// `GET /account/data`: everything stored about the reader, as a JSON file to keep.
async fn download(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
) -> Result<Response, PageError> {
    let data = state
        .app
        .personal_data(&viewer)
        .await
        .map_err(|e| state.page_error(e))?;
    let day = data.exported_at.date();
    let body = serde_json::to_vec_pretty(&DataOut::of(data, state.app.settings().base_url()))
        .map_err(|e| state.page_error(tribune_app::Error::Internal(e.to_string())))?;
    Ok((
        [
            (CONTENT_TYPE, "application/json".to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"tribune-data-{day}.json\""),
            ),
            (CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}

#[derive(Deserialize)]
struct DeleteForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: Option<String>,
}

/// `POST /account/delete`: the account goes, with what the site's setting says of its
/// comments; the reader lands on a page that says so, signed out.
async fn delete(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    PageForm(form): PageForm<DeleteForm>,
) -> Result<Response, PageError> {
    let refused = if form.confirm.is_none() {
        Some(Failure::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "not_confirmed",
            text("account-delete-not-confirmed"),
        ))
    } else {
        match state.app.delete_account(&viewer, &form.password).await {
            Ok(()) => None,
            Err(tribune_app::Error::Unauthenticated) => {
                return Err(state.page_error(tribune_app::Error::Unauthenticated));
            }
            Err(err) => Some(Failure::from(&err)),
        }
    };
    if let Some(failure) = refused {
        let feed = feed_section(&state, &viewer).await?;
        return render_account_with(&state, &viewer, feed, String::new(), Some(failure)).await;
    }
    let mut response = render(
        &state,
        StatusCode::OK,
        "notice.html",
        context! {
            title => text("notice-account-deleted-title"),
            message => text("notice-account-deleted"),
            link_href => "/",
            link_text => text("notice-back-to-front-page"),
        },
    )?;
    let headers = response.headers_mut();
    headers.append(SET_COOKIE, session::clear_cookie(state.app.settings()));
    headers.append(
        SET_COOKIE,
        session::clear_frame_cookie(state.app.settings()),
    );
    Ok(response)
}

/// `POST /account/claim`: the comments written under the reader's verified address before
/// they had an account become theirs.
async fn claim(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
) -> Result<Response, PageError> {
    let moved = state
        .app
        .claim_profiles(&viewer)
        .await
        .map_err(|e| state.page_error(e))?;
    Ok(Redirect::to(&format!("/account?claimed={moved}#claim")).into_response())
}
