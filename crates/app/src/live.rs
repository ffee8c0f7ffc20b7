//! Live discussions: what changed in a discussion after a given event, as everyone sees it,
//! and the signal that tells this node's live streams to look.
//!
//! The event log itself is written by the database in the same transaction as every change
//! (see `tribune_store`'s migration `0004_live`), so a stream that replays it from the last
//! event a reader saw misses nothing and repeats nothing. The signal only says *when* to
//! read: on PostgreSQL every node hears every commit through `LISTEN`; on SQLite, one process
//! holds the database and the use cases that change a discussion say so themselves
//! ([`Tribune::discussion_changed`]). Streams also look on their own every few seconds, so a
//! lost signal (or a write by another process, such as the command line) only delays them.

use tokio::sync::broadcast;
use tribune_domain::Comment;
use tribune_domain::live::{Change, DiscussionEvent};
use tribune_store::Heard;

use crate::{Result, Tribune};

/// How many events one read returns at most; a stream reads again until it has caught up.
pub const EVENTS_PER_READ: i64 = 200;

/// One change in a discussion, with the comment as everyone sees it now.
#[derive(Debug, Clone)]
pub struct LiveEvent {
    pub event: DiscussionEvent,
    /// The comment when it is visible to everyone now; `None` once it is gone (a later
    /// `removed` event follows, or this is one).
    pub comment: Option<Comment>,
}

/// What a stream reads after the last event its reader saw.
#[derive(Debug, Clone, Default)]
pub struct LiveBatch {
    pub events: Vec<LiveEvent>,
    /// The events after the reader's last one were forgotten (they were away longer than
    /// the log is kept): the reader should load the discussion again. The batch then
    /// continues from the discussion's latest event.
    pub resync_from: Option<i64>,
}

impl Tribune {
    /// The changes to a discussion after event `after`, oldest first, at most
    /// [`EVENTS_PER_READ`]: public, like the discussion itself. `known_latest` is an event
    /// the caller knows exists (the discussion's latest when its stream opened): when
    /// nothing after `after` is left although that one exists, the log was swept.
    pub async fn live_events(
        &self,
        article_id: i64,
        after: i64,
        known_latest: i64,
    ) -> Result<LiveBatch> {
        let events = self
            .store()
            .discussion_events(article_id, after, EVENTS_PER_READ)
            .await?;
        let forgotten = match events.first() {
            Some(first) => first.seq > after + 1,
            None if known_latest > after => {
                return Ok(LiveBatch {
                    events: Vec::new(),
                    resync_from: Some(known_latest),
                });
            }
            None => false,
        };
        let mut batch = LiveBatch {
            events: Vec::with_capacity(events.len()),
            resync_from: forgotten.then(|| events[0].seq - 1),
        };
        for event in events {
            let comment = match event.change {
                Change::Removed => None,
                _ => self
                    .store()
                    .comment(event.comment_id)
                    .await?
                    .filter(|c| c.status == tribune_domain::CommentStatus::Published && !c.deleted)
                    .map(Comment::redacted),
            };
            batch.events.push(LiveEvent { event, comment });
        }
        Ok(batch)
    }

    /// Which discussions changed, as this node learns of it (see the module's doc).
    pub fn discussion_changes(&self) -> broadcast::Receiver<Heard> {
        self.inner.changes.subscribe()
    }

    /// Tells this node that what readers of an article see changed (its discussion, its
    /// reactions, or the article itself): its live streams look, and the article is read
    /// again. Use cases call it after their write committed.
    pub(crate) fn discussion_changed(&self, article_id: i64) {
        self.heard(Heard::Article(article_id));
    }

    /// Forgets events older than `live.keep_events_hours`.
    pub async fn sweep_discussion_events(&self) -> Result<u64> {
        let hours = self.settings().live.keep_events_hours;
        Ok(self
            .store()
            .sweep_discussion_events(Self::now() - time::Duration::hours(hours))
            .await?)
    }

    /// Tells this node that any discussion may have changed (one action touched many).
    pub(crate) fn discussions_changed(&self) {
        self.heard(Heard::Anything);
    }

    /// What this node heard changed: the articles it keeps forget it, then its live streams
    /// look (in that order, so a stream that renders at once finds the new article).
    fn heard(&self, heard: Heard) {
        self.inner.shown_articles.heard(heard);
        // No receiver means no live stream is open on this node: nothing to tell.
        let _ = self.inner.changes.send(heard);
    }

    /// Announces a changed comment's discussion (see [`Tribune::discussion_changed`]) and
    /// passes the comment on.
    pub(crate) fn announced(&self, comment: Comment) -> Comment {
        self.discussion_changed(comment.article_id);
        comment
    }

    /// Passes on what the database tells about other nodes' writes until the store closes;
    /// returns at once on SQLite. Run it once per node, in the background.
    pub async fn relay_discussion_changes(&self) -> Result<()> {
        let Some(mut listener) = self.store().listen_for_events().await? else {
            return Ok(());
        };
        loop {
            match listener.next().await {
                Ok(heard) => self.heard(heard),
                Err(err) => {
                    tracing::warn!(error = %err, "listening for discussion events failed");
                    self.heard(Heard::Anything);
                    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                }
            }
        }
    }
}
