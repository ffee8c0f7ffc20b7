//! What operators rely on: health, metrics, the OpenAPI document, the demo.

use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::{Backend, TestApp, both, json};

both!(health_and_metrics, |app| async move {
    let browser = app.browser();
    let (status, health) = json(browser.get("/healthz").await).await;
    assert_eq!(
        (status, health["status"].as_str()),
        (StatusCode::OK, Some("ok"))
    );
    app.article("a", "open").await;
    let reader = app.reader("Kestrel").await;
    reader
        .post_json("/api/v1/articles/a/comments", &json!({"body": "Counted"}))
        .await;
    let metrics = browser
        .get("/metrics")
        .await
        .text()
        .await
        .unwrap_or_default();
    assert!(metrics.contains("tribune_http_requests_total"), "{metrics}");
    assert!(
        metrics.contains("route=\"/api/v1/articles/{slug}/comments\""),
        "routes, not raw paths"
    );
    assert!(metrics.contains("tribune_http_request_duration_seconds_bucket"));
    assert!(metrics.contains("tribune_comments_created_total"));

    // A client that leaves the body as sent (reqwest decompresses when its `gzip` feature is
    // on, which the newsroom feed reader turns on).
    let raw = reqwest::Client::builder()
        .no_gzip()
        .build()
        .expect("a client");
    let compressed = raw
        .get(app.url("/articles/a"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .expect("answer");
    let encoding = compressed
        .headers()
        .get("content-encoding")
        .and_then(|v| v.to_str().ok());
    assert_eq!(
        encoding,
        Some("gzip"),
        "pages are compressed when the browser accepts it"
    );
});

#[tokio::test]
async fn openapi_document_matches_the_routes() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let (status, document) = json(app.browser().get("/api/v1/openapi.json").await).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(document["openapi"], "3.1.0");
    let paths: Vec<&str> = document["paths"]
        .as_object()
        .map(|p| p.keys().map(String::as_str).collect())
        .unwrap_or_default();
    for expected in [
        "/api/v1/signup",
        "/api/v1/login",
        "/api/v1/logout",
        "/api/v1/me",
        "/api/v1/articles",
        "/api/v1/articles/{slug}",
        "/api/v1/articles/{slug}/comments",
    ] {
        assert!(
            paths.contains(&expected),
            "{expected} missing from {paths:?}"
        );
    }
    // Every documented operation answers (not 404/405) at its path.
    let browser = app.browser();
    for (path, item) in document["paths"].as_object().into_iter().flatten() {
        for method in item
            .as_object()
            .into_iter()
            .flatten()
            .map(|(m, _)| m.as_str())
        {
            let url = app.url(
                &path
                    .replace("{slug}", "no-such-article")
                    .replace("{id}", "999999"),
            );
            let request = match method {
                "get" => browser.client.get(&url),
                "post" => browser.client.post(&url).json(&json!({})),
                "put" => browser.client.put(&url).json(&json!({})),
                "delete" => browser.client.delete(&url),
                other => panic!("undocumented method {other}"),
            };
            let status = request.send().await.expect("answer").status();
            assert!(
                status != StatusCode::METHOD_NOT_ALLOWED,
                "{method} {path} → {status}"
            );
            assert!(!status.is_server_error(), "{method} {path} → {status}");
        }
    }
    insta::assert_json_snapshot!("openapi", document);
}

both!(
    the_demo_loads_once_with_a_living_discussion,
    |app| async move {
        let outcome = app.tribune.load_demo().await.expect("the demo loads");
        let tribune_app::demo::DemoOutcome::Loaded { slug, comments } = outcome else {
            panic!("loaded the first time");
        };
        assert!(comments >= 20);
        assert_eq!(
            app.tribune.load_demo().await.expect("no error"),
            tribune_app::demo::DemoOutcome::AlreadyLoaded
        );
        let browser = app.browser();
        let (status, page) = browser.text(&format!("/articles/{slug}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains(&format!("{comments} comments")));
        for name in ["Kestrel", "old harbour hand", "m_y__ronin", "The Navigator"] {
            assert!(page.contains(name), "{name} takes part");
        }
        assert!(page.contains("Meridian Wire Service"));
        let (_, list) = json(
            browser
                .get(&format!("/api/v1/articles/{slug}/comments?limit=500"))
                .await,
        )
        .await;
        assert_eq!(list["items"].as_array().map(Vec::len), Some(comments));
        let first: &Value = &list["items"][0];
        assert_eq!(first["author"]["display_name"], "Kestrel");
    }
);

both!(
    readers_not_signed_in_revalidate_and_get_compressed_copies,
    |app| async move {
        app.article("cached", "open").await;
        for name in ["Cache Writer", "Second Writer", "Third Writer"] {
            let writer = app.reader(name).await;
            for i in 0..4 {
                let body = format!(
                    "{name}'s point {i}: the harbour wall repairs should finish before the storms."
                );
                writer
                    .post_json("/api/v1/articles/cached/comments", &json!({"body": body}))
                    .await;
            }
        }
        let client = reqwest::Client::builder().no_gzip().build().unwrap();
        for (path, encoding) in [
            ("/articles/cached", "br"),
            ("/api/v1/articles/cached/comments", "gzip"),
        ] {
            let first = client
                .get(app.url(path))
                .header("accept-encoding", encoding)
                .send()
                .await
                .unwrap();
            assert_eq!(first.status(), StatusCode::OK, "{path}");
            assert_eq!(first.headers()["content-encoding"], encoding, "{path}");
            assert_eq!(first.headers()["cache-control"], "no-cache");
            let etag = first.headers()["etag"].to_str().unwrap().to_owned();
            let again = client
                .get(app.url(path))
                .header("if-none-match", &etag)
                .send()
                .await
                .unwrap();
            assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{path}");
            assert!(again.bytes().await.unwrap().is_empty());
            // A new comment changes the page: the old copy is no longer current.
            app.reader(&format!("Reader of {}", path.len()))
                .await
                .post_json(
                    "/api/v1/articles/cached/comments",
                    &json!({"body": format!("Another thought for {path}.")}),
                )
                .await;
            let changed = client
                .get(app.url(path))
                .header("if-none-match", &etag)
                .send()
                .await
                .unwrap();
            assert_eq!(changed.status(), StatusCode::OK, "{path}");
            assert_ne!(changed.headers()["etag"].to_str().unwrap(), etag);
            let plain = changed.text().await.unwrap();
            assert!(
                plain.contains("Another thought"),
                "{path}: uncompressed without Accept-Encoding"
            );
        }
    }
);

// A large cached page is sent from a file of its own (`tribune_web::zero_copy`): what arrives
// must be the very bytes its ETag was computed from, also when the reader takes them slowly
// and the server must wait for room in the socket again and again.
both!(
    a_large_cached_page_arrives_whole_even_to_a_slow_reader,
    |app| async move {
        let paragraphs: Vec<String> = (1..=150)
            .map(|n| {
                format!(
                    "Paragraph {n}: the ferry timetable for the {n}th crossing changes in spring, \
                     and the harbour office says the evening boats will run until {} o'clock.",
                    n % 12 + 1
                )
            })
            .collect();
        app.publish(tribune_domain::article::ArticleFields {
            slug: Some("long-read".to_owned()),
            headline: "The ferry timetable, crossing by crossing".to_owned(),
            lead: "Every change, in order.".to_owned(),
            body: paragraphs.join("\n\n"),
            comment_policy: Some("open".to_owned()),
            ..Default::default()
        })
        .await;

        let client = reqwest::Client::builder().no_gzip().build().unwrap();
        for _ in 0..2 {
            let response = client
                .get(app.url("/articles/long-read"))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::OK);
            let etag = response.headers()["etag"].to_str().unwrap().to_owned();
            let body = response.bytes().await.unwrap();
            assert!(
                body.len() > tribune_web::zero_copy::SHARE_FROM_BYTES,
                "{}",
                body.len()
            );
            assert_eq!(
                etag,
                format!("\"{:032x}\"", xxhash_rust::xxh3::xxh3_128(&body))
            );
            assert!(String::from_utf8_lossy(&body).contains("Paragraph 150: the ferry"));
        }
        assert!(
            cached_bodies_in_files() > 0,
            "the page is sent from a file of its own"
        );

        // A reader with a small receive window, taking a kilobyte at a time.
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.set_recv_buffer_size(4096).unwrap();
        let mut stream = socket.connect(app.address).await.unwrap();
        stream
            .write_all(
                b"GET /articles/long-read HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
            )
            .await
            .unwrap();
        let mut received = Vec::new();
        let mut chunk = [0u8; 1024];
        loop {
            let n = stream.read(&mut chunk).await.unwrap();
            if n == 0 {
                break;
            }
            received.extend_from_slice(&chunk[..n]);
            tokio::time::sleep(std::time::Duration::from_millis(1)).await;
        }
        let split = received
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a head");
        let head = String::from_utf8_lossy(&received[..split]).to_lowercase();
        let body = &received[split + 4..];
        assert!(head.starts_with("http/1.1 200"), "{head}");
        assert!(
            head.contains(&format!("content-length: {}", body.len())),
            "{head}"
        );
        let etag = format!("\"{:032x}\"", xxhash_rust::xxh3::xxh3_128(body));
        assert!(head.contains(&format!("etag: {etag}")), "{head}");
    }
);

/// How many cached bodies this process holds in files to send them from.
fn cached_bodies_in_files() -> usize {
    std::fs::read_dir("/proc/self/fd")
        .map(|fds| {
            fds.flatten()
                .filter_map(|fd| std::fs::read_link(fd.path()).ok())
                .filter(|target| target.to_string_lossy().contains("tribune-cached-body"))
                .count()
        })
        .unwrap_or(0)
}

// What Schemathesis checks in every CI run (scripts/schemathesis), kept here for the cases it
// found: a malformed address, a body that is not JSON or not sent as JSON, a query string
// that does not parse. Each answer is JSON with a `code`, and its status is one the OpenAPI
// document lists for that operation, so a generated client can rely on the document.
both!(
    every_answer_to_a_malformed_request_is_documented,
    |app| async move {
        let browser = app.browser();
        let (_, document) = json(browser.get("/api/v1/openapi.json").await).await;

        // An article address that is not UTF-8 used to get a text/plain 400.
        let (status, body) = json(browser.get("/api/v1/articles/%FF%FE").await).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::BAD_REQUEST, Some("bad_path"))
        );

        let mut probes = 0;
        for (path, item) in document["paths"].as_object().into_iter().flatten() {
            for (method, operation) in item.as_object().into_iter().flatten() {
                let documented = |status: StatusCode| {
                    operation["responses"]
                        .get(status.as_u16().to_string())
                        .is_some()
                };
                let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes())
                    .expect("an HTTP method");
                let params: Vec<&str> = operation["parameters"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|p| p["name"].as_str())
                    .collect();
                let valid = path
                    .replace("{slug}", "no-such-article")
                    .replace("{id}", "999999");
                let mut requests = vec![(
                    "a malformed address",
                    browser.client.request(
                        method.clone(),
                        app.url(
                            &path
                                .replace("{slug}", "%FF")
                                .replace("{id}", "not-a-number"),
                        ),
                    ),
                )];
                if params.contains(&"limit") {
                    requests.push((
                        "a malformed query string",
                        browser
                            .client
                            .request(method.clone(), app.url(&format!("{valid}?limit=many"))),
                    ));
                }
                if operation.get("requestBody").is_some() {
                    requests.push((
                        "a body that is not JSON",
                        browser
                            .client
                            .request(method.clone(), app.url(&valid))
                            .header("content-type", "application/json")
                            .body("{"),
                    ));
                    requests.push((
                        "a body not sent as JSON",
                        browser
                            .client
                            .request(method.clone(), app.url(&valid))
                            .header("content-type", "text/plain")
                            .body("hello"),
                    ));
                }
                for (what, request) in requests {
                    if what == "a malformed address" && !path.contains('{') {
                        continue;
                    }
                    let (status, body) = json(request.send().await.expect("an answer")).await;
                    assert!(
                        documented(status),
                        "{method} {path} with {what} → {status} {body}, not documented"
                    );
                    assert!(
                        !status.is_success() && body["code"].is_string(),
                        "{method} {path} with {what} → {status} {body}"
                    );
                    probes += 1;
                }
            }
        }
        assert!(probes > 40, "{probes} requests checked");
    }
);

/// Sends the head of a request and part of its body, then waits: what the server answers.
async fn answer_to_a_stalled_upload(app: &TestApp, head: &str) -> (String, String) {
    let mut stream = tokio::net::TcpStream::connect(app.address).await.unwrap();
    stream
        .write_all(format!("{head}Content-Length: 100\r\n\r\nbody=").as_bytes())
        .await
        .unwrap();
    let mut received = Vec::new();
    tokio::time::timeout(
        std::time::Duration::from_secs(20),
        stream.read_to_end(&mut received),
    )
    .await
    .expect("an answer within the server's time limit")
    .unwrap();
    let received = String::from_utf8_lossy(&received);
    let (head, body) = received.split_once("\r\n\r\n").expect("a head");
    (head.to_lowercase(), body.to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_that_takes_too_long_is_told_so_in_words() {
    let app = TestApp::spawn_with(Backend::Sqlite, |s| s.http.request_timeout_secs = 1).await;
    app.article("a", "open").await;

    let (head, body) = answer_to_a_stalled_upload(
        &app,
        "POST /api/v1/articles/a/comments HTTP/1.1\r\nHost: localhost\r\n\
         Content-Type: application/json\r\n",
    )
    .await;
    assert!(head.starts_with("http/1.1 503"), "{head}");
    assert!(head.contains("x-request-id"), "{head}");
    let error: Value = serde_json::from_str(&body).expect("a JSON error");
    assert_eq!(error["code"], "timeout", "{body}");
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| m.contains("took too long")),
        "{body}"
    );

    let (head, body) = answer_to_a_stalled_upload(
        &app,
        "POST /articles/a/comments HTTP/1.1\r\nHost: localhost\r\nAccept-Language: fr\r\n\
         Content-Type: application/x-www-form-urlencoded\r\n",
    )
    .await;
    assert!(head.starts_with("http/1.1 503"), "{head}");
    assert!(head.contains("text/html"), "{head}");
    assert!(
        body.contains("trop de temps"),
        "in the reader's language: {body}"
    );
}
