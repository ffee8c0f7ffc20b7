//! Every storage method, on SQLite and on PostgreSQL: the same calls must give the same
//! answers on both backends.

// A failed set-up step should stop the test loudly, helpers included.
#![allow(clippy::unwrap_used)]

use time::OffsetDateTime;
use time::macros::datetime;
use tribune_domain::article::{ArticleFields, Paragraph};
use tribune_domain::comment::CommentSort;
use tribune_domain::mention::Mention;
use tribune_domain::quote::Quote;
use tribune_domain::{ArticleDraft, Comment, CommentStatus, Role};
use tribune_store::{
    ArticleCursor, Body, CommentCursor, Edit, Error, FeedPolled, MailClaim, NewComment,
    NewUnclaimed, NewUser, NotificationSource, Parent, PostingQuery, RenderedBody, Screening,
    Store, both_backends,
};

const NOW: OffsetDateTime = datetime!(2026-11-24 07:30:00.123456 UTC);

const BODY: RenderedBody<'static> = RenderedBody {
    html: "<p>x</p>",
    paragraphs: &[],
};

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

    store
        .set_role(ann.id, Role::Moderator, &op(ann.id))
        .await
        .unwrap();
    assert_eq!(
        store.user(ann.id).await.unwrap().unwrap().role,
        Role::Moderator
    );
    assert!(matches!(
        store.set_role(9999, Role::Admin, &op(9999)).await,
        Err(Error::NotFound)
    ));
    assert_eq!(store.count_users().await.unwrap(), 1);
    assert_eq!(store.users(10, 0).await.unwrap().len(), 1);
});

both_backends!(
    unclaimed_profiles_stand_apart_from_accounts,
    |db| async move {
        let store = &db.store;
        let ann = user(store, "Ann", "ann@example.org").await;
        assert!(!ann.guest);
        let guest = NewUnclaimed {
            key: "k1",
            display_name: "Ann",
            email_hash: Some("eh1"),
            website: None,
            created_at: NOW,
        };
        let first = store.unclaimed_profile(&guest).await.unwrap();
        assert!(first.guest, "a guest, beside an account of the same name");
        assert_eq!(first.display_name, "Ann");
        assert_ne!(first.id, ann.id);
        let again = store
            .unclaimed_profile(&NewUnclaimed {
                website: Some("https://ann.example"),
                ..guest.clone()
            })
            .await
            .unwrap();
        assert_eq!(again.id, first.id, "the same key finds the same profile");
        let other = store
            .unclaimed_profile(&NewUnclaimed { key: "k2", ..guest })
            .await
            .unwrap();
        assert_ne!(other.id, first.id);
        let found = store.user_by_email(&first.email).await.unwrap().unwrap();
        assert_eq!(found.password_hash, None, "no password: no log-in");
        assert_eq!(
            store.user_by_name_key("ann").await.unwrap(),
            Some(ann),
            "the name's key stays the account's"
        );
    }
);

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
        .insert_article(&draft("first", NOW - time::Duration::HOUR), &BODY, NOW)
        .await
        .unwrap();
    assert_eq!(first.tags, vec!["floods".to_owned(), "dams".to_owned()]);
    assert_eq!(first.body_html, "<p>x</p>");
    assert!(first.paragraphs.is_empty());
    assert!(matches!(
        store.insert_article(&draft("first", NOW), &BODY, NOW).await,
        Err(Error::Conflict("slug"))
    ));
    for slug in ["second", "third"] {
        store
            .insert_article(&draft(slug, NOW), &BODY, NOW)
            .await
            .unwrap();
    }
    store
        .insert_article(&draft("future", NOW + time::Duration::DAY), &BODY, NOW)
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
    let paragraphs = [Paragraph {
        html: "<p>y</p>".into(),
        text: "y".into(),
    }];
    let body = RenderedBody {
        html: "<p>y</p>",
        paragraphs: &paragraphs,
    };
    let updated = store
        .update_article("first", &edited, &body, NOW)
        .await
        .unwrap();
    assert_eq!(updated.paragraphs, paragraphs);
    assert_eq!(
        store.article_by_id(updated.id).await.unwrap(),
        Some(updated.clone())
    );
    assert_eq!(
        (updated.id, updated.headline.as_str()),
        (first.id, "Edited")
    );
    assert_eq!(store.article("first").await.unwrap(), None);
    assert!(matches!(
        store.update_article("missing", &edited, &BODY, NOW).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        store.update_article("second", &edited, &BODY, NOW).await,
        Err(Error::Conflict("slug"))
    ));
});

both_backends!(one_article_per_canonical_url, |db| async move {
    let store = &db.store;
    let at = |slug: &str, url: &str| {
        let mut d = draft(slug, NOW);
        d.canonical_url = url.to_owned();
        d
    };
    let url = "https://news.example/politics/budget-vote";
    let first = store
        .insert_article(&at("budget", url), &BODY, NOW)
        .await
        .unwrap();
    assert_eq!(store.article_by_url(url).await.unwrap(), Some(first));
    assert!(matches!(
        store.insert_article(&at("budget-2", url), &BODY, NOW).await,
        Err(Error::Conflict("canonical_url"))
    ));
    // Articles without an address do not collide, and are never found by one.
    for slug in ["no-url-1", "no-url-2"] {
        store
            .insert_article(&at(slug, ""), &BODY, NOW)
            .await
            .unwrap();
    }
    assert_eq!(store.article_by_url("").await.unwrap(), None);
    assert_eq!(
        store
            .article_by_url("https://news.example/other")
            .await
            .unwrap(),
        None
    );
});

both_backends!(
    sign_in_codes_work_once_and_sso_subjects_link_one_account,
    |db| async move {
        let store = &db.store;
        let reader = user(store, "Coded Reader", "coded@example.org").await;
        let later = NOW + time::Duration::MINUTE;
        store
            .insert_sign_in_code("codehash", reader.id, NOW, later)
            .await
            .unwrap();
        store
            .insert_sign_in_code("stale", reader.id, NOW, NOW)
            .await
            .unwrap();
        assert_eq!(store.take_sign_in_code("stale", NOW).await.unwrap(), None);
        let taken = store.take_sign_in_code("codehash", NOW).await.unwrap();
        assert_eq!(taken.map(|u| u.id), Some(reader.id));
        assert_eq!(
            store.take_sign_in_code("codehash", NOW).await.unwrap(),
            None
        );
        assert_eq!(store.delete_expired_sign_in_codes(later).await.unwrap(), 1);

        let new = |email: &'static str, name: &'static str, key: &'static str| NewUser {
            email,
            display_name: name,
            name_key: key,
            password_hash: None,
            role: Role::Reader,
            created_at: NOW,
        };
        let linked = store
            .insert_sso_user(
                "cms-1",
                &new("sso@news.example", "Sso Reader", "ssoreader"),
                true,
            )
            .await
            .unwrap();
        assert!(linked.email_verified);
        assert_eq!(store.sso_user("cms-1").await.unwrap(), Some(linked.clone()));
        assert_eq!(store.sso_user("cms-2").await.unwrap(), None);
        // A subject links once; a taken address or name creates nothing.
        assert!(matches!(
            store
                .insert_sso_user("cms-1", &new("other@news.example", "Other", "other"), false)
                .await,
            Err(Error::Conflict("subject"))
        ));
        assert!(matches!(
            store
                .insert_sso_user("cms-3", &new("coded@example.org", "Third", "third"), false)
                .await,
            Err(Error::Conflict("email"))
        ));
        assert_eq!(store.sso_user("cms-3").await.unwrap(), None);
        assert!(store.user_by_name_key("other").await.unwrap().is_none());
    }
);

/// Stores a comment with nothing found in its body.
async fn comment(
    store: &Store,
    article_id: i64,
    author_id: i64,
    parent: Option<&Comment>,
    status: CommentStatus,
    text: &str,
) -> Comment {
    store
        .insert_comment(&NewComment {
            article_id,
            author_id,
            parent: parent.map(|p| Parent {
                id: p.id,
                root_id: p.root_id,
                depth: p.depth,
            }),
            body: Body {
                markdown: text,
                html: &format!("<p>{text}</p>"),
                mentions: &[],
                quotes: &[],
            },
            status,
            screening: Screening::default(),
            created_at: NOW,
        })
        .await
        .unwrap()
}

/// Stores a published top-level comment as the screening leaves it: with its fingerprints
/// and, when given, the hash of the address it came from.
async fn screened_comment(
    store: &Store,
    article_id: i64,
    author_id: i64,
    text: &str,
    address_hash: Option<&str>,
    created_at: OffsetDateTime,
) -> Comment {
    store
        .insert_comment(&NewComment {
            article_id,
            author_id,
            parent: None,
            body: Body {
                markdown: text,
                html: text,
                mentions: &[],
                quotes: &[],
            },
            status: CommentStatus::Published,
            screening: Screening {
                fingerprint: Some(tribune_assess::fingerprint(text)),
                address_hash,
                ..Screening::default()
            },
            created_at,
        })
        .await
        .unwrap()
}

fn ids(comments: &[Comment]) -> Vec<i64> {
    comments.iter().map(|c| c.id).collect()
}

both_backends!(comments_count_and_page_in_every_order, |db| async move {
    let store = &db.store;
    let article = store
        .insert_article(&draft("a", NOW), &BODY, NOW)
        .await
        .unwrap();
    let ann = user(store, "Ann", "ann@example.org").await;
    let bob = user(store, "Bob", "bob@example.org").await;
    let c0 = comment(
        store,
        article.id,
        ann.id,
        None,
        CommentStatus::Published,
        "zero",
    )
    .await;
    let c1 = comment(store, article.id, bob.id, None, CommentStatus::Held, "one").await;
    let c2 = comment(
        store,
        article.id,
        bob.id,
        None,
        CommentStatus::Published,
        "two",
    )
    .await;
    let c3 = comment(
        store,
        article.id,
        ann.id,
        None,
        CommentStatus::Published,
        "three",
    )
    .await;
    assert_eq!(
        (c0.root_id, c0.depth, c0.parent_id),
        (c0.id, 0, None),
        "top-level: own root"
    );
    assert_eq!(c2.author_name, "Bob");
    assert_eq!(c1.status, CommentStatus::Held);
    let counted = store.article("a").await.unwrap().unwrap().comment_count;
    assert_eq!(counted, 3, "held comments are not counted");

    let oldest = CommentSort::Oldest;
    let public = store
        .comments(article.id, None, None, oldest, 10)
        .await
        .unwrap();
    assert_eq!(ids(&public), [c0.id, c2.id, c3.id]);
    let as_bob = store
        .comments(article.id, Some(bob.id), None, oldest, 10)
        .await
        .unwrap();
    assert_eq!(as_bob.len(), 4, "authors see their own held comments");

    let first_page = store
        .comments(article.id, None, None, oldest, 2)
        .await
        .unwrap();
    let cursor = CommentCursor::decode(
        &CommentCursor::after(oldest, &first_page[1]).encode(),
        oldest,
    );
    let second_page = store
        .comments(article.id, None, cursor, oldest, 2)
        .await
        .unwrap();
    assert_eq!(ids(&second_page), [c3.id]);

    let newest = store
        .comments(article.id, None, None, CommentSort::Newest, 2)
        .await
        .unwrap();
    assert_eq!(ids(&newest), [c3.id, c2.id]);
    let cursor = Some(CommentCursor::after(CommentSort::Newest, &newest[1]));
    let rest = store
        .comments(article.id, None, cursor, CommentSort::Newest, 2)
        .await
        .unwrap();
    assert_eq!(ids(&rest), [c0.id]);

    // Reactions: c2 gets two, c3 one; most liked first, ties oldest first.
    let carl = user(store, "Carl", "carl@example.org").await;
    assert_eq!(
        store.toggle_reaction(c2.id, ann.id, NOW).await.unwrap(),
        (true, 1)
    );
    assert_eq!(
        store.toggle_reaction(c2.id, carl.id, NOW).await.unwrap(),
        (true, 2)
    );
    assert_eq!(
        store.toggle_reaction(c3.id, carl.id, NOW).await.unwrap(),
        (true, 1)
    );
    assert_eq!(
        store.toggle_reaction(c0.id, carl.id, NOW).await.unwrap(),
        (true, 1)
    );
    assert_eq!(
        store.toggle_reaction(c0.id, carl.id, NOW).await.unwrap(),
        (false, 0),
        "a toggle"
    );
    let liked = CommentSort::Liked;
    let page = store
        .comments(article.id, None, None, liked, 2)
        .await
        .unwrap();
    assert_eq!(ids(&page), [c2.id, c3.id]);
    let cursor = CommentCursor::decode(&CommentCursor::after(liked, &page[1]).encode(), liked);
    let rest = store
        .comments(article.id, None, cursor, liked, 2)
        .await
        .unwrap();
    assert_eq!(ids(&rest), [c0.id]);
    assert_eq!(
        CommentCursor::decode("o5", liked),
        None,
        "a cursor belongs to its sort"
    );
    let mut carls = store.reactions_by(article.id, carl.id).await.unwrap();
    carls.sort_unstable();
    assert_eq!(carls, [c2.id, c3.id]);

    let anns = store.comments_by_user(ann.id, 10).await.unwrap();
    assert_eq!(anns.len(), 2);
    assert_eq!(anns[0].comment.id, c3.id, "newest first");
    assert_eq!(anns[0].article_slug, "a");
    assert_eq!(store.count_comments().await.unwrap(), 4);
    let mut participants = store.participants(article.id).await.unwrap();
    participants.sort();
    assert_eq!(
        participants,
        [(ann.id, "Ann".to_owned()), (bob.id, "Bob".to_owned())]
    );
    assert_eq!(
        store.participant_named(article.id, "ann").await.unwrap(),
        Some((ann.id, "Ann".to_owned()))
    );
    assert_eq!(
        store.participant_named(article.id, "carl").await.unwrap(),
        None,
        "Carl only reacted"
    );
    assert_eq!(
        store.latest_comment_by(article.id, ann.id).await.unwrap(),
        Some(c3.id)
    );
    let latest: Vec<i64> = store
        .latest_comments(2)
        .await
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(latest, vec![c3.id, c2.id], "published only, newest first");
    assert!(!c2.author_guest && c2.author_website.is_none());
});

both_backends!(threads_come_whole_with_their_replies, |db| async move {
    let store = &db.store;
    let article = store
        .insert_article(&draft("a", NOW), &BODY, NOW)
        .await
        .unwrap();
    let ann = user(store, "Ann", "ann@example.org").await;
    let p = CommentStatus::Published;
    let r1 = comment(store, article.id, ann.id, None, p, "root one").await;
    let r2 = comment(store, article.id, ann.id, None, p, "root two").await;
    let a = comment(store, article.id, ann.id, Some(&r1), p, "reply").await;
    let b = comment(store, article.id, ann.id, Some(&a), p, "reply to reply").await;
    let r3 = comment(store, article.id, ann.id, None, p, "root three").await;
    let c = comment(store, article.id, ann.id, Some(&r2), p, "late reply").await;
    assert_eq!((b.parent_id, b.root_id, b.depth), (Some(a.id), r1.id, 2));
    assert_eq!(b.parent_author.as_deref(), Some("Ann"));

    let oldest = CommentSort::Oldest;
    let page = store
        .threads(article.id, None, None, oldest, 2)
        .await
        .unwrap();
    assert_eq!(
        ids(&page),
        [r1.id, r2.id, a.id, b.id, c.id],
        "two whole threads, by id"
    );
    let cursor = Some(CommentCursor::after(oldest, &r2));
    let rest = store
        .threads(article.id, None, cursor, oldest, 2)
        .await
        .unwrap();
    assert_eq!(ids(&rest), [r3.id]);
    let newest = store
        .threads(article.id, None, None, CommentSort::Newest, 1)
        .await
        .unwrap();
    assert_eq!(ids(&newest), [r3.id]);

    // One thread, whole: the top-level comment and every reply under it.
    let whole = store.thread(article.id, None, r1.id).await.unwrap();
    assert_eq!(ids(&whole), [r1.id, a.id, b.id]);
});

both_backends!(
    edits_keep_history_and_deletes_keep_replies,
    |db| async move {
        let store = &db.store;
        let paragraphs = [Paragraph {
            html: "<p>p</p>".into(),
            text: "p".into(),
        }];
        let body = RenderedBody {
            html: "<p>p</p>",
            paragraphs: &paragraphs,
        };
        let article = store
            .insert_article(&draft("a", NOW), &body, NOW)
            .await
            .unwrap();
        let ann = user(store, "Ann", "ann@example.org").await;
        let bob = user(store, "Bob", "bob@example.org").await;
        let quote = [Quote {
            text: "p".into(),
            verified: true,
            paragraph: Some(0),
        }];
        let mention = [Mention {
            written: "@bob".into(),
            user_id: bob.id,
            display_name: "Bob".into(),
            start: 0,
            end: 4,
        }];
        let original = store
            .insert_comment(&NewComment {
                article_id: article.id,
                author_id: ann.id,
                parent: None,
                body: Body {
                    markdown: "@bob first",
                    html: "<p>first</p>",
                    mentions: &mention,
                    quotes: &quote,
                },
                status: CommentStatus::Published,
                screening: Screening::default(),
                created_at: NOW,
            })
            .await
            .unwrap();
        assert_eq!(original.mentions, mention);
        assert_eq!(original.quotes, quote);
        assert_eq!(
            store.quoted_paragraphs(article.id).await.unwrap(),
            [(0, original.id)]
        );

        let later = NOW + time::Duration::minutes(5);
        let edited = store
            .edit_comment(
                &original,
                &edit(
                    Body {
                        markdown: "second",
                        html: "<p>second</p>",
                        mentions: &[],
                        quotes: &[],
                    },
                    later,
                ),
            )
            .await
            .unwrap();
        assert_eq!(
            (edited.body_markdown.as_str(), edited.edited_at),
            ("second", Some(later))
        );
        assert!(edited.mentions.is_empty());
        assert_eq!(
            store.quoted_paragraphs(article.id).await.unwrap(),
            [],
            "the quote went with the edit"
        );
        let history = store.revisions(original.id).await.unwrap();
        assert_eq!(history.len(), 1);
        assert_eq!(
            (
                history[0].body_markdown.as_str(),
                history[0].written_at,
                history[0].replaced_at
            ),
            ("@bob first", NOW, later)
        );

        let reply = comment(
            store,
            article.id,
            bob.id,
            Some(&edited),
            CommentStatus::Published,
            "reply",
        )
        .await;
        assert_eq!(store.article("a").await.unwrap().unwrap().comment_count, 2);
        store
            .delete_comment(original.id, later, None)
            .await
            .unwrap();
        store
            .delete_comment(original.id, later, None)
            .await
            .unwrap();
        assert_eq!(
            store.article("a").await.unwrap().unwrap().comment_count,
            1,
            "uncounted once"
        );
        let deleted = store.comment(original.id).await.unwrap().unwrap();
        assert!(deleted.deleted);
        let page = store
            .comments(article.id, None, None, CommentSort::Oldest, 10)
            .await
            .unwrap();
        assert_eq!(
            ids(&page),
            [original.id, reply.id],
            "the reply keeps its place"
        );
    }
);

both_backends!(
    every_change_to_a_discussion_bumps_its_version,
    |db| async move {
        let store = &db.store;
        let article = store
            .insert_article(&draft("a", NOW), &BODY, NOW)
            .await
            .unwrap();
        let version = || async {
            store
                .article("a")
                .await
                .unwrap()
                .unwrap()
                .discussion_version
        };
        assert_eq!(version().await, 0);
        let ann = user(store, "Ann", "ann@example.org").await;
        let bob = user(store, "Bob", "bob@example.org").await;
        let c = comment(
            store,
            article.id,
            ann.id,
            None,
            CommentStatus::Published,
            "x",
        )
        .await;
        assert_eq!(version().await, 1, "a comment");
        comment(store, article.id, ann.id, None, CommentStatus::Held, "held").await;
        assert_eq!(version().await, 2, "a held comment (its author sees it)");
        store.toggle_reaction(c.id, bob.id, NOW).await.unwrap();
        assert_eq!(version().await, 3, "a reaction");
        let body = Body {
            markdown: "y",
            html: "<p>y</p>",
            mentions: &[],
            quotes: &[],
        };
        store.edit_comment(&c, &edit(body, NOW)).await.unwrap();
        assert_eq!(version().await, 4, "an edit");
        store.delete_comment(c.id, NOW, None).await.unwrap();
        assert_eq!(version().await, 5, "a deletion");
        store.delete_comment(c.id, NOW, None).await.unwrap();
        assert_eq!(version().await, 5, "deleting twice changes nothing");
        assert_eq!(store.article("a").await.unwrap().unwrap().comment_count, 0);
    }
);

both_backends!(permalinks_find_their_page, |db| async move {
    let store = &db.store;
    let article = store
        .insert_article(&draft("a", NOW), &BODY, NOW)
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
        ids.push(
            comment(store, article.id, ann.id, None, status, "x")
                .await
                .id,
        );
    }
    let cursor = |id| {
        Some(CommentCursor {
            sort: CommentSort::Oldest,
            id,
            reactions: 0,
        })
    };
    // Visible to everyone: ids 0, 2, 3, 4, 5, 6; a permalink's page opens two comments
    // before it.
    let page_of = |id| store.page_cursor_for(article.id, None, id, 2);
    assert_eq!(
        page_of(ids[2]).await.unwrap(),
        None,
        "too early: the first page"
    );
    assert_eq!(page_of(ids[4]).await.unwrap(), cursor(ids[0]));
    assert_eq!(page_of(ids[6]).await.unwrap(), cursor(ids[3]));
    // The author also sees the held one.
    let mine = store
        .page_cursor_for(article.id, Some(ann.id), ids[3], 2)
        .await
        .unwrap();
    assert_eq!(mine, cursor(ids[0]));
});

both_backends!(meta_and_ping, |db| async move {
    let store = &db.store;
    store.ping().await.unwrap();
    assert_eq!(store.meta("demo").await.unwrap(), None);
    store.set_meta("demo", "1").await.unwrap();
    store.set_meta("demo", "2").await.unwrap();
    assert_eq!(store.meta("demo").await.unwrap().as_deref(), Some("2"));
    assert_eq!(store.meta_or_insert("key", "first").await.unwrap(), "first");
    assert_eq!(
        store.meta_or_insert("key", "second").await.unwrap(),
        "first"
    );
});

both_backends!(links_by_email_work_once, |db| async move {
    use tribune_store::{NewEmailToken, TokenPurpose};
    let store = &db.store;
    let ann = user(store, "Ann", "ann@example.org").await;
    assert!(!ann.email_verified);
    let hour = time::Duration::hours(1);
    let mail = tribune_domain::Mail {
        to: ann.email.clone(),
        subject: "Link".to_owned(),
        text: "Open it".to_owned(),
        ..Default::default()
    };
    let token = |hash: &'static str, purpose| NewEmailToken {
        token_hash: hash,
        purpose,
        user_id: ann.id,
        email: "ann@example.org",
        created_at: NOW,
        expires_at: NOW + hour,
    };
    store
        .issue_email_token(&token("v1", TokenPurpose::VerifyEmail), &mail)
        .await
        .unwrap();
    store
        .issue_email_token(&token("v2", TokenPurpose::VerifyEmail), &mail)
        .await
        .unwrap();
    store
        .issue_email_token(&token("r1", TokenPurpose::ResetPassword), &mail)
        .await
        .unwrap();
    assert_eq!(
        store.claim_mail(NOW, NOW + hour, 10).await.unwrap().len(),
        3,
        "each with its mail"
    );

    let peek = |hash, purpose, at| store.email_token_user(hash, purpose, at);
    assert_eq!(
        peek("v1", TokenPurpose::VerifyEmail, NOW)
            .await
            .unwrap()
            .map(|u| u.id),
        Some(ann.id)
    );
    assert_eq!(
        peek("v1", TokenPurpose::ResetPassword, NOW).await.unwrap(),
        None,
        "purposes differ"
    );
    assert_eq!(
        peek("v1", TokenPurpose::VerifyEmail, NOW + hour)
            .await
            .unwrap(),
        None,
        "expired"
    );

    assert_eq!(
        store.verify_email("v1", NOW + hour).await.unwrap(),
        None,
        "expired"
    );
    assert_eq!(store.verify_email("v1", NOW).await.unwrap(), Some(ann.id));
    assert!(store.user(ann.id).await.unwrap().unwrap().email_verified);
    assert_eq!(
        store.verify_email("v2", NOW).await.unwrap(),
        None,
        "the others are gone too"
    );

    store
        .insert_session("s1", ann.id, NOW, NOW + hour)
        .await
        .unwrap();
    assert_eq!(
        store
            .reset_password("r1", "$argon2id$new", NOW)
            .await
            .unwrap(),
        Some(ann.id)
    );
    assert_eq!(store.session("s1").await.unwrap(), None, "sessions end");
    let stored = store
        .user_by_email("ann@example.org")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.password_hash.as_deref(), Some("$argon2id$new"));
    assert_eq!(
        store
            .reset_password("r1", "$argon2id$again", NOW)
            .await
            .unwrap(),
        None,
        "once"
    );

    store
        .issue_email_token(&token("r2", TokenPurpose::ResetPassword), &mail)
        .await
        .unwrap();
    assert_eq!(store.sweep_email_tokens(NOW).await.unwrap(), 0);
    assert_eq!(store.sweep_email_tokens(NOW + 2 * hour).await.unwrap(), 1);
});

both_backends!(the_outbox_claims_each_message_once, |db| async move {
    let store = &db.store;
    let minute = time::Duration::minutes(1);
    let mail = |n: i64| tribune_domain::Mail {
        to: format!("r{n}@example.org"),
        subject: format!("Message {n}"),
        text: "Hello".to_owned(),
        html: (n == 0).then(|| "<p>Hello</p>".to_owned()),
        unsubscribe_url: (n == 0).then(|| "https://x.example/u".to_owned()),
    };
    let mut ids = Vec::new();
    for n in 0..3 {
        ids.push(store.enqueue_mail(&mail(n), NOW).await.unwrap());
    }
    assert!(
        store
            .claim_mail(NOW - minute, NOW + minute, 10)
            .await
            .unwrap()
            .is_empty(),
        "not due yet"
    );
    let first = store.claim_mail(NOW, NOW + minute, 2).await.unwrap();
    assert_eq!(first.iter().map(|m| m.id).collect::<Vec<_>>(), ids[..2]);
    assert_eq!(first[0].mail, mail(0));
    assert_eq!(first[0].attempts, 1);
    let second = store.claim_mail(NOW, NOW + minute, 10).await.unwrap();
    assert_eq!(
        second.iter().map(|m| m.id).collect::<Vec<_>>(),
        ids[2..],
        "leased ones skipped"
    );

    store.mark_mail_sent(ids[0], NOW).await.unwrap();
    store
        .mark_mail_failed(ids[1], "421 busy", Some(NOW + minute))
        .await
        .unwrap();
    store
        .mark_mail_failed(ids[2], "550 no such user", None)
        .await
        .unwrap();
    assert!(
        store
            .claim_mail(NOW, NOW + minute, 10)
            .await
            .unwrap()
            .is_empty()
    );
    // Due again after the backoff; a lease that ran out (a node died mid-send) also frees it.
    let retried = store
        .claim_mail(NOW + minute, NOW + 2 * minute, 10)
        .await
        .unwrap();
    assert_eq!(
        retried
            .iter()
            .map(|m| (m.id, m.attempts))
            .collect::<Vec<_>>(),
        [(ids[1], 2)]
    );
    let after_lease = store
        .claim_mail(NOW + 3 * minute, NOW + 4 * minute, 10)
        .await
        .unwrap();
    assert_eq!(
        after_lease
            .iter()
            .map(|m| (m.id, m.attempts))
            .collect::<Vec<_>>(),
        [(ids[1], 3)]
    );

    assert_eq!(store.sweep_sent_mail(NOW).await.unwrap(), 0);
    assert_eq!(
        store.sweep_sent_mail(NOW + minute).await.unwrap(),
        1,
        "only the sent one"
    );
});

both_backends!(feed_tokens_and_replies_and_mentions, |db| async move {
    let store = &db.store;
    let ann = user(store, "Ann", "ann@example.org").await;
    let bob = user(store, "Bob", "bob@example.org").await;
    store.set_feed_token(ann.id, "f1", NOW).await.unwrap();
    assert_eq!(store.feed_token_created(ann.id).await.unwrap(), Some(NOW));
    assert_eq!(
        store.feed_token_user("f1").await.unwrap().map(|u| u.id),
        Some(ann.id)
    );
    let later = NOW + time::Duration::MINUTE;
    store.set_feed_token(ann.id, "f2", later).await.unwrap();
    assert_eq!(store.feed_token_user("f1").await.unwrap(), None, "replaced");
    assert_eq!(
        store.feed_token_user("f2").await.unwrap().map(|u| u.id),
        Some(ann.id)
    );
    assert_eq!(store.feed_token_created(ann.id).await.unwrap(), Some(later));
    assert!(matches!(
        store.set_feed_token(bob.id, "f2", NOW).await,
        Err(Error::Conflict("token_hash"))
    ));
    assert!(store.delete_feed_token(ann.id).await.unwrap());
    assert!(!store.delete_feed_token(ann.id).await.unwrap());
    assert_eq!(store.feed_token_user("f2").await.unwrap(), None);
    assert_eq!(store.feed_token_created(ann.id).await.unwrap(), None);

    let article = store
        .insert_article(&draft("a", NOW), &BODY, NOW)
        .await
        .unwrap();
    let published = CommentStatus::Published;
    let mine = comment(store, article.id, ann.id, None, published, "mine").await;
    let reply = comment(store, article.id, bob.id, Some(&mine), published, "reply").await;
    comment(
        store,
        article.id,
        bob.id,
        Some(&mine),
        CommentStatus::Held,
        "held",
    )
    .await;
    comment(
        store,
        article.id,
        ann.id,
        Some(&mine),
        published,
        "own reply",
    )
    .await;
    comment(store, article.id, bob.id, None, published, "unrelated").await;
    let deleted = comment(store, article.id, bob.id, Some(&mine), published, "gone").await;
    store.delete_comment(deleted.id, NOW, None).await.unwrap();
    let mentions = [Mention {
        written: "@ann".to_owned(),
        user_id: ann.id,
        display_name: "Ann".to_owned(),
        start: 0,
        end: 4,
    }];
    let mut mentioned = Vec::new();
    for parent in [None, Some(&mine)] {
        let c = store
            .insert_comment(&NewComment {
                article_id: article.id,
                author_id: bob.id,
                parent: parent.map(|p| Parent {
                    id: p.id,
                    root_id: p.root_id,
                    depth: p.depth,
                }),
                body: Body {
                    markdown: "@ann look",
                    html: "<p>@ann look</p>",
                    mentions: &mentions,
                    quotes: &[],
                },
                status: published,
                screening: Screening::default(),
                created_at: NOW,
            })
            .await
            .unwrap();
        mentioned.push(c.id);
    }
    let found = store.replies_and_mentions(ann.id, 10).await.unwrap();
    let found_ids: Vec<i64> = found.iter().map(|f| f.comment.id).collect();
    assert_eq!(
        found_ids,
        [mentioned[1], mentioned[0], reply.id],
        "newest first, a reply that also mentions once; never held, deleted, own or unrelated"
    );
    assert_eq!(found[0].article_slug, "a");
    assert_eq!(found[0].comment.parent_author.as_deref(), Some("Ann"));
    assert_eq!(
        store.replies_and_mentions(ann.id, 1).await.unwrap().len(),
        1
    );
    assert!(
        store
            .replies_and_mentions(bob.id, 10)
            .await
            .unwrap()
            .is_empty()
    );
});

fn op(id: i64) -> tribune_store::AuditEntry {
    tribune_store::AuditEntry::operator(tribune_domain::moderation::Action::SetRole, "user", id)
}

/// An author's edit that keeps the comment published.
fn edit(body: Body<'_>, at: time::OffsetDateTime) -> Edit<'_> {
    Edit {
        body,
        status: CommentStatus::Published,
        screening: Screening::default(),
        edited_at: at,
        moderator_note: None,
        audit: None,
    }
}

both_backends!(every_visible_change_is_logged_in_order, |db| async move {
    use tribune_domain::live::Change;
    use tribune_domain::moderation::Action;

    let store = &db.store;
    let article = store
        .insert_article(&draft("live", NOW), &BODY, NOW)
        .await
        .unwrap();
    let ann = user(store, "Ann", "ann@example.org").await;
    let seen = |events: &[tribune_domain::live::DiscussionEvent]| {
        events.iter().map(|e| (e.seq, e.change)).collect::<Vec<_>>()
    };

    let published = comment(
        store,
        article.id,
        ann.id,
        None,
        CommentStatus::Published,
        "a",
    )
    .await;
    let held = comment(store, article.id, ann.id, None, CommentStatus::Held, "b").await;
    assert_eq!(
        seen(&store.discussion_events(article.id, 0, 100).await.unwrap()),
        [(1, Change::Created)],
        "a held comment is nobody else's business yet"
    );

    let approval = tribune_store::AuditEntry::operator(Action::Approve, "comment", held.id);
    store
        .decide(&held, CommentStatus::Published, None, &approval)
        .await
        .unwrap();
    let edited = || Body {
        markdown: "a, edited",
        html: "<p>a, edited</p>",
        mentions: &[],
        quotes: &[],
    };
    store
        .edit_comment(&published, &edit(edited(), NOW))
        .await
        .unwrap();
    store
        .edit_comment(&published, &edit(edited(), NOW))
        .await
        .unwrap();
    store.delete_comment(published.id, NOW, None).await.unwrap();
    // Reactions change no comment a reader sees.
    store.toggle_reaction(held.id, ann.id, NOW).await.unwrap();

    let events = store.discussion_events(article.id, 1, 100).await.unwrap();
    assert_eq!(
        seen(&events),
        [
            (2, Change::Approved),
            (3, Change::Edited),
            (4, Change::Removed)
        ],
        "an edit that changes nothing is no event"
    );
    assert_eq!(events[0].comment_id, held.id);
    assert_eq!(events[2].comment_id, published.id);
    assert_eq!(
        store
            .article_by_id(article.id)
            .await
            .unwrap()
            .unwrap()
            .last_event,
        4
    );
    assert_eq!(
        store
            .discussion_events(article.id, 2, 1)
            .await
            .unwrap()
            .len(),
        1
    );

    assert_eq!(
        store
            .sweep_discussion_events(OffsetDateTime::now_utc() + time::Duration::minutes(1))
            .await
            .unwrap(),
        4
    );
    assert!(
        store
            .discussion_events(article.id, 0, 100)
            .await
            .unwrap()
            .is_empty()
    );
});

both_backends!(
    notifications_are_written_once_from_the_logs,
    |db| async move {
        use tribune_domain::moderation::Action;
        use tribune_domain::notification::{EmailPreference, NotificationKind};

        let store = &db.store;
        let grace = time::Duration::minutes(2);
        let pass = |source| store.notify_from(source, NOW, 100, grace);
        let article = store
            .insert_article(&draft("notify", NOW), &BODY, NOW)
            .await
            .unwrap();
        let ann = user(store, "Ann", "ann@example.org").await;
        let bob = user(store, "Bob", "bob@example.org").await;
        let cid = user(store, "Cid", "cid@example.org").await;
        let first = comment(
            store,
            article.id,
            ann.id,
            None,
            CommentStatus::Published,
            "Hi",
        )
        .await;
        let text = "@Cid and Ann: no.";
        let mentions = [
            Mention {
                written: "@Cid".to_owned(),
                user_id: cid.id,
                display_name: "Cid".to_owned(),
                start: 0,
                end: 4,
            },
            Mention {
                written: "Ann".to_owned(),
                user_id: ann.id,
                display_name: "Ann".to_owned(),
                start: 9,
                end: 12,
            },
        ];
        let reply = store
            .insert_comment(&NewComment {
                article_id: article.id,
                author_id: bob.id,
                parent: Some(Parent {
                    id: first.id,
                    root_id: first.root_id,
                    depth: first.depth,
                }),
                body: Body {
                    markdown: text,
                    html: "<p>x</p>",
                    mentions: &mentions,
                    quotes: &[],
                },
                status: CommentStatus::Published,
                screening: Screening::default(),
                created_at: NOW,
            })
            .await
            .unwrap();
        // Bob answers himself: nobody is told.
        comment(
            store,
            article.id,
            bob.id,
            Some(&reply),
            CommentStatus::Published,
            "Me",
        )
        .await;

        let written = pass(NotificationSource::DiscussionEvents).await.unwrap();
        assert_eq!(
            written.notified, 2,
            "a reply for Ann (not also a mention), a mention for Cid"
        );
        assert!(!written.more);
        assert_eq!(
            pass(NotificationSource::DiscussionEvents)
                .await
                .unwrap()
                .notified,
            0
        );

        let inbox = store.notifications(ann.id, 0, 10).await.unwrap();
        assert_eq!(inbox.len(), 1);
        let note = &inbox[0];
        assert_eq!(note.kind, NotificationKind::Reply);
        assert_eq!(note.comment_id, reply.id);
        assert_eq!(note.actor_name.as_deref(), Some("Bob"));
        assert_eq!(note.body_markdown, text);
        assert_eq!(note.article_slug, "notify");
        assert!(!note.gone);
        assert_eq!(note.read_at, None);
        assert_eq!(
            store.notification(note.id).await.unwrap().as_ref(),
            Some(note)
        );
        assert_eq!(
            store.notifications(cid.id, 0, 10).await.unwrap()[0].kind,
            NotificationKind::Mention
        );
        assert_eq!(store.unread_notifications(ann.id).await.unwrap(), 1);
        store.mark_notification_read(note.id, NOW).await.unwrap();
        assert_eq!(store.unread_notifications(ann.id).await.unwrap(), 0);
        assert_eq!(
            store
                .mark_all_notifications_read(cid.id, NOW)
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            store
                .mark_all_notifications_read(cid.id, NOW)
                .await
                .unwrap(),
            0
        );

        // Deleted: gone at once, withdrawn by the next pass.
        store.delete_comment(reply.id, NOW, None).await.unwrap();
        assert!(store.notifications(ann.id, 0, 10).await.unwrap()[0].gone);
        assert_eq!(
            store.notifications(ann.id, 0, 10).await.unwrap()[0].body_markdown,
            ""
        );
        pass(NotificationSource::DiscussionEvents).await.unwrap();
        assert!(store.notifications(ann.id, 0, 10).await.unwrap().is_empty());
        assert!(store.notifications(cid.id, 0, 10).await.unwrap().is_empty());

        // A moderator's rejection tells the author, with the reason; once.
        let entry = tribune_store::AuditEntry {
            actor_id: Some(cid.id),
            reason: "Too short.".to_owned(),
            before: serde_json::json!({"status": "published"}),
            after: serde_json::json!({"status": "rejected"}),
            ..tribune_store::AuditEntry::operator(Action::Reject, "comment", first.id)
        };
        store
            .decide(&first, CommentStatus::Rejected, Some("Too short."), &entry)
            .await
            .unwrap();
        assert_eq!(
            pass(NotificationSource::ModerationLog)
                .await
                .unwrap()
                .notified,
            1
        );
        assert_eq!(
            pass(NotificationSource::ModerationLog)
                .await
                .unwrap()
                .notified,
            0
        );
        let inbox = store.notifications(ann.id, 0, 10).await.unwrap();
        assert_eq!(inbox.len(), 1);
        assert_eq!(inbox[0].kind, NotificationKind::Rejected);
        assert_eq!(inbox[0].note, "Too short.");
        assert!(!inbox[0].gone, "authors still see their rejected comment");

        assert_eq!(
            store.email_preference(ann.id).await.unwrap(),
            EmailPreference::Immediately
        );
        store
            .set_email_preference(ann.id, EmailPreference::Never)
            .await
            .unwrap();
        assert_eq!(
            store.email_preference(ann.id).await.unwrap(),
            EmailPreference::Never
        );
        assert!(matches!(
            store
                .set_email_preference(9999, EmailPreference::Daily)
                .await,
            Err(Error::NotFound)
        ));
    }
);

both_backends!(notification_mail_is_claimed_once, |db| async move {
    use tribune_domain::Mail;
    use tribune_domain::notification::EmailPreference;

    let store = &db.store;
    let article = store
        .insert_article(&draft("mail", NOW), &BODY, NOW)
        .await
        .unwrap();
    let ann = user(store, "Ann", "ann@example.org").await;
    let bob = user(store, "Bob", "bob@example.org").await;
    let first = comment(
        store,
        article.id,
        ann.id,
        None,
        CommentStatus::Published,
        "Hi",
    )
    .await;
    let reply = |text: &'static str| {
        comment(
            store,
            article.id,
            bob.id,
            Some(&first),
            CommentStatus::Published,
            text,
        )
    };
    let pass = || {
        store.notify_from(
            NotificationSource::DiscussionEvents,
            NOW,
            100,
            time::Duration::minutes(2),
        )
    };
    let compose = |recipient: &tribune_store::MailRecipient,
                   items: &[tribune_store::Notification]| {
        Some(Mail {
            to: recipient.email.clone(),
            subject: format!("{} for {}", items.len(), recipient.display_name),
            text: items[0].body_markdown.clone(),
            ..Mail::default()
        })
    };
    let outbox = || {
        store.claim_mail(
            NOW + time::Duration::days(9),
            NOW + time::Duration::days(10),
            50,
        )
    };

    // Nothing is mailed to an address its owner has not confirmed.
    reply("Zero").await;
    pass().await.unwrap();
    assert!(store.immediate_mail(10).await.unwrap().is_empty());
    assert_eq!(store.skip_unwanted_mail(false).await.unwrap(), 1);
    let verification = tribune_store::NewEmailToken {
        token_hash: "verify-ann",
        purpose: tribune_store::TokenPurpose::VerifyEmail,
        user_id: ann.id,
        email: "ann@example.org",
        created_at: NOW,
        expires_at: NOW + time::Duration::days(1),
    };
    store
        .issue_email_token(&verification, &Mail::default())
        .await
        .unwrap();
    assert_eq!(
        store.verify_email("verify-ann", NOW).await.unwrap(),
        Some(ann.id)
    );
    assert_eq!(outbox().await.unwrap().len(), 1, "the verification mail");

    reply("One").await;
    pass().await.unwrap();
    assert!(store.mail_pending().await.unwrap());
    let pending = store.immediate_mail(10).await.unwrap();
    assert_eq!(pending.len(), 1);
    let (id, recipient) = pending[0];
    assert_eq!(recipient, ann.id);
    assert!(
        store
            .mail_notifications(MailClaim::One(id), NOW, compose)
            .await
            .unwrap()
    );
    assert!(
        !store
            .mail_notifications(MailClaim::One(id), NOW, compose)
            .await
            .unwrap()
    );
    assert!(store.immediate_mail(10).await.unwrap().is_empty());
    let sent = outbox().await.unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].mail.to, "ann@example.org");
    assert_eq!(sent[0].mail.subject, "1 for Ann");
    assert_eq!(sent[0].mail.text, "One");

    // A digest gathers what arrived before its moment, once.
    store
        .set_email_preference(ann.id, EmailPreference::Daily)
        .await
        .unwrap();
    reply("Two").await;
    reply("Three").await;
    pass().await.unwrap();
    assert!(store.immediate_mail(10).await.unwrap().is_empty());
    assert!(
        store.digests_due(NOW, 10).await.unwrap().is_empty(),
        "not before they came"
    );
    let moment = NOW + time::Duration::hours(1);
    assert_eq!(store.digests_due(moment, 10).await.unwrap(), [ann.id]);
    let digest = MailClaim::Digest {
        recipient_id: ann.id,
        moment,
    };
    assert!(
        store
            .mail_notifications(digest, NOW, compose)
            .await
            .unwrap()
    );
    assert!(
        !store
            .mail_notifications(digest, NOW, compose)
            .await
            .unwrap()
    );
    assert!(store.digests_due(moment, 10).await.unwrap().is_empty());
    let sent = outbox().await.unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].mail.subject, "2 for Ann");

    // Readers who want no mail have theirs skipped, never sent later.
    store
        .set_email_preference(ann.id, EmailPreference::Never)
        .await
        .unwrap();
    reply("Four").await;
    pass().await.unwrap();
    assert_eq!(store.skip_unwanted_mail(false).await.unwrap(), 1);
    store
        .set_email_preference(ann.id, EmailPreference::Immediately)
        .await
        .unwrap();
    assert!(store.immediate_mail(10).await.unwrap().is_empty());
    assert!(outbox().await.unwrap().is_empty());
    assert!(!store.mail_pending().await.unwrap());
});

both_backends!(
    newsroom_feeds_are_leased_and_remember_items,
    |db| async move {
        let store = &db.store;
        let minute = time::Duration::MINUTE;
        let feed = store
            .insert_newsroom_feed("https://news.example/rss.xml", NOW, NOW + minute)
            .await
            .unwrap();
        assert_eq!(feed.url, "https://news.example/rss.xml");
        assert_eq!((feed.added_at, feed.next_poll_at), (NOW, NOW));
        assert_eq!(
            (feed.failures, feed.articles_opened, feed.title.as_str()),
            (0, 0, "")
        );
        assert!(matches!(
            store
                .insert_newsroom_feed("https://news.example/rss.xml", NOW, NOW)
                .await,
            Err(Error::Conflict("url"))
        ));
        let other = store
            .insert_newsroom_feed("https://news.example/atom.xml", NOW, NOW)
            .await
            .unwrap();

        // The first is leased by its adding; the second is due and free.
        let claimed = store
            .claim_newsroom_feeds(NOW, NOW + minute, 10)
            .await
            .unwrap();
        assert_eq!(claimed.iter().map(|f| f.id).collect::<Vec<_>>(), [other.id]);
        assert!(
            store
                .claim_newsroom_feeds(NOW, NOW + minute, 10)
                .await
                .unwrap()
                .is_empty(),
            "both leased"
        );
        assert_eq!(
            store
                .claim_newsroom_feed(feed.id, NOW, NOW + minute)
                .await
                .unwrap(),
            None,
            "poll now waits for the lease too"
        );
        assert_eq!(
            store
                .claim_newsroom_feeds(NOW + minute, NOW + 2 * minute, 10)
                .await
                .unwrap()
                .len(),
            2,
            "an expired lease frees the feed"
        );

        store
            .newsroom_feed_polled(
                feed.id,
                &FeedPolled {
                    polled_at: NOW,
                    next_poll_at: NOW + 10 * minute,
                    title: "The Courier",
                    etag: Some("\"v1\""),
                    last_modified: Some("Wed, 25 Nov 2026 10:00:00 GMT"),
                    opened: 3,
                    skipped: 1,
                    last_skip: Some("no link"),
                },
            )
            .await
            .unwrap();
        let polled = store.newsroom_feed(feed.id).await.unwrap().unwrap();
        assert_eq!(polled.title, "The Courier");
        assert_eq!(polled.etag.as_deref(), Some("\"v1\""));
        assert_eq!(
            polled.last_modified.as_deref(),
            Some("Wed, 25 Nov 2026 10:00:00 GMT")
        );
        assert_eq!((polled.articles_opened, polled.items_skipped), (3, 1));
        assert_eq!(polled.last_skip.as_deref(), Some("no link"));
        assert_eq!(polled.last_success_at, Some(NOW));
        assert_eq!(polled.next_poll_at, NOW + 10 * minute);
        assert_eq!(
            store
                .claim_newsroom_feed(feed.id, NOW, NOW + minute)
                .await
                .unwrap()
                .map(|f| f.id),
            Some(feed.id),
            "released: poll now may take it before it is due"
        );

        store
            .newsroom_feed_failed(feed.id, "HTTP 500", NOW, NOW + 20 * minute)
            .await
            .unwrap();
        let failed = store
            .newsroom_feed_by_url(&feed.url)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (failed.failures, failed.last_error.as_deref()),
            (1, Some("HTTP 500"))
        );
        assert_eq!(
            failed.last_success_at,
            Some(NOW),
            "the last success is kept"
        );
        assert_eq!(failed.articles_opened, 3);

        // Items, under either key.
        let article = store
            .insert_article(&draft("courier-story", NOW), &BODY, NOW)
            .await
            .unwrap();
        let keys = ["id:guid-1", "url:https://news.example/a"];
        assert!(!store.newsroom_item_seen(feed.id, &keys).await.unwrap());
        store
            .record_newsroom_item(feed.id, &keys, article.id, NOW)
            .await
            .unwrap();
        store
            .record_newsroom_item(feed.id, &keys, article.id, NOW)
            .await
            .unwrap();
        for seen in [
            ["id:guid-1", "url:https://news.example/other"],
            ["id:guid-2", "url:https://news.example/a"],
        ] {
            assert!(
                store.newsroom_item_seen(feed.id, &seen).await.unwrap(),
                "{seen:?}"
            );
        }
        assert!(
            !store.newsroom_item_seen(other.id, &keys).await.unwrap(),
            "items belong to their feed"
        );

        assert_eq!(
            store
                .newsroom_feeds()
                .await
                .unwrap()
                .iter()
                .map(|f| f.id)
                .collect::<Vec<_>>(),
            [feed.id, other.id]
        );
        assert!(store.delete_newsroom_feed(feed.id).await.unwrap());
        assert!(!store.delete_newsroom_feed(feed.id).await.unwrap());
        assert!(
            !store.newsroom_item_seen(feed.id, &keys).await.unwrap(),
            "items forgotten"
        );
        assert!(
            store.article_by_id(article.id).await.unwrap().is_some(),
            "articles stay"
        );
    }
);

both_backends!(
    an_import_is_one_transaction_and_remembers_its_records,
    |db| async move {
        let store = &db.store;
        let new_comment = |article_id, author_id, parent, status| NewComment {
            article_id,
            author_id,
            parent,
            body: Body {
                markdown: "Imported",
                html: "<p>Imported</p>",
                mentions: &[],
                quotes: &[],
            },
            status,
            screening: Screening::default(),
            created_at: NOW,
        };

        // Dropped without a commit: nothing of it stays.
        let mut import = store.begin_import().await.unwrap();
        let article = import
            .insert_article(&draft("imp", NOW), &BODY, NOW)
            .await
            .unwrap();
        import
            .remember("disqus", "thread", "t1", Some(article.id))
            .await
            .unwrap();
        drop(import);
        assert_eq!(store.count_articles().await.unwrap(), 0);

        let mut import = store.begin_import().await.unwrap();
        assert_eq!(
            import.imported("disqus", "thread", "t1").await.unwrap(),
            None
        );
        let article = import
            .insert_article(&draft("imp", NOW), &BODY, NOW)
            .await
            .unwrap();
        // A taken slug is a conflict, and the import goes on (a savepoint).
        let taken = import.insert_article(&draft("imp", NOW), &BODY, NOW).await;
        assert!(matches!(taken, Err(Error::Conflict("slug"))), "{taken:?}");
        assert_eq!(
            import.article_by_url("").await.unwrap().map(|a| a.id),
            None,
            "empty addresses are nobody's"
        );
        import
            .remember("disqus", "thread", "t1", Some(article.id))
            .await
            .unwrap();
        import
            .remember("disqus", "thread", "t2", None)
            .await
            .unwrap();
        let ann = import
            .unclaimed_profile(&NewUnclaimed {
                key: "k-ann",
                display_name: "Ann",
                email_hash: Some("h"),
                website: None,
                created_at: NOW,
            })
            .await
            .unwrap();
        let root = import
            .insert_comment(
                &new_comment(article.id, ann.id, None, CommentStatus::Published),
                None,
            )
            .await
            .unwrap();
        let parent = import.parent(root).await.unwrap().unwrap();
        assert_eq!((parent.root_id, parent.depth), (root, 0));
        let reply = import
            .insert_comment(
                &new_comment(article.id, ann.id, Some(parent), CommentStatus::Published),
                Some(NOW),
            )
            .await
            .unwrap();
        import
            .insert_comment(
                &new_comment(article.id, ann.id, None, CommentStatus::Held),
                None,
            )
            .await
            .unwrap();
        import
            .remember("disqus", "comment", "c1", Some(root))
            .await
            .unwrap();
        import.commit().await.unwrap();

        let mut import = store.begin_import().await.unwrap();
        assert_eq!(
            import.imported("disqus", "thread", "t1").await.unwrap(),
            Some(Some(article.id))
        );
        assert_eq!(
            import.imported("disqus", "thread", "t2").await.unwrap(),
            Some(None)
        );
        assert_eq!(
            import.imported("wordpress", "thread", "t1").await.unwrap(),
            None
        );
        // Remembering again keeps the first.
        import
            .remember("disqus", "comment", "c1", None)
            .await
            .unwrap();
        assert_eq!(
            import.imported("disqus", "comment", "c1").await.unwrap(),
            Some(Some(root))
        );
        import.commit().await.unwrap();

        // Counted: the published one; not the deleted reply nor the held one.
        let article = store.article_by_id(article.id).await.unwrap().unwrap();
        assert_eq!(article.comment_count, 1);
        let reply = store.comment(reply).await.unwrap().unwrap();
        assert!(reply.deleted);
        assert_eq!((reply.root_id, reply.depth), (root, 1));
        assert_eq!(store.count_comments().await.unwrap(), 3);
    }
);

both_backends!(
    the_site_is_read_in_key_order_and_written_whole,
    |db| async move {
        use tribune_store::site_export::{MetaKeys, NOT_COPIED, TABLES, Value, table_for_record};
        let store = &db.store;

        // Every table and column of the schema is either copied or left out on purpose.
        let schema = store.schema_columns().await.unwrap();
        for column in &schema {
            let (table, name) = column.split_once('.').unwrap();
            let known = TABLES
                .iter()
                .any(|t| t.name == table && t.column(name).is_some())
                || NOT_COPIED
                    .iter()
                    .any(|(left, _)| *left == table || left == column);
            assert!(known, "{column} is neither exported nor in NOT_COPIED");
        }
        for table in TABLES {
            for c in table.columns {
                let name = format!("{}.{}", table.name, c.name);
                assert!(schema.contains(&name), "{name} is not in the schema");
            }
        }

        // Text keys sort byte-wise on both backends, pages continue after their last key.
        for key in ["b", "B", "_x", "a", "demo_loaded"] {
            store.set_meta(key, "1").await.unwrap();
        }
        let site_meta = table_for_record("site_meta").unwrap();
        let mut reader = store.read_site().await.unwrap();
        let first = reader
            .page(site_meta, None, MetaKeys::All, 2)
            .await
            .unwrap();
        let rest = reader
            .page(site_meta, first.last(), MetaKeys::All, 10)
            .await
            .unwrap();
        let keys: Vec<Value> = first
            .iter()
            .chain(&rest)
            .map(|r| r.values[0].clone())
            .collect();
        let text = |s: &str| Value::Text(s.to_owned());
        assert_eq!(
            keys,
            [
                text("B"),
                text("_x"),
                text("a"),
                text("b"),
                text("demo_loaded")
            ]
        );
        let only = reader
            .page(site_meta, None, MetaKeys::Only(&["a", "zzz"]), 10)
            .await
            .unwrap();
        assert_eq!(only.len(), 1, "only the keys asked for");
        reader.finish().await.unwrap();

        // A site with rows is occupied; an empty one takes rows with their ids, and new rows
        // get ids after them (PostgreSQL's sequences are moved).
        let users = table_for_record("user").unwrap();
        let mut writer = store.write_site().await.unwrap();
        assert_eq!(
            writer
                .occupied(&[users, site_meta], MetaKeys::All)
                .await
                .unwrap(),
            Some("site_meta")
        );
        assert_eq!(
            writer
                .occupied(&[users, site_meta], MetaKeys::Only(&["zzz"]))
                .await
                .unwrap(),
            None
        );
        let mut values = vec![Value::Null; users.columns.len()];
        let set = |values: &mut Vec<Value>, name: &str, value: Value| {
            values[users.column(name).unwrap()] = value;
        };
        set(&mut values, "id", Value::Int(50));
        set(&mut values, "email", text("imported@example.org"));
        set(&mut values, "display_name", text("Imported"));
        set(&mut values, "name_key", text("imported"));
        set(&mut values, "role", text("reader"));
        set(&mut values, "created_at", Value::Int(1));
        set(&mut values, "notify_email", text("never"));
        writer
            .insert(&tribune_store::site_export::Record {
                table: users,
                values,
            })
            .await
            .unwrap();
        writer.finish().await.unwrap();
        let imported = store.user(50).await.unwrap().unwrap();
        assert_eq!(imported.display_name, "Imported");
        let next = user(store, "Next", "next@example.org").await;
        assert_eq!(next.id, 51);

        // The online backup: SQLite only, never over a file.
        let path = std::env::temp_dir().join(format!("tribune_backup_{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let name = path.to_str().unwrap();
        match store.backend() {
            "sqlite" => {
                assert!(store.backup_sqlite_into(name).await.unwrap());
                assert!(
                    store.backup_sqlite_into(name).await.is_err(),
                    "not over a file"
                );
                let copy = Store::connect(&format!("sqlite://{name}")).await.unwrap();
                assert_eq!(
                    copy.sqlite_integrity_check().await.unwrap().as_deref(),
                    Some("ok")
                );
                assert!(copy.user(50).await.unwrap().is_some());
                copy.close().await;
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{name}{suffix}"));
                }
            }
            _ => {
                assert!(!store.backup_sqlite_into(name).await.unwrap());
                assert!(!path.exists());
            }
        }
    }
);

both_backends!(
    comments_written_together_are_each_acknowledged,
    |db| async move {
        let store = &db.store;
        let article = store
            .insert_article(&draft("a", NOW), &BODY, NOW)
            .await
            .unwrap();
        let ann = user(store, "Ann", "ann@example.org").await;
        // Many at once, so that the writer takes them in groups; one answers a comment
        // that does not exist and must fail alone.
        let writes = (0..64).map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                let text = format!("comment {i}");
                store
                    .insert_comment(&NewComment {
                        article_id: article.id,
                        author_id: ann.id,
                        parent: (i == 31).then_some(Parent {
                            id: 999_999,
                            root_id: 999_999,
                            depth: 0,
                        }),
                        body: Body {
                            markdown: &text,
                            html: &format!("<p>{text}</p>"),
                            mentions: &[],
                            quotes: &[],
                        },
                        status: CommentStatus::Published,
                        screening: Screening::default(),
                        created_at: NOW,
                    })
                    .await
            })
        });
        let mut written = Vec::new();
        let mut failed = 0;
        for write in writes.collect::<Vec<_>>() {
            match write.await.unwrap() {
                Ok(comment) => written.push(comment),
                Err(_) => failed += 1,
            }
        }
        assert_eq!((written.len(), failed), (63, 1));
        let mut ids: Vec<i64> = written.iter().map(|c| c.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 63, "every acknowledged comment has its own row");
        let article = store.article_by_id(article.id).await.unwrap().unwrap();
        assert_eq!(
            article.comment_count, 63,
            "the failed write left no count behind"
        );
        let page = store
            .comments(article.id, None, None, CommentSort::Oldest, 100)
            .await
            .unwrap();
        assert_eq!(page.len(), 63);
        // Closing closes every connection, the writer's too: on SQLite the last one folds
        // the WAL into the database file, and a store opened afresh finds every comment.
        store.close().await;
        if let Some(path) = db.url.strip_prefix("sqlite://") {
            let wal = std::path::PathBuf::from(format!("{path}-wal"));
            assert!(!wal.exists(), "{} is left behind", wal.display());
        }
        let reopened = Store::connect(&db.url).await.unwrap();
        assert_eq!(reopened.count_comments().await.unwrap(), 63);
        reopened.close().await;
    }
);

both_backends!(
    two_nodes_writing_under_the_same_articles_lose_no_comment,
    |db| async move {
        // Two stores on one database are two nodes, each with its writer. Their groups hold
        // comments under several articles at once, posted in opposite orders: each group
        // locks its articles' rows in the same order (by id), so neither waits for the
        // other in a circle (on PostgreSQL, a deadlock would fail a whole group).
        let store = &db.store;
        let other = Store::connect(&db.url).await.unwrap();
        let mut articles = Vec::new();
        for slug in ["a", "b", "c"] {
            articles.push(
                store
                    .insert_article(&draft(slug, NOW), &BODY, NOW)
                    .await
                    .unwrap()
                    .id,
            );
        }
        let ann = user(store, "Ann", "ann@example.org").await;
        let writes = (0..120).map(|i| {
            let node = if i % 2 == 0 {
                store.clone()
            } else {
                other.clone()
            };
            let article_id = if i % 2 == 0 {
                articles[i % 3]
            } else {
                articles[2 - i % 3]
            };
            tokio::spawn(async move {
                let text = format!("comment {i}");
                comment(
                    &node,
                    article_id,
                    ann.id,
                    None,
                    CommentStatus::Published,
                    &text,
                )
                .await
                .article_id
            })
        });
        let mut written = std::collections::HashMap::<i64, i64>::new();
        for write in writes.collect::<Vec<_>>() {
            let article_id = write.await.expect("every comment is written");
            *written.entry(article_id).or_default() += 1;
        }
        for id in articles {
            let article = store.article_by_id(id).await.unwrap().unwrap();
            assert_eq!(article.comment_count, 40);
            assert_eq!(written[&id], 40);
        }
        other.close().await;
    }
);

/// A database server may drop its connections (a restart, an administrator): the comment
/// writer's own is replaced before its next group, as the pool replaces the others.
#[tokio::test]
async fn a_comment_is_written_after_the_database_server_dropped_the_writers_connection() {
    let db = tribune_store::testing::TestDb::new(tribune_store::testing::Backend::Postgres)
        .await
        .expect("a fresh PostgreSQL schema (is the server at TRIBUNE_TEST_POSTGRES running?)");
    // A store of its own, under a name of its own: only its connections are dropped, not
    // those of the tests running beside it on the same server.
    let name = format!("tribune-conformance-{}", std::process::id());
    let store = Store::connect(&format!("{}&application_name={name}", db.url))
        .await
        .unwrap();
    let article = store
        .insert_article(&draft("a", NOW), &BODY, NOW)
        .await
        .unwrap();
    let ann = user(&store, "Ann", "ann@example.org").await;
    let first = comment(
        &store,
        article.id,
        ann.id,
        None,
        CommentStatus::Published,
        "one",
    )
    .await;
    let Store::Postgres(admin, ..) = &db.store else {
        unreachable!("a PostgreSQL test database")
    };
    let dropped: Vec<bool> = sqlx::query_scalar(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
    )
    .bind(&name)
    .fetch_all(admin)
    .await
    .unwrap();
    assert!(dropped.len() >= 2, "the pool's connection and the writer's");
    let second = comment(
        &store,
        article.id,
        ann.id,
        None,
        CommentStatus::Published,
        "two",
    )
    .await;
    assert!(second.id > first.id);
    let article = store.article_by_id(article.id).await.unwrap().unwrap();
    assert_eq!(article.comment_count, 2);
    store.close().await;
}

both_backends!(generated_sites_are_ordinary_sites, |db| async move {
    let store = &db.store;
    let template = store
        .insert_article(&draft("story-0", NOW), &BODY, NOW)
        .await
        .unwrap();
    let ann = user(store, "Ann", "ann@example.org").await;
    let bob = user(store, "Bob", "bob@example.org").await;
    let bodies = vec![
        ("one".to_owned(), "<p>one</p>".to_owned()),
        ("two".to_owned(), "<p>two</p>".to_owned()),
        ("three".to_owned(), "<p>three</p>".to_owned()),
    ];
    let written = store
        .generate_discussions(&tribune_store::GeneratedSite {
            template_article_id: template.id,
            prefix: "story",
            articles: 5,
            comments_per_article: 10,
            bodies: &bodies,
            author_ids: &[ann.id, bob.id],
        })
        .await
        .unwrap();
    assert_eq!(written, 50);
    // Searchable as soon as they are there: one body in three says "three".
    let found = store.search_comments("three", 100).await.unwrap();
    assert_eq!(found.len(), 16);
    assert!(found.iter().all(|e| e.comment.body_markdown == "three"));
    for i in 0..5 {
        let article = store.article(&format!("story-{i}")).await.unwrap().unwrap();
        assert_eq!(article.comment_count, 10);
        let threads = store
            .threads(article.id, None, None, CommentSort::Oldest, 100)
            .await
            .unwrap();
        assert_eq!(threads.len(), 10);
        let roots = threads.iter().filter(|c| c.parent_id.is_none()).count();
        assert_eq!(roots, 3, "every fourth comment opens a thread");
        for reply in threads.iter().filter(|c| c.parent_id.is_some()) {
            assert_eq!(reply.parent_id, Some(reply.root_id));
            assert_eq!(reply.depth, 1);
        }
        // Live readers replay every generated comment, numbered in the order written.
        let events = store.discussion_events(article.id, 0, 100).await.unwrap();
        let replayed: Vec<(i64, i64)> = events.iter().map(|e| (e.seq, e.comment_id)).collect();
        let expected: Vec<(i64, i64)> = (1..).zip(threads.iter().map(|c| c.id)).collect();
        assert_eq!(replayed, expected);
    }
    let notified = || async {
        store
            .notify_from(
                NotificationSource::DiscussionEvents,
                NOW,
                100,
                time::Duration::minutes(2),
            )
            .await
            .unwrap()
            .notified
    };
    // Generated history notifies nobody of its replies.
    assert_eq!(notified().await, 0);
    // New comments take ids after the generated ones, on both backends, and do notify.
    let root = store
        .threads(template.id, None, None, CommentSort::Oldest, 1)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(root.author_id, ann.id);
    let next = comment(
        store,
        template.id,
        bob.id,
        Some(&root),
        CommentStatus::Published,
        "x",
    )
    .await;
    assert!(next.id > 50);
    assert_eq!(notified().await, 1, "Ann hears of Bob's reply");
    // The event log's trigger is on again, and numbers after the generated events.
    let latest = store.discussion_events(template.id, 10, 10).await.unwrap();
    assert_eq!(
        latest
            .iter()
            .map(|e| (e.seq, e.comment_id))
            .collect::<Vec<_>>(),
        [(11, next.id)]
    );
});

both_backends!(recent_fingerprints_come_newest_first, |db| async move {
    let store = &db.store;
    let article = store
        .insert_article(&draft("a", NOW), &BODY, NOW)
        .await
        .unwrap();
    let ann = user(store, "Ann", "ann@example.org").await;
    let texts = ["first of three", "second of three", "third of three"];
    let mut ids = Vec::new();
    for (i, text) in (0_i64..).zip(texts) {
        let at = NOW + time::Duration::seconds(i);
        ids.push(
            screened_comment(store, article.id, ann.id, text, None, at)
                .await
                .id,
        );
    }
    // One without a fingerprint (imported, generated) is not among them.
    let plain = comment(
        store,
        article.id,
        ann.id,
        None,
        CommentStatus::Published,
        "plain",
    )
    .await;
    let simhash = |text| tribune_assess::fingerprint(text).simhash_i64();
    let recent = |since, fingerprints, fingerprints_after| async move {
        let history = store
            .posting_history(&PostingQuery {
                author_id: ann.id,
                address_hash: None,
                exact_hash: 0,
                since,
                counted_up_to: 100,
                fingerprints,
                fingerprints_after,
            })
            .await
            .unwrap();
        let listed: Vec<(i64, i64)> = history
            .recent_fingerprints
            .iter()
            .map(|f| (f.comment_id, f.simhash))
            .collect();
        (listed, history.newest_comment_id)
    };
    let minute_ago = NOW - time::Duration::minutes(1);
    assert_eq!(
        recent(minute_ago, 2, None).await,
        (
            vec![(ids[2], simhash(texts[2])), (ids[1], simhash(texts[1]))],
            plain.id
        )
    );
    assert_eq!(
        recent(minute_ago, 10, Some(ids[0])).await.0,
        [(ids[2], simhash(texts[2])), (ids[1], simhash(texts[1]))],
        "after a comment: only those written since"
    );
    assert_eq!(recent(minute_ago, 10, Some(plain.id)).await.0, []);
    assert!(
        recent(NOW + time::Duration::minutes(1), 10, None)
            .await
            .0
            .is_empty()
    );
});

both_backends!(posting_history_keeps_each_authors_record, |db| async move {
    let store = &db.store;
    let article = store
        .insert_article(&draft("a", NOW), &BODY, NOW)
        .await
        .unwrap();
    let ann = user(store, "Ann", "ann@example.org").await;
    let bob = user(store, "Bob", "bob@example.org").await;
    for (author, status) in [
        (ann.id, CommentStatus::Published),
        (ann.id, CommentStatus::Published),
        (ann.id, CommentStatus::Rejected),
        (ann.id, CommentStatus::Held),
        (bob.id, CommentStatus::Rejected),
        (bob.id, CommentStatus::Rejected),
        (bob.id, CommentStatus::Published),
    ] {
        comment(store, article.id, author, None, status, "a view").await;
    }
    let record = |author_id| async move {
        let history = store
            .posting_history(&PostingQuery {
                author_id,
                address_hash: None,
                exact_hash: 0,
                since: NOW - time::Duration::minutes(10),
                counted_up_to: 100,
                fingerprints: 10,
                fingerprints_after: None,
            })
            .await
            .unwrap();
        (history.published, history.rejected)
    };
    // Held comments are neither; nobody's record counts another's comments.
    assert_eq!(record(ann.id).await, (2, 1));
    assert_eq!(record(bob.id).await, (1, 2));
    assert_eq!(record(bob.id + 1).await, (0, 0), "no comments yet");
});

both_backends!(
    posting_history_counts_recent_comments_up_to_a_limit,
    |db| async move {
        let store = &db.store;
        let article = store
            .insert_article(&draft("a", NOW), &BODY, NOW)
            .await
            .unwrap();
        let ann = user(store, "Ann", "ann@example.org").await;
        let bob = user(store, "Bob", "bob@example.org").await;
        let text = "the same words from the same office";
        let exact = tribune_assess::fingerprint(text).exact_i64();
        // An hour ago one of Ann's; then five from one address, three of them Ann's.
        for (i, (author, minutes_ago)) in [
            (ann.id, 60),
            (ann.id, 3),
            (ann.id, 2),
            (ann.id, 1),
            (bob.id, 1),
            (bob.id, 0),
        ]
        .into_iter()
        .enumerate()
        {
            let address = (i > 0).then_some("office");
            let at = NOW - time::Duration::minutes(minutes_ago);
            screened_comment(store, article.id, author, text, address, at).await;
        }
        let since = NOW - time::Duration::minutes(10);
        let history = |counted_up_to| async move {
            store
                .posting_history(&PostingQuery {
                    author_id: ann.id,
                    address_hash: Some("office"),
                    exact_hash: exact,
                    since,
                    counted_up_to,
                    fingerprints: 10,
                    fingerprints_after: None,
                })
                .await
                .unwrap()
        };
        let counted = history(100).await;
        assert_eq!(
            (
                counted.published,
                counted.recent_by_author,
                counted.recent_by_address,
                counted.exact_duplicates,
                counted.recent_fingerprints.len(),
            ),
            (4, 3, 5, 5, 5)
        );
        let limited = history(2).await;
        assert_eq!(
            (
                limited.published,
                limited.recent_by_author,
                limited.recent_by_address,
                limited.exact_duplicates
            ),
            (4, 2, 2, 2),
            "recent counts stop at the limit; the record does not"
        );
    }
);

both_backends!(
    search_finds_what_was_just_written_and_what_it_now_says,
    |db| async move {
        let store = &db.store;
        let article = store
            .insert_article(&draft("search", NOW), &BODY, NOW)
            .await
            .unwrap();
        let ann = user(store, "Ann", "ann@example.org").await;
        let found = |query: &'static str| async move {
            let entries = store.search_comments(query, 10).await.unwrap();
            entries.iter().map(|e| e.comment.id).collect::<Vec<_>>()
        };
        let body = |text: &'static str| Body {
            markdown: text,
            html: text,
            mentions: &[],
            quotes: &[],
        };
        let clock = comment(
            store,
            article.id,
            ann.id,
            None,
            CommentStatus::Published,
            "The depot clock is back",
        )
        .await;
        assert_eq!(
            found("depot").await,
            vec![clock.id],
            "found the moment it is written"
        );

        // Edited once indexed: the old words are forgotten, the new ones found.
        store
            .edit_comment(&clock, &edit(body("The library roof leaks"), NOW))
            .await
            .unwrap();
        assert_eq!(found("depot").await, Vec::<i64>::new());
        assert_eq!(found("roof").await, vec![clock.id]);

        // Edited before any search or pass indexed it: found by what it says now, only.
        let tiles = comment(
            store,
            article.id,
            ann.id,
            None,
            CommentStatus::Published,
            "Roof repairs start Monday",
        )
        .await;
        store
            .edit_comment(&tiles, &edit(body("Slate tiles arrive Monday"), NOW))
            .await
            .unwrap();
        assert_eq!(found("repairs").await, Vec::<i64>::new());
        assert_eq!(found("slate").await, vec![tiles.id]);
        assert_eq!(found("roof").await, vec![clock.id]);
        assert_eq!(found("monday").await, vec![tiles.id]);
    }
);

both_backends!(
    rate_limit_hits_are_counted_once_per_key_and_window,
    |db| async move {
        let store = &db.store;
        let minute = time::Duration::minutes(1);
        let hit = |key: &'static str, start: OffsetDateTime| {
            let store = store.clone();
            async move {
                store
                    .hit_rate_limit(key, start, start + minute)
                    .await
                    .unwrap()
            }
        };
        assert_eq!(hit("comment:1", NOW).await, 1);
        assert_eq!(hit("comment:1", NOW).await, 2);
        assert_eq!(hit("comment:2", NOW).await, 1, "keys count apart");
        assert_eq!(
            hit("comment:1", NOW + minute).await,
            1,
            "a new window starts at 1"
        );
        // Many at once (SQLite counts in memory, PostgreSQL in its table): each counted once.
        let at_once = (0..40).map(|_| tokio::spawn(hit("comment:3", NOW)));
        let mut counts = Vec::new();
        for counted in at_once.collect::<Vec<_>>() {
            counts.push(counted.await.unwrap());
        }
        counts.sort_unstable();
        assert_eq!(counts, (1..=40).collect::<Vec<i64>>());
        assert_eq!(
            store.sweep_rate_limits(NOW + 3 * minute).await.unwrap(),
            4,
            "every window has ended"
        );
    }
);
