//! Isso's database (`comments.db`): its `threads` (a path, `uri`, and a title) and `comments`
//! (`tid`, `parent`, `created` in seconds, `mode` 1 published, 2 waiting for moderation,
//! 4 deleted, Markdown `text`, `author`, `email`, `website`), read in pages by id through the
//! store's read-only [`IssoExport`]. Isso's addresses are paths: give `--base-url`.

use std::path::Path;

use time::OffsetDateTime;
use tokio::sync::mpsc;
use tribune_store::IssoExport;

use super::{At, Author, ParseError, Post, Record, State, Text, Thread};

const PAGE: i64 = 1000;

type Sender = mpsc::Sender<Result<Record, ParseError>>;

pub(crate) async fn read(path: &Path, tx: &Sender) -> Result<(), ParseError> {
    let unreadable =
        |e: tribune_store::Error| ParseError::new(At::File, format!("not an Isso database ({e})"));
    let db = IssoExport::open(path).await.map_err(unreadable)?;
    let outcome = async {
        let mut after = 0;
        loop {
            let threads = db.threads(after, PAGE).await.map_err(unreadable)?;
            let Some(last) = threads.last() else { break };
            after = last.id;
            for t in threads {
                let record = Record::Thread(Thread {
                    id: t.id.to_string(),
                    url: t.uri,
                    title: t.title.unwrap_or_default(),
                    created_at: None,
                    deleted: false,
                });
                if tx.send(Ok(record)).await.is_err() {
                    return Ok(());
                }
            }
        }
        let mut after = 0;
        loop {
            let comments = db.comments(after, PAGE).await.map_err(unreadable)?;
            let Some(last) = comments.last() else { break };
            after = last.id;
            for c in comments {
                let created_at =
                    // To the microsecond, as stored: a float of seconds is not exact below that.
                    OffsetDateTime::from_unix_timestamp_nanos((c.created * 1e6).round() as i128 * 1000)
                        .map_err(|_| c.created.to_string());
                let record = Record::Post(Post {
                    id: Some(c.id.to_string()),
                    thread: c.tid.to_string(),
                    parent: c.parent.map(|p| p.to_string()),
                    author: Author {
                        name: c.author.unwrap_or_default(),
                        email: c.email.unwrap_or_default(),
                        username: String::new(),
                        website: c.website.unwrap_or_default(),
                    },
                    text: Text::Markdown(c.text.unwrap_or_default()),
                    created_at,
                    state: if c.mode == 2 {
                        State::Pending
                    } else {
                        State::Published
                    },
                    deleted: c.mode == 4,
                });
                if tx.send(Ok(record)).await.is_err() {
                    return Ok(());
                }
            }
        }
        Ok(())
    }
    .await;
    db.close().await;
    outcome
}
