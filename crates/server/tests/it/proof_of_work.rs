//! The proof of work asked before sign-ups and guest comments when the site turns it on:
//! signed, purpose-bound, single-use challenges, solved here as a browser would.

use reqwest::StatusCode;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::helpers::{Browser, PASSWORD, TestApp, both_backends, json, text};

/// Asks for a challenge and solves it: `token:nonce`.
async fn solved(browser: &Browser, purpose: &str) -> String {
    let (status, challenge) = json(
        browser
            .get(&format!("/api/v1/proof-of-work?purpose={purpose}"))
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{challenge}");
    let token = challenge["token"].as_str().unwrap();
    let bits = challenge["bits"].as_u64().unwrap() as u32;
    let nonce = (0u64..)
        .find(|n| {
            let digest = Sha256::digest(format!("{token}:{n}").as_bytes());
            let zeros = digest
                .iter()
                .position(|b| *b != 0)
                .map_or(256, |i| i as u32 * 8 + digest[i].leading_zeros());
            zeros >= bits
        })
        .unwrap();
    format!("{token}:{nonce}")
}

async fn sign_up(browser: &Browser, name: &str, proof: Option<&str>) -> (StatusCode, Value) {
    let email = format!("{}@example.org", name.to_lowercase().replace(' ', "."));
    json(
        browser
            .post_json(
                "/api/v1/signup",
                &json!({"display_name": name, "email": email, "password": PASSWORD,
                        "proof_of_work": proof}),
            )
            .await,
    )
    .await
}

both_backends!(
    sign_ups_wait_for_a_solved_puzzle_when_the_site_asks,
    |backend| async move {
        let app = TestApp::spawn_with(backend, |s| {
            s.proof_of_work.signups = true;
            s.proof_of_work.bits = 10;
        })
        .await;
        let browser = app.browser();

        let (status, body) = sign_up(&browser, "No Puzzle", None).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            (body["code"].as_str(), body["field"].as_str()),
            (Some("required"), Some("proof_of_work"))
        );
        assert!(
            body["message"].as_str().unwrap().contains("JavaScript"),
            "{body}"
        );

        let proof = solved(&browser, "signup").await;
        let (status, body) = sign_up(&browser, "Solved Puzzle", Some(&proof)).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        // One solution, one sign-up.
        let (status, body) = sign_up(&app.browser(), "Replayed Puzzle", Some(&proof)).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("used"))
        );

        // A solution for another purpose, a changed difficulty, or a wrong nonce is refused.
        let other = solved(&browser, "guest-comment").await;
        let (_, body) = sign_up(&app.browser(), "Other Purpose", Some(&other)).await;
        assert_eq!(body["code"], "invalid");
        let proof = solved(&browser, "signup").await;
        let easier = proof.replacen(".10.", ".1.", 1);
        let (_, body) = sign_up(&app.browser(), "Easier Puzzle", Some(&easier)).await;
        assert_eq!(body["code"], "invalid");
        let (token, _) = proof.rsplit_once(':').unwrap();
        let unsolved = (0..)
            .map(|n| format!("{token}:x{n}"))
            .find(|candidate| {
                let digest = Sha256::digest(candidate.as_bytes());
                digest[0] != 0
            })
            .unwrap();
        let (_, body) = sign_up(&app.browser(), "Unsolved Puzzle", Some(&unsolved)).await;
        assert_eq!(body["code"], "invalid");

        // The page's form carries the puzzle; sent without it, it comes back with what was typed.
        let (status, page) = browser.text("/signup").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains(r#"data-proof-of-work="signup""#) && page.contains("/static/pow.js"));
        let (status, page) = text(
            app.browser()
                .post_form(
                    "/signup",
                    &[
                        ("display_name", "Form Filler"),
                        ("email", "form@example.org"),
                        ("password", PASSWORD),
                    ],
                )
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            page.contains("small puzzle") && page.contains("form@example.org"),
            "{page}"
        );

        let (status, _) = json(
            browser
                .get("/api/v1/proof-of-work?purpose=everything")
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }
);

both_backends!(
    guest_comments_can_ask_for_a_puzzle_too,
    |backend| async move {
        let app = TestApp::spawn_with(backend, |s| {
            s.embed.allowed_origins = vec!["http://news.example".to_owned()];
            s.isso.guest_comments = true;
            s.proof_of_work.guest_comments = true;
            s.proof_of_work.bits = 8;
        })
        .await;
        let guest = app.browser();
        let post = |proof: Option<String>| {
            let mut request = guest
                .client
                .post(format!("{}/isso/new?uri=%2Fnews%2Fbeach", guest.base()))
                .header("Origin", "http://news.example")
                .json(
                    &json!({"text": "The beach cleaning starts at nine.", "author": "Sandy",
                          "title": "Beach cleaning"}),
                );
            if let Some(proof) = proof {
                request = request.header("X-Tribune-Proof-Of-Work", proof);
            }
            request.send()
        };
        let refused = post(None).await.unwrap();
        assert!(refused.status().is_client_error(), "{}", refused.status());
        let accepted = post(Some(solved(&guest, "guest-comment").await))
            .await
            .unwrap();
        assert!(accepted.status().is_success(), "{}", accepted.status());
        // Signing up is not affected.
        assert_eq!(
            sign_up(&app.browser(), "Free Signup", None).await.0,
            StatusCode::CREATED
        );
    }
);
