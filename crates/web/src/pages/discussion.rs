//! The article page with its discussion, and everything a reader does there: post, reply,
//! react, edit, delete; and the history of a comment for moderators.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use minijinja::context;
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};
use tribune_app::accounts::Viewer;
use tribune_app::comments::{DiscussionQuery, PageAt, Submission};
use tribune_domain::comment::{CommentSort, DiscussionView};

use super::{render, render_html};
use crate::AppState;
use crate::cache::{CachedBody, Lookup, PageCache};
use crate::error::{Failure, PageError, with_retry_after};
use crate::extract::{ClientAddress, CurrentViewer, PageForm, PageQuery};
use crate::views::{
    ArticleView, CommentPermissions, CommentView, ThreadView, ViewerView, human, iso, paragraphs,
    permalink,
};

#[derive(Deserialize, Default)]
pub(crate) struct ArticleQuery {
    #[serde(default)]
    after: Option<String>,
    #[serde(default)]
    around: Option<String>,
    #[serde(default)]
    view: Option<String>,
    #[serde(default)]
    sort: Option<String>,
    #[serde(default)]
    reply_to: Option<String>,
}

/// The comment form as the reader left it: what they typed, and what was wrong with it.
#[derive(Default, Serialize)]
struct CommentFormState {
    body: String,
    error: String,
    field: String,
    /// What the assessment found, when it warns that the comment looks abusive.
    reasons: Vec<crate::error::ReasonOut>,
}

fn bad_query(state: &AppState, message: &str) -> PageError {
    state.page_failure(Failure::new(StatusCode::BAD_REQUEST, "bad_query", message))
}

/// Reads an optional comment id from a query or form field; empty means none.
fn comment_id(state: &AppState, raw: Option<&str>, what: &str) -> Result<Option<i64>, PageError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(raw) => raw.parse().map(Some).map_err(|_| {
            bad_query(
                state,
                &crate::i18n::text_with("discussion-bad-comment-id", &[("what", what.into())]),
            )
        }),
    }
}

pub(crate) async fn article_page(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(slug): Path<String>,
    PageQuery(query): PageQuery<ArticleQuery>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    render_article(
        &state,
        &viewer,
        &slug,
        &query,
        CommentFormState::default(),
        StatusCode::OK,
        &headers,
    )
    .await
}

/// Everything about a signed-in reader that their article page shows or depends on, and the
/// time to within `READER_PAGE_SECONDS`: the part of their page's cache key that is theirs.
fn reader_key(reader: &tribune_domain::User, now: time::OffsetDateTime) -> String {
    format!(
        "reader|{}|{}|{}|{}|{}|{:?}|{}|{}",
        reader.id,
        reader.role.as_str(),
        reader.display_name,
        reader.email_verified,
        reader.trusted,
        reader.banned_until.map(|t| t.unix_timestamp()),
        crate::views::unread_notifications(),
        now.unix_timestamp()
            .div_euclid(crate::cache::READER_PAGE_SECONDS),
    )
}

async fn render_article(
    state: &AppState,
    viewer: &Viewer,
    slug: &str,
    query: &ArticleQuery,
    form: CommentFormState,
    status: StatusCode,
    request: &HeaderMap,
) -> Result<Response, PageError> {
    let settings = &state.app.settings().comments;
    let view = match query.view.as_deref() {
        None | Some("") => settings.default_view,
        Some(raw) => DiscussionView::parse(raw)
            .map_err(|e| bad_query(state, &crate::error_text::invalid_message(&e)))?,
    };
    let sort = CommentSort::parse(query.sort.as_deref().unwrap_or(""))
        .map_err(|e| bad_query(state, &crate::error_text::invalid_message(&e)))?;
    let at = match (
        comment_id(state, query.around.as_deref(), "around")?,
        &query.after,
    ) {
        (Some(around), _) => PageAt::Around(around),
        (None, Some(after)) => PageAt::After(after),
        (None, None) => PageAt::First,
    };
    let article = state
        .app
        .article_to_show(slug)
        .await
        .map_err(|e| state.page_error(e))?;
    let now = tribune_app::Tribune::now();
    let open = state.app.discussion_policy(&article, now).is_ok();
    // What the comments shown depend on; the page also on the reply it opens the form for.
    let list_parts = [
        view.as_str(),
        sort.as_str(),
        query.after.as_deref().unwrap_or(""),
        query.around.as_deref().unwrap_or(""),
    ];
    // A framed page (embed) differs from the page at top level.
    let framed = crate::embed::framed();
    // Readers who are not signed in all see the same page: serve it from the cache. A
    // signed-in reader's page is cached for them alone (see `cache::READER_PAGE_SECONDS`).
    let cache_key = (status == StatusCode::OK && form.body.is_empty()).then(|| {
        let parts = [&list_parts[..], &[query.reply_to.as_deref().unwrap_or("")]].concat();
        let kind = if framed { "framed-page" } else { "page" };
        let key = PageCache::key(kind, &article, open, &parts);
        match viewer.user() {
            Some(reader) => format!("{key}|{}", reader_key(reader, now)),
            None => key,
        }
    });
    // Held until the response is cached: others asking for it meanwhile wait for it.
    let _filling = match cache_key.as_deref() {
        Some(key) => match state.pages.lookup(key).await {
            Lookup::Hit(cached) => return Ok(cached.respond(request)),
            Lookup::Miss(filling) => filling,
        },
        None => None,
    };
    let page = state
        .app
        .discussion(
            &article,
            viewer.user(),
            DiscussionQuery {
                view,
                sort,
                at,
                limit: None,
            },
        )
        .await
        .map_err(|e| state.page_error(e))?;
    let quoted = state
        .app
        .quoted_paragraphs(&article)
        .await
        .map_err(|e| state.page_error(e))?;
    let featured = state
        .app
        .featured(&article)
        .await
        .map_err(|e| state.page_error(e))?;
    let closed_message = match state.app.discussion_policy(&article, now) {
        Ok(_) => String::new(),
        Err(reason) => crate::error_text::app_message(&tribune_app::Error::CommentsClosed(reason)),
    };
    let permissions = CommentPermissions {
        viewer: viewer.user(),
        reacted: &page.reacted,
        edit_window: time::Duration::minutes(settings.edit_window_minutes),
        now,
        open: closed_message.is_empty(),
    };
    // A signed-in reader who wrote none of the page's comments, liked none and moderates
    // none sees them as every such reader does: rendered once for all of them (per version
    // of the discussion, like every cached page), not once for each (a busy story's page
    // changes with every comment, and each reader's first view of it was a render).
    let shared_list_key = viewer
        .user()
        .filter(|reader| {
            !reader.role.can_moderate()
                && page
                    .comments
                    .iter()
                    .all(|c| c.author_id != reader.id && !page.reacted.contains(&c.id))
        })
        .map(|_| {
            let kind = if framed {
                "framed-reader-comments"
            } else {
                "reader-comments"
            };
            PageCache::key(kind, &article, open, &list_parts)
        });
    let comment_list = match shared_list_key
        .as_deref()
        .and_then(|key| state.pages.get(key))
    {
        Some(list) => list.text().to_owned(),
        None => {
            let list = render_comment_list(state, &page, &article.slug, &permissions)?;
            match shared_list_key {
                Some(key) => state
                    .pages
                    .put(key, CachedBody::part(list))
                    .text()
                    .to_owned(),
                None => list,
            }
        }
    };
    let featured: Vec<CommentView> = featured
        .iter()
        .map(|c| CommentView::of(c, &article.slug, &permissions))
        .collect();
    let replying_to = match comment_id(state, query.reply_to.as_deref(), "reply_to")? {
        Some(id) => match state.app.comment(viewer, id).await {
            Ok(c) if c.article_id == article.id && !c.deleted => {
                Some(CommentView::of(&c, &article.slug, &permissions))
            }
            _ => None,
        },
        None => None,
    };
    let response = render_html(
        state,
        "article.html",
        context! {
            viewer => Serde(ViewerView::of(viewer.user())),
            article => Serde(ArticleView::from(&*article)),
            paragraphs => Serde(paragraphs(&article, &quoted)),
            comment_list => minijinja::Value::from_safe_string(comment_list),
            featured => Serde(featured),
            view => page.view.as_str(),
            sort => page.sort.as_str(),
            first_page => page.first_page,
            closed_message => Serde(closed_message),
            replying_to => Serde(replying_to),
            form => Serde(form),
            max_length => settings.max_length,
            next_path => Serde(format!("/articles/{}#comment-form", article.slug)),
        },
    )?;
    if let Some(key) = cache_key {
        const HTML: &str = "text/html; charset=utf-8";
        let body = if viewer.user().is_some() {
            CachedBody::for_reader(HTML, response, request)
        } else {
            CachedBody::new(HTML, response)
        };
        return Ok(state.pages.put(key, body).respond(request));
    }
    Ok((status, Html(response)).into_response())
}

/// The page's comments (`comment_list.html`), as `permissions` allow their reader.
fn render_comment_list(
    state: &AppState,
    page: &tribune_app::comments::DiscussionPage,
    slug: &str,
    permissions: &CommentPermissions<'_>,
) -> Result<String, PageError> {
    let comments: Vec<CommentView> = page
        .comments
        .iter()
        .map(|c| CommentView::of(c, slug, permissions))
        .collect();
    let threads: Vec<ThreadView> = page
        .threads
        .iter()
        .map(|n| ThreadView::of(n, slug, permissions))
        .collect();
    render_html(
        state,
        "comment_list.html",
        context! {
            comments => Serde(comments),
            threads => Serde(threads),
            view => page.view.as_str(),
            sort => page.sort.as_str(),
            first_page => page.first_page,
            next_cursor => Serde(&page.next_cursor),
            depth_cap => state.app.settings().comments.thread_depth,
        },
    )
}

#[derive(Deserialize)]
pub(crate) struct CommentForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    parent_id: Option<String>,
    /// The "post it anyway" box under a `likely_abusive` warning.
    #[serde(default)]
    acknowledge_warning: Option<String>,
}

pub(crate) async fn post_comment(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(slug): Path<String>,
    ClientAddress(address): ClientAddress,
    PageForm(form): PageForm<CommentForm>,
) -> Result<Response, PageError> {
    let parent_id = comment_id(&state, form.parent_id.as_deref(), "parent_id")?;
    let posted = state
        .app
        .post_comment(
            &viewer,
            &slug,
            &Submission {
                body: &form.body,
                parent_id,
                acknowledge_warning: form.acknowledge_warning.is_some(),
                address,
            },
        )
        .await;
    match posted {
        Ok(comment) => Ok(Redirect::to(&permalink(&slug, comment.id)).into_response()),
        Err(tribune_app::Error::NotFound(what)) => {
            Err(state.page_failure(Failure::not_found(what)))
        }
        Err(err) => {
            let failure = Failure::from(&err);
            let (status, retry_after) = (failure.status, failure.retry_after);
            let form = CommentFormState {
                body: form.body,
                error: failure.message,
                field: failure.field.unwrap_or_default().to_owned(),
                reasons: failure.reasons,
            };
            let query = ArticleQuery {
                reply_to: parent_id.map(|id| id.to_string()),
                ..ArticleQuery::default()
            };
            render_article(
                &state,
                &viewer,
                &slug,
                &query,
                form,
                status,
                &HeaderMap::new(),
            )
            .await
            .map(|page| with_retry_after(page, retry_after))
        }
    }
}

fn path_id(state: &AppState, raw: &str) -> Result<i64, PageError> {
    raw.parse()
        .map_err(|_| state.page_failure(Failure::not_found("comment")))
}

/// `/comments/{id}`: the comment in its discussion.
pub(crate) async fn show_comment(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = path_id(&state, &id)?;
    let comment = state
        .app
        .comment(&viewer, id)
        .await
        .map_err(|e| state.page_error(e))?;
    back_to(&state, comment.article_id, id).await
}

/// `/comments/{id}/card`: one comment as the viewer sees it on its article page, without the
/// page around it. Live updates fetch it to show a new or changed comment, so that it looks
/// (and offers the viewer's actions) exactly as it would after a reload.
pub(crate) async fn card(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = path_id(&state, &id)?;
    let comment = state
        .app
        .comment(&viewer, id)
        .await
        .map_err(|e| state.page_error(e))?;
    let article = article_of(&state, comment.article_id).await?;
    let reacted = state
        .app
        .reacted(&article, viewer.user())
        .await
        .map_err(|e| state.page_error(e))?;
    let now = tribune_app::Tribune::now();
    let permissions = CommentPermissions {
        viewer: viewer.user(),
        reacted: &reacted,
        edit_window: time::Duration::minutes(state.app.settings().comments.edit_window_minutes),
        now,
        open: state.app.discussion_policy(&article, now).is_ok(),
    };
    render(
        &state,
        StatusCode::OK,
        "comment_card.html",
        context! { c => Serde(CommentView::of(&comment, &article.slug, &permissions)) },
    )
}

pub(crate) async fn react(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = path_id(&state, &id)?;
    let (comment, _) = state
        .app
        .toggle_reaction(&viewer, id)
        .await
        .map_err(|e| state.page_error(e))?;
    back_to(&state, comment.article_id, id).await
}

pub(crate) async fn delete(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = path_id(&state, &id)?;
    let comment = state
        .app
        .delete_comment(&viewer, id)
        .await
        .map_err(|e| state.page_error(e))?;
    back_to(&state, comment.article_id, id).await
}

/// The article a comment belongs to.
async fn article_of(
    state: &AppState,
    article_id: i64,
) -> Result<tribune_domain::Article, PageError> {
    state
        .app
        .article_by_id(article_id)
        .await
        .map_err(|e| state.page_error(e))
}

/// A 303 to the comment in its discussion.
async fn back_to(
    state: &AppState,
    article_id: i64,
    comment_id: i64,
) -> Result<Response, PageError> {
    let article = article_of(state, article_id).await?;
    Ok(Redirect::to(&permalink(&article.slug, comment_id)).into_response())
}

pub(crate) async fn edit_page(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = path_id(&state, &id)?;
    let user = viewer.require_user().map_err(|e| state.page_error(e))?;
    let comment = state
        .app
        .comment(&viewer, id)
        .await
        .map_err(|e| state.page_error(e))?;
    state
        .app
        .may_edit(user, &comment)
        .map_err(|e| state.page_error(e))?;
    let form = CommentFormState {
        body: comment.body_markdown.clone(),
        ..CommentFormState::default()
    };
    edit_form(&state, &viewer, &comment, form, StatusCode::OK).await
}

async fn edit_form(
    state: &AppState,
    viewer: &Viewer,
    comment: &tribune_domain::Comment,
    form: CommentFormState,
    status: StatusCode,
) -> Result<Response, PageError> {
    let article = article_of(state, comment.article_id).await?;
    render(
        state,
        status,
        "comment_edit.html",
        context! {
            viewer => Serde(ViewerView::of(viewer.user())),
            article => Serde(ArticleView::from(&article)),
            comment_id => comment.id,
            permalink => Serde(permalink(&article.slug, comment.id)),
            window_minutes => state.app.settings().comments.edit_window_minutes,
            form => Serde(form),
            next_path => Serde(format!("/comments/{}/edit", comment.id)),
        },
    )
}

#[derive(Deserialize)]
pub(crate) struct EditForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    acknowledge_warning: Option<String>,
}

pub(crate) async fn edit(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(id): Path<String>,
    PageForm(form): PageForm<EditForm>,
) -> Result<Response, PageError> {
    let id = path_id(&state, &id)?;
    let edited = state
        .app
        .edit_comment(&viewer, id, &form.body, form.acknowledge_warning.is_some())
        .await;
    match edited {
        Ok(comment) => back_to(&state, comment.article_id, id).await,
        Err(err @ (tribune_app::Error::Invalid(_) | tribune_app::Error::LikelyAbusive(_))) => {
            let failure = Failure::from(&err);
            let comment = state
                .app
                .comment(&viewer, id)
                .await
                .map_err(|e| state.page_error(e))?;
            let form = CommentFormState {
                body: form.body,
                error: failure.message,
                field: failure.field.unwrap_or_default().to_owned(),
                reasons: failure.reasons,
            };
            edit_form(&state, &viewer, &comment, form, failure.status).await
        }
        Err(err) => Err(state.page_error(err)),
    }
}

#[derive(Serialize)]
struct RevisionView {
    body: String,
    written_iso: String,
    written_human: String,
    replaced_iso: String,
    replaced_human: String,
}

pub(crate) async fn history(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = path_id(&state, &id)?;
    let (comment, revisions) = state
        .app
        .comment_history(&viewer, id)
        .await
        .map_err(|e| state.page_error(e))?;
    let article = article_of(&state, comment.article_id).await?;
    let revisions: Vec<RevisionView> = revisions
        .iter()
        .map(|r| RevisionView {
            body: r.body_markdown.clone(),
            written_iso: iso(r.written_at),
            written_human: human(r.written_at),
            replaced_iso: iso(r.replaced_at),
            replaced_human: human(r.replaced_at),
        })
        .collect();
    render(
        &state,
        StatusCode::OK,
        "comment_history.html",
        context! {
            viewer => Serde(ViewerView::of(viewer.user())),
            author_name => Serde(comment.author_name.clone()),
            permalink => Serde(permalink(&article.slug, id)),
            current => Serde(comment.body_markdown.clone()),
            deleted => comment.deleted,
            revisions => Serde(revisions),
            next_path => Serde(format!("/comments/{id}/history")),
        },
    )
}
