//! Live discussions: Server-Sent Events as a reader's browser receives them, resumed after a
//! dropped connection, across two `tribune` processes on one PostgreSQL database.

use std::time::{Duration, Instant};

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use tribune_store::testing::{Backend, TestDb};

use crate::helpers::{Browser, PASSWORD, Process, TestApp, both, json as json_of};

/// One event as `EventSource` would deliver it.
#[derive(Debug, Clone, PartialEq)]
struct Received {
    id: i64,
    event: String,
    data: Value,
}

/// A reader's open stream, read as a browser does.
struct Stream {
    response: reqwest::Response,
    buffer: String,
}

impl Stream {
    async fn open(client: &Client, url: &str, last_event_id: Option<i64>) -> Self {
        let mut request = client.get(url).header("accept", "text/event-stream");
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id.to_string());
        }
        let response = request.send().await.expect("the stream opens");
        assert_eq!(response.status(), StatusCode::OK, "{url}");
        assert_eq!(
            response.headers()["content-type"],
            "text/event-stream",
            "an event stream"
        );
        Self {
            response,
            buffer: String::new(),
        }
    }

    /// The next event with data, waiting at most `within`; heartbeats and the `retry`
    /// advice are not events.
    async fn next_within(&mut self, within: Duration) -> Option<Received> {
        let deadline = Instant::now() + within;
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let frame: String = self.buffer.drain(..end + 2).collect();
                let (mut id, mut event, mut data) = (None, String::from("message"), None);
                for line in frame.lines() {
                    let (field, value) = line.split_once(':').unwrap_or((line, ""));
                    let value = value.strip_prefix(' ').unwrap_or(value);
                    match field {
                        "id" => id = value.parse().ok(),
                        "event" => event = value.to_owned(),
                        "data" => data = Some(value.to_owned()),
                        _ => {}
                    }
                }
                if let (Some(id), Some(data)) = (id, data) {
                    let data = serde_json::from_str(&data).unwrap_or(Value::String(data));
                    return Some(Received { id, event, data });
                }
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            match tokio::time::timeout(left, self.response.chunk()).await {
                Ok(Ok(Some(bytes))) => self.buffer.push_str(&String::from_utf8_lossy(&bytes)),
                Ok(_) | Err(_) => return None,
            }
        }
    }

    async fn next(&mut self) -> Received {
        self.next_within(Duration::from_secs(5))
            .await
            .expect("an event within 5 seconds")
    }
}

/// Publishes an article straight into a database that `tribune` processes serve.
async fn publish(db: &TestDb, slug: &str, headline: &str) {
    let tribune = tribune_app::Tribune::new(db.store.clone(), tribune_app::Settings::default());
    let editor = tribune_app::accounts::Editor {
        token_id: 0,
        name: "tests".to_owned(),
    };
    tribune
        .create_article(
            tribune_app::articles::Publisher::Editor(&editor),
            tribune_domain::article::ArticleFields {
                slug: Some(slug.to_owned()),
                headline: headline.to_owned(),
                ..Default::default()
            },
        )
        .await
        .expect("an article");
}

async fn post(reader: &Browser, slug: &str, body: &str) -> Value {
    let (status, comment) = json_of(
        reader
            .post_json(
                &format!("/api/v1/articles/{slug}/comments"),
                &json!({ "body": body }),
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{comment}");
    comment
}

both!(readers_see_comments_come_change_and_go, |app| async move {
    app.article("harbour", "open").await;
    let reader = app.reader("Wren").await;
    let events = app.url("/api/v1/articles/harbour/events");
    let mut stream = Stream::open(&app.browser().client, &events, None).await;

    let first = post(&reader, "harbour", "The harbour wall held this time.").await;
    let created = stream.next().await;
    assert_eq!((created.id, created.event.as_str()), (1, "created"));
    assert_eq!(created.data["comment_id"], first["id"]);
    assert_eq!(
        created.data["comment"]["body_html"],
        "<p>The harbour wall held this time.</p>"
    );
    assert_eq!(created.data["comment"]["author"]["display_name"], "Wren");

    let id = first["id"].as_i64().expect("an id");
    let edit = reader
        .send_json(
            reqwest::Method::PUT,
            &format!("/api/v1/comments/{id}"),
            &json!({"body": "The harbour wall held, this time."}),
        )
        .await;
    assert_eq!(edit.status(), StatusCode::OK);
    let edited = stream.next().await;
    assert_eq!((edited.id, edited.event.as_str()), (2, "edited"));
    assert_eq!(
        edited.data["comment"]["body"],
        "The harbour wall held, this time."
    );

    // The reader's connection drops; meanwhile the comment is deleted and another posted.
    drop(stream);
    let delete = reader
        .send_json(
            reqwest::Method::DELETE,
            &format!("/api/v1/comments/{id}"),
            &json!({}),
        )
        .await;
    assert_eq!(delete.status(), StatusCode::OK);
    let second = post(&reader, "harbour", "Sandbags are still on the quay.").await;

    // The browser reconnects with the last id it saw: exactly what followed, in order.
    let mut stream = Stream::open(&app.browser().client, &events, Some(2)).await;
    let removed = stream.next().await;
    assert_eq!((removed.id, removed.event.as_str()), (3, "removed"));
    assert_eq!(removed.data["comment_id"], id);
    assert!(removed.data.get("comment").is_none(), "gone: no text");
    let created = stream.next().await;
    assert_eq!(
        (created.id, created.data["comment_id"].clone()),
        (4, second["id"].clone())
    );
    assert_eq!(
        stream.next_within(Duration::from_millis(300)).await,
        None,
        "nothing twice"
    );
    // …and it goes on live.
    post(&reader, "harbour", "The ferry is running again.").await;
    assert_eq!(stream.next().await.id, 5);
});

both!(
    held_comments_reach_the_stream_once_approved,
    |app| async move {
        app.article("tolls", "pre-moderated").await;
        let reader = app.reader("Linnet").await;
        let moderator = app.moderator().await;
        let mut stream = Stream::open(
            &app.browser().client,
            &app.url("/api/v1/articles/tolls/events"),
            None,
        )
        .await;
        let held = post(&reader, "tolls", "Bridge tolls should fund the repairs.").await;
        assert_eq!(held["status"], "held");
        assert_eq!(
            stream.next_within(Duration::from_millis(500)).await,
            None,
            "a held comment is not shown to everyone"
        );
        let id = held["id"].as_i64().expect("an id");
        let approve = moderator
            .post_json(&format!("/api/v1/comments/{id}/approve"), &json!({}))
            .await;
        assert_eq!(approve.status(), StatusCode::OK);
        let approved = stream.next().await;
        assert_eq!((approved.id, approved.event.as_str()), (1, "approved"));
        assert_eq!(approved.data["comment"]["status"], "published");
    }
);

both!(
    the_page_streams_from_where_it_was_rendered,
    |app| async move {
        app.article("ferry", "open").await;
        let reader = app.reader("Dunlin").await;
        post(&reader, "ferry", "First, before the page was read.").await;
        let (_, page) = app.browser().text("/articles/ferry").await;
        assert!(
            page.contains(r#"data-live="/api/v1/articles/ferry/events?after=1""#),
            "the page says where its live updates continue"
        );
        // A comment lands between the page and the stream: the stream still brings it.
        let late = post(&reader, "ferry", "Second, while the page loaded.").await;
        let mut stream = Stream::open(
            &app.browser().client,
            &app.url("/api/v1/articles/ferry/events?after=1"),
            None,
        )
        .await;
        let received = stream.next().await;
        assert_eq!(
            (received.id, received.data["comment_id"].clone()),
            (2, late["id"].clone())
        );

        // The comment as the page would show it, for the script to insert.
        let id = late["id"].as_i64().expect("an id");
        let (status, card) = app.browser().text(&format!("/comments/{id}/card")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            card.trim_start()
                .starts_with(&format!("<article id=\"c{id}\""))
        );
        assert!(card.contains("Second, while the page loaded."));
        assert!(!card.contains("<html"), "a fragment, not a page");
    }
);

both!(streams_refuse_what_they_cannot_serve, |app| async move {
    app.article("quay", "open").await;
    let browser = app.browser();
    let (status, body) = json_of(
        browser
            .client
            .get(app.url("/api/v1/articles/quay/events"))
            .header("last-event-id", "yesterday")
            .send()
            .await
            .expect("a response"),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "invalid_event_id");
    let (status, _) = json_of(browser.get("/api/v1/articles/nowhere/events").await).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // An id from the future is treated as "now", not as a wait for ever.
    let mut stream = Stream::open(
        &browser.client,
        &app.url("/api/v1/articles/quay/events"),
        Some(1_000),
    )
    .await;
    let reader = app.reader("Teal").await;
    post(&reader, "quay", "Now.").await;
    assert_eq!(stream.next().await.id, 1);
});

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_holds_no_more_streams_than_allowed() {
    let app = TestApp::spawn_with(Backend::Sqlite, |s| s.live.max_streams = 1).await;
    app.article("cap", "open").await;
    let url = app.url("/api/v1/articles/cap/events");
    let _open = Stream::open(&app.browser().client, &url, None).await;
    let refused = app
        .browser()
        .client
        .get(&url)
        .send()
        .await
        .expect("a response");
    assert_eq!(refused.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(refused.headers()["retry-after"], "30");
    let (_, body) = json_of(refused).await;
    assert_eq!(body["code"], "too_many_streams");
}

/// Two `tribune` processes share one PostgreSQL database: a comment posted through one
/// reaches a reader streaming from the other within a second, and a reader who drops and
/// reconnects to it misses nothing and sees nothing twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_cross_nodes_on_postgres() {
    let db = TestDb::new(Backend::Postgres).await.expect("a database");
    let node_a = Process::serve(&db.url).await;
    let node_b = Process::serve(&db.url).await;
    publish(&db, "storm", "Storm closes the coast road").await;

    let writer = Client::builder()
        .cookie_store(true)
        .build()
        .expect("a client");
    let signup = writer
        .post(format!("{}/api/v1/signup", node_a.base))
        .json(
            &json!({"display_name": "Petrel", "email": "petrel@example.org", "password": PASSWORD}),
        )
        .send()
        .await
        .expect("sign-up");
    assert_eq!(signup.status(), StatusCode::CREATED);
    let post_on_a = |body: &'static str| {
        let (writer, base) = (writer.clone(), node_a.base.clone());
        async move {
            let response = writer
                .post(format!("{base}/api/v1/articles/storm/comments"))
                .json(&json!({ "body": body }))
                .send()
                .await
                .expect("posted");
            assert_eq!(response.status(), StatusCode::CREATED);
            response.json::<Value>().await.expect("json")["id"].clone()
        }
    };

    let reader = Client::new();
    let events_on_b = format!("{}/api/v1/articles/storm/events", node_b.base);
    let mut stream = Stream::open(&reader, &events_on_b, None).await;
    // Let node B's stream settle before timing a post on node A.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let posted_at = Instant::now();
    let first = post_on_a("Road closed at the cliff bend since six.").await;
    let received = stream
        .next_within(Duration::from_secs(1))
        .await
        .expect("node B streams node A's comment within a second");
    let latency = posted_at.elapsed();
    assert_eq!(
        (received.id, received.data["comment_id"].clone()),
        (1, first)
    );
    assert!(latency < Duration::from_secs(1), "took {latency:?}");

    drop(stream);
    let second = post_on_a("Buses are turning back at the roundabout.").await;
    let third = post_on_a("The council says it reopens tomorrow.").await;
    let mut stream = Stream::open(&reader, &events_on_b, Some(1)).await;
    let replayed = [stream.next().await, stream.next().await];
    assert_eq!(
        replayed
            .iter()
            .map(|r| (r.id, r.data["comment_id"].clone()))
            .collect::<Vec<_>>(),
        [(2, second), (3, third)]
    );
    let fourth = post_on_a("Update: one lane open.").await;
    let live = stream.next().await;
    assert_eq!((live.id, live.data["comment_id"].clone()), (4, fourth));
    assert_eq!(
        stream.next_within(Duration::from_millis(300)).await,
        None,
        "nothing twice"
    );
}

/// Open streams do not hold up a graceful shutdown: they end, and the process exits.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_stops_promptly_with_streams_open() {
    let db = TestDb::new(Backend::Sqlite).await.expect("a database");
    let mut node = Process::serve(&db.url).await;
    let client = Client::new();
    publish(&db, "night", "Night shift").await;
    let url = format!("{}/api/v1/articles/night/events", node.base);
    let mut streams = Vec::new();
    for _ in 0..3 {
        streams.push(Stream::open(&client, &url, None).await);
    }
    assert!(
        node.terminate(Duration::from_secs(5)).await,
        "the node exits within 5 seconds of SIGTERM"
    );
    for mut stream in streams {
        assert_eq!(
            stream.next_within(Duration::from_secs(1)).await,
            None,
            "the stream ended"
        );
    }
}

both!(
    a_reader_away_longer_than_the_log_is_kept_is_told_to_reload,
    |app| async move {
        app.article("archive", "open").await;
        let reader = app.reader("Shag").await;
        post(&reader, "archive", "Yesterday's first comment.").await;
        post(&reader, "archive", "Yesterday's second comment.").await;
        app.db
            .store
            .sweep_discussion_events(time::OffsetDateTime::now_utc() + time::Duration::minutes(1))
            .await
            .expect("swept");
        let mut stream = Stream::open(
            &app.browser().client,
            &app.url("/api/v1/articles/archive/events"),
            Some(0),
        )
        .await;
        let resync = stream.next().await;
        assert_eq!((resync.id, resync.event.as_str()), (2, "resync"));
        // It goes on from there.
        post(&reader, "archive", "Today's comment.").await;
        assert_eq!(stream.next().await.id, 3);
    }
);
