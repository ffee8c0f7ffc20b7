//! Publishing and reading articles.

use std::sync::Arc;

use tribune_domain::CommentPolicy;
use tribune_domain::article::Paragraph;
use tribune_domain::article::{ArticleFields, ClosedReason};
use tribune_domain::{Article, ArticleDraft, CanonicalUrl, Invalid, Slug};
use tribune_store::{ArticleCursor, RenderedBody};

use crate::{Error, Result, Tribune};

/// A page of the article list.
#[derive(Debug, Clone)]
pub struct ArticlePage {
    pub articles: Vec<Article>,
    pub next_cursor: Option<String>,
}

/// Who publishes: a newsroom system (an editor token that [`Tribune::editor`] accepted, or
/// the operator's command line), or an account, which must be an administrator.
#[derive(Debug, Clone, Copy)]
pub enum Publisher<'a> {
    Editor(&'a crate::accounts::Editor),
    Admin(&'a tribune_domain::User),
}

impl Publisher<'_> {
    fn authorize(self) -> Result<()> {
        match self {
            Publisher::Editor(_) => Ok(()),
            Publisher::Admin(user) if user.role.is_admin() => Ok(()),
            Publisher::Admin(_) => Err(Error::Forbidden(
                "Only administrators and newsroom editors can publish articles.",
            )),
        }
    }
}

impl Tribune {
    /// The policy under which an article takes comments at `now`, with the site's default
    /// closing time; closed discussions say why.
    pub fn discussion_policy(
        &self,
        article: &Article,
        now: time::OffsetDateTime,
    ) -> Result<CommentPolicy, ClosedReason> {
        article.policy_at(now, self.close_after())
    }

    /// When an article's discussion closes, if it does.
    pub fn closing_time(&self, article: &Article) -> Option<time::OffsetDateTime> {
        article.closing_time(self.close_after())
    }

    fn close_after(&self) -> Option<time::Duration> {
        let days = self.settings().comments.close_after_days;
        (days > 0).then(|| time::Duration::days(days))
    }

    pub async fn create_article(
        &self,
        by: Publisher<'_>,
        fields: ArticleFields,
    ) -> Result<Article> {
        by.authorize()?;
        let now = Self::now();
        let draft = ArticleDraft::parse(fields, now)?;
        let (html, paragraphs) = render_body(&draft.body_markdown);
        self.store()
            .insert_article(
                &draft,
                &RenderedBody {
                    html: &html,
                    paragraphs: &paragraphs,
                },
                now,
            )
            .await
            .map_err(slug_taken)
    }

    /// Replaces an article's fields (a full replacement); without a slug or a publication
    /// time it keeps the current ones, so links and ordering survive an edit.
    pub async fn update_article(
        &self,
        by: Publisher<'_>,
        slug: &str,
        fields: ArticleFields,
    ) -> Result<Article> {
        by.authorize()?;
        let current = self.article(slug).await?;
        let now = Self::now();
        let fields = ArticleFields {
            slug: fields.slug.or(Some(current.slug.clone())),
            published_at: fields.published_at.or(Some(current.published_at)),
            ..fields
        };
        let draft = ArticleDraft::parse(fields, now)?;
        let (html, paragraphs) = render_body(&draft.body_markdown);
        let updated = self
            .store()
            .update_article(
                &current.slug,
                &draft,
                &RenderedBody {
                    html: &html,
                    paragraphs: &paragraphs,
                },
                now,
            )
            .await
            .map_err(|e| match e {
                tribune_store::Error::NotFound => Error::NotFound("article"),
                other => slug_taken(other),
            })?;
        self.discussion_changed(updated.id);
        Ok(updated)
    }

    pub async fn article(&self, slug: &str) -> Result<Article> {
        self.store()
            .article(slug)
            .await?
            .ok_or(Error::NotFound("article"))
    }

    /// An article readers may see: one dated in the future is not found until its time
    /// (as the list leaves it out); the newsroom edits it through [`Tribune::article`].
    pub async fn published_article(&self, slug: &str) -> Result<Article> {
        published(self.article(slug).await?)
    }

    /// An article readers may see, as [`Tribune::published_article`], for showing its
    /// discussion: from this node's memory while no change to it was heard (see
    /// [`crate::shown_articles`]), so a page served from the page cache costs no query.
    /// Writes read [`Tribune::published_article`], which always asks the database.
    pub async fn article_to_show(&self, slug: &str) -> Result<Arc<Article>> {
        let shown = &self.inner.shown_articles;
        let article = match shown.get(slug) {
            Ok(article) => article,
            Err(ticket) => {
                let article = Arc::new(self.article(slug).await?);
                shown.keep(slug, Arc::clone(&article), ticket);
                article
            }
        };
        // Checked on every use, not when kept: an article dated in the future appears at
        // its time.
        published(article)
    }

    pub async fn article_by_id(&self, id: i64) -> Result<Article> {
        self.store()
            .article_by_id(id)
            .await?
            .ok_or(Error::NotFound("article"))
    }

    /// Published articles, newest first. A malformed cursor is a 4xx, not a silent restart.
    pub async fn articles(&self, cursor: Option<&str>, limit: usize) -> Result<ArticlePage> {
        let cursor = cursor
            .filter(|c| !c.is_empty())
            .map(|c| {
                ArticleCursor::decode(c).ok_or_else(|| {
                    Invalid::new(
                        "cursor",
                        "invalid_cursor",
                        "That page cursor is not valid; start from the first page.",
                    )
                })
            })
            .transpose()?;
        let limit = limit.clamp(1, 100);
        let mut articles = self
            .store()
            .articles(Self::now(), cursor, i64::try_from(limit + 1).unwrap_or(101))
            .await?;
        let next_cursor = if articles.len() > limit {
            articles.truncate(limit);
            articles.last().map(|a| ArticleCursor::after(a).encode())
        } else {
            None
        };
        Ok(ArticlePage {
            articles,
            next_cursor,
        })
    }
}

/// An article body rendered once for storage: the whole, and paragraph by paragraph.
pub(crate) fn render_body(markdown: &str) -> (String, Vec<Paragraph>) {
    let paragraphs: Vec<Paragraph> = tribune_text::render_paragraphs(markdown)
        .into_iter()
        .map(|p| Paragraph {
            html: p.html,
            text: p.text,
        })
        .collect();
    let html = paragraphs
        .iter()
        .map(|p| p.html.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    (html, paragraphs)
}

fn slug_taken(err: tribune_store::Error) -> Error {
    match err {
        tribune_store::Error::Conflict("canonical_url") => Error::Taken {
            field: "canonical_url",
            message: "Another article already has that canonical URL: one page has one \
                      discussion."
                .to_owned(),
        },
        tribune_store::Error::Conflict(_) => Error::Taken {
            field: "slug",
            message: "Another article already has that slug; choose another.".to_owned(),
        },
        other => other.into(),
    }
}

/// Reads an article file: Markdown with TOML front matter between `+++` lines (the body
/// follows it), or a JSON object with the same keys and `body`.
pub fn parse_article_file(text: &str) -> Result<ArticleFields, String> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') {
        return serde_json::from_str(trimmed).map_err(|e| format!("JSON: {e}"));
    }
    let rest = trimmed
        .strip_prefix("+++")
        .ok_or("the file must start with `+++` (TOML front matter) or `{` (JSON)")?;
    let (front, body) = rest
        .split_once("\n+++")
        .ok_or("the front matter is not closed by a `+++` line")?;
    let fields: ArticleFields = toml::from_str(front).map_err(|e| format!("front matter: {e}"))?;
    let body = body.strip_prefix('\n').unwrap_or(body);
    Ok(ArticleFields {
        body: body.to_owned(),
        ..fields
    })
}

/// The most slugs tried for an article opened from an address before one with a random
/// suffix: headlines repeat ("Live updates"), addresses do not.
const SLUG_ATTEMPTS: usize = 5;

/// `article` if it is out now; one dated in the future is not found until its time.
pub(crate) fn published<A: std::borrow::Borrow<Article>>(article: A) -> Result<A> {
    if article.borrow().is_published_at(Tribune::now()) {
        Ok(article)
    } else {
        Err(Error::NotFound("article"))
    }
}

/// The slugs tried in turn for an article opened from an address: the headline's, then
/// numbered, then with a random suffix.
pub(crate) fn slug_attempts(slug: &str) -> impl Iterator<Item = String> {
    // Room for a suffix within the slug's length limit.
    let base: String = slug.chars().take(100).collect();
    let base = base.trim_end_matches('-').to_owned();
    (0..=SLUG_ATTEMPTS).map(move |attempt| match attempt {
        0 => base.clone(),
        n if n < SLUG_ATTEMPTS => format!("{base}-{}", n + 1),
        _ => format!("{base}-{}", crate::secret::short_suffix()),
    })
}

impl Tribune {
    /// The allowlisted site (`embed.allowed_origins`) an address belongs to, as the address in
    /// its canonical form; addresses of other sites are refused.
    pub fn admit_url(&self, raw: &str) -> Result<CanonicalUrl> {
        let url = CanonicalUrl::parse(raw, "url")?;
        // Validated at start-up, so an entry that fails to parse here is simply skipped.
        let origins = self.settings().embed.origins().unwrap_or_default();
        let origin = origins
            .iter()
            .find(|origin| origin.host() == url.host())
            .ok_or(Error::Forbidden(
                "This address is not on a site this Tribune serves: its operator lists the \
                 sites whose pages may have discussions in embed.allowed_origins.",
            ))?;
        Ok(url.with_origin(origin, "url")?)
    }

    /// The article at an address, if there is one (any site: editors may name any page).
    pub async fn article_at(&self, url: &CanonicalUrl) -> Result<Option<Article>> {
        Ok(self.store().article_by_url(url.as_str()).await?)
    }

    /// The article at `fields.canonical_url`, opened from `fields` if there is none yet: how a
    /// newsroom's own pages (embed, Isso-compatible API) and feeds get a discussion without an
    /// editor. Callers check that the address may have one ([`Tribune::admit_url`], or a feed
    /// the operator configured). Two nodes opening the same address at once make one article.
    pub async fn open_article_at(&self, fields: ArticleFields) -> Result<Article> {
        let now = Self::now();
        let draft = ArticleDraft::parse(fields, now)?;
        if let Some(found) = self.store().article_by_url(&draft.canonical_url).await? {
            return Ok(found);
        }
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
            match self.store().insert_article(&draft, &body, now).await {
                Ok(article) => return Ok(article),
                Err(tribune_store::Error::Conflict("canonical_url")) => {
                    return self
                        .store()
                        .article_by_url(&draft.canonical_url)
                        .await?
                        .ok_or(Error::NotFound("article"));
                }
                Err(tribune_store::Error::Conflict(_)) => continue,
                Err(other) => return Err(other.into()),
            }
        }
        Err(Error::Taken {
            field: "slug",
            message: "No free slug was found for this article; try again.".to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_and_json() {
        let md = "+++\nheadline = \"H\"\npublished_at = \"2026-11-24T07:30:00Z\"\ntags = [\"a\"]\n+++\nPara one.\n\nPara two.\n";
        let fields = parse_article_file(md).unwrap();
        assert_eq!(fields.headline, "H");
        assert_eq!(fields.body, "Para one.\n\nPara two.\n");
        assert!(fields.published_at.is_some());

        let json = r#"{"headline": "H", "body": "B", "comment_policy": "closed"}"#;
        let fields = parse_article_file(json).unwrap();
        assert_eq!(
            (fields.body.as_str(), fields.comment_policy.as_deref()),
            ("B", Some("closed"))
        );

        assert!(parse_article_file("no front matter").is_err());
        assert!(parse_article_file("+++\nheadline = 1\n+++\n").is_err());
        assert!(
            parse_article_file("+++\nheadlin = \"x\"\n+++\n").is_err(),
            "typos are reported"
        );
    }
}
