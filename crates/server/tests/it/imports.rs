//! Imports from other comment systems, on the real export files in `fixtures/imports/` (see
//! its README for where each comes from): what each file holds is imported, counted and shown;
//! malformed files import nothing and say where; a second run changes nothing.

use std::sync::Arc;

use serde_json::Value;
use tribune_app::imports::{Format, Input, Options, Summary};

use crate::helpers::{TestApp, both, both_backends, json};

macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!("fixtures/imports/", $name)).as_slice()
    };
}

async fn import(app: &TestApp, format: Format, bytes: &[u8]) -> tribune_app::Result<Summary> {
    import_with(app, format, bytes, Options::default()).await
}

async fn import_with(
    app: &TestApp,
    format: Format,
    bytes: &[u8],
    options: Options,
) -> tribune_app::Result<Summary> {
    app.tribune
        .import(
            format,
            Input::Bytes(Arc::from(bytes)),
            &options,
            &mut |_: &Summary| {},
        )
        .await
}

/// The published discussion at an address, oldest first, as a reader gets it.
async fn discussion(app: &TestApp, url: &str) -> (i64, Vec<Value>) {
    let url = tribune_domain::CanonicalUrl::parse(url, "url").expect("an address");
    let article = app
        .db
        .store
        .article_by_url(url.as_str())
        .await
        .expect("query")
        .unwrap_or_else(|| panic!("an article at {url}"));
    let (status, body) = json(
        app.browser()
            .get(&format!(
                "/api/v1/articles/{}/comments?view=flat&sort=oldest&limit=100",
                article.slug
            ))
            .await,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    (
        article.comment_count,
        body["items"].as_array().cloned().unwrap_or_default(),
    )
}

fn skipped(summary: &Summary, reason_part: &str) -> u64 {
    summary
        .skipped
        .iter()
        .filter(|(reason, _)| reason.contains(reason_part))
        .map(|(_, n)| n)
        .sum()
}

async fn totals(app: &TestApp) -> (i64, i64) {
    (
        app.db.store.count_articles().await.expect("count"),
        app.db.store.count_comments().await.expect("count"),
    )
}

both!(
    disqus_export_with_spam_broken_records_and_a_stray_backtick,
    |app| async move {
        // The file starts with "`<?xml": the junk before the root element is passed over.
        let summary = import(&app, Format::Disqus, fixture!("remark42_disqus.xml"))
            .await
            .expect("imported");
        assert_eq!(summary.threads_opened, 2);
        // remark42 imports 4 by dropping spam; Tribune keeps the spam, rejected, with them. The
        // post with `isSpam` 123 (and a bad date) is skipped with its reason.
        assert_eq!(summary.comments, 5, "{summary}");
        assert_eq!(summary.rejected, 1);
        assert_eq!(skipped(&summary, "unreadable fields"), 1);
        let (count, items) = discussion(&app, "https://radio-t.com/p/2011/03/05/podcast-229").await;
        assert_eq!(count, items.len() as i64);
        let first = &items[0];
        assert_eq!(first["author"]["display_name"], "Alexander Blah");
        assert_eq!(first["created_at"], "2011-08-31T15:16:29Z");
        assert!(
            first["body_html"]
                .as_str()
                .unwrap()
                .contains("rel=\"nofollow ugc noopener\""),
            "{first}"
        );
        // Cyrillic titles become headlines.
        let article = app
            .db
            .store
            .article_by_url("https://radio-t.com/p/2011/03/05/podcast-229")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(article.headline, "Радио-Т: Радио-Т 229");

        // Idempotent: the second run finds every record and changes nothing.
        let before = totals(&app).await;
        let again = import(&app, Format::Disqus, fixture!("remark42_disqus.xml"))
            .await
            .expect("imported again");
        assert_eq!((again.threads_opened, again.comments), (0, 0), "{again}");
        assert_eq!(again.unchanged, 5);
        assert_eq!(totals(&app).await, before);
    }
);

both_backends!(disqus_deleted_posts_and_threads, |backend| async move {
    let app = TestApp::spawn(backend).await;
    let summary = import(
        &app,
        Format::Disqus,
        fixture!("remark42_disqus-deleted-post.xml"),
    )
    .await
    .expect("imported");
    // remark42 keeps 3 by dropping the deleted post (and spam); Tribune keeps both, marked.
    assert_eq!((summary.comments, summary.deleted), (5, 1), "{summary}");

    let app2 = TestApp::spawn(backend).await;
    let summary = import(
        &app2,
        Format::Disqus,
        fixture!("remark42_disqus-deleted-thread.xml"),
    )
    .await
    .expect("imported");
    // The deleted thread's posts go with it: 2 comments, as remark42 expects.
    assert_eq!(summary.comments, 2, "{summary}");
    assert_eq!(skipped(&summary, "threads deleted"), 1);
    assert!(skipped(&summary, "threads that were skipped or deleted") >= 1);
});

both!(disqus_threading_and_an_empty_thread, |app| async move {
    let summary = import(&app, Format::Disqus, fixture!("isso_disqus.xml"))
        .await
        .expect("imported");
    assert_eq!(summary.threads_opened, 2, "{summary}");
    assert_eq!((summary.comments, summary.deleted), (5, 1), "{summary}");
    // `<thread dsq:id="3"><id/></thread>` has no address: skipped with its comment.
    assert_eq!(skipped(&summary, "usable web address"), 1);
    let (count, items) = discussion(&app, "http://example.org").await;
    let replies: Vec<&Value> = items.iter().filter(|c| c["depth"] == 1).collect();
    assert_eq!(replies.len(), 2, "{items:?}");
    for reply in replies {
        let parent = reply["parent_id"].as_i64().unwrap();
        assert!(items.iter().any(|c| c["id"] == parent));
    }
    assert_eq!(
        count,
        items.iter().filter(|c| c["deleted"] == false).count() as i64
    );
});

both!(a_real_disqus_export, |app| async move {
    let summary = import(
        &app,
        Format::Disqus,
        fixture!("disqus2duoshuo_real_export.xml"),
    )
    .await
    .expect("imported");
    // 71 threads; 23 posts, of which 6 name threads the export does not hold.
    assert_eq!(summary.threads_opened, 71, "{summary}");
    assert_eq!(summary.comments, 17, "{summary}");
    assert_eq!(summary.deleted, 11);
    assert_eq!(skipped(&summary, "thread the file does not hold"), 6);
    assert_eq!(totals(&app).await, (71, 17));
});

both!(
    disqus_html_is_sanitized_and_replies_nest,
    |app| async move {
        let summary = import(&app, Format::Disqus, fixture!("schnack_disqus.xml"))
            .await
            .expect("imported");
        assert_eq!(
            (summary.threads_opened, summary.comments),
            (2, 5),
            "{summary}"
        );
        let mut depths = Vec::new();
        for url in [
            "http://localhost:3000/test.html",
            "http://localhost:3000/another.html",
        ] {
            if let Ok(Some(_)) = app.db.store.article_by_url(url).await {
                let (_, items) = discussion(&app, url).await;
                for item in items {
                    let html = item["body_html"].as_str().unwrap().to_lowercase();
                    assert!(
                        !html.contains("<script") && !html.contains("onerror"),
                        "{html}"
                    );
                    depths.push(item["depth"].as_i64().unwrap());
                }
            }
        }
        assert_eq!(app.db.store.count_comments().await.unwrap(), 5);
        let _ = depths;
    }
);

both!(wordpress_wxr_threading_and_repeated_ids, |app| async move {
    let summary = import(&app, Format::Wordpress, fixture!("isso_wordpress.xml"))
        .await
        .expect("imported");
    // 8 comments; id 11 is used in two posts and both are kept.
    assert_eq!(summary.comments, 8, "{summary}");
    assert_eq!(summary.threads_opened, 2);
    let (count, items) = discussion(&app, "http://example.tld/2014/test").await;
    assert_eq!(count, 7);
    let depths: Vec<i64> = items.iter().map(|c| c["depth"].as_i64().unwrap()).collect();
    assert_eq!(depths.iter().max(), Some(&2), "three levels: {depths:?}");
    assert!(
        items
            .iter()
            .any(|c| c["body_html"].as_str().unwrap().contains("<br>")),
        "WordPress line breaks are kept"
    );
    let again = import(&app, Format::Wordpress, fixture!("isso_wordpress.xml"))
        .await
        .unwrap();
    assert_eq!((again.comments, again.unchanged), (0, 8));
});

both!(
    wordpress_pending_comments_are_held_and_pingbacks_skipped,
    |app| async move {
        let summary = import(&app, Format::Wordpress, fixture!("remark42_wordpress.xml"))
            .await
            .expect("imported");
        assert_eq!((summary.comments, summary.held), (3, 1), "{summary}");
        assert_eq!(skipped(&summary, "pingbacks"), 1);
        let article_comments = totals(&app).await.1;
        assert_eq!(article_comments, 3);
    }
);

both!(
    a_truncated_file_imports_nothing_and_says_where,
    |app| async move {
        // As extracted upstream, this WXR file ends inside a CDATA section.
        let err = import(
            &app,
            Format::Wordpress,
            fixture!("remark42_wordpress_markdown.xml"),
        )
        .await
        .expect_err("refused");
        let message = err.to_string();
        assert!(message.contains("line 33, column 24"), "{message}");
        assert!(message.contains("Nothing was imported"), "{message}");
        assert_eq!(totals(&app).await, (0, 0));

        // A Disqus file cut off after its threads and some posts: none of them stays.
        let whole = fixture!("schnack_disqus.xml");
        let cut = &whole[..whole.len() * 3 / 4];
        let err = import(&app, Format::Disqus, cut)
            .await
            .expect_err("refused");
        assert!(err.to_string().contains("line "), "{err}");
        assert_eq!(totals(&app).await, (0, 0));

        // Not XML at all.
        let err = import(&app, Format::Disqus, b"{\"comments\": []}")
            .await
            .expect_err("refused");
        assert!(err.to_string().contains("disqus export"), "{err}");

        // Malformed JSON names its line and column.
        let err = import(
            &app,
            Format::Commento,
            b"{\"comments\": [\n{\"commentHex\": }]}",
        )
        .await
        .expect_err("refused");
        assert!(err.to_string().contains("line 2, column"), "{err}");
        let err = import(&app, Format::Remark42, b"{\"version\":1}\n{\"id\": \"a\"\n")
            .await
            .expect_err("refused");
        assert!(err.to_string().contains("line 2"), "{err}");
        assert_eq!(totals(&app).await, (0, 0));
    }
);

both!(commento_exports, |app| async move {
    let summary = import(
        &app,
        Format::Commento,
        fixture!("remark42_commento_export.json"),
    )
    .await
    .expect("imported");
    assert_eq!(
        (summary.threads_opened, summary.comments),
        (2, 3),
        "{summary}"
    );
    let (_, items) = discussion(&app, "https://example.com/blog/post/1").await;
    assert_eq!(items.len(), 2);
    assert_eq!(items[1]["parent_id"], items[0]["id"]);
    assert_eq!(items[1]["body"], "Great reply!");

    // Every comment of this one has empty text: each is skipped, said so.
    let summary = import(
        &app,
        Format::Commento,
        fixture!("remark42_api_commento_export.json"),
    )
    .await
    .expect("imported");
    assert_eq!(summary.comments, 0);
    assert_eq!(skipped(&summary, "no text"), 7);
});

both!(remark42_backups, |app| async move {
    let summary = import(
        &app,
        Format::Remark42,
        fixture!("remark42_backup_sample.jsonl"),
    )
    .await
    .expect("imported");
    assert_eq!(
        (summary.threads_opened, summary.comments),
        (2, 2),
        "{summary}"
    );
    // The second comment answers "1234", which the backup does not hold.
    assert_eq!(summary.orphans, 1);
    let (_, items) = discussion(&app, "https://radio-t.com").await;
    assert_eq!(items[0]["author"]["display_name"], "user name");
    assert!(
        items[0]["body_html"]
            .as_str()
            .unwrap()
            .contains("nofollow ugc")
    );
});

both_backends!(paths_need_a_base_url, |backend| async move {
    let app = TestApp::spawn(backend).await;
    let export = br#"<?xml version="1.0"?>
<disqus xmlns:dsq="http://disqus.com/disqus-internals">
  <thread dsq:id="t1"><link>/2024/05/harbour/</link><title>Harbour</title></thread>
  <post dsq:id="p1"><message>Fine &amp; dandy</message><createdAt>2024-05-01T10:00:00Z</createdAt>
    <author><name>Ann</name><email>ann@example.org</email></author><thread dsq:id="t1"/></post>
  <post dsq:id="p2"><message>Reply before parent</message><createdAt>2024-05-01T10:05:00Z</createdAt>
    <author><name>Bo</name></author><thread dsq:id="t1"/><parent dsq:id="p3"/></post>
  <post dsq:id="p3"><message>Parent after reply</message><createdAt>2024-05-01T10:01:00Z</createdAt>
    <author><name>Ann</name><email>ANN@example.org</email></author><thread dsq:id="t1"/></post>
</disqus>"#;
    let summary = import(&app, Format::Disqus, export).await.unwrap();
    assert_eq!(skipped(&summary, "usable web address"), 1, "{summary}");
    assert_eq!(summary.comments, 0);

    let app = TestApp::spawn(backend).await;
    let summary = import_with(
        &app,
        Format::Disqus,
        export,
        Options {
            base_url: Some("https://news.example".to_owned()),
        },
    )
    .await
    .unwrap();
    assert_eq!(summary.comments, 3, "{summary}");
    assert_eq!(summary.orphans, 0, "the reply waited for its parent");
    let (count, items) = discussion(&app, "https://news.example/2024/05/harbour").await;
    assert_eq!(count, 3);
    assert_eq!(items[0]["body"], "Fine & dandy");
    let reply = items
        .iter()
        .find(|c| c["body"] == "Reply before parent")
        .unwrap();
    let parent = items
        .iter()
        .find(|c| c["body"] == "Parent after reply")
        .unwrap();
    assert_eq!(reply["parent_id"], parent["id"]);
    // One author, one profile: the same address (in any case) is the same person.
    assert_eq!(items[0]["author"]["id"], parent["author"]["id"]);
});

/// An Isso `comments.db` made with Isso's own schema.
async fn isso_db(dir: &std::path::Path) -> std::path::PathBuf {
    use sqlx::Connection;
    let path = dir.join("comments.db");
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
    sqlx::raw_sql(include_str!("fixtures/imports/isso_sqlite_schema.sql"))
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::raw_sql(
        "INSERT INTO threads (id, uri, title) VALUES (1, '/news/harbour/', 'The harbour'), \
         (2, '/news/dam/', NULL);
         INSERT INTO comments (tid, id, parent, created, mode, text, author, email, website, \
         voters) VALUES \
         (1, 1, NULL, 1700000000.25, 1, 'First *here*', 'Ann', 'ann@example.org', \
          'ann.example', x''), \
         (1, 2, 1, 1700000100.0, 1, 'A reply', NULL, NULL, NULL, x''), \
         (1, 3, 1, 1700000200.0, 2, 'Waiting', 'Bo', NULL, NULL, x''), \
         (1, 4, NULL, 1700000300.0, 4, '', NULL, NULL, NULL, x''), \
         (1, 5, 4, 1700000400.0, 1, 'Reply to a deleted one', 'Cy', NULL, NULL, x''), \
         (2, 6, NULL, 1700000500.0, 1, 'On the dam', 'Ann', 'ann@example.org', NULL, x'');",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    conn.close().await.unwrap();
    path
}

both!(isso_databases, |app| async move {
    let dir = std::env::temp_dir().join(format!("tribune-isso-{}", std::process::id()));
    let dir = dir.join(format!("{:?}", app.address.port()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = isso_db(&dir).await;
    let options = Options {
        base_url: Some("https://news.example".to_owned()),
    };
    let run = |options: Options| {
        let path = path.clone();
        let app = &app;
        async move {
            app.tribune
                .import(
                    Format::Isso,
                    Input::File(path),
                    &options,
                    &mut |_: &Summary| {},
                )
                .await
        }
    };
    let summary = run(options.clone()).await.expect("imported");
    assert_eq!(summary.threads_opened, 2, "{summary}");
    assert_eq!(
        (summary.comments, summary.held, summary.deleted),
        (6, 1, 1),
        "{summary}"
    );
    let (count, items) = discussion(&app, "https://news.example/news/harbour").await;
    // Published and not deleted: 1, 2 and 5.
    assert_eq!(count, 3);
    assert_eq!(items[0]["body_html"], "<p>First <em>here</em></p>");
    assert_eq!(items[0]["created_at"], "2023-11-14T22:13:20.25Z");
    assert_eq!(items[1]["parent_id"], items[0]["id"]);
    assert_eq!(items[1]["author"]["display_name"], "Anonymous");
    let article = app
        .db
        .store
        .article_by_url("https://news.example/news/dam")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(article.headline, "/news/dam");
    let (_, dam) = discussion(&app, "https://news.example/news/dam").await;
    assert_eq!(
        dam[0]["author"]["id"], items[0]["author"]["id"],
        "one profile per email address"
    );

    let again = run(options).await.unwrap();
    assert_eq!((again.comments, again.unchanged), (0, 6), "{again}");

    let err = app
        .tribune
        .import(
            Format::Isso,
            Input::File(dir.join("missing.db")),
            &Options::default(),
            &mut |_: &Summary| {},
        )
        .await
        .expect_err("refused");
    assert!(err.to_string().contains("not an Isso database"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
});

/// A `multipart/form-data` body as a browser sends the upload form.
fn upload_body(format: &str, file: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----tribune-test-boundary-7d1f";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\n{format}\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"base_url\"\r\n\r\n\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; \
             filename=\"export\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(
    browser: &crate::helpers::Browser,
    format: &str,
    file: &[u8],
) -> (reqwest::StatusCode, String) {
    let (content_type, body) = upload_body(format, file);
    let response = browser
        .client
        .post(format!("{}/admin/imports", browser.base()))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

both!(administrators_upload_small_exports, |app| async move {
    let admin = app.admin().await;
    let (status, page) = admin.text("/admin/imports").await;
    assert_eq!(status, 200);
    assert!(page.contains("enctype=\"multipart/form-data\""), "{page}");

    let (status, page) = upload(
        &admin,
        "commento",
        fixture!("remark42_commento_export.json"),
    )
    .await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Imported 3 comments"), "{page}");
    assert_eq!(totals(&app).await, (2, 3));

    let (status, page) = upload(
        &admin,
        "wordpress",
        fixture!("remark42_wordpress_markdown.xml"),
    )
    .await;
    assert_eq!(status, 422, "{page}");
    assert!(page.contains("line 33, column 24"), "{page}");
    assert_eq!(totals(&app).await, (2, 3));

    let big = vec![b' '; tribune_app::imports::MAX_UPLOAD_BYTES + 10];
    let (status, page) = upload(&admin, "disqus", &big).await;
    assert_eq!(status, 413, "{page}");

    let reader = app.reader("Rita").await;
    let (status, _) = upload(
        &reader,
        "commento",
        fixture!("remark42_commento_export.json"),
    )
    .await;
    assert_eq!(status, 403);
    assert_eq!(totals(&app).await, (2, 3));
});

#[tokio::test]
async fn the_command_prints_a_summary_and_refuses_clearly() {
    use tribune_store::testing::{Backend, TestDb};
    let db = TestDb::new(Backend::Sqlite).await.expect("a database");
    let fixture = |name: &str| {
        format!(
            "{}/tests/it/fixtures/imports/{name}",
            env!("CARGO_MANIFEST_DIR")
        )
    };
    let run = |args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_tribune"))
            .args(args)
            .env("TRIBUNE_DATABASE", &db.url)
            .env("TRIBUNE_LOG__LEVEL", "warn")
            .output()
            .expect("the binary runs");
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let file = fixture("remark42_disqus.xml");
    let (ok, out, err) = run(&["import", "disqus", &file]);
    assert!(ok, "{err}");
    assert!(out.contains("threads: 2 new articles"), "{out}");
    assert!(out.contains("comments: 5 imported"), "{out}");
    assert!(out.contains("1 comments with unreadable fields"), "{out}");
    let (ok, out, _) = run(&["import", "disqus", &file]);
    assert!(ok);
    assert!(
        out.contains("comments: 0 imported") && out.contains("unchanged (imported before): 5"),
        "{out}"
    );

    let (ok, _, err) = run(&[
        "import",
        "wordpress",
        &fixture("remark42_wordpress_markdown.xml"),
    ]);
    assert!(!ok);
    assert!(
        err.contains("line 33, column 24") && err.contains("Nothing was imported"),
        "{err}"
    );
    let (ok, _, err) = run(&["import", "livefyre", &file]);
    assert!(
        !ok && err.contains("disqus, wordpress, commento, remark42, isso"),
        "{err}"
    );
}
