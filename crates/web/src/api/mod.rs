//! The JSON API under `/api/v1`. Routes and their OpenAPI description come from the same
//! annotated handlers (utoipa), so the document cannot drift from the routes.

pub(crate) mod dto;
mod email;
mod embed;
mod feeds;
mod live;
mod moderation;
mod notifications;
mod proof_of_work;

use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_TYPE, SET_COOKIE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tribune_app::accounts::SignUp;
use tribune_app::articles::Publisher;
use tribune_app::comments::{DiscussionQuery, PageAt, Submission};
use tribune_domain::comment::{CommentSort, DiscussionView};
use tribune_domain::thread::ThreadNode;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use self::dto::{
    ArticleIn, ArticleList, ArticleOut, AssessmentOut, CommentEdit, CommentHistory, CommentIn,
    CommentList, CommentOut, CommentPageQuery, LogInRequest, Me, PageQuery, ReactionToggled,
    RevisionOut, SignUpRequest,
};
use crate::AppState;
use crate::cache::{CachedBody, Lookup, PageCache};
use crate::error::{ApiError, ErrorBody};
use crate::extract::{ApiJson, ApiPath, ApiQuery, ClientAddress, CurrentViewer, EditorAuth};
use crate::session;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Tribune API",
        description = "Articles, accounts and discussions of a Tribune site. Errors are JSON \
            `{\"code\", \"message\", \"field\"}` with a stable `code`. Reader actions use the \
            session cookie that `signup` and `login` set; newsroom systems publish with an \
            editor token (`Authorization: Bearer …`).",
        license(name = "AGPL-3.0-or-later")
    ),
    modifiers(&SecuritySchemes),
    tags(
        (name = "accounts", description = "Sign up, log in, who am I, links sent by email"),
        (name = "articles", description = "What the newsroom publishes"),
        (name = "comments", description = "The discussion under each article"),
        (name = "moderation", description = "Queues, decisions, reports, bans and the audit log"),
        (name = "notifications", description = "Replies, mentions and moderators' decisions for the signed-in reader"),
    )
)]
struct ApiDoc;

struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("tribune_session"))),
        );
        components.add_security_scheme(
            "editor_token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The answers every operation can give before its handler runs, from the extractors
/// (`ApiJson`, `ApiPath`, `ApiQuery`; see `error.rs`): a body that is not JSON (400), too large
/// (413), sent without `Content-Type: application/json` (415) or of the wrong shape (422), and
/// a path or query string that does not parse (400). Added here, once, to every operation that
/// has a body or parameters, so the document lists every status a client can get (Schemathesis
/// checks it: `scripts/schemathesis`). An operation's own description of a status is kept.
fn document_extractor_errors(openapi: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::path::{Operation, ParameterIn};
    use utoipa::openapi::{Content, Ref, RefOr, ResponseBuilder};

    fn add(operation: &mut Operation, status: &str, description: &str) {
        operation
            .responses
            .responses
            .entry(status.to_owned())
            .or_insert_with(|| {
                RefOr::T(
                    ResponseBuilder::new()
                        .description(description)
                        .content(JSON, Content::new(Some(Ref::from_schema_name("ErrorBody"))))
                        .build(),
                )
            });
    }

    for item in openapi.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ];
        for operation in operations.into_iter().flatten() {
            if operation.request_body.is_some() {
                add(
                    operation,
                    "400",
                    "The body is not valid JSON, or the address is not valid",
                );
                add(operation, "413", "The body is too large");
                add(
                    operation,
                    "415",
                    "The body is not sent as `application/json`",
                );
                add(
                    operation,
                    "422",
                    "The JSON does not have the expected fields and types",
                );
            }
            let has_parameters = operation.parameters.iter().flatten().any(|parameter| {
                matches!(
                    parameter,
                    RefOr::T(p) if matches!(p.parameter_in, ParameterIn::Path | ParameterIn::Query)
                )
            });
            if has_parameters {
                add(operation, "400", "The address or query string is not valid");
            }
        }
    }
}

fn api_router(state: &AppState) -> OpenApiRouter<AppState> {
    let article_limit = state.app.settings().http.max_article_bytes;
    let editor = OpenApiRouter::new()
        .routes(routes!(list_articles, create_article))
        .routes(routes!(get_article, update_article))
        .layer(DefaultBodyLimit::max(article_limit));
    let reader = OpenApiRouter::new()
        .routes(routes!(sign_up))
        .routes(routes!(log_in))
        .routes(routes!(log_out))
        .routes(routes!(me))
        .routes(routes!(list_comments, post_comment))
        .routes(routes!(live::discussion_events))
        .routes(routes!(get_comment, edit_comment, delete_comment))
        .routes(routes!(react))
        .routes(routes!(comment_history))
        .merge(feeds::routes())
        .merge(embed::routes())
        .merge(proof_of_work::routes())
        .merge(email::routes())
        .merge(moderation::routes())
        .merge(notifications::routes());
    OpenApiRouter::with_openapi(ApiDoc::openapi()).nest("/api/v1", editor.merge(reader))
}

pub(crate) fn routes(state: &AppState) -> Router<AppState> {
    let (router, mut openapi) = api_router(state).split_for_parts();
    document_extractor_errors(&mut openapi);
    let document = Arc::new(openapi.to_pretty_json().unwrap_or_default());
    router.route(
        "/api/v1/openapi.json",
        get(move || {
            let document = Arc::clone(&document);
            async move {
                (
                    [(axum::http::header::CONTENT_TYPE, "application/json")],
                    String::clone(&document),
                )
            }
        }),
    )
}

const JSON: &str = "application/json";

fn base_url(state: &AppState) -> &str {
    state.app.settings().base_url()
}

/// Creates a reader account and logs it in (sets the session cookie).
#[utoipa::path(post, path = "/signup", tag = "accounts", request_body = SignUpRequest,
    responses(
        (status = 201, description = "Account created, session cookie set", body = Me),
        (status = 409, description = "Email or display name taken", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
        (status = 429, description = "Too many sign-ups from this address; see Retry-After", body = ErrorBody),
    ))]
async fn sign_up(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(body): ApiJson<SignUpRequest>,
) -> Result<Response, ApiError> {
    let session = state
        .app
        .sign_up(
            &SignUp {
                display_name: body.display_name,
                email: body.email,
                password: body.password,
            },
            body.proof_of_work.as_deref(),
            address,
        )
        .await?;
    let cookie = session::set_cookie(state.app.settings(), &session.token, session.max_age);
    Ok((
        StatusCode::CREATED,
        [(SET_COOKIE, cookie)],
        Json(Me::from(&session.user)),
    )
        .into_response())
}

/// Logs in (sets the session cookie).
#[utoipa::path(post, path = "/login", tag = "accounts", request_body = LogInRequest,
    responses(
        (status = 200, description = "Logged in, session cookie set", body = Me),
        (status = 401, description = "Wrong email or password", body = ErrorBody),
        (status = 429, description = "Too many attempts; see Retry-After", body = ErrorBody),
    ))]
async fn log_in(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(body): ApiJson<LogInRequest>,
) -> Result<Response, ApiError> {
    let session = state
        .app
        .log_in(&body.email, &body.password, address)
        .await?;
    let cookie = session::set_cookie(state.app.settings(), &session.token, session.max_age);
    Ok(([(SET_COOKIE, cookie)], Json(Me::from(&session.user))).into_response())
}

/// Ends the current session.
#[utoipa::path(post, path = "/logout", tag = "accounts",
    responses((status = 204, description = "Logged out; the cookie is cleared")))]
async fn log_out(
    State(state): State<AppState>,
    req: axum::extract::Request,
) -> Result<Response, ApiError> {
    if let Some(token) = session::read_token(req.headers(), state.app.settings()) {
        state.app.log_out(&token).await?;
    }
    let cookie = session::clear_cookie(state.app.settings());
    Ok((StatusCode::NO_CONTENT, [(SET_COOKIE, cookie)]).into_response())
}

/// The signed-in reader.
#[utoipa::path(get, path = "/me", tag = "accounts", security(("session" = [])),
    responses(
        (status = 200, body = Me),
        (status = 401, description = "Not logged in, or the session expired", body = ErrorBody),
    ))]
async fn me(CurrentViewer(viewer): CurrentViewer) -> Result<Json<Me>, ApiError> {
    Ok(Json(Me::from(viewer.require_user()?)))
}

/// Published articles, newest first.
#[utoipa::path(get, path = "/articles", tag = "articles", params(PageQuery),
    responses(
        (status = 200, body = ArticleList),
        (status = 422, description = "Invalid cursor", body = ErrorBody),
    ))]
async fn list_articles(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> Result<Json<ArticleList>, ApiError> {
    let page = state
        .app
        .articles(query.cursor.as_deref(), query.limit.unwrap_or(20))
        .await?;
    Ok(Json(ArticleList {
        items: page
            .articles
            .iter()
            .map(|a| ArticleOut::of(a, base_url(&state)))
            .collect(),
        next_cursor: page.next_cursor,
    }))
}

/// One article.
#[utoipa::path(get, path = "/articles/{slug}", tag = "articles",
    params(("slug" = String, Path, description = "The article's slug")),
    responses(
        (status = 200, body = ArticleOut),
        (status = 404, body = ErrorBody),
    ))]
async fn get_article(
    State(state): State<AppState>,
    ApiPath(slug): ApiPath<String>,
) -> Result<Json<ArticleOut>, ApiError> {
    let article = state.app.published_article(&slug).await?;
    let quoted = state.app.quoted_paragraphs(&article).await?;
    Ok(Json(
        ArticleOut::of(&article, base_url(&state)).with_paragraphs(&article, &quoted),
    ))
}

/// Publishes an article (editor token).
#[utoipa::path(post, path = "/articles", tag = "articles", request_body = ArticleIn,
    security(("editor_token" = [])),
    responses(
        (status = 201, body = ArticleOut),
        (status = 401, description = "No token", body = ErrorBody),
        (status = 403, description = "Invalid or revoked token", body = ErrorBody),
        (status = 409, description = "Slug taken", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
async fn create_article(
    State(state): State<AppState>,
    EditorAuth(editor): EditorAuth,
    ApiJson(body): ApiJson<ArticleIn>,
) -> Result<Response, ApiError> {
    let article = state
        .app
        .create_article(Publisher::Editor(&editor), body.into())
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(ArticleOut::of(&article, base_url(&state))),
    )
        .into_response())
}

/// Replaces an article's fields (editor token). Without `slug` or `published_at` the
/// current ones are kept.
#[utoipa::path(put, path = "/articles/{slug}", tag = "articles", request_body = ArticleIn,
    params(("slug" = String, Path, description = "The article's current slug")),
    security(("editor_token" = [])),
    responses(
        (status = 200, body = ArticleOut),
        (status = 401, description = "No token", body = ErrorBody),
        (status = 403, description = "Invalid or revoked token", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "New slug taken", body = ErrorBody),
        (status = 422, description = "A field breaks a rule", body = ErrorBody),
    ))]
async fn update_article(
    State(state): State<AppState>,
    EditorAuth(editor): EditorAuth,
    ApiPath(slug): ApiPath<String>,
    ApiJson(body): ApiJson<ArticleIn>,
) -> Result<Json<ArticleOut>, ApiError> {
    let article = state
        .app
        .update_article(Publisher::Editor(&editor), &slug, body.into())
        .await?;
    Ok(Json(ArticleOut::of(&article, base_url(&state))))
}

/// What `GET /articles/{slug}/comments` answers: a page of the published discussion
/// (`CommentList`), or with a `status` other than published, the moderators' listing
/// (`ModerationList`). `anyOf`, not `oneOf`: an empty discussion matches both.
struct CommentListing;

impl utoipa::PartialSchema for CommentListing {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::ToSchema;
        utoipa::openapi::schema::AnyOfBuilder::new()
            .item(utoipa::openapi::Ref::from_schema_name(CommentList::name()))
            .item(utoipa::openapi::Ref::from_schema_name(
                moderation::ModerationList::name(),
            ))
            .into()
    }
}

impl utoipa::ToSchema for CommentListing {
    fn schemas(
        schemas: &mut Vec<(
            String,
            utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
        )>,
    ) {
        use utoipa::PartialSchema;
        schemas.push((CommentList::name().into(), CommentList::schema()));
        <CommentList as utoipa::ToSchema>::schemas(schemas);
        schemas.push((
            moderation::ModerationList::name().into(),
            moderation::ModerationList::schema(),
        ));
        <moderation::ModerationList as utoipa::ToSchema>::schemas(schemas);
    }
}

/// The discussion of an article, by pages: flat or threaded, oldest, newest or most liked
/// first. In threaded view, `around` gives the comment's whole thread.
#[utoipa::path(get, path = "/articles/{slug}/comments", tag = "comments",
    params(("slug" = String, Path, description = "The article's slug"), CommentPageQuery),
    responses(
        (status = 200, body = CommentListing),
        (status = 401, description = "A `status` other than published, without logging in", body = ErrorBody),
        (status = 403, description = "A `status` other than published is for moderators", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, description = "Invalid cursor, view or sort", body = ErrorBody),
    ))]
async fn list_comments(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(query): ApiQuery<CommentPageQuery>,
    headers: axum::http::HeaderMap,
) -> Result<Response, ApiError> {
    let article = state.app.article_to_show(&slug).await?;
    match query.status.as_deref() {
        None | Some("" | "published") => {}
        Some(status) => {
            return Ok(Json(
                moderation::listing(&state, &viewer, &article, status, query.limit).await?,
            )
            .into_response());
        }
    }
    let view = match query.view.as_deref() {
        None | Some("") => state.app.settings().comments.default_view,
        Some(raw) => DiscussionView::parse(raw).map_err(tribune_app::Error::from)?,
    };
    let sort = CommentSort::parse(query.sort.as_deref().unwrap_or(""))
        .map_err(tribune_app::Error::from)?;
    let at = match (query.around, query.cursor.as_deref()) {
        (Some(id), _) => PageAt::Around(id),
        (None, Some(cursor)) => PageAt::After(cursor),
        (None, None) => PageAt::First,
    };
    // Readers who are not signed in all get the same answer: serve it from the cache.
    let cache_key = viewer.user().is_none().then(|| {
        let open = state
            .app
            .discussion_policy(&article, tribune_app::Tribune::now())
            .is_ok();
        let limit = query.limit.map(|l| l.to_string()).unwrap_or_default();
        let around = query.around.map(|a| a.to_string()).unwrap_or_default();
        let parts = [
            view.as_str(),
            sort.as_str(),
            query.cursor.as_deref().unwrap_or(""),
            &around,
            &limit,
        ];
        PageCache::key("comments", &article, open, &parts)
    });
    // Held until the response is cached: others asking for it meanwhile wait for it.
    let _filling = match cache_key.as_deref() {
        Some(key) => match state.pages.lookup(key).await {
            Lookup::Hit(cached) => return Ok(cached.respond(&headers)),
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
                limit: query.limit,
            },
        )
        .await?;
    let assessments = state.app.assessments(&viewer, &page.comments).await?;
    let out = |c: &tribune_domain::Comment| CommentOut {
        assessment: assessments.get(&c.id).map(AssessmentOut::of),
        ..CommentOut::of(c, &article.slug, page.reacted.contains(&c.id))
    };
    let items = match page.view {
        DiscussionView::Flat => page.comments.iter().map(out).collect(),
        DiscussionView::Threaded => {
            let mut items = Vec::new();
            let mut stack: Vec<&ThreadNode> = page.threads.iter().rev().collect();
            while let Some(node) = stack.pop() {
                items.push(CommentOut {
                    hidden_replies: node.hidden_replies,
                    ..out(&node.comment)
                });
                stack.extend(node.replies.iter().rev());
            }
            items
        }
    };
    let list = CommentList {
        items,
        view: page.view.as_str().to_owned(),
        sort: page.sort.as_str().to_owned(),
        next_cursor: page.next_cursor,
        total: article.comment_count,
    };
    let body = serde_json::to_string(&list)
        .map_err(|e| ApiError::from(tribune_app::Error::Internal(e.to_string())))?;
    if let Some(key) = cache_key {
        return Ok(state
            .pages
            .put(key, CachedBody::new(JSON, body))
            .respond(&headers));
    }
    Ok(([(CONTENT_TYPE, JSON)], body).into_response())
}

/// Posts a comment as the signed-in reader. Every comment is assessed: it is `published`,
/// `held` for a moderator (by the assessment, or by the article's or site's policy) or
/// `rejected` (clear spam). When it would be held as likely abusive, the answer is 422
/// `likely_abusive` with the reasons, so the author can revise it or send it again with
/// `acknowledge_warning: true`.
#[utoipa::path(post, path = "/articles/{slug}/comments", tag = "comments", request_body = CommentIn,
    params(("slug" = String, Path, description = "The article's slug")),
    security(("session" = [])),
    responses(
        (status = 201, body = CommentOut),
        (status = 401, description = "Not logged in, or the session expired", body = ErrorBody),
        (status = 403, description = "Comments are closed, or the account is banned", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 413, description = "Request body too large", body = ErrorBody),
        (status = 429, description = "Posting too fast; see Retry-After", body = ErrorBody),
        (status = 422, description = "Empty or too long; or `likely_abusive` with the `reasons`: \
            revise, or send again with `acknowledge_warning`", body = ErrorBody),
    ))]
async fn post_comment(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    ClientAddress(address): ClientAddress,
    ApiPath(slug): ApiPath<String>,
    ApiJson(body): ApiJson<CommentIn>,
) -> Result<Response, ApiError> {
    let comment = state
        .app
        .post_comment(
            &viewer,
            &slug,
            &Submission {
                body: &body.body,
                parent_id: body.parent_id,
                acknowledge_warning: body.acknowledge_warning,
                address,
            },
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(CommentOut::of(&comment, &slug, false)),
    )
        .into_response())
}

/// The slug of the article a comment belongs to.
async fn slug_of(state: &AppState, comment: &tribune_domain::Comment) -> Result<String, ApiError> {
    Ok(state.app.article_by_id(comment.article_id).await?.slug)
}

/// One comment.
#[utoipa::path(get, path = "/comments/{id}", tag = "comments",
    params(("id" = i64, Path, description = "The comment's id")),
    responses((status = 200, body = CommentOut), (status = 404, body = ErrorBody)))]
async fn get_comment(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<CommentOut>, ApiError> {
    let comment = state.app.comment(&viewer, id).await?;
    let slug = slug_of(&state, &comment).await?;
    Ok(Json(CommentOut::of(&comment, &slug, false)))
}

/// Edits the signed-in reader's own comment, within the site's edit window (15 minutes by
/// default). The earlier version is kept for moderators.
#[utoipa::path(put, path = "/comments/{id}", tag = "comments", request_body = CommentEdit,
    params(("id" = i64, Path, description = "The comment's id")),
    security(("session" = [])),
    responses(
        (status = 200, body = CommentOut),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not the author, deleted, or the edit window has passed", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, description = "Empty or too long", body = ErrorBody),
    ))]
async fn edit_comment(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<CommentEdit>,
) -> Result<Json<CommentOut>, ApiError> {
    let comment = state
        .app
        .edit_comment(&viewer, id, &body.body, body.acknowledge_warning)
        .await?;
    let slug = slug_of(&state, &comment).await?;
    Ok(Json(CommentOut::of(&comment, &slug, false)))
}

/// Deletes a comment (its author or a moderator). Replies stay; the comment shows as deleted.
#[utoipa::path(delete, path = "/comments/{id}", tag = "comments",
    params(("id" = i64, Path, description = "The comment's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "Deleted", body = CommentOut),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
    ))]
async fn delete_comment(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<CommentOut>, ApiError> {
    let comment = state.app.delete_comment(&viewer, id).await?;
    let slug = slug_of(&state, &comment).await?;
    Ok(Json(CommentOut::of(&comment, &slug, false)))
}

/// Adds the signed-in reader's reaction to a comment, or takes it back (one per reader per
/// comment; not on one's own).
#[utoipa::path(post, path = "/comments/{id}/reactions", tag = "comments",
    params(("id" = i64, Path, description = "The comment's id")),
    security(("session" = [])),
    responses(
        (status = 200, body = ReactionToggled),
        (status = 401, body = ErrorBody),
        (status = 403, description = "One's own or a deleted comment", body = ErrorBody),
        (status = 404, body = ErrorBody),
    ))]
async fn react(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<ReactionToggled>, ApiError> {
    let (comment, reacted) = state.app.toggle_reaction(&viewer, id).await?;
    Ok(Json(ReactionToggled {
        comment_id: comment.id,
        reacted,
        count: comment.reaction_count,
    }))
}

/// A comment with its earlier versions (moderators).
#[utoipa::path(get, path = "/comments/{id}/history", tag = "comments",
    params(("id" = i64, Path, description = "The comment's id")),
    security(("session" = [])),
    responses(
        (status = 200, body = CommentHistory),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
    ))]
async fn comment_history(
    State(state): State<AppState>,
    CurrentViewer(viewer): CurrentViewer,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<CommentHistory>, ApiError> {
    let (comment, revisions) = state.app.comment_history(&viewer, id).await?;
    let slug = slug_of(&state, &comment).await?;
    Ok(Json(CommentHistory {
        comment: CommentOut::of(&comment, &slug, false),
        revisions: revisions
            .into_iter()
            .map(|r| RevisionOut {
                body: r.body_markdown,
                written_at: r.written_at,
                replaced_at: r.replaced_at,
            })
            .collect(),
    }))
}
