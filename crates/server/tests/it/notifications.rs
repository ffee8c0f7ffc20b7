//! Notifications as readers notice them: replies, mentions and moderators' decisions in the
//! inbox and the header's count; nothing for their own actions or for comments nobody can
//! see; only the recipient reads or marks them.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};
use tribune_app::Tribune;

use crate::helpers::{Browser, TestApp, both, json, location};

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
/// is notified exactly once.
async fn two_nodes_notify_once(backend: crate::helpers::Backend) {
    let app = TestApp::spawn_with(backend, |settings| {
        settings.notifications.interval_ms = 20;
    })
    .await;
    let second = app.second_node().await;
    app.article("market", "open").await;
    let author = app.reader("stall holder").await;
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
}

mod two_nodes_write_each_notification_once {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::two_nodes_notify_once(crate::helpers::Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::two_nodes_notify_once(crate::helpers::Backend::Postgres).await;
    }
}
