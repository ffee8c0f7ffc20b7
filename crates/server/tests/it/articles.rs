//! Publishing: newsroom systems through the API with an editor token, administrators through
//! the admin pages.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{both, json, location, text};

both!(editors_publish_and_update_with_a_token, |app| async move {
    let token = app
        .tribune
        .create_api_token("cms", "editor")
        .await
        .expect("a token");
    let client = app.browser();
    let article = json!({
        "headline": "Council approves flood inquiry",
        "lead": "The regional council voted on Thursday.",
        "body": "“We owe the valley answers,” the chair said.\n\nThe vote was 31 to 4.",
        "byline": "By Rosa Calloway",
        "dateline": "HALVERGATE",
        "credit": "Rosa Calloway reported from Halvergate.",
        "source": "Meridian Wire Service",
        "rights": "© 2026 Meridian Wire Service. All rights reserved.",
        "tags": ["flooding", "council"],
        "canonical_url": "https://news.example.org/inquiry",
        "published_at": "2026-11-25T09:00:00Z",
        "comment_policy": "pre-moderated",
    });
    let url = app.url("/api/v1/articles");

    let (status, error) = json(
        client
            .client
            .post(&url)
            .json(&article)
            .send()
            .await
            .expect("answer"),
    )
    .await;
    assert_eq!(
        (status, error["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("unauthenticated"))
    );
    let (status, error) = json(
        client
            .client
            .post(&url)
            .bearer_auth("trb_forged")
            .json(&article)
            .send()
            .await
            .expect("answer"),
    )
    .await;
    assert_eq!(
        (status, error["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("forbidden"))
    );

    let (status, created) = json(
        client
            .client
            .post(&url)
            .bearer_auth(&token)
            .json(&article)
            .send()
            .await
            .expect("answer"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["slug"], "council-approves-flood-inquiry");
    assert_eq!(created["comment_policy"], "pre-moderated");
    assert_eq!(created["published_at"], "2026-11-25T09:00:00Z");
    assert!(
        created["body_html"]
            .as_str()
            .is_some_and(|h| h.contains("<p>The vote was 31 to 4.</p>"))
    );

    // A taken slug, and a page that already has its discussion, are both refused.
    for (changed, value, taken) in [
        (
            "canonical_url",
            "https://news.example.org/inquiry-2",
            "slug",
        ),
        ("slug", "inquiry-again", "canonical_url"),
    ] {
        let mut again = article.clone();
        again[changed] = json!(value);
        let (status, error) = json(
            client
                .client
                .post(&url)
                .bearer_auth(&token)
                .json(&again)
                .send()
                .await
                .expect("answer"),
        )
        .await;
        assert_eq!(
            (status, error["code"].as_str(), error["field"].as_str()),
            (StatusCode::CONFLICT, Some("taken"), Some(taken))
        );
    }

    let bad = json!({"headline": "", "body": "x"});
    let (status, error) = json(
        client
            .client
            .post(&url)
            .bearer_auth(&token)
            .json(&bad)
            .send()
            .await
            .expect("answer"),
    )
    .await;
    assert_eq!(
        (status, error["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("headline"))
    );
    let unknown_field = json!({"headline": "x", "hedline": "typo"});
    let (status, _) = json(
        client
            .client
            .post(&url)
            .bearer_auth(&token)
            .json(&unknown_field)
            .send()
            .await
            .expect("answer"),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unknown fields are reported"
    );

    let update = json!({
        "headline": "Council approves independent flood inquiry",
        "body": "Updated.",
        "comment_policy": "open",
        "source": "Meridian Wire Service",
        "rights": "© 2026 Meridian Wire Service. All rights reserved.",
        "dateline": "HALVERGATE",
        "canonical_url": "https://news.example.org/inquiry",
    });
    let (status, updated) = json(
        client
            .client
            .put(app.url("/api/v1/articles/council-approves-flood-inquiry"))
            .bearer_auth(&token)
            .json(&update)
            .send()
            .await
            .expect("answer"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(
        updated["slug"], "council-approves-flood-inquiry",
        "the slug is kept"
    );
    assert_eq!(
        updated["published_at"], "2026-11-25T09:00:00Z",
        "the publication time is kept"
    );
    assert_eq!(updated["comment_policy"], "open");
    assert_eq!(updated["byline"], "", "PUT replaces every field");

    let (status, _) = json(
        client
            .client
            .put(app.url("/api/v1/articles/missing"))
            .bearer_auth(&token)
            .json(&update)
            .send()
            .await
            .expect("answer"),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (status, list) = json(client.get("/api/v1/articles").await).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        list["items"][0]["headline"],
        "Council approves independent flood inquiry"
    );
    let (status, one) = json(
        client
            .get("/api/v1/articles/council-approves-flood-inquiry")
            .await,
    )
    .await;
    assert_eq!(
        (status, one["rights"].as_str()),
        (
            StatusCode::OK,
            Some("© 2026 Meridian Wire Service. All rights reserved.")
        )
    );

    let (_, page) = client
        .text("/articles/council-approves-flood-inquiry")
        .await;
    assert!(page.contains("Source: Meridian Wire Service"));
    assert!(page.contains("© 2026 Meridian Wire Service. All rights reserved."));
    assert!(page.contains("HALVERGATE"));
    // minijinja escapes `/` in attributes as `&#x2f;`, which browsers read back as `/`.
    assert!(page.contains(
        r#"<link rel="canonical" href="https:&#x2f;&#x2f;news.example.org&#x2f;inquiry">"#
    ));
});

both!(
    administrators_publish_from_the_admin_pages,
    |app| async move {
        let reader = app.reader("Kestrel").await;
        let (status, _) = reader.text("/admin/articles/new").await;
        assert_eq!(status, StatusCode::FORBIDDEN, "readers are not admins");
        let (status, _) = app.browser().text("/admin").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let response = reader
            .post_form("/admin/articles/new", &[("headline", "Sneaky")])
            .await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN);

        let admin = app.admin().await;
        let (status, page) = admin.text("/admin").await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let form = [
            ("headline", "Ferry service resumes"),
            ("slug", ""),
            ("lead", "Crossings restart on Monday."),
            ("body", "First paragraph.\n\nSecond paragraph."),
            ("tags", "transport, ferries"),
            ("published_at", "not a time"),
            ("comment_policy", "open"),
        ];
        let (status, page) = text(admin.post_form("/admin/articles/new", &form).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("RFC 3339"), "the error names the format");
        assert!(
            page.contains("Ferry service resumes"),
            "the form keeps the input"
        );

        let mut form = form;
        form[5] = ("published_at", "");
        let response = admin.post_form("/admin/articles/new", &form).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&response), "/articles/ferry-service-resumes");
        let (_, page) = admin.text("/articles/ferry-service-resumes").await;
        assert!(page.contains("Crossings restart on Monday.") && page.contains("ferries"));

        let (status, page) = admin
            .text("/admin/articles/ferry-service-resumes/edit")
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("value=\"transport, ferries\""));
        let mut edit = form;
        edit[0] = ("headline", "Ferry service resumes after storm");
        let response = admin
            .post_form("/admin/articles/ferry-service-resumes/edit", &edit)
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let (_, list) = admin.text("/admin/articles").await;
        assert!(list.contains("Ferry service resumes after storm"));
    }
);

both!(administrators_change_roles, |app| async move {
    let admin = app.admin().await;
    let reader = app.reader("Kestrel").await;
    // Seen as a reader by the server (views remember a session briefly)…
    let (status, _) = reader.text("/moderation").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let kestrel = app
        .db
        .store
        .user_by_email("kestrel@example.org")
        .await
        .expect("query")
        .expect("kestrel exists");
    let (_, page) = admin.text("/admin/users").await;
    assert!(page.contains("kestrel@example.org"));
    let response = admin
        .post_form(
            &format!("/admin/users/{}/role", kestrel.user.id),
            &[("role", "moderator")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let user = app
        .db
        .store
        .user(kestrel.user.id)
        .await
        .expect("query")
        .expect("exists");
    assert_eq!(user.role, tribune_domain::Role::Moderator);
    // …and a moderator on their very next view.
    let (status, _) = reader.text("/moderation").await;
    assert_eq!(status, StatusCode::OK, "the new role shows at once");

    let (status, _) = text(
        admin
            .post_form(
                &format!("/admin/users/{}/role", kestrel.user.id),
                &[("role", "emperor")],
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = text(
        admin
            .post_form("/admin/users/99999/role", &[("role", "reader")])
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let me: serde_json::Value = admin.get("/api/v1/me").await.json().await.expect("json");
    let (status, page) = text(
        admin
            .post_form(
                &format!("/admin/users/{}/role", me["id"]),
                &[("role", "reader")],
            )
            .await,
    )
    .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "admins cannot demote themselves"
    );
    assert!(page.contains("ask another administrator"));
});
