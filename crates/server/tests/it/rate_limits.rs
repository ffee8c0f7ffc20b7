//! Rate limits: posting, sign-up and log-in slow down floods and credential stuffing with 429
//! and Retry-After, keep what the reader typed, and hold across the nodes of a PostgreSQL
//! site.

use reqwest::StatusCode;
use serde_json::json;
use tribune_app::settings::Limit;

use crate::helpers::{Backend, Browser, PASSWORD, TestApp, json, text};

async fn limited(backend: Backend) -> TestApp {
    TestApp::spawn_with(backend, |settings| {
        let limits = &mut settings.rate_limits;
        limits.enabled = true;
        limits.comments_per_account = Limit {
            max: 2,
            per_secs: 600,
        };
        limits.signups_per_address = Limit {
            max: 3,
            per_secs: 3600,
        };
        limits.logins_per_account = Limit {
            max: 3,
            per_secs: 600,
        };
    })
    .await
}

async fn posting_too_fast_is_refused_with_retry_after(app: TestApp, backend: Backend) {
    app.article("flood", "open").await;
    let reader = app.reader("fast typist").await;
    for n in 0..2 {
        let (status, _) = json(
            reader
                .post_json(
                    "/api/v1/articles/flood/comments",
                    &json!({"body": format!("Point number {n} about the flood defences.")}),
                )
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    let response = reader
        .post_json(
            "/api/v1/articles/flood/comments",
            &json!({"body": "One more point."}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=600).contains(&retry), "{retry}");
    let (_, body) = json(response).await;
    assert_eq!(body["code"], "rate_limited");
    assert!(body["message"].as_str().unwrap().contains("Please wait"));

    // The page keeps what was typed. On PostgreSQL, another node of the site refuses too:
    // its nodes share the count. (A site on SQLite is one process, which counts in memory.)
    let other = match backend {
        Backend::Postgres => signed_in_elsewhere(&app).await,
        Backend::Sqlite => reader,
    };
    let (status, page) = text(
        other
            .post_form(
                "/articles/flood/comments",
                &[("body", "Kept words, please.")],
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(page.contains("Kept words, please."));
}

/// The fast typist, signed in on a second node of `app`'s site.
async fn signed_in_elsewhere(app: &TestApp) -> Browser {
    let other = app.second_node().await;
    let (status, _) = json(
        other
            .post_json(
                "/api/v1/login",
                &json!({"email": "fast.typist@example.org", "password": PASSWORD}),
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    other
}

async fn sign_up_floods_and_password_guessing_are_slowed(app: TestApp) {
    for n in 0..3 {
        app.reader(&format!("signup {n}")).await;
    }
    let (status, body) = json(
        app.browser()
            .post_json(
                "/api/v1/signup",
                &json!({"display_name": "signup 3", "email": "s3@example.org", "password": PASSWORD}),
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");

    let attacker = app.browser();
    for _ in 0..3 {
        let (status, _) = json(
            attacker
                .post_json(
                    "/api/v1/login",
                    &json!({"email": "signup.0@example.org", "password": "wrong guess 123"}),
                )
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    // Even the right password waits now: the attempts on the account are counted.
    let (status, _) = json(
        attacker
            .post_json(
                "/api/v1/login",
                &json!({"email": "signup.0@example.org", "password": PASSWORD}),
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
}

mod posting {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        posting_too_fast_is_refused_with_retry_after(
            limited(Backend::Sqlite).await,
            Backend::Sqlite,
        )
        .await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        posting_too_fast_is_refused_with_retry_after(
            limited(Backend::Postgres).await,
            Backend::Postgres,
        )
        .await
    }
}

mod accounts {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        sign_up_floods_and_password_guessing_are_slowed(limited(Backend::Sqlite).await).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        sign_up_floods_and_password_guessing_are_slowed(limited(Backend::Postgres).await).await
    }
}
