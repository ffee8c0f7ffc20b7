//! Administration pages: articles and accounts. Every handler checks the role first.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use minijinja::context;
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use tribune_app::articles::Publisher;
use tribune_domain::article::ArticleFields;
use tribune_domain::{Article, Invalid, Role};

use super::render;
use crate::AppState;
use crate::error::{Failure, PageError};
use crate::extract::{CurrentViewer, PageForm, PageQuery};
use crate::views::{ArticleView, UserView, ViewerView, iso};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(index))
        .route("/admin/articles", get(articles))
        .route("/admin/articles/new", get(new_article).post(create_article))
        .route(
            "/admin/articles/{slug}/edit",
            get(edit_article).post(update_article),
        )
        .route("/admin/users", get(users))
        .route("/admin/users/{id}/role", post(set_role))
}

async fn index(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
) -> Result<Response, PageError> {
    let admin = viewer.require_admin().map_err(|e| state.page_error(e))?;
    let counts = state
        .app
        .site_counts(&viewer)
        .await
        .map_err(|e| state.page_error(e))?;
    render(
        &state,
        StatusCode::OK,
        "admin/index.html",
        context! {
            viewer => Serde(ViewerView::of(Some(admin))),
            article_count => Serde(counts.articles),
            user_count => Serde(counts.users),
            comment_count => Serde(counts.comments),
            next_path => "/admin",
        },
    )
}

#[derive(Deserialize)]
struct CursorQuery {
    #[serde(default)]
    cursor: Option<String>,
}

async fn articles(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    PageQuery(query): PageQuery<CursorQuery>,
) -> Result<Response, PageError> {
    let admin = viewer.require_admin().map_err(|e| state.page_error(e))?;
    let page = state
        .app
        .articles(query.cursor.as_deref(), 50)
        .await
        .map_err(|e| state.page_error(e))?;
    let articles: Vec<ArticleView> = page.articles.iter().map(ArticleView::from).collect();
    render(
        &state,
        StatusCode::OK,
        "admin/articles.html",
        context! {
            viewer => Serde(ViewerView::of(Some(admin))),
            articles => Serde(articles),
            next_cursor => Serde(page.next_cursor),
            next_path => "/admin/articles",
        },
    )
}

/// The article form's fields, all as typed.
#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
struct ArticleForm {
    headline: String,
    slug: String,
    lead: String,
    body: String,
    byline: String,
    dateline: String,
    credit: String,
    source: String,
    rights: String,
    tags: String,
    canonical_url: String,
    published_at: String,
    comment_policy: String,
    closes_at: String,
    #[serde(skip_deserializing)]
    error: String,
    #[serde(skip_deserializing)]
    field: String,
}

impl ArticleForm {
    fn of(a: &Article) -> Self {
        Self {
            headline: a.headline.clone(),
            slug: a.slug.clone(),
            lead: a.lead.clone(),
            body: a.body_markdown.clone(),
            byline: a.byline.clone(),
            dateline: a.dateline.clone(),
            credit: a.credit.clone(),
            source: a.source.clone(),
            rights: a.rights.clone(),
            tags: a.tags.join(", "),
            canonical_url: a.canonical_url.clone(),
            published_at: iso(a.published_at),
            comment_policy: a.comment_policy.as_str().to_owned(),
            closes_at: a.closes_at.map(iso).unwrap_or_default(),
            ..Self::default()
        }
    }

    fn to_fields(&self) -> Result<ArticleFields, Invalid> {
        Ok(ArticleFields {
            slug: Some(self.slug.clone()).filter(|s| !s.trim().is_empty()),
            headline: self.headline.clone(),
            lead: self.lead.clone(),
            body: self.body.clone(),
            byline: self.byline.clone(),
            dateline: self.dateline.clone(),
            credit: self.credit.clone(),
            source: self.source.clone(),
            rights: self.rights.clone(),
            tags: self.tags.split(',').map(|t| t.trim().to_owned()).collect(),
            canonical_url: self.canonical_url.clone(),
            published_at: time_field("published_at", &self.published_at)?,
            comment_policy: Some(self.comment_policy.clone()),
            closes_at: time_field("closes_at", &self.closes_at)?,
        })
    }
}

fn time_field(field: &'static str, raw: &str) -> Result<Option<OffsetDateTime>, Invalid> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    OffsetDateTime::parse(raw, &Rfc3339).map(Some).map_err(|_| {
        Invalid::new(
            field,
            "invalid_time",
            "Write the time as RFC 3339, for example 2026-11-24T07:30:00Z.",
        )
    })
}

fn article_form(
    state: &AppState,
    viewer: &tribune_domain::User,
    status: StatusCode,
    form: ArticleForm,
    editing: Option<&str>,
) -> Result<Response, PageError> {
    let action = match editing {
        Some(slug) => format!("/admin/articles/{slug}/edit"),
        None => "/admin/articles/new".to_owned(),
    };
    render(
        state,
        status,
        "admin/article_form.html",
        context! {
            viewer => Serde(ViewerView::of(Some(viewer))),
            form => Serde(form),
            action => Serde(action),
            editing => Serde(editing.is_some()),
            next_path => "/admin/articles",
        },
    )
}

async fn new_article(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
) -> Result<Response, PageError> {
    let admin = viewer.require_admin().map_err(|e| state.page_error(e))?;
    let form = ArticleForm {
        comment_policy: "open".to_owned(),
        ..ArticleForm::default()
    };
    article_form(&state, admin, StatusCode::OK, form, None)
}

async fn edit_article(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let admin = viewer.require_admin().map_err(|e| state.page_error(e))?;
    let article = state
        .app
        .article(&slug)
        .await
        .map_err(|e| state.page_error(e))?;
    article_form(
        &state,
        admin,
        StatusCode::OK,
        ArticleForm::of(&article),
        Some(&slug),
    )
}

async fn create_article(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    PageForm(form): PageForm<ArticleForm>,
) -> Result<Response, PageError> {
    let admin = viewer.require_admin().map_err(|e| state.page_error(e))?;
    let result = match form.to_fields() {
        Ok(fields) => {
            state
                .app
                .create_article(Publisher::Admin(admin), fields)
                .await
        }
        Err(invalid) => Err(invalid.into()),
    };
    saved_or_form_again(&state, admin, form, result, None)
}

async fn update_article(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(slug): Path<String>,
    PageForm(form): PageForm<ArticleForm>,
) -> Result<Response, PageError> {
    let admin = viewer.require_admin().map_err(|e| state.page_error(e))?;
    let result = match form.to_fields() {
        Ok(fields) => {
            state
                .app
                .update_article(Publisher::Admin(admin), &slug, fields)
                .await
        }
        Err(invalid) => Err(invalid.into()),
    };
    saved_or_form_again(&state, admin, form, result, Some(&slug))
}

fn saved_or_form_again(
    state: &AppState,
    admin: &tribune_domain::User,
    mut form: ArticleForm,
    result: tribune_app::Result<Article>,
    editing: Option<&str>,
) -> Result<Response, PageError> {
    match result {
        Ok(article) => Ok(Redirect::to(&format!("/articles/{}", article.slug)).into_response()),
        Err(err) => {
            let failure = Failure::from(&err);
            if failure.status.is_server_error() || failure.status == StatusCode::NOT_FOUND {
                return Err(state.page_failure(failure));
            }
            form.error = failure.message;
            form.field = failure.field.unwrap_or_default().to_owned();
            article_form(state, admin, failure.status, form, editing)
        }
    }
}

#[derive(Deserialize)]
struct OffsetQuery {
    #[serde(default)]
    offset: Option<i64>,
}

const USERS_PER_PAGE: usize = 100;

async fn users(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    PageQuery(query): PageQuery<OffsetQuery>,
) -> Result<Response, PageError> {
    let admin = viewer.require_admin().map_err(|e| state.page_error(e))?;
    let offset = query.offset.unwrap_or(0).max(0);
    let users = state
        .app
        .accounts(&viewer, USERS_PER_PAGE as i64 + 1, offset)
        .await
        .map_err(|e| state.page_error(e))?;
    let more = users.len() > USERS_PER_PAGE;
    let users: Vec<UserView> = users
        .iter()
        .take(USERS_PER_PAGE)
        .map(UserView::from)
        .collect();
    render(
        &state,
        StatusCode::OK,
        "admin/users.html",
        context! {
            viewer => Serde(ViewerView::of(Some(admin))),
            users => Serde(users),
            next_offset => Serde(more.then_some(offset + USERS_PER_PAGE as i64)),
            next_path => "/admin/users",
        },
    )
}

#[derive(Deserialize)]
struct RoleForm {
    #[serde(default)]
    role: String,
}

async fn set_role(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(id): Path<String>,
    PageForm(form): PageForm<RoleForm>,
) -> Result<Response, PageError> {
    let id: i64 = id
        .parse()
        .map_err(|_| state.page_failure(Failure::not_found("account")))?;
    let role = Role::parse(&form.role).map_err(|e| state.page_error(e.into()))?;
    state
        .app
        .set_role(&viewer, id, role)
        .await
        .map_err(|e| state.page_error(e))?;
    Ok(Redirect::to("/admin/users").into_response())
}
