//! The test server and its clients; `smtp` is an SMTP server for the mail tests.

pub mod inert;
pub mod smtp;

pub use inert::assert_inert;

use std::net::SocketAddr;

use reqwest::redirect::Policy;
use reqwest::{Client, Response, StatusCode};
use serde_json::{Value, json};
use tribune::{Application, ServeOptions};
use tribune_app::{Settings, Tribune};
use tribune_domain::article::ArticleFields;
pub use tribune_store::testing::Backend;
use tribune_store::testing::TestDb;

pub const PASSWORD: &str = "correct horse battery staple";

/// A running server on its own database.
pub struct TestApp {
    pub address: SocketAddr,
    pub db: TestDb,
    /// The application the server runs (the same instance), for arranging data directly.
    pub tribune: Tribune,
    pub settings: Settings,
}

/// Runs a test once per backend: `both!(name, |app| async move { … })`.
macro_rules! both {
    ($name:ident, |$app:ident| $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let $app = $crate::helpers::TestApp::spawn($crate::helpers::Backend::Sqlite).await;
                $body.await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let $app =
                    $crate::helpers::TestApp::spawn($crate::helpers::Backend::Postgres).await;
                $body.await
            }
        }
    };
}
pub(crate) use both;

/// Runs a test once per backend with the backend to start from, for tests that configure
/// their server: `both_backends!(name, |backend| async move { … })`.
macro_rules! both_backends {
    ($name:ident, |$backend:ident| $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let $backend = $crate::helpers::Backend::Sqlite;
                $body.await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let $backend = $crate::helpers::Backend::Postgres;
                $body.await
            }
        }
    };
}
pub(crate) use both_backends;

impl TestApp {
    pub async fn spawn(backend: Backend) -> Self {
        Self::spawn_with(backend, |_| {}).await
    }

    pub async fn spawn_with(backend: Backend, configure: impl FnOnce(&mut Settings)) -> Self {
        let db = TestDb::new(backend).await.expect("a fresh test database");
        let mut settings = Settings {
            listen: "127.0.0.1:0".to_owned(),
            database: db.url.clone(),
            ..Settings::default()
        };
        settings.log.level = "warn".to_owned();
        // Tests sign up many readers from one address; `rate_limits.rs` turns limits on.
        settings.rate_limits.enabled = false;
        configure(&mut settings);
        let app = Application::build(settings.clone(), ServeOptions::default())
            .await
            .expect("the server starts");
        let address = app.address().expect("a bound address");
        let tribune = app.tribune();
        tokio::spawn(app.run_until_stopped());
        Self {
            address,
            db,
            tribune,
            settings,
        }
    }

    /// Another node of the same site: its own process state, the same database.
    pub async fn second_node(&self) -> Browser {
        let app = Application::build(self.settings.clone(), ServeOptions::default())
            .await
            .expect("the second node starts");
        let address = app.address().expect("a bound address");
        tokio::spawn(app.run_until_stopped());
        let client = Client::builder()
            .cookie_store(true)
            .redirect(Policy::none())
            .build()
            .expect("a client");
        Browser {
            client,
            base: format!("http://{address}"),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// A browser: its own cookie jar, redirects not followed (tests check them).
    pub fn browser(&self) -> Browser {
        let client = Client::builder()
            .cookie_store(true)
            .redirect(Policy::none())
            .build()
            .expect("a client");
        Browser {
            client,
            base: self.url(""),
        }
    }

    /// Publishes an article through the use cases, bypassing HTTP.
    pub async fn article(&self, slug: &str, policy: &str) -> tribune_domain::Article {
        self.publish(ArticleFields {
            slug: Some(slug.to_owned()),
            headline: format!("Council debates {slug}"),
            lead: "A lead paragraph.".to_owned(),
            body: "“We will decide on Thursday,” the chair said.\n\nA second paragraph.".to_owned(),
            comment_policy: Some(policy.to_owned()),
            ..ArticleFields::default()
        })
        .await
    }

    /// Publishes an article with these fields through the use cases, as an editor.
    pub async fn publish(&self, fields: ArticleFields) -> tribune_domain::Article {
        let editor = tribune_app::accounts::Editor {
            token_id: 0,
            name: "tests".to_owned(),
        };
        self.tribune
            .create_article(tribune_app::articles::Publisher::Editor(&editor), fields)
            .await
            .expect("the article is created")
    }

    /// A signed-in reader.
    pub async fn reader(&self, name: &str) -> Browser {
        let browser = self.browser();
        let email = email_of(name);
        let response = browser
            .post_json(
                "/api/v1/signup",
                &json!({"display_name": name, "email": email, "password": PASSWORD}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED, "sign-up of {name}");
        browser
    }

    /// A signed-in administrator.
    pub async fn admin(&self) -> Browser {
        self.staff("Ada Admin", tribune_domain::Role::Admin).await
    }

    /// A signed-in moderator.
    pub async fn moderator(&self) -> Browser {
        self.staff("Mo Moderator", tribune_domain::Role::Moderator)
            .await
    }

    /// A signed-in account with `role`. The role is written to the database directly, as the
    /// command line would, before the server has seen the session in a view (a view would
    /// remember the reader for `http.max_staleness_ms`).
    pub async fn staff(&self, name: &str, role: tribune_domain::Role) -> Browser {
        let browser = self.reader(name).await;
        let id = self
            .db
            .store
            .user_by_email(&email_of(name))
            .await
            .expect("the account")
            .expect("signed up")
            .user
            .id;
        self.db
            .store
            .set_role(
                id,
                role,
                &tribune_store::AuditEntry::operator(
                    tribune_domain::moderation::Action::SetRole,
                    "user",
                    id,
                ),
            )
            .await
            .expect("promoted");
        browser
    }
}

/// The address `TestApp::reader` signs `name` up with.
fn email_of(name: &str) -> String {
    format!("{}@example.org", name.to_lowercase().replace(' ', "."))
}

/// An HTTP client with a cookie jar.
pub struct Browser {
    pub client: Client,
    base: String,
}

impl Browser {
    /// `http://127.0.0.1:PORT` of the server it speaks to.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The signed-in account's id.
    pub async fn id(&self) -> i64 {
        let me: Value = self.get("/api/v1/me").await.json().await.expect("json");
        me["id"].as_i64().expect("an id")
    }

    pub async fn send_json(&self, method: reqwest::Method, path: &str, body: &Value) -> Response {
        self.client
            .request(method, format!("{}{path}", self.base))
            .json(body)
            .send()
            .await
            .expect("the server answers")
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("the server answers")
    }

    pub async fn text(&self, path: &str) -> (StatusCode, String) {
        let response = self.get(path).await;
        let status = response.status();
        (status, response.text().await.expect("a body"))
    }

    pub async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> Response {
        self.client
            .post(format!("{}{path}", self.base))
            .form(form)
            .send()
            .await
            .expect("the server answers")
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> Response {
        self.client
            .post(format!("{}{path}", self.base))
            .json(body)
            .send()
            .await
            .expect("the server answers")
    }
}

/// Status and JSON body of a response.
pub async fn json(response: Response) -> (StatusCode, Value) {
    let status = response.status();
    let body = response.json().await.unwrap_or(Value::Null);
    (status, body)
}

/// Status and text of a response.
pub async fn text(response: Response) -> (StatusCode, String) {
    let status = response.status();
    (status, response.text().await.unwrap_or_default())
}

/// The `Location` of a redirect.
pub fn location(response: &Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// The real `tribune` binary serving a database, as an operator runs it; killed when
/// dropped.
pub struct Process {
    child: std::process::Child,
    pub base: String,
}

impl Process {
    /// Starts `tribune serve` on a free port and waits until it answers.
    pub async fn serve(database_url: &str) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_tribune"))
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .env("TRIBUNE_DATABASE", database_url)
            .env("TRIBUNE_RATE_LIMITS", "off")
            .env("TRIBUNE_LOG__LEVEL", "error")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("the server starts");
        let process = Self {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        let client = Client::new();
        for _ in 0..200 {
            if client
                .get(format!("{}/healthz", process.base))
                .send()
                .await
                .is_ok()
            {
                return process;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("the server at {} does not answer", process.base);
    }

    /// Kills the process with SIGKILL, as a crash would.
    pub fn kill(&mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("reaped");
    }

    /// Asks the process to stop (SIGTERM, as a service manager does) and waits at most
    /// `within` for it to exit; returns whether it did.
    pub async fn terminate(&mut self, within: std::time::Duration) -> bool {
        let sent = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(sent.success(), "SIGTERM sent");
        let deadline = std::time::Instant::now() + within;
        while std::time::Instant::now() < deadline {
            if self.child.try_wait().expect("a status").is_some() {
                return true;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        false
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
