//! Server-rendered pages. They work fully without JavaScript: every action is a form POST
//! answered by a redirect (success) or by the same page again with the reader's input and
//! the error next to its field (failure).

mod account;
mod admin;
mod discussion;
mod email;
mod imports;
mod moderation;
mod newsroom_feeds;
pub(crate) mod notifications;
mod personal_data;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use minijinja::context;
use minijinja::value::Serde;
use serde::Deserialize;

use crate::AppState;
use crate::error::PageError;
use crate::extract::{CurrentViewer, PageQuery};
use crate::views::{ArticleView, ProfileCommentView, UserView, ViewerView};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(front))
        .route("/articles/{slug}", get(discussion::article_page))
        .route("/articles/{slug}/comments", post(discussion::post_comment))
        .route("/comments/{id}", get(discussion::show_comment))
        .route(
            "/comments/{id}/edit",
            get(discussion::edit_page).post(discussion::edit),
        )
        .route("/comments/{id}/delete", post(discussion::delete))
        .route("/comments/{id}/react", post(discussion::react))
        .route("/comments/{id}/history", get(discussion::history))
        .route("/comments/{id}/card", get(discussion::card))
        .route("/users/{id}", get(profile))
        .route("/rules", get(rules))
        .merge(account::routes())
        .merge(personal_data::routes())
        .merge(email::routes())
        .merge(admin::routes())
        .merge(newsroom_feeds::routes())
        .merge(imports::routes())
        .merge(moderation::routes())
        .merge(notifications::routes())
}

/// Renders a template into a response with `status`.
pub(crate) fn render(
    state: &AppState,
    status: StatusCode,
    name: &str,
    ctx: minijinja::Value,
) -> Result<Response, PageError> {
    Ok((status, Html(render_html(state, name, ctx)?)).into_response())
}

/// Renders a template; a template error is a bug, answered with the error page.
pub(crate) fn render_html(
    state: &AppState,
    name: &str,
    ctx: minijinja::Value,
) -> Result<String, PageError> {
    state
        .templates
        .render(name, ctx)
        .map_err(|_| state.page_error(tribune_app::Error::Internal(format!("template {name}"))))
}

#[derive(Deserialize)]
struct CursorQuery {
    #[serde(default)]
    cursor: Option<String>,
}

async fn front(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    PageQuery(query): PageQuery<CursorQuery>,
) -> Result<Response, PageError> {
    let page = state
        .app
        .articles(query.cursor.as_deref(), 20)
        .await
        .map_err(|e| state.page_error(e))?;
    let articles: Vec<ArticleView> = page.articles.iter().map(ArticleView::from).collect();
    render(
        &state,
        StatusCode::OK,
        "front.html",
        context! {
            viewer => Serde(ViewerView::of(viewer.user())),
            articles => Serde(articles),
            next_cursor => Serde(page.next_cursor),
            next_path => "/",
        },
    )
}

async fn profile(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id: i64 = id
        .parse()
        .map_err(|_| state.page_failure(crate::error::Failure::not_found("reader")))?;
    let user = state.app.user(id).await.map_err(|e| state.page_error(e))?;
    let comments = state
        .app
        .comments_by(user.id, 50)
        .await
        .map_err(|e| state.page_error(e))?;
    let comments: Vec<ProfileCommentView> = comments.iter().map(ProfileCommentView::from).collect();
    render(
        &state,
        StatusCode::OK,
        "profile.html",
        context! {
            viewer => Serde(ViewerView::of(viewer.user())),
            profile => Serde(UserView::from(&user)),
            comments => Serde(comments),
            next_path => Serde(format!("/users/{id}")),
        },
    )
}

async fn rules(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
) -> Result<Response, PageError> {
    let rules_html = state.app.house_rules_html();
    render(
        &state,
        StatusCode::OK,
        "rules.html",
        context! {
            viewer => Serde(ViewerView::of(viewer.user())),
            rules_html => Serde(rules_html),
            next_path => "/rules",
        },
    )
}
