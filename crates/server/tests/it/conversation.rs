//! The conversation: replies, informal @mentions, verified quotes, reactions, editing,
//! deleting, sorting and permalinks, in both views.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Backend, Browser, TestApp, both, json, location, text};

async fn post(reader: &Browser, slug: &str, body: Value) -> (StatusCode, Value) {
    json(
        reader
            .post_json(&format!("/api/v1/articles/{slug}/comments"), &body)
            .await,
    )
    .await
}

async fn comment_id(reader: &Browser, slug: &str, body: &str) -> i64 {
    let (status, comment) = post(reader, slug, json!({ "body": body })).await;
    assert_eq!(status, StatusCode::CREATED, "{comment}");
    comment["id"].as_i64().expect("an id")
}

async fn react(reader: &Browser, id: i64) -> (StatusCode, Value) {
    json(
        reader
            .post_json(&format!("/api/v1/comments/{id}/reactions"), &json!({}))
            .await,
    )
    .await
}

async fn all_comments(reader: &Browser, slug: &str, query: &str) -> Vec<Value> {
    let (status, list) = json(
        reader
            .get(&format!(
                "/api/v1/articles/{slug}/comments?limit=500&{query}"
            ))
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list["items"].as_array().cloned().unwrap_or_default()
}

both!(
    replies_nest_in_threads_and_name_their_parent_in_order,
    |app| async move {
        app.article("bridge", "open").await;
        let kestrel = app.reader("Kestrel").await;
        let navigator = app.reader("The Navigator").await;
        let root = comment_id(&kestrel, "bridge", "The council knew for years.").await;
        let (status, reply) = post(
            &navigator,
            "bridge",
            json!({"body": "They did not.", "parent_id": root}),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED);
        assert_eq!(
            (reply["parent_id"].as_i64(), reply["depth"].as_i64()),
            (Some(root), Some(1))
        );
        let reply_id = reply["id"].as_i64().unwrap_or_default();
        let (_, deeper) = post(
            &kestrel,
            "bridge",
            json!({"body": "They did.", "parent_id": reply_id}),
        )
        .await;
        assert_eq!(
            (deeper["root_id"].as_i64(), deeper["depth"].as_i64()),
            (Some(root), Some(2))
        );
        let other_root = comment_id(&navigator, "bridge", "A separate point.").await;

        let (_, flat) = kestrel.text("/articles/bridge?view=flat").await;
        assert!(
            flat.contains("in reply to <a href=") && flat.contains(">Kestrel</a></span>"),
            "flat view names the parent"
        );
        let (_, threaded) = kestrel.text("/articles/bridge?view=threaded").await;
        assert!(
            threaded.contains("<details class=\"replies\" open>"),
            "replies fold under their parent"
        );
        let first = threaded
            .find(&format!("id=\"c{root}\""))
            .unwrap_or(usize::MAX);
        let nested = threaded.find(&format!("id=\"c{reply_id}\"")).unwrap_or(0);
        let separate = threaded.find(&format!("id=\"c{other_root}\"")).unwrap_or(0);
        assert!(
            first < nested && nested < separate,
            "the reply sits under its parent, before the next thread"
        );

        let items = all_comments(&kestrel, "bridge", "view=threaded").await;
        let order: Vec<i64> = items.iter().filter_map(|c| c["id"].as_i64()).collect();
        assert_eq!(
            order,
            [
                root,
                reply_id,
                deeper["id"].as_i64().unwrap_or_default(),
                other_root
            ]
        );

        // The reply form, without JavaScript.
        let (_, page) = navigator
            .text(&format!("/articles/bridge?reply_to={root}"))
            .await;
        assert!(page.contains("Replying to"), "{page}");
        assert!(page.contains(&format!("name=\"parent_id\" value=\"{root}\"")));
        let response = navigator
            .post_form(
                "/articles/bridge/comments",
                &[
                    ("body", "Replying by form."),
                    ("parent_id", &root.to_string()),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let items = all_comments(&kestrel, "bridge", "").await;
        let by_form = items
            .iter()
            .find(|c| c["body"] == "Replying by form.")
            .cloned()
            .unwrap_or_default();
        assert_eq!(by_form["parent_id"].as_i64(), Some(root));
    }
);

both!(bad_replies_are_refused, |app| async move {
    app.article("one", "open").await;
    app.article("two", "open").await;
    let reader = app.reader("Kestrel").await;
    let other = app.reader("Tomasz W").await;
    let elsewhere = comment_id(&reader, "two", "Under another article.").await;
    let deleted = comment_id(&other, "one", "Soon gone.").await;
    let response = other
        .client
        .delete(app.url(&format!("/api/v1/comments/{deleted}")))
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), StatusCode::OK);
    for (parent, code) in [
        (elsewhere, "parent_elsewhere"),
        (deleted, "parent_deleted"),
        (999_999, "no_such_parent"),
    ] {
        let (status, error) = post(
            &reader,
            "one",
            json!({"body": "A reply", "parent_id": parent}),
        )
        .await;
        assert_eq!(
            (status, error["code"].as_str(), error["field"].as_str()),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(code),
                Some("parent_id")
            ),
            "{error}"
        );
    }
    let (status, page) = text(
        reader
            .post_form(
                "/articles/one/comments",
                &[("body", "Kept text"), ("parent_id", "999999")],
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("does not exist") && page.contains("Kept text"));
    let (status, _) = text(
        reader
            .post_form(
                "/articles/one/comments",
                &[("body", "x"), ("parent_id", "abc")],
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
});

both!(
    informal_mentions_resolve_to_participants,
    |app| async move {
        app.article("dam", "open").await;
        let names = [
            "The Navigator",
            "Kestrel",
            "m_y__ronin",
            "old harbour hand",
            "Kestrel Isle",
        ];
        let mut readers = Vec::new();
        let mut first_comments = Vec::new();
        for name in names {
            let reader = app.reader(name).await;
            first_comments.push(comment_id(&reader, "dam", &format!("{name} was here.")).await);
            readers.push(reader);
        }
        let outsider = app.reader("Outsider").await;
        drop(outsider);
        let writer = app.reader("Marguerite D.").await;
        let cases = [
            (
                "@navigator that is not what the report says",
                "The Navigator",
                "@navigator",
            ),
            (
                "@THE_NAVIGATOR fair point",
                "The Navigator",
                "@THE_NAVIGATOR",
            ),
            ("@thenavigator fair point", "The Navigator", "@thenavigator"),
            ("@kestrel exactly", "Kestrel", "@kestrel"),
            ("@ronin you again", "m_y__ronin", "@ronin"),
            (
                "@harbour hand knows the locks",
                "old harbour hand",
                "@harbour hand",
            ),
            ("@navig, abbreviated", "The Navigator", "@navig"),
            ("@Outsider you should read this", "Outsider", "@Outsider"),
        ];
        for (body, expected, written) in cases {
            let (status, comment) = post(&writer, "dam", json!({ "body": body })).await;
            assert_eq!(status, StatusCode::CREATED);
            let mentions = comment["mentions"].as_array().cloned().unwrap_or_default();
            assert_eq!(mentions.len(), 1, "{body}: {comment}");
            assert_eq!(mentions[0]["user"]["display_name"], expected, "{body}");
            assert_eq!(mentions[0]["text"], written, "{body}");
            assert!(
                comment["body_html"]
                    .as_str()
                    .is_some_and(|h| h.contains("href=\"/users/")),
                "{body}: linked"
            );
        }
        // Opening with a mention answers that participant's latest comment.
        let (_, opening) = post(&writer, "dam", json!({"body": "@kestrel I disagree"})).await;
        assert_eq!(opening["parent_id"].as_i64(), Some(first_comments[1]));
        let (_, addressed) = post(
            &writer,
            "dam",
            json!({"body": "Kestrel, you are wrong about the gates."}),
        )
        .await;
        assert_eq!(addressed["parent_id"].as_i64(), Some(first_comments[1]));
        assert_eq!(addressed["mentions"][0]["user"]["display_name"], "Kestrel");
        let (_, later) = post(
            &writer,
            "dam",
            json!({"body": "Later in the text, @ronin said so."}),
        )
        .await;
        assert_eq!(
            later["parent_id"],
            Value::Null,
            "only a mention that opens the comment makes a reply"
        );

        for body in [
            "@kes is ambiguous",
            "@nobody-at-all knows",
            "write to ann@example.org",
        ] {
            let (_, plain) = post(&writer, "dam", json!({ "body": body })).await;
            assert_eq!(plain["mentions"], json!([]), "{body}: {plain}");
            assert_eq!(plain["parent_id"], Value::Null);
        }

        let many = "@kestrel ".repeat(1_000);
        let (status, flood) = post(&writer, "dam", json!({ "body": many })).await;
        assert_eq!(status, StatusCode::CREATED, "{flood}");
        assert!(
            flood["mentions"].as_array().map_or(0, Vec::len) <= 50,
            "bounded"
        );
    }
);

both!(
    quotations_of_the_article_are_verified_and_counted,
    |app| async move {
        // The test article's body: “We will decide on Thursday,” the chair said. / A second paragraph.
        app.article("vote", "open").await;
        let reader = app.reader("Kestrel").await;
        let cases = [
            ("\"We will decide on Thursday\" — will they?", true, Some(0)),
            ("“we will decide on thursday,” they say", true, Some(0)),
            (
                "> We will  decide on Thursday.\n\nWe will see.",
                true,
                Some(0),
            ),
            ("\"A second paragraph.\" indeed", true, Some(1)),
            ("\"We will decide on Friday\" is what I heard", false, None),
        ];
        for (body, verified, paragraph) in cases {
            let (status, comment) = post(&reader, "vote", json!({ "body": body })).await;
            assert_eq!(status, StatusCode::CREATED);
            let quotes = comment["quotes"].as_array().cloned().unwrap_or_default();
            assert_eq!(quotes.len(), 1, "{body}: {comment}");
            assert_eq!(quotes[0]["verified"], verified, "{body}");
            assert_eq!(
                quotes[0]["paragraph"].as_u64().map(|p| p as usize),
                paragraph,
                "{body}"
            );
        }
        let (_, article) = json(reader.get("/api/v1/articles/vote").await).await;
        assert_eq!(
            article["paragraphs"][0]["quoted_by"]
                .as_array()
                .map(Vec::len),
            Some(3)
        );
        assert_eq!(
            article["paragraphs"][1]["quoted_by"]
                .as_array()
                .map(Vec::len),
            Some(1)
        );
        let (_, page) = reader.text("/articles/vote").await;
        assert!(page.contains("id=\"p1\"") && page.contains("Quoted in 3 comments"));
        assert!(page.contains("Quotes the article word for word: <a href=\"#p1\">paragraph 1</a>"));

        let huge = format!("\"{}\"", "quote ".repeat(17_000));
        let (status, error) = post(&reader, "vote", json!({ "body": huge })).await;
        assert!(
            status == StatusCode::PAYLOAD_TOO_LARGE || status == StatusCode::UNPROCESSABLE_ENTITY,
            "{status} {error}"
        );
    }
);

both!(
    reactions_toggle_and_sort_the_most_liked_first,
    |app| async move {
        app.article("a", "open").await;
        let author = app.reader("Kestrel").await;
        let fans = [app.reader("Fan One").await, app.reader("Fan Two").await];
        let first = comment_id(&author, "a", "First").await;
        let second = comment_id(&author, "a", "Second").await;

        for fan in &fans {
            let (status, toggled) = react(fan, second).await;
            assert_eq!(
                (status, toggled["reacted"].as_bool()),
                (StatusCode::OK, Some(true))
            );
        }
        assert_eq!(react(&fans[0], first).await.1["count"], 1);
        assert_eq!(
            react(&fans[0], first).await.1["count"],
            0,
            "a second press takes it back"
        );
        let (status, error) = react(&author, first).await;
        assert_eq!(
            (status, error["code"].as_str()),
            (StatusCode::FORBIDDEN, Some("forbidden"))
        );
        let (status, _) = react(&app.browser(), first).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);

        let liked = all_comments(&fans[0], "a", "sort=liked").await;
        assert_eq!(
            liked
                .iter()
                .filter_map(|c| c["id"].as_i64())
                .collect::<Vec<_>>(),
            [second, first]
        );
        assert_eq!(liked[0]["reactions"], json!({"count": 2, "reacted": true}));
        assert_eq!(liked[1]["reactions"], json!({"count": 0, "reacted": false}));

        // Without JavaScript: a button that posts and comes back to the comment.
        let response = fans[1]
            .post_form(&format!("/comments/{first}/react"), &[])
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert!(location(&response).ends_with(&format!("#c{first}")));
        let (_, page) = fans[1].text("/articles/a?sort=liked").await;
        assert!(page.contains("aria-pressed=\"true\""));
    }
);

both!(
    readers_who_share_a_rendering_of_the_comments_still_see_their_own_likes_and_comments,
    |app| async move {
        app.article("a", "open").await;
        let author = app.reader("Kestrel").await;
        let fan = app.reader("Fan One").await;
        let passers = [
            app.reader("Passer One").await,
            app.reader("Passer Two").await,
        ];
        let first = comment_id(&author, "a", "First").await;
        let second = comment_id(&author, "a", "Second").await;
        react(&fan, second).await;
        let comment = |page: &str, id: i64| -> String {
            let start = page.find(&format!("<article id=\"c{id}\"")).expect("shown");
            let end = start + page[start..].find("</article>").expect("closed");
            page[start..end].to_owned()
        };

        // Readers who wrote and liked none of the comments see the same ones, once rendered.
        for passer in &passers {
            let (_, page) = passer.text("/articles/a").await;
            for id in [first, second] {
                let shown = comment(&page, id);
                assert!(shown.contains("aria-pressed=\"false\""), "{shown}");
                assert!(shown.contains(&format!("/comments/{id}/report")));
                assert!(!shown.contains(&format!("/comments/{id}/edit")));
            }
        }
        // The same discussion, unchanged since: the others still see what is theirs.
        let (_, page) = fan.text("/articles/a").await;
        assert!(comment(&page, second).contains("aria-pressed=\"true\""));
        assert!(comment(&page, first).contains("aria-pressed=\"false\""));
        let (_, page) = author.text("/articles/a").await;
        let own = comment(&page, first);
        assert!(own.contains(&format!("/comments/{first}/edit")), "{own}");
        assert!(!own.contains(&format!("/comments/{first}/report")));
        assert!(!own.contains("aria-pressed"));
        let (_, page) = app.moderator().await.text("/articles/a").await;
        assert!(comment(&page, first).contains(&format!("/moderation/comments/{first}")));
        let (_, page) = passers[0].text("/articles/a").await;
        assert!(!comment(&page, first).contains("/moderation/"));

        // A new comment shows at once to readers who share the rendering.
        let third = comment_id(&fan, "a", "Third").await;
        let (_, page) = passers[1].text("/articles/a").await;
        assert!(comment(&page, third).contains("Third"));
    }
);

both!(
    authors_edit_within_the_window_and_moderators_see_the_history,
    |app| async move {
        app.article("a", "open").await;
        let author = app.reader("Kestrel").await;
        let other = app.reader("Tomasz W").await;
        let id = comment_id(&author, "a", "Frist!").await;
        let url = app.url(&format!("/api/v1/comments/{id}"));
        let (status, edited) = json(
            author
                .client
                .put(&url)
                .json(&json!({"body": "First!"}))
                .send()
                .await
                .expect("answer"),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{edited}");
        assert_eq!(edited["body"], "First!");
        assert!(edited["edited_at"].is_string());
        let (_, page) = author.text("/articles/a").await;
        assert!(page.contains("class=\"edited\""));

        let (status, error) = json(
            other
                .client
                .put(&url)
                .json(&json!({"body": "Hijacked"}))
                .send()
                .await
                .expect("answer"),
        )
        .await;
        assert_eq!(
            (status, error["code"].as_str()),
            (StatusCode::FORBIDDEN, Some("forbidden"))
        );
        let (status, error) = json(
            author
                .client
                .put(&url)
                .json(&json!({"body": "  "}))
                .send()
                .await
                .expect("answer"),
        )
        .await;
        assert_eq!(
            (status, error["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("empty"))
        );

        // The edit form, without JavaScript.
        let (status, form) = author.text(&format!("/comments/{id}/edit")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(form.contains(">First!</textarea>"));
        let response = author
            .post_form(
                &format!("/comments/{id}/edit"),
                &[("body", "First, and edited twice.")],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);

        let (status, _) = json(other.get(&format!("/api/v1/comments/{id}/history")).await).await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "readers do not see the history"
        );
        let moderator = app.admin().await;
        let (status, history) = json(
            moderator
                .get(&format!("/api/v1/comments/{id}/history"))
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let bodies: Vec<&str> = history["revisions"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| r["body"].as_str())
            .collect();
        assert_eq!(bodies, ["Frist!", "First!"]);
        assert_eq!(history["comment"]["body"], "First, and edited twice.");
        let (status, page) = moderator.text(&format!("/comments/{id}/history")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Frist!"));
    }
);

#[tokio::test]
async fn edits_after_the_window_are_refused() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let app = TestApp::spawn_with(backend, |s| s.comments.edit_window_minutes = 0).await;
        app.article("a", "open").await;
        let author = app.reader("Kestrel").await;
        let id = comment_id(&author, "a", "Too late to change").await;
        let url = app.url(&format!("/api/v1/comments/{id}"));
        let (status, error) = json(
            author
                .client
                .put(&url)
                .json(&json!({"body": "Changed"}))
                .send()
                .await
                .expect("answer"),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(
            error["message"]
                .as_str()
                .is_some_and(|m| m.contains("time for editing")),
            "{error}"
        );
        let (status, page) = author.text(&format!("/comments/{id}/edit")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(page.contains("time for editing"));
    }
}

both!(
    deleted_comments_leave_their_replies_readable,
    |app| async move {
        app.article("a", "open").await;
        let author = app.reader("Kestrel").await;
        let replier = app.reader("The Navigator").await;
        let id = comment_id(&author, "a", "Something I regret").await;
        let (_, reply) = post(
            &replier,
            "a",
            json!({"body": "A reply that stays", "parent_id": id}),
        )
        .await;

        let response = replier
            .post_form(&format!("/comments/{id}/delete"), &[])
            .await;
        assert_eq!(
            response.status(),
            StatusCode::FORBIDDEN,
            "only the author or a moderator"
        );
        let response = author
            .post_form(&format!("/comments/{id}/delete"), &[])
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);

        let (_, page) = replier.text("/articles/a?view=threaded").await;
        assert!(page.contains("Comment deleted.") && !page.contains("Something I regret"));
        assert!(page.contains("A reply that stays"));
        let items = all_comments(&replier, "a", "").await;
        assert_eq!(items[0]["deleted"], true);
        assert_eq!(items[0]["body"], "");
        assert_eq!(items[1]["id"], reply["id"]);
        let (_, article) = json(replier.get("/api/v1/articles/a").await).await;
        assert_eq!(
            article["comment_count"], 1,
            "the deleted comment is not counted"
        );
        let (status, _) = json(
            author
                .client
                .put(app.url(&format!("/api/v1/comments/{id}")))
                .json(&json!({"body": "back"}))
                .send()
                .await
                .expect("answer"),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "no editing after deleting");

        let moderator = app.admin().await;
        let reply_id = reply["id"].as_i64().unwrap_or_default();
        let response = moderator
            .client
            .delete(app.url(&format!("/api/v1/comments/{reply_id}")))
            .send()
            .await
            .expect("answer");
        assert_eq!(response.status(), StatusCode::OK, "moderators may delete");
    }
);

both!(pages_stay_correct_while_comments_arrive, |app| async move {
    app.article("busy", "open").await;
    let reader = app.reader("Kestrel").await;
    let other = app.reader("Tomasz W").await;
    let mut ids = Vec::new();
    for i in 0..5 {
        ids.push(comment_id(&reader, "busy", &format!("Comment {i}")).await);
    }
    for sort in ["oldest", "newest"] {
        let mut seen = Vec::new();
        let mut path = format!("/api/v1/articles/busy/comments?limit=2&sort={sort}");
        let mut arrivals = 0;
        loop {
            let (_, page) = json(reader.get(&path).await).await;
            seen.extend(
                page["items"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|c| c["id"].as_i64()),
            );
            if arrivals < 2 {
                comment_id(&other, "busy", "Breaking: new comment").await;
                arrivals += 1;
            }
            match page["next_cursor"].as_str() {
                Some(cursor) => {
                    path = format!(
                        "/api/v1/articles/busy/comments?limit=2&sort={sort}&cursor={cursor}"
                    )
                }
                None => break,
            }
        }
        let mut unique = seen.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), seen.len(), "{sort}: nothing twice");
        for id in &ids {
            assert!(seen.contains(id), "{sort}: nothing skipped");
        }
    }
    let (status, error) = json(
        reader
            .get("/api/v1/articles/busy/comments?sort=newest&cursor=o5")
            .await,
    )
    .await;
    assert_eq!(
        (status, error["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_cursor"))
    );
    let (status, error) = json(
        reader
            .get("/api/v1/articles/busy/comments?sort=random")
            .await,
    )
    .await;
    assert_eq!(
        (status, error["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("unknown_sort"))
    );
});

#[tokio::test]
async fn threaded_permalinks_land_on_the_right_page() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let app = TestApp::spawn_with(backend, |s| {
            s.comments.page_size = 2;
            s.comments.threads_per_page = 2;
        })
        .await;
        app.article("long", "open").await;
        let reader = app.reader("Kestrel").await;
        let mut roots = Vec::new();
        for i in 0..5 {
            roots.push(comment_id(&reader, "long", &format!("Thread {i}")).await);
        }
        let (_, reply) = post(
            &reader,
            "long",
            json!({"body": "Late reply in thread 4", "parent_id": roots[4]}),
        )
        .await;
        let reply_id = reply["id"].as_i64().unwrap_or_default();
        for view in ["threaded", "flat"] {
            let (_, page) = reader
                .text(&format!("/articles/long?view={view}&around={reply_id}"))
                .await;
            assert!(
                page.contains(&format!("id=\"c{reply_id}\"")),
                "{view}: the permalinked comment is on the page"
            );
            assert!(!page.contains("Thread 0"), "{view}: a later page");
        }
        let (_, list) = json(
            reader
                .get(&format!(
                    "/api/v1/articles/long/comments?view=threaded&around={reply_id}"
                ))
                .await,
        )
        .await;
        let on_page: Vec<i64> = list["items"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| c["id"].as_i64())
            .collect();
        assert_eq!(on_page, [roots[4], reply_id]);
    }
}

both!(the_demo_reads_well_in_both_views, |app| async move {
    let tribune_app::demo::DemoOutcome::Loaded { slug, .. } =
        app.tribune.load_demo().await.expect("demo")
    else {
        panic!("loaded");
    };
    let browser = app.browser();
    let items = all_comments(&browser, &slug, "").await;
    let replies = items.iter().filter(|c| !c["parent_id"].is_null()).count();
    let mentions = items
        .iter()
        .map(|c| c["mentions"].as_array().map_or(0, Vec::len))
        .sum::<usize>();
    let verified = items
        .iter()
        .flat_map(|c| c["quotes"].as_array().cloned().unwrap_or_default())
        .filter(|q| q["verified"] == true)
        .count();
    let misquotes = items
        .iter()
        .flat_map(|c| c["quotes"].as_array().cloned().unwrap_or_default())
        .filter(|q| q["verified"] == false)
        .count();
    assert!(replies >= 8, "{replies} replies");
    assert!(mentions >= 6, "{mentions} mentions");
    assert!(verified >= 6, "{verified} verified quotes");
    assert!(misquotes >= 1, "the misquote is not verified");
    let navigator = items
        .iter()
        .find(|c| {
            c["body"]
                .as_str()
                .is_some_and(|b| b.starts_with("@navigator"))
        })
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        navigator["mentions"][0]["user"]["display_name"],
        "The Navigator"
    );
    for view in ["flat", "threaded"] {
        let (status, page) = browser.text(&format!("/articles/{slug}?view={view}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Quotes the article word for word"), "{view}");
        assert!(
            page.contains(">@navigator</a>"),
            "{view}: mentions are links"
        );
        assert!(
            page.contains("Quoted in"),
            "{view}: paragraphs count their quotes"
        );
    }
    let (_, threaded) = browser
        .text(&format!("/articles/{slug}?view=threaded"))
        .await;
    assert!(threaded.contains("class=\"replies\""));
    let (_, flat) = browser.text(&format!("/articles/{slug}?view=flat")).await;
    assert!(flat.contains("in reply to"));
});

#[tokio::test]
async fn long_threads_show_their_first_replies_and_link_to_the_rest() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let app = TestApp::spawn_with(backend, |s| s.comments.replies_per_thread = 2).await;
        app.article("a", "open").await;
        let reader = app.reader("Kestrel").await;
        let root = comment_id(&reader, "a", "A popular comment").await;
        for i in 0..4 {
            post(
                &reader,
                "a",
                json!({"body": format!("Reply number {i}"), "parent_id": root}),
            )
            .await;
        }
        let (_, page) = reader.text("/articles/a?view=threaded").await;
        assert!(page.contains("Reply number 1") && !page.contains("Reply number 2"));
        assert!(page.contains("Show all replies (2 more)"), "{page}");
        let (_, whole) = reader
            .text(&format!("/articles/a?view=threaded&around={root}"))
            .await;
        assert!(
            whole.contains("Reply number 3"),
            "the thread's permalink shows it whole"
        );
        let (_, list) = json(
            reader
                .get("/api/v1/articles/a/comments?view=threaded")
                .await,
        )
        .await;
        assert_eq!(list["items"][0]["hidden_replies"], 2);
        assert_eq!(list["items"].as_array().map(Vec::len), Some(3));
    }
}

both!(
    signed_in_readers_get_their_own_page_and_see_every_change,
    |app| async move {
        // Their pages are cached for each of them alone.
        app.article("a", "open").await;
        let author = app.reader("Kestrel").await;
        let fan = app.reader("Fan").await;
        let id = comment_id(&author, "a", "First version").await;
        let mine = || async { author.text("/articles/a").await.1 };
        let theirs = || async { fan.text("/articles/a").await.1 };
        let edit_link = format!("/comments/{id}/edit");
        assert!(mine().await.contains(&edit_link), "the author may edit");
        assert!(mine().await.contains("as Kestrel"));
        let fans_page = theirs().await;
        assert!(fans_page.contains("as Fan"), "another reader's own page");
        assert!(
            !fans_page.contains(&edit_link),
            "without the author's buttons"
        );

        react(&fan, id).await;
        assert!(mine().await.contains("1 like"), "a reaction shows at once");
        let reply = app.url("/api/v1/articles/a/comments");
        fan.client
            .post(&reply)
            .json(&json!({"body": "A reply to you", "parent_id": id}))
            .send()
            .await
            .expect("answer");
        assert!(mine().await.contains("A reply to you"), "so does a reply");
    }
);

both!(
    readers_who_are_not_signed_in_see_every_change_at_once,
    |app| async move {
        // Their pages come from a cache; every change to the discussion must show through it.
        app.article("a", "open").await;
        let author = app.reader("Kestrel").await;
        let fan = app.reader("Fan").await;
        let anonymous = app.browser();
        let page = || async { anonymous.text("/articles/a").await.1 };
        let api = || async {
            json(anonymous.get("/api/v1/articles/a/comments").await)
                .await
                .1
        };
        assert!(page().await.contains("No comments yet"));
        assert_eq!(api().await["total"], 0);

        let id = comment_id(&author, "a", "First version").await;
        assert!(page().await.contains("First version"), "a new comment");
        assert_eq!(api().await["items"][0]["body"], "First version");

        react(&fan, id).await;
        assert_eq!(
            api().await["items"][0]["reactions"]["count"],
            1,
            "a reaction"
        );
        assert!(page().await.contains("1 like"));

        let url = app.url(&format!("/api/v1/comments/{id}"));
        author
            .client
            .put(&url)
            .json(&json!({"body": "Second version"}))
            .send()
            .await
            .expect("answer");
        assert!(page().await.contains("Second version"), "an edit");
        assert_eq!(api().await["items"][0]["body"], "Second version");

        author.client.delete(&url).send().await.expect("answer");
        assert!(page().await.contains("Comment deleted."), "a deletion");
        assert_eq!(api().await["items"][0]["deleted"], true);

        let signed_in = author.text("/articles/a").await.1;
        assert!(
            signed_in.contains("Log out"),
            "signed-in readers get their own page"
        );
        assert!(
            !page().await.contains("Log out"),
            "and never someone else's"
        );

        let moderator = app.moderator().await;
        let response = moderator
            .send_json(
                reqwest::Method::PUT,
                "/api/v1/articles/a/open",
                &json!({"open": false}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
        assert!(
            page()
                .await
                .contains("Comments on this article are closed."),
            "a discussion closed by a moderator"
        );
    }
);
