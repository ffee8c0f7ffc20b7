//! Notifications as readers notice them: replies, mentions and moderators' decisions in the
//! inbox and the header's count; nothing for their own actions or for comments nobody can
//! see; only the recipient reads or marks them. And by email, through a real SMTP server:
//! one mail each or a daily digest, with working links, and an unsubscribe link that needs
//! no log-in.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};
use tribune_app::Tribune;

use crate::helpers::smtp::{ReceivedMail, SmtpSink};
use crate::helpers::{Backend, Browser, TestApp, both, both_backends, json, location};

async fn post(reader: &Browser, slug: &str, body: &Value) -> Value {
    let (status, comment) = json(
        reader
            .post_json(&format!("/api/v1/articles/{slug}/comments"), body)
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{comment}");
    comment
}

/// Runs the notification worker's pass now, as any node would.
async fn settle(app: &TestApp) {
    app.tribune
        .notify(Tribune::now())
        .await
        .expect("the notification pass runs");
}

/// The reader's inbox, through the API.
async fn inbox(reader: &Browser) -> Value {
    let (status, list) = json(reader.get("/api/v1/notifications").await).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list
}

fn kinds(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|n| n["kind"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// The unread count the site header shows the reader.
async fn header_count(reader: &Browser) -> Option<String> {
    let (status, page) = reader.text("/").await;
    assert_eq!(status, StatusCode::OK);
    page.split_once("class=\"unread-count\">")
        .map(|(_, rest)| rest.chars().take_while(char::is_ascii_digit).collect())
}

both!(
    a_moderators_rejection_tells_the_author_why,
    |app| async move {
        app.article("ferry", "pre-moderated").await;
        let author = app.reader("harbour pilot").await;
        let comment = post(
            &author,
            "ferry",
            &json!({"body": "The new timetable is a mess."}),
        )
        .await;
        assert_eq!(comment["status"], "held");
        let id = comment["id"].as_i64().unwrap();
        let moderator = app.moderator().await;
        let (status, _) = json(
            moderator
                .post_json(
                    &format!("/api/v1/comments/{id}/reject"),
                    &json!({"reason": "Please say what is wrong with it, not just that it is."}),
                )
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        settle(&app).await;

        let list = inbox(&author).await;
        assert_eq!(kinds(&list), ["rejected"], "{list}");
        let rejected = &list["items"][0];
        assert_eq!(
            rejected["note"],
            "Please say what is wrong with it, not just that it is."
        );
        assert_eq!(rejected["message"], "A moderator removed your comment");
        assert_eq!(rejected["body"], "The new timetable is a mess.");
        assert_eq!(rejected["read"], false);
        assert_eq!(list["unread"], 1);
        assert_eq!(header_count(&author).await.as_deref(), Some("1"));
        // The inbox page says it too, with the reason.
        let (_, page) = author.text("/notifications").await;
        assert!(page.contains("A moderator removed your comment"), "{page}");
        assert!(page.contains("not just that it is."), "{page}");
        // The moderator acted; they are not notified of it.
        assert_eq!(kinds(&inbox(&moderator).await), Vec::<String>::new());
        assert_eq!(header_count(&moderator).await, None);
        // Running the pass again (on this or another node) changes nothing.
        settle(&app).await;
        assert_eq!(inbox(&author).await["items"].as_array().unwrap().len(), 1);
    }
);

both!(
    approving_a_held_comment_and_editing_it_notify_its_author,
    |app| async move {
        app.article("tram", "pre-moderated").await;
        let author = app.reader("line nine").await;
        let comment = post(
            &author,
            "tram",
            &json!({"body": "The trams were late again today."}),
        )
        .await;
        let id = comment["id"].as_i64().unwrap();
        let moderator = app.moderator().await;
        let approve = format!("/api/v1/comments/{id}/approve");
        assert_eq!(
            moderator.post_json(&approve, &json!({})).await.status(),
            StatusCode::OK
        );
        // Confirming an already published comment tells the author nothing new.
        assert_eq!(
            moderator.post_json(&approve, &json!({})).await.status(),
            StatusCode::OK
        );
        let (status, _) = json(
            moderator
                .post_json(
                    &format!("/api/v1/comments/{id}/moderator-edit"),
                    &json!({"body": "The trams were late again.", "note": "Removed a phone number."}),
                )
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        settle(&app).await;
        let list = inbox(&author).await;
        assert_eq!(kinds(&list), ["edited", "approved"], "newest first: {list}");
        assert_eq!(list["items"][0]["note"], "Removed a phone number.");
        assert_eq!(
            list["items"][1]["permalink"],
            format!("/articles/tram?around={id}#c{id}")
        );

        // A moderator's action on their own comment notifies nobody.
        let own = post(
            &moderator,
            "tram",
            &json!({"body": "Timetables are on the site."}),
        )
        .await;
        let own_id = own["id"].as_i64().unwrap();
        moderator
            .post_json(
                &format!("/api/v1/comments/{own_id}/moderator-edit"),
                &json!({"body": "Timetables are on the operator's site.", "note": "Clearer."}),
            )
            .await;
        settle(&app).await;
        assert_eq!(inbox(&moderator).await["items"], json!([]));
    }
);

both!(
    only_the_recipient_reads_or_marks_a_notification,
    |app| async move {
        app.article("bridge", "pre-moderated").await;
        let author = app.reader("river crossing").await;
        let comment = post(
            &author,
            "bridge",
            &json!({"body": "Repair the old bridge first."}),
        )
        .await;
        let id = comment["id"].as_i64().unwrap();
        let moderator = app.moderator().await;
        moderator
            .post_json(&format!("/api/v1/comments/{id}/approve"), &json!({}))
            .await;
        settle(&app).await;
        let list = inbox(&author).await;
        let nid = list["items"][0]["id"].as_i64().expect("a notification");

        // Someone else, signed in or not, cannot see or mark it, through the API or the page.
        let other = app.reader("curious neighbour").await;
        let anonymous = app.browser();
        for (who, expected) in [
            (&other, StatusCode::NOT_FOUND),
            (&anonymous, StatusCode::UNAUTHORIZED),
        ] {
            let read = who
                .post_json(&format!("/api/v1/notifications/{nid}/read"), &json!({}))
                .await;
            assert_eq!(read.status(), expected);
            let open = who.get(&format!("/notifications/{nid}")).await;
            assert_eq!(open.status(), expected);
        }
        let (status, _) = json(anonymous.get("/api/v1/notifications").await).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, _) = json(anonymous.get("/api/v1/notifications/unread").await).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let to_login = anonymous.get("/notifications").await;
        assert_eq!(to_login.status(), StatusCode::SEE_OTHER);
        assert!(location(&to_login).starts_with("/login"));
        assert_eq!(inbox(&other).await["items"], json!([]));
        // Marking all read marks only one's own.
        other
            .post_json("/api/v1/notifications/read", &json!({}))
            .await;
        assert_eq!(inbox(&author).await["unread"], 1);

        // The recipient opens it through the inbox: it is read, and they land on the comment.
        let opened = author.get(&format!("/notifications/{nid}")).await;
        assert_eq!(opened.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            location(&opened),
            format!("/articles/bridge?around={id}#c{id}")
        );
        let list = inbox(&author).await;
        assert_eq!(list["items"][0]["read"], true);
        assert_eq!(list["unread"], 0);
        assert_eq!(header_count(&author).await, None);
    }
);

both!(the_inbox_pages_and_marks_all_read, |app| async move {
    app.article("parks", "pre-moderated").await;
    let author = app.reader("park keeper").await;
    let moderator = app.moderator().await;
    for i in 0..35 {
        let comment = post(
            &author,
            "parks",
            &json!({"body": format!("Idea number {i} for the park.")}),
        )
        .await;
        moderator
            .post_json(
                &format!("/api/v1/comments/{}/approve", comment["id"]),
                &json!({}),
            )
            .await;
    }
    settle(&app).await;
    let first = inbox(&author).await;
    assert_eq!(first["items"].as_array().unwrap().len(), 30);
    assert_eq!(first["unread"], 35);
    let before = first["next_before"].as_i64().expect("an older page");
    let (_, second) = json(
        author
            .get(&format!("/api/v1/notifications?before={before}"))
            .await,
    )
    .await;
    assert_eq!(second["items"].as_array().unwrap().len(), 5);
    assert_eq!(second["next_before"], Value::Null);
    let (_, page) = author.text("/notifications").await;
    assert!(page.contains(&format!("/notifications?before={before}")));
    assert_eq!(header_count(&author).await.as_deref(), Some("35"));

    let marked = author.post_form("/notifications/read", &[]).await;
    assert_eq!(marked.status(), StatusCode::SEE_OTHER);
    assert_eq!(inbox(&author).await["unread"], 0);
    assert_eq!(header_count(&author).await, None);
});

both!(every_node_notices_decisions_by_itself, |app| async move {
    app.article("library", "pre-moderated").await;
    let author = app.reader("late returner").await;
    let comment = post(
        &author,
        "library",
        &json!({"body": "Open the library on Sundays."}),
    )
    .await;
    let moderator = app.moderator().await;
    moderator
        .post_json(
            &format!("/api/v1/comments/{}/approve", comment["id"]),
            &json!({}),
        )
        .await;
    // No explicit pass: the server's own worker writes it.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        if inbox(&author).await["unread"] == 1 {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the worker never wrote it"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
});

both!(
    replies_and_mentions_reach_the_inbox_and_the_header,
    |app| async move {
        app.article("harbour", "open").await;
        let kestrel = app.reader("Kestrel").await;
        let navigator = app.reader("The Navigator").await;
        let archivist = app.reader("Archivist").await;
        let first = post(
            &kestrel,
            "harbour",
            &json!({"body": "The harbour plan ignores the fishing fleet."}),
        )
        .await;
        let first_id = first["id"].as_i64().unwrap();
        // A reply, and a mention of someone who has not commented yet.
        let reply = post(
            &navigator,
            "harbour",
            &json!({"body": "It does not; read the third paragraph.", "parent_id": first_id}),
        )
        .await;
        post(
            &navigator,
            "harbour",
            &json!({"body": "Maybe @Archivist remembers the last plan."}),
        )
        .await;
        // Their own actions tell nobody: a reply to oneself, naming oneself.
        post(
            &kestrel,
            "harbour",
            &json!({"body": "And I stand by it, says Kestrel. @Kestrel", "parent_id": first_id}),
        )
        .await;
        settle(&app).await;

        let list = inbox(&kestrel).await;
        assert_eq!(kinds(&list), ["reply"], "{list}");
        let item = &list["items"][0];
        assert_eq!(item["message"], "The Navigator replied to your comment");
        assert_eq!(item["body"], "It does not; read the third paragraph.");
        let reply_id = reply["id"].as_i64().unwrap();
        assert_eq!(
            item["permalink"],
            format!("/articles/harbour?around={reply_id}#c{reply_id}")
        );
        assert_eq!(header_count(&kestrel).await.as_deref(), Some("1"));
        let list = inbox(&archivist).await;
        assert_eq!(kinds(&list), ["mention"], "{list}");
        assert_eq!(list["items"][0]["message"], "The Navigator mentioned you");
        assert_eq!(inbox(&navigator).await["items"], json!([]));
        // The page lists it with a link that opens it.
        let (_, page) = kestrel.text("/notifications").await;
        let nid = item["id"].as_i64().unwrap();
        assert!(
            page.contains(&format!("href=\"/notifications/{nid}\"")),
            "{page}"
        );
        assert!(page.contains("The Navigator replied to your comment"));

        // An author's edit that adds a mention tells the newly mentioned, once.
        let edited = navigator
            .send_json(
                reqwest::Method::PUT,
                &format!("/api/v1/comments/{reply_id}"),
                &json!({"body": "It does not; read the third paragraph, @Archivist."}),
            )
            .await;
        assert_eq!(edited.status(), StatusCode::OK);
        settle(&app).await;
        settle(&app).await;
        assert_eq!(kinds(&inbox(&archivist).await), ["mention", "mention"]);
        assert_eq!(kinds(&inbox(&kestrel).await), ["reply"]);
    }
);

both!(a_held_reply_notifies_only_once_approved, |app| async move {
    app.article("budget", "pre-moderated").await;
    let moderator = app.moderator().await;
    let author = app.reader("ledger keeper").await;
    let replier = app.reader("tax payer").await;
    let first = post(&author, "budget", &json!({"body": "The budget adds up."})).await;
    moderator
        .post_json(
            &format!("/api/v1/comments/{}/approve", first["id"]),
            &json!({}),
        )
        .await;
    let reply = post(
        &replier,
        "budget",
        &json!({"body": "Only if you ignore pensions.", "parent_id": first["id"]}),
    )
    .await;
    assert_eq!(reply["status"], "held");
    settle(&app).await;
    assert_eq!(kinds(&inbox(&author).await), ["approved"]);

    moderator
        .post_json(
            &format!("/api/v1/comments/{}/approve", reply["id"]),
            &json!({}),
        )
        .await;
    settle(&app).await;
    assert_eq!(kinds(&inbox(&author).await), ["reply", "approved"]);
    assert_eq!(kinds(&inbox(&replier).await), ["approved"]);
});

both!(
    a_removed_comment_takes_its_notifications_with_it,
    |app| async move {
        app.article("flood", "open").await;
        let author = app.reader("river bank").await;
        let replier = app.reader("dry feet").await;
        let first = post(
            &author,
            "flood",
            &json!({"body": "The levee held this time."}),
        )
        .await;
        let deleted = post(
            &replier,
            "flood",
            &json!({"body": "Barely, and only downstream.", "parent_id": first["id"]}),
        )
        .await;
        let rejected = post(
            &replier,
            "flood",
            &json!({"body": "Upstream it was a different story.", "parent_id": first["id"]}),
        )
        .await;
        settle(&app).await;
        assert_eq!(kinds(&inbox(&author).await), ["reply", "reply"]);

        let gone = replier
            .send_json(
                reqwest::Method::DELETE,
                &format!("/api/v1/comments/{}", deleted["id"]),
                &json!({}),
            )
            .await;
        assert_eq!(gone.status(), StatusCode::OK);
        // Until the worker has seen it, the inbox already shows it as removed, without text.
        let list = inbox(&author).await;
        let stale = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["comment_id"] == deleted["id"])
            .expect("still listed");
        assert_eq!(stale["gone"], true);
        assert_eq!(stale["body"], "");
        assert_eq!(stale.get("permalink"), None);
        let (_, page) = author.text("/notifications").await;
        assert!(page.contains("That comment has been removed."), "{page}");
        assert!(!page.contains("Barely, and only downstream."));

        let moderator = app.moderator().await;
        moderator
            .post_json(
                &format!("/api/v1/comments/{}/reject", rejected["id"]),
                &json!({"reason": "Off topic."}),
            )
            .await;
        settle(&app).await;
        let list = inbox(&author).await;
        assert_eq!(list["items"], json!([]), "{list}");
        assert_eq!(list["unread"], 0);
        assert_eq!(header_count(&author).await, None);
        assert_eq!(kinds(&inbox(&replier).await), ["rejected"]);
    }
);

const MARKET_REPLIES: &[&str] = &[
    "Sunday traffic would be worse for the buses.",
    "My stall sells bread; Saturday mornings are when people buy it.",
    "Could we try one Sunday a month and count the visitors?",
    "The church bells and the loudspeakers would not mix well.",
    "Parking near the square is already impossible at weekends.",
    "Farmers from the valley cannot come on Sundays, they told the council.",
    "I would go more often if it were open on weekday evenings instead.",
    "Tourists arrive on Sundays; that is an argument for the change.",
    "The article says the rent for stalls would double. That decides it for me.",
    "Ask the stallholders first; they pay for the whole thing.",
    "Rain on Sundays is no more likely than on Saturdays, whatever my neighbour says.",
    "Keep Saturday and add a small Wednesday market for fresh produce.",
];

/// Two nodes of one site, each running the worker often, while readers reply: every reply
/// is notified, and mailed, exactly once.
async fn two_nodes_notify_once(backend: Backend) {
    let (app, mut smtp) = TestApp::with_mail(backend, |settings| {
        settings.notifications.interval_ms = 20;
    })
    .await;
    let second = app.second_node().await;
    app.article("market", "open").await;
    let author = verified_reader(&app, &mut smtp, "stall holder").await;
    let first = post(
        &author,
        "market",
        &json!({"body": "Move the market to Sundays."}),
    )
    .await;
    let readers = [
        app.reader("early riser").await,
        app.reader("late sleeper").await,
        app.reader("bus driver").await,
    ];
    let mut replies = 0;
    for (i, body) in MARKET_REPLIES.iter().enumerate() {
        let body = json!({"body": body, "parent_id": first["id"]});
        // Only published replies notify (the assessment may hold one as spam).
        if post(&readers[i % readers.len()], "market", &body).await["status"] == "published" {
            replies += 1;
        }
        // The second node serves too, while both write notifications.
        let (status, _) = json(second.get("/api/v1/articles/market/comments").await).await;
        assert_eq!(status, StatusCode::OK);
    }
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        let (_, list) = json(author.get("/api/v1/notifications?limit=100").await).await;
        let count = list["items"].as_array().map_or(0, Vec::len);
        if count >= replies {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "only {count} of {replies}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Give both workers time to run again, then count once more.
    tokio::time::sleep(Duration::from_millis(300)).await;
    settle(&app).await;
    let (_, list) = json(author.get("/api/v1/notifications?limit=100").await).await;
    let mut ids: Vec<i64> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["comment_id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), replies, "{list}");
    ids.dedup();
    assert_eq!(ids.len(), replies, "one notification per reply");
    assert_eq!(list["unread"], replies);
    assert!(replies >= 8, "most replies were published: {replies}");

    let mut mailed = Vec::new();
    for _ in 0..replies {
        let mail = mail_to(&mut smtp, &address("stall holder")).await;
        mailed.push(mail.link("/comments/"));
    }
    assert_no_mail_to(&mut smtp, &address("stall holder"), Duration::from_secs(3)).await;
    mailed.sort();
    mailed.dedup();
    assert_eq!(mailed.len(), replies, "one mail per reply");
}

both_backends!(
    two_nodes_write_each_notification_once,
    |backend| async move {
        two_nodes_notify_once(backend).await;
    }
);

/// The address `TestApp::reader` signs a reader up with.
fn address(name: &str) -> String {
    format!("{}@example.org", name.to_lowercase().replace(' ', "."))
}

/// The next message for `to`, passing over others; its text with `\n` line ends.
async fn mail_to(smtp: &mut SmtpSink, to: &str) -> ReceivedMail {
    loop {
        let mut mail = smtp.next().await;
        if mail.envelope_to == [to] {
            mail.text = mail.text.replace("\r\n", "\n");
            return mail;
        }
    }
}

/// A signed-in reader whose address is verified (notifications are only mailed to verified
/// addresses), through the link in the mail sent at sign-up.
async fn verified_reader(app: &TestApp, smtp: &mut SmtpSink, name: &str) -> Browser {
    let reader = app.reader(name).await;
    let mail = mail_to(smtp, &address(name)).await;
    let (status, page) = reader.text(&path_of(&mail.link("/verify-email/"))).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    reader
}

/// Fails the test if a message for `to` arrives within `wait` (others may come).
async fn assert_no_mail_to(smtp: &mut SmtpSink, to: &str, wait: Duration) {
    let deadline = tokio::time::Instant::now() + wait;
    while let Ok(mail) = tokio::time::timeout_at(deadline, smtp.next()).await {
        assert_ne!(
            mail.envelope_to,
            [to],
            "no mail was expected: {}",
            mail.subject
        );
    }
}

/// The path and query of a link in a mail, to follow on the test server.
fn path_of(link: &str) -> String {
    let rest = link.split_once("://").map_or(link, |(_, rest)| rest);
    rest.find('/')
        .map_or("/".to_owned(), |i| rest[i..].to_owned())
}

both_backends!(
    notifications_are_mailed_with_working_links_until_unsubscribed,
    |backend| async move {
        let (app, mut smtp) = TestApp::with_mail(backend, |settings| {
            settings.notifications.interval_ms = 50;
        })
        .await;
        app.article("harbour", "open").await;
        let kestrel = verified_reader(&app, &mut smtp, "Kestrel").await;
        let navigator = app.reader("The Navigator").await;
        let first = post(
            &kestrel,
            "harbour",
            &json!({"body": "The harbour plan ignores the fishing fleet."}),
        )
        .await;
        // Kestrel's own reply sends Kestrel nothing; the Navigator's does.
        post(
            &kestrel,
            "harbour",
            &json!({"body": "I mean the small boats.", "parent_id": first["id"]}),
        )
        .await;
        let reply = post(
            &navigator,
            "harbour",
            &json!({
                "body": "It does not.\n\nRead the <b>third</b> paragraph again.",
                "parent_id": first["id"],
            }),
        )
        .await;
        let mail = mail_to(&mut smtp, &address("Kestrel")).await;
        assert_eq!(
            mail.subject,
            "The Navigator replied to your comment on “Council debates harbour”"
        );
        assert!(mail.text.starts_with("Hello Kestrel,"), "{}", mail.text);
        assert!(
            mail.text
                .contains("> It does not.\n>\n> Read the <b>third</b> paragraph again."),
            "the reply is quoted as written, as plain text: {}",
            mail.text
        );
        assert_eq!(mail.html, None);

        // The permalink opens the reply in its discussion.
        let permalink = mail.link("/comments/");
        let reply_id = reply["id"].as_i64().unwrap();
        assert!(
            permalink.ends_with(&format!("/comments/{reply_id}")),
            "{permalink}"
        );
        let opened = app.browser().get(&path_of(&permalink)).await;
        assert_eq!(opened.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            location(&opened),
            format!("/articles/harbour?around={reply_id}#c{reply_id}")
        );

        // The unsubscribe link is in the text and the headers, for mail clients.
        let unsubscribe = mail.link("/unsubscribe/");
        assert_eq!(
            mail.header("List-Unsubscribe"),
            Some(format!("<{unsubscribe}>").as_str())
        );
        assert_eq!(
            mail.header("List-Unsubscribe-Post"),
            Some("List-Unsubscribe=One-Click")
        );
        // Following it without logging in (as mail scanners do) shows a button and changes
        // nothing.
        let stranger = app.browser();
        let (status, page) = stranger.text(&path_of(&unsubscribe)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Stop these emails"), "{page}");
        let (_, preference) = json(kestrel.get("/api/v1/notifications/email").await).await;
        assert_eq!(preference["email"], "immediately");
        // A forged link does nothing.
        let forged = format!("{}x", path_of(&unsubscribe));
        assert_eq!(stranger.get(&forged).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(
            stranger.post_form(&forged, &[]).await.status(),
            StatusCode::NOT_FOUND
        );
        // The mail client's one-click POST (no Origin, no Sec-Fetch-Site, no cookie) works.
        let one_click = stranger
            .client
            .post(app.url(&path_of(&unsubscribe)))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("List-Unsubscribe=One-Click")
            .send()
            .await
            .unwrap();
        assert_eq!(one_click.status(), StatusCode::OK);
        assert!(one_click.text().await.unwrap().contains("no more emails"));
        let (_, preference) = json(kestrel.get("/api/v1/notifications/email").await).await;
        assert_eq!(preference["email"], "never");

        // Further replies reach the inbox, and no mailbox.
        post(
            &navigator,
            "harbour",
            &json!({"body": "The fleet has its own chapter.", "parent_id": first["id"]}),
        )
        .await;
        settle(&app).await;
        app.tribune
            .mail_notifications(Tribune::now())
            .await
            .unwrap();
        assert_eq!(kinds(&inbox(&kestrel).await), ["reply", "reply"]);
        assert_no_mail_to(&mut smtp, &address("Kestrel"), Duration::from_secs(3)).await;

        // An address nobody confirmed gets no mail (it may not be the reader's): the
        // Navigator is told of Kestrel's answer in the inbox only.
        post(
            &kestrel,
            "harbour",
            &json!({"body": "Fair point.", "parent_id": reply["id"]}),
        )
        .await;
        settle(&app).await;
        app.tribune
            .mail_notifications(Tribune::now())
            .await
            .unwrap();
        assert_eq!(kinds(&inbox(&navigator).await), ["reply"]);
        assert_no_mail_to(&mut smtp, &address("The Navigator"), Duration::from_secs(2)).await;
    }
);

both_backends!(
    a_rejection_is_mailed_with_its_reason_and_the_button_unsubscribes,
    |backend| async move {
        let (app, mut smtp) = TestApp::with_mail(backend, |settings| {
            settings.notifications.interval_ms = 50;
        })
        .await;
        app.article("ferry", "pre-moderated").await;
        let author = verified_reader(&app, &mut smtp, "harbour pilot").await;
        let comment = post(
            &author,
            "ferry",
            &json!({"body": "The timetable is a mess."}),
        )
        .await;
        let moderator = app.moderator().await;
        moderator
            .post_json(
                &format!("/api/v1/comments/{}/reject", comment["id"]),
                &json!({"reason": "Say what is wrong with it."}),
            )
            .await;
        let mail = mail_to(&mut smtp, &address("harbour pilot")).await;
        assert_eq!(
            mail.subject,
            "A moderator removed your comment on “Council debates ferry”"
        );
        assert!(
            mail.text.contains("> The timetable is a mess."),
            "{}",
            mail.text
        );
        assert!(
            mail.text
                .contains("The moderator's reason: Say what is wrong with it."),
            "{}",
            mail.text
        );
        // The author, logged in, opens their rejected comment from the link.
        let permalink = path_of(&mail.link("/comments/"));
        assert_eq!(author.get(&permalink).await.status(), StatusCode::SEE_OTHER);

        // The page's button: a same-origin form POST from a browser.
        let unsubscribe = mail.link("/unsubscribe/");
        let button = app
            .browser()
            .client
            .post(app.url(&path_of(&unsubscribe)))
            .header("origin", format!("http://{}", app.address))
            .header("sec-fetch-site", "same-origin")
            .form(&[("", "")])
            .send()
            .await
            .unwrap();
        assert_eq!(button.status(), StatusCode::OK);
        let (_, preference) = json(author.get("/api/v1/notifications/email").await).await;
        assert_eq!(preference["email"], "never");
    }
);

both_backends!(
    the_daily_digest_gathers_notifications_into_one_mail,
    |backend| async move {
        // Digests go out at an hour far from now, so the servers' own workers send none
        // during the test; the test sends the next one itself, a day later.
        let hour = (Tribune::now().hour() + 12) % 24;
        let (app, mut smtp) = TestApp::with_mail(backend, |settings| {
            settings.notifications.interval_ms = 50;
            settings.notifications.digest_hour = hour;
        })
        .await;
        app.article("rates", "open").await;
        let saver = verified_reader(&app, &mut smtp, "careful saver").await;
        let (status, _) = json(
            saver
                .send_json(
                    reqwest::Method::PUT,
                    "/api/v1/notifications/email",
                    &json!({"email": "daily"}),
                )
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let first = post(
            &saver,
            "rates",
            &json!({"body": "Rates should stay where they are."}),
        )
        .await;
        let replies = [
            "Savers have waited ten years for this.",
            "Mortgage holders would disagree with you.",
            "The bank's own forecast says inflation is falling.",
        ];
        for (i, body) in replies.iter().enumerate() {
            let reader = app.reader(&format!("borrower {i}")).await;
            post(
                &reader,
                "rates",
                &json!({"body": body, "parent_id": first["id"]}),
            )
            .await;
        }
        settle(&app).await;
        assert_eq!(inbox(&saver).await["unread"], 3);
        // Nothing is mailed as it happens.
        assert_eq!(
            app.tribune
                .mail_notifications(Tribune::now())
                .await
                .unwrap(),
            0
        );
        assert_no_mail_to(&mut smtp, &address("careful saver"), Duration::from_secs(2)).await;

        let tomorrow = Tribune::now() + time::Duration::days(1);
        assert_eq!(app.tribune.send_digests(tomorrow).await.unwrap(), 1);
        let digest = mail_to(&mut smtp, &address("careful saver")).await;
        assert_eq!(
            digest.subject,
            "Your daily digest from Tribune: 3 notifications"
        );
        for body in replies {
            assert!(
                digest.text.contains(&format!("> {body}")),
                "{}",
                digest.text
            );
        }
        assert_eq!(digest.text.matches("/comments/").count(), 3);
        assert!(digest.header("List-Unsubscribe").is_some());
        // Once a day: asking again (on any node) sends nothing more.
        assert_eq!(app.tribune.send_digests(tomorrow).await.unwrap(), 0);
        assert_no_mail_to(&mut smtp, &address("careful saver"), Duration::from_secs(2)).await;
    }
);

both!(
    the_account_page_sets_the_email_preference,
    |app| async move {
        let reader = app.reader("night editor").await;
        let (status, page) = reader.text("/account").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            page.contains("value=\"immediately\" checked"),
            "immediately by default: {page}"
        );
        let saved = reader
            .post_form("/account/notifications", &[("email", "daily")])
            .await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        let (_, page) = reader.text(&location(&saved)).await;
        assert!(
            page.contains("Saved: you will get one email a day"),
            "{page}"
        );
        assert!(page.contains("value=\"daily\" checked"));
        let (_, preference) = json(reader.get("/api/v1/notifications/email").await).await;
        assert_eq!(preference["email"], "daily");
        let (_, inbox_page) = reader.text("/notifications").await;
        assert!(inbox_page.contains("/account#notifications"));

        let refused = reader
            .post_form("/account/notifications", &[("email", "hourly")])
            .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let (status, body) = json(
            reader
                .send_json(
                    reqwest::Method::PUT,
                    "/api/v1/notifications/email",
                    &json!({"email": "weekly"}),
                )
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["field"], "email");
        let anonymous = app
            .browser()
            .post_form("/account/notifications", &[("email", "never")])
            .await;
        assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    }
);

both_backends!(
    a_reader_who_reads_in_french_is_mailed_in_french,
    |backend| async move {
        let (app, mut smtp) = TestApp::with_mail(backend, |settings| {
            settings.notifications.interval_ms = 50;
        })
        .await;
        app.article("harbour", "open").await;
        let kestrel = verified_reader(&app, &mut smtp, "Kestrel").await;
        let navigator = app.reader("The Navigator").await;
        // Kestrel chooses French from the menu at the foot of a page.
        let response = kestrel.post_form("/language", &[("lang", "fr")]).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);

        let first = post(
            &kestrel,
            "harbour",
            &json!({"body": "The harbour plan ignores the fishing fleet."}),
        )
        .await;
        post(
            &navigator,
            "harbour",
            &json!({"body": "It does not.", "parent_id": first["id"]}),
        )
        .await;
        let mail = mail_to(&mut smtp, &address("Kestrel")).await;
        assert_eq!(
            mail.subject,
            "The Navigator a répondu à votre commentaire sur « Council debates harbour »"
                .replace("« ", "«\u{a0}")
                .replace(" »", "\u{a0}»")
        );
        assert!(mail.text.starts_with("Bonjour Kestrel,"), "{}", mail.text);
        assert!(
            mail.text.contains("> It does not."),
            "the reply is quoted as written"
        );
        assert!(
            mail.text.contains("Ne plus recevoir ces e-mails"),
            "the footer is French too: {}",
            mail.text
        );
    }
);
