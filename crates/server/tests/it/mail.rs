//! Email against a real SMTP server on loopback: the outbox and its mailer (headers, retries
//! while the server is down, one delivery per message across nodes, giving up).

use std::time::Duration;

use tribune_app::Mail;
use tribune_store::Store;

use crate::helpers::smtp::{self, SmtpSink};
use crate::helpers::{TestApp, both_backends};

fn mail(to: &str, subject: &str) -> Mail {
    Mail {
        to: to.to_owned(),
        subject: subject.to_owned(),
        text: format!("Hello {to}, this is “{subject}”.\n"),
        ..Mail::default()
    }
}

/// One outbox row as the tests look at it.
#[derive(Debug, sqlx::FromRow)]
struct Row {
    attempts: i64,
    sent_at: Option<i64>,
    next_attempt_at: Option<i64>,
    last_error: Option<String>,
}

async fn outbox(app: &TestApp) -> Vec<Row> {
    let sql = "SELECT attempts, sent_at, next_attempt_at, last_error FROM outbox ORDER BY id";
    match &app.db.store {
        Store::Sqlite(pool) => sqlx::query_as(sql).fetch_all(pool).await,
        Store::Postgres(pool) => sqlx::query_as(sql).fetch_all(pool).await,
    }
    .expect("the outbox")
}

/// Waits until the outbox satisfies `done`.
async fn wait_for_outbox(app: &TestApp, done: impl Fn(&[Row]) -> bool) -> Vec<Row> {
    for _ in 0..300 {
        let rows = outbox(app).await;
        if done(&rows) {
            return rows;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the outbox never got there: {:?}", outbox(app).await);
}

both_backends!(queued_mail_arrives_with_its_headers, |backend| async move {
    let (app, mut smtp) = TestApp::with_mail(backend, |_| {}).await;
    app.tribune
        .queue_mail(&mail("kestrel@example.org", "A plain message"))
        .await
        .expect("queued");
    let plain = smtp.next().await;
    assert_eq!(plain.envelope_to, ["kestrel@example.org"]);
    assert_eq!(plain.to, "kestrel@example.org");
    assert_eq!(plain.from, "\"The Test Tribune\" <news@tribune.test>");
    assert_eq!(plain.subject, "A plain message");
    assert_eq!(
        plain.text.trim_end(),
        "Hello kestrel@example.org, this is “A plain message”."
    );
    assert_eq!(plain.html, None);
    assert_eq!(plain.header("List-Unsubscribe"), None);
    assert!(plain.header("Message-ID").is_some() && plain.header("Date").is_some());

    let url = "http://127.0.0.1:8080/unsubscribe/1.replies.abc";
    app.tribune
        .queue_mail(&Mail {
            text: format!("Hello Kestrel, this is “Replies to you”.\n\nStop these: {url}\n"),
            html: Some("<p>Hello <b>Kestrel</b></p>".to_owned()),
            unsubscribe_url: Some(url.to_owned()),
            ..mail("kestrel@example.org", "Replies to you")
        })
        .await
        .expect("queued");
    let listed = smtp.next().await;
    assert_eq!(listed.subject, "Replies to you");
    assert_eq!(
        listed.header("List-Unsubscribe"),
        Some(format!("<{url}>").as_str())
    );
    assert_eq!(
        listed.header("List-Unsubscribe-Post"),
        Some("List-Unsubscribe=One-Click")
    );
    assert!(listed.text.contains("this is “Replies to you”"));
    assert_eq!(listed.link("/unsubscribe/"), url);
    assert!(
        listed
            .raw
            .contains(&format!("\r\nList-Unsubscribe: <{url}>\r\n"))
    );
    assert_eq!(
        listed.html.as_deref().map(str::trim_end),
        Some("<p>Hello <b>Kestrel</b></p>")
    );

    let rows = wait_for_outbox(&app, |rows| rows.iter().all(|r| r.sent_at.is_some())).await;
    assert!(
        rows.iter()
            .all(|r| r.attempts == 1 && r.next_attempt_at.is_none())
    );
});

both_backends!(
    the_outbox_retries_until_the_smtp_server_is_up_and_sends_once,
    |backend| async move {
        let address = SmtpSink::unused_address();
        let app = TestApp::spawn_with(backend, |s| smtp::configure(s, address)).await;
        app.tribune
            .queue_mail(&mail("kestrel@example.org", "Sent when the server is back"))
            .await
            .expect("queued");
        let failed =
            wait_for_outbox(&app, |rows| rows.iter().any(|r| r.last_error.is_some())).await;
        assert_eq!(failed[0].sent_at, None);
        assert!(failed[0].next_attempt_at.is_some(), "to be retried");

        let mut smtp = SmtpSink::start_at(address);
        let arrived = smtp.next().await;
        assert_eq!(arrived.subject, "Sent when the server is back");
        smtp.assert_none_within(Duration::from_secs(4)).await;
        let rows = wait_for_outbox(&app, |rows| rows[0].sent_at.is_some()).await;
        assert!(rows[0].attempts >= 2, "{rows:?}");
        assert_eq!(rows[0].last_error, None);
        assert_eq!(rows[0].next_attempt_at, None);
    }
);

both_backends!(two_nodes_send_each_message_once, |backend| async move {
    let (app, mut smtp) = TestApp::with_mail(backend, |_| {}).await;
    let _second = app.second_node().await;
    // Queued behind the nodes' backs: both find them at their next poll.
    for n in 0..30 {
        app.db
            .store
            .enqueue_mail(
                &mail(&format!("reader{n}@example.org"), &format!("Message {n}")),
                tribune_app::Tribune::now(),
            )
            .await
            .expect("queued");
    }
    let mut subjects = Vec::new();
    for _ in 0..30 {
        subjects.push(smtp.next().await.subject);
    }
    smtp.assert_none_within(Duration::from_secs(3)).await;
    subjects.sort();
    subjects.dedup();
    assert_eq!(subjects.len(), 30, "every message once");
});

both_backends!(
    a_refused_recipient_is_given_up_and_kept_with_the_error,
    |backend| async move {
        let (app, mut smtp) = TestApp::with_mail(backend, |_| {}).await;
        app.tribune
            .queue_mail(&mail("bounce@example.org", "Nobody reads this"))
            .await
            .expect("queued");
        let rows = wait_for_outbox(&app, |rows| rows[0].last_error.is_some()).await;
        assert_eq!(rows[0].attempts, 1, "a permanent refusal is not retried");
        assert_eq!(rows[0].next_attempt_at, None);
        assert_eq!(rows[0].sent_at, None);
        assert!(
            rows[0]
                .last_error
                .as_deref()
                .is_some_and(|e| e.contains("550")),
            "{rows:?}"
        );
        app.tribune
            .queue_mail(&mail("kestrel@example.org", "The next one still goes"))
            .await
            .expect("queued");
        assert_eq!(smtp.next().await.subject, "The next one still goes");
    }
);

both_backends!(email_off_queues_nothing, |backend| async move {
    let app = TestApp::spawn(backend).await;
    assert!(!app.tribune.email_enabled());
    app.tribune
        .queue_mail(&mail("kestrel@example.org", "Never"))
        .await
        .expect("accepted and dropped");
    assert!(outbox(&app).await.is_empty());
});

both_backends!(unsubscribe_tokens_are_signed, |backend| async move {
    let app = TestApp::spawn(backend).await;
    let second = tribune_app::Tribune::new(app.db.store.clone(), app.settings.clone());
    let token = app
        .tribune
        .unsubscribe_token(42, "replies")
        .await
        .expect("a token");
    assert_eq!(
        second
            .verify_unsubscribe_token(&token)
            .await
            .expect("checked"),
        Some((42, "replies".to_owned())),
        "another node accepts it"
    );
    for forged in [
        token.replacen("42.", "43.", 1),
        token.replace(".replies.", ".mentions."),
        format!("{token}x"),
        "42.replies".to_owned(),
        String::new(),
    ] {
        assert_eq!(
            app.tribune
                .verify_unsubscribe_token(&forged)
                .await
                .expect("checked"),
            None,
            "{forged}"
        );
    }
});
