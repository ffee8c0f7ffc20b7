//! Moderation as moderators and readers meet it: the assessment's warning and holds, the
//! queues, decisions and their audit, reports, bans, trust, policies, search, and who may do
//! what.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{TestApp, both, json, text};

/// A civil discussion of a violent news story, in the vocabulary such stories carry.
const CIVIL_WAR_NEWS: &[&str] = &[
    "The shelling of the eastern districts went on for three nights; the article says at least forty civilians were killed.",
    "If the bombardment of the hospital is confirmed, that is a war crime and the commanders should face a tribunal.",
    "Calling the other side Nazis, as both governments now do, cheapens what the Nazis actually did.",
    "Some accounts online call the market attack a false flag. I have seen no evidence for that at all.",
    "My grandfather survived the siege in 1943. Reading about the shelling again is hard.",
    "The ceasefire collapsed within hours. Who fired first matters less than who keeps firing.",
    "War crimes investigators need access to the sites before the evidence is bulldozed.",
    "Thousands killed and the UN still argues about wording. Shameful.",
    "The photo of the bombed school should be on every front page.",
    "I disagree with the reporter that sanctions have failed; the artillery shortage suggests otherwise.",
    "Genocide is a legal term with a specific meaning; the court will decide whether it applies here.",
    "The interview with the field surgeon was the most important part of this piece.",
    "Both armies used cluster munitions near villages, according to the monitors quoted.",
    "How many of the killed were soldiers and how many civilians? The article should say.",
    "Rape charges against two officers were filed last week; that deserves its own story.",
    "The assassin who killed the mayor was caught at the border, the follow-up report says.",
];

async fn post(reader: &crate::helpers::Browser, slug: &str, body: &Value) -> (StatusCode, Value) {
    json(
        reader
            .post_json(&format!("/api/v1/articles/{slug}/comments"), body)
            .await,
    )
    .await
}

both!(
    a_civil_discussion_of_violent_news_is_published_whole,
    |app| async move {
        app.article("siege", "open").await;
        let readers = [
            app.reader("east bank").await,
            app.reader("river watcher").await,
            app.reader("old archivist").await,
        ];
        for (i, body) in CIVIL_WAR_NEWS.iter().enumerate() {
            let (status, comment) = post(&readers[i % 3], "siege", &json!({"body": body})).await;
            assert_eq!(status, StatusCode::CREATED, "{body}: {comment}");
            assert_eq!(comment["status"], "published", "{body}");
        }
        let (_, list) = json(app.browser().get("/api/v1/articles/siege/comments").await).await;
        assert_eq!(list["total"], CIVIL_WAR_NEWS.len());
    }
);

both!(
    an_abusive_comment_is_flagged_before_posting_then_held_and_approved,
    |app| async move {
        app.article("budget", "open").await;
        let reader = app.reader("hot head").await;
        let abuse = "You are an idiot and a liar, shut up.";
        // The author is told first, with reasons, and may revise.
        let (status, warning) = post(&reader, "budget", &json!({"body": abuse})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{warning}");
        assert_eq!(warning["code"], "likely_abusive");
        assert!(
            warning["reasons"].as_array().is_some_and(|r| !r.is_empty()),
            "{warning}"
        );
        // The page says the same and keeps the text.
        let (status, page) = text(
            reader
                .post_form("/articles/budget/comments", &[("body", abuse)])
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("acknowledge_warning"));
        assert!(page.contains("You are an idiot and a liar"));
        // Posted anyway: it waits for a moderator; its author sees it, nobody else does.
        let (status, held) = post(
            &reader,
            "budget",
            &json!({"body": abuse, "acknowledge_warning": true}),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED);
        assert_eq!(held["status"], "held");
        let id = held["id"].as_i64().unwrap();
        let (_, public) = json(app.browser().get("/api/v1/articles/budget/comments").await).await;
        assert_eq!(public["items"].as_array().unwrap().len(), 0);
        assert!(
            held.get("assessment").is_none(),
            "authors do not see scores"
        );

        let moderator = app.moderator().await;
        let (status, queue) =
            json(moderator.get("/api/v1/moderation/queue?queue=held").await).await;
        assert_eq!(status, StatusCode::OK);
        let item = &queue["items"][0];
        assert_eq!(item["id"], id);
        assert_eq!(item["assessment"]["decision"], "hold");
        assert!(item["assessment"]["reasons"][0]["code"].is_string());
        assert!(item["assessment"]["scores"]["risk"].is_number());
        let (status, listed) = json(
            moderator
                .get("/api/v1/articles/budget/comments?status=held")
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(listed["items"][0]["id"], id);
        let (status, _) = json(
            reader
                .get("/api/v1/articles/budget/comments?status=held")
                .await,
        )
        .await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "readers cannot list held comments"
        );

        let (status, approved) = json(
            moderator
                .post_json(&format!("/api/v1/comments/{id}/approve"), &json!({}))
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(approved["status"], "published");
        let (_, public) = json(app.browser().get("/api/v1/articles/budget/comments").await).await;
        assert_eq!(public["items"][0]["id"], id);
        assert_eq!(public["total"], 1);

        let admin = app.admin().await;
        let (status, log) = json(admin.get("/api/v1/moderation/audit").await).await;
        assert_eq!(status, StatusCode::OK);
        let entry = log
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["action"] == "approve")
            .expect("the approval is in the audit log");
        assert_eq!(entry["actor"], "Mo Moderator");
        assert_eq!(entry["target_id"], id);
        assert_eq!(entry["before"]["status"], "held");
        assert_eq!(entry["after"]["status"], "published");
    }
);

both!(a_rejected_comment_tells_its_author_why, |app| async move {
    app.article("rates", "open").await;
    let reader = app.reader("rate watcher").await;
    let (_, comment) = post(&reader, "rates", &json!({"body": "Rates should go up."})).await;
    let id = comment["id"].as_i64().unwrap();
    let moderator = app.moderator().await;
    let (status, body) = json(
        moderator
            .post_json(
                &format!("/api/v1/comments/{id}/reject"),
                &json!({"reason": " "}),
            )
            .await,
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a reason is required: {body}"
    );
    let (status, _) = json(
        moderator
            .post_json(
                &format!("/api/v1/comments/{id}/reject"),
                &json!({"reason": "Off topic: this article is about housing."}),
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, own) = json(reader.get(&format!("/api/v1/comments/{id}")).await).await;
    assert_eq!(own["status"], "rejected");
    assert_eq!(
        own["rejection_reason"],
        "Off topic: this article is about housing."
    );
    let (_, page) = reader.text("/articles/rates").await;
    assert!(page.contains("Off topic: this article is about housing."));
    let (status, _) = json(app.browser().get(&format!("/api/v1/comments/{id}")).await).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, article) = json(app.browser().get("/api/v1/articles/rates").await).await;
    assert_eq!(
        article["comment_count"], 0,
        "rejected comments are not counted"
    );
});

both!(
    reports_send_a_comment_to_the_reported_queue,
    |app| async move {
        app.article("transit", "open").await;
        let author = app.reader("tram fan").await;
        let (_, comment) = post(
            &author,
            "transit",
            &json!({"body": "Buses are better than trams."}),
        )
        .await;
        let id = comment["id"].as_i64().unwrap();
        let path = format!("/api/v1/comments/{id}/reports");
        let (status, _) = json(author.post_json(&path, &json!({"reason": "spam"})).await).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "not one's own comment");
        let first = app.reader("first reporter").await;
        let (status, body) =
            json(first.post_json(&path, &json!({"reason": "illegal"})).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["field"], "details");
        let (status, _) = json(
            first
                .post_json(&path, &json!({"reason": "off_topic"}))
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::CREATED);
        let moderator = app.moderator().await;
        let (_, queue) = json(
            moderator
                .get("/api/v1/moderation/queue?queue=reported")
                .await,
        )
        .await;
        assert!(
            queue["items"].as_array().unwrap().is_empty(),
            "one report is not enough"
        );
        let second = app.reader("second reporter").await;
        let (status, _) = json(
            second
                .post_json(
                    &path,
                    &json!({"reason": "abuse", "details": "Mocks tram drivers"}),
                )
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::CREATED);
        let (_, queue) = json(
            moderator
                .get("/api/v1/moderation/queue?queue=reported")
                .await,
        )
        .await;
        assert_eq!(queue["items"][0]["id"], id);
        assert_eq!(queue["items"][0]["open_reports"], 2);
        assert_eq!(
            queue["items"][0]["reports"][1]["details"],
            "Mocks tram drivers"
        );
        let (status, _) = json(
            moderator
                .post_json(
                    &format!("/api/v1/comments/{id}/dismiss-reports"),
                    &json!({}),
                )
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let (_, queue) = json(
            moderator
                .get("/api/v1/moderation/queue?queue=reported")
                .await,
        )
        .await;
        assert!(queue["items"].as_array().unwrap().is_empty());
        // Reporting through the page keeps the reader's words when something is missing.
        let third = app.reader("third reporter").await;
        let (status, page) = text(
            third
                .post_form(
                    &format!("/comments/{id}/report"),
                    &[("reason", "illegal"), ("details", "")],
                )
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("Say what is illegal"));
    }
);

both!(
    a_banned_reader_cannot_take_part_until_the_ban_is_lifted,
    |app| async move {
        app.article("ferry", "open").await;
        let troll = app.reader("ferry troll").await;
        let troll_id = troll.id().await;
        let (_, comment) = post(
            &troll,
            "ferry",
            &json!({"body": "The ferry is late again."}),
        )
        .await;
        let moderator = app.moderator().await;
        let (status, body) = json(
            moderator
                .post_json(
                    &format!("/api/v1/users/{troll_id}/ban"),
                    &json!({"days": 7, "reason": "Repeated personal attacks", "remove_comments": true}),
                )
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["removed_comments"], 1);
        let (status, refused) = post(&troll, "ferry", &json!({"body": "Still here."})).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(refused["code"], "banned");
        assert!(
            refused["message"]
                .as_str()
                .unwrap()
                .contains("Repeated personal attacks")
        );
        let (_, own) = json(
            troll
                .get(&format!("/api/v1/comments/{}", comment["id"]))
                .await,
        )
        .await;
        assert_eq!(own["status"], "rejected");
        // Staff cannot be banned, and nobody bans themselves.
        let admin = app.admin().await;
        let moderator_id = moderator.id().await;
        let (status, _) = json(
            admin
                .post_json(
                    &format!("/api/v1/users/{moderator_id}/ban"),
                    &json!({"reason": "x"}),
                )
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = json(
            moderator
                .send_json(
                    Method::DELETE,
                    &format!("/api/v1/users/{troll_id}/ban"),
                    &json!({}),
                )
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, _) = post(&troll, "ferry", &json!({"body": "I will be civil."})).await;
        assert_eq!(status, StatusCode::CREATED);
    }
);

both!(
    pre_moderation_holds_comments_until_trusted,
    |app| async move {
        app.article("pre", "pre-moderated").await;
        app.article("newcomers", "pre-moderate-untrusted").await;
        let reader = app.reader("new voice").await;
        let (_, held) = post(
            &reader,
            "pre",
            &json!({"body": "A fair point about parking."}),
        )
        .await;
        assert_eq!(held["status"], "held");
        let (_, held) = post(
            &reader,
            "newcomers",
            &json!({"body": "First time commenting here."}),
        )
        .await;
        assert_eq!(held["status"], "held", "a new account waits");
        let moderator = app.moderator().await;
        let id = reader.id().await;
        let (status, _) = json(
            moderator
                .send_json(
                    Method::PUT,
                    &format!("/api/v1/users/{id}/trusted"),
                    &json!({"trusted": true}),
                )
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (_, published) = post(
            &reader,
            "newcomers",
            &json!({"body": "Trusted now, it seems."}),
        )
        .await;
        assert_eq!(published["status"], "published");
        let (_, published) = post(&reader, "pre", &json!({"body": "And here too."})).await;
        assert_eq!(
            published["status"], "published",
            "trust skips pre-moderation"
        );
    }
);

both!(
    moderators_feature_annotate_close_and_search,
    |app| async move {
        app.article("library", "open").await;
        let reader = app.reader("book keeper").await;
        let (_, comment) = post(
            &reader,
            "library",
            &json!({"body": "The reading room closes at noon on Saturdays now."}),
        )
        .await;
        let id = comment["id"].as_i64().unwrap();
        let moderator = app.moderator().await;
        let put = |path: String, body: Value| {
            let moderator = &moderator;
            async move { json(moderator.send_json(Method::PUT, &path, &body).await).await }
        };
        assert_eq!(
            put(
                format!("/api/v1/comments/{id}/featured"),
                json!({"featured": true})
            )
            .await
            .0,
            StatusCode::OK
        );
        assert_eq!(
            put(
                format!("/api/v1/comments/{id}/note"),
                json!({"note": "Confirmed with the library."})
            )
            .await
            .0,
            StatusCode::OK
        );
        assert_eq!(
            put(
                "/api/v1/articles/library/note".to_owned(),
                json!({"note": "Please stay on topic."})
            )
            .await
            .0,
            StatusCode::NO_CONTENT
        );
        let (_, page) = app.browser().text("/articles/library").await;
        assert!(page.contains("Featured by the moderators"));
        assert_eq!(
            page.matches(&format!("id=\"c{id}\"")).count(),
            1,
            "the featured copy takes its own anchor"
        );
        assert!(page.contains("Confirmed with the library."));
        assert!(page.contains("Please stay on topic."));
        let (_, search) = json(
            moderator
                .get("/api/v1/moderation/search?q=reading%20room")
                .await,
        )
        .await;
        assert_eq!(search["items"][0]["id"], id);
        // Search syntax characters are searched for, not obeyed (FTS5 would fail on `")(*`).
        let (status, none) = json(
            moderator
                .get("/api/v1/moderation/search?q=%22%29%28*%20OR%20room")
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{none}");
        assert_eq!(none["items"].as_array().map(Vec::len), Some(0), "{none}");
        assert_eq!(
            put(
                "/api/v1/articles/library/open".to_owned(),
                json!({"open": false})
            )
            .await
            .0,
            StatusCode::NO_CONTENT
        );
        let (status, closed) = post(&reader, "library", &json!({"body": "One more thing."})).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(closed["code"], "comments_closed");
        // The moderator's edit keeps the original in the history, with a public note.
        let (status, edited) = json(
            moderator
                .post_json(
                    &format!("/api/v1/comments/{id}/moderator-edit"),
                    &json!({"body": "The reading room closes at noon.", "note": "Shortened."}),
                )
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{edited}");
        assert_eq!(edited["moderator_note"], "Shortened.");
        // The queue page works without JavaScript, and moderators act from it.
        let (status, queue) = moderator.text("/moderation?queue=recent").await;
        assert_eq!(status, StatusCode::OK);
        assert!(queue.contains("The reading room closes at noon."));
        let response = moderator
            .post_form(
                &format!("/moderation/comments/{id}/reject"),
                &[
                    ("reason", "Duplicate of the notice"),
                    ("back", "/moderation?queue=recent"),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert!(crate::helpers::location(&response).starts_with("/moderation?queue=recent"));
    }
);

/// Who may do what: every moderation action, for every kind of caller. Anything not listed
/// as allowed must be refused.
async fn matrix(app: TestApp) {
    app.article("matrix", "open").await;
    let author = app.reader("matrix author").await;
    let author_id = author.id().await;
    let (_, comment) = post(&author, "matrix", &json!({"body": "A comment to act on."})).await;
    let id = comment["id"].as_i64().unwrap();
    let reader = app.reader("other reader").await;
    let moderator = app.moderator().await;
    let admin = app.admin().await;
    let banned = app.reader("banned reader").await;
    let banned_id = banned.id().await;
    let (status, _) = json(
        admin
            .post_json(
                &format!("/api/v1/users/{banned_id}/ban"),
                &json!({"reason": "test"}),
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let anonymous = app.browser();

    let actions: Vec<(Method, String, Value)> = vec![
        (Method::GET, "/api/v1/moderation/queue".into(), json!(null)),
        (
            Method::GET,
            "/api/v1/moderation/search?q=comment".into(),
            json!(null),
        ),
        (
            Method::GET,
            "/api/v1/articles/matrix/comments?status=all".into(),
            json!(null),
        ),
        (
            Method::POST,
            format!("/api/v1/comments/{id}/approve"),
            json!({}),
        ),
        (
            Method::POST,
            format!("/api/v1/comments/{id}/reject"),
            json!({"reason": "r"}),
        ),
        (
            Method::POST,
            format!("/api/v1/comments/{id}/moderator-edit"),
            json!({"body": "b", "note": "n"}),
        ),
        (
            Method::PUT,
            format!("/api/v1/comments/{id}/note"),
            json!({"note": "n"}),
        ),
        (
            Method::PUT,
            format!("/api/v1/comments/{id}/featured"),
            json!({"featured": false}),
        ),
        (
            Method::POST,
            format!("/api/v1/comments/{id}/dismiss-reports"),
            json!({}),
        ),
        (
            Method::PUT,
            "/api/v1/articles/matrix/note".into(),
            json!({"note": ""}),
        ),
        (
            Method::PUT,
            "/api/v1/articles/matrix/open".into(),
            json!({"open": true}),
        ),
        (
            Method::PUT,
            format!("/api/v1/users/{author_id}/trusted"),
            json!({"trusted": false}),
        ),
        (
            Method::POST,
            format!("/api/v1/users/{author_id}/ban"),
            json!({"days": 1, "reason": "r"}),
        ),
        (
            Method::DELETE,
            format!("/api/v1/users/{author_id}/ban"),
            json!({}),
        ),
        (Method::GET, "/api/v1/moderation/audit".into(), json!(null)),
        (Method::GET, "/moderation".into(), json!(null)),
        (
            Method::GET,
            format!("/moderation/comments/{id}"),
            json!(null),
        ),
        (
            Method::GET,
            format!("/moderation/users/{author_id}"),
            json!(null),
        ),
        (Method::GET, "/admin/audit".into(), json!(null)),
    ];
    let admin_only = |path: &str| path.contains("/audit");
    let callers = [
        ("anonymous", &anonymous, 0),
        ("reader", &reader, 1),
        ("banned", &banned, 1),
        ("author", &author, 1),
        ("moderator", &moderator, 2),
        ("admin", &admin, 3),
    ];
    let mut unexpected = Vec::new();
    for (method, path, body) in &actions {
        for (who, browser, rank) in &callers {
            let response = if body.is_null() {
                browser.client.get(app.url(path)).send().await.unwrap()
            } else {
                browser.send_json(method.clone(), path, body).await
            };
            let status = response.status();
            let needed = if admin_only(path) { 3 } else { 2 };
            let allowed = *rank >= needed;
            let ok = if allowed {
                status.is_success()
            } else {
                matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN)
            };
            if !ok {
                unexpected.push(format!("{who} {method} {path} -> {status}"));
            }
        }
    }
    assert!(
        unexpected.is_empty(),
        "unexpected answers:\n{}",
        unexpected.join("\n")
    );

    // Reader actions: open to every signed-in reader in good standing; a banned account is
    // refused everything that writes, and nobody acts without signing in.
    let (_, target) = post(
        &author,
        "matrix",
        &json!({"body": "Another comment to act on."}),
    )
    .await;
    let target = target["id"].as_i64().unwrap();
    let mut unexpected = Vec::new();
    for (who, browser, allowed) in [
        ("reader", &reader, true),
        ("moderator", &moderator, true),
        ("admin", &admin, true),
        ("banned", &banned, false),
        ("anonymous", &anonymous, false),
    ] {
        for (method, path, body) in [
            (
                Method::POST,
                "/api/v1/articles/matrix/comments".to_owned(),
                json!({"body": format!("A view from {who}.")}),
            ),
            (
                Method::POST,
                format!("/api/v1/comments/{target}/reactions"),
                json!({}),
            ),
            (
                Method::POST,
                format!("/api/v1/comments/{target}/reports"),
                json!({"reason": "off_topic"}),
            ),
        ] {
            let status = browser
                .send_json(method.clone(), &path, &body)
                .await
                .status();
            if status.is_success() != allowed {
                unexpected.push(format!("{who} {method} {path} -> {status}"));
            }
        }
    }
    // Editing belongs to the author; deleting to the author and moderators.
    for (who, browser) in [
        ("reader", &reader),
        ("banned", &banned),
        ("anonymous", &anonymous),
        ("moderator", &moderator),
    ] {
        let edit = browser
            .send_json(
                Method::PUT,
                &format!("/api/v1/comments/{target}"),
                &json!({"body": "changed"}),
            )
            .await
            .status();
        if edit.is_success() {
            unexpected.push(format!("{who} edited another's comment -> {edit}"));
        }
    }
    for (who, browser) in [
        ("reader", &reader),
        ("banned", &banned),
        ("anonymous", &anonymous),
    ] {
        let delete = browser
            .send_json(
                Method::DELETE,
                &format!("/api/v1/comments/{target}"),
                &json!({}),
            )
            .await
            .status();
        if delete.is_success() {
            unexpected.push(format!("{who} deleted another's comment -> {delete}"));
        }
    }
    assert!(
        unexpected.is_empty(),
        "unexpected answers:\n{}",
        unexpected.join("\n")
    );
    let edit = author
        .send_json(
            Method::PUT,
            &format!("/api/v1/comments/{target}"),
            &json!({"body": "Changed by its author."}),
        )
        .await
        .status();
    assert_eq!(edit, StatusCode::OK);
    let delete = moderator
        .send_json(
            Method::DELETE,
            &format!("/api/v1/comments/{target}"),
            &json!({}),
        )
        .await
        .status();
    assert_eq!(delete, StatusCode::OK);
    let (_, log) = json(admin.get("/api/v1/moderation/audit").await).await;
    assert!(
        log.as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "delete" && e["target_id"] == target),
        "a moderator's deletion is audited"
    );

    // The banned account is told why.
    for (method, path, body) in [
        (
            Method::POST,
            "/api/v1/articles/matrix/comments".to_owned(),
            json!({"body": "hello"}),
        ),
        (
            Method::POST,
            format!("/api/v1/comments/{id}/reports"),
            json!({"reason": "spam"}),
        ),
    ] {
        let (status, answer) = json(banned.send_json(method, &path, &body).await).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}: {answer}");
        assert_eq!(answer["code"], "banned");
        let (status, _) = json(anonymous.post_json(&path, &body).await).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
    }
}

both!(
    every_moderation_action_is_refused_to_those_without_the_role,
    |app| async move { matrix(app).await }
);

async fn spam_to_a_blocked_domain_is_rejected(backend: crate::helpers::Backend) {
    let app = TestApp::spawn_with(backend, |settings| {
        settings.moderation.blocked_domains = vec!["cheap-pills.example".to_owned()];
    })
    .await;
    app.article("pharmacy", "open").await;
    let spammer = app.reader("deal finder").await;
    let (status, comment) = post(
        &spammer,
        "pharmacy",
        &json!({"body": "Great prices today at https://shop.cheap-pills.example/now for everyone"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{comment}");
    assert_eq!(comment["status"], "rejected");
    assert!(
        comment["rejection_reason"]
            .as_str()
            .is_some_and(|r| r.starts_with("Rejected automatically")),
        "{comment}"
    );
    let moderator = app.moderator().await;
    let (_, rejected) = json(
        moderator
            .get("/api/v1/moderation/queue?queue=rejected")
            .await,
    )
    .await;
    let codes: Vec<&str> = rejected["items"][0]["assessment"]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["code"].as_str())
        .collect();
    assert!(codes.contains(&"blocked_domain"), "{codes:?}");
    let (_, filtered) = json(
        moderator
            .get("/api/v1/moderation/queue?queue=rejected&reason=blocked_domain")
            .await,
    )
    .await;
    assert_eq!(filtered["items"].as_array().unwrap().len(), 1);
}

both!(
    a_queue_narrows_to_one_article_one_author_or_both,
    |app| async move {
        app.article("bridge", "open").await;
        app.article("budget", "open").await;
        let ana = app.reader("Ana Reader").await;
        let ben = app.reader("Ben Reader").await;
        let mut posted = Vec::new();
        for (reader, slug, body) in [
            (
                &ana,
                "bridge",
                "The bridge closure adds twenty minutes to the school run.",
            ),
            (
                &ben,
                "bridge",
                "Night works would have kept the bridge open by day.",
            ),
            (
                &ana,
                "budget",
                "The budget leaves the library hours exactly where they were.",
            ),
            (
                &ben,
                "budget",
                "Another year without a pay rise for the bin crews, then.",
            ),
        ] {
            let (status, comment) = post(reader, slug, &json!({ "body": body })).await;
            assert_eq!(status, StatusCode::CREATED, "{comment}");
            posted.push(comment["id"].as_i64().unwrap());
        }
        let ana_id = ana.id().await;
        let moderator = app.moderator().await;
        let ids = |query: String| {
            let moderator = &moderator;
            async move {
                let (status, list) = json(
                    moderator
                        .get(&format!("/api/v1/moderation/queue?queue=all{query}"))
                        .await,
                )
                .await;
                assert_eq!(status, StatusCode::OK, "{list}");
                list["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|entry| entry["id"].as_i64().unwrap())
                    .collect::<Vec<_>>()
            }
        };
        // Newest first.
        assert_eq!(
            ids(String::new()).await,
            [posted[3], posted[2], posted[1], posted[0]]
        );
        assert_eq!(ids("&article=bridge".into()).await, [posted[1], posted[0]]);
        assert_eq!(
            ids(format!("&author={ana_id}")).await,
            [posted[2], posted[0]]
        );
        assert_eq!(
            ids(format!("&article=budget&author={ana_id}")).await,
            [posted[2]]
        );
        let (status, _) = json(
            moderator
                .get("/api/v1/moderation/queue?queue=rejected&article=bridge")
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
    }
);

mod spam {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::spam_to_a_blocked_domain_is_rejected(crate::helpers::Backend::Sqlite).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::spam_to_a_blocked_domain_is_rejected(crate::helpers::Backend::Postgres).await
    }
}

/// The site's policies: pre-moderation of untrusted accounts until their first comments are
/// published, and discussions that close some days after publication unless the article says
/// otherwise.
async fn site_policies(backend: crate::helpers::Backend) {
    let app = TestApp::spawn_with(backend, |settings| {
        settings.moderation.mode = tribune_domain::moderation::ModerationMode::PreUntrusted;
        settings.moderation.trusted_after = 1;
        settings.comments.close_after_days = 3;
    })
    .await;
    let editor = tribune_app::accounts::Editor {
        token_id: 0,
        name: "tests".to_owned(),
    };
    let publish = |slug: &'static str, days_ago: i64, closes_in_days: Option<i64>| {
        let app = &app;
        let editor = &editor;
        async move {
            let now = tribune_app::Tribune::now();
            app.tribune
                .create_article(
                    tribune_app::articles::Publisher::Editor(editor),
                    tribune_domain::article::ArticleFields {
                        slug: Some(slug.to_owned()),
                        headline: format!("Story {slug}"),
                        body: "A paragraph.".to_owned(),
                        published_at: Some(now - time::Duration::days(days_ago)),
                        closes_at: closes_in_days.map(|d| now + time::Duration::days(d)),
                        ..Default::default()
                    },
                )
                .await
                .expect("published");
        }
    };
    publish("fresh", 0, None).await;
    publish("old", 5, None).await;
    publish("kept-open", 5, Some(10)).await;

    let reader = app.reader("first timer").await;
    let (_, first) = post(&reader, "fresh", &json!({"body": "My first comment here."})).await;
    assert_eq!(first["status"], "held", "an untrusted account waits");
    let moderator = app.moderator().await;
    let (status, _) = json(
        moderator
            .post_json(
                &format!("/api/v1/comments/{}/approve", first["id"]),
                &json!({}),
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, second) = post(&reader, "fresh", &json!({"body": "And a second one."})).await;
    assert_eq!(
        second["status"], "published",
        "trusted once a comment was published"
    );

    let (status, closed) = post(&reader, "old", &json!({"body": "Too late?"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{closed}");
    assert_eq!(closed["code"], "comments_closed");
    let (status, _) = post(&reader, "kept-open", &json!({"body": "Not too late here."})).await;
    assert_eq!(
        status,
        StatusCode::CREATED,
        "the article's own closing time wins"
    );
}

mod policies {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::site_policies(crate::helpers::Backend::Sqlite).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::site_policies(crate::helpers::Backend::Postgres).await
    }
}
