//! Comments: what readers write under an article.

use serde::Serialize;
use time::{Duration, OffsetDateTime};
use unicode_normalization::UnicodeNormalization;

use crate::mention::Mention;
use crate::quote::Quote;
use crate::validation::Invalid;

/// Where a comment stands. Only `Published` comments are shown to everyone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CommentStatus {
    Published,
    /// Waiting for a moderator.
    Held,
    Rejected,
}

impl CommentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CommentStatus::Published => "published",
            CommentStatus::Held => "held",
            CommentStatus::Rejected => "rejected",
        }
    }

    /// Reads a stored status; anything unknown is treated as not public.
    pub fn from_stored(raw: &str) -> Self {
        match raw {
            "published" => CommentStatus::Published,
            "rejected" => CommentStatus::Rejected,
            _ => CommentStatus::Held,
        }
    }
}

/// The Markdown a reader wrote, NFC-normalized and trimmed, within the length limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentBody(String);

impl CommentBody {
    /// Validates a body against `max_chars` (the site's configured limit).
    pub fn parse(raw: &str, max_chars: usize) -> Result<Self, Invalid> {
        let value: String = raw.replace("\r\n", "\n").nfc().collect();
        let value = value.trim();
        if value
            .chars()
            .all(|c| c.is_whitespace() || crate::validation::is_invisible_format(c))
        {
            return Err(Invalid::new(
                "body",
                "empty",
                "Your comment is empty. Write something before posting.",
            ));
        }
        if value.contains('\0') {
            return Err(Invalid::new(
                "body",
                "invalid_characters",
                "Your comment contains a NUL character; please remove it.",
            ));
        }
        let count = value.chars().count();
        if count > max_chars {
            return Err(Invalid::new(
                "body",
                "too_long",
                format!(
                    "Your comment is {count} characters long; the limit is {max_chars}. \
                     Shorten it by {}.",
                    match count - max_chars {
                        1 => "1 character".to_owned(),
                        over => format!("{over} characters"),
                    }
                ),
            )
            .with_count(count)
            .with_limit(max_chars));
        }
        Ok(Self(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A comment with its author's public name, as the discussion shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comment {
    pub id: i64,
    pub article_id: i64,
    pub author_id: i64,
    pub author_name: String,
    /// The author is a guest (an unclaimed profile), not a registered reader.
    pub author_guest: bool,
    /// The website a guest author gave, if any.
    pub author_website: Option<String>,
    /// The comment this one answers, and its author's name ("in reply to …").
    pub parent_id: Option<i64>,
    pub parent_author: Option<String>,
    /// The top-level comment of its thread (itself when top-level), and how deep it sits.
    pub root_id: i64,
    pub depth: i64,
    pub body_markdown: String,
    /// Rendered once, at write time, to sanitized HTML.
    pub body_html: String,
    pub mentions: Vec<Mention>,
    pub quotes: Vec<Quote>,
    pub status: CommentStatus,
    pub reaction_count: i64,
    pub created_at: OffsetDateTime,
    pub edited_at: Option<OffsetDateTime>,
    /// Deleted by its author: it stays in the thread as "comment deleted", without its text.
    pub deleted: bool,
    /// Chosen by a moderator to stand out.
    pub featured: bool,
    /// A public note by a moderator, shown with the comment.
    pub moderator_note: Option<String>,
    /// Why a moderator rejected it; shown to its author only.
    pub rejection_reason: Option<String>,
}

impl Comment {
    /// Whether `user_id` may still edit this comment at `now`: its author, within `window`
    /// of posting, and not after deleting it.
    pub fn editable_by(
        &self,
        user_id: i64,
        now: OffsetDateTime,
        window: Duration,
    ) -> Result<(), EditRefused> {
        if self.author_id != user_id {
            return Err(EditRefused::NotAuthor);
        }
        if self.deleted {
            return Err(EditRefused::Deleted);
        }
        if now - self.created_at > window {
            return Err(EditRefused::WindowClosed);
        }
        Ok(())
    }

    /// The comment as readers may see it once deleted: no text, no mentions, no quotes.
    pub fn redacted(mut self) -> Self {
        if self.deleted {
            self.body_markdown.clear();
            self.body_html.clear();
            self.mentions.clear();
            self.quotes.clear();
        }
        self
    }
}

/// Why an edit is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditRefused {
    NotAuthor,
    Deleted,
    WindowClosed,
}

/// The order of a discussion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CommentSort {
    #[default]
    Oldest,
    Newest,
    /// Most reactions first; ties oldest first.
    Liked,
}

impl CommentSort {
    pub const ALL: [CommentSort; 3] =
        [CommentSort::Oldest, CommentSort::Newest, CommentSort::Liked];

    pub fn as_str(self) -> &'static str {
        match self {
            CommentSort::Oldest => "oldest",
            CommentSort::Newest => "newest",
            CommentSort::Liked => "liked",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        match raw {
            "" | "oldest" => Ok(CommentSort::Oldest),
            "newest" => Ok(CommentSort::Newest),
            "liked" | "most-liked" => Ok(CommentSort::Liked),
            _ => Err(Invalid::new(
                "sort",
                "unknown_sort",
                "The sort must be oldest, newest or liked.",
            )),
        }
    }
}

/// How a discussion is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DiscussionView {
    /// Every comment in order; replies say whom they answer.
    #[default]
    Flat,
    /// Replies nested under what they answer, to a depth cap.
    Threaded,
}

impl DiscussionView {
    pub fn as_str(self) -> &'static str {
        match self {
            DiscussionView::Flat => "flat",
            DiscussionView::Threaded => "threaded",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        match raw {
            "flat" => Ok(DiscussionView::Flat),
            "threaded" => Ok(DiscussionView::Threaded),
            _ => Err(Invalid::new(
                "view",
                "unknown_view",
                "The view must be flat or threaded.",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_rules() {
        assert_eq!(
            CommentBody::parse("  hello \r\n", 10).map(|b| b.0),
            Ok("hello".to_owned())
        );
        assert_eq!(
            CommentBody::parse(" \n\t ", 10).map_err(|e| e.code),
            Err("empty")
        );
        assert_eq!(
            CommentBody::parse("\u{200B}", 10).map_err(|e| e.code),
            Err("empty")
        );
        assert_eq!(
            CommentBody::parse("a\0b", 10).map_err(|e| e.code),
            Err("invalid_characters")
        );
        assert_eq!(
            CommentBody::parse("12345678901", 10).map_err(|e| e.code),
            Err("too_long")
        );
        assert!(
            CommentBody::parse("ééééééééé", 10).is_ok(),
            "limit counts characters, not bytes"
        );
    }
}
