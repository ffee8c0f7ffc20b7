//! The API's answers to malformed requests: always a 4xx with a JSON `code` and `message`.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{both, json};

both!(malformed_requests_get_json_errors, |app| async move {
    app.article("a", "open").await;
    let reader = app.reader("Kestrel").await;
    let url = app.url("/api/v1/articles/a/comments");

    let send = |body: &'static str, content_type: &'static str| {
        reader
            .client
            .post(&url)
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    let cases = [
        (
            "{\"body\": ",
            "application/json",
            StatusCode::BAD_REQUEST,
            "malformed_json",
        ),
        (
            "{\"body\": 42}",
            "application/json",
            StatusCode::UNPROCESSABLE_ENTITY,
            "wrong_shape",
        ),
        (
            "{}",
            "application/json",
            StatusCode::UNPROCESSABLE_ENTITY,
            "wrong_shape",
        ),
        (
            "[1, 2]",
            "application/json",
            StatusCode::UNPROCESSABLE_ENTITY,
            "wrong_shape",
        ),
        (
            "body=hello",
            "application/x-www-form-urlencoded",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
    ];
    for (body, content_type, status, code) in cases {
        let (got, error) = json(send(body, content_type).await.expect("answer")).await;
        assert_eq!(got, status, "{body}: {error}");
        assert_eq!(error["code"], code, "{body}: {error}");
        assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()));
    }

    let huge = json!({"body": "x".repeat(70 * 1024)});
    let (status, error) = json(reader.post_json("/api/v1/articles/a/comments", &huge).await).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{error}");
    assert_eq!(error["code"], "payload_too_large");

    let huge_form = "x".repeat(70 * 1024);
    let response = reader
        .post_form("/articles/a/comments", &[("body", huge_form.as_str())])
        .await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let page = response.text().await.unwrap_or_default();
    assert!(page.contains("larger than the 64 KiB"), "{page}");

    let (status, error) = json(reader.get("/api/v1/no-such-endpoint").await).await;
    assert_eq!(
        (status, error["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    let (status, error) = json(reader.get("/api/v1/articles?limit=lots").await).await;
    assert_eq!(
        (status, error["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("bad_query"))
    );
});
