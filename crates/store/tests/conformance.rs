//! Every storage method, on SQLite and on PostgreSQL: the same calls must give the same
//! answers on both backends.

// A failed set-up step should stop the test loudly, helpers included.
#![allow(clippy::unwrap_used)]

use time::OffsetDateTime;
use time::macros::datetime;
use tribune_domain::article::ArticleFields;
use tribune_domain::{ArticleDraft, CommentStatus, Role};
use tribune_store::{
    ArticleCursor, CommentCursor, Error, NewComment, NewUser, Store, both_backends,
};

const NOW: OffsetDateTime = datetime!(2026-11-24 07:30:00.123456 UTC);

fn draft(slug: &str, published_at: OffsetDateTime) -> ArticleDraft {
    ArticleDraft::parse(
        ArticleFields {
            slug: Some(slug.to_owned()),
            headline: format!("Headline of {slug}"),
            lead: "A lead.".to_owned(),
            body: "First paragraph.\n\nSecond paragraph.".to_owned(),
            tags: vec!["floods".to_owned(), "dams".to_owned()],
            published_at: Some(published_at),
            ..Default::default()
        },
        NOW,
    )
    .unwrap()
}

async fn user(store: &Store, name: &str, email: &str) -> tribune_domain::User {
    store
        .insert_user(&NewUser {
            email,
            display_name: name,
            name_key: &name.to_lowercase(),
            password_hash: Some("$argon2id$fake"),
            role: Role::Reader,
            created_at: NOW,
        })
        .await
        .unwrap()
}

both_backends!(users_are_unique_by_email_and_name_key, |db| async move {
    let store = &db.store;
    let ann = user(store, "Ann", "ann@example.org").await;
    assert_eq!(ann.display_name, "Ann");
    assert_eq!(ann.created_at, NOW, "timestamps keep microseconds");

    let same_email = NewUser {
        email: "ann@example.org",
        display_name: "Other",
        name_key: "other",
        password_hash: None,
        role: Role::Reader,
        created_at: NOW,
    };
    assert!(matches!(
        store.insert_user(&same_email).await,
        Err(Error::Conflict("email"))
    ));
    let same_name = NewUser {
        email: "other@example.org",
        name_key: "ann",
        ..same_email
    };
    assert!(matches!(
        store.insert_user(&same_name).await,
        Err(Error::Conflict("name_key"))
    ));

    let found = store
        .user_by_email("ann@example.org")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.user, ann);
    assert_eq!(found.password_hash.as_deref(), Some("$argon2id$fake"));
    assert_eq!(
        store.user_by_name_key("ann").await.unwrap(),
        Some(ann.clone())
    );
    assert_eq!(store.user(ann.id).await.unwrap(), Some(ann.clone()));
    assert_eq!(store.user(ann.id + 100).await.unwrap(), None);

    store.set_role(ann.id, Role::Moderator).await.unwrap();
    assert_eq!(
        store.user(ann.id).await.unwrap().unwrap().role,
        Role::Moderator
    );
    assert!(matches!(
        store.set_role(9999, Role::Admin).await,
        Err(Error::NotFound)
    ));
    assert_eq!(store.count_users().await.unwrap(), 1);
    assert_eq!(store.users(10, 0).await.unwrap().len(), 1);
});

both_backends!(sessions_and_tokens, |db| async move {
    let store = &db.store;
    let ann = user(store, "Ann", "ann@example.org").await;
    let expires = NOW + time::Duration::days(30);
    store
        .insert_session("hash1", ann.id, NOW, expires)
        .await
        .unwrap();
    let (who, until) = store.session("hash1").await.unwrap().unwrap();
    assert_eq!((who.id, until), (ann.id, expires));
    assert_eq!(store.session("other").await.unwrap(), None);
    assert_eq!(store.delete_expired_sessions(NOW).await.unwrap(), 0);
    assert_eq!(
        store
            .delete_expired_sessions(expires + time::Duration::SECOND)
            .await
            .unwrap(),
        1
    );
    store
        .insert_session("hash2", ann.id, NOW, expires)
        .await
        .unwrap();
    store.delete_session("hash2").await.unwrap();
    assert_eq!(store.session("hash2").await.unwrap(), None);

    let token = store
        .insert_api_token("cms", "editor", "thash", NOW)
        .await
        .unwrap();
    assert_eq!(store.api_token("thash").await.unwrap(), Some(token));
    assert_eq!(store.api_token("nope").await.unwrap(), None);
});

both_backends!(articles_round_trip_and_page_newest_first, |db| async move {
    let store = &db.store;
    let first = store
        .insert_article(&draft("first", NOW - time::Duration::HOUR), "<p>x</p>", NOW)
        .await
        .unwrap();
    assert_eq!(first.tags, vec!["floods".to_owned(), "dams".to_owned()]);
    assert_eq!(first.body_html, "<p>x</p>");
    assert!(matches!(
        store.insert_article(&draft("first", NOW), "", NOW).await,
        Err(Error::Conflict("slug"))
    ));
    for slug in ["second", "third"] {
        store
            .insert_article(&draft(slug, NOW), "", NOW)
            .await
            .unwrap();
    }
    store
        .insert_article(&draft("future", NOW + time::Duration::DAY), "", NOW)
        .await
        .unwrap();

    let page = store.articles(NOW, None, 2).await.unwrap();
    let slugs: Vec<_> = page.iter().map(|a| a.slug.as_str()).collect();
    assert_eq!(
        slugs,
        ["third", "second"],
        "newest first, same time by id, no future"
    );
    let next = ArticleCursor::decode(&ArticleCursor::after(&page[1]).encode());
    let rest = store.articles(NOW, next, 2).await.unwrap();
    assert_eq!(
        rest.iter().map(|a| a.slug.as_str()).collect::<Vec<_>>(),
        ["first"]
    );

    let mut edited = draft("first-renamed", NOW);
    edited.headline = "Edited".to_owned();
    let updated = store
        .update_article("first", &edited, "<p>y</p>", NOW)
        .await
        .unwrap();
    assert_eq!(
        (updated.id, updated.headline.as_str()),
        (first.id, "Edited")
    );
    assert_eq!(store.article("first").await.unwrap(), None);
    assert!(matches!(
        store.update_article("missing", &edited, "", NOW).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        store.update_article("second", &edited, "", NOW).await,
        Err(Error::Conflict("slug"))
    ));
});

both_backends!(comments_count_and_page_in_order, |db| async move {
    let store = &db.store;
    let article = store
        .insert_article(&draft("a", NOW), "", NOW)
        .await
        .unwrap();
    let ann = user(store, "Ann", "ann@example.org").await;
    let bob = user(store, "Bob", "bob@example.org").await;
    let mut ids = Vec::new();
    for (i, (author, status)) in [
        (&ann, CommentStatus::Published),
        (&bob, CommentStatus::Held),
        (&bob, CommentStatus::Published),
        (&ann, CommentStatus::Published),
    ]
    .into_iter()
    .enumerate()
    {
        let comment = store
            .insert_comment(&NewComment {
                article_id: article.id,
                author_id: author.id,
                body_markdown: &format!("comment {i}"),
                body_html: &format!("<p>comment {i}</p>"),
                status,
                created_at: NOW,
            })
            .await
            .unwrap();
        assert_eq!(comment.author_name, author.display_name);
        assert_eq!(comment.status, status);
        ids.push(comment.id);
    }
    let counted = store.article("a").await.unwrap().unwrap().comment_count;
    assert_eq!(counted, 3, "held comments are not counted");

    let public = store.comments(article.id, None, None, 10).await.unwrap();
    assert_eq!(
        public.iter().map(|c| c.id).collect::<Vec<_>>(),
        [ids[0], ids[2], ids[3]]
    );
    let as_bob = store
        .comments(article.id, Some(bob.id), None, 10)
        .await
        .unwrap();
    assert_eq!(as_bob.len(), 4, "authors see their own held comments");

    let first_page = store.comments(article.id, None, None, 2).await.unwrap();
    let cursor = CommentCursor::decode(
        &CommentCursor {
            after_id: first_page[1].id,
        }
        .encode(),
    );
    let second_page = store.comments(article.id, None, cursor, 2).await.unwrap();
    assert_eq!(
        second_page.iter().map(|c| c.id).collect::<Vec<_>>(),
        [ids[3]]
    );

    let anns = store.comments_by_user(ann.id, 10).await.unwrap();
    assert_eq!(anns.len(), 2);
    assert_eq!(anns[0].comment.id, ids[3], "newest first");
    assert_eq!(anns[0].article_slug, "a");
    assert_eq!(store.count_comments().await.unwrap(), 4);
});

both_backends!(meta_and_ping, |db| async move {
    let store = &db.store;
    store.ping().await.unwrap();
    assert_eq!(store.meta("demo").await.unwrap(), None);
    store.set_meta("demo", "1").await.unwrap();
    store.set_meta("demo", "2").await.unwrap();
    assert_eq!(store.meta("demo").await.unwrap().as_deref(), Some("2"));
});

both_backends!(permalinks_find_their_page, |db| async move {
    let store = &db.store;
    let article = store
        .insert_article(&draft("a", NOW), "", NOW)
        .await
        .unwrap();
    let ann = user(store, "Ann", "ann@example.org").await;
    let mut ids = Vec::new();
    for i in 0..7 {
        let status = if i == 1 {
            CommentStatus::Held
        } else {
            CommentStatus::Published
        };
        let c = store
            .insert_comment(&NewComment {
                article_id: article.id,
                author_id: ann.id,
                body_markdown: "x",
                body_html: "x",
                status,
                created_at: NOW,
            })
            .await
            .unwrap();
        ids.push(c.id);
    }
    // Visible to everyone: ids 0, 2, 3, 4, 5, 6 → pages of 2: [0, 2] [3, 4] [5, 6].
    let page_of = |id| store.comment_page_cursor(article.id, None, id, 2);
    assert_eq!(page_of(ids[2]).await.unwrap(), None);
    assert_eq!(
        page_of(ids[3]).await.unwrap(),
        Some(CommentCursor { after_id: ids[2] })
    );
    assert_eq!(
        page_of(ids[6]).await.unwrap(),
        Some(CommentCursor { after_id: ids[4] })
    );
    // The author also sees the held one: [0, 1] [2, 3] [4, 5] [6].
    let mine = store
        .comment_page_cursor(article.id, Some(ann.id), ids[6], 2)
        .await
        .unwrap();
    assert_eq!(mine, Some(CommentCursor { after_id: ids[5] }));
});
