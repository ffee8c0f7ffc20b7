//! Newsroom feeds on the server: the poller every node runs, and `tribune feed …`.

use std::fmt::Write as _;
use std::time::Duration;

use anyhow::anyhow;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use tribune_app::Tribune;
use tribune_app::articles::Publisher;
use tribune_app::newsroom_feeds::FeedReport;
use tribune_domain::newsroom_feed::NewsroomFeed;

/// How often each node looks for feeds due (each feed's own interval is
/// `newsroom_feeds.poll_minutes`).
const LOOK_EVERY: Duration = Duration::from_secs(30);

/// Polls the feeds that are due, on every node; a lease keeps two nodes off one feed. Runs
/// until aborted at shutdown (a poll cut short keeps its lease until it runs out, then the
/// feed is due again).
pub(crate) async fn poll(app: Tribune) {
    loop {
        match app.poll_due_newsroom_feeds(Tribune::now()).await {
            // A full batch: more may be due.
            Ok(claimed) if Tribune::newsroom_batch_was_full(claimed) => continue,
            Ok(_) => {}
            Err(err) => tracing::warn!(error = %err, "could not look for newsroom feeds to poll"),
        }
        tokio::time::sleep(LOOK_EVERY).await;
    }
}

#[derive(Debug, Clone, clap::Subcommand)]
pub enum FeedCommand {
    /// Reads the feed once, opens a discussion for each article in it, and follows it (every
    /// node polls it from then on); a feed that cannot be read is not added.
    Add { url: String },
    /// The followed feeds and how their polling goes.
    List,
    /// Stops following a feed (the discussions it opened stay).
    Remove { id: i64 },
}

fn operator() -> tribune_app::accounts::Editor {
    tribune_app::accounts::Editor {
        token_id: 0,
        name: "command line".to_owned(),
    }
}

/// Runs `tribune feed …`, printing for the operator.
pub async fn run(tribune: &Tribune, command: FeedCommand) -> anyhow::Result<()> {
    let editor = operator();
    let by = Publisher::Editor(&editor);
    match command {
        FeedCommand::Add { url } => {
            let report = tribune
                .add_newsroom_feed(by, &url)
                .await
                .map_err(|e| anyhow!("{url}: {e}"))?;
            print!("{}", added(&report));
        }
        FeedCommand::List => {
            let feeds = tribune
                .newsroom_feeds(by)
                .await
                .map_err(|e| anyhow!("{e}"))?;
            if feeds.is_empty() {
                println!("No newsroom feeds are followed; add one with `tribune feed add URL`.");
            }
            for feed in &feeds {
                print!("{}", status(feed));
            }
        }
        FeedCommand::Remove { id } => {
            let feed = tribune
                .remove_newsroom_feed(by, id)
                .await
                .map_err(|e| anyhow!("feed {id}: {e}"))?;
            println!(
                "Stopped following feed {id} ({}); the {} discussions it opened stay.",
                feed.url, feed.articles_opened
            );
        }
    }
    Ok(())
}

fn added(report: &FeedReport) -> String {
    let feed = &report.feed;
    let mut out = format!(
        "Following feed {}: {} ({})\n{}, {} opened",
        feed.id,
        title(feed),
        feed.url,
        counted(report.items, "item", "items"),
        counted(report.opened, "discussion", "discussions")
    );
    if report.skipped > 0 {
        let _ = write!(
            out,
            ", {} skipped",
            counted(report.skipped, "item", "items")
        );
    }
    out.push('\n');
    if let Some(skip) = &feed.last_skip {
        let _ = writeln!(out, "Last item skipped: {skip}");
    }
    out
}

fn counted(n: impl TryInto<i64>, one: &str, many: &str) -> String {
    let n = n.try_into().unwrap_or(i64::MAX);
    format!("{n} {}", if n == 1 { one } else { many })
}

fn title(feed: &NewsroomFeed) -> &str {
    if feed.title.is_empty() {
        "(untitled)"
    } else {
        &feed.title
    }
}

fn when(at: Option<OffsetDateTime>) -> String {
    at.and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| "never".to_owned())
}

fn status(feed: &NewsroomFeed) -> String {
    let mut out = format!(
        "{}\t{}\t{}\n\tlast polled {}, last success {}, next poll {}\n\t{} opened",
        feed.id,
        title(feed),
        feed.url,
        when(feed.last_polled_at),
        when(feed.last_success_at),
        when(Some(feed.next_poll_at)),
        counted(feed.articles_opened, "discussion", "discussions")
    );
    if feed.items_skipped > 0 {
        let _ = write!(
            out,
            ", {} skipped",
            counted(feed.items_skipped, "item", "items")
        );
    }
    out.push('\n');
    if let Some(error) = &feed.last_error {
        let _ = writeln!(out, "\tFAILING ({} in a row): {error}", feed.failures);
    }
    out
}
