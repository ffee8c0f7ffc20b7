//! Email against a real SMTP server on loopback: the outbox and its mailer (headers, retries
//! while the server is down, one delivery per message across nodes, giving up), address
//! verification at sign-up, and password resets.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::json;
use tribune_app::Mail;
use tribune_app::settings::Limit;
use tribune_store::Store;

use crate::helpers::smtp::{self, ReceivedMail, SmtpSink};
use crate::helpers::{PASSWORD, TestApp, both_backends, json, location, text};

const NEW_PASSWORD: &str = "a brand new passphrase, longer";

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
        Store::Sqlite(pool, ..) => sqlx::query_as(sql).fetch_all(pool).await,
        Store::Postgres(pool, ..) => sqlx::query_as(sql).fetch_all(pool).await,
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

/// The path of a link in a mail (the server under test is not at `public_url`).
fn path_of(mail: &ReceivedMail, prefix: &str) -> String {
    let link = mail.link(prefix);
    let start = link.find(prefix).expect("the prefix is in the link");
    link[start..].to_owned()
}

/// The secret at the end of a link.
fn token_of(path: &str) -> String {
    path.rsplit('/').next().expect("a token").to_owned()
}

async fn set_sql(app: &TestApp, sql: &'static str) {
    match &app.db.store {
        Store::Sqlite(pool, ..) => sqlx::query(sql).execute(pool).await.map(drop),
        Store::Postgres(pool, ..) => sqlx::query(sql).execute(pool).await.map(drop),
    }
    .expect("the update runs");
}

async fn me(browser: &crate::helpers::Browser) -> (StatusCode, serde_json::Value) {
    json(browser.get("/api/v1/me").await).await
}

async fn log_in(app: &TestApp, email: &str, password: &str) -> StatusCode {
    app.browser()
        .post_json(
            "/api/v1/login",
            &json!({"email": email, "password": password}),
        )
        .await
        .status()
}

both_backends!(
    sign_up_sends_a_link_that_verifies_the_address,
    |backend| async move {
        let (app, mut smtp) = TestApp::with_mail(backend, |_| {}).await;
        let kestrel = app.reader("Kestrel").await;
        let (_, before) = me(&kestrel).await;
        assert_eq!(before["email_verified"], false);
        let (_, page) = kestrel.text("/account").await;
        assert!(page.contains("kestrel@example.org") && page.contains("not verified"));
        assert!(page.contains("Send me a new link"));

        let mail = smtp.next().await;
        assert_eq!(mail.envelope_to, ["kestrel@example.org"]);
        assert_eq!(mail.subject, "Confirm your email address for Tribune");
        assert!(mail.text.starts_with("Hello Kestrel,"));
        assert!(mail.text.contains("for 48 hours"), "{}", mail.text);
        assert_eq!(mail.header("List-Unsubscribe"), None, "not a mailing");
        let link = mail.link("/verify-email/");
        assert!(
            link.starts_with("http://127.0.0.1:8080/verify-email/"),
            "links use public_url"
        );

        let path = path_of(&mail, "/verify-email/");
        let (status, page) = text(kestrel.get(&path).await).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("kestrel@example.org is verified"), "{page}");
        let (_, after) = me(&kestrel).await;
        assert_eq!(after["email_verified"], true);
        let (_, page) = kestrel.text("/account").await;
        assert!(page.contains(">verified<") && !page.contains("Send me a new link"));

        let (status, page) = text(kestrel.get(&path).await).await;
        assert_eq!(status, StatusCode::GONE, "a link works once");
        assert!(page.contains("expired or was already used"));
        let (status, page) = text(app.browser().get("/verify-email/forged").await).await;
        assert_eq!(status, StatusCode::GONE);
        assert!(page.contains("ask for a new link on your account page"));
        smtp.assert_none_within(Duration::from_secs(2)).await;
    }
);

both_backends!(posting_waits_for_a_verified_address, |backend| async move {
    let (app, mut smtp) = TestApp::with_mail(backend, |s| {
        s.accounts.require_verified_email = true;
    })
    .await;
    app.article("a", "open").await;
    let kestrel = app.reader("Kestrel").await;
    let first = smtp.next().await;

    let (status, error) = json(
        kestrel
            .post_json(
                "/api/v1/articles/a/comments",
                &json!({"body": "Finally, an inquiry."}),
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(error["code"], "email_not_verified");
    let message = error["message"].as_str().expect("a message");
    assert!(
        message.contains("confirm your email address")
            && message.contains("kestrel@example.org")
            && message.contains("/account"),
        "{message}"
    );
    let (status, page) = text(
        kestrel
            .post_form("/articles/a/comments", &[("body", "Finally, an inquiry.")])
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(page.contains("confirm your email address"));
    assert!(page.contains("Finally, an inquiry."), "the text is kept");

    // The first mail went astray: a new link from the account page.
    let (_, page) = kestrel.text("/account").await;
    assert!(page.contains("you can post once it is confirmed"));
    let response = kestrel.post_form("/account/verification", &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/account?sent=verification");
    let (_, page) = kestrel.text("/account?sent=verification").await;
    assert!(page.contains("We sent a new link to kestrel@example.org"));
    let second = smtp.next().await;
    let second_path = path_of(&second, "/verify-email/");
    assert_ne!(second_path, path_of(&first, "/verify-email/"));

    let (status, verified) = json(
        app.browser()
            .post_json(
                "/api/v1/verify-email",
                &json!({"token": token_of(&second_path)}),
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{verified}");
    assert_eq!(verified["email_verified"], true);
    let (status, _) = json(
        kestrel
            .post_json(
                "/api/v1/articles/a/comments",
                &json!({"body": "Finally, an inquiry."}),
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    // Verified: nothing more to send.
    let (status, answer) = json(
        kestrel
            .post_json("/api/v1/me/verification", &json!({}))
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        answer["message"]
            .as_str()
            .is_some_and(|m| m.contains("verified already"))
    );
    smtp.assert_none_within(Duration::from_secs(2)).await;
});

both_backends!(
    a_reset_link_works_once_and_ends_every_session,
    |backend| async move {
        let (app, mut smtp) = TestApp::with_mail(backend, |_| {}).await;
        let kestrel = app.reader("Kestrel").await;
        smtp.next().await; // the verification mail
        let elsewhere = app.browser();
        assert_eq!(
            elsewhere
                .post_json(
                    "/api/v1/login",
                    &json!({"email": "kestrel@example.org", "password": PASSWORD})
                )
                .await
                .status(),
            StatusCode::OK
        );

        let visitor = app.browser();
        let (status, page) = visitor.text("/login").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("href=\"/password-reset\""));
        let (_, page) = visitor.text("/password-reset").await;
        assert!(page.contains("Send the link"));
        let (status, page) = text(
            visitor
                .post_form("/password-reset", &[("email", " Kestrel@Example.org ")])
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("If an account uses Kestrel@Example.org, we have sent it a link"));

        let mail = smtp.next().await;
        assert_eq!(mail.envelope_to, ["kestrel@example.org"]);
        assert_eq!(mail.subject, "Reset your password for Tribune");
        assert!(mail.text.contains("for 60 minutes"), "{}", mail.text);
        let path = path_of(&mail, "/password-reset/");

        let (status, page) = visitor.text(&path).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("For the account of kestrel@example.org"));
        let (status, page) = text(visitor.post_form(&path, &[("password", "short")]).await).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "domain password rules"
        );
        assert!(page.contains("id=\"password-error\""), "{page}");
        assert_eq!(
            me(&kestrel).await.0,
            StatusCode::OK,
            "a refused password changes nothing"
        );

        let (status, page) = text(
            visitor
                .post_form(&path, &[("password", NEW_PASSWORD)])
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Password changed") && page.contains("Log in with the new password"));
        let notice = smtp.next().await;
        assert_eq!(notice.subject, "Your password for Tribune was changed");
        assert!(notice.text.contains("/password-reset"));

        assert_eq!(
            me(&kestrel).await.0,
            StatusCode::UNAUTHORIZED,
            "every session ended"
        );
        assert_eq!(me(&elsewhere).await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(
            me(&visitor).await.0,
            StatusCode::UNAUTHORIZED,
            "nobody was logged in"
        );
        assert_eq!(
            log_in(&app, "kestrel@example.org", PASSWORD).await,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            log_in(&app, "kestrel@example.org", NEW_PASSWORD).await,
            StatusCode::OK
        );
        let verified = app.browser();
        verified
            .post_json(
                "/api/v1/login",
                &json!({"email": "kestrel@example.org", "password": NEW_PASSWORD}),
            )
            .await;
        assert_eq!(
            me(&verified).await.1["email_verified"],
            true,
            "the link reached the address"
        );

        let (status, page) = visitor.text(&path).await;
        assert_eq!(status, StatusCode::GONE, "a link works once");
        assert!(page.contains("Ask for a new one"));
        let (status, _) = text(
            visitor
                .post_form(&path, &[("password", "yet another long passphrase")])
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::GONE);
        assert_eq!(
            log_in(&app, "kestrel@example.org", NEW_PASSWORD).await,
            StatusCode::OK
        );
    }
);

both_backends!(reset_links_expire, |backend| async move {
    let (app, mut smtp) = TestApp::with_mail(backend, |_| {}).await;
    app.reader("Kestrel").await;
    smtp.next().await;
    let (status, _) = json(
        app.browser()
            .post_json(
                "/api/v1/password-reset",
                &json!({"email": "kestrel@example.org"}),
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let path = path_of(&smtp.next().await, "/password-reset/");
    set_sql(&app, "UPDATE email_tokens SET expires_at = 0").await;

    let visitor = app.browser();
    let (status, page) = visitor.text(&path).await;
    assert_eq!(status, StatusCode::GONE);
    assert!(page.contains("expired or was already used"));
    let (status, error) = json(
        visitor
            .post_json(
                "/api/v1/password-reset/confirm",
                &json!({"token": token_of(&path), "password": NEW_PASSWORD}),
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::GONE);
    assert_eq!(error["code"], "link_not_valid");
    assert_eq!(
        log_in(&app, "kestrel@example.org", PASSWORD).await,
        StatusCode::OK
    );
});

both_backends!(
    an_unknown_address_gets_the_same_answer_and_no_mail,
    |backend| async move {
        let (app, mut smtp) = TestApp::with_mail(backend, |_| {}).await;
        app.reader("Kestrel").await;
        smtp.next().await;
        let visitor = app.browser();
        let ask = |email: &'static str| {
            let visitor = &visitor;
            async move {
                let (status, page) = text(
                    visitor
                        .post_form("/password-reset", &[("email", email)])
                        .await,
                )
                .await;
                (status, page.replace(email, "ADDRESS"))
            }
        };
        let unknown = ask("nobody@example.org").await;
        let known = ask("kestrel@example.org").await;
        assert_eq!(
            unknown, known,
            "the page does not tell which addresses have accounts"
        );
        let (status, unknown) = json(
            visitor
                .post_json(
                    "/api/v1/password-reset",
                    &json!({"email": "nobody@example.org"}),
                )
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::ACCEPTED);
        assert!(
            unknown["message"]
                .as_str()
                .is_some_and(|m| m.contains("If an account uses"))
        );

        let mail = smtp.next().await;
        assert_eq!(
            mail.envelope_to,
            ["kestrel@example.org"],
            "only the known address gets mail"
        );
        smtp.assert_none_within(Duration::from_secs(3)).await;

        let (status, page) = text(
            visitor
                .post_form("/password-reset", &[("email", "not an address")])
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("name@example.org") && page.contains("value=\"not an address\""));
    }
);

both_backends!(password_resets_are_rate_limited, |backend| async move {
    let (app, mut smtp) = TestApp::with_mail(backend, |s| {
        s.rate_limits.enabled = true;
        s.rate_limits.emails_per_account = Limit {
            max: 2,
            per_secs: 3600,
        };
    })
    .await;
    app.reader("Kestrel").await;
    smtp.next().await;
    for email in ["kestrel@example.org", "nobody@example.org"] {
        for _ in 0..2 {
            let response = app
                .browser()
                .post_form("/password-reset", &[("email", email)])
                .await;
            assert_eq!(response.status(), StatusCode::OK);
        }
        let response = app
            .browser()
            .post_form("/password-reset", &[("email", email)])
            .await;
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS, "{email}");
        assert!(response.headers().contains_key("retry-after"));
        let (_, page) = text(response).await;
        assert!(page.contains("Several emails were sent to this address already"));
        assert!(
            page.contains(&format!("value=\"{email}\"")),
            "what was typed is kept"
        );
    }
    smtp.next().await;
    smtp.next().await;
    smtp.assert_none_within(Duration::from_secs(2)).await;
});

both_backends!(without_email_the_pages_say_so, |backend| async move {
    let app = TestApp::spawn(backend).await;
    let kestrel = app.reader("Kestrel").await;
    let (_, page) = kestrel.text("/account").await;
    assert!(page.contains("This site does not send email, so addresses are not verified"));
    assert!(!page.contains("Send me a new link"));
    let (status, error) = json(
        kestrel
            .post_json("/api/v1/me/verification", &json!({}))
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(error["code"], "email_disabled");

    let (_, page) = app.browser().text("/password-reset").await;
    assert!(page.contains("does not send email, so a password cannot be reset"));
    let (status, page) = text(
        app.browser()
            .post_form("/password-reset", &[("email", "kestrel@example.org")])
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(page.contains("Ask the site's administrators"));
    assert!(outbox(&app).await.is_empty());
});

both_backends!(
    the_binary_sends_mail_and_stops_cleanly_on_sigterm,
    |backend| async move {
        use std::process::{Command, Stdio};
        let db = tribune_store::testing::TestDb::new(backend)
            .await
            .expect("a database");
        let mut smtp = SmtpSink::start();
        let address = SmtpSink::unused_address();
        let mut server = Command::new(env!("CARGO_BIN_EXE_tribune"))
            .args(["serve", "--listen", &address.to_string()])
            .env("TRIBUNE_DATABASE", &db.url)
            .env("TRIBUNE_LOG__LEVEL", "error")
            .env(
                "TRIBUNE_EMAIL__SMTP_URL",
                format!("smtp://{}", smtp.address),
            )
            .env("TRIBUNE_EMAIL__FROM", "Tribune <news@tribune.test>")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server starts");
        let client = reqwest::Client::new();
        let base = format!("http://{address}");
        let mut up = false;
        for _ in 0..200 {
            if client.get(format!("{base}/healthz")).send().await.is_ok() {
                up = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(up, "the server answers");
        let signup = client
            .post(format!("{base}/api/v1/signup"))
            .json(&json!({"display_name": "Kestrel", "email": "kestrel@example.org", "password": PASSWORD}))
            .send()
            .await
            .expect("signed up");
        assert_eq!(signup.status(), StatusCode::CREATED);
        assert_eq!(smtp.next().await.envelope_to, ["kestrel@example.org"]);

        let terminated = Command::new("kill")
            .args(["-TERM", &server.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(terminated.success());
        let mut status = None;
        for _ in 0..200 {
            status = server.try_wait().expect("the process is there");
            if status.is_some() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let _ = server.kill();
        assert!(
            status.is_some_and(|s| s.success()),
            "stops at once, cleanly: {status:?}"
        );
    }
);
