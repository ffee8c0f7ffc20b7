//! The Isso-compatible API at `/isso`: Isso 0.14's endpoints, JSON, status codes and headers
//! (as recorded from a real Isso), over Tribune's posting, assessment and moderation.

use reqwest::Method;
use reqwest::header::{CONTENT_TYPE, ORIGIN};
use serde_json::{Value, json};

use crate::helpers::{Browser, TestApp, both_backends, json};

const SITE: &str = "http://news.example";
const THREAD: &str = "/isso/?uri=%2Fnews%2Fharbour-walls";

async fn spawn(backend: crate::helpers::Backend, guests: bool) -> TestApp {
    TestApp::spawn_with(backend, |s| {
        s.embed.allowed_origins = vec![SITE.to_owned()];
        s.isso.guest_comments = guests;
    })
    .await
}

/// A request as Isso's client sends it from a page of the news site.
fn isso(browser: &Browser, app: &TestApp, method: Method, path: &str) -> reqwest::RequestBuilder {
    browser
        .client
        .request(method, app.url(path))
        .header(ORIGIN, SITE)
        .header("referer", format!("{SITE}/news/harbour-walls"))
}

async fn post(browser: &Browser, app: &TestApp, body: Value) -> reqwest::Response {
    isso(
        browser,
        app,
        Method::POST,
        "/isso/new?uri=%2Fnews%2Fharbour-walls",
    )
    .json(&body)
    .send()
    .await
    .unwrap()
}

async fn thread(browser: &Browser, app: &TestApp, query: &str) -> Value {
    let response = isso(browser, app, Method::GET, &format!("{THREAD}{query}"))
        .send()
        .await
        .unwrap();
    let (status, body) = json(response).await;
    assert_eq!(status, 200, "{body}");
    body
}

fn assert_cors(response: &reqwest::Response) {
    let h = response.headers();
    assert_eq!(h["access-control-allow-origin"], SITE);
    assert_eq!(h["access-control-allow-credentials"], "true");
    assert_eq!(
        h["access-control-allow-methods"],
        "HEAD, GET, POST, PUT, DELETE"
    );
    assert_eq!(
        h["access-control-allow-headers"],
        "Origin, Referer, Content-Type"
    );
    assert_eq!(h["access-control-expose-headers"], "X-Set-Cookie, Date");
}

both_backends!(config_info_and_an_unknown_thread, |backend| async move {
    let app = spawn(backend, true).await;
    let b = app.browser();
    let response = isso(&b, &app, Method::GET, "/isso/config")
        .send()
        .await
        .unwrap();
    assert_cors(&response);
    let (status, config) = json(response).await;
    assert_eq!(status, 200);
    assert_eq!(
        config,
        json!({"config": {"reply-to-self": true, "require-email": false,
            "require-author": false, "reply-notifications": false, "gravatar": false,
            "feed": true}})
    );
    let (_, info) = json(b.get("/isso/info").await).await;
    assert_eq!(info["version"], "0.14.0");
    assert_eq!(info["moderation"], false);

    let empty = thread(&b, &app, "").await;
    assert_eq!(
        empty,
        json!({"id": null, "total_replies": 0, "hidden_replies": 0, "replies": [],
            "config": config["config"]})
    );
    assert_eq!(
        app.tribune.store().count_articles().await.unwrap(),
        0,
        "GET never opens a discussion"
    );
    let (status, _) = json(b.get("/isso/?sort=oldest").await).await;
    assert_eq!(status, 400, "uri is required");
    let (status, _) = json(b.get(&format!("{THREAD}&sort=best")).await).await;
    assert_eq!(status, 400);
    let (status, _) = json(b.get(&format!("{THREAD}&limit=x")).await).await;
    assert_eq!(status, 400);
});

both_backends!(
    guests_post_reply_and_read_two_levels,
    |backend| async move {
        let app = spawn(backend, true).await;
        let b = app.browser();

        let response = post(&b, &app, json!({"text": "No title given here."})).await;
        assert_eq!(response.status(), 400);
        assert!(
            response
                .text()
                .await
                .unwrap()
                .contains("no title was provided")
        );

        let response = post(
            &b,
            &app,
            json!({"text": "First! *Markdown* works, <script>x</script> is escaped.",
            "author": "Olena K.", "email": "olena@example.org", "website": "example.org",
            "title": "Harbour walls: the council votes", "notification": 0}),
        )
        .await;
        assert_eq!(response.status(), 201);
        assert_cors(&response);
        let x_set_cookie = response.headers()["x-set-cookie"]
            .to_str()
            .unwrap()
            .to_owned();
        let (_, first) = json(response).await;
        let id = first["id"].as_i64().unwrap();
        assert!(x_set_cookie.starts_with(&format!("isso-{id}=")));
        assert!(x_set_cookie.contains("Max-Age="), "{x_set_cookie}");
        assert_eq!(first["parent"], Value::Null);
        assert_eq!(first["mode"], 1);
        assert_eq!(first["author"], "Olena K.");
        assert_eq!(first["website"], "http://example.org");
        assert_eq!(first["likes"], 0);
        assert_eq!(first["dislikes"], 0);
        assert_eq!(first["modified"], Value::Null);
        assert!(first["created"].is_f64());
        assert_eq!(first["hash"].as_str().unwrap().len(), 12);
        let text = first["text"].as_str().unwrap();
        assert!(text.contains("<em>Markdown</em>"), "{text}");
        assert!(!text.contains("<script>"), "{text}");

        let (status, reply) = json(
            post(
                &b,
                &app,
                json!({"text": "A reply to the first.", "author": "Mark T.", "parent": id}),
            )
            .await,
        )
        .await;
        assert_eq!(status, 201);
        let reply_id = reply["id"].as_i64().unwrap();
        assert_eq!(reply["parent"], id);
        // Deeper in Tribune, flattened to the top-level comment for Isso.
        let (status, deeper) = json(
            post(
                &b,
                &app,
                json!({"text": "Reply to the reply.", "parent": reply_id}),
            )
            .await,
        )
        .await;
        assert_eq!(status, 201);
        assert_eq!(deeper["parent"], id);
        assert_eq!(
            deeper["author"],
            Value::Null,
            "anonymous guests have no name"
        );
        let stored = app
            .tribune
            .store()
            .comment(deeper["id"].as_i64().unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            stored.parent_id,
            Some(reply_id),
            "Tribune keeps the real parent"
        );
        let (status, _) =
            json(post(&b, &app, json!({"text": "Anonymous top-level comment."})).await).await;
        assert_eq!(status, 201);
        assert_eq!(post(&b, &app, json!({"text": "hi"})).await.status(), 400);

        let all = thread(&b, &app, "&sort=oldest&offset=0&nested_limit=5").await;
        assert_eq!(all["total_replies"], 4);
        assert_eq!(all["hidden_replies"], 0);
        let replies = all["replies"].as_array().unwrap();
        assert_eq!(replies.len(), 2);
        assert_eq!(replies[0]["id"], id);
        assert_eq!(replies[0]["total_replies"], 2);
        assert_eq!(replies[0]["replies"][1]["parent"], id);
        assert!(replies[0]["replies"][0].get("replies").is_none());

        let newest = thread(&b, &app, "&limit=1&nested_limit=0&sort=newest").await;
        assert_eq!(newest["hidden_replies"], 1);
        assert_eq!(newest["replies"][0]["hidden_replies"], 0);
        assert_eq!(newest["replies"].as_array().unwrap().len(), 1);
        let nested = thread(&b, &app, &format!("&parent={id}&plain=1&limit=1")).await;
        assert_eq!(nested["id"], id);
        assert_eq!(nested["total_replies"], 2);
        assert_eq!(nested["hidden_replies"], 1);
        assert_eq!(nested["replies"][0]["text"], "A reply to the first.");

        let (status, counts) = json(
            isso(&b, &app, Method::POST, "/isso/count")
                .json(&json!(["/news/harbour-walls", "/news/nope"]))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!((status, counts), (reqwest::StatusCode::OK, json!([4, 0])));
        let (_, preview) = json(
            isso(&b, &app, Method::POST, "/isso/preview")
                .json(&json!({"text": "**bold**"}))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(preview["text"], "<p><strong>bold</strong></p>");

        // The guest's name does not reserve a reader's.
        let olena = app.reader("Olena K.").await;
        assert!(olena.id().await > 0);
        let (_, like) = json(
            isso(&b, &app, Method::POST, &format!("/isso/id/{reply_id}/like"))
                .json(&json!({}))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(like["likes"], 0);
        assert!(like["message"].is_string(), "guests cannot like: {like}");

        let feed = isso(
            &b,
            &app,
            Method::GET,
            "/isso/feed?uri=%2Fnews%2Fharbour-walls",
        )
        .send()
        .await
        .unwrap();
        assert_eq!(feed.status(), 200);
        assert!(feed.text().await.unwrap().contains("A reply to the first."));
        let (status, _) = json(b.get("/isso/latest?limit=5").await).await;
        assert_eq!(status, 404, "latest is off by default");
    }
);

both_backends!(
    edit_and_delete_need_the_comment_token,
    |backend| async move {
        let app = spawn(backend, true).await;
        let author = app.browser();
        let other = app.browser();
        let (_, first) = json(
            post(
                &author,
                &app,
                json!({"text": "A comment to edit later.", "title": "Walls"}),
            )
            .await,
        )
        .await;
        let id = first["id"].as_i64().unwrap();
        let (_, second) =
            json(post(&other, &app, json!({"text": "Somebody else's comment."})).await).await;
        let second_id = second["id"].as_i64().unwrap();
        let (_, reply) = json(
            post(
                &other,
                &app,
                json!({"text": "A reply that keeps it.", "parent": id}),
            )
            .await,
        )
        .await;
        assert_eq!(reply["parent"], id);

        let view = |b: &Browser, id: i64| {
            isso(b, &app, Method::GET, &format!("/isso/id/{id}?plain=1")).send()
        };
        assert_eq!(view(&other, id).await.unwrap().status(), 403, "no token");
        let with_json = isso(&other, &app, Method::GET, &format!("/isso/id/{id}"))
            .header("accept", "application/json")
            .send()
            .await
            .unwrap();
        let (status, body) = json(with_json).await;
        assert_eq!(status, 403);
        assert!(
            body["message"]
                .as_str()
                .unwrap()
                .starts_with("403 Forbidden: ")
        );
        let (status, own) = json(view(&author, id).await.unwrap()).await;
        assert_eq!(status, 200);
        assert_eq!(own["text"], "A comment to edit later.");
        assert!(own.get("hash").is_none());
        // A token is for one comment: the author's cookie for `id` does not open `second_id`,
        // nor does a forged one.
        assert_eq!(view(&author, second_id).await.unwrap().status(), 403);
        let forged = isso(&other, &app, Method::GET, &format!("/isso/id/{id}"))
            .header("cookie", format!("{id}=99999999999.AAAA"))
            .send()
            .await
            .unwrap();
        assert_eq!(forged.status(), 403);

        let (status, edited) = json(
            isso(&author, &app, Method::PUT, &format!("/isso/id/{id}"))
                .json(&json!({"text": "The comment, edited."}))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 200);
        assert_eq!(edited["text"], "<p>The comment, edited.</p>");
        assert!(edited["modified"].is_f64());
        let put_other = isso(&other, &app, Method::PUT, &format!("/isso/id/{id}"))
            .json(&json!({"text": "Not mine to edit."}))
            .send()
            .await
            .unwrap();
        assert_eq!(put_other.status(), 403);

        let deleted = isso(&author, &app, Method::DELETE, &format!("/isso/id/{id}"))
            .header(CONTENT_TYPE, "application/json")
            .send()
            .await
            .unwrap();
        assert!(
            deleted.headers()["x-set-cookie"]
                .to_str()
                .unwrap()
                .contains("Max-Age=0")
        );
        let (status, kept) = json(deleted).await;
        assert_eq!(status, 200);
        assert_eq!(kept["mode"], 4, "replies keep it: {kept}");
        assert_eq!(kept["text"], "");
        let (status, gone) = json(
            isso(
                &other,
                &app,
                Method::DELETE,
                &format!("/isso/id/{second_id}"),
            )
            .header(CONTENT_TYPE, "application/json")
            .send()
            .await
            .unwrap(),
        )
        .await;
        assert_eq!((status, gone), (reqwest::StatusCode::OK, Value::Null));
        let listed = thread(&other, &app, "").await;
        assert_eq!(listed["replies"].as_array().unwrap().len(), 1);
        assert_eq!(listed["replies"][0]["mode"], 4);
        assert_eq!(listed["replies"][0]["author"], Value::Null);
    }
);

both_backends!(tokens_expire_with_the_edit_window, |backend| async move {
    let app = TestApp::spawn_with(backend, |s| {
        s.embed.allowed_origins = vec![SITE.to_owned()];
        s.isso.guest_comments = true;
        s.comments.edit_window_minutes = 0;
    })
    .await;
    let b = app.browser();
    let (_, first) = json(
        post(
            &b,
            &app,
            json!({"text": "Written, then too late.", "title": "Walls"}),
        )
        .await,
    )
    .await;
    let id = first["id"].as_i64().unwrap();
    let response = isso(&b, &app, Method::GET, &format!("/isso/id/{id}"))
        .header("cookie", format!("{id}=0.AAAA"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let put = isso(&b, &app, Method::PUT, &format!("/isso/id/{id}"))
        .json(&json!({"text": "Too late to change."}))
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), 403, "the token expired with the window");
});

both_backends!(cors_and_csrf, |backend| async move {
    let app = spawn(backend, true).await;
    let b = app.browser();
    let preflight = b
        .client
        .request(Method::OPTIONS, app.url("/isso/new?uri=%2Fnews%2Fx"))
        .header(ORIGIN, SITE)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), 200);
    assert_cors(&preflight);
    let elsewhere = b
        .client
        .request(Method::OPTIONS, app.url("/isso/new?uri=%2Fnews%2Fx"))
        .header(ORIGIN, "http://evil.example")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert!(
        elsewhere
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );

    let form = b
        .client
        .post(app.url("/isso/new?uri=%2Fnews%2Fharbour-walls"))
        .header(ORIGIN, SITE)
        .form(&[("text", "hello world")])
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 403);
    assert_cors(&form);
    assert!(form.text().await.unwrap().contains("<p>CSRF</p>"));
    let plain = b
        .client
        .post(app.url("/isso/new?uri=%2Fnews%2Fharbour-walls"))
        .header(CONTENT_TYPE, "text/plain")
        .body(r#"{"text":"hello world","title":"T"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(plain.status(), 403, "a simple request's type from anywhere");
    let evil = b
        .client
        .post(app.url("/isso/new?uri=%2Fnews%2Fharbour-walls"))
        .header(ORIGIN, "http://evil.example")
        .json(&json!({"text": "Posted from elsewhere.", "title": "T"}))
        .send()
        .await
        .unwrap();
    assert_eq!(evil.status(), 403, "an origin not on the allowlist");
    let cross_site_untyped = b
        .client
        .post(app.url("/isso/new?uri=%2Fnews%2Fharbour-walls"))
        .header(ORIGIN, SITE)
        .body(r#"{"text":"No content type at all.","title":"T"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site_untyped.status(), 403, "cross-site needs JSON");
    let untyped = b
        .client
        .post(app.url("/isso/new?uri=%2Fnews%2Fharbour-walls"))
        .body(r#"{"text":"Posted without any Content-Type.","title":"T"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(untyped.status(), 201, "not a browser: as Isso");
    // Tribune's own routes keep their CSRF layer.
    let own = b
        .client
        .post(app.url("/api/v1/articles/x/comments"))
        .header(ORIGIN, SITE)
        .header("sec-fetch-site", "cross-site")
        .json(&json!({"body": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), 403);
});

both_backends!(
    without_guest_comments_only_readers_post,
    |backend| async move {
        let app = spawn(backend, false).await;
        let guest = app.browser();
        let response = post(
            &guest,
            &app,
            json!({"text": "A guest tries to post.", "title": "Walls"}),
        )
        .await;
        assert_eq!(response.status(), 403);
        // A reader signed in on the same site posts as themselves.
        let reader = app.reader("harbourmaster").await;
        let (status, mine) = json(
            reader
                .client
                .post(app.url("/isso/new?uri=%2Fnews%2Fharbour-walls"))
                .json(&json!({"text": "A reader posts through Isso.", "title": "Walls"}))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 201, "{mine}");
        assert_eq!(mine["author"], "harbourmaster");
    }
);

both_backends!(
    held_comments_are_202_and_unseen_by_others,
    |backend| async move {
        let app = TestApp::spawn_with(backend, |s| {
            s.embed.allowed_origins = vec![SITE.to_owned()];
            s.isso.guest_comments = true;
            s.isso.moderate_guests = true;
        })
        .await;
        let author = app.browser();
        let response = post(
            &author,
            &app,
            json!({"text": "Waiting for a moderator.", "title": "Walls"}),
        )
        .await;
        assert_eq!(response.status(), 202);
        let (_, held) = json(response).await;
        assert_eq!(held["mode"], 2);
        let listed = thread(&app.browser(), &app, "").await;
        assert_eq!(listed["total_replies"], 0, "others do not see it");
        let (_, info) = json(author.get("/isso/info").await).await;
        assert_eq!(info["moderation"], true);
        // The moderators' queue has it.
        let moderator = app.moderator().await;
        let (_, queue) = json(moderator.get("/api/v1/moderation/queue").await).await;
        assert!(
            queue.to_string().contains("Waiting for a moderator."),
            "{queue}"
        );
    }
);

both_backends!(author_website_and_text_are_inert, |backend| async move {
    let app = spawn(backend, true).await;
    let b = app.browser();
    let (status, c) = json(
        post(
            &b,
            &app,
            json!({"text": "<img src=x onerror=alert(1)> [x](javascript:alert(1))",
                "author": "<b onmouseover=alert(1)>Eve</b>", "title": "Walls",
                "website": "https://eve.example/\"onmouseover=\"alert(1)"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 201, "{c}");
    let author = c["author"].as_str().unwrap();
    assert!(
        !author.contains('<') && author.contains("&lt;b"),
        "{author}"
    );
    let website = c["website"].as_str().unwrap();
    assert!(!website.contains('"'), "{website}");
    let text = c["text"].as_str().unwrap();
    assert!(
        !text.contains("<img") && !text.contains("javascript:"),
        "{text}"
    );
    let bad = post(
        &b,
        &app,
        json!({"text": "A link to nowhere.", "website": "javascript:alert(1)"}),
    )
    .await;
    assert_eq!(bad.status(), 400);
    // On Tribune's own page the guest is marked as one.
    let article = app.tribune.store().article_by_id(1).await.unwrap().unwrap();
    let (_, page) = b.text(&format!("/articles/{}", article.slug)).await;
    assert!(page.contains("guest-badge"));
    assert!(!page.contains("<b onmouseover"));
});
