//! Atom feeds, read back with a feed parser as a reader's feed reader would: the latest
//! articles, an article's comments, a reader's private feed of replies and mentions, and
//! conditional GETs.

use feed_rs::model::{Entry, Feed};
use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, HeaderMap, LAST_MODIFIED};
use serde_json::{Value, json};
use time::macros::datetime;
use tribune_domain::article::ArticleFields;

use crate::helpers::{Browser, TestApp, both, json, location, text};

/// Fetches and parses a feed; any status but 200 fails the test.
async fn feed(browser: &Browser, path: &str) -> (HeaderMap, Feed) {
    let response = browser.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let headers = response.headers().clone();
    assert_eq!(
        headers[CONTENT_TYPE], "application/atom+xml; charset=utf-8",
        "{path}"
    );
    let body = response.text().await.expect("a body");
    let parsed = feed_rs::parser::parse(body.as_bytes())
        .unwrap_or_else(|e| panic!("{path} is not a valid feed ({e}):\n{body}"));
    (headers, parsed)
}

fn title(entry: &Entry) -> &str {
    entry.title.as_ref().map_or("", |t| t.content.as_str())
}

fn author(entry: &Entry) -> &str {
    entry
        .authors
        .first()
        .and_then(|a| a.name.as_deref())
        .unwrap_or("")
}

fn body(entry: &Entry) -> &str {
    entry
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref())
        .unwrap_or("")
}

fn link<'a>(entry: &'a Entry, rel: &str) -> Option<&'a str> {
    entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().unwrap_or("alternate") == rel)
        .map(|l| l.href.as_str())
}

/// Follows an absolute link of the feed on the test server: it must start with the site's
/// `public_url` and answer 200.
async fn follow(app: &TestApp, href: &str) -> String {
    let base = app.settings.base_url();
    let path = href
        .strip_prefix(base)
        .unwrap_or_else(|| panic!("{href} starts with public_url {base}"));
    let (status, page) = app.browser().text(path).await;
    assert_eq!(status, StatusCode::OK, "{href}");
    page
}

async fn post(reader: &Browser, slug: &str, body: Value) -> Value {
    let (status, comment) = json(
        reader
            .post_json(&format!("/api/v1/articles/{slug}/comments"), &body)
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{comment}");
    comment
}

async fn comment(reader: &Browser, slug: &str, text: &str) -> i64 {
    post(reader, slug, json!({ "body": text })).await["id"]
        .as_i64()
        .expect("an id")
}

async fn reply(reader: &Browser, slug: &str, parent: i64, text: &str) -> i64 {
    post(reader, slug, json!({ "body": text, "parent_id": parent })).await["id"]
        .as_i64()
        .expect("an id")
}

/// A comment the assessment holds for a moderator (its author acknowledged the warning).
async fn held(reader: &Browser, slug: &str, parent: Option<i64>) -> i64 {
    let body = json!({
        "body": "You are an idiot and a liar, shut up.",
        "parent_id": parent,
        "acknowledge_warning": true,
    });
    let comment = post(reader, slug, body).await;
    assert_eq!(comment["status"], "held");
    comment["id"].as_i64().expect("an id")
}

async fn delete(reader: &Browser, id: i64) {
    let response = reader
        .send_json(
            reqwest::Method::DELETE,
            &format!("/api/v1/comments/{id}"),
            &json!(null),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

/// A GET with one conditional header: status, ETag and body.
async fn conditional(
    browser: &Browser,
    url: String,
    name: &'static str,
    value: String,
) -> (StatusCode, Option<reqwest::header::HeaderValue>, String) {
    let response = browser
        .client
        .get(url)
        .header(name, value)
        .send()
        .await
        .expect("the server answers");
    let status = response.status();
    let etag = response.headers().get(ETAG).cloned();
    let body = response.text().await.unwrap_or_default();
    (status, etag, body)
}

fn entry_ids(feed: &Feed, kind: &str) -> Vec<i64> {
    feed.entries
        .iter()
        .map(|e| {
            let (_, id) = e.id.rsplit_once(&format!(":{kind}/")).expect("a tag URI");
            id.parse().expect("a numeric id")
        })
        .collect()
}

/// Every tag in a piece of HTML, as written between `<` and `>`: text cannot hold a bare
/// `<`, so these are all the elements a reader's feed reader would build.
fn tags(html: &str) -> Vec<&str> {
    html.split('<')
        .skip(1)
        .map(|rest| rest.split('>').next().unwrap_or(rest))
        .collect()
}

both!(
    the_articles_feed_lists_the_latest_articles_newest_first,
    |app| async move {
        let editor = tribune_app::accounts::Editor {
            token_id: 0,
            name: "tests".to_owned(),
        };
        let publish = |slug: &str, fields: ArticleFields| {
            let fields = ArticleFields {
                slug: Some(slug.to_owned()),
                body: "“The gates close at noon,” the harbour master said.".to_owned(),
                ..fields
            };
            let tribune = app.tribune.clone();
            let editor = editor.clone();
            async move {
                tribune
                    .create_article(tribune_app::articles::Publisher::Editor(&editor), fields)
                    .await
                    .expect("published")
            }
        };
        let older = publish(
            "older",
            ArticleFields {
                headline: "Harbour gates to close for repairs".to_owned(),
                published_at: Some(datetime!(2026-11-20 08:00 UTC)),
                ..ArticleFields::default()
            },
        )
        .await;
        let wire = publish(
            "wire",
            ArticleFields {
                headline: "Ferry fares rise <again> & again".to_owned(),
                lead: "Operators blame fuel costs.".to_owned(),
                byline: "Ana Ferreira".to_owned(),
                rights: "© 2026 Coastal Wire. All rights reserved.".to_owned(),
                source: "Coastal Wire".to_owned(),
                tags: vec!["transport".to_owned(), "prices".to_owned()],
                canonical_url: "https://wire.example.org/ferry-fares".to_owned(),
                published_at: Some(datetime!(2026-11-22 09:30 UTC)),
                ..ArticleFields::default()
            },
        )
        .await;
        publish(
            "scheduled",
            ArticleFields {
                headline: "Not yet published".to_owned(),
                published_at: Some(datetime!(2999-01-01 00:00 UTC)),
                ..ArticleFields::default()
            },
        )
        .await;

        let (_, front) = app.browser().text("/").await;
        assert!(
            front.contains(
                "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Tribune: latest articles\" href=\"/feeds/articles.atom\">"
            ),
            "the front page announces the feed"
        );
        let (_, parsed) = feed(&app.browser(), "/feeds/articles.atom").await;
        assert_eq!(
            parsed.title.as_ref().map(|t| t.content.as_str()),
            Some("Tribune")
        );
        assert_eq!(
            parsed.entries.iter().map(title).collect::<Vec<_>>(),
            [
                "Ferry fares rise <again> & again",
                "Harbour gates to close for repairs"
            ],
            "newest first, scheduled articles not yet; markup in a headline is text"
        );
        let entry = &parsed.entries[0];
        assert_eq!(entry_ids(&parsed, "articles"), [wire.id, older.id]);
        assert_eq!(
            entry.summary.as_ref().map(|s| s.content.as_str()),
            Some("Operators blame fuel costs.")
        );
        assert_eq!(author(entry), "Ana Ferreira");
        assert_eq!(
            entry.rights.as_ref().map(|r| r.content.as_str()),
            Some("© 2026 Coastal Wire. All rights reserved.")
        );
        assert_eq!(
            entry
                .categories
                .iter()
                .map(|c| c.term.as_str())
                .collect::<Vec<_>>(),
            ["transport", "prices"]
        );
        assert_eq!(
            link(entry, "related"),
            Some("https://wire.example.org/ferry-fares")
        );
        assert_eq!(
            entry.published.map(|p| p.timestamp()),
            Some(wire.published_at.unix_timestamp())
        );
        assert!(entry.updated >= entry.published);
        let page = follow(&app, link(entry, "alternate").expect("a link")).await;
        assert!(page.contains("Ferry fares rise &lt;again&gt; &amp; again"));
        assert_eq!(
            author(&parsed.entries[1]),
            "",
            "without a byline the site speaks for the article"
        );
        assert_eq!(
            parsed.authors.first().and_then(|a| a.name.as_deref()),
            Some("Tribune")
        );
    }
);

both!(
    the_comments_feed_shows_only_published_comments_sanitized,
    |app| async move {
        app.article("ferry", "open").await;
        let kestrel = app.reader("Kestrel").await;
        let navigator = app.reader("The Navigator").await;
        let ronin = app.reader("m_y__ronin").await;
        let first = comment(&kestrel, "ferry", "The fares were due to rise.").await;
        let answer = reply(&navigator, "ferry", first, "Not by this much.").await;
        let xss = comment(
            &ronin,
            "ferry",
            "<script>alert(1)</script> <img src=x onerror=alert(2)> \
             [cheap fares](javascript:alert(3)) <b onmouseover=alert(4)>bold</b>",
        )
        .await;
        let held_one = held(&ronin, "ferry", None).await;
        let rejected = comment(&navigator, "ferry", "Fares are a scandal.").await;
        let moderator = app.moderator().await;
        let response = moderator
            .post_json(
                &format!("/api/v1/comments/{rejected}/reject"),
                &json!({"reason": "Off topic."}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        let deleted = comment(&kestrel, "ferry", "Second thoughts.").await;
        delete(&kestrel, deleted).await;
        let response = kestrel
            .send_json(
                reqwest::Method::PUT,
                &format!("/api/v1/comments/{first}"),
                &json!({"body": "The fares were due to rise in spring."}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);

        let (_, page) = app.browser().text("/articles/ferry").await;
        assert!(page.contains(
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Comments feed\" href=\"/articles/ferry/comments.atom\">"
        ));
        assert!(page.contains("<a href=\"/articles/ferry/comments.atom\""));

        let (_, parsed) = feed(&app.browser(), "/articles/ferry/comments.atom").await;
        assert_eq!(
            parsed.title.as_ref().map(|t| t.content.as_str()),
            Some("Comments on “Council debates ferry”")
        );
        assert_eq!(
            entry_ids(&parsed, "comments"),
            [xss, answer, first],
            "newest first; held ({held_one}), rejected ({rejected}) and deleted ({deleted}) \
             comments are not in the feed"
        );
        let authors: Vec<&str> = parsed.entries.iter().map(author).collect();
        assert_eq!(authors, ["m_y__ronin", "The Navigator", "Kestrel"]);
        assert_eq!(
            title(&parsed.entries[1]),
            "The Navigator replied to Kestrel"
        );
        assert_eq!(title(&parsed.entries[2]), "Kestrel commented");

        let edited = &parsed.entries[2];
        assert!(body(edited).contains("in spring"), "{}", body(edited));
        assert!(
            edited.updated > edited.published,
            "an edit updates the entry"
        );

        let html = body(&parsed.entries[0]);
        assert!(html.contains("bold"), "{html}");
        for tag in tags(html) {
            let lower = tag.to_lowercase();
            assert!(!lower.starts_with("script"), "{tag} in {html}");
            assert!(!lower.starts_with("img"), "{tag} in {html}");
            assert!(!lower.contains("javascript:"), "{tag} in {html}");
            assert!(
                !lower
                    .split_whitespace()
                    .skip(1)
                    .any(|attr| attr.starts_with("on")),
                "{tag} in {html}"
            );
        }

        let href = link(&parsed.entries[1], "alternate").expect("a permalink");
        assert!(href.ends_with(&format!("#c{answer}")), "{href}");
        let page = follow(&app, href).await;
        assert!(page.contains(&format!("id=\"c{answer}\"")));

        let (status, _) = app.browser().text("/articles/nowhere/comments.atom").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
);

both!(feeds_answer_conditional_gets, |app| async move {
    app.article("tides", "open").await;
    let kestrel = app.reader("Kestrel").await;
    let first = comment(&kestrel, "tides", "High water at six.").await;
    let browser = app.browser();
    let conditional = |path: &str, name: &'static str, value: String| {
        conditional(&browser, app.url(path), name, value)
    };

    for path in ["/articles/tides/comments.atom", "/feeds/articles.atom"] {
        let (headers, _) = feed(&browser, path).await;
        let etag = headers[ETAG].to_str().expect("ascii").to_owned();
        let modified = headers[LAST_MODIFIED].to_str().expect("ascii").to_owned();
        assert_eq!(headers[CACHE_CONTROL], "no-cache");
        let (status, again, body) = conditional(path, "if-none-match", etag.clone()).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(
            again.as_ref().and_then(|v| v.to_str().ok()),
            Some(etag.as_str())
        );
        assert!(body.is_empty());
        let (status, _, _) = conditional(path, "if-modified-since", modified).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED, "{path}");
        let (status, _, _) = conditional(
            path,
            "if-modified-since",
            "Sat, 01 Jan 2000 00:00:00 GMT".to_owned(),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{path}");
    }

    // A new reply changes the comments feed; a new article changes the articles feed.
    let (headers, _) = feed(&browser, "/articles/tides/comments.atom").await;
    let etag = headers[ETAG].to_str().expect("ascii").to_owned();
    reply(&kestrel, "tides", first, "And again at half past six.").await;
    let (status, changed, body) = conditional(
        "/articles/tides/comments.atom",
        "if-none-match",
        etag.clone(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_ne!(
        changed.and_then(|v| v.to_str().ok().map(str::to_owned)),
        Some(etag)
    );
    assert!(body.contains("half past six"));

    let (headers, _) = feed(&browser, "/feeds/articles.atom").await;
    let etag = headers[ETAG].to_str().expect("ascii").to_owned();
    app.article("currents", "open").await;
    let (status, _, body) = conditional("/feeds/articles.atom", "if-none-match", etag).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Council debates currents"));
});

both!(
    the_private_feed_shows_replies_and_mentions_to_its_reader_only,
    |app| async move {
        app.article("pier", "open").await;
        let kestrel = app.reader("Kestrel").await;
        let navigator = app.reader("The Navigator").await;
        let ronin = app.reader("m_y__ronin").await;

        let (status, _) = json(app.browser().post_json("/api/v1/me/feed", &json!({})).await).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, none) = json(kestrel.get("/api/v1/me/feed").await).await;
        assert_eq!((status, &none["active"]), (StatusCode::OK, &json!(false)));
        let (status, made) = json(kestrel.post_json("/api/v1/me/feed", &json!({})).await).await;
        assert_eq!(status, StatusCode::CREATED, "{made}");
        let url = made["url"].as_str().expect("a url").to_owned();
        let base = app.settings.base_url();
        let path = url.strip_prefix(base).expect("under public_url").to_owned();
        assert!(
            path.starts_with("/feeds/me/") && path.ends_with(".atom"),
            "{url}"
        );
        let (_, status_now) = json(kestrel.get("/api/v1/me/feed").await).await;
        assert_eq!(status_now["active"], true);
        assert!(status_now.get("url").is_none(), "the address is shown once");

        let mine = comment(&kestrel, "pier", "The pier needs new pilings.").await;
        let answer = reply(&navigator, "pier", mine, "It needs a new budget first.").await;
        reply(&kestrel, "pier", mine, "And paint, I should add.").await;
        reply(&kestrel, "pier", answer, "Budgets follow pilings.").await;
        let mention = comment(&ronin, "pier", "I think @kestrel has a point here.").await;
        comment(&ronin, "pier", "Unrelated: the ferry was late.").await;
        held(&ronin, "pier", Some(mine)).await;
        let gone = reply(&ronin, "pier", mine, "Never mind.").await;
        delete(&ronin, gone).await;

        let reader = app.browser();
        let (headers, parsed) = feed(&reader, &path).await;
        assert_eq!(headers[CACHE_CONTROL], "private, no-cache");
        assert_eq!(
            entry_ids(&parsed, "comments"),
            [mention, answer],
            "replies and mentions of Kestrel, newest first; not her own, not held or deleted"
        );
        assert_eq!(
            parsed.entries.iter().map(title).collect::<Vec<_>>(),
            [
                "m_y__ronin mentioned you on “Council debates pier”",
                "The Navigator replied to you on “Council debates pier”"
            ]
        );
        assert_eq!(author(&parsed.entries[1]), "The Navigator");
        follow(
            &app,
            link(&parsed.entries[0], "alternate").expect("a permalink"),
        )
        .await;
        let (_, navigators) = {
            let (status, made) =
                json(navigator.post_json("/api/v1/me/feed", &json!({})).await).await;
            assert_eq!(status, StatusCode::CREATED);
            let url = made["url"].as_str().expect("a url").to_owned();
            feed(&reader, url.strip_prefix(base).expect("under public_url")).await
        };
        assert_eq!(
            entry_ids(&navigators, "comments").len(),
            1,
            "Kestrel's answer to the Navigator, in the Navigator's feed only"
        );

        // Regenerated on the account page: the old address is gone, the new one works.
        let (status, account) = kestrel.text("/account").await;
        assert_eq!(status, StatusCode::OK);
        assert!(account.contains("You made a private feed address on"));
        assert!(!account.contains(&path), "the address is not shown again");
        let (status, page) = text(kestrel.post_form("/account/feed", &[]).await).await;
        assert_eq!(status, StatusCode::OK);
        // Templates escape `/` in values.
        let page = page.replace("&#x2f;", "/");
        let start = page
            .find(&format!("{base}/feeds/me/"))
            .expect("the new address");
        let new_url = page[start..]
            .split('"')
            .next()
            .expect("an address")
            .to_owned();
        let new_path = new_url
            .strip_prefix(base)
            .expect("under public_url")
            .to_owned();
        assert_ne!(new_path, path);
        let (status, _) = reader.text(&path).await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "the old address stops working"
        );
        let (_, again) = feed(&reader, &new_path).await;
        assert_eq!(entry_ids(&again, "comments"), [mention, answer]);
        let (status, headers_304) = {
            let etag = feed(&reader, &new_path).await.0[ETAG].clone();
            let response = reader
                .client
                .get(app.url(&new_path))
                .header("if-none-match", etag)
                .send()
                .await
                .expect("the server answers");
            (response.status(), response.headers().clone())
        };
        assert_eq!(status, StatusCode::NOT_MODIFIED);
        assert!(headers_304.contains_key(ETAG));

        // Revoked: 404, like any address that leads nowhere.
        let response = kestrel.post_form("/account/feed/revoke", &[]).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&response), "/account#feed");
        let (status, _) = reader.text(&new_path).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (_, account) = kestrel.text("/account").await;
        assert!(account.contains("You have no private feed address."));
        for unknown in [
            "/feeds/me/not-a-token.atom",
            "/feeds/me/anything",
            &new_path[..new_path.len() - 5],
        ] {
            let (status, _) = reader.text(unknown).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{unknown}");
        }
        let response = navigator
            .send_json(reqwest::Method::DELETE, "/api/v1/me/feed", &json!(null))
            .await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
        let (_, status_now) = json(navigator.get("/api/v1/me/feed").await).await;
        assert_eq!(status_now["active"], false);

        let (status, _) = app.browser().text("/account").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
);
