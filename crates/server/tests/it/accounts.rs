//! Sign-up, log-in, log-out and sessions, through the HTML forms and the API.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{PASSWORD, both, json, location, text};

both!(sign_up_log_out_and_log_in_with_forms, |app| async move {
    let browser = app.browser();
    let response = browser
        .post_form(
            "/signup",
            &[
                ("display_name", "Kestrel"),
                ("email", "kestrel@example.org"),
                ("password", PASSWORD),
                ("next", "/rules"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&response),
        "/rules",
        "back where the reader came from"
    );
    let cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(cookie.starts_with("tribune_session="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"),
        "{cookie}"
    );

    for path in ["/", "/account"] {
        let (_, page) = browser.text(path).await;
        assert!(
            page.contains("Kestrel") && page.contains("Log out"),
            "{path}: the header shows who is signed in"
        );
    }

    let response = browser.post_form("/logout", &[]).await;
    assert_eq!(
        (response.status(), location(&response).as_str()),
        (StatusCode::SEE_OTHER, "/")
    );
    let (_, page) = browser.text("/").await;
    assert!(page.contains("Log in") && !page.contains("Log out"));
    // The ended session is ended everywhere at once, even for a copy of its cookie (the
    // server remembers sessions briefly for views; a log-out forgets them).
    let copied = cookie.split(';').next().unwrap_or_default();
    let replayed = reqwest::Client::new()
        .get(app.url("/"))
        .header("cookie", copied)
        .send()
        .await
        .expect("answer")
        .text()
        .await
        .expect("page");
    assert!(replayed.contains("Log in") && !replayed.contains("Log out"));

    let (status, page) = text(
        browser
            .post_form(
                "/login",
                &[
                    ("email", "kestrel@example.org"),
                    ("password", "wrong password!"),
                ],
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(page.contains("The email address or password is not right."));
    assert!(
        page.contains("value=\"kestrel@example.org\""),
        "the email is kept"
    );
    assert!(
        !page.contains("wrong password!"),
        "the password is never echoed"
    );

    let response = browser
        .post_form(
            "/login",
            &[
                ("email", "KESTREL@example.org "),
                ("password", PASSWORD),
                ("next", "//evil.example"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/", "no redirect to another site");
    let (status, me) = json(browser.get("/api/v1/me").await).await;
    assert_eq!(
        (status, me["display_name"].as_str()),
        (StatusCode::OK, Some("Kestrel"))
    );
});

both!(sign_up_and_log_in_with_the_api, |app| async move {
    let browser = app.browser();
    let (status, me) = json(
        browser
            .post_json(
                "/api/v1/signup",
                &json!({"display_name": "The Navigator", "email": "nav@example.org", "password": PASSWORD}),
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(me["display_name"], "The Navigator");
    assert_eq!(me["role"], "reader");
    assert_eq!(
        json(browser.get("/api/v1/me").await).await.0,
        StatusCode::OK
    );

    let response = browser.post_json("/api/v1/logout", &json!({})).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let (status, body) = json(browser.get("/api/v1/me").await).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("unauthenticated"))
    );

    let (status, body) = json(
        browser
            .post_json(
                "/api/v1/login",
                &json!({"email": "nobody@example.org", "password": PASSWORD}),
            )
            .await,
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("bad_credentials"))
    );
    let (status, _) = json(
        browser
            .post_json(
                "/api/v1/login",
                &json!({"email": "nav@example.org", "password": PASSWORD}),
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        json(browser.get("/api/v1/me").await).await.0,
        StatusCode::OK
    );
});

both!(bad_sign_ups_are_refused_with_reasons, |app| async move {
    app.reader("Kestrel").await;
    let browser = app.browser();
    let long_name = "n".repeat(41);
    let long_password = "x1y2z3".repeat(30);
    let cases: &[(&str, &str, &str, StatusCode, &str, &str)] = &[
        (
            "",
            "a@example.org",
            PASSWORD,
            StatusCode::UNPROCESSABLE_ENTITY,
            "display_name",
            "empty",
        ),
        (
            "   ",
            "a@example.org",
            PASSWORD,
            StatusCode::UNPROCESSABLE_ENTITY,
            "display_name",
            "empty",
        ),
        (
            &long_name,
            "a@example.org",
            PASSWORD,
            StatusCode::UNPROCESSABLE_ENTITY,
            "display_name",
            "too_long",
        ),
        (
            "bell\u{7}name",
            "a@example.org",
            PASSWORD,
            StatusCode::UNPROCESSABLE_ENTITY,
            "display_name",
            "invalid_characters",
        ),
        (
            "\u{41A}estrel",
            "a@example.org",
            PASSWORD,
            StatusCode::CONFLICT,
            "display_name",
            "taken",
        ),
        (
            "kestrel",
            "a@example.org",
            PASSWORD,
            StatusCode::CONFLICT,
            "display_name",
            "taken",
        ),
        (
            "KestreI",
            "a@example.org",
            PASSWORD,
            StatusCode::CONFLICT,
            "display_name",
            "taken",
        ),
        (
            "Someone",
            "kestrel@example.org",
            PASSWORD,
            StatusCode::CONFLICT,
            "email",
            "taken",
        ),
        (
            "Someone",
            "not-an-email",
            PASSWORD,
            StatusCode::UNPROCESSABLE_ENTITY,
            "email",
            "invalid_email",
        ),
        (
            "Someone",
            "a@example.org",
            "short",
            StatusCode::UNPROCESSABLE_ENTITY,
            "password",
            "too_short",
        ),
        (
            "Someone",
            "a@example.org",
            "password123",
            StatusCode::UNPROCESSABLE_ENTITY,
            "password",
            "too_common",
        ),
        (
            "Someone",
            "a@example.org",
            &long_password,
            StatusCode::UNPROCESSABLE_ENTITY,
            "password",
            "too_long",
        ),
    ];
    for (name, email, password, status, field, code) in cases {
        let (got, body) = json(
            browser
                .post_json(
                    "/api/v1/signup",
                    &json!({"display_name": name, "email": email, "password": password}),
                )
                .await,
        )
        .await;
        assert_eq!(got, *status, "{name:?} {email:?}: {body}");
        assert_eq!(body["field"], *field, "{body}");
        assert_eq!(body["code"], *code, "{body}");
        assert!(
            body["message"].as_str().is_some_and(|m| m.len() > 10),
            "{body}"
        );
    }

    // The form shows the error beside the field and keeps what was typed, except the password.
    let (status, page) = text(
        browser
            .post_form(
                "/signup",
                &[
                    ("display_name", "\u{41A}estrel"),
                    ("email", "new@example.org"),
                    ("password", PASSWORD),
                ],
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("looks too much like “Kestrel”"), "{page}");
    assert!(page.contains("value=\"new@example.org\""));
    assert!(page.contains("aria-invalid=\"true\""));
    assert!(page.contains("id=\"display_name-error\""));
    assert!(!page.contains(PASSWORD));
});

both!(
    an_expired_session_asks_to_log_in_again_and_keeps_the_comment,
    |app| async move {
        app.article("bridge", "open").await;
        let reader = app.reader("Kestrel").await;
        let expire = "UPDATE sessions SET expires_at = 0";
        match &app.db.store {
            tribune_store::Store::Sqlite(pool, ..) => {
                sqlx::query(expire).execute(pool).await.map(drop)
            }
            tribune_store::Store::Postgres(pool, ..) => {
                sqlx::query(expire).execute(pool).await.map(drop)
            }
        }
        .expect("sessions expired");

        let (status, page) = text(
            reader
                .post_form(
                    "/articles/bridge/comments",
                    &[("body", "My carefully written point.")],
                )
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert!(page.contains("Your session has expired"), "{page}");
        assert!(
            page.contains("My carefully written point."),
            "what the reader wrote is kept"
        );

        let (status, body) = json(reader.get("/api/v1/me").await).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    }
);

#[tokio::test]
async fn secure_cookies_when_the_site_is_https() {
    let app = crate::helpers::TestApp::spawn_with(crate::helpers::Backend::Sqlite, |s| {
        s.public_url = "https://news.example.org".to_owned();
    })
    .await;
    let response = app
        .browser()
        .post_json(
            "/api/v1/signup",
            &json!({"display_name": "Kestrel", "email": "k@example.org", "password": PASSWORD}),
        )
        .await;
    let cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(cookie.starts_with("__Host-tribune_session="), "{cookie}");
    assert!(
        cookie.contains("Secure") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
}
