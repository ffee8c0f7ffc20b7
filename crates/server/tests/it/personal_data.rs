//! A reader's own data: downloading all of it, deleting the account (comments anonymised or
//! removed, as the site says, replies to them still readable), and claiming the comments
//! written under their address before they had an account.

use reqwest::StatusCode;
use reqwest::header::{CONTENT_DISPOSITION, SET_COOKIE};
use serde_json::{Value, json};

use crate::embed::{claims, frame_cookie, sso_token};
use crate::helpers::{Browser, PASSWORD, TestApp, both_backends, json, text};

async fn comment(browser: &Browser, slug: &str, body: &str, parent: Option<i64>) -> i64 {
    let (status, created) = json(
        browser
            .post_json(
                &format!("/api/v1/articles/{slug}/comments"),
                &json!({"body": body, "parent_id": parent}),
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    created["id"].as_i64().unwrap()
}

async fn comment_json(browser: &Browser, id: i64) -> Value {
    let (status, body) = json(browser.get(&format!("/api/v1/comments/{id}")).await).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

both_backends!(
    a_reader_downloads_everything_stored_about_them,
    |backend| async move {
        let app = TestApp::spawn(backend).await;
        app.article("ferry", "open").await;
        let reader = app.reader("Data Reader").await;
        let other = app.reader("Other Reader").await;
        let theirs = comment(&other, "ferry", "The ferry ran late all week.", None).await;
        let mine = comment(&reader, "ferry", "It was on time on Tuesday.", Some(theirs)).await;
        let edited = reader
            .send_json(
                reqwest::Method::PUT,
                &format!("/api/v1/comments/{mine}"),
                &json!({"body": "It was on time on Tuesday and Wednesday."}),
            )
            .await;
        assert_eq!(edited.status(), StatusCode::OK);
        let liked = reader
            .post_json(&format!("/api/v1/comments/{theirs}/reactions"), &json!({}))
            .await;
        assert!(liked.status().is_success());

        let response = reader.get("/account/data").await;
        assert_eq!(response.status(), StatusCode::OK);
        assert!(
            response.headers()[CONTENT_DISPOSITION]
                .to_str()
                .unwrap()
                .starts_with("attachment; filename=\"tribune-data-")
        );
        let (_, data) = json(response).await;
        assert_eq!(data["format"], "tribune-personal-data/1");
        assert_eq!(data["account"]["display_name"], "Data Reader");
        assert_eq!(data["account"]["email"], "data.reader@example.org");
        let comments = data["comments"].as_array().unwrap();
        assert_eq!(comments.len(), 1, "only their own comments");
        assert_eq!(
            comments[0]["body_markdown"],
            "It was on time on Tuesday and Wednesday."
        );
        assert_eq!(comments[0]["parent_id"], theirs);
        assert_eq!(
            comments[0]["earlier_versions"][0]["body_markdown"],
            "It was on time on Tuesday."
        );
        assert!(
            comments[0]["url"]
                .as_str()
                .unwrap()
                .ends_with(&format!("#c{mine}"))
        );
        assert_eq!(data["reactions"][0]["comment_id"], theirs);
        assert!(!data.to_string().contains("password"), "no password hash");

        let (status, _) = text(app.browser().get("/account/data").await).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
);

/// Deletes the reader's account through the account page's form.
async fn delete_account(browser: &Browser, password: &str, confirm: bool) -> reqwest::Response {
    let mut form = vec![("password", password)];
    if confirm {
        form.push(("confirm", "yes"));
    }
    browser.post_form("/account/delete", &form).await
}

both_backends!(
    deleting_an_account_anonymises_its_comments_and_keeps_replies,
    |backend| async move {
        let app = TestApp::spawn(backend).await;
        let article = app.article("budget", "open").await;
        let leaving = app.reader("Leaving Reader").await;
        let staying = app.reader("Staying Reader").await;
        let first = comment(&leaving, "budget", "The budget is thin on housing.", None).await;
        let reply = comment(
            &staying,
            "budget",
            "Housing got more than last year.",
            Some(first),
        )
        .await;
        let liked = leaving
            .post_json(&format!("/api/v1/comments/{reply}/reactions"), &json!({}))
            .await;
        assert!(liked.status().is_success());
        assert_eq!(comment_json(&staying, reply).await["reactions"]["count"], 1);

        // A wrong password or a missing confirmation deletes nothing, and says why.
        let (status, page) = text(delete_account(&leaving, "not my password", true).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("That is not your password"), "{page}");
        let (status, page) = text(delete_account(&leaving, PASSWORD, false).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("Tick the box"), "{page}");
        assert_eq!(leaving.get("/api/v1/me").await.status(), StatusCode::OK);

        let response = delete_account(&leaving, PASSWORD, true).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert!(
            response
                .headers()
                .get_all(SET_COOKIE)
                .iter()
                .any(|c| c.to_str().unwrap().starts_with("tribune_session=;"))
        );
        assert_eq!(
            leaving.get("/api/v1/me").await.status(),
            StatusCode::UNAUTHORIZED
        );
        let log_in = app
            .browser()
            .post_json(
                "/api/v1/login",
                &json!({"email": "leaving.reader@example.org", "password": PASSWORD}),
            )
            .await;
        assert_eq!(log_in.status(), StatusCode::UNAUTHORIZED);

        // The comment stays, signed by no one in particular; the reply still answers it; the
        // like is gone with its count.
        let kept = comment_json(&staying, first).await;
        assert_eq!(kept["author"]["display_name"], "Former reader");
        assert_eq!(kept["body"], "The budget is thin on housing.");
        let answered = comment_json(&staying, reply).await;
        assert_eq!(answered["parent_id"], first);
        assert_eq!(answered["reactions"]["count"], 0);
        let (_, page) = text(app.browser().get("/articles/budget").await).await;
        assert!(
            page.contains("Former reader") && !page.contains("Leaving Reader"),
            "{page}"
        );
        assert_eq!(
            app.tribune.article("budget").await.unwrap().comment_count,
            article.comment_count + 2
        );
        // The address is free again.
        app.reader("Leaving Reader").await;
    }
);

both_backends!(
    a_site_may_remove_the_text_of_deleted_accounts,
    |backend| async move {
        let app = TestApp::spawn_with(backend, |s| {
            s.accounts.deleted_comments = tribune_app::settings::DeletedCommentsSetting::Remove;
        })
        .await;
        app.article("tram", "open").await;
        let leaving = app.reader("Removing Reader").await;
        let staying = app.reader("Answering Reader").await;
        let first = comment(
            &leaving,
            "tram",
            "Trams every six minutes would help.",
            None,
        )
        .await;
        let reply = comment(
            &staying,
            "tram",
            "Six minutes is the plan for 2027.",
            Some(first),
        )
        .await;
        assert_eq!(
            delete_account(&leaving, PASSWORD, true).await.status(),
            StatusCode::OK
        );

        let removed = comment_json(&staying, first).await;
        assert_eq!(removed["deleted"], true);
        assert_eq!(removed["body"], "");
        let answered = comment_json(&staying, reply).await;
        assert_eq!(answered["body"], "Six minutes is the plan for 2027.");
        assert_eq!(app.tribune.article("tram").await.unwrap().comment_count, 1);
        let (_, page) = text(app.browser().get("/articles/tram").await).await;
        assert!(!page.contains("Trams every six minutes"), "{page}");
        assert!(page.contains("Six minutes is the plan for 2027."));

        // An administrator hands over first.
        let admin = app.admin().await;
        let (status, page) = text(delete_account(&admin, PASSWORD, true).await).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(page.contains("administrator"), "{page}");
    }
);

both_backends!(
    a_verified_reader_claims_what_they_wrote_as_a_guest,
    |backend| async move {
        const SECRET: &str = "the newsroom and Tribune share this secret";
        let app = TestApp::spawn_with(backend, |s| {
            s.embed.allowed_origins = vec!["http://news.example".to_owned()];
            s.embed.sso_secret = SECRET.to_owned();
            s.isso.guest_comments = true;
        })
        .await;
        let guest = app.browser();
        let posted = guest
            .client
            .post(format!("{}/isso/new?uri=%2Fnews%2Fpier", guest.base()))
            .header("Origin", "http://news.example")
            .json(&json!({
                "text": "The pier needs new lights before winter.",
                "author": "Pier Walker",
                "email": "walker@news.example",
                "title": "Pier lights",
            }))
            .send()
            .await
            .unwrap();
        assert!(posted.status().is_success(), "{}", posted.status());
        let (_, posted) = json(posted).await;
        let id = posted["id"].as_i64().unwrap();

        // Someone who signs up with that address but has not verified it sees nothing to claim.
        let unverified = app.reader("Walker Unverified").await;
        let (_, page) = text(unverified.get("/account").await).await;
        assert!(!page.contains("Make them mine"), "{page}");
        let refused = unverified.post_form("/account/claim", &[]).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);

        // The newsroom's reader with that address, verified by the newsroom, claims it.
        let frame = app.browser();
        let token = sso_token(
            &claims("cms-walker", "Pier Walker", "walker@news.example", 300),
            SECRET,
        );
        let signed_in = frame
            .post_json("/embed/sso", &json!({"token": token}))
            .await;
        let cookie = frame_cookie(&signed_in);
        let with_cookie = |path: &str| {
            frame
                .client
                .get(format!("{}{path}", frame.base()))
                .header("Cookie", &cookie)
        };
        let page = with_cookie("/account")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("1 comment as Pier Walker"), "{page}");
        let claimed = frame
            .client
            .post(format!("{}/account/claim", frame.base()))
            .header("Cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(claimed.status(), StatusCode::SEE_OTHER);
        let me: Value = with_cookie("/api/v1/me")
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let comment = comment_json(&app.browser(), id).await;
        assert_eq!(comment["author"]["id"], me["id"]);
        let page = with_cookie("/account?claimed=1")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("1 comment is now yours"), "{page}");
        assert!(!page.contains("Make them mine"));
    }
);
