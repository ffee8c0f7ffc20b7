//! Cross-site request forgery, escaping of everything a reader can write, security headers,
//! and hostile input that must never produce a server error.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{PASSWORD, both, json, text};

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

/// Real tags of an HTML page, with escaped text ignored.
fn tags(html: &str) -> impl Iterator<Item = String> + '_ {
    html.split('<')
        .skip(1)
        .filter_map(|t| t.split_once('>').map(|(tag, _)| tag.to_lowercase()))
}

/// Decodes numeric character references (`&#106;`, `&#x6a;`) as a browser does in attributes.
fn decode_references(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(start) = rest.find("&#") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let (digits, radix) = match after.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (after, 10),
        };
        let len = digits.chars().take_while(|c| c.is_digit(radix)).count();
        match u32::from_str_radix(&digits[..len], radix)
            .ok()
            .and_then(char::from_u32)
        {
            Some(c) if len > 0 => {
                out.push(c);
                rest = digits[len..].strip_prefix(';').unwrap_or(&digits[len..]);
            }
            _ => {
                out.push_str("&#");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn assert_inert(html: &str, context: &str) {
    for tag in tags(html) {
        // The site's own script, from its own origin, is the only one allowed.
        let own_script = tag == r#"script src="/static/tribune.js" defer"#;
        assert!(
            !tag.starts_with("script") || own_script,
            "{context}: a script element: <{tag}>"
        );
        assert!(
            !tag.starts_with("iframe") && !tag.starts_with("img"),
            "{context}: <{tag}>"
        );
        let attributes = tag.split_whitespace().skip(1);
        for attribute in attributes {
            assert!(
                !attribute.starts_with("on"),
                "{context}: event handler in <{tag}>"
            );
        }
        // What a browser would follow: the URL's scheme, with character references decoded,
        // ignoring case and spaces.
        for url in tag.split(['"', '\'']).skip(1).step_by(2) {
            let scheme: String = decode_references(url)
                .trim_start()
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .take(11)
                .collect();
            for bad in ["javascript:", "vbscript:", "data:"] {
                assert!(!scheme.starts_with(bad), "{context}: {bad} URL in <{tag}>");
            }
        }
    }
}

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
    for tag in tags(&page) {
        assert!(
            !tag.starts_with("script") && !tag.starts_with("style"),
            "no inline script or style: <{tag}>"
        );
        assert!(!tag.contains(" style="), "no inline style: <{tag}>");
    }
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
