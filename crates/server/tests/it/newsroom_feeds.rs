//! Newsroom feeds: a newsroom's RSS or Atom feed, served by a small HTTP server inside the
//! test (fixtures in `fixtures/newsroom/`, written for these tests), opens one discussion per
//! article, however the feed repeats or disguises its items.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::http::{HeaderMap, StatusCode as Status, Uri, header};
use axum::response::{IntoResponse, Response};
use reqwest::StatusCode;
use tribune_app::Tribune;
use tribune_app::articles::Publisher;

use crate::helpers::{TestApp, both, both_backends, location, text};

const COURIER: &str = include_str!("fixtures/newsroom/courier.rss");
const HARBOUR: &str = include_str!("fixtures/newsroom/harbour.atom");
const EMPTY_RSS: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>The Lowmoor Courier</title></channel></rss>"#;

/// How the fixture server answers a path.
#[derive(Clone)]
enum Answer {
    /// A feed, with validators: a request carrying them gets 304.
    Feed {
        body: String,
        etag: Option<&'static str>,
        last_modified: Option<&'static str>,
    },
    Status(u16),
    Html(&'static str),
    /// A server that takes this long to answer at all.
    Slow(std::time::Duration),
}

fn feed(body: &str) -> Answer {
    Answer::Feed {
        body: body.to_owned(),
        etag: None,
        last_modified: None,
    }
}

/// What the fixture server was asked.
#[derive(Clone, Debug)]
struct Seen {
    path: String,
    if_none_match: Option<String>,
    if_modified_since: Option<String>,
    user_agent: String,
}

#[derive(Default)]
struct State {
    answers: HashMap<String, Answer>,
    seen: Vec<Seen>,
}

/// A newsroom's web server on 127.0.0.1.
#[derive(Clone)]
struct Newsroom {
    address: SocketAddr,
    state: Arc<Mutex<State>>,
}

impl Newsroom {
    async fn start() -> Self {
        let state = Arc::new(Mutex::new(State::default()));
        let shared = state.clone();
        let app = axum::Router::new().fallback(move |uri: Uri, headers: HeaderMap| {
            let state = shared.clone();
            async move {
                let delay = match state.lock().unwrap().answers.get(uri.path()) {
                    Some(Answer::Slow(delay)) => Some(*delay),
                    _ => None,
                };
                if let Some(delay) = delay {
                    tokio::time::sleep(delay).await;
                }
                answer(&state, &uri, &headers)
            }
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { address, state }
    }

    fn serve(&self, path: &str, answer: Answer) {
        self.state
            .lock()
            .unwrap()
            .answers
            .insert(path.to_owned(), answer);
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    fn requests(&self, path: &str) -> Vec<Seen> {
        let state = self.state.lock().unwrap();
        state
            .seen
            .iter()
            .filter(|s| s.path == path)
            .cloned()
            .collect()
    }
}

fn answer(state: &Mutex<State>, uri: &Uri, headers: &HeaderMap) -> Response {
    let value = |name| {
        headers
            .get(name)
            .and_then(|v: &header::HeaderValue| v.to_str().ok())
            .map(str::to_owned)
    };
    let seen = Seen {
        path: uri.path().to_owned(),
        if_none_match: value(header::IF_NONE_MATCH),
        if_modified_since: value(header::IF_MODIFIED_SINCE),
        user_agent: value(header::USER_AGENT).unwrap_or_default(),
    };
    let mut state = state.lock().unwrap();
    state.seen.push(seen.clone());
    match state.answers.get(uri.path()).cloned() {
        None => Status::NOT_FOUND.into_response(),
        Some(Answer::Status(code)) => Status::from_u16(code).unwrap().into_response(),
        Some(Answer::Slow(_)) => {
            ([(header::CONTENT_TYPE, "application/rss+xml")], EMPTY_RSS).into_response()
        }
        Some(Answer::Html(body)) => ([(header::CONTENT_TYPE, "text/html")], body).into_response(),
        Some(Answer::Feed {
            body,
            etag,
            last_modified,
        }) => {
            let fresh = (etag.is_some() && seen.if_none_match.as_deref() == etag)
                || (etag.is_none()
                    && last_modified.is_some()
                    && seen.if_modified_since.as_deref() == last_modified);
            let mut response = if fresh {
                Status::NOT_MODIFIED.into_response()
            } else {
                ([(header::CONTENT_TYPE, "application/rss+xml")], body).into_response()
            };
            if let Some(etag) = etag {
                response
                    .headers_mut()
                    .insert(header::ETAG, etag.parse().unwrap());
            }
            if let Some(at) = last_modified {
                response
                    .headers_mut()
                    .insert(header::LAST_MODIFIED, at.parse().unwrap());
            }
            response
        }
    }
}

fn operator() -> tribune_app::accounts::Editor {
    tribune_app::accounts::Editor {
        token_id: 0,
        name: "tests".to_owned(),
    }
}

async fn article_at(app: &TestApp, url: &str) -> Option<tribune_domain::Article> {
    app.db.store.article_by_url(url).await.unwrap()
}

async fn article_count(app: &TestApp) -> usize {
    app.tribune
        .articles(None, 100)
        .await
        .unwrap()
        .articles
        .len()
}

both!(
    an_rss_feed_opens_one_discussion_per_article,
    |app| async move {
        let newsroom = Newsroom::start().await;
        newsroom.serve("/rss.xml", feed(COURIER));
        let admin = app.admin().await;
        let response = admin
            .post_form(
                "/admin/newsroom-feeds",
                &[("url", &newsroom.url("/rss.xml"))],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let (_, page) = admin.text(&location(&response)).await;
        assert!(
            page.contains("Now following The Lowmoor Courier: 5 items, 2 discussions opened."),
            "{page}"
        );
        assert!(
            page.contains("Fog expected on the moor road"),
            "the skipped item is named"
        );
        assert!(page.contains("no http(s) link"), "with its reason");

        // Two articles: the duplicate and the tracking-link variant are the footbridge story.
        assert_eq!(article_count(&app).await, 2);
        let bridge = article_at(&app, "https://lowmoor.example/news/footbridge-reopens")
            .await
            .expect("the footbridge article");
        assert_eq!(bridge.headline, "Footbridge over the Ash reopens");
        assert_eq!(
            bridge.lead,
            "The footbridge at Mill Lane is open again after eleven weeks of repairs. \
             Cyclists must still dismount."
        );
        assert_eq!(bridge.byline, "Petra Lindqvist");
        assert_eq!(bridge.source, "The Lowmoor Courier");
        assert_eq!(
            bridge.rights,
            "© 2026 Lowmoor Courier. Shared for discussion only."
        );
        assert_eq!(bridge.tags, vec!["Transport", "Ash valley"]);
        assert_eq!(bridge.body_markdown, "");
        assert_eq!(
            bridge.published_at,
            time::macros::datetime!(2026-11-20 09:15 UTC),
            "an RFC 3339 date in RSS is read"
        );

        let library = article_at(&app, "https://lowmoor.example/news/library-hours")
            .await
            .expect("the library article, its address canonical");
        assert_eq!(library.headline, "Library extends winter & weekend hours");
        assert_eq!(
            library.lead,
            "The reading room stays open until nine on weekdays & until six on Saturdays."
        );
        assert_eq!(library.byline, "", "no author, no byline");
        assert!(
            library.published_at > Tribune::now() - time::Duration::minutes(5),
            "a date that cannot be read is the time the item was first seen"
        );

        // The article's page shows what the feed said and sends readers to the newsroom.
        let (status, page) = app
            .browser()
            .text(&format!("/articles/{}", bridge.slug))
            .await;
        assert_eq!(status, StatusCode::OK);
        for shown in [
            "Footbridge over the Ash reopens",
            "The footbridge at Mill Lane is open again",
            "Petra Lindqvist",
            "© 2026 Lowmoor Courier. Shared for discussion only.",
            "Read the article on lowmoor.example",
            r#"href="https:&#x2f;&#x2f;lowmoor.example&#x2f;news&#x2f;footbridge-reopens""#,
        ] {
            assert!(page.contains(shown), "{shown} in {page}");
        }
        assert!(
            !page.contains("alert("),
            "scripts in descriptions are dropped"
        );

        // Polling again opens nothing new; neither does the same item on a later poll.
        let id = app.db.store.newsroom_feeds().await.unwrap()[0].id;
        let report = app
            .tribune
            .poll_newsroom_feed_now(Publisher::Editor(&operator()), id)
            .await
            .unwrap();
        assert_eq!((report.items, report.opened), (5, 0));
        assert_eq!(article_count(&app).await, 2);
        assert!(
            newsroom
                .requests("/rss.xml")
                .iter()
                .all(|r| r.user_agent.starts_with("Tribune/")),
            "Tribune names itself"
        );
        assert!(
            newsroom.requests("/news/footbridge-reopens").is_empty(),
            "item links are never fetched"
        );
    }
);

both!(an_atom_feed_opens_its_entries, |app| async move {
    let newsroom = Newsroom::start().await;
    newsroom.serve("/notes.atom", feed(HARBOUR));
    let report = app
        .tribune
        .add_newsroom_feed(Publisher::Editor(&operator()), &newsroom.url("/notes.atom"))
        .await
        .unwrap();
    assert_eq!((report.items, report.opened, report.skipped), (2, 2, 0));
    assert_eq!(report.feed.title, "Harbour Notes");
    // The relative link resolves against the feed's address; only alternate links count.
    let quay = article_at(
        &app,
        &format!("http://{}/notes/quay-wall", newsroom.address),
    )
    .await
    .expect("the quay article");
    assert_eq!(quay.headline, "Quay wall repairs start in March");
    assert_eq!(
        quay.lead,
        "The council has approved four months of work on the east quay."
    );
    assert_eq!(quay.byline, "Nadia Brennan, Tomasz Kil");
    assert_eq!(
        quay.rights,
        "Harbour Notes cooperative, all rights reserved"
    );
    assert_eq!(quay.tags, vec!["Harbour works"]);
    assert_eq!(
        quay.published_at,
        time::macros::datetime!(2026-11-24 07:00 UTC)
    );
    let fares = article_at(&app, "https://harbour.example/notes/ferry-fares")
        .await
        .expect("the fares article");
    assert_eq!(
        fares.lead, "Children under twelve will travel free from January.",
        "the content stands in for a missing summary"
    );
    assert_eq!(
        fares.published_at,
        time::macros::datetime!(2026-11-23 17:30 UTC),
        "updated stands in for a missing published"
    );
});

both!(
    an_unchanged_feed_answers_304_and_changes_nothing,
    |app| async move {
        let newsroom = Newsroom::start().await;
        newsroom.serve(
            "/rss.xml",
            Answer::Feed {
                body: COURIER.to_owned(),
                etag: Some("\"courier-v1\""),
                last_modified: Some("Wed, 25 Nov 2026 10:00:00 GMT"),
            },
        );
        let by = operator();
        let added = app
            .tribune
            .add_newsroom_feed(Publisher::Editor(&by), &newsroom.url("/rss.xml"))
            .await
            .unwrap();
        let first = newsroom.requests("/rss.xml");
        assert_eq!(first.len(), 1);
        assert_eq!(
            first[0].if_none_match, None,
            "nothing to send the first time"
        );

        let admin = app.admin().await;
        let response = admin
            .post_form(
                &format!("/admin/newsroom-feeds/{}/poll", added.feed.id),
                &[],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let (_, page) = admin.text(&location(&response)).await;
        assert!(
            page.contains("The Lowmoor Courier has not changed since the last poll."),
            "{page}"
        );
        let second = newsroom.requests("/rss.xml");
        assert_eq!(second.len(), 2);
        assert_eq!(second[1].if_none_match.as_deref(), Some("\"courier-v1\""));
        assert_eq!(
            second[1].if_modified_since.as_deref(),
            Some("Wed, 25 Nov 2026 10:00:00 GMT")
        );
        let feed = app
            .db
            .store
            .newsroom_feed(added.feed.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(feed.articles_opened, 2, "nothing changed");
        assert_eq!(
            feed.etag.as_deref(),
            Some("\"courier-v1\""),
            "validators kept"
        );
        assert_eq!(feed.failures, 0);
        assert!(feed.last_success_at > added.feed.last_success_at);
        assert_eq!(article_count(&app).await, 2);
    }
);

both_backends!(
    unreadable_feeds_are_refused_and_failing_ones_retried,
    |backend| async move {
        let app = TestApp::spawn_with(backend, |s| {
            s.newsroom_feeds.max_bytes = 4096;
            s.newsroom_feeds.timeout_secs = 1;
        })
        .await;
        let newsroom = Newsroom::start().await;
        newsroom.serve("/broken.xml", Answer::Status(500));
        newsroom.serve("/slow.xml", Answer::Slow(std::time::Duration::from_secs(3)));
        newsroom.serve(
            "/page.html",
            Answer::Html("<html><body><p>Welcome to the Courier</p></body></html>"),
        );
        let padding = format!("<!-- {} -->", "x".repeat(8_000));
        newsroom.serve(
            "/huge.xml",
            feed(&COURIER.replace("<channel>", &format!("<channel>{padding}"))),
        );
        let admin = app.admin().await;
        for (path, expected) in [
            ("/broken.xml", "HTTP 500 Internal Server Error"),
            ("/missing.xml", "HTTP 404 Not Found"),
            ("/page.html", "not with an RSS or Atom feed"),
            ("/huge.xml", "larger than 4096 bytes"),
            ("/slow.xml", "The feed did not answer within 1 second."),
        ] {
            let url = newsroom.url(path);
            let (status, page) = text(
                admin
                    .post_form("/admin/newsroom-feeds", &[("url", &url)])
                    .await,
            )
            .await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
            assert!(page.contains(expected), "{expected} in {page}");
            assert!(
                page.contains(&format!(r#"value="{}""#, url.replace('/', "&#x2f;"))),
                "the typed address is kept: {page}"
            );
        }
        let (status, page) = text(
            admin
                .post_form("/admin/newsroom-feeds", &[("url", "lowmoor.example/rss")])
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("full web address"), "{page}");
        assert!(
            app.db.store.newsroom_feeds().await.unwrap().is_empty(),
            "nothing stored"
        );

        // A feed that worked and then fails shows its error, and is polled again later.
        newsroom.serve("/rss.xml", feed(EMPTY_RSS));
        let by = operator();
        let added = app
            .tribune
            .add_newsroom_feed(Publisher::Editor(&by), &newsroom.url("/rss.xml"))
            .await
            .unwrap();
        newsroom.serve("/rss.xml", Answer::Status(500));
        let response = admin
            .post_form(
                &format!("/admin/newsroom-feeds/{}/poll", added.feed.id),
                &[],
            )
            .await;
        let (_, page) = admin.text(&location(&response)).await;
        assert!(
            page.contains("Polling The Lowmoor Courier failed: The feed answered HTTP 500"),
            "{page}"
        );
        let (_, page) = admin.text("/admin/newsroom-feeds").await;
        assert!(page.contains("Failing"), "{page}");
        assert!(page.contains("HTTP 500 Internal Server Error"), "{page}");
        let failing = app
            .db
            .store
            .newsroom_feed(added.feed.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(failing.failures, 1);
        assert!(
            failing.next_poll_at >= Tribune::now() + time::Duration::minutes(9),
            "not hammered: polled again after the interval"
        );
        assert_eq!(
            app.tribune
                .poll_due_newsroom_feeds(Tribune::now())
                .await
                .unwrap(),
            0,
            "not due yet"
        );

        newsroom.serve("/rss.xml", feed(COURIER));
        let later = failing.next_poll_at + time::Duration::seconds(1);
        assert_eq!(app.tribune.poll_due_newsroom_feeds(later).await.unwrap(), 1);
        let recovered = app
            .db
            .store
            .newsroom_feed(added.feed.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (recovered.failures, recovered.last_error.as_deref()),
            (0, None)
        );
        assert_eq!(recovered.articles_opened, 2);
        let (_, page) = admin.text("/admin/newsroom-feeds").await;
        assert!(!page.contains("Failing"), "{page}");
    }
);

both!(the_feeds_page_is_for_administrators, |app| async move {
    let (status, page) = app.browser().text("/admin/newsroom-feeds").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(page.contains("log in") || page.contains("Log in"), "{page}");
    for browser in [app.reader("Kestrel").await, app.moderator().await] {
        let (status, _) = browser.text("/admin/newsroom-feeds").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        for path in [
            "/admin/newsroom-feeds",
            "/admin/newsroom-feeds/1/poll",
            "/admin/newsroom-feeds/1/remove",
        ] {
            let response = browser
                .post_form(path, &[("url", "http://127.0.0.1:9/rss.xml")])
                .await;
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
        }
    }
    assert!(app.db.store.newsroom_feeds().await.unwrap().is_empty());

    let admin = app.admin().await;
    let (status, page) = admin.text("/admin/newsroom-feeds").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("No feeds yet"), "{page}");
    let (_, index) = admin.text("/admin").await;
    assert!(index.contains(r#"href="/admin/newsroom-feeds""#));

    let newsroom = Newsroom::start().await;
    newsroom.serve("/rss.xml", feed(EMPTY_RSS));
    let url = newsroom.url("/rss.xml");
    let response = admin
        .post_form("/admin/newsroom-feeds", &[("url", &url)])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (status, page) = text(
        admin
            .post_form("/admin/newsroom-feeds", &[("url", &url)])
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("already followed"), "{page}");
    let id = app.db.store.newsroom_feeds().await.unwrap()[0].id;
    let response = admin
        .post_form(&format!("/admin/newsroom-feeds/{id}/remove"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = admin.text(&location(&response)).await;
    assert!(page.contains("Stopped following"), "{page}");
    assert!(app.db.store.newsroom_feeds().await.unwrap().is_empty());
    let response = admin
        .post_form(&format!("/admin/newsroom-feeds/{id}/poll"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
});

both!(two_pollers_open_each_article_once, |app| async move {
    let newsroom = Newsroom::start().await;
    newsroom.serve("/rss.xml", feed(EMPTY_RSS));
    let by = operator();
    app.tribune
        .add_newsroom_feed(Publisher::Editor(&by), &newsroom.url("/rss.xml"))
        .await
        .unwrap();
    newsroom.serve("/rss.xml", feed(COURIER));

    // Two nodes of one site (one database), polling at the same moment, once the feed
    // is due.
    let store = tribune_store::Store::connect(&app.db.url).await.unwrap();
    let other = Tribune::new(store, app.settings.clone());
    let due = Tribune::now() + time::Duration::hours(1);
    let (a, b) = tokio::join!(
        app.tribune.poll_due_newsroom_feeds(due),
        other.poll_due_newsroom_feeds(due)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 1, "one node polls the feed");
    assert_eq!(
        newsroom.requests("/rss.xml").len(),
        2,
        "the add, then one poll"
    );
    assert_eq!(article_count(&app).await, 2);
    let feed = &app.db.store.newsroom_feeds().await.unwrap()[0];
    assert_eq!(feed.articles_opened, 2);
});

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_command_line_follows_lists_and_removes_feeds() {
    for backend in [
        crate::helpers::Backend::Sqlite,
        crate::helpers::Backend::Postgres,
    ] {
        let db = tribune_store::testing::TestDb::new(backend).await.unwrap();
        let newsroom = Newsroom::start().await;
        newsroom.serve("/notes.atom", feed(HARBOUR));
        let run = |args: Vec<String>| {
            let url = db.url.clone();
            tokio::task::spawn_blocking(move || {
                let output = std::process::Command::new(env!("CARGO_BIN_EXE_tribune"))
                    .args(&args)
                    .env("TRIBUNE_DATABASE", url)
                    .env("TRIBUNE_LOG__LEVEL", "warn")
                    .output()
                    .unwrap();
                (
                    output.status.success(),
                    String::from_utf8_lossy(&output.stdout).into_owned(),
                    String::from_utf8_lossy(&output.stderr).into_owned(),
                )
            })
        };
        let args = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();

        let url = newsroom.url("/notes.atom");
        let (ok, out, err) = run(args(&["feed", "add", &url])).await.unwrap();
        assert!(ok, "{err}");
        assert!(out.contains("Following feed 1: Harbour Notes"), "{out}");
        assert!(out.contains("2 items, 2 discussions opened"), "{out}");
        assert!(
            db.store
                .article_by_url("https://harbour.example/notes/ferry-fares")
                .await
                .unwrap()
                .is_some()
        );

        let missing = newsroom.url("/gone.xml");
        let (ok, out, err) = run(args(&["feed", "add", &missing])).await.unwrap();
        assert!(!ok, "{out}");
        assert!(
            err.contains("The feed answered HTTP 404 Not Found"),
            "{err}"
        );

        let (ok, out, err) = run(args(&["feed", "list"])).await.unwrap();
        assert!(ok, "{err}");
        assert!(out.contains("Harbour Notes") && out.contains(&url), "{out}");
        assert!(out.contains("2 discussions opened"), "{out}");
        assert!(
            !out.contains("gone.xml"),
            "an unreadable feed is not stored: {out}"
        );

        let (ok, out, err) = run(args(&["feed", "remove", "1"])).await.unwrap();
        assert!(ok, "{err}");
        assert!(out.contains("Stopped following feed 1"), "{out}");
        let (ok, _, err) = run(args(&["feed", "remove", "1"])).await.unwrap();
        assert!(!ok);
        assert!(err.contains("feed not found"), "{err}");
    }
}
