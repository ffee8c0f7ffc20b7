//! Imports from other comment systems: Disqus and WordPress (WXR) exports, Commento's JSON
//! export, Remark42's backup and Isso's database.
//!
//! A parser (one module per format) reads its input as a stream on a blocking thread and sends
//! [`Record`]s through a small bounded channel; [`Tribune::import`] writes them, in order, inside
//! one store transaction ([`tribune_store::Import`]), so that memory stays bounded whatever
//! the size of the file, and a parse error anywhere rolls back everything (it names the line
//! and column, or the record). Each record is remembered in the `imported` table under its
//! source and its id there: a reply finds its parent there, and running an import again skips
//! every record it holds ("0 new").
//!
//! Threads become articles at their canonical address (found if one is there already). Authors
//! become unclaimed profiles keyed by the source and who they are (their email's keyed hash,
//! else their user name, else their name); the email itself is kept only as the keyed hash
//! that Isso guests' addresses get ([`Tribune::unclaimed_email_hash`]), so a reader who verifies
//! the same address can claim both. Comments keep their thread, parent, timestamp and state:
//! pending → held, spam → rejected, deleted → deleted. Each is assessed and the assessment
//! stored for moderators, never acted on. Messages in HTML are sanitized against the comment
//! allowlist ([`tribune_text::import_html`]); Markdown is rendered like a comment written here.

mod commento;
mod disqus;
mod isso;
mod remark42;
mod wordpress;
mod xml;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::PathBuf;
use std::sync::Arc;

use time::OffsetDateTime;
use tokio::sync::mpsc;
use tribune_assess::{Assessor, Signals};
use tribune_domain::article::ArticleFields;
use tribune_domain::{ArticleDraft, CanonicalUrl, CommentStatus, DisplayName, Email, Slug};
use tribune_store::{Body, Import, NewComment, NewUnclaimed, RenderedBody, Screening};

use crate::articles::{render_body, slug_attempts};
use crate::{Error, Result, Tribune};

/// The largest file an administrator may upload on the admin pages; bigger exports go through
/// `tribune import` on the server.
pub const MAX_UPLOAD_BYTES: usize = 8 * 1024 * 1024;

/// The formats Tribune imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A Disqus XML export.
    Disqus,
    /// A WordPress eXtended RSS (WXR) export.
    Wordpress,
    /// A Commento JSON export.
    Commento,
    /// A Remark42 backup (one JSON object per line).
    Remark42,
    /// An Isso database (`comments.db`).
    Isso,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Disqus,
        Format::Wordpress,
        Format::Commento,
        Format::Remark42,
        Format::Isso,
    ];

    /// The name in commands and forms, and the source under which records are remembered.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Disqus => "disqus",
            Format::Wordpress => "wordpress",
            Format::Commento => "commento",
            Format::Remark42 => "remark42",
            Format::Isso => "isso",
        }
    }

    pub fn parse(raw: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str() == raw)
            .ok_or_else(|| {
                tribune_domain::Invalid::new(
                    "format",
                    "unknown_format",
                    "Choose one of: disqus, wordpress, commento, remark42, isso.",
                )
                .into()
            })
    }
}

/// What to import: a file on the server, or the bytes of an uploaded one.
#[derive(Debug, Clone)]
pub enum Input {
    File(PathBuf),
    Bytes(Arc<[u8]>),
}

impl Input {
    fn open(&self) -> std::io::Result<Box<dyn BufRead + Send>> {
        Ok(match self {
            Input::File(path) => Box::new(BufReader::with_capacity(
                64 * 1024,
                std::fs::File::open(path)?,
            )),
            Input::Bytes(bytes) => Box::new(Cursor::new(Arc::clone(bytes))),
        })
    }

    /// The line and column (1-based, in characters) of byte `offset`, read again from the start.
    fn line_column(&self, offset: u64) -> Option<(u64, u64)> {
        let mut reader = self.open().ok()?.take(offset);
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).ok()?;
        let line = 1 + bytes.iter().filter(|&&b| b == b'\n').count() as u64;
        let start = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let column = 1 + String::from_utf8_lossy(&bytes[start..]).chars().count() as u64;
        Some((line, column))
    }
}

/// Where a parse error is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum At {
    /// A byte offset (XML); turned into a line and column for people.
    Byte(u64),
    Line(u64, u64),
    /// The file as a whole (it cannot be opened, it is empty…).
    File,
}

/// A file that cannot be read as its format: nothing of it is imported.
#[derive(Debug, Clone)]
pub(crate) struct ParseError {
    pub at: At,
    pub message: String,
}

impl ParseError {
    pub fn new(at: At, message: impl Into<String>) -> Self {
        Self {
            at,
            message: message.into(),
        }
    }
}

/// A discussion in the source: becomes (or finds) the article at its address.
#[derive(Debug, Clone)]
pub(crate) struct Thread {
    pub id: String,
    pub url: String,
    pub title: String,
    pub created_at: Option<OffsetDateTime>,
    pub deleted: bool,
}

/// Who wrote a comment, as the source tells.
#[derive(Debug, Clone, Default)]
pub(crate) struct Author {
    pub name: String,
    pub email: String,
    pub username: String,
    pub website: String,
}

/// A comment's text: HTML (sanitized on import) or Markdown (rendered like a comment here).
#[derive(Debug, Clone)]
pub(crate) enum Text {
    Html(String),
    Markdown(String),
}

/// Where a comment stood in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum State {
    Published,
    Pending,
    Spam,
}

#[derive(Debug, Clone)]
pub(crate) struct Post {
    /// Its id in the source; a comment without one cannot be imported twice safely and is
    /// skipped.
    pub id: Option<String>,
    pub thread: String,
    pub parent: Option<String>,
    pub author: Author,
    pub text: Text,
    /// `Err` holds what the source had, when it is not a time.
    pub created_at: Result<OffsetDateTime, String>,
    pub state: State,
    pub deleted: bool,
}

#[derive(Debug, Clone)]
pub(crate) enum Record {
    Thread(Thread),
    Post(Post),
    /// A record the parser could read but not use, with why.
    Skip(&'static str),
}

/// Sends records from the parsing thread; a closed channel (the import failed) stops it.
pub(crate) struct Emit {
    tx: mpsc::Sender<Result<Record, ParseError>>,
}

/// The import stopped listening: stop parsing.
#[derive(Debug)]
pub(crate) struct Stopped;

impl Emit {
    pub fn send(&self, record: Record) -> Result<(), Stopped> {
        self.tx.blocking_send(Ok(record)).map_err(|_| Stopped)
    }
}

/// The outcome of an import, for its summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Threads whose articles this import opened.
    pub threads_opened: u64,
    /// Threads that found an article already at their address.
    pub threads_found: u64,
    pub comments: u64,
    /// Records already imported by an earlier run (or earlier in this one), left as they are.
    pub unchanged: u64,
    /// Records skipped, by reason.
    pub skipped: BTreeMap<&'static str, u64>,
    /// Comments imported by state.
    pub held: u64,
    pub rejected: u64,
    pub deleted: u64,
    /// Replies whose parent the file does not hold: imported as top-level comments.
    pub orphans: u64,
}

impl Summary {
    fn skip(&mut self, reason: &'static str) {
        *self.skipped.entry(reason).or_default() += 1;
    }

    /// Every record seen so far, for progress.
    pub fn records(&self) -> u64 {
        self.threads_opened
            + self.threads_found
            + self.comments
            + self.unchanged
            + self.skipped.values().sum::<u64>()
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "threads: {} new articles, {} existing articles",
            self.threads_opened, self.threads_found
        )?;
        writeln!(
            f,
            "comments: {} imported ({} held, {} rejected as spam, {} deleted, {} replies \
             without their parent made top-level)",
            self.comments, self.held, self.rejected, self.deleted, self.orphans
        )?;
        writeln!(f, "unchanged (imported before): {}", self.unchanged)?;
        let skipped: u64 = self.skipped.values().sum();
        write!(f, "skipped: {skipped}")?;
        for (reason, count) in &self.skipped {
            write!(f, "\n  {count} {reason}")?;
        }
        Ok(())
    }
}

/// How an import is run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Threads whose address is a path (`/2024/05/a-story/`) are placed under this site
    /// (`https://news.example`); without it they are skipped.
    pub base_url: Option<String>,
}

/// The record kinds remembered in `imported`.
const THREAD: &str = "thread";
const COMMENT: &str = "comment";

/// Authors kept in memory between look-ups, at most (then forgotten and found again).
const AUTHOR_CACHE: usize = 10_000;
/// Records in flight between the parsing thread and the writer.
const CHANNEL: usize = 512;

struct Run<'a> {
    tribune: &'a Tribune,
    source: &'static str,
    options: &'a Options,
    import: Import,
    assessor: Arc<Assessor>,
    summary: Summary,
    authors: HashMap<String, i64>,
    /// Replies whose parent is later in the file (rare): retried at the end.
    waiting: Vec<Post>,
}

enum Placed {
    Done,
    ParentLater(Box<Post>),
}

impl Tribune {
    /// Imports `input` as `format`: all of it in one transaction, or nothing (a file that
    /// cannot be parsed is refused with where and why). `progress` is told after every record.
    pub async fn import(
        &self,
        format: Format,
        input: Input,
        options: &Options,
        progress: &mut (dyn FnMut(&Summary) + Send),
    ) -> Result<Summary> {
        let (tx, mut rx) = mpsc::channel(CHANNEL);
        let parser = match (format, &input) {
            (Format::Isso, Input::File(path)) => {
                let path = path.clone();
                tokio::spawn(async move {
                    if let Err(e) = isso::read(&path, &tx).await {
                        let _ = tx.send(Err(e)).await;
                    }
                })
            }
            (Format::Isso, Input::Bytes(_)) => {
                return Err(tribune_domain::Invalid::new(
                    "file",
                    "unsupported_upload",
                    "An Isso database is imported on the server: tribune import isso comments.db.",
                )
                .into());
            }
            _ => {
                let parse_input = input.clone();
                tokio::task::spawn_blocking(move || {
                    let emit = Emit { tx };
                    let outcome = match parse_input.open() {
                        Err(e) => Err(ParseError::new(At::File, format!("cannot be read: {e}"))),
                        Ok(reader) => match format {
                            Format::Disqus => disqus::parse(reader, &emit),
                            Format::Wordpress => wordpress::parse(reader, &emit),
                            Format::Commento => commento::parse(&parse_input, reader, &emit),
                            Format::Remark42 | Format::Isso => remark42::parse(reader, &emit),
                        },
                    };
                    if let Err(e) = outcome {
                        let _ = emit.tx.blocking_send(Err(e));
                    }
                })
            }
        };
        // Taken before the transaction: the site's secret may have to be written first.
        self.guest_hash("warm").await?;
        let mut run = Run {
            tribune: self,
            source: format.as_str(),
            options,
            import: self.store().begin_import().await?,
            assessor: self.assessor(),
            summary: Summary::default(),
            authors: HashMap::new(),
            waiting: Vec::new(),
        };
        while let Some(next) = rx.recv().await {
            let record = next.map_err(|e| refused(format, &input, e))?;
            run.record(record).await?;
            progress(&run.summary);
        }
        parser.await?;
        run.finish().await?;
        let Run {
            import, summary, ..
        } = run;
        import.commit().await?;
        self.discussions_changed();
        Ok(summary)
    }
}

/// The error for a file that cannot be parsed, with where, for a person.
fn refused(format: Format, input: &Input, e: ParseError) -> Error {
    let at = match e.at {
        At::Byte(offset) => match input.line_column(offset) {
            Some((line, column)) => format!(" at line {line}, column {column}"),
            None => format!(" at byte {offset}"),
        },
        At::Line(line, column) => format!(" at line {line}, column {column}"),
        At::File => String::new(),
    };
    tribune_domain::Invalid::new(
        "file",
        "unreadable_import",
        format!(
            "This is not a {} export that Tribune can read{at}: {}. Nothing was imported.",
            format.as_str(),
            e.message
        ),
    )
    .into()
}

impl Run<'_> {
    async fn record(&mut self, record: Record) -> Result<()> {
        match record {
            Record::Thread(thread) => self.thread(thread).await,
            Record::Skip(reason) => {
                self.summary.skip(reason);
                Ok(())
            }
            Record::Post(post) => {
                if let Placed::ParentLater(post) = self.post(Box::new(post), false).await? {
                    self.waiting.push(*post);
                }
                Ok(())
            }
        }
    }

    /// Places the replies that waited for a parent later in the file; those whose parent
    /// never came become top-level comments.
    async fn finish(&mut self) -> Result<()> {
        loop {
            let waiting = std::mem::take(&mut self.waiting);
            let before = waiting.len();
            for post in waiting {
                if let Placed::ParentLater(post) = self.post(Box::new(post), false).await? {
                    self.waiting.push(*post);
                }
            }
            if self.waiting.is_empty() {
                return Ok(());
            }
            if self.waiting.len() == before {
                for post in std::mem::take(&mut self.waiting) {
                    self.post(Box::new(post), true).await?;
                }
                return Ok(());
            }
        }
    }

    async fn thread(&mut self, thread: Thread) -> Result<()> {
        if self
            .import
            .imported(self.source, THREAD, &thread.id)
            .await?
            .is_some()
        {
            // Formats without thread records send one per comment: count each thread once.
            return Ok(());
        }
        let Some(url) = self.address(&thread) else {
            self.summary
                .skip("threads without a usable web address (see --base-url)");
            return self.remember(THREAD, &thread.id, None).await;
        };
        if thread.deleted {
            self.summary
                .skip("threads deleted in the source (with their comments)");
            return self.remember(THREAD, &thread.id, None).await;
        }
        let article = match self.import.article_by_url(url.as_str()).await? {
            Some(found) => {
                self.summary.threads_found += 1;
                found
            }
            None => {
                let article = self.open_article(&thread, &url).await?;
                self.summary.threads_opened += 1;
                article
            }
        };
        self.remember(THREAD, &thread.id, Some(article.id)).await
    }

    fn address(&self, thread: &Thread) -> Option<CanonicalUrl> {
        let raw = thread.url.trim();
        if let Ok(url) = CanonicalUrl::parse(raw, "url") {
            return Some(url);
        }
        let base = self.options.base_url.as_deref()?;
        if !raw.starts_with('/') {
            return None;
        }
        let joined = format!("{}{raw}", base.trim_end_matches('/'));
        CanonicalUrl::parse(&joined, "url").ok()
    }

    async fn open_article(
        &mut self,
        thread: &Thread,
        url: &CanonicalUrl,
    ) -> Result<tribune_domain::Article> {
        let now = Tribune::now();
        let title = thread.title.trim();
        let headline: String = if title.is_empty() {
            headline_of(url)
        } else {
            title.to_owned()
        };
        let headline: String = headline
            .chars()
            .take(tribune_domain::article::MAX_HEADLINE_CHARS)
            .collect();
        // Headlines in other scripts or of punctuation only make no slug: the address's
        // path does, else a plain word (numbered when taken).
        let slug = Slug::from_headline(&headline)
            .or_else(|_| Slug::from_headline(&headline_of(url)))
            .or_else(|_| Slug::parse("discussion"))?;
        let draft = ArticleDraft::parse(
            ArticleFields {
                slug: Some(slug.as_str().to_owned()),
                headline,
                canonical_url: url.as_str().to_owned(),
                published_at: thread.created_at.filter(|at| *at <= now),
                ..ArticleFields::default()
            },
            now,
        )?;
        let (html, paragraphs) = render_body(&draft.body_markdown);
        let body = RenderedBody {
            html: &html,
            paragraphs: &paragraphs,
        };
        for slug in slug_attempts(draft.slug.as_str()) {
            let draft = ArticleDraft {
                slug: Slug::parse(&slug)?,
                ..draft.clone()
            };
            match self.import.insert_article(&draft, &body, now).await {
                Ok(article) => return Ok(article),
                Err(tribune_store::Error::Conflict("slug")) => continue,
                Err(other) => return Err(other.into()),
            }
        }
        Err(Error::Taken {
            field: "slug",
            message: "No free slug was found for an imported thread; run the import again."
                .to_owned(),
        })
    }

    async fn remember(&mut self, kind: &str, id: &str, local: Option<i64>) -> Result<()> {
        Ok(self.import.remember(self.source, kind, id, local).await?)
    }

    /// Imports one comment. Without `orphan`, a reply whose parent has not been seen yet
    /// waits; with it, it becomes a top-level comment.
    async fn post(&mut self, post: Box<Post>, orphan: bool) -> Result<Placed> {
        let Some(id) = post.id.clone() else {
            self.summary.skip("comments without an id in the source");
            return Ok(Placed::Done);
        };
        if self
            .import
            .imported(self.source, COMMENT, &id)
            .await?
            .is_some()
        {
            self.summary.unchanged += 1;
            return Ok(Placed::Done);
        }
        let article_id = match self
            .import
            .imported(self.source, THREAD, &post.thread)
            .await?
        {
            Some(Some(article_id)) => article_id,
            Some(None) => {
                self.summary
                    .skip("comments in threads that were skipped or deleted");
                self.remember(COMMENT, &id, None).await?;
                return Ok(Placed::Done);
            }
            None => {
                self.summary
                    .skip("comments in a thread the file does not hold");
                self.remember(COMMENT, &id, None).await?;
                return Ok(Placed::Done);
            }
        };
        let created_at = match post.created_at {
            Ok(at) => at,
            Err(_) => {
                self.summary.skip("comments with an unreadable date");
                self.remember(COMMENT, &id, None).await?;
                return Ok(Placed::Done);
            }
        };
        let parent = match &post.parent {
            None => None,
            Some(parent) => match self.import.imported(self.source, COMMENT, parent).await? {
                Some(Some(local)) => self.import.parent(local).await?,
                // A parent that was skipped: the reply stands on its own.
                Some(None) => None,
                None if orphan => {
                    self.summary.orphans += 1;
                    None
                }
                None => return Ok(Placed::ParentLater(post)),
            },
        };
        let (markdown, html) = match &post.text {
            Text::Html(raw) => tribune_text::import_html(raw),
            Text::Markdown(raw) => (raw.trim().to_owned(), tribune_text::render_comment(raw)),
        };
        if markdown.trim().is_empty() && !post.deleted {
            self.summary.skip("comments with no text");
            self.remember(COMMENT, &id, None).await?;
            return Ok(Placed::Done);
        }
        let author_id = self.author(&post.author, created_at).await?;
        let assessment = self.assessor.assess(&markdown, &imported_signals());
        let fingerprint = tribune_assess::fingerprint(&markdown);
        let status = match post.state {
            State::Published => CommentStatus::Published,
            State::Pending => CommentStatus::Held,
            State::Spam => CommentStatus::Rejected,
        };
        let local = self
            .import
            .insert_comment(
                &NewComment {
                    article_id,
                    author_id,
                    parent,
                    body: Body {
                        markdown: &markdown,
                        html: &html,
                        mentions: &[],
                        quotes: &[],
                    },
                    status,
                    screening: Screening {
                        assessment: Some(&assessment),
                        fingerprint: Some(fingerprint),
                        address_hash: None,
                        rejection_reason: None,
                    },
                    created_at,
                },
                post.deleted.then_some(created_at),
            )
            .await?;
        self.remember(COMMENT, &id, Some(local)).await?;
        self.summary.comments += 1;
        match status {
            CommentStatus::Held => self.summary.held += 1,
            CommentStatus::Rejected => self.summary.rejected += 1,
            CommentStatus::Published => {}
        }
        if post.deleted {
            self.summary.deleted += 1;
        }
        Ok(Placed::Done)
    }

    /// The unclaimed profile of an imported author, keyed by the source and who they are.
    async fn author(&mut self, author: &Author, first_seen: OffsetDateTime) -> Result<i64> {
        let email = Email::parse(author.email.trim()).ok();
        let email_hash = match &email {
            Some(email) => Some(self.tribune.unclaimed_email_hash(email).await?),
            None => None,
        };
        let name = display_name(author)?;
        let who = match (&email_hash, author.username.trim()) {
            (Some(hash), _) => format!("email:{hash}"),
            (None, username) if !username.is_empty() => format!("username:{username}"),
            (None, _) => format!("name:{}", name.key()),
        };
        let key = self
            .tribune
            .guest_hash(&format!("import:{}\u{0}{who}", self.source))
            .await?;
        if let Some(id) = self.authors.get(&key) {
            return Ok(*id);
        }
        let website = CanonicalUrl::parse(author.website.trim(), "website")
            .ok()
            .map(|_| author.website.trim().to_owned());
        let user = self
            .import
            .unclaimed_profile(&NewUnclaimed {
                key: &key,
                display_name: name.as_str(),
                email_hash: email_hash.as_deref(),
                website: website.as_deref(),
                created_at: first_seen,
            })
            .await?;
        if self.authors.len() >= AUTHOR_CACHE {
            self.authors.clear();
        }
        self.authors.insert(key, user.id);
        Ok(user.id)
    }
}

/// The signals an imported comment is assessed with: nothing is known of its author's
/// history here, and bursts and duplicates of years ago say nothing now.
fn imported_signals() -> Signals {
    Signals {
        account_age_hours: 24.0 * 365.0,
        ..Signals::default()
    }
}

/// The name an imported author shows: their name, else their user name, cut to the limit,
/// else "Anonymous".
fn display_name(author: &Author) -> Result<DisplayName> {
    let given = [author.name.trim(), author.username.trim()]
        .into_iter()
        .filter(|n| !n.is_empty())
        .find_map(|n| {
            let cut: String = n
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .chars()
                .take(DisplayName::MAX_CHARS)
                .collect();
            DisplayName::parse(cut.trim()).ok()
        });
    match given {
        Some(name) => Ok(name),
        None => Ok(DisplayName::parse(crate::isso::ANONYMOUS)?),
    }
}

/// A headline for a thread without a title: its address's path, else its host.
fn headline_of(url: &CanonicalUrl) -> String {
    let raw = url.as_str();
    let after_scheme = raw.split_once("://").map_or(raw, |(_, rest)| rest);
    match after_scheme.split_once('/') {
        Some((_, path)) if !path.is_empty() => format!("/{path}"),
        _ => url.host().to_owned(),
    }
}

/// Parses an RFC 3339 time, or the `YYYY-MM-DD HH:MM:SS` (UTC) that WordPress and Isso write.
pub(crate) fn parse_time(raw: &str) -> Result<OffsetDateTime, String> {
    use time::format_description::well_known::Rfc3339;
    let raw = raw.trim();
    if let Ok(at) = OffsetDateTime::parse(raw, &Rfc3339) {
        return Ok(at);
    }
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    time::PrimitiveDateTime::parse(raw, &format)
        .map(|at| at.assume_utc())
        .map_err(|_| raw.to_owned())
}

impl Tribune {
    /// Imports an export an administrator uploaded on the admin pages: small files only
    /// ([`MAX_UPLOAD_BYTES`]); bigger ones go through `tribune import` on the server.
    pub async fn import_upload(
        &self,
        by: &tribune_domain::User,
        format: Format,
        bytes: Vec<u8>,
        options: &Options,
    ) -> Result<Summary> {
        if !by.role.is_admin() {
            return Err(Error::Forbidden("Only administrators can import comments."));
        }
        if bytes.is_empty() {
            return Err(tribune_domain::Invalid::new(
                "file",
                "empty",
                "Choose an export file to import.",
            )
            .into());
        }
        if bytes.len() > MAX_UPLOAD_BYTES {
            return Err(tribune_domain::Invalid::new(
                "file",
                "too_large",
                format!(
                    "This file is larger than the {} MiB the admin pages take: import it on the \
                     server with `tribune import {} FILE`.",
                    MAX_UPLOAD_BYTES / (1024 * 1024),
                    format.as_str()
                ),
            )
            .into());
        }
        self.import(
            format,
            Input::Bytes(bytes.into()),
            options,
            &mut |_: &Summary| {},
        )
        .await
    }
}
