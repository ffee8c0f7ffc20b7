//! Articles: what a newsroom publishes and readers discuss.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::validation::{Invalid, single_line};

/// Whether and how an article takes comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CommentPolicy {
    /// Comments are taken under the site's moderation mode.
    #[default]
    Open,
    /// Comments are published at once unless the assessment holds them.
    PostModerated,
    /// Comments wait for a moderator before anyone else sees them.
    PreModerated,
    /// Comments of accounts not yet trusted wait for a moderator.
    PreModerateUntrusted,
    /// No new comments.
    Closed,
}

impl CommentPolicy {
    pub fn as_str(self) -> &'static str {
        match self {
            CommentPolicy::Open => "open",
            CommentPolicy::PostModerated => "post-moderated",
            CommentPolicy::PreModerated => "pre-moderated",
            CommentPolicy::PreModerateUntrusted => "pre-moderate-untrusted",
            CommentPolicy::Closed => "closed",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        match raw.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "" | "open" => Ok(CommentPolicy::Open),
            "post-moderated" => Ok(CommentPolicy::PostModerated),
            "pre-moderated" | "premoderated" => Ok(CommentPolicy::PreModerated),
            "pre-moderate-untrusted" => Ok(CommentPolicy::PreModerateUntrusted),
            "closed" => Ok(CommentPolicy::Closed),
            _ => Err(Invalid::new(
                "comment_policy",
                "unknown_policy",
                "The comment policy must be open, post-moderated, pre-moderated, pre-moderate-untrusted or closed.",
            )),
        }
    }
}

/// The part of an article's URL after `/articles/`: lowercase ASCII letters, digits and
/// single hyphens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slug(String);

impl Slug {
    pub const MAX_CHARS: usize = 120;

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let value = raw.trim();
        let valid = !value.is_empty()
            && value.len() <= Self::MAX_CHARS
            && value
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !value.starts_with('-')
            && !value.ends_with('-')
            && !value.contains("--");
        if !valid {
            return Err(Invalid::new(
                "slug",
                "invalid_slug",
                format!(
                    "A slug is 1 to {} lowercase letters, digits and single hyphens, such as \
                     `harbour-bridge-closure`.",
                    Self::MAX_CHARS
                ),
            )
            .with_limit(Self::MAX_CHARS));
        }
        Ok(Self(value.to_owned()))
    }

    /// A slug derived from a headline, for editors who do not choose one.
    pub fn from_headline(headline: &str) -> Result<Self, Invalid> {
        let mut slug = String::new();
        for c in headline.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_alphanumeric() {
                slug.push(c);
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
            if slug.len() >= 80 {
                break;
            }
        }
        Self::parse(slug.trim_matches('-'))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// An article as stored and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Article {
    pub id: i64,
    pub slug: String,
    pub headline: String,
    pub lead: String,
    pub body_markdown: String,
    /// The body rendered once, at write time, to sanitized HTML.
    pub body_html: String,
    /// The same body paragraph by paragraph, for anchors and for checking quotations.
    pub paragraphs: Vec<Paragraph>,
    pub byline: String,
    pub dateline: String,
    pub credit: String,
    /// For syndicated copy: the wire service or publisher it came from.
    pub source: String,
    /// For syndicated copy: the rights notice that must be shown with it.
    pub rights: String,
    pub tags: Vec<String>,
    pub canonical_url: String,
    pub published_at: OffsetDateTime,
    pub comment_policy: CommentPolicy,
    /// After this moment the discussion is closed whatever the policy says.
    pub closes_at: Option<OffsetDateTime>,
    /// Published comments only.
    pub comment_count: i64,
    /// Changes whenever anything in the discussion changes.
    pub discussion_version: i64,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    /// A public note from the moderators shown above the discussion.
    pub moderator_note: Option<String>,
    /// The number of the discussion's latest event (see [`crate::live`]): a live stream opened
    /// from this page continues after it.
    pub last_event: i64,
}

/// One paragraph of an article body: sanitized HTML, and its plain text for matching quotes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub html: String,
    pub text: String,
}

/// Why an article does not take a comment now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClosedReason {
    Closed,
    ClosingTimePassed,
}

impl Article {
    /// Whether the article is out at `now`: one dated in the future is not, until then.
    pub fn is_published_at(&self, now: OffsetDateTime) -> bool {
        self.published_at <= now
    }

    /// When the discussion closes: the article's own closing time, or else `close_after`
    /// (the site's setting) after publication.
    pub fn closing_time(&self, close_after: Option<time::Duration>) -> Option<OffsetDateTime> {
        self.closes_at
            .or_else(|| close_after.map(|after| self.published_at + after))
    }

    /// The effective policy at `now`: an article past its closing time is closed.
    pub fn policy_at(
        &self,
        now: OffsetDateTime,
        close_after: Option<time::Duration>,
    ) -> Result<CommentPolicy, ClosedReason> {
        match (self.comment_policy, self.closing_time(close_after)) {
            (CommentPolicy::Closed, _) => Err(ClosedReason::Closed),
            (_, Some(closes_at)) if now >= closes_at => Err(ClosedReason::ClosingTimePassed),
            (policy, _) => Ok(policy),
        }
    }
}

/// Everything an editor supplies for an article, validated. Markdown rendering happens
/// outside the domain; `body_markdown` is kept as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleDraft {
    pub slug: Slug,
    pub headline: String,
    pub lead: String,
    pub body_markdown: String,
    pub byline: String,
    pub dateline: String,
    pub credit: String,
    pub source: String,
    pub rights: String,
    pub tags: Vec<String>,
    pub canonical_url: String,
    pub published_at: OffsetDateTime,
    pub comment_policy: CommentPolicy,
    pub closes_at: Option<OffsetDateTime>,
}

/// The raw fields of an article as any input (form, JSON, file) gives them. Deserializable
/// for article files; timestamps there are RFC 3339 strings, and unknown keys are typos.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ArticleFields {
    pub slug: Option<String>,
    pub headline: String,
    pub lead: String,
    pub body: String,
    pub byline: String,
    pub dateline: String,
    pub credit: String,
    pub source: String,
    pub rights: String,
    pub tags: Vec<String>,
    pub canonical_url: String,
    #[serde(with = "time::serde::rfc3339::option")]
    pub published_at: Option<OffsetDateTime>,
    pub comment_policy: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub closes_at: Option<OffsetDateTime>,
}

/// The longest article body accepted, in characters.
pub const MAX_BODY_CHARS: usize = 200_000;
/// The most tags an article carries.
pub const MAX_TAGS: usize = 20;
/// The longest headline, in characters.
pub const MAX_HEADLINE_CHARS: usize = 300;
/// The longest lead, in characters.
pub const MAX_LEAD_CHARS: usize = 2_000;
/// The longest byline, source and tag, in characters.
pub const MAX_BYLINE_CHARS: usize = 200;
pub const MAX_SOURCE_CHARS: usize = 200;
pub const MAX_TAG_CHARS: usize = 50;
/// The longest rights notice, in characters.
pub const MAX_RIGHTS_CHARS: usize = 2_000;

impl ArticleDraft {
    /// Validates raw fields; `now` is the publication time when none is given.
    pub fn parse(fields: ArticleFields, now: OffsetDateTime) -> Result<Self, Invalid> {
        let headline = single_line(
            "headline",
            "A headline",
            &fields.headline,
            true,
            MAX_HEADLINE_CHARS,
        )?;
        let slug = match fields.slug.as_deref().map(str::trim) {
            Some(raw) if !raw.is_empty() => Slug::parse(raw)?,
            _ => Slug::from_headline(&headline)?,
        };
        let lead = multi_line("lead", "The lead", &fields.lead, MAX_LEAD_CHARS)?;
        let body_markdown = multi_line("body", "The body", &fields.body, MAX_BODY_CHARS)?;
        // Canonical, so that an embed or a feed naming the same page finds this article.
        let canonical_url = match fields.canonical_url.trim() {
            "" => String::new(),
            raw => crate::CanonicalUrl::parse(raw, "canonical_url")?.to_string(),
        };
        let mut tags = Vec::new();
        for raw in &fields.tags {
            let tag = single_line("tags", "A tag", raw, false, MAX_TAG_CHARS)?;
            if !tag.is_empty() && !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        if tags.len() > MAX_TAGS {
            return Err(Invalid::new(
                "tags",
                "too_many",
                format!("An article takes at most {MAX_TAGS} tags."),
            )
            .with_limit(MAX_TAGS));
        }
        let comment_policy = CommentPolicy::parse(fields.comment_policy.as_deref().unwrap_or(""))?;
        let published_at = fields.published_at.unwrap_or(now);
        if let Some(closes_at) = fields.closes_at
            && closes_at < published_at
        {
            return Err(Invalid::new(
                "closes_at",
                "before_publication",
                "The closing time must come after the publication time.",
            ));
        }
        Ok(Self {
            slug,
            headline,
            lead,
            body_markdown,
            byline: single_line(
                "byline",
                "The byline",
                &fields.byline,
                false,
                MAX_BYLINE_CHARS,
            )?,
            dateline: single_line("dateline", "The dateline", &fields.dateline, false, 100)?,
            credit: multi_line("credit", "The credit line", &fields.credit, 1_000)?,
            source: single_line(
                "source",
                "The source",
                &fields.source,
                false,
                MAX_SOURCE_CHARS,
            )?,
            rights: multi_line(
                "rights",
                "The rights notice",
                &fields.rights,
                MAX_RIGHTS_CHARS,
            )?,
            tags,
            canonical_url,
            published_at,
            comment_policy,
            closes_at: fields.closes_at,
        })
    }
}

/// A free-text field that may span lines: trimmed, no control characters but line breaks
/// and tabs.
fn multi_line(
    field: &'static str,
    label: &str,
    raw: &str,
    max_chars: usize,
) -> Result<String, Invalid> {
    let value = raw.trim().replace("\r\n", "\n");
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(Invalid::new(
            field,
            "invalid_characters",
            format!("{label} contains control characters; please remove them."),
        ));
    }
    crate::validation::within_length(field, label, value, max_chars)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn slugs() {
        assert!(Slug::parse("harbour-bridge-closure").is_ok());
        for bad in ["", "-a", "a-", "a--b", "A", "a b", "a/b", "ü"] {
            assert!(Slug::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Slug::from_headline("Dam release: “It was like a wall”").map(Slug::into_string),
            Ok("dam-release-it-was-like-a-wall".to_owned())
        );
    }

    #[test]
    fn draft_defaults_and_rules() {
        let now = datetime!(2026-11-24 07:30 UTC);
        let fields = ArticleFields {
            headline: "  Council votes  ".into(),
            body: "One.\n\nTwo.".into(),
            tags: vec!["a".into(), "a".into(), " ".into()],
            ..Default::default()
        };
        let draft = ArticleDraft::parse(fields.clone(), now).unwrap();
        assert_eq!(draft.slug.as_str(), "council-votes");
        assert_eq!(draft.tags, vec!["a".to_owned()]);
        assert_eq!(draft.published_at, now);
        assert_eq!(draft.comment_policy, CommentPolicy::Open);

        let no_headline = ArticleFields {
            headline: " ".into(),
            ..fields.clone()
        };
        assert_eq!(
            ArticleDraft::parse(no_headline, now).map_err(|e| e.field),
            Err("headline")
        );
        let bad_url = ArticleFields {
            canonical_url: "javascript:alert(1)".into(),
            ..fields
        };
        assert_eq!(
            ArticleDraft::parse(bad_url, now).map_err(|e| e.field),
            Err("canonical_url")
        );
    }
}
