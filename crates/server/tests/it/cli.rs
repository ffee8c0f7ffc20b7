//! The operator's commands, run as the real binary.

use std::io::Write;
use std::process::{Command, Stdio};

use tribune_store::testing::{Backend, TestDb};

fn tribune(db: &TestDb, args: &[&str], stdin: &str) -> (bool, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tribune"))
        .args(args)
        .env("TRIBUNE_DATABASE", &db.url)
        .env("TRIBUNE_LOG__LEVEL", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.as_bytes()).expect("stdin");
    }
    let output = child.wait_with_output().expect("it finishes");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[tokio::test]
async fn users_tokens_and_articles_from_the_command_line() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let db = TestDb::new(backend).await.expect("a database");
        let (ok, out, err) = tribune(
            &db,
            &[
                "user",
                "add",
                "--email",
                "ed@example.org",
                "--name",
                "Editor Ed",
                "--role",
                "admin",
            ],
            "a long enough password\n",
        );
        assert!(ok, "{err}");
        assert!(
            out.contains("Created Editor Ed <ed@example.org> as admin"),
            "{out}"
        );
        let user = db
            .store
            .user_by_email("ed@example.org")
            .await
            .expect("query")
            .expect("exists");
        assert_eq!(user.user.role, tribune_domain::Role::Admin);

        let (ok, _, err) = tribune(
            &db,
            &[
                "user",
                "add",
                "--email",
                "x@example.org",
                "--name",
                "X",
                "--role",
                "king",
            ],
            "pw\n",
        );
        assert!(!ok && err.contains("reader, moderator or admin"), "{err}");
        let (ok, _, err) = tribune(
            &db,
            &["user", "add", "--email", "y@example.org", "--name", "Y"],
            "short\n",
        );
        assert!(!ok && err.contains("at least 10 characters"), "{err}");

        let (ok, token, err) = tribune(
            &db,
            &["token", "create", "--role", "editor", "--name", "cms"],
            "",
        );
        assert!(ok, "{err}");
        assert!(
            token.trim().starts_with("trb_") && token.trim().len() > 40,
            "{token}"
        );

        let file = std::env::temp_dir().join(format!("tribune-article-{}.md", std::process::id()));
        std::fs::write(
            &file,
            "+++\nheadline = \"Harbour bridge reopens\"\nbyline = \"By A. Writer\"\ntags = [\"transport\"]\n+++\nThe bridge reopened.\n",
        )
        .expect("written");
        let (ok, slug, err) = tribune(
            &db,
            &["article", "add", file.to_str().unwrap_or_default()],
            "",
        );
        assert!(ok, "{err}");
        assert_eq!(slug.trim(), "harbour-bridge-reopens");
        let (ok, _, err) = tribune(
            &db,
            &["article", "add", file.to_str().unwrap_or_default()],
            "",
        );
        assert!(!ok && err.contains("already has that slug"), "{err}");
        std::fs::write(&file, "no front matter").expect("written");
        let (ok, _, err) = tribune(
            &db,
            &["article", "add", file.to_str().unwrap_or_default()],
            "",
        );
        assert!(!ok && err.contains("front matter"), "{err}");
        let _ = std::fs::remove_file(&file);
    }
}

#[tokio::test]
async fn moderation_is_measured_and_trained_from_the_command_line() {
    let dir = std::env::temp_dir().join(format!("tribune-eval-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder");
    let file = dir.join("labelled.csv");
    std::fs::write(
        &file,
        "text,label\n\
         \"The shelling went on for three nights, the report says.\",0\n\
         \"I disagree with the minister, the numbers do not add up.\",0\n\
         \"You are a pathetic idiot, shut up.\",1\n\
         \"Shut up, you brainless troll.\",1\n",
    )
    .expect("written");
    let path = file.to_str().expect("a UTF-8 path");
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let db = TestDb::new(backend).await.expect("a database");
        let (ok, out, err) = tribune(&db, &["moderation", "eval", path], "");
        assert!(ok, "{err}");
        assert!(out.contains("rows 4"), "{out}");
        assert!(out.contains("precision 1.000  recall 1.000"), "{out}");
        assert!(out.contains("hold rate on civil 0.00%"), "{out}");

        let (ok, out, err) = tribune(&db, &["moderation", "train", "--from", path], "");
        assert!(ok, "{err}");
        assert!(
            out.contains("Trained this site's model on 4 examples (2 to hold"),
            "{out}"
        );
        let (ok, out, err) = tribune(&db, &["moderation", "eval", path, "--site-model"], "");
        assert!(ok, "{err}");
        assert!(out.contains("rows 4"), "{out}");

        let (ok, _, err) = tribune(&db, &["moderation", "eval", "/no/such/file.csv"], "");
        assert!(!ok);
        assert!(err.contains("/no/such/file.csv"), "{err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
