//! The demo: an original wire story and a discussion of it, so that a new site shows a living
//! page at once. Loaded once per database (`tribune serve --demo`).

use serde::Deserialize;
use time::Duration;
use tribune_domain::{CommentBody, CommentStatus, DisplayName, Role};
use tribune_store::NewUser;

use crate::{Error, Result, Tribune};

const ARTICLE: &str = include_str!("../demo/article.md");
const DISCUSSION: &str = include_str!("../demo/discussion.json");
pub(crate) const LOADED_KEY: &str = "demo_loaded";

#[derive(Deserialize)]
struct DemoComment {
    author: String,
    minutes_after_publication: i64,
    body: String,
    /// The index of an earlier comment in the file that this one answers.
    reply_to: Option<usize>,
}

/// What loading the demo did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DemoOutcome {
    Loaded { slug: String, comments: usize },
    AlreadyLoaded,
}

impl Tribune {
    /// Loads the demo article, its readers and their discussion, unless it was loaded
    /// before. Demo readers have no password: nobody can log in as them.
    pub async fn load_demo(&self) -> Result<DemoOutcome> {
        if self.store().meta(LOADED_KEY).await?.is_some() {
            return Ok(DemoOutcome::AlreadyLoaded);
        }
        let fields = crate::articles::parse_article_file(ARTICLE)
            .map_err(|e| Error::Internal(format!("demo article: {e}")))?;
        let now = Self::now();
        let draft = tribune_domain::ArticleDraft::parse(fields, now)?;
        let (html, paragraphs) = crate::articles::render_body(&draft.body_markdown);
        let body = tribune_store::RenderedBody {
            html: &html,
            paragraphs: &paragraphs,
        };
        let article = match self.store().article(draft.slug.as_str()).await? {
            Some(existing) => existing,
            None => self.store().insert_article(&draft, &body, now).await?,
        };
        let comments: Vec<DemoComment> = serde_json::from_str(DISCUSSION)
            .map_err(|e| Error::Internal(format!("demo discussion: {e}")))?;
        let mut authors = std::collections::HashMap::new();
        let mut stored: Vec<tribune_domain::Comment> = Vec::with_capacity(comments.len());
        for comment in &comments {
            let author_id = match authors.get(&comment.author) {
                Some(id) => *id,
                None => {
                    let id = self.demo_reader(&comment.author).await?;
                    authors.insert(comment.author.clone(), id);
                    id
                }
            };
            let body = CommentBody::parse(&comment.body, self.settings().comments.max_length)?;
            let parent = comment.reply_to.and_then(|i| stored.get(i)).cloned();
            let created_at =
                article.published_at + Duration::minutes(comment.minutes_after_publication);
            // Assessed as an established reader's comment, so moderators see its scores.
            let assessment = self.assessor().assess(body.as_str(), &established_reader());
            let screening = tribune_store::Screening {
                assessment: Some(&assessment),
                fingerprint: Some(tribune_assess::fingerprint(body.as_str())),
                address_hash: None,
                rejection_reason: None,
            };
            let written = self
                .write_comment(
                    &article,
                    crate::comments::Written {
                        author_id,
                        body: &body,
                        parent,
                        status: CommentStatus::Published,
                        screening,
                        created_at,
                    },
                )
                .await?;
            stored.push(written);
        }
        self.store().set_meta(LOADED_KEY, &article.slug).await?;
        Ok(DemoOutcome::Loaded {
            slug: article.slug,
            comments: comments.len(),
        })
    }

    /// The demo account for `name`, created if needed.
    async fn demo_reader(&self, name: &str) -> Result<i64> {
        let display_name = DisplayName::parse(name)?;
        let key = display_name.key();
        if let Some(user) = self.store().user_by_name_key(&key).await? {
            return Ok(user.id);
        }
        let role = if name.starts_with("Moderator") {
            Role::Moderator
        } else {
            Role::Reader
        };
        let email = format!("{key}@demo.invalid");
        let user = self
            .store()
            .insert_user(&NewUser {
                email: &email,
                display_name: display_name.as_str(),
                name_key: &key,
                password_hash: None,
                role,
                created_at: Self::now(),
            })
            .await?;
        Ok(user.id)
    }
}

/// What the assessment knows of a demo reader: a year-old account with a good record.
fn established_reader() -> tribune_assess::Signals {
    tribune_assess::Signals {
        account_age_hours: 24.0 * 365.0,
        approved_comments: 50,
        ..Default::default()
    }
}
