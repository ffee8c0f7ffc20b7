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
