//! Moving a site: `tribune export`, `tribune import tribune`, `tribune backup` and
//! `tribune migrate`, run as the real binary against sites seeded through HTTP.

use std::path::{Path, PathBuf};
use std::process::Command;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tribune_store::testing::{Backend, TestDb};

use crate::helpers::{Browser, PASSWORD, Process, TestApp, json};

/// Runs the binary on `database`; returns (success, stdout, stderr).
fn tribune(database: &str, args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_tribune"))
        .args(args)
        .env("TRIBUNE_DATABASE", database)
        .env("TRIBUNE_LOG__LEVEL", "warn")
        .env("SOURCE_DATE_EPOCH", "1795600000")
        .output()
        .expect("the binary runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn scratch(name: &str) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path =
        std::env::temp_dir().join(format!("tribune_export_{}_{n}_{name}", std::process::id()));
    let _ = std::fs::remove_file(&path);
    path
}

/// Exports `database` into a new file and returns its text.
fn export(database: &str, extra: &[&str]) -> String {
    let path = scratch("export.jsonl");
    let mut args = vec!["export", "--output", path.to_str().unwrap()];
    args.extend_from_slice(extra);
    let (ok, out, err) = tribune(database, &args);
    assert!(ok, "export: {err}");
    assert!(out.contains("Exported:"), "{out}");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    text
}

async fn post(reader: &Browser, slug: &str, body: Value) -> i64 {
    let (status, comment) = json(
        reader
            .post_json(&format!("/api/v1/articles/{slug}/comments"), &body)
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{comment}");
    comment["id"].as_i64().unwrap()
}

/// A site whose notification worker stays still after its first pass, so that two exports
/// see the same rows.
async fn site(backend: Backend) -> TestApp {
    TestApp::spawn_with(backend, |settings| {
        settings.notifications.interval_ms = 3_600_000;
    })
    .await
}

/// A site with what readers and moderators really do: replies, a mention and a quotation,
/// reactions, an edit (with its revision), a deletion, a report, a rejection, a feature.
/// Returns the ids of the comments.
async fn seed(app: &TestApp) -> Vec<i64> {
    app.article("harbour-wall", "open").await;
    let alice = app.reader("Alice Ashdown").await;
    let bob = app.reader("Bob Brennan").await;
    let carol = app.reader("Carol Corrie").await;
    let moderator = app.moderator().await;
    let first = post(
        &alice,
        "harbour-wall",
        json!({"body": "The harbour wall has needed money for a decade."}),
    )
    .await;
    let reply = post(
        &bob,
        "harbour-wall",
        json!({"body": "@Alice \"We will decide on Thursday\" is what they said last year too.",
               "parent_id": first}),
    )
    .await;
    let edited = post(
        &carol,
        "harbour-wall",
        json!({"body": "Does anyone know what the repair would cost?"}),
    )
    .await;
    let response = carol
        .send_json(
            Method::PUT,
            &format!("/api/v1/comments/{edited}"),
            &json!({"body": "Does anyone know what the repair would cost, roughly?"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let deleted = post(
        &alice,
        "harbour-wall",
        json!({"body": "Posted this twice, sorry."}),
    )
    .await;
    let response = alice
        .send_json(
            Method::DELETE,
            &format!("/api/v1/comments/{deleted}"),
            &json!({}),
        )
        .await;
    assert!(response.status().is_success(), "{}", response.status());
    let rejected = post(
        &bob,
        "harbour-wall",
        json!({"body": "Buy cheap watches at my shop, best prices in town."}),
    )
    .await;
    for reader in [&bob, &carol] {
        let response = reader
            .post_json(&format!("/api/v1/comments/{first}/reactions"), &json!({}))
            .await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    let response = carol
        .post_json(
            &format!("/api/v1/comments/{reply}/reports"),
            &json!({"reason": "off_topic"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let response = moderator
        .post_json(
            &format!("/api/v1/comments/{rejected}/reject"),
            &json!({"reason": "Advertising is not allowed here."}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let response = moderator
        .send_json(
            Method::PUT,
            &format!("/api/v1/comments/{first}/featured"),
            &json!({"featured": true}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    vec![first, reply, edited, deleted, rejected]
}

/// What an anonymous reader sees of the discussion, from the API and the page.
async fn discussion(base: &str) -> (Value, String) {
    let client = reqwest::Client::new();
    let api: Value = client
        .get(format!("{base}/api/v1/articles/harbour-wall/comments"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let page = client
        .get(format!("{base}/articles/harbour-wall"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // The live stream's starting point counts events, which an import numbers afresh.
    let page = page
        .split("events?after=")
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                part.to_owned()
            } else {
                part.trim_start_matches(|c: char| c.is_ascii_digit())
                    .to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("events?after=N");
    (api, page)
}

async fn round_trip(from: Backend, to: Backend) {
    let app = site(from).await;
    let ids = seed(&app).await;

    let exported = export(&app.db.url, &["--with-password-hashes"]);
    assert_eq!(
        exported,
        export(&app.db.url, &["--with-password-hashes"]),
        "two exports of one site are the same bytes"
    );
    let text = exported.clone();
    assert!(text.starts_with(
        "{\"type\":\"tribune-export\",\"version\":1,\"exported_at\":\"2026-11-25T09:46:40Z\""
    ));
    for kind in [
        "user",
        "article",
        "comment",
        "comment_revision",
        "comment_mention",
        "comment_quote",
        "reaction",
        "report",
        "moderation",
    ] {
        assert!(
            text.contains(&format!("{{\"type\":\"{kind}\",")),
            "{kind} records are exported"
        );
    }
    assert!(text.contains("$argon2id$"), "hashes when asked for");
    for secret in [
        "token_hash",
        "\"session\"",
        "address_key",
        "unsubscribe_key",
    ] {
        assert!(!text.contains(secret), "{secret} never leaves in a file");
    }
    let without = export(&app.db.url, &[]);
    assert!(!without.contains("\"password_hash\":") && !without.contains("$argon2"));

    // Into a fresh site on the other backend, then out again: the same bytes.
    let target = TestDb::new(to).await.unwrap();
    let file = scratch("round-trip.jsonl");
    std::fs::write(&file, &exported).unwrap();
    let (ok, out, err) = tribune(&target.url, &["import", "tribune", file.to_str().unwrap()]);
    assert!(ok, "import: {err}");
    assert!(out.contains("comment"), "{out}");
    assert_eq!(
        export(&target.url, &["--with-password-hashes"]),
        text,
        "what was imported exports the same"
    );

    // The same discussion, at the same permalinks, for readers; accounts log in.
    let server = Process::serve(&target.url).await;
    assert_eq!(
        discussion(&app.url("")).await,
        discussion(&server.base).await
    );
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    for id in &ids[..3] {
        let response = client
            .get(format!("{}/api/v1/comments/{id}", server.base))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "permalink of {id}");
    }
    let response = client
        .post(format!("{}/api/v1/login", server.base))
        .json(&json!({"email": "alice.ashdown@example.org", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "the password hash came along"
    );
    // New rows get new ids (PostgreSQL's sequences moved past the imported ones).
    let response = client
        .post(format!(
            "{}/api/v1/articles/harbour-wall/comments",
            server.base
        ))
        .json(&json!({"body": "Back on the new site, and the thread is all here."}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let comment: Value = response.json().await.unwrap();
    assert!(comment["id"].as_i64().unwrap() > *ids.iter().max().unwrap());
    std::fs::remove_file(&file).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_site_exports_and_imports_into_postgres_exactly() {
    round_trip(Backend::Sqlite, Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgres_site_exports_and_imports_into_sqlite_exactly() {
    round_trip(Backend::Postgres, Backend::Sqlite).await;
}

fn import_file(database: &str, lines: &[&str]) -> (bool, String) {
    let file = scratch("import.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap();
    let (ok, _, err) = tribune(database, &["import", "tribune", file.to_str().unwrap()]);
    std::fs::remove_file(&file).unwrap();
    (ok, err)
}

const HEADER: &str = r#"{"type":"tribune-export","version":1,"exported_at":"2026-11-24T00:00:00Z","source":"http://x"}"#;
const USER: &str = r#"{"type":"user","id":7,"email":"una@example.org","display_name":"Una","name_key":"una","role":"reader","created_at":1,"notify_email":"never"}"#;

crate::helpers::both_backends!(
    a_bad_file_imports_nothing_and_says_where,
    |backend| async move {
        let db = TestDb::new(backend).await.unwrap();
        let (ok, err) = import_file(
            &db.url,
            &[
                HEADER,
                USER,
                r#"{"type":"comment","id":1,"body_markdown":5}"#,
            ],
        );
        assert!(!ok);
        assert!(err.contains("line 3"), "{err}");
        assert!(err.contains("body_markdown"), "{err}");
        assert!(err.contains("nothing was imported"), "{err}");
        assert!(
            db.store.user(7).await.unwrap().is_none(),
            "nothing imported"
        );

        let (ok, err) = import_file(&db.url, &[HEADER, USER, "{not json"]);
        assert!(
            !ok && err.contains("line 3") && err.contains("not a JSON object"),
            "{err}"
        );
        let (ok, err) = import_file(&db.url, &[HEADER, r#"{"type":"session","token_hash":"x"}"#]);
        assert!(
            !ok && err.contains("line 2") && err.contains("session"),
            "{err}"
        );
        let (ok, err) = import_file(
            &db.url,
            &[
                HEADER,
                r#"{"type":"site_meta","key":"address_key","value":"x"}"#,
            ],
        );
        assert!(
            !ok && err.contains("address_key"),
            "secrets are not imported: {err}"
        );
        let (ok, err) = import_file(
            &db.url,
            &[&HEADER.replace("\"version\":1", "\"version\":2"), USER],
        );
        assert!(
            !ok && err.contains("line 1") && err.contains("version 2"),
            "{err}"
        );
        let (ok, err) = import_file(&db.url, &[USER]);
        assert!(!ok && err.contains("line 1"), "{err}");

        let (ok, err) = import_file(&db.url, &[HEADER, USER]);
        assert!(ok, "{err}");
        assert_eq!(db.store.user(7).await.unwrap().unwrap().display_name, "Una");
        let (ok, err) = import_file(&db.url, &[HEADER, USER]);
        assert!(!ok, "a site with data is refused");
        assert!(err.contains("empty site only"), "{err}");
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_site_moves_to_postgres_verified() {
    let app = site(Backend::Sqlite).await;
    seed(&app).await;
    let target = TestDb::new(Backend::Postgres).await.unwrap();
    let (ok, out, err) = tribune(&app.db.url, &["migrate", "--to", &target.url]);
    assert!(ok, "migrate: {err}");
    assert!(!out.contains("MISMATCH"), "{out}");
    for table in [
        "users",
        "comments",
        "sessions",
        "site_meta",
        "moderation_log",
    ] {
        let line = out
            .lines()
            .find(|l| l.starts_with(&format!("{table} ")))
            .unwrap_or_else(|| panic!("{table} in {out}"));
        assert!(line.ends_with("ok"), "{line}");
    }
    assert_eq!(
        export(&app.db.url, &["--with-password-hashes"]),
        export(&target.url, &["--with-password-hashes"]),
    );
    let server = Process::serve(&target.url).await;
    assert_eq!(
        discussion(&app.url("")).await,
        discussion(&server.base).await
    );

    let (ok, _, err) = tribune(&app.db.url, &["migrate", "--to", &target.url]);
    assert!(!ok && err.contains("already holds data"), "{err}");
    let (ok, _, err) = tribune(&app.db.url, &["migrate", "--to", "sqlite://elsewhere.db"]);
    assert!(!ok && err.contains("postgres://"), "{err}");
}

/// Keeps posting comments until told to stop; returns the ids acknowledged (201) and when.
async fn keep_posting(
    reader: Browser,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    acknowledged: std::sync::Arc<std::sync::Mutex<Vec<i64>>>,
) {
    let mut n = 0;
    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
        n += 1;
        let response = reader
            .post_json(
                "/api/v1/articles/harbour-wall/comments",
                &json!({"body": format!("Comment number {n} about the harbour wall repairs.")}),
            )
            .await;
        if response.status() == StatusCode::CREATED {
            let comment: Value = response.json().await.unwrap();
            acknowledged
                .lock()
                .unwrap()
                .push(comment["id"].as_i64().unwrap());
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_running_sqlite_site_is_backed_up_and_restored() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex};

    let app = site(Backend::Sqlite).await;
    let seeded = seed(&app).await;
    let stop = Arc::new(AtomicBool::new(false));
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let mut writers = Vec::new();
    for name in ["Writer One", "Writer Two"] {
        let reader = app.reader(name).await;
        writers.push(tokio::spawn(keep_posting(
            reader,
            stop.clone(),
            acknowledged.clone(),
        )));
    }
    // Let the writers get going, then back up while they write.
    while acknowledged.lock().unwrap().len() < 10 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let before: Vec<i64> = acknowledged.lock().unwrap().clone();
    let path = scratch("backup.db");
    let database = app.db.url.clone();
    let backup_path = path.clone();
    let (ok, out, err) = tokio::task::spawn_blocking(move || {
        tribune(&database, &["backup", backup_path.to_str().unwrap()])
    })
    .await
    .unwrap();
    assert!(ok, "backup: {err}");
    assert!(out.contains("Backed up the site"), "{out}");
    stop.store(true, Ordering::Relaxed);
    for writer in writers {
        writer.await.unwrap();
    }
    assert!(
        acknowledged.lock().unwrap().len() > before.len(),
        "the site kept taking comments"
    );

    // Never over an existing file.
    let (ok, _, err) = tribune(&app.db.url, &["backup", path.to_str().unwrap()]);
    assert!(!ok && err.contains("exists already"), "{err}");

    // The copy is sound and holds every comment acknowledged before the backup began.
    let url = format!("sqlite://{}", path.display());
    let copy = tribune_store::Store::connect(&url).await.unwrap();
    assert_eq!(
        copy.sqlite_integrity_check().await.unwrap().as_deref(),
        Some("ok")
    );
    for id in &before {
        let comment = copy.comment(*id).await.unwrap();
        assert!(
            comment.is_some_and(|c| c.body_markdown.contains("harbour wall repairs")),
            "comment {id} is in the backup"
        );
    }
    copy.close().await;

    // Restored as the README says (the file in the database's place, then start): readers
    // read the discussion over HTTP.
    let server = Process::serve(&url).await;
    let client = reqwest::Client::new();
    for id in &seeded[..3] {
        let response = client
            .get(format!("{}/api/v1/comments/{id}", server.base))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "comment {id}");
    }
    let (_, page) = discussion(&server.base).await;
    assert!(page.contains("The harbour wall has needed money for a decade."));
    drop(server);
    remove_database(&path);
}

fn remove_database(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

#[tokio::test]
async fn a_postgres_site_is_sent_to_pg_dump() {
    let db = TestDb::new(Backend::Postgres).await.unwrap();
    let path = scratch("never.db");
    let (ok, _, err) = tribune(&db.url, &["backup", path.to_str().unwrap()]);
    assert!(!ok && err.contains("pg_dump"), "{err}");
    assert!(!path.exists());
}

/// A post of a Disqus file, as an importer reads it.
#[derive(Debug, Default)]
struct DisqusPost {
    id: i64,
    thread: i64,
    parent: Option<i64>,
    message: String,
    deleted: bool,
    spam: bool,
    name: String,
    email: Option<String>,
}

/// Threads (id, link, title) and posts of a Disqus XML file, parsed with quick-xml.
fn parse_disqus(xml: &str) -> (Vec<(i64, String, String)>, Vec<DisqusPost>) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut path: Vec<String> = Vec::new();
    let mut threads = Vec::new();
    let mut posts: Vec<DisqusPost> = Vec::new();
    let dsq_id = |e: &quick_xml::events::BytesStart| -> i64 {
        let attribute = e
            .try_get_attribute("dsq:id")
            .unwrap()
            .expect("a dsq:id attribute");
        attribute.value.parse().unwrap()
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                let name = e.name().as_ref().to_owned();
                match (path.len(), name.as_str()) {
                    (1, "thread") => threads.push((dsq_id(&e), String::new(), String::new())),
                    (1, "post") => posts.push(DisqusPost {
                        id: dsq_id(&e),
                        ..DisqusPost::default()
                    }),
                    _ => {}
                }
                path.push(name);
            }
            Event::Empty(e) => {
                let name = e.name().as_ref().to_owned();
                if path.len() == 2 && path[1] == "post" {
                    let post = posts.last_mut().unwrap();
                    match name.as_str() {
                        "thread" => post.thread = dsq_id(&e),
                        "parent" => post.parent = Some(dsq_id(&e)),
                        _ => {}
                    }
                }
            }
            Event::Text(t) => {
                let text = t.xml10_content().into_owned();
                let at: Vec<&str> = path.iter().map(String::as_str).collect();
                match at.as_slice() {
                    ["disqus", "thread", "link"] => threads.last_mut().unwrap().1 = text,
                    ["disqus", "thread", "title"] => threads.last_mut().unwrap().2 = text,
                    ["disqus", "post", "isDeleted"] => {
                        posts.last_mut().unwrap().deleted = text == "true";
                    }
                    ["disqus", "post", "isSpam"] => posts.last_mut().unwrap().spam = text == "true",
                    ["disqus", "post", "author", "name"] => posts.last_mut().unwrap().name = text,
                    ["disqus", "post", "author", "email"] => {
                        posts.last_mut().unwrap().email = Some(text);
                    }
                    _ => {}
                }
            }
            Event::CData(c) if path.last().map(String::as_str) == Some("message") => {
                posts.last_mut().unwrap().message = c.into_inner().into_owned();
            }
            Event::End(_) => {
                path.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (threads, posts)
}

crate::helpers::both_backends!(
    a_site_leaves_as_disqus_xml_with_its_threads,
    |backend| async move {
        let app = site(backend).await;
        let [first, reply, edited, deleted, rejected] = seed(&app).await[..] else {
            panic!("five comments");
        };
        let path = scratch("disqus.xml");
        let (ok, out, err) = tribune(
            &app.db.url,
            &["export", "--format", "disqus", "-o", path.to_str().unwrap()],
        );
        assert!(ok, "{err}");
        assert!(out.contains("post"), "{out}");
        let xml = std::fs::read_to_string(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert!(
            !xml.contains("@example.org"),
            "no email addresses unless asked"
        );

        let (threads, posts) = parse_disqus(&xml);
        assert_eq!(threads.len(), 1);
        let (thread, link, title) = &threads[0];
        assert!(link.ends_with("/articles/harbour-wall"), "{link}");
        assert_eq!(title, "Council debates harbour-wall");
        assert_eq!(
            posts.iter().map(|p| p.id).collect::<Vec<_>>(),
            [first, reply, edited, deleted, rejected]
        );
        assert!(posts.iter().all(|p| p.thread == *thread));
        let post = |id: i64| posts.iter().find(|p| p.id == id).unwrap();
        assert_eq!(post(reply).parent, Some(first), "threading kept");
        assert_eq!(post(first).parent, None);
        assert_eq!(
            post(first).message,
            "<p>The harbour wall has needed money for a decade.</p>"
        );
        assert_eq!(post(first).name, "Alice Ashdown");
        assert!(post(edited).message.contains("roughly?"), "the edited text");
        assert!(post(deleted).deleted && post(deleted).message.is_empty());
        assert!(post(rejected).spam && !post(first).spam && !post(first).deleted);

        let path = scratch("disqus-emails.xml");
        let (ok, _, err) = tribune(
            &app.db.url,
            &[
                "export",
                "--format",
                "disqus",
                "--with-emails",
                "-o",
                path.to_str().unwrap(),
            ],
        );
        assert!(ok, "{err}");
        let (_, posts) = parse_disqus(&std::fs::read_to_string(&path).unwrap());
        std::fs::remove_file(&path).unwrap();
        assert_eq!(posts[0].email.as_deref(), Some("alice.ashdown@example.org"));
    }
);
