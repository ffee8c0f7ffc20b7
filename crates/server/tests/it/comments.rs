//! Posting and reading comments: the page, the API, and every way a comment can be refused.

use reqwest::StatusCode;
use serde_json::{Value, json};
use time::Duration;

use crate::helpers::{both, json, location, text};

both!(
    a_reader_posts_and_everyone_sees_it_on_the_page_and_in_the_api,
    |app| async move {
        app.article("dam-release", "open").await;
        let reader = app.reader("old harbour hand").await;
        let response = reader
        .post_form(
            "/articles/dam-release/comments",
            &[("body", "The *siren* cable is the scandal.\n\n> We will decide on Thursday\n\nSee https://example.org/gauges")],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let permalink = location(&response);
        assert!(
            permalink.starts_with("/articles/dam-release?around="),
            "{permalink}"
        );
        assert!(permalink.contains("#c"), "{permalink}");

        let anonymous = app.browser();
        let (status, page) = anonymous.text(&permalink).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("old harbour hand"));
        assert!(page.contains("The <em>siren</em> cable is the scandal."));
        assert!(page.contains("<blockquote>"));
        assert!(
            page.contains(r#"<a href="https://example.org/gauges" rel="nofollow ugc noopener">"#),
            "bare URLs become safe links"
        );
        assert!(page.contains("1 comment"));
        let (_, front) = anonymous.text("/").await;
        assert!(
            front.contains("1 comment"),
            "the front page counts comments"
        );

        let (status, list) =
            json(anonymous.get("/api/v1/articles/dam-release/comments").await).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(list["total"], 1);
        let comment = &list["items"][0];
        assert!(comment["id"].as_i64().is_some());
        assert_eq!(comment["author"]["display_name"], "old harbour hand");
        assert!(
            comment["body_html"]
                .as_str()
                .is_some_and(|h| h.contains("<em>siren</em>"))
        );
        assert_eq!(comment["status"], "published");
        assert!(
            comment["created_at"]
                .as_str()
                .is_some_and(|t| t.ends_with('Z'))
        );
    }
);

both!(
    comments_through_the_api_page_with_cursors,
    |app| async move {
        app.article("recount", "open").await;
        let reader = app.reader("m_y__ronin").await;
        for i in 0..5 {
            let (status, body) = json(
                reader
                    .post_json(
                        "/api/v1/articles/recount/comments",
                        &json!({"body": format!("Point number {i}")}),
                    )
                    .await,
            )
            .await;
            assert_eq!(status, StatusCode::CREATED, "{body}");
            assert_eq!(body["author"]["display_name"], "m_y__ronin");
            assert_eq!(body["body_html"], format!("<p>Point number {i}</p>"));
        }
        let mut seen = Vec::new();
        let mut path = "/api/v1/articles/recount/comments?limit=2".to_owned();
        loop {
            let (status, page) = json(reader.get(&path).await).await;
            assert_eq!(status, StatusCode::OK, "{page}");
            assert_eq!(page["total"], 5);
            for item in page["items"].as_array().into_iter().flatten() {
                seen.push(item["body"].as_str().unwrap_or_default().to_owned());
            }
            match page["next_cursor"].as_str() {
                Some(cursor) => {
                    path = format!("/api/v1/articles/recount/comments?limit=2&cursor={cursor}")
                }
                None => break,
            }
        }
        let expected: Vec<String> = (0..5).map(|i| format!("Point number {i}")).collect();
        assert_eq!(seen, expected, "every comment once, oldest first");

        let (status, body) = json(
            reader
                .get("/api/v1/articles/recount/comments?cursor=garbage")
                .await,
        )
        .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_cursor"))
        );
    }
);

both!(
    bad_comments_get_clear_errors_and_the_form_keeps_the_text,
    |app| async move {
        app.article("budget", "open").await;
        let reader = app.reader("Kestrel").await;
        let too_long = "word ".repeat(2_001);
        for (body, code) in [
            ("", "empty"),
            ("   \n\t  ", "empty"),
            (too_long.as_str(), "too_long"),
        ] {
            let (status, error) = json(
                reader
                    .post_json("/api/v1/articles/budget/comments", &json!({ "body": body }))
                    .await,
            )
            .await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
            assert_eq!(
                (error["code"].as_str(), error["field"].as_str()),
                (Some(code), Some("body"))
            );
        }

        let (status, page) = text(
            reader
                .post_form("/articles/budget/comments", &[("body", too_long.as_str())])
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            page.contains("the limit is 10000"),
            "the error says what to do"
        );
        assert!(page.contains("Shorten it by 4 characters"));
        assert!(
            page.contains(too_long.trim()),
            "the text is kept in the form"
        );
        assert!(
            page.contains("aria-describedby=\"body-hint body-error\""),
            "the error is tied to the field"
        );

        let (status, page) = text(
            reader
                .post_form("/articles/budget/comments", &[("body", " ")])
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("Your comment is empty"));

        let (_, list) = json(reader.get("/api/v1/articles/budget/comments").await).await;
        assert_eq!(list["total"], 0, "nothing was stored");
    }
);

both!(
    anonymous_readers_are_asked_to_log_in_and_keep_their_text,
    |app| async move {
        app.article("budget", "open").await;
        let anonymous = app.browser();
        let (status, page) = text(
            anonymous
                .post_form(
                    "/articles/budget/comments",
                    &[("body", "A thought worth keeping")],
                )
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert!(page.contains("You need to log in"));
        assert!(page.contains("A thought worth keeping"));
        let (status, body) = json(
            anonymous
                .post_json("/api/v1/articles/budget/comments", &json!({"body": "x"}))
                .await,
        )
        .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::UNAUTHORIZED, Some("unauthenticated"))
        );
    }
);

both!(closed_and_unknown_articles, |app| async move {
    app.article("closed-story", "closed").await;
    let reader = app.reader("Kestrel").await;
    let (status, body) = json(
        reader
            .post_json(
                "/api/v1/articles/closed-story/comments",
                &json!({"body": "Late"}),
            )
            .await,
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("comments_closed"))
    );
    let (status, page) = text(
        reader
            .post_form("/articles/closed-story/comments", &[("body", "Late")])
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(page.contains("Comments on this article are closed."));
    let (_, page) = reader.text("/articles/closed-story").await;
    assert!(
        page.contains("Comments on this article are closed.") && !page.contains("Post comment")
    );

    // An article whose closing time has passed.
    let now = tribune_app::Tribune::now();
    app.publish(tribune_domain::article::ArticleFields {
        slug: Some("yesterday".to_owned()),
        headline: "Yesterday".to_owned(),
        published_at: Some(now - Duration::days(3)),
        closes_at: Some(now - Duration::days(1)),
        ..Default::default()
    })
    .await;
    let (status, body) = json(
        reader
            .post_json(
                "/api/v1/articles/yesterday/comments",
                &json!({"body": "Late"}),
            )
            .await,
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("comments_closed"))
    );

    let (status, page) = reader.text("/articles/no-such-story").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.contains("Page not found") || page.contains("There is no such article"));
    let (status, body) = json(
        reader
            .post_json(
                "/api/v1/articles/no-such-story/comments",
                &json!({"body": "x"}),
            )
            .await,
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    let (status, _) = text(
        reader
            .post_form("/articles/no-such-story/comments", &[("body", "x")])
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
});

both!(
    pre_moderated_comments_wait_unseen_by_others,
    |app| async move {
        app.article("sensitive", "pre-moderated").await;
        let author = app.reader("Kestrel").await;
        let (status, comment) = json(
            author
                .post_json(
                    "/api/v1/articles/sensitive/comments",
                    &json!({"body": "Held for review"}),
                )
                .await,
        )
        .await;
        assert_eq!(
            (status, comment["status"].as_str()),
            (StatusCode::CREATED, Some("held"))
        );

        let (_, mine) = json(author.get("/api/v1/articles/sensitive/comments").await).await;
        assert_eq!(
            mine["items"].as_array().map(Vec::len),
            Some(1),
            "the author sees it"
        );
        let (_, page) = author.text("/articles/sensitive").await;
        assert!(page.contains("Awaiting moderation"));

        let other = app.browser();
        let (_, theirs) = json(other.get("/api/v1/articles/sensitive/comments").await).await;
        assert_eq!(theirs["items"], Value::Array(vec![]), "nobody else does");
        assert_eq!(theirs["total"], 0);
        let (_, page) = other.text("/articles/sensitive").await;
        assert!(!page.contains("Held for review"));
    }
);

#[tokio::test]
async fn permalinks_on_later_pages() {
    let app = crate::helpers::TestApp::spawn_with(crate::helpers::Backend::Sqlite, |s| {
        s.comments.page_size = 3;
    })
    .await;
    app.article("long", "open").await;
    let reader = app.reader("Kestrel").await;
    let mut ids = Vec::new();
    for i in 0..8 {
        let (_, c) = json(
            reader
                .post_json(
                    "/api/v1/articles/long/comments",
                    &json!({"body": format!("Comment {i}")}),
                )
                .await,
        )
        .await;
        ids.push(c["id"].as_i64().unwrap_or_default());
    }
    let (_, first) = reader.text("/articles/long").await;
    assert!(
        first.contains("Comment 0") && first.contains("Comment 2") && !first.contains("Comment 3")
    );
    assert!(first.contains("More comments"));
    let (_, page) = reader
        .text(&format!("/articles/long?around={}", ids[7]))
        .await;
    // The page opens two comments before the permalinked one, for context.
    assert!(
        page.contains("Comment 5") && page.contains("Comment 7") && !page.contains("Comment 4")
    );
    assert!(page.contains("Back to the first comments"));
    let (status, _) = reader.text("/articles/long?around=abc").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
