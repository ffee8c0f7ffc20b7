//! The article page with its discussion, and posting a comment from it.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};
use tribune_app::accounts::Viewer;
use tribune_app::comments::PageAt;

use super::render;
use crate::AppState;
use crate::error::{Failure, PageError};
use crate::extract::{CurrentViewer, PageForm, PageQuery};
use crate::views::{ArticleView, CommentView, ViewerView, permalink};

#[derive(Deserialize)]
pub(crate) struct ArticleQuery {
    #[serde(default)]
    after: Option<String>,
    #[serde(default)]
    around: Option<String>,
}

/// The comment form as the reader left it: what they typed, and what was wrong with it.
#[derive(Default, Serialize)]
struct CommentFormState {
    body: String,
    error: String,
    field: String,
}

pub(crate) async fn article_page(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(slug): Path<String>,
    PageQuery(query): PageQuery<ArticleQuery>,
) -> Result<Response, PageError> {
    let at = match (&query.around, &query.after) {
        (Some(around), _) => PageAt::Around(around.parse().map_err(|_| {
            state.page_failure(Failure::new(
                StatusCode::BAD_REQUEST,
                "bad_query",
                "`around` must be the number of a comment.",
            ))
        })?),
        (None, Some(after)) => PageAt::After(after),
        (None, None) => PageAt::First,
    };
    render_article(
        &state,
        &viewer,
        &slug,
        at,
        CommentFormState::default(),
        StatusCode::OK,
    )
    .await
}

async fn render_article(
    state: &AppState,
    viewer: &Viewer,
    slug: &str,
    at: PageAt<'_>,
    form: CommentFormState,
    status: StatusCode,
) -> Result<Response, PageError> {
    let article = state
        .app
        .article(slug)
        .await
        .map_err(|e| state.page_error(e))?;
    let page = state
        .app
        .comments(article.id, viewer.user(), at, None)
        .await
        .map_err(|e| state.page_error(e))?;
    let comments: Vec<CommentView> = page
        .comments
        .iter()
        .map(|c| CommentView::of(c, &article.slug))
        .collect();
    let closed_message = match article.policy_at(tribune_app::Tribune::now()) {
        Ok(_) => String::new(),
        Err(reason) => tribune_app::Error::CommentsClosed(reason).to_string(),
    };
    let after = !page.first_page;
    render(
        state,
        status,
        "article.html",
        context! {
            viewer => Serde(ViewerView::of(viewer.user())),
            article => Serde(ArticleView::from(&article)),
            comments => Serde(comments),
            next_cursor => Serde(page.next_cursor),
            after => Serde(after),
            closed_message => Serde(closed_message),
            form => Serde(form),
            max_length => Serde(state.app.settings().comments.max_length),
            next_path => Serde(format!("/articles/{}#comment-form", article.slug)),
        },
    )
}

#[derive(Deserialize)]
pub(crate) struct CommentForm {
    #[serde(default)]
    body: String,
}

pub(crate) async fn post_comment(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(slug): Path<String>,
    PageForm(form): PageForm<CommentForm>,
) -> Result<Response, PageError> {
    let posted = match viewer.require_user() {
        Ok(user) => state.app.post_comment(user, &slug, &form.body).await,
        Err(err) => Err(err),
    };
    match posted {
        Ok(comment) => Ok(Redirect::to(&permalink(&slug, comment.id)).into_response()),
        Err(tribune_app::Error::NotFound(what)) => {
            Err(state.page_failure(Failure::not_found(what)))
        }
        Err(err) => {
            let failure = Failure::from(&err);
            let form = CommentFormState {
                body: form.body,
                error: failure.message,
                field: failure.field.unwrap_or_default().to_owned(),
            };
            render_article(&state, &viewer, &slug, PageAt::First, form, failure.status).await
        }
    }
}
