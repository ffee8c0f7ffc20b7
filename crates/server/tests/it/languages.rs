//! Languages: pages and messages come in the reader's language — their choice from the menu
//! at the foot of every page, else their browser's, else the site's — with dates and counts
//! written the way that language writes them.

use reqwest::header::{ACCEPT_LANGUAGE, CONTENT_LANGUAGE, COOKIE, REFERER, SET_COOKIE};
use reqwest::{Client, StatusCode, redirect::Policy};
use serde_json::json;

use crate::helpers::{TestApp, both, both_backends, location};

fn client() -> Client {
    Client::builder()
        .redirect(Policy::none())
        .build()
        .expect("a client")
}

async fn page(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> (StatusCode, String, String) {
    let mut request = client().get(app.url(path));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.expect("the server answers");
    let language = response
        .headers()
        .get(CONTENT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let status = response.status();
    (status, language, response.text().await.unwrap_or_default())
}

both!(a_french_browser_gets_french_pages, |app| async move {
    app.article("harbour-vote", "open").await;
    let reader = app.reader("Kestrel").await;
    for n in 0..2 {
        let response = reader
            .post_json(
                "/api/v1/articles/harbour-vote/comments",
                &json!({"body": format!("The harbour vote matters, point {n}.")}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }

    let french = [(ACCEPT_LANGUAGE.as_str(), "fr-CA,fr;q=0.9,en;q=0.5")];
    let (status, language, body) = page(&app, "/articles/harbour-vote", &french).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(language, "fr");
    assert!(body.contains(r#"<html lang="fr" dir="ltr""#), "{body}");
    // The scripts' sentences ride along as JSON in an attribute, in French too.
    let document = scraper::Html::parse_document(&body);
    let messages: serde_json::Value = document
        .root_element()
        .attr("data-messages")
        .and_then(|json| serde_json::from_str(json).ok())
        .expect("the page carries its scripts' messages as JSON");
    assert_eq!(messages["js-new-comment-one"], "1 nouveau commentaire");
    assert!(body.contains("2 commentaires"), "the count is in French");
    assert!(
        body.contains("Règles de la maison"),
        "the menu is in French"
    );

    // The same page, cached, is still English for an English reader, and the other way round.
    let (_, language, body) = page(&app, "/articles/harbour-vote", &[]).await;
    assert_eq!(language, "en");
    assert!(body.contains("2 comments") && body.contains("House rules"));
    let (_, _, body) = page(&app, "/articles/harbour-vote", &french).await;
    assert!(body.contains("2 commentaires"));

    // A language Tribune does not speak falls back to the site's.
    let (_, language, _) = page(&app, "/", &[(ACCEPT_LANGUAGE.as_str(), "de-DE,de;q=0.9")]).await;
    assert_eq!(language, "en");
});

both!(
    the_readers_choice_wins_and_takes_them_back,
    |app| async move {
        app.article("ferry-fares", "open").await;
        let response = client()
            .post(app.url("/language"))
            .header(REFERER, app.url("/articles/ferry-fares?view=threaded"))
            .form(&[("lang", "fr")])
            .send()
            .await
            .expect("the server answers");
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&response), "/articles/ferry-fares?view=threaded");
        let cookie = response
            .headers()
            .get(SET_COOKIE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        assert!(cookie.starts_with("tribune_lang=fr"), "{cookie}");
        let chosen = cookie.split(';').next().unwrap_or_default().to_owned();

        // The choice beats the browser's language.
        let (_, language, body) = page(
            &app,
            "/articles/ferry-fares",
            &[
                (COOKIE.as_str(), &chosen),
                (ACCEPT_LANGUAGE.as_str(), "en-GB"),
            ],
        )
        .await;
        assert_eq!(language, "fr");
        assert!(body.contains("Aucun commentaire pour l’instant"), "{body}");

        // Sent from elsewhere, the form takes the reader to the front page, not away.
        let response = client()
            .post(app.url("/language"))
            .header(REFERER, "https://elsewhere.example/page")
            .form(&[("lang", "en")])
            .send()
            .await
            .expect("the server answers");
        assert_eq!(location(&response), "/");

        // A language Tribune does not speak is refused with a reason.
        let response = client()
            .post(app.url("/language"))
            .form(&[("lang", "xx")])
            .send()
            .await
            .expect("the server answers");
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        let body = response.text().await.unwrap_or_default();
        assert!(body.contains("does not speak that language"), "{body}");
    }
);

both_backends!(
    a_french_site_speaks_french_by_default,
    |backend| async move {
        let app =
            TestApp::spawn_with(backend, |settings| settings.site.language = "fr".to_owned()).await;
        let (_, language, body) = page(&app, "/", &[]).await;
        assert_eq!(language, "fr");
        assert!(body.contains(r#"lang="fr""#));
        // A reader whose browser asks for English still gets it.
        let (_, language, _) =
            page(&app, "/", &[(ACCEPT_LANGUAGE.as_str(), "en-US,en;q=0.9")]).await;
        assert_eq!(language, "en");
    }
);

both!(
    right_to_left_comments_read_right_to_left,
    |app| async move {
        app.article("river-levels", "open").await;
        let reader = app.reader("سارة").await;
        let body = "مستوى النهر ارتفع مترين في ساعتين، وهذا ما يجب أن يشرحه التحقيق.";
        let response = reader
            .post_json(
                "/api/v1/articles/river-levels/comments",
                &json!({ "body": body }),
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);

        let (_, _, page) = page(&app, "/articles/river-levels", &[]).await;
        let document = scraper::Html::parse_document(&page);
        // The body and the name each take the direction of their own text, on an English page.
        let selector = scraper::Selector::parse(r#".comment-body[dir="auto"]"#).unwrap();
        assert!(
            document
                .select(&selector)
                .any(|element| element.text().collect::<String>().contains(body)),
            "the comment's body lays out by its own direction"
        );
        let selector = scraper::Selector::parse(r#"a.author[dir="auto"]"#).unwrap();
        assert!(
            document
                .select(&selector)
                .any(|element| element.text().collect::<String>() == "سارة"),
            "the author's name lays out by its own direction"
        );
    }
);
