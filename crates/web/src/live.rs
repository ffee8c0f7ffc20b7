//! Live discussions over Server-Sent Events.
//!
//! Each discussion with open streams on this node has one [`Feed`]: a task that reads the
//! discussion's event log when told it changed (see `tribune_app::live`) or every few
//! seconds on its own, turns each event into an SSE frame once, and broadcasts it to the
//! node's streams of that discussion. A stream first replays the log from the last event its
//! reader saw (`Last-Event-ID`), then follows the feed; whenever it finds a gap (it fell
//! behind the broadcast, or joined while the feed was reading) it reads the log itself. So a
//! reader misses nothing and sees nothing twice, whichever node they reconnect to.
//!
//! Streams per node are capped (`live.max_streams`); each sends a heartbeat so proxies keep
//! it open, and all end when the node shuts down, so the graceful shutdown is not held up.

use std::collections::{HashMap, VecDeque};
use std::convert::Infallible;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;
use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore, broadcast, watch};
use tribune_app::Tribune;
use tribune_app::live::{LiveBatch, LiveEvent};
use tribune_domain::Article;
use tribune_store::Heard;

use crate::api::dto::LiveEventOut;

/// How many frames a feed keeps for streams that are slow to take them; one that falls
/// further behind reads the log itself.
const FEED_BACKLOG: usize = 256;

/// A frame of one discussion's stream, made once per node and shared by its streams.
#[derive(Clone)]
struct Frame {
    seq: i64,
    event: Event,
}

/// This node holds as many streams as it may (`live.max_streams`).
#[derive(Debug)]
pub(crate) struct Full;

/// The live streams of this node.
#[derive(Debug)]
pub(crate) struct Live {
    app: Tribune,
    feeds: Mutex<HashMap<i64, Arc<Feed>>>,
    permits: Arc<Semaphore>,
    heartbeat: Duration,
    /// How often a feed reads its log without being told: the bound on how late a missed
    /// signal (or another process's write) reaches readers.
    poll: Duration,
    /// Becomes `true` when the node shuts down.
    closing: watch::Sender<bool>,
    dispatching: AtomicBool,
}

#[derive(Debug)]
struct Feed {
    article_id: i64,
    slug: String,
    frames: broadcast::Sender<Frame>,
    /// The last event broadcast (set before it is sent).
    last: AtomicI64,
    wake: Notify,
}

impl std::fmt::Debug for Frame {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Frame").field("seq", &self.seq).finish()
    }
}

impl Live {
    pub(crate) fn new(app: Tribune) -> Self {
        let settings = &app.settings().live;
        let poll = if matches!(app.store(), tribune_store::Store::Sqlite(..)) {
            Duration::from_secs(2)
        } else {
            Duration::from_secs(10)
        };
        Self {
            permits: Arc::new(Semaphore::new(settings.max_streams)),
            heartbeat: Duration::from_secs(settings.heartbeat_secs.max(1)),
            poll,
            closing: watch::channel(false).0,
            feeds: Mutex::new(HashMap::new()),
            dispatching: AtomicBool::new(false),
            app,
        }
    }

    /// Ends every stream and feed of this node.
    pub(crate) fn close(&self) {
        self.closing.send_replace(true);
    }

    /// Opens a stream of `article`'s discussion after event `after` (its latest event when
    /// `None`).
    pub(crate) fn open(
        self: &Arc<Self>,
        article: &Article,
        after: Option<i64>,
    ) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>> + use<>>, Full> {
        let permit = Arc::clone(&self.permits)
            .try_acquire_owned()
            .map_err(|_| Full)?;
        self.start_dispatching();
        let latest = article.last_event;
        // A reader cannot have seen events that do not exist yet.
        let after = after.map_or(latest, |seen| seen.clamp(0, latest));
        let (feed, frames) = self.subscribe(article.id, &article.slug, latest);
        // Only what the feed broadcast before this stream joined needs reading from the log;
        // a new feed starts at the latest event, which is where most readers start too.
        let replayed = feed.last.load(Ordering::Acquire) <= after;
        let mut stream = Follower {
            live: Arc::clone(self),
            feed,
            frames,
            last: after,
            latest,
            pending: VecDeque::new(),
            replayed,
            closing: self.closing.subscribe(),
            _permit: permit,
        };
        // Tell the browser how soon to come back if the connection drops.
        stream
            .pending
            .push_back(Event::default().retry(Duration::from_secs(3)));
        metrics::gauge!("tribune_live_streams").increment(1.0);
        let stream = futures_util::stream::unfold(stream, |mut stream| async move {
            let next = stream.next().await?;
            Some((Ok(next), stream))
        });
        Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(self.heartbeat)))
    }

    /// Joins the feed of a discussion, started if this node had none. Joined under the lock
    /// under which a feed without streams stops, so no stream joins a stopping feed.
    fn subscribe(
        self: &Arc<Self>,
        article_id: i64,
        slug: &str,
        latest: i64,
    ) -> (Arc<Feed>, broadcast::Receiver<Frame>) {
        let mut feeds = self.feeds.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(feed) = feeds.get(&article_id) {
            return (Arc::clone(feed), feed.frames.subscribe());
        }
        let feed = Arc::new(Feed {
            article_id,
            slug: slug.to_owned(),
            frames: broadcast::channel(FEED_BACKLOG).0,
            last: AtomicI64::new(latest),
            wake: Notify::new(),
        });
        feeds.insert(article_id, Arc::clone(&feed));
        let frames = feed.frames.subscribe();
        tokio::spawn(Arc::clone(self).run_feed(Arc::clone(&feed)));
        (feed, frames)
    }

    /// Reads the feed's log whenever woken (or every `poll`) and broadcasts what is new,
    /// until its last stream is gone or the node shuts down.
    async fn run_feed(self: Arc<Self>, feed: Arc<Feed>) {
        let mut last = feed.last.load(Ordering::Acquire);
        let mut closing = self.closing.subscribe();
        loop {
            tokio::select! {
                () = feed.wake.notified() => {}
                () = tokio::time::sleep(self.poll) => {}
                _ = closing.wait_for(|closed| *closed) => break,
            }
            {
                // Checked under the lock that streams subscribe under, so none can join a
                // feed that is about to stop.
                let mut feeds = self.feeds.lock().unwrap_or_else(|e| e.into_inner());
                if feed.frames.receiver_count() == 0 {
                    feeds.remove(&feed.article_id);
                    break;
                }
            }
            loop {
                match self.app.live_events(feed.article_id, last, last).await {
                    Ok(batch) if batch.events.is_empty() && batch.resync_from.is_none() => break,
                    Ok(batch) => {
                        for frame in frames(&feed.slug, batch) {
                            last = frame.seq;
                            feed.last.store(last, Ordering::Release);
                            // No receiver: the check above will stop the feed.
                            let _ = feed.frames.send(frame);
                        }
                    }
                    Err(err) => {
                        tracing::warn!(error = %err, article_id = feed.article_id,
                            "could not read a discussion's events");
                        break;
                    }
                }
            }
        }
    }

    /// Wakes feeds as this node learns that discussions changed; started with the first
    /// stream (it needs the runtime, which building the state does not).
    fn start_dispatching(self: &Arc<Self>) {
        if self.dispatching.swap(true, Ordering::AcqRel) {
            return;
        }
        let live = Arc::clone(self);
        let mut changes = self.app.discussion_changes();
        let mut closing = self.closing.subscribe();
        tokio::spawn(async move {
            loop {
                let heard = tokio::select! {
                    heard = changes.recv() => heard,
                    _ = closing.wait_for(|closed| *closed) => break,
                };
                let feeds = live.feeds.lock().unwrap_or_else(|e| e.into_inner());
                match heard {
                    Ok(Heard::Article(id)) => {
                        if let Some(feed) = feeds.get(&id) {
                            feed.wake.notify_one();
                        }
                    }
                    Ok(Heard::Anything) | Err(broadcast::error::RecvError::Lagged(_)) => {
                        feeds.values().for_each(|feed| feed.wake.notify_one());
                    }
                    Err(broadcast::error::RecvError::Closed) => break,
                }
            }
        });
    }
}

/// One reader's stream: replayed from the log, then following the feed.
struct Follower {
    live: Arc<Live>,
    feed: Arc<Feed>,
    frames: broadcast::Receiver<Frame>,
    /// The last event this reader has been sent.
    last: i64,
    /// The discussion's latest event when the stream opened.
    latest: i64,
    pending: VecDeque<Event>,
    /// Whether the log has been replayed from the reader's last event.
    replayed: bool,
    closing: watch::Receiver<bool>,
    _permit: OwnedSemaphorePermit,
}

impl Drop for Follower {
    fn drop(&mut self) {
        metrics::gauge!("tribune_live_streams").decrement(1.0);
    }
}

impl Follower {
    /// The next frame for this reader; `None` ends the stream (the node shuts down, or the
    /// log cannot be read: the browser reconnects with the last id it saw, losing nothing).
    async fn next(&mut self) -> Option<Event> {
        if !self.replayed {
            self.replayed = true;
            self.catch_up().await?;
        }
        loop {
            if let Some(event) = self.pending.pop_front() {
                return Some(event);
            }
            let received = tokio::select! {
                received = self.frames.recv() => received,
                _ = self.closing.wait_for(|closed| *closed) => return None,
            };
            match received {
                Ok(frame) if frame.seq <= self.last => {}
                Ok(frame) if frame.seq == self.last + 1 => {
                    self.last = frame.seq;
                    return Some(frame.event);
                }
                // A gap: events this reader has not seen are older than the broadcast.
                Ok(_) | Err(broadcast::error::RecvError::Lagged(_)) => self.catch_up().await?,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    }

    /// Reads the log after the last event sent, until caught up, into `pending`.
    async fn catch_up(&mut self) -> Option<()> {
        loop {
            let batch = match self
                .live
                .app
                .live_events(self.feed.article_id, self.last, self.latest)
                .await
            {
                Ok(batch) => batch,
                Err(err) => {
                    tracing::warn!(error = %err, "could not replay a discussion's events");
                    return None;
                }
            };
            if batch.events.is_empty() && batch.resync_from.is_none() {
                return Some(());
            }
            for frame in frames(&self.feed.slug, batch) {
                self.last = frame.seq;
                self.pending.push_back(frame.event);
            }
        }
    }
}

/// The frames of a batch read from the log: a `resync` first if events were forgotten.
fn frames(slug: &str, batch: LiveBatch) -> Vec<Frame> {
    let mut frames = Vec::with_capacity(batch.events.len() + 1);
    if let Some(from) = batch.resync_from {
        frames.push(Frame {
            seq: from,
            event: Event::default()
                .event("resync")
                .id(from.to_string())
                .data("Some changes are too old to replay: load the discussion again."),
        });
    }
    frames.extend(batch.events.iter().map(|live| frame(slug, live)));
    frames
}

fn frame(slug: &str, live: &LiveEvent) -> Frame {
    let out = LiveEventOut::of(slug, live);
    let event = Event::default()
        .event(live.event.change.as_str())
        .id(live.event.seq.to_string());
    // Serializing these plain structures cannot fail; an empty object is still a frame.
    let event = event
        .clone()
        .json_data(&out)
        .unwrap_or_else(|_| event.data("{}"));
    Frame {
        seq: live.event.seq,
        event,
    }
}
