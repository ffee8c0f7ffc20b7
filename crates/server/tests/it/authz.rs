//! The authorization matrix: every route the router serves × every kind of caller, with the
//! answer each one should get. One server per backend; the accounts and resources are arranged
//! once, and fresh ones are made for the cells whose action consumes them (a deletion, a
//! removal, a logout). Every cell runs; the mismatches are printed together, and any cell that
//! succeeds where the table says it must not fails the test.
//!
//! The table is checked against what the router serves: the API against
//! `/api/v1/openapi.json` at run time, every other route against the `.route(…)` calls in
//! `crates/web/src`. A route without a row fails the test, so a new one cannot slip in
//! untested.

use std::collections::BTreeSet;

use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderValue};
use reqwest::redirect::Policy;
use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};
use tokio::task::JoinSet;

use crate::helpers::{Backend, PASSWORD, TestApp, both_backends, json, location};

/// The news site allowed to embed discussions and to speak the Isso API.
const SITE: &str = "http://news.example";

/// The callers, in the order of the letters of a row's `expect`.
const CALLERS: [&str; 8] = [
    "anonymous",
    "owner", // a reader, the author of the comments acted on
    "other", // another reader
    "moderator",
    "admin",
    "banned",   // a reader a moderator banned
    "editor",   // an editor API token (Bearer), no session
    "no-scope", // a Bearer token that is not a valid token, no session
];

/// What a caller gets.
/// - `a` allowed: 2xx, or a 3xx that does not send to /login
/// - `u` unauthenticated: 401, or a redirect to /login
/// - `f` forbidden: 403
/// - `n` not found: 404 or 410, where existence is hidden or the link is not valid
/// - `v` past authorization, refused on its input: 400, 409 or 422 (the request cannot
///   succeed in a test, e.g. a feed address nobody serves)
/// - `r` refused, any 4xx: capability links with a token that was never issued
const PUBLIC: &str = "aaaaaaaa";
/// Any signed-in account, banned ones included (reading one's own things).
const SIGNED_IN: &str = "uaaaaauu";
/// Signed-in accounts in good standing.
const WRITER: &str = "uaaaafuu";
/// Moderators and administrators.
const MODERATOR: &str = "uffaafuu";
/// Administrators only.
const ADMIN: &str = "ufffafuu";
/// Editor API tokens only; a reader's session is no editor token.
/// A token that is not valid is refused as forbidden (`articles.rs` pins that).
const EDITOR: &str = "uuuuuuaf";
/// Readers in good standing acting on somebody else's comment (not their own).
const OTHERS: &str = "ufaaafuu";
/// A link with a token that was never issued: refused to everybody.
const NO_TOKEN: &str = "rrrrrrrr";

/// Resources a cell needs fresh, because its action consumes them.
#[derive(Clone, Copy, PartialEq)]
enum Fresh {
    None,
    /// `{fresh}`: a new published comment by the owner.
    Comment,
    /// `{fresh}`: a new comment by the owner through the Isso API (with its Isso cookie).
    IssoComment,
    /// `{fresh}`: a new newsroom feed.
    Feed,
    /// The caller's own new session (logging out, logging in, signing up).
    Session,
    /// A new account of the caller's kind (deleting one's account).
    Account,
}

enum Body {
    None,
    Json(&'static str),
    Form(&'static [(&'static str, &'static str)]),
}

struct Row {
    method: Method,
    path: &'static str,
    body: Body,
    expect: &'static str,
    fresh: Fresh,
}

fn row(method: Method, path: &'static str, body: Body, expect: &'static str) -> Row {
    Row {
        method,
        path,
        body,
        expect,
        fresh: Fresh::None,
    }
}

fn get(path: &'static str, expect: &'static str) -> Row {
    row(Method::GET, path, Body::None, expect)
}

fn form(
    path: &'static str,
    fields: &'static [(&'static str, &'static str)],
    expect: &'static str,
) -> Row {
    row(Method::POST, path, Body::Form(fields), expect)
}

fn api(method: Method, path: &'static str, body: &'static str, expect: &'static str) -> Row {
    row(method, path, Body::Json(body), expect)
}

impl Row {
    fn fresh(mut self, fresh: Fresh) -> Self {
        self.fresh = fresh;
        self
    }
}

/// Placeholders: `{slug}` an open article; `{c}` the owner's published comment; `{held}` the
/// owner's comment held for a moderator; `{banned}` a comment the banned reader wrote before
/// the ban; `{scheduled}` an article dated tomorrow; `{isso}` the owner's comment posted through Isso;
/// `{owner}` the owner's id; `{user}` a reader nobody signs in as (the target of user
/// actions); `{n}` one of the owner's notifications; `{feed}` a newsroom feed; `{fresh}` see
/// [`Fresh`]; `{uniq}` a number unique to the cell.
#[allow(clippy::too_many_lines)]
fn table() -> Vec<Row> {
    use Method as M;
    vec![
        // Pages.
        get("/", PUBLIC),
        get("/rules", PUBLIC),
        get("/articles/{slug}", PUBLIC),
        // An article dated in the future is not published yet: not found until then.
        get("/articles/{scheduled}", "nnnnnnnn"),
        form("/articles/{scheduled}/comments", &[("body", "Too early.")], "nnnnnnnn"),
        get("/articles/{scheduled}/comments.atom", "nnnnnnnn"),
        get("/api/v1/articles/{scheduled}", "nnnnnnnn"),
        get("/api/v1/articles/{scheduled}/comments", "nnnnnnnn"),
        api(
            M::POST,
            "/api/v1/articles/{scheduled}/comments",
            r#"{"body": "Too early through the API."}"#,
            "unnnnfuu",
        ),
        get("/admin/articles/{scheduled}/edit", ADMIN),
        form("/articles/{slug}/comments", &[("body", "A page comment.")], WRITER),
        get("/comments/{c}", PUBLIC),
        get("/comments/{held}", "nanaannn"),
        get("/comments/{c}/edit", "uaffffuu"),
        // A ban takes editing away, one's own comments included.
        form("/comments/{banned}/edit", &[("body", "Edited while banned.")], "ufffffuu"),
        form("/comments/{c}/edit", &[("body", "Edited on the page.")], "uaffffuu"),
        form("/comments/{fresh}/delete", &[], "uafaafuu").fresh(Fresh::Comment),
        form("/comments/{c}/react", &[], OTHERS),
        get("/comments/{c}/history", MODERATOR),
        get("/comments/{c}/card", PUBLIC),
        // The form is shown to any signed-in reader; sending it is what a ban refuses.
        get("/comments/{c}/report", SIGNED_IN),
        form("/comments/{c}/report", &[("reason", "off_topic")], OTHERS),
        get("/users/{owner}", PUBLIC),
        get("/signup", PUBLIC),
        form(
            "/signup",
            &[
                ("display_name", "Newcomer {uniq}"),
                ("email", "newcomer{uniq}@example.org"),
                ("password", PASSWORD),
            ],
            PUBLIC,
        )
        .fresh(Fresh::Session),
        get("/login", PUBLIC),
        form(
            "/login",
            &[("email", "owner@example.org"), ("password", PASSWORD)],
            PUBLIC,
        )
        .fresh(Fresh::Session),
        form("/logout", &[], PUBLIC).fresh(Fresh::Session),
        // The language menu: anyone may choose the language of their pages.
        form("/language", &[("lang", "fr")], PUBLIC),
        get("/account", SIGNED_IN),
        form("/account/feed", &[], SIGNED_IN),
        form("/account/feed/revoke", &[], SIGNED_IN),
        form("/account/verification", &[], SIGNED_IN),
        form("/account/notifications", &[("email", "never")], SIGNED_IN),
        get("/account/data", SIGNED_IN),
        form(
            "/account/delete",
            &[("password", PASSWORD), ("confirm", "on")],
            // An administrator hands the role on before leaving.
            "uaaafauu",
        )
        .fresh(Fresh::Account),
        form(
            "/account/claim",
            &[("email", "nobody@example.org")],
            // Claiming needs a verified address: only the owner's is.
            "uaffffuu",
        ),
        get("/verify-email/{token}", NO_TOKEN),
        get("/password-reset", PUBLIC),
        form("/password-reset", &[("email", "nobody@example.org")], PUBLIC),
        get("/password-reset/{token}", NO_TOKEN),
        form("/password-reset/{token}", &[("password", PASSWORD)], NO_TOKEN),
        get("/notifications", SIGNED_IN),
        form("/notifications/read", &[], SIGNED_IN),
        get("/notifications/{n}", "uannnnuu"),
        get("/unsubscribe/{token}", NO_TOKEN),
        form("/unsubscribe/{token}", &[], NO_TOKEN),
        // Moderation and administration pages.
        get("/moderation", MODERATOR),
        get("/moderation/search?q=comment", MODERATOR),
        get("/moderation/comments/{c}", MODERATOR),
        form("/moderation/comments/{fresh}/approve", &[], MODERATOR).fresh(Fresh::Comment),
        form(
            "/moderation/comments/{fresh}/reject",
            &[("reason", "Off topic")],
            MODERATOR,
        )
        .fresh(Fresh::Comment),
        form("/moderation/comments/{c}/feature", &[], MODERATOR),
        form("/moderation/comments/{c}/unfeature", &[], MODERATOR),
        form("/moderation/comments/{c}/note", &[("note", "Seen.")], MODERATOR),
        form(
            "/moderation/comments/{fresh}/edit",
            &[("body", "Shortened by a moderator."), ("note", "Shortened.")],
            MODERATOR,
        )
        .fresh(Fresh::Comment),
        form("/moderation/comments/{c}/dismiss", &[], MODERATOR),
        get("/moderation/users/{user}", MODERATOR),
        form(
            "/moderation/users/{user}/ban",
            &[("reason", "Spam"), ("days", "1")],
            MODERATOR,
        ),
        form("/moderation/users/{user}/unban", &[], MODERATOR),
        form("/moderation/users/{user}/trust", &[], MODERATOR),
        form("/moderation/users/{user}/distrust", &[], MODERATOR),
        form("/moderation/articles/{slug}/note", &[("note", "Calm.")], MODERATOR),
        form("/moderation/articles/{slug}/close", &[], MODERATOR),
        form("/moderation/articles/{slug}/reopen", &[], MODERATOR),
        get("/admin", ADMIN),
        get("/admin/articles", ADMIN),
        get("/admin/articles/new", ADMIN),
        form(
            "/admin/articles/new",
            &[
                ("headline", "Ferry timetable {uniq}"),
                ("slug", "ferry-{uniq}"),
                ("lead", "The ferry changes its hours."),
                ("body", "From Monday the first ferry leaves at six."),
            ],
            ADMIN,
        ),
        get("/admin/articles/{slug}/edit", ADMIN),
        form(
            "/admin/articles/{slug}/edit",
            &[
                ("headline", "Council debates the harbour wall"),
                ("slug", "{slug}"),
                ("lead", "A lead paragraph."),
                ("body", "The council met on Thursday."),
            ],
            ADMIN,
        ),
        get("/admin/users", ADMIN),
        form("/admin/users/{user}/role", &[("role", "reader")], ADMIN),
        get("/admin/audit", ADMIN),
        get("/admin/newsroom-feeds", ADMIN),
        form(
            "/admin/newsroom-feeds",
            &[("url", "http://127.0.0.1:9/nobody-serves-this.xml")],
            "ufffvfuu",
        ),
        // Nobody serves the feed: the administrator gets past authorization to a failed fetch.
        form("/admin/newsroom-feeds/{feed}/poll", &[], "ufffvfuu"),
        form("/admin/newsroom-feeds/{fresh}/remove", &[], ADMIN).fresh(Fresh::Feed),
        get("/admin/imports", ADMIN),
        // Not a multipart upload: the administrator gets past authorization to the refusal.
        form("/admin/imports", &[("format", "disqus")], "ufffvfuu"),
        // Feeds.
        get("/feeds/articles.atom", PUBLIC),
        get("/articles/{slug}/comments.atom", PUBLIC),
        get("/feeds/me/{token}.atom", NO_TOKEN),
        // Operations and static files.
        get("/healthz", PUBLIC),
        // Operators' endpoints, public by design (ARCHITECTURE.md, Observability).
        get("/metrics", PUBLIC),
        get("/static/tribune.css", PUBLIC),
        get("/static/tribune.js", PUBLIC),
        get("/static/moderation.js", PUBLIC),
        get("/favicon.ico", PUBLIC),
        get("/static/favicon.svg", PUBLIC),
        // Embedding.
        get("/embed.js", PUBLIC),
        get("/static/embed-frame.js", PUBLIC),
        get("/static/embed-popup.js", PUBLIC),
        get("/static/pow.js", PUBLIC),
        get("/embed/thread?url=http%3A%2F%2Fnews.example%2Fnews%2Fauthz", PUBLIC),
        get("/embed/thread?url=http%3A%2F%2Fnews.example%2Fnews%2Ftomorrow", "nnnnnnnn"),
        get("/discussions?url=http%3A%2F%2Fnews.example%2Fnews%2Ftomorrow", "nnnnnnnn"),
        // The pop-up that signs a frame in: for a reader signed in to the site.
        get("/embed/sign-in", SIGNED_IN),
        form("/embed/sign-in", &[], SIGNED_IN),
        api(M::POST, "/embed/session", r#"{"code": "{token}"}"#, NO_TOKEN),
        api(M::POST, "/embed/sso", r#"{"token": "{token}"}"#, NO_TOKEN),
        get("/discussions?url=http%3A%2F%2Fnews.example%2Fnews%2Fauthz", PUBLIC),
        // The Isso-compatible API (guest comments off, as by default).
        get("/isso/?uri=%2Fnews%2Fauthz", PUBLIC),
        // Isso answers an unknown thread with 200 and no replies; one not out yet is the same.
        get("/isso/?uri=%2Fnews%2Ftomorrow", PUBLIC),
        api(
            M::POST,
            "/isso/new?uri=%2Fnews%2Ftomorrow",
            r#"{"text": "Too early through Isso.", "title": "Tomorrow"}"#,
            "fnnnnfff",
        ),
        api(
            M::POST,
            "/isso/new?uri=%2Fnews%2Fauthz",
            r#"{"text": "An Isso comment from the matrix.", "title": "The harbour wall"}"#,
            "faaaafff",
        ),
        // Isso's edit token (a cookie set when posting) is what opens a comment for editing.
        get("/isso/id/{isso}", "faffffff"),
        api(M::PUT, "/isso/id/{isso}", r#"{"text": "Edited through Isso."}"#, "faffffff"),
        api(M::DELETE, "/isso/id/{fresh}", "{}", "faffffff").fresh(Fresh::IssoComment),
        // Votes answer 200 with a `message` when not counted (Isso's protocol): read as `f`.
        // Likes are reactions of signed-in readers, not on their own comments; no dislikes.
        api(M::POST, "/isso/id/{isso}/like", "{}", "ffaaafff"),
        api(M::POST, "/isso/id/{isso}/dislike", "{}", "ffffffff"),
        api(M::POST, "/isso/count", r#"["/news/authz"]"#, PUBLIC),
        api(M::POST, "/isso/preview", r#"{"text": "*Bold*"}"#, PUBLIC),
        get("/isso/config", PUBLIC),
        get("/isso/info", PUBLIC),
        get("/isso/latest?limit=5", "nnnnnnnn"),
        get("/isso/feed?uri=%2Fnews%2Fauthz", PUBLIC),
        get("/isso/feed?uri=%2Fnews%2Ftomorrow", "nnnnnnnn"),
        get("/isso/css/isso.css", PUBLIC),
        // The API.
        get("/api/v1/openapi.json", PUBLIC),
        api(
            M::POST,
            "/api/v1/signup",
            r#"{"display_name": "Joiner {uniq}", "email": "joiner{uniq}@example.org", "password": "correct horse battery staple"}"#,
            PUBLIC,
        )
        .fresh(Fresh::Session),
        api(
            M::POST,
            "/api/v1/login",
            r#"{"email": "owner@example.org", "password": "correct horse battery staple"}"#,
            PUBLIC,
        )
        .fresh(Fresh::Session),
        api(M::POST, "/api/v1/logout", "{}", PUBLIC).fresh(Fresh::Session),
        get("/api/v1/me", SIGNED_IN),
        get("/api/v1/articles", PUBLIC),
        api(
            M::POST,
            "/api/v1/articles",
            r#"{"slug": "tram-{uniq}", "headline": "Tram line {uniq}", "lead": "A lead.", "body": "The tram runs again."}"#,
            EDITOR,
        ),
        get("/api/v1/articles/{slug}", PUBLIC),
        api(
            M::PUT,
            "/api/v1/articles/{slug}",
            r#"{"slug": "{slug}", "headline": "Council debates the harbour wall", "lead": "A lead.", "body": "The council met."}"#,
            EDITOR,
        ),
        get("/api/v1/articles/{slug}/comments", PUBLIC),
        api(
            M::POST,
            "/api/v1/articles/{slug}/comments",
            r#"{"body": "An API comment from the matrix."}"#,
            WRITER,
        ),
        get("/api/v1/articles/{slug}/events", PUBLIC),
        get("/api/v1/comments/{c}", PUBLIC),
        get("/api/v1/comments/{held}", "nanaannn"),
        api(M::PUT, "/api/v1/comments/{c}", r#"{"body": "Edited through the API."}"#, "uaffffuu"),
        api(M::PUT, "/api/v1/comments/{banned}", r#"{"body": "Edited while banned."}"#, "ufffffuu"),
        api(M::DELETE, "/api/v1/comments/{fresh}", "{}", "uafaafuu").fresh(Fresh::Comment),
        api(M::POST, "/api/v1/comments/{c}/reactions", "{}", OTHERS),
        get("/api/v1/comments/{c}/history", MODERATOR),
        get("/api/v1/counts?url=http%3A%2F%2Fnews.example%2Fnews%2Fauthz", PUBLIC),
        // A puzzle is public: anyone about to sign up or comment as a guest asks for one.
        get("/api/v1/proof-of-work?purpose=signup", PUBLIC),
        get("/api/v1/me/feed", SIGNED_IN),
        api(M::POST, "/api/v1/me/feed", "{}", SIGNED_IN),
        api(M::DELETE, "/api/v1/me/feed", "{}", SIGNED_IN),
        api(M::POST, "/api/v1/verify-email", r#"{"token": "{token}"}"#, NO_TOKEN),
        api(M::POST, "/api/v1/me/verification", "{}", SIGNED_IN),
        api(M::POST, "/api/v1/password-reset", r#"{"email": "nobody@example.org"}"#, PUBLIC),
        api(
            M::POST,
            "/api/v1/password-reset/confirm",
            r#"{"token": "{token}", "password": "correct horse battery staple"}"#,
            NO_TOKEN,
        ),
        get("/api/v1/moderation/queue", MODERATOR),
        get("/api/v1/moderation/search?q=comment", MODERATOR),
        get("/api/v1/moderation/audit", ADMIN),
        api(M::POST, "/api/v1/comments/{fresh}/approve", "{}", MODERATOR).fresh(Fresh::Comment),
        api(M::POST, "/api/v1/comments/{fresh}/reject", r#"{"reason": "Off topic"}"#, MODERATOR)
            .fresh(Fresh::Comment),
        api(
            M::POST,
            "/api/v1/comments/{fresh}/moderator-edit",
            r#"{"body": "Shortened.", "note": "Shortened."}"#,
            MODERATOR,
        )
        .fresh(Fresh::Comment),
        api(M::PUT, "/api/v1/comments/{c}/note", r#"{"note": "Seen."}"#, MODERATOR),
        api(M::PUT, "/api/v1/comments/{c}/featured", r#"{"featured": false}"#, MODERATOR),
        api(M::POST, "/api/v1/comments/{c}/dismiss-reports", "{}", MODERATOR),
        api(M::POST, "/api/v1/comments/{c}/reports", r#"{"reason": "off_topic"}"#, OTHERS),
        api(M::PUT, "/api/v1/articles/{slug}/note", r#"{"note": "Calm."}"#, MODERATOR),
        api(M::PUT, "/api/v1/articles/{slug}/open", r#"{"open": true}"#, MODERATOR),
        api(M::POST, "/api/v1/users/{user}/ban", r#"{"days": 1, "reason": "Spam"}"#, MODERATOR),
        api(M::DELETE, "/api/v1/users/{user}/ban", "{}", MODERATOR),
        api(M::PUT, "/api/v1/users/{user}/trusted", r#"{"trusted": false}"#, MODERATOR),
        get("/api/v1/notifications", SIGNED_IN),
        get("/api/v1/notifications/unread", SIGNED_IN),
        api(M::POST, "/api/v1/notifications/{n}/read", "{}", "uannnnuu"),
        api(M::POST, "/api/v1/notifications/read", "{}", SIGNED_IN),
        get("/api/v1/notifications/email", SIGNED_IN),
        api(M::PUT, "/api/v1/notifications/email", r#"{"email": "never"}"#, SIGNED_IN),
    ]
}

/// A caller: a client (cookie jar or Bearer header) and, for accounts, how to sign in again.
#[derive(Clone)]
struct Caller {
    name: &'static str,
    client: Client,
    /// The account's email, for a fresh session.
    email: Option<String>,
}

fn client(bearer: Option<&str>) -> Client {
    let mut headers = HeaderMap::new();
    if let Some(token) = bearer {
        headers.insert(
            AUTHORIZATION,
            HeaderValue::from_str(&format!("Bearer {token}")).unwrap(),
        );
    }
    Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .default_headers(headers)
        .build()
        .unwrap()
}

/// The resources the table's placeholders name.
struct World {
    slug: String,
    comment: i64,
    held: i64,
    isso: i64,
    owner: i64,
    user: i64,
    notification: i64,
    feed: i64,
}

/// A cell ready to send.
struct Cell {
    row: usize,
    caller: usize,
    method: Method,
    url: String,
    client: Client,
    body: Option<Sent>,
    isso: bool,
}

/// A cell's body, filled in.
enum Sent {
    Json(String),
    Form(Vec<(String, String)>),
}

/// The class of an answer: a letter of the table, or the status when it fits none.
fn classify(status: StatusCode, location: &str) -> char {
    match status.as_u16() {
        300..=399 if location.starts_with("/login") => 'u',
        200..=399 => 'a',
        401 => 'u',
        403 => 'f',
        404 | 410 => 'n',
        400 | 409 | 422 => 'v',
        _ => '?',
    }
}

fn matches(expected: char, got: char) -> bool {
    expected == got || (expected == 'r' && matches!(got, 'u' | 'f' | 'n' | 'v'))
}

async fn run(backend: Backend) {
    // Mail is on, so that the routes that send it answer past their authorization.
    let (app, mut smtp) = TestApp::with_mail(backend, |s| {
        s.embed.allowed_origins = vec![SITE.to_owned()];
        // The owner writes many comments in a minute here: no burst or duplicate holds.
        s.moderation.spam_hold_threshold = 1.0;
        s.moderation.spam_reject_threshold = 1.0;
    })
    .await;
    let base = app.url("");

    // The accounts.
    let owner = app.reader("Owner").await;
    let other = app.reader("Other").await;
    let moderator = app.moderator().await;
    let admin = app.admin().await;
    let banned = app.reader("Banned").await;
    let target = app.reader("Target").await;
    let banned_id = banned.id().await;
    let slug = "harbour-wall".to_owned();
    app.article(&slug, "open").await;
    let banned_comment = post_comment(&banned, &slug, "Written before the ban.").await;
    let (status, body) = json(
        moderator
            .post_json(
                &format!("/api/v1/users/{banned_id}/ban"),
                &json!({"reason": "Abuse"}),
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "the ban: {body}");
    // The owner verifies their address (the link sign-up sent), as claiming comments needs.
    loop {
        let mail = smtp.next().await;
        if mail.envelope_to == ["owner@example.org"] {
            let link = mail.link("/verify-email/");
            let path = &link[link.find("/verify-email/").unwrap()..];
            assert_eq!(owner.get(path).await.status(), StatusCode::OK);
            break;
        }
    }
    let token = app
        .tribune
        .create_api_token("matrix", "editor")
        .await
        .unwrap();

    // The resources.
    app.article("held-desk", "pre-moderated").await;
    scheduled_article(&app).await;
    let comment = post_comment(&owner, &slug, "The owner's comment.").await;
    let held = post_comment(&owner, "held-desk", "A comment waiting for a moderator.").await;
    let (status, reply) = json(
        other
            .post_json(
                &format!("/api/v1/articles/{slug}/comments"),
                &json!({"body": "A reply to the owner.", "parent_id": comment}),
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{reply}");
    let (_, reported) = json(
        other
            .post_json(
                &format!("/api/v1/comments/{comment}/reports"),
                &json!({"reason": "spam"}),
            )
            .await,
    )
    .await;
    assert!(reported.is_object(), "{reported}");
    app.tribune
        .notify(tribune_app::Tribune::now())
        .await
        .expect("the notification pass runs");
    let (_, list) = json(owner.get("/api/v1/notifications").await).await;
    let notification = list["items"][0]["id"].as_i64().expect("a notification");
    let isso = isso_comment(&owner.client, &base, 0).await;
    let feed = newsroom_feed(&app, 0).await;
    let world = World {
        slug,
        comment,
        held,
        isso,
        owner: owner.id().await,
        user: target.id().await,
        notification,
        feed,
    };

    let emails = [
        None,
        Some("owner@example.org"),
        Some("other@example.org"),
        Some("mo.moderator@example.org"),
        Some("ada.admin@example.org"),
        Some("banned@example.org"),
        None,
        None,
    ];
    let clients = [
        client(None),
        owner.client.clone(),
        other.client.clone(),
        moderator.client.clone(),
        admin.client.clone(),
        banned.client.clone(),
        client(Some(&token)),
        client(Some("trb_not-a-token-anybody-was-given")),
    ];
    let callers: Vec<Caller> = CALLERS
        .iter()
        .zip(clients)
        .zip(emails)
        .map(|((name, client), email)| Caller {
            name,
            client,
            email: email.map(str::to_owned),
        })
        .collect();

    let table = table();
    for r in &table {
        assert_eq!(r.expect.len(), CALLERS.len(), "{} {}", r.method, r.path);
    }
    assert_api_covered(&base, &table).await;
    assert_router_covered(&table);

    let mut unique = 0;
    let mut mismatches = Vec::new();
    for (index, r) in table.iter().enumerate() {
        let mut cells = Vec::new();
        for (c, caller) in callers.iter().enumerate() {
            unique += 1;
            let mut client = caller.client.clone();
            let mut fresh = String::new();
            match r.fresh {
                Fresh::None => {}
                Fresh::Comment => {
                    fresh = post_comment(&owner, &world.slug, &format!("Fresh comment {unique}."))
                        .await
                        .to_string();
                }
                Fresh::IssoComment => {
                    // The owner's fresh comment, with its Isso cookie in the owner's jar.
                    fresh = isso_comment(&callers[1].client, &base, unique)
                        .await
                        .to_string();
                }
                Fresh::Feed => fresh = newsroom_feed(&app, unique).await.to_string(),
                Fresh::Session => {
                    client = fresh_session(caller, &base, &token, c).await;
                }
                Fresh::Account => {
                    client = fresh_account(&app, caller, &moderator, unique).await;
                }
            }
            let fill = |text: &str| {
                text.replace("{slug}", &world.slug)
                    .replace("{scheduled}", SCHEDULED)
                    .replace("{banned}", &banned_comment.to_string())
                    .replace("{c}", &world.comment.to_string())
                    .replace("{held}", &world.held.to_string())
                    .replace("{isso}", &world.isso.to_string())
                    .replace("{owner}", &world.owner.to_string())
                    .replace("{user}", &world.user.to_string())
                    .replace("{n}", &world.notification.to_string())
                    .replace("{feed}", &world.feed.to_string())
                    .replace("{fresh}", &fresh)
                    .replace("{token}", "never-issued-token")
                    .replace("{uniq}", &unique.to_string())
            };
            let body = match &r.body {
                Body::None => None,
                Body::Json(text) => Some(Sent::Json(fill(text))),
                Body::Form(fields) => Some(Sent::Form(
                    fields
                        .iter()
                        .map(|(k, v)| ((*k).to_owned(), fill(v)))
                        .collect(),
                )),
            };
            cells.push(Cell {
                row: index,
                caller: c,
                method: r.method.clone(),
                url: format!("{base}{}", fill(r.path)),
                client,
                body,
                isso: r.path.starts_with("/isso"),
            });
        }
        // Reads are independent of each other: sent at once. Changes go one by one, in the
        // order of the callers, so that the state each meets is the same on every run.
        let answers = if r.method == Method::GET {
            let mut set = JoinSet::new();
            for cell in cells {
                set.spawn(send(cell));
            }
            set.join_all().await
        } else {
            let mut answers = Vec::new();
            for cell in cells {
                answers.push(send(cell).await);
            }
            answers
        };
        for (row, c, status, location, denied) in answers {
            let expected = table[row].expect.as_bytes()[c] as char;
            let got = if denied {
                'f'
            } else {
                classify(status, &location)
            };
            if !matches(expected, got) {
                let allow = got == 'a' && expected != 'a';
                mismatches.push(format!(
                    "{}{:<9} {} {} expected {expected}, got {got} ({status}{})",
                    if allow { "ALLOWED " } else { "other   " },
                    callers[c].name,
                    table[row].method,
                    table[row].path,
                    if location.is_empty() {
                        String::new()
                    } else {
                        format!(" → {location}")
                    }
                ));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {} cells answered otherwise than the table says:\n{}",
        mismatches.len(),
        table.len() * CALLERS.len(),
        mismatches.join("\n")
    );
}

/// The row and caller of a cell, and its answer: status, `Location`, whether an Isso vote
/// was denied (200 with a `message`, as Isso answers).
async fn send(cell: Cell) -> (usize, usize, StatusCode, String, bool) {
    let mut request = cell.client.request(cell.method, &cell.url);
    if cell.isso {
        request = request
            .header("origin", SITE)
            .header("referer", format!("{SITE}/news/authz"));
    }
    match cell.body {
        None => {}
        Some(Sent::Json(body)) => {
            request = request
                .header("content-type", "application/json")
                .body(body);
        }
        Some(Sent::Form(fields)) => request = request.form(&fields),
    }
    let response = request.send().await.expect("the server answers");
    let status = response.status();
    let location = location(&response);
    let denied = if cell.isso && status.is_success() {
        let body: Value = response.json().await.unwrap_or(Value::Null);
        body.get("message").is_some_and(|m| !m.is_null())
    } else {
        false
    };
    (cell.row, cell.caller, status, location, denied)
}

async fn post_comment(author: &crate::helpers::Browser, slug: &str, body: &str) -> i64 {
    let (status, comment) = json(
        author
            .post_json(
                &format!("/api/v1/articles/{slug}/comments"),
                &json!({ "body": body }),
            )
            .await,
    )
    .await;
    assert!(status.is_success(), "{status} {comment}");
    comment["id"].as_i64().expect("an id")
}

/// A comment posted through the Isso API by the signed-in `client`.
async fn isso_comment(client: &Client, base: &str, unique: usize) -> i64 {
    let response = client
        .post(format!("{base}/isso/new?uri=%2Fnews%2Fauthz"))
        .header("origin", SITE)
        .header("referer", format!("{SITE}/news/authz"))
        .json(&json!({"text": format!("Comment {unique} through Isso, to act on."), "title": "The harbour wall"}))
        .send()
        .await
        .unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    assert!(status.is_success(), "{status} {text}");
    let comment: Value = serde_json::from_str(&text).unwrap();
    comment["id"].as_i64().expect("an id")
}

/// The slug of an article dated tomorrow.
const SCHEDULED: &str = "tomorrows-budget";

async fn scheduled_article(app: &TestApp) {
    let editor = tribune_app::accounts::Editor {
        token_id: 0,
        name: "tests".to_owned(),
    };
    app.tribune
        .create_article(
            tribune_app::articles::Publisher::Editor(&editor),
            tribune_domain::article::ArticleFields {
                slug: Some(SCHEDULED.to_owned()),
                headline: "Tomorrow's budget".to_owned(),
                lead: "Not for today.".to_owned(),
                body: "The budget is presented tomorrow.".to_owned(),
                canonical_url: format!("{SITE}/news/tomorrow"),
                published_at: Some(time::OffsetDateTime::now_utc() + time::Duration::days(1)),
                ..tribune_domain::article::ArticleFields::default()
            },
        )
        .await
        .expect("the article is created");
}

/// A newsroom feed, stored directly (adding one through the site fetches it).
async fn newsroom_feed(app: &TestApp, unique: usize) -> i64 {
    let now = time::OffsetDateTime::now_utc();
    app.db
        .store
        .insert_newsroom_feed(
            &format!("http://127.0.0.1:9/feed-{unique}.xml"),
            now,
            now + time::Duration::hours(1),
        )
        .await
        .unwrap()
        .id
}

/// A client with its own new session of the caller (anonymous and token callers: a new
/// client of the same kind).
async fn fresh_session(caller: &Caller, base: &str, token: &str, index: usize) -> Client {
    match (&caller.email, index) {
        (Some(email), _) => {
            let fresh = client(None);
            let response = fresh
                .post(format!("{base}/api/v1/login"))
                .json(&json!({"email": email, "password": PASSWORD}))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::OK, "{} logs in", caller.name);
            fresh
        }
        (None, 6) => client(Some(token)),
        (None, 7) => client(Some("trb_not-a-token-anybody-was-given")),
        (None, _) => client(None),
    }
}

/// A client signed in to a new account of the caller's kind.
async fn fresh_account(
    app: &TestApp,
    caller: &Caller,
    moderator: &crate::helpers::Browser,
    unique: usize,
) -> Client {
    let name = format!("Leaver {unique}");
    let browser = match caller.name {
        "owner" | "other" | "banned" => app.reader(&name).await,
        "moderator" => app.staff(&name, tribune_domain::Role::Moderator).await,
        "admin" => app.staff(&name, tribune_domain::Role::Admin).await,
        _ => return caller.client.clone(),
    };
    if caller.name == "banned" {
        let id = browser.id().await;
        let response = moderator
            .post_json(
                &format!("/api/v1/users/{id}/ban"),
                &json!({"reason": "Abuse"}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    browser.client
}

/// A route as `METHOD /path/{}`: parameters and query strings left out, so that a row's
/// concrete path meets the template it fills.
fn route_key(method: &str, path: &str) -> String {
    let path = path.split('?').next().unwrap_or(path);
    let mut out = String::new();
    let mut inside = false;
    for ch in path.chars() {
        match ch {
            '{' => {
                inside = true;
                out.push_str("{}");
            }
            // A parameter runs to the end of its segment (`{file}` is `{token}.atom`).
            '/' => {
                inside = false;
                out.push('/');
            }
            _ if !inside => out.push(ch),
            _ => {}
        }
    }
    format!("{} {out}", method.to_uppercase())
}

fn covered(table: &[Row]) -> BTreeSet<String> {
    table
        .iter()
        .map(|r| route_key(r.method.as_str(), r.path))
        .collect()
}

/// Whether a row's key fills a route's: same method, same segments, a parameter filled by
/// anything (`/moderation/comments/{}/{}` by `/moderation/comments/{}/approve`).
fn fills(rows: &BTreeSet<String>, route: &str) -> bool {
    rows.iter().any(|row| {
        let (mut a, mut b) = (route.split('/'), row.split('/'));
        loop {
            match (a.next(), b.next()) {
                (None, None) => return true,
                (Some(t), Some(r)) if t == r || t == "{}" => {}
                _ => return false,
            }
        }
    })
}

/// Every `.route(PATH, get(…).post(…))` of `crates/web/src` has a row for each method
/// (Isso's paths are under `/isso`, its default `isso.path`).
fn assert_router_covered(table: &[Row]) {
    let rows = covered(table);
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../web/src");
    let mut files = vec![source];
    let mut routes = Vec::new();
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else if path.extension().is_some_and(|e| e == "rs") {
            routes.extend(declared_routes(&std::fs::read_to_string(&path).unwrap()));
        }
    }
    assert!(
        routes.len() > 80,
        "the router's routes are found: {routes:?}"
    );
    let missing: Vec<&String> = routes.iter().filter(|r| !fills(&rows, r)).collect();
    assert!(
        missing.is_empty(),
        "routes without a row in the authorization matrix:\n{missing:?}"
    );
}

/// The routes a source file declares, as [`route_key`]s: each `.route(` call's path literal
/// (`&at("…")` is Isso's) and the method functions called at its top level.
fn declared_routes(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (start, _) in source.match_indices(".route(") {
        let args = &source[start + ".route(".len()..];
        let trimmed = args.trim_start();
        let (prefix, literal) = if let Some(rest) = trimmed.strip_prefix("&at(\"") {
            ("/isso", rest)
        } else if let Some(rest) = trimmed.strip_prefix('"') {
            ("", rest)
        } else {
            continue;
        };
        let path = format!("{prefix}{}", &literal[..literal.find('"').unwrap()]);
        // The call's arguments, to its closing parenthesis.
        let mut depth = 1;
        let mut end = 0;
        for (i, ch) in args.char_indices() {
            match ch {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                end = i;
                break;
            }
        }
        let call = &args[..end];
        let mut depth = 0;
        let mut word = String::new();
        for ch in call.chars() {
            match ch {
                '(' => {
                    if depth == 0 && ["get", "post", "put", "delete"].contains(&word.as_str()) {
                        out.push(route_key(&word, &path));
                    }
                    depth += 1;
                }
                ')' => depth -= 1,
                _ => {}
            }
            if ch.is_ascii_alphanumeric() || ch == '_' {
                word.push(ch);
            } else {
                word.clear();
            }
        }
    }
    out
}

/// Every operation of the OpenAPI document (paths under `/api/v1`) has a row.
async fn assert_api_covered(base: &str, table: &[Row]) {
    let document: Value = Client::new()
        .get(format!("{base}/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let rows = covered(table);
    let mut missing = Vec::new();
    let paths = document["paths"].as_object().expect("paths");
    assert!(paths.len() > 20, "the document lists the API");
    for (path, operations) in paths {
        for method in operations.as_object().expect("operations").keys() {
            let key = route_key(method, path);
            if !fills(&rows, &key) {
                missing.push(key);
            }
        }
    }
    assert!(
        missing.is_empty(),
        "API operations without a row in the authorization matrix:\n{}",
        missing.join("\n")
    );
}

both_backends!(
    every_route_answers_every_caller_as_the_table_says,
    |backend| async move { run(backend).await }
);
