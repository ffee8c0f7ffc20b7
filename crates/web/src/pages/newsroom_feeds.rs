//! Admin → Newsroom feeds: the feeds of the newsroom's site that open discussions, with how
//! their polling goes; follow one, poll one now, stop following one. Administrators only.

use crate::i18n::{text, text_with};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use minijinja::context;
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};
use tribune_app::articles::Publisher;
use tribune_domain::User;
use tribune_domain::newsroom_feed::NewsroomFeed;

use super::render;
use crate::AppState;
use crate::error::{Failure, PageError};
use crate::extract::{CurrentViewer, PageForm, PageQuery};
use crate::views::{ViewerView, human, iso};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/newsroom-feeds", get(list).post(add))
        .route("/admin/newsroom-feeds/{id}/poll", post(poll_now))
        .route("/admin/newsroom-feeds/{id}/remove", post(remove))
}

/// A followed feed as the page shows it.
#[derive(Serialize)]
struct FeedView {
    id: i64,
    title: String,
    url: String,
    added_iso: String,
    added_human: String,
    last_polled_iso: String,
    last_polled_human: String,
    last_success_iso: String,
    last_success_human: String,
    next_poll_iso: String,
    next_poll_human: String,
    last_error: String,
    failures: i64,
    articles_opened: i64,
    items_skipped: i64,
    last_skip: String,
}

impl From<&NewsroomFeed> for FeedView {
    fn from(f: &NewsroomFeed) -> Self {
        Self {
            id: f.id,
            title: title(f),
            url: f.url.clone(),
            added_iso: iso(f.added_at),
            added_human: human(f.added_at),
            last_polled_iso: f.last_polled_at.map(iso).unwrap_or_default(),
            last_polled_human: f.last_polled_at.map(human).unwrap_or_default(),
            last_success_iso: f.last_success_at.map(iso).unwrap_or_default(),
            last_success_human: f.last_success_at.map(human).unwrap_or_default(),
            next_poll_iso: iso(f.next_poll_at),
            next_poll_human: human(f.next_poll_at),
            last_error: f.last_error.clone().unwrap_or_default(),
            failures: f.failures,
            articles_opened: f.articles_opened,
            items_skipped: f.items_skipped,
            last_skip: f.last_skip.clone().unwrap_or_default(),
        }
    }
}

/// A count for a plural selector (written out with the `…Text` argument, ungrouped).
fn counted(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn title(feed: &NewsroomFeed) -> String {
    if feed.title.is_empty() {
        feed.url.clone()
    } else {
        feed.title.clone()
    }
}

/// The add form as typed, with its error.
#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
struct FeedForm {
    url: String,
    #[serde(skip_deserializing)]
    error: String,
    #[serde(skip_deserializing)]
    field: String,
}

/// What the last action did, carried over its redirect.
#[derive(Default, Deserialize)]
#[serde(default)]
struct Done {
    added: Option<i64>,
    polled: Option<i64>,
    removed: Option<u8>,
    items: Option<usize>,
    opened: Option<usize>,
    unchanged: Option<u8>,
}

async fn page(
    state: &AppState,
    admin: &User,
    status: StatusCode,
    form: FeedForm,
    done: &Done,
) -> Result<Response, PageError> {
    let feeds = state
        .app
        .newsroom_feeds(Publisher::Admin(admin))
        .await
        .map_err(|e| state.page_error(e))?;
    let named = |id: Option<i64>| id.and_then(|id| feeds.iter().find(|f| f.id == id));
    let opened = done.opened.unwrap_or(0);
    let notice = if let Some(feed) = named(done.added) {
        text_with(
            "feeds-now-following",
            &[
                ("feed", title(feed).into()),
                ("items", counted(done.items.unwrap_or(0)).into()),
                ("itemsText", done.items.unwrap_or(0).to_string().into()),
                ("opened", counted(opened).into()),
                ("openedText", opened.to_string().into()),
            ],
        )
    } else if let Some(feed) = named(done.polled) {
        match &feed.last_error {
            Some(error) => text_with(
                "feeds-poll-failed",
                &[
                    ("feed", title(feed).into()),
                    ("error", error.as_str().into()),
                ],
            ),
            None if done.unchanged.is_some() => {
                text_with("feeds-unchanged", &[("feed", title(feed).into())])
            }
            None => text_with(
                "feeds-polled",
                &[
                    ("feed", title(feed).into()),
                    ("opened", counted(opened).into()),
                    ("openedText", opened.to_string().into()),
                ],
            ),
        }
    } else if done.removed.is_some() {
        text("feeds-removed")
    } else {
        String::new()
    };
    let feeds: Vec<FeedView> = feeds.iter().map(FeedView::from).collect();
    render(
        state,
        status,
        "admin/newsroom_feeds.html",
        context! {
            viewer => Serde(ViewerView::of(Some(admin))),
            feeds => Serde(feeds),
            form => Serde(form),
            notice => notice,
            poll_minutes => state.app.settings().newsroom_feeds.poll_minutes,
            next_path => "/admin/newsroom-feeds",
        },
    )
}

async fn list(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    PageQuery(done): PageQuery<Done>,
) -> Result<Response, PageError> {
    let admin = viewer.require_admin().map_err(|e| state.page_error(e))?;
    page(&state, admin, StatusCode::OK, FeedForm::default(), &done).await
}

/// The page again with the error beside its field (or above the form), the input kept.
async fn form_again(
    state: &AppState,
    admin: &User,
    mut form: FeedForm,
    err: tribune_app::Error,
) -> Result<Response, PageError> {
    let failure = Failure::from(&err);
    if failure.status.is_server_error() || failure.status == StatusCode::NOT_FOUND {
        return Err(state.page_failure(failure));
    }
    form.error = failure.message;
    form.field = failure
        .field
        .filter(|f| *f == "url")
        .unwrap_or_default()
        .to_owned();
    page(state, admin, failure.status, form, &Done::default()).await
}

async fn add(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    PageForm(form): PageForm<FeedForm>,
) -> Result<Response, PageError> {
    let admin = viewer.require_admin().map_err(|e| state.page_error(e))?;
    match state
        .app
        .add_newsroom_feed(Publisher::Admin(admin), &form.url)
        .await
    {
        Ok(report) => Ok(Redirect::to(&format!(
            "/admin/newsroom-feeds?added={}&items={}&opened={}",
            report.feed.id, report.items, report.opened
        ))
        .into_response()),
        Err(err) => form_again(&state, admin, form, err).await,
    }
}

fn feed_id(state: &AppState, raw: &str) -> Result<i64, PageError> {
    raw.parse()
        .map_err(|_| state.page_failure(Failure::not_found("feed")))
}

async fn poll_now(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let admin = viewer.require_admin().map_err(|e| state.page_error(e))?;
    let id = feed_id(&state, &id)?;
    match state
        .app
        .poll_newsroom_feed_now(Publisher::Admin(admin), id)
        .await
    {
        Ok(report) => Ok(Redirect::to(&format!(
            "/admin/newsroom-feeds?polled={id}&opened={}{}",
            report.opened,
            if report.not_modified {
                "&unchanged=1"
            } else {
                ""
            }
        ))
        .into_response()),
        Err(err) => form_again(&state, admin, FeedForm::default(), err).await,
    }
}

async fn remove(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let admin = viewer.require_admin().map_err(|e| state.page_error(e))?;
    let id = feed_id(&state, &id)?;
    state
        .app
        .remove_newsroom_feed(Publisher::Admin(admin), id)
        .await
        .map_err(|e| state.page_error(e))?;
    Ok(Redirect::to("/admin/newsroom-feeds?removed=1").into_response())
}
