//! Discussions on a newsroom's own pages: the frame's entry opens one discussion per page of
//! an allowlisted site, framed pages may be framed by those sites only, comment counts for
//! lists of articles, signing in inside the frame (one-time code, single sign-on) with a
//! partitioned cookie of its own, and the link shown without JavaScript.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use reqwest::StatusCode;
use reqwest::header::{CONTENT_SECURITY_POLICY, CONTENT_TYPE, SET_COOKIE, X_FRAME_OPTIONS};
use serde_json::{Value, json};
use sha2::Sha256;

use crate::helpers::{Browser, TestApp, both_backends, json, location, text};

const NEWS: &str = "https://news.example";
const SSO_SECRET: &str = "the newsroom and Tribune share this secret";

async fn embedding_site(backend: crate::helpers::Backend) -> TestApp {
    TestApp::spawn_with(backend, |s| {
        s.embed.allowed_origins = vec![NEWS.to_owned(), "http://localhost:8001".to_owned()];
        s.embed.sso_secret = SSO_SECRET.to_owned();
    })
    .await
}

fn thread_path(url: &str, title: &str) -> String {
    format!(
        "/embed/thread?url={}&title={}",
        urlencode(url),
        urlencode(title)
    )
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The slug the frame's entry leads to.
async fn open_thread(browser: &Browser, url: &str, title: &str) -> String {
    let response = browser.get(&thread_path(url, title)).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{url}");
    let to = location(&response);
    to.strip_prefix("/articles/")
        .and_then(|rest| rest.strip_suffix("#comments"))
        .unwrap_or_else(|| panic!("the entry leads to a discussion, not {to}"))
        .to_owned()
}

/// A request as a browser makes it for a page inside a frame.
async fn framed(browser: &Browser, path: &str) -> reqwest::Response {
    browser
        .client
        .get(browser_url(browser, path))
        .header("Sec-Fetch-Dest", "iframe")
        .send()
        .await
        .expect("the server answers")
}

fn browser_url(browser: &Browser, path: &str) -> String {
    format!("{}{path}", browser.base())
}

both_backends!(
    an_embedded_page_opens_one_discussion,
    |backend| async move {
        let app = embedding_site(backend).await;
        let browser = app.browser();
        let before = app.db.store.count_articles().await.unwrap();
        let slug = open_thread(
            &browser,
            "https://news.example/politics/budget-vote",
            "The budget passes after a night of talks",
        )
        .await;
        assert_eq!(slug, "the-budget-passes-after-a-night-of-talks");
        let article = app.tribune.article(&slug).await.unwrap();
        assert_eq!(article.headline, "The budget passes after a night of talks");
        assert_eq!(
            article.canonical_url,
            "https://news.example/politics/budget-vote"
        );

        // Other spellings of the same page, and another title, find the same discussion.
        for url in [
            "http://NEWS.example/politics/budget-vote/",
            "https://news.example:443/politics/budget-vote?utm_source=social&fbclid=x",
            "https://news.example/politics/budget-vote#comments",
        ] {
            assert_eq!(
                open_thread(&browser, url, "Another title").await,
                slug,
                "{url}"
            );
        }
        // Another page with the same headline gets its own discussion and slug.
        let other = open_thread(
            &browser,
            "https://news.example/politics/budget-vote-analysis",
            "The budget passes after a night of talks",
        )
        .await;
        assert_ne!(other, slug);
        assert_eq!(app.db.store.count_articles().await.unwrap(), before + 2);

        // A page of a site that is not allowlisted opens nothing.
        let (status, body) = text(
            browser
                .get(&thread_path("https://elsewhere.example/story", "Spam"))
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(body.contains("embed.allowed_origins"), "{body}");
        // A new page needs its headline; an address must be a web address.
        let (status, body) = text(
            browser
                .get(&thread_path("https://news.example/untitled", ""))
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body.contains("data-title"), "{body}");
        for bad in ["javascript:alert(1)", "/relative", ""] {
            let response = browser.get(&thread_path(bad, "T")).await;
            assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        }
        assert_eq!(app.db.store.count_articles().await.unwrap(), before + 2);
    }
);

both_backends!(
    only_framed_pages_may_be_framed_and_only_by_allowlisted_sites,
    |backend| async move {
        let app = embedding_site(backend).await;
        let browser = app.browser();
        let slug = open_thread(&browser, "https://news.example/a", "Flood defences hold").await;
        let path = format!("/articles/{slug}");

        let response = framed(&browser, &path).await;
        assert_eq!(response.status(), StatusCode::OK);
        let csp = response.headers()[CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            csp.contains("frame-ancestors https://news.example http://localhost:8001"),
            "{csp}"
        );
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{csp}"
        );
        assert!(response.headers().get(X_FRAME_OPTIONS).is_none());
        let body = response.text().await.unwrap();
        assert!(body.contains(r#"class="framed""#), "{body}");
        assert!(body.contains("/static/embed-frame.js"));
        assert!(
            !body.contains(r#"class="story""#),
            "the article itself stays on the newsroom's page"
        );
        assert!(body.contains("data-frame-sign-in"));

        // The same page at top level: the site's header, never frameable.
        let response = browser.get(&path).await;
        let csp = response.headers()[CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert_eq!(response.headers()[X_FRAME_OPTIONS], "DENY");
        let body = response.text().await.unwrap();
        assert!(body.contains(r#"class="masthead""#) && body.contains(r#"class="story""#));

        // A site that allowlists nobody is framed by nobody.
        let closed = TestApp::spawn(backend).await;
        closed.article("closed", "open").await;
        let response = framed(&closed.browser(), "/articles/closed").await;
        let csp = response.headers()[CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");

        let script = browser.get("/embed.js").await;
        assert_eq!(script.status(), StatusCode::OK);
        assert_eq!(
            script.headers()[CONTENT_TYPE],
            "text/javascript; charset=utf-8"
        );
    }
);

both_backends!(
    counts_for_a_list_of_pages_in_one_request,
    |backend| async move {
        let app = embedding_site(backend).await;
        let browser = app.browser();
        let slug = open_thread(
            &browser,
            "https://news.example/talked-about",
            "Talked about",
        )
        .await;
        open_thread(&browser, "https://news.example/quiet", "Quiet").await;
        let reader = app.reader("Counting Reader").await;
        for body in ["First thought on this.", "A second thought on this."] {
            let response = reader
                .post_json(
                    &format!("/api/v1/articles/{slug}/comments"),
                    &json!({"body": body}),
                )
                .await;
            assert_eq!(response.status(), StatusCode::CREATED);
        }
        let query = [
            "https://news.example/talked-about?utm_medium=email",
            "https://news.example/quiet",
            "https://news.example/never-embedded",
            "not a url",
        ]
        .iter()
        .map(|u| format!("url={}", urlencode(u)))
        .collect::<Vec<_>>()
        .join("&");
        let response = browser
            .client
            .get(browser_url(&browser, &format!("/api/v1/counts?{query}")))
            .header("Origin", "https://news.example")
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.headers()["access-control-allow-origin"],
            "https://news.example"
        );
        let (status, body) = json(response).await;
        assert_eq!(status, StatusCode::OK);
        let counts: Vec<i64> = body["counts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["count"].as_i64().unwrap())
            .collect();
        assert_eq!(counts, [2, 0, 0, 0]);
        assert_eq!(
            body["counts"][0]["url"], "https://news.example/talked-about?utm_medium=email",
            "each count answers the address as asked"
        );

        // Other sites' pages may not read them through the browser.
        let response = browser
            .client
            .get(browser_url(
                &browser,
                "/api/v1/counts?url=https%3A%2F%2Fnews.example%2Fquiet",
            ))
            .header("Origin", "https://evil.example")
            .send()
            .await
            .unwrap();
        assert!(
            response
                .headers()
                .get("access-control-allow-origin")
                .is_none()
        );

        let too_many = (0..101)
            .map(|i| format!("url=https%3A%2F%2Fnews.example%2F{i}"))
            .collect::<Vec<_>>()
            .join("&");
        let (status, body) = json(browser.get(&format!("/api/v1/counts?{too_many}")).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body["message"].as_str().unwrap().contains("100"), "{body}");
    }
);

/// The frame's session cookie from a response, checked for the attributes that let it work
/// in a frame when third-party cookies are blocked.
pub(crate) fn frame_cookie(response: &reqwest::Response) -> String {
    let set = response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("tribune_frame_session="))
        .expect("a frame session cookie");
    for attribute in [
        "HttpOnly",
        "Secure",
        "SameSite=None",
        "Partitioned",
        "Path=/",
    ] {
        assert!(set.contains(attribute), "{attribute} in {set}");
    }
    set.split(';').next().unwrap().to_owned()
}

async fn me_with(browser: &Browser, cookie: &str) -> (StatusCode, Value) {
    json(
        browser
            .client
            .get(browser_url(browser, "/api/v1/me"))
            .header("Cookie", cookie)
            .send()
            .await
            .unwrap(),
    )
    .await
}

/// The code the sign-in pop-up hands to the frame, from the page it shows.
fn code_in(page: &str) -> String {
    let start = page.find(r#"data-code=""#).expect("a code in the page") + 11;
    page[start..start + page[start..].find('"').unwrap()].to_owned()
}

both_backends!(
    a_reader_signs_in_inside_the_frame_with_a_one_time_code,
    |backend| async move {
        let app = embedding_site(backend).await;
        let slug = open_thread(&app.browser(), "https://news.example/b", "Bridge reopens").await;

        // Not signed in on Tribune: the pop-up goes through the log-in page and back.
        let anonymous = app.browser();
        let response = anonymous.get("/embed/sign-in").await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&response), "/login?next=%2Fembed%2Fsign-in");
        let response = anonymous.post_form("/embed/sign-in", &[]).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);

        let reader = app.reader("Frame Reader").await;
        let (status, page) = text(reader.get("/embed/sign-in").await).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Continue as Frame Reader"), "{page}");
        let response = reader.post_form("/embed/sign-in", &[]).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()["cache-control"], "no-store");
        let code = code_in(&response.text().await.unwrap());

        // The frame (no cookie of the site's) trades the code for a cookie of its own.
        let frame = app.browser();
        let response = frame
            .post_json("/embed/session", &json!({"code": code}))
            .await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
        let cookie = frame_cookie(&response);
        let (status, me) = me_with(&frame, &cookie).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(me["display_name"], "Frame Reader");

        // A code works once.
        let (status, body) = json(
            frame
                .post_json("/embed/session", &json!({"code": code}))
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::GONE);
        assert!(
            body["message"].as_str().unwrap().contains("sign in again"),
            "{body}"
        );
        let (status, _) = json(
            frame
                .post_json("/embed/session", &json!({"code": "made-up"}))
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::GONE);

        // Signed in inside the frame: the framed page says so, and a comment posts from it.
        let page = frame
            .client
            .get(browser_url(&frame, &format!("/articles/{slug}")))
            .header("Sec-Fetch-Dest", "iframe")
            .header("Cookie", &cookie)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains(r#"data-signed-in="true""#), "{page}");
        assert!(page.contains("Signed in as"));
        let response = frame
            .client
            .post(browser_url(&frame, &format!("/articles/{slug}/comments")))
            .header("Sec-Fetch-Dest", "iframe")
            .header("Sec-Fetch-Site", "same-origin")
            .header("Cookie", &cookie)
            .form(&[("body", "Posted from inside the newsroom's page.")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert!(location(&response).starts_with(&format!("/articles/{slug}?around=")));

        // Signing out inside the frame ends the frame's session.
        let response = frame
            .client
            .post(browser_url(&frame, "/logout"))
            .header("Sec-Fetch-Site", "same-origin")
            .header("Cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert!(
            response
                .headers()
                .get_all(SET_COOKIE)
                .iter()
                .any(|c| c.to_str().unwrap().starts_with("tribune_frame_session=;")),
            "the frame's cookie is cleared"
        );
        assert_eq!(me_with(&frame, &cookie).await.0, StatusCode::UNAUTHORIZED);
    }
);

pub(crate) fn sso_token(claims: &Value, secret: &str) -> String {
    let signed = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256","typ":"JWT"}"#),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(signed.as_bytes());
    format!(
        "{signed}.{}",
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    )
}

pub(crate) fn claims(sub: &str, name: &str, email: &str, expires_in: i64) -> Value {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    json!({"sub": sub, "name": name, "email": email, "iat": now, "exp": now + expires_in})
}

both_backends!(
    single_sign_on_links_a_newsroom_reader_to_one_account,
    |backend| async move {
        let app = embedding_site(backend).await;
        let frame = app.browser();
        let token = sso_token(
            &claims("cms-user-7", "Iris Vale", "iris@news.example", 300),
            SSO_SECRET,
        );
        let response = frame
            .post_json("/embed/sso", &json!({"token": token}))
            .await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
        let cookie = frame_cookie(&response);
        let (_, me) = me_with(&frame, &cookie).await;
        assert_eq!(me["display_name"], "Iris Vale");
        let id = me["id"].as_i64().unwrap();

        // The same reader again (renamed on the newsroom's side): the same account.
        let again = sso_token(
            &claims("cms-user-7", "Iris V.", "iris@news.example", 300),
            SSO_SECRET,
        );
        let response = frame
            .post_json("/embed/sso", &json!({"token": again}))
            .await;
        let (_, me) = me_with(&frame, &frame_cookie(&response)).await;
        assert_eq!(me["id"].as_i64().unwrap(), id);

        // Another newsroom reader with a name already taken on Tribune gets a numbered one.
        let namesake = sso_token(
            &claims("cms-user-8", "Iris Vale", "iris2@news.example", 300),
            SSO_SECRET,
        );
        let response = frame
            .post_json("/embed/sso", &json!({"token": namesake}))
            .await;
        let (_, me) = me_with(&frame, &frame_cookie(&response)).await;
        assert_eq!(me["display_name"], "Iris Vale 2");

        // Refusals say why, and open no session.
        app.reader("Existing Reader").await;
        for (token, why) in [
            (
                sso_token(
                    &claims("x1", "Forged", "f@news.example", 300),
                    "not the shared secret at all",
                ),
                "wrong signature",
            ),
            (
                sso_token(&claims("x2", "Late", "l@news.example", -600), SSO_SECRET),
                "expired",
            ),
            (
                sso_token(
                    &claims("x3", "Forever", "e@news.example", 30 * 86_400),
                    SSO_SECRET,
                ),
                "short-lived",
            ),
            (
                sso_token(
                    &claims("x4", "Someone", "existing.reader@example.org", 300),
                    SSO_SECRET,
                ),
                "already uses this email",
            ),
            ("not.a.token".to_owned(), "not valid"),
        ] {
            let response = frame
                .post_json("/embed/sso", &json!({"token": token}))
                .await;
            assert!(response.headers().get(SET_COOKIE).is_none(), "{why}");
            let (status, body) = json(response).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{why}");
            assert_eq!(body["code"], "sso_refused");
            assert!(
                body["message"].as_str().unwrap().contains(why),
                "{why}: {body}"
            );
        }

        // A site without a secret accepts no single sign-on.
        let plain = TestApp::spawn(backend).await;
        let (status, _) = json(
            plain
                .browser()
                .post_json("/embed/sso", &json!({"token": token}))
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
);

both_backends!(
    without_javascript_the_link_leads_to_the_discussion,
    |backend| async move {
        let app = embedding_site(backend).await;
        let browser = app.browser();
        let slug = open_thread(&browser, "https://news.example/c", "Ferry strike ends").await;
        let response = browser
            .get("/discussions?url=https%3A%2F%2Fnews.example%2Fc%2F%3Futm_source%3Dx")
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&response), format!("/articles/{slug}#comments"));
        // A GET opens nothing: a page never embedded has no discussion yet.
        let (status, body) = text(
            browser
                .get("/discussions?url=https%3A%2F%2Fnews.example%2Fnever")
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(!body.is_empty());
    }
);
