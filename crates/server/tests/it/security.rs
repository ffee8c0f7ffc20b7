//! Cross-site request forgery, escaping of everything a reader can write, security headers,
//! and hostile input that must never produce a server error.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{PASSWORD, assert_inert, both, json, text};

both!(
    cross_site_posts_are_refused_with_an_explanation,
    |app| async move {
        app.article("a", "open").await;
        let reader = app.reader("Kestrel").await;
        let response = reader
            .client
            .post(app.url("/articles/a/comments"))
            .header("origin", "https://evil.example")
            .header("sec-fetch-site", "cross-site")
            .form(&[("body", "forged")])
            .send()
            .await
            .expect("answer");
        let (status, page) = text(response).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(page.contains("came from another site"), "{page}");

        let response = reader
            .client
            .post(app.url("/api/v1/articles/a/comments"))
            .header("origin", "https://evil.example")
            .header("sec-fetch-site", "cross-site")
            .json(&json!({"body": "forged"}))
            .send()
            .await
            .expect("answer");
        let (status, error) = json(response).await;
        assert_eq!(
            (status, error["code"].as_str()),
            (StatusCode::FORBIDDEN, Some("cross_site_request"))
        );

        let response = reader
            .client
            .post(app.url("/logout"))
            .header("origin", "https://evil.example")
            .send()
            .await
            .expect("answer");
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "even logging out");

        // The same form posted from the site itself goes through.
        let response = reader
            .client
            .post(app.url("/articles/a/comments"))
            .header("origin", app.url(""))
            .header("sec-fetch-site", "same-origin")
            .form(&[("body", "genuine")])
            .send()
            .await
            .expect("answer");
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let (_, list) = json(reader.get("/api/v1/articles/a/comments").await).await;
        assert_eq!(list["total"], 1, "only the genuine comment was stored");
    }
);

both!(
    everything_readers_write_is_escaped_or_sanitized,
    |app| async move {
        app.article("a", "open").await;
        let browser = app.browser();
        let evil_name = "<script>alert(1)</script>";
        let (status, _) = json(
        browser
            .post_json(
                "/api/v1/signup",
                &json!({"display_name": evil_name, "email": "x@example.org", "password": PASSWORD}),
            )
            .await,
    )
    .await;
        assert_eq!(status, StatusCode::CREATED);
        for body in [
            "<script>alert('x')</script>",
            "[click](javascript:alert(1))",
            "<img src=x onerror=alert(1)>",
            "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
            "\"><svg onload=alert(1)>",
        ] {
            let (status, _) = json(
                browser
                    .post_json("/api/v1/articles/a/comments", &json!({"body": body}))
                    .await,
            )
            .await;
            assert_eq!(status, StatusCode::CREATED);
        }
        let (_, page) = browser.text("/articles/a").await;
        assert_inert(&page, "article page");
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "the name shows as text"
        );
        let (_, profile) = browser.text("/users/1").await;
        assert_inert(&profile, "profile");
        let (_, list) = json(browser.get("/api/v1/articles/a/comments").await).await;
        for item in list["items"].as_array().into_iter().flatten() {
            assert_inert(
                item["body_html"].as_str().unwrap_or_default(),
                "API body_html",
            );
        }
    }
);

both!(
    naughty_strings_never_cause_a_server_error,
    |app| async move {
        app.article("a", "open").await;
        let reader = app.reader("Kestrel").await;
        let strings: Vec<String> =
            serde_json::from_str(include_str!("../data/blns.json")).expect("the naughty strings");
        for s in &strings {
            let (status, body) = json(
                reader
                    .post_json("/api/v1/articles/a/comments", &json!({"body": s}))
                    .await,
            )
            .await;
            assert!(
                status == StatusCode::CREATED || status == StatusCode::UNPROCESSABLE_ENTITY,
                "{s:?} → {status} {body}"
            );
            let (status, _) = text(
                reader
                    .post_form("/articles/a/comments", &[("body", s.as_str())])
                    .await,
            )
            .await;
            assert!(
                status.is_redirection() || status.is_client_error(),
                "form {s:?} → {status}"
            );
            let (status, _) = json(
                app.browser()
                    .post_json(
                        "/api/v1/signup",
                        &json!({"display_name": s, "email": "n@example.org", "password": "x"}),
                    )
                    .await,
            )
            .await;
            assert!(status.is_client_error(), "signup {s:?} → {status}");
        }
        let (status, page) = reader.text("/articles/a").await;
        assert_eq!(status, StatusCode::OK);
        assert_inert(&page, "page of naughty strings");
        let mut path = "/api/v1/articles/a/comments?limit=500".to_owned();
        loop {
            let (status, list) = json(reader.get(&path).await).await;
            assert_eq!(status, StatusCode::OK);
            match list["next_cursor"].as_str() {
                Some(c) => path = format!("/api/v1/articles/a/comments?limit=500&cursor={c}"),
                None => break,
            }
        }
    }
);

both!(security_headers_on_every_response, |app| async move {
    let browser = app.browser();
    for path in [
        "/",
        "/articles/missing",
        "/api/v1/articles",
        "/static/tribune.css",
    ] {
        let response = browser.get(path).await;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        let csp = header("content-security-policy");
        assert!(
            csp.contains("default-src 'none'") && csp.contains("script-src 'self'"),
            "{path}: {csp}"
        );
        assert!(
            !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
            "{path}: {csp}"
        );
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(
            header("referrer-policy"),
            "strict-origin-when-cross-origin",
            "{path}"
        );
        assert!(!header("x-request-id").is_empty(), "{path}");
    }
    let (_, page) = browser.text("/").await;
    let document = scraper::Html::parse_document(&page);
    for element in document.tree.nodes().filter_map(|n| n.value().as_element()) {
        assert!(
            element.name() != "style" && element.attr("style").is_none(),
            "no inline style: <{}>",
            element.name()
        );
        assert!(
            element.name() != "script" || element.attr("src").is_some(),
            "no inline script"
        );
    }
    assert_inert(&page, "front page");
});

/// The inputs of markdown-it's XSS fixture: blocks between `.` lines, as input then output.
fn markdown_it_inputs() -> Vec<String> {
    let fixture = include_str!("../data/markdown-it_xss_fixture.txt");
    let mut blocks = vec![String::new()];
    for line in fixture.lines() {
        if line == "." {
            blocks.push(String::new());
        } else if let Some(block) = blocks.last_mut() {
            block.push_str(line);
            block.push('\n');
        }
    }
    blocks
        .into_iter()
        .skip(1)
        .step_by(3)
        .filter(|b| !b.trim().is_empty())
        .collect()
}

both!(xss_corpora_render_inert, |app| async move {
    app.article("a", "open").await;
    let reader = app.reader("Kestrel").await;
    let mut payloads: Vec<String> = include_str!("../data/patt_IntrudersXSS.txt")
        .lines()
        .chain(include_str!("../data/patt_JHADDIX_XSS.txt").lines())
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect();
    let fixture = markdown_it_inputs();
    assert!(
        fixture.len() >= 10,
        "the fixture was read ({} inputs)",
        fixture.len()
    );
    payloads.extend(fixture);
    for payload in &payloads {
        let (status, comment) = json(
            reader
                .post_json("/api/v1/articles/a/comments", &json!({ "body": payload }))
                .await,
        )
        .await;
        assert!(
            status == StatusCode::CREATED || status == StatusCode::UNPROCESSABLE_ENTITY,
            "{payload:?} → {status} {comment}"
        );
        if status == StatusCode::CREATED {
            assert_inert(comment["body_html"].as_str().unwrap_or_default(), payload);
        }
    }
    let mut path = "/articles/a?view=flat".to_owned();
    let mut pages = 0;
    loop {
        let (status, page) = reader.text(&path).await;
        assert_eq!(status, StatusCode::OK);
        assert_inert(&page, "a page of XSS payloads");
        pages += 1;
        let next = page
            .split("&amp;after=")
            .nth(1)
            .and_then(|rest| rest.split('#').next())
            .map(str::to_owned);
        match next {
            Some(cursor) if pages < 20 => path = format!("/articles/a?view=flat&after={cursor}"),
            _ => break,
        }
    }
    assert!(pages > 1, "every page was checked");
});

/// The XSS payloads short enough for single-line fields.
fn short_payloads() -> Vec<&'static str> {
    include_str!("../data/patt_IntrudersXSS.txt")
        .lines()
        .chain(include_str!("../data/patt_JHADDIX_XSS.txt").lines())
        .filter(|l| !l.trim().is_empty() && l.chars().count() <= 200)
        .collect()
}

crate::helpers::both_backends!(
    every_field_a_person_sets_renders_inert_everywhere_it_shows,
    |backend| async move {
        let app = crate::helpers::TestApp::spawn_with(backend, |s| {
            s.embed.allowed_origins = vec!["http://news.example".to_owned()];
            s.isso.guest_comments = true;
            s.notifications.interval_ms = 20;
        })
        .await;
        let payloads = short_payloads();
        let token = app
            .tribune
            .create_api_token("xss", "editor")
            .await
            .expect("a token");
        let editor = app.browser();
        let mut slugs = Vec::new();
        // The article's fields, written by a newsroom system.
        for (i, chunk) in payloads.chunks(9).take(12).enumerate() {
            let field = |n: usize| chunk[n % chunk.len()];
            let response = editor
                .client
                .post(app.url("/api/v1/articles"))
                .bearer_auth(&token)
                .json(&json!({
                    "slug": format!("xss-{i}"),
                    "headline": field(0), "lead": field(1),
                    "body": format!("{}\n\n{}", field(2), field(3)),
                    "byline": field(4), "dateline": field(5).chars().take(100).collect::<String>(),
                    "credit": field(6), "source": field(7), "rights": field(8),
                    "tags": [field(0).chars().take(50).collect::<String>()],
                    "comment_policy": "open",
                }))
                .send()
                .await
                .expect("answer");
            let (status, body) = json(response).await;
            assert!(
                status == StatusCode::CREATED || status == StatusCode::UNPROCESSABLE_ENTITY,
                "{status} {body}"
            );
            if status == StatusCode::CREATED {
                slugs.push(body["slug"].as_str().unwrap().to_owned());
            }
        }
        assert!(slugs.len() >= 6, "{} articles with payloads", slugs.len());
        let slug = slugs[0].clone();

        // Readers named with payloads, commenting and replying to each other.
        let target = app.reader("Plain Reader").await;
        let first = json(
            target
                .post_json(
                    &format!("/api/v1/articles/{slug}/comments"),
                    &json!({"body": "A plain comment."}),
                )
                .await,
        )
        .await
        .1["id"]
            .as_i64()
            .unwrap();
        let mut named = Vec::new();
        for (i, name) in payloads
            .iter()
            .filter(|p| p.chars().count() <= 40)
            .take(25)
            .enumerate()
        {
            let browser = app.browser();
            let (status, me) = json(
                browser
                    .post_json(
                        "/api/v1/signup",
                        &json!({"display_name": name, "email": format!("n{i}@example.org"), "password": PASSWORD}),
                    )
                    .await,
            )
            .await;
            if status != StatusCode::CREATED {
                continue;
            }
            let reply = json(
                browser
                    .post_json(
                        &format!("/api/v1/articles/{slug}/comments"),
                        &json!({"body": format!("@Plain Reader {}", payloads[i]), "parent_id": first,
                                "acknowledge_warning": true}),
                    )
                    .await,
            )
            .await;
            assert!(
                reply.0.is_success() || reply.0 == StatusCode::UNPROCESSABLE_ENTITY,
                "{reply:?}"
            );
            named.push((me["id"].as_i64().unwrap(), browser));
        }
        assert!(named.len() >= 5, "{} payload names accepted", named.len());

        // Moderators' words and readers' reports.
        let moderator = app.moderator().await;
        let (_, list) = json(
            moderator
                .get(&format!("/api/v1/articles/{slug}/comments?limit=50"))
                .await,
        )
        .await;
        for (i, item) in list["items"].as_array().unwrap().iter().enumerate() {
            let id = item["id"].as_i64().unwrap();
            let payload = payloads[(i * 7) % payloads.len()];
            match i % 4 {
                0 => {
                    moderator
                        .send_json(
                            reqwest::Method::PUT,
                            &format!("/api/v1/comments/{id}/note"),
                            &json!({"note": payload}),
                        )
                        .await;
                }
                1 => {
                    moderator
                        .post_json(
                            &format!("/api/v1/comments/{id}/reject"),
                            &json!({"reason": payload}),
                        )
                        .await;
                }
                _ => {
                    target
                        .post_json(
                            &format!("/api/v1/comments/{id}/reports"),
                            &json!({"reason": "illegal", "details": payload}),
                        )
                        .await;
                }
            }
        }
        // A guest of the Isso-compatible API, with a payload for a name and a website.
        let guest = app
            .browser()
            .client
            .post(app.url(&format!("/isso/new?uri=%2F{}", "guest-story")))
            .header("Origin", "http://news.example")
            .json(&json!({"text": payloads[3], "author": payloads[4], "website": "javascript:alert(1)",
                          "title": payloads[5]}))
            .send()
            .await
            .expect("answer");
        assert!(guest.status().is_success() || guest.status().is_client_error());

        // Wait for the notifications of the replies.
        for _ in 0..100 {
            let (_, inbox) = json(target.get("/api/v1/me/notifications").await).await;
            if inbox["items"].as_array().is_some_and(|i| !i.is_empty()) {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }

        let mut pages = vec![
            "/".to_owned(),
            format!("/articles/{slug}?view=flat"),
            format!("/articles/{slug}?view=threaded"),
            format!("/articles/{slug}/comments.atom"),
            "/feeds/articles.atom".to_owned(),
        ];
        pages.extend(slugs.iter().map(|s| format!("/articles/{s}")));
        pages.extend(named.iter().map(|(id, _)| format!("/users/{id}")));
        for path in &pages {
            let (status, body) = target.text(path).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            if path.ends_with(".atom") {
                let feed = feed_rs::parser::parse(body.as_bytes()).expect("a feed");
                // Only what the feed declares HTML is HTML to a feed reader; text is text.
                for entry in feed.entries {
                    let content = entry
                        .content
                        .filter(|c| c.content_type.to_string().starts_with("text/html"))
                        .and_then(|c| c.body);
                    let summary = entry
                        .summary
                        .filter(|s| s.content_type.to_string().starts_with("text/html"))
                        .map(|s| s.content);
                    for html in content.into_iter().chain(summary) {
                        assert_inert(&html, &format!("{path} entry"));
                    }
                }
            } else {
                assert_inert(&body, path);
            }
        }
        // Framed for a newsroom's page, the reader's inbox, and the moderators' pages.
        let framed = target
            .client
            .get(app.url(&format!("/articles/{slug}")))
            .header("Sec-Fetch-Dest", "iframe")
            .send()
            .await
            .expect("answer")
            .text()
            .await
            .expect("a page");
        assert_inert(&framed, "framed article");
        let (_, inbox) = target.text("/notifications").await;
        assert_inert(&inbox, "notifications");
        for path in [
            "/moderation?queue=held",
            "/moderation?queue=reported",
            "/moderation?queue=recent",
            "/moderation?queue=rejected",
        ] {
            let (status, page) = moderator.text(path).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            assert_inert(&page, path);
        }
        let (status, audit) = app.admin().await.text("/admin/audit").await;
        assert_eq!(status, StatusCode::OK);
        assert_inert(&audit, "audit log");
        for item in list["items"].as_array().unwrap().iter().take(10) {
            let path = format!("/moderation/comments/{}", item["id"]);
            let (_, page) = moderator.text(&path).await;
            assert_inert(&page, &path);
        }
        // Isso's JSON: the text is sanitized HTML, the name escaped, the website not a script.
        let (_, thread) = json(
            app.browser()
                .client
                .get(app.url("/isso/?uri=%2Fguest-story"))
                .header("Origin", "http://news.example")
                .send()
                .await
                .expect("answer"),
        )
        .await;
        for reply in thread["replies"].as_array().into_iter().flatten() {
            assert_inert(reply["text"].as_str().unwrap_or_default(), "Isso text");
            assert_inert(reply["author"].as_str().unwrap_or_default(), "Isso author");
            assert!(
                !reply["website"]
                    .as_str()
                    .unwrap_or_default()
                    .starts_with("javascript:")
            );
        }
    }
);
