//! Comments: what readers write under an article.

use serde::Serialize;
use time::OffsetDateTime;
use unicode_normalization::UnicodeNormalization;

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
                     Shorten it by {} characters.",
                    count - max_chars
                ),
            ));
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
    pub body_markdown: String,
    /// Rendered once, at write time, to sanitized HTML.
    pub body_html: String,
    pub status: CommentStatus,
    pub created_at: OffsetDateTime,
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
