//! A fresh, migrated database per test, on either backend.
//!
//! SQLite tests get a new file in the system temporary directory; PostgreSQL tests get a new
//! schema in the server named by `TRIBUNE_TEST_POSTGRES` (default
//! `postgres://postgres@127.0.0.1:5432/test`). Both are removed when the [`TestDb`] drops.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::{Result, Store};

/// Which backend a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database that exists for one test.
#[derive(Debug)]
pub struct TestDb {
    pub store: Store,
    /// The URL the store was opened with, for starting a server on the same data.
    pub url: String,
    cleanup: Cleanup,
}

#[derive(Debug)]
enum Cleanup {
    File(PathBuf),
    Schema { admin_url: String, schema: String },
}

/// The PostgreSQL server tests use.
pub fn postgres_url() -> String {
    std::env::var("TRIBUNE_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

fn unique_name(prefix: &str) -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!(
        "{prefix}_{}_{}_{}",
        std::process::id(),
        nanos,
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

impl TestDb {
    pub async fn new(backend: Backend) -> Result<Self> {
        match backend {
            Backend::Sqlite => {
                let path = std::env::temp_dir().join(format!("{}.db", unique_name("tribune_test")));
                let url = format!("sqlite://{}", path.display());
                let store = Store::connect(&url).await?;
                Ok(Self {
                    store,
                    url,
                    cleanup: Cleanup::File(path),
                })
            }
            Backend::Postgres => {
                let admin_url = postgres_url();
                let schema = unique_name("tribune_test");
                let admin = sqlx::PgPool::connect(&admin_url).await?;
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA \"{schema}\"")))
                    .execute(&admin)
                    .await?;
                admin.close().await;
                let separator = if admin_url.contains('?') { '&' } else { '?' };
                let url = format!("{admin_url}{separator}options=-c%20search_path%3D{schema}");
                let store = Store::connect(&url).await?;
                Ok(Self {
                    store,
                    url,
                    cleanup: Cleanup::Schema { admin_url, schema },
                })
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut file = path.clone().into_os_string();
                    file.push(suffix);
                    let _ = std::fs::remove_file(file);
                }
            }
            Cleanup::Schema { admin_url, schema } => {
                // Drop runs inside the test's runtime, which cannot block on itself: drop the
                // schema from a thread with a runtime of its own. The store's idle
                // connections hold no locks, and closing them needs the blocked runtime.
                let (admin_url, schema) = (admin_url.clone(), schema.clone());
                let _ = std::thread::spawn(move || {
                    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                    else {
                        return;
                    };
                    runtime.block_on(async move {
                        if let Ok(admin) = sqlx::PgPool::connect(&admin_url).await {
                            let drop = format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
                            let _ = sqlx::query(sqlx::AssertSqlSafe(drop)).execute(&admin).await;
                            admin.close().await;
                        }
                    });
                })
                .join();
            }
        }
    }
}

/// Declares a test that runs once per backend: `both!(name, |db| async move { … })` makes
/// `name::sqlite` and `name::postgres`, each with a fresh [`TestDb`].
#[macro_export]
macro_rules! both_backends {
    ($name:ident, |$db:ident| $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test]
            async fn sqlite() {
                let $db = $crate::testing::TestDb::new($crate::testing::Backend::Sqlite)
                    .await
                    .expect("a fresh SQLite database");
                $body.await
            }

            #[tokio::test]
            async fn postgres() {
                let $db = $crate::testing::TestDb::new($crate::testing::Backend::Postgres)
                    .await
                    .expect("a fresh PostgreSQL schema (is the server at TRIBUNE_TEST_POSTGRES running?)");
                $body.await
            }
        }
    };
}
