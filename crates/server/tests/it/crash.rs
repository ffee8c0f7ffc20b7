//! An acknowledged comment survives the server being killed: comments are posted concurrently
//! to the real binary, which is killed with SIGKILL mid-load; every comment that got a 201 must
//! be in the database afterwards.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::json;
use tribune_app::accounts::SignUp;
use tribune_app::{Settings, Tribune};
use tribune_domain::Role;
use tribune_store::Store;
use tribune_store::testing::{Backend, TestDb};

use crate::helpers::{PASSWORD, Process};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_comments_survive_a_kill() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let db = TestDb::new(backend).await.expect("a database");
        let settings = Settings {
            database: db.url.clone(),
            ..Settings::default()
        };
        let tribune = Tribune::new(db.store.clone(), settings);
        let editor = tribune_app::accounts::Editor {
            token_id: 0,
            name: "t".to_owned(),
        };
        tribune
            .create_article(
                tribune_app::articles::Publisher::Editor(&editor),
                tribune_domain::article::ArticleFields {
                    slug: Some("breaking".to_owned()),
                    headline: "Breaking".to_owned(),
                    ..Default::default()
                },
            )
            .await
            .expect("an article");
        let signup = SignUp {
            display_name: "Kestrel".to_owned(),
            email: "k@example.org".to_owned(),
            password: PASSWORD.to_owned(),
        };
        tribune
            .create_account(&signup, Role::Reader)
            .await
            .expect("an account");

        let mut server = Process::serve(&db.url).await;
        let base = server.base.clone();
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .expect("a client");
        let login = client
            .post(format!("{base}/api/v1/login"))
            .json(&json!({"email": "k@example.org", "password": PASSWORD}))
            .send()
            .await
            .expect("log in");
        assert_eq!(login.status(), StatusCode::OK);

        let acknowledged = Arc::new(Mutex::new(Vec::new()));
        let mut writers = Vec::new();
        for writer in 0..8 {
            let (client, base, acknowledged) =
                (client.clone(), base.clone(), Arc::clone(&acknowledged));
            writers.push(tokio::spawn(async move {
                for i in 0..500 {
                    let body = json!({"body": format!("Writer {writer}, comment {i}")});
                    let Ok(response) = client
                        .post(format!("{base}/api/v1/articles/breaking/comments"))
                        .json(&body)
                        .send()
                        .await
                    else {
                        break;
                    };
                    if response.status() != StatusCode::CREATED {
                        break;
                    }
                    let Ok(comment) = response.json::<serde_json::Value>().await else {
                        break;
                    };
                    if let Some(id) = comment["id"].as_i64() {
                        acknowledged.lock().expect("not poisoned").push(id);
                    }
                }
            }));
        }
        tokio::time::sleep(Duration::from_millis(700)).await;
        server.kill();
        for writer in writers {
            writer.await.expect("the writer stops");
        }

        let acknowledged = acknowledged.lock().expect("not poisoned").clone();
        assert!(
            acknowledged.len() > 10,
            "{backend:?}: the load ran ({} comments)",
            acknowledged.len()
        );
        // A fresh connection, as after a restart.
        let store = Store::connect(&db.url).await.expect("the database reopens");
        let article = store
            .article("breaking")
            .await
            .expect("query")
            .expect("the article");
        // Every status: a burst from one account is held for moderators, and held is stored.
        let stored = store
            .queue(&tribune_store::QueueQuery {
                queue: tribune_store::Queue::All,
                article_id: Some(article.id),
                author_id: None,
                reason: None,
                limit: 10_000,
            })
            .await
            .expect("query");
        let published = stored
            .iter()
            .filter(|e| e.comment.status == tribune_domain::CommentStatus::Published)
            .count();
        let stored: std::collections::HashSet<i64> = stored.iter().map(|e| e.comment.id).collect();
        let lost: Vec<&i64> = acknowledged
            .iter()
            .filter(|id| !stored.contains(id))
            .collect();
        assert!(
            lost.is_empty(),
            "{backend:?}: acknowledged but lost: {lost:?}"
        );
        assert_eq!(
            article.comment_count,
            i64::try_from(published).unwrap_or(-1),
            "{backend:?}: the count agrees with the published comments"
        );
        store.close().await;
    }
}
